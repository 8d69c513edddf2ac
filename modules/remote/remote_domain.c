/* remote_domain.c: domain calls that fill caller-owned structures or
 * arrays (info, vCPUs, CPU maps, typed parameters, statistics). */
#include <stdlib.h>
#include <string.h>

#include "remote_driver.h"
#include "remote_handwritten.h"
#include "util.h"

/* CREATE answers nothing: ask for the domain again so that the handle
 * learns the id it now runs with. */
int remoteDomainCreate(virDomainPtr domain)
{
    virConnectPtr conn = remoteCore->handle_conn(domain);
    remote_domain_create_args args;
    remote_domain_lookup_by_uuid_args largs;
    remote_domain_lookup_by_uuid_ret lret;

    memset(&args, 0, sizeof(args));
    remoteDomainToWire(domain, &args.dom);
    if (remoteCall(conn, REMOTE_PROC_DOMAIN_CREATE,
                   virtXDRAny_remote_domain_create_args, &args, NULL, NULL) < 0)
        return -1;
    memset(&largs, 0, sizeof(largs));
    memset(&lret, 0, sizeof(lret));
    memcpy(largs.uuid, remoteCore->handle_identity(domain)->uuid, VIR_UUID_BUFLEN);
    if (remoteCall(conn, REMOTE_PROC_DOMAIN_LOOKUP_BY_UUID,
                   virtXDRAny_remote_domain_lookup_by_uuid_args, &largs,
                   virtXDRAny_remote_domain_lookup_by_uuid_ret, &lret) < 0)
        return -1;
    remoteCore->handle_set_id(domain, lret.dom.id);
    virtXDRFree_remote_domain_lookup_by_uuid_ret(&lret);
    return 0;
}

/* A destroyed domain has no id any more. */
int remoteDomainDestroy(virDomainPtr domain)
{
    virConnectPtr conn = remoteCore->handle_conn(domain);
    remote_domain_destroy_args args;

    memset(&args, 0, sizeof(args));
    remoteDomainToWire(domain, &args.dom);
    if (remoteCall(conn, REMOTE_PROC_DOMAIN_DESTROY,
                   virtXDRAny_remote_domain_destroy_args, &args, NULL, NULL) < 0)
        return -1;
    remoteCore->handle_set_id(domain, -1);
    return 0;
}

int remoteDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info)
{
    virConnectPtr conn = remoteCore->handle_conn(domain);
    remote_domain_get_info_args args;
    remote_domain_get_info_ret ret;

    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    remoteDomainToWire(domain, &args.dom);
    if (remoteCall(conn, REMOTE_PROC_DOMAIN_GET_INFO,
                   virtXDRAny_remote_domain_get_info_args, &args,
                   virtXDRAny_remote_domain_get_info_ret, &ret) < 0)
        return -1;
    info->state = ret.state;
    info->maxMem = (unsigned long) ret.maxMem;
    info->memory = (unsigned long) ret.memory;
    info->nrVirtCpu = ret.nrVirtCpu;
    info->cpuTime = ret.cpuTime;
    virtXDRFree_remote_domain_get_info_ret(&ret);
    return 0;
}

int remoteDomainPinVcpu(virDomainPtr domain, unsigned int vcpu, unsigned char *cpumap, int maplen)
{
    virConnectPtr conn = remoteCore->handle_conn(domain);
    remote_domain_pin_vcpu_args args;

    memset(&args, 0, sizeof(args));
    remoteDomainToWire(domain, &args.dom);
    args.vcpu = vcpu;
    args.cpumap.cpumap_len = (uint32_t) maplen;
    args.cpumap.cpumap_val = (char *) cpumap;
    return remoteCall(conn, REMOTE_PROC_DOMAIN_PIN_VCPU,
                      virtXDRAny_remote_domain_pin_vcpu_args, &args, NULL, NULL);
}

