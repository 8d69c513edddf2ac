/* fuzz_network_xml: <network> documents through the shared XML layer
 * (core/xml/network_def.c on the generated model), with a round trip. */
/* libvirt drops an empty <bandwidth> on the second read (see fuzz_xml.h) */
#define FUZZ_XML_SETTLE 1
#include "fuzz_xml.h"
#include "network_def.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FUZZ_XML_ROUNDTRIP(data, size, virtNetworkDef, virtNetworkDefParse,
                       virtNetworkDefFormat, virtNetworkDefCopy, virtNetworkDefFree, 0);
    return 0;
}
