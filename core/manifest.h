/* manifest.h: one module manifest (modules.d/NAME.json). */
#ifndef VIRT_MANIFEST_H
#define VIRT_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>

typedef struct virtManifest {
    char *path;              /* the file read */
    char *module;            /* module name; equals the file name stem */
    char *library;           /* file name or absolute path of the .so */
    unsigned int abi_major;
    unsigned int abi_minor;
    char **schemes;          /* NULL-terminated */
    size_t nschemes;
    unsigned int roles;      /* VIRT_ROLE_BIT mask */
    bool daemon;             /* runs inside libvirtd */
    int probe;               /* probe order, lower first; -1: never probes */
    char *summary;
    bool disabled;           /* an admin override switched it off */
    int refs;                /* immutable once loaded: shared, not copied */
} virtManifest;

/* Read, validate against schemas/manifest.rng and convert. On failure
 * returns NULL and sets *error to a message naming the file and problem. */
virtManifest *virtManifestLoad(const char *path, char **error);
/* The same from text already in memory (len bytes), as if read from path
 * (which names the module and the messages; nothing is opened). */
virtManifest *virtManifestParse(const char *path, const char *text, size_t len, char **error);
/* Drop one reference; the last one frees. */
void virtManifestFree(virtManifest *m);
/* Take another reference to the same (immutable) manifest. */
virtManifest *virtManifestRef(virtManifest *m);
bool virtManifestClaims(const virtManifest *m, const char *scheme);

#endif /* VIRT_MANIFEST_H */
