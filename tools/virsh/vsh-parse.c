/* vsh-parse.c: turning text into commands. A line is split into words
 * (shell-like quoting) and into commands at unquoted ';'; the words of one
 * command are then bound to the options of its table entry. */
#include <stdlib.h>
#include <string.h>

#include "vsh.h"

/* Growable buffer for the word being read. */
typedef struct {
    char *s;
    size_t len, cap;
} vshBuf;

static int bufPut(vshBuf *b, char c)
{
    if (b->len + 2 > b->cap) {
        size_t ncap = b->cap ? b->cap * 2 : 32;
        char *ns = realloc(b->s, ncap);
        if (!ns)
            return -1;
        b->s = ns;
        b->cap = ncap;
    }
    b->s[b->len++] = c;
    b->s[b->len] = '\0';
    return 0;
}

static int wordsAdd(vshWords *w, char *word)
{
    char **nw = realloc(w->words, (w->nwords + 2) * sizeof(*nw));
    if (!nw)
        return -1;
    w->words = nw;
    w->words[w->nwords++] = word;
    w->words[w->nwords] = NULL;
    return 0;
}

static int lineAddCommand(vshLine *line)
{
    vshWords *nc = realloc(line->cmds, (line->ncmds + 1) * sizeof(*nc));
    if (!nc)
        return -1;
    line->cmds = nc;
    line->cmds[line->ncmds].words = NULL;
    line->cmds[line->ncmds].nwords = 0;
    line->ncmds++;
    return 0;
}

void vshLineClear(vshLine *line)
{
    for (size_t i = 0; i < line->ncmds; i++) {
        for (size_t j = 0; j < line->cmds[i].nwords; j++)
            free(line->cmds[i].words[j]);
        free(line->cmds[i].words);
    }
    free(line->cmds);
    line->cmds = NULL;
    line->ncmds = 0;
}

/* Split TEXT into commands. Quotes: '...' is literal, "..." honours
 * backslash escapes, a backslash outside quotes escapes the next character,
 * '#' at the start of a word comments out the rest of the line.
 * *incomplete tells whether a quote was left open (the word is still kept,
 * as virsh does). Empty commands are dropped. */
int vshSplitLine(const char *text, vshLine *out, bool *incomplete)
{
    vshBuf buf = { 0 };
    bool inword = false;
    char quote = 0;
    const char *p = text;
    int ret = -1;

    out->cmds = NULL;
    out->ncmds = 0;
    if (incomplete)
        *incomplete = false;
    if (lineAddCommand(out) < 0)
        goto cleanup;

    for (;; p++) {
        char c = *p;
        bool endword = false, endcmd = false;

        if (quote) {
            if (c == '\0') {
                if (incomplete)
                    *incomplete = true;
                endword = true;
            } else if (c == quote) {
                quote = 0;
                continue;
            } else if (c == '\\' && quote == '"' && p[1]) {
                if (bufPut(&buf, *++p) < 0)
                    goto cleanup;
                continue;
            } else {
                if (bufPut(&buf, c) < 0)
                    goto cleanup;
                continue;
            }
        } else if (c == '\0' || c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            endword = true;
        } else if (c == ';') {
            endword = endcmd = true;
        } else if (c == '#' && !inword) {
            while (p[1])
                p++;
            continue;
        } else if (c == '\'' || c == '"') {
            quote = c;
            inword = true;
            if (bufPut(&buf, '\0') < 0)   /* an empty "" is still a word */
                goto cleanup;
            buf.len--;
            continue;
        } else if (c == '\\' && p[1]) {
            inword = true;
            if (bufPut(&buf, *++p) < 0)
                goto cleanup;
            continue;
        } else {
            inword = true;
            if (bufPut(&buf, c) < 0)
                goto cleanup;
            continue;
        }

        if (endword && inword) {
            vshWords *cur = &out->cmds[out->ncmds - 1];
            if (wordsAdd(cur, buf.s ? buf.s : strdup("")) < 0)
                goto cleanup;
            buf.s = NULL;
            buf.len = buf.cap = 0;
            inword = false;
        }
        if (endcmd && out->cmds[out->ncmds - 1].nwords > 0 &&
            lineAddCommand(out) < 0)
            goto cleanup;
        if (c == '\0' || (quote && *p == '\0'))
            break;
    }
    if (out->ncmds > 0 && out->cmds[out->ncmds - 1].nwords == 0)
        out->ncmds--;       /* the slot allocated after the last ';' */
    ret = 0;

 cleanup:
    free(buf.s);
    if (ret < 0)
        vshLineClear(out);
    return ret;
}

