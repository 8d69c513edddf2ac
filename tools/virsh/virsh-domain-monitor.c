/* virsh-domain-monitor.c: the "Domain Monitoring" group: list, dominfo,
 * domstate, domblkstat, domifstat. Their layouts are what scripts parse,
 * so they follow libvirt's virsh column for column. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "vsh.h"

/* One row of 'list'. */
typedef struct {
    virDomainPtr dom;
    unsigned int id;        /* (unsigned)-1 when inactive */
    const char *name;
} listRow;

static int rowCompare(const void *a, const void *b)
{
    const listRow *x = a, *y = b;
    bool xa = x->id != (unsigned int)-1, ya = y->id != (unsigned int)-1;
    if (xa != ya)
        return xa ? -1 : 1;
    if (xa)
        return x->id < y->id ? -1 : x->id > y->id;
    return strcmp(x->name, y->name);
}

static int rowsAdd(listRow **rows, size_t *n, virDomainPtr dom)
{
    listRow *nr = realloc(*rows, (*n + 1) * sizeof(*nr));
    if (!nr) {
        virDomainFree(dom);
        return -1;
    }
    *rows = nr;
    nr[*n].dom = dom;
    nr[*n].id = virDomainGetID(dom);
    nr[*n].name = virDomainGetName(dom);
    (*n)++;
    return 0;
}

/* Older drivers lack virConnectListAllDomains: build the list from ids
 * of running domains and names of defined ones. */
static int collectOldStyle(vshControl *ctl, bool active, bool inactive,
                           listRow **rows, size_t *n)
{
    int count, *ids = NULL;
    char **names = NULL;
    int ret = -1;

    if (active) {
        if ((count = virConnectNumOfDomains(ctl->conn)) < 0)
            goto cleanup;
        if (count && !(ids = calloc(count, sizeof(*ids))))
            goto cleanup;
        if (count && (count = virConnectListDomains(ctl->conn, ids, count)) < 0)
            goto cleanup;
        for (int i = 0; i < count; i++) {
            virDomainPtr dom = virDomainLookupByID(ctl->conn, ids[i]);
            if (!dom)
                continue;   /* it went away meanwhile */
            if (rowsAdd(rows, n, dom) < 0)
                goto cleanup;
        }
    }
    if (inactive) {
        if ((count = virConnectNumOfDefinedDomains(ctl->conn)) < 0)
            goto cleanup;
        if (count && !(names = calloc(count, sizeof(*names))))
            goto cleanup;
        if (count && (count = virConnectListDefinedDomains(ctl->conn, names, count)) < 0)
            goto cleanup;
        for (int i = 0; i < count; i++) {
            virDomainPtr dom = virDomainLookupByName(ctl->conn, names[i]);
            free(names[i]);
            names[i] = NULL;
            if (dom && rowsAdd(rows, n, dom) < 0)
                goto cleanup;
        }
    }
    vshResetError();
    ret = 0;

 cleanup:
    free(ids);
    if (names) {
        for (int i = 0; i < count; i++)
            free(names[i]);
        free(names);
    }
    return ret;
}

/* The filters of 'list', each an option and its listing flag. */
static const struct {
    const char *option;
    unsigned int flag;
} listFilters[] = {
    { "transient", VIR_CONNECT_LIST_DOMAINS_TRANSIENT },
    { "persistent", VIR_CONNECT_LIST_DOMAINS_PERSISTENT },
    { "with-snapshot", VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT },
    { "without-snapshot", VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT },
    { "with-checkpoint", VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT },
    { "without-checkpoint", VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT },
    { "state-running", VIR_CONNECT_LIST_DOMAINS_RUNNING },
    { "state-paused", VIR_CONNECT_LIST_DOMAINS_PAUSED },
    { "state-shutoff", VIR_CONNECT_LIST_DOMAINS_SHUTOFF },
    { "state-other", VIR_CONNECT_LIST_DOMAINS_OTHER },
    { "autostart", VIR_CONNECT_LIST_DOMAINS_AUTOSTART },
    { "no-autostart", VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART },
    { "with-managed-save", VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE },
    { "without-managed-save", VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE },
};

#define LIST_STATE_FILTERS (VIR_CONNECT_LIST_DOMAINS_RUNNING | VIR_CONNECT_LIST_DOMAINS_PAUSED | \
                            VIR_CONNECT_LIST_DOMAINS_SHUTOFF | VIR_CONNECT_LIST_DOMAINS_OTHER)

/* The first line of the domain's title, or "" (the Title column). */
static char *domainTitle(virDomainPtr dom)
{
    char *title = virDomainGetMetadata(dom, VIR_DOMAIN_METADATA_TITLE, NULL, 0);

    vshResetError();
    if (!title)
        return strdup("");
    title[strcspn(title, "\n")] = '\0';
    return title;
}

static bool listTable(vshControl *ctl, const vshCmd *cmd, listRow *rows, size_t n)
{
    static const char *const titles[] = { "Id", "Name", "State", "Title" };
    bool withTitle = vshOptBool(cmd, "title"), markSaved = vshOptBool(cmd, "managed-save");
    vshTable *table = vshTableNew(titles, withTitle ? 4 : 3);
    bool ok = false;

    if (!table)
        return false;
    for (size_t i = 0; i < n; i++) {
        virDomainInfo info;
        char id[16];
        const char *cells[4] = { id, rows[i].name, "no state", "" };
        char *title = NULL;
        int rc;

        if (rows[i].id == (unsigned int)-1)
            strcpy(id, "-");
        else
            snprintf(id, sizeof(id), "%u", rows[i].id);
        if (virDomainGetInfo(rows[i].dom, &info) == 0) {
            cells[2] = vshDomainStateName(info.state);
            if (markSaved && info.state == VIR_DOMAIN_SHUTOFF &&
                virDomainHasManagedSaveImage(rows[i].dom, 0) > 0)
                cells[2] = "saved";
        }
        if (withTitle && !(cells[3] = title = domainTitle(rows[i].dom)))
            goto cleanup;
        rc = vshTableRowAdd(table, cells);
        free(title);
        if (rc < 0)
            goto cleanup;
    }
    vshTablePrint(ctl, table);
    vshResetError();
    ok = true;

 cleanup:
    vshTableFree(table);
    return ok;
}

