/* virsh-nodedev.c: the "Node Device" group: listing host devices and
 * describing one. */
#include <stdlib.h>
#include <string.h>

#include "vsh.h"

static virNodeDevicePtr commandNodedev(vshControl *ctl, const vshCmd *cmd)
{
    const char *what = vshOptString(cmd, "device");
    virNodeDevicePtr dev;

    if (!what)
        return NULL;
    if (!(dev = virNodeDeviceLookupByName(ctl->conn, what)))
        vshError(ctl, "Could not find matching device '%s'", what);
    return dev;
}

static int devCompare(const void *a, const void *b)
{
    return strcmp(virNodeDeviceGetName(*(virNodeDevicePtr const *)a),
                  virNodeDeviceGetName(*(virNodeDevicePtr const *)b));
}

static const struct {
    const char *cap;
    unsigned int flag;
} capFlags[] = {
    { "system", VIR_CONNECT_LIST_NODE_DEVICES_CAP_SYSTEM },
    { "pci", VIR_CONNECT_LIST_NODE_DEVICES_CAP_PCI_DEV },
    { "usb_device", VIR_CONNECT_LIST_NODE_DEVICES_CAP_USB_DEV },
    { "usb", VIR_CONNECT_LIST_NODE_DEVICES_CAP_USB_INTERFACE },
    { "net", VIR_CONNECT_LIST_NODE_DEVICES_CAP_NET },
    { "scsi_host", VIR_CONNECT_LIST_NODE_DEVICES_CAP_SCSI_HOST },
    { "scsi_target", VIR_CONNECT_LIST_NODE_DEVICES_CAP_SCSI_TARGET },
    { "scsi", VIR_CONNECT_LIST_NODE_DEVICES_CAP_SCSI },
    { "storage", VIR_CONNECT_LIST_NODE_DEVICES_CAP_STORAGE },
    { "fc_host", VIR_CONNECT_LIST_NODE_DEVICES_CAP_FC_HOST },
    { "vports", VIR_CONNECT_LIST_NODE_DEVICES_CAP_VPORTS },
    { "scsi_generic", VIR_CONNECT_LIST_NODE_DEVICES_CAP_SCSI_GENERIC },
    { "drm", VIR_CONNECT_LIST_NODE_DEVICES_CAP_DRM },
    { "mdev_types", VIR_CONNECT_LIST_NODE_DEVICES_CAP_MDEV_TYPES },
    { "mdev", VIR_CONNECT_LIST_NODE_DEVICES_CAP_MDEV },
    { "ccw", VIR_CONNECT_LIST_NODE_DEVICES_CAP_CCW_DEV },
    { "css", VIR_CONNECT_LIST_NODE_DEVICES_CAP_CSS_DEV },
    { "vdpa", VIR_CONNECT_LIST_NODE_DEVICES_CAP_VDPA },
    { "ap_card", VIR_CONNECT_LIST_NODE_DEVICES_CAP_AP_CARD },
    { "ap_queue", VIR_CONNECT_LIST_NODE_DEVICES_CAP_AP_QUEUE },
    { "ap_matrix", VIR_CONNECT_LIST_NODE_DEVICES_CAP_AP_MATRIX },
    { "vpd", VIR_CONNECT_LIST_NODE_DEVICES_CAP_VPD },
};

static bool cmdNodedevList(vshControl *ctl, const vshCmd *cmd)
{
    const char *caps = vshOptString(cmd, "cap");
    bool all = vshOptBool(cmd, "all"), inactive = vshOptBool(cmd, "inactive");
    unsigned int flags = all ? VIR_CONNECT_LIST_NODE_DEVICES_ACTIVE | VIR_CONNECT_LIST_NODE_DEVICES_INACTIVE
                             : inactive ? VIR_CONNECT_LIST_NODE_DEVICES_INACTIVE
                                        : VIR_CONNECT_LIST_NODE_DEVICES_ACTIVE;
    virNodeDevicePtr *devs = NULL;
    int n;

    if (all && inactive) {
        vshError(ctl, "%s", "Options --all and --inactive are mutually exclusive");
        return false;
    }
    if (caps) {
        char *copy = strdup(caps), *save = NULL;
        if (!copy)
            return false;
        for (char *c = strtok_r(copy, ",", &save); c; c = strtok_r(NULL, ",", &save)) {
            size_t i;
            for (i = 0; i < sizeof(capFlags) / sizeof(capFlags[0]); i++)
                if (strcmp(c, capFlags[i].cap) == 0)
                    break;
            if (i == sizeof(capFlags) / sizeof(capFlags[0])) {
                vshError(ctl, "Invalid capability type '%s'", c);
                free(copy);
                return false;
            }
            flags |= capFlags[i].flag;
        }
        free(copy);
    }
    if ((n = virConnectListAllNodeDevices(ctl->conn, &devs, flags)) < 0) {
        vshError(ctl, "%s", "Failed to list node devices");
        return false;
    }
    if (n > 1)
        qsort(devs, n, sizeof(*devs), devCompare);
    for (int i = 0; i < n; i++) {
        vshPrint(ctl, "%s\n", virNodeDeviceGetName(devs[i]));
        virNodeDeviceFree(devs[i]);
    }
    free(devs);
    return true;
}

