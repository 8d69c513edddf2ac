/* virsh-network.c: the "Networking" group: net-list, net-info and the
 * network life cycle commands. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vsh.h"

static int netCompare(const void *a, const void *b)
{
    return strcmp(virNetworkGetName(*(virNetworkPtr const *)a),
                  virNetworkGetName(*(virNetworkPtr const *)b));
}

/* Fallback for drivers without virConnectListAllNetworks. */
static int collectNetworksOldStyle(vshControl *ctl, bool active, bool inactive,
                                   virNetworkPtr **nets, size_t *n)
{
    for (int pass = 0; pass < 2; pass++) {
        bool act = pass == 0;
        char **names = NULL;
        int count;
        if ((act && !active) || (!act && !inactive))
            continue;
        count = act ? virConnectNumOfNetworks(ctl->conn)
                    : virConnectNumOfDefinedNetworks(ctl->conn);
        if (count < 0)
            return -1;
        if (count == 0)
            continue;
        if (!(names = calloc(count, sizeof(*names))))
            return -1;
        count = act ? virConnectListNetworks(ctl->conn, names, count)
                    : virConnectListDefinedNetworks(ctl->conn, names, count);
        for (int i = 0; i < count; i++) {
            virNetworkPtr net = virNetworkLookupByName(ctl->conn, names[i]);
            virNetworkPtr *grown;
            free(names[i]);
            if (!net)
                continue;
            if (!(grown = realloc(*nets, (*n + 1) * sizeof(*grown)))) {
                virNetworkFree(net);
                continue;
            }
            *nets = grown;
            (*nets)[(*n)++] = net;
        }
        free(names);
        if (count < 0)
            return -1;
    }
    vshResetError();
    return 0;
}

static bool cmdNetList(vshControl *ctl, const vshCmd *cmd)
{
    static const char *const titles[] = { "Name", "State", "Autostart", "Persistent" };
    bool all = vshOptBool(cmd, "all"), inactiveOnly = vshOptBool(cmd, "inactive");
    bool active = all || !inactiveOnly, inactive = all || inactiveOnly;
    virNetworkPtr *nets = NULL;
    vshTable *table = NULL;
    size_t n = 0;
    unsigned int flags = 0;
    int got;
    bool ok = false;

    if (active && !inactive)
        flags = VIR_CONNECT_LIST_NETWORKS_ACTIVE;
    else if (inactive && !active)
        flags = VIR_CONNECT_LIST_NETWORKS_INACTIVE;
    if (vshOptBool(cmd, "persistent"))
        flags |= VIR_CONNECT_LIST_NETWORKS_PERSISTENT;
    if (vshOptBool(cmd, "transient"))
        flags |= VIR_CONNECT_LIST_NETWORKS_TRANSIENT;
    if (vshOptBool(cmd, "autostart"))
        flags |= VIR_CONNECT_LIST_NETWORKS_AUTOSTART;
    if (vshOptBool(cmd, "no-autostart"))
        flags |= VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART;
    if (vshOptBool(cmd, "table") + vshOptBool(cmd, "name") + vshOptBool(cmd, "uuid") > 1) {
        vshError(ctl, "%s", "Only one argument from --table, --name and --uuid may be specified.");
        return false;
    }
    got = virConnectListAllNetworks(ctl->conn, &nets, flags);
    if (got >= 0) {
        n = got;
    } else {
        virErrorPtr err = virGetLastError();
        if (!err || err->code != VIR_ERR_NO_SUPPORT)
            goto cleanup;
        if (collectNetworksOldStyle(ctl, active, inactive, &nets, &n) < 0)
            goto cleanup;
    }
    if (n)
        qsort(nets, n, sizeof(*nets), netCompare);

    if (vshOptBool(cmd, "name") || vshOptBool(cmd, "uuid")) {
        for (size_t i = 0; i < n; i++) {
            char uuid[VIR_UUID_STRING_BUFLEN] = "";
            virNetworkGetUUIDString(nets[i], uuid);
            if (vshOptBool(cmd, "uuid") && vshOptBool(cmd, "name"))
                vshPrint(ctl, "%-36s  %s\n", uuid, virNetworkGetName(nets[i]));
            else
                vshPrint(ctl, "%s\n", vshOptBool(cmd, "uuid") ? uuid : virNetworkGetName(nets[i]));
        }
        ok = true;
        goto cleanup;
    }

    if (!(table = vshTableNew(titles, 4)))
        goto cleanup;
    for (size_t i = 0; i < n; i++) {
        int isActive = virNetworkIsActive(nets[i]);
        int persistent = virNetworkIsPersistent(nets[i]);
        int autostart;
        const char *cells[4];
        cells[0] = virNetworkGetName(nets[i]);
        cells[1] = isActive < 0 ? "unknown" : isActive ? "active" : "inactive";
        if (virNetworkGetAutostart(nets[i], &autostart) < 0)
            cells[2] = "no autostart";
        else
            cells[2] = autostart ? "yes" : "no";
        cells[3] = persistent < 0 ? "unknown" : persistent ? "yes" : "no";
        if (vshTableRowAdd(table, cells) < 0)
            goto cleanup;
    }
    vshTablePrint(ctl, table);
    vshResetError();
    ok = true;

 cleanup:
    vshTableFree(table);
    for (size_t i = 0; i < n; i++)
        virNetworkFree(nets[i]);
    free(nets);
    return ok;
}

