/* fuzz_domain_def: <domain> documents through the generated model with
 * the defaults a driver fills in (core/xml/domain_def.c), with a round
 * trip: a definition formatted and parsed again must not change. */
/* libvirt orders disks by the bus they were given, so its own output (every
 * bus written) may come back in another order once (see fuzz_xml.h) */
#define FUZZ_XML_SETTLE 1
#include "fuzz_xml.h"
#include "domain_def.h"

static const virtDomainDriverDefaults drv = {
    .arch = "i686", .video = "cirrus", .mac_prefix = { 0x52, 0x54, 0x00 }, .ifname_prefix = "fuzz",
};

static virtDomain *parse(const char *xml, unsigned int flags, virtXMLError *err)
{
    return virtDomainModelParse(xml, flags, &drv, err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* the first byte picks live or inactive formatting */
    if (size < 1)
        return 0;
    unsigned int flags = data[0] & 1 ? VIRT_XML_INACTIVE : 0;
    FUZZ_XML_ROUNDTRIP(data + 1, size - 1, virtDomain, parse,
                       virtDomainModelFormat, virtDomainModelCopy, virtDomainModelFree, flags);
    return 0;
}