static bool cmdList(vshControl *ctl, const vshCmd *cmd)
{
    bool all = vshOptBool(cmd, "all"), inactiveOnly = vshOptBool(cmd, "inactive");
    bool optId = vshOptBool(cmd, "id"), optUuid = vshOptBool(cmd, "uuid");
    bool optName = vshOptBool(cmd, "name");
    unsigned int flags = 0;
    virDomainPtr *doms = NULL;
    listRow *rows = NULL;
    size_t n = 0;
    int got;
    bool ok = false;

    if (vshOptBool(cmd, "table")) {
        const char *other = optName ? "name" : optUuid ? "uuid" : optId ? "id" : NULL;
        if (other) {
            vshError(ctl, "Options --table and --%s are mutually exclusive", other);
            return false;
        }
    }
    if (inactiveOnly)
        flags |= VIR_CONNECT_LIST_DOMAINS_INACTIVE;
    if (all)
        flags |= VIR_CONNECT_LIST_DOMAINS_INACTIVE | VIR_CONNECT_LIST_DOMAINS_ACTIVE;
    for (size_t i = 0; i < sizeof(listFilters) / sizeof(listFilters[0]); i++)
        if (vshOptBool(cmd, listFilters[i].option))
            flags |= listFilters[i].flag;
    /* without a state asked for, only running domains are listed */
    if (!(flags & (LIST_STATE_FILTERS | VIR_CONNECT_LIST_DOMAINS_INACTIVE)))
        flags |= VIR_CONNECT_LIST_DOMAINS_ACTIVE;
    if ((flags & (VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_INACTIVE)) ==
        (VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_INACTIVE))
        flags &= ~(VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_INACTIVE);

    got = virConnectListAllDomains(ctl->conn, &doms, flags);
    if (got >= 0) {
        for (int i = 0; i < got; i++)
            if (rowsAdd(&rows, &n, doms[i]) < 0)
                goto cleanup;
    } else {
        virErrorPtr err = virGetLastError();
        bool active = !(flags & VIR_CONNECT_LIST_DOMAINS_INACTIVE);
        bool inactive = !(flags & VIR_CONNECT_LIST_DOMAINS_ACTIVE);
        if (!err || err->code != VIR_ERR_NO_SUPPORT)
            goto cleanup;
        if (collectOldStyle(ctl, active, inactive, &rows, &n) < 0)
            goto cleanup;
    }
    if (n > 1)   /* qsort's array argument must not be NULL, even for 0 items */
        qsort(rows, n, sizeof(*rows), rowCompare);

    if (optId || optUuid || optName) {
        for (size_t i = 0; i < n; i++) {
            char uuid[VIR_UUID_STRING_BUFLEN] = "";
            const char *sep = "";
            if (optId && rows[i].id == (unsigned int)-1 && !optUuid && !optName)
                continue;       /* --id alone lists running domains only */
            if (optUuid) {
                virDomainGetUUIDString(rows[i].dom, uuid);
                vshPrint(ctl, "%s", uuid);
                sep = " ";
            }
            if (optId) {
                if (rows[i].id == (unsigned int)-1)
                    vshPrint(ctl, "%s-", sep);
                else
                    vshPrint(ctl, "%s%u", sep, rows[i].id);
                sep = " ";
            }
            if (optName)
                vshPrint(ctl, "%s%s", sep, rows[i].name);
            vshPrint(ctl, "\n");
        }
        ok = true;
        goto cleanup;
    }
    ok = listTable(ctl, cmd, rows, n);

 cleanup:
    for (size_t i = 0; i < n; i++)
        virDomainFree(rows[i].dom);
    free(rows);
    free(doms);
    return ok;
}

/* The security lines of dominfo, as libvirt's virsh prints them: none
 * when the driver has no security model; a label only for a running
 * domain. A driver without the call is not an error. */
static bool dominfoSecurity(vshControl *ctl, virDomainPtr dom)
{
    virSecurityModel model;
    virSecurityLabel label;

    memset(&model, 0, sizeof(model));
    if (virNodeGetSecurityModel(virDomainGetConnect(dom), &model) < 0) {
        virErrorPtr err = virGetLastError();
        if (err && err->code != VIR_ERR_NO_SUPPORT)
            return false;
        vshResetError();
        return true;
    }
    if (!model.model[0])
        return true;
    vshPrint(ctl, "%-15s %s\n", "Security model:", model.model);
    vshPrint(ctl, "%-15s %s\n", "Security DOI:", model.doi);
    memset(&label, 0, sizeof(label));
    if (virDomainGetSecurityLabel(dom, &label) < 0)
        return false;
    if (label.label[0])
        vshPrint(ctl, "%-15s %s (%s)\n", "Security label:", label.label,
                 label.enforcing ? "enforcing" : "permissive");
    return true;
}

static bool cmdDominfo(vshControl *ctl, const vshCmd *cmd)
{
    virDomainPtr dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY);
    virDomainInfo info;
    char uuid[VIR_UUID_STRING_BUFLEN];
    unsigned int id;
    char *ostype;
    int persistent, autostart;

    if (!dom)
        return false;
    id = virDomainGetID(dom);
    if (id == (unsigned int)-1)
        vshPrint(ctl, "%-15s %s\n", "Id:", "-");
    else
        vshPrint(ctl, "%-15s %u\n", "Id:", id);
    vshPrint(ctl, "%-15s %s\n", "Name:", virDomainGetName(dom));
    if (virDomainGetUUIDString(dom, uuid) == 0)
        vshPrint(ctl, "%-15s %s\n", "UUID:", uuid);
    if ((ostype = virDomainGetOSType(dom))) {
        vshPrint(ctl, "%-15s %s\n", "OS Type:", ostype);
        free(ostype);
    }
    if (virDomainGetInfo(dom, &info) == 0) {
        vshPrint(ctl, "%-15s %s\n", "State:", vshDomainStateName(info.state));
        vshPrint(ctl, "%-15s %d\n", "CPU(s):", info.nrVirtCpu);
        if (info.cpuTime != 0)
            vshPrint(ctl, "%-15s %.1lfs\n", "CPU time:", info.cpuTime / 1e9);
        if (info.maxMem != (unsigned long)-1)
            vshPrint(ctl, "%-15s %lu KiB\n", "Max memory:", info.maxMem);
        else
            vshPrint(ctl, "%-15s %s\n", "Max memory:", "no limit");
        vshPrint(ctl, "%-15s %lu KiB\n", "Used memory:", info.memory);
    }
    persistent = virDomainIsPersistent(dom);
    vshPrint(ctl, "%-15s %s\n", "Persistent:",
             persistent < 0 ? "unknown" : persistent ? "yes" : "no");
    if (virDomainGetAutostart(dom, &autostart) == 0)
        vshPrint(ctl, "%-15s %s\n", "Autostart:", autostart ? "enable" : "disable");
    int msave = virDomainHasManagedSaveImage(dom, 0);
    vshPrint(ctl, "%-15s %s\n", "Managed save:",
             msave < 0 ? "unknown" : msave ? "yes" : "no");
    vshResetError();
    bool ok = dominfoSecurity(ctl, dom);
    virDomainFree(dom);
    return ok;
}

