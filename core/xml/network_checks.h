/* network_checks.h: the checks libvirt 9.0 makes on one record of a
 * <network> as it reads it (core/xml/hooks/network_hooks.c). The
 * whole-document hook runs them on every record, virNetworkUpdate on the
 * fragment it is given. net is the network's name for the messages; a
 * partial record only selects existing ones (a delete), so it may leave
 * out what a stored one needs. Each returns 0, or -1 with ctx->err set;
 * on success the record's addresses and numbers are in libvirt's form. */
#ifndef VIRT_NETWORK_CHECKS_H
#define VIRT_NETWORK_CHECKS_H

#include <stdbool.h>

#include "network_model.h"

int virtNetworkDhcpHostCheck(const char *net, const virtNetworkIp *ip, virtNetworkIpDhcpHost *h, bool partial,
                             virtXMLModelCtx *ctx);
int virtNetworkDhcpRangeCheck(const char *net, const virtNetworkIp *ip, virtNetworkIpDhcpRange *r,
                              virtXMLModelCtx *ctx);
int virtNetworkDnsHostCheck(const char *net, virtNetworkDnsHost *h, bool partial, virtXMLModelCtx *ctx);
int virtNetworkDnsSrvCheck(const char *net, virtNetworkDnsSrv *s, bool partial, virtXMLModelCtx *ctx);
int virtNetworkDnsTxtCheck(const char *net, virtNetworkDnsTxt *t, bool partial, virtXMLModelCtx *ctx);
int virtNetworkPortgroupCheck(virtNetworkDefPortgroup *pg, virtXMLModelCtx *ctx);

/* Drop what libvirt does not write when it is empty: an <ip>'s <dhcp>
 * without ranges or hosts, a <dns> without records or settings. */
void virtNetworkDhcpDropEmpty(virtNetworkIp *ip);
void virtNetworkDnsDropEmpty(virtNetworkDef *def);

/* AF_INET or AF_INET6 for the text of an address, 0 when it is none. */
int virtNetworkAddrFamily(const char *s);

#endif /* VIRT_NETWORK_CHECKS_H */
