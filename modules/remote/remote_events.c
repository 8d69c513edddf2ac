/* remote_events.c: domain, network, storage pool and node device events
 * from the daemon. The core keeps the application's callbacks locally, so
 * a connection subscribes once to every object's events: to every
 * domain's lifecycle and reboot events at open, to one event id of
 * another family with that id's first registration. Events nobody listens
 * for are dropped by the core. Messages arrive on the client's reader
 * thread and only get queued there (the core runs callbacks from the
 * application's loop). */
#include <stddef.h>
#include <string.h>

#include "message.h"
#include "remote_driver.h"
#include "remote_handwritten.h"

static bool coreHasQueue(void)
{
    return remoteCore->size >= offsetof(virtCoreServices, event_queue) + sizeof(remoteCore->event_queue) &&
           remoteCore->event_queue;
}

/* The reader thread makes no handles: releasing one could drop the
 * connection's last reference and close it from the very thread that
 * must read the daemon's answer to that close. */
static void queue(remoteConn *rc, const remote_nonnull_domain *d, int eventID, int event,
                  int detail)
{
    if (d->name)
        virtHandleDomainEvent(remoteCore, rc->conn, d->name, (const unsigned char *) d->uuid,
                                       d->id, eventID, event, detail);
}

/* Where a MESSAGE of another family than domains keeps what the core
 * needs: every one is callbackID, the object (its name first), then for
 * a lifecycle event, event and detail. */
typedef struct {
    int proc;
    virtXDRCodec codec;
    virtHandleKind kind;
    int eventID;
    size_t name;            /* offsetof the object's name */
    long uuid;              /* offsetof its uuid, -1: none (node devices) */
    long event;             /* offsetof event (detail follows), -1: none */
} objectMessage;

