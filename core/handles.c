/* handles.c: every object handle a module hands out (domains, networks,
 * storage pools and volumes, host interfaces, node devices, secrets,
 * network filters and bindings, snapshots, checkpoints, network ports).
 * They share one layout, virtHandle, with a kind and an identity; this
 * file makes them, counts their references, and answers the public calls
 * that need no module. */
#include <stdlib.h>
#include <string.h>

#include "entry.h"
#include "error.h"
#include "internal.h"

/* A distinct magic per kind: a handle of one kind passed where another
 * is expected is refused. */
static const unsigned int kindMagic[VIRT_HANDLE_KIND_LAST] = {
    [VIRT_HANDLE_DOMAIN] = 0x4d4b4431u,
    [VIRT_HANDLE_NETWORK] = 0x4d4b4e31u,
    [VIRT_HANDLE_STORAGE_POOL] = 0x4d4b5031u,
    [VIRT_HANDLE_STORAGE_VOL] = 0x4d4b5631u,
    [VIRT_HANDLE_INTERFACE] = 0x4d4b4931u,
    [VIRT_HANDLE_NODE_DEVICE] = 0x4d4b4e44u,
    [VIRT_HANDLE_SECRET] = 0x4d4b5331u,
    [VIRT_HANDLE_NWFILTER] = 0x4d4b4631u,
    [VIRT_HANDLE_NWFILTER_BINDING] = 0x4d4b4231u,
    [VIRT_HANDLE_DOMAIN_SNAPSHOT] = 0x4d4b5333u,
    [VIRT_HANDLE_DOMAIN_CHECKPOINT] = 0x4d4b4331u,
    [VIRT_HANDLE_NETWORK_PORT] = 0x4d4b5431u,
};

#define MAGIC_DOMAIN     kindMagic[VIRT_HANDLE_DOMAIN]
#define MAGIC_NETWORK    kindMagic[VIRT_HANDLE_NETWORK]
#define MAGIC_POOL       kindMagic[VIRT_HANDLE_STORAGE_POOL]
#define MAGIC_VOL        kindMagic[VIRT_HANDLE_STORAGE_VOL]
#define MAGIC_IFACE      kindMagic[VIRT_HANDLE_INTERFACE]
#define MAGIC_NODEDEV    kindMagic[VIRT_HANDLE_NODE_DEVICE]
#define MAGIC_SECRET     kindMagic[VIRT_HANDLE_SECRET]
#define MAGIC_NWFILTER   kindMagic[VIRT_HANDLE_NWFILTER]
#define MAGIC_BINDING    kindMagic[VIRT_HANDLE_NWFILTER_BINDING]
#define MAGIC_SNAPSHOT   kindMagic[VIRT_HANDLE_DOMAIN_SNAPSHOT]
#define MAGIC_CHECKPOINT kindMagic[VIRT_HANDLE_DOMAIN_CHECKPOINT]
#define MAGIC_PORT       kindMagic[VIRT_HANDLE_NETWORK_PORT]

static bool handleValid(const virtHandle *h, unsigned int magic)
{
    return h && h->magic == magic && virtConnectValid(h->conn);
}

bool virtHandleValid(const void *handle)
{
    const virtHandle *h = handle;
    return h && (unsigned) h->kind < VIRT_HANDLE_KIND_LAST && handleValid(h, kindMagic[h->kind]);
}

/* Which parent a kind has, and what it needs in its identity. */
static const struct {
    const char *what;
    int parent;                   /* a virtHandleKind, or -1: none */
    bool name, uuid, pool, key, filter;
} kindInfo[VIRT_HANDLE_KIND_LAST] = {
    [VIRT_HANDLE_DOMAIN] = { "domain", -1, true, true, false, false, false },
    [VIRT_HANDLE_NETWORK] = { "network", -1, true, true, false, false, false },
    [VIRT_HANDLE_STORAGE_POOL] = { "storage pool", -1, true, true, false, false, false },
    [VIRT_HANDLE_STORAGE_VOL] = { "storage volume", -1, true, false, true, true, false },
    [VIRT_HANDLE_INTERFACE] = { "interface", -1, true, false, false, false, false },
    [VIRT_HANDLE_NODE_DEVICE] = { "node device", -1, true, false, false, false, false },
    [VIRT_HANDLE_SECRET] = { "secret", -1, false, true, false, false, false },
    [VIRT_HANDLE_NWFILTER] = { "network filter", -1, true, true, false, false, false },
    [VIRT_HANDLE_NWFILTER_BINDING] = { "filter binding", -1, true, false, false, false, true },
    [VIRT_HANDLE_DOMAIN_SNAPSHOT] = { "snapshot", VIRT_HANDLE_DOMAIN, true, false, false, false, false },
    [VIRT_HANDLE_DOMAIN_CHECKPOINT] = { "checkpoint", VIRT_HANDLE_DOMAIN, true, false, false, false, false },
    [VIRT_HANDLE_NETWORK_PORT] = { "network port", VIRT_HANDLE_NETWORK, false, true, false, false, false },
};

