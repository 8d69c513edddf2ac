/* daemon-config.c: read libvirtd.conf into a daemonConfig. Every key of
 * libvirt 9.0's libvirtd.conf is in one table, with how its value is
 * checked; a bad value is refused with file:line. Keys this daemon has no
 * use for are checked the same way and noted; unknown keys are noted and
 * otherwise ignored, as libvirt ignores them. */
#include <fnmatch.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "conf.h"
#include "daemon-config.h"
#include "util.h"
#include "libvirt/virterror.h"

static char **listDup(char *const *list)
{
    size_t n = 0;
    while (list && list[n])
        n++;
    char **copy = virtAlloc((n + 1) * sizeof(char *));
    for (size_t i = 0; i < n; i++)
        copy[i] = virtStrdup(list[i]);
    copy[n] = NULL;
    return copy;
}

static void listFree(char **list)
{
    for (size_t i = 0; list && list[i]; i++)
        free(list[i]);
    free(list);
}

void daemonConfigDefaults(daemonConfig *cfg, bool system_mode)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->listen_tls = true;
    cfg->listen_tcp = false;
    cfg->tls_port = virtStrdup("16514");
    cfg->tcp_port = virtStrdup("16509");
    cfg->unix_sock_ro_perms = 0777;
    cfg->unix_sock_rw_perms = 0700;
    cfg->max_clients = 5000;
    /* libvirt's defaults: TCP needs SASL, the rest none (polkit, its
     * default for root's unix sockets, is not built here) */
    cfg->auth_tcp = DAEMON_AUTH_SASL;
    cfg->tcp_min_ssf = 56;
    cfg->admin_unix_sock_perms = 0700;
    cfg->admin_max_clients = 5000;
    cfg->admin_max_queued_clients = 20;
    /* libvirtd's defaults (its libvirtd.conf comments name others) */
    cfg->admin_min_workers = 5;
    cfg->admin_max_workers = 20;
    cfg->admin_max_client_requests = 5;
    cfg->keepalive_interval = 5;
    cfg->keepalive_count = 5;
    cfg->admin_keepalive_interval = 5;
    cfg->admin_keepalive_count = 5;
    cfg->mdns_adv = true;
    cfg->max_anonymous_clients = -1;
    cfg->crl_file = virtStrdup("");
    if (system_mode) {
        cfg->unix_sock_dir = virtStrdup(VIRT_RUNSTATEDIR "/libvirt");
        cfg->key_file = virtStrdup(VIRT_SYSCONFDIR "/pki/libvirt/private/serverkey.pem");
        cfg->cert_file = virtStrdup(VIRT_SYSCONFDIR "/pki/libvirt/servercert.pem");
        cfg->ca_file = virtStrdup(VIRT_SYSCONFDIR "/pki/CA/cacert.pem");
    } else {
        const char *home = getenv("HOME");
        if (!home)
            home = "";
        cfg->unix_sock_dir = virtSessionSocketDir();
        cfg->key_file = virtAsprintf("%s/.pki/libvirt/serverkey.pem", home);
        cfg->cert_file = virtAsprintf("%s/.pki/libvirt/servercert.pem", home);
        cfg->ca_file = virtAsprintf("%s/.pki/CA/cacert.pem", home);
    }
}

void daemonConfigClear(daemonConfig *cfg)
{
    free(cfg->tls_port);
    free(cfg->tcp_port);
    free(cfg->listen_addr);
    free(cfg->unix_sock_dir);
    free(cfg->unix_sock_group);
    free(cfg->admin_unix_sock_group);
    free(cfg->key_file);
    free(cfg->cert_file);
    free(cfg->ca_file);
    free(cfg->crl_file);
    listFree(cfg->tls_allowed_dn_list);
    listFree(cfg->tls_allowed_ip_list);
    listFree(cfg->sasl_allowed_username_list);
    free(cfg->mdns_name);
    free(cfg->log_filters);
    free(cfg->log_outputs);
    listFree(cfg->notes);
    memset(cfg, 0, sizeof(*cfg));
}

bool daemonConfigListMatch(char *const *list, const char *str)
{
    if (!list)
        return true;
    for (size_t i = 0; list[i]; i++)
        if (fnmatch(list[i], str, 0) == 0)
            return true;
    return false;
}

