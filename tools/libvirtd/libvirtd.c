/* libvirtd: serve libvirt's remote protocol on unix sockets and, with
 * --listen, on TCP and TLS; every client's calls run on the public API
 * of a connection opened in this process. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <netdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gnutls/gnutls.h>

#include "config.h"
#include "daemon-config.h"
#include "daemon-events.h"
#include "daemon-sasl.h"
#include "daemon-server.h"
#include "daemon-socket.h"
#include "daemon-systemd.h"
#include "log.h"
#include "registry.h"
#include "util.h"

VIRT_LOG_INIT("daemon.main");

#define MIN_WORKERS 5
#define MAX_WORKERS 64

typedef struct {
    bool verbose, daemonize, listen, system, session;
    int timeout;
    const char *config, *pidfile;
} daemonOptions;

static daemonServer server;

static void usage(FILE *out)
{
    fprintf(out,
        "Usage: libvirtd [OPTION]...\n"
        "Serve libvirt's remote protocol on local sockets and, with --listen, on TCP/IP.\n"
        "\n"
        "Options:\n"
        "  -h, --help            show this help and exit\n"
        "  -V, --version         show the version and exit\n"
        "  -v, --verbose         log clients, calls and refusals on stderr\n"
        "  -d, --daemon          run in the background once the sockets are ready\n"
        "  -l, --listen          also listen on TCP/IP: TLS (listen_tls = 1, the default)\n"
        "                        and plain TCP (listen_tcp = 1)\n"
        "  -t, --timeout SECS    exit once no client has been connected for SECS seconds\n"
        "  -f, --config FILE     read FILE instead of the default libvirtd.conf\n"
        "  -p, --pid-file FILE   write the process id to FILE\n"
        "      --system          system mode (the default for root)\n"
        "      --session         session mode (the default for other users)\n"
        "\n"
        "Sockets in system mode:\n"
        "  read-write  " VIRT_RUNSTATEDIR "/libvirt/libvirt-sock (unix_sock_rw_perms, default 0700)\n"
        "  read-only   " VIRT_RUNSTATEDIR "/libvirt/libvirt-sock-ro (unix_sock_ro_perms, default 0777)\n"
        "  admin       " VIRT_RUNSTATEDIR "/libvirt/libvirt-admin-sock (admin_unix_sock_perms, default 0700)\n"
        "  config      %s/libvirt/libvirtd.conf\n"
        "\n"
        "Sockets in session mode:\n"
        "  read-write  $XDG_RUNTIME_DIR/libvirt/libvirt-sock\n"
        "              (~/.cache/libvirt/libvirt-sock when XDG_RUNTIME_DIR is unset)\n"
        "  admin       libvirt-admin-sock in the same folder\n"
        "  config      $XDG_CONFIG_HOME/libvirt/libvirtd.conf (~/.config when unset)\n"
        "\n"
        "With --listen, in both modes:\n"
        "  TLS         port 16514 (tls_port), certificates from key_file, cert_file, ca_file\n"
        "  TCP         port 16509 (tcp_port), unencrypted, only when listen_tcp = 1\n"
        "  on every IPv4 and IPv6 address, or on listen_addr when set.\n"
        "unix_sock_dir in the configuration moves the unix sockets.\n",
        VIRT_SYSCONFDIR);
}

static int parseOptions(int argc, char **argv, daemonOptions *o)
{
    enum { OPT_SYSTEM = 256, OPT_SESSION };
    static const struct option longopts[] = {
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { "verbose", no_argument, NULL, 'v' },
        { "daemon", no_argument, NULL, 'd' },
        { "listen", no_argument, NULL, 'l' },
        { "timeout", required_argument, NULL, 't' },
        { "config", required_argument, NULL, 'f' },
        { "pid-file", required_argument, NULL, 'p' },
        { "system", no_argument, NULL, OPT_SYSTEM },
        { "session", no_argument, NULL, OPT_SESSION },
        { NULL, 0, NULL, 0 },
    };
    int c;
    char *end;
    while ((c = getopt_long(argc, argv, "hVvdlt:f:p:", longopts, NULL)) != -1) {
        switch (c) {
        case 'h':
            usage(stdout);
            exit(0);
        case 'V':
            printf("libvirtd (libvirt) %s (%s %s)\n", VIRT_API_VERSION_STRING, VIRT_PACKAGE, VIRT_VERSION_STRING);
            exit(0);
        case 'v': o->verbose = true; break;
        case 'd': o->daemonize = true; break;
        case 'l': o->listen = true; break;
        case 'f': o->config = optarg; break;
        case 'p': o->pidfile = optarg; break;
        case OPT_SYSTEM: o->system = true; break;
        case OPT_SESSION: o->session = true; break;
        case 't':
            errno = 0;
            long v = strtol(optarg, &end, 10);
            if (errno || *end || v < 0 || v > 1000000) {
                fprintf(stderr, "libvirtd: --timeout: '%s' is not a number of seconds\n", optarg);
                return -1;
            }
            o->timeout = (int) v;
            break;
        default:
            fprintf(stderr, "Try 'libvirtd --help'.\n");
            return -1;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "libvirtd: unexpected argument '%s'\nTry 'libvirtd --help'.\n", argv[optind]);
        return -1;
    }
    if (o->system && o->session) {
        fprintf(stderr, "libvirtd: --system and --session exclude each other\n");
        return -1;
    }
    if (!o->system && !o->session)
        o->system = geteuid() == 0;
    return 0;
}

static char *defaultConfigPath(bool system_mode)
{
    if (system_mode)
        return virtStrdup(VIRT_SYSCONFDIR "/libvirt/libvirtd.conf");
    const char *xdg = getenv("XDG_CONFIG_HOME");
    if (xdg && *xdg)
        return virtAsprintf("%s/libvirt/libvirtd.conf", xdg);
    const char *home = getenv("HOME");
    return virtAsprintf("%s/.config/libvirt/libvirtd.conf", home ? home : "");
}

/* libvirtd.conf's log_level, log_filters and log_outputs, then the
 * environment's settings over them. */
