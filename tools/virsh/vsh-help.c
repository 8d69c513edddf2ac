/* vsh-help.c: 'help' output, generated from the command table so that it
 * always matches what the parser accepts. */
#include <stdlib.h>
#include <string.h>

#include "vsh.h"

static int cmdNameCompare(const void *a, const void *b)
{
    return strcmp((*(const vshCmdDef *const *)a)->name,
                  (*(const vshCmdDef *const *)b)->name);
}

/* The commands of GROUP sorted by name; the caller frees the array. */
static const vshCmdDef **groupCommands(const vshCmdGroup *group, size_t *n)
{
    const vshCmdDef **list = NULL;
    size_t count = 0;

    for (size_t p = 0; p < 3 && group->parts[p]; p++)
        for (const vshCmdDef *d = group->parts[p]; d->name; d++)
            count += !(d->flags & VSH_CMD_HIDDEN);
    if (!(list = calloc(count ? count : 1, sizeof(*list))))
        return NULL;
    *n = 0;
    for (size_t p = 0; p < 3 && group->parts[p]; p++)
        for (const vshCmdDef *d = group->parts[p]; d->name; d++)
            if (!(d->flags & VSH_CMD_HIDDEN))
                list[(*n)++] = d;
    /* virsh lists its own commands in table order, every other group sorted */
    if (strcmp(group->keyword, "virsh") != 0)
        qsort(list, *n, sizeof(*list), cmdNameCompare);
    return list;
}

/* One group; BLANK ends it with a blank line, as between groups. */
static void printGroup(vshControl *ctl, const vshCmdGroup *group, const char *colon, bool blank)
{
    size_t n = 0;
    const vshCmdDef **list = groupCommands(group, &n);

    vshPrint(ctl, " %s (help keyword '%s')%s\n", group->title, group->keyword, colon);
    for (size_t i = 0; list && i < n; i++)
        vshPrint(ctl, "    %-30s %s\n", list[i]->name, list[i]->help);
    if (blank)
        vshPrint(ctl, "\n");
    free(list);
}

/* Every group, as 'help' (GROUPED) or 'virsh --help' shows them. */
void vshPrintGroups(vshControl *ctl, bool grouped)
{
    if (grouped)
        vshPrint(ctl, "Grouped commands:\n\n");
    for (const vshCmdGroup *g = vshGroups; g->title; g++)
        printGroup(ctl, g, grouped ? ":" : "", true);
}

static const char *typeWord(const vshOptDef *o)
{
    return o->type == VSH_OT_INT ? "number" : "string";
}

static void printCommandHelp(vshControl *ctl, const vshCmdDef *def)
{
    const vshOptDef *o;
    char label[256];

    vshPrint(ctl, "  NAME\n    %s - %s\n\n  SYNOPSIS\n    %s", def->name, def->help, def->name);
    for (o = def->opts; o && o->name; o++) {
        bool req = o->flags & VSH_OFLAG_REQ;
        if (o->type == VSH_OT_BOOL)
            vshPrint(ctl, " [--%s]", o->name);
        else if (o->type == VSH_OT_ARGV && req)
            vshPrint(ctl, " <%s>...", o->name);
        else if (o->type == VSH_OT_ARGV && !(o->flags & VSH_OFLAG_BARE))
            vshPrint(ctl, " [[--%s] <string>]...", o->name);
        else if (o->type == VSH_OT_ARGV)
            vshPrint(ctl, " [<%s>]...", o->name);
        else if (req)
            vshPrint(ctl, " <%s>", o->name);
        else
            vshPrint(ctl, " [--%s <%s>]", o->name, typeWord(o));
    }
    vshPrint(ctl, "\n\n");
    if (def->desc && *def->desc)
        vshPrint(ctl, "  DESCRIPTION\n    %s\n\n", def->desc);
    if (def->opts && def->opts[0].name) {
        vshPrint(ctl, "  OPTIONS\n");
        for (o = def->opts; o->name; o++) {
            if (o->type == VSH_OT_BOOL)
                snprintf(label, sizeof(label), "--%s", o->name);
            else if (o->type == VSH_OT_ARGV && !(o->flags & VSH_OFLAG_BARE))
                snprintf(label, sizeof(label), "[--%s] <string>", o->name);
            else if (o->type == VSH_OT_ARGV)
                snprintf(label, sizeof(label), "<%s>", o->name);
            else if (o->flags & VSH_OFLAG_REQ)
                snprintf(label, sizeof(label), "[--%s] <%s>", o->name, typeWord(o));
            else
                snprintf(label, sizeof(label), "--%s <%s>", o->name, typeWord(o));
            vshPrint(ctl, "    %-15s  %s\n", label, o->help);
        }
        vshPrint(ctl, "\n");
    }
}

bool vshCmdHelp(vshControl *ctl, const vshCmd *cmd)
{
    const char *what = vshOptString(cmd, "command");
    const vshCmdDef *def;
    const vshCmdGroup *group;

    if (!what) {
        vshPrintGroups(ctl, true);
        return true;
    }
    if ((def = vshFindCommand(what))) {
        printCommandHelp(ctl, def);
        return true;
    }
    if ((group = vshFindGroup(what))) {
        printGroup(ctl, group, ":", false);
        return true;
    }
    vshError(ctl, "command or command group '%s' doesn't exist", what);
    return false;
}
