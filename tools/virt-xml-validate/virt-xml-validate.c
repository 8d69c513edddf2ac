/* virt-xml-validate: check an XML document against one of our RelaxNG
 * schemas from the shell.
 *
 *   virt-xml-validate FILE [SCHEMA]
 *
 * SCHEMA is a schema name (domain, network, capabilities, testnode) or
 * the path of a .rng file; without it the root element decides. A test
 * driver node file also has the files it refers to checked. */
#include <libgen.h>
#include <libxml/relaxng.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "xml_schema.h"

static void usage(FILE *out, const char *prog)
{
    fprintf(out,
            "Usage: %s FILE [SCHEMA]\n"
            "\n"
            "Validate FILE against SCHEMA: one of domain, network, capabilities,\n"
            "testnode, or the path of a RelaxNG (.rng) file. Without SCHEMA the\n"
            "root element of FILE chooses it (<node> means testnode).\n",
            prog);
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

static int validateFile(const char *path, const char *schema, int depth);

/* A node file names other files for its domains and networks; they are
 * read relative to the node file, as the test driver does. */
static int validateReferences(xmlDocPtr doc, const char *path, int depth)
{
    char *copy = virtStrdup(path);
    const char *dir = dirname(copy);
    int ret = 0;

    for (xmlNodePtr c = xmlDocGetRootElement(doc)->children; c; c = c->next) {
        xmlChar *file;
        /* Only kinds with a schema of their own (domain, network) can be
         * checked; the driver checks the others (pool, interface, device). */
        if (c->type != XML_ELEMENT_NODE || !virtXMLSchemaText((const char *) c->name) ||
            !(file = xmlGetNoNsProp(c, BAD_CAST "file")))
            continue;
        char *ref = file[0] == '/' ? virtStrdup((const char *) file)
                                   : virtAsprintf("%s/%s", dir, (const char *) file);
        if (validateFile(ref, (const char *) c->name, depth + 1) < 0)
            ret = -1;
        free(ref);
        xmlFree(file);
    }
    free(copy);
    return ret;
}

static int validateFile(const char *path, const char *schema, int depth)
{
    virtXMLError err = { 0 };
    char *problem = NULL;
    xmlDocPtr doc = virtXMLParseFile(path, &err);
    int ret = -1;

    if (!doc) {
        fprintf(stderr, "%s: %s\n", path, err.message ? err.message : "cannot parse");
        goto cleanup;
    }
    if (!schema) {
        schema = virtXMLSchemaForRoot((const char *) xmlDocGetRootElement(doc)->name);
        if (!schema) {
            fprintf(stderr, "%s: cannot tell the schema from the root element '%s'; name one\n",
                    path, (const char *) xmlDocGetRootElement(doc)->name);
            goto cleanup;
        }
    }
    if (virtXMLSchemaText(schema)) {
        if (virtXMLValidate(doc, schema, &err) < 0) {
            fprintf(stderr, "%s fails to validate: %s\n", path, err.message);
            goto cleanup;
        }
    } else if (validateWithFile(doc, schema, &problem) < 0) {
        fprintf(stderr, "%s fails to validate: %s\n", path, problem ? problem : "error");
        goto cleanup;
    }
    if (strcmp(schema, "testnode") == 0 && depth < 2 && validateReferences(doc, path, depth) < 0)
        goto cleanup;
    printf("%s validates\n", path);
    ret = 0;

 cleanup:
    free(problem);
    virtXMLErrorClear(&err);
    xmlFreeDoc(doc);
    return ret;
}

int main(int argc, char **argv)
{
    const char *schema;

    if (argc == 2 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
        usage(stdout, argv[0]);
        return 0;
    }
    if (argc < 2 || argc > 3) {
        usage(stderr, argv[0]);
        return 2;
    }
    schema = argc == 3 ? argv[2] : NULL;
    if (schema && !virtXMLSchemaText(schema) && strcmp(schema, "node") == 0)
        schema = "testnode";
    if (schema && !virtXMLSchemaText(schema) && !strchr(schema, '/') && !strstr(schema, ".rng")) {
        fprintf(stderr, "%s: unknown schema '%s' (domain, network, capabilities, testnode or a .rng file)\n",
                argv[0], schema);
        return 2;
    }
    int rc = validateFile(argv[1], schema, 0);
    xmlCleanupParser();
    return rc == 0 ? 0 : 1;
}
