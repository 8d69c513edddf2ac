/* eventpoll.c: the default event loop.
 *
 * Handles (file descriptors) and timeouts live in two arrays guarded by
 * one mutex. Removing an entry only marks it: the loop purges marked
 * entries between iterations and runs their free callbacks then, so a
 * callback may remove itself or anything else safely. Indices stay valid
 * during an iteration because entries are only appended meanwhile.
 * Another thread that changes the sets while the loop sleeps in poll()
 * wakes it through a pipe, so the change takes effect at once.
 *
 * Timeouts: a frequency of -1 disables, 0 fires on every iteration, N
 * fires every N milliseconds. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "eventpoll.h"
#include "util.h"

typedef struct {
    int watch;
    int fd;
    int events;                  /* VIRT_EVENT_HANDLE_* wanted; 0: paused */
    virEventHandleCallback cb;
    void *opaque;
    virFreeCallback ff;
    bool deleted;
} PollHandle;

typedef struct {
    int timer;
    int frequency;               /* ms; -1 disabled */
    long long expires;           /* monotonic ms of the next firing */
    virEventTimeoutCallback cb;
    void *opaque;
    virFreeCallback ff;
    bool deleted;
} PollTimeout;

static struct {
    pthread_mutex_t lock;        /* everything below */
    pthread_mutex_t runLock;     /* one iteration at a time */
    bool ready;
    int wake[2];                 /* [0] polled by the loop, [1] written to wake it */
    bool sleeping;               /* the loop is inside poll() */
    pthread_t leader;            /* the thread running the loop */
    PollHandle *handles;
    size_t nhandles, caphandles;
    PollTimeout *timeouts;
    size_t ntimeouts, captimeouts;
    int nextWatch, nextTimer;
} loop = {
    .lock = PTHREAD_MUTEX_INITIALIZER,
    .runLock = PTHREAD_MUTEX_INITIALIZER,
    .wake = { -1, -1 },
    .nextWatch = 1,
    .nextTimer = 1,
};

/* Called with the lock held after any change: a loop sleeping in another
 * thread must recompute what it waits for. */
static void wakeLoop(void)
{
    if (loop.sleeping && !pthread_equal(loop.leader, pthread_self()) && loop.wake[1] >= 0) {
        char c = 0;
        ssize_t rc = write(loop.wake[1], &c, 1);
        (void) rc;   /* a full pipe already means "wake up" */
    }
}

int virtEventPollInit(void)
{
    int rc = 0;
    pthread_mutex_lock(&loop.lock);
    if (!loop.ready) {
        if (pipe2(loop.wake, O_CLOEXEC | O_NONBLOCK) < 0) {
            virtErrorRaise(NULL, NULL, NULL, VIR_FROM_EVENT, VIR_ERR_SYSTEM_ERROR,
                           "cannot create the event loop's wake-up pipe: %s", strerror(errno));
            loop.wake[0] = loop.wake[1] = -1;
            rc = -1;
        } else {
            loop.ready = true;
        }
    }
    pthread_mutex_unlock(&loop.lock);
    return rc;
}

int virtEventPollAddHandle(int fd, int events, virEventHandleCallback cb,
                           void *opaque, virFreeCallback ff)
{
    if (fd < 0 || !cb)
        return -1;
    pthread_mutex_lock(&loop.lock);
    if (loop.nhandles == loop.caphandles) {
        loop.caphandles = loop.caphandles ? loop.caphandles * 2 : 8;
        loop.handles = virtRealloc(loop.handles, loop.caphandles * sizeof(*loop.handles));
    }
    PollHandle *h = &loop.handles[loop.nhandles++];
    *h = (PollHandle) {
        .watch = loop.nextWatch++, .fd = fd, .events = events, .cb = cb,
        .opaque = opaque, .ff = ff,
    };
    int watch = h->watch;
    wakeLoop();
    pthread_mutex_unlock(&loop.lock);
    return watch;
}

static PollHandle *findHandle(int watch)
{
    for (size_t i = 0; i < loop.nhandles; i++)
        if (loop.handles[i].watch == watch && !loop.handles[i].deleted)
            return &loop.handles[i];
    return NULL;
}

void virtEventPollUpdateHandle(int watch, int events)
{
    pthread_mutex_lock(&loop.lock);
    PollHandle *h = findHandle(watch);
    if (h) {
        h->events = events;
        wakeLoop();
    }
    pthread_mutex_unlock(&loop.lock);
}

