/* test_migrate.c: moving a running domain from one test connection's host
 * to another's. The destination must be a test connection of this
 * process; both hosts are locked (in address order) while it moves. */
#include <stdlib.h>
#include <string.h>

#include "test_driver.h"
#include "util.h"

static void lockPair(testState *a, testState *b)
{
    if (a == b) {
        pthread_mutex_lock(&a->lock);
    } else if ((uintptr_t) a < (uintptr_t) b) {
        pthread_mutex_lock(&a->lock);
        pthread_mutex_lock(&b->lock);
    } else {
        pthread_mutex_lock(&b->lock);
        pthread_mutex_lock(&a->lock);
    }
}

static void unlockPair(testState *a, testState *b)
{
    pthread_mutex_unlock(&a->lock);
    if (a != b)
        pthread_mutex_unlock(&b->lock);
}

virDomainPtr testDomainMigrate(virDomainPtr domain, virConnectPtr dconn, unsigned long flags,
                               const char *dname, const char *uri, unsigned long bandwidth)
{
    VIRT_CHECK_FLAGS(flags, VIR_MIGRATE_LIVE | VIR_MIGRATE_PERSIST_DEST | VIR_MIGRATE_UNDEFINE_SOURCE | VIR_MIGRATE_PAUSED | VIR_MIGRATE_OFFLINE, NULL);
    virConnectPtr conn = testCore->handle_conn(domain);
    testConn *dpriv = testConnOwn(dconn);
    virtDomain *def = NULL;
    virDomainPtr ret = NULL;
    bool clash;

    if (!dpriv) {
        TEST_ERROR(conn, VIR_ERR_OPERATION_INVALID,
                   "the destination connection is not a test driver connection");
        return NULL;
    }
    if (testCore->conn_readonly(dconn)) {
        TEST_ERROR(conn, VIR_ERR_OPERATION_DENIED, "the destination connection is read-only");
        return NULL;
    }
    testState *src = testConnState(conn);
    testState *dst = dpriv->state;

    lockPair(src, dst);
    testDomain *dom = testStateFindDomainByUUID(src, testCore->handle_identity(domain)->uuid);
    if (!dom) {
        TEST_ERROR(conn, VIR_ERR_NO_DOMAIN, "no domain with matching name '%s'", testCore->handle_identity(domain)->name);
        goto cleanup;
    }
    if (dom->state == VIR_DOMAIN_SHUTOFF) {
        TEST_ERROR(conn, VIR_ERR_OPERATION_INVALID, "domain is not running");
        goto cleanup;
    }
    const char *newName = dname ? dname : dom->def->name;
    if (src == dst && strcmp(newName, dom->def->name) == 0) {
        TEST_ERROR(conn, VIR_ERR_OPERATION_INVALID,
                   "domain '%s' is already on the destination host", newName);
        goto cleanup;
    }
    if (!(def = virtDomainModelCopy(dom->def))) {
        TEST_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "cannot copy the domain definition");
        goto cleanup;
    }
    if (dname) {
        free(def->name);
        def->name = virtStrdup(dname);
    }
    int pausedBefore = dom->state == VIR_DOMAIN_PAUSED;

    /* The destination must not run it already; an inactive definition of
     * it there is taken over. On the same host, the source object goes
     * first so the renamed copy does not clash with it. */
    if (src == dst) {
        if (testStateFindDomainByName(dst, newName)) {
            TEST_ERROR(conn, VIR_ERR_OPERATION_FAILED, "domain '%s' already exists", newName);
            goto cleanup;
        }
        unsigned long long cpu = testDomainCPUTime(dom);
        testStateRemoveDomain(src, dom);
        dom = NULL;
        testDomain *moved = testDomainNewObj(def, &dst->node);
        def = NULL;
        moved->cpu_ns = cpu;
        moved->persistent = (flags & VIR_MIGRATE_PERSIST_DEST) != 0;
        testStateAddDomain(dst, moved);
        testDomainStart(dst, moved, VIR_DOMAIN_RUNNING_MIGRATED);
        ret = testDomainHandle(dconn, moved);
        testCore->handle_set_id(domain, -1);
        goto cleanup;
    }
    testDomain *there = testDomainCheckDef(dconn, dst, def, &clash);
    if (clash) {
        /* The error was recorded against dconn; repeat it for the caller. */
        TEST_ERROR(conn, VIR_ERR_OPERATION_FAILED, "domain '%s' clashes with a domain on the destination",
                   def->name);
        goto cleanup;
    }
    if (there && there->state != VIR_DOMAIN_SHUTOFF) {
        TEST_ERROR(conn, VIR_ERR_OPERATION_INVALID, "domain '%s' is already active on the destination",
                   def->name);
        goto cleanup;
    }
    if (there) {
        testDomainSetDef(dst, there, def);
    } else {
        there = testDomainNewObj(def, &dst->node);
        testStateAddDomain(dst, there);
    }
    def = NULL;
    if (flags & VIR_MIGRATE_PERSIST_DEST)
        there->persistent = true;
    there->cpu_ns = testDomainCPUTime(dom);
    testDomainStart(dst, there, VIR_DOMAIN_RUNNING_MIGRATED);
    if ((flags & VIR_MIGRATE_PAUSED) || pausedBefore) {
        there->state = VIR_DOMAIN_PAUSED;
        there->reason = VIR_DOMAIN_PAUSED_MIGRATION;
    }
    ret = testDomainHandle(dconn, there);

    /* The source stops; it keeps its persistent definition unless asked
     * to drop it. */
    if (flags & VIR_MIGRATE_UNDEFINE_SOURCE)
        dom->persistent = false;
    testDomainStop(src, dom, VIR_DOMAIN_SHUTOFF_MIGRATED);
    testCore->handle_set_id(domain, -1);
 cleanup:
    unlockPair(src, dst);
    virtDomainModelFree(def);
    return ret;
}