static const char *reasonName(int state, int reason)
{
    static const char *const running[] = { "unknown", "booted", "migrated", "restored",
        "from snapshot", "unpaused", "migration canceled", "save canceled",
        "event wakeup", "crashed", "post-copy", "post-copy failed" };
    static const char *const paused[] = { "unknown", "user", "migrating", "saving",
        "dumping", "I/O error", "watchdog", "from snapshot", "shutting down",
        "creating snapshot", "crashed", "starting up", "post-copy", "post-copy failed" };
    static const char *const shutoff[] = { "unknown", "shutdown", "destroyed", "crashed",
        "migrated", "saved", "failed", "from snapshot", "daemon" };
    static const char *const shutdown[] = { "unknown", "user" };
    static const char *const crashed[] = { "unknown", "panicked" };
#define PICK(tab) (reason >= 0 && (size_t)reason < sizeof(tab) / sizeof(tab[0]) ? tab[reason] : "unknown")
    switch (state) {
    case VIR_DOMAIN_RUNNING: return PICK(running);
    case VIR_DOMAIN_PAUSED: return PICK(paused);
    case VIR_DOMAIN_SHUTOFF: return PICK(shutoff);
    case VIR_DOMAIN_SHUTDOWN: return PICK(shutdown);
    case VIR_DOMAIN_CRASHED: return PICK(crashed);
    default: return "unknown";
    }
#undef PICK
}

static bool cmdDomstate(vshControl *ctl, const vshCmd *cmd)
{
    virDomainPtr dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY);
    int state, reason = 0;
    bool ok = true;

    if (!dom)
        return false;
    if (virDomainGetState(dom, &state, &reason, 0) < 0) {
        virDomainInfo info;
        /* fall back for drivers without the newer call */
        if (virDomainGetInfo(dom, &info) < 0) {
            ok = false;
            goto cleanup;
        }
        vshResetError();
        state = info.state;
        reason = 0;
    }
    if (vshOptBool(cmd, "reason"))
        vshPrint(ctl, "%s (%s)\n", vshDomainStateName(state), reasonName(state, reason));
    else
        vshPrint(ctl, "%s\n", vshDomainStateName(state));

 cleanup:
    virDomainFree(dom);
    return ok;
}

static bool cmdDomblkstat(vshControl *ctl, const vshCmd *cmd)
{
    const char *name, *device = vshOptString(cmd, "device");
    virDomainPtr dom = vshCommandDomain(ctl, cmd, &name, VSH_BYANY);
    virDomainBlockStatsStruct st;
    bool ok = false;

    if (!dom)
        return false;
    if (!device)
        device = "";
    if (virDomainBlockStats(dom, device, &st, sizeof(st)) < 0) {
        vshError(ctl, "Failed to get block stats %s %s", name, device);
        goto cleanup;
    }
    if (st.rd_req >= 0)
        vshPrint(ctl, "%s rd_req %lld\n", device, st.rd_req);
    if (st.rd_bytes >= 0)
        vshPrint(ctl, "%s rd_bytes %lld\n", device, st.rd_bytes);
    if (st.wr_req >= 0)
        vshPrint(ctl, "%s wr_req %lld\n", device, st.wr_req);
    if (st.wr_bytes >= 0)
        vshPrint(ctl, "%s wr_bytes %lld\n", device, st.wr_bytes);
    if (st.errs >= 0)
        vshPrint(ctl, "%s errs %lld\n", device, st.errs);
    ok = true;

 cleanup:
    virDomainFree(dom);
    return ok;
}

static bool cmdDomifstat(vshControl *ctl, const vshCmd *cmd)
{
    const char *name, *device = vshOptString(cmd, "interface");
    virDomainPtr dom = vshCommandDomain(ctl, cmd, &name, VSH_BYANY);
    virDomainInterfaceStatsStruct st;
    bool ok = false;

    if (!dom)
        return false;
    if (virDomainInterfaceStats(dom, device, &st, sizeof(st)) < 0) {
        vshError(ctl, "Failed to get interface stats %s %s", name, device);
        goto cleanup;
    }
    {
        const struct { const char *label; long long v; } f[] = {
            { "rx_bytes", st.rx_bytes }, { "rx_packets", st.rx_packets },
            { "rx_errs", st.rx_errs }, { "rx_drop", st.rx_drop },
            { "tx_bytes", st.tx_bytes }, { "tx_packets", st.tx_packets },
            { "tx_errs", st.tx_errs }, { "tx_drop", st.tx_drop },
        };
        for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
            if (f[i].v >= 0)
                vshPrint(ctl, "%s %s %lld\n", device, f[i].label, f[i].v);
    }
    ok = true;

 cleanup:
    virDomainFree(dom);
    return ok;
}

/* The domain's XML (inactive definition with --inactive), parsed. */
static vshXml *domainXml(vshControl *ctl, virDomainPtr dom, bool inactive)
{
    char *text = virDomainGetXMLDesc(dom, inactive ? VIR_DOMAIN_XML_INACTIVE : 0);
    vshXml *x;

    if (!text)
        return NULL;
    x = vshXmlParse(ctl, text);
    free(text);
    return x;
}

