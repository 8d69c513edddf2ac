/* util.c: allocation, strings, UUIDs and files. */
#include "util.h"
#include "virt-module.h"   /* virtLogPriority */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void oom(void)
{
    fputs("libvirt: out of memory\n", stderr);
    abort();
}

void *virtAlloc(size_t size)
{
    void *p = calloc(1, size ? size : 1);
    if (!p)
        oom();
    return p;
}

void *virtRealloc(void *ptr, size_t size)
{
    void *p = realloc(ptr, size ? size : 1);
    if (!p)
        oom();
    return p;
}

char *virtStrdup(const char *s)
{
    if (!s)
        return NULL;
    char *p = strdup(s);
    if (!p)
        oom();
    return p;
}

char *virtStrndup(const char *s, size_t n)
{
    if (!s)
        return NULL;
    char *p = strndup(s, n);
    if (!p)
        oom();
    return p;
}

char *virtVasprintf(const char *fmt, va_list ap)
{
    char *out = NULL;
    if (vasprintf(&out, fmt, ap) < 0)
        oom();
    return out;
}

char *virtAsprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *out = virtVasprintf(fmt, ap);
    va_end(ap);
    return out;
}

bool virtStrEq(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return strcmp(a, b) == 0;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int virtUUIDParse(const char *str, unsigned char uuid[VIRT_UUID_LEN])
{
    if (!str)
        return -1;
    while (*str == ' ')
        str++;
    size_t i = 0;
    while (i < VIRT_UUID_LEN) {
        if (*str == '-') {
            str++;
            continue;
        }
        int hi = hexval(str[0]);
        int lo = hi < 0 ? -1 : hexval(str[1]);
        if (hi < 0 || lo < 0)
            return -1;
        uuid[i++] = (unsigned char) (hi << 4 | lo);
        str += 2;
    }
    while (*str == ' ')
        str++;
    return *str ? -1 : 0;
}

void virtUUIDFormat(const unsigned char uuid[VIRT_UUID_LEN], char out[VIRT_UUID_STRLEN])
{
    snprintf(out, VIRT_UUID_STRLEN,
             "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             uuid[0], uuid[1], uuid[2], uuid[3], uuid[4], uuid[5], uuid[6], uuid[7],
             uuid[8], uuid[9], uuid[10], uuid[11], uuid[12], uuid[13], uuid[14], uuid[15]);
}

int virtRandomBytes(void *buf, size_t n)
{
    unsigned char *p = buf;
    while (n) {
        ssize_t got = getrandom(p, n, 0);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 && errno == ENOSYS)
            break;                        /* a kernel before getrandom(2) */
        if (got <= 0)
            return -1;
        p += got;
        n -= (size_t) got;
    }
    if (!n)
        return 0;
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    while (n) {
        ssize_t got = read(fd, p, n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            int saved = got < 0 ? errno : EIO;
            close(fd);
            errno = saved;
            return -1;
        }
        p += got;
        n -= (size_t) got;
    }
    close(fd);
    return 0;
}

int virtUUIDGenerate(unsigned char uuid[VIRT_UUID_LEN])
{
    if (virtRandomBytes(uuid, VIRT_UUID_LEN) < 0)
        return -1;
    uuid[6] = (uuid[6] & 0x0f) | 0x40;   /* version 4 */
    uuid[8] = (uuid[8] & 0x3f) | 0x80;   /* RFC 4122 variant */
    return 0;
}

static void bufGrow(virtBuf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1)
        cap *= 2;
    b->data = virtRealloc(b->data, cap);
    b->cap = cap;
}

void virtBufAddLen(virtBuf *b, const char *s, size_t n)
{
    bufGrow(b, n);
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void virtBufAdd(virtBuf *b, const char *s)
{
    if (s)
        virtBufAddLen(b, s, strlen(s));
}

void virtBufPrintf(virtBuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = virtVasprintf(fmt, ap);
    va_end(ap);
    virtBufAdd(b, s);
    free(s);
}

void virtBufEscapeXML(virtBuf *b, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': virtBufAdd(b, "&amp;"); break;
        case '<': virtBufAdd(b, "&lt;"); break;
        case '>': virtBufAdd(b, "&gt;"); break;
        case '"': virtBufAdd(b, "&quot;"); break;
        case '\'': virtBufAdd(b, "&apos;"); break;
        default: virtBufAddLen(b, s, 1);
        }
    }
}

