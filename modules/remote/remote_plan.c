/* remote_plan.c: turn driver[+transport]://[user@][host][:port]/[path][?params]
 * into a remotePlan. Parameters the remote module understands are taken
 * out; every other one travels on in the name sent to the daemon. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "remote_plan.h"
#include "util.h"

#define SYSTEM_SOCKET VIRT_RUNSTATEDIR "/libvirt/libvirt-sock"
#define SYSTEM_SOCKET_RO VIRT_RUNSTATEDIR "/libvirt/libvirt-sock-ro"

/* Parameters consumed here (libvirt's client knows the same names; the
 * ones we do not act on are still kept out of the daemon's name). */
static const char *const ownParams[] = {
    "name", "command", "socket", "netcat", "no_verify", "no_tty", "pkipath",
    "auth", "keyfile", "known_hosts", "known_hosts_verify", "sshauth", "mode",
    "proxy", "tls_priority", NULL
};

static bool isOwnParam(const char *name)
{
    for (size_t i = 0; ownParams[i]; i++)
        if (strcmp(ownParams[i], name) == 0)
            return true;
    return false;
}

static const char *param(const virtURI *uri, const char *name)
{
    const char *found = NULL;
    for (size_t i = 0; i < uri->nparams; i++)   /* the last one wins */
        if (strcmp(uri->params[i].name, name) == 0)
            found = uri->params[i].value;
    return found;
}

static bool flagParam(const virtURI *uri, const char *name)
{
    const char *v = param(uri, name);
    return v && *v && strcmp(v, "0") != 0;
}

/* Percent-escape everything but RFC 3986 unreserved characters. */
static void addEscaped(virtBuf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *) s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
            (*p >= '0' && *p <= '9') || strchr("-._~/:", *p)) {
            char c = (char) *p;
            virtBufAddLen(b, &c, 1);
        } else {
            char esc[3] = { '%', hex[*p >> 4], hex[*p & 15] };
            virtBufAddLen(b, esc, 3);
        }
    }
}

/* The daemon's URI: the driver, the path and the foreign parameters. */
static char *daemonName(const virtURI *uri)
{
    const char *explicitName = param(uri, "name");
    if (explicitName)
        return *explicitName ? virtStrdup(explicitName) : NULL;
    if (!uri->driver || strcmp(uri->driver, "remote") == 0)
        return NULL;                 /* the daemon picks its default */
    virtBuf b = { 0 };
    virtBufPrintf(&b, "%s://%s", uri->driver, uri->path ? uri->path : "");
    bool first = true;
    for (size_t i = 0; i < uri->nparams; i++) {
        if (isOwnParam(uri->params[i].name))
            continue;
        virtBufAdd(&b, first ? "?" : "&");
        first = false;
        addEscaped(&b, uri->params[i].name);
        virtBufAdd(&b, "=");
        addEscaped(&b, uri->params[i].value);
    }
    return virtBufSteal(&b);
}

/* The local socket: socket=, else session or system from the path. Only
 * the default session socket may have its daemon started on demand
 * (LIBVIRT_AUTOSTART=0 turns that off, as for libvirt's clients). */
static char *localSocket(const virtURI *uri, bool readonly, bool *autostart)
{
    const char *given = param(uri, "socket");
    const char *noauto = getenv("LIBVIRT_AUTOSTART");
    *autostart = false;
    if (given)
        return virtStrdup(given);
    bool session;
    if (uri->path && strcmp(uri->path, "/session") == 0)
        session = true;
    else if (uri->path && strcmp(uri->path, "/system") == 0)
        session = false;
    else
        session = geteuid() != 0;
    if (!session)
        return virtStrdup(readonly ? SYSTEM_SOCKET_RO : SYSTEM_SOCKET);
    *autostart = !(noauto && strcmp(noauto, "0") == 0);
    char *dir = virtSessionSocketDir();
    char *path = virtAsprintf("%s/libvirt-sock", dir);
    free(dir);
    return path;
}

static char **argvAppend(char **argv, size_t *n, const char *arg)
{
    argv = virtRealloc(argv, (*n + 2) * sizeof(char *));
    argv[(*n)++] = virtStrdup(arg);
    argv[*n] = NULL;
    return argv;
}

/* command -p port [-l user] [-T -o BatchMode=yes -e none] -- host netcat -U socket
 * "--" ends ssh's options, so that a URI host such as "-oProxyCommand=..."
 * is a host name and never an option. */
static char **sshArgv(const virtURI *uri, const remotePlan *plan)
{
    const char *command = param(uri, "command");
    const char *netcat = param(uri, "netcat");
    char **argv = NULL;
    size_t n = 0;
    argv = argvAppend(argv, &n, command && *command ? command : "ssh");
    argv = argvAppend(argv, &n, "-p");
    argv = argvAppend(argv, &n, plan->port);
    if (plan->user) {
        argv = argvAppend(argv, &n, "-l");
        argv = argvAppend(argv, &n, plan->user);
    }
    if (flagParam(uri, "no_tty")) {
        argv = argvAppend(argv, &n, "-T");
        argv = argvAppend(argv, &n, "-o");
        argv = argvAppend(argv, &n, "BatchMode=yes");
        argv = argvAppend(argv, &n, "-e");
        argv = argvAppend(argv, &n, "none");
    }
    argv = argvAppend(argv, &n, "--");
    argv = argvAppend(argv, &n, plan->host);
    argv = argvAppend(argv, &n, netcat && *netcat ? netcat : "nc");
    argv = argvAppend(argv, &n, "-U");
    argv = argvAppend(argv, &n, plan->socket);
    return argv;
}