static bool cmdDomblklist(vshControl *ctl, const vshCmd *cmd)
{
    static const char *const titles[] = { "Type", "Device", "Target", "Source" };
    bool details = vshOptBool(cmd, "details");
    virDomainPtr dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY);
    vshTable *table = NULL;
    vshXml *x = NULL;
    bool ok = false;
    int n;

    if (!dom)
        return false;
    if (!(x = domainXml(ctl, dom, vshOptBool(cmd, "inactive"))))
        goto cleanup;
    if (!(table = details ? vshTableNew(titles, 4) : vshTableNew(titles + 2, 2)))
        goto cleanup;
    n = vshXmlCount(x, "/domain/devices/disk");
    for (int i = 0; i < n; i++) {
        char *type = vshXmlString(x, "/domain/devices/disk", i, "string(@type)");
        char *device = vshXmlString(x, "/domain/devices/disk", i, "string(@device)");
        char *target = vshXmlString(x, "/domain/devices/disk", i, "string(./target/@dev)");
        char *source = vshXmlString(x, "/domain/devices/disk", i,
                                    "concat(./source/@file, ./source/@dev, ./source/@dir, "
                                    "./source/@name, ./source/@volume)");
        const char *cells[4] = { type, device, target, source ? source : "-" };
        int rc = 0;
        if (!target) {
            vshError(ctl, "%s", "unable to query block list");
            rc = -1;
        } else {
            rc = vshTableRowAdd(table, details ? cells : cells + 2);
        }
        free(type);
        free(device);
        free(target);
        free(source);
        if (rc < 0)
            goto cleanup;
    }
    vshTablePrint(ctl, table);
    ok = true;

 cleanup:
    vshTableFree(table);
    vshXmlFree(x);
    virDomainFree(dom);
    return ok;
}

static bool cmdDomiflist(vshControl *ctl, const vshCmd *cmd)
{
    static const char *const titles[] = { "Interface", "Type", "Source", "Model", "MAC" };
    static const char *const base = "/domain/devices/interface";
    virDomainPtr dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY);
    vshTable *table = NULL;
    vshXml *x = NULL;
    bool ok = false;
    int n;

    if (!dom)
        return false;
    if (!(x = domainXml(ctl, dom, vshOptBool(cmd, "inactive"))) ||
        !(table = vshTableNew(titles, 5)))
        goto cleanup;
    n = vshXmlCount(x, base);
    for (int i = 0; i < n; i++) {
        char *values[5] = {
            vshXmlString(x, base, i, "string(./target/@dev)"),
            vshXmlString(x, base, i, "string(@type)"),
            vshXmlString(x, base, i, "concat(./source/@bridge, ./source/@dev, "
                                     "./source/@network, ./source/@name, ./source/@path)"),
            vshXmlString(x, base, i, "string(./model/@type)"),
            vshXmlString(x, base, i, "string(./mac/@address)"),
        };
        const char *cells[5];
        int rc;
        for (int c = 0; c < 5; c++)
            cells[c] = values[c] ? values[c] : "-";
        rc = vshTableRowAdd(table, cells);
        for (int c = 0; c < 5; c++)
            free(values[c]);
        if (rc < 0)
            goto cleanup;
    }
    vshTablePrint(ctl, table);
    ok = true;

 cleanup:
    vshTableFree(table);
    vshXmlFree(x);
    virDomainFree(dom);
    return ok;
}

static bool cmdDomifGetlink(vshControl *ctl, const vshCmd *cmd)
{
    static const char *const base = "/domain/devices/interface";
    const char *iface = vshOptString(cmd, "interface");
    virDomainPtr dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY);
    vshXml *x = NULL;
    bool ok = false;
    int n;

    if (!dom)
        return false;
    if (!(x = domainXml(ctl, dom, vshOptBool(cmd, "config"))))
        goto cleanup;
    n = vshXmlCount(x, base);
    for (int i = 0; i < n && !ok; i++) {
        char *dev = vshXmlString(x, base, i, "string(./target/@dev)");
        char *mac = vshXmlString(x, base, i, "string(./mac/@address)");
        if ((dev && strcmp(dev, iface) == 0) || (mac && strcasecmp(mac, iface) == 0)) {
            char *state = vshXmlString(x, base, i, "string(./link/@state)");
            vshPrint(ctl, "%s %s", iface, state ? state : "up");
            free(state);
            ok = true;
        }
        free(dev);
        free(mac);
    }
    if (!ok)
        vshError(ctl, "Interface (%s: %s) not found.",
                 strchr(iface, ':') ? "mac" : "dev", iface);

 cleanup:
    vshXmlFree(x);
    virDomainFree(dom);
    return ok;
}

static void blkinfoCells(const virDomainBlockInfo *info, bool human, char cells[3][32])
{
    const unsigned long long values[3] = { info->capacity, info->allocation, info->physical };

    for (int c = 0; c < 3; c++) {
        if (human)
            vshFormatSize(values[c], 3, cells[c], sizeof(cells[c]));
        else
            snprintf(cells[c], sizeof(cells[c]), "%llu", values[c]);
    }
}

static bool blkinfoAll(vshControl *ctl, virDomainPtr dom, bool human)
{
    static const char *const titles[] = { "Target", "Capacity", "Allocation", "Physical" };
    vshTable *table = NULL;
    vshXml *x = NULL;
    bool ok = false;
    int n;

    if (!(x = domainXml(ctl, dom, false)) || !(table = vshTableNew(titles, 4)))
        goto cleanup;
    n = vshXmlCount(x, "/domain/devices/disk");
    for (int i = 0; i < n; i++) {
        char *target = vshXmlString(x, "/domain/devices/disk", i, "string(./target/@dev)");
        virDomainBlockInfo info;
        char values[3][32] = { "-", "-", "-" };
        const char *cells[4] = { target, values[0], values[1], values[2] };
        int rc;
        if (!target)
            continue;
        if (virDomainGetBlockInfo(dom, target, &info, 0) == 0)
            blkinfoCells(&info, human, values);
        else
            vshResetError();
        rc = vshTableRowAdd(table, cells);
        free(target);
        if (rc < 0)
            goto cleanup;
    }
    vshTablePrint(ctl, table);
    ok = true;

 cleanup:
    vshTableFree(table);
    vshXmlFree(x);
    return ok;
}

