/* test_domain_ns.c: the test driver's own elements inside a <domain>, in
 * the namespace http://libvirt.org/schemas/domain/test/1.0 (any prefix).
 * A node file uses them to set up a domain's state: <test:runstate>N,
 * <test:transient/>, <test:hasmanagedsave/> and <test:domainsnapshot>s.
 * libvirt reads them in every domain document the driver parses, so a
 * bad one is refused on define too; they are never written back. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "test_driver.h"
#include "util.h"
#include "xml_util.h"

#define TEST_NS_HREF "http://libvirt.org/schemas/domain/test/1.0"

static bool inTestNS(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
           xmlStrEqual(n->ns->href, BAD_CAST TEST_NS_HREF) && xmlStrEqual(n->name, BAD_CAST name);
}

/* The runstate text as libvirt reads an unsigned number: leading blanks
 * are allowed, nothing may follow, no sign; 1 when unset (empty). */
static int readRunstate(const char *text, unsigned int *out)
{
    char *end;
    if (!*text)
        return 1;
    if (strchr(text, '-'))
        return -1;
    errno = 0;
    unsigned long v = strtoul(text, &end, 10);
    if (errno || end == text || *end || v > UINT_MAX)
        return -1;
    *out = (unsigned int) v;
    return 0;
}

void testDomainNSClear(testDomainNS *ns)
{
    free(ns->snaps);
    xmlFreeDoc(ns->doc);
    memset(ns, 0, sizeof(*ns));
}

int testDomainNSRead(virConnectPtr conn, const char *xml, testDomainNS *ns)
{
    memset(ns, 0, sizeof(*ns));
    ns->runstate = VIR_DOMAIN_RUNNING;
    /* The caller parsed the document already: it is well-formed. */
    ns->doc = xmlReadMemory(xml, (int) strlen(xml), NULL, NULL,
                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    xmlNodePtr root = ns->doc ? xmlDocGetRootElement(ns->doc) : NULL;
    bool haveRunstate = false;
    for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next) {
        if (inTestNS(c, "transient")) {
            ns->transient = true;
        } else if (inTestNS(c, "hasmanagedsave")) {
            ns->managedSave = true;
        } else if (inTestNS(c, "domainsnapshot")) {
            ns->snaps = virtRealloc(ns->snaps, (ns->nsnaps + 1) * sizeof(*ns->snaps));
            ns->snaps[ns->nsnaps++] = c;
        } else if (inTestNS(c, "runstate") && !haveRunstate) {
            /* the first one counts */
            char *text = virtXMLText(c);
            unsigned int v = 0;
            int rc = readRunstate(text, &v);
            free(text);
            haveRunstate = true;
            if (rc < 0) {
                TEST_ERROR(conn, VIR_ERR_XML_ERROR, "invalid runstate");
                goto error;
            }
            if (rc == 0 && v >= VIR_DOMAIN_PMSUSPENDED + 1) {
                /* libvirt's text has the stray quote */
                TEST_ERROR(conn, VIR_ERR_XML_ERROR, "runstate '%u' out of range'", v);
                goto error;
            }
            if (rc == 0)
                ns->runstate = (int) v;
        }
    }
    if (ns->transient && ns->runstate == VIR_DOMAIN_SHUTOFF) {
        TEST_ERROR(conn, VIR_ERR_XML_ERROR, "transient domain cannot have runstate 'shutoff'");
        goto error;
    }
    if (ns->managedSave && ns->runstate != VIR_DOMAIN_SHUTOFF) {
        TEST_ERROR(conn, VIR_ERR_XML_ERROR,
                   "domain with managedsave data can only have runstate 'shutoff'");
        goto error;
    }
    return 0;

 error:
    testDomainNSClear(ns);
    return -1;
}

int testDomainNSCheck(virConnectPtr conn, const char *xml)
{
    testDomainNS ns;
    if (testDomainNSRead(conn, xml, &ns) < 0)
        return -1;
    testDomainNSClear(&ns);
    return 0;
}
