/* test_xml_errors: what the XML layer refuses and how it says so
 * (malformed text, schema violations naming element and line, bad UUIDs
 * and MACs), plus the defaults and flags callers rely on. */
#include <libvirt/virterror.h>
#include <libxml/parser.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "util.h"
#include "domain_conf.h"
#include "xml_schema.h"

static const char *dataDir;
/* VIRT_XML_VALIDATE for the tests of what the grammar refuses: without it,
 * as in libvirt, content the parser does not know is ignored. */
static unsigned int parseFlags;

#define DOMAIN_HEAD "<domain type='kvm'>\n  <name>t</name>\n  <memory>1024</memory>\n" \
                    "  <os>\n    <type>hvm</type>\n  </os>\n"

/* Show a message as TAP comments, one line each (parser reports span
 * three lines). */
static void printMessage(const char *msg)
{
    const char *p = msg ? msg : "";
    printf("#   message: ");
    for (; *p; p++) {
        putchar(*p);
        if (*p == '\n')
            printf("#            ");
    }
    putchar('\n');
}

/* Parse xml as a domain, expect failure with code and every needle in
 * the message. */
static void expectDomainError(const char *xml, int code, const char *n1, const char *n2)
{
    virtXMLError err = { 0 };
    virtDomainDef *def = virtDomainDefParse(xml, parseFlags, &err);

    CHECK(def == NULL);
    if (parseFlags && code == VIR_ERR_XML_ERROR)
        code = VIR_ERR_XML_INVALID_SCHEMA;
    CHECK(err.code == code);
    CHECK(err.message != NULL);
    if (err.message) {
        printMessage(err.message);
        if (n1)
            CHECK(strstr(err.message, n1) != NULL);
        if (n2)
            CHECK(strstr(err.message, n2) != NULL);
    }
    virtDomainDefFree(def);
    virtXMLErrorClear(&err);
    CHECK(err.message == NULL && err.code == 0);
}

static void test_malformed(void)
{
    /* libvirt's parser report: "(domain_definition):LINE: ...", the line, a pointer */
    expectDomainError("<domain type='kvm'>\n  <name>x</nam>\n</domain>", VIR_ERR_XML_DETAIL,
                      "(domain_definition):2: ", "^");
    expectDomainError("", VIR_ERR_XML_DETAIL, "(domain_definition):1: Document is empty", "(null)");
    expectDomainError("just text", VIR_ERR_XML_DETAIL, "(domain_definition):1: ", "^");
    expectDomainError(DOMAIN_HEAD "</domain", VIR_ERR_XML_DETAIL, "(domain_definition)", NULL);
}

static void test_null_input(void)
{
    virtXMLError err = { 0 };
    CHECK(virtDomainDefParse(NULL, 0, &err) == NULL);
    CHECK(err.code == VIR_ERR_INVALID_ARG);
    virtXMLErrorClear(&err);
    /* No error record at all is allowed too. */
    CHECK(virtDomainDefParse("<domain", 0, NULL) == NULL);
}

/* Without VIRT_XML_VALIDATE, what the parser does not know is dropped. */
static void test_unknown_ignored(void)
{
    virtXMLError err = { 0 };
    virtDomainDef *def = virtDomainDefParse(DOMAIN_HEAD "  <bogus/>\n  <devices>\n    <disk type='file' color='red'>\n"
                                            "      <target dev='hda'/>\n      <sparkles/>\n    </disk>\n"
                                            "  </devices>\n</domain>\n", 0, &err);
    char *out = def ? virtDomainDefFormat(def, VIRT_DOMAIN_FORMAT_INACTIVE) : NULL;

    CHECK(def != NULL);
    CHECK(out && !strstr(out, "bogus") && !strstr(out, "sparkles") && !strstr(out, "color"));
    CHECK(out && strstr(out, "<target dev='hda'"));
    free(out);
    virtDomainDefFree(def);
    virtXMLErrorClear(&err);
}

static void test_unknown_element(void)
{
    /* Line 7: the error names the element and where it is. */
    expectDomainError(DOMAIN_HEAD "  <bogus/>\n</domain>\n", VIR_ERR_XML_ERROR, "'bogus'", "line 7");
    expectDomainError(DOMAIN_HEAD "  <devices>\n    <disk type='file'>\n      <target dev='hda'/>\n"
                      "      <sparkles/>\n    </disk>\n  </devices>\n</domain>\n",
                      VIR_ERR_XML_ERROR, "'sparkles'", "line 10");
    expectDomainError(DOMAIN_HEAD "  <features>\n    <warp/>\n  </features>\n</domain>\n",
                      VIR_ERR_XML_ERROR, "'warp'", "line 8");
}

