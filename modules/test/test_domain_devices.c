/* test_domain_devices.c: hot-plugging disks and interfaces, and the
 * statistics of the devices a running domain has. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>

#include "test_driver.h"
#include "util.h"

ssize_t testDomainFindDisk(const virtDomain *def, const char *path)
{
    for (size_t i = 0; i < virtDomainModelDiskCount(def); i++) {
        const virtDomainDisk *d = def->devices->disk[i];
        if (virtStrEq(virtDomainModelDiskTarget(d), path) || virtStrEq(virtDomainModelDiskSource(d), path))
            return (ssize_t) i;
    }
    return -1;
}

static ssize_t findNet(const virtDomain *def, const char *dev)
{
    for (size_t i = 0; i < virtDomainModelIfaceCount(def); i++) {
        const virtDomainInterface *n = def->devices->interface[i];
        const char *mac = virtDomainModelIfaceMAC(n);
        if (virtStrEq(virtDomainModelIfaceTarget(n), dev) || (mac && strcasecmp(mac, dev) == 0))
            return (ssize_t) i;
    }
    return -1;
}

static int parseDevice(virConnectPtr conn, const char *xml, virtDomainModelDevice *dev)
{
    virtXMLError err = { 0 };
    if (virtDomainModelParseDevice(xml, 0, dev, &err) < 0) {
        testReportXMLError(conn, &err);
        return -1;
    }
    return 0;
}

static int attachDisk(virConnectPtr conn, virtDomain *def, virtDomainModelDevice *dev)
{
    const char *target = virtDomainModelDiskTarget(dev->disk);
    if (!target || testDomainFindDisk(def, target) >= 0) {
        TEST_ERROR(conn, VIR_ERR_OPERATION_FAILED, "target %s already exists", target ? target : "(none)");
        return -1;
    }
    virtDomainModelAddDisk(def, dev->disk);
    dev->disk = NULL;
    return 0;
}

static int attachNet(virConnectPtr conn, virtDomain *def, virtDomainModelDevice *dev)
{
    const char *mac = virtDomainModelIfaceMAC(dev->iface);
    const char *target = virtDomainModelIfaceTarget(dev->iface);
    if ((mac && findNet(def, mac) >= 0) || (target && findNet(def, target) >= 0)) {
        TEST_ERROR(conn, VIR_ERR_OPERATION_FAILED, "interface %s already exists", mac ? mac : target);
        return -1;
    }
    virtXMLError err = { 0 };
    if (virtDomainModelAddInterface(def, dev->iface, &testDomainDefaults, &err) < 0) {
        testReportXMLError(conn, &err);
        return -1;
    }
    dev->iface = NULL;
    return 0;
}

/* The test driver keeps one definition: every AFFECT_* choice edits it. */
int testDomainAttachDeviceFlags(virDomainPtr domain, const char *xml, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    virConnectPtr conn = testCore->handle_conn(domain);
    testState *st;
    int ret = -1;
    virtDomainModelDevice dev;
    if (parseDevice(conn, xml, &dev) < 0)
        return -1;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        goto out;
    if (dev.disk)
        ret = attachDisk(conn, dom->def, &dev);
    else
        ret = attachNet(conn, dom->def, &dev);
    pthread_mutex_unlock(&st->lock);
 out:
    virtDomainModelDeviceClear(&dev);
    return ret;
}

int testDomainDetachDeviceFlags(virDomainPtr domain, const char *xml, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    virConnectPtr conn = testCore->handle_conn(domain);
    testState *st;
    int ret = -1;
    ssize_t i;
    virtDomainModelDevice dev;
    if (parseDevice(conn, xml, &dev) < 0)
        return -1;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        goto out;
    virtDomain *def = dom->def;
    if (dev.disk) {
        const char *target = virtDomainModelDiskTarget(dev.disk);
        if (!target || (i = testDomainFindDisk(def, target)) < 0) {
            TEST_ERROR(conn, VIR_ERR_DEVICE_MISSING, "no target device %s", target ? target : "(none)");
            goto unlock;
        }
        virtDomainModelRemoveDisk(def, (size_t) i);
    } else {
        const char *key = virtDomainModelIfaceMAC(dev.iface);
        if (!key)
            key = virtDomainModelIfaceTarget(dev.iface);
        if (!key || (i = findNet(def, key)) < 0) {
            TEST_ERROR(conn, VIR_ERR_DEVICE_MISSING, "no interface matching %s", key ? key : "(none)");
            goto unlock;
        }
        virtDomainModelRemoveInterface(def, (size_t) i);
    }
    ret = 0;
 unlock:
    pthread_mutex_unlock(&st->lock);
 out:
    virtDomainModelDeviceClear(&dev);
    return ret;
}

/* Statistics that grow with the time the domain has run, so that a
 * caller polling them sees traffic. */
int testDomainBlockStats(virDomainPtr domain, const char *disk, virDomainBlockStatsPtr stats, size_t size)
{
    virConnectPtr conn = testCore->handle_conn(domain);
    testState *st;
    int ret = -1;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    if (dom->state == VIR_DOMAIN_SHUTOFF) {
        testCore->error(conn, VIR_FROM_DOMAIN, VIR_ERR_OPERATION_INVALID, "domain is not running");
        goto cleanup;
    }
    if (testDomainFindDisk(dom->def, disk) < 0) {
        TEST_ERROR(conn, VIR_ERR_INVALID_ARG, "invalid path: %s", disk);
        goto cleanup;
    }
    long long t = (long long) (testDomainCPUTime(dom) / 1000);
    virDomainBlockStatsStruct s = {
        .rd_req = t / 2, .rd_bytes = t * 256, .wr_req = t / 3, .wr_bytes = t * 128, .errs = 0,
    };
    memcpy(stats, &s, size < sizeof(s) ? size : sizeof(s));
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int testDomainInterfaceStats(virDomainPtr domain, const char *device,
                             virDomainInterfaceStatsPtr stats, size_t size)
{
    virConnectPtr conn = testCore->handle_conn(domain);
    testState *st;
    int ret = -1;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    if (dom->state == VIR_DOMAIN_SHUTOFF) {
        testCore->error(conn, VIR_FROM_DOMAIN, VIR_ERR_OPERATION_INVALID, "domain is not running");
        goto cleanup;
    }
    if (findNet(dom->def, device) < 0) {
        testCore->error(conn, VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, "'%s' is not a known interface", device);
        goto cleanup;
    }
    long long t = (long long) (testDomainCPUTime(dom) / 1000);
    virDomainInterfaceStatsStruct s = {
        .rx_bytes = t * 64, .rx_packets = t / 4, .rx_errs = 0, .rx_drop = 0,
        .tx_bytes = t * 32, .tx_packets = t / 8, .tx_errs = 0, .tx_drop = 0,
    };
    memcpy(stats, &s, size < sizeof(s) ? size : sizeof(s));
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&st->lock);
    return ret;
}
