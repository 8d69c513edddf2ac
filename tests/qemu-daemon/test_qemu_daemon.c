/* test_qemu_daemon.c: qemu:///session as an application uses it: the
 * client (the remote module) starts the session daemon itself, every call
 * goes through it, QEMU's lifecycle events come back as callbacks, and a
 * daemon killed with SIGKILL is replaced without losing the guest. All in
 * a private HOME/XDG tree; every daemon and QEMU is killed at the end. */
#include <pthread.h>
#include <stdatomic.h>
#include <sys/un.h>

#include "../qemu/guest_env.h"
#include "harness.h"

static virConnectPtr conn;

/* ---- daemons ---------------------------------------------------------- */

/* The pid the session daemon wrote for envRoot/RUNTIME; 0 when none. */
static int daemonPid(const char *runtime)
{
    char path[600], buf[32] = "";
    snprintf(path, sizeof(path), "%s/libvirt/libvirtd.pid", runtime);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    if (!fgets(buf, sizeof(buf), f))
        buf[0] = '\0';
    fclose(f);
    int pid = atoi(buf);
    return pid > 1 && pidAlive(pid) ? pid : 0;
}

static char runtimeDir[512];

/* Wait for the daemon of runtime to write its pid file. */
static int waitDaemonPid(const char *runtime, int ms)
{
    for (int i = 0; i < ms / 20; i++) {
        int pid = daemonPid(runtime);
        if (pid)
            return pid;
        msleep(20);
    }
    return 0;
}

static bool socketAnswers(const char *runtime)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    snprintf(sa.sun_path, sizeof(sa.sun_path), "%s/libvirt/libvirt-sock", runtime);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    bool ok = fd >= 0 && connect(fd, (struct sockaddr *) &sa, sizeof(sa)) == 0;
    if (fd >= 0)
        close(fd);
    return ok;
}

/* SIGKILL, then wait until the socket is really closed: the leader of a
 * dying multi-threaded process turns zombie before its last thread lets
 * go of the shared descriptors. */
static void killDaemon(const char *runtime)
{
    int pid = daemonPid(runtime);
    if (pid > 0) {
        kill(pid, SIGKILL);
        for (int i = 0; i < 250 && (pidAlive(pid) || socketAnswers(runtime)); i++)
            msleep(20);
    }
}

/* Every QEMU of ours, by command line. */
static void killOurQemus(void)
{
    DIR *d = opendir("/proc");
    struct dirent *e;
    while (d && (e = readdir(d))) {
        int pid = atoi(e->d_name);
        char path[64], buf[8192];
        if (pid <= 0)
            continue;
        snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
        FILE *f = fopen(path, "r");
        if (!f)
            continue;
        size_t len = fread(buf, 1, sizeof(buf) - 1, f);
        fclose(f);
        for (size_t i = 0; i < len; i++)
            if (!buf[i])
                buf[i] = ' ';
        buf[len] = '\0';
        if (strstr(buf, "qemu-system") && strstr(buf, envRoot))
            kill(pid, SIGKILL);
    }
    if (d)
        closedir(d);
}

static void killEverything(void)
{
    char other[600];
    killDaemon(runtimeDir);
    snprintf(other, sizeof(other), "%s/dest/runtime", envRoot);
    killDaemon(other);
    killOurQemus();
}

/* A second session daemon, as another host would run it: its own HOME and
 * XDG tree under envRoot/dest, listening on TCP 127.0.0.1:port. */