static void test_schema_violations(void)
{
    /* Missing mandatory parts. */
    /* with VALIDATE the grammar refuses a missing name (as libvirt does),
     * without it the parser (test_wrong_root) */
    expectDomainError("<domain type='kvm'>\n  <memory>1</memory>\n  <os><type>hvm</type></os>\n</domain>",
                      VIR_ERR_XML_ERROR, "", NULL);
    /* Unknown attribute, bad attribute values. */
    expectDomainError(DOMAIN_HEAD "  <devices>\n    <disk type='file' color='red'>\n      <target dev='hda'/>\n"
                      "    </disk>\n  </devices>\n</domain>\n", VIR_ERR_XML_ERROR, "'disk'", "line 8");
    expectDomainError(DOMAIN_HEAD "  <on_crash>explode</on_crash>\n</domain>\n", VIR_ERR_XML_ERROR, "'on_crash'", "line 7");
    expectDomainError("<domain type='warpdrive'>\n  <name>t</name>\n</domain>\n", VIR_ERR_XML_ERROR, "'domain'", "line 1");
    expectDomainError(DOMAIN_HEAD "  <vcpu>0</vcpu>\n</domain>\n", VIR_ERR_XML_ERROR, "'vcpu'", "line 7");
    expectDomainError(DOMAIN_HEAD "  <devices>\n    <graphics type='vnc' port='70000'/>\n  </devices>\n</domain>\n",
                      VIR_ERR_XML_ERROR, "'graphics'", "line 8");
    /* A device alias needs a name made of letters, digits, '_', '-', '.'. */
    expectDomainError(DOMAIN_HEAD "  <devices>\n    <interface type='user'>\n      <alias/>\n"
                      "    </interface>\n  </devices>\n</domain>\n", VIR_ERR_XML_ERROR, "'alias' at line 9", NULL);
    expectDomainError(DOMAIN_HEAD "  <devices>\n    <disk type='file'>\n      <target dev='vda'/>\n"
                      "      <alias name='two words'/>\n    </disk>\n  </devices>\n</domain>\n",
                      VIR_ERR_XML_ERROR, "'alias' at line 10", "two words");
}

/* network, bridge and direct interfaces name their host side in <source>
 * (libvirt checks it whether or not the grammar is asked for). */
static void test_interface_source(void)
{
    static const char *const types[][2] = { { "network", "network" }, { "bridge", "bridge" }, { "direct", "dev" } };
    char xml[512], want[128];

    for (size_t i = 0; i < 3; i++) {
        snprintf(xml, sizeof(xml), DOMAIN_HEAD "  <devices>\n    <interface type='%s'/>\n  </devices>\n</domain>\n",
                 types[i][0]);
        snprintf(want, sizeof(want), "interface type='%s' requires a 'source' element", types[i][0]);
        expectDomainError(xml, VIR_ERR_XML_ERROR, want, NULL);
        snprintf(xml, sizeof(xml), DOMAIN_HEAD "  <devices>\n    <interface type='%s'><source/></interface>\n"
                 "  </devices>\n</domain>\n", types[i][0]);
        snprintf(want, sizeof(want), "Missing required attribute '%s' in element 'source'", types[i][1]);
        expectDomainError(xml, VIR_ERR_XML_ERROR, want, NULL);
    }
}

static void test_wrong_root(void)
{
    expectDomainError("<domain type='kvm'>\n  <memory>1</memory>\n  <os><type>hvm</type></os>\n</domain>",
                      VIR_ERR_NO_NAME, "", NULL);   /* libvirt's missing name, no text of its own */
    expectDomainError("<network><name>n</name></network>", VIR_ERR_XML_ERROR,
                      "expecting root element of 'domain', not 'network'", NULL);
}

static void test_bad_uuid(void)
{
    /* libvirt 9.0: VIR_ERR_INTERNAL_ERROR "malformed uuid element", no value or line */
    expectDomainError(DOMAIN_HEAD "  <uuid>4dea22b3-1d52-d8f3-2516-782e98ab3fa</uuid>\n</domain>\n",
                      VIR_ERR_INTERNAL_ERROR, "malformed uuid element", NULL);
    expectDomainError(DOMAIN_HEAD "  <uuid>not-a-uuid</uuid>\n</domain>\n", VIR_ERR_INTERNAL_ERROR,
                      "malformed uuid element", NULL);
    expectDomainError(DOMAIN_HEAD "  <uuid>4dea22b31d52d8f32516782e98ab3fg0</uuid>\n</domain>\n",
                      VIR_ERR_INTERNAL_ERROR, "malformed uuid element", NULL);
}

static void test_bad_mac(void)
{
    /* The seed's own typo, a short address, bad digits. */
    expectDomainError(DOMAIN_HEAD "  <devices>\n    <interface type='user'>\n"
                      "      <mac address='11:22:33:44:55:66:'/>\n    </interface>\n  </devices>\n</domain>\n",
                      VIR_ERR_XML_ERROR, "unable to parse mac address '11:22:33:44:55:66:'", NULL);
    expectDomainError(DOMAIN_HEAD "  <devices>\n    <interface type='user'>\n"
                      "      <mac address='11:22:33:44:55'/>\n    </interface>\n  </devices>\n</domain>\n",
                      VIR_ERR_XML_ERROR, "unable to parse mac address '11:22:33:44:55'", NULL);
    expectDomainError(DOMAIN_HEAD "  <devices>\n    <interface type='user'>\n"
                      "      <mac address='zz:22:33:44:55:66'/>\n    </interface>\n  </devices>\n</domain>\n",
                      VIR_ERR_XML_ERROR, "unable to parse mac address 'zz:22:33:44:55:66'", NULL);
    /* a multicast address is no interface's */
    expectDomainError(DOMAIN_HEAD "  <devices>\n    <interface type='user'>\n"
                      "      <mac address='11:22:33:44:55:66'/>\n    </interface>\n  </devices>\n</domain>\n",
                      VIR_ERR_XML_ERROR, "expected unicast mac address, found multicast '11:22:33:44:55:66'", NULL);
    CHECK(virtMACAddrValidate("aa:bb:cc:dd:ee:ff") == 0);
    CHECK(virtMACAddrValidate("AA:BB:CC:DD:EE:FF") == 0);
    CHECK(virtMACAddrValidate("aa:bb:cc:dd:ee") < 0);
    CHECK(virtMACAddrValidate("aa-bb-cc-dd-ee-ff") < 0);
    CHECK(virtMACAddrValidate(NULL) < 0);
}

