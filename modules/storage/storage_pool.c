/* storage_pool.c: the pool slots of the storage table: defining, running,
 * listing and describing pools. Each slot locks the driver for its whole
 * run; the backend of the pool type does the work on the host. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "storage_driver.h"
#include "storage_slots.h"
#include "util.h"

void storagePoolClearVols(storagePool *pool)
{
    while (pool->vols) {
        storageVol *v = pool->vols;
        pool->vols = v->next;
        storageVolFree(v);
    }
}

void storagePoolFree(storagePool *pool)
{
    if (!pool)
        return;
    storagePoolClearVols(pool);
    virtStoragePoolDefFree(pool->def);
    virtStoragePoolDefFree(pool->newDef);
    free(pool);
}

storagePool *storagePoolFindByName(storageDriver *drv, const char *name)
{
    for (storagePool *p = drv->pools; p; p = p->next)
        if (strcmp(p->def->name, name) == 0)
            return p;
    return NULL;
}

static storagePool *findByUUID(storageDriver *drv, const unsigned char *uuid)
{
    for (storagePool *p = drv->pools; p; p = p->next)
        if (memcmp(p->def->uuid, uuid, VIRT_UUID_LEN) == 0)
            return p;
    return NULL;
}

static void removePool(storageDriver *drv, storagePool *pool)
{
    for (storagePool **pp = &drv->pools; *pp; pp = &(*pp)->next)
        if (*pp == pool) {
            *pp = pool->next;
            storagePoolFree(pool);
            return;
        }
}

static virStoragePoolPtr poolHandle(virConnectPtr conn, const storagePool *p)
{
    return virtHandleNewStoragePool(storageCore, conn, p->def->name, p->def->uuid);
}

/* Lock the driver and find the pool behind a handle, as libvirt does: by
 * uuid. NULL (unlocked) with an error when it is gone, or with active set
 * when it is not running. */
static storagePool *poolAcquire(virStoragePoolPtr handle, storageDriver **drvp, bool active)
{
    virConnectPtr conn = storageCore->handle_conn(handle);
    storageDriver *drv = storageConnDriver(conn);
    const virtHandleIdentity *id = storageCore->handle_identity(handle);
    pthread_mutex_lock(&drv->lock);
    storagePool *p = findByUUID(drv, id->uuid);
    if (!p) {
        char uuid[VIRT_UUID_STRLEN];
        virtUUIDFormat(id->uuid, uuid);
        pthread_mutex_unlock(&drv->lock);
        STORAGE_ERROR(conn, VIR_ERR_NO_STORAGE_POOL, "no storage pool with matching uuid '%s' (%s)",
                      uuid, id->name);
        return NULL;
    }
    if (active && !p->active) {
        pthread_mutex_unlock(&drv->lock);
        STORAGE_ERROR(conn, VIR_ERR_OPERATION_INVALID, "storage pool '%s' is not active", p->def->name);
        return NULL;
    }
    *drvp = drv;
    return p;
}

/* Start and refresh an inactive pool; on success it is active, its state
 * saved, STARTED raised. */
int storagePoolActivate(virConnectPtr conn, storageDriver *drv, storagePool *pool)
{
    if (pool->backend->start && pool->backend->start(conn, pool) < 0)
        return -1;
    if (pool->backend->refresh(conn, pool) < 0) {
        if (pool->backend->stop)
            pool->backend->stop(NULL, pool);
        storagePoolClearVols(pool);
        return -1;
    }
    if (storageStoreSaveState(conn, drv, pool->def) < 0) {
        if (pool->backend->stop)
            pool->backend->stop(NULL, pool);
        storagePoolClearVols(pool);
        return -1;
    }
    pool->active = true;
    storageNotify(drv, pool, VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE, VIR_STORAGE_POOL_EVENT_STARTED);
    return 0;
}

/* Stop an active pool: volumes forgotten, state file gone; a pending
 * persistent definition takes over. */
