/* network_update.c: virNetworkUpdate, as libvirt 9.0's network driver
 * does it: the shared model changes copies of the live and persistent
 * definitions (both must succeed before either is kept); the persistent
 * one is saved, and a running network's dnsmasq learns the live change:
 * host lists by SIGHUP (it rereads its host files), anything else by a
 * restart. */
#include <signal.h>
#include <stdlib.h>

#include "network_driver.h"
#include "util.h"

/* Which definitions a change reaches, and whether the network allows it. */
static int updateTargets(virConnectPtr conn, const netObj *obj, unsigned int *flags)
{
    if (!(*flags & (VIR_NETWORK_UPDATE_AFFECT_LIVE | VIR_NETWORK_UPDATE_AFFECT_CONFIG)))
        *flags |= obj->active ? VIR_NETWORK_UPDATE_AFFECT_LIVE : VIR_NETWORK_UPDATE_AFFECT_CONFIG;
    if (!obj->active && (*flags & VIR_NETWORK_UPDATE_AFFECT_LIVE)) {
        NET_ERROR(conn, VIR_ERR_OPERATION_INVALID, "network is not running");
        return -1;
    }
    if (!obj->persistent && (*flags & VIR_NETWORK_UPDATE_AFFECT_CONFIG)) {
        NET_ERROR(conn, VIR_ERR_OPERATION_INVALID, "cannot change persistent config of a transient network");
        return -1;
    }
    return 0;
}

/* Tell the running dnsmasq about the live definition. */
static int applyLive(netDriver *drv, netObj *obj, unsigned int section, char **errmsg)
{
    if (!netNeedsDnsmasq(obj->def)) {
        netDnsmasqStop(drv, obj);
        return 0;
    }
    bool hostsOnly = section == VIR_NETWORK_SECTION_IP_DHCP_HOST || section == VIR_NETWORK_SECTION_DNS_HOST;
    if (hostsOnly && obj->dnsmasq > 0) {
        if (netDnsmasqWriteFiles(drv, obj, errmsg) < 0)
            return -1;
        kill(obj->dnsmasq, SIGHUP);
        return 0;
    }
    netDnsmasqStop(drv, obj);
    return netDnsmasqStart(drv, obj, errmsg);
}

int netNetworkUpdate(virNetworkPtr network, unsigned int command, unsigned int section, int parentIndex,
                     const char *xml, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_NETWORK_UPDATE_AFFECT_LIVE | VIR_NETWORK_UPDATE_AFFECT_CONFIG, -1);
    virConnectPtr conn = netCore->handle_conn(network);
    virtNetworkDef *live = NULL, *config = NULL;
    virtXMLError err = { 0 };
    netDriver *drv;
    char *msg = NULL;
    int ret = -1;

    netObj *obj = netObjFromHandle(network, &drv);
    if (!obj)
        return -1;
    if (updateTargets(conn, obj, &flags) < 0)
        goto cleanup;
    if ((flags & VIR_NETWORK_UPDATE_AFFECT_LIVE) &&
        !(live = virtNetworkDefUpdate(obj->def, false, command, section, parentIndex, xml, &err)))
        goto xmlfail;
    if ((flags & VIR_NETWORK_UPDATE_AFFECT_CONFIG) &&
        !(config = virtNetworkDefUpdate(obj->newDef ? obj->newDef : obj->def, true, command, section,
                                        parentIndex, xml, &err)))
        goto xmlfail;
    if (config && netStoreSaveConfig(drv, config, &msg) < 0)
        goto fail;
    if (config && obj->active) {
        virtNetworkDefFree(obj->newDef);
        obj->newDef = config;
    } else if (config) {
        virtNetworkDefFree(obj->def);
        obj->def = config;
    }
    config = NULL;
    if (live) {
        virtNetworkDefFree(obj->def);
        obj->def = live;
        live = NULL;
        if (netStoreSaveState(drv, obj, &msg) < 0)
            goto fail;
        /* dnsmasq is told without the driver's lock */
        netObjSetBusy(drv, obj, true);
        pthread_mutex_unlock(&drv->lock);
        int rc = applyLive(drv, obj, section, &msg);
        pthread_mutex_lock(&drv->lock);
        netObjSetBusy(drv, obj, false);
        if (rc < 0)
            goto fail;
    }
    ret = 0;
    goto cleanup;
 xmlfail:
    netReportXMLError(conn, &err);
    goto cleanup;
 fail:
    NET_ERROR(conn, VIR_ERR_OPERATION_FAILED, "%s", msg);
    free(msg);
 cleanup:
    pthread_mutex_unlock(&drv->lock);
    virtNetworkDefFree(live);
    virtNetworkDefFree(config);
    return ret;
}
