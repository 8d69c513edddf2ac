/* virsh-snapshot.c: the "Snapshot" group: creating, listing, describing,
 * reverting to and deleting domain snapshots. Creation time, state and
 * location come from the snapshot's XML, as libvirt's virsh reads them. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vsh.h"

/* The snapshot named by option "snapshotname", or the current one with
 * --current (or with neither given when CURRENT_DEFAULT). */
static virDomainSnapshotPtr commandSnapshot(vshControl *ctl, const vshCmd *cmd, virDomainPtr dom,
                                            bool currentDefault, const char **name)
{
    const char *what = vshOptString(cmd, "snapshotname");
    virDomainSnapshotPtr snap;

    if (what && vshOptBool(cmd, "current")) {
        vshError(ctl, "%s", "--snapshotname and --current are mutually exclusive");
        return NULL;
    }
    if (what) {
        snap = virDomainSnapshotLookupByName(dom, what, 0);
    } else if (vshOptBool(cmd, "current") || currentDefault) {
        if (!(snap = virDomainSnapshotCurrent(dom, 0))) {
            virErrorPtr err = virGetLastError();
            if (err && err->code == VIR_ERR_NO_DOMAIN_SNAPSHOT) {
                vshResetError();
                vshError(ctl, "domain '%s' has no current snapshot", virDomainGetName(dom));
            }
        }
    } else {
        vshError(ctl, "%s", "--snapshotname or --current is required");
        return NULL;
    }
    if (snap && name)
        *name = virDomainSnapshotGetName(snap);
    return snap;
}

static char *snapshotField(virDomainSnapshotPtr snap, const char *expr)
{
    char *xml = virDomainSnapshotGetXMLDesc(snap, 0);
    vshXml *x = xml ? vshXmlParse(NULL, xml) : NULL;
    char *value = x ? vshXmlString(x, NULL, 0, expr) : NULL;

    vshXmlFree(x);
    free(xml);
    return value;
}

static bool cmdSnapshotCreateAs(vshControl *ctl, const vshCmd *cmd)
{
    const char *name = vshOptString(cmd, "name"), *desc = vshOptString(cmd, "description");
    unsigned int flags = 0;
    virDomainPtr dom = NULL;
    virDomainSnapshotPtr snap;
    char xml[8192];
    size_t used;
    bool ok = false;

    if (vshOptBool(cmd, "no-metadata"))
        flags |= VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA;
    if (vshOptBool(cmd, "halt"))
        flags |= VIR_DOMAIN_SNAPSHOT_CREATE_HALT;
    if (vshOptBool(cmd, "disk-only"))
        flags |= VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY;
    if (vshOptBool(cmd, "reuse-external"))
        flags |= VIR_DOMAIN_SNAPSHOT_CREATE_REUSE_EXT;
    if (vshOptBool(cmd, "quiesce"))
        flags |= VIR_DOMAIN_SNAPSHOT_CREATE_QUIESCE;
    if (vshOptBool(cmd, "atomic"))
        flags |= VIR_DOMAIN_SNAPSHOT_CREATE_ATOMIC;
    if (vshOptBool(cmd, "live"))
        flags |= VIR_DOMAIN_SNAPSHOT_CREATE_LIVE;
    if (vshOptBool(cmd, "validate"))
        flags |= VIR_DOMAIN_SNAPSHOT_CREATE_VALIDATE;
    used = snprintf(xml, sizeof(xml), "<domainsnapshot>\n");
    if (name)
        used += snprintf(xml + used, sizeof(xml) - used, "  <name>%s</name>\n", name);
    if (desc && used < sizeof(xml))
        used += snprintf(xml + used, sizeof(xml) - used, "  <description>%s</description>\n", desc);
    if (used < sizeof(xml))
        used += snprintf(xml + used, sizeof(xml) - used, "</domainsnapshot>\n");
    if (used >= sizeof(xml)) {
        vshError(ctl, "%s", "snapshot description too long");
        return false;
    }
    if (vshOptBool(cmd, "print-xml")) {
        vshPrint(ctl, "%s\n", xml);
        return true;
    }
    if (!(dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY)))
        return false;
    if ((snap = virDomainSnapshotCreateXML(dom, xml, flags))) {
        vshPrintExtra(ctl, "Domain snapshot %s created", virDomainSnapshotGetName(snap));
        virDomainSnapshotFree(snap);
        ok = true;
    }
    virDomainFree(dom);
    return ok;
}