static bool cmdDomblkinfo(vshControl *ctl, const vshCmd *cmd)
{
    const char *device = vshOptString(cmd, "device");
    bool human = vshOptBool(cmd, "human"), all = vshOptBool(cmd, "all");
    virDomainPtr dom;
    virDomainBlockInfo info;
    char cells[3][32];
    bool ok = false;

    if (all && device) {
        vshError(ctl, "%s", "Options --all and --device are mutually exclusive");
        return false;
    }
    if (!all && !device) {
        vshError(ctl, "%s", "command 'domblkinfo' requires <device> option");
        return false;
    }
    if (!(dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY)))
        return false;
    if (all) {
        ok = blkinfoAll(ctl, dom, human);
        goto cleanup;
    }
    if (virDomainGetBlockInfo(dom, device, &info, 0) < 0)
        goto cleanup;
    blkinfoCells(&info, human, cells);
    vshPrint(ctl, "%-15s %s\n", "Capacity:", cells[0]);
    vshPrint(ctl, "%-15s %s\n", "Allocation:", cells[1]);
    vshPrint(ctl, "%-15s %s\n", "Physical:", cells[2]);
    ok = true;

 cleanup:
    virDomainFree(dom);
    return ok;
}

/* --live, --config and --current as flags; false after reporting a clash. */
bool vshAffectFlags(vshControl *ctl, const vshCmd *cmd, unsigned int *flags)
{
    bool live = vshOptBool(cmd, "live"), config = vshOptBool(cmd, "config");
    bool current = vshOptBool(cmd, "current");

    if (current && (live || config)) {
        vshError(ctl, "Options --current and --%s are mutually exclusive", live ? "live" : "config");
        return false;
    }
    *flags = (live ? VIR_DOMAIN_AFFECT_LIVE : 0) | (config ? VIR_DOMAIN_AFFECT_CONFIG : 0);
    return true;
}

static bool cmdDommemstat(vshControl *ctl, const vshCmd *cmd)
{
    static const char *const tags[] = { "swap_in", "swap_out", "major_fault", "minor_fault",
        "unused", "available", "actual", "rss", "usable", "last_update", "disk_caches",
        "hugetlb_pgalloc", "hugetlb_pgfail" };
    const char *name;
    virDomainPtr dom;
    virDomainMemoryStatStruct stats[VIR_DOMAIN_MEMORY_STAT_NR];
    unsigned int flags;
    int period = 0, got, n;
    bool ok = false;

    if (!vshAffectFlags(ctl, cmd, &flags))
        return false;
    if ((got = vshOptInt(ctl, cmd, "period", &period)) < 0)
        return false;
    if (!(dom = vshCommandDomain(ctl, cmd, &name, VSH_BYANY)))
        return false;
    if (got) {
        if (period < 0) {
            vshError(ctl, "Invalid collection period value '%d'", period);
            goto cleanup;
        }
        if (virDomainSetMemoryStatsPeriod(dom, period, flags) < 0) {
            vshError(ctl, "%s", "Unable to change balloon collection period.");
            goto cleanup;
        }
        ok = true;
        goto cleanup;
    }
    if ((n = virDomainMemoryStats(dom, stats, VIR_DOMAIN_MEMORY_STAT_NR, 0)) < 0) {
        vshError(ctl, "Failed to get memory statistics for domain %s", name);
        goto cleanup;
    }
    for (int i = 0; i < n; i++) {
        if (stats[i].tag >= 0 && (size_t)stats[i].tag < sizeof(tags) / sizeof(tags[0]))
            vshPrint(ctl, "%s %llu\n", tags[stats[i].tag], stats[i].val);
    }
    ok = true;

 cleanup:
    virDomainFree(dom);
    return ok;
}

static bool cmdDomblkerror(vshControl *ctl, const vshCmd *cmd)
{
    virDomainPtr dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY);
    virDomainDiskErrorPtr errors = NULL;
    int count, n = 0;
    bool ok = false;

    if (!dom)
        return false;
    if ((count = virDomainGetDiskErrors(dom, NULL, 0, 0)) < 0)
        goto cleanup;
    if (count > 0) {
        if (!(errors = calloc(count, sizeof(*errors))) ||
            (n = virDomainGetDiskErrors(dom, errors, count, 0)) < 0)
            goto cleanup;
    }
    if (n == 0)
        vshPrint(ctl, "No errors found\n");
    for (int i = 0; i < n; i++) {
        const char *what = errors[i].error == VIR_DOMAIN_DISK_ERROR_NO_SPACE ? "no space" :
                           errors[i].error == VIR_DOMAIN_DISK_ERROR_UNSPEC ? "unspecified error" :
                           "no error";
        vshPrint(ctl, "%s: %s\n", errors[i].disk, what);
    }
    ok = true;

 cleanup:
    for (int i = 0; i < n; i++)
        free(errors[i].disk);
    free(errors);
    virDomainFree(dom);
    return ok;
}

static bool cmdDomcontrol(vshControl *ctl, const vshCmd *cmd)
{
    static const char *const states[] = { "ok", "background job", "occupied", "error" };
    static const char *const reasons[] = { "none", "unknown", "monitor failure", "internal (locking) error" };
    virDomainPtr dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY);
    virDomainControlInfo info;
    bool ok = false;

    if (!dom)
        return false;
    if (virDomainGetControlInfo(dom, &info, 0) < 0)
        goto cleanup;
    if (info.state >= sizeof(states) / sizeof(states[0]))
        vshPrint(ctl, "unknown\n");
    else if (info.state == VIR_DOMAIN_CONTROL_ERROR)
        vshPrint(ctl, "%s: %s\n", states[info.state],
                 info.details < sizeof(reasons) / sizeof(reasons[0]) ? reasons[info.details] : "unknown");
    else if (info.state != VIR_DOMAIN_CONTROL_OK)
        vshPrint(ctl, "%s (%0.3fs)\n", states[info.state], info.stateTime / 1000.0);
    else
        vshPrint(ctl, "%s\n", states[info.state]);
    ok = true;

 cleanup:
    virDomainFree(dom);
    return ok;
}

