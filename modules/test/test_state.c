/* test_state.c: a host's objects: creation, indexes and removal. Callers
 * hold st->lock. Lists keep definition order; hashes give constant-time
 * lookups by name, UUID and id. */
#include <stdlib.h>
#include <string.h>

#include "test_driver.h"
#include "util.h"

testState *testStateNew(void)
{
    testState *st = virtAlloc(sizeof(*st));
    pthread_mutex_init(&st->lock, NULL);
    st->next_id = 1;
    st->dom_by_name = testHashNew();
    st->dom_by_uuid = testHashNew();
    st->dom_by_id = testHashNew();
    st->net_by_name = testHashNew();
    st->net_by_uuid = testHashNew();
    return st;
}

void testStateFree(testState *st)
{
    if (!st)
        return;
    while (st->dom_first)
        testStateRemoveDomain(st, st->dom_first);
    while (st->net_first)
        testStateRemoveNetwork(st, st->net_first);
    testStorageFree(st);
    testIfaceFree(st);
    testSecretFree(st);
    testNWFilterFree(st);
    testNodeDevFree(st);
    testHashFree(st->dom_by_name);
    testHashFree(st->dom_by_uuid);
    testHashFree(st->dom_by_id);
    testHashFree(st->net_by_name);
    testHashFree(st->net_by_uuid);
    pthread_mutex_destroy(&st->lock);
    free(st);
}

testDomain *testDomainNewObj(virtDomain *def, const testNodeInfo *node)
{
    testDomain *dom = virtAlloc(sizeof(*dom));
    dom->def = def;
    dom->state = VIR_DOMAIN_SHUTOFF;
    dom->reason = VIR_DOMAIN_SHUTOFF_UNKNOWN;
    dom->id = -1;
    dom->weight = 50;
    /* libvirt's test driver starts every guest clock at this second. */
    dom->time_sec = 627319920;
    dom->host_cpus = node->cpus ? node->cpus : 1;
    return dom;
}

void testDomainObjFree(testDomain *dom)
{
    if (!dom)
        return;
    virtDomainModelFree(dom->def);
    virtDomainModelFree(dom->pending);
    free(dom->added_iothreads);
    testSnapshotsFree(dom);
    testCheckpointsFree(dom);
    free(dom);
}

int testStateAddDomain(testState *st, testDomain *dom)
{
    testHashPut(st->dom_by_name, dom->def->name, strlen(dom->def->name), dom);
    testHashPut(st->dom_by_uuid, dom->def->uuid, VIRT_UUID_LEN, dom);
    if (dom->id >= 0)
        testHashPut(st->dom_by_id, &dom->id, sizeof(dom->id), dom);
    dom->prev = st->dom_last;
    dom->next = NULL;
    if (st->dom_last)
        st->dom_last->next = dom;
    else
        st->dom_first = dom;
    st->dom_last = dom;
    st->ndomains++;
    return 0;
}

void testStateRemoveDomain(testState *st, testDomain *dom)
{
    testHashRemove(st->dom_by_name, dom->def->name, strlen(dom->def->name));
    testHashRemove(st->dom_by_uuid, dom->def->uuid, VIRT_UUID_LEN);
    if (dom->id >= 0)
        testHashRemove(st->dom_by_id, &dom->id, sizeof(dom->id));
    if (dom->prev)
        dom->prev->next = dom->next;
    else
        st->dom_first = dom->next;
    if (dom->next)
        dom->next->prev = dom->prev;
    else
        st->dom_last = dom->prev;
    st->ndomains--;
    testDomainObjFree(dom);
}

void testStateIndexID(testState *st, testDomain *dom, int id)
{
    /* The id hash borrows &dom->id as its key: drop it before changing. */
    if (dom->id >= 0)
        testHashRemove(st->dom_by_id, &dom->id, sizeof(dom->id));
    dom->id = id;
    if (id >= 0)
        testHashPut(st->dom_by_id, &dom->id, sizeof(dom->id), dom);
}

testDomain *testStateFindDomainByName(testState *st, const char *name)
{
    return testHashGet(st->dom_by_name, name, strlen(name));
}

testDomain *testStateFindDomainByUUID(testState *st, const unsigned char *uuid)
{
    return testHashGet(st->dom_by_uuid, uuid, VIRT_UUID_LEN);
}

testDomain *testStateFindDomainByID(testState *st, int id)
{
    return testHashGet(st->dom_by_id, &id, sizeof(id));
}

void testNetworkObjFree(testNetwork *net)
{
    if (!net)
        return;
    virtNetworkDefFree(net->def);
    virtNetworkDefFree(net->newDef);
    free(net);
}

void testNetworkSetDef(testState *st, testNetwork *net, virtNetworkDef *def)
{
    /* the hashes borrow their keys from the definition */
    testHashPut(st->net_by_name, def->name, strlen(def->name), net);
    testHashPut(st->net_by_uuid, def->uuid, VIRT_UUID_LEN, net);
    virtNetworkDefFree(net->def);
    net->def = def;
}

int testStateAddNetwork(testState *st, testNetwork *net)
{
    testHashPut(st->net_by_name, net->def->name, strlen(net->def->name), net);
    testHashPut(st->net_by_uuid, net->def->uuid, VIRT_UUID_LEN, net);
    net->prev = st->net_last;
    net->next = NULL;
    if (st->net_last)
        st->net_last->next = net;
    else
        st->net_first = net;
    st->net_last = net;
    st->nnetworks++;
    return 0;
}

void testStateRemoveNetwork(testState *st, testNetwork *net)
{
    testHashRemove(st->net_by_name, net->def->name, strlen(net->def->name));
    testHashRemove(st->net_by_uuid, net->def->uuid, VIRT_UUID_LEN);
    if (net->prev)
        net->prev->next = net->next;
    else
        st->net_first = net->next;
    if (net->next)
        net->next->prev = net->prev;
    else
        st->net_last = net->prev;
    st->nnetworks--;
    testNetworkObjFree(net);
}

testNetwork *testStateFindNetworkByName(testState *st, const char *name)
{
    return testHashGet(st->net_by_name, name, strlen(name));
}

testNetwork *testStateFindNetworkByUUID(testState *st, const unsigned char *uuid)
{
    return testHashGet(st->net_by_uuid, uuid, VIRT_UUID_LEN);
}
