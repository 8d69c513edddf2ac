/* remote_migrate.c: virDomainMigrate between two daemons. The client
 * drives migration protocol 3 itself, one step per daemon call:
 *
 *   source       BEGIN3     the domain XML (and a cookie) to send
 *   destination  PREPARE3   ready to receive; answers the URI to send to
 *   source       PERFORM3   the memory moves
 *   destination  FINISH3    the guest runs there (or is dropped on failure)
 *   source       CONFIRM3   the source guest goes (or resumes on failure)
 *
 * Each step's cookie goes to the next step. Both connections must be of
 * this module; a failure keeps the error of the step that failed, not of
 * the cleanup steps that follow it. */
#include <stdlib.h>
#include <string.h>

#include "remote_driver.h"
#include "remote_handwritten.h"

/* Borrow a C string as a wire remote_string (a pointer to it). */
#define WIRE_OPT(s) ((s) ? (remote_string) &(s) : NULL)

/* Hand a reply's cookie to the caller: the decoded buffer itself, taken
 * out of the reply so that freeing the reply leaves it alone. */
static void takeCookie(uint32_t len, char **val, char **out, int *outlen)
{
    *out = len ? *val : NULL;
    *outlen = *out ? (int) len : 0;
    if (*out)
        *val = NULL;
}

char *remoteDomainMigrateBegin3(virDomainPtr domain, const char *xmlin, char **cookieout,
                                int *cookieoutlen, unsigned long flags, const char *dname,
                                unsigned long resource)
{
    remote_domain_migrate_begin3_args args;
    remote_domain_migrate_begin3_ret ret;
    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    remoteDomainToWire(domain, &args.dom);
    args.xmlin = WIRE_OPT(xmlin);
    args.flags = flags;
    args.dname = WIRE_OPT(dname);
    args.resource = resource;
    if (remoteCall(remoteCore->handle_conn(domain), REMOTE_PROC_DOMAIN_MIGRATE_BEGIN3,
                   (virtXDRCodec) virtXDR_remote_domain_migrate_begin3_args, &args,
                   (virtXDRCodec) virtXDR_remote_domain_migrate_begin3_ret, &ret) < 0)
        return NULL;
    takeCookie(ret.cookie_out.cookie_out_len, &ret.cookie_out.cookie_out_val, cookieout,
               cookieoutlen);
    char *xml = ret.xml;
    ret.xml = NULL;
    virtXDRFree_remote_domain_migrate_begin3_ret(&ret);
    return xml;
}

int remoteDomainMigratePrepare3(virConnectPtr dconn, const char *cookiein, int cookieinlen,
                                char **cookieout, int *cookieoutlen, const char *uri_in,
                                char **uri_out, unsigned long flags, const char *dname,
                                unsigned long resource, const char *dom_xml)
{
    remote_domain_migrate_prepare3_args args;
    remote_domain_migrate_prepare3_ret ret;
    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    args.cookie_in.cookie_in_len = cookiein ? (uint32_t) cookieinlen : 0;
    args.cookie_in.cookie_in_val = (char *) cookiein;
    args.uri_in = WIRE_OPT(uri_in);
    args.flags = flags;
    args.dname = WIRE_OPT(dname);
    args.resource = resource;
    args.dom_xml = (char *) dom_xml;
    *uri_out = NULL;
    if (remoteCall(dconn, REMOTE_PROC_DOMAIN_MIGRATE_PREPARE3,
                   (virtXDRCodec) virtXDR_remote_domain_migrate_prepare3_args, &args,
                   (virtXDRCodec) virtXDR_remote_domain_migrate_prepare3_ret, &ret) < 0)
        return -1;
    takeCookie(ret.cookie_out.cookie_out_len, &ret.cookie_out.cookie_out_val, cookieout,
               cookieoutlen);
    if (ret.uri_out) {
        *uri_out = *ret.uri_out;
        *ret.uri_out = NULL;
    }
    virtXDRFree_remote_domain_migrate_prepare3_ret(&ret);
    return 0;
}

