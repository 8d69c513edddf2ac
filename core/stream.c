/* stream.c: the public stream API. The core owns the object and its
 * life cycle (references, finished/aborted state, argument checks); what
 * moves the bytes is the driver a module attached (virtStreamDriver), or
 * the core's in-memory buffer (streambuf.c). */
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "entry.h"
#include "error.h"
#include "stream.h"

#define STREAM_CHUNK (64 * 1024)
/* virStreamRecvFlags answers this when it stops at a hole. */
#define STREAM_AT_HOLE (-3)

/* The operation field of st's driver when the module's driver is long
 * enough to have it, else NULL (st->lock held or driver fixed). */
#define STREAM_OP(st, field)                                                      \
    ((st)->driver && offsetof(virtStreamDriver, field) +                          \
                         sizeof(((virtStreamDriver *) 0)->field) <= (st)->driverSize \
         ? (st)->driver->field : NULL)

bool virtStreamValid(virStreamPtr st)
{
    return st && st->magic == VIRT_STREAM_MAGIC && virtConnectValid(st->conn);
}

static bool checkStream(virStreamPtr st, const char *func)
{
    virResetLastError();
    if (virtStreamValid(st))
        return true;
    virtErrorRaise(NULL, NULL, NULL, VIR_FROM_STREAMS, VIR_ERR_INVALID_STREAM, "%s", func);
    virtDispatchError(NULL);
    return false;
}

