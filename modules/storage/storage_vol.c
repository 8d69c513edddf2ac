/* storage_vol.c: the volume slots of the storage table: creating, cloning,
 * deleting, wiping, resizing, finding and describing the volumes of
 * active pools. The backend of the pool type does the work on the host. */
#include <stdlib.h>
#include <string.h>

#include "storage_driver.h"
#include "storage_slots.h"
#include "util.h"

void storageVolFree(storageVol *vol)
{
    if (!vol)
        return;
    virtStorageVolDefFree(vol->def);
    free(vol);
}

storageVol *storageVolFind(const storagePool *pool, const char *name)
{
    for (storageVol *v = pool->vols; v; v = v->next)
        if (strcmp(v->def->name, name) == 0)
            return v;
    return NULL;
}

static void unlinkVol(storagePool *pool, storageVol *vol)
{
    for (storageVol **pp = &pool->vols; *pp; pp = &(*pp)->next)
        if (*pp == vol) {
            *pp = vol->next;
            return;
        }
}

static virStorageVolPtr volHandle(virConnectPtr conn, const storagePool *p, const storageVol *v)
{
    return virtHandleNewStorageVol(storageCore, conn, p->def->name, v->def->name, v->def->key);
}

/* Lock the driver and find the volume behind a handle in its active
 * pool; NULL (unlocked) with an error when either is gone. */
static storageVol *volAcquire(virStorageVolPtr handle, storageDriver **drvp, storagePool **poolp)
{
    virConnectPtr conn = storageCore->handle_conn(handle);
    storageDriver *drv = storageConnDriver(conn);
    const virtHandleIdentity *id = storageCore->handle_identity(handle);
    pthread_mutex_lock(&drv->lock);
    storagePool *p = storagePoolFindByName(drv, id->pool);
    if (!p) {
        pthread_mutex_unlock(&drv->lock);
        STORAGE_ERROR(conn, VIR_ERR_NO_STORAGE_POOL, "no storage pool with matching name '%s'", id->pool);
        return NULL;
    }
    if (!p->active) {
        pthread_mutex_unlock(&drv->lock);
        STORAGE_ERROR(conn, VIR_ERR_OPERATION_INVALID, "storage pool '%s' is not active", id->pool);
        return NULL;
    }
    storageVol *v = storageVolFind(p, id->name);
    if (!v) {
        pthread_mutex_unlock(&drv->lock);
        STORAGE_ERROR(conn, VIR_ERR_NO_STORAGE_VOL, "no storage vol with matching name '%s'", id->name);
        return NULL;
    }
    *drvp = drv;
    *poolp = p;
    return v;
}

/* Lock the driver and find an active pool behind a handle. */
static storagePool *activePool(virStoragePoolPtr handle, storageDriver **drvp)
{
    virConnectPtr conn = storageCore->handle_conn(handle);
    storageDriver *drv = storageConnDriver(conn);
    const virtHandleIdentity *id = storageCore->handle_identity(handle);
    pthread_mutex_lock(&drv->lock);
    storagePool *p = NULL;
    for (p = drv->pools; p; p = p->next)
        if (memcmp(p->def->uuid, id->uuid, VIRT_UUID_LEN) == 0)
            break;
    if (!p) {
        char uuid[VIRT_UUID_STRLEN];
        virtUUIDFormat(id->uuid, uuid);
        pthread_mutex_unlock(&drv->lock);
        STORAGE_ERROR(conn, VIR_ERR_NO_STORAGE_POOL, "no storage pool with matching uuid '%s' (%s)",
                      uuid, id->name);
        return NULL;
    }
    if (!p->active) {
        pthread_mutex_unlock(&drv->lock);
        STORAGE_ERROR(conn, VIR_ERR_OPERATION_INVALID, "storage pool '%s' is not active", p->def->name);
        return NULL;
    }
    *drvp = drv;
    return p;
}

/* libvirt's error for a name taken, as it words it. */
static void reportExists(virConnectPtr conn, const char *name)
{
    char *msg = virtAsprintf("storage volume '%s' exists already", name);
    virError err = { .code = VIR_ERR_STORAGE_VOL_EXIST, .domain = VIR_FROM_STORAGE,
                     .level = VIR_ERR_ERROR, .message = msg };
    storageCore->error_set(conn, &err);
    free(msg);
}

static virtStorageVolDef *parseVol(virConnectPtr conn, const storagePool *p, const char *xml,
                                   unsigned int flags)
{
    virtXMLError err = { 0 };
    virtStorageVolDef *def = virtStorageVolDefParse(xml, p->def->type, flags, &err);
    if (!def) {
        storageCore->error(conn, virtXMLErrorDomain(&err, VIR_FROM_STORAGE),
                           err.code ? err.code : VIR_ERR_XML_ERROR, "%s", err.message ? err.message : "");
        virtXMLErrorClear(&err);
    }
    return def;
}