static int applyLogSettings(const daemonConfig *cfg, const char *path)
{
    char level[2] = { (char) ('0' + cfg->log_level), '\0' };
    if (cfg->log_level)
        virtLogSetDefaultPriority(level);
    if (virtLogSetFilters(cfg->log_filters) < 0) {
        fprintf(stderr, "libvirtd: error: %s: log_filters = \"%s\" is not a list of LEVEL:MATCH\n",
                path, cfg->log_filters);
        return -1;
    }
    if (virtLogSetOutputs(cfg->log_outputs) < 0) {
        fprintf(stderr, "libvirtd: error: %s: log_outputs = \"%s\" is not a list of "
                "LEVEL:stderr, LEVEL:file:PATH, LEVEL:syslog:NAME or LEVEL:journald\n",
                path, cfg->log_outputs);
        return -1;
    }
    virtLogSetFromEnv();
    return 0;
}

static int loadConfig(const daemonOptions *o, daemonConfig *cfg)
{
    char *path = o->config ? virtStrdup(o->config) : defaultConfigPath(o->system);
    char *err = NULL;
    int ret = 0;
    daemonConfigDefaults(cfg, o->system);
    /* The default file may be missing; a file named with -f must exist. */
    if (o->config || access(path, F_OK) == 0) {
        if (daemonConfigLoad(cfg, path, &err) < 0) {
            fprintf(stderr, "libvirtd: error: %s\n", err);
            ret = -1;
        }
    }
    if (ret == 0 && applyLogSettings(cfg, path) < 0)
        ret = -1;
    for (size_t i = 0; ret == 0 && cfg->notes && cfg->notes[i]; i++)
        VIRT_INFO("%s", cfg->notes[i]);
    free(err);
    free(path);
    return ret;
}

static int openUnix(const daemonConfig *cfg, const char *name, mode_t perms,
                    daemonListenKind kind)
{
    char *path = virtAsprintf("%s/%s", cfg->unix_sock_dir, name);
    char *err = NULL;
    const char *group = kind == DAEMON_LISTEN_UNIX_ADMIN && cfg->admin_unix_sock_group ?
        cfg->admin_unix_sock_group : cfg->unix_sock_group;
    /* (admin_)max_queued_clients: the socket's listen backlog */
    int backlog = kind == DAEMON_LISTEN_UNIX_ADMIN ? cfg->admin_max_queued_clients
                                                   : cfg->max_queued_clients;
    int fd = daemonSocketUnix(path, perms, group, backlog, &err);
    if (fd < 0) {
        fprintf(stderr, "libvirtd: error: %s\n", err);
        free(err);
    } else {
        daemonServerAddListener(&server, fd, kind, path, path);
    }
    free(path);
    return fd < 0 ? -1 : 0;
}

