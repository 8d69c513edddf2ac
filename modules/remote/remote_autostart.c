/* remote_autostart.c: the session daemon on demand. A lock file next to
 * the socket keeps two clients from starting two daemons; the one that
 * wins probes the socket again under the lock before spawning. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "remote_autostart.h"
#include "remote_config.h"
#include "util.h"

#define AUTOSTART_IDLE_TIMEOUT "120"
#define READY_WAIT_MS 15000

/* Does a daemon accept connections on path? */
static bool socketAnswers(const char *path)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    if (strlen(path) >= sizeof(addr.sun_path))
        return false;
    strcpy(addr.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    bool ok = connect(fd, (struct sockaddr *) &addr, sizeof(addr)) == 0;
    close(fd);
    return ok;
}

static void sleepMs(int ms)
{
    struct timespec ts = { ms / 1000, (long) (ms % 1000) * 1000000 };
    nanosleep(&ts, NULL);
}

/* mkdir -p for the socket's folder (0700: it is the user's). */
static void makeDirs(const char *dir)
{
    char *tmp = virtStrdup(dir);
    for (char *s = tmp + 1; *s; s++) {
        if (*s == '/') {
            *s = '\0';
            mkdir(tmp, 0700);
            *s = '/';
        }
    }
    mkdir(tmp, 0700);
    free(tmp);
}

static const char *daemonBinary(void)
{
    const char *env = getenv("VIRT_LIBVIRTD");
    return env && *env ? env : REMOTE_LIBVIRTD_PATH;
}

/* Run the daemon; with --daemon its first process exits once the socket
 * listens, so waiting for it is waiting for readiness. */
static int spawnDaemon(const virtCoreServices *core, virConnectPtr conn, const char *bin,
                       const char *pidfile)
{
    char *pidarg = virtAsprintf("--pid-file=%s", pidfile);
    char *argv[] = { (char *) bin, (char *) "--session", (char *) "--timeout=" AUTOSTART_IDLE_TIMEOUT,
                     (char *) "--daemon", pidarg, NULL };
    int status = 0, ret = -1;
    pid_t pid = fork();

    if (pid < 0) {
        core->error(conn, VIR_FROM_REMOTE, VIR_ERR_SYSTEM_ERROR,
                    "cannot start the session daemon: fork: %s", strerror(errno));
        goto cleanup;
    }
    if (pid == 0) {
        /* nothing of the application's may leak into the daemon */
        int null = open("/dev/null", O_RDWR);
        if (null >= 0) {
            dup2(null, STDIN_FILENO);
            dup2(null, STDOUT_FILENO);
        }
        syscall(SYS_close_range, 3, ~0U, 0);
        execv(bin, argv);
        _exit(127);
    }
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        core->error(conn, VIR_FROM_REMOTE, VIR_ERR_SYSTEM_ERROR,
                    "cannot start the session daemon '%s': %s %d", bin,
                    WIFEXITED(status) ? "it exited with status" : "it died of signal",
                    WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
        goto cleanup;
    }
    ret = 0;
 cleanup:
    free(pidarg);
    return ret;
}

int remoteAutostartDaemon(const virtCoreServices *core, virConnectPtr conn,
                          const remotePlan *plan)
{
    if (!plan->autostart || socketAnswers(plan->socket))
        return 0;
    const char *bin = daemonBinary();
    if (access(bin, X_OK) < 0) {
        core->error(conn, VIR_FROM_REMOTE, VIR_ERR_SYSTEM_ERROR,
                    "no session daemon listens on '%s' and '%s' cannot be run: %s "
                    "(set VIRT_LIBVIRTD to the libvirtd binary)", plan->socket, bin, strerror(errno));
        return -1;
    }
    char *sockcopy = virtStrdup(plan->socket);
    char *dir = virtStrdup(dirname(sockcopy));
    char *lockpath = virtAsprintf("%s/libvirtd.autostart.lock", dir);
    char *pidfile = virtAsprintf("%s/libvirtd.pid", dir);
    int ret = -1, lockfd;

    makeDirs(dir);
    if ((lockfd = open(lockpath, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0 ||
        flock(lockfd, LOCK_EX) < 0) {
        core->error(conn, VIR_FROM_REMOTE, VIR_ERR_SYSTEM_ERROR,
                    "cannot lock '%s': %s", lockpath, strerror(errno));
        goto cleanup;
    }
    /* another client may have started it while we waited for the lock */
    if (socketAnswers(plan->socket)) {
        ret = 0;
        goto cleanup;
    }
    if (spawnDaemon(core, conn, bin, pidfile) < 0)
        goto cleanup;
    for (int waited = 0; waited < READY_WAIT_MS; waited += 20) {
        if (socketAnswers(plan->socket)) {
            ret = 0;
            goto cleanup;
        }
        sleepMs(20);
    }
    core->error(conn, VIR_FROM_REMOTE, VIR_ERR_SYSTEM_ERROR,
                "the session daemon '%s' started but does not answer on '%s'", bin, plan->socket);
 cleanup:
    if (lockfd >= 0)
        close(lockfd);
    free(sockcopy);
    free(dir);
    free(lockpath);
    free(pidfile);
    return ret;
}
