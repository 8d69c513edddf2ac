/* qemu_process.c: one QEMU process per running domain. Start prepares the
 * live definition (emulator, machine, MACs, taps, VNC ports), spawns QEMU
 * paused (-S) with its output in the guest log, attaches the QMP monitor,
 * learns the pty paths, then lets it run. Stop asks with SIGTERM, insists
 * with SIGKILL, and removes what the run left behind. */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "qemu_driver.h"
#include "util.h"

#define MONITOR_TIMEOUT_MS 30000
#define TERM_GRACE_MS 3000

static void monitorEvent(void *opaque, const char *tag, unsigned int generation,
                         const char *event, const char *detail)
{
    qemuDriver *drv = opaque;
    char *ev = detail ? virtAsprintf("%s:%s", event, detail) : virtStrdup(event);
    qemuEventQueue(drv, ev, generation, tag);
    free(ev);
}

/* Is a TCP port free on addr? Bind and release it. */
static bool portFree(const char *addr, int port)
{
    bool v6 = strchr(addr, ':') != NULL;
    int fd = socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    bool ok = false;
    int one = 1;

    if (fd < 0)
        return false;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (v6) {
        struct sockaddr_in6 sa = { .sin6_family = AF_INET6, .sin6_port = htons((uint16_t) port) };
        if (inet_pton(AF_INET6, addr, &sa.sin6_addr) == 1)
            ok = bind(fd, (struct sockaddr *) &sa, sizeof(sa)) == 0;
    } else {
        struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t) port) };
        if (inet_pton(AF_INET, strcmp(addr, "0.0.0.0") == 0 ? "0.0.0.0" : addr, &sa.sin_addr) == 1)
            ok = bind(fd, (struct sockaddr *) &sa, sizeof(sa)) == 0;
    }
    close(fd);
    return ok;
}

/* Ports given to our other running guests count as taken even before
 * their QEMU binds them. */
static bool portOurs(qemuDriver *drv, const qemuDomain *self, int port)
{
    for (qemuDomain *vm = drv->domains; vm; vm = vm->next) {
        if (vm == self || !vm->pid)
            continue;
        const virtDomainDevices *d = vm->def->devices;
        for (size_t i = 0; d && i < d->ngraphics; i++)
            if (virtStrEq(d->graphics[i]->type, "vnc") && d->graphics[i]->vnc.port_set &&
                d->graphics[i]->vnc.port == port)
                return true;
    }
    return false;
}

static char *freeTapName(qemuDriver *drv, const virtDomain *def)
{
    for (int n = 0; n < 4096; n++) {
        char *name = virtAsprintf("vnet%d", n);
        bool taken = qemuNetDevExists(name);
        for (qemuDomain *vm = drv->domains; vm && !taken; vm = vm->next)
            for (size_t i = 0; vm->pid && i < virtDomainModelIfaceCount(vm->def) && !taken; i++)
                taken = virtStrEq(virtDomainModelIfaceTarget(vm->def->devices->interface[i]), name);
        for (size_t i = 0; i < virtDomainModelIfaceCount(def) && !taken; i++)
            taken = virtStrEq(virtDomainModelIfaceTarget(def->devices->interface[i]), name);
        if (!taken)
            return name;
        free(name);
    }
    return NULL;
}

