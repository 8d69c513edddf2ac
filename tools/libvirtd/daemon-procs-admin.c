/* daemon-procs-admin.c: the admin program (abi/admin.proto), served on
 * libvirt-admin-sock only. The daemon has two servers as libvirt's
 * libvirtd has: "libvirtd" (the remote program's sockets and pool) and
 * "admin" (this socket and its own pool). */
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "config.h"
#include "daemon-dispatch-table.h"
#include "error.h"
#include "log.h"
#include "libvirt/libvirt-admin.h"
#include "params.h"

static const char *const serverNames[] = { "libvirtd", "admin" };

/* true for "admin", false for "libvirtd"; -1 with libvirt's error otherwise */
static int serverIsAdmin(const char *name)
{
    for (int i = 0; i < 2; i++)
        if (strcmp(name, serverNames[i]) == 0)
            return i;
    virtErrorRaise(NULL, NULL, NULL, VIR_FROM_ADMIN, VIR_ERR_NO_SERVER,
                   "No server named '%s'", name);
    return -1;
}

static daemonWorkers *serverWorkers(daemonClient *client, bool admin)
{
    return admin ? client->srv->admin_workers : client->srv->workers;
}

static bool clientOnServer(const daemonClient *c, bool admin)
{
    return (c->kind == DAEMON_LISTEN_UNIX_ADMIN) == admin;
}

static unsigned int transportOf(const daemonClient *c)
{
    switch (c->kind) {
    case DAEMON_LISTEN_TCP: return VIR_CLIENT_TRANS_TCP;
    case DAEMON_LISTEN_TLS: return VIR_CLIENT_TRANS_TLS;
    default: return VIR_CLIENT_TRANS_UNIX;
    }
}

static void clientToWire(const daemonClient *c, bool admin, admin_nonnull_client *w)
{
    w->srv.name = virtStrdup(serverNames[admin]);
    w->id = c->id;
    w->timestamp = (int64_t) c->connected;
    w->transport = transportOf(c);
}

static int flagsNone(unsigned int flags)
{
    if (flags == 0)
        return 0;
    virtErrorRaise(NULL, NULL, NULL, VIR_FROM_ADMIN, VIR_ERR_INVALID_ARG,
                   "unsupported flags (0x%x)", flags);
    return -1;
}

DAEMON_PROC_NOCONN(ADMIN_CONNECT_OPEN)
{
    const admin_connect_open_args *args = argsp;
    return flagsNone(args->flags);
}

DAEMON_PROC_NOCONN(ADMIN_CONNECT_CLOSE)
{
    return 0;
}

DAEMON_PROC_NOCONN(ADMIN_CONNECT_GET_LIB_VERSION)
{
    admin_connect_get_lib_version_ret *ret = retp;
    ret->libVer = VIRT_API_VERSION_NUMBER;
    return 0;
}

DAEMON_PROC_NOCONN(ADMIN_CONNECT_LIST_SERVERS)
{
    const admin_connect_list_servers_args *args = argsp;
    admin_connect_list_servers_ret *ret = retp;
    if (flagsNone(args->flags) < 0)
        return -1;
    ret->ret = 2;
    if (!args->need_results)
        return 0;
    ret->servers.servers_val = virtAlloc(2 * sizeof(admin_nonnull_server));
    for (int i = 0; i < 2; i++)
        ret->servers.servers_val[i].name = virtStrdup(serverNames[i]);
    ret->servers.servers_len = 2;
    return 0;
}

DAEMON_PROC_NOCONN(ADMIN_CONNECT_LOOKUP_SERVER)
{
    const admin_connect_lookup_server_args *args = argsp;
    admin_connect_lookup_server_ret *ret = retp;
    if (flagsNone(args->flags) < 0 || serverIsAdmin(args->name) < 0)
        return -1;
    ret->srv.name = virtStrdup(args->name);
    return 0;
}

/* Typed parameters into a reply (they own their strings). */
static int paramsReply(virTypedParameter *p, int n, remote_typed_param **out, uint32_t *outlen)
{
    int rc = virtRPCParamsToWire(p, n, out, outlen);
    virtRPCParamsFree(p, n);
    return rc;
}

static void addUInt(virTypedParameter **p, int *n, int *max, const char *field, unsigned int v)
{
    virTypedParamsAddUInt(p, n, max, field, v);
}

