/* registry.h: find modules through their manifests and load them. */
#ifndef VIRT_REGISTRY_H
#define VIRT_REGISTRY_H

#include "internal.h"
#include "manifest.h"

/* A loaded module. Loaded modules stay loaded for the process lifetime. */
struct virtModule {
    char *name;
    char *manifest_path;
    char *library_path;
    bool daemon;
    const virtModuleDescriptor *desc;
    void *handle;
};

/* A bad manifest found while scanning. */
typedef struct virtManifestProblem {
    char *path;
    char *message;
} virtManifestProblem;

/* Every manifest visible now, after folder precedence: the first folder
 * holding NAME.json wins, so an admin folder listed first overrides or
 * disables a shipped manifest. */
typedef struct virtManifestSet {
    virtManifest **items;
    size_t count;
    virtManifestProblem *problems;
    size_t nproblems;
    char **dirs;             /* the folders searched, in order */
    size_t ndirs;
    virtManifest **disabled; /* "disabled": true manifests that won */
    size_t ndisabled;
} virtManifestSet;

virtManifestSet *virtRegistryScan(void);
void virtManifestSetFree(virtManifestSet *set);

/* The manifest claiming scheme. NULL with an error raised (naming uri,
 * folders and any bad manifest) when none or more than one does. */
const virtManifest *virtRegistryFindScheme(const virtManifestSet *set, const char *scheme,
                                           const char *uri);

/* True when nothing claims scheme: no manifest, no bad manifest named
 * after it, none disabled. libvirt hands such a URI to its remote driver. */
bool virtRegistryUnclaimed(const virtManifestSet *set, const char *scheme);

/* dlopen the module behind m (once) and check it against m. NULL with
 * an error raised naming uri, module and file on failure. */
virtModule *virtRegistryLoad(const virtManifest *m, const char *uri);

/* Where libraries are looked for: VIRT_MODULE_PATH or the install path. */
char *virtRegistryLibraryPath(const virtManifest *m);

/* Number of modules loaded so far (for tests and benchmarks). */
size_t virtRegistryLoadedCount(void);

/* Set by libvirtd: daemon-side modules are opened in-process. */
void virtRegistrySetDaemonMode(bool on);
bool virtRegistryDaemonMode(void);

#endif /* VIRT_REGISTRY_H */
