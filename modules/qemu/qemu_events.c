/* qemu_events.c: QEMU's events and process exits, applied to domain
 * state on a worker thread of the driver. Monitor reader threads only
 * queue (they must never wait for the driver lock, which a command
 * waiting for their reply may hold). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qemu_driver.h"
#include "util.h"

typedef struct qemuEvent {
    char *name;         /* "SHUTDOWN:guest-shutdown", "EOF", ... */
    char *domname;
    unsigned int generation;
    struct qemuEvent *next;
} qemuEvent;

/* One queue for all drivers: events name their driver. */
static pthread_mutex_t queueLock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t queueCond = PTHREAD_COND_INITIALIZER;
typedef struct driverQueue {
    qemuDriver *drv;
    qemuEvent *head, *tail;
    bool quit;
} driverQueue;

#define MAX_DRIVERS 2
static driverQueue queues[MAX_DRIVERS];

static driverQueue *queueOf(qemuDriver *drv)
{
    for (int i = 0; i < MAX_DRIVERS; i++)
        if (queues[i].drv == drv)
            return &queues[i];
    return NULL;
}

void qemuEventQueue(qemuDriver *drv, const char *name, unsigned int generation,
                    const char *domname)
{
    pthread_mutex_lock(&queueLock);
    driverQueue *q = queueOf(drv);
    if (q && !q->quit) {
        qemuEvent *ev = virtAlloc(sizeof(*ev));
        ev->name = virtStrdup(name);
        ev->domname = virtStrdup(domname);
        ev->generation = generation;
        if (q->tail)
            q->tail->next = ev;
        else
            q->head = ev;
        q->tail = ev;
        pthread_cond_broadcast(&queueCond);
    }
    pthread_mutex_unlock(&queueLock);
}

static void freeEvent(qemuEvent *ev)
{
    free(ev->name);
    free(ev->domname);
    free(ev);
}

static bool is(const char *a, const char *b)
{
    return a && strcmp(a, b) == 0;
}

/* The guest is gone or must go: stop it, then apply the lifecycle action
 * (restart starts it again; a transient domain disappears). */
static void finish(qemuDriver *drv, qemuDomain *vm, int reason, const char *action)
{
    qemuProcessStop(drv, vm, reason);
    if (is(action, "restart")) {
        if (qemuProcessStart(NULL, drv, vm, NULL, false) == 0)
            return;
    }
    if (!vm->persistent)
        qemuDomainRemove(drv, vm);
}

