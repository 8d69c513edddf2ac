/* remote_plan.h: what a remote URI asks for, worked out before any
 * connection is made: the transport, where to connect, the command to run
 * for ssh/ext, TLS options, and the name to hand the daemon. */
#ifndef REMOTE_PLAN_H
#define REMOTE_PLAN_H

#include <stdbool.h>

#include "virt-module.h"

typedef enum {
    REMOTE_TRANSPORT_UNIX,
    REMOTE_TRANSPORT_TCP,
    REMOTE_TRANSPORT_TLS,
    REMOTE_TRANSPORT_SSH,
    REMOTE_TRANSPORT_EXT,
} remoteTransport;

typedef struct remotePlan {
    remoteTransport transport;
    char *host;          /* tcp, tls, ssh */
    char *port;          /* service for getaddrinfo / ssh -p */
    char *user;          /* ssh -l */
    char *socket;        /* unix: local path; ssh: remote path for netcat */
    char **argv;         /* ssh, ext: the command to run (NULL-terminated) */
    char *pkipath;       /* tls: folder with cacert.pem, clientcert.pem, clientkey.pem */
    bool no_verify;      /* tls: accept any server certificate */
    char *auth;          /* auth=: "sasl" or "sasl.MECH" to pick one */
    char *name;          /* URI the daemon opens; NULL lets it choose */
    bool autostart;      /* unix, the session socket by default: start the
                          * session daemon when none listens */
} remotePlan;

/* Work out the plan for uri. readonly picks the read-only socket. Returns
 * NULL after reporting VIR_ERR_INVALID_ARG through core on a bad URI. */
remotePlan *remotePlanNew(const virtCoreServices *core, virConnectPtr conn,
                          const virtURI *uri, bool readonly);
void remotePlanFree(remotePlan *plan);
const char *remoteTransportName(remoteTransport t);

#endif /* REMOTE_PLAN_H */
