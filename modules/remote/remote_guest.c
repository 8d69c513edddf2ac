/* remote_guest.c: calls that hand out arrays of nested structures the
 * caller frees with the API's own free functions: guest file systems,
 * guest interface addresses, statistics records of every domain and the
 * DHCP leases of a network.
 * The checks on the reply are those libvirt's remote driver makes. */
#include <stdlib.h>
#include <string.h>

#include "remote_driver.h"
#include "remote_handwritten.h"
#include "util.h"

static char *steal(char **s)
{
    char *v = *s;
    *s = NULL;
    return v;
}

int remoteDomainGetFSInfo(virDomainPtr dom, virDomainFSInfoPtr **info, unsigned int flags)
{
    virConnectPtr conn = remoteCore->handle_conn(dom);
    remote_domain_get_fsinfo_args args;
    remote_domain_get_fsinfo_ret ret;
    int rv = -1;

    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    remoteDomainToWire(dom, &args.dom);
    args.flags = flags;
    if (remoteCall(conn, REMOTE_PROC_DOMAIN_GET_FSINFO,
                   virtXDRAny_remote_domain_get_fsinfo_args, &args,
                   virtXDRAny_remote_domain_get_fsinfo_ret, &ret) < 0)
        return -1;
    uint32_t n = ret.info.info_len;
    if (n > REMOTE_DOMAIN_FSINFO_MAX) {
        remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_INTERNAL_ERROR,
                          "Too many mountpoints in fsinfo: %u for limit %d", n, REMOTE_DOMAIN_FSINFO_MAX);
        goto cleanup;
    }
    if (info) {
        virDomainFSInfoPtr *list = NULL;
        if (n) {
            list = virtAlloc(sizeof(*list) * (n + 1));
            for (uint32_t i = 0; i < n; i++) {
                remote_domain_fsinfo *w = &ret.info.info_val[i];
                virDomainFSInfoPtr fs = list[i] = virtAlloc(sizeof(*fs));
                fs->mountpoint = steal(&w->mountpoint);
                fs->name = steal(&w->name);
                fs->fstype = steal(&w->fstype);
                fs->ndevAlias = w->dev_aliases.dev_aliases_len;
                if (fs->ndevAlias) {
                    fs->devAlias = virtAlloc(sizeof(*fs->devAlias) * fs->ndevAlias);
                    for (size_t j = 0; j < fs->ndevAlias; j++)
                        fs->devAlias[j] = steal(&w->dev_aliases.dev_aliases_val[j]);
                }
            }
        }
        *info = list;
    }
    rv = (int) ret.ret;
 cleanup:
    virtXDRFree_remote_domain_get_fsinfo_ret(&ret);
    return rv;
}

int remoteDomainInterfaceAddresses(virDomainPtr dom, virDomainInterfacePtr **ifaces, unsigned int source,
                                   unsigned int flags)
{
    virConnectPtr conn = remoteCore->handle_conn(dom);
    remote_domain_interface_addresses_args args;
    remote_domain_interface_addresses_ret ret;
    virDomainInterfacePtr *list = NULL;
    int rv = -1;

    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    remoteDomainToWire(dom, &args.dom);
    args.source = source;
    args.flags = flags;
    if (remoteCall(conn, REMOTE_PROC_DOMAIN_INTERFACE_ADDRESSES,
                   virtXDRAny_remote_domain_interface_addresses_args, &args,
                   virtXDRAny_remote_domain_interface_addresses_ret, &ret) < 0)
        return -1;
    uint32_t n = ret.ifaces.ifaces_len;
    if (n > REMOTE_DOMAIN_INTERFACE_MAX) {
        remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_INTERNAL_ERROR,
                          "Number of interfaces, %u exceeds the max limit: %d", n,
                          REMOTE_DOMAIN_INTERFACE_MAX);
        goto cleanup;
    }
    for (uint32_t i = 0; i < n; i++) {
        if (ret.ifaces.ifaces_val[i].addrs.addrs_len > REMOTE_DOMAIN_IP_ADDR_MAX) {
            remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_INTERNAL_ERROR,
                              "Number of interfaces, %u exceeds the max limit: %d",
                              ret.ifaces.ifaces_val[i].addrs.addrs_len, REMOTE_DOMAIN_IP_ADDR_MAX);
            goto cleanup;
        }
    }
    if (n)
        list = virtAlloc(sizeof(*list) * (n + 1));
    for (uint32_t i = 0; i < n; i++) {
        remote_domain_interface *w = &ret.ifaces.ifaces_val[i];
        virDomainInterfacePtr ifc = list[i] = virtAlloc(sizeof(*ifc));
        ifc->name = steal(&w->name);
        ifc->hwaddr = w->hwaddr ? steal(w->hwaddr) : NULL;
        ifc->naddrs = w->addrs.addrs_len;
        if (ifc->naddrs)
            ifc->addrs = virtAlloc(sizeof(*ifc->addrs) * ifc->naddrs);
        for (unsigned int j = 0; j < ifc->naddrs; j++) {
            ifc->addrs[j].type = w->addrs.addrs_val[j].type;
            ifc->addrs[j].addr = steal(&w->addrs.addrs_val[j].addr);
            ifc->addrs[j].prefix = w->addrs.addrs_val[j].prefix;
        }
    }
    *ifaces = list;
    rv = (int) n;
 cleanup:
    virtXDRFree_remote_domain_interface_addresses_ret(&ret);
    return rv;
}

