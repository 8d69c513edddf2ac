/* test_domain_lifecycle.c: defining, starting, stopping and pausing
 * domains, and what they report about their state. Error codes and texts
 * follow libvirt's own test driver. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "test_driver.h"
#include "util.h"

/* validate: the caller passed a *_VALIDATE flag (check the grammar too).
 * The driver's own namespace is read, as libvirt reads it, for its
 * refusals only. */
static virtDomain *parseDef(virConnectPtr conn, const char *xml, bool validate)
{
    virtXMLError err = { 0 };
    virtDomain *def = virtDomainModelParse(xml, validate ? VIRT_XML_VALIDATE : 0, &testDomainDefaults, &err);
    if (!def)
        testReportXMLError(conn, &err);
    else if (testDomainNSCheck(conn, xml) < 0) {
        virtDomainModelFree(def);
        def = NULL;
    }
    return def;
}


virDomainPtr testDomainCreateXML(virConnectPtr conn, const char *xmlDesc, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_START_PAUSED | VIR_DOMAIN_START_VALIDATE, NULL);
    testState *st = testConnState(conn);
    virDomainPtr ret = NULL;
    bool clash;
    virtDomain *def = parseDef(conn, xmlDesc, flags & VIR_DOMAIN_START_VALIDATE);
    if (!def)
        return NULL;

    pthread_mutex_lock(&st->lock);
    testDomain *dom = testDomainCheckDef(conn, st, def, &clash);
    if (clash)
        goto cleanup;
    if (dom && dom->state != VIR_DOMAIN_SHUTOFF) {
        testCore->error(conn, VIR_FROM_DOMAIN, VIR_ERR_OPERATION_INVALID, "domain '%s' is already active",
                        def->name);
        goto cleanup;
    }
    if (dom) {
        /* An inactive persistent domain runs the new definition this time. */
        dom->pending = dom->def;
        dom->def = NULL;
        testDomainSetDef(st, dom, def);
    } else {
        dom = testDomainNewObj(def, &st->node);
        testStateAddDomain(st, dom);
    }
    def = NULL;
    testDomainStart(st, dom, VIR_DOMAIN_RUNNING_BOOTED);
    if (flags & VIR_DOMAIN_START_PAUSED) {
        dom->cpu_ns = testDomainCPUTime(dom);
        dom->state = VIR_DOMAIN_PAUSED;
        dom->reason = VIR_DOMAIN_PAUSED_USER;
    }
    ret = testDomainHandle(conn, dom);
 cleanup:
    pthread_mutex_unlock(&st->lock);
    virtDomainModelFree(def);
    if (ret) {
        testEventLifecycle(st, ret, VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_BOOTED);
        if (flags & VIR_DOMAIN_START_PAUSED)
            testEventLifecycle(st, ret, VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    }
    return ret;
}

virDomainPtr testDomainDefineXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_DEFINE_VALIDATE, NULL);
    testState *st = testConnState(conn);
    virDomainPtr ret = NULL;
    bool clash;
    int detail = VIR_DOMAIN_EVENT_DEFINED_UPDATED;
    virtDomain *def = parseDef(conn, xml, flags & VIR_DOMAIN_DEFINE_VALIDATE);
    if (!def)
        return NULL;

    pthread_mutex_lock(&st->lock);
    testDomain *dom = testDomainCheckDef(conn, st, def, &clash);
    if (clash)
        goto cleanup;
    if (!dom) {
        detail = VIR_DOMAIN_EVENT_DEFINED_ADDED;
        dom = testDomainNewObj(def, &st->node);
        testStateAddDomain(st, dom);
    } else if (dom->state != VIR_DOMAIN_SHUTOFF) {
        /* Running: the new definition waits for the next start. */
        virtDomainModelFree(dom->pending);
        dom->pending = def;
    } else {
        testDomainSetDef(st, dom, def);
    }
    def = NULL;
    dom->persistent = true;
    ret = testDomainHandle(conn, dom);
 cleanup:
    pthread_mutex_unlock(&st->lock);
    virtDomainModelFree(def);
    if (ret)
        testEventLifecycle(st, ret, VIR_DOMAIN_EVENT_DEFINED, detail);
    return ret;
}

