/* test_checkpoint.c: domain checkpoints, metadata only. Like libvirt, a
 * domain has either snapshots or checkpoints, never both; a new
 * checkpoint's parent is the newest one. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domaincheckpoint_model.h"
#include "test_xml.h"
#include "util.h"

static testDomain *cpDomain(virDomainCheckpointPtr cp, testState **stp, testCheckpoint **cpp)
{
    virDomainPtr domain = ((virDomainPtr) testCore->handle_parent(cp));
    const char *name = testCore->handle_identity(cp)->name;
    testDomain *dom = testDomainAcquire(domain, stp);
    if (!dom)
        return NULL;
    *cpp = testTreeFind(dom->checkpoints, name);
    if (!*cpp) {
        pthread_mutex_unlock(&(*stp)->lock);
        TEST_ERROR(testCore->handle_conn(domain), VIR_ERR_NO_DOMAIN_CHECKPOINT,
                   "no domain checkpoint with matching name '%s'", name);
        return NULL;
    }
    return dom;
}

virDomainCheckpointPtr testDomainCheckpointCreateXML(virDomainPtr domain, const char *xmlDesc,
                                                     unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE | VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE | VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE_VALIDATE, NULL);
    virConnectPtr conn = testCore->handle_conn(domain);
    virDomainCheckpointPtr ret = NULL;
    testState *st;
    (void) flags;   /* redefine, quiesce, validate: nothing to do in memory */
    xmlDocPtr doc = testXMLRead(conn, xmlDesc, "domaincheckpoint");
    if (!doc)
        return NULL;
    /* the generated model reads it; libvirt checks every checkpoint
     * against its grammar, asked or not */
    virtXMLError err = { 0 };
    virtDomainCheckpointDef *model = virtXMLModelParseDoc(doc, &virtXMLKind_domaincheckpoint,
                                                          VIRT_XML_VALIDATE, &err);
    xmlFreeDoc(doc);
    if (!model) {
        virtXMLErrorSetDomain(&err, VIR_FROM_DOMAIN_CHECKPOINT);
        testReportXMLError(conn, &err);
        return NULL;
    }
    testCheckpoint *cp = virtAlloc(sizeof(*cp));
    cp->created = (long long) time(NULL);
    cp->name = model->name ? virtStrdup(model->name) : virtAsprintf("%lld", cp->created);
    cp->description = model->description ? virtStrdup(model->description) : NULL;
    /* the disks the caller chose a mode or bitmap for (disk: mode in
     * snapshot, bitmap name in driver); the others get the defaults */
    for (size_t i = 0; model->disks && i < model->disks->ndisk; i++) {
        const virtDomainCheckpointDisk *md = model->disks->disk[i];
        cp->disks = virtRealloc(cp->disks, (cp->ndisks + 1) * sizeof(*cp->disks));
        testSnapDisk *d = &cp->disks[cp->ndisks++];
        memset(d, 0, sizeof(*d));
        d->name = md->name ? virtStrdup(md->name) : NULL;
        d->snapshot = md->checkpoint ? virtStrdup(md->checkpoint) : NULL;
        d->driver = md->bitmap ? virtStrdup(md->bitmap) : NULL;
    }
    virtXMLModelFree(virtXMLKind_domaincheckpoint.root, model);

    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        goto out;
    if (dom->snaps) {
        TEST_ERROR(conn, VIR_ERR_OPERATION_UNSUPPORTED, "cannot create checkpoint while snapshot exists");
        goto cleanup;
    }
    if (testTreeFind(dom->checkpoints, cp->name)) {
        TEST_ERROR(conn, VIR_ERR_OPERATION_INVALID, "domain checkpoint '%s' already exists", cp->name);
        goto cleanup;
    }
    testCheckpoint *newest = dom->checkpoints;
    while (newest && newest->next)
        newest = newest->next;
    cp->parent = newest ? virtStrdup(newest->name) : NULL;
    cp->domxml = testDomainXMLIndented(dom->def, 2);
    ret = virtHandleNewDomainCheckpoint(testCore, domain, cp->name);
    testTreeAppend(&dom->checkpoints, cp);
    cp = NULL;
 cleanup:
    pthread_mutex_unlock(&st->lock);
 out:
    if (cp)
        testTreeFreeList(cp);
    return ret;
}

char *testDomainCheckpointGetXMLDesc(virDomainCheckpointPtr checkpoint, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_CHECKPOINT_XML_SECURE | VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN | VIR_DOMAIN_CHECKPOINT_XML_SIZE, NULL);
    testState *st;
    testCheckpoint *cp;
    virtBuf b = { 0 };
    testDomain *dom = cpDomain(checkpoint, &st, &cp);
    if (!dom)
        return NULL;
    virtBufAdd(&b, "<domaincheckpoint>\n");
    virtXMLBufTextElem(&b, 2, "name", cp->name);
    if (cp->description)
        virtXMLBufTextElem(&b, 2, "description", cp->description);
    if (cp->parent) {
        virtBufAdd(&b, "  <parent>\n");
        virtXMLBufTextElem(&b, 4, "name", cp->parent);
        virtBufAdd(&b, "  </parent>\n");
    }
    virtBufPrintf(&b, "  <creationTime>%lld</creationTime>\n", cp->created);
    if (virtDomainModelDiskCount(dom->def)) {
        virtBufAdd(&b, "  <disks>\n");
        for (size_t i = 0; i < virtDomainModelDiskCount(dom->def); i++) {
            const virtDomainDisk *d = dom->def->devices->disk[i];
            const char *target = virtDomainModelDiskTarget(d);
            const testSnapDisk *chosen = NULL;
            for (size_t j = 0; j < cp->ndisks && !chosen; j++)
                if (cp->disks[j].name && strcmp(cp->disks[j].name, target) == 0)
                    chosen = &cp->disks[j];
            bool disk = !d->device || strcmp(d->device, "disk") == 0;
            const char *mode = chosen && chosen->snapshot ? chosen->snapshot : disk ? "bitmap" : "no";
            virtBufAdd(&b, "    <disk");
            virtXMLBufAttr(&b, "name", target);
            virtXMLBufAttr(&b, "checkpoint", mode);
            if (strcmp(mode, "bitmap") == 0)
                virtXMLBufAttr(&b, "bitmap", chosen && chosen->driver ? chosen->driver : cp->name);
            virtBufAdd(&b, "/>\n");
        }
        virtBufAdd(&b, "  </disks>\n");
    }
    if (!(flags & VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN) && cp->domxml)
        virtBufAdd(&b, cp->domxml);
    virtBufAdd(&b, "</domaincheckpoint>\n");
    pthread_mutex_unlock(&st->lock);
    return virtBufSteal(&b);
}

