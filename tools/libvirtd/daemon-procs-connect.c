/* daemon-procs-connect.c: handwritten dispatchers for the connection:
 * opening and closing it, authentication, features, lists of domains
 * and the node. */
#include <string.h>

#include "daemon-dispatch-table.h"
#include "daemon-events.h"
#include "error.h"
#include "params.h"
#include "typedparams.h"

/* Features a libvirt client asks the daemon about (libvirt's
 * VIR_DRV_FEATURE_* numbers). */
#define FEATURE_MIGRATION_V3 6
#define FEATURE_PROGRAM_KEEPALIVE 10
#define FEATURE_REMOTE_EVENT_CALLBACK 14
#define FEATURE_REMOTE_CLOSE_CALLBACK 15
#define FEATURE_FD_PASSING 8
/* virNetworkUpdate's command and section arrive in their own fields (a
 * client that does not ask sends them swapped, as libvirt's did) */
#define FEATURE_NETWORK_UPDATE_HAS_CORRECT_ORDER 16

/* "remote://" (any path) or no name: the daemon picks its default. */
static const char *serverSideName(const char *name)
{
    if (!name || !*name)
        return NULL;
    if (strncmp(name, "remote:", 7) == 0 && (!name[7] || strcmp(name + 7, "//") == 0 ||
                                             strncmp(name + 7, "///", 3) == 0))
        return NULL;
    return name;
}

DAEMON_PROC_NOCONN(CONNECT_OPEN)
{
    remote_connect_open_args *args = argsp;
    unsigned int flags = args->flags;
    const char *name = serverSideName(args->name ? *args->name : NULL);
    virConnectPtr opened;
    (void) conn;
    (void) retp;

    pthread_mutex_lock(&client->lock);
    bool already = client->conn != NULL;
    pthread_mutex_unlock(&client->lock);
    if (already) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_REMOTE, VIR_ERR_OPERATION_INVALID,
                       "this client already has an open connection");
        return -1;
    }
    if (client->readonly)
        flags |= VIR_CONNECT_RO;
    opened = virConnectOpenAuth(name, NULL, flags);
    if (!opened)
        return -1;
    pthread_mutex_lock(&client->lock);
    if (client->conn) {
        pthread_mutex_unlock(&client->lock);
        virConnectClose(opened);
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_REMOTE, VIR_ERR_OPERATION_INVALID,
                       "this client already has an open connection");
        return -1;
    }
    client->conn = opened;
    pthread_mutex_unlock(&client->lock);
    daemonLog(client->srv, false, "client %lu: opened %s", client->id, name ? name : "(default)");
    return 0;
}

DAEMON_PROC_NOCONN(CONNECT_CLOSE)
{
    (void) conn;
    (void) argsp;
    (void) retp;
    daemonEventsClientClosing(client, false);
    pthread_mutex_lock(&client->lock);
    virConnectPtr old = client->conn;
    client->conn = NULL;
    pthread_mutex_unlock(&client->lock);
    if (old)
        virConnectClose(old);
    return 0;
}

DAEMON_PROC_NOCONN(AUTH_LIST)
{
    remote_auth_list_ret *ret = retp;
    (void) conn;
    (void) argsp;
    /* the one scheme of the socket, as libvirt's daemon answers */
    ret->types.types_len = 1;
    ret->types.types_val = virtAlloc(sizeof(remote_auth_type));
    ret->types.types_val[0] = client->auth == DAEMON_AUTH_SASL ? REMOTE_AUTH_SASL : REMOTE_AUTH_NONE;
    return 0;
}

DAEMON_PROC_NOCONN(CONNECT_SUPPORTS_FEATURE)
{
    remote_connect_supports_feature_args *args = argsp;
    remote_connect_supports_feature_ret *ret = retp;
    (void) conn;
    /* asking is how a client turns keepalive on, as with libvirt's daemon */
    if (args->feature == FEATURE_PROGRAM_KEEPALIVE)
        daemonKeepaliveStart(client);
    /* migration v3: the five steps are carried (daemon-procs-migrate.c);
     * whether the hypervisor does them is its module's answer at begin */
    ret->supported = args->feature == FEATURE_MIGRATION_V3 ||
                     args->feature == FEATURE_PROGRAM_KEEPALIVE ||
                     args->feature == FEATURE_REMOTE_EVENT_CALLBACK ||
                     args->feature == FEATURE_REMOTE_CLOSE_CALLBACK ||
                     args->feature == FEATURE_NETWORK_UPDATE_HAS_CORRECT_ORDER ||
                     /* descriptors pass on unix sockets only (daemon-client.c) */
                     (args->feature == FEATURE_FD_PASSING &&
                      (client->kind == DAEMON_LISTEN_UNIX_RW || client->kind == DAEMON_LISTEN_UNIX_RO));
    return 0;
}

/* The daemon never closes a hypervisor connection behind a client's back,
 * so there is nothing to report: registering is accepted and remembered
 * nowhere. */
DAEMON_PROC_NOCONN(CONNECT_REGISTER_CLOSE_CALLBACK)
{
    (void) client;
    (void) conn;
    (void) argsp;
    (void) retp;
    return 0;
}

DAEMON_PROC_NOCONN(CONNECT_UNREGISTER_CLOSE_CALLBACK)
{
    (void) client;
    (void) conn;
    (void) argsp;
    (void) retp;
    return 0;
}

/* The identity a proxy claims for its client. We check it as libvirt's
 * daemon does (known names, their types, no flags) and keep nothing:
 * there are no access rules here for it to change. */
