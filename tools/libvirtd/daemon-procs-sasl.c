/* daemon-procs-sasl.c: SASL authentication, as libvirt's daemon does it.
 * AUTH_SASL_INIT opens a server session and lists the mechanisms,
 * AUTH_SASL_START and AUTH_SASL_STEP carry the tokens; when SASL says
 * done, the strength (plain TCP needs 56 bits) and the identity
 * (sasl_allowed_username_list) are checked, and the reply goes out plain
 * with the security layer put under everything after it. Every failure
 * reads "authentication failed" to the client, with the reason in the
 * daemon's log only. */
#include <stdlib.h>
#include <string.h>

#include <sasl/sasl.h>

#include "daemon-dispatch-table.h"
#include "daemon-sasl.h"
#include "error.h"
#include "message.h"
#include "sasl.h"

/* The strength libvirt asks of plain TCP once the session is done. */
#define SASL_TCP_MIN_SSF 56

static const daemonConfig *saslConfig;

daemonAuth daemonSASLSocketAuth(const daemonConfig *cfg, daemonListenKind kind)
{
    switch (kind) {
    case DAEMON_LISTEN_UNIX_RW: return cfg->auth_unix_rw;
    case DAEMON_LISTEN_UNIX_RO: return cfg->auth_unix_ro;
    case DAEMON_LISTEN_TCP: return cfg->auth_tcp;
    case DAEMON_LISTEN_TLS: return cfg->auth_tls;
    case DAEMON_LISTEN_UNIX_ADMIN: return DAEMON_AUTH_NONE;
    }
    return DAEMON_AUTH_SASL;
}

int daemonSASLInit(const daemonConfig *cfg, char **err)
{
    saslConfig = cfg;
    if (cfg->auth_unix_rw != DAEMON_AUTH_SASL && cfg->auth_unix_ro != DAEMON_AUTH_SASL &&
        !(cfg->listen_tcp && cfg->auth_tcp == DAEMON_AUTH_SASL) &&
        !(cfg->listen_tls && cfg->auth_tls == DAEMON_AUTH_SASL))
        return 0;
    int rc = sasl_server_init(NULL, "libvirt");
    if (rc != SASL_OK) {
        *err = virtAsprintf("failed to initialize SASL library: %d (%s)", rc,
                            sasl_errstring(rc, NULL, NULL));
        return -1;
    }
    return 0;
}

bool daemonSASLBeforeAuth(unsigned int prog, int proc)
{
    return prog == VIRT_RPC_REMOTE_PROGRAM &&
           (proc == REMOTE_PROC_AUTH_LIST || proc == REMOTE_PROC_AUTH_SASL_INIT ||
            proc == REMOTE_PROC_AUTH_SASL_START || proc == REMOTE_PROC_AUTH_SASL_STEP ||
            proc == REMOTE_PROC_AUTH_POLKIT);
}

void daemonSASLClientGone(daemonClient *c)
{
    if (c->sasl)
        sasl_dispose(&c->sasl);
    free(c->sasl_user);
    c->sasl_user = NULL;
}

/* The one answer a client gets to any failure; why is in the log. */
static int refuse(daemonClient *client, const char *why, bool drop)
{
    daemonLog(client->srv, true, "client %lu (%s): SASL authentication refused: %s",
              client->id, client->peer, why);
    /* as libvirt: a failed start or step ends the session (INIT may come
     * again), a misplaced INIT leaves it be */
    pthread_mutex_lock(&client->lock);
    if (drop && client->sasl) {
        sasl_dispose(&client->sasl);
        client->sasl_started = false;
    }
    pthread_mutex_unlock(&client->lock);
    virResetLastError();
    virtErrorRaise(NULL, NULL, NULL, VIR_FROM_RPC, VIR_ERR_AUTH_FAILED, "%s",
                   "authentication failed");
    return -1;
}

/* TLS and unix sockets need no strength from SASL itself. */
static bool transportSecure(const daemonClient *client)
{
    return client->kind != DAEMON_LISTEN_TCP;
}

DAEMON_PROC_NOCONN(AUTH_SASL_INIT)
{
    remote_auth_sasl_init_ret *ret = retp;
    const char *mechs = NULL;
    sasl_conn_t *sasl = NULL;
    (void) conn;
    (void) argsp;

    pthread_mutex_lock(&client->lock);
    if (client->auth != DAEMON_AUTH_SASL || client->sasl || client->authenticated) {
        pthread_mutex_unlock(&client->lock);
        return refuse(client, "SASL init request out of turn", false);
    }
    pthread_mutex_unlock(&client->lock);

    char *local = virtSASLAddress(client->fd, true);
    char *remote = virtSASLAddress(client->fd, false);
    int rc = sasl_server_new("libvirt", NULL, NULL, local, remote, NULL, SASL_SUCCESS_DATA, &sasl);
    free(local);
    free(remote);
    if (rc != SASL_OK) {
        char *why = virtAsprintf("cannot create a SASL session: %d (%s)", rc,
                                 sasl_errstring(rc, NULL, NULL));
        refuse(client, why, true);
        free(why);
        return -1;
    }
    if (client->kind == DAEMON_LISTEN_TLS) {
        /* the TLS layer already protects the stream: tell SASL how well */
        pthread_mutex_lock(&client->wlock);
        sasl_ssf_t ext = (sasl_ssf_t) virtTransportTLSKeyBits(client->tr);
        pthread_mutex_unlock(&client->wlock);
        if (sasl_setprop(sasl, SASL_SSF_EXTERNAL, &ext) != SASL_OK) {
            sasl_dispose(&sasl);
            return refuse(client, "cannot tell SASL the TLS session's strength", true);
        }
    }
    sasl_security_properties_t props;
    memset(&props, 0, sizeof(props));
    if (transportSecure(client)) {
        props.min_ssf = 0;
        props.max_ssf = 0;
    } else {
        props.min_ssf = (sasl_ssf_t) saslConfig->tcp_min_ssf;
        props.max_ssf = 100000;
        props.security_flags = SASL_SEC_NOANONYMOUS | SASL_SEC_NOPLAINTEXT;
    }
    props.maxbufsize = 1 << 16;
    if (sasl_setprop(sasl, SASL_SEC_PROPS, &props) != SASL_OK) {
        sasl_dispose(&sasl);
        return refuse(client, "cannot set the SASL security properties", true);
    }
    rc = sasl_listmech(sasl, NULL, "", ",", "", &mechs, NULL, NULL);
    if (rc != SASL_OK || !mechs) {
        char *why = virtAsprintf("no SASL mechanism is available: %s", sasl_errdetail(sasl));
        sasl_dispose(&sasl);
        refuse(client, why, true);
        free(why);
        return -1;
    }
    ret->mechlist = virtStrdup(mechs);
    daemonLog(client->srv, false, "client %lu: SASL mechanisms offered: %s", client->id, mechs);
    pthread_mutex_lock(&client->lock);
    client->sasl = sasl;
    pthread_mutex_unlock(&client->lock);
    return 0;
}