int testDomainUndefineFlags(virDomainPtr domain, unsigned int flags)
{
    virConnectPtr conn = testCore->handle_conn(domain);
    testState *st;
    /* libvirt 9.0's test driver takes these two only */
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_UNDEFINE_MANAGED_SAVE |
                     VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA, -1);
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    if (dom->managed_save && !(flags & VIR_DOMAIN_UNDEFINE_MANAGED_SAVE)) {
        TEST_ERROR(conn, VIR_ERR_OPERATION_INVALID,
                   "Refusing to undefine while domain managed save image exists");
        pthread_mutex_unlock(&st->lock);
        return -1;
    }
    dom->managed_save = false;
    if (!dom->persistent) {
        TEST_ERROR(conn, VIR_ERR_OPERATION_INVALID, "cannot undefine transient domain");
        pthread_mutex_unlock(&st->lock);
        return -1;
    }
    /* An inactive domain's snapshots go only when the caller says so, as
     * libvirt requires (its test driver lets checkpoints go unasked). */
    size_t nsnaps = 0;
    for (testSnapshot *s = dom->snaps; s; s = s->next)
        nsnaps++;
    if (dom->state == VIR_DOMAIN_SHUTOFF && nsnaps && !(flags & VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA)) {
        TEST_ERROR(conn, VIR_ERR_OPERATION_INVALID, "cannot delete inactive domain with %zu snapshots", nsnaps);
        pthread_mutex_unlock(&st->lock);
        return -1;
    }
    if (dom->state == VIR_DOMAIN_SHUTOFF) {
        testStateRemoveDomain(st, dom);
    } else {
        /* A running domain stays until it stops, as a transient one. */
        dom->persistent = false;
        dom->autostart = false;
        virtDomainModelFree(dom->pending);
        dom->pending = NULL;
    }
    pthread_mutex_unlock(&st->lock);
    testEventLifecycle(st, domain, VIR_DOMAIN_EVENT_UNDEFINED, VIR_DOMAIN_EVENT_UNDEFINED_REMOVED);
    return 0;
}

int testDomainCreateWithFlags(virDomainPtr domain, unsigned int flags)
{
    virConnectPtr conn = testCore->handle_conn(domain);
    testState *st;
    int ret = -1;
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_START_PAUSED | VIR_DOMAIN_START_AUTODESTROY |
                     VIR_DOMAIN_START_BYPASS_CACHE | VIR_DOMAIN_START_FORCE_BOOT |
                     VIR_DOMAIN_START_VALIDATE | VIR_DOMAIN_START_RESET_NVRAM, -1);
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    if (dom->state != VIR_DOMAIN_SHUTOFF) {
        TEST_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "Domain '%s' is already running", dom->def->name);
        goto cleanup;
    }
    testDomainStart(st, dom, VIR_DOMAIN_RUNNING_BOOTED);
    if (flags & VIR_DOMAIN_START_PAUSED) {
        dom->state = VIR_DOMAIN_PAUSED;
        dom->reason = VIR_DOMAIN_PAUSED_USER;
    }
    testCore->handle_set_id(domain, dom->id);
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&st->lock);
    if (ret == 0) {
        testEventLifecycle(st, domain, VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_BOOTED);
        if (flags & VIR_DOMAIN_START_PAUSED)
            testEventLifecycle(st, domain, VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    }
    return ret;
}

/* The test host has no use for the files a guest is given: the With
 * Files calls start the guest as their plain forms do (and refuse flags
 * in their name, as libvirt's test driver does). */
int testDomainCreateWithFiles(virDomainPtr domain, unsigned int nfiles, int *files, unsigned int flags)
{
    return testDomainCreateWithFlags(domain, flags);
}

