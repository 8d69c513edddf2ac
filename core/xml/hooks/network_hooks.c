/* network_hooks.c: what libvirt 9.0 checks and fills in after it reads a
 * <network>, that a description line cannot say. Most of its messages name
 * the network, so one hook on the root (post= in abi/xml/network/) makes
 * every check once the whole document is read. */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libvirt/virterror.h>

#include "network_checks.h"
#include "network_def.h"
#include "network_model.h"
#include "util.h"

static bool streq(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

/* An error libvirt raises outside the network code (from = VIR_FROM_XML,
 * VIRT_XML_FROM_NONE) or inside it (from = 0). Always returns -1. */
static int fail(virtXMLModelCtx *ctx, int from, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int fail(virtXMLModelCtx *ctx, int from, int code, const char *fmt, ...)
{
    va_list ap;
    char *msg;

    va_start(ap, fmt);
    msg = virtVasprintf(fmt, ap);
    va_end(ap);
    virtXMLErrorSet(ctx->err, code, "%s", msg);
    if (ctx->err && from)
        ctx->err->domain = from;
    free(msg);
    return -1;
}

/* An IP address, read the way libvirt's getaddrinfo does (so "1.2.3" is
 * 1.2.0.3), and written back in its canonical form. */
typedef struct {
    int family;                 /* AF_INET, AF_INET6 */
    unsigned char b[16];
} netAddr;

static bool addrParse(const char *s, netAddr *a)
{
    struct in_addr v4;

    if (!s)
        return false;
    if (inet_pton(AF_INET6, s, a->b) == 1) {
        a->family = AF_INET6;
        return true;
    }
    if (inet_aton(s, &v4)) {
        a->family = AF_INET;
        memset(a->b, 0, sizeof(a->b));
        memcpy(a->b, &v4, 4);
        return true;
    }
    return false;
}

static int addrLen(const netAddr *a)
{
    return a->family == AF_INET ? 4 : 16;
}

/* Replace *s by the canonical text of a. */
static void addrRewrite(char **s, const netAddr *a)
{
    char buf[INET6_ADDRSTRLEN];

    if (!inet_ntop(a->family, a->b, buf, sizeof(buf)))
        return;
    free(*s);
    *s = virtStrdup(buf);
}

/* The prefix of an IPv4 netmask, -1 when the bits are not contiguous. */
static int maskPrefix(const netAddr *m)
{
    int n = 0;
    bool zero = false;

    for (int i = 0; i < addrLen(m) * 8; i++) {
        bool bit = m->b[i / 8] & (0x80 >> (i % 8));
        if (bit && zero)
            return -1;
        if (!bit)
            zero = true;
        else
            n++;
    }
    return n;
}

/* The prefix libvirt assumes when none is given: the old address classes
 * for IPv4, 64 for IPv6. -1 when there is none. */
static int defaultPrefix(const netAddr *a)
{
    if (a->family == AF_INET6)
        return 64;
    if (a->b[0] < 128)
        return 8;
    if (a->b[0] < 192)
        return 16;
    if (a->b[0] < 224)
        return 24;
    return -1;
}

/* The bits of byte i that a prefix of the given length covers. */
static unsigned char prefixMask(int prefix, int i)
{
    int bits = prefix - i * 8;
    return bits >= 8 ? 0xff : bits <= 0 ? 0 : (unsigned char) (0xff << (8 - bits));
}

static bool sameNet(const netAddr *a, const netAddr *b, int prefix)
{
    if (a->family != b->family || prefix < 0)
        return false;
    for (int i = 0; i < addrLen(a); i++)
        if ((a->b[i] & prefixMask(prefix, i)) != (b->b[i] & prefixMask(prefix, i)))
            return false;
    return true;
}

static int addrCmp(const netAddr *a, const netAddr *b)
{
    return memcmp(a->b, b->b, (size_t) addrLen(a));
}

/* The prefix of an <ip> or <route>: given, from its netmask, or assumed. */
static int ipPrefix(const netAddr *addr, const char *netmask, bool prefix_set, unsigned int prefix)
{
    netAddr m;

    if (prefix_set)
        return (int) prefix;
    if (netmask && addrParse(netmask, &m))
        return maskPrefix(&m);
    return defaultPrefix(addr);
}

int virtNetworkIpPrefix(const virtNetworkIp *ip)
{
    netAddr a;

    if (!addrParse(ip->address, &a))
        return -1;
    return ipPrefix(&a, ip->netmask, ip->prefix_set, ip->prefix);
}

static bool parseULong(const char *s, unsigned long *out)
{
    char *end;

    if (!s || !*s || *s == '-')
        return false;
    errno = 0;
    *out = strtoul(s, &end, 10);
    return errno == 0 && *end == '\0';
}

/* ---- <vlan>, <bandwidth>, <virtualport>: shared with domain interfaces */

static int vlanCheck(virtDomainIfaceVlan *v, virtXMLModelCtx *ctx)
{
    if (!v)
        return 0;
    if (v->ntag == 0)
        return fail(ctx, VIRT_XML_FROM_NONE, VIR_ERR_XML_ERROR,
                    "missing tag id - each <vlan> must have at least one <tag id='n'/> subelement");
    for (size_t i = 0; i < v->ntag; i++)
        if (v->tag[i]->id > 4095)
            return fail(ctx, VIRT_XML_FROM_NONE, VIR_ERR_XML_ERROR,
                        "vlan tag id %u too large (maximum 4095)", v->tag[i]->id);
    if (v->trunk == 2 && v->ntag > 1)
        return fail(ctx, VIRT_XML_FROM_NONE, VIR_ERR_XML_ERROR,
                    "invalid \"trunk='no'\" in <vlan> - trunk='yes' is required for more than one vlan tag");
    /* libvirt writes trunk='yes' alone, and implies it from several tags */
    v->trunk = v->trunk == 1 || v->ntag > 1 ? 1 : 0;
    return 0;
}

static int rateCheck(virtDomainIfaceBwRate **pr, virtXMLModelCtx *ctx)
{
    virtDomainIfaceBwRate *r = *pr;

    if (!r)
        return 0;
    if (r->floor_set)
        return fail(ctx, VIRT_XML_FROM_NONE, VIR_ERR_CONFIG_UNSUPPORTED,
                    "floor attribute is not supported for this config");
    if (!r->average_set)
        return fail(ctx, VIRT_XML_FROM_NONE, VIR_ERR_XML_DETAIL, "Missing mandatory average or floor attributes");
    /* zero means "not set": a rate without an average is dropped */
    r->peak_set = r->peak_set && r->peak;
    r->burst_set = r->burst_set && r->burst;
    if (!r->average) {
        virtXMLModelFree(&virtXMLElem_domain_iface_bw_rate, r);
        *pr = NULL;
    }
    return 0;
}

static int bandwidthCheck(virtNetworkBandwidth **pb, virtXMLModelCtx *ctx)
{
    virtNetworkBandwidth *b = *pb;

    if (!b)
        return 0;
    if (!b->inbound && !b->outbound) {
        /* an empty <bandwidth/> is no bandwidth at all */
        virtXMLModelFree(&virtXMLElem_network_bandwidth, b);
        *pb = NULL;
        return 0;
    }
    if (rateCheck(&b->inbound, ctx) < 0 || rateCheck(&b->outbound, ctx) < 0)
        return -1;
    return 0;
}

static int virtualportCheck(const virtNetworkVirtualport *v, virtXMLModelCtx *ctx)
{
    static const char *const types[] = { "802.1Qbg", "802.1Qbh", "openvswitch", "midonet" };

    if (!v)
        return 0;
    if (!v->type)
        return fail(ctx, VIRT_XML_FROM_NONE, VIR_ERR_XML_ERROR, "missing required virtualport type");
    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
        if (streq(v->type, types[i]))
            return 0;
    return fail(ctx, VIRT_XML_FROM_NONE, VIR_ERR_CONFIG_UNSUPPORTED, "unknown virtualport type %s", v->type);
}

int virtNetworkPortgroupCheck(virtNetworkDefPortgroup *pg, virtXMLModelCtx *ctx)
{
    /* libvirt takes 'yes' in any case as the default and anything else as not */
    bool isDefault = pg->default_ && strcasecmp(pg->default_, "yes") == 0;

    free(pg->default_);
    pg->default_ = isDefault ? virtStrdup("yes") : NULL;
    if (virtualportCheck(pg->virtualport, ctx) < 0 || bandwidthCheck(&pg->bandwidth, ctx) < 0 ||
        vlanCheck(pg->vlan, ctx) < 0)
        return -1;
    return 0;
}

/* ---- the network's own parts */

static bool isStandardMode(const char *mode)
{
    /* no <forward>, nat, route, open: the modes with a bridge of their own */
    return !mode || streq(mode, "nat") || streq(mode, "route") || streq(mode, "open");
}

static int bridgeCheck(virtNetworkDef *def, virtXMLModelCtx *ctx)
{
    virtNetworkDefBridge *br = def->bridge;
    unsigned long delay = 0;

    if (!br)
        return 0;
    if (br->delay) {
        if (!parseULong(br->delay, &delay))
            return fail(ctx, 0, VIR_ERR_XML_ERROR, "Invalid delay value in network '%s'", def->name);
        free(br->delay);
        br->delay = virtAsprintf("%lu", delay);
    }
    if (br->macTableManager && !streq(br->macTableManager, "kernel") && !streq(br->macTableManager, "libvirt"))
        return fail(ctx, 0, VIR_ERR_XML_ERROR, "Invalid macTableManager setting '%s' in network '%s'",
                    br->macTableManager, def->name);
    return 0;
}

static int macCheck(virtNetworkDef *def, virtXMLModelCtx *ctx)
{
    char *mac;

    if (!def->mac)
        return 0;
    if (!def->mac->address) {
        free(def->mac);
        def->mac = NULL;
        return 0;
    }
    if (!(mac = virtXMLMACCanonical(def->mac->address)))
        return fail(ctx, 0, VIR_ERR_XML_ERROR, "Invalid bridge mac address '%s' in network '%s'",
                    def->mac->address, def->name);
    if (strtoul(mac, NULL, 16) & 1) {
        free(mac);
        return fail(ctx, 0, VIR_ERR_XML_ERROR, "Invalid multicast bridge mac address '%s' in network '%s'",
                    def->mac->address, def->name);
    }
    free(def->mac->address);
    def->mac->address = mac;
    return 0;
}

/* A DNS SRV number as libvirt reads it: -1 when absent (or empty), -2
 * when it is not a number, else 0 with *v (a '-' wraps like strtoul). */
static int srvNumber(const char *s, unsigned long *v)
{
    char *end;

    if (!s || !*s)
        return -1;
    errno = 0;
    *v = strtoul(s, &end, 10);
    if (errno || end == s || *end)
        return -2;
    if (strchr(s, '-'))
        *v = *v > 0xffffffffUL ? (unsigned long) -1 : *v;
    return 0;
}

/* Replace *s by the decimal text of v, or by nothing when v is 0. */
static void numberRewrite(char **s, unsigned long v)
{
    free(*s);
    *s = v ? virtAsprintf("%lu", v) : NULL;
}

static const char srvServiceChars[] =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-+/*";
static const char srvProtocolChars[] =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-+/";

/* port, priority or weight of a SRV record: only with a target, and in
 * range; what names the attribute in both messages, bad the start of the
 * second one (libvirt writes "Invalid" for the priority alone). */
static int srvField(const char *net, virtNetworkDnsSrv *s, char **field, const char *what,
                    const char *bad, unsigned long min, virtXMLModelCtx *ctx)
{
    unsigned long v = 0;
    int rc = srvNumber(*field, &v);

    if (rc >= 0 && !s->target)
        return fail(ctx, 0, VIR_ERR_XML_DETAIL,
                    "DNS SRV %s attribute not permitted without target for service '%s' in network '%s'",
                    what, s->service, net);
    if (rc == -2 || (rc >= 0 && (v < min || v > 65535)))
        return fail(ctx, 0, VIR_ERR_XML_DETAIL, "%s DNS SRV %s attribute for service '%s' in network '%s'",
                    bad, what, s->service, net);
    if (rc == -1) {
        free(*field);
        *field = NULL;
    } else {
        numberRewrite(field, v);
    }
    return 0;
}

int virtNetworkDnsSrvCheck(const char *net, virtNetworkDnsSrv *s, bool partial, virtXMLModelCtx *ctx)
{
    if (!s->service && !partial)
        return fail(ctx, 0, VIR_ERR_XML_DETAIL,
                    "missing required service attribute in DNS SRV record of network '%s'", net);
    if (s->service && strspn(s->service, srvServiceChars) < strlen(s->service))
        return fail(ctx, 0, VIR_ERR_XML_DETAIL,
                    "invalid character in service attribute '%s' in DNS SRV record of network '%s'",
                    s->service, net);
    if (!s->protocol && !partial)
        return fail(ctx, 0, VIR_ERR_XML_DETAIL,
                    "missing required protocol attribute in DNS SRV record '%s' of network '%s'",
                    s->service ? s->service : "(null)", net);
    if (s->protocol && strspn(s->protocol, srvProtocolChars) < strlen(s->protocol))
        return fail(ctx, 0, VIR_ERR_XML_DETAIL,
                    "invalid character in protocol attribute '%s' in DNS SRV record of network '%s'",
                    s->protocol, net);
    if (srvField(net, s, &s->port, "port", "invalid", 1, ctx) < 0 ||
        srvField(net, s, &s->priority, "priority", "Invalid", 0, ctx) < 0 ||
        srvField(net, s, &s->weight, "weight", "invalid", 0, ctx) < 0)
        return -1;
    return 0;
}

int virtNetworkDnsTxtCheck(const char *net, virtNetworkDnsTxt *t, bool partial, virtXMLModelCtx *ctx)
{
    if (!t->name)
        return fail(ctx, 0, VIR_ERR_XML_DETAIL,
                    "missing required name attribute in DNS TXT record of network %s", net);
    if (strcspn(t->name, " ,") != strlen(t->name))
        return fail(ctx, 0, VIR_ERR_XML_DETAIL, "prohibited character in DNS TXT record name '%s' of network %s",
                    t->name, net);
    if (!t->value && !partial)
        return fail(ctx, 0, VIR_ERR_XML_DETAIL,
                    "missing required value attribute in DNS TXT record named '%s' of network %s", t->name, net);
    return 0;
}

int virtNetworkDnsHostCheck(const char *net, virtNetworkDnsHost *h, bool partial, virtXMLModelCtx *ctx)
{
    netAddr a;

    if (h->ip && !addrParse(h->ip, &a))
        return fail(ctx, 0, VIR_ERR_XML_DETAIL, "Invalid IP address in network '%s' DNS HOST record", net);
    if (!h->ip && !partial)
        return fail(ctx, 0, VIR_ERR_XML_DETAIL, "Missing IP address in network '%s' DNS HOST record", net);
    for (size_t i = 0; i < h->nhostname; i++)
        if (!h->hostname[i] || !h->hostname[i][0])
            return fail(ctx, 0, VIR_ERR_XML_DETAIL, "Missing hostname in network '%s' DNS HOST record", net);
    if (!h->nhostname && !partial)
        return fail(ctx, 0, VIR_ERR_XML_DETAIL, "Missing hostname in network '%s' DNS HOST record", net);
    if (!h->nhostname && !h->ip)
        return fail(ctx, 0, VIR_ERR_XML_DETAIL, "Missing ip and hostname in network '%s' DNS HOST record", net);
    if (h->ip)
        addrRewrite(&h->ip, &a);
    return 0;
}

static int dnsCheck(virtNetworkDef *def, virtXMLModelCtx *ctx)
{
    virtNetworkDns *dns = def->dns;
    netAddr a;

    if (!dns)
        return 0;
    for (size_t i = 0; i < dns->nforwarder; i++) {
        virtNetworkDnsForwarder *f = dns->forwarder[i];
        if (!f->addr && !f->domain)
            return fail(ctx, 0, VIR_ERR_XML_ERROR,
                        "Invalid forwarder element, must contain at least one of addr or domain");
        if (f->addr && !addrParse(f->addr, &a))
            return fail(ctx, 0, VIR_ERR_XML_ERROR, "Invalid forwarder IP address '%s' in network '%s'",
                        f->addr, def->name);
        if (f->addr)
            addrRewrite(&f->addr, &a);
    }
    for (size_t i = 0; i < dns->nhost; i++)
        if (virtNetworkDnsHostCheck(def->name, dns->host[i], false, ctx) < 0)
            return -1;
    for (size_t i = 0; i < dns->nsrv; i++)
        if (virtNetworkDnsSrvCheck(def->name, dns->srv[i], false, ctx) < 0)
            return -1;
    for (size_t i = 0; i < dns->ntxt; i++)
        if (virtNetworkDnsTxtCheck(def->name, dns->txt[i], false, ctx) < 0)
            return -1;
    bool content = dns->nforwarder || dns->nhost || dns->nsrv || dns->ntxt;
    if (dns->enable == 2 && content)
        return fail(ctx, 0, VIR_ERR_XML_ERROR, "Extra data in disabled network '%s'", def->name);
    virtNetworkDnsDropEmpty(def);
    return 0;
}

void virtNetworkDnsDropEmpty(virtNetworkDef *def)
{
    virtNetworkDns *dns = def->dns;

    if (dns && !dns->nforwarder && !dns->nhost && !dns->nsrv && !dns->ntxt && !dns->enable &&
        !dns->forwardPlainNames) {
        virtXMLModelFree(&virtXMLElem_network_dns, dns);
        def->dns = NULL;
    }
}

static void addrText(const netAddr *a, char buf[INET6_ADDRSTRLEN])
{
    if (!inet_ntop(a->family, a->b, buf, INET6_ADDRSTRLEN))
        buf[0] = '\0';
}

/* libvirt's check of an address range (virSocketAddrGetRange): one family,
 * inside the network when there is one (and for IPv4 not its network or
 * broadcast address), at most 65536 addresses, in order. */
static int rangeCheck(const netAddr *start, const netAddr *end, const netAddr *net, int prefix,
                      virtXMLModelCtx *ctx)
{
    char s[INET6_ADDRSTRLEN], e[INET6_ADDRSTRLEN], n[INET6_ADDRSTRLEN];
    bool v4 = start->family == AF_INET;
    int same = v4 ? 2 : 14;     /* the leading bytes a range keeps */

    addrText(start, s);
    addrText(end, e);
    if (start->family != end->family)
        return fail(ctx, VIRT_XML_FROM_NONE, VIR_ERR_INTERNAL_ERROR, "mismatch of address family in range %s - %s",
                    s, e);
    if (net) {
        addrText(net, n);
        if (start->family != net->family)
            return fail(ctx, VIRT_XML_FROM_NONE, VIR_ERR_INTERNAL_ERROR,
                        "mismatch of address family in range %s - %s for network %s", s, e, n);
        if (prefix < 0 || prefix > addrLen(net) * 8)
            return fail(ctx, VIRT_XML_FROM_NONE, VIR_ERR_INTERNAL_ERROR,
                        "bad prefix %d for network %s when checking range %s - %s", prefix, n, s, e);
        if (!sameNet(start, net, prefix) || !sameNet(end, net, prefix))
            return fail(ctx, VIRT_XML_FROM_NONE, VIR_ERR_INTERNAL_ERROR,
                        "range %s - %s is not entirely within network %s/%d", s, e, n, prefix);
        if (v4) {
            bool isNet = true, isBroadcast = true;
            for (int i = 0; i < 4; i++) {
                unsigned char m = prefixMask(prefix, i);
                isNet = isNet && start->b[i] == (net->b[i] & m);
                isBroadcast = isBroadcast && end->b[i] == (unsigned char) (net->b[i] | ~m);
            }
            if (isNet)
                return fail(ctx, VIRT_XML_FROM_NONE, VIR_ERR_INTERNAL_ERROR,
                            "start of range %s - %s in network %s/%d is the network address", s, e, n, prefix);
            if (isBroadcast)
                return fail(ctx, VIRT_XML_FROM_NONE, VIR_ERR_INTERNAL_ERROR,
                            "end of range %s - %s in network %s/%d is the broadcast address", s, e, n, prefix);
        }
    }
    if (memcmp(start->b, end->b, (size_t) same) != 0)
        return fail(ctx, VIRT_XML_FROM_NONE, VIR_ERR_INTERNAL_ERROR, "range %s - %s is too large (> 65535)", s, e);
    if (memcmp(start->b + same, end->b + same, 2) > 0)
        /* libvirt's IPv4 text ends with a space */
        return fail(ctx, VIRT_XML_FROM_NONE, VIR_ERR_INTERNAL_ERROR,
                    v4 ? "range %s - %s is reversed " : "range %s - %s start larger than end", s, e);
    return 0;
}

/* A lease's expiry as libvirt reads it: C's bases, a sign or leading
 * blanks allowed but no minus, nothing after the number. */
static bool parseExpiry(const char *s, unsigned long long *out)
{
    char *end;

    errno = 0;
    *out = strtoull(s, &end, 0);
    return !errno && end != s && !*end && !memchr(s, '-', (size_t) (end - s));
}

/* A <lease>: none without an expiry; the unit defaults to minutes and is
 * not kept for an infinite (0) one; dnsmasq's minimum is two minutes. */
static int leaseCheck(virtNetworkDhcpLease **pl, virtXMLModelCtx *ctx)
{
    virtNetworkDhcpLease *l = *pl;
    unsigned long long expiry = 0;

    if (!l)
        return 0;
    if (!l->expiry) {
        virtXMLModelFree(&virtXMLElem_network_dhcp_lease, l);
        *pl = NULL;
        return 0;
    }
    /* the messages of libvirt's attribute readers (its XML layer) */
    if (!parseExpiry(l->expiry, &expiry))
        return fail(ctx, VIR_FROM_XML, VIR_ERR_XML_ERROR,
                    "Invalid value for attribute 'expiry' in element 'lease': '%s'. Expected non-negative integer value",
                    l->expiry);
    bool seconds = streq(l->unit, "seconds"), minutes = !l->unit || streq(l->unit, "minutes");
    if (!seconds && !minutes && !streq(l->unit, "hours"))
        return fail(ctx, VIR_FROM_XML, VIR_ERR_XML_ERROR, "Invalid value for attribute 'unit' in element 'lease': '%s'.",
                    l->unit);
    if (expiry && ((seconds && expiry < 120) || (minutes && expiry < 2)))
        return fail(ctx, 0, VIR_ERR_CONFIG_UNSUPPORTED, "The minimum lease time should be greater than 2 minutes");
    free(l->expiry);
    l->expiry = virtAsprintf("%llu", expiry);
    free(l->unit);
    l->unit = !expiry ? NULL : virtStrdup(seconds ? "seconds" : minutes ? "minutes" : "hours");
    return 0;
}

/* The address and prefix of a checked <ip>. */
static bool ipNet(const virtNetworkIp *ip, netAddr *a, int *prefix)
{
    if (!addrParse(ip->address, a))
        return false;
    *prefix = ipPrefix(a, ip->netmask, ip->prefix_set, ip->prefix);
    return true;
}

int virtNetworkAddrFamily(const char *s)
{
    netAddr a;

    return addrParse(s, &a) ? a.family : 0;
}

int virtNetworkDhcpRangeCheck(const char *net, const virtNetworkIp *ip, virtNetworkIpDhcpRange *r,
                              virtXMLModelCtx *ctx)
{
    netAddr s, e, n;
    int prefix = -1;

    if (!r->start)
        return fail(ctx, 0, VIR_ERR_XML_ERROR, "Missing 'start' attribute in dhcp range for network '%s'", net);
    if (!addrParse(r->start, &s))
        return fail(ctx, VIRT_XML_FROM_NONE, VIR_ERR_SYSTEM_ERROR,
                    "Cannot parse socket address '%s': Name or service not known", r->start);
    if (!r->end)
        return fail(ctx, 0, VIR_ERR_XML_ERROR, "Missing 'end' attribute in dhcp range for network '%s'", net);
    if (!addrParse(r->end, &e))
        return fail(ctx, VIRT_XML_FROM_NONE, VIR_ERR_SYSTEM_ERROR,
                    "Cannot parse socket address '%s': Name or service not known", r->end);
    bool known = ipNet(ip, &n, &prefix);
    if (rangeCheck(&s, &e, known ? &n : NULL, prefix, ctx) < 0 || leaseCheck(&r->lease, ctx) < 0)
        return -1;
    addrRewrite(&r->start, &s);
    addrRewrite(&r->end, &e);
    return 0;
}

int virtNetworkDhcpHostCheck(const char *net, const virtNetworkIp *ip, virtNetworkIpDhcpHost *h, bool partial,
                             virtXMLModelCtx *ctx)
{
    bool v6 = virtNetworkAddrFamily(ip->address) == AF_INET6;
    netAddr a;

    if (h->mac) {
        char *mac = virtXMLMACCanonical(h->mac);
        bool multicast = mac && (strtoul(mac, NULL, 16) & 1);
        free(mac);
        if (v6)
            return fail(ctx, 0, VIR_ERR_XML_ERROR,
                        "Invalid to specify MAC address '%s' in network '%s' IPv6 static host definition",
                        h->mac, net);
        if (!mac)
            return fail(ctx, 0, VIR_ERR_XML_ERROR, "Cannot parse MAC address '%s' in network '%s'", h->mac, net);
        if (multicast)
            return fail(ctx, 0, VIR_ERR_XML_ERROR,
                        "expected unicast mac address, found multicast '%s' in network '%s'", h->mac, net);
    }
    if (h->id) {
        const char *bad = h->id + strspn(h->id, "0123456789abcdefABCDEF:");
        if (*bad)
            return fail(ctx, 0, VIR_ERR_XML_ERROR, "Invalid character '%c' in id '%s' of network '%s'",
                        *bad, h->id, net);
    }
    if (h->name && !isalnum((unsigned char) h->name[0]))
        return fail(ctx, 0, VIR_ERR_XML_ERROR, "Cannot use host name '%s' in network '%s'", h->name, net);
    if (h->ip && !addrParse(h->ip, &a))
        return fail(ctx, 0, VIR_ERR_XML_ERROR, "Invalid IP address in static host definition for network '%s'",
                    net);
    if (partial) {
        if (!h->mac && !h->name && !h->ip)
            /* libvirt's text ends with a space */
            return fail(ctx, 0, VIR_ERR_XML_ERROR,
                        "At least one of name, mac, or ip attribute must be specified for static host "
                        "definition in network '%s' ", net);
    } else {
        if (v6 && !h->id && !h->name)
            return fail(ctx, 0, VIR_ERR_XML_ERROR,
                        "Static host definition in IPv6 network '%s' must have id or name attribute", net);
        if (!v6 && !h->mac && !h->name)
            return fail(ctx, 0, VIR_ERR_XML_ERROR,
                        "Static host definition in IPv4 network '%s' must have mac or name attribute", net);
        if (!h->ip)
            return fail(ctx, 0, VIR_ERR_XML_ERROR,
                        "Missing IP address in static host definition for network '%s'", net);
    }
    if (leaseCheck(&h->lease, ctx) < 0)
        return -1;
    if (h->ip)
        addrRewrite(&h->ip, &a);
    return 0;
}

void virtNetworkDhcpDropEmpty(virtNetworkIp *ip)
{
    virtNetworkIpDhcp *dhcp = ip->dhcp;

    /* libvirt writes <dhcp> (and a <bootp> in it) only around ranges or hosts */
    if (dhcp && !dhcp->nrange && !dhcp->nhost) {
        virtXMLModelFree(virtXMLModelChildElem(&virtXMLElem_network_ip, "dhcp"), dhcp);
        ip->dhcp = NULL;
    }
}

static int dhcpCheck(virtNetworkDef *def, virtNetworkIp *ip, virtXMLModelCtx *ctx)
{
    virtNetworkIpDhcp *dhcp = ip->dhcp;

    for (size_t i = 0; i < dhcp->nrange; i++)
        if (virtNetworkDhcpRangeCheck(def->name, ip, dhcp->range[i], ctx) < 0)
            return -1;
    for (size_t i = 0; i < dhcp->nhost; i++)
        if (virtNetworkDhcpHostCheck(def->name, ip, dhcp->host[i], false, ctx) < 0)
            return -1;
    if (dhcp->bootp && !dhcp->bootp->file) {
        /* a <bootp> without a file says nothing */
        free(dhcp->bootp->server);
        free(dhcp->bootp);
        dhcp->bootp = NULL;
    }
    virtNetworkDhcpDropEmpty(ip);
    return 0;
}

static int ipCheck(virtNetworkDef *def, virtNetworkIp *ip, virtXMLModelCtx *ctx)
{
    netAddr a, m;

    if (!ip->address)
        return fail(ctx, 0, VIR_ERR_XML_ERROR, "Missing required address attribute in network '%s'", def->name);
    if (!addrParse(ip->address, &a))
        return fail(ctx, 0, VIR_ERR_XML_ERROR, "Invalid address '%s' in network '%s'", ip->address, def->name);
    if (ip->netmask && !addrParse(ip->netmask, &m))
        return fail(ctx, 0, VIR_ERR_XML_ERROR, "Invalid netmask '%s' in network '%s'", ip->netmask, def->name);
    if (ip->netmask && ip->prefix_set)
        return fail(ctx, 0, VIR_ERR_CONFIG_UNSUPPORTED,
                    "Network '%s' IP address cannot have both a prefix and a netmask", def->name);
    if (!ip->family || streq(ip->family, "ipv4")) {
        if (a.family != AF_INET)
            return fail(ctx, 0, VIR_ERR_CONFIG_UNSUPPORTED,
                        ip->family ? "Family 'ipv4' specified for non-IPv4 address '%s' in network '%s'"
                                   : "no family specified for non-IPv4 address '%s' in network '%s'",
                        ip->address, def->name);
        if (ip->prefix_set && ip->prefix > 32)
            return fail(ctx, 0, VIR_ERR_CONFIG_UNSUPPORTED, "Invalid IPv4 prefix '%u' in network '%s'",
                        ip->prefix, def->name);
    } else if (streq(ip->family, "ipv6")) {
        if (a.family != AF_INET6)
            return fail(ctx, 0, VIR_ERR_CONFIG_UNSUPPORTED,
                        "Family 'ipv6' specified for non-IPv6 address '%s' in network '%s'", ip->address, def->name);
        if (ip->netmask)
            return fail(ctx, 0, VIR_ERR_CONFIG_UNSUPPORTED,
                        "netmask not allowed for IPv6 address '%s' in network '%s'", ip->address, def->name);
        if (ip->prefix_set && ip->prefix > 128)
            return fail(ctx, 0, VIR_ERR_CONFIG_UNSUPPORTED, "Invalid IPv6 prefix '%u' in network '%s'",
                        ip->prefix, def->name);
    } else {
        return fail(ctx, 0, VIR_ERR_XML_ERROR, "Unrecognized family '%s' in network '%s'", ip->family, def->name);
    }
    if (ip->tftp && a.family == AF_INET6)
        return fail(ctx, 0, VIR_ERR_CONFIG_UNSUPPORTED,
                    "Unsupported <tftp> element in an IPv6 element in network '%s'", def->name);
    if (ip->tftp && !ip->tftp->root) {
        free(ip->tftp);
        ip->tftp = NULL;
    }
    if (ip->dhcp && dhcpCheck(def, ip, ctx) < 0)
        return -1;
    addrRewrite(&ip->address, &a);
    if (ip->netmask)
        addrRewrite(&ip->netmask, &m);
    return 0;
}

static int routeCheck(virtNetworkDef *def, virtNetworkRoute *r, virtXMLModelCtx *ctx)
{
    netAddr a, g, m;
    int prefix;
    bool reachable = false;

    if (!r->address)
        return fail(ctx, 0, VIR_ERR_XML_ERROR, "%s: Missing required address attribute in route definition",
                    def->name);
    if (!r->gateway)
        return fail(ctx, 0, VIR_ERR_XML_ERROR, "%s: Missing required gateway attribute in route definition",
                    def->name);
    if (!addrParse(r->address, &a))
        return fail(ctx, 0, VIR_ERR_XML_ERROR, "%s: Bad network address '%s' in route definition",
                    def->name, r->address);
    if (!addrParse(r->gateway, &g))
        return fail(ctx, 0, VIR_ERR_XML_ERROR, "%s: Bad gateway address '%s' in route definition",
                    def->name, r->gateway);
    if (r->netmask && !addrParse(r->netmask, &m))
        return fail(ctx, 0, VIR_ERR_XML_ERROR, "%s: Bad netmask address '%s' in route definition",
                    def->name, r->netmask);
    if (r->metric_set && r->metric == 0)
        return fail(ctx, VIR_FROM_XML, VIR_ERR_XML_ERROR,
                    "Invalid value for attribute 'metric' in element 'route': Zero is not permitted");
    if (streq(r->family, "ipv6") && a.family != AF_INET6)
        return fail(ctx, 0, VIR_ERR_XML_ERROR,
                    "%s: ipv6 family specified for non-IPv6 address '%s' in route definition", def->name, r->address);
    if (r->prefix_set && a.family == AF_INET && r->prefix > 32)
        return fail(ctx, 0, VIR_ERR_XML_ERROR,
                    "%s: Invalid prefix %u specified in route definition, must be 0 - 32", def->name, r->prefix);
    prefix = ipPrefix(&a, r->netmask, r->prefix_set, r->prefix);
    netAddr masked = a;
    for (int i = 0; i < addrLen(&a); i++)
        masked.b[i] &= prefixMask(prefix, i);
    if (addrCmp(&masked, &a) != 0)
        return fail(ctx, 0, VIR_ERR_XML_ERROR, "%s: Address '%s' in route definition is not a network address",
                    def->name, r->address);
    for (size_t i = 0; i < def->nip && !reachable; i++) {
        netAddr ia;
        if (addrParse(def->ip[i]->address, &ia))
            reachable = sameNet(&g, &ia, ipPrefix(&ia, def->ip[i]->netmask, def->ip[i]->prefix_set,
                                                  def->ip[i]->prefix));
    }
    if (!reachable)
        return fail(ctx, 0, VIR_ERR_CONFIG_UNSUPPORTED,
                    "unreachable static route gateway '%s' specified for network '%s'", r->gateway, def->name);
    return 0;
}

static bool portParse(const char *s, unsigned long *port)
{
    return parseULong(s, port) && *port <= 65535;
}

static int natCheck(virtNetworkDef *def, virtNetworkForward *fwd, virtXMLModelCtx *ctx)
{
    virtNetworkForwardNat *nat = fwd->nat;
    netAddr s, e;
    unsigned long ps, pe;

    if (!nat)
        return 0;
    if (!streq(fwd->mode, "nat"))
        return fail(ctx, 0, VIR_ERR_XML_ERROR,
                    "The <nat> element can only be used when <forward> 'mode' is 'nat' in network %s", def->name);
    if (nat->address) {
        virtNetworkForwardNatAddress *a = nat->address;
        if (!a->start)
            return fail(ctx, 0, VIR_ERR_XML_ERROR,
                        "missing 'start' attribute in <address> element in <nat> in <forward> in network %s", def->name);
        if (!a->end)
            return fail(ctx, 0, VIR_ERR_XML_ERROR,
                        "missing 'end' attribute in <address> element in <nat> in <forward> in network %s", def->name);
        if (!addrParse(a->start, &s) || s.family != AF_INET)
            return fail(ctx, 0, VIR_ERR_XML_ERROR,
                        "Bad ipv4 start address '%s' in <nat> in <forward> in network '%s'", a->start, def->name);
        if (!addrParse(a->end, &e) || e.family != AF_INET)
            return fail(ctx, 0, VIR_ERR_XML_ERROR,
                        "Bad ipv4 end address '%s' in <nat> in <forward> in network '%s'", a->end, def->name);
        if (rangeCheck(&s, &e, NULL, 0, ctx) < 0)
            return -1;
        addrRewrite(&a->start, &s);
        addrRewrite(&a->end, &e);
    }
    if (nat->port) {
        virtNetworkForwardNatPort *p = nat->port;
        if (!portParse(p->start, &ps))
            return fail(ctx, 0, VIR_ERR_XML_DETAIL,
                        "Missing or invalid 'start' attribute in <port> in <nat> in <forward> in network %s", def->name);
        if (!portParse(p->end, &pe))
            return fail(ctx, 0, VIR_ERR_XML_DETAIL,
                        "Missing or invalid 'end' attribute in <port> in <nat> in <forward> in network %s", def->name);
        if (!ps && !pe) {
            /* ports 0-0 are libvirt's "not set" */
            free(p->start);
            free(p->end);
            free(p);
            nat->port = NULL;
        } else {
            free(p->start);
            free(p->end);
            p->start = virtAsprintf("%lu", ps);
            p->end = virtAsprintf("%lu", pe);
        }
    }
    if (!nat->address && !nat->port && !nat->ipv6) {
        free(nat);
        fwd->nat = NULL;
    }
    return 0;
}

static int forwardCheck(virtNetworkDef *def, virtXMLModelCtx *ctx)
{
    virtNetworkForward *fwd = def->forward;

    if (!fwd)
        return 0;
    if (natCheck(def, fwd, ctx) < 0)
        return -1;
    if (fwd->npf > 1)
        return fail(ctx, 0, VIR_ERR_XML_ERROR, "Only one <pf> element is allowed in <forward> of network %s",
                    def->name);
    /* libvirt reads the addresses only when there is no interface */
    for (size_t i = 0; fwd->ninterface && i < fwd->naddress; i++)
        virtXMLModelFree(&virtXMLElem_network_forward_address, fwd->address[i]);
    if (fwd->ninterface && fwd->naddress) {
        free(fwd->address);
        fwd->address = NULL;
        fwd->naddress = 0;
    }
    for (size_t i = 0; i < fwd->naddress; i++)
        if (!streq(fwd->address[i]->type, "pci"))
            return fail(ctx, 0, VIR_ERR_CONFIG_UNSUPPORTED, "unknown address type '%s' in network %s",
                        fwd->address[i]->type ? fwd->address[i]->type : "", def->name);
    for (size_t i = 0; i < fwd->ninterface; i++)
        if (!fwd->interface[i]->dev)
            return fail(ctx, 0, VIR_ERR_XML_ERROR,
                        "Missing required dev attribute in <forward> <interface> element of network %s", def->name);
    if (fwd->dev && fwd->ninterface && !streq(fwd->dev, fwd->interface[0]->dev))
        return fail(ctx, 0, VIR_ERR_XML_ERROR, "<forward dev='%s'> must match first <interface dev='%s'/> in network %s",
                    fwd->dev, fwd->interface[0]->dev, def->name);
    if (fwd->dev && !fwd->ninterface && !fwd->naddress) {
        /* a forward dev alone is the first (and only) interface */
        virtNetworkForwardInterface *ifc = virtAlloc(sizeof(*ifc));
        ifc->dev = virtStrdup(fwd->dev);
        fwd->interface = virtAlloc(sizeof(*fwd->interface));
        fwd->interface[0] = ifc;
        fwd->ninterface = 1;
    }
    /* libvirt writes dev= from the first interface, and <pf> only while
     * no interface is known */
    free(fwd->dev);
    fwd->dev = fwd->ninterface ? virtStrdup(fwd->interface[0]->dev) : NULL;
    if (fwd->ninterface && fwd->npf) {
        free(fwd->pf[0]->dev);
        free(fwd->pf[0]);
        free(fwd->pf);
        fwd->pf = NULL;
        fwd->npf = 0;
    }
    if (streq(fwd->mode, "hostdev"))
        fwd->managed = fwd->managed == 1 ? 1 : 2;
    else
        fwd->managed = 0;
    return 0;
}

/* The rules that tie the forward mode to the rest of the network. */
static int modeCheck(virtNetworkDef *def, virtXMLModelCtx *ctx)
{
    const char *mode = def->forward ? def->forward->mode : NULL;
    virtNetworkDefBridge *br = def->bridge;
    size_t nifs = def->forward ? def->forward->ninterface : 0;
    size_t npfs = def->forward ? def->forward->npf : 0;

    if (isStandardMode(mode)) {
        if (mode && def->nip == 0)
            return fail(ctx, 0, VIR_ERR_XML_ERROR,
                        "%s forwarding requested, but no IP address provided for network '%s'", mode, def->name);
        if (nifs > 1)
            return fail(ctx, 0, VIR_ERR_XML_ERROR,
                        "multiple forwarding interfaces specified for network '%s', only one is supported", def->name);
        /* these modes always have a bridge, with stp on unless said off */
        if (!br)
            br = def->bridge = virtAlloc(sizeof(*br));
        bool off = streq(br->stp, "off");
        free(br->stp);
        br->stp = virtStrdup(off ? "off" : "on");
        if (!br->delay)
            br->delay = virtStrdup("0");
        return 0;
    }
    if (!streq(mode, "bridge") && br) {
        if (br->name)
            return fail(ctx, 0, VIR_ERR_XML_ERROR, "bridge name not allowed in %s mode (network '%s')",
                        mode, def->name);
        if (br->zone)
            return fail(ctx, 0, VIR_ERR_XML_ERROR, "bridge zone not allowed in %s mode (network '%s')",
                        mode, def->name);
        if (br->macTableManager)
            return fail(ctx, 0, VIR_ERR_XML_ERROR,
                        "bridge macTableManager setting not allowed in %s mode (network '%s')", mode, def->name);
    }
    if (br && ((br->delay && !streq(br->delay, "0")) || br->stp || br->zone))
        return fail(ctx, 0, VIR_ERR_XML_ERROR,
                    "bridge delay/stp/zone options only allowed in route, nat, and isolated mode, not in %s (network '%s')",
                    mode, def->name);
    if (br && br->name && (nifs || npfs))
        return fail(ctx, 0, VIR_ERR_XML_ERROR,
                    "A network with forward mode='%s' can specify a bridge name or a forward dev, but not both (network '%s')",
                    mode, def->name);
    if (br) {
        free(br->delay);
        br->delay = NULL;
        if (!br->name && !br->macTableManager) {
            free(br);
            def->bridge = NULL;
        }
    }
    return 0;
}

/* Elements libvirt drops when they carry nothing. */
static void dropEmpty(virtNetworkDef *def)
{
    if (def->mtu && !def->mtu->size) {
        free(def->mtu);
        def->mtu = NULL;
    }
    if (def->domain && !def->domain->name) {
        free(def->domain);
        def->domain = NULL;
    }
    if (def->port && !def->port->isolated) {
        free(def->port);
        def->port = NULL;
    }
}

static int mtuCheck(virtNetworkDef *def, virtXMLModelCtx *ctx)
{
    unsigned long size;

    if (!def->mtu || !def->mtu->size)
        return 0;
    if (!parseULong(def->mtu->size, &size) || size > 0xffffffffUL)
        return fail(ctx, 0, VIR_ERR_XML_ERROR, "Invalid mtu size '%s' in network '%s'", def->mtu->size, def->name);
    free(def->mtu->size);
    def->mtu->size = size ? virtAsprintf("%lu", size) : NULL;
    return 0;
}

int virtNetworkDefCheck(void *obj, virtXMLModelCtx *ctx)
{
    virtNetworkDef *def = obj;

    if (!def->name || !def->name[0])
        return fail(ctx, 0, VIR_ERR_NO_NAME, "%s", "");   /* the code's own text says it */
    /* connection counts are the daemon's, never read from a document */
    def->connections_set = false;
    def->connections = 0;
    for (size_t i = 0; def->forward && i < def->forward->ninterface; i++) {
        def->forward->interface[i]->connections_set = false;
        def->forward->interface[i]->connections = 0;
    }
    if (strchr(def->name, '/'))
        return fail(ctx, VIR_FROM_XML, VIR_ERR_XML_DETAIL, "invalid char in name: /");
    if (def->ipv6 && !streq(def->ipv6, "yes")) {
        /* yes or no, with libvirt's own message; only yes is written */
        if (!streq(def->ipv6, "no"))
            return fail(ctx, 0, VIR_ERR_XML_ERROR, "Invalid ipv6 setting '%s' in network '%s'", def->ipv6, def->name);
        free(def->ipv6);
        def->ipv6 = NULL;
    }
    if (bandwidthCheck(&def->bandwidth, ctx) < 0 || vlanCheck(def->vlan, ctx) < 0)
        return -1;
    if (bridgeCheck(def, ctx) < 0 || macCheck(def, ctx) < 0 || dnsCheck(def, ctx) < 0 ||
        virtualportCheck(def->virtualport, ctx) < 0)
        return -1;
    for (size_t i = 0; i < def->nportgroup; i++)
        if (virtNetworkPortgroupCheck(def->portgroup[i], ctx) < 0)
            return -1;
    for (size_t i = 0; i < def->nip; i++)
        if (ipCheck(def, def->ip[i], ctx) < 0)
            return -1;
    for (size_t i = 0; i < def->nroute; i++)
        if (routeCheck(def, def->route[i], ctx) < 0)
            return -1;
    if (forwardCheck(def, ctx) < 0 || mtuCheck(def, ctx) < 0 || modeCheck(def, ctx) < 0)
        return -1;
    dropEmpty(def);
    return 0;
}
