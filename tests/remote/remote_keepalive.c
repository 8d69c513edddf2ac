/* remote_keepalive.c URI PIDFILE: virConnectSetKeepAlive against a real
 * daemon. With keepalive on, a connection with no calls stays alive (the
 * daemon answers the PINGs); once the daemon is frozen (SIGSTOP, the
 * socket still open) a call fails within interval * (count + 1) seconds
 * with an error that says why, instead of waiting forever. The daemon is
 * thawed before exit. Exit 0 when every step holds; prints why not. */
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

static int failures;

#define EXPECT(cond, ...)                  \
    do {                                   \
        if (!(cond)) {                     \
            printf(__VA_ARGS__);           \
            printf(" (%s)\n", virGetLastErrorMessage()); \
            failures++;                    \
        }                                  \
    } while (0)

static void quiet(void *data, virErrorPtr err)
{
    (void) data;
    (void) err;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double) t.tv_sec + (double) t.tv_nsec / 1e9;
}

/* SIGSTOP takes effect asynchronously: wait until every thread of pid is
 * stopped, so that no worker answers one more call. */
static int waitStopped(int pid)
{
    char dir[64];
    snprintf(dir, sizeof(dir), "/proc/%d/task", pid);
    for (int tries = 0; tries < 200; tries++) {
        DIR *d = opendir(dir);
        struct dirent *e;
        int running = 0, seen = 0;
        while (d && (e = readdir(d))) {
            if (e->d_name[0] == '.')
                continue;
            char path[400], buf[512];
            snprintf(path, sizeof(path), "%s/%s/stat", dir, e->d_name);
            FILE *f = fopen(path, "r");
            size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;
            if (f)
                fclose(f);
            buf[n] = '\0';
            char *close = strrchr(buf, ')');   /* the state follows "(comm) " */
            seen++;
            if (!close || (close[2] != 'T' && close[2] != 't'))
                running++;
        }
        if (d)
            closedir(d);
        if (seen && !running)
            return 0;
        usleep(10000);
    }
    return -1;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: remote_keepalive URI PIDFILE\n");
        return 2;
    }
    FILE *f = fopen(argv[2], "r");
    int pid = 0;
    if (!f || fscanf(f, "%d", &pid) != 1 || pid <= 1) {
        printf("cannot read the daemon's pid from %s\n", argv[2]);
        return 1;
    }
    fclose(f);
    virSetErrorFunc(NULL, quiet);
    virConnectPtr c = virConnectOpen(argv[1]);
    if (!c) {
        printf("cannot open %s: %s\n", argv[1], virGetLastErrorMessage());
        return 1;
    }
    EXPECT(virConnectSetKeepAlive(c, 1, 2) == 0, "virConnectSetKeepAlive(1, 2) failed");

    /* quiet for longer than the dead line: the PONGs keep it alive */
    sleep(4);
    EXPECT(virConnectIsAlive(c) == 1 && virConnectNumOfDomains(c) >= 0,
           "an idle connection with keepalive did not stay alive");

    /* a frozen daemon: the call ends by keepalive, not by waiting forever */
    kill(pid, SIGSTOP);
    EXPECT(waitStopped(pid) == 0, "the daemon did not stop");
    double t0 = now();
    int n = virConnectNumOfDomains(c);
    double took = now() - t0;
    EXPECT(n < 0, "a call to a frozen daemon succeeded");
    EXPECT(strstr(virGetLastErrorMessage(), "keepalive") != NULL,
           "the error does not say keepalive");
    EXPECT(took < 10.0, "the call took %.1f s to fail", took);
    EXPECT(virConnectIsAlive(c) == 0, "the connection still claims to be alive");
    kill(pid, SIGCONT);
    virConnectClose(c);

    /* switched off again, nothing is sent and nothing breaks */
    c = virConnectOpen(argv[1]);
    EXPECT(c && virConnectSetKeepAlive(c, 1, 1) == 0 && virConnectSetKeepAlive(c, 0, 0) == 0,
           "keepalive could not be switched on and off");
    if (c) {
        sleep(3);
        EXPECT(virConnectNumOfDomains(c) >= 0, "a connection without keepalive broke");
        virConnectClose(c);
    }
    printf("frozen daemon detected after %.1f s, %d failures\n", took, failures);
    return failures ? 1 : 0;
}
