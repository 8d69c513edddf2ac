/* test_node.c: what the node tells about itself beyond virNodeGetInfo:
 * NUMA cell memory, CPU models per architecture, sysinfo, the security
 * model, CPU counters and free pages. The figures are the fixed ones of
 * libvirt's test driver, so programs see the same host on either. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_driver.h"
#include "util.h"

/* Cell i of test:///default has (i + 1) * 2 GiB, half of it free (KiB).
 * A node file host has no cells. */
static unsigned long long cellMemory(int i)
{
    return (unsigned long long) (i + 1) * 2048 * 1024;
}

static unsigned long long cellFree(int i)
{
    return (unsigned long long) (i + 1) * 1024 * 1024;
}

static int hostCells(virConnectPtr conn)
{
    testState *st = testConnState(conn);
    pthread_mutex_lock(&st->lock);
    int n = (int) st->node.cells;
    pthread_mutex_unlock(&st->lock);
    return n;
}

unsigned long long testNodeGetFreeMemory(virConnectPtr conn)
{
    /* libvirt sums the cells' free KiB and returns that figure as is. */
    unsigned long long sum = 0;
    int n = hostCells(conn);
    for (int i = 0; i < n; i++)
        sum += cellFree(i);
    return sum;
}

int testNodeGetCellsFreeMemory(virConnectPtr conn, unsigned long long *freeMems, int startCell,
                               int maxCells)
{
    int n = hostCells(conn);
    if (startCell >= n) {
        TEST_ERROR(conn, VIR_ERR_INVALID_ARG, "Range exceeds available cells");
        return -1;
    }
    /* libvirt's test driver answers each cell's size, not its free part. */
    int i = 0;
    for (int cell = startCell; cell < n && i < maxCells; cell++, i++)
        if (freeMems)
            freeMems[i] = cellMemory(cell);
    return i;
}

/* libvirt 9.0's architecture names, and the CPU models its cpu map gives
 * for those with a CPU driver (x86 and ppc64 have models; arm and s390
 * have a driver without models). */
static const char *const archNames[] = {
    "alpha", "armv6l", "armv7l", "armv7b", "aarch64", "cris", "i686", "ia64", "lm32",
    "m68k", "microblaze", "microblazeel", "mips", "mipsel", "mips64", "mips64el",
    "openrisc", "parisc", "parisc64", "ppc", "ppcle", "ppc64", "ppc64le", "ppcemb",
    "riscv32", "riscv64", "s390", "s390x", "sh4", "sh4eb", "sparc", "sparc64",
    "unicore32", "x86_64", "xtensa", "xtensaeb", NULL
};

static const char *const x86Models[] = {
    "486", "pentium", "pentium2", "pentium3", "pentiumpro", "coreduo", "n270",
    "core2duo", "qemu32", "kvm32", "cpu64-rhel5", "cpu64-rhel6", "qemu64", "kvm64",
    "Conroe", "Penryn", "Nehalem", "Nehalem-IBRS", "Westmere", "Westmere-IBRS",
    "SandyBridge", "SandyBridge-IBRS", "IvyBridge", "IvyBridge-IBRS",
    "Haswell-noTSX", "Haswell-noTSX-IBRS", "Haswell", "Haswell-IBRS",
    "Broadwell-noTSX", "Broadwell-noTSX-IBRS", "Broadwell", "Broadwell-IBRS",
    "Skylake-Client", "Skylake-Client-IBRS", "Skylake-Client-noTSX-IBRS",
    "Skylake-Server", "Skylake-Server-IBRS", "Skylake-Server-noTSX-IBRS",
    "Cascadelake-Server", "Cascadelake-Server-noTSX", "Icelake-Client",
    "Icelake-Client-noTSX", "Icelake-Server", "Icelake-Server-noTSX", "Cooperlake",
    "Snowridge", "athlon", "phenom", "Opteron_G1", "Opteron_G2", "Opteron_G3",
    "Opteron_G4", "Opteron_G5", "EPYC", "EPYC-IBPB", "EPYC-Rome", "EPYC-Milan",
    "Dhyana", NULL
};

static const char *const ppc64Models[] = {
    "POWER6", "POWER7", "POWER8", "POWER9", "POWER10", "POWERPC_e5500", "POWERPC_e6500", NULL
};

static const char *const noModels[] = { NULL };

