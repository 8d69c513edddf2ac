/* xml_schema.c: turn text into libxml2 documents without touching the
 * network or stderr, and validate them against RelaxNG grammars embedded
 * at build time (compiled once, shared by threads): the hand-kept ones of
 * schemas/, and the domain grammar generated from abi/xml/domain, which a
 * node file's inline domains are held to as well. */
#include <errno.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <libvirt/virterror.h>

#include "util.h"
#include "xml_schema.h"
#include "network-schema.h"       /* generated: virtSchemaText_network */
#include "capabilities-schema.h"  /* generated: virtSchemaText_capabilities */
#include "testnode-schema.h"      /* generated: virtSchemaText_testnode */

typedef struct {
    const char *name;
    const char *text;
    xmlRelaxNGPtr compiled;   /* built on first use, kept for the process */
    int failed;
} virtSchemaEntry;

static virtSchemaEntry schemas[] = {
    { "domain", NULL, NULL, 0 },     /* the generated grammar, found on first use */
    { "network", virtSchemaText_network, NULL, 0 },
    { "capabilities", virtSchemaText_capabilities, NULL, 0 },
    { "testnode", virtSchemaText_testnode, NULL, 0 },
};
static pthread_mutex_t schemaLock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t parserOnce = PTHREAD_ONCE_INIT;

/* libxml2 must be initialised once before threads share it. */
static void parserInit(void)
{
    xmlInitParser();
}

/* Grammars generated from abi/xml/ descriptions, registered by the first
 * validation of their kind (names "model:KIND"). */
static virtSchemaEntry modelSchemas[32];
static size_t nmodelSchemas;

static pthread_once_t generatedOnce = PTHREAD_ONCE_INIT;

/* The entries without a text of their own take their kind's generated one. */
static void generatedTexts(void)
{
    for (size_t i = 0; i < sizeof(schemas) / sizeof(schemas[0]); i++) {
        const virtXMLKind *k = schemas[i].text ? NULL : virtXMLKindByName(schemas[i].name);
        if (k)
            schemas[i].text = k->rng;
    }
}

/* One of the grammars above (called with or without schemaLock held). */
static virtSchemaEntry *builtinFind(const char *name)
{
    pthread_once(&generatedOnce, generatedTexts);
    for (size_t i = 0; name && i < sizeof(schemas) / sizeof(schemas[0]); i++)
        if (strcmp(schemas[i].name, name) == 0)
            return schemas[i].text ? &schemas[i] : NULL;
    return NULL;
}

static virtSchemaEntry *schemaFind(const char *name)
{
    virtSchemaEntry *b = builtinFind(name);
    if (b)
        return b;
    pthread_mutex_lock(&schemaLock);
    for (size_t i = 0; name && i < nmodelSchemas; i++)
        if (strcmp(modelSchemas[i].name, name) == 0) {
            pthread_mutex_unlock(&schemaLock);
            return &modelSchemas[i];
        }
    pthread_mutex_unlock(&schemaLock);
    return NULL;
}

const char *virtXMLSchemaText(const char *schema)
{
    virtSchemaEntry *e = schemaFind(schema);
    return e ? e->text : NULL;
}

const char *virtXMLSchemaForRoot(const char *root)
{
    if (!root)
        return NULL;
    if (strcmp(root, "node") == 0)
        return "testnode";
    return schemaFind(root) ? root : NULL;
}

/* libxml2 messages end with a newline; callers want one line. */
static char *oneLine(const char *msg)
{
    char *text = virtStrdup(msg ? msg : "invalid document");
    size_t n = strlen(text);

    while (n && (text[n - 1] == '\n' || text[n - 1] == ' '))
        text[--n] = '\0';
    return text;
}

static void ignoreError(void *data, xmlErrorPtr error)
{
    (void) data;
    (void) error;
}

static xmlDocPtr readMemory(const char *text, const char *url, xmlParserCtxtPtr *ctxtOut)
{
    xmlParserCtxtPtr ctxt;
    xmlDocPtr doc;

    pthread_once(&parserOnce, parserInit);
    *ctxtOut = ctxt = xmlNewParserCtxt();
    if (!ctxt)
        return NULL;
    /* No network, no entity expansion, nothing printed: errors are read
     * from the context. NODICT lets nodes move between documents. */
    doc = xmlCtxtReadMemory(ctxt, text, (int) strlen(text), url, NULL,
                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                            XML_PARSE_NODICT | XML_PARSE_NOCDATA);
    return doc;
}

