/* test_screenshot.c: a screenshot of the (imaginary) screen, handed to the
 * application's stream all at once. Like libvirt's test driver it is a
 * PNG, whatever the screen and even when the domain is off; ours is drawn
 * here: a colour gradient, written without compression (stored deflate
 * blocks), which every PNG reader accepts. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "test_driver.h"
#include "util.h"

#define SHOT_W 64
#define SHOT_H 48
#define ROW_BYTES (1 + SHOT_W * 3)          /* filter byte, then RGB */
#define RAW_BYTES (SHOT_H * ROW_BYTES)
#define STORED_MAX 65535                    /* the most a stored block holds */

static uint32_t crc32Of(const unsigned char *p, size_t n, uint32_t crc)
{
    crc = ~crc;
    while (n--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

static uint32_t adler32Of(const unsigned char *p, size_t n)
{
    uint32_t a = 1, b = 0;
    while (n--) {
        a = (a + *p++) % 65521u;
        b = (b + a) % 65521u;
    }
    return b << 16 | a;
}

static unsigned char *put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char) (v >> 24);
    p[1] = (unsigned char) (v >> 16);
    p[2] = (unsigned char) (v >> 8);
    p[3] = (unsigned char) v;
    return p + 4;
}

/* A chunk: length, type, data, then the CRC of type and data. */
static unsigned char *putChunk(unsigned char *p, const char *type, const unsigned char *data, size_t n)
{
    p = put32(p, (uint32_t) n);
    unsigned char *crcFrom = p;
    memcpy(p, type, 4);
    if (n)
        memcpy(p + 4, data, n);
    p += 4 + n;
    return put32(p, crc32Of(crcFrom, 4 + n, 0));
}

/* The zlib stream of raw[0..n): header, stored blocks, Adler-32. */
static size_t zlibStored(unsigned char *out, const unsigned char *raw, size_t n)
{
    unsigned char *p = out;
    *p++ = 0x78;                            /* deflate, 32K window */
    *p++ = 0x01;                            /* no dictionary; check bits */
    size_t done = 0;
    do {
        size_t len = n - done < STORED_MAX ? n - done : STORED_MAX;
        *p++ = done + len == n ? 1 : 0;     /* BFINAL, BTYPE 00 (stored) */
        *p++ = (unsigned char) len;
        *p++ = (unsigned char) (len >> 8);
        *p++ = (unsigned char) ~len;
        *p++ = (unsigned char) (~len >> 8);
        memcpy(p, raw + done, len);
        p += len;
        done += len;
    } while (done < n);
    p = put32(p, adler32Of(raw, n));
    return (size_t) (p - out);
}

/* The image as a PNG file in a new buffer of *len bytes. */
static unsigned char *drawPNG(size_t *len)
{
    static const unsigned char signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
    unsigned char raw[RAW_BYTES];
    for (int y = 0; y < SHOT_H; y++) {
        unsigned char *row = raw + y * ROW_BYTES;
        row[0] = 0;                         /* filter: none */
        for (int x = 0; x < SHOT_W; x++) {
            row[1 + x * 3] = (unsigned char) (x * 255 / (SHOT_W - 1));
            row[2 + x * 3] = (unsigned char) (y * 255 / (SHOT_H - 1));
            row[3 + x * 3] = 0x80;
        }
    }
    unsigned char ihdr[13];
    put32(put32(ihdr, SHOT_W), SHOT_H);
    ihdr[8] = 8;                            /* bits per sample */
    ihdr[9] = 2;                            /* colour type: RGB */
    ihdr[10] = ihdr[11] = ihdr[12] = 0;     /* deflate, adaptive filters, no interlace */

    size_t nblocks = RAW_BYTES / STORED_MAX + 1;
    size_t zmax = 2 + nblocks * 5 + RAW_BYTES + 4;
    unsigned char *z = virtAlloc(zmax);
    size_t zlen = zlibStored(z, raw, RAW_BYTES);

    unsigned char *png = virtAlloc(sizeof(signature) + 3 * 12 + sizeof(ihdr) + zlen);
    unsigned char *p = png;
    memcpy(p, signature, sizeof(signature));
    p += sizeof(signature);
    p = putChunk(p, "IHDR", ihdr, sizeof(ihdr));
    p = putChunk(p, "IDAT", z, zlen);
    p = putChunk(p, "IEND", NULL, 0);
    free(z);
    *len = (size_t) (p - png);
    return png;
}

char *testDomainScreenshot(virDomainPtr domain, virStreamPtr stream, unsigned int screen,
                           unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, NULL);
    (void) screen;
    testState *st;
    if (!testDomainAcquire(domain, &st))
        return NULL;
    pthread_mutex_unlock(&st->lock);
    size_t len;
    unsigned char *png = drawPNG(&len);
    int rc = testCore->stream_attach_buffer(stream, png, len);
    free(png);
    return rc < 0 ? NULL : virtStrdup("image/png");
}
