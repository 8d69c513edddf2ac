/* error.c: the error API (virterror.h) and the core's error raising.
 *
 * Each thread keeps its last error; a failing public call copies it to the
 * connection concerned and hands it to exactly one handler: the
 * connection's, else the global one, else virDefaultErrorFunc (stderr). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

static pthread_key_t errorKey;
static pthread_once_t errorOnce = PTHREAD_ONCE_INIT;
static pthread_mutex_t handlerLock = PTHREAD_MUTEX_INITIALIZER;
static virErrorFunc globalHandler;
static void *globalUserData;

static void threadErrorFree(void *data)
{
    virError *err = data;
    virtErrorClear(err);
    free(err);
}

static void errorKeyInit(void)
{
    if (pthread_key_create(&errorKey, threadErrorFree) != 0)
        abort();
}

/* The calling thread's error slot, created on first use. */
static virError *threadError(void)
{
    pthread_once(&errorOnce, errorKeyInit);
    virError *err = pthread_getspecific(errorKey);
    if (!err) {
        err = virtAlloc(sizeof(*err));
        pthread_setspecific(errorKey, err);
    }
    return err;
}

/* Standard texts. Unlisted codes fall back to a generic phrase. */
static const struct {
    int code;
    const char *text;
} codeTexts[] = {
    { VIR_ERR_INTERNAL_ERROR, "internal error" },
    { VIR_ERR_NO_MEMORY, "out of memory" },
    { VIR_ERR_NO_SUPPORT, "this function is not supported by the connection driver" },
    { VIR_ERR_UNKNOWN_HOST, "unknown host" },
    { VIR_ERR_NO_CONNECT, "no connection driver available" },
    { VIR_ERR_INVALID_CONN, "invalid connection pointer in" },
    { VIR_ERR_INVALID_DOMAIN, "invalid domain pointer in" },
    { VIR_ERR_INVALID_ARG, "invalid argument" },
    { VIR_ERR_OPERATION_FAILED, "operation failed" },
    { VIR_ERR_GET_FAILED, "GET operation failed" },
    { VIR_ERR_POST_FAILED, "POST operation failed" },
    { VIR_ERR_HTTP_ERROR, "got unknown HTTP error code" },
    { VIR_ERR_OS_TYPE, "unknown OS type" },
    { VIR_ERR_NO_KERNEL, "missing kernel information" },
    { VIR_ERR_NO_ROOT, "missing root device information" },
    { VIR_ERR_NO_SOURCE, "missing source information for device" },
    { VIR_ERR_NO_TARGET, "missing target information for device" },
    { VIR_ERR_NO_NAME, "missing name information" },
    { VIR_ERR_NO_OS, "missing operating system information" },
    { VIR_ERR_NO_DEVICE, "missing devices information" },
    { VIR_ERR_CALL_FAILED, "library call failed" },
    { VIR_ERR_XML_ERROR, "XML description is invalid or not well formed" },
    { VIR_ERR_DOM_EXIST, "this domain exists already" },
    { VIR_ERR_OPERATION_DENIED, "operation forbidden" },
    { VIR_ERR_OPEN_FAILED, "failed to open configuration file" },
    { VIR_ERR_READ_FAILED, "failed to read configuration file" },
    { VIR_ERR_PARSE_FAILED, "failed to parse configuration file" },
    { VIR_ERR_CONF_SYNTAX, "configuration file syntax error" },
    { VIR_ERR_WRITE_FAILED, "failed to write configuration file" },
    { VIR_ERR_XML_DETAIL, "parser error" },
    { VIR_ERR_INVALID_NETWORK, "invalid network pointer in" },
    { VIR_ERR_NETWORK_EXIST, "this network exists already" },
    { VIR_ERR_SYSTEM_ERROR, "system call error" },
    { VIR_ERR_RPC, "RPC error" },
    { VIR_ERR_GNUTLS_ERROR, "GNUTLS call error" },
    { VIR_WAR_NO_NETWORK, "Failed to find the network" },
    { VIR_ERR_NO_DOMAIN, "Domain not found" },
    { VIR_ERR_NO_NETWORK, "Network not found" },
    { VIR_ERR_INVALID_MAC, "invalid MAC address" },
    { VIR_ERR_AUTH_FAILED, "authentication failed" },
    { VIR_ERR_OPERATION_INVALID, "Requested operation is not valid" },
    { VIR_ERR_NO_SECURITY_MODEL, "Security model not found" },
    { VIR_ERR_OPERATION_TIMEOUT, "Timed out during operation" },
    { VIR_ERR_MIGRATE_PERSIST_FAILED, "Failed to make domain persistent after migration" },
    { VIR_ERR_CONFIG_UNSUPPORTED, "unsupported configuration" },
    { VIR_ERR_OPERATION_ABORTED, "operation aborted" },
    { VIR_ERR_AUTH_CANCELLED, "authentication cancelled" },
    { VIR_ERR_NO_DOMAIN_SNAPSHOT, "Domain snapshot not found" },
    { VIR_ERR_ARGUMENT_UNSUPPORTED, "argument unsupported" },
    { VIR_ERR_OPERATION_UNSUPPORTED, "Operation not supported" },
    { VIR_ERR_RESOURCE_BUSY, "resource busy" },
    { VIR_ERR_ACCESS_DENIED, "access denied" },
    { VIR_ERR_NO_CLIENT, "Client not found" },
    { VIR_ERR_AGENT_UNRESPONSIVE, "guest agent is not responding" },
    { VIR_ERR_NO_SERVER, "Server not found" },
    { VIR_ERR_MULTIPLE_INTERFACES, "multiple matching interfaces found" },
    { VIR_ERR_NO_HOSTNAME, "no hostname found" },
    { VIR_ERR_SEXPR_SERIAL, "failed to serialize S-Expr" },
    { VIR_ERR_NO_XEN, "could not use Xen hypervisor entry" },
    { VIR_ERR_XEN_CALL, "failed Xen syscall" },
    { VIR_ERR_NO_XENSTORE, "could not connect to Xen Store" },
    { VIR_ERR_DRIVER_FULL, "too many drivers registered" },
    { VIR_ERR_INVALID_STORAGE_POOL, "invalid storage pool pointer in" },
    { VIR_ERR_INVALID_STORAGE_VOL, "invalid storage volume pointer in" },
    { VIR_WAR_NO_STORAGE, "Failed to find a storage driver" },
    { VIR_ERR_NO_STORAGE_POOL, "Storage pool not found" },
    { VIR_ERR_NO_STORAGE_VOL, "Storage volume not found" },
    { VIR_WAR_NO_NODE, "Failed to find a node driver" },
    { VIR_ERR_INVALID_NODE_DEVICE, "invalid node device pointer" },
    { VIR_ERR_NO_NODE_DEVICE, "Node device not found" },
    { VIR_WAR_NO_INTERFACE, "Failed to find the interface" },
    { VIR_ERR_NO_INTERFACE, "Interface not found" },
    { VIR_ERR_INVALID_INTERFACE, "invalid interface pointer in" },
    { VIR_WAR_NO_NWFILTER, "Failed to start the nwfilter driver" },
    { VIR_ERR_INVALID_NWFILTER, "Invalid network filter" },
    { VIR_ERR_NO_NWFILTER, "Network filter not found" },
    { VIR_ERR_BUILD_FIREWALL, "Error while building firewall" },
    { VIR_WAR_NO_SECRET, "Failed to find a secret storage driver" },
    { VIR_ERR_INVALID_SECRET, "Invalid secret" },
    { VIR_ERR_NO_SECRET, "Secret not found" },
    { VIR_ERR_HOOK_SCRIPT_FAILED, "Hook script execution failed" },
    { VIR_ERR_INVALID_DOMAIN_SNAPSHOT, "Invalid domain snapshot" },
    { VIR_ERR_INVALID_STREAM, "invalid stream pointer in" },
    { VIR_ERR_STORAGE_PROBE_FAILED, "Storage pool probe failed" },
    { VIR_ERR_STORAGE_POOL_BUILT, "Storage pool already built" },
    { VIR_ERR_SNAPSHOT_REVERT_RISKY, "revert requires force" },
    { VIR_ERR_NO_DOMAIN_METADATA, "metadata not found" },
    { VIR_ERR_MIGRATE_UNSAFE, "Unsafe migration" },
    { VIR_ERR_OVERFLOW, "numerical overflow" },
    { VIR_ERR_BLOCK_COPY_ACTIVE, "block copy still active" },
    { VIR_ERR_SSH, "SSH transport error" },
    { VIR_ERR_DBUS_SERVICE, "error from service" },
    { VIR_ERR_STORAGE_VOL_EXIST, "this storage volume exists already" },
    { VIR_ERR_CPU_INCOMPATIBLE, "the CPU is incompatible with host CPU" },
    { VIR_ERR_XML_INVALID_SCHEMA, "XML document failed to validate against schema" },
    { VIR_ERR_MIGRATE_FINISH_OK, "migration successfully aborted" },
    { VIR_ERR_AUTH_UNAVAILABLE, "authentication unavailable" },
    { VIR_ERR_AGENT_UNSYNCED, "guest agent replied with wrong id to guest-sync command" },
    { VIR_ERR_LIBSSH, "libssh transport error" },
    { VIR_ERR_DEVICE_MISSING, "device not found" },
    { VIR_ERR_INVALID_NWFILTER_BINDING, "Invalid network filter binding" },
    { VIR_ERR_NO_NWFILTER_BINDING, "Network filter binding not found" },
    { VIR_ERR_INVALID_DOMAIN_CHECKPOINT, "Invalid domain checkpoint" },
    { VIR_ERR_NO_DOMAIN_CHECKPOINT, "Domain checkpoint not found" },
    { VIR_ERR_NO_DOMAIN_BACKUP, "Domain backup job id not found" },
    { VIR_ERR_INVALID_NETWORK_PORT, "Invalid network port pointer" },
    { VIR_ERR_NETWORK_PORT_EXIST, "this network port exists already" },
    { VIR_ERR_NO_NETWORK_PORT, "network port not found" },
    { VIR_ERR_CHECKPOINT_INCONSISTENT, "checkpoint inconsistent" },
    { VIR_ERR_MULTIPLE_DOMAINS, "multiple matching domains found" },
};

