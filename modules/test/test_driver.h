/* test_driver.h: what the files of the test module share: the in-memory
 * host (domains, networks, node facts), its objects and its locking. */
#ifndef VIRT_TEST_DRIVER_H
#define VIRT_TEST_DRIVER_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include <libxml/tree.h>

#include "virt-module.h"
#include "domain_def.h"
#include "network_def.h"
#include "test_hash.h"

extern const virtCoreServices *testCore;

/* For VIRT_CHECK_FLAGS. */
#define VIRT_MODULE_SERVICES testCore
#define VIRT_FROM_THIS VIR_FROM_TEST

/* What libvirt's test driver fills into a domain definition. */
extern const virtDomainDriverDefaults testDomainDefaults;

#define TEST_ERROR(conn, code, ...) testCore->error((conn), VIR_FROM_TEST, (code), __VA_ARGS__)

/* Node facts, as virNodeGetInfo reports them. */
typedef struct testNodeInfo {
    char model[32];
    unsigned long memory;   /* KiB */
    unsigned int cpus, mhz, nodes, sockets, cores, threads;
    unsigned int cells;     /* NUMA cells with memory figures (test_node.c) */
} testNodeInfo;

/* The file systems every running guest has: "/" and "/boot". */
#define TEST_GUEST_FS 2

/* One domain of the host. def is the live definition; pending, when set,
 * is the persistent definition of a running domain (as defined, or
 * redefined since it started), which replaces def when it stops. */
typedef struct testDomain {
    virtDomain *def;
    virtDomain *pending;
    int state;              /* virDomainState */
    int reason;
    int id;                 /* -1 when inactive */
    bool persistent;
    bool autostart;
    unsigned int weight;    /* the "fair" scheduler's only parameter */
    unsigned long long cpu_ns;      /* CPU time used before run_since */
    struct timespec run_since;      /* valid while running */
    unsigned int host_cpus;         /* what an unpinned vcpu may run on */
    long long time_sec;             /* the guest clock of Get/SetTime */
    unsigned int time_nsec;
    bool managed_save;              /* an image of virDomainManagedSave is kept */
    bool frozen[TEST_GUEST_FS];     /* the guest's file systems, by test_domain_guest.c */
    unsigned int *added_iothreads;  /* ids virDomainAddIOThread gave it, and not */
    size_t nadded_iothreads;        /* removed since: the ones that take polling settings */
    struct testSnapshot *snaps;     /* creation order */
    char *snap_current;             /* name of the current snapshot */
    struct testSnapshot *checkpoints;
    struct testDomain *prev, *next; /* the host's list, for listing */
} testDomain;

/* One disk a snapshot covers; NULL fields were not given. */
typedef struct testSnapDisk {
    char *name, *snapshot, *type, *driver, *source;
    bool sourceDev;                 /* source is a dev='', not a file='' */
} testSnapDisk;

/* A snapshot's state beyond virDomainState: libvirt's disk-only one. */
#define TEST_SNAPSHOT_DISK_ONLY (VIR_DOMAIN_PMSUSPENDED + 1)

/* A snapshot or checkpoint: metadata only, with the domain's definition
 * as it was when taken. parent names another one of the same domain. */
typedef struct testSnapshot {
    char *name, *description, *parent;
    int state;                      /* virDomainState when taken, or DISK_ONLY */
    long long created;              /* seconds since the epoch */
    char *memory, *memfile;         /* the memory's location word, its file */
    testSnapDisk *disks;
    size_t ndisks;
    char *domxml;                   /* NULL: a redefined one that gave none */
    virtDomain *def;                /* while redefining: the parsed domxml */
    struct testSnapshot *next;
} testSnapshot;

/* A checkpoint is kept the same way (its state is unused). */
typedef testSnapshot testCheckpoint;

/* Storage: pools of volumes (sizes in bytes), all in memory. */
typedef struct testVolume {
    char *name;
    unsigned long long capacity, allocation;
    struct virtStorageVolDef *def;  /* the definition, as the driver keeps it */
    struct testVolume *next;
} testVolume;

