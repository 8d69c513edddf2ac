/* test_readonly.c: on a read-only connection every mutating function is
 * refused with VIR_ERR_OPERATION_DENIED before the module is entered (the
 * fixture's slots abort if reached). The list below is checked against
 * the API table, so a new mutating function must be added here. */
#include "fixture-env.h"
#include "harness.h"

#include "apitable.h"
#include "internal.h"

static virConnectPtr conn;
static virDomainPtr dom;
static virNetworkPtr net;
static const char xml[] = "<domain/>";

#define CALL(name) { #name, callOf_##name }
#define DEFINE_CALL(name, expr) \
    static int callOf_##name(void) { return (expr) ? 0 : -1; }

static unsigned char cpumap[1] = { 1 };
static virTypedParameter params[1];

DEFINE_CALL(virDomainCreateXML, virDomainCreateXML(conn, xml, 0) == NULL)
DEFINE_CALL(virDomainCreateLinux, virDomainCreateLinux(conn, xml, 0) == NULL)
DEFINE_CALL(virDomainDefineXML, virDomainDefineXML(conn, xml) == NULL)
DEFINE_CALL(virDomainUndefine, virDomainUndefine(dom) == -1)
DEFINE_CALL(virDomainCreate, virDomainCreate(dom) == -1)
DEFINE_CALL(virDomainDestroy, virDomainDestroy(dom) == -1)
DEFINE_CALL(virDomainShutdown, virDomainShutdown(dom) == -1)
DEFINE_CALL(virDomainReboot, virDomainReboot(dom, 0) == -1)
DEFINE_CALL(virDomainSuspend, virDomainSuspend(dom) == -1)
DEFINE_CALL(virDomainResume, virDomainResume(dom) == -1)
DEFINE_CALL(virDomainSave, virDomainSave(dom, "/nonexistent/save") == -1)
DEFINE_CALL(virDomainRestore, virDomainRestore(conn, "/nonexistent/save") == -1)
DEFINE_CALL(virDomainCoreDump, virDomainCoreDump(dom, "/nonexistent/dump", 0) == -1)
DEFINE_CALL(virDomainSetMaxMemory, virDomainSetMaxMemory(dom, 1024) == -1)
DEFINE_CALL(virDomainSetMemory, virDomainSetMemory(dom, 1024) == -1)
DEFINE_CALL(virDomainSetVcpus, virDomainSetVcpus(dom, 1) == -1)
DEFINE_CALL(virDomainPinVcpu, virDomainPinVcpu(dom, 0, cpumap, 1) == -1)
DEFINE_CALL(virDomainAttachDevice, virDomainAttachDevice(dom, "<disk/>") == -1)
DEFINE_CALL(virDomainDetachDevice, virDomainDetachDevice(dom, "<disk/>") == -1)
DEFINE_CALL(virDomainSetAutostart, virDomainSetAutostart(dom, 1) == -1)
DEFINE_CALL(virDomainSetSchedulerParameters, virDomainSetSchedulerParameters(dom, params, 0) == -1)
DEFINE_CALL(virDomainMigrate, virDomainMigrate(dom, conn, 0, NULL, NULL, 0) == NULL)
DEFINE_CALL(virNetworkCreateXML, virNetworkCreateXML(conn, "<network/>") == NULL)
DEFINE_CALL(virNetworkDefineXML, virNetworkDefineXML(conn, "<network/>") == NULL)
DEFINE_CALL(virNetworkUndefine, virNetworkUndefine(net) == -1)
DEFINE_CALL(virNetworkCreate, virNetworkCreate(net) == -1)
DEFINE_CALL(virNetworkDestroy, virNetworkDestroy(net) == -1)
DEFINE_CALL(virNetworkSetAutostart, virNetworkSetAutostart(net, 1) == -1)

static const struct {
    const char *name;
    int (*call)(void);
} mutating[] = {
    CALL(virDomainCreateXML), CALL(virDomainCreateLinux), CALL(virDomainDefineXML),
    CALL(virDomainUndefine), CALL(virDomainCreate), CALL(virDomainDestroy),
    CALL(virDomainShutdown), CALL(virDomainReboot), CALL(virDomainSuspend),
    CALL(virDomainResume), CALL(virDomainSave), CALL(virDomainRestore),
    CALL(virDomainCoreDump), CALL(virDomainSetMaxMemory), CALL(virDomainSetMemory),
    CALL(virDomainSetVcpus), CALL(virDomainPinVcpu), CALL(virDomainAttachDevice),
    CALL(virDomainDetachDevice), CALL(virDomainSetAutostart),
    CALL(virDomainSetSchedulerParameters), CALL(virDomainMigrate),
    CALL(virNetworkCreateXML), CALL(virNetworkDefineXML), CALL(virNetworkUndefine),
    CALL(virNetworkCreate), CALL(virNetworkDestroy), CALL(virNetworkSetAutostart),
};
#define NMUTATING (sizeof(mutating) / sizeof(mutating[0]))

static void quiet(void *data, virErrorPtr err)
{
    (void) data; (void) err;
}

/* Every function the API description marks "rw" is in the list above. */
static void testListIsComplete(void)
{
    size_t described = 0;
    for (size_t i = 0; i < virtApiFunctionCount; i++) {
        if (!virtApiFunctions[i].mutates)
            continue;
        described++;
        bool found = false;
        for (size_t j = 0; j < NMUTATING; j++)
            found |= strcmp(mutating[j].name, virtApiFunctions[i].name) == 0;
        if (!found)
            printf("#   %s mutates but is not tested here\n", virtApiFunctions[i].name);
        CHECK(found);
    }
    CHECK(described == NMUTATING);
}

static void testRefused(void)
{
    for (size_t i = 0; i < NMUTATING; i++) {
        virConnResetLastError(conn);
        CHECK(mutating[i].call() == 0);
        virErrorPtr e = virGetLastError();
        printf("# %s: %s\n", mutating[i].name, virGetLastErrorMessage());
        CHECK(e && e->code == VIR_ERR_OPERATION_DENIED);
        CHECK(e && e->conn == conn);
        CHECK(e && e->message && strstr(e->message, mutating[i].name));
        virErrorPtr ce = virConnGetLastError(conn);
        CHECK(ce && ce->code == VIR_ERR_OPERATION_DENIED);
    }
}

/* Reading stays allowed on the read-only connection. */
static void testReadsAllowed(void)
{
    CHECK_STR(virConnectGetType(conn), "fixgood");
    CHECK_STR(virDomainGetName(dom), "fixture");
    CHECK_STR(virNetworkGetName(net), "default");
}

int main(void)
{
    fixtureInit();
    virSetErrorFunc(NULL, quiet);
    const char *dir = fixtureFolder("ro");
    fixtureManifest(dir, "fixgood", NULL);
    fixtureUseFolders(dir, NULL);

    conn = virConnectOpenReadOnly("fixgood:///ok");
    if (!conn) {
        printf("Bail out! cannot open fixgood:///ok: %s\n", virGetLastErrorMessage());
        return 1;
    }
    dom = virDomainLookupByID(conn, 3);
    net = virNetworkLookupByName(conn, "default");
    if (!dom || !net) {
        printf("Bail out! lookups failed: %s\n", virGetLastErrorMessage());
        return 1;
    }
    TEST_RUN(testListIsComplete);
    TEST_RUN(testRefused);
    TEST_RUN(testReadsAllowed);
    virDomainFree(dom);
    virNetworkFree(net);
    CHECK(virConnectClose(conn) == 0);
    TEST_DONE();
}