static int startDestDaemon(int *port)
{
    char dir[600], conf[700], pidfile[700], cmd[4096];
    snprintf(dir, sizeof(dir), "%s/dest", envRoot);
    snprintf(cmd, sizeof(cmd), "mkdir -p '%s/runtime/libvirt' '%s/config' '%s/cache'", dir, dir, dir);
    if (system(cmd) != 0)
        return -1;
    int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t len = sizeof(sa);
    if (s < 0 || bind(s, (struct sockaddr *) &sa, sizeof(sa)) < 0 ||
        getsockname(s, (struct sockaddr *) &sa, &len) < 0)
        return -1;
    *port = ntohs(sa.sin_port);
    close(s);
    snprintf(conf, sizeof(conf), "%s/libvirtd.conf", dir);
    FILE *f = fopen(conf, "w");
    if (!f)
        return -1;
    fprintf(f, "listen_tcp = 1\nlisten_tls = 0\ntcp_port = \"%d\"\nlisten_addr = \"127.0.0.1\"\n"
               "auth_tcp = \"none\"\n", *port);
    fclose(f);
    snprintf(pidfile, sizeof(pidfile), "%s/runtime/libvirt/libvirtd.pid", dir);
    pid_t pid = fork();
    if (pid == 0) {
        char env[700];
        setenv("HOME", dir, 1);
        snprintf(env, sizeof(env), "%s/runtime", dir);
        setenv("XDG_RUNTIME_DIR", env, 1);
        snprintf(env, sizeof(env), "%s/config", dir);
        setenv("XDG_CONFIG_HOME", env, 1);
        snprintf(env, sizeof(env), "%s/cache", dir);
        setenv("XDG_CACHE_HOME", env, 1);
        char pidarg[800];
        snprintf(pidarg, sizeof(pidarg), "--pid-file=%s", pidfile);
        execl(getenv("VIRT_LIBVIRTD"), "libvirtd", "--session", "--listen", "-f", conf, pidarg,
              (char *) NULL);
        _exit(127);
    }
    if (pid < 0)
        return -1;
    for (int i = 0; i < 500; i++) {
        int c = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sa.sin_port = htons((uint16_t) *port);
        bool up = c >= 0 && connect(c, (struct sockaddr *) &sa, sizeof(sa)) == 0;
        if (c >= 0)
            close(c);
        if (up)
            return 0;
        if (waitpid(pid, NULL, WNOHANG) == pid)
            return -1;
        msleep(20);
    }
    return -1;
}

/* Type a command into the guest's shell until its answer comes back. */
static bool guestAnswers(virDomainPtr dom, const char *command, const char *answer)
{
    char *tty = consoleTty(dom);
    int fd = tty ? ptyOpen(tty) : -1;
    bool ok = false;
    for (int i = 0; fd >= 0 && i < 15 && !ok; i++) {
        char line[256];
        snprintf(line, sizeof(line), "%s\n", command);
        if (write(fd, line, strlen(line)) < 0)
            break;
        ok = ptyWaitFor(fd, answer, 2000) == 0;
    }
    if (!ok)
        printf("#   no '%s' from the guest on %s\n", answer, tty ? tty : "(no console)");
    if (fd >= 0)
        close(fd);
    free(tty);
    return ok;
}

/* ---- events ----------------------------------------------------------- */

#define MAX_EVENTS 256
static pthread_mutex_t evLock = PTHREAD_MUTEX_INITIALIZER;
static struct {
    char name[64];
    int event, detail;
} events[MAX_EVENTS];
static int nevents;
static atomic_int reboots;

static int onLifecycle(virConnectPtr c, virDomainPtr dom, int event, int detail, void *opaque)
{
    (void) c;
    (void) opaque;
    pthread_mutex_lock(&evLock);
    if (nevents < MAX_EVENTS) {
        snprintf(events[nevents].name, sizeof(events[nevents].name), "%s", virDomainGetName(dom));
        events[nevents].event = event;
        events[nevents].detail = detail;
        nevents++;
    }
    pthread_mutex_unlock(&evLock);
    return 0;
}

static void onReboot(virConnectPtr c, virDomainPtr dom, void *opaque)
{
    (void) c;
    (void) dom;
    (void) opaque;
    atomic_fetch_add(&reboots, 1);
}

/* Wait until an event (name, event, detail) has been seen; detail -1: any. */
static bool sawEvent(const char *name, int event, int detail, int ms)
{
    for (int waited = 0; ; waited += 20) {
        pthread_mutex_lock(&evLock);
        for (int i = 0; i < nevents; i++) {
            if (strcmp(events[i].name, name) == 0 && events[i].event == event &&
                (detail < 0 || events[i].detail == detail)) {
                pthread_mutex_unlock(&evLock);
                return true;
            }
        }
        pthread_mutex_unlock(&evLock);
        if (waited >= ms)
            return false;
        msleep(20);
    }
}

static void forgetEvents(void)
{
    pthread_mutex_lock(&evLock);
    nevents = 0;
    pthread_mutex_unlock(&evLock);
}

static void *loopMain(void *opaque)
{
    (void) opaque;
    for (;;)
        virEventRunDefaultImpl();
    return NULL;
}

static int cbLifecycle = -1, cbReboot = -1;

static void registerEvents(void)
{
    cbLifecycle = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                                   (virConnectDomainEventGenericCallback) (void (*)(void)) onLifecycle, NULL, NULL);
    cbReboot = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_REBOOT,
                                                VIR_DOMAIN_EVENT_CALLBACK(onReboot), NULL, NULL);
}

