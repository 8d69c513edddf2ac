/* remote_sasl.c: SASL authentication towards libvirtd, as libvirt's
 * remote driver does it: AUTH_SASL_INIT for the daemon's mechanisms,
 * a client session (auth=sasl.MECH picks one), AUTH_SASL_START then
 * AUTH_SASL_STEP until both sides are done. What a mechanism asks for
 * (SASL interactions) becomes virConnectCredential requests, answered
 * from auth.conf or by the application's callback. Plain TCP needs a
 * strength of 56 bits; once done, the stream goes through the session's
 * security layer. */
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <sasl/sasl.h>

#include "remote_authconf.h"
#include "remote_protocol.h"
#include "remote_sasl.h"
#include "sasl.h"
#include "util.h"

/* What libvirt's client asks of plain TCP. */
#define SASL_MIN_SSF 56

/* SASL callback ids and the credential types that answer them. */
static const struct {
    unsigned long sasl;
    int cred;
} credMap[] = {
    { SASL_CB_LANGUAGE, VIR_CRED_LANGUAGE },
    { SASL_CB_USER, VIR_CRED_USERNAME },
    { SASL_CB_AUTHNAME, VIR_CRED_AUTHNAME },
    { SASL_CB_PASS, VIR_CRED_PASSPHRASE },
    { SASL_CB_ECHOPROMPT, VIR_CRED_ECHOPROMPT },
    { SASL_CB_NOECHOPROMPT, VIR_CRED_NOECHOPROMPT },
    { SASL_CB_CNONCE, VIR_CRED_CNONCE },
    { SASL_CB_GETREALM, VIR_CRED_REALM },
};
#define NCREDMAP (sizeof(credMap) / sizeof(credMap[0]))

static int credOf(unsigned long id)
{
    for (size_t i = 0; i < NCREDMAP; i++)
        if (credMap[i].sasl == id)
            return credMap[i].cred;
    return 0;
}

typedef struct {
    const virtCoreServices *core;
    virConnectPtr conn;
    remoteClient *client;
    const remotePlan *plan;
    virConnectAuthPtr auth;
    sasl_conn_t *sasl;
    /* SASL keeps using the list until the session is disposed */
    sasl_callback_t *callbacks;
    /* the answers to the last interaction: SASL reads them on its next
     * call, so they live until the one after */
    virConnectCredential *creds;
    size_t ncreds;
    bool parked;                 /* the reader waits for a resume */
} saslState;

