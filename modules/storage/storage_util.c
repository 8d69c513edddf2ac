/* storage_util.c: what the backends share: running the host's tools
 * (qemu-img, the lvm2 commands), reading a file's sizes, permissions and
 * timestamps, and probing the image format a file holds. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "storage_driver.h"
#include "util.h"

VIRT_MODULE_LOG_INIT("storage.util");

extern char **environ;

/* prog's full path found on PATH, or NULL. */
static char *findProgram(const char *prog)
{
    const char *path = getenv("PATH");
    if (strchr(prog, '/'))
        return access(prog, X_OK) == 0 ? virtStrdup(prog) : NULL;
    if (!path || !*path)
        path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    char *copy = virtStrdup(path), *save = NULL, *found = NULL;
    for (char *dir = strtok_r(copy, ":", &save); dir && !found; dir = strtok_r(NULL, ":", &save)) {
        char *full = virtAsprintf("%s/%s", dir, prog);
        if (access(full, X_OK) == 0)
            found = full;
        else
            free(full);
    }
    free(copy);
    return found;
}

bool storageHaveProgram(const char *prog)
{
    char *full = findProgram(prog);
    free(full);
    return full != NULL;
}

/* Read both pipes to their ends without letting either fill up. */
static void drain(int outfd, int errfd, virtBuf *out, virtBuf *err)
{
    struct pollfd fds[2] = { { .fd = outfd, .events = POLLIN }, { .fd = errfd, .events = POLLIN } };
    virtBuf *bufs[2] = { out, err };
    int open = 2;
    char chunk[4096];
    while (open > 0) {
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        for (int i = 0; i < 2; i++) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            ssize_t n = read(fds[i].fd, chunk, sizeof(chunk));
            if (n > 0) {
                virtBufAddLen(bufs[i], chunk, (size_t) n);
            } else if (n == 0 || errno != EINTR) {
                fds[i].fd = -1;
                open--;
            }
        }
    }
}

int storageRun(virConnectPtr conn, const char *const *argv, char **out)
{
    int outp[2] = { -1, -1 }, errp[2] = { -1, -1 };
    virtBuf cmd = { 0 }, obuf = { 0 }, ebuf = { 0 };
    posix_spawn_file_actions_t fa;
    pid_t pid;
    int rc = -1, status = 0;

    /* the command as libvirt names it in messages: the program's full path */
    char *prog = findProgram(argv[0]);
    virtBufAdd(&cmd, prog ? prog : argv[0]);
    for (size_t i = 1; argv[i]; i++) {
        virtBufAdd(&cmd, " ");
        virtBufAdd(&cmd, argv[i]);
    }
    char *cmdline = virtBufSteal(&cmd);
    VIRT_MODULE_DEBUG(storageCore, "running %s", cmdline);
    if (!prog) {
        STORAGE_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "Cannot find '%s' in path: %s", argv[0], strerror(ENOENT));
        goto out;
    }
    if (pipe2(outp, O_CLOEXEC) < 0 || pipe2(errp, O_CLOEXEC) < 0) {
        STORAGE_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "cannot run %s: %s", cmdline, strerror(errno));
        goto out;
    }
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, outp[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&fa, errp[1], STDERR_FILENO);
    /* the lvm2 tools warn on stderr of every descriptor a daemon holds */
    size_t nenv = 0;
    while (environ[nenv])
        nenv++;
    char **envp = virtAlloc((nenv + 2) * sizeof(*envp));
    memcpy(envp, environ, nenv * sizeof(*envp));
    envp[nenv] = (char *) "LVM_SUPPRESS_FD_WARNINGS=1";
    int err = posix_spawn(&pid, prog, &fa, NULL, (char *const *) argv, envp);
    free(envp);
    posix_spawn_file_actions_destroy(&fa);
    close(outp[1]);
    close(errp[1]);
    outp[1] = errp[1] = -1;
    if (err) {
        STORAGE_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "cannot run %s: %s", cmdline, strerror(err));
        goto out;
    }
    drain(outp[0], errp[0], &obuf, &ebuf);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    /* the tool's own words, newline and all, as libvirt passes them on */
    char *errtext = virtBufSteal(&ebuf);
    size_t n = strlen(errtext);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        rc = 0;
    } else if (WIFEXITED(status)) {
        /* libvirt's words for a tool that failed */
        STORAGE_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "Child process (%s) unexpected exit status %d%s%s",
                      cmdline, WEXITSTATUS(status), n ? ": " : "", errtext);
    } else {
        STORAGE_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "Child process (%s) unexpected fatal signal %d",
                      cmdline, WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    }
    free(errtext);
    if (rc == 0 && out)
        *out = virtBufSteal(&obuf);
 out:
    for (int i = 0; i < 2; i++) {
        if (outp[i] >= 0)
            close(outp[i]);
        if (errp[i] >= 0)
            close(errp[i]);
    }
    virtBufFree(&obuf);
    virtBufFree(&ebuf);
    free(cmdline);
    free(prog);
    return rc;
}

static char *timestamp(const struct timespec *ts)
{
    return virtAsprintf("%lld.%09ld", (long long) ts->tv_sec, ts->tv_nsec);
}

