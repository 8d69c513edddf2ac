/* vsh-commands.c: the table of all commands, grouped as 'help' shows them,
 * and running parsed commands with virsh's error and timing conventions. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vsh.h"

const vshCmdGroup vshGroups[] = {
    { "Domain Management", "domain", { vshDomainCmds, vshDomainQueryCmds, NULL } },
    { "Domain Monitoring", "monitor", { vshMonitorCmds, NULL, NULL } },
    { "Host and Hypervisor", "host", { vshHostCmds, NULL, NULL } },
    { "Checkpoint", "checkpoint", { vshCheckpointCmds, NULL, NULL } },
    { "Interface", "interface", { vshInterfaceCmds, NULL, NULL } },
    { "Network Filter", "filter", { vshNwfilterCmds, NULL, NULL } },
    { "Networking", "network", { vshNetworkCmds, NULL, NULL } },
    { "Node Device", "nodedev", { vshNodedevCmds, NULL, NULL } },
    { "Secret", "secret", { vshSecretCmds, NULL, NULL } },
    { "Snapshot", "snapshot", { vshSnapshotCmds, NULL, NULL } },
    { "Storage Pool", "pool", { vshPoolCmds, NULL, NULL } },
    { "Storage Volume", "volume", { vshVolumeCmds, NULL, NULL } },
    { "Virsh itself", "virsh", { vshShellCmds, NULL, NULL } },
    { NULL, NULL, { NULL, NULL, NULL } },
};

const vshCmdDef *vshFindCommand(const char *name)
{
    for (const vshCmdGroup *g = vshGroups; g->title; g++)
        for (size_t p = 0; p < 3 && g->parts[p]; p++)
            for (const vshCmdDef *d = g->parts[p]; d->name; d++)
                if (strcmp(d->name, name) == 0)
                    return d;
    return NULL;
}

const vshCmdGroup *vshFindGroup(const char *keyword)
{
    for (const vshCmdGroup *g = vshGroups; g->title; g++)
        if (strcmp(g->keyword, keyword) == 0)
            return g;
    return NULL;
}

static double nowMs(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static vshCmd *bindWords(char **words, size_t nwords)
{
    const vshCmdDef *def = vshFindCommand(words[0]);
    if (!def) {
        vshError(NULL, "unknown command: '%s'", words[0]);
        return NULL;
    }
    /* CMD --help, before any '--', is 'help CMD' */
    for (size_t w = 1; w < nwords && strcmp(words[w], "--") != 0; w++) {
        if (strcmp(words[w], "--help") == 0 && vshOptIndex(def, "help") < 0) {
            char *helpWords[] = { words[0] };
            return vshBindCommand(vshFindCommand("help"), helpWords, 1);
        }
    }
    return vshBindCommand(def, words + 1, nwords - 1);
}

/* Run one bound command; prints its trailing blank line (or timing). */
static bool runCommand(vshControl *ctl, const vshCmd *cmd)
{
    double start;
    bool ok;

    vshDebug(ctl, 1, "command: %s", cmd->def->name);
    vshResetError();
    start = nowMs();
    /* connect on first need, so that help and echo work without one; a
     * failed connection ends the command like a failed call */
    if (!(cmd->def->flags & VSH_CMD_NOCONNECT) && !ctl->conn &&
        !vshConnect(ctl, ctl->uri, ctl->readonly)) {
        ok = false;
    } else {
        ok = cmd->def->handler(ctl, cmd);
        if (!ok)
            vshReportError(ctl);
    }
    if (ctl->quit)
        return ok;
    if (ctl->timing)
        vshPrint(ctl, "\n(Time: %.3f ms)\n\n", nowMs() - start);
    else
        vshPrintExtra(ctl, "\n");
    fflush(stdout);
    return ok;
}

/* Every command of LINE is checked before the first one runs; the result
 * is that of the last command run. */
bool vshRunLine(vshControl *ctl, const vshLine *line)
{
    vshCmd **cmds;
    bool ok = true;
    size_t bound = 0;

    if (line->ncmds == 0)
        return true;
    if (!(cmds = calloc(line->ncmds, sizeof(*cmds))))
        return false;
    for (; bound < line->ncmds; bound++) {
        if (!(cmds[bound] = bindWords(line->cmds[bound].words, line->cmds[bound].nwords))) {
            ok = false;
            goto cleanup;
        }
    }
    for (size_t i = 0; i < line->ncmds && !ctl->quit; i++)
        ok = runCommand(ctl, cmds[i]);

 cleanup:
    for (size_t i = 0; i < bound; i++)
        vshCmdFree(cmds[i]);
    free(cmds);
    return ok;
}

/* One command given as separate words (virsh CMD ARG...): no splitting. */
bool vshRunWords(vshControl *ctl, char **words, size_t nwords)
{
    vshCmd *cmd;
    bool ok;

    if (nwords == 0)
        return true;
    if (!(cmd = bindWords(words, nwords)))
        return false;
    ok = runCommand(ctl, cmd);
    vshCmdFree(cmd);
    return ok;
}
