/* test_screenshot.c: a screenshot of the (imaginary) screen: a small
 * binary PPM image handed to the application's stream all at once. */
#include <stdio.h>
#include <string.h>

#include "test_driver.h"
#include "util.h"

#define SHOT_W 16
#define SHOT_H 16

char *testDomainScreenshot(virDomainPtr domain, virStreamPtr stream, unsigned int screen,
                           unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, NULL);
    virConnectPtr conn = testCore->handle_conn(domain);
    unsigned char image[32 + SHOT_W * SHOT_H * 3];
    testState *st;

    if (flags) {
        TEST_ERROR(conn, VIR_ERR_INVALID_ARG, "unsupported flags (0x%x) in function %s", flags, __func__);
        return NULL;
    }
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return NULL;
    pthread_mutex_unlock(&st->lock);
    if (screen != 0) {
        TEST_ERROR(conn, VIR_ERR_INVALID_ARG, "no screen %u: the test domain has one screen", screen);
        return NULL;
    }
    /* "P6 width height maxval" then RGB triples: a colour gradient. */
    int head = snprintf((char *) image, 32, "P6\n%d %d\n255\n", SHOT_W, SHOT_H);
    unsigned char *px = image + head;
    for (int y = 0; y < SHOT_H; y++)
        for (int x = 0; x < SHOT_W; x++) {
            *px++ = (unsigned char) (x * 16);
            *px++ = (unsigned char) (y * 16);
            *px++ = 0x80;
        }
    if (testCore->stream_attach_buffer(stream, image, (size_t) (px - image)) < 0)
        return NULL;
    return virtStrdup("image/x-portable-pixmap");
}
