/* xdr.c: the XDR stream. Every item is a multiple of 4 bytes, big-endian;
 * strings and opaque data are padded with zero bytes to that multiple. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "xdr.h"

static size_t
padded(size_t n)
{
    return (n + 3) & ~(size_t)3;
}

static bool
fail(virtXDR *x, const char *why)
{
    if (!x->error)
        x->error = why;
    return false;
}

static uint32_t
limitOf(const virtXDR *x, uint32_t max)
{
    uint32_t cap = x->max_string ? (uint32_t)x->max_string : VIRT_XDR_DEFAULT_MAX;

    return (max == 0 || max > cap) ? cap : max;
}

void
virtXDRInitEncode(virtXDR *x)
{
    memset(x, 0, sizeof(*x));
    x->op = VIRT_XDR_ENCODE;
}

void
virtXDRInitDecode(virtXDR *x, const void *buf, size_t len)
{
    memset(x, 0, sizeof(*x));
    x->op = VIRT_XDR_DECODE;
    x->buf = (unsigned char *)buf;
    x->len = len;
}

void
virtXDRInitFree(virtXDR *x)
{
    memset(x, 0, sizeof(*x));
    x->op = VIRT_XDR_FREE;
}

void
virtXDRDispose(virtXDR *x)
{
    if (x->op == VIRT_XDR_ENCODE)
        free(x->buf);
    x->buf = NULL;
    x->len = x->cap = x->pos = 0;
}

unsigned char *
virtXDRSteal(virtXDR *x, size_t *len)
{
    unsigned char *buf = x->buf;

    *len = x->len;
    x->buf = NULL;
    x->len = x->cap = 0;
    return buf;
}

/* ENCODE: room for n more bytes. */
static bool
reserve(virtXDR *x, size_t n)
{
    size_t want;
    unsigned char *grown;

    if (n > VIRT_XDR_MAX_ENCODED || x->len > VIRT_XDR_MAX_ENCODED - n)
        return fail(x, "encoded data too large");
    want = x->len + n;
    if (want <= x->cap)
        return true;
    if (want < 2 * x->cap)
        want = 2 * x->cap;
    if (want < 256)
        want = 256;
    if (!(grown = realloc(x->buf, want)))
        return fail(x, "out of memory");
    x->buf = grown;
    x->cap = want;
    return true;
}

/* DECODE: are n more bytes there? */
static bool
available(virtXDR *x, size_t n)
{
    if (x->pos > x->len || x->len - x->pos < n)
        return fail(x, "truncated data");
    return true;
}

static bool
putBytes(virtXDR *x, const void *p, size_t n)
{
    size_t total = padded(n);

    if (!reserve(x, total))
        return false;
    if (n)
        memcpy(x->buf + x->len, p, n);
    memset(x->buf + x->len + n, 0, total - n);
    x->len += total;
    return true;
}

static bool
getBytes(virtXDR *x, void *p, size_t n)
{
    size_t total = padded(n);

    if (!available(x, total))
        return false;
    if (n)
        memcpy(p, x->buf + x->pos, n);
    x->pos += total;
    return true;
}

static bool
word(virtXDR *x, uint32_t *v)
{
    unsigned char b[4];

    switch (x->op) {
    case VIRT_XDR_ENCODE:
        b[0] = (unsigned char)(*v >> 24);
        b[1] = (unsigned char)(*v >> 16);
        b[2] = (unsigned char)(*v >> 8);
        b[3] = (unsigned char)*v;
        return putBytes(x, b, 4);
    case VIRT_XDR_DECODE:
        if (!getBytes(x, b, 4))
            return false;
        *v = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
        return true;
    case VIRT_XDR_FREE:
        return true;
    }
    return fail(x, "bad operation");
}

bool
virtXDRUInt(virtXDR *x, uint32_t *v)
{
    return word(x, v);
}

bool
virtXDRInt(virtXDR *x, int32_t *v)
{
    uint32_t u = (uint32_t)*v;

    if (x->op == VIRT_XDR_FREE)
        return true;
    if (!word(x, &u))
        return false;
    *v = (int32_t)u;
    return true;
}

bool
virtXDREnum(virtXDR *x, int32_t *v)
{
    return virtXDRInt(x, v);
}

