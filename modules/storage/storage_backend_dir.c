/* storage_backend_dir.c: the dir pool type: a folder of the host whose
 * files are the volumes. Sizes of the pool are those of the file system
 * the folder is on. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "storage_driver.h"
#include "storage_image.h"
#include "util.h"

/* A new pool folder's mode, as libvirt makes it. */
#define POOL_DIR_MODE 0711

static const char *poolPath(const storagePool *pool)
{
    return virtStoragePoolDefTargetPath(pool->def);
}

static int dirBuild(virConnectPtr conn, storagePool *pool, unsigned int flags)
{
    STORAGE_CHECK_FLAGS_AS(flags, VIR_STORAGE_POOL_BUILD_OVERWRITE | VIR_STORAGE_POOL_BUILD_NO_OVERWRITE,
                           "virStorageBackendFileSystemBuild", -1);
    const char *path = poolPath(pool);
    const virtStoragePoolStoragePerms *perms = pool->def->target->permissions;
    int mode = perms && perms->mode ? (int) strtol(perms->mode, NULL, 8) : POOL_DIR_MODE;
    char *parent = virtStrdup(path);
    char *slash = strrchr(parent, '/');
    if (slash && slash != parent) {
        *slash = '\0';
        if (storageMakeDirs(parent, 0755) < 0) {
            STORAGE_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "cannot create path '%s': %s", parent, strerror(errno));
            free(parent);
            return -1;
        }
    }
    free(parent);
    if (mkdir(path, (mode_t) mode) < 0 && errno != EEXIST) {
        STORAGE_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "cannot create path '%s': %s", path, strerror(errno));
        return -1;
    }
    if (chmod(path, (mode_t) mode) < 0) {
        STORAGE_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "cannot set mode of '%s' to %04o: %s", path, mode,
                      strerror(errno));
        return -1;
    }
    if (perms && (perms->owner_set || perms->group_set) &&
        chown(path, perms->owner_set ? (uid_t) perms->owner : (uid_t) -1,
              perms->group_set ? (gid_t) perms->group : (gid_t) -1) < 0) {
        STORAGE_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "cannot chown '%s' to (%d, %d): %s", path,
                      perms->owner, perms->group, strerror(errno));
        return -1;
    }
    return 0;
}

/* One entry of the folder as a volume; 1 when it is not one (a socket, a
 * dangling link), -1 after an error. */
static int scanEntry(virConnectPtr conn, storagePool *pool, const char *name)
{
    char *path = virtAsprintf("%s/%s", poolPath(pool), name);
    struct stat st;
    int rc = 1;
    if (stat(path, &st) < 0 || !(S_ISREG(st.st_mode) || S_ISDIR(st.st_mode) || S_ISBLK(st.st_mode))) {
        free(path);
        return 1;
    }
    virtStorageVolDef *def = virtAlloc(sizeof(*def));
    def->name = virtStrdup(name);
    def->type = virtStrdup(S_ISDIR(st.st_mode) ? "dir" : S_ISBLK(st.st_mode) ? "block" : "file");
    def->key = virtStrdup(path);
    def->target = virtAlloc(sizeof(*def->target));
    def->target->path = path;
    if (S_ISDIR(st.st_mode)) {
        def->target->format = virtAlloc(sizeof(*def->target->format));
        def->target->format->type = virtStrdup("dir");
    }
    if (storageImageRefresh(conn, def, !S_ISDIR(st.st_mode)) < 0) {
        virtStorageVolDefFree(def);
        return -1;
    }
    storageVol *v = virtAlloc(sizeof(*v));
    v->def = def;
    storageVol **pp = &pool->vols;
    while (*pp)
        pp = &(*pp)->next;
    *pp = v;
    rc = 0;
    return rc;
}

