/* util.h: small helpers shared by the core, modules and tools (static lib). */
#ifndef VIRT_UTIL_H
#define VIRT_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#define VIRT_UUID_LEN 16
#define VIRT_UUID_STRLEN 37

/* Allocation that aborts on exhaustion: a libvirt-style OOM policy keeps
 * every error path about real failures. */
void *virtAlloc(size_t size);
void *virtRealloc(void *ptr, size_t size);
char *virtStrdup(const char *s);            /* NULL in, NULL out */
char *virtStrndup(const char *s, size_t n);
char *virtAsprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *virtVasprintf(const char *fmt, va_list ap);

/* Parse "6695eb01-f6a4-8304-79aa-97f2502e193f" (dashes optional between
 * groups, as libvirt accepts). Returns 0 or -1. */
int virtUUIDParse(const char *str, unsigned char uuid[VIRT_UUID_LEN]);
void virtUUIDFormat(const unsigned char uuid[VIRT_UUID_LEN], char out[VIRT_UUID_STRLEN]);
/* A random (version 4) UUID from the kernel's generator. Returns 0, or -1
 * with errno set when no randomness could be had: never a guessable one. */
int virtUUIDGenerate(unsigned char uuid[VIRT_UUID_LEN]) __attribute__((warn_unused_result));
/* n random bytes from the kernel's generator. Returns 0, or -1 (errno). */
int virtRandomBytes(void *buf, size_t n) __attribute__((warn_unused_result));

/* The folder of a session daemon's sockets: $XDG_RUNTIME_DIR/libvirt,
 * or ~/.cache/libvirt when XDG_RUNTIME_DIR is unset (caller frees). */
char *virtSessionSocketDir(void);

/* A growable string. */
typedef struct virtBuf {
    char *data;
    size_t len;
    size_t cap;
} virtBuf;
void virtBufAdd(virtBuf *b, const char *s);
void virtBufAddLen(virtBuf *b, const char *s, size_t n);
void virtBufPrintf(virtBuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void virtBufEscapeXML(virtBuf *b, const char *s);  /* adds s with &<>"' escaped */
char *virtBufSteal(virtBuf *b);                    /* never NULL */
void virtBufFree(virtBuf *b);

/* mkdir -p: every missing folder of path made with mode; 0 or -1 (errno). */
int virtMakeDirs(const char *path, unsigned int mode);
/* A per-user folder: the environment variable env when set (an XDG_*
 * variable), else HOME (or the password database's home) / fallback. */
char *virtUserDir(const char *env, const char *fallback);

/* Read a whole file; NULL with errno set on failure. */
char *virtFileRead(const char *path, size_t max, size_t *len);
/* Write atomically: temporary file, fsync, rename. Returns 0 or -1 (errno). */
int virtFileWriteAtomic(const char *path, const char *data, size_t len, int mode);
/* After a crash: the temporary files virtFileWriteAtomic left in dir
 * (NAME.new.XXXXXX) are removed, each logged as a warning through log (a
 * module's services->log, or NULL) in category. Returns how many. */
typedef void (*virtFileLogFunc)(int priority, const char *category, const char *file, int line,
                                const char *func, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
size_t virtFileRemoveStaleTemps(const char *dir, virtFileLogFunc log, const char *category);
/* Move a file that cannot be read aside, never deleting it: PATH becomes
 * PATH.corrupt (PATH.corrupt.N when that exists). The new name, or NULL
 * with errno. */
char *virtFileSetAside(const char *path);

bool virtStrEq(const char *a, const char *b);      /* NULL-safe */

/* Milliseconds on the monotonic clock: for timeouts and deadlines. */
long long virtTimeMonotonicMs(void);

#endif /* VIRT_UTIL_H */
