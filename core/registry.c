/* registry.c: manifests decide routing; only the module a URI needs is
 * ever loaded (with libltdl), and it is checked against its manifest. */
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <ltdl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "log.h"
#include "paths.h"
#include "registry.h"

VIRT_LOG_INIT("core.registry");

static pthread_mutex_t loadLock = PTHREAD_MUTEX_INITIALIZER;
static virtModule **loaded;
static size_t nloaded;
static bool ltdlReady;
static atomic_bool daemonMode;

void virtRegistrySetDaemonMode(bool on)
{
    daemonMode = on;
}

bool virtRegistryDaemonMode(void)
{
    return daemonMode;
}

static char **splitPath(const char *list, size_t *count)
{
    char **out = NULL;
    *count = 0;
    const char *p = list;
    while (p && *p) {
        size_t len = strcspn(p, ":");
        if (len) {
            out = virtRealloc(out, (*count + 2) * sizeof(char *));
            out[(*count)++] = virtStrndup(p, len);
            out[*count] = NULL;
        }
        p += len;
        if (*p)
            p++;
    }
    return out;
}

static int manifestNameCmp(const void *a, const void *b)
{
    const virtManifest *const *x = a, *const *y = b;
    return strcmp((*x)->module, (*y)->module);
}

/* Did an earlier (higher-precedence) folder already provide this file name?
 * Only the first nitems/nproblems entries came from earlier folders; names
 * within one folder are unique, so they need no check. */
static bool haveName(virtManifestSet *set, size_t nitems, size_t nproblems, const char *file)
{
    size_t len = strlen(file) - 5;
    for (size_t i = 0; i < nitems; i++)
        if (strlen(set->items[i]->module) == len && strncmp(set->items[i]->module, file, len) == 0)
            return true;
    for (size_t i = 0; i < nproblems; i++) {
        const char *base = strrchr(set->problems[i].path, '/');
        if (base && strcmp(base + 1, file) == 0)
            return true;
    }
    return false;
}

static int fileNameCmp(const void *a, const void *b)
{
    return strcmp(*(char *const *) a, *(char *const *) b);
}

/* Manifests are re-read on every open, but parsing and schema-checking an
 * unchanged file again would make each installed module slow down every
 * connection. Keep the outcome per path, keyed by what stat() says. */
typedef struct manifestCacheEntry {
    char *path;
    dev_t dev;
    ino_t ino;
    off_t size;
    struct timespec mtime;
    struct timespec ctime;
    virtManifest *manifest;   /* NULL when the file was bad */
    char *error;
} manifestCacheEntry;

static pthread_mutex_t cacheLock = PTHREAD_MUTEX_INITIALIZER;
static manifestCacheEntry **manifestCache;   /* open-addressing hash by path */
static size_t manifestCacheSize;             /* slots, a power of two */
static size_t manifestCacheCount;

static size_t hashString(const char *s)
{
    size_t h = 1469598103934665603ull;   /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char) *s) * 1099511628211ull;
    return h;
}

static manifestCacheEntry *cacheFind(const char *path)
{
    if (!manifestCacheSize)
        return NULL;
    for (size_t i = hashString(path) & (manifestCacheSize - 1);; i = (i + 1) & (manifestCacheSize - 1)) {
        if (!manifestCache[i])
            return NULL;
        if (strcmp(manifestCache[i]->path, path) == 0)
            return manifestCache[i];
    }
}

static void cacheInsert(manifestCacheEntry **table, size_t size, manifestCacheEntry *e)
{
    size_t i = hashString(e->path) & (size - 1);
    while (table[i])
        i = (i + 1) & (size - 1);
    table[i] = e;
}

static manifestCacheEntry *cacheAdd(const char *path)
{
    if ((manifestCacheCount + 1) * 2 > manifestCacheSize) {
        size_t size = manifestCacheSize ? manifestCacheSize * 2 : 64;
        manifestCacheEntry **table = virtAlloc(size * sizeof(*table));
        for (size_t i = 0; i < manifestCacheSize; i++)
            if (manifestCache[i])
                cacheInsert(table, size, manifestCache[i]);
        free(manifestCache);
        manifestCache = table;
        manifestCacheSize = size;
    }
    manifestCacheEntry *e = virtAlloc(sizeof(*e));
    e->path = virtStrdup(path);
    e->size = -1;
    cacheInsert(manifestCache, manifestCacheSize, e);
    manifestCacheCount++;
    return e;
}

