/* remote_errors.c: opening a remote URI that must fail, and how.
 *
 * Usage: remote_errors URI CODE [TEXT]
 * Exits 0 when virConnectOpen(URI) fails with error code CODE (a
 * virErrorNumber, or "any") and, when given, a message containing TEXT.
 *
 * Usage: remote_errors --lost URI PIDFILE
 * Opens URI, kills the daemon named in PIDFILE, then expects the next
 * call to fail with VIR_ERR_SYSTEM_ERROR and the connection to be dead. */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void quiet(void *data, virErrorPtr err) { (void) data; (void) err; }

static int lost(const char *uri, const char *pidfile)
{
    virConnectPtr conn = virConnectOpen(uri);
    if (!conn) {
        printf("cannot open %s: %s\n", uri, virGetLastErrorMessage());
        return 1;
    }
    FILE *f = fopen(pidfile, "r");
    int pid = 0;
    if (!f || fscanf(f, "%d", &pid) != 1 || pid <= 0) {
        printf("no pid in %s\n", pidfile);
        return 1;
    }
    fclose(f);
    kill(pid, SIGKILL);
    usleep(200 * 1000);
    int rc = virConnectNumOfDomains(conn);
    virErrorPtr e = virGetLastError();
    int ok = rc == -1 && e && e->code == VIR_ERR_SYSTEM_ERROR && virConnectIsAlive(conn) == 0;
    printf("after the daemon died: rc=%d alive=%d error: %s\n", rc, virConnectIsAlive(conn),
           virGetLastErrorMessage());
    virConnectClose(conn);
    return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
    virSetErrorFunc(NULL, quiet);
    if (argc == 4 && strcmp(argv[1], "--lost") == 0)
        return lost(argv[2], argv[3]);
    if (argc < 3) {
        fprintf(stderr, "usage: %s URI CODE [TEXT]\n", argv[0]);
        return 2;
    }
    virConnectPtr conn = virConnectOpen(argv[1]);
    if (conn) {
        printf("opening %s succeeded, a failure was expected\n", argv[1]);
        virConnectClose(conn);
        return 1;
    }
    virErrorPtr e = virGetLastError();
    printf("error %d: %s\n", e ? e->code : -1, virGetLastErrorMessage());
    if (!e || (strcmp(argv[2], "any") != 0 && e->code != atoi(argv[2])))
        return 1;
    if (argc > 3 && (!e->message || !strstr(e->message, argv[3])))
        return 1;
    return 0;
}
