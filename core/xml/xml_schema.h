/* xml_schema.h: parsing text into libxml2 documents and validating them
 * against the RelaxNG schemas embedded at build time. */
#ifndef VIRT_XML_SCHEMA_H
#define VIRT_XML_SCHEMA_H

#include <stdbool.h>
#include <libxml/tree.h>

#include "xml_error.h"
#include "xml_model.h"

/* Validate doc against one of the embedded schemas: "domain", "network",
 * "capabilities", "testnode". 0, or -1 with err set (VIR_ERR_XML_ERROR,
 * message naming element and line). Thread-safe for distinct documents;
 * on failure the document is probed (children unlinked and put back,
 * attributes re-set) to find the culprit, so attribute order may change. */
int virtXMLValidate(xmlDocPtr doc, const char *schema, virtXMLError *err);

/* Validate doc against the grammar generated for a model kind
 * (abi/xml/KIND/): 0, or -1 with VIR_ERR_XML_INVALID_SCHEMA naming the
 * first offending element, its line and what is wrong with it. */
int virtXMLValidateKind(xmlDocPtr doc, const virtXMLKind *k, virtXMLError *err);

/* The enum attributes libvirt refuses with surrounding blanks ('test '),
 * for kinds whose model is not generated yet: 0 or -1 with err set. */
int virtXMLCheckPaddedWords(xmlDocPtr doc, const char *schema, virtXMLError *err);

/* Parse text into a document (VIR_ERR_XML_ERROR with line on malformed
 * input). `what` names the document in messages, e.g. "domain". The
 * caller frees the result with xmlFreeDoc. No network, no entities. */
xmlDocPtr virtXMLParse(const char *text, const char *what, virtXMLError *err);

/* Check the root element of a parsed document, as libvirt does before
 * anything else: 0, or -1 with VIR_ERR_XML_ERROR "expecting root element
 * of 'NAME', not 'OTHER'" from VIR_FROM_XML, and with VIR_ERR_NO_NAME
 * (no message of its own) when named is set and the root has no <name>. */
int virtXMLCheckRoot(xmlDocPtr doc, const char *name, bool named, virtXMLError *err);

/* Parse a file the same way (for virt-xml-validate and node files). */
xmlDocPtr virtXMLParseFile(const char *path, virtXMLError *err);

/* The embedded RelaxNG text of a schema, or NULL for an unknown name. */
const char *virtXMLSchemaText(const char *schema);

/* The schema that fits a document's root element name: domain, network,
 * capabilities, node -> testnode; NULL when none does. */
const char *virtXMLSchemaForRoot(const char *root);

#endif /* VIRT_XML_SCHEMA_H */
