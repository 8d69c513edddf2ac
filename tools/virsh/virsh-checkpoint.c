/* virsh-checkpoint.c: the "Checkpoint" group: domain checkpoints
 * created, listed, described and deleted. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vsh.h"

static char *checkpointField(virDomainCheckpointPtr cp, const char *expr)
{
    char *xml = virDomainCheckpointGetXMLDesc(cp, VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN);
    vshXml *x = xml ? vshXmlParse(NULL, xml) : NULL;
    char *value = x ? vshXmlString(x, NULL, 0, expr) : NULL;

    vshXmlFree(x);
    free(xml);
    return value;
}

static bool cmdCheckpointCreateAs(vshControl *ctl, const vshCmd *cmd)
{
    const char *name = vshOptString(cmd, "name"), *desc = vshOptString(cmd, "description");
    virDomainPtr dom;
    virDomainCheckpointPtr cp;
    char xml[4096];
    size_t used = snprintf(xml, sizeof(xml), "<domaincheckpoint>\n");
    bool ok = false;

    if (name)
        used += snprintf(xml + used, sizeof(xml) - used, "  <name>%s</name>\n", name);
    if (desc && used < sizeof(xml))
        used += snprintf(xml + used, sizeof(xml) - used, "  <description>%s</description>\n", desc);
    if (used < sizeof(xml))
        used += snprintf(xml + used, sizeof(xml) - used, "</domaincheckpoint>\n");
    if (used >= sizeof(xml)) {
        vshError(ctl, "%s", "checkpoint description too long");
        return false;
    }
    if (vshOptBool(cmd, "print-xml")) {
        vshPrint(ctl, "%s\n", xml);
        return true;
    }
    if (!(dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY)))
        return false;
    if ((cp = virDomainCheckpointCreateXML(dom, xml, vshOptBool(cmd, "quiesce") ?
                                                     VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE : 0))) {
        vshPrintExtra(ctl, "Domain checkpoint %s created", virDomainCheckpointGetName(cp));
        virDomainCheckpointFree(cp);
        ok = true;
    }
    virDomainFree(dom);
    return ok;
}

static int cpCompare(const void *a, const void *b)
{
    return strcmp(virDomainCheckpointGetName(*(virDomainCheckpointPtr const *)a),
                  virDomainCheckpointGetName(*(virDomainCheckpointPtr const *)b));
}

static bool cmdCheckpointList(vshControl *ctl, const vshCmd *cmd)
{
    static const char *const titles[] = { "Name", "Creation Time", "Parent" };
    bool withParent = vshOptBool(cmd, "parent");
    virDomainPtr dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY);
    virDomainCheckpointPtr *cps = NULL;
    vshTable *table = NULL;
    unsigned int flags = 0;
    int n = 0;
    bool ok = false;

    if (!dom)
        return false;
    if (vshOptBool(cmd, "roots"))
        flags |= VIR_DOMAIN_CHECKPOINT_LIST_ROOTS;
    if (vshOptBool(cmd, "leaves"))
        flags |= VIR_DOMAIN_CHECKPOINT_LIST_LEAVES;
    if (vshOptBool(cmd, "no-leaves"))
        flags |= VIR_DOMAIN_CHECKPOINT_LIST_NO_LEAVES;
    if (vshOptBool(cmd, "topological"))
        flags |= VIR_DOMAIN_CHECKPOINT_LIST_TOPOLOGICAL;
    if ((n = virDomainListAllCheckpoints(dom, &cps, flags)) < 0) {
        n = 0;
        goto cleanup;
    }
    if (n > 1 && !(flags & VIR_DOMAIN_CHECKPOINT_LIST_TOPOLOGICAL))
        qsort(cps, n, sizeof(*cps), cpCompare);
    if (vshOptBool(cmd, "name")) {
        for (int i = 0; i < n; i++)
            vshPrint(ctl, "%s\n", virDomainCheckpointGetName(cps[i]));
        ok = true;
        goto cleanup;
    }
    if (!(table = vshTableNew(titles, withParent ? 3 : 2)))
        goto cleanup;
    for (int i = 0; i < n; i++) {
        char *created = checkpointField(cps[i], "string(/domaincheckpoint/creationTime)");
        char *parent = checkpointField(cps[i], "string(/domaincheckpoint/parent/name)");
        char when[64] = "";
        const char *cells[3] = { virDomainCheckpointGetName(cps[i]), when, parent ? parent : "-" };
        int rc;
        if (created) {
            time_t t = (time_t)strtoll(created, NULL, 10);
            struct tm tm;
            localtime_r(&t, &tm);
            strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S %z", &tm);
        }
        rc = vshTableRowAdd(table, cells);
        free(created);
        free(parent);
        if (rc < 0)
            goto cleanup;
    }
    vshTablePrint(ctl, table);
    ok = true;

 cleanup:
    vshTableFree(table);
    for (int i = 0; i < n; i++)
        virDomainCheckpointFree(cps[i]);
    free(cps);
    virDomainFree(dom);
    return ok;
}

static virDomainCheckpointPtr commandCheckpoint(vshControl *ctl, const vshCmd *cmd, virDomainPtr dom)
{
    const char *name = vshOptString(cmd, "checkpointname");

    if (!name) {
        vshError(ctl, "%s", "--checkpointname is required");
        return NULL;
    }
    return virDomainCheckpointLookupByName(dom, name, 0);
}

static bool cmdCheckpointInfo(vshControl *ctl, const vshCmd *cmd)
{
    virDomainPtr dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY);
    virDomainCheckpointPtr cp, parent;
    virDomainCheckpointPtr *children = NULL;
    int nchildren, ndescendants;
    bool ok = false;

    if (!dom)
        return false;
    if (!(cp = commandCheckpoint(ctl, cmd, dom)))
        goto cleanup;
    vshPrint(ctl, "%-15s %s\n", "Name:", virDomainCheckpointGetName(cp));
    vshPrint(ctl, "%-15s %s\n", "Domain:", virDomainGetName(dom));
    if ((parent = virDomainCheckpointGetParent(cp, 0))) {
        vshPrint(ctl, "%-15s %s\n", "Parent:", virDomainCheckpointGetName(parent));
        virDomainCheckpointFree(parent);
    } else {
        vshResetError();
        vshPrint(ctl, "%-15s %s\n", "Parent:", "-");
    }
    nchildren = virDomainCheckpointListAllChildren(cp, &children, 0);
    for (int i = 0; i < nchildren; i++)
        virDomainCheckpointFree(children[i]);
    free(children);
    children = NULL;
    ndescendants = virDomainCheckpointListAllChildren(cp, &children,
                                                      VIR_DOMAIN_CHECKPOINT_LIST_DESCENDANTS);
    for (int i = 0; i < ndescendants; i++)
        virDomainCheckpointFree(children[i]);
    free(children);
    if (nchildren >= 0)
        vshPrint(ctl, "%-15s %d\n", "Children:", nchildren);
    if (ndescendants >= 0)
        vshPrint(ctl, "%-15s %d\n", "Descendants:", ndescendants);
    vshResetError();
    virDomainCheckpointFree(cp);
    ok = true;

 cleanup:
    virDomainFree(dom);
    return ok;
}

static bool cmdCheckpointDumpxml(vshControl *ctl, const vshCmd *cmd)
{
    virDomainPtr dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY);
    virDomainCheckpointPtr cp;
    unsigned int flags = 0;
    char *xml = NULL;

    if (!dom)
        return false;
    if (vshOptBool(cmd, "security-info"))
        flags |= VIR_DOMAIN_CHECKPOINT_XML_SECURE;
    if (vshOptBool(cmd, "no-domain"))
        flags |= VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN;
    if (vshOptBool(cmd, "size"))
        flags |= VIR_DOMAIN_CHECKPOINT_XML_SIZE;
    if ((cp = commandCheckpoint(ctl, cmd, dom))) {
        xml = virDomainCheckpointGetXMLDesc(cp, flags);
        virDomainCheckpointFree(cp);
    }
    virDomainFree(dom);
    if (!xml)
        return false;
    vshPrint(ctl, "%s", xml);
    free(xml);
    return true;
}

static bool cmdCheckpointDelete(vshControl *ctl, const vshCmd *cmd)
{
    virDomainPtr dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY);
    virDomainCheckpointPtr cp;
    const char *name = vshOptString(cmd, "checkpointname");
    unsigned int flags = 0;
    bool ok = false;

    if (!dom)
        return false;
    if (vshOptBool(cmd, "children"))
        flags |= VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN;
    if (vshOptBool(cmd, "children-only"))
        flags |= VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY;
    if (vshOptBool(cmd, "metadata"))
        flags |= VIR_DOMAIN_CHECKPOINT_DELETE_METADATA_ONLY;
    if ((cp = commandCheckpoint(ctl, cmd, dom))) {
        if (virDomainCheckpointDelete(cp, flags) == 0) {
            if (flags & VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY)
                vshPrintExtra(ctl, "Domain checkpoint %s children deleted\n", name);
            else
                vshPrintExtra(ctl, "Domain checkpoint %s deleted\n", name);
            ok = true;
        } else {
            vshError(ctl, "Failed to delete checkpoint %s", name);
        }
        virDomainCheckpointFree(cp);
    }
    virDomainFree(dom);
    return ok;
}

static bool cmdCheckpointParent(vshControl *ctl, const vshCmd *cmd)
{
    virDomainPtr dom = vshCommandDomain(ctl, cmd, NULL, VSH_BYANY);
    virDomainCheckpointPtr cp, parent;
    bool ok = false;

    if (!dom)
        return false;
    if ((cp = commandCheckpoint(ctl, cmd, dom))) {
        if ((parent = virDomainCheckpointGetParent(cp, 0))) {
            vshPrint(ctl, "%s", virDomainCheckpointGetName(parent));
            virDomainCheckpointFree(parent);
            ok = true;
        } else {
            virErrorPtr err = virGetLastError();
            if (err && err->code == VIR_ERR_NO_DOMAIN_CHECKPOINT) {
                vshResetError();
                vshError(ctl, "checkpoint '%s' has no parent", virDomainCheckpointGetName(cp));
            }
        }
        virDomainCheckpointFree(cp);
    }
    virDomainFree(dom);
    return ok;
}

#define CP_DOMAIN \
    { "domain", VSH_OT_STRING, VSH_OFLAG_REQ, "domain name, id or uuid", VSH_COMP_DOMAIN }

static const vshOptDef optsCheckpointCreateAs[] = {
    CP_DOMAIN,
    { "name", VSH_OT_STRING, VSH_OFLAG_POS, "name of checkpoint", VSH_COMP_NONE },
    { "description", VSH_OT_STRING, VSH_OFLAG_POS, "description of checkpoint", VSH_COMP_NONE },
    { "print-xml", VSH_OT_BOOL, 0, "print XML document rather than create", VSH_COMP_NONE },
    { "quiesce", VSH_OT_BOOL, 0, "quiesce guest's file systems", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsCheckpointList[] = {
    CP_DOMAIN,
    { "parent", VSH_OT_BOOL, 0, "add a column showing parent checkpoint", VSH_COMP_NONE },
    { "roots", VSH_OT_BOOL, 0, "list only checkpoints without parents", VSH_COMP_NONE },
    { "leaves", VSH_OT_BOOL, 0, "list only checkpoints without children", VSH_COMP_NONE },
    { "no-leaves", VSH_OT_BOOL, 0, "list only checkpoints that are not leaves (with children)", VSH_COMP_NONE },
    { "name", VSH_OT_BOOL, 0, "list checkpoint names only", VSH_COMP_NONE },
    { "topological", VSH_OT_BOOL, 0, "sort list topologically rather than by name", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsCheckpointInfo[] = {
    CP_DOMAIN,
    { "checkpointname", VSH_OT_STRING, VSH_OFLAG_POS, "checkpoint name", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsCheckpointDumpxml[] = {
    CP_DOMAIN,
    { "checkpointname", VSH_OT_STRING, VSH_OFLAG_POS, "checkpoint name", VSH_COMP_NONE },
    { "security-info", VSH_OT_BOOL, 0, "include security sensitive information in XML dump", VSH_COMP_NONE },
    { "no-domain", VSH_OT_BOOL, 0, "exclude <domain> from XML", VSH_COMP_NONE },
    { "size", VSH_OT_BOOL, 0, "include backup size estimate in XML dump", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsCheckpointDelete[] = {
    CP_DOMAIN,
    { "checkpointname", VSH_OT_STRING, VSH_OFLAG_POS, "checkpoint name", VSH_COMP_NONE },
    { "children", VSH_OT_BOOL, 0, "delete checkpoint and all children", VSH_COMP_NONE },
    { "children-only", VSH_OT_BOOL, 0, "delete children but not checkpoint", VSH_COMP_NONE },
    { "metadata", VSH_OT_BOOL, 0, "delete only libvirt metadata, leaving checkpoint contents behind", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

const vshCmdDef vshCheckpointCmds[] = {
    { "checkpoint-create-as", cmdCheckpointCreateAs, optsCheckpointCreateAs,
      "Create a checkpoint from a set of args", "Create a checkpoint from arguments", 0 },
    { "checkpoint-delete", cmdCheckpointDelete, optsCheckpointDelete, "Delete a domain checkpoint",
      "Checkpoint Delete", 0 },
    { "checkpoint-dumpxml", cmdCheckpointDumpxml, optsCheckpointDumpxml, "Dump XML for a domain checkpoint",
      "Checkpoint Dump XML", 0 },
    { "checkpoint-parent", cmdCheckpointParent, optsCheckpointInfo, "Get the name of the parent of a checkpoint",
      "Extract the checkpoint's parent, if any", 0 },
    { "checkpoint-info", cmdCheckpointInfo, optsCheckpointInfo, "checkpoint information",
      "Returns basic information about a checkpoint.", 0 },
    { "checkpoint-list", cmdCheckpointList, optsCheckpointList, "List checkpoints for a domain",
      "Checkpoint List", 0 },
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
