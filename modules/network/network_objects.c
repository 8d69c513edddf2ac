/* network_objects.c: the driver's list of networks, the defaults libvirt
 * gives a definition at define time (a free virbrN bridge, a MAC), and
 * the conflicts it refuses. Called with drv->lock held. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "network_driver.h"
#include "util.h"

netObj *netObjFindByName(netDriver *drv, const char *name)
{
    for (netObj *o = drv->nets; o; o = o->next)
        if (strcmp(o->def->name, name) == 0)
            return o;
    return NULL;
}

netObj *netObjFindByUUID(netDriver *drv, const unsigned char *uuid)
{
    for (netObj *o = drv->nets; o; o = o->next)
        if (memcmp(o->def->uuid, uuid, VIRT_UUID_LEN) == 0)
            return o;
    return NULL;
}

void netObjAdd(netDriver *drv, netObj *obj)
{
    /* at the end: listings come in definition order */
    netObj **p = &drv->nets;
    while (*p)
        p = &(*p)->next;
    obj->next = NULL;
    *p = obj;
}

void netObjRemove(netDriver *drv, netObj *obj)
{
    for (netObj **p = &drv->nets; *p; p = &(*p)->next) {
        if (*p == obj) {
            *p = obj->next;
            netObjFree(obj);
            return;
        }
    }
}

void netObjFree(netObj *obj)
{
    if (!obj)
        return;
    virtNetworkDefFree(obj->def);
    virtNetworkDefFree(obj->newDef);
    free(obj);
}

void netObjSetBusy(netDriver *drv, netObj *obj, bool busy)
{
    obj->busy = busy;
    if (!busy)
        pthread_cond_broadcast(&drv->idle);
}

netObj *netObjWaitIdle(netDriver *drv, const unsigned char *uuid)
{
    netObj *obj;
    while ((obj = netObjFindByUUID(drv, uuid)) && obj->busy)
        pthread_cond_wait(&drv->idle, &drv->lock);
    return obj;
}

/* The bridge names of every other network, live and persistent. */
static const netObj *bridgeOwner(netDriver *drv, const char *bridge, const char *self)
{
    for (const netObj *o = drv->nets; o; o = o->next) {
        if (strcmp(o->def->name, self) == 0)
            continue;
        if (virtStrEq(virtNetworkDefBridgeName(o->def), bridge) ||
            virtStrEq(virtNetworkDefBridgeName(o->newDef), bridge))
            return o;
    }
    return NULL;
}

/* Modes whose bridge libvirt makes and names itself. */
static bool ownsBridge(const virtNetworkDef *def)
{
    const char *mode = def->forward ? def->forward->mode : NULL;
    return !mode || !strcmp(mode, "nat") || !strcmp(mode, "route") || !strcmp(mode, "open");
}

int netObjFillDefaults(netDriver *drv, virtNetworkDef *def, char **errmsg)
{
    if (!ownsBridge(def))
        return 0;
    const char *given = virtNetworkDefBridgeName(def);
    /* no name, or a template with %d: the first free number */
    if (!given || strstr(given, "%d")) {
        const char *tmpl = given ? given : "virbr%d";
        char *name = NULL;
        for (int n = 0; n < 256 && !name; n++) {
            char buf[64];
            snprintf(buf, sizeof(buf), "%.*s%d%s", (int) (strstr(tmpl, "%d") - tmpl), tmpl, n,
                     strstr(tmpl, "%d") + 2);
            if (!bridgeOwner(drv, buf, def->name) && !netDevExists(buf))
                name = virtStrdup(buf);
        }
        if (!name) {
            *errmsg = virtAsprintf("Bridge generation exceeded max id %d", 256);
            return -1;
        }
        if (!def->bridge) {
            def->bridge = virtAlloc(sizeof(*def->bridge));
            def->bridge->stp = virtStrdup("on");
            def->bridge->delay = virtStrdup("0");
        }
        free(def->bridge->name);
        def->bridge->name = name;
    }
    if (!def->mac) {
        unsigned char r[3];
        if (virtRandomBytes(r, sizeof(r)) < 0) {
            *errmsg = virtStrdup("cannot generate a MAC address");
            return -1;
        }
        def->mac = virtAlloc(sizeof(*def->mac));
        def->mac->address = virtAsprintf("52:54:00:%02x:%02x:%02x", r[0], r[1], r[2]);
    }
    return 0;
}

char *netObjBridgeConflict(netDriver *drv, const virtNetworkDef *def)
{
    const char *bridge = virtNetworkDefBridgeName(def);
    const netObj *o = bridge ? bridgeOwner(drv, bridge, def->name) : NULL;
    if (!o)
        return NULL;
    /* libvirt's words, with both networks named */
    return virtAsprintf("bridge name '%s' of network '%s' already in use by network '%s'",
                        bridge, def->name, o->def->name);
}
