/* test_domain_iothread.c: a domain's IOThreads, kept in the definition as
 * libvirt keeps them: <iothreadids> names some, <iothreads> counts them
 * all, and libvirt fills in the lowest unused ids for the rest (writing
 * them out once any one is added, pinned or removed from the middle). */
#include <stdlib.h>
#include <string.h>

#include "test_driver.h"
#include "util.h"

static size_t namedCount(const virtDomain *def)
{
    return def->iothreadids ? def->iothreadids->niothread : 0;
}

static ssize_t indexOf(const unsigned int *ids, size_t n, unsigned int id)
{
    for (size_t i = 0; i < n; i++)
        if (ids[i] == id)
            return (ssize_t) i;
    return -1;
}

/* Every iothread id of def in libvirt's order: the named ones, then the
 * filled-in ones. */
static unsigned int *iothreadIds(const virtDomain *def, size_t *n)
{
    size_t named = namedCount(def);
    size_t total = def->iothreads_set && def->iothreads > named ? def->iothreads : named;
    unsigned int *ids = virtAlloc((total + 1) * sizeof(*ids));
    for (size_t i = 0; i < named; i++)
        ids[i] = def->iothreadids->iothread[i]->id;
    unsigned int next = 1;
    for (size_t i = named; i < total; i++) {
        while (indexOf(ids, i, next) >= 0)
            next++;
        ids[i] = next++;
    }
    *n = total;
    return ids;
}

static void freeNamed(virtDomain *def)
{
    if (!def->iothreadids)
        return;
    for (size_t k = 0; k < def->iothreadids->niothread; k++)
        free(def->iothreadids->iothread[k]);
    free(def->iothreadids->iothread);
    free(def->iothreadids);
    def->iothreadids = NULL;
}

static void setCount(virtDomain *def, size_t n)
{
    def->iothreads = (unsigned int) n;
    def->iothreads_set = n > 0;
    if (!n)
        freeNamed(def);
}

/* Make def name exactly ids[0..n) (named ones keep their attributes). */
static void nameAll(virtDomain *def, const unsigned int *ids, size_t n)
{
    virtDomainIothread **list = virtAlloc((n + 1) * sizeof(*list));
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < namedCount(def) && !list[i]; k++) {
            virtDomainIothread **t = &def->iothreadids->iothread[k];
            if (*t && (*t)->id == ids[i]) {
                list[i] = *t;
                *t = NULL;
            }
        }
        if (!list[i]) {
            list[i] = virtAlloc(sizeof(*list[i]));
            list[i]->id = ids[i];
            list[i]->id_set = true;
        }
    }
    freeNamed(def);
    if (n) {
        def->iothreadids = virtAlloc(sizeof(*def->iothreadids));
        def->iothreadids->iothread = list;
        def->iothreadids->niothread = n;
    } else {
        free(list);
    }
    setCount(def, n);
}

static ssize_t pinIndex(const virtDomain *def, unsigned int id)
{
    for (size_t i = 0; def->cputune && i < def->cputune->niothreadpin; i++)
        if (def->cputune->iothreadpin[i]->iothread == id)
            return (ssize_t) i;
    return -1;
}

static void removePin(virtDomain *def, unsigned int id)
{
    ssize_t at = pinIndex(def, id);
    if (at < 0)
        return;
    virtDomainCputune *t = def->cputune;
    free(t->iothreadpin[at]->cpuset);
    free(t->iothreadpin[at]);
    memmove(&t->iothreadpin[at], &t->iothreadpin[at + 1], (t->niothreadpin - (size_t) at - 1) * sizeof(*t->iothreadpin));
    t->niothreadpin--;
    testCputuneDropIfEmpty(def);
}

/* Pin id, one of ids[0..n); libvirt writes the pins in iothread order. */
static void setPin(virtDomain *def, const unsigned int *ids, size_t n, unsigned int id, char *cpuset)
{
    ssize_t at = pinIndex(def, id);
    if (at >= 0) {
        free(def->cputune->iothreadpin[at]->cpuset);
        def->cputune->iothreadpin[at]->cpuset = cpuset;
        return;
    }
    if (!def->cputune)
        def->cputune = virtAlloc(sizeof(*def->cputune));
    virtDomainCputune *t = def->cputune;
    ssize_t mine = indexOf(ids, n, id);
    size_t pos = 0;
    while (pos < t->niothreadpin && indexOf(ids, n, t->iothreadpin[pos]->iothread) < mine)
        pos++;
    t->iothreadpin = virtRealloc(t->iothreadpin, (t->niothreadpin + 1) * sizeof(*t->iothreadpin));
    memmove(&t->iothreadpin[pos + 1], &t->iothreadpin[pos], (t->niothreadpin - pos) * sizeof(*t->iothreadpin));
    virtDomainCputuneIothreadpin *p = t->iothreadpin[pos] = virtAlloc(sizeof(*p));
    p->iothread = id;
    p->iothread_set = true;
    p->cpuset = cpuset;
    t->niothreadpin++;
}