static bool cmdNetInfo(vshControl *ctl, const vshCmd *cmd)
{
    virNetworkPtr net = vshCommandNetwork(ctl, cmd, NULL, VSH_BYNAME | VSH_BYUUID);
    char uuid[VIR_UUID_STRING_BUFLEN];
    int active, persistent, autostart;
    char *bridge;

    if (!net)
        return false;
    vshPrint(ctl, "%-15s %s\n", "Name:", virNetworkGetName(net));
    if (virNetworkGetUUIDString(net, uuid) == 0)
        vshPrint(ctl, "%-15s %s\n", "UUID:", uuid);
    active = virNetworkIsActive(net);
    if (active >= 0)
        vshPrint(ctl, "%-15s %s\n", "Active:", active ? "yes" : "no");
    persistent = virNetworkIsPersistent(net);
    vshPrint(ctl, "%-15s %s\n", "Persistent:",
             persistent < 0 ? "unknown" : persistent ? "yes" : "no");
    if (virNetworkGetAutostart(net, &autostart) < 0)
        vshPrint(ctl, "%-15s %s\n", "Autostart:", "no autostart");
    else
        vshPrint(ctl, "%-15s %s\n", "Autostart:", autostart ? "yes" : "no");
    if ((bridge = virNetworkGetBridgeName(net))) {
        vshPrint(ctl, "%-15s %s\n", "Bridge:", bridge);
        free(bridge);
    }
    vshResetError();
    virNetworkFree(net);
    return true;
}

static bool cmdNetDumpxml(vshControl *ctl, const vshCmd *cmd)
{
    virNetworkPtr net = vshCommandNetwork(ctl, cmd, NULL, VSH_BYNAME | VSH_BYUUID);
    char *xml;

    if (!net)
        return false;
    xml = virNetworkGetXMLDesc(net, vshOptBool(cmd, "inactive") ? VIR_NETWORK_XML_INACTIVE : 0);
    virNetworkFree(net);
    if (!xml)
        return false;
    vshPrint(ctl, "%s", xml);
    free(xml);
    return true;
}

static bool netFromFile(vshControl *ctl, const vshCmd *cmd, bool start)
{
    const char *file = vshOptString(cmd, "file");
    char *xml = vshReadFile(ctl, file);
    virNetworkPtr net;

    if (!xml)
        return false;
    net = start ? virNetworkCreateXML(ctl->conn, xml) : virNetworkDefineXML(ctl->conn, xml);
    free(xml);
    if (!net) {
        vshError(ctl, "Failed to %s network from %s", start ? "create" : "define", file);
        return false;
    }
    vshPrintExtra(ctl, "Network %s %s from %s\n", virNetworkGetName(net),
                  start ? "created" : "defined", file);
    virNetworkFree(net);
    return true;
}

static bool cmdNetDefine(vshControl *ctl, const vshCmd *cmd) { return netFromFile(ctl, cmd, false); }
static bool cmdNetCreate(vshControl *ctl, const vshCmd *cmd) { return netFromFile(ctl, cmd, true); }

/* net-start, net-destroy, net-undefine. */
static bool netAction(vshControl *ctl, const vshCmd *cmd, int (*action)(virNetworkPtr),
                      const char *done, const char *failed)
{
    const char *name;
    virNetworkPtr net = vshCommandNetwork(ctl, cmd, &name, VSH_BYNAME | VSH_BYUUID);
    bool ok = false;

    if (!net)
        return false;
    if (action(net) == 0) {
        vshPrintExtra(ctl, "Network %s %s\n", name, done);
        ok = true;
    } else {
        vshError(ctl, "Failed to %s network %s", failed, name);
    }
    virNetworkFree(net);
    return ok;
}

static bool cmdNetStart(vshControl *ctl, const vshCmd *cmd)
{
    return netAction(ctl, cmd, virNetworkCreate, "started", "start");
}

static bool cmdNetDestroy(vshControl *ctl, const vshCmd *cmd)
{
    return netAction(ctl, cmd, virNetworkDestroy, "destroyed", "destroy");
}

