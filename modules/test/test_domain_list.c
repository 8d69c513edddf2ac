/* test_domain_list.c: counting, listing and looking up domains. Lookups
 * go through the host's hashes; listings walk its list once. */
#include <stdlib.h>
#include <string.h>

#include "test_driver.h"
#include "util.h"

static bool isActive(const testDomain *dom)
{
    return dom->state != VIR_DOMAIN_SHUTOFF;
}

int testConnectNumOfDomains(virConnectPtr conn)
{
    testState *st = testConnState(conn);
    int n = 0;
    pthread_mutex_lock(&st->lock);
    for (testDomain *d = st->dom_first; d; d = d->next)
        n += isActive(d);
    pthread_mutex_unlock(&st->lock);
    return n;
}

int testConnectListDomains(virConnectPtr conn, int *ids, int maxids)
{
    testState *st = testConnState(conn);
    int n = 0;
    pthread_mutex_lock(&st->lock);
    for (testDomain *d = st->dom_first; d && n < maxids; d = d->next)
        if (isActive(d))
            ids[n++] = d->id;
    pthread_mutex_unlock(&st->lock);
    return n;
}

int testConnectNumOfDefinedDomains(virConnectPtr conn)
{
    testState *st = testConnState(conn);
    int n = 0;
    pthread_mutex_lock(&st->lock);
    for (testDomain *d = st->dom_first; d; d = d->next)
        n += !isActive(d);
    pthread_mutex_unlock(&st->lock);
    return n;
}

int testConnectListDefinedDomains(virConnectPtr conn, char **const names, int maxnames)
{
    testState *st = testConnState(conn);
    int n = 0;
    pthread_mutex_lock(&st->lock);
    for (testDomain *d = st->dom_first; d && n < maxnames; d = d->next)
        if (!isActive(d))
            names[n++] = virtStrdup(d->def->name);
    pthread_mutex_unlock(&st->lock);
    return n;
}

bool testDomainListFilter(const testDomain *dom, unsigned int flags)
{
    unsigned int activeBits = VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_INACTIVE;
    unsigned int persistBits = VIR_CONNECT_LIST_DOMAINS_PERSISTENT | VIR_CONNECT_LIST_DOMAINS_TRANSIENT;
    unsigned int stateBits = VIR_CONNECT_LIST_DOMAINS_RUNNING | VIR_CONNECT_LIST_DOMAINS_PAUSED |
                             VIR_CONNECT_LIST_DOMAINS_SHUTOFF | VIR_CONNECT_LIST_DOMAINS_OTHER;
    unsigned int autoBits = VIR_CONNECT_LIST_DOMAINS_AUTOSTART | VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART;

    if (flags & activeBits) {
        unsigned int want = isActive(dom) ? VIR_CONNECT_LIST_DOMAINS_ACTIVE : VIR_CONNECT_LIST_DOMAINS_INACTIVE;
        if (!(flags & want))
            return false;
    }
    if (flags & persistBits) {
        unsigned int want = dom->persistent ? VIR_CONNECT_LIST_DOMAINS_PERSISTENT
                                            : VIR_CONNECT_LIST_DOMAINS_TRANSIENT;
        if (!(flags & want))
            return false;
    }
    if (flags & stateBits) {
        unsigned int want = dom->state == VIR_DOMAIN_RUNNING ? VIR_CONNECT_LIST_DOMAINS_RUNNING
                          : dom->state == VIR_DOMAIN_PAUSED ? VIR_CONNECT_LIST_DOMAINS_PAUSED
                          : dom->state == VIR_DOMAIN_SHUTOFF ? VIR_CONNECT_LIST_DOMAINS_SHUTOFF
                          : VIR_CONNECT_LIST_DOMAINS_OTHER;
        if (!(flags & want))
            return false;
    }
    if (flags & autoBits) {
        unsigned int want = dom->autostart ? VIR_CONNECT_LIST_DOMAINS_AUTOSTART
                                           : VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART;
        if (!(flags & want))
            return false;
    }
    unsigned int snapBits = VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT | VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT;
    if ((flags & snapBits) &&
        !(flags & (dom->snaps ? VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT : VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT)))
        return false;
    unsigned int cpBits = VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT | VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT;
    if ((flags & cpBits) &&
        !(flags & (dom->checkpoints ? VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT
                                    : VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT)))
        return false;
    /* The test host keeps no managed saves. */
    if ((flags & VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE) && !(flags & VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE))
        return false;
    return true;
}

int testConnectListAllDomains(virConnectPtr conn, virDomainPtr **domains, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0xffff, -1);
    testState *st = testConnState(conn);
    virDomainPtr *list = NULL;
    int n = 0;

    pthread_mutex_lock(&st->lock);
    if (domains)
        list = virtAlloc((st->ndomains + 1) * sizeof(*list));
    for (testDomain *d = st->dom_first; d; d = d->next) {
        if (!testDomainListFilter(d, flags))
            continue;
        /* domain_new only fails on bad arguments, never here */
        if (list && !(list[n] = testDomainHandle(conn, d)))
            continue;
        n++;
    }
    pthread_mutex_unlock(&st->lock);
    if (domains)
        *domains = list;
    return n;
}

virDomainPtr testDomainLookupByID(virConnectPtr conn, int id)
{
    testState *st = testConnState(conn);
    virDomainPtr ret = NULL;
    pthread_mutex_lock(&st->lock);
    testDomain *dom = testStateFindDomainByID(st, id);
    if (dom)
        ret = testDomainHandle(conn, dom);
    pthread_mutex_unlock(&st->lock);
    if (!dom)
        TEST_ERROR(conn, VIR_ERR_NO_DOMAIN, NULL);   /* libvirt's test driver says no more */
    return ret;
}

virDomainPtr testDomainLookupByName(virConnectPtr conn, const char *name)
{
    testState *st = testConnState(conn);
    virDomainPtr ret = NULL;
    pthread_mutex_lock(&st->lock);
    testDomain *dom = testStateFindDomainByName(st, name);
    if (dom)
        ret = testDomainHandle(conn, dom);
    pthread_mutex_unlock(&st->lock);
    if (!dom)
        TEST_ERROR(conn, VIR_ERR_NO_DOMAIN, NULL);
    return ret;
}

virDomainPtr testDomainLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    testState *st = testConnState(conn);
    virDomainPtr ret = NULL;
    pthread_mutex_lock(&st->lock);
    testDomain *dom = testStateFindDomainByUUID(st, uuid);
    if (dom)
        ret = testDomainHandle(conn, dom);
    pthread_mutex_unlock(&st->lock);
    if (!dom)
        TEST_ERROR(conn, VIR_ERR_NO_DOMAIN, NULL);
    return ret;
}
