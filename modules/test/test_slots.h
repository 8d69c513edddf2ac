/* test_slots.h: the module's table slots, one function per public call,
 * defined across the test_*.c files by job. */
#ifndef VIRT_TEST_SLOTS_H
#define VIRT_TEST_SLOTS_H

#include "virt-module.h"

const char *testConnectGetType(virConnectPtr conn);
int testConnectGetVersion(virConnectPtr conn, unsigned long *hvVer);
char *testConnectGetHostname(virConnectPtr conn);
int testConnectGetMaxVcpus(virConnectPtr conn, const char *type);
int testNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info);
int testNodeGetCPUMap(virConnectPtr conn, unsigned char **cpumap, unsigned int *online, unsigned int flags);
char *testConnectGetCapabilities(virConnectPtr conn);

/* test_node.c */
unsigned long long testNodeGetFreeMemory(virConnectPtr conn);
int testNodeGetCellsFreeMemory(virConnectPtr conn, unsigned long long *freeMems, int startCell, int maxCells);
int testConnectGetCPUModelNames(virConnectPtr conn, const char *arch, char ***models, unsigned int flags);
char *testConnectGetSysinfo(virConnectPtr conn, unsigned int flags);
int testNodeGetSecurityModel(virConnectPtr conn, virSecurityModelPtr secmodel);
int testNodeGetCPUStats(virConnectPtr conn, int cpuNum, virNodeCPUStatsPtr params, int *nparams, unsigned int flags);
int testNodeGetFreePages(virConnectPtr conn, unsigned int npages, unsigned int *pages, int startCell,
                         unsigned int cellCount, unsigned long long *counts, unsigned int flags);

int testConnectIsAlive(virConnectPtr conn);
int testConnectIsSecure(virConnectPtr conn);
int testConnectIsEncrypted(virConnectPtr conn);
int testConnectNumOfDomains(virConnectPtr conn);
int testConnectListDomains(virConnectPtr conn, int *ids, int maxids);
int testConnectNumOfDefinedDomains(virConnectPtr conn);
int testConnectListDefinedDomains(virConnectPtr conn, char **const names, int maxnames);
int testConnectListAllDomains(virConnectPtr conn, virDomainPtr **domains, unsigned int flags);
virDomainPtr testDomainCreateXML(virConnectPtr conn, const char *xmlDesc, unsigned int flags);
virDomainPtr testDomainLookupByID(virConnectPtr conn, int id);
virDomainPtr testDomainLookupByName(virConnectPtr conn, const char *name);
virDomainPtr testDomainLookupByUUID(virConnectPtr conn, const unsigned char *uuid);
int testDomainReboot(virDomainPtr domain, unsigned int flags);
int testDomainSuspend(virDomainPtr domain);
int testDomainResume(virDomainPtr domain);
int testDomainSaveFlags(virDomainPtr domain, const char *to, const char *dxml, unsigned int flags);
int testDomainRestoreFlags(virConnectPtr conn, const char *from, const char *dxml, unsigned int flags);
int testDomainCoreDumpWithFormat(virDomainPtr domain, const char *to, unsigned int dumpformat, unsigned int flags);
int testDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info);
int testDomainGetState(virDomainPtr domain, int *state, int *reason, unsigned int flags);
char *testDomainGetXMLDesc(virDomainPtr domain, unsigned int flags);
char *testDomainGetOSType(virDomainPtr domain);
unsigned long testDomainGetMaxMemory(virDomainPtr domain);
int testDomainSetMemoryFlags(virDomainPtr domain, unsigned long memory, unsigned int flags);
int testDomainSetMemoryStatsPeriod(virDomainPtr domain, int period, unsigned int flags);
int testDomainGetVcpusFlags(virDomainPtr domain, unsigned int flags);
int testDomainSetVcpusFlags(virDomainPtr domain, unsigned int nvcpus, unsigned int flags);
int testDomainPinVcpuFlags(virDomainPtr domain, unsigned int vcpu, unsigned char *cpumap, int maplen, unsigned int flags);
int testDomainGetVcpus(virDomainPtr domain, virVcpuInfoPtr info, int maxinfo, unsigned char *cpumaps, int maplen);

/* test_domain_iothread.c */
int testDomainGetIOThreadInfo(virDomainPtr domain, virDomainIOThreadInfoPtr **info, unsigned int flags);
int testDomainAddIOThread(virDomainPtr domain, unsigned int iothread_id, unsigned int flags);
int testDomainDelIOThread(virDomainPtr domain, unsigned int iothread_id, unsigned int flags);
int testDomainPinIOThread(virDomainPtr domain, unsigned int iothread_id, unsigned char *cpumap, int maplen,
                          unsigned int flags);
