/* test_default.c: the built-in host of test:///default, the connection
 * and node questions, and lookups. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testmod_util.h"

static void testConnectFacts(void)
{
    virConnectPtr c = testmodOpenDefault();
    unsigned long ver = 0;
    CHECK(c != NULL);
    CHECK_STR(virConnectGetType(c), "TEST");
    CHECK(virConnectGetVersion(c, &ver) == 0 && ver == 2);
    CHECK(virConnectGetMaxVcpus(c, NULL) == 32);
    char *uri = virConnectGetURI(c);
    CHECK_STR(uri, "test:///default");
    free(uri);
    char host[256] = "";
    gethostname(host, sizeof(host) - 1);
    char *h = virConnectGetHostname(c);
    CHECK_STR(h, host);
    free(h);
    CHECK(virConnectIsAlive(c) == 1);
    CHECK(virConnectIsSecure(c) == 1);
    CHECK(virConnectIsEncrypted(c) == 0);
    virConnectClose(c);
}

static void testNodeInfo(void)
{
    virConnectPtr c = testmodOpenDefault();
    virNodeInfo ni;
    CHECK(virNodeGetInfo(c, &ni) == 0);
    CHECK_STR(ni.model, "i686");
    CHECK(ni.memory == 3145728);
    CHECK(ni.cpus == 16 && ni.mhz == 1400 && ni.nodes == 2);
    CHECK(ni.sockets == 2 && ni.cores == 2 && ni.threads == 2);
    virConnectClose(c);
}

static void testCapabilities(void)
{
    virConnectPtr c = testmodOpenDefault();
    char *caps = virConnectGetCapabilities(c);
    CHECK(caps != NULL);
    if (caps) {
        CHECK(strstr(caps, "<arch>i686</arch>") != NULL);
        CHECK(strstr(caps, "<os_type>hvm</os_type>") != NULL);
        CHECK(strstr(caps, "<os_type>xen</os_type>") != NULL);
        CHECK(strstr(caps, "<arch name='i686'>") != NULL);
        CHECK(strstr(caps, "<pae/>") != NULL);
    }
    free(caps);
    virConnectClose(c);
}

static void testDefaultDomain(void)
{
    virConnectPtr c = testmodOpenDefault();
    virDomainPtr d = virDomainLookupByName(c, "test");
    char uuid[VIR_UUID_STRING_BUFLEN];
    virDomainInfo info;
    int state = -1, reason = -1, autostart = -1;
    CHECK(d != NULL);
    if (!d)
        goto out;
    CHECK(virDomainGetID(d) == 1);
    CHECK(virDomainGetUUIDString(d, uuid) == 0);
    CHECK_STR(uuid, "6695eb01-f6a4-8304-79aa-97f2502e193f");
    CHECK(virDomainGetInfo(d, &info) == 0);
    CHECK(info.state == VIR_DOMAIN_RUNNING);
    CHECK(info.maxMem == 8388608 && info.memory == 2097152 && info.nrVirtCpu == 2);
    CHECK(virDomainGetMaxMemory(d) == 8388608);
    CHECK(virDomainGetMaxVcpus(d) == 2);
    char *os = virDomainGetOSType(d);
    CHECK_STR(os, "linux");
    free(os);
    CHECK(virDomainIsActive(d) == 1);
    CHECK(virDomainIsPersistent(d) == 1);
    CHECK(virDomainGetAutostart(d, &autostart) == 0 && autostart == 0);
    CHECK(virDomainGetState(d, &state, &reason, 0) == 0 && state == VIR_DOMAIN_RUNNING);
    int np = 0;
    char *sched = virDomainGetSchedulerType(d, &np);
    CHECK_STR(sched, "fair");
    CHECK(np == 1);
    free(sched);
    char *xml = virDomainGetXMLDesc(d, 0);
    CHECK(xml && strstr(xml, "/guest/diskimage1") && strstr(xml, "aa:bb:cc:dd:ee:ff") &&
          strstr(xml, "testnet0") && strstr(xml, "<name>test</name>") && strstr(xml, "id='1'"));
    free(xml);
    virDomainFree(d);
 out:
    virConnectClose(c);
}

static void testLookups(void)
{
    virConnectPtr c = testmodOpenDefault();
    unsigned char raw[VIR_UUID_BUFLEN];
    virDomainPtr d = virDomainLookupByID(c, 1);
    CHECK(d && strcmp(virDomainGetName(d), "test") == 0);
    CHECK(d && virDomainGetUUID(d, raw) == 0);
    if (d)
        virDomainFree(d);
    d = virDomainLookupByUUID(c, raw);
    CHECK(d && strcmp(virDomainGetName(d), "test") == 0);
    if (d)
        virDomainFree(d);
    d = virDomainLookupByUUIDString(c, "6695eb01-f6a4-8304-79aa-97f2502e193f");
    CHECK(d && virDomainGetID(d) == 1);
    if (d)
        virDomainFree(d);
    CHECK_ERR(virDomainLookupByName(c, "nope") == NULL, VIR_ERR_NO_DOMAIN);
    CHECK_ERR(virDomainLookupByID(c, 99) == NULL, VIR_ERR_NO_DOMAIN);
    raw[0] ^= 0xff;
    CHECK_ERR(virDomainLookupByUUID(c, raw) == NULL, VIR_ERR_NO_DOMAIN);
    CHECK_ERR(virDomainLookupByUUIDString(c, "00000000-0000-0000-0000-000000000001") == NULL,
              VIR_ERR_NO_DOMAIN);
    virConnectClose(c);
}

static void testListing(void)
{
    virConnectPtr c = testmodOpenDefault();
    int ids[4];
    char *names[4];
    virDomainPtr *all = NULL;
    CHECK(virConnectNumOfDomains(c) == 1);
    CHECK(virConnectListDomains(c, ids, 4) == 1 && ids[0] == 1);
    CHECK(virConnectNumOfDefinedDomains(c) == 0);
    CHECK(virConnectListDefinedDomains(c, names, 4) == 0);
    int n = virConnectListAllDomains(c, &all, 0);
    CHECK(n == 1);
    for (int i = 0; i < n; i++)
        virDomainFree(all[i]);
    free(all);
    CHECK(virConnectListAllDomains(c, NULL, VIR_CONNECT_LIST_DOMAINS_INACTIVE) == 0);
    CHECK(virConnectListAllDomains(c, NULL, VIR_CONNECT_LIST_DOMAINS_PERSISTENT |
                                            VIR_CONNECT_LIST_DOMAINS_RUNNING) == 1);
    virConnectClose(c);
}

static void testSharedState(void)
{
    /* Two connections of one process see the same default host. */
    virConnectPtr a = testmodOpenDefault();
    virConnectPtr b = testmodOpenDefault();
    virDomainPtr d = virDomainDefineXML(a, TESTMOD_DOM_XML("shared"));
    CHECK(d != NULL);
    virDomainPtr e = virDomainLookupByName(b, "shared");
    CHECK(e != NULL);
    if (e)
        virDomainFree(e);
    if (d)
        virDomainFree(d);
    virConnectClose(a);
    virConnectClose(b);
    /* Once all are closed, the next one starts from the built-in host. */
    a = testmodOpenDefault();
    CHECK_ERR(virDomainLookupByName(a, "shared") == NULL, VIR_ERR_NO_DOMAIN);
    virConnectClose(a);
}

