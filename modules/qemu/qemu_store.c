/* qemu_store.c: what survives the daemon. Persistent definitions are
 * CONFIG/NAME.xml (autostart: a link CONFIG/autostart/NAME.xml); a running
 * guest has RUN/NAME.xml (live XML), RUN/NAME.status (id, state, taps),
 * RUN/NAME.pid (written by QEMU) and RUN/NAME.monitor (QMP socket).
 * Every file is written atomically, so a crash leaves old or new, never
 * half; at start the temporary files a crash left are removed, and live
 * state that cannot be read is moved aside (NAME.xml.corrupt), never
 * deleted. A definition that cannot be read stays where it is, ignored,
 * as libvirt leaves it. Each is logged. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "qemu_driver.h"
#include "util.h"

VIRT_MODULE_LOG_INIT("qemu.store");

static char *configFile(qemuDriver *drv, const char *name)
{
    return virtAsprintf("%s/%s.xml", drv->paths.config_dir, name);
}

static char *autostartFile(qemuDriver *drv, const char *name)
{
    return virtAsprintf("%s/%s.xml", drv->paths.autostart_dir, name);
}

int qemuStoreSaveConfig(qemuDriver *drv, const virtDomain *def, char **errmsg)
{
    char *xml = virtDomainModelFormat(def, VIRT_XML_INACTIVE | VIRT_XML_SECURE);
    char *path = configFile(drv, def->name);
    int rc = virtFileWriteAtomic(path, xml, strlen(xml), 0600);
    if (rc < 0)
        *errmsg = virtAsprintf("cannot write '%s': %s", path, strerror(errno));
    free(xml);
    free(path);
    return rc;
}

int qemuStoreDeleteConfig(qemuDriver *drv, const char *name)
{
    char *path = configFile(drv, name);
    char *link = autostartFile(drv, name);
    int rc = unlink(path) < 0 && errno != ENOENT ? -1 : 0;
    unlink(link);
    free(path);
    free(link);
    return rc;
}

int qemuStoreSetAutostart(qemuDriver *drv, const char *name, bool on, char **errmsg)
{
    char *link = autostartFile(drv, name);
    char *target = configFile(drv, name);
    int rc = 0;

    if (on) {
        if (symlink(target, link) < 0 && errno != EEXIST) {
            *errmsg = virtAsprintf("cannot create the autostart link '%s': %s", link, strerror(errno));
            rc = -1;
        }
    } else if (unlink(link) < 0 && errno != ENOENT) {
        *errmsg = virtAsprintf("cannot remove the autostart link '%s': %s", link, strerror(errno));
        rc = -1;
    }
    free(link);
    free(target);
    return rc;
}

bool qemuStoreAutostart(qemuDriver *drv, const char *name)
{
    char *link = autostartFile(drv, name);
    bool on = access(link, F_OK) == 0;
    free(link);
    return on;
}

int qemuStoreSaveStatus(qemuDriver *drv, const qemuDomain *vm)
{
    char *xml = virtDomainModelFormat(vm->def, VIRT_XML_SECURE);
    char *path = qemuRunFile(&drv->paths, vm->def->name, ".xml");
    char *spath = qemuRunFile(&drv->paths, vm->def->name, ".status");
    virtBuf st = { 0 };
    int rc;

    virtBufPrintf(&st, "pid=%d\nid=%d\nstate=%d\nreason=%d\npersistent=%d\n",
                  (int) vm->pid, vm->id, vm->state, vm->reason, vm->persistent ? 1 : 0);
    for (size_t i = 0; i < vm->ntaps; i++)
        virtBufPrintf(&st, "tap=%s\n", vm->taps[i]);
    /* status first: a live XML without status is treated as garbage */
    rc = virtFileWriteAtomic(spath, st.data, st.len, 0600);
    if (rc == 0)
        rc = virtFileWriteAtomic(path, xml, strlen(xml), 0600);
    virtBufFree(&st);
    free(xml);
    free(path);
    free(spath);
    return rc;
}

void qemuStoreDeleteStatus(qemuDriver *drv, const char *name)
{
    static const char *const suffixes[] = { ".xml", ".status", ".pid", ".monitor" };
    for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
        char *p = qemuRunFile(&drv->paths, name, suffixes[i]);
        unlink(p);
        free(p);
    }
}

/* flags: VIRT_DOMAIN_PARSE_STATUS for a running guest's live XML, which
 * is moved aside when it cannot be read. */
static virtDomain *loadDef(const char *path, unsigned int flags)
{
    virtXMLError err = { 0 };
    char *xml = virtFileRead(path, 16 * 1024 * 1024, NULL);
    virtDomain *def = xml ? virtDomainModelParse(xml, flags, qemuDomainDefaults(), &err) : NULL;
    if (xml && !def) {
        char *aside = (flags & VIRT_DOMAIN_PARSE_STATUS) ? virtFileSetAside(path) : NULL;
        VIRT_MODULE_LOG(qemuCore, VIRT_LOG_WARN, "ignoring '%s': %s%s%s", path,
                        err.message ? err.message : "invalid", aside ? "; moved to " : "",
                        aside ? aside : "");
        free(aside);
    }
    virtXMLErrorClear(&err);
    free(xml);
    return def;
}


