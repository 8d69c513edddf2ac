/* remote_client.c: the call engine of one remote connection.
 *
 * Callers encode their CALL, register it in the pending list under the
 * state lock, write it under the write lock, then sleep until the reader
 * thread has attached the REPLY with their serial (or the stream died).
 * One shared condition variable is enough: replies are rare events next
 * to the cost of a round trip. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "fdpass.h"
#include "message.h"
#include "remote_client.h"
#include "remote_dial.h"
#include "remote_protocol.h"
#include "util.h"

typedef struct remotePending {
    uint32_t serial;
    bool done;
    bool hold;                   /* park the reader after this reply */
    unsigned char *frame;        /* the REPLY, owned once done */
    size_t len;
    struct remotePending *next;
} remotePending;

struct remoteClient {
    const virtCoreServices *core;
    virtTransport *t;
    gnutls_certificate_credentials_t cred;
    pid_t child;
    char *where;

    pthread_mutex_t lock;        /* everything below */
    pthread_cond_t cond;
    uint32_t serial;
    remotePending *pending;
    bool dead;
    char *deadReason;
    bool readerStarted;
    bool held;                   /* the reader waits for remoteClientResume */
    bool stopping;               /* remoteClientFree: nothing waits any more */
    pthread_t reader;
    remoteEventFunc onEvent;
    void *onEventOpaque;

    /* keepalive (virConnectSetKeepAlive): after kaInterval seconds without
     * a frame from the daemon, PING; after kaCount unanswered PINGs (or
     * kaInterval of silence when kaCount is 0), the connection is dead */
    long long lastRx;            /* monotonic ms of the last frame read */
    unsigned int kaMissed;       /* PINGs sent since then */
    int kaInterval;              /* seconds; 0: off */
    unsigned int kaCount;
    bool kaStarted, kaStop;
    pthread_t ka;
    pthread_cond_t kaCond;

    pthread_mutex_t wlock;       /* one frame on the wire at a time */
};

/* The frame, then the descriptors announced in it, with nothing else
 * between them on the wire. */
static int sendFrame(remoteClient *c, const unsigned char *buf, size_t len, const int *fds,
                     size_t nfds)
{
    pthread_mutex_lock(&c->wlock);
    int rc = virtTransportWriteAll(c->t, buf, len);
    for (size_t i = 0; rc == 0 && i < nfds; i++)
        rc = virtRPCSendFD(virtTransportFD(c->t), fds[i]);
    pthread_mutex_unlock(&c->wlock);
    return rc;
}

static void markDead(remoteClient *c, const char *reason)
{
    pthread_mutex_lock(&c->lock);
    if (!c->dead) {
        c->dead = true;
        c->deadReason = virtStrdup(reason);
    }
    pthread_cond_broadcast(&c->cond);
    pthread_mutex_unlock(&c->lock);
}

/* Returns false when the frame breaks the protocol. */
static bool handleFrame(remoteClient *c, unsigned char *frame, size_t len, bool *kept)
{
    virtRPCHeader hdr;
    const unsigned char *body;
    size_t blen;

    *kept = false;
    if (virtRPCDecodeHeader(frame, len, &hdr, &body, &blen) < 0)
        return false;
    pthread_mutex_lock(&c->lock);
    c->lastRx = virtTimeMonotonicMs();
    c->kaMissed = 0;
    pthread_mutex_unlock(&c->lock);
    if (hdr.prog == VIRT_RPC_KEEPALIVE_PROGRAM) {
        if (hdr.proc == VIRT_RPC_KEEPALIVE_PING) {
            unsigned char *pong = NULL;
            size_t plen = 0;
            if (virtRPCEncodeKeepalive(VIRT_RPC_KEEPALIVE_PONG, &pong, &plen) == 0) {
                sendFrame(c, pong, plen, NULL, 0);
                free(pong);
            }
        }
        return true;
    }
    if (hdr.prog == VIRT_RPC_REMOTE_PROGRAM && hdr.type == VIRT_RPC_MESSAGE) {
        pthread_mutex_lock(&c->lock);
        remoteEventFunc fn = c->onEvent;
        void *opaque = c->onEventOpaque;
        pthread_mutex_unlock(&c->lock);
        if (fn)
            fn(opaque, (int) hdr.proc, body, blen);
        return true;
    }
    /* replies of the companion libraries' programs match by serial too */
    if ((hdr.prog != VIRT_RPC_REMOTE_PROGRAM && hdr.prog != QEMU_PROGRAM &&
         hdr.prog != LXC_PROGRAM) || hdr.type != VIRT_RPC_REPLY)
        return true;             /* streams, QEMU monitor events: not used by this client */
    pthread_mutex_lock(&c->lock);
    for (remotePending *p = c->pending; p; p = p->next) {
        if (p->serial == hdr.serial && !p->done) {
            p->done = true;
            p->frame = frame;
            p->len = len;
            c->held = p->hold;
            *kept = true;
            pthread_cond_broadcast(&c->cond);
            break;
        }
    }
    pthread_mutex_unlock(&c->lock);
    return true;
}

