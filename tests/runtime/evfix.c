/* evfix.c: a fixture module for the runtime tests. It serves evfix:///ok
 * with one domain, "evdom"; suspending and resuming it raise lifecycle
 * events for the calling connection, and rebooting raises a reboot event. */
#include <stdlib.h>
#include <string.h>

#include "virt-module.h"

static const virtCoreServices *core;
static const unsigned char evUUID[16] = { 0xe7, 0x0e, 0x17, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };

static int evOpen(virConnectPtr conn, const virtURI *uri, virConnectAuthPtr auth,
                  unsigned int flags, unsigned int roles, void **priv)
{
    if (!uri->path || strcmp(uri->path, "/ok") != 0)
        return VIRT_OPEN_DECLINED;
    *priv = NULL;
    return VIRT_OPEN_SUCCESS;
}

static int evClose(virConnectPtr conn, void *priv)
{
    return 0;
}

static virDomainPtr evLookupByName(virConnectPtr conn, const char *name)
{
    if (strcmp(name, "evdom") != 0) {
        core->error(conn, VIR_FROM_TEST, VIR_ERR_NO_DOMAIN, "'%s'", name);
        return NULL;
    }
    return virtHandleNewDomain(core, conn, "evdom", evUUID, 7);
}

/* Needs a core with the event services. */
static int haveEvents(virConnectPtr conn)
{
    if (core->size >= offsetof(virtCoreServices, event_queue) + sizeof(void *))
        return 1;
    core->error(conn, VIR_FROM_TEST, VIR_ERR_NO_SUPPORT, "core without events");
    return 0;
}

static int evSuspend(virDomainPtr dom)
{
    if (!haveEvents(core->handle_conn(dom)))
        return -1;
    virtHandleEvent(core, core->handle_conn(dom), dom, 0, 3 /* SUSPENDED */, 0);
    return 0;
}

static int evResume(virDomainPtr dom)
{
    if (!haveEvents(core->handle_conn(dom)))
        return -1;
    virtHandleEvent(core, core->handle_conn(dom), dom, 0, 4 /* RESUMED */, 0);
    return 0;
}

static int evReboot(virDomainPtr dom, unsigned int flags)
{
    if (!haveEvents(core->handle_conn(dom)))
        return -1;
    virtHandleEvent(core, core->handle_conn(dom), dom, 1 /* REBOOT */, 0, 0);
    return 0;
}

static virtHypervisorTable hypervisor = {
    .size = sizeof(virtHypervisorTable),
    .domainLookupByName = evLookupByName,
    .domainSuspend = evSuspend,
    .domainResume = evResume,
    .domainReboot = evReboot,
};
static virtNetworkTable network = { .size = sizeof(virtNetworkTable) };
static const char *const schemes[] = { "evfix", NULL };
static const virtModuleDescriptor descriptor = {
    .size = sizeof(virtModuleDescriptor),
    .abi_version = VIRT_MODULE_ABI_VERSION,
    .name = "evfix",
    .version = "1.0",
    .schemes = schemes,
    .roles = VIRT_ROLE_BIT(VIRT_ROLE_HYPERVISOR) | VIRT_ROLE_BIT(VIRT_ROLE_NETWORK),
    .open = evOpen,
    .close = evClose,
    .hypervisor = &hypervisor,
    .network = &network,
};

VIRT_MODULE_EXPORT const virtModuleDescriptor *virt_module_entry(const virtCoreServices *services)
{
    core = services;
    return &descriptor;
}