bool
virtXDRBool(virtXDR *x, int32_t *v)
{
    uint32_t u = *v ? 1 : 0;

    if (x->op == VIRT_XDR_FREE)
        return true;
    if (!word(x, &u))
        return false;
    /* any non-zero word is true, as in libvirt's (glibc's) xdr_bool */
    *v = u != 0;
    return true;
}

bool
virtXDRUHyper(virtXDR *x, uint64_t *v)
{
    uint32_t hi = (uint32_t)(*v >> 32), lo = (uint32_t)*v;

    if (x->op == VIRT_XDR_FREE)
        return true;
    if (!word(x, &hi) || !word(x, &lo))
        return false;
    *v = (uint64_t)hi << 32 | lo;
    return true;
}

bool
virtXDRHyper(virtXDR *x, int64_t *v)
{
    uint64_t u = (uint64_t)*v;

    if (x->op == VIRT_XDR_FREE)
        return true;
    if (!virtXDRUHyper(x, &u))
        return false;
    *v = (int64_t)u;
    return true;
}

bool
virtXDRDouble(virtXDR *x, double *v)
{
    uint64_t u = 0;

    if (x->op == VIRT_XDR_FREE)
        return true;
    memcpy(&u, v, sizeof(u));
    if (!virtXDRUHyper(x, &u))
        return false;
    memcpy(v, &u, sizeof(u));
    return true;
}

bool
virtXDRFloat(virtXDR *x, float *v)
{
    uint32_t u = 0;

    if (x->op == VIRT_XDR_FREE)
        return true;
    memcpy(&u, v, sizeof(u));
    if (!word(x, &u))
        return false;
    memcpy(v, &u, sizeof(u));
    return true;
}

bool
virtXDRChar(virtXDR *x, char *v)
{
    int32_t i = *v;

    if (x->op == VIRT_XDR_FREE)
        return true;
    if (!virtXDRInt(x, &i))
        return false;
    *v = (char)i;
    return true;
}

bool
virtXDRUChar(virtXDR *x, unsigned char *v)
{
    uint32_t u = *v;

    if (x->op == VIRT_XDR_FREE)
        return true;
    if (!word(x, &u))
        return false;
    *v = (unsigned char)u;
    return true;
}

bool
virtXDRShort(virtXDR *x, int16_t *v)
{
    int32_t i = *v;

    if (x->op == VIRT_XDR_FREE)
        return true;
    if (!virtXDRInt(x, &i))
        return false;
    *v = (int16_t)i;
    return true;
}

bool
virtXDRUShort(virtXDR *x, uint16_t *v)
{
    uint32_t u = *v;

    if (x->op == VIRT_XDR_FREE)
        return true;
    if (!word(x, &u))
        return false;
    *v = (uint16_t)u;
    return true;
}

bool
virtXDRString(virtXDR *x, char **s, uint32_t max)
{
    uint32_t limit = limitOf(x, max), n;
    size_t len;
    char *copy;

    switch (x->op) {
    case VIRT_XDR_FREE:
        free(*s);
        *s = NULL;
        return true;
    case VIRT_XDR_ENCODE:
        if (!*s)
            return fail(x, "NULL string");
        len = strlen(*s);
        if (len > limit)
            return fail(x, "string too long");
        n = (uint32_t)len;
        return word(x, &n) && putBytes(x, *s, len);
    case VIRT_XDR_DECODE:
        *s = NULL;
        if (!word(x, &n))
            return false;
        if (n > limit)
            return fail(x, "string too long");
        if (!available(x, padded(n)))
            return false;
        if (memchr(x->buf + x->pos, '\0', n))
            return fail(x, "string with an embedded NUL byte");
        if (!(copy = malloc((size_t)n + 1)))
            return fail(x, "out of memory");
        memcpy(copy, x->buf + x->pos, n);
        copy[n] = '\0';
        x->pos += padded(n);
        *s = copy;
        return true;
    }
    return fail(x, "bad operation");
}

bool
virtXDROpaqueFixed(virtXDR *x, void *p, uint32_t n)
{
    switch (x->op) {
    case VIRT_XDR_FREE:
        return true;
    case VIRT_XDR_ENCODE:
        return putBytes(x, p, n);
    case VIRT_XDR_DECODE:
        return getBytes(x, p, n);
    }
    return fail(x, "bad operation");
}

