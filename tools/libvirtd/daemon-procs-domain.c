/* daemon-procs-domain.c: handwritten dispatchers for domain calls whose
 * arguments or results are structures, arrays or typed parameters. */
#include <string.h>

#include "daemon-dispatch-table.h"
#include "daemon-dispatch.h"
#include "error.h"
#include "params.h"

DAEMON_PROC(DOMAIN_GET_INFO)
{
    remote_domain_get_info_args *args = argsp;
    remote_domain_get_info_ret *ret = retp;
    virDomainInfo info;
    int rv = -1;
    (void) client;
    virDomainPtr dom = daemonGetDomain(conn, &args->dom);
    if (!dom)
        return -1;
    memset(&info, 0, sizeof(info));
    if (virDomainGetInfo(dom, &info) < 0)
        goto cleanup;
    ret->state = info.state;
    ret->maxMem = info.maxMem;
    ret->memory = info.memory;
    ret->nrVirtCpu = info.nrVirtCpu;
    ret->cpuTime = info.cpuTime;
    rv = 0;
 cleanup:
    daemonReleaseDomain(dom);
    return rv;
}

/* libvirt's client returns the domain again: its id may have changed. */
DAEMON_PROC(DOMAIN_CREATE_WITH_FLAGS)
{
    remote_domain_create_with_flags_args *args = argsp;
    remote_domain_create_with_flags_ret *ret = retp;
    int rv = -1;
    (void) client;
    virDomainPtr dom = daemonGetDomain(conn, &args->dom);
    virDomainPtr fresh = NULL;
    if (!dom)
        return -1;
    if (virDomainCreateWithFlags(dom, args->flags) < 0)
        goto cleanup;
    if (!(fresh = virDomainLookupByUUID(conn, args->dom.uuid)))
        goto cleanup;
    daemonMakeDomain(&ret->dom, fresh);
    rv = 0;
 cleanup:
    daemonReleaseDomain(fresh);
    daemonReleaseDomain(dom);
    return rv;
}

/* The files came beside the CALL (daemon-client.c). The API borrows
 * them: they are closed after the call, as libvirt's daemon closes them. */
DAEMON_PROC(DOMAIN_CREATE_WITH_FILES)
{
    remote_domain_create_with_files_args *args = argsp;
    remote_domain_create_with_files_ret *ret = retp;
    int *fds = NULL;
    size_t nfds = daemonCallTakeFDs(&fds);
    int rv = -1;
    (void) client;
    virDomainPtr dom = daemonGetDomain(conn, &args->dom);
    virDomainPtr fresh = NULL;
    if (!dom)
        goto cleanup;
    if (virDomainCreateWithFiles(dom, (unsigned int) nfds, fds, args->flags) < 0)
        goto cleanup;
    if (!(fresh = virDomainLookupByUUID(conn, args->dom.uuid)))
        goto cleanup;
    daemonMakeDomain(&ret->dom, fresh);
    rv = 0;
 cleanup:
    daemonCloseFDs(fds, nfds);
    daemonReleaseDomain(fresh);
    daemonReleaseDomain(dom);
    return rv;
}

DAEMON_PROC(DOMAIN_CREATE_XML_WITH_FILES)
{
    remote_domain_create_xml_with_files_args *args = argsp;
    remote_domain_create_xml_with_files_ret *ret = retp;
    int *fds = NULL;
    size_t nfds = daemonCallTakeFDs(&fds);
    (void) client;
    virDomainPtr dom = virDomainCreateXMLWithFiles(conn, args->xml_desc, (unsigned int) nfds, fds,
                                                   args->flags);
    daemonCloseFDs(fds, nfds);
    if (!dom)
        return -1;
    daemonMakeDomain(&ret->dom, dom);
    daemonReleaseDomain(dom);
    return 0;
}

DAEMON_PROC(DOMAIN_FD_ASSOCIATE)
{
    remote_domain_fd_associate_args *args = argsp;
    int *fds = NULL;
    size_t nfds = daemonCallTakeFDs(&fds);
    int rv = -1;
    (void) client;
    (void) retp;
    virDomainPtr dom = daemonGetDomain(conn, &args->dom);
    if (dom && virDomainFDAssociate(dom, args->name, (unsigned int) nfds, fds, args->flags) == 0)
        rv = 0;
    daemonCloseFDs(fds, nfds);
    daemonReleaseDomain(dom);
    return rv;
}

