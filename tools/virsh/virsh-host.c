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

static bool cmdFreecell(vshControl *ctl, const vshCmd *cmd)
{
    bool all = vshOptBool(cmd, "all");
    int cell = 0, got;
    unsigned long long mem = 0, total = 0;
    vshXml *x = NULL;
    char *caps = NULL;
    bool ok = false;

    if ((got = vshOptInt(ctl, cmd, "cellno", &cell)) < 0)
        return false;
    if (all && got) {
        vshError(ctl, "%s", "Options --all and --cellno are mutually exclusive");
        return false;
    }
    if (!all && !got) {
        if ((mem = virNodeGetFreeMemory(ctl->conn)) == 0 && virGetLastError())
            return false;
        vshPrint(ctl, "%s: %llu KiB\n", "Total", mem / 1024);
        return true;
    }
    if (got) {
        if (virNodeGetCellsFreeMemory(ctl->conn, &mem, cell, 1) != 1)
            return false;
        vshPrint(ctl, "%d: %llu KiB\n", cell, mem / 1024);
        return true;
    }
    /* --all: every cell the capabilities describe, then their sum */
    if (!(caps = virConnectGetCapabilities(ctl->conn)) || !(x = vshXmlParse(ctl, caps)))
        goto cleanup;
    {
        int n = vshXmlCount(x, "/capabilities/host/topology/cells/cell");
        for (int i = 0; i < n; i++) {
            char *id = vshXmlString(x, "/capabilities/host/topology/cells/cell", i, "string(@id)");
            unsigned long cellId = id ? strtoul(id, NULL, 10) : 0;
            free(id);
            if (virNodeGetCellsFreeMemory(ctl->conn, &mem, (int)cellId, 1) != 1)
                goto cleanup;
            vshPrint(ctl, "%5lu: %10llu KiB\n", cellId, mem / 1024);
            total += mem / 1024;
        }
    }
    vshPrint(ctl, "--------------------\n");
    vshPrint(ctl, "%5s: %10llu KiB\n", "Total", total);
    ok = true;

 cleanup:
    vshXmlFree(x);
    free(caps);
    return ok;
}

static bool cmdNodecpumap(vshControl *ctl, const vshCmd *cmd)
{
    unsigned char *map = NULL;
    unsigned int online = 0;
    int ncpus = virNodeGetCPUMap(ctl->conn, &map, &online, 0);

    if (ncpus < 0) {
        vshError(ctl, "%s", "Unable to get cpu map");
        return false;
    }
    vshPrint(ctl, "%-15s %d\n", "CPUs present:", ncpus);
    vshPrint(ctl, "%-15s %u\n", "CPUs online:", online);
    vshPrint(ctl, "%-15s ", "CPU map:");
    if (vshOptBool(cmd, "pretty")) {
        char text[4096];
        vshFormatCpuMap(map, ncpus, text, sizeof(text));
        vshPrint(ctl, "%s", text);
    } else {
        for (int c = 0; c < ncpus; c++)
            vshPrint(ctl, "%c", VIR_CPU_USED(map, c) ? 'y' : '-');
    }
    vshPrint(ctl, "\n");
    free(map);
    return true;
}

/* The fields nodecpustats prints, in its order, with the names it shows. */
static const struct {
    const char *field;
    const char *label;
} cpuStatFields[] = {
    { VIR_NODE_CPU_STATS_USER, "user" },
    { VIR_NODE_CPU_STATS_KERNEL, "system" },
    { VIR_NODE_CPU_STATS_IDLE, "idle" },
    { VIR_NODE_CPU_STATS_IOWAIT, "iowait" },
};
#define NCPUSTATS (sizeof(cpuStatFields) / sizeof(cpuStatFields[0]))

/* One sample of CPU's counters into VALUES; HAVE says which came. */
static bool cpuStatsSample(vshControl *ctl, int cpu, unsigned long long *values, bool *have)
{
    virNodeCPUStatsPtr params = NULL;
    int n = 0;

    if (virNodeGetCPUStats(ctl->conn, cpu, NULL, &n, 0) < 0 || n <= 0) {
        vshError(ctl, "%s", "Unable to get number of cpu stats");
        return false;
    }
    if (!(params = calloc(n, sizeof(*params))))
        return false;
    if (virNodeGetCPUStats(ctl->conn, cpu, params, &n, 0) < 0) {
        vshError(ctl, "%s", "Unable to get node cpu stats");
        free(params);
        return false;
    }
    for (size_t f = 0; f < NCPUSTATS; f++) {
        have[f] = false;
        for (int i = 0; i < n; i++)
            if (strcmp(params[i].field, cpuStatFields[f].field) == 0) {
                values[f] = params[i].value;
                have[f] = true;
            }
    }
    free(params);
    return true;
}

