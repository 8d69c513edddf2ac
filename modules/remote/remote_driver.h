/* remote_driver.h: what the files of the remote module share: the
 * per-connection state and the helpers every stub uses. */
#ifndef REMOTE_DRIVER_H
#define REMOTE_DRIVER_H

#include <pthread.h>
#include <stdbool.h>

#include "virt-module.h"
#include "remote_client.h"
#include "remote_plan.h"
#include "remote_protocol.h"

extern const virtCoreServices *remoteCore;
extern const virtHypervisorTable remoteHypervisorTable;
extern const virtNetworkTable remoteNetworkTable;
extern const virtStorageTable remoteStorageTable;
extern const virtInterfaceTable remoteInterfaceTable;
extern const virtNodeDeviceTable remoteNodeDeviceTable;
extern const virtSecretTable remoteSecretTable;
extern const virtNWFilterTable remoteNWFilterTable;

/* One open connection (shared by its hypervisor and network roles). */
typedef struct remoteConn {
    remoteClient *client;
    remoteTransport transport;
    pthread_mutex_t lock;      /* type */
    char *type;                /* cached answer of CONNECT_GET_TYPE */
    virConnectPtr conn;        /* the connection events are raised on */
    unsigned int subscribed;   /* bit per family and event id whose events of
                                * every object come (remote_events.c) */
    char **parents;            /* node device parent names handed out, kept
                                * until the connection closes (remote_info.c) */
    size_t nparents;
} remoteConn;

remoteConn *remoteConnOf(virConnectPtr conn);
/* Is conn open on this module (for calls that take a second connection)? */
bool remoteConnIsOurs(virConnectPtr conn);

/* remoteClientCall on conn's client. */
int remoteCall(virConnectPtr conn, int proc, virtXDRCodec argsCodec, void *args,
               virtXDRCodec retCodec, void *ret);
/* The same on another program of the daemon (the companion libraries'). */
int remoteCallProgram(virConnectPtr conn, unsigned int prog, unsigned int vers, int proc,
                      virtXDRCodec argsCodec, void *args, virtXDRCodec retCodec, void *ret);

/* Handles on the wire. ToWire borrows the handle's strings. */
void remoteDomainToWire(virDomainPtr dom, remote_nonnull_domain *w);
void remoteNetworkToWire(virNetworkPtr net, remote_nonnull_network *w);
virDomainPtr remoteDomainFromWire(virConnectPtr conn, const remote_nonnull_domain *w);
virNetworkPtr remoteNetworkFromWire(virConnectPtr conn, const remote_nonnull_network *w);
/* remote_objects.c: the same for the storage, interface and node device roles. */
void remotePoolToWire(virStoragePoolPtr pool, remote_nonnull_storage_pool *w);
virStoragePoolPtr remotePoolFromWire(virConnectPtr conn, const remote_nonnull_storage_pool *w);
void remoteVolToWire(virStorageVolPtr vol, remote_nonnull_storage_vol *w);
virStorageVolPtr remoteVolFromWire(virConnectPtr conn, const remote_nonnull_storage_vol *w);
void remoteInterfaceToWire(virInterfacePtr iface, remote_nonnull_interface *w);
virInterfacePtr remoteInterfaceFromWire(virConnectPtr conn, const remote_nonnull_interface *w);
void remoteNodeDeviceToWire(virNodeDevicePtr dev, remote_nonnull_node_device *w);
virNodeDevicePtr remoteNodeDeviceFromWire(virConnectPtr conn, const remote_nonnull_node_device *w);
void remoteSecretToWire(virSecretPtr secret, remote_nonnull_secret *w);
virSecretPtr remoteSecretFromWire(virConnectPtr conn, const remote_nonnull_secret *w);
void remoteNWFilterToWire(virNWFilterPtr filter, remote_nonnull_nwfilter *w);
virNWFilterPtr remoteNWFilterFromWire(virConnectPtr conn, const remote_nonnull_nwfilter *w);
void remoteNWFilterBindingToWire(virNWFilterBindingPtr binding, remote_nonnull_nwfilter_binding *w);
virNWFilterBindingPtr remoteNWFilterBindingFromWire(virConnectPtr conn,
                                                    const remote_nonnull_nwfilter_binding *w);
void remoteNetworkPortToWire(virNetworkPortPtr port, remote_nonnull_network_port *w);
virNetworkPortPtr remoteNetworkPortFromWire(virConnectPtr conn, const remote_nonnull_network_port *w);

/* remote_lists.c: move up to max names of a decoded array into the
 * caller's array (the decoded ones become NULL); their count, or -1. */
int remoteTakeNames(virConnectPtr conn, char **const names, int max, char **got, uint32_t n);
void remoteSnapshotToWire(virDomainSnapshotPtr snap, remote_nonnull_domain_snapshot *w);
virDomainSnapshotPtr remoteSnapshotFromWire(virConnectPtr conn, const remote_nonnull_domain_snapshot *w);
void remoteCheckpointToWire(virDomainCheckpointPtr cp, remote_nonnull_domain_checkpoint *w);
virDomainCheckpointPtr remoteCheckpointFromWire(virConnectPtr conn, const remote_nonnull_domain_checkpoint *w);

/* remote_domain.c: typed parameters from a reply: into the caller's array
 * of max (the count, or -1), or into a new array; and into a request (a
 * new array borrowing the strings, to free after the call). */
int remoteParamsFromWire(virConnectPtr conn, const remote_typed_param *w, uint32_t n,
                         virTypedParameterPtr params, int max);
int remoteParamsFromWireAlloc(virConnectPtr conn, const remote_typed_param *w, uint32_t n,
                              virTypedParameterPtr *params);
int remoteParamsToWire(virConnectPtr conn, virTypedParameterPtr params, int nparams,
                       remote_typed_param **out, uint32_t *outlen);

/* remote_events.c: ask the daemon for every domain lifecycle and reboot
 * event and raise them on rc->conn, where the core runs the
 * application's callbacks. A daemon that refuses leaves the connection
 * without events; the open still succeeds. */
void remoteEventsAttach(remoteConn *rc);

#endif /* REMOTE_DRIVER_H */
