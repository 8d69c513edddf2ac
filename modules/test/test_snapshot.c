/* test_snapshot.c: domain snapshots, metadata only: a snapshot records
 * the domain's state and definition; reverting brings the state back
 * (and the definition, when the domain is not running). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domainsnapshot_model.h"
#include "test_xml.h"
#include "util.h"

/* The domain of a snapshot handle, locked; NULL after reporting. */
static testDomain *snapDomain(virDomainSnapshotPtr snapshot, testState **stp, testSnapshot **snapp)
{
    virDomainPtr domain = ((virDomainPtr) testCore->handle_parent(snapshot));
    const char *name = testCore->handle_identity(snapshot)->name;
    testDomain *dom = testDomainAcquire(domain, stp);
    if (!dom)
        return NULL;
    *snapp = testTreeFind(dom->snaps, name);
    if (!*snapp) {
        pthread_mutex_unlock(&(*stp)->lock);
        TEST_ERROR(testCore->handle_conn(domain), VIR_ERR_NO_DOMAIN_SNAPSHOT,
                   "no domain snapshot with matching name '%s'", name);
        return NULL;
    }
    return dom;
}

/* The VIR_DOMAIN_SNAPSHOT_LIST_* filter groups listings accept. */
#define TEST_SNAPSHOT_FILTERS \
    (VIR_DOMAIN_SNAPSHOT_LIST_METADATA | VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA | \
     VIR_DOMAIN_SNAPSHOT_LIST_LEAVES | VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES | \
     VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE | VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE | \
     VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY | VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL | \
     VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL | VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL)

#define MOMENT_ERROR(conn, ...) \
    testCore->error((conn), VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, __VA_ARGS__)

/* The checks of a redefinition against the domain's snapshots, in
 * libvirt's order: its parent, then the definition it carries. On
 * success the snapshot covers the disks of that definition. */
static int redefinePrep(virConnectPtr conn, testDomain *dom, testSnapshot *snap)
{
    if (snap->parent) {
        testSnapshot *parent = testTreeFind(dom->snaps, snap->parent);
        if (strcmp(snap->parent, snap->name) == 0) {
            MOMENT_ERROR(conn, "cannot set moment %s as its own parent", snap->name);
            return -1;
        }
        if (!parent) {
            MOMENT_ERROR(conn, "parent %s for moment %s not found", snap->parent, snap->name);
            return -1;
        }
        /* walking up from the parent must not come back to this one; the
         * message names the ancestor whose parent it is */
        for (testSnapshot *up = parent; up && up->parent; up = testTreeFind(dom->snaps, up->parent)) {
            if (strcmp(up->parent, snap->name) == 0) {
                MOMENT_ERROR(conn, "parent %s would create cycle to %s", up->name, snap->name);
                return -1;
            }
        }
    }
    if (!snap->def) {
        SNAP_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "missing domain in snapshot");
        return -1;
    }
    if (memcmp(snap->def->uuid, dom->def->uuid, VIRT_UUID_LEN) != 0) {
        char uuid[VIRT_UUID_STRLEN];
        virtUUIDFormat(dom->def->uuid, uuid);
        SNAP_ERROR(conn, VIR_ERR_INVALID_ARG, "definition for snapshot %s must use uuid %s",
                   snap->name, uuid);
        return -1;
    }
    if (testSnapshotAlignDisks(conn, snap, snap->def) < 0)
        return -1;
    virtDomainModelFree(snap->def);
    snap->def = NULL;
    return 0;
}

/* The flag rules libvirt's public entry point applies before any driver. */
/* A new snapshot of the domain as it is now. */
static testSnapshot *takeSnapshot(virConnectPtr conn, const virtDomainSnapshotDef *m,
                                  const testDomain *dom)
{
    testSnapshot *snap = virtAlloc(sizeof(*snap));
    snap->created = (long long) time(NULL);
    snap->name = m->name ? virtStrdup(m->name) : virtAsprintf("%lld", snap->created);
    snap->description = m->description ? virtStrdup(m->description) : NULL;
    snap->state = dom->state;
    snap->parent = virtStrdup(dom->snap_current);
    snap->memory = virtStrdup(dom->state == VIR_DOMAIN_SHUTOFF ? "no" : "internal");
    snap->domxml = testDomainXMLIndented(dom->def, 2);
    /* with no disks named, aligning cannot fail */
    testSnapshotAlignDisks(conn, snap, dom->def);
    return snap;
}

