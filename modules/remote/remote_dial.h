/* remote_dial.h: reach the daemon: a unix socket, a TCP connection, or a
 * child process (ssh, ext) whose stdin/stdout is the stream. */
#ifndef REMOTE_DIAL_H
#define REMOTE_DIAL_H

#include <sys/types.h>

#include "remote_plan.h"

/* On success *fd is the connected stream and *child the process behind it
 * (-1 for sockets). On failure reports VIR_ERR_SYSTEM_ERROR with the cause
 * and returns -1. */
int remoteDial(const virtCoreServices *core, virConnectPtr conn,
               const remotePlan *plan, int *fd, pid_t *child);

/* Reap a child started by remoteDial once its stream is closed; a child
 * that does not leave within a second is terminated. */
void remoteReapChild(pid_t child);

#endif /* REMOTE_DIAL_H */
