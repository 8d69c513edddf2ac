/* log.h: debug logging with per-file categories, configured as libvirt's
 * is: LIBVIRT_DEBUG (default priority), LIBVIRT_LOG_FILTERS ("1:qemu
 * 3:util", per-category priorities) and LIBVIRT_LOG_OUTPUTS ("1:stderr
 * 2:file:PATH 1:journald 3:syslog:NAME"). */
#ifndef VIRT_LOG_H
#define VIRT_LOG_H

#include <stdarg.h>
#include <stdbool.h>

#include "virt-module.h"   /* virtLogPriority */

/* Each source file names its category once, e.g. VIRT_LOG_INIT("core.connect"). */
#define VIRT_LOG_INIT(name) static const char virtLogCategory[] = name

#define VIRT_LOG_AT(prio, ...) \
    virtLogMessage((prio), virtLogCategory, __FILE__, __LINE__, __func__, __VA_ARGS__)
#define VIRT_DEBUG(...) VIRT_LOG_AT(VIRT_LOG_DEBUG, __VA_ARGS__)
#define VIRT_INFO(...) VIRT_LOG_AT(VIRT_LOG_INFO, __VA_ARGS__)
#define VIRT_WARN(...) VIRT_LOG_AT(VIRT_LOG_WARN, __VA_ARGS__)

/* A string argument for "%s" that may be NULL. */
static inline const char *virtLogStr(const char *s)
{
    return s ? s : "(null)";
}

/* Whether a message of prio in category would reach any output: lets a
 * caller skip costly preparation of a message nobody reads. */
bool virtLogWants(int prio, const char *category);

void virtLogMessage(int prio, const char *category, const char *file, int line,
                    const char *func, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
void virtLogVMessage(int prio, const char *category, const char *file, int line,
                     const char *func, const char *fmt, va_list ap)
    __attribute__((format(printf, 6, 0)));

/* Replace the settings read from the environment (the daemon applies its
 * libvirtd.conf with these). NULL or "" leaves that part unchanged.
 * Return 0, or -1 when spec has an entry that cannot be parsed; the
 * settings are then left as they were. */
int virtLogSetDefaultPriority(const char *spec);
int virtLogSetFilters(const char *spec);
int virtLogSetOutputs(const char *spec);
/* The filters / outputs in effect as their spec text (caller frees;
 * NULL when there is no filter) and how many there are. */
int virtLogGetFilters(char **spec);
int virtLogGetOutputs(char **spec);
/* Apply LIBVIRT_DEBUG, LIBVIRT_LOG_FILTERS and LIBVIRT_LOG_OUTPUTS again,
 * after settings from a file: the environment wins, as with libvirt. */
void virtLogSetFromEnv(void);

#endif /* VIRT_LOG_H */
