/* remote_info.c: calls whose results fill the caller's fixed-size
 * structures or arrays, or arrays the call allocates, in shapes the stub
 * generator does not make: security model and labels, statistics,
 * CPU maps and models, vCPU pinning, per-CPU statistics, disk errors, memory and block peeking, I/O
 * threads, free memory per cell, free and allocated pages, SEV
 * information and node device parents. The checks on the reply are
 * those libvirt's remote driver makes. */
#include <stdlib.h>
#include <string.h>

#include "remote_driver.h"
#include "remote_handwritten.h"
#include "util.h"

/* A char array of a reply (NUL included when not empty) into a fixed
 * buffer of cap bytes; -1 with an error when it does not fit. */
static int copyChars(virConnectPtr conn, char *dst, size_t cap, const char *val, uint32_t len,
                     const char *what)
{
    size_t n = val ? strnlen(val, len) : 0;
    if (n >= cap) {
        remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_RPC, "%s exceeds maximum: %zu", what,
                          cap - 1);
        return -1;
    }
    memcpy(dst, val ? val : "", n);
    dst[n] = '\0';
    return 0;
}

int remoteNodeGetSecurityModel(virConnectPtr conn, virSecurityModelPtr secmodel)
{
    remote_node_get_security_model_ret ret;
    int rv = -1;

    memset(&ret, 0, sizeof(ret));
    if (remoteCall(conn, REMOTE_PROC_NODE_GET_SECURITY_MODEL, NULL, NULL,
                   virtXDRAny_remote_node_get_security_model_ret, &ret) < 0)
        return -1;
    memset(secmodel, 0, sizeof(*secmodel));
    if (copyChars(conn, secmodel->model, sizeof(secmodel->model), ret.model.model_val,
                  ret.model.model_len, "security model") < 0 ||
        copyChars(conn, secmodel->doi, sizeof(secmodel->doi), ret.doi.doi_val, ret.doi.doi_len,
                  "security doi model") < 0)
        goto cleanup;
    rv = 0;
 cleanup:
    virtXDRFree_remote_node_get_security_model_ret(&ret);
    return rv;
}

static int labelFromWire(virConnectPtr conn, virSecurityLabelPtr l,
                         const remote_domain_get_security_label_ret *w)
{
    memset(l, 0, sizeof(*l));
    if (copyChars(conn, l->label, sizeof(l->label), w->label.label_val, w->label.label_len,
                  "security label") < 0)
        return -1;
    l->enforcing = w->enforcing;
    return 0;
}

int remoteDomainGetSecurityLabel(virDomainPtr domain, virSecurityLabelPtr seclabel)
{
    virConnectPtr conn = remoteCore->handle_conn(domain);
    remote_domain_get_security_label_args args;
    remote_domain_get_security_label_ret ret;

    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    remoteDomainToWire(domain, &args.dom);
    if (remoteCall(conn, REMOTE_PROC_DOMAIN_GET_SECURITY_LABEL,
                   virtXDRAny_remote_domain_get_security_label_args, &args,
                   virtXDRAny_remote_domain_get_security_label_ret, &ret) < 0)
        return -1;
    int rv = labelFromWire(conn, seclabel, &ret);
    virtXDRFree_remote_domain_get_security_label_ret(&ret);
    return rv;
}

/* The count comes from ret: libvirt's daemon answers a failed lookup
 * with -1 there and no error, and so does ours. */
int remoteDomainGetSecurityLabelList(virDomainPtr domain, virSecurityLabelPtr *seclabels)
{
    virConnectPtr conn = remoteCore->handle_conn(domain);
    remote_domain_get_security_label_list_args args;
    remote_domain_get_security_label_list_ret ret;
    virSecurityLabelPtr labels = NULL;
    int rv = -1;

    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    remoteDomainToWire(domain, &args.dom);
    if (remoteCall(conn, REMOTE_PROC_DOMAIN_GET_SECURITY_LABEL_LIST,
                   virtXDRAny_remote_domain_get_security_label_list_args, &args,
                   virtXDRAny_remote_domain_get_security_label_list_ret, &ret) < 0)
        return -1;
    uint32_t n = ret.labels.labels_len;
    if (n)
        labels = virtAlloc(sizeof(*labels) * n);
    for (uint32_t i = 0; i < n; i++)
        if (labelFromWire(conn, &labels[i], &ret.labels.labels_val[i]) < 0)
            goto cleanup;
    *seclabels = labels;
    labels = NULL;
    rv = ret.ret;
 cleanup:
    free(labels);
    virtXDRFree_remote_domain_get_security_label_list_ret(&ret);
    return rv;
}

