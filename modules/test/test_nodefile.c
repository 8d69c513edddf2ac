/* test_nodefile.c: loading a test:///PATH.xml host. The <node> document
 * describes the node (<cpu>, <memory>), holds or names (file="...",
 * relative to its own folder) the domains, networks, storage pools (with
 * their <volume>s), interfaces and node devices, and may require a user
 * name and password (<auth>). Each connection gets a fresh host. */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "test_driver.h"
#include "util.h"

#define NODE_FILE_MAX (64 * 1024 * 1024)

static bool isElement(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *) n->name, name) == 0;
}

static char *nodeText(xmlNodePtr n)
{
    xmlChar *c = xmlNodeGetContent(n);
    char *s = virtStrdup(c ? (const char *) c : "");
    xmlFree(c);
    return s;
}

/* Parse an unsigned number child such as <mhz>; -1 with an error. */
static int readNumber(virConnectPtr conn, const char *path, xmlNodePtr n, unsigned long *out)
{
    char *text = nodeText(n), *end;
    errno = 0;
    unsigned long v = strtoul(text, &end, 10);
    int ret = 0;
    if (errno || end == text || *end || text[0] == '-' || v == 0) {
        TEST_ERROR(conn, VIR_ERR_XML_ERROR, "test node file '%s': invalid <%s> value '%s' on line %ld",
                   path, (const char *) n->name, text, xmlGetLineNo(n));
        ret = -1;
    } else {
        *out = v;
    }
    free(text);
    return ret;
}

static int readCpu(virConnectPtr conn, const char *path, xmlNodePtr cpu, testNodeInfo *node)
{
    unsigned long active = 0, v;
    for (xmlNodePtr c = cpu->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (isElement(c, "model")) {
            char *text = nodeText(c);
            snprintf(node->model, sizeof(node->model), "%s", text);
            free(text);
            continue;
        }
        if (readNumber(conn, path, c, &v) < 0)
            return -1;
        if (isElement(c, "nodes")) node->nodes = v;
        else if (isElement(c, "sockets")) node->sockets = v;
        else if (isElement(c, "cores")) node->cores = v;
        else if (isElement(c, "threads")) node->threads = v;
        else if (isElement(c, "active")) active = v;
        else if (isElement(c, "mhz")) node->mhz = v;
        else {
            TEST_ERROR(conn, VIR_ERR_XML_ERROR, "test node file '%s': unknown element <cpu><%s> on line %ld",
                       path, (const char *) c->name, xmlGetLineNo(c));
            return -1;
        }
    }
    unsigned long total = (unsigned long) node->nodes * node->sockets * node->cores * node->threads;
    node->cpus = active && active < total ? active : total;
    return 0;
}

/* A file= attribute's path: as written when absolute, else in dir (the
 * node file's folder). */
static char *filePath(const char *dir, const xmlChar *file)
{
    return file[0] == '/' ? virtStrdup((const char *) file) : virtAsprintf("%s/%s", dir, (const char *) file);
}

/* The XML of a <domain> or <network> child: its file's text, or the
 * element itself serialized. */
static char *childXML(virConnectPtr conn, const char *path, const char *dir, xmlNodePtr n)
{
    xmlChar *file = xmlGetProp(n, (const xmlChar *) "file");
    char *text = NULL;
    if (file) {
        char *full = filePath(dir, file);
        if (!(text = virtFileRead(full, NODE_FILE_MAX, NULL)))
            TEST_ERROR(conn, VIR_ERR_XML_ERROR, "test node file '%s': cannot read <%s file='%s'>: %s",
                       path, (const char *) n->name, full, strerror(errno));
        free(full);
        xmlFree(file);
        return text;
    }
    /* On its own, with the namespaces it uses from its ancestors (the
     * node file may declare test: on <node>). */
    xmlDocPtr alone = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr copy = xmlDocCopyNode(n, alone, 1);
    xmlDocSetRootElement(alone, copy);
    xmlReconciliateNs(alone, copy);
    xmlBufferPtr buf = xmlBufferCreate();
    xmlNodeDump(buf, alone, copy, 0, 0);
    text = virtStrdup((const char *) xmlBufferContent(buf));
    xmlBufferFree(buf);
    xmlFreeDoc(alone);
    return text;
}

