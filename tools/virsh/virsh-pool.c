/* virsh-pool.c: the "Storage Pool" group: pool-list, pool-info, the pool
 * life cycle, and pool-define-as/pool-create-as, which write the pool XML
 * from options. */
#include <stdlib.h>
#include <string.h>

#include "vsh.h"

static int poolCompare(const void *a, const void *b)
{
    return strcmp(virStoragePoolGetName(*(virStoragePoolPtr const *)a),
                  virStoragePoolGetName(*(virStoragePoolPtr const *)b));
}

static const char *poolStateName(int state)
{
    switch (state) {
    case VIR_STORAGE_POOL_INACTIVE: return "inactive";
    case VIR_STORAGE_POOL_BUILDING: return "building";
    case VIR_STORAGE_POOL_RUNNING: return "running";
    case VIR_STORAGE_POOL_DEGRADED: return "degraded";
    case VIR_STORAGE_POOL_INACCESSIBLE: return "inaccessible";
    default: return "unknown";
    }
}

static const char *autostartWord(virStoragePoolPtr pool)
{
    int autostart;

    if (virStoragePoolGetAutostart(pool, &autostart) < 0) {
        vshResetError();
        return "no autostart";
    }
    return autostart ? "yes" : "no";
}

static const struct {
    const char *option;
    unsigned int flag;
} poolFilters[] = {
    { "transient", VIR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT },
    { "persistent", VIR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT },
    { "autostart", VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART },
    { "no-autostart", VIR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART },
};

static const struct {
    const char *type;
    unsigned int flag;
} poolTypes[] = {
    { "dir", VIR_CONNECT_LIST_STORAGE_POOLS_DIR },
    { "fs", VIR_CONNECT_LIST_STORAGE_POOLS_FS },
    { "netfs", VIR_CONNECT_LIST_STORAGE_POOLS_NETFS },
    { "logical", VIR_CONNECT_LIST_STORAGE_POOLS_LOGICAL },
    { "disk", VIR_CONNECT_LIST_STORAGE_POOLS_DISK },
    { "iscsi", VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI },
    { "scsi", VIR_CONNECT_LIST_STORAGE_POOLS_SCSI },
    { "mpath", VIR_CONNECT_LIST_STORAGE_POOLS_MPATH },
    { "rbd", VIR_CONNECT_LIST_STORAGE_POOLS_RBD },
    { "sheepdog", VIR_CONNECT_LIST_STORAGE_POOLS_SHEEPDOG },
    { "gluster", VIR_CONNECT_LIST_STORAGE_POOLS_GLUSTER },
    { "zfs", VIR_CONNECT_LIST_STORAGE_POOLS_ZFS },
    { "vstorage", VIR_CONNECT_LIST_STORAGE_POOLS_VSTORAGE },
    { "iscsi-direct", VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI_DIRECT },
};

/* --type dir,logical,... as listing flags; false after reporting. */
static bool poolTypeFlags(vshControl *ctl, const char *list, unsigned int *flags)
{
    char *copy, *save = NULL;
    bool ok = true;

    if (!list)
        return true;
    if (!(copy = strdup(list)))
        return false;
    for (char *t = strtok_r(copy, ",", &save); t && ok; t = strtok_r(NULL, ",", &save)) {
        size_t i;
        for (i = 0; i < sizeof(poolTypes) / sizeof(poolTypes[0]); i++)
            if (strcmp(t, poolTypes[i].type) == 0)
                break;
        if (i == sizeof(poolTypes) / sizeof(poolTypes[0])) {
            vshError(ctl, "Invalid pool type '%s'", t);
            ok = false;
        } else {
            *flags |= poolTypes[i].flag;
        }
    }
    free(copy);
    return ok;
}

