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

/* Storage pools by UUID, volumes by key, interfaces and node devices by
 * name: the field each kind is unique by. */
virStoragePoolPtr daemonGetStoragePool(virConnectPtr conn, const remote_nonnull_storage_pool *p)
{
    return virStoragePoolLookupByUUID(conn, p->uuid);
}

virStorageVolPtr daemonGetStorageVol(virConnectPtr conn, const remote_nonnull_storage_vol *v)
{
    return virStorageVolLookupByKey(conn, v->key);
}

virInterfacePtr daemonGetInterface(virConnectPtr conn, const remote_nonnull_interface *i)
{
    return virInterfaceLookupByName(conn, i->name);
}

virNodeDevicePtr daemonGetNodeDevice(virConnectPtr conn, const remote_nonnull_node_device *d)
{
    return virNodeDeviceLookupByName(conn, d->name);
}

void daemonMakeStoragePool(remote_nonnull_storage_pool *out, virStoragePoolPtr pool)
{
    out->name = virtStrdup(virStoragePoolGetName(pool));
    virStoragePoolGetUUID(pool, out->uuid);
}

/* The public API has no getter for a volume's pool name: ask for the pool. */
void daemonMakeStorageVol(remote_nonnull_storage_vol *out, virStorageVolPtr vol)
{
    virStoragePoolPtr pool = virStoragePoolLookupByVolume(vol);
    out->pool = virtStrdup(pool ? virStoragePoolGetName(pool) : "");
    daemonReleaseStoragePool(pool);
    out->name = virtStrdup(virStorageVolGetName(vol));
    out->key = virtStrdup(virStorageVolGetKey(vol));
}

void daemonMakeInterface(remote_nonnull_interface *out, virInterfacePtr iface)
{
    const char *mac = virInterfaceGetMACString(iface);
    out->name = virtStrdup(virInterfaceGetName(iface));
    out->mac = virtStrdup(mac ? mac : "");
}

void daemonMakeNodeDevice(remote_nonnull_node_device *out, virNodeDevicePtr dev)
{
    out->name = virtStrdup(virNodeDeviceGetName(dev));
}

static void freePool(void *obj) { virStoragePoolFree(obj); }
static void freeVol(void *obj) { virStorageVolFree(obj); }
static void freeIface(void *obj) { virInterfaceFree(obj); }
static void freeNodeDev(void *obj) { virNodeDeviceFree(obj); }

void daemonReleaseStoragePool(virStoragePoolPtr pool)
{
    if (pool)
        keepError(freePool, pool);
}

void daemonReleaseStorageVol(virStorageVolPtr vol)
{
    if (vol)
        keepError(freeVol, vol);
}

void daemonReleaseInterface(virInterfacePtr iface)
{
    if (iface)
        keepError(freeIface, iface);
}

void daemonReleaseNodeDevice(virNodeDevicePtr dev)
{
    if (dev)
        keepError(freeNodeDev, dev);
}

