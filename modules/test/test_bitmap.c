/* test_bitmap.c: cpu and node sets as libvirt reads and writes them
 * (numatune node sets, cpu pinning), held as one bool per cpu or node. */
#include <stdlib.h>
#include <string.h>

#include "test_driver.h"
#include "util.h"

/* A cpu or node set in libvirt's syntax ("0-3,^2,7") into bits; -1 after
 * reporting what does not parse. */
int testBitmapParse(virConnectPtr conn, const char *text, bool *bits)
{
    const char *p = text;
    memset(bits, 0, TEST_BITMAP_MAX * sizeof(*bits));
    while (*p == ' ')
        p++;
    if (!*p)
        goto bad;
    for (;;) {
        bool neg = *p == '^';
        if (neg)
            p++;
        char *end;
        if (*p < '0' || *p > '9')
            goto bad;
        unsigned long a = strtoul(p, &end, 10), b = a;
        p = end;
        if (*p == '-' && !neg) {
            p++;
            if (*p < '0' || *p > '9')
                goto bad;
            b = strtoul(p, &end, 10);
            p = end;
        }
        if (a >= TEST_BITMAP_MAX || b >= TEST_BITMAP_MAX || b < a)
            goto bad;
        for (unsigned long i = a; i <= b; i++)
            bits[i] = !neg;
        while (*p == ' ')
            p++;
        if (!*p)
            return 0;
        if (*p != ',')
            goto bad;
        p++;
        while (*p == ' ')
            p++;
    }
 bad:
    testCore->error(conn, VIR_FROM_NONE, VIR_ERR_INVALID_ARG, "Failed to parse bitmap '%s'", text);
    return -1;
}

/* Bits as libvirt writes them: each run of two or more set bits a range. */
char *testBitmapFormat(const bool *bits)
{
    virtBuf b = { 0 };
    virtBufAdd(&b, "");
    for (int i = 0; i < TEST_BITMAP_MAX; i++) {
        if (!bits[i])
            continue;
        int j = i;
        while (j + 1 < TEST_BITMAP_MAX && bits[j + 1])
            j++;
        if (j > i)
            virtBufPrintf(&b, "%s%d-%d", b.len ? "," : "", i, j);
        else
            virtBufPrintf(&b, "%s%d", b.len ? "," : "", i);
        i = j;
    }
    return virtBufSteal(&b);
}
