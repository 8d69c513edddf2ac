/* daemon-procs-arrays.c: handwritten dispatchers for calls that fill an
 * array of the caller's or one they allocate, in shapes dispatchgen.py
 * does not generate: node statistics, CPU maps and models, vCPU pinning,
 * per-CPU statistics, disk errors,
 * memory and block peeks, free and allocated pages, SEV information,
 * emulator and I/O thread pinning, and node device parents. Limits and answers are those of libvirt's daemon. */
#include <string.h>

#include "daemon-dispatch-table.h"
#include "error.h"
#include "params.h"

static int tooLarge(const char *what)
{
    virtErrorRaise(NULL, NULL, NULL, VIR_FROM_RPC, VIR_ERR_RPC, "%s", what);
    return -1;
}

/* Node CPU and memory statistics have one shape; nparams 0 asks for the
 * count only. The field names are copied: the reply owns its strings. */
#define NODE_STATS_DISPATCH(call, which, args, ret, type, max, what) \
    do { \
        if ((args)->nparams < 0 || (args)->nparams > (max)) \
            return tooLarge(what); \
        int n_ = (args)->nparams; \
        type *p_ = n_ ? virtAlloc(sizeof(*p_) * (size_t) n_) : NULL; \
        if (call(conn, (which), p_, &n_, (args)->flags) < 0) { \
            free(p_); \
            return -1; \
        } \
        if ((args)->nparams == 0) { \
            (ret)->nparams = n_; \
        } else { \
            (ret)->params.params_len = (uint32_t) n_; \
            (ret)->params.params_val = virtAlloc(sizeof(*(ret)->params.params_val) * (size_t) (n_ ? n_ : 1)); \
            for (int i_ = 0; i_ < n_; i_++) { \
                (ret)->params.params_val[i_].field = virtStrdup(p_[i_].field); \
                (ret)->params.params_val[i_].value = p_[i_].value; \
            } \
        } \
        free(p_); \
        return 0; \
    } while (0)

DAEMON_PROC(NODE_GET_CPU_STATS)
{
    remote_node_get_cpu_stats_args *args = argsp;
    remote_node_get_cpu_stats_ret *ret = retp;
    (void) client;
    NODE_STATS_DISPATCH(virNodeGetCPUStats, args->cpuNum, args, ret, virNodeCPUStats,
                        REMOTE_NODE_CPU_STATS_MAX, "nparams too large");
}

DAEMON_PROC(NODE_GET_MEMORY_STATS)
{
    remote_node_get_memory_stats_args *args = argsp;
    remote_node_get_memory_stats_ret *ret = retp;
    (void) client;
    NODE_STATS_DISPATCH(virNodeGetMemoryStats, args->cellNum, args, ret, virNodeMemoryStats,
                        REMOTE_NODE_MEMORY_STATS_MAX, "nparams too large");
}

/* The map goes back with as many bytes as the CPUs it covers. */
DAEMON_PROC(NODE_GET_CPU_MAP)
{
    remote_node_get_cpu_map_args *args = argsp;
    remote_node_get_cpu_map_ret *ret = retp;
    unsigned char *map = NULL;
    unsigned int online = 0;
    (void) client;
    int n = virNodeGetCPUMap(conn, args->need_map ? &map : NULL, args->need_online ? &online : NULL,
                             args->flags);
    if (n < 0)
        return -1;
    if (args->need_map) {
        ret->cpumap.cpumap_len = (uint32_t) (n + 7) / 8;
        ret->cpumap.cpumap_val = (char *) map;
    }
    ret->online = online;
    ret->ret = n;
    return 0;
}

DAEMON_PROC(CONNECT_GET_CPU_MODEL_NAMES)
{
    remote_connect_get_cpu_model_names_args *args = argsp;
    remote_connect_get_cpu_model_names_ret *ret = retp;
    char **models = NULL;
    (void) client;
    int n = virConnectGetCPUModelNames(conn, args->arch, args->need_results ? &models : NULL,
                                       args->flags);
    if (n < 0)
        return -1;
    if (n > REMOTE_CONNECT_CPU_MODELS_MAX) {
        for (int i = 0; i < n; i++)
            free(models ? models[i] : NULL);
        free(models);
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_RPC, VIR_ERR_RPC,
                       "Too many CPU models '%d' for limit '%d'", n, REMOTE_CONNECT_CPU_MODELS_MAX);
        return -1;
    }
    if (models && n) {
        ret->models.models_len = (uint32_t) n;
        ret->models.models_val = models;
    } else {
        free(models);
    }
    ret->ret = n;
    return 0;
}

