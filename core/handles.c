/* handles.c: the handles of storage pools and volumes, host interfaces,
 * node devices, secrets, network filters and bindings, domain snapshots and
 * checkpoints, and network ports: constructors for modules, reference
 * counts, and the public accessors that need no module. */
#include <stdlib.h>
#include <string.h>

#include "entry.h"
#include "error.h"
#include "internal.h"

#define MAGIC_POOL       0x4d4b5031u
#define MAGIC_VOL        0x4d4b5631u
#define MAGIC_IFACE      0x4d4b4931u
#define MAGIC_NODEDEV    0x4d4b4e44u
#define MAGIC_SECRET     0x4d4b5331u
#define MAGIC_NWFILTER   0x4d4b4631u
#define MAGIC_BINDING    0x4d4b4231u
#define MAGIC_SNAPSHOT   0x4d4b5333u
#define MAGIC_CHECKPOINT 0x4d4b4331u
#define MAGIC_PORT       0x4d4b5431u

static bool handleValid(const virtHandle *h, unsigned int magic)
{
    return h && h->magic == magic && virtConnectValid(h->conn);
}

/* A new handle with one reference; takes a reference on its owner: the
 * domain or network when given (conn is then theirs), else conn. */
static virtHandle *handleNew(size_t size, unsigned int magic, virConnectPtr conn,
                             virDomainPtr dom, virNetworkPtr net, const char *name)
{
    virtHandle *h = virtAlloc(size);
    h->magic = magic;
    atomic_init(&h->refs, 1);
    if (dom)
        atomic_fetch_add(&dom->refs, 1);
    else if (net)
        atomic_fetch_add(&net->refs, 1);
    else
        atomic_fetch_add(&conn->refs, 1);
    h->parentDom = dom;
    h->parentNet = net;
    h->conn = conn;
    h->name = name ? virtStrdup(name) : NULL;
    return h;
}

static void handleUnref(virtHandle *h)
{
    if (atomic_fetch_sub(&h->refs, 1) != 1)
        return;
    virConnectPtr conn = h->conn;
    virDomainPtr dom = h->parentDom;
    virNetworkPtr net = h->parentNet;
    h->magic = VIRT_DEAD_MAGIC;
    free(h->name);
    free(h->str2);
    free(h->str3);
    free(h);
    if (dom)
        virtDomainUnref(dom);
    else if (net)
        virtNetworkUnref(net);
    else
        virtConnectUnref(conn);
}

static bool badRequest(virConnectPtr conn, bool bad, const char *what)
{
    if (!bad)
        return false;
    virtErrorRaise(virtConnectValid(conn) ? conn : NULL, NULL, NULL, VIR_FROM_NONE,
                   VIR_ERR_INTERNAL_ERROR, "a module asked for a %s handle without %s",
                   what, "a valid owner, name or UUID");
    return true;
}

/* Entry check of a public function on a handle: resets the error, and
 * reports code from domain when the handle is not a live one. */
static bool enter(const virtHandle *h, unsigned int magic, int from, int code, const char *func)
{
    virResetLastError();
    if (handleValid(h, magic))
        return true;
    virtErrorRaise(NULL, NULL, NULL, from, code, "%s", func);
    virtDispatchError(NULL);
    return false;
}

/* Validity, Free and Ref, the same for every kind. */
#define HANDLE_BASICS(Type, Magic, From, Code)                               \
    bool virt##Type##Valid(vir##Type##Ptr obj)                               \
    {                                                                        \
        return obj && handleValid(&obj->h, Magic);                           \
    }                                                                        \
    int vir##Type##Free(vir##Type##Ptr obj)                                  \
    {                                                                        \
        if (!enter(obj ? &obj->h : NULL, Magic, From, Code, __func__))       \
            return -1;                                                       \
        handleUnref(&obj->h);                                                \
        return 0;                                                            \
    }                                                                        \
    int vir##Type##Ref(vir##Type##Ptr obj)                                   \
    {                                                                        \
        if (!enter(obj ? &obj->h : NULL, Magic, From, Code, __func__))       \
            return -1;                                                       \
        atomic_fetch_add(&obj->h.refs, 1);                                   \
        return 0;                                                            \
    }

