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

/* Every handle has this layout: a kind, its connection (a reference,
 * unless its parent holds one: snapshots, checkpoints and network ports
 * keep their domain or network alive), and its identity, whose strings are
 * the handle's own copies (ident.uuid points at uuid when it has one). */
typedef struct virtHandle {
    unsigned int magic;              /* the kind's, while the handle lives */
    virtHandleKind kind;
    atomic_int refs;
    virConnectPtr conn;
    struct virtHandle *parent;
    unsigned char uuid[VIRT_UUID_LEN];
    virtHandleIdentity ident;        /* ident.id changes with virtHandleSetID */
} virtHandle;

struct _virDomain { virtHandle h; };
struct _virNetwork { virtHandle h; };
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

/* handles.c: the generic constructor and reference drop (the services
 * handle_new and handle_release), a domain's running id, and per kind the
 * validity check (magic and a live connection). */
void *virtHandleNew(virConnectPtr conn, virtHandleKind kind, void *parent,
                    const virtHandleIdentity *identity);
void virtHandleUnref(void *handle);
bool virtHandleValid(const void *handle);
int virtHandleID(const void *handle);
void virtHandleSetID(void *handle, int id);
bool virtDomainValid(virDomainPtr dom);
bool virtNetworkValid(virNetworkPtr net);
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

/* objects.c */
bool virtConnectValid(virConnectPtr conn);
/* Drop a reference; returns how many are left (0: closed and freed). */
int virtConnectUnref(virConnectPtr conn);
/* Take a reference unless the last one is already gone (conn closing). */
bool virtConnectRefIfAlive(virConnectPtr conn);

/* services.c */
extern const virtCoreServices virtCoreServiceTable;

#endif /* VIRT_INTERNAL_H */
