/* remote_objects.c: storage pools and volumes, host interfaces and node
 * devices over the wire: their handles, and the calls stubgen.py cannot
 * generate (ListAll arrays). */
#include <stdlib.h>
#include <string.h>

#include "remote_driver.h"
#include "remote_handwritten.h"
#include "util.h"

void remotePoolToWire(virStoragePoolPtr pool, remote_nonnull_storage_pool *w)
{
    w->name = (char *) remoteCore->handle_identity(pool)->name;
    memcpy(w->uuid, remoteCore->handle_identity(pool)->uuid, VIR_UUID_BUFLEN);
}

virStoragePoolPtr remotePoolFromWire(virConnectPtr conn, const remote_nonnull_storage_pool *w)
{
    return virtHandleNewStoragePool(remoteCore, conn, w->name, w->uuid);
}

void remoteVolToWire(virStorageVolPtr vol, remote_nonnull_storage_vol *w)
{
    w->pool = (char *) remoteCore->handle_identity(vol)->pool;
    w->name = (char *) remoteCore->handle_identity(vol)->name;
    w->key = (char *) remoteCore->handle_identity(vol)->key;
}

virStorageVolPtr remoteVolFromWire(virConnectPtr conn, const remote_nonnull_storage_vol *w)
{
    return virtHandleNewStorageVol(remoteCore, conn, w->pool, w->name, w->key);
}

void remoteInterfaceToWire(virInterfacePtr iface, remote_nonnull_interface *w)
{
    w->name = (char *) remoteCore->handle_identity(iface)->name;
    w->mac = (char *) remoteCore->handle_identity(iface)->mac;
}

virInterfacePtr remoteInterfaceFromWire(virConnectPtr conn, const remote_nonnull_interface *w)
{
    return virtHandleNewInterface(remoteCore, conn, w->name, w->mac);
}

void remoteNodeDeviceToWire(virNodeDevicePtr dev, remote_nonnull_node_device *w)
{
    w->name = (char *) remoteCore->handle_identity(dev)->name;
}

virNodeDevicePtr remoteNodeDeviceFromWire(virConnectPtr conn, const remote_nonnull_node_device *w)
{
    return virtHandleNewNodeDevice(remoteCore, conn, w->name);
}

/* The ListAll calls share one shape: ask (need_results says whether the
 * objects are wanted or only their count), then turn each wire handle
 * into a handle of this connection; the array ends with NULL. */
