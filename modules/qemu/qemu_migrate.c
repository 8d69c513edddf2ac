/* qemu_migrate.c: live migration between two drivers (usually two
 * daemons), in the five steps of migration protocol version 3:
 *
 *   begin    (source)       the domain XML to send
 *   prepare  (destination)  QEMU started paused with -incoming on a TCP
 *                           port QEMU picks itself; the URI is returned
 *   perform  (source)       QMP migrate to that URI, wait for completion
 *   finish   (destination)  wait for the incoming stream to end, then run
 *                           (or clean up when the perform step failed)
 *   confirm  (source)       stop the source QEMU (or resume it when the
 *                           migration was cancelled)
 *
 * Cookies are not needed by this driver and are always empty. Only plain
 * tcp migration URIs are supported; storage is expected to be shared. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "qemu_driver.h"
#include "util.h"

#define CONN(dom) qemuCore->handle_conn(dom)

/* Every VIR_MIGRATE_* bit libvirt 9.0 defines: others are unknown. */
#define MIGRATE_KNOWN ((1UL << 21) - 1)
/* Flags this driver honours; anything else is refused by name. */
#define MIGRATE_SUPPORTED (VIR_MIGRATE_LIVE | VIR_MIGRATE_PERSIST_DEST | \
                           VIR_MIGRATE_UNDEFINE_SOURCE | VIR_MIGRATE_PAUSED | \
                           VIR_MIGRATE_UNSAFE | VIR_MIGRATE_ABORT_ON_ERROR)

static int checkFlags(virConnectPtr conn, unsigned long flags)
{
    static const struct { unsigned long flag; const char *what; } refused[] = {
        { VIR_MIGRATE_PEER2PEER, "peer-to-peer migration" },
        { VIR_MIGRATE_TUNNELLED, "tunnelled migration" },
        { VIR_MIGRATE_NON_SHARED_DISK, "copying storage (non-shared disks)" },
        { VIR_MIGRATE_NON_SHARED_INC, "copying storage (non-shared disks)" },
        { VIR_MIGRATE_OFFLINE, "offline migration" },
        { VIR_MIGRATE_POSTCOPY, "post-copy migration" },
        { VIR_MIGRATE_TLS, "migration over TLS" },
    };
    if (!(flags & ~(unsigned long) MIGRATE_SUPPORTED))
        return 0;
    for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
        if (flags & refused[i].flag) {
            QEMU_ERROR(conn, VIR_ERR_ARGUMENT_UNSUPPORTED,
                       "%s is not supported by the qemu driver", refused[i].what);
            return -1;
        }
    }
    QEMU_ERROR(conn, VIR_ERR_ARGUMENT_UNSUPPORTED, "unsupported migration flags 0x%lx",
               flags & ~(unsigned long) MIGRATE_SUPPORTED);
    return -1;
}

static void noCookie(char **cookieout, int *cookieoutlen)
{
    *cookieout = NULL;
    *cookieoutlen = 0;
}

/* "tcp://HOST[:PORT]" or "tcp:HOST[:PORT]" (HOST may be [v6]); port 0
 * when absent. -1 with an error naming the URI otherwise. */
static int parseTcpURI(virConnectPtr conn, const char *uri, char **host, int *port)
{
    const char *p;
    if (strncmp(uri, "tcp://", 6) == 0)
        p = uri + 6;
    else if (strncmp(uri, "tcp:", 4) == 0)
        p = uri + 4;
    else
        goto bad;
    const char *end;
    if (*p == '[') {
        if (!(end = strchr(p, ']')))
            goto bad;
        *host = virtStrndup(p + 1, (size_t) (end - p - 1));
        end++;
    } else {
        end = p + strcspn(p, ":/");
        *host = virtStrndup(p, (size_t) (end - p));
    }
    *port = 0;
    if (*end == ':') {
        char *stop;
        long v = strtol(end + 1, &stop, 10);
        if (stop == end + 1 || v < 0 || v > 65535 || (*stop && *stop != '/')) {
            free(*host);
            goto bad;
        }
        *port = (int) v;
    } else if (*end && *end != '/') {
        free(*host);
        goto bad;
    }
    if (!(*host)[0]) {
        free(*host);
        goto bad;
    }
    return 0;
 bad:
    *host = NULL;
    QEMU_ERROR(conn, VIR_ERR_INVALID_ARG,
               "migration URI '%s' is not supported: use tcp://HOST[:PORT]", uri);
    return -1;
}