/* A redefinition of an existing snapshot takes its place in the list. */
static void replaceSnapshot(testSnapshot *old, testSnapshot *snap)
{
    testSnapshot tmp = *old;
    *old = *snap;
    old->next = tmp.next;
    *snap = tmp;
    snap->next = NULL;
}

virDomainSnapshotPtr testDomainSnapshotCreateXML(virDomainPtr domain, const char *xmlDesc,
                                                 unsigned int flags)
{
    virConnectPtr conn = testCore->handle_conn(domain);
    virDomainSnapshotPtr ret = NULL;
    testSnapshot *snap = NULL;
    testState *st;
    bool halted = false;
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE | VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT
                     | VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA | VIR_DOMAIN_SNAPSHOT_CREATE_HALT |
                     VIR_DOMAIN_SNAPSHOT_CREATE_ATOMIC | VIR_DOMAIN_SNAPSHOT_CREATE_LIVE |
                     VIR_DOMAIN_SNAPSHOT_CREATE_VALIDATE, NULL);
    bool redefine = flags & VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE;
    xmlDocPtr doc = testXMLRead(conn, xmlDesc, "domainsnapshot");
    if (!doc)
        return NULL;
    virtDomainSnapshotDef *model = testSnapshotModel(conn, xmlDocGetRootElement(doc));
    if (!model || (redefine && !(snap = testSnapshotFromModel(conn, model, false, NULL))))
        goto out;

    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        goto out;
    if (dom->checkpoints) {
        TEST_ERROR(conn, VIR_ERR_OPERATION_UNSUPPORTED, "cannot create snapshot while checkpoint exists");
        goto cleanup;
    }
    if (redefine) {
        if (redefinePrep(conn, dom, snap) < 0)
            goto cleanup;
    } else {
        snap = takeSnapshot(conn, model, dom);
    }
    testSnapshot *old = testTreeFind(dom->snaps, snap->name);
    if (old && !redefine) {
        TEST_ERROR(conn, VIR_ERR_OPERATION_INVALID, "domain snapshot '%s' already exists", snap->name);
        goto cleanup;
    }
    ret = virtHandleNewDomainSnapshot(testCore, domain, snap->name);
    if (!redefine || (flags & VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT)) {
        free(dom->snap_current);
        dom->snap_current = virtStrdup(snap->name);
    }
    if (old) {
        replaceSnapshot(old, snap);
    } else if (!(flags & VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA)) {
        testTreeAppend(&dom->snaps, snap);
        snap = NULL;
    } else {
        /* kept for no longer than the call: it was current, so none is */
        free(dom->snap_current);
        dom->snap_current = NULL;
    }
    if ((flags & VIR_DOMAIN_SNAPSHOT_CREATE_HALT) && dom->state != VIR_DOMAIN_SHUTOFF) {
        halted = true;
        if (!testDomainStop(st, dom, VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT))
            testCore->handle_set_id(domain, -1);
    }
 cleanup:
    pthread_mutex_unlock(&st->lock);
    if (halted)
        testEventLifecycle(st, domain, VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT);
 out:
    if (model)
        virtXMLModelFree(virtXMLKind_domainsnapshot.root, model);
    xmlFreeDoc(doc);
    if (snap)
        testTreeFreeList(snap);
    return ret;
}

char *testDomainSnapshotGetXMLDesc(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_SNAPSHOT_XML_SECURE, NULL);
    testState *st;
    testSnapshot *s;
    (void) flags;   /* nothing secret to hide */
    testDomain *dom = snapDomain(snapshot, &st, &s);
    if (!dom)
        return NULL;
    char *xml = testSnapshotFormat(s, dom->def->uuid);
    pthread_mutex_unlock(&st->lock);
    return xml;
}