static void closeConn(void)
{
    if (!conn)
        return;
    if (cbLifecycle >= 0)
        virConnectDomainEventDeregisterAny(conn, cbLifecycle);
    if (cbReboot >= 0)
        virConnectDomainEventDeregisterAny(conn, cbReboot);
    cbLifecycle = cbReboot = -1;
    virConnectClose(conn);
    conn = NULL;
}

/* ---- tests ------------------------------------------------------------ */

/* No daemon runs; opening qemu:///session starts one. */
static void session_daemon_autostart(void)
{
    CHECK(daemonPid(runtimeDir) == 0);
    conn = virConnectOpen("qemu:///session");
    CHECK(conn != NULL);
    if (!conn) {
        printf("Bail out! cannot open qemu:///session: %s\n", lastError());
        exit(1);
    }
    CHECK(waitDaemonPid(runtimeDir, 5000) > 0);
    char sock[600];
    snprintf(sock, sizeof(sock), "%s/libvirt/libvirt-sock", runtimeDir);
    CHECK(access(sock, F_OK) == 0);
    CHECK_STR(virConnectGetType(conn), "QEMU");
    /* the calls travel: this process loaded no QEMU driver */
    char *uri = virConnectGetURI(conn);
    CHECK(uri && strcmp(uri, "qemu:///session") == 0);
    free(uri);
    /* a second client finds the running daemon */
    int pid = daemonPid(runtimeDir);
    virConnectPtr c2 = virConnectOpen("qemu:///session");
    CHECK(c2 != NULL);
    CHECK(daemonPid(runtimeDir) == pid);
    if (c2)
        virConnectClose(c2);
    registerEvents();
    CHECK(cbLifecycle >= 0 && cbReboot >= 0);
}

/* Define, start, console, suspend/resume, list, reboot, destroy: all
 * through the daemon, each step seen as an event. */
static void guest_through_daemon(void)
{
    char *xml = guestXML("dguest", "0b000000-0000-4000-8000-000000000001", NULL);
    virDomainPtr dom = virDomainDefineXML(conn, xml);
    free(xml);
    CHECK(dom != NULL);
    if (!dom) {
        printf("#   define: %s\n", lastError());
        return;
    }
    CHECK(sawEvent("dguest", VIR_DOMAIN_EVENT_DEFINED, VIR_DOMAIN_EVENT_DEFINED_ADDED, 5000));
    CHECK(virDomainCreate(dom) == 0);
    if (harnessCurrentFailed) {
        printf("#   start: %s\n", lastError());
        virDomainUndefine(dom);
        virDomainFree(dom);
        return;
    }
    CHECK(sawEvent("dguest", VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_BOOTED, 5000));
    CHECK(virDomainGetID(dom) > 0);
    CHECK(virDomainSuspend(dom) == 0);
    CHECK(sawEvent("dguest", VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_PAUSED, 5000));
    char *tty = consoleTty(dom);
    CHECK(tty && strncmp(tty, "/dev/pts/", 9) == 0);
    int fd = tty ? ptyOpen(tty) : -1;
    CHECK(fd >= 0);
    msleep(1100);   /* QEMU notices a reader on its pty within a second */
    CHECK(virDomainResume(dom) == 0);
    CHECK(sawEvent("dguest", VIR_DOMAIN_EVENT_RESUMED, VIR_DOMAIN_EVENT_RESUMED_UNPAUSED, 5000));
    CHECK(fd >= 0 && ptyWaitFor(fd, "TESTGUEST-READY", 60000) == 0);

    int ids[8];
    CHECK(virConnectNumOfDomains(conn) == 1);
    CHECK(virConnectListDomains(conn, ids, 8) == 1 && ids[0] == (int) virDomainGetID(dom));
    virDomainPtr *all = NULL;
    CHECK(virConnectListAllDomains(conn, &all, VIR_CONNECT_LIST_DOMAINS_RUNNING) == 1);
    if (all) {
        CHECK_STR(virDomainGetName(all[0]), "dguest");
        virDomainFree(all[0]);
        free(all);
    }
    virDomainInfo info;
    CHECK(virDomainGetInfo(dom, &info) == 0 && info.state == VIR_DOMAIN_RUNNING &&
          info.cpuTime > 0);

    /* reboot: the guest shuts down through ACPI and comes back up, QEMU
     * stays (same pid), a reboot event follows */
    int qemus = countOurQemus();
    int before = atomic_load(&reboots);
    CHECK(virDomainReboot(dom, VIR_DOMAIN_REBOOT_GUEST_AGENT) < 0);   /* refused by name */
    CHECK(strstr(lastError(), "ACPI") != NULL);
    CHECK(virDomainReboot(dom, 0) == 0);
    CHECK(fd >= 0 && ptyWaitFor(fd, "TESTGUEST-POWEROFF", 30000) == 0);
    CHECK(fd >= 0 && ptyWaitFor(fd, "TESTGUEST-READY", 60000) == 0);
    for (int i = 0; i < 250 && atomic_load(&reboots) == before; i++)
        msleep(20);
    CHECK(atomic_load(&reboots) > before);
    CHECK(countOurQemus() == qemus);
    CHECK(waitState(dom, VIR_DOMAIN_RUNNING, 5000) == 0);
    CHECK(!sawEvent("dguest", VIR_DOMAIN_EVENT_STOPPED, -1, 0));
    CHECK(!sawEvent("dguest", VIR_DOMAIN_EVENT_SHUTDOWN, -1, 0));

    /* reset: no help from the guest, straight to a new boot */
    before = atomic_load(&reboots);
    CHECK(virDomainReset(dom, 0) == 0);
    CHECK(fd >= 0 && ptyWaitFor(fd, "TESTGUEST-READY", 60000) == 0);
    for (int i = 0; i < 250 && atomic_load(&reboots) == before; i++)
        msleep(20);
    CHECK(atomic_load(&reboots) > before);

    CHECK(virDomainDestroy(dom) == 0);
    CHECK(sawEvent("dguest", VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_DESTROYED, 5000));
    CHECK(countOurQemus() == 0);
    CHECK(virDomainUndefine(dom) == 0);
    CHECK(sawEvent("dguest", VIR_DOMAIN_EVENT_UNDEFINED, VIR_DOMAIN_EVENT_UNDEFINED_REMOVED, 5000));
    virDomainFree(dom);
    if (fd >= 0)
        close(fd);
    free(tty);
}

