/* qemu_lifecycle.c: defining, listing, starting and stopping domains. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qemu_driver.h"
#include "util.h"

/* What libvirt's QEMU driver writes into every definition: the emulator
 * of the guest's arch and that emulator's default machine type. Without
 * an emulator both are left to start, which says what is missing. */
static void hostDefaults(qemuDriver *drv, virtDomain *def)
{
    virtDomainOsType *t = def->os && def->os->type ? def->os->type : NULL;

    if (!t || !t->arch)
        return;
    if (!def->devices->emulator)
        def->devices->emulator = qemuFindEmulator(t->arch);
    if (def->devices->emulator && !t->machine)
        t->machine = qemuDefaultMachine(def->devices->emulator, drv->paths.cache_dir);
}

virtDomain *qemuParseDef(virConnectPtr conn, const char *xml, bool validate)
{
    virtXMLError err = { 0 };
    virtDomain *def = virtDomainModelParse(xml, validate ? VIRT_XML_VALIDATE : 0, qemuDomainDefaults(), &err);

    if (!def) {
        qemuCore->error(conn, virtXMLErrorDomain(&err, VIR_FROM_QEMU),
                        err.code ? err.code : VIR_ERR_XML_ERROR, "%s",
                        err.message ? err.message : "invalid domain XML");
        virtXMLErrorClear(&err);
        return NULL;
    }
    if (def->type && strcmp(def->type, "kqemu") == 0) {
        QEMU_ERROR(conn, VIR_ERR_CONFIG_UNSUPPORTED,
                   "domain type 'kqemu' is not supported: kqemu is obsolete, use 'qemu' or 'kvm'");
        goto error;
    }
    if (!def->type || (strcmp(def->type, "qemu") != 0 && strcmp(def->type, "kvm") != 0)) {
        QEMU_ERROR(conn, VIR_ERR_CONFIG_UNSUPPORTED,
                   "domain type '%s' is not handled by the qemu driver (use 'qemu' or 'kvm')",
                   def->type ? def->type : "");
        goto error;
    }
    const char *os_type = def->os && def->os->type ? def->os->type->text : NULL;
    if (os_type && strcmp(os_type, "hvm") != 0) {
        QEMU_ERROR(conn, VIR_ERR_CONFIG_UNSUPPORTED,
                   "os type '%s' is not supported by QEMU: use 'hvm'", os_type);
        goto error;
    }
    hostDefaults(qemuConnDriver(conn), def);
    return def;
 error:
    virtDomainModelFree(def);
    return NULL;
}

/* A new definition must not take another domain's name or UUID. */
static int checkClash(virConnectPtr conn, qemuDriver *drv, const virtDomain *def,
                      bool allow_same, qemuDomain **same)
{
    char uuid[VIRT_UUID_STRLEN];
    qemuDomain *byName = qemuDomainFindByName(drv, def->name);
    qemuDomain *byUUID = qemuDomainFindByUUID(drv, def->uuid);

    *same = NULL;
    if (byName && byName != byUUID) {
        virtUUIDFormat(byName->def->uuid, uuid);
        /* clashes are reported from the domain layer, as libvirt's are */
        qemuCore->error(conn, VIR_FROM_DOMAIN, VIR_ERR_OPERATION_FAILED,
                        "domain '%s' already exists with uuid %s", def->name, uuid);
        return -1;
    }
    if (byUUID && !byName) {
        virtUUIDFormat(def->uuid, uuid);
        qemuCore->error(conn, VIR_FROM_DOMAIN, VIR_ERR_OPERATION_FAILED,
                        "domain '%s' is already defined with uuid %s", byUUID->def->name, uuid);
        return -1;
    }
    if (byName && !allow_same) {
        QEMU_ERROR(conn, VIR_ERR_OPERATION_FAILED, "domain '%s' already exists%s", def->name,
                   byName->pid ? " and is running" : "");
        return -1;
    }
    *same = byName;
    return 0;
}

