/* test_domain_guest.c: what a guest agent or the guest's memory would
 * answer: file systems (frozen, thawed, trimmed, listed), the guest's
 * interface addresses, signals to its init, a peek at its memory and its
 * messages. The imaginary guest has two file systems, "/" and "/boot", on
 * its first disk; libvirt's test driver answers the same way. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "network_def.h"
#include "test_driver.h"
#include "util.h"

static const char *const mountPoints[TEST_GUEST_FS] = { "/", "/boot" };

/* Lock the host, find the domain and require it running; NULL after
 * reporting (host unlocked). */
static testDomain *acquireRunning(virDomainPtr domain, testState **stp)
{
    testDomain *dom = testDomainAcquire(domain, stp);
    if (dom && !testDomainCheckActive(testCore->handle_conn(domain), dom)) {
        pthread_mutex_unlock(&(*stp)->lock);
        return NULL;
    }
    return dom;
}

static int mountIndex(virConnectPtr conn, const char *mountpoint)
{
    for (int i = 0; i < TEST_GUEST_FS; i++)
        if (strcmp(mountpoint, mountPoints[i]) == 0)
            return i;
    TEST_ERROR(conn, VIR_ERR_OPERATION_INVALID, "mount point not found: %s", mountpoint);
    return -1;
}

/* Freeze (frozen true) or thaw the mount points named, all of them when
 * none is; returns how many changed. Nothing changes when one is unknown. */
