/* events.h: the domain event callbacks applications register on a
 * connection, and how modules raise events (core services). */
#ifndef VIRT_EVENTS_H
#define VIRT_EVENTS_H

#include "internal.h"
#include "runtime-api.h"

/* The services event_register, event_deregister and event_queue (see
 * virt-module.h). */
int virtEventRegister(virConnectPtr conn, virtHandleKind kind, const void *object, int eventID,
                      void (*cb)(void), void *opaque, virFreeCallback freecb);
int virtEventDeregister(virConnectPtr conn, virtHandleKind kind, int callbackID);
void virtEventQueue(virConnectPtr conn, virtHandleKind kind, const virtHandleIdentity *identity,
                    int eventID, int event, int detail);
void virtEventQueueMetadata(virConnectPtr conn, const virtHandleIdentity *identity, int type,
                            const char *nsuri);

#endif /* VIRT_EVENTS_H */
