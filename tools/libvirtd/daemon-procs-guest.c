/* daemon-procs-guest.c: handwritten dispatchers for calls that answer
 * arrays of nested structures: guest file systems, guest interface
 * addresses, statistics records of many domains and a network's DHCP
 * leases. Limits and answers
 * are those of libvirt's daemon. */
#include <string.h>

#include "daemon-dispatch-table.h"
#include "error.h"
#include "params.h"

static char *take(char **s)
{
    char *v = *s;
    *s = NULL;
    return v;
}

DAEMON_PROC(DOMAIN_GET_FSINFO)
{
    remote_domain_get_fsinfo_args *args = argsp;
    remote_domain_get_fsinfo_ret *ret = retp;
    virDomainFSInfoPtr *info = NULL;
    int n = 0;
    int rv = -1;
    (void) client;
    virDomainPtr dom = daemonGetDomain(conn, &args->dom);
    if (!dom)
        return -1;
    n = virDomainGetFSInfo(dom, &info, args->flags);
    if (n < 0)
        goto cleanup;
    if (n > REMOTE_DOMAIN_FSINFO_MAX) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_RPC, VIR_ERR_RPC,
                       "Too many mountpoints in fsinfo: %d for limit %d", n, REMOTE_DOMAIN_FSINFO_MAX);
        goto cleanup;
    }
    if (n) {
        ret->info.info_len = (uint32_t) n;
        ret->info.info_val = virtAlloc(sizeof(*ret->info.info_val) * (size_t) n);
        for (int i = 0; i < n; i++) {
            remote_domain_fsinfo *w = &ret->info.info_val[i];
            w->mountpoint = take(&info[i]->mountpoint);
            w->name = take(&info[i]->name);
            w->fstype = take(&info[i]->fstype);
            size_t nd = info[i]->ndevAlias;
            if (nd > REMOTE_DOMAIN_FSINFO_DISKS_MAX)
                nd = REMOTE_DOMAIN_FSINFO_DISKS_MAX;
            w->dev_aliases.dev_aliases_len = (uint32_t) nd;
            w->dev_aliases.dev_aliases_val = virtAlloc(sizeof(char *) * (nd ? nd : 1));
            for (size_t j = 0; j < nd; j++)
                w->dev_aliases.dev_aliases_val[j] = take(&info[i]->devAlias[j]);
        }
    }
    ret->ret = (unsigned int) n;
    rv = 0;
 cleanup:
    for (int i = 0; info && i < n; i++)
        virDomainFSInfoFree(info[i]);
    free(info);
    daemonReleaseDomain(dom);
    return rv;
}

DAEMON_PROC(DOMAIN_INTERFACE_ADDRESSES)
{
    remote_domain_interface_addresses_args *args = argsp;
    remote_domain_interface_addresses_ret *ret = retp;
    virDomainInterfacePtr *ifaces = NULL;
    int n = 0;
    int rv = -1;
    (void) client;
    virDomainPtr dom = daemonGetDomain(conn, &args->dom);
    if (!dom)
        return -1;
    n = virDomainInterfaceAddresses(dom, &ifaces, args->source, args->flags);
    if (n < 0)
        goto cleanup;
    if (n > REMOTE_DOMAIN_INTERFACE_MAX) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_RPC, VIR_ERR_INTERNAL_ERROR,
                       "Number of interfaces, %d exceeds the max limit: %d", n, REMOTE_DOMAIN_INTERFACE_MAX);
        goto cleanup;
    }
    ret->ifaces.ifaces_len = (uint32_t) n;
    ret->ifaces.ifaces_val = virtAlloc(sizeof(*ret->ifaces.ifaces_val) * (size_t) (n ? n : 1));
    for (int i = 0; i < n; i++) {
        remote_domain_interface *w = &ret->ifaces.ifaces_val[i];
        virDomainInterfacePtr ifc = ifaces[i];
        if (ifc->naddrs > REMOTE_DOMAIN_IP_ADDR_MAX) {
            virtErrorRaise(NULL, NULL, NULL, VIR_FROM_RPC, VIR_ERR_INTERNAL_ERROR,
                           "Number of interfaces, %u exceeds the max limit: %d", ifc->naddrs,
                           REMOTE_DOMAIN_IP_ADDR_MAX);
            goto cleanup;
        }
        w->name = take(&ifc->name);
        if (ifc->hwaddr) {
            w->hwaddr = virtAlloc(sizeof(*w->hwaddr));
            *w->hwaddr = take(&ifc->hwaddr);
        }
        w->addrs.addrs_len = ifc->naddrs;
        w->addrs.addrs_val = virtAlloc(sizeof(*w->addrs.addrs_val) * (ifc->naddrs ? ifc->naddrs : 1));
        for (unsigned int j = 0; j < ifc->naddrs; j++) {
            w->addrs.addrs_val[j].type = ifc->addrs[j].type;
            w->addrs.addrs_val[j].addr = take(&ifc->addrs[j].addr);
            w->addrs.addrs_val[j].prefix = ifc->addrs[j].prefix;
        }
    }
    rv = 0;
 cleanup:
    for (int i = 0; ifaces && i < n; i++)
        virDomainInterfaceFree(ifaces[i]);
    free(ifaces);
    daemonReleaseDomain(dom);
    return rv;
}

