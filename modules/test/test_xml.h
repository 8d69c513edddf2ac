/* test_xml.h: reading the small XML documents of storage, interfaces,
 * snapshots and checkpoints. Errors are reported on conn. */
#ifndef VIRT_TEST_XML_H
#define VIRT_TEST_XML_H

#include <libxml/tree.h>

#include "test_driver.h"
#include "xml_util.h"

/* An error of the snapshot documents and rules, in libvirt's domain. */
#define SNAP_ERROR(conn, code, ...) \
    testCore->error((conn), VIR_FROM_DOMAIN_SNAPSHOT, (code), __VA_ARGS__)

/* Parse xml whose root element must be rootName; NULL after reporting.
 * The caller frees the document with xmlFreeDoc. */
xmlDocPtr testXMLRead(virConnectPtr conn, const char *xml, const char *rootName);
/* Text of the first child element called name (malloc'd), or NULL. */
char *testXMLChildText(xmlNodePtr node, const char *name);
/* Bytes in one of libvirt's size units, 0 for an unknown one. */
unsigned long long testXMLUnitScale(const char *unit);
/* A size element with an optional unit attribute, in bytes. Returns 0,
 * 1 when absent, or -1 after reporting a bad value. */
int testXMLSize(virConnectPtr conn, xmlNodePtr parent, const char *name,
                unsigned long long *bytes);

#endif /* VIRT_TEST_XML_H */