/* Whether s passes the VIR_DOMAIN_SNAPSHOT_LIST_* filter groups. */
static bool listWanted(testSnapshot *list, testSnapshot *s, unsigned int flags)
{
    unsigned int leafBits = VIR_DOMAIN_SNAPSHOT_LIST_LEAVES | VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES;
    unsigned int stateBits = VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE | VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE |
                             VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY;
    unsigned int locBits = VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL | VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL;
    bool leaf = !testTreeHasChildren(list, s);
    if ((flags & leafBits) &&
        !(flags & (leaf ? VIR_DOMAIN_SNAPSHOT_LIST_LEAVES : VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES)))
        return false;
    /* Every snapshot here has metadata. */
    if ((flags & (VIR_DOMAIN_SNAPSHOT_LIST_METADATA | VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA)) &&
        !(flags & VIR_DOMAIN_SNAPSHOT_LIST_METADATA))
        return false;
    unsigned int stateBit = s->state == VIR_DOMAIN_SHUTOFF ? VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE
                          : s->state == TEST_SNAPSHOT_DISK_ONLY ? VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY
                          : VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE;
    if ((flags & stateBits) && !(flags & stateBit))
        return false;
    if ((flags & locBits) &&
        !(flags & (testSnapshotIsExternal(s) ? VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL
                                             : VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL)))
        return false;
    return true;
}

/* Walk the snapshots a listing covers: from NULL, all (or the roots);
 * from a snapshot, its children (or all its descendants). Calls fn for
 * each wanted one while fn returns true; returns how many matched. */
static int walk(testDomain *dom, const testSnapshot *from, unsigned int flags,
                bool (*fn)(testSnapshot *s, void *opaque), void *opaque)
{
    bool deep = flags & VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS;   /* same bit as ROOTS */
    int n = 0;
    for (testSnapshot *s = dom->snaps; s; s = s->next) {
        bool in;
        if (!from)
            in = !deep || !s->parent;
        else if (deep)
            in = testTreeIsDescendant(dom->snaps, s, from->name);
        else
            in = s->parent && strcmp(s->parent, from->name) == 0;
        if (!in || !listWanted(dom->snaps, s, flags))
            continue;
        if (fn && !fn(s, opaque))
            break;
        n++;
    }
    return n;
}

typedef struct {
    char **names;
    int max, n;
    virDomainPtr domain;
    virDomainSnapshotPtr *handles;
} collectArgs;

/* Like libvirt, a listing counts every match and fills names only up to
 * max, so the caller learns how many there are. */
static bool collectName(testSnapshot *s, void *opaque)
{
    collectArgs *a = opaque;
    if (a->n < a->max)
        a->names[a->n] = virtStrdup(s->name);
    a->n++;
    return true;
}

static bool collectHandle(testSnapshot *s, void *opaque)
{
    collectArgs *a = opaque;
    a->handles[a->n++] = virtHandleNewDomainSnapshot(testCore, a->domain, s->name);
    return true;
}

static int countSnaps(virDomainPtr domain, virDomainSnapshotPtr from, unsigned int flags)
{
    testState *st;
    testSnapshot *s = NULL;
    testDomain *dom = from ? snapDomain(from, &st, &s) : testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    int n = walk(dom, s, flags, NULL, NULL);
    pthread_mutex_unlock(&st->lock);
    return n;
}

static int listNames(virDomainPtr domain, virDomainSnapshotPtr from, char **names, int max,
                     unsigned int flags)
{
    testState *st;
    testSnapshot *s = NULL;
    collectArgs a = { .names = names, .max = max };
    testDomain *dom = from ? snapDomain(from, &st, &s) : testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    walk(dom, s, flags, collectName, &a);
    pthread_mutex_unlock(&st->lock);
    return a.n;
}

static int listAll(virDomainPtr domain, virDomainSnapshotPtr from, virDomainSnapshotPtr **snaps,
                   unsigned int flags)
{
    testState *st;
    testSnapshot *s = NULL;
    testDomain *dom = from ? snapDomain(from, &st, &s) : testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    int n = walk(dom, s, flags, NULL, NULL);
    if (snaps) {
        collectArgs a = { .domain = domain, .handles = virtAlloc((size_t) (n + 1) * sizeof(virDomainSnapshotPtr)) };
        walk(dom, s, flags, collectHandle, &a);
        *snaps = a.handles;
    }
    pthread_mutex_unlock(&st->lock);
    return n;
}

