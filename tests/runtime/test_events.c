/* test_events.c: domain event callbacks, end to end through a fixture
 * module (evfix.c) that raises events with the core services: delivery
 * from inside virEventRunDefaultImpl only, per-connection and
 * per-connection delivery, domain filters, legacy registration,
 * deregistration (also from inside a callback) and free callbacks. */
#include "eventloop.h"
#include "fixture-env.h"
#include "harness.h"
#include "runtime-api.h"

static int lifecycle[3];     /* calls per connection index */
static int lastEvent = -1, lastDetail = -1;
static char lastName[32];
static int freed, reboots, legacyCalls;
static virConnectPtr conns[2];

static void quiet(void *data, virErrorPtr err)
{
    (void) data; (void) err;
}

static void countFree(void *opaque)
{
    (void) opaque;
    freed++;
}

static int onLifecycle(virConnectPtr conn, virDomainPtr dom, int event, int detail, void *opaque)
{
    (void) opaque;
    lifecycle[conn == conns[0] ? 0 : conn == conns[1] ? 1 : 2]++;
    lastEvent = event;
    lastDetail = detail;
    snprintf(lastName, sizeof(lastName), "%s", virDomainGetName(dom));
    CHECK(virDomainGetID(dom) == 7);
    CHECK(virDomainGetConnect(dom) == conn);
    return 0;
}

static void onReboot(virConnectPtr conn, virDomainPtr dom, void *opaque)
{
    (void) conn; (void) opaque;
    CHECK_STR(virDomainGetName(dom), "evdom");
    reboots++;
}

static int onLegacy(virConnectPtr conn, virDomainPtr dom, int event, int detail, void *opaque)
{
    (void) conn; (void) dom; (void) detail; (void) opaque;
    legacyCalls++;
    lastEvent = event;
    return 0;
}

static void reset(void)
{
    memset(lifecycle, 0, sizeof(lifecycle));
    lastEvent = lastDetail = -1;
    lastName[0] = '\0';
    freed = reboots = legacyCalls = 0;
}

/* Run the loop without blocking: a self-removing marker is due at once. */
static void onOnce(int timer, void *opaque)
{
    (void) opaque;
    virEventRemoveTimeout(timer);
}

static void spin(void)
{
    for (int i = 0; i < 2; i++) {
        CHECK(virEventAddTimeout(0, onOnce, NULL, NULL) > 0);
        CHECK(virEventRunDefaultImpl() == 0);
    }
}

#define CB(f) ((virConnectDomainEventGenericCallback) (void (*)(void)) (f))

static void testNeedsEventLoop(void)
{
    /* No loop registered yet: registration must fail cleanly. */
    CHECK(virConnectDomainEventRegisterAny(conns[0], NULL, VIRT_DOMAIN_EVENT_ID_LIFECYCLE,
                                           CB(onLifecycle), NULL, countFree) == -1);
    CHECK(virGetLastError() && virGetLastError()->code == VIR_ERR_INTERNAL_ERROR);
    CHECK(freed == 0);
    CHECK(virEventRegisterDefaultImpl() == 0);
}

static void testArgumentChecks(void)
{
    CHECK(virConnectDomainEventRegisterAny(NULL, NULL, 0, CB(onLifecycle), NULL, NULL) == -1);
    CHECK(virGetLastError()->code == VIR_ERR_INVALID_CONN);
    CHECK(virConnectDomainEventRegisterAny(conns[0], NULL, 0, NULL, NULL, NULL) == -1);
    CHECK(virGetLastError()->code == VIR_ERR_INVALID_ARG);
    CHECK(virConnectDomainEventRegisterAny(conns[0], NULL, -1, CB(onLifecycle), NULL, NULL) == -1);
    CHECK(virConnectDomainEventRegisterAny(conns[0], NULL, VIRT_DOMAIN_EVENT_ID_LAST,
                                           CB(onLifecycle), NULL, NULL) == -1);
    CHECK(virGetLastError()->code == VIR_ERR_INVALID_ARG);
    virDomainPtr other = virDomainLookupByName(conns[1], "evdom");
    CHECK(other != NULL);
    CHECK(virConnectDomainEventRegisterAny(conns[0], other, 0, CB(onLifecycle), NULL, NULL) == -1);
    CHECK(virGetLastError()->code == VIR_ERR_INVALID_ARG);
    virDomainFree(other);
    CHECK(virConnectDomainEventDeregisterAny(conns[0], 12345) == -1);
    CHECK(virGetLastError()->code == VIR_ERR_INVALID_ARG);
    CHECK(virConnectDomainEventDeregisterAny(conns[0], -1) == -1);
    CHECK(virConnectDomainEventDeregister(conns[0], onLegacy) == -1);
}

