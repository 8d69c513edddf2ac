/* test_concurrency.c: read-only refusal, and several threads working on
 * one connection at once. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testmod_util.h"

static void testReadOnly(void)
{
    virSetErrorFunc(NULL, testmodQuiet);
    virConnectPtr c = virConnectOpenReadOnly("test:///default");
    CHECK(c != NULL);
    if (!c)
        return;
    virDomainPtr d = virDomainLookupByName(c, "test");
    virNetworkPtr n = virNetworkLookupByName(c, "default");
    virDomainInfo info;
    CHECK(d && virDomainGetInfo(d, &info) == 0);
    CHECK_ERR(virDomainSuspend(d) < 0, VIR_ERR_OPERATION_DENIED);
    CHECK_ERR(virDomainDestroy(d) < 0, VIR_ERR_OPERATION_DENIED);
    CHECK_ERR(virDomainSetMemory(d, 1024) < 0, VIR_ERR_OPERATION_DENIED);
    CHECK_ERR(virDomainDefineXML(c, TESTMOD_DOM_XML("ro")) == NULL, VIR_ERR_OPERATION_DENIED);
    CHECK_ERR(virDomainCreateXML(c, TESTMOD_DOM_XML("ro"), 0) == NULL, VIR_ERR_OPERATION_DENIED);
    CHECK_ERR(virDomainSave(d, "/tmp/never") < 0, VIR_ERR_OPERATION_DENIED);
    CHECK_ERR(virNetworkDestroy(n) < 0, VIR_ERR_OPERATION_DENIED);
    CHECK_ERR(virNetworkDefineXML(c, "<network><name>x</name></network>") == NULL,
              VIR_ERR_OPERATION_DENIED);
    CHECK(virDomainIsActive(d) == 1);
    if (d)
        virDomainFree(d);
    if (n)
        virNetworkFree(n);
    virConnectClose(c);
}

#define NTHREADS 8
#define ROUNDS 200

static virConnectPtr shared;
static int threadFailures;
static pthread_mutex_t failLock = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg)
{
    int idx = (int) (long) arg, bad = 0;
    char xml[256], name[32];
    for (int r = 0; r < ROUNDS; r++) {
        snprintf(name, sizeof(name), "w%d-%d", idx, r);
        snprintf(xml, sizeof(xml),
                 "<domain type='test'><name>%s</name><memory>1024</memory>"
                 "<os><type>hvm</type></os></domain>", name);
        virDomainPtr d = virDomainDefineXML(shared, xml);
        if (!d) {
            bad++;
            continue;
        }
        virDomainInfo info;
        bad += virDomainCreate(d) != 0;
        bad += virDomainSuspend(d) != 0;
        bad += virDomainResume(d) != 0;
        bad += virDomainGetInfo(d, &info) != 0;
        virDomainPtr l = virDomainLookupByName(shared, name);
        bad += l == NULL;
        if (l)
            virDomainFree(l);
        bad += virConnectNumOfDomains(shared) < 1;
        bad += virDomainDestroy(d) != 0;
        bad += virDomainUndefine(d) != 0;
        virDomainFree(d);
    }
    pthread_mutex_lock(&failLock);
    threadFailures += bad;
    pthread_mutex_unlock(&failLock);
    return NULL;
}

static void testThreads(void)
{
    pthread_t t[NTHREADS];
    shared = testmodOpenDefault();
    CHECK(shared != NULL);
    for (long i = 0; i < NTHREADS; i++)
        pthread_create(&t[i], NULL, worker, (void *) i);
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(t[i], NULL);
    CHECK(threadFailures == 0);
    CHECK(virConnectNumOfDomains(shared) == 1);
    CHECK(virConnectNumOfDefinedDomains(shared) == 0);
    virConnectClose(shared);
}

int main(void)
{
    TEST_RUN(testReadOnly);
    TEST_RUN(testThreads);
    TEST_DONE();
}