#define OBJ_MSG(PROC, TYPE, KIND, ID, MEMBER, UUID, EVENT)                            \
    { PROC, virtXDRAny_##TYPE, KIND, ID, offsetof(TYPE, MEMBER.name), UUID, EVENT }
#define AT(TYPE, FIELD) ((long) offsetof(TYPE, FIELD))

static const objectMessage objectMessages[] = {
    OBJ_MSG(REMOTE_PROC_NETWORK_EVENT_LIFECYCLE, remote_network_event_lifecycle_msg,
            VIRT_HANDLE_NETWORK, VIR_NETWORK_EVENT_ID_LIFECYCLE, net,
            AT(remote_network_event_lifecycle_msg, net.uuid),
            AT(remote_network_event_lifecycle_msg, event)),
    OBJ_MSG(REMOTE_PROC_STORAGE_POOL_EVENT_LIFECYCLE, remote_storage_pool_event_lifecycle_msg,
            VIRT_HANDLE_STORAGE_POOL, VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE, pool,
            AT(remote_storage_pool_event_lifecycle_msg, pool.uuid),
            AT(remote_storage_pool_event_lifecycle_msg, event)),
    OBJ_MSG(REMOTE_PROC_STORAGE_POOL_EVENT_REFRESH, remote_storage_pool_event_refresh_msg,
            VIRT_HANDLE_STORAGE_POOL, VIR_STORAGE_POOL_EVENT_ID_REFRESH, pool,
            AT(remote_storage_pool_event_refresh_msg, pool.uuid), -1),
    OBJ_MSG(REMOTE_PROC_NODE_DEVICE_EVENT_LIFECYCLE, remote_node_device_event_lifecycle_msg,
            VIRT_HANDLE_NODE_DEVICE, VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE, dev, -1,
            AT(remote_node_device_event_lifecycle_msg, event)),
    OBJ_MSG(REMOTE_PROC_NODE_DEVICE_EVENT_UPDATE, remote_node_device_event_update_msg,
            VIRT_HANDLE_NODE_DEVICE, VIR_NODE_DEVICE_EVENT_ID_UPDATE, dev, -1, -1),
};

/* Storage for any of them. */
typedef union {
    remote_network_event_lifecycle_msg net;
    remote_storage_pool_event_lifecycle_msg pool;
    remote_storage_pool_event_refresh_msg refresh;
    remote_node_device_event_lifecycle_msg dev;
    remote_node_device_event_update_msg update;
} anyObjectMessage;

/* Queue the event of a MESSAGE in objectMessages; others are ignored. */
static void onObjectMessage(remoteConn *rc, int proc, const unsigned char *body, size_t len)
{
    const objectMessage *om = NULL;
    for (size_t i = 0; i < sizeof(objectMessages) / sizeof(objectMessages[0]) && !om; i++)
        if (objectMessages[i].proc == proc)
            om = &objectMessages[i];
    if (!om)
        return;
    anyObjectMessage m;
    memset(&m, 0, sizeof(m));
    const char *base = (const char *) &m;
    if (virtRPCDecodeBody(body, len, om->codec, &m) == 0) {
        int event[2] = { 0, 0 };
        if (om->event >= 0)
            memcpy(event, base + om->event, sizeof(event));
        virtHandleIdentity id = {
            .name = *(char *const *) (const void *) (base + om->name),
            .uuid = om->uuid >= 0 ? (const unsigned char *) base + om->uuid : NULL,
        };
        if (id.name)
            remoteCore->event_queue(rc->conn, om->kind, &id, om->eventID, event[0], event[1]);
    }
    virtXDR x;
    virtXDRInitFree(&x);
    om->codec(&x, &m);  /* also after a failed decode */
}

static void onMessage(void *opaque, int proc, const unsigned char *body, size_t len)
{
    remoteConn *rc = opaque;

    if (proc == REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE) {
        remote_domain_event_callback_lifecycle_msg m;
        memset(&m, 0, sizeof(m));
        if (virtRPCDecodeBody(body, len, virtXDRAny_remote_domain_event_callback_lifecycle_msg, &m) < 0)
            return;
        queue(rc, &m.msg.dom, VIR_DOMAIN_EVENT_ID_LIFECYCLE, m.msg.event, m.msg.detail);
        virtXDRFree_remote_domain_event_callback_lifecycle_msg(&m);
    } else if (proc == REMOTE_PROC_DOMAIN_EVENT_CALLBACK_REBOOT) {
        remote_domain_event_callback_reboot_msg m;
        memset(&m, 0, sizeof(m));
        if (virtRPCDecodeBody(body, len, virtXDRAny_remote_domain_event_callback_reboot_msg, &m) < 0)
            return;
        queue(rc, &m.msg.dom, VIR_DOMAIN_EVENT_ID_REBOOT, 0, 0);
        virtXDRFree_remote_domain_event_callback_reboot_msg(&m);
    } else {
        onObjectMessage(rc, proc, body, len);
    }
}

void remoteEventsAttach(remoteConn *rc)
{
    static const int ids[] = { VIR_DOMAIN_EVENT_ID_LIFECYCLE, VIR_DOMAIN_EVENT_ID_REBOOT };

    if (!coreHasQueue())
        return;
    remoteClientSetEventHandler(rc->client, onMessage, rc);
    for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
        remote_connect_domain_event_callback_register_any_args args = { .eventID = ids[i] };
        remote_connect_domain_event_callback_register_any_ret ret;
        memset(&ret, 0, sizeof(ret));
        if (remoteClientCall(rc->client, rc->conn, REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY,
                             virtXDRAny_remote_connect_domain_event_callback_register_any_args, &args,
                             virtXDRAny_remote_connect_domain_event_callback_register_any_ret, &ret) < 0)
            break;
    }
}

/* The register procedure of each family the daemon forwards beyond
 * domains, and how many of its event ids it forwards. */
#define MAX_IDS 2
typedef struct {
    virtHandleKind kind;
    int proc;
    int nids;
} eventFamily;

static const eventFamily families[] = {
    { VIRT_HANDLE_NETWORK, REMOTE_PROC_CONNECT_NETWORK_EVENT_REGISTER_ANY,
      VIR_NETWORK_EVENT_ID_LIFECYCLE + 1 },
    { VIRT_HANDLE_STORAGE_POOL, REMOTE_PROC_CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY,
      VIR_STORAGE_POOL_EVENT_ID_REFRESH + 1 },
    { VIRT_HANDLE_NODE_DEVICE, REMOTE_PROC_CONNECT_NODE_DEVICE_EVENT_REGISTER_ANY,
      VIR_NODE_DEVICE_EVENT_ID_UPDATE + 1 },
};
_Static_assert(sizeof(families) / sizeof(families[0]) * MAX_IDS <= 32,
               "remoteConn.subscribed has a bit per family and id");

/* The daemon sends every object's events of (kind, eventID) once
 * subscribed; the core filters per callback. The core has checked
 * eventID already. */
