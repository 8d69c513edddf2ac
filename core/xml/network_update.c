/* network_update.c: virNetworkUpdate on a network definition, section by
 * section, with libvirt 9.0's matching rules and messages. The fragment is
 * read with the generated parser of its element and the record checks of
 * network_checks.h; the definition is then written and read back, so
 * whatever a whole document may not hold is refused as a define would. */
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "network_checks.h"
#include "network_def.h"
#include "util.h"
#include "xml_schema.h"
#include "xml_util.h"

typedef struct {
    virtNetworkDef *def;
    unsigned int command;
    int parentIndex;
    xmlNodePtr node;            /* the fragment's root element */
    virtXMLError *err;
} netUpdate;

static int failUpdate(netUpdate *u, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int failUpdate(netUpdate *u, int code, const char *fmt, ...)
{
    va_list ap;
    char *msg;

    va_start(ap, fmt);
    msg = virtVasprintf(fmt, ap);
    va_end(ap);
    virtXMLErrorSet(u->err, code, "%s", msg);
    free(msg);
    return -1;
}

static bool isAdd(const netUpdate *u)
{
    return u->command == VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST || u->command == VIR_NETWORK_UPDATE_COMMAND_ADD_LAST;
}

static int unknownCommand(netUpdate *u)
{
    /* libvirt prints the code as a signed number */
    return failUpdate(u, VIR_ERR_OPERATION_UNSUPPORTED, "unrecognized network update command code %d",
                      (int) u->command);
}

static int noSupport(netUpdate *u, const char *section)
{
    return failUpdate(u, VIR_ERR_OPERATION_UNSUPPORTED, "can't update '%s' section of network '%s'", section,
                      u->def->name);
}

static int checkElement(netUpdate *u, const char *name)
{
    if (virtXMLIs(u->node, name))
        return 0;
    return failUpdate(u, VIR_ERR_XML_ERROR, "unexpected element <%s>, expecting <%s>, while updating network '%s'",
                      (const char *) u->node->name, name, u->def->name);
}

static bool same(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

static bool sameMAC(const char *a, const char *b)
{
    char *ca = a ? virtXMLMACCanonical(a) : NULL, *cb = b ? virtXMLMACCanonical(b) : NULL;
    bool eq = same(ca, cb);

    free(ca);
    free(cb);
    return eq;
}

/* Put item at index at of a model array (0 or *n: add-first, add-last). */
static void insertAt(void ***arr, size_t *n, size_t at, void *item)
{
    *arr = virtRealloc(*arr, (*n + 1) * sizeof(**arr));
    memmove(*arr + at + 1, *arr + at, (*n - at) * sizeof(**arr));
    (*arr)[at] = item;
    (*n)++;
}

static void insertNew(netUpdate *u, void ***arr, size_t *n, void *item)
{
    insertAt(arr, n, u->command == VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST ? 0 : *n, item);
}

static void removeAt(const virtXMLElem *e, void ***arr, size_t *n, size_t at)
{
    virtXMLModelFree(e, (*arr)[at]);
    memmove(*arr + at, *arr + at + 1, (*n - at - 1) * sizeof(**arr));
    (*n)--;
}

/* The fragment read as an element of structure e, or NULL with err set. */
static void *parseFragment(netUpdate *u, const virtXMLElem *e)
{
    return virtXMLModelParseNode(e, u->node, 0, u->err);
}

static virtXMLModelCtx checkCtx(netUpdate *u)
{
    return (virtXMLModelCtx) { u->err, 0, u->node };
}

/* ---- <ip><dhcp>: hosts and ranges */

static int ipFamily(const virtNetworkIp *ip)
{
    return virtNetworkAddrFamily(ip->address);
}

/* The <ip> whose dhcp records change: the one at parentIndex, else the
 * one that has them, else the first IPv4 one, else the first IPv6 one. */
static virtNetworkIp *dhcpParent(netUpdate *u)
{
    virtNetworkDef *def = u->def;

    if (u->parentIndex >= 0) {
        if ((size_t) u->parentIndex < def->nip)
            return def->ip[u->parentIndex];
        failUpdate(u, VIR_ERR_OPERATION_INVALID,
                   "couldn't update dhcp host entry - no <ip> element found at index %d in network '%s'",
                   u->parentIndex, def->name);
        return NULL;
    }
    for (size_t i = 0; i < def->nip; i++)
        if (def->ip[i]->dhcp)
            return def->ip[i];
    for (int family = AF_INET; family; family = family == AF_INET ? AF_INET6 : 0)
        for (size_t i = 0; i < def->nip; i++)
            if (ipFamily(def->ip[i]) == family)
                return def->ip[i];
    failUpdate(u, VIR_ERR_OPERATION_INVALID, "couldn't update dhcp host entry - no <ip> element found in network '%s'",
               def->name);
    return NULL;
}

/* libvirt serves dhcp on one address of each family only. */
static int checkSingleDhcp(netUpdate *u, const virtNetworkIp *parent)
{
    int family = ipFamily(parent);

    for (size_t i = 0; i < u->def->nip; i++) {
        const virtNetworkIp *ip = u->def->ip[i];
        if (ip != parent && ipFamily(ip) == family && ip->dhcp)
            return failUpdate(u, VIR_ERR_OPERATION_INVALID,
                              "dhcp is supported only for a single %s address on each network",
                              family == AF_INET ? "IPv4" : "IPv6");
    }
    return 0;
}

static virtNetworkIpDhcp *dhcpOf(virtNetworkIp *ip)
{
    if (!ip->dhcp)
        ip->dhcp = virtAlloc(sizeof(*ip->dhcp));
    return ip->dhcp;
}

static const virtXMLElem *dhcpElem(const char *child)
{
    return virtXMLModelChildElem(virtXMLModelChildElem(&virtXMLElem_network_ip, "dhcp"), child);
}

/* modify and add look for an entry sharing any of mac, name, ip */
static bool hostShares(const virtNetworkIpDhcpHost *h, const virtNetworkIpDhcpHost *old)
{
    return sameMAC(h->mac, old->mac) || same(h->ip, old->ip) || same(h->name, old->name);
}

/* delete looks for one that has every attribute given (a missing mac on
 * either side matches) */
static bool hostMatches(const virtNetworkIpDhcpHost *h, const virtNetworkIpDhcpHost *old)
{
    return (!h->mac || !old->mac || sameMAC(h->mac, old->mac)) && (!h->name || same(h->name, old->name)) &&
           (!h->ip || same(h->ip, old->ip));
}

static int updateDhcpHost(netUpdate *u)
{
    const virtXMLElem *e = dhcpElem("host");
    bool partial = u->command == VIR_NETWORK_UPDATE_COMMAND_DELETE;
    virtNetworkIpDhcpHost *h = NULL;
    virtNetworkIp *ip;
    virtXMLModelCtx ctx = checkCtx(u);
    size_t n = 0, i;
    int ret = -1;

    if (checkElement(u, "host") < 0 || !(ip = dhcpParent(u)) || !(h = parseFragment(u, e)) ||
        virtNetworkDhcpHostCheck(u->def->name, ip, h, partial, &ctx) < 0)
        goto cleanup;
    if (!partial && virtNetworkAddrFamily(h->ip) != ipFamily(ip)) {
        failUpdate(u, VIR_ERR_OPERATION_INVALID, "%s",
                   "the address family of a host entry IP must match the address family of the dhcp element's parent");
        goto cleanup;
    }
    n = ip->dhcp ? ip->dhcp->nhost : 0;
    if (u->command == VIR_NETWORK_UPDATE_COMMAND_MODIFY) {
        for (i = 0; i < n && !hostShares(h, ip->dhcp->host[i]); i++)
            ;
        if (i == n) {
            failUpdate(u, VIR_ERR_OPERATION_INVALID,
                       "couldn't locate an existing dhcp host entry with \"mac='%s'\" \"name='%s'\" \"ip='%s'\" "
                       "in network '%s'", h->mac ? h->mac : "unknown", h->name ? h->name : "(null)",
                       h->ip ? h->ip : "unknown", u->def->name);
            goto cleanup;
        }
        virtXMLModelFree(e, ip->dhcp->host[i]);
        ip->dhcp->host[i] = h;
        h = NULL;
    } else if (isAdd(u)) {
        if (checkSingleDhcp(u, ip) < 0)
            goto cleanup;
        for (i = 0; i < n; i++) {
            if (hostShares(h, ip->dhcp->host[i])) {
                failUpdate(u, VIR_ERR_OPERATION_INVALID,
                           "there is an existing dhcp host entry in network '%s' that matches "
                           "\"<host mac='%s' name='%s' ip='%s'/>\"", u->def->name, h->mac ? h->mac : "unknown",
                           h->name ? h->name : "(null)", h->ip ? h->ip : "unknown");
                goto cleanup;
            }
        }
        virtNetworkIpDhcp *dhcp = dhcpOf(ip);
        insertNew(u, (void ***) &dhcp->host, &dhcp->nhost, h);
        h = NULL;
    } else if (partial) {
        for (i = 0; i < n && !hostMatches(h, ip->dhcp->host[i]); i++)
            ;
        if (i == n) {
            failUpdate(u, VIR_ERR_OPERATION_INVALID, "couldn't locate a matching dhcp host entry in network '%s'",
                       u->def->name);
            goto cleanup;
        }
        removeAt(e, (void ***) &ip->dhcp->host, &ip->dhcp->nhost, i);
        virtNetworkDhcpDropEmpty(ip);
    } else {
        unknownCommand(u);
        goto cleanup;
    }
    ret = 0;
 cleanup:
    virtXMLModelFree(e, h);
    return ret;
}

static int updateDhcpRange(netUpdate *u)
{
    const virtXMLElem *e = dhcpElem("range");
    virtNetworkIpDhcpRange *r = NULL;
    virtNetworkIp *ip;
    virtXMLModelCtx ctx = checkCtx(u);
    size_t n, i;
    int ret = -1;

    if (checkElement(u, "range") < 0 || !(ip = dhcpParent(u)))
        goto cleanup;
    if (u->command == VIR_NETWORK_UPDATE_COMMAND_MODIFY) {
        failUpdate(u, VIR_ERR_OPERATION_UNSUPPORTED, "%s", "dhcp ranges cannot be modified, only added or deleted");
        goto cleanup;
    }
    if (!(r = parseFragment(u, e)) || virtNetworkDhcpRangeCheck(u->def->name, ip, r, &ctx) < 0)
        goto cleanup;
    if (virtNetworkAddrFamily(r->start) != ipFamily(ip)) {
        failUpdate(u, VIR_ERR_OPERATION_INVALID, "%s",
                   "the address family of a dhcp range must match the address family of the dhcp element's parent");
        goto cleanup;
    }
    n = ip->dhcp ? ip->dhcp->nrange : 0;
    for (i = 0; i < n && !(same(r->start, ip->dhcp->range[i]->start) && same(r->end, ip->dhcp->range[i]->end)); i++)
        ;
    if (isAdd(u)) {
        if (checkSingleDhcp(u, ip) < 0)
            goto cleanup;
        if (i < n) {
            failUpdate(u, VIR_ERR_OPERATION_INVALID,
                       "there is an existing dhcp range entry in network '%s' that matches "
                       "\"<range start='%s' end='%s'/>\"", u->def->name, r->start, r->end);
            goto cleanup;
        }
        virtNetworkIpDhcp *dhcp = dhcpOf(ip);
        insertNew(u, (void ***) &dhcp->range, &dhcp->nrange, r);
        r = NULL;
    } else if (u->command == VIR_NETWORK_UPDATE_COMMAND_DELETE) {
        if (i == n) {
            failUpdate(u, VIR_ERR_OPERATION_INVALID, "couldn't locate a matching dhcp range entry in network '%s'",
                       u->def->name);
            goto cleanup;
        }
        removeAt(e, (void ***) &ip->dhcp->range, &ip->dhcp->nrange, i);
        virtNetworkDhcpDropEmpty(ip);
    } else {
        unknownCommand(u);
        goto cleanup;
    }
    ret = 0;
 cleanup:
    virtXMLModelFree(e, r);
    return ret;
}

/* ---- <forward><interface> */

/* libvirt writes dev= from its first device when that is an interface,
 * and not with a <pf>; an added interface comes after any address (an
 * add-first one too: libvirt would put it first, see the .xd) */
static void forwardDevFix(virtNetworkForward *fwd)
{
    free(fwd->dev);
    fwd->dev = !fwd->npf && !fwd->naddress && fwd->ninterface ? virtStrdup(fwd->interface[0]->dev) : NULL;
}

static int updateForwardInterface(netUpdate *u)
{
    const virtXMLElem *e = virtXMLModelChildElem(&virtXMLElem_network_forward, "interface");
    virtNetworkForward *fwd = u->def->forward;
    size_t n = fwd ? fwd->ninterface : 0, i;
    char *dev = NULL;
    int ret = -1;

    if (checkElement(u, "interface") < 0)
        return -1;
    if (u->command == VIR_NETWORK_UPDATE_COMMAND_MODIFY)
        return failUpdate(u, VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                          "forward interface entries cannot be modified, only added or deleted");
    /* libvirt reads dev= alone here, not the rest of the element */
    if (!(dev = virtXMLProp(u->node, "dev")))
        return failUpdate(u, VIR_ERR_XML_ERROR, "%s", "missing dev attribute in <interface> element");
    for (i = 0; i < n && !same(dev, fwd->interface[i]->dev); i++)
        ;
    if (isAdd(u)) {
        if (i < n) {
            failUpdate(u, VIR_ERR_OPERATION_INVALID,
                       "there is an existing interface entry in network '%s' that matches \"<interface dev='%s'>\"",
                       u->def->name, dev);
            goto cleanup;
        }
        /* without <forward> libvirt keeps it where it is never written */
        if (fwd) {
            virtNetworkForwardInterface *ifc = virtAlloc(sizeof(*ifc));
            ifc->dev = dev;
            dev = NULL;
            insertNew(u, (void ***) &fwd->interface, &fwd->ninterface, ifc);
            forwardDevFix(fwd);
        }
    } else if (u->command == VIR_NETWORK_UPDATE_COMMAND_DELETE) {
        if (i == n) {
            failUpdate(u, VIR_ERR_OPERATION_INVALID,
                       "couldn't find an interface entry in network '%s' matching <interface dev='%s'>",
                       u->def->name, dev);
            goto cleanup;
        }
        if (fwd->interface[i]->connections > 0) {
            failUpdate(u, VIR_ERR_OPERATION_INVALID,
                       "unable to delete interface '%s' in network '%s'. It is currently being used by %u domains.",
                       dev, u->def->name, fwd->interface[i]->connections);
            goto cleanup;
        }
        removeAt(e, (void ***) &fwd->interface, &fwd->ninterface, i);
        forwardDevFix(fwd);
    } else {
        unknownCommand(u);
        goto cleanup;
    }
    ret = 0;
 cleanup:
    free(dev);
    return ret;
}

/* ---- <portgroup> */

static int updatePortgroup(netUpdate *u)
{
    const virtXMLElem *e = virtXMLModelChildElem(&virtXMLElem_network_network, "portgroup");
    virtNetworkDef *def = u->def;
    virtNetworkDefPortgroup *pg = NULL;
    virtXMLModelCtx ctx = checkCtx(u);
    long byName = -1, byDefault = -1;
    int ret = -1;

    if (checkElement(u, "portgroup") < 0 || !(pg = parseFragment(u, e)) ||
        virtNetworkPortgroupCheck(pg, &ctx) < 0)
        goto cleanup;
    for (size_t i = 0; i < def->nportgroup; i++) {
        if (same(pg->name, def->portgroup[i]->name))
            byName = (long) i;
        if (def->portgroup[i]->default_)
            byDefault = (long) i;
    }
    if (byName < 0 && (u->command == VIR_NETWORK_UPDATE_COMMAND_MODIFY ||
                       u->command == VIR_NETWORK_UPDATE_COMMAND_DELETE)) {
        failUpdate(u, VIR_ERR_OPERATION_INVALID,
                   "couldn't find a portgroup entry in network '%s' matching <portgroup name='%s'>",
                   def->name, pg->name);
        goto cleanup;
    }
    if (byName >= 0 && isAdd(u)) {
        failUpdate(u, VIR_ERR_OPERATION_INVALID,
                   "there is an existing portgroup entry in network '%s' that matches \"<portgroup name='%s'>\"",
                   def->name, pg->name);
        goto cleanup;
    }
    if (u->command != VIR_NETWORK_UPDATE_COMMAND_DELETE && pg->default_ && byDefault >= 0 && byDefault != byName) {
        failUpdate(u, VIR_ERR_OPERATION_INVALID,
                   "a different portgroup entry in network '%s' is already set as the default. "
                   "Only one default is allowed.", def->name);
        goto cleanup;
    }
    if (u->command == VIR_NETWORK_UPDATE_COMMAND_MODIFY) {
        virtXMLModelFree(e, def->portgroup[byName]);
        def->portgroup[byName] = pg;
        pg = NULL;
    } else if (isAdd(u)) {
        insertNew(u, (void ***) &def->portgroup, &def->nportgroup, pg);
        pg = NULL;
    } else if (u->command == VIR_NETWORK_UPDATE_COMMAND_DELETE) {
        removeAt(e, (void ***) &def->portgroup, &def->nportgroup, (size_t) byName);
    } else {
        unknownCommand(u);
        goto cleanup;
    }
    ret = 0;
 cleanup:
    virtXMLModelFree(e, pg);
    return ret;
}

/* ---- <dns>: hosts, txt and srv records */

static virtNetworkDns *dnsOf(virtNetworkDef *def)
{
    if (!def->dns)
        def->dns = virtAlloc(sizeof(*def->dns));
    return def->dns;
}

/* A DNS record is added once the fragment passed its checks, or removed
 * once exactly one record matched; the rest of the rules are the
 * section's. */
typedef struct {
    const char *what;           /* HOST, TXT, SRV in libvirt's messages */
    const char *element;
    bool (*matches)(const void *given, const void *old, bool add);
    int (*check)(const char *net, void *rec, bool partial, virtXMLModelCtx *ctx);
    size_t off, off_n;          /* the records' array and count in virtNetworkDns */
    const char *duplicate;      /* the messages, before the network's name */
    const char *multiple;       /* NULL: the first match is taken */
} dnsSection;

static bool dnsHostMatches(const void *given, const void *old, bool add)
{
    const virtNetworkDnsHost *h = given, *o = old;

    if (same(h->ip, o->ip))
        return true;
    /* several addresses may carry one name: an add compares addresses only */
    for (size_t j = 0; !add && j < h->nhostname; j++)
        for (size_t k = 0; k < o->nhostname; k++)
            if (same(h->hostname[j], o->hostname[k]))
                return true;
    return false;
}

static bool optionalSame(const char *given, const char *old)
{
    return !given || same(given, old);
}

static bool dnsSrvMatches(const void *given, const void *old, bool add)
{
    const virtNetworkDnsSrv *s = given, *o = old;

    (void) add;
    return optionalSame(s->domain, o->domain) && optionalSame(s->service, o->service) &&
           optionalSame(s->protocol, o->protocol) && optionalSame(s->target, o->target);
}

static bool dnsTxtMatches(const void *given, const void *old, bool add)
{
    (void) add;
    return same(((const virtNetworkDnsTxt *) given)->name, ((const virtNetworkDnsTxt *) old)->name);
}

static int dnsHostCheck(const char *net, void *rec, bool partial, virtXMLModelCtx *ctx)
{
    return virtNetworkDnsHostCheck(net, rec, partial, ctx);
}

static int dnsSrvCheck(const char *net, void *rec, bool partial, virtXMLModelCtx *ctx)
{
    return virtNetworkDnsSrvCheck(net, rec, partial, ctx);
}

static int dnsTxtCheck(const char *net, void *rec, bool partial, virtXMLModelCtx *ctx)
{
    return virtNetworkDnsTxtCheck(net, rec, partial, ctx);
}

static const dnsSection dnsHost = {
    "HOST", "host", dnsHostMatches, dnsHostCheck,
    offsetof(virtNetworkDns, host), offsetof(virtNetworkDns, nhost),
    "there is already at least one DNS HOST record with a matching field in network",
    "multiple matching DNS HOST records were found in network",
};
static const dnsSection dnsSrv = {
    "SRV", "srv", dnsSrvMatches, dnsSrvCheck,
    offsetof(virtNetworkDns, srv), offsetof(virtNetworkDns, nsrv),
    "there is already at least one DNS SRV record matching all specified fields in network",
    "multiple DNS SRV records matching all specified fields were found in network",
};
static const dnsSection dnsTxt = {
    "TXT", "txt", dnsTxtMatches, dnsTxtCheck,
    offsetof(virtNetworkDns, txt), offsetof(virtNetworkDns, ntxt),
    NULL, NULL,
};

static int updateDns(netUpdate *u, const dnsSection *s)
{
    const virtXMLElem *e = virtXMLModelChildElem(&virtXMLElem_network_dns, s->element);
    virtNetworkDef *def = u->def;
    virtXMLModelCtx ctx = checkCtx(u);
    void *rec = NULL;
    size_t found = 0, at = 0;
    int ret = -1;

    if (u->command == VIR_NETWORK_UPDATE_COMMAND_MODIFY)
        return failUpdate(u, VIR_ERR_OPERATION_UNSUPPORTED, "DNS %s records cannot be modified, only added or deleted",
                          s->what);
    if (checkElement(u, s->element) < 0 || !(rec = parseFragment(u, e)) ||
        s->check(def->name, rec, !isAdd(u), &ctx) < 0)
        goto cleanup;
    void ***arr = def->dns ? (void ***) ((char *) def->dns + s->off) : NULL;
    size_t *n = def->dns ? (size_t *) ((char *) def->dns + s->off_n) : NULL;
    for (size_t i = 0; n && i < *n; i++) {
        if (s->matches(rec, (*arr)[i], isAdd(u))) {
            /* TXT takes the first match, the others count them all and keep the last */
            if (!found || s->multiple)
                at = i;
            found++;
        }
    }
    if (isAdd(u)) {
        if (found) {
            if (s->duplicate)
                failUpdate(u, VIR_ERR_OPERATION_INVALID, "%s %s", s->duplicate, def->name);
            else
                failUpdate(u, VIR_ERR_OPERATION_INVALID, "there is already a DNS TXT record with name '%s' in network %s",
                           ((virtNetworkDnsTxt *) rec)->name, def->name);
            goto cleanup;
        }
        virtNetworkDns *dns = dnsOf(def);
        insertNew(u, (void ***) ((char *) dns + s->off), (size_t *) ((char *) dns + s->off_n), rec);
        rec = NULL;
    } else if (u->command == VIR_NETWORK_UPDATE_COMMAND_DELETE) {
        if (!found) {
            failUpdate(u, VIR_ERR_OPERATION_INVALID, "couldn't locate a matching DNS %s record in network %s", s->what,
                       def->name);
            goto cleanup;
        }
        if (found > 1 && s->multiple) {
            failUpdate(u, VIR_ERR_OPERATION_INVALID, "%s %s", s->multiple, def->name);
            goto cleanup;
        }
        removeAt(e, arr, n, at);
        virtNetworkDnsDropEmpty(def);
    } else {
        unknownCommand(u);
        goto cleanup;
    }
    ret = 0;
 cleanup:
    virtXMLModelFree(e, rec);
    return ret;
}

/* ---- the sections */

static int updateSection(netUpdate *u, unsigned int section)
{
    switch (section) {
    case VIR_NETWORK_SECTION_BRIDGE:
        return noSupport(u, "bridge");
    case VIR_NETWORK_SECTION_DOMAIN:
        return noSupport(u, "domain");
    case VIR_NETWORK_SECTION_IP:
        return noSupport(u, "ip");
    case VIR_NETWORK_SECTION_IP_DHCP_HOST:
        return updateDhcpHost(u);
    case VIR_NETWORK_SECTION_IP_DHCP_RANGE:
        return updateDhcpRange(u);
    case VIR_NETWORK_SECTION_FORWARD:
        return noSupport(u, "forward");
    case VIR_NETWORK_SECTION_FORWARD_INTERFACE:
        return updateForwardInterface(u);
    case VIR_NETWORK_SECTION_FORWARD_PF:
        return noSupport(u, "forward pf");
    case VIR_NETWORK_SECTION_PORTGROUP:
        return updatePortgroup(u);
    case VIR_NETWORK_SECTION_DNS_HOST:
        return updateDns(u, &dnsHost);
    case VIR_NETWORK_SECTION_DNS_TXT:
        return updateDns(u, &dnsTxt);
    case VIR_NETWORK_SECTION_DNS_SRV:
        return updateDns(u, &dnsSrv);
    default:
        return failUpdate(u, VIR_ERR_OPERATION_UNSUPPORTED, "%s", "can't update unrecognized section of network");
    }
}

/* libvirt copies a definition by writing and reading it. */
static virtNetworkDef *copyAs(const virtNetworkDef *def, unsigned int flags, virtXMLError *err)
{
    char *xml = virtNetworkDefFormat(def, flags);
    virtNetworkDef *copy = NULL;

    if (!xml)
        virtXMLErrorSet(err, VIR_ERR_INTERNAL_ERROR, "cannot format network '%s'", def->name);
    else
        copy = virtNetworkDefParse(xml, 0, err);
    free(xml);
    return copy;
}

virtNetworkDef *virtNetworkDefUpdate(const virtNetworkDef *def, bool inactive, unsigned int command,
                                     unsigned int section, int parentIndex, const char *xml, virtXMLError *err)
{
    unsigned int flags = inactive ? VIRT_XML_INACTIVE : 0;
    virtNetworkDef *copy = copyAs(def, flags, err), *check = NULL;
    xmlDocPtr doc = NULL;

    if (!copy)
        return NULL;
    if (!(doc = virtXMLParse(xml, "network update", err)))
        goto error;
    netUpdate u = { copy, command, parentIndex, xmlDocGetRootElement(doc), err };
    if (updateSection(&u, section) < 0)
        goto error;
    /* what the change made must be a definition libvirt would read */
    if (!(check = copyAs(copy, flags, err)))
        goto error;
    virtNetworkDefFree(check);
    xmlFreeDoc(doc);
    return copy;
 error:
    virtXMLErrorSetDomain(err, VIR_FROM_NETWORK);
    xmlFreeDoc(doc);
    virtNetworkDefFree(copy);
    return NULL;
}
