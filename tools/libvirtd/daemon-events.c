/* daemon-events.c: domain, network, storage pool, node device and secret
 * events travel to clients as MESSAGEs of the remote program
 * (DOMAIN_EVENT_CALLBACK_*, NETWORK_EVENT_LIFECYCLE, STORAGE_POOL_EVENT_*,
 * NODE_DEVICE_EVENT_*, SECRET_EVENT_*)
 * carrying the callback id the client got from that family's
 * CONNECT_*_EVENT_*REGISTER_ANY. The library delivers them on its event
 * loop, which runs on a thread here. */
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
                        VIRT_RPC_MESSAGE, 1, VIRT_RPC_OK };   /* libvirt sends events with serial 1 */
    unsigned char *out = NULL;
    size_t len = 0;
    if (virtRPCEncode(&h, codec, msg, &out, &len) == 0)
        daemonClientSend(c, out, len);
    free(out);
}

/* The id to send, or -1 while the registration has not returned yet. */
static int sendableId(eventCallback *cb)
{
    return atomic_load(&cb->id);
}

static int onLifecycle(virConnectPtr conn, virDomainPtr dom, int event, int detail, void *opaque)
{
    eventCallback *cb = opaque;
    remote_domain_event_callback_lifecycle_msg msg = { .callbackID = sendableId(cb) };
    (void) conn;
    if (msg.callbackID < 0)
        return 0;
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
    remote_domain_event_callback_reboot_msg msg = { .callbackID = sendableId(cb) };
    (void) conn;
    if (msg.callbackID < 0)
        return;
    daemonMakeDomain(&msg.msg.dom, dom);
    sendEvent(cb->client, REMOTE_PROC_DOMAIN_EVENT_CALLBACK_REBOOT,
              virtXDRAny_remote_domain_event_callback_reboot_msg, &msg);
    virtXDRFree_remote_domain_event_callback_reboot_msg(&msg);
}

/* The other families' handlers differ only in types and names: a
 * lifecycle one sends (object, event, detail), a plain one the object. */
