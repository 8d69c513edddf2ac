/* test_xml_model: the generic engine on a made-up kind that uses every
 * construct of the description language (tests/xml/gen/sample/): parse,
 * canonical format, views, defaults, errors, copy and the grammar. */
#include <libvirt/virterror.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "util.h"
#include "sample_model.h"
#include "xml_schema.h"

/* Canonical form: attributes and children in description order. */
static const char canonical[] =
    "<sample type='box' id='3' xmlns:test='http://example.org/sample-test'>\n"
    "  <name>one &amp; two</name>\n"
    "  <uuid>8f07fdd4-8e6d-4d6f-b4a3-2c5d3c6f1a01</uuid>\n"
    "  <size unit='KiB'>2048</size>\n"
    "  <weight unit='bytes'>1500</weight>\n"
    "  <colour>blue</colour>\n"
    "  <tag>a</tag>\n"
    "  <tag>b</tag>\n"
    "  <fragile/>\n"
    "  <metadata>\n"
    "    <app:x xmlns:app=\"http://example.org/app\">1</app:x>\n"
    "  </metadata>\n"
    "  <slot bus='0x0a' sealed='yes' power='off' count='7'>inner</slot>\n"
    "  <item type='box' mac='52:54:00:0a:0b:0c' bus='0x01'>\n"
    "    <lid open='no'/>\n"
    "    <label>first</label>\n"
    "  </item>\n"
    "  <item type='crate' bus='12'>\n"
    "    <nail>n1</nail>\n"
    "    <lid nails='4'/>\n"
    "  </item>\n"
    "  <secret passwd='pw'/>\n"
    "  <shelf room='4' unit='KiB' label='top'>\n"
    "  </shelf>\n"
    "  <test:extra>5</test:extra>\n"
    "</sample>\n";

static virtSample *parse(const char *xml, unsigned int flags, virtXMLError *err)
{
    return virtXMLModelParse(&virtXMLKind_sample, xml, flags, err);
}

static void test_canonical_fixed_point(void)
{
    virtXMLError err = { 0 };
    virtSample *s = parse(canonical, VIRT_XML_VALIDATE, &err);
    char *out;

    CHECK(s != NULL);
    if (!s) {
        printf("#   %s\n", err.message);
        virtXMLErrorClear(&err);
        return;
    }
    out = virtXMLModelFormat(&virtXMLKind_sample, s, VIRT_XML_SECURE);
    CHECK_STR(out, canonical);
    CHECK(s->nitem == 2 && s->item[0]->box.bus == 1 && s->item[1]->crate.bus == 12);
    CHECK(s->item[0]->box.lid->open == 2 && s->item[1]->crate.lid->nails == 4);
    CHECK(s->size == 2048 && s->slot->sealed == 1 && s->slot->power == 2);
    CHECK(s->test_extra_set && s->test_extra == 5);
    CHECK(s->shelf && s->shelf->room == 4 && s->shelf->room_set);
    free(out);
    virtXMLModelFree(&virtXMLElem_sample_sample, s);
}

static void test_any_order_units_and_defaults(void)
{
    const char *in =
        "<sample type='crate'><slot bus='10'/><weight unit='KB'>2</weight>"
        "<size unit='MiB'>1</size><name>n</name><shelf room='3' unit='MiB'/><junk a='1'/><uuid>8f07fdd48e6d4d6fb4a32c5d3c6f1a01</uuid>"
        "</sample>";
    virtXMLError err = { 0 };
    virtSample *s = parse(in, 0, &err);
    char *out;

    CHECK(s != NULL);
    if (!s)
        return;
    out = virtXMLModelFormat(&virtXMLKind_sample, s, 0);
    CHECK_STR(out,
              "<sample type='crate'>\n"
              "  <name>n</name>\n"
              "  <uuid>8f07fdd4-8e6d-4d6f-b4a3-2c5d3c6f1a01</uuid>\n"
              "  <size unit='KiB'>1024</size>\n"
              "  <weight unit='bytes'>2000</weight>\n"
              "  <colour>red</colour>\n"
              "  <slot bus='0x0a'/>\n"
              "  <shelf room='3072' unit='KiB'>\n"
              "  </shelf>\n"
              "</sample>\n");
    free(out);
    virtXMLModelFree(&virtXMLElem_sample_sample, s);
}