/* A getter returning a field of the handle. */
#define HANDLE_GETTER(Type, Magic, From, Code, RetType, Func, Expr, Fail)    \
    RetType Func(vir##Type##Ptr obj)                                         \
    {                                                                        \
        if (!enter(obj ? &obj->h : NULL, Magic, From, Code, __func__))       \
            return Fail;                                                     \
        return Expr;                                                         \
    }

/* Lets a kind's argument bundle (POOL, VOL ...) expand into several arguments. */
#define GETTER(...) HANDLE_GETTER(__VA_ARGS__)

/* GetUUID and GetUUIDString. */
#define HANDLE_UUID(Type, Magic, From, Code)                                 \
    int vir##Type##GetUUID(vir##Type##Ptr obj, unsigned char *uuid)          \
    {                                                                        \
        if (!enter(obj ? &obj->h : NULL, Magic, From, Code, __func__) ||     \
            virtArgMissing(obj->h.conn, uuid, "uuid", __func__))                 \
            return -1;                                                       \
        memcpy(uuid, obj->h.uuid, VIRT_UUID_LEN);                            \
        return 0;                                                            \
    }                                                                        \
    int vir##Type##GetUUIDString(vir##Type##Ptr obj, char *buf)              \
    {                                                                        \
        if (!enter(obj ? &obj->h : NULL, Magic, From, Code, __func__) ||     \
            virtArgMissing(obj->h.conn, buf, "buf", __func__))                   \
            return -1;                                                       \
        virtUUIDFormat(obj->h.uuid, buf);                                    \
        return 0;                                                            \
    }

/* ---- storage pools: name, uuid ---- */
#define POOL StoragePool, MAGIC_POOL, VIR_FROM_STORAGE, VIR_ERR_INVALID_STORAGE_POOL
HANDLE_BASICS(StoragePool, MAGIC_POOL, VIR_FROM_STORAGE, VIR_ERR_INVALID_STORAGE_POOL)
HANDLE_UUID(StoragePool, MAGIC_POOL, VIR_FROM_STORAGE, VIR_ERR_INVALID_STORAGE_POOL)
GETTER(POOL, virConnectPtr, virStoragePoolGetConnect, obj->h.conn, NULL)
GETTER(POOL, const char *, virStoragePoolGetName, obj->h.name, NULL)

virStoragePoolPtr virtStoragePoolNew(virConnectPtr conn, const char *name,
                                     const unsigned char *uuid)
{
    if (badRequest(conn, !virtConnectValid(conn) || !name || !uuid, "storage pool"))
        return NULL;
    virStoragePoolPtr pool = (virStoragePoolPtr) handleNew(sizeof(*pool), MAGIC_POOL,
                                                           conn, NULL, NULL, name);
    memcpy(pool->h.uuid, uuid, VIRT_UUID_LEN);
    return pool;
}

virStoragePoolPtr virStoragePoolLookupByUUIDString(virConnectPtr conn, const char *uuidstr)
{
    unsigned char uuid[VIRT_UUID_LEN];
    if (!virtEnterConnect(conn, __func__) || !virtParseUUIDArg(conn, uuidstr, uuid, __func__))
        return NULL;
    return virStoragePoolLookupByUUID(conn, uuid);
}

/* ---- storage volumes: name, str2 = pool name, str3 = key ---- */
#define VOL StorageVol, MAGIC_VOL, VIR_FROM_STORAGE, VIR_ERR_INVALID_STORAGE_VOL
HANDLE_BASICS(StorageVol, MAGIC_VOL, VIR_FROM_STORAGE, VIR_ERR_INVALID_STORAGE_VOL)
GETTER(VOL, virConnectPtr, virStorageVolGetConnect, obj->h.conn, NULL)
GETTER(VOL, const char *, virStorageVolGetName, obj->h.name, NULL)
GETTER(VOL, const char *, virStorageVolGetKey, obj->h.str3, NULL)

virStorageVolPtr virtStorageVolNew(virConnectPtr conn, const char *pool,
                                   const char *name, const char *key)
{
    if (badRequest(conn, !virtConnectValid(conn) || !pool || !name || !key, "storage volume"))
        return NULL;
    virStorageVolPtr vol = (virStorageVolPtr) handleNew(sizeof(*vol), MAGIC_VOL,
                                                        conn, NULL, NULL, name);
    vol->h.str2 = virtStrdup(pool);
    vol->h.str3 = virtStrdup(key);
    return vol;
}

/* ---- host interfaces: name, str2 = MAC address ---- */
#define IFACE Interface, MAGIC_IFACE, VIR_FROM_INTERFACE, VIR_ERR_INVALID_INTERFACE
HANDLE_BASICS(Interface, MAGIC_IFACE, VIR_FROM_INTERFACE, VIR_ERR_INVALID_INTERFACE)
GETTER(IFACE, virConnectPtr, virInterfaceGetConnect, obj->h.conn, NULL)
GETTER(IFACE, const char *, virInterfaceGetName, obj->h.name, NULL)
GETTER(IFACE, const char *, virInterfaceGetMACString, obj->h.str2, NULL)

virInterfacePtr virtInterfaceNew(virConnectPtr conn, const char *name, const char *mac)
{
    if (badRequest(conn, !virtConnectValid(conn) || !name, "interface"))
        return NULL;
    virInterfacePtr iface = (virInterfacePtr) handleNew(sizeof(*iface), MAGIC_IFACE,
                                                        conn, NULL, NULL, name);
    iface->h.str2 = virtStrdup(mac ? mac : "");
    return iface;
}

/* ---- node devices: name ---- */
#define NODEDEV NodeDevice, MAGIC_NODEDEV, VIR_FROM_NODEDEV, VIR_ERR_INVALID_NODE_DEVICE
HANDLE_BASICS(NodeDevice, MAGIC_NODEDEV, VIR_FROM_NODEDEV, VIR_ERR_INVALID_NODE_DEVICE)
GETTER(NODEDEV, const char *, virNodeDeviceGetName, obj->h.name, NULL)

virNodeDevicePtr virtNodeDeviceNew(virConnectPtr conn, const char *name)
{
    if (badRequest(conn, !virtConnectValid(conn) || !name, "node device"))
        return NULL;
    return (virNodeDevicePtr) handleNew(sizeof(struct _virNodeDevice), MAGIC_NODEDEV,
                                        conn, NULL, NULL, name);
}

/* ---- secrets: uuid, num = usage type, str2 = usage id ---- */
#define SECRET Secret, MAGIC_SECRET, VIR_FROM_SECRET, VIR_ERR_INVALID_SECRET
HANDLE_BASICS(Secret, MAGIC_SECRET, VIR_FROM_SECRET, VIR_ERR_INVALID_SECRET)
HANDLE_UUID(Secret, MAGIC_SECRET, VIR_FROM_SECRET, VIR_ERR_INVALID_SECRET)
GETTER(SECRET, virConnectPtr, virSecretGetConnect, obj->h.conn, NULL)
GETTER(SECRET, int, virSecretGetUsageType, obj->h.num, -1)
GETTER(SECRET, const char *, virSecretGetUsageID, obj->h.str2, NULL)

virSecretPtr virtSecretNew(virConnectPtr conn, const unsigned char *uuid,
                           int usageType, const char *usageID)
{
    if (badRequest(conn, !virtConnectValid(conn) || !uuid, "secret"))
        return NULL;
    virSecretPtr secret = (virSecretPtr) handleNew(sizeof(*secret), MAGIC_SECRET,
                                                   conn, NULL, NULL, NULL);
    memcpy(secret->h.uuid, uuid, VIRT_UUID_LEN);
    secret->h.num = usageType;
    secret->h.str2 = virtStrdup(usageID ? usageID : "");
    return secret;
}

virSecretPtr virSecretLookupByUUIDString(virConnectPtr conn, const char *uuidstr)
{
    unsigned char uuid[VIRT_UUID_LEN];
    if (!virtEnterConnect(conn, __func__) || !virtParseUUIDArg(conn, uuidstr, uuid, __func__))
        return NULL;
    return virSecretLookupByUUID(conn, uuid);
}

/* ---- network filters: name, uuid ---- */
#define NWFILTER NWFilter, MAGIC_NWFILTER, VIR_FROM_NWFILTER, VIR_ERR_INVALID_NWFILTER
HANDLE_BASICS(NWFilter, MAGIC_NWFILTER, VIR_FROM_NWFILTER, VIR_ERR_INVALID_NWFILTER)
HANDLE_UUID(NWFilter, MAGIC_NWFILTER, VIR_FROM_NWFILTER, VIR_ERR_INVALID_NWFILTER)
GETTER(NWFILTER, const char *, virNWFilterGetName, obj->h.name, NULL)

virNWFilterPtr virtNWFilterNew(virConnectPtr conn, const char *name, const unsigned char *uuid)
{
    if (badRequest(conn, !virtConnectValid(conn) || !name || !uuid, "network filter"))
        return NULL;
    virNWFilterPtr filter = (virNWFilterPtr) handleNew(sizeof(*filter), MAGIC_NWFILTER,
                                                       conn, NULL, NULL, name);
    memcpy(filter->h.uuid, uuid, VIRT_UUID_LEN);
    return filter;
}

virNWFilterPtr virNWFilterLookupByUUIDString(virConnectPtr conn, const char *uuidstr)
{
    unsigned char uuid[VIRT_UUID_LEN];
    if (!virtEnterConnect(conn, __func__) || !virtParseUUIDArg(conn, uuidstr, uuid, __func__))
        return NULL;
    return virNWFilterLookupByUUID(conn, uuid);
}

/* ---- network filter bindings: name = port device, str2 = filter name ---- */
#define BINDING NWFilterBinding, MAGIC_BINDING, VIR_FROM_NWFILTER, VIR_ERR_INVALID_NWFILTER_BINDING
HANDLE_BASICS(NWFilterBinding, MAGIC_BINDING, VIR_FROM_NWFILTER, VIR_ERR_INVALID_NWFILTER_BINDING)
GETTER(BINDING, const char *, virNWFilterBindingGetPortDev, obj->h.name, NULL)
GETTER(BINDING, const char *, virNWFilterBindingGetFilterName, obj->h.str2, NULL)

virNWFilterBindingPtr virtNWFilterBindingNew(virConnectPtr conn, const char *portdev,
                                             const char *filtername)
{
    if (badRequest(conn, !virtConnectValid(conn) || !portdev || !filtername, "filter binding"))
        return NULL;
    virNWFilterBindingPtr b = (virNWFilterBindingPtr) handleNew(sizeof(*b), MAGIC_BINDING,
                                                                conn, NULL, NULL, portdev);
    b->h.str2 = virtStrdup(filtername);
    return b;
}

/* ---- domain snapshots and checkpoints: name, held domain ---- */
#define SNAP DomainSnapshot, MAGIC_SNAPSHOT, VIR_FROM_DOMAIN_SNAPSHOT, VIR_ERR_INVALID_DOMAIN_SNAPSHOT
HANDLE_BASICS(DomainSnapshot, MAGIC_SNAPSHOT, VIR_FROM_DOMAIN_SNAPSHOT, VIR_ERR_INVALID_DOMAIN_SNAPSHOT)
GETTER(SNAP, const char *, virDomainSnapshotGetName, obj->h.name, NULL)
GETTER(SNAP, virDomainPtr, virDomainSnapshotGetDomain, obj->h.parentDom, NULL)
GETTER(SNAP, virConnectPtr, virDomainSnapshotGetConnect, obj->h.conn, NULL)

virDomainSnapshotPtr virtDomainSnapshotNew(virDomainPtr dom, const char *name)
{
    if (badRequest(virtDomainValid(dom) ? dom->conn : NULL, !virtDomainValid(dom) || !name,
                   "snapshot"))
        return NULL;
    return (virDomainSnapshotPtr) handleNew(sizeof(struct _virDomainSnapshot), MAGIC_SNAPSHOT,
                                            dom->conn, dom, NULL, name);
}

#define CHECKPOINT DomainCheckpoint, MAGIC_CHECKPOINT, VIR_FROM_DOMAIN_CHECKPOINT, \
    VIR_ERR_INVALID_DOMAIN_CHECKPOINT
HANDLE_BASICS(DomainCheckpoint, MAGIC_CHECKPOINT, VIR_FROM_DOMAIN_CHECKPOINT,
              VIR_ERR_INVALID_DOMAIN_CHECKPOINT)
GETTER(CHECKPOINT, const char *, virDomainCheckpointGetName, obj->h.name, NULL)
GETTER(CHECKPOINT, virDomainPtr, virDomainCheckpointGetDomain, obj->h.parentDom, NULL)
GETTER(CHECKPOINT, virConnectPtr, virDomainCheckpointGetConnect, obj->h.conn, NULL)

virDomainCheckpointPtr virtDomainCheckpointNew(virDomainPtr dom, const char *name)
{
    if (badRequest(virtDomainValid(dom) ? dom->conn : NULL, !virtDomainValid(dom) || !name,
                   "checkpoint"))
        return NULL;
    return (virDomainCheckpointPtr) handleNew(sizeof(struct _virDomainCheckpoint),
                                              MAGIC_CHECKPOINT, dom->conn, dom, NULL, name);
}

/* ---- network ports: uuid, held network ---- */
#define PORT NetworkPort, MAGIC_PORT, VIR_FROM_NETWORK, VIR_ERR_INVALID_NETWORK_PORT
HANDLE_BASICS(NetworkPort, MAGIC_PORT, VIR_FROM_NETWORK, VIR_ERR_INVALID_NETWORK_PORT)
HANDLE_UUID(NetworkPort, MAGIC_PORT, VIR_FROM_NETWORK, VIR_ERR_INVALID_NETWORK_PORT)
GETTER(PORT, virNetworkPtr, virNetworkPortGetNetwork, obj->h.parentNet, NULL)

virNetworkPortPtr virtNetworkPortNew(virNetworkPtr net, const unsigned char *uuid)
{
    if (badRequest(virtNetworkValid(net) ? net->conn : NULL, !virtNetworkValid(net) || !uuid,
                   "network port"))
        return NULL;
    virNetworkPortPtr port = (virNetworkPortPtr) handleNew(sizeof(*port), MAGIC_PORT,
                                                           net->conn, NULL, net, NULL);
    memcpy(port->h.uuid, uuid, VIRT_UUID_LEN);
    return port;
}

virNetworkPortPtr virNetworkPortLookupByUUIDString(virNetworkPtr net, const char *uuidstr)
{
    unsigned char uuid[VIRT_UUID_LEN];
    virResetLastError();
    if (!virtNetworkValid(net)) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_NETWORK, VIR_ERR_INVALID_NETWORK, "%s", __func__);
        virtDispatchError(NULL);
        return NULL;
    }
    if (!virtParseUUIDArg(net->conn, uuidstr, uuid, __func__))
        return NULL;
    return virNetworkPortLookupByUUID(net, uuid);
}
