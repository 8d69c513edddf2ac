/* storage_image.c: volume images in files, shared by the backends that
 * keep volumes as files: making a raw file or, through qemu-img, any other
 * format; copying one volume into another (converting through qemu-img
 * when either is not raw); resizing; and reading a file back into a
 * volume definition (sizes, format, backing store). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "storage_driver.h"
#include "storage_image.h"
#include "util.h"

static const char *volFormat(const virtStorageVolDef *def)
{
    const virtStorageVolVolTarget *t = def->target;
    return t && t->format && t->format->type ? t->format->type : "raw";
}

static int volMode(const virtStorageVolDef *def)
{
    const virtStorageVolVolPerms *perms = def->target ? def->target->permissions : NULL;
    return perms && perms->mode ? (int) strtol(perms->mode, NULL, 8) : 0600;
}

/* The owner and group the definition asks for (-1: leave as made). */
static void applyOwner(const virtStorageVolDef *def, const char *path)
{
    const virtStorageVolVolPerms *perms = def->target ? def->target->permissions : NULL;
    if (perms && (perms->owner || perms->group)) {
        uid_t uid = perms->owner ? (uid_t) strtol(perms->owner, NULL, 10) : (uid_t) -1;
        gid_t gid = perms->group ? (gid_t) strtol(perms->group, NULL, 10) : (gid_t) -1;
        if (chown(path, uid, gid) < 0) {
            /* not fatal: an unprivileged daemon keeps its own ids */
        }
    }
}

/* Write zeros from offset for len bytes by allocating them. */
static int allocateRange(int fd, unsigned long long offset, unsigned long long len)
{
    if (!len)
        return 0;
    int rc = posix_fallocate(fd, (off_t) offset, (off_t) len);
    if (rc == 0)
        return 0;
    if (rc != EOPNOTSUPP && rc != EINVAL) {
        errno = rc;
        return -1;
    }
    /* a file system without fallocate: write the zeros */
    static const char zeros[65536];
    if (lseek(fd, (off_t) offset, SEEK_SET) < 0)
        return -1;
    while (len) {
        size_t n = len < sizeof(zeros) ? (size_t) len : sizeof(zeros);
        ssize_t w = write(fd, zeros, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        len -= (unsigned long long) w;
    }
    return 0;
}

/* Copy src's bytes into fd; with sparse, leave holes where src has runs
 * of zeros. */
static int copyData(virConnectPtr conn, const char *src, int fd, const char *dst, bool sparse)
{
    int in = open(src, O_RDONLY | O_CLOEXEC);
    char buf[65536];
    off_t off = 0;
    int rc = -1;
    if (in < 0) {
        STORAGE_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "cannot open volume '%s': %s", src, strerror(errno));
        return -1;
    }
    for (;;) {
        ssize_t n = read(in, buf, sizeof(buf));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            STORAGE_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "failed reading from file '%s': %s", src, strerror(errno));
            goto out;
        }
        if (n == 0)
            break;
        bool zero = sparse;
        for (ssize_t i = 0; i < n && zero; i++)
            zero = buf[i] == 0;
        if (!zero && pwrite(fd, buf, (size_t) n, off) != n) {
            STORAGE_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "failed writing to file '%s': %s", dst, strerror(errno));
            goto out;
        }
        off += n;
    }
    if (ftruncate(fd, off) < 0) {
        STORAGE_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "cannot extend file '%s': %s", dst, strerror(errno));
        goto out;
    }
    rc = 0;
 out:
    close(in);
    return rc;
}

static int createRaw(virConnectPtr conn, const virtStorageVolDef *def, const virtStorageVolDef *src)
{
    const char *path = def->target->path;
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, (mode_t) volMode(def));
    if (fd < 0) {
        STORAGE_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "cannot create path '%s': %s", path, strerror(errno));
        return -1;
    }
    int rc = -1;
    /* libvirt keeps a copy sparse only when the new volume is asked to
     * be allocated less than its size */
    bool sparse = def->allocation < def->capacity;
    if (src && copyData(conn, src->target->path, fd, path, sparse) < 0)
        goto out;
    struct stat st;
    unsigned long long have = fstat(fd, &st) == 0 ? (unsigned long long) st.st_size : 0;
    if (def->capacity > have && ftruncate(fd, (off_t) def->capacity) < 0) {
        STORAGE_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "cannot extend file '%s': %s", path, strerror(errno));
        goto out;
    }
    if (!src || !sparse) {
        /* an allocation beyond the capacity grows the file, as in libvirt */
        if (allocateRange(fd, 0, def->allocation) < 0) {
            STORAGE_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "cannot allocate %llu bytes in file '%s': %s",
                          def->allocation, path, strerror(errno));
            goto out;
        }
    }
    if (fchmod(fd, (mode_t) volMode(def)) < 0 || fsync(fd) < 0) {
        STORAGE_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "cannot set up file '%s': %s", path, strerror(errno));
        goto out;
    }
    rc = 0;
 out:
    close(fd);
    if (rc < 0)
        unlink(path);
    else
        applyOwner(def, path);
    return rc;
}

