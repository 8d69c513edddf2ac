/* test_objects.c: handles and reference counts (black-box: libvirt.so.0),
 * invalid pointers, and several threads opening, calling and closing at
 * once. Connections come from the fixture module "fixgood". */
#include <pthread.h>

#include "fixture-env.h"
#include "harness.h"

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

static void quiet(void *data, virErrorPtr err)
{
    (void) data; (void) err;
}

static unsigned long opensSoFar(virConnectPtr c)
{
    unsigned long v = 0;
    CHECK(virConnectGetVersion(c, &v) == 0);
    return v;
}

static void testConnectRefs(void)
{
    virConnectPtr c = virConnectOpen("fixgood:///ok");
    CHECK(c != NULL);
    if (!c)
        return;
    CHECK(virConnectRef(c) == 0);
    CHECK(virConnectRef(c) == 0);
    CHECK(virConnectClose(c) == 2);
    CHECK(virConnectClose(c) == 1);
    CHECK_STR(virConnectGetType(c), "fixgood");   /* still open */
    CHECK(virConnectClose(c) == 0);
    CHECK(virConnectRef(NULL) == -1);
    CHECK(virGetLastError() && virGetLastError()->code == VIR_ERR_INVALID_CONN);
}

/* A domain or network handle keeps its connection alive. */
static void testHandlesKeepConnection(void)
{
    virConnectPtr c = virConnectOpen("fixgood:///ok");
    CHECK(c != NULL);
    if (!c)
        return;
    virDomainPtr d = virDomainLookupByID(c, 7);
    virNetworkPtr n = virNetworkLookupByName(c, "default");
    CHECK(d && n);
    if (!d || !n)
        return;
    CHECK(virDomainGetConnect(d) == c);
    CHECK(virNetworkGetConnect(n) == c);
    CHECK(virDomainGetID(d) == 7);
    CHECK_STR(virDomainGetName(d), "fixture");
    char uuid[VIR_UUID_STRING_BUFLEN];
    CHECK(virDomainGetUUIDString(d, uuid) == 0);
    CHECK_STR(uuid, "f10c5700-0102-0304-0506-0708090a0b0c");
    unsigned char raw[VIR_UUID_BUFLEN];
    CHECK(virNetworkGetUUID(n, raw) == 0 && raw[0] == 0xf1);

    /* two handles hold the connection: closing returns 2 and keeps it */
    CHECK(virConnectClose(c) == 2);
    CHECK_STR(virConnectGetType(virDomainGetConnect(d)), "fixgood");
    CHECK(virDomainRef(d) == 0);
    CHECK(virDomainFree(d) == 0);
    CHECK_STR(virDomainGetName(d), "fixture");   /* one reference left */
    CHECK(virDomainFree(d) == 0);
    CHECK_STR(virNetworkGetName(n), "default");
    CHECK_STR(virConnectGetType(virNetworkGetConnect(n)), "fixgood");
    CHECK(virNetworkRef(n) == 0);
    CHECK(virNetworkFree(n) == 0);
    CHECK(virNetworkFree(n) == 0);   /* last handle: the connection closes */
}