static bool sameFile(const manifestCacheEntry *e, const struct stat *st)
{
    return e->dev == st->st_dev && e->ino == st->st_ino && e->size == st->st_size &&
           e->mtime.tv_sec == st->st_mtim.tv_sec && e->mtime.tv_nsec == st->st_mtim.tv_nsec &&
           e->ctime.tv_sec == st->st_ctim.tv_sec && e->ctime.tv_nsec == st->st_ctim.tv_nsec;
}

/* virtManifestLoad with a cache; returns a reference the caller owns. */
static virtManifest *cachedManifestLoad(const char *path, char **error)
{
    struct stat st;
    if (stat(path, &st) < 0)
        return virtManifestLoad(path, error);   /* let the loader word the error */

    pthread_mutex_lock(&cacheLock);
    manifestCacheEntry *e = cacheFind(path);
    if (!e) {
        e = cacheAdd(path);
    } else if (!sameFile(e, &st)) {
        virtManifestFree(e->manifest);
        free(e->error);
        e->manifest = NULL;
        e->error = NULL;
        e->size = -1;   /* forces a reload below */
    }
    if (e->size != st.st_size || !sameFile(e, &st) || (!e->manifest && !e->error)) {
        e->manifest = virtManifestLoad(path, &e->error);
        e->dev = st.st_dev;
        e->ino = st.st_ino;
        e->size = st.st_size;
        e->mtime = st.st_mtim;
        e->ctime = st.st_ctim;
    }
    virtManifest *copy = e->manifest ? virtManifestRef(e->manifest) : NULL;
    if (!copy)
        *error = virtStrdup(e->error);
    pthread_mutex_unlock(&cacheLock);
    return copy;
}

static void scanDir(virtManifestSet *set, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        VIRT_DEBUG("manifest folder %s: %s", dir, strerror(errno));
        return;
    }
    VIRT_DEBUG("scanning manifest folder %s", dir);
    char **names = NULL;
    size_t nnames = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        size_t len = strlen(de->d_name);
        if (len <= 5 || strcmp(de->d_name + len - 5, ".json") != 0 || de->d_name[0] == '.')
            continue;
        names = virtRealloc(names, (nnames + 1) * sizeof(char *));
        names[nnames++] = virtStrdup(de->d_name);
    }
    closedir(d);
    if (nnames > 1)
        qsort(names, nnames, sizeof(char *), fileNameCmp);
    size_t earlierItems = set->count, earlierProblems = set->nproblems;
    for (size_t i = 0; i < nnames; i++) {
        if (!haveName(set, earlierItems, earlierProblems, names[i])) {
            char *path = virtAsprintf("%s/%s", dir, names[i]);
            char *error = NULL;
            virtManifest *m = cachedManifestLoad(path, &error);
            if (m) {
                VIRT_DEBUG("manifest %s: module '%s'%s", path, m->module,
                           m->disabled ? " (disabled)" : "");
                set->items = virtRealloc(set->items, (set->count + 1) * sizeof(*set->items));
                set->items[set->count++] = m;
            } else {
                VIRT_DEBUG("manifest %s refused: %s", path, error);
                set->problems = virtRealloc(set->problems, (set->nproblems + 1) * sizeof(*set->problems));
                set->problems[set->nproblems].path = path;
                set->problems[set->nproblems++].message = error;
                path = NULL;
            }
            free(path);
        }
        free(names[i]);
    }
    free(names);
}

virtManifestSet *virtRegistryScan(void)
{
    virtManifestSet *set = virtAlloc(sizeof(*set));
    const char *env = getenv("VIRT_MODULE_MANIFESTS");
    set->dirs = splitPath(env && *env ? env : VIRT_MANIFEST_DIRS_DEFAULT, &set->ndirs);
    for (size_t i = 0; i < set->ndirs; i++)
        scanDir(set, set->dirs[i]);
    /* Disabled entries only hide lower-precedence ones: set them aside,
     * kept only to explain why a scheme has no module. */
    size_t kept = 0;
    for (size_t i = 0; i < set->count; i++) {
        if (set->items[i]->disabled) {
            set->disabled = virtRealloc(set->disabled, (set->ndisabled + 1) * sizeof(*set->disabled));
            set->disabled[set->ndisabled++] = set->items[i];
        } else {
            set->items[kept++] = set->items[i];
        }
    }
    set->count = kept;
    if (set->count)
        qsort(set->items, set->count, sizeof(*set->items), manifestNameCmp);
    return set;
}

void virtManifestSetFree(virtManifestSet *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->count; i++)
        virtManifestFree(set->items[i]);
    free(set->items);
    for (size_t i = 0; i < set->ndisabled; i++)
        virtManifestFree(set->disabled[i]);
    free(set->disabled);
    for (size_t i = 0; i < set->nproblems; i++) {
        free(set->problems[i].path);
        free(set->problems[i].message);
    }
    free(set->problems);
    for (size_t i = 0; i < set->ndirs; i++)
        free(set->dirs[i]);
    free(set->dirs);
    free(set);
}

