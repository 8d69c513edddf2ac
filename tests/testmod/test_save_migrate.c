/* test_save_migrate.c: save and restore, core dumps, and migration
 * between two test connections. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testmod_util.h"

static char dir[] = "/tmp/testmod-save-XXXXXX";

static void testSaveRestore(void)
{
    virConnectPtr c = testmodOpenDefault();
    virDomainPtr d = virDomainLookupByName(c, "test");
    char *img = NULL, *bad = NULL, *core = NULL;
    int state, reason;
    if (asprintf(&img, "%s/test.save", dir) < 0 || asprintf(&bad, "%s/foreign", dir) < 0 ||
        asprintf(&core, "%s/test.core", dir) < 0)
        abort();
    CHECK(virDomainCoreDump(d, core, 0) == 0);
    CHECK(access(core, F_OK) == 0);
    CHECK(virDomainIsActive(d) == 1);
    CHECK(virDomainSave(d, img) == 0);
    CHECK(virDomainGetState(d, &state, &reason, 0) == 0 && state == VIR_DOMAIN_SHUTOFF &&
          reason == VIR_DOMAIN_SHUTOFF_SAVED);
    CHECK_ERR(virDomainSave(d, img) < 0, VIR_ERR_OPERATION_INVALID);
    CHECK_ERR(virDomainCoreDump(d, core, 0) < 0, VIR_ERR_OPERATION_INVALID);
    CHECK(virDomainRestore(c, img) == 0);
    CHECK(virDomainGetState(d, &state, &reason, 0) == 0 && state == VIR_DOMAIN_RUNNING &&
          reason == VIR_DOMAIN_RUNNING_RESTORED);
    CHECK_ERR(virDomainRestore(c, img) < 0, VIR_ERR_OPERATION_INVALID);
    CHECK_ERR(virDomainRestore(c, "/nonexistent/none.save") < 0, VIR_ERR_SYSTEM_ERROR);
    FILE *f = fopen(bad, "w");
    if (f) {
        fputs("not a save image\n", f);
        fclose(f);
    }
    /* libvirt: "internal error: mismatched header magic" */
    CHECK_ERR(virDomainRestore(c, bad) < 0, VIR_ERR_INTERNAL_ERROR);
    CHECK_ERR(virDomainSave(d, "/nonexistent/dir/x.save") < 0, VIR_ERR_SYSTEM_ERROR);
    CHECK(virDomainCoreDump(d, core, VIR_DUMP_CRASH) == 0);
    CHECK(virDomainGetState(d, &state, &reason, 0) == 0 && reason == VIR_DOMAIN_SHUTOFF_CRASHED);

    /* A transient domain saved leaves the host; restoring brings it back. */
    virDomainPtr t = virDomainCreateXML(c, TESTMOD_DOM_XML("tsave"), 0);
    CHECK(t && virDomainSave(t, img) == 0);
    CHECK_ERR(virDomainLookupByName(c, "tsave") == NULL, VIR_ERR_NO_DOMAIN);
    CHECK(virDomainRestore(c, img) == 0);
    virDomainPtr t2 = virDomainLookupByName(c, "tsave");
    CHECK(t2 && virDomainIsActive(t2) == 1);
    if (t2)
        virDomainFree(t2);
    if (t)
        virDomainFree(t);
    unlink(img);
    unlink(bad);
    unlink(core);
    free(img);
    free(bad);
    free(core);
    virDomainFree(d);
    virConnectClose(c);
}

static void testMigrate(void)
{
    char *path = NULL, *uri = NULL;
    if (asprintf(&path, "%s/empty.xml", dir) < 0 || asprintf(&uri, "test://%s", path) < 0)
        abort();
    FILE *f = fopen(path, "w");
    if (f) {
        fputs("<node/>\n", f);
        fclose(f);
    }
    virConnectPtr src = testmodOpenDefault();
    virConnectPtr dst = virConnectOpen(uri);
    CHECK(dst != NULL);
    virDomainPtr d = virDomainLookupByName(src, "test");
    virDomainPtr m = virDomainMigrate(d, dst, 0, "moved", NULL, 0);
    CHECK(m != NULL);
    if (m) {
        CHECK_STR(virDomainGetName(m), "moved");
        CHECK(virDomainIsActive(m) == 1);
        CHECK(virDomainGetConnect(m) == dst);
        virDomainFree(m);
    }
    CHECK(virConnectNumOfDomains(dst) == 1);
    CHECK(virConnectNumOfDomains(src) == 0);
    int state, reason;
    CHECK(virDomainGetState(d, &state, &reason, 0) == 0 && state == VIR_DOMAIN_SHUTOFF &&
          reason == VIR_DOMAIN_SHUTOFF_MIGRATED);
    /* Not running any more: nothing to migrate. */
    CHECK_ERR(virDomainMigrate(d, dst, 0, NULL, NULL, 0) == NULL, VIR_ERR_OPERATION_INVALID);
    virDomainFree(d);

    /* Back again under its old name, taking over the inactive definition
     * left there, and dropping the (transient) source. */
    virDomainPtr back = virDomainLookupByName(dst, "moved");
    virDomainPtr again = back ? virDomainMigrate(back, src, VIR_MIGRATE_UNDEFINE_SOURCE, "test", NULL, 0)
                              : NULL;
    CHECK(again != NULL);
    CHECK(again && virDomainIsPersistent(again) == 1 && virDomainIsActive(again) == 1);
    CHECK_ERR(virDomainLookupByName(dst, "moved") == NULL, VIR_ERR_NO_DOMAIN);
    if (again)
        virDomainFree(again);
    if (back)
        virDomainFree(back);
    virConnectClose(dst);
    virConnectClose(src);
    unlink(path);
    free(path);
    free(uri);
}

int main(void)
{
    if (!mkdtemp(dir))
        return 1;
    TEST_RUN(testSaveRestore);
    TEST_RUN(testMigrate);
    rmdir(dir);
    TEST_DONE();
}