static int poolDeactivate(virConnectPtr conn, storageDriver *drv, storagePool *pool)
{
    if (pool->backend->stop && pool->backend->stop(conn, pool) < 0)
        return -1;
    storagePoolClearVols(pool);
    pool->active = false;
    storageStoreDeleteState(drv, pool->def->name);
    storageNotify(drv, pool, VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE, VIR_STORAGE_POOL_EVENT_STOPPED);
    if (pool->newDef) {
        virtStoragePoolDefFree(pool->def);
        pool->def = pool->newDef;
        pool->newDef = NULL;
    }
    return 0;
}

int storagePoolCheckJobs(virConnectPtr conn, const storagePool *pool)
{
    if (pool->asyncjobs > 0) {
        STORAGE_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "pool '%s' has asynchronous jobs running.",
                      pool->def->name);
        return -1;
    }
    return 0;
}

/* ---- listing ---- */

static int countPools(virConnectPtr conn, bool active)
{
    storageDriver *drv = storageConnDriver(conn);
    int n = 0;
    pthread_mutex_lock(&drv->lock);
    for (storagePool *p = drv->pools; p; p = p->next)
        n += p->active == active;
    pthread_mutex_unlock(&drv->lock);
    return n;
}

static int listPools(virConnectPtr conn, bool active, char **const names, int maxnames)
{
    storageDriver *drv = storageConnDriver(conn);
    int n = 0;
    pthread_mutex_lock(&drv->lock);
    for (storagePool *p = drv->pools; p && n < maxnames; p = p->next)
        if (p->active == active)
            names[n++] = virtStrdup(p->def->name);
    pthread_mutex_unlock(&drv->lock);
    return n;
}

int storageConnectNumOfStoragePools(virConnectPtr conn) { return countPools(conn, true); }
int storageConnectNumOfDefinedStoragePools(virConnectPtr conn) { return countPools(conn, false); }
int storageConnectListStoragePools(virConnectPtr conn, char **const names, int maxnames)
{
    return listPools(conn, true, names, maxnames);
}
int storageConnectListDefinedStoragePools(virConnectPtr conn, char **const names, int maxnames)
{
    return listPools(conn, false, names, maxnames);
}

/* The VIR_CONNECT_LIST_STORAGE_POOLS_<TYPE> bit of a pool type. */
static unsigned int typeFlag(const char *type)
{
    static const struct { const char *type; unsigned int flag; } types[] = {
        { "dir", VIR_CONNECT_LIST_STORAGE_POOLS_DIR },
        { "fs", VIR_CONNECT_LIST_STORAGE_POOLS_FS },
        { "netfs", VIR_CONNECT_LIST_STORAGE_POOLS_NETFS },
        { "logical", VIR_CONNECT_LIST_STORAGE_POOLS_LOGICAL },
        { "disk", VIR_CONNECT_LIST_STORAGE_POOLS_DISK },
        { "iscsi", VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI },
        { "scsi", VIR_CONNECT_LIST_STORAGE_POOLS_SCSI },
        { "mpath", VIR_CONNECT_LIST_STORAGE_POOLS_MPATH },
        { "rbd", VIR_CONNECT_LIST_STORAGE_POOLS_RBD },
        { "sheepdog", VIR_CONNECT_LIST_STORAGE_POOLS_SHEEPDOG },
        { "gluster", VIR_CONNECT_LIST_STORAGE_POOLS_GLUSTER },
        { "zfs", VIR_CONNECT_LIST_STORAGE_POOLS_ZFS },
        { "vstorage", VIR_CONNECT_LIST_STORAGE_POOLS_VSTORAGE },
        { "iscsi-direct", VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI_DIRECT },
    };
    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
        if (strcmp(types[i].type, type) == 0)
            return types[i].flag;
    return 0;
}