static char *joinDirs(const virtManifestSet *set)
{
    virtBuf b = { 0 };
    for (size_t i = 0; i < set->ndirs; i++) {
        if (i)
            virtBufAdd(&b, ", ");
        virtBufAdd(&b, set->dirs[i]);
    }
    if (!set->ndirs)
        virtBufAdd(&b, "(no folders)");
    return virtBufSteal(&b);
}

static bool isProblemFor(const virtManifestProblem *pb, const char *scheme)
{
    const char *base = strrchr(pb->path, '/');
    base = base ? base + 1 : pb->path;
    return strncmp(base, scheme, strlen(scheme)) == 0 && strcmp(base + strlen(scheme), ".json") == 0;
}

bool virtRegistryUnclaimed(const virtManifestSet *set, const char *scheme)
{
    for (size_t i = 0; i < set->count; i++)
        if (virtManifestClaims(set->items[i], scheme))
            return false;
    for (size_t i = 0; i < set->nproblems; i++)
        if (isProblemFor(&set->problems[i], scheme))
            return false;
    for (size_t i = 0; i < set->ndisabled; i++)
        if (strcmp(set->disabled[i]->module, scheme) == 0)
            return false;
    return true;
}

const virtManifest *virtRegistryFindScheme(const virtManifestSet *set, const char *scheme,
                                           const char *uri)
{
    const virtManifest *found = NULL;
    for (size_t i = 0; i < set->count; i++) {
        if (!virtManifestClaims(set->items[i], scheme))
            continue;
        if (found) {
            virtErrorRaise(NULL, NULL, NULL, VIR_FROM_NONE, VIR_ERR_NO_CONNECT,
                           "URI '%s': scheme '%s' is claimed by two manifests, %s (module %s) and %s (module %s)",
                           uri, scheme, found->path, found->module,
                           set->items[i]->path, set->items[i]->module);
            return NULL;
        }
        found = set->items[i];
    }
    if (found)
        return found;

    /* Explain what was searched, and point at a bad manifest that may be
     * the one meant (its file name matches the scheme). */
    char *dirs = joinDirs(set);
    for (size_t i = 0; i < set->nproblems; i++) {
        if (isProblemFor(&set->problems[i], scheme)) {
            virtErrorRaise(NULL, NULL, NULL, VIR_FROM_NONE, VIR_ERR_NO_CONNECT,
                           "URI '%s': no usable module for scheme '%s': %s",
                           uri, scheme, set->problems[i].message);
            free(dirs);
            return NULL;
        }
    }
    for (size_t i = 0; i < set->ndisabled; i++) {
        if (strcmp(set->disabled[i]->module, scheme) == 0) {
            virtErrorRaise(NULL, NULL, NULL, VIR_FROM_NONE, VIR_ERR_NO_CONNECT,
                           "URI '%s': module '%s' is disabled by %s",
                           uri, scheme, set->disabled[i]->path);
            free(dirs);
            return NULL;
        }
    }
    virtErrorRaise(NULL, NULL, NULL, VIR_FROM_NONE, VIR_ERR_NO_CONNECT,
                   "URI '%s': no module installed for scheme '%s' (no manifest claims it in %s)",
                   uri, scheme, dirs);
    free(dirs);
    return NULL;
}

char *virtRegistryLibraryPath(const virtManifest *m)
{
    if (m->library[0] == '/')
        return virtStrdup(m->library);
    const char *env = getenv("VIRT_MODULE_PATH");
    size_t n = 0;
    char **dirs = splitPath(env && *env ? env : VIRT_MODULE_DIR_DEFAULT, &n);
    char *found = NULL;
    for (size_t i = 0; i < n; i++) {
        char *path = virtAsprintf("%s/%s", dirs[i], m->library);
        if (!found && access(path, F_OK) == 0)
            found = path;
        else
            free(path);
    }
    if (!found && n)
        found = virtAsprintf("%s/%s", dirs[0], m->library);
    if (!found)
        found = virtStrdup(m->library);
    for (size_t i = 0; i < n; i++)
        free(dirs[i]);
    free(dirs);
    return found;
}

static bool sameSchemes(const virtManifest *m, const virtModuleDescriptor *d)
{
    size_t n = 0;
    if (!d->schemes)
        return m->nschemes == 0;
    for (; d->schemes[n]; n++)
        if (!virtManifestClaims(m, d->schemes[n]))
            return false;
    return n == m->nschemes;
}