const char *virtErrorCodeText(int code)
{
    for (size_t i = 0; i < sizeof(codeTexts) / sizeof(codeTexts[0]); i++)
        if (codeTexts[i].code == code)
            return codeTexts[i].text;
    return "an error occurred";   /* only for codes newer than this table */
}

/* The names libvirt's default handler prints for each virErrorDomain,
 * indexed by its value (VIR_FROM_NONE is the empty name). */
static const char *const domainNames[] = {
    "", "Xen Driver", "Xen Daemon", "Xen Store", "S-Expression", "XML Util", "Domain",
    "XML-RPC", "Proxy Daemon", "Config File", "QEMU Driver", "Network", "Test Driver",
    "Remote Driver", "OpenVZ Driver", "Xen XM Driver", "Linux Statistics", "LXC Driver",
    "Storage Driver", "Network Driver", "Domain Config", "User Mode Linux Driver",
    "Node Device Driver", "Xen Inotify Driver", "Security Driver", "VirtualBox Driver",
    "Network Interface Driver", "Open Nebula Driver", "ESX Driver", "Power Hypervisor Driver",
    "Secrets Driver", "CPU Driver", "XenAPI Driver", "Network Filter Driver", "Lifecycle Hook",
    "Domain Snapshot", "Audit Utils", "Sysinfo Utils", "I/O Stream Utils", "VMware Driver",
    "Event Loop", "Xen Light Driver", "Lock Driver", "Hyper-V Driver", "Capabilities Utils",
    "URI Utils", "Authentication Utils", "DBus Utils", "Parallels Cloud Server",
    "Device Config", "SSH transport layer", "Lock Space", "Init control", "Identity", "Cgroup",
    "Access Manager", "Systemd", "Bhyve", "Crypto", "Firewall", "Polkit", "Thread jobs",
    "Admin Interface", "Log Manager", "Xen XL Config", "Perf", "Libssh transport layer",
    "Resource control", "FirewallD", "Domain Checkpoint", "TPM", "BPF",
    "Cloud-Hypervisor Driver",
};