virDomainPtr qemuDomainDefineXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_DEFINE_VALIDATE, NULL);
    qemuDriver *drv = qemuConnDriver(conn);
    virtDomain *def = qemuParseDef(conn, xml, flags & VIR_DOMAIN_DEFINE_VALIDATE);
    virDomainPtr ret = NULL;
    qemuDomain *vm = NULL;
    char *errmsg = NULL;

    if (!def)
        return NULL;
    pthread_mutex_lock(&drv->lock);
    if (checkClash(conn, drv, def, true, &vm) < 0)
        goto cleanup;
    /* on disk first: a failed write leaves memory untouched too */
    if (qemuStoreSaveConfig(drv, def, &errmsg) < 0) {
        QEMU_ERROR(conn, VIR_ERR_OPERATION_FAILED, "%s", errmsg);
        goto cleanup;
    }
    if (!vm) {
        vm = qemuDomainAdd(drv, def);
    } else if (vm->pid) {
        virtDomainModelFree(vm->newdef);
        vm->newdef = def;
    } else {
        virtDomainModelFree(vm->def);
        vm->def = def;
    }
    def = NULL;
    bool updated = vm->persistent;
    vm->persistent = true;
    qemuNotifyLifecycle(drv, vm, VIR_DOMAIN_EVENT_DEFINED,
                        updated ? VIR_DOMAIN_EVENT_DEFINED_UPDATED : VIR_DOMAIN_EVENT_DEFINED_ADDED);
    ret = qemuDomainHandle(conn, vm);
 cleanup:
    pthread_mutex_unlock(&drv->lock);
    virtDomainModelFree(def);
    free(errmsg);
    return ret;
}

virDomainPtr qemuDomainCreateXML(virConnectPtr conn, const char *xml, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_START_PAUSED | VIR_DOMAIN_START_VALIDATE, NULL);
    qemuDriver *drv = qemuConnDriver(conn);
    virtDomain *def = qemuParseDef(conn, xml, flags & VIR_DOMAIN_START_VALIDATE);
    virDomainPtr ret = NULL;
    qemuDomain *vm = NULL;

    if (!def)
        return NULL;
    pthread_mutex_lock(&drv->lock);
    if (checkClash(conn, drv, def, false, &vm) < 0) {
        virtDomainModelFree(def);
        goto cleanup;
    }
    vm = qemuDomainAdd(drv, def);
    if (qemuProcessStart(conn, drv, vm, NULL, flags & VIR_DOMAIN_START_PAUSED) < 0) {
        qemuDomainRemove(drv, vm);
        goto cleanup;
    }
    ret = qemuDomainHandle(conn, vm);
 cleanup:
    pthread_mutex_unlock(&drv->lock);
    return ret;
}

int qemuDomainCreateWithFlags(virDomainPtr dom, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    qemuDriver *drv;
    qemuDomain *vm = qemuDomainFromHandle(dom, &drv);
    int ret;

    if (!vm)
        return -1;
    ret = qemuProcessStart(qemuCore->handle_conn(dom), drv, vm, NULL, false);
    if (ret == 0)
        qemuCore->handle_set_id(dom, vm->id);
    pthread_mutex_unlock(&drv->lock);
    return ret;
}

int qemuDomainUndefineFlags(virDomainPtr dom, unsigned int flags)
{
    /* Nothing is kept beside the definition, so every metadata choice is met. */
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_UNDEFINE_MANAGED_SAVE | VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA |
                     VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA, -1);
    qemuDriver *drv;
    qemuDomain *vm = qemuDomainFromHandle(dom, &drv);

    if (!vm)
        return -1;
    if (!vm->persistent) {
        pthread_mutex_unlock(&drv->lock);
        QEMU_ERROR(qemuCore->handle_conn(dom), VIR_ERR_OPERATION_INVALID,
                   "cannot undefine transient domain '%s'", vm->def->name);
        return -1;
    }
    if (qemuStoreDeleteConfig(drv, vm->def->name) < 0) {
        pthread_mutex_unlock(&drv->lock);
        QEMU_ERROR(qemuCore->handle_conn(dom), VIR_ERR_OPERATION_FAILED,
                   "cannot remove the configuration of '%s'", vm->def->name);
        return -1;
    }
    vm->autostart = false;
    qemuNotifyLifecycle(drv, vm, VIR_DOMAIN_EVENT_UNDEFINED, VIR_DOMAIN_EVENT_UNDEFINED_REMOVED);
    if (vm->pid) {
        /* keeps running as a transient domain */
        vm->persistent = false;
        virtDomainModelFree(vm->newdef);
        vm->newdef = NULL;
        qemuStoreSaveStatus(drv, vm);
    } else {
        qemuDomainRemove(drv, vm);
    }
    pthread_mutex_unlock(&drv->lock);
    return 0;
}