DAEMON_PROC_NOCONN(ADMIN_SERVER_GET_THREADPOOL_PARAMETERS)
{
    const admin_server_get_threadpool_parameters_args *args = argsp;
    admin_server_get_threadpool_parameters_ret *ret = retp;
    int admin = serverIsAdmin(args->srv.name);
    if (flagsNone(args->flags) < 0 || admin < 0)
        return -1;
    daemonWorkersInfo info;
    daemonWorkersGetInfo(serverWorkers(client, admin), &info);
    virTypedParameter *p = NULL;
    int n = 0, max = 0;
    addUInt(&p, &n, &max, VIR_THREADPOOL_WORKERS_MIN, (unsigned int) info.min);
    addUInt(&p, &n, &max, VIR_THREADPOOL_WORKERS_MAX, (unsigned int) info.max);
    addUInt(&p, &n, &max, VIR_THREADPOOL_WORKERS_CURRENT, (unsigned int) info.current);
    addUInt(&p, &n, &max, VIR_THREADPOOL_WORKERS_FREE, (unsigned int) info.free);
    addUInt(&p, &n, &max, VIR_THREADPOOL_WORKERS_PRIORITY, 0);
    addUInt(&p, &n, &max, VIR_THREADPOOL_JOB_QUEUE_DEPTH, (unsigned int) info.queued);
    return paramsReply(p, n, &ret->params.params_val, &ret->params.params_len);
}

/* The unsigned value of a wire parameter named field, if present. */
static int findUInt(const remote_typed_param *w, uint32_t n, const char *field,
                    unsigned int *v, bool *found)
{
    *found = false;
    for (uint32_t i = 0; i < n; i++) {
        if (strcmp(w[i].field, field) != 0)
            continue;
        if (w[i].value.type != VIR_TYPED_PARAM_UINT) {
            virtErrorRaise(NULL, NULL, NULL, VIR_FROM_ADMIN, VIR_ERR_INVALID_ARG,
                           "invalid type for parameter '%s'", field);
            return -1;
        }
        *v = w[i].value.remote_typed_param_value_u.ui;
        *found = true;
    }
    return 0;
}

/* Every parameter must be one of the names given. */
static int onlyKnown(const remote_typed_param *w, uint32_t n, const char *const *names)
{
    for (uint32_t i = 0; i < n; i++) {
        bool ok = false;
        for (size_t j = 0; names[j]; j++)
            ok |= strcmp(w[i].field, names[j]) == 0;
        if (!ok) {
            virtErrorRaise(NULL, NULL, NULL, VIR_FROM_ADMIN, VIR_ERR_ARGUMENT_UNSUPPORTED,
                           "parameter '%s' not supported", w[i].field);
            return -1;
        }
    }
    return 0;
}

DAEMON_PROC_NOCONN(ADMIN_SERVER_SET_THREADPOOL_PARAMETERS)
{
    const admin_server_set_threadpool_parameters_args *args = argsp;
    static const char *const names[] = { VIR_THREADPOOL_WORKERS_MIN, VIR_THREADPOOL_WORKERS_MAX,
                                         VIR_THREADPOOL_WORKERS_PRIORITY, NULL };
    const remote_typed_param *w = args->params.params_val;
    uint32_t n = args->params.params_len;
    int admin = serverIsAdmin(args->srv.name);
    unsigned int min = 0, max = 0, prio = 0;
    bool hasMin, hasMax, hasPrio;
    if (flagsNone(args->flags) < 0 || admin < 0 || onlyKnown(w, n, names) < 0 ||
        findUInt(w, n, VIR_THREADPOOL_WORKERS_MIN, &min, &hasMin) < 0 ||
        findUInt(w, n, VIR_THREADPOOL_WORKERS_MAX, &max, &hasMax) < 0 ||
        findUInt(w, n, VIR_THREADPOOL_WORKERS_PRIORITY, &prio, &hasPrio) < 0)
        return -1;
    daemonWorkers *pool = serverWorkers(client, admin);
    daemonWorkersInfo info;
    daemonWorkersGetInfo(pool, &info);
    size_t nmin = hasMin ? min : info.min, nmax = hasMax ? max : info.max;
    if (nmin > nmax || nmax == 0 || daemonWorkersSetLimits(pool, nmin, nmax) < 0) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_ADMIN, VIR_ERR_INVALID_ARG,
                       "%s", "minWorkers cannot be larger than maxWorkers");
        return -1;
    }
    return 0;
}

