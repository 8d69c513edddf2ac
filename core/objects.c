/* objects.c: connection, domain and network handles and their reference
 * counts. A domain or network handle keeps its connection alive. */
#include <stdlib.h>
#include <string.h>

#include "entry.h"
#include "error.h"
#include "registry.h"
#include "uri.h"

bool virtConnectValid(virConnectPtr conn)
{
    return conn && conn->magic == VIRT_CONNECT_MAGIC;
}

bool virtDomainValid(virDomainPtr dom)
{
    return dom && dom->magic == VIRT_DOMAIN_MAGIC && virtConnectValid(dom->conn);
}

bool virtNetworkValid(virNetworkPtr net)
{
    return net && net->magic == VIRT_NETWORK_MAGIC && virtConnectValid(net->conn);
}

bool virtConnectRefIfAlive(virConnectPtr conn)
{
    int refs = atomic_load(&conn->refs);
    while (refs > 0)
        if (atomic_compare_exchange_weak(&conn->refs, &refs, refs + 1))
            return true;
    return false;
}

/* A module thread (events, a monitor) may ask for a handle while the
 * application drops its last reference: never bring the connection back. */
static bool refForHandle(virConnectPtr conn)
{
    if (virtConnectRefIfAlive(conn))
        return true;
    virtErrorRaise(conn, NULL, NULL, VIR_FROM_NONE, VIR_ERR_INVALID_CONN,
                   "the connection is being closed");
    return false;
}

int virtConnectUnref(virConnectPtr conn)
{
    int left = atomic_fetch_sub(&conn->refs, 1) - 1;
    if (left > 0)
        return left;
    /* Last reference: close every module opened on this connection. */
    for (int r = 0; r < VIRT_ROLE_LAST; r++) {
        virtConnRole *role = &conn->roles[r];
        if (role->opened && role->module)
            role->module->desc->close(conn, role->priv);
    }
    virtErrorClear(&conn->err);
    pthread_mutex_destroy(&conn->lock);
    virtURIFree(conn->uri);
    free(conn->name);
    conn->magic = VIRT_DEAD_MAGIC;
    free(conn);
    return 0;
}

virDomainPtr virtDomainNew(virConnectPtr conn, const char *name,
                           const unsigned char *uuid, int id)
{
    if (!virtConnectValid(conn) || !name || !uuid) {
        virtErrorRaise(conn, NULL, NULL, VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR,
                       "a module asked for a domain handle without name or UUID");
        return NULL;
    }
    if (!refForHandle(conn))
        return NULL;
    virDomainPtr dom = virtAlloc(sizeof(*dom));
    dom->magic = VIRT_DOMAIN_MAGIC;
    atomic_init(&dom->refs, 1);
    dom->conn = conn;
    dom->name = virtStrdup(name);
    memcpy(dom->uuid, uuid, VIRT_UUID_LEN);
    atomic_init(&dom->id, id);
    return dom;
}

virNetworkPtr virtNetworkNew(virConnectPtr conn, const char *name,
                             const unsigned char *uuid)
{
    if (!virtConnectValid(conn) || !name || !uuid) {
        virtErrorRaise(conn, NULL, NULL, VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR,
                       "a module asked for a network handle without name or UUID");
        return NULL;
    }
    if (!refForHandle(conn))
        return NULL;
    virNetworkPtr net = virtAlloc(sizeof(*net));
    net->magic = VIRT_NETWORK_MAGIC;
    atomic_init(&net->refs, 1);
    net->conn = conn;
    net->name = virtStrdup(name);
    memcpy(net->uuid, uuid, VIRT_UUID_LEN);
    return net;
}

/* Public entry checks for hand-written functions. */
#define CHECK_DOMAIN(dom, fail)                                                   \
    do {                                                                          \
        virResetLastError();                                                      \
        if (!virtDomainValid(dom)) {                                              \
            virtErrorRaise(NULL, NULL, NULL, VIR_FROM_DOM, VIR_ERR_INVALID_DOMAIN, \
                           "%s", __func__);                                       \
            virtDispatchError(NULL);                                              \
            return fail;                                                          \
        }                                                                         \
    } while (0)

#define CHECK_NETWORK(net, fail)                                                  \
    do {                                                                          \
        virResetLastError();                                                      \
        if (!virtNetworkValid(net)) {                                             \
            virtErrorRaise(NULL, NULL, NULL, VIR_FROM_NETWORK,                    \
                           VIR_ERR_INVALID_NETWORK, "%s", __func__);              \
            virtDispatchError(NULL);                                              \
            return fail;                                                          \
        }                                                                         \
    } while (0)

