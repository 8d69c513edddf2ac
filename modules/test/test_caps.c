/* test_caps.c: the capabilities document of a test host, in the format
 * of the seeds: the host cpu, then one <guest> per supported OS type. */
#include <stdlib.h>

#include "test_driver.h"
#include "util.h"

static void addGuest(virtBuf *b, const char *osType)
{
    virtBufPrintf(b,
                  "  <guest>\n"
                  "    <os_type>%s</os_type>\n"
                  "    <arch name='i686'>\n"
                  "      <wordsize>32</wordsize>\n"
                  "      <emulator>/usr/bin/test-hv</emulator>\n"
                  "      <domain type='test'/>\n"
                  "    </arch>\n"
                  "    <features>\n"
                  "      <pae/>\n"
                  "      <nonpae/>\n"
                  "    </features>\n"
                  "  </guest>\n"
                  "\n", osType);
}

char *testCapabilitiesFormat(const testNodeInfo *node)
{
    virtBuf b = { 0 };
    virtBufAdd(&b,
               "<capabilities>\n"
               "\n"
               "  <host>\n"
               "    <cpu>\n"
               "      <arch>i686</arch>\n"
               "      <features>\n"
               "        <pae/>\n"
               "        <nonpae/>\n"
               "      </features>\n"
               "    </cpu>\n"
               "  </host>\n"
               "\n");
    addGuest(&b, "hvm");
    addGuest(&b, "xen");
    virtBufAdd(&b, "</capabilities>\n");
    return virtBufSteal(&b);
}
