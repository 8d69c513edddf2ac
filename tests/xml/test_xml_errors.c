/* test_xml_errors: what the XML layer refuses and how it says so
 * (malformed text, schema violations naming element and line, bad UUIDs
 * and MACs), plus the defaults, flags and helpers drivers rely on, on
 * the domain model (domain_def.h) with a QEMU driver's defaults. */
#include <libvirt/virterror.h>
#include <libxml/parser.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "util.h"
#include "domain_def.h"
#include "xml_schema.h"

static const char *dataDir;
/* VIRT_XML_VALIDATE for the tests of what the grammar refuses: without it,
 * as in libvirt, content the parser does not know is ignored. */
static unsigned int parseFlags;

static const virtDomainDriverDefaults drv = {
    .arch = "x86_64", .video = "vga", .mac_prefix = { 0x52, 0x54, 0x00 },
};

static virtDomain *parse(const char *xml, unsigned int flags, virtXMLError *err)
{
    return virtDomainModelParse(xml, flags, &drv, err);
}

static int parseDevice(const char *xml, unsigned int flags, virtDomainModelDevice *dev, virtXMLError *err)
{
    return virtDomainModelParseDevice(xml, flags, dev, err);
}

/* A device as it appears inside <devices>, at indent spaces. */
static char *formatDisk(const virtDomainDisk *d, int indent)
{
    virtBuf b = { 0 };
    virtXMLModelFormatElem(&b, &virtXMLElem_domain_disk, NULL, d, indent, 0);
    return virtBufSteal(&b);
}

static char *formatIface(const virtDomainInterface *n, int indent)
{
    virtBuf b = { 0 };
    virtXMLModelFormatElem(&b, &virtXMLElem_domain_interface, NULL, n, indent, 0);
    return virtBufSteal(&b);
}

static const char *ifaceAlias(virtDomainInterface *n)
{
    return virtDomainModelAliasName(*virtDomainModelIfaceAliasSlot(n));
}

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
    virtDomain *def = parse(xml, parseFlags, &err);

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
    virtDomainModelFree(def);
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
    CHECK(parse(NULL, 0, &err) == NULL);
    CHECK(err.code == VIR_ERR_INVALID_ARG);
    virtXMLErrorClear(&err);
    /* No error record at all is allowed too. */
    CHECK(parse("<domain", 0, NULL) == NULL);
}

/* Without VIRT_XML_VALIDATE, what the parser does not know is dropped. */
static void test_unknown_ignored(void)
{
    virtXMLError err = { 0 };
    virtDomain *def = parse(DOMAIN_HEAD "  <bogus/>\n  <devices>\n    <disk type='file' color='red'>\n"
                                            "      <source file='/x.img'/>\n"
                                            "      <target dev='hda'/>\n      <sparkles/>\n    </disk>\n"
                                            "  </devices>\n</domain>\n", 0, &err);
    char *out = def ? virtDomainModelFormat(def, VIRT_XML_INACTIVE) : NULL;

    CHECK(def != NULL);
    CHECK(out && !strstr(out, "bogus") && !strstr(out, "sparkles") && !strstr(out, "color"));
    CHECK(out && strstr(out, "<target dev='hda'"));
    free(out);
    virtDomainModelFree(def);
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
    /* the canonical spelling: lower case, two digits a byte */
    char *m = virtXMLMACCanonical("AA:BB:CC:DD:EE:FF");
    CHECK_STR(m, "aa:bb:cc:dd:ee:ff");
    free(m);
    CHECK(virtXMLMACCanonical("aa:bb:cc:dd:ee") == NULL);
    CHECK(virtXMLMACCanonical("aa-bb-cc-dd-ee-ff") == NULL);
}

static void test_uuid_generated(void)
{
    virtXMLError err = { 0 };
    virtDomain *a = parse(DOMAIN_HEAD "</domain>", 0, &err);
    virtDomain *b = parse(DOMAIN_HEAD "</domain>", 0, &err);
    static const unsigned char zero[16];

    CHECK(a && b);
    if (a && b) {
        CHECK(a->uuid_set && b->uuid_set);
        CHECK(memcmp(a->uuid, zero, 16) != 0);
        CHECK(memcmp(a->uuid, b->uuid, 16) != 0);
        /* Defaults, as libvirt fills them in. */
        CHECK(!a->id_set);
        CHECK(virtDomainModelVcpus(a) == 1 && virtDomainModelCurrentVcpus(a) == 1);
        CHECK(virtDomainModelMaxMemory(a) == 1024 && virtDomainModelCurrentMemory(a) == 1024);
        CHECK_STR(a->type, "kvm");
        CHECK_STR(a->os->type->text, "hvm");
        CHECK_STR(a->os->type->arch, "x86_64");
        CHECK_STR(a->on_crash, "destroy");
    }
    virtDomainModelFree(a);
    virtDomainModelFree(b);
    virtXMLErrorClear(&err);
}

