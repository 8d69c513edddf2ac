/* test_loader.c: routing and module loading against the fixture modules
 * (tests/modules/fixture.c). Every failure must be a libvirt error naming
 * the URI, the module and the file involved; nothing may crash; other
 * modules must keep working afterwards; only the chosen module is mapped. */
#include "fixture-env.h"
#include "harness.h"

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

static const char *folder;   /* the manifests folder of this program */

static void quiet(void *data, virErrorPtr err)
{
    (void) data; (void) err;
}

/* Opening uri must fail with code and a message holding every needle. */
static void expectFail(const char *uri, int code, const char *n1, const char *n2, const char *n3)
{
    virConnectPtr c = virConnectOpen(uri);
    virErrorPtr e = virGetLastError();
    printf("# %s -> %s\n", uri, virGetLastErrorMessage());
    CHECK(c == NULL);
    if (c)
        virConnectClose(c);
    CHECK(e != NULL);
    if (!e)
        return;
    CHECK(e->code == code);
    CHECK(e->level == VIR_ERR_ERROR);
    CHECK(e->message != NULL);
    const char *needles[] = { n1, n2, n3 };
    for (int i = 0; i < 3; i++)
        if (needles[i] && e->message && !strstr(e->message, needles[i])) {
            printf("#   message lacks '%s'\n", needles[i]);
            CHECK(!"message names everything involved");
        }
}

/* The good fixture and the shipped test module both still open. */
static void othersStillWork(void)
{
    virConnectPtr c = virConnectOpen("fixgood:///ok");
    CHECK(c != NULL);
    if (c) {
        CHECK_STR(virConnectGetType(c), "fixgood");
        CHECK(virConnectClose(c) == 0);
    }
    c = virConnectOpen("test:///default");
    CHECK(c != NULL);
    if (c)
        CHECK(virConnectClose(c) == 0);
}

static void testOnlyChosenLoaded(void)
{
    CHECK(fixtureMapped("virt-fixture-") == 0);
    CHECK(fixtureMapped("virt-module-") == 0);
    virConnectPtr c = virConnectOpen("fixgood:///ok");
    CHECK(c != NULL);
    if (!c)
        return;
    CHECK(fixtureMapped("virt-fixture-fixgood.so") == 1);
    CHECK(fixtureMapped("virt-fixture-") == 1);
    CHECK(fixtureMapped("virt-module-") == 0);
    CHECK_STR(virConnectGetType(c), "fixgood");
    char *uri = virConnectGetURI(c);
    CHECK_STR(uri, "fixgood:///ok");
    free(uri);
    CHECK(virConnectClose(c) == 0);
}

static void testAbiMajor(void)
{
    expectFail("fixabimajor:///ok", VIR_ERR_NO_CONNECT, "fixabimajor:///ok",
               "module 'fixabimajor'", "virt-fixture-fixabimajor.so");
    CHECK(strstr(virGetLastErrorMessage(), "ABI"));
    othersStillWork();
}

static void testAbiMinorTooNew(void)
{
    expectFail("fixabiminor:///ok", VIR_ERR_NO_CONNECT, "fixabiminor:///ok",
               "module 'fixabiminor'", "virt-fixture-fixabiminor.so");
    CHECK(strstr(virGetLastErrorMessage(), "2.1"));
    othersStillWork();
}

static void testBadTable(void)
{
    expectFail("fixbadtable:///ok", VIR_ERR_NO_CONNECT, "fixbadtable:///ok",
               "module 'fixbadtable'", "virt-fixture-fixbadtable.so");
    CHECK(strstr(virGetLastErrorMessage(), "table"));
    expectFail("fixnotable:///ok", VIR_ERR_NO_CONNECT, "fixnotable:///ok",
               "module 'fixnotable'", "virt-fixture-fixnotable.so");
    /* A role added after the first ABI (storage) without its table. */
    fixtureWrite(folder, "fixnostorage.json",
                 "{\n  \"module\": \"fixnostorage\",\n  \"library\": \"virt-fixture-fixnostorage.so\",\n"
                 "  \"abi\": \"2.0\",\n  \"schemes\": [\"fixnostorage\"],\n"
                 "  \"roles\": [\"hypervisor\", \"network\", \"storage\"],\n  \"runs\": \"client\",\n"
                 "  \"summary\": \"fixture without its storage table\"\n}\n");
    expectFail("fixnostorage:///ok", VIR_ERR_NO_CONNECT, "fixnostorage:///ok",
               "module 'fixnostorage'", "virt-fixture-fixnostorage.so");
    CHECK(strstr(virGetLastErrorMessage(), "storage table"));
    othersStillWork();
}