int remoteDomainGetVcpus(virDomainPtr domain, virVcpuInfoPtr info, int maxinfo,
                         unsigned char *cpumaps, int maplen)
{
    virConnectPtr conn = remoteCore->handle_conn(domain);
    remote_domain_get_vcpus_args args;
    remote_domain_get_vcpus_ret ret;
    int result = -1;

    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    remoteDomainToWire(domain, &args.dom);
    args.maxinfo = maxinfo;
    args.maplen = cpumaps ? maplen : 0;
    if (remoteCall(conn, REMOTE_PROC_DOMAIN_GET_VCPUS,
                   virtXDRAny_remote_domain_get_vcpus_args, &args,
                   virtXDRAny_remote_domain_get_vcpus_ret, &ret) < 0)
        return -1;
    size_t mapbytes = cpumaps ? (size_t) maxinfo * (size_t) maplen : 0;
    if (ret.info.info_len > (uint32_t) maxinfo || ret.cpumaps.cpumaps_len > mapbytes) {
        remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_RPC,
                          "the daemon returned more vCPU data than asked for");
        goto cleanup;
    }
    memset(info, 0, (size_t) maxinfo * sizeof(*info));
    for (uint32_t i = 0; i < ret.info.info_len; i++) {
        info[i].number = ret.info.info_val[i].number;
        info[i].state = ret.info.info_val[i].state;
        info[i].cpuTime = ret.info.info_val[i].cpu_time;
        info[i].cpu = ret.info.info_val[i].cpu;
    }
    if (cpumaps) {
        memset(cpumaps, 0, mapbytes);
        memcpy(cpumaps, ret.cpumaps.cpumaps_val, ret.cpumaps.cpumaps_len);
    }
    result = (int) ret.info.info_len;
 cleanup:
    virtXDRFree_remote_domain_get_vcpus_ret(&ret);
    return result;
}

char *remoteDomainGetSchedulerType(virDomainPtr domain, int *nparams)
{
    virConnectPtr conn = remoteCore->handle_conn(domain);
    remote_domain_get_scheduler_type_args args;
    remote_domain_get_scheduler_type_ret ret;

    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    remoteDomainToWire(domain, &args.dom);
    if (remoteCall(conn, REMOTE_PROC_DOMAIN_GET_SCHEDULER_TYPE,
                   virtXDRAny_remote_domain_get_scheduler_type_args, &args,
                   virtXDRAny_remote_domain_get_scheduler_type_ret, &ret) < 0)
        return NULL;
    if (nparams)
        *nparams = ret.nparams;
    char *type = ret.type;
    ret.type = NULL;
    virtXDRFree_remote_domain_get_scheduler_type_ret(&ret);
    return type;
}

/* One typed parameter from the wire into the caller's slot. */
static int paramFromWire(virConnectPtr conn, const remote_typed_param *w, virTypedParameterPtr p)
{
    memset(p, 0, sizeof(*p));
    if (strlen(w->field) >= VIR_TYPED_PARAM_FIELD_LENGTH) {
        remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_RPC,
                          "parameter name '%s' from the daemon is too long", w->field);
        return -1;
    }
    strcpy(p->field, w->field);
    p->type = w->value.type;
    switch (w->value.type) {
    case VIR_TYPED_PARAM_INT: p->value.i = w->value.remote_typed_param_value_u.i; break;
    case VIR_TYPED_PARAM_UINT: p->value.ui = w->value.remote_typed_param_value_u.ui; break;
    case VIR_TYPED_PARAM_LLONG: p->value.l = w->value.remote_typed_param_value_u.l; break;
    case VIR_TYPED_PARAM_ULLONG: p->value.ul = w->value.remote_typed_param_value_u.ul; break;
    case VIR_TYPED_PARAM_DOUBLE: p->value.d = w->value.remote_typed_param_value_u.d; break;
    case VIR_TYPED_PARAM_BOOLEAN: p->value.b = (char) w->value.remote_typed_param_value_u.b; break;
    case VIR_TYPED_PARAM_STRING: p->value.s = virtStrdup(w->value.remote_typed_param_value_u.s); break;
    default:
        remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_RPC,
                          "parameter '%s' from the daemon has unknown type %d", w->field, w->value.type);
        return -1;
    }
    return 0;
}

int remoteParamsFromWire(virConnectPtr conn, const remote_typed_param *w, uint32_t n,
                         virTypedParameterPtr params, int max)
{
    if (n > (uint32_t) max) {
        remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_RPC,
                          "the daemon returned %u parameters, more than the %d asked for", n, max);
        return -1;
    }
    for (uint32_t i = 0; i < n; i++) {
        if (paramFromWire(conn, &w[i], &params[i]) < 0) {
            for (uint32_t j = 0; j < i; j++)
                if (params[j].type == VIR_TYPED_PARAM_STRING)
                    free(params[j].value.s);
            return -1;
        }
    }
    return (int) n;
}