static int setFrozen(virDomainPtr domain, const char **mountpoints, unsigned int n, bool frozen)
{
    virConnectPtr conn = testCore->handle_conn(domain);
    testState *st;
    testDomain *dom = acquireRunning(domain, &st);
    if (!dom)
        return -1;
    bool want[TEST_GUEST_FS];
    for (int i = 0; i < TEST_GUEST_FS; i++)
        want[i] = n == 0 ? frozen : dom->frozen[i];
    int ret = 0;
    for (unsigned int k = 0; k < n; k++) {
        int i = mountIndex(conn, mountpoints[k]);
        if (i < 0) {
            ret = -1;
            break;
        }
        want[i] = frozen;
    }
    if (ret == 0) {
        for (int i = 0; i < TEST_GUEST_FS; i++) {
            ret += want[i] != dom->frozen[i];
            dom->frozen[i] = want[i];
        }
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int testDomainFSFreeze(virDomainPtr dom, const char **mountpoints, unsigned int nmountpoints,
                       unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    return setFrozen(dom, mountpoints, nmountpoints, true);
}

int testDomainFSThaw(virDomainPtr dom, const char **mountpoints, unsigned int nmountpoints,
                     unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    return setFrozen(dom, mountpoints, nmountpoints, false);
}

int testDomainFSTrim(virDomainPtr dom, const char *mountPoint, unsigned long long minimum,
                     unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    (void) minimum;
    testState *st;
    if (!acquireRunning(dom, &st))
        return -1;
    int ret = mountPoint && mountIndex(testCore->handle_conn(dom), mountPoint) < 0 ? -1 : 0;
    pthread_mutex_unlock(&st->lock);
    return ret;
}

static bool isDisk(const virtDomainDisk *disk)
{
    return !disk->device || strcmp(disk->device, "disk") == 0;
}

/* Both file systems live on the first disk (by its target name): its
 * partitions 1 and 2. No disk, no file systems. */
int testDomainGetFSInfo(virDomainPtr domain, virDomainFSInfoPtr **info, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    testState *st;
    testDomain *dom = acquireRunning(domain, &st);
    if (!dom)
        return -1;
    const char *dev = NULL;
    for (size_t i = 0; !dev && i < virtDomainModelDiskCount(dom->def); i++)
        if (isDisk(dom->def->devices->disk[i]))
            dev = virtDomainModelDiskTarget(dom->def->devices->disk[i]);
    int n = 0;
    *info = NULL;
    if (dev) {
        *info = virtAlloc((TEST_GUEST_FS + 1) * sizeof(**info));
        for (int i = 0; i < TEST_GUEST_FS; i++) {
            virDomainFSInfoPtr fs = virtAlloc(sizeof(*fs));
            fs->mountpoint = virtStrdup(mountPoints[i]);
            fs->name = virtAsprintf("%s%d", dev, i + 1);
            fs->fstype = virtStrdup("ext4");
            fs->ndevAlias = 1;
            fs->devAlias = virtAlloc(sizeof(*fs->devAlias));
            fs->devAlias[0] = virtStrdup(dev);
            (*info)[n++] = fs;
        }
    }
    pthread_mutex_unlock(&st->lock);
    return n;
}

/* An address on the interface's network: the start of its first IP's DHCP
 * range (or the IP itself) moved on by offset. -1 after reporting. */
static int networkAddress(virConnectPtr conn, testState *st, const char *name, unsigned int offset,
                          virDomainIPAddressPtr out)
{
    testNetwork *net = testStateFindNetworkByName(st, name);
    if (!net) {
        TEST_ERROR(conn, VIR_ERR_NO_NETWORK, "no network with matching name '%s'", name);
        return -1;
    }
    const virtNetworkIp *ip = net->def->nip ? net->def->ip[0] : NULL;
    if (!ip) {
        TEST_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "network '%s' has no IP address", name);
        return -1;
    }
    const char *start = ip->dhcp && ip->dhcp->nrange ? ip->dhcp->range[0]->start : ip->address;
    unsigned char b[16] = { 0 };
    char text[INET6_ADDRSTRLEN] = "";
    bool v6 = virtStrEq(ip->family, "ipv6");
    out->prefix = (unsigned int) virtNetworkIpPrefix(ip);
    out->type = v6 ? VIR_IP_ADDR_TYPE_IPV6 : VIR_IP_ADDR_TYPE_IPV4;
    if (inet_pton(AF_INET, start, b) == 1) {
        uint32_t a = ((uint32_t) b[0] << 24 | (uint32_t) b[1] << 16 | (uint32_t) b[2] << 8 | b[3]) + offset;
        snprintf(text, sizeof(text), "%u.%u.%u.%u", a >> 24, (a >> 16) & 0xff, (a >> 8) & 0xff, a & 0xff);
    } else if (inet_pton(AF_INET6, start, b) == 1) {
        /* libvirt moves only the last byte, and only when told the family */
        if (v6)
            b[15] = (unsigned char) (b[15] + offset);
        inet_ntop(AF_INET6, b, text, sizeof(text));
    }
    out->addr = virtStrdup(text);
    return 0;
}

static void freeIfaces(virDomainInterfacePtr *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        for (unsigned int k = 0; k < list[i]->naddrs; k++)
            free(list[i]->addrs[k].addr);
        free(list[i]->addrs);
        free(list[i]->name);
        free(list[i]->hwaddr);
        free(list[i]);
    }
    free(list);
}

/* One address per interface: on a network, one of that network's (apart
 * per interface and per domain id); otherwise 192.168.0.N. */
int testDomainInterfaceAddresses(virDomainPtr domain, virDomainInterfacePtr **ifaces,
                                 unsigned int source, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    virConnectPtr conn = testCore->handle_conn(domain);
    if (source > VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_ARP) {
        TEST_ERROR(conn, VIR_ERR_ARGUMENT_UNSUPPORTED, "Unknown IP address data source %d", (int) source);
        return -1;
    }
    testState *st;
    testDomain *dom = acquireRunning(domain, &st);
    if (!dom)
        return -1;
    size_t n = virtDomainModelIfaceCount(dom->def);
    virDomainInterfacePtr *list = virtAlloc((n + 1) * sizeof(*list));
    for (size_t i = 0; i < n; i++) {
        virtDomainInterface *net = dom->def->devices->interface[i];
        virDomainInterfacePtr iface = virtAlloc(sizeof(*iface));
        list[i] = iface;
        iface->name = virtStrdup(virtDomainModelIfaceTarget(net));
        iface->hwaddr = virtStrdup(virtDomainModelIfaceMAC(net));
        iface->naddrs = 1;
        iface->addrs = virtAlloc(sizeof(*iface->addrs));
        if (virtStrEq(net->type, "network")) {
            const char *name = net->other.source ? net->other.source->network : NULL;
            unsigned int offset = 20 * (unsigned int) (dom->id - 1) + (unsigned int) i + 1;
            if (networkAddress(conn, st, name ? name : "", offset, iface->addrs) < 0) {
                pthread_mutex_unlock(&st->lock);
                freeIfaces(list, i + 1);
                return -1;
            }
        } else {
            iface->addrs[0].type = VIR_IP_ADDR_TYPE_IPV4;
            iface->addrs[0].prefix = 24;
            iface->addrs[0].addr = virtAsprintf("192.168.0.%zu", i + 1);
        }
    }
    pthread_mutex_unlock(&st->lock);
    *ifaces = list;
    return (int) n;
}

