/* network_conf.c: <network> documents into virtNetworkDef and back. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdbool.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libvirt/virterror.h>

#include "domain_conf.h"   /* virtMACAddrValidate */
#include "network_conf.h"
#include "xml_schema.h"
#include "xml_util.h"

static void hostClear(struct virtNetworkDHCPHost *h)
{
    free(h->mac);
    free(h->name);
    free(h->ip);
}

void virtNetworkDefFree(virtNetworkDef *def)
{
    if (!def)
        return;
    free(def->name);
    free(def->bridge);
    free(def->forward_mode);
    free(def->forward_dev);
    free(def->ip_address);
    free(def->ip_netmask);
    free(def->dhcp_start);
    free(def->dhcp_end);
    for (size_t i = 0; i < def->nhosts; i++)
        hostClear(&def->hosts[i]);
    free(def->hosts);
    free(def);
}

virtNetworkDef *virtNetworkDefCopy(const virtNetworkDef *def)
{
    virtNetworkDef *c;

    if (!def)
        return NULL;
    c = virtAlloc(sizeof(*c));
    *c = *def;   /* scalars; every pointer is replaced below */
    c->name = virtStrdup(def->name);
    c->bridge = virtStrdup(def->bridge);
    c->forward_mode = virtStrdup(def->forward_mode);
    c->forward_dev = virtStrdup(def->forward_dev);
    c->ip_address = virtStrdup(def->ip_address);
    c->ip_netmask = virtStrdup(def->ip_netmask);
    c->dhcp_start = virtStrdup(def->dhcp_start);
    c->dhcp_end = virtStrdup(def->dhcp_end);
    c->hosts = def->nhosts ? virtAlloc(def->nhosts * sizeof(*c->hosts)) : NULL;
    for (size_t i = 0; i < def->nhosts; i++) {
        c->hosts[i].mac = virtStrdup(def->hosts[i].mac);
        c->hosts[i].name = virtStrdup(def->hosts[i].name);
        c->hosts[i].ip = virtStrdup(def->hosts[i].ip);
    }
    return c;
}

static int parseDHCP(virtNetworkDef *def, xmlNodePtr dhcp, virtXMLError *err)
{
    for (xmlNodePtr c = dhcp->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || (!virtXMLIs(c, "host") && !virtXMLIsFirst(c)))
            continue;
        if (virtXMLIs(c, "range")) {
            def->dhcp_start = virtXMLProp(c, "start");
            def->dhcp_end = virtXMLProp(c, "end");
        } else if (virtXMLIs(c, "host")) {
            struct virtNetworkDHCPHost h = {
                virtXMLProp(c, "mac"), virtXMLProp(c, "name"), virtXMLProp(c, "ip")
            };
            if (h.mac && virtMACAddrValidate(h.mac) < 0) {
                virtXMLErrorSet(err, VIR_ERR_XML_ERROR, "unable to parse mac address '%s' at line %ld",
                                h.mac, xmlGetLineNo(c));
                hostClear(&h);
                return -1;
            }
            for (char *p = h.mac; p && *p; p++)
                *p = (char) tolower((unsigned char) *p);
            def->hosts = virtRealloc(def->hosts, (def->nhosts + 1) * sizeof(*def->hosts));
            def->hosts[def->nhosts++] = h;
        } else {
            virtXMLErrorSet(err, VIR_ERR_XML_ERROR, "unsupported element '%s' at line %ld",
                            (const char *) c->name, xmlGetLineNo(c));
            return -1;
        }
    }
    return 0;
}

/* libvirt refuses an <ip> whose address or netmask is not an IPv4 or IPv6
 * address, whatever the grammar says. */
static bool badAddress(const char *addr, virtXMLError *err)
{
    unsigned char buf[sizeof(struct in6_addr)];

    if (!addr || inet_pton(AF_INET, addr, buf) == 1 || inet_pton(AF_INET6, addr, buf) == 1)
        return false;
    virtXMLErrorSet(err, VIR_ERR_XML_ERROR, "Invalid address '%s' in network", addr);
    return true;
}

