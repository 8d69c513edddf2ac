/* guest_env.h: what the QEMU tests that start real guests share: a
 * private session (HOME and XDG_* in a temporary folder), the tiny test
 * guest built once per build tree, a pty reader for the serial console,
 * and a last-resort killer for QEMU processes left behind. */
#ifndef QEMU_GUEST_ENV_H
#define QEMU_GUEST_ENV_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <sys/socket.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

static char envRoot[256];

/* The message of the thread's last libvirt error ("" when none). */
static inline const char *lastError(void)
{
    virErrorPtr e = virGetLastError();
    return e && e->message ? e->message : "";
}

/* The last error must mention needle (marks the current check failed). */
#define CHECK_ERR(needle)                                                        \
    do {                                                                         \
        if (!strstr(lastError(), (needle))) {                                    \
            printf("#   %s:%d: error '%s' lacks '%s'\n", __FILE__, __LINE__,     \
                   lastError(), (needle));                                       \
            harnessCurrentFailed = 1;                                            \
        }                                                                        \
    } while (0)

/* A copy of text with the first `from` replaced by `to` (a plain copy
 * when from is absent); the caller frees. */
static inline char *textReplace(const char *text, const char *from, const char *to)
{
    const char *p = text ? strstr(text, from) : NULL;
    if (!text)
        return NULL;
    if (!p)
        return strdup(text);
    size_t head = (size_t) (p - text), tlen = strlen(to), rest = strlen(p + strlen(from));
    char *out = malloc(head + tlen + rest + 1);
    if (!out)
        return NULL;
    memcpy(out, text, head);
    memcpy(out + head, to, tlen);
    memcpy(out + head + tlen, p + strlen(from), rest + 1);
    return out;
}
static char guestDir[4096];

static void envPath(char *out, size_t n, const char *rel)
{
    snprintf(out, n, "%s/%s", envRoot, rel);
}

/* Kill every QEMU whose pid file is in our run folder. */
static void killLeftovers(void)
{
    char dir[512];
    envPath(dir, sizeof(dir), "runtime/libvirt/qemu/run");
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".pid") != 0)
            continue;
        char path[1024], buf[32] = "";
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "r");
        if (f && fgets(buf, sizeof(buf), f) && atoi(buf) > 1)
            kill(atoi(buf), SIGKILL);
        if (f)
            fclose(f);
    }
    if (d)
        closedir(d);
}

static void onAlarm(int sig)
{
    (void) sig;
    static const char msg[] = "Bail out! test timed out\n";
    killLeftovers();
    if (write(1, msg, sizeof(msg) - 1) < 0) {
        /* nothing more to do */
    }
    _exit(1);
}

static void removeTree(const char *path)
{
    char *cmd = malloc(strlen(path) + 16);
    sprintf(cmd, "rm -rf '%s'", path);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", path);
    free(cmd);
}

static void envCleanup(void)
{
    killLeftovers();
    if (envRoot[0] && !getenv("QEMU_TEST_KEEP"))
        removeTree(envRoot);
}

/* A private session; the whole program gets `seconds` to run. */
static void envSetup(int seconds)
{
    char p[512];
    snprintf(envRoot, sizeof(envRoot), "/tmp/qemu-test.XXXXXX");
    if (!mkdtemp(envRoot)) {
        perror("mkdtemp");
        exit(1);
    }
    setenv("HOME", envRoot, 1);
    envPath(p, sizeof(p), "config");
    setenv("XDG_CONFIG_HOME", p, 1);
    envPath(p, sizeof(p), "runtime");
    mkdir(p, 0700);
    setenv("XDG_RUNTIME_DIR", p, 1);
    envPath(p, sizeof(p), "cache");
    setenv("XDG_CACHE_HOME", p, 1);
    atexit(envCleanup);
    signal(SIGALRM, onAlarm);
    alarm((unsigned) seconds);
}

/* Build (or find) the test guest; a clear failure when the script is absent. */
static int guestBuild(void)
{
    const char *src = getenv("SOURCE_ROOT"), *build = getenv("BUILD_ROOT");
    char script[4096], cmd[12288];
    snprintf(script, sizeof(script), "%s/../shared/guest/make-test-guest.sh", src ? src : "..");
    snprintf(guestDir, sizeof(guestDir), "%s/tests/qemu/guest-cache", build ? build : "/tmp");
    if (access(script, X_OK) != 0) {
        printf("Bail out! the test guest script %s is missing (CI keeps ../shared beside the checkout)\n",
               script);
        return -1;
    }
    snprintf(cmd, sizeof(cmd), "TG_EXTRA_MODULES=virtio_blk '%s' '%s' >&2", script, guestDir);
    if (system(cmd) != 0) {
        printf("Bail out! %s failed\n", script);
        return -1;
    }
    return 0;
}

