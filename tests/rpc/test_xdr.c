/* test_xdr.c: the XDR primitives byte by byte, and the limits that keep a
 * hostile peer from making the decoder over-read or over-allocate. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "xdr.h"

/* Encode with fn, compare to the expected bytes. */
#define ENCODES_TO(call, expect, n)                                  \
    do {                                                             \
        virtXDR x_;                                                  \
        virtXDRInitEncode(&x_);                                      \
        CHECK(call);                                                 \
        CHECK(x_.len == (n) && memcmp(x_.buf, (expect), (n)) == 0);  \
        virtXDRDispose(&x_);                                         \
    } while (0)

static bool encInt(virtXDR *x, int32_t v) { return virtXDRInt(x, &v); }
static bool encUHyper(virtXDR *x, uint64_t v) { return virtXDRUHyper(x, &v); }
static bool encStr(virtXDR *x, const char *s) { char *c = (char *)s; return virtXDRString(x, &c, 0); }

static void
integers(void)
{
    virtXDR x;
    int32_t i = 0;
    uint32_t u = 0;
    int64_t h = 0;
    uint64_t uh = 0;
    double d = 0;
    static const unsigned char bytes[] = {
        0xff, 0xff, 0xff, 0xfe,                          /* int -2 */
        0x80, 0x00, 0x00, 0x00,                          /* uint 2^31 */
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfd,  /* hyper -3 */
        0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,  /* uhyper */
        0x3f, 0xf8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  /* double 1.5 */
    };

    ENCODES_TO(encInt(&x_, -2), bytes, 4);
    ENCODES_TO(encUHyper(&x_, 0x0102030405060708ULL), bytes + 16, 8);
    virtXDRInitDecode(&x, bytes, sizeof(bytes));
    CHECK(virtXDRInt(&x, &i) && i == -2);
    CHECK(virtXDRUInt(&x, &u) && u == 0x80000000u);
    CHECK(virtXDRHyper(&x, &h) && h == -3);
    CHECK(virtXDRUHyper(&x, &uh) && uh == 0x0102030405060708ULL);
    CHECK(virtXDRDouble(&x, &d) && d == 1.5);
    CHECK(x.pos == sizeof(bytes));
    /* Nothing left: every read fails, and says why. */
    CHECK(!virtXDRInt(&x, &i));
    CHECK(x.error && strstr(x.error, "truncated"));
}

static void
smallTypes(void)
{
    virtXDR x;
    char c = 0;
    unsigned char uc = 0;
    int16_t s = 0;
    uint16_t us = 0;
    int32_t b = 0;
    static const unsigned char bytes[] = {
        0xff, 0xff, 0xff, 0x80,     /* char -128, sign-extended like xdr_char */
        0x00, 0x00, 0x00, 0xc8,     /* unsigned char 200 */
        0xff, 0xff, 0x80, 0x00,     /* short -32768 */
        0x00, 0x00, 0xff, 0xff,     /* unsigned short 65535 */
        0x00, 0x00, 0x00, 0x02,     /* true: any non-zero word, as xdr_bool */
        0x01, 0x00, 0x00, 0x00,     /* true (go-libvirt's little-endian 1) */
    };

    virtXDRInitDecode(&x, bytes, sizeof(bytes));
    CHECK(virtXDRChar(&x, &c) && c == (char)-128);
    CHECK(virtXDRUChar(&x, &uc) && uc == 200);
    CHECK(virtXDRShort(&x, &s) && s == -32768);
    CHECK(virtXDRUShort(&x, &us) && us == 65535);
    CHECK(virtXDRBool(&x, &b) && b == 1);
    b = 0;
    CHECK(virtXDRBool(&x, &b) && b == 1);
}

static void
strings(void)
{
    virtXDR x;
    char *s = NULL;
    static const unsigned char hello[] = { 0, 0, 0, 5, 'h', 'e', 'l', 'l', 'o', 0, 0, 0 };
    static const unsigned char nul[] = { 0, 0, 0, 3, 'a', 0, 'b', 0 };
    static const unsigned char huge[] = { 0xff, 0xff, 0xff, 0xff, 'a', 'b', 'c', 'd' };
    static const unsigned char short4[] = { 0, 0, 0, 8, 'a', 'b', 'c', 'd' };
    static const unsigned char empty[] = { 0, 0, 0, 0 };

    ENCODES_TO(encStr(&x_, "hello"), hello, sizeof(hello));
    ENCODES_TO(encStr(&x_, ""), empty, 4);

    virtXDRInitDecode(&x, hello, sizeof(hello));
    CHECK(virtXDRString(&x, &s, 0) && s && strcmp(s, "hello") == 0 && x.pos == 12);
    free(s);

    /* Over the per-field maximum, or over the stream's cap. */
    virtXDRInitDecode(&x, hello, sizeof(hello));
    CHECK(!virtXDRString(&x, &s, 4) && s == NULL);
    virtXDRInitDecode(&x, hello, sizeof(hello));
    x.max_string = 3;
    CHECK(!virtXDRString(&x, &s, 100) && s == NULL);

    virtXDRInitDecode(&x, nul, sizeof(nul));
    CHECK(!virtXDRString(&x, &s, 0) && s == NULL);
    virtXDRInitDecode(&x, huge, sizeof(huge));
    CHECK(!virtXDRString(&x, &s, 0) && s == NULL);
    virtXDRInitDecode(&x, short4, sizeof(short4));
    CHECK(!virtXDRString(&x, &s, 0) && s == NULL);

    /* Encoding refuses NULL and over-long strings. */
    virtXDRInitEncode(&x);
    s = NULL;
    CHECK(!virtXDRString(&x, &s, 0));
    s = (char *)"toolong";
    CHECK(!virtXDRString(&x, &s, 3));
    virtXDRDispose(&x);
}

