/* test_nwfilter.c: network filters and their bindings, in memory. A
 * filter's rules are not interpreted: its definition is kept as given
 * (with a <uuid> added when it had none) and handed back verbatim. A
 * binding attaches a defined filter to a guest's port device and is kept
 * as given too. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "test_xml.h"
#include "util.h"

#define NWF_ERROR(conn, code, ...) testCore->error((conn), VIR_FROM_NWFILTER, (code), __VA_ARGS__)

static void filterFree(testNWFilter *f)
{
    if (!f)
        return;
    free(f->name);
    free(f->xml);
    free(f);
}

static void bindingFree(testNWBinding *b)
{
    if (!b)
        return;
    free(b->portdev);
    free(b->filter);
    free(b->xml);
    free(b);
}

void testNWFilterFree(testState *st)
{
    while (st->nwfilters) {
        testNWFilter *f = st->nwfilters;
        st->nwfilters = f->next;
        filterFree(f);
    }
    while (st->bindings) {
        testNWBinding *b = st->bindings;
        st->bindings = b->next;
        bindingFree(b);
    }
}

static testNWFilter *findByName(testState *st, const char *name)
{
    for (testNWFilter *f = st->nwfilters; f; f = f->next)
        if (strcmp(f->name, name) == 0)
            return f;
    return NULL;
}

static testNWFilter *findByUUID(testState *st, const unsigned char *uuid)
{
    for (testNWFilter *f = st->nwfilters; f; f = f->next)
        if (memcmp(f->uuid, uuid, VIRT_UUID_LEN) == 0)
            return f;
    return NULL;
}

static testNWBinding *findBinding(testState *st, const char *portdev)
{
    for (testNWBinding *b = st->bindings; b; b = b->next)
        if (strcmp(b->portdev, portdev) == 0)
            return b;
    return NULL;
}

static virNWFilterPtr handleOf(virConnectPtr conn, const testNWFilter *f)
{
    return virtHandleNewNWFilter(testCore, conn, f->name, f->uuid);
}

static testNWFilter *filterAcquire(virNWFilterPtr handle, testState **stp)
{
    virConnectPtr conn = testNWFilterConn(handle);
    testState *st = testLockState(conn);
    if (!st)
        return NULL;
    testNWFilter *f = findByUUID(st, testCore->handle_identity(handle)->uuid);
    if (!f) {
        pthread_mutex_unlock(&st->lock);
        NWF_ERROR(conn, VIR_ERR_NO_NWFILTER, "no nwfilter with matching name '%s'",
                  testCore->handle_identity(handle)->name);
        return NULL;
    }
    *stp = st;
    return f;
}

/* The element serialized as a standalone document fragment. */
static char *nodeXML(xmlNodePtr node)
{
    xmlBufferPtr buf = xmlBufferCreate();
    xmlNodeDump(buf, node->doc, node, 0, 0);
    char *text = virtAsprintf("%s\n", (const char *) xmlBufferContent(buf));
    xmlBufferFree(buf);
    return text;
}

static testNWFilter *parseFilter(virConnectPtr conn, const char *xml)
{
    testNWFilter *f = virtAlloc(sizeof(*f));
    char *uuid = NULL;
    xmlDocPtr doc = testXMLRead(conn, xml, "filter");
    if (!doc)
        goto error;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    f->name = virtXMLProp(root, "name");
    if (!f->name || !f->name[0] || strchr(f->name, '/')) {
        NWF_ERROR(conn, VIR_ERR_XML_ERROR, "a filter needs a name without '/'");
        goto error;
    }
    uuid = testXMLChildText(root, "uuid");
    if (uuid && virtUUIDParse(uuid, f->uuid) < 0) {
        NWF_ERROR(conn, VIR_ERR_XML_ERROR, "malformed uuid element '%s'", uuid);
        goto error;
    }
    if (!uuid) {
        /* A generated UUID shows in the definition handed back. */
        char str[VIRT_UUID_STRLEN];
        if (virtUUIDGenerate(f->uuid) < 0) {
            NWF_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "cannot generate a UUID: %s", strerror(errno));
            goto error;
        }
        virtUUIDFormat(f->uuid, str);
        xmlNodePtr u = xmlNewDocNode(doc, NULL, (const xmlChar *) "uuid", (const xmlChar *) str);
        if (root->children)
            xmlAddPrevSibling(root->children, u);
        else
            xmlAddChild(root, u);
    }
    /* A definition that names its UUID is kept byte for byte. */
    f->xml = uuid ? virtStrdup(xml) : nodeXML(root);
    free(uuid);
    xmlFreeDoc(doc);
    return f;
 error:
    free(uuid);
    xmlFreeDoc(doc);
    filterFree(f);
    return NULL;
}