static void *readerMain(void *opaque)
{
    remoteClient *c = opaque;
    for (;;) {
        unsigned char *frame = NULL;
        size_t len = 0;
        int rc = virtTransportReadFrame(c->t, &frame, &len);
        if (rc == 1) {
            markDead(c, "the daemon closed the connection");
            break;
        }
        if (rc < 0) {
            char *why = virtAsprintf("cannot receive data: %s", strerror(errno));
            markDead(c, why);
            free(why);
            break;
        }
        bool kept = false;
        if (!handleFrame(c, frame, len, &kept)) {
            free(frame);
            markDead(c, "the daemon sent a malformed message");
            break;
        }
        if (!kept)
            free(frame);
        pthread_mutex_lock(&c->lock);
        while (c->held && !c->stopping)
            pthread_cond_wait(&c->cond, &c->lock);
        pthread_mutex_unlock(&c->lock);
    }
    return NULL;
}

void remoteClientResume(remoteClient *c, const virtTransportLayer *layer)
{
    if (layer) {
        /* the reader is parked and no call is in flight: nothing else
         * touches the stream while it changes */
        pthread_mutex_lock(&c->wlock);
        virtTransportSetLayer(c->t, layer);
        pthread_mutex_unlock(&c->wlock);
    }
    pthread_mutex_lock(&c->lock);
    c->held = false;
    pthread_cond_broadcast(&c->cond);
    pthread_mutex_unlock(&c->lock);
}

int remoteClientFD(remoteClient *c)
{
    return virtTransportFD(c->t);
}

int remoteClientTLSKeyBits(remoteClient *c)
{
    return virtTransportTLSKeyBits(c->t);
}

remoteClient *remoteClientNew(const virtCoreServices *core, virConnectPtr conn,
                              virtTransport *t, gnutls_certificate_credentials_t cred,
                              pid_t child, const char *where)
{
    remoteClient *c = virtAlloc(sizeof(*c));
    c->core = core;
    c->t = t;
    c->cred = cred;
    c->child = child;
    c->where = virtStrdup(where);
    pthread_mutex_init(&c->lock, NULL);
    pthread_mutex_init(&c->wlock, NULL);
    pthread_cond_init(&c->cond, NULL);
    pthread_cond_init(&c->kaCond, NULL);
    c->lastRx = virtTimeMonotonicMs();
    int rc = pthread_create(&c->reader, NULL, readerMain, c);
    if (rc != 0) {
        core->error(conn, VIR_FROM_RPC, VIR_ERR_SYSTEM_ERROR,
                    "cannot start the reader thread: %s", strerror(rc));
        remoteClientFree(c);
        return NULL;
    }
    c->readerStarted = true;
    return c;
}

void remoteClientSetEventHandler(remoteClient *c, remoteEventFunc fn, void *opaque)
{
    pthread_mutex_lock(&c->lock);
    c->onEvent = fn;
    c->onEventOpaque = opaque;
    pthread_mutex_unlock(&c->lock);
}

bool remoteClientAlive(remoteClient *c)
{
    pthread_mutex_lock(&c->lock);
    bool alive = !c->dead;
    pthread_mutex_unlock(&c->lock);
    return alive;
}

