/* fuzz_xml.h: the round trip shared by the XML targets: parse, format,
 * parse the output again (which must succeed) and format that (which must
 * give the same text), then copy and free. */
#ifndef VIRT_FUZZ_XML_H
#define VIRT_FUZZ_XML_H

#include "fuzz.h"
#include "xml_error.h"

/* A kind whose libvirt output may change when read again (a network's
 * <bandwidth> whose rates were all zero is dropped; a domain's disks are
 * reordered once their buses are written) defines FUZZ_XML_SETTLE 1: the
 * second output may differ from the first, but a third must equal the
 * second. */
#ifndef FUZZ_XML_SETTLE
#define FUZZ_XML_SETTLE 0
#endif

#define FUZZ_XML_ROUNDTRIP(data, size, Type, parse, format, copy, freefn, flags) \
    do { \
        char *text_ = fuzzString((data), (size)); \
        virtXMLError err_ = { 0 }; \
        Type *def_ = parse(text_, 0, &err_); \
        if (def_) { \
            char *out_ = format(def_, (flags)); \
            FUZZ_ASSERT(out_ != NULL); \
            virtXMLError err2_ = { 0 }; \
            Type *again_ = parse(out_, 0, &err2_); \
            if (!again_) \
                fprintf(stderr, "formatted output refused: %s\n%s\n", \
                        err2_.message ? err2_.message : "?", out_); \
            FUZZ_ASSERT(again_ != NULL); \
            char *out2_ = format(again_, (flags)); \
            if (FUZZ_XML_SETTLE && strcmp(out_, out2_) != 0) { \
                virtXMLError err3_ = { 0 }; \
                Type *third_ = parse(out2_, 0, &err3_); \
                FUZZ_ASSERT(third_ != NULL); \
                char *out4_ = format(third_, (flags)); \
                FUZZ_ASSERT(strcmp(out2_, out4_) == 0); \
                free(out4_); \
                freefn(third_); \
                virtXMLErrorClear(&err3_); \
                free(out2_); \
                out2_ = format(def_, (flags)); \
            } \
            if (strcmp(out_, out2_) != 0) \
                fprintf(stderr, "format not stable:\n%s\n---\n%s\n", out_, out2_); \
            FUZZ_ASSERT(strcmp(out_, out2_) == 0); \
            Type *copy_ = copy(def_); \
            char *out3_ = format(copy_, (flags)); \
            FUZZ_ASSERT(strcmp(out_, out3_) == 0); \
            free(out3_); \
            freefn(copy_); \
            free(out2_); \
            freefn(again_); \
            virtXMLErrorClear(&err2_); \
            free(out_); \
        } else { \
            FUZZ_ASSERT(err_.message != NULL); \
        } \
        virtXMLErrorClear(&err_); \
        freefn(def_); \
        free(text_); \
    } while (0)

#endif /* VIRT_FUZZ_XML_H */
