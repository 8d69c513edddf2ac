/* storage_backend_logical.c: the logical pool type: an LVM volume group
 * whose logical volumes are the volumes, driven through the lvm2 tools
 * (pvcreate, vgcreate, vgchange, vgs, lvs, lvcreate, lvresize, lvremove,
 * vgremove, pvremove) as libvirt drives them. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "storage_driver.h"
#include "util.h"

static const char *vgName(const storagePool *pool)
{
    return pool->def->source && pool->def->source->name ? pool->def->source->name : pool->def->name;
}

static int lvmBuild(virConnectPtr conn, storagePool *pool, unsigned int flags)
{
    STORAGE_CHECK_FLAGS_AS(flags, VIR_STORAGE_POOL_BUILD_OVERWRITE | VIR_STORAGE_POOL_BUILD_NO_OVERWRITE,
                           "virStorageBackendLogicalBuildPool", -1);
    const virtStoragePoolPoolSource *src = pool->def->source;
    if (!src || !src->ndevice) {
        STORAGE_ERROR(conn, VIR_ERR_OPERATION_INVALID, "%s", "missing source device");
        return -1;
    }
    const char **vgcreate = virtAlloc((src->ndevice + 3) * sizeof(*vgcreate));
    size_t n = 0;
    int rc = -1;
    vgcreate[n++] = "vgcreate";
    vgcreate[n++] = vgName(pool);
    for (size_t i = 0; i < src->ndevice; i++) {
        const char *dev = src->device[i]->path;
        if (flags & VIR_STORAGE_POOL_BUILD_NO_OVERWRITE) {
            const char *check[] = { "pvs", "--noheadings", dev, NULL };
            if (storageRun(NULL, check, NULL) == 0) {
                STORAGE_ERROR(conn, VIR_ERR_OPERATION_INVALID,
                              "Device '%s' is already in use as a physical volume", dev);
                goto out;
            }
        }
        const char *pvcreate[] = { "pvcreate", "-ff", "-y", dev, NULL };
        if (storageRun(conn, pvcreate, NULL) < 0)
            goto out;
        vgcreate[n++] = dev;
    }
    vgcreate[n] = NULL;
    rc = storageRun(conn, vgcreate, NULL);
 out:
    free(vgcreate);
    return rc;
}

static int lvmStart(virConnectPtr conn, storagePool *pool)
{
    const char *argv[] = { "vgchange", "-aly", vgName(pool), NULL };
    return storageRun(conn, argv, NULL);
}

static int lvmStop(virConnectPtr conn, storagePool *pool)
{
    const char *argv[] = { "vgchange", "-aln", vgName(pool), NULL };
    return storageRun(conn, argv, NULL);
}

static int lvmRemove(virConnectPtr conn, storagePool *pool, unsigned int flags)
{
    STORAGE_CHECK_FLAGS_AS(flags, 0, "virStorageBackendLogicalDeletePool", -1);
    const char *vgremove[] = { "vgremove", "-f", vgName(pool), NULL };
    if (storageRun(conn, vgremove, NULL) < 0)
        return -1;
    const virtStoragePoolPoolSource *src = pool->def->source;
    for (size_t i = 0; src && i < src->ndevice; i++) {
        const char *pvremove[] = { "pvremove", src->device[i]->path, NULL };
        if (storageRun(conn, pvremove, NULL) < 0)
            return -1;
    }
    return 0;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

/* Split line at sep into at most max fields; returns the count. */
static size_t splitFields(char *line, char sep, char **fields, size_t max)
{
    size_t n = 0;
    char *s = line;
    while (n < max) {
        fields[n++] = s;
        char *e = strchr(s, sep);
        if (!e)
            break;
        *e = '\0';
        s = e + 1;
    }
    return n;
}