/* Snapshots and checkpoints by name within their domain. */
#define MOMENT_HANDLES(Kind, ptr, wire, lookup, getName, getDomain, freeFn)        \
    ptr daemonGet##Kind(virConnectPtr conn, const wire *s)                          \
    {                                                                               \
        virDomainPtr dom = daemonGetDomain(conn, &s->dom);                          \
        if (!dom)                                                                   \
            return NULL;                                                            \
        ptr obj = lookup(dom, s->name, 0);                                          \
        daemonReleaseDomain(dom);                                                   \
        return obj;                                                                 \
    }                                                                               \
    void daemonMake##Kind(wire *out, ptr obj)                                       \
    {                                                                               \
        out->name = virtStrdup(getName(obj));                                       \
        daemonMakeDomain(&out->dom, getDomain(obj));                                \
    }                                                                               \
    static void free##Kind(void *obj) { freeFn(obj); }                              \
    void daemonRelease##Kind(ptr obj)                                               \
    {                                                                               \
        if (obj)                                                                    \
            keepError(free##Kind, obj);                                             \
    }

MOMENT_HANDLES(DomainSnapshot, virDomainSnapshotPtr, remote_nonnull_domain_snapshot,
               virDomainSnapshotLookupByName, virDomainSnapshotGetName, virDomainSnapshotGetDomain,
               virDomainSnapshotFree)
MOMENT_HANDLES(DomainCheckpoint, virDomainCheckpointPtr, remote_nonnull_domain_checkpoint,
               virDomainCheckpointLookupByName, virDomainCheckpointGetName, virDomainCheckpointGetDomain,
               virDomainCheckpointFree)

/* Secrets by UUID, with their usage; network filters by UUID. */
virSecretPtr daemonGetSecret(virConnectPtr conn, const remote_nonnull_secret *s)
{
    return virSecretLookupByUUID(conn, s->uuid);
}

void daemonMakeSecret(remote_nonnull_secret *out, virSecretPtr secret)
{
    const char *usage = virSecretGetUsageID(secret);
    virSecretGetUUID(secret, out->uuid);
    out->usageType = virSecretGetUsageType(secret);
    out->usageID = virtStrdup(usage ? usage : "");
}

virNWFilterPtr daemonGetNWFilter(virConnectPtr conn, const remote_nonnull_nwfilter *f)
{
    return virNWFilterLookupByUUID(conn, f->uuid);
}

void daemonMakeNWFilter(remote_nonnull_nwfilter *out, virNWFilterPtr filter)
{
    out->name = virtStrdup(virNWFilterGetName(filter));
    virNWFilterGetUUID(filter, out->uuid);
}

static void freeSecret(void *obj) { virSecretFree(obj); }
static void freeNWFilter(void *obj) { virNWFilterFree(obj); }

void daemonReleaseSecret(virSecretPtr secret)
{
    if (secret)
        keepError(freeSecret, secret);
}

void daemonReleaseNWFilter(virNWFilterPtr filter)
{
    if (filter)
        keepError(freeNWFilter, filter);
}

/* libvirt's daemon makes the binding from its two names without asking
 * the driver; ours, a client of the API, looks it up by its port. */
virNWFilterBindingPtr daemonGetNWFilterBinding(virConnectPtr conn, const remote_nonnull_nwfilter_binding *b)
{
    return virNWFilterBindingLookupByPortDev(conn, b->portdev);
}

void daemonMakeNWFilterBinding(remote_nonnull_nwfilter_binding *out, virNWFilterBindingPtr binding)
{
    out->portdev = virtStrdup(virNWFilterBindingGetPortDev(binding));
    out->filtername = virtStrdup(virNWFilterBindingGetFilterName(binding));
}

static void freeNWFilterBinding(void *obj) { virNWFilterBindingFree(obj); }

void daemonReleaseNWFilterBinding(virNWFilterBindingPtr binding)
{
    if (binding)
        keepError(freeNWFilterBinding, binding);
}

/* A network port by its UUID within its network. */
virNetworkPortPtr daemonGetNetworkPort(virConnectPtr conn, const remote_nonnull_network_port *p)
{
    virNetworkPtr net = daemonGetNetwork(conn, &p->net);
    if (!net)
        return NULL;
    virNetworkPortPtr port = virNetworkPortLookupByUUID(net, p->uuid);
    daemonReleaseNetwork(net);
    return port;
}

void daemonMakeNetworkPort(remote_nonnull_network_port *out, virNetworkPortPtr port)
{
    daemonMakeNetwork(&out->net, virNetworkPortGetNetwork(port));
    virNetworkPortGetUUID(port, out->uuid);
}

static void freeNetworkPort(void *obj) { virNetworkPortFree(obj); }

void daemonReleaseNetworkPort(virNetworkPortPtr port)
{
    if (port)
        keepError(freeNetworkPort, port);
}