static int openTCP(const daemonConfig *cfg, const char *service, daemonListenKind kind)
{
    int *fds = NULL;
    size_t nfds = 0;
    char *err = NULL;
    int ret = daemonSocketTCP(cfg->listen_addr, service, &fds, &nfds, &err) < 0 ? -1 : 0;
    if (ret < 0) {
        fprintf(stderr, "libvirtd: error: %s %s\n", kind == DAEMON_LISTEN_TLS ? "TLS:" : "TCP:", err);
        for (size_t i = 0; i < nfds; i++)
            close(fds[i]);
    } else {
        for (size_t i = 0; i < nfds; i++) {
            char *desc = virtAsprintf("%s port %s%s%s", kind == DAEMON_LISTEN_TLS ? "tls" : "tcp",
                                      service, cfg->listen_addr ? " on " : "",
                                      cfg->listen_addr ? cfg->listen_addr : "");
            daemonServerAddListener(&server, fds[i], kind, desc, NULL);
            free(desc);
        }
    }
    free(err);
    free(fds);
    return ret;
}

/* A port number for a service name or number; 0 when unknown. */
static int portOf(const char *service)
{
    char *end;
    long v = strtol(service, &end, 10);
    if (!*end && v > 0 && v < 65536)
        return (int) v;
    struct servent *se = getservbyname(service, "tcp");
    return se ? ntohs((uint16_t) se->s_port) : 0;
}

static int startTLS(const daemonConfig *cfg)
{
    char *err = NULL;
    if (!(server.tls = daemonTLSNew(cfg, &err))) {
        fprintf(stderr, "libvirtd: error: %s\n", err);
        free(err);
        return -1;
    }
    return 0;
}

/* Under socket activation: serve what the service manager handed over,
 * and nothing else (a unit the administrator left out stays off), as
 * libvirt does. Every socket must find its use. */
static int openActivated(const daemonOptions *o, const daemonConfig *cfg, daemonActivation *act)
{
    static const struct { const char *name; daemonListenKind kind; } uses[] = {
        { "libvirtd.socket", DAEMON_LISTEN_UNIX_RW },
        { "libvirtd-ro.socket", DAEMON_LISTEN_UNIX_RO },
        { "libvirtd-admin.socket", DAEMON_LISTEN_UNIX_ADMIN },
        { "libvirtd-tcp.socket", DAEMON_LISTEN_TCP },
        { "libvirtd-tls.socket", DAEMON_LISTEN_TLS },
    };
    char *err = NULL;
    if (o->listen) {
        fprintf(stderr, "libvirtd: error: --listen parameter not permitted with systemd activation "
                "sockets, see 'man libvirtd' for further guidance\n");
        return -1;
    }
    if (daemonActivationHas(act, "libvirtd-tls.socket") && startTLS(cfg) < 0)
        return -1;
    for (size_t i = 0; i < sizeof(uses) / sizeof(uses[0]); i++) {
        /* a session daemon has no read-only socket */
        if (uses[i].kind == DAEMON_LISTEN_UNIX_RO && !o->system)
            continue;
        size_t n;
        int *fds = daemonActivationClaim(act, uses[i].name, &n);
        for (size_t j = 0; j < n; j++) {
            char *desc = virtAsprintf("%s (descriptor %d)", uses[i].name, fds[j]);
            daemonServerAddListener(&server, fds[j], uses[i].kind, desc, NULL);
            free(desc);
        }
        free(fds);
    }
    if (daemonActivationComplete(act, &err) < 0) {
        fprintf(stderr, "libvirtd: error: %s\n", err);
        free(err);
        return -1;
    }
    return 0;
}

