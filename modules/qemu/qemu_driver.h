/* qemu_driver.h: what the files of the QEMU module share: the driver (one
 * per mode: system or session), its domains, and the helpers each file
 * offers the others. */
#ifndef VIRT_QEMU_DRIVER_H
#define VIRT_QEMU_DRIVER_H

#include <pthread.h>
#include <stdbool.h>
#include <sys/types.h>

#include "virt-module.h"
#include "domain_def.h"
#include "qemu_monitor.h"

extern const virtCoreServices *qemuCore;

/* For VIRT_CHECK_FLAGS. */
#define VIRT_MODULE_SERVICES qemuCore
#define VIRT_FROM_THIS VIR_FROM_QEMU

#define QEMU_ERROR(conn, code, ...) qemuCore->error((conn), VIR_FROM_QEMU, (code), __VA_ARGS__)

/* Where a driver keeps its files. */
typedef struct qemuPaths {
    char *config_dir;       /* persistent XML */
    char *autostart_dir;    /* config_dir/autostart: NAME.xml markers */
    char *run_dir;          /* live XML, pid files, QMP sockets */
    char *log_dir;          /* one log per guest */
    char *cache_dir;        /* capabilities cache */
} qemuPaths;

/* One domain known to a driver. def is the live definition while running
 * (or the persistent one when shut off); newdef, when set, is the
 * persistent definition of a running domain, applied when it stops. */
typedef struct qemuDomain {
    virtDomain *def;
    virtDomain *newdef;
    int state;              /* virDomainState */
    int reason;
    int id;                 /* -1 when inactive */
    bool persistent;
    bool autostart;
    pid_t pid;              /* QEMU, 0 when inactive */
    bool is_child;          /* started by this process: waitpid it */
    qemuMonitor *mon;
    char **taps;            /* tap devices we created (bridge), to delete */
    size_t ntaps;
    bool guest_reset;       /* SHUTDOWN came from a guest reboot (-no-reboot) */
    bool stopping;          /* destroy in progress: ignore the exit event */
    unsigned int generation;/* bumped at each start, to drop stale events */
    bool migrating_in;      /* started as a migration destination */
    bool resume_if_cancelled; /* migrated out while running: confirm may resume */
    bool fake_reboot;       /* reboot asked: the guest's poweroff means reset */
    struct qemuDomain *next;
} qemuDomain;

/* A driver: every domain of one mode. All fields under lock. */
typedef struct qemuDriver {
    pthread_mutex_t lock;
    pthread_cond_t changed;     /* broadcast when a domain changes state */
    bool privileged;
    int refs;                   /* open connections */
    qemuPaths paths;
    qemuDomain *domains;
    int next_id;
    bool autostarted;
    virConnectPtr *conns;       /* open connections: they get the events */
    size_t nconns;
    /* event worker */
    pthread_t worker;
    bool worker_running;
} qemuDriver;

/* qemu_paths.c */
int qemuPathsInit(qemuPaths *p, bool privileged);
void qemuPathsFree(qemuPaths *p);
int qemuMakeDirs(const char *path);
char *qemuRunFile(const qemuPaths *p, const char *name, const char *suffix);

/* qemu_caps.c */
const char *qemuHostArch(void);
bool qemuKvmUsable(void);
char *qemuFindEmulator(const char *arch);                 /* caller frees; NULL if none */
char *qemuDefaultMachine(const char *emulator, const char *cache_dir);  /* caller frees */
char *qemuCapabilitiesFormat(const char *cache_dir);
const char *qemuProbe(void);

/* qemu_command.c: the one function that turns a domain into argv. */
typedef struct qemuCommandContext {
    const char *emulator;       /* resolved emulator binary */
    const char *monitor_path;   /* QMP unix socket */
    const char *pid_path;
    const char *incoming;       /* migration stream source, or NULL */
} qemuCommandContext;
char **qemuBuildCommandLine(const virtDomain *def, const qemuCommandContext *ctx,
                            char **errmsg);
void qemuArgvFree(char **argv);
/* The device id and drive id QEMU knows a disk by. */
char *qemuDiskDriveId(const virtDomainDisk *d);
const char *qemuDiskBus(const virtDomainDisk *d);
char *qemuDiskDeviceArg(const virtDomainDisk *d, int index);
char *qemuDiskDriveArg(const virtDomainDisk *d);