/* A group of flags with no bit set lets every pool through. */
static bool poolWanted(const storagePool *p, unsigned int flags)
{
    unsigned int typeBits = ~0x3fu;
    if ((flags & 3) && !(flags & (p->active ? VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE
                                            : VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE)))
        return false;
    if ((flags & 0xc) && !(flags & (p->persistent ? VIR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT
                                                  : VIR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT)))
        return false;
    if ((flags & 0x30) && !(flags & (p->autostart ? VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART
                                                  : VIR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART)))
        return false;
    if ((flags & typeBits) && !(flags & typeFlag(p->def->type)))
        return false;
    return true;
}

int storageConnectListAllStoragePools(virConnectPtr conn, virStoragePoolPtr **pools, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0xfffff, -1);
    storageDriver *drv = storageConnDriver(conn);
    int n = 0, cap = 0;
    pthread_mutex_lock(&drv->lock);
    for (storagePool *p = drv->pools; p; p = p->next)
        cap++;
    virStoragePoolPtr *list = pools ? virtAlloc((size_t) (cap + 1) * sizeof(*list)) : NULL;
    for (storagePool *p = drv->pools; p; p = p->next) {
        if (!poolWanted(p, flags))
            continue;
        if (list)
            list[n] = poolHandle(conn, p);
        n++;
    }
    pthread_mutex_unlock(&drv->lock);
    if (pools)
        *pools = list;
    return n;
}

/* ---- lookups ---- */

virStoragePoolPtr storagePoolLookupByName(virConnectPtr conn, const char *name)
{
    storageDriver *drv = storageConnDriver(conn);
    virStoragePoolPtr ret = NULL;
    pthread_mutex_lock(&drv->lock);
    storagePool *p = storagePoolFindByName(drv, name);
    if (p)
        ret = poolHandle(conn, p);
    pthread_mutex_unlock(&drv->lock);
    if (!p)
        STORAGE_ERROR(conn, VIR_ERR_NO_STORAGE_POOL, "no storage pool with matching name '%s'", name);
    return ret;
}

virStoragePoolPtr storagePoolLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    storageDriver *drv = storageConnDriver(conn);
    virStoragePoolPtr ret = NULL;
    pthread_mutex_lock(&drv->lock);
    storagePool *p = findByUUID(drv, uuid);
    if (p)
        ret = poolHandle(conn, p);
    pthread_mutex_unlock(&drv->lock);
    if (!p) {
        char str[VIRT_UUID_STRLEN];
        virtUUIDFormat(uuid, str);
        STORAGE_ERROR(conn, VIR_ERR_NO_STORAGE_POOL, "no storage pool with matching uuid '%s'", str);
    }
    return ret;
}

virStoragePoolPtr storagePoolLookupByVolume(virStorageVolPtr vol)
{
    virConnectPtr conn = storageCore->handle_conn(vol);
    const char *name = storageCore->handle_identity(vol)->pool;
    storageDriver *drv = storageConnDriver(conn);
    virStoragePoolPtr ret = NULL;
    pthread_mutex_lock(&drv->lock);
    storagePool *p = storagePoolFindByName(drv, name);
    if (p)
        ret = poolHandle(conn, p);
    pthread_mutex_unlock(&drv->lock);
    if (!p)
        STORAGE_ERROR(conn, VIR_ERR_NO_STORAGE_POOL, "no storage pool with matching name '%s'", name);
    return ret;
}

/* path with repeated slashes folded and a trailing one dropped, as
 * libvirt tidies a path before comparing it; a leading "//" stays, as
 * POSIX gives it a meaning of its own. */
static char *tidyPath(const char *path)
{
    char *out = virtAlloc(strlen(path) + 2), *o = out;
    const char *s = path;
    if (s[0] == '/' && s[1] == '/' && s[2] != '/') {
        *o++ = '/';
        s++;
    }
    for (; *s; s++)
        if (!(*s == '/' && s[1] == '/'))
            *o++ = *s;
    *o = '\0';
    if (o - out > 1 && o[-1] == '/')
        o[-1] = '\0';
    return out;
}

