/* qemu_module.c: the module's entry point and descriptor, the driver of
 * each mode (system for root, session for a user), and opening and
 * closing connections. A driver lives while connections use it; guests
 * outlive it, and the next driver finds them again in the run folder. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "qemu_driver.h"
#include "util.h"

const virtCoreServices *qemuCore;

static pthread_mutex_t driversLock = PTHREAD_MUTEX_INITIALIZER;
static qemuDriver *drivers[2];          /* [0] session, [1] system */
static bool autostartDone[2];

typedef struct qemuConn {
    qemuDriver *drv;
} qemuConn;

qemuDriver *qemuConnDriver(virConnectPtr conn)
{
    qemuConn *qc = qemuCore->conn_private(conn, VIRT_ROLE_HYPERVISOR);
    return qc ? qc->drv : NULL;
}

virDomainPtr qemuDomainHandle(virConnectPtr conn, qemuDomain *vm)
{
    return virtHandleNewDomain(qemuCore, conn, vm->def->name, vm->def->uuid, vm->id);
}

qemuDomain *qemuDomainFromHandle(virDomainPtr dom, qemuDriver **drvp)
{
    virConnectPtr conn = qemuCore->handle_conn(dom);
    qemuDriver *drv = qemuConnDriver(conn);
    qemuDomain *vm;

    pthread_mutex_lock(&drv->lock);
    vm = qemuDomainFindByUUID(drv, qemuCore->handle_identity(dom)->uuid);
    if (!vm) {
        pthread_mutex_unlock(&drv->lock);
        char uuid[VIRT_UUID_STRLEN];
        virtUUIDFormat(qemuCore->handle_identity(dom)->uuid, uuid);
        QEMU_ERROR(conn, VIR_ERR_NO_DOMAIN, "no domain with matching uuid '%s' (%s)",
                   uuid, qemuCore->handle_identity(dom)->name);
        return NULL;
    }
    qemuCore->handle_set_id(dom, vm->id);
    *drvp = drv;
    return vm;
}

qemuDomain *qemuDomainFromHandleActive(virDomainPtr dom, qemuDriver **drvp)
{
    qemuDomain *vm = qemuDomainFromHandle(dom, drvp);
    if (vm && !vm->pid) {
        pthread_mutex_unlock(&(*drvp)->lock);
        /* libvirt's activity check lives in its domain layer */
        qemuCore->error(qemuCore->handle_conn(dom), VIR_FROM_DOMAIN, VIR_ERR_OPERATION_INVALID,
                        "domain is not running");
        return NULL;
    }
    return vm;
}

static qemuDriver *driverNew(virConnectPtr conn, bool privileged)
{
    qemuDriver *drv = virtAlloc(sizeof(*drv));
    pthread_mutex_init(&drv->lock, NULL);
    pthread_cond_init(&drv->changed, NULL);
    drv->privileged = privileged;
    drv->next_id = 1;
    if (qemuPathsInit(&drv->paths, privileged) < 0) {
        QEMU_ERROR(conn, VIR_ERR_OPERATION_FAILED,
                   "cannot create the folders %s, %s and %s", drv->paths.config_dir,
                   drv->paths.run_dir, drv->paths.log_dir);
        qemuPathsFree(&drv->paths);
        pthread_mutex_destroy(&drv->lock);
        pthread_cond_destroy(&drv->changed);
        free(drv);
        return NULL;
    }
    qemuEventsStart(drv);
    pthread_mutex_lock(&drv->lock);
    qemuStoreLoadAll(drv);
    pthread_mutex_unlock(&drv->lock);
    return drv;
}

static void driverFree(qemuDriver *drv)
{
    qemuEventsStop(drv);
    /* running guests stay up: only our view of them goes */
    while (drv->domains) {
        qemuDomain *vm = drv->domains;
        drv->domains = vm->next;
        qemuDomainFree(vm);
    }
    qemuPathsFree(&drv->paths);
    free(drv->conns);
    pthread_mutex_destroy(&drv->lock);
    pthread_cond_destroy(&drv->changed);
    free(drv);
}

static int qemuOpen(virConnectPtr conn, const virtURI *uri, virConnectAuthPtr auth,
                    unsigned int flags, unsigned int roles, void **priv)
{
    const char *path = uri->path ? uri->path : "";
    bool privileged;

    if (uri->server || (uri->driver && strcmp(uri->driver, "qemu") != 0))
        return VIRT_OPEN_DECLINED;
    if (strcmp(path, "/system") == 0) {
        if (geteuid() != 0) {
            QEMU_ERROR(conn, VIR_ERR_OPERATION_DENIED,
                       "URI '%s': qemu:///system needs root; use qemu:///session", uri->original);
            return VIRT_OPEN_ERROR;
        }
        privileged = true;
    } else if (strcmp(path, "/session") == 0) {
        privileged = false;
    } else {
        QEMU_ERROR(conn, VIR_ERR_INVALID_ARG,
                   "URI '%s': unexpected path '%s', use qemu:///system or qemu:///session",
                   uri->original, path);
        return VIRT_OPEN_ERROR;
    }
    pthread_mutex_lock(&driversLock);
    qemuDriver *drv = drivers[privileged];
    if (!drv && !(drv = drivers[privileged] = driverNew(conn, privileged))) {
        pthread_mutex_unlock(&driversLock);
        return VIRT_OPEN_ERROR;
    }
    drv->refs++;
    bool autostart = !autostartDone[privileged];
    autostartDone[privileged] = true;
    pthread_mutex_unlock(&driversLock);

    qemuConn *qc = virtAlloc(sizeof(*qc));
    qc->drv = drv;
    *priv = qc;
    /* Autostart runs at the first open of a mode in a process: inside
     * libvirtd that is the first client of qemu:///session (or system)
     * after the daemon started; the daemon does not pre-open modules. */
    if (autostart)
        qemuAutostartAll(conn, drv);
    qemuDriverAddConn(drv, conn);
    return VIRT_OPEN_SUCCESS;
}

