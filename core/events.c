/* events.c: domain event callbacks.
 *
 * One process-wide list of registrations, each tied to its connection (it
 * holds a reference, so the connection lives until it is deregistered).
 * A module raising an event only queues a copy and arms a timeout of 0 on
 * the registered event loop; the callbacks run from that loop (inside
 * virEventRunDefaultImpl for the default one), never inside the API call
 * that caused the event.
 *
 * While callbacks run, the list is not pruned: a deregistration from a
 * callback only marks the entry, and its free callback runs once the
 * dispatch is over. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "entry.h"
#include "error.h"
#include "eventloop.h"
#include "events.h"

typedef struct EventCallback EventCallback;
struct EventCallback {
    int id;
    virConnectPtr conn;              /* holds a reference */
    bool filtered;                   /* only events of the domain uuid */
    unsigned char uuid[VIRT_UUID_LEN];
    int eventID;
    bool legacy;                     /* virConnectDomainEventRegister */
    virConnectDomainEventGenericCallback cb;
    void *opaque;
    virFreeCallback freecb;
    bool removed;
    EventCallback *next;
};

typedef struct QueuedEvent QueuedEvent;
struct QueuedEvent {
    virConnectPtr conn;              /* holds a reference */
    bool wholeModule;                /* every connection of conn's module */
    int eventID;
    char *name;
    unsigned char uuid[VIRT_UUID_LEN];
    int domid;
    int event, detail;               /* lifecycle only */
    QueuedEvent *next;
};

static struct {
    pthread_mutex_t lock;            /* everything below */
    EventCallback *callbacks;
    int live;                        /* entries not removed */
    int nextID;
    int dispatching;                 /* dispatches in progress */
    QueuedEvent *head, *tail;
    int timer;                       /* flush timeout on the loop, -1: none */
} reg = { .lock = PTHREAD_MUTEX_INITIALIZER, .nextID = 1, .timer = -1 };

/* Serialises creating and removing the flush timeout, which calls into the
 * application's loop and so must not happen under reg.lock. */
static pthread_mutex_t timerLock = PTHREAD_MUTEX_INITIALIZER;

static void eventFree(QueuedEvent *ev)
{
    virtConnectUnref(ev->conn);
    free(ev->name);
    free(ev);
}

static void freeEventList(QueuedEvent *ev)
{
    while (ev) {
        QueuedEvent *next = ev->next;
        eventFree(ev);
        ev = next;
    }
}

/* Unlink removed entries (reg.lock held, no dispatch running); they are
 * returned as a list for the caller to release unlocked. */
static EventCallback *takeRemoved(void)
{
    EventCallback *gone = NULL, **pp = &reg.callbacks;
    if (reg.dispatching)
        return NULL;
    while (*pp) {
        EventCallback *cb = *pp;
        if (cb->removed) {
            *pp = cb->next;
            cb->next = gone;
            gone = cb;
        } else {
            pp = &cb->next;
        }
    }
    return gone;
}

static void releaseCallbacks(EventCallback *cb)
{
    while (cb) {
        EventCallback *next = cb->next;
        if (cb->freecb)
            cb->freecb(cb->opaque);
        virtConnectUnref(cb->conn);
        free(cb);
        cb = next;
    }
}

static virtModule *hypervisorModule(virConnectPtr conn)
{
    return conn->roles[VIRT_ROLE_HYPERVISOR].module;
}

static bool callbackWants(const EventCallback *cb, const QueuedEvent *ev)
{
    if (cb->removed || cb->eventID != ev->eventID)
        return false;
    if (cb->conn != ev->conn &&
        !(ev->wholeModule && hypervisorModule(cb->conn) == hypervisorModule(ev->conn)))
        return false;
    return !cb->filtered || memcmp(cb->uuid, ev->uuid, VIRT_UUID_LEN) == 0;
}

