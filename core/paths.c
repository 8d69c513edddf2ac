/* paths.c: where the client configuration lives. */
#include <stdlib.h>
#include <unistd.h>

#include "paths.h"
#include "util.h"

char *virtClientConfigPathOf(const char *file, const char *override_var)
{
    const char *override = getenv(override_var);
    if (override && *override)
        return virtStrdup(override);
    if (geteuid() == 0)
        return virtAsprintf("%s/libvirt/%s", VIRT_SYSCONFDIR, file);
    const char *xdg = getenv("XDG_CONFIG_HOME");
    if (xdg && *xdg)
        return virtAsprintf("%s/libvirt/%s", xdg, file);
    const char *home = getenv("HOME");
    return virtAsprintf("%s/.config/libvirt/%s", home ? home : "", file);
}

char *virtClientConfigPath(void)
{
    return virtClientConfigPathOf("libvirt.conf", "VIRT_CLIENT_CONFIG");
}
