/* vsh-xml.c: XPath questions on the XML documents the library returns
 * (domblklist, domiflist ... read the domain's XML as libvirt's virsh
 * does). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "vsh.h"

struct vshXml {
    xmlDocPtr doc;
    xmlXPathContextPtr ctxt;
};

vshXml *vshXmlParse(vshControl *ctl, const char *text)
{
    vshXml *x = calloc(1, sizeof(*x));

    if (!x)
        return NULL;
    x->doc = xmlReadMemory(text, (int)strlen(text), "domain.xml", NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOBLANKS);
    if (!x->doc || !(x->ctxt = xmlXPathNewContext(x->doc))) {
        vshError(ctl, "%s", "failed to parse the XML document");
        vshXmlFree(x);
        return NULL;
    }
    return x;
}

void vshXmlFree(vshXml *x)
{
    if (!x)
        return;
    xmlXPathFreeContext(x->ctxt);
    xmlFreeDoc(x->doc);
    free(x);
}

static xmlXPathObjectPtr evalAt(vshXml *x, xmlNodePtr at, const char *expr)
{
    x->ctxt->node = at ? at : xmlDocGetRootElement(x->doc);
    return xmlXPathEvalExpression((const xmlChar *)expr, x->ctxt);
}

int vshXmlCount(vshXml *x, const char *expr)
{
    xmlXPathObjectPtr obj = evalAt(x, NULL, expr);
    int n = 0;

    if (obj && obj->type == XPATH_NODESET && obj->nodesetval)
        n = obj->nodesetval->nodeNr;
    xmlXPathFreeObject(obj);
    return n;
}

char *vshXmlString(vshXml *x, const char *base, int nth, const char *expr)
{
    xmlXPathObjectPtr baseObj = NULL, obj = NULL;
    xmlNodePtr at = NULL;
    char *value = NULL;

    if (base) {
        baseObj = evalAt(x, NULL, base);
        if (!baseObj || baseObj->type != XPATH_NODESET || !baseObj->nodesetval ||
            nth >= baseObj->nodesetval->nodeNr)
            goto cleanup;
        at = baseObj->nodesetval->nodeTab[nth];
    }
    obj = evalAt(x, at, expr);
    if (obj) {
        xmlChar *s = xmlXPathCastToString(obj);
        if (s && *s)
            value = strdup((const char *)s);
        xmlFree(s);
    }

 cleanup:
    xmlXPathFreeObject(obj);
    xmlXPathFreeObject(baseObj);
    return value;
}

/* One node as XML text, indented one level deeper when nested. */
static void printNode(vshControl *ctl, xmlDocPtr doc, xmlNodePtr node, bool nested)
{
    xmlBufferPtr buf = xmlBufferCreate();

    if (!buf)
        return;
    if (xmlNodeDump(buf, doc, node, nested ? 1 : 0, 1) >= 0)
        vshPrint(ctl, "%s%s\n", nested ? "  " : "", (const char *)xmlBufferContent(buf));
    xmlBufferFree(buf);
}

/* A *-dumpxml result: the whole document, or with --xpath what the
 * expression selects (--wrap puts the nodes under one <nodes> root). */
bool vshPrintXml(vshControl *ctl, const vshCmd *cmd, const char *text)
{
    const char *expr = vshOptString(cmd, "xpath");
    bool wrap = vshOptBool(cmd, "wrap");
    xmlXPathObjectPtr obj;
    vshXml *x;

    if (!expr) {
        vshPrint(ctl, "%s", text);
        return true;
    }
    if (!(x = vshXmlParse(ctl, text)))
        return false;
    if (!(obj = evalAt(x, NULL, expr))) {
        vshError(ctl, "Failed to evaluate XPath '%s'", expr);
        vshXmlFree(x);
        return false;
    }
    if (obj->type != XPATH_NODESET) {
        vshError(ctl, "internal error: Incorrect xpath '%s'", expr);
        xmlXPathFreeObject(obj);
        vshXmlFree(x);
        return false;
    }
    {
        int n = obj->nodesetval ? obj->nodesetval->nodeNr : 0;
        if (wrap)
            vshPrint(ctl, "%s\n", n ? "<nodes>" : "<nodes/>");
        for (int i = 0; i < n; i++)
            printNode(ctl, x->doc, obj->nodesetval->nodeTab[i], wrap);
        if (wrap && n)
            vshPrint(ctl, "</nodes>\n");
    }
    xmlXPathFreeObject(obj);
    vshXmlFree(x);
    return true;
}
