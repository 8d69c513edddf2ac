/* test_domain_stats.c: the figures a domain reports about its memory, its
 * CPU time, its disks' sizes and errors. They are the fixed numbers of
 * libvirt's test driver (or derived from the definition as it derives
 * them), so that programs written against one see the same on the other. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_driver.h"
#include "util.h"

static bool hasBalloon(const virtDomain *def)
{
    const virtDomainMemballoon *b = def->devices ? def->devices->memballoon : NULL;
    return b && !virtStrEq(b->model, "none");
}

int testDomainMemoryStats(virDomainPtr domain, virDomainMemoryStatPtr stats, unsigned int nr_stats,
                          unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    testState *st;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    if (!testDomainCheckActive(testCore->handle_conn(domain), dom)) {
        pthread_mutex_unlock(&st->lock);
        return -1;
    }
    /* Without a balloon there is nobody to ask: no statistics. The figures
     * follow the current memory, held in an int as libvirt does. */
    int cur = (int) virtDomainModelCurrentMemory(dom->def);
    const struct { int tag; long long val; } all[] = {
        { VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON, cur },
        { VIR_DOMAIN_MEMORY_STAT_SWAP_IN, 0 },
        { VIR_DOMAIN_MEMORY_STAT_SWAP_OUT, 0 },
        { VIR_DOMAIN_MEMORY_STAT_MAJOR_FAULT, 0 },
        { VIR_DOMAIN_MEMORY_STAT_MINOR_FAULT, 0 },
        { VIR_DOMAIN_MEMORY_STAT_UNUSED, cur / 2 },
        { VIR_DOMAIN_MEMORY_STAT_AVAILABLE, cur },
        { VIR_DOMAIN_MEMORY_STAT_USABLE, cur / 2 },
        { VIR_DOMAIN_MEMORY_STAT_LAST_UPDATE, 627319920 },
        { VIR_DOMAIN_MEMORY_STAT_DISK_CACHES, cur / 8 },
        { VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGALLOC, 0 },
        { VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGFAIL, 0 },
        { VIR_DOMAIN_MEMORY_STAT_RSS, cur / 2 },
    };
    unsigned int n = 0;
    if (hasBalloon(dom->def)) {
        for (size_t i = 0; i < sizeof(all) / sizeof(all[0]) && n < nr_stats; i++, n++) {
            stats[n].tag = all[i].tag;
            stats[n].val = (unsigned long long) all[i].val;
        }
    }
    pthread_mutex_unlock(&st->lock);
    return (int) n;
}

#define TEST_TOTAL_CPUTIME 48772617035ULL

static void setULLong(virTypedParameterPtr p, const char *field, unsigned long long v)
{
    memset(p, 0, sizeof(*p));
    snprintf(p->field, sizeof(p->field), "%s", field);
    p->type = VIR_TYPED_PARAM_ULLONG;
    p->value.ul = v;
}

static int totalStats(virTypedParameterPtr params, unsigned int nparams)
{
    if (nparams == 0)
        return 3;
    setULLong(&params[0], VIR_DOMAIN_CPU_STATS_CPUTIME, TEST_TOTAL_CPUTIME);
    if (nparams > 1)
        setULLong(&params[1], VIR_DOMAIN_CPU_STATS_USERTIME, 5540000000ULL);
    if (nparams > 2)
        setULLong(&params[2], VIR_DOMAIN_CPU_STATS_SYSTEMTIME, 6460000000ULL);
    return nparams > 3 ? 3 : (int) nparams;
}

/* Per host cpu: the total split evenly, plus the cpu's index to tell them
 * apart; vcpu time is a fixed amount below that. The "host cpus" here are
 * the node's cores per socket, as libvirt's test driver counts them. */
static int percpuStats(virConnectPtr conn, virTypedParameterPtr params, unsigned int nparams,
                       int start, unsigned int ncpus, int total)
{
    if (nparams == 0 && ncpus != 0)
        return 2;
    if (ncpus == 0)
        return total;
    if (start >= total) {
        TEST_ERROR(conn, VIR_ERR_INVALID_ARG, "start_cpu %d larger than maximum of %d",
                   start, total - 1);
        return -1;
    }
    unsigned long long each = TEST_TOTAL_CPUTIME / (unsigned long long) total;
    int end = start + (int) ncpus < total ? start + (int) ncpus : total;
    for (int i = start; i < end; i++)
        setULLong(&params[(size_t) (i - start) * nparams], VIR_DOMAIN_CPU_STATS_CPUTIME,
                  each + (unsigned long long) i);
    if (nparams < 2)
        return 1;
    for (int i = start; i < end; i++)
        setULLong(&params[(size_t) (i - start) * nparams + 1], VIR_DOMAIN_CPU_STATS_VCPUTIME,
                  each + (unsigned long long) i - 1234567890ULL);
    return 2;
}

