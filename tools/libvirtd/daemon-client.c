/* daemon-client.c: one connected client: its reader thread, its reference
 * count (reader + calls in flight) and writing replies. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "daemon-dispatch.h"
#include "fdpass.h"
#include "daemon-dispatch-table.h"
#include "daemon-events.h"
#include "daemon-sasl.h"
#include "daemon-server.h"
#include "daemon-socket.h"
#include "error.h"
#include "util.h"

void daemonClientRef(daemonClient *c)
{
    pthread_mutex_lock(&c->lock);
    c->refs++;
    pthread_mutex_unlock(&c->lock);
}

/* The last reference closes the hypervisor connection and the socket. */
void daemonClientUnref(daemonClient *c)
{
    pthread_mutex_lock(&c->lock);
    int left = --c->refs;
    pthread_mutex_unlock(&c->lock);
    if (left > 0)
        return;

    daemonServer *srv = c->srv;
    /* Leave the list first so that a shutdown never touches a closed fd. */
    pthread_mutex_lock(&srv->lock);
    if (c->prev)
        c->prev->next = c->next;
    else
        srv->clients = c->next;
    if (c->next)
        c->next->prev = c->prev;
    pthread_mutex_unlock(&srv->lock);

    if (c->conn)
        virConnectClose(c->conn);
    daemonSASLClientGone(c);
    free(c->event_ids);
    free(c->event_family);
    if (c->tr)
        virtTransportFree(c->tr);
    else
        close(c->fd);
    pthread_mutex_destroy(&c->lock);
    pthread_cond_destroy(&c->idle);
    pthread_mutex_destroy(&c->wlock);
    daemonLog(srv, false, "client %lu: freed", c->id);
    free(c);

    pthread_mutex_lock(&srv->lock);
    srv->nclients--;
    pthread_cond_broadcast(&srv->gone);
    pthread_mutex_unlock(&srv->lock);
}

void daemonClientClose(daemonClient *c)
{
    shutdown(c->fd, SHUT_RDWR);
}

void daemonClientSend(daemonClient *c, const unsigned char *frame, size_t len)
{
    pthread_mutex_lock(&c->wlock);
    int rc = c->tr ? virtTransportWriteAll(c->tr, frame, len) : -1;
    if (c->layer_next && c->tr) {
        virtTransportSetLayer(c->tr, &c->next_layer);
        c->layer_next = false;
    }
    pthread_mutex_unlock(&c->wlock);
    if (rc < 0) {
        daemonLog(c->srv, false, "client %lu: cannot send a reply (%s); disconnecting",
                  c->id, strerror(errno));
        daemonClientClose(c);
    }
}

virConnectPtr daemonClientGetConn(daemonClient *c)
{
    pthread_mutex_lock(&c->lock);
    virConnectPtr conn = c->conn;
    if (conn)
        virConnectRef(conn);
    pthread_mutex_unlock(&c->lock);
    if (!conn)
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_RPC, VIR_ERR_INTERNAL_ERROR,
                       "connection not open");
    return conn;
}

/* Keepalive: answer PING with PONG; a PONG needs nothing. */
static int handleKeepalive(daemonClient *c, const virtRPCHeader *hdr)
{
    if (hdr->vers != VIRT_RPC_KEEPALIVE_VERSION || hdr->type != VIRT_RPC_MESSAGE)
        return -1;
    if (hdr->proc == VIRT_RPC_KEEPALIVE_PING) {
        unsigned char *out = NULL;
        size_t outlen = 0;
        if (virtRPCEncodeKeepalive(VIRT_RPC_KEEPALIVE_PONG, &out, &outlen) == 0)
            daemonClientSend(c, out, outlen);
        free(out);
        return 0;
    }
    return hdr->proc == VIRT_RPC_KEEPALIVE_PONG ? 0 : -1;
}

/* The count at the start of a CALL_WITH_FDS body, then the descriptors
 * themselves from the socket (unix sockets only); -1 drops the client. */
static int receiveFDs(daemonClient *c, const unsigned char **body, size_t *blen, int **fds,
                      size_t *nfds)
{
    if (c->kind != DAEMON_LISTEN_UNIX_RW && c->kind != DAEMON_LISTEN_UNIX_RO) {
        daemonLog(c->srv, true, "client %lu (%s): descriptors announced on a socket that cannot "
                  "carry them; disconnecting", c->id, c->peer);
        return -1;
    }
    if (*blen < 4) {
        daemonLog(c->srv, true, "client %lu (%s): no descriptor count; disconnecting", c->id, c->peer);
        return -1;
    }
    const unsigned char *b = *body;
    uint32_t n = (uint32_t) b[0] << 24 | (uint32_t) b[1] << 16 | (uint32_t) b[2] << 8 | b[3];
    if (n > VIRT_RPC_MAX_FDS) {
        daemonLog(c->srv, true, "client %lu (%s): %u descriptors announced, more than %d; "
                  "disconnecting", c->id, c->peer, n, VIRT_RPC_MAX_FDS);
        return -1;
    }
    *body += 4;
    *blen -= 4;
    *fds = n ? virtAlloc(sizeof(**fds) * n) : NULL;
    for (*nfds = 0; *nfds < n; (*nfds)++) {
        int fd = virtRPCRecvFD(c->fd);
        if (fd < 0) {
            daemonLog(c->srv, true, "client %lu (%s): descriptor %zu of %u not received (%s); "
                      "disconnecting", c->id, c->peer, *nfds + 1, n, strerror(errno));
            daemonCloseFDs(*fds, *nfds);
            *fds = NULL;
            *nfds = 0;
            return -1;
        }
        (*fds)[*nfds] = fd;
    }
    return 0;
}

