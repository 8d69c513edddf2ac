/* companion_client.c: an application of libvirt-qemu.so.0 and
 * libvirt-lxc.so.0, compiled by test_clients.py against our headers and
 * against Debian's, and run on our three libraries. The enum values are
 * libvirt's; it prints which library served each call. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include <libvirt/libvirt.h>
#include <libvirt/libvirt-lxc.h>
#include <libvirt/libvirt-qemu.h>
#include <libvirt/virterror.h>

_Static_assert(VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP == 1, "HMP flag");
_Static_assert(VIR_DOMAIN_QEMU_AGENT_COMMAND_MIN == -2, "agent timeout min");
_Static_assert(VIR_DOMAIN_QEMU_AGENT_COMMAND_NOWAIT == 0, "agent nowait");
_Static_assert(VIR_DOMAIN_QEMU_AGENT_COMMAND_SHUTDOWN == 60, "agent shutdown timeout");
_Static_assert(VIR_CONNECT_DOMAIN_QEMU_MONITOR_EVENT_REGISTER_NOCASE == 2, "nocase flag");

static void quiet(void *data, virErrorPtr err)
{
    (void) data; (void) err;
}

static void where(void *fn)
{
    Dl_info info;
    if (dladdr(fn, &info) && info.dli_fname)
        printf("library %s\n", info.dli_fname);
}

int main(void)
{
    int fails = 0;
    char *result = NULL;
    virSecurityModel model;
    virSecurityLabel label, old;

    where((void *) virConnectOpen);
    where((void *) virDomainQemuMonitorCommand);
    where((void *) virDomainLxcOpenNamespace);
    virSetErrorFunc(NULL, quiet);
    virConnectPtr conn = virConnectOpen("test:///default");
    virDomainPtr dom = conn ? virDomainLookupByName(conn, "test") : NULL;
    if (!dom)
        return 1;
    if (virDomainQemuMonitorCommand(dom, "{\"execute\":\"query-status\"}", &result, 0) != -1 ||
        virGetLastErrorCode() != VIR_ERR_NO_SUPPORT)
        fails++;
    if (virDomainQemuMonitorCommand(dom, "{}", NULL, 0) != -1 ||
        virGetLastErrorCode() != VIR_ERR_INVALID_ARG)
        fails++;
    int *fds = NULL;
    if (virDomainLxcOpenNamespace(dom, &fds, 0) != -1 || virGetLastErrorCode() != VIR_ERR_NO_SUPPORT)
        fails++;
    memset(&model, 0, sizeof(model));
    memset(&label, 0, sizeof(label));
    strcpy(model.model, "none");
    if (virDomainLxcEnterSecurityLabel(&model, &label, &old, 0) != 0)
        fails++;
    if (virDomainLxcEnterSecurityLabel(&model, &label, NULL, 1) != -1 ||
        virGetLastErrorCode() != VIR_ERR_INVALID_ARG)
        fails++;
    virDomainFree(dom);
    virConnectClose(conn);
    printf("%s\n", fails ? "FAILED" : "PASSED");
    return fails ? 1 : 0;
}
