/* virsh-host.c: the "Host and Hypervisor" group (nodeinfo, capabilities,
 * hostname, uri, version) and the commands of virsh itself (connect,
 * help, quit, exit, echo, cd, pwd, complete). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vsh.h"

static bool cmdNodeinfo(vshControl *ctl, const vshCmd *cmd)
{
    virNodeInfo info;
    (void)cmd;

    if (virNodeGetInfo(ctl->conn, &info) < 0) {
        vshError(ctl, "%s", "failed to get node information");
        return false;
    }
    vshPrint(ctl, "%-20s %s\n", "CPU model:", info.model);
    vshPrint(ctl, "%-20s %d\n", "CPU(s):", info.cpus);
    if (info.mhz)
        vshPrint(ctl, "%-20s %d MHz\n", "CPU frequency:", info.mhz);
    vshPrint(ctl, "%-20s %d\n", "CPU socket(s):", info.sockets);
    vshPrint(ctl, "%-20s %d\n", "Core(s) per socket:", info.cores);
    vshPrint(ctl, "%-20s %d\n", "Thread(s) per core:", info.threads);
    vshPrint(ctl, "%-20s %d\n", "NUMA cell(s):", info.nodes);
    vshPrint(ctl, "%-20s %lu KiB\n", "Memory size:", info.memory);
    return true;
}

static bool cmdCapabilities(vshControl *ctl, const vshCmd *cmd)
{
    char *caps = virConnectGetCapabilities(ctl->conn);
    (void)cmd;

    if (!caps) {
        vshError(ctl, "%s", "failed to get capabilities");
        return false;
    }
    vshPrint(ctl, "%s\n", caps);
    free(caps);
    return true;
}

static bool cmdHostname(vshControl *ctl, const vshCmd *cmd)
{
    char *name = virConnectGetHostname(ctl->conn);
    (void)cmd;

    if (!name) {
        vshError(ctl, "%s", "failed to get hostname");
        return false;
    }
    vshPrint(ctl, "%s\n", name);
    free(name);
    return true;
}

static bool cmdUri(vshControl *ctl, const vshCmd *cmd)
{
    char *uri = virConnectGetURI(ctl->conn);
    (void)cmd;

    if (!uri) {
        vshError(ctl, "%s", "failed to get URI");
        return false;
    }
    vshPrint(ctl, "%s\n", uri);
    free(uri);
    return true;
}

static void printVersion(vshControl *ctl, const char *label, const char *what,
                         unsigned long v)
{
    vshPrint(ctl, "%s: %s %lu.%lu.%lu\n", label, what,
             v / 1000000, (v / 1000) % 1000, v % 1000);
}

static bool cmdVersion(vshControl *ctl, const vshCmd *cmd)
{
    unsigned long lib = 0, api = 0, hv = 0;
    const char *type;
    (void)cmd;

    printVersion(ctl, "Compiled against library", "libvirt", LIBVIR_VERSION_NUMBER);
    if (virGetVersion(&lib, NULL, NULL) < 0) {
        vshError(ctl, "%s", "failed to get the library version");
        return false;
    }
    printVersion(ctl, "Using library", "libvirt", lib);
    if (!(type = virConnectGetType(ctl->conn))) {
        vshError(ctl, "%s", "failed to get hypervisor type");
        return false;
    }
    if (virGetVersion(&lib, type, &api) < 0) {
        vshError(ctl, "%s", "failed to get the library version");
        return false;
    }
    printVersion(ctl, "Using API", type, api);
    if (virConnectGetVersion(ctl->conn, &hv) < 0) {
        vshError(ctl, "%s", "failed to get the hypervisor version");
        return false;
    }
    if (hv == 0)
        vshPrint(ctl, "Cannot extract running %s hypervisor version\n", type);
    else
        printVersion(ctl, "Running hypervisor", type, hv);
    return true;
}

static bool cmdConnect(vshControl *ctl, const vshCmd *cmd)
{
    const char *uri = vshOptString(cmd, "name");
    bool readonly = vshOptBool(cmd, "readonly");

    vshDisconnect(ctl);
    return vshConnect(ctl, uri, readonly);
}

static bool cmdQuit(vshControl *ctl, const vshCmd *cmd)
{
    (void)cmd;
    ctl->quit = true;
    return true;
}

/* ARG quoted for a POSIX shell when it needs it: 'a b', 'it'\''s'. */
static void echoShell(FILE *out, const char *arg)
{
    if (*arg && !arg[strcspn(arg, " \t\n\\'\"`$&|;<>()*?[]{}~#!")]) {
        fputs(arg, out);
        return;
    }
    fputc('\'', out);
    for (; *arg; arg++) {
        if (*arg == '\'')
            fputs("'\\''", out);
        else
            fputc(*arg, out);
    }
    fputc('\'', out);
}

static void echoXml(FILE *out, const char *arg)
{
    for (; *arg; arg++) {
        switch (*arg) {
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '&': fputs("&amp;", out); break;
        case '\'': fputs("&apos;", out); break;
        case '"': fputs("&quot;", out); break;
        default: fputc(*arg, out);
        }
    }
}

/* --split: each ',' starts a new line, ',,' stands for a comma; every
 * argument ends its line. */
static void echoSplit(FILE *out, const char *arg)
{
    for (; *arg; arg++) {
        if (*arg == ',' && arg[1] == ',') {
            fputc(',', out);
            arg++;
        } else if (*arg == ',') {
            fputc('\n', out);
        } else {
            fputc(*arg, out);
        }
    }
    fputc('\n', out);
}

