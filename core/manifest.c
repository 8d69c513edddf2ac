/* manifest.c: read a manifest with jansson and check it against the
 * RelaxNG grammar in schemas/manifest.rng (embedded at build time), by
 * mapping the JSON tree to XML first. */
#include <errno.h>
#include <jansson.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "manifest.h"
#include "manifest-schema.h"   /* generated: virtManifestSchemaText */

static pthread_once_t schemaOnce = PTHREAD_ONCE_INIT;
static xmlRelaxNGPtr schema;

static void schemaInit(void)
{
    xmlRelaxNGParserCtxtPtr pctxt =
        xmlRelaxNGNewMemParserCtxt(virtManifestSchemaText, (int) strlen(virtManifestSchemaText));
    if (pctxt) {
        schema = xmlRelaxNGParse(pctxt);
        xmlRelaxNGFreeParserCtxt(pctxt);
    }
}

static bool validName(const char *key)
{
    if (!*key || !((key[0] >= 'a' && key[0] <= 'z') || (key[0] >= 'A' && key[0] <= 'Z') || key[0] == '_'))
        return false;
    for (const char *p = key; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (*p >= '0' && *p <= '9') || *p == '_' || *p == '-'))
            return false;
    return true;
}

/* Append the JSON value as children/text of node. Returns -1 on a key that
 * cannot be an element name. */
static int toXML(xmlNodePtr node, json_t *value, char **bad)
{
    char num[64];
    switch (json_typeof(value)) {
    case JSON_OBJECT: {
        const char *key;
        json_t *child;
        xmlSetProp(node, BAD_CAST "type", BAD_CAST "object");
        json_object_foreach(value, key, child) {
            if (!validName(key)) {
                *bad = virtAsprintf("key '%s' is not a valid name", key);
                return -1;
            }
            xmlNodePtr c = xmlNewChild(node, NULL, BAD_CAST key, NULL);
            if (toXML(c, child, bad) < 0)
                return -1;
        }
        return 0;
    }
    case JSON_ARRAY: {
        size_t i;
        json_t *child;
        xmlSetProp(node, BAD_CAST "type", BAD_CAST "array");
        json_array_foreach(value, i, child) {
            xmlNodePtr c = xmlNewChild(node, NULL, BAD_CAST "item", NULL);
            if (toXML(c, child, bad) < 0)
                return -1;
        }
        return 0;
    }
    case JSON_STRING:
        xmlSetProp(node, BAD_CAST "type", BAD_CAST "string");
        xmlNodeAddContent(node, BAD_CAST json_string_value(value));
        return 0;
    case JSON_INTEGER:
        xmlSetProp(node, BAD_CAST "type", BAD_CAST "integer");
        snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT, json_integer_value(value));
        xmlNodeAddContent(node, BAD_CAST num);
        return 0;
    case JSON_REAL:
        xmlSetProp(node, BAD_CAST "type", BAD_CAST "real");
        snprintf(num, sizeof(num), "%g", json_real_value(value));
        xmlNodeAddContent(node, BAD_CAST num);
        return 0;
    case JSON_TRUE:
    case JSON_FALSE:
        xmlSetProp(node, BAD_CAST "type", BAD_CAST "boolean");
        xmlNodeAddContent(node, BAD_CAST (json_is_true(value) ? "true" : "false"));
        return 0;
    case JSON_NULL:
    default:
        xmlSetProp(node, BAD_CAST "type", BAD_CAST "null");
        return 0;
    }
}

typedef struct {
    virtBuf msg;
} validationErrors;

static void collectError(void *data, const xmlError *err)
{
    validationErrors *ve = data;
    if (ve->msg.len)
        return;  /* the first problem is the one worth reading */
    char *text = virtStrdup(err->message ? err->message : "invalid");
    size_t n = strlen(text);
    while (n && (text[n - 1] == '\n' || text[n - 1] == ' '))
        text[--n] = '\0';
    if (err->node && ((xmlNodePtr) err->node)->name)
        virtBufPrintf(&ve->msg, "at '%s': %s", (const char *) ((xmlNodePtr) err->node)->name, text);
    else
        virtBufAdd(&ve->msg, text);
    free(text);
}

