/* daemon-dispatch.h: turning CALL messages into public API calls. */
#ifndef DAEMON_DISPATCH_H
#define DAEMON_DISPATCH_H

#include <stddef.h>

#include "daemon-server.h"
#include "message.h"

/* Handle a CALL of the remote program: decode its arguments now (a
 * malformed body returns -1 and the client is dropped), then run it on
 * a worker thread which sends the REPLY. */
int daemonDispatchQueue(daemonClient *c, const virtRPCHeader *hdr,
                        const unsigned char *body, size_t len);

#endif /* DAEMON_DISPATCH_H */
