/* test_domain_meta.c: a domain's title, description and the elements
 * applications keep in its <metadata>, one per namespace URI. */
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "test_driver.h"
#include "util.h"

static void notFound(virConnectPtr conn)
{
    testCore->error(conn, VIR_FROM_DOMAIN, VIR_ERR_NO_DOMAIN_METADATA,
                    "Requested metadata element is not present");
}

/* The element of <metadata> in namespace uri, or NULL. */
static xmlNodePtr findElement(xmlNodePtr metadata, const char *uri)
{
    for (xmlNodePtr c = metadata ? metadata->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && c->ns && c->ns->href &&
            strcmp((const char *) c->ns->href, uri) == 0)
            return c;
    return NULL;
}

/* An element as text, as the caller gave it: without the namespace and
 * prefix it was stored under. */
static char *elementText(xmlNodePtr node)
{
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr copy = xmlDocCopyNode(node, doc, 1);
    xmlDocSetRootElement(doc, copy);
    xmlReconciliateNs(doc, copy);
    xmlNsPtr own = copy->ns;
    xmlSetNs(copy, NULL);
    for (xmlNsPtr *p = &copy->nsDef; own && *p; p = &(*p)->next) {
        if (*p == own) {
            *p = own->next;
            own->next = NULL;
            xmlFreeNs(own);
            break;
        }
    }
    xmlBufferPtr xb = xmlBufferCreate();
    xmlNodeDump(xb, doc, copy, 0, 1);
    char *text = virtStrdup((const char *) xmlBufferContent(xb));
    xmlBufferFree(xb);
    xmlFreeDoc(doc);
    return text;
}

char *testDomainGetMetadata(virDomainPtr domain, int type, const char *uri, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, NULL);
    virConnectPtr conn = testCore->handle_conn(domain);
    testState *st;
    char *ret = NULL;

    /* What libvirt's entry point checks first. */
    if (type == VIR_DOMAIN_METADATA_ELEMENT && !uri) {
        testRawError(conn, VIR_ERR_INVALID_ARG, "uri in virDomainGetMetadata must not be NULL");
        return NULL;
    }
    if (type != VIR_DOMAIN_METADATA_ELEMENT && uri) {
        testRawError(conn, VIR_ERR_INVALID_ARG, "uri in virDomainGetMetadata must be NULL");
        return NULL;
    }
    testDomain *dom;
    const virtDomain *def = testDomainAcquireDef(domain, flags, &st, &dom);
    if (!def)
        return NULL;
    switch (type) {
    case VIR_DOMAIN_METADATA_DESCRIPTION:
    case VIR_DOMAIN_METADATA_TITLE: {
        const char *text = type == VIR_DOMAIN_METADATA_TITLE ? def->title : def->description;
        if (text && *text)
            ret = virtStrdup(text);
        else
            notFound(conn);
        break;
    }
    case VIR_DOMAIN_METADATA_ELEMENT: {
        xmlNodePtr node = findElement(def->metadata, uri);
        if (node)
            ret = elementText(node);
        else
            notFound(conn);
        break;
    }
    default:
        testCore->error(conn, VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, "unknown metadata type '%d'", type);
        break;
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}

/* The caller's element, put in namespace uri under prefix key; NULL after
 * reporting when it does not parse. */
static xmlNodePtr parseElement(virConnectPtr conn, const char *text, const char *key, const char *uri)
{
    xmlResetLastError();
    xmlDocPtr doc = xmlReadMemory(text, (int) strlen(text), "(metadata_xml)", NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc || !xmlDocGetRootElement(doc)) {
        const xmlError *e = xmlGetLastError();
        testCore->error(conn, VIR_FROM_DOMAIN, VIR_ERR_XML_DETAIL, "(metadata_xml):%d: %s",
                        e ? e->line : 1, e && e->message ? e->message : "not well formed");
        xmlFreeDoc(doc);
        return NULL;
    }
    xmlNodePtr node = xmlCopyNode(xmlDocGetRootElement(doc), 1);
    xmlFreeDoc(doc);
    xmlNsPtr ns = xmlNewNs(node, BAD_CAST uri, BAD_CAST key);
    xmlSetNs(node, ns);
    return node;
}

/* Apply one change to def: text for title and description (NULL or ""
 * removes), an element replacing the one of its namespace (NULL removes). */
static void applyChange(virtDomain *def, int type, const char *text, xmlNodePtr element, const char *uri)
{
    if (type != VIR_DOMAIN_METADATA_ELEMENT) {
        char **field = type == VIR_DOMAIN_METADATA_TITLE ? &def->title : &def->description;
        free(*field);
        *field = text && *text ? virtStrdup(text) : NULL;
        return;
    }
    xmlNodePtr old = findElement(def->metadata, uri);
    if (old) {
        xmlUnlinkNode(old);
        xmlFreeNode(old);
    }
    if (!element)
        return;
    if (!def->metadata)
        def->metadata = xmlNewNode(NULL, BAD_CAST "metadata");
    xmlAddChild(def->metadata, xmlCopyNode(element, 1));
}

int testDomainSetMetadata(virDomainPtr domain, int type, const char *metadata, const char *key,
                          const char *uri, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    virConnectPtr conn = testCore->handle_conn(domain);
    testState *st;
    int ret = -1;
    xmlNodePtr element = NULL;
    virtDomain *live, *config;

    /* What libvirt's entry point checks first. */
    switch (type) {
    case VIR_DOMAIN_METADATA_TITLE:
        if (metadata && strchr(metadata, '\n')) {
            testRawError(conn, VIR_ERR_INVALID_ARG, "metadata title can't contain newlines");
            return -1;
        }
        /* fall through */
    case VIR_DOMAIN_METADATA_DESCRIPTION:
        if (uri || key) {
            testRawError(conn, VIR_ERR_INVALID_ARG, "%s in virDomainSetMetadata must be NULL",
                         uri ? "uri" : "key");
            return -1;
        }
        break;
    case VIR_DOMAIN_METADATA_ELEMENT:
        if (!uri || (metadata && !key)) {
            testRawError(conn, VIR_ERR_INVALID_ARG, "%s in virDomainSetMetadata must not be NULL",
                         !uri ? "uri" : "key");
            return -1;
        }
        break;
    default:
        testCore->error(conn, VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, "unknown metadata type '%d'", type);
        return -1;
    }
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    if (testDomainPickDefs(conn, dom, flags, &live, &config) < 0)
        goto cleanup;
    if (type == VIR_DOMAIN_METADATA_ELEMENT && metadata &&
        !(element = parseElement(conn, metadata, key, uri)))
        goto cleanup;
    if (live)
        applyChange(live, type, metadata, element, uri);
    if (config && config != live)
        applyChange(config, type, metadata, element, uri);
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&st->lock);
    if (element)
        xmlFreeNode(element);
    if (ret == 0)
        testEventMetadata(st, domain, type, uri);
    return ret;
}
