/* remote_event_close.c URI: close connections while the daemon is sending
 * them domain events. A second connection destroys and starts domain
 * "test" without pause, so lifecycle events keep arriving on the reader
 * thread of each connection this program opens and closes; the close must
 * neither hang (the reader waiting for itself) nor close a connection
 * twice. Exit 0 when 200 rounds pass within the alarm; prints why not. */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

static atomic_bool stop;
static atomic_int seen;

static void quiet(void *data, virErrorPtr err)
{
    (void) data;
    (void) err;
}

static void onAlarm(int sig)
{
    (void) sig;
    static const char msg[] = "hang: a close did not return within 60 s\n";
    if (write(1, msg, sizeof(msg) - 1) < 0) {
        /* exiting anyway */
    }
    _exit(1);
}

static void *loopMain(void *opaque)
{
    (void) opaque;
    for (;;)
        virEventRunDefaultImpl();
    return NULL;
}

/* Keep the events coming: destroy and start "test" over and over. */
static void *churn(void *opaque)
{
    virConnectPtr c = opaque;
    virDomainPtr dom = virDomainLookupByName(c, "test");
    while (dom && !atomic_load(&stop)) {
        virDomainDestroy(dom);
        virDomainCreate(dom);
    }
    if (dom) {
        if (virDomainIsActive(dom) != 1)
            virDomainCreate(dom);
        virDomainFree(dom);
    }
    return NULL;
}

static int onLifecycle(virConnectPtr c, virDomainPtr dom, int event, int detail, void *opaque)
{
    (void) c;
    (void) dom;
    (void) event;
    (void) detail;
    (void) opaque;
    atomic_fetch_add(&seen, 1);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: remote_event_close URI\n");
        return 2;
    }
    virSetErrorFunc(NULL, quiet);
    signal(SIGALRM, onAlarm);
    alarm(60);
    if (virEventRegisterDefaultImpl() < 0)
        return 1;
    pthread_t loop, churner;
    pthread_create(&loop, NULL, loopMain, NULL);
    pthread_detach(loop);

    virConnectPtr driver = virConnectOpen(argv[1]);
    if (!driver) {
        printf("cannot open %s: %s\n", argv[1], virGetLastErrorMessage());
        return 1;
    }
    pthread_create(&churner, NULL, churn, driver);

    int failures = 0;
    for (int round = 0; round < 200; round++) {
        virConnectPtr c = virConnectOpen(argv[1]);
        if (!c) {
            printf("round %d: open failed: %s\n", round, virGetLastErrorMessage());
            failures++;
            continue;
        }
        int id = -1;
        if (round % 2)
            id = virConnectDomainEventRegisterAny(c, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                                  (virConnectDomainEventGenericCallback) (void (*)(void)) onLifecycle,
                                                  NULL, NULL);
        struct timespec ts = { 0, (round % 5) * 200000L };
        nanosleep(&ts, NULL);
        if (id >= 0)
            virConnectDomainEventDeregisterAny(c, id);
        /* queued events may still hold the connection: more than 0 is fine */
        if (virConnectClose(c) < 0) {
            printf("round %d: close answered %s\n", round, virGetLastErrorMessage());
            failures++;
        }
    }
    /* Events still reach a connection that stays open. */
    virConnectPtr c = virConnectOpen(argv[1]);
    int id = c ? virConnectDomainEventRegisterAny(c, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                                  (virConnectDomainEventGenericCallback) (void (*)(void)) onLifecycle,
                                                  NULL, NULL) : -1;
    int before = atomic_load(&seen);
    for (int i = 0; i < 500 && atomic_load(&seen) == before; i++) {
        struct timespec ts = { 0, 10000000L };
        nanosleep(&ts, NULL);
    }
    if (atomic_load(&seen) == before) {
        printf("no lifecycle event arrived on an open connection in 5 s\n");
        failures++;
    }
    if (id >= 0)
        virConnectDomainEventDeregisterAny(c, id);
    if (c)
        virConnectClose(c);
    atomic_store(&stop, true);
    pthread_join(churner, NULL);
    virConnectClose(driver);
    printf("%d events seen, %d failures\n", atomic_load(&seen), failures);
    return failures ? 1 : 0;
}