virStoragePoolPtr storagePoolLookupByTargetPath(virConnectPtr conn, const char *path)
{
    storageDriver *drv = storageConnDriver(conn);
    virStoragePoolPtr ret = NULL;
    storagePool *p;
    char *clean = tidyPath(path);
    pthread_mutex_lock(&drv->lock);
    for (p = drv->pools; p; p = p->next)
        if (p->active && virtStrEq(virtStoragePoolDefTargetPath(p->def), clean))
            break;
    if (p)
        ret = poolHandle(conn, p);
    pthread_mutex_unlock(&drv->lock);
    if (!p && strcmp(path, clean) == 0)
        STORAGE_ERROR(conn, VIR_ERR_NO_STORAGE_POOL, "no storage pool with matching target path '%s'", path);
    else if (!p)
        STORAGE_ERROR(conn, VIR_ERR_NO_STORAGE_POOL, "no storage pool with matching target path '%s' (%s)",
                      path, clean);
    free(clean);
    return ret;
}

/* ---- defining ---- */

static virtStoragePoolDef *parsePool(virConnectPtr conn, const char *xml, unsigned int flags)
{
    virtXMLError err = { 0 };
    virtStoragePoolDef *def = virtStoragePoolDefParse(xml, flags, &err);
    if (!def) {
        int from = virtXMLErrorDomain(&err, VIR_FROM_STORAGE);
        storageCore->error(conn, from, err.code ? err.code : VIR_ERR_XML_ERROR, "%s",
                           err.message ? err.message : "");
        virtXMLErrorClear(&err);
        return NULL;
    }
    if (!storageBackendFor(def->type)) {
        STORAGE_ERROR(conn, VIR_ERR_NO_SUPPORT, "missing backend for pool type %s", def->type);
        virtStoragePoolDefFree(def);
        return NULL;
    }
    return def;
}

/* A new definition must not clash with another pool's name, uuid or
 * storage. Returns the pool it redefines (same name and uuid) or NULL;
 * *clash is set after reporting. */
static storagePool *checkDef(virConnectPtr conn, storageDriver *drv, const virtStoragePoolDef *def,
                             bool *clash)
{
    storagePool *byName = storagePoolFindByName(drv, def->name);
    storagePool *byUUID = findByUUID(drv, def->uuid);
    *clash = false;
    if (byName != byUUID) {
        char uuid[VIRT_UUID_STRLEN];
        storagePool *other = byName ? byName : byUUID;
        virtUUIDFormat(other->def->uuid, uuid);
        STORAGE_ERROR(conn, VIR_ERR_OPERATION_FAILED,
                      byName ? "pool '%s' already exists with uuid %s"
                             : "pool '%s' is already defined with uuid %s",
                      other->def->name, uuid);
        *clash = true;
        return NULL;
    }
    /* two pools on one folder or volume group would see each other's volumes */
    for (storagePool *p = drv->pools; p; p = p->next) {
        if (p == byName || strcmp(p->def->type, def->type) != 0)
            continue;
        bool same;
        if (strcmp(def->type, "logical") == 0)
            same = virtStrEq(p->def->source->name, def->source->name);
        else
            same = virtStrEq(virtStoragePoolDefTargetPath(p->def), virtStoragePoolDefTargetPath(def));
        if (same) {
            STORAGE_ERROR(conn, VIR_ERR_OPERATION_FAILED, "Storage source conflict with pool: '%s'",
                          p->def->name);
            *clash = true;
            return NULL;
        }
    }
    return byName;
}

static storagePool *addPool(storageDriver *drv, virtStoragePoolDef *def)
{
    storagePool *p = virtAlloc(sizeof(*p));
    p->def = def;
    p->backend = storageBackendFor(def->type);
    storagePool **pp = &drv->pools;
    while (*pp)
        pp = &(*pp)->next;
    *pp = p;
    return p;
}