static bool poolListDetails(vshControl *ctl, virStoragePoolPtr *pools, size_t n)
{
    static const char *const titles[] = { "Name", "State", "Autostart", "Persistent",
                                          "Capacity", "Allocation", "Available" };
    vshTable *table = vshTableNew(titles, 7);
    bool ok = false;

    if (!table)
        return false;
    for (size_t i = 0; i < n; i++) {
        virStoragePoolInfo info;
        char sizes[3][32] = { "-", "-", "-" };
        const char *cells[7] = { virStoragePoolGetName(pools[i]), "unknown",
                                 autostartWord(pools[i]), "unknown",
                                 sizes[0], sizes[1], sizes[2] };
        int persistent = virStoragePoolIsPersistent(pools[i]);
        if (persistent >= 0)
            cells[3] = persistent ? "yes" : "no";
        if (virStoragePoolGetInfo(pools[i], &info) == 0) {
            cells[1] = poolStateName(info.state);
            if (info.state == VIR_STORAGE_POOL_RUNNING || info.state == VIR_STORAGE_POOL_DEGRADED) {
                vshFormatSize(info.capacity, 2, sizes[0], sizeof(sizes[0]));
                vshFormatSize(info.allocation, 2, sizes[1], sizeof(sizes[1]));
                vshFormatSize(info.available, 2, sizes[2], sizeof(sizes[2]));
            }
        }
        if (vshTableRowAdd(table, cells) < 0)
            goto cleanup;
    }
    vshTablePrint(ctl, table);
    vshResetError();
    ok = true;

 cleanup:
    vshTableFree(table);
    return ok;
}

static bool cmdPoolList(vshControl *ctl, const vshCmd *cmd)
{
    static const char *const titles[] = { "Name", "State", "Autostart" };
    bool all = vshOptBool(cmd, "all"), inactive = vshOptBool(cmd, "inactive");
    bool optName = vshOptBool(cmd, "name"), optUuid = vshOptBool(cmd, "uuid");
    unsigned int flags = 0;
    virStoragePoolPtr *pools = NULL;
    vshTable *table = NULL;
    int n;
    bool ok = false;

    if (vshOptBool(cmd, "details") && (optName || optUuid)) {
        vshError(ctl, "Options --details and --%s are mutually exclusive", optName ? "name" : "uuid");
        return false;
    }
    if (!all)
        flags |= inactive ? VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE
                          : VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE;
    for (size_t i = 0; i < sizeof(poolFilters) / sizeof(poolFilters[0]); i++)
        if (vshOptBool(cmd, poolFilters[i].option))
            flags |= poolFilters[i].flag;
    if (!poolTypeFlags(ctl, vshOptString(cmd, "type"), &flags))
        return false;
    if ((n = virConnectListAllStoragePools(ctl->conn, &pools, flags)) < 0) {
        vshError(ctl, "%s", "Failed to list pools");
        return false;
    }
    if (n > 1)
        qsort(pools, n, sizeof(*pools), poolCompare);

    if (optName || optUuid) {
        for (int i = 0; i < n; i++) {
            char uuid[VIR_UUID_STRING_BUFLEN] = "";
            virStoragePoolGetUUIDString(pools[i], uuid);
            if (optUuid && optName)
                vshPrint(ctl, "%s %-20s\n", uuid, virStoragePoolGetName(pools[i]));
            else if (optUuid)
                vshPrint(ctl, "%s\n", uuid);
            else
                vshPrint(ctl, "%-20s\n", virStoragePoolGetName(pools[i]));
        }
        ok = true;
        goto cleanup;
    }
    if (vshOptBool(cmd, "details")) {
        ok = poolListDetails(ctl, pools, n);
        goto cleanup;
    }
    if (!(table = vshTableNew(titles, 3)))
        goto cleanup;
    for (int i = 0; i < n; i++) {
        int active = virStoragePoolIsActive(pools[i]);
        const char *cells[3] = { virStoragePoolGetName(pools[i]),
                                 active < 0 ? "unknown" : active ? "active" : "inactive",
                                 autostartWord(pools[i]) };
        if (vshTableRowAdd(table, cells) < 0)
            goto cleanup;
    }
    vshTablePrint(ctl, table);
    vshResetError();
    ok = true;

 cleanup:
    vshTableFree(table);
    for (int i = 0; i < n; i++)
        virStoragePoolFree(pools[i]);
    free(pools);
    return ok;
}