#define CHECK_ARG(conn, arg, fail)                                                \
    do {                                                                          \
        if (virtArgMissing(conn, arg, #arg, __func__))                            \
            return fail;                                                          \
    } while (0)

void virtDomainUnref(virDomainPtr domain)
{
    if (atomic_fetch_sub(&domain->refs, 1) == 1) {
        virConnectPtr conn = domain->conn;
        domain->magic = VIRT_DEAD_MAGIC;
        free(domain->name);
        free(domain);
        virtConnectUnref(conn);
    }
}

int virDomainFree(virDomainPtr domain)
{
    CHECK_DOMAIN(domain, -1);
    virtDomainUnref(domain);
    return 0;
}

int virDomainRef(virDomainPtr domain)
{
    CHECK_DOMAIN(domain, -1);
    atomic_fetch_add(&domain->refs, 1);
    return 0;
}

virConnectPtr virDomainGetConnect(virDomainPtr domain)
{
    CHECK_DOMAIN(domain, NULL);
    return domain->conn;
}

const char *virDomainGetName(virDomainPtr domain)
{
    CHECK_DOMAIN(domain, NULL);
    return domain->name;
}

unsigned int virDomainGetID(virDomainPtr domain)
{
    CHECK_DOMAIN(domain, (unsigned int) -1);
    return (unsigned int) atomic_load(&domain->id);
}

int virDomainGetUUID(virDomainPtr domain, unsigned char *uuid)
{
    CHECK_DOMAIN(domain, -1);
    CHECK_ARG(domain->conn, uuid, -1);
    memcpy(uuid, domain->uuid, VIRT_UUID_LEN);
    return 0;
}

int virDomainGetUUIDString(virDomainPtr domain, char *buf)
{
    CHECK_DOMAIN(domain, -1);
    CHECK_ARG(domain->conn, buf, -1);
    virtUUIDFormat(domain->uuid, buf);
    return 0;
}

virDomainPtr virDomainLookupByUUIDString(virConnectPtr conn, const char *uuidstr)
{
    unsigned char uuid[VIRT_UUID_LEN];
    if (!virtEnterConnect(conn, __func__) || !virtParseUUIDArg(conn, uuidstr, uuid, __func__))
        return NULL;
    return virDomainLookupByUUID(conn, uuid);
}

void virtNetworkUnref(virNetworkPtr network)
{
    if (atomic_fetch_sub(&network->refs, 1) == 1) {
        virConnectPtr conn = network->conn;
        network->magic = VIRT_DEAD_MAGIC;
        free(network->name);
        free(network);
        virtConnectUnref(conn);
    }
}

int virNetworkFree(virNetworkPtr network)
{
    CHECK_NETWORK(network, -1);
    virtNetworkUnref(network);
    return 0;
}

int virNetworkRef(virNetworkPtr network)
{
    CHECK_NETWORK(network, -1);
    atomic_fetch_add(&network->refs, 1);
    return 0;
}

virConnectPtr virNetworkGetConnect(virNetworkPtr net)
{
    CHECK_NETWORK(net, NULL);
    return net->conn;
}

const char *virNetworkGetName(virNetworkPtr network)
{
    CHECK_NETWORK(network, NULL);
    return network->name;
}

int virNetworkGetUUID(virNetworkPtr network, unsigned char *uuid)
{
    CHECK_NETWORK(network, -1);
    CHECK_ARG(network->conn, uuid, -1);
    memcpy(uuid, network->uuid, VIRT_UUID_LEN);
    return 0;
}

int virNetworkGetUUIDString(virNetworkPtr network, char *buf)
{
    CHECK_NETWORK(network, -1);
    CHECK_ARG(network->conn, buf, -1);
    virtUUIDFormat(network->uuid, buf);
    return 0;
}

virNetworkPtr virNetworkLookupByUUIDString(virConnectPtr conn, const char *uuidstr)
{
    unsigned char uuid[VIRT_UUID_LEN];
    if (!virtEnterConnect(conn, __func__) || !virtParseUUIDArg(conn, uuidstr, uuid, __func__))
        return NULL;
    return virNetworkLookupByUUID(conn, uuid);
}