#define OBJECT_LIFECYCLE(FN, OBJ, MSG, MEMBER, MAKE, PROC)                               \
    static void FN(virConnectPtr conn, OBJ obj, int event, int detail, void *opaque)     \
    {                                                                                    \
        eventCallback *cb = opaque;                                                      \
        MSG msg = { .callbackID = sendableId(cb), .event = event, .detail = detail };    \
        (void) conn;                                                                     \
        if (msg.callbackID < 0)                                                          \
            return;                                                                      \
        MAKE(&msg.MEMBER, obj);                                                          \
        sendEvent(cb->client, PROC, virtXDRAny_##MSG, &msg);                             \
        virtXDRFree_##MSG(&msg);                                                         \
    }

#define OBJECT_PLAIN(FN, OBJ, MSG, MEMBER, MAKE, PROC)                                   \
    static void FN(virConnectPtr conn, OBJ obj, void *opaque)                            \
    {                                                                                    \
        eventCallback *cb = opaque;                                                      \
        MSG msg = { .callbackID = sendableId(cb) };                                      \
        (void) conn;                                                                     \
        if (msg.callbackID < 0)                                                          \
            return;                                                                      \
        MAKE(&msg.MEMBER, obj);                                                          \
        sendEvent(cb->client, PROC, virtXDRAny_##MSG, &msg);                             \
        virtXDRFree_##MSG(&msg);                                                         \
    }

OBJECT_LIFECYCLE(onNetworkLifecycle, virNetworkPtr, remote_network_event_lifecycle_msg, net,
                 daemonMakeNetwork, REMOTE_PROC_NETWORK_EVENT_LIFECYCLE)
OBJECT_LIFECYCLE(onPoolLifecycle, virStoragePoolPtr, remote_storage_pool_event_lifecycle_msg, pool,
                 daemonMakeStoragePool, REMOTE_PROC_STORAGE_POOL_EVENT_LIFECYCLE)
OBJECT_PLAIN(onPoolRefresh, virStoragePoolPtr, remote_storage_pool_event_refresh_msg, pool,
             daemonMakeStoragePool, REMOTE_PROC_STORAGE_POOL_EVENT_REFRESH)
OBJECT_LIFECYCLE(onDeviceLifecycle, virNodeDevicePtr, remote_node_device_event_lifecycle_msg, dev,
                 daemonMakeNodeDevice, REMOTE_PROC_NODE_DEVICE_EVENT_LIFECYCLE)
OBJECT_PLAIN(onDeviceUpdate, virNodeDevicePtr, remote_node_device_event_update_msg, dev,
             daemonMakeNodeDevice, REMOTE_PROC_NODE_DEVICE_EVENT_UPDATE)
OBJECT_LIFECYCLE(onSecretLifecycle, virSecretPtr, remote_secret_event_lifecycle_msg, secret,
                 daemonMakeSecret, REMOTE_PROC_SECRET_EVENT_LIFECYCLE)
OBJECT_PLAIN(onSecretValueChanged, virSecretPtr, remote_secret_event_value_changed_msg, secret,
             daemonMakeSecret, REMOTE_PROC_SECRET_EVENT_VALUE_CHANGED)

/* The public registration calls take typed objects and callbacks; these
 * give every family one shape. */
typedef void (*anyCallback)(void);
typedef int (*registerFunc)(virConnectPtr conn, void *obj, int eventID, anyCallback fn,
                            void *opaque, virFreeCallback freecb);

static int registerDomain(virConnectPtr conn, void *obj, int eventID, anyCallback fn,
                          void *opaque, virFreeCallback freecb)
{
    return virConnectDomainEventRegisterAny(conn, obj, eventID,
                                            (virConnectDomainEventGenericCallback) fn, opaque, freecb);
}

static int registerNetwork(virConnectPtr conn, void *obj, int eventID, anyCallback fn,
                           void *opaque, virFreeCallback freecb)
{
    return virConnectNetworkEventRegisterAny(conn, obj, eventID,
                                             (virConnectNetworkEventGenericCallback) fn, opaque, freecb);
}

static int registerPool(virConnectPtr conn, void *obj, int eventID, anyCallback fn,
                        void *opaque, virFreeCallback freecb)
{
    return virConnectStoragePoolEventRegisterAny(conn, obj, eventID,
                                                 (virConnectStoragePoolEventGenericCallback) fn,
                                                 opaque, freecb);
}

static int registerDevice(virConnectPtr conn, void *obj, int eventID, anyCallback fn,
                          void *opaque, virFreeCallback freecb)
{
    return virConnectNodeDeviceEventRegisterAny(conn, obj, eventID,
                                                (virConnectNodeDeviceEventGenericCallback) fn,
                                                opaque, freecb);
}

static int registerSecret(virConnectPtr conn, void *obj, int eventID, anyCallback fn,
                          void *opaque, virFreeCallback freecb)
{
    return virConnectSecretEventRegisterAny(conn, obj, eventID,
                                            (virConnectSecretEventGenericCallback) fn, opaque, freecb);
}

/* The event families the daemon forwards. */
enum { FAMILY_DOMAIN, FAMILY_NETWORK, FAMILY_POOL, FAMILY_DEVICE, FAMILY_SECRET };

#define MAX_FORWARDED 2
typedef struct {
    const char *what;
    registerFunc reg;
    int (*dereg)(virConnectPtr conn, int callbackID);
    anyCallback fns[MAX_FORWARDED];     /* by event id; NULL: not forwarded */
} eventFamily;

static const eventFamily families[] = {
    [FAMILY_DOMAIN] = { "domain", registerDomain, virConnectDomainEventDeregisterAny,
                        { (anyCallback) onLifecycle, (anyCallback) onReboot } },
    [FAMILY_NETWORK] = { "network", registerNetwork, virConnectNetworkEventDeregisterAny,
                         { (anyCallback) onNetworkLifecycle } },
    [FAMILY_POOL] = { "storage pool", registerPool, virConnectStoragePoolEventDeregisterAny,
                      { (anyCallback) onPoolLifecycle, (anyCallback) onPoolRefresh } },
    [FAMILY_DEVICE] = { "node device", registerDevice, virConnectNodeDeviceEventDeregisterAny,
                        { (anyCallback) onDeviceLifecycle, (anyCallback) onDeviceUpdate } },
    [FAMILY_SECRET] = { "secret", registerSecret, virConnectSecretEventDeregisterAny,
                        { (anyCallback) onSecretLifecycle, (anyCallback) onSecretValueChanged } },
};

/* The handler forwarding eventID of family, or NULL with VIR_ERR_NO_SUPPORT
 * raised (checked before the object is looked up). */
static anyCallback forwarder(int family, int eventID)
{
    if (eventID >= 0 && eventID < MAX_FORWARDED && families[family].fns[eventID])
        return families[family].fns[eventID];
    virtErrorRaise(NULL, NULL, NULL, VIR_FROM_REMOTE, VIR_ERR_NO_SUPPORT,
                   "%s event %d is not forwarded by this daemon", families[family].what, eventID);
    return NULL;
}

/* Remember id (of family) in the client; false when the client is closing. */
static bool remember(daemonClient *c, int id, int family)
{
    pthread_mutex_lock(&c->lock);
    bool ok = !c->events_closed;
    if (ok) {
        c->event_ids = virtRealloc(c->event_ids, (c->nevent_ids + 1) * sizeof(int));
        c->event_family = virtRealloc(c->event_family, (c->nevent_ids + 1) * sizeof(int));
        c->event_family[c->nevent_ids] = family;
        c->event_ids[c->nevent_ids++] = id;
    }
    pthread_mutex_unlock(&c->lock);
    return ok;
}

static bool forget(daemonClient *c, int id, int family)
{
    bool found = false;
    pthread_mutex_lock(&c->lock);
    for (size_t i = 0; i < c->nevent_ids; i++) {
        if (c->event_ids[i] == id && c->event_family[i] == family) {
            c->nevent_ids--;
            c->event_ids[i] = c->event_ids[c->nevent_ids];
            c->event_family[i] = c->event_family[c->nevent_ids];
            found = true;
            break;
        }
    }
    pthread_mutex_unlock(&c->lock);
    return found;
}

static int deregisterOn(virConnectPtr conn, int family, int id)
{
    return families[family].dereg(conn, id);
}

/* Register fn on the client's connection for obj (NULL: every object) of
 * family, remembered in the client. Returns the id, or -1 with an error
 * raised. */
static int registerFor(daemonClient *client, virConnectPtr conn, int family, void *obj,
                       int eventID, anyCallback fn)
{
    eventCallback *cb = virtAlloc(sizeof(*cb));
    atomic_init(&cb->id, -1);
    cb->client = client;
    daemonClientRef(client);
    int id = families[family].reg(conn, obj, eventID, fn, cb, callbackFree);
    if (id < 0) {
        daemonClientUnref(client);
        free(cb);
        return -1;
    }
    atomic_store(&cb->id, id);
    if (!remember(client, id, family)) {
        deregisterOn(conn, family, id);
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_REMOTE, VIR_ERR_OPERATION_INVALID,
                       "the client is disconnecting");
        return -1;
    }
    return id;
}

static int deregisterFor(daemonClient *client, virConnectPtr conn, int family, int id)
{
    if (!forget(client, id, family)) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_REMOTE, VIR_ERR_INVALID_ARG,
                       "no event callback with id %d", id);
        return -1;
    }
    return deregisterOn(conn, family, id) < 0 ? -1 : 0;
}