virStoragePoolPtr storagePoolDefineXML(virConnectPtr conn, const char *xml, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_STORAGE_POOL_DEFINE_VALIDATE, NULL);
    storageDriver *drv = storageConnDriver(conn);
    virStoragePoolPtr ret = NULL;
    bool clash;
    virtStoragePoolDef *def = parsePool(conn, xml, flags & VIR_STORAGE_POOL_DEFINE_VALIDATE ? VIRT_XML_VALIDATE : 0);
    if (!def)
        return NULL;
    pthread_mutex_lock(&drv->lock);
    storagePool *p = checkDef(conn, drv, def, &clash);
    if (clash || storageStoreSaveConfig(conn, drv, def) < 0)
        goto cleanup;
    if (!p) {
        p = addPool(drv, def);
    } else if (p->active) {
        /* applied when the running pool stops */
        virtStoragePoolDefFree(p->newDef);
        p->newDef = def;
    } else {
        virtStoragePoolDefFree(p->def);
        p->def = def;
    }
    def = NULL;
    p->persistent = true;
    storageNotify(drv, p, VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE, VIR_STORAGE_POOL_EVENT_DEFINED);
    ret = poolHandle(conn, p);
 cleanup:
    pthread_mutex_unlock(&drv->lock);
    virtStoragePoolDefFree(def);
    return ret;
}

void storageReportExclusive(virConnectPtr conn, const char *flag1, const char *flag2)
{
    char *msg = virtAsprintf("Flags '%s' and '%s' are mutually exclusive", flag1, flag2);
    virError err = { .code = VIR_ERR_INVALID_ARG, .domain = VIR_FROM_STORAGE,
                     .level = VIR_ERR_ERROR, .message = msg };
    storageCore->error_set(conn, &err);
    free(msg);
}

/* The build flags of virStoragePoolBuild, checked as libvirt does. */
static int checkBuildFlags(virConnectPtr conn, unsigned int flags)
{
    if ((flags & VIR_STORAGE_POOL_BUILD_OVERWRITE) && (flags & VIR_STORAGE_POOL_BUILD_NO_OVERWRITE)) {
        storageReportExclusive(conn, "VIR_STORAGE_POOL_BUILD_OVERWRITE", "VIR_STORAGE_POOL_BUILD_NO_OVERWRITE");
        return -1;
    }
    return 0;
}

/* The same for the build a create asks for. */
static int checkCreateFlags(virConnectPtr conn, unsigned int flags)
{
    if ((flags & VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE) &&
        (flags & VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE)) {
        storageReportExclusive(conn, "VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE",
                               "VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE");
        return -1;
    }
    return 0;
}

virStoragePoolPtr storagePoolCreateXML(virConnectPtr conn, const char *xml, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_STORAGE_POOL_CREATE_WITH_BUILD | VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE |
                     VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE, NULL);
    storageDriver *drv = storageConnDriver(conn);
    virStoragePoolPtr ret = NULL;
    bool clash;
    unsigned int buildFlags = 0;
    if (flags & VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE)
        buildFlags |= VIR_STORAGE_POOL_BUILD_OVERWRITE;
    if (flags & VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE)
        buildFlags |= VIR_STORAGE_POOL_BUILD_NO_OVERWRITE;
    if (checkCreateFlags(conn, flags) < 0)
        return NULL;
    virtStoragePoolDef *def = parsePool(conn, xml, 0);
    if (!def)
        return NULL;
    pthread_mutex_lock(&drv->lock);
    storagePool *old = checkDef(conn, drv, def, &clash);
    if (clash)
        goto cleanup;
    if (old && old->active) {
        STORAGE_ERROR(conn, VIR_ERR_OPERATION_INVALID, "storage pool '%s' is already active", old->def->name);
        goto cleanup;
    }
    if (old) {
        /* libvirt lets a transient start replace an inactive definition
         * for this run only */
        STORAGE_ERROR(conn, VIR_ERR_OPERATION_INVALID, "storage pool '%s' is already defined", old->def->name);
        goto cleanup;
    }
    storagePool *p = addPool(drv, def);
    def = NULL;
    if ((flags & (VIR_STORAGE_POOL_CREATE_WITH_BUILD | VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE |
                  VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE)) &&
        p->backend->build && p->backend->build(conn, p, buildFlags) < 0) {
        removePool(drv, p);
        goto cleanup;
    }
    if (storagePoolActivate(conn, drv, p) < 0) {
        removePool(drv, p);
        goto cleanup;
    }
    ret = poolHandle(conn, p);
 cleanup:
    pthread_mutex_unlock(&drv->lock);
    virtStoragePoolDefFree(def);
    return ret;
}