virDomainPtr testDomainCreateXMLWithFiles(virConnectPtr conn, const char *xmlDesc, unsigned int nfiles,
                                          int *files, unsigned int flags)
{
    return testDomainCreateXML(conn, xmlDesc, flags);
}

static const char *const lifecycleActions[] = {
    "destroy", "restart", "rename-restart", "preserve", "coredump-destroy", "coredump-restart",
};
static const char *const lifecycleEvents[] = { "poweroff", "reboot", "crash" };

/* Whether the guest comes back after it goes down: the action the
 * definition gives (dflt when it names none) restarts it. */
static bool restartsOn(const char *action, const char *dflt)
{
    const char *a = action ? action : dflt;
    return strcmp(a, "restart") == 0 || strcmp(a, "rename-restart") == 0;
}

enum downKind { DOWN_DESTROY, DOWN_SHUTDOWN, DOWN_REBOOT };

/* The guest goes down, and does what its definition says for a shutdown
 * (<on_poweroff>) or a reboot (<on_reboot>): comes straight back (same
 * id, running, booted again) or stops. A destroy always stops it. */
static int goDown(virDomainPtr domain, enum downKind kind)
{
    virConnectPtr conn = testCore->handle_conn(domain);
    testState *st;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    if (dom->state == VIR_DOMAIN_SHUTOFF) {
        /* libvirt words a shutdown's refusal its own way. */
        if (kind == DOWN_SHUTDOWN)
            TEST_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "domain '%s' not running", dom->def->name);
        else
            testCore->error(conn, VIR_FROM_DOMAIN, VIR_ERR_OPERATION_INVALID, "domain is not running");
        pthread_mutex_unlock(&st->lock);
        return -1;
    }
    bool back = kind == DOWN_SHUTDOWN ? restartsOn(dom->def->on_poweroff, "destroy") :
                kind == DOWN_REBOOT && restartsOn(dom->def->on_reboot, "restart");
    if (back) {
        dom->cpu_ns = testDomainCPUTime(dom);
        dom->state = VIR_DOMAIN_RUNNING;
        dom->reason = VIR_DOMAIN_RUNNING_BOOTED;
        clock_gettime(CLOCK_MONOTONIC, &dom->run_since);
    } else {
        testDomainStop(st, dom, kind == DOWN_DESTROY ? VIR_DOMAIN_SHUTOFF_DESTROYED : VIR_DOMAIN_SHUTOFF_SHUTDOWN);
        testCore->handle_set_id(domain, -1);
    }
    pthread_mutex_unlock(&st->lock);
    if (!back)
        testEventLifecycle(st, domain, VIR_DOMAIN_EVENT_STOPPED,
                           kind == DOWN_DESTROY ? VIR_DOMAIN_EVENT_STOPPED_DESTROYED
                                                : VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN);
    else if (kind == DOWN_REBOOT)
        testEventGeneric(st, domain, VIR_DOMAIN_EVENT_ID_REBOOT);
    return 0;
}

int testDomainDestroyFlags(virDomainPtr domain, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_DESTROY_GRACEFUL, -1);
    return goDown(domain, DOWN_DESTROY);
}

int testDomainShutdownFlags(virDomainPtr domain, unsigned int flags)
{
    /* Every shutdown method ends the same way on this host. */
    VIRT_CHECK_FLAGS(flags, 0x3f, -1);
    return goDown(domain, DOWN_SHUTDOWN);
}

