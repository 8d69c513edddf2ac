/* daemon-client.c: one connected client: reading it when it has data (a
 * job of the reader pool, see daemon-io.c), its reference count (the
 * reader + calls in flight) and writing replies. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
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
/* An XDR unsigned int (big-endian) at b. */
static uint32_t be32(const unsigned char *b)
{
    return (uint32_t) b[0] << 24 | (uint32_t) b[1] << 16 | (uint32_t) b[2] << 8 | b[3];
}

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
    uint32_t n = be32(b);
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

/* The client is gone (or must go): what the reader held goes with it. */
static void clientFinish(daemonClient *c)
{
    daemonLog(c->srv, false, "client %lu: disconnected", c->id);
    daemonIOForget(c);
    daemonClientClose(c);
    /* Event callbacks hold references to the client: drop them. */
    daemonEventsClientClosing(c, true);
    daemonClientUnref(c);
}

/* Before the first frame: the address check and the TLS handshake. */
static bool clientSetup(daemonClient *c)
{
    if ((c->kind == DAEMON_LISTEN_TCP || c->kind == DAEMON_LISTEN_TLS) && !addressAllowed(c))
        return false;
    virtTransport *tr;
    if (c->kind == DAEMON_LISTEN_TLS) {
        char *err = NULL;
        char *dn = NULL;
        gnutls_session_t s = daemonTLSAccept(daemonServerGetTLS(c->srv), c->fd, &dn, &err);
        if (!s) {
            daemonLog(c->srv, true, "client %lu (%s): refused: %s", c->id, c->peer, err);
            free(err);
            return false;
        }
        daemonLog(c->srv, false, "client %lu: TLS session up, certificate DN '%s'", c->id,
                  dn ? dn : "(none)");
        free(dn);
        tr = virtTransportNewTLS(c->fd, s);
    } else {
        tr = virtTransportNewFD(c->fd);
    }
    pthread_mutex_lock(&c->wlock);
    c->tr = tr;
    pthread_mutex_unlock(&c->wlock);
    return tr != NULL;
}

/* One frame: 1 when the client may stay, 0 when it is to go. */
static int readOne(daemonClient *c)
{
    unsigned char *frame = NULL;
    size_t len = 0;
    int rc = virtTransportReadFrame(c->tr, &frame, &len);
    if (rc == 1)
        return 0;
    if (rc < 0) {
        if (errno == EMSGSIZE)
            daemonLog(c->srv, true, "client %lu (%s): message length out of bounds "
                      "(over %u bytes or under the header size); disconnecting",
                      c->id, c->peer, VIRT_RPC_MAX_MESSAGE);
        else if (errno == EAGAIN)
            daemonLog(c->srv, true, "client %lu (%s): a message started but did not arrive "
                      "within %d seconds; disconnecting", c->id, c->peer, DAEMON_CLIENT_SEND_TIMEOUT);
        else
            daemonLog(c->srv, true, "client %lu (%s): connection lost or message "
                      "truncated (%s)", c->id, c->peer, strerror(errno));
        return 0;
    }
    daemonKeepaliveHeard(c);
    rc = handleFrame(c, frame, len);
    free(frame);
    return rc < 0 ? 0 : 1;
}

/* Reading on the watcher thread itself saves a hand-off per call: frames
 * already wholly in the socket are taken without waiting, when nothing
 * in handling them waits either (a plain stream, an authenticated
 * client with room for another call, no descriptors to collect). true:
 * done, the client is watched again (or gone); false: a reader thread
 * must take over from here. */
bool daemonClientReadNow(daemonClient *c)
{
    for (int n = 0; n < 16; n++) {
        if (!c->started || !virtTransportIsPlain(c->tr))
            return false;
        unsigned char head[4 + VIRT_RPC_HEADER_SIZE];
        ssize_t got = recv(c->fd, head, sizeof(head), MSG_PEEK | MSG_DONTWAIT);
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;                    /* all read: watch it again */
        /* the end, an error or part of a frame: a reader waits for it */
        if (got != (ssize_t) sizeof(head))
            return false;
        pthread_mutex_lock(&c->lock);
        bool room = c->authenticated && c->inflight < daemonClientCallLimit(c);
        pthread_mutex_unlock(&c->lock);
        int avail = 0;
        if (!room)
            return false;
        int64_t len = virtRPCFrameLength(head);
        /* bad lengths and descriptors are the reader's to deal with */
        if (len < 0 || be32(head + 16) == VIRT_RPC_CALL_WITH_FDS ||
            ioctl(c->fd, FIONREAD, &avail) < 0 || avail < len)
            return false;
        unsigned char *frame = virtAlloc((size_t) len);
        if (recv(c->fd, frame, (size_t) len, MSG_DONTWAIT) != (ssize_t) len) {
            /* cannot be: the bytes were there; let the reader see why */
            free(frame);
            daemonClientClose(c);
            return false;
        }
        daemonKeepaliveHeard(c);
        int rc = handleFrame(c, frame, (size_t) len);
        free(frame);
        if (rc < 0) {
            clientFinish(c);
            return true;
        }
    }
    daemonIOWatch(c);
    return true;
}

void daemonClientReadable(void *opaque)
{
    daemonClient *c = opaque;
    if (!c->started) {
        c->started = true;
        if (!clientSetup(c)) {
            clientFinish(c);
            return;
        }
        /* a TLS client's first frame may have come with the handshake */
        if (!virtTransportPending(c->tr)) {
            daemonIOWatch(c);
            return;
        }
    }
    do {
        if (!readOne(c)) {
            clientFinish(c);
            return;
        }
    } while (virtTransportPending(c->tr));
    daemonIOWatch(c);
}

void daemonClientStart(daemonServer *srv, int fd, daemonListenKind kind)
{
    daemonClient *c = virtAlloc(sizeof(*c));
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
    /* Nor one that starts a message (or a TLS handshake) and stops: the
     * reader threads are few, and idle clients hold none of them. */
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));

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

    /* the address check and TLS handshake run on a reader thread */
    daemonWorkersSubmit(srv->io_workers, daemonClientReadable, c);
}
