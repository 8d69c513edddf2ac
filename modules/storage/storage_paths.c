/* storage_paths.c: the folders of a driver, where libvirt's storage driver
 * keeps them: /etc/libvirt/storage and /run/libvirt/storage for the
 * system daemon; for a session, libvirt/storage under $XDG_CONFIG_HOME
 * and libvirt/storage/run under $XDG_RUNTIME_DIR (the cache folder's
 * libvirt-run when that is unset, as the qemu module does). */
#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "storage_driver.h"
#include "util.h"

int storagePathsInit(storageDriver *drv, bool privileged)
{
    if (privileged) {
        drv->config_dir = virtStrdup(VIRT_SYSCONFDIR "/libvirt/storage");
        drv->state_dir = virtStrdup(VIRT_RUNSTATEDIR "/libvirt/storage");
    } else {
        char *config = virtUserDir("XDG_CONFIG_HOME", ".config");
        const char *rt = getenv("XDG_RUNTIME_DIR");
        char *cache = virtUserDir("XDG_CACHE_HOME", ".cache");
        char *runtime = rt && rt[0] ? virtStrdup(rt) : virtAsprintf("%s/libvirt-run", cache);
        drv->config_dir = virtAsprintf("%s/libvirt/storage", config);
        drv->state_dir = virtAsprintf("%s/libvirt/storage/run", runtime);
        free(config);
        free(cache);
        free(runtime);
    }
    drv->autostart_dir = virtAsprintf("%s/autostart", drv->config_dir);
    if (storageMakeDirs(drv->config_dir, 0700) < 0 || storageMakeDirs(drv->autostart_dir, 0700) < 0 ||
        storageMakeDirs(drv->state_dir, 0700) < 0)
        return -1;
    return 0;
}

/* mkdir -p; new folders get mode. */
int storageMakeDirs(const char *path, int mode)
{
    return virtMakeDirs(path, (mode_t) mode);
}