static void test_uuid_spellings(void)
{
    virtXMLError err = { 0 };
    virtDomain *a = parse(DOMAIN_HEAD "  <uuid>4dea22b31d52d8f32516782e98ab3fa0</uuid>\n</domain>", 0, &err);
    virtDomain *b = parse(DOMAIN_HEAD "  <uuid>4DEA22B3-1D52-D8F3-2516-782E98AB3FA0</uuid>\n</domain>", 0, &err);

    CHECK(a && b);
    if (a && b) {
        CHECK(a->uuid_set && b->uuid_set);
        CHECK(memcmp(a->uuid, b->uuid, 16) == 0);
        CHECK(a->uuid[0] == 0x4d && a->uuid[15] == 0xa0);
    }
    virtDomainModelFree(a);
    virtDomainModelFree(b);
    virtXMLErrorClear(&err);
}

static void test_memory_units(void)
{
    virtXMLError err = { 0 };
    virtDomain *d = parse("<domain type='test'><name>m</name><memory unit='GiB'>2</memory>"
                                          "<currentMemory unit='bytes'>1025</currentMemory>"
                                          "<os><type>hvm</type></os></domain>", 0, &err);
    CHECK(d != NULL);
    if (d) {
        CHECK(virtDomainModelMaxMemory(d) == 2097152ULL);
        CHECK(virtDomainModelCurrentMemory(d) == 2);   /* rounded up to whole KiB */
    }
    virtDomainModelFree(d);
    /* More current than maximum is trimmed to the maximum. */
    d = parse("<domain type='test'><name>m</name><memory>100</memory>"
                           "<currentMemory>200</currentMemory><os><type>hvm</type></os></domain>", 0, &err);
    CHECK(d && virtDomainModelCurrentMemory(d) == 100);
    virtDomainModelFree(d);
    expectDomainError("<domain type='test'><name>m</name><memory unit='TiB'>18446744073709551615</memory>"
                      "<os><type>hvm</type></os></domain>", VIR_ERR_OVERFLOW,
                      "value too large: 18446744073709551615TiB", NULL);   /* libvirt 9.0's words */
    virtXMLErrorClear(&err);
}

static void test_format_inactive(void)
{
    virtXMLError err = { 0 };
    virtDomain *d = parse("<domain type='xen' id='12'><name>x</name><memory>1</memory>"
                                          "<os><type>linux</type></os></domain>", 0, &err);
    char *active = d ? virtDomainModelFormat(d, 0) : NULL;
    char *inactive = d ? virtDomainModelFormat(d, VIRT_XML_INACTIVE) : NULL;

    CHECK(d && d->id_set && d->id == 12);
    CHECK(active && strncmp(active, "<domain type='xen' id='12'>\n", 28) == 0);
    CHECK(inactive && strncmp(inactive, "<domain type='xen'>\n", 20) == 0);
    if (d) {
        virtDomainModelSetID(d, -1);
        free(active);
        active = virtDomainModelFormat(d, 0);
        CHECK(active && strncmp(active, "<domain type='xen'>\n", 20) == 0);
    }
    free(active);
    free(inactive);
    virtDomainModelFree(d);
    virtXMLErrorClear(&err);
}

/* Device aliases name a running guest's devices: a status document keeps
 * them; the helpers find and drop them. A definition keeps only the
 * user's ("ua-..."), as libvirt's (test_define_drops_aliases). */
static void test_define_drops_aliases(void)
{
    virtXMLError err = { 0 };
    virtDomain *d = parse(DOMAIN_HEAD "  <devices>\n"
                                          "    <interface type='user'><alias name='net0'/></interface>\n"
                                          "    <interface type='user'><alias name='ua-mine'/></interface>\n"
                                          "  </devices>\n</domain>\n", 0, &err);
    CHECK(d != NULL);
    if (d) {
        CHECK(!virtDomainModelAliasInUse(d, "net0"));
        CHECK(virtDomainModelAliasInUse(d, "ua-mine"));
    }
    virtDomainModelFree(d);
    virtXMLErrorClear(&err);
}