static bool cmdDomtime(vshControl *ctl, const vshCmd *cmd)
{
    virDomainPtr dom;
    long long seconds = 0;
    unsigned int nseconds = 0;
    const char *timeArg = vshOptString(cmd, "time");
    bool now = vshOptBool(cmd, "now"), sync = vshOptBool(cmd, "sync");
    bool ok = false;

    if (now && timeArg) {
        vshError(ctl, "%s", "Options --now and --time are mutually exclusive");
        return false;
    }
    if (timeArg) {
        char *end;
        seconds = strtoll(timeArg, &end, 10);
        if (end == timeArg || *end) {
            vshError(ctl, "Numeric value '%s' for <time> option is malformed or out of range",
                     timeArg);
            return false;
        }
    }
    if (!(dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY)))
        return false;
    if (now || timeArg || sync) {
        if (now)
            seconds = (long long)time(NULL);
        if (virDomainSetTime(dom, seconds, 0, sync ? VIR_DOMAIN_TIME_SYNC : 0) < 0)
            goto cleanup;
        ok = true;
        goto cleanup;
    }
    if (virDomainGetTime(dom, &seconds, &nseconds, 0) < 0)
        goto cleanup;
    if (vshOptBool(cmd, "pretty")) {
        time_t t = (time_t)seconds;
        struct tm tm;
        char text[64];
        gmtime_r(&t, &tm);
        strftime(text, sizeof(text), "%Y-%m-%d %H:%M:%S", &tm);
        vshPrint(ctl, "Time: %s", text);
    } else {
        vshPrint(ctl, "Time: %lld", seconds);
    }
    ok = true;

 cleanup:
    virDomainFree(dom);
    return ok;
}

static bool cmdDomifaddr(vshControl *ctl, const vshCmd *cmd)
{
    const char *only = vshOptString(cmd, "interface"), *source = vshOptString(cmd, "source");
    bool full = vshOptBool(cmd, "full");
    virDomainPtr dom;
    virDomainInterfacePtr *ifaces = NULL;
    unsigned int from = VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE;
    int n = 0;
    bool ok = false;

    if (source) {
        if (strcmp(source, "lease") == 0)
            from = VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE;
        else if (strcmp(source, "agent") == 0)
            from = VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT;
        else if (strcmp(source, "arp") == 0)
            from = VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_ARP;
        else {
            vshError(ctl, "Unknown data source '%s'", source);
            return false;
        }
    }
    if (!(dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY)))
        return false;
    if ((n = virDomainInterfaceAddresses(dom, &ifaces, from, 0)) < 0) {
        vshError(ctl, "%s", "Failed to query for interfaces addresses");
        n = 0;
        goto cleanup;
    }
    vshPrint(ctl, " %-10s %-20s %-8s     %s\n%s%s\n", "Name", "MAC address", "Protocol", "Address",
             "-------------------------------------------------", "------------------------------");
    for (int i = 0; i < n; i++) {
        const char *mac = ifaces[i]->hwaddr ? ifaces[i]->hwaddr : "N/A";
        if (only && strcmp(only, ifaces[i]->name) != 0 && strcmp(only, mac) != 0)
            continue;
        if (ifaces[i]->naddrs == 0)
            vshPrint(ctl, " %-10s %-17s    %-12s %s\n", ifaces[i]->name, mac, "N/A", "N/A");
        for (unsigned int a = 0; a < ifaces[i]->naddrs; a++) {
            const virDomainIPAddress *ip = &ifaces[i]->addrs[a];
            const char *proto = ip->type == VIR_IP_ADDR_TYPE_IPV4 ? "ipv4" :
                                ip->type == VIR_IP_ADDR_TYPE_IPV6 ? "ipv6" : "N/A";
            bool first = a == 0 || full;
            vshPrint(ctl, " %-10s %-17s    %-12s %s/%d\n", first ? ifaces[i]->name : "-",
                     first ? mac : "-", proto, ip->addr, ip->prefix);
        }
    }
    ok = true;

 cleanup:
    for (int i = 0; i < n; i++)
        virDomainInterfaceFree(ifaces[i]);
    free(ifaces);
    virDomainFree(dom);
    return ok;
}


static const struct {
    const char *option;
    unsigned int flag;
} statGroups[] = {
    { "state", VIR_DOMAIN_STATS_STATE },
    { "cpu-total", VIR_DOMAIN_STATS_CPU_TOTAL },
    { "balloon", VIR_DOMAIN_STATS_BALLOON },
    { "vcpu", VIR_DOMAIN_STATS_VCPU },
    { "interface", VIR_DOMAIN_STATS_INTERFACE },
    { "block", VIR_DOMAIN_STATS_BLOCK },
    { "perf", VIR_DOMAIN_STATS_PERF },
    { "iothread", VIR_DOMAIN_STATS_IOTHREAD },
    { "memory", VIR_DOMAIN_STATS_MEMORY },
    { "dirtyrate", VIR_DOMAIN_STATS_DIRTYRATE },
    { "vm", VIR_DOMAIN_STATS_VM },
}, statFilters[] = {
    { "list-active", VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE },
    { "list-inactive", VIR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE },
    { "list-persistent", VIR_CONNECT_GET_ALL_DOMAINS_STATS_PERSISTENT },
    { "list-transient", VIR_CONNECT_GET_ALL_DOMAINS_STATS_TRANSIENT },
    { "list-running", VIR_CONNECT_GET_ALL_DOMAINS_STATS_RUNNING },
    { "list-paused", VIR_CONNECT_GET_ALL_DOMAINS_STATS_PAUSED },
    { "list-shutoff", VIR_CONNECT_GET_ALL_DOMAINS_STATS_SHUTOFF },
    { "list-other", VIR_CONNECT_GET_ALL_DOMAINS_STATS_OTHER },
    { "enforce", VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS },
    { "backing", VIR_CONNECT_GET_ALL_DOMAINS_STATS_BACKING },
    { "nowait", VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT },
};