static void testInvalidPointers(void)
{
    CHECK(virConnectGetType(NULL) == NULL);
    CHECK(virGetLastError() && virGetLastError()->code == VIR_ERR_INVALID_CONN);
    CHECK(strstr(virGetLastErrorMessage(), "virConnectGetType"));
    CHECK(virConnectNumOfDomains(NULL) == -1);
    CHECK(virGetLastError() && virGetLastError()->code == VIR_ERR_INVALID_CONN);
    CHECK(virConnectGetURI(NULL) == NULL);
    CHECK(virGetLastError() && virGetLastError()->code == VIR_ERR_INVALID_CONN);

    CHECK(virDomainFree(NULL) == -1);
    CHECK(virGetLastError() && virGetLastError()->code == VIR_ERR_INVALID_DOMAIN);
    CHECK(virDomainGetConnect(NULL) == NULL);
    CHECK(virGetLastError() && virGetLastError()->code == VIR_ERR_INVALID_DOMAIN);
    CHECK(virDomainSuspend(NULL) == -1);
    CHECK(virGetLastError() && virGetLastError()->code == VIR_ERR_INVALID_DOMAIN);
    CHECK(virDomainGetID(NULL) == (unsigned int) -1);
    CHECK(virNetworkFree(NULL) == -1);
    CHECK(virGetLastError() && virGetLastError()->code == VIR_ERR_INVALID_NETWORK);

    /* a pointer to something that is not a handle */
    static char junk[256];
    memset(junk, 0x5a, sizeof(junk));
    CHECK(virConnectGetType((virConnectPtr) junk) == NULL);
    CHECK(virGetLastError() && virGetLastError()->code == VIR_ERR_INVALID_CONN);
    CHECK(virDomainGetName((virDomainPtr) junk) == NULL);
    CHECK(virGetLastError() && virGetLastError()->code == VIR_ERR_INVALID_DOMAIN);

    /* arguments: NULL pointers and out-of-range numbers */
    virConnectPtr c = virConnectOpen("fixgood:///ok");
    CHECK(c != NULL);
    if (!c)
        return;
    CHECK(virConnectGetVersion(c, NULL) == -1);
    CHECK(virGetLastError() && virGetLastError()->code == VIR_ERR_INVALID_ARG);
    CHECK(virDomainLookupByID(c, -1) == NULL);
    CHECK(virGetLastError() && virGetLastError()->code == VIR_ERR_INVALID_ARG);
    CHECK(virDomainLookupByUUIDString(c, "not-a-uuid") == NULL);
    CHECK(virGetLastError() && virGetLastError()->code == VIR_ERR_INVALID_ARG);
    CHECK(virConnectGetLibVersion(c, NULL) == -1);
    unsigned long lib = 0;
    CHECK(virConnectGetLibVersion(c, &lib) == 0 && lib > 0);
    CHECK(virConnectClose(c) == 0);
}

/* Many threads open, call and close on their own and on a shared
 * connection at once; every answer must be right and nothing may leak. */
#define NTHREADS 8
#define ROUNDS 40

static virConnectPtr shared;

static void *worker(void *arg)
{
    int *bad = arg;
    for (int i = 0; i < ROUNDS; i++) {
        virConnectPtr c = virConnectOpen(i % 2 ? "fixgood:///ok" : "fixother:///ok");
        if (!c) {
            (*bad)++;
            continue;
        }
        const char *type = virConnectGetType(c);
        if (!type || strcmp(type, i % 2 ? "fixgood" : "fixother") != 0)
            (*bad)++;
        virDomainPtr d = virDomainLookupByID(shared, i);
        if (!d || virDomainGetConnect(d) != shared || (int) virDomainGetID(d) != i)
            (*bad)++;
        if (virConnectRef(shared) != 0)
            (*bad)++;
        if (virDomainLookupByID(c, -1) != NULL || !virGetLastError() ||
            virGetLastError()->code != VIR_ERR_INVALID_ARG)
            (*bad)++;
        if (d)
            virDomainFree(d);
        virConnectClose(shared);
        if (virConnectClose(c) != 0)
            (*bad)++;
    }
    return NULL;
}

static void testThreads(void)
{
    pthread_t t[NTHREADS];
    int bad[NTHREADS] = { 0 };
    shared = virConnectOpen("fixgood:///ok");
    CHECK(shared != NULL);
    if (!shared)
        return;
    unsigned long before = opensSoFar(shared);
    for (int i = 0; i < NTHREADS; i++)
        pthread_create(&t[i], NULL, worker, &bad[i]);
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < NTHREADS; i++)
        CHECK(bad[i] == 0);
    /* fixgood was opened NTHREADS * ROUNDS / 2 more times */
    CHECK(opensSoFar(shared) == before + NTHREADS * ROUNDS / 2);
    CHECK(virConnectClose(shared) == 0);
    CHECK(fixtureMapped("virt-fixture-") == 2);
}

int main(void)
{
    fixtureInit();
    virSetErrorFunc(NULL, quiet);
    const char *dir = fixtureFolder("manifests");
    fixtureManifest(dir, "fixgood", NULL);
    fixtureManifest(dir, "fixother", NULL);
    fixtureUseFolders(dir, NULL);

    TEST_RUN(testConnectRefs);
    TEST_RUN(testHandlesKeepConnection);
    TEST_RUN(testInvalidPointers);
    TEST_RUN(testThreads);
    TEST_DONE();
}