static bool cmdNetUndefine(vshControl *ctl, const vshCmd *cmd)
{
    return netAction(ctl, cmd, virNetworkUndefine, "has been undefined", "undefine");
}

static bool cmdNetAutostart(vshControl *ctl, const vshCmd *cmd)
{
    const char *name;
    bool enable = !vshOptBool(cmd, "disable");
    virNetworkPtr net = vshCommandNetwork(ctl, cmd, &name, VSH_BYNAME | VSH_BYUUID);
    bool ok = false;

    if (!net)
        return false;
    if (virNetworkSetAutostart(net, enable) < 0) {
        vshError(ctl, "failed to %smark network %s as autostarted", enable ? "" : "un", name);
    } else {
        vshPrintExtra(ctl, "Network %s %smarked as autostarted\n", name, enable ? "" : "un");
        ok = true;
    }
    virNetworkFree(net);
    return ok;
}

static bool cmdNetName(vshControl *ctl, const vshCmd *cmd)
{
    virNetworkPtr net = vshCommandNetwork(ctl, cmd, NULL, VSH_BYUUID);
    if (!net)
        return false;
    vshPrint(ctl, "%s\n", virNetworkGetName(net));
    virNetworkFree(net);
    return true;
}

static bool cmdNetUuid(vshControl *ctl, const vshCmd *cmd)
{
    virNetworkPtr net = vshCommandNetwork(ctl, cmd, NULL, VSH_BYNAME);
    char uuid[VIR_UUID_STRING_BUFLEN];
    bool ok = false;

    if (!net)
        return false;
    if (virNetworkGetUUIDString(net, uuid) == 0) {
        vshPrint(ctl, "%s\n", uuid);
        ok = true;
    } else {
        vshError(ctl, "%s", "failed to get network UUID");
    }
    virNetworkFree(net);
    return ok;
}

static bool cmdNetDhcpLeases(vshControl *ctl, const vshCmd *cmd)
{
    static const char *const titles[] = { "Expiry Time", "MAC address", "Protocol",
                                          "IP address", "Hostname", "Client ID or DUID" };
    const char *name;
    virNetworkPtr net = vshCommandNetwork(ctl, cmd, &name, VSH_BYNAME | VSH_BYUUID);
    virNetworkDHCPLeasePtr *leases = NULL;
    vshTable *table = NULL;
    int n = 0;
    bool ok = false;

    if (!net)
        return false;
    if ((n = virNetworkGetDHCPLeases(net, vshOptString(cmd, "mac"), &leases, 0)) < 0) {
        vshError(ctl, "Failed to get leases info for %s", name);
        n = 0;
        goto cleanup;
    }
    if (!(table = vshTableNew(titles, 6)))
        goto cleanup;
    for (int i = 0; i < n; i++) {
        const virNetworkDHCPLease *l = leases[i];
        time_t expiry = (time_t)l->expirytime;
        struct tm tm;
        char when[32], addr[128];
        const char *cells[6] = { when, l->mac ? l->mac : "-",
                                 l->type == VIR_IP_ADDR_TYPE_IPV6 ? "ipv6" : "ipv4", addr,
                                 l->hostname ? l->hostname : "-", l->clientid ? l->clientid : "-" };
        localtime_r(&expiry, &tm);
        strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
        snprintf(addr, sizeof(addr), "%s/%u", l->ipaddr ? l->ipaddr : "", l->prefix);
        if (vshTableRowAdd(table, cells) < 0)
            goto cleanup;
    }
    vshTablePrint(ctl, table);
    ok = true;

 cleanup:
    vshTableFree(table);
    for (int i = 0; i < n; i++)
        virNetworkDHCPLeaseFree(leases[i]);
    free(leases);
    virNetworkFree(net);
    return ok;
}

static bool cmdNetPortList(vshControl *ctl, const vshCmd *cmd)
{
    static const char *const titles[] = { "UUID" };
    virNetworkPtr net = vshCommandNetwork(ctl, cmd, NULL, VSH_BYNAME | VSH_BYUUID);
    virNetworkPortPtr *ports = NULL;
    vshTable *table = NULL;
    int n = 0;
    bool ok = false;

    if (!net)
        return false;
    if ((n = virNetworkListAllPorts(net, &ports, 0)) < 0) {
        n = 0;
        goto cleanup;
    }
    if (!vshOptBool(cmd, "uuid") && !(table = vshTableNew(titles, 1)))
        goto cleanup;
    for (int i = 0; i < n; i++) {
        char uuid[VIR_UUID_STRING_BUFLEN] = "";
        const char *cells[1] = { uuid };
        virNetworkPortGetUUIDString(ports[i], uuid);
        if (!table)
            vshPrint(ctl, "%s\n", uuid);
        else if (vshTableRowAdd(table, cells) < 0)
            goto cleanup;
    }
    if (table)
        vshTablePrint(ctl, table);
    ok = true;

 cleanup:
    vshTableFree(table);
    for (int i = 0; i < n; i++)
        virNetworkPortFree(ports[i]);
    free(ports);
    virNetworkFree(net);
    return ok;
}

