/* qemu_net.c: host side of guest interfaces. Bridged guests get a tap
 * device we create (persistent, so QEMU can open it by name; only the
 * tun driver's ioctls can make one), which rtnetlink (libnl-route) then
 * brings up and enslaves to the bridge; its counters come from rtnetlink
 * too, so everything follows the caller's network namespace. */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <linux/if_tun.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <netlink/errno.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>
#include <netlink/route/link.h>

#include "qemu_driver.h"
#include "util.h"

bool qemuNetDevExists(const char *name)
{
    return if_nametoindex(name) != 0;
}

static int tapPersist(const char *name, int persist)
{
    struct ifreq ifr;
    int fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);
    int rc = -1;

    if (fd < 0)
        return -1;
    memset(&ifr, 0, sizeof(ifr));
    ifr.ifr_flags = IFF_TAP | IFF_NO_PI | IFF_VNET_HDR;
    snprintf(ifr.ifr_name, IFNAMSIZ, "%s", name);
    if (ioctl(fd, TUNSETIFF, &ifr) == 0 && ioctl(fd, TUNSETPERSIST, persist) == 0)
        rc = 0;
    close(fd);
    return rc;
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

int qemuTapCreate(const char *name, const char *bridge, char **errmsg)
{
    struct nl_sock *sk = NULL;
    struct rtnl_link *br = NULL, *tap = NULL, *change = NULL;
    bool created = false;
    int err, ret = -1;

    if (!bridge || !bridge[0]) {
        *errmsg = virtAsprintf("interface '%s' has no bridge to join", name);
        return -1;
    }
    if (!(sk = routeSocket(&err))) {
        *errmsg = virtAsprintf("cannot add tap '%s' to bridge '%s': no rtnetlink socket: %s",
                               name, bridge, nl_geterror(err));
        return -1;
    }
    /* the bridge first: a missing one must not cost a tap */
    if ((err = rtnl_link_get_kernel(sk, 0, bridge, &br)) < 0) {
        bool absent = err == -NLE_NODEV || err == -NLE_OBJ_NOTFOUND;
        *errmsg = virtAsprintf("bridge '%s' for tap '%s' %s: %s", bridge, name,
                               absent ? "does not exist" : "cannot be looked up", nl_geterror(err));
        goto cleanup;
    }
    if (!virtStrEq(rtnl_link_get_type(br), "bridge")) {
        *errmsg = virtAsprintf("cannot add tap '%s' to '%s': '%s' is not a bridge",
                               name, bridge, bridge);
        goto cleanup;
    }
    if (tapPersist(name, 1) < 0) {
        *errmsg = virtAsprintf("cannot create tap device '%s' for bridge '%s': %s",
                               name, bridge, strerror(errno));
        goto cleanup;
    }
    created = true;
    if ((err = rtnl_link_get_kernel(sk, 0, name, &tap)) < 0) {
        *errmsg = virtAsprintf("cannot find the new tap '%s' for bridge '%s': %s",
                               name, bridge, nl_geterror(err));
        goto cleanup;
    }
    /* one request: up, and the bridge as master */
    if (!(change = rtnl_link_alloc())) {
        *errmsg = virtAsprintf("cannot add tap '%s' to bridge '%s': %s",
                               name, bridge, nl_geterror(-NLE_NOMEM));
        goto cleanup;
    }
    rtnl_link_set_flags(change, IFF_UP);
    rtnl_link_set_master(change, rtnl_link_get_ifindex(br));
    if ((err = rtnl_link_change(sk, tap, change, 0)) < 0) {
        *errmsg = virtAsprintf("cannot bring tap '%s' up in bridge '%s': %s",
                               name, bridge, nl_geterror(err));
        goto cleanup;
    }
    ret = 0;
 cleanup:
    if (ret < 0 && created)
        tapPersist(name, 0);
    rtnl_link_put(change);
    rtnl_link_put(tap);
    rtnl_link_put(br);
    nl_socket_free(sk);
    return ret;
}

void qemuTapDelete(const char *name)
{
    tapPersist(name, 0);
}

/* rx_bytes, rx_packets, rx_errors, rx_dropped, tx_bytes, tx_packets,
 * tx_errors, tx_dropped of a host device. */
int qemuTapStats(const char *name, long long out[8])
{
    static const rtnl_link_stat_id_t ids[8] = {
        RTNL_LINK_RX_BYTES, RTNL_LINK_RX_PACKETS, RTNL_LINK_RX_ERRORS, RTNL_LINK_RX_DROPPED,
        RTNL_LINK_TX_BYTES, RTNL_LINK_TX_PACKETS, RTNL_LINK_TX_ERRORS, RTNL_LINK_TX_DROPPED,
    };
    struct rtnl_link *link = NULL;
    int err;
    struct nl_sock *sk = routeSocket(&err);

    if (sk) {
        err = rtnl_link_get_kernel(sk, 0, name, &link);
        nl_socket_free(sk);
    }
    if (err < 0) {
        /* the caller's error names the device; the log keeps why */
        fprintf(stderr, "qemu: cannot read the counters of '%s': %s\n", name, nl_geterror(err));
        return -1;
    }
    for (int i = 0; i < 8; i++)
        out[i] = (long long) rtnl_link_get_stat(link, ids[i]);
    rtnl_link_put(link);
    return 0;
}