static int subscribe(virConnectPtr conn, remoteConn *rc, virtHandleKind kind, int eventID)
{
    /* held across the call: two first registrations at once must not
     * subscribe twice, or every event would arrive twice */
    static pthread_mutex_t subscribing = PTHREAD_MUTEX_INITIALIZER;
    size_t fi = 0;
    while (fi < sizeof(families) / sizeof(families[0]) && families[fi].kind != kind)
        fi++;
    if (fi == sizeof(families) / sizeof(families[0]) || eventID < 0 || eventID >= families[fi].nids) {
        remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_NO_SUPPORT,
                          "event %d of this family is not carried to the daemon", eventID);
        return -1;
    }
    unsigned int bit = 1u << (fi * MAX_IDS + (size_t) eventID);
    int rv = 0;
    pthread_mutex_lock(&subscribing);
    if (!(rc->subscribed & bit)) {
        /* every family's register args are an eventID and an absent
         * object, its answer a callbackID: the network structs encode
         * the every-object form of each */
        remote_connect_network_event_register_any_args args = { .eventID = eventID };
        remote_connect_network_event_register_any_ret ret;
        memset(&ret, 0, sizeof(ret));
        rv = remoteCall(conn, families[fi].proc,
                        virtXDRAny_remote_connect_network_event_register_any_args, &args,
                        virtXDRAny_remote_connect_network_event_register_any_ret, &ret);
        if (rv == 0)
            rc->subscribed |= bit;
    }
    pthread_mutex_unlock(&subscribing);
    return rv < 0 ? -1 : 0;
}

static int registerAny(virConnectPtr conn, virtHandleKind kind, void *obj, int eventID,
                       void (*cb)(void), void *opaque, virFreeCallback freecb)
{
    remoteConn *rc = remoteConnOf(conn);
    if (!coreHasQueue()) {
        remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_NO_SUPPORT, "this core delivers no events");
        return -1;
    }
    /* the local registration checks the arguments before the daemon hears of it */
    int id = remoteCore->event_register(conn, kind, obj, eventID, cb, opaque, freecb);
    if (id < 0)
        return -1;
    if (subscribe(conn, rc, kind, eventID) < 0) {
        void *saved = remoteCore->error_save();
        remoteCore->event_deregister(conn, kind, id);
        remoteCore->error_restore(conn, saved);
        return -1;
    }
    return id;
}

/* A callback this connection does not have: worded as libvirt's remote
 * driver words it. */
static int deregisterAny(virConnectPtr conn, virtHandleKind kind, int callbackID)
{
    if (remoteCore->event_deregister(conn, kind, callbackID) < 0) {
        remoteCore->error(conn, VIR_FROM_NONE, VIR_ERR_INVALID_ARG,
                          "event callback id %d not registered", callbackID);
        return -1;
    }
    return 0;
}

int remoteConnectNetworkEventRegisterAny(virConnectPtr conn, virNetworkPtr net, int eventID,
                                         virConnectNetworkEventGenericCallback cb, void *opaque,
                                         virFreeCallback freecb)
{
    return registerAny(conn, VIRT_HANDLE_NETWORK, net, eventID, (void (*)(void)) cb, opaque, freecb);
}

int remoteConnectNetworkEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    return deregisterAny(conn, VIRT_HANDLE_NETWORK, callbackID);
}

int remoteConnectStoragePoolEventRegisterAny(virConnectPtr conn, virStoragePoolPtr pool,
                                             int eventID,
                                             virConnectStoragePoolEventGenericCallback cb,
                                             void *opaque, virFreeCallback freecb)
{
    return registerAny(conn, VIRT_HANDLE_STORAGE_POOL, pool, eventID, (void (*)(void)) cb,
                       opaque, freecb);
}

int remoteConnectStoragePoolEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    return deregisterAny(conn, VIRT_HANDLE_STORAGE_POOL, callbackID);
}

int remoteConnectNodeDeviceEventRegisterAny(virConnectPtr conn, virNodeDevicePtr dev, int eventID,
                                            virConnectNodeDeviceEventGenericCallback cb,
                                            void *opaque, virFreeCallback freecb)
{
    return registerAny(conn, VIRT_HANDLE_NODE_DEVICE, dev, eventID, (void (*)(void)) cb, opaque,
                       freecb);
}

int remoteConnectNodeDeviceEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    return deregisterAny(conn, VIRT_HANDLE_NODE_DEVICE, callbackID);
}

int remoteConnectSecretEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    return deregisterAny(conn, VIRT_HANDLE_SECRET, callbackID);
}
