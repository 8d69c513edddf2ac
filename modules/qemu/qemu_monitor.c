/* qemu_monitor.c: QMP over a unix socket with jansson. One reader thread
 * per monitor; commands are sent under a lock and wait on a condition for
 * the reply carrying their id. */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "qemu_monitor.h"
#include "util.h"

#define MAX_LINE (16 * 1024 * 1024)
#define MAX_DELETED 16

struct qemuMonitor {
    int fd;
    pthread_t reader;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    bool dead;              /* EOF or error seen */
    bool closing;           /* we are closing: no EOF callback */
    unsigned long long next_id;
    unsigned long long want_id;   /* the command in flight, 0 if none */
    json_t *reply;                /* its whole reply once it came */
    pthread_mutex_t send_lock;    /* one command at a time */
    char *deleted[MAX_DELETED];   /* recent DEVICE_DELETED ids (ring) */
    size_t ndeleted_next;
    qemuMonitorEventFunc cb;
    void *opaque;
    char *tag;
    unsigned int generation;
};

static void deadlineIn(struct timespec *ts, int ms)
{
    clock_gettime(CLOCK_MONOTONIC, ts);
    ts->tv_sec += ms / 1000;
    ts->tv_nsec += (long) (ms % 1000) * 1000000;
    if (ts->tv_nsec >= 1000000000) {
        ts->tv_sec++;
        ts->tv_nsec -= 1000000000;
    }
}

