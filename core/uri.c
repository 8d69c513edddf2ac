/* uri.c: split a connection URI into driver, transport, user, server,
 * port, path and unescaped query parameters. */
#include <libxml/uri.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "uri.h"

static const char *keep(virtOwnedURI *u, char *s)
{
    if (!s)
        return NULL;
    u->strings[u->nstrings++] = s;
    return s;
}

/* Split "a=1&b=2;c" into unescaped pairs; a name without '=' gets "". */
static int parseQuery(virtOwnedURI *u, const char *query)
{
    if (!query || !*query)
        return 0;
    size_t cap = 1;
    for (const char *p = query; *p; p++)
        if (*p == '&' || *p == ';')
            cap++;
    u->params = virtAlloc(cap * sizeof(*u->params));
    const char *p = query;
    while (*p) {
        size_t len = strcspn(p, "&;");
        if (len > 0) {
            const char *eq = memchr(p, '=', len);
            size_t nlen = eq ? (size_t) (eq - p) : len;
            char *rawname = virtStrndup(p, nlen);
            char *rawval = eq ? virtStrndup(eq + 1, len - nlen - 1) : virtStrdup("");
            /* '+' means space in query strings */
            for (char *c = rawval; *c; c++)
                if (*c == '+')
                    *c = ' ';
            char *name = xmlURIUnescapeString(rawname, 0, NULL);
            char *value = xmlURIUnescapeString(rawval, 0, NULL);
            free(rawname);
            free(rawval);
            if (!name || !value) {
                xmlFree(name);
                xmlFree(value);
                return -1;
            }
            virtURIParam *param = (virtURIParam *) &u->params[u->pub.nparams++];
            param->name = virtStrdup(name);
            param->value = virtStrdup(value);
            xmlFree(name);
            xmlFree(value);
        }
        p += len;
        if (*p)
            p++;
    }
    u->pub.params = u->params;
    return 0;
}

virtOwnedURI *virtURIParse(const char *name)
{
    xmlURIPtr x = xmlParseURI(name);
    if (!x || !x->scheme) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_URI, VIR_ERR_INVALID_ARG,
                       "cannot parse connection URI '%s'%s", name,
                       x ? ": it has no driver scheme" : "");
        xmlFreeURI(x);
        return NULL;
    }
    virtOwnedURI *u = virtAlloc(sizeof(*u));
    u->pub.original = keep(u, virtStrdup(name));
    u->pub.scheme = keep(u, virtStrdup(x->scheme));
    const char *plus = strchr(x->scheme, '+');
    if (plus) {
        u->pub.driver = keep(u, virtStrndup(x->scheme, (size_t) (plus - x->scheme)));
        u->pub.transport = keep(u, virtStrdup(plus + 1));
    } else {
        u->pub.driver = keep(u, virtStrdup(x->scheme));
    }
    u->pub.user = keep(u, virtStrdup(x->user));
    /* libxml2 gives "" for "scheme:///path"; treat it as no host. It keeps
     * the brackets of an IPv6 literal, which belong to the URI syntax. */
    if (x->server && x->server[0] == '[') {
        size_t len = strlen(x->server);
        u->pub.server = keep(u, len > 2 && x->server[len - 1] == ']'
                                    ? virtStrndup(x->server + 1, len - 2) : virtStrdup(x->server));
    } else {
        u->pub.server = keep(u, x->server && *x->server ? virtStrdup(x->server) : NULL);
    }
    u->pub.port = x->port > 0 ? x->port : 0;
    u->pub.path = keep(u, virtStrdup(x->path));
    u->pub.query = keep(u, virtStrdup(x->query_raw ? x->query_raw : x->query));
    u->pub.fragment = keep(u, virtStrdup(x->fragment));
    xmlFreeURI(x);
    if ((u->pub.driver && !*u->pub.driver) || (u->pub.transport && !*u->pub.transport) ||
        parseQuery(u, u->pub.query) < 0) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_URI, VIR_ERR_INVALID_ARG,
                       "cannot parse connection URI '%s'", name);
        virtURIFree(u);
        return NULL;
    }
    return u;
}

void virtURIFree(virtOwnedURI *u)
{
    if (!u)
        return;
    for (size_t i = 0; i < u->pub.nparams; i++) {
        free((char *) u->params[i].name);
        free((char *) u->params[i].value);
    }
    free(u->params);
    for (size_t i = 0; i < u->nstrings; i++)
        free(u->strings[i]);
    free(u);
}

const char *virtURIGetParam(const virtURI *uri, const char *name)
{
    for (size_t i = 0; i < uri->nparams; i++)
        if (strcmp(uri->params[i].name, name) == 0)
            return uri->params[i].value;
    return NULL;
}
