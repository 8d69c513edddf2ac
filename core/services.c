/* services.c: the table of core services handed to every module. */
#include <stdarg.h>

#include "entry.h"
#include "error.h"
#include "events.h"
#include "internal.h"
#include "log.h"
#include "registry.h"
#include "stream.h"
#include "uri.h"

static void svcError(virConnectPtr conn, int from, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    virtErrorRaiseV(conn, NULL, NULL, from, code, fmt, ap);
    va_end(ap);
}

static void *svcConnPrivate(virConnectPtr conn, virtRole role)
{
    if (!virtConnectValid(conn) || (int) role < 0 || role >= VIRT_ROLE_LAST)
        return NULL;
    return conn->roles[role].priv;
}

static void *svcConnPrivateOwn(virConnectPtr conn, virtRole role,
                               const virtModuleDescriptor *self)
{
    if (!svcConnPrivate(conn, role))
        return NULL;
    const virtModule *m = conn->roles[role].module;
    return m && m->desc == self ? conn->roles[role].priv : NULL;
}

static int svcConnReadonly(virConnectPtr conn)
{
    return virtConnectValid(conn) && (conn->flags & VIR_CONNECT_RO);
}

static const virtURI *svcConnURI(virConnectPtr conn)
{
    return virtConnectValid(conn) && conn->uri ? &conn->uri->pub : NULL;
}

static virConnectPtr svcDomainConn(virDomainPtr dom) { return dom->conn; }
static const char *svcDomainName(virDomainPtr dom) { return dom->name; }
static const unsigned char *svcDomainUUID(virDomainPtr dom) { return dom->uuid; }
static int svcDomainID(virDomainPtr dom) { return atomic_load(&dom->id); }
static void svcDomainSetID(virDomainPtr dom, int id) { atomic_store(&dom->id, id); }
static virConnectPtr svcNetworkConn(virNetworkPtr net) { return net->conn; }
static const char *svcNetworkName(virNetworkPtr net) { return net->name; }
static const unsigned char *svcNetworkUUID(virNetworkPtr net) { return net->uuid; }

static const char *svcPoolName(virStoragePoolPtr pool) { return pool->h.name; }
static const unsigned char *svcPoolUUID(virStoragePoolPtr pool) { return pool->h.uuid; }
static const char *svcVolPool(virStorageVolPtr vol) { return vol->h.str2; }
static const char *svcVolName(virStorageVolPtr vol) { return vol->h.name; }
static const char *svcVolKey(virStorageVolPtr vol) { return vol->h.str3; }
static const char *svcIfaceName(virInterfacePtr iface) { return iface->h.name; }
static const char *svcIfaceMAC(virInterfacePtr iface) { return iface->h.str2; }
static const char *svcNodeDeviceName(virNodeDevicePtr dev) { return dev->h.name; }
static const unsigned char *svcSecretUUID(virSecretPtr secret) { return secret->h.uuid; }
static int svcSecretUsageType(virSecretPtr secret) { return secret->h.num; }
static const char *svcSecretUsageID(virSecretPtr secret) { return secret->h.str2; }
static const char *svcFilterName(virNWFilterPtr filter) { return filter->h.name; }
static const unsigned char *svcFilterUUID(virNWFilterPtr filter) { return filter->h.uuid; }
static const char *svcBindingPortDev(virNWFilterBindingPtr b) { return b->h.name; }
static const char *svcBindingFilter(virNWFilterBindingPtr b) { return b->h.str2; }
static virDomainPtr svcSnapshotDomain(virDomainSnapshotPtr s) { return s->h.parentDom; }
static const char *svcSnapshotName(virDomainSnapshotPtr s) { return s->h.name; }
static virDomainPtr svcCheckpointDomain(virDomainCheckpointPtr c) { return c->h.parentDom; }
static const char *svcCheckpointName(virDomainCheckpointPtr c) { return c->h.name; }
static virNetworkPtr svcPortNetwork(virNetworkPortPtr port) { return port->h.parentNet; }
static const unsigned char *svcPortUUID(virNetworkPortPtr port) { return port->h.uuid; }