static void testShortDescriptor(void)
{
    expectFail("fixshortdesc:///ok", VIR_ERR_NO_CONNECT, "fixshortdesc:///ok",
               "module 'fixshortdesc'", "virt-fixture-fixshortdesc.so");
    CHECK(strstr(virGetLastErrorMessage(), "descriptor"));
    othersStillWork();
}

static void testNoEntry(void)
{
    expectFail("fixnoentry:///ok", VIR_ERR_NO_CONNECT, "fixnoentry:///ok",
               "module 'fixnoentry'", "virt-fixture-fixnoentry.so");
    CHECK(strstr(virGetLastErrorMessage(), "virt_module_entry"));
    CHECK(strstr(virGetLastErrorMessage(), "fixnoentry.json"));
    othersStillWork();
}

/* A module whose own dependency is missing: the error keeps ld.so's
 * reason, naming the library that cannot be found. */
static void testDependencyMissing(void)
{
    expectFail("fixdepgone:///ok", VIR_ERR_NO_CONNECT, "fixdepgone:///ok",
               "module 'fixdepgone'", "virt-fixture-fixdepgone.so");
    CHECK(strstr(virGetLastErrorMessage(), "libfixgone.so: cannot open shared object file"));
    CHECK(fixtureMapped("virt-fixture-fixdepgone.so") == 0);
    othersStillWork();
}

static void testNameMismatch(void)
{
    expectFail("fixnamediff:///ok", VIR_ERR_NO_CONNECT, "fixnamediff:///ok",
               "somebody-else", "virt-fixture-fixnamediff.so");
    CHECK(strstr(virGetLastErrorMessage(), "fixnamediff.json"));
    othersStillWork();
}

static void testSchemeMismatch(void)
{
    expectFail("fixschemediff:///ok", VIR_ERR_NO_CONNECT, "fixschemediff:///ok",
               "module 'fixschemediff'", "virt-fixture-fixschemediff.so");
    CHECK(strstr(virGetLastErrorMessage(), "module claims elsewhere; manifest claims fixschemediff"));
    othersStillWork();
}

static void testRoleMismatch(void)
{
    expectFail("fixrolediff:///ok", VIR_ERR_NO_CONNECT, "fixrolediff:///ok",
               "module 'fixrolediff'", "virt-fixture-fixrolediff.so");
    CHECK(strstr(virGetLastErrorMessage(), "role"));
    othersStillWork();
}

static void testDeclines(void)
{
    expectFail("fixdecline:///ok", VIR_ERR_NO_CONNECT, "fixdecline:///ok",
               "module 'fixdecline'", "fixdecline.json");
    /* the good module declines paths it does not serve */
    expectFail("fixgood:///elsewhere", VIR_ERR_NO_CONNECT, "fixgood:///elsewhere",
               "module 'fixgood'", "fixgood.json");
    othersStillWork();
}

/* A module's own error reaches the application unchanged. */
static void testOpenFails(void)
{
    expectFail("fixopenfail:///ok", VIR_ERR_OPERATION_FAILED,
               "fixture fixopenfail cannot open fixopenfail:///ok", NULL, NULL);
    virErrorPtr e = virGetLastError();
    CHECK(e && e->domain == VIR_FROM_TEST);
    CHECK(e && e->conn == NULL);   /* the half-made connection is gone */
    othersStillWork();
}

/* A table shorter than the core's (an older module): the missing slots
 * answer VIR_ERR_NO_SUPPORT; the slots past its end trap if called. */
