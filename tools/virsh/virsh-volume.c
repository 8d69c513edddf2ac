/* virsh-volume.c: the "Storage Volume" group: vol-list, vol-info, the
 * names, keys and paths of volumes, and creating, cloning and deleting
 * them. */
#include <stdlib.h>
#include <string.h>

#include "vsh.h"

static const char *volTypeName(int type)
{
    switch (type) {
    case VIR_STORAGE_VOL_FILE: return "file";
    case VIR_STORAGE_VOL_BLOCK: return "block";
    case VIR_STORAGE_VOL_DIR: return "dir";
    case VIR_STORAGE_VOL_NETWORK: return "network";
    case VIR_STORAGE_VOL_NETDIR: return "netdir";
    case VIR_STORAGE_VOL_PLOOP: return "ploop";
    default: return "unknown";
    }
}

static int volCompare(const void *a, const void *b)
{
    return strcmp(virStorageVolGetName(*(virStorageVolPtr const *)a),
                  virStorageVolGetName(*(virStorageVolPtr const *)b));
}

static bool cmdVolList(vshControl *ctl, const vshCmd *cmd)
{
    static const char *const titles[] = { "Name", "Path", "Type", "Capacity", "Allocation" };
    bool details = vshOptBool(cmd, "details");
    virStoragePoolPtr pool = vshCommandPool(ctl, cmd, "pool", NULL, VSH_BYUUID | VSH_BYNAME);
    virStorageVolPtr *vols = NULL;
    vshTable *table = NULL;
    int n = 0;
    bool ok = false;

    if (!pool)
        return false;
    if ((n = virStoragePoolListAllVolumes(pool, &vols, 0)) < 0) {
        vshError(ctl, "%s", "Failed to list storage volumes");
        n = 0;
        goto cleanup;
    }
    if (n > 1)
        qsort(vols, n, sizeof(*vols), volCompare);
    if (!(table = vshTableNew(titles, details ? 5 : 2)))
        goto cleanup;
    for (int i = 0; i < n; i++) {
        char *path = virStorageVolGetPath(vols[i]);
        char sizes[2][32] = { "unknown", "unknown" };
        const char *cells[5] = { virStorageVolGetName(vols[i]), path ? path : "unknown",
                                 "unknown", sizes[0], sizes[1] };
        virStorageVolInfo info;
        int rc;
        if (details && virStorageVolGetInfo(vols[i], &info) == 0) {
            cells[2] = volTypeName(info.type);
            vshFormatSize(info.capacity, 2, sizes[0], sizeof(sizes[0]));
            vshFormatSize(info.allocation, 2, sizes[1], sizeof(sizes[1]));
        }
        rc = vshTableRowAdd(table, cells);
        free(path);
        if (rc < 0)
            goto cleanup;
    }
    vshTablePrint(ctl, table);
    vshResetError();
    ok = true;

 cleanup:
    vshTableFree(table);
    for (int i = 0; i < n; i++)
        virStorageVolFree(vols[i]);
    free(vols);
    virStoragePoolFree(pool);
    return ok;
}

static bool cmdVolInfo(vshControl *ctl, const vshCmd *cmd)
{
    virStorageVolPtr vol = vshCommandVol(ctl, cmd, NULL);
    bool bytes = vshOptBool(cmd, "bytes");
    virStorageVolInfo info;
    int rc;
    bool ok = false;

    if (!vol)
        return false;
    vshPrint(ctl, "%-15s %s\n", "Name:", virStorageVolGetName(vol));
    rc = vshOptBool(cmd, "physical") ? virStorageVolGetInfoFlags(vol, &info, VIR_STORAGE_VOL_GET_PHYSICAL)
                                     : virStorageVolGetInfo(vol, &info);
    if (rc == 0) {
        const struct { const char *label; unsigned long long v; } rows[] = {
            { "Capacity:", info.capacity },
            { vshOptBool(cmd, "physical") ? "Physical:" : "Allocation:", info.allocation },
        };
        vshPrint(ctl, "%-15s %s\n", "Type:", volTypeName(info.type));
        for (size_t i = 0; i < 2; i++) {
            char text[48];
            if (bytes)
                snprintf(text, sizeof(text), "%llu bytes", rows[i].v);
            else
                vshFormatSize(rows[i].v, 2, text, sizeof(text));
            vshPrint(ctl, "%-15s %s\n", rows[i].label, text);
        }
        ok = true;
    }
    virStorageVolFree(vol);
    return ok;
}

static bool cmdVolDumpxml(vshControl *ctl, const vshCmd *cmd)
{
    virStorageVolPtr vol = vshCommandVol(ctl, cmd, NULL);
    char *xml;

    if (!vol)
        return false;
    xml = virStorageVolGetXMLDesc(vol, 0);
    virStorageVolFree(vol);
    if (!xml)
        return false;
    vshPrint(ctl, "%s", xml);
    free(xml);
    return true;
}

