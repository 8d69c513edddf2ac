/* xml_util.c: node reading and indented writing helpers. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "xml_util.h"

char *virtXMLProp(xmlNodePtr node, const char *name)
{
    xmlChar *v = xmlGetNoNsProp(node, BAD_CAST name);
    char *copy;

    if (!v)
        return NULL;
    copy = virtStrdup((const char *) v);
    xmlFree(v);
    return copy;
}

char *virtXMLText(xmlNodePtr node)
{
    xmlChar *v = xmlNodeGetContent(node);
    char *copy = virtStrdup(v ? (const char *) v : "");

    xmlFree(v);
    return copy;
}

int virtXMLIsFirst(xmlNodePtr node)
{
    for (xmlNodePtr p = node->prev; p; p = p->prev)
        if (p->type == XML_ELEMENT_NODE && xmlStrEqual(p->name, node->name))
            return 0;
    return 1;
}

int virtXMLParseULL(const char *str, unsigned long long *out)
{
    char *end;

    if (!str)
        return -1;
    while (*str == ' ' || *str == '\t' || *str == '\n' || *str == '\r')
        str++;
    if (*str == '-' || *str == '\0')
        return -1;
    errno = 0;
    *out = strtoull(str, &end, 10);
    if (errno != 0 || end == str)
        return -1;
    while (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r')
        end++;
    return *end == '\0' ? 0 : -1;
}

int virtXMLParseInt(const char *str, int *out)
{
    char *end;
    long v;

    if (!str)
        return -1;
    errno = 0;
    v = strtol(str, &end, 10);
    if (errno != 0 || end == str || v < -2147483647L - 1 || v > 2147483647L)
        return -1;
    while (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r')
        end++;
    if (*end != '\0')
        return -1;
    *out = (int) v;
    return 0;
}

int virtXMLIs(xmlNodePtr node, const char *name)
{
    return node && node->type == XML_ELEMENT_NODE && xmlStrEqual(node->name, BAD_CAST name);
}

xmlNodePtr virtXMLChild(xmlNodePtr node, const char *name)
{
    for (xmlNodePtr c = node ? node->children : NULL; c; c = c->next)
        if (virtXMLIs(c, name))
            return c;
    return NULL;
}

void virtXMLBufIndent(virtBuf *b, int indent)
{
    static const char spaces[] = "                                ";
    while (indent > 0) {
        int n = indent < 32 ? indent : 32;
        virtBufAddLen(b, spaces, (size_t) n);
        indent -= n;
    }
}

void virtXMLBufTextElem(virtBuf *b, int indent, const char *name, const char *text)
{
    if (!text)
        return;
    virtXMLBufIndent(b, indent);
    virtBufPrintf(b, "<%s>", name);
    virtBufEscapeXML(b, text);
    virtBufPrintf(b, "</%s>\n", name);
}

void virtXMLBufAttr(virtBuf *b, const char *name, const char *value)
{
    if (!value)
        return;
    virtBufPrintf(b, " %s='", name);
    virtBufEscapeXML(b, value);
    virtBufAdd(b, "'");
}