int qemuDomainDestroyFlags(virDomainPtr dom, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    qemuDriver *drv;
    qemuDomain *vm = qemuDomainFromHandleActive(dom, &drv);

    if (!vm)
        return -1;
    qemuProcessStop(drv, vm, VIR_DOMAIN_SHUTOFF_DESTROYED);
    if (!vm->persistent)
        qemuDomainRemove(drv, vm);
    qemuCore->handle_set_id(dom, -1);
    pthread_mutex_unlock(&drv->lock);
    return 0;
}

/* A QMP command without arguments on a running domain. */
static int simpleCommand(virDomainPtr dom, const char *cmd, int state, int reason,
                         int event, int detail)
{
    qemuDriver *drv;
    qemuDomain *vm = qemuDomainFromHandleActive(dom, &drv);
    char *errmsg = NULL;
    int ret = -1;

    if (!vm)
        return -1;
    if (!vm->mon || qemuMonitorCommand(vm->mon, cmd, NULL, NULL, 10000, &errmsg) < 0) {
        QEMU_ERROR(qemuCore->handle_conn(dom), VIR_ERR_OPERATION_FAILED, "domain '%s': %s",
                   vm->def->name, errmsg ? errmsg : "no monitor");
        goto cleanup;
    }
    if (state >= 0) {
        bool changed = vm->state != state;
        vm->state = state;
        vm->reason = reason;
        qemuStoreSaveStatus(drv, vm);
        pthread_cond_broadcast(&drv->changed);
        if (changed && event >= 0)
            qemuNotifyLifecycle(drv, vm, event, detail);
    }
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&drv->lock);
    free(errmsg);
    return ret;
}

/* What QEMU does when the guest powers off: quit, or stay paused when the
 * domain keeps its QEMU (on_poweroff preserve, -no-shutdown) or a reboot
 * through the power button is under way. */
int qemuSetShutdownAction(qemuDomain *vm, bool pause, char **errmsg)
{
    return qemuMonitorCommand(vm->mon, "set-action",
                              json_pack("{s:s}", "shutdown", pause ? "pause" : "poweroff"),
                              NULL, 5000, errmsg);
}

bool qemuKeepsProcessOnPoweroff(const qemuDomain *vm)
{
    const char *p = vm->def->on_poweroff;
    return p && strcmp(p, "preserve") == 0;
}

int qemuDomainShutdownFlags(virDomainPtr dom, unsigned int flags)
{
    /* The guest is asked through its ACPI power button. */
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN, -1);
    qemuDriver *drv;
    qemuDomain *vm = qemuDomainFromHandleActive(dom, &drv);
    char *errmsg = NULL;

    if (!vm)
        return -1;
    /* a shutdown after a reboot request that the guest ignored: really off */
    if (vm->fake_reboot) {
        vm->fake_reboot = false;
        qemuSetShutdownAction(vm, qemuKeepsProcessOnPoweroff(vm), &errmsg);
        free(errmsg);
        errmsg = NULL;
    }
    pthread_mutex_unlock(&drv->lock);
    /* ACPI power button: the guest decides; the exit event ends it */
    return simpleCommand(dom, "system_powerdown", -1, 0, -1, 0);
}

/* A reboot the guest performs itself: QEMU is told to pause instead of
 * quitting at the guest's poweroff, then the power button is pressed; the
 * event handler resets and resumes the guest when it has shut down. */
int qemuDomainReboot(virDomainPtr dom, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0x1f, -1);
    qemuDriver *drv;
    qemuDomain *vm;
    char *errmsg = NULL;
    int ret = -1;

    if (flags & ~(unsigned int) VIR_DOMAIN_REBOOT_ACPI_POWER_BTN) {
        QEMU_ERROR(qemuCore->handle_conn(dom), VIR_ERR_ARGUMENT_UNSUPPORTED,
                   "reboot flags 0x%x are not supported: only the ACPI power button is", flags);
        return -1;
    }
    if (!(vm = qemuDomainFromHandleActive(dom, &drv)))
        return -1;
    if (qemuSetShutdownAction(vm, true, &errmsg) < 0 ||
        qemuMonitorCommand(vm->mon, "system_powerdown", NULL, NULL, 10000, &errmsg) < 0) {
        QEMU_ERROR(qemuCore->handle_conn(dom), VIR_ERR_OPERATION_FAILED,
                   "cannot reboot domain '%s': %s", vm->def->name, errmsg);
        char *e2 = NULL;
        qemuSetShutdownAction(vm, qemuKeepsProcessOnPoweroff(vm), &e2);
        free(e2);
        goto cleanup;
    }
    vm->fake_reboot = true;
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&drv->lock);
    free(errmsg);
    return ret;
}