/* A <test:domainsnapshot>: the element itself, or the file it names
 * (relative to the node file's folder, whose root must be the same). */
static testSnapshot *readSnapshot(virConnectPtr conn, const char *dir, xmlNodePtr n, bool *active)
{
    xmlChar *file = xmlGetProp(n, (const xmlChar *) "file");
    if (!file)
        return testSnapshotRead(conn, n, true, active);
    char *full = filePath(dir, file);
    xmlFree(file);
    testSnapshot *snap = NULL;
    char *text = virtFileRead(full, NODE_FILE_MAX, NULL);
    xmlDocPtr doc = text ? xmlReadMemory(text, (int) strlen(text), full, NULL,
                                         XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)
                         : NULL;
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root || !isElement(root, (const char *) n->name))
        TEST_ERROR(conn, VIR_ERR_XML_ERROR, "failed to parse xml document '%s'", full);
    else
        snap = testSnapshotRead(conn, root, true, active);
    xmlFreeDoc(doc);
    free(text);
    free(full);
    return snap;
}

/* The domain's snapshots, as libvirt's test driver loads them: each one
 * redefined, one of them at most current, the tree whole. */
static int addSnapshots(virConnectPtr conn, const char *dir, testDomain *dom, const testDomainNS *ns)
{
    for (size_t i = 0; i < ns->nsnaps; i++) {
        bool active = false;
        testSnapshot *snap = readSnapshot(conn, dir, ns->snaps[i], &active);
        if (!snap)
            return -1;
        if (testTreeFind(dom->snaps, snap->name)) {
            testCore->error(conn, VIR_FROM_DOMAIN, VIR_ERR_OPERATION_FAILED,
                            "domain moment %s already exists", snap->name);
            testTreeFreeList(snap);
            return -1;
        }
        if (active && dom->snap_current) {
            TEST_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "more than one snapshot claims to be active");
            testTreeFreeList(snap);
            return -1;
        }
        if (active)
            dom->snap_current = virtStrdup(snap->name);
        /* the definition, if any, is kept as text only */
        virtDomainModelFree(snap->def);
        snap->def = NULL;
        testTreeAppend(&dom->snaps, snap);
    }
    if (!testTreeConsistent(dom->snaps)) {
        TEST_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "Snapshots have inconsistent relations for domain %s",
                   dom->def->name);
        return -1;
    }
    return 0;
}

/* A <domain>, in the state its test: elements ask for (running unless
 * told otherwise, with reason 0 as libvirt leaves it). */
static int addDomain(virConnectPtr conn, testState *st, const char *path, const char *dir, xmlNodePtr n)
{
    virtXMLError err = { 0 };
    testDomainNS ns;
    char *xml = childXML(conn, path, dir, n);
    bool clash;
    int ret = -1;
    if (!xml)
        return -1;
    virtDomain *def = virtDomainModelParse(xml, 0, &testDomainDefaults, &err);
    if (!def) {
        TEST_ERROR(conn, err.code ? err.code : VIR_ERR_XML_ERROR, "test node file '%s', domain on line %ld: %s",
                   path, xmlGetLineNo(n), err.message ? err.message : "invalid");
        virtXMLErrorClear(&err);
        free(xml);
        return -1;
    }
    if (testDomainNSRead(conn, xml, &ns) < 0) {
        virtDomainModelFree(def);
        free(xml);
        return -1;
    }
    free(xml);
    if (testDomainCheckDef(conn, st, def, &clash) || clash) {
        if (!clash)
            TEST_ERROR(conn, VIR_ERR_OPERATION_FAILED, "test node file '%s': domain '%s' defined twice",
                       path, def->name);
        virtDomainModelFree(def);
        goto cleanup;
    }
    testDomain *dom = testDomainNewObj(def, &st->node);
    dom->persistent = !ns.transient;
    testStateAddDomain(st, dom);
    if (addSnapshots(conn, dir, dom, &ns) < 0)
        goto cleanup;
    if (ns.runstate != VIR_DOMAIN_SHUTOFF) {
        testDomainStart(st, dom, 0);
        if (ns.runstate != VIR_DOMAIN_RUNNING)
            dom->cpu_ns = testDomainCPUTime(dom);
    }
    dom->state = ns.runstate;
    dom->reason = 0;
    dom->managed_save = ns.managedSave;
    ret = 0;
 cleanup:
    testDomainNSClear(&ns);
    return ret;
}

