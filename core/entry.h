/* entry.h: what the generated public entry points (entry.c) rely on. */
#ifndef VIRT_ENTRY_H
#define VIRT_ENTRY_H

#include <stddef.h>

#include "error.h"
#include "internal.h"

/* The slot field of table, or NULL when the module's table is too short
 * to hold it (an older module) or the slot is empty. */
#define VIRT_SLOT(table, type, field)                                           \
    ((table) && offsetof(type, field) + sizeof(((type *) 0)->field) <= (table)->size \
         ? (table)->field : NULL)

bool virtCheckConnect(virConnectPtr conn, const char *func);
bool virtCheckDomain(virDomainPtr dom, const char *func);
bool virtCheckNetwork(virNetworkPtr net, const char *func);

static inline virConnectPtr virtDomainConn(virDomainPtr dom) { return dom->conn; }
static inline virConnectPtr virtNetworkConn(virNetworkPtr net) { return net->conn; }
static inline bool virtConnReadOnly(virConnectPtr conn) { return conn->flags & VIR_CONNECT_RO; }

const virtHypervisorTable *virtConnHypervisorTable(virConnectPtr conn);
const virtNetworkTable *virtConnNetworkTable(virConnectPtr conn);

void virtReportNullArg(virConnectPtr conn, const char *func, const char *arg);
void virtReportRangeArg(virConnectPtr conn, const char *func, const char *arg, const char *rule);
void virtReportReadOnly(virConnectPtr conn, const char *func);
void virtReportNoSupport(virConnectPtr conn, const char *func);

#endif /* VIRT_ENTRY_H */
