/* bench-client.c: the project benchmark's client.
 *
 * One program, public libvirt API only, linked against libvirt.so.0 by
 * soname: the same binary measures our library or Debian's, depending on
 * which libvirt.so.0 the dynamic loader finds (run-bench.sh decides).
 *
 * Every result is one line "KEY VALUE UNIT" (lines starting with '#' are
 * notes), so a person can read it and run-bench.sh can join two runs into
 * a side-by-side table. A phase whose functions the library does not
 * implement prints "unsupported" instead of a value and does not fail. */
#include <dlfcn.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

typedef struct {
    const char *uri;
    long iters;        /* repetitions for latency and call-rate loops */
    long domains;      /* N for the scale phase */
    long lookups;      /* lookups timed at each scale size */
    long clients;      /* concurrent connections of the load phase */
} benchOptions;

static int failures;   /* unexpected errors: the exit status reports them */

/* ---- small helpers ---------------------------------------------------- */

static uint64_t nowNs(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t) ts.tv_sec * 1000000000u + (uint64_t) ts.tv_nsec;
}

/* Errors are inspected by the caller; keep the default handler quiet. */
static void quietErrors(void *data, virErrorPtr err)
{
    (void) data;
    (void) err;
}

static bool lastErrorIsNoSupport(void)
{
    virErrorPtr err = virGetLastError();
    return err && err->code == VIR_ERR_NO_SUPPORT;
}

static const char *lastErrorText(void)
{
    virErrorPtr err = virGetLastError();
    return err && err->message ? err->message : "unknown error";
}

static void result(const char *key, double value, const char *unit)
{
    printf("%-32s %16.3f  %s\n", key, value, unit);
}

static void resultInt(const char *key, long long value, const char *unit)
{
    printf("%-32s %16lld  %s\n", key, value, unit);
}

/* A call failed: "unsupported" is a normal answer, anything else counts as
 * a failure of the run. */
static void resultMissing(const char *key, const char *what)
{
    if (lastErrorIsNoSupport()) {
        printf("%-32s %16s  (%s not supported)\n", key, "unsupported", what);
    } else {
        printf("%-32s %16s  (%s: %s)\n", key, "error", what, lastErrorText());
        failures++;
    }
}

static virConnectPtr openOrReport(const benchOptions *o, const char *key)
{
    virConnectPtr conn = virConnectOpen(o->uri);
    if (!conn)
        resultMissing(key, "virConnectOpen");
    return conn;
}

/* ---- process facts: which library, how much memory, which objects ----- */

static void printLibrary(void)
{
    Dl_info info;
    unsigned long ver = 0;
    const char *path = "?";
    if (dladdr((void *) virConnectOpen, &info) && info.dli_fname)
        path = info.dli_fname;
    virGetVersion(&ver, NULL, NULL);
    printf("# library %s (version %lu.%lu.%lu)\n", path,
           ver / 1000000, (ver / 1000) % 1000, ver % 1000);
}

static long readRssKiB(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kib = -1;
    if (!f)
        return -1;
    while (fgets(line, sizeof(line), f))
        if (sscanf(line, "VmRSS: %ld", &kib) == 1)
            break;
    fclose(f);
    return kib;
}

/* Our driver modules are named virt-module-NAME.so (modules.d/). */
static bool isOurModule(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    return strncmp(base, "virt-module-", 12) == 0;
}

/* Count the distinct shared objects mapped into this process and print the
 * driver modules among them. */
static void countObjects(long *objects, long *modules)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[4096];
    char **seen = NULL;
    size_t nseen = 0;
    *objects = *modules = 0;
    if (!f)
        return;
    while (fgets(line, sizeof(line), f)) {
        char *path = strchr(line, '/');
        if (!path)
            continue;
        path[strcspn(path, "\n")] = '\0';
        if (!strstr(path, ".so"))
            continue;
        bool dup = false;
        for (size_t i = 0; i < nseen && !dup; i++)
            dup = strcmp(seen[i], path) == 0;
        if (dup)
            continue;
        char **grown = realloc(seen, (nseen + 1) * sizeof(*seen));
        char *copy = strdup(path);
        if (!grown || !copy) {
            free(copy);
            seen = grown ? grown : seen;
            break;
        }
        seen = grown;
        seen[nseen++] = copy;
        if (isOurModule(path)) {
            printf("# loaded module %s\n", path);
            (*modules)++;
        }
    }
    fclose(f);
    *objects = (long) nseen;
    for (size_t i = 0; i < nseen; i++)
        free(seen[i]);
    free(seen);
}

