/* eventpoll.h: the default event loop, built on poll(2). eventloop.c
 * registers these functions when the application calls
 * virEventRegisterDefaultImpl. */
#ifndef VIRT_EVENTPOLL_H
#define VIRT_EVENTPOLL_H

#include "runtime-api.h"

/* Prepare the loop (its wake-up pipe). Returns 0, or -1 with an error raised. */
int virtEventPollInit(void);
/* One iteration: wait for the first due timeout or ready handle, then
 * run every due callback. Returns 0, or -1 with an error raised. */
int virtEventPollRunOnce(void);

int virtEventPollAddHandle(int fd, int events, virEventHandleCallback cb,
                           void *opaque, virFreeCallback ff);
void virtEventPollUpdateHandle(int watch, int events);
int virtEventPollRemoveHandle(int watch);
int virtEventPollAddTimeout(int frequency, virEventTimeoutCallback cb,
                            void *opaque, virFreeCallback ff);
void virtEventPollUpdateTimeout(int timer, int frequency);
int virtEventPollRemoveTimeout(int timer);

#endif /* VIRT_EVENTPOLL_H */
