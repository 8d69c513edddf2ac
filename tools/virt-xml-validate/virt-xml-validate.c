/* virt-xml-validate: check an XML document against a RelaxNG grammar from
 * the shell, with the options, messages and exit codes of libvirt's tool.
 *
 *   virt-xml-validate XML-FILE [SCHEMA-NAME]
 *
 * SCHEMA-NAME is a document kind (domain, network, storagepool, ... as
 * libvirt names its schemas), testnode, or the path of a .rng file; without
 * it the root element decides, as libvirt's tool does. A test driver node
 * file also has the files it refers to checked.
 *
 * Exit codes: 0 valid; 1 bad usage; 2 no such file; 3 the document is
 * invalid or its kind cannot be told; 4 no such schema. */
#include <libgen.h>
#include <libxml/relaxng.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "util.h"
#include "xml_model.h"
#include "xml_schema.h"

static void usage(FILE *out, const char *prog)
{
    fprintf(out,
            "Usage:\n"
            "  %s XML-FILE [SCHEMA-NAME]\n"
            "  %s OPTION\n"
            "\n"
            "Options:\n"
            "  -h | --help        Display program help\n"
            "  -V | --version     Display program version\n",
            prog, prog);
}

/* The kind a root element names, by the substring rules of libvirt's tool
 * (order matters: "domainsnapshot" before "domain"). */
static const char *kindForRoot(const char *root)
{
    static const struct { const char *needle, *kind; } rules[] = {
        { "cpu", "cpu" }, { "domainsnapshot", "domainsnapshot" },
        { "domaincheckpoint", "domaincheckpoint" }, { "domainbackup", "domainbackup" },
        { "domainCap", "domaincaps" }, { "domain", "domain" },
        { "networkport", "networkport" }, { "network", "network" },
        { "storagepoolCap", "storagepoolcaps" }, { "pool", "storagepool" },
        { "volume", "storagevol" }, { "capabilities", "capability" },
        { "device", "nodedev" }, { "filterbinding", "nwfilterbinding" },
        { "filter", "nwfilter" }, { "secret", "secret" }, { "interface", "interface" },
        { "node", "testnode" },
    };
    for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
        if (strstr(root, rules[i].needle))
            return rules[i].kind;
    return NULL;
}

/* The hand-kept grammar that serves a kind whose model is not generated yet. */
static const char *handSchema(const char *kind)
{
    if (strcmp(kind, "capability") == 0)
        kind = "capabilities";
    return virtXMLSchemaText(kind) ? kind : NULL;
}

static void quiet(void *data, xmlErrorPtr error)
{
    (void) data;
    (void) error;
}

/* First problem reported while validating against a schema file. */
static void keepFirst(void *data, xmlErrorPtr error)
{
    char **msg = data;
    if (*msg || !error || !error->message)
        return;
    *msg = virtAsprintf("element '%s' at line %d: %s",
                        error->node ? (const char *) ((xmlNodePtr) error->node)->name : "?",
                        error->node ? (int) xmlGetLineNo((xmlNodePtr) error->node) : error->line,
                        error->message);
    size_t n = strlen(*msg);
    while (n && (*msg)[n - 1] == '\n')
        (*msg)[--n] = '\0';
}

static int validateWithFile(xmlDocPtr doc, const char *rngPath, char **problem)
{
    xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewParserCtxt(rngPath);
    xmlRelaxNGPtr rng = NULL;
    xmlRelaxNGValidCtxtPtr vc = NULL;
    int ret = -1;

    if (!pc)
        goto cleanup;
    xmlRelaxNGSetParserStructuredErrors(pc, quiet, NULL);
    if (!(rng = xmlRelaxNGParse(pc))) {
        *problem = virtAsprintf("cannot load the schema '%s'", rngPath);
        goto cleanup;
    }
    if (!(vc = xmlRelaxNGNewValidCtxt(rng)))
        goto cleanup;
    xmlRelaxNGSetValidStructuredErrors(vc, keepFirst, problem);
    if (xmlRelaxNGValidateDoc(vc, doc) == 0)
        ret = 0;
    else if (!*problem)
        *problem = virtStrdup("does not match the schema");

 cleanup:
    xmlRelaxNGFreeValidCtxt(vc);
    xmlRelaxNGFree(rng);
    xmlRelaxNGFreeParserCtxt(pc);
    return ret;
}

static int validateFile(const char *prog, const char *path, const char *schema, int depth);

/* A node file names other files for its domains and networks; they are
 * read relative to the node file, as the test driver does. */