static bool cmdDomstats(vshControl *ctl, const vshCmd *cmd)
{
    const vshOptValue *names = vshOptArgv(cmd, "domain");
    unsigned int stats = 0, flags = 0;
    virDomainStatsRecordPtr *records = NULL;
    virDomainPtr *doms = NULL;
    size_t ndoms = 0;
    int n = -1;
    bool ok = false;

    for (size_t i = 0; i < sizeof(statGroups) / sizeof(statGroups[0]); i++)
        if (vshOptBool(cmd, statGroups[i].option))
            stats |= statGroups[i].flag;
    for (size_t i = 0; i < sizeof(statFilters) / sizeof(statFilters[0]); i++)
        if (vshOptBool(cmd, statFilters[i].option))
            flags |= statFilters[i].flag;
    if (names && names->nvalues) {
        if (!(doms = calloc(names->nvalues + 1, sizeof(*doms))))
            return false;
        for (size_t i = 0; i < names->nvalues; i++) {
            if (!(doms[ndoms] = vshLookupDomain(ctl, names->values[i], VSH_BYANY)))
                goto cleanup;
            ndoms++;
        }
        n = virDomainListGetStats(doms, stats, &records, flags);
    } else {
        n = virConnectGetAllDomainStats(ctl->conn, stats, &records, flags);
    }
    if (n < 0)
        goto cleanup;
    for (int r = 0; r < n; r++) {
        /* a blank line between records; the command's own ends the last */
        vshPrint(ctl, "%sDomain: '%s'\n", r ? "\n" : "", virDomainGetName(records[r]->dom));
        for (int i = 0; i < records[r]->nparams; i++) {
            char value[1024];
            vshTypedParamFormat(&records[r]->params[i], value, sizeof(value));
            vshPrint(ctl, "  %s=%s\n", records[r]->params[i].field, value);
        }
    }
    ok = true;

 cleanup:
    if (records)
        virDomainStatsRecordListFree(records);
    for (size_t i = 0; i < ndoms; i++)
        virDomainFree(doms[i]);
    free(doms);
    return ok;
}

