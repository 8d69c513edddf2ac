/* test_storage.c: storage pools and their volumes, all in memory, like
 * libvirt's test driver: test:///default has the directory pool
 * "default-pool" at /default-pool (100 GiB, active, persistent). A volume's
 * key and path are the pool's target path joined with its name; its
 * document is read and kept as test_volume.c leaves it. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "storagepool_model.h"
#include "storagevol_model.h"
#include "test_xml.h"
#include "util.h"

#define DEFAULT_POOL_CAPACITY (100ULL << 30)

static void volFree(testVolume *v)
{
    if (!v)
        return;
    free(v->name);
    if (v->def)
        virtXMLModelFree(virtXMLKind_storagevol.root, v->def);
    free(v);
}

static void poolFree(testPool *p)
{
    while (p->vols) {
        testVolume *v = p->vols;
        p->vols = v->next;
        volFree(v);
    }
    free(p->name);
    free(p->type);
    free(p->path);
    if (p->def)
        virtXMLModelFree(virtXMLKind_storagepool.root, p->def);
    free(p);
}

void testStorageFree(testState *st)
{
    while (st->pools) {
        testPool *p = st->pools;
        st->pools = p->next;
        poolFree(p);
    }
}

static void poolEvent(testState *st, const testPool *p, int eventID, int event)
{
    testEventObject(st, VIRT_HANDLE_STORAGE_POOL, p->name, p->uuid, eventID, event, 0);
}

static void addPool(testState *st, testPool *pool)
{
    testPool **pp = &st->pools;
    while (*pp)
        pp = &(*pp)->next;
    *pp = pool;
}

void testStorageAddDefault(testState *st)
{
    testPool *p = virtAlloc(sizeof(*p));
    p->name = virtStrdup("default-pool");
    virtUUIDParse("dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566", p->uuid);
    p->type = virtStrdup("dir");
    p->path = virtStrdup("/default-pool");
    virtXMLError err = { 0 };
    p->def = virtXMLModelParse(&virtXMLKind_storagepool,
                               "<pool type='dir'><name>default-pool</name>"
                               "<target><path>/default-pool</path></target></pool>", 0, &err);
    virtXMLErrorClear(&err);
    p->capacity = DEFAULT_POOL_CAPACITY;
    p->active = p->persistent = true;
    addPool(st, p);
}

static unsigned long long poolAllocation(const testPool *p)
{
    unsigned long long sum = 0;
    for (const testVolume *v = p->vols; v; v = v->next)
        sum += v->allocation;
    return sum;
}

/* The folder volume paths start with: the pool's target path. libvirt
 * 9.0 prints a missing one (rbd, gluster, ...) as "(null)". */
static const char *volDir(const testPool *p)
{
    const char *dir = p->def && p->def->target ? p->def->target->path : NULL;
    return dir ? dir : "(null)";
}

static char *volPath(const testPool *p, const testVolume *v)
{
    return virtAsprintf("%s/%s", volDir(p), v->name);
}

/* What virStorageVolGetInfo says a volume is: it follows the pool type
 * in libvirt's test driver, whatever the volume's own type. */
static int volInfoType(const testPool *p)
{
    static const char *const filePools[] = { "dir", "fs", "netfs", "vstorage", NULL };
    static const char *const netPools[] = { "rbd", "sheepdog", "gluster", "iscsi-direct", NULL };
    for (size_t i = 0; filePools[i]; i++)
        if (strcmp(p->type, filePools[i]) == 0)
            return VIR_STORAGE_VOL_FILE;
    for (size_t i = 0; netPools[i]; i++)
        if (strcmp(p->type, netPools[i]) == 0)
            return VIR_STORAGE_VOL_NETWORK;
    return VIR_STORAGE_VOL_BLOCK;
}

/* ---- finding objects behind handles ---- */

static testPool *findPoolByName(testState *st, const char *name)
{
    for (testPool *p = st->pools; p; p = p->next)
        if (strcmp(p->name, name) == 0)
            return p;
    return NULL;
}

static testPool *findPoolByUUID(testState *st, const unsigned char *uuid)
{
    for (testPool *p = st->pools; p; p = p->next)
        if (memcmp(p->uuid, uuid, VIRT_UUID_LEN) == 0)
            return p;
    return NULL;
}

static testVolume *findVol(const testPool *p, const char *name)
{
    for (testVolume *v = p->vols; v; v = v->next)
        if (strcmp(v->name, name) == 0)
            return v;
    return NULL;
}

/* Find a volume by key or path (the same string here) on any pool. */
static testVolume *findVolByPath(testState *st, const char *path, testPool **poolp)
{
    for (testPool *p = st->pools; p; p = p->next) {
        if (!p->active)
            continue;
        const char *dir = volDir(p);
        size_t n = strlen(dir);
        if (strncmp(path, dir, n) == 0 && path[n] == '/') {
            testVolume *v = findVol(p, path + n + 1);
            if (v) {
                *poolp = p;
                return v;
            }
        }
    }
    return NULL;
}