static bool needsQemuImg(virConnectPtr conn)
{
    if (storageHaveProgram("qemu-img"))
        return true;
    STORAGE_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "%s",
                  "creation of non-raw file images is not supported without qemu-img.");
    return false;
}

/* qemu-img's -o for the target: compat for qcow2, as libvirt passes. */
static char *createOptions(const virtStorageVolDef *def)
{
    const char *fmt = volFormat(def);
    if (strcmp(fmt, "qcow2") != 0)
        return NULL;
    const virtStorageVolVolTarget *t = def->target;
    virtBuf b = { 0 };
    virtBufPrintf(&b, "compat=%s", t->compat ? t->compat : "1.1");
    if (t->clusterSize && t->clusterSize->text)
        virtBufPrintf(&b, ",cluster_size=%s", t->clusterSize->text);
    if (t->features && t->features->lazy_refcounts)
        virtBufAdd(&b, ",lazy_refcounts");
    if (t->features && t->features->extended_l2)
        virtBufAdd(&b, ",extended_l2=on");
    return virtBufSteal(&b);
}

static int createWithQemuImg(virConnectPtr conn, const virtStorageVolDef *def,
                             const virtStorageVolDef *src, unsigned int flags)
{
    const char *path = def->target->path;
    char *opts = createOptions(def);
    char *size = virtAsprintf("%lluK", (def->capacity + 1023) / 1024);
    const char *argv[20];
    int n = 0;
    argv[n++] = "qemu-img";
    if (src) {
        argv[n++] = "convert";
        argv[n++] = "-f";
        argv[n++] = volFormat(src);
        argv[n++] = "-O";
        argv[n++] = volFormat(def);
    } else {
        argv[n++] = "create";
        argv[n++] = "-f";
        argv[n++] = volFormat(def);
        if (def->backingStore) {
            argv[n++] = "-b";
            argv[n++] = def->backingStore->path;
            argv[n++] = "-F";
            argv[n++] = def->backingStore->format && def->backingStore->format->type
                        ? def->backingStore->format->type : "raw";
        }
    }
    char *allopts = NULL;
    /* as libvirt: a volume as large as it is allocated is preallocated
     * whole, a sparser one only in its metadata */
    if ((flags & VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA) && strcmp(volFormat(def), "qcow2") == 0)
        allopts = virtAsprintf("%s%spreallocation=%s", opts ? opts : "", opts ? "," : "",
                               def->allocation < def->capacity ? "metadata" : "falloc");
    else
        allopts = virtStrdup(opts);
    if (allopts) {
        argv[n++] = "-o";
        argv[n++] = allopts;
    }
    if (src)
        argv[n++] = src->target->path;
    argv[n++] = path;
    if (!src)
        argv[n++] = size;
    argv[n] = NULL;
    int rc = storageRun(conn, argv, NULL);
    if (rc < 0) {
        unlink(path);
    } else if (chmod(path, (mode_t) volMode(def)) < 0) {
        STORAGE_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "cannot set mode of '%s': %s", path, strerror(errno));
        unlink(path);
        rc = -1;
    } else {
        applyOwner(def, path);
    }
    free(opts);
    free(allopts);
    free(size);
    return rc;
}

int storageImageCreate(virConnectPtr conn, const virtStorageVolDef *def, const virtStorageVolDef *src,
                       unsigned int flags)
{
    const char *fmt = volFormat(def);
    if (strcmp(fmt, "dir") == 0) {
        /* libvirt gives the folder the file mode, 0600 unless asked */
        if (mkdir(def->target->path, (mode_t) volMode(def)) < 0 ||
            chmod(def->target->path, (mode_t) volMode(def)) < 0) {
            STORAGE_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "cannot create path '%s': %s", def->target->path,
                          strerror(errno));
            return -1;
        }
        return 0;
    }
    if (strcmp(fmt, "raw") == 0 && (flags & VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA)) {
        STORAGE_ERROR(conn, VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                      "metadata preallocation is not supported for raw volumes");
        return -1;
    }
    if (strcmp(fmt, "raw") == 0 && def->backingStore) {
        STORAGE_ERROR(conn, VIR_ERR_NO_SUPPORT, "%s", "backing storage not supported for raw volumes");
        return -1;
    }
    bool raw = strcmp(fmt, "raw") == 0 && (!src || strcmp(volFormat(src), "raw") == 0);
    if (raw && !def->backingStore)
        return createRaw(conn, def, src);
    if (!needsQemuImg(conn))
        return -1;
    if (def->backingStore && access(def->backingStore->path, F_OK) < 0) {
        STORAGE_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "inaccessible backing store volume %s: %s",
                      def->backingStore->path, strerror(errno));
        return -1;
    }
    return createWithQemuImg(conn, def, src, flags);
}

