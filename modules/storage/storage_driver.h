/* storage_driver.h: what the files of the storage module share: the
 * driver (one per mode: system or session), its pools and their volumes,
 * the backend table each pool type fills, and the helpers each file
 * offers the others. */
#ifndef VIRT_STORAGE_DRIVER_H
#define VIRT_STORAGE_DRIVER_H

#include <pthread.h>
#include <stdbool.h>

#include "virt-module.h"
#include "storage_def.h"

extern const virtCoreServices *storageCore;

/* For VIRT_CHECK_FLAGS. */
#define VIRT_MODULE_SERVICES storageCore
#define VIRT_FROM_THIS VIR_FROM_STORAGE

/* VIRT_CHECK_FLAGS naming the function as libvirt's message does. */
#define STORAGE_CHECK_FLAGS_AS(flags, supported, name, retval)                    \
    do {                                                                        \
        unsigned long unknown_ = (unsigned long) (flags) & ~(unsigned long) (supported); \
        if (unknown_) {                                                         \
            virtReportUnsupportedFlags(storageCore, VIR_FROM_STORAGE, unknown_, (name)); \
            return retval;                                                      \
        }                                                                       \
    } while (0)

#define STORAGE_ERROR(conn, code, ...) storageCore->error((conn), VIR_FROM_STORAGE, (code), __VA_ARGS__)

/* One volume of an active pool, as the backend last read it: name, key,
 * target path, format, sizes, permissions, timestamps, backing store. */
typedef struct storageVol {
    virtStorageVolDef *def;
    bool building;             /* being made, with the driver unlocked */
    int inUse;                 /* clones being made from it */
    struct storageVol *next;
} storageVol;

struct storageBackend;

/* One pool. def is the running definition (or the persistent one while
 * inactive); newDef, when set, is a persistent definition given while
 * the pool ran, applied when it stops. */
typedef struct storagePool {
    virtStoragePoolDef *def;
    virtStoragePoolDef *newDef;
    const struct storageBackend *backend;
    bool active;
    bool persistent;
    bool autostart;
    int asyncjobs;             /* volumes being made in it or from it */
    storageVol *vols;          /* active pools only */
    struct storagePool *next;
} storagePool;

/* A driver: every pool of one mode. All fields under lock. */
typedef struct storageDriver {
    pthread_mutex_t lock;
    bool privileged;
    char *config_dir;          /* NAME.xml of persistent pools */
    char *autostart_dir;       /* links to the config of autostarted pools */
    char *state_dir;           /* NAME.xml of active pools */
    storagePool *pools;
    virConnectPtr *conns;      /* open connections, for events */
    size_t nconns;
} storageDriver;

/* What a pool type does. Every function returns 0, or -1 after raising
 * an error on conn. Called with the driver locked, but for volBuild: it
 * runs unlocked (qemu-img may take long) and reads only its arguments,
 * which nothing changes meanwhile. */
typedef struct storageBackend {
    const char *type;
    /* Make the pool's storage (a folder, a volume group). flags: the
     * VIR_STORAGE_POOL_BUILD_* of virStoragePoolBuild. */
    int (*build)(virConnectPtr conn, storagePool *pool, unsigned int flags);
    /* Whether the storage is there and usable; make it usable. */
    int (*start)(virConnectPtr conn, storagePool *pool);
    /* Read sizes into pool->def and the volume list into pool->vols. */
    int (*refresh)(virConnectPtr conn, storagePool *pool);
    int (*stop)(virConnectPtr conn, storagePool *pool);
    /* Remove the storage (virStoragePoolDelete). */
    int (*remove)(virConnectPtr conn, storagePool *pool, unsigned int flags);
    /* Fill what the pool decides for a new volume: key, target path. */
    int (*volPlace)(virConnectPtr conn, storagePool *pool, virtStorageVolDef *vol);
    /* Make the volume's storage; with src, a copy of that volume's data. */
    int (*volBuild)(virConnectPtr conn, storagePool *pool, virtStorageVolDef *vol,
                    const virtStorageVolDef *src, unsigned int flags);
    /* Read the volume's sizes, permissions and timestamps again. */
    int (*volRefresh)(virConnectPtr conn, storagePool *pool, virtStorageVolDef *vol);
    int (*volDelete)(virConnectPtr conn, storagePool *pool, virtStorageVolDef *vol, unsigned int flags);
    int (*volResize)(virConnectPtr conn, storagePool *pool, virtStorageVolDef *vol,
                     unsigned long long capacity, unsigned int flags);
    /* algorithm: a virStorageVolWipeAlgorithm. */
    int (*volWipe)(virConnectPtr conn, storagePool *pool, virtStorageVolDef *vol,
                   unsigned int algorithm);
    /* virConnectFindStoragePoolSources: the <sources> document, or NULL
     * after an error. Not called with the driver locked. */
    char *(*findSources)(virConnectPtr conn, const char *srcSpec, unsigned int flags);
} storageBackend;