/* Make def's storage in p (from src's data when given) and add it. The
 * name is taken at once; the driver is unlocked while the backend makes
 * the storage, with p and src held by their job counts. */
static virStorageVolPtr createVol(virConnectPtr conn, storageDriver *drv, storagePool *p,
                                  virtStorageVolDef *def, storagePool *srcPool, storageVol *src,
                                  unsigned int flags)
{
    if (storageVolFind(p, def->name)) {
        reportExists(conn, def->name);
        goto error;
    }
    if (!p->backend->volBuild || !p->backend->volPlace) {
        STORAGE_ERROR(conn, VIR_ERR_NO_SUPPORT, "%s", "storage pool does not support volume creation");
        goto error;
    }
    if (p->backend->volPlace(conn, p, def) < 0)
        goto error;
    storageVol *v = virtAlloc(sizeof(*v));
    v->def = def;
    v->building = true;
    storageVol **pp = &p->vols;
    while (*pp)
        pp = &(*pp)->next;
    *pp = v;
    virtStorageVolDef *srcCopy = src ? virtXMLModelCopy(&virtXMLElem_storagevol_volume, src->def) : NULL;
    p->asyncjobs++;
    if (src) {
        src->inUse++;
        srcPool->asyncjobs++;
    }
    pthread_mutex_unlock(&drv->lock);
    int rc = p->backend->volBuild(conn, p, def, srcCopy, flags);
    pthread_mutex_lock(&drv->lock);
    p->asyncjobs--;
    if (src) {
        src->inUse--;
        srcPool->asyncjobs--;
    }
    virtStorageVolDefFree(srcCopy);
    v->building = false;
    if (rc == 0 && p->backend->volRefresh(conn, p, def) < 0) {
        void *saved = storageCore->error_save();
        p->backend->volDelete(NULL, p, def, 0);
        storageCore->error_restore(conn, saved);
        rc = -1;
    }
    if (rc < 0) {
        unlinkVol(p, v);
        storageVolFree(v);
        return NULL;
    }
    /* libvirt counts the new volume against the pool at once */
    p->def->allocation += def->allocation;
    p->def->available = p->def->available > def->allocation ? p->def->available - def->allocation : 0;
    return volHandle(conn, p, v);
 error:
    virtStorageVolDefFree(def);
    return NULL;
}

/* A volume being made or copied from can be neither changed nor removed. */
static int checkIdle(virConnectPtr conn, const storageVol *v)
{
    if (v->building) {
        STORAGE_ERROR(conn, VIR_ERR_OPERATION_INVALID, "volume '%s' is still being allocated.", v->def->name);
        return -1;
    }
    if (v->inUse) {
        STORAGE_ERROR(conn, VIR_ERR_OPERATION_INVALID, "volume '%s' is still in use.", v->def->name);
        return -1;
    }
    return 0;
}

virStorageVolPtr storageVolCreateXML(virStoragePoolPtr pool, const char *xml, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA | VIR_STORAGE_VOL_CREATE_VALIDATE, NULL);
    virConnectPtr conn = storageCore->handle_conn(pool);
    storageDriver *drv;
    virStorageVolPtr ret = NULL;
    storagePool *p = activePool(pool, &drv);
    if (!p)
        return NULL;
    virtStorageVolDef *def = parseVol(conn, p, xml,
                                      flags & VIR_STORAGE_VOL_CREATE_VALIDATE ? VIRT_XML_VALIDATE : 0);
    if (def)
        ret = createVol(conn, drv, p, def, NULL, NULL, flags & ~VIR_STORAGE_VOL_CREATE_VALIDATE);
    pthread_mutex_unlock(&drv->lock);
    return ret;
}

virStorageVolPtr storageVolCreateXMLFrom(virStoragePoolPtr pool, const char *xml,
                                                virStorageVolPtr clonevol, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA | VIR_STORAGE_VOL_CREATE_REFLINK |
                     VIR_STORAGE_VOL_CREATE_VALIDATE, NULL);
    virConnectPtr conn = storageCore->handle_conn(pool);
    const virtHandleIdentity *srcId = storageCore->handle_identity(clonevol);
    storageDriver *drv;
    virStorageVolPtr ret = NULL;
    storagePool *p = activePool(pool, &drv);
    if (!p)
        return NULL;
    storagePool *srcPool = storagePoolFindByName(drv, srcId->pool);
    storageVol *src = srcPool && srcPool->active ? storageVolFind(srcPool, srcId->name) : NULL;
    if (!src) {
        STORAGE_ERROR(conn, VIR_ERR_NO_STORAGE_VOL, "no storage vol with matching name '%s'", srcId->name);
        goto cleanup;
    }
    virtStorageVolDef *def = parseVol(conn, p, xml,
                                      flags & VIR_STORAGE_VOL_CREATE_VALIDATE ? VIRT_XML_VALIDATE : 0);
    if (!def)
        goto cleanup;
    /* a clone is at least as large as its original */
    if (def->capacity < src->def->capacity)
        def->capacity = src->def->capacity;
    if (src->building) {
        STORAGE_ERROR(conn, VIR_ERR_OPERATION_INVALID, "volume '%s' is still being allocated.", src->def->name);
        virtStorageVolDefFree(def);
        goto cleanup;
    }
    ret = createVol(conn, drv, p, def, srcPool, src, flags & ~VIR_STORAGE_VOL_CREATE_VALIDATE);
 cleanup:
    pthread_mutex_unlock(&drv->lock);
    return ret;
}