static void fail(saslState *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(saslState *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = virtVasprintf(fmt, ap);
    va_end(ap);
    s->core->error(s->conn, VIR_FROM_REMOTE, VIR_ERR_AUTH_FAILED, "%s", msg);
    free(msg);
}

static void freeCreds(saslState *s)
{
    for (size_t i = 0; i < s->ncreds; i++) {
        if (s->creds[i].result) {
            memset(s->creds[i].result, 0, s->creds[i].resultlen);
            free(s->creds[i].result);
        }
    }
    free(s->creds);
    s->creds = NULL;
    s->ncreds = 0;
}

/* One callback entry per SASL need that the application can answer. */
static void makeCallbacks(saslState *s)
{
    size_t n = 0;
    s->callbacks = virtAlloc((NCREDMAP + 1) * sizeof(*s->callbacks));
    for (size_t i = 0; i < NCREDMAP; i++) {
        bool offered = false;
        for (unsigned int j = 0; s->auth && j < s->auth->ncredtype; j++)
            offered |= s->auth->credtype[j] == credMap[i].cred;
        if (offered) {
            s->callbacks[n].id = credMap[i].sasl;
            s->callbacks[n].proc = NULL;
            s->callbacks[n].context = NULL;
            n++;
        }
    }
    s->callbacks[n].id = SASL_CB_LIST_END;
    s->callbacks[n].proc = NULL;
    s->callbacks[n].context = NULL;
}

/* Answer what the mechanism asks: auth.conf first, the callback for the
 * rest. -1 with the error reported. */
static int interact(saslState *s, sasl_interact_t *in)
{
    size_t n = 0;
    while (in[n].id != SASL_CB_LIST_END)
        n++;
    freeCreds(s);
    s->creds = virtAlloc((n ? n : 1) * sizeof(*s->creds));
    memset(s->creds, 0, (n ? n : 1) * sizeof(*s->creds));
    s->ncreds = n;
    for (size_t i = 0; i < n; i++) {
        s->creds[i].type = credOf(in[i].id);
        if (!s->creds[i].type) {
            fail(s, "unknown credential type %lu", in[i].id);
            return -1;
        }
        s->creds[i].prompt = in[i].prompt;
        s->creds[i].challenge = in[i].challenge;
        s->creds[i].defresult = in[i].defresult;
    }
    bool missing = false;
    for (size_t i = 0; i < n; i++) {
        s->creds[i].result = remoteAuthConfLookup(s->plan->host, s->creds[i].type);
        if (s->creds[i].result)
            s->creds[i].resultlen = (unsigned int) strlen(s->creds[i].result);
        else
            missing = true;
    }
    if (missing) {
        if (!s->auth || !s->auth->cb) {
            fail(s, "No authentication callback available");
            return -1;
        }
        /* the callback fills only what auth.conf left empty */
        virConnectCredential *ask = virtAlloc(n * sizeof(*ask));
        size_t nask = 0;
        for (size_t i = 0; i < n; i++)
            if (!s->creds[i].result)
                ask[nask++] = s->creds[i];
        int rc = s->auth->cb(ask, (unsigned int) nask, s->auth->cbdata);
        for (size_t i = 0, k = 0; i < n; i++)
            if (!s->creds[i].result)
                s->creds[i] = ask[k++];
        free(ask);
        if (rc < 0) {
            fail(s, "Failed to collect auth credentials");
            return -1;
        }
    }
    for (size_t i = 0; i < n; i++) {
        in[i].result = s->creds[i].result;
        in[i].len = s->creds[i].resultlen;
    }
    return 0;
}

/* Let the reader go on before the next call (or at the end). */
static void resume(saslState *s, const virtTransportLayer *layer)
{
    if (s->parked)
        remoteClientResume(s->client, layer);
    s->parked = false;
}

static int startSession(saslState *s)
{
    int fd = remoteClientFD(s->client);
    char *local = virtSASLAddress(fd, true);
    char *remote = virtSASLAddress(fd, false);
    int rc = sasl_client_new("libvirt", s->plan->host ? s->plan->host : "localhost", local, remote,
                             s->callbacks, 0, &s->sasl);
    free(local);
    free(remote);
    if (rc != SASL_OK) {
        s->sasl = NULL;
        fail(s, "Failed to create SASL client context: %d (%s)", rc, sasl_errstring(rc, NULL, NULL));
        return -1;
    }
    bool secure = s->plan->transport != REMOTE_TRANSPORT_TCP;
    if (s->plan->transport == REMOTE_TRANSPORT_TLS) {
        /* the TLS layer protects the stream already: tell SASL how well */
        sasl_ssf_t ext = (sasl_ssf_t) remoteClientTLSKeyBits(s->client);
        if ((rc = sasl_setprop(s->sasl, SASL_SSF_EXTERNAL, &ext)) != SASL_OK) {
            fail(s, "cannot set external SSF %d (%s)", rc, sasl_errstring(rc, NULL, NULL));
            return -1;
        }
    }
    sasl_security_properties_t props;
    memset(&props, 0, sizeof(props));
    props.min_ssf = secure ? 0 : SASL_MIN_SSF;
    props.max_ssf = secure ? 0 : 100000;
    props.maxbufsize = 1 << 16;
    props.security_flags = secure ? 0 : SASL_SEC_NOANONYMOUS | SASL_SEC_NOPLAINTEXT;
    if ((rc = sasl_setprop(s->sasl, SASL_SEC_PROPS, &props)) != SASL_OK) {
        fail(s, "cannot set security props %d (%s)", rc, sasl_errstring(rc, NULL, NULL));
        return -1;
    }
    return 0;
}

static int negotiate(saslState *s)
{
    remote_auth_sasl_init_ret init;
    const char *out = NULL, *mech = NULL;
    unsigned int outlen = 0;
    sasl_interact_t *need = NULL;
    int rc, ret = -1;

    memset(&init, 0, sizeof(init));
    if (remoteClientCall(s->client, s->conn, REMOTE_PROC_AUTH_SASL_INIT, NULL, NULL,
                         virtXDRAny_remote_auth_sasl_init_ret, &init) < 0)
        return -1;
    const char *mechlist = init.mechlist;
    /* auth=sasl.MECH: that mechanism, if the daemon offers it */
    const char *want = s->plan->auth && strncmp(s->plan->auth, "sasl.", 5) == 0 ? s->plan->auth + 5 : NULL;
    if (want) {
        /* libvirt's test, word for word: a substring, case counts */
        if (!strstr(mechlist, want)) {
            fail(s, "SASL mechanism %s not supported by server", want);
            goto cleanup;
        }
        mechlist = want;
    }
    if (startSession(s) < 0)
        goto cleanup;

    while ((rc = sasl_client_start(s->sasl, mechlist, &need, &out, &outlen, &mech)) == SASL_INTERACT)
        if (interact(s, need) < 0)
            goto cleanup;
    if (rc != SASL_OK && rc != SASL_CONTINUE) {
        fail(s, "Failed to start SASL negotiation: %d (%s)", rc, sasl_errdetail(s->sasl));
        goto cleanup;
    }
    if (outlen > REMOTE_AUTH_SASL_DATA_MAX) {
        fail(s, "SASL negotiation data too long: %u bytes", outlen);
        goto cleanup;
    }

    remote_auth_sasl_start_args sargs = {
        .mech = (char *) mech, .nil = out ? 0 : 1,
        .data = { .data_len = outlen, .data_val = (char *) out },
    };
    remote_auth_sasl_start_ret sret;
    memset(&sret, 0, sizeof(sret));
    s->parked = true;
    if (remoteClientCallHeld(s->client, s->conn, REMOTE_PROC_AUTH_SASL_START,
                             virtXDRAny_remote_auth_sasl_start_args, &sargs,
                             virtXDRAny_remote_auth_sasl_start_ret, &sret) < 0)
        goto cleanup;
    int complete = sret.complete;
    char *in = sret.nil ? NULL : sret.data.data_val;
    unsigned int inlen = sret.data.data_len;
    char *inbuf = sret.data.data_val;   /* owned until the next reply */

    /* Even when the daemon is done, step once: with mutual
     * authentication the client checks the daemon's last word. */
    for (;;) {
        if (complete && rc == SASL_OK)
            break;
        while ((rc = sasl_client_step(s->sasl, in, inlen, &need, &out, &outlen)) == SASL_INTERACT)
            if (interact(s, need) < 0) {
                free(inbuf);
                goto cleanup;
            }
        free(inbuf);
        inbuf = NULL;
        if (rc != SASL_OK && rc != SASL_CONTINUE) {
            fail(s, "Failed SASL step: %d (%s)", rc, sasl_errdetail(s->sasl));
            goto cleanup;
        }
        if (complete && rc == SASL_OK)
            break;
        if (outlen > REMOTE_AUTH_SASL_DATA_MAX) {
            fail(s, "SASL negotiation data too long: %u bytes", outlen);
            goto cleanup;
        }
        remote_auth_sasl_step_args pargs = {
            .nil = out ? 0 : 1, .data = { .data_len = outlen, .data_val = (char *) out },
        };
        remote_auth_sasl_step_ret pret;
        memset(&pret, 0, sizeof(pret));
        resume(s, NULL);
        s->parked = true;
        if (remoteClientCallHeld(s->client, s->conn, REMOTE_PROC_AUTH_SASL_STEP,
                                 virtXDRAny_remote_auth_sasl_step_args, &pargs,
                                 virtXDRAny_remote_auth_sasl_step_ret, &pret) < 0)
            goto cleanup;
        complete = pret.complete;
        in = pret.nil ? NULL : pret.data.data_val;
        inlen = pret.data.data_len;
        inbuf = pret.data.data_val;
    }

    if (s->plan->transport == REMOTE_TRANSPORT_TCP) {
        int ssf = virtSASLSSF(s->sasl);
        if (ssf < 0) {
            fail(s, "cannot query SASL ssf on connection");
            goto cleanup;
        }
        if (ssf < SASL_MIN_SSF) {
            fail(s, "negotiation SSF %d was not strong enough", ssf);
            goto cleanup;
        }
    }
    virtTransportLayer layer;
    if (virtSASLLayerNew(s->sasl, s->callbacks, &layer) < 0) {
        fail(s, "cannot set up the SASL security layer");
        goto cleanup;
    }
    s->sasl = NULL;              /* the transport owns both now */
    s->callbacks = NULL;
    resume(s, &layer);
    ret = 0;

 cleanup:
    resume(s, NULL);
    virtXDRFree_remote_auth_sasl_init_ret(&init);
    return ret;
}

static pthread_once_t initOnce = PTHREAD_ONCE_INIT;
static int initResult;

static void initLibrary(void)
{
    initResult = sasl_client_init(NULL);
}

int remoteSASLAuthenticate(const virtCoreServices *core, virConnectPtr conn,
                           remoteClient *client, const remotePlan *plan,
                           virConnectAuthPtr auth)
{
    saslState s = { .core = core, .conn = conn, .client = client, .plan = plan, .auth = auth };
    pthread_once(&initOnce, initLibrary);
    if (initResult != SASL_OK) {
        fail(&s, "failed to initialize SASL library: %d (%s)", initResult,
             sasl_errstring(initResult, NULL, NULL));
        return -1;
    }
    makeCallbacks(&s);
    int ret = negotiate(&s);
    if (s.sasl)
        sasl_dispose(&s.sasl);
    free(s.callbacks);
    freeCreds(&s);
    return ret;
}