int testDomainSnapshotNum(virDomainPtr domain, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_SNAPSHOT_LIST_ROOTS | TEST_SNAPSHOT_FILTERS, -1);
    return countSnaps(domain, NULL, flags);
}

int testDomainSnapshotListNames(virDomainPtr domain, char **names, int nameslen, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_SNAPSHOT_LIST_ROOTS | TEST_SNAPSHOT_FILTERS, -1);
    return listNames(domain, NULL, names, nameslen, flags);
}

int testDomainListAllSnapshots(virDomainPtr domain, virDomainSnapshotPtr **snaps, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_SNAPSHOT_LIST_ROOTS | TEST_SNAPSHOT_FILTERS, -1);
    return listAll(domain, NULL, snaps, flags);
}

int testDomainSnapshotNumChildren(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS | TEST_SNAPSHOT_FILTERS, -1);
    return countSnaps(NULL, snapshot, flags);
}

int testDomainSnapshotListChildrenNames(virDomainSnapshotPtr snapshot, char **names, int nameslen,
                                        unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS | TEST_SNAPSHOT_FILTERS, -1);
    return listNames(NULL, snapshot, names, nameslen, flags);
}

int testDomainSnapshotListAllChildren(virDomainSnapshotPtr snapshot, virDomainSnapshotPtr **snaps,
                                      unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS | TEST_SNAPSHOT_FILTERS, -1);
    return listAll(((virDomainPtr) testCore->handle_parent(snapshot)), snapshot, snaps, flags);
}

virDomainSnapshotPtr testDomainSnapshotLookupByName(virDomainPtr domain, const char *name,
                                                    unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, NULL);
    testState *st;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return NULL;
    bool found = testTreeFind(dom->snaps, name) != NULL;
    pthread_mutex_unlock(&st->lock);
    if (!found) {
        TEST_ERROR(testCore->handle_conn(domain), VIR_ERR_NO_DOMAIN_SNAPSHOT,
                   "no domain snapshot with matching name '%s'", name);
        return NULL;
    }
    return virtHandleNewDomainSnapshot(testCore, domain, name);
}

int testDomainHasCurrentSnapshot(virDomainPtr domain, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    testState *st;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    int ret = dom->snap_current != NULL;
    pthread_mutex_unlock(&st->lock);
    return ret;
}

virDomainSnapshotPtr testDomainSnapshotCurrent(virDomainPtr domain, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, NULL);
    testState *st;
    virDomainSnapshotPtr ret = NULL;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return NULL;
    if (dom->snap_current)
        ret = virtHandleNewDomainSnapshot(testCore, domain, dom->snap_current);
    else
        TEST_ERROR(testCore->handle_conn(domain), VIR_ERR_NO_DOMAIN_SNAPSHOT,
                   "the domain does not have a current snapshot");
    pthread_mutex_unlock(&st->lock);
    return ret;
}

virDomainSnapshotPtr testDomainSnapshotGetParent(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, NULL);
    virDomainPtr domain = ((virDomainPtr) testCore->handle_parent(snapshot));
    virDomainSnapshotPtr ret = NULL;
    testState *st;
    testSnapshot *s;
    if (!snapDomain(snapshot, &st, &s))
        return NULL;
    if (s->parent)
        ret = virtHandleNewDomainSnapshot(testCore, domain, s->parent);
    else
        TEST_ERROR(testCore->handle_conn(domain), VIR_ERR_NO_DOMAIN_SNAPSHOT,
                   "snapshot '%s' does not have a parent", s->name);
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int testDomainSnapshotIsCurrent(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    testState *st;
    testSnapshot *s;
    testDomain *dom = snapDomain(snapshot, &st, &s);
    if (!dom)
        return -1;
    int ret = dom->snap_current && strcmp(dom->snap_current, s->name) == 0;
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int testDomainSnapshotHasMetadata(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    testState *st;
    testSnapshot *s;
    if (!snapDomain(snapshot, &st, &s))
        return -1;
    pthread_mutex_unlock(&st->lock);
    return 1;
}

int testDomainSnapshotDelete(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    testState *st;
    testSnapshot *s;
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN |
                     VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY |
                     VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY, -1);
    testDomain *dom = snapDomain(snapshot, &st, &s);
    if (!dom)
        return -1;
    testTreeDelete(&dom->snaps, s, flags & VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN,
                   flags & VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY, &dom->snap_current);
    pthread_mutex_unlock(&st->lock);
    return 0;
}

