/* connect.c: virConnectOpen and friends.
 *
 * Order of decisions: NULL/"" name -> LIBVIRT_DEFAULT_URI -> uri_default in
 * libvirt.conf -> probe modules; alias lookup; parse; transport, host or a
 * scheme no module claims -> the remote module; else the module claiming
 * the scheme (or, for a module that runs in the daemon, the remote module
 * over the local socket). Only that module is loaded. */
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "entry.h"
#include "error.h"
#include "log.h"
#include "paths.h"
#include "registry.h"
#include "uri.h"

VIRT_LOG_INIT("core.connect");

static bool isAliasName(const char *name)
{
    if (!*name)
        return false;
    for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (*p >= '0' && *p <= '9') || *p == '_' || *p == '-'))
            return false;
    return true;
}

/* Resolve an alias against uri_aliases. Returns a new string (the target or
 * a copy of name), or NULL with an error raised for a malformed entry. */
static char *resolveAlias(const virtConf *conf, const char *name)
{
    const virtConfEntry *e = virtConfGet(conf, "uri_aliases");
    if (!e)
        return virtStrdup(name);
    if (e->type != VIRT_CONF_LIST) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_CONF, VIR_ERR_CONF_SYNTAX,
                       "%s:%d: uri_aliases must be a list of strings", conf->path, e->line);
        return NULL;
    }
    for (size_t i = 0; i < e->nlist; i++) {
        const char *eq = strchr(e->list[i], '=');
        if (!eq || eq == e->list[i]) {
            virtErrorRaise(NULL, NULL, NULL, VIR_FROM_CONF, VIR_ERR_CONF_SYNTAX,
                           "%s:%d: malformed alias '%s', expected NAME=URI",
                           conf->path, e->line, e->list[i]);
            return NULL;
        }
        char *alias = virtStrndup(e->list[i], (size_t) (eq - e->list[i]));
        if (!isAliasName(alias)) {
            virtErrorRaise(NULL, NULL, NULL, VIR_FROM_CONF, VIR_ERR_CONF_SYNTAX,
                           "%s:%d: alias name '%s' may only use a-z, A-Z, 0-9, '_' and '-'",
                           conf->path, e->line, alias);
            free(alias);
            return NULL;
        }
        bool match = strcmp(alias, name) == 0;
        free(alias);
        if (match) {
            VIRT_DEBUG("alias '%s' resolves to '%s' (%s:%d)", name, eq + 1, conf->path, e->line);
            return virtStrdup(eq + 1);
        }
    }
    VIRT_DEBUG("'%s' is not an alias in %s", name, conf->path);
    return virtStrdup(name);
}