static void invoke(const EventCallback *cb, virDomainPtr dom, const QueuedEvent *ev)
{
    if (ev->eventID == VIRT_DOMAIN_EVENT_ID_LIFECYCLE) {
        /* Stored generically; lifecycle callbacks have their own type. */
        virConnectDomainEventCallback fn = (virConnectDomainEventCallback) (void (*)(void)) cb->cb;
        fn(cb->conn, dom, ev->event, ev->detail, cb->opaque);
    } else {
        cb->cb(cb->conn, dom, cb->opaque);
    }
}

/* Deliver one event to every callback that wants it (reg.lock held on
 * entry and exit, released around each callback). */
static void dispatchEvent(const QueuedEvent *ev)
{
    for (EventCallback *cb = reg.callbacks; cb; cb = cb->next) {
        if (!callbackWants(cb, ev))
            continue;
        pthread_mutex_unlock(&reg.lock);
        virDomainPtr dom = virtDomainNew(cb->conn, ev->name, ev->uuid, ev->domid);
        if (dom) {
            invoke(cb, dom, ev);
            virDomainFree(dom);
        }
        pthread_mutex_lock(&reg.lock);
    }
}

/* The flush timeout: disarm, then deliver everything queued so far. */
static void flushQueue(int timer, void *opaque)
{
    (void) opaque;
    virEventUpdateTimeout(timer, -1);

    pthread_mutex_lock(&reg.lock);
    QueuedEvent *queue = reg.head;
    reg.head = reg.tail = NULL;
    reg.dispatching++;
    for (QueuedEvent *ev = queue; ev; ev = ev->next)
        dispatchEvent(ev);
    reg.dispatching--;
    EventCallback *gone = takeRemoved();
    pthread_mutex_unlock(&reg.lock);

    releaseCallbacks(gone);
    freeEventList(queue);
}

/* Make sure the flush timeout exists (timerLock held). Returns 0, or -1
 * with an error raised. */
static int ensureTimer(void)
{
    int rc = 0;
    pthread_mutex_lock(&reg.lock);
    bool have = reg.timer >= 0;
    pthread_mutex_unlock(&reg.lock);
    if (!have) {
        int timer = virEventAddTimeout(-1, flushQueue, NULL, NULL);
        if (timer < 0) {
            virtErrorRaise(NULL, NULL, NULL, VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR,
                           "could not initialize the domain event timer: register an "
                           "event loop implementation first");
            rc = -1;
        } else {
            pthread_mutex_lock(&reg.lock);
            reg.timer = timer;
            pthread_mutex_unlock(&reg.lock);
        }
    }
    return rc;
}

/* With no registration left, drop the flush timeout and pending events. */
static void dropTimerIfIdle(void)
{
    pthread_mutex_lock(&timerLock);
    pthread_mutex_lock(&reg.lock);
    int timer = -1;
    QueuedEvent *queue = NULL;
    if (reg.live == 0 && reg.timer >= 0) {
        timer = reg.timer;
        reg.timer = -1;
        queue = reg.head;
        reg.head = reg.tail = NULL;
    }
    pthread_mutex_unlock(&reg.lock);
    if (timer >= 0)
        virEventRemoveTimeout(timer);
    pthread_mutex_unlock(&timerLock);
    freeEventList(queue);
}

