/* vsh-output.c: where virsh writes: results on stdout, 'error: ...' lines
 * on stderr, debug and log lines. */
#include <stdarg.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vsh.h"

static void logLine(vshControl *ctl, const char *level, const char *fmt, va_list ap)
{
    time_t now = time(NULL);
    struct tm tm;
    char stamp[32];

    if (!ctl || !ctl->log)
        return;
    localtime_r(&now, &tm);
    strftime(stamp, sizeof(stamp), "%Y.%m.%d %H:%M:%S", &tm);
    fprintf(ctl->log, "[%s virsh %d] %s ", stamp, (int)getpid(), level);
    vfprintf(ctl->log, fmt, ap);
    fputc('\n', ctl->log);
    fflush(ctl->log);
}

void vshPrint(vshControl *ctl, const char *fmt, ...)
{
    va_list ap;
    (void)ctl;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
}

/* Decoration that -q silences. */
void vshPrintExtra(vshControl *ctl, const char *fmt, ...)
{
    va_list ap;
    if (ctl && ctl->quiet)
        return;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
}

/* CTL may be NULL (parse errors come before a session exists). */
void vshError(vshControl *ctl, const char *fmt, ...)
{
    va_list ap;

    fflush(stdout);
    va_start(ap, fmt);
    logLine(ctl, "ERROR", fmt, ap);
    va_end(ap);
    fputs("error: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    fflush(stderr);
}

/* Levels as virsh numbers them: 0 debug .. 4 error; shown from ctl->debug up. */
void vshDebug(vshControl *ctl, int level, const char *fmt, ...)
{
    static const char *const names[] = { "DEBUG", "INFO", "NOTICE", "WARNING", "ERROR" };
    const char *name = names[level < 0 ? 0 : level > 4 ? 4 : level];
    va_list ap;

    va_start(ap, fmt);
    logLine(ctl, name, fmt, ap);
    va_end(ap);
    if (!ctl || level < ctl->debug)
        return;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

/* libvirt's default handler prints every error as it happens; virsh keeps
 * a copy of the latest one instead (later calls such as virDomainFree
 * clear the thread's last error) and prints it once the command failed. */
static virErrorPtr savedError;

static void saveErrorHandler(void *opaque, virErrorPtr err)
{
    (void)opaque;
    (void)err;
    virFreeError(savedError);
    savedError = virSaveLastError();
}

void vshInstallErrorHandler(void)
{
    virSetErrorFunc(NULL, saveErrorHandler);
}

void vshResetError(void)
{
    virFreeError(savedError);
    savedError = NULL;
    virResetLastError();
}

/* After a failed command: the library's own message, if it left one. */
void vshReportError(vshControl *ctl)
{
    virErrorPtr err = savedError ? savedError : virGetLastError();

    if (err && err->code != VIR_ERR_OK)
        vshError(ctl, "%s", err->message ? err->message : "unknown error");
    vshResetError();
}

/* BYTES in the largest binary unit that keeps the number above 1, with
 * DECIMALS digits: "100.00 GiB", "0.00 B". */
void vshFormatSize(unsigned long long bytes, int decimals, char *buf, size_t len)
{
    static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
    double v = (double)bytes;
    size_t u = 0;

    while (v >= 1024 && u + 1 < sizeof(units) / sizeof(units[0])) {
        v /= 1024;
        u++;
    }
    snprintf(buf, len, "%.*lf %s", decimals, v, units[u]);
}

/* A typed parameter's value as virsh shows it. */
void vshTypedParamFormat(const virTypedParameter *p, char *buf, size_t len)
{
    switch (p->type) {
    case VIR_TYPED_PARAM_INT: snprintf(buf, len, "%d", p->value.i); break;
    case VIR_TYPED_PARAM_UINT: snprintf(buf, len, "%u", p->value.ui); break;
    case VIR_TYPED_PARAM_LLONG: snprintf(buf, len, "%lld", p->value.l); break;
    case VIR_TYPED_PARAM_ULLONG: snprintf(buf, len, "%llu", p->value.ul); break;
    case VIR_TYPED_PARAM_DOUBLE: snprintf(buf, len, "%f", p->value.d); break;
    case VIR_TYPED_PARAM_BOOLEAN: snprintf(buf, len, "%s", p->value.b ? "yes" : "no"); break;
    case VIR_TYPED_PARAM_STRING: snprintf(buf, len, "%s", p->value.s ? p->value.s : ""); break;
    default: snprintf(buf, len, "%s", "unknown"); break;
    }
}
