/* test_xml.c: helpers for the module's own small XML formats. */
#include <string.h>
#include <stdlib.h>
#include <strings.h>

#include <libxml/parser.h>

#include "test_xml.h"
#include "xml_schema.h"

xmlDocPtr testXMLRead(virConnectPtr conn, const char *xml, const char *rootName)
{
    virtXMLError err = { 0 };
    /* <device> is a node device here, not a domain's device */
    xmlDocPtr doc = virtXMLParse(xml, strcmp(rootName, "device") == 0 ? "node device" : rootName,
                                 &err);
    if (!doc) {
        testReportXMLError(conn, &err);
        return NULL;
    }
    if (virtXMLCheckRoot(doc, rootName, false, &err) < 0) {
        testReportXMLError(conn, &err);
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

char *testXMLChildText(xmlNodePtr node, const char *name)
{
    xmlNodePtr child = virtXMLChild(node, name);
    return child ? virtXMLText(child) : NULL;
}

unsigned long long testXMLUnitScale(const char *unit)
{
    /* libvirt's scaled units: powers of 1024 by default, of 1000 for the
     * "B" decimal spellings. */
    static const struct { const char *unit; unsigned long long scale; } units[] = {
        { "b", 1 }, { "bytes", 1 },
        { "k", 1024ULL }, { "KiB", 1024ULL }, { "KB", 1000ULL },
        { "M", 1ULL << 20 }, { "MiB", 1ULL << 20 }, { "MB", 1000000ULL },
        { "G", 1ULL << 30 }, { "GiB", 1ULL << 30 }, { "GB", 1000000000ULL },
        { "T", 1ULL << 40 }, { "TiB", 1ULL << 40 }, { "TB", 1000000000000ULL },
    };
    /* Exact spelling, or one letter in either case. */
    for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
        if (strcmp(unit, units[i].unit) == 0 ||
            (strlen(unit) == 1 && strcasecmp(unit, units[i].unit) == 0))
            return units[i].scale;
    return 0;
}

int testXMLSize(virConnectPtr conn, xmlNodePtr parent, const char *name,
                unsigned long long *bytes)
{
    xmlNodePtr node = virtXMLChild(parent, name);
    unsigned long long value, scale = 1;
    int ret = -1;
    if (!node)
        return 1;
    char *unit = virtXMLProp(node, "unit");
    char *text = virtXMLText(node);
    if (unit)
        scale = testXMLUnitScale(unit);
    if (!scale || virtXMLParseULL(text, &value) < 0 || (value && scale > ~0ULL / value)) {
        TEST_ERROR(conn, VIR_ERR_XML_ERROR, "invalid <%s> value '%s'%s%s", name, text,
                   unit ? " with unit " : "", unit ? unit : "");
        goto cleanup;
    }
    *bytes = value * scale;
    ret = 0;
 cleanup:
    free(unit);
    free(text);
    return ret;
}