static bool cmdNodecpustats(vshControl *ctl, const vshCmd *cmd)
{
    unsigned long long first[NCPUSTATS] = { 0 }, second[NCPUSTATS] = { 0 };
    bool have[NCPUSTATS];
    int cpu = VIR_NODE_CPU_STATS_ALL_CPUS, got;
    double total = 0;

    if ((got = vshOptInt(ctl, cmd, "cpu", &cpu)) < 0)
        return false;
    if (got && cpu < 0) {
        vshError(ctl, "%s", "Invalid value of cpuNum");
        return false;
    }
    if (!cpuStatsSample(ctl, cpu, first, have))
        return false;
    if (!vshOptBool(cmd, "percent")) {
        for (size_t f = 0; f < NCPUSTATS; f++)
            if (have[f]) {
                char label[32];
                snprintf(label, sizeof(label), "%s:", cpuStatFields[f].label);
                vshPrint(ctl, "%-15s %20llu\n", label, first[f]);
            }
        return true;
    }
    /* --percent: the share of each counter over one second */
    sleep(1);
    if (!cpuStatsSample(ctl, cpu, second, have))
        return false;
    for (size_t f = 0; f < NCPUSTATS; f++)
        total += (double)(second[f] - first[f]);
    vshPrint(ctl, "%-15s %5.1lf%%\n", "usage:",
             100.0 - (double)(second[2] - first[2]) * 100.0 / total);
    for (size_t f = 0; f < NCPUSTATS; f++) {
        char label[32];
        snprintf(label, sizeof(label), "%s:", cpuStatFields[f].label);
        vshPrint(ctl, "%-15s %5.1lf%%\n", label, (double)(second[f] - first[f]) * 100.0 / total);
    }
    return true;
}

static bool cmdNodememstats(vshControl *ctl, const vshCmd *cmd)
{
    int cell = VIR_NODE_MEMORY_STATS_ALL_CELLS, n = 0;
    virNodeMemoryStatsPtr params = NULL;
    bool ok = false;

    if (vshOptInt(ctl, cmd, "cell", &cell) < 0)
        return false;
    if (virNodeGetMemoryStats(ctl->conn, cell, NULL, &n, 0) < 0 || n <= 0) {
        vshError(ctl, "%s", "Unable to get number of memory stats");
        return false;
    }
    if (!(params = calloc(n, sizeof(*params))))
        return false;
    if (virNodeGetMemoryStats(ctl->conn, cell, params, &n, 0) < 0) {
        vshError(ctl, "%s", "Unable to get memory stats");
        goto cleanup;
    }
    for (int i = 0; i < n; i++)
        vshPrint(ctl, "%-7s %20llu KiB\n", params[i].field, params[i].value);
    ok = true;

 cleanup:
    free(params);
    return ok;
}

static bool cmdNodeMemoryTune(vshControl *ctl, const vshCmd *cmd)
{
    int n = 0;
    virTypedParameterPtr params = NULL;
    bool ok = false;

    (void)cmd;
    if (virNodeGetMemoryParameters(ctl->conn, NULL, &n, 0) < 0) {
        vshError(ctl, "%s", "Unable to get number of memory parameters");
        return false;
    }
    if (n > 0) {
        if (!(params = calloc(n, sizeof(*params))))
            return false;
        if (virNodeGetMemoryParameters(ctl->conn, params, &n, 0) < 0) {
            vshError(ctl, "%s", "Unable to get memory parameters");
            goto cleanup;
        }
    }
    vshPrint(ctl, "%s\n", "Shared memory:");
    for (int i = 0; i < n; i++) {
        if (params[i].type == VIR_TYPED_PARAM_UINT)
            vshPrint(ctl, "\t%-15s %u\n", params[i].field, params[i].value.ui);
        else if (params[i].type == VIR_TYPED_PARAM_ULLONG)
            vshPrint(ctl, "\t%-15s %llu\n", params[i].field, params[i].value.ul);
    }
    ok = true;

 cleanup:
    virTypedParamsClear(params, n);
    free(params);
    return ok;
}

static bool cmdSysinfo(vshControl *ctl, const vshCmd *cmd)
{
    char *info = virConnectGetSysinfo(ctl->conn, 0);

    (void)cmd;
    if (!info) {
        vshError(ctl, "%s", "failed to get sysinfo");
        return false;
    }
    vshPrint(ctl, "%s", info);
    free(info);
    return true;
}