/* QEMU's own form of a tcp address. */
static char *qemuTcpAddress(const char *host, int port)
{
    return strchr(host, ':') ? virtAsprintf("tcp:[%s]:%d", host, port)
                             : virtAsprintf("tcp:%s:%d", host, port);
}

char *qemuDomainMigrateBegin3(virDomainPtr dom, const char *xmlin, char **cookieout,
                              int *cookieoutlen, unsigned long flags, const char *dname,
                              unsigned long resource)
{
    VIRT_CHECK_FLAGS(flags, MIGRATE_KNOWN, NULL);
    qemuDriver *drv;
    qemuDomain *vm;
    (void) dname;
    (void) resource;

    noCookie(cookieout, cookieoutlen);
    if (checkFlags(CONN(dom), flags) < 0 || !(vm = qemuDomainFromHandleActive(dom, &drv)))
        return NULL;
    char *xml = xmlin ? virtStrdup(xmlin) : virtDomainModelFormat(vm->def, VIRT_XML_SECURE);
    pthread_mutex_unlock(&drv->lock);
    return xml;
}

int qemuDomainMigratePrepare3(virConnectPtr dconn, const char *cookiein, int cookieinlen,
                              char **cookieout, int *cookieoutlen, const char *uri_in,
                              char **uri_out, unsigned long flags, const char *dname,
                              unsigned long resource, const char *dom_xml)
{
    VIRT_CHECK_FLAGS(flags, MIGRATE_KNOWN, -1);
    qemuDriver *drv = qemuConnDriver(dconn);
    virtDomain *def = NULL;
    char *host = NULL, *incoming = NULL, *errmsg = NULL, *outhost = NULL;
    json_t *info = NULL;
    int port = 0, ret = -1;
    (void) cookiein;
    (void) cookieinlen;
    (void) resource;

    noCookie(cookieout, cookieoutlen);
    *uri_out = NULL;
    if (checkFlags(dconn, flags) < 0)
        return -1;
    /* No URI: listen everywhere and tell the source our host name. */
    if (uri_in) {
        if (parseTcpURI(dconn, uri_in, &host, &port) < 0)
            return -1;
        outhost = virtStrdup(host);
    } else {
        char name[256] = "";
        host = virtStrdup("0.0.0.0");
        if (gethostname(name, sizeof(name) - 1) < 0 || !name[0])
            snprintf(name, sizeof(name), "localhost");
        outhost = virtStrdup(name);
    }
    if (!(def = qemuParseDef(dconn, dom_xml, false)))
        goto cleanup;
    if (dname) {
        free(def->name);
        def->name = virtStrdup(dname);
    }
    virtDomainModelSetID(def, -1);
    incoming = qemuTcpAddress(host, port);

    pthread_mutex_lock(&drv->lock);
    qemuDomain *vm = qemuDomainFindByUUID(drv, def->uuid);
    qemuDomain *byName = qemuDomainFindByName(drv, def->name);
    if (vm != byName || (vm && vm->pid)) {
        QEMU_ERROR(dconn, VIR_ERR_OPERATION_INVALID, "domain '%s' %s on the destination",
                   def->name, vm && vm->pid ? "is already running"
                                            : "clashes with another domain's name or uuid");
        pthread_mutex_unlock(&drv->lock);
        goto cleanup;
    }
    bool added = false;
    virtDomain *persistent = NULL;
    if (!vm) {
        vm = qemuDomainAdd(drv, def);
        added = true;
    } else {
        /* an inactive definition of the same domain: run the incoming one */
        persistent = vm->def;
        vm->def = def;
    }
    def = NULL;
    vm->migrating_in = true;
    if (qemuProcessStart(dconn, drv, vm, incoming, false) < 0) {
        vm->migrating_in = false;
        if (added) {
            qemuDomainRemove(drv, vm);
        } else {
            virtDomainModelFree(vm->def);
            vm->def = persistent;
        }
        pthread_mutex_unlock(&drv->lock);
        goto cleanup;
    }
    if (persistent) {
        virtDomainModelFree(vm->newdef);   /* start kept a copy; the definition stays */
        vm->newdef = persistent;
    }
    /* QEMU chose the port when asked for 0 */
    if (qemuMonitorCommand(vm->mon, "query-migrate", NULL, &info, 5000, &errmsg) == 0) {
        json_t *addr = json_array_get(json_object_get(info, "socket-address"), 0);
        const char *p = json_string_value(json_object_get(addr, "port"));
        if (p)
            port = atoi(p);
    }
    if (port <= 0) {
        QEMU_ERROR(dconn, VIR_ERR_OPERATION_FAILED,
                   "QEMU for domain '%s' did not report its incoming migration port%s%s",
                   vm->def->name, errmsg ? ": " : "", errmsg ? errmsg : "");
        qemuProcessStop(drv, vm, VIR_DOMAIN_SHUTOFF_FAILED);
        vm->migrating_in = false;
        if (!vm->persistent)
            qemuDomainRemove(drv, vm);
        pthread_mutex_unlock(&drv->lock);
        goto cleanup;
    }
    pthread_mutex_unlock(&drv->lock);
    *uri_out = strchr(outhost, ':') ? virtAsprintf("tcp://[%s]:%d", outhost, port)
                                    : virtAsprintf("tcp://%s:%d", outhost, port);
    ret = 0;
 cleanup:
    json_decref(info);
    virtDomainModelFree(def);
    free(host);
    free(outhost);
    free(incoming);
    free(errmsg);
    return ret;
}