/* The guest powers itself off (ACPI): shutdown, then stopped. */
static void guest_shutdown_event(void)
{
    char *xml = guestXML("dshut", "0b000000-0000-4000-8000-000000000002", NULL);
    virDomainPtr dom = virDomainCreateXML(conn, xml, 0);
    free(xml);
    CHECK(dom != NULL);
    if (!dom)
        return;
    CHECK(sawEvent("dshut", VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_BOOTED, 5000));
    /* the power button works once the guest's ACPI is up: press until it goes */
    bool gone = false;
    for (int i = 0; i < 30 && !gone; i++) {
        virDomainShutdown(dom);
        gone = sawEvent("dshut", VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN, 1000);
    }
    CHECK(gone);
    CHECK(sawEvent("dshut", VIR_DOMAIN_EVENT_SHUTDOWN, VIR_DOMAIN_EVENT_SHUTDOWN_FINISHED, 0));
    CHECK(countOurQemus() == 0);
    CHECK(waitState(dom, VIR_DOMAIN_SHUTOFF, 0) < 0);   /* transient: gone */
    virDomainFree(dom);
}

/* kill -9 of the daemon with a guest running: the next client starts a
 * new daemon, which finds the guest and drives it again. */
static void daemon_killed_and_replaced(void)
{
    char *xml = guestXML("dsurvive", "0b000000-0000-4000-8000-000000000003", NULL);
    virDomainPtr dom = virDomainDefineXML(conn, xml);
    free(xml);
    CHECK(dom && virDomainCreate(dom) == 0);
    if (!dom)
        return;
    int id = virDomainGetID(dom);
    virDomainFree(dom);
    int old = daemonPid(runtimeDir);
    CHECK(old > 0);
    killDaemon(runtimeDir);
    CHECK(!pidAlive(old));
    CHECK(countOurQemus() == 1);
    /* the old connection reports the loss clearly */
    CHECK(virConnectNumOfDomains(conn) < 0);
    CHECK(strstr(lastError(), "connection") != NULL);
    closeConn();

    conn = virConnectOpen("qemu:///session");
    CHECK(conn != NULL);
    if (!conn) {
        printf("#   reopen: %s\n", lastError());
        return;
    }
    registerEvents();
    int pid = waitDaemonPid(runtimeDir, 5000);
    CHECK(pid > 0 && pid != old);
    dom = virDomainLookupByName(conn, "dsurvive");
    CHECK(dom != NULL);
    if (!dom)
        return;
    CHECK(virDomainIsActive(dom) == 1);
    CHECK((int) virDomainGetID(dom) == id);
    int st = -1, reason;
    CHECK(virDomainGetState(dom, &st, &reason, 0) == 0 && st == VIR_DOMAIN_RUNNING);
    forgetEvents();
    CHECK(virDomainSuspend(dom) == 0);
    CHECK(sawEvent("dsurvive", VIR_DOMAIN_EVENT_SUSPENDED, -1, 5000));
    CHECK(virDomainResume(dom) == 0);
    CHECK(sawEvent("dsurvive", VIR_DOMAIN_EVENT_RESUMED, -1, 5000));
    CHECK(virDomainDestroy(dom) == 0);
    CHECK(sawEvent("dsurvive", VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_DESTROYED, 5000));
    CHECK(countOurQemus() == 0);
    CHECK(virDomainUndefine(dom) == 0);
    virDomainFree(dom);
}

