/* qemu_notify.c: domain events for the applications. Every connection
 * open on a driver gets each event of that driver's domains (the state is
 * shared by all of them); inside libvirtd the daemon forwards them to its
 * clients. Called with drv->lock held, which also keeps the listed
 * connections open (close takes the lock to leave the list). */
#include <stddef.h>
#include <stdlib.h>

#include "qemu_driver.h"
#include "util.h"

static bool coreHasEvents(void)
{
    return qemuCore->size >= offsetof(virtCoreServices, event_queue) + sizeof(qemuCore->event_queue) &&
           qemuCore->event_queue;
}

void qemuDriverAddConn(qemuDriver *drv, virConnectPtr conn)
{
    pthread_mutex_lock(&drv->lock);
    drv->conns = virtRealloc(drv->conns, (drv->nconns + 1) * sizeof(*drv->conns));
    drv->conns[drv->nconns++] = conn;
    pthread_mutex_unlock(&drv->lock);
}

void qemuDriverRemoveConn(qemuDriver *drv, virConnectPtr conn)
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

static void notifyAll(qemuDriver *drv, const qemuDomain *vm, int eventID, int event, int detail)
{
    if (!coreHasEvents())
        return;
    /* By identity, not a handle: see domain_event_queue. */
    for (size_t i = 0; i < drv->nconns; i++)
        virtHandleDomainEvent(qemuCore, drv->conns[i], vm->def->name, vm->def->uuid,
                                     vm->pid ? vm->id : -1,
                                     eventID < 0 ? VIR_DOMAIN_EVENT_ID_LIFECYCLE : eventID,
                                     event, detail);
}

void qemuNotifyLifecycle(qemuDriver *drv, const qemuDomain *vm, int event, int detail)
{
    notifyAll(drv, vm, -1, event, detail);
}

void qemuNotifyReboot(qemuDriver *drv, const qemuDomain *vm)
{
    notifyAll(drv, vm, VIR_DOMAIN_EVENT_ID_REBOOT, 0, 0);
}

/* The STOPPED detail that goes with a shutoff reason. */
int qemuNotifyStoppedDetail(int shutoffReason)
{
    switch (shutoffReason) {
    case VIR_DOMAIN_SHUTOFF_DESTROYED: return VIR_DOMAIN_EVENT_STOPPED_DESTROYED;
    case VIR_DOMAIN_SHUTOFF_CRASHED: return VIR_DOMAIN_EVENT_STOPPED_CRASHED;
    case VIR_DOMAIN_SHUTOFF_MIGRATED: return VIR_DOMAIN_EVENT_STOPPED_MIGRATED;
    case VIR_DOMAIN_SHUTOFF_SAVED: return VIR_DOMAIN_EVENT_STOPPED_SAVED;
    case VIR_DOMAIN_SHUTOFF_FAILED: return VIR_DOMAIN_EVENT_STOPPED_FAILED;
    default: return VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN;
    }
}