/* Replace each <externalRef href='X.rng'/> by the grammar of embedded
 * schema X, so grammars that build on others need no files at run time. */
static int inlineExternalRefs(xmlNodePtr node, xmlDocPtr doc)
{
    xmlNodePtr next;

    for (xmlNodePtr c = node->children; c; c = next) {
        next = c->next;
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (xmlStrEqual(c->name, BAD_CAST "externalRef")) {
            xmlChar *href = xmlGetNoNsProp(c, BAD_CAST "href");
            char name[64] = "";
            const char *text;
            xmlParserCtxtPtr pc = NULL;
            xmlDocPtr sub;
            xmlNodePtr copy;

            if (href) {
                size_t n = strlen((const char *) href);
                if (n > 4 && n < sizeof(name) && strcmp((const char *) href + n - 4, ".rng") == 0)
                    memcpy(name, href, n - 4);
                xmlFree(href);
            }
            if (!(text = virtXMLSchemaText(name)))
                return -1;
            sub = readMemory(text, name, &pc);
            xmlFreeParserCtxt(pc);
            if (!sub || !xmlDocGetRootElement(sub)) {
                xmlFreeDoc(sub);
                return -1;
            }
            copy = xmlDocCopyNode(xmlDocGetRootElement(sub), doc, 1);
            xmlFreeDoc(sub);
            if (!copy)
                return -1;
            xmlReplaceNode(c, copy);
            xmlFreeNode(c);
        } else if (inlineExternalRefs(c, doc) < 0) {
            return -1;
        }
    }
    return 0;
}

static xmlRelaxNGPtr compileSchema(const virtSchemaEntry *e)
{
    xmlParserCtxtPtr pc = NULL;
    xmlDocPtr doc = readMemory(e->text, e->name, &pc);
    xmlRelaxNGParserCtxtPtr rc = NULL;
    xmlRelaxNGPtr rng = NULL;

    xmlFreeParserCtxt(pc);
    if (!doc || !xmlDocGetRootElement(doc))
        goto cleanup;
    if (inlineExternalRefs(xmlDocGetRootElement(doc), doc) < 0)
        goto cleanup;
    if (!(rc = xmlRelaxNGNewDocParserCtxt(doc)))
        goto cleanup;
    xmlRelaxNGSetParserStructuredErrors(rc, ignoreError, NULL);
    rng = xmlRelaxNGParse(rc);

 cleanup:
    xmlRelaxNGFreeParserCtxt(rc);
    xmlFreeDoc(doc);
    return rng;
}

static xmlRelaxNGPtr schemaGet(const char *name)
{
    virtSchemaEntry *e = builtinFind(name);
    xmlRelaxNGPtr rng;

    if (!e)
        return NULL;
    pthread_mutex_lock(&schemaLock);
    if (!e->compiled && !e->failed) {
        e->compiled = compileSchema(e);
        e->failed = e->compiled == NULL;
    }
    rng = e->compiled;
    pthread_mutex_unlock(&schemaLock);
    return rng;
}

static xmlRelaxNGPtr modelSchemaGet(const char *name)
{
    virtSchemaEntry *e = NULL;
    xmlRelaxNGPtr rng;

    pthread_mutex_lock(&schemaLock);
    for (size_t i = 0; i < nmodelSchemas; i++)
        if (strcmp(modelSchemas[i].name, name) == 0)
            e = &modelSchemas[i];
    if (e && !e->compiled && !e->failed) {
        e->compiled = compileSchema(e);
        e->failed = e->compiled == NULL;
    }
    rng = e ? e->compiled : NULL;
    pthread_mutex_unlock(&schemaLock);
    return rng;
}

