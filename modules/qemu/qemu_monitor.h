/* qemu_monitor.h: a QMP client on a unix socket. A reader thread parses
 * every line QEMU sends: replies go to the command waiting for them (by
 * id), events and the end of the connection go to a callback. */
#ifndef VIRT_QEMU_MONITOR_H
#define VIRT_QEMU_MONITOR_H

#include <stdbool.h>
#include <sys/types.h>
#include <jansson.h>

typedef struct qemuMonitor qemuMonitor;

/* Called on the reader thread: must not block on driver locks. event is
 * the QMP event name, or "EOF" when QEMU closed the socket; detail is
 * a short string from the event data (SHUTDOWN reason ...) or NULL. */
typedef void (*qemuMonitorEventFunc)(void *opaque, const char *tag, unsigned int generation,
                                     const char *event, const char *detail);

/* Connect (retrying until timeout_ms, giving up early when pid dies),
 * read the greeting, negotiate capabilities, start the reader. */
qemuMonitor *qemuMonitorOpen(const char *path, pid_t pid, int timeout_ms,
                             qemuMonitorEventFunc cb, void *opaque,
                             const char *tag, unsigned int generation, char **errmsg);
/* Run one command. args is stolen (may be NULL). On success *ret (when
 * not NULL) holds the "return" value (caller decrefs). Returns 0 or -1
 * with *errmsg set (QEMU's error description, or why nothing came). */
int qemuMonitorCommand(qemuMonitor *mon, const char *cmd, json_t *args, json_t **ret,
                       int timeout_ms, char **errmsg);
/* Send a QMP command given as JSON text, as it is (but for its id), and
 * return QEMU's whole reply as JSON text, an error reply included; NULL
 * with *errmsg set when the text is no command or no reply came. */
char *qemuMonitorPassthrough(qemuMonitor *mon, const char *command, int timeout_ms,
                             char **errmsg);
/* A human monitor command through QMP; returns its output or NULL. */
char *qemuMonitorHMP(qemuMonitor *mon, const char *line, char **errmsg);
/* Wait for DEVICE_DELETED for device id; 0 when seen. */
int qemuMonitorWaitDeviceDeleted(qemuMonitor *mon, const char *id, int timeout_ms);
bool qemuMonitorAlive(qemuMonitor *mon);
/* Close the socket, join the reader, free. No callback after it returns. */
void qemuMonitorClose(qemuMonitor *mon);

#endif /* VIRT_QEMU_MONITOR_H */