/* A table must at least hold its size field, and consist of whole slots. */
static bool tableSane(size_t size)
{
    return size >= sizeof(size_t) && size < 65536 &&
           (size - sizeof(size_t)) % sizeof(void (*)(void)) == 0;
}

/* "module claims a, b; manifest claims c" */
static char *schemeLists(const virtManifest *m, const virtModuleDescriptor *d)
{
    virtBuf b = { 0 };
    virtBufAdd(&b, "module claims");
    for (size_t i = 0; d->schemes && d->schemes[i]; i++)
        virtBufPrintf(&b, "%s %s", i ? "," : "", d->schemes[i]);
    virtBufAdd(&b, "; manifest claims");
    for (size_t i = 0; i < m->nschemes; i++)
        virtBufPrintf(&b, "%s %s", i ? "," : "", m->schemes[i]);
    return virtBufSteal(&b);
}

static const char *checkDescriptor(const virtManifest *m, const virtModuleDescriptor *d,
                                   char **detail)
{
    unsigned int major = d->abi_version >> 16, minor = d->abi_version & 0xffff;
    if (d->size < sizeof(virtModuleDescriptor))
        return (*detail = virtAsprintf("descriptor is %u bytes, at least %zu expected",
                                       d->size, sizeof(virtModuleDescriptor))), "short descriptor";
    if (major != VIRT_MODULE_ABI_MAJOR || minor > VIRT_MODULE_ABI_MINOR)
        return (*detail = virtAsprintf("module ABI %u.%u, core ABI %u.%u", major, minor,
                                       VIRT_MODULE_ABI_MAJOR, VIRT_MODULE_ABI_MINOR)), "ABI version mismatch";
    if (major != m->abi_major || minor != m->abi_minor)
        return (*detail = virtAsprintf("module ABI %u.%u, manifest says %u.%u", major, minor,
                                       m->abi_major, m->abi_minor)), "ABI version differs from manifest";
    if (!d->name || strcmp(d->name, m->module) != 0)
        return (*detail = virtAsprintf("module calls itself '%s', manifest says '%s'",
                                       d->name ? d->name : "(null)", m->module)), "name mismatch";
    if (!sameSchemes(m, d))
        return (*detail = schemeLists(m, d)), "scheme mismatch";
    if (d->roles != m->roles)
        return (*detail = virtAsprintf("module role mask 0x%x, manifest 0x%x", d->roles, m->roles)),
               "role mismatch";
    if (!d->open || !d->close)
        return (*detail = virtStrdup("open and close are required")), "missing open/close";
    if ((d->roles & VIRT_ROLE_BIT(VIRT_ROLE_HYPERVISOR)) &&
        (!d->hypervisor || !tableSane(d->hypervisor->size)))
        return (*detail = virtAsprintf("hypervisor table size %zu",
                                       d->hypervisor ? d->hypervisor->size : 0)), "bad hypervisor table";
    if ((d->roles & VIRT_ROLE_BIT(VIRT_ROLE_NETWORK)) &&
        (!d->network || !tableSane(d->network->size)))
        return (*detail = virtAsprintf("network table size %zu",
                                       d->network ? d->network->size : 0)), "bad network table";
    /* The roles added later: a module that claims one must bring its table. */
    const struct { virtRole role; const char *name; const size_t *size; } later[] = {
        { VIRT_ROLE_STORAGE, "storage", d->storage ? &d->storage->size : NULL },
        { VIRT_ROLE_INTERFACE, "interface", d->iface ? &d->iface->size : NULL },
        { VIRT_ROLE_NODEDEV, "node device", d->nodedev ? &d->nodedev->size : NULL },
        { VIRT_ROLE_SECRET, "secret", d->secret ? &d->secret->size : NULL },
        { VIRT_ROLE_NWFILTER, "nwfilter", d->nwfilter ? &d->nwfilter->size : NULL },
    };
    for (size_t i = 0; i < sizeof(later) / sizeof(later[0]); i++) {
        if (!(d->roles & VIRT_ROLE_BIT(later[i].role)))
            continue;
        if (!later[i].size || !tableSane(*later[i].size))
            return (*detail = virtAsprintf("%s table size %zu", later[i].name,
                                           later[i].size ? *later[i].size : 0)), "bad role table";
    }
    return NULL;
}