static void resumeAfterFailure(qemuDriver *drv, qemuDomain *vm)
{
    char *err = NULL;
    if (qemuMonitorCommand(vm->mon, "cont", NULL, NULL, 10000, &err) == 0) {
        vm->state = VIR_DOMAIN_RUNNING;
        vm->reason = VIR_DOMAIN_RUNNING_MIGRATION_CANCELED;
        qemuNotifyLifecycle(drv, vm, VIR_DOMAIN_EVENT_RESUMED,
                            VIR_DOMAIN_EVENT_RESUMED_MIGRATED);
    }
    free(err);
}

int qemuDomainMigratePerform3(virDomainPtr dom, const char *xmlin, const char *cookiein,
                              int cookieinlen, char **cookieout, int *cookieoutlen,
                              const char *dconnuri, const char *uri, unsigned long flags,
                              const char *dname, unsigned long resource)
{
    VIRT_CHECK_FLAGS(flags, MIGRATE_KNOWN, -1);
    qemuDriver *drv;
    qemuDomain *vm;
    char *host = NULL, *target = NULL, *errmsg = NULL;
    int port = 0, ret = -1;
    (void) xmlin;
    (void) cookiein;
    (void) cookieinlen;
    (void) dconnuri;
    (void) dname;

    noCookie(cookieout, cookieoutlen);
    if (checkFlags(CONN(dom), flags) < 0)
        return -1;
    if (!uri) {
        QEMU_ERROR(CONN(dom), VIR_ERR_INVALID_ARG,
                   "the perform step needs the destination's migration URI");
        return -1;
    }
    if (parseTcpURI(CONN(dom), uri, &host, &port) < 0)
        return -1;
    if (port <= 0) {
        QEMU_ERROR(CONN(dom), VIR_ERR_INVALID_ARG, "migration URI '%s' names no port", uri);
        free(host);
        return -1;
    }
    if (!(vm = qemuDomainFromHandleActive(dom, &drv))) {
        free(host);
        return -1;
    }
    bool wasRunning = vm->state == VIR_DOMAIN_RUNNING;
    /* Not live: the guest stands still while its memory moves. */
    if (wasRunning && !(flags & VIR_MIGRATE_LIVE)) {
        if (qemuMonitorCommand(vm->mon, "stop", NULL, NULL, 10000, &errmsg) < 0) {
            QEMU_ERROR(CONN(dom), VIR_ERR_OPERATION_FAILED, "cannot pause '%s': %s",
                       vm->def->name, errmsg);
            goto cleanup;
        }
        vm->state = VIR_DOMAIN_PAUSED;
        vm->reason = VIR_DOMAIN_PAUSED_MIGRATION;
        qemuNotifyLifecycle(drv, vm, VIR_DOMAIN_EVENT_SUSPENDED,
                            VIR_DOMAIN_EVENT_SUSPENDED_MIGRATED);
    }
    /* resource is MiB/s; 0 means as fast as the link allows */
    long long bps = resource ? (long long) resource << 20 : 8LL << 30;
    if (qemuMonitorCommand(vm->mon, "migrate-set-parameters",
                           json_pack("{s:I}", "max-bandwidth", (json_int_t) bps), NULL, 5000,
                           &errmsg) < 0) {
        free(errmsg);       /* not fatal: QEMU's default speed still works */
        errmsg = NULL;
    }
    target = qemuTcpAddress(host, port);
    if (qemuMonitorCommand(vm->mon, "migrate", json_pack("{s:s}", "uri", target), NULL,
                           10000, &errmsg) < 0 ||
        qemuMigrationWait(vm->mon, &errmsg) < 0) {
        QEMU_ERROR(CONN(dom), VIR_ERR_OPERATION_FAILED, "migrating domain '%s' to %s: %s",
                   vm->def->name, uri, errmsg);
        if (wasRunning)
            resumeAfterFailure(drv, vm);
        goto cleanup;
    }
    /* QEMU has paused the source at the end of the stream */
    if (vm->state == VIR_DOMAIN_RUNNING) {
        vm->state = VIR_DOMAIN_PAUSED;
        vm->reason = VIR_DOMAIN_PAUSED_MIGRATION;
        qemuNotifyLifecycle(drv, vm, VIR_DOMAIN_EVENT_SUSPENDED,
                            VIR_DOMAIN_EVENT_SUSPENDED_MIGRATED);
    }
    vm->resume_if_cancelled = wasRunning;
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&drv->lock);
    free(host);
    free(target);
    free(errmsg);
    return ret;
}

