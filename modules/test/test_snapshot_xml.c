/* test_snapshot_xml.c: a snapshot's document, read through the generated
 * model (abi/xml/domainsnapshot/) for redefinition (by
 * virDomainSnapshotCreateXML with REDEFINE and from a node file's
 * <test:domainsnapshot>), the <disks> a snapshot covers, and the text
 * virDomainSnapshotGetXMLDesc gives. The model reads the structure and
 * refuses bad location words; what a redefinition requires is checked
 * here, in libvirt 9.0's order and words. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "domainsnapshot_model.h"
#include "test_xml.h"
#include "util.h"


/* Snapshot states: virDomainState, then disk-snapshot. */
static const char *const stateNames[] = {
    "nostate", "running", "blocked", "paused", "shutdown", "shutoff", "crashed", "pmsuspended",
    "disk-snapshot",
};

const char *testSnapshotStateName(int state)
{
    return state >= 0 && state <= TEST_SNAPSHOT_DISK_ONLY ? stateNames[state] : "nostate";
}

/* A whole signed number, as libvirt reads <creationTime> and <active>. */
static int readLL(const char *text, long long *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (errno || end == text || *end)
        return -1;
    *out = v;
    return 0;
}

static void diskClear(testSnapDisk *d)
{
    free(d->name);
    free(d->snapshot);
    free(d->type);
    free(d->driver);
    free(d->source);
}

void testSnapshotDisksFree(testSnapshot *s)
{
    for (size_t i = 0; i < s->ndisks; i++)
        diskClear(&s->disks[i]);
    free(s->disks);
    s->disks = NULL;
    s->ndisks = 0;
}

/* Text as libvirt reads an element's: none when absent. */
static char *dupText(const char *t)
{
    return t ? virtStrdup(t) : NULL;
}

static int readDisks(virConnectPtr conn, const virtDomainSnapshotDefDisks *disks, testSnapshot *s)
{
    for (size_t k = 0; k < disks->ndisk; k++) {
        const virtDomainSnapshotDisk *n = disks->disk[k];
        s->disks = virtRealloc(s->disks, (s->ndisks + 1) * sizeof(*s->disks));
        testSnapDisk *d = &s->disks[s->ndisks++];
        memset(d, 0, sizeof(*d));
        if (!(d->name = dupText(n->name))) {
            SNAP_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "missing name from disk snapshot element");
            return -1;
        }
        d->snapshot = dupText(n->snapshot);
        d->type = dupText(n->type);
        d->driver = n->driver ? dupText(n->driver->type) : NULL;
        if (n->source && n->source->dev) {
            d->source = virtStrdup(n->source->dev);
            d->sourceDev = true;
        } else if (n->source) {
            d->source = dupText(n->source->file);
        }
    }
    return 0;
}

/* A <domain> inside the snapshot: kept as libvirt writes it back. Only
 * one with a type is a definition; older snapshots carry just a uuid. */
static int readDomain(virConnectPtr conn, xmlNodePtr n, testSnapshot *s)
{
    xmlChar *type = xmlGetProp(n, BAD_CAST "type");
    if (!type)
        return 0;
    xmlFree(type);
    xmlBufferPtr buf = xmlBufferCreate();
    xmlNodeDump(buf, n->doc, n, 0, 0);
    virtXMLError err = { 0 };
    virtDomain *def = virtDomainModelParse((const char *) xmlBufferContent(buf), 0,
                                           &testDomainDefaults, &err);
    xmlBufferFree(buf);
    if (!def) {
        testReportXMLError(conn, &err);
        return -1;
    }
    s->domxml = testDomainXMLIndented(def, 2);
    s->def = def;
    return 0;
}