static bool cmdDomcapabilities(vshControl *ctl, const vshCmd *cmd)
{
    char *caps = virConnectGetDomainCapabilities(ctl->conn, vshOptString(cmd, "emulatorbin"),
                                                 vshOptString(cmd, "arch"),
                                                 vshOptString(cmd, "machine"),
                                                 vshOptString(cmd, "virttype"), 0);
    bool ok = true;

    if (!caps) {
        vshError(ctl, "%s", "failed to get emulator capabilities");
        return false;
    }
    if (vshOptString(cmd, "xpath"))
        ok = vshPrintXml(ctl, cmd, caps);
    else
        vshPrint(ctl, "%s\n", caps);
    free(caps);
    return ok;
}

static bool cmdMaxvcpus(vshControl *ctl, const vshCmd *cmd)
{
    const char *type = vshOptString(cmd, "type");
    char *caps = virConnectGetDomainCapabilities(ctl->conn, NULL, NULL, NULL, type, 0);
    int max = -1;

    /* the domain capabilities know best; older drivers answer the old call */
    if (caps) {
        vshXml *x = vshXmlParse(ctl, caps);
        char *value = x ? vshXmlString(x, NULL, 0, "string(/domainCapabilities/vcpu/@max)") : NULL;
        if (value)
            max = atoi(value);
        free(value);
        vshXmlFree(x);
        free(caps);
    }
    vshResetError();
    if (max < 0 && (max = virConnectGetMaxVcpus(ctl->conn, type)) < 0)
        return false;
    vshPrint(ctl, "%d\n", max);
    return true;
}

static bool cmdCpuModels(vshControl *ctl, const vshCmd *cmd)
{
    char **models = NULL;
    int n = virConnectGetCPUModelNames(ctl->conn, vshOptString(cmd, "arch"), &models, 0);

    if (n < 0) {
        vshError(ctl, "%s", "failed to get CPU model names");
        return false;
    }
    if (n == 0)
        vshPrintExtra(ctl, "%s\n", "all CPU models are accepted");
    for (int i = 0; i < n; i++) {
        vshPrint(ctl, "%s\n", models[i]);
        free(models[i]);
    }
    free(models);
    return true;
}