int storagePoolCreate(virStoragePoolPtr pool, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_STORAGE_POOL_CREATE_WITH_BUILD | VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE |
                     VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE, -1);
    virConnectPtr conn = storageCore->handle_conn(pool);
    storageDriver *drv;
    int ret = -1;
    unsigned int buildFlags = 0;
    if (flags & VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE)
        buildFlags |= VIR_STORAGE_POOL_BUILD_OVERWRITE;
    if (flags & VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE)
        buildFlags |= VIR_STORAGE_POOL_BUILD_NO_OVERWRITE;
    if (checkCreateFlags(conn, flags) < 0)
        return -1;
    storagePool *p = poolAcquire(pool, &drv, false);
    if (!p)
        return -1;
    if (p->active) {
        STORAGE_ERROR(conn, VIR_ERR_OPERATION_INVALID, "storage pool '%s' is already active", p->def->name);
        goto cleanup;
    }
    if (flags && p->backend->build && p->backend->build(conn, p, buildFlags) < 0)
        goto cleanup;
    ret = storagePoolActivate(conn, drv, p);
 cleanup:
    pthread_mutex_unlock(&drv->lock);
    return ret;
}

int storagePoolBuild(virStoragePoolPtr pool, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_STORAGE_POOL_BUILD_REPAIR | VIR_STORAGE_POOL_BUILD_RESIZE |
                     VIR_STORAGE_POOL_BUILD_NO_OVERWRITE | VIR_STORAGE_POOL_BUILD_OVERWRITE, -1);
    virConnectPtr conn = storageCore->handle_conn(pool);
    storageDriver *drv;
    int ret = -1;
    if (checkBuildFlags(conn, flags) < 0)
        return -1;
    storagePool *p = poolAcquire(pool, &drv, false);
    if (!p)
        return -1;
    if (p->active) {
        STORAGE_ERROR(conn, VIR_ERR_OPERATION_INVALID, "storage pool '%s' is already active", p->def->name);
        goto cleanup;
    }
    if (p->backend->build && p->backend->build(conn, p, flags) < 0)
        goto cleanup;
    storageNotify(drv, p, VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE, VIR_STORAGE_POOL_EVENT_CREATED);
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&drv->lock);
    return ret;
}

int storagePoolDestroy(virStoragePoolPtr pool)
{
    storageDriver *drv;
    storagePool *p = poolAcquire(pool, &drv, true);
    if (!p)
        return -1;
    if (storagePoolCheckJobs(storageCore->handle_conn(pool), p) < 0) {
        pthread_mutex_unlock(&drv->lock);
        return -1;
    }
    int ret = poolDeactivate(storageCore->handle_conn(pool), drv, p);
    if (ret == 0 && !p->persistent)
        removePool(drv, p);
    pthread_mutex_unlock(&drv->lock);
    return ret;
}