/* How a key's value is checked and stored. The K_UNUSED_* kinds check
 * the value's type and store nothing: the daemon has no use for them. */
typedef enum {
    K_BOOL, K_STRING, K_SERVICE, K_PERMS, K_LIST, K_COUNT, K_COUNT0, K_INTERVAL, K_AUTH, K_MDNS, K_LOGLEVEL,
    K_UUID, K_ACCESS, K_SSF, K_UNUSED_BOOL, K_UNUSED_INT, K_UNUSED_STRING, K_UNUSED_LIST,
} keyKind;

typedef struct {
    const char *name;
    keyKind kind;
    size_t offset;
} keyInfo;

#define KEY(n, k) { #n, k, offsetof(daemonConfig, n) }
static const keyInfo keys[] = {
    KEY(listen_tls, K_BOOL),
    KEY(listen_tcp, K_BOOL),
    KEY(tls_port, K_SERVICE),
    KEY(tcp_port, K_SERVICE),
    KEY(listen_addr, K_STRING),
    KEY(unix_sock_dir, K_STRING),
    KEY(unix_sock_group, K_STRING),
    KEY(unix_sock_ro_perms, K_PERMS),
    KEY(unix_sock_rw_perms, K_PERMS),
    KEY(tls_no_verify_certificate, K_BOOL),
    KEY(tls_no_verify_address, K_BOOL),
    KEY(key_file, K_STRING),
    KEY(cert_file, K_STRING),
    KEY(ca_file, K_STRING),
    KEY(crl_file, K_STRING),
    KEY(tls_allowed_dn_list, K_LIST),
    KEY(tls_allowed_ip_list, K_LIST),
    KEY(max_clients, K_COUNT),
    KEY(admin_unix_sock_group, K_STRING),
    KEY(admin_unix_sock_perms, K_PERMS),
    /* libvirt's own name for the admin socket's permissions */
    { "unix_sock_admin_perms", K_PERMS, offsetof(daemonConfig, admin_unix_sock_perms) },
    KEY(min_workers, K_COUNT),
    KEY(max_workers, K_COUNT),
    KEY(max_client_requests, K_COUNT),
    KEY(max_queued_clients, K_COUNT),
    KEY(max_anonymous_clients, K_COUNT0),
    KEY(admin_max_clients, K_COUNT),
    KEY(admin_max_queued_clients, K_COUNT),
    KEY(admin_min_workers, K_COUNT),
    KEY(admin_max_workers, K_COUNT),
    KEY(admin_max_client_requests, K_COUNT),
    KEY(keepalive_interval, K_INTERVAL),
    KEY(keepalive_count, K_COUNT0),
    KEY(admin_keepalive_interval, K_INTERVAL),
    KEY(admin_keepalive_count, K_COUNT0),
    KEY(mdns_adv, K_MDNS),
    KEY(mdns_name, K_STRING),
    KEY(log_level, K_LOGLEVEL),
    KEY(log_filters, K_STRING),
    KEY(log_outputs, K_STRING),
    KEY(auth_tcp, K_AUTH),
    KEY(auth_tls, K_AUTH),
    KEY(auth_unix_ro, K_AUTH),
    KEY(auth_unix_rw, K_AUTH),
    KEY(sasl_allowed_username_list, K_LIST),
    KEY(tcp_min_ssf, K_SSF),
    { "access_drivers", K_ACCESS, 0 },
    { "host_uuid", K_UUID, 0 },
    /* accepted, with no effect in this daemon */
    { "prio_workers", K_UNUSED_INT, 0 },
    { "keepalive_required", K_UNUSED_BOOL, 0 },
    { "admin_keepalive_required", K_UNUSED_BOOL, 0 },
    { "tls_no_sanity_certificate", K_UNUSED_BOOL, 0 },
    { "tls_priority", K_UNUSED_STRING, 0 },
    { "audit_level", K_UNUSED_INT, 0 },
    { "audit_logging", K_UNUSED_BOOL, 0 },
    { "host_uuid_source", K_UNUSED_STRING, 0 },
    { "ovs_timeout", K_UNUSED_INT, 0 },
};