static void setPerms(virtStorageVolVolPerms **permsp, const struct stat *st)
{
    virtStorageVolVolPerms *perms = *permsp;
    if (!perms)
        perms = *permsp = virtAlloc(sizeof(*perms));
    free(perms->mode);
    free(perms->owner);
    free(perms->group);
    perms->mode = virtAsprintf("0%o", (unsigned) (st->st_mode & 07777));
    perms->owner = virtAsprintf("%u", (unsigned) st->st_uid);
    perms->group = virtAsprintf("%u", (unsigned) st->st_gid);
}

static void setTimestamps(virtStorageVolVolTimestamps **tsp, const struct stat *st)
{
    if (*tsp)
        virtXMLModelFree(&virtXMLElem_storagevol_vol_timestamps, *tsp);
    virtStorageVolVolTimestamps *ts = *tsp = virtAlloc(sizeof(*ts));
    ts->atime = timestamp(&st->st_atim);
    ts->mtime = timestamp(&st->st_mtim);
    ts->ctime = timestamp(&st->st_ctim);
    ts->btime = virtStrdup("0");   /* libvirt 9.0 reads no birth time */
}

int storageVolStat(virConnectPtr conn, virtStorageVolDef *vol, bool withTimestamps)
{
    struct stat st;
    const char *path = vol->target->path;
    if (stat(path, &st) < 0) {
        STORAGE_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "cannot stat file '%s': %s", path, strerror(errno));
        return -1;
    }
    vol->allocation = (unsigned long long) st.st_blocks * 512;
    vol->allocation_set = true;
    if (S_ISREG(st.st_mode)) {
        vol->physical = (unsigned long long) st.st_size;
        vol->physical_set = true;
    }
    setPerms(&vol->target->permissions, &st);
    if (withTimestamps)
        setTimestamps(&vol->target->timestamps, &st);
    return 0;
}

void storagePoolTargetPerms(virtStoragePoolDef *def, const char *path)
{
    struct stat st;
    if (!def->target || stat(path, &st) < 0)
        return;
    virtStoragePoolStoragePerms *perms = def->target->permissions;
    if (!perms)
        perms = def->target->permissions = virtAlloc(sizeof(*perms));
    free(perms->mode);
    perms->mode = virtAsprintf("0%o", (unsigned) (st.st_mode & 07777));
    perms->owner = (int) st.st_uid;
    perms->owner_set = true;
    perms->group = (int) st.st_gid;
    perms->group_set = true;
}

static uint64_t be64(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | p[i];
    return v;
}

static uint64_t le64(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t) p[0] << 24 | (uint32_t) p[1] << 16 | (uint32_t) p[2] << 8 | p[3];
}

#define QCOW2_EXT_BACKING_FORMAT 0xE2792ACAu

/* A qcow2 header: its virtual size, backing file and the format the
 * header extension names for it. */
static void qcow2Info(const unsigned char *h, size_t len, storageImageInfo *info)
{
    uint32_t version = be32(h + 4);
    info->capacity = be64(h + 24);
    info->compat = version >= 3 ? "1.1" : "0.10";
    uint32_t clusterBits = be32(h + 20);
    if (clusterBits < 64)
        info->clusterSize = 1ULL << clusterBits;
    if (version >= 3 && len >= 88) {
        /* incompatible bit 4: extended L2 entries; compatible bit 0: lazy refcounts */
        info->extendedL2 = (be64(h + 72) >> 4) & 1;
        info->lazyRefcounts = be64(h + 80) & 1;
    }
    uint64_t boff = be64(h + 8);
    uint32_t blen = be32(h + 16);
    if (boff && blen && boff + blen <= len)
        info->backing = virtStrndup((const char *) h + boff, blen);
    size_t ext = version >= 3 && len >= 104 ? be32(h + 100) : 72;
    while (ext + 8 <= len) {
        uint32_t type = be32(h + ext), elen = be32(h + ext + 4);
        if (type == 0 || ext + 8 + elen > len)
            break;
        if (type == QCOW2_EXT_BACKING_FORMAT)
            info->backingFormat = virtStrndup((const char *) h + ext + 8, elen);
        ext += 8 + ((elen + 7) & ~7u);
    }
}

int storageImageProbe(const char *path, storageImageInfo *info)
{
    unsigned char h[65536];
    memset(info, 0, sizeof(*info));
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return -1;
    ssize_t n = pread(fd, h, sizeof(h), 0);
    close(fd);
    if (n < 0)
        return -1;
    size_t len = (size_t) n;
    info->format = "raw";
    if (len >= 72 && memcmp(h, "QFI\xfb", 4) == 0) {
        uint32_t version = be32(h + 4);
        info->format = version == 1 ? "qcow" : "qcow2";
        if (version >= 2)
            qcow2Info(h, len, info);
        else
            info->capacity = be64(h + 24);
    } else if (len >= 56 && memcmp(h, "QED\0", 4) == 0) {
        info->format = "qed";
        info->capacity = le64(h + 48);
    } else if (len >= 20 && memcmp(h, "KDMV", 4) == 0) {
        info->format = "vmdk";
        info->capacity = le64(h + 12) * 512;   /* in sectors */
    }
    return 0;
}

void storageImageInfoClear(storageImageInfo *info)
{
    free(info->backing);
    free(info->backingFormat);
    memset(info, 0, sizeof(*info));
}