static void testDeliveredFromLoopOnly(void)
{
    reset();
    int id = virConnectDomainEventRegisterAny(conns[0], NULL, VIRT_DOMAIN_EVENT_ID_LIFECYCLE,
                                              CB(onLifecycle), NULL, countFree);
    CHECK(id >= 0);
    /* The same callback twice on the same connection is refused. */
    CHECK(virConnectDomainEventRegisterAny(conns[0], NULL, VIRT_DOMAIN_EVENT_ID_LIFECYCLE,
                                           CB(onLifecycle), NULL, NULL) == -1);
    virDomainPtr dom = virDomainLookupByName(conns[0], "evdom");
    CHECK(dom && virDomainSuspend(dom) == 0);
    CHECK(lifecycle[0] == 0);           /* not inside the API call */
    spin();
    CHECK(lifecycle[0] == 1 && lifecycle[1] == 0);
    CHECK(lastEvent == 3 && lastDetail == 0);
    CHECK_STR(lastName, "evdom");
    /* Nothing more until something happens. */
    spin();
    CHECK(lifecycle[0] == 1);

    /* Two events queued before the loop runs arrive in order. */
    CHECK(virDomainSuspend(dom) == 0);
    CHECK(virDomainResume(dom) == 0);
    spin();
    CHECK(lifecycle[0] == 3);
    CHECK(lastEvent == 4);

    CHECK(virConnectDomainEventDeregisterAny(conns[0], id) == 0);
    CHECK(freed == 1);
    CHECK(virConnectDomainEventDeregisterAny(conns[0], id) == -1);
    CHECK(virDomainSuspend(dom) == 0);
    spin();
    CHECK(lifecycle[0] == 3);
    virDomainFree(dom);
}

static void testPerConnection(void)
{
    reset();
    int id0 = virConnectDomainEventRegisterAny(conns[0], NULL, VIRT_DOMAIN_EVENT_ID_LIFECYCLE,
                                               CB(onLifecycle), NULL, countFree);
    int id1 = virConnectDomainEventRegisterAny(conns[1], NULL, VIRT_DOMAIN_EVENT_ID_LIFECYCLE,
                                               CB(onLifecycle), NULL, countFree);
    CHECK(id0 >= 0 && id1 >= 0 && id0 != id1);
    virDomainPtr dom = virDomainLookupByName(conns[1], "evdom");
    CHECK(virDomainSuspend(dom) == 0);      /* for conns[1] only */
    spin();
    CHECK(lifecycle[0] == 0 && lifecycle[1] == 1);
    CHECK(virDomainResume(dom) == 0);       /* again for conns[1] only */
    spin();
    CHECK(lifecycle[0] == 0 && lifecycle[1] == 2);
    CHECK(virConnectDomainEventDeregisterAny(conns[1], id0) == -1);   /* not its id */
    CHECK(virConnectDomainEventDeregisterAny(conns[0], id0) == 0);
    CHECK(virConnectDomainEventDeregisterAny(conns[1], id1) == 0);
    CHECK(freed == 2);
    virDomainFree(dom);
}

