/* remote_handwritten.h: table slots written by hand because their
 * arguments or results do not map one to one onto the procedure's
 * structs (arrays, info structs, typed parameters, local answers).
 * modules/remote/gen/stubgen.py reads this file: every remoteSLOT
 * declared here fills table slot SLOT instead of a generated stub. */
#ifndef REMOTE_HANDWRITTEN_H
#define REMOTE_HANDWRITTEN_H

#include "virt-module.h"

/* remote_host.c */
const char *remoteConnectGetType(virConnectPtr conn);
int remoteConnectIsAlive(virConnectPtr conn);
int remoteConnectIsSecure(virConnectPtr conn);
int remoteConnectIsEncrypted(virConnectPtr conn);
int remoteNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info);
int remoteConnectSetKeepAlive(virConnectPtr conn, int interval, unsigned int count);

/* remote_lists.c */
int remoteConnectListDomains(virConnectPtr conn, int *ids, int maxids);
int remoteConnectListDefinedDomains(virConnectPtr conn, char **const names, int maxnames);
int remoteConnectListAllDomains(virConnectPtr conn, virDomainPtr **domains, unsigned int flags);
int remoteConnectListNetworks(virConnectPtr conn, char **const names, int maxnames);
int remoteConnectListDefinedNetworks(virConnectPtr conn, char **const names, int maxnames);
int remoteConnectListAllNetworks(virConnectPtr conn, virNetworkPtr **nets, unsigned int flags);

/* remote_events.c */
int remoteConnectNetworkEventRegisterAny(virConnectPtr conn, virNetworkPtr net, int eventID,
                                         virConnectNetworkEventGenericCallback cb, void *opaque,
                                         virFreeCallback freecb);
int remoteConnectNetworkEventDeregisterAny(virConnectPtr conn, int callbackID);
int remoteConnectStoragePoolEventRegisterAny(virConnectPtr conn, virStoragePoolPtr pool,
                                             int eventID,
                                             virConnectStoragePoolEventGenericCallback cb,
                                             void *opaque, virFreeCallback freecb);
int remoteConnectStoragePoolEventDeregisterAny(virConnectPtr conn, int callbackID);
int remoteConnectNodeDeviceEventRegisterAny(virConnectPtr conn, virNodeDevicePtr dev, int eventID,
                                            virConnectNodeDeviceEventGenericCallback cb,
                                            void *opaque, virFreeCallback freecb);
int remoteConnectNodeDeviceEventDeregisterAny(virConnectPtr conn, int callbackID);
int remoteConnectSecretEventDeregisterAny(virConnectPtr conn, int callbackID);

/* remote_guest.c */
int remoteNetworkGetDHCPLeases(virNetworkPtr network, const char *mac, virNetworkDHCPLeasePtr **leases,
                               unsigned int flags);

/* remote_qemu.c */
int remoteDomainQemuMonitorCommand(virDomainPtr domain, const char *cmd, char **result,
                                   unsigned int flags);

/* remote_info.c */
int remoteNodeGetSecurityModel(virConnectPtr conn, virSecurityModelPtr secmodel);
int remoteDomainGetSecurityLabel(virDomainPtr domain, virSecurityLabelPtr seclabel);
int remoteDomainGetSecurityLabelList(virDomainPtr domain, virSecurityLabelPtr *seclabels);
int remoteDomainMemoryStats(virDomainPtr dom, virDomainMemoryStatPtr stats, unsigned int nr_stats,
                            unsigned int flags);
int remoteNodeGetCPUStats(virConnectPtr conn, int cpuNum, virNodeCPUStatsPtr params, int *nparams,
                          unsigned int flags);
int remoteNodeGetMemoryStats(virConnectPtr conn, int cellNum, virNodeMemoryStatsPtr params,
                             int *nparams, unsigned int flags);
int remoteNodeGetCPUMap(virConnectPtr conn, unsigned char **cpumap, unsigned int *online,
                        unsigned int flags);
int remoteNodeGetCellsFreeMemory(virConnectPtr conn, unsigned long long *freeMems, int startCell,
                                 int maxCells);
int remoteConnectGetCPUModelNames(virConnectPtr conn, const char *arch, char ***models,
                                  unsigned int flags);
int remoteDomainGetDiskErrors(virDomainPtr dom, virDomainDiskErrorPtr errors, unsigned int maxerrors,
                              unsigned int flags);
int remoteDomainMemoryPeek(virDomainPtr dom, unsigned long long start, size_t size, void *buffer,
                           unsigned int flags);
int remoteDomainGetEmulatorPinInfo(virDomainPtr domain, unsigned char *cpumap, int maplen,
                                   unsigned int flags);
int remoteDomainGetIOThreadInfo(virDomainPtr dom, virDomainIOThreadInfoPtr **info, unsigned int flags);
const char *remoteNodeDeviceGetParent(virNodeDevicePtr dev);
int remoteDomainGetVcpuPinInfo(virDomainPtr domain, int ncpumaps, unsigned char *cpumaps, int maplen,
                               unsigned int flags);
