/* test_network.c: the network role: virtual networks that only exist in
 * the host's memory. Error codes and texts follow libvirt's test driver. */
#include <stdlib.h>
#include <string.h>

#include "test_driver.h"
#include "util.h"

static int countNetworks(virConnectPtr conn, bool active)
{
    testState *st = testConnState(conn);
    int n = 0;
    pthread_mutex_lock(&st->lock);
    for (testNetwork *net = st->net_first; net; net = net->next)
        n += net->active == active;
    pthread_mutex_unlock(&st->lock);
    return n;
}

static int listNetworks(virConnectPtr conn, bool active, char **const names, int maxnames)
{
    testState *st = testConnState(conn);
    int n = 0;
    pthread_mutex_lock(&st->lock);
    for (testNetwork *net = st->net_first; net && n < maxnames; net = net->next)
        if (net->active == active)
            names[n++] = virtStrdup(net->def->name);
    pthread_mutex_unlock(&st->lock);
    return n;
}

int testConnectNumOfNetworks(virConnectPtr conn)
{
    return countNetworks(conn, true);
}

int testConnectListNetworks(virConnectPtr conn, char **const names, int maxnames)
{
    return listNetworks(conn, true, names, maxnames);
}

int testConnectNumOfDefinedNetworks(virConnectPtr conn)
{
    return countNetworks(conn, false);
}

int testConnectListDefinedNetworks(virConnectPtr conn, char **const names, int maxnames)
{
    return listNetworks(conn, false, names, maxnames);
}

static bool netFilter(const testNetwork *net, unsigned int flags)
{
    if ((flags & (VIR_CONNECT_LIST_NETWORKS_ACTIVE | VIR_CONNECT_LIST_NETWORKS_INACTIVE)) &&
        !(flags & (net->active ? VIR_CONNECT_LIST_NETWORKS_ACTIVE : VIR_CONNECT_LIST_NETWORKS_INACTIVE)))
        return false;
    if ((flags & (VIR_CONNECT_LIST_NETWORKS_PERSISTENT | VIR_CONNECT_LIST_NETWORKS_TRANSIENT)) &&
        !(flags & (net->persistent ? VIR_CONNECT_LIST_NETWORKS_PERSISTENT : VIR_CONNECT_LIST_NETWORKS_TRANSIENT)))
        return false;
    if ((flags & (VIR_CONNECT_LIST_NETWORKS_AUTOSTART | VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART)) &&
        !(flags & (net->autostart ? VIR_CONNECT_LIST_NETWORKS_AUTOSTART : VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART)))
        return false;
    return true;
}

int testConnectListAllNetworks(virConnectPtr conn, virNetworkPtr **nets, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0x3f, -1);
    testState *st = testConnState(conn);
    virNetworkPtr *list = NULL;
    int n = 0;
    pthread_mutex_lock(&st->lock);
    if (nets)
        list = virtAlloc((st->nnetworks + 1) * sizeof(*list));
    for (testNetwork *net = st->net_first; net; net = net->next) {
        if (!netFilter(net, flags))
            continue;
        /* network_new only fails on bad arguments, never here */
        if (list && !(list[n] = virtHandleNewNetwork(testCore, conn, net->def->name, net->def->uuid)))
            continue;
        n++;
    }
    pthread_mutex_unlock(&st->lock);
    if (nets)
        *nets = list;
    return n;
}

virNetworkPtr testNetworkLookupByName(virConnectPtr conn, const char *name)
{
    testState *st = testConnState(conn);
    virNetworkPtr ret = NULL;
    pthread_mutex_lock(&st->lock);
    testNetwork *net = testStateFindNetworkByName(st, name);
    if (net)
        ret = virtHandleNewNetwork(testCore, conn, net->def->name, net->def->uuid);
    pthread_mutex_unlock(&st->lock);
    if (!net)
        TEST_ERROR(conn, VIR_ERR_NO_NETWORK, "no network with matching name '%s'", name);
    return ret;
}

virNetworkPtr testNetworkLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    testState *st = testConnState(conn);
    virNetworkPtr ret = NULL;
    pthread_mutex_lock(&st->lock);
    testNetwork *net = testStateFindNetworkByUUID(st, uuid);
    if (net)
        ret = virtHandleNewNetwork(testCore, conn, net->def->name, net->def->uuid);
    pthread_mutex_unlock(&st->lock);
    if (!net) {
        char str[VIRT_UUID_STRLEN];
        virtUUIDFormat(uuid, str);
        TEST_ERROR(conn, VIR_ERR_NO_NETWORK, "no network with matching uuid '%s'", str);
    }
    return ret;
}

