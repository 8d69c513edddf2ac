/* daemon-dispatch-table.h: what a dispatcher looks like, for the
 * generated ones (dispatch-gen.c) and the handwritten ones (daemon-procs-*.c). */
#ifndef DAEMON_DISPATCH_TABLE_H
#define DAEMON_DISPATCH_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>

#include "libvirt/libvirt.h"
#include "libvirt/virterror.h"
#include "libvirt/libvirt-qemu.h"
#include "libvirt/libvirt-lxc.h"
#include "daemon-server.h"
#include "remote_protocol.h"
#include "util.h"

/* Run one call: args decoded, ret zeroed. 0 on success with ret filled;
 * -1 with the thread's last error saying why. conn is the client's
 * connection (a reference the caller drops), NULL for no-conn entries. */
typedef int (*daemonDispatchFunc)(daemonClient *client, virConnectPtr conn, void *args, void *ret);

typedef struct daemonDispatchEntry {
    int proc;
    daemonDispatchFunc fn;
    bool needs_conn;
} daemonDispatchEntry;

extern const daemonDispatchEntry daemonDispatchTable[];
extern const size_t daemonDispatchTableCount;

/* The programs the daemon serves (remote, and the QEMU and LXC programs
 * of the companion libraries), each with its dispatchers sorted by number. */
typedef struct daemonProgram {
    unsigned int prog;
    unsigned int vers;
    const char *name;
    const virtRPCProcedure *(*lookup)(int proc);
    const daemonDispatchEntry *table;
    size_t count;
} daemonProgram;
extern const daemonProgram daemonPrograms[];
extern const size_t daemonProgramsCount;
/* The program numbered prog, or NULL. */
const daemonProgram *daemonProgramFind(unsigned int prog);

/* Handwritten dispatchers are defined with these (dispatchgen.py finds
 * them by name): DAEMON_PROC for calls on the client's connection,
 * DAEMON_PROC_NOCONN for calls that work before CONNECT_OPEN. */
#define DAEMON_PROC(name)                                                       \
    int dispatch_##name(daemonClient *client, virConnectPtr conn, void *argsp, void *retp); \
    int dispatch_##name(daemonClient *client, virConnectPtr conn, void *argsp, void *retp)
#define DAEMON_PROC_NOCONN(name)                                                \
    int dispatchNoConn_##name(daemonClient *client, virConnectPtr conn, void *argsp, void *retp); \
    int dispatchNoConn_##name(daemonClient *client, virConnectPtr conn, void *argsp, void *retp)

/* daemon-handles.c: wire handles <-> objects of the client's connection. */
virDomainPtr daemonGetDomain(virConnectPtr conn, const remote_nonnull_domain *d);
virNetworkPtr daemonGetNetwork(virConnectPtr conn, const remote_nonnull_network *n);
void daemonMakeDomain(remote_nonnull_domain *out, virDomainPtr dom);
virDomainSnapshotPtr daemonGetDomainSnapshot(virConnectPtr conn, const remote_nonnull_domain_snapshot *s);
void daemonMakeDomainSnapshot(remote_nonnull_domain_snapshot *out, virDomainSnapshotPtr snap);
void daemonReleaseDomainSnapshot(virDomainSnapshotPtr snap);
virDomainCheckpointPtr daemonGetDomainCheckpoint(virConnectPtr conn, const remote_nonnull_domain_checkpoint *c);
void daemonMakeDomainCheckpoint(remote_nonnull_domain_checkpoint *out, virDomainCheckpointPtr cp);
void daemonReleaseDomainCheckpoint(virDomainCheckpointPtr cp);
virSecretPtr daemonGetSecret(virConnectPtr conn, const remote_nonnull_secret *s);
void daemonMakeSecret(remote_nonnull_secret *out, virSecretPtr secret);
void daemonReleaseSecret(virSecretPtr secret);
virNWFilterPtr daemonGetNWFilter(virConnectPtr conn, const remote_nonnull_nwfilter *f);
void daemonMakeNWFilter(remote_nonnull_nwfilter *out, virNWFilterPtr filter);
void daemonReleaseNWFilter(virNWFilterPtr filter);
virNWFilterBindingPtr daemonGetNWFilterBinding(virConnectPtr conn, const remote_nonnull_nwfilter_binding *b);
void daemonMakeNWFilterBinding(remote_nonnull_nwfilter_binding *out, virNWFilterBindingPtr binding);
void daemonReleaseNWFilterBinding(virNWFilterBindingPtr binding);
virNetworkPortPtr daemonGetNetworkPort(virConnectPtr conn, const remote_nonnull_network_port *p);
void daemonMakeNetworkPort(remote_nonnull_network_port *out, virNetworkPortPtr port);
void daemonReleaseNetworkPort(virNetworkPortPtr port);
void daemonMakeNetwork(remote_nonnull_network *out, virNetworkPtr net);
/* Hand a names array filled by a public list call (n entries, or n < 0
 * on failure, when it is freed) to a reply's names<> member. */
int daemonFillNames(int n, char **names, uint32_t *len, char ***val);
/* Free a handle (NULL is fine) keeping the thread's last error intact. */
void daemonReleaseDomain(virDomainPtr dom);
void daemonReleaseNetwork(virNetworkPtr net);
/* The same for storage pools and volumes, interfaces and node devices. */
virStoragePoolPtr daemonGetStoragePool(virConnectPtr conn, const remote_nonnull_storage_pool *p);
virStorageVolPtr daemonGetStorageVol(virConnectPtr conn, const remote_nonnull_storage_vol *v);
virInterfacePtr daemonGetInterface(virConnectPtr conn, const remote_nonnull_interface *i);
virNodeDevicePtr daemonGetNodeDevice(virConnectPtr conn, const remote_nonnull_node_device *d);
void daemonMakeStoragePool(remote_nonnull_storage_pool *out, virStoragePoolPtr pool);
void daemonMakeStorageVol(remote_nonnull_storage_vol *out, virStorageVolPtr vol);
void daemonMakeInterface(remote_nonnull_interface *out, virInterfacePtr iface);
void daemonMakeNodeDevice(remote_nonnull_node_device *out, virNodeDevicePtr dev);
void daemonReleaseStoragePool(virStoragePoolPtr pool);
void daemonReleaseStorageVol(virStorageVolPtr vol);
void daemonReleaseInterface(virInterfacePtr iface);
void daemonReleaseNodeDevice(virNodeDevicePtr dev);

#endif /* DAEMON_DISPATCH_TABLE_H */
