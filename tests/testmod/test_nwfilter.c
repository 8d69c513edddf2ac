/* Network filters and their bindings on test:///default: define, look
 * up, list, XML round trip, redefinition clashes, in-use filters and
 * binding create/lookup/delete. */
#include <stdlib.h>
#include <string.h>

#include "testmod_util.h"

#define F_UUID "d217f2d7-5a04-0e01-8b98-ec2743436b74"
#define F_XML                                                                   \
    "<filter name='no-spoof' chain='ipv4' priority='-700'>\n"                   \
    "  <uuid>" F_UUID "</uuid>\n"                                               \
    "  <rule action='drop' direction='out' priority='500'>\n"                   \
    "    <ip match='no' srcipaddr='$IP'/>\n"                                    \
    "  </rule>\n"                                                               \
    "</filter>\n"
#define B_XML(port, filter)                                                     \
    "<filterbinding><owner><name>test</name>"                                   \
    "<uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid></owner>"                 \
    "<portdev name='" port "'/><mac address='52:54:00:00:00:01'/>"              \
    "<filterref filter='" filter "'><parameter name='IP' value='10.0.0.1'/></filterref>" \
    "</filterbinding>"

static void testFilters(void)
{
    virConnectPtr c = testmodOpenDefault();
    char uuid[VIR_UUID_STRING_BUFLEN];
    char *names[4] = { 0 };
    virNWFilterPtr *list = NULL;

    CHECK(virConnectNumOfNWFilters(c) == 0);
    virNWFilterPtr f = virNWFilterDefineXML(c, F_XML);
    CHECK(f != NULL);
    if (!f)
        goto out;
    CHECK_STR(virNWFilterGetName(f), "no-spoof");
    CHECK(virNWFilterGetUUIDString(f, uuid) == 0);
    CHECK_STR(uuid, F_UUID);
    char *xml = virNWFilterGetXMLDesc(f, 0);
    CHECK_STR(xml, F_XML);      /* rules are kept verbatim */
    free(xml);

    /* Without a uuid one is made and shows in the definition. */
    virNWFilterPtr g = virNWFilterDefineXMLFlags(c, "<filter name='other'><rule action='accept' direction='in'/></filter>",
                                                 VIR_NWFILTER_DEFINE_VALIDATE);
    CHECK(g != NULL);
    xml = g ? virNWFilterGetXMLDesc(g, 0) : NULL;
    CHECK(g && virNWFilterGetUUIDString(g, uuid) == 0 && xml && strstr(xml, uuid));
    CHECK(xml && strstr(xml, "<rule action=\"accept\" direction=\"in\"/>"));
    free(xml);

    CHECK(virConnectNumOfNWFilters(c) == 2);
    CHECK(virConnectListNWFilters(c, names, 4) == 2);
    CHECK_STR(names[0], "no-spoof");
    CHECK_STR(names[1], "other");
    free(names[0]);
    free(names[1]);
    CHECK(virConnectListAllNWFilters(c, &list, 0) == 2);
    for (int i = 0; list && i < 2; i++)
        virNWFilterFree(list[i]);
    free(list);

    virNWFilterPtr byName = virNWFilterLookupByName(c, "no-spoof");
    virNWFilterPtr byUUID = virNWFilterLookupByUUIDString(c, F_UUID);
    CHECK(byName && byUUID);
    virNWFilterFree(byName);
    virNWFilterFree(byUUID);
    CHECK_ERR(virNWFilterLookupByName(c, "nope") == NULL, VIR_ERR_NO_NWFILTER);
    CHECK_ERR(virNWFilterLookupByUUIDString(c, "00000000-0000-0000-0000-000000000001") == NULL, VIR_ERR_NO_NWFILTER);

    /* Same name, other uuid; same uuid, other name. */
    CHECK_ERR(virNWFilterDefineXML(c, "<filter name='no-spoof'><uuid>00000000-0000-0000-0000-000000000002</uuid></filter>") == NULL,
              VIR_ERR_OPERATION_FAILED);
    CHECK_ERR(virNWFilterDefineXML(c, "<filter name='renamed'><uuid>" F_UUID "</uuid></filter>") == NULL,
              VIR_ERR_OPERATION_FAILED);
    CHECK_ERR(virNWFilterDefineXML(c, "<filter/>") == NULL, VIR_ERR_XML_ERROR);
    CHECK_ERR(virNWFilterDefineXML(c, "<filter name='x'") == NULL, VIR_ERR_XML_DETAIL);
    /* Redefinition with the same name and uuid replaces the rules. */
    virNWFilterPtr again = virNWFilterDefineXML(c, "<filter name='no-spoof'><uuid>" F_UUID "</uuid></filter>");
    CHECK(again != NULL);
    xml = virNWFilterGetXMLDesc(f, 0);
    CHECK(xml && !strstr(xml, "rule"));
    free(xml);
    virNWFilterFree(again);

    CHECK(virNWFilterUndefine(g) == 0);
    CHECK_ERR(virNWFilterUndefine(g) < 0, VIR_ERR_NO_NWFILTER);
    virNWFilterFree(g);
    CHECK(virNWFilterUndefine(f) == 0);
    CHECK(virConnectNumOfNWFilters(c) == 0);
    virNWFilterFree(f);
 out:
    virConnectClose(c);
}