static void test_uuid_generated(void)
{
    virtXMLError err = { 0 };
    virtDomainDef *a = virtDomainDefParse(DOMAIN_HEAD "</domain>", 0, &err);
    virtDomainDef *b = virtDomainDefParse(DOMAIN_HEAD "</domain>", 0, &err);
    static const unsigned char zero[16];

    CHECK(a && b);
    if (a && b) {
        CHECK(a->has_uuid == 0 && b->has_uuid == 0);
        CHECK(memcmp(a->uuid, zero, 16) != 0);
        CHECK(memcmp(a->uuid, b->uuid, 16) != 0);
        /* Defaults. */
        CHECK(a->id == -1);
        CHECK(a->vcpus == 1);
        CHECK(a->memory == 1024 && a->current_memory == 1024);
        CHECK_STR(a->type, "kvm");
        CHECK_STR(a->os_type, "hvm");
        CHECK(a->on_crash == NULL);
    }
    virtDomainDefFree(a);
    virtDomainDefFree(b);
    virtXMLErrorClear(&err);
}

static void test_uuid_spellings(void)
{
    virtXMLError err = { 0 };
    virtDomainDef *a = virtDomainDefParse(DOMAIN_HEAD "  <uuid>4dea22b31d52d8f32516782e98ab3fa0</uuid>\n</domain>", 0, &err);
    virtDomainDef *b = virtDomainDefParse(DOMAIN_HEAD "  <uuid>4DEA22B3-1D52-D8F3-2516-782E98AB3FA0</uuid>\n</domain>", 0, &err);

    CHECK(a && b);
    if (a && b) {
        CHECK(a->has_uuid && b->has_uuid);
        CHECK(memcmp(a->uuid, b->uuid, 16) == 0);
        CHECK(a->uuid[0] == 0x4d && a->uuid[15] == 0xa0);
    }
    virtDomainDefFree(a);
    virtDomainDefFree(b);
    virtXMLErrorClear(&err);
}

static void test_memory_units(void)
{
    virtXMLError err = { 0 };
    virtDomainDef *d = virtDomainDefParse("<domain type='test'><name>m</name><memory unit='GiB'>2</memory>"
                                          "<currentMemory unit='bytes'>1025</currentMemory>"
                                          "<os><type>hvm</type></os></domain>", 0, &err);
    CHECK(d != NULL);
    if (d) {
        CHECK(d->memory == 2097152ULL);
        CHECK(d->current_memory == 2);   /* rounded up to whole KiB */
    }
    virtDomainDefFree(d);
    /* More current than maximum is trimmed to the maximum. */
    d = virtDomainDefParse("<domain type='test'><name>m</name><memory>100</memory>"
                           "<currentMemory>200</currentMemory><os><type>hvm</type></os></domain>", 0, &err);
    CHECK(d && d->current_memory == 100);
    virtDomainDefFree(d);
    expectDomainError("<domain type='test'><name>m</name><memory unit='TiB'>18446744073709551615</memory>"
                      "<os><type>hvm</type></os></domain>", VIR_ERR_OVERFLOW,
                      "value too large: 18446744073709551615TiB", NULL);   /* libvirt 9.0's words */
    virtXMLErrorClear(&err);
}

static void test_format_inactive(void)
{
    virtXMLError err = { 0 };
    virtDomainDef *d = virtDomainDefParse("<domain type='xen' id='12'><name>x</name><memory>1</memory>"
                                          "<os><type>linux</type></os></domain>", 0, &err);
    char *active = d ? virtDomainDefFormat(d, 0) : NULL;
    char *inactive = d ? virtDomainDefFormat(d, VIRT_DOMAIN_FORMAT_INACTIVE) : NULL;

    CHECK(d && d->id == 12);
    CHECK(active && strncmp(active, "<domain type='xen' id='12'>\n", 28) == 0);
    CHECK(inactive && strncmp(inactive, "<domain type='xen'>\n", 20) == 0);
    if (d) {
        d->id = -1;
        free(active);
        active = virtDomainDefFormat(d, 0);
        CHECK(active && strncmp(active, "<domain type='xen'>\n", 20) == 0);
    }
    free(active);
    free(inactive);
    virtDomainDefFree(d);
    virtXMLErrorClear(&err);
}

/* Device aliases are live state: shown in the live XML, never in the
 * inactive one; the helpers find and drop them. */