static void test_aliases(void)
{
    virtXMLError err = { 0 };
    virtDomain *d = parse(DOMAIN_HEAD "  <devices>\n"
                                          "    <disk type='file'><source file='/a.img'/><target dev='vda'/>"
                                          "<alias name='vda'/></disk>\n"
                                          "    <interface type='user'><alias name='net0'/></interface>\n"
                                          "    <interface type='user'/>\n"
                                          "  </devices>\n</domain>\n", VIRT_DOMAIN_PARSE_STATUS, &err);
    char *active = d ? virtDomainModelFormat(d, 0) : NULL;
    char *inactive = d ? virtDomainModelFormat(d, VIRT_XML_INACTIVE) : NULL;

    CHECK(d != NULL);
    if (!d) {
        printf("#   %s\n", err.message ? err.message : "?");
        goto cleanup;
    }
    virtDomainDevices *dv = d->devices;
    CHECK_STR(virtDomainModelAliasName(dv->disk[0]->alias), "vda");
    CHECK_STR(ifaceAlias(dv->interface[0]), "net0");
    CHECK(ifaceAlias(dv->interface[1]) == NULL);
    CHECK(active && strstr(active, "      <target dev='vda' bus='virtio'/>\n      <alias name='vda'/>\n    </disk>"));
    CHECK(active && strstr(active, "'/>\n      <alias name='net0'/>\n    </interface>"));
    CHECK(virtDomainModelAliasInUse(d, "vda") == 1);
    CHECK(virtDomainModelAliasInUse(d, "net0") == 1);
    CHECK(virtDomainModelAliasInUse(d, "net1") == 0);
    CHECK(virtDomainModelAliasInUse(d, NULL) == 0);
    virtDomainModelClearAliases(d);
    CHECK(dv->disk[0]->alias == NULL && ifaceAlias(dv->interface[0]) == NULL);
    CHECK(virtDomainModelAliasInUse(d, "vda") == 0);
    free(active);
    active = virtDomainModelFormat(d, 0);
    CHECK(active && !strstr(active, "<alias"));

 cleanup:
    free(active);
    free(inactive);
    virtDomainModelFree(d);
    virtXMLErrorClear(&err);
}

/* PCI addresses: kept as written in both the live and the inactive XML
 * (only aliases are live state); numbers out of range refused naming the
 * attribute and line; the helpers read and write them. */
static void test_pci_addresses(void)
{
    virtXMLError err = { 0 };
    virtDomain *d = parse(DOMAIN_HEAD "  <devices>\n"
                                          "    <disk type='file'><source file='/a.img'/>"
                                          "<target dev='vda' bus='virtio'/><alias name='vda'/>"
                                          "<address type='pci' domain='0x0000' bus='0x00' slot='0x1f' function='0x7'/></disk>\n"
                                          "    <interface type='user'><address type='pci' slot='9'/></interface>\n"
                                          "    <interface type='user'><address type='pci'/></interface>\n"
                                          "  </devices>\n</domain>\n", VIRT_DOMAIN_PARSE_STATUS, &err);
    char *inactive = d ? virtDomainModelFormat(d, VIRT_XML_INACTIVE) : NULL;

    CHECK(d != NULL);
    if (!d) {
        printf("#   %s\n", err.message ? err.message : "?");
        goto cleanup;
    }
    CHECK(inactive && strstr(inactive, "<target dev='vda' bus='virtio'/>\n      <alias name='vda'/>\n"
                                      "      <address type='pci' domain='0x0000' bus='0x00' slot='0x1f' function='0x7'/>"));
    CHECK(inactive && strstr(inactive, "'/>\n      <address type='pci' slot='0x09'/>"));
    const virtDomainDeviceAddress *da = d->devices->disk[0]->address;
    CHECK(da->pci.domain == 0 && da->pci.bus == 0 && da->pci.slot == 0x1f && da->pci.function == 7);
    virtDomainDeviceAddress **na = virtDomainModelIfaceAddressSlot(d->devices->interface[0]);
    CHECK((*na)->pci.slot == 9 && (*na)->pci.slot_set && !(*na)->pci.bus_set);
    na = virtDomainModelIfaceAddressSlot(d->devices->interface[1]);
    CHECK(*na && !(*na)->pci.slot_set);
    virtDomainModelAddressFree(*na);
    *na = virtDomainModelPCIAddressNew(0, 0, 0x0c, 0);
    free(inactive);
    inactive = virtDomainModelFormat(d, VIRT_XML_INACTIVE);
    CHECK(inactive && strstr(inactive, "<address type='pci' domain='0x0000' bus='0x00' slot='0x0c' function='0x0'/>"));

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
        virtDomain *ok = parse(DOMAIN_HEAD "  <devices>\n    <controller type='scsi'>"
                                               "<address type='pci' domain='0x10000' slot='1'/></controller>\n"
                                               "    <interface type='user'><address type='pci' function='8'/></interface>\n"
                                               "  </devices>\n</domain>\n", 0, &err);
        CHECK(ok != NULL);
        virtDomainModelFree(ok);
        virtXMLErrorClear(&err);
    }
    /* a hot-plugged device's address too */
    virtDomainModelDevice dev;
    CHECK(parseDevice("<interface type='user'><address type='pci' slot='0x40'/></interface>", 0, &dev, &err) < 0);
    CHECK(err.code == VIR_ERR_XML_ERROR && err.message && strstr(err.message, "slot='0x40'"));
    virtXMLErrorClear(&err);

 cleanup:
    free(inactive);
    virtDomainModelFree(d);
    virtXMLErrorClear(&err);
}