/* found 0: no job, and nothing else filled. */
DAEMON_PROC(DOMAIN_GET_BLOCK_JOB_INFO)
{
    remote_domain_get_block_job_info_args *args = argsp;
    remote_domain_get_block_job_info_ret *ret = retp;
    virDomainBlockJobInfo info;
    (void) client;
    virDomainPtr dom = daemonGetDomain(conn, &args->dom);
    if (!dom)
        return -1;
    memset(&info, 0, sizeof(info));
    int r = virDomainGetBlockJobInfo(dom, args->path, &info, args->flags);
    daemonReleaseDomain(dom);
    if (r < 0)
        return -1;
    ret->found = r;
    if (r) {
        ret->type = info.type;
        ret->bandwidth = info.bandwidth;
        ret->cur = info.cur;
        ret->end = info.end;
    }
    return 0;
}

DAEMON_PROC(DOMAIN_GET_VCPUS)
{
    remote_domain_get_vcpus_args *args = argsp;
    remote_domain_get_vcpus_ret *ret = retp;
    virVcpuInfoPtr info = NULL;
    unsigned char *maps = NULL;
    int rv = -1;
    (void) client;

    if (args->maxinfo <= 0 || args->maxinfo > REMOTE_VCPUINFO_MAX || args->maplen < 0 ||
        (size_t) args->maxinfo * (size_t) args->maplen > REMOTE_CPUMAPS_MAX) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_RPC, VIR_ERR_RPC,
                       "maxinfo %d or maplen %d out of range", args->maxinfo, args->maplen);
        return -1;
    }
    virDomainPtr dom = daemonGetDomain(conn, &args->dom);
    if (!dom)
        return -1;
    info = virtAlloc(sizeof(*info) * (size_t) args->maxinfo);
    if (args->maplen > 0)
        maps = virtAlloc((size_t) args->maxinfo * (size_t) args->maplen);
    int n = virDomainGetVcpus(dom, info, args->maxinfo, maps, args->maplen);
    if (n < 0)
        goto cleanup;
    ret->info.info_len = (uint32_t) n;
    ret->info.info_val = virtAlloc(sizeof(remote_vcpu_info) * (size_t) (n ? n : 1));
    for (int i = 0; i < n; i++) {
        ret->info.info_val[i].number = info[i].number;
        ret->info.info_val[i].state = info[i].state;
        ret->info.info_val[i].cpu_time = info[i].cpuTime;
        ret->info.info_val[i].cpu = info[i].cpu;
    }
    /* libvirt sends every map slot the client asked for. */
    ret->cpumaps.cpumaps_len = (uint32_t) (args->maxinfo * args->maplen);
    ret->cpumaps.cpumaps_val = (char *) maps;
    maps = NULL;
    rv = 0;
 cleanup:
    free(info);
    free(maps);
    daemonReleaseDomain(dom);
    return rv;
}

DAEMON_PROC(DOMAIN_PIN_VCPU)
{
    remote_domain_pin_vcpu_args *args = argsp;
    int rv = -1;
    (void) client;
    (void) retp;
    virDomainPtr dom = daemonGetDomain(conn, &args->dom);
    if (!dom)
        return -1;
    if (virDomainPinVcpu(dom, args->vcpu, (unsigned char *) args->cpumap.cpumap_val,
                         (int) args->cpumap.cpumap_len) < 0)
        goto cleanup;
    rv = 0;
 cleanup:
    daemonReleaseDomain(dom);
    return rv;
}

DAEMON_PROC(DOMAIN_GET_SCHEDULER_TYPE)
{
    remote_domain_get_scheduler_type_args *args = argsp;
    remote_domain_get_scheduler_type_ret *ret = retp;
    int nparams = 0;
    (void) client;
    virDomainPtr dom = daemonGetDomain(conn, &args->dom);
    if (!dom)
        return -1;
    char *type = virDomainGetSchedulerType(dom, &nparams);
    daemonReleaseDomain(dom);
    if (!type)
        return -1;
    ret->type = type;
    ret->nparams = nparams;
    return 0;
}


static int getSched(virConnectPtr conn, const remote_nonnull_domain *d, int nparams, unsigned int flags,
                    bool withFlags, remote_typed_param **out, uint32_t *outlen)
{
    int rv = -1;
    virTypedParameter *p = NULL;
    if (nparams < 0 || nparams > REMOTE_DOMAIN_SCHEDULER_PARAMETERS_MAX) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_RPC, VIR_ERR_RPC, "nparams %d out of range", nparams);
        return -1;
    }
    virDomainPtr dom = daemonGetDomain(conn, d);
    if (!dom)
        return -1;
    /* none wanted: NULL, as libvirt's daemon passes them */
    if (nparams)
        p = virtAlloc(sizeof(*p) * (size_t) nparams);
    int n = nparams;
    if ((withFlags ? virDomainGetSchedulerParametersFlags(dom, p, &n, flags)
                   : virDomainGetSchedulerParameters(dom, p, &n)) < 0)
        goto cleanup;
    rv = virtRPCParamsToWire(p, n, out, outlen);
 cleanup:
    virtRPCParamsFree(p, rv == 0 ? n : 0);
    daemonReleaseDomain(dom);
    return rv;
}