static const virtTypedParamSpec identitySpec[] = {
    { VIR_CONNECT_IDENTITY_USER_NAME, VIR_TYPED_PARAM_STRING, false },
    { VIR_CONNECT_IDENTITY_UNIX_USER_ID, VIR_TYPED_PARAM_ULLONG, false },
    { VIR_CONNECT_IDENTITY_GROUP_NAME, VIR_TYPED_PARAM_STRING, false },
    { VIR_CONNECT_IDENTITY_UNIX_GROUP_ID, VIR_TYPED_PARAM_ULLONG, false },
    { VIR_CONNECT_IDENTITY_PROCESS_ID, VIR_TYPED_PARAM_LLONG, false },
    { VIR_CONNECT_IDENTITY_PROCESS_TIME, VIR_TYPED_PARAM_ULLONG, false },
    { VIR_CONNECT_IDENTITY_SASL_USER_NAME, VIR_TYPED_PARAM_STRING, false },
    { VIR_CONNECT_IDENTITY_X509_DISTINGUISHED_NAME, VIR_TYPED_PARAM_STRING, false },
    { VIR_CONNECT_IDENTITY_SELINUX_CONTEXT, VIR_TYPED_PARAM_STRING, false },
    { NULL, 0, false },
};

DAEMON_PROC_NOCONN(CONNECT_SET_IDENTITY)
{
    remote_connect_set_identity_args *args = argsp;
    int rv = -1;
    (void) client;
    (void) conn;
    (void) retp;
    virTypedParameter *params = NULL;
    int n = (int) args->params.params_len;
    if (n && !(params = virtRPCParamsFromWire(args->params.params_val, args->params.params_len)))
        return -1;
    if (virtTypedParamsValidate(params, n, identitySpec) < 0)
        goto cleanup;
    if (args->flags) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_NONE, VIR_ERR_INVALID_ARG,
                       "unsupported flags (0x%x) in function remoteDispatchConnectSetIdentity",
                       args->flags);
        goto cleanup;
    }
    rv = 0;
 cleanup:
    free(params);       /* the strings belong to the decoded arguments */
    return rv;
}

static int checkMax(int n, int max, const char *what)
{
    if (n < 0 || n > max) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_RPC, VIR_ERR_RPC,
                       "%s: %d is out of range (0..%d)", what, n, max);
        return -1;
    }
    return 0;
}

DAEMON_PROC(CONNECT_LIST_DOMAINS)
{
    remote_connect_list_domains_args *args = argsp;
    remote_connect_list_domains_ret *ret = retp;
    (void) client;
    if (checkMax(args->maxids, REMOTE_DOMAIN_LIST_MAX, "maxids") < 0)
        return -1;
    int *ids = virtAlloc(sizeof(int) * (size_t) (args->maxids ? args->maxids : 1));
    int n = virConnectListDomains(conn, ids, args->maxids);
    if (n < 0) {
        free(ids);
        return -1;
    }
    ret->ids.ids_len = (uint32_t) n;
    ret->ids.ids_val = (int32_t *) ids;
    return 0;
}

/* Names lists: the public call fills an array of malloc'ed strings. */
int daemonFillNames(int n, char **names, uint32_t *len, char ***val)
{
    if (n < 0) {
        free(names);
        return -1;
    }
    *len = (uint32_t) n;
    *val = names;
    return 0;
}

DAEMON_PROC(CONNECT_LIST_DEFINED_DOMAINS)
{
    remote_connect_list_defined_domains_args *args = argsp;
    remote_connect_list_defined_domains_ret *ret = retp;
    (void) client;
    if (checkMax(args->maxnames, REMOTE_DOMAIN_LIST_MAX, "maxnames") < 0)
        return -1;
    char **names = virtAlloc(sizeof(char *) * (size_t) (args->maxnames ? args->maxnames : 1));
    int n = virConnectListDefinedDomains(conn, names, args->maxnames);
    return daemonFillNames(n, names, &ret->names.names_len, &ret->names.names_val);
}

DAEMON_PROC(CONNECT_LIST_ALL_DOMAINS)
{
    remote_connect_list_all_domains_args *args = argsp;
    remote_connect_list_all_domains_ret *ret = retp;
    virDomainPtr *doms = NULL;
    (void) client;
    int n = virConnectListAllDomains(conn, args->need_results ? &doms : NULL, args->flags);
    if (n < 0)
        return -1;
    if (n > REMOTE_DOMAIN_LIST_MAX) {
        for (int i = 0; doms && i < n; i++)
            virDomainFree(doms[i]);
        free(doms);
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_RPC, VIR_ERR_RPC,
                       "too many domains (%d) for one reply", n);
        return -1;
    }
    if (doms) {
        ret->domains.domains_len = (uint32_t) n;
        ret->domains.domains_val = virtAlloc(sizeof(remote_nonnull_domain) * (size_t) (n ? n : 1));
        for (int i = 0; i < n; i++) {
            daemonMakeDomain(&ret->domains.domains_val[i], doms[i]);
            virDomainFree(doms[i]);
        }
        free(doms);
    }
    ret->ret = (uint32_t) n;
    return 0;
}

DAEMON_PROC(NODE_GET_INFO)
{
    remote_node_get_info_ret *ret = retp;
    virNodeInfo info;
    (void) client;
    (void) argsp;
    memset(&info, 0, sizeof(info));
    if (virNodeGetInfo(conn, &info) < 0)
        return -1;
    memcpy(ret->model, info.model, sizeof(ret->model));
    ret->model[sizeof(ret->model) - 1] = '\0';
    ret->memory = info.memory;
    ret->cpus = (int32_t) info.cpus;
    ret->mhz = (int32_t) info.mhz;
    ret->nodes = (int32_t) info.nodes;
    ret->sockets = (int32_t) info.sockets;
    ret->cores = (int32_t) info.cores;
    ret->threads = (int32_t) info.threads;
    return 0;
}