static bool cmdVolPath(vshControl *ctl, const vshCmd *cmd)
{
    virStorageVolPtr vol = vshCommandVol(ctl, cmd, NULL);
    char *path;

    if (!vol)
        return false;
    path = virStorageVolGetPath(vol);
    virStorageVolFree(vol);
    if (!path)
        return false;
    vshPrint(ctl, "%s\n", path);
    free(path);
    return true;
}

static bool cmdVolKey(vshControl *ctl, const vshCmd *cmd)
{
    virStorageVolPtr vol = vshCommandVol(ctl, cmd, NULL);
    const char *key;

    if (!vol)
        return false;
    if ((key = virStorageVolGetKey(vol)))
        vshPrint(ctl, "%s\n", key);
    virStorageVolFree(vol);
    return key != NULL;
}

static bool cmdVolName(vshControl *ctl, const vshCmd *cmd)
{
    virStorageVolPtr vol = vshCommandVol(ctl, cmd, NULL);

    if (!vol)
        return false;
    vshPrint(ctl, "%s\n", virStorageVolGetName(vol));
    virStorageVolFree(vol);
    return true;
}

static bool cmdVolPool(vshControl *ctl, const vshCmd *cmd)
{
    virStorageVolPtr vol = vshCommandVol(ctl, cmd, NULL);
    virStoragePoolPtr pool;

    if (!vol)
        return false;
    pool = virStoragePoolLookupByVolume(vol);
    virStorageVolFree(vol);
    if (!pool) {
        vshError(ctl, "%s", "failed to get parent pool");
        return false;
    }
    if (vshOptBool(cmd, "uuid")) {
        char uuid[VIR_UUID_STRING_BUFLEN] = "";
        virStoragePoolGetUUIDString(pool, uuid);
        vshPrint(ctl, "%s\n", uuid);
    } else {
        vshPrint(ctl, "%s\n", virStoragePoolGetName(pool));
    }
    virStoragePoolFree(pool);
    return true;
}

static bool volCreateXml(vshControl *ctl, virStoragePoolPtr pool, const char *xml, const char *from)
{
    virStorageVolPtr vol = virStorageVolCreateXML(pool, xml, 0);

    if (!vol) {
        if (from)
            vshError(ctl, "Failed to create vol from %s", from);
        else
            vshError(ctl, "%s", "Failed to create vol");
        return false;
    }
    if (from)
        vshPrintExtra(ctl, "Vol %s created from %s\n", virStorageVolGetName(vol), from);
    else
        vshPrintExtra(ctl, "Vol %s created\n", virStorageVolGetName(vol));
    virStorageVolFree(vol);
    return true;
}

static bool cmdVolCreateAs(vshControl *ctl, const vshCmd *cmd)
{
    const char *name = vshOptString(cmd, "name"), *format = vshOptString(cmd, "format");
    const char *allocText = vshOptString(cmd, "allocation");
    unsigned long long capacity, allocation = 0;
    virStoragePoolPtr pool = NULL;
    char xml[4096];
    size_t used;
    bool ok = false;

    if (!vshParseBytes(ctl, vshOptString(cmd, "capacity"), &capacity))
        return false;
    if (allocText && !vshParseBytes(ctl, allocText, &allocation))
        return false;
    used = snprintf(xml, sizeof(xml), "<volume>\n  <name>%s</name>\n  <capacity>%llu</capacity>\n",
                    name, capacity);
    if (allocText && used < sizeof(xml))
        used += snprintf(xml + used, sizeof(xml) - used, "  <allocation>%llu</allocation>\n", allocation);
    if (format && used < sizeof(xml))
        used += snprintf(xml + used, sizeof(xml) - used,
                         "  <target>\n    <format type='%s'/>\n  </target>\n", format);
    if (used < sizeof(xml))
        used += snprintf(xml + used, sizeof(xml) - used, "</volume>\n");
    if (used >= sizeof(xml)) {
        vshError(ctl, "%s", "volume description too long");
        return false;
    }
    if (vshOptBool(cmd, "print-xml")) {
        vshPrint(ctl, "%s", xml);
        return true;
    }
    if (!(pool = vshCommandPool(ctl, cmd, "pool", NULL, VSH_BYUUID | VSH_BYNAME)))
        return false;
    ok = volCreateXml(ctl, pool, xml, NULL);
    virStoragePoolFree(pool);
    return ok;
}

