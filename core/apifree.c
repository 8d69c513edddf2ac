/* apifree.c: the public functions that release structures the API hands
 * out (statistics records, guest file systems, IOThreads, guest
 * interfaces, DHCP leases), and the last-error shortcuts. None of them
 * needs a module. */
#include <stdlib.h>

#include "error.h"
#include "internal.h"

/* Typed parameters own their strings. */
static void freeParams(virTypedParameterPtr params, int nparams)
{
    for (int i = 0; params && i < nparams; i++)
        if (params[i].type == VIR_TYPED_PARAM_STRING)
            free(params[i].value.s);
    free(params);
}

void virDomainStatsRecordListFree(virDomainStatsRecordPtr *stats)
{
    for (size_t i = 0; stats && stats[i]; i++) {
        if (stats[i]->dom && virtDomainValid(stats[i]->dom))
            virtHandleUnref(stats[i]->dom);
        freeParams(stats[i]->params, stats[i]->nparams);
        free(stats[i]);
    }
    free(stats);
}

void virDomainFSInfoFree(virDomainFSInfoPtr info)
{
    if (!info)
        return;
    free(info->mountpoint);
    free(info->name);
    free(info->fstype);
    for (size_t i = 0; i < info->ndevAlias; i++)
        free(info->devAlias[i]);
    free(info->devAlias);
    free(info);
}

void virDomainIOThreadInfoFree(virDomainIOThreadInfoPtr info)
{
    if (!info)
        return;
    free(info->cpumap);
    free(info);
}

void virDomainInterfaceFree(virDomainInterfacePtr iface)
{
    if (!iface)
        return;
    for (unsigned int i = 0; i < iface->naddrs; i++)
        free(iface->addrs[i].addr);
    free(iface->addrs);
    free(iface->name);
    free(iface->hwaddr);
    free(iface);
}

void virNetworkDHCPLeaseFree(virNetworkDHCPLeasePtr lease)
{
    if (!lease)
        return;
    free(lease->iface);
    free(lease->mac);
    free(lease->iaid);
    free(lease->ipaddr);
    free(lease->hostname);
    free(lease->clientid);
    free(lease);
}

int virGetLastErrorCode(void)
{
    virErrorPtr err = virGetLastError();
    return err ? err->code : VIR_ERR_OK;
}

int virGetLastErrorDomain(void)
{
    virErrorPtr err = virGetLastError();
    return err ? err->domain : VIR_FROM_NONE;
}
