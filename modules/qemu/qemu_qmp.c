/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* qemu_qmp.c: virDomainQemuMonitorCommand (libvirt-qemu.so.0), a QMP or
 * human monitor command passed to a running domain's QEMU as it is. The
 * driver does not learn what the command changed. */
#include <stdlib.h>

#include "qemu_driver.h"
#include "qemu_monitor.h"
#include <libvirt/libvirt-qemu.h>

/* A caller's command may take long (a migration, a dump): wait a minute. */
#define PASSTHROUGH_TIMEOUT_MS 60000

int qemuDomainQemuMonitorCommand(virDomainPtr dom, const char *cmd, char **result,
                                 unsigned int flags)
{
    qemuDriver *drv;
    qemuDomain *vm;
    char *errmsg = NULL, *out = NULL;

    if (flags & ~(unsigned int) VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP) {
        QEMU_ERROR(qemuCore->handle_conn(dom), VIR_ERR_INVALID_ARG,
                   "unsupported flags (0x%x) in function %s",
                   flags & ~(unsigned int) VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP, __func__);
        return -1;
    }
    if (!(vm = qemuDomainFromHandleActive(dom, &drv)))
        return -1;
    if (!vm->mon) {
        QEMU_ERROR(qemuCore->handle_conn(dom), VIR_ERR_OPERATION_INVALID,
                   "domain '%s' has no monitor", vm->def->name);
        goto cleanup;
    }
    if (flags & VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP)
        out = qemuMonitorHMP(vm->mon, cmd, &errmsg);
    else
        out = qemuMonitorPassthrough(vm->mon, cmd, PASSTHROUGH_TIMEOUT_MS, &errmsg);
    if (!out)
        QEMU_ERROR(qemuCore->handle_conn(dom), VIR_ERR_OPERATION_FAILED, "domain '%s': %s",
                   vm->def->name, errmsg ? errmsg : "no reply");
 cleanup:
    pthread_mutex_unlock(&drv->lock);
    free(errmsg);
    if (!out)
        return -1;
    *result = out;
    return 0;
}