static bool cmdPoolInfo(vshControl *ctl, const vshCmd *cmd)
{
    virStoragePoolPtr pool = vshCommandPool(ctl, cmd, "pool", NULL, VSH_BYUUID | VSH_BYNAME);
    bool bytes = vshOptBool(cmd, "bytes");
    virStoragePoolInfo info;
    char uuid[VIR_UUID_STRING_BUFLEN];
    int persistent;
    bool ok = false;

    if (!pool)
        return false;
    vshPrint(ctl, "%-15s %s\n", "Name:", virStoragePoolGetName(pool));
    if (virStoragePoolGetUUIDString(pool, uuid) == 0)
        vshPrint(ctl, "%-15s %s\n", "UUID:", uuid);
    if (virStoragePoolGetInfo(pool, &info) < 0)
        goto cleanup;
    vshPrint(ctl, "%-15s %s\n", "State:", poolStateName(info.state));
    persistent = virStoragePoolIsPersistent(pool);
    vshPrint(ctl, "%-15s %s\n", "Persistent:",
             persistent < 0 ? "unknown" : persistent ? "yes" : "no");
    vshPrint(ctl, "%-15s %s\n", "Autostart:", autostartWord(pool));
    if (info.state == VIR_STORAGE_POOL_RUNNING || info.state == VIR_STORAGE_POOL_DEGRADED) {
        const struct { const char *label; unsigned long long v; } rows[] = {
            { "Capacity:", info.capacity }, { "Allocation:", info.allocation },
            { "Available:", info.available },
        };
        for (size_t i = 0; i < 3; i++) {
            char text[32];
            if (bytes)
                snprintf(text, sizeof(text), "%llu", rows[i].v);
            else
                vshFormatSize(rows[i].v, 2, text, sizeof(text));
            vshPrint(ctl, "%-15s %s\n", rows[i].label, text);
        }
    }
    ok = true;

 cleanup:
    virStoragePoolFree(pool);
    return ok;
}

static bool cmdPoolDumpxml(vshControl *ctl, const vshCmd *cmd)
{
    virStoragePoolPtr pool = vshCommandPool(ctl, cmd, "pool", NULL, VSH_BYUUID | VSH_BYNAME);
    char *xml;
    bool ok;

    if (!pool)
        return false;
    xml = virStoragePoolGetXMLDesc(pool, vshOptBool(cmd, "inactive") ? VIR_STORAGE_XML_INACTIVE : 0);
    virStoragePoolFree(pool);
    if (!xml)
        return false;
    ok = vshPrintXml(ctl, cmd, xml);
    free(xml);
    return ok;
}

static bool cmdPoolName(vshControl *ctl, const vshCmd *cmd)
{
    virStoragePoolPtr pool = vshCommandPool(ctl, cmd, "pool", NULL, VSH_BYUUID);

    if (!pool)
        return false;
    vshPrint(ctl, "%s\n", virStoragePoolGetName(pool));
    virStoragePoolFree(pool);
    return true;
}

static bool cmdPoolUuid(vshControl *ctl, const vshCmd *cmd)
{
    virStoragePoolPtr pool = vshCommandPool(ctl, cmd, "pool", NULL, VSH_BYNAME);
    char uuid[VIR_UUID_STRING_BUFLEN];
    bool ok;

    if (!pool)
        return false;
    if ((ok = virStoragePoolGetUUIDString(pool, uuid) == 0))
        vshPrint(ctl, "%s\n", uuid);
    else
        vshError(ctl, "%s", "failed to get pool UUID");
    virStoragePoolFree(pool);
    return ok;
}

static bool cmdPoolAutostart(vshControl *ctl, const vshCmd *cmd)
{
    const char *name;
    bool enable = !vshOptBool(cmd, "disable");
    virStoragePoolPtr pool = vshCommandPool(ctl, cmd, "pool", &name, VSH_BYUUID | VSH_BYNAME);
    bool ok = false;

    if (!pool)
        return false;
    if (virStoragePoolSetAutostart(pool, enable) < 0) {
        vshError(ctl, "failed to %smark pool %s as autostarted", enable ? "" : "un", name);
    } else {
        vshPrintExtra(ctl, "Pool %s %smarked as autostarted\n", name, enable ? "" : "un");
        ok = true;
    }
    virStoragePoolFree(pool);
    return ok;
}

static int poolStart(virStoragePoolPtr pool) { return virStoragePoolCreate(pool, 0); }
static int poolBuild(virStoragePoolPtr pool) { return virStoragePoolBuild(pool, 0); }
static int poolRefresh(virStoragePoolPtr pool) { return virStoragePoolRefresh(pool, 0); }
static int poolDelete(virStoragePoolPtr pool) { return virStoragePoolDelete(pool, 0); }

