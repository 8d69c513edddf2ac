/* remote_lists.c: the listing calls, whose results are arrays copied into
 * the caller's buffers or turned into arrays of handles. */
#include <stdlib.h>
#include <string.h>

#include "remote_driver.h"
#include "remote_handwritten.h"
#include "util.h"

/* Move up to max names out of a decoded array into the caller's array. */
int remoteTakeNames(virConnectPtr conn, char **const names, int max,
                    char **got, uint32_t n)
{
    if (n > (uint32_t) max) {
        remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_RPC,
                          "the daemon returned %u names, more than the %d asked for", n, max);
        return -1;
    }
    for (uint32_t i = 0; i < n; i++) {
        names[i] = got[i];
        got[i] = NULL;
    }
    return (int) n;
}

int remoteConnectListDomains(virConnectPtr conn, int *ids, int maxids)
{
    remote_connect_list_domains_args args = { .maxids = maxids };
    remote_connect_list_domains_ret ret;
    int result = -1;

    memset(&ret, 0, sizeof(ret));
    if (remoteCall(conn, REMOTE_PROC_CONNECT_LIST_DOMAINS,
                   virtXDRAny_remote_connect_list_domains_args, &args,
                   virtXDRAny_remote_connect_list_domains_ret, &ret) < 0)
        return -1;
    if (ret.ids.ids_len > (uint32_t) maxids) {
        remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_RPC,
                          "the daemon returned %u ids, more than the %d asked for",
                          ret.ids.ids_len, maxids);
        goto cleanup;
    }
    for (uint32_t i = 0; i < ret.ids.ids_len; i++)
        ids[i] = ret.ids.ids_val[i];
    result = (int) ret.ids.ids_len;
 cleanup:
    virtXDRFree_remote_connect_list_domains_ret(&ret);
    return result;
}

int remoteConnectListDefinedDomains(virConnectPtr conn, char **const names, int maxnames)
{
    remote_connect_list_defined_domains_args args = { .maxnames = maxnames };
    remote_connect_list_defined_domains_ret ret;

    memset(&ret, 0, sizeof(ret));
    if (remoteCall(conn, REMOTE_PROC_CONNECT_LIST_DEFINED_DOMAINS,
                   virtXDRAny_remote_connect_list_defined_domains_args, &args,
                   virtXDRAny_remote_connect_list_defined_domains_ret, &ret) < 0)
        return -1;
    int n = remoteTakeNames(conn, names, maxnames, ret.names.names_val, ret.names.names_len);
    virtXDRFree_remote_connect_list_defined_domains_ret(&ret);
    return n;
}

int remoteConnectListNetworks(virConnectPtr conn, char **const names, int maxnames)
{
    remote_connect_list_networks_args args = { .maxnames = maxnames };
    remote_connect_list_networks_ret ret;

    memset(&ret, 0, sizeof(ret));
    if (remoteCall(conn, REMOTE_PROC_CONNECT_LIST_NETWORKS,
                   virtXDRAny_remote_connect_list_networks_args, &args,
                   virtXDRAny_remote_connect_list_networks_ret, &ret) < 0)
        return -1;
    int n = remoteTakeNames(conn, names, maxnames, ret.names.names_val, ret.names.names_len);
    virtXDRFree_remote_connect_list_networks_ret(&ret);
    return n;
}

int remoteConnectListDefinedNetworks(virConnectPtr conn, char **const names, int maxnames)
{
    remote_connect_list_defined_networks_args args = { .maxnames = maxnames };
    remote_connect_list_defined_networks_ret ret;

    memset(&ret, 0, sizeof(ret));
    if (remoteCall(conn, REMOTE_PROC_CONNECT_LIST_DEFINED_NETWORKS,
                   virtXDRAny_remote_connect_list_defined_networks_args, &args,
                   virtXDRAny_remote_connect_list_defined_networks_ret, &ret) < 0)
        return -1;
    int n = remoteTakeNames(conn, names, maxnames, ret.names.names_val, ret.names.names_len);
    virtXDRFree_remote_connect_list_defined_networks_ret(&ret);
    return n;
}

int remoteConnectListAllDomains(virConnectPtr conn, virDomainPtr **domains, unsigned int flags)
{
    remote_connect_list_all_domains_args args = { .need_results = domains != NULL, .flags = flags };
    remote_connect_list_all_domains_ret ret;

    memset(&ret, 0, sizeof(ret));
    if (remoteCall(conn, REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS,
                   virtXDRAny_remote_connect_list_all_domains_args, &args,
                   virtXDRAny_remote_connect_list_all_domains_ret, &ret) < 0)
        return -1;
    if (domains) {
        uint32_t n = ret.domains.domains_len;
        virDomainPtr *list = virtAlloc((n + 1) * sizeof(*list));
        for (uint32_t i = 0; i < n; i++)
            list[i] = remoteDomainFromWire(conn, &ret.domains.domains_val[i]);
        *domains = list;
    }
    int count = (int) ret.ret;
    virtXDRFree_remote_connect_list_all_domains_ret(&ret);
    return count;
}

int remoteConnectListAllNetworks(virConnectPtr conn, virNetworkPtr **nets, unsigned int flags)
{
    remote_connect_list_all_networks_args args = { .need_results = nets != NULL, .flags = flags };
    remote_connect_list_all_networks_ret ret;

    memset(&ret, 0, sizeof(ret));
    if (remoteCall(conn, REMOTE_PROC_CONNECT_LIST_ALL_NETWORKS,
                   virtXDRAny_remote_connect_list_all_networks_args, &args,
                   virtXDRAny_remote_connect_list_all_networks_ret, &ret) < 0)
        return -1;
    if (nets) {
        uint32_t n = ret.nets.nets_len;
        virNetworkPtr *list = virtAlloc((n + 1) * sizeof(*list));
        for (uint32_t i = 0; i < n; i++)
            list[i] = remoteNetworkFromWire(conn, &ret.nets.nets_val[i]);
        *nets = list;
    }
    int count = (int) ret.ret;
    virtXDRFree_remote_connect_list_all_networks_ret(&ret);
    return count;
}
