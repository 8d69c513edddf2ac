/* daemon-events.h: the event loop thread and forwarding events
 * to the clients that registered for them. */
#ifndef DAEMON_EVENTS_H
#define DAEMON_EVENTS_H

#include "daemon-server.h"

/* Register the library's default event loop and run it on a thread. */
int daemonEventsStart(void);
void daemonEventsStop(void);

/* Drop every callback c registered (its connection is going away or the
 * client is gone); later registrations by c are refused. */
void daemonEventsClientClosing(daemonClient *c, bool final);

#endif /* DAEMON_EVENTS_H */