/* Where iothread id may run: its pin, else the vcpus' cpuset, else (as
 * libvirt's test driver answers) one cpu per current vcpu from 0. */
static void iothreadCpus(const virtDomain *def, unsigned int id, bool *bits)
{
    ssize_t at = pinIndex(def, id);
    if (at >= 0 && testCpusetBits(def->cputune->iothreadpin[at]->cpuset, bits))
        return;
    if (testCpusetBits(def->vcpu ? def->vcpu->cpuset : NULL, bits))
        return;
    memset(bits, 0, TEST_BITMAP_MAX * sizeof(*bits));
    for (unsigned int c = 0; c < virtDomainModelCurrentVcpus(def) && c < TEST_BITMAP_MAX; c++)
        bits[c] = true;
}

int testDomainGetIOThreadInfo(virDomainPtr domain, virDomainIOThreadInfoPtr **info, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    testState *st;
    int ret = -1;
    testDomain *dom;
    const virtDomain *def = testDomainAcquireDef(domain, flags, &st, &dom);
    if (!def)
        return -1;
    size_t n;
    unsigned int *ids = iothreadIds(def, &n);
    bool *bits = virtAlloc(TEST_BITMAP_MAX * sizeof(*bits));
    virDomainIOThreadInfoPtr *list = n ? virtAlloc(n * sizeof(*list)) : NULL;
    for (size_t i = 0; i < n; i++) {
        iothreadCpus(def, ids[i], bits);
        int last = 0;
        for (int c = 0; c < TEST_BITMAP_MAX; c++)
            if (bits[c])
                last = c;
        list[i] = virtAlloc(sizeof(*list[i]));
        list[i]->iothread_id = ids[i];
        list[i]->cpumaplen = VIR_CPU_MAPLEN(last + 1);
        list[i]->cpumap = virtAlloc((size_t) list[i]->cpumaplen);
        testBitsToMap(bits, list[i]->cpumap, list[i]->cpumaplen);
    }
    free(bits);
    free(ids);
    *info = list;
    ret = (int) n;
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int testDomainAddIOThread(virDomainPtr domain, unsigned int iothread_id, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    virConnectPtr conn = testCore->handle_conn(domain);
    testState *st;
    int ret = -1;
    if (iothread_id == 0) {
        TEST_ERROR(conn, VIR_ERR_INVALID_ARG, "invalid value of 0 for iothread_id");
        return -1;
    }
    testDomain *dom;
    virtDomain *def = testDomainAcquireDef(domain, flags, &st, &dom);
    if (!def)
        return -1;
    size_t n;
    unsigned int *ids = iothreadIds(def, &n);
    if (indexOf(ids, n, iothread_id) >= 0) {
        testCore->error(conn, VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG,
                        "an IOThread is already using iothread_id '%u'", iothread_id);
    } else {
        ids[n++] = iothread_id;
        nameAll(def, ids, n);
        if (indexOf(dom->added_iothreads, dom->nadded_iothreads, iothread_id) < 0) {
            dom->added_iothreads = virtRealloc(dom->added_iothreads,
                                               (dom->nadded_iothreads + 1) * sizeof(*dom->added_iothreads));
            dom->added_iothreads[dom->nadded_iothreads++] = iothread_id;
        }
        ret = 0;
    }
    free(ids);
    pthread_mutex_unlock(&st->lock);
    return ret;
}

/* The target of a disk that runs its I/O in iothread id, or NULL. */
static const char *diskUsing(const virtDomain *def, unsigned int id)
{
    for (size_t i = 0; i < virtDomainModelDiskCount(def); i++) {
        const virtDomainDisk *d = def->devices->disk[i];
        if (d->driver && d->driver->iothread_set && d->driver->iothread == id)
            return virtDomainModelDiskTarget(d);
    }
    return NULL;
}

int testDomainDelIOThread(virDomainPtr domain, unsigned int iothread_id, unsigned int flags)
{
    virConnectPtr conn = testCore->handle_conn(domain);
    testState *st;
    int ret = -1;
    /* libvirt's entry point refuses this before any driver sees it. */
    if (iothread_id == 0) {
        testRawError(conn, VIR_ERR_INVALID_ARG, "iothread_id in virDomainDelIOThread must not be zero");
        return -1;
    }
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    testDomain *dom;
    virtDomain *def = testDomainAcquireDef(domain, flags, &st, &dom);
    if (!def)
        return -1;
    size_t n;
    unsigned int *ids = iothreadIds(def, &n);
    ssize_t at = indexOf(ids, n, iothread_id);
    const char *disk = at < 0 ? NULL : diskUsing(def, iothread_id);
    if (at < 0) {
        testCore->error(conn, VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG,
                        "cannot find IOThread '%u' in iothreadids list", iothread_id);
    } else if (disk) {
        testCore->error(conn, VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG,
                        "cannot remove IOThread %u since it is being used by disk '%s'", iothread_id, disk);
    } else {
        /* Filled-in ids stay unwritten only while they still are what
         * libvirt would fill in: the last one went, none named or pinned. */
        bool implicit = namedCount(def) == 0 && (size_t) at == n - 1 && !(def->cputune && def->cputune->niothreadpin);
        removePin(def, iothread_id);
        memmove(&ids[at], &ids[at + 1], (n - (size_t) at - 1) * sizeof(*ids));
        n--;
        if (implicit)
            setCount(def, n);
        else
            nameAll(def, ids, n);
        ssize_t added = indexOf(dom->added_iothreads, dom->nadded_iothreads, iothread_id);
        if (added >= 0)
            dom->added_iothreads[added] = dom->added_iothreads[--dom->nadded_iothreads];
        ret = 0;
    }
    free(ids);
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int testDomainPinIOThread(virDomainPtr domain, unsigned int iothread_id, unsigned char *cpumap, int maplen,
                          unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    virConnectPtr conn = testCore->handle_conn(domain);
    testState *st;
    int ret = -1;
    testDomain *dom;
    virtDomain *def = testDomainAcquireDef(domain, flags, &st, &dom);
    if (!def)
        return -1;
    bool *bits = virtAlloc(TEST_BITMAP_MAX * sizeof(*bits));
    if (!testMapToBits(cpumap, maplen, bits)) {
        TEST_ERROR(conn, VIR_ERR_INVALID_ARG, "Empty iothread cpumap list for pinning");
        goto cleanup;
    }
    size_t n;
    unsigned int *ids = iothreadIds(def, &n);
    if (indexOf(ids, n, iothread_id) < 0) {
        TEST_ERROR(conn, VIR_ERR_INVALID_ARG, "iothreadid %u not found", iothread_id);
    } else {
        setPin(def, ids, n, iothread_id, testBitmapFormat(bits));
        nameAll(def, ids, n);
        ret = 0;
    }
    free(ids);
 cleanup:
    pthread_mutex_unlock(&st->lock);
    free(bits);
    return ret;
}

int testDomainSetIOThreadParams(virDomainPtr domain, unsigned int iothread_id, virTypedParameterPtr params,
                                int nparams, unsigned int flags)
{
    static const char *const names[] = { VIR_DOMAIN_IOTHREAD_POLL_MAX_NS, VIR_DOMAIN_IOTHREAD_POLL_GROW,
                                         VIR_DOMAIN_IOTHREAD_POLL_SHRINK };
    static const int types[] = { VIR_TYPED_PARAM_ULLONG, VIR_TYPED_PARAM_UINT, VIR_TYPED_PARAM_UINT };
    virConnectPtr conn = testCore->handle_conn(domain);
    testState *st;
    int ret = -1;
    /* libvirt's entry point refuses this before any driver sees it. */
    if (!params) {
        testRawError(conn, VIR_ERR_INVALID_ARG, "params in virDomainSetIOThreadParams must not be NULL");
        return -1;
    }
    if (nparams <= 0) {
        testRawError(conn, VIR_ERR_INVALID_ARG, "nparams in virDomainSetIOThreadParams must be greater than zero");
        return -1;
    }
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE, -1);
    testDomain *dom;
    virtDomain *def = testDomainAcquireDef(domain, flags, &st, &dom);
    if (!def)
        return -1;
    size_t n;
    unsigned int *ids = iothreadIds(def, &n);
    bool known = indexOf(ids, n, iothread_id) >= 0;
    free(ids);
    if (!known) {
        TEST_ERROR(conn, VIR_ERR_INVALID_ARG, "cannot find IOThread '%u' in iothreadids", iothread_id);
        goto cleanup;
    }
    if (testCheckParams(conn, params, nparams, names, types, 3) < 0)
        goto cleanup;
    /* The polling figures are not kept. libvirt's test driver takes them
     * only for threads virDomainAddIOThread gave the domain, and fails
     * without saying why for the others: so do we. */
    if (indexOf(dom->added_iothreads, dom->nadded_iothreads, iothread_id) >= 0)
        ret = 0;
 cleanup:
    pthread_mutex_unlock(&st->lock);
    return ret;
}
