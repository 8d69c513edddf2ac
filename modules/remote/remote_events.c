/* remote_events.c: domain and network events from the daemon. The core
 * keeps the application's callbacks locally, so a connection subscribes
 * once to every object's events: to every domain's lifecycle and reboot
 * events at open, to every network's lifecycle with the first network
 * registration. Events nobody listens for are dropped by the core. Messages arrive on the client's reader thread and only get
 * queued there (the core runs callbacks from the application's loop). */
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
    } else if (proc == REMOTE_PROC_NETWORK_EVENT_LIFECYCLE) {
        remote_network_event_lifecycle_msg m;
        memset(&m, 0, sizeof(m));
        if (virtRPCDecodeBody(body, len, virtXDRAny_remote_network_event_lifecycle_msg, &m) < 0)
            return;
        virtHandleIdentity id = { .name = m.net.name, .uuid = (const unsigned char *) m.net.uuid };
        if (m.net.name)
            remoteCore->event_queue(rc->conn, VIRT_HANDLE_NETWORK, &id,
                                    VIR_NETWORK_EVENT_ID_LIFECYCLE, m.event, m.detail);
        virtXDRFree_remote_network_event_lifecycle_msg(&m);
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

/* The daemon sends every network's lifecycle once subscribed; the core
 * filters per callback. */
static int subscribeNetworks(virConnectPtr conn, remoteConn *rc)
{
    /* held across the call: two first registrations at once must not
     * subscribe twice, or every event would arrive twice */
    static pthread_mutex_t subscribing = PTHREAD_MUTEX_INITIALIZER;
    int rv = 0;
    pthread_mutex_lock(&subscribing);
    if (!rc->netEvents) {
        remote_connect_network_event_register_any_args args = { .eventID = VIR_NETWORK_EVENT_ID_LIFECYCLE };
        remote_connect_network_event_register_any_ret ret;
        memset(&ret, 0, sizeof(ret));
        rv = remoteCall(conn, REMOTE_PROC_CONNECT_NETWORK_EVENT_REGISTER_ANY,
                        virtXDRAny_remote_connect_network_event_register_any_args, &args,
                        virtXDRAny_remote_connect_network_event_register_any_ret, &ret);
        if (rv == 0)
            rc->netEvents = true;
    }
    pthread_mutex_unlock(&subscribing);
    return rv < 0 ? -1 : 0;
}

int remoteConnectNetworkEventRegisterAny(virConnectPtr conn, virNetworkPtr net, int eventID,
                                         virConnectNetworkEventGenericCallback cb, void *opaque,
                                         virFreeCallback freecb)
{
    remoteConn *rc = remoteConnOf(conn);
    if (!coreHasQueue()) {
        remoteCore->error(conn, VIR_FROM_REMOTE, VIR_ERR_NO_SUPPORT, "this core delivers no events");
        return -1;
    }
    /* the local registration checks the arguments before the daemon hears of it */
    int id = remoteCore->event_register(conn, VIRT_HANDLE_NETWORK, net, eventID,
                                        (void (*)(void)) cb, opaque, freecb);
    if (id < 0)
        return -1;
    if (subscribeNetworks(conn, rc) < 0) {
        void *saved = remoteCore->error_save();
        remoteCore->event_deregister(conn, VIRT_HANDLE_NETWORK, id);
        remoteCore->error_restore(conn, saved);
        return -1;
    }
    return id;
}

int remoteConnectNetworkEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    return remoteCore->event_deregister(conn, VIRT_HANDLE_NETWORK, callbackID);
}