DAEMON_PROC_NOCONN(ADMIN_SERVER_LIST_CLIENTS)
{
    const admin_server_list_clients_args *args = argsp;
    admin_server_list_clients_ret *ret = retp;
    daemonServer *srv = client->srv;
    int admin = serverIsAdmin(args->srv.name);
    if (flagsNone(args->flags) < 0 || admin < 0)
        return -1;
    pthread_mutex_lock(&srv->lock);
    uint32_t n = 0;
    for (daemonClient *c = srv->clients; c; c = c->next)
        n += clientOnServer(c, admin);
    ret->ret = n;
    if (args->need_results) {
        ret->clients.clients_val = virtAlloc((n ? n : 1) * sizeof(admin_nonnull_client));
        /* oldest first, as libvirt lists them */
        daemonClient *last = srv->clients;
        while (last && last->next)
            last = last->next;
        for (daemonClient *c = last; c; c = c->prev)
            if (clientOnServer(c, admin))
                clientToWire(c, admin, &ret->clients.clients_val[ret->clients.clients_len++]);
    }
    pthread_mutex_unlock(&srv->lock);
    return 0;
}

/* The client numbered id on the named server, with a reference. */
static daemonClient *findClient(daemonServer *srv, bool admin, uint64_t id)
{
    daemonClient *found = NULL;
    pthread_mutex_lock(&srv->lock);
    for (daemonClient *c = srv->clients; c && !found; c = c->next)
        if (c->id == id && clientOnServer(c, admin))
            found = c;
    if (found)
        daemonClientRef(found);
    pthread_mutex_unlock(&srv->lock);
    if (!found)
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_ADMIN, VIR_ERR_NO_CLIENT,
                       "No client with matching ID '%llu'", (unsigned long long) id);
    return found;
}

DAEMON_PROC_NOCONN(ADMIN_SERVER_LOOKUP_CLIENT)
{
    const admin_server_lookup_client_args *args = argsp;
    admin_server_lookup_client_ret *ret = retp;
    int admin = serverIsAdmin(args->srv.name);
    if (flagsNone(args->flags) < 0 || admin < 0)
        return -1;
    daemonClient *c = findClient(client->srv, admin, args->id);
    if (!c)
        return -1;
    clientToWire(c, admin, &ret->clnt);
    daemonClientUnref(c);
    return 0;
}

static void addString(virTypedParameter **p, int *n, int *max, const char *field, const char *v)
{
    virTypedParamsAddString(p, n, max, field, v);
}

DAEMON_PROC_NOCONN(ADMIN_CLIENT_GET_INFO)
{
    const admin_client_get_info_args *args = argsp;
    admin_client_get_info_ret *ret = retp;
    int admin = serverIsAdmin(args->clnt.srv.name);
    if (flagsNone(args->flags) < 0 || admin < 0)
        return -1;
    daemonClient *c = findClient(client->srv, admin, args->clnt.id);
    if (!c)
        return -1;
    virTypedParameter *p = NULL;
    int n = 0, max = 0;
    virTypedParamsAddBoolean(&p, &n, &max, VIR_CLIENT_INFO_READONLY, c->readonly);
    if (c->kind == DAEMON_LISTEN_TCP || c->kind == DAEMON_LISTEN_TLS)
        addString(&p, &n, &max, VIR_CLIENT_INFO_SOCKET_ADDR, c->peer);
    struct ucred cred;
    socklen_t len = sizeof(cred);
    if (c->kind != DAEMON_LISTEN_TCP && c->kind != DAEMON_LISTEN_TLS &&
        getsockopt(c->fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) == 0) {
        struct passwd *pw = getpwuid(cred.uid);
        struct group *gr = getgrgid(cred.gid);
        virTypedParamsAddInt(&p, &n, &max, VIR_CLIENT_INFO_UNIX_USER_ID, (int) cred.uid);
        if (pw)
            addString(&p, &n, &max, VIR_CLIENT_INFO_UNIX_USER_NAME, pw->pw_name);
        virTypedParamsAddInt(&p, &n, &max, VIR_CLIENT_INFO_UNIX_GROUP_ID, (int) cred.gid);
        if (gr)
            addString(&p, &n, &max, VIR_CLIENT_INFO_UNIX_GROUP_NAME, gr->gr_name);
        virTypedParamsAddInt(&p, &n, &max, VIR_CLIENT_INFO_UNIX_PROCESS_ID, (int) cred.pid);
    }
    pthread_mutex_lock(&c->lock);
    char *saslUser = c->sasl_user ? virtStrdup(c->sasl_user) : NULL;
    pthread_mutex_unlock(&c->lock);
    if (saslUser)
        addString(&p, &n, &max, VIR_CLIENT_INFO_SASL_USER_NAME, saslUser);
    free(saslUser);
    daemonClientUnref(c);
    int rc = virtRPCParamsToWire(p, n, &ret->params.params_val, &ret->params.params_len);
    virTypedParamsFree(p, n);
    return rc;
}