/* Bring back the snapshot's definition; only for an inactive domain. */
static void restoreDef(testState *st, testDomain *dom, const testSnapshot *s)
{
    virtXMLError err = { 0 };
    virtDomain *def = s->domxml ? virtDomainModelParse(s->domxml, 0, &testDomainDefaults, &err) : NULL;
    virtXMLErrorClear(&err);
    if (!def)
        return;
    if (strcmp(def->name, dom->def->name) != 0 || memcmp(def->uuid, dom->def->uuid, VIRT_UUID_LEN) != 0) {
        virtDomainModelFree(def);
        return;
    }
    testDomainSetDef(st, dom, def);
}

int testDomainRevertToSnapshot(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    virDomainPtr domain = ((virDomainPtr) testCore->handle_parent(snapshot));
    testState *st;
    testSnapshot *s;
    int events[2][2], nevents = 0;
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING | VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED |
                     VIR_DOMAIN_SNAPSHOT_REVERT_FORCE | VIR_DOMAIN_SNAPSHOT_REVERT_RESET_NVRAM, -1);
    testDomain *dom = snapDomain(snapshot, &st, &s);
    if (!dom)
        return -1;
    int target = s->state == VIR_DOMAIN_PAUSED ? VIR_DOMAIN_PAUSED
               : s->state == VIR_DOMAIN_SHUTOFF ? VIR_DOMAIN_SHUTOFF : VIR_DOMAIN_RUNNING;
    if (flags & VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING)
        target = VIR_DOMAIN_RUNNING;
    if (flags & VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED)
        target = VIR_DOMAIN_PAUSED;
    free(dom->snap_current);
    dom->snap_current = virtStrdup(s->name);

    if (target == VIR_DOMAIN_SHUTOFF) {
        if (dom->state != VIR_DOMAIN_SHUTOFF) {
            events[nevents][0] = VIR_DOMAIN_EVENT_STOPPED;
            events[nevents++][1] = VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT;
            testCore->handle_set_id(domain, -1);
            if (testDomainStop(st, dom, VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT))
                dom = NULL;     /* a transient domain is gone */
        }
        if (dom)
            restoreDef(st, dom, s);
    } else {
        if (dom->state == VIR_DOMAIN_SHUTOFF) {
            restoreDef(st, dom, s);
            testDomainStart(st, dom, VIR_DOMAIN_RUNNING_FROM_SNAPSHOT);
            testCore->handle_set_id(domain, dom->id);
            events[nevents][0] = VIR_DOMAIN_EVENT_STARTED;
            events[nevents++][1] = VIR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT;
        }
        if (target == VIR_DOMAIN_PAUSED && dom->state != VIR_DOMAIN_PAUSED) {
            dom->cpu_ns = testDomainCPUTime(dom);
            events[nevents][0] = VIR_DOMAIN_EVENT_SUSPENDED;
            events[nevents++][1] = VIR_DOMAIN_EVENT_SUSPENDED_FROM_SNAPSHOT;
        }
        if (target == VIR_DOMAIN_RUNNING && dom->state == VIR_DOMAIN_PAUSED) {
            clock_gettime(CLOCK_MONOTONIC, &dom->run_since);
            events[nevents][0] = VIR_DOMAIN_EVENT_RESUMED;
            events[nevents++][1] = VIR_DOMAIN_EVENT_RESUMED_FROM_SNAPSHOT;
        }
        dom->state = target;
        dom->reason = target == VIR_DOMAIN_PAUSED ? VIR_DOMAIN_PAUSED_FROM_SNAPSHOT
                                                  : VIR_DOMAIN_RUNNING_FROM_SNAPSHOT;
    }
    pthread_mutex_unlock(&st->lock);
    for (int i = 0; i < nevents; i++)
        testEventLifecycle(st, domain, events[i][0], events[i][1]);
    return 0;
}
