/* remote_module.c: the remote module's entry point, its descriptor, and
 * opening and closing a connection to a daemon: reach it (remote_dial.c),
 * secure it (remote_tls.c), then say hello as libvirt's client does
 * (AUTH_LIST, CONNECT_OPEN) and goodbye with CONNECT_CLOSE. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "remote_autostart.h"
#include "remote_dial.h"
#include "remote_driver.h"
#include "remote_sasl.h"
#include "remote_tls.h"
#include "message.h"
#include "util.h"

const virtCoreServices *remoteCore;

remoteConn *remoteConnOf(virConnectPtr conn)
{
    remoteConn *rc = remoteCore->conn_private(conn, VIRT_ROLE_HYPERVISOR);
    return rc ? rc : remoteCore->conn_private(conn, VIRT_ROLE_NETWORK);
}

int remoteCall(virConnectPtr conn, int proc, virtXDRCodec argsCodec, void *args,
               virtXDRCodec retCodec, void *ret)
{
    return remoteCallProgram(conn, VIRT_RPC_REMOTE_PROGRAM, VIRT_RPC_REMOTE_VERSION, proc,
                             argsCodec, args, retCodec, ret);
}

int remoteCallProgram(virConnectPtr conn, unsigned int prog, unsigned int vers, int proc,
                      virtXDRCodec argsCodec, void *args, virtXDRCodec retCodec, void *ret)
{
    remoteConn *rc = remoteConnOf(conn);
    if (!rc) {
        remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_INTERNAL_ERROR,
                          "connection has no remote state");
        return -1;
    }
    return remoteClientCallProgram(rc->client, conn, prog, vers, proc, argsCodec, args,
                                   retCodec, ret);
}

void remoteDomainToWire(virDomainPtr dom, remote_nonnull_domain *w)
{
    w->name = (char *) remoteCore->handle_identity(dom)->name;
    memcpy(w->uuid, remoteCore->handle_identity(dom)->uuid, VIR_UUID_BUFLEN);
    w->id = remoteCore->handle_identity(dom)->id;
}

void remoteNetworkToWire(virNetworkPtr net, remote_nonnull_network *w)
{
    w->name = (char *) remoteCore->handle_identity(net)->name;
    memcpy(w->uuid, remoteCore->handle_identity(net)->uuid, VIR_UUID_BUFLEN);
}

virDomainPtr remoteDomainFromWire(virConnectPtr conn, const remote_nonnull_domain *w)
{
    return virtHandleNewDomain(remoteCore, conn, w->name, w->uuid, w->id);
}

virNetworkPtr remoteNetworkFromWire(virConnectPtr conn, const remote_nonnull_network *w)
{
    return virtHandleNewNetwork(remoteCore, conn, w->name, w->uuid);
}

/* How the peer is named in transport errors. */
static char *describePeer(const remotePlan *plan)
{
    switch (plan->transport) {
    case REMOTE_TRANSPORT_UNIX:
        return virtAsprintf("the daemon at unix socket %s", plan->socket);
    case REMOTE_TRANSPORT_TCP:
    case REMOTE_TRANSPORT_TLS:
        return virtAsprintf("the daemon at %s port %s (%s)", plan->host, plan->port,
                            remoteTransportName(plan->transport));
    case REMOTE_TRANSPORT_SSH:
        return virtAsprintf("the daemon on %s through ssh", plan->host);
    case REMOTE_TRANSPORT_EXT:
        return virtAsprintf("the daemon through command '%s'",
                            plan->argv[plan->argv[1] ? 2 : 0]);
    }
    return virtStrdup("the daemon");
}

/* Authenticate as the daemon asks in AUTH_LIST: nothing, or SASL
 * (remote_sasl.c); polkit is not spoken by this client. */
static int checkAuth(virConnectPtr conn, remoteConn *rc, const remotePlan *plan,
                     virConnectAuthPtr auth)
{
    remote_auth_list_ret ret;
    int result = -1;
    bool none = false, sasl = false;

    memset(&ret, 0, sizeof(ret));
    if (remoteClientCall(rc->client, conn, REMOTE_PROC_AUTH_LIST, NULL, NULL,
                         virtXDRAny_remote_auth_list_ret, &ret) < 0)
        return -1;
    for (uint32_t i = 0; i < ret.types.types_len; i++) {
        none |= ret.types.types_val[i] == REMOTE_AUTH_NONE;
        sasl |= ret.types.types_val[i] == REMOTE_AUTH_SASL;
    }
    /* auth=sasl[.MECH] or auth=none in the URI: that one, if offered */
    bool wantSasl = plan->auth && strncmp(plan->auth, "sasl", 4) == 0;
    bool wantNone = plan->auth && strcmp(plan->auth, "none") == 0;
    if (plan->auth && !((wantSasl && sasl) || (wantNone && none))) {
        remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_AUTH_FAILED,
                          "requested authentication type %s rejected", plan->auth);
    } else if (ret.types.types_len == 0 || (none && !wantSasl)) {
        result = 0;
    } else if (sasl) {
        result = remoteSASLAuthenticate(remoteCore, conn, rc->client, plan, auth);
    } else {
        remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_AUTH_FAILED,
                          "the daemon requires authentication type %d, which this client does not support",
                          (int) ret.types.types_val[0]);
    }
    virtXDRFree_remote_auth_list_ret(&ret);
    return result;
}

