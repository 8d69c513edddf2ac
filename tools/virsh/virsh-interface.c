/* virsh-interface.c: the "Interface" group: host interfaces as the
 * interface driver sees them, their life cycle, and the transaction
 * commands (iface-begin, iface-commit, iface-rollback). */
#include <stdlib.h>
#include <string.h>

#include "vsh.h"

#define IFACE_BYNAME 1
#define IFACE_BYMAC  2

/* The interface of option "interface", by name and then by MAC. */
static virInterfacePtr commandInterface(vshControl *ctl, const vshCmd *cmd, const char **name,
                                        unsigned int how)
{
    const char *what = vshOptString(cmd, "interface");
    virInterfacePtr iface = NULL;

    if (name)
        *name = what;
    if (!what)
        return NULL;
    if (how & IFACE_BYNAME)
        iface = virInterfaceLookupByName(ctl->conn, what);
    if (!iface && (how & IFACE_BYMAC))
        iface = virInterfaceLookupByMACString(ctl->conn, what);
    if (!iface)
        vshError(ctl, "failed to get interface '%s'", what);
    return iface;
}

static int ifaceCompare(const void *a, const void *b)
{
    return strcmp(virInterfaceGetName(*(virInterfacePtr const *)a),
                  virInterfaceGetName(*(virInterfacePtr const *)b));
}

static bool cmdIfaceList(vshControl *ctl, const vshCmd *cmd)
{
    static const char *const titles[] = { "Name", "State", "MAC Address" };
    bool all = vshOptBool(cmd, "all"), inactive = vshOptBool(cmd, "inactive");
    unsigned int flags = all ? 0 : inactive ? VIR_CONNECT_LIST_INTERFACES_INACTIVE
                                            : VIR_CONNECT_LIST_INTERFACES_ACTIVE;
    virInterfacePtr *ifaces = NULL;
    vshTable *table = NULL;
    int n;
    bool ok = false;

    if ((n = virConnectListAllInterfaces(ctl->conn, &ifaces, flags)) < 0) {
        vshError(ctl, "%s", "Failed to list interfaces");
        return false;
    }
    if (n > 1)
        qsort(ifaces, n, sizeof(*ifaces), ifaceCompare);
    if (!(table = vshTableNew(titles, 3)))
        goto cleanup;
    for (int i = 0; i < n; i++) {
        int active = virInterfaceIsActive(ifaces[i]);
        const char *mac = virInterfaceGetMACString(ifaces[i]);
        const char *cells[3] = { virInterfaceGetName(ifaces[i]),
                                 active > 0 ? "active" : "inactive", mac ? mac : "" };
        if (vshTableRowAdd(table, cells) < 0)
            goto cleanup;
    }
    vshTablePrint(ctl, table);
    vshResetError();
    ok = true;

 cleanup:
    vshTableFree(table);
    for (int i = 0; i < n; i++)
        virInterfaceFree(ifaces[i]);
    free(ifaces);
    return ok;
}

static bool cmdIfaceDumpxml(vshControl *ctl, const vshCmd *cmd)
{
    virInterfacePtr iface = commandInterface(ctl, cmd, NULL, IFACE_BYNAME | IFACE_BYMAC);
    char *xml;
    bool ok;

    if (!iface)
        return false;
    xml = virInterfaceGetXMLDesc(iface, vshOptBool(cmd, "inactive") ? VIR_INTERFACE_XML_INACTIVE : 0);
    virInterfaceFree(iface);
    if (!xml)
        return false;
    ok = vshPrintXml(ctl, cmd, xml);
    free(xml);
    return ok;
}

static bool cmdIfaceMac(vshControl *ctl, const vshCmd *cmd)
{
    virInterfacePtr iface = commandInterface(ctl, cmd, NULL, IFACE_BYNAME);
    const char *mac;

    if (!iface)
        return false;
    if ((mac = virInterfaceGetMACString(iface)))
        vshPrint(ctl, "%s\n", mac);
    virInterfaceFree(iface);
    return mac != NULL;
}

static bool cmdIfaceName(vshControl *ctl, const vshCmd *cmd)
{
    virInterfacePtr iface = commandInterface(ctl, cmd, NULL, IFACE_BYMAC);

    if (!iface)
        return false;
    vshPrint(ctl, "%s\n", virInterfaceGetName(iface));
    virInterfaceFree(iface);
    return true;
}

static int ifaceStart(virInterfacePtr iface) { return virInterfaceCreate(iface, 0); }
static int ifaceDestroy(virInterfacePtr iface) { return virInterfaceDestroy(iface, 0); }

static bool ifaceAction(vshControl *ctl, const vshCmd *cmd, int (*action)(virInterfacePtr),
                        const char *done, const char *failed)
{
    const char *name;
    virInterfacePtr iface = commandInterface(ctl, cmd, &name, IFACE_BYNAME | IFACE_BYMAC);
    bool ok = false;

    if (!iface)
        return false;
    if (action(iface) == 0) {
        vshPrintExtra(ctl, "Interface %s %s\n", name, done);
        ok = true;
    } else {
        vshError(ctl, "Failed to %s interface %s", failed, name);
    }
    virInterfaceFree(iface);
    return ok;
}

static bool cmdIfaceStart(vshControl *ctl, const vshCmd *cmd)
{
    return ifaceAction(ctl, cmd, ifaceStart, "started", "start");
}