/* ---- phases ------------------------------------------------------------ */

/* One open and close, then exit: run-bench.sh times fresh processes. */
static void phaseOpenOnce(const benchOptions *o)
{
    virConnectPtr conn = openOrReport(o, "open_once");
    if (conn)
        virConnectClose(conn);
}

static void phaseOpenClose(const benchOptions *o)
{
    uint64_t start = nowNs();
    for (long i = 0; i < o->iters; i++) {
        virConnectPtr conn = virConnectOpen(o->uri);
        if (!conn) {
            resultMissing("open_close_us", "virConnectOpen");
            return;
        }
        virConnectClose(conn);
    }
    result("open_close_us", (double) (nowNs() - start) / 1e3 / (double) o->iters, "us/open+close (in-process)");
}

/* The call under test; returns false when the library refused it. */
typedef bool (*callFn)(virConnectPtr conn);

static bool callGetType(virConnectPtr conn)
{
    return virConnectGetType(conn) != NULL;
}

static bool callNodeGetInfo(virConnectPtr conn)
{
    virNodeInfo info;
    return virNodeGetInfo(conn, &info) == 0;
}

static bool callNumOfDomains(virConnectPtr conn)
{
    return virConnectNumOfDomains(conn) >= 0;
}

static bool callLookupByName(virConnectPtr conn)
{
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    if (!dom)
        return false;
    virDomainFree(dom);
    return true;
}

static bool callLookupByID(virConnectPtr conn)
{
    virDomainPtr dom = virDomainLookupByID(conn, 1);
    if (!dom)
        return false;
    virDomainFree(dom);
    return true;
}

static void timeCalls(virConnectPtr conn, const char *key, const char *what, callFn fn, long iters)
{
    if (!fn(conn)) {   /* one untimed call: checks support, warms caches */
        resultMissing(key, what);
        return;
    }
    uint64_t start = nowNs();
    for (long i = 0; i < iters; i++) {
        if (!fn(conn)) {
            resultMissing(key, what);
            return;
        }
    }
    double secs = (double) (nowNs() - start) / 1e9;
    result(key, (double) iters / secs, "calls/s");
}

static void phaseCalls(const benchOptions *o)
{
    virConnectPtr conn = openOrReport(o, "calls");
    if (!conn)
        return;
    long iters = o->iters * 10;   /* calls are much cheaper than opens */
    timeCalls(conn, "call_getType_per_s", "virConnectGetType", callGetType, iters);
    timeCalls(conn, "call_nodeGetInfo_per_s", "virNodeGetInfo", callNodeGetInfo, iters);
    timeCalls(conn, "call_numOfDomains_per_s", "virConnectNumOfDomains", callNumOfDomains, iters);
    timeCalls(conn, "call_lookupByName_per_s", "virDomainLookupByName", callLookupByName, iters);
    timeCalls(conn, "call_lookupByID_per_s", "virDomainLookupByID", callLookupByID, iters);
    virConnectClose(conn);
}

static bool callDomainGetInfo(virConnectPtr conn)
{
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    if (!dom)
        return false;
    virDomainInfo info;
    bool ok = virDomainGetInfo(dom, &info) == 0;
    virDomainFree(dom);
    return ok;
}

/* remote: round trips to a daemon (-u names it, e.g. test+unix:///default
 * ?socket=...). Only calls a client cannot answer from its own cache:
 * each is one CALL/REPLY (lookup + getInfo is two). */
static void phaseRemote(const benchOptions *o)
{
    virConnectPtr conn = openOrReport(o, "remote");
    if (!conn)
        return;
    long iters = o->iters * 10;
    timeCalls(conn, "remote_numOfDomains_per_s", "virConnectNumOfDomains", callNumOfDomains, iters);
    timeCalls(conn, "remote_lookupByName_per_s", "virDomainLookupByName", callLookupByName, iters);
    timeCalls(conn, "remote_lookup_getInfo_per_s", "virDomainLookupByName+virDomainGetInfo",
              callDomainGetInfo, iters);
    virConnectClose(conn);
}

