/* remote_api.c: every public function of the seeds, through the remote
 * module, against a daemon serving test:///default.
 *
 * Usage: remote_api URI [TAG]
 * URI names the daemon (test+unix://..., test+tcp://..., ...); TAG makes
 * the names of the objects this run creates unique, so that several runs
 * against one daemon (whose test:///default is shared) do not collide.
 * Every object created is removed again. Works against our libvirtd and
 * against Debian's. */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

static virConnectPtr conn;
static const char *uri;
static const char *tag = "t";

static void quiet(void *data, virErrorPtr err) { (void) data; (void) err; }

static char *domXML(const char *name)
{
    static char buf[1024];
    snprintf(buf, sizeof(buf),
             "<domain type='test'><name>%s</name><memory>65536</memory>"
             "<currentMemory>65536</currentMemory><vcpu>2</vcpu>"
             "<os><type>hvm</type></os></domain>", name);
    return buf;
}

static char *netXML(const char *name)
{
    static char buf[1024];
    snprintf(buf, sizeof(buf),
             "<network><name>%s</name><bridge name='vr%.8s'/>"
             "<ip address='192.168.213.1' netmask='255.255.255.0'/></network>", name, tag);
    return buf;
}

static void testHost(void)
{
    unsigned long ver = 0;
    virNodeInfo info;
    const char *type = virConnectGetType(conn);
    CHECK_STR(type, "TEST");
    CHECK(virConnectGetType(conn) == type);          /* kept, not leaked per call */
    CHECK(virConnectGetVersion(conn, &ver) == 0 && ver > 0);
    char *host = virConnectGetHostname(conn);
    CHECK(host && *host);
    free(host);
    CHECK(virConnectGetMaxVcpus(conn, NULL) > 0);
    CHECK(virNodeGetInfo(conn, &info) == 0);
    CHECK(info.cpus > 0 && info.memory > 0 && info.model[0]);
    char *caps = virConnectGetCapabilities(conn);
    CHECK(caps && strstr(caps, "<capabilities>"));
    free(caps);
    CHECK(virConnectIsAlive(conn) == 1);
    CHECK(virConnectIsSecure(conn) >= 0);
    CHECK(virConnectIsEncrypted(conn) == (strstr(uri, "+tls") || strncmp(uri, "test://", 7) == 0 ? 1 : 0));
    char *u = virConnectGetURI(conn);
    CHECK(u != NULL);
    free(u);
}

static void testDomainLists(void)
{
    int ids[16];
    char *names[16];
    virDomainPtr *doms = NULL;
    int n = virConnectNumOfDomains(conn);
    CHECK(n >= 1);
    CHECK(virConnectListDomains(conn, ids, 16) == n);
    int nd = virConnectNumOfDefinedDomains(conn);
    CHECK(nd >= 0);
    int got = virConnectListDefinedDomains(conn, names, 16);
    CHECK(got == nd);
    for (int i = 0; i < got; i++)
        free(names[i]);
    int all = virConnectListAllDomains(conn, &doms, 0);
    CHECK(all == n + nd);
    bool sawTest = false;
    for (int i = 0; i < all; i++) {
        if (strcmp(virDomainGetName(doms[i]), "test") == 0)
            sawTest = true;
        virDomainFree(doms[i]);
    }
    free(doms);
    CHECK(sawTest);
    CHECK(virConnectListAllDomains(conn, NULL, 0) == all);
}

static void testDomainLookup(void)
{
    unsigned char uuid[VIR_UUID_BUFLEN];
    virDomainPtr d = virDomainLookupByName(conn, "test");
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK(virDomainGetID(d) == 1);
    CHECK(virDomainGetUUID(d, uuid) == 0);
    virDomainPtr byid = virDomainLookupByID(conn, 1);
    CHECK(byid && strcmp(virDomainGetName(byid), "test") == 0);
    virDomainPtr byuuid = virDomainLookupByUUID(conn, uuid);
    CHECK(byuuid && strcmp(virDomainGetName(byuuid), "test") == 0);
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    CHECK(virDomainGetUUIDString(d, uuidstr) == 0);
    CHECK_STR(uuidstr, "6695eb01-f6a4-8304-79aa-97f2502e193f");
    if (byid)
        virDomainFree(byid);
    if (byuuid)
        virDomainFree(byuuid);
    virDomainFree(d);
}

