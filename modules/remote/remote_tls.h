/* remote_tls.h: the client side of a TLS connection to libvirtd. */
#ifndef REMOTE_TLS_H
#define REMOTE_TLS_H

#include <gnutls/gnutls.h>

#include "remote_plan.h"

/* Where the CA certificate, client certificate and client key are read
 * from: pkipath= (or VIRT_PKI_DIR) holds all three as cacert.pem,
 * clientcert.pem and clientkey.pem; otherwise root uses /etc/pki and
 * other users ~/.pki/libvirt/ (CA also from ~/.pki/CA/). */
typedef struct remotePKI {
    char *cacert;
    char *clientcert;
    char *clientkey;
} remotePKI;

void remotePKIFind(const remotePlan *plan, remotePKI *pki);
void remotePKIClear(remotePKI *pki);

/* Run the handshake on the connected fd, check the server's certificate
 * against plan->host (unless no_verify) and read the server's one-byte
 * verdict on our certificate. On success *out is the session and *cred
 * its credentials, to be freed after the session (the fd is still the
 * caller's). On failure reports an error and returns -1. */
int remoteTLSHandshake(const virtCoreServices *core, virConnectPtr conn,
                       const remotePlan *plan, int fd, gnutls_session_t *out,
                       gnutls_certificate_credentials_t *cred);

#endif /* REMOTE_TLS_H */