/* Ask probing modules, lowest probe order first, for a default URI. */
static char *probeDefault(const virtManifestSet *set)
{
    const virtManifest **order = virtAlloc((set->count + 1) * sizeof(*order));
    size_t n = 0;
    for (size_t i = 0; i < set->count; i++)
        if (set->items[i]->probe >= 0)
            order[n++] = set->items[i];
    for (size_t i = 1; i < n; i++)        /* insertion sort: n is tiny */
        for (size_t j = i; j > 0 && order[j]->probe < order[j - 1]->probe; j--) {
            const virtManifest *t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    char *uri = NULL;
    for (size_t i = 0; i < n && !uri; i++) {
        VIRT_DEBUG("probing module '%s' (probe order %d)", order[i]->module, order[i]->probe);
        virtModule *mod = virtRegistryLoad(order[i], "(probe)");
        if (!mod) {
            virResetLastError();   /* a broken prober must not hide the others */
            continue;
        }
        const char *(*probe)(void) = mod->desc->probe;
        const char *found = probe ? probe() : NULL;
        if (found) {
            VIRT_DEBUG("module '%s' found its hypervisor: URI '%s'", order[i]->module, found);
            uri = virtStrdup(found);
        }
    }
    free(order);
    return uri;
}

/* Work out the URI to open. Returns a new string or NULL (error raised). */
static char *chooseName(const char *name, unsigned int flags, const virtManifestSet *set)
{
    virtConf *conf = NULL;
    char *path = virtClientConfigPath();
    char *out = NULL;

    VIRT_DEBUG("reading client config %s", path);
    conf = virtConfRead(path, 1);
    free(path);
    if (!conf)
        return NULL;

    if (!name || !*name) {
        const char *env = getenv("LIBVIRT_DEFAULT_URI");
        const virtConfEntry *def = virtConfGet(conf, "uri_default");
        if (env && *env) {
            VIRT_DEBUG("no URI given: using LIBVIRT_DEFAULT_URI '%s'", env);
            name = env;
        } else if (def) {
            if (def->type != VIRT_CONF_STRING) {
                virtErrorRaise(NULL, NULL, NULL, VIR_FROM_CONF, VIR_ERR_CONF_SYNTAX,
                               "%s:%d: uri_default must be a string", conf->path, def->line);
                goto cleanup;
            }
            name = def->str;
            VIRT_DEBUG("no URI given: using uri_default '%s' (%s:%d)", name, conf->path, def->line);
        } else {
            VIRT_DEBUG("no URI given and no default set: asking modules that probe");
            out = probeDefault(set);
            if (!out)
                virtErrorRaise(NULL, NULL, NULL, VIR_FROM_NONE, VIR_ERR_NO_CONNECT,
                               "no URI given, LIBVIRT_DEFAULT_URI and uri_default are unset, "
                               "and no installed module found its hypervisor");
            goto cleanup;
        }
    }
    if (strcmp(name, "xen") == 0) {          /* legacy spelling */
        out = virtStrdup("xen:///");
        goto cleanup;
    }
    if (!(flags & VIR_CONNECT_NO_ALIASES) && isAliasName(name))
        out = resolveAlias(conf, name);
    else
        out = virtStrdup(name);

 cleanup:
    virtConfFree(conf);
    return out;
}

static virConnectPtr connectNew(char *name, virtOwnedURI *uri, unsigned int flags)
{
    virConnectPtr conn = virtAlloc(sizeof(*conn));
    conn->magic = VIRT_CONNECT_MAGIC;
    atomic_init(&conn->refs, 1);
    conn->flags = flags;
    conn->name = name;
    conn->uri = uri;
    pthread_mutex_init(&conn->lock, NULL);
    return conn;
}

/* Open module for every role in mask on conn. */
static int openRoles(virConnectPtr conn, virtModule *mod, unsigned int mask,
                     virConnectAuthPtr auth, unsigned int flags)
{
    void *priv = NULL;
    virResetLastError();
    int rc = mod->desc->open(conn, &conn->uri->pub, auth, flags, mask, &priv);
    if (rc == VIRT_OPEN_SUCCESS) {
        for (int r = 0; r < VIRT_ROLE_LAST; r++) {
            if (mask & VIRT_ROLE_BIT(r)) {
                conn->roles[r].module = mod;
                conn->roles[r].priv = priv;
            }
        }
        /* close() is called once per open: remember it on the first role */
        for (int r = 0; r < VIRT_ROLE_LAST; r++)
            if (mask & VIRT_ROLE_BIT(r)) {
                conn->roles[r].opened = true;
                break;
            }
        return 0;
    }
    if (rc == VIRT_OPEN_DECLINED) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_NONE, VIR_ERR_NO_CONNECT,
                       "URI '%s': module '%s' (%s) declined it",
                       conn->name, mod->name, mod->manifest_path);
        return -1;
    }
    if (!virGetLastError())
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_NONE, VIR_ERR_NO_CONNECT,
                       "URI '%s': module '%s' failed to open it without saying why",
                       conn->name, mod->name);
    return -1;
}

/* Give the connection a secondary role from another module that fills it
 * and runs in the same place as hv, the hypervisor module. Best effort:
 * the role stays empty otherwise. */
static void openSecondary(virConnectPtr conn, const virtManifestSet *set, virtRole role, const virtModule *hv,
                          virConnectAuthPtr auth, unsigned int flags)
{
    for (size_t i = 0; i < set->count; i++) {
        const virtManifest *m = set->items[i];
        if (!(m->roles & VIRT_ROLE_BIT(role)) || (m->roles & VIRT_ROLE_BIT(VIRT_ROLE_HYPERVISOR)) ||
            m->daemon != hv->daemon)
            continue;
        virtModule *mod = virtRegistryLoad(m, conn->name);
        if (mod && openRoles(conn, mod, VIRT_ROLE_BIT(role), auth, flags) == 0)
            return;
    }
    virResetLastError();
}

