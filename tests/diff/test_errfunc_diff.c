/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test_errfunc_diff.c: what libvirt's default error handler prints on
 * stderr for errors of several domains (the domain's name, the level, the
 * object, the message), compiled against Debian's headers and run on our
 * libvirt.so.0 and on Debian's with the same expectations. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

static int count, failed;

/* Run step with stderr sent to a temporary file; answer what it printed. */
static char *captureStderr(void (*step)(virConnectPtr), virConnectPtr conn)
{
    static char buf[4096];
    FILE *tmp = tmpfile();
    int saved = dup(STDERR_FILENO);
    size_t n;

    fflush(stderr);
    dup2(fileno(tmp), STDERR_FILENO);
    step(conn);
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    rewind(tmp);
    n = fread(buf, 1, sizeof(buf) - 1, tmp);
    buf[n] = '\0';
    fclose(tmp);
    return buf;
}

static void expect(const char *what, const char *got, const char *want)
{
    int ok = strcmp(got, want) == 0;
    count++;
    failed += !ok;
    printf("%sok %d - %s\n", ok ? "" : "not ", count, what);
    if (!ok) {
        printf("#   got:  ");
        for (const char *p = got; *p; p++)
            *p == '\n' ? printf("\\n") : putchar(*p);
        printf("\n#   want: ");
        for (const char *p = want; *p; p++)
            *p == '\n' ? printf("\\n") : putchar(*p);
        printf("\n");
    }
    fflush(stdout);
}

static void missingDomain(virConnectPtr c) { virDomainLookupByName(c, "nope"); }
static void missingNetwork(virConnectPtr c) { virNetworkLookupByName(c, "nope"); }
static void badXML(virConnectPtr c) { virDomainDefineXML(c, "<domain"); }
static void noName(virConnectPtr c) { virNetworkDefineXML(c, "<network/>"); }
static void running(virConnectPtr c)
{
    virDomainPtr d = virDomainLookupByName(c, "test");
    virDomainCreate(d);
    virDomainFree(d);
}
static void readOnly(virConnectPtr c)
{
    (void) c;
    virConnectPtr ro = virConnectOpenReadOnly("test:///default");
    virDomainPtr d = virDomainLookupByName(ro, "test");
    virDomainDestroy(d);
    virDomainFree(d);
    virConnectClose(ro);
}
static void nullDomain(virConnectPtr c) { (void) c; virDomainGetName(NULL); }
static void nullConn(virConnectPtr c) { (void) c; virConnectNumOfDomains(NULL); }
static void nullNetwork(virConnectPtr c) { (void) c; virNetworkGetName(NULL); }
static void nullPool(virConnectPtr c) { (void) c; virStoragePoolGetName(NULL); }
static void nullConnHost(virConnectPtr c) { (void) c; virConnectGetType(NULL); }
static void negativeID(virConnectPtr c) { virDomainLookupByID(c, -1); }
static void noSupport(virConnectPtr c)
{
    virNetworkPtr n = virNetworkLookupByName(c, "default");
    virNetworkPortPtr *ports = NULL;
    virNetworkListAllPorts(n, &ports, 0);
    virNetworkFree(n);
}

int main(void)
{
    static const struct {
        const char *what;
        void (*step)(virConnectPtr);
        const char *want;
    } rows[] = {
        { "missing domain", missingDomain, "libvirt: Test Driver error : Domain not found\n" },
        { "missing network", missingNetwork, "libvirt: Test Driver error : Network not found: no network with matching name 'nope'\n" },
        { "XML not well formed", badXML, "libvirt: Domain Config error : (domain_definition):1: Couldn't find end of Start Tag domain line 1\n<domain\n-------^\n" },
        { "document without a name", noName, "libvirt: Network Driver error : missing name information\n" },
        { "start a running domain", running, "libvirt: Test Driver error : internal error: Domain 'test' is already running\n" },
        { "read-only refusal", readOnly, "libvirt: Domain Config error : operation forbidden: read only access prevents virDomainDestroy\n" },
        { "NULL domain handle", nullDomain, "libvirt: Domain error : invalid domain pointer in virDomainGetName\n" },
        { "NULL connection", nullConn, "libvirt: Domain Config error : invalid connection pointer in virConnectNumOfDomains\n" },
        { "NULL network handle", nullNetwork, "libvirt: Network Driver error : invalid network pointer in virNetworkGetName\n" },
        { "NULL storage pool handle", nullPool, "libvirt: Storage Driver error : invalid storage pool pointer in virStoragePoolGetName\n" },
        { "NULL connection, host call", nullConnHost, "libvirt: Domain Config error : invalid connection pointer in virConnectGetType\n" },
        { "negative id", negativeID, "libvirt: Domain Config error : id in virDomainLookupByID must be zero or greater\n" },
        { "unsupported call", noSupport, "libvirt: Network Driver error : this function is not supported by the connection driver: virNetworkListAllPorts\n" },
    };
    virConnectPtr conn = virConnectOpen("test:///default");
    if (!conn) {
        printf("Bail out! cannot open test:///default\n");
        return 1;
    }
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
        expect(rows[i].what, captureStderr(rows[i].step, conn), rows[i].want);
    virConnectClose(conn);
    printf("1..%d\n", count);
    return failed ? 1 : 0;
}