/* Lock and find the pool; NULL with an error (unlocked) when gone. With
 * active, the pool must also be running. libvirt's test driver finds it
 * by name for most calls and by uuid for a few, with words of each. */
static testPool *poolFind(virStoragePoolPtr handle, testState **stp, bool active, bool byUUID)
{
    virConnectPtr conn = testPoolConn(handle);
    testState *st = testLockState(conn);
    const virtHandleIdentity *id = testCore->handle_identity(handle);
    if (!st)
        return NULL;
    testPool *p = byUUID ? findPoolByUUID(st, id->uuid) : findPoolByName(st, id->name);
    if (!p) {
        char uuid[VIRT_UUID_STRLEN];
        virtUUIDFormat(id->uuid, uuid);
        pthread_mutex_unlock(&st->lock);
        if (byUUID)
            TEST_ERROR(conn, VIR_ERR_NO_STORAGE_POOL, "no storage pool with matching uuid '%s'", uuid);
        else
            TEST_ERROR(conn, VIR_ERR_NO_STORAGE_POOL, "no storage pool with matching name '%s'", id->name);
        return NULL;
    }
    if (active && !p->active) {
        pthread_mutex_unlock(&st->lock);
        TEST_ERROR(conn, VIR_ERR_OPERATION_INVALID, "storage pool '%s' is not active", p->name);
        return NULL;
    }
    *stp = st;
    return p;
}

static testPool *poolAcquire(virStoragePoolPtr handle, testState **stp, bool active)
{
    return poolFind(handle, stp, active, false);
}

/* Lock and find a volume of an active pool; NULL with an error when gone. */
static testVolume *volAcquire(virStorageVolPtr handle, testState **stp, testPool **poolp)
{
    virConnectPtr conn = testVolConn(handle);
    testState *st = testLockState(conn);
    if (!st)
        return NULL;
    testPool *p = findPoolByName(st, testCore->handle_identity(handle)->pool);
    testVolume *v = p && p->active ? findVol(p, testCore->handle_identity(handle)->name) : NULL;
    if (!v) {
        pthread_mutex_unlock(&st->lock);
        if (p && !p->active)
            TEST_ERROR(conn, VIR_ERR_OPERATION_INVALID, "storage pool '%s' is not active", p->name);
        else
            TEST_ERROR(conn, VIR_ERR_NO_STORAGE_VOL, "no storage vol with matching name '%s'",
                       testCore->handle_identity(handle)->name);
        return NULL;
    }
    *stp = st;
    *poolp = p;
    return v;
}

static virStoragePoolPtr poolHandle(virConnectPtr conn, const testPool *p)
{
    return virtHandleNewStoragePool(testCore, conn, p->name, p->uuid);
}

static virStorageVolPtr volHandle(virConnectPtr conn, const testPool *p, const testVolume *v)
{
    char *path = volPath(p, v);
    virStorageVolPtr h = virtHandleNewStorageVol(testCore, conn, p->name, v->name, path);
    free(path);
    return h;
}

/* ---- listing pools ---- */

static int countPools(virConnectPtr conn, bool active)
{
    testState *st = testLockState(conn);
    int n = 0;
    if (!st)
        return -1;
    for (testPool *p = st->pools; p; p = p->next)
        n += p->active == active;
    pthread_mutex_unlock(&st->lock);
    return n;
}

static int listPools(virConnectPtr conn, bool active, char **const names, int maxnames)
{
    testState *st = testLockState(conn);
    int n = 0;
    if (!st)
        return -1;
    for (testPool *p = st->pools; p && n < maxnames; p = p->next)
        if (p->active == active)
            names[n++] = virtStrdup(p->name);
    pthread_mutex_unlock(&st->lock);
    return n;
}

static int testNumOfPools(virConnectPtr conn) { return countPools(conn, true); }
static int testNumOfDefinedPools(virConnectPtr conn) { return countPools(conn, false); }
static int testListPools(virConnectPtr conn, char **const names, int maxnames)
{
    return listPools(conn, true, names, maxnames);
}
static int testListDefinedPools(virConnectPtr conn, char **const names, int maxnames)
{
    return listPools(conn, false, names, maxnames);
}

/* The VIR_CONNECT_LIST_STORAGE_POOLS_* groups; a group with no bit set
 * lets everything through. Every pool here is a directory pool. */
static bool poolWanted(const testPool *p, unsigned int flags)
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
    if ((flags & typeBits) && !(strcmp(p->type, "dir") == 0 && (flags & VIR_CONNECT_LIST_STORAGE_POOLS_DIR)))
        return false;
    return true;
}