DAEMON_PROC(NETWORK_GET_DHCP_LEASES)
{
    remote_network_get_dhcp_leases_args *args = argsp;
    remote_network_get_dhcp_leases_ret *ret = retp;
    virNetworkDHCPLeasePtr *leases = NULL;
    int n = 0;
    int rv = -1;
    (void) client;
    virNetworkPtr net = daemonGetNetwork(conn, &args->net);
    if (!net)
        return -1;
    n = virNetworkGetDHCPLeases(net, args->mac ? *args->mac : NULL, args->need_results ? &leases : NULL,
                                args->flags);
    if (n < 0)
        goto cleanup;
    if (n > REMOTE_NETWORK_DHCP_LEASES_MAX) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_RPC, VIR_ERR_INTERNAL_ERROR,
                       "Number of leases is %d, which exceeds max limit: %d", n, REMOTE_NETWORK_DHCP_LEASES_MAX);
        goto cleanup;
    }
    if (leases) {
        ret->leases.leases_len = (uint32_t) n;
        ret->leases.leases_val = virtAlloc(sizeof(*ret->leases.leases_val) * (size_t) (n ? n : 1));
        for (int i = 0; i < n; i++) {
            remote_network_dhcp_lease *w = &ret->leases.leases_val[i];
            virNetworkDHCPLeasePtr l = leases[i];
            w->iface = take(&l->iface);
            w->expirytime = l->expirytime;
            w->type = l->type;
            w->ipaddr = take(&l->ipaddr);
            w->prefix = l->prefix;
            /* the optional strings travel as pointers to them */
            char **opt[] = { &l->mac, &l->iaid, &l->hostname, &l->clientid };
            remote_string *dst[] = { &w->mac, &w->iaid, &w->hostname, &w->clientid };
            for (size_t k = 0; k < 4; k++) {
                if (*opt[k]) {
                    *dst[k] = virtAlloc(sizeof(char *));
                    **dst[k] = take(opt[k]);
                }
            }
        }
    }
    ret->ret = (unsigned int) n;
    rv = 0;
 cleanup:
    for (int i = 0; leases && i < n; i++)
        virNetworkDHCPLeaseFree(leases[i]);
    free(leases);
    daemonReleaseNetwork(net);
    return rv;
}

/* Domains listed: those only (virDomainListGetStats); none: every domain
 * the flags select. */
DAEMON_PROC(CONNECT_GET_ALL_DOMAIN_STATS)
{
    remote_connect_get_all_domain_stats_args *args = argsp;
    remote_connect_get_all_domain_stats_ret *ret = retp;
    virDomainStatsRecordPtr *records = NULL;
    uint32_t ndoms = args->doms.doms_len;
    virDomainPtr *doms = NULL;
    int n = -1;
    int rv = -1;
    (void) client;
    if (ndoms) {
        doms = virtAlloc(sizeof(*doms) * (ndoms + 1));
        for (uint32_t i = 0; i < ndoms; i++)
            if (!(doms[i] = daemonGetDomain(conn, &args->doms.doms_val[i])))
                goto cleanup;
        n = virDomainListGetStats(doms, args->stats, &records, args->flags);
    } else {
        n = virConnectGetAllDomainStats(conn, args->stats, &records, args->flags);
    }
    if (n < 0)
        goto cleanup;
    if (n > REMOTE_DOMAIN_LIST_MAX) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_RPC, VIR_ERR_RPC,
                       "Number of domain stats records is %d, which exceeds max limit: %d", n,
                       REMOTE_DOMAIN_LIST_MAX);
        goto cleanup;
    }
    ret->retStats.retStats_len = (uint32_t) n;
    ret->retStats.retStats_val = virtAlloc(sizeof(*ret->retStats.retStats_val) * (size_t) (n ? n : 1));
    for (int i = 0; i < n; i++) {
        remote_domain_stats_record *w = &ret->retStats.retStats_val[i];
        daemonMakeDomain(&w->dom, records[i]->dom);
        if (records[i]->nparams > REMOTE_CONNECT_GET_ALL_DOMAIN_STATS_MAX) {
            virtErrorRaise(NULL, NULL, NULL, VIR_FROM_RPC, VIR_ERR_RPC, "%s",
                           "too many statistics for one domain");
            goto cleanup;
        }
        if (virtRPCParamsToWire(records[i]->params, records[i]->nparams, &w->params.params_val,
                                &w->params.params_len) < 0)
            goto cleanup;
    }
    rv = 0;
 cleanup:
    if (records)
        virDomainStatsRecordListFree(records);
    for (uint32_t i = 0; doms && i < ndoms && doms[i]; i++)
        daemonReleaseDomain(doms[i]);
    free(doms);
    return rv;
}