static int openListeners(const daemonOptions *o, const daemonConfig *cfg)
{
    char *sockRW = virtAsprintf("%s/libvirt-sock", cfg->unix_sock_dir);
    char *sockRO = virtAsprintf("%s/libvirt-sock-ro", cfg->unix_sock_dir);
    char *sockAdmin = virtAsprintf("%s/libvirt-admin-sock", cfg->unix_sock_dir);
    const daemonActivationSlot slots[] = {
        { "libvirtd.socket", sockRW, 0 },
        { "libvirtd-ro.socket", sockRO, 0 },
        { "libvirtd-admin.socket", sockAdmin, 0 },
        { "libvirtd-tcp.socket", NULL, portOf(cfg->tcp_port) },
        { "libvirtd-tls.socket", NULL, portOf(cfg->tls_port) },
    };
    daemonActivation *act = NULL;
    char *err = NULL;
    int rc = daemonActivationGet(slots, sizeof(slots) / sizeof(slots[0]), &act, &err);
    free(sockRW);
    free(sockRO);
    free(sockAdmin);
    if (rc < 0) {
        fprintf(stderr, "libvirtd: error: %s\n", err);
        free(err);
        return -1;
    }
    if (act) {
        rc = openActivated(o, cfg, act);
        daemonActivationFree(act);
        return rc;
    }

    if (openUnix(cfg, "libvirt-sock", cfg->unix_sock_rw_perms, DAEMON_LISTEN_UNIX_RW) < 0)
        return -1;
    if (o->system &&
        openUnix(cfg, "libvirt-sock-ro", cfg->unix_sock_ro_perms, DAEMON_LISTEN_UNIX_RO) < 0)
        return -1;
    if (openUnix(cfg, "libvirt-admin-sock", cfg->admin_unix_sock_perms, DAEMON_LISTEN_UNIX_ADMIN) < 0)
        return -1;
    if (!o->listen)
        return 0;
    if (cfg->listen_tls && (startTLS(cfg) < 0 || openTCP(cfg, cfg->tls_port, DAEMON_LISTEN_TLS) < 0))
        return -1;
    if (cfg->listen_tcp && openTCP(cfg, cfg->tcp_port, DAEMON_LISTEN_TCP) < 0)
        return -1;
    return 0;
}

static void onSignal(int sig)
{
    char b = (char) sig;
    if (write(server.wakefd[1], &b, 1) < 0) {
        /* nothing to do: the pipe is full, a wake-up is pending */
    }
}

/* The daemon logs errors itself; the library's default handler would
 * print every client's failed call on stderr. */
static void quietErrors(void *opaque, virErrorPtr err)
{
    daemonLog(&server, false, "call failed: %s", err && err->message ? err->message : "?");
}

static int goBackground(void)
{
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid > 0)
        _exit(0);
    setsid();
    pid = fork();
    if (pid < 0)
        return -1;
    if (pid > 0)
        _exit(0);
    int null = open("/dev/null", O_RDWR);
    if (null >= 0) {
        dup2(null, STDIN_FILENO);
        dup2(null, STDOUT_FILENO);
        if (!server.verbose)
            dup2(null, STDERR_FILENO);
        if (null > STDERR_FILENO)
            close(null);
    }
    return 0;
}

/* The pid file, locked for the daemon's life as libvirt locks it: a
 * second daemon for the same sockets refuses to start instead of taking
 * them over. An open-file-description lock, so that the child of
 * --daemon keeps what its parent took. Returns the descriptor, or -1. */
