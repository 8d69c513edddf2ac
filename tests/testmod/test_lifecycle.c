/* test_lifecycle.c: defining, starting, stopping and pausing domains,
 * with libvirt's errors for each wrong state. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "testmod_util.h"

static void testDefineStartStop(void)
{
    virConnectPtr c = testmodOpenDefault();
    int state, reason;
    virDomainPtr d = virDomainDefineXML(c, TESTMOD_DOM_XML("d1"));
    CHECK(d != NULL);
    if (!d)
        goto out;
    CHECK((int) virDomainGetID(d) == -1);
    CHECK(virDomainIsActive(d) == 0 && virDomainIsPersistent(d) == 1);
    CHECK(virConnectNumOfDefinedDomains(c) == 1);
    char *names[2] = { NULL, NULL };
    CHECK(virConnectListDefinedDomains(c, names, 2) == 1);
    CHECK_STR(names[0], "d1");
    free(names[0]);
    CHECK(virDomainGetState(d, &state, &reason, 0) == 0 && state == VIR_DOMAIN_SHUTOFF);

    CHECK(virDomainCreate(d) == 0);
    CHECK((int) virDomainGetID(d) == 2);
    CHECK(virDomainGetState(d, &state, &reason, 0) == 0 && state == VIR_DOMAIN_RUNNING &&
          reason == VIR_DOMAIN_RUNNING_BOOTED);
    virDomainPtr byId = virDomainLookupByID(c, 2);
    CHECK(byId && strcmp(virDomainGetName(byId), "d1") == 0);
    if (byId)
        virDomainFree(byId);
    CHECK_ERR(virDomainCreate(d) < 0, VIR_ERR_INTERNAL_ERROR);
    CHECK_ERR(virDomainResume(d) < 0, VIR_ERR_INTERNAL_ERROR);

    CHECK(virDomainSuspend(d) == 0);
    CHECK(virDomainGetState(d, &state, &reason, 0) == 0 && state == VIR_DOMAIN_PAUSED &&
          reason == VIR_DOMAIN_PAUSED_USER);
    CHECK_ERR(virDomainSuspend(d) < 0, VIR_ERR_INTERNAL_ERROR);
    CHECK(virDomainResume(d) == 0);
    CHECK(virDomainGetState(d, &state, &reason, 0) == 0 && state == VIR_DOMAIN_RUNNING &&
          reason == VIR_DOMAIN_RUNNING_UNPAUSED);
    CHECK(virDomainReboot(d, 0) == 0);

    CHECK(virDomainShutdown(d) == 0);
    CHECK(virDomainGetState(d, &state, &reason, 0) == 0 && state == VIR_DOMAIN_SHUTOFF &&
          reason == VIR_DOMAIN_SHUTOFF_SHUTDOWN);
    CHECK((int) virDomainGetID(d) == -1);
    CHECK_ERR(virDomainLookupByID(c, 2) == NULL, VIR_ERR_NO_DOMAIN);
    CHECK_ERR(virDomainShutdown(d) < 0, VIR_ERR_INTERNAL_ERROR);
    CHECK_ERR(virDomainSuspend(d) < 0, VIR_ERR_INTERNAL_ERROR);
    CHECK_ERR(virDomainDestroy(d) < 0, VIR_ERR_OPERATION_INVALID);
    CHECK_ERR(virDomainReboot(d, 0) < 0, VIR_ERR_OPERATION_INVALID);

    CHECK(virDomainCreate(d) == 0);
    CHECK((int) virDomainGetID(d) == 3);
    CHECK(virDomainDestroy(d) == 0);
    CHECK(virDomainGetState(d, &state, &reason, 0) == 0 && reason == VIR_DOMAIN_SHUTOFF_DESTROYED);

    CHECK(virDomainUndefine(d) == 0);
    CHECK_ERR(virDomainLookupByName(c, "d1") == NULL, VIR_ERR_NO_DOMAIN);
    CHECK_ERR(virDomainGetInfo(d, &(virDomainInfo){ 0 }) < 0, VIR_ERR_NO_DOMAIN);
    CHECK_ERR(virDomainUndefine(d) < 0, VIR_ERR_NO_DOMAIN);
    virDomainFree(d);
 out:
    virConnectClose(c);
}

static void testTransient(void)
{
    virConnectPtr c = testmodOpenDefault();
    virDomainPtr d = virDomainCreateXML(c, TESTMOD_DOM_XML("tr"), 0);
    CHECK(d != NULL);
    if (!d)
        goto out;
    CHECK(virDomainIsActive(d) == 1 && virDomainIsPersistent(d) == 0);
    CHECK((int) virDomainGetID(d) > 1);
    CHECK(virConnectNumOfDomains(c) == 2);
    CHECK(virDomainDestroy(d) == 0);
    CHECK_ERR(virDomainLookupByName(c, "tr") == NULL, VIR_ERR_NO_DOMAIN);
    virDomainFree(d);

    /* The old name of the call works the same. */
    d = virDomainCreateLinux(c, TESTMOD_DOM_XML("tr2"), 0);
    CHECK(d && virDomainIsActive(d) == 1);
    if (d) {
        CHECK(virDomainShutdown(d) == 0);
        virDomainFree(d);
    }
    CHECK(virConnectNumOfDomains(c) == 1);

    /* Undefining a running persistent domain makes it transient. */
    d = virDomainLookupByName(c, "test");
    CHECK(d && virDomainUndefine(d) == 0);
    CHECK(d && virDomainIsPersistent(d) == 0 && virDomainIsActive(d) == 1);
    CHECK(d && virDomainDestroy(d) == 0);
    CHECK_ERR(virDomainLookupByName(c, "test") == NULL, VIR_ERR_NO_DOMAIN);
    if (d)
        virDomainFree(d);

    virDomainPtr p = virDomainCreateXML(c, TESTMOD_DOM_XML("paused"), VIR_DOMAIN_START_PAUSED);
    int state = 0, reason = 0;
    CHECK(p && virDomainGetState(p, &state, &reason, 0) == 0 && state == VIR_DOMAIN_PAUSED);
    if (p)
        virDomainFree(p);
 out:
    virConnectClose(c);
}

