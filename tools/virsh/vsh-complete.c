/* vsh-complete.c: completion of command names, options, and domain and
 * network names asked of the live connection: readline's tab in the
 * shell, and the 'complete' command that bash completion runs. */
#include <stdlib.h>
#include <string.h>
#include <readline/readline.h>

#include "vsh.h"

static vshControl *completeCtl;

/* Candidates for the word being completed; the generator hands out those
 * that start with the typed text. */
static char **candidates;
static size_t ncandidates;

static void candidatesClear(void)
{
    for (size_t i = 0; i < ncandidates; i++)
        free(candidates[i]);
    free(candidates);
    candidates = NULL;
    ncandidates = 0;
}

static void candidateAdd(const char *text)
{
    char **grown = realloc(candidates, (ncandidates + 1) * sizeof(*grown));
    char *copy = strdup(text);
    if (!grown || !copy) {
        free(copy);
        if (grown)
            candidates = grown;
        return;
    }
    candidates = grown;
    candidates[ncandidates++] = copy;
}

static char *generator(const char *text, int state)
{
    static size_t next;
    size_t len = strlen(text);

    if (state == 0)
        next = 0;
    while (next < ncandidates) {
        const char *c = candidates[next++];
        if (strncmp(c, text, len) == 0)
            return strdup(c);
    }
    return NULL;
}

static void addCommands(void)
{
    for (const vshCmdGroup *g = vshGroups; g->title; g++)
        for (size_t p = 0; p < 3 && g->parts[p]; p++)
            for (const vshCmdDef *d = g->parts[p]; d->name; d++)
                if (!(d->flags & VSH_CMD_HIDDEN))
                    candidateAdd(d->name);
}

static void addDomains(void)
{
    virDomainPtr *doms = NULL;
    int n;

    if (!completeCtl->conn)
        return;
    n = virConnectListAllDomains(completeCtl->conn, &doms, 0);
    if (n < 0) {
        /* older drivers: running domains by id, defined ones by name */
        int ids[1024];
        char *names[1024];
        int count = virConnectListDomains(completeCtl->conn, ids, 1024);
        for (int i = 0; i < count; i++) {
            virDomainPtr dom = virDomainLookupByID(completeCtl->conn, ids[i]);
            if (dom) {
                candidateAdd(virDomainGetName(dom));
                virDomainFree(dom);
            }
        }
        count = virConnectListDefinedDomains(completeCtl->conn, names, 1024);
        for (int i = 0; i < count; i++) {
            candidateAdd(names[i]);
            free(names[i]);
        }
        virResetLastError();
        return;
    }
    for (int i = 0; i < n; i++) {
        candidateAdd(virDomainGetName(doms[i]));
        virDomainFree(doms[i]);
    }
    free(doms);
}

static void addNetworks(void)
{
    virNetworkPtr *nets = NULL;
    int n;

    if (!completeCtl->conn)
        return;
    n = virConnectListAllNetworks(completeCtl->conn, &nets, 0);
    if (n < 0) {
        char *names[1024];
        int count = virConnectListNetworks(completeCtl->conn, names, 1024);
        for (int i = 0; i < count; i++) {
            candidateAdd(names[i]);
            free(names[i]);
        }
        count = virConnectListDefinedNetworks(completeCtl->conn, names, 1024);
        for (int i = 0; i < count; i++) {
            candidateAdd(names[i]);
            free(names[i]);
        }
        virResetLastError();
        return;
    }
    for (int i = 0; i < n; i++) {
        candidateAdd(virNetworkGetName(nets[i]));
        virNetworkFree(nets[i]);
    }
    free(nets);
}

static void addPools(void)
{
    virStoragePoolPtr *pools = NULL;
    int n;

    if (!completeCtl->conn)
        return;
    if ((n = virConnectListAllStoragePools(completeCtl->conn, &pools, 0)) < 0) {
        virResetLastError();
        return;
    }
    for (int i = 0; i < n; i++) {
        candidateAdd(virStoragePoolGetName(pools[i]));
        virStoragePoolFree(pools[i]);
    }
    free(pools);
}

static void addKind(vshCompleteKind kind)
{
    switch (kind) {
    case VSH_COMP_DOMAIN: addDomains(); break;
    case VSH_COMP_NETWORK: addNetworks(); break;
    case VSH_COMP_POOL: addPools(); break;
    case VSH_COMP_COMMAND: addCommands(); break;
    case VSH_COMP_NONE: break;
    }
}