int remoteNetworkGetDHCPLeases(virNetworkPtr network, const char *mac, virNetworkDHCPLeasePtr **leases,
                               unsigned int flags)
{
    virConnectPtr conn = remoteCore->handle_conn(network);
    remote_network_get_dhcp_leases_args args;
    remote_network_get_dhcp_leases_ret ret;
    char *macCopy = (char *) mac;
    int rv = -1;

    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    remoteNetworkToWire(network, &args.net);
    args.mac = mac ? &macCopy : NULL;
    args.need_results = leases != NULL;
    args.flags = flags;
    if (remoteCall(conn, REMOTE_PROC_NETWORK_GET_DHCP_LEASES,
                   virtXDRAny_remote_network_get_dhcp_leases_args, &args,
                   virtXDRAny_remote_network_get_dhcp_leases_ret, &ret) < 0)
        return -1;
    uint32_t n = ret.leases.leases_len;
    if (n > REMOTE_NETWORK_DHCP_LEASES_MAX) {
        remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_INTERNAL_ERROR,
                          "Number of leases is %u, which exceeds max limit: %d", n,
                          REMOTE_NETWORK_DHCP_LEASES_MAX);
        goto cleanup;
    }
    if (leases) {
        /* NULL-terminated, as the daemon's own list */
        virNetworkDHCPLeasePtr *list = virtAlloc(sizeof(*list) * (n + 1));
        for (uint32_t i = 0; i < n; i++) {
            remote_network_dhcp_lease *w = &ret.leases.leases_val[i];
            virNetworkDHCPLeasePtr l = list[i] = virtAlloc(sizeof(*l));
            l->iface = steal(&w->iface);
            l->expirytime = w->expirytime;
            l->type = w->type;
            l->mac = w->mac ? steal(w->mac) : NULL;
            l->iaid = w->iaid ? steal(w->iaid) : NULL;
            l->ipaddr = steal(&w->ipaddr);
            l->prefix = w->prefix;
            l->hostname = w->hostname ? steal(w->hostname) : NULL;
            l->clientid = w->clientid ? steal(w->clientid) : NULL;
        }
        *leases = list;
    }
    rv = (int) ret.ret;
 cleanup:
    virtXDRFree_remote_network_get_dhcp_leases_ret(&ret);
    return rv;
}

/* What virDomainStatsRecordListFree does, for a list not handed out. */
static void freeRecords(virDomainStatsRecordPtr *list)
{
    for (size_t i = 0; list[i]; i++) {
        if (list[i]->dom)
            remoteCore->handle_release(list[i]->dom);
        for (int j = 0; j < list[i]->nparams; j++)
            if (list[i]->params[j].type == VIR_TYPED_PARAM_STRING)
                free(list[i]->params[j].value.s);
        free(list[i]->params);
        free(list[i]);
    }
    free(list);
}

/* No domains listed: the daemon reports every domain the flags select. */
int remoteConnectGetAllDomainStats(virConnectPtr conn, unsigned int stats,
                                   virDomainStatsRecordPtr **retStats, unsigned int flags)
{
    remote_connect_get_all_domain_stats_args args;
    remote_connect_get_all_domain_stats_ret ret;
    virDomainStatsRecordPtr *list = NULL;
    int rv = -1;

    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    args.stats = stats;
    args.flags = flags;
    if (remoteCall(conn, REMOTE_PROC_CONNECT_GET_ALL_DOMAIN_STATS,
                   virtXDRAny_remote_connect_get_all_domain_stats_args, &args,
                   virtXDRAny_remote_connect_get_all_domain_stats_ret, &ret) < 0)
        return -1;
    uint32_t n = ret.retStats.retStats_len;
    if (n > REMOTE_DOMAIN_LIST_MAX) {
        remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_RPC,
                          "Number of stats entries is %u, which exceeds max limit: %d", n,
                          REMOTE_DOMAIN_LIST_MAX);
        goto cleanup;
    }
    list = virtAlloc(sizeof(*list) * (n + 1));
    for (uint32_t i = 0; i < n; i++) {
        remote_domain_stats_record *w = &ret.retStats.retStats_val[i];
        virDomainStatsRecordPtr rec = list[i] = virtAlloc(sizeof(*rec));
        rec->dom = remoteDomainFromWire(conn, &w->dom);
        rec->nparams = remoteParamsFromWireAlloc(conn, w->params.params_val, w->params.params_len,
                                                 &rec->params);
        if (!rec->dom || rec->nparams < 0) {
            rec->nparams = 0;
            goto cleanup;
        }
    }
    *retStats = list;
    list = NULL;
    rv = (int) n;
 cleanup:
    if (list)
        freeRecords(list);
    virtXDRFree_remote_connect_get_all_domain_stats_ret(&ret);
    return rv;
}