int testDomainSetIOThreadParams(virDomainPtr domain, unsigned int iothread_id, virTypedParameterPtr params,
                                int nparams, unsigned int flags);

/* test_domain_blkiotune.c */
int testDomainGetBlockIoTune(virDomainPtr domain, const char *disk, virTypedParameterPtr params, int *nparams,
                             unsigned int flags);
int testDomainSetBlockIoTune(virDomainPtr domain, const char *disk, virTypedParameterPtr params, int nparams,
                             unsigned int flags);

/* test_domain_pin.c */
int testDomainGetVcpuPinInfo(virDomainPtr domain, int ncpumaps, unsigned char *cpumaps, int maplen,
                             unsigned int flags);
int testDomainPinEmulator(virDomainPtr domain, unsigned char *cpumap, int maplen, unsigned int flags);
int testDomainGetEmulatorPinInfo(virDomainPtr domain, unsigned char *cpumap, int maplen, unsigned int flags);
int testDomainAttachDeviceFlags(virDomainPtr domain, const char *xml, unsigned int flags);
int testDomainDetachDeviceFlags(virDomainPtr domain, const char *xml, unsigned int flags);
int testDomainGetAutostart(virDomainPtr domain, int *autostart);
int testDomainSetAutostart(virDomainPtr domain, int autostart);
char *testDomainGetSchedulerType(virDomainPtr domain, int *nparams);
int testDomainBlockStats(virDomainPtr dom, const char *disk, virDomainBlockStatsPtr stats, size_t size);
int testDomainInterfaceStats(virDomainPtr dom, const char *device, virDomainInterfaceStatsPtr stats, size_t size);
virDomainPtr testDomainMigrate(virDomainPtr domain, virConnectPtr dconn, unsigned long flags, const char *dname, const char *uri, unsigned long bandwidth);
int testDomainIsActive(virDomainPtr dom);
int testDomainIsPersistent(virDomainPtr dom);
int testDomainCreateWithFlags(virDomainPtr domain, unsigned int flags);
int testDomainDestroyFlags(virDomainPtr domain, unsigned int flags);
int testDomainShutdownFlags(virDomainPtr domain, unsigned int flags);
int testDomainUndefineFlags(virDomainPtr domain, unsigned int flags);
virDomainPtr testDomainDefineXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags);
int testDomainGetSchedulerParametersFlags(virDomainPtr domain, virTypedParameterPtr params, int *nparams, unsigned int flags);
int testDomainSetSchedulerParametersFlags(virDomainPtr domain, virTypedParameterPtr params, int nparams, unsigned int flags);
char *testDomainScreenshot(virDomainPtr domain, virStreamPtr stream, unsigned int screen, unsigned int flags);

int testDomainRename(virDomainPtr domain, const char *new_name, unsigned int flags);
int testDomainSetLifecycleAction(virDomainPtr domain, unsigned int type, unsigned int action,
                                 unsigned int flags);
int testDomainCreateWithFiles(virDomainPtr domain, unsigned int nfiles, int *files, unsigned int flags);
virDomainPtr testDomainCreateXMLWithFiles(virConnectPtr conn, const char *xmlDesc, unsigned int nfiles,
                                          int *files, unsigned int flags);

/* test_domain_save.c: managed save */
int testDomainManagedSave(virDomainPtr domain, unsigned int flags);
int testDomainHasManagedSaveImage(virDomainPtr domain, unsigned int flags);
int testDomainManagedSaveRemove(virDomainPtr domain, unsigned int flags);
char *testDomainSaveImageGetXMLDesc(virConnectPtr conn, const char *file, unsigned int flags);
int testDomainSaveImageDefineXML(virConnectPtr conn, const char *file, const char *dxml, unsigned int flags);

/* test_domain_misc.c */
int testDomainReset(virDomainPtr domain, unsigned int flags);
int testDomainInjectNMI(virDomainPtr domain, unsigned int flags);
int testDomainIsUpdated(virDomainPtr domain);
int testDomainGetControlInfo(virDomainPtr domain, virDomainControlInfoPtr info, unsigned int flags);
int testDomainGetTime(virDomainPtr domain, long long *seconds, unsigned int *nseconds, unsigned int flags);
int testDomainSetTime(virDomainPtr domain, long long seconds, unsigned int nseconds, unsigned int flags);
int testDomainGetSecurityLabel(virDomainPtr domain, virSecurityLabelPtr seclabel);
int testDomainSetUserPassword(virDomainPtr domain, const char *user, const char *password,
                              unsigned int flags);
char *testDomainGetHostname(virDomainPtr domain, unsigned int flags);
int testDomainGetLaunchSecurityInfo(virDomainPtr domain, virTypedParameterPtr *params, int *nparams,
                                    unsigned int flags);

