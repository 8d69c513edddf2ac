/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lxc.c: the functions of libvirt-lxc.so.0 that act on the calling process
 * rather than asking a driver: joining a container's namespaces, taking a
 * security label for the next exec, joining a container's cgroups.
 * Security labels go through the kernel's /proc/self/attr files, so the
 * library needs neither libselinux nor libapparmor. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "entry.h"
#include <libvirt/libvirt-lxc.h>

/* The namespaces a process may leave and come back to, in the order their
 * descriptors are returned. */
static const char *const nsNames[] = { "ipc", "mnt", "net", "pid", "user", "uts" };

static bool checkNoFlags(virConnectPtr conn, unsigned int flags, const char *func)
{
    if (flags == 0)
        return true;
    virtErrorRaise(conn, NULL, NULL, VIR_FROM_NONE, VIR_ERR_INVALID_ARG,
                   "unsupported flags (0x%x) in function %s", flags, func);
    return false;
}

static void systemError(virConnectPtr conn, int err, const char *what, const char *detail)
{
    virtErrorRaise(conn, NULL, NULL, VIR_FROM_NONE, VIR_ERR_SYSTEM_ERROR,
                   "%s %s: %s", what, detail, strerror(err));
}

/* Descriptors of this process's current namespaces (those the kernel has). */
static int openOwnNamespaces(virConnectPtr conn, unsigned int *nfds, int **fds)
{
    size_t n = sizeof(nsNames) / sizeof(nsNames[0]);
    int *list = calloc(n, sizeof(int));
    unsigned int count = 0;

    if (!list) {
        systemError(conn, ENOMEM, "cannot allocate", "namespace list");
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        char path[64];
        snprintf(path, sizeof(path), "/proc/self/ns/%s", nsNames[i]);
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd >= 0) {
            list[count++] = fd;
        } else if (errno != ENOENT) {
            systemError(conn, errno, "cannot open", path);
            while (count > 0)
                close(list[--count]);
            free(list);
            return -1;
        }
    }
    *nfds = count;
    *fds = list;
    return 0;
}

int virDomainLxcEnterNamespace(virDomainPtr domain, unsigned int nfdlist, int *fdlist,
                               unsigned int *noldfdlist, int **oldfdlist, unsigned int flags)
{
    virConnectPtr conn = NULL;
    bool keepOld = noldfdlist && oldfdlist;

    virResetLastError();
    if (!virtCheckDomain(domain, __func__))
        goto error;
    conn = virtDomainConn(domain);
    if (!checkNoFlags(conn, flags, __func__))
        goto error;
    if (nfdlist == 0) {
        virtErrorRaise(conn, NULL, NULL, VIR_FROM_NONE, VIR_ERR_INVALID_ARG,
                       "expected at least one namespace file descriptor");
        goto error;
    }
    if (!fdlist) {
        virtReportNullArg(conn, __func__, "fdlist");
        goto error;
    }
    if (keepOld && openOwnNamespaces(conn, noldfdlist, oldfdlist) < 0)
        goto error;
    for (unsigned int i = 0; i < nfdlist; i++) {
        if (setns(fdlist[i], 0) < 0) {
            char which[32];
            snprintf(which, sizeof(which), "namespace descriptor %d", fdlist[i]);
            systemError(conn, errno, "cannot join", which);
            if (keepOld) {
                for (unsigned int j = 0; j < *noldfdlist; j++)
                    close((*oldfdlist)[j]);
                free(*oldfdlist);
                *oldfdlist = NULL;
                *noldfdlist = 0;
            }
            goto error;
        }
    }
    return 0;

 error:
    virtDispatchError(conn);
    return -1;
}

/* Read a small /proc or /sys file into buf (trailing newline and NULs cut). */
static int readSmallFile(const char *path, char *buf, size_t size)
{
    FILE *f = fopen(path, "re");
    size_t n;

    if (!f)
        return -1;
    n = fread(buf, 1, size - 1, f);
    if (ferror(f)) {
        int err = errno;
        fclose(f);
        errno = err;
        return -1;
    }
    fclose(f);
    buf[n] = '\0';
    buf[strcspn(buf, "\n")] = '\0';
    return 0;
}

static int writeSmallFile(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    size_t len = strlen(text);

    if (fd < 0)
        return -1;
    if (write(fd, text, len) != (ssize_t) len) {
        int err = errno;
        close(fd);
        errno = err;
        return -1;
    }
    return close(fd);
}