/* One line of lvs: name#uuid#devices#seg_size#extent_size#size#attr. */
static void addLV(storagePool *pool, char *line)
{
    char *f[7];
    if (splitFields(trim(line), '#', f, 7) < 7 || !*f[0])
        return;
    const char *name = trim(f[0]);
    storageVol *v = storageVolFind(pool, name);
    if (!v) {
        v = virtAlloc(sizeof(*v));
        virtStorageVolDef *def = v->def = virtAlloc(sizeof(*def));
        def->name = virtStrdup(name);
        def->type = virtStrdup("block");
        def->key = virtStrdup(trim(f[1]));
        def->target = virtAlloc(sizeof(*def->target));
        def->target->path = virtAsprintf("%s/%s", virtStoragePoolDefTargetPath(pool->def), name);
        def->source = virtAlloc(sizeof(*def->source));
        storageVol **pp = &pool->vols;
        while (*pp)
            pp = &(*pp)->next;
        *pp = v;
    }
    virtStorageVolDef *def = v->def;
    unsigned long long segSize = strtoull(f[3], NULL, 10), extent = strtoull(f[4], NULL, 10);
    def->capacity = strtoull(f[5], NULL, 10);
    def->allocation += segSize;
    def->capacity_set = def->allocation_set = true;
    /* devices: /dev/loop0(12) -- the physical extent the segment starts at */
    char *dev = trim(f[2]), *paren = strchr(dev, '(');
    if (paren) {
        unsigned long long first = strtoull(paren + 1, NULL, 10);
        *paren = '\0';
        virtStorageVolVolSource *src = def->source;
        virtStorageVolVolSourceDevice *d = NULL;
        for (size_t i = 0; i < src->ndevice; i++)
            if (strcmp(src->device[i]->path, dev) == 0)
                d = src->device[i];
        if (!d) {
            src->device = virtRealloc(src->device, (src->ndevice + 1) * sizeof(*src->device));
            d = src->device[src->ndevice++] = virtAlloc(sizeof(*d));
            d->path = virtStrdup(dev);
        }
        d->extent = virtRealloc(d->extent, (d->nextent + 1) * sizeof(*d->extent));
        virtStorageVolVolSourceDeviceExtent *x = d->extent[d->nextent++] = virtAlloc(sizeof(*x));
        x->start = first * extent;
        x->end = x->start + segSize;
        x->start_set = x->end_set = true;
    }
}

static int lvmRefresh(virConnectPtr conn, storagePool *pool)
{
    const char *vgs[] = { "vgs", "--separator", ":", "--noheadings", "--units", "b", "--unbuffered",
                          "--nosuffix", "--options", "vg_size,vg_free", vgName(pool), NULL };
    const char *lvs[] = { "lvs", "--separator", "#", "--noheadings", "--units", "b", "--unbuffered",
                          "--nosuffix", "--options", "lv_name,uuid,devices,seg_size,vg_extent_size,size,lv_attr",
                          vgName(pool), NULL };
    char *out = NULL, *f[2];
    if (storageRun(conn, vgs, &out) < 0)
        return -1;
    if (splitFields(trim(out), ':', f, 2) < 2) {
        STORAGE_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "cannot read the size of volume group '%s'", vgName(pool));
        free(out);
        return -1;
    }
    pool->def->capacity = strtoull(f[0], NULL, 10);
    pool->def->available = strtoull(f[1], NULL, 10);
    pool->def->allocation = pool->def->capacity - pool->def->available;
    pool->def->capacity_set = pool->def->allocation_set = pool->def->available_set = true;
    free(out);
    out = NULL;
    if (storageRun(conn, lvs, &out) < 0)
        return -1;
    storagePoolClearVols(pool);
    char *save = NULL;
    for (char *line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
        addLV(pool, line);
    free(out);
    for (storageVol *v = pool->vols; v; v = v->next)
        storageVolStat(NULL, v->def, true);
    return 0;
}

static int lvmVolPlace(virConnectPtr conn, storagePool *pool, virtStorageVolDef *vol)
{
    if (strchr(vol->name, '/')) {
        STORAGE_ERROR(conn, VIR_ERR_OPERATION_INVALID, "volume name '%s' cannot contain '/'", vol->name);
        return -1;
    }
    free(vol->type);
    vol->type = virtStrdup("block");
    free(vol->target->path);
    vol->target->path = virtAsprintf("%s/%s", virtStoragePoolDefTargetPath(pool->def), vol->name);
    return 0;
}