static void netEvent(testState *st, const testNetwork *net, int event)
{
    testEventObject(st, VIRT_HANDLE_NETWORK, net->def->name, net->def->uuid,
                    VIR_NETWORK_EVENT_ID_LIFECYCLE, event, 0);
}

/* Parse xml and add it to the host, or give the network of the same name
 * and UUID its new definition, as libvirt's test driver does: a define
 * while the network runs is kept aside as newDef (never applied), a define
 * of a stopped network replaces both; a create replaces an inactive
 * network's definition, which becomes its newDef unless it has one.
 * Returns the object, or NULL with an error. */
static testNetwork *addNetwork(virConnectPtr conn, testState *st, const char *xml, bool start,
                               bool validate)
{
    virtXMLError err = { 0 };
    virtNetworkDef *def = virtNetworkDefParse(xml, validate ? VIRT_XML_VALIDATE : 0, &err);
    char uuid[VIRT_UUID_STRLEN];
    if (!def) {
        testReportXMLError(conn, &err);
        return NULL;
    }
    testNetwork *byName = testStateFindNetworkByName(st, def->name);
    testNetwork *byUUID = testStateFindNetworkByUUID(st, def->uuid);
    testNetwork *net = NULL;
    if (byName && byName != byUUID) {
        virtUUIDFormat(byName->def->uuid, uuid);
        testCore->error(conn, VIR_FROM_NETWORK, VIR_ERR_OPERATION_FAILED, "network '%s' already exists with uuid %s", def->name, uuid);
        goto error;
    }
    if (byUUID && byUUID != byName) {
        virtUUIDFormat(byUUID->def->uuid, uuid);
        testCore->error(conn, VIR_FROM_NETWORK, VIR_ERR_OPERATION_FAILED, "network '%s' is already defined with uuid %s",
                   byUUID->def->name, uuid);
        goto error;
    }
    if (byName && start && byName->active) {
        testCore->error(conn, VIR_FROM_NETWORK, VIR_ERR_OPERATION_INVALID, "network is already active as '%s'",
                        byName->def->name);
        goto error;
    }
    if (byName) {
        net = byName;
        if (!start && net->active) {
            virtNetworkDefFree(net->newDef);
            net->newDef = def;
            return net;
        }
        if (!start) {
            virtNetworkDefFree(net->newDef);
            net->newDef = NULL;
        } else if (net->persistent && !net->newDef) {
            /* the persistent definition steps aside for the live one */
            net->newDef = net->def;
            net->def = NULL;
        }
        testNetworkSetDef(st, net, def);
        return net;
    }
    net = virtAlloc(sizeof(*net));
    net->def = def;
    testStateAddNetwork(st, net);
    return net;
 error:
    virtNetworkDefFree(def);
    return NULL;
}

virNetworkPtr testNetworkCreateXMLFlags(virConnectPtr conn, const char *xmlDesc, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_NETWORK_CREATE_VALIDATE, NULL);
    testState *st = testConnState(conn);
    virNetworkPtr ret = NULL;
    pthread_mutex_lock(&st->lock);
    testNetwork *net = addNetwork(conn, st, xmlDesc, true, flags & VIR_NETWORK_CREATE_VALIDATE);
    if (net) {
        net->active = true;
        netEvent(st, net, VIR_NETWORK_EVENT_STARTED);
        ret = virtHandleNewNetwork(testCore, conn, net->def->name, net->def->uuid);
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}