static int validateReferences(const char *prog, xmlDocPtr doc, const char *path, int depth)
{
    char *copy = virtStrdup(path);
    const char *dir = dirname(copy);
    int ret = 0;

    for (xmlNodePtr c = xmlDocGetRootElement(doc)->children; c; c = c->next) {
        xmlChar *file;
        /* Only kinds with a grammar (generated or hand-kept) can be
         * checked; the driver checks the others. */
        if (c->type != XML_ELEMENT_NODE || !kindForRoot((const char *) c->name) ||
            (!virtXMLKindByName(kindForRoot((const char *) c->name)) &&
             !handSchema(kindForRoot((const char *) c->name))) ||
            !(file = xmlGetNoNsProp(c, BAD_CAST "file")))
            continue;
        char *ref = file[0] == '/' ? virtStrdup((const char *) file)
                                   : virtAsprintf("%s/%s", dir, (const char *) file);
        if (validateFile(prog, ref, kindForRoot((const char *) c->name), depth + 1) != 0)
            ret = -1;
        free(ref);
        xmlFree(file);
    }
    free(copy);
    return ret;
}

/* 0 valid, 3 invalid or of unknown kind, 4 no such schema. */
static int validateFile(const char *prog, const char *path, const char *schema, int depth)
{
    virtXMLError err = { 0 };
    char *problem = NULL;
    xmlDocPtr doc = virtXMLParseFile(path, &err);
    const virtXMLKind *k;
    int ret = 3;

    if (!doc && !schema) {
        fprintf(stderr, "%s: cannot determine schema type for %s\n", prog, path);
        goto cleanup;
    }
    if (!schema && !(schema = kindForRoot((const char *) xmlDocGetRootElement(doc)->name))) {
        fprintf(stderr, "%s: cannot determine schema type for %s\n", prog, path);
        goto cleanup;
    }
    if (strcmp(schema, "node") == 0)
        schema = "testnode";
    k = virtXMLKindByName(schema);
    if (!k && !handSchema(schema) && !strstr(schema, ".rng")) {
        fprintf(stderr, "%s: schema %s/%s.rng does not exist\n", prog, VIRT_SCHEMA_DIR_DEFAULT, schema);
        ret = 4;
        goto cleanup;
    }
    if (!doc) {
        fprintf(stderr, "%s: %s\n", path, err.message ? err.message : "cannot parse");
    } else if (k) {
        if (virtXMLValidateKind(doc, k, &err) < 0)
            fprintf(stderr, "%s\n", err.message);
        else
            ret = 0;
    } else if (handSchema(schema)) {
        if (virtXMLValidate(doc, handSchema(schema), &err) < 0)
            fprintf(stderr, "%s\n", err.message);
        else
            ret = 0;
    } else if (validateWithFile(doc, schema, &problem) < 0) {
        fprintf(stderr, "%s\n", problem ? problem : "error");
    } else {
        ret = 0;
    }
    if (ret == 0 && strcmp(schema, "testnode") == 0 && depth < 2 && validateReferences(prog, doc, path, depth) < 0)
        ret = 3;
    if (ret == 0)
        printf("%s validates\n", path);
    else
        fprintf(stderr, "%s fails to validate\n", path);

 cleanup:
    free(problem);
    virtXMLErrorClear(&err);
    xmlFreeDoc(doc);
    return ret;
}

int main(int argc, char **argv)
{
    int i = 1, rc;

    if (i < argc && (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)) {
        usage(stdout, argv[0]);
        return 0;
    }
    if (i < argc && (strcmp(argv[i], "-V") == 0 || strcmp(argv[i], "--version") == 0)) {
        printf("%s (libvirt) %s\n", argv[0], VIRT_API_VERSION_STRING);
        return 0;
    }
    if (i < argc && strcmp(argv[i], "--") == 0) {
        i++;
    } else if (i < argc && argv[i][0] == '-' && argv[i][1]) {
        fprintf(stderr, "%s: unrecognized option '%s'\n", argv[0], argv[i]);
        usage(stderr, argv[0]);
        return 1;
    }
    if (i >= argc) {
        fprintf(stderr, "syntax: %s XMLFILE [TYPE]\n", argv[0]);
        return 1;
    }
    if (access(argv[i], F_OK) != 0) {
        fprintf(stderr, "%s: document %s does not exist\n", argv[0], argv[i]);
        return 2;
    }
    rc = validateFile(argv[0], argv[i], i + 1 < argc ? argv[i + 1] : NULL, 0);
    xmlCleanupParser();
    return rc;
}