/* Refresh one volume from lvs; the key (the LV's uuid) comes from there. */
static int lvmVolRefresh(virConnectPtr conn, storagePool *pool, virtStorageVolDef *vol)
{
    char *lv = virtAsprintf("%s/%s", vgName(pool), vol->name);
    const char *argv[] = { "lvs", "--noheadings", "--units", "b", "--nosuffix", "--options",
                           "uuid,size", lv, NULL };
    char *out = NULL, *f[2];
    int rc = storageRun(conn, argv, &out);
    free(lv);
    if (rc < 0)
        return -1;
    char *line = trim(out);
    for (char *s = line; *s; s++)
        if (*s == ' ')
            *s = '\t';
    if (splitFields(line, '\t', f, 2) == 2) {
        free(vol->key);
        vol->key = virtStrdup(trim(f[0]));
        char *size = f[1];
        while (*size == '\t')
            size++;
        vol->capacity = strtoull(size, NULL, 10);
        vol->allocation = vol->capacity;
        vol->capacity_set = vol->allocation_set = true;
    }
    free(out);
    return storageVolStat(conn, vol, true) < 0 ? -1 : 0;
}

/* Copy src's data onto the new device. */
static int copyInto(virConnectPtr conn, const char *src, const char *dst)
{
    int in = open(src, O_RDONLY | O_CLOEXEC), out = open(dst, O_WRONLY | O_CLOEXEC);
    char buf[65536];
    int rc = -1;
    if (in < 0 || out < 0) {
        STORAGE_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "cannot open '%s': %s", in < 0 ? src : dst, strerror(errno));
        goto out;
    }
    for (;;) {
        ssize_t n = read(in, buf, sizeof(buf));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            rc = n == 0 ? 0 : -1;
            break;
        }
        if (write(out, buf, (size_t) n) != n)
            break;
    }
    if (rc < 0)
        STORAGE_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "failed copying '%s' to '%s': %s", src, dst, strerror(errno));
 out:
    if (in >= 0)
        close(in);
    if (out >= 0)
        close(out);
    return rc;
}

static int lvmVolBuild(virConnectPtr conn, storagePool *pool, virtStorageVolDef *vol,
                       const virtStorageVolDef *src, unsigned int flags)
{
    STORAGE_CHECK_FLAGS_AS(flags, 0, "virStorageBackendLogicalBuildVol", -1);
    char *size = virtAsprintf("%lluK", (vol->capacity + 1023) / 1024);
    const char *argv[] = { "lvcreate", "--name", vol->name, "-L", size, vgName(pool), NULL };
    int rc = storageRun(conn, argv, NULL);
    free(size);
    if (rc == 0 && src && copyInto(conn, src->target->path, vol->target->path) < 0) {
        void *saved = storageCore->error_save();
        pool->backend->volDelete(NULL, pool, vol, 0);
        storageCore->error_restore(conn, saved);
        rc = -1;
    }
    return rc;
}

static int lvmVolDelete(virConnectPtr conn, storagePool *pool, virtStorageVolDef *vol, unsigned int flags)
{
    STORAGE_CHECK_FLAGS_AS(flags, 0, "virStorageBackendLogicalDeleteVol", -1);
    char *lv = virtAsprintf("%s/%s", vgName(pool), vol->name);
    const char *argv[] = { "lvremove", "-f", lv, NULL };
    int rc = storageRun(conn, argv, NULL);
    free(lv);
    return rc;
}

static int lvmVolResize(virConnectPtr conn, storagePool *pool, virtStorageVolDef *vol,
                        unsigned long long capacity, unsigned int flags)
{
    (void) flags;
    char *lv = virtAsprintf("%s/%s", vgName(pool), vol->name);
    char *size = virtAsprintf("%lluK", (capacity + 1023) / 1024);
    const char *argv[] = { "lvresize", "-f", "-L", size, lv, NULL };
    int rc = storageRun(conn, argv, NULL);
    free(lv);
    free(size);
    return rc;
}

