/* network_leases.c: virNetworkGetDHCPLeases from the lease file of the
 * network's dnsmasq (NAME.leases: one "EXPIRY MAC IP HOSTNAME CLIENTID"
 * line per IPv4 lease; after a "duid" line, IPv6 leases as "EXPIRY IAID
 * IP HOSTNAME DUID"). As libvirt's driver: expired leases are left out,
 * a missing file means no leases, the prefix is that of the network's
 * address the lease falls in, and the interface is the bridge. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "network_driver.h"
#include "util.h"

VIRT_MODULE_LOG_INIT("network.leases");

/* The prefix of the network's <ip> of addr's family that holds addr;
 * 0 when none does. */
static unsigned int leasePrefix(const virtNetworkDef *def, const char *addr)
{
    netAddr lease = { 0 };
    lease.family = strchr(addr, ':') ? AF_INET6 : AF_INET;
    if (inet_pton(lease.family, addr, lease.b) != 1)
        return 0;
    for (size_t i = 0; i < def->nip; i++) {
        netAddr a;
        if (!netIpAddr(def->ip[i], &a) || a.family != lease.family)
            continue;
        int bits = a.prefix;
        bool same = true;
        for (int k = 0; k < 16 && bits > 0 && same; k++, bits -= 8) {
            unsigned char mask = bits >= 8 ? 0xff : (unsigned char) (0xff << (8 - bits));
            same = (a.b[k] & mask) == (lease.b[k] & mask);
        }
        if (same)
            return (unsigned int) a.prefix;
    }
    return 0;
}

static char *optField(const char *s)
{
    return strcmp(s, "*") == 0 ? NULL : virtStrdup(s);
}

static void leaseFree(virNetworkDHCPLeasePtr l)
{
    free(l->iface);
    free(l->mac);
    free(l->iaid);
    free(l->ipaddr);
    free(l->hostname);
    free(l->clientid);
    free(l);
}

static void addLease(virNetworkDHCPLeasePtr **list, size_t *n, virNetworkDHCPLeasePtr l)
{
    *list = virtRealloc(*list, sizeof(**list) * (*n + 2));
    (*list)[(*n)++] = l;
    (*list)[*n] = NULL;
}

int netGetDHCPLeases(virNetworkPtr network, const char *mac, virNetworkDHCPLeasePtr **leases, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    netDriver *drv;
    netObj *obj = netObjFromHandle(network, &drv);
    if (!obj)
        return -1;

    char *path = netStoreFile(drv->paths.dnsmasq_dir, obj->def->name, ".leases");
    const char *bridge = virtNetworkDefBridgeName(obj->def);
    char *text = virtFileRead(path, 64 * 1024 * 1024, NULL);
    virNetworkDHCPLeasePtr *list = NULL;
    size_t n = 0;
    bool v6 = false;
    long long now = (long long) time(NULL);

    for (char *line = text, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        char f[5][256];
        int got = sscanf(line, "%255s %255s %255s %255s %255s", f[0], f[1], f[2], f[3], f[4]);
        if (got >= 1 && strcmp(f[0], "duid") == 0) {
            v6 = true;
            continue;
        }
        if (got < 5)
            continue;
        long long expiry = strtoll(f[0], NULL, 10);
        if (expiry > 0 && expiry < now)
            continue;
        /* IPv6 leases carry no MAC: a MAC asked for matches none of them */
        if (mac && (v6 || strcasecmp(mac, f[1]) != 0))
            continue;
        virNetworkDHCPLeasePtr l = virtAlloc(sizeof(*l));
        l->iface = virtStrdup(bridge ? bridge : "");
        l->expirytime = expiry;
        l->type = v6 ? VIR_IP_ADDR_TYPE_IPV6 : VIR_IP_ADDR_TYPE_IPV4;
        l->mac = v6 ? NULL : virtStrdup(f[1]);
        l->iaid = v6 ? virtStrdup(f[1]) : NULL;
        l->ipaddr = virtStrdup(f[2]);
        l->prefix = leasePrefix(obj->def, f[2]);
        l->hostname = optField(f[3]);
        l->clientid = optField(f[4]);
        addLease(&list, &n, l);
    }
    pthread_mutex_unlock(&drv->lock);
    NET_DEBUG("network '%s': %zu lease(s) in '%s'", netCore->handle_identity(network)->name, n, path);
    free(text);
    free(path);
    if (leases)
        *leases = list ? list : virtAlloc(sizeof(*list));
    else {
        for (size_t i = 0; i < n; i++)
            leaseFree(list[i]);
        free(list);
    }
    return (int) n;
}