static const vshOptDef optsList[] = {
    { "inactive", VSH_OT_BOOL, 0, "list inactive domains", VSH_COMP_NONE },
    { "all", VSH_OT_BOOL, 0, "list inactive & active domains", VSH_COMP_NONE },
    { "transient", VSH_OT_BOOL, 0, "list transient domains", VSH_COMP_NONE },
    { "persistent", VSH_OT_BOOL, 0, "list persistent domains", VSH_COMP_NONE },
    { "with-snapshot", VSH_OT_BOOL, 0, "list domains with existing snapshot", VSH_COMP_NONE },
    { "without-snapshot", VSH_OT_BOOL, 0, "list domains without a snapshot", VSH_COMP_NONE },
    { "with-checkpoint", VSH_OT_BOOL, 0, "list domains with existing checkpoint", VSH_COMP_NONE },
    { "without-checkpoint", VSH_OT_BOOL, 0, "list domains without a checkpoint", VSH_COMP_NONE },
    { "state-running", VSH_OT_BOOL, 0, "list domains in running state", VSH_COMP_NONE },
    { "state-paused", VSH_OT_BOOL, 0, "list domains in paused state", VSH_COMP_NONE },
    { "state-shutoff", VSH_OT_BOOL, 0, "list domains in shutoff state", VSH_COMP_NONE },
    { "state-other", VSH_OT_BOOL, 0, "list domains in other states", VSH_COMP_NONE },
    { "autostart", VSH_OT_BOOL, 0, "list domains with autostart enabled", VSH_COMP_NONE },
    { "no-autostart", VSH_OT_BOOL, 0, "list domains with autostart disabled", VSH_COMP_NONE },
    { "with-managed-save", VSH_OT_BOOL, 0, "list domains with managed save state", VSH_COMP_NONE },
    { "without-managed-save", VSH_OT_BOOL, 0, "list domains without managed save", VSH_COMP_NONE },
    { "uuid", VSH_OT_BOOL, 0, "list uuid's only", VSH_COMP_NONE },
    { "name", VSH_OT_BOOL, 0, "list domain names only", VSH_COMP_NONE },
    { "id", VSH_OT_BOOL, 0, "list domain IDs only", VSH_COMP_NONE },
    { "table", VSH_OT_BOOL, 0, "list table (default)", VSH_COMP_NONE },
    { "managed-save", VSH_OT_BOOL, 0, "mark inactive domains with managed save state", VSH_COMP_NONE },
    { "title", VSH_OT_BOOL, 0, "show domain title", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsDomain[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain name, id or uuid", VSH_COMP_DOMAIN },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsDomstate[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain name, id or uuid", VSH_COMP_DOMAIN },
    { "reason", VSH_OT_BOOL, 0, "also print reason for the state", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsDomblkstat[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain name, id or uuid", VSH_COMP_DOMAIN },
    { "device", VSH_OT_STRING, VSH_OFLAG_POS, "block device", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsDomifstat[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain name, id or uuid", VSH_COMP_DOMAIN },
    { "interface", VSH_OT_STRING, VSH_OFLAG_REQ, "interface device specified by name or MAC Address", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsDomblklist[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain name, id or uuid", VSH_COMP_DOMAIN },
    { "inactive", VSH_OT_BOOL, 0, "get inactive rather than running configuration", VSH_COMP_NONE },
    { "details", VSH_OT_BOOL, 0, "additionally display the type and device value", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsDomiflist[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain name, id or uuid", VSH_COMP_DOMAIN },
    { "inactive", VSH_OT_BOOL, 0, "get inactive rather than running configuration", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsDomifGetlink[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain name, id or uuid", VSH_COMP_DOMAIN },
    { "interface", VSH_OT_STRING, VSH_OFLAG_REQ, "interface device (MAC Address)", VSH_COMP_NONE },
    { "config", VSH_OT_BOOL, 0, "Get persistent interface state", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsDomblkinfo[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain name, id or uuid", VSH_COMP_DOMAIN },
    { "device", VSH_OT_STRING, VSH_OFLAG_POS, "block device", VSH_COMP_NONE },
    { "human", VSH_OT_BOOL, 0, "Human readable output", VSH_COMP_NONE },
    { "all", VSH_OT_BOOL, 0, "display all block devices info", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsDommemstat[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain name, id or uuid", VSH_COMP_DOMAIN },
    { "period", VSH_OT_INT, 0, "period in seconds to set collection", VSH_COMP_NONE },
    { "config", VSH_OT_BOOL, 0, "affect next boot", VSH_COMP_NONE },
    { "live", VSH_OT_BOOL, 0, "affect running domain", VSH_COMP_NONE },
    { "current", VSH_OT_BOOL, 0, "affect current domain", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsDomtime[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain name, id or uuid", VSH_COMP_DOMAIN },
    { "now", VSH_OT_BOOL, 0, "set to the time of the host running virsh", VSH_COMP_NONE },
    { "pretty", VSH_OT_BOOL, 0, "print domain's time in human readable form", VSH_COMP_NONE },
    { "sync", VSH_OT_BOOL, 0, "instead of setting given time, synchronize from domain's RTC", VSH_COMP_NONE },
    { "time", VSH_OT_INT, 0, "time to set", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsDomifaddr[] = {
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain name, id or uuid", VSH_COMP_DOMAIN },
    { "interface", VSH_OT_STRING, 0, "network interface name", VSH_COMP_NONE },
    { "full", VSH_OT_BOOL, 0, "always display names and MACs of interfaces", VSH_COMP_NONE },
    { "source", VSH_OT_STRING, 0, "address source: 'lease', 'agent', or 'arp'", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsDomstats[] = {
    { "state", VSH_OT_BOOL, 0, "report domain state", VSH_COMP_NONE },
    { "cpu-total", VSH_OT_BOOL, 0, "report domain physical cpu usage", VSH_COMP_NONE },
    { "balloon", VSH_OT_BOOL, 0, "report domain balloon statistics", VSH_COMP_NONE },
    { "vcpu", VSH_OT_BOOL, 0, "report domain virtual cpu information", VSH_COMP_NONE },
    { "interface", VSH_OT_BOOL, 0, "report domain network interface information", VSH_COMP_NONE },
    { "block", VSH_OT_BOOL, 0, "report domain block device statistics", VSH_COMP_NONE },
    { "perf", VSH_OT_BOOL, 0, "report domain perf event statistics", VSH_COMP_NONE },
    { "iothread", VSH_OT_BOOL, 0, "report domain IOThread information", VSH_COMP_NONE },
    { "memory", VSH_OT_BOOL, 0, "report domain memory usage", VSH_COMP_NONE },
    { "dirtyrate", VSH_OT_BOOL, 0, "report domain dirty rate information", VSH_COMP_NONE },
    { "vm", VSH_OT_BOOL, 0, "report hypervisor-specific statistics", VSH_COMP_NONE },
    { "list-active", VSH_OT_BOOL, 0, "list only active domains", VSH_COMP_NONE },
    { "list-inactive", VSH_OT_BOOL, 0, "list only inactive domains", VSH_COMP_NONE },
    { "list-persistent", VSH_OT_BOOL, 0, "list only persistent domains", VSH_COMP_NONE },
    { "list-transient", VSH_OT_BOOL, 0, "list only transient domains", VSH_COMP_NONE },
    { "list-running", VSH_OT_BOOL, 0, "list only running domains", VSH_COMP_NONE },
    { "list-paused", VSH_OT_BOOL, 0, "list only paused domains", VSH_COMP_NONE },
    { "list-shutoff", VSH_OT_BOOL, 0, "list only shutoff domains", VSH_COMP_NONE },
    { "list-other", VSH_OT_BOOL, 0, "list only domains in other states", VSH_COMP_NONE },
    { "raw", VSH_OT_BOOL, 0, "do not pretty-print the fields", VSH_COMP_NONE },
    { "enforce", VSH_OT_BOOL, 0, "enforce requested stats parameters", VSH_COMP_NONE },
    { "backing", VSH_OT_BOOL, 0, "add backing chain information to block stats", VSH_COMP_NONE },
    { "nowait", VSH_OT_BOOL, 0, "report only stats that are accessible instantly", VSH_COMP_NONE },
    { "domain", VSH_OT_ARGV, VSH_OFLAG_POS | VSH_OFLAG_BARE, "list of domains to get stats for", VSH_COMP_DOMAIN },
    { NULL, 0, 0, NULL, 0 },
};

const vshCmdDef vshMonitorCmds[] = {
    { "domblkerror", cmdDomblkerror, optsDomain, "Show errors on block devices",
      "Show block device errors", 0 },
    { "domblkinfo", cmdDomblkinfo, optsDomblkinfo, "domain block device size information",
      "Get block device size info for a domain.", 0 },
    { "domblklist", cmdDomblklist, optsDomblklist, "list all domain blocks",
      "Get the summary of block devices for a domain.", 0 },
    { "domcontrol", cmdDomcontrol, optsDomain, "domain control interface state",
      "Returns state of a control interface to the domain.", 0 },
    { "domif-getlink", cmdDomifGetlink, optsDomifGetlink, "get link state of a virtual interface",
      "Get link state of a domain's virtual interface.", 0 },
    { "domifaddr", cmdDomifaddr, optsDomifaddr, "Get network interfaces' addresses for a running domain",
      "Get network interfaces' addresses for a running domain", 0 },
    { "domiflist", cmdDomiflist, optsDomiflist, "list all domain virtual interfaces",
      "Get the summary of virtual interfaces for a domain.", 0 },
    { "dommemstat", cmdDommemstat, optsDommemstat, "get memory statistics for a domain",
      "Get memory statistics for a running domain.", 0 },
    { "domstats", cmdDomstats, optsDomstats, "get statistics about one or multiple domains",
      "Gets statistics about one or more (or all) domains", 0 },
    { "domtime", cmdDomtime, optsDomtime, "domain time",
      "Gets or sets the domain's system time", 0 },
    { "domblkstat", cmdDomblkstat, optsDomblkstat, "get device block stats for a domain",
      "Get device block stats for a running domain.", 0 },
    { "domifstat", cmdDomifstat, optsDomifstat, "get network interface stats for a domain",
      "Get network interface stats for a running domain.", 0 },
    { "dominfo", cmdDominfo, optsDomain, "domain information",
      "Returns basic information about the domain.", 0 },
    { "domstate", cmdDomstate, optsDomstate, "domain state",
      "Returns state about a domain.", 0 },
    { "list", cmdList, optsList, "list domains",
      "Returns list of domains.", 0 },
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
