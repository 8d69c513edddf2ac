/* daemon-dispatch.h: turning CALL messages into public API calls. */
#ifndef DAEMON_DISPATCH_H
#define DAEMON_DISPATCH_H

#include <stddef.h>

#include "daemon-server.h"
#include "message.h"

/* Handle a CALL of a known program and version: decode its arguments now
 * (a malformed body returns -1: the caller answers with an error), then run
 * it on a worker thread which sends the REPLY. The descriptors passed with
 * it are taken over either way. */
int daemonDispatchQueue(daemonClient *c, const virtRPCHeader *hdr,
                        const unsigned char *body, size_t len, int *fds, size_t nfds);

/* The descriptors passed beside the CALL (fds, nfds: taken over, closed
 * after the call unless a dispatcher took them) of the call this worker
 * runs: their count, and the array in *fds for the caller to close and
 * free. */
size_t daemonCallTakeFDs(int **fds);

/* Close nfds descriptors and free their array. */
void daemonCloseFDs(int *fds, size_t nfds);

#endif /* DAEMON_DISPATCH_H */