int remoteDomainMemoryStats(virDomainPtr dom, virDomainMemoryStatPtr stats, unsigned int nr_stats,
                            unsigned int flags)
{
    virConnectPtr conn = remoteCore->handle_conn(dom);
    remote_domain_memory_stats_args args;
    remote_domain_memory_stats_ret ret;

    if (nr_stats > REMOTE_DOMAIN_MEMORY_STATS_MAX) {
        remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_RPC,
                          "too many memory stats requested: %d > %d", nr_stats,
                          REMOTE_DOMAIN_MEMORY_STATS_MAX);
        return -1;
    }
    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    remoteDomainToWire(dom, &args.dom);
    args.maxStats = nr_stats;
    args.flags = flags;
    if (remoteCall(conn, REMOTE_PROC_DOMAIN_MEMORY_STATS,
                   virtXDRAny_remote_domain_memory_stats_args, &args,
                   virtXDRAny_remote_domain_memory_stats_ret, &ret) < 0)
        return -1;
    uint32_t n = ret.stats.stats_len < nr_stats ? ret.stats.stats_len : nr_stats;
    for (uint32_t i = 0; i < n; i++) {
        stats[i].tag = ret.stats.stats_val[i].tag;
        stats[i].val = ret.stats.stats_val[i].val;
    }
    virtXDRFree_remote_domain_memory_stats_ret(&ret);
    return (int) n;
}

/* Node CPU and memory statistics share a shape: a field name of at most
 * 79 characters and a value; *nparams 0 asks how many there are. The
 * checks are libvirt's; the copy is the same loop for both. */
static int nodeStatsCheck(virConnectPtr conn, uint32_t n, int count, int *nparams, const char *what)
{
    if (n > REMOTE_NODE_CPU_STATS_MAX || n > (uint32_t) *nparams) {
        remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_RPC,
                          "%s: returned number of stats exceeds limit", what);
        return -1;
    }
    if (*nparams == 0) {
        *nparams = count;
        return 0;
    }
    *nparams = (int) n;
    return 1;
}

#define NODE_STATS_COPY(conn, out, w, n, rv) \
    for (uint32_t i_ = 0; (rv) > 0 && i_ < (n); i_++) { \
        if (strlen((w)[i_].field) >= sizeof((out)[i_].field)) { \
            remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_INTERNAL_ERROR, \
                              "Stats %s too big for destination", (w)[i_].field); \
            (rv) = -1; \
            break; \
        } \
        strcpy((out)[i_].field, (w)[i_].field); \
        (out)[i_].value = (w)[i_].value; \
    }

int remoteNodeGetCPUStats(virConnectPtr conn, int cpuNum, virNodeCPUStatsPtr params, int *nparams,
                          unsigned int flags)
{
    remote_node_get_cpu_stats_args args;
    remote_node_get_cpu_stats_ret ret;

    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    args.nparams = *nparams;
    args.cpuNum = cpuNum;
    args.flags = flags;
    if (remoteCall(conn, REMOTE_PROC_NODE_GET_CPU_STATS,
                   virtXDRAny_remote_node_get_cpu_stats_args, &args,
                   virtXDRAny_remote_node_get_cpu_stats_ret, &ret) < 0)
        return -1;
    int rv = nodeStatsCheck(conn, ret.params.params_len, ret.nparams, nparams, "remoteNodeGetCPUStats");
    NODE_STATS_COPY(conn, params, ret.params.params_val, ret.params.params_len, rv);
    virtXDRFree_remote_node_get_cpu_stats_ret(&ret);
    return rv < 0 ? -1 : 0;
}

