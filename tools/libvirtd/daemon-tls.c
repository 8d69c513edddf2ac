/* daemon-tls.c: gnutls x509 credentials and client verification. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/socket.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gnutls/x509.h>

#include "daemon-tls.h"
#include "util.h"

struct daemonTLS {
    gnutls_certificate_credentials_t creds;
    bool no_verify_certificate;
    char **dn_list;            /* borrowed from the config, NULL: any DN */
};

daemonTLS *daemonTLSNew(const daemonConfig *cfg, char **err)
{
    daemonTLS *tls = virtAlloc(sizeof(*tls));
    int rc;

    tls->no_verify_certificate = cfg->tls_no_verify_certificate;
    tls->dn_list = cfg->tls_allowed_dn_list;
    if ((rc = gnutls_certificate_allocate_credentials(&tls->creds)) < 0) {
        *err = virtAsprintf("TLS: %s", gnutls_strerror(rc));
        goto error;
    }
    if (cfg->ca_file && *cfg->ca_file &&
        (rc = gnutls_certificate_set_x509_trust_file(tls->creds, cfg->ca_file,
                                                     GNUTLS_X509_FMT_PEM)) < 0) {
        *err = virtAsprintf("TLS: cannot load CA certificate %s: %s", cfg->ca_file, gnutls_strerror(rc));
        goto error;
    }
    if (cfg->crl_file && *cfg->crl_file &&
        (rc = gnutls_certificate_set_x509_crl_file(tls->creds, cfg->crl_file,
                                                   GNUTLS_X509_FMT_PEM)) < 0) {
        *err = virtAsprintf("TLS: cannot load CRL %s: %s", cfg->crl_file, gnutls_strerror(rc));
        goto error;
    }
    if (cfg->cert_file && *cfg->cert_file && cfg->key_file && *cfg->key_file &&
        (rc = gnutls_certificate_set_x509_key_file(tls->creds, cfg->cert_file, cfg->key_file,
                                                   GNUTLS_X509_FMT_PEM)) < 0) {
        *err = virtAsprintf("TLS: cannot load server certificate %s with key %s: %s",
                            cfg->cert_file, cfg->key_file, gnutls_strerror(rc));
        goto error;
    }
    return tls;

 error:
    daemonTLSFree(tls);
    return NULL;
}

void daemonTLSFree(daemonTLS *tls)
{
    if (!tls)
        return;
    if (tls->creds)
        gnutls_certificate_free_credentials(tls->creds);
    free(tls);
}

/* The verification status as words. */
static char *statusText(unsigned int status)
{
    gnutls_datum_t out = { 0 };
    char *text;
    if (gnutls_certificate_verification_status_print(status, GNUTLS_CRT_X509, &out, 0) < 0)
        return virtAsprintf("status 0x%x", status);
    text = virtStrdup((const char *) out.data);
    gnutls_free(out.data);
    return text;
}

/* The DN of the client's certificate in the certificate's own order
 * (C=..,O=..,CN=..), as the documented tls_allowed_dn_list examples are
 * written; NULL when there is none. */
static char *clientDN(gnutls_session_t s)
{
    unsigned int n = 0;
    const gnutls_datum_t *certs = gnutls_certificate_get_peers(s, &n);
    gnutls_x509_crt_t crt = NULL;
    gnutls_datum_t dnd = { 0 };
    char *dn = NULL;
    if (!certs || n == 0 || gnutls_x509_crt_init(&crt) < 0)
        return NULL;
    if (gnutls_x509_crt_import(crt, &certs[0], GNUTLS_X509_FMT_DER) >= 0 &&
        gnutls_x509_crt_get_dn3(crt, &dnd, GNUTLS_X509_DN_FLAG_COMPAT) >= 0) {
        dn = virtStrndup((const char *) dnd.data, dnd.size);
        gnutls_free(dnd.data);
    }
    gnutls_x509_crt_deinit(crt);
    return dn;
}

/* The client must present a certificate signed by our CA, valid now, not
 * revoked, and (when a DN list is set) with a DN matching it. */
