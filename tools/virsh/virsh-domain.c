/* virsh-domain.c: commands that change a domain: its life cycle (define,
 * start, stop, save ...), its resources (memory, vcpus, devices) and
 * migration. */
#include <stdlib.h>
#include <string.h>

#include "vsh.h"

/* Shared shape of suspend, resume, destroy, shutdown, reboot ... :
 * look the domain up, call ACTION, report what was DONE or which
 * action FAILED. */
static bool simpleAction(vshControl *ctl, const vshCmd *cmd,
                         int (*action)(virDomainPtr dom),
                         const char *done, const char *failed)
{
    const char *name;
    virDomainPtr dom = vshCommandDomain(ctl, cmd, &name, VSH_BYANY);
    bool ok = false;

    if (!dom)
        return false;
    if (action(dom) == 0) {
        vshPrintExtra(ctl, "Domain '%s' %s\n", name, done);
        ok = true;
    } else {
        vshError(ctl, "Failed to %s domain '%s'", failed, name);
    }
    virDomainFree(dom);
    return ok;
}

static int doReboot(virDomainPtr dom) { return virDomainReboot(dom, 0); }

static bool cmdSuspend(vshControl *ctl, const vshCmd *cmd)
{
    return simpleAction(ctl, cmd, virDomainSuspend, "suspended", "suspend");
}

static bool cmdResume(vshControl *ctl, const vshCmd *cmd)
{
    return simpleAction(ctl, cmd, virDomainResume, "resumed", "resume");
}

static bool cmdDestroy(vshControl *ctl, const vshCmd *cmd)
{
    return simpleAction(ctl, cmd, virDomainDestroy, "destroyed", "destroy");
}

static bool cmdShutdown(vshControl *ctl, const vshCmd *cmd)
{
    return simpleAction(ctl, cmd, virDomainShutdown, "is being shutdown", "shutdown");
}

static bool cmdReboot(vshControl *ctl, const vshCmd *cmd)
{
    return simpleAction(ctl, cmd, doReboot, "is being rebooted", "reboot");
}

static bool cmdUndefine(vshControl *ctl, const vshCmd *cmd)
{
    return simpleAction(ctl, cmd, virDomainUndefine, "has been undefined", "undefine");
}

static bool cmdStart(vshControl *ctl, const vshCmd *cmd)
{
    const char *name;
    virDomainPtr dom = vshCommandDomain(ctl, cmd, &name, VSH_BYNAME | VSH_BYUUID);
    bool ok = false;

    if (!dom)
        return false;
    if (virDomainGetID(dom) != (unsigned int)-1) {
        vshError(ctl, "%s", "Domain is already active");
        vshResetError();
    } else if (virDomainCreate(dom) == 0) {
        vshPrintExtra(ctl, "Domain '%s' started\n", virDomainGetName(dom));
        ok = true;
    } else {
        vshError(ctl, "Failed to start domain '%s'", virDomainGetName(dom));
    }
    virDomainFree(dom);
    return ok;
}

/* define and create: a domain from an XML file. */
static bool fromFile(vshControl *ctl, const vshCmd *cmd, bool start)
{
    const char *file = vshOptString(cmd, "file");
    char *xml = vshReadFile(ctl, file);
    virDomainPtr dom;

    if (!xml)
        return false;
    if (start) {
        unsigned int flags = 0;
        if (vshOptBool(cmd, "paused"))
            flags |= VIR_DOMAIN_START_PAUSED;
        if (vshOptBool(cmd, "autodestroy"))
            flags |= VIR_DOMAIN_START_AUTODESTROY;
        dom = virDomainCreateXML(ctl->conn, xml, flags);
    } else {
        dom = virDomainDefineXML(ctl->conn, xml);
    }
    free(xml);
    if (!dom) {
        vshError(ctl, "Failed to %s domain from %s", start ? "create" : "define", file);
        return false;
    }
    vshPrintExtra(ctl, "Domain '%s' %s from %s\n", virDomainGetName(dom),
                  start ? "created" : "defined", file);
    virDomainFree(dom);
    return true;
}