DAEMON_PROC_NOCONN(ADMIN_CLIENT_CLOSE)
{
    const admin_client_close_args *args = argsp;
    int admin = serverIsAdmin(args->clnt.srv.name);
    if (flagsNone(args->flags) < 0 || admin < 0)
        return -1;
    daemonClient *c = findClient(client->srv, admin, args->clnt.id);
    if (!c)
        return -1;
    daemonClientClose(c);
    daemonClientUnref(c);
    return 0;
}

DAEMON_PROC_NOCONN(ADMIN_SERVER_GET_CLIENT_LIMITS)
{
    const admin_server_get_client_limits_args *args = argsp;
    admin_server_get_client_limits_ret *ret = retp;
    daemonServer *srv = client->srv;
    int admin = serverIsAdmin(args->srv.name);
    if (flagsNone(args->flags) < 0 || admin < 0)
        return -1;
    pthread_mutex_lock(&srv->lock);
    int limit = admin ? srv->admin_max_clients : srv->max_clients;
    pthread_mutex_unlock(&srv->lock);
    virTypedParameter *p = NULL;
    int n = 0, max = 0;
    addUInt(&p, &n, &max, VIR_SERVER_CLIENTS_MAX, (unsigned int) limit);
    addUInt(&p, &n, &max, VIR_SERVER_CLIENTS_CURRENT, (unsigned int) daemonServerCount(srv, admin));
    pthread_mutex_lock(&srv->lock);
    int unauth = admin ? srv->admin_max_unauth : srv->max_unauth;
    pthread_mutex_unlock(&srv->lock);
    addUInt(&p, &n, &max, VIR_SERVER_CLIENTS_UNAUTH_MAX, (unsigned int) unauth);
    /* the admin socket authenticates nobody */
    addUInt(&p, &n, &max, VIR_SERVER_CLIENTS_UNAUTH_CURRENT,
            admin ? 0 : (unsigned int) daemonServerCountUnauth(srv));
    return paramsReply(p, n, &ret->params.params_val, &ret->params.params_len);
}

DAEMON_PROC_NOCONN(ADMIN_SERVER_SET_CLIENT_LIMITS)
{
    const admin_server_set_client_limits_args *args = argsp;
    static const char *const names[] = { VIR_SERVER_CLIENTS_MAX, VIR_SERVER_CLIENTS_UNAUTH_MAX, NULL };
    const remote_typed_param *w = args->params.params_val;
    uint32_t n = args->params.params_len;
    daemonServer *srv = client->srv;
    int admin = serverIsAdmin(args->srv.name);
    unsigned int max = 0, unauth = 0;
    bool hasMax, hasUnauth;
    if (flagsNone(args->flags) < 0 || admin < 0 || onlyKnown(w, n, names) < 0 ||
        findUInt(w, n, VIR_SERVER_CLIENTS_MAX, &max, &hasMax) < 0 ||
        findUInt(w, n, VIR_SERVER_CLIENTS_UNAUTH_MAX, &unauth, &hasUnauth) < 0)
        return -1;
    pthread_mutex_lock(&srv->lock);
    int *maxp = admin ? &srv->admin_max_clients : &srv->max_clients;
    int *unauthp = admin ? &srv->admin_max_unauth : &srv->max_unauth;
    unsigned int nmax = hasMax ? max : (unsigned int) *maxp;
    unsigned int nunauth = hasUnauth ? unauth : (unsigned int) *unauthp;
    /* libvirt's rule, in libvirt's words */
    bool bad = nmax < nunauth || nmax > 1000000;
    if (!bad) {
        *maxp = (int) nmax;
        *unauthp = (int) nunauth;
    }
    pthread_mutex_unlock(&srv->lock);
    if (bad) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_ADMIN, VIR_ERR_INVALID_ARG, "%s",
                       "The overall maximum number of clients waiting for authentication must "
                       "not be less than the overall maximum number of clients");
        return -1;
    }
    return 0;
}