static void testBindings(void)
{
    virConnectPtr c = testmodOpenDefault();
    virNWFilterBindingPtr *list = NULL;
    virNWFilterPtr f = virNWFilterDefineXML(c, F_XML);
    CHECK(f != NULL);

    CHECK_ERR(virNWFilterBindingCreateXML(c, B_XML("vnet0", "missing"), 0) == NULL, VIR_ERR_NO_NWFILTER);
    CHECK_ERR(virNWFilterBindingCreateXML(c, "<filterbinding/>", 0) == NULL, VIR_ERR_XML_ERROR);
    virNWFilterBindingPtr b = virNWFilterBindingCreateXML(c, B_XML("vnet0", "no-spoof"), 0);
    CHECK(b != NULL);
    if (!b)
        goto out;
    CHECK_STR(virNWFilterBindingGetPortDev(b), "vnet0");
    CHECK_STR(virNWFilterBindingGetFilterName(b), "no-spoof");
    char *xml = virNWFilterBindingGetXMLDesc(b, 0);
    CHECK_STR(xml, B_XML("vnet0", "no-spoof"));
    free(xml);
    CHECK_ERR(virNWFilterBindingCreateXML(c, B_XML("vnet0", "no-spoof"), 0) == NULL, VIR_ERR_OPERATION_FAILED);

    CHECK(virConnectListAllNWFilterBindings(c, &list, 0) == 1);
    if (list) {
        CHECK_STR(virNWFilterBindingGetPortDev(list[0]), "vnet0");
        virNWFilterBindingFree(list[0]);
        free(list);
    }
    virNWFilterBindingPtr found = virNWFilterBindingLookupByPortDev(c, "vnet0");
    CHECK(found != NULL);
    virNWFilterBindingFree(found);
    CHECK_ERR(virNWFilterBindingLookupByPortDev(c, "vnet9") == NULL, VIR_ERR_NO_NWFILTER_BINDING);

    /* A filter in use stays. */
    CHECK_ERR(virNWFilterUndefine(f) < 0, VIR_ERR_OPERATION_INVALID);
    CHECK(virNWFilterBindingDelete(b) == 0);
    CHECK_ERR(virNWFilterBindingDelete(b) < 0, VIR_ERR_NO_NWFILTER_BINDING);
    CHECK_ERR(virNWFilterBindingGetXMLDesc(b, 0) == NULL, VIR_ERR_NO_NWFILTER_BINDING);
    CHECK(virConnectListAllNWFilterBindings(c, NULL, 0) == 0);
    CHECK(virNWFilterUndefine(f) == 0);
    virNWFilterBindingFree(b);
 out:
    virNWFilterFree(f);
    virConnectClose(c);
}

int main(void)
{
    TEST_RUN(testFilters);
    TEST_RUN(testBindings);
    TEST_DONE();
}