int remoteParamsFromWireAlloc(virConnectPtr conn, const remote_typed_param *w, uint32_t n,
                              virTypedParameterPtr *params)
{
    virTypedParameterPtr p = virtAlloc(((size_t) n + 1) * sizeof(*p));
    int got = remoteParamsFromWire(conn, w, n, p, (int) n);
    if (got < 0) {
        free(p);
        return -1;
    }
    if (params) {
        *params = p;
        return got;
    }
    for (int i = 0; i < got; i++)        /* nowhere to put them */
        if (p[i].type == VIR_TYPED_PARAM_STRING)
            free(p[i].value.s);
    free(p);
    return got;
}

int remoteDomainGetSchedulerParameters(virDomainPtr domain, virTypedParameterPtr params, int *nparams)
{
    virConnectPtr conn = remoteCore->handle_conn(domain);
    remote_domain_get_scheduler_parameters_args args;
    remote_domain_get_scheduler_parameters_ret ret;
    int result = -1;

    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    remoteDomainToWire(domain, &args.dom);
    args.nparams = *nparams;
    if (remoteCall(conn, REMOTE_PROC_DOMAIN_GET_SCHEDULER_PARAMETERS,
                   virtXDRAny_remote_domain_get_scheduler_parameters_args, &args,
                   virtXDRAny_remote_domain_get_scheduler_parameters_ret, &ret) < 0)
        return -1;
    uint32_t n = ret.params.params_len;
    if (n > (uint32_t) *nparams) {
        remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_RPC,
                          "the daemon returned %u parameters, more than the %d asked for", n, *nparams);
        goto cleanup;
    }
    for (uint32_t i = 0; i < n; i++) {
        if (paramFromWire(conn, &ret.params.params_val[i], &params[i]) < 0) {
            for (uint32_t j = 0; j < i; j++)
                if (params[j].type == VIR_TYPED_PARAM_STRING)
                    free(params[j].value.s);
            goto cleanup;
        }
    }
    *nparams = (int) n;
    result = 0;
 cleanup:
    virtXDRFree_remote_domain_get_scheduler_parameters_ret(&ret);
    return result;
}

int remoteParamsToWire(virConnectPtr conn, virTypedParameterPtr params, int nparams,
                       remote_typed_param **out, uint32_t *outlen)
{
    remote_typed_param *w = virtAlloc(((size_t) (nparams > 0 ? nparams : 0) + 1) * sizeof(*w));
    for (int i = 0; i < nparams; i++) {
        w[i].field = params[i].field;
        w[i].value.type = params[i].type;
        switch (params[i].type) {
        case VIR_TYPED_PARAM_INT: w[i].value.remote_typed_param_value_u.i = params[i].value.i; break;
        case VIR_TYPED_PARAM_UINT: w[i].value.remote_typed_param_value_u.ui = params[i].value.ui; break;
        case VIR_TYPED_PARAM_LLONG: w[i].value.remote_typed_param_value_u.l = params[i].value.l; break;
        case VIR_TYPED_PARAM_ULLONG: w[i].value.remote_typed_param_value_u.ul = params[i].value.ul; break;
        case VIR_TYPED_PARAM_DOUBLE: w[i].value.remote_typed_param_value_u.d = params[i].value.d; break;
        case VIR_TYPED_PARAM_BOOLEAN: w[i].value.remote_typed_param_value_u.b = params[i].value.b; break;
        case VIR_TYPED_PARAM_STRING:
            w[i].value.remote_typed_param_value_u.s = params[i].value.s ? params[i].value.s : (char *) "";
            break;
        default:
            remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_INVALID_ARG,
                              "parameter '%s' has unknown type %d", params[i].field, params[i].type);
            free(w);
            return -1;
        }
    }
    *out = w;
    *outlen = (uint32_t) (nparams > 0 ? nparams : 0);
    return 0;
}

int remoteDomainSetSchedulerParameters(virDomainPtr domain, virTypedParameterPtr params, int nparams)
{
    virConnectPtr conn = remoteCore->handle_conn(domain);
    remote_domain_set_scheduler_parameters_args args;

    memset(&args, 0, sizeof(args));
    remoteDomainToWire(domain, &args.dom);
    if (remoteParamsToWire(conn, params, nparams, &args.params.params_val, &args.params.params_len) < 0)
        return -1;
    int result = remoteCall(conn, REMOTE_PROC_DOMAIN_SET_SCHEDULER_PARAMETERS,
                            virtXDRAny_remote_domain_set_scheduler_parameters_args, &args, NULL, NULL);
    free(args.params.params_val);
    return result;
}

