/* fixture-env.h: helpers for tests that load the fixture modules built
 * from fixture.c: a private temporary folder per test program, manifests
 * written into sub-folders of it, and a look at which modules are mapped.
 * FIXTURE_DIR (from meson) is where the fixture .so files are built. */
#ifndef VIRT_FIXTURE_ENV_H
#define VIRT_FIXTURE_ENV_H

#define _XOPEN_SOURCE_EXTENDED 1
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char fixtureRoot[] = "/tmp/virt-fixtures-XXXXXX";

static inline int fixtureRemoveOne(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void) st; (void) flag; (void) ftw;
    return remove(path);
}

static inline void fixtureCleanup(void)
{
    nftw(fixtureRoot, fixtureRemoveOne, 16, FTW_DEPTH | FTW_PHYS);
}

/* Create the private folder and put the fixture modules first on the
 * module path (the shipped modules stay reachable after them). */
static inline void fixtureInit(void)
{
    char path[4096];
    const char *old = getenv("VIRT_MODULE_PATH");
    if (!mkdtemp(fixtureRoot)) {
        perror("mkdtemp");
        exit(99);
    }
    atexit(fixtureCleanup);
    snprintf(path, sizeof(path), "%s%s%s", FIXTURE_DIR, old && *old ? ":" : "", old ? old : "");
    setenv("VIRT_MODULE_PATH", path, 1);
    setenv("VIRT_CLIENT_CONFIG", "/nonexistent/libvirt.conf", 1);
    unsetenv("LIBVIRT_DEFAULT_URI");
}

/* ROOT/sub, created; the string lives as long as the program (at most
 * 32 folders per program). */
static inline const char *fixtureFolder(const char *sub)
{
    static char bufs[32][1024];
    static int next;
    if (next == 32)
        abort();
    char *buf = bufs[next++];
    snprintf(buf, sizeof(bufs[0]), "%s/%s", fixtureRoot, sub);
    mkdir(buf, 0700);
    return buf;
}

static inline void fixtureWrite(const char *dir, const char *file, const char *fmt, ...)
{
    char path[2048];
    va_list ap;
    snprintf(path, sizeof(path), "%s/%s", dir, file);
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(99);
    }
    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
    fclose(f);
}

/* A well-formed manifest for the fixture module NAME (library
 * virt-fixture-NAME.so, scheme NAME) with extra JSON members appended. */
static inline void fixtureManifest(const char *dir, const char *name, const char *extra)
{
    char file[256];
    snprintf(file, sizeof(file), "%s.json", name);
    fixtureWrite(dir, file,
                 "{\n  \"module\": \"%s\",\n  \"library\": \"virt-fixture-%s.so\",\n"
                 "  \"abi\": \"2.0\",\n  \"schemes\": [\"%s\"],\n"
                 "  \"roles\": [\"hypervisor\", \"network\"],\n  \"runs\": \"client\",\n"
                 "  \"summary\": \"fixture %s\"%s%s\n}\n",
                 name, name, name, name, extra ? ",\n  " : "", extra ? extra : "");
}

/* VIRT_MODULE_MANIFESTS = the given folders, in order, then the shipped
 * manifests (the test module) last. */
static inline void fixtureUseFolders(const char *first, const char *second)
{
    char buf[4096];
    const char *shipped = getenv("SOURCE_ROOT");
    snprintf(buf, sizeof(buf), "%s%s%s:%s/modules.d", first ? first : "",
             second ? ":" : "", second ? second : "", shipped ? shipped : ".");
    setenv("VIRT_MODULE_MANIFESTS", buf, 1);
}

/* How many distinct mapped files have a name containing needle. */
static inline int fixtureMapped(const char *needle)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[4096], seen[64][512];
    int n = 0;
    while (f && fgets(line, sizeof(line), f)) {
        char *path = strchr(line, '/');
        if (!path || !strstr(path, needle))
            continue;
        path[strcspn(path, "\n")] = '\0';
        int dup = 0;
        for (int i = 0; i < n; i++)
            dup |= strcmp(seen[i], path) == 0;
        if (!dup && n < 64)
            snprintf(seen[n++], sizeof(seen[0]), "%s", path);
    }
    if (f)
        fclose(f);
    return n;
}

#endif /* VIRT_FIXTURE_ENV_H */