/* Read-only: the XML dump works, the secure one (secrets) is refused. */
static void testReadOnlyDump(void)
{
    virConnectPtr ro = virConnectOpenReadOnly("test:///default");
    virDomainPtr d = ro ? virDomainLookupByName(ro, "test") : NULL;
    CHECK(d != NULL);
    char *xml = d ? virDomainGetXMLDesc(d, 0) : NULL;
    CHECK(xml && strstr(xml, "<name>test</name>"));
    free(xml);
    CHECK_ERR(d && virDomainGetXMLDesc(d, VIR_DOMAIN_XML_SECURE) == NULL, VIR_ERR_OPERATION_DENIED);
    if (d)
        virDomainFree(d);
    if (ro)
        virConnectClose(ro);
}

static void testOpenErrors(void)
{
    virSetErrorFunc(NULL, testmodQuiet);
    CHECK_ERR(virConnectOpen("test:///") == NULL, VIR_ERR_INVALID_ARG);
}

int main(void)
{
    TEST_RUN(testConnectFacts);
    TEST_RUN(testNodeInfo);
    TEST_RUN(testCapabilities);
    TEST_RUN(testDefaultDomain);
    TEST_RUN(testLookups);
    TEST_RUN(testListing);
    TEST_RUN(testSharedState);
    TEST_RUN(testReadOnlyDump);
    TEST_RUN(testOpenErrors);
    TEST_DONE();
}