int vshOptIndex(const vshCmdDef *def, const char *name)
{
    for (int i = 0; def->opts && def->opts[i].name; i++)
        if (strcmp(def->opts[i].name, name) == 0)
            return i;
    return -1;
}

static int optAddValue(vshOptValue *val, const char *value)
{
    char **nv = realloc(val->values, (val->nvalues + 1) * sizeof(*nv));
    if (!nv)
        return -1;
    val->values = nv;
    if (!(val->values[val->nvalues] = strdup(value)))
        return -1;
    val->nvalues++;
    val->present = true;
    return 0;
}

void vshCmdFree(vshCmd *cmd)
{
    if (!cmd)
        return;
    for (size_t i = 0; i < VSH_MAX_OPTS; i++) {
        for (size_t j = 0; j < cmd->opts[i].nvalues; j++)
            free(cmd->opts[i].values[j]);
        free(cmd->opts[i].values);
    }
    free(cmd);
}

/* The option a bare word goes to: the first positional one not yet
 * filled, or a positional ARGV that keeps collecting. */
static int nextPositional(const vshCmdDef *def, const vshCmd *cmd)
{
    for (int i = 0; def->opts && def->opts[i].name; i++) {
        const vshOptDef *o = &def->opts[i];
        if (o->type == VSH_OT_BOOL || !(o->flags & (VSH_OFLAG_REQ | VSH_OFLAG_POS)))
            continue;
        if (!cmd->opts[i].present || o->type == VSH_OT_ARGV)
            return i;
    }
    return -1;
}

/* Bind WORDS (the arguments after the command name) to DEF's options.
 * Reports the problem and returns NULL when they do not fit. */
vshCmd *vshBindCommand(const vshCmdDef *def, char **words, size_t nwords)
{
    vshCmd *cmd = calloc(1, sizeof(*cmd));
    bool dataOnly = false;

    if (!cmd)
        return NULL;
    cmd->def = def;

    for (size_t w = 0; w < nwords; w++) {
        const char *word = words[w];
        const char *value = NULL;
        int idx;

        if (!dataOnly && strcmp(word, "--") == 0) {
            dataOnly = true;
            continue;
        }
        if (!dataOnly && strncmp(word, "--", 2) == 0 && word[2]) {
            char *name = strdup(word + 2);
            char *eq;
            if (!name)
                goto error;
            if ((eq = strchr(name, '=')) != NULL) {
                *eq = '\0';
                value = word + 2 + (eq - name) + 1;
            }
            idx = vshOptIndex(def, name);
            free(name);
            if (idx < 0) {
                vshError(NULL, "command '%s' doesn't support option %.*s",
                         def->name, (int)(value ? (size_t)(value - word - 1)
                                                : strlen(word)), word);
                goto error;
            }
            const vshOptDef *o = &def->opts[idx];
            if (cmd->opts[idx].present && o->type != VSH_OT_ARGV) {
                vshError(NULL, "option --%s already seen", o->name);
                goto error;
            }
            if (o->type == VSH_OT_BOOL) {
                if (value) {
                    vshError(NULL, "invalid '=' after option --%s", o->name);
                    goto error;
                }
                cmd->opts[idx].present = true;
                continue;
            }
            if (!value) {
                if (w + 1 >= nwords) {
                    vshError(NULL, "expected syntax: --%s <%s>", o->name,
                             o->type == VSH_OT_INT ? "number" : "string");
                    goto error;
                }
                value = words[++w];
            }
        } else {
            idx = nextPositional(def, cmd);
            if (idx < 0) {
                vshError(NULL, "unexpected data '%s'", word);
                goto error;
            }
            value = word;
        }
        if (optAddValue(&cmd->opts[idx], value) < 0)
            goto error;
    }

    for (int i = 0; def->opts && def->opts[i].name; i++) {
        if ((def->opts[i].flags & VSH_OFLAG_REQ) && !cmd->opts[i].present) {
            vshError(NULL, "command '%s' requires <%s> option",
                     def->name, def->opts[i].name);
            goto error;
        }
    }
    return cmd;

 error:
    vshCmdFree(cmd);
    return NULL;
}