int testDomainSetLifecycleAction(virDomainPtr domain, unsigned int type, unsigned int action,
                                 unsigned int flags)
{
    virConnectPtr conn = testCore->handle_conn(domain);
    testState *st;
    virtDomain *live, *config;
    int ret = -1;
    /* What libvirt's entry point refuses before any driver sees it. */
    if (type > VIR_DOMAIN_LIFECYCLE_CRASH) {
        testCore->error(conn, VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, "invalid lifecycle type '%u'", type);
        return -1;
    }
    if (action > VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_RESTART) {
        testCore->error(conn, VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, "invalid lifecycle action '%u'", action);
        return -1;
    }
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    /* Only a crash may dump the guest's core. */
    if (type != VIR_DOMAIN_LIFECYCLE_CRASH && action >= VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_DESTROY) {
        testCore->error(conn, VIR_FROM_DOMAIN, VIR_ERR_CONFIG_UNSUPPORTED,
                        "Lifecycle event '%s' doesn't support '%s' action",
                        lifecycleEvents[type], lifecycleActions[action]);
        return -1;
    }
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    if (testDomainPickDefs(conn, dom, flags, &live, &config) < 0)
        goto cleanup;
    virtDomain *defs[2] = { live, config };
    for (int i = 0; i < 2; i++) {
        if (!defs[i] || (i == 1 && defs[1] == defs[0]))
            continue;
        char **field = type == VIR_DOMAIN_LIFECYCLE_POWEROFF ? &defs[i]->on_poweroff :
                       type == VIR_DOMAIN_LIFECYCLE_REBOOT ? &defs[i]->on_reboot : &defs[i]->on_crash;
        free(*field);
        *field = virtStrdup(lifecycleActions[action]);
    }
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int testDomainReboot(virDomainPtr domain, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0x1f, -1);
    return goDown(domain, DOWN_REBOOT);
}

int testDomainSuspend(virDomainPtr domain)
{
    virConnectPtr conn = testCore->handle_conn(domain);
    testState *st;
    int ret = -1;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    if (dom->state != VIR_DOMAIN_RUNNING) {
        TEST_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "domain '%s' not running", dom->def->name);
        goto cleanup;
    }
    dom->cpu_ns = testDomainCPUTime(dom);
    dom->state = VIR_DOMAIN_PAUSED;
    dom->reason = VIR_DOMAIN_PAUSED_USER;
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&st->lock);
    if (ret == 0)
        testEventLifecycle(st, domain, VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    return ret;
}

int testDomainResume(virDomainPtr domain)
{
    virConnectPtr conn = testCore->handle_conn(domain);
    testState *st;
    int ret = -1;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    if (dom->state != VIR_DOMAIN_PAUSED) {
        TEST_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "domain '%s' not paused", dom->def->name);
        goto cleanup;
    }
    dom->state = VIR_DOMAIN_RUNNING;
    dom->reason = VIR_DOMAIN_RUNNING_UNPAUSED;
    clock_gettime(CLOCK_MONOTONIC, &dom->run_since);
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&st->lock);
    if (ret == 0)
        testEventLifecycle(st, domain, VIR_DOMAIN_EVENT_RESUMED, VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);
    return ret;
}

int testDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info)
{
    testState *st;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    memset(info, 0, sizeof(*info));
    info->state = (unsigned char) dom->state;
    info->maxMem = virtDomainModelMaxMemory(dom->def);
    info->memory = virtDomainModelCurrentMemory(dom->def);
    info->nrVirtCpu = (unsigned short) testDomainCurrentVcpus(dom);
    /* libvirt's test driver reports the wall clock, in microseconds, as
     * the CPU time, whatever the domain's state */
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    info->cpuTime = (unsigned long long) now.tv_sec * 1000000000ULL +
                    (unsigned long long) (now.tv_nsec / 1000) * 1000ULL;
    pthread_mutex_unlock(&st->lock);
    return 0;
}

int testDomainGetState(virDomainPtr domain, int *state, int *reason, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    testState *st;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    *state = dom->state;
    if (reason)
        *reason = dom->reason;
    pthread_mutex_unlock(&st->lock);
    return 0;
}

char *testDomainGetXMLDesc(virDomainPtr domain, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_XML_SECURE | VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_MIGRATABLE, NULL);
    testState *st;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return NULL;
    /* The inactive view is the persistent definition when one waits. */
    const virtDomain *def = dom->def;
    unsigned int fmt = 0;
    if (flags & VIR_DOMAIN_XML_INACTIVE) {
        fmt |= VIRT_XML_INACTIVE;
        if (dom->pending)
            def = dom->pending;
    }
    char *xml = virtDomainModelFormat(def, fmt);
    pthread_mutex_unlock(&st->lock);
    if (!xml)
        TEST_ERROR(testCore->handle_conn(domain), VIR_ERR_INTERNAL_ERROR, "cannot format the domain XML");
    return xml;
}

