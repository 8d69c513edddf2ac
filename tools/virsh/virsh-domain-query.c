/* virsh-domain-query.c: domain management commands that mostly read:
 * identity conversions (domid, domname, domuuid), dumpxml, ttyconsole,
 * vcpu placement (vcpuinfo, vcpupin) and scheduler parameters. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "vsh.h"

static bool cmdDomid(vshControl *ctl, const vshCmd *cmd)
{
    virDomainPtr dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYNAME | VSH_BYUUID);
    unsigned int id;

    if (!dom)
        return false;
    id = virDomainGetID(dom);
    if (id == (unsigned int)-1)
        vshPrint(ctl, "%s\n", "-");
    else
        vshPrint(ctl, "%u\n", id);
    virDomainFree(dom);
    return true;
}

static bool cmdDomname(vshControl *ctl, const vshCmd *cmd)
{
    virDomainPtr dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYID | VSH_BYUUID);

    if (!dom)
        return false;
    vshPrint(ctl, "%s\n", virDomainGetName(dom));
    virDomainFree(dom);
    return true;
}

static bool cmdDomuuid(vshControl *ctl, const vshCmd *cmd)
{
    virDomainPtr dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYID | VSH_BYNAME);
    char uuid[VIR_UUID_STRING_BUFLEN];
    bool ok = false;

    if (!dom)
        return false;
    if (virDomainGetUUIDString(dom, uuid) == 0) {
        vshPrint(ctl, "%s\n", uuid);
        ok = true;
    } else {
        vshError(ctl, "%s", "failed to get domain UUID");
    }
    virDomainFree(dom);
    return ok;
}

static bool cmdDumpxml(vshControl *ctl, const vshCmd *cmd)
{
    virDomainPtr dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY);
    unsigned int flags = 0;
    char *xml;
    bool ok;

    if (!dom)
        return false;
    if (vshOptBool(cmd, "inactive"))
        flags |= VIR_DOMAIN_XML_INACTIVE;
    if (vshOptBool(cmd, "security-info"))
        flags |= VIR_DOMAIN_XML_SECURE;
    if (vshOptBool(cmd, "update-cpu"))
        flags |= VIR_DOMAIN_XML_UPDATE_CPU;
    if (vshOptBool(cmd, "migratable"))
        flags |= VIR_DOMAIN_XML_MIGRATABLE;
    xml = virDomainGetXMLDesc(dom, flags);
    virDomainFree(dom);
    if (!xml)
        return false;
    ok = vshPrintXml(ctl, cmd, xml);
    free(xml);
    return ok;
}

/* The tty attribute of the first <console> element, if any. */
static char *consoleTty(const char *xml)
{
    const char *el = strstr(xml, "<console");
    const char *end, *attr;

    if (!el || !(end = strchr(el, '>')))
        return NULL;
    for (attr = strstr(el, "tty="); attr && attr < end; attr = strstr(attr + 1, "tty=")) {
        char q = attr[4];
        const char *v = attr + 5, *close;
        if (attr[-1] != ' ' || (q != '\'' && q != '"') || !(close = strchr(v, q)))
            continue;
        return strndup(v, close - v);
    }
    return NULL;
}

static bool cmdTtyconsole(vshControl *ctl, const vshCmd *cmd)
{
    virDomainPtr dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY);
    char *xml, *tty = NULL;

    if (!dom)
        return false;
    xml = virDomainGetXMLDesc(dom, 0);
    virDomainFree(dom);
    if (!xml)
        return false;
    tty = consoleTty(xml);
    free(xml);
    if (!tty)
        return false;
    vshPrint(ctl, "%s\n", tty);
    free(tty);
    return true;
}

/* Host CPUs, to size affinity maps: the node's cpu map when the driver
 * has one (libvirt's virsh asks that first), else the node info. */
static int hostCpus(vshControl *ctl)
{
    virNodeInfo node;
    int n = virNodeGetCPUMap(ctl->conn, NULL, NULL, 0);
    if (n > 0)
        return n;
    vshResetError();
    if (virNodeGetInfo(ctl->conn, &node) < 0)
        return -1;
    return VIR_NODEINFO_MAXCPUS(node);
}

/* Fetch the vcpus of DOM with their affinity maps. Returns the count,
 * or -1; *info and *maps belong to the caller. */
static int fetchVcpus(virDomainPtr dom, int ncpus, virVcpuInfoPtr *info,
                      unsigned char **maps)
{
    virDomainInfo dinfo;
    int maplen = VIR_CPU_MAPLEN(ncpus), n;

    *info = NULL;
    *maps = NULL;
    if (virDomainGetInfo(dom, &dinfo) < 0 || dinfo.nrVirtCpu == 0)
        return -1;
    *info = calloc(dinfo.nrVirtCpu, sizeof(**info));
    *maps = calloc(dinfo.nrVirtCpu, maplen);
    if (!*info || !*maps)
        return -1;
    n = virDomainGetVcpus(dom, *info, dinfo.nrVirtCpu, *maps, maplen);
    return n < 0 ? -(int)dinfo.nrVirtCpu - 1 : n;
}

static bool cmdVcpuinfo(vshControl *ctl, const vshCmd *cmd)
{
    static const char *const states[] = { "offline", "running", "blocked" };
    virDomainPtr dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY);
    virVcpuInfoPtr info = NULL;
    unsigned char *maps = NULL;
    int ncpus, n, maplen;
    bool ok = false, live = true;

    if (!dom)
        return false;
    if ((ncpus = hostCpus(ctl)) < 0)
        goto cleanup;
    maplen = VIR_CPU_MAPLEN(ncpus);
    n = fetchVcpus(dom, ncpus, &info, &maps);
    if (n < -1 && !virDomainIsActive(dom)) {
        /* an inactive domain has no live vcpus: show what we know */
        n = -n - 1;
        live = false;
        vshResetError();
    } else if (n < 0) {
        goto cleanup;
    }
    for (int i = 0; i < n; i++) {
        if (i)
            vshPrint(ctl, "\n");
        vshPrint(ctl, "%-15s %d\n", "VCPU:", live ? (int)info[i].number : i);
        if (live) {
            vshPrint(ctl, "%-15s %d\n", "CPU:", info[i].cpu);
            vshPrint(ctl, "%-15s %s\n", "State:",
                     info[i].state >= 0 && info[i].state <= 2 ? states[info[i].state] : "no state");
            if (info[i].cpuTime)
                vshPrint(ctl, "%-15s %.1lfs\n", "CPU time:", info[i].cpuTime / 1e9);
        } else {
            vshPrint(ctl, "%-15s %s\n", "CPU:", "N/A");
            vshPrint(ctl, "%-15s %s\n", "State:", "N/A");
            vshPrint(ctl, "%-15s %s\n", "CPU time", "N/A");
        }
        vshPrint(ctl, "%-15s ", "CPU Affinity:");
        for (int c = 0; c < ncpus; c++)
            vshPrint(ctl, "%c", !live || VIR_CPU_USABLE(maps, maplen, i, c) ? 'y' : '-');
        vshPrint(ctl, "\n");
    }
    ok = true;

 cleanup:
    free(info);
    free(maps);
    virDomainFree(dom);
    return ok;
}

