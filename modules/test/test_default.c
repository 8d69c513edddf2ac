/* test_default.c: the built-in host behind test:///default: one running
 * domain "test" and one active network "default", as libvirt has them. */
#include <stdlib.h>
#include <string.h>

#include "test_driver.h"
#include "util.h"

static const char defaultDomainXML[] =
    "<domain type='test'>\n"
    "  <name>test</name>\n"
    "  <uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>\n"
    "  <memory unit='KiB'>8388608</memory>\n"
    "  <currentMemory unit='KiB'>2097152</currentMemory>\n"
    "  <vcpu placement='static'>2</vcpu>\n"
    "  <os>\n"
    "    <type arch='i686'>hvm</type>\n"
    "    <boot dev='hd'/>\n"
    "  </os>\n"
    "  <clock offset='utc'/>\n"
    "  <on_poweroff>destroy</on_poweroff>\n"
    "  <on_reboot>restart</on_reboot>\n"
    "  <on_crash>destroy</on_crash>\n"
    "  <devices>\n"
    "    <disk type='file' device='disk'>\n"
    "      <source file='/guest/diskimage1'/>\n"
    "      <target dev='vda' bus='virtio'/>\n"
    "      <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>\n"
    "    </disk>\n"
    "    <interface type='network'>\n"
    "      <mac address='aa:bb:cc:dd:ee:ff'/>\n"
    "      <source network='default'/>\n"
    "      <target dev='testnet0'/>\n"
    "      <address type='pci' domain='0x0000' bus='0x00' slot='0x1' function='0x0'/>\n"
    "    </interface>\n"
    "    <memballoon model='virtio'>\n"
    "      <address type='pci' domain='0x0000' bus='0x00' slot='0x2' function='0x0'/>\n"
    "    </memballoon>\n"
    "  </devices>\n"
    "</domain>\n";

static const char defaultNetworkXML[] =
    "<network>\n"
    "  <name>default</name>\n"
    "  <uuid>dd8fe884-6c02-601e-7551-cca97df1c5df</uuid>\n"
    "  <forward mode='nat'/>\n"
    "  <bridge name='virbr0' stp='on' delay='0'/>\n"
    "  <ip address='192.168.122.1' netmask='255.255.255.0'>\n"
    "    <dhcp>\n"
    "      <range start='192.168.122.2' end='192.168.122.254'/>\n"
    "    </dhcp>\n"
    "  </ip>\n"
    "</network>\n";

static const testNodeInfo defaultNode = {
    .model = "i686",
    .memory = 3145728,
    .cpus = 16,
    .mhz = 1400,
    .nodes = 2,
    .sockets = 2,
    .cores = 2,
    .threads = 2,
    .cells = 2,
};

testState *testDefaultStateNew(void)
{
    virtXMLError err = { 0 };
    testState *st = testStateNew();
    st->is_default = true;
    st->node = defaultNode;

    virtDomain *ddef = virtDomainModelParse(defaultDomainXML, 0, &testDomainDefaults, &err);
    if (ddef) {
        testDomain *dom = testDomainNewObj(ddef, &st->node);
        dom->persistent = true;
        testStateAddDomain(st, dom);
        /* libvirt reports the built-in domain's running reason as unknown */
        testDomainStart(st, dom, VIR_DOMAIN_RUNNING_UNKNOWN);
    }
    virtXMLErrorClear(&err);

    virtNetworkDef *ndef = virtNetworkDefParse(defaultNetworkXML, 0, &err);
    if (ndef) {
        testNetwork *net = virtAlloc(sizeof(*net));
        net->def = ndef;
        net->active = true;
        net->persistent = true;
        testStateAddNetwork(st, net);
    }
    virtXMLErrorClear(&err);
    testStorageAddDefault(st);
    testIfaceAddDefault(st);
    testNodeDevAddDefault(st);
    return st;
}