/* Fill in and check everything the host decides; errors raised. */
static int prepareDef(virConnectPtr conn, qemuDriver *drv, qemuDomain *vm, virtDomain *def)
{
    struct stat st;
    size_t i;

    if (!def->devices)
        def->devices = virtAlloc(sizeof(*def->devices));
    if (!def->os)
        def->os = virtAlloc(sizeof(*def->os));
    if (!def->os->type)
        def->os->type = virtAlloc(sizeof(*def->os->type));
    virtDomainDevices *dv = def->devices;
    virtDomainOs *os = def->os;
    if (def->type && strcmp(def->type, "kqemu") == 0) {
        QEMU_ERROR(conn, VIR_ERR_CONFIG_UNSUPPORTED,
                   "domain type 'kqemu' is not supported: use 'qemu' or 'kvm'");
        return -1;
    }
    if (def->type && strcmp(def->type, "kvm") == 0 && !qemuKvmUsable()) {
        QEMU_ERROR(conn, VIR_ERR_CONFIG_UNSUPPORTED,
                   "domain type 'kvm' needs hardware virtualisation (vmx/svm) and a usable /dev/kvm, "
                   "which this host lacks: use type 'qemu'");
        return -1;
    }
    if (!os->type->arch)
        os->type->arch = virtStrdup(qemuHostArch());
    if (!dv->emulator) {
        dv->emulator = qemuFindEmulator(os->type->arch);
        if (!dv->emulator) {
            QEMU_ERROR(conn, VIR_ERR_CONFIG_UNSUPPORTED,
                       "no emulator for arch '%s' is installed (looked for qemu-system-*)", os->type->arch);
            return -1;
        }
    }
    if (access(dv->emulator, X_OK) < 0) {
        QEMU_ERROR(conn, VIR_ERR_CONFIG_UNSUPPORTED, "emulator '%s' for domain '%s': %s",
                   dv->emulator, def->name, strerror(errno));
        return -1;
    }
    if (!os->type->machine)
        os->type->machine = qemuDefaultMachine(dv->emulator, drv->paths.cache_dir);
    const char *files[] = { os->kernel, os->initrd, os->loader ? os->loader->text : NULL };
    const char *what[] = { "kernel", "initrd", "loader" };
    for (i = 0; i < 3; i++) {
        if (files[i] && access(files[i], R_OK) < 0) {
            QEMU_ERROR(conn, VIR_ERR_INVALID_ARG, "%s '%s' of domain '%s': %s",
                       what[i], files[i], def->name, strerror(errno));
            return -1;
        }
    }
    for (i = 0; i < dv->ndisk; i++) {
        const virtDomainDisk *d = dv->disk[i];
        const char *source = virtDomainModelDiskSource(d), *target = virtDomainModelDiskTarget(d);
        if (source && stat(source, &st) < 0) {
            QEMU_ERROR(conn, VIR_ERR_INVALID_ARG, "disk '%s' of domain '%s': source '%s': %s",
                       target ? target : "?", def->name, source, strerror(errno));
            return -1;
        }
    }
    for (i = 0; i < dv->ninterface; i++) {
        virtDomainInterface *n = dv->interface[i];
        bool onNetwork = virtStrEq(n->type, "network");
        if (onNetwork && qemuNetworkResolve(conn, n) < 0)
            return -1;
        if (onNetwork || virtStrEq(n->type, "ethernet") || virtStrEq(n->type, "bridge")) {
            if (geteuid() != 0) {
                QEMU_ERROR(conn, VIR_ERR_CONFIG_UNSUPPORTED,
                           "interface type '%s' needs a tap device, which only root can create", n->type);
                return -1;
            }
            if (!virtDomainModelIfaceTarget(n)) {
                char *tap = freeTapName(drv, def);
                if (!tap) {
                    QEMU_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "no free tap device name");
                    return -1;
                }
                virtDomainModelSetIfaceTarget(n, tap);
                free(tap);
            }
        }
    }
    for (i = 0; i < dv->ngraphics; i++) {
        virtDomainGraphics *g = dv->graphics[i];
        if (strcmp(g->type, "vnc") != 0)
            continue;
        const char *listen = g->vnc.listen ? g->vnc.listen : "127.0.0.1";
        if (!g->vnc.port_set || g->vnc.port == -1 || g->vnc.autoport == 1) {
            int port;
            for (port = 5900; port < 65536; port++)
                if (!portOurs(drv, vm, port) && portFree(listen, port))
                    break;
            if (port >= 65536) {
                QEMU_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "no free VNC port on %s", listen);
                return -1;
            }
            g->vnc.port = port;
            g->vnc.port_set = true;
            g->vnc.autoport = 1;
        } else if (g->vnc.port < 5900 || g->vnc.port > 65535) {
            QEMU_ERROR(conn, VIR_ERR_CONFIG_UNSUPPORTED, "VNC port %d is outside 5900-65535", g->vnc.port);
            return -1;
        } else if (portOurs(drv, vm, g->vnc.port) || !portFree(listen, g->vnc.port)) {
            QEMU_ERROR(conn, VIR_ERR_OPERATION_FAILED, "VNC port %d on %s is busy", g->vnc.port, listen);
            return -1;
        }
        if (!g->vnc.listen)
            g->vnc.listen = virtStrdup(listen);
        /* the listen element the parse added says where, too */
        if (g->vnc.nlistens && virtStrEq(g->vnc.listens[0]->type, "address") &&
            !g->vnc.listens[0]->address.address)
            g->vnc.listens[0]->address.address = virtStrdup(listen);
    }
    return 0;
}

