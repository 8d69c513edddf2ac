/* vsh-opts.c: typed access to the options of a parsed command, with the
 * messages virsh prints when a value does not convert. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "vsh.h"

static const vshOptValue *optFind(const vshCmd *cmd, const char *name)
{
    int idx = vshOptIndex(cmd->def, name);
    if (idx < 0 || !cmd->opts[idx].present)
        return NULL;
    return &cmd->opts[idx];
}

bool vshOptBool(const vshCmd *cmd, const char *name)
{
    return optFind(cmd, name) != NULL;
}

const char *vshOptString(const vshCmd *cmd, const char *name)
{
    const vshOptValue *v = optFind(cmd, name);
    return v && v->nvalues ? v->values[0] : NULL;
}

const vshOptValue *vshOptArgv(const vshCmd *cmd, const char *name)
{
    return optFind(cmd, name);
}

/* 0: absent, 1: set, -1: malformed (reported). */
int vshOptInt(vshControl *ctl, const vshCmd *cmd, const char *name, int *value)
{
    const char *s = vshOptString(cmd, name);
    char *end;
    long v;

    if (!s)
        return 0;
    errno = 0;
    v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < INT_MIN || v > INT_MAX) {
        vshError(ctl, "Numeric value '%s' for <%s> option is malformed or out of range",
                 s, name);
        return -1;
    }
    *value = (int)v;
    return 1;
}

int vshOptULong(vshControl *ctl, const vshCmd *cmd, const char *name,
                unsigned long *value)
{
    const char *s = vshOptString(cmd, name);
    char *end;
    unsigned long v;

    if (!s)
        return 0;
    errno = 0;
    v = strtoul(s, &end, 10);
    if (errno || end == s || *end || s[0] == '-') {
        vshError(ctl, "Numeric value '%s' for <%s> option is malformed or out of range",
                 s, name);
        return -1;
    }
    *value = v;
    return 1;
}

/* Multiplier of a size suffix; 0 when unknown. No suffix means KiB. */
static unsigned long long scaleOf(const char *suffix)
{
    static const char units[] = "bkmgtpe";
    const char *u;
    unsigned long long base = 1024, scale = 1;

    if (!*suffix)
        return 1024;
    if (strcasecmp(suffix, "bytes") == 0)
        return 1;
    u = strchr(units, suffix[0] | 0x20);
    if (!u)
        return 0;
    if (suffix[1] == '\0') {
        /* single letter: binary unit */
    } else if (strcasecmp(suffix + 1, "iB") == 0 && u != units) {
        /* KiB, MiB ... */
    } else if (strcasecmp(suffix + 1, "B") == 0 && u != units) {
        base = 1000;
    } else {
        return 0;
    }
    for (const char *i = units; i < u; i++)
        scale *= base;
    return scale;
}

/* TEXT as a size in bytes ("10M", "1GiB", "4096"); false after reporting. */
bool vshParseBytes(vshControl *ctl, const char *text, unsigned long long *bytes)
{
    unsigned long long v, scale;
    char *end;

    errno = 0;
    v = strtoull(text, &end, 10);
    if (errno || end == text || text[0] == '-') {
        vshError(ctl, "Malformed size %s", text);
        return false;
    }
    scale = *end ? scaleOf(end) : 1;
    if (!scale) {
        vshError(ctl, "Malformed size %s", text);
        vshError(ctl, "invalid argument: unknown suffix '%s'", end);
        return false;
    }
    if (v && scale > ULLONG_MAX / v) {
        vshError(ctl, "Malformed size %s", text);
        return false;
    }
    *bytes = v * scale;
    return true;
}

/* A size such as 1048576, 512M or 2GiB, returned in KiB. */
int vshOptScaled(vshControl *ctl, const vshCmd *cmd, const char *name,
                 unsigned long long *kib)
{
    const char *s = vshOptString(cmd, name);
    unsigned long long v, scale;
    char *end;

    if (!s)
        return 0;
    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno || end == s || s[0] == '-' || !(scale = scaleOf(end)) ||
        (v && scale > ULLONG_MAX / v)) {
        vshError(ctl, "Scaled numeric value '%s' for <%s> option is malformed or out of range",
                 s, name);
        return -1;
    }
    v *= scale;
    *kib = (v + 1023) / 1024;
    return 1;
}

/* The whole content of PATH, NUL-terminated; NULL after reporting. */
char *vshReadFile(vshControl *ctl, const char *path)
{
    FILE *f = fopen(path, "r");
    char *data = NULL;
    size_t len = 0, cap = 0;

    if (!f) {
        vshError(ctl, "Failed to open file '%s': %s", path, strerror(errno));
        return NULL;
    }
    for (;;) {
        if (len + 4096 + 1 > cap) {
            size_t ncap = cap ? cap * 2 : 8192;
            char *nd = realloc(data, ncap);
            if (!nd)
                goto error;
            data = nd;
            cap = ncap;
        }
        size_t n = fread(data + len, 1, 4096, f);
        len += n;
        if (n < 4096) {
            if (ferror(f))
                goto error;
            break;
        }
    }
    data[len] = '\0';
    fclose(f);
    return data;

 error:
    vshError(ctl, "Failed to read file '%s': %s", path, strerror(errno));
    free(data);
    fclose(f);
    return NULL;
}
