/* test_storage_def: pool and volume definitions through the shared storage
 * layer (core/xml/storage_def.c): libvirt's defaults (a UUID, an LVM
 * pool's format, group and device folder, a file volume's raw format, the
 * allocation taken from the capacity, ids and cluster sizes written back
 * its way) and its refusals, with their codes and domains. The storage
 * module's tests compare the same rules with Debian's daemon. */
#include <stdlib.h>
#include <string.h>

#include <libvirt/virterror.h>

#include "harness.h"
#include "storage_def.h"
#include "util.h"

static void test_pool_dir(void)
{
    virtXMLError err = { 0 };
    virtStoragePoolDef *def = virtStoragePoolDefParse(
        "<pool type='dir'><name>p</name><target><path>/srv/p</path></target></pool>", 0, &err);
    CHECK(def != NULL);
    if (!def)
        return;
    CHECK(def->uuid_set);
    CHECK_STR(virtStoragePoolDefTargetPath(def), "/srv/p");
    virtStoragePoolDef *copy = virtStoragePoolDefCopy(def);
    char *a = virtStoragePoolDefFormat(def), *b = virtStoragePoolDefFormat(copy);
    CHECK_STR(a, b);
    free(a);
    free(b);
    virtStoragePoolDefFree(copy);
    virtStoragePoolDefFree(def);
}

static void test_pool_logical_defaults(void)
{
    virtXMLError err = { 0 };
    virtStoragePoolDef *def = virtStoragePoolDefParse(
        "<pool type='logical'><name>vg</name><source><device path='/dev/sdz'/></source></pool>", 0, &err);
    CHECK(def != NULL);
    if (!def)
        return;
    CHECK_STR(def->source->name, "vg");
    CHECK(def->source->format && virtStrEq(def->source->format->type, "lvm2"));
    CHECK_STR(virtStoragePoolDefTargetPath(def), "/dev/vg");
    virtStoragePoolDefFree(def);
}

/* A document refused with code, domain and message. */
static void refusedPool(const char *xml, int code, int domain, const char *message)
{
    virtXMLError err = { 0 };
    virtStoragePoolDef *def = virtStoragePoolDefParse(xml, 0, &err);
    CHECK(def == NULL);
    CHECK(err.code == code);
    CHECK(virtXMLErrorDomain(&err, VIR_FROM_STORAGE) == domain);
    CHECK(err.message && strstr(err.message, message));
    if (err.message && !strstr(err.message, message))
        printf("#   got '%s'\n", err.message);
    virtStoragePoolDefFree(def);
    virtXMLErrorClear(&err);
}

static void test_pool_refusals(void)
{
    refusedPool("<pool type='dir'><name>a</name></pool>", VIR_ERR_XML_ERROR, VIR_FROM_STORAGE,
                "missing storage pool target path");
    refusedPool("<pool type='dir'><name>a/b</name><target><path>/x</path></target></pool>",
                VIR_ERR_XML_ERROR, VIR_FROM_STORAGE, "name a/b cannot contain '/'");
    refusedPool("<pool type='dir'><target><path>/x</path></target></pool>",
                VIR_ERR_XML_ERROR, VIR_FROM_STORAGE, "missing pool source name element");
    refusedPool("<volume/>", VIR_ERR_XML_ERROR, VIR_FROM_XML, "expecting root element of 'pool'");
}

static virtStorageVolDef *vol(const char *xml, const char *poolType)
{
    virtXMLError err = { 0 };
    virtStorageVolDef *def = virtStorageVolDefParse(xml, poolType, 0, &err);
    if (!def)
        printf("#   refused: %s\n", err.message ? err.message : "?");
    virtXMLErrorClear(&err);
    return def;
}

static void test_vol_defaults(void)
{
    virtStorageVolDef *def = vol("<volume><name>v</name><capacity unit='KiB'>4</capacity>"
                                 "<target><permissions><mode>644</mode><owner>-1</owner>"
                                 "<group>4294967295</group></permissions>"
                                 "<clusterSize unit='KiB'>64</clusterSize></target></volume>", "dir");
    CHECK(def != NULL);
    if (!def)
        return;
    CHECK_STR(def->type, "file");
    CHECK(def->capacity == 4096 && def->allocation == 4096);
    CHECK_STR(def->target->format->type, "raw");
    CHECK_STR(def->target->permissions->mode, "0644");
    CHECK(def->target->permissions->owner == NULL && def->target->permissions->group == NULL);
    CHECK_STR(def->target->clusterSize->text, "65536");
    CHECK_STR(def->target->clusterSize->unit, "B");
    virtStorageVolDefFree(def);

    /* volumes of a volume group have no format */
    def = vol("<volume><name>lv</name><capacity>1024</capacity><target><format type='qcow2'/></target></volume>",
              "logical");
    CHECK(def && !def->target->format);
    virtStorageVolDefFree(def);
}

static void refusedVol(const char *xml, int code, int domain, const char *message)
{
    virtXMLError err = { 0 };
    virtStorageVolDef *def = virtStorageVolDefParse(xml, "dir", 0, &err);
    CHECK(def == NULL);
    CHECK(err.code == code);
    CHECK(virtXMLErrorDomain(&err, VIR_FROM_STORAGE) == domain);
    CHECK(err.message && strstr(err.message, message));
    if (err.message && !strstr(err.message, message))
        printf("#   got '%s'\n", err.message);
    virtStorageVolDefFree(def);
    virtXMLErrorClear(&err);
}

static void test_vol_refusals(void)
{
    refusedVol("<volume><name>v</name></volume>", VIR_ERR_XML_ERROR, VIR_FROM_STORAGE,
               "missing capacity element");
    refusedVol("<volume><name>v</name><capacity>1</capacity><target><format type='nope'/></target></volume>",
               VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_STORAGE, "unknown volume format type nope");
    refusedVol("<volume><name>v</name><capacity>1</capacity><target><permissions><mode>1777</mode>"
               "</permissions></target></volume>", VIR_ERR_XML_ERROR, VIR_FROM_STORAGE, "malformed octal mode");
    refusedVol("<volume><name>v</name><capacity>1</capacity><target><permissions><owner>99999999999</owner>"
               "</permissions></target></volume>", VIR_ERR_XML_ERROR, VIR_FROM_STORAGE, "malformed owner element");
    refusedVol("<volume><name>v</name><capacity>1</capacity><target><compat>x</compat></target></volume>",
               VIR_ERR_XML_ERROR, VIR_FROM_STORAGE, "forbidden characters in 'compat' attribute");
    refusedVol("<volume><name>v</name><capacity>1</capacity><target><clusterSize unit='zz'>1</clusterSize>"
               "</target></volume>", VIR_ERR_INVALID_ARG, VIR_FROM_NONE, "unknown suffix 'zz'");
}

int main(void)
{
    TEST_RUN(test_pool_dir);
    TEST_RUN(test_pool_logical_defaults);
    TEST_RUN(test_pool_refusals);
    TEST_RUN(test_vol_defaults);
    TEST_RUN(test_vol_refusals);
    TEST_DONE();
}