virDomainPtr qemuDomainMigrateFinish3(virConnectPtr dconn, const char *dname,
                                      const char *cookiein, int cookieinlen, char **cookieout,
                                      int *cookieoutlen, const char *dconnuri, const char *uri,
                                      unsigned long flags, int cancelled)
{
    VIRT_CHECK_FLAGS(flags, MIGRATE_KNOWN, NULL);
    qemuDriver *drv = qemuConnDriver(dconn);
    virDomainPtr ret = NULL;
    const char *status = NULL;
    char *errmsg = NULL;
    (void) cookiein;
    (void) cookieinlen;
    (void) dconnuri;
    (void) uri;

    noCookie(cookieout, cookieoutlen);
    pthread_mutex_lock(&drv->lock);
    qemuDomain *vm = qemuDomainFindByName(drv, dname);
    if (!vm || !vm->migrating_in || !vm->pid) {
        QEMU_ERROR(dconn, VIR_ERR_NO_DOMAIN, "no incoming migration of domain '%s'", dname);
        goto cleanup;
    }
    if (cancelled) {
        qemuProcessStop(drv, vm, VIR_DOMAIN_SHUTOFF_FAILED);
        goto drop;
    }
    if (qemuProcessWaitIncoming(vm->mon, &status) < 0) {
        QEMU_ERROR(dconn, VIR_ERR_OPERATION_FAILED,
                   "incoming migration of domain '%s' did not complete (QEMU state '%s')",
                   dname, status);
        qemuProcessStop(drv, vm, VIR_DOMAIN_SHUTOFF_FAILED);
        goto drop;
    }
    if (!(flags & VIR_MIGRATE_PAUSED)) {
        if (qemuMonitorCommand(vm->mon, "cont", NULL, NULL, 10000, &errmsg) < 0) {
            QEMU_ERROR(dconn, VIR_ERR_OPERATION_FAILED,
                       "cannot start the CPUs of migrated domain '%s': %s", dname, errmsg);
            qemuProcessStop(drv, vm, VIR_DOMAIN_SHUTOFF_FAILED);
            goto drop;
        }
        vm->state = VIR_DOMAIN_RUNNING;
        vm->reason = VIR_DOMAIN_RUNNING_MIGRATED;
        qemuNotifyLifecycle(drv, vm, VIR_DOMAIN_EVENT_RESUMED, VIR_DOMAIN_EVENT_RESUMED_MIGRATED);
    } else {
        vm->state = VIR_DOMAIN_PAUSED;
        vm->reason = VIR_DOMAIN_PAUSED_MIGRATION;
    }
    vm->migrating_in = false;
    if ((flags & VIR_MIGRATE_PERSIST_DEST) && !vm->newdef) {
        virtDomain *copy = virtDomainModelCopy(vm->def);
        virtDomainModelSetID(copy, -1);
        if (qemuStoreSaveConfig(drv, copy, &errmsg) < 0) {
            /* the guest runs on; only the definition is missing */
            QEMU_ERROR(dconn, VIR_ERR_OPERATION_FAILED, "migrated domain '%s' not persisted: %s",
                       dname, errmsg);
            virtDomainModelFree(copy);
        } else {
            bool updated = vm->persistent;
            vm->newdef = copy;
            vm->persistent = true;
            qemuNotifyLifecycle(drv, vm, VIR_DOMAIN_EVENT_DEFINED,
                                updated ? VIR_DOMAIN_EVENT_DEFINED_UPDATED
                                        : VIR_DOMAIN_EVENT_DEFINED_ADDED);
        }
    }
    qemuStoreSaveStatus(drv, vm);
    ret = qemuDomainHandle(dconn, vm);
    goto cleanup;
 drop:
    vm->migrating_in = false;
    if (!vm->persistent)
        qemuDomainRemove(drv, vm);
 cleanup:
    pthread_mutex_unlock(&drv->lock);
    free(errmsg);
    return ret;
}