static int addNetwork(virConnectPtr conn, testState *st, const char *path, const char *dir, xmlNodePtr n)
{
    virtXMLError err = { 0 };
    char *xml = childXML(conn, path, dir, n);
    if (!xml)
        return -1;
    virtNetworkDef *def = virtNetworkDefParse(xml, 0, &err);
    free(xml);
    if (!def) {
        TEST_ERROR(conn, err.code ? err.code : VIR_ERR_XML_ERROR, "test node file '%s', network on line %ld: %s",
                   path, xmlGetLineNo(n), err.message ? err.message : "invalid");
        virtXMLErrorClear(&err);
        return -1;
    }
    if (testStateFindNetworkByName(st, def->name) || testStateFindNetworkByUUID(st, def->uuid)) {
        TEST_ERROR(conn, VIR_ERR_OPERATION_FAILED, "test node file '%s': network '%s' defined twice",
                   path, def->name);
        virtNetworkDefFree(def);
        return -1;
    }
    testNetwork *net = virtAlloc(sizeof(*net));
    net->def = def;
    net->active = true;
    net->persistent = true;
    testStateAddNetwork(st, net);
    return 0;
}

/* A <pool>: its definition, and the <volume> children of that
 * definition, each inline or in a file of its own. */
static int addPool(virConnectPtr conn, testState *st, const char *path, const char *dir, xmlNodePtr n)
{
    char *xml = childXML(conn, path, dir, n);
    char **vols = NULL;
    size_t nvols = 0;
    int ret = -1;
    xmlDocPtr doc = NULL;
    if (!xml)
        return -1;
    doc = xmlReadMemory(xml, (int) strlen(xml), path, NULL,
                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root || !isElement(root, "pool")) {
        TEST_ERROR(conn, VIR_ERR_XML_ERROR, "test node file '%s': invalid pool on line %ld",
                   path, xmlGetLineNo(n));
        goto cleanup;
    }
    for (xmlNodePtr v = root->children; v; v = v->next) {
        if (!isElement(v, "volume"))
            continue;
        char *vxml = childXML(conn, path, dir, v);
        if (!vxml)
            goto cleanup;
        vols = virtRealloc(vols, (nvols + 1) * sizeof(*vols));
        vols[nvols++] = vxml;
    }
    ret = testStorageLoadPool(conn, st, xml, vols, nvols);
 cleanup:
    for (size_t i = 0; i < nvols; i++)
        free(vols[i]);
    free(vols);
    xmlFreeDoc(doc);
    free(xml);
    return ret;
}

/* An <interface> or <device>, loaded by the file that keeps its kind. */
static int addOther(virConnectPtr conn, testState *st, const char *path, const char *dir, xmlNodePtr n,
                    int (*load)(virConnectPtr conn, testState *st, const char *xml))
{
    char *xml = childXML(conn, path, dir, n);
    if (!xml)
        return -1;
    int ret = load(conn, st, xml);
    free(xml);
    return ret;
}

