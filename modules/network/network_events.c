/* network_events.c: network lifecycle events for the applications. Every
 * connection open on a driver gets each event of its networks (the state
 * is shared by all of them); inside libvirtd the daemon forwards them to
 * its clients. Called with drv->lock held, which also keeps the listed
 * connections open (close takes the lock to leave the list). */
#include <stddef.h>
#include <stdlib.h>

#include "network_driver.h"
#include "util.h"

static bool coreHasEvents(void)
{
    return netCore->size >= offsetof(virtCoreServices, event_queue) + sizeof(netCore->event_queue) &&
           netCore->event_queue;
}

void netDriverAddConn(netDriver *drv, virConnectPtr conn)
{
    pthread_mutex_lock(&drv->lock);
    drv->conns = virtRealloc(drv->conns, (drv->nconns + 1) * sizeof(*drv->conns));
    drv->conns[drv->nconns++] = conn;
    pthread_mutex_unlock(&drv->lock);
}

void netDriverRemoveConn(netDriver *drv, virConnectPtr conn)
{
    pthread_mutex_lock(&drv->lock);
    for (size_t i = 0; i < drv->nconns; i++) {
        if (drv->conns[i] == conn) {
            drv->conns[i] = drv->conns[--drv->nconns];
            break;
        }
    }
    pthread_mutex_unlock(&drv->lock);
}

void netNotify(netDriver *drv, const netObj *obj, int event)
{
    if (!coreHasEvents())
        return;
    virtHandleIdentity id = { .name = obj->def->name, .uuid = obj->def->uuid };
    for (size_t i = 0; i < drv->nconns; i++)
        netCore->event_queue(drv->conns[i], VIRT_HANDLE_NETWORK, &id, VIR_NETWORK_EVENT_ID_LIFECYCLE, event, 0);
}