static int testConnectListAllStoragePools(virConnectPtr conn, virStoragePoolPtr **pools, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0xfffff, -1);
    testState *st = testLockState(conn);
    int n = 0, cap = 0;
    if (!st)
        return -1;
    for (testPool *p = st->pools; p; p = p->next)
        cap++;
    virStoragePoolPtr *list = pools ? virtAlloc((size_t) (cap + 1) * sizeof(*list)) : NULL;
    for (testPool *p = st->pools; p; p = p->next) {
        if (!poolWanted(p, flags))
            continue;
        if (list)
            list[n] = poolHandle(conn, p);
        n++;
    }
    pthread_mutex_unlock(&st->lock);
    if (pools)
        *pools = list;
    return n;
}

/* ---- looking pools up ---- */

static virStoragePoolPtr testPoolLookupByName(virConnectPtr conn, const char *name)
{
    testState *st = testLockState(conn);
    virStoragePoolPtr ret = NULL;
    if (!st)
        return NULL;
    testPool *p = findPoolByName(st, name);
    if (p)
        ret = poolHandle(conn, p);
    pthread_mutex_unlock(&st->lock);
    if (!p)
        TEST_ERROR(conn, VIR_ERR_NO_STORAGE_POOL, "no storage pool with matching name '%s'", name);
    return ret;
}

static virStoragePoolPtr testPoolLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    testState *st = testLockState(conn);
    virStoragePoolPtr ret = NULL;
    if (!st)
        return NULL;
    testPool *p = findPoolByUUID(st, uuid);
    if (p)
        ret = poolHandle(conn, p);
    pthread_mutex_unlock(&st->lock);
    if (!p) {
        char str[VIRT_UUID_STRLEN];
        virtUUIDFormat(uuid, str);
        TEST_ERROR(conn, VIR_ERR_NO_STORAGE_POOL, "no storage pool with matching uuid '%s'", str);
    }
    return ret;
}

static virStoragePoolPtr testPoolLookupByVolume(virStorageVolPtr vol)
{
    virConnectPtr conn = testVolConn(vol);
    testState *st = testLockState(conn);
    virStoragePoolPtr ret = NULL;
    if (!st)
        return NULL;
    testPool *p = findPoolByName(st, testCore->handle_identity(vol)->pool);
    if (p)
        ret = poolHandle(conn, p);
    pthread_mutex_unlock(&st->lock);
    if (!p)
        TEST_ERROR(conn, VIR_ERR_NO_STORAGE_POOL, "no storage pool with matching name '%s'",
                   testCore->handle_identity(vol)->pool);
    return ret;
}

static virStoragePoolPtr testPoolLookupByTargetPath(virConnectPtr conn, const char *path)
{
    testState *st = testLockState(conn);
    virStoragePoolPtr ret = NULL;
    testPool *p;
    if (!st)
        return NULL;
    for (p = st->pools; p; p = p->next)
        if (strcmp(p->path, path) == 0)
            break;
    if (p)
        ret = poolHandle(conn, p);
    pthread_mutex_unlock(&st->lock);
    if (!p)
        TEST_ERROR(conn, VIR_ERR_NO_STORAGE_POOL, "no storage pool with matching target path '%s'", path);
    return ret;
}

/* ---- defining and running pools ---- */

/* Pool types whose volumes live under a target folder libvirt requires. */
static bool needsTargetPath(const char *type)
{
    static const char *const types[] = { "dir", "fs", "netfs" };
    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
        if (strcmp(type, types[i]) == 0)
            return true;
    return false;
}

/* What libvirt fills in: an LVM pool's format, and the device folder of
 * a volume group or a ZFS pool named in its source. */
static void poolDefaults(virtStoragePoolDef *def)
{
    bool lvm = strcmp(def->type, "logical") == 0, zfs = strcmp(def->type, "zfs") == 0;
    if (!lvm && !zfs)
        return;
    if (!def->source)
        def->source = virtAlloc(sizeof(*def->source));
    virtStoragePoolPoolSource *src = def->source;
    if (lvm && !src->format) {
        src->format = virtAlloc(sizeof(*src->format));
        src->format->type = virtStrdup("lvm2");
    }
    const char *name = src->name ? src->name : def->name;
    if (!def->target)
        def->target = virtAlloc(sizeof(*def->target));
    if (!def->target->path)
        def->target->path = virtAsprintf(lvm ? "/dev/%s" : "/dev/zvol/%s", name);
}

