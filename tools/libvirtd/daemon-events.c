/* daemon-events.c: domain and network events travel to clients as
 * MESSAGEs of the remote program (DOMAIN_EVENT_CALLBACK_LIFECYCLE / _REBOOT,
 * NETWORK_EVENT_LIFECYCLE) carrying the callback id the client got from
 * CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY or CONNECT_NETWORK_EVENT_REGISTER_ANY.
 * The library delivers them on its event loop, which runs on a thread here. */
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

#include "daemon-dispatch-table.h"
#include "daemon-events.h"
#include "message.h"
#include "error.h"

static pthread_t loopThread;
static atomic_bool loopStop;
static int wakeFD[2] = { -1, -1 };
static int wakeWatch = -1;

static void onWake(int watch, int fd, int events, void *opaque)
{
    char buf[16];
    (void) watch;
    (void) events;
    (void) opaque;
    while (read(fd, buf, sizeof(buf)) > 0) {
    }
}

static void *loopMain(void *opaque)
{
    (void) opaque;
    while (!atomic_load(&loopStop))
        if (virEventRunDefaultImpl() < 0)
            break;
    return NULL;
}

int daemonEventsStart(void)
{
    if (virEventRegisterDefaultImpl() < 0)
        return -1;
    if (pipe2(wakeFD, O_CLOEXEC | O_NONBLOCK) < 0)
        return -1;
    wakeWatch = virEventAddHandle(wakeFD[0], VIR_EVENT_HANDLE_READABLE, onWake, NULL, NULL);
    if (wakeWatch < 0 || pthread_create(&loopThread, NULL, loopMain, NULL) != 0)
        return -1;
    return 0;
}

void daemonEventsStop(void)
{
    if (wakeWatch < 0)
        return;
    atomic_store(&loopStop, true);
    if (write(wakeFD[1], "x", 1) < 0) {
        /* the pipe is full: the loop is awake already */
    }
    pthread_join(loopThread, NULL);
    virEventRemoveHandle(wakeWatch);
    wakeWatch = -1;
    close(wakeFD[0]);
    close(wakeFD[1]);
}

/* One registration: the client (a reference) and the id sent back. */
typedef struct {
    daemonClient *client;
    atomic_int id;              /* -1 until registration returns */
} eventCallback;

static void callbackFree(void *opaque)
{
    eventCallback *cb = opaque;
    daemonClientUnref(cb->client);
    free(cb);
}

static void sendEvent(daemonClient *c, int proc, virtXDRCodec codec, void *msg)
{
    virtRPCHeader h = { VIRT_RPC_REMOTE_PROGRAM, VIRT_RPC_REMOTE_VERSION, proc,
                        VIRT_RPC_MESSAGE, 0, VIRT_RPC_OK };
    unsigned char *out = NULL;
    size_t len = 0;
    if (virtRPCEncode(&h, codec, msg, &out, &len) == 0)
        daemonClientSend(c, out, len);
    free(out);
}

static int onLifecycle(virConnectPtr conn, virDomainPtr dom, int event, int detail, void *opaque)
{
    eventCallback *cb = opaque;
    remote_domain_event_callback_lifecycle_msg msg = { 0 };
    (void) conn;
    if (atomic_load(&cb->id) < 0)
        return 0;
    msg.callbackID = atomic_load(&cb->id);
    daemonMakeDomain(&msg.msg.dom, dom);
    msg.msg.event = event;
    msg.msg.detail = detail;
    sendEvent(cb->client, REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE,
              virtXDRAny_remote_domain_event_callback_lifecycle_msg, &msg);
    virtXDRFree_remote_domain_event_callback_lifecycle_msg(&msg);
    return 0;
}

static void onReboot(virConnectPtr conn, virDomainPtr dom, void *opaque)
{
    eventCallback *cb = opaque;
    remote_domain_event_callback_reboot_msg msg = { 0 };
    (void) conn;
    if (atomic_load(&cb->id) < 0)
        return;
    msg.callbackID = atomic_load(&cb->id);
    daemonMakeDomain(&msg.msg.dom, dom);
    sendEvent(cb->client, REMOTE_PROC_DOMAIN_EVENT_CALLBACK_REBOOT,
              virtXDRAny_remote_domain_event_callback_reboot_msg, &msg);
    virtXDRFree_remote_domain_event_callback_reboot_msg(&msg);
}

static void onNetworkLifecycle(virConnectPtr conn, virNetworkPtr net, int event, int detail,
                               void *opaque)
{
    eventCallback *cb = opaque;
    remote_network_event_lifecycle_msg msg = { 0 };
    (void) conn;
    if (atomic_load(&cb->id) < 0)
        return;
    msg.callbackID = atomic_load(&cb->id);
    daemonMakeNetwork(&msg.net, net);
    msg.event = event;
    msg.detail = detail;
    sendEvent(cb->client, REMOTE_PROC_NETWORK_EVENT_LIFECYCLE,
              virtXDRAny_remote_network_event_lifecycle_msg, &msg);
    virtXDRFree_remote_network_event_lifecycle_msg(&msg);
}

/* Remember id (a network's when net) in the client; false when the
 * client is closing. */
static bool remember(daemonClient *c, int id, bool net)
{
    pthread_mutex_lock(&c->lock);
    bool ok = !c->events_closed;
    if (ok) {
        c->event_ids = virtRealloc(c->event_ids, (c->nevent_ids + 1) * sizeof(int));
        c->event_is_net = virtRealloc(c->event_is_net, (c->nevent_ids + 1) * sizeof(bool));
        c->event_is_net[c->nevent_ids] = net;
        c->event_ids[c->nevent_ids++] = id;
    }
    pthread_mutex_unlock(&c->lock);
    return ok;
}