int virtXMLValidateKind(xmlDocPtr doc, const virtXMLKind *k, virtXMLError *err)
{
    char name[64];
    virtXMLError inner = { 0 };
    bool known = false;

    snprintf(name, sizeof(name), "model:%s", k->name);
    pthread_mutex_lock(&schemaLock);
    for (size_t i = 0; i < nmodelSchemas; i++)
        known = known || strcmp(modelSchemas[i].name, name) == 0;
    if (!known && nmodelSchemas < sizeof(modelSchemas) / sizeof(modelSchemas[0])) {
        modelSchemas[nmodelSchemas].name = virtStrdup(name);
        modelSchemas[nmodelSchemas].text = k->rng;
        nmodelSchemas++;
    }
    pthread_mutex_unlock(&schemaLock);
    if (virtXMLValidate(doc, name, &inner) == 0)
        return 0;
    /* libvirt reports a document its grammar refuses under its own code */
    /* libvirt's words for it; the error's own text adds "XML document
     * failed to validate against schema" in front */
    virtXMLErrorSet(err, inner.code == VIR_ERR_XML_ERROR ? VIR_ERR_XML_INVALID_SCHEMA : inner.code,
                    "Unable to validate doc against %s.rng\n%s", k->name,
                    inner.message ? inner.message : "invalid document");
    virtXMLErrorClear(&inner);
    return -1;
}

/* libxml2 reports a failure inside an <interleave> only as "failed to
 * validate content" of an ancestor, so the messages it gives are kept
 * just for the element they are about and the culprit is found by
 * locating it (see locateCulprit). */
typedef struct {
    xmlNodePtr nodes[16];
    char *messages[16];
    int count;
} virtValidationProblems;

static void collectProblem(void *data, xmlErrorPtr error)
{
    virtValidationProblems *p = data;

    if (!error || p->count >= 16)
        return;
    p->nodes[p->count] = (xmlNodePtr) error->node;
    p->messages[p->count] = oneLine(error->message);
    p->count++;
}

static void problemsClear(virtValidationProblems *p)
{
    for (int i = 0; i < p->count; i++)
        free(p->messages[i]);
    p->count = 0;
}

static int validateOnce(xmlRelaxNGPtr rng, xmlDocPtr doc, virtValidationProblems *p)
{
    xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(rng);
    int rc;

    if (!vc)
        return -1;
    xmlRelaxNGSetValidStructuredErrors(vc, p ? collectProblem : ignoreError, p);
    rc = xmlRelaxNGValidateDoc(vc, doc);
    xmlRelaxNGFreeValidCtxt(vc);
    return rc == 0 ? 0 : -1;
}

/* Does the document validate without this element? Each element is put
 * back exactly where it was. */
static int validWithout(xmlRelaxNGPtr rng, xmlDocPtr doc, xmlNodePtr node)
{
    xmlNodePtr parent = node->parent, next = node->next;
    int ok;

    xmlUnlinkNode(node);
    ok = validateOnce(rng, doc, NULL) == 0;
    if (next)
        xmlAddPrevSibling(next, node);
    else
        xmlAddChild(parent, node);
    return ok;
}

/* Walk down from the root: while dropping one child makes the document
 * valid, that child holds the problem. Stops at the element that is
 * wrong in itself (bad attribute, bad value, missing part). */
static xmlNodePtr locateCulprit(xmlRelaxNGPtr rng, xmlDocPtr doc)
{
    xmlNodePtr node = xmlDocGetRootElement(doc);

    for (int depth = 0; node && depth < 64; depth++) {
        xmlNodePtr found = NULL;
        for (xmlNodePtr c = node->children; c && !found; c = c->next)
            if (c->type == XML_ELEMENT_NODE && validWithout(rng, doc, c))
                found = c;
        if (!found)
            break;
        node = found;
    }
    return node;
}

/* An attribute the element is valid without is the one in the way:
 * unknown, or with a bad value. Returns "name='value'" (caller frees). */
static char *locateAttribute(xmlRelaxNGPtr rng, xmlDocPtr doc, xmlNodePtr node)
{
    char *names[32];
    int n = 0;
    char *found = NULL;

    for (xmlAttrPtr a = node->properties; a && n < 32; a = a->next)
        names[n++] = virtStrdup((const char *) a->name);
    for (int i = 0; i < n && !found; i++) {
        xmlChar *value = xmlGetNoNsProp(node, BAD_CAST names[i]);
        xmlAttrPtr attr = xmlHasNsProp(node, BAD_CAST names[i], NULL);
        if (!value || !attr) {
            xmlFree(value);
            continue;
        }
        xmlRemoveProp(attr);
        if (validateOnce(rng, doc, NULL) == 0)
            found = virtAsprintf("%s='%s'", names[i], (const char *) value);
        xmlSetProp(node, BAD_CAST names[i], value);   /* appended: order is irrelevant */
        xmlFree(value);
    }
    for (int i = 0; i < n; i++)
        free(names[i]);
    return found;
}