/* qemu_domain.c (all under driver->lock) */
qemuDomain *qemuDomainFindByName(qemuDriver *drv, const char *name);
qemuDomain *qemuDomainFindByUUID(qemuDriver *drv, const unsigned char *uuid);
qemuDomain *qemuDomainFindByID(qemuDriver *drv, int id);
qemuDomain *qemuDomainAdd(qemuDriver *drv, virtDomain *def);   /* takes def */
void qemuDomainRemove(qemuDriver *drv, qemuDomain *vm);
void qemuDomainFree(qemuDomain *vm);
/* The persistent definition: newdef when running with one pending, else def. */
const virtDomain *qemuDomainPersistentDef(const qemuDomain *vm);

/* qemu_store.c */
int qemuStoreSaveConfig(qemuDriver *drv, const virtDomain *def, char **errmsg);
int qemuStoreDeleteConfig(qemuDriver *drv, const char *name);
int qemuStoreSetAutostart(qemuDriver *drv, const char *name, bool on, char **errmsg);
bool qemuStoreAutostart(qemuDriver *drv, const char *name);
int qemuStoreSaveStatus(qemuDriver *drv, const qemuDomain *vm);
void qemuStoreDeleteStatus(qemuDriver *drv, const char *name);
void qemuStoreLoadAll(qemuDriver *drv);   /* configs, then running guests */

/* qemu_process.c (under driver->lock) */
int qemuProcessStart(virConnectPtr conn, qemuDriver *drv, qemuDomain *vm,
                     const char *incoming, bool start_paused);
/* Stop QEMU (SIGTERM, grace, SIGKILL), clean run files, state shutoff. */
void qemuProcessStop(qemuDriver *drv, qemuDomain *vm, int reason);
/* Reattach to a QEMU recorded in the run folder; -1 when it is gone. */
int qemuProcessReconnect(qemuDriver *drv, qemuDomain *vm);
/* Host thread ids of the vcpus (QMP query-cpus-fast); count or -1. */
int qemuProcessVcpuThreads(qemuDomain *vm, pid_t **tids);
/* Wait (up to 120 s) while QEMU takes in an incoming stream (a restore,
 * a migration); 0 when it ended with the guest ready to run. *state:
 * QEMU's run state then (thread-local, valid until the next call). */
int qemuProcessWaitIncoming(qemuMonitor *mon, const char **state);
/* Wait (up to ms) until vm->state is not state; 0 once changed. */
int qemuWaitStateChange(qemuDriver *drv, qemuDomain *vm, int state, int ms);

/* qemu_events.c */
void qemuEventsStart(qemuDriver *drv);
void qemuEventsStop(qemuDriver *drv);
void qemuEventQueue(qemuDriver *drv, const char *name, unsigned int generation,
                    const char *domname);

/* qemu_notify.c: events to every connection of drv (drv->lock held,
 * except for Add/RemoveConn, which take it). */
void qemuDriverAddConn(qemuDriver *drv, virConnectPtr conn);
void qemuDriverRemoveConn(qemuDriver *drv, virConnectPtr conn);
void qemuNotifyLifecycle(qemuDriver *drv, const qemuDomain *vm, int event, int detail);
void qemuNotifyReboot(qemuDriver *drv, const qemuDomain *vm);
int qemuNotifyStoppedDetail(int shutoffReason);

/* qemu_network.c: the bridge of an <interface type='network'>'s
 * network, from the connection's network role, into its source; errors
 * raised. */
int qemuNetworkResolve(virConnectPtr conn, virtDomainInterface *n);
/* The domainInterfaceAddresses slot: leases of its network interfaces. */
int qemuDomainInterfaceAddresses(virDomainPtr dom, virDomainInterfacePtr **ifaces, unsigned int source,
                                 unsigned int flags);

/* qemu_net.c: tap devices (root only). */
int qemuTapCreate(const char *name, const char *bridge, char **errmsg);
void qemuTapDelete(const char *name);
bool qemuNetDevExists(const char *name);
int qemuTapStats(const char *name, long long out[8]);

/* qemu_module.c */
qemuDriver *qemuConnDriver(virConnectPtr conn);
virDomainPtr qemuDomainHandle(virConnectPtr conn, qemuDomain *vm);
/* Lock the driver and find the domain behind a handle; NULL (unlocked,
 * error raised) when it is gone. */