/* Record a registration. Returns its id, or -1 with an error raised. */
static int addCallback(virConnectPtr conn, virDomainPtr dom, int eventID, bool legacy,
                       virConnectDomainEventGenericCallback cb, void *opaque,
                       virFreeCallback freecb)
{
    /* timerLock keeps a concurrent last deregistration from dropping the
     * timer between its creation and this entry's insertion. */
    pthread_mutex_lock(&timerLock);
    if (ensureTimer() < 0) {
        pthread_mutex_unlock(&timerLock);
        return -1;
    }
    pthread_mutex_lock(&reg.lock);
    for (EventCallback *e = reg.callbacks; e; e = e->next) {
        if (e->removed || e->conn != conn || e->cb != cb || e->eventID != eventID ||
            e->legacy != legacy || e->filtered != (dom != NULL) ||
            (dom && memcmp(e->uuid, dom->uuid, VIRT_UUID_LEN) != 0))
            continue;
        pthread_mutex_unlock(&reg.lock);
        pthread_mutex_unlock(&timerLock);
        virtErrorRaise(conn, NULL, NULL, VIR_FROM_NONE, VIR_ERR_INVALID_ARG,
                       "this event callback is already registered on the connection");
        return -1;
    }
    EventCallback *e = virtAlloc(sizeof(*e));
    *e = (EventCallback) {
        .id = reg.nextID++, .conn = conn, .filtered = dom != NULL, .eventID = eventID,
        .legacy = legacy, .cb = cb, .opaque = opaque, .freecb = freecb,
    };
    if (dom)
        memcpy(e->uuid, dom->uuid, VIRT_UUID_LEN);
    atomic_fetch_add(&conn->refs, 1);
    /* Append: callbacks run in registration order. */
    EventCallback **pp = &reg.callbacks;
    while (*pp)
        pp = &(*pp)->next;
    *pp = e;
    reg.live++;
    int id = e->id;
    pthread_mutex_unlock(&reg.lock);
    pthread_mutex_unlock(&timerLock);
    return id;
}

/* Mark the first live entry matching and release what can be released
 * now. Returns 0, or -1 when nothing matched (no error raised). */
static int removeCallback(virConnectPtr conn, int id, bool legacy,
                          virConnectDomainEventGenericCallback cb)
{
    bool found = false;
    pthread_mutex_lock(&reg.lock);
    for (EventCallback *e = reg.callbacks; e && !found; e = e->next) {
        if (e->removed || e->conn != conn || e->legacy != legacy)
            continue;
        if (legacy ? e->cb == cb : e->id == id) {
            e->removed = true;
            reg.live--;
            found = true;
        }
    }
    EventCallback *gone = takeRemoved();
    pthread_mutex_unlock(&reg.lock);
    releaseCallbacks(gone);
    if (found)
        dropTimerIfIdle();
    return found ? 0 : -1;
}

static int failArg(virConnectPtr conn, const char *what, const char *func)
{
    virtErrorRaise(conn, NULL, NULL, VIR_FROM_NONE, VIR_ERR_INVALID_ARG, "%s in %s", what, func);
    virtDispatchError(conn);
    return -1;
}

int virConnectDomainEventRegister(virConnectPtr conn, virConnectDomainEventCallback cb,
                                  void *opaque, virFreeCallback freecb)
{
    if (!virtEnterConnect(conn, __func__))
        return -1;
    if (!cb)
        return failArg(conn, "cb must not be NULL", __func__);
    if (addCallback(conn, NULL, VIRT_DOMAIN_EVENT_ID_LIFECYCLE, true,
                    (virConnectDomainEventGenericCallback) (void (*)(void)) cb, opaque, freecb) < 0) {
        virtDispatchError(conn);
        return -1;
    }
    return 0;
}

int virConnectDomainEventDeregister(virConnectPtr conn, virConnectDomainEventCallback cb)
{
    if (!virtEnterConnect(conn, __func__))
        return -1;
    if (!cb)
        return failArg(conn, "cb must not be NULL", __func__);
    if (removeCallback(conn, -1, true, (virConnectDomainEventGenericCallback) (void (*)(void)) cb) < 0)
        return failArg(conn, "no such event callback is registered", __func__);
    return 0;
}