int qemuDomainMigrateConfirm3(virDomainPtr dom, const char *cookiein, int cookieinlen,
                              unsigned long flags, int cancelled)
{
    VIRT_CHECK_FLAGS(flags, MIGRATE_KNOWN, -1);
    qemuDriver *drv;
    qemuDomain *vm;
    (void) cookiein;
    (void) cookieinlen;

    if (!(vm = qemuDomainFromHandleActive(dom, &drv)))
        return -1;
    if (cancelled) {
        if (vm->resume_if_cancelled && vm->state == VIR_DOMAIN_PAUSED)
            resumeAfterFailure(drv, vm);
        vm->resume_if_cancelled = false;
        pthread_mutex_unlock(&drv->lock);
        return 0;
    }
    vm->resume_if_cancelled = false;
    qemuProcessStop(drv, vm, VIR_DOMAIN_SHUTOFF_MIGRATED);
    qemuCore->handle_set_id(dom, -1);
    if (vm->persistent && (flags & VIR_MIGRATE_UNDEFINE_SOURCE)) {
        qemuStoreDeleteConfig(drv, vm->def->name);
        vm->persistent = false;
        qemuNotifyLifecycle(drv, vm, VIR_DOMAIN_EVENT_UNDEFINED,
                            VIR_DOMAIN_EVENT_UNDEFINED_REMOVED);
    }
    if (!vm->persistent)
        qemuDomainRemove(drv, vm);
    pthread_mutex_unlock(&drv->lock);
    return 0;
}