bool
virtXDROpaqueVar(virtXDR *x, void **p, uint32_t *n, uint32_t max)
{
    uint32_t limit = limitOf(x, max);

    switch (x->op) {
    case VIRT_XDR_FREE:
        free(*p);
        *p = NULL;
        *n = 0;
        return true;
    case VIRT_XDR_ENCODE:
        if (*n > limit)
            return fail(x, "opaque data too long");
        if (*n && !*p)
            return fail(x, "NULL opaque data");
        return word(x, n) && putBytes(x, *p, *n);
    case VIRT_XDR_DECODE:
        *p = NULL;
        if (!word(x, n))
            return false;
        if (*n > limit) {
            *n = 0;
            return fail(x, "opaque data too long");
        }
        if (!available(x, padded(*n))) {
            *n = 0;
            return false;
        }
        if (*n == 0)
            return true;
        if (!(*p = malloc(*n))) {
            *n = 0;
            return fail(x, "out of memory");
        }
        return getBytes(x, *p, *n);
    }
    return fail(x, "bad operation");
}

bool
virtXDRVector(virtXDR *x, void *items, uint32_t n, size_t elemsize, virtXDRCodec codec)
{
    unsigned char *base = items;
    uint32_t i;

    for (i = 0; i < n; i++) {
        if (!codec(x, base + (size_t)i * elemsize))
            return false;
    }
    return true;
}

bool
virtXDRArray(virtXDR *x, void **items, uint32_t *n, uint32_t max,
             size_t elemsize, virtXDRCodec codec)
{
    uint32_t limit = max ? max : UINT32_MAX;
    uint32_t i;

    switch (x->op) {
    case VIRT_XDR_FREE:
        if (*items) {
            for (i = 0; i < *n; i++)
                codec(x, (unsigned char *)*items + (size_t)i * elemsize);
        }
        free(*items);
        *items = NULL;
        *n = 0;
        return true;
    case VIRT_XDR_ENCODE:
        if (*n > limit)
            return fail(x, "array too long");
        if (*n && !*items)
            return fail(x, "NULL array");
        return word(x, n) && virtXDRVector(x, *items, *n, elemsize, codec);
    case VIRT_XDR_DECODE:
        *items = NULL;
        if (!word(x, n))
            return false;
        /* Every element takes at least 4 bytes on the wire, so a count
         * the remaining data cannot hold is refused before allocating. */
        if (*n > limit || *n > (x->len - x->pos) / 4) {
            uint32_t bad = *n;
            *n = 0;
            return fail(x, bad > limit ? "array too long" : "truncated data");
        }
        if (*n == 0)
            return true;
        if (!(*items = calloc(*n, elemsize))) {
            *n = 0;
            return fail(x, "out of memory");
        }
        /* On failure the caller frees: *n covers every slot, and slots not
         * reached yet are zero, which FREE handles. */
        return virtXDRVector(x, *items, *n, elemsize, codec);
    }
    return fail(x, "bad operation");
}

bool
virtXDROptional(virtXDR *x, void **p, size_t size, virtXDRCodec codec)
{
    uint32_t present;

    switch (x->op) {
    case VIRT_XDR_FREE:
        if (*p) {
            codec(x, *p);
            free(*p);
            *p = NULL;
        }
        return true;
    case VIRT_XDR_ENCODE:
        present = *p != NULL;
        if (!word(x, &present))
            return false;
        return !present || codec(x, *p);
    case VIRT_XDR_DECODE:
        *p = NULL;
        if (!word(x, &present))
            return false;
        /* any non-zero flag means "present", as xdr_pointer reads it: go-libvirt
         * writes 01 00 00 00 */
        if (!present)
            return true;
        if (!(*p = calloc(1, size)))
            return fail(x, "out of memory");
        return codec(x, *p);
    }
    return fail(x, "bad operation");
}

void
virtXDRFreeWith(virtXDRCodec codec, void *v)
{
    virtXDR x;

    if (!v)
        return;
    virtXDRInitFree(&x);
    codec(&x, v);
}

#define ANY(name, type)                                  \
    bool virtXDRAny##name(virtXDR *x, void *v)           \
    {                                                    \
        return virtXDR##name(x, (type *)v);              \
    }

ANY(Int, int32_t)
ANY(UInt, uint32_t)
ANY(Hyper, int64_t)
ANY(UHyper, uint64_t)
ANY(Double, double)
ANY(Float, float)
ANY(Bool, int32_t)
ANY(Char, char)
ANY(UChar, unsigned char)
ANY(Short, int16_t)
ANY(UShort, uint16_t)