/* The one-call commands: "Pool NAME DONE" or "Failed to FAILED pool NAME". */
static bool poolAction(vshControl *ctl, const vshCmd *cmd, int (*action)(virStoragePoolPtr),
                       const char *done, const char *failed)
{
    const char *name;
    virStoragePoolPtr pool = vshCommandPool(ctl, cmd, "pool", &name, VSH_BYUUID | VSH_BYNAME);
    bool ok = false;

    if (!pool)
        return false;
    if (action(pool) == 0) {
        vshPrintExtra(ctl, "Pool %s %s\n", name, done);
        ok = true;
    } else {
        vshError(ctl, "Failed to %s pool %s", failed, name);
    }
    virStoragePoolFree(pool);
    return ok;
}

static bool cmdPoolStart(vshControl *ctl, const vshCmd *cmd)
{
    return poolAction(ctl, cmd, poolStart, "started", "start");
}

static bool cmdPoolDestroy(vshControl *ctl, const vshCmd *cmd)
{
    return poolAction(ctl, cmd, virStoragePoolDestroy, "destroyed", "destroy");
}

static bool cmdPoolUndefine(vshControl *ctl, const vshCmd *cmd)
{
    return poolAction(ctl, cmd, virStoragePoolUndefine, "has been undefined", "undefine");
}

static bool cmdPoolBuild(vshControl *ctl, const vshCmd *cmd)
{
    return poolAction(ctl, cmd, poolBuild, "built", "build");
}

static bool cmdPoolRefresh(vshControl *ctl, const vshCmd *cmd)
{
    return poolAction(ctl, cmd, poolRefresh, "refreshed", "refresh");
}

static bool cmdPoolDelete(vshControl *ctl, const vshCmd *cmd)
{
    return poolAction(ctl, cmd, poolDelete, "deleted", "delete");
}

static bool poolFromXml(vshControl *ctl, const char *xml, const char *from, bool start)
{
    virStoragePoolPtr pool = start ? virStoragePoolCreateXML(ctl->conn, xml, 0)
                                   : virStoragePoolDefineXML(ctl->conn, xml, 0);

    if (!pool) {
        if (from)
            vshError(ctl, "Failed to %s pool from %s", start ? "create" : "define", from);
        else
            vshError(ctl, "Failed to %s pool", start ? "create" : "define");
        return false;
    }
    if (from)
        vshPrintExtra(ctl, "Pool %s %s from %s\n", virStoragePoolGetName(pool),
                      start ? "created" : "defined", from);
    else
        vshPrintExtra(ctl, "Pool %s %s\n", virStoragePoolGetName(pool),
                      start ? "created" : "defined");
    virStoragePoolFree(pool);
    return true;
}

static bool poolFromFile(vshControl *ctl, const vshCmd *cmd, bool start)
{
    const char *file = vshOptString(cmd, "file");
    char *xml = vshReadFile(ctl, file);
    bool ok;

    if (!xml)
        return false;
    ok = poolFromXml(ctl, xml, file, start);
    free(xml);
    return ok;
}

static bool cmdPoolDefine(vshControl *ctl, const vshCmd *cmd) { return poolFromFile(ctl, cmd, false); }
static bool cmdPoolCreate(vshControl *ctl, const vshCmd *cmd) { return poolFromFile(ctl, cmd, true); }

/* Append PRE, VALUE and POST to *BUF; false when memory ran out. */
static bool bufAdd(char **buf, const char *pre, const char *value, const char *post)
{
    size_t have = *buf ? strlen(*buf) : 0;
    size_t add = strlen(pre) + strlen(value) + strlen(post);
    char *grown = realloc(*buf, have + add + 1);

    if (!grown)
        return false;
    grown[have] = '\0';
    strcat(strcat(strcat(grown, pre), value), post);
    *buf = grown;
    return true;
}

