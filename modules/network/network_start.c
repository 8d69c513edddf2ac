/* network_start.c: bringing a network up on the host and down again.
 * Start: refuse an address range another running (or starting) network
 * has, then the bridge, the firewall table, dnsmasq, and the live record;
 * a failed step undoes those before it. Stop undoes all of them. The host
 * work runs without the driver's lock, the network marked busy. */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "network_checks.h"
#include "network_driver.h"
#include "util.h"

VIRT_MODULE_LOG_INIT("network.start");

bool netIpAddr(const virtNetworkIp *ip, netAddr *out)
{
    memset(out, 0, sizeof(*out));
    if (!ip->address)
        return false;
    out->family = virtNetworkAddrFamily(ip->address);
    if (!out->family || inet_pton(out->family, ip->address, out->b) != 1)
        return false;
    out->prefix = virtNetworkIpPrefix(ip);
    if (out->prefix < 0)
        out->prefix = out->family == AF_INET ? 24 : 64;
    return true;
}

/* Whether two networks share addresses: the shorter prefix decides. */
static bool overlaps(const netAddr *a, const netAddr *b)
{
    if (a->family != b->family)
        return false;
    int prefix = a->prefix < b->prefix ? a->prefix : b->prefix;
    for (int i = 0; i < 16 && prefix > 0; i++, prefix -= 8) {
        unsigned char mask = prefix >= 8 ? 0xff : (unsigned char) (0xff << (8 - prefix));
        if ((a->b[i] & mask) != (b->b[i] & mask))
            return false;
    }
    return true;
}

static const netObj *rangeOwner(netDriver *drv, const netObj *self, const netAddr *a)
{
    for (const netObj *o = drv->nets; o; o = o->next) {
        if (o == self || !(o->active || o->busy))
            continue;
        for (size_t i = 0; i < o->def->nip; i++) {
            netAddr b;
            if (netIpAddr(o->def->ip[i], &b) && overlaps(a, &b))
                return o;
        }
    }
    return NULL;
}

/* What libvirt's driver adds to the live definition as it starts a
 * network: a NAT network's source port range. */
static void liveDefaults(virtNetworkDef *def)
{
    virtNetworkForward *fwd = def->forward;
    if (!fwd || !virtStrEq(fwd->mode, "nat"))
        return;
    if (!fwd->nat)
        fwd->nat = virtAlloc(sizeof(*fwd->nat));
    if (!fwd->nat->port) {
        fwd->nat->port = virtAlloc(sizeof(*fwd->nat->port));
        fwd->nat->port->start = virtStrdup("1024");
        fwd->nat->port->end = virtStrdup("65535");
    }
}

/* What must hold before the host is touched (drv->lock held). */
static int startChecks(virConnectPtr conn, netDriver *drv, netObj *obj)
{
    virtNetworkDef *def = obj->def;
    const char *bridge = virtNetworkDefBridgeName(def);
    const char *mode = def->forward ? def->forward->mode : NULL;

    if (mode && strcmp(mode, "nat") && strcmp(mode, "route") && strcmp(mode, "open")) {
        NET_ERROR(conn, VIR_ERR_CONFIG_UNSUPPORTED, "forward mode '%s' of network '%s' is not supported yet",
                  mode, def->name);
        return -1;
    }
    if (!bridge) {
        NET_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "network '%s' does not have a bridge name.", def->name);
        return -1;
    }
    for (size_t i = 0; i < def->nip; i++) {
        netAddr a;
        const netObj *o;
        if (netIpAddr(def->ip[i], &a) && (o = rangeOwner(drv, obj, &a))) {
            /* libvirt's words for a route already there, with both networks */
            NET_ERROR(conn, VIR_ERR_INTERNAL_ERROR,
                      "Network is already in use by interface %s: network '%s' (%s/%d) overlaps network '%s'",
                      virtNetworkDefBridgeName(o->def), def->name, def->ip[i]->address, a.prefix, o->def->name);
            return -1;
        }
    }
    if (netDevExists(bridge)) {
        NET_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "Unable to create bridge %s: a device of that name exists",
                  bridge);
        return -1;
    }
    return 0;
}

/* Bridge, firewall, dnsmasq, live record; each failure undoes the steps
 * before it. Runs without drv->lock: obj is busy, so nobody else reads
 * or changes it meanwhile. */
static int hostUp(netDriver *drv, netObj *obj, char **errmsg)
{
    const virtNetworkDef *def = obj->def;
    const char *bridge = virtNetworkDefBridgeName(def);

    if (netBridgeCreate(def, errmsg) < 0)
        return -1;
    if (netFirewallAdd(def, errmsg) < 0)
        goto fail_bridge;
    if (netNeedsDnsmasq(def) && netDnsmasqStart(drv, obj, errmsg) < 0)
        goto fail_firewall;
    if (netStoreSaveState(drv, obj, errmsg) < 0) {
        netDnsmasqStop(drv, obj);
        goto fail_firewall;
    }
    return 0;
 fail_firewall:
    netFirewallRemove(def);
 fail_bridge:
    netBridgeDelete(bridge);
    return -1;
}

int netStart(virConnectPtr conn, netDriver *drv, netObj *obj)
{
    char *errmsg = NULL;

    if (startChecks(conn, drv, obj) < 0)
        return -1;
    liveDefaults(obj->def);
    netObjSetBusy(drv, obj, true);
    pthread_mutex_unlock(&drv->lock);
    int rc = hostUp(drv, obj, &errmsg);
    pthread_mutex_lock(&drv->lock);
    netObjSetBusy(drv, obj, false);
    if (rc < 0) {
        NET_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "%s", errmsg);
        free(errmsg);
        return -1;
    }
    obj->active = true;
    NET_DEBUG("network '%s' started on bridge %s", obj->def->name, virtNetworkDefBridgeName(obj->def));
    return 0;
}

void netStop(netDriver *drv, netObj *obj)
{
    netObjSetBusy(drv, obj, true);
    pthread_mutex_unlock(&drv->lock);
    netDnsmasqStop(drv, obj);
    netFirewallRemove(obj->def);
    if (virtNetworkDefBridgeName(obj->def))
        netBridgeDelete(virtNetworkDefBridgeName(obj->def));
    netStoreDeleteState(drv, obj->def->name);
    pthread_mutex_lock(&drv->lock);
    netObjSetBusy(drv, obj, false);
    obj->active = false;
    NET_DEBUG("network '%s' stopped", obj->def->name);
}