/* validate: the caller passed a *_VALIDATE flag (check the grammar too). */
static testPool *parsePool(virConnectPtr conn, const char *xml, bool validate)
{
    virtXMLError err = { 0 };
    xmlDocPtr doc = testXMLRead(conn, xml, "pool");
    if (!doc)
        return NULL;
    virtStoragePoolDef *def = virtXMLModelParseDoc(doc, &virtXMLKind_storagepool,
                                                   validate ? VIRT_XML_VALIDATE : 0, &err);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    testPool *p = NULL;
    if (!def) {
        virtXMLErrorSetDomain(&err, VIR_FROM_STORAGE);
        testReportXMLError(conn, &err);
        goto error;
    }
    p = virtAlloc(sizeof(*p));
    p->def = def;
    p->type = virtStrdup(def->type);
    p->name = virtStrdup(def->name);
    if (!p->name[0]) {
        testCore->error(conn, VIR_FROM_STORAGE, VIR_ERR_XML_ERROR, "a storage pool needs a type and a name");
        goto error;
    }
    poolDefaults(def);
    const char *path = def->target ? def->target->path : NULL;
    /* libvirt asks only for a path, relative or not */
    if (needsTargetPath(p->type) && (!path || !path[0])) {
        testCore->error(conn, VIR_FROM_STORAGE, VIR_ERR_XML_ERROR, "missing storage pool target path");
        goto error;
    }
    p->path = path ? virtStrdup(path) : virtAsprintf("/dev/%s", p->name);
    if (def->uuid_set) {
        memcpy(p->uuid, def->uuid, VIRT_UUID_LEN);
    } else if (virtUUIDGenerate(p->uuid) < 0) {
        TEST_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "cannot generate a UUID: %s", strerror(errno));
        goto error;
    }
    if (testXMLSize(conn, root, "capacity", &p->capacity) < 0)
        goto error;
    if (!p->capacity)
        p->capacity = DEFAULT_POOL_CAPACITY;
    xmlFreeDoc(doc);
    return p;
 error:
    xmlFreeDoc(doc);
    if (p)
        poolFree(p);
    else if (def)
        virtXMLModelFree(virtXMLKind_storagepool.root, def);
    return NULL;
}

/* A definition's name and uuid must not clash with another pool. Returns
 * the pool it redefines (same name and uuid), NULL for a new one; sets
 * *clash after reporting. */
static testPool *checkPoolDef(virConnectPtr conn, testState *st, const testPool *def, bool *clash)
{
    testPool *byName = findPoolByName(st, def->name);
    testPool *byUUID = findPoolByUUID(st, def->uuid);
    *clash = false;
    if (byName != byUUID) {
        char uuid[VIRT_UUID_STRLEN];
        virtUUIDFormat((byName ? byName : byUUID)->uuid, uuid);
        /* libvirt's storage layer words the two clashes apart */
        testCore->error(conn, VIR_FROM_STORAGE, VIR_ERR_OPERATION_FAILED,
                        byName ? "pool '%s' already exists with uuid %s"
                               : "pool '%s' is already defined with uuid %s",
                        (byName ? byName : byUUID)->name, uuid);
        *clash = true;
    }
    return byName;
}

static virStoragePoolPtr testStoragePoolCreateXML(virConnectPtr conn, const char *xml, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_STORAGE_POOL_CREATE_WITH_BUILD | VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE | VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE, NULL);
    virStoragePoolPtr ret = NULL;
    bool clash;
    (void) flags;   /* build/overwrite choices mean nothing in memory */
    testPool *def = parsePool(conn, xml, false);
    if (!def)
        return NULL;
    testState *st = testLockState(conn);
    if (!st)
        goto out;
    testPool *old = checkPoolDef(conn, st, def, &clash);
    if (clash)
        goto cleanup;
    if (old) {
        TEST_ERROR(conn, VIR_ERR_OPERATION_INVALID, "storage pool '%s' is already %s", old->name,
                   old->active ? "active" : "defined");
        goto cleanup;
    }
    def->active = true;
    addPool(st, def);
    poolEvent(st, def, VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE, VIR_STORAGE_POOL_EVENT_STARTED);
    ret = poolHandle(conn, def);
    def = NULL;
 cleanup:
    pthread_mutex_unlock(&st->lock);
 out:
    if (def)
        poolFree(def);
    return ret;
}

static virStoragePoolPtr testStoragePoolDefineXML(virConnectPtr conn, const char *xml, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_STORAGE_POOL_DEFINE_VALIDATE, NULL);
    virStoragePoolPtr ret = NULL;
    bool clash;
    testPool *def = parsePool(conn, xml, flags & VIR_STORAGE_POOL_DEFINE_VALIDATE);
    if (!def)
        return NULL;
    testState *st = testLockState(conn);
    if (!st)
        goto out;
    testPool *old = checkPoolDef(conn, st, def, &clash);
    if (clash)
        goto cleanup;
    if (old) {
        /* Redefinition: new settings, same volumes and state. */
        free(old->type);
        free(old->path);
        old->type = def->type;
        old->path = def->path;
        old->capacity = def->capacity;
        def->type = def->path = NULL;
        struct virtStoragePoolDef *keep = old->def;
        old->def = def->def;
        def->def = keep;
        old->persistent = true;
        poolEvent(st, old, VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE, VIR_STORAGE_POOL_EVENT_DEFINED);
        ret = poolHandle(conn, old);
        goto cleanup;
    }
    def->persistent = true;
    addPool(st, def);
    poolEvent(st, def, VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE, VIR_STORAGE_POOL_EVENT_DEFINED);
    ret = poolHandle(conn, def);
    def = NULL;
 cleanup:
    pthread_mutex_unlock(&st->lock);
 out:
    if (def)
        poolFree(def);
    return ret;
}