/* "0-3,6" style text of the CPUs set in MAP. */
/* MAP as "0-3,6": runs of used CPUs. */
void vshFormatCpuMap(const unsigned char *map, int ncpus, char *buf, size_t len)
{
    size_t used = 0;

    buf[0] = '\0';
    for (int c = 0; c < ncpus && used < len; c++) {
        int last = c;
        if (!VIR_CPU_USED(map, c))
            continue;
        while (last + 1 < ncpus && VIR_CPU_USED(map, last + 1))
            last++;
        if (last > c)
            used += snprintf(buf + used, len - used, "%s%d-%d", used ? "," : "", c, last);
        else
            used += snprintf(buf + used, len - used, "%s%d", used ? "," : "", c);
        c = last;
    }
}


/* Parse a cpulist ("1,3-5,^4", or "r" for all) into MAP. */
static bool parseCpulist(vshControl *ctl, const char *list, unsigned char *map, int ncpus)
{
    const char *p = list;

    if (strcmp(list, "r") == 0) {
        for (int c = 0; c < ncpus; c++)
            VIR_USE_CPU(map, c);
        return true;
    }
    while (*p) {
        bool neg = false;
        char *end;
        long lo, hi;

        if (*p == '^') {
            neg = true;
            p++;
        }
        lo = strtol(p, &end, 10);
        if (end == p || lo < 0)
            goto syntax;
        hi = lo;
        p = end;
        if (*p == '-' && !neg) {
            hi = strtol(p + 1, &end, 10);
            if (end == p + 1 || hi < lo)
                goto syntax;
            p = end;
        }
        if (hi >= ncpus) {
            vshError(ctl, "CPU %ld in cpulist '%s' exceed the maxcpu %d", hi, list, ncpus);
            return false;
        }
        for (long c = lo; c <= hi; c++) {
            if (neg)
                VIR_UNUSE_CPU(map, c);
            else
                VIR_USE_CPU(map, c);
        }
        if (*p == ',')
            p++;
        else if (*p)
            goto syntax;
    }
    return true;

 syntax:
    vshError(ctl, "%s", "cpulist: Invalid format.");
    return false;
}

static bool cmdVcpupin(vshControl *ctl, const vshCmd *cmd)
{
    static const char *const titles[] = { "VCPU", "CPU Affinity" };
    const char *cpulist = vshOptString(cmd, "cpulist");
    virDomainPtr dom = NULL;
    virVcpuInfoPtr info = NULL;
    unsigned char *maps = NULL, *map = NULL;
    vshTable *table = NULL;
    int vcpu = -1, got, ncpus, n;
    bool ok = false;

    if ((got = vshOptInt(ctl, cmd, "vcpu", &vcpu)) < 0)
        return false;
    if (got && vcpu < 0) {
        vshError(ctl, "Numeric value '%s' for <vcpu> option is malformed or out of range",
                 vshOptString(cmd, "vcpu"));
        return false;
    }
    if (cpulist && !got) {
        vshError(ctl, "%s", "vcpupin: Missing vCPU number in pin mode.");
        return false;
    }
    if (!(dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY)))
        return false;
    if ((ncpus = hostCpus(ctl)) < 0)
        goto cleanup;

    if (cpulist) {
        if (!(map = calloc(1, VIR_CPU_MAPLEN(ncpus))))
            goto cleanup;
        if (!parseCpulist(ctl, cpulist, map, ncpus))
            goto cleanup;
        ok = virDomainPinVcpu(dom, (unsigned int)vcpu, map, VIR_CPU_MAPLEN(ncpus)) == 0;
        goto cleanup;
    }

    if ((n = fetchVcpus(dom, ncpus, &info, &maps)) < 0)
        goto cleanup;
    if (got && vcpu >= n) {
        vshError(ctl, "vcpu %d is out of range of live cpu count %d", vcpu, n);
        goto cleanup;
    }
    if (!(table = vshTableNew(titles, 2)))
        goto cleanup;
    for (int i = 0; i < n; i++) {
        char number[16], cpus[4096];
        const char *cells[2] = { number, cpus };
        if (got && i != vcpu)
            continue;
        snprintf(number, sizeof(number), "%d", (int)info[i].number);
        vshFormatCpuMap(VIR_GET_CPUMAP(maps, VIR_CPU_MAPLEN(ncpus), i), ncpus, cpus, sizeof(cpus));
        if (vshTableRowAdd(table, cells) < 0)
            goto cleanup;
    }
    vshTablePrint(ctl, table);
    ok = true;

 cleanup:
    vshTableFree(table);
    free(map);
    free(info);
    free(maps);
    virDomainFree(dom);
    return ok;
}

static void printSchedParam(vshControl *ctl, const virTypedParameter *p)
{
    char value[1024];

    vshTypedParamFormat(p, value, sizeof(value));
    vshPrint(ctl, "%-15s: %s\n", p->field, value);
}

/* Store TEXT into P according to P's type. */
static bool setSchedValue(virTypedParameter *p, const char *text)
{
    char *end;
    errno = 0;
    switch (p->type) {
    case VIR_TYPED_PARAM_INT:
        p->value.i = (int)strtol(text, &end, 10);
        break;
    case VIR_TYPED_PARAM_UINT:
        p->value.ui = (unsigned int)strtoul(text, &end, 10);
        break;
    case VIR_TYPED_PARAM_LLONG:
        p->value.l = strtoll(text, &end, 10);
        break;
    case VIR_TYPED_PARAM_ULLONG:
        p->value.ul = strtoull(text, &end, 10);
        break;
    case VIR_TYPED_PARAM_DOUBLE:
        p->value.d = strtod(text, &end);
        break;
    case VIR_TYPED_PARAM_BOOLEAN:
        p->value.b = strcmp(text, "0") != 0 && strcmp(text, "no") != 0;
        return true;
    default:
        return false;
    }
    return !errno && end != text && !*end;
}