static int enterSELinux(virSecurityLabelPtr label, virSecurityLabelPtr oldlabel)
{
    if (oldlabel) {
        char enforce[16];
        if (readSmallFile("/proc/self/attr/current", oldlabel->label,
                          sizeof(oldlabel->label)) < 0) {
            systemError(NULL, errno, "cannot read", "the security context of this process");
            return -1;
        }
        if (readSmallFile("/sys/fs/selinux/enforce", enforce, sizeof(enforce)) < 0) {
            systemError(NULL, errno, "cannot read", "/sys/fs/selinux/enforce");
            return -1;
        }
        oldlabel->enforcing = atoi(enforce) ? 1 : 0;
    }
    if (writeSmallFile("/proc/self/attr/exec", label->label) < 0) {
        systemError(NULL, errno, "cannot set security context", label->label);
        return -1;
    }
    return 0;
}

static int enterAppArmor(virSecurityLabelPtr label)
{
    char cmd[sizeof(label->label) + 32];

    snprintf(cmd, sizeof(cmd), "changeprofile %s", label->label);
    if (writeSmallFile("/proc/self/attr/apparmor/current", cmd) < 0 &&
        writeSmallFile("/proc/self/attr/current", cmd) < 0) {
        systemError(NULL, errno, "cannot change to AppArmor profile", label->label);
        return -1;
    }
    return 0;
}

int virDomainLxcEnterSecurityLabel(virSecurityModelPtr model, virSecurityLabelPtr label,
                                   virSecurityLabelPtr oldlabel, unsigned int flags)
{
    virResetLastError();
    if (!checkNoFlags(NULL, flags, __func__))
        goto error;
    if (!model) {
        virtReportNullArg(NULL, __func__, "model");
        goto error;
    }
    if (!label) {
        virtReportNullArg(NULL, __func__, "label");
        goto error;
    }
    if (oldlabel)
        memset(oldlabel, 0, sizeof(*oldlabel));
    if (strcmp(model->model, "selinux") == 0) {
        if (enterSELinux(label, oldlabel) < 0)
            goto error;
    } else if (strcmp(model->model, "apparmor") == 0) {
        if (enterAppArmor(label) < 0)
            goto error;
    } else if (strcmp(model->model, "none") != 0) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_NONE, VIR_ERR_ARGUMENT_UNSUPPORTED,
                       "security model %s cannot be entered", model->model);
        goto error;
    }
    return 0;

 error:
    virtDispatchError(NULL);
    return -1;
}

/* Add this process to each cgroup the process 'pid' belongs to. */
static int joinCgroupsOf(long pid)
{
    char path[64], line[4096], self[32];
    FILE *f;
    int ret = 0;

    snprintf(path, sizeof(path), "/proc/%ld/cgroup", pid);
    if (!(f = fopen(path, "re"))) {
        systemError(NULL, errno, "cannot read", path);
        return -1;
    }
    snprintf(self, sizeof(self), "%ld", (long) getpid());
    while (ret == 0 && fgets(line, sizeof(line), f)) {
        /* hierarchy-id:controllers:path; controllers empty on cgroup v2 */
        char *ctl = strchr(line, ':');
        char *cgpath = ctl ? strchr(ctl + 1, ':') : NULL;
        char procs[4096 + 256];
        if (!cgpath)
            continue;
        *cgpath++ = '\0';
        ctl++;
        cgpath[strcspn(cgpath, "\n")] = '\0';
        if (*ctl == '\0') {
            snprintf(procs, sizeof(procs), "/sys/fs/cgroup%s/cgroup.procs", cgpath);
        } else {
            char *comma = strchr(ctl, ',');
            if (comma)
                *comma = '\0';      /* co-mounted controllers share one folder */
            if (strncmp(ctl, "name=", 5) == 0)
                ctl += 5;
            snprintf(procs, sizeof(procs), "/sys/fs/cgroup/%s%s/cgroup.procs", ctl, cgpath);
            if (access(procs, F_OK) < 0 && comma) {
                *comma = ',';
                snprintf(procs, sizeof(procs), "/sys/fs/cgroup/%s%s/cgroup.procs", ctl, cgpath);
            }
        }
        if (writeSmallFile(procs, self) < 0) {
            systemError(NULL, errno, "cannot join cgroup", procs);
            ret = -1;
        }
    }
    fclose(f);
    return ret;
}

int virDomainLxcEnterCGroup(virDomainPtr domain, unsigned int flags)
{
    virConnectPtr conn;

    virResetLastError();
    if (!virtCheckDomain(domain, __func__)) {
        virtDispatchError(NULL);
        return -1;
    }
    conn = virtDomainConn(domain);
    if (virtConnReadOnly(conn)) {
        virtReportReadOnly(conn, __func__);
        goto error;
    }
    if (!checkNoFlags(conn, flags, __func__))
        goto error;
    /* An LXC domain's ID is the process ID of its init. */
    if (joinCgroupsOf((long) (int) virDomainGetID(domain)) < 0)
        goto error;
    return 0;

 error:
    virtDispatchError(conn);
    return -1;
}
