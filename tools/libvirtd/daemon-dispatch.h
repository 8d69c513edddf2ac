/* daemon-dispatch.h: turning CALL messages into public API calls. */
#ifndef DAEMON_DISPATCH_H
#define DAEMON_DISPATCH_H

#include <stddef.h>

#include "daemon-server.h"
#include "message.h"

/* Handle a CALL of a known program and version: decode its arguments now
 * (a malformed body returns -1: the caller answers with an error), then run
 * it on a worker thread which sends the REPLY. */
int daemonDispatchQueue(daemonClient *c, const virtRPCHeader *hdr,
                        const unsigned char *body, size_t len);

#endif /* DAEMON_DISPATCH_H */