/* A remote error arrives as if raised locally: code, domain, message. */
static void testRemoteError(void)
{
    virResetLastError();
    virDomainPtr d = virDomainLookupByName(conn, "no-such-domain");
    CHECK(d == NULL);
    virErrorPtr e = virGetLastError();
    CHECK(e != NULL);
    if (!e)
        return;
    CHECK(e->code == VIR_ERR_NO_DOMAIN);
    CHECK(e->domain == VIR_FROM_TEST);
    CHECK(e->message && strncmp(e->message, "Domain not found", 16) == 0);
    CHECK(e->message && !strstr(e->message + 1, "Domain not found"));   /* not doubled */
    virNetworkPtr n = virNetworkLookupByName(conn, "no-such-network");
    CHECK(n == NULL);
    e = virGetLastError();
    CHECK(e && e->code == VIR_ERR_NO_NETWORK);
}

/* A migration's two connections must belong to the same driver module:
 * a daemon connection and an in-process test:///default one refuse each
 * other (the core tells each module which connections are its own). */
static void testMigrateForeign(void)
{
    virConnectPtr local = virConnectOpen("test:///default");
    virDomainPtr there = virDomainLookupByName(conn, "test");
    virDomainPtr here = local ? virDomainLookupByName(local, "test") : NULL;
    virErrorPtr e;
    CHECK(local && there && here);
    if (!local || !there || !here)
        goto cleanup;
    CHECK(virDomainMigrate(there, local, VIR_MIGRATE_LIVE, NULL, NULL, 0) == NULL);
    CHECK((e = virGetLastError()) && e->code == VIR_ERR_ARGUMENT_UNSUPPORTED);
    CHECK(virDomainMigrate(here, conn, VIR_MIGRATE_LIVE, NULL, NULL, 0) == NULL);
    CHECK((e = virGetLastError()) && e->code == VIR_ERR_OPERATION_INVALID &&
          strstr(e->message, "not a test driver connection"));
    CHECK(virDomainIsActive(there) == 1 && virDomainIsActive(here) == 1);
 cleanup:
    if (there)
        virDomainFree(there);
    if (here)
        virDomainFree(here);
    if (local)
        virConnectClose(local);
}

static void testDomainInfo(void)
{
    virDomainPtr d = virDomainLookupByName(conn, "test");
    virDomainInfo info;
    int state = -1, reason = -1, autostart = -1;
    if (!d) {
        CHECK(d != NULL);
        return;
    }
    CHECK(virDomainGetInfo(d, &info) == 0);
    CHECK(info.state == VIR_DOMAIN_RUNNING && info.nrVirtCpu == 2 && info.maxMem == 8388608);
    CHECK(virDomainGetState(d, &state, &reason, 0) == 0 && state == VIR_DOMAIN_RUNNING);
    CHECK(virDomainGetState(d, &state, NULL, 0) == 0);
    char *xml = virDomainGetXMLDesc(d, 0);
    CHECK(xml && strstr(xml, "<name>test</name>"));
    free(xml);
    char *os = virDomainGetOSType(d);
    CHECK_STR(os, "linux");
    free(os);
    CHECK(virDomainGetMaxMemory(d) == 8388608);
    CHECK(virDomainGetMaxVcpus(d) >= 2);
    CHECK(virDomainGetAutostart(d, &autostart) == 0 && autostart == 0);
    CHECK(virDomainIsActive(d) == 1);
    CHECK(virDomainIsPersistent(d) == 1);
    int nparams = 0;
    char *sched = virDomainGetSchedulerType(d, &nparams);
    CHECK_STR(sched, "fair");
    CHECK(nparams == 1);
    free(sched);
    virTypedParameter params[4];
    nparams = 4;
    CHECK(virDomainGetSchedulerParameters(d, params, &nparams) == 0);
    CHECK(nparams == 1 && strcmp(params[0].field, "weight") == 0 &&
          params[0].type == VIR_TYPED_PARAM_UINT);
    virVcpuInfo vinfo[4];
    unsigned char maps[4 * 1];
    int nv = virDomainGetVcpus(d, vinfo, 4, maps, 1);
    CHECK(nv == 2);
    CHECK(nv < 1 || vinfo[0].state == VIR_VCPU_RUNNING);
    virDomainBlockStatsStruct bs;
    CHECK(virDomainBlockStats(d, "vda", &bs, sizeof(bs)) == 0 || virGetLastError()->code != VIR_ERR_RPC);
    virDomainInterfaceStatsStruct is;
    CHECK(virDomainInterfaceStats(d, "vnet0", &is, sizeof(is)) == 0 ||
          virGetLastError()->code != VIR_ERR_RPC);
    virDomainFree(d);
}

