/* network_api.c: the network role's slots, as libvirt 9.0's network
 * driver answers them: definitions persist in the config folder, start
 * and destroy act on the host, and every change raises its lifecycle
 * event on every open connection. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "network_driver.h"
#include "util.h"

static virNetworkPtr handleOf(virConnectPtr conn, const netObj *obj)
{
    return virtHandleNewNetwork(netCore, conn, obj->def->name, obj->def->uuid);
}

static void reportFree(virConnectPtr conn, int code, char *msg)
{
    NET_ERROR(conn, code, "%s", msg);
    free(msg);
}

static int countNetworks(virConnectPtr conn, bool active)
{
    netDriver *drv = netConnDriver(conn);
    int n = 0;
    pthread_mutex_lock(&drv->lock);
    for (netObj *o = drv->nets; o; o = o->next)
        n += o->active == active;
    pthread_mutex_unlock(&drv->lock);
    return n;
}

static int listNetworks(virConnectPtr conn, bool active, char **const names, int maxnames)
{
    netDriver *drv = netConnDriver(conn);
    int n = 0;
    pthread_mutex_lock(&drv->lock);
    for (netObj *o = drv->nets; o && n < maxnames; o = o->next)
        if (o->active == active)
            names[n++] = virtStrdup(o->def->name);
    pthread_mutex_unlock(&drv->lock);
    return n;
}

static int netNumOfNetworks(virConnectPtr conn)
{
    return countNetworks(conn, true);
}

static int netListNetworks(virConnectPtr conn, char **const names, int maxnames)
{
    return listNetworks(conn, true, names, maxnames);
}

static int netNumOfDefinedNetworks(virConnectPtr conn)
{
    return countNetworks(conn, false);
}

static int netListDefinedNetworks(virConnectPtr conn, char **const names, int maxnames)
{
    return listNetworks(conn, false, names, maxnames);
}

static bool listFilter(const netObj *o, unsigned int flags)
{
    if ((flags & (VIR_CONNECT_LIST_NETWORKS_ACTIVE | VIR_CONNECT_LIST_NETWORKS_INACTIVE)) &&
        !(flags & (o->active ? VIR_CONNECT_LIST_NETWORKS_ACTIVE : VIR_CONNECT_LIST_NETWORKS_INACTIVE)))
        return false;
    if ((flags & (VIR_CONNECT_LIST_NETWORKS_PERSISTENT | VIR_CONNECT_LIST_NETWORKS_TRANSIENT)) &&
        !(flags & (o->persistent ? VIR_CONNECT_LIST_NETWORKS_PERSISTENT : VIR_CONNECT_LIST_NETWORKS_TRANSIENT)))
        return false;
    if ((flags & (VIR_CONNECT_LIST_NETWORKS_AUTOSTART | VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART)) &&
        !(flags & (o->autostart ? VIR_CONNECT_LIST_NETWORKS_AUTOSTART : VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART)))
        return false;
    return true;
}

static int netListAllNetworks(virConnectPtr conn, virNetworkPtr **nets, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0x3f, -1);
    netDriver *drv = netConnDriver(conn);
    virNetworkPtr *list = NULL;
    size_t total = 0;
    int n = 0;

    pthread_mutex_lock(&drv->lock);
    for (netObj *o = drv->nets; o; o = o->next)
        total++;
    if (nets)
        list = virtAlloc((total + 1) * sizeof(*list));
    for (netObj *o = drv->nets; o; o = o->next) {
        if (!listFilter(o, flags))
            continue;
        if (list && !(list[n] = handleOf(conn, o)))
            continue;
        n++;
    }
    pthread_mutex_unlock(&drv->lock);
    if (nets)
        *nets = list;
    return n;
}

static virNetworkPtr netLookupByName(virConnectPtr conn, const char *name)
{
    netDriver *drv = netConnDriver(conn);
    virNetworkPtr ret = NULL;
    pthread_mutex_lock(&drv->lock);
    netObj *o = netObjFindByName(drv, name);
    if (o)
        ret = handleOf(conn, o);
    pthread_mutex_unlock(&drv->lock);
    if (!o)
        NET_ERROR(conn, VIR_ERR_NO_NETWORK, "no network with matching name '%s'", name);
    return ret;
}

static virNetworkPtr netLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    netDriver *drv = netConnDriver(conn);
    virNetworkPtr ret = NULL;
    pthread_mutex_lock(&drv->lock);
    netObj *o = netObjFindByUUID(drv, uuid);
    if (o)
        ret = handleOf(conn, o);
    pthread_mutex_unlock(&drv->lock);
    if (!o) {
        char str[VIRT_UUID_STRLEN];
        virtUUIDFormat(uuid, str);
        NET_ERROR(conn, VIR_ERR_NO_NETWORK, "no network with matching uuid '%s'", str);
    }
    return ret;
}

/* Parse a document with libvirt's defaults and refuse what collides with
 * another network (same name or UUID on a different one, a bridge name in
 * use). *existing is the network of that name, if any. */