/* One frame from the client; -1 means drop the client. */
static int handleFrame(daemonClient *c, const unsigned char *frame, size_t len)
{
    virtRPCHeader hdr;
    const unsigned char *body = NULL;
    size_t blen = 0;

    if (virtRPCDecodeHeader(frame, len, &hdr, &body, &blen) < 0) {
        daemonLog(c->srv, true, "client %lu (%s): malformed message header; disconnecting",
                  c->id, c->peer);
        return -1;
    }
    if (hdr.prog == VIRT_RPC_KEEPALIVE_PROGRAM) {
        /* as libvirt's: a keepalive message it does not know is ignored */
        if (handleKeepalive(c, &hdr) < 0)
            daemonLog(c->srv, true, "client %lu (%s): ignored keepalive message (proc %d type %u)",
                      c->id, c->peer, hdr.proc, hdr.type);
        return 0;
    }
    /* Descriptors follow a CALL_WITH_FDS on the socket: take them now,
     * before the next frame; a bad count leaves the stream unreadable. */
    int *fds = NULL;
    size_t nfds = 0;
    if (hdr.type == VIRT_RPC_CALL_WITH_FDS && receiveFDs(c, &body, &blen, &fds, &nfds) < 0)
        return -1;
    /* What libvirt's daemon answers and keeps the client for: anything but
     * a CALL is ignored; a bad CALL gets an error reply. */
    if (hdr.type != VIRT_RPC_CALL && hdr.type != VIRT_RPC_CALL_WITH_FDS) {
        daemonLog(c->srv, true, "client %lu (%s): ignored message of type %u (program 0x%x proc %d)",
                  c->id, c->peer, hdr.type, hdr.prog, hdr.proc);
        return 0;
    }
    const daemonProgram *prog = daemonProgramFind(hdr.prog);
    if (!prog || prog->vers != hdr.vers) {
        daemonCloseFDs(fds, nfds);
        daemonReplyError(c, &hdr, "Cannot find program %u version %u", hdr.prog, hdr.vers);
        return 0;
    }
    if (hdr.status != VIRT_RPC_OK) {
        daemonCloseFDs(fds, nfds);
        daemonReplyError(c, &hdr, "Unexpected message status %u", hdr.status);
        return 0;
    }
    pthread_mutex_lock(&c->lock);
    bool authenticated = c->authenticated;
    pthread_mutex_unlock(&c->lock);
    /* as libvirt's: a known procedure other than authentication's is
     * refused, before its arguments are even looked at */
    if (!authenticated && prog->lookup(hdr.proc) && !daemonSASLBeforeAuth(hdr.prog, hdr.proc)) {
        daemonCloseFDs(fds, nfds);
        daemonReplyError(c, &hdr, "%s", "authentication required");
        return 0;
    }
    if (daemonDispatchQueue(c, &hdr, body, blen, fds, nfds) < 0) {
        daemonLog(c->srv, true, "client %lu (%s): malformed arguments for procedure %d",
                  c->id, c->peer, hdr.proc);
        daemonReplyError(c, &hdr, "%s", "Unable to decode message payload");
        return 0;
    }
    /* Until authenticated, read nothing more before the call is answered:
     * the reply that completes SASL may switch the stream to its layer. */
    if (!authenticated) {
        pthread_mutex_lock(&c->lock);
        while (c->inflight > 0)
            pthread_cond_wait(&c->idle, &c->lock);
        pthread_mutex_unlock(&c->lock);
    }
    return 0;
}

void daemonReplyError(daemonClient *c, const virtRPCHeader *call, const char *fmt, ...)
{
    va_list ap;
    char *msg;
    unsigned char *out = NULL;
    size_t outlen = 0;

    va_start(ap, fmt);
    msg = virtVasprintf(fmt, ap);
    va_end(ap);
    daemonLog(c->srv, true, "client %lu (%s): %s (program 0x%x proc %d)", c->id, c->peer, msg,
              call->prog, call->proc);
    virtErrorRaise(NULL, NULL, NULL, VIR_FROM_RPC, VIR_ERR_RPC, "%s", msg);
    if (virtRPCEncodeError(call, virGetLastError(), &out, &outlen) == 0)
        daemonClientSend(c, out, outlen);
    else
        daemonClientClose(c);
    virResetLastError();
    free(out);
    free(msg);
}

