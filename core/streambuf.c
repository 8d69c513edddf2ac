/* streambuf.c: the core's ready-made stream backing: a copy of a byte
 * buffer handed out by virStreamRecv, then end of data. Modules use it
 * for results produced all at once (screenshots). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "stream.h"

typedef struct {
    char *data;
    size_t len;
    size_t pos;
} StreamBuffer;

static int bufferRecv(virStreamPtr st, void *opaque, char *data, size_t nbytes,
                      unsigned int flags)
{
    StreamBuffer *b = opaque;
    (void) st;
    (void) flags;   /* a buffer has no holes: STOP_AT_HOLE never stops */
    size_t n = b->len - b->pos;
    if (n > nbytes)
        n = nbytes;
    if (n > INT_MAX)
        n = INT_MAX;
    memcpy(data, b->data + b->pos, n);
    b->pos += n;
    return (int) n;
}

static int bufferSend(virStreamPtr st, void *opaque, const char *data, size_t nbytes)
{
    (void) opaque; (void) data; (void) nbytes;
    virtErrorRaise(virtStreamConn(st), NULL, NULL, VIR_FROM_STREAMS, VIR_ERR_OPERATION_INVALID,
                   "this stream only carries data to the application");
    return -1;
}

static int bufferEnd(virStreamPtr st, void *opaque)
{
    (void) st; (void) opaque;
    return 0;
}

static void bufferFree(void *opaque)
{
    StreamBuffer *b = opaque;
    free(b->data);
    free(b);
}

static const virtStreamDriver bufferDriver = {
    .size = sizeof(virtStreamDriver),
    .send = bufferSend,
    .recv = bufferRecv,
    .finish = bufferEnd,
    .abort = bufferEnd,
    .free = bufferFree,
};

int virtStreamAttachBuffer(virStreamPtr st, const void *data, size_t len)
{
    if (!data && len) {
        virtErrorRaise(virtStreamConn(st), NULL, NULL, VIR_FROM_STREAMS,
                       VIR_ERR_INTERNAL_ERROR, "a module attached a NULL buffer to a stream");
        return -1;
    }
    StreamBuffer *b = virtAlloc(sizeof(*b));
    b->data = virtAlloc(len ? len : 1);
    if (len)
        memcpy(b->data, data, len);
    b->len = len;
    if (virtStreamAttach(st, &bufferDriver, b) < 0) {
        bufferFree(b);
        return -1;
    }
    return 0;
}
