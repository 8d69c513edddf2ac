/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* remote_qemu.c: the calls of libvirt-qemu.so.0 that the generated stubs
 * cannot carry (an output string), on the daemon's QEMU program. */
#include <string.h>

#include "remote_driver.h"
#include "remote_handwritten.h"

int remoteDomainQemuMonitorCommand(virDomainPtr domain, const char *cmd, char **result,
                                   unsigned int flags)
{
    virConnectPtr conn = remoteCore->handle_conn(domain);
    qemu_domain_monitor_command_args args;
    qemu_domain_monitor_command_ret ret;

    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    remoteDomainToWire(domain, &args.dom);
    args.cmd = (char *) cmd;
    args.flags = flags;
    if (remoteCallProgram(conn, QEMU_PROGRAM, QEMU_PROTOCOL_VERSION,
                          QEMU_PROC_DOMAIN_MONITOR_COMMAND,
                          virtXDRAny_qemu_domain_monitor_command_args, &args,
                          virtXDRAny_qemu_domain_monitor_command_ret, &ret) < 0)
        return -1;
    *result = ret.result;          /* the caller frees it */
    return 0;
}