int storagePoolDelete(virStoragePoolPtr pool, unsigned int flags)
{
    /* the backend checks the flags, as in libvirt */
    virConnectPtr conn = storageCore->handle_conn(pool);
    storageDriver *drv;
    int ret = -1;
    storagePool *p = poolAcquire(pool, &drv, false);
    if (!p)
        return -1;
    if (p->active) {
        STORAGE_ERROR(conn, VIR_ERR_OPERATION_INVALID, "storage pool '%s' is still active", p->def->name);
        goto cleanup;
    }
    if (!p->backend->remove) {
        STORAGE_ERROR(conn, VIR_ERR_NO_SUPPORT, "%s", "pool does not support pool deletion");
        goto cleanup;
    }
    if (p->backend->remove(conn, p, flags) < 0)
        goto cleanup;
    storageNotify(drv, p, VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE, VIR_STORAGE_POOL_EVENT_DELETED);
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&drv->lock);
    return ret;
}

int storagePoolUndefine(virStoragePoolPtr pool)
{
    virConnectPtr conn = storageCore->handle_conn(pool);
    storageDriver *drv;
    int ret = -1;
    storagePool *p = poolAcquire(pool, &drv, false);
    if (!p)
        return -1;
    if (p->active) {
        STORAGE_ERROR(conn, VIR_ERR_OPERATION_INVALID, "storage pool '%s' is still active", p->def->name);
        goto cleanup;
    }
    storageStoreDeleteConfig(drv, p->def->name);
    storageNotify(drv, p, VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE, VIR_STORAGE_POOL_EVENT_UNDEFINED);
    removePool(drv, p);
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&drv->lock);
    return ret;
}

int storagePoolRefresh(virStoragePoolPtr pool, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    virConnectPtr conn = storageCore->handle_conn(pool);
    storageDriver *drv;
    int ret = -1;
    storagePool *p = poolAcquire(pool, &drv, true);
    if (!p)
        return -1;
    if (storagePoolCheckJobs(conn, p) < 0)
        goto cleanup;
    storagePoolClearVols(p);
    if (p->backend->refresh(conn, p) < 0) {
        /* as libvirt: a pool that cannot be read any more is stopped */
        void *saved = storageCore->error_save();
        poolDeactivate(NULL, drv, p);
        if (!p->persistent)
            removePool(drv, p);
        storageCore->error_restore(conn, saved);
        goto cleanup;
    }
    storageNotify(drv, p, VIR_STORAGE_POOL_EVENT_ID_REFRESH, 0);
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&drv->lock);
    return ret;
}

/* ---- describing ---- */

int storagePoolGetInfo(virStoragePoolPtr pool, virStoragePoolInfoPtr info)
{
    storageDriver *drv;
    storagePool *p = poolAcquire(pool, &drv, false);
    if (!p)
        return -1;
    memset(info, 0, sizeof(*info));
    info->state = p->active ? VIR_STORAGE_POOL_RUNNING : VIR_STORAGE_POOL_INACTIVE;
    info->capacity = p->def->capacity;
    info->allocation = p->def->allocation;
    info->available = p->def->available;
    pthread_mutex_unlock(&drv->lock);
    return 0;
}

char *storagePoolGetXMLDesc(virStoragePoolPtr pool, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_STORAGE_XML_INACTIVE, NULL);
    storageDriver *drv;
    storagePool *p = poolAcquire(pool, &drv, false);
    if (!p)
        return NULL;
    virtStoragePoolDef *d = (flags & VIR_STORAGE_XML_INACTIVE) && p->newDef ? p->newDef : p->def;
    /* libvirt always writes the sizes and an (empty) source */
    d->capacity_set = d->allocation_set = d->available_set = true;
    if (!d->source)
        d->source = virtAlloc(sizeof(*d->source));
    char *xml = virtStoragePoolDefFormat(d);
    pthread_mutex_unlock(&drv->lock);
    return xml;
}

int storagePoolGetAutostart(virStoragePoolPtr pool, int *autostart)
{
    storageDriver *drv;
    storagePool *p = poolAcquire(pool, &drv, false);
    if (!p)
        return -1;
    *autostart = p->autostart;
    pthread_mutex_unlock(&drv->lock);
    return 0;
}

