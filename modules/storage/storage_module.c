/* storage_module.c: the module's entry point and descriptor, the driver
 * of each mode (system for qemu:///system and the like, session for a
 * user's daemon), the connections it serves and the events it raises.
 * A driver, once made, lives as long as the daemon: transient pools and
 * running pools are the daemon's, not a connection's. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "storage_driver.h"
#include "storage_slots.h"
#include "util.h"

VIRT_MODULE_LOG_INIT("storage.module");

const virtCoreServices *storageCore;

static pthread_mutex_t driversLock = PTHREAD_MUTEX_INITIALIZER;
static storageDriver *drivers[2];          /* [0] session, [1] system */

storageDriver *storageConnDriver(virConnectPtr conn)
{
    return storageCore->conn_private(conn, VIRT_ROLE_STORAGE);
}

static storageDriver *driverNew(virConnectPtr conn, bool privileged)
{
    storageDriver *drv = virtAlloc(sizeof(*drv));
    pthread_mutex_init(&drv->lock, NULL);
    drv->privileged = privileged;
    if (storagePathsInit(drv, privileged) < 0) {
        STORAGE_ERROR(conn, VIR_ERR_OPERATION_FAILED, "cannot create the folders %s and %s",
                      drv->config_dir, drv->state_dir);
        free(drv->config_dir);
        free(drv->autostart_dir);
        free(drv->state_dir);
        pthread_mutex_destroy(&drv->lock);
        free(drv);
        return NULL;
    }
    VIRT_MODULE_DEBUG(storageCore, "storage driver: config %s, state %s", drv->config_dir, drv->state_dir);
    pthread_mutex_lock(&drv->lock);
    storageStoreLoadAll(drv);
    pthread_mutex_unlock(&drv->lock);
    return drv;
}

static int storageOpen(virConnectPtr conn, const virtURI *uri, virConnectAuthPtr auth,
                       unsigned int flags, unsigned int roles, void **priv)
{
    const char *path = uri->path ? uri->path : "";
    bool privileged;
    (void) auth;
    (void) flags;
    (void) roles;

    if (uri->server)
        return VIRT_OPEN_DECLINED;
    if (strcmp(path, "/system") == 0 && geteuid() == 0)
        privileged = true;
    else if (strcmp(path, "/session") == 0)
        privileged = false;
    else
        return VIRT_OPEN_DECLINED;

    pthread_mutex_lock(&driversLock);
    storageDriver *drv = drivers[privileged];
    if (!drv && !(drv = drivers[privileged] = driverNew(conn, privileged))) {
        pthread_mutex_unlock(&driversLock);
        return VIRT_OPEN_ERROR;
    }
    pthread_mutex_unlock(&driversLock);

    pthread_mutex_lock(&drv->lock);
    drv->conns = virtRealloc(drv->conns, (drv->nconns + 1) * sizeof(*drv->conns));
    drv->conns[drv->nconns++] = conn;
    pthread_mutex_unlock(&drv->lock);
    *priv = drv;
    return VIRT_OPEN_SUCCESS;
}

static int storageClose(virConnectPtr conn, void *priv)
{
    storageDriver *drv = priv;
    pthread_mutex_lock(&drv->lock);
    for (size_t i = 0; i < drv->nconns; i++) {
        if (drv->conns[i] == conn) {
            drv->conns[i] = drv->conns[--drv->nconns];
            break;
        }
    }
    pthread_mutex_unlock(&drv->lock);
    return 0;
}

void storageNotify(storageDriver *drv, const storagePool *pool, int eventID, int event)
{
    virtHandleIdentity id = { .name = pool->def->name, .uuid = pool->def->uuid };
    /* by identity, not a handle: see event_queue */
    for (size_t i = 0; i < drv->nconns; i++)
        storageCore->event_queue(drv->conns[i], VIRT_HANDLE_STORAGE_POOL, &id, eventID, event, 0);
}

