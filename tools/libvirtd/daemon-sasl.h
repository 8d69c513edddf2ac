/* daemon-sasl.h: SASL authentication of clients (daemon-procs-sasl.c). */
#ifndef DAEMON_SASL_H
#define DAEMON_SASL_H

#include <stdbool.h>

#include "daemon-config.h"
#include "daemon-server.h"

/* Start Cyrus SASL for the "libvirt" service (its configuration is
 * libvirt.conf in SASL's folder, /etc/sasl2 unless SASL_CONF_PATH says
 * otherwise) when a socket of cfg authenticates with SASL. -1 with a
 * message in *err (caller frees). */
int daemonSASLInit(const daemonConfig *cfg, char **err);

/* How clients of a kind of socket authenticate (the admin socket: none). */
daemonAuth daemonSASLSocketAuth(const daemonConfig *cfg, daemonListenKind kind);

/* The procedures a client may call before it has authenticated. */
bool daemonSASLBeforeAuth(unsigned int prog, int proc);

/* Free what the client's negotiation left (its last reference went). */
void daemonSASLClientGone(daemonClient *c);

#endif /* DAEMON_SASL_H */
