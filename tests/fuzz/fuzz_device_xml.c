/* fuzz_device_xml: device documents for attach and detach (one <disk> or
 * <interface>) through the domain model (core/xml/domain_def.c): what
 * parses is formatted, parsed again (which must succeed) and formatted
 * to the same text. */
#include "fuzz.h"
#include "domain_def.h"
#include "xml_error.h"

static char *deviceFormat(const virtDomainModelDevice *dev)
{
    virtBuf b = { 0 };
    if (dev->disk)
        virtXMLModelFormatElem(&b, &virtXMLElem_domain_disk, NULL, dev->disk, 0, 0);
    else
        virtXMLModelFormatElem(&b, &virtXMLElem_domain_interface, NULL, dev->iface, 0, 0);
    return virtBufSteal(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzzString(data, size);
    virtXMLError err = { 0 };
    virtDomainModelDevice dev;

    if (virtDomainModelParseDevice(text, 0, &dev, &err) == 0) {
        FUZZ_ASSERT((dev.disk != NULL) != (dev.iface != NULL));
        char *out = deviceFormat(&dev);
        virtXMLError err2 = { 0 };
        virtDomainModelDevice again;
        int rc = virtDomainModelParseDevice(out, 0, &again, &err2);
        if (rc < 0)
            fprintf(stderr, "formatted device refused: %s\n%s\n",
                    err2.message ? err2.message : "?", out);
        FUZZ_ASSERT(rc == 0);
        FUZZ_ASSERT((again.disk != NULL) == (dev.disk != NULL));
        char *out2 = deviceFormat(&again);
        if (strcmp(out, out2) != 0)
            fprintf(stderr, "format not stable:\n%s\n---\n%s\n", out, out2);
        FUZZ_ASSERT(strcmp(out, out2) == 0);
        free(out2);
        virtDomainModelDeviceClear(&again);
        virtXMLErrorClear(&err2);
        free(out);
        virtDomainModelDeviceClear(&dev);
    } else {
        FUZZ_ASSERT(err.message != NULL);
    }
    virtXMLErrorClear(&err);
    free(text);
    return 0;
}