qemuDomain *qemuDomainFromHandle(virDomainPtr dom, qemuDriver **drvp);
/* Same, and the domain must be running. */
qemuDomain *qemuDomainFromHandleActive(virDomainPtr dom, qemuDriver **drvp);

/* The API slots, by file. */
/* qemu_connect.c */
const char *qemuConnectGetType(virConnectPtr conn);
int qemuConnectGetVersion(virConnectPtr conn, unsigned long *hvVer);
char *qemuConnectGetHostname(virConnectPtr conn);
int qemuConnectGetMaxVcpus(virConnectPtr conn, const char *type);
int qemuNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info);
char *qemuConnectGetCapabilities(virConnectPtr conn);
int qemuConnectIsAlive(virConnectPtr conn);
int qemuConnectIsSecure(virConnectPtr conn);
int qemuConnectIsEncrypted(virConnectPtr conn);

/* qemu_lifecycle.c */
int qemuConnectNumOfDomains(virConnectPtr conn);
int qemuConnectListDomains(virConnectPtr conn, int *ids, int maxids);
int qemuConnectNumOfDefinedDomains(virConnectPtr conn);
int qemuConnectListDefinedDomains(virConnectPtr conn, char **const names, int maxnames);
int qemuConnectListAllDomains(virConnectPtr conn, virDomainPtr **domains, unsigned int flags);
virDomainPtr qemuDomainCreateXML(virConnectPtr conn, const char *xml, unsigned int flags);
virDomainPtr qemuDomainDefineXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags);
int qemuDomainUndefineFlags(virDomainPtr dom, unsigned int flags);
int qemuDomainCreateWithFlags(virDomainPtr dom, unsigned int flags);
virDomainPtr qemuDomainLookupByID(virConnectPtr conn, int id);
virDomainPtr qemuDomainLookupByName(virConnectPtr conn, const char *name);
virDomainPtr qemuDomainLookupByUUID(virConnectPtr conn, const unsigned char *uuid);
int qemuDomainDestroyFlags(virDomainPtr dom, unsigned int flags);
int qemuDomainShutdownFlags(virDomainPtr dom, unsigned int flags);
int qemuDomainReboot(virDomainPtr dom, unsigned int flags);
int qemuDomainReset(virDomainPtr dom, unsigned int flags);
/* QMP set-action for the guest's poweroff: pause (QEMU stays) or quit. */
int qemuSetShutdownAction(qemuDomain *vm, bool pause, char **errmsg);
bool qemuKeepsProcessOnPoweroff(const qemuDomain *vm);
int qemuDomainSuspend(virDomainPtr dom);
int qemuDomainResume(virDomainPtr dom);
int qemuDomainIsActive(virDomainPtr dom);
int qemuDomainIsPersistent(virDomainPtr dom);
/* Parse and check a definition for this driver; NULL with error raised.
 * validate: a *_VALIDATE flag was given (check the domain grammar too). */
virtDomain *qemuParseDef(virConnectPtr conn, const char *xml, bool validate);
/* What a parse fills in for this driver (qemu_domain.c): the host's arch,
 * QEMU's MAC prefix 52:54:00, the VGA card -vga std gives a display. */
const virtDomainDriverDefaults *qemuDomainDefaults(void);
void qemuAutostartAll(virConnectPtr conn, qemuDriver *drv);

/* qemu_info.c */
int qemuDomainGetInfo(virDomainPtr dom, virDomainInfoPtr info);
int qemuDomainGetState(virDomainPtr dom, int *state, int *reason, unsigned int flags);
char *qemuDomainGetXMLDesc(virDomainPtr dom, unsigned int flags);
char *qemuDomainGetOSType(virDomainPtr dom);
unsigned long qemuDomainGetMaxMemory(virDomainPtr dom);
int qemuDomainSetMemoryFlags(virDomainPtr dom, unsigned long memory, unsigned int flags);
int qemuDomainGetVcpusFlags(virDomainPtr dom, unsigned int flags);
int qemuDomainSetVcpusFlags(virDomainPtr dom, unsigned int nvcpus, unsigned int flags);
int qemuDomainPinVcpuFlags(virDomainPtr dom, unsigned int vcpu, unsigned char *cpumap, int maplen,
                           unsigned int flags);