int remoteNodeGetMemoryStats(virConnectPtr conn, int cellNum, virNodeMemoryStatsPtr params,
                             int *nparams, unsigned int flags)
{
    remote_node_get_memory_stats_args args;
    remote_node_get_memory_stats_ret ret;

    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    args.nparams = *nparams;
    args.cellNum = cellNum;
    args.flags = flags;
    if (remoteCall(conn, REMOTE_PROC_NODE_GET_MEMORY_STATS,
                   virtXDRAny_remote_node_get_memory_stats_args, &args,
                   virtXDRAny_remote_node_get_memory_stats_ret, &ret) < 0)
        return -1;
    int rv = nodeStatsCheck(conn, ret.params.params_len, ret.nparams, nparams,
                            "remoteNodeGetMemoryStats");
    NODE_STATS_COPY(conn, params, ret.params.params_val, ret.params.params_len, rv);
    virtXDRFree_remote_node_get_memory_stats_ret(&ret);
    return rv < 0 ? -1 : 0;
}

int remoteNodeGetCPUMap(virConnectPtr conn, unsigned char **cpumap, unsigned int *online,
                        unsigned int flags)
{
    remote_node_get_cpu_map_args args;
    remote_node_get_cpu_map_ret ret;

    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    args.need_map = cpumap != NULL;
    args.need_online = online != NULL;
    args.flags = flags;
    if (remoteCall(conn, REMOTE_PROC_NODE_GET_CPU_MAP,
                   virtXDRAny_remote_node_get_cpu_map_args, &args,
                   virtXDRAny_remote_node_get_cpu_map_ret, &ret) < 0)
        return -1;
    if (cpumap) {
        *cpumap = virtAlloc(ret.cpumap.cpumap_len ? ret.cpumap.cpumap_len : 1);
        memcpy(*cpumap, ret.cpumap.cpumap_val, ret.cpumap.cpumap_len);
    }
    if (online)
        *online = ret.online;
    int rv = ret.ret;
    virtXDRFree_remote_node_get_cpu_map_ret(&ret);
    return rv;
}

int remoteNodeGetCellsFreeMemory(virConnectPtr conn, unsigned long long *freeMems, int startCell,
                                 int maxCells)
{
    remote_node_get_cells_free_memory_args args;
    remote_node_get_cells_free_memory_ret ret;

    if (maxCells > REMOTE_NODE_MAX_CELLS) {
        remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_RPC, "too many NUMA cells: %d > %d",
                          maxCells, REMOTE_NODE_MAX_CELLS);
        return -1;
    }
    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    args.startCell = startCell;
    args.maxcells = maxCells;
    if (remoteCall(conn, REMOTE_PROC_NODE_GET_CELLS_FREE_MEMORY,
                   virtXDRAny_remote_node_get_cells_free_memory_args, &args,
                   virtXDRAny_remote_node_get_cells_free_memory_ret, &ret) < 0)
        return -1;
    uint32_t n = ret.cells.cells_len < (uint32_t) maxCells ? ret.cells.cells_len : (uint32_t) maxCells;
    for (uint32_t i = 0; i < n; i++)
        freeMems[i] = ret.cells.cells_val[i];
    virtXDRFree_remote_node_get_cells_free_memory_ret(&ret);
    return (int) n;
}

int remoteConnectGetCPUModelNames(virConnectPtr conn, const char *arch, char ***models,
                                  unsigned int flags)
{
    remote_connect_get_cpu_model_names_args args;
    remote_connect_get_cpu_model_names_ret ret;

    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    args.arch = (char *) arch;
    args.need_results = models != NULL;
    args.flags = flags;
    if (remoteCall(conn, REMOTE_PROC_CONNECT_GET_CPU_MODEL_NAMES,
                   virtXDRAny_remote_connect_get_cpu_model_names_args, &args,
                   virtXDRAny_remote_connect_get_cpu_model_names_ret, &ret) < 0)
        return -1;
    if (models) {
        char **list = virtAlloc(sizeof(*list) * (ret.models.models_len + 1));
        for (uint32_t i = 0; i < ret.models.models_len; i++) {
            list[i] = ret.models.models_val[i];
            ret.models.models_val[i] = NULL;
        }
        *models = list;
    }
    int rv = ret.ret;
    virtXDRFree_remote_connect_get_cpu_model_names_ret(&ret);
    return rv;
}