static virConnectPtr doOpen(const char *name, virConnectAuthPtr auth, unsigned int flags)
{
    VIRT_DEBUG("name=%s flags=0x%x", name ? name : "(null)", flags);
    virtManifestSet *set = virtRegistryScan();
    virConnectPtr conn = NULL;
    char *chosen = chooseName(name, flags, set);
    virtOwnedURI *uri = NULL;
    const virtManifest *m;
    virtModule *mod;

    if (!chosen)
        goto error;
    if (!(uri = virtURIParse(chosen)))
        goto error;

    bool remote = uri->pub.transport || uri->pub.server;
    /* As libvirt does, a scheme no module claims goes to the daemon, which
     * names what is missing; without a remote module the error is ours. */
    if (!remote && uri->pub.driver && !virtRegistryDaemonMode() &&
        virtRegistryUnclaimed(set, uri->pub.driver) &&
        !virtRegistryUnclaimed(set, "remote")) {
        VIRT_DEBUG("URI '%s': no module claims scheme '%s': handing it to the remote module",
                   chosen, uri->pub.driver);
        remote = true;
    }
    const char *scheme = remote ? "remote" : uri->pub.driver;
    VIRT_DEBUG("URI '%s': driver '%s', transport '%s', host '%s': looking for scheme '%s'",
               chosen, uri->pub.driver ? uri->pub.driver : "", uri->pub.transport ? uri->pub.transport : "",
               uri->pub.server ? uri->pub.server : "", scheme);
    if (!(m = virtRegistryFindScheme(set, scheme, chosen)))
        goto error;
    VIRT_DEBUG("URI '%s': scheme '%s' is claimed by module '%s' (manifest %s)",
               chosen, scheme, m->module, m->path);
    /* A stateful module lives in the daemon: reach it through remote. */
    if (m->daemon && !remote && !virtRegistryDaemonMode()) {
        const virtManifest *daemonSide = m;
        VIRT_DEBUG("module '%s' runs inside libvirtd: reaching it through the remote module",
                   m->module);
        if (!(m = virtRegistryFindScheme(set, "remote", chosen))) {
            virResetLastError();
            virtErrorRaise(NULL, NULL, NULL, VIR_FROM_NONE, VIR_ERR_NO_CONNECT,
                           "URI '%s': module '%s' (%s) runs inside libvirtd, and no remote module "
                           "is installed to reach it", chosen, daemonSide->module, daemonSide->path);
            goto error;
        }
    }
    if (!(mod = virtRegistryLoad(m, chosen)))
        goto error;

    conn = connectNew(chosen, uri, flags & VIR_CONNECT_RO);
    chosen = NULL;
    uri = NULL;
    unsigned int mask = mod->desc->roles & ~VIRT_ROLE_BIT(VIRT_ROLE_REMOTE);
    if (mod->desc->roles & VIRT_ROLE_BIT(VIRT_ROLE_REMOTE))
        mask = (VIRT_ROLE_BIT(VIRT_ROLE_LAST) - 1) & ~VIRT_ROLE_BIT(VIRT_ROLE_REMOTE);
    if (!(mask & VIRT_ROLE_BIT(VIRT_ROLE_HYPERVISOR))) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_NONE, VIR_ERR_NO_CONNECT,
                       "URI '%s': module '%s' (%s) does not drive a hypervisor",
                       conn->name, mod->name, mod->manifest_path);
        goto error;
    }
    /* The other modules' roles first, as libvirt's daemon starts its
     * network and storage drivers before the hypervisor's: a guest the
     * hypervisor module autostarts while it opens finds them (and their
     * autostarted networks) there. */
    for (int r = 0; r < VIRT_ROLE_LAST; r++)
        if (r != VIRT_ROLE_REMOTE && !(mask & VIRT_ROLE_BIT(r)))
            openSecondary(conn, set, (virtRole) r, mod, auth, flags);
    VIRT_DEBUG("URI '%s': opening module '%s' for roles 0x%x", conn->name, mod->name, mask);
    if (openRoles(conn, mod, mask, auth, flags) < 0)
        goto error;

    virtManifestSetFree(set);
    VIRT_DEBUG("URI '%s': connection %p open", conn->name, (void *) conn);
    return conn;

 error:
    if (conn) {
        /* The error must not point at the connection about to be freed. */
        virErrorPtr err = virGetLastError();
        if (err && err->conn == conn)
            err->conn = NULL;
        virtConnectUnref(conn);
    }
    free(chosen);
    virtURIFree(uri);
    virtManifestSetFree(set);
    virtDispatchError(NULL);
    return NULL;
}

virConnectPtr virConnectOpen(const char *name)
{
    if (virInitialize() < 0)
        return NULL;
    virResetLastError();
    return doOpen(name, NULL, 0);
}

virConnectPtr virConnectOpenReadOnly(const char *name)
{
    if (virInitialize() < 0)
        return NULL;
    virResetLastError();
    return doOpen(name, NULL, VIR_CONNECT_RO);
}

virConnectPtr virConnectOpenAuth(const char *name, virConnectAuthPtr auth, unsigned int flags)
{
    if (virInitialize() < 0)
        return NULL;
    virResetLastError();
    return doOpen(name, auth, flags);
}

int virConnectClose(virConnectPtr conn)
{
    if (!virtEnterConnect(conn, __func__))
        return -1;
    return virtConnectUnref(conn);
}

int virConnectRef(virConnectPtr conn)
{
    if (!virtEnterConnect(conn, __func__))
        return -1;
    atomic_fetch_add(&conn->refs, 1);
    return 0;
}

char *virConnectGetURI(virConnectPtr conn)
{
    if (!virtEnterConnect(conn, __func__))
        return NULL;
    return virtStrdup(conn->name);
}

int virConnectGetLibVersion(virConnectPtr conn, unsigned long *libVer)
{
    if (!virtEnterConnect(conn, __func__))
        return -1;
    if (virtArgMissing(conn, libVer, "libVer", __func__))
        return -1;
    *libVer = VIRT_API_VERSION_NUMBER;
    return 0;
}