static void testFilterAndReboot(void)
{
    reset();
    virDomainPtr dom = virDomainLookupByName(conns[0], "evdom");
    int life = virConnectDomainEventRegisterAny(conns[0], dom, VIRT_DOMAIN_EVENT_ID_LIFECYCLE,
                                                CB(onLifecycle), NULL, NULL);
    int reb = virConnectDomainEventRegisterAny(conns[0], dom, VIRT_DOMAIN_EVENT_ID_REBOOT,
                                               CB(onReboot), NULL, NULL);
    CHECK(life >= 0 && reb >= 0);
    CHECK(virDomainReboot(dom, 0) == 0);
    spin();
    CHECK(reboots == 1 && lifecycle[0] == 0);
    CHECK(virDomainSuspend(dom) == 0);
    spin();
    CHECK(reboots == 1 && lifecycle[0] == 1);
    CHECK(virConnectDomainEventDeregisterAny(conns[0], life) == 0);
    CHECK(virConnectDomainEventDeregisterAny(conns[0], reb) == 0);
    virDomainFree(dom);
}

static void testLegacyRegister(void)
{
    reset();
    CHECK(virConnectDomainEventRegister(conns[0], onLegacy, NULL, countFree) == 0);
    CHECK(virConnectDomainEventRegister(conns[0], onLegacy, NULL, NULL) == -1);
    virDomainPtr dom = virDomainLookupByName(conns[0], "evdom");
    CHECK(virDomainSuspend(dom) == 0);
    spin();
    CHECK(legacyCalls == 1 && lastEvent == 3);
    CHECK(virConnectDomainEventDeregister(conns[0], onLegacy) == 0);
    CHECK(freed == 1);
    CHECK(virConnectDomainEventDeregister(conns[0], onLegacy) == -1);
    virDomainFree(dom);
}

static int selfID = -1;

static int onSelfRemove(virConnectPtr conn, virDomainPtr dom, int event, int detail, void *opaque)
{
    (void) dom; (void) event; (void) detail; (void) opaque;
    CHECK(virConnectDomainEventDeregisterAny(conn, selfID) == 0);
    CHECK(freed == 0);   /* the free callback waits for the dispatch to end */
    lifecycle[0]++;
    return 0;
}

static void testDeregisterFromCallback(void)
{
    reset();
    selfID = virConnectDomainEventRegisterAny(conns[0], NULL, VIRT_DOMAIN_EVENT_ID_LIFECYCLE,
                                              CB(onSelfRemove), NULL, countFree);
    CHECK(selfID >= 0);
    virDomainPtr dom = virDomainLookupByName(conns[0], "evdom");
    CHECK(virDomainSuspend(dom) == 0);
    CHECK(virDomainSuspend(dom) == 0);
    spin();
    CHECK(lifecycle[0] == 1);   /* the second event found it gone */
    CHECK(freed == 1);
    virDomainFree(dom);
}

static void testRegistrationKeepsConnection(void)
{
    reset();
    virConnectPtr c = virConnectOpen("evfix:///ok");
    CHECK(c != NULL);
    int id = virConnectDomainEventRegisterAny(c, NULL, VIRT_DOMAIN_EVENT_ID_LIFECYCLE,
                                              CB(onLifecycle), NULL, countFree);
    CHECK(id >= 0);
    CHECK(virConnectClose(c) == 1);     /* the registration holds a reference */
    CHECK(virConnectDomainEventDeregisterAny(c, id) == 0);   /* releases it */
    CHECK(freed == 1);
}

int main(void)
{
    fixtureInit();
    const char *dir = fixtureFolder("manifests");
    fixtureManifest(dir, "evfix", NULL);
    fixtureUseFolders(dir, NULL);
    virSetErrorFunc(NULL, quiet);

    conns[0] = virConnectOpen("evfix:///ok");
    conns[1] = virConnectOpen("evfix:///ok");
    if (!conns[0] || !conns[1]) {
        printf("Bail out! cannot open evfix:///ok: %s\n", virGetLastErrorMessage());
        return 1;
    }
    TEST_RUN(testNeedsEventLoop);
    TEST_RUN(testArgumentChecks);
    TEST_RUN(testDeliveredFromLoopOnly);
    TEST_RUN(testPerConnection);
    TEST_RUN(testFilterAndReboot);
    TEST_RUN(testLegacyRegister);
    TEST_RUN(testDeregisterFromCallback);
    TEST_RUN(testRegistrationKeepsConnection);
    virConnectClose(conns[0]);
    virConnectClose(conns[1]);
    TEST_DONE();
}
