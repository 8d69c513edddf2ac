/* daemon-handles.c: domains and networks travel as {name, uuid[, id]};
 * the daemon finds them again by UUID on the client's connection. */
#include <string.h>

#include "daemon-dispatch-table.h"
#include "error.h"

virDomainPtr daemonGetDomain(virConnectPtr conn, const remote_nonnull_domain *d)
{
    return virDomainLookupByUUID(conn, d->uuid);
}

virNetworkPtr daemonGetNetwork(virConnectPtr conn, const remote_nonnull_network *n)
{
    return virNetworkLookupByUUID(conn, n->uuid);
}

void daemonMakeDomain(remote_nonnull_domain *out, virDomainPtr dom)
{
    out->name = virtStrdup(virDomainGetName(dom));
    virDomainGetUUID(dom, out->uuid);
    out->id = (int32_t) virDomainGetID(dom);
}

void daemonMakeNetwork(remote_nonnull_network *out, virNetworkPtr net)
{
    out->name = virtStrdup(virNetworkGetName(net));
    virNetworkGetUUID(net, out->uuid);
}

/* virDomainFree and virNetworkFree reset the thread's last error, which
 * must survive until the reply is built: keep a copy and put it back,
 * without pointers to objects that may be gone. */
static void keepError(void (*release)(void *), void *obj)
{
    virError saved;
    memset(&saved, 0, sizeof(saved));
    int had = virCopyLastError(&saved) > 0;
    release(obj);
    if (had) {
        virtErrorRaise(NULL, NULL, NULL, saved.domain, saved.code, NULL);
        virError *now = virGetLastError();
        if (now) {
            virtErrorClear(now);
            virtErrorCopy(now, &saved);
            now->conn = NULL;
            now->dom = NULL;
            now->net = NULL;
        }
    }
    virResetError(&saved);
}

static void freeDomain(void *obj) { virDomainFree(obj); }
static void freeNetwork(void *obj) { virNetworkFree(obj); }

void daemonReleaseDomain(virDomainPtr dom)
{
    if (dom)
        keepError(freeDomain, dom);
}

void daemonReleaseNetwork(virNetworkPtr net)
{
    if (net)
        keepError(freeNetwork, net);
}