/* The last lines QEMU wrote to its log since offset, for error messages. */
static char *logTail(const char *path, off_t from)
{
    char *text = virtFileRead(path, 4 * 1024 * 1024, NULL);
    char *out = NULL;
    if (!text)
        return virtStrdup("(no log)");
    size_t len = strlen(text);
    const char *p = (size_t) from < len ? text + from : text + len;
    /* skip our own command-line header */
    const char *nl = strstr(p, "\n");
    if (strncmp(p, "starting:", 9) == 0 && nl)
        p = nl + 1;
    size_t n = strlen(p);
    if (n > 1000)
        p += n - 1000;
    out = virtStrdup(p);
    for (char *q = out + strlen(out); q > out && (q[-1] == '\n' || q[-1] == ' '); q--)
        q[-1] = '\0';
    for (char *q = out; *q; q++)
        if (*q == '\n')
            *q = ' ';
    free(text);
    return out[0] ? out : (free(out), virtStrdup("(nothing in the log)"));
}

static pid_t spawn(char **argv, const char *logpath, off_t *logstart)
{
    int logfd = open(logpath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (logfd < 0)
        return -1;
    struct stat st;
    *logstart = fstat(logfd, &st) == 0 ? st.st_size : 0;
    virtBuf hdr = { 0 };
    virtBufAdd(&hdr, "starting:");
    for (char **a = argv; *a; a++)
        virtBufPrintf(&hdr, " %s", *a);
    virtBufAdd(&hdr, "\n");
    if (write(logfd, hdr.data, hdr.len) < 0) {
        /* the log is advisory */
    }
    virtBufFree(&hdr);
    pid_t pid = fork();
    if (pid == 0) {
        int devnull = open("/dev/null", O_RDONLY);
        setsid();
        dup2(devnull, 0);
        dup2(logfd, 1);
        dup2(logfd, 2);
        syscall(SYS_close_range, 3, ~0U, 0);
        sigset_t all;
        sigemptyset(&all);
        sigprocmask(SIG_SETMASK, &all, NULL);
        execv(argv[0], argv);
        dprintf(2, "cannot execute '%s': %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    close(logfd);
    return pid;
}

static bool isZombie(pid_t pid)
{
    char path[64], state = 0;
    snprintf(path, sizeof(path), "/proc/%d/stat", (int) pid);
    FILE *f = fopen(path, "re");
    if (!f)
        return false;
    if (fscanf(f, "%*d (%*[^)]) %c", &state) != 1)
        state = 0;
    fclose(f);
    return state == 'Z';
}

/* Wait until pid is gone (reaping it when it is our child). */
static bool waitGone(pid_t pid, bool child, int ms)
{
    long long end = virtTimeMonotonicMs() + ms;
    for (;;) {
        if (child) {
            pid_t r = waitpid(pid, NULL, WNOHANG);
            if (r == pid || (r < 0 && errno == ECHILD))
                return true;
        } else if (kill(pid, 0) < 0 && errno == ESRCH) {
            return true;
        } else if (waitpid(pid, NULL, WNOHANG) == pid || isZombie(pid)) {
            /* a QEMU found again after a restart: ours to reap when this
             * process started it, else its new parent's */
            return true;
        }
        if (virtTimeMonotonicMs() > end)
            return false;
        usleep(5000);
    }
}

static void killProcess(pid_t pid, bool child)
{
    if (pid <= 0)
        return;
    kill(pid, SIGTERM);
    if (!waitGone(pid, child, TERM_GRACE_MS)) {
        kill(pid, SIGKILL);
        waitGone(pid, child, 5000);
    }
}

/* A pty's path is its <source path=...>, known once QEMU opened it. */
static void setPtyPath(virtDomainChrSource ***source, size_t *nsource, const char *path)
{
    if (!*nsource) {
        *source = virtRealloc(*source, sizeof(**source));
        (*source)[0] = virtAlloc(sizeof(***source));
        *nsource = 1;
    }
    free((*source)[0]->path);
    (*source)[0]->path = virtStrdup(path);
}

/* pty paths from query-chardev into the live XML (serial and console). */
static void learnPtys(qemuDomain *vm, virtDomain *def)
{
    json_t *ret = NULL;
    char *err = NULL;

    if (qemuMonitorCommand(vm->mon, "query-chardev", NULL, &ret, 5000, &err) < 0) {
        free(err);
        return;
    }
    size_t i;
    json_t *c;
    json_array_foreach(ret, i, c) {
        const char *label = json_string_value(json_object_get(c, "label"));
        const char *file = json_string_value(json_object_get(c, "filename"));
        unsigned int idx;
        if (!label || !file || strncmp(file, "pty:", 4) != 0 ||
            sscanf(label, "charserial%u", &idx) != 1)
            continue;
        const char *tty = file + 4;
        virtDomainDevices *d = def->devices;
        virtDomainSerial *ser = idx < d->nserial ? d->serial[idx] : NULL;
        if (ser && virtStrEq(ser->type, "pty"))
            setPtyPath(&ser->source, &ser->nsource, tty);
        /* the first console is the first serial port (the parse made one of the other) */
        if (idx == 0 && d->nconsole && d->console[0] && virtStrEq(d->console[0]->type, "pty")) {
            virtDomainConsole *con = d->console[0];
            setPtyPath(&con->source, &con->nsource, tty);
            free(con->tty);
            con->tty = virtStrdup(tty);
        }
    }
    json_decref(ret);
}

static const char *runState(qemuMonitor *mon)
{
    static __thread char status[160];
    json_t *ret = NULL;
    char *err = NULL;
    if (qemuMonitorCommand(mon, "query-status", NULL, &ret, 5000, &err) == 0) {
        const char *s = json_string_value(json_object_get(ret, "status"));
        snprintf(status, sizeof(status), "%s", s ? s : "");
    } else {
        snprintf(status, sizeof(status), "unknown (%s)", err ? err : "no answer");
    }
    free(err);
    json_decref(ret);
    return status;
}

int qemuProcessWaitIncoming(qemuMonitor *mon, const char **state)
{
    long long end = virtTimeMonotonicMs() + 120000;
    const char *s;
    while (strcmp((s = runState(mon)), "inmigrate") == 0 && virtTimeMonotonicMs() < end)
        usleep(20000);
    *state = s;
    return strcmp(s, "paused") == 0 || strcmp(s, "prelaunch") == 0 || strcmp(s, "running") == 0
           ? 0 : -1;
}

static void deleteTaps(qemuDomain *vm)
{
    for (size_t i = 0; i < vm->ntaps; i++) {
        qemuTapDelete(vm->taps[i]);
        free(vm->taps[i]);
    }
    free(vm->taps);
    vm->taps = NULL;
    vm->ntaps = 0;
}

int qemuProcessStart(virConnectPtr conn, qemuDriver *drv, qemuDomain *vm,
                     const char *incoming, bool start_paused)
{
    virtDomain *live = virtDomainModelCopy(vm->def);
    char *monpath = qemuRunFile(&drv->paths, live->name, ".monitor");
    char *pidpath = qemuRunFile(&drv->paths, live->name, ".pid");
    char *logpath = virtAsprintf("%s/%s.log", drv->paths.log_dir, live->name);
    char **argv = NULL;
    char *errmsg = NULL;
    pid_t pid = -1;
    off_t logstart = 0;
    int ret = -1;
    size_t i;

    if (vm->pid) {
        QEMU_ERROR(conn, VIR_ERR_OPERATION_INVALID, "domain '%s' is already running", live->name);
        goto cleanup;
    }
    if (prepareDef(conn, drv, vm, live) < 0)
        goto cleanup;
    /* Device aliases: a fresh boot names its devices anew; a guest coming
     * back from a save file or another host keeps the ids its QEMU had. */
    if (!incoming)
        virtDomainModelClearAliases(live);
    /* PCI slots: the ones in the definition are kept (a saved or migrating
     * guest's are where its state has the devices); the others given. */
    if (qemuAssignPCIAddresses(live, &errmsg) < 0) {
        QEMU_ERROR(conn, VIR_ERR_CONFIG_UNSUPPORTED, "%s", errmsg);
        goto cleanup;
    }
    qemuAssignAliases(live);
    unlink(monpath);
    unlink(pidpath);
    qemuCommandContext ctx = { .emulator = live->devices->emulator, .monitor_path = monpath,
                               .pid_path = pidpath, .incoming = incoming };
    if (!(argv = qemuBuildCommandLine(live, &ctx, &errmsg))) {
        QEMU_ERROR(conn, VIR_ERR_CONFIG_UNSUPPORTED, "%s", errmsg);
        goto cleanup;
    }
    for (i = 0; i < live->devices->ninterface; i++) {
        virtDomainInterface *n = live->devices->interface[i];
        /* a network's interface got its bridge from prepareDef */
        if (!virtStrEq(n->type, "bridge") && !virtStrEq(n->type, "network"))
            continue;
        const char *bridge = n->other.source ? n->other.source->bridge : NULL;
        if (qemuTapCreate(virtDomainModelIfaceTarget(n), bridge, &errmsg) < 0) {
            QEMU_ERROR(conn, VIR_ERR_OPERATION_FAILED, "%s", errmsg);
            goto cleanup;
        }
        vm->taps = virtRealloc(vm->taps, (vm->ntaps + 1) * sizeof(char *));
        vm->taps[vm->ntaps++] = virtStrdup(virtDomainModelIfaceTarget(n));
    }
    if ((pid = spawn(argv, logpath, &logstart)) < 0) {
        QEMU_ERROR(conn, VIR_ERR_OPERATION_FAILED, "cannot start '%s' (log '%s'): %s",
                   live->devices->emulator, logpath, strerror(errno));
        goto cleanup;
    }
    vm->generation++;
    vm->mon = qemuMonitorOpen(monpath, pid, MONITOR_TIMEOUT_MS, monitorEvent, drv,
                              live->name, vm->generation, &errmsg);
    if (!vm->mon) {
        killProcess(pid, true);
        char *tail = logTail(logpath, logstart);
        QEMU_ERROR(conn, VIR_ERR_OPERATION_FAILED, "QEMU for domain '%s' failed to start: %s: %s",
                   live->name, errmsg, tail);
        free(tail);
        pid = -1;
        goto cleanup;
    }
    learnPtys(vm, live);
    /* A migration destination waits for its stream in the finish step;
     * a restore reads its file now, before the guest may run. */
    bool deferred = incoming && vm->migrating_in;
    const char *s;
    if (incoming && !deferred && qemuProcessWaitIncoming(vm->mon, &s) < 0) {
        char *tail = logTail(logpath, logstart);
        QEMU_ERROR(conn, VIR_ERR_OPERATION_FAILED, "restoring domain '%s' failed (state '%s'): %s",
                   live->name, s, tail);
        free(tail);
        goto kill;
    }
    if (!start_paused && !deferred &&
        qemuMonitorCommand(vm->mon, "cont", NULL, NULL, 10000, &errmsg) < 0) {
        QEMU_ERROR(conn, VIR_ERR_OPERATION_FAILED, "cannot start the CPUs of '%s': %s", live->name, errmsg);
        goto kill;
    }
    vm->pid = pid;
    vm->is_child = true;
    vm->stopping = false;
    vm->id = drv->next_id++;
    virtDomainModelSetID(live, vm->id);
    if (vm->persistent) {
        vm->newdef = vm->def;
    } else {
        virtDomainModelFree(vm->def);
    }
    vm->def = live;
    live = NULL;
    vm->state = start_paused || deferred ? VIR_DOMAIN_PAUSED : VIR_DOMAIN_RUNNING;
    vm->reason = deferred ? VIR_DOMAIN_PAUSED_MIGRATION :
                 start_paused ? VIR_DOMAIN_PAUSED_USER :
                 incoming ? VIR_DOMAIN_RUNNING_RESTORED : VIR_DOMAIN_RUNNING_BOOTED;
    qemuStoreSaveStatus(drv, vm);
    pthread_cond_broadcast(&drv->changed);
    qemuNotifyLifecycle(drv, vm, VIR_DOMAIN_EVENT_STARTED,
                        !incoming ? VIR_DOMAIN_EVENT_STARTED_BOOTED :
                        vm->migrating_in ? VIR_DOMAIN_EVENT_STARTED_MIGRATED :
                        VIR_DOMAIN_EVENT_STARTED_RESTORED);
    if (start_paused)
        qemuNotifyLifecycle(drv, vm, VIR_DOMAIN_EVENT_SUSPENDED,
                            vm->migrating_in ? VIR_DOMAIN_EVENT_SUSPENDED_MIGRATED :
                            VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    ret = 0;
    goto cleanup;
 kill:
    qemuMonitorClose(vm->mon);
    vm->mon = NULL;
    killProcess(pid, true);
 cleanup:
    if (ret < 0) {
        deleteTaps(vm);
        unlink(monpath);
        unlink(pidpath);
    }
    qemuArgvFree(argv);
    virtDomainModelFree(live);
    free(errmsg);
    free(monpath);
    free(pidpath);
    free(logpath);
    return ret;
}

void qemuProcessStop(qemuDriver *drv, qemuDomain *vm, int reason)
{
    if (!vm->pid)
        return;
    vm->stopping = true;
    qemuMonitorClose(vm->mon);
    vm->mon = NULL;
    killProcess(vm->pid, vm->is_child);
    deleteTaps(vm);
    qemuStoreDeleteStatus(drv, vm->def->name);
    if (vm->newdef) {
        virtDomainModelFree(vm->def);
        vm->def = vm->newdef;
        vm->newdef = NULL;
    } else {
        virtDomainModelSetID(vm->def, -1);
    }
    /* aliases name the devices of a running QEMU only */
    virtDomainModelClearAliases(vm->def);
    vm->pid = 0;
    vm->id = -1;
    vm->generation++;
    vm->state = VIR_DOMAIN_SHUTOFF;
    vm->reason = reason;
    vm->stopping = false;
    vm->guest_reset = false;
    vm->fake_reboot = false;
    pthread_cond_broadcast(&drv->changed);
    qemuNotifyLifecycle(drv, vm, VIR_DOMAIN_EVENT_STOPPED, qemuNotifyStoppedDetail(reason));
}

/* Is pid a QEMU (and not a recycled pid)? */
static bool looksLikeQemu(pid_t pid)
{
    char path[64];
    snprintf(path, sizeof(path), "/proc/%d/cmdline", (int) pid);
    size_t len = 0;
    char *cmd = virtFileRead(path, 65536, &len);
    bool ok = cmd && len && strstr(cmd, "qemu") != NULL;
    free(cmd);
    return ok;
}

int qemuProcessReconnect(qemuDriver *drv, qemuDomain *vm)
{
    char *monpath = qemuRunFile(&drv->paths, vm->def->name, ".monitor");
    char *errmsg = NULL;
    int ret = -1;

    if (vm->pid <= 0 || !looksLikeQemu(vm->pid))
        goto cleanup;
    vm->generation++;
    vm->mon = qemuMonitorOpen(monpath, vm->pid, 3000, monitorEvent, drv, vm->def->name,
                              vm->generation, &errmsg);
    if (!vm->mon) {
        fprintf(stderr, "qemu: cannot reattach to '%s' (pid %d): %s\n",
                vm->def->name, (int) vm->pid, errmsg);
        goto cleanup;
    }
    vm->is_child = false;
    const char *s = runState(vm->mon);
    if (strcmp(s, "running") == 0) {
        vm->state = VIR_DOMAIN_RUNNING;
    } else if (strcmp(s, "paused") == 0 || strcmp(s, "prelaunch") == 0) {
        vm->state = VIR_DOMAIN_PAUSED;
    }
    ret = 0;
 cleanup:
    if (ret < 0) {
        deleteTaps(vm);
        vm->pid = 0;
    }
    free(errmsg);
    free(monpath);
    return ret;
}

int qemuProcessVcpuThreads(qemuDomain *vm, pid_t **tids)
{
    json_t *ret = NULL, *c;
    char *err = NULL;
    size_t i;
    int n = -1;

    *tids = NULL;
    if (!vm->mon || qemuMonitorCommand(vm->mon, "query-cpus-fast", NULL, &ret, 5000, &err) < 0)
        goto cleanup;
    n = (int) json_array_size(ret);
    *tids = virtAlloc(((size_t) n + 1) * sizeof(pid_t));
    json_array_foreach(ret, i, c) {
        json_int_t idx = json_integer_value(json_object_get(c, "cpu-index"));
        if (idx >= 0 && idx < n)
            (*tids)[idx] = (pid_t) json_integer_value(json_object_get(c, "thread-id"));
    }
 cleanup:
    free(err);
    json_decref(ret);
    return n;
}

int qemuWaitStateChange(qemuDriver *drv, qemuDomain *vm, int state, int ms)
{
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += ms / 1000;
    deadline.tv_nsec += (long) (ms % 1000) * 1000000;
    if (deadline.tv_nsec >= 1000000000) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000;
    }
    while (vm->state == state)
        if (pthread_cond_timedwait(&drv->changed, &drv->lock, &deadline) == ETIMEDOUT)
            return vm->state == state ? -1 : 0;
    return 0;
}
