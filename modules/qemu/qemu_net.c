/* qemu_net.c: host side of guest interfaces. Bridged guests get a tap
 * device we create (persistent, so QEMU can open it by name), bring up
 * and enslave to the bridge with ioctls; statistics come from sysfs. */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <linux/if_tun.h>
#include <linux/sockios.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

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

int qemuTapCreate(const char *name, const char *bridge, char **errmsg)
{
    struct ifreq ifr;
    int sock = -1, ret = -1;

    if (!bridge || !bridge[0]) {
        *errmsg = virtAsprintf("interface '%s' has no bridge to join", name);
        return -1;
    }
    if (!qemuNetDevExists(bridge)) {
        *errmsg = virtAsprintf("bridge '%s' does not exist", bridge);
        return -1;
    }
    if (tapPersist(name, 1) < 0) {
        *errmsg = virtAsprintf("cannot create tap device '%s': %s", name, strerror(errno));
        return -1;
    }
    sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    memset(&ifr, 0, sizeof(ifr));
    snprintf(ifr.ifr_name, IFNAMSIZ, "%s", name);
    if (sock < 0 || ioctl(sock, SIOCGIFFLAGS, &ifr) < 0) {
        *errmsg = virtAsprintf("cannot read the flags of '%s': %s", name, strerror(errno));
        goto cleanup;
    }
    ifr.ifr_flags |= IFF_UP;
    if (ioctl(sock, SIOCSIFFLAGS, &ifr) < 0) {
        *errmsg = virtAsprintf("cannot bring '%s' up: %s", name, strerror(errno));
        goto cleanup;
    }
    memset(&ifr, 0, sizeof(ifr));
    snprintf(ifr.ifr_name, IFNAMSIZ, "%s", bridge);
    ifr.ifr_ifindex = (int) if_nametoindex(name);
    if (ioctl(sock, SIOCBRADDIF, &ifr) < 0) {
        *errmsg = virtAsprintf("cannot add '%s' to bridge '%s': %s", name, bridge, strerror(errno));
        goto cleanup;
    }
    ret = 0;
 cleanup:
    if (sock >= 0)
        close(sock);
    if (ret < 0)
        tapPersist(name, 0);
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
    static const char *const names[8] = {
        "rx_bytes", "rx_packets", "rx_errors", "rx_dropped",
        "tx_bytes", "tx_packets", "tx_errors", "tx_dropped",
    };
    for (int i = 0; i < 8; i++) {
        char *path = virtAsprintf("/sys/class/net/%s/statistics/%s", name, names[i]);
        char *text = virtFileRead(path, 64, NULL);
        free(path);
        if (!text)
            return -1;
        out[i] = atoll(text);
        free(text);
    }
    return 0;
}
