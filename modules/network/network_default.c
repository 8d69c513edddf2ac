/* network_default.c: the built-in 'default' network (NAT on
 * 192.168.122.0/24, bridge virbr0). libvirt's install puts it in the
 * system config folder with an autostart link; we ship it under the data
 * folder instead (a /usr install must not write over Debian's /etc) and
 * define it when a system daemon first makes that config folder. Once the
 * folder exists the network is the administrator's: undefined, it stays
 * undefined. */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "network_driver.h"
#include "util.h"

VIRT_MODULE_LOG_INIT("network.default");

/* VIRT_DEFAULT_NETWORK_XML names another file (tests, the build tree). */
static const char *seedFile(void)
{
    const char *env = getenv("VIRT_DEFAULT_NETWORK_XML");
    return env && env[0] ? env : VIRT_DEFAULT_NETWORK_XML_DEFAULT;
}

void netSeedDefault(netDriver *drv)
{
    const char *path = seedFile();
    virtXMLError err = { 0 };
    char *msg = NULL;
    char *xml = virtFileRead(path, 1024 * 1024, NULL);

    if (!xml) {
        NET_DEBUG("no built-in network to define: cannot read '%s'", path);
        return;
    }
    /* a fresh uuid and MAC each time, as the define path gives them */
    virtNetworkDef *def = virtNetworkDefParse(xml, 0, &err);
    free(xml);
    if (!def) {
        NET_DEBUG("built-in network '%s' not defined: %s", path, err.message ? err.message : "invalid XML");
        virtXMLErrorClear(&err);
        return;
    }
    if (netObjFillDefaults(drv, def, &msg) < 0 || netStoreSaveConfig(drv, def, &msg) < 0 ||
        netStoreSetAutostart(drv, def->name, true, &msg) < 0) {
        NET_DEBUG("built-in network '%s' not defined: %s", def->name, msg);
        netStoreDeleteConfig(drv, def->name);
    } else {
        NET_DEBUG("defined the built-in network '%s' from '%s', autostarted", def->name, path);
    }
    free(msg);
    virtNetworkDefFree(def);
}