static virtNetworkDef *parseNew(virConnectPtr conn, netDriver *drv, const char *xml, bool validate,
                                netObj **existing)
{
    virtXMLError err = { 0 };
    virtNetworkDef *def = virtNetworkDefParse(xml, validate ? VIRT_XML_VALIDATE : 0, &err);
    char uuid[VIRT_UUID_STRLEN];
    char *msg = NULL;

    if (!def) {
        netReportXMLError(conn, &err);
        return NULL;
    }
    netObj *byName, *byUUID;
    /* a network being started or stopped is changed only once that is done */
    while (((byName = netObjFindByName(drv, def->name)) && byName->busy) ||
           ((byUUID = netObjFindByUUID(drv, def->uuid)) && byUUID->busy))
        pthread_cond_wait(&drv->idle, &drv->lock);
    if (byName && byName != byUUID) {
        virtUUIDFormat(byName->def->uuid, uuid);
        NET_ERROR(conn, VIR_ERR_OPERATION_FAILED, "network '%s' already exists with uuid %s", def->name, uuid);
        goto error;
    }
    if (byUUID && byUUID != byName) {
        virtUUIDFormat(byUUID->def->uuid, uuid);
        NET_ERROR(conn, VIR_ERR_OPERATION_FAILED, "network '%s' is already defined with uuid %s",
                  byUUID->def->name, uuid);
        goto error;
    }
    /* as libvirt: a redefinition without them gets a bridge and MAC
     * anew (the bridge of its own old definition counts as free) */
    if (netObjFillDefaults(drv, def, &msg) < 0) {
        reportFree(conn, VIR_ERR_INTERNAL_ERROR, msg);
        goto error;
    }
    if ((msg = netObjBridgeConflict(drv, def))) {
        reportFree(conn, VIR_ERR_INTERNAL_ERROR, msg);
        goto error;
    }
    *existing = byName;
    return def;
 error:
    virtNetworkDefFree(def);
    return NULL;
}

static virNetworkPtr netDefineXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_NETWORK_DEFINE_VALIDATE, NULL);
    netDriver *drv = netConnDriver(conn);
    virNetworkPtr ret = NULL;
    netObj *obj = NULL;
    char *msg = NULL;

    pthread_mutex_lock(&drv->lock);
    virtNetworkDef *def = parseNew(conn, drv, xml, flags & VIR_NETWORK_DEFINE_VALIDATE, &obj);
    if (!def)
        goto cleanup;
    if (netStoreSaveConfig(drv, def, &msg) < 0) {
        reportFree(conn, VIR_ERR_OPERATION_FAILED, msg);
        virtNetworkDefFree(def);
        goto cleanup;
    }
    if (!obj) {
        obj = virtAlloc(sizeof(*obj));
        obj->def = def;
        netObjAdd(drv, obj);
    } else if (obj->active) {
        /* the running network keeps its live definition until it stops */
        virtNetworkDefFree(obj->newDef);
        obj->newDef = def;
    } else {
        virtNetworkDefFree(obj->def);
        obj->def = def;
    }
    obj->persistent = true;
    netNotify(drv, obj, VIR_NETWORK_EVENT_DEFINED);
    ret = handleOf(conn, obj);
 cleanup:
    pthread_mutex_unlock(&drv->lock);
    return ret;
}

static int netUndefine(virNetworkPtr network)
{
    netDriver *drv;
    netObj *obj = netObjFromHandle(network, &drv);
    if (!obj)
        return -1;
    if (!obj->persistent) {
        NET_ERROR(netCore->handle_conn(network), VIR_ERR_OPERATION_INVALID, "can't undefine transient network");
        pthread_mutex_unlock(&drv->lock);
        return -1;
    }
    netStoreDeleteConfig(drv, obj->def->name);
    netNotify(drv, obj, VIR_NETWORK_EVENT_UNDEFINED);
    obj->autostart = false;
    if (obj->active) {
        /* as libvirt: a running network stays up, transient now */
        obj->persistent = false;
        virtNetworkDefFree(obj->newDef);
        obj->newDef = NULL;
    } else {
        netObjRemove(drv, obj);
    }
    pthread_mutex_unlock(&drv->lock);
    return 0;
}

