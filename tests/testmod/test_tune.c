/* test_tune.c: memory, vcpus, pinning, the scheduler, device hot-plug
 * and device statistics. */
#include <stdlib.h>
#include <string.h>

#include "testmod_util.h"

static void testMemory(void)
{
    virConnectPtr c = testmodOpenDefault();
    virDomainPtr d = virDomainLookupByName(c, "test");
    virDomainInfo info;
    CHECK(virDomainSetMemory(d, 1048576) == 0);
    CHECK(virDomainGetInfo(d, &info) == 0 && info.memory == 1048576);
    CHECK_ERR(virDomainSetMemory(d, 8388609) < 0, VIR_ERR_INVALID_ARG);
    CHECK_ERR(virDomainSetMaxMemory(d, 4194304) < 0, VIR_ERR_OPERATION_INVALID);
    CHECK(virDomainDestroy(d) == 0);
    CHECK_ERR(virDomainSetMemory(d, 1024) < 0, VIR_ERR_OPERATION_INVALID);
    CHECK(virDomainSetMaxMemory(d, 1048576) == 0);
    CHECK(virDomainGetMaxMemory(d) == 1048576);
    CHECK(virDomainGetInfo(d, &info) == 0 && info.memory <= 1048576);
    virDomainFree(d);
    virConnectClose(c);
}

static void testVcpus(void)
{
    virConnectPtr c = testmodOpenDefault();
    virDomainPtr d = virDomainLookupByName(c, "test");
    virDomainInfo info;
    virVcpuInfo vi[4];
    unsigned char maps[4 * 2];
    CHECK_ERR(virDomainSetVcpus(d, 3) < 0, VIR_ERR_INVALID_ARG);
    CHECK_ERR(virDomainSetVcpus(d, 64) < 0, VIR_ERR_INVALID_ARG);
    CHECK(virDomainSetVcpus(d, 1) == 0);
    CHECK(virDomainGetInfo(d, &info) == 0 && info.nrVirtCpu == 1);
    CHECK(virDomainGetMaxVcpus(d) == 2);
    CHECK(virDomainSetVcpus(d, 2) == 0);

    /* 16 host cpus: maps of 2 bytes, all set until pinned. */
    CHECK(virDomainGetVcpus(d, vi, 4, maps, 2) == 2);
    CHECK(maps[0] == 0xff && maps[1] == 0xff && maps[2] == 0xff && maps[3] == 0xff);
    CHECK(vi[0].number == 0 && vi[1].number == 1 && vi[0].state == VIR_VCPU_RUNNING);
    unsigned char pin[2] = { 0x04, 0x00 };
    CHECK(virDomainPinVcpu(d, 1, pin, 2) == 0);
    CHECK(virDomainGetVcpus(d, vi, 4, maps, 2) == 2);
    CHECK(maps[2] == 0x04 && maps[3] == 0x00 && vi[1].cpu == 2);
    CHECK_ERR(virDomainPinVcpu(d, 9, pin, 2) < 0, VIR_ERR_INVALID_ARG);
    CHECK(virDomainDestroy(d) == 0);
    CHECK_ERR(virDomainGetVcpus(d, vi, 4, maps, 2) < 0, VIR_ERR_OPERATION_INVALID);
    CHECK_ERR(virDomainPinVcpu(d, 0, pin, 2) < 0, VIR_ERR_OPERATION_INVALID);
    CHECK_ERR(virDomainSetVcpus(d, 1) < 0, VIR_ERR_OPERATION_INVALID);
    virDomainFree(d);
    virConnectClose(c);
}