int remoteDomainBlockStats(virDomainPtr dom, const char *disk, virDomainBlockStatsPtr stats, size_t size)
{
    virConnectPtr conn = remoteCore->handle_conn(dom);
    remote_domain_block_stats_args args;
    remote_domain_block_stats_ret ret;
    virDomainBlockStatsStruct all;

    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    remoteDomainToWire(dom, &args.dom);
    args.path = (char *) disk;
    if (remoteCall(conn, REMOTE_PROC_DOMAIN_BLOCK_STATS,
                   virtXDRAny_remote_domain_block_stats_args, &args,
                   virtXDRAny_remote_domain_block_stats_ret, &ret) < 0)
        return -1;
    all.rd_req = ret.rd_req;
    all.rd_bytes = ret.rd_bytes;
    all.wr_req = ret.wr_req;
    all.wr_bytes = ret.wr_bytes;
    all.errs = ret.errs;
    /* An older caller's structure may be shorter: fill what it has. */
    memcpy(stats, &all, size < sizeof(all) ? size : sizeof(all));
    virtXDRFree_remote_domain_block_stats_ret(&ret);
    return 0;
}

int remoteDomainInterfaceStats(virDomainPtr dom, const char *device,
                               virDomainInterfaceStatsPtr stats, size_t size)
{
    virConnectPtr conn = remoteCore->handle_conn(dom);
    remote_domain_interface_stats_args args;
    remote_domain_interface_stats_ret ret;
    virDomainInterfaceStatsStruct all;

    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    remoteDomainToWire(dom, &args.dom);
    args.path = (char *) device;
    if (remoteCall(conn, REMOTE_PROC_DOMAIN_INTERFACE_STATS,
                   virtXDRAny_remote_domain_interface_stats_args, &args,
                   virtXDRAny_remote_domain_interface_stats_ret, &ret) < 0)
        return -1;
    all.rx_bytes = ret.rx_bytes;
    all.rx_packets = ret.rx_packets;
    all.rx_errs = ret.rx_errs;
    all.rx_drop = ret.rx_drop;
    all.tx_bytes = ret.tx_bytes;
    all.tx_packets = ret.tx_packets;
    all.tx_errs = ret.tx_errs;
    all.tx_drop = ret.tx_drop;
    memcpy(stats, &all, size < sizeof(all) ? size : sizeof(all));
    virtXDRFree_remote_domain_interface_stats_ret(&ret);
    return 0;
}

int remoteDomainGetBlockJobInfo(virDomainPtr dom, const char *disk, virDomainBlockJobInfoPtr info,
                                unsigned int flags)
{
    virConnectPtr conn = remoteCore->handle_conn(dom);
    remote_domain_get_block_job_info_args args;
    remote_domain_get_block_job_info_ret ret;

    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    remoteDomainToWire(dom, &args.dom);
    args.path = (char *) disk;
    args.flags = flags;
    if (remoteCall(conn, REMOTE_PROC_DOMAIN_GET_BLOCK_JOB_INFO,
                   virtXDRAny_remote_domain_get_block_job_info_args, &args,
                   virtXDRAny_remote_domain_get_block_job_info_ret, &ret) < 0)
        return -1;
    if (!ret.found)
        return 0;       /* no job: info untouched, as libvirt's client leaves it */
    info->type = ret.type;
    info->bandwidth = (unsigned long) ret.bandwidth;
    info->cur = ret.cur;
    info->end = ret.end;
    return 1;
}

int remoteDomainGetJobStats(virDomainPtr domain, int *type, virTypedParameterPtr *params, int *nparams,
                            unsigned int flags)
{
    virConnectPtr conn = remoteCore->handle_conn(domain);
    remote_domain_get_job_stats_args args;
    remote_domain_get_job_stats_ret ret;

    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    remoteDomainToWire(domain, &args.dom);
    args.flags = flags;
    if (remoteCall(conn, REMOTE_PROC_DOMAIN_GET_JOB_STATS,
                   virtXDRAny_remote_domain_get_job_stats_args, &args,
                   virtXDRAny_remote_domain_get_job_stats_ret, &ret) < 0)
        return -1;
    int n = remoteParamsFromWireAlloc(conn, ret.params.params_val, ret.params.params_len, params);
    if (n >= 0) {
        *type = ret.type;
        *nparams = n;
    }
    virtXDRFree_remote_domain_get_job_stats_ret(&ret);
    return n < 0 ? -1 : 0;
}
