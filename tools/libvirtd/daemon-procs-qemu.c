/* daemon-procs-qemu.c: handwritten dispatchers of the QEMU program (the
 * calls of libvirt-qemu.so.0, whose entry points libvirtd links in). */
#include "daemon-dispatch-table.h"
#include "error.h"

/* The result is an output string: the generated dispatchers carry scalars only. */
DAEMON_PROC(QEMU_DOMAIN_MONITOR_COMMAND)
{
    qemu_domain_monitor_command_args *args = argsp;
    qemu_domain_monitor_command_ret *ret = retp;
    char *result = NULL;
    int rv = -1;
    (void) client;
    virDomainPtr dom = daemonGetDomain(conn, &args->dom);
    if (!dom)
        return -1;
    if (virDomainQemuMonitorCommand(dom, args->cmd, &result, args->flags) < 0)
        goto cleanup;
    ret->result = result;
    rv = 0;
 cleanup:
    daemonReleaseDomain(dom);
    return rv;
}