/* The pool XML of the *-as options, in libvirt's element order. */
static char *poolXmlFromOptions(const vshCmd *cmd)
{
    static const struct {
        const char *option, *pre, *post;
    } source[] = {
        { "source-host", "    <host name='", "'/>\n" },
        { "source-path", "    <dir path='", "'/>\n" },
        { "source-dev", "    <device path='", "'/>\n" },
        { "source-format", "    <format type='", "'/>\n" },
        { "source-name", "    <name>", "</name>\n" },
    };
    const char *target = vshOptString(cmd, "target");
    bool anySource = false;
    char *xml = NULL;
    bool ok;

    for (size_t i = 0; i < sizeof(source) / sizeof(source[0]); i++)
        anySource |= vshOptString(cmd, source[i].option) != NULL;
    ok = bufAdd(&xml, "<pool type='", vshOptString(cmd, "type"), "'>\n") &&
         bufAdd(&xml, "  <name>", vshOptString(cmd, "name"), "</name>\n");
    if (ok && anySource) {
        ok = bufAdd(&xml, "  <source>\n", "", "");
        for (size_t i = 0; ok && i < sizeof(source) / sizeof(source[0]); i++)
            if (vshOptString(cmd, source[i].option))
                ok = bufAdd(&xml, source[i].pre, vshOptString(cmd, source[i].option), source[i].post);
        ok = ok && bufAdd(&xml, "  </source>\n", "", "");
    }
    if (ok && target)
        ok = bufAdd(&xml, "  <target>\n    <path>", target, "</path>\n  </target>\n");
    if (!(ok && bufAdd(&xml, "</pool>\n", "", ""))) {
        free(xml);
        return NULL;
    }
    return xml;
}

static bool poolAs(vshControl *ctl, const vshCmd *cmd, bool start)
{
    char *xml = poolXmlFromOptions(cmd);
    bool ok;

    if (!xml)
        return false;
    if (vshOptBool(cmd, "print-xml")) {
        vshPrint(ctl, "%s", xml);
        free(xml);
        return true;
    }
    ok = poolFromXml(ctl, xml, NULL, start);
    free(xml);
    return ok;
}

static bool cmdPoolDefineAs(vshControl *ctl, const vshCmd *cmd) { return poolAs(ctl, cmd, false); }
static bool cmdPoolCreateAs(vshControl *ctl, const vshCmd *cmd) { return poolAs(ctl, cmd, true); }

static bool cmdPoolCapabilities(vshControl *ctl, const vshCmd *cmd)
{
    char *caps = virConnectGetStoragePoolCapabilities(ctl->conn, 0);

    (void)cmd;
    if (!caps) {
        vshError(ctl, "%s", "failed to get storage pool capabilities");
        return false;
    }
    vshPrint(ctl, "%s\n", caps);
    free(caps);
    return true;
}

