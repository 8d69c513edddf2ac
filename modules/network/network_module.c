/* network_module.c: the module's entry point and descriptor, the driver
 * of each mode (system for root's qemu:///system, session for
 * qemu:///session), and opening and closing connections. It fills only
 * the network role, which the core gives daemon connections of a
 * hypervisor module that has none. A driver lives while connections use
 * it; running networks outlive it, and the next driver adopts them from
 * the state folder. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "network_driver.h"
#include "util.h"

VIRT_MODULE_LOG_INIT("network.module");

const virtCoreServices *netCore;

static pthread_mutex_t driversLock = PTHREAD_MUTEX_INITIALIZER;
static netDriver *drivers[2];          /* [0] session, [1] system */
static bool autostartDone[2];

typedef struct netConn {
    netDriver *drv;
} netConn;

netDriver *netConnDriver(virConnectPtr conn)
{
    netConn *nc = netCore->conn_private(conn, VIRT_ROLE_NETWORK);
    return nc ? nc->drv : NULL;
}

netObj *netObjFromHandle(virNetworkPtr net, netDriver **drvp)
{
    virConnectPtr conn = netCore->handle_conn(net);
    netDriver *drv = netConnDriver(conn);
    const virtHandleIdentity *id = netCore->handle_identity(net);

    pthread_mutex_lock(&drv->lock);
    netObj *obj = netObjWaitIdle(drv, id->uuid);
    if (!obj) {
        pthread_mutex_unlock(&drv->lock);
        char uuid[VIRT_UUID_STRLEN];
        virtUUIDFormat(id->uuid, uuid);
        NET_ERROR(conn, VIR_ERR_NO_NETWORK, "no network with matching uuid '%s' (%s)", uuid, id->name);
        return NULL;
    }
    *drvp = drv;
    return obj;
}

void netReportXMLError(virConnectPtr conn, virtXMLError *err)
{
    /* a document that is not well formed keeps the domain libvirt gives it */
    netCore->error(conn, virtXMLErrorDomain(err, VIR_FROM_NETWORK), err->code ? err->code : VIR_ERR_XML_ERROR,
                   "%s", err->message ? err->message : "invalid XML");
    virtXMLErrorClear(err);
}

static netDriver *driverNew(virConnectPtr conn, bool privileged)
{
    netDriver *drv = virtAlloc(sizeof(*drv));
    pthread_mutex_init(&drv->lock, NULL);
    pthread_cond_init(&drv->idle, NULL);
    drv->privileged = privileged;
    if (netPathsInit(&drv->paths, privileged) < 0) {
        NET_ERROR(conn, VIR_ERR_OPERATION_FAILED, "cannot create the folders %s, %s, %s and %s",
                  drv->paths.config_dir, drv->paths.state_dir, drv->paths.pid_dir, drv->paths.dnsmasq_dir);
        netPathsFree(&drv->paths);
        pthread_mutex_destroy(&drv->lock);
        pthread_cond_destroy(&drv->idle);
        free(drv);
        return NULL;
    }
    pthread_mutex_lock(&drv->lock);
    if (privileged && drv->paths.config_created)
        netSeedDefault(drv);
    netStoreLoadAll(drv);
    pthread_mutex_unlock(&drv->lock);
    return drv;
}

static void driverFree(netDriver *drv)
{
    /* running networks stay up: only our view of them goes */
    while (drv->nets) {
        netObj *o = drv->nets;
        drv->nets = o->next;
        netObjFree(o);
    }
    netPathsFree(&drv->paths);
    free(drv->conns);
    pthread_mutex_destroy(&drv->lock);
    pthread_cond_destroy(&drv->idle);
    free(drv);
}

static int netOpen(virConnectPtr conn, const virtURI *uri, virConnectAuthPtr auth,
                   unsigned int flags, unsigned int roles, void **priv)
{
    const char *path = uri->path ? uri->path : "";
    bool privileged;

    /* the network role of a local daemon connection, system or session */
    if (uri->server || !(roles & VIRT_ROLE_BIT(VIRT_ROLE_NETWORK)))
        return VIRT_OPEN_DECLINED;
    if (strcmp(path, "/system") == 0 && geteuid() == 0)
        privileged = true;
    else if (strcmp(path, "/session") == 0)
        privileged = false;
    else
        return VIRT_OPEN_DECLINED;

    pthread_mutex_lock(&driversLock);
    netDriver *drv = drivers[privileged];
    if (!drv && !(drv = drivers[privileged] = driverNew(conn, privileged))) {
        pthread_mutex_unlock(&driversLock);
        return VIRT_OPEN_ERROR;
    }
    drv->refs++;
    bool autostart = !autostartDone[privileged];
    autostartDone[privileged] = true;
    pthread_mutex_unlock(&driversLock);

    netConn *nc = virtAlloc(sizeof(*nc));
    nc->drv = drv;
    *priv = nc;
    /* once per mode and process: inside libvirtd, at the first client of
     * the mode after the daemon started */
    if (autostart)
        netAutostartAll(conn, drv);
    netDriverAddConn(drv, conn);
    NET_DEBUG("network role open for %s (%s mode)", uri->original ? uri->original : "",
              privileged ? "system" : "session");
    return VIRT_OPEN_SUCCESS;
}

static int netClose(virConnectPtr conn, void *priv)
{
    netConn *nc = priv;
    netDriver *dropped = NULL;

    netDriverRemoveConn(nc->drv, conn);
    pthread_mutex_lock(&driversLock);
    if (--nc->drv->refs == 0) {
        dropped = nc->drv;
        drivers[dropped->privileged] = NULL;
    }
    pthread_mutex_unlock(&driversLock);
    if (dropped)
        driverFree(dropped);
    free(nc);
    return 0;
}

static const char *const schemes[] = { NULL };

static const virtModuleDescriptor descriptor = {
    .size = sizeof(virtModuleDescriptor),
    .abi_version = VIRT_MODULE_ABI_VERSION,
    .name = "network",
    .version = "0.1.0",
    .schemes = schemes,
    .roles = VIRT_ROLE_BIT(VIRT_ROLE_NETWORK),
    .open = netOpen,
    .close = netClose,
    .network = &netNetworkTable,
};

VIRT_MODULE_EXPORT const virtModuleDescriptor *virt_module_entry(const virtCoreServices *services)
{
    netCore = services;
    return &descriptor;
}