virtModule *virtRegistryLoad(const virtManifest *m, const char *uri)
{
    char *path = virtRegistryLibraryPath(m);
    virtModule *mod = NULL;

    pthread_mutex_lock(&loadLock);
    for (size_t i = 0; i < nloaded; i++) {
        if (strcmp(loaded[i]->library_path, path) == 0 && strcmp(loaded[i]->name, m->module) == 0) {
            /* Manifests are read afresh on every open: the loaded module
             * must still match the one naming it now. */
            char *detail = NULL;
            const char *problem = checkDescriptor(m, loaded[i]->desc, &detail);
            if (problem) {
                virtErrorRaise(NULL, NULL, NULL, VIR_FROM_NONE, VIR_ERR_NO_CONNECT,
                               "URI '%s': module '%s' (%s, manifest %s) refused: %s%s%s",
                               uri, m->module, path, m->path, problem,
                               detail ? ": " : "", detail ? detail : "");
                free(detail);
                goto done;
            }
            VIRT_DEBUG("module '%s' is already loaded from %s", m->module, path);
            mod = loaded[i];
            goto done;
        }
    }
    if (!ltdlReady) {
        if (lt_dlinit() != 0) {
            virtErrorRaise(NULL, NULL, NULL, VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR,
                           "cannot initialise the module loader: %s", lt_dlerror());
            goto done;
        }
        ltdlReady = true;
    }
    if (access(path, R_OK) != 0) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_NONE, VIR_ERR_NO_CONNECT,
                       "URI '%s': module '%s' is not installed: manifest %s names library %s, which %s",
                       uri, m->module, m->path, path,
                       errno == ENOENT ? "does not exist" : strerror(errno));
        goto done;
    }
    VIRT_DEBUG("loading module '%s' from %s (manifest %s)", m->module, path, m->path);
    lt_dladvise advise;
    lt_dladvise_init(&advise);
    lt_dladvise_local(&advise);
    lt_dlhandle h = lt_dlopenadvise(path, advise);
    lt_dladvise_destroy(&advise);
    if (!h) {
        /* libltdl reduces every failure to "file not found"; ld.so's own
         * message names what is missing (a dependency, a symbol). */
        const char *why = lt_dlerror();
        void *probe = dlopen(path, RTLD_NOW | RTLD_LOCAL);
        const char *ld = probe ? NULL : dlerror();
        if (probe)
            dlclose(probe);
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_NONE, VIR_ERR_NO_CONNECT,
                       "URI '%s': cannot load module '%s' from %s: %s",
                       uri, m->module, path, ld ? ld : why);
        goto done;
    }
    virtModuleEntryFunc entry = (virtModuleEntryFunc) (uintptr_t) lt_dlsym(h, VIRT_MODULE_ENTRY_NAME);
    if (!entry) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_NONE, VIR_ERR_NO_CONNECT,
                       "URI '%s': module '%s' (%s, manifest %s) has no entry symbol '%s'",
                       uri, m->module, path, m->path, VIRT_MODULE_ENTRY_NAME);
        lt_dlclose(h);
        goto done;
    }
    const virtModuleDescriptor *desc = entry(&virtCoreServiceTable);
    if (desc)
        VIRT_DEBUG("module '%s' says ABI %u.%u, core has ABI %u.%u", m->module,
                   (unsigned) (desc->abi_version >> 16), (unsigned) (desc->abi_version & 0xffff),
                   (unsigned) VIRT_MODULE_ABI_MAJOR, (unsigned) VIRT_MODULE_ABI_MINOR);
    char *detail = NULL;
    const char *problem = desc ? checkDescriptor(m, desc, &detail) : "no descriptor";
    if (problem) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_NONE, VIR_ERR_NO_CONNECT,
                       "URI '%s': module '%s' (%s, manifest %s) refused: %s%s%s",
                       uri, m->module, path, m->path, problem,
                       detail ? ": " : "", detail ? detail : "");
        free(detail);
        lt_dlclose(h);
        goto done;
    }
    mod = virtAlloc(sizeof(*mod));
    mod->name = virtStrdup(m->module);
    mod->manifest_path = virtStrdup(m->path);
    mod->library_path = virtStrdup(path);
    mod->daemon = m->daemon;
    mod->desc = desc;
    mod->handle = h;
    loaded = virtRealloc(loaded, (nloaded + 1) * sizeof(*loaded));
    loaded[nloaded++] = mod;
    VIRT_DEBUG("module '%s' %s loaded and checked", mod->name, desc->version ? desc->version : "");

 done:
    pthread_mutex_unlock(&loadLock);
    free(path);
    return mod;
}

size_t virtRegistryLoadedCount(void)
{
    pthread_mutex_lock(&loadLock);
    size_t n = nloaded;
    pthread_mutex_unlock(&loadLock);
    return n;
}
