/* fuzz.h: helpers shared by the libFuzzer targets of tests/fuzz. */
#ifndef VIRT_FUZZ_H
#define VIRT_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input as a malloc'ed NUL-terminated string (an embedded NUL ends
 * it early, as it would for any caller holding a C string). */
static inline char *fuzzString(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        abort();
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* A property the parser promises failed: report it and crash, so the
 * fuzzer keeps the input as a reproducer. */
#define FUZZ_ASSERT(cond) \
    do { \
        if (!(cond)) { \
            fprintf(stderr, "%s:%d: assertion failed: %s\n", __FILE__, __LINE__, #cond); \
            abort(); \
        } \
    } while (0)

#endif /* VIRT_FUZZ_H */
