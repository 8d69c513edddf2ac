/* daemon-systemd.h: what libvirtd takes from a service manager: listening
 * sockets handed over by socket activation (LISTEN_PID, LISTEN_FDS,
 * LISTEN_FDNAMES) and state notifications sent to NOTIFY_SOCKET. */
#ifndef DAEMON_SYSTEMD_H
#define DAEMON_SYSTEMD_H

#include <stdbool.h>
#include <stddef.h>

typedef struct daemonActivation daemonActivation;

/* What an activation socket of one name would be without LISTEN_FDNAMES:
 * a unix socket at path, or a TCP socket on port. */
typedef struct {
    const char *name;   /* libvirt's unit name, e.g. "libvirtd-ro.socket" */
    const char *path;   /* unix sockets; NULL for TCP ones */
    int port;           /* TCP sockets */
} daemonActivationSlot;

/* The sockets handed to this process, or *act = NULL when there are none
 * (no LISTEN_PID, or another process's). Without LISTEN_FDNAMES each
 * socket is named by the slot it matches. Clears the variables, so that
 * children do not see them, and keeps the sockets from children. Returns
 * 0, or -1 with *err. */
int daemonActivationGet(const daemonActivationSlot *slots, size_t nslots,
                        daemonActivation **act, char **err);
bool daemonActivationHas(const daemonActivation *act, const char *name);
/* Take the sockets of name (malloc'd array, *n of them; NULL when none):
 * the caller owns them from now on. */
int *daemonActivationClaim(daemonActivation *act, const char *name, size_t *n);
/* -1 with *err when a socket was handed over that nothing claimed. */
int daemonActivationComplete(const daemonActivation *act, char **err);
/* Frees act and closes the sockets nobody claimed. */
void daemonActivationFree(daemonActivation *act);

/* Send state ("READY=1", "STOPPING=1") to the service manager, when
 * NOTIFY_SOCKET names one (a path, or @name for an abstract socket). */
void daemonNotify(const char *state);

#endif /* DAEMON_SYSTEMD_H */