static void removePool(testState *st, testPool *pool)
{
    for (testPool **pp = &st->pools; *pp; pp = &(*pp)->next)
        if (*pp == pool) {
            *pp = pool->next;
            poolFree(pool);
            return;
        }
}

static int testStoragePoolCreate(virStoragePoolPtr pool, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_STORAGE_POOL_CREATE_WITH_BUILD | VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE | VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE, -1);
    testState *st;
    int ret = -1;
    (void) flags;
    testPool *p = poolAcquire(pool, &st, false);
    if (!p)
        return -1;
    if (p->active) {
        TEST_ERROR(testPoolConn(pool), VIR_ERR_OPERATION_INVALID, "storage pool '%s' is active", p->name);
        goto cleanup;
    }
    p->active = true;
    poolEvent(st, p, VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE, VIR_STORAGE_POOL_EVENT_STARTED);
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

static int testStoragePoolBuild(virStoragePoolPtr pool, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0xf, -1);
    testState *st;
    (void) flags;
    testPool *p = poolAcquire(pool, &st, false);
    if (!p)
        return -1;
    int ret = 0;
    if (p->active) {
        TEST_ERROR(testPoolConn(pool), VIR_ERR_OPERATION_INVALID, "storage pool '%s' is active", p->name);
        ret = -1;
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}

static int testPoolDestroy(virStoragePoolPtr pool)
{
    testState *st;
    testPool *p = poolAcquire(pool, &st, true);
    if (!p)
        return -1;
    /* A transient pool leaves with its last run; volumes are forgotten
     * as a stopped directory pool would rescan them on start. */
    poolEvent(st, p, VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE, VIR_STORAGE_POOL_EVENT_STOPPED);
    if (!p->persistent) {
        removePool(st, p);
    } else {
        p->active = false;
    }
    pthread_mutex_unlock(&st->lock);
    return 0;
}

static int testStoragePoolDelete(virStoragePoolPtr pool, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_STORAGE_POOL_DELETE_ZEROED, -1);
    testState *st;
    (void) flags;
    testPool *p = poolAcquire(pool, &st, false);
    if (!p)
        return -1;
    int ret = 0;
    if (p->active) {
        TEST_ERROR(testPoolConn(pool), VIR_ERR_OPERATION_INVALID, "storage pool '%s' is active", p->name);
        ret = -1;
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}

static int testPoolUndefine(virStoragePoolPtr pool)
{
    testState *st;
    testPool *p = poolAcquire(pool, &st, false);
    if (!p)
        return -1;
    int ret = 0;
    if (p->active) {
        TEST_ERROR(testPoolConn(pool), VIR_ERR_OPERATION_INVALID, "storage pool '%s' is active", p->name);
        ret = -1;
    } else {
        poolEvent(st, p, VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE, VIR_STORAGE_POOL_EVENT_UNDEFINED);
        removePool(st, p);
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}

static int testStoragePoolRefresh(virStoragePoolPtr pool, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    testState *st;
    (void) flags;
    testPool *p = poolAcquire(pool, &st, true);
    if (!p)
        return -1;
    poolEvent(st, p, VIR_STORAGE_POOL_EVENT_ID_REFRESH, 0);
    pthread_mutex_unlock(&st->lock);
    return 0;
}

static int testPoolGetInfo(virStoragePoolPtr pool, virStoragePoolInfoPtr info)
{
    testState *st;
    testPool *p = poolAcquire(pool, &st, false);
    if (!p)
        return -1;
    unsigned long long alloc = poolAllocation(p);
    info->state = p->active ? VIR_STORAGE_POOL_RUNNING : VIR_STORAGE_POOL_INACTIVE;
    info->capacity = p->capacity;
    info->allocation = alloc;
    info->available = p->capacity > alloc ? p->capacity - alloc : 0;
    pthread_mutex_unlock(&st->lock);
    return 0;
}

static char *testStoragePoolGetXMLDesc(virStoragePoolPtr pool, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_STORAGE_XML_INACTIVE, NULL);
    testState *st;
    (void) flags;
    testPool *p = poolAcquire(pool, &st, false);
    if (!p)
        return NULL;
    unsigned long long alloc = poolAllocation(p);
    /* the definition as given, with the pool's identity and sizes now */
    virtStoragePoolDef *d = p->def;
    memcpy(d->uuid, p->uuid, VIRT_UUID_LEN);
    d->uuid_set = true;
    d->capacity = p->capacity;
    d->allocation = alloc;
    d->available = p->capacity > alloc ? p->capacity - alloc : 0;
    d->capacity_set = d->allocation_set = d->available_set = true;
    if (!d->source)
        d->source = virtAlloc(sizeof(*d->source));
    char *xml = virtXMLModelFormat(&virtXMLKind_storagepool, d, 0);
    pthread_mutex_unlock(&st->lock);
    return xml;
}