static void testDomainLifecycle(void)
{
    char name[64];
    snprintf(name, sizeof(name), "remote-%s", tag);
    virDomainPtr d = virDomainDefineXML(conn, domXML(name));
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK(virDomainIsActive(d) == 0 && virDomainGetID(d) == (unsigned int) -1);
    CHECK(virDomainSetAutostart(d, 1) == 0);
    int autostart = 0;
    CHECK(virDomainGetAutostart(d, &autostart) == 0 && autostart == 1);
    CHECK(virDomainSetAutostart(d, 0) == 0);
    CHECK(virDomainSetMaxMemory(d, 131072) == 0);
    CHECK(virDomainGetMaxMemory(d) == 131072);
    CHECK(virDomainCreate(d) == 0);
    CHECK(virDomainIsActive(d) == 1);
    CHECK((int) virDomainGetID(d) > 0);
    CHECK(virDomainSetMemory(d, 65536) == 0);
    CHECK(virDomainSetVcpus(d, 1) == 0);
    unsigned char map = 1;
    CHECK(virDomainPinVcpu(d, 0, &map, 1) == 0);
    virTypedParameter p;
    memset(&p, 0, sizeof(p));
    strcpy(p.field, "weight");
    p.type = VIR_TYPED_PARAM_UINT;
    p.value.ui = 77;
    CHECK(virDomainSetSchedulerParameters(d, &p, 1) == 0);
    int np = 1;
    CHECK(virDomainGetSchedulerParameters(d, &p, &np) == 0 && np == 1);
    CHECK(virDomainSuspend(d) == 0);
    virDomainInfo info;
    CHECK(virDomainGetInfo(d, &info) == 0 && info.state == VIR_DOMAIN_PAUSED);
    CHECK(virDomainResume(d) == 0);
    CHECK(virDomainReboot(d, 0) == 0);
    char path[256];
    snprintf(path, sizeof(path), "/tmp/remote-api-%s-%d.save", tag, (int) getpid());
    CHECK(virDomainCoreDump(d, path, 0) == 0);
    unlink(path);
    CHECK(virDomainSave(d, path) == 0);
    CHECK(virDomainIsActive(d) == 0);
    CHECK(virDomainRestore(conn, path) == 0);
    unlink(path);
    CHECK(virDomainIsActive(d) == 1);
    CHECK(virDomainShutdown(d) == 0);
    CHECK(virDomainIsActive(d) == 0);
    CHECK(virDomainUndefine(d) == 0);
    virDomainFree(d);
    /* Once undefined it is gone: a remote error again. */
    CHECK(virDomainLookupByName(conn, name) == NULL);
    CHECK(virGetLastError() && virGetLastError()->code == VIR_ERR_NO_DOMAIN);
}

static void testDomainTransient(void)
{
    char name[64];
    snprintf(name, sizeof(name), "remote-tr-%s", tag);
    virDomainPtr d = virDomainCreateXML(conn, domXML(name), 0);
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK(virDomainIsActive(d) == 1 && virDomainIsPersistent(d) == 0);
    CHECK(virDomainDestroy(d) == 0);
    CHECK(virDomainLookupByName(conn, name) == NULL);
    virDomainFree(d);
    virDomainPtr linux_ = virDomainCreateLinux(conn, domXML(name), 0);
    CHECK(linux_ != NULL);
    if (linux_) {
        CHECK(virDomainDestroy(linux_) == 0);
        virDomainFree(linux_);
    }
}