static void test_aliases(void)
{
    virtXMLError err = { 0 };
    virtDomainDef *d = virtDomainDefParse(DOMAIN_HEAD "  <devices>\n"
                                          "    <disk type='file'><target dev='vda'/><alias name='vda'/></disk>\n"
                                          "    <interface type='user'><alias name='net0'/></interface>\n"
                                          "    <interface type='user'/>\n"
                                          "  </devices>\n</domain>\n", 0, &err);
    char *active = d ? virtDomainDefFormat(d, 0) : NULL;
    char *inactive = d ? virtDomainDefFormat(d, VIRT_DOMAIN_FORMAT_INACTIVE) : NULL;

    CHECK(d != NULL);
    if (!d) {
        printf("#   %s\n", err.message ? err.message : "?");
        goto cleanup;
    }
    CHECK_STR(d->disks[0]->alias, "vda");
    CHECK_STR(d->nets[0]->alias, "net0");
    CHECK(d->nets[1]->alias == NULL);
    CHECK(active && strstr(active, "      <target dev='vda'/>\n      <alias name='vda'/>\n    </disk>"));
    CHECK(active && strstr(active, "<interface type='user'>\n      <alias name='net0'/>\n    </interface>"));
    CHECK(active && strstr(active, "<interface type='user'/>"));
    CHECK(inactive && !strstr(inactive, "<alias"));
    CHECK(inactive && strstr(inactive, "<interface type='user'/>"));
    CHECK(virtDomainDefAliasInUse(d, "vda") == 1);
    CHECK(virtDomainDefAliasInUse(d, "net0") == 1);
    CHECK(virtDomainDefAliasInUse(d, "net1") == 0);
    CHECK(virtDomainDefAliasInUse(d, NULL) == 0);
    virtDomainDefClearAliases(d);
    CHECK(d->disks[0]->alias == NULL && d->nets[0]->alias == NULL);
    CHECK(virtDomainDefAliasInUse(d, "vda") == 0);
    free(active);
    active = virtDomainDefFormat(d, 0);
    CHECK(active && !strstr(active, "<alias"));

 cleanup:
    free(active);
    free(inactive);
    virtDomainDefFree(d);
    virtXMLErrorClear(&err);
}

/* PCI addresses: kept as written in both the live and the inactive XML
 * (only aliases are live state); numbers out of range refused naming the
 * attribute and line; the helpers read and write them. */
static void test_pci_addresses(void)
{
    virtXMLError err = { 0 };
    virtDomainDef *d = virtDomainDefParse(DOMAIN_HEAD "  <devices>\n"
                                          "    <disk type='file'><target dev='vda' bus='virtio'/><alias name='vda'/>"
                                          "<address type='pci' domain='0x0000' bus='0x00' slot='0x1f' function='0x7'/></disk>\n"
                                          "    <interface type='user'><address type='pci' slot='9'/></interface>\n"
                                          "    <interface type='user'><address type='pci'/></interface>\n"
                                          "  </devices>\n</domain>\n", 0, &err);
    char *inactive = d ? virtDomainDefFormat(d, VIRT_DOMAIN_FORMAT_INACTIVE) : NULL;
    virtDomainPCIAddress pa = { 9, 9, 9, 9 };
    int has_slot = -1;

    CHECK(d != NULL);
    if (!d) {
        printf("#   %s\n", err.message ? err.message : "?");
        goto cleanup;
    }
    CHECK(inactive && !strstr(inactive, "<alias"));
    CHECK(inactive && strstr(inactive, "<target dev='vda' bus='virtio'/>\n"
                                      "      <address type='pci' domain='0x0000' bus='0x00' slot='0x1f' function='0x7'/>"));
    CHECK(inactive && strstr(inactive, "<interface type='user'>\n      <address type='pci' slot='9'/>"));
    CHECK(virtDomainPCIAddressGet(d->disks[0]->address, &pa, &has_slot) == 0);
    CHECK(pa.domain == 0 && pa.bus == 0 && pa.slot == 0x1f && pa.function == 7 && has_slot == 1);
    CHECK(virtDomainPCIAddressGet(d->nets[0]->address, &pa, &has_slot) == 0);
    CHECK(pa.domain == 0 && pa.bus == 0 && pa.slot == 9 && pa.function == 0 && has_slot == 1);
    CHECK(virtDomainPCIAddressGet(d->nets[1]->address, &pa, &has_slot) == 0 && has_slot == 0);
    CHECK(virtDomainPCIAddressGet(NULL, &pa, NULL) < 0);
    virtDomainPCIAddress want = { 0, 0, 0x0c, 0 };
    virtDomainDeviceAddress *a = virtDomainPCIAddressNew(&want);
    virtDomainDeviceAddressFree(d->nets[1]->address);
    d->nets[1]->address = a;
    free(inactive);
    inactive = virtDomainDefFormat(d, VIRT_DOMAIN_FORMAT_INACTIVE);
    CHECK(inactive && strstr(inactive, "<address type='pci' domain='0x0000' bus='0x00' slot='0x0c' function='0x0'/>"));
    CHECK(virtDomainPCIAddressGet(a, &pa, &has_slot) == 0 && pa.slot == 0x0c && has_slot == 1);

    /* out of range: the attribute, its value, the line */
    expectDomainError(DOMAIN_HEAD "  <devices>\n    <interface type='user'>\n"
                      "      <address type='pci' domain='0x0000' bus='0x00' slot='0x20' function='0x0'/>\n"
                      "    </interface>\n  </devices>\n</domain>\n", VIR_ERR_XML_ERROR,
                      "Invalid PCI address slot='0x20', must be <= 0x1F", NULL);
    expectDomainError(DOMAIN_HEAD "  <devices>\n    <disk type='file'><target dev='vda'/>"
                      "<address type='pci' slot='1' function='8'/></disk>\n  </devices>\n</domain>\n",
                      VIR_ERR_XML_ERROR, "Invalid PCI address function=0x8, must be <= 7", NULL);
    expectDomainError(DOMAIN_HEAD "  <devices>\n    <memballoon model='virtio'>"
                      "<address type='pci' bus='0x100'/></memballoon>\n  </devices>\n</domain>\n",
                      VIR_ERR_XML_ERROR, "Invalid PCI address bus='0x100', must be <= 0xFF", NULL);
    expectDomainError(DOMAIN_HEAD "  <devices>\n    <serial type='pty'>"
                      "<address type='pci' slot='99999999999999999999999'/></serial>\n  </devices>\n</domain>\n",
                      VIR_ERR_XML_ERROR, "Invalid value for attribute 'slot' in element 'address': "
                      "'99999999999999999999999'. Expected non-negative integer value", NULL);
    expectDomainError(DOMAIN_HEAD "  <devices>\n    <interface type='user'>\n"
                      "      <address type='pci' slot='five'/>\n    </interface>\n  </devices>\n</domain>\n",
                      VIR_ERR_XML_ERROR, "Invalid value for attribute 'slot' in element 'address': 'five'. "
                      "Expected non-negative integer value", NULL);
    /* as libvirt 9.0 does: a PCI domain has no upper bound, and an address
     * with domain, bus and slot zero is not checked at all */
    {
        virtDomainDef *ok = virtDomainDefParse(DOMAIN_HEAD "  <devices>\n    <controller type='scsi'>"
                                               "<address type='pci' domain='0x10000' slot='1'/></controller>\n"
                                               "    <interface type='user'><address type='pci' function='8'/></interface>\n"
                                               "  </devices>\n</domain>\n", 0, &err);
        CHECK(ok != NULL);
        virtDomainDefFree(ok);
        virtXMLErrorClear(&err);
    }
    /* a hot-plugged device's address too */
    CHECK(virtDomainDeviceDefParse("<interface type='user'><address type='pci' slot='0x40'/></interface>", 0, &err) == NULL);
    CHECK(err.code == VIR_ERR_XML_ERROR && err.message && strstr(err.message, "slot='0x40'"));
    virtXMLErrorClear(&err);

 cleanup:
    free(inactive);
    virtDomainDefFree(d);
    virtXMLErrorClear(&err);
}

