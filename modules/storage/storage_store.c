/* storage_store.c: what survives the daemon. A persistent pool is
 * CONFIG/NAME.xml (autostart: a link CONFIG/autostart/NAME.xml to it); an
 * active pool also has STATE/NAME.xml, so a restarted daemon knows it
 * ran (a transient pool has only that). Files are written atomically. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "storage_driver.h"
#include "util.h"

VIRT_MODULE_LOG_INIT("storage.store");

static char *fileIn(const char *dir, const char *name)
{
    return virtAsprintf("%s/%s.xml", dir, name);
}

static int writeDef(virConnectPtr conn, const char *dir, const virtStoragePoolDef *def)
{
    char *xml = virtStoragePoolDefFormat(def);
    char *path = fileIn(dir, def->name);
    int rc = virtFileWriteAtomic(path, xml, strlen(xml), 0600);
    if (rc < 0)
        STORAGE_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "cannot write '%s': %s", path, strerror(errno));
    free(xml);
    free(path);
    return rc;
}

int storageStoreSaveConfig(virConnectPtr conn, storageDriver *drv, const virtStoragePoolDef *def)
{
    return writeDef(conn, drv->config_dir, def);
}

int storageStoreSaveState(virConnectPtr conn, storageDriver *drv, const virtStoragePoolDef *def)
{
    return writeDef(conn, drv->state_dir, def);
}

void storageStoreDeleteConfig(storageDriver *drv, const char *name)
{
    char *path = fileIn(drv->config_dir, name);
    char *link = fileIn(drv->autostart_dir, name);
    unlink(path);
    unlink(link);
    free(path);
    free(link);
}

void storageStoreDeleteState(storageDriver *drv, const char *name)
{
    char *path = fileIn(drv->state_dir, name);
    unlink(path);
    free(path);
}

int storageStoreSetAutostart(virConnectPtr conn, storageDriver *drv, const char *name, bool on)
{
    char *link = fileIn(drv->autostart_dir, name);
    char *target = fileIn(drv->config_dir, name);
    int rc = 0;

    if (on) {
        if (symlink(target, link) < 0 && errno != EEXIST) {
            STORAGE_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "Failed to create symlink '%s' to '%s': %s",
                          link, target, strerror(errno));
            rc = -1;
        }
    } else if (unlink(link) < 0 && errno != ENOENT && errno != ENOTDIR) {
        STORAGE_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "Failed to delete symlink '%s': %s",
                      link, strerror(errno));
        rc = -1;
    }
    free(link);
    free(target);
    return rc;
}

static virtStoragePoolDef *readDef(const char *path)
{
    size_t len;
    char *xml = virtFileRead(path, 1 << 20, &len);
    virtXMLError err = { 0 };
    virtStoragePoolDef *def = xml ? virtStoragePoolDefParse(xml, 0, &err) : NULL;
    if (xml && !def)
        VIRT_MODULE_LOG(storageCore, VIRT_LOG_WARN, "ignoring '%s': %s", path,
                        err.message ? err.message : "unreadable");
    virtXMLErrorClear(&err);
    free(xml);
    return def;
}

/* Every NAME.xml in dir that defines pool NAME, handed to fn. */
static void eachFile(storageDriver *drv, const char *dir,
                     void (*fn)(storageDriver *drv, virtStoragePoolDef *def))
{
    DIR *d = opendir(dir);
    struct dirent *e;
    if (!d)
        return;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n <= 4 || strcmp(e->d_name + n - 4, ".xml") != 0)
            continue;
        char *path = virtAsprintf("%s/%s", dir, e->d_name);
        virtStoragePoolDef *def = readDef(path);
        if (def && (strlen(def->name) != n - 4 || strncmp(def->name, e->d_name, n - 4) != 0)) {
            VIRT_MODULE_LOG(storageCore, VIRT_LOG_WARN, "ignoring '%s': it defines pool '%s'",
                            path, def->name);
            virtStoragePoolDefFree(def);
            def = NULL;
        }
        if (def)
            fn(drv, def);
        free(path);
    }
    closedir(d);
}

static void addConfig(storageDriver *drv, virtStoragePoolDef *def)
{
    if (storagePoolFindByName(drv, def->name) || !storageBackendFor(def->type)) {
        virtStoragePoolDefFree(def);
        return;
    }
    storagePool *p = virtAlloc(sizeof(*p));
    p->def = def;
    p->backend = storageBackendFor(def->type);
    p->persistent = true;
    char *link = fileIn(drv->autostart_dir, def->name);
    p->autostart = access(link, F_OK) == 0;
    free(link);
    storagePool **pp = &drv->pools;
    while (*pp)
        pp = &(*pp)->next;
    *pp = p;
}

/* A state file: the pool ran when the last daemon stopped. Its running
 * definition replaces the persistent one, kept as newDef. */
static void addState(storageDriver *drv, virtStoragePoolDef *def)
{
    storagePool *p = storagePoolFindByName(drv, def->name);
    if (!p) {
        if (!storageBackendFor(def->type)) {
            virtStoragePoolDefFree(def);
            return;
        }
        p = virtAlloc(sizeof(*p));
        p->backend = storageBackendFor(def->type);
        storagePool **pp = &drv->pools;
        while (*pp)
            pp = &(*pp)->next;
        *pp = p;
    } else if (memcmp(p->def->uuid, def->uuid, VIRT_UUID_LEN) != 0) {
        virtStoragePoolDefFree(def);
        return;
    } else {
        p->newDef = p->def;
    }
    p->def = def;
    p->active = true;
}

void storageStoreLoadAll(storageDriver *drv)
{
    /* what interrupted atomic writes left, removed and logged */
    const char *dirs[] = { drv->config_dir, drv->autostart_dir, drv->state_dir };
    for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
        virtFileRemoveStaleTemps(dirs[i], storageCore->log, virtModuleLogCategory);
    eachFile(drv, drv->config_dir, addConfig);
    eachFile(drv, drv->state_dir, addState);
    for (storagePool *p = drv->pools; p; p = p->next) {
        if (p->active) {
            /* still there? a pool whose storage went away is inactive */
            if (p->backend->refresh(NULL, p) < 0) {
                VIRT_MODULE_LOG(storageCore, VIRT_LOG_WARN, "pool '%s' is no longer usable", p->def->name);
                storagePoolClearVols(p);
                p->active = false;
                storageStoreDeleteState(drv, p->def->name);
                if (p->newDef) {
                    virtStoragePoolDefFree(p->def);
                    p->def = p->newDef;
                    p->newDef = NULL;
                }
            }
        }
    }
    /* remove pools that are neither persistent nor active */
    for (storagePool **pp = &drv->pools; *pp;) {
        storagePool *p = *pp;
        if (!p->active && !p->persistent) {
            *pp = p->next;
            storagePoolFree(p);
        } else {
            pp = &p->next;
        }
    }
    for (storagePool *p = drv->pools; p; p = p->next)
        if (p->autostart && !p->active && storagePoolActivate(NULL, drv, p) < 0)
            VIRT_MODULE_LOG(storageCore, VIRT_LOG_WARN, "cannot autostart pool '%s'", p->def->name);
}
