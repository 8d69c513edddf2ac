/* remote_tls.c: x509 credentials, the TLS handshake and the checks that
 * follow it: the server's certificate chain and host name on our side,
 * then the daemon's verdict on our certificate (one byte, 1 = accepted),
 * as libvirt's daemon sends it after its own checks. */
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gnutls/x509.h>

#include "config.h"
#include "remote_tls.h"
#include "util.h"

#define VERDICT_TIMEOUT_MS 10000

static bool fileExists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

void remotePKIFind(const remotePlan *plan, remotePKI *pki)
{
    const char *dir = plan->pkipath;
    if (!dir || !*dir)
        dir = getenv("VIRT_PKI_DIR");
    if (dir && *dir) {
        pki->cacert = virtAsprintf("%s/cacert.pem", dir);
        pki->clientcert = virtAsprintf("%s/clientcert.pem", dir);
        pki->clientkey = virtAsprintf("%s/clientkey.pem", dir);
        return;
    }
    const char *home = getenv("HOME");
    if (geteuid() != 0 && home && *home) {
        char *userdir = virtAsprintf("%s/.pki/libvirt", home);
        char *cert = virtAsprintf("%s/clientcert.pem", userdir);
        if (fileExists(cert)) {
            /* The user's own files; the CA may sit beside them or in ~/.pki/CA. */
            char *ca = virtAsprintf("%s/cacert.pem", userdir);
            if (!fileExists(ca)) {
                free(ca);
                ca = virtAsprintf("%s/.pki/CA/cacert.pem", home);
            }
            pki->cacert = ca;
            pki->clientcert = cert;
            pki->clientkey = virtAsprintf("%s/clientkey.pem", userdir);
            free(userdir);
            return;
        }
        free(cert);
        free(userdir);
    }
    pki->cacert = virtStrdup(VIRT_SYSCONFDIR "/pki/CA/cacert.pem");
    pki->clientcert = virtStrdup(VIRT_SYSCONFDIR "/pki/libvirt/clientcert.pem");
    pki->clientkey = virtStrdup(VIRT_SYSCONFDIR "/pki/libvirt/private/clientkey.pem");
}

void remotePKIClear(remotePKI *pki)
{
    free(pki->cacert);
    free(pki->clientcert);
    free(pki->clientkey);
    memset(pki, 0, sizeof(*pki));
}

static int loadCredentials(const virtCoreServices *core, virConnectPtr conn,
                           const remotePlan *plan, gnutls_certificate_credentials_t *out)
{
    remotePKI pki = { 0 };
    gnutls_certificate_credentials_t cred = NULL;
    int ret = -1, rc;

    remotePKIFind(plan, &pki);
    const char *missing = !fileExists(pki.cacert) ? pki.cacert :
                          !fileExists(pki.clientcert) ? pki.clientcert :
                          !fileExists(pki.clientkey) ? pki.clientkey : NULL;
    if (missing) {
        core->error(conn, VIR_FROM_RPC, VIR_ERR_SYSTEM_ERROR,
                    "cannot access TLS file '%s': No such file or directory", missing);
        goto cleanup;
    }
    if ((rc = gnutls_certificate_allocate_credentials(&cred)) < 0) {
        core->error(conn, VIR_FROM_RPC, VIR_ERR_GNUTLS_ERROR,
                    "cannot allocate TLS credentials: %s", gnutls_strerror(rc));
        goto cleanup;
    }
    if ((rc = gnutls_certificate_set_x509_trust_file(cred, pki.cacert, GNUTLS_X509_FMT_PEM)) < 0) {
        core->error(conn, VIR_FROM_RPC, VIR_ERR_GNUTLS_ERROR,
                    "cannot load CA certificate '%s': %s", pki.cacert, gnutls_strerror(rc));
        goto cleanup;
    }
    if ((rc = gnutls_certificate_set_x509_key_file(cred, pki.clientcert, pki.clientkey,
                                                    GNUTLS_X509_FMT_PEM)) < 0) {
        core->error(conn, VIR_FROM_RPC, VIR_ERR_GNUTLS_ERROR,
                    "cannot load client certificate '%s' and key '%s': %s",
                    pki.clientcert, pki.clientkey, gnutls_strerror(rc));
        goto cleanup;
    }
    *out = cred;
    cred = NULL;
    ret = 0;
 cleanup:
    if (cred)
        gnutls_certificate_free_credentials(cred);
    remotePKIClear(&pki);
    return ret;
}

