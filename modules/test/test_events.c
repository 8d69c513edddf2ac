/* test_events.c: domain events. A host may be shared by several
 * connections (test:///default), so an event goes to each connection on
 * that host and to no other: a node-file host is private to its
 * connection. The core queues the event; callbacks run later from the
 * application's event loop. */
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
        testCore->domain_event_lifecycle(conn, a->dom, a->event, a->detail);
    else
        testCore->domain_event_generic(conn, a->dom, a->eventID);
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