static bool cmdNodesuspend(vshControl *ctl, const vshCmd *cmd)
{
    const char *target = vshOptString(cmd, "target");
    unsigned int which;
    int duration = 0;

    if (vshOptInt(ctl, cmd, "duration", &duration) < 0)
        return false;
    if (strcmp(target, "mem") == 0)
        which = VIR_NODE_SUSPEND_TARGET_MEM;
    else if (strcmp(target, "disk") == 0)
        which = VIR_NODE_SUSPEND_TARGET_DISK;
    else if (strcmp(target, "hybrid") == 0)
        which = VIR_NODE_SUSPEND_TARGET_HYBRID;
    else {
        vshError(ctl, "%s", "Invalid target");
        return false;
    }
    if (duration < 0) {
        vshError(ctl, "%s", "Invalid duration");
        return false;
    }
    if (virNodeSuspendForDuration(ctl->conn, which, (unsigned long long)duration, 0) < 0) {
        vshError(ctl, "%s", "The host was not suspended");
        return false;
    }
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
    if (vshOptBool(cmd, "daemon")) {
        unsigned long daemon = 0;
        if (virConnectGetLibVersion(ctl->conn, &daemon) < 0) {
            vshError(ctl, "%s", "failed to get the daemon version");
        } else {
            char text[32];
            snprintf(text, sizeof(text), "%lu.%lu.%lu", daemon / 1000000,
                     (daemon / 1000) % 1000, daemon % 1000);
            vshPrint(ctl, "%s: %s\n", "Running against daemon", text);
        }
    }
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

static const vshOptDef optsFreecell[] = {
    { "cellno", VSH_OT_INT, VSH_OFLAG_POS, "NUMA cell number", VSH_COMP_NONE },
    { "all", VSH_OT_BOOL, 0, "show free memory for all NUMA cells", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsNodecpumap[] = {
    { "pretty", VSH_OT_BOOL, 0, "return human readable output", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsNodecpustats[] = {
    { "cpu", VSH_OT_INT, VSH_OFLAG_POS, "prints specified cpu statistics only.", VSH_COMP_NONE },
    { "percent", VSH_OT_BOOL, 0, "prints by percentage during 1 second.", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsNodememstats[] = {
    { "cell", VSH_OT_INT, VSH_OFLAG_POS, "prints specified cell statistics only.", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsNodeMemoryTune[] = {
    { "shm-pages-to-scan", VSH_OT_INT, 0, "number of pages to scan before the shared memory service goes to sleep", VSH_COMP_NONE },
    { "shm-sleep-millisecs", VSH_OT_INT, 0, "number of millisecs the shared memory service should sleep before next scan", VSH_COMP_NONE },
    { "shm-merge-across-nodes", VSH_OT_INT, 0, "Specifies if pages from different numa nodes can be merged", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsDomcapabilities[] = {
    { "virttype", VSH_OT_STRING, 0, "virtualization type (/domain/@type)", VSH_COMP_NONE },
    { "emulatorbin", VSH_OT_STRING, 0, "path to emulator binary (/domain/devices/emulator)", VSH_COMP_NONE },
    { "arch", VSH_OT_STRING, 0, "domain architecture (/domain/os/type/@arch)", VSH_COMP_NONE },
    { "machine", VSH_OT_STRING, 0, "machine type (/domain/os/type/@machine)", VSH_COMP_NONE },
    { "xpath", VSH_OT_STRING, 0, "xpath expression to filter the XML document", VSH_COMP_NONE },
    { "wrap", VSH_OT_BOOL, 0, "wrap xpath results in an common root element", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsNodesuspend[] = {
    { "target", VSH_OT_STRING, VSH_OFLAG_REQ, "mem(Suspend-to-RAM), disk(Suspend-to-Disk), hybrid(Hybrid-Suspend)", VSH_COMP_NONE },
    { "duration", VSH_OT_INT, VSH_OFLAG_REQ, "Suspend duration in seconds, at least 60", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsVersion[] = {
    { "daemon", VSH_OT_BOOL, 0, "report daemon version too", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsMaxvcpus[] = {
    { "type", VSH_OT_STRING, 0, "domain type", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

static const vshOptDef optsCpuModels[] = {
    { "arch", VSH_OT_STRING, VSH_OFLAG_REQ, "architecture", VSH_COMP_NONE },
    { NULL, 0, 0, NULL, 0 },
};

const vshCmdDef vshHostCmds[] = {
    { "cpu-models", cmdCpuModels, optsCpuModels, "CPU models",
      "Get the CPU models for an arch.", 0 },
    { "domcapabilities", cmdDomcapabilities, optsDomcapabilities, "domain capabilities",
      "Returns capabilities of emulator with respect to host and libvirt.", 0 },
    { "freecell", cmdFreecell, optsFreecell, "NUMA free memory",
      "display available free memory for the NUMA cell.", 0 },
    { "maxvcpus", cmdMaxvcpus, optsMaxvcpus, "connection vcpu maximum",
      "Get maximum number of virtual CPUs for a guest domain from the hypervisor", 0 },
    { "node-memory-tune", cmdNodeMemoryTune, optsNodeMemoryTune, "Get or set node memory parameters",
      "Get or set node memory parameters", 0 },
    { "nodecpumap", cmdNodecpumap, optsNodecpumap, "node cpu map",
      "Displays the node's total number of CPUs, the number of online CPUs and the list of online CPUs.", 0 },
    { "nodecpustats", cmdNodecpustats, optsNodecpustats, "Prints cpu stats of the node.",
      "Returns cpu stats of the node, in nanoseconds.", 0 },
    { "nodememstats", cmdNodememstats, optsNodememstats, "Prints memory stats of the node.",
      "Returns memory stats of the node, in kilobytes.", 0 },
    { "nodesuspend", cmdNodesuspend, optsNodesuspend, "suspend the host node for a given time duration",
      "Suspend the host node for a given time duration and attempt to resume thereafter.", 0 },
    { "sysinfo", cmdSysinfo, optsNone, "print the hypervisor sysinfo",
      "output an XML string for the hypervisor sysinfo, if available", 0 },
    { "capabilities", cmdCapabilities, optsNone, "capabilities",
      "Returns capabilities of hypervisor/driver.", 0 },
    { "hostname", cmdHostname, optsNone, "print the hypervisor hostname", "", 0 },
    { "nodeinfo", cmdNodeinfo, optsNone, "node information",
      "Returns basic information about the node.", 0 },
    { "uri", cmdUri, optsNone, "print the hypervisor canonical URI", "", 0 },
    { "version", cmdVersion, optsVersion, "show version",
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