static bool isArch(const char *name)
{
    for (size_t i = 0; name && archNames[i]; i++)
        if (strcmp(archNames[i], name) == 0)
            return true;
    return false;
}

static const char *const *archModels(const char *arch)
{
    static const struct { const char *arch; const char *const *models; } drivers[] = {
        { "i686", x86Models }, { "x86_64", x86Models },
        { "ppc64", ppc64Models }, { "ppc64le", ppc64Models },
        { "armv6l", noModels }, { "armv7l", noModels }, { "armv7b", noModels },
        { "aarch64", noModels }, { "s390", noModels }, { "s390x", noModels },
    };
    for (size_t i = 0; i < sizeof(drivers) / sizeof(drivers[0]); i++)
        if (strcmp(drivers[i].arch, arch) == 0)
            return drivers[i].models;
    return NULL;
}

int testConnectGetCPUModelNames(virConnectPtr conn, const char *arch, char ***models,
                                unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    if (!isArch(arch)) {
        TEST_ERROR(conn, VIR_ERR_INVALID_ARG, "cannot find architecture %s", arch ? arch : "(null)");
        return -1;
    }
    const char *const *list = archModels(arch);
    if (!list) {
        /* The CPU layer's error, not the driver's. */
        testCore->error(conn, VIR_FROM_CPU, VIR_ERR_NO_SUPPORT,
                        "'%s' architecture is not supported by CPU driver", arch);
        return -1;
    }
    int n = 0;
    while (list[n])
        n++;
    if (models) {
        *models = virtAlloc(((size_t) n + 1) * sizeof(char *));
        for (int i = 0; i < n; i++)
            (*models)[i] = virtStrdup(list[i]);
    }
    return n;
}

char *testConnectGetSysinfo(virConnectPtr conn, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, NULL);
    return virtStrdup("<sysinfo type='smbios'>\n"
                      "  <bios>\n"
                      "    <entry name='vendor'>LENOVO</entry>\n"
                      "    <entry name='version'>G4ETA1WW (2.61 )</entry>\n"
                      "    <entry name='date'>05/07/2014</entry>\n"
                      "    <entry name='release'>2.61</entry>\n"
                      "  </bios>\n"
                      "</sysinfo>\n");
}

int testNodeGetSecurityModel(virConnectPtr conn, virSecurityModelPtr secmodel)
{
    /* The capabilities' one security model, with an empty DOI. */
    memset(secmodel, 0, sizeof(*secmodel));
    snprintf(secmodel->model, sizeof(secmodel->model), "%s", "testSecurity");
    return 0;
}

int testNodeGetCPUStats(virConnectPtr conn, int cpuNum, virNodeCPUStatsPtr params, int *nparams,
                        unsigned int flags)
{
    static const struct { const char *field; unsigned long long value; } stats[] = {
        { VIR_NODE_CPU_STATS_USER, 9797400000ULL },
        { VIR_NODE_CPU_STATS_KERNEL, 34678723400000ULL },
        { VIR_NODE_CPU_STATS_IDLE, 87264900000ULL },
        { VIR_NODE_CPU_STATS_IOWAIT, 763600000ULL },
    };
    const int nstats = (int) (sizeof(stats) / sizeof(stats[0]));
    VIRT_CHECK_FLAGS(flags, 0, -1);
    /* Every cpu, and the total, show the same counters. */
    if (!params) {
        *nparams = nstats;
        return 0;
    }
    int i;
    for (i = 0; i < *nparams && i < nstats; i++) {
        memset(&params[i], 0, sizeof(params[i]));
        snprintf(params[i].field, sizeof(params[i].field), "%s", stats[i].field);
        params[i].value = stats[i].value;
    }
    *nparams = i;
    return 0;
}

int testNodeGetFreePages(virConnectPtr conn, unsigned int npages, unsigned int *pages,
                         int startCell, unsigned int cellCount, unsigned long long *counts,
                         unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    /* Made-up counts from a running sequence; the answer is 0, as libvirt's
     * test driver gives (so bindings report no pages). */
    /* The sequence runs in a 32-bit int there: wrap and sign-extend alike. */
    uint32_t x = 6;
    for (unsigned int i = 0; i < cellCount; i++) {
        for (unsigned int j = 0; j < npages; j++) {
            x = x * 2 + 7;
            if (counts)
                counts[(size_t) i * npages + j] = (unsigned long long) (long long) (int32_t) x;
        }
    }
    return 0;
}
