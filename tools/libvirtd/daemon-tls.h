/* daemon-tls.h: the TLS side of libvirtd: server credentials and the
 * checks made on each client (certificate, DN list, IP list). */
#ifndef DAEMON_TLS_H
#define DAEMON_TLS_H

#include <gnutls/gnutls.h>

#include "daemon-config.h"

typedef struct daemonTLS daemonTLS;

/* Load key, certificate, CA and CRL named by cfg. NULL with *err. */
daemonTLS *daemonTLSNew(const daemonConfig *cfg, char **err);
void daemonTLSFree(daemonTLS *tls);

/* Run the server handshake on fd and check the client's certificate and
 * DN. Returns the session and the client's DN in *dn (NULL when it sent
 * no certificate; caller frees), or NULL with *err saying why the client
 * was refused (fd stays open, owned by the caller). */
gnutls_session_t daemonTLSAccept(daemonTLS *tls, int fd, char **dn, char **err);

#endif /* DAEMON_TLS_H */
