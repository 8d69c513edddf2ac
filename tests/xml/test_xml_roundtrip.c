/* test_xml_roundtrip: every example document of the format description
 * (tests/xml/data/NAME.xml) parses into the domain model with a QEMU
 * driver's defaults, formats to the reviewed expected output
 * (data/out/NAME.xml), and reading that back (or a copy) changes nothing.
 * VIRT_TEST_REGENERATE=1 rewrites the expected files instead. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "util.h"
#include "domain_def.h"

static const char *dataDir;

static const virtDomainDriverDefaults drv = {
    .arch = "x86_64", .video = "vga", .mac_prefix = { 0x52, 0x54, 0x00 },
};

/* Generated parts differ on every run: a UUID the document lacks, the
 * MACs of interfaces without one. Pin them for the comparison. */
static void pinGenerated(virtDomain *def, const char *text, bool had_uuid)
{
    if (!had_uuid)
        memset(def->uuid, 0, sizeof(def->uuid));
    for (size_t i = 0; i < virtDomainModelIfaceCount(def); i++) {
        virtDomainInterface *n = def->devices->interface[i];
        virtDomainIfaceMac *m = n->other.mac;
        if (!m || !m->address || strcasestr(text, m->address))
            continue;
        free(m->address);
        m->address = virtAsprintf("52:54:00:00:00:%02zx", i);
    }
}

static char *readData(const char *name)
{
    char *path = virtAsprintf("%s/%s", dataDir, name);
    size_t len;
    char *text = virtFileRead(path, 1 << 20, &len);

    if (!text)
        printf("#   cannot read %s\n", path);
    free(path);
    return text;
}

/* Compare with the expected output, or write it when regenerating. */
static void checkExpected(const char *name, const char *got)
{
    char *outName = virtAsprintf("out/%s", name);
    char *want;

    if (getenv("VIRT_TEST_REGENERATE")) {
        char *path = virtAsprintf("%s/%s", dataDir, outName);
        CHECK(virtFileWriteAtomic(path, got, strlen(got), 0644) == 0);
        free(path);
    }
    want = readData(outName);
    CHECK_STR(got, want);
    free(want);
    free(outName);
}

static void domainCase(const char *name)
{
    char *text = readData(name);
    virtXMLError err = { 0 };
    /* a running guest's live XML is read as a driver reads its status file */
    unsigned int flags = strncmp(name, "live-", 5) == 0 ? VIRT_DOMAIN_PARSE_STATUS : 0;
    virtDomain *def = text ? virtDomainModelParse(text, flags, &drv, &err) : NULL;
    virtDomain *again = NULL, *copy = NULL;
    char *out = NULL, *out2 = NULL, *out3 = NULL;

    printf("# %s\n", name);
    if (!def) {
        printf("#   parse failed: %s\n", err.message ? err.message : "?");
        CHECK(def != NULL);
        goto cleanup;
    }
    pinGenerated(def, text, strstr(text, "<uuid>") != NULL);
    out = virtDomainModelFormat(def, 0);
    checkExpected(name, out);

    again = virtDomainModelParse(out, flags, &drv, &err);
    CHECK(again != NULL);
    if (again) {
        out2 = virtDomainModelFormat(again, 0);
        if (strcmp(out2, out) != 0) {
            /* libvirt reorders disks by the bus they were given: its own
             * output, now with every bus written, may come back in another
             * order once (Debian's test driver does the same); then it holds */
            virtDomain *third = virtDomainModelParse(out2, flags, &drv, &err);
            char *out4 = third ? virtDomainModelFormat(third, 0) : NULL;
            CHECK_STR(out4, out2);
            free(out4);
            virtDomainModelFree(third);
        }
    }
    copy = virtDomainModelCopy(def);
    out3 = virtDomainModelFormat(copy, 0);
    CHECK_STR(out3, out);

 cleanup:
    if (err.message)
        printf("#   error: %s\n", err.message);
    virtXMLErrorClear(&err);
    virtDomainModelFree(def);
    virtDomainModelFree(again);
    virtDomainModelFree(copy);
    free(out);
    free(out2);
    free(out3);
    free(text);
}

/* The seed's domain examples. */
static void test_xen_pv(void) { domainCase("xen-pv.xml"); }
static void test_xen_pv_lifecycle(void) { domainCase("xen-pv-lifecycle.xml"); }
static void test_xen_hvm(void) { domainCase("xen-hvm.xml"); }
static void test_kvm(void) { domainCase("kvm.xml"); }
static void test_qemu(void) { domainCase("qemu.xml"); }
/* One per networking option for QEmu and KVM. */
static void test_net_user(void) { domainCase("net-user.xml"); }
static void test_net_network(void) { domainCase("net-network.xml"); }
static void test_net_bridge(void) { domainCase("net-bridge.xml"); }
static void test_net_ethernet(void) { domainCase("net-ethernet.xml"); }
static void test_net_mcast(void) { domainCase("net-mcast.xml"); }
static void test_net_server(void) { domainCase("net-server.xml"); }
static void test_net_client(void) { domainCase("net-client.xml"); }
/* What libvirt itself prints for test:///default, plus wider devices. */
static void test_libvirt_test_default(void) { domainCase("libvirt-test-default.xml"); }
static void test_devices_misc(void) { domainCase("devices-misc.xml"); }
/* A running guest's live XML: device aliases, written in any order among
 * the device's children, come back out before the address. */
static void test_live_aliases(void) { domainCase("live-aliases.xml"); }
/* What libvirt prints for a running guest: aliases and addresses on the
 * controllers, character devices, inputs and the balloon too. */
static void test_live_devices(void) { domainCase("live-devices.xml"); }

int main(int argc, char **argv)
{
    dataDir = argc > 1 ? argv[1] : "data";
    TEST_RUN(test_xen_pv);
    TEST_RUN(test_xen_pv_lifecycle);
    TEST_RUN(test_xen_hvm);
    TEST_RUN(test_kvm);
    TEST_RUN(test_qemu);
    TEST_RUN(test_net_user);
    TEST_RUN(test_net_network);
    TEST_RUN(test_net_bridge);
    TEST_RUN(test_net_ethernet);
    TEST_RUN(test_net_mcast);
    TEST_RUN(test_net_server);
    TEST_RUN(test_net_client);
    TEST_RUN(test_libvirt_test_default);
    TEST_RUN(test_devices_misc);
    TEST_RUN(test_live_aliases);
    TEST_RUN(test_live_devices);
    TEST_DONE();
}