int remoteDomainGetCPUStats(virDomainPtr domain, virTypedParameterPtr params, unsigned int nparams,
                            int start_cpu, unsigned int ncpus, unsigned int flags);
int remoteDomainBlockPeek(virDomainPtr dom, const char *disk, unsigned long long offset, size_t size,
                          void *buffer, unsigned int flags);
int remoteNodeGetFreePages(virConnectPtr conn, unsigned int npages, unsigned int *pages, int startCell,
                           unsigned int cellCount, unsigned long long *counts, unsigned int flags);
int remoteNodeAllocPages(virConnectPtr conn, unsigned int npages, unsigned int *pageSizes,
                         unsigned long long *pageCounts, int startCell, unsigned int cellCount,
                         unsigned int flags);
int remoteNodeGetSEVInfo(virConnectPtr conn, virTypedParameterPtr *params, int *nparams,
                         unsigned int flags);

/* remote_guest.c */
int remoteDomainGetFSInfo(virDomainPtr dom, virDomainFSInfoPtr **info, unsigned int flags);
int remoteDomainInterfaceAddresses(virDomainPtr dom, virDomainInterfacePtr **ifaces, unsigned int source,
                                   unsigned int flags);
int remoteConnectGetAllDomainStats(virConnectPtr conn, unsigned int stats,
                                   virDomainStatsRecordPtr **retStats, unsigned int flags);

/* remote_files.c */
int remoteDomainCreateWithFiles(virDomainPtr domain, unsigned int nfiles, int *files, unsigned int flags);
virDomainPtr remoteDomainCreateXMLWithFiles(virConnectPtr conn, const char *xmlDesc, unsigned int nfiles,
                                            int *files, unsigned int flags);

/* remote_domain.c */
int remoteDomainCreate(virDomainPtr domain);
int remoteDomainDestroy(virDomainPtr domain);
int remoteDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info);
int remoteDomainPinVcpu(virDomainPtr domain, unsigned int vcpu, unsigned char *cpumap, int maplen);
int remoteDomainGetVcpus(virDomainPtr domain, virVcpuInfoPtr info, int maxinfo,
                         unsigned char *cpumaps, int maplen);
char *remoteDomainGetSchedulerType(virDomainPtr domain, int *nparams);
int remoteDomainGetSchedulerParameters(virDomainPtr domain, virTypedParameterPtr params, int *nparams);
int remoteDomainSetSchedulerParameters(virDomainPtr domain, virTypedParameterPtr params, int nparams);
int remoteDomainBlockStats(virDomainPtr dom, const char *disk, virDomainBlockStatsPtr stats, size_t size);
int remoteDomainInterfaceStats(virDomainPtr dom, const char *device,
                               virDomainInterfaceStatsPtr stats, size_t size);

/* remote_objects.c */
int remoteConnectListAllStoragePools(virConnectPtr conn, virStoragePoolPtr **out, unsigned int flags);
int remoteStoragePoolListAllVolumes(virStoragePoolPtr pool, virStorageVolPtr **out, unsigned int flags);
int remoteConnectListAllInterfaces(virConnectPtr conn, virInterfacePtr **out, unsigned int flags);
int remoteConnectListAllNodeDevices(virConnectPtr conn, virNodeDevicePtr **out, unsigned int flags);

/* remote_migrate.c */
char *remoteDomainMigrateBegin3(virDomainPtr domain, const char *xmlin, char **cookieout,
                                int *cookieoutlen, unsigned long flags, const char *dname,
                                unsigned long resource);
int remoteDomainMigratePrepare3(virConnectPtr dconn, const char *cookiein, int cookieinlen,
                                char **cookieout, int *cookieoutlen, const char *uri_in,
                                char **uri_out, unsigned long flags, const char *dname,
                                unsigned long resource, const char *dom_xml);
int remoteDomainMigratePerform3(virDomainPtr domain, const char *xmlin, const char *cookiein,
                                int cookieinlen, char **cookieout, int *cookieoutlen,
                                const char *dconnuri, const char *uri, unsigned long flags,
                                const char *dname, unsigned long resource);
virDomainPtr remoteDomainMigrateFinish3(virConnectPtr dconn, const char *dname,
                                        const char *cookiein, int cookieinlen, char **cookieout,
                                        int *cookieoutlen, const char *dconnuri, const char *uri,
                                        unsigned long flags, int cancelled);
int remoteDomainMigrateConfirm3(virDomainPtr domain, const char *cookiein, int cookieinlen,
                                unsigned long flags, int cancelled);
virDomainPtr remoteDomainMigrate(virDomainPtr domain, virConnectPtr dconn, unsigned long flags,
                                 const char *dname, const char *uri, unsigned long bandwidth);
virDomainPtr remoteDomainMigrate2(virDomainPtr domain, virConnectPtr dconn, const char *dxml,
                                  unsigned long flags, const char *dname, const char *uri,
                                  unsigned long bandwidth);

#endif /* REMOTE_HANDWRITTEN_H */