int storageVolDelete(virStorageVolPtr vol, unsigned int flags)
{
    /* the backend checks the flags, as in libvirt */
    virConnectPtr conn = storageCore->handle_conn(vol);
    storageDriver *drv;
    storagePool *p;
    int ret = -1;
    storageVol *v = volAcquire(vol, &drv, &p);
    if (!v)
        return -1;
    if (checkIdle(conn, v) < 0)
        goto cleanup;
    if (!p->backend->volDelete) {
        STORAGE_ERROR(conn, VIR_ERR_NO_SUPPORT, "%s", "storage pool does not support vol deletion");
        goto cleanup;
    }
    if (p->backend->volDelete(conn, p, v->def, flags) < 0)
        goto cleanup;
    p->def->allocation = p->def->allocation > v->def->allocation ? p->def->allocation - v->def->allocation : 0;
    p->def->available += v->def->allocation;
    unlinkVol(p, v);
    storageVolFree(v);
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&drv->lock);
    return ret;
}

int storageVolWipePattern(virStorageVolPtr vol, unsigned int algorithm, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    virConnectPtr conn = storageCore->handle_conn(vol);
    storageDriver *drv;
    storagePool *p;
    int ret = -1;
    if (algorithm > VIR_STORAGE_VOL_WIPE_ALG_TRIM) {
        STORAGE_ERROR(conn, VIR_ERR_INVALID_ARG, "wiping algorithm %d not supported", algorithm);
        return -1;
    }
    storageVol *v = volAcquire(vol, &drv, &p);
    if (!v)
        return -1;
    if (checkIdle(conn, v) < 0)
        goto cleanup;
    if (!p->backend->volWipe) {
        STORAGE_ERROR(conn, VIR_ERR_NO_SUPPORT, "%s", "storage pool doesn't support volume wiping");
        goto cleanup;
    }
    if (p->backend->volWipe(conn, p, v->def, algorithm) < 0)
        goto cleanup;
    ret = p->backend->volRefresh(conn, p, v->def);
 cleanup:
    pthread_mutex_unlock(&drv->lock);
    return ret;
}

int storageVolWipe(virStorageVolPtr vol, unsigned int flags)
{
    return storageVolWipePattern(vol, VIR_STORAGE_VOL_WIPE_ALG_ZERO, flags);
}

int storageVolResize(virStorageVolPtr vol, unsigned long long capacity, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_STORAGE_VOL_RESIZE_ALLOCATE | VIR_STORAGE_VOL_RESIZE_DELTA |
                     VIR_STORAGE_VOL_RESIZE_SHRINK, -1);
    virConnectPtr conn = storageCore->handle_conn(vol);
    storageDriver *drv;
    storagePool *p;
    int ret = -1;
    storageVol *v = volAcquire(vol, &drv, &p);
    if (!v)
        return -1;
    if (checkIdle(conn, v) < 0)
        goto cleanup;
    unsigned long long now = v->def->capacity, target = capacity;
    if (flags & VIR_STORAGE_VOL_RESIZE_DELTA) {
        if (flags & VIR_STORAGE_VOL_RESIZE_SHRINK)
            target = now - (capacity < now ? capacity : now);
        else
            target = now + capacity;
    }
    flags &= ~(unsigned int) VIR_STORAGE_VOL_RESIZE_DELTA;
    if (target < v->def->allocation) {
        STORAGE_ERROR(conn, VIR_ERR_INVALID_ARG, "%s", "can't shrink capacity below existing allocation");
        goto cleanup;
    }
    if (target < now && !(flags & VIR_STORAGE_VOL_RESIZE_SHRINK)) {
        STORAGE_ERROR(conn, VIR_ERR_INVALID_ARG, "%s",
                      "Can't shrink capacity below current capacity unless shrink flag explicitly specified");
        goto cleanup;
    }
    if ((flags & VIR_STORAGE_VOL_RESIZE_ALLOCATE) && target > now && target - now > p->def->available) {
        STORAGE_ERROR(conn, VIR_ERR_OPERATION_FAILED, "%s", "Not enough space left in storage pool");
        goto cleanup;
    }
    if (!p->backend->volResize) {
        STORAGE_ERROR(conn, VIR_ERR_NO_SUPPORT, "%s", "storage pool does not support changing of volume capacity");
        goto cleanup;
    }
    if (p->backend->volResize(conn, p, v->def, target, flags) < 0)
        goto cleanup;
    v->def->capacity = target;
    ret = p->backend->volRefresh(conn, p, v->def);
 cleanup:
    pthread_mutex_unlock(&drv->lock);
    return ret;
}