/* An autostart guest starts with the next daemon (when the qemu driver is
 * first opened there). */
static void autostart_across_daemon_restart(void)
{
    char *xml = guestXML("dauto", "0b000000-0000-4000-8000-000000000004", NULL);
    virDomainPtr dom = virDomainDefineXML(conn, xml);
    free(xml);
    CHECK(dom && virDomainSetAutostart(dom, 1) == 0);
    CHECK(dom && virDomainIsActive(dom) == 0);
    if (dom)
        virDomainFree(dom);
    closeConn();
    killDaemon(runtimeDir);
    CHECK(countOurQemus() == 0);

    conn = virConnectOpen("qemu:///session");
    CHECK(conn != NULL);
    if (!conn) {
        printf("#   reopen: %s (daemon pid %d)\n", lastError(), daemonPid(runtimeDir));
        return;
    }
    registerEvents();
    dom = virDomainLookupByName(conn, "dauto");
    CHECK(dom && virDomainIsActive(dom) == 1);
    CHECK(countOurQemus() == 1);
    if (dom) {
        CHECK(virDomainDestroy(dom) == 0);
        CHECK(virDomainSetAutostart(dom, 0) == 0);
        CHECK(virDomainUndefine(dom) == 0);
        virDomainFree(dom);
    }
    CHECK(countOurQemus() == 0);
}

/* Live migration to a second daemon over qemu+tcp, the guest answering
 * its console on the far side; then a refused URI, and the way back. */
