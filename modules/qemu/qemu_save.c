/* qemu_save.c: save to a file, restore from it, dump guest memory.
 * A save file is a small header (magic line, XML length line, the live
 * XML) followed by QEMU's migration stream; restore starts QEMU with the
 * stream as its incoming migration. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "qemu_driver.h"
#include "util.h"

#define SAVE_MAGIC "mkvirt-qemu-save-1\n"
#define CONN(dom) qemuCore->handle_conn(dom)

static bool shellSafe(virConnectPtr conn, const char *path)
{
    if (strchr(path, '\'') || strchr(path, '\n') || path[0] != '/') {
        QEMU_ERROR(conn, VIR_ERR_INVALID_ARG,
                   "path '%s' must be absolute and free of quotes and newlines", path);
        return false;
    }
    return true;
}

/* Poll query-migrate until the migration ends; 0 when completed. */
int qemuMigrationWait(qemuMonitor *mon, char **errmsg)
{
    for (int i = 0; i < 6000; i++) {
        json_t *ret = NULL;
        if (qemuMonitorCommand(mon, "query-migrate", NULL, &ret, 5000, errmsg) < 0)
            return -1;
        const char *status = json_string_value(json_object_get(ret, "status"));
        char *st = virtStrdup(status ? status : "");
        const char *desc = json_string_value(json_object_get(ret, "error-desc"));
        if (strcmp(st, "failed") == 0 || strcmp(st, "cancelled") == 0)
            *errmsg = virtAsprintf("migration %s: %s", st, desc ? desc : "no reason given");
        json_decref(ret);
        bool done = strcmp(st, "completed") == 0;
        bool failed = *errmsg != NULL;
        free(st);
        if (done)
            return 0;
        if (failed)
            return -1;
        usleep(20000);
    }
    *errmsg = virtStrdup("migration did not finish in 120 s");
    return -1;
}

int qemuDomainSaveFlags(virDomainPtr dom, const char *to, const char *dxml, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    if (dxml) {
        QEMU_ERROR(CONN(dom), VIR_ERR_ARGUMENT_UNSUPPORTED, "xml modification unsupported");
        return -1;
    }
    qemuDriver *drv;
    qemuDomain *vm;
    char *errmsg = NULL, *xml = NULL, *uri = NULL;
    virtBuf hdr = { 0 };
    int ret = -1, fd = -1;
    bool paused = false;

    if (!shellSafe(CONN(dom), to) || !(vm = qemuDomainFromHandleActive(dom, &drv)))
        return -1;
    xml = virtDomainModelFormat(vm->def, VIRT_XML_SECURE);
    virtBufAdd(&hdr, SAVE_MAGIC);
    virtBufPrintf(&hdr, "%zu\n", strlen(xml));
    virtBufAdd(&hdr, xml);
    fd = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0 || write(fd, hdr.data, hdr.len) != (ssize_t) hdr.len || close(fd) < 0) {
        QEMU_ERROR(CONN(dom), VIR_ERR_OPERATION_FAILED, "cannot write '%s': %s", to, strerror(errno));
        fd = -1;
        goto cleanup;
    }
    fd = -1;
    if (vm->state == VIR_DOMAIN_RUNNING) {
        if (qemuMonitorCommand(vm->mon, "stop", NULL, NULL, 10000, &errmsg) < 0) {
            QEMU_ERROR(CONN(dom), VIR_ERR_OPERATION_FAILED, "%s", errmsg);
            goto cleanup;
        }
        paused = true;
    }
    uri = virtAsprintf("exec:cat >> '%s'", to);
    if (qemuMonitorCommand(vm->mon, "migrate", json_pack("{s:s}", "uri", uri), NULL, 10000, &errmsg) < 0 ||
        qemuMigrationWait(vm->mon, &errmsg) < 0) {
        QEMU_ERROR(CONN(dom), VIR_ERR_OPERATION_FAILED, "saving domain '%s' to '%s': %s",
                   vm->def->name, to, errmsg);
        goto cleanup;
    }
    qemuProcessStop(drv, vm, VIR_DOMAIN_SHUTOFF_SAVED);
    if (!vm->persistent)
        qemuDomainRemove(drv, vm);
    qemuCore->handle_set_id(dom, -1);
    ret = 0;
 cleanup:
    if (ret < 0) {
        if (paused) {
            char *e2 = NULL;
            qemuMonitorCommand(vm->mon, "cont", NULL, NULL, 10000, &e2);
            free(e2);
        }
        unlink(to);
    }
    pthread_mutex_unlock(&drv->lock);
    virtBufFree(&hdr);
    free(xml);
    free(uri);
    free(errmsg);
    return ret;
}

