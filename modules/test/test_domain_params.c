/* test_domain_params.c: memory and block I/O tunables as typed
 * parameters, kept in the definition (<memtune>, <blkiotune>) of the live
 * or persistent side the flags choose. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "test_driver.h"
#include "util.h"

static const virTypedParameter *findParam(virTypedParameterPtr params, int nparams, const char *name)
{
    const virTypedParameter *found = NULL;
    for (int i = 0; i < nparams; i++)
        if (strcmp(params[i].field, name) == 0)
            found = &params[i];     /* the last one counts */
    return found;
}

/* A memtune limit as reported: unlimited when not set. */
static unsigned long long limitOf(bool set, unsigned long long v)
{
    return set ? v : (unsigned long long) VIR_DOMAIN_MEMORY_PARAM_UNLIMITED;
}

/* A limit is written to the XML unless it is the unlimited value. */
static void storeLimit(unsigned long long *field, bool *set, unsigned long long v)
{
    *field = v;
    *set = v < (unsigned long long) VIR_DOMAIN_MEMORY_PARAM_UNLIMITED;
}

int testDomainGetMemoryParameters(virDomainPtr domain, virTypedParameterPtr params, int *nparams,
                                  unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                     VIR_TYPED_PARAM_STRING_OKAY, -1);
    testState *st;
    int ret = -1;
    if (*nparams == 0) {
        *nparams = 3;
        return 0;
    }
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    const virtDomain *def = testDomainPickOneDef(testCore->handle_conn(domain), dom,
                                                 flags & ~VIR_TYPED_PARAM_STRING_OKAY, NULL);
    if (def) {
        const virtDomainMemtune *m = def->memtune;
        const struct { const char *name; unsigned long long v; } out[3] = {
            { VIR_DOMAIN_MEMORY_HARD_LIMIT, m ? limitOf(m->hard_limit_set, m->hard_limit) : limitOf(false, 0) },
            { VIR_DOMAIN_MEMORY_SOFT_LIMIT, m ? limitOf(m->soft_limit_set, m->soft_limit) : limitOf(false, 0) },
            { VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT,
              m ? limitOf(m->swap_hard_limit_set, m->swap_hard_limit) : limitOf(false, 0) },
        };
        int n = *nparams < 3 ? *nparams : 3;
        for (int i = 0; i < n; i++) {
            testSetParam(&params[i], out[i].name, VIR_TYPED_PARAM_ULLONG);
            params[i].value.ul = out[i].v;
        }
        *nparams = n;
        ret = 0;
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int testDomainSetMemoryParameters(virDomainPtr domain, virTypedParameterPtr params, int nparams,
                                  unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    static const char *const names[] = { VIR_DOMAIN_MEMORY_HARD_LIMIT, VIR_DOMAIN_MEMORY_SOFT_LIMIT,
                                         VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT };
    static const int types[] = { VIR_TYPED_PARAM_ULLONG, VIR_TYPED_PARAM_ULLONG, VIR_TYPED_PARAM_ULLONG };
    virConnectPtr conn = testCore->handle_conn(domain);
    testState *st;
    int ret = -1;
    if (testCheckParams(conn, params, nparams, names, types, 3) < 0)
        return -1;
    testDomain *dom;
    virtDomain *def = testDomainAcquireDef(domain, flags, &st, &dom);
    if (!def)
        return -1;
    const virTypedParameter *hard = findParam(params, nparams, VIR_DOMAIN_MEMORY_HARD_LIMIT);
    const virTypedParameter *soft = findParam(params, nparams, VIR_DOMAIN_MEMORY_SOFT_LIMIT);
    const virTypedParameter *swap = findParam(params, nparams, VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT);
    if (hard || swap) {
        /* libvirt compares with the live definition's limits, whichever
         * side is being changed. */
        const virtDomainMemtune *lm = dom->def->memtune;
        unsigned long long h = hard ? hard->value.ul : lm ? limitOf(lm->hard_limit_set, lm->hard_limit)
                                                          : limitOf(false, 0);
        unsigned long long s = swap ? swap->value.ul
                                    : lm ? limitOf(lm->swap_hard_limit_set, lm->swap_hard_limit)
                                         : limitOf(false, 0);
        if (h > s) {
            TEST_ERROR(conn, VIR_ERR_INVALID_ARG,
                       "memory hard_limit tunable value must be lower than or equal to swap_hard_limit");
            goto cleanup;
        }
    }
    if (!def->memtune)
        def->memtune = virtAlloc(sizeof(*def->memtune));
    if (soft)
        storeLimit(&def->memtune->soft_limit, &def->memtune->soft_limit_set, soft->value.ul);
    if (hard)
        storeLimit(&def->memtune->hard_limit, &def->memtune->hard_limit_set, hard->value.ul);
    if (swap)
        storeLimit(&def->memtune->swap_hard_limit, &def->memtune->swap_hard_limit_set, swap->value.ul);
    /* An element without limits is not written: drop it. */
    if (!def->memtune->hard_limit_set && !def->memtune->soft_limit_set &&
        !def->memtune->swap_hard_limit_set && !def->memtune->min_guarantee_set) {
        free(def->memtune);
        def->memtune = NULL;
    }
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

/* The per-device fields of <blkiotune>, in the order the parameters come. */
static const char *const blkioDeviceParams[] = {
    VIR_DOMAIN_BLKIO_DEVICE_WEIGHT, VIR_DOMAIN_BLKIO_DEVICE_READ_IOPS,
    VIR_DOMAIN_BLKIO_DEVICE_WRITE_IOPS, VIR_DOMAIN_BLKIO_DEVICE_READ_BPS,
    VIR_DOMAIN_BLKIO_DEVICE_WRITE_BPS,
};

static unsigned long long deviceField(const virtDomainBlkiotuneDevice *d, int k)
{
    switch (k) {
    case 0: return d->weight_set ? d->weight : 0;
    case 1: return d->read_iops_sec_set ? d->read_iops_sec : 0;
    case 2: return d->write_iops_sec_set ? d->write_iops_sec : 0;
    case 3: return d->read_bytes_sec_set ? d->read_bytes_sec : 0;
    default: return d->write_bytes_sec_set ? d->write_bytes_sec : 0;
    }
}

static void setDeviceField(virtDomainBlkiotuneDevice *d, int k, unsigned long long v)
{
    switch (k) {
    case 0: d->weight = (unsigned int) v; d->weight_set = v != 0; break;
    case 1: d->read_iops_sec = v; d->read_iops_sec_set = v != 0; break;
    case 2: d->write_iops_sec = v; d->write_iops_sec_set = v != 0; break;
    case 3: d->read_bytes_sec = v; d->read_bytes_sec_set = v != 0; break;
    default: d->write_bytes_sec = v; d->write_bytes_sec_set = v != 0; break;
    }
}

/* "path,value,path,value..." of the devices with field k set. */
static char *deviceList(const virtDomainBlkiotune *b, int k)
{
    virtBuf buf = { 0 };
    virtBufAdd(&buf, "");
    for (size_t i = 0; b && i < b->ndevice; i++) {
        unsigned long long v = deviceField(b->device[i], k);
        if (v)
            virtBufPrintf(&buf, "%s%s,%llu", buf.len ? "," : "", b->device[i]->path, v);
    }
    return virtBufSteal(&buf);
}

int testDomainGetBlkioParameters(virDomainPtr domain, virTypedParameterPtr params, int *nparams,
                                 unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                     VIR_TYPED_PARAM_STRING_OKAY, -1);
    testState *st;
    int ret = -1;
    if (*nparams == 0) {
        *nparams = 6;
        return 0;
    }
    int max = *nparams < 6 ? *nparams : 6;
    *nparams = 0;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    const virtDomain *def = testDomainPickOneDef(testCore->handle_conn(domain), dom,
                                                 flags & ~VIR_TYPED_PARAM_STRING_OKAY, NULL);
    if (def) {
        const virtDomainBlkiotune *b = def->blkiotune;
        testSetParam(&params[0], VIR_DOMAIN_BLKIO_WEIGHT, VIR_TYPED_PARAM_UINT);
        params[0].value.ui = b && b->weight_set ? b->weight : 0;
        for (int k = 0; k < 5 && k + 1 < max; k++) {
            testSetParam(&params[k + 1], blkioDeviceParams[k], VIR_TYPED_PARAM_STRING);
            params[k + 1].value.s = deviceList(b, k);
        }
        *nparams = max;
        ret = 0;
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}

/* Merge "path,value,..." into b's devices for field k (parameter name);
 * -1 after reporting a list that is not pairs of a path and a number. */
static int mergeDevices(virConnectPtr conn, virtDomainBlkiotune *b, int k, const char *name,
                        const char *list)
{
    char *copy = virtStrdup(list), *save = NULL;
    int ret = -1;
    size_t commas = 0;
    for (const char *c = list; *c; c++)
        commas += *c == ',';
    if (*list && commas % 2 == 0) {
        testCore->error(conn, VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG,
                        "unable to parse blkio device '%s' '%s'", name, list);
        goto cleanup;
    }
    for (char *path = strtok_r(copy, ",", &save); path; path = strtok_r(NULL, ",", &save)) {
        char *num = strtok_r(NULL, ",", &save), *end = NULL;
        unsigned long long v = num ? strtoull(num, &end, 10) : 0;
        if (!num || !*num || *end) {
            testCore->error(conn, VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG,
                            "invalid value '%s' for parameter '%s' of device '%s'",
                            num ? num : "", name, path);
            goto cleanup;
        }
        size_t i = 0;
        while (i < b->ndevice && strcmp(b->device[i]->path, path) != 0)
            i++;
        if (i == b->ndevice) {
            if (!v)
                continue;
            b->device = virtRealloc(b->device, (b->ndevice + 1) * sizeof(*b->device));
            b->device[b->ndevice] = virtAlloc(sizeof(**b->device));
            b->device[b->ndevice]->path = virtStrdup(path);
            b->ndevice++;
        }
        setDeviceField(b->device[i], k, v);
        /* A device left with nothing set goes. */
        bool any = false;
        for (int f = 0; f < 5; f++)
            any = any || deviceField(b->device[i], f);
        if (!any) {
            free(b->device[i]->path);
            free(b->device[i]);
            memmove(&b->device[i], &b->device[i + 1], (b->ndevice - i - 1) * sizeof(*b->device));
            b->ndevice--;
        }
    }
    ret = 0;
 cleanup:
    free(copy);
    return ret;
}

int testDomainSetBlkioParameters(virDomainPtr domain, virTypedParameterPtr params, int nparams,
                                 unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    static const char *const names[] = {
        VIR_DOMAIN_BLKIO_WEIGHT, VIR_DOMAIN_BLKIO_DEVICE_WEIGHT, VIR_DOMAIN_BLKIO_DEVICE_READ_IOPS,
        VIR_DOMAIN_BLKIO_DEVICE_WRITE_IOPS, VIR_DOMAIN_BLKIO_DEVICE_READ_BPS,
        VIR_DOMAIN_BLKIO_DEVICE_WRITE_BPS,
    };
    static const int types[] = { VIR_TYPED_PARAM_UINT, VIR_TYPED_PARAM_STRING, VIR_TYPED_PARAM_STRING,
                                 VIR_TYPED_PARAM_STRING, VIR_TYPED_PARAM_STRING, VIR_TYPED_PARAM_STRING };
    virConnectPtr conn = testCore->handle_conn(domain);
    testState *st;
    int ret = -1;
    if (testCheckParams(conn, params, nparams, names, types, 6) < 0)
        return -1;
    testDomain *dom;
    virtDomain *def = testDomainAcquireDef(domain, flags, &st, &dom);
    if (!def)
        return -1;
    if (!def->blkiotune)
        def->blkiotune = virtAlloc(sizeof(*def->blkiotune));
    for (int i = 0; i < nparams; i++) {
        if (strcmp(params[i].field, VIR_DOMAIN_BLKIO_WEIGHT) == 0) {
            def->blkiotune->weight = params[i].value.ui;
            def->blkiotune->weight_set = true;
            continue;
        }
        for (int k = 0; k < 5; k++)
            if (strcmp(params[i].field, blkioDeviceParams[k]) == 0 &&
                mergeDevices(conn, def->blkiotune, k, blkioDeviceParams[k], params[i].value.s ? params[i].value.s : "") < 0)
                goto cleanup;
    }
    ret = 0;
 cleanup:
    if (def && def->blkiotune && !def->blkiotune->weight_set && !def->blkiotune->ndevice) {
        free(def->blkiotune->device);
        free(def->blkiotune);
        def->blkiotune = NULL;
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}

/* The interface named by its target device or its MAC address. */
static virtDomainInterface *findIface(virtDomain *def, const char *device)
{
    for (size_t i = 0; device && i < virtDomainModelIfaceCount(def); i++) {
        virtDomainInterface *n = def->devices->interface[i];
        const char *mac = virtDomainModelIfaceMAC(n);
        if (virtStrEq(virtDomainModelIfaceTarget(n), device) || (mac && strcasecmp(mac, device) == 0))
            return n;
    }
    return NULL;
}

static virtDomainIfaceBandwidth **bandwidthOf(virtDomainInterface *n)
{
    return virtStrEq(n->type, "hostdev") ? &n->hostdev.bandwidth : &n->other.bandwidth;
}

static const char *const ifaceParams[7] = {
    VIR_DOMAIN_BANDWIDTH_IN_AVERAGE, VIR_DOMAIN_BANDWIDTH_IN_PEAK, VIR_DOMAIN_BANDWIDTH_IN_BURST,
    VIR_DOMAIN_BANDWIDTH_IN_FLOOR, VIR_DOMAIN_BANDWIDTH_OUT_AVERAGE, VIR_DOMAIN_BANDWIDTH_OUT_PEAK,
    VIR_DOMAIN_BANDWIDTH_OUT_BURST,
};

int testDomainGetInterfaceParameters(virDomainPtr domain, const char *device, virTypedParameterPtr params,
                                     int *nparams, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                     VIR_TYPED_PARAM_STRING_OKAY, -1);
    virConnectPtr conn = testCore->handle_conn(domain);
    testState *st;
    int ret = -1;
    if (*nparams == 0) {
        *nparams = 7;
        return 0;
    }
    testDomain *dom;
    virtDomain *def = testDomainAcquireDef(domain, flags & ~VIR_TYPED_PARAM_STRING_OKAY, &st, &dom);
    if (!def)
        return -1;
    virtDomainInterface *n = findIface(def, device);
    if (!n) {
        testCore->error(conn, VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, "'%s' is not a known interface", device);
        goto cleanup;
    }
    const virtDomainIfaceBandwidth *bw = *bandwidthOf(n);
    const virtDomainIfaceBwRate none = { 0 };
    const virtDomainIfaceBwRate *in = bw && bw->inbound ? bw->inbound : &none;
    const virtDomainIfaceBwRate *out = bw && bw->outbound ? bw->outbound : &none;
    const unsigned int values[7] = { in->average, in->peak, in->burst, in->floor,
                                     out->average, out->peak, out->burst };
    int max = *nparams < 7 ? *nparams : 7;
    for (int i = 0; i < max; i++) {
        testSetParam(&params[i], ifaceParams[i], VIR_TYPED_PARAM_UINT);
        params[i].value.ui = values[i];
    }
    *nparams = max;
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

static virtDomainIfaceBwRate *newRate(unsigned int average, unsigned int peak, unsigned int burst,
                                      unsigned int floor)
{
    virtDomainIfaceBwRate *r = virtAlloc(sizeof(*r));
    r->average = average;
    r->average_set = average != 0;
    r->peak = peak;
    r->peak_set = peak != 0;
    r->burst = burst;
    r->burst_set = burst != 0;
    r->floor = floor;
    r->floor_set = floor != 0;
    return r;
}

int testDomainSetInterfaceParameters(virDomainPtr domain, const char *device, virTypedParameterPtr params,
                                     int nparams, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    static const int types[7] = { VIR_TYPED_PARAM_UINT, VIR_TYPED_PARAM_UINT, VIR_TYPED_PARAM_UINT,
                                  VIR_TYPED_PARAM_UINT, VIR_TYPED_PARAM_UINT, VIR_TYPED_PARAM_UINT,
                                  VIR_TYPED_PARAM_UINT };
    virConnectPtr conn = testCore->handle_conn(domain);
    testState *st;
    int ret = -1;
    unsigned int v[7] = { 0 };
    bool given[7] = { false };
    if (testCheckParams(conn, params, nparams, ifaceParams, types, 7) < 0)
        return -1;
    for (int i = 0; i < nparams; i++)
        for (int k = 0; k < 7; k++)
            if (strcmp(params[i].field, ifaceParams[k]) == 0) {
                v[k] = params[i].value.ui;
                given[k] = true;
            }
    testDomain *dom;
    virtDomain *def = testDomainAcquireDef(domain, flags, &st, &dom);
    if (!def)
        return -1;
    virtDomainInterface *n = findIface(def, device);
    if (!n) {
        testCore->error(conn, VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, "'%s' is not a known interface", device);
        goto cleanup;
    }
    /* A direction needs its average (or, inbound, a floor); naming its
     * average or floor without one clears it, naming neither keeps it. */
    bool inGiven = given[0] || given[3], outGiven = given[4];
    virtDomainIfaceBwRate *in = v[0] || v[3] ? newRate(v[0], v[1], v[2], v[3]) : NULL;
    virtDomainIfaceBwRate *out = v[4] ? newRate(v[4], v[5], v[6], 0) : NULL;
    virtDomainIfaceBandwidth **bw = bandwidthOf(n);
    if (!*bw) {
        *bw = virtAlloc(sizeof(**bw));
    }
    if (in || inGiven) {
        free((*bw)->inbound);
        (*bw)->inbound = in;
    }
    if (out || outGiven) {
        free((*bw)->outbound);
        (*bw)->outbound = out;
    }
    /* libvirt writes an empty <bandwidth> as an open and a close tag; our
     * model cannot, so an empty one is dropped rather than shown as <bandwidth/>. */
    if (!(*bw)->inbound && !(*bw)->outbound) {
        free(*bw);
        *bw = NULL;
    }
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

static const char *const numaModes[] = { "strict", "preferred", "interleave", "restrictive" };

static int numaModeIndex(const char *mode)
{
    for (int i = 0; mode && i < 4; i++)
        if (strcmp(numaModes[i], mode) == 0)
            return i;
    return mode ? -1 : 0;
}

int testDomainGetNumaParameters(virDomainPtr domain, virTypedParameterPtr params, int *nparams,
                                unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                     VIR_TYPED_PARAM_STRING_OKAY, -1);
    testState *st;
    int ret = -1;
    if (*nparams == 0) {
        *nparams = 2;
        return 0;
    }
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    const virtDomain *def = testDomainPickOneDef(testCore->handle_conn(domain), dom,
                                                 flags & ~VIR_TYPED_PARAM_STRING_OKAY, NULL);
    if (def) {
        const virtDomainNumaMemory *m = def->numatune ? def->numatune->memory : NULL;
        int mode = m ? numaModeIndex(m->mode) : 0;
        testSetParam(&params[0], VIR_DOMAIN_NUMA_MODE, VIR_TYPED_PARAM_INT);
        params[0].value.i = mode < 0 ? 0 : mode;
        if (*nparams > 1) {
            testSetParam(&params[1], VIR_DOMAIN_NUMA_NODESET, VIR_TYPED_PARAM_STRING);
            params[1].value.s = virtStrdup(m && m->nodeset ? m->nodeset : "");
        }
        *nparams = *nparams < 2 ? *nparams : 2;
        ret = 0;
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int testDomainSetNumaParameters(virDomainPtr domain, virTypedParameterPtr params, int nparams,
                                unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    static const char *const names[] = { VIR_DOMAIN_NUMA_MODE, VIR_DOMAIN_NUMA_NODESET };
    static const int types[] = { VIR_TYPED_PARAM_INT, VIR_TYPED_PARAM_STRING };
    virConnectPtr conn = testCore->handle_conn(domain);
    testState *st;
    int ret = -1, mode = -1;
    char *nodeset = NULL;
    bool live;
    bool *bits = virtAlloc(TEST_BITMAP_MAX * sizeof(*bits));
    if (testCheckParams(conn, params, nparams, names, types, 2) < 0) {
        free(bits);
        return -1;
    }
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom) {
        free(bits);
        return -1;
    }
    virtDomain *def = testDomainPickOneDef(conn, dom, flags, &live);
    if (!def)
        goto cleanup;
    for (int i = 0; i < nparams; i++) {
        if (strcmp(params[i].field, VIR_DOMAIN_NUMA_MODE) == 0) {
            mode = params[i].value.i;
            if (mode < 0 || mode >= 4) {
                TEST_ERROR(conn, VIR_ERR_INVALID_ARG, "unsupported numatune mode: '%d'", mode);
                goto cleanup;
            }
        } else {
            const char *text = params[i].value.s ? params[i].value.s : "";
            if (testBitmapParse(conn, text, bits) < 0)
                goto cleanup;
            free(nodeset);
            nodeset = testBitmapFormat(bits);
            if (!*nodeset) {
                TEST_ERROR(conn, VIR_ERR_OPERATION_INVALID, "Invalid nodeset of 'numatune': %s", text);
                goto cleanup;
            }
        }
    }
    virtDomainNumaMemory *m = def->numatune ? def->numatune->memory : NULL;
    if (live && mode != -1 && m && numaModeIndex(m->mode) != mode) {
        TEST_ERROR(conn, VIR_ERR_OPERATION_INVALID, "can't change numatune mode for running domain");
        goto cleanup;
    }
    /* With static placement (ours always) the memory needs a node set. */
    if (!nodeset && !(m && m->nodeset)) {
        if (mode == -1 && !nparams) {
            ret = 0;
            goto cleanup;
        }
        testCore->error(conn, VIR_FROM_DOMAIN, VIR_ERR_CONFIG_UNSUPPORTED,
                        "nodeset for NUMA memory tuning must be set if 'placement' is 'static'");
        goto cleanup;
    }
    if (!def->numatune)
        def->numatune = virtAlloc(sizeof(*def->numatune));
    if (!def->numatune->memory)
        def->numatune->memory = virtAlloc(sizeof(*def->numatune->memory));
    m = def->numatune->memory;
    if (mode != -1 || !m->mode) {
        free(m->mode);
        m->mode = virtStrdup(numaModes[mode == -1 ? 0 : mode]);
    }
    if (nodeset) {
        free(m->nodeset);
        m->nodeset = nodeset;
        nodeset = NULL;
    }
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&st->lock);
    free(nodeset);
    free(bits);
    return ret;
}