char *virtBufSteal(virtBuf *b)
{
    char *out = b->data ? b->data : virtStrdup("");
    b->data = NULL;
    b->len = b->cap = 0;
    return out;
}

void virtBufFree(virtBuf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

char *virtFileRead(const char *path, size_t max, size_t *lenp)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    virtBuf b = { 0 };
    char chunk[8192];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof(chunk));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            int saved = errno;
            close(fd);
            virtBufFree(&b);
            errno = saved;
            return NULL;
        }
        if (n == 0)
            break;
        if (b.len + (size_t) n > max) {
            close(fd);
            virtBufFree(&b);
            errno = EFBIG;
            return NULL;
        }
        virtBufAddLen(&b, chunk, (size_t) n);
    }
    close(fd);
    if (lenp)
        *lenp = b.len;
    return virtBufSteal(&b);
}

/* The name virtFileWriteAtomic's mkostemp gives: something, ".new.", six
 * characters. */
static bool isAtomicTemp(const char *name)
{
    size_t len = strlen(name);
    return len > 11 && strncmp(name + len - 11, ".new.", 5) == 0 && !strchr(name + len - 6, '.');
}

size_t virtFileRemoveStaleTemps(const char *dir, virtFileLogFunc log, const char *category)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t n = 0;
    while (d && (e = readdir(d))) {
        if (!isAtomicTemp(e->d_name))
            continue;
        char *path = virtAsprintf("%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) && unlink(path) == 0) {
            n++;
            if (log)
                log(VIRT_LOG_WARN, category, __FILE__, __LINE__, __func__,
                    "removed '%s', left by an interrupted write", path);
        }
        free(path);
    }
    if (d)
        closedir(d);
    return n;
}

char *virtFileSetAside(const char *path)
{
    char *dest = virtAsprintf("%s.corrupt", path);
    for (int i = 1; access(dest, F_OK) == 0 && i < 1000; i++) {
        free(dest);
        dest = virtAsprintf("%s.corrupt.%d", path, i);
    }
    /* link + unlink: never replaces a file already there */
    if (link(path, dest) < 0 || unlink(path) < 0) {
        int saved = errno;
        free(dest);
        errno = saved;
        return NULL;
    }
    return dest;
}

int virtFileWriteAtomic(const char *path, const char *data, size_t len, int mode)
{
    char *tmp = virtAsprintf("%s.new.XXXXXX", path);
    int fd = mkostemp(tmp, O_CLOEXEC);
    if (fd < 0)
        goto error;
    if (fchmod(fd, (mode_t) mode) < 0)
        goto error_close;
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            goto error_close;
        }
        data += n;
        len -= (size_t) n;
    }
    if (fsync(fd) < 0)
        goto error_close;
    if (close(fd) < 0) {
        fd = -1;
        goto error_unlink;
    }
    if (rename(tmp, path) < 0)
        goto error_unlink;
    free(tmp);
    return 0;

 error_close:
    {
        int saved = errno;
        close(fd);
        errno = saved;
    }
 error_unlink:
    {
        int saved = errno;
        unlink(tmp);
        errno = saved;
    }
 error:
    free(tmp);
    return -1;
}

long long virtTimeMonotonicMs(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int virtMakeDirs(const char *path, unsigned int mode)
{
    char *tmp = virtStrdup(path);
    int rc = 0;
    for (char *s = tmp + 1; ; s++) {
        if (*s == '/' || *s == '\0') {
            char c = *s;
            *s = '\0';
            if (mkdir(tmp, (mode_t) mode) < 0 && errno != EEXIST) {
                rc = -1;
                break;
            }
            *s = c;
            if (!c)
                break;
        }
    }
    free(tmp);
    return rc;
}

char *virtUserDir(const char *env, const char *fallback)
{
    const char *v = getenv(env);
    if (v && v[0])
        return virtStrdup(v);
    const char *home = getenv("HOME");
    if (!home || !home[0]) {
        struct passwd *pw = getpwuid(getuid());
        home = pw ? pw->pw_dir : "/";
    }
    return virtAsprintf("%s/%s", home, fallback);
}

char *virtSessionSocketDir(void)
{
    const char *run = getenv("XDG_RUNTIME_DIR");
    if (run && *run)
        return virtAsprintf("%s/libvirt", run);
    const char *home = getenv("HOME");
    return virtAsprintf("%s/.cache/libvirt", home ? home : "");
}