int storagePoolSetAutostart(virStoragePoolPtr pool, int autostart)
{
    virConnectPtr conn = storageCore->handle_conn(pool);
    storageDriver *drv;
    int ret = -1;
    storagePool *p = poolAcquire(pool, &drv, false);
    if (!p)
        return -1;
    if (!p->persistent) {
        STORAGE_ERROR(conn, VIR_ERR_INVALID_ARG, "%s", "cannot set autostart for transient pool");
        goto cleanup;
    }
    if (storageStoreSetAutostart(conn, drv, p->def->name, autostart != 0) < 0)
        goto cleanup;
    p->autostart = autostart != 0;
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&drv->lock);
    return ret;
}

int storagePoolIsActive(virStoragePoolPtr pool)
{
    storageDriver *drv;
    storagePool *p = poolAcquire(pool, &drv, false);
    if (!p)
        return -1;
    int ret = p->active;
    pthread_mutex_unlock(&drv->lock);
    return ret;
}

int storagePoolIsPersistent(virStoragePoolPtr pool)
{
    storageDriver *drv;
    storagePool *p = poolAcquire(pool, &drv, false);
    if (!p)
        return -1;
    int ret = p->persistent;
    pthread_mutex_unlock(&drv->lock);
    return ret;
}

/* ---- the volumes of a pool ---- */

int storagePoolNumOfVolumes(virStoragePoolPtr pool)
{
    storageDriver *drv;
    int n = 0;
    storagePool *p = poolAcquire(pool, &drv, true);
    if (!p)
        return -1;
    for (storageVol *v = p->vols; v; v = v->next)
        n++;
    pthread_mutex_unlock(&drv->lock);
    return n;
}

int storagePoolListVolumes(virStoragePoolPtr pool, char **const names, int maxnames)
{
    storageDriver *drv;
    int n = 0;
    storagePool *p = poolAcquire(pool, &drv, true);
    if (!p)
        return -1;
    for (storageVol *v = p->vols; v && n < maxnames; v = v->next)
        names[n++] = virtStrdup(v->def->name);
    pthread_mutex_unlock(&drv->lock);
    return n;
}

int storagePoolListAllVolumes(virStoragePoolPtr pool, virStorageVolPtr **vols, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    virConnectPtr conn = storageCore->handle_conn(pool);
    storageDriver *drv;
    int n = 0;
    storagePool *p = poolAcquire(pool, &drv, true);
    if (!p)
        return -1;
    for (storageVol *v = p->vols; v; v = v->next)
        n++;
    if (vols) {
        virStorageVolPtr *list = virtAlloc((size_t) (n + 1) * sizeof(*list));
        int i = 0;
        for (storageVol *v = p->vols; v; v = v->next)
            list[i++] = virtHandleNewStorageVol(storageCore, conn, p->def->name, v->def->name, v->def->key);
        *vols = list;
    }
    pthread_mutex_unlock(&drv->lock);
    return n;
}

/* ---- discovery ---- */

char *storageConnectFindStoragePoolSources(virConnectPtr conn, const char *type, const char *srcSpec,
                                           unsigned int flags)
{
    const storageBackend *b = storageBackendFor(type);
    static const char *const known[] = {
        "dir", "fs", "netfs", "logical", "disk", "iscsi", "iscsi-direct", "scsi", "mpath", "rbd",
        "sheepdog", "gluster", "zfs", "vstorage", NULL
    };
    bool isKnown = false;
    for (size_t i = 0; known[i]; i++)
        isKnown |= strcmp(known[i], type) == 0;
    if (!isKnown) {
        STORAGE_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "unknown storage pool type %s", type);
        return NULL;
    }
    if (!b) {
        STORAGE_ERROR(conn, VIR_ERR_NO_SUPPORT, "missing backend for pool type %s", type);
        return NULL;
    }
    if (!b->findSources) {
        STORAGE_ERROR(conn, VIR_ERR_NO_SUPPORT, "pool type '%s' does not support source discovery", type);
        return NULL;
    }
    return b->findSources(conn, srcSpec, flags);
}
