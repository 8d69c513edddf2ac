/* test_module.c: the module's entry point, its descriptor and function
 * tables, and opening and closing connections. test:///default shares one
 * process-wide host among its connections; a node file gives each
 * connection a host of its own. */
#include <stdlib.h>
#include <string.h>

#include "test_driver.h"
#include "util.h"

const virtCoreServices *testCore;

/* Every open connection (events go to each connection of a state), and
 * the shared default host. */
static pthread_mutex_t registryLock = PTHREAD_MUTEX_INITIALIZER;
static testConn **registry;
static size_t nregistry, registryCap;
static testState *defaultState;

static void registryAdd(testConn *tc)
{
    pthread_mutex_lock(&registryLock);
    if (nregistry == registryCap) {
        registryCap = registryCap ? registryCap * 2 : 8;
        registry = virtRealloc(registry, registryCap * sizeof(*registry));
    }
    registry[nregistry++] = tc;
    pthread_mutex_unlock(&registryLock);
}


void testConnForEach(testState *st, void (*fn)(virConnectPtr conn, void *opaque), void *opaque)
{
    pthread_mutex_lock(&registryLock);
    for (size_t i = 0; i < nregistry; i++)
        if (registry[i]->state == st)
            fn(registry[i]->conn, opaque);
    pthread_mutex_unlock(&registryLock);
}

int testStatesVisit(int (*fn)(testState *st, void *opaque), void *opaque)
{
    int ret = 0;
    pthread_mutex_lock(&registryLock);
    for (size_t i = 0; i < nregistry && ret == 0; i++) {
        testState *st = registry[i]->state;
        pthread_mutex_lock(&st->lock);
        ret = fn(st, opaque);
        pthread_mutex_unlock(&st->lock);
    }
    pthread_mutex_unlock(&registryLock);
    return ret;
}

testState *testConnState(virConnectPtr conn)
{
    /* One open serves every role we fill: any of them leads to it. */
    testConn *tc = NULL;
    for (int r = VIRT_ROLE_HYPERVISOR; r < VIRT_ROLE_LAST && !tc; r++)
        if (r != VIRT_ROLE_REMOTE)
            tc = testCore->conn_private(conn, (virtRole) r);
    return tc ? tc->state : NULL;
}

static testState *defaultStateRef(void)
{
    pthread_mutex_lock(&registryLock);
    if (!defaultState)
        defaultState = testDefaultStateNew();
    defaultState->refs++;
    testState *st = defaultState;
    pthread_mutex_unlock(&registryLock);
    return st;
}

/* Ask the caller's callback for a user name, then for that user's
 * password, and compare them with the node file's <auth>. */
static int checkAuth(virConnectPtr conn, virConnectAuthPtr auth,
                     const char *user, const char *password)
{
    virConnectCredential cred[2];
    int ret = -1;

    memset(cred, 0, sizeof(cred));
    if (!auth || !auth->cb) {
        TEST_ERROR(conn, VIR_ERR_AUTH_FAILED,
                   "missing authentication credentials: this test node file requires a user name and password");
        return -1;
    }
    cred[0].type = VIR_CRED_AUTHNAME;
    cred[0].prompt = "Enter username for localhost";
    if (auth->cb(&cred[0], 1, auth->cbdata) < 0 || !cred[0].result) {
        TEST_ERROR(conn, VIR_ERR_AUTH_FAILED, "no user name was supplied");
        goto cleanup;
    }
    char *prompt = virtAsprintf("Enter %s's password for localhost", cred[0].result);
    cred[1].type = VIR_CRED_PASSPHRASE;
    cred[1].prompt = prompt;
    int rc = auth->cb(&cred[1], 1, auth->cbdata);
    free(prompt);
    if (rc < 0 || !cred[1].result) {
        TEST_ERROR(conn, VIR_ERR_AUTH_FAILED, "no password was supplied");
        goto cleanup;
    }
    if (strcmp(cred[0].result, user) != 0 || strcmp(cred[1].result, password) != 0) {
        TEST_ERROR(conn, VIR_ERR_AUTH_FAILED,
                   "authentication failed, see test XML for the correct username/password");
        goto cleanup;
    }
    ret = 0;
 cleanup:
    free(cred[0].result);
    free(cred[1].result);
    return ret;
}