static bool cmdDefine(vshControl *ctl, const vshCmd *cmd) { return fromFile(ctl, cmd, false); }
static bool cmdCreate(vshControl *ctl, const vshCmd *cmd) { return fromFile(ctl, cmd, true); }

static bool cmdSave(vshControl *ctl, const vshCmd *cmd)
{
    const char *name, *file = vshOptString(cmd, "file");
    virDomainPtr dom = vshCommandDomain(ctl, cmd, &name, VSH_BYANY);
    bool ok = false;

    if (!dom)
        return false;
    if (virDomainSave(dom, file) == 0) {
        vshPrintExtra(ctl, "\nDomain '%s' saved to %s\n", name, file);
        ok = true;
    } else {
        vshError(ctl, "Failed to save domain '%s' to %s", name, file);
    }
    virDomainFree(dom);
    return ok;
}

static bool cmdRestore(vshControl *ctl, const vshCmd *cmd)
{
    const char *file = vshOptString(cmd, "file");

    if (virDomainRestore(ctl->conn, file) < 0) {
        vshError(ctl, "Failed to restore domain from %s", file);
        return false;
    }
    vshPrintExtra(ctl, "Domain restored from %s\n", file);
    return true;
}

static bool cmdDump(vshControl *ctl, const vshCmd *cmd)
{
    const char *name, *file = vshOptString(cmd, "file");
    virDomainPtr dom = vshCommandDomain(ctl, cmd, &name, VSH_BYANY);
    unsigned int flags = 0;
    bool ok = false;

    if (!dom)
        return false;
    if (vshOptBool(cmd, "live"))
        flags |= VIR_DUMP_LIVE;
    if (vshOptBool(cmd, "crash"))
        flags |= VIR_DUMP_CRASH;
    if (vshOptBool(cmd, "bypass-cache"))
        flags |= VIR_DUMP_BYPASS_CACHE;
    if (vshOptBool(cmd, "reset"))
        flags |= VIR_DUMP_RESET;
    if (vshOptBool(cmd, "memory-only"))
        flags |= VIR_DUMP_MEMORY_ONLY;
    if (virDomainCoreDump(dom, file, flags) == 0) {
        vshPrintExtra(ctl, "\nDomain '%s' dumped to %s\n", name, file);
        ok = true;
    } else {
        vshError(ctl, "Failed to core dump domain '%s' to %s", name, file);
    }
    virDomainFree(dom);
    return ok;
}

static bool setMemory(vshControl *ctl, const vshCmd *cmd, bool max)
{
    virDomainPtr dom;
    unsigned long long kib = 0;
    unsigned int flags;
    bool withFlags = vshOptBool(cmd, "config") || vshOptBool(cmd, "live") ||
                     vshOptBool(cmd, "current");
    bool ok = false;

    if (!vshAffectFlags(ctl, cmd, &flags))
        return false;
    if (vshOptScaled(ctl, cmd, "size", &kib) < 0)
        return false;
    if (kib > (unsigned long)-1) {
        vshError(ctl, "Scaled numeric value '%s' for <size> option is malformed or out of range",
                 vshOptString(cmd, "size"));
        return false;
    }
    if (!(dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY)))
        return false;
    if (withFlags) {
        /* any of --config, --live, --current: the call that takes them */
        ok = virDomainSetMemoryFlags(dom, (unsigned long)kib,
                                     flags | (max ? VIR_DOMAIN_MEM_MAXIMUM : 0)) == 0;
        if (!ok && max)
            vshError(ctl, "%s", "Unable to change MaxMemorySize");
    } else if (max) {
        if (virDomainSetMaxMemory(dom, (unsigned long)kib) == 0)
            ok = true;
        else
            vshError(ctl, "%s", "Unable to change MaxMemorySize");
    } else {
        ok = virDomainSetMemory(dom, (unsigned long)kib) == 0;
    }
    virDomainFree(dom);
    return ok;
}

static bool cmdSetmem(vshControl *ctl, const vshCmd *cmd) { return setMemory(ctl, cmd, false); }
static bool cmdSetmaxmem(vshControl *ctl, const vshCmd *cmd) { return setMemory(ctl, cmd, true); }

