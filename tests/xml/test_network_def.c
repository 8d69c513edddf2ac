/* test_network_def: the generated network model with libvirt's checks and
 * defaults (core/xml/network_def.c, hooks/network_hooks.c). The example
 * networks of tests/xml/data format to data/out/NAME.xml, which is what
 * Debian's libvirt 9.0 writes for them; reading that back, or a copy,
 * changes nothing. The differential corpus (tests/xml/corpus/network)
 * compares many more documents with libvirt itself. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <libvirt/virterror.h>

#include "harness.h"
#include "network_def.h"
#include "util.h"

static const char *dataDir;

static char *readData(const char *dir, const char *name)
{
    char *path = virtAsprintf("%s%s/%s", dataDir, dir, name);
    size_t len;
    char *text = virtFileRead(path, 1 << 20, &len);
    free(path);
    return text;
}

static void roundTrip(const char *name)
{
    char *text = readData("", name);
    char *want = readData("/out", name);
    virtXMLError err = { 0 };
    virtNetworkDef *def = text ? virtNetworkDefParse(text, 0, &err) : NULL;
    virtNetworkDef *again = NULL, *copy = NULL;
    char *out = NULL, *out2 = NULL, *out3 = NULL;

    printf("# %s\n", name);
    CHECK(def != NULL);
    if (!def) {
        printf("#   parse failed: %s\n", err.message ? err.message : "?");
        goto cleanup;
    }
    out = virtNetworkDefFormat(def, 0);
    CHECK_STR(out, want);
    again = virtNetworkDefParse(out, 0, &err);
    CHECK(again != NULL);
    if (again) {
        out2 = virtNetworkDefFormat(again, 0);
        CHECK_STR(out2, out);
    }
    copy = virtNetworkDefCopy(def);
    out3 = virtNetworkDefFormat(copy, 0);
    CHECK_STR(out3, out);

 cleanup:
    virtXMLErrorClear(&err);
    virtNetworkDefFree(def);
    virtNetworkDefFree(again);
    virtNetworkDefFree(copy);
    free(out);
    free(out2);
    free(out3);
    free(text);
    free(want);
}

static void test_default(void) { roundTrip("net-default.xml"); }
static void test_isolated(void) { roundTrip("net-isolated.xml"); }
static void test_route_hosts(void) { roundTrip("net-route-hosts.xml"); }

/* domain -2: not checked */
static void expectError(const char *xml, unsigned int flags, int code, int domain, const char *message)
{
    virtXMLError err = { 0 };
    virtNetworkDef *def = virtNetworkDefParse(xml, flags, &err);

    CHECK(def == NULL);
    CHECK(err.code == code);
    if (domain != -2)
        CHECK(virtXMLErrorDomain(&err, -2) == domain);
    if (message)
        CHECK_STR(err.message, message);
    else
        printf("#   %s\n", err.message ? err.message : "(none)");
    virtNetworkDefFree(def);
    virtXMLErrorClear(&err);
}

/* One refusal of each family, with libvirt's code, domain and text. */
static void test_errors(void)
{
    expectError(NULL, 0, VIR_ERR_INVALID_ARG, -2, NULL);
    expectError("<network><name>n</name>", 0, VIR_ERR_XML_DETAIL, VIR_FROM_NETWORK, NULL);
    expectError("<domain type='test'/>", 0, VIR_ERR_XML_ERROR, VIR_FROM_XML,
                "expecting root element of 'network', not 'domain'");
    expectError("<network><uuid>c0a1b2c3-0000-4000-9000-000000000001</uuid></network>", 0,
                VIR_ERR_NO_NAME, VIR_FROM_NETWORK, "");   /* the code's own text only */
    expectError("<network><name>n</name><forward mode='nat '/></network>", 0,
                VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_NETWORK, "unknown forwarding type 'nat '");
    expectError("<network><name>n</name><forward/></network>", 0, VIR_ERR_XML_ERROR, VIR_FROM_NETWORK,
                "nat forwarding requested, but no IP address provided for network 'n'");
    expectError("<network><name>n</name><ip address='1.2.3.4' prefix='24'><dhcp>"
                "<range start='1.2.3.9' end='1.2.3.5'/></dhcp></ip></network>", 0,
                VIR_ERR_INTERNAL_ERROR, 0, "range 1.2.3.9 - 1.2.3.5 is reversed ");
    expectError("<network><name>n</name><vlan><tag id='5000'/></vlan></network>", 0,
                VIR_ERR_XML_ERROR, 0, "vlan tag id 5000 too large (maximum 4095)");
    expectError("<network><name>n</name><mac address='01:00:00:00:00:01'/></network>", 0, VIR_ERR_XML_ERROR,
                VIR_FROM_NETWORK, "Invalid multicast bridge mac address '01:00:00:00:00:01' in network 'n'");
    /* the grammar only with VALIDATE */
    expectError("<network><name>n</name><bogus/></network>", VIRT_XML_VALIDATE,
                VIR_ERR_XML_INVALID_SCHEMA, VIR_FROM_XML, NULL);
}