static int validate(json_t *root, char **problem)
{
    pthread_once(&schemaOnce, schemaInit);
    if (!schema) {
        *problem = virtStrdup("the built-in manifest schema failed to load");
        return -1;
    }
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr top = xmlNewDocNode(doc, NULL, BAD_CAST "manifest", NULL);
    xmlDocSetRootElement(doc, top);
    char *bad = NULL;
    if (toXML(top, root, &bad) < 0) {
        xmlFreeDoc(doc);
        *problem = bad;
        return -1;
    }
    xmlUnsetProp(top, BAD_CAST "type");
    validationErrors ve = { { 0 } };
    xmlRelaxNGValidCtxtPtr vctxt = xmlRelaxNGNewValidCtxt(schema);
    xmlRelaxNGSetValidStructuredErrors(vctxt, (xmlStructuredErrorFunc) collectError, &ve);
    int rc = xmlRelaxNGValidateDoc(vctxt, doc);
    xmlRelaxNGFreeValidCtxt(vctxt);
    xmlFreeDoc(doc);
    if (rc != 0) {
        *problem = ve.msg.len ? virtBufSteal(&ve.msg) : virtStrdup("does not match the manifest schema");
        virtBufFree(&ve.msg);
        return -1;
    }
    virtBufFree(&ve.msg);
    return 0;
}

static const char *roleNames[VIRT_ROLE_LAST] = {
    "hypervisor", "network", "remote", "storage", "interface", "nodedev", "secret", "nwfilter"
};

/* The manifest of JSON root (NULL: jansson failed as jerr says), read
 * from path; takes the reference to root. */
static virtManifest *fromJSON(const char *path, json_t *root, const json_error_t *jerr, char **error)
{
    virtManifest *m = NULL;
    char *problem = NULL;

    if (!root) {
        if (jerr->line > 0)
            *error = virtAsprintf("manifest %s:%d: %s", path, jerr->line, jerr->text);
        else
            *error = virtAsprintf("manifest %s: %s", path, jerr->text);
        return NULL;
    }
    if (!json_is_object(root)) {
        problem = virtStrdup("the top level must be a JSON object");
        goto invalid;
    }
    if (validate(root, &problem) < 0)
        goto invalid;

    m = virtAlloc(sizeof(*m));
    m->refs = 1;
    m->path = virtStrdup(path);
    m->module = virtStrdup(json_string_value(json_object_get(root, "module")));
    m->summary = virtStrdup(json_string_value(json_object_get(root, "summary")));
    m->disabled = json_is_true(json_object_get(root, "disabled"));
    m->probe = -1;

    /* The file name is the module's identity: NAME.json must say NAME. */
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t stem = strlen(base) > 5 ? strlen(base) - 5 : 0;
    if (strncmp(base, m->module, stem) != 0 || m->module[stem] != '\0') {
        problem = virtAsprintf("module name '%s' does not match the file name '%s'", m->module, base);
        goto invalid;
    }
    if (!m->disabled) {
        m->library = virtStrdup(json_string_value(json_object_get(root, "library")));
        sscanf(json_string_value(json_object_get(root, "abi")), "%u.%u", &m->abi_major, &m->abi_minor);
        json_t *schemes = json_object_get(root, "schemes");
        m->nschemes = json_array_size(schemes);
        m->schemes = virtAlloc((m->nschemes + 1) * sizeof(char *));
        for (size_t i = 0; i < m->nschemes; i++)
            m->schemes[i] = virtStrdup(json_string_value(json_array_get(schemes, i)));
        json_t *roles = json_object_get(root, "roles");
        for (size_t i = 0; i < json_array_size(roles); i++)
            for (int r = 0; r < VIRT_ROLE_LAST; r++)
                if (strcmp(json_string_value(json_array_get(roles, i)), roleNames[r]) == 0)
                    m->roles |= VIRT_ROLE_BIT(r);
        m->daemon = strcmp(json_string_value(json_object_get(root, "runs")), "daemon") == 0;
        json_t *probe = json_object_get(root, "probe");
        if (probe)
            m->probe = (int) json_integer_value(probe);
    }
    json_decref(root);
    return m;

 invalid:
    *error = virtAsprintf("manifest %s is invalid: %s", path, problem);
    free(problem);
    virtManifestFree(m);
    json_decref(root);
    return NULL;
}

virtManifest *virtManifestLoad(const char *path, char **error)
{
    json_error_t jerr;
    json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);

    return fromJSON(path, root, &jerr, error);
}

virtManifest *virtManifestParse(const char *path, const char *text, size_t len, char **error)
{
    json_error_t jerr;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);

    return fromJSON(path, root, &jerr, error);
}

void virtManifestFree(virtManifest *m)
{
    if (!m || __atomic_sub_fetch(&m->refs, 1, __ATOMIC_ACQ_REL) > 0)
        return;
    free(m->path);
    free(m->module);
    free(m->library);
    for (size_t i = 0; i < m->nschemes; i++)
        free(m->schemes[i]);
    free(m->schemes);
    free(m->summary);
    free(m);
}

virtManifest *virtManifestRef(virtManifest *m)
{
    __atomic_add_fetch(&m->refs, 1, __ATOMIC_RELAXED);
    return m;
}

bool virtManifestClaims(const virtManifest *m, const char *scheme)
{
    for (size_t i = 0; i < m->nschemes; i++)
        if (strcmp(m->schemes[i], scheme) == 0)
            return true;
    return false;
}