int testDomainGetCPUStats(virDomainPtr domain, virTypedParameterPtr params, unsigned int nparams,
                          int start_cpu, unsigned int ncpus, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_TYPED_PARAM_STRING_OKAY, -1);
    virConnectPtr conn = testCore->handle_conn(domain);
    testState *st;
    int ret = -1;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    if (testDomainCheckActive(conn, dom)) {
        if (start_cpu == -1)
            ret = totalStats(params, nparams);
        else
            ret = percpuStats(conn, params, nparams, start_cpu, ncpus, (int) st->node.cores);
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int testDomainGetBlockInfo(virDomainPtr domain, const char *disk, virDomainBlockInfoPtr info,
                           unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    virConnectPtr conn = testCore->handle_conn(domain);
    testState *st;
    int ret = -1;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    ssize_t i = testDomainFindDisk(dom->def, disk);
    if (i < 0) {
        TEST_ERROR(conn, VIR_ERR_INVALID_ARG, "invalid path %s not assigned to domain", disk);
        goto cleanup;
    }
    if (!virtDomainModelDiskSource(dom->def->devices->disk[i])) {
        TEST_ERROR(conn, VIR_ERR_INVALID_ARG, "disk '%s' does not currently have a source assigned",
                   disk);
        goto cleanup;
    }
    /* Every disk is a terabyte, just short of full. */
    info->capacity = 1099506450432ULL;
    info->allocation = 1099511627776ULL;
    info->physical = 1099511627776ULL;
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int testDomainGetDiskErrors(virDomainPtr domain, virDomainDiskErrorPtr errors, unsigned int maxerrors,
                            unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    testState *st;
    int ret = -1;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    if (!testDomainCheckActive(testCore->handle_conn(domain), dom))
        goto cleanup;
    size_t ndisks = virtDomainModelDiskCount(dom->def);
    if (!errors) {
        ret = (int) ndisks;
        goto cleanup;
    }
    /* Each disk reports an error, the two kinds (unspec, no space) taking turns. */
    size_t n = ndisks < maxerrors ? ndisks : maxerrors;
    memset(errors, 0, n * sizeof(*errors));
    for (size_t i = 0; i < n; i++) {
        const char *target = virtDomainModelDiskTarget(dom->def->devices->disk[i]);
        errors[i].disk = virtStrdup(target ? target : "");
        errors[i].error = (int) (i % 2) + 1;
    }
    ret = (int) n;
 cleanup:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

/* The groups of virConnectGetAllDomainStats libvirt's test driver knows:
 * the state, and the IOThreads added by virDomainAddIOThread (which this
 * module does not offer, so that group is always empty). */
#define STATS_GROUPS (VIR_DOMAIN_STATS_STATE | VIR_DOMAIN_STATS_IOTHREAD)
#define STATS_FILTERS 0xffu     /* VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE...OTHER */

static virDomainStatsRecordPtr statsRecord(virConnectPtr conn, const testDomain *dom, unsigned int stats)
{
    virDomainStatsRecordPtr rec = virtAlloc(sizeof(*rec));
    if (!(rec->dom = testDomainHandle(conn, dom))) {
        free(rec);
        return NULL;
    }
    if (stats & VIR_DOMAIN_STATS_STATE) {
        rec->params = virtAlloc(2 * sizeof(*rec->params));
        testSetParam(&rec->params[0], "state.state", VIR_TYPED_PARAM_INT);
        rec->params[0].value.i = dom->state;
        testSetParam(&rec->params[1], "state.reason", VIR_TYPED_PARAM_INT);
        rec->params[1].value.i = dom->reason;
        rec->nparams = 2;
    }
    return rec;
}

int testConnectGetAllDomainStats(virConnectPtr conn, unsigned int stats, virDomainStatsRecordPtr **retStats,
                                 unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, STATS_FILTERS | VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT |
                     VIR_CONNECT_GET_ALL_DOMAINS_STATS_BACKING |
                     VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS, -1);
    if (stats == 0) {
        stats = STATS_GROUPS;
    } else if ((flags & VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS) && (stats & ~STATS_GROUPS)) {
        TEST_ERROR(conn, VIR_ERR_ARGUMENT_UNSUPPORTED,
                   "Stats types bits 0x%x are not supported by this daemon", stats & ~STATS_GROUPS);
        return -1;
    }
    testState *st = testConnState(conn);
    pthread_mutex_lock(&st->lock);
    virDomainStatsRecordPtr *list = virtAlloc((st->ndomains + 1) * sizeof(*list));
    int n = 0;
    for (testDomain *d = st->dom_first; d; d = d->next) {
        if (!testDomainListFilter(d, flags & STATS_FILTERS))
            continue;
        /* a handle only fails on bad arguments, never here */
        if ((list[n] = statsRecord(conn, d, stats)))
            n++;
    }
    pthread_mutex_unlock(&st->lock);
    *retStats = list;
    return n;
}
