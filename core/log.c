/* log.c: the log core. A message has a priority and its source file's
 * category. It passes when its priority reaches that of the first filter
 * whose pattern matches the category, or, with no matching filter, the
 * default priority; then every output whose own priority it reaches gets
 * one line. Without configured outputs, stderr at the default priority is
 * the output. Settings come from the environment on first use. */
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "util.h"

#define JOURNAL_SOCKET "/run/systemd/journal/socket"

typedef struct {
    int prio;
    char *pattern;            /* "*match*" unless match has glob characters */
} logFilter;

typedef enum { OUT_STDERR, OUT_FILE, OUT_SYSLOG, OUT_JOURNALD } logOutputKind;

typedef struct {
    int prio;
    logOutputKind kind;
    char *arg;                /* file path or syslog identifier */
    int fd;                   /* file and journald outputs */
} logOutput;

typedef struct {
    logFilter *items;
    size_t count;
} logFilters;

typedef struct {
    logOutput *items;
    size_t count;
} logOutputs;

static pthread_once_t initOnce = PTHREAD_ONCE_INIT;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int defaultPrio = VIRT_LOG_WARN;
static logFilters filters;
static logOutputs outputs;
static char *outputsSpec;    /* the text last applied, for the admin program */
static char *syslogIdent;     /* openlog keeps the pointer */
/* The lowest priority that can reach an output: below it, nothing to do. */
static atomic_int floorPrio = VIRT_LOG_WARN;

static const char *prioName(int prio)
{
    switch (prio) {
    case VIRT_LOG_DEBUG: return "debug";
    case VIRT_LOG_INFO: return "info";
    case VIRT_LOG_WARN: return "warning";
    default: return "error";
    }
}

static int prioSyslog(int prio)
{
    switch (prio) {
    case VIRT_LOG_DEBUG: return LOG_DEBUG;
    case VIRT_LOG_INFO: return LOG_INFO;
    case VIRT_LOG_WARN: return LOG_WARNING;
    default: return LOG_ERR;
    }
}

/* "1".."4"; names too when allowNames (LIBVIRT_DEBUG accepts them). */
static int parsePrio(const char *s, size_t len, bool allowNames)
{
    if (len == 1 && s[0] >= '1' && s[0] <= '4')
        return s[0] - '0';
    if (!allowNames)
        return -1;
    static const char *const names[] = { "debug", "info", "warning", "error" };
    for (int i = 0; i < 4; i++)
        if (strlen(names[i]) == len && strncasecmp(s, names[i], len) == 0)
            return i + 1;
    return -1;
}

static void filtersFree(logFilters *f)
{
    for (size_t i = 0; i < f->count; i++)
        free(f->items[i].pattern);
    free(f->items);
    f->items = NULL;
    f->count = 0;
}

static void outputsFree(logOutputs *o)
{
    for (size_t i = 0; i < o->count; i++) {
        if (o->items[i].fd >= 0)
            close(o->items[i].fd);
        free(o->items[i].arg);
    }
    free(o->items);
    o->items = NULL;
    o->count = 0;
}

/* Split spec at blanks; call fn for each word. Stops at the first failure. */
static int eachWord(const char *spec, int (*fn)(const char *w, size_t len, void *acc), void *acc)
{
    const char *p = spec;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n')
            p++;
        if (!*p)
            break;
        const char *start = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n')
            p++;
        if (fn(start, (size_t) (p - start), acc) < 0)
            return -1;
    }
    return 0;
}

static int addFilter(const char *w, size_t len, void *acc)
{
    logFilters *f = acc;
    if (len && *w == '+') {          /* "+": libvirt adds a stack trace; accepted */
        w++;
        len--;
    }
    const char *colon = memchr(w, ':', len);
    if (!colon || colon + 1 == w + len)
        return -1;
    int prio = parsePrio(w, (size_t) (colon - w), false);
    if (prio < 0)
        return -1;
    char *match = virtStrndup(colon + 1, len - (size_t) (colon + 1 - w));
    f->items = virtRealloc(f->items, (f->count + 1) * sizeof(*f->items));
    f->items[f->count].prio = prio;
    /* a plain word matches any category containing it */
    f->items[f->count].pattern = strpbrk(match, "*?[") ? match : virtAsprintf("*%s*", match);
    if (f->items[f->count].pattern != match)
        free(match);
    f->count++;
    return 0;
}