#define REMOTE_LIST_ALL(proc, sname, field, ctype, fromWire, ...)              \
    {                                                                             \
        sname##_args args = { __VA_ARGS__ };                                      \
        sname##_ret ret;                                                          \
        memset(&ret, 0, sizeof(ret));                                             \
        if (remoteCall(conn, proc, virtXDRAny_##sname##_args, &args,             \
                       virtXDRAny_##sname##_ret, &ret) < 0)                       \
            return -1;                                                            \
        if (out) {                                                                \
            uint32_t n = ret.field.field##_len;                                   \
            ctype *list = virtAlloc((n + 1) * sizeof(*list));                     \
            for (uint32_t i = 0; i < n; i++)                                      \
                list[i] = fromWire(conn, &ret.field.field##_val[i]);              \
            *out = list;                                                          \
        }                                                                         \
        int count = (int) ret.ret;                                                \
        virtXDRFree_##sname##_ret(&ret);                                          \
        return count;                                                             \
    }

int remoteConnectListAllStoragePools(virConnectPtr conn, virStoragePoolPtr **out, unsigned int flags)
REMOTE_LIST_ALL(REMOTE_PROC_CONNECT_LIST_ALL_STORAGE_POOLS, remote_connect_list_all_storage_pools,
                pools, virStoragePoolPtr, remotePoolFromWire, .need_results = out != NULL, .flags = flags)

int remoteStoragePoolListAllVolumes(virStoragePoolPtr pool, virStorageVolPtr **out, unsigned int flags)
{
    virConnectPtr conn = remoteCore->handle_conn(pool);
    remote_storage_pool_list_all_volumes_args args = { .need_results = out != NULL, .flags = flags };
    remote_storage_pool_list_all_volumes_ret ret;

    memset(&ret, 0, sizeof(ret));
    remotePoolToWire(pool, &args.pool);
    if (remoteCall(conn, REMOTE_PROC_STORAGE_POOL_LIST_ALL_VOLUMES,
                   virtXDRAny_remote_storage_pool_list_all_volumes_args, &args,
                   virtXDRAny_remote_storage_pool_list_all_volumes_ret, &ret) < 0)
        return -1;
    if (out) {
        uint32_t n = ret.vols.vols_len;
        virStorageVolPtr *list = virtAlloc((n + 1) * sizeof(*list));
        for (uint32_t i = 0; i < n; i++)
            list[i] = remoteVolFromWire(conn, &ret.vols.vols_val[i]);
        *out = list;
    }
    int count = (int) ret.ret;
    virtXDRFree_remote_storage_pool_list_all_volumes_ret(&ret);
    return count;
}

int remoteConnectListAllInterfaces(virConnectPtr conn, virInterfacePtr **out, unsigned int flags)
REMOTE_LIST_ALL(REMOTE_PROC_CONNECT_LIST_ALL_INTERFACES, remote_connect_list_all_interfaces,
                ifaces, virInterfacePtr, remoteInterfaceFromWire, .need_results = out != NULL, .flags = flags)

int remoteConnectListAllNodeDevices(virConnectPtr conn, virNodeDevicePtr **out, unsigned int flags)
REMOTE_LIST_ALL(REMOTE_PROC_CONNECT_LIST_ALL_NODE_DEVICES, remote_connect_list_all_node_devices,
                devices, virNodeDevicePtr, remoteNodeDeviceFromWire, .need_results = out != NULL, .flags = flags)

/* Snapshots and checkpoints: a name within a domain. A handle holds a
 * reference on its domain: the domain's own is dropped. */
#define REMOTE_MOMENT(Kind, ptr, wire, newHandle)                                  \
    void remote##Kind##ToWire(ptr obj, wire *w)                                     \
    {                                                                               \
        w->name = (char *) remoteCore->handle_identity(obj)->name;                  \
        remoteDomainToWire(remoteCore->handle_parent(obj), &w->dom);                \
    }                                                                               \
    ptr remote##Kind##FromWire(virConnectPtr conn, const wire *w)                   \
    {                                                                               \
        virDomainPtr dom = remoteDomainFromWire(conn, &w->dom);                     \
        if (!dom)                                                                   \
            return NULL;                                                            \
        ptr obj = newHandle(remoteCore, dom, w->name);                              \
        remoteCore->handle_release(dom);                                            \
        return obj;                                                                 \
    }

REMOTE_MOMENT(Snapshot, virDomainSnapshotPtr, remote_nonnull_domain_snapshot, virtHandleNewDomainSnapshot)
REMOTE_MOMENT(Checkpoint, virDomainCheckpointPtr, remote_nonnull_domain_checkpoint,
              virtHandleNewDomainCheckpoint)

void remoteSecretToWire(virSecretPtr secret, remote_nonnull_secret *w)
{
    const virtHandleIdentity *id = remoteCore->handle_identity(secret);
    memcpy(w->uuid, id->uuid, VIR_UUID_BUFLEN);
    w->usageType = id->usage_type;
    w->usageID = (char *) (id->usage_id ? id->usage_id : "");
}

virSecretPtr remoteSecretFromWire(virConnectPtr conn, const remote_nonnull_secret *w)
{
    return virtHandleNewSecret(remoteCore, conn, w->uuid, w->usageType, w->usageID);
}

void remoteNWFilterToWire(virNWFilterPtr filter, remote_nonnull_nwfilter *w)
{
    w->name = (char *) remoteCore->handle_identity(filter)->name;
    memcpy(w->uuid, remoteCore->handle_identity(filter)->uuid, VIR_UUID_BUFLEN);
}

virNWFilterPtr remoteNWFilterFromWire(virConnectPtr conn, const remote_nonnull_nwfilter *w)
{
    return virtHandleNewNWFilter(remoteCore, conn, w->name, w->uuid);
}

void remoteNWFilterBindingToWire(virNWFilterBindingPtr binding, remote_nonnull_nwfilter_binding *w)
{
    w->portdev = (char *) remoteCore->handle_identity(binding)->name;
    w->filtername = (char *) remoteCore->handle_identity(binding)->filter;
}

virNWFilterBindingPtr remoteNWFilterBindingFromWire(virConnectPtr conn,
                                                    const remote_nonnull_nwfilter_binding *w)
{
    return virtHandleNewNWFilterBinding(remoteCore, conn, w->portdev, w->filtername);
}

/* A network port: its network and its UUID. A handle holds a reference
 * on its network: the network's own is dropped. */
void remoteNetworkPortToWire(virNetworkPortPtr port, remote_nonnull_network_port *w)
{
    remoteNetworkToWire(remoteCore->handle_parent(port), &w->net);
    memcpy(w->uuid, remoteCore->handle_identity(port)->uuid, VIR_UUID_BUFLEN);
}

virNetworkPortPtr remoteNetworkPortFromWire(virConnectPtr conn, const remote_nonnull_network_port *w)
{
    virNetworkPtr net = remoteNetworkFromWire(conn, &w->net);
    if (!net)
        return NULL;
    virNetworkPortPtr port = virtHandleNewNetworkPort(remoteCore, net, w->uuid);
    remoteCore->handle_release(net);
    return port;
}

/* The parameters come back in an array the call allocates. */
int remoteNetworkPortGetParameters(virNetworkPortPtr port, virTypedParameterPtr *params, int *nparams,
                                   unsigned int flags)
{
    virConnectPtr conn = remoteCore->handle_conn(port);
    remote_network_port_get_parameters_args args;
    remote_network_port_get_parameters_ret ret;

    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    remoteNetworkPortToWire(port, &args.port);
    args.nparams = *nparams;
    args.flags = flags;
    if (remoteCall(conn, REMOTE_PROC_NETWORK_PORT_GET_PARAMETERS,
                   virtXDRAny_remote_network_port_get_parameters_args, &args,
                   virtXDRAny_remote_network_port_get_parameters_ret, &ret) < 0)
        return -1;
    int n = remoteParamsFromWireAlloc(conn, ret.params.params_val, ret.params.params_len, params);
    virtXDRFree_remote_network_port_get_parameters_ret(&ret);
    if (n < 0)
        return -1;
    *nparams = n;
    return 0;
}