DAEMON_PROC(DOMAIN_GET_DISK_ERRORS)
{
    remote_domain_get_disk_errors_args *args = argsp;
    remote_domain_get_disk_errors_ret *ret = retp;
    virDomainDiskErrorPtr errors = NULL;
    int rv = -1;
    (void) client;
    if (args->maxerrors > REMOTE_DOMAIN_DISK_ERRORS_MAX)
        return tooLarge("maxerrors too large");
    virDomainPtr dom = daemonGetDomain(conn, &args->dom);
    if (!dom)
        return -1;
    if (args->maxerrors)
        errors = virtAlloc(sizeof(*errors) * args->maxerrors);
    int n = virDomainGetDiskErrors(dom, errors, args->maxerrors, args->flags);
    if (n < 0)
        goto cleanup;
    ret->nerrors = n;
    if (errors) {
        ret->errors.errors_len = (uint32_t) n;
        ret->errors.errors_val = virtAlloc(sizeof(*ret->errors.errors_val) * (size_t) (n ? n : 1));
        for (int i = 0; i < n; i++) {
            ret->errors.errors_val[i].disk = errors[i].disk;    /* the reply owns it now */
            ret->errors.errors_val[i].error = errors[i].error;
        }
    }
    rv = 0;
 cleanup:
    free(errors);
    daemonReleaseDomain(dom);
    return rv;
}

DAEMON_PROC(DOMAIN_MEMORY_PEEK)
{
    remote_domain_memory_peek_args *args = argsp;
    remote_domain_memory_peek_ret *ret = retp;
    int rv = -1;
    (void) client;
    if (args->size > REMOTE_DOMAIN_MEMORY_PEEK_BUFFER_MAX)
        return tooLarge("size > maximum buffer size");
    virDomainPtr dom = daemonGetDomain(conn, &args->dom);
    if (!dom)
        return -1;
    char *buf = virtAlloc(args->size ? args->size : 1);
    if (virDomainMemoryPeek(dom, args->offset, args->size, buf, args->flags) < 0) {
        free(buf);
        goto cleanup;
    }
    ret->buffer.buffer_len = args->size;
    ret->buffer.buffer_val = buf;
    rv = 0;
 cleanup:
    daemonReleaseDomain(dom);
    return rv;
}

DAEMON_PROC(DOMAIN_BLOCK_PEEK)
{
    remote_domain_block_peek_args *args = argsp;
    remote_domain_block_peek_ret *ret = retp;
    int rv = -1;
    (void) client;
    if (args->size > REMOTE_DOMAIN_BLOCK_PEEK_BUFFER_MAX)
        return tooLarge("size > maximum buffer size");
    virDomainPtr dom = daemonGetDomain(conn, &args->dom);
    if (!dom)
        return -1;
    char *buf = virtAlloc(args->size ? args->size : 1);
    if (virDomainBlockPeek(dom, args->path, args->offset, args->size, buf, args->flags) < 0) {
        free(buf);
        goto cleanup;
    }
    ret->buffer.buffer_len = args->size;
    ret->buffer.buffer_val = buf;
    rv = 0;
 cleanup:
    daemonReleaseDomain(dom);
    return rv;
}

DAEMON_PROC(NODE_GET_FREE_PAGES)
{
    remote_node_get_free_pages_args *args = argsp;
    remote_node_get_free_pages_ret *ret = retp;
    (void) client;
    unsigned long long len = (unsigned long long) args->pages.pages_len * args->cellCount;
    if (len > REMOTE_NODE_MAX_CELLS)
        return tooLarge("the result won't fit");
    unsigned long long *counts = virtAlloc(sizeof(*counts) * (len ? len : 1));
    int n = virNodeGetFreePages(conn, args->pages.pages_len, args->pages.pages_val, args->startCell,
                                args->cellCount, counts, args->flags);
    if (n < 0) {
        free(counts);
        return -1;
    }
    ret->counts.counts_len = (uint32_t) n;
    ret->counts.counts_val = (uint64_t *) counts;
    return 0;
}

