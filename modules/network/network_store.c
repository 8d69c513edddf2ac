/* network_store.c: what survives the daemon. A persistent definition is
 * CONFIG/NAME.xml (autostart: the link CONFIG/autostart/NAME.xml); a
 * running network has STATE/NAME.xml (its live XML) and, with DHCP or
 * DNS, PIDS/NAME.pid (written by dnsmasq). Every file is written
 * atomically, so a crash leaves old or new, never half. */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "network_driver.h"
#include "util.h"

VIRT_MODULE_LOG_INIT("network.store");

char *netStoreFile(const char *dir, const char *name, const char *suffix)
{
    return virtAsprintf("%s/%s%s", dir, name, suffix);
}

static int writeDef(const char *path, const virtNetworkDef *def, unsigned int flags, char **errmsg)
{
    char *xml = virtNetworkDefFormat(def, flags);
    int rc = -1;

    if (!xml)
        *errmsg = virtAsprintf("cannot format the XML of network '%s'", def->name);
    else if ((rc = virtFileWriteAtomic(path, xml, strlen(xml), 0600)) < 0)
        *errmsg = virtAsprintf("cannot write '%s': %s", path, strerror(errno));
    free(xml);
    return rc;
}

int netStoreSaveConfig(netDriver *drv, const virtNetworkDef *def, char **errmsg)
{
    char *path = netStoreFile(drv->paths.config_dir, def->name, ".xml");
    int rc = writeDef(path, def, VIRT_XML_INACTIVE, errmsg);
    free(path);
    return rc;
}

void netStoreDeleteConfig(netDriver *drv, const char *name)
{
    char *path = netStoreFile(drv->paths.config_dir, name, ".xml");
    char *link = netStoreFile(drv->paths.autostart_dir, name, ".xml");
    unlink(path);
    unlink(link);
    free(path);
    free(link);
}

int netStoreSetAutostart(netDriver *drv, const char *name, bool on, char **errmsg)
{
    char *link = netStoreFile(drv->paths.autostart_dir, name, ".xml");
    char *target = netStoreFile(drv->paths.config_dir, name, ".xml");
    int rc = 0;

    if (on) {
        if (symlink(target, link) < 0 && errno != EEXIST) {
            *errmsg = virtAsprintf("Failed to create symlink '%s' to '%s': %s", link, target, strerror(errno));
            rc = -1;
        }
    } else if (unlink(link) < 0 && errno != ENOENT && errno != ENOTDIR) {
        *errmsg = virtAsprintf("Failed to delete symlink '%s': %s", link, strerror(errno));
        rc = -1;
    }
    free(link);
    free(target);
    return rc;
}

int netStoreSaveState(netDriver *drv, const netObj *obj, char **errmsg)
{
    char *path = netStoreFile(drv->paths.state_dir, obj->def->name, ".xml");
    int rc = writeDef(path, obj->def, 0, errmsg);
    free(path);
    return rc;
}

void netStoreDeleteState(netDriver *drv, const char *name)
{
    char *path = netStoreFile(drv->paths.state_dir, name, ".xml");
    unlink(path);
    free(path);
}

static virtNetworkDef *readDef(const char *path)
{
    virtXMLError err = { 0 };
    char *xml = virtFileRead(path, 16 * 1024 * 1024, NULL);
    virtNetworkDef *def = xml ? virtNetworkDefParse(xml, 0, &err) : NULL;

    if (xml && !def)
        NET_DEBUG("ignoring '%s': %s", path, err.message ? err.message : "unreadable");
    virtXMLErrorClear(&err);
    free(xml);
    return def;
}

/* An adopted network gets back what went missing while no driver
 * watched it: its firewall table and its dnsmasq. */
static void repair(netDriver *drv, netObj *obj)
{
    char *msg = NULL;
    if (netFirewallEnsure(obj->def, &msg) < 0) {
        NET_DEBUG("network '%s': %s", obj->def->name, msg);
        free(msg);
        msg = NULL;
    }
    if (!obj->dnsmasq && netNeedsDnsmasq(obj->def) && netDnsmasqStart(drv, obj, &msg) < 0) {
        NET_DEBUG("network '%s': cannot restart dnsmasq: %s", obj->def->name, msg);
        free(msg);
    }
}

/* The definitions of one folder: NAME.xml files whose <name> is NAME. */
static void loadDir(netDriver *drv, const char *dir, bool live)
{
    DIR *d = opendir(dir);
    struct dirent *e;

    if (!d)
        return;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len <= 4 || strcmp(e->d_name + len - 4, ".xml") != 0)
            continue;
        char *path = virtAsprintf("%s/%s", dir, e->d_name);
        virtNetworkDef *def = readDef(path);
        free(path);
        if (!def)
            continue;
        if (strncmp(def->name, e->d_name, len - 4) != 0 || def->name[len - 4]) {
            virtNetworkDefFree(def);
            continue;
        }
        netObj *obj = netObjFindByName(drv, def->name);
        if (!live) {
            obj = virtAlloc(sizeof(*obj));
            obj->def = def;
            obj->persistent = true;
            char *link = netStoreFile(drv->paths.autostart_dir, def->name, ".xml");
            obj->autostart = access(link, F_OK) == 0;
            free(link);
            netObjAdd(drv, obj);
            continue;
        }
        /* A live record: adopt the network when its bridge still exists. */
        const char *bridge = virtNetworkDefBridgeName(def);
        if (!bridge || !netDevExists(bridge)) {
            NET_DEBUG("network '%s' was running but bridge '%s' is gone: forgetting it",
                      def->name, bridge ? bridge : "");
            netStoreDeleteState(drv, def->name);
            virtNetworkDefFree(def);
            continue;
        }
        if (!obj) {
            obj = virtAlloc(sizeof(*obj));
            netObjAdd(drv, obj);
        } else {
            obj->newDef = obj->def;
        }
        obj->def = def;
        obj->active = true;
        obj->dnsmasq = netDnsmasqReadPid(drv, def->name);
        repair(drv, obj);
        NET_DEBUG("adopted running network '%s' (bridge %s, dnsmasq %d)", def->name, bridge,
                  (int) obj->dnsmasq);
    }
    closedir(d);
}

void netStoreLoadAll(netDriver *drv)
{
    /* what interrupted atomic writes left, removed and logged */
    const char *dirs[] = { drv->paths.config_dir, drv->paths.autostart_dir, drv->paths.state_dir };
    for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
        virtFileRemoveStaleTemps(dirs[i], netCore->log, virtModuleLogCategory);
    loadDir(drv, drv->paths.config_dir, false);
    loadDir(drv, drv->paths.state_dir, true);
}
