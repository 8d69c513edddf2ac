/* network_bridge.c: a network's bridge on the host, over rtnetlink
 * (libnl-route): created with the network's MAC and MTU, given its <ip>
 * addresses, brought up; deleted on destroy. Everything follows the
 * daemon's network namespace (never sysfs, which shows the namespace it
 * was mounted in). */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include <netlink/addr.h>
#include <netlink/attr.h>
#include <netlink/msg.h>
#include <netlink/errno.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>
#include <netlink/route/link/bridge.h>

#include "network_driver.h"
#include "util.h"

bool netDevExists(const char *name)
{
    return if_nametoindex(name) != 0;
}

/* A connected rtnetlink socket, or NULL with *err set (a libnl code). */
static struct nl_sock *routeSocket(int *err)
{
    struct nl_sock *sk = nl_socket_alloc();

    if (!sk) {
        *err = -NLE_NOMEM;
        return NULL;
    }
    if ((*err = nl_connect(sk, NETLINK_ROUTE)) < 0) {
        nl_socket_free(sk);
        return NULL;
    }
    return sk;
}

static int addAddress(struct nl_sock *sk, int ifindex, const virtNetworkIp *ip, const char *bridge,
                      char **errmsg)
{
    netAddr a;
    struct nl_addr *local = NULL;
    struct rtnl_addr *ra = NULL;
    int err = -NLE_NOMEM;

    if (!netIpAddr(ip, &a)) {
        *errmsg = virtAsprintf("cannot read the address '%s' of bridge '%s'", ip->address ? ip->address : "",
                               bridge);
        return -1;
    }
    if (!(local = nl_addr_build(a.family, a.b, a.family == AF_INET ? 4 : 16)) || !(ra = rtnl_addr_alloc()))
        goto fail;
    nl_addr_set_prefixlen(local, a.prefix);
    rtnl_addr_set_ifindex(ra, ifindex);
    rtnl_addr_set_family(ra, a.family);
    if ((err = rtnl_addr_set_local(ra, local)) < 0)
        goto fail;
    rtnl_addr_set_prefixlen(ra, a.prefix);
    if (a.family == AF_INET && a.prefix < 31) {
        /* the network's broadcast address, as libvirt gives it */
        unsigned char bc[4];
        for (int i = 0; i < 4; i++) {
            int bits = a.prefix - i * 8;
            unsigned char mask = bits >= 8 ? 0xff : bits <= 0 ? 0 : (unsigned char) (0xff << (8 - bits));
            bc[i] = (unsigned char) (a.b[i] | (unsigned char) ~mask);
        }
        struct nl_addr *brd = nl_addr_build(AF_INET, bc, 4);
        if (brd) {
            rtnl_addr_set_broadcast(ra, brd);
            nl_addr_put(brd);
        }
    }
    if ((err = rtnl_addr_add(sk, ra, 0)) < 0)
        goto fail;
    rtnl_addr_put(ra);
    nl_addr_put(local);
    return 0;
 fail:
    *errmsg = virtAsprintf("Failed to add IP address %s/%d to %s: %s", ip->address, a.prefix, bridge,
                           nl_geterror(err));
    rtnl_addr_put(ra);
    nl_addr_put(local);
    return -1;
}

/* STP and forward delay as <bridge stp= delay=> say (libvirt's defaults:
 * on, 0 s). libnl has no setters for these bridge attributes, so the
 * request is built by hand; the kernel reads the delay before the STP
 * state, and raises a delay too short for STP to its minimum. */
