/* test_domain_devices.c: hot-plugging disks and interfaces, and the
 * statistics of the devices a running domain has. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>

#include "test_driver.h"
#include "util.h"

static ssize_t findDisk(const virtDomainDef *def, const char *path)
{
    for (size_t i = 0; i < def->ndisks; i++) {
        const virtDomainDiskDef *d = def->disks[i];
        if (virtStrEq(d->target, path) || (d->source && virtStrEq(d->source, path)))
            return (ssize_t) i;
    }
    return -1;
}

static ssize_t findNet(const virtDomainDef *def, const char *dev)
{
    for (size_t i = 0; i < def->nnets; i++) {
        const virtDomainNetDef *n = def->nets[i];
        if (virtStrEq(n->target, dev) || (n->mac && strcasecmp(n->mac, dev) == 0))
            return (ssize_t) i;
    }
    return -1;
}

static virtDomainDeviceDef *parseDevice(virConnectPtr conn, const char *xml)
{
    virtXMLError err = { 0 };
    virtDomainDeviceDef *dev = virtDomainDeviceDefParse(xml, 0, &err);
    if (!dev)
        testReportXMLError(conn, &err);
    return dev;
}

static int attachDisk(virConnectPtr conn, virtDomainDef *def, virtDomainDeviceDef *dev)
{
    if (!dev->disk->target || findDisk(def, dev->disk->target) >= 0) {
        TEST_ERROR(conn, VIR_ERR_OPERATION_FAILED, "target %s already exists",
                   dev->disk->target ? dev->disk->target : "(none)");
        return -1;
    }
    def->disks = virtRealloc(def->disks, (def->ndisks + 1) * sizeof(*def->disks));
    def->disks[def->ndisks++] = dev->disk;
    dev->disk = NULL;
    return 0;
}

static int attachNet(virConnectPtr conn, virtDomainDef *def, virtDomainDeviceDef *dev)
{
    virtDomainNetDef *net = dev->net;
    if (!net->mac) {
        /* Give it an address of libvirt's QEMU range so it can be found again. */
        unsigned char r[3];
        if (virtRandomBytes(r, sizeof(r)) < 0) {
            TEST_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "cannot generate a MAC address: %s", strerror(errno));
            return -1;
        }
        net->mac = virtAsprintf("52:54:00:%02x:%02x:%02x", r[0], r[1], r[2]);
    }
    if (findNet(def, net->mac) >= 0 || (net->target && findNet(def, net->target) >= 0)) {
        TEST_ERROR(conn, VIR_ERR_OPERATION_FAILED, "interface %s already exists", net->mac);
        return -1;
    }
    def->nets = virtRealloc(def->nets, (def->nnets + 1) * sizeof(*def->nets));
    def->nets[def->nnets++] = net;
    dev->net = NULL;
    return 0;
}

/* The test driver keeps one definition: every AFFECT_* choice edits it. */
int testDomainAttachDeviceFlags(virDomainPtr domain, const char *xml, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    virConnectPtr conn = testCore->handle_conn(domain);
    testState *st;
    int ret = -1;
    virtDomainDeviceDef *dev = parseDevice(conn, xml);
    if (!dev)
        return -1;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        goto out;
    if (dev->kind == VIRT_DEVICE_DISK)
        ret = attachDisk(conn, dom->def, dev);
    else if (dev->kind == VIRT_DEVICE_NET)
        ret = attachNet(conn, dom->def, dev);
    else
        TEST_ERROR(conn, VIR_ERR_CONFIG_UNSUPPORTED, "only disks and interfaces can be attached");
    pthread_mutex_unlock(&st->lock);
 out:
    virtDomainDeviceDefFree(dev);
    return ret;
}

/* Remove element i of an array of n pointers, keeping the order. */
static void removeAt(void **items, size_t *n, size_t i)
{
    memmove(&items[i], &items[i + 1], (*n - i - 1) * sizeof(*items));
    (*n)--;
}

int testDomainDetachDeviceFlags(virDomainPtr domain, const char *xml, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    virConnectPtr conn = testCore->handle_conn(domain);
    testState *st;
    int ret = -1;
    ssize_t i;
    virtDomainDeviceDef *dev = parseDevice(conn, xml);
    if (!dev)
        return -1;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        goto out;
    virtDomainDef *def = dom->def;
    if (dev->kind == VIRT_DEVICE_DISK) {
        if (!dev->disk->target || (i = findDisk(def, dev->disk->target)) < 0) {
            TEST_ERROR(conn, VIR_ERR_DEVICE_MISSING, "no target device %s",
                       dev->disk->target ? dev->disk->target : "(none)");
            goto unlock;
        }
        virtDomainDiskDefFree(def->disks[i]);
        removeAt((void **) def->disks, &def->ndisks, (size_t) i);
    } else if (dev->kind == VIRT_DEVICE_NET) {
        const char *key = dev->net->mac ? dev->net->mac : dev->net->target;
        if (!key || (i = findNet(def, key)) < 0) {
            TEST_ERROR(conn, VIR_ERR_DEVICE_MISSING, "no interface matching %s", key ? key : "(none)");
            goto unlock;
        }
        virtDomainNetDefFree(def->nets[i]);
        removeAt((void **) def->nets, &def->nnets, (size_t) i);
    } else {
        TEST_ERROR(conn, VIR_ERR_CONFIG_UNSUPPORTED, "only disks and interfaces can be detached");
        goto unlock;
    }
    ret = 0;
 unlock:
    pthread_mutex_unlock(&st->lock);
 out:
    virtDomainDeviceDefFree(dev);
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
    if (findDisk(dom->def, disk) < 0) {
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
        TEST_ERROR(conn, VIR_ERR_INVALID_ARG, "'%s' is not a known interface", device);
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