static int testPoolGetAutostart(virStoragePoolPtr pool, int *autostart)
{
    testState *st;
    testPool *p = poolAcquire(pool, &st, false);
    if (!p)
        return -1;
    *autostart = p->autostart;
    pthread_mutex_unlock(&st->lock);
    return 0;
}

static int testPoolSetAutostart(virStoragePoolPtr pool, int autostart)
{
    testState *st;
    int ret = -1;
    testPool *p = poolAcquire(pool, &st, false);
    if (!p)
        return -1;
    if (!p->persistent) {
        TEST_ERROR(testPoolConn(pool), VIR_ERR_INVALID_ARG, "cannot set autostart for transient pool");
        goto cleanup;
    }
    p->autostart = autostart != 0;
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

static int testPoolIsActive(virStoragePoolPtr pool)
{
    testState *st;
    testPool *p = poolFind(pool, &st, false, true);
    if (!p)
        return -1;
    int ret = p->active;
    pthread_mutex_unlock(&st->lock);
    return ret;
}

static int testPoolIsPersistent(virStoragePoolPtr pool)
{
    testState *st;
    testPool *p = poolFind(pool, &st, false, true);
    if (!p)
        return -1;
    int ret = p->persistent;
    pthread_mutex_unlock(&st->lock);
    return ret;
}

/* ---- volumes ---- */

static int testPoolNumOfVolumes(virStoragePoolPtr pool)
{
    testState *st;
    int n = 0;
    testPool *p = poolAcquire(pool, &st, true);
    if (!p)
        return -1;
    for (testVolume *v = p->vols; v; v = v->next)
        n++;
    pthread_mutex_unlock(&st->lock);
    return n;
}

static int testPoolListVolumes(virStoragePoolPtr pool, char **const names, int maxnames)
{
    testState *st;
    int n = 0;
    testPool *p = poolAcquire(pool, &st, true);
    if (!p)
        return -1;
    for (testVolume *v = p->vols; v && n < maxnames; v = v->next)
        names[n++] = virtStrdup(v->name);
    pthread_mutex_unlock(&st->lock);
    return n;
}

static int testStoragePoolListAllVolumes(virStoragePoolPtr pool, virStorageVolPtr **vols, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    virConnectPtr conn = testPoolConn(pool);
    testState *st;
    int n = 0;
    (void) flags;
    testPool *p = poolFind(pool, &st, true, true);
    if (!p)
        return -1;
    for (testVolume *v = p->vols; v; v = v->next)
        n++;
    if (vols) {
        virStorageVolPtr *list = virtAlloc((size_t) (n + 1) * sizeof(*list));
        int i = 0;
        for (testVolume *v = p->vols; v; v = v->next)
            list[i++] = volHandle(conn, p, v);
        *vols = list;
    }
    pthread_mutex_unlock(&st->lock);
    return n;
}

static testVolume *parseVol(virConnectPtr conn, const testPool *p, const char *xml, bool validate)
{
    virtStorageVolDef *def = testVolParse(conn, p->type, volDir(p), xml, validate);
    if (!def)
        return NULL;
    testVolume *v = virtAlloc(sizeof(*v));
    v->def = def;
    v->name = virtStrdup(def->name);
    v->capacity = def->capacity;
    v->allocation = def->allocation;
    return v;
}

/* Add v (taken) to p after the checks; 0, or -1 after reporting. */
static int placeVolume(virConnectPtr conn, testPool *p, testVolume *v)
{
    unsigned long long alloc = poolAllocation(p);
    if (findVol(p, v->name)) {
        TEST_ERROR(conn, VIR_ERR_OPERATION_FAILED, "storage vol already exists");   /* libvirt's words */
        volFree(v);
        return -1;
    }
    if (v->allocation > p->capacity - (alloc < p->capacity ? alloc : p->capacity)) {
        TEST_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "Not enough free space in pool for volume '%s'", v->name);
        volFree(v);
        return -1;
    }
    testVolume **pp = &p->vols;
    while (*pp)
        pp = &(*pp)->next;
    *pp = v;
    return 0;
}

/* Add v (taken) to p; returns its handle or NULL. */
static virStorageVolPtr addVolume(virConnectPtr conn, testPool *p, testVolume *v)
{
    if (placeVolume(conn, p, v) < 0)
        return NULL;
    return volHandle(conn, p, v);
}