const char *virtErrorDomainText(int from)
{
    if (from < 0 || (size_t) from >= sizeof(domainNames) / sizeof(domainNames[0]))
        return NULL;
    return domainNames[from];
}

void virtErrorClear(virError *err)
{
    if (!err)
        return;
    free(err->message);
    free(err->str1);
    free(err->str2);
    free(err->str3);
    memset(err, 0, sizeof(*err));
}

void virtErrorCopy(virError *to, const virError *from)
{
    to->code = from->code;
    to->domain = from->domain;
    to->level = from->level;
    to->message = virtStrdup(from->message);
    to->str1 = virtStrdup(from->str1);
    to->str2 = virtStrdup(from->str2);
    to->str3 = virtStrdup(from->str3);
    to->int1 = from->int1;
    to->int2 = from->int2;
    to->conn = from->conn;
    to->dom = from->dom;
    to->net = from->net;
}

void virtErrorRaiseV(virConnectPtr conn, virDomainPtr dom, virNetworkPtr net,
                     int from, int code, const char *fmt, va_list ap)
{
    virError *err = threadError();
    const char *base = virtErrorCodeText(code);
    char *detail = fmt ? virtVasprintf(fmt, ap) : NULL;

    virtErrorClear(err);
    err->code = code;
    err->domain = from;
    err->level = VIR_ERR_ERROR;
    err->conn = conn;
    err->dom = dom;
    err->net = net;
    /* The message is libvirt's template (kept in str1, as libvirt keeps
     * it) with the detail put in. The "...pointer in" and "...for device"
     * texts read best with the function or device name after a space. */
    char *tmpl;
    if (detail && *detail && (code == VIR_ERR_INVALID_CONN || code == VIR_ERR_INVALID_DOMAIN ||
                   code == VIR_ERR_INVALID_NETWORK || code == VIR_ERR_INVALID_STORAGE_POOL ||
                   code == VIR_ERR_INVALID_STORAGE_VOL || code == VIR_ERR_INVALID_INTERFACE ||
                   code == VIR_ERR_INVALID_STREAM || code == VIR_ERR_NO_SOURCE ||
                   code == VIR_ERR_NO_TARGET))
        tmpl = virtAsprintf("%s %%s", base);
    else if (detail && (code == VIR_ERR_XML_DETAIL || code == VIR_ERR_SYSTEM_ERROR || code == VIR_ERR_RPC))
        tmpl = virtStrdup("%s");   /* libvirt's parser, system and RPC reports stand alone */
    else if (detail && *detail && code == VIR_ERR_XML_ERROR)
        tmpl = virtStrdup("XML error: %s");
    else if (detail && *detail)
        tmpl = virtAsprintf("%s: %%s", base);
    else
        tmpl = NULL;
    if (tmpl) {
        size_t at = strstr(tmpl, "%s") - tmpl;
        err->message = virtAsprintf("%.*s%s%s", (int) at, tmpl, detail, tmpl + at + 2);
        err->str1 = tmpl;
    } else {
        err->message = virtStrdup(base);
        err->str1 = virtStrdup(base);
    }
    /* libvirt's error reports carry -1 in both numbers */
    err->int1 = -1;
    err->int2 = -1;
    err->str2 = detail;
}