static bool cmdSnapshotCreate(vshControl *ctl, const vshCmd *cmd)
{
    const char *file = vshOptString(cmd, "xmlfile");
    virDomainPtr dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY);
    virDomainSnapshotPtr snap;
    char *xml = NULL;
    bool ok = false;

    if (!dom)
        return false;
    if (file && !(xml = vshReadFile(ctl, file)))
        goto cleanup;
    if ((snap = virDomainSnapshotCreateXML(dom, xml ? xml : "<domainsnapshot/>", 0))) {
        if (file)
            vshPrintExtra(ctl, "Domain snapshot %s created from '%s'",
                          virDomainSnapshotGetName(snap), file);
        else
            vshPrintExtra(ctl, "Domain snapshot %s created", virDomainSnapshotGetName(snap));
        virDomainSnapshotFree(snap);
        ok = true;
    }

 cleanup:
    free(xml);
    virDomainFree(dom);
    return ok;
}

static int snapCompare(const void *a, const void *b)
{
    return strcmp(virDomainSnapshotGetName(*(virDomainSnapshotPtr const *)a),
                  virDomainSnapshotGetName(*(virDomainSnapshotPtr const *)b));
}

static const struct {
    const char *option;
    unsigned int flag;
} snapFilters[] = {
    { "roots", VIR_DOMAIN_SNAPSHOT_LIST_ROOTS },
    { "leaves", VIR_DOMAIN_SNAPSHOT_LIST_LEAVES },
    { "no-leaves", VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES },
    { "metadata", VIR_DOMAIN_SNAPSHOT_LIST_METADATA },
    { "no-metadata", VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA },
    { "inactive", VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE },
    { "active", VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE },
    { "disk-only", VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY },
    { "internal", VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL },
    { "external", VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL },
    { "topological", VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL },
};

static bool cmdSnapshotList(vshControl *ctl, const vshCmd *cmd)
{
    static const char *const titles[] = { "Name", "Creation Time", "State", "Parent" };
    bool withParent = vshOptBool(cmd, "parent");
    virDomainPtr dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY);
    virDomainSnapshotPtr *snaps = NULL;
    vshTable *table = NULL;
    unsigned int flags = 0;
    int n = 0;
    bool ok = false;

    if (!dom)
        return false;
    for (size_t i = 0; i < sizeof(snapFilters) / sizeof(snapFilters[0]); i++)
        if (vshOptBool(cmd, snapFilters[i].option))
            flags |= snapFilters[i].flag;
    if ((n = virDomainListAllSnapshots(dom, &snaps, flags)) < 0) {
        n = 0;
        goto cleanup;
    }
    if (n > 1 && !(flags & VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL))
        qsort(snaps, n, sizeof(*snaps), snapCompare);
    if (vshOptBool(cmd, "name")) {
        for (int i = 0; i < n; i++)
            vshPrint(ctl, "%s\n", virDomainSnapshotGetName(snaps[i]));
        ok = true;
        goto cleanup;
    }
    if (!(table = vshTableNew(titles, withParent ? 4 : 3)))
        goto cleanup;
    for (int i = 0; i < n; i++) {
        char *created = snapshotField(snaps[i], "string(/domainsnapshot/creationTime)");
        char *state = snapshotField(snaps[i], "string(/domainsnapshot/state)");
        char *parent = snapshotField(snaps[i], "string(/domainsnapshot/parent/name)");
        char when[64] = "";
        const char *cells[4] = { virDomainSnapshotGetName(snaps[i]), when,
                                 state ? state : "", parent ? parent : "" };
        int rc;
        if (created) {
            time_t t = (time_t)strtoll(created, NULL, 10);
            struct tm tm;
            localtime_r(&t, &tm);
            strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S %z", &tm);
        }
        rc = vshTableRowAdd(table, cells);
        free(created);
        free(state);
        free(parent);
        if (rc < 0)
            goto cleanup;
    }
    vshTablePrint(ctl, table);
    ok = true;

 cleanup:
    vshTableFree(table);
    for (int i = 0; i < n; i++)
        virDomainSnapshotFree(snaps[i]);
    free(snaps);
    virDomainFree(dom);
    return ok;
}

