/* xml_util.h: small helpers the format parsers and formatters share:
 * reading attributes and text from libxml2 nodes, writing indented
 * elements. Internal to core/xml. */
#ifndef VIRT_XML_UTIL_H
#define VIRT_XML_UTIL_H

#include <libxml/tree.h>

#include "util.h"
#include "xml_error.h"

/* Attribute value (malloc'd copy) or NULL when absent. */
char *virtXMLProp(xmlNodePtr node, const char *name);
/* Text content (malloc'd copy, never NULL for an element). */
char *virtXMLText(xmlNodePtr node);
/* Whole-number text or attribute; NULL str gives -1 with no error. */
int virtXMLParseULL(const char *str, unsigned long long *out);
int virtXMLParseInt(const char *str, int *out);
/* Element name compare. */
int virtXMLIs(xmlNodePtr node, const char *name);
/* Whether no earlier element sibling of node has its name: libvirt reads
 * the first of repeated single elements and ignores the rest. */
int virtXMLIsFirst(xmlNodePtr node);
/* First element child named name, or NULL. */
xmlNodePtr virtXMLChild(xmlNodePtr node, const char *name);

/* Writing: "<name>escaped text</name>" on its own line at indent. */
void virtXMLBufIndent(virtBuf *b, int indent);
void virtXMLBufTextElem(virtBuf *b, int indent, const char *name, const char *text);
/* " name='escaped value'" when value is not NULL. */
void virtXMLBufAttr(virtBuf *b, const char *name, const char *value);

#endif /* VIRT_XML_UTIL_H */
