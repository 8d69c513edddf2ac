/* daemon-procs-network.c: handwritten dispatchers for network lists and
 * network port parameters. */
#include "daemon-dispatch-table.h"
#include "error.h"
#include "params.h"

static int listNames(virConnectPtr conn, int max, uint32_t *len, char ***val,
                     int (*list)(virConnectPtr, char **const, int))
{
    if (max < 0 || max > REMOTE_NETWORK_LIST_MAX) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_RPC, VIR_ERR_RPC,
                       "maxnames: %d is out of range (0..%d)", max, REMOTE_NETWORK_LIST_MAX);
        return -1;
    }
    char **names = virtAlloc(sizeof(char *) * (size_t) (max ? max : 1));
    return daemonFillNames(list(conn, names, max), names, len, val);
}

DAEMON_PROC(CONNECT_LIST_NETWORKS)
{
    remote_connect_list_networks_args *args = argsp;
    remote_connect_list_networks_ret *ret = retp;
    (void) client;
    return listNames(conn, args->maxnames, &ret->names.names_len, &ret->names.names_val,
                     virConnectListNetworks);
}

DAEMON_PROC(CONNECT_LIST_DEFINED_NETWORKS)
{
    remote_connect_list_defined_networks_args *args = argsp;
    remote_connect_list_defined_networks_ret *ret = retp;
    (void) client;
    return listNames(conn, args->maxnames, &ret->names.names_len, &ret->names.names_val,
                     virConnectListDefinedNetworks);
}

DAEMON_PROC(CONNECT_LIST_ALL_NETWORKS)
{
    remote_connect_list_all_networks_args *args = argsp;
    remote_connect_list_all_networks_ret *ret = retp;
    virNetworkPtr *nets = NULL;
    (void) client;
    int n = virConnectListAllNetworks(conn, args->need_results ? &nets : NULL, args->flags);
    if (n < 0)
        return -1;
    if (n > REMOTE_NETWORK_LIST_MAX) {
        for (int i = 0; nets && i < n; i++)
            virNetworkFree(nets[i]);
        free(nets);
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_RPC, VIR_ERR_RPC,
                       "too many networks (%d) for one reply", n);
        return -1;
    }
    if (nets) {
        ret->nets.nets_len = (uint32_t) n;
        ret->nets.nets_val = virtAlloc(sizeof(remote_nonnull_network) * (size_t) (n ? n : 1));
        for (int i = 0; i < n; i++) {
            daemonMakeNetwork(&ret->nets.nets_val[i], nets[i]);
            virNetworkFree(nets[i]);
        }
        free(nets);
    }
    ret->ret = (uint32_t) n;
    return 0;
}

/* A port's parameters, in an array the call allocates. */
DAEMON_PROC(NETWORK_PORT_GET_PARAMETERS)
{
    remote_network_port_get_parameters_args *args = argsp;
    remote_network_port_get_parameters_ret *ret = retp;
    virTypedParameterPtr params = NULL;
    int n = 0;
    int rv = -1;
    (void) client;
    virNetworkPortPtr port = daemonGetNetworkPort(conn, &args->port);
    if (!port)
        return -1;
    if (virNetworkPortGetParameters(port, &params, &n, args->flags) < 0)
        goto cleanup;
    if (n > REMOTE_NETWORK_PORT_PARAMETERS_MAX) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_RPC, VIR_ERR_RPC, "%s", "too many port parameters");
        goto cleanup;
    }
    if (virtRPCParamsToWire(params, n, &ret->params.params_val, &ret->params.params_len) < 0)
        goto cleanup;
    ret->nparams = n;
    rv = 0;
 cleanup:
    virTypedParamsFree(params, n);
    daemonReleaseNetworkPort(port);
    return rv;
}
