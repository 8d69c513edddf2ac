/* daemon-server.h: the listening server and its clients. */
#ifndef DAEMON_SERVER_H
#define DAEMON_SERVER_H

#include <pthread.h>
#include <stdbool.h>
#include <time.h>

#include "libvirt/libvirt.h"
#include "daemon-config.h"
#include "daemon-tls.h"
#include "daemon-workers.h"
#include "transport.h"

typedef enum {
    DAEMON_LISTEN_UNIX_RW,
    DAEMON_LISTEN_UNIX_RO,
    DAEMON_LISTEN_TCP,
    DAEMON_LISTEN_TLS,
    DAEMON_LISTEN_UNIX_ADMIN,      /* the admin program's socket */
} daemonListenKind;

typedef struct daemonListener {
    int fd;
    daemonListenKind kind;
    char *desc;                    /* for logs: a path or "tcp port 16509" */
    char *path;                    /* unix sockets: removed at exit */
} daemonListener;

typedef struct daemonClient daemonClient;

typedef struct daemonServer {
    const daemonConfig *cfg;
    bool verbose;
    daemonTLS *tls;                /* NULL unless a TLS listener exists (under lock) */
    daemonTLS **tls_retired;       /* replaced credentials, kept for sessions using them */
    size_t ntls_retired;
    daemonListener *listeners;
    size_t nlisteners;
    daemonWorkers *workers;
    daemonWorkers *admin_workers;  /* the admin server's own pool */
    int timeout;                   /* seconds without clients before exit; 0: never (under lock) */

    pthread_mutex_t lock;          /* protects clients, nclients, nextid */
    pthread_cond_t gone;           /* signalled when a client is freed */
    daemonClient *clients;
    int nclients;
    /* admin-settable limits (from max_clients / admin_max_clients) */
    int max_clients, admin_max_clients;
    /* ... and of clients waiting for authentication (libvirt's
     * max_anonymous_clients: beyond it the main server accepts nobody) */
    int max_unauth, admin_max_unauth;
    unsigned long nextid;
    int wakefd[2];                 /* a signal handler writes here */
} daemonServer;

struct daemonClient {
    daemonServer *srv;
    unsigned long id;
    daemonListenKind kind;
    bool readonly;
    char peer[64];
    time_t connected;              /* when it was accepted */
    int fd;
    virtTransport *tr;             /* NULL until the TLS handshake is done */

    /* authentication (under lock): the scheme of the socket it came on;
     * until authenticated only the auth procedures are served, one at a
     * time. sasl: the SASL negotiation under way. */
    daemonAuth auth;
    bool authenticated;
    struct sasl_conn *sasl;
    bool sasl_started;             /* AUTH_SASL_START went through */
    char *sasl_user;               /* the identity SASL authenticated */

    pthread_mutex_t lock;          /* protects refs, inflight and conn */
    pthread_cond_t idle;           /* signalled when a call finishes */
    int refs;                      /* the reader thread plus one per call */
    int inflight;                  /* calls queued or running */
    virConnectPtr conn;            /* opened by CONNECT_OPEN */
    int *event_ids;                /* event callbacks registered, */
    int *event_family;             /* each of a daemon-events.c family */
    size_t nevent_ids;
    bool events_closed;            /* disconnecting: no new callbacks */

    /* keepalive (under lock): on once the client asked for it; a PING is
     * due at ka_due, and ka_left more may go unanswered */
    bool ka_on;
    time_t ka_due;
    int ka_left;

    pthread_mutex_t wlock;         /* one reply on the wire at a time */
    /* (under wlock) a security layer to put under the transport once the
     * next frame is written: the reply that completes SASL goes out
     * plain, everything after it through the layer */
    bool layer_next;
    virtTransportLayer next_layer;
    daemonClient *next, *prev;
};

/* Log a line on stderr: always for errors, only with --verbose for info. */
void daemonLog(const daemonServer *srv, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

int daemonServerAddListener(daemonServer *srv, int fd, daemonListenKind kind,
                            const char *desc, const char *path);
/* Accept clients until a signal or, when srv->timeout > 0, until no client
 * has been connected for that many seconds (the admin program may change it). */
void daemonServerRun(daemonServer *srv);
/* Replace the TLS credentials for new clients (the admin program's update). */
void daemonServerSetTLS(daemonServer *srv, daemonTLS *tls);
/* The credentials new TLS clients get. */
daemonTLS *daemonServerGetTLS(daemonServer *srv);

/* Clients of the admin socket (true) or of the others: how many now. */
int daemonServerCount(daemonServer *srv, bool admin);
/* Clients still to authenticate (all on the main server's sockets). */
int daemonServerCountUnauth(daemonServer *srv);

/* daemon-keepalive.c: libvirt's keepalive towards clients. Start it for a
 * client that asked (CONNECT_SUPPORTS_FEATURE of the keepalive program),
 * note every message it sends, and tick once a second: a silent client
 * gets a PING each keepalive_interval and is dropped when keepalive_count
 * of them went unanswered. */
void daemonKeepaliveStart(daemonClient *c);
void daemonKeepaliveHeard(daemonClient *c);
void daemonKeepaliveTick(daemonServer *srv);

/* Disconnect every client, wait for their calls, free listeners. */
void daemonServerShutdown(daemonServer *srv);

/* Calls one client may have queued or running; beyond this its reader
 * stops reading until one finishes, so a flood costs bounded memory. */
#define DAEMON_CLIENT_MAX_CALLS 16
/* Seconds a reply may wait for a client to read before it is dropped. */
#define DAEMON_CLIENT_SEND_TIMEOUT 20

/* daemon-client.c */
/* Take over fd just accepted on a listener; starts its reader thread. */
void daemonClientStart(daemonServer *srv, int fd, daemonListenKind kind);
void daemonClientRef(daemonClient *c);
void daemonClientUnref(daemonClient *c);
/* Send one encoded frame; on failure the connection is shut down. */
void daemonClientSend(daemonClient *c, const unsigned char *frame, size_t len);
/* An error reply (VIR_ERR_RPC, VIR_FROM_RPC) to the call with this
 * header, sent now; the client stays. */
struct virtRPCHeader;
void daemonReplyError(daemonClient *c, const struct virtRPCHeader *call, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Cut the connection (the reader thread then ends). */
void daemonClientClose(daemonClient *c);
/* A reference to the client's connection, or NULL with an error raised. */
virConnectPtr daemonClientGetConn(daemonClient *c);

#endif /* DAEMON_SERVER_H */