static bool cmdSetvcpus(vshControl *ctl, const vshCmd *cmd)
{
    virDomainPtr dom;
    int count = 0;
    bool ok = false;

    if (vshOptInt(ctl, cmd, "count", &count) < 0)
        return false;
    if (count <= 0) {
        vshError(ctl, "Can't set %d processors for a VM", count);
        return false;
    }
    if (!(dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY)))
        return false;
    ok = virDomainSetVcpus(dom, (unsigned int)count) == 0;
    virDomainFree(dom);
    return ok;
}

static bool deviceAction(vshControl *ctl, const vshCmd *cmd, bool attach)
{
    const char *file = vshOptString(cmd, "file");
    virDomainPtr dom;
    char *xml;
    bool ok = false;

    if (!(dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY)))
        return false;
    if (!(xml = vshReadFile(ctl, file)))
        goto cleanup;
    if ((attach ? virDomainAttachDevice(dom, xml) : virDomainDetachDevice(dom, xml)) < 0) {
        vshError(ctl, "Failed to %s device from %s", attach ? "attach" : "detach", file);
        goto cleanup;
    }
    vshPrintExtra(ctl, "Device %s successfully\n", attach ? "attached" : "detached");
    ok = true;

 cleanup:
    free(xml);
    virDomainFree(dom);
    return ok;
}

static bool cmdAttachDevice(vshControl *ctl, const vshCmd *cmd) { return deviceAction(ctl, cmd, true); }
static bool cmdDetachDevice(vshControl *ctl, const vshCmd *cmd) { return deviceAction(ctl, cmd, false); }

static bool cmdAutostart(vshControl *ctl, const vshCmd *cmd)
{
    const char *name;
    bool enable = !vshOptBool(cmd, "disable");
    virDomainPtr dom = vshCommandDomain(ctl, cmd, &name, VSH_BYANY);
    bool ok = false;

    if (!dom)
        return false;
    if (virDomainSetAutostart(dom, enable) < 0) {
        vshError(ctl, "Failed to %smark domain '%s' as autostarted",
                 enable ? "" : "un", name);
    } else {
        vshPrintExtra(ctl, "Domain '%s' %smarked as autostarted\n",
                      name, enable ? "" : "un");
        ok = true;
    }
    virDomainFree(dom);
    return ok;
}

static bool cmdMigrate(vshControl *ctl, const vshCmd *cmd)
{
    const char *desturi = vshOptString(cmd, "desturi");
    virDomainPtr dom, moved = NULL;
    virConnectPtr dconn = NULL;
    unsigned long flags = 0;
    bool ok = false;
    static const struct { const char *opt; unsigned long flag; } map[] = {
        { "live", VIR_MIGRATE_LIVE },
        { "offline", VIR_MIGRATE_OFFLINE },
        { "p2p", VIR_MIGRATE_PEER2PEER },
        { "tunnelled", VIR_MIGRATE_TUNNELLED },
        { "persistent", VIR_MIGRATE_PERSIST_DEST },
        { "undefinesource", VIR_MIGRATE_UNDEFINE_SOURCE },
        { "suspend", VIR_MIGRATE_PAUSED },
        { "copy-storage-all", VIR_MIGRATE_NON_SHARED_DISK },
        { "copy-storage-inc", VIR_MIGRATE_NON_SHARED_INC },
        { "unsafe", VIR_MIGRATE_UNSAFE },
        { "compressed", VIR_MIGRATE_COMPRESSED },
    };

    if (!(dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY)))
        return false;
    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
        if (vshOptBool(cmd, map[i].opt))
            flags |= map[i].flag;
    if (!(dconn = virConnectOpen(desturi)))
        goto cleanup;
    moved = virDomainMigrate(dom, dconn, flags, vshOptString(cmd, "dname"),
                             vshOptString(cmd, "migrateuri"), 0);
    if (moved) {
        ok = true;
        virDomainFree(moved);
    }

 cleanup:
    if (dconn)
        virConnectClose(dconn);
    virDomainFree(dom);
    return ok;
}

static int doReset(virDomainPtr dom) { return virDomainReset(dom, 0); }

static bool cmdReset(vshControl *ctl, const vshCmd *cmd)
{
    return simpleAction(ctl, cmd, doReset, "was reset", "reset");
}

