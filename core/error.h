/* error.h: raising and dispatching errors inside the core. */
#ifndef VIRT_ERROR_H
#define VIRT_ERROR_H

#include <stdarg.h>
#include "internal.h"

/* Record an error for this thread: message = standard text for code,
 * then ": " and the formatted detail when fmt is not NULL. */
void virtErrorRaise(virConnectPtr conn, virDomainPtr dom, virNetworkPtr net,
                    int from, int code, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
void virtErrorRaiseV(virConnectPtr conn, virDomainPtr dom, virNetworkPtr net,
                     int from, int code, const char *fmt, va_list ap);

/* An invalid argument of a public function, worded as libvirt does: the
 * message is the formatted text alone, str1 the function, str2 the
 * argument's name. */
void virtErrorRaiseInvalidArg(virConnectPtr conn, int from, const char *func,
                              const char *arg, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

#define virtReportError(conn, code, ...) \
    virtErrorRaise(conn, NULL, NULL, VIR_FROM_NONE, code, __VA_ARGS__)

/* Record a complete error verbatim for this thread (conn filled in). */
void virtErrorSetVerbatim(virConnectPtr conn, const virError *from);

/* At the end of a failing public call: copy the thread's error to conn
 * and run the connection's, the global or the default handler. */
void virtDispatchError(virConnectPtr conn);
/* A copy of the thread's last error (NULL when none), raised again and
 * freed by virtErrorRestore: for cleanup steps that may raise their own. */
void *virtErrorSave(void);
void virtErrorRestore(virConnectPtr conn, void *saved);

/* The standard text for an error code. */
const char *virtErrorCodeText(int code);
/* libvirt's name for an error domain ("QEMU Driver", "Test Driver", ...;
 * "" for VIR_FROM_NONE), or NULL for a value it does not know. */
const char *virtErrorDomainText(int from);

/* Free the strings of an error in place (conn/dom/net untouched). */
void virtErrorClear(virError *err);
/* Deep copy. */
void virtErrorCopy(virError *to, const virError *from);

#endif /* VIRT_ERROR_H */
