/* network_firewall.c: a network's forwarding and NAT rules, in an
 * nftables table of its own ("inet libvirt_BRIDGE"), loaded in one
 * transaction through libnftables and deleted whole on destroy. Rules as
 * libvirt's for each mode: traffic between guests of the bridge passes;
 * nat and route forward the network's own addresses (nat masquerading
 * IPv4 leaving for elsewhere); anything else in or out of the bridge is
 * rejected. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nftables/libnftables.h>

#include "network_driver.h"
#include "util.h"

VIRT_MODULE_LOG_INIT("network.firewall");

static char *tableName(const virtNetworkDef *def)
{
    return virtAsprintf("libvirt_%s", virtNetworkDefBridgeName(def));
}

/* "192.168.122.0/24" for an <ip>, or NULL. */
static char *netText(const virtNetworkIp *ip, int *family)
{
    netAddr a;
    char buf[INET6_ADDRSTRLEN];
    if (!netIpAddr(ip, &a))
        return NULL;
    for (int i = 0; i < 16; i++) {
        int bits = a.prefix - i * 8;
        a.b[i] &= bits >= 8 ? 0xff : bits <= 0 ? 0 : (unsigned char) (0xff << (8 - bits));
    }
    inet_ntop(a.family, a.b, buf, sizeof(buf));
    *family = a.family;
    return virtAsprintf("%s/%d", buf, a.prefix);
}

/* Where a NAT network's TCP and UDP leave from: masquerading over
 * libvirt's port range, or the <nat> addresses and ports it names; with
 * no nat, plain masquerade. */
static char *natTarget(const virtNetworkForwardNat *nat)
{
    if (!nat)
        return virtStrdup("masquerade");
    const char *lo = nat->port && nat->port->start ? nat->port->start : "1024";
    const char *hi = nat->port && nat->port->end ? nat->port->end : "65535";
    if (nat->address && nat->address->start)
        return virtAsprintf("snat ip to %s-%s:%s-%s", nat->address->start,
                            nat->address->end ? nat->address->end : nat->address->start, lo, hi);
    return virtAsprintf("masquerade to :%s-%s", lo, hi);
}

/* The same for other protocols, which have no ports. */
static char *natPlainTarget(const virtNetworkForwardNat *nat)
{
    if (nat && nat->address && nat->address->start)
        return virtAsprintf("snat ip to %s-%s", nat->address->start,
                            nat->address->end ? nat->address->end : nat->address->start);
    return virtStrdup("masquerade");
}

static int run(const char *cmds, char **errmsg)
{
    struct nft_ctx *ctx = nft_ctx_new(NFT_CTX_DEFAULT);
    int rc;

    if (!ctx) {
        *errmsg = virtStrdup("cannot create an nftables context");
        return -1;
    }
    nft_ctx_buffer_output(ctx);
    nft_ctx_buffer_error(ctx);
    rc = nft_run_cmd_from_buffer(ctx, cmds);
    if (rc != 0 && errmsg) {
        const char *e = nft_ctx_get_error_buffer(ctx);
        *errmsg = virtAsprintf("Failed to apply firewall rules: %s", e && e[0] ? e : "nftables refused them");
    }
    nft_ctx_free(ctx);
    return rc == 0 ? 0 : -1;
}

static int writeSysctl(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    int rc = fputs("1\n", f) < 0 ? -1 : 0;
    return fclose(f) < 0 ? -1 : rc;
}