static bool cmdSnapshotCurrent(vshControl *ctl, const vshCmd *cmd)
{
    virDomainPtr dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY);
    virDomainSnapshotPtr snap;
    bool ok = false;

    if (!dom)
        return false;
    if (!(snap = virDomainSnapshotCurrent(dom, 0))) {
        virErrorPtr err = virGetLastError();
        if (err && err->code == VIR_ERR_NO_DOMAIN_SNAPSHOT) {
            vshResetError();
            vshError(ctl, "domain '%s' has no current snapshot", virDomainGetName(dom));
        }
        goto cleanup;
    }
    if (vshOptBool(cmd, "name")) {
        vshPrint(ctl, "%s", virDomainSnapshotGetName(snap));
    } else {
        char *xml = virDomainSnapshotGetXMLDesc(snap, vshOptBool(cmd, "security-info") ?
                                                      VIR_DOMAIN_XML_SECURE : 0);
        if (!xml) {
            virDomainSnapshotFree(snap);
            goto cleanup;
        }
        vshPrint(ctl, "%s", xml);
        free(xml);
    }
    virDomainSnapshotFree(snap);
    ok = true;

 cleanup:
    virDomainFree(dom);
    return ok;
}

static bool cmdSnapshotInfo(vshControl *ctl, const vshCmd *cmd)
{
    virDomainPtr dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY);
    virDomainSnapshotPtr snap, parent;
    const char *name = NULL;
    char *state = NULL, *memory = NULL, *disks = NULL;
    int current, children, descendants, metadata;
    bool ok = false;

    if (!dom)
        return false;
    if (!(snap = commandSnapshot(ctl, cmd, dom, false, &name)))
        goto cleanup;
    vshPrint(ctl, "%-15s %s\n", "Name:", name);
    vshPrint(ctl, "%-15s %s\n", "Domain:", virDomainGetName(dom));
    current = virDomainSnapshotIsCurrent(snap, 0);
    vshPrint(ctl, "%-15s %s\n", "Current:", current > 0 ? "yes" : "no");
    state = snapshotField(snap, "string(/domainsnapshot/state)");
    vshPrint(ctl, "%-15s %s\n", "State:", state ? state : "");
    memory = snapshotField(snap, "string(/domainsnapshot/memory/@snapshot)");
    disks = snapshotField(snap, "string(/domainsnapshot/disks/disk[@snapshot='external']/@snapshot)");
    vshPrint(ctl, "%-15s %s\n", "Location:",
             (memory && strcmp(memory, "external") == 0) || disks ? "external" : "internal");
    if ((parent = virDomainSnapshotGetParent(snap, 0))) {
        vshPrint(ctl, "%-15s %s\n", "Parent:", virDomainSnapshotGetName(parent));
        virDomainSnapshotFree(parent);
    } else {
        vshResetError();
        vshPrint(ctl, "%-15s %s\n", "Parent:", "-");
    }
    children = virDomainSnapshotNumChildren(snap, 0);
    descendants = virDomainSnapshotNumChildren(snap, VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS);
    if (children >= 0)
        vshPrint(ctl, "%-15s %d\n", "Children:", children);
    if (descendants >= 0)
        vshPrint(ctl, "%-15s %d\n", "Descendants:", descendants);
    metadata = virDomainSnapshotHasMetadata(snap, 0);
    if (metadata >= 0)
        vshPrint(ctl, "%-15s %s\n", "Metadata:", metadata ? "yes" : "no");
    vshResetError();
    ok = true;
    virDomainSnapshotFree(snap);

 cleanup:
    free(state);
    free(memory);
    free(disks);
    virDomainFree(dom);
    return ok;
}