/* The register procedures differ only in the argument struct and how the
 * object is looked up: each body is REGISTER_BODY after its DAEMON_PROC. */
#define REGISTER_BODY(PREFIX, FAMILY, MEMBER, TYPE, GET, RELEASE)                        \
    {                                                                                    \
        PREFIX##_args *args = argsp;                                                     \
        PREFIX##_ret *ret = retp;                                                        \
        TYPE obj = NULL;                                                                 \
        anyCallback fn = forwarder(FAMILY, args->eventID);                               \
        if (!fn)                                                                         \
            return -1;                                                                   \
        if (args->MEMBER && !(obj = GET(conn, args->MEMBER)))                            \
            return -1;                                                                   \
        int id = registerFor(client, conn, FAMILY, obj, args->eventID, fn);              \
        RELEASE(obj);                                                                    \
        if (id < 0)                                                                      \
            return -1;                                                                   \
        ret->callbackID = id;                                                            \
        return 0;                                                                        \
    }

#define DEREGISTER_BODY(PREFIX, FAMILY)                                                  \
    {                                                                                    \
        PREFIX##_args *args = argsp;                                                     \
        (void) retp;                                                                     \
        return deregisterFor(client, conn, FAMILY, args->callbackID);                    \
    }

DAEMON_PROC(CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY)
REGISTER_BODY(remote_connect_domain_event_callback_register_any, FAMILY_DOMAIN, dom,
              virDomainPtr, daemonGetDomain, daemonReleaseDomain)

