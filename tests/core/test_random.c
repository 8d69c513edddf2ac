/* test_random.c: UUIDs and random bytes come from the kernel or not at all.
 * This program defines getrandom() itself, so the core's calls reach the
 * fake below, which fails or short-reads as each test asks. */
#include <errno.h>
#include <stdbool.h>
#include <sys/random.h>

#include "harness.h"
#include "util.h"
#include "domain_def.h"

#include <libvirt/virterror.h>

static int failWith;     /* errno to fail with, 0: answer */
static size_t chunk;     /* bytes per call when answering, 0: all */
static int interrupts;   /* EINTR answers before the real ones */
static int calls;

ssize_t getrandom(void *buf, size_t len, unsigned int flags)
{
    (void) flags;
    calls++;
    if (interrupts > 0) {
        interrupts--;
        errno = EINTR;
        return -1;
    }
    if (failWith) {
        errno = failWith;
        return -1;
    }
    size_t n = chunk && chunk < len ? chunk : len;
    for (size_t i = 0; i < n; i++)
        ((unsigned char *) buf)[i] = (unsigned char) (0xA0 + i);
    return (ssize_t) n;
}

static void reset(void)
{
    failWith = 0;
    chunk = 0;
    interrupts = 0;
    calls = 0;
}

static void uuidFromKernel(void)
{
    unsigned char u[VIRT_UUID_LEN];
    reset();
    CHECK(virtUUIDGenerate(u) == 0);
    CHECK(calls == 1);
    CHECK((u[6] & 0xf0) == 0x40);     /* version 4 */
    CHECK((u[8] & 0xc0) == 0x80);     /* RFC 4122 variant */
    CHECK(u[0] == 0xA0 && u[15] == 0xA0 + 15);
}

static void failureIsReported(void)
{
    unsigned char u[VIRT_UUID_LEN] = { 0 };
    reset();
    failWith = EIO;
    errno = 0;
    CHECK(virtUUIDGenerate(u) == -1);
    CHECK(errno == EIO);
    /* nothing was made up in place of the missing randomness */
    for (size_t i = 0; i < sizeof(u); i++)
        CHECK(u[i] == 0);
    CHECK(virtRandomBytes(u, 3) == -1);
}

static void shortReadsAndInterruptsAreRetried(void)
{
    unsigned char u[VIRT_UUID_LEN];
    reset();
    chunk = 5;
    interrupts = 2;
    CHECK(virtUUIDGenerate(u) == 0);
    CHECK(calls == 2 + 4);           /* two EINTR, then 5 + 5 + 5 + 1 bytes */
    CHECK(u[5] == 0xA0 && u[15] == 0xA0);
}

static void oldKernelUsesUrandom(void)
{
    unsigned char u[VIRT_UUID_LEN] = { 0 };
    reset();
    failWith = ENOSYS;
    CHECK(virtUUIDGenerate(u) == 0);
    CHECK((u[6] & 0xf0) == 0x40);
}

static void domainWithoutUUIDFails(void)
{
    virtXMLError err = { 0 };
    reset();
    failWith = EIO;
    static const virtDomainDriverDefaults drv = { .mac_prefix = { 0x52, 0x54, 0x00 } };
    virtDomain *def = virtDomainModelParse(
        "<domain type='test'><name>d</name><memory>1024</memory>"
        "<os><type>hvm</type></os></domain>", 0, &drv, &err);
    CHECK(def == NULL);
    CHECK(err.code == VIR_ERR_INTERNAL_ERROR);
    CHECK(err.message && strstr(err.message, "cannot generate a UUID"));
    virtDomainModelFree(def);
    virtXMLErrorClear(&err);
    reset();
}

int main(void)
{
    TEST_RUN(uuidFromKernel);
    TEST_RUN(failureIsReported);
    TEST_RUN(shortReadsAndInterruptsAreRetried);
    TEST_RUN(oldKernelUsesUrandom);
    TEST_RUN(domainWithoutUUIDFails);
    TEST_DONE();
}