int virtEventPollRemoveHandle(int watch)
{
    pthread_mutex_lock(&loop.lock);
    PollHandle *h = findHandle(watch);
    if (h) {
        h->deleted = true;
        wakeLoop();
    }
    pthread_mutex_unlock(&loop.lock);
    return h ? 0 : -1;
}

int virtEventPollAddTimeout(int frequency, virEventTimeoutCallback cb,
                            void *opaque, virFreeCallback ff)
{
    if (!cb)
        return -1;
    pthread_mutex_lock(&loop.lock);
    if (loop.ntimeouts == loop.captimeouts) {
        loop.captimeouts = loop.captimeouts ? loop.captimeouts * 2 : 8;
        loop.timeouts = virtRealloc(loop.timeouts, loop.captimeouts * sizeof(*loop.timeouts));
    }
    PollTimeout *t = &loop.timeouts[loop.ntimeouts++];
    *t = (PollTimeout) {
        .timer = loop.nextTimer++, .frequency = frequency,
        .expires = virtTimeMonotonicMs() + (frequency > 0 ? frequency : 0),
        .cb = cb, .opaque = opaque, .ff = ff,
    };
    int timer = t->timer;
    wakeLoop();
    pthread_mutex_unlock(&loop.lock);
    return timer;
}

static PollTimeout *findTimeout(int timer)
{
    for (size_t i = 0; i < loop.ntimeouts; i++)
        if (loop.timeouts[i].timer == timer && !loop.timeouts[i].deleted)
            return &loop.timeouts[i];
    return NULL;
}

void virtEventPollUpdateTimeout(int timer, int frequency)
{
    pthread_mutex_lock(&loop.lock);
    PollTimeout *t = findTimeout(timer);
    if (t) {
        /* The period restarts from now, as a newly added timeout would. */
        t->frequency = frequency;
        t->expires = virtTimeMonotonicMs() + (frequency > 0 ? frequency : 0);
        wakeLoop();
    }
    pthread_mutex_unlock(&loop.lock);
}

int virtEventPollRemoveTimeout(int timer)
{
    pthread_mutex_lock(&loop.lock);
    PollTimeout *t = findTimeout(timer);
    if (t) {
        t->deleted = true;
        wakeLoop();
    }
    pthread_mutex_unlock(&loop.lock);
    return t ? 0 : -1;
}

/* A free callback to run once the lock is released. */
typedef struct {
    virFreeCallback ff;
    void *opaque;
} PendingFree;

/* Drop marked entries (lock held); their free callbacks are returned for
 * the caller to run unlocked, since they may call back into the loop. */
static PendingFree *purgeDeleted(size_t *nfree)
{
    PendingFree *frees = NULL;
    size_t n = 0, cap = 0, kept = 0;

#define PURGE(array, count)                                                   \
    kept = 0;                                                                 \
    for (size_t i = 0; i < (count); i++) {                                    \
        if (!(array)[i].deleted) {                                            \
            (array)[kept++] = (array)[i];                                     \
            continue;                                                         \
        }                                                                     \
        if (!(array)[i].ff)                                                   \
            continue;                                                         \
        if (n == cap) {                                                       \
            cap = cap ? cap * 2 : 8;                                          \
            frees = virtRealloc(frees, cap * sizeof(*frees));                 \
        }                                                                     \
        frees[n++] = (PendingFree) { (array)[i].ff, (array)[i].opaque };      \
    }                                                                         \
    (count) = kept;

    PURGE(loop.handles, loop.nhandles)
    PURGE(loop.timeouts, loop.ntimeouts)
#undef PURGE
    *nfree = n;
    return frees;
}

static void runFrees(PendingFree *frees, size_t n)
{
    for (size_t i = 0; i < n; i++)
        frees[i].ff(frees[i].opaque);
    free(frees);
}

static short toPoll(int events)
{
    short ev = 0;
    if (events & VIRT_EVENT_HANDLE_READABLE)
        ev |= POLLIN;
    if (events & VIRT_EVENT_HANDLE_WRITABLE)
        ev |= POLLOUT;
    return ev;
}

static int fromPoll(short revents)
{
    int events = 0;
    if (revents & POLLIN)
        events |= VIRT_EVENT_HANDLE_READABLE;
    if (revents & POLLOUT)
        events |= VIRT_EVENT_HANDLE_WRITABLE;
    if (revents & (POLLERR | POLLNVAL))
        events |= VIRT_EVENT_HANDLE_ERROR;
    if (revents & POLLHUP)
        events |= VIRT_EVENT_HANDLE_HANGUP;
    return events;
}

