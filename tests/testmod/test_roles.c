/* test_roles.c: the test module's slots beyond the seed functions:
 * storage, interface and node device roles, snapshots, checkpoints,
 * scheduler typed parameters, screenshots and lifecycle events. */
#include <stdlib.h>
#include <string.h>

#include "testmod_util.h"

static void testStoragePool(void)
{
    virConnectPtr c = testmodOpenDefault();
    virStoragePoolPtr p = virStoragePoolLookupByName(c, "default-pool");
    virStoragePoolInfo info;
    CHECK(p != NULL);
    if (!p)
        goto out;
    CHECK(virStoragePoolGetInfo(p, &info) == 0 && info.state == VIR_STORAGE_POOL_RUNNING &&
          info.capacity == 107374182400ULL && info.allocation == 0);
    CHECK(virConnectNumOfStoragePools(c) == 1 && virConnectNumOfDefinedStoragePools(c) == 0);
    char *xml = virStoragePoolGetXMLDesc(p, 0);
    CHECK(xml && strstr(xml, "<path>/default-pool</path>") && strstr(xml, "type='dir'"));
    free(xml);
    virStorageVolPtr v = virStorageVolCreateXML(p,
        "<volume><name>a.img</name><capacity unit='KiB'>4</capacity></volume>", 0);
    CHECK(v != NULL);
    char *path = v ? virStorageVolGetPath(v) : NULL;
    CHECK_STR(path, "/default-pool/a.img");
    free(path);
    virStorageVolInfo vi;
    CHECK(v && virStorageVolGetInfo(v, &vi) == 0 && vi.capacity == 4096 && vi.allocation == 4096);
    CHECK(virStoragePoolNumOfVolumes(p) == 1);
    virStorageVolPtr byPath = virStorageVolLookupByPath(c, "/default-pool/a.img");
    CHECK(byPath != NULL);
    if (byPath)
        virStorageVolFree(byPath);
    CHECK(v && virStorageVolDelete(v, 0) == 0);
    CHECK_ERR(virStorageVolLookupByName(p, "a.img") == NULL, VIR_ERR_NO_STORAGE_VOL);
    if (v)
        virStorageVolFree(v);
    CHECK(virStoragePoolDestroy(p) == 0 && virStoragePoolIsActive(p) == 0);
    CHECK_ERR(virStoragePoolNumOfVolumes(p) < 0, VIR_ERR_OPERATION_INVALID);
    CHECK(virStoragePoolCreate(p, 0) == 0);
    virStoragePoolFree(p);
    CHECK_ERR(virStoragePoolLookupByName(c, "zz") == NULL, VIR_ERR_NO_STORAGE_POOL);
 out:
    virConnectClose(c);
}

static void testInterfaceAndNodeDev(void)
{
    virConnectPtr c = testmodOpenDefault();
    virInterfacePtr i = virInterfaceLookupByMACString(c, "aa:bb:cc:dd:ee:ff");
    CHECK(i && strcmp(virInterfaceGetName(i), "eth1") == 0);
    CHECK(i && virInterfaceIsActive(i) == 1);
    char *xml = i ? virInterfaceGetXMLDesc(i, 0) : NULL;
    CHECK(xml && strstr(xml, "name='eth1'"));
    free(xml);
    CHECK(i && virInterfaceDestroy(i, 0) == 0 && virInterfaceIsActive(i) == 0);
    CHECK_ERR(i && virInterfaceDestroy(i, 0) < 0, VIR_ERR_OPERATION_INVALID);
    if (i)
        virInterfaceFree(i);

    virNodeDevicePtr d = virNodeDeviceLookupByName(c, "scsi_host2");
    CHECK(d && strcmp(virNodeDeviceGetParent(d), "computer") == 0);
    CHECK(d && virNodeDeviceNumOfCaps(d) == 1);
    if (d)
        virNodeDeviceFree(d);
    CHECK(virNodeNumOfDevices(c, NULL, 0) == 4);
    CHECK(virNodeNumOfDevices(c, "system", 0) == 1);
    CHECK_ERR(virNodeDeviceLookupByName(c, "zz") == NULL, VIR_ERR_NO_NODE_DEVICE);
    virConnectClose(c);
}

