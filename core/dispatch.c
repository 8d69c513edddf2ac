/* dispatch.c: checks and error reports shared by the generated entry points. */
#include <string.h>

#include "apitable.h"
#include "entry.h"
#include "registry.h"

bool virtCheckConnect(virConnectPtr conn, const char *func)
{
    if (virtConnectValid(conn))
        return true;
    /* from the domain of the function's libvirt source file, as there */
    virtErrorRaise(NULL, NULL, NULL, virtApiErrorDomain(func), VIR_ERR_INVALID_CONN, "%s", func);
    return false;
}

bool virtCheckDomain(virDomainPtr dom, const char *func)
{
    if (virtDomainValid(dom))
        return true;
    virtErrorRaise(NULL, NULL, NULL, VIR_FROM_DOM, VIR_ERR_INVALID_DOMAIN, "%s", func);
    return false;
}

bool virtCheckNetwork(virNetworkPtr net, const char *func)
{
    if (virtNetworkValid(net))
        return true;
    virtErrorRaise(NULL, NULL, NULL, VIR_FROM_NETWORK, VIR_ERR_INVALID_NETWORK, "%s", func);
    return false;
}

/* The other kinds: one check each, reporting libvirt's error for the kind. */
#define CHECK_KIND(Type, From, Code)                                         \
    bool virtCheck##Type(vir##Type##Ptr obj, const char *func)              \
    {                                                                        \
        if (virt##Type##Valid(obj))                                          \
            return true;                                                     \
        virtErrorRaise(NULL, NULL, NULL, From, Code, "%s", func);            \
        return false;                                                        \
    }
CHECK_KIND(NetworkPort, VIR_FROM_NETWORK, VIR_ERR_INVALID_NETWORK_PORT)
CHECK_KIND(StoragePool, VIR_FROM_STORAGE, VIR_ERR_INVALID_STORAGE_POOL)
CHECK_KIND(StorageVol, VIR_FROM_STORAGE, VIR_ERR_INVALID_STORAGE_VOL)
CHECK_KIND(Interface, VIR_FROM_INTERFACE, VIR_ERR_INVALID_INTERFACE)
CHECK_KIND(NodeDevice, VIR_FROM_NODEDEV, VIR_ERR_INVALID_NODE_DEVICE)
CHECK_KIND(Secret, VIR_FROM_SECRET, VIR_ERR_INVALID_SECRET)
CHECK_KIND(NWFilter, VIR_FROM_NWFILTER, VIR_ERR_INVALID_NWFILTER)
CHECK_KIND(NWFilterBinding, VIR_FROM_NWFILTER, VIR_ERR_INVALID_NWFILTER_BINDING)
CHECK_KIND(DomainSnapshot, VIR_FROM_DOMAIN_SNAPSHOT, VIR_ERR_INVALID_DOMAIN_SNAPSHOT)
CHECK_KIND(DomainCheckpoint, VIR_FROM_DOMAIN_CHECKPOINT, VIR_ERR_INVALID_DOMAIN_CHECKPOINT)

const virtHypervisorTable *virtConnHypervisorTable(virConnectPtr conn)
{
    virtModule *m = conn->roles[VIRT_ROLE_HYPERVISOR].module;
    return m ? m->desc->hypervisor : NULL;
}

const virtNetworkTable *virtConnNetworkTable(virConnectPtr conn)
{
    virtModule *m = conn->roles[VIRT_ROLE_NETWORK].module;
    return m ? m->desc->network : NULL;
}

/* A role's table, or NULL when no module fills the role or the module's
 * descriptor predates the field (an older, shorter descriptor). */
#define ROLE_TABLE(Label, Role, field)                                            \
    const virt##Label##Table *virtConn##Label##Table(virConnectPtr conn)           \
    {                                                                             \
        virtModule *m = conn->roles[Role].module;                                 \
        if (!m || m->desc->size < offsetof(virtModuleDescriptor, field) + sizeof(void *)) \
            return NULL;                                                          \
        return m->desc->field;                                                    \
    }
ROLE_TABLE(Storage, VIRT_ROLE_STORAGE, storage)
ROLE_TABLE(Interface, VIRT_ROLE_INTERFACE, iface)
ROLE_TABLE(NodeDevice, VIRT_ROLE_NODEDEV, nodedev)
ROLE_TABLE(Secret, VIRT_ROLE_SECRET, secret)
ROLE_TABLE(NWFilter, VIRT_ROLE_NWFILTER, nwfilter)

bool virtEnterConnect(virConnectPtr conn, const char *func)
{
    virResetLastError();
    if (virtCheckConnect(conn, func))
        return true;
    virtDispatchError(NULL);
    return false;
}

bool virtArgMissing(virConnectPtr conn, const void *arg, const char *name, const char *func)
{
    if (arg)
        return false;
    virtReportNullArg(conn, func, name);
    virtDispatchError(conn);
    return true;
}

bool virtParseUUIDArg(virConnectPtr conn, const char *uuidstr, unsigned char *uuid,
                      const char *func)
{
    if (virtArgMissing(conn, uuidstr, "uuidstr", func))
        return false;
    if (virtUUIDParse(uuidstr, uuid) < 0) {
        /* libvirt's domain lookup words it apart from every other kind */
        if (strcmp(func, "virDomainLookupByUUIDString") == 0)
            virtErrorRaiseInvalidArg(conn, virtApiErrorDomain(func), func, "uuidstr",
                                     "Invalid UUID");
        else
            virtErrorRaiseInvalidArg(conn, virtApiErrorDomain(func), func, "uuidstr",
                                     "uuidstr in %s must be a valid UUID", func);
        virtDispatchError(conn);
        return false;
    }
    return true;
}

/* Argument, read-only and unsupported-call errors carry the error domain
 * of the public function that raises them, as libvirt's do. */
void virtReportNullArg(virConnectPtr conn, const char *func, const char *arg)
{
    virtErrorRaiseInvalidArg(conn, virtApiErrorDomain(func), func, arg,
                             "%s in %s must not be NULL", arg, func);
}

void virtReportEmptyArg(virConnectPtr conn, const char *func, const char *arg)
{
    virtErrorRaiseInvalidArg(conn, virtApiErrorDomain(func), func, arg,
                             "string %s in %s must not be empty", arg, func);
}

void virtReportRangeArg(virConnectPtr conn, const char *func, const char *arg, const char *rule)
{
    char less[32];
    const char *words = strcmp(rule, ">= 0") == 0 ? "zero or greater"
                      : strcmp(rule, "> 0") == 0 ? "greater than zero" : rule;
    if (strcmp(rule, "!= 0") == 0) {
        virtErrorRaiseInvalidArg(conn, virtApiErrorDomain(func), func, arg,
                                 "%s in %s must not be zero", arg, func);
        return;
    }
    if (rule[0] == '<') {
        snprintf(less, sizeof(less), "less than %s", rule + 2);
        words = less;
    }
    virtErrorRaiseInvalidArg(conn, virtApiErrorDomain(func), func, arg,
                             "%s in %s must be %s", arg, func, words);
}

/* libvirt words its flag rules without the function's name. */
void virtReportExclusiveFlags(virConnectPtr conn, const char *func, const char *first,
                              const char *second)
{
    virtErrorRaiseInvalidArg(conn, virtApiErrorDomain(func), func, "flags",
                             "Flags '%s' and '%s' are mutually exclusive", first, second);
}

void virtReportRequiredFlag(virConnectPtr conn, const char *func, const char *needed,
                            const char *by)
{
    virtErrorRaiseInvalidArg(conn, virtApiErrorDomain(func), func, "flags",
                             "Flag '%s' is required by flag '%s'", needed, by);
}

void virtReportReadOnly(virConnectPtr conn, const char *func)
{
    virtErrorRaise(conn, NULL, NULL, virtApiErrorDomain(func), VIR_ERR_OPERATION_DENIED,
                   "read only access prevents %s", func);
}

void virtReportReadOnlyFlag(virConnectPtr conn, const char *func)
{
    virtErrorRaise(conn, NULL, NULL, virtApiErrorDomain(func), VIR_ERR_OPERATION_DENIED,
                   "%s with secure flag", func);
}

void virtReportNoSupport(virConnectPtr conn, const char *func)
{
    virtErrorRaise(conn, NULL, NULL, virtApiErrorDomain(func), VIR_ERR_NO_SUPPORT,
                   "%s", func);
}

/* The legacy public function whose *Flags slot the calling thread is in
 * (see via= in abi/libvirt.api), or NULL. */
static _Thread_local const char *legacyCall;

const char *virtLegacyEnter(const char *func)
{
    const char *outer = legacyCall;
    legacyCall = func;
    return outer;
}

void virtLegacyLeave(const char *outer)
{
    legacyCall = outer;
}

const char *virtLegacyCall(void)
{
    return legacyCall;
}