/* load: many clients at once, each on its own connection and thread,
 * all starting together after every connection is open; each makes the
 * same number of lookup+getInfo round trips. What counts is the total
 * rate and that nothing failed. */
typedef struct {
    const benchOptions *o;
    pthread_barrier_t *ready;
    long calls, errors;
    bool opened;
} loadClient;

static void *loadMain(void *opaque)
{
    loadClient *lc = opaque;
    virConnectPtr conn = virConnectOpen(lc->o->uri);
    lc->opened = conn != NULL;
    pthread_barrier_wait(lc->ready);
    for (long i = 0; conn && i < lc->o->iters; i++) {
        if (callDomainGetInfo(conn))
            lc->calls++;
        else
            lc->errors++;
    }
    if (conn)
        virConnectClose(conn);
    return NULL;
}

static void phaseLoad(const benchOptions *o)
{
    size_t n = (size_t) o->clients;
    loadClient *lcs = calloc(n, sizeof(*lcs));
    pthread_t *tids = calloc(n, sizeof(*tids));
    pthread_barrier_t ready;
    if (!lcs || !tids || pthread_barrier_init(&ready, NULL, (unsigned) n + 1) != 0)
        abort();
    for (size_t i = 0; i < n; i++) {
        lcs[i] = (loadClient) { .o = o, .ready = &ready };
        if (pthread_create(&tids[i], NULL, loadMain, &lcs[i]) != 0)
            abort();
    }
    pthread_barrier_wait(&ready);
    uint64_t start = nowNs();
    long calls = 0, errors = 0, opened = 0;
    for (size_t i = 0; i < n; i++) {
        pthread_join(tids[i], NULL);
        calls += lcs[i].calls;
        errors += lcs[i].errors;
        opened += lcs[i].opened;
    }
    double secs = (double) (nowNs() - start) / 1e9;
    char unit[64];
    snprintf(unit, sizeof(unit), "round trips/s, %ld clients at once", o->clients);
    result("load_lookup_getInfo_per_s", (double) calls / secs, unit);
    resultInt("load_failed_opens", (long long) o->clients - opened, "connections refused");
    resultInt("load_failed_calls", errors, "calls that failed");
    if (opened != o->clients || errors)
        failures++;
    pthread_barrier_destroy(&ready);
    free(tids);
    free(lcs);
}

static void phaseMemory(const benchOptions *o)
{
    long before = readRssKiB();
    virConnectPtr conn = openOrReport(o, "memory");
    if (!conn)
        return;
    long objects, modules;
    resultInt("rss_before_open_kib", before, "KiB VmRSS before virConnectOpen");
    resultInt("rss_one_conn_kib", readRssKiB(), "KiB VmRSS with one open connection");
    countObjects(&objects, &modules);
    resultInt("shared_objects", objects, "distinct .so files mapped");
    resultInt("our_modules_loaded", modules, "virt-module-*.so mapped");
    virConnectClose(conn);
}

/* ---- scale: N defined domains ------------------------------------------ */

static void benchName(char *buf, size_t len, long i)
{
    snprintf(buf, len, "bench-%07ld", i);
}

static void benchUUID(unsigned char uuid[VIR_UUID_BUFLEN], long i)
{
    static const unsigned char prefix[10] = { 0xb3, 0xc0, 0xa5, 0xe1, 0x5c, 0xa1, 0x40, 0x00, 0x80, 0x00 };
    memcpy(uuid, prefix, sizeof(prefix));
    for (int b = 0; b < 6; b++)
        uuid[15 - b] = (unsigned char) ((uint64_t) i >> (8 * b));
}

static bool defineOne(virConnectPtr conn, long i)
{
    char name[32], xml[512], uuidStr[VIR_UUID_STRING_BUFLEN];
    unsigned char u[VIR_UUID_BUFLEN];
    benchName(name, sizeof(name), i);
    benchUUID(u, i);
    snprintf(uuidStr, sizeof(uuidStr),
             "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7],
             u[8], u[9], u[10], u[11], u[12], u[13], u[14], u[15]);
    snprintf(xml, sizeof(xml),
             "<domain type='test'><name>%s</name><uuid>%s</uuid>"
             "<memory unit='KiB'>8192</memory><vcpu>1</vcpu>"
             "<os><type>hvm</type></os></domain>", name, uuidStr);
    virDomainPtr dom = virDomainDefineXML(conn, xml);
    if (!dom)
        return false;
    virDomainFree(dom);
    return true;
}

