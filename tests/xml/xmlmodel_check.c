/* xmlmodel-check KIND FILE [--validate] [--inactive] [--secure]: print
 * format(parse(FILE)) for a generated model kind, so descriptions can be
 * compared with libvirt's output by hand and by tests. Exit 1 with the
 * error code and message on stderr when the document is refused. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "xml_model.h"

static char *readAll(const char *path)
{
    FILE *f = fopen(path, "r");
    virtBuf b = { 0 };
    char chunk[4096];
    size_t n;

    if (!f)
        return NULL;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        virtBufAddLen(&b, chunk, n);
    fclose(f);
    return virtBufSteal(&b);
}

int main(int argc, char **argv)
{
    unsigned int parseFlags = 0, fmtFlags = 0;
    const virtXMLKind *k;
    virtXMLError err = { 0 };
    char *text, *out;
    void *obj;

    if (argc < 3) {
        fprintf(stderr, "usage: xmlmodel-check KIND FILE [--validate] [--inactive] [--secure]\n");
        return 2;
    }
    for (int i = 3; i < argc; i++) {
        if (strcmp(argv[i], "--validate") == 0)
            parseFlags |= VIRT_XML_VALIDATE;
        else if (strcmp(argv[i], "--inactive") == 0)
            fmtFlags |= VIRT_XML_INACTIVE;
        else if (strcmp(argv[i], "--secure") == 0)
            fmtFlags |= VIRT_XML_SECURE;
        else {
            fprintf(stderr, "xmlmodel-check: unknown option %s\n", argv[i]);
            return 2;
        }
    }
    if (!(k = virtXMLKindByName(argv[1]))) {
        fprintf(stderr, "xmlmodel-check: no generated kind '%s'\n", argv[1]);
        return 2;
    }
    if (!(text = readAll(argv[2]))) {
        fprintf(stderr, "xmlmodel-check: cannot read %s\n", argv[2]);
        return 2;
    }
    obj = virtXMLModelParse(k, text, parseFlags, &err);
    free(text);
    if (!obj) {
        fprintf(stderr, "error %d: %s\n", err.code, err.message ? err.message : "");
        virtXMLErrorClear(&err);
        return 1;
    }
    out = virtXMLModelFormat(k, obj, fmtFlags);
    fputs(out, stdout);
    free(out);
    virtXMLModelFree(k->root, obj);
    return 0;
}