int remoteDomainMigratePerform3(virDomainPtr domain, const char *xmlin, const char *cookiein,
                                int cookieinlen, char **cookieout, int *cookieoutlen,
                                const char *dconnuri, const char *uri, unsigned long flags,
                                const char *dname, unsigned long resource)
{
    remote_domain_migrate_perform3_args args;
    remote_domain_migrate_perform3_ret ret;
    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    remoteDomainToWire(domain, &args.dom);
    args.xmlin = WIRE_OPT(xmlin);
    args.cookie_in.cookie_in_len = cookiein ? (uint32_t) cookieinlen : 0;
    args.cookie_in.cookie_in_val = (char *) cookiein;
    args.dconnuri = WIRE_OPT(dconnuri);
    args.uri = WIRE_OPT(uri);
    args.flags = flags;
    args.dname = WIRE_OPT(dname);
    args.resource = resource;
    if (remoteCall(remoteCore->handle_conn(domain), REMOTE_PROC_DOMAIN_MIGRATE_PERFORM3,
                   (virtXDRCodec) virtXDR_remote_domain_migrate_perform3_args, &args,
                   (virtXDRCodec) virtXDR_remote_domain_migrate_perform3_ret, &ret) < 0)
        return -1;
    takeCookie(ret.cookie_out.cookie_out_len, &ret.cookie_out.cookie_out_val, cookieout,
               cookieoutlen);
    virtXDRFree_remote_domain_migrate_perform3_ret(&ret);
    return 0;
}

virDomainPtr remoteDomainMigrateFinish3(virConnectPtr dconn, const char *dname,
                                        const char *cookiein, int cookieinlen, char **cookieout,
                                        int *cookieoutlen, const char *dconnuri, const char *uri,
                                        unsigned long flags, int cancelled)
{
    remote_domain_migrate_finish3_args args;
    remote_domain_migrate_finish3_ret ret;
    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    args.dname = (char *) dname;
    args.cookie_in.cookie_in_len = cookiein ? (uint32_t) cookieinlen : 0;
    args.cookie_in.cookie_in_val = (char *) cookiein;
    args.dconnuri = WIRE_OPT(dconnuri);
    args.uri = WIRE_OPT(uri);
    args.flags = flags;
    args.cancelled = cancelled;
    if (remoteCall(dconn, REMOTE_PROC_DOMAIN_MIGRATE_FINISH3,
                   (virtXDRCodec) virtXDR_remote_domain_migrate_finish3_args, &args,
                   (virtXDRCodec) virtXDR_remote_domain_migrate_finish3_ret, &ret) < 0)
        return NULL;
    takeCookie(ret.cookie_out.cookie_out_len, &ret.cookie_out.cookie_out_val, cookieout,
               cookieoutlen);
    virDomainPtr dom = remoteDomainFromWire(dconn, &ret.dom);
    virtXDRFree_remote_domain_migrate_finish3_ret(&ret);
    return dom;
}

int remoteDomainMigrateConfirm3(virDomainPtr domain, const char *cookiein, int cookieinlen,
                                unsigned long flags, int cancelled)
{
    remote_domain_migrate_confirm3_args args;
    memset(&args, 0, sizeof(args));
    remoteDomainToWire(domain, &args.dom);
    args.cookie_in.cookie_in_len = cookiein ? (uint32_t) cookieinlen : 0;
    args.cookie_in.cookie_in_val = (char *) cookiein;
    args.flags = flags;
    args.cancelled = cancelled;
    return remoteCall(remoteCore->handle_conn(domain), REMOTE_PROC_DOMAIN_MIGRATE_CONFIRM3,
                      (virtXDRCodec) virtXDR_remote_domain_migrate_confirm3_args, &args,
                      NULL, NULL);
}

/* Cleanup calls after a failure must not replace its error. */
static void quietly(virConnectPtr conn, void (*cleanup)(void *), void *opaque)
{
    void *saved = remoteCore->error_save();
    cleanup(opaque);
    remoteCore->error_restore(conn, saved);
}

typedef struct {
    virDomainPtr dom;
    virConnectPtr dconn;
    const char *name;
    const char *uri;
    char *cookie;
    int cookielen;
    unsigned long flags;
} migration;

static void confirmCancelled(void *opaque)
{
    migration *m = opaque;
    remoteDomainMigrateConfirm3(m->dom, m->cookie, m->cookielen, m->flags, 1);
}