/* Only the guest's init can be signalled; nothing happens to it. */
int testDomainSendProcessSignal(virDomainPtr domain, long long pid_value, unsigned int signum,
                                unsigned int flags)
{
    virConnectPtr conn = testCore->handle_conn(domain);
    /* libvirt's entry point refuses pid 0 before the driver sees it */
    if (pid_value == 0) {
        testRawError(conn, VIR_ERR_INVALID_ARG, "pid_value in virDomainSendProcessSignal must not be zero");
        return -1;
    }
    VIRT_CHECK_FLAGS(flags, 0, -1);
    if (pid_value != 1) {
        TEST_ERROR(conn, VIR_ERR_INVALID_ARG, "only sending a signal to pid 1 is supported");
        return -1;
    }
    if (signum > VIR_DOMAIN_PROCESS_SIGNAL_RT32) {
        TEST_ERROR(conn, VIR_ERR_INVALID_ARG, "signum value %d is out of range", (int) signum);
        return -1;
    }
    testState *st;
    if (!testDomainAcquire(domain, &st))
        return -1;
    pthread_mutex_unlock(&st->lock);
    return 0;
}

/* Every byte of guest memory holds the low byte of its own address. */
int testDomainMemoryPeek(virDomainPtr domain, unsigned long long start, size_t size, void *buffer,
                         unsigned int flags)
{
    virConnectPtr conn = testCore->handle_conn(domain);
    /* libvirt's entry point refuses both kinds at once */
    if ((flags & VIR_MEMORY_VIRTUAL) && (flags & VIR_MEMORY_PHYSICAL)) {
        testRawError(conn, VIR_ERR_INVALID_ARG,
                     "Flags 'VIR_MEMORY_VIRTUAL' and 'VIR_MEMORY_PHYSICAL' are mutually exclusive");
        return -1;
    }
    VIRT_CHECK_FLAGS(flags, VIR_MEMORY_VIRTUAL | VIR_MEMORY_PHYSICAL, -1);
    if (flags != VIR_MEMORY_VIRTUAL && flags != VIR_MEMORY_PHYSICAL) {
        TEST_ERROR(conn, VIR_ERR_INVALID_ARG,
                   "flags parameter must be VIR_MEMORY_VIRTUAL or VIR_MEMORY_PHYSICAL");
        return -1;
    }
    testState *st;
    if (!acquireRunning(domain, &st))
        return -1;
    pthread_mutex_unlock(&st->lock);
    unsigned char *out = buffer;
    for (size_t i = 0; i < size; i++)
        out[i] = (unsigned char) (start + i);
    return 0;
}

/* Test domains are never tainted and use nothing deprecated: no messages. */
int testDomainGetMessages(virDomainPtr domain, char ***msgs, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_MESSAGE_DEPRECATION | VIR_DOMAIN_MESSAGE_TAINTING, -1);
    testState *st;
    if (!testDomainAcquire(domain, &st))
        return -1;
    pthread_mutex_unlock(&st->lock);
    *msgs = NULL;
    return 0;
}