static int parseNetwork(virtNetworkDef *def, xmlNodePtr root, virtXMLError *err)
{
    def->stp = 1;
    for (xmlNodePtr c = root->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || !virtXMLIsFirst(c))
            continue;
        if (virtXMLIs(c, "name")) {
            def->name = virtXMLText(c);
        } else if (virtXMLIs(c, "uuid")) {
            char *text = virtXMLText(c);
            int rc = virtUUIDParse(text, def->uuid);
            if (rc < 0)
                virtXMLErrorSet(err, VIR_ERR_XML_ERROR, "malformed uuid '%s' at line %ld", text, xmlGetLineNo(c));
            free(text);
            if (rc < 0)
                return -1;
            def->has_uuid = 1;
        } else if (virtXMLIs(c, "bridge")) {
            char *stp = virtXMLProp(c, "stp");
            char *delay = virtXMLProp(c, "delay");
            def->bridge = virtXMLProp(c, "name");
            def->stp = !stp || strcmp(stp, "on") == 0;
            if (delay && virtXMLParseInt(delay, &def->delay) < 0)
                def->delay = 0;
            free(stp);
            free(delay);
        } else if (virtXMLIs(c, "forward")) {
            def->forward_mode = virtXMLProp(c, "mode");
            if (!def->forward_mode)
                def->forward_mode = virtStrdup("nat");
            def->forward_dev = virtXMLProp(c, "dev");
        } else if (virtXMLIs(c, "ip")) {
            xmlNodePtr dhcp = virtXMLChild(c, "dhcp");
            def->ip_address = virtXMLProp(c, "address");
            def->ip_netmask = virtXMLProp(c, "netmask");
            if (badAddress(def->ip_address, err) || badAddress(def->ip_netmask, err))
                return -1;
            if (dhcp && parseDHCP(def, dhcp, err) < 0)
                return -1;
        }
    }
    if (!def->has_uuid && virtUUIDGenerate(def->uuid) < 0) {
        virtXMLErrorSet(err, VIR_ERR_INTERNAL_ERROR, "cannot generate a UUID: %s", strerror(errno));
        return -1;
    }
    return 0;
}

virtNetworkDef *virtNetworkDefParse(const char *xml, unsigned int flags, virtXMLError *err)
{
    xmlDocPtr doc = virtXMLParse(xml, "network", err);
    virtNetworkDef *def = NULL;

    if (!doc)
        return NULL;
    if (virtXMLCheckRoot(doc, "network", !(flags & VIRT_XML_VALIDATE), err) < 0 ||
        virtXMLModelCheck(doc, "network", flags, err) < 0)
        goto cleanup;
    def = virtAlloc(sizeof(*def));
    if (parseNetwork(def, xmlDocGetRootElement(doc), err) < 0) {
        virtNetworkDefFree(def);
        def = NULL;
    }

 cleanup:
    virtXMLErrorSetDomain(err, VIR_FROM_NETWORK);
    xmlFreeDoc(doc);
    return def;
}

char *virtNetworkDefFormat(const virtNetworkDef *def, unsigned int flags)
{
    virtBuf b = { 0 };
    char uuid[VIRT_UUID_STRLEN];

    (void) flags;
    if (!def)
        return NULL;
    virtBufAdd(&b, "<network>\n");
    virtXMLBufTextElem(&b, 2, "name", def->name);
    virtUUIDFormat(def->uuid, uuid);
    virtXMLBufTextElem(&b, 2, "uuid", uuid);
    if (def->forward_mode || def->forward_dev) {
        virtBufAdd(&b, "  <forward");
        virtXMLBufAttr(&b, "mode", def->forward_mode);
        virtXMLBufAttr(&b, "dev", def->forward_dev);
        virtBufAdd(&b, "/>\n");
    }
    if (def->bridge || !def->stp || def->delay) {
        virtBufAdd(&b, "  <bridge");
        virtXMLBufAttr(&b, "name", def->bridge);
        virtBufPrintf(&b, " stp='%s' delay='%d'/>\n", def->stp ? "on" : "off", def->delay);
    }
    if (def->ip_address || def->ip_netmask) {
        virtBufAdd(&b, "  <ip");
        virtXMLBufAttr(&b, "address", def->ip_address);
        virtXMLBufAttr(&b, "netmask", def->ip_netmask);
        if (def->dhcp_start || def->nhosts) {
            virtBufAdd(&b, ">\n    <dhcp>\n");
            if (def->dhcp_start) {
                virtBufAdd(&b, "      <range");
                virtXMLBufAttr(&b, "start", def->dhcp_start);
                virtXMLBufAttr(&b, "end", def->dhcp_end);
                virtBufAdd(&b, "/>\n");
            }
            for (size_t i = 0; i < def->nhosts; i++) {
                virtBufAdd(&b, "      <host");
                virtXMLBufAttr(&b, "mac", def->hosts[i].mac);
                virtXMLBufAttr(&b, "name", def->hosts[i].name);
                virtXMLBufAttr(&b, "ip", def->hosts[i].ip);
                virtBufAdd(&b, "/>\n");
            }
            virtBufAdd(&b, "    </dhcp>\n  </ip>\n");
        } else {
            virtBufAdd(&b, "/>\n");
        }
    }
    virtBufAdd(&b, "</network>\n");
    return virtBufSteal(&b);
}
