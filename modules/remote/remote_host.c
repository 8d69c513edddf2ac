/* remote_host.c: connection facts: the driver type (asked once, then
 * kept), liveness and security (answered locally from the transport),
 * keepalive,
 * and the node's info structure. */
#include <stdlib.h>
#include <string.h>

#include "remote_driver.h"
#include "remote_handwritten.h"
#include "util.h"

const char *remoteConnectGetType(virConnectPtr conn)
{
    remoteConn *rc = remoteConnOf(conn);
    remote_connect_get_type_ret ret;

    pthread_mutex_lock(&rc->lock);
    const char *cached = rc->type;
    pthread_mutex_unlock(&rc->lock);
    if (cached)
        return cached;
    memset(&ret, 0, sizeof(ret));
    if (remoteCall(conn, REMOTE_PROC_CONNECT_GET_TYPE, NULL, NULL,
                   virtXDRAny_remote_connect_get_type_ret, &ret) < 0)
        return NULL;
    /* The string lives as long as the connection: keep the first answer. */
    pthread_mutex_lock(&rc->lock);
    if (!rc->type) {
        rc->type = ret.type;
        ret.type = NULL;
    }
    cached = rc->type;
    pthread_mutex_unlock(&rc->lock);
    virtXDRFree_remote_connect_get_type_ret(&ret);
    return cached;
}

int remoteConnectIsAlive(virConnectPtr conn)
{
    return remoteClientAlive(remoteConnOf(conn)->client) ? 1 : 0;
}

/* Keepalive needs the daemon to answer PINGs: ask first, as libvirt's
 * client does; 1 (not an error) when it cannot. */
int remoteConnectSetKeepAlive(virConnectPtr conn, int interval, unsigned int count)
{
    remote_connect_supports_feature_args args = { .feature = 10 /* PROGRAM_KEEPALIVE */ };
    remote_connect_supports_feature_ret ret = { 0 };

    if (interval > 0) {
        if (remoteCall(conn, REMOTE_PROC_CONNECT_SUPPORTS_FEATURE,
                       virtXDRAny_remote_connect_supports_feature_args, &args,
                       virtXDRAny_remote_connect_supports_feature_ret, &ret) < 0)
            return -1;
        if (!ret.supported)
            return 1;
    }
    return remoteClientSetKeepAlive(remoteConnOf(conn)->client, conn, interval, count);
}

/* Secure: nobody can snoop on it (local socket, ssh/ext pipe, TLS). */
int remoteConnectIsSecure(virConnectPtr conn)
{
    return remoteConnOf(conn)->transport != REMOTE_TRANSPORT_TCP ? 1 : 0;
}

int remoteConnectIsEncrypted(virConnectPtr conn)
{
    return remoteConnOf(conn)->transport == REMOTE_TRANSPORT_TLS ? 1 : 0;
}

int remoteNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info)
{
    remote_node_get_info_ret ret;

    memset(&ret, 0, sizeof(ret));
    if (remoteCall(conn, REMOTE_PROC_NODE_GET_INFO, NULL, NULL,
                   virtXDRAny_remote_node_get_info_ret, &ret) < 0)
        return -1;
    memset(info, 0, sizeof(*info));
    for (size_t i = 0; i + 1 < sizeof(info->model) && i < sizeof(ret.model) && ret.model[i]; i++)
        info->model[i] = (char) ret.model[i];
    info->memory = (unsigned long) ret.memory;
    info->cpus = (unsigned int) ret.cpus;
    info->mhz = (unsigned int) ret.mhz;
    info->nodes = (unsigned int) ret.nodes;
    info->sockets = (unsigned int) ret.sockets;
    info->cores = (unsigned int) ret.cores;
    info->threads = (unsigned int) ret.threads;
    virtXDRFree_remote_node_get_info_ret(&ret);
    return 0;
}