DAEMON_PROC_NOCONN(ADMIN_SERVER_UPDATE_TLS_FILES)
{
    const admin_server_update_tls_files_args *args = argsp;
    daemonServer *srv = client->srv;
    int admin = serverIsAdmin(args->srv.name);
    if (flagsNone(args->flags) < 0 || admin < 0)
        return -1;
    pthread_mutex_lock(&srv->lock);
    bool hasTLS = srv->tls != NULL;
    pthread_mutex_unlock(&srv->lock);
    if (admin || !hasTLS) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_ADMIN, VIR_ERR_INTERNAL_ERROR,
                       "%s", "no tls service found, unable to update tls files");
        return -1;
    }
    char *err = NULL;
    daemonTLS *fresh = daemonTLSNew(srv->cfg, &err);
    if (!fresh) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_ADMIN, VIR_ERR_SYSTEM_ERROR, "%s", err);
        free(err);
        return -1;
    }
    daemonServerSetTLS(srv, fresh);
    return 0;
}

DAEMON_PROC_NOCONN(ADMIN_CONNECT_GET_LOGGING_OUTPUTS)
{
    const admin_connect_get_logging_outputs_args *args = argsp;
    admin_connect_get_logging_outputs_ret *ret = retp;
    if (flagsNone(args->flags) < 0)
        return -1;
    ret->noutputs = (unsigned int) virtLogGetOutputs(&ret->outputs);
    return 0;
}

DAEMON_PROC_NOCONN(ADMIN_CONNECT_GET_LOGGING_FILTERS)
{
    const admin_connect_get_logging_filters_args *args = argsp;
    admin_connect_get_logging_filters_ret *ret = retp;
    char *spec = NULL;
    if (flagsNone(args->flags) < 0)
        return -1;
    ret->nfilters = (unsigned int) virtLogGetFilters(&spec);
    if (spec) {
        ret->filters = virtAlloc(sizeof(char *));
        *ret->filters = spec;
    }
    return 0;
}

static int logRefused(const char *what, const char *spec)
{
    virtErrorRaise(NULL, NULL, NULL, VIR_FROM_ADMIN, VIR_ERR_INVALID_ARG,
                   "Malformed format for %s '%s'", what, spec);
    return -1;
}

DAEMON_PROC_NOCONN(ADMIN_CONNECT_SET_LOGGING_OUTPUTS)
{
    const admin_connect_set_logging_outputs_args *args = argsp;
    const char *spec = args->outputs ? *args->outputs : NULL;
    if (flagsNone(args->flags) < 0)
        return -1;
    if (virtLogSetOutputs(spec ? spec : "") < 0)
        return logRefused("log output", spec);
    return 0;
}

DAEMON_PROC_NOCONN(ADMIN_CONNECT_SET_LOGGING_FILTERS)
{
    const admin_connect_set_logging_filters_args *args = argsp;
    const char *spec = args->filters ? *args->filters : NULL;
    if (flagsNone(args->flags) < 0)
        return -1;
    if (virtLogSetFilters(spec ? spec : "") < 0)
        return logRefused("filter", spec);
    return 0;
}

DAEMON_PROC_NOCONN(ADMIN_CONNECT_SET_DAEMON_TIMEOUT)
{
    const admin_connect_set_daemon_timeout_args *args = argsp;
    if (flagsNone(args->flags) < 0)
        return -1;
    if (args->timeout > 1000000) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_ADMIN, VIR_ERR_INVALID_ARG,
                       "%s", "timeout is too large");
        return -1;
    }
    pthread_mutex_lock(&client->srv->lock);
    client->srv->timeout = (int) args->timeout;
    pthread_mutex_unlock(&client->srv->lock);
    return 0;
}
