/* vsh-lookup.c: finding the domain or network a command names, trying
 * id, UUID and name in the order virsh does. */
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