static int lockPidFile(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
    if (fd < 0 || fcntl(fd, F_OFD_SETLK, &fl) < 0) {
        fprintf(stderr, "libvirtd: error: Failed to acquire pid file '%s': %s\n", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    return fd;
}

static int writePid(int fd, const char *path)
{
    char text[32];
    int len = snprintf(text, sizeof(text), "%ld\n", (long) getpid());
    if (ftruncate(fd, 0) < 0 || pwrite(fd, text, (size_t) len, 0) != len) {
        fprintf(stderr, "libvirtd: error: cannot write pid file %s: %s\n", path, strerror(errno));
        return -1;
    }
    return 0;
}

/* libvirt's place for the pid file: /run/libvirtd.pid for the system
 * daemon, libvirtd.pid in the session's runtime folder. A daemon told to
 * use other sockets keeps it beside them, so that daemons on different
 * socket folders (tests, several instances) do not meet. */
static char *defaultPidFile(const daemonOptions *o, const daemonConfig *cfg)
{
    if (o->system && strcmp(cfg->unix_sock_dir, VIRT_RUNSTATEDIR "/libvirt") == 0)
        return virtStrdup(VIRT_RUNSTATEDIR "/libvirtd.pid");
    return virtAsprintf("%s/libvirtd.pid", cfg->unix_sock_dir);
}

int main(int argc, char **argv)
{
    daemonOptions opts = { 0 };
    daemonConfig cfg;
    int ret = 1, pidfd = -1;
    char *pidfile = NULL;

    if (parseOptions(argc, argv, &opts) < 0)
        return 1;
    if (loadConfig(&opts, &cfg) < 0)
        goto cleanup_config;

    server.cfg = &cfg;
    server.verbose = opts.verbose;
    server.max_clients = cfg.max_clients;
    server.admin_max_clients = cfg.admin_max_clients;
    /* libvirtd's max_anonymous_clients default is 20 */
    server.max_unauth = cfg.max_anonymous_clients >= 0 ? cfg.max_anonymous_clients : 20;
    server.admin_max_unauth = 0;
    pthread_mutex_init(&server.lock, NULL);
    pthread_cond_init(&server.gone, NULL);
    if (pipe2(server.wakefd, O_CLOEXEC | O_NONBLOCK) < 0) {
        fprintf(stderr, "libvirtd: error: pipe: %s\n", strerror(errno));
        goto cleanup_config;
    }
    signal(SIGPIPE, SIG_IGN);
    signal(SIGTERM, onSignal);
    signal(SIGINT, onSignal);
    signal(SIGHUP, onSignal);

    if (virInitialize() < 0)
        goto cleanup;
    virtRegistrySetDaemonMode(true);
    virSetErrorFunc(NULL, quietErrors);
    char *saslErr = NULL;
    if (daemonSASLInit(&cfg, &saslErr) < 0) {
        fprintf(stderr, "libvirtd: error: %s\n", saslErr);
        free(saslErr);
        goto cleanup;
    }

    pidfile = opts.pidfile ? virtStrdup(opts.pidfile) : defaultPidFile(&opts, &cfg);
    char *piddir = virtStrdup(pidfile);
    if (strrchr(piddir, '/'))
        *strrchr(piddir, '/') = '\0';
    int dirs = *piddir ? daemonMakeDirs(piddir) : 0;
    free(piddir);
    if (dirs < 0 || (pidfd = lockPidFile(pidfile)) < 0) {
        free(pidfile);
        pidfile = NULL;
        goto cleanup;
    }
    if (openListeners(&opts, &cfg) < 0)
        goto cleanup;
    if (opts.daemonize && goBackground() < 0) {
        fprintf(stderr, "libvirtd: error: cannot run in the background: %s\n", strerror(errno));
        goto cleanup;
    }
    if (writePid(pidfd, pidfile) < 0)
        goto cleanup;

    /* Threads start only now: a fork (--daemon) keeps just the caller's. */
    if (daemonEventsStart() < 0) {
        fprintf(stderr, "libvirtd: error: cannot start the event loop\n");
        goto cleanup;
    }
    size_t maxWorkers = cfg.max_workers ? (size_t) cfg.max_workers : MAX_WORKERS;
    size_t minWorkers = cfg.min_workers ? (size_t) cfg.min_workers : MIN_WORKERS;
    server.workers = daemonWorkersNew(minWorkers < maxWorkers ? minWorkers : maxWorkers, maxWorkers);
    server.admin_workers = daemonWorkersNew((size_t) cfg.admin_min_workers,
                                            (size_t) cfg.admin_max_workers);
    daemonLog(&server, false, "ready (%s mode)", opts.system ? "system" : "session");
    server.timeout = opts.timeout;
    daemonNotify("READY=1");
    daemonServerRun(&server);
    daemonNotify("STOPPING=1");
    ret = 0;

 cleanup:
    daemonServerShutdown(&server);
    daemonWorkersFree(server.workers);
    daemonWorkersFree(server.admin_workers);
    daemonEventsStop();
    daemonTLSFree(server.tls);
    for (size_t i = 0; i < server.ntls_retired; i++)
        daemonTLSFree(server.tls_retired[i]);
    free(server.tls_retired);
    if (pidfile) {
        /* removed while still locked: a new daemon cannot lose it to us */
        unlink(pidfile);
        close(pidfd);
        free(pidfile);
    }
    close(server.wakefd[0]);
    close(server.wakefd[1]);
    pthread_cond_destroy(&server.gone);
    pthread_mutex_destroy(&server.lock);
 cleanup_config:
    daemonConfigClear(&cfg);
    return ret;
}