static virNWFilterPtr testNWFilterDefineXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_NWFILTER_DEFINE_VALIDATE, NULL);
    virNWFilterPtr ret = NULL;
    char uuid[VIRT_UUID_STRLEN];
    (void) flags;   /* VALIDATE: the document was parsed already */
    testNWFilter *def = parseFilter(conn, xml);
    if (!def)
        return NULL;
    testState *st = testLockState(conn);
    if (!st)
        goto out;
    testNWFilter *byName = findByName(st, def->name);
    testNWFilter *byUUID = findByUUID(st, def->uuid);
    if (byName && byName != byUUID) {
        virtUUIDFormat(byName->uuid, uuid);
        NWF_ERROR(conn, VIR_ERR_OPERATION_FAILED, "filter '%s' already exists with uuid %s", def->name, uuid);
        goto cleanup;
    }
    if (byUUID && byUUID != byName) {
        NWF_ERROR(conn, VIR_ERR_OPERATION_FAILED,
                  "filter with same UUID but different name ('%s') already exists", byUUID->name);
        goto cleanup;
    }
    if (byName) {
        free(byName->xml);
        byName->xml = def->xml;
        def->xml = NULL;
        ret = handleOf(conn, byName);
        goto cleanup;
    }
    testNWFilter **pp = &st->nwfilters;
    while (*pp)
        pp = &(*pp)->next;
    *pp = def;
    ret = handleOf(conn, def);
    def = NULL;
 cleanup:
    pthread_mutex_unlock(&st->lock);
 out:
    filterFree(def);
    return ret;
}


static int testNWFilterUndefine(virNWFilterPtr filter)
{
    testState *st;
    int ret = -1;
    testNWFilter *f = filterAcquire(filter, &st);
    if (!f)
        return -1;
    for (testNWBinding *b = st->bindings; b; b = b->next)
        if (strcmp(b->filter, f->name) == 0) {
            NWF_ERROR(testNWFilterConn(filter), VIR_ERR_OPERATION_INVALID, "nwfilter is in use");
            goto cleanup;
        }
    for (testNWFilter **pp = &st->nwfilters; *pp; pp = &(*pp)->next)
        if (*pp == f) {
            *pp = f->next;
            filterFree(f);
            break;
        }
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

static char *testNWFilterGetXMLDesc(virNWFilterPtr filter, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, NULL);
    testState *st;
    (void) flags;
    testNWFilter *f = filterAcquire(filter, &st);
    if (!f)
        return NULL;
    char *xml = virtStrdup(f->xml);
    pthread_mutex_unlock(&st->lock);
    return xml;
}

static virNWFilterPtr testNWFilterLookupByName(virConnectPtr conn, const char *name)
{
    virNWFilterPtr ret = NULL;
    testState *st = testLockState(conn);
    if (!st)
        return NULL;
    testNWFilter *f = findByName(st, name);
    if (f)
        ret = handleOf(conn, f);
    pthread_mutex_unlock(&st->lock);
    if (!f)
        NWF_ERROR(conn, VIR_ERR_NO_NWFILTER, "no nwfilter with matching name '%s'", name);
    return ret;
}

static virNWFilterPtr testNWFilterLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    virNWFilterPtr ret = NULL;
    testState *st = testLockState(conn);
    if (!st)
        return NULL;
    testNWFilter *f = findByUUID(st, uuid);
    if (f)
        ret = handleOf(conn, f);
    pthread_mutex_unlock(&st->lock);
    if (!f) {
        char str[VIRT_UUID_STRLEN];
        virtUUIDFormat(uuid, str);
        NWF_ERROR(conn, VIR_ERR_NO_NWFILTER, "no nwfilter with matching uuid '%s'", str);
    }
    return ret;
}