/* Handles of the checkpoints a listing covers (see the snapshot
 * listings: from NULL all or the roots, else children or descendants). */
static int listAll(virDomainPtr domain, virDomainCheckpointPtr from, virDomainCheckpointPtr **out,
                   unsigned int flags)
{
    testState *st;
    testCheckpoint *start = NULL;
    bool deep = flags & VIR_DOMAIN_CHECKPOINT_LIST_DESCENDANTS;
    unsigned int leafBits = VIR_DOMAIN_CHECKPOINT_LIST_LEAVES | VIR_DOMAIN_CHECKPOINT_LIST_NO_LEAVES;
    testDomain *dom = from ? cpDomain(from, &st, &start) : testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    int total = 0, n = 0;
    for (testCheckpoint *c = dom->checkpoints; c; c = c->next)
        total++;
    virDomainCheckpointPtr *list = out ? virtAlloc((size_t) (total + 1) * sizeof(*list)) : NULL;
    for (testCheckpoint *c = dom->checkpoints; c; c = c->next) {
        bool in;
        if (!start)
            in = !deep || !c->parent;
        else if (deep)
            in = testTreeIsDescendant(dom->checkpoints, c, start->name);
        else
            in = c->parent && strcmp(c->parent, start->name) == 0;
        bool leaf = !testTreeHasChildren(dom->checkpoints, c);
        if (in && (flags & leafBits) &&
            !(flags & (leaf ? VIR_DOMAIN_CHECKPOINT_LIST_LEAVES : VIR_DOMAIN_CHECKPOINT_LIST_NO_LEAVES)))
            in = false;
        if (!in)
            continue;
        if (list)
            list[n] = virtHandleNewDomainCheckpoint(testCore, domain, c->name);
        n++;
    }
    pthread_mutex_unlock(&st->lock);
    if (out)
        *out = list;
    return n;
}

int testDomainListAllCheckpoints(virDomainPtr domain, virDomainCheckpointPtr **checkpoints,
                                 unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_CHECKPOINT_LIST_ROOTS | VIR_DOMAIN_CHECKPOINT_LIST_LEAVES | VIR_DOMAIN_CHECKPOINT_LIST_NO_LEAVES | VIR_DOMAIN_CHECKPOINT_LIST_TOPOLOGICAL, -1);
    return listAll(domain, NULL, checkpoints, flags);
}

int testDomainCheckpointListAllChildren(virDomainCheckpointPtr checkpoint,
                                        virDomainCheckpointPtr **children, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_CHECKPOINT_LIST_DESCENDANTS | VIR_DOMAIN_CHECKPOINT_LIST_LEAVES | VIR_DOMAIN_CHECKPOINT_LIST_NO_LEAVES | VIR_DOMAIN_CHECKPOINT_LIST_TOPOLOGICAL, -1);
    return listAll(((virDomainPtr) testCore->handle_parent(checkpoint)), checkpoint, children, flags);
}

virDomainCheckpointPtr testDomainCheckpointLookupByName(virDomainPtr domain, const char *name,
                                                        unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, NULL);
    testState *st;
    (void) flags;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return NULL;
    bool found = testTreeFind(dom->checkpoints, name) != NULL;
    pthread_mutex_unlock(&st->lock);
    if (!found) {
        TEST_ERROR(testCore->handle_conn(domain), VIR_ERR_NO_DOMAIN_CHECKPOINT,
                   "no domain checkpoint with matching name '%s'", name);
        return NULL;
    }
    return virtHandleNewDomainCheckpoint(testCore, domain, name);
}

virDomainCheckpointPtr testDomainCheckpointGetParent(virDomainCheckpointPtr checkpoint,
                                                     unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, NULL);
    virDomainPtr domain = ((virDomainPtr) testCore->handle_parent(checkpoint));
    virDomainCheckpointPtr ret = NULL;
    testState *st;
    testCheckpoint *cp;
    (void) flags;
    if (!cpDomain(checkpoint, &st, &cp))
        return NULL;
    if (cp->parent)
        ret = virtHandleNewDomainCheckpoint(testCore, domain, cp->parent);
    else
        TEST_ERROR(testCore->handle_conn(domain), VIR_ERR_NO_DOMAIN_CHECKPOINT,
                   "checkpoint '%s' does not have a parent", cp->name);
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int testDomainCheckpointDelete(virDomainCheckpointPtr checkpoint, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN | VIR_DOMAIN_CHECKPOINT_DELETE_METADATA_ONLY | VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY, -1);
    testState *st;
    testCheckpoint *cp;
    testDomain *dom = cpDomain(checkpoint, &st, &cp);
    if (!dom)
        return -1;
    testTreeDelete(&dom->checkpoints, cp, flags & VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN,
                   flags & VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY, NULL);
    pthread_mutex_unlock(&st->lock);
    return 0;
}
