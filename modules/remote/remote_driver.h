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

/* One open connection (shared by its hypervisor and network roles). */
typedef struct remoteConn {
    remoteClient *client;
    remoteTransport transport;
    pthread_mutex_t lock;      /* type */
    char *type;                /* cached answer of CONNECT_GET_TYPE */
} remoteConn;

remoteConn *remoteConnOf(virConnectPtr conn);

/* remoteClientCall on conn's client. */
int remoteCall(virConnectPtr conn, int proc, virtXDRCodec argsCodec, void *args,
               virtXDRCodec retCodec, void *ret);

/* Handles on the wire. ToWire borrows the handle's strings. */
void remoteDomainToWire(virDomainPtr dom, remote_nonnull_domain *w);
void remoteNetworkToWire(virNetworkPtr net, remote_nonnull_network *w);
virDomainPtr remoteDomainFromWire(virConnectPtr conn, const remote_nonnull_domain *w);
virNetworkPtr remoteNetworkFromWire(virConnectPtr conn, const remote_nonnull_network *w);

#endif /* REMOTE_DRIVER_H */