int remoteDomainGetDiskErrors(virDomainPtr dom, virDomainDiskErrorPtr errors, unsigned int maxerrors,
                              unsigned int flags)
{
    virConnectPtr conn = remoteCore->handle_conn(dom);
    remote_domain_get_disk_errors_args args;
    remote_domain_get_disk_errors_ret ret;
    int rv = -1;

    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    remoteDomainToWire(dom, &args.dom);
    args.maxerrors = maxerrors;
    args.flags = flags;
    if (remoteCall(conn, REMOTE_PROC_DOMAIN_GET_DISK_ERRORS,
                   virtXDRAny_remote_domain_get_disk_errors_args, &args,
                   virtXDRAny_remote_domain_get_disk_errors_ret, &ret) < 0)
        return -1;
    if (ret.errors.errors_len > REMOTE_DOMAIN_DISK_ERRORS_MAX || ret.errors.errors_len > maxerrors) {
        remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_RPC, "%s",
                          "remoteDomainGetDiskErrors: returned number of disks exceeds limit");
        goto cleanup;
    }
    for (uint32_t i = 0; i < ret.errors.errors_len; i++) {
        errors[i].disk = ret.errors.errors_val[i].disk;
        ret.errors.errors_val[i].disk = NULL;
        errors[i].error = ret.errors.errors_val[i].error;
    }
    rv = ret.nerrors;
 cleanup:
    virtXDRFree_remote_domain_get_disk_errors_ret(&ret);
    return rv;
}

/* A peek's answer into the caller's buffer: exactly the size asked for. */
static int peekCopy(virConnectPtr conn, const char *got, unsigned int len, void *buffer, size_t size)
{
    if (len != size) {
        remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_RPC, "%s",
                          "returned buffer is not same size as requested");
        return -1;
    }
    if (size)
        memcpy(buffer, got, size);
    return 0;
}

int remoteDomainMemoryPeek(virDomainPtr dom, unsigned long long start, size_t size, void *buffer,
                           unsigned int flags)
{
    virConnectPtr conn = remoteCore->handle_conn(dom);
    remote_domain_memory_peek_args args;
    remote_domain_memory_peek_ret ret;
    int rv = -1;

    if (size > REMOTE_DOMAIN_MEMORY_PEEK_BUFFER_MAX) {
        remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_RPC,
                          "memory peek request too large for remote protocol, %zu > %d", size,
                          REMOTE_DOMAIN_MEMORY_PEEK_BUFFER_MAX);
        return -1;
    }
    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    remoteDomainToWire(dom, &args.dom);
    args.offset = start;
    args.size = (unsigned int) size;
    args.flags = flags;
    if (remoteCall(conn, REMOTE_PROC_DOMAIN_MEMORY_PEEK,
                   virtXDRAny_remote_domain_memory_peek_args, &args,
                   virtXDRAny_remote_domain_memory_peek_ret, &ret) < 0)
        return -1;
    rv = peekCopy(conn, ret.buffer.buffer_val, ret.buffer.buffer_len, buffer, size);
    virtXDRFree_remote_domain_memory_peek_ret(&ret);
    return rv;
}

int remoteDomainBlockPeek(virDomainPtr dom, const char *disk, unsigned long long offset, size_t size,
                          void *buffer, unsigned int flags)
{
    virConnectPtr conn = remoteCore->handle_conn(dom);
    remote_domain_block_peek_args args;
    remote_domain_block_peek_ret ret;
    int rv = -1;

    if (size > REMOTE_DOMAIN_BLOCK_PEEK_BUFFER_MAX) {
        remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_RPC,
                          "block peek request too large for remote protocol, %zu > %d", size,
                          REMOTE_DOMAIN_BLOCK_PEEK_BUFFER_MAX);
        return -1;
    }
    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    remoteDomainToWire(dom, &args.dom);
    args.path = (char *) disk;
    args.offset = offset;
    args.size = (unsigned int) size;
    args.flags = flags;
    if (remoteCall(conn, REMOTE_PROC_DOMAIN_BLOCK_PEEK,
                   virtXDRAny_remote_domain_block_peek_args, &args,
                   virtXDRAny_remote_domain_block_peek_ret, &ret) < 0)
        return -1;
    rv = peekCopy(conn, ret.buffer.buffer_val, ret.buffer.buffer_len, buffer, size);
    virtXDRFree_remote_domain_block_peek_ret(&ret);
    return rv;
}

