/* fuzz_network_xml: <network> documents through the shared XML layer
 * (core/xml/network_conf.c), with a round trip. */
#include "fuzz_xml.h"
#include "network_conf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FUZZ_XML_ROUNDTRIP(data, size, virtNetworkDef, virtNetworkDefParse,
                       virtNetworkDefFormat, virtNetworkDefCopy, virtNetworkDefFree, 0);
    return 0;
}