int qemuDomainRestoreFlags(virConnectPtr conn, const char *from, const char *dxml, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    if (dxml) {
        QEMU_ERROR(conn, VIR_ERR_ARGUMENT_UNSUPPORTED, "xml modification unsupported");
        return -1;
    }
    qemuDriver *drv = qemuConnDriver(conn);
    char head[64];
    char *xml = NULL, *incoming = NULL;
    virtDomain *def = NULL;
    size_t xmllen = 0;
    int ret = -1;
    FILE *f;

    if (!shellSafe(conn, from))
        return -1;
    if (!(f = fopen(from, "re"))) {
        QEMU_ERROR(conn, VIR_ERR_OPERATION_FAILED, "cannot read '%s': %s", from, strerror(errno));
        return -1;
    }
    if (!fgets(head, sizeof(head), f) || strcmp(head, SAVE_MAGIC) != 0 ||
        !fgets(head, sizeof(head), f) || sscanf(head, "%zu", &xmllen) != 1 ||
        xmllen == 0 || xmllen > 16 * 1024 * 1024) {
        fclose(f);
        QEMU_ERROR(conn, VIR_ERR_INVALID_ARG, "'%s' is not a QEMU save file of this driver", from);
        return -1;
    }
    xml = virtAlloc(xmllen + 1);
    if (fread(xml, 1, xmllen, f) != xmllen) {
        fclose(f);
        QEMU_ERROR(conn, VIR_ERR_INVALID_ARG, "'%s' is truncated", from);
        goto cleanup;
    }
    long offset = ftell(f);
    fclose(f);
    if (!(def = qemuParseDef(conn, xml, false)))
        goto cleanup;
    virtDomainModelSetID(def, -1);
    incoming = virtAsprintf("exec:tail -c +%ld '%s'", offset + 1, from);

    pthread_mutex_lock(&drv->lock);
    qemuDomain *vm = qemuDomainFindByUUID(drv, def->uuid);
    qemuDomain *byName = qemuDomainFindByName(drv, def->name);
    bool added = false;
    if (vm != byName || (vm && vm->pid)) {
        QEMU_ERROR(conn, VIR_ERR_OPERATION_INVALID, "domain '%s' %s", def->name,
                   vm && vm->pid ? "is already running" : "clashes with another domain's name or uuid");
        pthread_mutex_unlock(&drv->lock);
        goto cleanup;
    }
    if (!vm) {
        vm = qemuDomainAdd(drv, def);
        def = NULL;
        added = true;
    } else {
        /* run the saved (live) definition; keep the persistent one */
        virtDomain *persistent = vm->def;
        vm->def = def;
        def = NULL;
        int rc = qemuProcessStart(conn, drv, vm, incoming, false);
        if (rc == 0) {
            virtDomainModelFree(vm->newdef);   /* the copy start kept of the saved def */
            vm->newdef = persistent;
        } else {
            virtDomainModelFree(vm->def);
            vm->def = persistent;
        }
        pthread_mutex_unlock(&drv->lock);
        ret = rc;
        goto cleanup;
    }
    if (qemuProcessStart(conn, drv, vm, incoming, false) < 0) {
        if (added)
            qemuDomainRemove(drv, vm);
    } else {
        ret = 0;
    }
    pthread_mutex_unlock(&drv->lock);
 cleanup:
    virtDomainModelFree(def);
    free(xml);
    free(incoming);
    return ret;
}

int qemuDomainCoreDumpWithFormat(virDomainPtr dom, const char *to, unsigned int dumpformat, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DUMP_CRASH, -1);
    if (dumpformat != VIR_DOMAIN_CORE_DUMP_FORMAT_RAW) {
        QEMU_ERROR(CONN(dom), VIR_ERR_OPERATION_UNSUPPORTED, "only the raw dump format is supported");
        return -1;
    }
    qemuDriver *drv;
    qemuDomain *vm;
    char *errmsg = NULL, *proto = NULL;
    int ret = -1;

    if (!(vm = qemuDomainFromHandleActive(dom, &drv)))
        return -1;
    proto = virtAsprintf("file:%s", to);
    if (qemuMonitorCommand(vm->mon, "dump-guest-memory",
                           json_pack("{s:b,s:s}", "paging", 0, "protocol", proto),
                           NULL, 600000, &errmsg) < 0) {
        QEMU_ERROR(CONN(dom), VIR_ERR_OPERATION_FAILED, "dumping domain '%s' to '%s': %s",
                   vm->def->name, to, errmsg);
        goto cleanup;
    }
    if (flags & VIR_DUMP_CRASH) {
        qemuProcessStop(drv, vm, VIR_DOMAIN_SHUTOFF_CRASHED);
        if (!vm->persistent)
            qemuDomainRemove(drv, vm);
    }
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&drv->lock);
    free(errmsg);
    free(proto);
    return ret;
}