static void unlinkPending(remoteClient *c, remotePending *me)
{
    for (remotePending **pp = &c->pending; *pp; pp = &(*pp)->next) {
        if (*pp == me) {
            *pp = me->next;
            break;
        }
    }
}

/* The daemon's error becomes this thread's error, word for word when the
 * core can record it verbatim; older cores get it rebuilt from str2 (the
 * detail after the standard text). */
static void raiseRemoteError(remoteClient *c, virConnectPtr conn,
                             const unsigned char *body, size_t blen)
{
    remote_error rerr;
    virError err;

    if (virtRPCDecodeBody(body, blen, (virtXDRCodec) virtXDR_remote_error, &rerr) < 0) {
        c->core->error(conn, VIR_FROM_RPC, VIR_ERR_RPC,
                       "cannot decode the error sent by %s", c->where);
        return;
    }
    memset(&err, 0, sizeof(err));
    if (virtRPCErrorToVirError(&rerr, &err) < 0) {
        c->core->error(conn, VIR_FROM_RPC, VIR_ERR_RPC,
                       "cannot decode the error sent by %s", c->where);
    } else if (err.code == VIR_ERR_OK) {
        c->core->error(conn, VIR_FROM_RPC, VIR_ERR_RPC,
                       "%s reported a failure without an error", c->where);
    } else if (c->core->size >= offsetof(virtCoreServices, error_set) + sizeof(c->core->error_set) &&
               c->core->error_set) {
        c->core->error_set(conn, &err);
    } else if (err.str2 && *err.str2) {
        c->core->error(conn, err.domain, err.code, "%s", err.str2);
    } else if (err.str1 || !err.message) {
        c->core->error(conn, err.domain, err.code, NULL);
    } else {
        c->core->error(conn, err.domain, err.code, "%s", err.message);
    }
    virtRPCErrorClear(&err);
    virtXDRFree_remote_error(&rerr);
}

int remoteClientCall(remoteClient *c, virConnectPtr conn, int proc,
                     virtXDRCodec argsCodec, void *args,
                     virtXDRCodec retCodec, void *ret)
{
    return remoteClientCallProgram(c, conn, VIRT_RPC_REMOTE_PROGRAM, VIRT_RPC_REMOTE_VERSION, proc,
                                   argsCodec, args, retCodec, ret);
}

static int callWith(remoteClient *c, virConnectPtr conn, unsigned int prog, unsigned int vers,
                    int proc, const int *fds, size_t nfds, virtXDRCodec argsCodec, void *args,
                    virtXDRCodec retCodec, void *ret, bool hold);

int remoteClientCallHeld(remoteClient *c, virConnectPtr conn, int proc,
                         virtXDRCodec argsCodec, void *args,
                         virtXDRCodec retCodec, void *ret)
{
    return callWith(c, conn, VIRT_RPC_REMOTE_PROGRAM, VIRT_RPC_REMOTE_VERSION, proc,
                    NULL, 0, argsCodec, args, retCodec, ret, true);
}

int remoteClientCallProgram(remoteClient *c, virConnectPtr conn, unsigned int prog,
                            unsigned int vers, int proc,
                            virtXDRCodec argsCodec, void *args,
                            virtXDRCodec retCodec, void *ret)
{
    return callWith(c, conn, prog, vers, proc, NULL, 0, argsCodec, args, retCodec, ret, false);
}

int remoteClientCallFDs(remoteClient *c, virConnectPtr conn, unsigned int prog,
                        unsigned int vers, int proc, const int *fds, size_t nfds,
                        virtXDRCodec argsCodec, void *args,
                        virtXDRCodec retCodec, void *ret)
{
    return callWith(c, conn, prog, vers, proc, fds, nfds, argsCodec, args, retCodec, ret, false);
}