DAEMON_PROC(NODE_ALLOC_PAGES)
{
    remote_node_alloc_pages_args *args = argsp;
    remote_node_alloc_pages_ret *ret = retp;
    (void) client;
    if (args->pageSizes.pageSizes_len != args->pageCounts.pageCounts_len) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_RPC, VIR_ERR_RPC, "%s",
                       "page sizes and page counts differ in length");
        return -1;
    }
    int r = virNodeAllocPages(conn, args->pageSizes.pageSizes_len, args->pageSizes.pageSizes_val,
                              (unsigned long long *) args->pageCounts.pageCounts_val, args->startCell,
                              args->cellCount, args->flags);
    if (r < 0)
        return -1;
    ret->ret = r;
    return 0;
}

DAEMON_PROC(NODE_GET_SEV_INFO)
{
    remote_node_get_sev_info_args *args = argsp;
    remote_node_get_sev_info_ret *ret = retp;
    virTypedParameterPtr params = NULL;
    int n = 0;
    int rv = -1;
    (void) client;
    if (virNodeGetSEVInfo(conn, &params, &n, args->flags) < 0)
        return -1;
    if (n > REMOTE_NODE_SEV_INFO_MAX) {
        tooLarge("too many SEV parameters");
        goto cleanup;
    }
    if (virtRPCParamsToWire(params, n, &ret->params.params_val, &ret->params.params_len) < 0)
        goto cleanup;
    ret->nparams = n;
    rv = 0;
 cleanup:
    virTypedParamsFree(params, n);
    return rv;
}

/* Every map slot the client asked for goes back, filled or not. */
DAEMON_PROC(DOMAIN_GET_VCPU_PIN_INFO)
{
    remote_domain_get_vcpu_pin_info_args *args = argsp;
    remote_domain_get_vcpu_pin_info_ret *ret = retp;
    int rv = -1;
    (void) client;
    if (args->ncpumaps > REMOTE_VCPUINFO_MAX)
        return tooLarge("ncpumaps > REMOTE_VCPUINFO_MAX");
    long long total = (long long) args->ncpumaps * args->maplen;
    if (args->ncpumaps < 0 || args->maplen < 0 || total > REMOTE_CPUMAPS_MAX)
        return tooLarge("maxinfo * maplen > REMOTE_CPUMAPS_MAX");
    virDomainPtr dom = daemonGetDomain(conn, &args->dom);
    if (!dom)
        return -1;
    unsigned char *maps = virtAlloc(total ? (size_t) total : 1);
    int num = virDomainGetVcpuPinInfo(dom, args->ncpumaps, maps, args->maplen, args->flags);
    if (num < 0) {
        free(maps);
        goto cleanup;
    }
    ret->num = num;
    ret->cpumaps.cpumaps_len = (uint32_t) total;
    ret->cpumaps.cpumaps_val = (char *) maps;
    rv = 0;
 cleanup:
    daemonReleaseDomain(dom);
    return rv;
}

/* The empty slots of the sparse answer stay home; ret->nparams says how
 * many statistics each CPU has (the count alone when nparams is 0). */
DAEMON_PROC(DOMAIN_GET_CPU_STATS)
{
    remote_domain_get_cpu_stats_args *args = argsp;
    remote_domain_get_cpu_stats_ret *ret = retp;
    virTypedParameterPtr params = NULL;
    size_t total = (size_t) args->nparams * args->ncpus;
    int rv = -1;
    (void) client;
    if (args->nparams > REMOTE_NODE_CPU_STATS_MAX)
        return tooLarge("nparams too large");
    if (args->ncpus > REMOTE_DOMAIN_GET_CPU_STATS_NCPUS_MAX)
        return tooLarge("ncpus too large");
    virDomainPtr dom = daemonGetDomain(conn, &args->dom);
    if (!dom)
        return -1;
    if (args->nparams)
        params = virtAlloc(sizeof(*params) * (total ? total : 1));
    int per = virDomainGetCPUStats(dom, params, args->nparams, args->start_cpu, args->ncpus,
                                   args->flags);
    if (per < 0)
        goto cleanup;
    if (args->nparams) {
        size_t n = 0;
        for (size_t i = 0; i < total; i++)
            if (params[i].type)
                params[n++] = params[i];
        if (virtRPCParamsToWire(params, (int) n, &ret->params.params_val, &ret->params.params_len) < 0) {
            virTypedParamsFree(params, (int) n);
            params = NULL;
            goto cleanup;
        }
        virTypedParamsFree(params, (int) n);
        params = NULL;
    }
    ret->nparams = per;
    rv = 0;
 cleanup:
    free(params);
    daemonReleaseDomain(dom);
    return rv;
}