static bool cmdSnapshotParent(vshControl *ctl, const vshCmd *cmd)
{
    virDomainPtr dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY);
    virDomainSnapshotPtr snap, parent = NULL;
    const char *name = NULL;
    bool ok = false;

    if (!dom)
        return false;
    if (!(snap = commandSnapshot(ctl, cmd, dom, false, &name)))
        goto cleanup;
    if (!(parent = virDomainSnapshotGetParent(snap, 0))) {
        virErrorPtr err = virGetLastError();
        if (err && err->code == VIR_ERR_NO_DOMAIN_SNAPSHOT) {
            vshResetError();
            vshError(ctl, "snapshot '%s' has no parent", name);
        }
    } else {
        vshPrint(ctl, "%s", virDomainSnapshotGetName(parent));
        virDomainSnapshotFree(parent);
        ok = true;
    }
    virDomainSnapshotFree(snap);

 cleanup:
    virDomainFree(dom);
    return ok;
}

static bool cmdSnapshotDumpxml(vshControl *ctl, const vshCmd *cmd)
{
    virDomainPtr dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY);
    virDomainSnapshotPtr snap;
    char *xml = NULL;

    if (!dom)
        return false;
    if ((snap = virDomainSnapshotLookupByName(dom, vshOptString(cmd, "snapshotname"), 0))) {
        xml = virDomainSnapshotGetXMLDesc(snap, vshOptBool(cmd, "security-info") ?
                                                VIR_DOMAIN_XML_SECURE : 0);
        virDomainSnapshotFree(snap);
    }
    virDomainFree(dom);
    if (!xml)
        return false;
    vshPrint(ctl, "%s", xml);
    free(xml);
    return true;
}

static bool cmdSnapshotRevert(vshControl *ctl, const vshCmd *cmd)
{
    virDomainPtr dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY);
    virDomainSnapshotPtr snap;
    const char *name = NULL;
    unsigned int flags = 0;
    bool ok = false;

    if (!dom)
        return false;
    if (vshOptBool(cmd, "running"))
        flags |= VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING;
    if (vshOptBool(cmd, "paused"))
        flags |= VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED;
    if (vshOptBool(cmd, "force"))
        flags |= VIR_DOMAIN_SNAPSHOT_REVERT_FORCE;
    if (vshOptBool(cmd, "reset-nvram"))
        flags |= VIR_DOMAIN_SNAPSHOT_REVERT_RESET_NVRAM;
    if ((snap = commandSnapshot(ctl, cmd, dom, false, &name))) {
        if (virDomainRevertToSnapshot(snap, flags) == 0) {
            vshPrintExtra(ctl, "Domain snapshot %s reverted\n", name);
            ok = true;
        }
        virDomainSnapshotFree(snap);
    }
    virDomainFree(dom);
    return ok;
}

static bool cmdSnapshotDelete(vshControl *ctl, const vshCmd *cmd)
{
    virDomainPtr dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY);
    virDomainSnapshotPtr snap;
    const char *name = NULL;
    unsigned int flags = 0;
    bool ok = false;

    if (!dom)
        return false;
    if (vshOptBool(cmd, "children"))
        flags |= VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN;
    if (vshOptBool(cmd, "children-only"))
        flags |= VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY;
    if (vshOptBool(cmd, "metadata"))
        flags |= VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY;
    if ((snap = commandSnapshot(ctl, cmd, dom, false, &name))) {
        char *copy = strdup(name);
        if (copy && virDomainSnapshotDelete(snap, flags) == 0) {
            if (flags & VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY)
                vshPrintExtra(ctl, "Domain snapshot %s children deleted\n", copy);
            else
                vshPrintExtra(ctl, "Domain snapshot %s deleted\n", copy);
            ok = true;
        } else if (copy) {
            vshError(ctl, "Failed to delete snapshot %s", copy);
        }
        free(copy);
        virDomainSnapshotFree(snap);
    }
    virDomainFree(dom);
    return ok;
}