/* NAME.xml files of a folder, in name order. */
static char **listXML(const char *dir, size_t *n)
{
    struct dirent **ents = NULL;
    int count = scandir(dir, &ents, NULL, alphasort);
    char **names = NULL;

    *n = 0;
    if (count < 0)
        return NULL;
    names = virtAlloc(((size_t) count + 1) * sizeof(char *));
    for (int i = 0; i < count; i++) {
        size_t len = strlen(ents[i]->d_name);
        if (len > 4 && strcmp(ents[i]->d_name + len - 4, ".xml") == 0 && ents[i]->d_name[0] != '.')
            names[(*n)++] = virtStrndup(ents[i]->d_name, len - 4);
        free(ents[i]);
    }
    free(ents);
    return names;
}

static void readStatus(qemuDriver *drv, qemuDomain *vm, const char *name)
{
    char *spath = qemuRunFile(&drv->paths, name, ".status");
    char *text = virtFileRead(spath, 65536, NULL);
    char *save = NULL;

    for (char *line = text ? strtok_r(text, "\n", &save) : NULL; line; line = strtok_r(NULL, "\n", &save)) {
        if (strncmp(line, "pid=", 4) == 0)
            vm->pid = (pid_t) atoi(line + 4);
        else if (strncmp(line, "id=", 3) == 0)
            vm->id = atoi(line + 3);
        else if (strncmp(line, "state=", 6) == 0)
            vm->state = atoi(line + 6);
        else if (strncmp(line, "reason=", 7) == 0)
            vm->reason = atoi(line + 7);
        else if (strncmp(line, "tap=", 4) == 0) {
            vm->taps = virtRealloc(vm->taps, (vm->ntaps + 1) * sizeof(char *));
            vm->taps[vm->ntaps++] = virtStrdup(line + 4);
        }
    }
    free(text);
    free(spath);
}

void qemuStoreLoadAll(qemuDriver *drv)
{
    size_t n = 0, i;
    const char *dirs[] = { drv->paths.config_dir, drv->paths.autostart_dir, drv->paths.run_dir };
    for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
        virtFileRemoveStaleTemps(dirs[i], qemuCore->log, virtModuleLogCategory);
    char **names = listXML(drv->paths.config_dir, &n);

    for (i = 0; i < n; i++) {
        char *path = configFile(drv, names[i]);
        virtDomain *def = loadDef(path, 0);
        free(path);
        if (def && (strcmp(def->name, names[i]) != 0 || qemuDomainFindByName(drv, def->name) ||
                    qemuDomainFindByUUID(drv, def->uuid))) {
            VIRT_MODULE_LOG(qemuCore, VIRT_LOG_WARN, "ignoring '%s/%s.xml': name or UUID clash",
                            drv->paths.config_dir, names[i]);
            virtDomainModelFree(def);
            def = NULL;
        }
        if (def) {
            qemuDomain *vm = qemuDomainAdd(drv, def);
            vm->persistent = true;
            vm->autostart = qemuStoreAutostart(drv, def->name);
        }
        free(names[i]);
    }
    free(names);

    /* running guests: reattach, or forget them if QEMU is gone */
    names = listXML(drv->paths.run_dir, &n);
    for (i = 0; i < n; i++) {
        char *path = qemuRunFile(&drv->paths, names[i], ".xml");
        virtDomain *live = loadDef(path, VIRT_DOMAIN_PARSE_STATUS);
        free(path);
        qemuDomain *vm = live ? qemuDomainFindByName(drv, live->name) : NULL;
        if (live && !vm) {
            vm = qemuDomainAdd(drv, virtDomainModelCopy(live));
            vm->persistent = false;
        }
        if (!live) {
            /* moved aside by loadDef; the rest stays for whoever looks */
            free(names[i]);
            continue;
        }
        if (vm->state != VIR_DOMAIN_SHUTOFF || vm->pid) {
            virtDomainModelFree(live);
            qemuStoreDeleteStatus(drv, names[i]);
            free(names[i]);
            continue;
        }
        if (vm->persistent) {
            vm->newdef = vm->def;
            vm->def = live;
        } else {
            virtDomainModelFree(live);
        }
        readStatus(drv, vm, names[i]);
        if (qemuProcessReconnect(drv, vm) < 0) {
            qemuStoreDeleteStatus(drv, names[i]);
            if (!vm->persistent) {
                qemuDomainRemove(drv, vm);
            } else {
                virtDomainModelFree(vm->def);
                vm->def = vm->newdef;
                vm->newdef = NULL;
                vm->id = -1;
                vm->pid = 0;
                vm->state = VIR_DOMAIN_SHUTOFF;
            }
        } else if (vm->id >= drv->next_id) {
            drv->next_id = vm->id + 1;
        }
        free(names[i]);
    }
    free(names);
}
