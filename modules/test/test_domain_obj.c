/* test_domain_obj.c: what every domain function needs: finding the object
 * behind a handle, running and stopping it, checking new definitions. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_driver.h"
#include "util.h"

/* As libvirt's test driver: an i686 guest by default, a Cirrus card for
 * its graphics, QEMU's MAC range, and host interfaces named testnetN. */
const virtDomainDriverDefaults testDomainDefaults = {
    .arch = "i686",
    .video = "cirrus",
    .mac_prefix = { 0x52, 0x54, 0x00 },
    .ifname_prefix = "testnet",
};

void testReportXMLError(virConnectPtr conn, virtXMLError *err)
{
    /* A document that is not well formed carries libvirt's domain for
     * its kind (domain, network, pool ...); other errors are the driver's. */
    testCore->error(conn, virtXMLErrorDomain(err, VIR_FROM_TEST),
                    err->code ? err->code : VIR_ERR_XML_ERROR, "%s",
                    err->message ? err->message : "invalid XML");
    virtXMLErrorClear(err);
}

static long long nowNs(struct timespec *ts)
{
    clock_gettime(CLOCK_MONOTONIC, ts);
    return (long long) ts->tv_sec * 1000000000LL + ts->tv_nsec;
}

unsigned long long testDomainCPUTime(const testDomain *dom)
{
    if (dom->state != VIR_DOMAIN_RUNNING)
        return dom->cpu_ns;
    struct timespec now;
    long long n = nowNs(&now);
    long long since = (long long) dom->run_since.tv_sec * 1000000000LL + dom->run_since.tv_nsec;
    return dom->cpu_ns + (unsigned long long) (n - since) * testDomainCurrentVcpus(dom);
}

unsigned int testDomainCurrentVcpus(const testDomain *dom)
{
    return virtDomainModelCurrentVcpus(dom->def);
}

bool testDomainCheckActive(virConnectPtr conn, const testDomain *dom)
{
    if (dom->state != VIR_DOMAIN_SHUTOFF)
        return true;
    testCore->error(conn, VIR_FROM_DOMAIN, VIR_ERR_OPERATION_INVALID, "domain is not running");
    return false;
}

/* An error whose message is given whole, as libvirt's public entry points
 * and its definition helpers word theirs (no "invalid argument: " lead). */
static void rawErrorV(virConnectPtr conn, int from, int code, const char *fmt, va_list ap)
{
    char msg[512];
    virError err = { 0 };

    vsnprintf(msg, sizeof(msg), fmt, ap);
    err.code = code;
    err.domain = from;
    err.level = VIR_ERR_ERROR;
    err.message = msg;
    testCore->error_set(conn, &err);
}

void testRawError(virConnectPtr conn, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    rawErrorV(conn, VIR_FROM_DOMAIN, code, fmt, ap);
    va_end(ap);
}

void testRawErrorFrom(virConnectPtr conn, int from, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    rawErrorV(conn, from, code, fmt, ap);
    va_end(ap);
}

/* The definitions a VIR_DOMAIN_AFFECT_* choice reaches: the live one and
 * the persistent one (kept aside while the domain runs). CURRENT means
 * live when running, else persistent. */
int testDomainPickDefs(virConnectPtr conn, testDomain *dom, unsigned int flags,
                    virtDomain **live, virtDomain **config)
{
    bool active = dom->state != VIR_DOMAIN_SHUTOFF;
    if (!(flags & (VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG)))
        flags |= active ? VIR_DOMAIN_AFFECT_LIVE : VIR_DOMAIN_AFFECT_CONFIG;
    if ((flags & VIR_DOMAIN_AFFECT_LIVE) && !testDomainCheckActive(conn, dom))
        return -1;
    if ((flags & VIR_DOMAIN_AFFECT_CONFIG) && !dom->persistent) {
        testCore->error(conn, VIR_FROM_DOMAIN, VIR_ERR_OPERATION_INVALID,
                        "transient domains do not have any persistent config");
        return -1;
    }
    *live = (flags & VIR_DOMAIN_AFFECT_LIVE) ? dom->def : NULL;
    *config = !(flags & VIR_DOMAIN_AFFECT_CONFIG) ? NULL :
              active && dom->pending ? dom->pending : dom->def;
    return 0;
}

virtDomain *testDomainAcquireDef(virDomainPtr handle, unsigned int flags, testState **stp, testDomain **domp)
{
    testDomain *dom = testDomainAcquire(handle, stp);
    if (!dom)
        return NULL;
    virtDomain *def = testDomainPickOneDef(testCore->handle_conn(handle), dom, flags, NULL);
    if (!def) {
        pthread_mutex_unlock(&(*stp)->lock);
        return NULL;
    }
    *domp = dom;
    return def;
}

/* One definition only: LIVE and CONFIG together are refused. */
virtDomain *testDomainPickOneDef(virConnectPtr conn, testDomain *dom, unsigned int flags, bool *isLive)
{
    virtDomain *live, *config;
    if ((flags & VIR_DOMAIN_AFFECT_LIVE) && (flags & VIR_DOMAIN_AFFECT_CONFIG)) {
        testRawError(conn, VIR_ERR_INVALID_ARG,
                 "Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' are mutually exclusive");
        return NULL;
    }
    if (testDomainPickDefs(conn, dom, flags, &live, &config) < 0)
        return NULL;
    if (isLive)
        *isLive = live != NULL;
    return live ? live : config;
}

