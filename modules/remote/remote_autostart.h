/* remote_autostart.h: start the user's session daemon when a session URI
 * finds nobody listening on its socket (libvirt's clients do the same). */
#ifndef REMOTE_AUTOSTART_H
#define REMOTE_AUTOSTART_H

#include "remote_plan.h"

/* When plan->autostart is set and nothing answers on plan->socket, run
 * `libvirtd --session --timeout=120 --daemon --pid-file RUN/libvirtd.pid`
 * (VIRT_LIBVIRTD names the binary, else the installed one) and wait until
 * its socket is ready. Returns 0 (a daemon listens, or autostart does not
 * apply), or -1 with an error reported. */
int remoteAutostartDaemon(const virtCoreServices *core, virConnectPtr conn,
                          const remotePlan *plan);

#endif /* REMOTE_AUTOSTART_H */