static int addOutput(const char *w, size_t len, void *acc)
{
    logOutputs *o = acc;
    const char *colon = memchr(w, ':', len);
    if (!colon)
        return -1;
    int prio = parsePrio(w, (size_t) (colon - w), false);
    if (prio < 0)
        return -1;
    char *rest = virtStrndup(colon + 1, len - (size_t) (colon + 1 - w));
    logOutput out = { .prio = prio, .fd = -1 };
    char *arg = strchr(rest, ':');
    if (arg)
        *arg++ = '\0';
    if (strcmp(rest, "stderr") == 0 && !arg) {
        out.kind = OUT_STDERR;
    } else if (strcmp(rest, "journald") == 0 && !arg) {
        out.kind = OUT_JOURNALD;
        out.fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    } else if (strcmp(rest, "file") == 0 && arg && *arg) {
        out.kind = OUT_FILE;
        out.arg = virtStrdup(arg);
        out.fd = open(arg, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
        if (out.fd < 0) {
            free(out.arg);
            free(rest);
            return -1;
        }
    } else if (strcmp(rest, "syslog") == 0 && arg && *arg) {
        out.kind = OUT_SYSLOG;
        out.arg = virtStrdup(arg);
    } else {
        free(rest);
        return -1;
    }
    free(rest);
    o->items = virtRealloc(o->items, (o->count + 1) * sizeof(*o->items));
    o->items[o->count++] = out;
    return 0;
}

/* Call with lock held. */
static void updateFloor(void)
{
    int low = defaultPrio;
    for (size_t i = 0; i < filters.count; i++)
        if (filters.items[i].prio < low)
            low = filters.items[i].prio;
    int outLow = outputs.count ? VIRT_LOG_ERROR : defaultPrio;
    for (size_t i = 0; i < outputs.count; i++)
        if (outputs.items[i].prio < outLow)
            outLow = outputs.items[i].prio;
    atomic_store(&floorPrio, low > outLow ? low : outLow);
}

static void warnBad(const char *var, const char *value)
{
    /* the log itself is what failed: say it on stderr, once per setting */
    fprintf(stderr, "libvirt: ignoring %s='%s': not a valid setting\n", var, value);
}

int virtLogSetDefaultPriority(const char *spec)
{
    if (!spec || !*spec)
        return 0;
    int prio = parsePrio(spec, strlen(spec), true);
    if (prio < 0)
        return -1;
    pthread_mutex_lock(&lock);
    defaultPrio = prio;
    updateFloor();
    pthread_mutex_unlock(&lock);
    return 0;
}

int virtLogSetFilters(const char *spec)
{
    if (!spec || !*spec)
        return 0;
    logFilters f = { 0 };
    if (eachWord(spec, addFilter, &f) < 0) {
        filtersFree(&f);
        return -1;
    }
    pthread_mutex_lock(&lock);
    logFilters old = filters;
    filters = f;
    updateFloor();
    pthread_mutex_unlock(&lock);
    filtersFree(&old);
    return 0;
}

int virtLogSetOutputs(const char *spec)
{
    if (!spec || !*spec)
        return 0;
    logOutputs o = { 0 };
    if (eachWord(spec, addOutput, &o) < 0) {
        outputsFree(&o);
        return -1;
    }
    pthread_mutex_lock(&lock);
    logOutputs old = outputs;
    outputs = o;
    free(outputsSpec);
    outputsSpec = virtStrdup(spec);
    for (size_t i = 0; i < outputs.count; i++)
        if (outputs.items[i].kind == OUT_SYSLOG) {
            char *ident = syslogIdent;
            syslogIdent = virtStrdup(outputs.items[i].arg);
            openlog(syslogIdent, LOG_PID, LOG_DAEMON);
            free(ident);
            break;
        }
    updateFloor();
    pthread_mutex_unlock(&lock);
    outputsFree(&old);
    return 0;
}

void virtLogSetFromEnv(void)
{
    static const struct {
        const char *var;
        int (*apply)(const char *spec);
    } settings[] = {
        { "LIBVIRT_DEBUG", virtLogSetDefaultPriority },
        { "LIBVIRT_LOG_FILTERS", virtLogSetFilters },
        { "LIBVIRT_LOG_OUTPUTS", virtLogSetOutputs },
    };
    for (size_t i = 0; i < sizeof(settings) / sizeof(settings[0]); i++) {
        const char *v = getenv(settings[i].var);
        if (v && settings[i].apply(v) < 0)
            warnBad(settings[i].var, v);
    }
}

/* Call with lock held. */
static int categoryPrio(const char *category)
{
    for (size_t i = 0; i < filters.count; i++)
        if (fnmatch(filters.items[i].pattern, category, 0) == 0)
            return filters.items[i].prio;
    return defaultPrio;
}

bool virtLogWants(int prio, const char *category)
{
    pthread_once(&initOnce, virtLogSetFromEnv);
    if (prio < atomic_load(&floorPrio))
        return false;
    pthread_mutex_lock(&lock);
    bool wants = prio >= categoryPrio(category);
    pthread_mutex_unlock(&lock);
    return wants;
}

static void writeAll(int fd, const char *s, size_t len)
{
    while (len) {
        ssize_t n = write(fd, s, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        s += n;
        len -= (size_t) n;
    }
}

/* One journal field in the native protocol's binary form, which allows
 * any byte (newlines too) in the value. */
static void journalField(virtBuf *b, const char *name, const char *value)
{
    uint64_t len = strlen(value);
    unsigned char le[8];
    for (int i = 0; i < 8; i++)
        le[i] = (unsigned char) (len >> (8 * i));
    virtBufAdd(b, name);
    virtBufAdd(b, "\n");
    virtBufAddLen(b, (const char *) le, sizeof(le));
    virtBufAddLen(b, value, (size_t) len);
    virtBufAdd(b, "\n");
}

static void sendJournal(int fd, int prio, const char *category, const char *file, int line,
                        const char *func, const char *msg)
{
    const char *path = getenv("VIRT_JOURNAL_SOCKET");
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    snprintf(addr.sun_path, sizeof(addr.sun_path), "%s", path && *path ? path : JOURNAL_SOCKET);
    virtBuf b = { 0 };
    char num[32];
    journalField(&b, "MESSAGE", msg);
    snprintf(num, sizeof(num), "%d", prioSyslog(prio));
    journalField(&b, "PRIORITY", num);
    journalField(&b, "SYSLOG_IDENTIFIER", "libvirt");
    journalField(&b, "LIBVIRT_SOURCE", "file");
    journalField(&b, "LIBVIRT_CATEGORY", category);
    journalField(&b, "CODE_FILE", file);
    snprintf(num, sizeof(num), "%d", line);
    journalField(&b, "CODE_LINE", num);
    journalField(&b, "CODE_FUNC", func);
    (void) sendto(fd, b.data, b.len, MSG_NOSIGNAL, (struct sockaddr *) &addr, sizeof(addr));
    virtBufFree(&b);
}

void virtLogVMessage(int prio, const char *category, const char *file, int line,
                     const char *func, const char *fmt, va_list ap)
{
    pthread_once(&initOnce, virtLogSetFromEnv);
    if (prio < atomic_load(&floorPrio))
        return;
    int saved = errno;            /* logging must not disturb the caller */
    char *msg = virtVasprintf(fmt, ap);

    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    char stamp[64];
    strftime(stamp, sizeof(stamp), "%Y-%m-%d %H:%M:%S", &tm);
    /* libvirt's line: "DATE TIME.mmm+0000: TID: LEVEL : FUNC:LINE : MESSAGE" */
    char *text = virtAsprintf("%s.%03ld+0000: %ld: %s : %s:%d : %s\n", stamp,
                              ts.tv_nsec / 1000000, (long) syscall(SYS_gettid),
                              prioName(prio), func, line, msg);

    pthread_mutex_lock(&lock);
    if (prio >= categoryPrio(category)) {
        if (!outputs.count) {
            if (prio >= defaultPrio)
                writeAll(STDERR_FILENO, text, strlen(text));
        }
        for (size_t i = 0; i < outputs.count; i++) {
            const logOutput *o = &outputs.items[i];
            if (prio < o->prio)
                continue;
            switch (o->kind) {
            case OUT_STDERR:
                writeAll(STDERR_FILENO, text, strlen(text));
                break;
            case OUT_FILE:
                writeAll(o->fd, text, strlen(text));
                break;
            case OUT_SYSLOG:
                syslog(prioSyslog(prio), "%s:%d : %s", func, line, msg);
                break;
            case OUT_JOURNALD:
                if (o->fd >= 0)
                    sendJournal(o->fd, prio, category, file, line, func, msg);
                break;
            }
        }
    }
    pthread_mutex_unlock(&lock);
    free(text);
    free(msg);
    errno = saved;
}

void virtLogMessage(int prio, const char *category, const char *file, int line,
                    const char *func, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    virtLogVMessage(prio, category, file, line, func, fmt, ap);
    va_end(ap);
}

int virtLogGetFilters(char **spec)
{
    pthread_mutex_lock(&lock);
    int n = (int) filters.count;
    /* as libvirt shows them: each with the pattern it matches */
    char *text = NULL;
    for (int i = 0; i < n; i++) {
        char *more = virtAsprintf("%s%s%d:%s", text ? text : "", text ? " " : "",
                                  filters.items[i].prio, filters.items[i].pattern);
        free(text);
        text = more;
    }
    *spec = text;
    pthread_mutex_unlock(&lock);
    return n;
}

int virtLogGetOutputs(char **spec)
{
    pthread_mutex_lock(&lock);
    int n = (int) outputs.count;
    /* without outputs, messages go to stderr at the default priority */
    *spec = n ? virtStrdup(outputsSpec) : virtAsprintf("%d:stderr", defaultPrio);
    pthread_mutex_unlock(&lock);
    return n ? n : 1;
}