static int testNumOfNWFilters(virConnectPtr conn)
{
    int n = 0;
    testState *st = testLockState(conn);
    if (!st)
        return -1;
    for (testNWFilter *f = st->nwfilters; f; f = f->next)
        n++;
    pthread_mutex_unlock(&st->lock);
    return n;
}

static int testListNWFilters(virConnectPtr conn, char **const names, int maxnames)
{
    int n = 0;
    testState *st = testLockState(conn);
    if (!st)
        return -1;
    for (testNWFilter *f = st->nwfilters; f && n < maxnames; f = f->next)
        names[n++] = virtStrdup(f->name);
    pthread_mutex_unlock(&st->lock);
    return n;
}

static int testListAllNWFilters(virConnectPtr conn, virNWFilterPtr **filters, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    int n = 0;
    (void) flags;   /* no filter flags are defined */
    testState *st = testLockState(conn);
    if (!st)
        return -1;
    for (testNWFilter *f = st->nwfilters; f; f = f->next)
        n++;
    if (filters) {
        virNWFilterPtr *list = virtAlloc((size_t) (n + 1) * sizeof(*list));
        int i = 0;
        for (testNWFilter *f = st->nwfilters; f; f = f->next)
            list[i++] = handleOf(conn, f);
        *filters = list;
    }
    pthread_mutex_unlock(&st->lock);
    return n;
}

/* ---- bindings ---- */

static testNWBinding *parseBinding(virConnectPtr conn, const char *xml)
{
    testNWBinding *b = virtAlloc(sizeof(*b));
    xmlDocPtr doc = testXMLRead(conn, xml, "filterbinding");
    if (!doc)
        goto error;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    b->portdev = virtXMLProp(virtXMLChild(root, "portdev"), "name");
    b->filter = virtXMLProp(virtXMLChild(root, "filterref"), "filter");
    xmlNodePtr owner = virtXMLChild(root, "owner");
    if (!owner || !virtXMLChild(owner, "name") || !virtXMLChild(owner, "uuid")) {
        NWF_ERROR(conn, VIR_ERR_XML_ERROR, "a filter binding needs an <owner> with <name> and <uuid>");
        goto error;
    }
    if (!b->portdev || !b->portdev[0] || !b->filter || !b->filter[0]) {
        NWF_ERROR(conn, VIR_ERR_XML_ERROR, "a filter binding needs <portdev name=...> and <filterref filter=...>");
        goto error;
    }
    b->xml = virtStrdup(xml);
    xmlFreeDoc(doc);
    return b;
 error:
    xmlFreeDoc(doc);
    bindingFree(b);
    return NULL;
}

static virNWFilterBindingPtr testBindingCreateXML(virConnectPtr conn, const char *xml, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_NWFILTER_BINDING_CREATE_VALIDATE, NULL);
    virNWFilterBindingPtr ret = NULL;
    (void) flags;
    testNWBinding *def = parseBinding(conn, xml);
    if (!def)
        return NULL;
    testState *st = testLockState(conn);
    if (!st)
        goto out;
    if (findBinding(st, def->portdev)) {
        NWF_ERROR(conn, VIR_ERR_OPERATION_FAILED, "filter binding for port %s already exists", def->portdev);
        goto cleanup;
    }
    if (!findByName(st, def->filter)) {
        NWF_ERROR(conn, VIR_ERR_NO_NWFILTER, "referenced filter '%s' is missing", def->filter);
        goto cleanup;
    }
    testNWBinding **pp = &st->bindings;
    while (*pp)
        pp = &(*pp)->next;
    *pp = def;
    ret = virtHandleNewNWFilterBinding(testCore, conn, def->portdev, def->filter);
    def = NULL;
 cleanup:
    pthread_mutex_unlock(&st->lock);
 out:
    bindingFree(def);
    return ret;
}

