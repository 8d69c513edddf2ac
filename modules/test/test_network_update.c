/* test_network_update.c: virNetworkUpdate on the test driver's networks,
 * as libvirt 9.0's test driver and its virNetworkObjUpdate do it: the
 * live definition and the persistent one (newDef while the network runs)
 * are changed on copies, and both copies must succeed before either is
 * kept. */
#include <stdlib.h>

#include "network_def.h"
#include "test_driver.h"
#include "util.h"

/* Which definitions a change reaches, and whether the network allows it. */
static int updateTargets(virConnectPtr conn, const testNetwork *net, unsigned int *flags)
{
    /* AFFECT_CURRENT: the live definition of a running network, else the persistent one */
    if (!(*flags & (VIR_NETWORK_UPDATE_AFFECT_LIVE | VIR_NETWORK_UPDATE_AFFECT_CONFIG)))
        *flags |= net->active ? VIR_NETWORK_UPDATE_AFFECT_LIVE : VIR_NETWORK_UPDATE_AFFECT_CONFIG;
    if (!net->active && (*flags & VIR_NETWORK_UPDATE_AFFECT_LIVE)) {
        testCore->error(conn, VIR_FROM_NETWORK, VIR_ERR_OPERATION_INVALID, "network is not running");
        return -1;
    }
    if (!net->persistent && (*flags & VIR_NETWORK_UPDATE_AFFECT_CONFIG)) {
        testCore->error(conn, VIR_FROM_NETWORK, VIR_ERR_OPERATION_INVALID,
                        "cannot change persistent config of a transient network");
        return -1;
    }
    return 0;
}

int testNetworkUpdate(virNetworkPtr network, unsigned int command, unsigned int section, int parentIndex,
                      const char *xml, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_NETWORK_UPDATE_AFFECT_LIVE | VIR_NETWORK_UPDATE_AFFECT_CONFIG, -1);
    virConnectPtr conn = testCore->handle_conn(network);
    testState *st;
    virtNetworkDef *live = NULL, *config = NULL;
    virtXMLError err = { 0 };
    int ret = -1;

    testNetwork *net = testNetworkAcquireByUUID(network, &st);
    if (!net)
        return -1;
    if (updateTargets(conn, net, &flags) < 0)
        goto cleanup;
    if ((flags & VIR_NETWORK_UPDATE_AFFECT_LIVE) &&
        !(live = virtNetworkDefUpdate(net->def, false, command, section, parentIndex, xml, &err)))
        goto fail;
    if ((flags & VIR_NETWORK_UPDATE_AFFECT_CONFIG) &&
        !(config = virtNetworkDefUpdate(net->newDef ? net->newDef : net->def, true, command, section,
                                        parentIndex, xml, &err)))
        goto fail;
    if (config && net->active) {
        virtNetworkDefFree(net->newDef);
        net->newDef = config;
    } else if (config) {
        testNetworkSetDef(st, net, config);
    }
    if (live)
        testNetworkSetDef(st, net, live);
    live = config = NULL;
    ret = 0;
    goto cleanup;
 fail:
    testReportXMLError(conn, &err);
 cleanup:
    pthread_mutex_unlock(&st->lock);
    virtNetworkDefFree(live);
    virtNetworkDefFree(config);
    return ret;
}