int netFirewallAdd(const virtNetworkDef *def, char **errmsg)
{
    const char *mode = def->forward ? def->forward->mode : NULL;
    bool nat = virtStrEq(mode, "nat"), route = virtStrEq(mode, "route");
    const char *br = virtNetworkDefBridgeName(def);
    char *table = tableName(def);
    virtBuf b = { 0 };
    bool v4 = false, v6 = false;
    int ret = -1;

    if (mode && !nat && !route && !virtStrEq(mode, "open")) {
        free(table);
        return 0;
    }
    if (virtStrEq(mode, "open")) {
        /* open: libvirt adds no rules at all */
        free(table);
        return 0;
    }
    virtBufPrintf(&b, "add table inet %s\n", table);
    virtBufPrintf(&b, "add chain inet %s forward { type filter hook forward priority filter; policy accept; }\n",
                  table);
    virtBufPrintf(&b, "add rule inet %s forward iifname \"%s\" oifname \"%s\" accept\n", table, br, br);
    for (size_t i = 0; (nat || route) && i < def->nip; i++) {
        int fam = 0;
        char *net = netText(def->ip[i], &fam);
        const char *kw = fam == AF_INET6 ? "ip6" : "ip";
        if (!net)
            continue;
        v4 |= fam == AF_INET;
        v6 |= fam == AF_INET6;
        virtBufPrintf(&b, "add rule inet %s forward iifname \"%s\" %s saddr %s accept\n", table, br, kw, net);
        if (route || fam == AF_INET6)
            virtBufPrintf(&b, "add rule inet %s forward oifname \"%s\" %s daddr %s accept\n", table, br, kw, net);
        else
            virtBufPrintf(&b, "add rule inet %s forward oifname \"%s\" %s daddr %s ct state related,established accept\n",
                          table, br, kw, net);
        free(net);
    }
    virtBufPrintf(&b, "add rule inet %s forward iifname \"%s\" reject\n", table, br);
    virtBufPrintf(&b, "add rule inet %s forward oifname \"%s\" reject\n", table, br);
    if (nat && v4) {
        virtBufPrintf(&b, "add chain inet %s postrouting { type nat hook postrouting priority srcnat; policy accept; }\n",
                      table);
        for (size_t i = 0; i < def->nip; i++) {
            int fam = 0;
            char *net = netText(def->ip[i], &fam);
            if (net && fam == AF_INET) {
                /* multicast and broadcast keep their source, as libvirt's rules */
                virtBufPrintf(&b, "add rule inet %s postrouting ip saddr %s ip daddr 224.0.0.0/24 return\n", table, net);
                virtBufPrintf(&b, "add rule inet %s postrouting ip saddr %s ip daddr 255.255.255.255 return\n", table, net);
                char *to = natTarget(def->forward->nat);
                virtBufPrintf(&b, "add rule inet %s postrouting ip saddr %s ip daddr != %s meta l4proto { tcp, udp } %s\n",
                              table, net, net, to);
                free(to);
                to = natPlainTarget(def->forward->nat);
                virtBufPrintf(&b, "add rule inet %s postrouting ip saddr %s ip daddr != %s %s\n", table, net, net, to);
                free(to);
            }
            free(net);
        }
    }
    char *cmds = virtBufSteal(&b);
    NET_DEBUG("network '%s': loading\n%s", def->name, cmds);
    /* a table left by a crash goes first, so the rules are never doubled */
    netFirewallRemove(def);
    if (run(cmds, errmsg) < 0)
        goto cleanup;
    if ((v4 && writeSysctl("/proc/sys/net/ipv4/ip_forward") < 0) ||
        (v6 && writeSysctl("/proc/sys/net/ipv6/conf/all/forwarding") < 0)) {
        *errmsg = virtAsprintf("cannot enable IP forwarding for network '%s': %s", def->name, strerror(errno));
        netFirewallRemove(def);
        goto cleanup;
    }
    ret = 0;
 cleanup:
    free(cmds);
    free(table);
    return ret;
}

int netFirewallEnsure(const virtNetworkDef *def, char **errmsg)
{
    const char *mode = def->forward ? def->forward->mode : NULL;
    if (mode && !virtStrEq(mode, "nat") && !virtStrEq(mode, "route"))
        return 0;
    char *table = tableName(def);
    char *cmd = virtAsprintf("list table inet %s", table);
    int present = run(cmd, NULL) == 0;
    free(cmd);
    free(table);
    return present ? 0 : netFirewallAdd(def, errmsg);
}

void netFirewallRemove(const virtNetworkDef *def)
{
    char *table = tableName(def);
    char *cmd = virtAsprintf("delete table inet %s", table);
    /* absent already: nothing to do */
    run(cmd, NULL);
    free(cmd);
    free(table);
}