static int qemuClose(virConnectPtr conn, void *priv)
{
    qemuConn *qc = priv;
    qemuDriver *dropped = NULL;

    qemuDriverRemoveConn(qc->drv, conn);
    pthread_mutex_lock(&driversLock);
    if (--qc->drv->refs == 0) {
        dropped = qc->drv;
        drivers[dropped->privileged] = NULL;
    }
    pthread_mutex_unlock(&driversLock);
    if (dropped)
        driverFree(dropped);
    free(qc);
    return 0;
}

static const virtHypervisorTable hypervisorTable = {
    .size = sizeof(virtHypervisorTable),
    .connectGetType = qemuConnectGetType,
    .connectGetVersion = qemuConnectGetVersion,
    .connectGetHostname = qemuConnectGetHostname,
    .connectGetMaxVcpus = qemuConnectGetMaxVcpus,
    .nodeGetInfo = qemuNodeGetInfo,
    .connectGetCapabilities = qemuConnectGetCapabilities,
    .connectIsAlive = qemuConnectIsAlive,
    .connectIsSecure = qemuConnectIsSecure,
    .connectIsEncrypted = qemuConnectIsEncrypted,
    .connectNumOfDomains = qemuConnectNumOfDomains,
    .connectListDomains = qemuConnectListDomains,
    .connectNumOfDefinedDomains = qemuConnectNumOfDefinedDomains,
    .connectListDefinedDomains = qemuConnectListDefinedDomains,
    .connectListAllDomains = qemuConnectListAllDomains,
    .domainCreateXML = qemuDomainCreateXML,
    .domainDefineXMLFlags = qemuDomainDefineXMLFlags,
    .domainUndefineFlags = qemuDomainUndefineFlags,
    .domainCreateWithFlags = qemuDomainCreateWithFlags,
    .domainLookupByID = qemuDomainLookupByID,
    .domainLookupByName = qemuDomainLookupByName,
    .domainLookupByUUID = qemuDomainLookupByUUID,
    .domainDestroyFlags = qemuDomainDestroyFlags,
    .domainShutdownFlags = qemuDomainShutdownFlags,
    .domainReboot = qemuDomainReboot,
    .domainReset = qemuDomainReset,
    .domainSuspend = qemuDomainSuspend,
    .domainResume = qemuDomainResume,
    .domainSaveFlags = qemuDomainSaveFlags,
    .domainRestoreFlags = qemuDomainRestoreFlags,
    .domainCoreDumpWithFormat = qemuDomainCoreDumpWithFormat,
    .domainGetInfo = qemuDomainGetInfo,
    .domainGetState = qemuDomainGetState,
    .domainGetXMLDesc = qemuDomainGetXMLDesc,
    .domainGetOSType = qemuDomainGetOSType,
    .domainGetMaxMemory = qemuDomainGetMaxMemory,
    .domainSetMemoryFlags = qemuDomainSetMemoryFlags,
    .domainGetVcpusFlags = qemuDomainGetVcpusFlags,
    .domainSetVcpusFlags = qemuDomainSetVcpusFlags,
    .domainPinVcpuFlags = qemuDomainPinVcpuFlags,
    .domainGetVcpus = qemuDomainGetVcpus,
    .domainAttachDeviceFlags = qemuDomainAttachDeviceFlags,
    .domainDetachDeviceFlags = qemuDomainDetachDeviceFlags,
    .domainGetAutostart = qemuDomainGetAutostart,
    .domainSetAutostart = qemuDomainSetAutostart,
    .domainGetSchedulerType = qemuDomainGetSchedulerType,
    .domainGetSchedulerParametersFlags = qemuDomainGetSchedulerParametersFlags,
    .domainSetSchedulerParametersFlags = qemuDomainSetSchedulerParametersFlags,
    .domainBlockStats = qemuDomainBlockStats,
    .domainInterfaceStats = qemuDomainInterfaceStats,
    .domainInterfaceAddresses = qemuDomainInterfaceAddresses,
    .domainIsActive = qemuDomainIsActive,
    .domainIsPersistent = qemuDomainIsPersistent,
    .domainMigrateBegin3 = qemuDomainMigrateBegin3,
    .domainMigratePrepare3 = qemuDomainMigratePrepare3,
    .domainMigratePerform3 = qemuDomainMigratePerform3,
    .domainMigrateFinish3 = qemuDomainMigrateFinish3,
    .domainMigrateConfirm3 = qemuDomainMigrateConfirm3,
    .domainQemuMonitorCommand = qemuDomainQemuMonitorCommand,
};

static const char *const schemes[] = { "qemu", NULL };

static const virtModuleDescriptor descriptor = {
    .size = sizeof(virtModuleDescriptor),
    .abi_version = VIRT_MODULE_ABI_VERSION,
    .name = "qemu",
    .version = "0.1.0",
    .schemes = schemes,
    .roles = VIRT_ROLE_BIT(VIRT_ROLE_HYPERVISOR),
    .probe = qemuProbe,
    .open = qemuOpen,
    .close = qemuClose,
    .hypervisor = &hypervisorTable,
};

VIRT_MODULE_EXPORT const virtModuleDescriptor *virt_module_entry(const virtCoreServices *services)
{
    qemuCore = services;
    return &descriptor;
}