static bool cmdVolCreate(vshControl *ctl, const vshCmd *cmd)
{
    const char *file = vshOptString(cmd, "file");
    virStoragePoolPtr pool = vshCommandPool(ctl, cmd, "pool", NULL, VSH_BYUUID | VSH_BYNAME);
    char *xml;
    bool ok = false;

    if (!pool)
        return false;
    if ((xml = vshReadFile(ctl, file)))
        ok = volCreateXml(ctl, pool, xml, file);
    free(xml);
    virStoragePoolFree(pool);
    return ok;
}

static bool cmdVolClone(vshControl *ctl, const vshCmd *cmd)
{
    const char *name;
    const char *newname = vshOptString(cmd, "newname");
    virStorageVolPtr vol = vshCommandVol(ctl, cmd, &name), clone = NULL;
    virStoragePoolPtr pool = NULL;
    char *xml = NULL, *at, *end, *renamed = NULL;
    bool ok = false;

    if (!vol)
        return false;
    if (!(pool = virStoragePoolLookupByVolume(vol)) || !(xml = virStorageVolGetXMLDesc(vol, 0)))
        goto cleanup;
    /* the source's description under the new name */
    if (!(at = strstr(xml, "<name>")) || !(end = strstr(at, "</name>")))
        goto cleanup;
    if (!(renamed = malloc(strlen(xml) + strlen(newname) + 1)))
        goto cleanup;
    sprintf(renamed, "%.*s<name>%s%s", (int)(at - xml), xml, newname, end);
    if (!(clone = virStorageVolCreateXMLFrom(pool, renamed, vol, 0))) {
        vshError(ctl, "Failed to clone vol from %s", virStorageVolGetName(vol));
        goto cleanup;
    }
    vshPrintExtra(ctl, "Vol %s cloned from %s\n", newname, virStorageVolGetName(vol));
    ok = true;

 cleanup:
    if (clone)
        virStorageVolFree(clone);
    free(renamed);
    free(xml);
    if (pool)
        virStoragePoolFree(pool);
    virStorageVolFree(vol);
    return ok;
}

static bool cmdVolDelete(vshControl *ctl, const vshCmd *cmd)
{
    const char *name;
    virStorageVolPtr vol = vshCommandVol(ctl, cmd, &name);
    bool ok;

    if (!vol)
        return false;
    if ((ok = virStorageVolDelete(vol, 0) == 0))
        vshPrintExtra(ctl, "Vol %s deleted\n", name);
    else
        vshError(ctl, "Failed to delete vol %s", name);
    virStorageVolFree(vol);
    return ok;
}

static bool cmdVolWipe(vshControl *ctl, const vshCmd *cmd)
{
    const char *name;
    virStorageVolPtr vol = vshCommandVol(ctl, cmd, &name);
    bool ok;

    if (!vol)
        return false;
    if ((ok = virStorageVolWipe(vol, 0) == 0))
        vshPrintExtra(ctl, "Vol %s wiped\n", name);
    else
        vshError(ctl, "Failed to wipe vol %s", name);
    virStorageVolFree(vol);
    return ok;
}

static bool cmdVolResize(vshControl *ctl, const vshCmd *cmd)
{
    const char *name, *text = vshOptString(cmd, "capacity");
    unsigned long long capacity;
    unsigned int flags = 0;
    virStorageVolPtr vol;
    bool ok;

    if (vshOptBool(cmd, "allocate"))
        flags |= VIR_STORAGE_VOL_RESIZE_ALLOCATE;
    if (vshOptBool(cmd, "delta"))
        flags |= VIR_STORAGE_VOL_RESIZE_DELTA;
    if (vshOptBool(cmd, "shrink"))
        flags |= VIR_STORAGE_VOL_RESIZE_SHRINK;
    if (!vshParseBytes(ctl, text, &capacity))
        return false;
    if (!(vol = vshCommandVol(ctl, cmd, &name)))
        return false;
    if ((ok = virStorageVolResize(vol, capacity, flags) == 0))
        vshPrintExtra(ctl, "Size of volume '%s' successfully changed to %s\n", name, text);
    else
        vshError(ctl, "Failed to change size of volume '%s' to %s", name, text);
    virStorageVolFree(vol);
    return ok;
}

#define VOL_OPTS(help) \
    { "vol", VSH_OT_STRING, VSH_OFLAG_REQ, help, VSH_COMP_NONE }, \
    { "pool", VSH_OT_STRING, 0, "pool name or uuid", VSH_COMP_POOL }

