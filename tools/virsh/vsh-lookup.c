/* vsh-lookup.c: finding the domain, network, pool or volume a command
 * names, trying id, UUID, name (key, path) in the order virsh does. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "vsh.h"

/* 32 hex digits, with '-' allowed between them. */
bool vshIsUUID(const char *s)
{
    int digits = 0;
    for (; *s; s++) {
        if (isxdigit((unsigned char)*s))
            digits++;
        else if (*s != '-')
            return false;
    }
    return digits == 32;
}

static bool parseId(const char *s, int *id)
{
    char *end;
    long v;
    errno = 0;
    v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < 0 || v > INT_MAX)
        return false;
    *id = (int)v;
    return true;
}

virDomainPtr vshLookupDomain(vshControl *ctl, const char *what, unsigned int how)
{
    virDomainPtr dom = NULL;
    int id;

    if ((how & VSH_BYID) && parseId(what, &id)) {
        vshDebug(ctl, 0, "looking up domain by id %d", id);
        dom = virDomainLookupByID(ctl->conn, id);
    }
    if (!dom && (how & VSH_BYUUID) && vshIsUUID(what)) {
        vshDebug(ctl, 0, "looking up domain by UUID %s", what);
        dom = virDomainLookupByUUIDString(ctl->conn, what);
    }
    if (!dom && (how & VSH_BYNAME)) {
        vshDebug(ctl, 0, "looking up domain by name %s", what);
        dom = virDomainLookupByName(ctl->conn, what);
    }
    if (!dom) {
        /* one clear line instead of the last of several lookup errors */
        vshResetError();
        vshError(ctl, "failed to get domain '%s'", what);
    }
    return dom;
}

virDomainPtr vshCommandDomain(vshControl *ctl, const vshCmd *cmd,
                              const char **name, unsigned int how)
{
    const char *what = vshOptString(cmd, "domain");
    if (name)
        *name = what;
    if (!what)
        return NULL;
    return vshLookupDomain(ctl, what, how);
}

virNetworkPtr vshCommandNetwork(vshControl *ctl, const vshCmd *cmd,
                                const char **name, unsigned int how)
{
    const char *what = vshOptString(cmd, "network");
    virNetworkPtr net = NULL;

    if (name)
        *name = what;
    if (!what)
        return NULL;
    if ((how & VSH_BYUUID) && vshIsUUID(what))
        net = virNetworkLookupByUUIDString(ctl->conn, what);
    if (!net && (how & VSH_BYNAME))
        net = virNetworkLookupByName(ctl->conn, what);
    if (!net)
        vshError(ctl, "failed to get network '%s'", what);
    return net;
}

/* The pool OPTION names. Unlike domains, a failed lookup keeps the
 * library's error, which virsh prints after its own line. */
virStoragePoolPtr vshCommandPool(vshControl *ctl, const vshCmd *cmd, const char *option,
                                 const char **name, unsigned int how)
{
    const char *what = vshOptString(cmd, option);
    virStoragePoolPtr pool = NULL;

    if (name)
        *name = what;
    if (!what)
        return NULL;
    if ((how & VSH_BYUUID) && vshIsUUID(what))
        pool = virStoragePoolLookupByUUIDString(ctl->conn, what);
    if (!pool && (how & VSH_BYNAME))
        pool = virStoragePoolLookupByName(ctl->conn, what);
    if (!pool)
        vshError(ctl, "failed to get pool '%s'", what);
    return pool;
}

/* The volume of option "vol": by name in --pool when given, else (or
 * then) by key and by path, as virsh tries them. */
virStorageVolPtr vshCommandVol(vshControl *ctl, const vshCmd *cmd, const char **name)
{
    const char *what = vshOptString(cmd, "vol");
    virStoragePoolPtr pool = NULL;
    virStorageVolPtr vol = NULL;

    if (name)
        *name = what;
    if (!what)
        return NULL;
    if (vshOptString(cmd, "pool")) {
        if (!(pool = vshCommandPool(ctl, cmd, "pool", NULL, VSH_BYUUID | VSH_BYNAME)))
            return NULL;
        vol = virStorageVolLookupByName(pool, what);
        virStoragePoolFree(pool);
    }
    if (!vol)
        vol = virStorageVolLookupByKey(ctl->conn, what);
    if (!vol)
        vol = virStorageVolLookupByPath(ctl->conn, what);
    if (!vol && (vshOptString(cmd, "pool") || vshOptIndex(cmd->def, "pool") < 0))
        vshError(ctl, "failed to get vol '%s'", what);
    else if (!vol)
        vshError(ctl, "failed to get vol '%s', specifying --pool might help", what);
    return vol;
}

const char *vshDomainStateName(int state)
{
    switch (state) {
    case VIR_DOMAIN_RUNNING: return "running";
    case VIR_DOMAIN_BLOCKED: return "idle";
    case VIR_DOMAIN_PAUSED: return "paused";
    case VIR_DOMAIN_SHUTDOWN: return "in shutdown";
    case VIR_DOMAIN_SHUTOFF: return "shut off";
    case VIR_DOMAIN_CRASHED: return "crashed";
    case VIR_DOMAIN_PMSUSPENDED: return "pmsuspended";
    default: return "no state";
    }
}