static int readAuth(virConnectPtr conn, const char *path, xmlNodePtr auth, char **user, char **password)
{
    for (xmlNodePtr u = auth->children; u; u = u->next) {
        if (!isElement(u, "user"))
            continue;
        xmlChar *pw = xmlGetProp(u, (const xmlChar *) "password");
        free(*user);
        free(*password);
        *user = nodeText(u);
        *password = virtStrdup(pw ? (const char *) pw : "");
        xmlFree(pw);
    }
    if (!*user) {
        TEST_ERROR(conn, VIR_ERR_XML_ERROR, "test node file '%s': <auth> without <user> on line %ld",
                   path, xmlGetLineNo(auth));
        return -1;
    }
    return 0;
}

testState *testNodeFileLoad(virConnectPtr conn, const char *path, char **user, char **password)
{
    size_t len = 0;
    char *text = virtFileRead(path, NODE_FILE_MAX, &len);
    if (!text) {
        /* libvirt's words: it reads and parses the file in one step */
        TEST_ERROR(conn, VIR_ERR_XML_ERROR, "failed to parse xml document '%s'", path);
        return NULL;
    }
    testState *st = testNodeFileParse(conn, path, text, len, user, password);
    free(text);
    return st;
}

testState *testNodeFileParse(virConnectPtr conn, const char *path, const char *text, size_t len,
                             char **user, char **password)
{
    testState *st = NULL;
    char *dircopy = virtStrdup(path);
    const char *dir = dirname(dircopy);
    xmlDocPtr doc = NULL;

    doc = xmlReadMemory(text, (int) len, path, NULL,
                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc) {
        const xmlError *xe = xmlGetLastError();
        TEST_ERROR(conn, VIR_ERR_XML_ERROR, "test node file '%s' is not well-formed XML (line %d): %s",
                   path, xe ? xe->line : 0, xe && xe->message ? xe->message : "parse error");
        goto error;
    }
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (!root || !isElement(root, "node")) {
        TEST_ERROR(conn, VIR_ERR_XML_ERROR, "test node file '%s': expecting root element of 'node', not '%s'",
                   path, root ? (const char *) root->name : "");
        goto error;
    }

    st = testStateNew();
    /* A node file that says nothing about the node gets the default's. */
    snprintf(st->node.model, sizeof(st->node.model), "i686");
    st->node.memory = 3145728;
    st->node.cpus = 16;
    st->node.mhz = 1400;
    st->node.nodes = st->node.sockets = st->node.cores = st->node.threads = 2;

    /* Node facts first: domains size their cpu maps by them. */
    for (xmlNodePtr n = root->children; n; n = n->next) {
        unsigned long v;
        if (isElement(n, "cpu") && readCpu(conn, path, n, &st->node) < 0)
            goto error;
        if (isElement(n, "memory")) {
            if (readNumber(conn, path, n, &v) < 0)
                goto error;
            st->node.memory = v;
        }
    }
    for (xmlNodePtr n = root->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || isElement(n, "cpu") || isElement(n, "memory"))
            continue;
        if (isElement(n, "domain")) {
            if (addDomain(conn, st, path, dir, n) < 0)
                goto error;
        } else if (isElement(n, "network")) {
            if (addNetwork(conn, st, path, dir, n) < 0)
                goto error;
        } else if (isElement(n, "pool")) {
            if (addPool(conn, st, path, dir, n) < 0)
                goto error;
        } else if (isElement(n, "interface")) {
            if (addOther(conn, st, path, dir, n, testIfaceLoad) < 0)
                goto error;
        } else if (isElement(n, "device")) {
            if (addOther(conn, st, path, dir, n, testNodeDevLoad) < 0)
                goto error;
        } else if (isElement(n, "auth")) {
            if (readAuth(conn, path, n, user, password) < 0)
                goto error;
        } else {
            TEST_ERROR(conn, VIR_ERR_XML_ERROR, "test node file '%s': unknown element <%s> on line %ld",
                       path, (const char *) n->name, xmlGetLineNo(n));
            goto error;
        }
    }
    goto cleanup;

 error:
    testStateFree(st);
    st = NULL;
    free(*user);
    free(*password);
    *user = *password = NULL;
 cleanup:
    xmlFreeDoc(doc);
    free(dircopy);
    return st;
}
