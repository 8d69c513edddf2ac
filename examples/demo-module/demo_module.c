/* demo_module.c: a complete driver module built outside the mkvirt tree.
 *
 * It serves demo:/// read-only: a fixed host with one running domain
 * called "demo". Everything a module author needs is here in small: the
 * entry function, the descriptor, the hypervisor table, open/close with
 * per-connection state, declining URIs it does not serve, and reporting
 * errors through the core's services. docs/module-authors.md walks
 * through this file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <virt-module.h>

/* The core's services, kept from the entry call. */
static const virtCoreServices *core;
/* For VIRT_CHECK_FLAGS, which refuses flags a function does not know. */
#define VIRT_MODULE_SERVICES core
#define VIRT_FROM_THIS VIR_FROM_NONE

/* The one domain this host has. */
#define DEMO_DOMAIN_NAME "demo"
#define DEMO_DOMAIN_ID 1
#define DEMO_MEMORY_KIB 65536UL
static const unsigned char demoUUID[16] = {
    0x6d, 0x6b, 0x76, 0x69, 0x72, 0x74, 0x40, 0x00,
    0x80, 0x00, 0x64, 0x65, 0x6d, 0x6f, 0x00, 0x01,
};

/* Per-connection state: what open() stores in *priv. This driver needs
 * little, but a real one keeps its hypervisor handle here. */
typedef struct demoConn {
    unsigned long opened_version;
} demoConn;

static int demoOpen(virConnectPtr conn, const virtURI *uri, virConnectAuthPtr auth,
                    unsigned int flags, unsigned int roles, void **priv)
{
    /* demo:/// and demo:///default are ours; any other path is declined
     * without an error so that the core can say nobody serves it. */
    if (uri->path && strcmp(uri->path, "/") != 0 && strcmp(uri->path, "/default") != 0)
        return VIRT_OPEN_DECLINED;
    if (uri->nparams > 0) {
        core->error(conn, VIR_FROM_NONE, VIR_ERR_INVALID_ARG,
                    "URI '%s': the demo driver takes no parameters", uri->original);
        return VIRT_OPEN_ERROR;
    }
    demoConn *dc = calloc(1, sizeof(*dc));
    if (!dc) {
        core->error(conn, VIR_FROM_NONE, VIR_ERR_NO_MEMORY, NULL);
        return VIRT_OPEN_ERROR;
    }
    dc->opened_version = 1000;
    *priv = dc;
    return VIRT_OPEN_SUCCESS;
}

static int demoClose(virConnectPtr conn, void *priv)
{
    free(priv);
    return 0;
}

static const char *demoGetType(virConnectPtr conn)
{
    return "DEMO";
}

static int demoGetVersion(virConnectPtr conn, unsigned long *hvVer)
{
    demoConn *dc = core->conn_private(conn, VIRT_ROLE_HYPERVISOR);
    *hvVer = dc->opened_version;
    return 0;
}

static int demoIsAlive(virConnectPtr conn)
{
    return 1;
}

static int demoNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info)
{
    memset(info, 0, sizeof(*info));
    snprintf(info->model, sizeof(info->model), "demo");
    info->memory = 1048576;   /* KiB */
    info->cpus = 2;
    info->mhz = 1000;
    info->nodes = 1;
    info->sockets = 1;
    info->cores = 2;
    info->threads = 1;
    return 0;
}

static virDomainPtr demoHandle(virConnectPtr conn)
{
    return virtHandleNewDomain(core, conn, DEMO_DOMAIN_NAME, demoUUID, DEMO_DOMAIN_ID);
}

static int demoNumOfDomains(virConnectPtr conn)
{
    return 1;
}

static int demoListDomains(virConnectPtr conn, int *ids, int maxids)
{
    if (maxids < 1)
        return 0;
    ids[0] = DEMO_DOMAIN_ID;
    return 1;
}

static int demoNumOfDefinedDomains(virConnectPtr conn)
{
    return 0;
}

static int demoListDefinedDomains(virConnectPtr conn, char **const names, int maxnames)
{
    return 0;
}

/* The array and its handles belong to the caller, who frees them with
 * free() and virDomainFree(). The one domain is active and persistent. */
static int demoListAllDomains(virConnectPtr conn, virDomainPtr **domains, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_INACTIVE |
                     VIR_CONNECT_LIST_DOMAINS_PERSISTENT | VIR_CONNECT_LIST_DOMAINS_TRANSIENT, -1);
    /* Filters come in pairs; a pair with neither bit set filters nothing. */
    unsigned int activeBits = VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_INACTIVE;
    unsigned int persistBits = VIR_CONNECT_LIST_DOMAINS_PERSISTENT | VIR_CONNECT_LIST_DOMAINS_TRANSIENT;
    int wanted = (!(flags & activeBits) || (flags & VIR_CONNECT_LIST_DOMAINS_ACTIVE)) &&
                 (!(flags & persistBits) || (flags & VIR_CONNECT_LIST_DOMAINS_PERSISTENT));
    if (!domains)
        return wanted ? 1 : 0;
    virDomainPtr *list = calloc(2, sizeof(*list));
    if (!list) {
        core->error(conn, VIR_FROM_NONE, VIR_ERR_NO_MEMORY, NULL);
        return -1;
    }
    int n = 0;
    if (wanted && !(list[n++] = demoHandle(conn))) {
        free(list);
        return -1;
    }
    *domains = list;
    return n;
}