/* Aliases and addresses on controllers, character devices, inputs and
 * the balloon: kept, live-only for the aliases, found and dropped by the
 * alias helpers; anything else on them is still refused. */
static void test_other_device_aliases(void)
{
    virtXMLError err = { 0 };
    virtDomain *d = parse(DOMAIN_HEAD "  <devices>\n"
                                          "    <controller type='scsi' index='0' model='virtio-scsi'><alias name='scsi0'/>"
                                          "<address type='pci' slot='0x04'/></controller>\n"
                                          "    <controller type='pci' model='pci-root'/>\n"
                                          "    <serial type='pty'><alias name='serial0'/></serial>\n"
                                          "    <parallel type='null'><alias name='parallel0'/></parallel>\n"
                                          "    <console type='pty'><alias name='serial0'/></console>\n"
                                          "    <input type='tablet' bus='usb'><address type='usb' bus='0' port='1.2'/>"
                                          "<alias name='input0'/></input>\n"
                                          "    <memballoon model='virtio'><alias name='balloon0'/></memballoon>\n"
                                          "  </devices>\n</domain>\n", VIRT_DOMAIN_PARSE_STATUS, &err);
    char *active = d ? virtDomainModelFormat(d, 0) : NULL;
    char *inactive = d ? virtDomainModelFormat(d, VIRT_XML_INACTIVE) : NULL;

    CHECK(d != NULL);
    if (!d) {
        printf("#   %s\n", err.message ? err.message : "?");
        goto cleanup;
    }
    /* a controller without an index gets the first free one of its type */
    CHECK(d->devices->ncontroller == 2 && d->devices->controller[0]->index == 0 &&
          d->devices->controller[1]->index_set && d->devices->controller[1]->index == 0);
    CHECK(active && strstr(active, "    <controller type='scsi' index='0' model='virtio-scsi'>\n"
                                    "      <alias name='scsi0'/>\n      <address type='pci' slot='0x04'/>\n"
                                    "    </controller>\n    <controller type='pci' index='0' model='pci-root'/>\n"));
    CHECK(active && strstr(active, "<input type='tablet' bus='usb'>\n      <alias name='input0'/>\n"
                                    "      <address type='usb' bus='0' port='1.2'/>\n    </input>"));
    CHECK(active && strstr(active, "<memballoon model='virtio'>\n      <alias name='balloon0'/>\n"));
    CHECK(active && strstr(active, "<parallel type='null'>\n      <target port='0'/>\n      <alias name='parallel0'/>\n"));
    CHECK(inactive && strstr(inactive, "<address type='usb' bus='0' port='1.2'/>"));
    CHECK(virtDomainModelAliasInUse(d, "scsi0") == 1);
    CHECK(virtDomainModelAliasInUse(d, "parallel0") == 1);
    CHECK(virtDomainModelAliasInUse(d, "input0") == 1);
    CHECK(virtDomainModelAliasInUse(d, "balloon0") == 1);
    CHECK(virtDomainModelAliasInUse(d, "serial0") == 1);
    CHECK(virtDomainModelAliasInUse(d, "input1") == 0);
    virtDomainModelClearAliases(d);
    free(active);
    active = virtDomainModelFormat(d, 0);
    CHECK(active && !strstr(active, "<alias"));
    CHECK(d->devices->controller[0]->alias == NULL && d->devices->memballoon->alias == NULL &&
          d->devices->serial[0]->alias == NULL);
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
    virtDomainModelFree(d);
    virtXMLErrorClear(&err);
}