/* Aliases and addresses on controllers, character devices, inputs and
 * the balloon: kept, live-only for the aliases, found and dropped by the
 * alias helpers; anything else on them is still refused. */
static void test_other_device_aliases(void)
{
    virtXMLError err = { 0 };
    virtDomainDef *d = virtDomainDefParse(DOMAIN_HEAD "  <devices>\n"
                                          "    <controller type='scsi' index='0' model='virtio-scsi'><alias name='scsi0'/>"
                                          "<address type='pci' slot='0x04'/></controller>\n"
                                          "    <controller type='pci' model='pci-root'/>\n"
                                          "    <serial type='pty'><alias name='serial0'/></serial>\n"
                                          "    <parallel type='null'><alias name='parallel0'/></parallel>\n"
                                          "    <console type='pty'><alias name='serial0'/></console>\n"
                                          "    <input type='tablet' bus='usb'><address type='usb' bus='0' port='1.2'/>"
                                          "<alias name='input0'/></input>\n"
                                          "    <memballoon model='virtio'><alias name='balloon0'/></memballoon>\n"
                                          "  </devices>\n</domain>\n", 0, &err);
    char *active = d ? virtDomainDefFormat(d, 0) : NULL;
    char *inactive = d ? virtDomainDefFormat(d, VIRT_DOMAIN_FORMAT_INACTIVE) : NULL;

    CHECK(d != NULL);
    if (!d) {
        printf("#   %s\n", err.message ? err.message : "?");
        goto cleanup;
    }
    CHECK(d->ncontrollers == 2 && d->controllers[0]->index == 0 && d->controllers[1]->index == -1);
    CHECK(active && strstr(active, "    <controller type='scsi' index='0' model='virtio-scsi'>\n"
                                    "      <alias name='scsi0'/>\n      <address type='pci' slot='0x04'/>\n"
                                    "    </controller>\n    <controller type='pci' model='pci-root'/>\n"));
    CHECK(active && strstr(active, "<input type='tablet' bus='usb'>\n      <alias name='input0'/>\n"
                                    "      <address type='usb' bus='0' port='1.2'/>\n    </input>"));
    CHECK(active && strstr(active, "<memballoon model='virtio'>\n      <alias name='balloon0'/>\n"));
    CHECK(active && strstr(active, "<parallel type='null'>\n      <alias name='parallel0'/>\n"));
    CHECK(inactive && !strstr(inactive, "<alias"));
    CHECK(inactive && strstr(inactive, "<address type='usb' bus='0' port='1.2'/>"));
    CHECK(inactive && strstr(inactive, "<memballoon model='virtio'/>"));
    CHECK(virtDomainDefAliasInUse(d, "scsi0") == 1);
    CHECK(virtDomainDefAliasInUse(d, "parallel0") == 1);
    CHECK(virtDomainDefAliasInUse(d, "input0") == 1);
    CHECK(virtDomainDefAliasInUse(d, "balloon0") == 1);
    CHECK(virtDomainDefAliasInUse(d, "serial0") == 1);
    CHECK(virtDomainDefAliasInUse(d, "input1") == 0);
    virtDomainDefClearAliases(d);
    free(active);
    active = virtDomainDefFormat(d, 0);
    CHECK(active && !strstr(active, "<alias"));
    CHECK(d->controllers[0]->alias == NULL && d->memballoon_alias == NULL && d->consoles[0]->alias == NULL);
    /* the grammar still refuses unknown controller types, alias names, children */
    parseFlags = VIRT_XML_VALIDATE;
    expectDomainError(DOMAIN_HEAD "  <devices>\n    <controller type='hyperdrive'/>\n  </devices>\n</domain>\n",
                      VIR_ERR_XML_ERROR, "'controller' at line 8", NULL);
    expectDomainError(DOMAIN_HEAD "  <devices>\n    <serial type='pty'>\n      <alias name='a b'/>\n"
                      "    </serial>\n  </devices>\n</domain>\n", VIR_ERR_XML_ERROR, "line 9", NULL);
    expectDomainError(DOMAIN_HEAD "  <devices>\n    <input type='mouse'>\n      <glitter/>\n"
                      "    </input>\n  </devices>\n</domain>\n", VIR_ERR_XML_ERROR, "line 9", NULL);
    expectDomainError(DOMAIN_HEAD "  <devices>\n    <input type='mouse'>\n      <address type='usb' port='x'/>\n"
                      "    </input>\n  </devices>\n</domain>\n", VIR_ERR_XML_ERROR, "line 9", NULL);
    parseFlags = 0;

 cleanup:
    free(active);
    free(inactive);
    virtDomainDefFree(d);
    virtXMLErrorClear(&err);
}

