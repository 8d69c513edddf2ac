/* fuzz_network_update: virNetworkUpdate on network definitions
 * (core/xml/network_update.c). The first five bytes choose the command,
 * the section, parentIndex, the persistent (inactive) copy or the live one
 * and one of a few networks; the rest is the fragment. A change that
 * succeeds must give a definition that writes, reads back to the same
 * text, and takes the same change again without a crash. */
#include "fuzz.h"
#include "network_def.h"

static const char *const networks[] = {
    "<network><name>default</name><forward mode='nat'/><bridge name='virbr0'/>"
    "<ip address='192.168.122.1' netmask='255.255.255.0'><dhcp>"
    "<range start='192.168.122.2' end='192.168.122.254'/>"
    "<host mac='00:11:22:33:44:55' name='a' ip='192.168.122.5'/></dhcp></ip></network>",
    "<network><name>rich</name><forward mode='bridge'><interface dev='eth0'/><interface dev='eth1'/></forward>"
    "<dns><txt name='t' value='v'/><srv service='ldap' protocol='tcp' target='h' port='389'/>"
    "<host ip='10.0.0.5'><hostname>a</hostname></host></dns>"
    "<ip family='ipv6' address='fd00::1' prefix='64'><dhcp><range start='fd00::2' end='fd00::9'/></dhcp></ip>"
    "<portgroup name='p1' default='yes'><vlan><tag id='4'/></vlan></portgroup><portgroup name='p2'/></network>",
    "<network><name>pf</name><forward mode='hostdev' managed='yes'><pf dev='eth0'/></forward></network>",
    ("<network><name>pci</name><forward mode='hostdev'>"
     "<address type='pci' domain='0' bus='1' slot='2' function='3'/></forward></network>"),
};
#define NNETWORKS (sizeof(networks) / sizeof(networks[0]))

/* The text of def read back and written again; NULL fails the run. */
static char *reread(const char *out)
{
    virtXMLError err = { 0 };
    virtNetworkDef *again = virtNetworkDefParse(out, 0, &err);
    if (!again)
        fprintf(stderr, "updated definition refused: %s\n%s\n", err.message ? err.message : "?", out);
    FUZZ_ASSERT(again != NULL);
    char *text = virtNetworkDefFormat(again, 0);
    FUZZ_ASSERT(text != NULL);
    virtNetworkDefFree(again);
    virtXMLErrorClear(&err);
    return text;
}

/* As libvirt's, the text may settle once: an update may give a <forward>
 * interfaces beside its <pf> or addresses, which a read drops, and an empty
 * <bandwidth> (rates of zero) goes on the second read. */
static void roundTrip(const virtNetworkDef *def)
{
    char *out = virtNetworkDefFormat(def, 0);
    FUZZ_ASSERT(out != NULL);
    char *out2 = reread(out);
    if (strcmp(out, out2) != 0) {
        char *out3 = reread(out2);
        FUZZ_ASSERT(strcmp(out2, out3) == 0);
        free(out3);
    }
    free(out2);
    free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static virtNetworkDef *base[NNETWORKS];

    if (!base[0]) {
        for (size_t i = 0; i < NNETWORKS; i++) {
            virtXMLError err = { 0 };
            base[i] = virtNetworkDefParse(networks[i], 0, &err);
            FUZZ_ASSERT(base[i] != NULL);
        }
    }
    if (size < 5)
        return 0;
    unsigned int command = data[0] % 6, section = data[1] % 14;
    int parentIndex = (int) (data[2] % 8) - 2;
    bool inactive = data[3] & 1;
    const virtNetworkDef *def = base[data[4] % NNETWORKS];
    char *xml = fuzzString(data + 5, size - 5);
    virtXMLError err = { 0 };

    virtNetworkDef *changed = virtNetworkDefUpdate(def, inactive, command, section, parentIndex, xml, &err);
    if (changed) {
        roundTrip(changed);
        virtXMLError err2 = { 0 };
        virtNetworkDef *twice = virtNetworkDefUpdate(changed, inactive, command, section, parentIndex, xml, &err2);
        FUZZ_ASSERT(twice != NULL || err2.message != NULL);
        virtNetworkDefFree(twice);
        virtXMLErrorClear(&err2);
        virtNetworkDefFree(changed);
    } else {
        FUZZ_ASSERT(err.message != NULL);
    }
    virtXMLErrorClear(&err);
    free(xml);
    return 0;
}