static int setStp(struct nl_sock *sk, int ifindex, const virtNetworkDefBridge *br)
{
    bool stp = !br || !br->stp || strcmp(br->stp, "off") != 0;
    unsigned long delay = br && br->delay ? strtoul(br->delay, NULL, 10) : 0;
    struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = ifindex };
    struct nl_msg *msg = nlmsg_alloc_simple(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK);
    struct nlattr *info, *data;
    int err = -NLE_NOMEM;

    if (!msg || nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0 ||
        !(info = nla_nest_start(msg, IFLA_LINKINFO)) || nla_put_string(msg, IFLA_INFO_KIND, "bridge") < 0 ||
        !(data = nla_nest_start(msg, IFLA_INFO_DATA)) ||
        nla_put_u32(msg, IFLA_BR_FORWARD_DELAY, (uint32_t) (delay * 100)) < 0 ||
        nla_put_u32(msg, IFLA_BR_STP_STATE, stp) < 0)
        goto cleanup;
    nla_nest_end(msg, data);
    nla_nest_end(msg, info);
    err = nl_send_sync(sk, msg);   /* frees msg */
    msg = NULL;
 cleanup:
    nlmsg_free(msg);
    return err;
}

int netBridgeCreate(const virtNetworkDef *def, char **errmsg)
{
    const char *name = virtNetworkDefBridgeName(def);
    struct nl_sock *sk = NULL;
    struct rtnl_link *br = NULL, *link = NULL, *change = NULL;
    bool created = false;
    int err, ret = -1;

    if (!(sk = routeSocket(&err))) {
        *errmsg = virtAsprintf("Unable to create bridge %s: no rtnetlink socket: %s", name, nl_geterror(err));
        return -1;
    }
    if (!(br = rtnl_link_bridge_alloc())) {
        err = -NLE_NOMEM;
        goto nlfail;
    }
    rtnl_link_set_name(br, name);
    if (def->mac && def->mac->address) {
        struct nl_addr *mac = NULL;
        if (nl_addr_parse(def->mac->address, AF_LLC, &mac) == 0) {
            rtnl_link_set_addr(br, mac);
            nl_addr_put(mac);
        }
    }
    if (def->mtu && def->mtu->size)
        rtnl_link_set_mtu(br, (unsigned int) strtoul(def->mtu->size, NULL, 10));
    if ((err = rtnl_link_add(sk, br, NLM_F_CREATE | NLM_F_EXCL)) < 0)
        goto nlfail;
    created = true;
    if ((err = rtnl_link_get_kernel(sk, 0, name, &link)) < 0)
        goto nlfail;
    if ((err = setStp(sk, rtnl_link_get_ifindex(link), def->bridge)) < 0) {
        *errmsg = virtAsprintf("Unable to set STP and forward delay of bridge %s: %s", name, nl_geterror(err));
        goto cleanup;
    }
    for (size_t i = 0; i < def->nip; i++)
        if (addAddress(sk, rtnl_link_get_ifindex(link), def->ip[i], name, errmsg) < 0)
            goto cleanup;
    if (!(change = rtnl_link_alloc())) {
        err = -NLE_NOMEM;
        goto nlfail;
    }
    rtnl_link_set_flags(change, IFF_UP);
    if ((err = rtnl_link_change(sk, link, change, 0)) < 0) {
        *errmsg = virtAsprintf("Failed to set bridge %s up: %s", name, nl_geterror(err));
        goto cleanup;
    }
    ret = 0;
    goto cleanup;
 nlfail:
    *errmsg = virtAsprintf("Unable to create bridge %s: %s", name, nl_geterror(err));
 cleanup:
    if (ret < 0 && created)
        netBridgeDelete(name);
    rtnl_link_put(change);
    rtnl_link_put(link);
    rtnl_link_put(br);
    nl_socket_free(sk);
    return ret;
}

void netBridgeDelete(const char *name)
{
    struct rtnl_link *link;
    int err;
    struct nl_sock *sk = routeSocket(&err);

    if (!sk || !(link = rtnl_link_alloc())) {
        nl_socket_free(sk);
        return;
    }
    rtnl_link_set_name(link, name);
    if ((err = rtnl_link_delete(sk, link)) < 0)
        fprintf(stderr, "network: cannot delete bridge '%s': %s\n", name, nl_geterror(err));
    rtnl_link_put(link);
    nl_socket_free(sk);
}
