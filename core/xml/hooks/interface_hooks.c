/* interface_hooks.c: what libvirt 9.0 checks and drops after it reads a
 * host interface (post= in abi/xml/interface/). It runs for every
 * <interface>, the bare ones inside a bridge or a bond first. */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <libvirt/virterror.h>

#include "interface_model.h"
#include "util.h"

static bool streq(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

static bool oneOf(const char *v, const char *const *words)
{
    for (; *words; words++)
        if (streq(v, *words))
            return true;
    return false;
}

static bool isUInt(const char *s)
{
    char *end;

    if (!s || !*s || *s == '-')
        return false;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    return errno == 0 && *end == '\0' && v <= 0xffffffffUL;
}

/* A VIR_ERR_XML_ERROR with libvirt's text; always -1. */
#define refuse(ctx, ...) (virtXMLErrorSet((ctx)->err, VIR_ERR_XML_ERROR, __VA_ARGS__), -1)

static void dropLink(virtInterfaceLink **pl)
{
    virtInterfaceLink *l = *pl;

    if (!l)
        return;
    if (l->speed_set && !l->speed)
        l->speed_set = false;
    if (streq(l->state, "unknown")) {
        free(l->state);
        l->state = NULL;
    }
    if (!l->speed_set && !l->state) {
        virtXMLModelFree(&virtXMLElem_interface_link, l);
        *pl = NULL;
    }
}

static int protocolCheck(virtInterfaceProtocol *p, virtXMLModelCtx *ctx)
{
    size_t n = 0;

    if (!p->family)
        return refuse(ctx, "%s", "protocol misses the family attribute");
    if (!streq(p->family, "ipv4") && !streq(p->family, "ipv6"))
        return refuse(ctx, "unsupported protocol family '%s'", p->family);
    if (streq(p->family, "ipv4"))
        p->autoconf = false;   /* read for IPv6 only */
    /* an address or a route without its value says nothing */
    for (size_t i = 0; i < p->nip; i++) {
        if (p->ip[i]->address) {
            p->ip[n++] = p->ip[i];
        } else {
            free(p->ip[i]);
        }
    }
    p->nip = n;
    if (p->route && !p->route->gateway) {
        free(p->route);
        p->route = NULL;
    }
    return 0;
}

static int bondCheck(virtInterfaceBond *b, virtXMLModelCtx *ctx)
{
    static const char *const modes[] = { "balance-rr", "active-backup", "balance-xor", "broadcast",
                                         "802.3ad", "balance-tlb", "balance-alb", NULL };
    static const char *const carriers[] = { "ioctl", "netif", NULL };
    static const char *const validates[] = { "none", "active", "backup", "all", NULL };

    if (b->mode && !oneOf(b->mode, modes))
        return refuse(ctx, "unknown bonding mode %s", b->mode);
    if (b->miimon) {
        virtInterfaceBondMiimon *m = b->miimon;
        if (!isUInt(m->freq))
            return refuse(ctx, "%s", "bond interface miimon freq missing or invalid");
        if (m->downdelay && !isUInt(m->downdelay))
            return refuse(ctx, "%s", "bond interface miimon downdelay invalid");
        if (m->updelay && !isUInt(m->updelay))
            return refuse(ctx, "%s", "bond interface miimon updelay invalid");
        if (m->carrier && !oneOf(m->carrier, carriers))
            return refuse(ctx, "unknown mii bonding carrier %s", m->carrier);
        if (b->arpmon) {
            /* libvirt reads one monitor, mii first */
            free(b->arpmon->interval);
            free(b->arpmon->target);
            free(b->arpmon->validate);
            free(b->arpmon);
            b->arpmon = NULL;
        }
    } else if (b->arpmon) {
        virtInterfaceBondArpmon *a = b->arpmon;
        if (!isUInt(a->interval))
            return refuse(ctx, "%s", "bond interface arpmon interval missing or invalid");
        if (!a->target)
            return refuse(ctx, "%s", "bond interface arpmon target missing");
        if (a->validate && !oneOf(a->validate, validates))
            return refuse(ctx, "unknown arp bonding validate %s", a->validate);
    }
    return 0;
}

/* The bare interfaces a bridge or a bond may hold. */
static int childTypesCheck(virtInterfaceDef **kids, size_t n, bool bondParent, virtXMLModelCtx *ctx)
{
    for (size_t i = 0; i < n; i++)
        if (bondParent ? !streq(kids[i]->type, "ethernet") : streq(kids[i]->type, "bridge"))
            return refuse(ctx, "interface has unsupported type '%s'", kids[i]->type);
    return 0;
}

/* A bare interface says which device it is, nothing more. */
static void makeBare(virtInterfaceDef *def)
{
    if (def->start) {
        free(def->start->mode);
        free(def->start);
        def->start = NULL;
    }
    if (def->mtu) {
        free(def->mtu->size);
        free(def->mtu);
        def->mtu = NULL;
    }
    for (size_t i = 0; i < def->nprotocol; i++)
        virtXMLModelFree(&virtXMLElem_interface_protocol, def->protocol[i]);
    free(def->protocol);
    def->protocol = NULL;
    def->nprotocol = 0;
}

static int topCheck(virtInterfaceDef *def, virtXMLModelCtx *ctx)
{
    static const char *const startModes[] = { "onboot", "none", "hotplug", NULL };

    if (def->start && def->start->mode && !oneOf(def->start->mode, startModes))
        return refuse(ctx, "unknown interface startmode %s", def->start->mode);
    if (def->start && !def->start->mode) {
        free(def->start);
        def->start = NULL;
    }
    if (def->mtu && def->mtu->size && !isUInt(def->mtu->size))
        /* libvirt fails here without saying why; we say why */
        return refuse(ctx, "invalid mtu size '%s' of interface '%s'", def->mtu->size, def->name);
    if (def->mtu && (!def->mtu->size || strtoul(def->mtu->size, NULL, 10) == 0)) {
        free(def->mtu->size);
        free(def->mtu);
        def->mtu = NULL;
    }
    for (size_t i = 0; i < def->nprotocol; i++)
        if (protocolCheck(def->protocol[i], ctx) < 0)
            return -1;
    return 0;
}

int virtInterfaceDefCheck(void *obj, virtXMLModelCtx *ctx)
{
    virtInterfaceDef *def = obj;
    xmlNodePtr parent = ctx->node ? ctx->node->parent : NULL;
    bool bare = parent && parent->type == XML_ELEMENT_NODE;

    if (!def->name)
        return refuse(ctx, "%s", "interface has no name");
    if (bare)
        makeBare(def);
    else if (topCheck(def, ctx) < 0)
        return -1;
    if (streq(def->type, "ethernet")) {
        dropLink(&def->ethernet.link);
        if (def->ethernet.mac && !def->ethernet.mac->address) {
            free(def->ethernet.mac);
            def->ethernet.mac = NULL;
        }
    } else if (streq(def->type, "bridge")) {
        if (!def->bridge.bridge)
            return refuse(ctx, "%s", "bridge interface misses the bridge element");
        if (childTypesCheck(def->bridge.bridge->interface, def->bridge.bridge->ninterface, false, ctx) < 0)
            return -1;
        if (def->bridge.bridge->stp && !streq(def->bridge.bridge->stp, "on") &&
            !streq(def->bridge.bridge->stp, "off")) {
            free(def->bridge.bridge->stp);
            def->bridge.bridge->stp = NULL;
        }
    } else if (streq(def->type, "bond")) {
        dropLink(&def->bond.link);
        if (!def->bond.bond)
            return refuse(ctx, "%s", "bond interface misses the bond element");
        if (childTypesCheck(def->bond.bond->interface, def->bond.bond->ninterface, true, ctx) < 0 ||
            bondCheck(def->bond.bond, ctx) < 0)
            return -1;
    } else if (streq(def->type, "vlan")) {
        dropLink(&def->vlan.link);
        if (!def->vlan.vlan)
            return refuse(ctx, "%s", "vlan interface misses the vlan element");
        if (!def->vlan.vlan->tag)
            return refuse(ctx, "%s", "vlan interface misses the tag attribute");
        if (!def->vlan.vlan->interface || !def->vlan.vlan->interface->name)
            return refuse(ctx, "%s", "vlan interface misses name attribute");
    }
    return 0;
}
