/* admin-api.c: the public functions of libvirt-admin.so.0 (abi/libvirt-admin.api).
 * Each resets the thread's error, makes its admin call, and on failure
 * dispatches the error as libvirt.so.0's functions do. */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "admin-internal.h"
#include "error.h"
#include "params.h"
#include "transport.h"
#include "entry.h"
#include "util.h"

#define FAIL(ret) do { virtDispatchError(NULL); return ret; } while (0)

static bool checkArg(const void *p, const char *func, const char *name)
{
    if (p)
        return true;
    virtReportNullArg(NULL, func, name);
    return false;
}

int virAdmInitialize(void)
{
    return 0;
}

int virAdmGetVersion(unsigned long long *libVer)
{
    virResetLastError();
    if (!checkArg(libVer, __func__, "libVer"))
        FAIL(-1);
    *libVer = VIRT_API_VERSION_NUMBER;
    return 0;
}

virAdmConnectPtr virAdmConnectOpen(const char *name, unsigned int flags)
{
    virResetLastError();
    virAdmConnectPtr conn = virtAdmConnect(name, flags);
    if (!conn)
        FAIL(NULL);
    return conn;
}

int virAdmConnectRef(virAdmConnectPtr conn)
{
    virResetLastError();
    if (!checkArg(conn, __func__, "conn"))
        FAIL(-1);
    pthread_mutex_lock(&conn->lock);
    conn->refs++;
    pthread_mutex_unlock(&conn->lock);
    return 0;
}

int virAdmConnectClose(virAdmConnectPtr conn)
{
    virResetLastError();
    if (!conn)
        return 0;
    pthread_mutex_lock(&conn->lock);
    int left = --conn->refs;
    pthread_mutex_unlock(&conn->lock);
    if (left > 0)
        return left;
    if (!conn->dead)
        virtAdmCall(conn, ADMIN_PROC_CONNECT_CLOSE, NULL, NULL, NULL, NULL);
    virResetLastError();
    if (conn->closefree)
        conn->closefree(conn->closeopaque);
    virtTransportFree(conn->t);
    pthread_mutex_destroy(&conn->lock);
    free(conn->uri);
    free(conn);
    return 0;
}

int virAdmConnectIsAlive(virAdmConnectPtr conn)
{
    virResetLastError();
    if (!checkArg(conn, __func__, "conn"))
        FAIL(-1);
    return !conn->dead;
}

char *virAdmConnectGetURI(virAdmConnectPtr conn)
{
    virResetLastError();
    if (!checkArg(conn, __func__, "conn"))
        FAIL(NULL);
    return virtStrdup(conn->uri);
}

int virAdmConnectGetLibVersion(virAdmConnectPtr conn, unsigned long long *libVer)
{
    admin_connect_get_lib_version_ret ret = { 0 };

    virResetLastError();
    if (!checkArg(conn, __func__, "conn") || !checkArg(libVer, __func__, "libVer"))
        FAIL(-1);
    if (virtAdmCall(conn, ADMIN_PROC_CONNECT_GET_LIB_VERSION, NULL, NULL,
                    virtXDRAny_admin_connect_get_lib_version_ret, &ret) < 0)
        FAIL(-1);
    *libVer = ret.libVer;
    return 0;
}

int virAdmConnectRegisterCloseCallback(virAdmConnectPtr conn, virAdmConnectCloseFunc cb,
                                       void *opaque, virFreeCallback freecb)
{
    virResetLastError();
    if (!checkArg(conn, __func__, "conn") || !checkArg((void *) (uintptr_t) cb, __func__, "cb"))
        FAIL(-1);
    if (conn->closecb) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_ADMIN, VIR_ERR_OPERATION_INVALID,
                       "%s", "A close callback is already registered");
        FAIL(-1);
    }
    conn->closecb = cb;
    conn->closeopaque = opaque;
    conn->closefree = freecb;
    return 0;
}