static virDomainPtr demoLookupByID(virConnectPtr conn, int id)
{
    if (id != DEMO_DOMAIN_ID) {
        core->error(conn, VIR_FROM_DOM, VIR_ERR_NO_DOMAIN, "no domain with id %d", id);
        return NULL;
    }
    return demoHandle(conn);
}

static virDomainPtr demoLookupByName(virConnectPtr conn, const char *name)
{
    if (strcmp(name, DEMO_DOMAIN_NAME) != 0) {
        core->error(conn, VIR_FROM_DOM, VIR_ERR_NO_DOMAIN, "no domain with name '%s'", name);
        return NULL;
    }
    return demoHandle(conn);
}

static virDomainPtr demoLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    if (memcmp(uuid, demoUUID, sizeof(demoUUID)) != 0) {
        core->error(conn, VIR_FROM_DOM, VIR_ERR_NO_DOMAIN, "no domain with that UUID");
        return NULL;
    }
    return demoHandle(conn);
}

static int demoGetInfo(virDomainPtr dom, virDomainInfoPtr info)
{
    memset(info, 0, sizeof(*info));
    info->state = VIR_DOMAIN_RUNNING;
    info->maxMem = DEMO_MEMORY_KIB;
    info->memory = DEMO_MEMORY_KIB;
    info->nrVirtCpu = 1;
    return 0;
}

static int demoGetState(virDomainPtr dom, int *state, int *reason, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    *state = VIR_DOMAIN_RUNNING;
    if (reason)
        *reason = VIR_DOMAIN_RUNNING_BOOTED;
    return 0;
}

static char *demoGetXMLDesc(virDomainPtr dom, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_XML_SECURE | VIR_DOMAIN_XML_INACTIVE, NULL);
    char *xml = NULL;
    if (asprintf(&xml,
                 "<domain type='demo' id='%d'>\n"
                 "  <name>%s</name>\n"
                 "  <uuid>6d6b7669-7274-4000-8000-64656d6f0001</uuid>\n"
                 "  <memory unit='KiB'>%lu</memory>\n"
                 "  <currentMemory unit='KiB'>%lu</currentMemory>\n"
                 "  <vcpu placement='static'>1</vcpu>\n"
                 "  <os>\n"
                 "    <type>exe</type>\n"
                 "  </os>\n"
                 "</domain>\n",
                 DEMO_DOMAIN_ID, DEMO_DOMAIN_NAME, DEMO_MEMORY_KIB, DEMO_MEMORY_KIB) < 0) {
        core->error(core->handle_conn(dom), VIR_FROM_DOM, VIR_ERR_NO_MEMORY, NULL);
        return NULL;
    }
    return xml;
}

static int demoIsActive(virDomainPtr dom)
{
    return 1;
}

static int demoIsPersistent(virDomainPtr dom)
{
    return 1;
}

/* Only the slots named here are implemented; every other one stays NULL
 * and the core answers VIR_ERR_NO_SUPPORT for it. Because every slot that
 * changes state is NULL, the driver is read-only. */
static const virtHypervisorTable demoHypervisor = {
    .size = sizeof(virtHypervisorTable),
    .connectGetType = demoGetType,
    .connectGetVersion = demoGetVersion,
    .connectIsAlive = demoIsAlive,
    .nodeGetInfo = demoNodeGetInfo,
    .connectNumOfDomains = demoNumOfDomains,
    .connectListDomains = demoListDomains,
    .connectNumOfDefinedDomains = demoNumOfDefinedDomains,
    .connectListDefinedDomains = demoListDefinedDomains,
    .connectListAllDomains = demoListAllDomains,
    .domainLookupByID = demoLookupByID,
    .domainLookupByName = demoLookupByName,
    .domainLookupByUUID = demoLookupByUUID,
    .domainGetInfo = demoGetInfo,
    .domainGetState = demoGetState,
    .domainGetXMLDesc = demoGetXMLDesc,
    .domainIsActive = demoIsActive,
    .domainIsPersistent = demoIsPersistent,
};

static const char *const demoSchemes[] = { "demo", NULL };

static const virtModuleDescriptor demoDescriptor = {
    .size = sizeof(virtModuleDescriptor),
    .abi_version = VIRT_MODULE_ABI_VERSION,
    .name = "demo",
    .version = "1.0",
    .schemes = demoSchemes,
    .roles = VIRT_ROLE_BIT(VIRT_ROLE_HYPERVISOR),
    .probe = NULL,            /* never chosen for a NULL URI */
    .open = demoOpen,
    .close = demoClose,
    .hypervisor = &demoHypervisor,
    .network = NULL,
};

VIRT_MODULE_EXPORT const virtModuleDescriptor *virt_module_entry(const virtCoreServices *services)
{
    core = services;
    return &demoDescriptor;
}
