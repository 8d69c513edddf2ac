/* daemon-procs-migrate.c: the five steps of migration protocol 3. A
 * client's virDomainMigrate drives them across two daemons; each step runs
 * here on the client's own connection through the private entry points
 * (virt-internal.h), which the daemon reaches because it links the core
 * statically. Cookies travel as opaque bytes in both directions. */
#include <string.h>

#include "daemon-dispatch-table.h"
#include "virt-internal.h"

static const char *opt(remote_string s)
{
    return s ? *s : NULL;
}

/* A cookie from a step, into a reply's opaque<> member (taken). */
static void giveCookie(char *cookie, int len, uint32_t *outlen, char **outval)
{
    if (cookie && len > 0) {
        *outval = cookie;
        *outlen = (uint32_t) len;
    } else {
        free(cookie);
    }
}

static remote_string optString(char *s)
{
    if (!s)
        return NULL;
    remote_string out = virtAlloc(sizeof(*out));
    *out = s;
    return out;
}

DAEMON_PROC(DOMAIN_MIGRATE_BEGIN3)
{
    remote_domain_migrate_begin3_args *args = argsp;
    remote_domain_migrate_begin3_ret *ret = retp;
    char *cookie = NULL;
    int cookielen = 0;
    (void) client;
    virDomainPtr dom = daemonGetDomain(conn, &args->dom);
    if (!dom)
        return -1;
    char *xml = virDomainMigrateBegin3(dom, opt(args->xmlin), &cookie, &cookielen,
                                       (unsigned long) args->flags, opt(args->dname),
                                       (unsigned long) args->resource);
    daemonReleaseDomain(dom);
    if (!xml) {
        free(cookie);
        return -1;
    }
    ret->xml = xml;
    giveCookie(cookie, cookielen, &ret->cookie_out.cookie_out_len,
               &ret->cookie_out.cookie_out_val);
    return 0;
}

DAEMON_PROC(DOMAIN_MIGRATE_PREPARE3)
{
    remote_domain_migrate_prepare3_args *args = argsp;
    remote_domain_migrate_prepare3_ret *ret = retp;
    char *cookie = NULL, *uri_out = NULL;
    int cookielen = 0;
    (void) client;
    if (virDomainMigratePrepare3(conn, args->cookie_in.cookie_in_val,
                                 (int) args->cookie_in.cookie_in_len, &cookie, &cookielen,
                                 opt(args->uri_in), &uri_out, (unsigned long) args->flags,
                                 opt(args->dname), (unsigned long) args->resource,
                                 args->dom_xml) < 0) {
        free(cookie);
        free(uri_out);
        return -1;
    }
    ret->uri_out = optString(uri_out);
    giveCookie(cookie, cookielen, &ret->cookie_out.cookie_out_len,
               &ret->cookie_out.cookie_out_val);
    return 0;
}

DAEMON_PROC(DOMAIN_MIGRATE_PERFORM3)
{
    remote_domain_migrate_perform3_args *args = argsp;
    remote_domain_migrate_perform3_ret *ret = retp;
    char *cookie = NULL;
    int cookielen = 0;
    (void) client;
    virDomainPtr dom = daemonGetDomain(conn, &args->dom);
    if (!dom)
        return -1;
    int rc = virDomainMigratePerform3(dom, opt(args->xmlin), args->cookie_in.cookie_in_val,
                                      (int) args->cookie_in.cookie_in_len, &cookie, &cookielen,
                                      opt(args->dconnuri), opt(args->uri),
                                      (unsigned long) args->flags, opt(args->dname),
                                      (unsigned long) args->resource);
    daemonReleaseDomain(dom);
    if (rc < 0) {
        free(cookie);
        return -1;
    }
    giveCookie(cookie, cookielen, &ret->cookie_out.cookie_out_len,
               &ret->cookie_out.cookie_out_val);
    return 0;
}

DAEMON_PROC(DOMAIN_MIGRATE_FINISH3)
{
    remote_domain_migrate_finish3_args *args = argsp;
    remote_domain_migrate_finish3_ret *ret = retp;
    char *cookie = NULL;
    int cookielen = 0;
    (void) client;
    virDomainPtr dom = virDomainMigrateFinish3(conn, args->dname, args->cookie_in.cookie_in_val,
                                               (int) args->cookie_in.cookie_in_len, &cookie,
                                               &cookielen, opt(args->dconnuri), opt(args->uri),
                                               (unsigned long) args->flags, args->cancelled);
    if (!dom) {
        free(cookie);
        return -1;
    }
    daemonMakeDomain(&ret->dom, dom);
    daemonReleaseDomain(dom);
    giveCookie(cookie, cookielen, &ret->cookie_out.cookie_out_len,
               &ret->cookie_out.cookie_out_val);
    return 0;
}

DAEMON_PROC(DOMAIN_MIGRATE_CONFIRM3)
{
    remote_domain_migrate_confirm3_args *args = argsp;
    (void) client;
    (void) retp;
    virDomainPtr dom = daemonGetDomain(conn, &args->dom);
    if (!dom)
        return -1;
    int rc = virDomainMigrateConfirm3(dom, args->cookie_in.cookie_in_val,
                                      (int) args->cookie_in.cookie_in_len,
                                      (unsigned long) args->flags, args->cancelled);
    daemonReleaseDomain(dom);
    return rc;
}