static virConnectPtr svcPoolConn(virStoragePoolPtr p) { return ((virtHandle *) p)->conn; }
static virConnectPtr svcVolConn(virStorageVolPtr v) { return ((virtHandle *) v)->conn; }
static virConnectPtr svcIfaceConn(virInterfacePtr i) { return ((virtHandle *) i)->conn; }
static virConnectPtr svcNodeDevConn(virNodeDevicePtr d) { return ((virtHandle *) d)->conn; }
static virConnectPtr svcSecretConn(virSecretPtr s) { return ((virtHandle *) s)->conn; }
static virConnectPtr svcNWFilterConn(virNWFilterPtr f) { return ((virtHandle *) f)->conn; }
static virConnectPtr svcBindingConn(virNWFilterBindingPtr b) { return ((virtHandle *) b)->conn; }

static void svcDomainRelease(virDomainPtr dom)
{
    if (virtDomainValid(dom))
        virDomainFree(dom);
}

const virtCoreServices virtCoreServiceTable = {
    .size = sizeof(virtCoreServices),
    .abi_version = VIRT_MODULE_ABI_VERSION,
    .error = svcError,
    .conn_private = svcConnPrivate,
    .conn_readonly = svcConnReadonly,
    .conn_uri = svcConnURI,
    .domain_new = virtDomainNew,
    .domain_conn = svcDomainConn,
    .domain_name = svcDomainName,
    .domain_uuid = svcDomainUUID,
    .domain_id = svcDomainID,
    .domain_set_id = svcDomainSetID,
    .network_new = virtNetworkNew,
    .network_conn = svcNetworkConn,
    .network_name = svcNetworkName,
    .network_uuid = svcNetworkUUID,
    .storage_pool_new = virtStoragePoolNew,
    .storage_pool_name = svcPoolName,
    .storage_pool_uuid = svcPoolUUID,
    .storage_vol_new = virtStorageVolNew,
    .storage_vol_pool = svcVolPool,
    .storage_vol_name = svcVolName,
    .storage_vol_key = svcVolKey,
    .interface_new = virtInterfaceNew,
    .interface_name = svcIfaceName,
    .interface_mac = svcIfaceMAC,
    .node_device_new = virtNodeDeviceNew,
    .node_device_name = svcNodeDeviceName,
    .secret_new = virtSecretNew,
    .secret_uuid = svcSecretUUID,
    .secret_usage_type = svcSecretUsageType,
    .secret_usage_id = svcSecretUsageID,
    .nwfilter_new = virtNWFilterNew,
    .nwfilter_name = svcFilterName,
    .nwfilter_uuid = svcFilterUUID,
    .nwfilter_binding_new = virtNWFilterBindingNew,
    .nwfilter_binding_portdev = svcBindingPortDev,
    .nwfilter_binding_filter = svcBindingFilter,
    .domain_snapshot_new = virtDomainSnapshotNew,
    .domain_snapshot_domain = svcSnapshotDomain,
    .domain_snapshot_name = svcSnapshotName,
    .domain_checkpoint_new = virtDomainCheckpointNew,
    .domain_checkpoint_domain = svcCheckpointDomain,
    .domain_checkpoint_name = svcCheckpointName,
    .network_port_new = virtNetworkPortNew,
    .network_port_network = svcPortNetwork,
    .network_port_uuid = svcPortUUID,
    .domain_event_lifecycle = virtDomainEventLifecycle,
    .domain_event_generic = virtDomainEventGeneric,
    .stream_attach = virtStreamAttach,
    .stream_attach_buffer = virtStreamAttachBuffer,
    .stream_conn = virtStreamConn,
    .stream_flags = virtStreamFlags,
    .error_set = virtErrorSetVerbatim,
    .storage_pool_conn = svcPoolConn,
    .storage_vol_conn = svcVolConn,
    .interface_conn = svcIfaceConn,
    .node_device_conn = svcNodeDevConn,
    .secret_conn = svcSecretConn,
    .nwfilter_conn = svcNWFilterConn,
    .domain_release = svcDomainRelease,
    .nwfilter_binding_conn = svcBindingConn,
    .domain_event_queue = virtDomainEventQueue,
    .error_save = virtErrorSave,
    .error_restore = virtErrorRestore,
    .conn_private_own = svcConnPrivateOwn,
    .log = virtLogMessage,
    .object_event_register = virtObjectEventRegister,
    .object_event_deregister = virtObjectEventDeregister,
    .object_event_queue = virtObjectEventQueue,
    .legacy_call = virtLegacyCall,
};
