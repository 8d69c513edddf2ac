/* test_domain_pin.c: where vcpus and the emulator may run, kept in the
 * definition as libvirt keeps it (<cputune> pins, else <vcpu cpuset>,
 * else every host cpu), and the calls that read and change it. */
#include <stdlib.h>
#include <string.h>

#include "test_driver.h"
#include "util.h"

bool testCpusetBits(const char *cpuset, bool *bits)
{
    return cpuset && testBitmapParse(NULL, cpuset, bits) == 0;
}

/* The cpus the definition leaves to what has no pin of its own. */
static void defaultCpus(const testDomain *dom, const virtDomain *def, bool *bits)
{
    if (testCpusetBits(def->vcpu ? def->vcpu->cpuset : NULL, bits))
        return;
    memset(bits, 0, TEST_BITMAP_MAX * sizeof(*bits));
    for (unsigned int c = 0; c < dom->host_cpus && c < TEST_BITMAP_MAX; c++)
        bits[c] = true;
}

static virtDomainCputuneVcpupin *findVcpupin(const virtDomain *def, unsigned int vcpu)
{
    for (size_t i = 0; def->cputune && i < def->cputune->nvcpupin; i++)
        if (def->cputune->vcpupin[i]->vcpu == vcpu)
            return def->cputune->vcpupin[i];
    return NULL;
}

void testDomainVcpuCpus(const testDomain *dom, const virtDomain *def, unsigned int vcpu, bool *bits)
{
    const virtDomainCputuneVcpupin *pin = findVcpupin(def, vcpu);
    if (!pin || !testCpusetBits(pin->cpuset, bits))
        defaultCpus(dom, def, bits);
}

void testBitsToMap(const bool *bits, unsigned char *map, int maplen)
{
    memset(map, 0, (size_t) maplen);
    for (int c = 0; c < maplen * 8 && c < TEST_BITMAP_MAX; c++)
        if (bits[c])
            VIR_USE_CPU(map, c);
}

bool testMapToBits(const unsigned char *map, int maplen, bool *bits)
{
    bool any = false;
    memset(bits, 0, TEST_BITMAP_MAX * sizeof(*bits));
    for (int c = 0; c < maplen * 8 && c < TEST_BITMAP_MAX; c++)
        if (VIR_CPU_USABLE(map, maplen, 0, c))
            any = bits[c] = true;
    return any;
}

static virtDomainCputune *cputuneOf(virtDomain *def)
{
    if (!def->cputune)
        def->cputune = virtAlloc(sizeof(*def->cputune));
    return def->cputune;
}

void testCputuneDropIfEmpty(virtDomain *def)
{
    const virtDomainCputune *t = def->cputune;
    if (!t || t->shares_set || t->period_set || t->quota_set || t->global_period_set || t->global_quota_set ||
        t->emulator_period_set || t->emulator_quota_set || t->iothread_period_set || t->iothread_quota_set ||
        t->nvcpupin || t->emulatorpin || t->niothreadpin || t->emulatorsched || t->nvcpusched ||
        t->niothreadsched || t->ncachetune || t->nmemorytune)
        return;
    free(t->vcpupin);
    free(t->iothreadpin);
    free(t->vcpusched);
    free(t->iothreadsched);
    free(t->cachetune);
    free(t->memorytune);
    free(def->cputune);
    def->cputune = NULL;
}

void testDomainSetVcpupin(virtDomain *def, unsigned int vcpu, const bool *bits)
{
    virtDomainCputuneVcpupin *pin = findVcpupin(def, vcpu);
    if (!pin) {
        /* libvirt writes the pins in vcpu order. */
        virtDomainCputune *t = cputuneOf(def);
        size_t at = 0;
        while (at < t->nvcpupin && t->vcpupin[at]->vcpu < vcpu)
            at++;
        t->vcpupin = virtRealloc(t->vcpupin, (t->nvcpupin + 1) * sizeof(*t->vcpupin));
        memmove(&t->vcpupin[at + 1], &t->vcpupin[at], (t->nvcpupin - at) * sizeof(*t->vcpupin));
        pin = t->vcpupin[at] = virtAlloc(sizeof(*pin));
        pin->vcpu = vcpu;
        pin->vcpu_set = true;
        t->nvcpupin++;
    }
    free(pin->cpuset);
    pin->cpuset = testBitmapFormat(bits);
}

int testDomainGetVcpuPinInfo(virDomainPtr domain, int ncpumaps, unsigned char *cpumaps, int maplen,
                             unsigned int flags)
{
    /* libvirt's test driver checks no flags here beyond LIVE with CONFIG. */
    testState *st;
    int ret = -1;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    const virtDomain *def = testDomainPickOneDef(testCore->handle_conn(domain), dom, flags, NULL);
    if (def) {
        bool *bits = virtAlloc(TEST_BITMAP_MAX * sizeof(*bits));
        unsigned int n = virtDomainModelVcpus(def);
        if ((unsigned int) ncpumaps < n)
            n = (unsigned int) ncpumaps;
        for (unsigned int v = 0; cpumaps && v < n; v++) {
            testDomainVcpuCpus(dom, def, v, bits);
            testBitsToMap(bits, VIR_GET_CPUMAP(cpumaps, maplen, v), maplen);
        }
        free(bits);
        ret = (int) n;
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int testDomainPinEmulator(virDomainPtr domain, unsigned char *cpumap, int maplen, unsigned int flags)
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
        TEST_ERROR(conn, VIR_ERR_INVALID_ARG, "Empty cpu list for pinning");
        goto cleanup;
    }
    virtDomainCputune *t = cputuneOf(def);
    if (!t->emulatorpin)
        t->emulatorpin = virtAlloc(sizeof(*t->emulatorpin));
    free(t->emulatorpin->cpuset);
    t->emulatorpin->cpuset = testBitmapFormat(bits);
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&st->lock);
    free(bits);
    return ret;
}

int testDomainGetEmulatorPinInfo(virDomainPtr domain, unsigned char *cpumap, int maplen, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    testState *st;
    int ret = -1;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    const virtDomain *def = testDomainPickOneDef(testCore->handle_conn(domain), dom, flags, NULL);
    if (def) {
        bool *bits = virtAlloc(TEST_BITMAP_MAX * sizeof(*bits));
        const virtDomainCputuneEmulatorpin *pin = def->cputune ? def->cputune->emulatorpin : NULL;
        if (!pin || !testCpusetBits(pin->cpuset, bits))
            defaultCpus(dom, def, bits);
        if (cpumap)
            testBitsToMap(bits, cpumap, maplen);
        free(bits);
        ret = 1;
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}
