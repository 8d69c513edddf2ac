/* test_readonly.c: on a read-only connection every mutating function is
 * refused with VIR_ERR_OPERATION_DENIED before the module is entered (the
 * fixture's slots abort if reached). The calls come from abi/libvirt.api
 * and the companion descriptions (rocalls.h) and are checked against the
 * API table; the companions' entry points are linked in with the core. */
#include "fixture-env.h"
#include "harness.h"

#include "apitable.h"
#include "internal.h"

static virConnectPtr conn;
static virDomainPtr dom;
static virNetworkPtr net;

/* One call per mutating function, generated from the API description with
 * arguments that pass every check made before the read-only one. */
#include "rocalls.h"

static virtRoFixture fix;
static unsigned char scratch[4096];

#define NMUTATING VIRT_RO_CALL_COUNT

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
            found |= strcmp(virtRoCalls[j].name, virtApiFunctions[i].name) == 0;
        if (!found)
            printf("#   %s mutates but is not tested here\n", virtApiFunctions[i].name);
        CHECK(found);
    }
    CHECK(described == NMUTATING);
}

static void testRefused(void)
{
    for (size_t i = 0; i < NMUTATING; i++) {
        if (!virtRoCalls[i].call) {
            /* a check of its own comes first (see gen_rocalls) */
            printf("# %s: not called\n", virtRoCalls[i].name);
            continue;
        }
        virConnResetLastError(conn);
        CHECK(virtRoCalls[i].call(&fix) == 0);
        virErrorPtr e = virGetLastError();
        printf("# %s: %s\n", virtRoCalls[i].name, virGetLastErrorMessage());
        CHECK(e && e->code == VIR_ERR_OPERATION_DENIED);
        CHECK(e && e->conn == conn);
        CHECK(e && e->message && strstr(e->message, virtRoCalls[i].name));
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

/* A secure dump asks for secrets: refused read-only, before the module. */
static void testSecureFlag(void)
{
    virErrorPtr e;
    CHECK(virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_SECURE) == NULL);
    CHECK((e = virGetLastError()) && e->code == VIR_ERR_OPERATION_DENIED);
    CHECK(virDomainSnapshotGetXMLDesc(fix.snapshot, VIR_DOMAIN_SNAPSHOT_XML_SECURE) == NULL);
    CHECK((e = virGetLastError()) && e->code == VIR_ERR_OPERATION_DENIED);
    CHECK(virDomainCheckpointGetXMLDesc(fix.checkpoint, VIR_DOMAIN_CHECKPOINT_XML_SECURE) == NULL);
    CHECK((e = virGetLastError()) && e->code == VIR_ERR_OPERATION_DENIED);
    /* (without the flag the call reaches the module, whose slots all trap
     * here; test:///default's read-only dumps are checked elsewhere) */
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
    static const unsigned char uuid[VIRT_UUID_LEN] = { 1 };
    fix = (virtRoFixture) {
        .conn = conn, .dom = dom, .net = net, .scratch = scratch,
        .port = virtHandleNewNetworkPort(&virtCoreServiceTable, net, uuid),
        .pool = virtHandleNewStoragePool(&virtCoreServiceTable, conn, "pool", uuid),
        .vol = virtHandleNewStorageVol(&virtCoreServiceTable, conn, "pool", "vol", "/pool/vol"),
        .iface = virtHandleNewInterface(&virtCoreServiceTable, conn, "eth0", "52:54:00:00:00:01"),
        .dev = virtHandleNewNodeDevice(&virtCoreServiceTable, conn, "computer"),
        .secret = virtHandleNewSecret(&virtCoreServiceTable, conn, uuid, 0, NULL),
        .nwfilter = virtHandleNewNWFilter(&virtCoreServiceTable, conn, "filter", uuid),
        .binding = virtHandleNewNWFilterBinding(&virtCoreServiceTable, conn, "vnet0", "filter"),
        .snapshot = virtHandleNewDomainSnapshot(&virtCoreServiceTable, dom, "snap"),
        .checkpoint = virtHandleNewDomainCheckpoint(&virtCoreServiceTable, dom, "check"),
    };
    TEST_RUN(testListIsComplete);
    TEST_RUN(testRefused);
    TEST_RUN(testReadsAllowed);
    TEST_RUN(testSecureFlag);
    virNetworkPortFree(fix.port);
    virStoragePoolFree(fix.pool);
    virStorageVolFree(fix.vol);
    virInterfaceFree(fix.iface);
    virNodeDeviceFree(fix.dev);
    virSecretFree(fix.secret);
    virNWFilterFree(fix.nwfilter);
    virNWFilterBindingFree(fix.binding);
    virDomainSnapshotFree(fix.snapshot);
    virDomainCheckpointFree(fix.checkpoint);
    virDomainFree(dom);
    virNetworkFree(net);
    CHECK(virConnectClose(conn) == 0);
    TEST_DONE();
}