static const char *typeName(virtConfType t)
{
    switch (t) {
    case VIRT_CONF_STRING: return "a string";
    case VIRT_CONF_INT: return "a number";
    case VIRT_CONF_LIST: return "a list";
    }
    return "?";
}

/* Check one entry against its key and store it; a message on failure. */
static char *applyEntry(daemonConfig *cfg, const keyInfo *k, const virtConfEntry *e)
{
    char *field = (char *) cfg + k->offset;
    switch (k->kind) {
    case K_BOOL:
    case K_MDNS:
        if (e->type != VIRT_CONF_INT || (e->num != 0 && e->num != 1))
            return virtAsprintf("%s must be 0 or 1", k->name);
        *(bool *) field = e->num == 1;
        return NULL;
    case K_STRING:
    case K_SERVICE: {
        char *val;
        if (k->kind == K_SERVICE && e->type == VIRT_CONF_INT) {
            if (e->num < 1 || e->num > 65535)
                return virtAsprintf("%s must be a port number 1-65535 or a service name", k->name);
            val = virtAsprintf("%lld", e->num);
        } else if (e->type != VIRT_CONF_STRING) {
            return virtAsprintf("%s must be a string in quotes, not %s", k->name, typeName(e->type));
        } else {
            if (k->kind == K_SERVICE && !*e->str)
                return virtAsprintf("%s must not be empty", k->name);
            val = virtStrdup(e->str);
        }
        free(*(char **) field);
        *(char **) field = val;
        return NULL;
    }
    case K_PERMS: {
        char *end = NULL;
        if (e->type != VIRT_CONF_STRING)
            return virtAsprintf("%s must be octal permissions in quotes, like \"0770\"", k->name);
        unsigned long v = strtoul(e->str, &end, 8);
        if (!*e->str || *end || v > 07777)
            return virtAsprintf("%s: '%s' is not octal permissions like \"0770\"", k->name, e->str);
        *(mode_t *) field = (mode_t) v;
        return NULL;
    }
    case K_LIST:
        if (e->type != VIRT_CONF_LIST)
            return virtAsprintf("%s must be a list like [\"a\", \"b\"], not %s", k->name, typeName(e->type));
        listFree(*(char ***) field);
        *(char ***) field = listDup(e->list);
        return NULL;
    case K_LOGLEVEL:
        if (e->type != VIRT_CONF_INT || e->num < 1 || e->num > 4)
            return virtAsprintf("%s must be 1 (debug), 2 (info), 3 (warning) or 4 (error)", k->name);
        *(int *) field = (int) e->num;
        return NULL;
    case K_COUNT:
    case K_COUNT0:
    case K_INTERVAL: {
        /* an interval of 0 or less (libvirt writes -1) turns keepalive off */
        long long low = k->kind == K_COUNT ? 1 : k->kind == K_COUNT0 ? 0 : -1000000;
        if (e->type != VIRT_CONF_INT || e->num < low || e->num > 1000000)
            return virtAsprintf("%s must be a number from %lld to 1000000", k->name, low);
        *(int *) field = (int) e->num;
        return NULL;
    }
    case K_UUID: {
        unsigned char uuid[VIRT_UUID_LEN];
        if (e->type != VIRT_CONF_STRING)
            return virtAsprintf("%s must be a string in quotes", k->name);
        /* libvirt refuses a malformed one, and one of a single repeated digit */
        bool same = true;
        for (const char *c = e->str; *c; c++)
            same &= *c == '-' || *c == e->str[0];
        if (virtUUIDParse(e->str, uuid) < 0 || same)
            return virtAsprintf("host_uuid = \"%s\" is not a valid host UUID", e->str);
        return NULL;
    }
    case K_ACCESS:
        if (e->type != VIRT_CONF_LIST)
            return virtAsprintf("%s must be a list like [\"polkit\"], not %s", k->name, typeName(e->type));
        /* an access driver would restrict callers: never run without it */
        if (e->list && e->list[0])
            return virtAsprintf("access_drivers = [\"%s\", ...]: no access control driver is built "
                                "into this daemon", e->list[0]);
        return NULL;
    case K_UNUSED_BOOL:
        if (e->type != VIRT_CONF_INT || (e->num != 0 && e->num != 1))
            return virtAsprintf("%s must be 0 or 1", k->name);
        return NULL;
    case K_UNUSED_INT:
        if (e->type != VIRT_CONF_INT)
            return virtAsprintf("%s must be a number, not %s", k->name, typeName(e->type));
        return NULL;
    case K_UNUSED_STRING:
        if (e->type != VIRT_CONF_STRING)
            return virtAsprintf("%s must be a string in quotes, not %s", k->name, typeName(e->type));
        return NULL;
    case K_UNUSED_LIST:
        if (e->type != VIRT_CONF_LIST)
            return virtAsprintf("%s must be a list like [\"a\", \"b\"], not %s", k->name, typeName(e->type));
        return NULL;
    case K_AUTH:
        if (e->type != VIRT_CONF_STRING)
            return virtAsprintf("%s must be a string in quotes", k->name);
        if (strcmp(e->str, "none") == 0)
            *(daemonAuth *) field = DAEMON_AUTH_NONE;
        else if (strcmp(e->str, "sasl") == 0)
            *(daemonAuth *) field = DAEMON_AUTH_SASL;
        else if (strcmp(e->str, "polkit") == 0)
            /* refusing is the only safe answer: never let everyone in */
            return virtAsprintf("%s = \"polkit\": polkit is not built into this daemon; "
                                "use \"sasl\" or \"none\"", k->name);
        else
            return virtAsprintf("%s: unsupported auth %s", k->name, e->str);
        return NULL;
    case K_SSF:
        /* as libvirt: an explicit value may only raise the bar */
        if (e->type != VIRT_CONF_INT || e->num < 0 || e->num > 100000)
            return virtAsprintf("%s must be a number from 0 to 100000", k->name);
        if (e->num < 112)
            return virtAsprintf("minimum SSF levels lower than 112 are not supported");
        *(int *) field = (int) e->num;
        return NULL;
    }
    return virtAsprintf("%s: internal error", k->name);
}

