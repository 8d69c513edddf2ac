/* test_codecs.c: every type of abi/remote.proto (and every union arm)
 * decodes from a valid sample, encodes back to the same bytes, and frees
 * cleanly; every truncation of a sample, and the sample with a byte
 * appended in the middle, is refused or decoded without over-reading
 * (run under valgrind to see the reads). */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
/* The same test runs on the golden protocol of the generator test. */
#ifndef CODEC_HEADER
# define CODEC_HEADER "remote_protocol.h"
# define CODEC_SAMPLES "codec-samples.h"
#endif
#include CODEC_HEADER
#include CODEC_SAMPLES

#ifndef MIN_SAMPLES
# define MIN_SAMPLES 100
#endif
#define NSAMPLES (sizeof(virtXDRSamples) / sizeof(virtXDRSamples[0]))

/* Decode into a fresh heap object, so valgrind sees any overrun. */
static bool
decodeSample(const virtXDRSample *s, const unsigned char *bytes, size_t len,
             void **obj, size_t *used)
{
    virtXDR x;
    bool ok;

    *obj = calloc(1, s->size);
    virtXDRInitDecode(&x, bytes, len);
    ok = s->codec(&x, *obj);
    *used = x.pos;
    return ok;
}

static void
roundTrips(void)
{
    size_t i, failures = 0;

    for (i = 0; i < NSAMPLES; i++) {
        const virtXDRSample *s = &virtXDRSamples[i];
        unsigned char *copy = malloc(s->len ? s->len : 1);
        void *obj;
        size_t used, outlen = 0;
        virtXDR enc;
        unsigned char *out;
        bool ok;

        memcpy(copy, s->bytes, s->len);
        ok = decodeSample(s, copy, s->len, &obj, &used);
        virtXDRInitEncode(&enc);
        if (ok)
            ok = s->codec(&enc, obj);
        out = virtXDRSteal(&enc, &outlen);
        if (!ok || used != s->len || outlen != s->len ||
            (s->len && memcmp(out, s->bytes, s->len) != 0)) {
            printf("#   round trip of %s (sample %zu) failed\n", s->name, i);
            failures++;
        }
        free(out);
        virtXDRFreeWith(s->codec, obj);
        free(obj);
        free(copy);
    }
    CHECK(failures == 0);
    CHECK(NSAMPLES >= MIN_SAMPLES);
}

static void
truncationsRefused(void)
{
    size_t i, cut, failures = 0;

    for (i = 0; i < NSAMPLES; i++) {
        const virtXDRSample *s = &virtXDRSamples[i];

        for (cut = 0; cut < s->len; cut++) {
            unsigned char *copy = malloc(cut ? cut : 1);
            void *obj;
            size_t used;

            memcpy(copy, s->bytes, cut);
            if (decodeSample(s, copy, cut, &obj, &used)) {
                printf("#   %s accepted %zu of %zu bytes\n", s->name, cut, s->len);
                failures++;
            }
            virtXDRFreeWith(s->codec, obj);
            free(obj);
            free(copy);
        }
    }
    CHECK(failures == 0);
}

/* Overwrite each aligned word with 0xffffffff: a huge length, count,
 * discriminant or flag must be refused (or read as a plain number) with
 * no over-read and no giant allocation. */
static void
corruptWordsSafe(void)
{
    size_t i, w;

    for (i = 0; i < NSAMPLES; i++) {
        const virtXDRSample *s = &virtXDRSamples[i];

        for (w = 0; w + 4 <= s->len; w += 4) {
            unsigned char *copy = malloc(s->len);
            void *obj;
            size_t used;

            memcpy(copy, s->bytes, s->len);
            memset(copy + w, 0xff, 4);
            (void)decodeSample(s, copy, s->len, &obj, &used);
            CHECK(used <= s->len);
            virtXDRFreeWith(s->codec, obj);
            free(obj);
            free(copy);
        }
    }
}

/* Freeing a zeroed object of any type is harmless. */
static void
freeZeroed(void)
{
    size_t i;

    for (i = 0; i < NSAMPLES; i++) {
        void *obj = calloc(1, virtXDRSamples[i].size);
        virtXDRFreeWith(virtXDRSamples[i].codec, obj);
        free(obj);
    }
    CHECK(1);
}

int
main(void)
{
    TEST_RUN(roundTrips);
    TEST_RUN(truncationsRefused);
    TEST_RUN(corruptWordsSafe);
    TEST_RUN(freeZeroed);
    TEST_DONE();
}