int remoteNodeGetFreePages(virConnectPtr conn, unsigned int npages, unsigned int *pages, int startCell,
                           unsigned int cellCount, unsigned long long *counts, unsigned int flags)
{
    remote_node_get_free_pages_args args;
    remote_node_get_free_pages_ret ret;

    if ((unsigned long long) npages * cellCount > REMOTE_NODE_MAX_CELLS) {
        remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_RPC, "too many NUMA cells: %u > %d",
                          npages * cellCount, REMOTE_NODE_MAX_CELLS);
        return -1;
    }
    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    args.pages.pages_len = npages;
    args.pages.pages_val = pages;
    args.startCell = startCell;
    args.cellCount = cellCount;
    args.flags = flags;
    if (remoteCall(conn, REMOTE_PROC_NODE_GET_FREE_PAGES,
                   virtXDRAny_remote_node_get_free_pages_args, &args,
                   virtXDRAny_remote_node_get_free_pages_ret, &ret) < 0)
        return -1;
    uint32_t n = ret.counts.counts_len;
    if (n > npages * cellCount)
        n = npages * cellCount;
    for (uint32_t i = 0; i < n; i++)
        counts[i] = ret.counts.counts_val[i];
    virtXDRFree_remote_node_get_free_pages_ret(&ret);
    return (int) n;
}

int remoteNodeAllocPages(virConnectPtr conn, unsigned int npages, unsigned int *pageSizes,
                         unsigned long long *pageCounts, int startCell, unsigned int cellCount,
                         unsigned int flags)
{
    remote_node_alloc_pages_args args;
    remote_node_alloc_pages_ret ret;

    if (npages > REMOTE_NODE_MAX_CELLS) {
        remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_RPC, "too many NUMA cells: %u > %d",
                          npages, REMOTE_NODE_MAX_CELLS);
        return -1;
    }
    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    args.pageSizes.pageSizes_len = npages;
    args.pageSizes.pageSizes_val = pageSizes;
    args.pageCounts.pageCounts_len = npages;
    args.pageCounts.pageCounts_val = (uint64_t *) pageCounts;
    args.startCell = startCell;
    args.cellCount = cellCount;
    args.flags = flags;
    if (remoteCall(conn, REMOTE_PROC_NODE_ALLOC_PAGES,
                   virtXDRAny_remote_node_alloc_pages_args, &args,
                   virtXDRAny_remote_node_alloc_pages_ret, &ret) < 0)
        return -1;
    return ret.ret;
}

int remoteNodeGetSEVInfo(virConnectPtr conn, virTypedParameterPtr *params, int *nparams,
                         unsigned int flags)
{
    remote_node_get_sev_info_args args;
    remote_node_get_sev_info_ret ret;

    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    args.nparams = *nparams;
    args.flags = flags;
    if (remoteCall(conn, REMOTE_PROC_NODE_GET_SEV_INFO,
                   virtXDRAny_remote_node_get_sev_info_args, &args,
                   virtXDRAny_remote_node_get_sev_info_ret, &ret) < 0)
        return -1;
    int n = remoteParamsFromWireAlloc(conn, ret.params.params_val, ret.params.params_len, params);
    virtXDRFree_remote_node_get_sev_info_ret(&ret);
    if (n < 0)
        return -1;
    *nparams = n;
    return 0;
}

int remoteDomainGetVcpuPinInfo(virDomainPtr domain, int ncpumaps, unsigned char *cpumaps, int maplen,
                               unsigned int flags)
{
    virConnectPtr conn = remoteCore->handle_conn(domain);
    remote_domain_get_vcpu_pin_info_args args;
    remote_domain_get_vcpu_pin_info_ret ret;
    int rv = -1;

    if (ncpumaps > REMOTE_VCPUINFO_MAX) {
        remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_RPC, "vCPU count exceeds maximum: %d > %d",
                          ncpumaps, REMOTE_VCPUINFO_MAX);
        return -1;
    }
    long long total = (long long) ncpumaps * maplen;
    if (total > REMOTE_CPUMAPS_MAX) {
        remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_RPC,
                          "vCPU map buffer length exceeds maximum: %lld > %d", total, REMOTE_CPUMAPS_MAX);
        return -1;
    }
    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    remoteDomainToWire(domain, &args.dom);
    args.ncpumaps = ncpumaps;
    args.maplen = maplen;
    args.flags = flags;
    if (remoteCall(conn, REMOTE_PROC_DOMAIN_GET_VCPU_PIN_INFO,
                   virtXDRAny_remote_domain_get_vcpu_pin_info_args, &args,
                   virtXDRAny_remote_domain_get_vcpu_pin_info_ret, &ret) < 0)
        return -1;
    if (ret.num > ncpumaps) {
        remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_RPC, "host reports too many vCPUs: %d > %d",
                          ret.num, ncpumaps);
        goto cleanup;
    }
    if ((long long) ret.cpumaps.cpumaps_len > total) {
        remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_RPC,
                          "host reports map buffer length exceeds maximum: %u > %lld",
                          ret.cpumaps.cpumaps_len, total);
        goto cleanup;
    }
    memset(cpumaps, 0, (size_t) total);
    memcpy(cpumaps, ret.cpumaps.cpumaps_val, ret.cpumaps.cpumaps_len);
    rv = ret.num;
 cleanup:
    virtXDRFree_remote_domain_get_vcpu_pin_info_ret(&ret);
    return rv;
}