static void test_escaping(void)
{
    virtXMLError err = { 0 };
    virtDomain *d = parse("<domain type='test'><name>a&amp;b&lt;c'd\"</name><memory>1</memory>"
                                          "<os><type>hvm</type><cmdline>x='1' &gt; y</cmdline></os></domain>", 0, &err);
    char *out = d ? virtDomainModelFormat(d, 0) : NULL;
    virtDomain *again = out ? parse(out, 0, &err) : NULL;

    CHECK(d && again);
    if (d && again) {
        CHECK_STR(d->name, "a&b<c'd\"");
        CHECK_STR(again->name, d->name);
        CHECK_STR(again->os->cmdline, "x='1' > y");
    }
    free(out);
    virtDomainModelFree(d);
    virtDomainModelFree(again);
    virtXMLErrorClear(&err);
}

/* External entities are never fetched. */
static void test_no_external_entities(void)
{
    virtXMLError err = { 0 };
    virtDomain *d = parse("<?xml version='1.0'?>\n<!DOCTYPE domain [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>\n"
                                          "<domain type='test'><name>n&e;</name><memory>1</memory>"
                                          "<os><type>hvm</type></os></domain>", 0, &err);
    if (d)
        CHECK(strstr(d->name, "root") == NULL);
    virtDomainModelFree(d);
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
        virtDomainModelDevice dev;
        if (cases[i].device)
            CHECK(parseDevice(cases[i].xml, 0, &dev, &err) < 0);
        else
            CHECK(parse(cases[i].xml, 0, &err) == NULL);
        CHECK(err.code == (cases[i].device ? VIR_ERR_XML_ERROR : VIR_ERR_CONFIG_UNSUPPORTED));
        CHECK_STR(err.message, cases[i].message);
        virtXMLErrorClear(&err);
    }
    /* the words themselves still pass */
    virtDomainModelDevice dev;
    CHECK(parseDevice("<interface type='network'><source network='default'/></interface>", 0, &dev, &err) == 0);
    virtDomainModelDeviceClear(&dev);
    virtXMLErrorClear(&err);
}