DAEMON_PROC(CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY)
DEREGISTER_BODY(remote_connect_domain_event_callback_deregister_any, FAMILY_DOMAIN)

DAEMON_PROC(CONNECT_NETWORK_EVENT_REGISTER_ANY)
REGISTER_BODY(remote_connect_network_event_register_any, FAMILY_NETWORK, net,
              virNetworkPtr, daemonGetNetwork, daemonReleaseNetwork)

DAEMON_PROC(CONNECT_NETWORK_EVENT_DEREGISTER_ANY)
DEREGISTER_BODY(remote_connect_network_event_deregister_any, FAMILY_NETWORK)

DAEMON_PROC(CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY)
REGISTER_BODY(remote_connect_storage_pool_event_register_any, FAMILY_POOL, pool,
              virStoragePoolPtr, daemonGetStoragePool, daemonReleaseStoragePool)

DAEMON_PROC(CONNECT_STORAGE_POOL_EVENT_DEREGISTER_ANY)
DEREGISTER_BODY(remote_connect_storage_pool_event_deregister_any, FAMILY_POOL)

DAEMON_PROC(CONNECT_NODE_DEVICE_EVENT_REGISTER_ANY)
REGISTER_BODY(remote_connect_node_device_event_register_any, FAMILY_DEVICE, dev,
              virNodeDevicePtr, daemonGetNodeDevice, daemonReleaseNodeDevice)

DAEMON_PROC(CONNECT_NODE_DEVICE_EVENT_DEREGISTER_ANY)
DEREGISTER_BODY(remote_connect_node_device_event_deregister_any, FAMILY_DEVICE)

DAEMON_PROC(CONNECT_SECRET_EVENT_REGISTER_ANY)
REGISTER_BODY(remote_connect_secret_event_register_any, FAMILY_SECRET, secret,
              virSecretPtr, daemonGetSecret, daemonReleaseSecret)

DAEMON_PROC(CONNECT_SECRET_EVENT_DEREGISTER_ANY)
DEREGISTER_BODY(remote_connect_secret_event_deregister_any, FAMILY_SECRET)

void daemonEventsClientClosing(daemonClient *c, bool final)
{
    pthread_mutex_lock(&c->lock);
    int *ids = c->event_ids;
    int *family = c->event_family;
    size_t n = c->nevent_ids;
    virConnectPtr conn = c->conn;
    c->event_ids = NULL;
    c->event_family = NULL;
    c->nevent_ids = 0;
    if (final)
        c->events_closed = true;
    if (conn)
        virConnectRef(conn);
    pthread_mutex_unlock(&c->lock);
    for (size_t i = 0; conn && i < n; i++)
        deregisterOn(conn, family[i], ids[i]);
    if (conn)
        virConnectClose(conn);
    free(ids);
    free(family);
}