testSnapshot *testSnapshotFromModel(virConnectPtr conn, const virtDomainSnapshotDef *m, bool internal,
                                    bool *active)
{
    testSnapshot *s = virtAlloc(sizeof(*s));
    long long v;
    if (!(s->name = dupText(m->name))) {
        SNAP_ERROR(conn, VIR_ERR_XML_ERROR, "a redefined snapshot must have a name");
        goto error;
    }
    s->description = dupText(m->description);
    if (!m->creationTime || readLL(m->creationTime, &v) < 0) {
        SNAP_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "missing creationTime from existing snapshot");
        goto error;
    }
    s->created = v;
    if (!m->state) {
        SNAP_ERROR(conn, VIR_ERR_XML_ERROR, "missing state from existing snapshot");
        goto error;
    }
    s->state = -1;
    for (int i = VIR_DOMAIN_RUNNING; i <= TEST_SNAPSHOT_DISK_ONLY; i++)
        if (strcmp(m->state, stateNames[i]) == 0)
            s->state = i;
    if (s->state < 0) {
        SNAP_ERROR(conn, VIR_ERR_CONFIG_UNSUPPORTED, "Invalid state '%s' in domain snapshot XML", m->state);
        goto error;
    }
    if (m->parent)
        s->parent = dupText(m->parent->name);
    if (m->domain && readDomain(conn, m->domain, s) < 0)
        goto error;
    if (m->memory) {
        s->memory = dupText(m->memory->snapshot);
        s->memfile = dupText(m->memory->file);
        if (s->memfile && !s->memory)
            s->memory = virtStrdup("external");
    }
    if (!s->memory)
        s->memory = virtStrdup(s->state == VIR_DOMAIN_SHUTOFF || s->state == TEST_SNAPSHOT_DISK_ONLY
                               ? "no" : "internal");
    if (m->disks && readDisks(conn, m->disks, s) < 0)
        goto error;
    if (internal) {
        if (!m->active || readLL(m->active, &v) < 0) {
            SNAP_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "Could not find 'active' element");
            goto error;
        }
        *active = v != 0;
    }
    return s;

 error:
    testTreeFreeList(s);
    return NULL;
}

virtDomainSnapshotDef *testSnapshotModel(virConnectPtr conn, xmlNodePtr root)
{
    virtXMLError err = { 0 };
    virtDomainSnapshotDef *m = virtXMLModelParseNode(virtXMLKind_domainsnapshot.root, root, 0, &err);
    if (!m) {
        virtXMLErrorSetDomain(&err, VIR_FROM_DOMAIN_SNAPSHOT);
        testReportXMLError(conn, &err);
    }
    return m;
}

testSnapshot *testSnapshotRead(virConnectPtr conn, xmlNodePtr root, bool internal, bool *active)
{
    virtDomainSnapshotDef *m = testSnapshotModel(conn, root);
    if (!m)
        return NULL;
    testSnapshot *s = testSnapshotFromModel(conn, m, internal, active);
    virtXMLModelFree(virtXMLKind_domainsnapshot.root, m);
    return s;
}

/* A disk the user did not name: its device decides (media drives hold
 * no state worth keeping). */
static const char *defaultLocation(const virtDomainDisk *d)
{
    return !d->device || strcmp(d->device, "disk") == 0 ? "internal" : "no";
}

int testSnapshotAlignDisks(virConnectPtr conn, testSnapshot *s, const virtDomain *def)
{
    size_t n = virtDomainModelDiskCount(def);
    if (s->ndisks > n) {
        SNAP_ERROR(conn, VIR_ERR_CONFIG_UNSUPPORTED, "too many disk snapshot requests for domain");
        return -1;
    }
    testSnapDisk *out = virtAlloc((n ? n : 1) * sizeof(*out));
    for (size_t j = 0; j < s->ndisks; j++) {
        size_t i;
        for (i = 0; i < n; i++)
            if (strcmp(virtDomainModelDiskTarget(def->devices->disk[i]), s->disks[j].name) == 0)
                break;
        if (i == n) {
            SNAP_ERROR(conn, VIR_ERR_CONFIG_UNSUPPORTED, "no disk named '%s'", s->disks[j].name);
            goto cleanup;
        }
        if (out[i].name) {
            SNAP_ERROR(conn, VIR_ERR_CONFIG_UNSUPPORTED, "disk '%s' specified twice", s->disks[j].name);
            goto cleanup;
        }
        if (strcmp(s->memory, "internal") == 0 && s->disks[j].snapshot &&
            strcmp(s->disks[j].snapshot, "internal") != 0) {
            SNAP_ERROR(conn, VIR_ERR_CONFIG_UNSUPPORTED, "disk '%s' must use snapshot mode 'internal'",
                       s->disks[j].name);
            goto cleanup;
        }
        /* moved: the entry left behind owns nothing */
        out[i] = s->disks[j];
        memset(&s->disks[j], 0, sizeof(s->disks[j]));
    }
    for (size_t i = 0; i < n; i++) {
        const virtDomainDisk *d = def->devices->disk[i];
        if (!out[i].name)
            out[i].name = virtStrdup(virtDomainModelDiskTarget(d));
        if (!out[i].snapshot)
            out[i].snapshot = virtStrdup(defaultLocation(d));
    }
    testSnapshotDisksFree(s);
    s->disks = out;
    s->ndisks = n;
    return 0;
 cleanup:
    for (size_t i = 0; i < n; i++)
        diskClear(&out[i]);
    free(out);
    return -1;
}

