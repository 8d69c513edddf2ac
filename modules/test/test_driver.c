/* test_driver.c: the test:/// module (skeleton: being filled in). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "virt-module.h"
#include "util.h"

static const virtCoreServices *core;

typedef struct testConn {
    int unused;
} testConn;

static const unsigned char defaultUUID[16] = {
    0x66, 0x95, 0xeb, 0x01, 0xf6, 0xa4, 0x83, 0x04,
    0x79, 0xaa, 0x97, 0xf2, 0x50, 0x2e, 0x19, 0x3f,
};

static int testOpen(virConnectPtr conn, const virtURI *uri, virConnectAuthPtr auth,
                    unsigned int flags, unsigned int roles, void **priv)
{
    if (!uri->path || strcmp(uri->path, "/default") != 0) {
        core->error(conn, VIR_FROM_TEST, VIR_ERR_NO_SUPPORT, "only test:///default so far");
        return VIRT_OPEN_ERROR;
    }
    *priv = virtAlloc(sizeof(testConn));
    return VIRT_OPEN_SUCCESS;
}

static int testClose(virConnectPtr conn, void *priv)
{
    free(priv);
    return 0;
}

static const char *testGetType(virConnectPtr conn)
{
    return "TEST";
}

static int testNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info)
{
    memset(info, 0, sizeof(*info));
    strcpy(info->model, "i686");
    info->memory = 3145728;
    info->cpus = 16;
    info->mhz = 1400;
    info->nodes = 2;
    info->sockets = 2;
    info->cores = 2;
    info->threads = 2;
    return 0;
}

static int testNumOfDomains(virConnectPtr conn)
{
    return 1;
}

static int testListDomains(virConnectPtr conn, int *ids, int maxids)
{
    if (maxids > 0)
        ids[0] = 1;
    return maxids > 0 ? 1 : 0;
}

static virDomainPtr testLookupByID(virConnectPtr conn, int id)
{
    if (id != 1) {
        core->error(conn, VIR_FROM_TEST, VIR_ERR_NO_DOMAIN, "no domain with matching id %d", id);
        return NULL;
    }
    return core->domain_new(conn, "test", defaultUUID, 1);
}

static const virtHypervisorTable hypervisor = {
    .size = sizeof(virtHypervisorTable),
    .connectGetType = testGetType,
    .nodeGetInfo = testNodeGetInfo,
    .connectNumOfDomains = testNumOfDomains,
    .connectListDomains = testListDomains,
    .domainLookupByID = testLookupByID,
};

static const virtNetworkTable network = {
    .size = sizeof(virtNetworkTable),
};

static const char *const schemes[] = { "test", NULL };

static const virtModuleDescriptor descriptor = {
    .size = sizeof(virtModuleDescriptor),
    .abi_version = VIRT_MODULE_ABI_VERSION,
    .name = "test",
    .version = "0.1.0",
    .schemes = schemes,
    .roles = VIRT_ROLE_BIT(VIRT_ROLE_HYPERVISOR) | VIRT_ROLE_BIT(VIRT_ROLE_NETWORK),
    .open = testOpen,
    .close = testClose,
    .hypervisor = &hypervisor,
    .network = &network,
};

VIRT_MODULE_EXPORT const virtModuleDescriptor *virt_module_entry(const virtCoreServices *services)
{
    core = services;
    return &descriptor;
}