static char *dupOrNull(const char *s)
{
    return s ? virtStrdup(s) : NULL;
}

void *virtHandleNew(virConnectPtr conn, virtHandleKind kind, void *parent,
                    const virtHandleIdentity *id)
{
    if ((unsigned) kind >= VIRT_HANDLE_KIND_LAST) {
        virtErrorRaise(virtConnectValid(conn) ? conn : NULL, NULL, NULL, VIR_FROM_NONE,
                       VIR_ERR_INTERNAL_ERROR, "a module asked for a handle of unknown kind %d", kind);
        return NULL;
    }
    virtHandle *owner = parent;
    bool parentOk = kindInfo[kind].parent < 0
                        ? !parent
                        : owner && owner->kind == (virtHandleKind) kindInfo[kind].parent &&
                              virtHandleValid(owner);
    if (owner && parentOk)
        conn = owner->conn;
    if (!virtConnectValid(conn) || !parentOk || !id || (kindInfo[kind].name && !id->name) ||
        (kindInfo[kind].uuid && !id->uuid) || (kindInfo[kind].pool && !id->pool) ||
        (kindInfo[kind].key && !id->key) || (kindInfo[kind].filter && !id->filter)) {
        virtErrorRaise(virtConnectValid(conn) ? conn : NULL, NULL, NULL, VIR_FROM_NONE,
                       VIR_ERR_INTERNAL_ERROR, "a module asked for a %s handle without %s",
                       kindInfo[kind].what, "a valid owner, name or UUID");
        return NULL;
    }
    /* The parent keeps the connection alive; otherwise take a reference,
     * never bringing back a connection that is being closed. */
    if (owner)
        atomic_fetch_add(&owner->refs, 1);
    else if (!virtConnectRefIfAlive(conn)) {
        virtErrorRaise(conn, NULL, NULL, VIR_FROM_NONE, VIR_ERR_INVALID_CONN,
                       "the connection is being closed");
        return NULL;
    }
    virtHandle *h = virtAlloc(sizeof(*h));
    h->magic = kindMagic[kind];
    h->kind = kind;
    atomic_init(&h->refs, 1);
    h->conn = conn;
    h->parent = owner;
    if (id->uuid) {
        memcpy(h->uuid, id->uuid, VIRT_UUID_LEN);
        h->ident.uuid = h->uuid;
    }
    h->ident.name = dupOrNull(id->name);
    h->ident.id = kind == VIRT_HANDLE_DOMAIN ? id->id : 0;
    h->ident.pool = dupOrNull(id->pool);
    h->ident.key = dupOrNull(id->key);
    /* these read back as "" when not known, as the public getters return */
    if (kind == VIRT_HANDLE_INTERFACE)
        h->ident.mac = virtStrdup(id->mac ? id->mac : "");
    if (kind == VIRT_HANDLE_SECRET) {
        h->ident.usage_type = id->usage_type;
        h->ident.usage_id = virtStrdup(id->usage_id ? id->usage_id : "");
    }
    h->ident.filter = dupOrNull(id->filter);
    return h;
}

void virtHandleUnref(void *handle)
{
    virtHandle *h = handle;
    if (atomic_fetch_sub(&h->refs, 1) != 1)
        return;
    virConnectPtr conn = h->conn;
    virtHandle *parent = h->parent;
    h->magic = VIRT_DEAD_MAGIC;
    free((char *) h->ident.name);
    free((char *) h->ident.pool);
    free((char *) h->ident.key);
    free((char *) h->ident.mac);
    free((char *) h->ident.usage_id);
    free((char *) h->ident.filter);
    free(h);
    if (parent)
        virtHandleUnref(parent);
    else
        virtConnectUnref(conn);
}

int virtHandleID(const void *handle)
{
    return __atomic_load_n(&((const virtHandle *) handle)->ident.id, __ATOMIC_RELAXED);
}