/* Apply one "name=value" to the matching entry of PARAMS; the entry is
 * copied to *out. */
static bool schedAssign(vshControl *ctl, const char *name, const char *value,
                        const virTypedParameter *params, int nparams,
                        virTypedParameter *out)
{
    for (int i = 0; i < nparams; i++) {
        if (strcmp(params[i].field, name) != 0)
            continue;
        *out = params[i];
        if (!setSchedValue(out, value)) {
            vshError(ctl, "invalid value '%s' for parameter '%s'", value, name);
            return false;
        }
        return true;
    }
    vshError(ctl, "invalid scheduler option: %s", name);
    return false;
}

static bool cmdSchedinfo(vshControl *ctl, const vshCmd *cmd)
{
    virDomainPtr dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY);
    const vshOptValue *sets = vshOptArgv(cmd, "set");
    virTypedParameter *params = NULL, *changes = NULL;
    int nparams = 0, nchanges = 0;
    char *type = NULL;
    bool ok = false;

    if (!dom)
        return false;
    if (!(type = virDomainGetSchedulerType(dom, &nparams)))
        goto cleanup;
    vshPrint(ctl, "%-15s: %s\n", "Scheduler", type);
    if (nparams <= 0) {
        ok = true;
        goto cleanup;
    }
    if (!(params = calloc(nparams, sizeof(*params))) ||
        !(changes = calloc(nparams + 2 + (sets ? sets->nvalues : 0), sizeof(*changes))))
        goto cleanup;
    if (virDomainGetSchedulerParameters(dom, params, &nparams) < 0)
        goto cleanup;

    for (size_t i = 0; sets && i < sets->nvalues; i++) {
        char *eq = strchr(sets->values[i], '=');
        char *key;
        bool good;
        if (!eq) {
            vshError(ctl, "%s", "Invalid syntax for --set, expecting name=value");
            goto cleanup;
        }
        if (!(key = strndup(sets->values[i], eq - sets->values[i])))
            goto cleanup;
        good = schedAssign(ctl, key, eq + 1, params, nparams, &changes[nchanges]);
        free(key);
        if (!good)
            goto cleanup;
        nchanges++;
    }
    for (const char *const *o = (const char *const[]){ "weight", "cap", NULL }; *o; o++) {
        const char *v = vshOptString(cmd, *o);
        if (!v)
            continue;
        if (!schedAssign(ctl, *o, v, params, nparams, &changes[nchanges]))
            goto cleanup;
        nchanges++;
    }
    if (nchanges) {
        if (virDomainSetSchedulerParameters(dom, changes, nchanges) < 0 ||
            virDomainGetSchedulerParameters(dom, params, &nparams) < 0)
            goto cleanup;
    }
    for (int i = 0; i < nparams; i++)
        printSchedParam(ctl, &params[i]);
    ok = true;

 cleanup:
    free(type);
    free(params);
    free(changes);
    virDomainFree(dom);
    return ok;
}

static bool cmdVcpucount(vshControl *ctl, const vshCmd *cmd)
{
    bool maximum = vshOptBool(cmd, "maximum"), active = vshOptBool(cmd, "active");
    bool live = vshOptBool(cmd, "live"), config = vshOptBool(cmd, "config");
    bool current = vshOptBool(cmd, "current"), guest = vshOptBool(cmd, "guest");
    virDomainPtr dom;
    bool ok = false;
    int count;

    if (active && maximum) {
        vshError(ctl, "%s", "Options --active and --maximum are mutually exclusive");
        return false;
    }
    if (live && config) {
        vshError(ctl, "%s", "Options --live and --config are mutually exclusive");
        return false;
    }
    if (guest && config) {
        vshError(ctl, "%s", "Options --guest and --config are mutually exclusive");
        return false;
    }
    if (!(dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY)))
        return false;
    if (!maximum && !active && !live && !config && !current && !guest) {
        /* every combination the domain has: live ones only while it runs */
        static const struct {
            const char *what, *where;
            unsigned int flags;
        } rows[] = {
            { "maximum", "config", VIR_DOMAIN_VCPU_MAXIMUM | VIR_DOMAIN_AFFECT_CONFIG },
            { "maximum", "live", VIR_DOMAIN_VCPU_MAXIMUM | VIR_DOMAIN_AFFECT_LIVE },
            { "current", "config", VIR_DOMAIN_AFFECT_CONFIG },
            { "current", "live", VIR_DOMAIN_AFFECT_LIVE },
        };
        int running = virDomainIsActive(dom);
        for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
            if ((rows[i].flags & VIR_DOMAIN_AFFECT_LIVE) && running != 1)
                continue;
            if ((count = virDomainGetVcpusFlags(dom, rows[i].flags)) < 0)
                goto cleanup;
            vshPrint(ctl, "%-12s %-12s %3d\n", rows[i].what, rows[i].where, count);
        }
        ok = true;
        goto cleanup;
    }
    count = virDomainGetVcpusFlags(dom, (maximum ? VIR_DOMAIN_VCPU_MAXIMUM : 0) |
                                        (live ? VIR_DOMAIN_AFFECT_LIVE : 0) |
                                        (config ? VIR_DOMAIN_AFFECT_CONFIG : 0) |
                                        (guest ? VIR_DOMAIN_VCPU_GUEST : 0));
    if (count < 0) {
        vshError(ctl, "%s", guest ? "Failed to retrieve vCPU count from the guest"
                                  : "Failed to retrieve vCPU count");
        goto cleanup;
    }
    vshPrint(ctl, "%d\n", count);
    ok = true;

 cleanup:
    virDomainFree(dom);
    return ok;
}