typedef struct testPool {
    char *name;
    unsigned char uuid[16];
    char *type;                     /* "dir" */
    char *path;                     /* <target><path>, or where volumes are named
                                     * when the pool has none (/dev/NAME) */
    struct virtStoragePoolDef *def; /* the definition, as the model read it */
    unsigned long long capacity;
    bool active, persistent, autostart;
    testVolume *vols;
    struct testPool *next;
} testPool;

/* A host interface: its definition is kept as given. */
typedef struct testIface {
    char *name, *mac;
    char *xml;
    bool active;
    struct testIface *next;
} testIface;

/* A secret (libvirt's secret driver semantics): usage_id names what it
 * unlocks; value is NULL until set. */
typedef struct testSecret {
    unsigned char uuid[16];
    bool ephemeral, isprivate;
    char *description;
    int usage_type;                 /* virSecretUsageType */
    char *usage_id;                 /* NULL for usage type "none" */
    unsigned char *value;
    size_t value_size;
    struct testSecret *next;
} testSecret;

/* A network filter: name, uuid and the definition as given (rules are
 * not interpreted). */
typedef struct testNWFilter {
    char *name;
    unsigned char uuid[16];
    char *xml;
    struct testNWFilter *next;
} testNWFilter;

/* A binding of a filter to a guest's port device, kept as given. */
typedef struct testNWBinding {
    char *portdev, *filter, *xml;
    struct testNWBinding *next;
} testNWBinding;

/* A host device: built-in ones on test:///default, or read from a node
 * file. capBits are the VIR_CONNECT_LIST_NODE_DEVICES_CAP_* it matches. */
typedef struct testDevice {
    char *name, *parent;
    char *cap;                      /* its first capability (listCaps) */
    unsigned int capBits;
    char *xml;
    struct testDevice *next;
} testDevice;

typedef struct testNetwork {
    virtNetworkDef *def;
    /* the persistent definition kept aside while the network runs, as
     * libvirt's newDef: a define or a config update of a running network
     * goes there. Like libvirt's test driver, nothing ever applies it; once
     * set, config updates start from it. */
    virtNetworkDef *newDef;
    bool active;
    bool persistent;
    bool autostart;
    struct testNetwork *prev, *next;
} testNetwork;

/* A host: what one test:///default process-wide instance or one node file
 * connection sees. Everything inside is protected by lock. */
typedef struct testState {
    pthread_mutex_t lock;
    int refs;               /* connections sharing it (under the registry lock) */
    bool is_default;
    testNodeInfo node;
    int next_id;
    testHash *dom_by_name, *dom_by_uuid, *dom_by_id;
    testDomain *dom_first, *dom_last;
    size_t ndomains;
    testHash *net_by_name, *net_by_uuid;
    testNetwork *net_first, *net_last;
    size_t nnetworks;
    testPool *pools;
    testIface *ifaces;
    bool iface_txn;                 /* virInterfaceChangeBegin ran, not yet ended */
    testIface *iface_backup;        /* the interfaces as they were at its start */
    testSecret *secrets;
    testNWFilter *nwfilters;
    testNWBinding *bindings;
    testDevice *devices;
} testState;

/* Per-connection private data (all roles share it). */
typedef struct testConn {
    testState *state;
    virConnectPtr conn;     /* not referenced: lives as long as we do */
} testConn;

/* test_state.c */
testState *testStateNew(void);
void testStateFree(testState *st);
int testStateAddDomain(testState *st, testDomain *dom);     /* takes dom */
void testStateRemoveDomain(testState *st, testDomain *dom); /* frees dom */
testDomain *testDomainNewObj(virtDomain *def, const testNodeInfo *node); /* takes def */
void testDomainObjFree(testDomain *dom);
testDomain *testStateFindDomainByName(testState *st, const char *name);
testDomain *testStateFindDomainByUUID(testState *st, const unsigned char *uuid);
testDomain *testStateFindDomainByID(testState *st, int id);
void testStateIndexID(testState *st, testDomain *dom, int id);
int testStateAddNetwork(testState *st, testNetwork *net);    /* takes net */
void testStateRemoveNetwork(testState *st, testNetwork *net);/* frees net */
void testNetworkObjFree(testNetwork *net);
/* Give net the definition def (same name and UUID), freeing its old one. */
void testNetworkSetDef(testState *st, testNetwork *net, virtNetworkDef *def);
testNetwork *testStateFindNetworkByName(testState *st, const char *name);
testNetwork *testStateFindNetworkByUUID(testState *st, const unsigned char *uuid);