static void test_device_parse(void)
{
    virtXMLError err = { 0 };
    virtDomainModelDevice dev;
    char *out;

    /* a disk gets its bus and drive address; a CD-ROM is read-only */
    CHECK(parseDevice("<disk type='file' device='cdrom'><source file='/x.iso'/>"
                      "<target dev='hdc'/><readonly/></disk>", 0, &dev, &err) == 0);
    CHECK(dev.disk && !dev.iface);
    if (dev.disk) {
        CHECK_STR(virtDomainModelDiskSource(dev.disk), "/x.iso");
        CHECK_STR(dev.disk->device, "cdrom");
        CHECK(dev.disk->readonly);
        virtDomainDisk *copy = virtXMLModelCopy(&virtXMLElem_domain_disk, dev.disk);
        out = formatDisk(copy, 2);
        CHECK_STR(out, "  <disk type='file' device='cdrom'>\n    <source file='/x.iso'/>\n"
                       "    <target dev='hdc' bus='ide'/>\n    <readonly/>\n"
                       "    <address type='drive' controller='0' bus='1' target='0' unit='0'/>\n  </disk>\n");
        free(out);
        virtXMLModelFree(&virtXMLElem_domain_disk, copy);
    }
    virtDomainModelDeviceClear(&dev);

    CHECK(parseDevice("<interface type='bridge'><source bridge='br0'/>"
                      "<mac address='52:54:00:12:34:56'/></interface>", 0, &dev, &err) == 0);
    CHECK(dev.iface && !dev.disk);
    if (dev.iface) {
        CHECK_STR(dev.iface->other.source->bridge, "br0");
        CHECK_STR(virtDomainModelIfaceMAC(dev.iface), "52:54:00:12:34:56");
        virtDomainInterface *copy = virtXMLModelCopy(&virtXMLElem_domain_interface, dev.iface);
        out = formatIface(copy, 0);
        CHECK_STR(out, "<interface type='bridge'>\n  <mac address='52:54:00:12:34:56'/>\n"
                       "  <source bridge='br0'/>\n</interface>\n");
        free(out);
        virtXMLModelFree(&virtXMLElem_domain_interface, copy);
    }
    virtDomainModelDeviceClear(&dev);

    /* A device's alias survives parse, copy and format; an interface
     * gets no MAC until it is added (a detach matches on what was written). */
    CHECK(parseDevice("<interface type='user'><alias name='net3'/></interface>", 0, &dev, &err) == 0);
    CHECK(dev.iface && virtStrEq(ifaceAlias(dev.iface), "net3") && !virtDomainModelIfaceMAC(dev.iface));
    if (dev.iface) {
        virtDomainInterface *copy = virtXMLModelCopy(&virtXMLElem_domain_interface, dev.iface);
        out = formatIface(copy, 0);
        CHECK_STR(out, "<interface type='user'>\n  <alias name='net3'/>\n</interface>\n");
        free(out);
        virtXMLModelFree(&virtXMLElem_domain_interface, copy);
    }
    virtDomainModelDeviceClear(&dev);
    CHECK(parseDevice("<disk type='file'><target dev='vdb'/><alias name='virtio-disk1'/>"
                      "<source file='/b.img'/></disk>", 0, &dev, &err) == 0);
    CHECK(dev.disk && virtStrEq(virtDomainModelAliasName(dev.disk->alias), "virtio-disk1"));
    if (dev.disk) {
        out = formatDisk(dev.disk, 0);
        CHECK_STR(out, "<disk type='file' device='disk'>\n  <source file='/b.img'/>\n"
                       "  <target dev='vdb' bus='virtio'/>\n  <alias name='virtio-disk1'/>\n</disk>\n");
        free(out);
    }
    virtDomainModelDeviceClear(&dev);

    /* Refusals: other devices, bad content, bad MAC, malformed. */
    CHECK(parseDevice("<graphics type='vnc'/>", 0, &dev, &err) < 0);
    CHECK(err.code == VIR_ERR_CONFIG_UNSUPPORTED && err.message && strstr(err.message, "'graphics'"));
    virtXMLErrorClear(&err);
    /* as libvirt's, a device document is read without a grammar: what it
     * does not know is ignored, a disk without a source refused */
    CHECK(parseDevice("<disk type='file'>\n<source file='/x.img'/><target dev='hda'/>\n<glitter/>\n</disk>",
                      0, &dev, &err) == 0);
    virtDomainModelDeviceClear(&dev);
    CHECK(parseDevice("<disk type='file'><target dev='hda'/></disk>", 0, &dev, &err) < 0);
    CHECK(err.code == VIR_ERR_NO_SOURCE);
    virtXMLErrorClear(&err);
    CHECK(parseDevice("<interface type='user'><mac address='1:2:3'/></interface>", 0, &dev, &err) < 0);
    CHECK(err.code == VIR_ERR_XML_ERROR && err.message && strstr(err.message, "mac address"));
    virtXMLErrorClear(&err);
    CHECK(parseDevice("<disk", 0, &dev, &err) < 0);
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
        { "qemu.xml", "domain" },   /* (kvm.xml's clock sync= is not in libvirt 9.0's grammar) */
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
        virtDomain *d = parse(DOMAIN_HEAD "</domain>", 0, &err);
        if (!d)
            failures++;
        virtDomainModelFree(d);
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
    virtDomain *def = parse("<domain type='kvm'><name>a1</name><name>a2</name>"
                                            "<memory>1024</memory><os><type>hvm</type><type>xen</type></os>"
                                            "<devices><emulator>/e1</emulator><emulator>/e2</emulator><disk device='disk'><source file='/x.img'/>"
                                            "<source file='/y.img'/><target dev='hda'/><target dev='hdb'/>"
                                            "<address type='drive' unit='0'/><address type='drive' unit='1'/>"
                                            "</disk><memballoon model='none'><alias name='ua-b1'/>"
                                            "<alias name='ua-b2'/></memballoon></devices></domain>", 0, &err);
    char *out = def ? virtDomainModelFormat(def, VIRT_XML_INACTIVE) : NULL;

    CHECK(def != NULL);
    /* (the generated uuid may hold any hex pair, so whole elements are looked for) */
    CHECK(out && strstr(out, "<name>a1</name>") && !strstr(out, "<name>a2</name>"));
    CHECK(out && strstr(out, "<disk type='file' device='disk'>") && strstr(out, "/x.img") && !strstr(out, "/y.img"));
    CHECK(out && strstr(out, "dev='hda'") && !strstr(out, "hdb") && !strstr(out, "unit='1'"));
    CHECK(out && strstr(out, "<emulator>/e1</emulator>") && !strstr(out, "/e2"));
    free(out);
    virtDomainModelFree(def);
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
    TEST_RUN(test_define_drops_aliases);
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