static virNWFilterBindingPtr testBindingLookupByPortDev(virConnectPtr conn, const char *portdev)
{
    virNWFilterBindingPtr ret = NULL;
    testState *st = testLockState(conn);
    if (!st)
        return NULL;
    testNWBinding *b = findBinding(st, portdev);
    if (b)
        ret = virtHandleNewNWFilterBinding(testCore, conn, b->portdev, b->filter);
    pthread_mutex_unlock(&st->lock);
    if (!b)
        NWF_ERROR(conn, VIR_ERR_NO_NWFILTER_BINDING, "no nwfilter binding for port dev '%s'", portdev);
    return ret;
}

static int testListAllBindings(virConnectPtr conn, virNWFilterBindingPtr **bindings, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    int n = 0;
    (void) flags;
    testState *st = testLockState(conn);
    if (!st)
        return -1;
    for (testNWBinding *b = st->bindings; b; b = b->next)
        n++;
    if (bindings) {
        virNWFilterBindingPtr *list = virtAlloc((size_t) (n + 1) * sizeof(*list));
        int i = 0;
        for (testNWBinding *b = st->bindings; b; b = b->next)
            list[i++] = virtHandleNewNWFilterBinding(testCore, conn, b->portdev, b->filter);
        *bindings = list;
    }
    pthread_mutex_unlock(&st->lock);
    return n;
}

/* A binding handle names no connection: find the host holding a binding
 * with its port device and filter, then act on it there. */
typedef struct {
    virNWFilterBindingPtr handle;
    bool remove;
    char *xml;          /* out: the definition, when not removing */
} bindingVisit;

static int visitBinding(testState *st, void *opaque)
{
    bindingVisit *v = opaque;
    const char *portdev = testCore->handle_identity(v->handle)->name;
    const char *filter = testCore->handle_identity(v->handle)->filter;
    for (testNWBinding **pp = &st->bindings; *pp; pp = &(*pp)->next) {
        testNWBinding *b = *pp;
        if (strcmp(b->portdev, portdev) != 0 || strcmp(b->filter, filter) != 0)
            continue;
        if (v->remove) {
            *pp = b->next;
            bindingFree(b);
        } else {
            v->xml = virtStrdup(b->xml);
        }
        return 1;
    }
    return 0;
}

static int visit(virNWFilterBindingPtr binding, bindingVisit *v)
{
    v->handle = binding;
    if (testStatesVisit(visitBinding, v) == 0) {
        NWF_ERROR(NULL, VIR_ERR_NO_NWFILTER_BINDING, "no nwfilter binding for port dev '%s'",
                  testCore->handle_identity(binding)->name);
        return -1;
    }
    return 0;
}

static int testBindingDelete(virNWFilterBindingPtr binding)
{
    bindingVisit v = { .remove = true };
    return visit(binding, &v);
}

static char *testBindingGetXMLDesc(virNWFilterBindingPtr binding, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, NULL);
    bindingVisit v = { .remove = false };
    (void) flags;
    if (visit(binding, &v) < 0)
        return NULL;
    return v.xml;
}

const virtNWFilterTable testNWFilterTable = {
    .size = sizeof(virtNWFilterTable),
    .connectListNWFilters = testListNWFilters,
    .connectNumOfNWFilters = testNumOfNWFilters,
    .nWFilterGetXMLDesc = testNWFilterGetXMLDesc,
    .nWFilterLookupByName = testNWFilterLookupByName,
    .nWFilterLookupByUUID = testNWFilterLookupByUUID,
    .nWFilterUndefine = testNWFilterUndefine,
    .connectListAllNWFilters = testListAllNWFilters,
    .connectListAllNWFilterBindings = testListAllBindings,
    .nWFilterBindingCreateXML = testBindingCreateXML,
    .nWFilterBindingDelete = testBindingDelete,
    .nWFilterBindingGetXMLDesc = testBindingGetXMLDesc,
    .nWFilterBindingLookupByPortDev = testBindingLookupByPortDev,
    .nWFilterDefineXMLFlags = testNWFilterDefineXMLFlags,
};
