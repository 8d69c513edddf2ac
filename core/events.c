/* events.c: event callbacks of domains, networks, storage pools and node
 * devices (the families a module can raise, virtEventFamily).
 *
 * One process-wide list of registrations, each tied to its connection (it
 * holds a reference, so the connection lives until it is deregistered).
 * Ids are the connection's: each connection counts from 0, and the
 * legacy virConnectDomainEventRegister uses up one too, as in libvirt.
 * A module raising an event only queues a copy and arms a timeout of 0 on
 * the registered event loop; the callbacks run from that loop (inside
 * virEventRunDefaultImpl for the default one), never inside the API call
 * that caused the event.
 *
 * While callbacks run, the list is not pruned: a deregistration from a
 * callback only marks the entry, and its free callback runs once the
 * dispatch is over. */
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apitable.h"
#include "entry.h"
#include "error.h"
#include "eventloop.h"
#include "events.h"

typedef struct EventCallback EventCallback;
struct EventCallback {
    int id;
    int family;                      /* virtEventFamily */
    virConnectPtr conn;              /* holds a reference */
    bool filtered;                   /* only events of one object: */
    unsigned char uuid[VIRT_UUID_LEN];  /* its uuid, */
    char *name;                      /* or, for node devices, its name */
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
    int family;
    int eventID;
    char *name;
    unsigned char uuid[VIRT_UUID_LEN];
    int domid;
    int event, detail;               /* lifecycle; event: the type of a metadata change */
    char *text;                      /* a metadata change's namespace, or NULL */
    QueuedEvent *next;
};

static struct {
    pthread_mutex_t lock;            /* everything below */
    EventCallback *callbacks;
    int live;                        /* entries not removed */
    int dispatching;                 /* dispatches in progress */
    QueuedEvent *head, *tail;
    int timer;                       /* flush timeout on the loop, -1: none */
} reg = { .lock = PTHREAD_MUTEX_INITIALIZER, .timer = -1 };

/* Serialises creating and removing the flush timeout, which calls into the
 * application's loop and so must not happen under reg.lock. */
static pthread_mutex_t timerLock = PTHREAD_MUTEX_INITIALIZER;

static void eventFree(QueuedEvent *ev)
{
    virtConnectUnref(ev->conn);
    free(ev->name);
    free(ev->text);
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
        free(cb->name);
        free(cb);
        cb = next;
    }
}

static bool callbackWants(const EventCallback *cb, const QueuedEvent *ev)
{
    if (cb->removed || cb->family != ev->family || cb->eventID != ev->eventID)
        return false;
    if (cb->conn != ev->conn)
        return false;
    if (!cb->filtered)
        return true;
    return cb->family == VIRT_HANDLE_NODE_DEVICE ? strcmp(cb->name, ev->name) == 0
                                                       : memcmp(cb->uuid, ev->uuid, VIRT_UUID_LEN) == 0;
}

/* Lifecycle events (id 0 in every family) pass event and detail; the
 * other ids of the families here pass nothing but the object. */
typedef void (*lifecycleFunc)(virConnectPtr conn, void *obj, int event, int detail, void *opaque);
typedef void (*plainFunc)(virConnectPtr conn, void *obj, void *opaque);
typedef void (*metadataFunc)(virConnectPtr conn, void *obj, int type, const char *nsuri, void *opaque);

static void invoke(const EventCallback *cb, void *obj, const QueuedEvent *ev)
{
    if (ev->eventID == 0)
        ((lifecycleFunc) (void (*)(void)) cb->cb)(cb->conn, obj, ev->event, ev->detail, cb->opaque);
    else if (ev->family == VIRT_HANDLE_DOMAIN && ev->eventID == VIRT_DOMAIN_EVENT_ID_METADATA_CHANGE)
        ((metadataFunc) (void (*)(void)) cb->cb)(cb->conn, obj, ev->event, ev->text, cb->opaque);
    else
        ((plainFunc) (void (*)(void)) cb->cb)(cb->conn, obj, cb->opaque);
}

/* A handle for the callback's connection. */
static void *objectNew(const EventCallback *cb, const QueuedEvent *ev)
{
    virtHandleIdentity id = {
        .name = ev->name, .id = ev->domid,
        .uuid = ev->family == VIRT_HANDLE_NODE_DEVICE ? NULL : ev->uuid,
    };
    return virtHandleNew(cb->conn, (virtHandleKind) ev->family, NULL, &id);
}

/* Deliver one event to every callback that wants it (reg.lock held on
 * entry and exit, released around each callback). */