static void migration_between_daemons(void)
{
    int port = 0;
    CHECK(startDestDaemon(&port) == 0);
    char duri[128];
    snprintf(duri, sizeof(duri), "qemu+tcp://127.0.0.1:%d/session", port);
    virConnectPtr dconn = port ? virConnectOpen(duri) : NULL;
    CHECK(dconn != NULL);
    if (!dconn) {
        printf("#   %s: %s\n", duri, lastError());
        return;
    }
    char *xml = guestXML("dmig", "0b000000-0000-4000-8000-000000000005", NULL);
    char *shellxml = textReplace(xml, "cryptomgr.notests", "cryptomgr.notests tg.shell=1");
    free(xml);
    virDomainPtr dom = shellxml ? virDomainDefineXML(conn, shellxml) : NULL;
    free(shellxml);
    CHECK(dom && virDomainCreate(dom) == 0);
    if (!dom || harnessCurrentFailed) {
        printf("#   start: %s\n", lastError());
        goto out;
    }
    CHECK(guestAnswers(dom, "echo SRC-$((2+3))", "SRC-5"));
    forgetEvents();

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    virDomainPtr there = virDomainMigrate(dom, dconn, VIR_MIGRATE_LIVE, NULL, "tcp://127.0.0.1", 0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("# live migration of a %d MiB guest took %ld ms\n", 192,
           (long) ((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000));
    CHECK(there != NULL);
    if (!there) {
        printf("#   migrate: %s\n", lastError());
        goto out;
    }
    int st = -1, reason = -1;
    CHECK(virDomainGetState(there, &st, &reason, 0) == 0 && st == VIR_DOMAIN_RUNNING &&
          reason == VIR_DOMAIN_RUNNING_MIGRATED);
    CHECK(guestAnswers(there, "echo DEST-$((6*7))", "DEST-42"));
    /* the source keeps its (inactive) definition, stopped as migrated */
    CHECK(virDomainGetState(dom, &st, &reason, 0) == 0 && st == VIR_DOMAIN_SHUTOFF &&
          reason == VIR_DOMAIN_SHUTOFF_MIGRATED);
    CHECK(sawEvent("dmig", VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_MIGRATED, 5000));
    CHECK(countOurQemus() == 1);

    /* a URI the driver cannot use: a clear error, the guest stays put */
    CHECK(virDomainMigrate(there, conn, VIR_MIGRATE_LIVE, NULL, "rdma://127.0.0.1", 0) == NULL);
    CHECK(strstr(lastError(), "rdma://127.0.0.1") != NULL);
    CHECK(virDomainIsActive(there) == 1 && virDomainIsActive(dom) == 0);
    CHECK(countOurQemus() == 1);

    /* and back home with virsh, still answering */
    char cmd[1024];
    snprintf(cmd, sizeof(cmd), "'%s/tools/virsh/virsh' -q -c '%s' migrate --live dmig qemu:///session "
             "--migrateuri tcp://127.0.0.1 >&2", getenv("BUILD_ROOT"), duri);
    CHECK(system(cmd) == 0);
    virDomainPtr back = virDomainLookupByName(conn, "dmig");
    CHECK(back != NULL);
    CHECK(virDomainIsActive(dom) == 1);
    CHECK(virDomainGetState(dom, &st, &reason, 0) == 0 && st == VIR_DOMAIN_RUNNING &&
          reason == VIR_DOMAIN_RUNNING_MIGRATED);
    CHECK(back && guestAnswers(back, "echo HOME-$((50+5))", "HOME-55"));
    virDomainPtr gone = virDomainLookupByName(dconn, "dmig");
    CHECK(gone == NULL);    /* transient there: gone once it left */
    if (gone)
        virDomainFree(gone);
    CHECK(countOurQemus() == 1);

    /* Debian's virsh (libvirt's own client library) drives our two
     * daemons through the same five steps */
    if (access("/usr/bin/virsh", X_OK) == 0) {
        snprintf(cmd, sizeof(cmd), "env -u LD_LIBRARY_PATH /usr/bin/virsh -q "
                 "-c 'qemu+unix:///session?socket=%s/libvirt/libvirt-sock' migrate --live dmig '%s' "
                 "--migrateuri tcp://127.0.0.1 >&2", runtimeDir, duri);
        CHECK(system(cmd) == 0);
        virDomainPtr again = virDomainLookupByName(dconn, "dmig");
        CHECK(again && guestAnswers(again, "echo DEBIAN-$((7*8))", "DEBIAN-56"));
        virDomainPtr home = again ? virDomainMigrate(again, conn, VIR_MIGRATE_LIVE, NULL,
                                                     "tcp://127.0.0.1", 0) : NULL;
        CHECK(home != NULL);
        if (home)
            virDomainFree(home);
        if (again)
            virDomainFree(again);
        CHECK(virDomainIsActive(dom) == 1);
    } else {
        printf("# Debian's virsh is not installed: its migration between our daemons is not tried\n");
    }
    if (back)
        virDomainFree(back);
    virDomainFree(there);
 out:
    if (dom) {
        virDomainDestroy(dom);
        virDomainUndefine(dom);
        virDomainFree(dom);
    }
    virConnectClose(dconn);
    char other[600];
    snprintf(other, sizeof(other), "%s/dest/runtime", envRoot);
    killDaemon(other);
    CHECK(countOurQemus() == 0);
}

int main(void)
{
    envSetup(170);
    atexit(killEverything);
    snprintf(runtimeDir, sizeof(runtimeDir), "%s/runtime", envRoot);
    if (!getenv("VIRT_LIBVIRTD") && getenv("BUILD_ROOT")) {
        char bin[4096];
        snprintf(bin, sizeof(bin), "%s/tools/libvirtd/libvirtd", getenv("BUILD_ROOT"));
        setenv("VIRT_LIBVIRTD", bin, 1);
    }
    unsetenv("LIBVIRT_AUTOSTART");
    if (guestBuild() < 0)
        return 1;
    if (virEventRegisterDefaultImpl() < 0) {
        printf("Bail out! no event loop\n");
        return 1;
    }
    pthread_t loop;
    pthread_create(&loop, NULL, loopMain, NULL);
    pthread_detach(loop);

    TEST_RUN(session_daemon_autostart);
    TEST_RUN(guest_through_daemon);
    TEST_RUN(guest_shutdown_event);
    TEST_RUN(daemon_killed_and_replaced);
    TEST_RUN(autostart_across_daemon_restart);
    TEST_RUN(migration_between_daemons);
    closeConn();
    CHECK(countOurQemus() == 0);
    TEST_DONE();
}