static void testDefineErrors(void)
{
    virConnectPtr c = testmodOpenDefault();
    const char *sameName = "<domain type='test'><name>test</name><memory>1024</memory>"
                           "<os><type>hvm</type></os></domain>";
    const char *sameUUID = "<domain type='test'><name>other</name>"
                           "<uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid><memory>1024</memory>"
                           "<os><type>hvm</type></os></domain>";
    CHECK_ERR(virDomainDefineXML(c, sameName) == NULL, VIR_ERR_OPERATION_FAILED);
    CHECK_ERR(virDomainDefineXML(c, sameUUID) == NULL, VIR_ERR_OPERATION_FAILED);
    CHECK_ERR(virDomainCreateXML(c, sameName, 0) == NULL, VIR_ERR_OPERATION_FAILED);
    CHECK_ERR(virDomainCreateXML(c, sameUUID, 0) == NULL, VIR_ERR_OPERATION_FAILED);
    CHECK(virDomainDefineXML(c, "<domain") == NULL);
    CHECK(virGetLastError() != NULL);
    virResetLastError();
    CHECK(virDomainDefineXML(c, "<network><name>x</name></network>") == NULL);
    virResetLastError();

    /* Redefining with the same name and UUID updates the definition; a
     * running domain takes it at its next start. */
    const char *bigger = "<domain type='test'><name>test</name>"
                         "<uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid><memory>4096</memory>"
                         "<os><type>hvm</type></os></domain>";
    virDomainPtr d = virDomainDefineXML(c, bigger);
    CHECK(d != NULL);
    if (d) {
        CHECK(virDomainGetMaxMemory(d) == 8388608);
        char *inactive = virDomainGetXMLDesc(d, VIR_DOMAIN_XML_INACTIVE);
        CHECK(inactive && strstr(inactive, "4096"));
        free(inactive);
        CHECK(virDomainDestroy(d) == 0);
        CHECK(virDomainGetMaxMemory(d) == 4096);
        virDomainFree(d);
    }
    virConnectClose(c);
}

static void testInfoAndXML(void)
{
    virConnectPtr c = testmodOpenDefault();
    virDomainPtr d = virDomainLookupByName(c, "test");
    virDomainInfo a, b;
    CHECK(virDomainGetInfo(d, &a) == 0);
    struct timespec ts = { 0, 2000000 };
    nanosleep(&ts, NULL);
    CHECK(virDomainGetInfo(d, &b) == 0);
    CHECK(b.cpuTime > a.cpuTime);
    /* the wall clock, as libvirt's test driver gives it: paused too */
    CHECK(virDomainSuspend(d) == 0);
    CHECK(virDomainGetInfo(d, &a) == 0 && a.state == VIR_DOMAIN_PAUSED);
    nanosleep(&ts, NULL);
    CHECK(virDomainGetInfo(d, &b) == 0 && b.cpuTime > a.cpuTime && b.cpuTime % 1000 == 0);
    CHECK(virDomainResume(d) == 0);

    char *live = virDomainGetXMLDesc(d, 0);
    CHECK(live && strstr(live, "<domain type='test' id='1'>"));
    free(live);
    CHECK(virDomainDestroy(d) == 0);
    char *off = virDomainGetXMLDesc(d, 0);
    CHECK(off && !strstr(off, "id="));
    free(off);
    CHECK(virDomainGetInfo(d, &a) == 0 && a.state == VIR_DOMAIN_SHUTOFF);
    int autostart = 0;
    CHECK(virDomainSetAutostart(d, 1) == 0);
    CHECK(virDomainGetAutostart(d, &autostart) == 0 && autostart == 1);
    CHECK(virConnectListAllDomains(c, NULL, VIR_CONNECT_LIST_DOMAINS_AUTOSTART) == 1);
    CHECK(virConnectListAllDomains(c, NULL, VIR_CONNECT_LIST_DOMAINS_ACTIVE) == 0);
    virDomainFree(d);
    virConnectClose(c);
}

int main(void)
{
    TEST_RUN(testDefineStartStop);
    TEST_RUN(testTransient);
    TEST_RUN(testDefineErrors);
    TEST_RUN(testInfoAndXML);
    TEST_DONE();
}