static bool cmdEmulatorpin(vshControl *ctl, const vshCmd *cmd)
{
    const char *cpulist = vshOptString(cmd, "cpulist");
    virDomainPtr dom;
    unsigned char *map = NULL;
    unsigned int flags;
    int ncpus;
    bool ok = false;

    if (!vshAffectFlags(ctl, cmd, &flags))
        return false;
    if (!(dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY)))
        return false;
    if ((ncpus = hostCpus(ctl)) < 0 || !(map = calloc(1, VIR_CPU_MAPLEN(ncpus))))
        goto cleanup;
    if (cpulist) {
        if (!parseCpulist(ctl, cpulist, map, ncpus))
            goto cleanup;
        ok = virDomainPinEmulator(dom, map, VIR_CPU_MAPLEN(ncpus), flags) == 0;
        goto cleanup;
    }
    if (virDomainGetEmulatorPinInfo(dom, map, VIR_CPU_MAPLEN(ncpus), flags) >= 0) {
        char cpus[4096];
        vshFormatCpuMap(map, ncpus, cpus, sizeof(cpus));
        vshPrintExtra(ctl, "%s %s\n", "emulator:", "CPU Affinity");
        vshPrintExtra(ctl, "----------------------------------\n");
        vshPrint(ctl, "       *: %s\n", cpus);
        ok = true;
    }

 cleanup:
    free(map);
    virDomainFree(dom);
    return ok;
}

static bool cmdDomhostname(vshControl *ctl, const vshCmd *cmd)
{
    const char *source = vshOptString(cmd, "source");
    unsigned int flags = 0;
    virDomainPtr dom;
    char *name;

    if (source) {
        if (strcmp(source, "lease") == 0)
            flags = VIR_DOMAIN_GET_HOSTNAME_LEASE;
        else if (strcmp(source, "agent") == 0)
            flags = VIR_DOMAIN_GET_HOSTNAME_AGENT;
        else {
            vshError(ctl, "Unknown data source '%s'", source);
            return false;
        }
    }
    if (!(dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY)))
        return false;
    name = virDomainGetHostname(dom, flags);
    virDomainFree(dom);
    if (!name) {
        vshError(ctl, "%s", "failed to get hostname");
        return false;
    }
    vshPrint(ctl, "%s\n", name);
    free(name);
    return true;
}

static bool cmdDomfsinfo(vshControl *ctl, const vshCmd *cmd)
{
    static const char *const titles[] = { "Mountpoint", "Name", "Type", "Target" };
    virDomainPtr dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY);
    virDomainFSInfoPtr *info = NULL;
    vshTable *table = NULL;
    int n = 0;
    bool ok = false;

    if (!dom)
        return false;
    if ((n = virDomainGetFSInfo(dom, &info, 0)) < 0) {
        vshError(ctl, "%s", "Unable to get filesystem information");
        n = 0;
        goto cleanup;
    }
    if (n == 0) {
        vshError(ctl, "%s", "No filesystems are mounted in the domain");
        goto cleanup;
    }
    if (!(table = vshTableNew(titles, 4)))
        goto cleanup;
    for (int i = 0; i < n; i++) {
        char targets[1024] = "";
        size_t used = 0;
        const char *cells[4] = { info[i]->mountpoint, info[i]->name, info[i]->fstype, targets };
        for (size_t t = 0; t < info[i]->ndevAlias && used < sizeof(targets); t++)
            used += snprintf(targets + used, sizeof(targets) - used, "%s%s",
                             t ? "," : "", info[i]->devAlias[t]);
        if (vshTableRowAdd(table, cells) < 0)
            goto cleanup;
    }
    vshTablePrint(ctl, table);
    ok = true;

 cleanup:
    vshTableFree(table);
    for (int i = 0; i < n; i++)
        virDomainFSInfoFree(info[i]);
    free(info);
    virDomainFree(dom);
    return ok;
}

static bool cmdDomjobinfo(vshControl *ctl, const vshCmd *cmd)
{
    static const char *const types[] = { "None", "Bounded", "Unbounded", "Completed",
                                         "Failed", "Cancelled" };
    bool completed = vshOptBool(cmd, "completed"), raw = vshOptBool(cmd, "rawstats");
    virDomainPtr dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY);
    virTypedParameterPtr params = NULL;
    virDomainJobInfo info;
    int nparams = 0, type = VIR_DOMAIN_JOB_NONE;
    bool ok = false;

    if (!dom)
        return false;
    memset(&info, 0, sizeof(info));
    if (virDomainGetJobStats(dom, &type, &params, &nparams,
                             completed ? VIR_DOMAIN_JOB_STATS_COMPLETED : 0) < 0) {
        virErrorPtr err = virGetLastError();
        if (!err || err->code != VIR_ERR_NO_SUPPORT)
            goto cleanup;
        if (completed || raw) {
            vshError(ctl, "%s", "Optional flags or --rawstats are not supported by the daemon");
            goto cleanup;
        }
        /* an older driver: the basic call */
        vshResetError();
        if (virDomainGetJobInfo(dom, &info) < 0)
            goto cleanup;
        type = info.type;
    }
    vshPrint(ctl, "%-17s %-12s\n", "Job type:",
             type >= 0 && (size_t)type < sizeof(types) / sizeof(types[0]) ? types[type] : "Unknown");
    ok = true;

 cleanup:
    virTypedParamsFree(params, nparams);
    virDomainFree(dom);
    return ok;
}

static bool cmdDesc(vshControl *ctl, const vshCmd *cmd)
{
    bool title = vshOptBool(cmd, "title");
    int type = title ? VIR_DOMAIN_METADATA_TITLE : VIR_DOMAIN_METADATA_DESCRIPTION;
    const vshOptValue *words = vshOptArgv(cmd, "new-desc");
    virDomainPtr dom;
    unsigned int flags;
    bool ok = false;

    if (!vshAffectFlags(ctl, cmd, &flags))
        return false;
    if (vshOptBool(cmd, "edit")) {
        vshError(ctl, "%s", "desc --edit: no editor in this virsh; use --new-desc");
        return false;
    }
    if (!(dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY)))
        return false;
    if (words) {
        size_t len = 1;
        char *text;
        for (size_t i = 0; i < words->nvalues; i++)
            len += strlen(words->values[i]) + 1;
        if (!(text = calloc(1, len)))
            goto cleanup;
        for (size_t i = 0; i < words->nvalues; i++) {
            if (i)
                strcat(text, " ");
            strcat(text, words->values[i]);
        }
        if (virDomainSetMetadata(dom, type, text, NULL, NULL, flags) < 0) {
            vshError(ctl, "Failed to set new domain %s", title ? "title" : "description");
            free(text);
            goto cleanup;
        }
        free(text);
        vshPrintExtra(ctl, "Domain %s updated successfully", title ? "title" : "description");
        ok = true;
        goto cleanup;
    }
    {
        char *text = virDomainGetMetadata(dom, type, NULL, flags);
        if (text) {
            vshPrint(ctl, "%s", text);
            free(text);
        } else {
            virErrorPtr err = virGetLastError();
            if (!err || err->code != VIR_ERR_NO_DOMAIN_METADATA)
                goto cleanup;
            vshResetError();
            vshPrintExtra(ctl, "No %s for domain: %s", title ? "title" : "description",
                          virDomainGetName(dom));
        }
    }
    ok = true;

 cleanup:
    virDomainFree(dom);
    return ok;
}

