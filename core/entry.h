/* entry.h: what the generated public entry points (entry.c) rely on. */
#ifndef VIRT_ENTRY_H
#define VIRT_ENTRY_H

#include <stddef.h>

#include "error.h"
#include "internal.h"

/* The slot field of table, or NULL when the module's table is too short
 * to hold it (an older module) or the slot is empty. */
#define VIRT_SLOT(table, type, field)                                           \
    ((table) && offsetof(type, field) + sizeof(((type *) 0)->field) <= (table)->size \
         ? (table)->field : NULL)

bool virtCheckConnect(virConnectPtr conn, const char *func);
bool virtCheckDomain(virDomainPtr dom, const char *func);
bool virtCheckNetwork(virNetworkPtr net, const char *func);

bool virtCheckNetworkPort(virNetworkPortPtr port, const char *func);
bool virtCheckStoragePool(virStoragePoolPtr pool, const char *func);
bool virtCheckStorageVol(virStorageVolPtr vol, const char *func);
bool virtCheckInterface(virInterfacePtr iface, const char *func);
bool virtCheckNodeDevice(virNodeDevicePtr dev, const char *func);
bool virtCheckSecret(virSecretPtr secret, const char *func);
bool virtCheckNWFilter(virNWFilterPtr filter, const char *func);
bool virtCheckNWFilterBinding(virNWFilterBindingPtr binding, const char *func);
bool virtCheckDomainSnapshot(virDomainSnapshotPtr snapshot, const char *func);
bool virtCheckDomainCheckpoint(virDomainCheckpointPtr checkpoint, const char *func);

/* Every handle records the connection that serves it. */
#define VIRT_HANDLE_CONN(Type) \
    static inline virConnectPtr virt##Type##Conn(vir##Type##Ptr obj) { return obj->h.conn; }
VIRT_HANDLE_CONN(Domain)
VIRT_HANDLE_CONN(Network)
VIRT_HANDLE_CONN(NetworkPort)
VIRT_HANDLE_CONN(StoragePool)
VIRT_HANDLE_CONN(StorageVol)
VIRT_HANDLE_CONN(Interface)
VIRT_HANDLE_CONN(NodeDevice)
VIRT_HANDLE_CONN(Secret)
VIRT_HANDLE_CONN(NWFilter)
VIRT_HANDLE_CONN(NWFilterBinding)
VIRT_HANDLE_CONN(DomainSnapshot)
VIRT_HANDLE_CONN(DomainCheckpoint)
static inline bool virtConnReadOnly(virConnectPtr conn) { return conn->flags & VIR_CONNECT_RO; }

const virtHypervisorTable *virtConnHypervisorTable(virConnectPtr conn);
const virtNetworkTable *virtConnNetworkTable(virConnectPtr conn);
const virtStorageTable *virtConnStorageTable(virConnectPtr conn);
const virtInterfaceTable *virtConnInterfaceTable(virConnectPtr conn);
const virtNodeDeviceTable *virtConnNodeDeviceTable(virConnectPtr conn);
const virtSecretTable *virtConnSecretTable(virConnectPtr conn);
const virtNWFilterTable *virtConnNWFilterTable(virConnectPtr conn);

/* For hand-written public functions: each reports and dispatches its own
 * error and returns false when the call must stop. */
bool virtEnterConnect(virConnectPtr conn, const char *func);   /* resets the last error */
bool virtArgMissing(virConnectPtr conn, const void *arg, const char *name, const char *func);
bool virtParseUUIDArg(virConnectPtr conn, const char *uuidstr, unsigned char *uuid,
                      const char *func);

void virtReportNullArg(virConnectPtr conn, const char *func, const char *arg);
void virtReportEmptyArg(virConnectPtr conn, const char *func, const char *arg);
void virtReportRangeArg(virConnectPtr conn, const char *func, const char *arg, const char *rule);
void virtReportReadOnly(virConnectPtr conn, const char *func);
/* A flag asking for secrets (*_XML_SECURE) on a read-only connection. */
void virtReportReadOnlyFlag(virConnectPtr conn, const char *func);
/* flags^A|B and flags:A>B in abi/libvirt.api */
void virtReportExclusiveFlags(virConnectPtr conn, const char *func, const char *first,
                              const char *second);
void virtReportRequiredFlag(virConnectPtr conn, const char *func, const char *needed,
                            const char *by);
void virtReportNoSupport(virConnectPtr conn, const char *func);

/* A legacy entry point (via= in abi/libvirt.api) names itself while its
 * *Flags slot runs: enter returns the outer name, which leave restores. */
const char *virtLegacyEnter(const char *func);
void virtLegacyLeave(const char *outer);
const char *virtLegacyCall(void);

#endif /* VIRT_ENTRY_H */