static int remoteOpen(virConnectPtr conn, const virtURI *uri, virConnectAuthPtr auth,
                      unsigned int flags, unsigned int roles, void **priv)
{
    bool readonly = (flags & VIR_CONNECT_RO) != 0;
    remotePlan *plan = NULL;
    remoteConn *rc = NULL;
    gnutls_session_t session = NULL;
    gnutls_certificate_credentials_t cred = NULL;
    virtTransport *t = NULL;
    char *where = NULL;
    int fd = -1, ret = VIRT_OPEN_ERROR;
    pid_t child = -1;

    if (!(plan = remotePlanNew(remoteCore, conn, uri, readonly)))
        goto cleanup;
    if (remoteAutostartDaemon(remoteCore, conn, plan) < 0)
        goto cleanup;
    if (remoteDial(remoteCore, conn, plan, &fd, &child) < 0)
        goto cleanup;
    if (plan->transport == REMOTE_TRANSPORT_TLS &&
        remoteTLSHandshake(remoteCore, conn, plan, fd, &session, &cred) < 0)
        goto cleanup;
    t = session ? virtTransportNewTLS(fd, session) : virtTransportNewFD(fd);
    if (!t) {
        remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_NO_MEMORY, NULL);
        goto cleanup;
    }
    fd = -1;
    session = NULL;

    where = describePeer(plan);
    rc = virtAlloc(sizeof(*rc));
    pthread_mutex_init(&rc->lock, NULL);
    rc->transport = plan->transport;
    rc->client = remoteClientNew(remoteCore, conn, t, cred, child, where);
    t = NULL;
    cred = NULL;
    child = -1;
    if (!rc->client)
        goto cleanup;

    if (checkAuth(conn, rc, plan, auth) < 0)
        goto cleanup;
    remote_connect_open_args open = { .name = plan->name ? &plan->name : NULL,
                                      .flags = readonly ? VIR_CONNECT_RO : 0 };
    if (remoteClientCall(rc->client, conn, REMOTE_PROC_CONNECT_OPEN,
                         virtXDRAny_remote_connect_open_args, &open, NULL, NULL) < 0)
        goto cleanup;
    rc->conn = conn;
    if (roles & VIRT_ROLE_BIT(VIRT_ROLE_HYPERVISOR))
        remoteEventsAttach(rc);
    *priv = rc;
    rc = NULL;
    ret = VIRT_OPEN_SUCCESS;

 cleanup:
    if (rc) {
        remoteClientFree(rc->client);
        pthread_mutex_destroy(&rc->lock);
        free(rc);
    }
    virtTransportFree(t);
    if (session)
        gnutls_deinit(session);
    if (cred)
        gnutls_certificate_free_credentials(cred);
    if (fd >= 0)
        close(fd);
    remoteReapChild(child);
    free(where);
    remotePlanFree(plan);
    return ret;
}

static int remoteClose(virConnectPtr conn, void *priv)
{
    remoteConn *rc = priv;
    int ret = 0;

    /* A daemon already gone needs no goodbye; do not report that. */
    if (remoteClientAlive(rc->client) &&
        remoteClientCall(rc->client, conn, REMOTE_PROC_CONNECT_CLOSE, NULL, NULL, NULL, NULL) < 0)
        ret = -1;
    remoteClientFree(rc->client);
    pthread_mutex_destroy(&rc->lock);
    free(rc->type);
    for (size_t i = 0; i < rc->nparents; i++)
        free(rc->parents[i]);
    free(rc->parents);
    free(rc);
    return ret;
}

static const char *const remoteSchemes[] = { "remote", NULL };

static const virtModuleDescriptor remoteDescriptor = {
    .size = sizeof(virtModuleDescriptor),
    .abi_version = VIRT_MODULE_ABI_VERSION,
    .name = "remote",
    .version = "1.0",
    .schemes = remoteSchemes,
    .roles = VIRT_ROLE_BIT(VIRT_ROLE_REMOTE),
    .probe = NULL,
    .open = remoteOpen,
    .close = remoteClose,
    .hypervisor = &remoteHypervisorTable,
    .network = &remoteNetworkTable,
    .storage = &remoteStorageTable,
    .iface = &remoteInterfaceTable,
    .nodedev = &remoteNodeDeviceTable,
    .secret = &remoteSecretTable,
    .nwfilter = &remoteNWFilterTable,
};

bool remoteConnIsOurs(virConnectPtr conn)
{
    return remoteCore->conn_private_own(conn, VIRT_ROLE_HYPERVISOR, &remoteDescriptor) != NULL;
}

VIRT_MODULE_EXPORT const virtModuleDescriptor *virt_module_entry(const virtCoreServices *services)
{
    remoteCore = services;
    return &remoteDescriptor;
}