static bool cmdMetadata(vshControl *ctl, const vshCmd *cmd)
{
    const char *uri = vshOptString(cmd, "uri"), *key = vshOptString(cmd, "key");
    const char *set = vshOptString(cmd, "set");
    bool remove = vshOptBool(cmd, "remove");
    virDomainPtr dom;
    unsigned int flags;
    bool ok = false;

    if (!vshAffectFlags(ctl, cmd, &flags))
        return false;
    if (set && remove) {
        vshError(ctl, "%s", "Options --set and --remove are mutually exclusive");
        return false;
    }
    if (vshOptBool(cmd, "edit")) {
        vshError(ctl, "%s", "metadata --edit: no editor in this virsh; use --set");
        return false;
    }
    if (!(dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY)))
        return false;
    if (set || remove) {
        if (set && !key) {
            vshError(ctl, "%s", "namespace key is required when modifying metadata");
            goto cleanup;
        }
        if (virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT, set, set ? key : NULL,
                                 uri, flags) < 0)
            goto cleanup;
        vshPrintExtra(ctl, "%s\n", remove ? "Metadata removed" : "Metadata modified");
        ok = true;
        goto cleanup;
    }
    {
        char *text = virDomainGetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT, uri, flags);
        if (!text)
            goto cleanup;
        vshPrint(ctl, "%s\n", text);
        free(text);
    }
    ok = true;

 cleanup:
    virDomainFree(dom);
    return ok;
}

/* blkiotune, memtune, numatune without settings: every parameter as
 * "name: value", in the driver's order. */
typedef int (*tuneGetter)(virDomainPtr, virTypedParameterPtr, int *, unsigned int);

static bool printTune(vshControl *ctl, const vshCmd *cmd, tuneGetter get, const char *what,
                      void (*format)(const virTypedParameter *, char *, size_t))
{
    virDomainPtr dom;
    virTypedParameterPtr params = NULL;
    unsigned int flags;
    int n = 0;
    bool ok = false;

    if (!vshAffectFlags(ctl, cmd, &flags))
        return false;
    if (!(dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY)))
        return false;
    if (get(dom, NULL, &n, flags) < 0) {
        vshError(ctl, "Unable to get number of %s parameters", what);
        goto cleanup;
    }
    if (n > 0) {
        if (!(params = calloc(n, sizeof(*params))))
            goto cleanup;
        if (get(dom, params, &n, flags) < 0) {
            vshError(ctl, "Unable to get %s parameters", what);
            goto cleanup;
        }
    }
    for (int i = 0; i < n; i++) {
        char value[1024];
        format(&params[i], value, sizeof(value));
        vshPrint(ctl, "%-15s: %s\n", params[i].field, value);
    }
    ok = true;

 cleanup:
    if (params)
        virTypedParamsClear(params, n);
    free(params);
    virDomainFree(dom);
    return ok;
}

static void memtuneFormat(const virTypedParameter *p, char *buf, size_t len)
{
    if (p->type == VIR_TYPED_PARAM_ULLONG && p->value.ul == VIR_DOMAIN_MEMORY_PARAM_UNLIMITED)
        snprintf(buf, len, "%s", "unlimited");
    else
        vshTypedParamFormat(p, buf, len);
}

static void numatuneFormat(const virTypedParameter *p, char *buf, size_t len)
{
    static const char *const modes[] = { "strict", "preferred", "interleave", "restrictive" };

    if (strcmp(p->field, VIR_DOMAIN_NUMA_MODE) == 0 && p->type == VIR_TYPED_PARAM_INT &&
        p->value.i >= 0 && (size_t)p->value.i < sizeof(modes) / sizeof(modes[0]))
        snprintf(buf, len, "%s", modes[p->value.i]);
    else
        vshTypedParamFormat(p, buf, len);
}

static bool cmdBlkiotune(vshControl *ctl, const vshCmd *cmd)
{
    return printTune(ctl, cmd, virDomainGetBlkioParameters, "blkio", vshTypedParamFormat);
}

static bool cmdMemtune(vshControl *ctl, const vshCmd *cmd)
{
    return printTune(ctl, cmd, virDomainGetMemoryParameters, "memory", memtuneFormat);
}

static bool cmdNumatune(vshControl *ctl, const vshCmd *cmd)
{
    return printTune(ctl, cmd, virDomainGetNumaParameters, "numa", numatuneFormat);
}

static bool cmdIothreadinfo(vshControl *ctl, const vshCmd *cmd)
{
    static const char *const titles[] = { "IOThread ID", "CPU Affinity" };
    virDomainPtr dom;
    virDomainIOThreadInfoPtr *info = NULL;
    vshTable *table = NULL;
    unsigned int flags;
    int n = 0;
    bool ok = false;

    if (!vshAffectFlags(ctl, cmd, &flags))
        return false;
    if (!(dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY)))
        return false;
    if ((n = virDomainGetIOThreadInfo(dom, &info, flags)) < 0) {
        vshError(ctl, "%s", "Unable to get domain IOThreads information");
        n = 0;
        goto cleanup;
    }
    if (n == 0) {
        vshPrintExtra(ctl, "%s", "No IOThreads found for the domain");
        ok = true;
        goto cleanup;
    }
    if (!(table = vshTableNew(titles, 2)))
        goto cleanup;
    for (int i = 0; i < n; i++) {
        char id[16], cpus[4096];
        const char *cells[2] = { id, cpus };
        snprintf(id, sizeof(id), "%u", info[i]->iothread_id);
        vshFormatCpuMap(info[i]->cpumap, info[i]->cpumaplen * 8, cpus, sizeof(cpus));
        if (vshTableRowAdd(table, cells) < 0)
            goto cleanup;
    }
    vshTablePrint(ctl, table);
    ok = true;

 cleanup:
    vshTableFree(table);
    for (int i = 0; i < n; i++)
        virDomainIOThreadInfoFree(info[i]);
    free(info);
    virDomainFree(dom);
    return ok;
}