static int fail(virStreamPtr st, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail(virStreamPtr st, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    virtErrorRaiseV(st->conn, NULL, NULL, VIR_FROM_STREAMS, code, fmt, ap);
    va_end(ap);
    virtDispatchError(st->conn);
    return -1;
}

#define NO_SUPPORT(st) fail(st, VIR_ERR_NO_SUPPORT, "%s on this stream", __func__)
#define CLOSED(st) \
    fail(st, VIR_ERR_OPERATION_INVALID, "%s: the stream is already finished or aborted", __func__)
#define NULL_ARG(st, what) fail(st, VIR_ERR_INVALID_ARG, what " must not be NULL in %s", __func__)

/* A consistent view of what backs st. */
typedef struct {
    virStreamPtr st;
    const virtStreamDriver *driver;
    size_t driverSize;
    void *opaque;
    bool closed;
} StreamView;

static StreamView viewOf(virStreamPtr st)
{
    pthread_mutex_lock(&st->lock);
    StreamView v = { st, st->driver, st->driverSize, st->opaque, st->closed };
    pthread_mutex_unlock(&st->lock);
    return v;
}

static void markClosed(virStreamPtr st)
{
    pthread_mutex_lock(&st->lock);
    st->closed = true;
    pthread_mutex_unlock(&st->lock);
}

/* Read an operation from a view: same rule as STREAM_OP. */
#define VIEW_OP(v, field)                                                          \
    ((v).driver && offsetof(virtStreamDriver, field) +                             \
                       sizeof(((virtStreamDriver *) 0)->field) <= (v).driverSize   \
         ? (v).driver->field : NULL)

virStreamPtr virStreamNew(virConnectPtr conn, unsigned int flags)
{
    if (!virtEnterConnect(conn, __func__))
        return NULL;
    virStreamPtr st = virtAlloc(sizeof(*st));
    st->magic = VIRT_STREAM_MAGIC;
    atomic_init(&st->refs, 1);
    atomic_fetch_add(&conn->refs, 1);
    st->conn = conn;
    st->flags = flags;
    pthread_mutex_init(&st->lock, NULL);
    return st;
}

int virStreamRef(virStreamPtr st)
{
    if (!checkStream(st, __func__))
        return -1;
    atomic_fetch_add(&st->refs, 1);
    return 0;
}

/* Abort for cleanup paths: whatever the driver reports is dropped and the
 * thread's error stays the one that caused the cleanup. */
static void abortQuietly(virStreamPtr st)
{
    StreamView v = viewOf(st);
    int (*op)(virStreamPtr, void *) = VIEW_OP(v, abort);
    if (v.closed || !v.driver)
        return;
    markClosed(st);
    if (!op)
        return;
    virError saved = { 0 };
    virCopyLastError(&saved);
    op(st, v.opaque);
    if (saved.code == VIR_ERR_OK) {
        virResetLastError();
        return;
    }
    /* Put the saved error back into the thread's slot. */
    virtErrorRaise(NULL, NULL, NULL, VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR, NULL);
    virErrorPtr cur = virGetLastError();
    virtErrorClear(cur);
    virtErrorCopy(cur, &saved);
    virtErrorClear(&saved);
}

int virStreamFree(virStreamPtr st)
{
    if (!checkStream(st, __func__))
        return -1;
    if (atomic_fetch_sub(&st->refs, 1) != 1)
        return 0;
    abortQuietly(st);
    void (*release)(void *) = STREAM_OP(st, free);
    if (release)
        release(st->opaque);
    virConnectPtr conn = st->conn;
    pthread_mutex_destroy(&st->lock);
    st->magic = VIRT_DEAD_MAGIC;
    free(st);
    virtConnectUnref(conn);
    return 0;
}

int virStreamSend(virStreamPtr st, const char *data, size_t nbytes)
{
    if (!checkStream(st, __func__))
        return -1;
    if (!data)
        return NULL_ARG(st, "data");
    StreamView v = viewOf(st);
    if (v.closed)
        return CLOSED(st);
    int (*op)(virStreamPtr, void *, const char *, size_t) = VIEW_OP(v, send);
    if (!op)
        return NO_SUPPORT(st);
    int rc = op(st, v.opaque, data, nbytes);
    if (rc == -1)
        virtDispatchError(st->conn);
    return rc;
}

int virStreamRecvFlags(virStreamPtr st, char *data, size_t nbytes, unsigned int flags)
{
    if (!checkStream(st, __func__))
        return -1;
    if (!data)
        return NULL_ARG(st, "data");
    if (flags & ~(unsigned int) VIRT_STREAM_RECV_STOP_AT_HOLE)
        return fail(st, VIR_ERR_INVALID_ARG, "%s: unsupported flags", __func__);
    StreamView v = viewOf(st);
    if (v.closed)
        return CLOSED(st);
    int (*op)(virStreamPtr, void *, char *, size_t, unsigned int) = VIEW_OP(v, recv);
    if (!op)
        return NO_SUPPORT(st);
    int rc = op(st, v.opaque, data, nbytes, flags);
    if (rc == -1)
        virtDispatchError(st->conn);
    return rc;
}

int virStreamRecv(virStreamPtr st, char *data, size_t nbytes)
{
    return virStreamRecvFlags(st, data, nbytes, 0);
}

int virStreamSendHole(virStreamPtr st, long long length, unsigned int flags)
{
    if (!checkStream(st, __func__))
        return -1;
    if (length < 0)
        return fail(st, VIR_ERR_INVALID_ARG, "%s: length must not be negative", __func__);
    StreamView v = viewOf(st);
    if (v.closed)
        return CLOSED(st);
    int (*op)(virStreamPtr, void *, long long, unsigned int) = VIEW_OP(v, send_hole);
    if (!op)
        return NO_SUPPORT(st);
    int rc = op(st, v.opaque, length, flags);
    if (rc < 0)
        virtDispatchError(st->conn);
    return rc;
}

int virStreamRecvHole(virStreamPtr st, long long *length, unsigned int flags)
{
    if (!checkStream(st, __func__))
        return -1;
    if (!length)
        return NULL_ARG(st, "length");
    StreamView v = viewOf(st);
    if (v.closed)
        return CLOSED(st);
    int (*op)(virStreamPtr, void *, long long *, unsigned int) = VIEW_OP(v, recv_hole);
    if (!op)
        return NO_SUPPORT(st);
    int rc = op(st, v.opaque, length, flags);
    if (rc < 0)
        virtDispatchError(st->conn);
    return rc;
}

int virStreamFinish(virStreamPtr st)
{
    if (!checkStream(st, __func__))
        return -1;
    StreamView v = viewOf(st);
    if (!v.driver)
        return NO_SUPPORT(st);
    if (v.closed)
        return CLOSED(st);
    int (*op)(virStreamPtr, void *) = VIEW_OP(v, finish);
    if (op && op(st, v.opaque) < 0) {
        virtDispatchError(st->conn);
        return -1;
    }
    markClosed(st);
    return 0;
}

int virStreamAbort(virStreamPtr st)
{
    if (!checkStream(st, __func__))
        return -1;
    StreamView v = viewOf(st);
    /* Nothing started, or already over: nothing to abort. */
    if (!v.driver || v.closed)
        return 0;
    markClosed(st);
    int (*op)(virStreamPtr, void *) = VIEW_OP(v, abort);
    if (op && op(st, v.opaque) < 0) {
        virtDispatchError(st->conn);
        return -1;
    }
    return 0;
}

/* Shared ending of the *All helpers: on failure abort (keeping the error)
 * and report it, as libvirt documents. */
static int endAll(virStreamPtr st, int rc, const char *func)
{
    if (rc == 0)
        return 0;
    if (!virGetLastError())
        virtErrorRaise(st->conn, NULL, NULL, VIR_FROM_STREAMS, VIR_ERR_OPERATION_FAILED,
                       "%s: the application's stream handler failed", func);
    abortQuietly(st);
    virtDispatchError(st->conn);
    return -1;
}

static bool checkBlocking(virStreamPtr st, const char *func)
{
    if (!(st->flags & VIRT_STREAM_NONBLOCK))
        return true;
    fail(st, VIR_ERR_OPERATION_INVALID,
         "%s: data handlers cannot be used on a non-blocking stream", func);
    return false;
}

/* Send all n bytes of buf. Returns 0 or -1 (error left in place). */
static int sendFully(virStreamPtr st, const char *buf, size_t n)
{
    for (size_t off = 0; off < n;) {
        int done = virStreamSend(st, buf + off, n - off);
        if (done < 0)
            return -1;
        off += (size_t) done;
    }
    return 0;
}

int virStreamSendAll(virStreamPtr st, virStreamSourceFunc handler, void *opaque)
{
    if (!checkStream(st, __func__))
        return -1;
    if (!handler)
        return NULL_ARG(st, "handler");
    if (!checkBlocking(st, __func__))
        return -1;
    char *buf = virtAlloc(STREAM_CHUNK);
    int rc = -1;
    for (;;) {
        int got = handler(st, buf, STREAM_CHUNK, opaque);
        if (got < 0)
            break;
        if (got == 0) {
            rc = 0;
            break;
        }
        if (sendFully(st, buf, (size_t) got) < 0)
            break;
    }
    free(buf);
    return endAll(st, rc, __func__);
}

/* Hand all n bytes of buf to the sink. Returns 0 or -1. */
static int sinkFully(virStreamPtr st, virStreamSinkFunc handler, void *opaque,
                     const char *buf, size_t n)
{
    for (size_t off = 0; off < n;) {
        int done = handler(st, buf + off, n - off, opaque);
        if (done < 0)
            return -1;
        off += (size_t) done;
    }
    return 0;
}

int virStreamRecvAll(virStreamPtr st, virStreamSinkFunc handler, void *opaque)
{
    if (!checkStream(st, __func__))
        return -1;
    if (!handler)
        return NULL_ARG(st, "handler");
    if (!checkBlocking(st, __func__))
        return -1;
    char *buf = virtAlloc(STREAM_CHUNK);
    int rc = -1;
    for (;;) {
        int got = virStreamRecv(st, buf, STREAM_CHUNK);
        if (got < 0)
            break;
        if (got == 0) {
            rc = 0;
            break;
        }
        if (sinkFully(st, handler, opaque, buf, (size_t) got) < 0)
            break;
    }
    free(buf);
    return endAll(st, rc, __func__);
}

int virStreamSparseSendAll(virStreamPtr st, virStreamSourceFunc handler,
                           virStreamSourceHoleFunc holeHandler,
                           virStreamSourceSkipFunc skipHandler, void *opaque)
{
    if (!checkStream(st, __func__))
        return -1;
    if (!handler || !holeHandler || !skipHandler)
        return NULL_ARG(st, "handler, holeHandler and skipHandler");
    if (!checkBlocking(st, __func__))
        return -1;
    char *buf = virtAlloc(STREAM_CHUNK);
    int rc = -1;
    for (;;) {
        int inData = 0;
        long long section = 0;
        if (holeHandler(st, &inData, &section, opaque) < 0)
            break;
        if (!inData && section == 0) {          /* end of the source */
            rc = 0;
            break;
        }
        if (!inData) {
            if (virStreamSendHole(st, section, 0) < 0 ||
                skipHandler(st, section, opaque) < 0)
                break;
            continue;
        }
        size_t want = section > 0 && section < STREAM_CHUNK ? (size_t) section : STREAM_CHUNK;
        int got = handler(st, buf, want, opaque);
        if (got < 0)
            break;
        if (got == 0) {
            rc = 0;
            break;
        }
        if (sendFully(st, buf, (size_t) got) < 0)
            break;
    }
    free(buf);
    return endAll(st, rc, __func__);
}

int virStreamSparseRecvAll(virStreamPtr st, virStreamSinkFunc handler,
                           virStreamSinkHoleFunc holeHandler, void *opaque)
{
    if (!checkStream(st, __func__))
        return -1;
    if (!handler || !holeHandler)
        return NULL_ARG(st, "handler and holeHandler");
    if (!checkBlocking(st, __func__))
        return -1;
    char *buf = virtAlloc(STREAM_CHUNK);
    int rc = -1;
    for (;;) {
        int got = virStreamRecvFlags(st, buf, STREAM_CHUNK, VIRT_STREAM_RECV_STOP_AT_HOLE);
        if (got == STREAM_AT_HOLE) {
            long long hole = 0;
            if (virStreamRecvHole(st, &hole, 0) < 0 || holeHandler(st, hole, opaque) < 0)
                break;
            continue;
        }
        if (got < 0)
            break;
        if (got == 0) {
            rc = 0;
            break;
        }
        if (sinkFully(st, handler, opaque, buf, (size_t) got) < 0)
            break;
    }
    free(buf);
    return endAll(st, rc, __func__);
}

int virStreamEventAddCallback(virStreamPtr st, int events, virStreamEventCallback cb,
                              void *opaque, virFreeCallback ff)
{
    if (!checkStream(st, __func__))
        return -1;
    if (!cb)
        return NULL_ARG(st, "cb");
    StreamView v = viewOf(st);
    int (*op)(virStreamPtr, void *, int, virStreamEventCallback, void *, virFreeCallback) =
        VIEW_OP(v, event_add);
    if (!op)
        return NO_SUPPORT(st);
    int rc = op(st, v.opaque, events, cb, opaque, ff);
    if (rc < 0)
        virtDispatchError(st->conn);
    return rc;
}

int virStreamEventUpdateCallback(virStreamPtr st, int events)
{
    if (!checkStream(st, __func__))
        return -1;
    StreamView v = viewOf(st);
    int (*op)(virStreamPtr, void *, int) = VIEW_OP(v, event_update);
    if (!op)
        return NO_SUPPORT(st);
    int rc = op(st, v.opaque, events);
    if (rc < 0)
        virtDispatchError(st->conn);
    return rc;
}

int virStreamEventRemoveCallback(virStreamPtr st)
{
    if (!checkStream(st, __func__))
        return -1;
    StreamView v = viewOf(st);
    int (*op)(virStreamPtr, void *) = VIEW_OP(v, event_remove);
    if (!op)
        return NO_SUPPORT(st);
    int rc = op(st, v.opaque);
    if (rc < 0)
        virtDispatchError(st->conn);
    return rc;
}

/* ---- services ---- */

int virtStreamAttach(virStreamPtr st, const virtStreamDriver *drv, void *opaque)
{
    if (!virtStreamValid(st) || !drv || drv->size < offsetof(virtStreamDriver, send)) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_STREAMS, VIR_ERR_INTERNAL_ERROR,
                       "a module attached an invalid stream or stream driver");
        return -1;
    }
    pthread_mutex_lock(&st->lock);
    bool busy = st->driver != NULL;
    if (!busy) {
        st->driver = drv;
        st->driverSize = drv->size < sizeof(*drv) ? drv->size : sizeof(*drv);
        st->opaque = opaque;
        st->closed = false;
    }
    pthread_mutex_unlock(&st->lock);
    if (busy) {
        virtErrorRaise(st->conn, NULL, NULL, VIR_FROM_STREAMS, VIR_ERR_OPERATION_INVALID,
                       "the stream is already in use by another transfer");
        return -1;
    }
    return 0;
}

virConnectPtr virtStreamConn(virStreamPtr st)
{
    return virtStreamValid(st) ? st->conn : NULL;
}

unsigned int virtStreamFlags(virStreamPtr st)
{
    return virtStreamValid(st) ? st->flags : 0;
}