static int testOpen(virConnectPtr conn, const virtURI *uri, virConnectAuthPtr auth,
                    unsigned int flags, unsigned int roles, void **priv)
{
    testState *st = NULL;
    char *user = NULL, *password = NULL;
    int ret = VIRT_OPEN_ERROR;

    if (!uri->path || !uri->path[0] || strcmp(uri->path, "/") == 0) {
        /* libvirt's words, naming its function */
        TEST_ERROR(conn, VIR_ERR_INVALID_ARG, "testOpen: supply a path or use test:///default");
        goto cleanup;
    }
    if (strcmp(uri->path, "/default") == 0) {
        st = defaultStateRef();
    } else {
        if (!(st = testNodeFileLoad(conn, uri->path, &user, &password)))
            goto cleanup;
        st->refs = 1;
        if (user && checkAuth(conn, auth, user, password ? password : "") < 0)
            goto cleanup;
    }
    testConn *tc = virtAlloc(sizeof(*tc));
    tc->state = st;
    tc->conn = conn;
    st = NULL;
    registryAdd(tc);
    *priv = tc;
    ret = VIRT_OPEN_SUCCESS;
 cleanup:
    if (st && !st->is_default)
        testStateFree(st);
    free(user);
    free(password);
    return ret;
}

static int testClose(virConnectPtr conn, void *priv)
{
    testConn *tc = priv;
    testState *dropped = NULL;

    pthread_mutex_lock(&registryLock);
    for (size_t i = 0; i < nregistry; i++) {
        if (registry[i] == tc) {
            registry[i] = registry[--nregistry];
            break;
        }
    }
    if (--tc->state->refs == 0) {
        dropped = tc->state;
        if (dropped == defaultState)
            defaultState = NULL;
    }
    if (nregistry == 0) {
        free(registry);
        registry = NULL;
        registryCap = 0;
    }
    pthread_mutex_unlock(&registryLock);
    testStateFree(dropped);
    free(tc);
    return 0;
}