static void test_views(void)
{
    virtSample *s = parse(canonical, 0, NULL);
    char *out = virtXMLModelFormat(&virtXMLKind_sample, s, VIRT_XML_INACTIVE);

    CHECK(strstr(out, "id='3'") == NULL);
    CHECK(strstr(out, "passwd") == NULL);
    CHECK(strstr(out, "<secret/>") != NULL);
    free(out);
    virtXMLModelFree(&virtXMLElem_sample_sample, s);
}

static void test_copy(void)
{
    virtSample *s = parse(canonical, 0, NULL);
    virtSample *c = virtXMLModelCopy(&virtXMLElem_sample_sample, s);
    char *a, *b;

    virtXMLModelFree(&virtXMLElem_sample_sample, s);
    a = virtXMLModelFormat(&virtXMLKind_sample, c, VIRT_XML_SECURE);
    b = NULL;
    CHECK_STR(a, canonical);
    c->item[0]->mac[0] = 'f';     /* the copy owns its strings */
    b = virtXMLModelFormat(&virtXMLKind_sample, c, VIRT_XML_SECURE);
    CHECK(strcmp(a, b) != 0);
    free(a);
    free(b);
    virtXMLModelFree(&virtXMLElem_sample_sample, c);
}

static void expectError(const char *xml, unsigned int flags, int code, const char *needle)
{
    virtXMLError err = { 0 };
    virtSample *s = parse(xml, flags, &err);

    CHECK(s == NULL);
    virtXMLModelFree(&virtXMLElem_sample_sample, s);
    if (err.code != code || !err.message || !strstr(err.message, needle)) {
        printf("#   want %d '%s', got %d '%s'\n", code, needle, err.code,
               err.message ? err.message : "(null)");
        harnessCurrentFailed = 1;
    }
    virtXMLErrorClear(&err);
}

static void test_errors(void)
{
    expectError("<sample type='jar'><name>n</name><slot/></sample>", 0, VIR_ERR_XML_ERROR,
                "Invalid value for attribute 'type' in element 'sample': 'jar'.");
    expectError("<sample><name>n</name><slot/></sample>", 0, VIR_ERR_XML_ERROR,
                "Missing required attribute 'type' in element 'sample'");
    expectError("<sample type='box'><slot/></sample>", 0, VIR_ERR_XML_ERROR,
                "Missing required element 'name' in element 'sample'");
    expectError("<sample type='box'><name>n</name><slot bus='x'/></sample>", 0, VIR_ERR_XML_ERROR,
                "'bus' in element 'slot'");
    expectError("<sample type='box'><name>n</name><item type='box' mac='01:02'/><slot/></sample>", 0,
                VIR_ERR_XML_ERROR, "'01:02'");
    expectError("<sample type='box'><name>n</name><uuid>zz</uuid><slot/></sample>", 0,
                VIR_ERR_XML_ERROR, "'zz'");
    expectError("<other/>", 0, VIR_ERR_XML_ERROR, "expecting root element of 'sample'");
    /* unknown content is ignored without VALIDATE and refused with it */
    expectError("<sample type='box'><name>n</name><slot/><junk/></sample>", VIRT_XML_VALIDATE,
                VIR_ERR_XML_INVALID_SCHEMA, "junk");
    expectError("<sample type='box'><name>n</name><item type='box'><nail>x</nail></item><slot/></sample>",
                VIRT_XML_VALIDATE, VIR_ERR_XML_INVALID_SCHEMA, "nail");
}

int main(void)
{
    TEST_RUN(test_canonical_fixed_point);
    TEST_RUN(test_any_order_units_and_defaults);
    TEST_RUN(test_views);
    TEST_RUN(test_copy);
    TEST_RUN(test_errors);
    TEST_DONE();
}
