/* virsh-nwfilter.c: the "Network Filter" group: filters and their
 * bindings, listed, shown, defined and removed. */
#include <stdlib.h>
#include <string.h>

#include "vsh.h"

static virNWFilterPtr commandFilter(vshControl *ctl, const vshCmd *cmd, const char **name)
{
    const char *what = vshOptString(cmd, "nwfilter");
    virNWFilterPtr filter = NULL;

    if (name)
        *name = what;
    if (!what)
        return NULL;
    if (vshIsUUID(what))
        filter = virNWFilterLookupByUUIDString(ctl->conn, what);
    if (!filter)
        filter = virNWFilterLookupByName(ctl->conn, what);
    if (!filter)
        vshError(ctl, "failed to get nwfilter '%s'", what);
    return filter;
}

static int filterCompare(const void *a, const void *b)
{
    return strcmp(virNWFilterGetName(*(virNWFilterPtr const *)a),
                  virNWFilterGetName(*(virNWFilterPtr const *)b));
}

static bool cmdNwfilterList(vshControl *ctl, const vshCmd *cmd)
{
    static const char *const titles[] = { "UUID", "Name" };
    virNWFilterPtr *filters = NULL;
    vshTable *table = NULL;
    int n;
    bool ok = false;

    (void)cmd;
    if ((n = virConnectListAllNWFilters(ctl->conn, &filters, 0)) < 0) {
        /* an older driver: libvirt's virsh counts them the old way */
        virErrorPtr err = virGetLastError();
        if (!err || err->code != VIR_ERR_NO_SUPPORT)
            return false;
        vshResetError();
        if (virConnectNumOfNWFilters(ctl->conn) < 0)
            vshError(ctl, "%s", "Failed to count network filters");
        else
            vshError(ctl, "%s", "Failed to list network filters");
        return false;
    }
    if (n > 1)
        qsort(filters, n, sizeof(*filters), filterCompare);
    if (!(table = vshTableNew(titles, 2)))
        goto cleanup;
    for (int i = 0; i < n; i++) {
        char uuid[VIR_UUID_STRING_BUFLEN] = "";
        const char *cells[2] = { uuid, virNWFilterGetName(filters[i]) };
        virNWFilterGetUUIDString(filters[i], uuid);
        if (vshTableRowAdd(table, cells) < 0)
            goto cleanup;
    }
    vshTablePrint(ctl, table);
    ok = true;

 cleanup:
    vshTableFree(table);
    for (int i = 0; i < n; i++)
        virNWFilterFree(filters[i]);
    free(filters);
    return ok;
}

static bool cmdNwfilterDumpxml(vshControl *ctl, const vshCmd *cmd)
{
    virNWFilterPtr filter = commandFilter(ctl, cmd, NULL);
    char *xml;

    if (!filter)
        return false;
    xml = virNWFilterGetXMLDesc(filter, 0);
    virNWFilterFree(filter);
    if (!xml)
        return false;
    vshPrint(ctl, "%s", xml);
    free(xml);
    return true;
}

static bool cmdNwfilterDefine(vshControl *ctl, const vshCmd *cmd)
{
    const char *file = vshOptString(cmd, "file");
    char *xml = vshReadFile(ctl, file);
    virNWFilterPtr filter;

    if (!xml)
        return false;
    filter = virNWFilterDefineXMLFlags(ctl->conn, xml,
                                       vshOptBool(cmd, "validate") ? VIR_NWFILTER_DEFINE_VALIDATE : 0);
    free(xml);
    if (!filter) {
        vshError(ctl, "Failed to define network filter from %s", file);
        return false;
    }
    vshPrintExtra(ctl, "Network filter %s defined from %s\n", virNWFilterGetName(filter), file);
    virNWFilterFree(filter);
    return true;
}

static bool cmdNwfilterUndefine(vshControl *ctl, const vshCmd *cmd)
{
    const char *name;
    virNWFilterPtr filter = commandFilter(ctl, cmd, &name);
    bool ok;

    if (!filter)
        return false;
    if ((ok = virNWFilterUndefine(filter) == 0))
        vshPrintExtra(ctl, "Network filter %s undefined\n", name);
    else
        vshError(ctl, "Failed to undefine network filter %s", name);
    virNWFilterFree(filter);
    return ok;
}

static bool cmdNwfilterBindingList(vshControl *ctl, const vshCmd *cmd)
{
    static const char *const titles[] = { "Port Dev", "Filter" };
    virNWFilterBindingPtr *bindings = NULL;
    vshTable *table = NULL;
    int n;
    bool ok = false;

    (void)cmd;
    if ((n = virConnectListAllNWFilterBindings(ctl->conn, &bindings, 0)) < 0) {
        vshError(ctl, "%s", "Failed to list network filter bindings");
        return false;
    }
    if (!(table = vshTableNew(titles, 2)))
        goto cleanup;
    for (int i = 0; i < n; i++) {
        const char *cells[2] = { virNWFilterBindingGetPortDev(bindings[i]),
                                 virNWFilterBindingGetFilterName(bindings[i]) };
        if (vshTableRowAdd(table, cells) < 0)
            goto cleanup;
    }
    vshTablePrint(ctl, table);
    ok = true;

 cleanup:
    vshTableFree(table);
    for (int i = 0; i < n; i++)
        virNWFilterBindingFree(bindings[i]);
    free(bindings);
    return ok;
}

static const vshOptDef optsNone[] = {
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsFilter[] = {
    { "nwfilter", VSH_OT_STRING, VSH_OFLAG_REQ, "network filter name or uuid", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsFilterDefine[] = {
    { "file", VSH_OT_STRING, VSH_OFLAG_REQ, "file containing an XML network filter description", VSH_COMP_NONE },
    { "validate", VSH_OT_BOOL, 0, "validate the XML against the schema", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

const vshCmdDef vshNwfilterCmds[] = {
    { "nwfilter-binding-list", cmdNwfilterBindingList, optsNone, "list network filter bindings",
      "Returns list of network filter bindings.", 0 },
    { "nwfilter-define", cmdNwfilterDefine, optsFilterDefine,
      "define or update a network filter from an XML file",
      "Define a new network filter or update an existing one.", 0 },
    { "nwfilter-dumpxml", cmdNwfilterDumpxml, optsFilter, "network filter information in XML",
      "Output the network filter information as an XML dump to stdout.", 0 },
    { "nwfilter-list", cmdNwfilterList, optsNone, "list network filters",
      "Returns list of network filters.", 0 },
    { "nwfilter-undefine", cmdNwfilterUndefine, optsFilter, "undefine a network filter",
      "Undefine a given network filter.", 0 },
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
