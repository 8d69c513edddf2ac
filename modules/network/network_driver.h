/* network_driver.h: what the files of the network module share: the
 * driver (one per mode: system or session), its networks, and the helpers
 * each file offers the others. */
#ifndef VIRT_NETWORK_DRIVER_H
#define VIRT_NETWORK_DRIVER_H

#include <pthread.h>
#include <stdbool.h>
#include <sys/types.h>

#include "virt-module.h"
#include "network_def.h"

extern const virtCoreServices *netCore;

/* For VIRT_CHECK_FLAGS. */
#define VIRT_MODULE_SERVICES netCore
#define VIRT_FROM_THIS VIR_FROM_NETWORK

#define NET_ERROR(conn, code, ...) netCore->error((conn), VIR_FROM_NETWORK, (code), __VA_ARGS__)
/* Each file names its category with VIRT_MODULE_LOG_INIT. */
#define NET_DEBUG(...) VIRT_MODULE_DEBUG(netCore, __VA_ARGS__)

/* Where a driver keeps its files (as libvirt's network driver). */
typedef struct netPaths {
    char *config_dir;       /* persistent XML: NAME.xml */
    char *autostart_dir;    /* config_dir/autostart: NAME.xml links */
    char *state_dir;        /* live XML of running networks: NAME.xml */
    char *pid_dir;          /* dnsmasq pid files: NAME.pid */
    char *dnsmasq_dir;      /* dnsmasq config and leases: NAME.conf, NAME.leases */
    bool config_created;    /* config_dir did not exist: a first start */
} netPaths;

/* One network known to a driver. def is the live definition while
 * running (or the persistent one when inactive); newDef, when set, is the
 * persistent definition of a running network, applied when it stops. */
typedef struct netObj {
    virtNetworkDef *def;
    virtNetworkDef *newDef;
    bool active;
    bool persistent;
    bool autostart;
    pid_t dnsmasq;          /* 0: none */
    bool busy;              /* being started or stopped, without drv->lock */
    struct netObj *next;
} netObj;

/* A driver: every network of one mode. All fields under lock. */
typedef struct netDriver {
    pthread_mutex_t lock;
    pthread_cond_t idle;        /* broadcast when a network stops being busy */
    bool privileged;
    int refs;                   /* open connections */
    netPaths paths;
    netObj *nets;
    virConnectPtr *conns;       /* open connections: they get the events */
    size_t nconns;
} netDriver;

/* network_module.c */
netDriver *netConnDriver(virConnectPtr conn);
/* The object of a handle, with drv->lock held and not busy; NULL
 * (unlocked) with libvirt's "no network with matching uuid" error. */
netObj *netObjFromHandle(virNetworkPtr net, netDriver **drvp);

/* Raise an error of the XML layer (and clear it). */
void netReportXMLError(virConnectPtr conn, virtXMLError *err);

/* network_paths.c */
int netPathsInit(netPaths *p, bool privileged);
void netPathsFree(netPaths *p);
int netMakeDirs(const char *path);

/* network_default.c: define the built-in network (a system driver's
 * first start). */
void netSeedDefault(netDriver *drv);

/* network_store.c: files under the config and state folders. */
void netStoreLoadAll(netDriver *drv);
int netStoreSaveConfig(netDriver *drv, const virtNetworkDef *def, char **errmsg);
void netStoreDeleteConfig(netDriver *drv, const char *name);
int netStoreSetAutostart(netDriver *drv, const char *name, bool on, char **errmsg);
int netStoreSaveState(netDriver *drv, const netObj *obj, char **errmsg);
void netStoreDeleteState(netDriver *drv, const char *name);
char *netStoreFile(const char *dir, const char *name, const char *suffix);

/* network_objects.c: the driver's list. */
netObj *netObjFindByName(netDriver *drv, const char *name);
netObj *netObjFindByUUID(netDriver *drv, const unsigned char *uuid);
void netObjAdd(netDriver *drv, netObj *obj);
void netObjRemove(netDriver *drv, netObj *obj);
void netObjFree(netObj *obj);
/* Mark obj as changed on the host without drv->lock (held to call it),
 * or done; those waiting for it then go on. */
void netObjSetBusy(netDriver *drv, netObj *obj, bool busy);
/* The network by uuid once it is not busy (drv->lock held); NULL when it
 * went away meanwhile. */
netObj *netObjWaitIdle(netDriver *drv, const unsigned char *uuid);
/* libvirt's define-time defaults: a free virbrN bridge, a MAC. */
int netObjFillDefaults(netDriver *drv, virtNetworkDef *def, char **errmsg);
/* A bridge name or ip range another network already has: NULL, or the
 * message naming both networks. */
char *netObjBridgeConflict(netDriver *drv, const virtNetworkDef *def);

/* network_events.c */
void netDriverAddConn(netDriver *drv, virConnectPtr conn);
void netDriverRemoveConn(netDriver *drv, virConnectPtr conn);
void netNotify(netDriver *drv, const netObj *obj, int event);

/* network_bridge.c: the host bridge over rtnetlink. */
int netBridgeCreate(const virtNetworkDef *def, char **errmsg);
void netBridgeDelete(const char *name);
bool netDevExists(const char *name);

/* network_dnsmasq.c */
bool netNeedsDnsmasq(const virtNetworkDef *def);
int netDnsmasqStart(netDriver *drv, netObj *obj, char **errmsg);
/* (Re)write the config and host files of the live definition. */
int netDnsmasqWriteFiles(netDriver *drv, netObj *obj, char **errmsg);
void netDnsmasqStop(netDriver *drv, netObj *obj);
pid_t netDnsmasqReadPid(netDriver *drv, const char *name);

/* network_firewall.c: NAT and forwarding rules, one nftables table per
 * network, named after its bridge. */
int netFirewallAdd(const virtNetworkDef *def, char **errmsg);
void netFirewallRemove(const virtNetworkDef *def);
/* Load the table again unless it is there. */
int netFirewallEnsure(const virtNetworkDef *def, char **errmsg);

/* network_start.c: bringing a network up and down on the host. */
int netStart(virConnectPtr conn, netDriver *drv, netObj *obj);
void netStop(netDriver *drv, netObj *obj);
/* An <ip>'s address, parsed: family, 16 bytes, prefix. */
typedef struct netAddr {
    int family;
    unsigned char b[16];
    int prefix;
} netAddr;
bool netIpAddr(const virtNetworkIp *ip, netAddr *out);

/* network_leases.c: the networkGetDHCPLeases slot. */
int netGetDHCPLeases(virNetworkPtr network, const char *mac, virNetworkDHCPLeasePtr **leases, unsigned int flags);

/* network_update.c */
int netNetworkUpdate(virNetworkPtr network, unsigned int command, unsigned int section, int parentIndex,
                     const char *xml, unsigned int flags);

/* network_api.c: the slots. */
extern const virtNetworkTable netNetworkTable;
void netAutostartAll(virConnectPtr conn, netDriver *drv);

#endif /* VIRT_NETWORK_DRIVER_H */