static bool cmdIfaceDestroy(vshControl *ctl, const vshCmd *cmd)
{
    return ifaceAction(ctl, cmd, ifaceDestroy, "destroyed", "destroy");
}

static bool cmdIfaceUndefine(vshControl *ctl, const vshCmd *cmd)
{
    return ifaceAction(ctl, cmd, virInterfaceUndefine, "undefined", "undefine");
}

static bool cmdIfaceDefine(vshControl *ctl, const vshCmd *cmd)
{
    const char *file = vshOptString(cmd, "file");
    char *xml = vshReadFile(ctl, file);
    virInterfacePtr iface;

    if (!xml)
        return false;
    iface = virInterfaceDefineXML(ctl->conn, xml, 0);
    free(xml);
    if (!iface) {
        vshError(ctl, "Failed to define interface from %s", file);
        return false;
    }
    vshPrintExtra(ctl, "Interface %s defined from %s\n", virInterfaceGetName(iface), file);
    virInterfaceFree(iface);
    return true;
}

/* iface-begin, iface-commit, iface-rollback: one call each. */
static bool transaction(vshControl *ctl, int (*call)(virConnectPtr, unsigned int),
                        const char *done, const char *failed)
{
    if (call(ctl->conn, 0) < 0) {
        vshError(ctl, "Failed to %s network config change transaction", failed);
        return false;
    }
    vshPrintExtra(ctl, "Network config change transaction %s\n", done);
    return true;
}

static bool cmdIfaceBegin(vshControl *ctl, const vshCmd *cmd)
{
    (void)cmd;
    return transaction(ctl, virInterfaceChangeBegin, "started", "begin");
}

static bool cmdIfaceCommit(vshControl *ctl, const vshCmd *cmd)
{
    (void)cmd;
    return transaction(ctl, virInterfaceChangeCommit, "committed", "commit");
}

static bool cmdIfaceRollback(vshControl *ctl, const vshCmd *cmd)
{
    (void)cmd;
    return transaction(ctl, virInterfaceChangeRollback, "rolled back", "rollback");
}

static const vshOptDef optsIfaceList[] = {
    { "inactive", VSH_OT_BOOL, 0, "list inactive interfaces", VSH_COMP_NONE },
    { "all", VSH_OT_BOOL, 0, "list inactive & active interfaces", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsIface[] = {
    { "interface", VSH_OT_STRING, VSH_OFLAG_REQ, "interface name or MAC address", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsIfaceDumpxml[] = {
    { "interface", VSH_OT_STRING, VSH_OFLAG_REQ, "interface name or MAC address", VSH_COMP_NONE },
    { "inactive", VSH_OT_BOOL, 0, "show inactive defined XML", VSH_COMP_NONE },
    { "xpath", VSH_OT_STRING, 0, "xpath expression to filter the XML document", VSH_COMP_NONE },
    { "wrap", VSH_OT_BOOL, 0, "wrap xpath results in an common root element", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsIfaceMac[] = {
    { "interface", VSH_OT_STRING, VSH_OFLAG_REQ, "interface name", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsIfaceName[] = {
    { "interface", VSH_OT_STRING, VSH_OFLAG_REQ, "interface mac", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsIfaceDefine[] = {
    { "file", VSH_OT_STRING, VSH_OFLAG_REQ, "file containing an XML interface description", VSH_COMP_NONE },
    { "validate", VSH_OT_BOOL, 0, "validate the XML against the schema", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsNone[] = {
    { NULL, 0, 0, NULL, 0 },
};

const vshCmdDef vshInterfaceCmds[] = {
    { "iface-begin", cmdIfaceBegin, optsNone, "create a snapshot of current interfaces settings, which can be later committed (iface-commit) or restored (iface-rollback)",
      "Create a restore point for interfaces settings", 0 },
    { "iface-commit", cmdIfaceCommit, optsNone, "commit changes made since iface-begin and free restore point",
      "commit changes and free restore point", 0 },
    { "iface-define", cmdIfaceDefine, optsIfaceDefine,
      "define an inactive persistent physical host interface or modify an existing persistent one from an XML file",
      "Define or modify a persistent physical host interface.", 0 },
    { "iface-destroy", cmdIfaceDestroy, optsIface, "destroy a physical host interface (disable it / \"if-down\")",
      "forcefully stop a physical host interface", 0 },
    { "iface-dumpxml", cmdIfaceDumpxml, optsIfaceDumpxml, "interface information in XML",
      "Output the physical host interface information as an XML dump to stdout.", 0 },
    { "iface-list", cmdIfaceList, optsIfaceList, "list physical host interfaces",
      "Returns list of physical host interfaces.", 0 },
    { "iface-mac", cmdIfaceMac, optsIfaceMac, "convert an interface name to interface MAC address", "", 0 },
    { "iface-name", cmdIfaceName, optsIfaceName, "convert an interface MAC address to interface name", "", 0 },
    { "iface-rollback", cmdIfaceRollback, optsNone, "rollback to previous saved configuration created via iface-begin",
      "rollback to previous restore point", 0 },
    { "iface-start", cmdIfaceStart, optsIface, "start a physical host interface (enable it / \"if-up\")",
      "start a physical host interface.", 0 },
    { "iface-undefine", cmdIfaceUndefine, optsIface, "undefine a physical host interface (remove it from configuration)",
      "undefine an interface.", 0 },
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