#define SNAP_DOMAIN \
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain name, id or uuid", VSH_COMP_DOMAIN }

static const vshOptDef optsSnapshotCreateAs[] = {
    SNAP_DOMAIN,
    { "name", VSH_OT_STRING, VSH_OFLAG_POS, "name of snapshot", VSH_COMP_NONE },
    { "description", VSH_OT_STRING, VSH_OFLAG_POS, "description of snapshot", VSH_COMP_NONE },
    { "print-xml", VSH_OT_BOOL, 0, "print XML document rather than create", VSH_COMP_NONE },
    { "no-metadata", VSH_OT_BOOL, 0, "take snapshot but create no metadata", VSH_COMP_NONE },
    { "halt", VSH_OT_BOOL, 0, "halt domain after snapshot is created", VSH_COMP_NONE },
    { "disk-only", VSH_OT_BOOL, 0, "capture disk state but not vm state", VSH_COMP_NONE },
    { "reuse-external", VSH_OT_BOOL, 0, "reuse any existing external files", VSH_COMP_NONE },
    { "quiesce", VSH_OT_BOOL, 0, "quiesce guest's file systems", VSH_COMP_NONE },
    { "atomic", VSH_OT_BOOL, 0, "require atomic operation", VSH_COMP_NONE },
    { "live", VSH_OT_BOOL, 0, "take a live snapshot", VSH_COMP_NONE },
    { "validate", VSH_OT_BOOL, 0, "validate the XML against the schema", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsSnapshotCreate[] = {
    SNAP_DOMAIN,
    { "xmlfile", VSH_OT_STRING, VSH_OFLAG_POS, "domain snapshot XML", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsSnapshotList[] = {
    SNAP_DOMAIN,
    { "parent", VSH_OT_BOOL, 0, "add a column showing parent snapshot", VSH_COMP_NONE },
    { "roots", VSH_OT_BOOL, 0, "list only snapshots without parents", VSH_COMP_NONE },
    { "leaves", VSH_OT_BOOL, 0, "list only snapshots without children", VSH_COMP_NONE },
    { "no-leaves", VSH_OT_BOOL, 0, "list only snapshots that are not leaves (with children)", VSH_COMP_NONE },
    { "metadata", VSH_OT_BOOL, 0, "list only snapshots that have metadata that would prevent undefine", VSH_COMP_NONE },
    { "no-metadata", VSH_OT_BOOL, 0, "list only snapshots that have no metadata managed by libvirt", VSH_COMP_NONE },
    { "inactive", VSH_OT_BOOL, 0, "filter by snapshots taken while inactive", VSH_COMP_NONE },
    { "active", VSH_OT_BOOL, 0, "filter by snapshots taken while active (full system snapshots)", VSH_COMP_NONE },
    { "disk-only", VSH_OT_BOOL, 0, "filter by disk-only snapshots", VSH_COMP_NONE },
    { "internal", VSH_OT_BOOL, 0, "filter by internal snapshots", VSH_COMP_NONE },
    { "external", VSH_OT_BOOL, 0, "filter by external snapshots", VSH_COMP_NONE },
    { "name", VSH_OT_BOOL, 0, "list snapshot names only", VSH_COMP_NONE },
    { "topological", VSH_OT_BOOL, 0, "sort list topologically rather than by name", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsSnapshotCurrent[] = {
    SNAP_DOMAIN,
    { "name", VSH_OT_BOOL, 0, "list the name, rather than the full xml", VSH_COMP_NONE },
    { "security-info", VSH_OT_BOOL, 0, "include security sensitive information in XML dump", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsSnapshotInfo[] = {
    SNAP_DOMAIN,
    { "snapshotname", VSH_OT_STRING, VSH_OFLAG_POS, "snapshot name", VSH_COMP_NONE },
    { "current", VSH_OT_BOOL, 0, "info on current snapshot", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsSnapshotParent[] = {
    SNAP_DOMAIN,
    { "snapshotname", VSH_OT_STRING, VSH_OFLAG_POS, "find parent of snapshot name", VSH_COMP_NONE },
    { "current", VSH_OT_BOOL, 0, "find parent of current snapshot", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsSnapshotDumpxml[] = {
    SNAP_DOMAIN,
    { "snapshotname", VSH_OT_STRING, VSH_OFLAG_REQ, "snapshot name", VSH_COMP_NONE },
    { "security-info", VSH_OT_BOOL, 0, "include security sensitive information in XML dump", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsSnapshotRevert[] = {
    SNAP_DOMAIN,
    { "snapshotname", VSH_OT_STRING, VSH_OFLAG_POS, "snapshot name", VSH_COMP_NONE },
    { "current", VSH_OT_BOOL, 0, "revert to current snapshot", VSH_COMP_NONE },
    { "running", VSH_OT_BOOL, 0, "after reverting, change state to running", VSH_COMP_NONE },
    { "paused", VSH_OT_BOOL, 0, "after reverting, change state to paused", VSH_COMP_NONE },
    { "force", VSH_OT_BOOL, 0, "try harder on risky reverts", VSH_COMP_NONE },
    { "reset-nvram", VSH_OT_BOOL, 0, "re-initialize NVRAM from its pristine template", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsSnapshotDelete[] = {
    SNAP_DOMAIN,
    { "snapshotname", VSH_OT_STRING, VSH_OFLAG_POS, "snapshot name", VSH_COMP_NONE },
    { "current", VSH_OT_BOOL, 0, "delete current snapshot", VSH_COMP_NONE },
    { "children", VSH_OT_BOOL, 0, "delete snapshot and all children", VSH_COMP_NONE },
    { "children-only", VSH_OT_BOOL, 0, "delete children but not snapshot", VSH_COMP_NONE },
    { "metadata", VSH_OT_BOOL, 0, "delete only libvirt metadata, leaving snapshot contents behind", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

const vshCmdDef vshSnapshotCmds[] = {
    { "snapshot-create", cmdSnapshotCreate, optsSnapshotCreate, "Create a snapshot from XML",
      "Create a snapshot (disk and RAM) from XML", 0 },
    { "snapshot-create-as", cmdSnapshotCreateAs, optsSnapshotCreateAs, "Create a snapshot from a set of args",
      "Create a snapshot (disk and RAM) from arguments", 0 },
    { "snapshot-current", cmdSnapshotCurrent, optsSnapshotCurrent, "Get or set the current snapshot",
      "Get or set the current snapshot", 0 },
    { "snapshot-delete", cmdSnapshotDelete, optsSnapshotDelete, "Delete a domain snapshot",
      "Snapshot Delete", 0 },
    { "snapshot-dumpxml", cmdSnapshotDumpxml, optsSnapshotDumpxml, "Dump XML for a domain snapshot",
      "Snapshot Dump XML", 0 },
    { "snapshot-info", cmdSnapshotInfo, optsSnapshotInfo, "snapshot information",
      "Returns basic information about a snapshot.", 0 },
    { "snapshot-list", cmdSnapshotList, optsSnapshotList, "List snapshots for a domain",
      "Snapshot List", 0 },
    { "snapshot-parent", cmdSnapshotParent, optsSnapshotParent, "Get the name of the parent of a snapshot",
      "Extract the snapshot's parent, if any", 0 },
    { "snapshot-revert", cmdSnapshotRevert, optsSnapshotRevert, "Revert a domain to a snapshot",
      "Revert domain to snapshot", 0 },
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
