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

/* objects.c */
bool virtConnectValid(virConnectPtr conn);
bool virtDomainValid(virDomainPtr dom);
bool virtNetworkValid(virNetworkPtr net);
virDomainPtr virtDomainNew(virConnectPtr conn, const char *name,
                           const unsigned char *uuid, int id);
virNetworkPtr virtNetworkNew(virConnectPtr conn, const char *name,
                             const unsigned char *uuid);
void virtConnectUnref(virConnectPtr conn);

/* services.c */
extern const virtCoreServices virtCoreServiceTable;

#endif /* VIRT_INTERNAL_H */