/* test_domain_meta.c */
char *testDomainGetMetadata(virDomainPtr domain, int type, const char *uri, unsigned int flags);
int testDomainSetMetadata(virDomainPtr domain, int type, const char *metadata, const char *key,
                          const char *uri, unsigned int flags);

/* test_domain_params.c */
int testDomainGetMemoryParameters(virDomainPtr domain, virTypedParameterPtr params, int *nparams,
                                  unsigned int flags);
int testDomainSetMemoryParameters(virDomainPtr domain, virTypedParameterPtr params, int nparams,
                                  unsigned int flags);

int testDomainGetBlkioParameters(virDomainPtr domain, virTypedParameterPtr params, int *nparams,
                                 unsigned int flags);
int testDomainSetBlkioParameters(virDomainPtr domain, virTypedParameterPtr params, int nparams,
                                 unsigned int flags);

int testDomainGetInterfaceParameters(virDomainPtr domain, const char *device, virTypedParameterPtr params,
                                     int *nparams, unsigned int flags);
int testDomainSetInterfaceParameters(virDomainPtr domain, const char *device, virTypedParameterPtr params,
                                     int nparams, unsigned int flags);

int testDomainGetNumaParameters(virDomainPtr domain, virTypedParameterPtr params, int *nparams,
                                unsigned int flags);
int testDomainSetNumaParameters(virDomainPtr domain, virTypedParameterPtr params, int nparams,
                                unsigned int flags);

/* test_domain_stats.c */
int testDomainMemoryStats(virDomainPtr domain, virDomainMemoryStatPtr stats, unsigned int nr_stats,
                          unsigned int flags);
int testDomainGetCPUStats(virDomainPtr domain, virTypedParameterPtr params, unsigned int nparams,
                          int start_cpu, unsigned int ncpus, unsigned int flags);
int testDomainGetBlockInfo(virDomainPtr domain, const char *disk, virDomainBlockInfoPtr info,
                           unsigned int flags);
int testDomainGetDiskErrors(virDomainPtr domain, virDomainDiskErrorPtr errors, unsigned int maxerrors,
                            unsigned int flags);
int testConnectGetAllDomainStats(virConnectPtr conn, unsigned int stats, virDomainStatsRecordPtr **retStats,
                                 unsigned int flags);

/* test_domain_guest.c */
int testDomainFSFreeze(virDomainPtr dom, const char **mountpoints, unsigned int nmountpoints,
                       unsigned int flags);
int testDomainFSThaw(virDomainPtr dom, const char **mountpoints, unsigned int nmountpoints,
                     unsigned int flags);
int testDomainFSTrim(virDomainPtr dom, const char *mountPoint, unsigned long long minimum,
                     unsigned int flags);
int testDomainGetFSInfo(virDomainPtr domain, virDomainFSInfoPtr **info, unsigned int flags);
int testDomainInterfaceAddresses(virDomainPtr domain, virDomainInterfacePtr **ifaces,
                                 unsigned int source, unsigned int flags);
int testDomainSendProcessSignal(virDomainPtr domain, long long pid_value, unsigned int signum,
                                unsigned int flags);
int testDomainMemoryPeek(virDomainPtr domain, unsigned long long start, size_t size, void *buffer,
                         unsigned int flags);
int testDomainGetMessages(virDomainPtr domain, char ***msgs, unsigned int flags);

/* test_domain_keys.c */
int testDomainSendKey(virDomainPtr domain, unsigned int codeset, unsigned int holdtime,
                      unsigned int *keycodes, int nkeycodes, unsigned int flags);

/* test_domain_perf.c */
int testDomainGetPerfEvents(virDomainPtr domain, virTypedParameterPtr *params, int *nparams,
                            unsigned int flags);
int testDomainSetPerfEvents(virDomainPtr domain, virTypedParameterPtr params, int nparams,
                            unsigned int flags);

/* test_pool_sources.c (a storage role slot) */
char *testConnectFindStoragePoolSources(virConnectPtr conn, const char *type, const char *srcSpec,
                                        unsigned int flags);