void testDomainSetDef(testState *st, testDomain *dom, virtDomain *def)
{
    /* Name and UUID are unchanged, but the hash keys point into the old
     * definition: re-point them before it goes. */
    testHashPut(st->dom_by_name, def->name, strlen(def->name), dom);
    testHashPut(st->dom_by_uuid, def->uuid, VIRT_UUID_LEN, dom);
    virtDomainModelFree(dom->def);
    dom->def = def;
}

void testDomainStart(testState *st, testDomain *dom, int reason)
{
    /* Live changes (vcpus, memory, devices) must not reach the persistent
     * definition: keep it aside until the domain stops. */
    if (dom->persistent && !dom->pending) {
        dom->pending = virtDomainModelCopy(dom->def);
        if (dom->pending)
            virtDomainModelSetID(dom->pending, -1);
    }
    testStateIndexID(st, dom, st->next_id++);
    virtDomainModelSetID(dom->def, dom->id);
    dom->state = VIR_DOMAIN_RUNNING;
    dom->reason = reason;
    /* Starting, however it happens, discards a managed save image. */
    dom->managed_save = false;
    nowNs(&dom->run_since);
}

bool testDomainStop(testState *st, testDomain *dom, int reason)
{
    dom->cpu_ns = testDomainCPUTime(dom);
    testStateIndexID(st, dom, -1);
    virtDomainModelSetID(dom->def, -1);
    dom->state = VIR_DOMAIN_SHUTOFF;
    dom->reason = reason;
    if (!dom->persistent) {
        testStateRemoveDomain(st, dom);
        return true;
    }
    if (dom->pending) {
        virtDomain *def = dom->pending;
        dom->pending = NULL;
        testDomainSetDef(st, dom, def);
    }
    return false;
}

testDomain *testDomainAcquire(virDomainPtr handle, testState **stp)
{
    virConnectPtr conn = testCore->handle_conn(handle);
    testState *st = testConnState(conn);
    if (!st) {
        TEST_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "connection has no test state");
        return NULL;
    }
    pthread_mutex_lock(&st->lock);
    testDomain *dom = testStateFindDomainByUUID(st, testCore->handle_identity(handle)->uuid);
    if (!dom) {
        char uuid[VIRT_UUID_STRLEN];
        virtUUIDFormat(testCore->handle_identity(handle)->uuid, uuid);
        pthread_mutex_unlock(&st->lock);
        TEST_ERROR(conn, VIR_ERR_NO_DOMAIN, "no domain with matching uuid '%s' (%s)",
                   uuid, testCore->handle_identity(handle)->name);
        return NULL;
    }
    *stp = st;
    return dom;
}

testDomain *testDomainCheckDef(virConnectPtr conn, testState *st,
                               const virtDomain *def, bool *clash)
{
    char uuid[VIRT_UUID_STRLEN];
    testDomain *byName = testStateFindDomainByName(st, def->name);
    testDomain *byUUID = testStateFindDomainByUUID(st, def->uuid);
    *clash = false;
    if (byName && byName != byUUID) {
        virtUUIDFormat(byName->def->uuid, uuid);
        testCore->error(conn, VIR_FROM_DOMAIN, VIR_ERR_OPERATION_FAILED, "domain '%s' already exists with uuid %s",
                   def->name, uuid);
        *clash = true;
        return NULL;
    }
    if (byUUID && byUUID != byName) {
        virtUUIDFormat(byUUID->def->uuid, uuid);
        testCore->error(conn, VIR_FROM_DOMAIN, VIR_ERR_OPERATION_FAILED, "domain '%s' is already defined with uuid %s",
                   byUUID->def->name, uuid);
        *clash = true;
        return NULL;
    }
    return byName;
}

virDomainPtr testDomainHandle(virConnectPtr conn, const testDomain *dom)
{
    return virtHandleNewDomain(testCore, conn, dom->def->name, dom->def->uuid, dom->id);
}

/* libvirt's test driver finds a network by name for most calls and by
 * uuid for a few; each way has its own words when the network is gone. */
static testNetwork *networkAcquire(virNetworkPtr handle, testState **stp, bool byUUID)
{
    virConnectPtr conn = testCore->handle_conn(handle);
    testState *st = testConnState(conn);
    const virtHandleIdentity *id = testCore->handle_identity(handle);
    if (!st) {
        TEST_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "connection has no test state");
        return NULL;
    }
    pthread_mutex_lock(&st->lock);
    testNetwork *net = byUUID ? testStateFindNetworkByUUID(st, id->uuid) : testStateFindNetworkByName(st, id->name);
    if (!net) {
        char uuid[VIRT_UUID_STRLEN];
        virtUUIDFormat(id->uuid, uuid);
        pthread_mutex_unlock(&st->lock);
        if (byUUID)
            TEST_ERROR(conn, VIR_ERR_NO_NETWORK, "no network with matching uuid '%s'", uuid);
        else
            TEST_ERROR(conn, VIR_ERR_NO_NETWORK, "no network with matching name '%s'", id->name);
        return NULL;
    }
    *stp = st;
    return net;
}

testNetwork *testNetworkAcquire(virNetworkPtr handle, testState **stp)
{
    return networkAcquire(handle, stp, false);
}

testNetwork *testNetworkAcquireByUUID(virNetworkPtr handle, testState **stp)
{
    return networkAcquire(handle, stp, true);
}