void virtHandleSetID(void *handle, int id)
{
    __atomic_store_n(&((virtHandle *) handle)->ident.id, id, __ATOMIC_RELAXED);
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
        virtHandleUnref(obj);                                                \
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

/* LookupByUUIDString: the UUID parsed, then the module's LookupByUUID. */
#define HANDLE_LOOKUP_UUIDSTRING(Type)                                       \
    vir##Type##Ptr vir##Type##LookupByUUIDString(virConnectPtr conn, const char *uuidstr) \
    {                                                                        \
        unsigned char uuid[VIRT_UUID_LEN];                                   \
        if (!virtEnterConnect(conn, __func__) ||                             \
            !virtParseUUIDArg(conn, uuidstr, uuid, __func__))                \
            return NULL;                                                     \
        return vir##Type##LookupByUUID(conn, uuid);                          \
    }

/* ---- domains: name, uuid, id ---- */
#define DOMAIN Domain, MAGIC_DOMAIN, VIR_FROM_DOM, VIR_ERR_INVALID_DOMAIN
HANDLE_BASICS(Domain, MAGIC_DOMAIN, VIR_FROM_DOM, VIR_ERR_INVALID_DOMAIN)
HANDLE_UUID(Domain, MAGIC_DOMAIN, VIR_FROM_DOM, VIR_ERR_INVALID_DOMAIN)
HANDLE_LOOKUP_UUIDSTRING(Domain)
GETTER(DOMAIN, virConnectPtr, virDomainGetConnect, obj->h.conn, NULL)
GETTER(DOMAIN, const char *, virDomainGetName, obj->h.ident.name, NULL)
GETTER(DOMAIN, unsigned int, virDomainGetID, (unsigned int) virtHandleID(obj), (unsigned int) -1)

/* ---- networks: name, uuid ---- */
#define NETWORK Network, MAGIC_NETWORK, VIR_FROM_NETWORK, VIR_ERR_INVALID_NETWORK
HANDLE_BASICS(Network, MAGIC_NETWORK, VIR_FROM_NETWORK, VIR_ERR_INVALID_NETWORK)
HANDLE_UUID(Network, MAGIC_NETWORK, VIR_FROM_NETWORK, VIR_ERR_INVALID_NETWORK)
HANDLE_LOOKUP_UUIDSTRING(Network)
GETTER(NETWORK, virConnectPtr, virNetworkGetConnect, obj->h.conn, NULL)
GETTER(NETWORK, const char *, virNetworkGetName, obj->h.ident.name, NULL)

/* ---- storage pools: name, uuid ---- */
#define POOL StoragePool, MAGIC_POOL, VIR_FROM_STORAGE, VIR_ERR_INVALID_STORAGE_POOL
HANDLE_BASICS(StoragePool, MAGIC_POOL, VIR_FROM_STORAGE, VIR_ERR_INVALID_STORAGE_POOL)
HANDLE_UUID(StoragePool, MAGIC_POOL, VIR_FROM_STORAGE, VIR_ERR_INVALID_STORAGE_POOL)
HANDLE_LOOKUP_UUIDSTRING(StoragePool)
GETTER(POOL, virConnectPtr, virStoragePoolGetConnect, obj->h.conn, NULL)
GETTER(POOL, const char *, virStoragePoolGetName, obj->h.ident.name, NULL)

/* ---- storage volumes: name, pool, key ---- */
#define VOL StorageVol, MAGIC_VOL, VIR_FROM_STORAGE, VIR_ERR_INVALID_STORAGE_VOL
HANDLE_BASICS(StorageVol, MAGIC_VOL, VIR_FROM_STORAGE, VIR_ERR_INVALID_STORAGE_VOL)
GETTER(VOL, virConnectPtr, virStorageVolGetConnect, obj->h.conn, NULL)
GETTER(VOL, const char *, virStorageVolGetName, obj->h.ident.name, NULL)
GETTER(VOL, const char *, virStorageVolGetKey, obj->h.ident.key, NULL)

/* ---- host interfaces: name, MAC address ---- */
#define IFACE Interface, MAGIC_IFACE, VIR_FROM_INTERFACE, VIR_ERR_INVALID_INTERFACE
HANDLE_BASICS(Interface, MAGIC_IFACE, VIR_FROM_INTERFACE, VIR_ERR_INVALID_INTERFACE)
GETTER(IFACE, virConnectPtr, virInterfaceGetConnect, obj->h.conn, NULL)
GETTER(IFACE, const char *, virInterfaceGetName, obj->h.ident.name, NULL)
GETTER(IFACE, const char *, virInterfaceGetMACString, obj->h.ident.mac, NULL)

/* ---- node devices: name ---- */
#define NODEDEV NodeDevice, MAGIC_NODEDEV, VIR_FROM_NODEDEV, VIR_ERR_INVALID_NODE_DEVICE
HANDLE_BASICS(NodeDevice, MAGIC_NODEDEV, VIR_FROM_NODEDEV, VIR_ERR_INVALID_NODE_DEVICE)
GETTER(NODEDEV, const char *, virNodeDeviceGetName, obj->h.ident.name, NULL)

/* ---- secrets: uuid, usage type and id ---- */
#define SECRET Secret, MAGIC_SECRET, VIR_FROM_SECRET, VIR_ERR_INVALID_SECRET
HANDLE_BASICS(Secret, MAGIC_SECRET, VIR_FROM_SECRET, VIR_ERR_INVALID_SECRET)
HANDLE_UUID(Secret, MAGIC_SECRET, VIR_FROM_SECRET, VIR_ERR_INVALID_SECRET)
HANDLE_LOOKUP_UUIDSTRING(Secret)
GETTER(SECRET, virConnectPtr, virSecretGetConnect, obj->h.conn, NULL)
GETTER(SECRET, int, virSecretGetUsageType, obj->h.ident.usage_type, -1)
GETTER(SECRET, const char *, virSecretGetUsageID, obj->h.ident.usage_id, NULL)

/* ---- network filters: name, uuid ---- */
#define NWFILTER NWFilter, MAGIC_NWFILTER, VIR_FROM_NWFILTER, VIR_ERR_INVALID_NWFILTER
HANDLE_BASICS(NWFilter, MAGIC_NWFILTER, VIR_FROM_NWFILTER, VIR_ERR_INVALID_NWFILTER)
HANDLE_UUID(NWFilter, MAGIC_NWFILTER, VIR_FROM_NWFILTER, VIR_ERR_INVALID_NWFILTER)
HANDLE_LOOKUP_UUIDSTRING(NWFilter)
GETTER(NWFILTER, const char *, virNWFilterGetName, obj->h.ident.name, NULL)

/* ---- network filter bindings: name = port device, filter ---- */
#define BINDING NWFilterBinding, MAGIC_BINDING, VIR_FROM_NWFILTER, VIR_ERR_INVALID_NWFILTER_BINDING
HANDLE_BASICS(NWFilterBinding, MAGIC_BINDING, VIR_FROM_NWFILTER, VIR_ERR_INVALID_NWFILTER_BINDING)
GETTER(BINDING, const char *, virNWFilterBindingGetPortDev, obj->h.ident.name, NULL)
GETTER(BINDING, const char *, virNWFilterBindingGetFilterName, obj->h.ident.filter, NULL)

/* ---- domain snapshots and checkpoints: name, held domain ---- */
#define SNAP DomainSnapshot, MAGIC_SNAPSHOT, VIR_FROM_DOMAIN_SNAPSHOT, VIR_ERR_INVALID_DOMAIN_SNAPSHOT
HANDLE_BASICS(DomainSnapshot, MAGIC_SNAPSHOT, VIR_FROM_DOMAIN_SNAPSHOT, VIR_ERR_INVALID_DOMAIN_SNAPSHOT)
GETTER(SNAP, const char *, virDomainSnapshotGetName, obj->h.ident.name, NULL)
GETTER(SNAP, virDomainPtr, virDomainSnapshotGetDomain, (virDomainPtr) obj->h.parent, NULL)
GETTER(SNAP, virConnectPtr, virDomainSnapshotGetConnect, obj->h.conn, NULL)

#define CHECKPOINT DomainCheckpoint, MAGIC_CHECKPOINT, VIR_FROM_DOMAIN_CHECKPOINT, \
    VIR_ERR_INVALID_DOMAIN_CHECKPOINT
HANDLE_BASICS(DomainCheckpoint, MAGIC_CHECKPOINT, VIR_FROM_DOMAIN_CHECKPOINT,
              VIR_ERR_INVALID_DOMAIN_CHECKPOINT)
GETTER(CHECKPOINT, const char *, virDomainCheckpointGetName, obj->h.ident.name, NULL)
GETTER(CHECKPOINT, virDomainPtr, virDomainCheckpointGetDomain, (virDomainPtr) obj->h.parent, NULL)
GETTER(CHECKPOINT, virConnectPtr, virDomainCheckpointGetConnect, obj->h.conn, NULL)

/* ---- network ports: uuid, held network ---- */
#define PORT NetworkPort, MAGIC_PORT, VIR_FROM_NETWORK, VIR_ERR_INVALID_NETWORK_PORT
HANDLE_BASICS(NetworkPort, MAGIC_PORT, VIR_FROM_NETWORK, VIR_ERR_INVALID_NETWORK_PORT)
HANDLE_UUID(NetworkPort, MAGIC_PORT, VIR_FROM_NETWORK, VIR_ERR_INVALID_NETWORK_PORT)
GETTER(PORT, virNetworkPtr, virNetworkPortGetNetwork, (virNetworkPtr) obj->h.parent, NULL)

virNetworkPortPtr virNetworkPortLookupByUUIDString(virNetworkPtr net, const char *uuidstr)
{
    unsigned char uuid[VIRT_UUID_LEN];
    virResetLastError();
    if (!virtNetworkValid(net)) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_NETWORK, VIR_ERR_INVALID_NETWORK, "%s", __func__);
        virtDispatchError(NULL);
        return NULL;
    }
    if (!virtParseUUIDArg(net->h.conn, uuidstr, uuid, __func__))
        return NULL;
    return virNetworkPortLookupByUUID(net, uuid);
}