static void test_escaping(void)
{
    virtXMLError err = { 0 };
    virtDomainDef *d = virtDomainDefParse("<domain type='test'><name>a&amp;b&lt;c'd\"</name><memory>1</memory>"
                                          "<os><type>hvm</type><cmdline>x='1' &gt; y</cmdline></os></domain>", 0, &err);
    char *out = d ? virtDomainDefFormat(d, 0) : NULL;
    virtDomainDef *again = out ? virtDomainDefParse(out, 0, &err) : NULL;

    CHECK(d && again);
    if (d && again) {
        CHECK_STR(d->name, "a&b<c'd\"");
        CHECK_STR(again->name, d->name);
        CHECK_STR(again->os_cmdline, "x='1' > y");
    }
    free(out);
    virtDomainDefFree(d);
    virtDomainDefFree(again);
    virtXMLErrorClear(&err);
}

/* External entities are never fetched. */
static void test_no_external_entities(void)
{
    virtXMLError err = { 0 };
    virtDomainDef *d = virtDomainDefParse("<?xml version='1.0'?>\n<!DOCTYPE domain [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>\n"
                                          "<domain type='test'><name>n&e;</name><memory>1</memory>"
                                          "<os><type>hvm</type></os></domain>", 0, &err);
    if (d)
        CHECK(strstr(d->name, "root") == NULL);
    virtDomainDefFree(d);
    virtXMLErrorClear(&err);
}

/* A word attribute with blanks passes RelaxNG (it compares tokens) but
 * libvirt refuses it; found by fuzz_device_xml, whose round trip broke on
 * <interface type='network\n'> (formatted as type='network ', refused). */
static void test_padded_words(void)
{
    static const struct {
        const char *xml, *message;
        int device;
    } cases[] = {
        { "<interface type='network\n'><source network='default'/></interface>",
          "Invalid value for attribute 'type' in element 'interface': 'network '.", 1 },
        { "<disk type='file ' device='disk'><source file='/x.img'/><target dev='vdb'/></disk>",
          "Invalid value for attribute 'type' in element 'disk': 'file '.", 1 },
        { "<disk type='file' device=' disk'><source file='/x.img'/><target dev='vdb'/></disk>",
          "Invalid value for attribute 'device' in element 'disk': ' disk'.", 1 },
        /* libvirt's own words for a domain type, and its code below */
        { "<domain type='test '><name>d</name><memory>1024</memory><os><type>hvm</type></os></domain>",
          "invalid domain type test ", 0 },
    };
    virtXMLError err = { 0 };

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        if (cases[i].device)
            CHECK(virtDomainDeviceDefParse(cases[i].xml, 0, &err) == NULL);
        else
            CHECK(virtDomainDefParse(cases[i].xml, 0, &err) == NULL);
        CHECK(err.code == (cases[i].device ? VIR_ERR_XML_ERROR : VIR_ERR_CONFIG_UNSUPPORTED));
        CHECK_STR(err.message, cases[i].message);
        virtXMLErrorClear(&err);
    }
    /* the words themselves still pass */
    virtDomainDeviceDef *dev = virtDomainDeviceDefParse(
        "<interface type='network'><source network='default'/></interface>", 0, &err);
    CHECK(dev != NULL);
    virtDomainDeviceDefFree(dev);
    virtXMLErrorClear(&err);
}