static void testSnapshotsCheckpoints(void)
{
    virConnectPtr c = testmodOpenDefault();
    virDomainPtr dom = virDomainLookupByName(c, "test");
    virDomainSnapshotPtr s1 = virDomainSnapshotCreateXML(dom, "<domainsnapshot><name>s1</name></domainsnapshot>", 0);
    virDomainSnapshotPtr s2 = virDomainSnapshotCreateXML(dom, "<domainsnapshot><name>s2</name></domainsnapshot>", 0);
    CHECK(s1 && s2 && virDomainSnapshotNum(dom, 0) == 2);
    virDomainSnapshotPtr parent = s2 ? virDomainSnapshotGetParent(s2, 0) : NULL;
    CHECK(parent && strcmp(virDomainSnapshotGetName(parent), "s1") == 0);
    if (parent)
        virDomainSnapshotFree(parent);
    CHECK(virDomainDestroy(dom) == 0);
    CHECK(s1 && virDomainRevertToSnapshot(s1, 0) == 0);
    int state, reason;
    CHECK(virDomainGetState(dom, &state, &reason, 0) == 0 && state == VIR_DOMAIN_RUNNING &&
          reason == VIR_DOMAIN_RUNNING_FROM_SNAPSHOT);
    CHECK(s1 && virDomainSnapshotDelete(s1, VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN) == 0);
    CHECK(virDomainSnapshotNum(dom, 0) == 0);
    if (s1)
        virDomainSnapshotFree(s1);
    if (s2)
        virDomainSnapshotFree(s2);

    virDomainCheckpointPtr cp = virDomainCheckpointCreateXML(dom, "<domaincheckpoint><name>c</name></domaincheckpoint>", 0);
    CHECK(cp != NULL);
    virDomainCheckpointPtr *list = NULL;
    int n = virDomainListAllCheckpoints(dom, &list, 0);
    CHECK(n == 1);
    for (int k = 0; k < n; k++)
        virDomainCheckpointFree(list[k]);
    free(list);
    CHECK(cp && virDomainCheckpointDelete(cp, 0) == 0);
    CHECK_ERR(virDomainCheckpointLookupByName(dom, "c", 0) == NULL, VIR_ERR_NO_DOMAIN_CHECKPOINT);
    if (cp)
        virDomainCheckpointFree(cp);
    virDomainFree(dom);
    virConnectClose(c);
}

static void testSchedulerFlags(void)
{
    virConnectPtr c = testmodOpenDefault();
    virDomainPtr dom = virDomainLookupByName(c, "test");
    virTypedParameter p;
    int np = 1;
    memset(&p, 0, sizeof(p));
    strcpy(p.field, VIR_DOMAIN_SCHEDULER_WEIGHT);
    p.type = VIR_TYPED_PARAM_UINT;
    p.value.ui = 77;
    CHECK(virDomainSetSchedulerParametersFlags(dom, &p, 1, VIR_DOMAIN_AFFECT_LIVE) == 0);
    memset(&p, 0, sizeof(p));
    CHECK(virDomainGetSchedulerParametersFlags(dom, &p, &np, 0) == 0 && np == 1 && p.value.ui == 77);
    CHECK_ERR(virDomainGetSchedulerParametersFlags(dom, &p, &np, 1u << 20) < 0, VIR_ERR_INVALID_ARG);
    virDomainFree(dom);
    virConnectClose(c);
}

static void testScreenshot(void)
{
    virConnectPtr c = testmodOpenDefault();
    virDomainPtr dom = virDomainLookupByName(c, "test");
    virStreamPtr st = virStreamNew(c, 0);
    char *mime = virDomainScreenshot(dom, st, 0, 0);
    CHECK_STR(mime, "image/png");
    free(mime);
    char buf[16384];    /* the whole image */
    int got = 0, r;
    while ((r = virStreamRecv(st, buf + got, sizeof(buf) - got)) > 0)
        got += r;
    CHECK(r == 0 && got > 8 && memcmp(buf, "\x89PNG\r\n\x1a\n", 8) == 0);
    CHECK(virStreamFinish(st) == 0);
    virStreamFree(st);
    virDomainFree(dom);
    virConnectClose(c);
}

static int lifecycleSeen[8];

static int onLifecycle(virConnectPtr conn, virDomainPtr dom, int event, int detail, void *opaque)
{
    (void) conn;
    (void) dom;
    (void) detail;
    (void) opaque;
    if (event >= 0 && event < 8)
        lifecycleSeen[event]++;
    return 0;
}

static void noop(int timer, void *opaque)
{
    (void) timer;
    (void) opaque;
}

static void testEvents(void)
{
    virConnectPtr c = testmodOpenDefault();
    virDomainPtr dom = virDomainLookupByName(c, "test");
    int id = virConnectDomainEventRegisterAny(c, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                              (virConnectDomainEventGenericCallback) (void (*)(void)) onLifecycle, NULL, NULL);
    CHECK(id >= 0);
    memset(lifecycleSeen, 0, sizeof(lifecycleSeen));
    CHECK(virDomainDestroy(dom) == 0 && virDomainCreate(dom) == 0);
    for (int k = 0; k < 4; k++) {
        int t = virEventAddTimeout(0, noop, NULL, NULL);
        virEventRunDefaultImpl();
        virEventRemoveTimeout(t);
    }
    CHECK(lifecycleSeen[VIR_DOMAIN_EVENT_STOPPED] == 1 && lifecycleSeen[VIR_DOMAIN_EVENT_STARTED] == 1);
    CHECK(virConnectDomainEventDeregisterAny(c, id) == 0);
    virDomainFree(dom);
    virConnectClose(c);
}

int main(void)
{
    virEventRegisterDefaultImpl();
    TEST_RUN(testStoragePool);
    TEST_RUN(testInterfaceAndNodeDev);
    TEST_RUN(testSnapshotsCheckpoints);
    TEST_RUN(testSchedulerFlags);
    TEST_RUN(testScreenshot);
    TEST_RUN(testEvents);
    TEST_DONE();
}