bool testSnapshotIsExternal(const testSnapshot *s)
{
    if (s->memory && strcmp(s->memory, "external") == 0)
        return true;
    for (size_t i = 0; i < s->ndisks; i++)
        if (s->disks[i].snapshot && strcmp(s->disks[i].snapshot, "external") == 0)
            return true;
    return false;
}

static void formatDisk(virtBuf *b, const testSnapDisk *d)
{
    const char *type = d->type ? d->type
                     : d->snapshot && strcmp(d->snapshot, "external") == 0 ? "file" : NULL;
    virtBufAdd(b, "    <disk");
    virtXMLBufAttr(b, "name", d->name);
    virtXMLBufAttr(b, "snapshot", d->snapshot);
    virtXMLBufAttr(b, "type", type);
    if (!d->driver && !d->source) {
        virtBufAdd(b, "/>\n");
        return;
    }
    virtBufAdd(b, ">\n");
    if (d->driver) {
        virtBufAdd(b, "      <driver");
        virtXMLBufAttr(b, "type", d->driver);
        virtBufAdd(b, "/>\n");
    }
    if (d->source) {
        virtBufAdd(b, "      <source");
        virtXMLBufAttr(b, d->sourceDev ? "dev" : "file", d->source);
        virtBufAdd(b, "/>\n");
    }
    virtBufAdd(b, "    </disk>\n");
}

char *testSnapshotFormat(const testSnapshot *s, const unsigned char *domUUID)
{
    virtBuf b = { 0 };
    virtBufAdd(&b, "<domainsnapshot>\n");
    virtXMLBufTextElem(&b, 2, "name", s->name);
    if (s->description)
        virtXMLBufTextElem(&b, 2, "description", s->description);
    virtXMLBufTextElem(&b, 2, "state", testSnapshotStateName(s->state));
    if (s->parent) {
        virtBufAdd(&b, "  <parent>\n");
        virtXMLBufTextElem(&b, 4, "name", s->parent);
        virtBufAdd(&b, "  </parent>\n");
    }
    virtBufPrintf(&b, "  <creationTime>%lld</creationTime>\n", s->created);
    virtBufAdd(&b, "  <memory");
    virtXMLBufAttr(&b, "snapshot", s->memory);
    virtXMLBufAttr(&b, "file", s->memfile);
    virtBufAdd(&b, "/>\n");
    if (s->ndisks) {
        virtBufAdd(&b, "  <disks>\n");
        for (size_t i = 0; i < s->ndisks; i++)
            formatDisk(&b, &s->disks[i]);
        virtBufAdd(&b, "  </disks>\n");
    }
    if (s->domxml) {
        virtBufAdd(&b, s->domxml);
    } else {
        char uuid[VIRT_UUID_STRLEN];
        virtUUIDFormat(domUUID, uuid);
        virtBufPrintf(&b, "  <domain>\n    <uuid>%s</uuid>\n  </domain>\n", uuid);
    }
    virtBufAdd(&b, "</domainsnapshot>\n");
    return virtBufSteal(&b);
}
