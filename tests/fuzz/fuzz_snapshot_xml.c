/* fuzz_snapshot_xml: <domainsnapshot> documents as the test module reads
 * them for VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE and in node files
 * (modules/test/test_snapshot_xml.c). The first byte chooses between the
 * two (a node file's snapshot also has <active>); a snapshot read must
 * format again. */
#include "fuzz.h"
#include "fuzz_test_services.h"
#include "test_xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    bool internal = data[0] & 1, active = false;
    char *xml = fuzzString(data + 1, size - 1);
    static const unsigned char uuid[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };

    fuzzTestServices();
    virResetLastError();
    xmlDocPtr doc = testXMLRead(NULL, xml, "domainsnapshot");
    if (doc) {
        testSnapshot *s = testSnapshotRead(NULL, xmlDocGetRootElement(doc), internal, &active);
        if (s) {
            char *text = testSnapshotFormat(s, uuid);
            FUZZ_ASSERT(text && strstr(text, "<domainsnapshot>"));
            free(text);
            testTreeFreeList(s);
        } else {
            FUZZ_ASSERT(virGetLastError() != NULL);
        }
        xmlFreeDoc(doc);
    } else {
        FUZZ_ASSERT(virGetLastError() != NULL);
    }
    free(xml);
    virResetLastError();
    return 0;
}