static void
opaques(void)
{
    virtXDR x;
    void *p = NULL;
    uint32_t n = 0;
    unsigned char fixed[3];
    static const unsigned char var[] = { 0, 0, 0, 3, 1, 2, 3, 0 };
    static const unsigned char three[] = { 9, 8, 7, 0 };

    virtXDRInitDecode(&x, var, sizeof(var));
    CHECK(virtXDROpaqueVar(&x, &p, &n, 16) && n == 3 && memcmp(p, "\1\2\3", 3) == 0);
    free(p);
    virtXDRInitDecode(&x, var, sizeof(var));
    CHECK(!virtXDROpaqueVar(&x, &p, &n, 2) && p == NULL && n == 0);
    virtXDRInitDecode(&x, var, 6);
    CHECK(!virtXDROpaqueVar(&x, &p, &n, 16) && p == NULL);

    virtXDRInitDecode(&x, three, sizeof(three));
    CHECK(virtXDROpaqueFixed(&x, fixed, 3) && fixed[2] == 7 && x.pos == 4);
    virtXDRInitDecode(&x, three, 3);
    CHECK(!virtXDROpaqueFixed(&x, fixed, 3));

    virtXDRInitEncode(&x);
    p = (void *)"\1\2\3";
    n = 3;
    CHECK(virtXDROpaqueVar(&x, &p, &n, 16));
    CHECK(x.len == sizeof(var) && memcmp(x.buf, var, sizeof(var)) == 0);
    virtXDRDispose(&x);
}

static void
arrays(void)
{
    virtXDR x;
    int32_t *items = NULL;
    uint32_t n = 0;
    static const unsigned char two[] = { 0, 0, 0, 2, 0, 0, 0, 7, 0, 0, 0, 9 };
    /* A count of a billion in a 12-byte message: refused before allocating. */
    static const unsigned char lying[] = { 0x40, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0, 9 };

    virtXDRInitDecode(&x, two, sizeof(two));
    CHECK(virtXDRArray(&x, (void **)&items, &n, 10, sizeof(int32_t), virtXDRAnyInt));
    CHECK(n == 2 && items[0] == 7 && items[1] == 9);
    free(items);
    items = NULL;

    virtXDRInitDecode(&x, two, sizeof(two));
    CHECK(!virtXDRArray(&x, (void **)&items, &n, 1, sizeof(int32_t), virtXDRAnyInt));
    CHECK(items == NULL && n == 0);
    virtXDRInitDecode(&x, lying, sizeof(lying));
    CHECK(!virtXDRArray(&x, (void **)&items, &n, 0, sizeof(int32_t), virtXDRAnyInt));
    CHECK(items == NULL && n == 0);
    virtXDRInitDecode(&x, two, 8);
    CHECK(!virtXDRArray(&x, (void **)&items, &n, 10, sizeof(int32_t), virtXDRAnyInt));
    CHECK(items == NULL && n == 0);
}

static void
optionals(void)
{
    virtXDR x;
    int32_t *p = NULL;
    int32_t v = 5;
    static const unsigned char some[] = { 0, 0, 0, 1, 0, 0, 0, 5 };
    static const unsigned char none[] = { 0, 0, 0, 0 };
    /* any non-zero flag is "present", as xdr_pointer reads it */
    static const unsigned char gostyle[] = { 1, 0, 0, 0, 0, 0, 0, 5 };

    virtXDRInitDecode(&x, some, sizeof(some));
    CHECK(virtXDROptional(&x, (void **)&p, sizeof(*p), virtXDRAnyInt) && p && *p == 5);
    virtXDRInitFree(&x);
    CHECK(virtXDROptional(&x, (void **)&p, sizeof(*p), virtXDRAnyInt) && p == NULL);

    virtXDRInitDecode(&x, none, sizeof(none));
    CHECK(virtXDROptional(&x, (void **)&p, sizeof(*p), virtXDRAnyInt) && p == NULL);
    virtXDRInitDecode(&x, gostyle, sizeof(gostyle));
    CHECK(virtXDROptional(&x, (void **)&p, sizeof(*p), virtXDRAnyInt) && p && *p == 5);
    virtXDRInitFree(&x);
    CHECK(virtXDROptional(&x, (void **)&p, sizeof(*p), virtXDRAnyInt) && p == NULL);

    virtXDRInitEncode(&x);
    p = &v;
    CHECK(virtXDROptional(&x, (void **)&p, sizeof(*p), virtXDRAnyInt));
    p = NULL;
    CHECK(virtXDROptional(&x, (void **)&p, sizeof(*p), virtXDRAnyInt));
    CHECK(x.len == 12 && memcmp(x.buf, some, 8) == 0 && memcmp(x.buf + 8, none, 4) == 0);
    virtXDRDispose(&x);
}

static void
encodeCap(void)
{
    virtXDR x;
    void *p = calloc(1, 1024 * 1024);
    uint32_t n = 1024 * 1024;
    int i;
    bool ok = true;

    /* 40 MiB of opaque data: the encoder stops at its 32 MiB cap. */
    virtXDRInitEncode(&x);
    x.max_string = n;
    for (i = 0; i < 40 && ok; i++)
        ok = virtXDROpaqueVar(&x, &p, &n, n);
    CHECK(!ok && x.error && x.len <= VIRT_XDR_MAX_ENCODED);
    virtXDRDispose(&x);
    free(p);
}

int
main(void)
{
    TEST_RUN(integers);
    TEST_RUN(smallTypes);
    TEST_RUN(strings);
    TEST_RUN(opaques);
    TEST_RUN(arrays);
    TEST_RUN(optionals);
    TEST_RUN(encodeCap);
    TEST_DONE();
}