/* What virStorageVolGetInfo calls the volume's type. */
static int volInfoType(const virtStorageVolDef *def)
{
    static const char *const types[] = { "file", "block", "dir", "network", "netdir", "ploop" };
    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
        if (virtStrEq(def->type, types[i]))
            return (int) i;
    return VIR_STORAGE_VOL_FILE;
}

int storageVolGetInfoFlags(virStorageVolPtr vol, virStorageVolInfoPtr info, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_STORAGE_VOL_GET_PHYSICAL, -1);
    storageDriver *drv;
    storagePool *p;
    storageVol *v = volAcquire(vol, &drv, &p);
    if (!v)
        return -1;
    /* a volume being made is described as asked for, its file untouched */
    int ret = v->building ? 0 : p->backend->volRefresh(storageCore->handle_conn(vol), p, v->def);
    if (ret == 0) {
        memset(info, 0, sizeof(*info));
        info->type = volInfoType(v->def);
        info->capacity = v->def->capacity;
        info->allocation = (flags & VIR_STORAGE_VOL_GET_PHYSICAL) && v->def->physical_set
                           ? v->def->physical : v->def->allocation;
    }
    pthread_mutex_unlock(&drv->lock);
    return ret;
}

char *storageVolGetPath(virStorageVolPtr vol)
{
    storageDriver *drv;
    storagePool *p;
    storageVol *v = volAcquire(vol, &drv, &p);
    if (!v)
        return NULL;
    char *path = virtStrdup(v->def->target->path);
    pthread_mutex_unlock(&drv->lock);
    return path;
}

char *storageVolGetXMLDesc(virStorageVolPtr vol, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, NULL);
    storageDriver *drv;
    storagePool *p;
    char *xml = NULL;
    storageVol *v = volAcquire(vol, &drv, &p);
    if (!v)
        return NULL;
    if (v->building || p->backend->volRefresh(storageCore->handle_conn(vol), p, v->def) == 0)
        xml = virtStorageVolDefFormat(v->def);
    pthread_mutex_unlock(&drv->lock);
    return xml;
}

virStorageVolPtr storageVolLookupByName(virStoragePoolPtr pool, const char *name)
{
    virConnectPtr conn = storageCore->handle_conn(pool);
    storageDriver *drv;
    virStorageVolPtr ret = NULL;
    storagePool *p = activePool(pool, &drv);
    if (!p)
        return NULL;
    storageVol *v = storageVolFind(p, name);
    if (v)
        ret = volHandle(conn, p, v);
    pthread_mutex_unlock(&drv->lock);
    if (!v)
        STORAGE_ERROR(conn, VIR_ERR_NO_STORAGE_VOL, "no storage vol with matching name '%s'", name);
    return ret;
}

/* A volume of any active pool whose key (byKey) or target path is s. */
static virStorageVolPtr lookupAcross(virConnectPtr conn, const char *s, bool byKey)
{
    storageDriver *drv = storageConnDriver(conn);
    virStorageVolPtr ret = NULL;
    pthread_mutex_lock(&drv->lock);
    for (storagePool *p = drv->pools; p && !ret; p = p->next) {
        if (!p->active)
            continue;
        for (storageVol *v = p->vols; v && !ret; v = v->next)
            if (virtStrEq(byKey ? v->def->key : v->def->target->path, s))
                ret = volHandle(conn, p, v);
    }
    pthread_mutex_unlock(&drv->lock);
    if (!ret && byKey)
        STORAGE_ERROR(conn, VIR_ERR_NO_STORAGE_VOL, "no storage vol with matching key %s", s);
    else if (!ret)
        STORAGE_ERROR(conn, VIR_ERR_NO_STORAGE_VOL, "no storage vol with matching path '%s'", s);
    return ret;
}

virStorageVolPtr storageVolLookupByKey(virConnectPtr conn, const char *key)
{
    return lookupAcross(conn, key, true);
}

virStorageVolPtr storageVolLookupByPath(virConnectPtr conn, const char *path)
{
    return lookupAcross(conn, path, false);
}