static void note(daemonConfig *cfg, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(daemonConfig *cfg, const char *fmt, ...)
{
    size_t n = 0;
    va_list ap;
    while (cfg->notes && cfg->notes[n])
        n++;
    cfg->notes = virtRealloc(cfg->notes, (n + 2) * sizeof(char *));
    va_start(ap, fmt);
    cfg->notes[n] = virtVasprintf(fmt, ap);
    va_end(ap);
    cfg->notes[n + 1] = NULL;
}

static bool unused(keyKind kind)
{
    return kind == K_UNUSED_BOOL || kind == K_UNUSED_INT || kind == K_UNUSED_STRING ||
           kind == K_UNUSED_LIST || kind == K_UUID;
}

int daemonConfigLoad(daemonConfig *cfg, const char *path, char **err)
{
    int ret = -1;
    virtConf *conf = virtConfRead(path, 0);
    *err = NULL;
    if (!conf) {
        const char *msg = virGetLastErrorMessage();
        *err = virtStrdup(msg ? msg : path);
        goto cleanup;
    }
    for (size_t i = 0; i < conf->nentries; i++) {
        const virtConfEntry *e = &conf->entries[i];
        const keyInfo *k = NULL;
        for (size_t j = 0; j < sizeof(keys) / sizeof(keys[0]); j++)
            if (strcmp(keys[j].name, e->key) == 0)
                k = &keys[j];
        if (!k) {
            note(cfg, "%s:%d: unknown setting '%s' ignored", path, e->line, e->key);
            continue;
        }
        char *why = applyEntry(cfg, k, e);
        if (why) {
            *err = virtAsprintf("%s:%d: %s", path, e->line, why);
            free(why);
            goto cleanup;
        }
        if (unused(k->kind))
            note(cfg, "%s:%d: %s has no effect in this daemon", path, e->line, k->name);
        if (k->kind == K_MDNS && cfg->mdns_adv)
            fprintf(stderr, "libvirtd: %s:%d: mdns_adv: mDNS advertisement is not built into "
                    "this daemon; nothing is advertised\n", path, e->line);
    }
    ret = 0;

 cleanup:
    virtConfFree(conf);
    return ret;
}