char *testDomainGetOSType(virDomainPtr domain)
{
    testState *st;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return NULL;
    pthread_mutex_unlock(&st->lock);
    /* libvirt's test driver answers "linux" whatever the XML says. */
    return virtStrdup("linux");
}

int testDomainIsActive(virDomainPtr dom)
{
    testState *st;
    testDomain *obj = testDomainAcquire(dom, &st);
    if (!obj)
        return -1;
    int ret = obj->state != VIR_DOMAIN_SHUTOFF;
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int testDomainIsPersistent(virDomainPtr dom)
{
    testState *st;
    testDomain *obj = testDomainAcquire(dom, &st);
    if (!obj)
        return -1;
    int ret = obj->persistent;
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int testDomainGetAutostart(virDomainPtr domain, int *autostart)
{
    testState *st;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    *autostart = dom->autostart;
    pthread_mutex_unlock(&st->lock);
    return 0;
}

int testDomainSetAutostart(virDomainPtr domain, int autostart)
{
    testState *st;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    dom->autostart = autostart != 0;
    pthread_mutex_unlock(&st->lock);
    return 0;
}

int testDomainRename(virDomainPtr domain, const char *new_name, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    virConnectPtr conn = testCore->handle_conn(domain);
    testState *st;
    int ret = -1;
    char *oldName = NULL;

    /* libvirt's entry point refuses this before any driver sees it. */
    if (!new_name || !*new_name) {
        testRawError(conn, VIR_ERR_INVALID_ARG, "string new_name in virDomainRename must not be empty");
        return -1;
    }
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    if (dom->state != VIR_DOMAIN_SHUTOFF) {
        TEST_ERROR(conn, VIR_ERR_OPERATION_INVALID, "cannot rename active domain");
        goto cleanup;
    }
    if (!dom->persistent) {
        TEST_ERROR(conn, VIR_ERR_OPERATION_INVALID, "cannot rename a transient domain");
        goto cleanup;
    }
    if (strcmp(dom->def->name, new_name) == 0) {
        testCore->error(conn, VIR_FROM_DOMAIN, VIR_ERR_OPERATION_INVALID, "Can't rename domain to itself");
        goto cleanup;
    }
    if (testStateFindDomainByName(st, new_name)) {
        testCore->error(conn, VIR_FROM_DOMAIN, VIR_ERR_OPERATION_INVALID,
                        "domain with name '%s' already exists", new_name);
        goto cleanup;
    }
    if (strchr(new_name, '/')) {
        TEST_ERROR(conn, VIR_ERR_XML_ERROR, "name %s cannot contain '/'", new_name);
        goto cleanup;
    }
    /* Re-key the name index before the old name goes. */
    testHashRemove(st->dom_by_name, dom->def->name, strlen(dom->def->name));
    oldName = dom->def->name;
    dom->def->name = virtStrdup(new_name);
    testHashPut(st->dom_by_name, dom->def->name, strlen(dom->def->name), dom);
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&st->lock);
    if (ret == 0) {
        /* The old name goes away and the new one appears, as libvirt tells it. */
        const unsigned char *uuid = testCore->handle_identity(domain)->uuid;
        testEventLifecycleNamed(st, oldName, uuid, VIR_DOMAIN_EVENT_UNDEFINED,
                                VIR_DOMAIN_EVENT_UNDEFINED_RENAMED);
        testEventLifecycleNamed(st, new_name, uuid, VIR_DOMAIN_EVENT_DEFINED,
                                VIR_DOMAIN_EVENT_DEFINED_RENAMED);
    }
    free(oldName);
    return ret;
}