static void testOlderTable(void)
{
    virConnectPtr c = virConnectOpen("fixold:///ok");
    CHECK(c != NULL);
    if (!c)
        return;
    CHECK_STR(virConnectGetType(c), "fixold");
    CHECK(virConnectGetHostname(c) == NULL);
    CHECK(virGetLastError() && virGetLastError()->code == VIR_ERR_NO_SUPPORT);
    CHECK(strstr(virGetLastErrorMessage(), "virConnectGetHostname"));
    CHECK(virConnectNumOfDomains(c) == -1);
    CHECK(virGetLastError() && virGetLastError()->code == VIR_ERR_NO_SUPPORT);
    CHECK(virDomainLookupByID(c, 1) == NULL);
    CHECK(virGetLastError() && virGetLastError()->code == VIR_ERR_NO_SUPPORT);
    /* the network table is complete */
    virNetworkPtr n = virNetworkLookupByName(c, "default");
    CHECK(n != NULL);
    if (n)
        virNetworkFree(n);
    CHECK(virConnectClose(c) == 0);
}

static void testMissingLibrary(void)
{
    fixtureWrite(folder, "fixabsent.json",
                 "{\"module\": \"fixabsent\", \"library\": \"virt-fixture-absent.so\", \"abi\": \"2.0\","
                 " \"schemes\": [\"fixabsent\"], \"roles\": [\"hypervisor\"], \"runs\": \"client\","
                 " \"summary\": \"missing\"}\n");
    expectFail("fixabsent:///ok", VIR_ERR_NO_CONNECT, "fixabsent:///ok", "'fixabsent'",
               "virt-fixture-absent.so");
    CHECK(strstr(virGetLastErrorMessage(), "fixabsent.json"));
    othersStillWork();
}

static void testCorruptManifests(void)
{
    fixtureWrite(folder, "fixbadjson.json", "{\n  \"module\": \"fixbadjson\",\n  \"library\": \n}\n");
    expectFail("fixbadjson:///ok", VIR_ERR_NO_CONNECT, "fixbadjson:///ok", "fixbadjson.json:4", NULL);
    fixtureWrite(folder, "fixunknownkey.json",
                 "{\"module\": \"fixunknownkey\", \"library\": \"virt-fixture-fixgood.so\", \"abi\": \"2.0\","
                 " \"schemes\": [\"fixunknownkey\"], \"roles\": [\"hypervisor\"], \"runs\": \"client\","
                 " \"summary\": \"x\", \"colour\": \"blue\"}\n");
    expectFail("fixunknownkey:///ok", VIR_ERR_NO_CONNECT, "fixunknownkey:///ok",
               "fixunknownkey.json", "colour");
    fixtureWrite(folder, "fixbadrole.json",
                 "{\"module\": \"fixbadrole\", \"library\": \"virt-fixture-fixgood.so\", \"abi\": \"2.0\","
                 " \"schemes\": [\"fixbadrole\"], \"roles\": [\"storage-ish\"], \"runs\": \"client\","
                 " \"summary\": \"x\"}\n");
    expectFail("fixbadrole:///ok", VIR_ERR_NO_CONNECT, "fixbadrole:///ok", "fixbadrole.json", NULL);
    fixtureWrite(folder, "fixwrongname.json",
                 "{\"module\": \"someone\", \"library\": \"virt-fixture-fixgood.so\", \"abi\": \"2.0\","
                 " \"schemes\": [\"fixwrongname\"], \"roles\": [\"hypervisor\"], \"runs\": \"client\","
                 " \"summary\": \"x\"}\n");
    expectFail("fixwrongname:///ok", VIR_ERR_NO_CONNECT, "fixwrongname:///ok", "fixwrongname.json",
               "someone");
    othersStillWork();
}

/* With a remote module installed, a scheme nobody claims goes to the
 * daemon, as in libvirt; without one, the core says what it searched. */
static void testUnknownScheme(void)
{
    expectFail("nosuchdriver:///?socket=/nonexistent/sock", VIR_ERR_SYSTEM_ERROR,
               "Failed to connect socket", "/nonexistent/sock", NULL);
    setenv("VIRT_MODULE_MANIFESTS", folder, 1);
    expectFail("nosuchdriver:///", VIR_ERR_NO_CONNECT, "nosuchdriver:///", "'nosuchdriver'", folder);
    fixtureUseFolders(folder, NULL);
    othersStillWork();
}

static void testTwoClaimOneScheme(void)
{
    const char *dir = fixtureFolder("dup");
    fixtureManifest(dir, "fixgood", NULL);
    fixtureWrite(dir, "fixother.json",
                 "{\"module\": \"fixother\", \"library\": \"virt-fixture-fixother.so\", \"abi\": \"2.0\","
                 " \"schemes\": [\"fixgood\"], \"roles\": [\"hypervisor\", \"network\"],"
                 " \"runs\": \"client\", \"summary\": \"x\"}\n");
    fixtureUseFolders(dir, NULL);
    expectFail("fixgood:///ok", VIR_ERR_NO_CONNECT, "fixgood:///ok", "dup/fixgood.json",
               "dup/fixother.json");
    fixtureUseFolders(folder, NULL);
    othersStillWork();
}