void virtErrorRaiseInvalidArg(virConnectPtr conn, int from, const char *func,
                              const char *arg, const char *fmt, ...)
{
    virError *err = threadError();
    va_list ap;

    virtErrorClear(err);
    va_start(ap, fmt);
    err->message = virtVasprintf(fmt, ap);
    va_end(ap);
    err->code = VIR_ERR_INVALID_ARG;
    err->domain = from;
    err->level = VIR_ERR_ERROR;
    err->conn = conn;
    err->str1 = virtStrdup(func);
    err->str2 = virtStrdup(arg);
}

void virtErrorRaise(virConnectPtr conn, virDomainPtr dom, virNetworkPtr net,
                    int from, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    virtErrorRaiseV(conn, dom, net, from, code, fmt, ap);
    va_end(ap);
}

void virtErrorSetVerbatim(virConnectPtr conn, const virError *from)
{
    virError *err = threadError();
    virtErrorClear(err);
    virtErrorCopy(err, from);
    err->conn = conn;
    err->dom = NULL;
    err->net = NULL;
    if (err->code == VIR_ERR_OK)
        err->code = VIR_ERR_INTERNAL_ERROR;
    if (!err->message)
        err->message = virtStrdup(virtErrorCodeText(err->code));
    if (err->level == VIR_ERR_NONE)
        err->level = VIR_ERR_ERROR;
}

void *virtErrorSave(void)
{
    virError *err = threadError();
    if (err->code == VIR_ERR_OK)
        return NULL;
    virError *copy = virtAlloc(sizeof(*copy));
    virtErrorCopy(copy, err);
    return copy;
}

void virtErrorRestore(virConnectPtr conn, void *saved)
{
    if (!saved)
        return;
    virtErrorSetVerbatim(conn, saved);
    virtErrorClear(saved);
    free(saved);
}