/* ext: the command names a program found on PATH; one with spaces is
 * handed to the shell so that it may carry arguments. */
static char **extArgv(const char *command)
{
    char **argv = NULL;
    size_t n = 0;
    if (strpbrk(command, " \t")) {
        argv = argvAppend(argv, &n, "/bin/sh");
        argv = argvAppend(argv, &n, "-c");
    }
    return argvAppend(argv, &n, command);
}

const char *remoteTransportName(remoteTransport t)
{
    switch (t) {
    case REMOTE_TRANSPORT_UNIX: return "unix";
    case REMOTE_TRANSPORT_TCP: return "tcp";
    case REMOTE_TRANSPORT_TLS: return "tls";
    case REMOTE_TRANSPORT_SSH: return "ssh";
    case REMOTE_TRANSPORT_EXT: return "ext";
    }
    return "?";
}

remotePlan *remotePlanNew(const virtCoreServices *core, virConnectPtr conn,
                          const virtURI *uri, bool readonly)
{
    remotePlan *plan = virtAlloc(sizeof(*plan));
    const char *t = uri->transport;

    if (!t)
        plan->transport = uri->server ? REMOTE_TRANSPORT_TLS : REMOTE_TRANSPORT_UNIX;
    else if (strcmp(t, "unix") == 0)
        plan->transport = REMOTE_TRANSPORT_UNIX;
    else if (strcmp(t, "tcp") == 0)
        plan->transport = REMOTE_TRANSPORT_TCP;
    else if (strcmp(t, "tls") == 0)
        plan->transport = REMOTE_TRANSPORT_TLS;
    else if (strcmp(t, "ssh") == 0)
        plan->transport = REMOTE_TRANSPORT_SSH;
    else if (strcmp(t, "ext") == 0)
        plan->transport = REMOTE_TRANSPORT_EXT;
    else {
        core->error(conn, VIR_FROM_REMOTE, VIR_ERR_INVALID_ARG,
                    "URI '%s': transport '%s' is not one of tls, tcp, unix, ssh, ext",
                    uri->original, t);
        goto error;
    }

    plan->host = virtStrdup(uri->server ? uri->server : "localhost");
    plan->user = virtStrdup(uri->user);
    switch (plan->transport) {
    case REMOTE_TRANSPORT_TCP:
        plan->port = uri->port ? virtAsprintf("%d", uri->port) : virtStrdup("16509");
        break;
    case REMOTE_TRANSPORT_TLS:
        plan->port = uri->port ? virtAsprintf("%d", uri->port) : virtStrdup("16514");
        break;
    case REMOTE_TRANSPORT_SSH:
        plan->port = uri->port ? virtAsprintf("%d", uri->port) : virtStrdup("22");
        break;
    default:
        break;
    }
    if (plan->transport == REMOTE_TRANSPORT_UNIX) {
        if (uri->server) {
            core->error(conn, VIR_FROM_REMOTE, VIR_ERR_INVALID_ARG,
                        "URI '%s': the unix transport does not take a host name", uri->original);
            goto error;
        }
        plan->socket = localSocket(uri, readonly, &plan->autostart);
    } else if (plan->transport == REMOTE_TRANSPORT_SSH) {
        const char *s = param(uri, "socket");
        plan->socket = virtStrdup(s ? s : readonly ? SYSTEM_SOCKET_RO : SYSTEM_SOCKET);
        plan->argv = sshArgv(uri, plan);
    } else if (plan->transport == REMOTE_TRANSPORT_EXT) {
        const char *command = param(uri, "command");
        if (!command || !*command) {
            core->error(conn, VIR_FROM_REMOTE, VIR_ERR_INVALID_ARG,
                        "URI '%s': the ext transport needs a command= parameter", uri->original);
            goto error;
        }
        plan->argv = extArgv(command);
    }
    plan->no_verify = flagParam(uri, "no_verify");
    plan->pkipath = virtStrdup(param(uri, "pkipath"));
    plan->auth = virtStrdup(param(uri, "auth"));
    plan->name = daemonName(uri);
    return plan;

 error:
    remotePlanFree(plan);
    return NULL;
}

void remotePlanFree(remotePlan *plan)
{
    if (!plan)
        return;
    free(plan->host);
    free(plan->port);
    free(plan->user);
    free(plan->socket);
    for (size_t i = 0; plan->argv && plan->argv[i]; i++)
        free(plan->argv[i]);
    free(plan->argv);
    free(plan->pkipath);
    free(plan->auth);
    free(plan->name);
    free(plan);
}