/* Start obj; a persistent network keeps its definition aside as newDef. */
static int startObj(virConnectPtr conn, netDriver *drv, netObj *obj)
{
    /* copied first: what a start fills in is live state only */
    bool copied = obj->persistent && !obj->newDef;
    if (copied)
        obj->newDef = virtNetworkDefCopy(obj->def);
    if (netStart(conn, drv, obj) < 0) {
        if (copied) {
            virtNetworkDefFree(obj->def);
            obj->def = obj->newDef;
            obj->newDef = NULL;
        }
        return -1;
    }
    netNotify(drv, obj, VIR_NETWORK_EVENT_STARTED);
    return 0;
}

static int netCreate(virNetworkPtr network)
{
    netDriver *drv;
    int ret = -1;
    netObj *obj = netObjFromHandle(network, &drv);
    if (!obj)
        return -1;
    if (obj->active)
        NET_ERROR(netCore->handle_conn(network), VIR_ERR_OPERATION_INVALID, "network is already active");
    else
        ret = startObj(netCore->handle_conn(network), drv, obj);
    pthread_mutex_unlock(&drv->lock);
    return ret;
}

static virNetworkPtr netCreateXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_NETWORK_CREATE_VALIDATE, NULL);
    netDriver *drv = netConnDriver(conn);
    virNetworkPtr ret = NULL;
    netObj *obj = NULL;

    pthread_mutex_lock(&drv->lock);
    virtNetworkDef *def = parseNew(conn, drv, xml, flags & VIR_NETWORK_CREATE_VALIDATE, &obj);
    if (!def)
        goto cleanup;
    if (obj && obj->active) {
        NET_ERROR(conn, VIR_ERR_OPERATION_INVALID, "network is already active as '%s'", obj->def->name);
        virtNetworkDefFree(def);
        goto cleanup;
    }
    bool added = !obj;
    if (added) {
        obj = virtAlloc(sizeof(*obj));
        obj->def = def;
        netObjAdd(drv, obj);
    } else {
        /* the persistent definition waits for the live one to stop */
        virtNetworkDefFree(obj->newDef);
        obj->newDef = obj->def;
        obj->def = def;
    }
    if (netStart(conn, drv, obj) < 0) {
        if (added) {
            netObjRemove(drv, obj);
        } else {
            virtNetworkDefFree(obj->def);
            obj->def = obj->newDef;
            obj->newDef = NULL;
        }
        goto cleanup;
    }
    netNotify(drv, obj, VIR_NETWORK_EVENT_STARTED);
    ret = handleOf(conn, obj);
 cleanup:
    pthread_mutex_unlock(&drv->lock);
    return ret;
}

static int netDestroy(virNetworkPtr network)
{
    netDriver *drv;
    netObj *obj = netObjFromHandle(network, &drv);
    if (!obj)
        return -1;
    if (!obj->active) {
        NET_ERROR(netCore->handle_conn(network), VIR_ERR_OPERATION_INVALID, "network '%s' is not active",
                  obj->def->name);
        pthread_mutex_unlock(&drv->lock);
        return -1;
    }
    netStop(drv, obj);
    netNotify(drv, obj, VIR_NETWORK_EVENT_STOPPED);
    if (!obj->persistent) {
        netObjRemove(drv, obj);
    } else if (obj->newDef) {
        virtNetworkDefFree(obj->def);
        obj->def = obj->newDef;
        obj->newDef = NULL;
    }
    pthread_mutex_unlock(&drv->lock);
    return 0;
}

static char *netGetXMLDesc(virNetworkPtr network, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_NETWORK_XML_INACTIVE, NULL);
    netDriver *drv;
    netObj *obj = netObjFromHandle(network, &drv);
    if (!obj)
        return NULL;
    bool inactive = flags & VIR_NETWORK_XML_INACTIVE;
    const virtNetworkDef *def = inactive && obj->newDef ? obj->newDef : obj->def;
    char *xml = virtNetworkDefFormat(def, inactive ? VIRT_XML_INACTIVE : 0);
    pthread_mutex_unlock(&drv->lock);
    if (!xml)
        NET_ERROR(netCore->handle_conn(network), VIR_ERR_INTERNAL_ERROR, "cannot format the network XML");
    return xml;
}

