/* test_domain_tune.c: memory (and its balloon's statistics period), vcpus,
 * pinning and the scheduler. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_driver.h"
#include "util.h"

#define TEST_MAX_VCPUS 32

unsigned long testDomainGetMaxMemory(virDomainPtr domain)
{
    testState *st;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return 0;
    unsigned long ret = (unsigned long) virtDomainModelMaxMemory(dom->def);
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int testDomainSetMemoryFlags(virDomainPtr domain, unsigned long memory, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                     VIR_DOMAIN_MEM_MAXIMUM, -1);
    virConnectPtr conn = testCore->handle_conn(domain);
    testState *st;
    int ret = -1;
    bool live;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    virtDomain *def = testDomainPickOneDef(conn, dom, flags, &live);
    if (!def)
        goto cleanup;
    if (flags & VIR_DOMAIN_MEM_MAXIMUM) {
        if (live) {
            TEST_ERROR(conn, VIR_ERR_OPERATION_INVALID, "cannot resize the maximum memory on an active domain");
            goto cleanup;
        }
        virtDomainModelSetMaxMemory(def, memory);
        if (virtDomainModelCurrentMemory(def) > memory)
            virtDomainModelSetCurrentMemory(def, memory);
    } else {
        if (memory > virtDomainModelMaxMemory(def)) {
            TEST_ERROR(conn, VIR_ERR_INVALID_ARG, "cannot set memory higher than max memory");
            goto cleanup;
        }
        virtDomainModelSetCurrentMemory(def, memory);
    }
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int testDomainSetMemoryStatsPeriod(virDomainPtr domain, int period, unsigned int flags)
{
    virConnectPtr conn = testCore->handle_conn(domain);
    testState *st;
    int ret = -1;
    /* libvirt's entry point refuses this before any driver sees it. */
    if (period < 0) {
        testRawError(conn, VIR_ERR_INVALID_ARG, "period in virDomainSetMemoryStatsPeriod must be zero or greater");
        return -1;
    }
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    testDomain *dom;
    virtDomain *def = testDomainAcquireDef(domain, flags, &st, &dom);
    if (!def)
        return -1;
    virtDomainMemballoon *balloon = def->devices ? def->devices->memballoon : NULL;
    if (!balloon || virtStrEq(balloon->model, "none")) {
        TEST_ERROR(conn, VIR_ERR_INTERNAL_ERROR,
                   "No memory balloon device configured, can not set the collection period");
        goto cleanup;
    }
    /* A period of 0 stops the collection: no <stats> is written then. */
    if (period == 0) {
        free(balloon->stats);
        balloon->stats = NULL;
    } else {
        if (!balloon->stats)
            balloon->stats = virtAlloc(sizeof(*balloon->stats));
        balloon->stats->period = (unsigned int) period;
        balloon->stats->period_set = true;
    }
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int testDomainGetVcpusFlags(virDomainPtr domain, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                     VIR_DOMAIN_VCPU_MAXIMUM, -1);
    testState *st;
    int ret = -1;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    const virtDomain *def = testDomainPickOneDef(testCore->handle_conn(domain), dom, flags, NULL);
    if (def)
        ret = (int) ((flags & VIR_DOMAIN_VCPU_MAXIMUM) ? virtDomainModelVcpus(def)
                                                        : virtDomainModelCurrentVcpus(def));
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int testDomainSetVcpusFlags(virDomainPtr domain, unsigned int nvcpus, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                     VIR_DOMAIN_VCPU_MAXIMUM, -1);
    virConnectPtr conn = testCore->handle_conn(domain);
    testState *st;
    int ret = -1;
    virtDomain *live, *config;

    if (nvcpus > TEST_MAX_VCPUS) {
        TEST_ERROR(conn, VIR_ERR_INVALID_ARG,
                   "requested cpu amount exceeds maximum supported amount (%u > %d)",
                   nvcpus, TEST_MAX_VCPUS);
        return -1;
    }
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    if (testDomainPickDefs(conn, dom, flags, &live, &config) < 0)
        goto cleanup;
    /* The maximum bounds the live count always, the persistent one unless
     * it is the maximum being changed. */
    if (live && nvcpus > virtDomainModelVcpus(live)) {
        TEST_ERROR(conn, VIR_ERR_INVALID_ARG, "requested cpu amount exceeds maximum (%u > %u)",
                   nvcpus, virtDomainModelVcpus(live));
        goto cleanup;
    }
    if (config && !(flags & VIR_DOMAIN_VCPU_MAXIMUM) && nvcpus > virtDomainModelVcpus(config)) {
        TEST_ERROR(conn, VIR_ERR_INVALID_ARG, "requested cpu amount exceeds maximum (%u > %u)",
                   nvcpus, virtDomainModelVcpus(config));
        goto cleanup;
    }
    if (live) {
        /* CPU time so far was used by the old number of vcpus. */
        dom->cpu_ns = testDomainCPUTime(dom);
        clock_gettime(CLOCK_MONOTONIC, &dom->run_since);
        virtDomainModelSetVcpus(live, virtDomainModelVcpus(live), nvcpus);
    }
    if (config && config != live) {
        if (flags & VIR_DOMAIN_VCPU_MAXIMUM) {
            unsigned int current = virtDomainModelCurrentVcpus(config);
            virtDomainModelSetVcpus(config, nvcpus, current < nvcpus ? current : nvcpus);
        } else {
            virtDomainModelSetVcpus(config, virtDomainModelVcpus(config), nvcpus);
        }
    }
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int testDomainPinVcpuFlags(virDomainPtr domain, unsigned int vcpu, unsigned char *cpumap, int maplen,
                           unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    virConnectPtr conn = testCore->handle_conn(domain);
    testState *st;
    int ret = -1;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    if (dom->state == VIR_DOMAIN_SHUTOFF) {
        TEST_ERROR(conn, VIR_ERR_OPERATION_INVALID, "cannot pin vcpus on an inactive domain");
        goto cleanup;
    }
    if (vcpu >= testDomainCurrentVcpus(dom)) {
        TEST_ERROR(conn, VIR_ERR_INVALID_ARG, "requested vcpu '%u' is not present in the domain", vcpu);
        goto cleanup;
    }
    /* Keep only the host's cpus; bits past them are ignored. The pin is
     * the running definition's, as libvirt's test driver keeps it. */
    bool *bits = virtAlloc(TEST_BITMAP_MAX * sizeof(*bits));
    for (unsigned int c = 0; c < dom->host_cpus && c < (unsigned int) maplen * 8; c++)
        bits[c] = VIR_CPU_USABLE(cpumap, maplen, 0, c);
    testDomainSetVcpupin(dom->def, vcpu, bits);
    free(bits);
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int testDomainGetVcpus(virDomainPtr domain, virVcpuInfoPtr info, int maxinfo,
                       unsigned char *cpumaps, int maplen)
{
    virConnectPtr conn = testCore->handle_conn(domain);
    testState *st;
    int ret = -1;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    if (dom->state == VIR_DOMAIN_SHUTOFF) {
        TEST_ERROR(conn, VIR_ERR_OPERATION_INVALID, "cannot list vcpus for an inactive domain");
        goto cleanup;
    }
    unsigned int nv = testDomainCurrentVcpus(dom);
    /* As libvirt's test driver: each vcpu reports the wall clock in
     * microseconds / 10 as its time, and the highest cpu it may run on. */
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    unsigned long long cpuTime = ((unsigned long long) now.tv_sec * 1000000ULL +
                                  (unsigned long long) now.tv_nsec / 1000ULL) / 10;
    if ((unsigned int) maxinfo > nv)
        maxinfo = (int) nv;
    bool *bits = virtAlloc(TEST_BITMAP_MAX * sizeof(*bits));
    for (int v = 0; v < maxinfo; v++) {
        testDomainVcpuCpus(dom, dom->def, (unsigned int) v, bits);
        int lastCpu = -1;
        for (int c = 0; c < TEST_BITMAP_MAX; c++)
            if (bits[c])
                lastCpu = c;
        if (cpumaps)
            testBitsToMap(bits, VIR_GET_CPUMAP(cpumaps, maplen, v), maplen);
        info[v].number = (unsigned int) v;
        info[v].state = VIR_VCPU_RUNNING;
        info[v].cpuTime = cpuTime;
        info[v].cpu = lastCpu;
    }
    free(bits);
    ret = maxinfo;
 cleanup:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

char *testDomainGetSchedulerType(virDomainPtr domain, int *nparams)
{
    testState *st;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return NULL;
    pthread_mutex_unlock(&st->lock);
    if (nparams)
        *nparams = 1;
    return virtStrdup("fair");
}

int testDomainGetSchedulerParametersFlags(virDomainPtr domain, virTypedParameterPtr params,
                                          int *nparams, unsigned int flags)
{
    /* The live and persistent weight are one value here. The core adds
     * VIR_TYPED_PARAM_STRING_OKAY, as libvirt does (whose test driver then
     * refuses it: that we do not copy). */
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                     VIR_TYPED_PARAM_STRING_OKAY, -1);
    testState *st;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    if (*nparams >= 1) {
        memset(&params[0], 0, sizeof(params[0]));
        snprintf(params[0].field, sizeof(params[0].field), "%s", VIR_DOMAIN_SCHEDULER_WEIGHT);
        params[0].type = VIR_TYPED_PARAM_UINT;
        params[0].value.ui = dom->weight;
        *nparams = 1;
    }
    pthread_mutex_unlock(&st->lock);
    return 0;
}

int testDomainSetSchedulerParametersFlags(virDomainPtr domain, virTypedParameterPtr params,
                                          int nparams, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    virConnectPtr conn = testCore->handle_conn(domain);
    testState *st;
    int ret = -1;

    /* Check every parameter before changing anything. */
    for (int i = 0; i < nparams; i++) {
        if (strcmp(params[i].field, VIR_DOMAIN_SCHEDULER_WEIGHT) != 0) {
            TEST_ERROR(conn, VIR_ERR_ARGUMENT_UNSUPPORTED, "parameter '%s' not supported", params[i].field);
            return -1;
        }
        if (params[i].type != VIR_TYPED_PARAM_UINT) {
            TEST_ERROR(conn, VIR_ERR_INVALID_ARG, "invalid type for parameter '%s', expected 'uint'",
                       params[i].field);
            return -1;
        }
    }
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    for (int i = 0; i < nparams; i++)
        dom->weight = params[i].value.ui;
    ret = 0;
    pthread_mutex_unlock(&st->lock);
    return ret;
}