static const vshOptDef optsNetList[] = {
    { "inactive", VSH_OT_BOOL, 0, "list inactive networks", VSH_COMP_NONE },
    { "all", VSH_OT_BOOL, 0, "list inactive & active networks", VSH_COMP_NONE },
    { "persistent", VSH_OT_BOOL, 0, "list persistent networks", VSH_COMP_NONE },
    { "transient", VSH_OT_BOOL, 0, "list transient networks", VSH_COMP_NONE },
    { "autostart", VSH_OT_BOOL, 0, "list networks with autostart enabled", VSH_COMP_NONE },
    { "no-autostart", VSH_OT_BOOL, 0, "list networks with autostart disabled", VSH_COMP_NONE },
    { "uuid", VSH_OT_BOOL, 0, "list uuid's only", VSH_COMP_NONE },
    { "name", VSH_OT_BOOL, 0, "list network names only", VSH_COMP_NONE },
    { "table", VSH_OT_BOOL, 0, "list table (default)", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsNetDhcpLeases[] = {
    { "network", VSH_OT_STRING, VSH_OFLAG_REQ, "network name or uuid", VSH_COMP_NETWORK },
    { "mac", VSH_OT_STRING, 0, "MAC address", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsNetPortList[] = {
    { "network", VSH_OT_STRING, VSH_OFLAG_REQ, "network name or uuid", VSH_COMP_NETWORK },
    { "uuid", VSH_OT_BOOL, 0, "list uuid's only", VSH_COMP_NONE },
    { "table", VSH_OT_BOOL, 0, "list table (default)", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsNetwork[] = {
    { "network", VSH_OT_STRING, VSH_OFLAG_REQ, "network name or uuid", VSH_COMP_NETWORK },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsNetworkName[] = {
    { "network", VSH_OT_STRING, VSH_OFLAG_REQ, "network name", VSH_COMP_NETWORK },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsNetworkUuid[] = {
    { "network", VSH_OT_STRING, VSH_OFLAG_REQ, "network uuid", VSH_COMP_NETWORK },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsNetDumpxml[] = {
    { "network", VSH_OT_STRING, VSH_OFLAG_REQ, "network name or uuid", VSH_COMP_NETWORK },
    { "inactive", VSH_OT_BOOL, 0, "show inactive defined XML", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsNetAutostart[] = {
    { "network", VSH_OT_STRING, VSH_OFLAG_REQ, "network name or uuid", VSH_COMP_NETWORK },
    { "disable", VSH_OT_BOOL, 0, "disable autostarting", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsNetFile[] = {
    { "file", VSH_OT_STRING, VSH_OFLAG_REQ, "file containing an XML network description", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

const vshCmdDef vshNetworkCmds[] = {
    { "net-autostart", cmdNetAutostart, optsNetAutostart, "autostart a network",
      "Configure a network to be automatically started at boot.", 0 },
    { "net-create", cmdNetCreate, optsNetFile, "create a network from an XML file",
      "Create a network.", 0 },
    { "net-define", cmdNetDefine, optsNetFile,
      "define an inactive persistent virtual network or modify an existing persistent one from an XML file",
      "Define or modify a persistent virtual network.", 0 },
    { "net-dhcp-leases", cmdNetDhcpLeases, optsNetDhcpLeases, "print lease info for a given network",
      "Print lease info for a given network", 0 },
    { "net-destroy", cmdNetDestroy, optsNetwork, "destroy (stop) a network",
      "Forcefully stop a given network.", 0 },
    { "net-dumpxml", cmdNetDumpxml, optsNetDumpxml, "network information in XML",
      "Output the network information as an XML dump to stdout.", 0 },
    { "net-info", cmdNetInfo, optsNetwork, "network information",
      "Returns basic information about the network", 0 },
    { "net-list", cmdNetList, optsNetList, "list networks",
      "Returns list of networks.", 0 },
    { "net-name", cmdNetName, optsNetworkUuid, "convert a network UUID to network name", "", 0 },
    { "net-port-list", cmdNetPortList, optsNetPortList, "list network ports",
      "Returns list of network ports.", 0 },
    { "net-start", cmdNetStart, optsNetwork, "start a (previously defined) inactive network",
      "Start a network.", 0 },
    { "net-undefine", cmdNetUndefine, optsNetwork, "undefine a persistent network",
      "Undefine the configuration for a persistent network.", 0 },
    { "net-uuid", cmdNetUuid, optsNetworkName, "convert a network name to network UUID", "", 0 },
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
