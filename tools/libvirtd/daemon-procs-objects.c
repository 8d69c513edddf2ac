/* daemon-procs-objects.c: the storage, interface and node device calls
 * dispatchgen.py does not generate: ListAll arrays checked against the
 * reply's limit. */
#include <string.h>

#include "daemon-dispatch-table.h"
#include "error.h"

/* Check a ListAll result against the reply's limit; frees it when too long. */
static bool fitsReply(int n, int max, void **objs, void (*release)(void *), const char *what)
{
    if (n <= max)
        return true;
    for (int i = 0; objs && i < n; i++)
        release(objs[i]);
    free(objs);
    virtErrorRaise(NULL, NULL, NULL, VIR_FROM_RPC, VIR_ERR_RPC,
                   "too many %s (%d) for one reply", what, n);
    return false;
}

static void releasePool(void *p) { virStoragePoolFree(p); }
static void releaseVol(void *p) { virStorageVolFree(p); }
static void releaseIface(void *p) { virInterfaceFree(p); }
static void releaseDev(void *p) { virNodeDeviceFree(p); }

DAEMON_PROC(CONNECT_LIST_ALL_STORAGE_POOLS)
{
    remote_connect_list_all_storage_pools_args *args = argsp;
    remote_connect_list_all_storage_pools_ret *ret = retp;
    virStoragePoolPtr *objs = NULL;
    (void) client;
    int n = virConnectListAllStoragePools(conn, args->need_results ? &objs : NULL, args->flags);
    if (n < 0 || !fitsReply(n, REMOTE_STORAGE_POOL_LIST_MAX, (void **) objs, releasePool, "storage pools"))
        return -1;
    if (objs) {
        ret->pools.pools_len = (uint32_t) n;
        ret->pools.pools_val = virtAlloc(sizeof(*ret->pools.pools_val) * (size_t) (n ? n : 1));
        for (int i = 0; i < n; i++) {
            daemonMakeStoragePool(&ret->pools.pools_val[i], objs[i]);
            virStoragePoolFree(objs[i]);
        }
        free(objs);
    }
    ret->ret = (uint32_t) n;
    return 0;
}

DAEMON_PROC(STORAGE_POOL_LIST_ALL_VOLUMES)
{
    remote_storage_pool_list_all_volumes_args *args = argsp;
    remote_storage_pool_list_all_volumes_ret *ret = retp;
    virStorageVolPtr *objs = NULL;
    (void) client;
    virStoragePoolPtr pool = daemonGetStoragePool(conn, &args->pool);
    if (!pool)
        return -1;
    int n = virStoragePoolListAllVolumes(pool, args->need_results ? &objs : NULL, args->flags);
    daemonReleaseStoragePool(pool);
    if (n < 0 || !fitsReply(n, REMOTE_STORAGE_VOL_LIST_MAX, (void **) objs, releaseVol, "volumes"))
        return -1;
    if (objs) {
        ret->vols.vols_len = (uint32_t) n;
        ret->vols.vols_val = virtAlloc(sizeof(*ret->vols.vols_val) * (size_t) (n ? n : 1));
        for (int i = 0; i < n; i++) {
            daemonMakeStorageVol(&ret->vols.vols_val[i], objs[i]);
            virStorageVolFree(objs[i]);
        }
        free(objs);
    }
    ret->ret = (uint32_t) n;
    return 0;
}

DAEMON_PROC(CONNECT_LIST_ALL_INTERFACES)
{
    remote_connect_list_all_interfaces_args *args = argsp;
    remote_connect_list_all_interfaces_ret *ret = retp;
    virInterfacePtr *objs = NULL;
    (void) client;
    int n = virConnectListAllInterfaces(conn, args->need_results ? &objs : NULL, args->flags);
    if (n < 0 || !fitsReply(n, REMOTE_INTERFACE_LIST_MAX, (void **) objs, releaseIface, "interfaces"))
        return -1;
    if (objs) {
        ret->ifaces.ifaces_len = (uint32_t) n;
        ret->ifaces.ifaces_val = virtAlloc(sizeof(*ret->ifaces.ifaces_val) * (size_t) (n ? n : 1));
        for (int i = 0; i < n; i++) {
            daemonMakeInterface(&ret->ifaces.ifaces_val[i], objs[i]);
            virInterfaceFree(objs[i]);
        }
        free(objs);
    }
    ret->ret = (uint32_t) n;
    return 0;
}

DAEMON_PROC(CONNECT_LIST_ALL_NODE_DEVICES)
{
    remote_connect_list_all_node_devices_args *args = argsp;
    remote_connect_list_all_node_devices_ret *ret = retp;
    virNodeDevicePtr *objs = NULL;
    (void) client;
    int n = virConnectListAllNodeDevices(conn, args->need_results ? &objs : NULL, args->flags);
    if (n < 0 || !fitsReply(n, REMOTE_NODE_DEVICE_LIST_MAX, (void **) objs, releaseDev, "node devices"))
        return -1;
    if (objs) {
        ret->devices.devices_len = (uint32_t) n;
        ret->devices.devices_val = virtAlloc(sizeof(*ret->devices.devices_val) * (size_t) (n ? n : 1));
        for (int i = 0; i < n; i++) {
            daemonMakeNodeDevice(&ret->devices.devices_val[i], objs[i]);
            virNodeDeviceFree(objs[i]);
        }
        free(objs);
    }
    ret->ret = (uint32_t) n;
    return 0;
}