static int lvmVolWipe(virConnectPtr conn, storagePool *pool, virtStorageVolDef *vol, unsigned int algorithm)
{
    (void) pool;
    if (algorithm != VIR_STORAGE_VOL_WIPE_ALG_ZERO) {
        STORAGE_ERROR(conn, VIR_ERR_ARGUMENT_UNSUPPORTED, "%s", "only the zero algorithm wipes logical volumes");
        return -1;
    }
    const char *path = vol->target->path;
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    static const char zeros[65536];
    unsigned long long left = vol->capacity;
    int rc = 0;
    if (fd < 0) {
        STORAGE_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "Failed to open storage volume with path '%s': %s", path,
                      strerror(errno));
        return -1;
    }
    while (left && rc == 0) {
        size_t n = left < sizeof(zeros) ? (size_t) left : sizeof(zeros);
        ssize_t w = write(fd, zeros, n);
        if (w <= 0) {
            STORAGE_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "Failed to write to storage volume with path '%s': %s",
                          path, strerror(errno));
            rc = -1;
        } else {
            left -= (unsigned long long) w;
        }
    }
    if (rc == 0 && fsync(fd) < 0) {
        STORAGE_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "cannot sync data to file '%s': %s", path, strerror(errno));
        rc = -1;
    }
    close(fd);
    return rc;
}

/* Every volume group of the host with its physical volumes, from pvs. */
static char *lvmFindSources(virConnectPtr conn, const char *srcSpec, unsigned int flags)
{
    STORAGE_CHECK_FLAGS_AS(flags, 0, "virStorageBackendLogicalFindPoolSources", NULL);
    (void) srcSpec;
    const char *scan[] = { "vgscan", NULL };
    const char *pvs[] = { "pvs", "--noheadings", "-o", "pv_name,vg_name", NULL };
    char *out = NULL, *save = NULL;
    storageRun(NULL, scan, NULL);   /* best effort, as libvirt: pvs reads the disks anyway */
    if (storageRun(conn, pvs, &out) < 0)
        return NULL;
    virtStoragePoolPoolSource **groups = NULL;
    size_t ngroups = 0;
    for (char *line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *fsave = NULL;
        char *pv = strtok_r(line, " \t", &fsave), *vg = pv ? strtok_r(NULL, " \t", &fsave) : NULL;
        if (!pv || !vg)
            continue;
        virtStoragePoolPoolSource *src = NULL;
        for (size_t i = 0; i < ngroups && !src; i++)
            if (strcmp(groups[i]->name, vg) == 0)
                src = groups[i];
        if (!src) {
            groups = virtRealloc(groups, (ngroups + 1) * sizeof(*groups));
            src = groups[ngroups++] = virtAlloc(sizeof(*src));
            src->name = virtStrdup(vg);
            src->format = virtAlloc(sizeof(*src->format));
            src->format->type = virtStrdup("lvm2");
        }
        src->device = virtRealloc(src->device, (src->ndevice + 1) * sizeof(*src->device));
        virtStoragePoolPoolSourceDevice *d = src->device[src->ndevice++] = virtAlloc(sizeof(*d));
        d->path = virtStrdup(pv);
    }
    free(out);
    virtBuf b = { 0 };
    virtBufAdd(&b, "<sources>\n");
    for (size_t i = 0; i < ngroups; i++) {
        virtXMLModelFormatElem(&b, &virtXMLElem_storagepool_pool_source, "source", groups[i], 2, 0);
        virtXMLModelFree(&virtXMLElem_storagepool_pool_source, groups[i]);
    }
    free(groups);
    virtBufAdd(&b, "</sources>\n");
    return virtBufSteal(&b);
}

const storageBackend storageBackendLogical = {
    .type = "logical",
    .build = lvmBuild,
    .start = lvmStart,
    .refresh = lvmRefresh,
    .stop = lvmStop,
    .remove = lvmRemove,
    .volPlace = lvmVolPlace,
    .volBuild = lvmVolBuild,
    .volRefresh = lvmVolRefresh,
    .volDelete = lvmVolDelete,
    .volResize = lvmVolResize,
    .volWipe = lvmVolWipe,
    .findSources = lvmFindSources,
};
