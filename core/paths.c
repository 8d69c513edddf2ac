/* paths.c: where the client configuration lives. */
#include <stdlib.h>
#include <unistd.h>

#include "paths.h"
#include "util.h"

char *virtClientConfigPath(void)
{
    const char *override = getenv("VIRT_CLIENT_CONFIG");
    if (override && *override)
        return virtStrdup(override);
    if (geteuid() == 0)
        return virtStrdup(VIRT_SYSCONFDIR "/libvirt/libvirt.conf");
    const char *xdg = getenv("XDG_CONFIG_HOME");
    if (xdg && *xdg)
        return virtAsprintf("%s/libvirt/libvirt.conf", xdg);
    const char *home = getenv("HOME");
    return virtAsprintf("%s/.config/libvirt/libvirt.conf", home ? home : "");
}