static bool forget(daemonClient *c, int id, bool net)
{
    bool found = false;
    pthread_mutex_lock(&c->lock);
    for (size_t i = 0; i < c->nevent_ids; i++) {
        if (c->event_ids[i] == id && c->event_is_net[i] == net) {
            c->nevent_ids--;
            c->event_ids[i] = c->event_ids[c->nevent_ids];
            c->event_is_net[i] = c->event_is_net[c->nevent_ids];
            found = true;
            break;
        }
    }
    pthread_mutex_unlock(&c->lock);
    return found;
}

/* The public deregistration of a domain or (net) a network callback. */
static int deregisterOn(virConnectPtr conn, bool net, int id)
{
    return net ? virConnectNetworkEventDeregisterAny(conn, id)
               : virConnectDomainEventDeregisterAny(conn, id);
}

/* Register fn on the client's connection for obj (NULL: every object) of
 * a domain or (net) a network, remembered in the client. Returns the id,
 * or -1 with an error raised. */
static int registerFor(daemonClient *client, virConnectPtr conn, bool net, void *obj,
                       int eventID, void (*fn)(void))
{
    eventCallback *cb = virtAlloc(sizeof(*cb));
    atomic_init(&cb->id, -1);
    cb->client = client;
    daemonClientRef(client);
    int id = net ? virConnectNetworkEventRegisterAny(conn, obj, eventID,
                                                     (virConnectNetworkEventGenericCallback) fn,
                                                     cb, callbackFree)
                 : virConnectDomainEventRegisterAny(conn, obj, eventID,
                                                    (virConnectDomainEventGenericCallback) fn,
                                                    cb, callbackFree);
    if (id < 0) {
        daemonClientUnref(client);
        free(cb);
        return -1;
    }
    atomic_store(&cb->id, id);
    if (!remember(client, id, net)) {
        deregisterOn(conn, net, id);
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_REMOTE, VIR_ERR_OPERATION_INVALID,
                       "the client is disconnecting");
        return -1;
    }
    return id;
}

static int deregisterFor(daemonClient *client, virConnectPtr conn, bool net, int id)
{
    if (!forget(client, id, net)) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_REMOTE, VIR_ERR_INVALID_ARG,
                       "no event callback with id %d", id);
        return -1;
    }
    return deregisterOn(conn, net, id) < 0 ? -1 : 0;
}

DAEMON_PROC(CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY)
{
    remote_connect_domain_event_callback_register_any_args *args = argsp;
    remote_connect_domain_event_callback_register_any_ret *ret = retp;
    void (*fn)(void);
    virDomainPtr dom = NULL;

    if (args->eventID == VIR_DOMAIN_EVENT_ID_LIFECYCLE)
        fn = (void (*)(void)) onLifecycle;
    else if (args->eventID == VIR_DOMAIN_EVENT_ID_REBOOT)
        fn = (void (*)(void)) onReboot;
    else {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_REMOTE, VIR_ERR_NO_SUPPORT,
                       "domain event %d is not forwarded by this daemon", args->eventID);
        return -1;
    }
    if (args->dom && !(dom = daemonGetDomain(conn, args->dom)))
        return -1;
    int id = registerFor(client, conn, false, dom, args->eventID, fn);
    daemonReleaseDomain(dom);
    if (id < 0)
        return -1;
    ret->callbackID = id;
    return 0;
}

DAEMON_PROC(CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY)
{
    remote_connect_domain_event_callback_deregister_any_args *args = argsp;
    (void) retp;
    return deregisterFor(client, conn, false, args->callbackID);
}

DAEMON_PROC(CONNECT_NETWORK_EVENT_REGISTER_ANY)
{
    remote_connect_network_event_register_any_args *args = argsp;
    remote_connect_network_event_register_any_ret *ret = retp;
    virNetworkPtr net = NULL;

    if (args->eventID != VIR_NETWORK_EVENT_ID_LIFECYCLE) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_REMOTE, VIR_ERR_NO_SUPPORT,
                       "network event %d is not forwarded by this daemon", args->eventID);
        return -1;
    }
    if (args->net && !(net = daemonGetNetwork(conn, args->net)))
        return -1;
    int id = registerFor(client, conn, true, net, args->eventID,
                         (void (*)(void)) onNetworkLifecycle);
    daemonReleaseNetwork(net);
    if (id < 0)
        return -1;
    ret->callbackID = id;
    return 0;
}

DAEMON_PROC(CONNECT_NETWORK_EVENT_DEREGISTER_ANY)
{
    remote_connect_network_event_deregister_any_args *args = argsp;
    (void) retp;
    return deregisterFor(client, conn, true, args->callbackID);
}

void daemonEventsClientClosing(daemonClient *c, bool final)
{
    pthread_mutex_lock(&c->lock);
    int *ids = c->event_ids;
    bool *isNet = c->event_is_net;
    size_t n = c->nevent_ids;
    virConnectPtr conn = c->conn;
    c->event_ids = NULL;
    c->event_is_net = NULL;
    c->nevent_ids = 0;
    if (final)
        c->events_closed = true;
    if (conn)
        virConnectRef(conn);
    pthread_mutex_unlock(&c->lock);
    for (size_t i = 0; conn && i < n; i++)
        deregisterOn(conn, isNet[i], ids[i]);
    if (conn)
        virConnectClose(conn);
    free(ids);
    free(isNet);
}