/* test_connect.c: a connection's state. test_module.c: conn's own data
 * when conn is a test driver connection, else NULL. */
testState *testConnState(virConnectPtr conn);
testConn *testConnOwn(virConnectPtr conn);

/* test_domain_obj.c: running and stopping, shared by several files. */
void testDomainStart(testState *st, testDomain *dom, int reason);
/* Stop; a transient domain leaves the host (dom freed): returns true then. */
bool testDomainStop(testState *st, testDomain *dom, int reason);
unsigned long long testDomainCPUTime(const testDomain *dom);
unsigned int testDomainCurrentVcpus(const testDomain *dom);
/* false after reporting libvirt's "domain is not running" when dom is off. */
bool testDomainCheckActive(virConnectPtr conn, const testDomain *dom);
/* An error in VIR_FROM_DOMAIN whose message is given whole (libvirt's
 * entry points word theirs without the code's lead). */
void testRawError(virConnectPtr conn, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The same in another error domain. */
void testRawErrorFrom(virConnectPtr conn, int from, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* The definitions VIR_DOMAIN_AFFECT_* flags reach (live, persistent; NULL
 * when not reached); -1 after reporting. The One variant refuses LIVE with
 * CONFIG and gives the one definition, *isLive (may be NULL) telling which. */
int testDomainPickDefs(virConnectPtr conn, testDomain *dom, unsigned int flags,
                       virtDomain **live, virtDomain **config);
virtDomain *testDomainPickOneDef(virConnectPtr conn, testDomain *dom, unsigned int flags, bool *isLive);
/* Lock the connection's state and find dom's object; NULL with an error
 * (state unlocked) when the domain is gone. On success the caller
 * unlocks st->lock. */
void testDomainSetDef(testState *st, testDomain *dom, virtDomain *def); /* takes def */
testDomain *testDomainAcquire(virDomainPtr handle, testState **stp);
/* testDomainAcquire, then the one definition flags pick (see
 * testDomainPickOneDef); NULL with the state unlocked after reporting. */
virtDomain *testDomainAcquireDef(virDomainPtr handle, unsigned int flags, testState **stp, testDomain **domp);
/* By name (most calls) or by uuid (isActive, isPersistent, update), as
 * libvirt's test driver looks each up. */
testNetwork *testNetworkAcquire(virNetworkPtr handle, testState **stp);
testNetwork *testNetworkAcquireByUUID(virNetworkPtr handle, testState **stp);
/* Check a new definition against the host (name and UUID clashes);
 * returns the existing object it may replace (same name and UUID), NULL
 * for a new one, or sets *clash and reports. */
testDomain *testDomainCheckDef(virConnectPtr conn, testState *st,
                               const virtDomain *def, bool *clash);
virDomainPtr testDomainHandle(virConnectPtr conn, const testDomain *dom);
void testReportXMLError(virConnectPtr conn, virtXMLError *err);
/* test_domain_list.c: whether dom passes the VIR_CONNECT_LIST_DOMAINS_*
 * filter groups in flags; a group with no bit set lets everything through. */
bool testDomainListFilter(const testDomain *dom, unsigned int flags);
/* test_domain_devices.c: the index of the disk named by its target or
 * its source, or -1. */
ssize_t testDomainFindDisk(const virtDomain *def, const char *path);

/* test_typedparam.c: p cleared and named field, of type; every one of
 * params[0..nparams) must be one of names[0..n) with the type of the same
 * index (-1 after reporting as libvirt does). */
void testSetParam(virTypedParameterPtr p, const char *field, int type);
int testCheckParams(virConnectPtr conn, virTypedParameterPtr params, int nparams,
                    const char *const *names, const int *types, size_t n);

/* test_bitmap.c: a set in libvirt's syntax ("0-3,^2,7") into bits[0..
 * TEST_BITMAP_MAX) (-1 after reporting what does not parse), and bits
 * back as libvirt writes them (each run of two or more a range). */
#define TEST_BITMAP_MAX 1024
int testBitmapParse(virConnectPtr conn, const char *text, bool *bits);
char *testBitmapFormat(const bool *bits);
/* test_domain_pin.c: the cpus (bits as above) vcpu of def may run on;
 * pinning vcpu of def to bits; bits into a caller's map of maplen bytes. */
void testDomainVcpuCpus(const testDomain *dom, const virtDomain *def, unsigned int vcpu, bool *bits);
void testDomainSetVcpupin(virtDomain *def, unsigned int vcpu, const bool *bits);
void testBitsToMap(const bool *bits, unsigned char *map, int maplen);
/* A cpuset written in a definition as bits, false when there is none; a
 * caller's map as bits, false when it names no cpu at all. */
bool testCpusetBits(const char *cpuset, bool *bits);
bool testMapToBits(const unsigned char *map, int maplen, bool *bits);
/* Drop def's <cputune> once nothing is left in it (libvirt writes none). */
void testCputuneDropIfEmpty(virtDomain *def);

/* test_default.c: the built-in host of test:///default. */
testState *testDefaultStateNew(void);

/* test_nodefile.c */
testState *testNodeFileLoad(virConnectPtr conn, const char *path, char **user, char **password);
/* The same, for the text of the file at path (its folder anchors file=). */
testState *testNodeFileParse(virConnectPtr conn, const char *path, const char *text, size_t len,
                             char **user, char **password);

/* test_handles.c: the connection of a handle the services do not expose. */
virConnectPtr testPoolConn(virStoragePoolPtr pool);
virConnectPtr testVolConn(virStorageVolPtr vol);
virConnectPtr testIfaceConn(virInterfacePtr iface);
virConnectPtr testSecretConn(virSecretPtr secret);
virConnectPtr testNWFilterConn(virNWFilterPtr filter);
virConnectPtr testNodeDevConn(virNodeDevicePtr dev);
/* Lock the host behind conn; NULL after reporting. */
testState *testLockState(virConnectPtr conn);

/* test_events.c: raise events to every connection sharing st (call with
 * st->lock released). */
void testEventLifecycle(testState *st, virDomainPtr dom, int event, int detail);
void testEventGeneric(testState *st, virDomainPtr dom, int eventID);
/* A lifecycle event of an inactive domain named as given (a rename tells
 * of the old name and the new one). */
void testEventLifecycleNamed(testState *st, const char *name, const unsigned char *uuid,
                             int event, int detail);
/* VIR_DOMAIN_EVENT_ID_METADATA_CHANGE: type and namespace of what changed. */
void testEventMetadata(testState *st, virDomainPtr dom, int type, const char *nsuri);
/* A network, pool or node device event (family: virtEventFamily). */
void testEventObject(testState *st, int family, const char *name, const unsigned char *uuid,
                     int eventID, int event, int detail);
/* test_module.c: call fn for each open connection on st. */
void testConnForEach(testState *st, void (*fn)(virConnectPtr conn, void *opaque), void *opaque);
/* Call fn on the host of each open connection, locked (registry lock,
 * then host lock), until it returns non-zero; returns that value or 0.
 * For handles the services give no connection for (filter bindings). */
int testStatesVisit(int (*fn)(testState *st, void *opaque), void *opaque);

/* test_storage.c, test_iface.c, test_snapshot.c, test_checkpoint.c:
 * built-in objects and releasing what a host or domain holds. */
void testStorageAddDefault(testState *st);
void testStorageFree(testState *st);
void testIfaceAddDefault(testState *st);
void testIfaceFree(testState *st);
void testSecretFree(testState *st);
void testNWFilterFree(testState *st);
void testNodeDevAddDefault(testState *st);
void testNodeDevFree(testState *st);
/* Node file loading: add one definition (XML text) as the node file
 * gives it; -1 after reporting. */
/* A pool, active and persistent, with the volumes volxml[0..nvols). */
int testStorageLoadPool(virConnectPtr conn, testState *st, const char *xml,
                        char *const *volxml, size_t nvols);
int testIfaceLoad(virConnectPtr conn, testState *st, const char *xml);
/* test_volume.c: a volume document read for a pool of type poolType
 * whose volumes live under dir, as libvirt 9.0's test driver keeps it
 * (key and target path dir/NAME, the pool type's format); validate: the
 * caller passed VIR_STORAGE_VOL_CREATE_VALIDATE. NULL after reporting. */
struct virtStorageVolDef *testVolParse(virConnectPtr conn, const char *poolType, const char *dir,
                                       const char *xml, bool validate);
int testNodeDevLoad(virConnectPtr conn, testState *st, const char *xml);
void testSnapshotsFree(testDomain *dom);
void testCheckpointsFree(testDomain *dom);

/* test_snapshot_xml.c: reading a snapshot for redefinition (internal: a
 * node file's, which has <active>, set in *active); aligning its disks
 * with a definition; its text (domUUID names the domain when the
 * snapshot carries no definition). */
testSnapshot *testSnapshotRead(virConnectPtr conn, xmlNodePtr root, bool internal, bool *active);
/* The generated model of a <domainsnapshot> element (any namespace); NULL
 * after reporting. */
struct virtDomainSnapshotDef *testSnapshotModel(virConnectPtr conn, xmlNodePtr root);
/* A snapshot being redefined, from its model (as testSnapshotRead). */
testSnapshot *testSnapshotFromModel(virConnectPtr conn, const struct virtDomainSnapshotDef *m,
                                    bool internal, bool *active);
int testSnapshotAlignDisks(virConnectPtr conn, testSnapshot *s, const virtDomain *def);
bool testSnapshotIsExternal(const testSnapshot *s);
const char *testSnapshotStateName(int state);
char *testSnapshotFormat(const testSnapshot *s, const unsigned char *domUUID);
void testSnapshotDisksFree(testSnapshot *s);

/* test_domain_ns.c: the driver's namespace elements of a <domain>. Read
 * returns -1 after reporting a bad one; the snapshot nodes live in doc. */
typedef struct testDomainNS {
    int runstate;
    bool transient, managedSave;
    xmlDocPtr doc;
    xmlNodePtr *snaps;
    size_t nsnaps;
} testDomainNS;
int testDomainNSRead(virConnectPtr conn, const char *xml, testDomainNS *ns);
void testDomainNSClear(testDomainNS *ns);
int testDomainNSCheck(virConnectPtr conn, const char *xml);

/* test_snaptree.c: a domain's snapshots or checkpoints as a forest,
 * each naming its parent; kept in creation order. */
testSnapshot *testTreeFind(testSnapshot *list, const char *name);
void testTreeAppend(testSnapshot **list, testSnapshot *item);
void testTreeFreeList(testSnapshot *list);
/* Delete item: with children (and all below), only its descendants, or
 * it alone (its children move up to its parent). *current (may be NULL)
 * is moved off anything deleted. */
void testTreeDelete(testSnapshot **list, testSnapshot *item, bool withChildren,
                    bool childrenOnly, char **current);
bool testTreeIsDescendant(testSnapshot *list, const testSnapshot *item, const char *ancestor);
bool testTreeHasChildren(testSnapshot *list, const testSnapshot *item);
/* Whether every parent named exists and no chain loops. */
bool testTreeConsistent(testSnapshot *list);
/* The definition as a nested element, indented for a snapshot document. */
char *testDomainXMLIndented(const virtDomain *def, int indent);

/* test_caps.c */
char *testCapabilitiesFormat(const testNodeInfo *node);

#include "test_slots.h"

/* test_network.c, test_storage.c, test_iface.c, test_nodedev.c */
extern const virtNetworkTable testNetworkTable;
extern const virtStorageTable testStorageTable;
extern const virtInterfaceTable testInterfaceTable;
extern const virtNodeDeviceTable testNodeDeviceTable;
extern const virtSecretTable testSecretTable;
extern const virtNWFilterTable testNWFilterTable;

#endif /* VIRT_TEST_DRIVER_H */