static void dispatchEvent(const QueuedEvent *ev)
{
    for (EventCallback *cb = reg.callbacks; cb; cb = cb->next) {
        if (!callbackWants(cb, ev))
            continue;
        pthread_mutex_unlock(&reg.lock);
        void *obj = objectNew(cb, ev);
        if (obj) {
            invoke(cb, obj, ev);
            virtHandleUnref(obj);
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
        /* Some event loops (Perl's Sys::Virt) refuse a NULL opaque. */
        int timer = virEventAddTimeout(-1, flushQueue, &reg, NULL);
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

/* Record a registration for one object (uuid or, for node devices, name)
 * or, both NULL, every object of the family. Returns its id, or -1 with an
 * error raised. */
static int addCallback(virConnectPtr conn, int family, const unsigned char *uuid,
                       const char *name, int eventID, bool legacy,
                       virConnectDomainEventGenericCallback cb, void *opaque,
                       virFreeCallback freecb)
{
    bool filtered = uuid || name;
    /* timerLock keeps a concurrent last deregistration from dropping the
     * timer between its creation and this entry's insertion. */
    pthread_mutex_lock(&timerLock);
    if (ensureTimer() < 0) {
        pthread_mutex_unlock(&timerLock);
        return -1;
    }
    pthread_mutex_lock(&reg.lock);
    for (EventCallback *e = reg.callbacks; e; e = e->next) {
        if (e->removed || e->conn != conn || e->family != family || e->cb != cb ||
            e->eventID != eventID || e->legacy != legacy || e->filtered != filtered ||
            (uuid && memcmp(e->uuid, uuid, VIRT_UUID_LEN) != 0) ||
            (name && strcmp(e->name, name) != 0))
            continue;
        pthread_mutex_unlock(&reg.lock);
        pthread_mutex_unlock(&timerLock);
        virtErrorRaise(conn, NULL, NULL, VIR_FROM_NONE, VIR_ERR_INVALID_ARG,
                       "event callback already tracked");
        return -1;
    }
    EventCallback *e = virtAlloc(sizeof(*e));
    *e = (EventCallback) {
        .id = atomic_fetch_add(&conn->nextEventID, 1), .family = family, .conn = conn,
        .filtered = filtered, .name = virtStrdup(name), .eventID = eventID,
        .legacy = legacy, .cb = cb, .opaque = opaque, .freecb = freecb,
    };
    if (uuid)
        memcpy(e->uuid, uuid, VIRT_UUID_LEN);
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
static int removeCallback(virConnectPtr conn, int family, int id, bool legacy,
                          virConnectDomainEventGenericCallback cb)
{
    bool found = false;
    pthread_mutex_lock(&reg.lock);
    for (EventCallback *e = reg.callbacks; e && !found; e = e->next) {
        if (e->removed || e->conn != conn || e->family != family || e->legacy != legacy)
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

/* An argument error of a public function, worded and placed in the error
 * domain as libvirt words that function's. */
static int failNull(virConnectPtr conn, const char *arg, const char *func)
{
    virtReportNullArg(conn, func, arg);
    virtDispatchError(conn);
    return -1;
}

static int failArg(virConnectPtr conn, const char *func, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int failArg(virConnectPtr conn, const char *func, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    virtErrorRaiseInvalidArg(conn, virtApiErrorDomain(func), func, NULL, "%s", msg);
    virtDispatchError(conn);
    return -1;
}

int virConnectDomainEventRegister(virConnectPtr conn, virConnectDomainEventCallback cb,
                                  void *opaque, virFreeCallback freecb)
{
    if (!virtEnterConnect(conn, __func__))
        return -1;
    if (!cb)
        return failNull(conn, "cb", __func__);
    if (addCallback(conn, VIRT_HANDLE_DOMAIN, NULL, NULL, VIRT_DOMAIN_EVENT_ID_LIFECYCLE, true,
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
        return failNull(conn, "cb", __func__);
    if (removeCallback(conn, VIRT_HANDLE_DOMAIN, -1, true, (virConnectDomainEventGenericCallback) (void (*)(void)) cb) < 0) {
        virtErrorRaise(conn, NULL, NULL, VIR_FROM_NONE, VIR_ERR_INVALID_ARG,
                       "event callback function %p not registered", (void *) (uintptr_t) cb);
        virtDispatchError(conn);
        return -1;
    }
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
    if (dom && dom->h.conn != conn)
        return failArg(conn, __func__, "dom in %s must match connection", __func__);
    if (!cb)
        return failNull(conn, "cb", __func__);
    if (eventID < 0)
        return failArg(conn, __func__, "eventID in %s must be zero or greater", __func__);
    if (eventID >= VIRT_DOMAIN_EVENT_ID_LAST)
        return failArg(conn, __func__, "eventID must be less than %d", VIRT_DOMAIN_EVENT_ID_LAST);
    int id = addCallback(conn, VIRT_HANDLE_DOMAIN, dom ? dom->h.uuid : NULL, NULL, eventID,
                         false, cb, opaque, freecb);
    if (id < 0)
        virtDispatchError(conn);
    return id;
}

int virConnectDomainEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    if (!virtEnterConnect(conn, __func__))
        return -1;
    if (callbackID < 0)
        return failArg(conn, __func__, "callbackID in %s must be zero or greater", __func__);
    if (removeCallback(conn, VIRT_HANDLE_DOMAIN, callbackID, false, NULL) < 0) {
        virtErrorRaise(conn, NULL, NULL, VIR_FROM_NONE, VIR_ERR_INVALID_ARG,
                       "could not find event callback %d for deletion", callbackID);
        virtDispatchError(conn);
        return -1;
    }
    return 0;
}

/* Queue a copy of an event when someone may want it, and arm the flush.
 * The queued event holds a reference on conn, taken only while conn is
 * still open: an event racing the last virConnectClose is dropped. */
static void queueEventFor(virConnectPtr conn, int family, const char *name,
                          const unsigned char *uuid, int domid, int eventID, int event,
                          int detail, const char *text)
{
    static const unsigned char noUUID[VIRT_UUID_LEN];
    if (!virtConnectValid(conn) || !name || (!uuid && family != VIRT_HANDLE_NODE_DEVICE))
        return;
    if (!uuid)
        uuid = noUUID;

    pthread_mutex_lock(&reg.lock);
    int timer = reg.timer;
    if (reg.live == 0 || timer < 0 || !virtConnectRefIfAlive(conn)) {
        pthread_mutex_unlock(&reg.lock);
        return;
    }
    QueuedEvent *ev = virtAlloc(sizeof(*ev));
    *ev = (QueuedEvent) {
        .conn = conn, .family = family, .eventID = eventID,
        .name = virtStrdup(name), .domid = domid, .event = event, .detail = detail,
        .text = text ? virtStrdup(text) : NULL,
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

/* The ids of 9.0, per kind, and those whose callbacks take only the object. */
static const int kindLast[VIRT_HANDLE_KIND_LAST] = {
    [VIRT_HANDLE_DOMAIN] = VIRT_DOMAIN_EVENT_ID_LAST,
    [VIRT_HANDLE_NETWORK] = VIR_NETWORK_EVENT_ID_LIFECYCLE + 1,
    [VIRT_HANDLE_STORAGE_POOL] = VIR_STORAGE_POOL_EVENT_ID_REFRESH + 1,
    [VIRT_HANDLE_NODE_DEVICE] = VIR_NODE_DEVICE_EVENT_ID_UPDATE + 1,
};

static bool hasEvents(int kind)
{
    return kind >= 0 && kind < VIRT_HANDLE_KIND_LAST && kindLast[kind] > 0;
}

/* Which ids the core can deliver: lifecycle (event, detail) and those
 * whose callbacks take nothing but the object. */
static bool deliverable(int kind, int eventID)
{
    if (eventID == 0)
        return true;
    if (kind == VIRT_HANDLE_DOMAIN)
        return eventID == VIRT_DOMAIN_EVENT_ID_REBOOT || eventID == 7 /* CONTROL_ERROR */;
    return eventID < kindLast[kind];
}

int virtEventRegister(virConnectPtr conn, virtHandleKind kind, const void *object, int eventID,
                      void (*cb)(void), void *opaque, virFreeCallback freecb)
{
    if (!hasEvents(kind) || !cb) {
        virtErrorRaise(conn, NULL, NULL, VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR,
                       "event registration for handle kind %d without a callback or events", kind);
        return -1;
    }
    if (eventID < 0 || eventID >= kindLast[kind]) {
        virtErrorRaise(conn, NULL, NULL, VIR_FROM_NONE, VIR_ERR_INVALID_ARG,
                       "eventID must be less than %d", kindLast[kind]);
        return -1;
    }
    const virtHandle *h = object;
    if (h && (!virtHandleValid(h) || h->kind != kind)) {
        virtErrorRaise(conn, NULL, NULL, VIR_FROM_NONE, VIR_ERR_INVALID_ARG,
                       "the object of an event registration is not a handle of its kind");
        return -1;
    }
    const unsigned char *uuid = h && kind != VIRT_HANDLE_NODE_DEVICE ? h->uuid : NULL;
    const char *name = h && kind == VIRT_HANDLE_NODE_DEVICE ? h->ident.name : NULL;
    return addCallback(conn, kind, uuid, name, eventID, false,
                       (virConnectDomainEventGenericCallback) cb, opaque, freecb);
}

int virtEventDeregister(virConnectPtr conn, virtHandleKind kind, int callbackID)
{
    if (removeCallback(conn, kind, callbackID, false, NULL) < 0) {
        virtErrorRaise(conn, NULL, NULL, VIR_FROM_NONE, VIR_ERR_INVALID_ARG,
                       "could not find event callback %d for deletion", callbackID);
        return -1;
    }
    return 0;
}

void virtEventQueue(virConnectPtr conn, virtHandleKind kind, const virtHandleIdentity *id,
                    int eventID, int event, int detail)
{
    if (!id || !hasEvents(kind) || eventID < 0 || eventID >= kindLast[kind] ||
        !deliverable(kind, eventID))
        return;
    if (eventID != 0)
        event = detail = 0;
    queueEventFor(conn, kind, id->name, id->uuid, kind == VIRT_HANDLE_DOMAIN ? id->id : -1,
                  eventID, event, detail, NULL);
}

void virtEventQueueMetadata(virConnectPtr conn, const virtHandleIdentity *id, int type,
                            const char *nsuri)
{
    if (!id)
        return;
    queueEventFor(conn, VIRT_HANDLE_DOMAIN, id->name, id->uuid, id->id,
                  VIRT_DOMAIN_EVENT_ID_METADATA_CHANGE, type, 0, nsuri);
}