/* The reset button: no help from the guest. */
int qemuDomainReset(virDomainPtr dom, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    return simpleCommand(dom, "system_reset", VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED, -1, 0);
}

int qemuDomainSuspend(virDomainPtr dom)
{
    return simpleCommand(dom, "stop", VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER,
                         VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
}

int qemuDomainResume(virDomainPtr dom)
{
    return simpleCommand(dom, "cont", VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED,
                         VIR_DOMAIN_EVENT_RESUMED, VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);
}

int qemuDomainIsActive(virDomainPtr dom)
{
    qemuDriver *drv;
    qemuDomain *vm = qemuDomainFromHandle(dom, &drv);
    if (!vm)
        return -1;
    int ret = vm->pid != 0;
    pthread_mutex_unlock(&drv->lock);
    return ret;
}

int qemuDomainIsPersistent(virDomainPtr dom)
{
    qemuDriver *drv;
    qemuDomain *vm = qemuDomainFromHandle(dom, &drv);
    if (!vm)
        return -1;
    int ret = vm->persistent;
    pthread_mutex_unlock(&drv->lock);
    return ret;
}

static virDomainPtr lookup(virConnectPtr conn, qemuDomain *vm, qemuDriver *drv, const char *what)
{
    virDomainPtr ret = NULL;
    if (vm)
        ret = qemuDomainHandle(conn, vm);
    pthread_mutex_unlock(&drv->lock);
    if (!vm)
        QEMU_ERROR(conn, VIR_ERR_NO_DOMAIN, "%s", what);
    return ret;
}

virDomainPtr qemuDomainLookupByID(virConnectPtr conn, int id)
{
    qemuDriver *drv = qemuConnDriver(conn);
    char what[64];
    snprintf(what, sizeof(what), "no domain with matching id %d", id);
    pthread_mutex_lock(&drv->lock);
    return lookup(conn, qemuDomainFindByID(drv, id), drv, what);
}

virDomainPtr qemuDomainLookupByName(virConnectPtr conn, const char *name)
{
    qemuDriver *drv = qemuConnDriver(conn);
    char *what = virtAsprintf("no domain with matching name '%s'", name);
    pthread_mutex_lock(&drv->lock);
    virDomainPtr ret = lookup(conn, qemuDomainFindByName(drv, name), drv, what);
    free(what);
    return ret;
}

virDomainPtr qemuDomainLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    qemuDriver *drv = qemuConnDriver(conn);
    char str[VIRT_UUID_STRLEN];
    virtUUIDFormat(uuid, str);
    char *what = virtAsprintf("no domain with matching uuid '%s'", str);
    pthread_mutex_lock(&drv->lock);
    virDomainPtr ret = lookup(conn, qemuDomainFindByUUID(drv, uuid), drv, what);
    free(what);
    return ret;
}

int qemuConnectNumOfDomains(virConnectPtr conn)
{
    qemuDriver *drv = qemuConnDriver(conn);
    int n = 0;
    pthread_mutex_lock(&drv->lock);
    for (qemuDomain *vm = drv->domains; vm; vm = vm->next)
        n += vm->pid != 0;
    pthread_mutex_unlock(&drv->lock);
    return n;
}

int qemuConnectListDomains(virConnectPtr conn, int *ids, int maxids)
{
    qemuDriver *drv = qemuConnDriver(conn);
    int n = 0;
    pthread_mutex_lock(&drv->lock);
    for (qemuDomain *vm = drv->domains; vm && n < maxids; vm = vm->next)
        if (vm->pid)
            ids[n++] = vm->id;
    pthread_mutex_unlock(&drv->lock);
    return n;
}

