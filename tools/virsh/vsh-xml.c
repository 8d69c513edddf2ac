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
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
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