static bool cmdNodedevDumpxml(vshControl *ctl, const vshCmd *cmd)
{
    virNodeDevicePtr dev = commandNodedev(ctl, cmd);
    char *xml;
    bool ok;

    if (!dev)
        return false;
    xml = virNodeDeviceGetXMLDesc(dev, 0);
    virNodeDeviceFree(dev);
    if (!xml)
        return false;
    ok = vshPrintXml(ctl, cmd, xml);
    free(xml);
    return ok;
}

static bool cmdNodedevInfo(vshControl *ctl, const vshCmd *cmd)
{
    virNodeDevicePtr dev = commandNodedev(ctl, cmd);
    const char *parent;
    int active, persistent, autostart;

    if (!dev)
        return false;
    parent = virNodeDeviceGetParent(dev);
    vshResetError();
    vshPrint(ctl, "%-15s %s\n", "Name:", virNodeDeviceGetName(dev));
    vshPrint(ctl, "%-15s %s\n", "Parent:", parent ? parent : "");
    active = virNodeDeviceIsActive(dev);
    vshPrint(ctl, "%-15s %s\n", "Active:", active < 0 ? "unknown" : active ? "yes" : "no");
    persistent = virNodeDeviceIsPersistent(dev);
    vshPrint(ctl, "%-15s %s\n", "Persistent:", persistent < 0 ? "unknown" : persistent ? "yes" : "no");
    if (virNodeDeviceGetAutostart(dev, &autostart) < 0)
        vshPrint(ctl, "%-15s %s\n", "Autostart:", "no autostart");
    else
        vshPrint(ctl, "%-15s %s\n", "Autostart:", autostart ? "yes" : "no");
    vshResetError();
    virNodeDeviceFree(dev);
    return true;
}

static const vshOptDef optsNodedevList[] = {
    { "tree", VSH_OT_BOOL, 0, "list devices in a tree", VSH_COMP_NONE },
    { "cap", VSH_OT_STRING, 0, "capability names, separated by comma", VSH_COMP_NONE },
    { "inactive", VSH_OT_BOOL, 0, "list inactive devices", VSH_COMP_NONE },
    { "all", VSH_OT_BOOL, 0, "list inactive & active devices", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsNodedevDumpxml[] = {
    { "device", VSH_OT_STRING, VSH_OFLAG_REQ, "device name or wwn pair in 'wwnn,wwpn' format", VSH_COMP_NONE },
    { "xpath", VSH_OT_STRING, 0, "xpath expression to filter the XML document", VSH_COMP_NONE },
    { "wrap", VSH_OT_BOOL, 0, "wrap xpath results in an common root element", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsNodedevInfo[] = {
    { "device", VSH_OT_STRING, VSH_OFLAG_REQ, "device name or wwn pair in 'wwnn,wwpn' format", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

const vshCmdDef vshNodedevCmds[] = {
    { "nodedev-dumpxml", cmdNodedevDumpxml, optsNodedevDumpxml, "node device details in XML",
      "Output the node device details as an XML dump to stdout.", 0 },
    { "nodedev-info", cmdNodedevInfo, optsNodedevInfo, "node device information",
      "Returns basic information about the node device", 0 },
    { "nodedev-list", cmdNodedevList, optsNodedevList, "enumerate devices on this host", "", 0 },
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
