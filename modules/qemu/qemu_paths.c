/* qemu_paths.c: the folders a driver keeps its files in. System mode uses
 * the fixed system folders; session mode follows the XDG base
 * directories of the user running the daemon. */
#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "qemu_driver.h"
#include "util.h"

int qemuPathsInit(qemuPaths *p, bool privileged)
{
    memset(p, 0, sizeof(*p));
    if (privileged) {
        p->config_dir = virtStrdup(VIRT_SYSCONFDIR "/libvirt/qemu");
        p->run_dir = virtStrdup(VIRT_RUNSTATEDIR "/libvirt/qemu");
        p->log_dir = virtStrdup(VIRT_LOCALSTATEDIR "/log/libvirt/qemu");
        p->cache_dir = virtStrdup(VIRT_LOCALSTATEDIR "/cache/libvirt/qemu");
    } else {
        char *config = virtUserDir("XDG_CONFIG_HOME", ".config");
        char *cache = virtUserDir("XDG_CACHE_HOME", ".cache");
        const char *rt = getenv("XDG_RUNTIME_DIR");
        char *runtime = rt && rt[0] ? virtStrdup(rt) : virtAsprintf("%s/libvirt-run", cache);
        p->config_dir = virtAsprintf("%s/libvirt/qemu", config);
        p->run_dir = virtAsprintf("%s/libvirt/qemu/run", runtime);
        p->log_dir = virtAsprintf("%s/libvirt/qemu/log", cache);
        p->cache_dir = virtAsprintf("%s/libvirt/qemu/capabilities", cache);
        free(config);
        free(cache);
        free(runtime);
    }
    p->autostart_dir = virtAsprintf("%s/autostart", p->config_dir);
    if (qemuMakeDirs(p->config_dir) < 0 || qemuMakeDirs(p->autostart_dir) < 0 ||
        qemuMakeDirs(p->run_dir) < 0 || qemuMakeDirs(p->log_dir) < 0)
        return -1;
    qemuMakeDirs(p->cache_dir);   /* optional: caching is best effort */
    return 0;
}

void qemuPathsFree(qemuPaths *p)
{
    free(p->config_dir);
    free(p->autostart_dir);
    free(p->run_dir);
    free(p->log_dir);
    free(p->cache_dir);
    memset(p, 0, sizeof(*p));
}

/* mkdir -p, 0700 for new folders (they hold sockets and guest logs). */
int qemuMakeDirs(const char *path)
{
    return virtMakeDirs(path, 0700);
}

char *qemuRunFile(const qemuPaths *p, const char *name, const char *suffix)
{
    return virtAsprintf("%s/%s%s", p->run_dir, name, suffix);
}