static void test_defaults(void)
{
    virtXMLError err = { 0 };
    virtNetworkDef *n = virtNetworkDefParse("<network><name>n</name><forward dev='eth0'/><bridge name='br5'/>"
                                            "<ip address='1.2.3'/><vlan><tag id='1'/><tag id='2'/></vlan></network>",
                                            0, &err);
    char *out = n ? virtNetworkDefFormat(n, 0) : NULL;

    CHECK(n != NULL && n->uuid_set);
    if (n) {
        CHECK_STR(n->forward->mode, "nat");
        CHECK_STR(virtNetworkDefBridgeName(n), "br5");
        CHECK(n->forward->ninterface == 1);
        CHECK(out && strstr(out, "<forward dev='eth0' mode='nat'>\n    <interface dev='eth0'/>\n  </forward>"));
        CHECK(out && strstr(out, "<bridge name='br5' stp='on' delay='0'/>"));
        CHECK(out && strstr(out, "<ip address='1.2.0.3'>\n  </ip>"));
        CHECK(out && strstr(out, "<vlan trunk='yes'>"));
    }
    free(out);
    virtNetworkDefFree(n);
    n = virtNetworkDefParse("<network><name>iso</name><forward mode='bridge'/></network>", 0, &err);
    CHECK(n && n->bridge == NULL && virtNetworkDefBridgeName(n) == NULL);
    virtNetworkDefFree(n);
    virtXMLErrorClear(&err);
}

/* Repeated single elements: the first one counts, the later ones must
 * not leak (found by fuzz_network_xml). */
static void test_repeated_elements(void)
{
    virtXMLError err = { 0 };
    virtNetworkDef *net = virtNetworkDefParse("<network><name>n1</name><name>n2</name><bridge name='b1'/>"
                                              "<bridge name='b2'/><forward mode='route'/><forward mode='nat'/>"
                                              "<ip address='10.0.0.1'/></network>", 0, &err);
    char *out = net ? virtNetworkDefFormat(net, 0) : NULL;

    CHECK(net != NULL);
    CHECK(out && strstr(out, "<name>n1</name>") && !strstr(out, "<name>n2</name>") && !strstr(out, "'b2'"));
    CHECK(out && strstr(out, "mode='route'") && !strstr(out, "mode='nat'"));
    free(out);
    virtNetworkDefFree(net);
    virtXMLErrorClear(&err);
}

static void *parseMany(void *arg)
{
    long failures = 0;
    (void) arg;
    for (int i = 0; i < 50; i++) {
        virtXMLError err = { 0 };
        virtNetworkDef *n = virtNetworkDefParse("<network><name>n</name></network>", VIRT_XML_VALIDATE, &err);
        if (!n)
            failures++;
        virtNetworkDefFree(n);
        virtXMLErrorClear(&err);
    }
    return (void *) failures;
}

static void test_threads(void)
{
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        CHECK(pthread_create(&t[i], NULL, parseMany, NULL) == 0);
    for (int i = 0; i < 4; i++) {
        void *r = NULL;
        pthread_join(t[i], &r);
        CHECK(r == NULL);
    }
}

int main(int argc, char **argv)
{
    dataDir = argc > 1 ? argv[1] : "data";
    TEST_RUN(test_default);
    TEST_RUN(test_isolated);
    TEST_RUN(test_route_hosts);
    TEST_RUN(test_errors);
    TEST_RUN(test_defaults);
    TEST_RUN(test_repeated_elements);
    TEST_RUN(test_threads);
    TEST_DONE();
}