static void confirmDone(void *opaque)
{
    migration *m = opaque;
    remoteDomainMigrateConfirm3(m->dom, m->cookie, m->cookielen, m->flags, 0);
}

static void finishCancelled(void *opaque)
{
    migration *m = opaque;
    char *cookie = NULL;
    int len = 0;
    virDomainPtr gone = remoteDomainMigrateFinish3(m->dconn, m->name, m->cookie, m->cookielen,
                                                   &cookie, &len, NULL, m->uri, m->flags, 1);
    if (gone)
        remoteCore->handle_release(gone);
    free(cookie);
}

virDomainPtr remoteDomainMigrate2(virDomainPtr domain, virConnectPtr dconn, const char *dxml,
                                  unsigned long flags, const char *dname, const char *uri,
                                  unsigned long bandwidth)
{
    virConnectPtr sconn = remoteCore->handle_conn(domain);
    migration m = { .dom = domain, .dconn = dconn, .flags = flags };
    char *xml = NULL, *uri_out = NULL, *next = NULL;
    int nextlen = 0;
    virDomainPtr ddom = NULL;

    if (!remoteConnIsOurs(dconn)) {
        remoteCore->error(sconn, VIR_FROM_REMOTE, VIR_ERR_ARGUMENT_UNSUPPORTED,
                          "the destination of a migration from a daemon must be a daemon "
                          "connection too");
        return NULL;
    }
    if (flags & (VIR_MIGRATE_PEER2PEER | VIR_MIGRATE_TUNNELLED)) {
        remoteCore->error(sconn, VIR_FROM_REMOTE, VIR_ERR_ARGUMENT_UNSUPPORTED,
                          "peer-to-peer and tunnelled migration are not supported");
        return NULL;
    }
    m.name = dname ? dname : remoteCore->handle_identity(domain)->name;

    if (!(xml = remoteDomainMigrateBegin3(domain, dxml, &m.cookie, &m.cookielen, flags, dname,
                                          bandwidth)))
        return NULL;
    if (remoteDomainMigratePrepare3(dconn, m.cookie, m.cookielen, &next, &nextlen, uri,
                                    &uri_out, flags, dname, bandwidth, xml) < 0) {
        quietly(sconn, confirmCancelled, &m);
        goto cleanup;
    }
    free(m.cookie);
    m.cookie = next;
    m.cookielen = nextlen;
    next = NULL;
    m.uri = uri_out ? uri_out : uri;

    int cancelled = 0;
    if (!m.uri) {
        remoteCore->error(sconn, VIR_FROM_REMOTE, VIR_ERR_INTERNAL_ERROR,
                          "the destination gave no migration URI and none was given");
        cancelled = 1;
    } else if (remoteDomainMigratePerform3(domain, NULL, m.cookie, m.cookielen, &next, &nextlen,
                                           NULL, m.uri, flags, dname, bandwidth) < 0) {
        cancelled = 1;
    }
    if (cancelled) {
        quietly(dconn, finishCancelled, &m);
        quietly(sconn, confirmCancelled, &m);
        goto cleanup;
    }
    free(m.cookie);
    m.cookie = next;
    m.cookielen = nextlen;
    next = NULL;

    ddom = remoteDomainMigrateFinish3(dconn, m.name, m.cookie, m.cookielen, &next, &nextlen,
                                      NULL, m.uri, flags, 0);
    free(m.cookie);
    m.cookie = next;
    m.cookielen = nextlen;
    next = NULL;
    if (!ddom) {
        /* the guest did not start there: the source takes over again */
        quietly(sconn, confirmCancelled, &m);
        goto cleanup;
    }
    /* The guest runs on the destination now: a source that cannot be told
     * keeps a paused copy, and the migration has still happened. */
    quietly(sconn, confirmDone, &m);

 cleanup:
    free(xml);
    free(uri_out);
    free(m.cookie);
    free(next);
    return ddom;
}

virDomainPtr remoteDomainMigrate(virDomainPtr domain, virConnectPtr dconn, unsigned long flags,
                                 const char *dname, const char *uri, unsigned long bandwidth)
{
    return remoteDomainMigrate2(domain, dconn, NULL, flags, dname, uri, bandwidth);
}