/* The first folder holding NAME.json wins; "disabled": true there hides
 * the shipped manifest. */
static void testFolderPrecedence(void)
{
    const char *admin = fixtureFolder("admin");
    const char *shipped = fixtureFolder("shipped");
    fixtureManifest(shipped, "fixgood", NULL);
    fixtureWrite(admin, "fixgood.json", "{\"module\": \"fixgood\", \"disabled\": true, \"summary\": \"off\"}\n");
    fixtureUseFolders(admin, shipped);
    expectFail("fixgood:///ok", VIR_ERR_NO_CONNECT, "fixgood:///ok", "'fixgood'", "admin/fixgood.json");

    /* the admin folder disables the shipped test module too */
    fixtureWrite(admin, "test.json", "{\"module\": \"test\", \"disabled\": true}\n");
    expectFail("test:///default", VIR_ERR_NO_CONNECT, "test:///default", "'test'", "admin/test.json");

    /* listed the other way round, the shipped manifest wins */
    fixtureUseFolders(shipped, admin);
    virConnectPtr c = virConnectOpen("fixgood:///ok");
    CHECK(c != NULL);
    if (c)
        virConnectClose(c);

    /* an admin manifest that is itself broken hides the shipped one and says so */
    fixtureWrite(admin, "fixgood.json", "{ not json\n");
    fixtureUseFolders(admin, shipped);
    expectFail("fixgood:///ok", VIR_ERR_NO_CONNECT, "fixgood:///ok", "admin/fixgood.json", NULL);
    fixtureUseFolders(folder, NULL);
    othersStillWork();
}

/* NULL URI, nothing configured: probing modules are asked lowest order
 * first; the first that finds its hypervisor wins, later ones stay unloaded. */
static void testProbeOrder(void)
{
    const char *dir = fixtureFolder("probe");
    fixtureManifest(dir, "fixprobeyes", "\"probe\": 20");
    fixtureManifest(dir, "fixprobelate", "\"probe\": 30");
    fixtureManifest(dir, "fixprobeno", "\"probe\": 10");
    fixtureManifest(dir, "fixgood", NULL);
    setenv("VIRT_MODULE_MANIFESTS", dir, 1);
    virConnectPtr c = virConnectOpen(NULL);
    CHECK(c != NULL);
    if (c) {
        char *uri = virConnectGetURI(c);
        CHECK_STR(uri, "fixprobeyes:///ok");
        free(uri);
        virConnectClose(c);
    }
    CHECK(fixtureMapped("virt-fixture-fixprobelate.so") == 0);
    c = virConnectOpen("");
    CHECK(c != NULL);
    if (c)
        virConnectClose(c);

    /* nobody finds a hypervisor: a clear error */
    const char *none = fixtureFolder("probe-none");
    fixtureManifest(none, "fixprobeno", "\"probe\": 10");
    setenv("VIRT_MODULE_MANIFESTS", none, 1);
    expectFail(NULL, VIR_ERR_NO_CONNECT, "LIBVIRT_DEFAULT_URI", "uri_default", NULL);
    fixtureUseFolders(folder, NULL);
}

/* A host or a transport in the URI routes to the remote module; a module
 * that runs in the daemon is reached through it too. Neither is installed
 * in these folders. */
static void testRemoteRouting(void)
{
    const char *dir = fixtureFolder("noremote");
    fixtureManifest(dir, "fixgood", NULL);
    fixtureManifest(dir, "fixother", "\"runs\": \"daemon\"");
    fixtureWrite(dir, "fixother.json",
                 "{\"module\": \"fixother\", \"library\": \"virt-fixture-fixother.so\", \"abi\": \"2.0\","
                 " \"schemes\": [\"fixother\"], \"roles\": [\"hypervisor\"], \"runs\": \"daemon\","
                 " \"summary\": \"x\"}\n");
    setenv("VIRT_MODULE_MANIFESTS", dir, 1);
    expectFail("fixgood://127.0.0.1/ok", VIR_ERR_NO_CONNECT, "fixgood://127.0.0.1/ok", "'remote'", NULL);
    expectFail("fixgood+unix:///ok", VIR_ERR_NO_CONNECT, "fixgood+unix:///ok", "'remote'", NULL);
    expectFail("fixother:///ok", VIR_ERR_NO_CONNECT, "fixother:///ok", "'fixother'", "noremote/fixother.json");
    CHECK(fixtureMapped("virt-fixture-fixother.so") == 0);
    fixtureUseFolders(folder, NULL);
    othersStillWork();
}

