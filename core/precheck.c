/* precheck.c: the argument checks of public entry points that the notation
 * of abi/libvirt.api does not express ('pre' records). Each runs after the
 * entry point's generated checks; it reports the error and returns false
 * when the call must stop. */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>

#include "apitable.h"
#include "internal.h"
#include "precheck.h"
#include "registry.h"

static bool negativeOnly(virConnectPtr owner, const char *func, const char *arg, int value,
                         int allowed)
{
    if (value >= 0 || value == allowed)
        return true;
    virtErrorRaiseInvalidArg(owner, virtApiErrorDomain(func), func, arg,
                             "%s in %s only accepts %d as a negative value", arg, func, allowed);
    return false;
}

bool virtPre_virNodeGetCPUStats(virConnectPtr owner, virConnectPtr conn, int cpuNum,
                                virNodeCPUStatsPtr params, int *nparams, unsigned int flags)
{
    return negativeOnly(owner, "virNodeGetCPUStats", "cpuNum", cpuNum,
                        VIR_NODE_CPU_STATS_ALL_CPUS);
}

bool virtPre_virNodeGetMemoryStats(virConnectPtr owner, virConnectPtr conn, int cellNum,
                                   virNodeMemoryStatsPtr params, int *nparams,
                                   unsigned int flags)
{
    return negativeOnly(owner, "virNodeGetMemoryStats", "cellNum", cellNum,
                        VIR_NODE_MEMORY_STATS_ALL_CELLS);
}

/* start_cpu -1 asks for the total (one "cpu"); params NULL asks for the
 * number of parameters, and is required when there is nothing to fill. */
bool virtPre_virDomainGetCPUStats(virConnectPtr owner, virDomainPtr domain,
                                  virTypedParameterPtr params, unsigned int nparams,
                                  int start_cpu, unsigned int ncpus, unsigned int flags)
{
    const char *func = "virDomainGetCPUStats";
    int from = virtApiErrorDomain(func);

    if (start_cpu == -1) {
        if (ncpus != 1) {
            virtErrorRaiseInvalidArg(owner, from, func, "start_cpu",
                                     "ncpus must be 1 when start_cpu is -1");
            return false;
        }
    } else if (start_cpu < 0) {
        virtReportRangeArg(owner, func, "start_cpu", ">= 0");
        return false;
    }
    if (nparams != 0 && !params) {
        virtReportNullArg(owner, func, "params");
        return false;
    }
    if ((nparams == 0 || ncpus == 0) && params) {
        virtErrorRaiseInvalidArg(owner, from, func, "params", "params in %s must be NULL", func);
        return false;
    }
    if (nparams != 0 && ncpus > UINT_MAX / nparams) {
        virtErrorRaise(owner, NULL, NULL, from, VIR_ERR_OVERFLOW, "input too large: %u * %u",
                       nparams, ncpus);
        return false;
    }
    return true;
}

/* The descriptor must be an open socket. */
bool virtPre_virDomainOpenGraphics(virConnectPtr owner, virDomainPtr dom, unsigned int idx,
                                   int fd, unsigned int flags)
{
    const char *func = "virDomainOpenGraphics";
    struct stat sb;

    if (fstat(fd, &sb) < 0) {
        virtErrorRaise(owner, NULL, NULL, virtApiErrorDomain(func), VIR_ERR_SYSTEM_ERROR,
                       "Unable to access file descriptor %d: %s", fd, strerror(errno));
        return false;
    }
    if (!S_ISSOCK(sb.st_mode)) {
        virtErrorRaiseInvalidArg(owner, virtApiErrorDomain(func), func, "fd",
                                 "fd %d must be a socket", fd);
        return false;
    }
    return true;
}

/* A map needs room for it (and the product must fit an int); no map, no
 * length. */
bool virtPre_virDomainGetVcpus(virConnectPtr owner, virDomainPtr domain, virVcpuInfoPtr info,
                               int maxinfo, unsigned char *cpumaps, int maplen)
{
    const char *func = "virDomainGetVcpus";
    if (cpumaps && maplen <= 0) {
        virtReportRangeArg(owner, func, "maplen", "> 0");
        return false;
    }
    if (!cpumaps && maplen != 0) {
        virtErrorRaiseInvalidArg(owner, virtApiErrorDomain(func), func, "maplen",
                                 "maplen in %s must not be zero", func);   /* libvirt's words, sic */
        return false;
    }
    if (cpumaps && maxinfo > INT_MAX / maplen) {
        virtErrorRaise(owner, NULL, NULL, virtApiErrorDomain(func), VIR_ERR_OVERFLOW,
                       "input too large: %d * %d", maxinfo, maplen);
        return false;
    }
    return true;
}

/* Only a delta or a shrink can mean a capacity of zero. */
bool virtPre_virStorageVolResize(virConnectPtr owner, virStorageVolPtr vol, unsigned long long capacity,
                                 unsigned int flags)
{
    const char *func = "virStorageVolResize";
    if (capacity == 0 && !(flags & (VIR_STORAGE_VOL_RESIZE_DELTA | VIR_STORAGE_VOL_RESIZE_SHRINK))) {
        virtErrorRaiseInvalidArg(owner, virtApiErrorDomain(func), func, "capacity",
                                 "capacity in %s cannot be zero without 'delta' or 'shrink' flags set",
                                 func);
        return false;
    }
    return true;
}

/* The unmanaged migrations (MigrateToURI*) need the hypervisor to do the
 * migration itself: peer to peer, or directly, or (with OFFLINE) without
 * a running guest. libvirt asks its driver for those features; here a
 * module that fills the function's slot has them (and may still refuse),
 * one that does not has none, as with libvirt's test driver. */
static bool unmanagedMigration(virConnectPtr owner, virDomainPtr domain, const char *func,
                               unsigned long flags)
{
    virtModule *mod = domain->h.conn->roles[VIRT_ROLE_HYPERVISOR].module;
    int filled = 0;
    for (size_t i = 0; mod && i < virtApiFunctionCount; i++)
        if (strcmp(virtApiFunctions[i].name, func) == 0)
            filled = virtApiModuleImplements(mod->desc, &virtApiFunctions[i]) == 1;
    if (filled)
        return true;
    const char *what = (flags & VIR_MIGRATE_OFFLINE) ? "offline" :
                       (flags & VIR_MIGRATE_PEER2PEER) ? "p2p" : "direct";
    virtErrorRaise(owner, NULL, NULL, virtApiErrorDomain(func), VIR_ERR_ARGUMENT_UNSUPPORTED,
                   "%s migration is not supported by the source host", what);
    return false;
}

bool virtPre_virDomainMigrateToURI(virConnectPtr owner, virDomainPtr domain, const char *duri,
                                   unsigned long flags, const char *dname, unsigned long bandwidth)
{
    return unmanagedMigration(owner, domain, "virDomainMigrateToURI", flags);
}

bool virtPre_virDomainMigrateToURI2(virConnectPtr owner, virDomainPtr domain, const char *dconnuri,
                                    const char *miguri, const char *dxml, unsigned long flags,
                                    const char *dname, unsigned long bandwidth)
{
    return unmanagedMigration(owner, domain, "virDomainMigrateToURI2", flags);
}

bool virtPre_virDomainMigrateToURI3(virConnectPtr owner, virDomainPtr domain, const char *dconnuri,
                                    virTypedParameterPtr params, unsigned int nparams,
                                    unsigned int flags)
{
    return unmanagedMigration(owner, domain, "virDomainMigrateToURI3", flags);
}
