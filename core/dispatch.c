/* dispatch.c: checks and error reports shared by the generated entry points. */
#include "entry.h"
#include "registry.h"

bool virtCheckConnect(virConnectPtr conn, const char *func)
{
    if (virtConnectValid(conn))
        return true;
    virtErrorRaise(NULL, NULL, NULL, VIR_FROM_NONE, VIR_ERR_INVALID_CONN, "%s", func);
    return false;
}

bool virtCheckDomain(virDomainPtr dom, const char *func)
{
    if (virtDomainValid(dom))
        return true;
    virtErrorRaise(NULL, NULL, NULL, VIR_FROM_DOM, VIR_ERR_INVALID_DOMAIN, "%s", func);
    return false;
}

bool virtCheckNetwork(virNetworkPtr net, const char *func)
{
    if (virtNetworkValid(net))
        return true;
    virtErrorRaise(NULL, NULL, NULL, VIR_FROM_NETWORK, VIR_ERR_INVALID_NETWORK, "%s", func);
    return false;
}

const virtHypervisorTable *virtConnHypervisorTable(virConnectPtr conn)
{
    virtModule *m = conn->roles[VIRT_ROLE_HYPERVISOR].module;
    return m ? m->desc->hypervisor : NULL;
}

const virtNetworkTable *virtConnNetworkTable(virConnectPtr conn)
{
    virtModule *m = conn->roles[VIRT_ROLE_NETWORK].module;
    return m ? m->desc->network : NULL;
}

void virtReportNullArg(virConnectPtr conn, const char *func, const char *arg)
{
    virtErrorRaise(conn, NULL, NULL, VIR_FROM_NONE, VIR_ERR_INVALID_ARG,
                   "%s in %s must not be NULL", arg, func);
}

void virtReportRangeArg(virConnectPtr conn, const char *func, const char *arg, const char *rule)
{
    virtErrorRaise(conn, NULL, NULL, VIR_FROM_NONE, VIR_ERR_INVALID_ARG,
                   "%s in %s must be %s", arg, func, rule);
}

void virtReportReadOnly(virConnectPtr conn, const char *func)
{
    virtErrorRaise(conn, NULL, NULL, VIR_FROM_NONE, VIR_ERR_OPERATION_DENIED,
                   "%s is not allowed on a read-only connection", func);
}

void virtReportNoSupport(virConnectPtr conn, const char *func)
{
    virtModule *m = conn->roles[VIRT_ROLE_HYPERVISOR].module;
    virtErrorRaise(conn, NULL, NULL, VIR_FROM_NONE, VIR_ERR_NO_SUPPORT,
                   "%s (module %s)", func, m ? m->name : "none");
}