static int storageConnectStoragePoolEventRegisterAny(virConnectPtr conn, virStoragePoolPtr pool, int eventID,
                                                     virConnectStoragePoolEventGenericCallback cb,
                                                     void *opaque, virFreeCallback freecb)
{
    return storageCore->event_register(conn, VIRT_HANDLE_STORAGE_POOL, pool, eventID,
                                       (void (*)(void)) cb, opaque, freecb);
}

static int storageConnectStoragePoolEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    return storageCore->event_deregister(conn, VIRT_HANDLE_STORAGE_POOL, callbackID);
}

static const virtStorageTable storageTable = {
    .size = sizeof(virtStorageTable),
    .connectListDefinedStoragePools = storageConnectListDefinedStoragePools,
    .connectListStoragePools = storageConnectListStoragePools,
    .connectNumOfDefinedStoragePools = storageConnectNumOfDefinedStoragePools,
    .connectNumOfStoragePools = storageConnectNumOfStoragePools,
    .connectListAllStoragePools = storageConnectListAllStoragePools,
    .connectFindStoragePoolSources = storageConnectFindStoragePoolSources,
    .storagePoolBuild = storagePoolBuild,
    .storagePoolCreate = storagePoolCreate,
    .storagePoolCreateXML = storagePoolCreateXML,
    .storagePoolDefineXML = storagePoolDefineXML,
    .storagePoolDelete = storagePoolDelete,
    .storagePoolDestroy = storagePoolDestroy,
    .storagePoolGetAutostart = storagePoolGetAutostart,
    .storagePoolGetInfo = storagePoolGetInfo,
    .storagePoolGetXMLDesc = storagePoolGetXMLDesc,
    .storagePoolListVolumes = storagePoolListVolumes,
    .storagePoolListAllVolumes = storagePoolListAllVolumes,
    .storagePoolLookupByName = storagePoolLookupByName,
    .storagePoolLookupByUUID = storagePoolLookupByUUID,
    .storagePoolLookupByVolume = storagePoolLookupByVolume,
    .storagePoolLookupByTargetPath = storagePoolLookupByTargetPath,
    .storagePoolNumOfVolumes = storagePoolNumOfVolumes,
    .storagePoolRefresh = storagePoolRefresh,
    .storagePoolSetAutostart = storagePoolSetAutostart,
    .storagePoolUndefine = storagePoolUndefine,
    .storagePoolIsActive = storagePoolIsActive,
    .storagePoolIsPersistent = storagePoolIsPersistent,
    .connectStoragePoolEventRegisterAny = storageConnectStoragePoolEventRegisterAny,
    .connectStoragePoolEventDeregisterAny = storageConnectStoragePoolEventDeregisterAny,
    .connectGetStoragePoolCapabilities = storageConnectGetStoragePoolCapabilities,
    .storageVolCreateXML = storageVolCreateXML,
    .storageVolCreateXMLFrom = storageVolCreateXMLFrom,
    .storageVolDelete = storageVolDelete,
    .storageVolWipe = storageVolWipe,
    .storageVolWipePattern = storageVolWipePattern,
    .storageVolResize = storageVolResize,
    .storageVolGetInfoFlags = storageVolGetInfoFlags,
    .storageVolGetPath = storageVolGetPath,
    .storageVolGetXMLDesc = storageVolGetXMLDesc,
    .storageVolLookupByKey = storageVolLookupByKey,
    .storageVolLookupByName = storageVolLookupByName,
    .storageVolLookupByPath = storageVolLookupByPath,
};

static const char *const schemes[] = { NULL };

static const virtModuleDescriptor descriptor = {
    .size = sizeof(virtModuleDescriptor),
    .abi_version = VIRT_MODULE_ABI_VERSION,
    .name = "storage",
    .version = "0.1.0",
    .schemes = schemes,
    .roles = VIRT_ROLE_BIT(VIRT_ROLE_STORAGE),
    .open = storageOpen,
    .close = storageClose,
    .storage = &storageTable,
};

VIRT_MODULE_EXPORT const virtModuleDescriptor *virt_module_entry(const virtCoreServices *services)
{
    storageCore = services;
    return &descriptor;
}