static bool cmdEcho(vshControl *ctl, const vshCmd *cmd)
{
    const vshOptValue *words = vshOptArgv(cmd, "string");
    bool shell = vshOptBool(cmd, "shell"), xml = vshOptBool(cmd, "xml");
    bool toErr = vshOptBool(cmd, "err");
    FILE *out = toErr ? stderr : stdout;

    if (shell && xml) {
        vshError(ctl, "%s", "Options --shell and --xml are mutually exclusive");
        return false;
    }
    if (toErr)
        fputs("error: ", out);
    for (size_t i = 0; words && i < words->nvalues; i++) {
        if (i)
            fputc(' ', out);
        if (shell)
            echoShell(out, words->values[i]);
        else if (xml)
            echoXml(out, words->values[i]);
        else if (vshOptBool(cmd, "split"))
            echoSplit(out, words->values[i]);
        else
            fputs(words->values[i], out);
    }
    if (toErr)
        fputc('\n', out);
    return true;
}

static bool cmdCd(vshControl *ctl, const vshCmd *cmd)
{
    const char *dir = vshOptString(cmd, "dir");

    if (!ctl->imode) {
        vshError(ctl, "%s", "cd: command valid only in interactive mode");
        return false;
    }
    if (!dir)
        dir = getenv("HOME") ? getenv("HOME") : "/";
    if (chdir(dir) < 0) {
        vshError(ctl, "cd: %s: %s", strerror(errno), dir);
        return false;
    }
    return true;
}

static bool cmdPwd(vshControl *ctl, const vshCmd *cmd)
{
    char *cwd = getcwd(NULL, 0);

    (void)cmd;
    if (!cwd) {
        vshError(ctl, "pwd: cannot get current directory: %s", strerror(errno));
        return false;
    }
    vshPrint(ctl, "%s\n", cwd);
    free(cwd);
    return true;
}

static const vshOptDef optsNone[] = {
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsConnect[] = {
    { "name", VSH_OT_STRING, VSH_OFLAG_POS, "hypervisor connection URI", VSH_COMP_NONE },
    { "readonly", VSH_OT_BOOL, 0, "read-only connection", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsHelp[] = {
    { "command", VSH_OT_STRING, VSH_OFLAG_POS,
      "Prints global help, command specific help, or help for a group of related commands",
      VSH_COMP_COMMAND },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsCd[] = {
    { "dir", VSH_OT_STRING, VSH_OFLAG_POS, "directory to switch to (default: home or else root)", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsComplete[] = {
    { "string", VSH_OT_ARGV, VSH_OFLAG_POS | VSH_OFLAG_BARE, "partial string to autocomplete", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsEcho[] = {
    { "shell", VSH_OT_BOOL, 0, "escape for shell use", VSH_COMP_NONE },
    { "xml", VSH_OT_BOOL, 0, "escape for XML use", VSH_COMP_NONE },
    { "split", VSH_OT_BOOL, 0, "split each argument on ','; ',,' is an escape sequence", VSH_COMP_NONE },
    { "err", VSH_OT_BOOL, 0, "output to stderr", VSH_COMP_NONE },
    { "string", VSH_OT_ARGV, VSH_OFLAG_POS | VSH_OFLAG_BARE, "arguments to echo", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

const vshCmdDef vshHostCmds[] = {
    { "capabilities", cmdCapabilities, optsNone, "capabilities",
      "Returns capabilities of hypervisor/driver.", 0 },
    { "hostname", cmdHostname, optsNone, "print the hypervisor hostname", "", 0 },
    { "nodeinfo", cmdNodeinfo, optsNone, "node information",
      "Returns basic information about the node.", 0 },
    { "uri", cmdUri, optsNone, "print the hypervisor canonical URI", "", 0 },
    { "version", cmdVersion, optsNone, "show version",
      "Display the system version information.", 0 },
    { NULL, NULL, NULL, NULL, NULL, 0 },
};

const vshCmdDef vshShellCmds[] = {
    { "cd", cmdCd, optsCd, "change the current directory", "Change the current directory.",
      VSH_CMD_NOCONNECT },
    { "echo", cmdEcho, optsEcho, "echo arguments. Used for internal testing.",
      "Echo back arguments, possibly with quoting. Used for internal testing.", VSH_CMD_NOCONNECT },
    { "exit", cmdQuit, optsNone, "quit this interactive terminal", "", VSH_CMD_NOCONNECT },
    { "help", vshCmdHelp, optsHelp, "print help",
      "Prints global help, command specific help, or help for a\n    group of related commands",
      VSH_CMD_NOCONNECT },
    { "pwd", cmdPwd, optsNone, "print the current directory", "Print the current directory.",
      VSH_CMD_NOCONNECT },
    { "quit", cmdQuit, optsNone, "quit this interactive terminal", "", VSH_CMD_NOCONNECT },
    { "connect", cmdConnect, optsConnect, "(re)connect to hypervisor",
      "Connect to local hypervisor. This is built-in command after shell start up.",
      VSH_CMD_NOCONNECT },
    { "complete", vshCmdComplete, optsComplete, "internal command for autocompletion",
      "internal use only", VSH_CMD_NOCONNECT | VSH_CMD_HIDDEN },
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