static void describeNode(virtBuf *b, xmlNodePtr node)
{
    int leaf = 1;

    for (xmlNodePtr c = node->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            leaf = 0;
    if (node->properties) {
        virtBufAdd(b, ": ");
        for (xmlAttrPtr a = node->properties; a; a = a->next) {
            xmlChar *v = xmlNodeGetContent((xmlNodePtr) a);
            virtBufPrintf(b, "%s%s='%s'", a == node->properties ? "" : " ",
                          (const char *) a->name, v ? (const char *) v : "");
            xmlFree(v);
        }
    }
    if (leaf) {
        xmlChar *v = xmlNodeGetContent(node);
        if (v && *v)
            virtBufPrintf(b, "%svalue '%s'", node->properties ? ", " : ": ", (const char *) v);
        xmlFree(v);
    }
}

/* Attributes whose schema is a choice of words (the parsers compare them
 * with strcmp). RelaxNG compares such values as tokens, so 'network ' would
 * pass it; libvirt's parsers refuse any spelling but the word itself. */
static const struct {
    const char *schema, *element, *attribute;
} enumAttrs[] = {
    { "domain", "domain", "type" },
    { "domain", "disk", "type" },
    { "domain", "disk", "device" },
    { "domain", "interface", "type" },
    { "domain", "graphics", "type" },
    { "domain", "controller", "type" },
    { "domain", "address", "type" },
    { "domain", "input", "type" },
    { "domain", "input", "bus" },
    { "domain", "boot", "dev" },
    { "domain", "memballoon", "model" },
    { "domain", "vcpu", "placement" },
    { "domain", "serial", "type" },
    { "domain", "parallel", "type" },
    { "domain", "console", "type" },
    { "domain", "memory", "unit" },
    { "domain", "currentMemory", "unit" },
    { "network", "bridge", "stp" },
    { "network", "forward", "mode" },
};

/* 0, or -1 with err set when node or a descendant has a word attribute of
 * enumAttrs spelled with blanks around or inside. */
static int checkWords(xmlNodePtr node, const char *schema, virtXMLError *err)
{
    for (; node; node = node->next) {
        if (node->type != XML_ELEMENT_NODE)
            continue;
        for (size_t i = 0; i < sizeof(enumAttrs) / sizeof(enumAttrs[0]); i++) {
            if (strcmp(enumAttrs[i].schema, schema) != 0 ||
                strcmp((const char *) node->name, enumAttrs[i].element) != 0)
                continue;
            xmlChar *v = xmlGetNoNsProp(node, BAD_CAST enumAttrs[i].attribute);
            if (v && strpbrk((const char *) v, " \t\r\n")) {
                virtXMLErrorSet(err, VIR_ERR_XML_ERROR,
                                "Invalid value for attribute '%s' in element '%s': '%s'.",
                                enumAttrs[i].attribute, enumAttrs[i].element, (const char *) v);
                xmlFree(v);
                return -1;
            }
            xmlFree(v);
        }
        if (checkWords(node->children, schema, err) < 0)
            return -1;
    }
    return 0;
}

int virtXMLCheckPaddedWords(xmlDocPtr doc, const char *schema, virtXMLError *err)
{
    return doc ? checkWords(xmlDocGetRootElement(doc), schema, err) : 0;
}

int virtXMLValidate(xmlDocPtr doc, const char *schema, virtXMLError *err)
{
    xmlRelaxNGPtr rng;
    virtValidationProblems p = { { NULL }, { NULL }, 0 };
    xmlNodePtr culprit;
    char *attr;
    const char *known = NULL;
    virtBuf detail = { 0 };

    if (!doc || !xmlDocGetRootElement(doc)) {
        virtXMLErrorSet(err, VIR_ERR_XML_ERROR, "%s: empty document", schema ? schema : "XML");
        return -1;
    }
    if (!schemaFind(schema)) {
        virtXMLErrorSet(err, VIR_ERR_INVALID_ARG, "unknown schema '%s'", schema ? schema : "(null)");
        return -1;
    }
    if (!(rng = schemaGet(schema)) && !(rng = modelSchemaGet(schema))) {
        virtXMLErrorSet(err, VIR_ERR_INTERNAL_ERROR, "the built-in %s schema failed to load", schema);
        return -1;
    }
    if (validateOnce(rng, doc, &p) == 0)
        return checkWords(xmlDocGetRootElement(doc), schema, err);

    culprit = locateCulprit(rng, doc);
    attr = culprit ? locateAttribute(rng, doc, culprit) : NULL;
    /* libxml2's own words help only when they are about the culprit and
     * say more than "failed to validate". */
    for (int i = 0; i < p.count && !known; i++)
        if (p.nodes[i] == culprit && !strstr(p.messages[i], "failed to validate"))
            known = p.messages[i];
    if (!culprit) {
        virtBufAdd(&detail, p.count ? p.messages[0] : "invalid document");
    } else if (attr) {
        virtBufPrintf(&detail, "element '%s' at line %ld: attribute %s is invalid or not allowed here",
                      (const char *) culprit->name, xmlGetLineNo(culprit), attr);
    } else {
        virtBufPrintf(&detail, "element '%s' at line %ld", (const char *) culprit->name, xmlGetLineNo(culprit));
        if (known) {
            virtBufPrintf(&detail, ": %s", known);
        } else {
            virtBufAdd(&detail, ": invalid or not allowed here");
            describeNode(&detail, culprit);
        }
    }
    virtXMLErrorSet(err, VIR_ERR_XML_ERROR, "%s document does not match the schema: %s",
                    schema, detail.data ? detail.data : "invalid");
    virtBufFree(&detail);
    free(attr);
    problemsClear(&p);
    return -1;
}

/* The documents libvirt parses under a name of their own: the name its
 * parse errors start with and the error domain they carry. */
static const struct {
    const char *what;
    const char *label;
    int from;
} parseKinds[] = {
    { "domain", "(domain_definition)", VIR_FROM_DOMAIN },
    { "network", "(network_definition)", VIR_FROM_NETWORK },
    { "network update", "network_update_xml", VIR_FROM_NETWORK },   /* a virNetworkUpdate fragment */
    { "pool", "(storage_pool_definition)", VIR_FROM_STORAGE },
    { "volume", "(storage_volume_definition)", VIR_FROM_STORAGE },
    { "source", "(storage_source_specification)", VIR_FROM_STORAGE }, /* pool source discovery */
    { "interface", "(interface_definition)", VIR_FROM_INTERFACE },
    { "device", "(device_definition)", VIR_FROM_DOMAIN },      /* a domain's device */
    { "node device", "(node_device_definition)", VIR_FROM_NODEDEV },
    { "secret", "(definition_of_secret)", VIR_FROM_SECRET },
    { "filter", "(nwfilter_definition)", VIR_FROM_NWFILTER },
    { "domainsnapshot", "(domain_snapshot)", VIR_FROM_DOMAIN_SNAPSHOT },
    { "domaincheckpoint", "(domain_checkpoint)", VIR_FROM_DOMAIN_CHECKPOINT },
};

/* The first fatal error of a parse, worded as libvirt words it while the
 * parser still holds the input: "FILE:LINE: MESSAGE", the offending line
 * and a "---^" pointer under the column. */
typedef struct {
    char *text;
} parseFailure;

static void captureFatal(void *data, xmlErrorPtr e)
{
    xmlParserCtxtPtr ctxt = data;
    parseFailure *f = ctxt ? ctxt->_private : NULL;
    if (!f || f->text || !e || e->level != XML_ERR_FATAL || !ctxt->input)
        return;
    const xmlChar *base = ctxt->input->base, *cur = ctxt->input->cur;
    if (!base || !cur)
        return;
    while (cur > base && (*cur == '\n' || *cur == '\r'))
        cur--;
    while (cur > base && *cur != '\n' && *cur != '\r')
        cur--;
    if (*cur == '\n' || *cur == '\r')
        cur++;
    size_t col = (size_t) (ctxt->input->cur - cur), len = 0;
    while (cur[len] && cur[len] != '\n' && cur[len] != '\r')
        len++;
    virtBuf b = { 0 };
    virtBufPrintf(&b, "%s:%d: %s", e->file ? e->file : "(null)", e->line,
                  e->message ? e->message : "");
    if (len)
        virtBufPrintf(&b, "%.*s\n", (int) len, (const char *) cur);
    else
        virtBufAdd(&b, "(null)\n");
    /* the pointer keeps the line's tabs so that it lines up under it */
    for (size_t i = 0; i < col && i < len; i++)
        virtBufAdd(&b, cur[i] == '\t' ? "\t" : "-");
    virtBufAdd(&b, "^");
    f->text = b.data;
}

static xmlDocPtr parseReport(xmlParserCtxtPtr ctxt, xmlDocPtr doc, const char *what,
                             parseFailure *failure, int from, virtXMLError *err)
{
    if (doc && xmlDocGetRootElement(doc))
        return doc;
    xmlErrorPtr e = ctxt ? xmlCtxtGetLastError(ctxt) : NULL;
    if (failure->text && from) {
        virtXMLErrorSet(err, VIR_ERR_XML_DETAIL, "%s", failure->text);
        if (err && err->code == VIR_ERR_XML_DETAIL)
            err->domain = from;
    } else if (e && e->message) {
        char *msg = oneLine(e->message);
        virtXMLErrorSet(err, VIR_ERR_XML_ERROR, "malformed %s XML at line %d: %s", what, e->line, msg);
        free(msg);
    } else {
        virtXMLErrorSet(err, VIR_ERR_XML_ERROR, "malformed %s XML: no root element", what);
    }
    xmlFreeDoc(doc);
    return NULL;
}

xmlDocPtr virtXMLParse(const char *text, const char *what, virtXMLError *err)
{
    xmlParserCtxtPtr ctxt = NULL;
    xmlDocPtr doc;
    parseFailure failure = { NULL };
    const char *label = NULL;
    int from = 0;

    what = what ? what : "XML";
    for (size_t i = 0; i < sizeof(parseKinds) / sizeof(parseKinds[0]); i++) {
        if (strcmp(parseKinds[i].what, what) == 0) {
            label = parseKinds[i].label;
            from = parseKinds[i].from;
        }
    }
    if (!text) {
        virtXMLErrorSet(err, VIR_ERR_INVALID_ARG, "no %s XML given", what);
        return NULL;
    }
    pthread_once(&parserOnce, parserInit);
    ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        virtXMLErrorSet(err, VIR_ERR_NO_MEMORY, "no parser for %s XML", what);
        return NULL;
    }
    ctxt->_private = &failure;
    ctxt->sax->serror = captureFatal;
    doc = xmlCtxtReadMemory(ctxt, text, (int) strlen(text), label ? label : what, NULL,
                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                            XML_PARSE_NODICT | XML_PARSE_NOCDATA);
    doc = parseReport(ctxt, doc, what, &failure, from, err);
    free(failure.text);
    xmlFreeParserCtxt(ctxt);
    return doc;
}

int virtXMLCheckRoot(xmlDocPtr doc, const char *name, bool named, virtXMLError *err)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (!root || !xmlStrEqual(root->name, BAD_CAST name)) {
        virtXMLErrorSet(err, VIR_ERR_XML_ERROR, "expecting root element of '%s', not '%s'",
                        name, root ? (const char *) root->name : "");
        if (err && !err->domain)
            err->domain = VIR_FROM_XML;
        return -1;
    }
    if (named) {
        for (xmlNodePtr c = root->children; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST "name"))
                return 0;
        virtXMLErrorSet(err, VIR_ERR_NO_NAME, "%s", "");
        return -1;
    }
    return 0;
}

xmlDocPtr virtXMLParseFile(const char *path, virtXMLError *err)
{
    size_t len = 0;
    char *text = virtFileRead(path, 64 * 1024 * 1024, &len);
    xmlDocPtr doc;

    if (!text) {
        virtXMLErrorSet(err, VIR_ERR_INVALID_ARG, "cannot read '%s': %s", path, strerror(errno));
        return NULL;
    }
    doc = virtXMLParse(text, path, err);
    free(text);
    return doc;
}