static void testNetworks(void)
{
    char *names[16];
    virNetworkPtr *nets = NULL;
    unsigned char uuid[VIR_UUID_BUFLEN];
    int n = virConnectNumOfNetworks(conn);
    CHECK(n >= 1);
    int got = virConnectListNetworks(conn, names, 16);
    CHECK(got == n);
    for (int i = 0; i < got; i++)
        free(names[i]);
    int nd = virConnectNumOfDefinedNetworks(conn);
    CHECK(nd >= 0);
    got = virConnectListDefinedNetworks(conn, names, 16);
    CHECK(got == nd);
    for (int i = 0; i < got; i++)
        free(names[i]);
    int all = virConnectListAllNetworks(conn, &nets, 0);
    CHECK(all == n + nd);
    for (int i = 0; i < all; i++)
        virNetworkFree(nets[i]);
    free(nets);

    virNetworkPtr def = virNetworkLookupByName(conn, "default");
    CHECK(def != NULL);
    if (!def)
        return;
    CHECK(virNetworkGetUUID(def, uuid) == 0);
    virNetworkPtr byuuid = virNetworkLookupByUUID(conn, uuid);
    CHECK(byuuid && strcmp(virNetworkGetName(byuuid), "default") == 0);
    if (byuuid)
        virNetworkFree(byuuid);
    char *xml = virNetworkGetXMLDesc(def, 0);
    CHECK(xml && strstr(xml, "<name>default</name>"));
    free(xml);
    char *br = virNetworkGetBridgeName(def);
    CHECK_STR(br, "virbr0");
    free(br);
    int autostart = -1;
    CHECK(virNetworkGetAutostart(def, &autostart) == 0);
    CHECK(virNetworkIsActive(def) == 1 && virNetworkIsPersistent(def) == 1);
    virNetworkFree(def);

    char name[64];
    snprintf(name, sizeof(name), "rnet-%s", tag);
    virNetworkPtr net = virNetworkDefineXML(conn, netXML(name));
    CHECK(net != NULL);
    if (net) {
        CHECK(virNetworkSetAutostart(net, 1) == 0);
        CHECK(virNetworkCreate(net) == 0);
        CHECK(virNetworkIsActive(net) == 1);
        CHECK(virNetworkDestroy(net) == 0);
        CHECK(virNetworkSetAutostart(net, 0) == 0);
        CHECK(virNetworkUndefine(net) == 0);
        virNetworkFree(net);
    }
    net = virNetworkCreateXML(conn, netXML(name));
    CHECK(net != NULL);
    if (net) {
        CHECK(virNetworkIsPersistent(net) == 0);
        CHECK(virNetworkDestroy(net) == 0);
        virNetworkFree(net);
    }
}

/* Read-only connections are refused mutating calls (by the client's
 * core before anything is sent, and by the daemon's read-only socket). */
static void testReadOnly(void)
{
    virConnectPtr ro = virConnectOpenReadOnly(uri);
    CHECK(ro != NULL);
    if (!ro)
        return;
    virDomainPtr d = virDomainLookupByName(ro, "test");
    CHECK(d != NULL);
    if (d) {
        CHECK(virDomainSuspend(d) == -1);
        CHECK(virGetLastError() && virGetLastError()->code == VIR_ERR_OPERATION_DENIED);
        virDomainFree(d);
    }
    CHECK(virConnectNumOfDomains(ro) >= 1);
    CHECK(virConnectClose(ro) == 0);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s URI [TAG]\n", argv[0]);
        return 2;
    }
    uri = argv[1];
    if (argc > 2)
        tag = argv[2];
    virSetErrorFunc(NULL, quiet);
    conn = virConnectOpen(uri);
    if (!conn) {
        printf("Bail out! cannot open %s: %s\n", uri, virGetLastErrorMessage());
        return 1;
    }
    TEST_RUN(testHost);
    TEST_RUN(testDomainLists);
    TEST_RUN(testDomainLookup);
    TEST_RUN(testRemoteError);
    TEST_RUN(testMigrateForeign);
    TEST_RUN(testDomainInfo);
    TEST_RUN(testDomainLifecycle);
    TEST_RUN(testDomainTransient);
    TEST_RUN(testNetworks);
    TEST_RUN(testReadOnly);
    CHECK(virConnectClose(conn) == 0);
    TEST_DONE();
}
