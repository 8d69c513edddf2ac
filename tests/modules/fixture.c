/* fixture.c: one small module source, built once per -D variant, to test
 * how the core loads, checks and routes to modules (tests/modules/).
 *
 *   FIX_NAME     the module's name (a bare word: -DFIX_NAME=good)
 *   FIX_VARIANT  which defect to build in (FIX_* below)
 *
 * The module claims the scheme equal to its name, serves URIs
 * NAME:///ok, counts calls in a counter the tests read through
 * virConnectGetVersion (hvVer = number of opens so far), and answers
 * connectGetType with its name. */
#include <stdlib.h>
#include <string.h>

#include "virt-module.h"

#define FIX_GOOD         0
#define FIX_ABI_MAJOR    1   /* built for another major ABI */
#define FIX_ABI_MINOR    2   /* needs a newer minor than the core has */
#define FIX_BAD_TABLE    3   /* hypervisor table size not whole slots */
#define FIX_SHORT_DESC   4   /* descriptor smaller than the core's */
#define FIX_NO_ENTRY     5   /* entry symbol misspelt */
#define FIX_NAME_DIFF    6   /* calls itself something else */
#define FIX_SCHEME_DIFF  7   /* claims another scheme */
#define FIX_ROLE_DIFF    8   /* claims the network role only */
#define FIX_DECLINE      9   /* open() declines every URI */
#define FIX_OPEN_FAIL   10   /* open() fails with its own error */
#define FIX_OLD_TABLE   11   /* valid but older, shorter hypervisor table */
#define FIX_PROBE_YES   12   /* probes: its hypervisor is present */
#define FIX_PROBE_NO    13   /* probes: its hypervisor is absent */
#define FIX_NO_TABLE    14   /* hypervisor role without a table */
#define FIX_NO_STORAGE  15   /* claims the storage role without its table */
#define FIX_DEP_GONE    16   /* needs a library that is not there at run time */

#ifndef FIX_VARIANT
#define FIX_VARIANT FIX_GOOD
#endif
#define STR_(x) #x
#define STR(x) STR_(x)
#define NAME STR(FIX_NAME)

#if FIX_VARIANT == FIX_DEP_GONE
int fixgoneAnswer(void);
/* a use of the missing library, so the link keeps it */
int (*const fixgoneUse)(void) = fixgoneAnswer;
#endif

static const virtCoreServices *core;
static int opens;

/* Used for the slot past an old table's end: the core must never call it. */
static void mustNotRun(void)
{
    abort();
}

static int fixOpen(virConnectPtr conn, const virtURI *uri, virConnectAuthPtr auth,
                   unsigned int flags, unsigned int roles, void **priv)
{
    if (FIX_VARIANT == FIX_DECLINE)
        return VIRT_OPEN_DECLINED;
    if (FIX_VARIANT == FIX_OPEN_FAIL) {
        core->error(conn, VIR_FROM_TEST, VIR_ERR_OPERATION_FAILED,
                    "fixture %s cannot open %s", NAME, uri->original);
        return VIRT_OPEN_ERROR;
    }
    if (!uri->path || strcmp(uri->path, "/ok") != 0)
        return VIRT_OPEN_DECLINED;
    __atomic_add_fetch(&opens, 1, __ATOMIC_SEQ_CST);
    *priv = malloc(1);
    return VIRT_OPEN_SUCCESS;
}

static int fixClose(virConnectPtr conn, void *priv)
{
    free(priv);
    return 0;
}

static const char *fixGetType(virConnectPtr conn)
{
    return NAME;
}

static int fixGetVersion(virConnectPtr conn, unsigned long *hvVer)
{
    *hvVer = (unsigned long) __atomic_load_n(&opens, __ATOMIC_SEQ_CST);
    return 0;
}

static const unsigned char fixUUID[16] = { 0xf1, 0x0c, 0x57, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };

static virDomainPtr fixLookupByID(virConnectPtr conn, int id)
{
    return virtHandleNewDomain(core, conn, "fixture", fixUUID, id);
}