/* Open a pty slave in raw mode (no echo back into the guest). */
static int ptyOpen(const char *path)
{
    int fd = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC);
    struct termios t;
    if (fd >= 0 && tcgetattr(fd, &t) == 0) {
        cfmakeraw(&t);
        tcsetattr(fd, TCSANOW, &t);
    }
    return fd;
}

/* Read from fd until needle appears; 0 when it did within ms. */
static int ptyWaitFor(int fd, const char *needle, int ms)
{
    static char buf[1 << 16];
    size_t len = 0;
    struct timespec t0, t;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (;;) {
        clock_gettime(CLOCK_MONOTONIC, &t);
        long el = (t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000;
        if (el >= ms)
            return -1;
        struct pollfd p = { .fd = fd, .events = POLLIN };
        if (poll(&p, 1, (int) (ms - el)) <= 0)
            continue;
        if (len > sizeof(buf) / 2) {
            memmove(buf, buf + len - 1024, 1024);
            len = 1024;
        }
        ssize_t n = read(fd, buf + len, sizeof(buf) - len - 1);
        if (n <= 0)
            return -1;
        len += (size_t) n;
        buf[len] = '\0';
        if (memmem(buf, len, needle, strlen(needle)))
            return 0;
    }
}

static bool pidAlive(int pid)
{
    char path[64], st = 0;
    snprintf(path, sizeof(path), "/proc/%d/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return false;
    if (fscanf(f, "%*d (%*[^)]) %c", &st) != 1)
        st = 0;
    fclose(f);
    return st && st != 'Z';
}

/* Number of running QEMUs with our run folder on their command line. */
static int countOurQemus(void)
{
    DIR *d = opendir("/proc");
    struct dirent *e;
    int n = 0;
    while (d && (e = readdir(d))) {
        int pid = atoi(e->d_name);
        if (pid <= 0)
            continue;
        char path[64];
        snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
        FILE *f = fopen(path, "r");
        if (!f)
            continue;
        char buf[8192];
        size_t len = fread(buf, 1, sizeof(buf) - 1, f);
        fclose(f);
        for (size_t i = 0; i < len; i++)
            if (!buf[i])
                buf[i] = ' ';
        buf[len] = '\0';
        if (strstr(buf, "qemu-system") && strstr(buf, envRoot) && pidAlive(pid))
            n++;
    }
    if (d)
        closedir(d);
    return n;
}

/* Sleep ms milliseconds. */
static void msleep(int ms)
{
    struct timespec ts = { ms / 1000, (long) (ms % 1000) * 1000000 };
    nanosleep(&ts, NULL);
}

/* Wait until dom reaches state; 0 when it did within ms. */
static int waitState(virDomainPtr dom, int want, int ms)
{
    for (int i = 0; i < ms / 20; i++) {
        int st = -1, reason;
        if (virDomainGetState(dom, &st, &reason, 0) == 0 && st == want)
            return 0;
        msleep(20);
    }
    return -1;
}

/* The tty attribute of the first <console> of the live XML (caller frees). */
static char *consoleTty(virDomainPtr dom)
{
    char *xml = virDomainGetXMLDesc(dom, 0);
    char *c = xml ? strstr(xml, "<console") : NULL;
    char *tty = c ? strstr(c, "tty='") : NULL;
    char *out = NULL;
    if (tty) {
        tty += 5;
        out = strndup(tty, strcspn(tty, "'"));
    }
    free(xml);
    return out;
}

static char *guestXML(const char *name, const char *uuid, const char *extra_devices)
{
    char *xml = NULL;
    if (asprintf(&xml,
             "<domain type='qemu'>\n"
             "  <name>%s</name>\n"
             "  <uuid>%s</uuid>\n"
             "  <memory>196608</memory>\n"
             "  <vcpu>1</vcpu>\n"
             "  <os>\n"
             "    <type arch='x86_64' machine='pc'>hvm</type>\n"
             "    <kernel>%s/vmlinuz</kernel>\n"
             "    <initrd>%s/initramfs.cpio.gz</initrd>\n"
             "    <cmdline>console=ttyS0 panic=-1 quiet cryptomgr.notests</cmdline>\n"
             "  </os>\n"
             "  <features><acpi/></features>\n"
             "  <devices>\n"
             "    <serial type='pty'><target port='0'/></serial>\n"
             "    <console type='pty'><target type='serial' port='0'/></console>\n"
             "%s"
             "  </devices>\n"
             "</domain>\n", name, uuid, guestDir, guestDir, extra_devices ? extra_devices : "") < 0)
        return NULL;
    return xml;
}

#endif /* QEMU_GUEST_ENV_H */
