/* eventloop.c: the public event-loop API. The application registers an
 * implementation (ours with virEventRegisterDefaultImpl, or its own with
 * virEventRegisterImpl, as language bindings do); virEventAddHandle and
 * friends forward to it, and the core queues its own work through it. */
#include <pthread.h>
#include <stdlib.h>

#include "error.h"
#include "eventloop.h"
#include "eventpoll.h"

typedef struct {
    virEventAddHandleFunc addHandle;
    virEventUpdateHandleFunc updateHandle;
    virEventRemoveHandleFunc removeHandle;
    virEventAddTimeoutFunc addTimeout;
    virEventUpdateTimeoutFunc updateTimeout;
    virEventRemoveTimeoutFunc removeTimeout;
} EventImpl;

static pthread_mutex_t implLock = PTHREAD_MUTEX_INITIALIZER;
static EventImpl impl;

/* A consistent copy: the application may register again from another thread. */
static EventImpl currentImpl(void)
{
    pthread_mutex_lock(&implLock);
    EventImpl copy = impl;
    pthread_mutex_unlock(&implLock);
    return copy;
}

void virEventRegisterImpl(virEventAddHandleFunc addHandle,
                          virEventUpdateHandleFunc updateHandle,
                          virEventRemoveHandleFunc removeHandle,
                          virEventAddTimeoutFunc addTimeout,
                          virEventUpdateTimeoutFunc updateTimeout,
                          virEventRemoveTimeoutFunc removeTimeout)
{
    pthread_mutex_lock(&implLock);
    impl = (EventImpl) { addHandle, updateHandle, removeHandle,
                         addTimeout, updateTimeout, removeTimeout };
    pthread_mutex_unlock(&implLock);
}

int virEventRegisterDefaultImpl(void)
{
    virResetLastError();
    if (virtEventPollInit() < 0) {
        virtDispatchError(NULL);
        return -1;
    }
    virEventRegisterImpl(virtEventPollAddHandle, virtEventPollUpdateHandle,
                         virtEventPollRemoveHandle, virtEventPollAddTimeout,
                         virtEventPollUpdateTimeout, virtEventPollRemoveTimeout);
    return 0;
}

int virEventRunDefaultImpl(void)
{
    virResetLastError();
    if (virtEventPollRunOnce() < 0) {
        virtDispatchError(NULL);
        return -1;
    }
    return 0;
}

/* Without a registered implementation these answer -1 or do nothing,
 * reporting no error, as libvirt does. */
int virEventAddHandle(int fd, int events, virEventHandleCallback cb,
                      void *opaque, virFreeCallback ff)
{
    EventImpl cur = currentImpl();
    return cur.addHandle ? cur.addHandle(fd, events, cb, opaque, ff) : -1;
}

void virEventUpdateHandle(int watch, int events)
{
    EventImpl cur = currentImpl();
    if (cur.updateHandle)
        cur.updateHandle(watch, events);
}

int virEventRemoveHandle(int watch)
{
    EventImpl cur = currentImpl();
    return cur.removeHandle ? cur.removeHandle(watch) : -1;
}

int virEventAddTimeout(int frequency, virEventTimeoutCallback cb,
                       void *opaque, virFreeCallback ff)
{
    EventImpl cur = currentImpl();
    return cur.addTimeout ? cur.addTimeout(frequency, cb, opaque, ff) : -1;
}

void virEventUpdateTimeout(int timer, int frequency)
{
    EventImpl cur = currentImpl();
    if (cur.updateTimeout)
        cur.updateTimeout(timer, frequency);
}

int virEventRemoveTimeout(int timer)
{
    EventImpl cur = currentImpl();
    return cur.removeTimeout ? cur.removeTimeout(timer) : -1;
}

bool virtEventHasImpl(void)
{
    EventImpl cur = currentImpl();
    return cur.addTimeout != NULL;
}

/* A queued job: runs once, then removes its own timeout. */
typedef struct {
    void (*fn)(void *opaque);
    void *opaque;
    virFreeCallback freefn;
    bool done;
} EventJob;

static void jobFire(int timer, void *data)
{
    EventJob *job = data;
    /* An application loop may fire again before the removal lands. */
    if (job->done)
        return;
    job->done = true;
    job->fn(job->opaque);
    virEventRemoveTimeout(timer);
}

static void jobFree(void *data)
{
    EventJob *job = data;
    if (job->freefn)
        job->freefn(job->opaque);
    free(job);
}

int virtEventQueueJob(void (*fn)(void *opaque), void *opaque, virFreeCallback freefn)
{
    EventJob *job = virtAlloc(sizeof(*job));
    *job = (EventJob) { .fn = fn, .opaque = opaque, .freefn = freefn };
    if (virEventAddTimeout(0, jobFire, job, jobFree) < 0) {
        free(job);
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_EVENT, VIR_ERR_INTERNAL_ERROR,
                       "no event loop is registered: call virEventRegisterDefaultImpl "
                       "or virEventRegisterImpl first");
        return -1;
    }
    return 0;
}