/* Addresses from tls_allowed_ip_list apply to both TCP and TLS. */
static bool addressAllowed(daemonClient *c)
{
    const daemonConfig *cfg = c->srv->cfg;
    if (daemonConfigListMatch(cfg->tls_allowed_ip_list, c->peer))
        return true;
    if (cfg->tls_no_verify_address) {
        daemonLog(c->srv, false, "client %lu: %s is not in tls_allowed_ip_list; admitted "
                  "because tls_no_verify_address = 1", c->id, c->peer);
        return true;
    }
    daemonLog(c->srv, true, "client %lu: refused: address %s is not in tls_allowed_ip_list",
              c->id, c->peer);
    return false;
}

static void *readerMain(void *opaque)
{
    daemonClient *c = opaque;

    if ((c->kind == DAEMON_LISTEN_TCP || c->kind == DAEMON_LISTEN_TLS) && !addressAllowed(c))
        goto done;
    if (c->kind == DAEMON_LISTEN_TLS) {
        char *err = NULL;
        char *dn = NULL;
        gnutls_session_t s = daemonTLSAccept(daemonServerGetTLS(c->srv), c->fd, &dn, &err);
        if (!s) {
            daemonLog(c->srv, true, "client %lu (%s): refused: %s", c->id, c->peer, err);
            free(err);
            goto done;
        }
        daemonLog(c->srv, false, "client %lu: TLS session up, certificate DN '%s'", c->id,
                  dn ? dn : "(none)");
        free(dn);
        pthread_mutex_lock(&c->wlock);
        c->tr = virtTransportNewTLS(c->fd, s);
        pthread_mutex_unlock(&c->wlock);
    } else {
        pthread_mutex_lock(&c->wlock);
        c->tr = virtTransportNewFD(c->fd);
        pthread_mutex_unlock(&c->wlock);
    }
    if (!c->tr)
        goto done;

    for (;;) {
        unsigned char *frame = NULL;
        size_t len = 0;
        int rc = virtTransportReadFrame(c->tr, &frame, &len);
        if (rc == 1)
            break;
        if (rc < 0) {
            if (errno == EMSGSIZE)
                daemonLog(c->srv, true, "client %lu (%s): message length out of bounds "
                          "(over %u bytes or under the header size); disconnecting",
                          c->id, c->peer, VIRT_RPC_MAX_MESSAGE);
            else
                daemonLog(c->srv, true, "client %lu (%s): connection lost or message "
                          "truncated (%s)", c->id, c->peer, strerror(errno));
            break;
        }
        daemonKeepaliveHeard(c);
        rc = handleFrame(c, frame, len);
        free(frame);
        if (rc < 0)
            break;
    }

 done:
    daemonLog(c->srv, false, "client %lu: disconnected", c->id);
    daemonClientClose(c);
    /* Event callbacks hold references to the client: drop them. */
    daemonEventsClientClosing(c, true);
    daemonClientUnref(c);
    return NULL;
}

void daemonClientStart(daemonServer *srv, int fd, daemonListenKind kind)
{
    daemonClient *c = virtAlloc(sizeof(*c));
    pthread_attr_t attr;
    pthread_t tid;

    c->srv = srv;
    c->fd = fd;
    c->kind = kind;
    c->readonly = kind == DAEMON_LISTEN_UNIX_RO;
    c->auth = daemonSASLSocketAuth(srv->cfg, kind);
    c->authenticated = c->auth == DAEMON_AUTH_NONE;
    c->refs = 1;
    pthread_mutex_init(&c->lock, NULL);
    pthread_cond_init(&c->idle, NULL);
    pthread_mutex_init(&c->wlock, NULL);
    daemonSocketPeer(fd, c->peer, sizeof(c->peer));
    c->connected = time(NULL);
    /* A client that stops reading its replies must not hold a worker
     * forever: a reply that cannot be written for this long drops it. */
    struct timeval tv = { .tv_sec = DAEMON_CLIENT_SEND_TIMEOUT };
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));

    pthread_mutex_lock(&srv->lock);
    c->id = ++srv->nextid;
    c->next = srv->clients;
    if (srv->clients)
        srv->clients->prev = c;
    srv->clients = c;
    srv->nclients++;
    pthread_mutex_unlock(&srv->lock);
    daemonLog(srv, false, "client %lu: connected from %s%s", c->id, c->peer,
              c->readonly ? " (read-only socket)" : "");

    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    if (pthread_create(&tid, &attr, readerMain, c) != 0) {
        daemonLog(srv, true, "client %lu: cannot start a thread; disconnecting", c->id);
        daemonClientUnref(c);
    }
    pthread_attr_destroy(&attr);
}