int virConnectDomainEventRegisterAny(virConnectPtr conn, virDomainPtr dom, int eventID,
                                     virConnectDomainEventGenericCallback cb,
                                     void *opaque, virFreeCallback freecb)
{
    if (!virtEnterConnect(conn, __func__))
        return -1;
    if (dom && !virtDomainValid(dom)) {
        virtErrorRaise(conn, NULL, NULL, VIR_FROM_DOM, VIR_ERR_INVALID_DOMAIN, "%s", __func__);
        virtDispatchError(conn);
        return -1;
    }
    if (dom && dom->conn != conn)
        return failArg(conn, "dom must belong to conn", __func__);
    if (!cb)
        return failArg(conn, "cb must not be NULL", __func__);
    if (eventID < 0 || eventID >= VIRT_DOMAIN_EVENT_ID_LAST)
        return failArg(conn, "eventID is not a known domain event id", __func__);
    int id = addCallback(conn, dom, eventID, false, cb, opaque, freecb);
    if (id < 0)
        virtDispatchError(conn);
    return id;
}

int virConnectDomainEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    if (!virtEnterConnect(conn, __func__))
        return -1;
    if (callbackID < 0)
        return failArg(conn, "callbackID must not be negative", __func__);
    if (removeCallback(conn, callbackID, false, NULL) < 0)
        return failArg(conn, "no event callback has this id on the connection", __func__);
    return 0;
}

/* Queue a copy of an event when someone may want it, and arm the flush.
 * The queued event holds a reference on conn, taken only while conn is
 * still open: an event racing the last virConnectClose is dropped. */
static void queueEventFor(virConnectPtr conn, bool wholeModule, const char *name,
                          const unsigned char *uuid, int domid, int eventID, int event,
                          int detail)
{
    if (!virtConnectValid(conn) || !name || !uuid)
        return;

    pthread_mutex_lock(&reg.lock);
    int timer = reg.timer;
    if (reg.live == 0 || timer < 0 || !virtConnectRefIfAlive(conn)) {
        pthread_mutex_unlock(&reg.lock);
        return;
    }
    QueuedEvent *ev = virtAlloc(sizeof(*ev));
    *ev = (QueuedEvent) {
        .conn = conn, .wholeModule = wholeModule, .eventID = eventID,
        .name = virtStrdup(name), .domid = domid, .event = event, .detail = detail,
    };
    memcpy(ev->uuid, uuid, VIRT_UUID_LEN);
    if (reg.tail)
        reg.tail->next = ev;
    else
        reg.head = ev;
    reg.tail = ev;
    pthread_mutex_unlock(&reg.lock);

    virEventUpdateTimeout(timer, 0);
}

static void queueEvent(virConnectPtr conn, virDomainPtr dom, int eventID, int event,
                       int detail)
{
    if (!virtDomainValid(dom))
        return;
    queueEventFor(conn ? conn : dom->conn, conn == NULL, dom->name, dom->uuid,
                  atomic_load(&dom->id), eventID, event, detail);
}

static bool payloadFree(int eventID)
{
    return eventID == VIRT_DOMAIN_EVENT_ID_REBOOT || eventID == 7 /* CONTROL_ERROR */;
}

void virtDomainEventQueue(virConnectPtr conn, const char *name, const unsigned char *uuid,
                          int id, int eventID, int event, int detail)
{
    if (eventID != VIRT_DOMAIN_EVENT_ID_LIFECYCLE && !payloadFree(eventID))
        return;
    if (eventID != VIRT_DOMAIN_EVENT_ID_LIFECYCLE)
        event = detail = 0;
    queueEventFor(conn, false, name, uuid, id, eventID, event, detail);
}

void virtDomainEventLifecycle(virConnectPtr conn, virDomainPtr dom, int event, int detail)
{
    queueEvent(conn, dom, VIRT_DOMAIN_EVENT_ID_LIFECYCLE, event, detail);
}

void virtDomainEventGeneric(virConnectPtr conn, virDomainPtr dom, int eventID)
{
    /* Only the ids whose callbacks take no payload. */
    if (!payloadFree(eventID))
        return;
    queueEvent(conn, dom, eventID, 0, 0);
}