/* storage_backend.c: the backend of a pool type, or NULL. */
const storageBackend *storageBackendFor(const char *type);
extern const storageBackend storageBackendDir;
extern const storageBackend storageBackendLogical;

/* storage_module.c */
storageDriver *storageConnDriver(virConnectPtr conn);
void storageNotify(storageDriver *drv, const storagePool *pool, int eventID, int event);

/* storage_paths.c: the folders of a mode, made when missing. */
int storagePathsInit(storageDriver *drv, bool privileged);
int storageMakeDirs(const char *path, int mode);

/* storage_store.c: what survives the daemon. */
int storageStoreSaveConfig(virConnectPtr conn, storageDriver *drv, const virtStoragePoolDef *def);
void storageStoreDeleteConfig(storageDriver *drv, const char *name);
int storageStoreSaveState(virConnectPtr conn, storageDriver *drv, const virtStoragePoolDef *def);
void storageStoreDeleteState(storageDriver *drv, const char *name);
int storageStoreSetAutostart(virConnectPtr conn, storageDriver *drv, const char *name, bool on);
/* Read every definition and state file: pools come back persistent,
 * active, autostarted as they were; then the autostarted inactive ones
 * start. */
void storageStoreLoadAll(storageDriver *drv);

/* storage_pool.c */
storagePool *storagePoolFindByName(storageDriver *drv, const char *name);
void storagePoolClearVols(storagePool *pool);
void storagePoolFree(storagePool *pool);
/* Bring an inactive pool up (start and refresh); 0 or -1 after reporting. */
int storagePoolActivate(virConnectPtr conn, storageDriver *drv, storagePool *pool);

/* storage_util.c */
/* Run argv (argv[0] found on PATH), without a shell. *out (when not
 * NULL) gets what it printed. 0 on exit status 0; otherwise -1 with an
 * error raised naming the command and what it wrote to stderr (a
 * missing program says so). */
int storageRun(virConnectPtr conn, const char *const *argv, char **out);
/* Whether prog is found on PATH. */
bool storageHaveProgram(const char *prog);
/* stat path into vol's sizes (raw: the file's size) and target
 * permissions and timestamps. */
int storageVolStat(virConnectPtr conn, virtStorageVolDef *vol, bool withTimestamps);
/* The image format a file holds (probed from its header) and, for
 * qcow2, its virtual size and backing file. 0, or -1 when unreadable. */
typedef struct storageImageInfo {
    const char *format;            /* "raw", "qcow2", ... (static) */
    unsigned long long capacity;   /* 0: the file's size */
    char *backing;                 /* NULL when none */
    char *backingFormat;
    /* qcow2 only */
    const char *compat;            /* "0.10" (version 2) or "1.1" (3), static */
    unsigned long long clusterSize;
    bool lazyRefcounts;
    bool extendedL2;
} storageImageInfo;
int storageImageProbe(const char *path, storageImageInfo *info);
void storageImageInfoClear(storageImageInfo *info);
/* The pool target folder's permissions, as libvirt reports them. */
void storagePoolTargetPerms(virtStoragePoolDef *def, const char *path);

/* Refuse to stop, remove or rescan a pool with volumes being made: 0, or
 * -1 after raising libvirt's error. */
int storagePoolCheckJobs(virConnectPtr conn, const storagePool *pool);

/* storage_vol.c */
storageVol *storageVolFind(const storagePool *pool, const char *name);
void storageVolFree(storageVol *vol);

/* VIR_ERR_INVALID_ARG for two flags given together, in libvirt's words. */
void storageReportExclusive(virConnectPtr conn, const char *flag1, const char *flag2);

/* storage_caps.c */
char *storageConnectGetStoragePoolCapabilities(virConnectPtr conn, unsigned int flags);

#endif /* VIRT_STORAGE_DRIVER_H */