/* Define domains [from, to); returns false (reported) on failure. */
static bool defineRange(virConnectPtr conn, long from, long to, const char *key)
{
    uint64_t start = nowNs();
    for (long i = from; i < to; i++) {
        if (!defineOne(conn, i)) {
            resultMissing(key, "virDomainDefineXML");
            return false;
        }
    }
    double secs = (double) (nowNs() - start) / 1e9;
    result(key, secs > 0 ? (double) (to - from) / secs : 0, "defines/s");
    return true;
}

/* Deterministic pseudo-random indices, so both libraries see the same
 * lookup sequence. */
static uint64_t nextRandom(uint64_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return *state;
}

/* Time random lookups among the first `size` domains; ns per lookup, or a
 * negative value when unsupported (already reported). */
static double timeLookups(virConnectPtr conn, long size, long count, bool byUUID, const char *key)
{
    uint64_t rng = 0x9e3779b97f4a7c15u;
    char name[32];
    unsigned char uuid[VIR_UUID_BUFLEN];
    uint64_t start = nowNs();
    for (long k = 0; k < count; k++) {
        long i = (long) (nextRandom(&rng) % (uint64_t) size);
        virDomainPtr dom;
        if (byUUID) {
            benchUUID(uuid, i);
            dom = virDomainLookupByUUID(conn, uuid);
        } else {
            benchName(name, sizeof(name), i);
            dom = virDomainLookupByName(conn, name);
        }
        if (!dom) {
            resultMissing(key, byUUID ? "virDomainLookupByUUID" : "virDomainLookupByName");
            return -1;
        }
        virDomainFree(dom);
    }
    double ns = (double) (nowNs() - start) / (double) count;
    result(key, ns, "ns/lookup");
    return ns;
}

/* Time listing all defined domains (best of a few runs); ms per list, or a
 * negative value when unsupported (already reported). */
static double timeListing(virConnectPtr conn, long expected, const char *key)
{
    double best = -1;
    for (int run = 0; run < 3; run++) {
        uint64_t start = nowNs();
        int n = virConnectNumOfDefinedDomains(conn);
        if (n < 0) {
            resultMissing(key, "virConnectNumOfDefinedDomains");
            return -1;
        }
        char **names = calloc((size_t) n + 1, sizeof(*names));
        if (!names) {
            printf("%-32s %16s  (out of memory)\n", key, "error");
            failures++;
            return -1;
        }
        int got = virConnectListDefinedDomains(conn, names, n);
        if (got < 0) {
            free(names);
            resultMissing(key, "virConnectListDefinedDomains");
            return -1;
        }
        for (int i = 0; i < got; i++)
            free(names[i]);
        free(names);
        double ms = (double) (nowNs() - start) / 1e6;
        if (best < 0 || ms < best)
            best = ms;
        if (got < expected) {
            printf("%-32s %16s  (listed %d defined domains, expected at least %ld)\n",
                   key, "error", got, expected);
            failures++;
            return -1;
        }
    }
    result(key, best, "ms/list (best of 3)");
    return best;
}

typedef struct {
    double byName, byUUID, list;
} scalePoint;

static scalePoint measureAt(virConnectPtr conn, const benchOptions *o, long size, const char *tag)
{
    char key[64];
    scalePoint p;
    snprintf(key, sizeof(key), "scale_lookup_name_ns_%s", tag);
    p.byName = timeLookups(conn, size, o->lookups, false, key);
    snprintf(key, sizeof(key), "scale_lookup_uuid_ns_%s", tag);
    p.byUUID = timeLookups(conn, size, o->lookups, true, key);
    snprintf(key, sizeof(key), "scale_list_ms_%s", tag);
    p.list = timeListing(conn, size, key);
    return p;
}

static void ratio(const char *key, double small, double large, const char *unit)
{
    if (small > 0 && large > 0)
        result(key, large / small, unit);
}