static bool cmdDomrename(vshControl *ctl, const vshCmd *cmd)
{
    virDomainPtr dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY);
    bool ok;

    if (!dom)
        return false;
    if ((ok = virDomainRename(dom, vshOptString(cmd, "new-name"), 0) == 0))
        vshPrintExtra(ctl, "%s\n", "Domain successfully renamed");
    virDomainFree(dom);
    return ok;
}

static bool cmdDompmsuspend(vshControl *ctl, const vshCmd *cmd)
{
    const char *name, *target = vshOptString(cmd, "target");
    virDomainPtr dom;
    unsigned int which;
    int duration = 0;
    bool ok;

    if (vshOptInt(ctl, cmd, "duration", &duration) < 0)
        return false;
    if (strcmp(target, "mem") == 0)
        which = VIR_NODE_SUSPEND_TARGET_MEM;
    else if (strcmp(target, "disk") == 0)
        which = VIR_NODE_SUSPEND_TARGET_DISK;
    else if (strcmp(target, "hybrid") == 0)
        which = VIR_NODE_SUSPEND_TARGET_HYBRID;
    else {
        vshError(ctl, "%s", "Invalid target");
        return false;
    }
    if (!(dom = vshCommandDomain(ctl, cmd, &name, VSH_BYANY)))
        return false;
    if ((ok = virDomainPMSuspendForDuration(dom, which, (unsigned long long)duration, 0) == 0))
        vshPrintExtra(ctl, "Domain '%s' successfully suspended\n", name);
    else
        vshError(ctl, "Domain '%s' could not be suspended", name);
    virDomainFree(dom);
    return ok;
}

static bool cmdDompmwakeup(vshControl *ctl, const vshCmd *cmd)
{
    const char *name;
    virDomainPtr dom = vshCommandDomain(ctl, cmd, &name, VSH_BYANY);
    bool ok;

    if (!dom)
        return false;
    if ((ok = virDomainPMWakeup(dom, 0) == 0))
        vshPrintExtra(ctl, "Domain '%s' successfully woken up\n", name);
    else
        vshError(ctl, "Domain '%s' could not be woken up", name);
    virDomainFree(dom);
    return ok;
}

static bool cmdInjectNmi(vshControl *ctl, const vshCmd *cmd)
{
    virDomainPtr dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY);
    bool ok;

    if (!dom)
        return false;
    ok = virDomainInjectNMI(dom, 0) == 0;
    virDomainFree(dom);
    return ok;
}

static bool cmdDomjobabort(vshControl *ctl, const vshCmd *cmd)
{
    virDomainPtr dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY);
    bool ok;

    if (!dom)
        return false;
    /* the older call unless a flag needs the newer one, as libvirt's virsh */
    if (vshOptBool(cmd, "postcopy"))
        ok = virDomainAbortJobFlags(dom, VIR_DOMAIN_ABORT_JOB_POSTCOPY) == 0;
    else
        ok = virDomainAbortJob(dom) == 0;
    virDomainFree(dom);
    return ok;
}

