/* conf.c: a small parser for libvirt-style configuration files. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "error.h"

typedef struct {
    const char *path;
    const char *p;
    int line;
} cursor;

static int syntax(cursor *c, const char *what)
{
    virtErrorRaise(NULL, NULL, NULL, VIR_FROM_CONF, VIR_ERR_CONF_SYNTAX,
                   "%s:%d: %s", c->path, c->line, what);
    return -1;
}

/* Skip blanks, comments and (when newlines) line ends. */
static void skip(cursor *c, int newlines)
{
    for (;;) {
        if (*c->p == ' ' || *c->p == '\t' || *c->p == '\r') {
            c->p++;
        } else if (*c->p == '#') {
            while (*c->p && *c->p != '\n')
                c->p++;
        } else if (newlines && *c->p == '\n') {
            c->line++;
            c->p++;
        } else {
            return;
        }
    }
}

/* A string in double or single quotes (libvirt accepts both). */
static int parseString(cursor *c, char **out)
{
    virtBuf b = { 0 };
    char quote = *c->p++;
    while (*c->p && *c->p != quote) {
        if (*c->p == '\n') {
            virtBufFree(&b);
            return syntax(c, "unterminated string");
        }
        if (*c->p == '\\' && c->p[1]) {
            c->p++;
        }
        virtBufAddLen(&b, c->p, 1);
        c->p++;
    }
    if (*c->p != quote) {
        virtBufFree(&b);
        return syntax(c, "unterminated string");
    }
    c->p++;
    *out = virtBufSteal(&b);
    return 0;
}

static int parseValue(cursor *c, virtConfEntry *e)
{
    skip(c, 0);
    if (*c->p == '"' || *c->p == '\'') {
        e->type = VIRT_CONF_STRING;
        return parseString(c, &e->str);
    }
    if (*c->p == '[') {
        e->type = VIRT_CONF_LIST;
        e->list = virtAlloc(sizeof(char *));
        c->p++;
        for (;;) {
            skip(c, 1);
            if (*c->p == ']') {
                c->p++;
                return 0;
            }
            if (*c->p != '"' && *c->p != '\'')
                return syntax(c, "expected a string or ']' in list");
            char *s = NULL;
            if (parseString(c, &s) < 0)
                return -1;
            e->list = virtRealloc(e->list, (e->nlist + 2) * sizeof(char *));
            e->list[e->nlist++] = s;
            e->list[e->nlist] = NULL;
            skip(c, 1);
            if (*c->p == ',')
                c->p++;
            else if (*c->p != ']')
                return syntax(c, "expected ',' or ']' in list");
        }
    }
    if (*c->p == '-' || isdigit((unsigned char) *c->p)) {
        char *end = NULL;
        errno = 0;
        long long v = strtoll(c->p, &end, 0);
        if (errno || end == c->p)
            return syntax(c, "bad number");
        e->type = VIRT_CONF_INT;
        e->num = v;
        c->p = end;
        return 0;
    }
    return syntax(c, "expected a string, number or list after '='");
}

virtConf *virtConfParse(const char *path, const char *text)
{
    virtConf *conf = virtAlloc(sizeof(*conf));
    cursor c = { path, text, 1 };
    conf->path = virtStrdup(path);

    for (;;) {
        skip(&c, 1);
        if (!*c.p)
            break;
        if (!(isalpha((unsigned char) *c.p) || *c.p == '_')) {
            syntax(&c, "expected a setting name");
            goto error;
        }
        const char *start = c.p;
        while (isalnum((unsigned char) *c.p) || *c.p == '_' || *c.p == '.')
            c.p++;
        conf->entries = virtRealloc(conf->entries, (conf->nentries + 1) * sizeof(virtConfEntry));
        virtConfEntry *e = &conf->entries[conf->nentries++];
        memset(e, 0, sizeof(*e));
        e->key = virtStrndup(start, (size_t) (c.p - start));
        e->line = c.line;
        skip(&c, 0);
        if (*c.p != '=') {
            syntax(&c, "expected '=' after the setting name");
            goto error;
        }
        c.p++;
        if (parseValue(&c, e) < 0)
            goto error;
        skip(&c, 0);
        if (*c.p == ';')
            c.p++;
        skip(&c, 0);
        if (*c.p && *c.p != '\n') {
            syntax(&c, "unexpected text after the value");
            goto error;
        }
    }
    return conf;

 error:
    virtConfFree(conf);
    return NULL;
}

virtConf *virtConfRead(const char *path, int missing_ok)
{
    char *text = virtFileRead(path, 1 << 20, NULL);
    if (!text) {
        if (missing_ok && errno == ENOENT)
            return virtConfParse(path, "");
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_CONF, VIR_ERR_OPEN_FAILED,
                       "%s: %s", path, strerror(errno));
        return NULL;
    }
    virtConf *conf = virtConfParse(path, text);
    free(text);
    return conf;
}

void virtConfFree(virtConf *conf)
{
    if (!conf)
        return;
    for (size_t i = 0; i < conf->nentries; i++) {
        virtConfEntry *e = &conf->entries[i];
        free(e->key);
        free(e->str);
        for (size_t j = 0; j < e->nlist; j++)
            free(e->list[j]);
        free(e->list);
    }
    free(conf->entries);
    free(conf->path);
    free(conf);
}

const virtConfEntry *virtConfGet(const virtConf *conf, const char *key)
{
    const virtConfEntry *found = NULL;
    for (size_t i = 0; conf && i < conf->nentries; i++)
        if (strcmp(conf->entries[i].key, key) == 0)
            found = &conf->entries[i];
    return found;
}
