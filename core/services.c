/* services.c: the table of core services handed to every module. */
#include <stdarg.h>

#include "error.h"
#include "internal.h"
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
};
