/* fuzz_model_KIND: documents of one generated XML model kind (built once
 * per kind with VIRT_FUZZ_KIND set) through the engine of core/xml/
 * xml_model.c. Whatever parses must format, parse again and format to the
 * same text: the canonical form is a fixed point. A kind built with
 * VIRT_FUZZ_SETTLE 1 (networks: libvirt drops on a second read a
 * <bandwidth> its first parse left empty) may take one more round to get
 * there. */
#include "fuzz.h"
#include "xml_model.h"

#ifndef VIRT_FUZZ_SETTLE
#define VIRT_FUZZ_SETTLE 0
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const virtXMLKind *k = virtXMLKindByName(VIRT_FUZZ_KIND);
    virtXMLError err = { 0 }, err2 = { 0 };
    unsigned int flags;
    char *text, *out, *out2;
    void *obj, *again, *copy;

    if (size < 1 || !k)
        return 0;
    /* the last byte picks validation and the view formatted (so plain
     * documents, ending in a newline, are seeds as they are) */
    flags = (data[size - 1] & 1 ? VIRT_XML_VALIDATE : 0) | (data[size - 1] & 2 ? VIRT_XML_INACTIVE : 0) |
            (data[size - 1] & 4 ? VIRT_XML_SECURE : 0);
    text = fuzzString(data, size - 1);
    obj = virtXMLModelParse(k, text, flags & VIRT_XML_VALIDATE, &err);
    free(text);
    if (!obj) {
        FUZZ_ASSERT(err.code != 0);
        virtXMLErrorClear(&err);
        return 0;
    }
    out = virtXMLModelFormat(k, obj, flags);
    again = virtXMLModelParse(k, out, 0, &err2);
    if (!again)
        fprintf(stderr, "output does not parse: %s\n%s", err2.message, out);
    FUZZ_ASSERT(again != NULL);
    out2 = virtXMLModelFormat(k, again, flags);
    if (VIRT_FUZZ_SETTLE && strcmp(out, out2) != 0) {
        /* the second output is the fixed point: start again from it */
        virtXMLModelFree(k->root, obj);
        obj = again;
        free(out);
        out = out2;
        virtXMLErrorClear(&err2);
        again = virtXMLModelParse(k, out, 0, &err2);
        FUZZ_ASSERT(again != NULL);
        out2 = virtXMLModelFormat(k, again, flags);
    }
    if (strcmp(out, out2) != 0)
        fprintf(stderr, "first:\n%s\nsecond:\n%s", out, out2);
    FUZZ_ASSERT(strcmp(out, out2) == 0);
    copy = virtXMLModelCopy(k->root, again);
    free(out2);
    out2 = virtXMLModelFormat(k, copy, flags);
    FUZZ_ASSERT(strcmp(out, out2) == 0);
    free(out);
    free(out2);
    virtXMLModelFree(k->root, obj);
    virtXMLModelFree(k->root, again);
    virtXMLModelFree(k->root, copy);
    virtXMLErrorClear(&err2);
    return 0;
}
