/* internal.h: the core's private view of connections, domains, networks
 * and loaded modules. Nothing here is visible to modules or applications. */
#ifndef VIRT_INTERNAL_H
#define VIRT_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

#include "virt-module.h"
#include "util.h"

#define VIRT_CONNECT_MAGIC 0x4d4b4331u  /* "MKC1" */
#define VIRT_DOMAIN_MAGIC  0x4d4b4431u
#define VIRT_NETWORK_MAGIC 0x4d4b4e31u
#define VIRT_DEAD_MAGIC    0xdeadbeefu

typedef struct virtModule virtModule;
typedef struct virtOwnedURI virtOwnedURI;

/* One role of a connection: which module serves it and its private data. */
typedef struct virtConnRole {
    virtModule *module;      /* NULL: role not available on this connection */
    void *priv;
    bool opened;             /* module's open() ran for this role */
} virtConnRole;

struct _virConnect {
    unsigned int magic;
    atomic_int refs;
    unsigned int flags;              /* VIR_CONNECT_RO ... */
    char *name;                      /* the URI actually opened */
    virtOwnedURI *uri;
    virtConnRole roles[VIRT_ROLE_LAST];

    pthread_mutex_t lock;            /* protects err, handler, userData */
    virError err;                    /* copy of the last error on this conn */
    virErrorFunc handler;
    void *userData;
    /* Event callback ids of this connection, all families, from 0 as
     * libvirt numbers them. */
    atomic_int nextEventID;
};

struct _virDomain {
    unsigned int magic;
    atomic_int refs;
    virConnectPtr conn;              /* holds a reference */
    char *name;
    unsigned char uuid[VIRT_UUID_LEN];
    atomic_int id;
};

struct _virNetwork {
    unsigned int magic;
    atomic_int refs;
    virConnectPtr conn;              /* holds a reference */
    char *name;
    unsigned char uuid[VIRT_UUID_LEN];
};

/* The handles of the other object kinds share one layout: a handle keeps
 * its connection alive, or, for snapshots, checkpoints and network ports,
 * its domain or network (which keeps the connection alive). Which string
 * fields a kind uses is said at its constructor in handles.c. */
typedef struct virtHandle {
    unsigned int magic;
    atomic_int refs;
    virConnectPtr conn;              /* a reference unless parent is set */
    virDomainPtr parentDom;          /* held: snapshots, checkpoints */
    virNetworkPtr parentNet;         /* held: network ports */
    char *name;
    char *str2;
    char *str3;
    unsigned char uuid[VIRT_UUID_LEN];
    int num;
} virtHandle;

struct _virStoragePool { virtHandle h; };
struct _virStorageVol { virtHandle h; };
struct _virInterface { virtHandle h; };
struct _virNodeDevice { virtHandle h; };
struct _virSecret { virtHandle h; };
struct _virNWFilter { virtHandle h; };
struct _virNWFilterBinding { virtHandle h; };
struct _virDomainSnapshot { virtHandle h; };
struct _virDomainCheckpoint { virtHandle h; };
struct _virNetworkPort { virtHandle h; };

/* handles.c: validity checks (magic and a live connection) and constructors */
bool virtStoragePoolValid(virStoragePoolPtr pool);
bool virtStorageVolValid(virStorageVolPtr vol);
bool virtInterfaceValid(virInterfacePtr iface);
bool virtNodeDeviceValid(virNodeDevicePtr dev);
bool virtSecretValid(virSecretPtr secret);
bool virtNWFilterValid(virNWFilterPtr filter);
bool virtNWFilterBindingValid(virNWFilterBindingPtr binding);
bool virtDomainSnapshotValid(virDomainSnapshotPtr snapshot);
bool virtDomainCheckpointValid(virDomainCheckpointPtr checkpoint);
bool virtNetworkPortValid(virNetworkPortPtr port);
virStoragePoolPtr virtStoragePoolNew(virConnectPtr conn, const char *name,
                                     const unsigned char *uuid);
virStorageVolPtr virtStorageVolNew(virConnectPtr conn, const char *pool,
                                   const char *name, const char *key);
virInterfacePtr virtInterfaceNew(virConnectPtr conn, const char *name, const char *mac);
virNodeDevicePtr virtNodeDeviceNew(virConnectPtr conn, const char *name);
virSecretPtr virtSecretNew(virConnectPtr conn, const unsigned char *uuid,
                           int usageType, const char *usageID);
virNWFilterPtr virtNWFilterNew(virConnectPtr conn, const char *name,
                               const unsigned char *uuid);
virNWFilterBindingPtr virtNWFilterBindingNew(virConnectPtr conn, const char *portdev,
                                             const char *filtername);
virDomainSnapshotPtr virtDomainSnapshotNew(virDomainPtr dom, const char *name);
virDomainCheckpointPtr virtDomainCheckpointNew(virDomainPtr dom, const char *name);
virNetworkPortPtr virtNetworkPortNew(virNetworkPtr net, const unsigned char *uuid);

/* objects.c */
void virtDomainUnref(virDomainPtr dom);
void virtNetworkUnref(virNetworkPtr net);
bool virtConnectValid(virConnectPtr conn);
bool virtDomainValid(virDomainPtr dom);
bool virtNetworkValid(virNetworkPtr net);
virDomainPtr virtDomainNew(virConnectPtr conn, const char *name,
                           const unsigned char *uuid, int id);
virNetworkPtr virtNetworkNew(virConnectPtr conn, const char *name,
                             const unsigned char *uuid);
/* Drop a reference; returns how many are left (0: closed and freed). */
int virtConnectUnref(virConnectPtr conn);
/* Take a reference unless the last one is already gone (conn closing). */
bool virtConnectRefIfAlive(virConnectPtr conn);

/* services.c */
extern const virtCoreServices virtCoreServiceTable;

#endif /* VIRT_INTERNAL_H */
