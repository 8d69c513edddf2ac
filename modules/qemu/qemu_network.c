/* qemu_network.c: <interface type='network'>. The guest's own connection
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