int storageImageResize(virConnectPtr conn, const virtStorageVolDef *def, unsigned long long capacity,
                       unsigned int flags)
{
    const char *path = def->target->path;
    const char *fmt = volFormat(def);
    if (strcmp(fmt, "raw") == 0) {
        int fd = open(path, O_WRONLY | O_CLOEXEC);
        int rc = -1;
        if (fd < 0) {
            STORAGE_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "Unable to open '%s': %s", path, strerror(errno));
            return -1;
        }
        /* as libvirt: --allocate allocates the whole new size */
        if ((flags & VIR_STORAGE_VOL_RESIZE_ALLOCATE) && allocateRange(fd, 0, capacity) < 0)
            STORAGE_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "Failed to preallocate space for file '%s': %s",
                          path, strerror(errno));
        else if (ftruncate(fd, (off_t) capacity) < 0)
            STORAGE_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "Failed to truncate file '%s': %s", path, strerror(errno));
        else
            rc = 0;
        close(fd);
        return rc;
    }
    if (!storageHaveProgram("qemu-img")) {
        STORAGE_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "%s", "unable to find qemu-img");
        return -1;
    }
    char *size = virtAsprintf("%llu", capacity);
    const char *argv[8];
    int n = 0;
    argv[n++] = "qemu-img";
    argv[n++] = "resize";
    if (flags & VIR_STORAGE_VOL_RESIZE_SHRINK)
        argv[n++] = "--shrink";
    if (flags & VIR_STORAGE_VOL_RESIZE_ALLOCATE)
        argv[n++] = "--preallocation=falloc";
    argv[n++] = path;
    argv[n++] = size;
    argv[n] = NULL;
    int rc = storageRun(conn, argv, NULL);
    free(size);
    return rc;
}

/* The backing file as libvirt names it: absolute, relative paths taken
 * from the image's own folder. */
static char *backingPath(const char *image, const char *backing)
{
    if (backing[0] == '/')
        return virtStrdup(backing);
    const char *slash = strrchr(image, '/');
    if (!slash)
        return virtStrdup(backing);
    return virtAsprintf("%.*s/%s", (int) (slash - image), image, backing);
}

int storageImageRefresh(virConnectPtr conn, virtStorageVolDef *def, bool probeFormat)
{
    storageImageInfo info;
    if (storageVolStat(conn, def, true) < 0)
        return -1;
    if (virtStrEq(def->type, "dir")) {
        /* libvirt gives a folder no size */
        def->capacity = def->allocation = 0;
        def->capacity_set = def->allocation_set = true;
        def->physical_set = false;
        return 0;
    }
    if (storageImageProbe(def->target->path, &info) < 0) {
        STORAGE_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "cannot open volume '%s': %s", def->target->path,
                      strerror(errno));
        return -1;
    }
    if (probeFormat) {
        virtStorageVolVolTarget *t = def->target;
        if (!t->format)
            t->format = virtAlloc(sizeof(*t->format));
        free(t->format->type);
        t->format->type = virtStrdup(info.format);
        /* what libvirt reads from a qcow2 header it finds */
        if (info.compat) {
            free(t->compat);
            t->compat = virtStrdup(info.compat);
            if (!t->clusterSize && info.clusterSize) {
                t->clusterSize = virtAlloc(sizeof(*t->clusterSize));
                t->clusterSize->unit = virtStrdup("B");
                t->clusterSize->text = virtAsprintf("%llu", info.clusterSize);
            }
            if (!t->features)
                t->features = virtAlloc(sizeof(*t->features));
            t->features->lazy_refcounts = info.lazyRefcounts;
            t->features->extended_l2 = info.extendedL2;
        }
    }
    def->capacity = info.capacity && strcmp(volFormat(def), "raw") != 0 ? info.capacity : def->physical;
    def->capacity_set = true;
    if (def->backingStore) {
        virtXMLModelFree(&virtXMLElem_storagevol_vol_backing, def->backingStore);
        def->backingStore = NULL;
    }
    if (info.backing && strcmp(volFormat(def), "raw") != 0) {
        virtStorageVolVolBacking *b = def->backingStore = virtAlloc(sizeof(*b));
        b->path = backingPath(def->target->path, info.backing);
        b->format = virtAlloc(sizeof(*b->format));
        if (info.backingFormat) {
            b->format->type = virtStrdup(info.backingFormat);
        } else {
            storageImageInfo binfo;
            b->format->type = virtStrdup(storageImageProbe(b->path, &binfo) == 0 ? binfo.format : "raw");
            storageImageInfoClear(&binfo);
        }
        /* the backing file's permissions as its own volume would show them */
        virtStorageVolVolTarget target = { .path = b->path };
        virtStorageVolDef tmp = { .target = &target };
        if (storageVolStat(NULL, &tmp, true) == 0) {
            b->permissions = target.permissions;
            b->timestamps = target.timestamps;
        } else {
            virtXMLModelFree(&virtXMLElem_storagevol_vol_perms, target.permissions);
        }
    }
    storageImageInfoClear(&info);
    return 0;
}