static int callWith(remoteClient *c, virConnectPtr conn, unsigned int prog, unsigned int vers,
                    int proc, const int *fds, size_t nfds, virtXDRCodec argsCodec, void *args,
                    virtXDRCodec retCodec, void *ret, bool hold)
{
    remotePending me = { .hold = hold };
    unsigned char *out = NULL;
    size_t outlen = 0;
    int result = -1;
    bool registered = false;

    pthread_mutex_lock(&c->lock);
    me.serial = ++c->serial;
    pthread_mutex_unlock(&c->lock);

    virtRPCHeader hdr = {
        .prog = prog, .vers = vers,
        .proc = proc, .type = nfds ? VIRT_RPC_CALL_WITH_FDS : VIRT_RPC_CALL,
        .serial = me.serial, .status = VIRT_RPC_OK,
    };
    virtRPCFDsBody withFDs = { .nfds = (uint32_t) nfds, .codec = argsCodec, .body = args };
    if (nfds > VIRT_RPC_MAX_FDS) {
        c->core->error(conn, VIR_FROM_RPC, VIR_ERR_RPC, "too many file descriptors: %zu > %d",
                       nfds, VIRT_RPC_MAX_FDS);
        goto cleanup;
    }
    if (nfds ? virtRPCEncode(&hdr, virtRPCCodecWithFDs, &withFDs, &out, &outlen) < 0
             : virtRPCEncode(&hdr, argsCodec, args, &out, &outlen) < 0) {
        c->core->error(conn, VIR_FROM_RPC, VIR_ERR_RPC,
                       "cannot encode the arguments of procedure %d", proc);
        goto cleanup;
    }

    pthread_mutex_lock(&c->lock);
    if (c->dead) {
        c->core->error(conn, VIR_FROM_RPC, VIR_ERR_SYSTEM_ERROR,
                       "connection to %s is closed: %s", c->where, c->deadReason);
        pthread_mutex_unlock(&c->lock);
        goto cleanup;
    }
    me.next = c->pending;
    c->pending = &me;
    registered = true;
    pthread_mutex_unlock(&c->lock);

    if (sendFrame(c, out, outlen, fds, nfds) < 0) {
        int saved = errno;
        c->core->error(conn, VIR_FROM_RPC, VIR_ERR_SYSTEM_ERROR,
                       "connection to %s lost: cannot send data: %s", c->where,
                       strerror(saved));
        goto cleanup;
    }

    pthread_mutex_lock(&c->lock);
    while (!me.done && !c->dead)
        pthread_cond_wait(&c->cond, &c->lock);
    if (!me.done) {
        c->core->error(conn, VIR_FROM_RPC, VIR_ERR_SYSTEM_ERROR,
                       "connection to %s lost: %s", c->where, c->deadReason);
        pthread_mutex_unlock(&c->lock);
        goto cleanup;
    }
    unlinkPending(c, &me);
    registered = false;
    pthread_mutex_unlock(&c->lock);

    virtRPCHeader rh;
    const unsigned char *body;
    size_t blen;
    if (virtRPCDecodeHeader(me.frame, me.len, &rh, &body, &blen) < 0 || rh.proc != proc) {
        c->core->error(conn, VIR_FROM_RPC, VIR_ERR_RPC,
                       "%s answered procedure %d with a malformed reply", c->where, proc);
        goto cleanup;
    }
    if (rh.status == VIRT_RPC_OK) {
        if (virtRPCDecodeBody(body, blen, retCodec, ret) < 0) {
            c->core->error(conn, VIR_FROM_RPC, VIR_ERR_RPC,
                           "cannot decode the reply of %s to procedure %d", c->where, proc);
            goto cleanup;
        }
        result = 0;
    } else if (rh.status == VIRT_RPC_ERROR) {
        raiseRemoteError(c, conn, body, blen);
    } else {
        c->core->error(conn, VIR_FROM_RPC, VIR_ERR_RPC,
                       "%s answered procedure %d with unexpected status %u", c->where, proc, rh.status);
    }

 cleanup:
    if (registered) {
        pthread_mutex_lock(&c->lock);
        unlinkPending(c, &me);
        pthread_mutex_unlock(&c->lock);
    }
    free(me.frame);
    free(out);
    return result;
}

/* The keepalive thread: sleeps until the silence reaches the interval,
 * then PINGs, or declares the daemon gone and wakes every waiting call by
 * shutting the stream (the reader then sees its end). */