static int writeAll(int fd, const char *s, size_t len)
{
    while (len) {
        ssize_t n = send(fd, s, len, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        s += n;
        len -= (size_t) n;
    }
    return 0;
}

/* One event: remember deletions, hand the rest to the callback. */
static void handleEvent(qemuMonitor *mon, json_t *msg)
{
    const char *name = json_string_value(json_object_get(msg, "event"));
    json_t *data = json_object_get(msg, "data");
    const char *detail = NULL;

    if (!name)
        return;
    if (strcmp(name, "DEVICE_DELETED") == 0) {
        const char *dev = json_string_value(json_object_get(data, "device"));
        if (dev) {
            pthread_mutex_lock(&mon->lock);
            free(mon->deleted[mon->ndeleted_next]);
            mon->deleted[mon->ndeleted_next] = virtStrdup(dev);
            mon->ndeleted_next = (mon->ndeleted_next + 1) % MAX_DELETED;
            pthread_cond_broadcast(&mon->cond);
            pthread_mutex_unlock(&mon->lock);
        }
        return;
    }
    if (strcmp(name, "SHUTDOWN") == 0)
        detail = json_string_value(json_object_get(data, "reason"));
    else if (strcmp(name, "GUEST_PANICKED") == 0)
        detail = json_string_value(json_object_get(data, "action"));
    if (mon->cb)
        mon->cb(mon->opaque, mon->tag, mon->generation, name, detail);
}

static void handleLine(qemuMonitor *mon, const char *line)
{
    json_error_t jerr;
    json_t *msg = json_loads(line, 0, &jerr);

    if (!msg || !json_is_object(msg)) {
        json_decref(msg);
        return;
    }
    if (json_object_get(msg, "event")) {
        handleEvent(mon, msg);
        json_decref(msg);
        return;
    }
    json_t *id = json_object_get(msg, "id");
    pthread_mutex_lock(&mon->lock);
    if (json_is_integer(id) && (unsigned long long) json_integer_value(id) == mon->want_id &&
        !mon->reply) {
        mon->reply = msg;
        msg = NULL;
        pthread_cond_broadcast(&mon->cond);
    }
    pthread_mutex_unlock(&mon->lock);
    json_decref(msg);
}

static void *readerMain(void *opaque)
{
    qemuMonitor *mon = opaque;
    char *buf = NULL;
    size_t len = 0, cap = 0;

    for (;;) {
        if (cap - len < 4096) {
            if (cap >= MAX_LINE)
                break;
            cap = cap ? cap * 2 : 8192;
            buf = virtRealloc(buf, cap);
        }
        ssize_t n = recv(mon->fd, buf + len, cap - len - 1, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        len += (size_t) n;
        buf[len] = '\0';
        char *start = buf, *nl;
        while ((nl = memchr(start, '\n', len - (size_t) (start - buf)))) {
            *nl = '\0';
            handleLine(mon, start);
            start = nl + 1;
        }
        len -= (size_t) (start - buf);
        memmove(buf, start, len);
    }
    free(buf);
    pthread_mutex_lock(&mon->lock);
    mon->dead = true;
    bool notify = !mon->closing;
    pthread_cond_broadcast(&mon->cond);
    pthread_mutex_unlock(&mon->lock);
    if (notify && mon->cb)
        mon->cb(mon->opaque, mon->tag, mon->generation, "EOF", NULL);
    return NULL;
}

/* Read one line before the reader runs (the greeting). */
static json_t *readLineSync(int fd, int timeout_ms)
{
    char buf[65536];
    size_t len = 0;
    long long end = virtTimeMonotonicMs() + timeout_ms;

    while (len < sizeof(buf) - 1) {
        struct pollfd p = { .fd = fd, .events = POLLIN };
        long long left = end - virtTimeMonotonicMs();
        if (left <= 0 || poll(&p, 1, (int) left) <= 0)
            return NULL;
        ssize_t n = recv(fd, buf + len, 1, 0);
        if (n <= 0)
            return NULL;
        if (buf[len] == '\n') {
            buf[len] = '\0';
            return json_loads(buf, 0, NULL);
        }
        len++;
    }
    return NULL;
}

static bool pidAlive(pid_t pid)
{
    if (pid <= 0)
        return true;
    if (kill(pid, 0) < 0 && errno == ESRCH)
        return false;
    /* a zombie child counts as dead */
    char path[64], state = 0;
    snprintf(path, sizeof(path), "/proc/%d/stat", (int) pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return false;
    if (fscanf(f, "%*d (%*[^)]) %c", &state) != 1)
        state = 0;
    fclose(f);
    return state != 'Z' && state != 'X';
}

qemuMonitor *qemuMonitorOpen(const char *path, pid_t pid, int timeout_ms,
                             qemuMonitorEventFunc cb, void *opaque,
                             const char *tag, unsigned int generation, char **errmsg)
{
    struct sockaddr_un addr;
    long long end = virtTimeMonotonicMs() + timeout_ms;
    int fd = -1;
    json_t *greeting = NULL;
    qemuMonitor *mon = NULL;

    memset(&addr, 0, sizeof(addr));
    addr.sun_family = AF_UNIX;
    if (strlen(path) >= sizeof(addr.sun_path)) {
        *errmsg = virtAsprintf("monitor socket path '%s' is too long", path);
        return NULL;
    }
    strcpy(addr.sun_path, path);
    for (;;) {
        fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            *errmsg = virtAsprintf("cannot create a socket: %s", strerror(errno));
            return NULL;
        }
        if (connect(fd, (struct sockaddr *) &addr, sizeof(addr)) == 0)
            break;
        int err = errno;
        close(fd);
        fd = -1;
        if (!pidAlive(pid)) {
            *errmsg = virtAsprintf("QEMU exited before its monitor '%s' was ready", path);
            return NULL;
        }
        if (virtTimeMonotonicMs() > end) {
            *errmsg = virtAsprintf("cannot connect to the QEMU monitor '%s': %s", path, strerror(err));
            return NULL;
        }
        usleep(10000);
    }
    greeting = readLineSync(fd, (int) (end - virtTimeMonotonicMs() > 1000 ? end - virtTimeMonotonicMs() : 1000));
    if (!greeting || !json_object_get(greeting, "QMP")) {
        *errmsg = virtAsprintf("no QMP greeting on '%s'", path);
        goto error;
    }
    mon = virtAlloc(sizeof(*mon));
    mon->fd = fd;
    pthread_mutex_init(&mon->lock, NULL);
    pthread_mutex_init(&mon->send_lock, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&mon->cond, &ca);
    pthread_condattr_destroy(&ca);
    mon->next_id = 1;
    mon->cb = cb;
    mon->opaque = opaque;
    mon->tag = virtStrdup(tag);
    mon->generation = generation;
    if (pthread_create(&mon->reader, NULL, readerMain, mon) != 0) {
        *errmsg = virtStrdup("cannot start the monitor reader thread");
        pthread_mutex_destroy(&mon->lock);
        pthread_mutex_destroy(&mon->send_lock);
        pthread_cond_destroy(&mon->cond);
        free(mon->tag);
        free(mon);
        mon = NULL;
        goto error;
    }
    json_decref(greeting);
    if (qemuMonitorCommand(mon, "qmp_capabilities", NULL, NULL, 5000, errmsg) < 0) {
        qemuMonitorClose(mon);
        return NULL;
    }
    return mon;
 error:
    json_decref(greeting);
    if (fd >= 0)
        close(fd);
    return NULL;
}

/* Send msg (a command object, stolen) with a fresh id and wait for its
 * reply object, which the caller owns; NULL with *errmsg set when nothing
 * came. what names the command in messages. */
static json_t *exchange(qemuMonitor *mon, json_t *msg, const char *what, int timeout_ms,
                        char **errmsg)
{
    char *text = NULL;
    json_t *reply = NULL;
    struct timespec deadline;

    pthread_mutex_lock(&mon->send_lock);
    pthread_mutex_lock(&mon->lock);
    unsigned long long id = mon->next_id++;
    mon->want_id = id;
    json_decref(mon->reply);
    mon->reply = NULL;
    bool dead = mon->dead;
    pthread_mutex_unlock(&mon->lock);

    json_object_set_new(msg, "id", json_integer((json_int_t) id));
    text = json_dumps(msg, JSON_COMPACT);
    if (dead || !text || writeAll(mon->fd, text, strlen(text)) < 0 || writeAll(mon->fd, "\n", 1) < 0) {
        *errmsg = virtAsprintf("cannot send '%s' to QEMU: the monitor is closed", what);
        goto cleanup;
    }
    deadlineIn(&deadline, timeout_ms);
    pthread_mutex_lock(&mon->lock);
    while (!mon->reply && !mon->dead) {
        if (pthread_cond_timedwait(&mon->cond, &mon->lock, &deadline) == ETIMEDOUT)
            break;
    }
    reply = mon->reply;
    mon->reply = NULL;
    mon->want_id = 0;
    pthread_mutex_unlock(&mon->lock);
    if (!reply)
        *errmsg = virtAsprintf("no reply from QEMU to '%s'%s", what,
                               mon->dead ? ": QEMU closed the monitor" : " in time");
 cleanup:
    pthread_mutex_unlock(&mon->send_lock);
    free(text);
    json_decref(msg);
    return reply;
}

int qemuMonitorCommand(qemuMonitor *mon, const char *cmd, json_t *args, json_t **ret,
                       int timeout_ms, char **errmsg)
{
    json_t *msg = json_object();
    int rc = -1;

    json_object_set_new(msg, "execute", json_string(cmd));
    if (args)
        json_object_set_new(msg, "arguments", args);
    json_t *reply = exchange(mon, msg, cmd, timeout_ms, errmsg);
    if (!reply)
        return -1;
    json_t *err = json_object_get(reply, "error");
    if (err) {
        const char *desc = json_string_value(json_object_get(err, "desc"));
        *errmsg = virtAsprintf("QEMU refused '%s': %s", cmd, desc ? desc : "unknown error");
    } else {
        if (ret) {
            *ret = json_object_get(reply, "return");
            json_incref(*ret);
        }
        rc = 0;
    }
    json_decref(reply);
    return rc;
}

char *qemuMonitorPassthrough(qemuMonitor *mon, const char *command, int timeout_ms,
                             char **errmsg)
{
    json_error_t jerr;
    json_t *msg = json_loads(command, 0, &jerr);
    char *out = NULL;

    if (!json_is_object(msg) || !json_is_string(json_object_get(msg, "execute"))) {
        *errmsg = msg ? virtStrdup("a QMP command is an object with an 'execute' member")
                      : virtAsprintf("the command is not JSON: %s", jerr.text);
        json_decref(msg);
        return NULL;
    }
    /* our id replaces the caller's, so the reply finds its way back */
    char *what = virtStrdup(json_string_value(json_object_get(msg, "execute")));
    json_t *reply = exchange(mon, msg, what, timeout_ms, errmsg);
    free(what);
    if (!reply)
        return NULL;
    json_object_del(reply, "id");
    out = json_dumps(reply, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(reply);
    if (!out)
        *errmsg = virtStrdup("cannot format QEMU's reply");
    return out;
}

char *qemuMonitorHMP(qemuMonitor *mon, const char *line, char **errmsg)
{
    json_t *ret = NULL;
    char *out = NULL;

    if (qemuMonitorCommand(mon, "human-monitor-command",
                           json_pack("{s:s}", "command-line", line), &ret, 10000, errmsg) < 0)
        return NULL;
    out = virtStrdup(json_is_string(ret) ? json_string_value(ret) : "");
    json_decref(ret);
    return out;
}

int qemuMonitorWaitDeviceDeleted(qemuMonitor *mon, const char *id, int timeout_ms)
{
    struct timespec deadline;
    int rc = -1;

    deadlineIn(&deadline, timeout_ms);
    pthread_mutex_lock(&mon->lock);
    for (;;) {
        for (size_t i = 0; i < MAX_DELETED; i++) {
            if (mon->deleted[i] && strcmp(mon->deleted[i], id) == 0) {
                free(mon->deleted[i]);
                mon->deleted[i] = NULL;
                rc = 0;
            }
        }
        if (rc == 0 || mon->dead)
            break;
        if (pthread_cond_timedwait(&mon->cond, &mon->lock, &deadline) == ETIMEDOUT)
            break;
    }
    pthread_mutex_unlock(&mon->lock);
    return rc;
}

bool qemuMonitorAlive(qemuMonitor *mon)
{
    pthread_mutex_lock(&mon->lock);
    bool alive = !mon->dead;
    pthread_mutex_unlock(&mon->lock);
    return alive;
}

void qemuMonitorClose(qemuMonitor *mon)
{
    if (!mon)
        return;
    pthread_mutex_lock(&mon->lock);
    mon->closing = true;
    pthread_mutex_unlock(&mon->lock);
    shutdown(mon->fd, SHUT_RDWR);
    pthread_join(mon->reader, NULL);
    close(mon->fd);
    json_decref(mon->reply);
    for (size_t i = 0; i < MAX_DELETED; i++)
        free(mon->deleted[i]);
    pthread_mutex_destroy(&mon->lock);
    pthread_mutex_destroy(&mon->send_lock);
    pthread_cond_destroy(&mon->cond);
    free(mon->tag);
    free(mon);
}