/* test_snapshot.c */
int testDomainHasCurrentSnapshot(virDomainPtr domain, unsigned int flags);
int testDomainRevertToSnapshot(virDomainSnapshotPtr snapshot, unsigned int flags);
virDomainSnapshotPtr testDomainSnapshotCreateXML(virDomainPtr domain, const char *xmlDesc, unsigned int flags);
virDomainSnapshotPtr testDomainSnapshotCurrent(virDomainPtr domain, unsigned int flags);
int testDomainSnapshotDelete(virDomainSnapshotPtr snapshot, unsigned int flags);
char *testDomainSnapshotGetXMLDesc(virDomainSnapshotPtr snapshot, unsigned int flags);
int testDomainSnapshotListNames(virDomainPtr domain, char **names, int nameslen, unsigned int flags);
virDomainSnapshotPtr testDomainSnapshotLookupByName(virDomainPtr domain, const char *name, unsigned int flags);
int testDomainSnapshotNum(virDomainPtr domain, unsigned int flags);
virDomainSnapshotPtr testDomainSnapshotGetParent(virDomainSnapshotPtr snapshot, unsigned int flags);
int testDomainSnapshotListChildrenNames(virDomainSnapshotPtr snapshot, char **names, int nameslen, unsigned int flags);
int testDomainSnapshotNumChildren(virDomainSnapshotPtr snapshot, unsigned int flags);
int testDomainListAllSnapshots(virDomainPtr domain, virDomainSnapshotPtr **snaps, unsigned int flags);
int testDomainSnapshotHasMetadata(virDomainSnapshotPtr snapshot, unsigned int flags);
int testDomainSnapshotIsCurrent(virDomainSnapshotPtr snapshot, unsigned int flags);
int testDomainSnapshotListAllChildren(virDomainSnapshotPtr snapshot, virDomainSnapshotPtr **snaps, unsigned int flags);

/* test_checkpoint.c */
virDomainCheckpointPtr testDomainCheckpointCreateXML(virDomainPtr domain, const char *xmlDesc, unsigned int flags);
int testDomainCheckpointDelete(virDomainCheckpointPtr checkpoint, unsigned int flags);
virDomainCheckpointPtr testDomainCheckpointGetParent(virDomainCheckpointPtr checkpoint, unsigned int flags);
char *testDomainCheckpointGetXMLDesc(virDomainCheckpointPtr checkpoint, unsigned int flags);
int testDomainCheckpointListAllChildren(virDomainCheckpointPtr checkpoint, virDomainCheckpointPtr **children, unsigned int flags);
virDomainCheckpointPtr testDomainCheckpointLookupByName(virDomainPtr domain, const char *name, unsigned int flags);
int testDomainListAllCheckpoints(virDomainPtr domain, virDomainCheckpointPtr **checkpoints, unsigned int flags);

int testConnectNumOfNetworks(virConnectPtr conn);
int testConnectListNetworks(virConnectPtr conn, char **const names, int maxnames);
int testConnectNumOfDefinedNetworks(virConnectPtr conn);
int testConnectListDefinedNetworks(virConnectPtr conn, char **const names, int maxnames);
int testConnectListAllNetworks(virConnectPtr conn, virNetworkPtr **nets, unsigned int flags);
virNetworkPtr testNetworkLookupByName(virConnectPtr conn, const char *name);
virNetworkPtr testNetworkLookupByUUID(virConnectPtr conn, const unsigned char *uuid);
virNetworkPtr testNetworkCreateXMLFlags(virConnectPtr conn, const char *xmlDesc, unsigned int flags);
virNetworkPtr testNetworkDefineXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags);
int testNetworkUndefine(virNetworkPtr network);
int testNetworkCreate(virNetworkPtr network);
int testNetworkUpdate(virNetworkPtr network, unsigned int command, unsigned int section, int parentIndex,
                      const char *xml, unsigned int flags);
int testConnectNetworkEventRegisterAny(virConnectPtr conn, virNetworkPtr net, int eventID,
                                       virConnectNetworkEventGenericCallback cb, void *opaque,
                                       virFreeCallback freecb);
int testConnectNetworkEventDeregisterAny(virConnectPtr conn, int callbackID);
int testConnectStoragePoolEventRegisterAny(virConnectPtr conn, virStoragePoolPtr pool, int eventID,
                                           virConnectStoragePoolEventGenericCallback cb, void *opaque,
                                           virFreeCallback freecb);
int testConnectStoragePoolEventDeregisterAny(virConnectPtr conn, int callbackID);
int testConnectNodeDeviceEventRegisterAny(virConnectPtr conn, virNodeDevicePtr dev, int eventID,
                                          virConnectNodeDeviceEventGenericCallback cb, void *opaque,
                                          virFreeCallback freecb);
int testConnectNodeDeviceEventDeregisterAny(virConnectPtr conn, int callbackID);
int testNetworkDestroy(virNetworkPtr network);
char *testNetworkGetXMLDesc(virNetworkPtr network, unsigned int flags);
char *testNetworkGetBridgeName(virNetworkPtr network);
int testNetworkGetAutostart(virNetworkPtr network, int *autostart);
int testNetworkSetAutostart(virNetworkPtr network, int autostart);
int testNetworkIsActive(virNetworkPtr net);
int testNetworkIsPersistent(virNetworkPtr net);

#endif /* VIRT_TEST_SLOTS_H */