static void handle(qemuDriver *drv, qemuEvent *ev)
{
    qemuDomain *vm = qemuDomainFindByName(drv, ev->domname);
    char *detail = strchr(ev->name, ':');

    if (!vm || vm->generation != ev->generation || !vm->pid || vm->stopping)
        return;
    if (detail)
        *detail++ = '\0';
    const virtDomain *def = vm->def;
    if (is(ev->name, "STOP") || is(ev->name, "RESUME")) {
        /* events may trail our own stop/cont: believe QEMU's state now */
        json_t *ret = NULL;
        char *err = NULL;
        if (vm->mon && qemuMonitorCommand(vm->mon, "query-status", NULL, &ret, 5000, &err) == 0) {
            bool running = json_is_true(json_object_get(ret, "running"));
            if (running && vm->state != VIR_DOMAIN_RUNNING) {
                vm->state = VIR_DOMAIN_RUNNING;
                vm->reason = VIR_DOMAIN_RUNNING_UNPAUSED;
                qemuNotifyLifecycle(drv, vm, VIR_DOMAIN_EVENT_RESUMED,
                                    VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);
            } else if (!running && vm->state == VIR_DOMAIN_RUNNING) {
                vm->state = VIR_DOMAIN_PAUSED;
                vm->reason = VIR_DOMAIN_PAUSED_UNKNOWN;
                qemuNotifyLifecycle(drv, vm, VIR_DOMAIN_EVENT_SUSPENDED,
                                    VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
            }
        }
        json_decref(ret);
        free(err);
    } else if (is(ev->name, "SHUTDOWN") && vm->fake_reboot && is(detail, "guest-shutdown")) {
        /* the guest shut down for a reboot we asked for: QEMU paused
         * instead of quitting; reset and run it (RESET raises the event) */
        char *err = NULL;
        vm->fake_reboot = false;
        if (qemuMonitorCommand(vm->mon, "system_reset", NULL, NULL, 5000, &err) < 0 ||
            qemuSetShutdownAction(vm, qemuKeepsProcessOnPoweroff(vm), &err) < 0 ||
            qemuMonitorCommand(vm->mon, "cont", NULL, NULL, 5000, &err) < 0)
            fprintf(stderr, "qemu: domain '%s': cannot complete its reboot: %s\n", def->name,
                    err ? err : "no reason given");
        free(err);
    } else if (is(ev->name, "SHUTDOWN")) {
        /* host-qmp-quit: our own stop; guest-reset with -no-reboot: a reboot */
        if (is(detail, "guest-reset")) {
            vm->guest_reset = true;
        } else if (!is(detail, "host-signal") && !is(detail, "host-qmp-quit")) {
            vm->state = VIR_DOMAIN_SHUTDOWN;
            vm->reason = VIR_DOMAIN_SHUTDOWN_USER;
            qemuNotifyLifecycle(drv, vm, VIR_DOMAIN_EVENT_SHUTDOWN,
                                VIR_DOMAIN_EVENT_SHUTDOWN_FINISHED);
        }
        if (is(def->on_poweroff, "preserve") && !is(detail, "guest-reset")) {
            vm->state = VIR_DOMAIN_SHUTOFF;  /* QEMU stays (-no-shutdown) */
            vm->reason = VIR_DOMAIN_SHUTOFF_SHUTDOWN;
        }
    } else if (is(ev->name, "RESET")) {
        vm->state = VIR_DOMAIN_RUNNING;
        vm->reason = VIR_DOMAIN_RUNNING_BOOTED;
        qemuNotifyReboot(drv, vm);
    } else if (is(ev->name, "GUEST_PANICKED")) {
        const char *act = def->on_crash ? def->on_crash : "destroy";
        if (is(act, "preserve") || is(act, "rename-restart")) {
            vm->state = VIR_DOMAIN_CRASHED;
            vm->reason = VIR_DOMAIN_CRASHED_PANICKED;
            qemuNotifyLifecycle(drv, vm, VIR_DOMAIN_EVENT_CRASHED,
                                VIR_DOMAIN_EVENT_CRASHED_PANICKED);
        } else {
            char *a = virtStrdup(act);
            finish(drv, vm, VIR_DOMAIN_SHUTOFF_CRASHED, a);
            free(a);
            pthread_cond_broadcast(&drv->changed);
            return;
        }
    } else if (is(ev->name, "EOF")) {
        bool reboot = vm->guest_reset;
        bool shutdown = vm->state == VIR_DOMAIN_SHUTDOWN;
        const char *act = reboot ? def->on_reboot : shutdown ? def->on_poweroff : def->on_crash;
        char *a = virtStrdup(act ? act : "destroy");
        finish(drv, vm, shutdown || reboot ? VIR_DOMAIN_SHUTOFF_SHUTDOWN : VIR_DOMAIN_SHUTOFF_CRASHED,
               reboot && is(a, "restart") ? "destroy" : a);
        free(a);
        pthread_cond_broadcast(&drv->changed);
        return;
    }
    if (vm->pid)
        qemuStoreSaveStatus(drv, vm);
    pthread_cond_broadcast(&drv->changed);
}

static void *workerMain(void *opaque)
{
    qemuDriver *drv = opaque;

    pthread_mutex_lock(&queueLock);
    driverQueue *q = queueOf(drv);
    for (;;) {
        while (!q->head && !q->quit)
            pthread_cond_wait(&queueCond, &queueLock);
        if (!q->head && q->quit)
            break;
        qemuEvent *ev = q->head;
        q->head = ev->next;
        if (!q->head)
            q->tail = NULL;
        pthread_mutex_unlock(&queueLock);
        pthread_mutex_lock(&drv->lock);
        handle(drv, ev);
        pthread_mutex_unlock(&drv->lock);
        freeEvent(ev);
        pthread_mutex_lock(&queueLock);
    }
    pthread_mutex_unlock(&queueLock);
    return NULL;
}

void qemuEventsStart(qemuDriver *drv)
{
    pthread_mutex_lock(&queueLock);
    driverQueue *q = queueOf(NULL);
    if (q) {
        memset(q, 0, sizeof(*q));
        q->drv = drv;
    }
    pthread_mutex_unlock(&queueLock);
    if (q && pthread_create(&drv->worker, NULL, workerMain, drv) == 0)
        drv->worker_running = true;
}

/* Called without drv->lock held; events still queued are dropped. */
void qemuEventsStop(qemuDriver *drv)
{
    pthread_mutex_lock(&queueLock);
    driverQueue *q = queueOf(drv);
    if (q)
        q->quit = true;
    pthread_cond_broadcast(&queueCond);
    pthread_mutex_unlock(&queueLock);
    if (drv->worker_running)
        pthread_join(drv->worker, NULL);
    drv->worker_running = false;
    pthread_mutex_lock(&queueLock);
    if (q) {
        while (q->head) {
            qemuEvent *ev = q->head;
            q->head = ev->next;
            freeEvent(ev);
        }
        memset(q, 0, sizeof(*q));
    }
    pthread_mutex_unlock(&queueLock);
}