static void test_device_parse(void)
{
    virtXMLError err = { 0 };
    virtDomainDeviceDef *dev;
    char *out;

    dev = virtDomainDeviceDefParse("<disk type='file' device='cdrom'><source file='/x.iso'/>"
                                   "<target dev='hdc'/><readonly/></disk>", 0, &err);
    CHECK(dev && dev->kind == VIRT_DEVICE_DISK && dev->disk && !dev->net);
    if (dev && dev->disk) {
        CHECK_STR(dev->disk->source, "/x.iso");
        CHECK_STR(dev->disk->device, "cdrom");
        CHECK(dev->disk->readonly == 1);
        virtDomainDiskDef *copy = virtDomainDiskDefCopy(dev->disk);
        out = virtDomainDiskDefFormat(copy, 2);
        CHECK_STR(out, "  <disk type='file' device='cdrom'>\n    <source file='/x.iso'/>\n"
                       "    <target dev='hdc'/>\n    <readonly/>\n  </disk>\n");
        free(out);
        virtDomainDiskDefFree(copy);
    }
    virtDomainDeviceDefFree(dev);

    dev = virtDomainDeviceDefParse("<interface type='bridge'><source bridge='br0'/>"
                                   "<mac address='52:54:00:12:34:56'/></interface>", 0, &err);
    CHECK(dev && dev->kind == VIRT_DEVICE_NET && dev->net);
    if (dev && dev->net) {
        CHECK_STR(dev->net->source, "br0");
        CHECK_STR(dev->net->mac, "52:54:00:12:34:56");
        virtDomainNetDef *copy = virtDomainNetDefCopy(dev->net);
        out = virtDomainNetDefFormat(copy, 0);
        CHECK_STR(out, "<interface type='bridge'>\n  <mac address='52:54:00:12:34:56'/>\n"
                       "  <source bridge='br0'/>\n</interface>\n");
        free(out);
        virtDomainNetDefFree(copy);
    }
    virtDomainDeviceDefFree(dev);

    /* A device's alias survives parse, copy and format. */
    dev = virtDomainDeviceDefParse("<interface type='user'><alias name='net3'/>"
                                   "<mac address='52:54:00:12:34:57'/></interface>", 0, &err);
    CHECK(dev && dev->net && virtStrEq(dev->net->alias, "net3"));
    if (dev && dev->net) {
        virtDomainNetDef *copy = virtDomainNetDefCopy(dev->net);
        out = virtDomainNetDefFormat(copy, 0);
        CHECK_STR(out, "<interface type='user'>\n  <mac address='52:54:00:12:34:57'/>\n"
                       "  <alias name='net3'/>\n</interface>\n");
        free(out);
        virtDomainNetDefFree(copy);
    }
    virtDomainDeviceDefFree(dev);
    dev = virtDomainDeviceDefParse("<disk type='file'><target dev='vdb'/><alias name='virtio-disk1'/>"
                                   "<source file='/b.img'/></disk>", 0, &err);
    CHECK(dev && dev->disk && virtStrEq(dev->disk->alias, "virtio-disk1"));
    if (dev && dev->disk) {
        virtDomainDiskDef *copy = virtDomainDiskDefCopy(dev->disk);
        out = virtDomainDiskDefFormat(copy, 0);
        CHECK_STR(out, "<disk type='file' device='disk'>\n  <source file='/b.img'/>\n"
                       "  <target dev='vdb'/>\n  <alias name='virtio-disk1'/>\n</disk>\n");
        free(out);
        virtDomainDiskDefFree(copy);
    }
    virtDomainDeviceDefFree(dev);

    /* Refusals: other devices, bad content, bad MAC, malformed. */
    CHECK(virtDomainDeviceDefParse("<graphics type='vnc'/>", 0, &err) == NULL);
    CHECK(err.code == VIR_ERR_XML_ERROR && strstr(err.message, "'graphics'"));
    virtXMLErrorClear(&err);
    CHECK(virtDomainDeviceDefParse("<disk type='file'>\n<target dev='hda'/>\n<glitter/>\n</disk>",
                                   VIRT_XML_VALIDATE, &err) == NULL);
    CHECK(err.code == VIR_ERR_XML_INVALID_SCHEMA && strstr(err.message, "'glitter'") && strstr(err.message, "line 3"));
    CHECK(err.message && strstr(err.message, "device document"));
    printMessage(err.message);
    virtXMLErrorClear(&err);
    CHECK(virtDomainDeviceDefParse("<interface type='user'><mac address='1:2:3'/></interface>", 0, &err) == NULL);
    CHECK(err.code == VIR_ERR_XML_ERROR && strstr(err.message, "mac address"));
    virtXMLErrorClear(&err);
    CHECK(virtDomainDeviceDefParse("<disk", 0, &err) == NULL);
    CHECK(err.code == VIR_ERR_XML_ERROR || err.code == VIR_ERR_XML_DETAIL);
    virtXMLErrorClear(&err);
}

static xmlDocPtr readDoc(const char *name, virtXMLError *err)
{
    char *path = virtAsprintf("%s/%s", dataDir, name);
    xmlDocPtr doc = virtXMLParseFile(path, err);
    free(path);
    return doc;
}