static bool cmdDomdisplay(vshControl *ctl, const vshCmd *cmd)
{
    static const char *const base = "/domain/devices/graphics";
    virDomainPtr dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY);
    const char *only = vshOptString(cmd, "type");
    char *xml = NULL;
    vshXml *x = NULL;
    bool ok = false;
    int n;

    if (!dom)
        return false;
    if (!(xml = virDomainGetXMLDesc(dom, vshOptBool(cmd, "include-password") ? VIR_DOMAIN_XML_SECURE : 0)) ||
        !(x = vshXmlParse(ctl, xml)))
        goto cleanup;
    n = vshXmlCount(x, base);
    for (int i = 0; i < n && !ok; i++) {
        char *type = vshXmlString(x, base, i, "string(@type)");
        char *port = vshXmlString(x, base, i, "string(@port)");
        char *listen = vshXmlString(x, base, i, "string(@listen)");
        if (type && port && atoi(port) > 0 && (!only || strcmp(only, type) == 0)) {
            const char *host = !listen || strcmp(listen, "0.0.0.0") == 0 ? "localhost" : listen;
            int p = atoi(port);
            vshPrint(ctl, "%s://%s:%d\n", type, host, strcmp(type, "vnc") == 0 ? p - 5900 : p);
            ok = true;
        }
        free(type);
        free(port);
        free(listen);
    }
    if (!ok)
        vshError(ctl, "%s", "No graphical display found");

 cleanup:
    vshXmlFree(x);
    free(xml);
    virDomainFree(dom);
    return ok;
}

static bool cmdDomdirtyrateCalc(vshControl *ctl, const vshCmd *cmd)
{
    const char *mode = vshOptString(cmd, "mode");
    unsigned int flags = 0;
    int seconds = 1;
    virDomainPtr dom;
    bool ok;

    if (vshOptInt(ctl, cmd, "seconds", &seconds) < 0)
        return false;
    if (mode) {
        if (strcmp(mode, "page-sampling") == 0)
            flags = VIR_DOMAIN_DIRTYRATE_MODE_PAGE_SAMPLING;
        else if (strcmp(mode, "dirty-bitmap") == 0)
            flags = VIR_DOMAIN_DIRTYRATE_MODE_DIRTY_BITMAP;
        else if (strcmp(mode, "dirty-ring") == 0)
            flags = VIR_DOMAIN_DIRTYRATE_MODE_DIRTY_RING;
        else {
            vshError(ctl, "Invalid mode '%s'", mode);
            return false;
        }
    }
    if (!(dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY)))
        return false;
    if ((ok = virDomainStartDirtyRateCalc(dom, seconds, flags) == 0))
        vshPrintExtra(ctl, "%s\n", "Start to calculate domain's memory dirty rate successfully.");
    virDomainFree(dom);
    return ok;
}

/* guestinfo, domlaunchsecinfo: typed parameters, one a line. */
static void printParams(vshControl *ctl, const virTypedParameter *params, int n, int width)
{
    for (int i = 0; i < n; i++) {
        char value[1024];
        vshTypedParamFormat(&params[i], value, sizeof(value));
        vshPrint(ctl, "%-*s: %s\n", width, params[i].field, value);
    }
}

static bool cmdGuestinfo(vshControl *ctl, const vshCmd *cmd)
{
    static const struct {
        const char *option;
        unsigned int type;
    } kinds[] = {
        { "user", VIR_DOMAIN_GUEST_INFO_USERS }, { "os", VIR_DOMAIN_GUEST_INFO_OS },
        { "timezone", VIR_DOMAIN_GUEST_INFO_TIMEZONE }, { "hostname", VIR_DOMAIN_GUEST_INFO_HOSTNAME },
        { "filesystem", VIR_DOMAIN_GUEST_INFO_FILESYSTEM }, { "disk", VIR_DOMAIN_GUEST_INFO_DISKS },
        { "interface", VIR_DOMAIN_GUEST_INFO_INTERFACES },
    };
    virDomainPtr dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY);
    virTypedParameterPtr params = NULL;
    unsigned int types = 0;
    int n = 0;
    bool ok = false;

    if (!dom)
        return false;
    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
        if (vshOptBool(cmd, kinds[i].option))
            types |= kinds[i].type;
    if (virDomainGetGuestInfo(dom, types, &params, &n, 0) == 0) {
        printParams(ctl, params, n, 20);
        ok = true;
    }
    virTypedParamsFree(params, n);
    virDomainFree(dom);
    return ok;
}

static bool cmdDomlaunchsecinfo(vshControl *ctl, const vshCmd *cmd)
{
    virDomainPtr dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY);
    virTypedParameterPtr params = NULL;
    int n = 0;
    bool ok = false;

    if (!dom)
        return false;
    if (virDomainGetLaunchSecurityInfo(dom, &params, &n, 0) < 0) {
        vshError(ctl, "%s", "Unable to get launch security parameters");
    } else {
        printParams(ctl, params, n, 15);
        ok = true;
    }
    virTypedParamsFree(params, n);
    virDomainFree(dom);
    return ok;
}

static bool cmdDomxmlToNative(vshControl *ctl, const vshCmd *cmd)
{
    const char *file = vshOptString(cmd, "xml"), *name = vshOptString(cmd, "domain");
    char *xml = NULL, *native = NULL;
    bool ok = false;

    if (file && name) {
        vshError(ctl, "%s", "Options --domain and --xml are mutually exclusive");
        return false;
    }
    if (!file && !name) {
        vshError(ctl, "%s", "Exactly one of --domain or --xml must be given");
        return false;
    }
    if (file) {
        xml = vshReadFile(ctl, file);
    } else {
        virDomainPtr dom = vshLookupDomain(ctl, name, VSH_BYANY);
        if (dom) {
            xml = virDomainGetXMLDesc(dom, 0);
            virDomainFree(dom);
        }
    }
    if (xml && (native = virConnectDomainXMLToNative(ctl->conn, vshOptString(cmd, "format"), xml, 0))) {
        vshPrint(ctl, "%s", native);
        ok = true;
    }
    free(native);
    free(xml);
    return ok;
}