static char *checkClient(daemonTLS *tls, gnutls_session_t s, const char *dn)
{
    unsigned int status = 0;
    unsigned int n = 0;
    const gnutls_datum_t *certs;
    gnutls_x509_crt_t crt = NULL;
    char *why = NULL;
    int rc;

    if ((rc = gnutls_certificate_verify_peers2(s, &status)) < 0)
        return virtAsprintf("cannot verify the client certificate: %s", gnutls_strerror(rc));
    certs = gnutls_certificate_get_peers(s, &n);
    if (!certs || n == 0)
        return virtStrdup("the client sent no certificate");
    if (status != 0) {
        char *text = statusText(status);
        why = virtAsprintf("the client certificate is not trusted: %s", text);
        free(text);
        return why;
    }
    if (gnutls_x509_crt_init(&crt) < 0 ||
        gnutls_x509_crt_import(crt, &certs[0], GNUTLS_X509_FMT_DER) < 0) {
        why = virtStrdup("cannot parse the client certificate");
        goto cleanup;
    }
    time_t now = time(NULL);
    if (gnutls_x509_crt_get_activation_time(crt) > now) {
        why = virtStrdup("the client certificate is not yet active");
        goto cleanup;
    }
    if (gnutls_x509_crt_get_expiration_time(crt) < now) {
        why = virtStrdup("the client certificate has expired");
        goto cleanup;
    }
    if (tls->dn_list) {
        if (!dn) {
            why = virtStrdup("cannot read the client certificate's DN");
            goto cleanup;
        }
        if (!daemonConfigListMatch(tls->dn_list, dn))
            why = virtAsprintf("the client DN '%s' is not in tls_allowed_dn_list", dn);
    }

 cleanup:
    if (crt)
        gnutls_x509_crt_deinit(crt);
    return why;
}

/* Writes with the socket's send timeout: a timeout is a fatal error for
 * the session instead of gnutls' endless "try again". */
static ssize_t pushData(gnutls_transport_ptr_t ptr, const void *data, size_t len)
{
    int fd = (int) (intptr_t) ptr;
    ssize_t n = send(fd, data, len, MSG_NOSIGNAL);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        errno = ETIMEDOUT;
    return n;
}

gnutls_session_t daemonTLSAccept(daemonTLS *tls, int fd, char **dn, char **err)
{
    gnutls_session_t s = NULL;
    int rc;

    *dn = NULL;
    if ((rc = gnutls_init(&s, GNUTLS_SERVER)) < 0 ||
        (rc = gnutls_set_default_priority(s)) < 0 ||
        (rc = gnutls_credentials_set(s, GNUTLS_CRD_CERTIFICATE, tls->creds)) < 0) {
        *err = virtAsprintf("TLS setup: %s", gnutls_strerror(rc));
        goto error;
    }
    gnutls_certificate_server_set_request(s, tls->no_verify_certificate ?
                                          GNUTLS_CERT_REQUEST : GNUTLS_CERT_REQUIRE);
    gnutls_transport_set_int(s, fd);
    gnutls_transport_set_push_function(s, pushData);
    gnutls_handshake_set_timeout(s, 10000);
    do {
        rc = gnutls_handshake(s);
    } while (rc < 0 && !gnutls_error_is_fatal(rc));
    if (rc < 0) {
        *err = virtAsprintf("TLS handshake failed: %s", gnutls_strerror(rc));
        goto error;
    }
    *dn = clientDN(s);
    if (!tls->no_verify_certificate) {
        char *why = checkClient(tls, s, *dn);
        if (why) {
            /* libvirt's clients wait for one byte after the handshake: anything
             * but 1 tells them the server refused them. */
            unsigned char refused = 0;
            gnutls_record_send(s, &refused, 1);
            *err = why;
            goto error;
        }
    }
    {
        unsigned char accepted = 1;
        ssize_t n;
        do {
            n = gnutls_record_send(s, &accepted, 1);
        } while (n == GNUTLS_E_AGAIN || n == GNUTLS_E_INTERRUPTED);
        if (n != 1) {
            *err = virtAsprintf("cannot confirm the TLS session: %s",
                                n < 0 ? gnutls_strerror((int) n) : "short write");
            goto error;
        }
    }
    return s;

 error:
    free(*dn);
    *dn = NULL;
    if (s)
        gnutls_deinit(s);
    return NULL;
}