static const vshOptDef optsVol[] = {
    VOL_OPTS("vol name, key or path"),
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsVolInfo[] = {
    VOL_OPTS("vol name, key or path"),
    { "bytes", VSH_OT_BOOL, 0, "sizes are represented in bytes rather than pretty units", VSH_COMP_NONE },
    { "physical", VSH_OT_BOOL, 0, "return the physical size of the volume in allocation field", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsVolKey[] = {
    VOL_OPTS("volume name or path"),
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsVolName[] = {
    { "vol", VSH_OT_STRING, VSH_OFLAG_REQ, "volume key or path", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsVolPool[] = {
    { "vol", VSH_OT_STRING, VSH_OFLAG_REQ, "volume key or path", VSH_COMP_NONE },
    { "uuid", VSH_OT_BOOL, 0, "return the pool uuid rather than pool name", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsVolList[] = {
    { "pool", VSH_OT_STRING, VSH_OFLAG_REQ, "pool name or uuid", VSH_COMP_POOL },
    { "details", VSH_OT_BOOL, 0, "display extended details for volumes", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsVolCreateAs[] = {
    { "pool", VSH_OT_STRING, VSH_OFLAG_REQ, "pool name", VSH_COMP_POOL },
    { "name", VSH_OT_STRING, VSH_OFLAG_REQ, "name of the volume", VSH_COMP_NONE },
    { "capacity", VSH_OT_STRING, VSH_OFLAG_REQ, "size of the vol, as scaled integer (default bytes)", VSH_COMP_NONE },
    { "allocation", VSH_OT_STRING, 0, "initial allocation size, as scaled integer (default bytes)", VSH_COMP_NONE },
    { "format", VSH_OT_STRING, 0, "file format type raw,bochs,qcow,qcow2,qed,vmdk", VSH_COMP_NONE },
    { "print-xml", VSH_OT_BOOL, 0, "print XML document, but don't define/create", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsVolCreate[] = {
    { "pool", VSH_OT_STRING, VSH_OFLAG_REQ, "pool name", VSH_COMP_POOL },
    { "file", VSH_OT_STRING, VSH_OFLAG_REQ, "file containing an XML vol description", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsVolClone[] = {
    { "vol", VSH_OT_STRING, VSH_OFLAG_REQ, "orig vol name or key", VSH_COMP_NONE },
    { "newname", VSH_OT_STRING, VSH_OFLAG_REQ, "clone name", VSH_COMP_NONE },
    { "pool", VSH_OT_STRING, 0, "pool name or uuid", VSH_COMP_POOL },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsVolResize[] = {
    { "vol", VSH_OT_STRING, VSH_OFLAG_REQ, "vol name, key or path", VSH_COMP_NONE },
    { "capacity", VSH_OT_STRING, VSH_OFLAG_REQ, "new capacity for the vol, as scaled integer (default bytes)", VSH_COMP_NONE },
    { "pool", VSH_OT_STRING, 0, "pool name or uuid", VSH_COMP_POOL },
    { "allocate", VSH_OT_BOOL, 0, "allocate the new capacity, rather than leaving it sparse", VSH_COMP_NONE },
    { "delta", VSH_OT_BOOL, 0, "use capacity as a delta to current size, rather than the new size", VSH_COMP_NONE },
    { "shrink", VSH_OT_BOOL, 0, "allow the resize to shrink the volume", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

const vshCmdDef vshVolumeCmds[] = {
    { "vol-clone", cmdVolClone, optsVolClone, "clone a volume.",
      "Clone an existing volume within the parent pool.", 0 },
    { "vol-create", cmdVolCreate, optsVolCreate, "create a vol from an XML file",
      "Create a vol.", 0 },
    { "vol-create-as", cmdVolCreateAs, optsVolCreateAs, "create a volume from a set of args",
      "Create a vol.", 0 },
    { "vol-delete", cmdVolDelete, optsVol, "delete a vol", "Delete a given vol.", 0 },
    { "vol-dumpxml", cmdVolDumpxml, optsVol, "vol information in XML",
      "Output the vol information as an XML dump to stdout.", 0 },
    { "vol-info", cmdVolInfo, optsVolInfo, "storage vol information",
      "Returns basic information about the storage vol.", 0 },
    { "vol-key", cmdVolKey, optsVolKey, "returns the volume key for a given volume name or path", "", 0 },
    { "vol-list", cmdVolList, optsVolList, "list vols", "Returns list of vols by pool.", 0 },
    { "vol-name", cmdVolName, optsVolName, "returns the volume name for a given volume key or path", "", 0 },
    { "vol-path", cmdVolPath, optsVolKey, "returns the volume path for a given volume name or key", "", 0 },
    { "vol-pool", cmdVolPool, optsVolPool, "returns the storage pool for a given volume key or path", "", 0 },
    { "vol-resize", cmdVolResize, optsVolResize, "resize a vol", "Resizes a storage volume.", 0 },
    { "vol-wipe", cmdVolWipe, optsVol, "wipe a vol", "Ensure data previously on a volume is not accessible to future reads.", 0 },
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
