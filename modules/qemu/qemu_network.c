/* qemu_network.c: <interface type='network'>, and the addresses its
 * network's DHCP leases give the guest. The guest's own connection
 * has a network role (the network module, in this daemon): asking it
 * through the public API which bridge the named network has keeps the
 * modules apart, as nothing links against a module. The tap then joins
 * that bridge as a type='bridge' one does. */
#include <stdlib.h>
#include <string.h>

#include "qemu_driver.h"
#include "util.h"

VIRT_MODULE_LOG_INIT("qemu.network");

int qemuNetworkResolve(virConnectPtr conn, virtDomainInterface *n)
{
    virtDomainIfaceSource *src = n->other.source;
    const char *name = src ? src->network : NULL;

    if (!name || !name[0]) {
        QEMU_ERROR(conn, VIR_ERR_XML_ERROR,
                   "No <source> 'network' attribute specified with <interface type='network'/>");
        return -1;
    }
    /* the network role raises libvirt's own errors: no such network */
    virNetworkPtr net = virNetworkLookupByName(conn, name);
    if (!net)
        return -1;
    int active = virNetworkIsActive(net);
    char *bridge = active == 1 ? virNetworkGetBridgeName(net) : NULL;
    void *saved = qemuCore->error_save();
    virNetworkFree(net);
    qemuCore->error_restore(conn, saved);
    if (active < 0 || (active == 1 && !bridge))
        return -1;
    if (active == 0) {
        qemuCore->error(conn, VIR_FROM_NETWORK, VIR_ERR_OPERATION_INVALID, "network '%s' is not active", name);
        return -1;
    }
    /* the live definition says where the tap went, as libvirt's does */
    free(src->bridge);
    src->bridge = bridge;
    VIRT_MODULE_DEBUG(qemuCore, "interface on network '%s': bridge %s", name, bridge);
    return 0;
}

/* One interface on a network, copied out of the domain so that the
 * network role is asked without the driver's lock. */
typedef struct leaseQuery {
    char *network, *mac, *target;
} leaseQuery;

/* The leases of one interface appended to *out as one entry (none when
 * the network has no lease for its MAC); -1 with the role's error. */
static int addLeases(virConnectPtr conn, const leaseQuery *q, virDomainInterfacePtr **out, int *n)
{
    virNetworkDHCPLeasePtr *leases = NULL;
    virNetworkPtr net = virNetworkLookupByName(conn, q->network);
    if (!net)
        return -1;
    int nleases = virNetworkGetDHCPLeases(net, q->mac, &leases, 0);
    void *saved = qemuCore->error_save();
    virNetworkFree(net);
    qemuCore->error_restore(conn, saved);
    if (nleases < 0)
        return -1;
    if (nleases > 0) {
        virDomainInterfacePtr ifc = virtAlloc(sizeof(*ifc));
        ifc->name = virtStrdup(q->target ? q->target : "");
        ifc->hwaddr = virtStrdup(q->mac);
        ifc->naddrs = (unsigned int) nleases;
        ifc->addrs = virtAlloc(sizeof(*ifc->addrs) * (size_t) nleases);
        for (int i = 0; i < nleases; i++) {
            ifc->addrs[i].type = leases[i]->type;
            ifc->addrs[i].addr = virtStrdup(leases[i]->ipaddr);
            ifc->addrs[i].prefix = leases[i]->prefix;
        }
        *out = virtRealloc(*out, sizeof(**out) * (size_t) (*n + 2));
        (*out)[(*n)++] = ifc;
        (*out)[*n] = NULL;
    }
    for (int i = 0; i < nleases; i++)
        virNetworkDHCPLeaseFree(leases[i]);
    free(leases);
    return 0;
}

int qemuDomainInterfaceAddresses(virDomainPtr dom, virDomainInterfacePtr **ifaces, unsigned int source,
                                 unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    virConnectPtr conn = qemuCore->handle_conn(dom);
    qemuDriver *drv;
    leaseQuery *qs = NULL;
    size_t nq = 0;

    if (source > VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_ARP) {
        QEMU_ERROR(conn, VIR_ERR_INVALID_ARG, "Unknown IP address data source %u", source);
        return -1;
    }
    /* no guest agent channel or ARP table reading yet */
    if (source != VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE) {
        QEMU_ERROR(conn, VIR_ERR_ARGUMENT_UNSUPPORTED,
                   "IP address data source %u is not supported: only the DHCP leases of the guest's networks", source);
        return -1;
    }
    qemuDomain *vm = qemuDomainFromHandleActive(dom, &drv);
    if (!vm)
        return -1;
    for (size_t i = 0; i < virtDomainModelIfaceCount(vm->def); i++) {
        const virtDomainInterface *c = vm->def->devices->interface[i];
        const char *mac = virtDomainModelIfaceMAC(c);
        if (!virtStrEq(c->type, "network") || !c->other.source || !c->other.source->network || !mac)
            continue;
        qs = virtRealloc(qs, sizeof(*qs) * (nq + 1));
        qs[nq].network = virtStrdup(c->other.source->network);
        qs[nq].mac = virtStrdup(mac);
        qs[nq].target = virtDomainModelIfaceTarget(c) ? virtStrdup(virtDomainModelIfaceTarget(c)) : NULL;
        nq++;
    }
    pthread_mutex_unlock(&drv->lock);

    virDomainInterfacePtr *out = NULL;
    int n = 0, rc = 0;
    for (size_t i = 0; i < nq && rc == 0; i++)
        rc = addLeases(conn, &qs[i], &out, &n);
    for (size_t i = 0; i < nq; i++) {
        free(qs[i].network);
        free(qs[i].mac);
        free(qs[i].target);
    }
    free(qs);
    if (rc < 0) {
        for (int i = 0; i < n; i++)
            virDomainInterfaceFree(out[i]);
        free(out);
        return -1;
    }
    *ifaces = out;
    return n;
}
