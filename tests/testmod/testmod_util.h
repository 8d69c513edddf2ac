/* testmod_util.h: helpers shared by the test-module tests: a silent error
 * handler and checks on the last error's code. */
#ifndef TESTMOD_UTIL_H
#define TESTMOD_UTIL_H

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "harness.h"

static void testmodQuiet(void *data, virErrorPtr err)
{
    (void) data;
    (void) err;
}

static inline int testmodLastCode(void)
{
    virErrorPtr e = virGetLastError();
    return e ? e->code : VIR_ERR_OK;
}

/* The call failed and the last error has this code. */
#define CHECK_ERR(call_failed, code)                                            \
    do {                                                                        \
        CHECK(call_failed);                                                     \
        if (testmodLastCode() != (code)) {                                      \
            virErrorPtr e_ = virGetLastError();                                 \
            printf("#   %s:%d: expected error %d, got %d (%s)\n", __FILE__,     \
                   __LINE__, (int) (code), testmodLastCode(),                   \
                   e_ && e_->message ? e_->message : "no message");             \
            harnessCurrentFailed = 1;                                           \
        }                                                                       \
        virResetLastError();                                                    \
    } while (0)

/* A fresh test:///default: the shared host is rebuilt once its last
 * connection closes, so every test that opens and closes starts clean. */
static inline virConnectPtr testmodOpenDefault(void)
{
    virSetErrorFunc(NULL, testmodQuiet);
    return virConnectOpen("test:///default");
}

#define TESTMOD_DOM_XML(name)                                                   \
    "<domain type='test'><name>" name "</name><memory>65536</memory>"           \
    "<vcpu>2</vcpu><os><type>hvm</type></os></domain>"

#endif /* TESTMOD_UTIL_H */