/* Every byte the client asked for goes back, filled or not. */
DAEMON_PROC(DOMAIN_GET_EMULATOR_PIN_INFO)
{
    remote_domain_get_emulator_pin_info_args *args = argsp;
    remote_domain_get_emulator_pin_info_ret *ret = retp;
    int rv = -1;
    (void) client;
    if (args->maplen < 0 || args->maplen > REMOTE_CPUMAPS_MAX)
        return tooLarge("maplen > REMOTE_CPUMAPS_MAX");
    virDomainPtr dom = daemonGetDomain(conn, &args->dom);
    if (!dom)
        return -1;
    unsigned char *map = virtAlloc(args->maplen ? (size_t) args->maplen : 1);
    int r = virDomainGetEmulatorPinInfo(dom, map, args->maplen, args->flags);
    if (r < 0) {
        free(map);
        goto cleanup;
    }
    ret->ret = r;
    ret->cpumaps.cpumaps_len = (uint32_t) args->maplen;
    ret->cpumaps.cpumaps_val = (char *) map;
    rv = 0;
 cleanup:
    daemonReleaseDomain(dom);
    return rv;
}

DAEMON_PROC(DOMAIN_GET_IOTHREAD_INFO)
{
    remote_domain_get_iothread_info_args *args = argsp;
    remote_domain_get_iothread_info_ret *ret = retp;
    virDomainIOThreadInfoPtr *info = NULL;
    int rv = -1;
    int n = 0;
    (void) client;
    virDomainPtr dom = daemonGetDomain(conn, &args->dom);
    if (!dom)
        return -1;
    n = virDomainGetIOThreadInfo(dom, &info, args->flags);
    if (n < 0)
        goto cleanup;
    if (n > REMOTE_IOTHREAD_INFO_MAX) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_RPC, VIR_ERR_INTERNAL_ERROR,
                       "Too many IOThreads in info: %d for limit %d", n, REMOTE_IOTHREAD_INFO_MAX);
        goto cleanup;
    }
    if (n) {
        ret->info.info_len = (uint32_t) n;
        ret->info.info_val = virtAlloc(sizeof(*ret->info.info_val) * (size_t) n);
        for (int i = 0; i < n; i++) {
            remote_domain_iothread_info *w = &ret->info.info_val[i];
            size_t len = info[i]->cpumaplen > 0 ? (size_t) info[i]->cpumaplen : 0;
            w->iothread_id = info[i]->iothread_id;
            w->cpumap.cpumap_len = (uint32_t) len;
            w->cpumap.cpumap_val = virtAlloc(len ? len : 1);
            memcpy(w->cpumap.cpumap_val, info[i]->cpumap, len);
        }
    }
    ret->ret = (unsigned int) n;
    rv = 0;
 cleanup:
    for (int i = 0; info && i < n; i++)
        virDomainIOThreadInfoFree(info[i]);
    free(info);
    daemonReleaseDomain(dom);
    return rv;
}

/* A device without a parent is no error on the wire: libvirt's daemon
 * answers an absent name and drops the driver's complaint. */
DAEMON_PROC(NODE_DEVICE_GET_PARENT)
{
    remote_node_device_get_parent_args *args = argsp;
    remote_node_device_get_parent_ret *ret = retp;
    (void) client;
    virNodeDevicePtr dev = virNodeDeviceLookupByName(conn, args->name);
    if (!dev)
        return -1;
    const char *parent = virNodeDeviceGetParent(dev);
    if (parent) {
        ret->parentName = virtAlloc(sizeof(*ret->parentName));
        *ret->parentName = virtStrdup(parent);
    } else {
        virResetLastError();
    }
    daemonReleaseNodeDevice(dev);
    return 0;
}