static virNetworkPtr fixNetLookupByName(virConnectPtr conn, const char *name)
{
    return virtHandleNewNetwork(core, conn, name, fixUUID);
}

static const char *fixProbe(void)
{
    if (FIX_VARIANT == FIX_PROBE_YES)
        return NAME ":///ok";
    return NULL;
}

static virtHypervisorTable hypervisor;
static virtNetworkTable network;
static const char *const schemes[] = {
    FIX_VARIANT == FIX_SCHEME_DIFF ? "elsewhere" : NAME, NULL
};
static virtModuleDescriptor descriptor;

static void fill(void)
{
    void (*trap)(void) = mustNotRun;

    /* Every slot traps: the tests check which calls reach the module. */
    for (size_t off = sizeof(size_t); off + sizeof(trap) <= sizeof(hypervisor); off += sizeof(trap))
        memcpy((char *) &hypervisor + off, &trap, sizeof(trap));
    for (size_t off = sizeof(size_t); off + sizeof(trap) <= sizeof(network); off += sizeof(trap))
        memcpy((char *) &network + off, &trap, sizeof(trap));
    hypervisor.size = sizeof(hypervisor);
    hypervisor.connectGetType = fixGetType;
    hypervisor.connectGetVersion = fixGetVersion;
    hypervisor.domainLookupByID = fixLookupByID;
    network.size = sizeof(network);
    network.networkLookupByName = fixNetLookupByName;

    if (FIX_VARIANT == FIX_BAD_TABLE)
        hypervisor.size = sizeof(size_t) + 3;
    if (FIX_VARIANT == FIX_OLD_TABLE)  /* ends right after connectGetVersion */
        hypervisor.size = offsetof(virtHypervisorTable, connectGetHostname);

    descriptor.size = sizeof(descriptor);
    descriptor.abi_version = VIRT_MODULE_ABI_VERSION;
    descriptor.name = FIX_VARIANT == FIX_NAME_DIFF ? "somebody-else" : NAME;
    descriptor.version = "1.0";
    descriptor.schemes = schemes;
    descriptor.roles = VIRT_ROLE_BIT(VIRT_ROLE_HYPERVISOR) | VIRT_ROLE_BIT(VIRT_ROLE_NETWORK);
    descriptor.probe = (FIX_VARIANT == FIX_PROBE_YES || FIX_VARIANT == FIX_PROBE_NO) ? fixProbe : NULL;
    descriptor.open = fixOpen;
    descriptor.close = fixClose;
    descriptor.hypervisor = &hypervisor;
    descriptor.network = &network;

    if (FIX_VARIANT == FIX_ABI_MAJOR)
        descriptor.abi_version = (uint32_t) ((VIRT_MODULE_ABI_MAJOR + 1) << 16);
    if (FIX_VARIANT == FIX_ABI_MINOR)
        descriptor.abi_version = VIRT_MODULE_ABI_VERSION + 1;
    if (FIX_VARIANT == FIX_SHORT_DESC)
        descriptor.size = offsetof(virtModuleDescriptor, hypervisor);
    if (FIX_VARIANT == FIX_ROLE_DIFF)
        descriptor.roles = VIRT_ROLE_BIT(VIRT_ROLE_NETWORK);
    if (FIX_VARIANT == FIX_NO_TABLE)
        descriptor.hypervisor = NULL;
    if (FIX_VARIANT == FIX_NO_STORAGE)
        descriptor.roles |= VIRT_ROLE_BIT(VIRT_ROLE_STORAGE);   /* .storage stays NULL */
}

#if FIX_VARIANT == FIX_NO_ENTRY
VIRT_MODULE_EXPORT const virtModuleDescriptor *virt_module_entry_misspelt(const virtCoreServices *services);
VIRT_MODULE_EXPORT const virtModuleDescriptor *virt_module_entry_misspelt(const virtCoreServices *services)
#else
VIRT_MODULE_EXPORT const virtModuleDescriptor *virt_module_entry(const virtCoreServices *services)
#endif
{
    core = services;
    fill();
    return &descriptor;
}