int virAdmConnectUnregisterCloseCallback(virAdmConnectPtr conn, virAdmConnectCloseFunc cb)
{
    virResetLastError();
    if (!checkArg(conn, __func__, "conn") || !checkArg((void *) (uintptr_t) cb, __func__, "cb"))
        FAIL(-1);
    if (conn->closecb != cb) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_ADMIN, VIR_ERR_OPERATION_INVALID,
                       "%s", "A different callback was requested");
        FAIL(-1);
    }
    if (conn->closefree)
        conn->closefree(conn->closeopaque);
    conn->closecb = NULL;
    conn->closefree = NULL;
    conn->closeopaque = NULL;
    return 0;
}

virAdmServerPtr virtAdmServerNew(virAdmConnectPtr conn, const char *name)
{
    virAdmServerPtr srv = virtAlloc(sizeof(*srv));
    srv->name = virtStrdup(name);
    srv->conn = conn;
    virAdmConnectRef(conn);
    return srv;
}

virAdmClientPtr virtAdmClientNew(virAdmServerPtr srv, const admin_nonnull_client *c)
{
    virAdmClientPtr clnt = virtAlloc(sizeof(*clnt));
    clnt->srv = virtAdmServerNew(srv->conn, srv->name);
    clnt->id = c->id;
    clnt->timestamp = c->timestamp;
    clnt->transport = c->transport;
    return clnt;
}

int virAdmConnectListServers(virAdmConnectPtr conn, virAdmServerPtr **servers, unsigned int flags)
{
    admin_connect_list_servers_args args = { .need_results = servers != NULL, .flags = flags };
    admin_connect_list_servers_ret ret;

    virResetLastError();
    memset(&ret, 0, sizeof(ret));
    if (!checkArg(conn, __func__, "conn"))
        FAIL(-1);
    if (virtAdmCall(conn, ADMIN_PROC_CONNECT_LIST_SERVERS, virtXDRAny_admin_connect_list_servers_args,
                    &args, virtXDRAny_admin_connect_list_servers_ret, &ret) < 0)
        FAIL(-1);
    if (servers) {
        uint32_t n = ret.servers.servers_len;
        *servers = virtAlloc(sizeof(**servers) * (n + 1));
        for (uint32_t i = 0; i < n; i++)
            (*servers)[i] = virtAdmServerNew(conn, ret.servers.servers_val[i].name);
        (*servers)[n] = NULL;
    }
    int count = (int) ret.ret;
    virtXDRFree_admin_connect_list_servers_ret(&ret);
    return count;
}

virAdmServerPtr virAdmConnectLookupServer(virAdmConnectPtr conn, const char *name, unsigned int flags)
{
    admin_connect_lookup_server_args args = { .name = (char *) name, .flags = flags };
    admin_connect_lookup_server_ret ret;

    virResetLastError();
    memset(&ret, 0, sizeof(ret));
    if (!checkArg(conn, __func__, "conn") || !checkArg(name, __func__, "name"))
        FAIL(NULL);
    if (virtAdmCall(conn, ADMIN_PROC_CONNECT_LOOKUP_SERVER, virtXDRAny_admin_connect_lookup_server_args,
                    &args, virtXDRAny_admin_connect_lookup_server_ret, &ret) < 0)
        FAIL(NULL);
    virAdmServerPtr srv = virtAdmServerNew(conn, ret.srv.name);
    virtXDRFree_admin_connect_lookup_server_ret(&ret);
    return srv;
}

int virAdmServerFree(virAdmServerPtr srv)
{
    virResetLastError();
    if (!srv)
        return 0;
    virAdmConnectClose(srv->conn);
    free(srv->name);
    free(srv);
    return 0;
}

const char *virAdmServerGetName(virAdmServerPtr srv)
{
    virResetLastError();
    if (!checkArg(srv, __func__, "srv"))
        FAIL(NULL);
    return srv->name;
}

/* A reply's wire parameters as a new array the caller frees with
 * virTypedParamsFree. */
static int paramsOut(const remote_typed_param *w, uint32_t n, virTypedParameterPtr *params, int *nparams)
{
    virTypedParameterPtr p = virtRPCParamsFromWire(w, n);
    if (!p)
        return -1;
    for (uint32_t i = 0; i < n; i++)
        if (p[i].type == VIR_TYPED_PARAM_STRING)
            p[i].value.s = virtStrdup(p[i].value.s);
    *params = p;
    *nparams = (int) n;
    return 0;
}