/* The manifest's "abi" must be what the module was built for, also when
 * the module is already loaded under an earlier, matching manifest. */
static void testManifestAbiDiffers(void)
{
    virConnectPtr c = virConnectOpen("fixother:///ok");
    CHECK(c != NULL);
    if (c)
        virConnectClose(c);
    const char *dir = fixtureFolder("abidiff");
    fixtureWrite(dir, "fixother.json",
                 "{\"module\": \"fixother\", \"library\": \"virt-fixture-fixother.so\", \"abi\": \"1.7\","
                 " \"schemes\": [\"fixother\"], \"roles\": [\"hypervisor\", \"network\"],"
                 " \"runs\": \"client\", \"summary\": \"x\"}\n");
    setenv("VIRT_MODULE_MANIFESTS", dir, 1);
    expectFail("fixother:///ok", VIR_ERR_NO_CONNECT, "fixother:///ok", "module 'fixother'",
               "abidiff/fixother.json");
    CHECK(strstr(virGetLastErrorMessage(), "1.7"));
    fixtureUseFolders(folder, NULL);
    othersStillWork();
}

static void testRefused(void)
{
    /* Loading a refused module again gives the same error, not a crash. */
    for (int i = 0; i < 3; i++)
        expectFail("fixabimajor:///ok", VIR_ERR_NO_CONNECT, "fixabimajor:///ok", NULL, NULL);
    /* refused modules are unloaded again */
    CHECK(fixtureMapped("virt-fixture-fixabimajor.so") == 0);
    CHECK(fixtureMapped("virt-fixture-fixnamediff.so") == 0);
    CHECK(fixtureMapped("virt-fixture-fixnoentry.so") == 0);
    othersStillWork();
}

int main(void)
{
    static const char *all[] = {
        "fixgood", "fixother", "fixabimajor", "fixbadtable", "fixshortdesc", "fixnoentry",
        "fixnamediff", "fixschemediff", "fixrolediff", "fixdecline", "fixopenfail", "fixold",
        "fixnotable", "fixdepgone",
    };
    fixtureInit();
    virSetErrorFunc(NULL, quiet);
    folder = fixtureFolder("main");
    for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
        fixtureManifest(folder, all[i], NULL);
    fixtureWrite(folder, "fixabiminor.json",
                 "{\"module\": \"fixabiminor\", \"library\": \"virt-fixture-fixabiminor.so\", \"abi\": \"2.1\","
                 " \"schemes\": [\"fixabiminor\"], \"roles\": [\"hypervisor\", \"network\"],"
                 " \"runs\": \"client\", \"summary\": \"x\"}\n");
    fixtureUseFolders(folder, NULL);

    TEST_RUN(testOnlyChosenLoaded);
    TEST_RUN(testAbiMajor);
    TEST_RUN(testAbiMinorTooNew);
    TEST_RUN(testBadTable);
    TEST_RUN(testShortDescriptor);
    TEST_RUN(testNoEntry);
    TEST_RUN(testDependencyMissing);
    TEST_RUN(testNameMismatch);
    TEST_RUN(testSchemeMismatch);
    TEST_RUN(testRoleMismatch);
    TEST_RUN(testDeclines);
    TEST_RUN(testOpenFails);
    TEST_RUN(testOlderTable);
    TEST_RUN(testMissingLibrary);
    TEST_RUN(testCorruptManifests);
    TEST_RUN(testUnknownScheme);
    TEST_RUN(testTwoClaimOneScheme);
    TEST_RUN(testFolderPrecedence);
    TEST_RUN(testProbeOrder);
    TEST_RUN(testRemoteRouting);
    TEST_RUN(testManifestAbiDiffers);
    TEST_RUN(testRefused);
    TEST_DONE();
}