void virtDispatchError(virConnectPtr conn)
{
    virError *err = threadError();
    virErrorFunc handler;
    void *userData;

    /* A failure that forgot to say why still gets a message. */
    if (err->code == VIR_ERR_OK) {
        err->code = VIR_ERR_INTERNAL_ERROR;
        err->domain = VIR_FROM_NONE;
        err->level = VIR_ERR_ERROR;
        err->message = virtStrdup("An error occurred, but the cause is unknown");
    }

    pthread_mutex_lock(&handlerLock);
    handler = globalHandler;
    userData = globalUserData;
    pthread_mutex_unlock(&handlerLock);

    if (conn && virtConnectValid(conn)) {
        pthread_mutex_lock(&conn->lock);
        virtErrorClear(&conn->err);
        virtErrorCopy(&conn->err, err);
        if (conn->handler) {
            handler = conn->handler;
            userData = conn->userData;
        }
        pthread_mutex_unlock(&conn->lock);
    }

    if (handler)
        handler(userData, err);
    else
        virDefaultErrorFunc(err);
}

/* ---- public error API ---- */

virErrorPtr virGetLastError(void)
{
    virError *err = threadError();
    return err->code == VIR_ERR_OK ? NULL : err;
}

const char *virGetLastErrorMessage(void)
{
    virError *err = threadError();
    if (err->code == VIR_ERR_OK)
        return "no error";
    return err->message ? err->message : "unknown error";
}

void virResetLastError(void)
{
    virtErrorClear(threadError());
}

int virCopyLastError(virErrorPtr to)
{
    if (!to)
        return -1;
    virError *err = threadError();
    virtErrorCopy(to, err);
    return err->code;
}

virErrorPtr virSaveLastError(void)
{
    virError *copy = virtAlloc(sizeof(*copy));
    virCopyLastError(copy);
    return copy;
}

void virResetError(virErrorPtr err)
{
    virtErrorClear(err);
}

void virFreeError(virErrorPtr err)
{
    virtErrorClear(err);
    free(err);
}

void virSetErrorFunc(void *userData, virErrorFunc handler)
{
    pthread_mutex_lock(&handlerLock);
    globalHandler = handler;
    globalUserData = userData;
    pthread_mutex_unlock(&handlerLock);
}

virErrorPtr virConnGetLastError(virConnectPtr conn)
{
    if (!virtConnectValid(conn))
        return NULL;
    return conn->err.code == VIR_ERR_OK ? NULL : &conn->err;
}

int virConnCopyLastError(virConnectPtr conn, virErrorPtr to)
{
    if (!virtConnectValid(conn) || !to)
        return -1;
    pthread_mutex_lock(&conn->lock);
    virtErrorCopy(to, &conn->err);
    int code = conn->err.code;
    pthread_mutex_unlock(&conn->lock);
    return code;
}

void virConnResetLastError(virConnectPtr conn)
{
    if (!virtConnectValid(conn))
        return;
    pthread_mutex_lock(&conn->lock);
    virtErrorClear(&conn->err);
    pthread_mutex_unlock(&conn->lock);
}

void virConnSetErrorFunc(virConnectPtr conn, void *userData, virErrorFunc handler)
{
    if (!virtConnectValid(conn))
        return;
    pthread_mutex_lock(&conn->lock);
    conn->handler = handler;
    conn->userData = userData;
    pthread_mutex_unlock(&conn->lock);
}

void virDefaultErrorFunc(virErrorPtr err)
{
    const char *lvl = "", *dom, *obj = "";
    const char *msg;
    size_t len;

    if (!err || err->code == VIR_ERR_OK)
        return;
    if (err->level == VIR_ERR_WARNING)
        lvl = "warning";
    else if (err->level == VIR_ERR_ERROR)
        lvl = "error";
    dom = virtErrorDomainText(err->domain);
    if (!dom)
        dom = "Unknown";
    /* the object the error is about, when the error is not about the
     * handle itself */
    if (err->dom && err->code != VIR_ERR_INVALID_DOMAIN)
        obj = err->dom->h.ident.name ? err->dom->h.ident.name : "";
    else if (err->net && err->code != VIR_ERR_INVALID_NETWORK)
        obj = err->net->h.ident.name ? err->net->h.ident.name : "";
    msg = err->message ? err->message : "";
    len = strlen(msg);
    if (err->domain == VIR_FROM_XML && err->code == VIR_ERR_XML_DETAIL && err->int1 != 0)
        fprintf(stderr, "libvirt: %s %s %s: line %d: %s", dom, lvl, obj, err->int1, msg);
    else
        fprintf(stderr, "libvirt: %s %s %s: %s%s", dom, lvl, obj, msg,
                len == 0 || msg[len - 1] != '\n' ? "\n" : "");
}