DAEMON_PROC(DOMAIN_GET_SCHEDULER_PARAMETERS)
{
    remote_domain_get_scheduler_parameters_args *args = argsp;
    remote_domain_get_scheduler_parameters_ret *ret = retp;
    (void) client;
    return getSched(conn, &args->dom, args->nparams, 0, false,
                    &ret->params.params_val, &ret->params.params_len);
}

DAEMON_PROC(DOMAIN_GET_SCHEDULER_PARAMETERS_FLAGS)
{
    remote_domain_get_scheduler_parameters_flags_args *args = argsp;
    remote_domain_get_scheduler_parameters_flags_ret *ret = retp;
    (void) client;
    return getSched(conn, &args->dom, args->nparams, args->flags, true,
                    &ret->params.params_val, &ret->params.params_len);
}

static int setSched(virConnectPtr conn, const remote_nonnull_domain *d, const remote_typed_param *w,
                    uint32_t n, unsigned int flags, bool withFlags)
{
    int rv = -1;
    virDomainPtr dom = daemonGetDomain(conn, d);
    if (!dom)
        return -1;
    virTypedParameter *p = NULL;
    if (n && !(p = virtRPCParamsFromWire(w, n)))
        goto cleanup;
    rv = withFlags ? virDomainSetSchedulerParametersFlags(dom, p, (int) n, flags)
                   : virDomainSetSchedulerParameters(dom, p, (int) n);
    free(p);      /* the strings belong to the decoded arguments */
 cleanup:
    daemonReleaseDomain(dom);
    return rv < 0 ? -1 : 0;
}

DAEMON_PROC(DOMAIN_SET_SCHEDULER_PARAMETERS)
{
    remote_domain_set_scheduler_parameters_args *args = argsp;
    (void) client;
    (void) retp;
    return setSched(conn, &args->dom, args->params.params_val, args->params.params_len, 0, false);
}

DAEMON_PROC(DOMAIN_SET_SCHEDULER_PARAMETERS_FLAGS)
{
    remote_domain_set_scheduler_parameters_flags_args *args = argsp;
    (void) client;
    (void) retp;
    return setSched(conn, &args->dom, args->params.params_val, args->params.params_len,
                    args->flags, true);
}

DAEMON_PROC(DOMAIN_BLOCK_STATS)
{
    remote_domain_block_stats_args *args = argsp;
    remote_domain_block_stats_ret *ret = retp;
    virDomainBlockStatsStruct st;
    int rv = -1;
    (void) client;
    virDomainPtr dom = daemonGetDomain(conn, &args->dom);
    if (!dom)
        return -1;
    memset(&st, 0, sizeof(st));
    if (virDomainBlockStats(dom, args->path, &st, sizeof(st)) < 0)
        goto cleanup;
    ret->rd_req = st.rd_req;
    ret->rd_bytes = st.rd_bytes;
    ret->wr_req = st.wr_req;
    ret->wr_bytes = st.wr_bytes;
    ret->errs = st.errs;
    rv = 0;
 cleanup:
    daemonReleaseDomain(dom);
    return rv;
}

DAEMON_PROC(DOMAIN_INTERFACE_STATS)
{
    remote_domain_interface_stats_args *args = argsp;
    remote_domain_interface_stats_ret *ret = retp;
    virDomainInterfaceStatsStruct st;
    int rv = -1;
    (void) client;
    virDomainPtr dom = daemonGetDomain(conn, &args->dom);
    if (!dom)
        return -1;
    memset(&st, 0, sizeof(st));
    if (virDomainInterfaceStats(dom, args->path, &st, sizeof(st)) < 0)
        goto cleanup;
    ret->rx_bytes = st.rx_bytes;
    ret->rx_packets = st.rx_packets;
    ret->rx_errs = st.rx_errs;
    ret->rx_drop = st.rx_drop;
    ret->tx_bytes = st.tx_bytes;
    ret->tx_packets = st.tx_packets;
    ret->tx_errs = st.tx_errs;
    ret->tx_drop = st.tx_drop;
    rv = 0;
 cleanup:
    daemonReleaseDomain(dom);
    return rv;
}