static const vshOptDef optsPoolList[] = {
    { "inactive", VSH_OT_BOOL, 0, "list inactive pools", VSH_COMP_NONE },
    { "all", VSH_OT_BOOL, 0, "list inactive & active pools", VSH_COMP_NONE },
    { "transient", VSH_OT_BOOL, 0, "list transient pools", VSH_COMP_NONE },
    { "persistent", VSH_OT_BOOL, 0, "list persistent pools", VSH_COMP_NONE },
    { "autostart", VSH_OT_BOOL, 0, "list pools with autostart enabled", VSH_COMP_NONE },
    { "no-autostart", VSH_OT_BOOL, 0, "list pools with autostart disabled", VSH_COMP_NONE },
    { "type", VSH_OT_STRING, 0, "only list pool of specified type(s) (if supported)", VSH_COMP_NONE },
    { "details", VSH_OT_BOOL, 0, "display extended details for pools", VSH_COMP_NONE },
    { "uuid", VSH_OT_BOOL, 0, "list UUID of active pools only", VSH_COMP_NONE },
    { "name", VSH_OT_BOOL, 0, "list name of active pools only", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsPool[] = {
    { "pool", VSH_OT_STRING, VSH_OFLAG_REQ, "pool name or uuid", VSH_COMP_POOL },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsPoolInfo[] = {
    { "pool", VSH_OT_STRING, VSH_OFLAG_REQ, "pool name or uuid", VSH_COMP_POOL },
    { "bytes", VSH_OT_BOOL, 0, "Reture pool info in bytes", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsPoolDumpxml[] = {
    { "pool", VSH_OT_STRING, VSH_OFLAG_REQ, "pool name or uuid", VSH_COMP_POOL },
    { "inactive", VSH_OT_BOOL, 0, "show inactive defined XML", VSH_COMP_NONE },
    { "xpath", VSH_OT_STRING, 0, "xpath expression to filter the XML document", VSH_COMP_NONE },
    { "wrap", VSH_OT_BOOL, 0, "wrap xpath results in an common root element", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsPoolName[] = {
    { "pool", VSH_OT_STRING, VSH_OFLAG_REQ, "pool uuid", VSH_COMP_POOL },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsPoolUuid[] = {
    { "pool", VSH_OT_STRING, VSH_OFLAG_REQ, "pool name", VSH_COMP_POOL },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsPoolAutostart[] = {
    { "pool", VSH_OT_STRING, VSH_OFLAG_REQ, "pool name or uuid", VSH_COMP_POOL },
    { "disable", VSH_OT_BOOL, 0, "disable autostarting", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsPoolFile[] = {
    { "file", VSH_OT_STRING, VSH_OFLAG_REQ, "file containing an XML pool description", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

#define POOL_AS_OPTS \
    { "name", VSH_OT_STRING, VSH_OFLAG_REQ, "name of the pool", VSH_COMP_NONE }, \
    { "type", VSH_OT_STRING, VSH_OFLAG_REQ, "type of the pool", VSH_COMP_NONE }, \
    { "print-xml", VSH_OT_BOOL, 0, "print XML document, but don't define/create", VSH_COMP_NONE }, \
    { "source-host", VSH_OT_STRING, 0, "source-host for underlying storage", VSH_COMP_NONE }, \
    { "source-path", VSH_OT_STRING, 0, "source path for underlying storage", VSH_COMP_NONE }, \
    { "source-dev", VSH_OT_STRING, 0, "source device for underlying storage", VSH_COMP_NONE }, \
    { "source-name", VSH_OT_STRING, 0, "source name for underlying storage", VSH_COMP_NONE }, \
    { "target", VSH_OT_STRING, 0, "target for underlying storage", VSH_COMP_NONE }, \
    { "source-format", VSH_OT_STRING, 0, "format for underlying storage", VSH_COMP_NONE }

static const vshOptDef optsPoolDefineAs[] = {
    POOL_AS_OPTS,
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsPoolCreateAs[] = {
    POOL_AS_OPTS,
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsNone[] = {
    { NULL, 0, 0, NULL, 0 },
};

const vshCmdDef vshPoolCmds[] = {
    { "pool-autostart", cmdPoolAutostart, optsPoolAutostart, "autostart a pool",
      "Configure a pool to be automatically started at boot.", 0 },
    { "pool-build", cmdPoolBuild, optsPool, "build a pool", "Build a given pool.", 0 },
    { "pool-capabilities", cmdPoolCapabilities, optsNone, "storage pool capabilities",
      "Returns capabilities of storage pool support.", 0 },
    { "pool-create", cmdPoolCreate, optsPoolFile, "create a pool from an XML file",
      "Create a pool.", 0 },
    { "pool-create-as", cmdPoolCreateAs, optsPoolCreateAs, "create a pool from a set of args",
      "Create a pool.", 0 },
    { "pool-define", cmdPoolDefine, optsPoolFile,
      "define an inactive persistent storage pool or modify an existing persistent one from an XML file",
      "Define or modify a persistent storage pool.", 0 },
    { "pool-define-as", cmdPoolDefineAs, optsPoolDefineAs, "define a pool from a set of args",
      "Define a pool.", 0 },
    { "pool-delete", cmdPoolDelete, optsPool, "delete a pool", "Delete a given pool.", 0 },
    { "pool-destroy", cmdPoolDestroy, optsPool, "destroy (stop) a pool",
      "Forcefully stop a given pool. Raw data in the pool is untouched", 0 },
    { "pool-dumpxml", cmdPoolDumpxml, optsPoolDumpxml, "pool information in XML",
      "Output the pool information as an XML dump to stdout.", 0 },
    { "pool-info", cmdPoolInfo, optsPoolInfo, "storage pool information",
      "Returns basic information about the storage pool.", 0 },
    { "pool-list", cmdPoolList, optsPoolList, "list pools", "Returns list of pools.", 0 },
    { "pool-name", cmdPoolName, optsPoolName, "convert a pool UUID to pool name", "", 0 },
    { "pool-refresh", cmdPoolRefresh, optsPool, "refresh a pool", "Refresh a given pool.", 0 },
    { "pool-start", cmdPoolStart, optsPool, "start a (previously defined) inactive pool",
      "Start a pool.", 0 },
    { "pool-undefine", cmdPoolUndefine, optsPool, "undefine an inactive pool",
      "Undefine the configuration for an inactive pool.", 0 },
    { "pool-uuid", cmdPoolUuid, optsPoolUuid, "convert a pool name to pool UUID", "", 0 },
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
