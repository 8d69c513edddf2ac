/* eventloop.h: how the core uses whichever event loop the application
 * registered (our default poll loop or its own, through
 * virEventRegisterImpl). Callbacks of events and streams run from that
 * loop, never inside the API call that caused them. */
#ifndef VIRT_EVENTLOOP_H
#define VIRT_EVENTLOOP_H

#include <stdbool.h>

#include "runtime-api.h"

/* Whether an implementation is registered (virEventAddTimeout can work). */
bool virtEventHasImpl(void);

/* Run fn(opaque) once, soon, from the registered loop (a one-shot
 * timeout of 0); freefn(opaque), when not NULL, runs after fn, or alone
 * when the job is dropped. Returns 0, or -1 with an error raised when no
 * loop is registered (freefn is then not called: the caller still owns
 * opaque). */
int virtEventQueueJob(void (*fn)(void *opaque), void *opaque, virFreeCallback freefn);

#endif /* VIRT_EVENTLOOP_H */
