/* network_paths.c: the folders a driver keeps its files in, those of
 * libvirt's network driver. System mode uses the fixed system folders;
 * session mode follows the XDG base directories of the daemon's user. */
#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "network_driver.h"
#include "util.h"

int netPathsInit(netPaths *p, bool privileged)
{
    memset(p, 0, sizeof(*p));
    if (privileged) {
        p->config_dir = virtStrdup(VIRT_SYSCONFDIR "/libvirt/qemu/networks");
        p->state_dir = virtStrdup(VIRT_RUNSTATEDIR "/libvirt/network");
        p->pid_dir = virtStrdup(VIRT_RUNSTATEDIR "/libvirt/network");
        p->dnsmasq_dir = virtStrdup(VIRT_LOCALSTATEDIR "/lib/libvirt/dnsmasq");
    } else {
        char *config = virtUserDir("XDG_CONFIG_HOME", ".config");
        /* $XDG_RUNTIME_DIR/libvirt, where the session daemon's sockets are */
        char *runtime = virtSessionSocketDir();
        p->config_dir = virtAsprintf("%s/libvirt/qemu/networks", config);
        p->state_dir = virtAsprintf("%s/network/lib", runtime);
        p->pid_dir = virtAsprintf("%s/network/run", runtime);
        p->dnsmasq_dir = virtAsprintf("%s/network/lib", runtime);
        free(config);
        free(runtime);
    }
    p->autostart_dir = virtAsprintf("%s/autostart", p->config_dir);
    p->config_created = access(p->config_dir, F_OK) != 0;
    if (netMakeDirs(p->config_dir) < 0 || netMakeDirs(p->autostart_dir) < 0 ||
        netMakeDirs(p->state_dir) < 0 || netMakeDirs(p->pid_dir) < 0 || netMakeDirs(p->dnsmasq_dir) < 0)
        return -1;
    return 0;
}

void netPathsFree(netPaths *p)
{
    free(p->config_dir);
    free(p->autostart_dir);
    free(p->state_dir);
    free(p->pid_dir);
    free(p->dnsmasq_dir);
    memset(p, 0, sizeof(*p));
}

/* mkdir -p; new folders 0755 as libvirt makes them (dnsmasq reads its
 * config after dropping privileges). */
int netMakeDirs(const char *path)
{
    return virtMakeDirs(path, 0755);
}