int qemuConnectNumOfDefinedDomains(virConnectPtr conn)
{
    qemuDriver *drv = qemuConnDriver(conn);
    int n = 0;
    pthread_mutex_lock(&drv->lock);
    for (qemuDomain *vm = drv->domains; vm; vm = vm->next)
        n += vm->pid == 0;
    pthread_mutex_unlock(&drv->lock);
    return n;
}

int qemuConnectListDefinedDomains(virConnectPtr conn, char **const names, int maxnames)
{
    qemuDriver *drv = qemuConnDriver(conn);
    int n = 0;
    pthread_mutex_lock(&drv->lock);
    for (qemuDomain *vm = drv->domains; vm && n < maxnames; vm = vm->next)
        if (!vm->pid)
            names[n++] = virtStrdup(vm->def->name);
    pthread_mutex_unlock(&drv->lock);
    return n;
}

static bool matches(const qemuDomain *vm, unsigned int flags)
{
    bool active = vm->pid != 0;
    if ((flags & (VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_INACTIVE)) &&
        !((flags & VIR_CONNECT_LIST_DOMAINS_ACTIVE && active) ||
          (flags & VIR_CONNECT_LIST_DOMAINS_INACTIVE && !active)))
        return false;
    if ((flags & (VIR_CONNECT_LIST_DOMAINS_PERSISTENT | VIR_CONNECT_LIST_DOMAINS_TRANSIENT)) &&
        !((flags & VIR_CONNECT_LIST_DOMAINS_PERSISTENT && vm->persistent) ||
          (flags & VIR_CONNECT_LIST_DOMAINS_TRANSIENT && !vm->persistent)))
        return false;
    if (flags & (VIR_CONNECT_LIST_DOMAINS_RUNNING | VIR_CONNECT_LIST_DOMAINS_PAUSED |
                 VIR_CONNECT_LIST_DOMAINS_SHUTOFF | VIR_CONNECT_LIST_DOMAINS_OTHER)) {
        bool ok = (flags & VIR_CONNECT_LIST_DOMAINS_RUNNING && vm->state == VIR_DOMAIN_RUNNING) ||
                  (flags & VIR_CONNECT_LIST_DOMAINS_PAUSED && vm->state == VIR_DOMAIN_PAUSED) ||
                  (flags & VIR_CONNECT_LIST_DOMAINS_SHUTOFF && vm->state == VIR_DOMAIN_SHUTOFF) ||
                  (flags & VIR_CONNECT_LIST_DOMAINS_OTHER && vm->state != VIR_DOMAIN_RUNNING &&
                   vm->state != VIR_DOMAIN_PAUSED && vm->state != VIR_DOMAIN_SHUTOFF);
        if (!ok)
            return false;
    }
    if ((flags & VIR_CONNECT_LIST_DOMAINS_AUTOSTART) && !vm->autostart)
        return false;
    if ((flags & VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART) && vm->autostart)
        return false;
    if (flags & (VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE | VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT |
                 VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT))
        return false;
    return true;
}

int qemuConnectListAllDomains(virConnectPtr conn, virDomainPtr **domains, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0xffff, -1);
    qemuDriver *drv = qemuConnDriver(conn);
    size_t n = 0, cap = 0;
    virDomainPtr *list = NULL;

    pthread_mutex_lock(&drv->lock);
    for (qemuDomain *vm = drv->domains; vm; vm = vm->next) {
        if (!matches(vm, flags))
            continue;
        if (domains) {
            if (n + 2 > cap) {
                cap = cap ? cap * 2 : 8;
                list = virtRealloc(list, cap * sizeof(*list));
            }
            list[n] = qemuDomainHandle(conn, vm);
            list[n + 1] = NULL;
        }
        n++;
    }
    pthread_mutex_unlock(&drv->lock);
    if (domains) {
        if (!list)
            list = virtAlloc(sizeof(*list));
        *domains = list;
    }
    return (int) n;
}

/* Start every autostart domain that is not running (daemon start-up). */
void qemuAutostartAll(virConnectPtr conn, qemuDriver *drv)
{
    pthread_mutex_lock(&drv->lock);
    for (qemuDomain *vm = drv->domains; vm; vm = vm->next) {
        if (vm->autostart && !vm->pid && qemuProcessStart(conn, drv, vm, NULL, false) < 0)
            fprintf(stderr, "qemu: autostart of '%s' failed\n", vm->def->name);
    }
    pthread_mutex_unlock(&drv->lock);
}