static const vshOptDef optsDomain[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain name, id or uuid", VSH_COMP_DOMAIN },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsDomid[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain name or uuid", VSH_COMP_DOMAIN },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsDomname[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain id or uuid", VSH_COMP_DOMAIN },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsDomuuid[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain id or name", VSH_COMP_DOMAIN },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsDumpxml[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain name, id or uuid", VSH_COMP_DOMAIN },
    { "inactive", VSH_OT_BOOL, 0, "show inactive defined XML", VSH_COMP_NONE },
    { "security-info", VSH_OT_BOOL, 0, "include security sensitive information in XML dump", VSH_COMP_NONE },
    { "update-cpu", VSH_OT_BOOL, 0, "update guest CPU according to host CPU", VSH_COMP_NONE },
    { "migratable", VSH_OT_BOOL, 0, "provide XML suitable for migrations", VSH_COMP_NONE },
    { "xpath", VSH_OT_STRING, 0, "xpath expression to filter the XML document", VSH_COMP_NONE },
    { "wrap", VSH_OT_BOOL, 0, "wrap xpath results in an common root element", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsVcpupin[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain name, id or uuid", VSH_COMP_DOMAIN },
    { "vcpu", VSH_OT_INT, VSH_OFLAG_POS, "vcpu number", VSH_COMP_NONE },
    { "cpulist", VSH_OT_STRING, VSH_OFLAG_POS, "host cpu number(s) to set, or omit option to query", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsSchedinfo[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain name, id or uuid", VSH_COMP_DOMAIN },
    { "weight", VSH_OT_INT, 0, "weight for XEN_CREDIT", VSH_COMP_NONE },
    { "cap", VSH_OT_INT, 0, "cap for XEN_CREDIT", VSH_COMP_NONE },
    { "set", VSH_OT_ARGV, VSH_OFLAG_POS, "parameter=value", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsVcpucount[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain name, id or uuid", VSH_COMP_DOMAIN },
    { "maximum", VSH_OT_BOOL, 0, "get maximum count of vcpus", VSH_COMP_NONE },
    { "active", VSH_OT_BOOL, 0, "get number of currently active vcpus", VSH_COMP_NONE },
    { "live", VSH_OT_BOOL, 0, "get value from running domain", VSH_COMP_NONE },
    { "config", VSH_OT_BOOL, 0, "get value to be used on next boot", VSH_COMP_NONE },
    { "current", VSH_OT_BOOL, 0, "get value according to current domain state", VSH_COMP_NONE },
    { "guest", VSH_OT_BOOL, 0, "retrieve vcpu count from the guest instead of the hypervisor", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsEmulatorpin[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain name, id or uuid", VSH_COMP_DOMAIN },
    { "cpulist", VSH_OT_STRING, VSH_OFLAG_POS, "host cpu number(s) to set, or omit option to query", VSH_COMP_NONE },
    { "config", VSH_OT_BOOL, 0, "affect next boot", VSH_COMP_NONE },
    { "live", VSH_OT_BOOL, 0, "affect running domain", VSH_COMP_NONE },
    { "current", VSH_OT_BOOL, 0, "affect current domain", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsDomhostname[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain name, id or uuid", VSH_COMP_DOMAIN },
    { "source", VSH_OT_STRING, 0, "address source: 'lease' or 'agent'", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsDomjobinfo[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain name, id or uuid", VSH_COMP_DOMAIN },
    { "completed", VSH_OT_BOOL, 0, "return statistics of a recently completed job", VSH_COMP_NONE },
    { "keep-completed", VSH_OT_BOOL, 0, "don't destroy statistics of a recently completed job when reading", VSH_COMP_NONE },
    { "anystats", VSH_OT_BOOL, 0, "print statistics for any kind of job (even failed ones)", VSH_COMP_NONE },
    { "rawstats", VSH_OT_BOOL, 0, "print the raw data returned by libvirt", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsDesc[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain name, id or uuid", VSH_COMP_DOMAIN },
    { "live", VSH_OT_BOOL, 0, "modify/get running state", VSH_COMP_NONE },
    { "config", VSH_OT_BOOL, 0, "modify/get persistent configuration", VSH_COMP_NONE },
    { "current", VSH_OT_BOOL, 0, "modify/get current state configuration", VSH_COMP_NONE },
    { "title", VSH_OT_BOOL, 0, "modify/get the title instead of description", VSH_COMP_NONE },
    { "edit", VSH_OT_BOOL, 0, "open an editor to modify the description", VSH_COMP_NONE },
    { "new-desc", VSH_OT_ARGV, VSH_OFLAG_POS, "message", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsMetadata[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain name, id or uuid", VSH_COMP_DOMAIN },
    { "uri", VSH_OT_STRING, VSH_OFLAG_REQ, "URI of the namespace", VSH_COMP_NONE },
    { "live", VSH_OT_BOOL, 0, "modify/get running state", VSH_COMP_NONE },
    { "config", VSH_OT_BOOL, 0, "modify/get persistent configuration", VSH_COMP_NONE },
    { "current", VSH_OT_BOOL, 0, "modify/get current state configuration", VSH_COMP_NONE },
    { "edit", VSH_OT_BOOL, 0, "use an editor to change the metadata", VSH_COMP_NONE },
    { "key", VSH_OT_STRING, 0, "key to be used as a namespace identifier", VSH_COMP_NONE },
    { "set", VSH_OT_STRING, 0, "new metadata to set", VSH_COMP_NONE },
    { "remove", VSH_OT_BOOL, 0, "remove the metadata corresponding to an uri", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsTune[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain name, id or uuid", VSH_COMP_DOMAIN },
    { "config", VSH_OT_BOOL, 0, "affect next boot", VSH_COMP_NONE },
    { "live", VSH_OT_BOOL, 0, "affect running domain", VSH_COMP_NONE },
    { "current", VSH_OT_BOOL, 0, "affect current domain", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsIothreadinfo[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain name, id or uuid", VSH_COMP_DOMAIN },
    { "config", VSH_OT_BOOL, 0, "affect next boot", VSH_COMP_NONE },
    { "live", VSH_OT_BOOL, 0, "affect running domain", VSH_COMP_NONE },
    { "current", VSH_OT_BOOL, 0, "affect current domain", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsDomdisplay[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain name, id or uuid", VSH_COMP_DOMAIN },
    { "include-password", VSH_OT_BOOL, 0, "includes the password into the connection URI if available", VSH_COMP_NONE },
    { "type", VSH_OT_STRING, 0, "select particular graphical display (e.g. \"vnc\", \"spice\", \"rdp\", \"dbus\")", VSH_COMP_NONE },
    { "all", VSH_OT_BOOL, 0, "show all possible graphical displays", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsDomdirtyrateCalc[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain name, id or uuid", VSH_COMP_DOMAIN },
    { "seconds", VSH_OT_INT, 0, "calculate memory dirty rate within specified seconds, the supported value range from 1 to 60, default to 1.", VSH_COMP_NONE },
    { "mode", VSH_OT_STRING, 0, "dirty page rate calculation mode, either of these 3 options 'page-sampling, dirty-bitmap, dirty-ring' can be specified.", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsGuestinfo[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain name, id or uuid", VSH_COMP_DOMAIN },
    { "user", VSH_OT_BOOL, 0, "report active users", VSH_COMP_NONE },
    { "os", VSH_OT_BOOL, 0, "report operating system information", VSH_COMP_NONE },
    { "timezone", VSH_OT_BOOL, 0, "report timezone information", VSH_COMP_NONE },
    { "hostname", VSH_OT_BOOL, 0, "report hostname", VSH_COMP_NONE },
    { "filesystem", VSH_OT_BOOL, 0, "report filesystem information", VSH_COMP_NONE },
    { "disk", VSH_OT_BOOL, 0, "report disk information", VSH_COMP_NONE },
    { "interface", VSH_OT_BOOL, 0, "report interface information", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsDomxmlToNative[] = {
    { "format", VSH_OT_STRING, VSH_OFLAG_REQ, "target config data type format", VSH_COMP_NONE },
    { "domain", VSH_OT_STRING, 0, "domain name, id or uuid", VSH_COMP_DOMAIN },
    { "xml", VSH_OT_STRING, 0, "xml data file to export from", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

const vshCmdDef vshDomainQueryCmds[] = {
    { "domdirtyrate-calc", cmdDomdirtyrateCalc, optsDomdirtyrateCalc, "Calculate a vm's memory dirty rate",
      "Calculate memory dirty rate of a domain in order to decide whether it's proper to be migrated out or not.\n"
      "The calculated dirty rate information is available by calling 'domstats --dirtyrate'.", 0 },
    { "domlaunchsecinfo", cmdDomlaunchsecinfo, optsDomain, "Get domain launch security info",
      "Get the launch security parameters for a guest domain", 0 },
    { "domxml-to-native", cmdDomxmlToNative, optsDomxmlToNative, "Convert domain XML to native config",
      "Convert domain XML config to a native guest configuration format.", 0 },
    { "guestinfo", cmdGuestinfo, optsGuestinfo, "query information about the guest (via agent)",
      "Use the guest agent to query various information from guest's point of view", 0 },
    { "blkiotune", cmdBlkiotune, optsTune, "Get or set blkio parameters",
      "Get or set the current blkio parameters for a guest domain.", 0 },
    { "domdisplay", cmdDomdisplay, optsDomdisplay, "domain display connection URI",
      "Output the IP address and port number for the graphical display.", 0 },
    { "iothreadinfo", cmdIothreadinfo, optsIothreadinfo, "view domain IOThreads",
      "Returns basic information about the domain IOThreads.", 0 },
    { "memtune", cmdMemtune, optsTune, "Get or set memory parameters",
      "Get or set the current memory parameters for a guest domain.", 0 },
    { "numatune", cmdNumatune, optsTune, "Get or set numa parameters",
      "Get or set the current numa parameters for a guest domain.", 0 },
    { "desc", cmdDesc, optsDesc, "show or set domain's description or title",
      "Allows setting or modifying the description or title of a domain.", 0 },
    { "domfsinfo", cmdDomfsinfo, optsDomain, "Get information of domain's mounted filesystems.",
      "Get information of domain's mounted filesystems.", 0 },
    { "domhostname", cmdDomhostname, optsDomhostname, "print the domain's hostname", "", 0 },
    { "domjobinfo", cmdDomjobinfo, optsDomjobinfo, "domain job information",
      "Returns information about jobs running on a domain.", 0 },
    { "emulatorpin", cmdEmulatorpin, optsEmulatorpin, "control or query domain emulator affinity",
      "Pin domain emulator threads to host physical CPUs.", 0 },
    { "metadata", cmdMetadata, optsMetadata, "show or set domain's custom XML metadata",
      "Shows or modifies the XML metadata of a domain.", 0 },
    { "vcpucount", cmdVcpucount, optsVcpucount, "domain vcpu counts",
      "Returns the number of virtual CPUs used by the domain.", 0 },
    { "domid", cmdDomid, optsDomid, "convert a domain name or UUID to domain id", "", 0 },
    { "domname", cmdDomname, optsDomname, "convert a domain id or UUID to domain name", "", 0 },
    { "domuuid", cmdDomuuid, optsDomuuid, "convert a domain name or id to domain UUID", "", 0 },
    { "dumpxml", cmdDumpxml, optsDumpxml, "domain information in XML",
      "Output the domain information as an XML dump to stdout.", 0 },
    { "schedinfo", cmdSchedinfo, optsSchedinfo, "show/set scheduler parameters",
      "Show/Set scheduler parameters.", 0 },
    { "ttyconsole", cmdTtyconsole, optsDomain, "tty console",
      "Output the device for the TTY console.", 0 },
    { "vcpuinfo", cmdVcpuinfo, optsDomain, "detailed domain vcpu information",
      "Returns basic information about the domain virtual CPUs.", 0 },
    { "vcpupin", cmdVcpupin, optsVcpupin, "control or query domain vcpu affinity",
      "Pin domain VCPUs to host physical CPUs.", 0 },
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