static int dirRefresh(virConnectPtr conn, storagePool *pool)
{
    const char *path = poolPath(pool);
    DIR *d = opendir(path);
    struct statvfs sv;
    struct dirent *e;
    if (!d) {
        STORAGE_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "cannot open directory '%s': %s", path, strerror(errno));
        return -1;
    }
    storagePoolClearVols(pool);
    /* sorted as readdir gives them: libvirt lists in the same order */
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (scanEntry(conn, pool, e->d_name) < 0) {
            closedir(d);
            storagePoolClearVols(pool);
            return -1;
        }
    }
    closedir(d);
    if (statvfs(path, &sv) < 0) {
        STORAGE_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "cannot statvfs path '%s': %s", path, strerror(errno));
        storagePoolClearVols(pool);
        return -1;
    }
    pool->def->capacity = (unsigned long long) sv.f_frsize * sv.f_blocks;
    pool->def->available = (unsigned long long) sv.f_frsize * sv.f_bfree;
    pool->def->allocation = pool->def->capacity - pool->def->available;
    pool->def->capacity_set = pool->def->allocation_set = pool->def->available_set = true;
    storagePoolTargetPerms(pool->def, path);
    return 0;
}

static int dirRemove(virConnectPtr conn, storagePool *pool, unsigned int flags)
{
    STORAGE_CHECK_FLAGS_AS(flags, 0, "virStorageBackendDeleteLocal", -1);
    const char *path = poolPath(pool);
    if (rmdir(path) < 0 && errno != ENOENT) {
        STORAGE_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "failed to remove pool '%s': %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

static int dirVolPlace(virConnectPtr conn, storagePool *pool, virtStorageVolDef *vol)
{
    if (strchr(vol->name, '/')) {
        STORAGE_ERROR(conn, VIR_ERR_OPERATION_INVALID, "volume name '%s' cannot contain '/'", vol->name);
        return -1;
    }
    bool isDir = vol->target->format && virtStrEq(vol->target->format->type, "dir");
    free(vol->type);
    vol->type = virtStrdup(isDir ? "dir" : "file");
    free(vol->target->path);
    vol->target->path = virtAsprintf("%s/%s", poolPath(pool), vol->name);
    free(vol->key);
    vol->key = virtStrdup(vol->target->path);
    /* a file the pool has not seen yet is not to be overwritten */
    struct stat st;
    if (lstat(vol->target->path, &st) == 0) {
        STORAGE_ERROR(conn, VIR_ERR_OPERATION_INVALID, "volume target path '%s' already exists",
                      vol->target->path);
        return -1;
    }
    return 0;
}

static int dirVolBuild(virConnectPtr conn, storagePool *pool, virtStorageVolDef *vol,
                       const virtStorageVolDef *src, unsigned int flags)
{
    (void) pool;
    const virtStorageVolVolEncryption *enc = vol->target->encryption;
    if (enc) {
        /* libvirt wants exactly one passphrase secret, then asks the
         * secret driver for it, which this increment has not got */
        if (enc->nsecret != 1 || !virtStrEq(enc->secret[0]->type, "passphrase")) {
            STORAGE_ERROR(conn, VIR_ERR_INVALID_ARG, "%s",
                          "A single <secret type='passphrase'...> element is expected in encryption description");
            return -1;
        }
        STORAGE_ERROR(conn, VIR_ERR_CONFIG_UNSUPPORTED, "%s", "encrypted volumes are not supported yet");
        return -1;
    }
    return storageImageCreate(conn, vol, src, flags);
}

static int dirVolRefresh(virConnectPtr conn, storagePool *pool, virtStorageVolDef *vol)
{
    (void) pool;
    return storageImageRefresh(conn, vol, false);
}

static int dirVolDelete(virConnectPtr conn, storagePool *pool, virtStorageVolDef *vol, unsigned int flags)
{
    (void) pool;
    STORAGE_CHECK_FLAGS_AS(flags, 0, "virStorageBackendVolDeleteLocal", -1);
    const char *path = vol->target->path;
    int rc = virtStrEq(vol->type, "dir") ? rmdir(path) : unlink(path);
    if (rc < 0 && errno != ENOENT) {
        STORAGE_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "cannot unlink file '%s': %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

static int dirVolResize(virConnectPtr conn, storagePool *pool, virtStorageVolDef *vol,
                        unsigned long long capacity, unsigned int flags)
{
    (void) pool;
    return storageImageResize(conn, vol, capacity, flags);
}

/* Wipe with zeros: a sparse file is cut to nothing and grown again; a
 * full one is overwritten. Other algorithms go to scrub(1). */
static int dirVolWipe(virConnectPtr conn, storagePool *pool, virtStorageVolDef *vol, unsigned int algorithm)
{
    static const char *const scrubNames[] = {
        [VIR_STORAGE_VOL_WIPE_ALG_NNSA] = "nnsa", [VIR_STORAGE_VOL_WIPE_ALG_DOD] = "dod",
        [VIR_STORAGE_VOL_WIPE_ALG_BSI] = "bsi", [VIR_STORAGE_VOL_WIPE_ALG_GUTMANN] = "gutmann",
        [VIR_STORAGE_VOL_WIPE_ALG_SCHNEIER] = "schneier", [VIR_STORAGE_VOL_WIPE_ALG_PFITZNER7] = "pfitzner7",
        [VIR_STORAGE_VOL_WIPE_ALG_PFITZNER33] = "pfitzner33", [VIR_STORAGE_VOL_WIPE_ALG_RANDOM] = "random",
    };
    const char *path = vol->target->path;
    (void) pool;
    if (algorithm == VIR_STORAGE_VOL_WIPE_ALG_TRIM) {
        STORAGE_ERROR(conn, VIR_ERR_ARGUMENT_UNSUPPORTED, "%s", "'trim' algorithm not supported");
        return -1;
    }
    if (algorithm != VIR_STORAGE_VOL_WIPE_ALG_ZERO) {
        const char *argv[] = { "scrub", "-f", "-p", scrubNames[algorithm], path, NULL };
        return storageRun(conn, argv, NULL);
    }
    int fd = open(path, O_RDWR | O_CLOEXEC);
    struct stat st;
    int rc = -1;
    if (fd < 0 || fstat(fd, &st) < 0) {
        STORAGE_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "Failed to open storage volume with path '%s': %s", path,
                      strerror(errno));
        goto out;
    }
    if (S_ISREG(st.st_mode) && st.st_blocks < st.st_size / 512) {
        if (ftruncate(fd, 0) < 0 || ftruncate(fd, st.st_size) < 0) {
            STORAGE_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "Failed to truncate volume with path '%s' to %lld bytes: %s",
                          path, (long long) st.st_size, strerror(errno));
            goto out;
        }
    } else {
        static const char zeros[65536];
        unsigned long long left = vol->allocation, off = 0;
        while (left) {
            size_t n = left < sizeof(zeros) ? (size_t) left : sizeof(zeros);
            ssize_t w = pwrite(fd, zeros, n, (off_t) off);
            if (w <= 0) {
                STORAGE_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "Failed to write %zu bytes to storage volume with path '%s': %s",
                              n, path, strerror(errno));
                goto out;
            }
            left -= (unsigned long long) w;
            off += (unsigned long long) w;
        }
        if (fsync(fd) < 0) {
            STORAGE_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "cannot sync data to file '%s': %s", path, strerror(errno));
            goto out;
        }
    }
    rc = 0;
 out:
    if (fd >= 0)
        close(fd);
    return rc;
}

const storageBackend storageBackendDir = {
    .type = "dir",
    .build = dirBuild,
    .refresh = dirRefresh,
    .remove = dirRemove,
    .volPlace = dirVolPlace,
    .volBuild = dirVolBuild,
    .volRefresh = dirVolRefresh,
    .volDelete = dirVolDelete,
    .volResize = dirVolResize,
    .volWipe = dirVolWipe,
};
