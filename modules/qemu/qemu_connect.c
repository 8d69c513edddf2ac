/* qemu_connect.c: questions about the connection and the host. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "qemu_driver.h"
#include "util.h"

const char *qemuConnectGetType(virConnectPtr conn)
{
    return "QEMU";
}

/* major * 1,000,000 + minor * 1,000 + micro of the host's QEMU. */
int qemuConnectGetVersion(virConnectPtr conn, unsigned long *hvVer)
{
    char *bin = qemuFindEmulator(qemuHostArch());
    char *cmd = NULL;
    FILE *p = NULL;
    unsigned int maj = 0, min = 0, mic = 0;
    int ret = -1;

    if (!bin) {
        QEMU_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "no qemu-system-* binary for '%s'", qemuHostArch());
        return -1;
    }
    cmd = virtAsprintf("'%s' -version 2>/dev/null", bin);
    if ((p = popen(cmd, "r"))) {
        char line[256];
        if (fgets(line, sizeof(line), p)) {
            char *v = strstr(line, "version ");
            if (v && sscanf(v + 8, "%u.%u.%u", &maj, &min, &mic) >= 2)
                ret = 0;
        }
        pclose(p);
    }
    if (ret == 0)
        *hvVer = maj * 1000000UL + min * 1000UL + mic;
    else
        QEMU_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "cannot read the version of '%s'", bin);
    free(cmd);
    free(bin);
    return ret;
}

char *qemuConnectGetHostname(virConnectPtr conn)
{
    char name[HOST_NAME_MAX + 1];
    if (gethostname(name, sizeof(name)) < 0) {
        QEMU_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "cannot find the host name");
        return NULL;
    }
    name[HOST_NAME_MAX] = '\0';
    return virtStrdup(name);
}

int qemuConnectGetMaxVcpus(virConnectPtr conn, const char *type)
{
    if (type && strcasecmp(type, "qemu") != 0 && strcasecmp(type, "kvm") != 0) {
        QEMU_ERROR(conn, VIR_ERR_INVALID_ARG, "unknown type '%s'", type);
        return -1;
    }
    return 255;
}

int qemuNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info)
{
    char *text = virtFileRead("/proc/meminfo", 65536, NULL);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned long long kib = 0;
    double mhz = 0;

    memset(info, 0, sizeof(*info));
    snprintf(info->model, sizeof(info->model), "%s", qemuHostArch());
    if (text) {
        char *m = strstr(text, "MemTotal:");
        if (m)
            kib = strtoull(m + 9, NULL, 10);
        free(text);
    }
    text = virtFileRead("/proc/cpuinfo", 4 * 1024 * 1024, NULL);
    if (text) {
        char *m = strstr(text, "cpu MHz");
        if (m && (m = strchr(m, ':')))
            mhz = strtod(m + 1, NULL);
        free(text);
    }
    info->memory = (unsigned long) kib;
    info->cpus = cpus > 0 ? (unsigned int) cpus : 1;
    info->mhz = (unsigned int) mhz;
    info->nodes = 1;
    info->sockets = 1;
    info->cores = info->cpus;
    info->threads = 1;
    return 0;
}

char *qemuConnectGetCapabilities(virConnectPtr conn)
{
    qemuDriver *drv = qemuConnDriver(conn);
    return qemuCapabilitiesFormat(drv ? drv->paths.cache_dir : NULL);
}

/* In-process (inside the daemon): alive, and nobody listens in. */
int qemuConnectIsAlive(virConnectPtr conn)
{
    return 1;
}

int qemuConnectIsSecure(virConnectPtr conn)
{
    return 1;
}

int qemuConnectIsEncrypted(virConnectPtr conn)
{
    return 0;
}
