/* daemon-workers.h: the pool of threads that run client calls. */
#ifndef DAEMON_WORKERS_H
#define DAEMON_WORKERS_H

#include <stddef.h>

typedef struct daemonWorkers daemonWorkers;
typedef void (*daemonJobFunc)(void *opaque);

/* Starts min threads; more are added, up to max, when every thread is
 * busy and work is waiting, so one slow call does not hold up others. */
daemonWorkers *daemonWorkersNew(size_t min, size_t max);
void daemonWorkersSubmit(daemonWorkers *w, daemonJobFunc fn, void *opaque);
/* A snapshot of the pool, for the admin program's thread pool parameters. */
typedef struct daemonWorkersInfo {
    size_t min, max, current, free, queued;
} daemonWorkersInfo;
void daemonWorkersGetInfo(daemonWorkers *w, daemonWorkersInfo *info);
/* New limits: threads are added up to min at once, and threads beyond
 * max leave when they next wait. -1 when min > max or max is 0. */
int daemonWorkersSetLimits(daemonWorkers *w, size_t min, size_t max);
/* Runs what is queued, then stops and joins every thread. */
void daemonWorkersFree(daemonWorkers *w);

#endif /* DAEMON_WORKERS_H */
