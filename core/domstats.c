/* domstats.c: virDomainListGetStats, answered from the hypervisor's
 * connectGetAllDomainStats slot and narrowed to the domains asked for. */
#include <stdlib.h>
#include <string.h>

#include "entry.h"

int virDomainListGetStats(virDomainPtr *doms, unsigned int stats,
                          virDomainStatsRecordPtr **retStats, unsigned int flags)
{
    virDomainStatsRecordPtr *all = NULL, *out = NULL;
    virConnectPtr conn = NULL;
    size_t ndoms = 0, nout = 0;
    int nall;

    virResetLastError();
    if (!doms || !doms[0]) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_NONE, VIR_ERR_INVALID_ARG,
                       "doms in %s must hold at least one domain", __func__);
        goto error;
    }
    for (; doms[ndoms]; ndoms++) {
        if (!virtCheckDomain(doms[ndoms], __func__))
            goto error;
        if (conn && doms[ndoms]->h.conn != conn) {
            virtErrorRaise(conn, NULL, NULL, VIR_FROM_NONE, VIR_ERR_INVALID_ARG,
                           "domains in %s must share one connection", __func__);
            goto error;
        }
        conn = doms[ndoms]->h.conn;
    }
    if (!retStats) {
        virtReportNullArg(conn, __func__, "retStats");
        goto error;
    }
    /* The domain filter flags apply to the domains given, as libvirt's
     * drivers apply them: the slot filters all, the list narrows. */
    if ((nall = virConnectGetAllDomainStats(conn, stats, &all, flags)) < 0)
        return -1;    /* already reported and dispatched */

    out = virtAlloc((ndoms + 1) * sizeof(*out));
    for (size_t i = 0; i < ndoms; i++) {
        for (int j = 0; j < nall; j++) {
            if (all[j] && all[j]->dom && memcmp(all[j]->dom->h.uuid, doms[i]->h.uuid, VIRT_UUID_LEN) == 0) {
                out[nout++] = all[j];
                all[j] = NULL;
                break;
            }
        }
    }
    /* Records nobody asked for: compact the list and free it. */
    size_t k = 0;
    for (int j = 0; j < nall; j++)
        if (all[j])
            all[k++] = all[j];
    all[k] = NULL;
    virDomainStatsRecordListFree(all);
    *retStats = out;
    return (int) nout;

 error:
    virtDispatchError(conn);
    return -1;
}
