/* test_connect.c: questions about the connection and the node. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_driver.h"
#include "util.h"

const char *testConnectGetType(virConnectPtr conn)
{
    return "TEST";
}

int testConnectGetVersion(virConnectPtr conn, unsigned long *hvVer)
{
    *hvVer = 2;
    return 0;
}

char *testConnectGetHostname(virConnectPtr conn)
{
    char name[HOST_NAME_MAX + 1];
    if (gethostname(name, sizeof(name)) < 0) {
        TEST_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "cannot find the host name");
        return NULL;
    }
    name[HOST_NAME_MAX] = '\0';
    return virtStrdup(name);
}

int testConnectGetMaxVcpus(virConnectPtr conn, const char *type)
{
    return 32;
}

int testNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info)
{
    testState *st = testConnState(conn);
    memset(info, 0, sizeof(*info));
    pthread_mutex_lock(&st->lock);
    snprintf(info->model, sizeof(info->model), "%s", st->node.model);
    info->memory = st->node.memory;
    info->cpus = st->node.cpus;
    info->mhz = st->node.mhz;
    info->nodes = st->node.nodes;
    info->sockets = st->node.sockets;
    info->cores = st->node.cores;
    info->threads = st->node.threads;
    pthread_mutex_unlock(&st->lock);
    return 0;
}

int testNodeGetCPUMap(virConnectPtr conn, unsigned char **cpumap, unsigned int *online,
                      unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    /* libvirt's test driver answers a fixed map whatever the node info
     * says: 8 cpus, of which 0, 2 and 4 are online. Bindings size vcpu
     * affinity maps from it. */
    if (cpumap) {
        *cpumap = virtAlloc(1);
        (*cpumap)[0] = 0x15;
    }
    if (online)
        *online = 3;
    return 8;
}

char *testConnectGetCapabilities(virConnectPtr conn)
{
    testState *st = testConnState(conn);
    pthread_mutex_lock(&st->lock);
    char *xml = testCapabilitiesFormat(&st->node);
    pthread_mutex_unlock(&st->lock);
    return xml;
}

/* As libvirt's test driver: an in-process connection is alive and
 * secure (nobody can listen in), and nothing is encrypted. */
int testConnectIsAlive(virConnectPtr conn)
{
    return 1;
}

int testConnectIsSecure(virConnectPtr conn)
{
    return 1;
}

int testConnectIsEncrypted(virConnectPtr conn)
{
    return 0;
}