/* Which option a value typed after WORDS would fill, or -1. */
static int valueOption(const vshCmdDef *def, char **words, size_t nwords)
{
    bool seen[VSH_MAX_OPTS] = { false };
    size_t w;

    for (w = 1; w < nwords; w++) {
        int idx = -1;
        if (strncmp(words[w], "--", 2) == 0 && words[w][2] && !strchr(words[w], '=')) {
            idx = vshOptIndex(def, words[w] + 2);
            if (idx < 0)
                continue;
            seen[idx] = true;
            if (def->opts[idx].type != VSH_OT_BOOL) {
                if (w + 1 == nwords)
                    return idx;         /* the value of this option */
                w++;
            }
            continue;
        }
        for (int i = 0; def->opts[i].name; i++) {
            if (def->opts[i].type != VSH_OT_BOOL && !seen[i] &&
                (def->opts[i].flags & (VSH_OFLAG_REQ | VSH_OFLAG_POS))) {
                if (def->opts[i].type != VSH_OT_ARGV)
                    seen[i] = true;
                break;
            }
        }
    }
    for (int i = 0; def->opts[i].name; i++)
        if (def->opts[i].type != VSH_OT_BOOL && !seen[i] &&
            (def->opts[i].flags & (VSH_OFLAG_REQ | VSH_OFLAG_POS)))
            return i;
    return -1;
}

/* What may come after WORDS (a command and its arguments so far) when the
 * next word starts with TEXT: option names not given yet, or the values
 * of the option the word would fill. */
static void addForCommand(char **words, size_t nwords, const char *text)
{
    const vshCmdDef *def = vshFindCommand(words[0]);
    bool given[VSH_MAX_OPTS] = { false };

    if (!def || !def->opts)
        return;
    if (text[0] != '-') {
        /* a value when one is begun or its --option precedes; an empty
         * word otherwise gets the option names, as libvirt's virsh does */
        int idx = valueOption(def, words, nwords);
        bool afterOption = idx >= 0 && strncmp(words[nwords - 1], "--", 2) == 0 &&
                           vshOptIndex(def, words[nwords - 1] + 2) == idx;
        if (text[0] || afterOption) {
            if (idx >= 0)
                addKind(def->opts[idx].complete);
            return;
        }
    }
    for (size_t w = 1; w < nwords; w++) {
        if (strncmp(words[w], "--", 2) == 0) {
            int idx = vshOptIndex(def, words[w] + 2);
            if (idx >= 0) {
                given[idx] = true;
                if (def->opts[idx].type != VSH_OT_BOOL)
                    w++;
            }
            continue;
        }
        for (int i = 0; def->opts[i].name; i++)
            if (def->opts[i].type != VSH_OT_BOOL && !given[i] &&
                (def->opts[i].flags & (VSH_OFLAG_REQ | VSH_OFLAG_POS))) {
                if (def->opts[i].type != VSH_OT_ARGV)
                    given[i] = true;
                break;
            }
    }
    for (int i = 0; def->opts[i].name; i++) {
        char opt[128];
        if (given[i] && def->opts[i].type != VSH_OT_ARGV)
            continue;
        snprintf(opt, sizeof(opt), "--%s", def->opts[i].name);
        candidateAdd(opt);
    }
}

/* complete [--] WORD...: the candidates for the last word, one a line. */
bool vshCmdComplete(vshControl *ctl, const vshCmd *cmd)
{
    const vshOptValue *args = vshOptArgv(cmd, "string");
    const char *text = args && args->nvalues ? args->values[args->nvalues - 1] : "";
    size_t len = strlen(text);

    completeCtl = ctl;
    candidatesClear();
    if (!args || args->nvalues <= 1)
        addCommands();
    else
        addForCommand(args->values, args->nvalues - 1, text);
    for (size_t i = 0; i < ncandidates; i++)
        if (strncmp(candidates[i], text, len) == 0)
            vshPrint(ctl, "%s\n", candidates[i]);
    candidatesClear();
    vshResetError();
    return true;
}

static char **vshCompletion(const char *text, int start, int end)
{
    char *before = strndup(rl_line_buffer, start);
    vshLine line = { NULL, 0 };
    bool incomplete = false;
    char **words = NULL;
    size_t nwords = 0;
    const vshCmdDef *def;
    char **matches = NULL;

    (void)end;
    rl_attempted_completion_over = 1;   /* never fall back to file names */
    candidatesClear();
    if (!before || vshSplitLine(before, &line, &incomplete) < 0)
        goto cleanup;
    /* after a ';' with nothing else typed, a new command starts */
    {
        const char *semi = strrchr(before, ';');
        const char *tail = semi ? semi + 1 : before;
        if (tail[strspn(tail, " \t")] != '\0' && line.ncmds > 0) {
            words = line.cmds[line.ncmds - 1].words;
            nwords = line.cmds[line.ncmds - 1].nwords;
        }
    }

    if (nwords == 0)
        addCommands();
    else if (text[0] == '-' && (def = vshFindCommand(words[0])) && def->opts) {
        for (int i = 0; def->opts[i].name; i++) {
            char opt[128];
            snprintf(opt, sizeof(opt), "--%s", def->opts[i].name);
            candidateAdd(opt);
        }
    } else if (text[0] != '-') {
        addForCommand(words, nwords, text);
    }
    matches = rl_completion_matches(text, generator);
    candidatesClear();

 cleanup:
    vshLineClear(&line);
    free(before);
    return matches;
}

void vshCompleteInit(vshControl *ctl)
{
    completeCtl = ctl;
    rl_readline_name = "virsh";
    rl_attempted_completion_function = vshCompletion;
    rl_basic_word_break_characters = " \t\n\"\\'`@$><=;|&{(";
}