static void testScheduler(void)
{
    virConnectPtr c = testmodOpenDefault();
    virDomainPtr d = virDomainLookupByName(c, "test");
    virTypedParameter p[2];
    int n = 2;
    memset(p, 0, sizeof(p));
    CHECK(virDomainGetSchedulerParameters(d, p, &n) == 0);
    CHECK(n == 1 && strcmp(p[0].field, "weight") == 0 && p[0].type == VIR_TYPED_PARAM_UINT &&
          p[0].value.ui == 50);
    p[0].value.ui = 77;
    CHECK(virDomainSetSchedulerParameters(d, p, 1) == 0);
    n = 1;
    CHECK(virDomainGetSchedulerParameters(d, p, &n) == 0 && p[0].value.ui == 77);
    strcpy(p[0].field, "bogus");
    CHECK_ERR(virDomainSetSchedulerParameters(d, p, 1) < 0, VIR_ERR_ARGUMENT_UNSUPPORTED);
    strcpy(p[0].field, "weight");
    p[0].type = VIR_TYPED_PARAM_INT;
    CHECK_ERR(virDomainSetSchedulerParameters(d, p, 1) < 0, VIR_ERR_INVALID_ARG);
    virDomainFree(d);
    virConnectClose(c);
}

static void testDevices(void)
{
    virConnectPtr c = testmodOpenDefault();
    virDomainPtr d = virDomainLookupByName(c, "test");
    const char *disk = "<disk type='file' device='disk'><source file='/guest/extra.img'/>"
                       "<target dev='vdb' bus='virtio'/></disk>";
    const char *nic = "<interface type='network'><mac address='52:54:00:11:22:33'/>"
                      "<source network='default'/><target dev='testnet1'/></interface>";
    CHECK(virDomainAttachDevice(d, disk) == 0);
    CHECK_ERR(virDomainAttachDevice(d, disk) < 0, VIR_ERR_OPERATION_FAILED);
    CHECK(virDomainAttachDevice(d, nic) == 0);
    char *xml = virDomainGetXMLDesc(d, 0);
    CHECK(xml && strstr(xml, "/guest/extra.img") && strstr(xml, "52:54:00:11:22:33"));
    free(xml);
    virDomainBlockStatsStruct bs;
    virDomainInterfaceStatsStruct is;
    CHECK(virDomainBlockStats(d, "vdb", &bs, sizeof(bs)) == 0);
    CHECK(virDomainInterfaceStats(d, "testnet1", &is, sizeof(is)) == 0);
    CHECK(virDomainDetachDevice(d, disk) == 0);
    CHECK(virDomainDetachDevice(d, nic) == 0);
    xml = virDomainGetXMLDesc(d, 0);
    CHECK(xml && !strstr(xml, "/guest/extra.img") && !strstr(xml, "52:54:00:11:22:33"));
    free(xml);
    CHECK_ERR(virDomainDetachDevice(d, disk) < 0, VIR_ERR_DEVICE_MISSING);
    CHECK(virDomainAttachDevice(d, "<disk") < 0);
    virResetLastError();
    virDomainFree(d);
    virConnectClose(c);
}

static void testStats(void)
{
    virConnectPtr c = testmodOpenDefault();
    virDomainPtr d = virDomainLookupByName(c, "test");
    virDomainBlockStatsStruct bs;
    virDomainInterfaceStatsStruct is;
    CHECK(virDomainBlockStats(d, "vda", &bs, sizeof(bs)) == 0);
    CHECK(virDomainBlockStats(d, "/guest/diskimage1", &bs, sizeof(bs)) == 0);
    CHECK_ERR(virDomainBlockStats(d, "sdz", &bs, sizeof(bs)) < 0, VIR_ERR_INVALID_ARG);
    CHECK(virDomainInterfaceStats(d, "testnet0", &is, sizeof(is)) == 0);
    CHECK(virDomainInterfaceStats(d, "aa:bb:cc:dd:ee:ff", &is, sizeof(is)) == 0);
    CHECK_ERR(virDomainInterfaceStats(d, "eth9", &is, sizeof(is)) < 0, VIR_ERR_INVALID_ARG);
    CHECK(virDomainDestroy(d) == 0);
    CHECK_ERR(virDomainBlockStats(d, "vda", &bs, sizeof(bs)) < 0, VIR_ERR_OPERATION_INVALID);
    CHECK_ERR(virDomainInterfaceStats(d, "testnet0", &is, sizeof(is)) < 0, VIR_ERR_OPERATION_INVALID);
    virDomainFree(d);
    virConnectClose(c);
}

int main(void)
{
    TEST_RUN(testMemory);
    TEST_RUN(testVcpus);
    TEST_RUN(testScheduler);
    TEST_RUN(testDevices);
    TEST_RUN(testStats);
    TEST_DONE();
}
