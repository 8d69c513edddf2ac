/* fuzz_domain_xml: <domain> documents through the shared XML layer
 * (core/xml/domain_conf.c, domain_format.c), with a round trip. */
#include "fuzz_xml.h"
#include "domain_conf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* the first byte picks live or inactive formatting */
    if (size < 1)
        return 0;
    unsigned int flags = data[0] & 1 ? VIRT_DOMAIN_FORMAT_INACTIVE : 0;
    FUZZ_XML_ROUNDTRIP(data + 1, size - 1, virtDomainDef, virtDomainDefParse,
                       virtDomainDefFormat, virtDomainDefCopy, virtDomainDefFree, flags);
    return 0;
}