static void test_other_schemas(void)
{
    static const struct { const char *file, *schema; } ok[] = {
        { "caps-seed.xml", "capabilities" },
        { "caps-libvirt-test.xml", "capabilities" },
        { "testnode.xml", "testnode" },
        { "net-default.xml", "network" },
        { "kvm.xml", "domain" },
    };
    virtXMLError err = { 0 };

    for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
        xmlDocPtr doc = readDoc(ok[i].file, &err);
        CHECK(doc != NULL);
        CHECK(virtXMLValidate(doc, ok[i].schema, &err) == 0);
        if (err.message)
            printf("#   %s: %s\n", ok[i].file, err.message);
        virtXMLErrorClear(&err);
        CHECK_STR(virtXMLSchemaForRoot((const char *) xmlDocGetRootElement(doc)->name), ok[i].schema);
        xmlFreeDoc(doc);
    }
    /* A domain is not capabilities; unknown schema names are refused. */
    xmlDocPtr doc = readDoc("kvm.xml", &err);
    CHECK(virtXMLValidate(doc, "capabilities", &err) < 0 && err.code == VIR_ERR_XML_ERROR);
    virtXMLErrorClear(&err);
    CHECK(virtXMLValidate(doc, "nosuch", &err) < 0 && err.code == VIR_ERR_INVALID_ARG);
    virtXMLErrorClear(&err);
    xmlFreeDoc(doc);
    CHECK(virtXMLSchemaForRoot("bogus") == NULL);
    CHECK(virtXMLSchemaText("domain") != NULL);

    /* An inline domain of a node file is held to the domain grammar. */
    doc = virtXMLParse("<node>\n  <domain type='test'>\n    <name>x</name>\n    <memory>1</memory>\n"
                       "    <os><type>hvm</type></os>\n    <tentacle/>\n  </domain>\n</node>", "node", &err);
    CHECK(doc && virtXMLValidate(doc, "testnode", &err) < 0);
    CHECK(err.message && strstr(err.message, "'tentacle'") && strstr(err.message, "line 6"));
    printMessage(err.message);
    virtXMLErrorClear(&err);
    xmlFreeDoc(doc);
    doc = virtXMLParse("<node><auth><user password='x'>bob</user></auth><network file='n.xml'/>"
                       "<cpu><mhz>0</mhz></cpu></node>", "node", &err);
    CHECK(doc && virtXMLValidate(doc, "testnode", &err) < 0 && strstr(err.message, "'mhz'"));
    virtXMLErrorClear(&err);
    xmlFreeDoc(doc);
}

/* Schemas compile once and validate from many threads at a time. */
static void *validateMany(void *arg)
{
    long failures = 0;
    (void) arg;
    for (int i = 0; i < 50; i++) {
        virtXMLError err = { 0 };
        virtDomainDef *d = virtDomainDefParse(DOMAIN_HEAD "</domain>", 0, &err);
        if (!d)
            failures++;
        virtDomainDefFree(d);
        virtXMLErrorClear(&err);
    }
    return (void *) failures;
}

static void test_threads(void)
{
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        CHECK(pthread_create(&t[i], NULL, validateMany, NULL) == 0);
    for (int i = 0; i < 4; i++) {
        void *r = NULL;
        pthread_join(t[i], &r);
        CHECK(r == NULL);
    }
}

/* Repeated single elements: libvirt reads the first one, and the later
 * ones must not leak (found by fuzz_domain_xml). A disk
 * without a type is a file disk. */
static void test_repeated_elements(void)
{
    virtXMLError err = { 0 };
    virtDomainDef *def = virtDomainDefParse("<domain type='kvm'><name>a1</name><name>a2</name>"
                                            "<memory>1024</memory><os><type>hvm</type><type>xen</type></os>"
                                            "<devices><emulator>/e1</emulator><emulator>/e2</emulator><disk device='disk'><source file='/x.img'/>"
                                            "<source file='/y.img'/><target dev='hda'/><target dev='hdb'/>"
                                            "<address type='drive' unit='0'/><address type='drive' unit='1'/>"
                                            "</disk><memballoon model='none'><alias name='ua-b1'/>"
                                            "<alias name='ua-b2'/></memballoon></devices></domain>", 0, &err);
    char *out = def ? virtDomainDefFormat(def, VIRT_DOMAIN_FORMAT_INACTIVE) : NULL;

    CHECK(def != NULL);
    /* (the generated uuid may hold any hex pair, so whole elements are looked for) */
    CHECK(out && strstr(out, "<name>a1</name>") && !strstr(out, "<name>a2</name>"));
    CHECK(out && strstr(out, "<disk type='file' device='disk'>") && strstr(out, "/x.img") && !strstr(out, "/y.img"));
    CHECK(out && strstr(out, "dev='hda'") && !strstr(out, "hdb") && !strstr(out, "unit='1'"));
    CHECK(out && strstr(out, "<emulator>/e1</emulator>") && !strstr(out, "/e2"));
    free(out);
    virtDomainDefFree(def);
    virtXMLErrorClear(&err);

}

int main(int argc, char **argv)
{
    dataDir = argc > 1 ? argv[1] : "data";
    TEST_RUN(test_malformed);
    TEST_RUN(test_null_input);
    TEST_RUN(test_unknown_ignored);
    TEST_RUN(test_repeated_elements);
    parseFlags = VIRT_XML_VALIDATE;
    TEST_RUN(test_unknown_element);
    TEST_RUN(test_schema_violations);
    parseFlags = 0;
    TEST_RUN(test_wrong_root);
    TEST_RUN(test_interface_source);
    TEST_RUN(test_bad_uuid);
    TEST_RUN(test_bad_mac);
    TEST_RUN(test_uuid_generated);
    TEST_RUN(test_uuid_spellings);
    TEST_RUN(test_memory_units);
    TEST_RUN(test_format_inactive);
    TEST_RUN(test_aliases);
    TEST_RUN(test_pci_addresses);
    TEST_RUN(test_other_device_aliases);
    TEST_RUN(test_escaping);
    TEST_RUN(test_no_external_entities);
    TEST_RUN(test_device_parse);
    TEST_RUN(test_other_schemas);
    TEST_RUN(test_threads);
    TEST_RUN(test_padded_words);
    TEST_DONE();
}