static const vshOptDef optsDomain[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain name, id or uuid", VSH_COMP_DOMAIN },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsStart[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "name of the inactive domain", VSH_COMP_DOMAIN },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsDefine[] = {
    { "file", VSH_OT_STRING, VSH_OFLAG_REQ, "file containing an XML domain description", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsCreate[] = {
    { "file", VSH_OT_STRING, VSH_OFLAG_REQ, "file containing an XML domain description", VSH_COMP_NONE },
    { "paused", VSH_OT_BOOL, 0, "leave the guest paused after creation", VSH_COMP_NONE },
    { "autodestroy", VSH_OT_BOOL, 0, "automatically destroy the guest when virsh disconnects", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsSave[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain name, id or uuid", VSH_COMP_DOMAIN },
    { "file", VSH_OT_STRING, VSH_OFLAG_REQ, "where to save the data", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsRestore[] = {
    { "file", VSH_OT_STRING, VSH_OFLAG_REQ, "the state to restore", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsDump[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain name, id or uuid", VSH_COMP_DOMAIN },
    { "file", VSH_OT_STRING, VSH_OFLAG_REQ, "where to dump the core", VSH_COMP_NONE },
    { "live", VSH_OT_BOOL, 0, "perform a live core dump if supported", VSH_COMP_NONE },
    { "crash", VSH_OT_BOOL, 0, "crash the domain after core dump", VSH_COMP_NONE },
    { "bypass-cache", VSH_OT_BOOL, 0, "avoid file system cache when dumping", VSH_COMP_NONE },
    { "reset", VSH_OT_BOOL, 0, "reset the domain after core dump", VSH_COMP_NONE },
    { "memory-only", VSH_OT_BOOL, 0, "dump domain's memory only", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsSetmem[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain name, id or uuid", VSH_COMP_DOMAIN },
    { "size", VSH_OT_INT, VSH_OFLAG_REQ, "new memory size, as scaled integer (default KiB)", VSH_COMP_NONE },
    { "config", VSH_OT_BOOL, 0, "affect next boot", VSH_COMP_NONE },
    { "live", VSH_OT_BOOL, 0, "affect running domain", VSH_COMP_NONE },
    { "current", VSH_OT_BOOL, 0, "affect current domain", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsSetmaxmem[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain name, id or uuid", VSH_COMP_DOMAIN },
    { "size", VSH_OT_INT, VSH_OFLAG_REQ, "new maximum memory size, as scaled integer (default KiB)", VSH_COMP_NONE },
    { "config", VSH_OT_BOOL, 0, "affect next boot", VSH_COMP_NONE },
    { "live", VSH_OT_BOOL, 0, "affect running domain", VSH_COMP_NONE },
    { "current", VSH_OT_BOOL, 0, "affect current domain", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsSetvcpus[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain name, id or uuid", VSH_COMP_DOMAIN },
    { "count", VSH_OT_INT, VSH_OFLAG_REQ, "number of virtual CPUs", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsDevice[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain name, id or uuid", VSH_COMP_DOMAIN },
    { "file", VSH_OT_STRING, VSH_OFLAG_REQ, "XML file", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsAutostart[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain name, id or uuid", VSH_COMP_DOMAIN },
    { "disable", VSH_OT_BOOL, 0, "disable autostarting", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsMigrate[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain name, id or uuid", VSH_COMP_DOMAIN },
    { "desturi", VSH_OT_STRING, VSH_OFLAG_REQ, "connection URI of the destination host as seen from the client(normal migration) or source(p2p migration)", VSH_COMP_NONE },
    { "live", VSH_OT_BOOL, 0, "live migration", VSH_COMP_NONE },
    { "offline", VSH_OT_BOOL, 0, "offline migration", VSH_COMP_NONE },
    { "p2p", VSH_OT_BOOL, 0, "peer-2-peer migration", VSH_COMP_NONE },
    { "tunnelled", VSH_OT_BOOL, 0, "tunnelled migration", VSH_COMP_NONE },
    { "persistent", VSH_OT_BOOL, 0, "persist VM on destination", VSH_COMP_NONE },
    { "undefinesource", VSH_OT_BOOL, 0, "undefine VM on source", VSH_COMP_NONE },
    { "suspend", VSH_OT_BOOL, 0, "do not restart the domain on the destination host", VSH_COMP_NONE },
    { "copy-storage-all", VSH_OT_BOOL, 0, "migration with non-shared storage with full disk copy", VSH_COMP_NONE },
    { "copy-storage-inc", VSH_OT_BOOL, 0, "migration with non-shared storage with incremental copy (same base image shared between source and destination)", VSH_COMP_NONE },
    { "unsafe", VSH_OT_BOOL, 0, "force migration even if it may be unsafe", VSH_COMP_NONE },
    { "compressed", VSH_OT_BOOL, 0, "compress repeated pages during live migration", VSH_COMP_NONE },
    { "migrateuri", VSH_OT_STRING, 0, "migration URI, usually can be omitted", VSH_COMP_NONE },
    { "dname", VSH_OT_STRING, 0, "rename to new name during migration (if supported)", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsDomrename[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain name or uuid", VSH_COMP_DOMAIN },
    { "new-name", VSH_OT_STRING, VSH_OFLAG_REQ, "new domain name", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsDompmsuspend[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain name, id or uuid", VSH_COMP_DOMAIN },
    { "target", VSH_OT_STRING, VSH_OFLAG_REQ, "mem(Suspend-to-RAM), disk(Suspend-to-Disk), hybrid(Hybrid-Suspend)", VSH_COMP_NONE },
    { "duration", VSH_OT_INT, 0, "duration in seconds", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsDomjobabort[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain name, id or uuid", VSH_COMP_DOMAIN },
    { "postcopy", VSH_OT_BOOL, 0, "interrupt post-copy migration", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

const vshCmdDef vshDomainCmds[] = {
    { "domjobabort", cmdDomjobabort, optsDomjobabort, "abort active domain job",
      "Aborts the currently running domain job", 0 },
    { "dompmsuspend", cmdDompmsuspend, optsDompmsuspend, "suspend a domain gracefully using power management functions",
      "Suspends a running domain using guest OS's power management. (Note: This requires a guest agent configured and running in the guest OS).", 0 },
    { "dompmwakeup", cmdDompmwakeup, optsDomain, "wakeup a domain from pmsuspended state",
      "Wakeup a domain that was previously suspended by power management.", 0 },
    { "domrename", cmdDomrename, optsDomrename, "rename a domain",
      "Rename an inactive domain.", 0 },
    { "inject-nmi", cmdInjectNmi, optsDomain, "Inject NMI to the guest",
      "Inject NMI to the guest domain.", 0 },
    { "reset", cmdReset, optsDomain, "reset a domain",
      "Reset the target domain as if by power button", 0 },
    { "attach-device", cmdAttachDevice, optsDevice, "attach device from an XML file",
      "Attach device from an XML <file>.", 0 },
    { "autostart", cmdAutostart, optsAutostart, "autostart a domain",
      "Configure a domain to be automatically started at boot.", 0 },
    { "create", cmdCreate, optsCreate, "create a domain from an XML file",
      "Create a domain.", 0 },
    { "define", cmdDefine, optsDefine, "define (but don't start) a domain from an XML file",
      "Define a domain.", 0 },
    { "destroy", cmdDestroy, optsDomain, "destroy (stop) a domain",
      "Forcefully stop a given domain, but leave its resources intact.", 0 },
    { "detach-device", cmdDetachDevice, optsDevice, "detach device from an XML file",
      "Detach device from an XML <file>", 0 },
    { "dump", cmdDump, optsDump, "dump the core of a domain to a file for analysis",
      "Core dump a domain.", 0 },
    { "migrate", cmdMigrate, optsMigrate, "migrate domain to another host",
      "Migrate domain to another host.  Add --live for live migration.", 0 },
    { "reboot", cmdReboot, optsDomain, "reboot a domain",
      "Run a reboot command in the target domain.", 0 },
    { "restore", cmdRestore, optsRestore, "restore a domain from a saved state in a file",
      "Restore a domain.", 0 },
    { "resume", cmdResume, optsDomain, "resume a domain",
      "Resume a previously suspended domain.", 0 },
    { "save", cmdSave, optsSave, "save a domain state to a file",
      "Save the RAM state of a running domain.", 0 },
    { "setmaxmem", cmdSetmaxmem, optsSetmaxmem, "change maximum memory limit",
      "Change the maximum memory allocation limit in the guest domain.", 0 },
    { "setmem", cmdSetmem, optsSetmem, "change memory allocation",
      "Change the current memory allocation in the guest domain.", 0 },
    { "setvcpus", cmdSetvcpus, optsSetvcpus, "change number of virtual CPUs",
      "Change the number of virtual CPUs in the guest domain.", 0 },
    { "shutdown", cmdShutdown, optsDomain, "gracefully shutdown a domain",
      "Run shutdown in the target domain.", 0 },
    { "start", cmdStart, optsStart, "start a (previously defined) inactive domain",
      "Start a domain, either from the last managedsave\n    state, or via a fresh boot if no managedsave state\n    is present.", 0 },
    { "suspend", cmdSuspend, optsDomain, "suspend a domain",
      "Suspend a running domain.", 0 },
    { "undefine", cmdUndefine, optsDomain, "undefine a domain",
      "Undefine an inactive domain, or convert persistent to transient.", 0 },
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
