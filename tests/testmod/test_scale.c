/* test_scale.c: 100,000 defined domains; lookups by name and UUID must
 * stay fast (hash tables), listing linear. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "testmod_util.h"

#define NDOMAINS 100000

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void testManyDomains(void)
{
    virConnectPtr c = testmodOpenDefault();
    char xml[256], name[32];
    int failures = 0;
    double t0 = now();
    for (int i = 0; i < NDOMAINS; i++) {
        snprintf(xml, sizeof(xml),
                 "<domain type='test'><name>s%d</name><uuid>00000000-0000-0000-0000-%012d</uuid>"
                 "<memory>1024</memory><os><type>hvm</type></os></domain>", i, i);
        virDomainPtr d = virDomainDefineXML(c, xml);
        if (!d) {
            failures++;
            continue;
        }
        virDomainFree(d);
    }
    double defined = now();
    CHECK(failures == 0);
    CHECK(virConnectNumOfDefinedDomains(c) == NDOMAINS);

    /* 100,000 lookups of each kind: constant time each. */
    for (int i = 0; i < NDOMAINS; i++) {
        snprintf(name, sizeof(name), "s%d", (i * 7919) % NDOMAINS);
        virDomainPtr d = virDomainLookupByName(c, name);
        if (!d) {
            failures++;
            continue;
        }
        unsigned char uuid[VIR_UUID_BUFLEN];
        virDomainGetUUID(d, uuid);
        virDomainFree(d);
        d = virDomainLookupByUUID(c, uuid);
        failures += d == NULL;
        if (d)
            virDomainFree(d);
    }
    double looked = now();
    CHECK(failures == 0);

    char **names = calloc(NDOMAINS, sizeof(*names));
    int n = virConnectListDefinedDomains(c, names, NDOMAINS);
    CHECK(n == NDOMAINS);
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
    virDomainPtr *all = NULL;
    n = virConnectListAllDomains(c, &all, 0);
    CHECK(n == NDOMAINS + 1);
    for (int i = 0; i < n; i++)
        virDomainFree(all[i]);
    free(all);
    double listed = now();
    printf("# define %.2fs, 200k lookups %.2fs, listing %.2fs\n",
           defined - t0, looked - defined, listed - looked);
    /* Quadratic lookups would take minutes here. */
    CHECK(looked - defined < 10.0);
    CHECK(listed - looked < 10.0);
    virConnectClose(c);
}

int main(void)
{
    TEST_RUN(testManyDomains);
    TEST_DONE();
}
