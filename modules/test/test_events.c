/* test_events.c: events of domains, networks, pools and node devices. A host may be shared by several
 * connections (test:///default), so an event goes to each connection on
 * that host and to no other: a node-file host is private to its
 * connection. The core queues the event; callbacks run later from the
 * application's event loop. */
#include <stddef.h>

#include "test_driver.h"

typedef struct {
    virDomainPtr dom;
    int eventID;            /* -1: lifecycle */
    int event, detail;
} testEventArgs;

static void raiseOne(virConnectPtr conn, void *opaque)
{
    const testEventArgs *a = opaque;
    if (a->eventID < 0)
        virtHandleEvent(testCore, conn, a->dom, VIR_DOMAIN_EVENT_ID_LIFECYCLE, a->event, a->detail);
    else
        virtHandleEvent(testCore, conn, a->dom, a->eventID, 0, 0);
}

void testEventLifecycle(testState *st, virDomainPtr dom, int event, int detail)
{
    testEventArgs a = { .dom = dom, .eventID = -1, .event = event, .detail = detail };
    if (dom && st)
        testConnForEach(st, raiseOne, &a);
}

void testEventGeneric(testState *st, virDomainPtr dom, int eventID)
{
    testEventArgs a = { .dom = dom, .eventID = eventID };
    if (dom && st)
        testConnForEach(st, raiseOne, &a);
}

typedef struct {
    int family;
    const char *name;
    const unsigned char *uuid;
    int eventID, event, detail;
} testObjectEventArgs;

static void raiseObject(virConnectPtr conn, void *opaque)
{
    const testObjectEventArgs *a = opaque;
    virtHandleIdentity id = { .name = a->name, .uuid = a->uuid };
    testCore->event_queue(conn, (virtHandleKind) a->family, &id, a->eventID, a->event, a->detail);
}

void testEventObject(testState *st, int family, const char *name, const unsigned char *uuid,
                     int eventID, int event, int detail)
{
    testObjectEventArgs a = { family, name, uuid, eventID, event, detail };
    if (st && name)
        testConnForEach(st, raiseObject, &a);
}

/* Registrations of the other families: the core keeps the callbacks. */
int testConnectNetworkEventRegisterAny(virConnectPtr conn, virNetworkPtr net, int eventID,
                                       virConnectNetworkEventGenericCallback cb, void *opaque,
                                       virFreeCallback freecb)
{
    return testCore->event_register(conn, VIRT_HANDLE_NETWORK, net, eventID,
                                           (void (*)(void)) cb, opaque, freecb);
}

int testConnectNetworkEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    return testCore->event_deregister(conn, VIRT_HANDLE_NETWORK, callbackID);
}

int testConnectStoragePoolEventRegisterAny(virConnectPtr conn, virStoragePoolPtr pool, int eventID,
                                           virConnectStoragePoolEventGenericCallback cb, void *opaque,
                                           virFreeCallback freecb)
{
    return testCore->event_register(conn, VIRT_HANDLE_STORAGE_POOL, pool, eventID,
                                           (void (*)(void)) cb, opaque, freecb);
}

int testConnectStoragePoolEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    return testCore->event_deregister(conn, VIRT_HANDLE_STORAGE_POOL, callbackID);
}

int testConnectNodeDeviceEventRegisterAny(virConnectPtr conn, virNodeDevicePtr dev, int eventID,
                                          virConnectNodeDeviceEventGenericCallback cb, void *opaque,
                                          virFreeCallback freecb)
{
    return testCore->event_register(conn, VIRT_HANDLE_NODE_DEVICE, dev, eventID,
                                           (void (*)(void)) cb, opaque, freecb);
}

int testConnectNodeDeviceEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    return testCore->event_deregister(conn, VIRT_HANDLE_NODE_DEVICE, callbackID);
}

typedef struct {
    virDomainPtr dom;
    int type;
    const char *nsuri;
} testMetadataArgs;

static void raiseMetadata(virConnectPtr conn, void *opaque)
{
    const testMetadataArgs *a = opaque;
    testCore->event_queue_metadata(conn, testCore->handle_identity(a->dom), a->type, a->nsuri);
}

void testEventMetadata(testState *st, virDomainPtr dom, int type, const char *nsuri)
{
    /* A core older than this service cannot carry the event: drop it. */
    if (!dom || !st || testCore->size < offsetof(virtCoreServices, event_queue_metadata) +
                                        sizeof(testCore->event_queue_metadata) ||
        !testCore->event_queue_metadata)
        return;
    testMetadataArgs a = { dom, type, nsuri };
    testConnForEach(st, raiseMetadata, &a);
}

typedef struct {
    const char *name;
    const unsigned char *uuid;
    int event, detail;
} testNamedArgs;

static void raiseNamed(virConnectPtr conn, void *opaque)
{
    const testNamedArgs *a = opaque;
    virtHandleDomainEvent(testCore, conn, a->name, a->uuid, -1, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                          a->event, a->detail);
}

void testEventLifecycleNamed(testState *st, const char *name, const unsigned char *uuid,
                             int event, int detail)
{
    testNamedArgs a = { name, uuid, event, detail };
    if (st && name)
        testConnForEach(st, raiseNamed, &a);
}