/* The daemon leaves out the empty slots of its sparse array: each CPU's
 * ret.nparams statistics go back to that CPU's stride of nparams. */
int remoteDomainGetCPUStats(virDomainPtr domain, virTypedParameterPtr params, unsigned int nparams,
                            int start_cpu, unsigned int ncpus, unsigned int flags)
{
    virConnectPtr conn = remoteCore->handle_conn(domain);
    remote_domain_get_cpu_stats_args args;
    remote_domain_get_cpu_stats_ret ret;
    int rv = -1;

    if (nparams > REMOTE_NODE_CPU_STATS_MAX) {
        remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_RPC, "nparams count exceeds maximum: %u > %u",
                          nparams, REMOTE_NODE_CPU_STATS_MAX);
        return -1;
    }
    if (ncpus > REMOTE_DOMAIN_GET_CPU_STATS_NCPUS_MAX) {
        remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_RPC, "ncpus count exceeds maximum: %u > %u",
                          ncpus, REMOTE_DOMAIN_GET_CPU_STATS_NCPUS_MAX);
        return -1;
    }
    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    remoteDomainToWire(domain, &args.dom);
    args.nparams = nparams;
    args.start_cpu = start_cpu;
    args.ncpus = ncpus;
    args.flags = flags;
    if (remoteCall(conn, REMOTE_PROC_DOMAIN_GET_CPU_STATS,
                   virtXDRAny_remote_domain_get_cpu_stats_args, &args,
                   virtXDRAny_remote_domain_get_cpu_stats_ret, &ret) < 0)
        return -1;
    uint32_t len = ret.params.params_len;
    if (len > nparams * ncpus ||
        (len && (len % nparams || len / nparams > ncpus || ret.nparams < 0 ||
                 (uint32_t) ret.nparams > nparams))) {
        remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_RPC, "%s",
                          "remoteDomainGetCPUStats: returned number of stats exceeds limit");
        goto cleanup;
    }
    if (nparams == 0) {
        rv = ret.nparams;
        goto cleanup;
    }
    memset(params, 0, sizeof(*params) * nparams * ncpus);
    for (uint32_t cpu = 0; cpu < len / nparams; cpu++) {
        if (remoteParamsFromWire(conn, &ret.params.params_val[cpu * (uint32_t) ret.nparams],
                                 (uint32_t) ret.nparams, &params[cpu * nparams], (int) nparams) < 0)
            goto cleanup;
    }
    rv = ret.nparams;
 cleanup:
    virtXDRFree_remote_domain_get_cpu_stats_ret(&ret);
    return rv;
}

