/* fuzz_device_xml: device documents for attach and detach (one <disk> or
 * <interface>) through the shared XML layer (core/xml/domain_conf.c):
 * what parses is formatted, parsed again (which must succeed) and
 * formatted to the same text. */
#include "fuzz.h"
#include "domain_conf.h"
#include "xml_error.h"

static char *deviceFormat(const virtDomainDeviceDef *dev)
{
    if (dev->kind == VIRT_DEVICE_DISK)
        return virtDomainDiskDefFormat(dev->disk, 0);
    FUZZ_ASSERT(dev->kind == VIRT_DEVICE_NET);
    return virtDomainNetDefFormat(dev->net, 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzzString(data, size);
    virtXMLError err = { 0 };
    virtDomainDeviceDef *dev = virtDomainDeviceDefParse(text, 0, &err);

    if (dev) {
        char *out = deviceFormat(dev);
        virtXMLError err2 = { 0 };
        virtDomainDeviceDef *again = virtDomainDeviceDefParse(out, 0, &err2);
        if (!again)
            fprintf(stderr, "formatted device refused: %s\n%s\n",
                    err2.message ? err2.message : "?", out);
        FUZZ_ASSERT(again != NULL);
        FUZZ_ASSERT(again->kind == dev->kind);
        char *out2 = deviceFormat(again);
        if (strcmp(out, out2) != 0)
            fprintf(stderr, "format not stable:\n%s\n---\n%s\n", out, out2);
        FUZZ_ASSERT(strcmp(out, out2) == 0);
        free(out2);
        virtDomainDeviceDefFree(again);
        virtXMLErrorClear(&err2);
        free(out);
    } else {
        FUZZ_ASSERT(err.message != NULL);
    }
    virtXMLErrorClear(&err);
    virtDomainDeviceDefFree(dev);
    free(text);
    return 0;
}