int qemuDomainGetVcpus(virDomainPtr dom, virVcpuInfoPtr info, int maxinfo,
                       unsigned char *cpumaps, int maplen);
int qemuDomainGetAutostart(virDomainPtr dom, int *autostart);
int qemuDomainSetAutostart(virDomainPtr dom, int autostart);
char *qemuDomainGetSchedulerType(virDomainPtr dom, int *nparams);
int qemuDomainGetSchedulerParametersFlags(virDomainPtr dom, virTypedParameterPtr params, int *nparams,
                                          unsigned int flags);
int qemuDomainSetSchedulerParametersFlags(virDomainPtr dom, virTypedParameterPtr params, int nparams,
                                          unsigned int flags);
/* qemu_qmp.c */
int qemuDomainQemuMonitorCommand(virDomainPtr dom, const char *cmd, char **result,
                                 unsigned int flags);
int qemuDomainBlockStats(virDomainPtr dom, const char *disk, virDomainBlockStatsPtr stats, size_t size);
int qemuDomainInterfaceStats(virDomainPtr dom, const char *device,
                             virDomainInterfaceStatsPtr stats, size_t size);

/* qemu_hotplug.c */
int qemuDomainAttachDeviceFlags(virDomainPtr dom, const char *xml, unsigned int flags);
int qemuDomainDetachDeviceFlags(virDomainPtr dom, const char *xml, unsigned int flags);

/* qemu_save.c */
int qemuDomainSaveFlags(virDomainPtr dom, const char *to, const char *dxml, unsigned int flags);
/* Poll query-migrate until the outgoing migration ends; 0 when completed. */
int qemuMigrationWait(qemuMonitor *mon, char **errmsg);
int qemuDomainRestoreFlags(virConnectPtr conn, const char *from, const char *dxml, unsigned int flags);
int qemuDomainCoreDumpWithFormat(virDomainPtr dom, const char *to, unsigned int dumpformat, unsigned int flags);

/* qemu_migrate.c: the five steps of migration protocol 3 */
char *qemuDomainMigrateBegin3(virDomainPtr dom, const char *xmlin, char **cookieout,
                              int *cookieoutlen, unsigned long flags, const char *dname,
                              unsigned long resource);
int qemuDomainMigratePrepare3(virConnectPtr dconn, const char *cookiein, int cookieinlen,
                              char **cookieout, int *cookieoutlen, const char *uri_in,
                              char **uri_out, unsigned long flags, const char *dname,
                              unsigned long resource, const char *dom_xml);
int qemuDomainMigratePerform3(virDomainPtr dom, const char *xmlin, const char *cookiein,
                              int cookieinlen, char **cookieout, int *cookieoutlen,
                              const char *dconnuri, const char *uri, unsigned long flags,
                              const char *dname, unsigned long resource);
virDomainPtr qemuDomainMigrateFinish3(virConnectPtr dconn, const char *dname,
                                      const char *cookiein, int cookieinlen, char **cookieout,
                                      int *cookieoutlen, const char *dconnuri, const char *uri,
                                      unsigned long flags, int cancelled);
int qemuDomainMigrateConfirm3(virDomainPtr dom, const char *cookiein, int cookieinlen,
                              unsigned long flags, int cancelled);

/* Device aliases (qemu_command.c): the ids QEMU knows disks and
 * interfaces by, kept in the live definition. Assign fills every device
 * without one (start); the others name a free one for a new device. */
void qemuAssignAliases(virtDomain *def);
char *qemuNetAlias(const virtDomain *def);
char *qemuDiskAlias(const virtDomain *def, const virtDomainDisk *d);

/* PCI addresses (qemu_command.c): every PCI device of a running guest has
 * its slot on bus 0 in the live definition, so a restored or migrated
 * guest gets its devices where its saved state has them. Assign checks
 * the addresses given (clashes are refused, naming both devices) and
 * gives each PCI device without one the first free slot from 0x03: at
 * start to all of them (adding the SCSI controller SCSI disks need), at
 * hotplug to the new one. -1 with errmsg. Slot: "0x5" for QEMU's addr
 * property, NULL when a has no PCI slot. */
int qemuAssignPCIAddresses(virtDomain *def, char **errmsg);
char *qemuPCISlot(const virtDomainDeviceAddress *a);

#endif /* VIRT_QEMU_DRIVER_H */