virNetworkPtr testNetworkDefineXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_NETWORK_DEFINE_VALIDATE, NULL);
    testState *st = testConnState(conn);
    virNetworkPtr ret = NULL;
    pthread_mutex_lock(&st->lock);
    testNetwork *net = addNetwork(conn, st, xml, false, flags & VIR_NETWORK_DEFINE_VALIDATE);
    if (net) {
        net->persistent = true;
        netEvent(st, net, VIR_NETWORK_EVENT_DEFINED);
        ret = virtHandleNewNetwork(testCore, conn, net->def->name, net->def->uuid);
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int testNetworkUndefine(virNetworkPtr network)
{
    virConnectPtr conn = testCore->handle_conn(network);
    testState *st;
    int ret = -1;
    testNetwork *net = testNetworkAcquire(network, &st);
    if (!net)
        return -1;
    if (net->active) {
        TEST_ERROR(conn, VIR_ERR_OPERATION_INVALID, "Network '%s' is still running", net->def->name);
        goto cleanup;
    }
    netEvent(st, net, VIR_NETWORK_EVENT_UNDEFINED);
    testStateRemoveNetwork(st, net);
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int testNetworkCreate(virNetworkPtr network)
{
    virConnectPtr conn = testCore->handle_conn(network);
    testState *st;
    int ret = -1;
    testNetwork *net = testNetworkAcquire(network, &st);
    if (!net)
        return -1;
    if (net->active) {
        TEST_ERROR(conn, VIR_ERR_OPERATION_INVALID, "Network '%s' is already running", net->def->name);
        goto cleanup;
    }
    net->active = true;
    netEvent(st, net, VIR_NETWORK_EVENT_STARTED);
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int testNetworkDestroy(virNetworkPtr network)
{
    testState *st;
    testNetwork *net = testNetworkAcquire(network, &st);
    if (!net)
        return -1;
    /* As libvirt's test driver: stopping a stopped network succeeds. */
    net->active = false;
    netEvent(st, net, VIR_NETWORK_EVENT_STOPPED);
    if (!net->persistent)
        testStateRemoveNetwork(st, net);
    pthread_mutex_unlock(&st->lock);
    return 0;
}

char *testNetworkGetXMLDesc(virNetworkPtr network, unsigned int flags)
{
    /* libvirt's test driver takes no flag here, not even INACTIVE */
    VIRT_CHECK_FLAGS(flags, 0, NULL);
    testState *st;
    testNetwork *net = testNetworkAcquire(network, &st);
    if (!net)
        return NULL;
    char *xml = virtNetworkDefFormat(net->def, flags);
    pthread_mutex_unlock(&st->lock);
    if (!xml)
        TEST_ERROR(testCore->handle_conn(network), VIR_ERR_INTERNAL_ERROR, "cannot format the network XML");
    return xml;
}

char *testNetworkGetBridgeName(virNetworkPtr network)
{
    testState *st;
    testNetwork *net = testNetworkAcquire(network, &st);
    if (!net)
        return NULL;
    char *bridge = virtStrdup(virtNetworkDefBridgeName(net->def));
    const char *name = bridge ? NULL : virtStrdup(net->def->name);
    pthread_mutex_unlock(&st->lock);
    if (!bridge) {
        TEST_ERROR(testCore->handle_conn(network), VIR_ERR_INTERNAL_ERROR,
                   "network '%s' does not have a bridge name.", name);
        free((char *) name);
    }
    return bridge;
}

int testNetworkGetAutostart(virNetworkPtr network, int *autostart)
{
    testState *st;
    testNetwork *net = testNetworkAcquire(network, &st);
    if (!net)
        return -1;
    *autostart = net->autostart;
    pthread_mutex_unlock(&st->lock);
    return 0;
}

int testNetworkSetAutostart(virNetworkPtr network, int autostart)
{
    testState *st;
    testNetwork *net = testNetworkAcquire(network, &st);
    if (!net)
        return -1;
    net->autostart = autostart != 0;
    pthread_mutex_unlock(&st->lock);
    return 0;
}

int testNetworkIsActive(virNetworkPtr network)
{
    testState *st;
    testNetwork *net = testNetworkAcquireByUUID(network, &st);
    if (!net)
        return -1;
    int ret = net->active;
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int testNetworkIsPersistent(virNetworkPtr network)
{
    testState *st;
    testNetwork *net = testNetworkAcquireByUUID(network, &st);
    if (!net)
        return -1;
    int ret = net->persistent;
    pthread_mutex_unlock(&st->lock);
    return ret;
}

const virtNetworkTable testNetworkTable = {
    .size = sizeof(virtNetworkTable),
    .connectNumOfNetworks = testConnectNumOfNetworks,
    .connectListNetworks = testConnectListNetworks,
    .connectNumOfDefinedNetworks = testConnectNumOfDefinedNetworks,
    .connectListDefinedNetworks = testConnectListDefinedNetworks,
    .connectListAllNetworks = testConnectListAllNetworks,
    .networkLookupByName = testNetworkLookupByName,
    .networkLookupByUUID = testNetworkLookupByUUID,
    .networkUndefine = testNetworkUndefine,
    .networkCreate = testNetworkCreate,
    .networkDestroy = testNetworkDestroy,
    .networkGetXMLDesc = testNetworkGetXMLDesc,
    .networkGetBridgeName = testNetworkGetBridgeName,
    .networkGetAutostart = testNetworkGetAutostart,
    .networkSetAutostart = testNetworkSetAutostart,
    .networkIsActive = testNetworkIsActive,
    .networkIsPersistent = testNetworkIsPersistent,
    .connectNetworkEventRegisterAny = testConnectNetworkEventRegisterAny,
    .connectNetworkEventDeregisterAny = testConnectNetworkEventDeregisterAny,
    .networkDefineXMLFlags = testNetworkDefineXMLFlags,
    .networkCreateXMLFlags = testNetworkCreateXMLFlags,
    .networkUpdate = testNetworkUpdate,
};