static const virtHypervisorTable hypervisorTable = {
    .size = sizeof(virtHypervisorTable),
    .connectGetType = testConnectGetType,
    .connectGetVersion = testConnectGetVersion,
    .connectGetHostname = testConnectGetHostname,
    .connectGetMaxVcpus = testConnectGetMaxVcpus,
    .nodeGetInfo = testNodeGetInfo,
    .connectGetCapabilities = testConnectGetCapabilities,
    .nodeGetFreeMemory = testNodeGetFreeMemory,
    .nodeGetCellsFreeMemory = testNodeGetCellsFreeMemory,
    .connectGetCPUModelNames = testConnectGetCPUModelNames,
    .connectGetSysinfo = testConnectGetSysinfo,
    .nodeGetSecurityModel = testNodeGetSecurityModel,
    .nodeGetCPUStats = testNodeGetCPUStats,
    .nodeGetFreePages = testNodeGetFreePages,
    .connectIsAlive = testConnectIsAlive,
    .connectIsSecure = testConnectIsSecure,
    .connectIsEncrypted = testConnectIsEncrypted,
    .connectNumOfDomains = testConnectNumOfDomains,
    .connectListDomains = testConnectListDomains,
    .connectNumOfDefinedDomains = testConnectNumOfDefinedDomains,
    .connectListDefinedDomains = testConnectListDefinedDomains,
    .connectListAllDomains = testConnectListAllDomains,
    .domainCreateXML = testDomainCreateXML,
    .domainLookupByID = testDomainLookupByID,
    .domainLookupByName = testDomainLookupByName,
    .domainLookupByUUID = testDomainLookupByUUID,
    .domainReboot = testDomainReboot,
    .domainSuspend = testDomainSuspend,
    .domainResume = testDomainResume,
    .domainGetInfo = testDomainGetInfo,
    .domainGetState = testDomainGetState,
    .domainGetXMLDesc = testDomainGetXMLDesc,
    .domainGetOSType = testDomainGetOSType,
    .domainGetMaxMemory = testDomainGetMaxMemory,
    .domainGetVcpus = testDomainGetVcpus,
    .domainGetAutostart = testDomainGetAutostart,
    .domainSetAutostart = testDomainSetAutostart,
    .domainGetSchedulerType = testDomainGetSchedulerType,
    .domainBlockStats = testDomainBlockStats,
    .domainInterfaceStats = testDomainInterfaceStats,
    .domainMigrate = testDomainMigrate,
    .domainIsActive = testDomainIsActive,
    .domainIsPersistent = testDomainIsPersistent,
    .nodeGetCPUMap = testNodeGetCPUMap,
    .domainCreateWithFlags = testDomainCreateWithFlags,
    .domainDestroyFlags = testDomainDestroyFlags,
    .domainShutdownFlags = testDomainShutdownFlags,
    .domainUndefineFlags = testDomainUndefineFlags,
    .domainDefineXMLFlags = testDomainDefineXMLFlags,
    .domainSaveFlags = testDomainSaveFlags,
    .domainRestoreFlags = testDomainRestoreFlags,
    .domainCoreDumpWithFormat = testDomainCoreDumpWithFormat,
    .domainSetMemoryFlags = testDomainSetMemoryFlags,
    .domainGetVcpusFlags = testDomainGetVcpusFlags,
    .domainSetVcpusFlags = testDomainSetVcpusFlags,
    .domainPinVcpuFlags = testDomainPinVcpuFlags,
    .domainAttachDeviceFlags = testDomainAttachDeviceFlags,
    .domainDetachDeviceFlags = testDomainDetachDeviceFlags,
    .domainGetSchedulerParametersFlags = testDomainGetSchedulerParametersFlags,
    .domainSetSchedulerParametersFlags = testDomainSetSchedulerParametersFlags,
    .domainScreenshot = testDomainScreenshot,
    .domainHasCurrentSnapshot = testDomainHasCurrentSnapshot,
    .domainRevertToSnapshot = testDomainRevertToSnapshot,
    .domainSnapshotCreateXML = testDomainSnapshotCreateXML,
    .domainSnapshotCurrent = testDomainSnapshotCurrent,
    .domainSnapshotDelete = testDomainSnapshotDelete,
    .domainSnapshotGetXMLDesc = testDomainSnapshotGetXMLDesc,
    .domainSnapshotListNames = testDomainSnapshotListNames,
    .domainSnapshotLookupByName = testDomainSnapshotLookupByName,
    .domainSnapshotNum = testDomainSnapshotNum,
    .domainSnapshotGetParent = testDomainSnapshotGetParent,
    .domainSnapshotListChildrenNames = testDomainSnapshotListChildrenNames,
    .domainSnapshotNumChildren = testDomainSnapshotNumChildren,
    .domainListAllSnapshots = testDomainListAllSnapshots,
    .domainSnapshotHasMetadata = testDomainSnapshotHasMetadata,
    .domainSnapshotIsCurrent = testDomainSnapshotIsCurrent,
    .domainSnapshotListAllChildren = testDomainSnapshotListAllChildren,
    .domainCheckpointCreateXML = testDomainCheckpointCreateXML,
    .domainCheckpointDelete = testDomainCheckpointDelete,
    .domainCheckpointGetParent = testDomainCheckpointGetParent,
    .domainCheckpointGetXMLDesc = testDomainCheckpointGetXMLDesc,
    .domainCheckpointListAllChildren = testDomainCheckpointListAllChildren,
    .domainCheckpointLookupByName = testDomainCheckpointLookupByName,
    .domainListAllCheckpoints = testDomainListAllCheckpoints,
    .domainManagedSave = testDomainManagedSave,
    .domainHasManagedSaveImage = testDomainHasManagedSaveImage,
    .domainManagedSaveRemove = testDomainManagedSaveRemove,
    .domainReset = testDomainReset,
    .domainInjectNMI = testDomainInjectNMI,
    .domainIsUpdated = testDomainIsUpdated,
    .domainGetControlInfo = testDomainGetControlInfo,
    .domainGetTime = testDomainGetTime,
    .domainSetTime = testDomainSetTime,
    .domainGetSecurityLabel = testDomainGetSecurityLabel,
    .domainSetUserPassword = testDomainSetUserPassword,
    .domainGetHostname = testDomainGetHostname,
    .domainGetLaunchSecurityInfo = testDomainGetLaunchSecurityInfo,
    .domainCreateWithFiles = testDomainCreateWithFiles,
    .domainCreateXMLWithFiles = testDomainCreateXMLWithFiles,
    .domainSetMemoryStatsPeriod = testDomainSetMemoryStatsPeriod,
    .domainSaveImageGetXMLDesc = testDomainSaveImageGetXMLDesc,
    .domainSaveImageDefineXML = testDomainSaveImageDefineXML,
    .domainGetVcpuPinInfo = testDomainGetVcpuPinInfo,
    .domainPinEmulator = testDomainPinEmulator,
    .domainGetEmulatorPinInfo = testDomainGetEmulatorPinInfo,
    .domainSetLifecycleAction = testDomainSetLifecycleAction,
    .domainGetIOThreadInfo = testDomainGetIOThreadInfo,
    .domainAddIOThread = testDomainAddIOThread,
    .domainDelIOThread = testDomainDelIOThread,
    .domainPinIOThread = testDomainPinIOThread,
    .domainSetIOThreadParams = testDomainSetIOThreadParams,
    .domainGetBlockIoTune = testDomainGetBlockIoTune,
    .domainSetBlockIoTune = testDomainSetBlockIoTune,
    .domainMemoryStats = testDomainMemoryStats,
    .domainGetCPUStats = testDomainGetCPUStats,
    .domainGetBlockInfo = testDomainGetBlockInfo,
    .domainGetDiskErrors = testDomainGetDiskErrors,
    .domainRename = testDomainRename,
    .domainGetMemoryParameters = testDomainGetMemoryParameters,
    .domainSetMemoryParameters = testDomainSetMemoryParameters,
    .domainGetBlkioParameters = testDomainGetBlkioParameters,
    .domainSetBlkioParameters = testDomainSetBlkioParameters,
    .domainGetInterfaceParameters = testDomainGetInterfaceParameters,
    .domainSetInterfaceParameters = testDomainSetInterfaceParameters,
    .domainGetNumaParameters = testDomainGetNumaParameters,
    .domainSetNumaParameters = testDomainSetNumaParameters,
    .domainGetMetadata = testDomainGetMetadata,
    .domainFSFreeze = testDomainFSFreeze,
    .domainFSThaw = testDomainFSThaw,
    .domainFSTrim = testDomainFSTrim,
    .domainGetFSInfo = testDomainGetFSInfo,
    .domainInterfaceAddresses = testDomainInterfaceAddresses,
    .domainSendProcessSignal = testDomainSendProcessSignal,
    .domainMemoryPeek = testDomainMemoryPeek,
    .domainGetMessages = testDomainGetMessages,
    .domainGetPerfEvents = testDomainGetPerfEvents,
    .domainSetPerfEvents = testDomainSetPerfEvents,
    .connectGetAllDomainStats = testConnectGetAllDomainStats,
    .domainSendKey = testDomainSendKey,
    .domainSetMetadata = testDomainSetMetadata,
};