int remoteDomainGetEmulatorPinInfo(virDomainPtr domain, unsigned char *cpumap, int maplen,
                                   unsigned int flags)
{
    virConnectPtr conn = remoteCore->handle_conn(domain);
    remote_domain_get_emulator_pin_info_args args;
    remote_domain_get_emulator_pin_info_ret ret;
    int rv = -1;

    if (maplen > REMOTE_CPUMAPS_MAX) {
        remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_RPC,
                          "vCPU map buffer length exceeds maximum: %d > %d", maplen,
                          REMOTE_CPUMAPS_MAX);
        return -1;
    }
    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    remoteDomainToWire(domain, &args.dom);
    args.maplen = maplen;
    args.flags = flags;
    if (remoteCall(conn, REMOTE_PROC_DOMAIN_GET_EMULATOR_PIN_INFO,
                   virtXDRAny_remote_domain_get_emulator_pin_info_args, &args,
                   virtXDRAny_remote_domain_get_emulator_pin_info_ret, &ret) < 0)
        return -1;
    if (ret.cpumaps.cpumaps_len > (uint32_t) maplen) {
        remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_RPC,
                          "host reports map buffer length exceeds maximum: %u > %d",
                          ret.cpumaps.cpumaps_len, maplen);
        goto cleanup;
    }
    memset(cpumap, 0, (size_t) maplen);
    memcpy(cpumap, ret.cpumaps.cpumaps_val, ret.cpumaps.cpumaps_len);
    rv = ret.ret;
 cleanup:
    virtXDRFree_remote_domain_get_emulator_pin_info_ret(&ret);
    return rv;
}

int remoteDomainGetIOThreadInfo(virDomainPtr dom, virDomainIOThreadInfoPtr **info, unsigned int flags)
{
    virConnectPtr conn = remoteCore->handle_conn(dom);
    remote_domain_get_iothread_info_args args;
    remote_domain_get_iothread_info_ret ret;
    int rv = -1;

    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    remoteDomainToWire(dom, &args.dom);
    args.flags = flags;
    if (remoteCall(conn, REMOTE_PROC_DOMAIN_GET_IOTHREAD_INFO,
                   virtXDRAny_remote_domain_get_iothread_info_args, &args,
                   virtXDRAny_remote_domain_get_iothread_info_ret, &ret) < 0)
        return -1;
    uint32_t n = ret.info.info_len;
    if (n > REMOTE_IOTHREAD_INFO_MAX) {
        remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_INTERNAL_ERROR,
                          "Too many IOThreads in info: %u for limit %d", n, REMOTE_IOTHREAD_INFO_MAX);
        goto cleanup;
    }
    *info = NULL;
    if (n) {
        virDomainIOThreadInfoPtr *list = virtAlloc(sizeof(*list) * n);
        for (uint32_t i = 0; i < n; i++) {
            const remote_domain_iothread_info *w = &ret.info.info_val[i];
            list[i] = virtAlloc(sizeof(*list[i]));
            list[i]->iothread_id = w->iothread_id;
            list[i]->cpumaplen = (int) w->cpumap.cpumap_len;
            list[i]->cpumap = virtAlloc(w->cpumap.cpumap_len ? w->cpumap.cpumap_len : 1);
            memcpy(list[i]->cpumap, w->cpumap.cpumap_val, w->cpumap.cpumap_len);
        }
        *info = list;
    }
    rv = (int) ret.ret;
 cleanup:
    virtXDRFree_remote_domain_get_iothread_info_ret(&ret);
    return rv;
}

/* libvirt's remote driver keeps the answer on the device handle. Ours
 * cannot hang data on a handle, so each connection keeps the parent
 * names it was told, once each, until it closes: a host has few. */
const char *remoteNodeDeviceGetParent(virNodeDevicePtr dev)
{
    virConnectPtr conn = remoteCore->handle_conn(dev);
    remoteConn *rc = remoteConnOf(conn);
    remote_node_device_get_parent_args args;
    remote_node_device_get_parent_ret ret;
    const char *parent = NULL;

    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    args.name = (char *) remoteCore->handle_identity(dev)->name;
    if (remoteCall(conn, REMOTE_PROC_NODE_DEVICE_GET_PARENT,
                   virtXDRAny_remote_node_device_get_parent_args, &args,
                   virtXDRAny_remote_node_device_get_parent_ret, &ret) < 0)
        return NULL;
    if (ret.parentName) {
        pthread_mutex_lock(&rc->lock);
        for (size_t i = 0; i < rc->nparents && !parent; i++)
            if (strcmp(rc->parents[i], *ret.parentName) == 0)
                parent = rc->parents[i];
        if (!parent) {
            rc->parents = realloc(rc->parents, sizeof(*rc->parents) * (rc->nparents + 1));
            if (!rc->parents)
                abort();
            parent = rc->parents[rc->nparents++] = virtStrdup(*ret.parentName);
        }
        pthread_mutex_unlock(&rc->lock);
    }
    virtXDRFree_remote_node_device_get_parent_ret(&ret);
    return parent;
}
