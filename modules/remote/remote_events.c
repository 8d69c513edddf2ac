/* remote_events.c: domain events from the daemon. The core keeps the
 * application's callbacks locally and tells modules nothing about them,
 * so a hypervisor connection subscribes once, at open, to every domain's
 * lifecycle and reboot events; those that nobody listens for are dropped
 * by the core. Messages arrive on the client's reader thread and only get
 * queued there (the core runs callbacks from the application's loop). */
#include <stddef.h>
#include <string.h>

#include "message.h"
#include "remote_driver.h"

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