static const char *const schemes[] = { "test", NULL };

static const virtModuleDescriptor descriptor = {
    .size = sizeof(virtModuleDescriptor),
    .abi_version = VIRT_MODULE_ABI_VERSION,
    .name = "test",
    .version = "0.1.0",
    .schemes = schemes,
    .roles = VIRT_ROLE_BIT(VIRT_ROLE_HYPERVISOR) | VIRT_ROLE_BIT(VIRT_ROLE_NETWORK) |
             VIRT_ROLE_BIT(VIRT_ROLE_STORAGE) | VIRT_ROLE_BIT(VIRT_ROLE_INTERFACE) |
             VIRT_ROLE_BIT(VIRT_ROLE_NODEDEV) | VIRT_ROLE_BIT(VIRT_ROLE_SECRET) |
             VIRT_ROLE_BIT(VIRT_ROLE_NWFILTER),
    .open = testOpen,
    .close = testClose,
    .hypervisor = &hypervisorTable,
    .network = &testNetworkTable,
    .storage = &testStorageTable,
    .iface = &testInterfaceTable,
    .nodedev = &testNodeDeviceTable,
    .secret = &testSecretTable,
    .nwfilter = &testNWFilterTable,
};

testConn *testConnOwn(virConnectPtr conn)
{
    return testCore->conn_private_own(conn, VIRT_ROLE_HYPERVISOR, &descriptor);
}

VIRT_MODULE_EXPORT const virtModuleDescriptor *virt_module_entry(const virtCoreServices *services)
{
    /* This module uses services up to the log (the last of ABI 2.0): on
     * an older core, refuse to load rather than call past its table. */
    if (services->size < offsetof(virtCoreServices, log) + sizeof(services->log))
        return NULL;
    testCore = services;
    return &descriptor;
}