static void *keepaliveMain(void *opaque)
{
    remoteClient *c = opaque;
    pthread_mutex_lock(&c->lock);
    while (!c->kaStop && !c->dead) {
        long long now = virtTimeMonotonicMs();
        long long due = c->lastRx + (long long) c->kaInterval * 1000 * (c->kaMissed + 1);
        if (now < due) {
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            long long wait = due - now;
            ts.tv_sec += wait / 1000;
            ts.tv_nsec += (wait % 1000) * 1000000L;
            if (ts.tv_nsec >= 1000000000L) {
                ts.tv_sec++;
                ts.tv_nsec -= 1000000000L;
            }
            pthread_cond_timedwait(&c->kaCond, &c->lock, &ts);
            continue;
        }
        if (c->kaMissed >= c->kaCount) {
            long long silent = (now - c->lastRx) / 1000;
            char *why = virtAsprintf("no answer to keepalive messages for %lld s", silent);
            pthread_mutex_unlock(&c->lock);
            markDead(c, why);
            free(why);
            shutdown(virtTransportFD(c->t), SHUT_RDWR);
            return NULL;
        }
        c->kaMissed++;
        pthread_mutex_unlock(&c->lock);
        unsigned char *ping = NULL;
        size_t plen = 0;
        if (virtRPCEncodeKeepalive(VIRT_RPC_KEEPALIVE_PING, &ping, &plen) == 0) {
            sendFrame(c, ping, plen, NULL, 0);
            free(ping);
        }
        pthread_mutex_lock(&c->lock);
    }
    pthread_mutex_unlock(&c->lock);
    return NULL;
}

static void keepaliveStop(remoteClient *c)
{
    pthread_mutex_lock(&c->lock);
    bool started = c->kaStarted;
    c->kaStop = true;
    c->kaStarted = false;
    pthread_cond_broadcast(&c->kaCond);
    pthread_mutex_unlock(&c->lock);
    if (started)
        pthread_join(c->ka, NULL);
    pthread_mutex_lock(&c->lock);
    c->kaStop = false;
    pthread_mutex_unlock(&c->lock);
}

int remoteClientSetKeepAlive(remoteClient *c, virConnectPtr conn, int interval,
                             unsigned int count)
{
    if (interval <= 0) {
        keepaliveStop(c);
        return 0;
    }
    pthread_mutex_lock(&c->lock);
    c->kaInterval = interval;
    c->kaCount = count;
    c->kaMissed = 0;
    c->lastRx = virtTimeMonotonicMs();
    if (c->kaStarted) {
        pthread_cond_broadcast(&c->kaCond);
        pthread_mutex_unlock(&c->lock);
        return 0;
    }
    int rc = pthread_create(&c->ka, NULL, keepaliveMain, c);
    c->kaStarted = rc == 0;
    pthread_mutex_unlock(&c->lock);
    if (rc != 0) {
        c->core->error(conn, VIR_FROM_RPC, VIR_ERR_SYSTEM_ERROR,
                       "cannot start the keepalive thread: %s", strerror(rc));
        return -1;
    }
    return 0;
}

void remoteClientFree(remoteClient *c)
{
    if (!c)
        return;
    keepaliveStop(c);
    pthread_mutex_lock(&c->lock);
    c->stopping = true;
    pthread_cond_broadcast(&c->cond);
    pthread_mutex_unlock(&c->lock);
    if (c->readerStarted) {
        /* Wake the reader out of its read: it sees the end and leaves. */
        shutdown(virtTransportFD(c->t), SHUT_RDWR);
        pthread_join(c->reader, NULL);
    }
    virtTransportFree(c->t);
    if (c->cred)
        gnutls_certificate_free_credentials(c->cred);
    remoteReapChild(c->child);
    pthread_cond_destroy(&c->cond);
    pthread_cond_destroy(&c->kaCond);
    pthread_mutex_destroy(&c->lock);
    pthread_mutex_destroy(&c->wlock);
    free(c->deadReason);
    free(c->where);
    free(c);
}