static char *netGetBridgeName(virNetworkPtr network)
{
    netDriver *drv;
    netObj *obj = netObjFromHandle(network, &drv);
    if (!obj)
        return NULL;
    char *bridge = virtStrdup(virtNetworkDefBridgeName(obj->def));
    if (!bridge)
        NET_ERROR(netCore->handle_conn(network), VIR_ERR_INTERNAL_ERROR,
                  "network '%s' does not have a bridge name.", obj->def->name);
    pthread_mutex_unlock(&drv->lock);
    return bridge;
}

static int netGetAutostart(virNetworkPtr network, int *autostart)
{
    netDriver *drv;
    netObj *obj = netObjFromHandle(network, &drv);
    if (!obj)
        return -1;
    *autostart = obj->autostart;
    pthread_mutex_unlock(&drv->lock);
    return 0;
}

static int netSetAutostart(virNetworkPtr network, int autostart)
{
    virConnectPtr conn = netCore->handle_conn(network);
    netDriver *drv;
    char *msg = NULL;
    int ret = -1;
    netObj *obj = netObjFromHandle(network, &drv);
    if (!obj)
        return -1;
    if (!obj->persistent) {
        NET_ERROR(conn, VIR_ERR_OPERATION_INVALID, "cannot set autostart for transient network");
    } else if (netStoreSetAutostart(drv, obj->def->name, autostart != 0, &msg) < 0) {
        reportFree(conn, VIR_ERR_SYSTEM_ERROR, msg);
    } else {
        obj->autostart = autostart != 0;
        ret = 0;
    }
    pthread_mutex_unlock(&drv->lock);
    return ret;
}

static int netIsActive(virNetworkPtr network)
{
    netDriver *drv;
    netObj *obj = netObjFromHandle(network, &drv);
    if (!obj)
        return -1;
    int ret = obj->active;
    pthread_mutex_unlock(&drv->lock);
    return ret;
}

static int netIsPersistent(virNetworkPtr network)
{
    netDriver *drv;
    netObj *obj = netObjFromHandle(network, &drv);
    if (!obj)
        return -1;
    int ret = obj->persistent;
    pthread_mutex_unlock(&drv->lock);
    return ret;
}

static int netEventRegisterAny(virConnectPtr conn, virNetworkPtr net, int eventID,
                               virConnectNetworkEventGenericCallback cb, void *opaque, virFreeCallback freecb)
{
    return netCore->event_register(conn, VIRT_HANDLE_NETWORK, net, eventID, (void (*)(void)) cb, opaque, freecb);
}

static int netEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    return netCore->event_deregister(conn, VIRT_HANDLE_NETWORK, callbackID);
}

void netAutostartAll(virConnectPtr conn, netDriver *drv)
{
    pthread_mutex_lock(&drv->lock);
    for (netObj *o = drv->nets; o; o = o->next) {
        if (!o->autostart || o->active)
            continue;
        /* the daemon's log says why; the opening client is not told */
        if (startObj(conn, drv, o) < 0)
            fprintf(stderr, "network: autostart of '%s' failed\n", o->def->name);
    }
    pthread_mutex_unlock(&drv->lock);
}

const virtNetworkTable netNetworkTable = {
    .size = sizeof(virtNetworkTable),
    .connectNumOfNetworks = netNumOfNetworks,
    .connectListNetworks = netListNetworks,
    .connectNumOfDefinedNetworks = netNumOfDefinedNetworks,
    .connectListDefinedNetworks = netListDefinedNetworks,
    .connectListAllNetworks = netListAllNetworks,
    .networkLookupByName = netLookupByName,
    .networkLookupByUUID = netLookupByUUID,
    .networkUndefine = netUndefine,
    .networkCreate = netCreate,
    .networkDestroy = netDestroy,
    .networkGetXMLDesc = netGetXMLDesc,
    .networkGetBridgeName = netGetBridgeName,
    .networkGetAutostart = netGetAutostart,
    .networkSetAutostart = netSetAutostart,
    .networkIsActive = netIsActive,
    .networkIsPersistent = netIsPersistent,
    .connectNetworkEventRegisterAny = netEventRegisterAny,
    .connectNetworkEventDeregisterAny = netEventDeregisterAny,
    .networkDefineXMLFlags = netDefineXMLFlags,
    .networkCreateXMLFlags = netCreateXMLFlags,
    .networkUpdate = netNetworkUpdate,
    .networkGetDHCPLeases = netGetDHCPLeases,
};
