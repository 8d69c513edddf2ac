/* test_transport.c: the transport's security layer hook (what SASL's
 * encoding plugs into): frames written through a layer come out whole on
 * the other side through the same layer, whatever the packet and read
 * sizes; the bytes on the wire are the encoded ones; a stream switches to
 * its layer between two frames; the layer is released with the stream. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "harness.h"
#include "message.h"
#include "transport.h"

/* A toy layer: each packet is a 4-byte length and the bytes XORed with
 * 0x5a. decode keeps a partial packet until the rest arrives. */
typedef struct {
    unsigned char *out;
    size_t outlen;
    unsigned char *pending;       /* decode: bytes of an unfinished packet */
    size_t npending;
    int *released;
} toyLayer;

static int toyEncode(void *opaque, const unsigned char *in, size_t len,
                     const unsigned char **out, size_t *outlen)
{
    toyLayer *l = opaque;
    free(l->out);
    l->out = malloc(len + 4);
    uint32_t n = (uint32_t) len;
    l->out[0] = (unsigned char) (n >> 24);
    l->out[1] = (unsigned char) (n >> 16);
    l->out[2] = (unsigned char) (n >> 8);
    l->out[3] = (unsigned char) n;
    for (size_t i = 0; i < len; i++)
        l->out[4 + i] = in[i] ^ 0x5a;
    *out = l->out;
    *outlen = len + 4;
    return 0;
}

static int toyDecode(void *opaque, const unsigned char *in, size_t len,
                     const unsigned char **out, size_t *outlen)
{
    toyLayer *l = opaque;
    l->pending = realloc(l->pending, l->npending + len);
    memcpy(l->pending + l->npending, in, len);
    l->npending += len;
    free(l->out);
    l->out = malloc(l->npending + 1);
    l->outlen = 0;
    size_t pos = 0;
    while (l->npending - pos >= 4) {
        const unsigned char *p = l->pending + pos;
        size_t n = ((size_t) p[0] << 24) | ((size_t) p[1] << 16) | ((size_t) p[2] << 8) | p[3];
        if (l->npending - pos - 4 < n)
            break;
        for (size_t i = 0; i < n; i++)
            l->out[l->outlen++] = p[4 + i] ^ 0x5a;
        pos += 4 + n;
    }
    memmove(l->pending, l->pending + pos, l->npending - pos);
    l->npending -= pos;
    *out = l->out;
    *outlen = l->outlen;
    return 0;
}

static void toyRelease(void *opaque)
{
    toyLayer *l = opaque;
    (*l->released)++;
    free(l->out);
    free(l->pending);
    free(l);
}

static virtTransportLayer toy(size_t maxPlain, int *released)
{
    toyLayer *l = calloc(1, sizeof(*l));
    l->released = released;
    virtTransportLayer layer = { toyEncode, toyDecode, maxPlain, toyRelease, l };
    return layer;
}

/* A frame of len bytes (length word included) with a recognisable body. */
static unsigned char *makeFrame(size_t len)
{
    unsigned char *f = malloc(len);
    f[0] = (unsigned char) (len >> 24);
    f[1] = (unsigned char) (len >> 16);
    f[2] = (unsigned char) (len >> 8);
    f[3] = (unsigned char) len;
    for (size_t i = 4; i < len; i++)
        f[i] = (unsigned char) (i * 7 + 3);
    return f;
}

static void roundTrip(size_t frameLen, size_t maxPlain)
{
    int sv[2];
    int released = 0;
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
    virtTransport *w = virtTransportNewFD(sv[0]);
    virtTransport *r = virtTransportNewFD(sv[1]);
    virtTransportLayer lw = toy(maxPlain, &released), lr = toy(maxPlain, &released);
    virtTransportSetLayer(w, &lw);
    virtTransportSetLayer(r, &lr);

    unsigned char *f = makeFrame(frameLen);
    CHECK(virtTransportWriteAll(w, f, frameLen) == 0);
    unsigned char *got = NULL;
    size_t len = 0;
    CHECK(virtTransportReadFrame(r, &got, &len) == 0);
    CHECK(len == frameLen && got && memcmp(got, f, frameLen) == 0);
    free(got);
    free(f);
    virtTransportFree(w);
    virtTransportFree(r);
    CHECK(released == 2);
}

/* Small packets, and packets the 16 KiB reads cut in the middle. */
static void layeredFrames(void)
{
    roundTrip(64, 7);
    roundTrip(40000, 4096);
    roundTrip(60000, 65536);        /* one packet over four reads */
}

/* On the wire: the encoded bytes, not the frame. */
static void wireIsEncoded(void)
{
    int sv[2];
    int released = 0;
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
    virtTransport *w = virtTransportNewFD(sv[0]);
    virtTransportLayer lw = toy(1000, &released);
    virtTransportSetLayer(w, &lw);
    unsigned char *f = makeFrame(32);
    CHECK(virtTransportWriteAll(w, f, 32) == 0);
    unsigned char raw[64];
    ssize_t n = read(sv[1], raw, sizeof(raw));
    CHECK(n == 36);
    CHECK(raw[3] == 32 && raw[4] == (f[0] ^ 0x5a) && raw[35] == (f[31] ^ 0x5a));
    free(f);
    virtTransportFree(w);
    close(sv[1]);
}

/* A plain frame, then the layer on both sides, then a layered frame. */
static void switchBetweenFrames(void)
{
    int sv[2];
    int released = 0;
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
    virtTransport *w = virtTransportNewFD(sv[0]);
    virtTransport *r = virtTransportNewFD(sv[1]);
    unsigned char *f = makeFrame(100);
    unsigned char *got = NULL;
    size_t len = 0;

    CHECK(virtTransportWriteAll(w, f, 100) == 0);
    virtTransportLayer lw = toy(16, &released), lr = toy(16, &released);
    virtTransportSetLayer(w, &lw);
    CHECK(virtTransportWriteAll(w, f, 100) == 0);
    CHECK(virtTransportReadFrame(r, &got, &len) == 0 && len == 100 && memcmp(got, f, 100) == 0);
    free(got);
    virtTransportSetLayer(r, &lr);
    CHECK(virtTransportReadFrame(r, &got, &len) == 0 && len == 100 && memcmp(got, f, 100) == 0);
    free(got);
    free(f);
    /* the end of the stream reads as the end, through the layer too */
    virtTransportFree(w);
    CHECK(virtTransportReadFrame(r, &got, &len) == 1);
    virtTransportFree(r);
    CHECK(released == 2);
}

int main(void)
{
    TEST_RUN(layeredFrames);
    TEST_RUN(wireIsEncoded);
    TEST_RUN(switchBetweenFrames);
    TEST_DONE();
}
