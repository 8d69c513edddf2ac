/* virsh-host.c: the "Host and Hypervisor" group (nodeinfo, capabilities,
 * hostname, uri, version) and the commands of virsh itself (connect,
 * help, quit, exit, echo). */
#include <stdlib.h>
#include <string.h>

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

static bool cmdEcho(vshControl *ctl, const vshCmd *cmd)
{
    const vshOptValue *words = vshOptArgv(cmd, "string");
    for (size_t i = 0; words && i < words->nvalues; i++)
        vshPrint(ctl, "%s%s", i ? " " : "", words->values[i]);
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

static const vshOptDef optsEcho[] = {
    { "string", VSH_OT_ARGV, VSH_OFLAG_POS, "arguments to echo", VSH_COMP_NONE },
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
    { "echo", cmdEcho, optsEcho, "echo arguments. Used for internal testing.",
      "Echo back arguments.", VSH_CMD_NOCONNECT },
    { "exit", cmdQuit, optsNone, "quit this interactive terminal", "", VSH_CMD_NOCONNECT },
    { "help", vshCmdHelp, optsHelp, "print help",
      "Prints global help, command specific help, or help for a\n    group of related commands",
      VSH_CMD_NOCONNECT },
    { "quit", cmdQuit, optsNone, "quit this interactive terminal", "", VSH_CMD_NOCONNECT },
    { "connect", cmdConnect, optsConnect, "(re)connect to hypervisor",
      "Connect to local hypervisor. This is built-in command after shell start up.",
      VSH_CMD_NOCONNECT },
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