int testStorageLoadPool(virConnectPtr conn, testState *st, const char *xml,
                        char *const *volxml, size_t nvols)
{
    bool clash;
    testPool *def = parsePool(conn, xml, false);
    if (!def)
        return -1;
    if (checkPoolDef(conn, st, def, &clash) || clash) {
        if (!clash)
            TEST_ERROR(conn, VIR_ERR_OPERATION_FAILED, "storage pool '%s' is defined twice", def->name);
        poolFree(def);
        return -1;
    }
    for (size_t i = 0; i < nvols; i++) {
        testVolume *v = parseVol(conn, def, volxml[i], false);
        if (!v || placeVolume(conn, def, v) < 0) {
            poolFree(def);
            return -1;
        }
    }
    def->active = def->persistent = true;
    addPool(st, def);
    return 0;
}

static virStorageVolPtr testStorageVolCreateXML(virStoragePoolPtr pool, const char *xml, unsigned int flags)
{
    /* libvirt 9.0's test driver takes no preallocation choice */
    VIRT_CHECK_FLAGS(flags, VIR_STORAGE_VOL_CREATE_VALIDATE, NULL);
    virConnectPtr conn = testPoolConn(pool);
    testState *st;
    testPool *p = poolAcquire(pool, &st, true);
    if (!p)
        return NULL;
    testVolume *v = parseVol(conn, p, xml, flags & VIR_STORAGE_VOL_CREATE_VALIDATE);
    virStorageVolPtr ret = v ? addVolume(conn, p, v) : NULL;
    pthread_mutex_unlock(&st->lock);
    return ret;
}

static virStorageVolPtr testStorageVolCreateXMLFrom(virStoragePoolPtr pool, const char *xml,
                                             virStorageVolPtr clonevol, unsigned int flags)
{
    /* as libvirt 9.0: the new volume is its document alone, the original
     * only has to exist; the parser is handed VALIDATE and refuses it */
    VIRT_CHECK_FLAGS(flags, VIR_STORAGE_VOL_CREATE_VALIDATE, NULL);
    virConnectPtr conn = testPoolConn(pool);
    testState *st;
    virStorageVolPtr ret = NULL;
    testPool *p = poolAcquire(pool, &st, true);
    if (!p)
        return NULL;
    testVolume *v = parseVol(conn, p, xml, flags & VIR_STORAGE_VOL_CREATE_VALIDATE);
    if (!v)
        goto cleanup;
    if (findVol(p, v->name)) {
        TEST_ERROR(conn, VIR_ERR_OPERATION_FAILED, "storage vol already exists");
        volFree(v);
        goto cleanup;
    }
    testPool *srcPool = findPoolByName(st, testCore->handle_identity(clonevol)->pool);
    testVolume *src = srcPool && srcPool->active ? findVol(srcPool, testCore->handle_identity(clonevol)->name) : NULL;
    if (!src) {
        TEST_ERROR(conn, VIR_ERR_NO_STORAGE_VOL, "no storage vol with matching name '%s'",
                   testCore->handle_identity(clonevol)->name);
        volFree(v);
        goto cleanup;
    }
    ret = addVolume(conn, p, v);
 cleanup:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

static int testStorageVolDelete(virStorageVolPtr vol, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_STORAGE_VOL_DELETE_ZEROED | VIR_STORAGE_VOL_DELETE_WITH_SNAPSHOTS, -1);
    testState *st;
    testPool *p;
    (void) flags;
    testVolume *v = volAcquire(vol, &st, &p);
    if (!v)
        return -1;
    for (testVolume **pp = &p->vols; *pp; pp = &(*pp)->next)
        if (*pp == v) {
            *pp = v->next;
            volFree(v);
            break;
        }
    pthread_mutex_unlock(&st->lock);
    return 0;
}

static int testStorageVolWipe(virStorageVolPtr vol, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    testState *st;
    testPool *p;
    (void) flags;
    if (!volAcquire(vol, &st, &p))
        return -1;
    pthread_mutex_unlock(&st->lock);
    return 0;
}

static int testStorageVolGetInfoFlags(virStorageVolPtr vol, virStorageVolInfoPtr info, unsigned int flags)
{
    /* Files here have no physical size apart from their allocation. */
    VIRT_CHECK_FLAGS(flags, VIR_STORAGE_VOL_GET_PHYSICAL, -1);
    testState *st;
    testPool *p;
    testVolume *v = volAcquire(vol, &st, &p);
    if (!v)
        return -1;
    info->type = volInfoType(p);
    info->capacity = v->capacity;
    info->allocation = v->allocation;
    pthread_mutex_unlock(&st->lock);
    return 0;
}