/* Milliseconds until the first enabled timeout is due, or -1 (lock held). */
static int nextWait(long long now)
{
    long long wait = -1;
    for (size_t i = 0; i < loop.ntimeouts; i++) {
        PollTimeout *t = &loop.timeouts[i];
        if (t->deleted || t->frequency < 0)
            continue;
        long long left = t->expires > now ? t->expires - now : 0;
        if (wait < 0 || left < wait)
            wait = left;
    }
    return wait > 1000000000LL ? 1000000000 : (int) wait;
}

/* Run every timeout due now, in array order (creation order). Entries
 * added by the callbacks wait for the next iteration. */
static void dispatchTimeouts(void)
{
    size_t n = loop.ntimeouts;
    long long now = virtTimeMonotonicMs();
    for (size_t i = 0; i < n; i++) {
        PollTimeout *t = &loop.timeouts[i];
        if (t->deleted || t->frequency < 0 || t->expires > now)
            continue;
        t->expires = now + t->frequency;
        virEventTimeoutCallback cb = t->cb;
        void *opaque = t->opaque;
        int timer = t->timer;
        pthread_mutex_unlock(&loop.lock);
        cb(timer, opaque);
        pthread_mutex_lock(&loop.lock);
    }
}

/* Run the callbacks of ready handles; slot[k] is the handle index behind fds[k]. */
static void dispatchHandles(const struct pollfd *fds, const size_t *slot, size_t nfds)
{
    for (size_t k = 0; k < nfds; k++) {
        PollHandle *h = &loop.handles[slot[k]];
        int events = fromPoll(fds[k].revents);
        if (!events || h->deleted || !h->events)
            continue;
        virEventHandleCallback cb = h->cb;
        void *opaque = h->opaque;
        int watch = h->watch, fd = h->fd;
        pthread_mutex_unlock(&loop.lock);
        cb(watch, fd, events, opaque);
        pthread_mutex_lock(&loop.lock);
    }
}

int virtEventPollRunOnce(void)
{
    struct pollfd *fds = NULL;
    size_t *slot = NULL, nfree = 0, nfds = 0;
    PendingFree *frees;
    int rc = -1;

    if (virtEventPollInit() < 0)
        return -1;
    pthread_mutex_lock(&loop.runLock);
    pthread_mutex_lock(&loop.lock);
    frees = purgeDeleted(&nfree);
    pthread_mutex_unlock(&loop.lock);
    runFrees(frees, nfree);

    pthread_mutex_lock(&loop.lock);
    /* fds[0] is the wake-up pipe; the others are live, enabled handles. */
    fds = virtAlloc((loop.nhandles + 1) * sizeof(*fds));
    slot = virtAlloc((loop.nhandles + 1) * sizeof(*slot));
    fds[0] = (struct pollfd) { .fd = loop.wake[0], .events = POLLIN };
    nfds = 1;
    for (size_t i = 0; i < loop.nhandles; i++) {
        if (loop.handles[i].deleted || !loop.handles[i].events)
            continue;
        fds[nfds] = (struct pollfd) { .fd = loop.handles[i].fd,
                                      .events = toPoll(loop.handles[i].events) };
        slot[nfds++] = i;
    }
    int wait = nextWait(virtTimeMonotonicMs());
    loop.sleeping = true;
    loop.leader = pthread_self();
    pthread_mutex_unlock(&loop.lock);

    int ready = poll(fds, nfds, wait);
    int savedErrno = errno;

    pthread_mutex_lock(&loop.lock);
    loop.sleeping = false;
    if (ready < 0 && savedErrno != EINTR) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_EVENT, VIR_ERR_SYSTEM_ERROR,
                       "the event loop cannot poll: %s", strerror(savedErrno));
        pthread_mutex_unlock(&loop.lock);
        goto cleanup;
    }
    if (ready > 0 && fds[0].revents) {
        char buf[64];
        while (read(loop.wake[0], buf, sizeof(buf)) > 0)
            ;
    }
    dispatchTimeouts();
    if (ready > 0)
        dispatchHandles(fds + 1, slot + 1, nfds - 1);
    frees = purgeDeleted(&nfree);
    pthread_mutex_unlock(&loop.lock);
    runFrees(frees, nfree);
    rc = 0;

 cleanup:
    pthread_mutex_unlock(&loop.runLock);
    free(fds);
    free(slot);
    return rc;
}