static void phaseScale(const benchOptions *o)
{
    long large = o->domains;
    long small = large / 10 > 0 ? large / 10 : 1;
    virConnectPtr conn = openOrReport(o, "scale");
    if (!conn)
        return;
    printf("# scale: %ld domains, then %ld; %ld random lookups at each size\n", small, large, o->lookups);
    if (!defineRange(conn, 0, small, "scale_define_per_s_small"))
        goto cleanup;
    scalePoint a = measureAt(conn, o, small, "small");
    if (!defineRange(conn, small, large, "scale_define_per_s_large"))
        goto cleanup;
    scalePoint b = measureAt(conn, o, large, "large");
    /* Constant-time lookups keep these near 1 and a linear listing near
     * large/small; cache misses on the bigger working set add a small
     * factor on top, an algorithm one size class worse multiplies by
     * large/small. */
    char unit[96];
    double f = (double) large / (double) small;
    snprintf(unit, sizeof(unit), "large/small (1 = constant time, %.0f = linear)", f);
    ratio("scale_lookup_name_ratio", a.byName, b.byName, unit);
    ratio("scale_lookup_uuid_ratio", a.byUUID, b.byUUID, unit);
    snprintf(unit, sizeof(unit), "large/small (%.0f = linear, %.0f = quadratic)", f, f * f);
    ratio("scale_list_ratio", a.list, b.list, unit);
cleanup:
    virConnectClose(conn);
}

/* ---- command line -------------------------------------------------------- */

static void usage(FILE *out)
{
    fprintf(out,
            "usage: bench-client [-u URI] [-i ITERS] [-n DOMAINS] [-l LOOKUPS] [-c CLIENTS] PHASE...\n"
            "phases: all (= memory open-close calls scale), open-close, open-once,\n"
            "        calls, memory, scale, remote (round trips to the daemon -u names),\n"
            "        load (CLIENTS connections at once, ITERS round trips each)\n"
            "  -u URI      connection URI (default test:///default)\n"
            "  -i ITERS    open+close iterations; call loops run 10x this (default 2000)\n"
            "  -n DOMAINS  domains defined by the scale phase (default 100000)\n"
            "  -l LOOKUPS  timed lookups per size in the scale phase (default 20000)\n"
            "  -c CLIENTS  concurrent connections of the load phase (default 200)\n");
}

static bool parseCount(const char *text, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno || *end || v <= 0)
        return false;
    *out = v;
    return true;
}

static bool runPhase(const benchOptions *o, const char *phase)
{
    if (strcmp(phase, "all") == 0) {
        phaseMemory(o);   /* first, while the process is still fresh */
        phaseOpenClose(o);
        phaseCalls(o);
        phaseScale(o);
    } else if (strcmp(phase, "open-close") == 0) {
        phaseOpenClose(o);
    } else if (strcmp(phase, "open-once") == 0) {
        phaseOpenOnce(o);
    } else if (strcmp(phase, "calls") == 0) {
        phaseCalls(o);
    } else if (strcmp(phase, "remote") == 0) {
        phaseRemote(o);
    } else if (strcmp(phase, "load") == 0) {
        phaseLoad(o);
    } else if (strcmp(phase, "memory") == 0) {
        phaseMemory(o);
    } else if (strcmp(phase, "scale") == 0) {
        phaseScale(o);
    } else {
        return false;
    }
    return true;
}

int main(int argc, char **argv)
{
    benchOptions o = { "test:///default", 2000, 100000, 20000, 200 };
    int c;
    while ((c = getopt(argc, argv, "u:i:n:l:c:h")) != -1) {
        bool ok = true;
        switch (c) {
        case 'u': o.uri = optarg; break;
        case 'i': ok = parseCount(optarg, &o.iters); break;
        case 'n': ok = parseCount(optarg, &o.domains); break;
        case 'l': ok = parseCount(optarg, &o.lookups); break;
        case 'c': ok = parseCount(optarg, &o.clients); break;
        case 'h': usage(stdout); return 0;
        default: ok = false; break;
        }
        if (!ok) {
            usage(stderr);
            return 2;
        }
    }
    if (optind >= argc) {
        usage(stderr);
        return 2;
    }
    virSetErrorFunc(NULL, quietErrors);
    bool quiet = argc - optind == 1 && strcmp(argv[optind], "open-once") == 0;
    if (!quiet)
        printLibrary();
    for (int i = optind; i < argc; i++) {
        if (!runPhase(&o, argv[i])) {
            fprintf(stderr, "bench-client: unknown phase '%s'\n", argv[i]);
            usage(stderr);
            return 2;
        }
    }
    fflush(stdout);
    return failures ? 1 : 0;
}