/* SASL has said done: check strength and identity, then let the client in
 * and arrange for the layer. NULL on success, else why not. */
static char *finish(daemonClient *client)
{
    const void *val = NULL;
    if (!transportSecure(client)) {
        int ssf = virtSASLSSF(client->sasl);
        if (ssf < 0)
            return virtStrdup("cannot read the negotiated SSF");
        if (ssf < SASL_TCP_MIN_SSF)
            return virtAsprintf("negotiated SSF %d was not strong enough", ssf);
    }
    if (sasl_getprop(client->sasl, SASL_USERNAME, &val) != SASL_OK || !val)
        return virtStrdup("SASL gave no identity");
    const char *user = val;
    if (!daemonConfigListMatch(saslConfig->sasl_allowed_username_list, user))
        return virtAsprintf("Client's username '%s' is not on the list of allowed clients", user);

    virtTransportLayer layer;
    sasl_conn_t *sasl = client->sasl;
    if (virtSASLLayerNew(sasl, NULL, &layer) < 0)
        return virtStrdup("cannot set up the SASL security layer");
    daemonLog(client->srv, false, "client %lu: authenticated by SASL as '%s' (SSF %d)",
              client->id, user, virtSASLSSF(sasl));
    pthread_mutex_lock(&client->lock);
    client->sasl_user = virtStrdup(user);
    client->sasl = NULL;            /* the layer owns the session now */
    client->sasl_started = false;
    client->authenticated = true;
    pthread_mutex_unlock(&client->lock);
    pthread_mutex_lock(&client->wlock);
    client->next_layer = layer;
    client->layer_next = true;
    pthread_mutex_unlock(&client->wlock);
    return NULL;
}

/* One step's outcome into the reply's complete/nil/data. */
static int answer(daemonClient *client, int rc, const char *out, unsigned int outlen,
                  int32_t *complete, int32_t *nil, uint32_t *data_len, char **data_val)
{
    if (rc != SASL_OK && rc != SASL_CONTINUE) {
        char *why = virtAsprintf("%s", sasl_errdetail(client->sasl));
        refuse(client, why, true);
        free(why);
        return -1;
    }
    if (outlen > REMOTE_AUTH_SASL_DATA_MAX)
        return refuse(client, "SASL reply data too long", true);
    /* SASL tells an absent token from an empty one: so does nil */
    *nil = out ? 0 : 1;
    *data_len = outlen;
    if (out && outlen) {
        *data_val = virtAlloc(outlen);
        memcpy(*data_val, out, outlen);
    }
    if (rc == SASL_CONTINUE) {
        *complete = 0;
        return 0;
    }
    char *why = finish(client);
    if (why) {
        free(*data_val);
        *data_val = NULL;
        *data_len = 0;
        refuse(client, why, true);
        free(why);
        return -1;
    }
    *complete = 1;
    return 0;
}

DAEMON_PROC_NOCONN(AUTH_SASL_START)
{
    remote_auth_sasl_start_args *args = argsp;
    remote_auth_sasl_start_ret *ret = retp;
    const char *out = NULL;
    unsigned int outlen = 0;
    (void) conn;

    if (client->auth != DAEMON_AUTH_SASL || !client->sasl || client->sasl_started)
        return refuse(client, "SASL start request out of turn", true);
    client->sasl_started = true;
    int rc = sasl_server_start(client->sasl, args->mech,
                               args->nil ? NULL : args->data.data_val, args->data.data_len,
                               &out, &outlen);
    return answer(client, rc, out, outlen, &ret->complete, &ret->nil, &ret->data.data_len,
                  &ret->data.data_val);
}

DAEMON_PROC_NOCONN(AUTH_SASL_STEP)
{
    remote_auth_sasl_step_args *args = argsp;
    remote_auth_sasl_step_ret *ret = retp;
    const char *out = NULL;
    unsigned int outlen = 0;
    (void) conn;

    /* libvirt's daemon crashes on a step before any start; ours refuses */
    if (client->auth != DAEMON_AUTH_SASL || !client->sasl || !client->sasl_started)
        return refuse(client, "SASL step request out of turn", true);
    int rc = sasl_server_step(client->sasl, args->nil ? NULL : args->data.data_val,
                              args->data.data_len, &out, &outlen);
    return answer(client, rc, out, outlen, &ret->complete, &ret->nil, &ret->data.data_len,
                  &ret->data.data_val);
}