static char *testVolGetPath(virStorageVolPtr vol)
{
    testState *st;
    testPool *p;
    testVolume *v = volAcquire(vol, &st, &p);
    if (!v)
        return NULL;
    char *path = volPath(p, v);
    pthread_mutex_unlock(&st->lock);
    return path;
}

static char *testStorageVolGetXMLDesc(virStorageVolPtr vol, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, NULL);
    testState *st;
    testPool *p;
    testVolume *v = volAcquire(vol, &st, &p);
    if (!v)
        return NULL;
    v->def->capacity = v->capacity;
    v->def->allocation = v->allocation;
    char *xml = virtXMLModelFormat(&virtXMLKind_storagevol, v->def, 0);
    pthread_mutex_unlock(&st->lock);
    return xml;
}

static virStorageVolPtr testVolLookupByName(virStoragePoolPtr pool, const char *name)
{
    virConnectPtr conn = testPoolConn(pool);
    testState *st;
    virStorageVolPtr ret = NULL;
    testPool *p = poolAcquire(pool, &st, true);
    if (!p)
        return NULL;
    testVolume *v = findVol(p, name);
    if (v)
        ret = volHandle(conn, p, v);
    pthread_mutex_unlock(&st->lock);
    if (!v)
        TEST_ERROR(conn, VIR_ERR_NO_STORAGE_VOL, "no storage vol with matching name '%s'", name);
    return ret;
}

static virStorageVolPtr lookupByPath(virConnectPtr conn, const char *path, const char *what)
{
    testState *st = testLockState(conn);
    virStorageVolPtr ret = NULL;
    testPool *p = NULL;
    if (!st)
        return NULL;
    testVolume *v = findVolByPath(st, path, &p);
    if (v)
        ret = volHandle(conn, p, v);
    pthread_mutex_unlock(&st->lock);
    if (!v)
        TEST_ERROR(conn, VIR_ERR_NO_STORAGE_VOL, "no storage vol with matching %s '%s'", what, path);
    return ret;
}

static virStorageVolPtr testVolLookupByKey(virConnectPtr conn, const char *key)
{
    return lookupByPath(conn, key, "key");
}

static virStorageVolPtr testVolLookupByPath(virConnectPtr conn, const char *path)
{
    return lookupByPath(conn, path, "path");
}

const virtStorageTable testStorageTable = {
    .size = sizeof(virtStorageTable),
    .connectFindStoragePoolSources = testConnectFindStoragePoolSources,
    .connectListDefinedStoragePools = testListDefinedPools,
    .connectListStoragePools = testListPools,
    .connectNumOfDefinedStoragePools = testNumOfDefinedPools,
    .connectNumOfStoragePools = testNumOfPools,
    .connectListAllStoragePools = testConnectListAllStoragePools,
    .storagePoolBuild = testStoragePoolBuild,
    .storagePoolCreate = testStoragePoolCreate,
    .storagePoolCreateXML = testStoragePoolCreateXML,
    .storagePoolDefineXML = testStoragePoolDefineXML,
    .storagePoolDelete = testStoragePoolDelete,
    .storagePoolDestroy = testPoolDestroy,
    .storagePoolGetAutostart = testPoolGetAutostart,
    .storagePoolGetInfo = testPoolGetInfo,
    .storagePoolGetXMLDesc = testStoragePoolGetXMLDesc,
    .storagePoolListVolumes = testPoolListVolumes,
    .storagePoolListAllVolumes = testStoragePoolListAllVolumes,
    .storagePoolLookupByName = testPoolLookupByName,
    .storagePoolLookupByUUID = testPoolLookupByUUID,
    .storagePoolLookupByVolume = testPoolLookupByVolume,
    .storagePoolLookupByTargetPath = testPoolLookupByTargetPath,
    .storagePoolNumOfVolumes = testPoolNumOfVolumes,
    .storagePoolRefresh = testStoragePoolRefresh,
    .storagePoolSetAutostart = testPoolSetAutostart,
    .storagePoolUndefine = testPoolUndefine,
    .storagePoolIsActive = testPoolIsActive,
    .storagePoolIsPersistent = testPoolIsPersistent,
    .connectStoragePoolEventRegisterAny = testConnectStoragePoolEventRegisterAny,
    .connectStoragePoolEventDeregisterAny = testConnectStoragePoolEventDeregisterAny,
    .storageVolCreateXML = testStorageVolCreateXML,
    .storageVolCreateXMLFrom = testStorageVolCreateXMLFrom,
    .storageVolDelete = testStorageVolDelete,
    .storageVolWipe = testStorageVolWipe,
    .storageVolGetInfoFlags = testStorageVolGetInfoFlags,
    .storageVolGetPath = testVolGetPath,
    .storageVolGetXMLDesc = testStorageVolGetXMLDesc,
    .storageVolLookupByKey = testVolLookupByKey,
    .storageVolLookupByName = testVolLookupByName,
    .storageVolLookupByPath = testVolLookupByPath,
};