/* The chain must lead to our CA, be in date, and name plan->host. */
static int verifyServer(const virtCoreServices *core, virConnectPtr conn,
                        const remotePlan *plan, gnutls_session_t s)
{
    unsigned int status = 0;
    gnutls_datum_t text = { 0 };
    int rc = gnutls_certificate_verify_peers3(s, plan->host, &status);
    if (rc < 0) {
        core->error(conn, VIR_FROM_RPC, VIR_ERR_GNUTLS_ERROR,
                    "unable to verify the certificate of server '%s': %s",
                    plan->host, gnutls_strerror(rc));
        return -1;
    }
    if (status == 0)
        return 0;
    gnutls_certificate_verification_status_print(status, GNUTLS_CRT_X509, &text, 0);
    core->error(conn, VIR_FROM_RPC, VIR_ERR_RPC,
                "the certificate of server '%s' was refused: %s (use no_verify=1 to skip this check)",
                plan->host, text.data ? (const char *) text.data : "invalid certificate");
    gnutls_free(text.data);
    return -1;
}

int remoteTLSHandshake(const virtCoreServices *core, virConnectPtr conn,
                       const remotePlan *plan, int fd, gnutls_session_t *out,
                       gnutls_certificate_credentials_t *credOut)
{
    gnutls_certificate_credentials_t cred = NULL;
    gnutls_session_t s = NULL;
    int ret = -1, rc;

    if (loadCredentials(core, conn, plan, &cred) < 0)
        goto cleanup;
    if ((rc = gnutls_init(&s, GNUTLS_CLIENT)) < 0 ||
        (rc = gnutls_set_default_priority(s)) < 0 ||
        (rc = gnutls_credentials_set(s, GNUTLS_CRD_CERTIFICATE, cred)) < 0) {
        core->error(conn, VIR_FROM_RPC, VIR_ERR_GNUTLS_ERROR,
                    "cannot set up a TLS session: %s", gnutls_strerror(rc));
        goto cleanup;
    }
    /* Server name indication only for names, never for address literals. */
    if (strspn(plan->host, "0123456789.:") != strlen(plan->host))
        gnutls_server_name_set(s, GNUTLS_NAME_DNS, plan->host, strlen(plan->host));
    gnutls_transport_set_int(s, fd);
    gnutls_handshake_set_timeout(s, GNUTLS_DEFAULT_HANDSHAKE_TIMEOUT);
    do {
        rc = gnutls_handshake(s);
    } while (rc < 0 && !gnutls_error_is_fatal(rc));
    if (rc < 0) {
        core->error(conn, VIR_FROM_RPC, VIR_ERR_GNUTLS_ERROR,
                    "TLS handshake with '%s' port %s failed: %s",
                    plan->host, plan->port, gnutls_strerror(rc));
        goto cleanup;
    }
    if (!plan->no_verify && verifyServer(core, conn, plan, s) < 0)
        goto cleanup;

    /* A daemon that never answers must not hang the caller. */
    unsigned char verdict = 0;
    struct pollfd pfd = { .fd = fd, .events = POLLIN };
    if (gnutls_record_check_pending(s) == 0 && poll(&pfd, 1, VERDICT_TIMEOUT_MS) <= 0) {
        core->error(conn, VIR_FROM_RPC, VIR_ERR_RPC,
                    "server '%s' did not confirm the TLS session within %d seconds",
                    plan->host, VERDICT_TIMEOUT_MS / 1000);
        goto cleanup;
    }
    do {
        rc = (int) gnutls_record_recv(s, &verdict, 1);
    } while (rc == GNUTLS_E_AGAIN || rc == GNUTLS_E_INTERRUPTED);
    if (rc != 1 || verdict != 1) {
        core->error(conn, VIR_FROM_RPC, VIR_ERR_RPC,
                    "server verification (of our certificate or IP address) failed%s%s",
                    rc < 0 ? ": " : "", rc < 0 ? gnutls_strerror(rc) : "");
        goto cleanup;
    }
    /* The session keeps using the credentials: they must outlive it. */
    *credOut = cred;
    cred = NULL;
    *out = s;
    s = NULL;
    ret = 0;
 cleanup:
    if (s)
        gnutls_deinit(s);
    if (cred)
        gnutls_certificate_free_credentials(cred);
    return ret;
}