static int paramsIn(const virTypedParameter *p, int n, remote_typed_param **w, uint32_t *len)
{
    if (n < 0 || (n > 0 && !p)) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_ADMIN, VIR_ERR_INVALID_ARG,
                       "%s", "params must hold nparams entries");
        return -1;
    }
    return virtRPCParamsToWire(p, n, w, len);
}

/* Frees what paramsIn built. */
static void wireFree(remote_typed_param *w, uint32_t n)
{
    for (uint32_t i = 0; w && i < n; i++)
        virtXDRFree_remote_typed_param(&w[i]);
    free(w);
}

static admin_nonnull_server serverToWire(virAdmServerPtr srv)
{
    admin_nonnull_server w = { .name = srv->name };
    return w;
}

/* The server's typed parameters (thread pool, client limits): one call
 * shape over two procedures with their own array bounds. */
#define SERVER_GET_PARAMS(FUNC, PROC, T) \
    int FUNC(virAdmServerPtr srv, virTypedParameterPtr *params, int *nparams, unsigned int flags) \
    { \
        T##_args args; \
        T##_ret ret; \
        virResetLastError(); \
        memset(&ret, 0, sizeof(ret)); \
        if (!checkArg(srv, __func__, "srv") || !checkArg(params, __func__, "params") || \
            !checkArg(nparams, __func__, "nparams")) \
            FAIL(-1); \
        args.srv = serverToWire(srv); \
        args.flags = flags; \
        if (virtAdmCall(srv->conn, PROC, virtXDRAny_##T##_args, &args, virtXDRAny_##T##_ret, &ret) < 0) \
            FAIL(-1); \
        int rc = paramsOut(ret.params.params_val, ret.params.params_len, params, nparams); \
        virtXDRFree_##T##_ret(&ret); \
        if (rc < 0) \
            FAIL(-1); \
        return 0; \
    }

#define SERVER_SET_PARAMS(FUNC, PROC, T) \
    int FUNC(virAdmServerPtr srv, virTypedParameterPtr params, int nparams, unsigned int flags) \
    { \
        T##_args args; \
        virResetLastError(); \
        memset(&args, 0, sizeof(args)); \
        if (!checkArg(srv, __func__, "srv")) \
            FAIL(-1); \
        args.srv = serverToWire(srv); \
        args.flags = flags; \
        if (paramsIn(params, nparams, &args.params.params_val, &args.params.params_len) < 0) { \
            wireFree(args.params.params_val, args.params.params_len); \
            FAIL(-1); \
        } \
        int rc = virtAdmCall(srv->conn, PROC, virtXDRAny_##T##_args, &args, NULL, NULL); \
        wireFree(args.params.params_val, args.params.params_len); \
        if (rc < 0) \
            FAIL(-1); \
        return 0; \
    }

SERVER_GET_PARAMS(virAdmServerGetThreadPoolParameters, ADMIN_PROC_SERVER_GET_THREADPOOL_PARAMETERS,
                  admin_server_get_threadpool_parameters)
SERVER_SET_PARAMS(virAdmServerSetThreadPoolParameters, ADMIN_PROC_SERVER_SET_THREADPOOL_PARAMETERS,
                  admin_server_set_threadpool_parameters)
SERVER_GET_PARAMS(virAdmServerGetClientLimits, ADMIN_PROC_SERVER_GET_CLIENT_LIMITS,
                  admin_server_get_client_limits)
SERVER_SET_PARAMS(virAdmServerSetClientLimits, ADMIN_PROC_SERVER_SET_CLIENT_LIMITS,
                  admin_server_set_client_limits)

int virAdmServerListClients(virAdmServerPtr srv, virAdmClientPtr **clients, unsigned int flags)
{
    admin_server_list_clients_args args;
    admin_server_list_clients_ret ret;

    virResetLastError();
    memset(&ret, 0, sizeof(ret));
    if (!checkArg(srv, __func__, "srv"))
        FAIL(-1);
    args.srv = serverToWire(srv);
    args.need_results = clients != NULL;
    args.flags = flags;
    if (virtAdmCall(srv->conn, ADMIN_PROC_SERVER_LIST_CLIENTS, virtXDRAny_admin_server_list_clients_args,
                    &args, virtXDRAny_admin_server_list_clients_ret, &ret) < 0)
        FAIL(-1);
    if (clients) {
        uint32_t n = ret.clients.clients_len;
        *clients = virtAlloc(sizeof(**clients) * (n + 1));
        for (uint32_t i = 0; i < n; i++)
            (*clients)[i] = virtAdmClientNew(srv, &ret.clients.clients_val[i]);
        (*clients)[n] = NULL;
    }
    int count = (int) ret.ret;
    virtXDRFree_admin_server_list_clients_ret(&ret);
    return count;
}

virAdmClientPtr virAdmServerLookupClient(virAdmServerPtr srv, unsigned long long id, unsigned int flags)
{
    admin_server_lookup_client_args args;
    admin_server_lookup_client_ret ret;

    virResetLastError();
    memset(&ret, 0, sizeof(ret));
    if (!checkArg(srv, __func__, "srv"))
        FAIL(NULL);
    args.srv = serverToWire(srv);
    args.id = id;
    args.flags = flags;
    if (virtAdmCall(srv->conn, ADMIN_PROC_SERVER_LOOKUP_CLIENT, virtXDRAny_admin_server_lookup_client_args,
                    &args, virtXDRAny_admin_server_lookup_client_ret, &ret) < 0)
        FAIL(NULL);
    virAdmClientPtr clnt = virtAdmClientNew(srv, &ret.clnt);
    virtXDRFree_admin_server_lookup_client_ret(&ret);
    return clnt;
}

unsigned long long virAdmClientGetID(virAdmClientPtr client)
{
    virResetLastError();
    if (!checkArg(client, __func__, "client"))
        FAIL((unsigned long long) -1);
    return client->id;
}

long long virAdmClientGetTimestamp(virAdmClientPtr client)
{
    virResetLastError();
    if (!checkArg(client, __func__, "client"))
        FAIL(-1);
    return client->timestamp;
}

int virAdmClientGetTransport(virAdmClientPtr client)
{
    virResetLastError();
    if (!checkArg(client, __func__, "client"))
        FAIL(-1);
    return (int) client->transport;
}

int virAdmClientFree(virAdmClientPtr client)
{
    virResetLastError();
    if (!client)
        return 0;
    virAdmServerFree(client->srv);
    free(client);
    return 0;
}

static admin_nonnull_client clientToWire(virAdmClientPtr c)
{
    admin_nonnull_client w = { .srv = serverToWire(c->srv), .id = c->id,
                               .timestamp = c->timestamp, .transport = c->transport };
    return w;
}

int virAdmClientGetInfo(virAdmClientPtr client, virTypedParameterPtr *params, int *nparams,
                        unsigned int flags)
{
    admin_client_get_info_args args;
    admin_client_get_info_ret ret;

    virResetLastError();
    memset(&ret, 0, sizeof(ret));
    if (!checkArg(client, __func__, "client") || !checkArg(params, __func__, "params") ||
        !checkArg(nparams, __func__, "nparams"))
        FAIL(-1);
    args.clnt = clientToWire(client);
    args.flags = flags;
    if (virtAdmCall(client->srv->conn, ADMIN_PROC_CLIENT_GET_INFO, virtXDRAny_admin_client_get_info_args,
                    &args, virtXDRAny_admin_client_get_info_ret, &ret) < 0)
        FAIL(-1);
    int rc = paramsOut(ret.params.params_val, ret.params.params_len, params, nparams);
    virtXDRFree_admin_client_get_info_ret(&ret);
    if (rc < 0)
        FAIL(-1);
    return 0;
}

int virAdmClientClose(virAdmClientPtr client, unsigned int flags)
{
    admin_client_close_args args;

    virResetLastError();
    if (!checkArg(client, __func__, "client"))
        FAIL(-1);
    args.clnt = clientToWire(client);
    args.flags = flags;
    if (virtAdmCall(client->srv->conn, ADMIN_PROC_CLIENT_CLOSE, virtXDRAny_admin_client_close_args,
                    &args, NULL, NULL) < 0)
        FAIL(-1);
    return 0;
}



int virAdmServerUpdateTlsFiles(virAdmServerPtr srv, unsigned int flags)
{
    admin_server_update_tls_files_args args;

    virResetLastError();
    if (!checkArg(srv, __func__, "srv"))
        FAIL(-1);
    args.srv = serverToWire(srv);
    args.flags = flags;
    if (virtAdmCall(srv->conn, ADMIN_PROC_SERVER_UPDATE_TLS_FILES,
                    virtXDRAny_admin_server_update_tls_files_args, &args, NULL, NULL) < 0)
        FAIL(-1);
    return 0;
}

int virAdmConnectGetLoggingOutputs(virAdmConnectPtr conn, char **outputs, unsigned int flags)
{
    admin_connect_get_logging_outputs_args args = { .flags = flags };
    admin_connect_get_logging_outputs_ret ret;

    virResetLastError();
    memset(&ret, 0, sizeof(ret));
    if (!checkArg(conn, __func__, "conn"))
        FAIL(-1);
    if (virtAdmCall(conn, ADMIN_PROC_CONNECT_GET_LOGGING_OUTPUTS,
                    virtXDRAny_admin_connect_get_logging_outputs_args, &args,
                    virtXDRAny_admin_connect_get_logging_outputs_ret, &ret) < 0)
        FAIL(-1);
    if (outputs) {
        *outputs = ret.outputs;
        ret.outputs = NULL;
    }
    int n = (int) ret.noutputs;
    virtXDRFree_admin_connect_get_logging_outputs_ret(&ret);
    return n;
}

int virAdmConnectGetLoggingFilters(virAdmConnectPtr conn, char **filters, unsigned int flags)
{
    admin_connect_get_logging_filters_args args = { .flags = flags };
    admin_connect_get_logging_filters_ret ret;

    virResetLastError();
    memset(&ret, 0, sizeof(ret));
    if (!checkArg(conn, __func__, "conn"))
        FAIL(-1);
    if (virtAdmCall(conn, ADMIN_PROC_CONNECT_GET_LOGGING_FILTERS,
                    virtXDRAny_admin_connect_get_logging_filters_args, &args,
                    virtXDRAny_admin_connect_get_logging_filters_ret, &ret) < 0)
        FAIL(-1);
    if (filters) {
        *filters = ret.filters ? *ret.filters : NULL;
        if (ret.filters)
            *ret.filters = NULL;
    }
    int n = (int) ret.nfilters;
    virtXDRFree_admin_connect_get_logging_filters_ret(&ret);
    return n;
}

int virAdmConnectSetLoggingOutputs(virAdmConnectPtr conn, const char *outputs, unsigned int flags)
{
    char *text = (char *) outputs;
    admin_connect_set_logging_outputs_args args = { .outputs = outputs ? &text : NULL, .flags = flags };

    virResetLastError();
    if (!checkArg(conn, __func__, "conn"))
        FAIL(-1);
    if (virtAdmCall(conn, ADMIN_PROC_CONNECT_SET_LOGGING_OUTPUTS,
                    virtXDRAny_admin_connect_set_logging_outputs_args, &args, NULL, NULL) < 0)
        FAIL(-1);
    return 0;
}

int virAdmConnectSetLoggingFilters(virAdmConnectPtr conn, const char *filters, unsigned int flags)
{
    char *text = (char *) filters;
    admin_connect_set_logging_filters_args args = { .filters = filters ? &text : NULL, .flags = flags };

    virResetLastError();
    if (!checkArg(conn, __func__, "conn"))
        FAIL(-1);
    if (virtAdmCall(conn, ADMIN_PROC_CONNECT_SET_LOGGING_FILTERS,
                    virtXDRAny_admin_connect_set_logging_filters_args, &args, NULL, NULL) < 0)
        FAIL(-1);
    return 0;
}

int virAdmConnectSetDaemonTimeout(virAdmConnectPtr conn, unsigned int timeout, unsigned int flags)
{
    admin_connect_set_daemon_timeout_args args = { .timeout = timeout, .flags = flags };

    virResetLastError();
    if (!checkArg(conn, __func__, "conn"))
        FAIL(-1);
    if (virtAdmCall(conn, ADMIN_PROC_CONNECT_SET_DAEMON_TIMEOUT,
                    virtXDRAny_admin_connect_set_daemon_timeout_args, &args, NULL, NULL) < 0)
        FAIL(-1);
    return 0;
}
