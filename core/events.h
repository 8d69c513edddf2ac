/* events.h: the domain event callbacks applications register on a
 * connection, and how modules raise events (core services). */
#ifndef VIRT_EVENTS_H
#define VIRT_EVENTS_H

#include "internal.h"
#include "runtime-api.h"

/* Services (see virt-module.h). conn NULL: deliver to every connection
 * served by the same hypervisor module as dom's connection. The core
 * copies what it needs from dom; callbacks run later, from the event loop. */
void virtDomainEventLifecycle(virConnectPtr conn, virDomainPtr dom, int event, int detail);
void virtDomainEventGeneric(virConnectPtr conn, virDomainPtr dom, int eventID);
void virtDomainEventQueue(virConnectPtr conn, const char *name, const unsigned char *uuid,
                          int id, int eventID, int event, int detail);

/* Networks, storage pools and node devices (services object_event_*). */
int virtObjectEventRegister(virConnectPtr conn, int family, const void *object, int eventID,
                            void (*cb)(void), void *opaque, virFreeCallback freecb);
int virtObjectEventDeregister(virConnectPtr conn, int family, int callbackID);
void virtObjectEventQueue(virConnectPtr conn, int family, const char *name,
                          const unsigned char *uuid, int eventID, int event, int detail);

#endif /* VIRT_EVENTS_H */
