/* daemon-config.h: libvirtd.conf settings, their defaults and checks. */
#ifndef DAEMON_CONFIG_H
#define DAEMON_CONFIG_H

#include <stdbool.h>
#include <sys/types.h>

/* How clients of one kind of socket authenticate (auth_* settings). */
typedef enum {
    DAEMON_AUTH_NONE,
    DAEMON_AUTH_SASL,
} daemonAuth;

typedef struct daemonConfig {
    bool listen_tls;
    bool listen_tcp;
    char *tls_port;
    char *tcp_port;
    char *listen_addr;            /* NULL: every address (IPv4 and IPv6) */

    char *unix_sock_dir;
    char *unix_sock_group;        /* NULL: leave the group alone */
    mode_t unix_sock_ro_perms;
    mode_t unix_sock_rw_perms;

    bool tls_no_verify_certificate;
    bool tls_no_verify_address;
    char *key_file;               /* "" means: do not load */
    char *cert_file;
    char *ca_file;
    char *crl_file;
    /* NULL: not checked; a list with zero items: nobody is admitted. */
    char **tls_allowed_dn_list;
    char **tls_allowed_ip_list;

    /* auth_unix_rw, auth_unix_ro, auth_tcp (default sasl, as libvirt's)
     * and auth_tls */
    daemonAuth auth_unix_rw;
    daemonAuth auth_unix_ro;
    daemonAuth auth_tcp;
    daemonAuth auth_tls;
    /* SASL identities admitted (fnmatch patterns); NULL: everyone who
     * authenticates */
    char **sasl_allowed_username_list;
    /* the strength a SASL mechanism must reach on plain TCP */
    int tcp_min_ssf;

    int max_clients;
    /* The main server's pool and limits; 0: the daemon's built-in choice. */
    int min_workers;
    int max_workers;
    int max_client_requests;      /* calls one client may have running */
    int max_queued_clients;       /* the listen backlog of the main sockets */
    int max_anonymous_clients;    /* -1: not set (0 is "no limit") */

    /* The admin socket, libvirt-admin-sock beside libvirt-sock. */
    char *admin_unix_sock_group;  /* NULL: unix_sock_group's */
    mode_t admin_unix_sock_perms;
    int admin_max_clients;
    int admin_max_queued_clients;
    int admin_min_workers;
    int admin_max_workers;
    int admin_max_client_requests;
    /* Keepalive towards clients that asked for it: a PING after this many
     * seconds without a message from them, dropped after this many
     * unanswered; an interval <= 0 turns it off. */
    int keepalive_interval;
    int keepalive_count;
    int admin_keepalive_interval;
    int admin_keepalive_count;
    bool mdns_adv;
    char *mdns_name;

    /* The log, in libvirt's syntax (0 / NULL: not set); LIBVIRT_DEBUG,
     * LIBVIRT_LOG_FILTERS and LIBVIRT_LOG_OUTPUTS override them. */
    int log_level;
    char *log_filters;
    char *log_outputs;

    /* "path:line: ..." notes on settings that mean nothing here (or are
     * not known at all): the daemon logs each once, at info level, after
     * its log settings are in place. NULL-terminated. */
    char **notes;
} daemonConfig;

/* Defaults for system (root, /run/libvirt) or session mode. */
void daemonConfigDefaults(daemonConfig *cfg, bool system_mode);

/* Apply the settings of the file at path. Every setting of libvirt 9.0's
 * libvirtd.conf is taken; one without meaning here, or one libvirt does
 * not know either, is only noted (cfg->notes). On a bad value, writes
 * "path:line: ..." into *err (caller frees) and returns -1. */
int daemonConfigLoad(daemonConfig *cfg, const char *path, char **err);

void daemonConfigClear(daemonConfig *cfg);

/* True when str matches one fnmatch pattern of list (NULL list: true). */
bool daemonConfigListMatch(char *const *list, const char *str);

#endif /* DAEMON_CONFIG_H */
