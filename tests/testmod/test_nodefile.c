/* test_nodefile.c: test:///PATH.xml hosts: node facts, inline and
 * file-referenced objects, authentication, and broken files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testmod_util.h"

static char *dataURI(const char *file)
{
    char *uri = NULL;
    const char *src = getenv("SOURCE_ROOT");
    if (asprintf(&uri, "test://%s/tests/testmod/data/%s", src ? src : ".", file) < 0)
        abort();
    return uri;
}

static void testNodeFile(void)
{
    char *uri = dataURI("node.xml");
    virConnectPtr c = virConnectOpen(uri);
    virNodeInfo ni;
    CHECK(c != NULL);
    if (!c)
        goto out;
    CHECK(virNodeGetInfo(c, &ni) == 0);
    CHECK_STR(ni.model, "i986");
    CHECK(ni.memory == 8192000 && ni.cpus == 50 && ni.mhz == 6000);
    CHECK(ni.nodes == 4 && ni.sockets == 4 && ni.cores == 4 && ni.threads == 2);
    CHECK(virConnectNumOfDomains(c) == 2);
    virDomainPtr d = virDomainLookupByName(c, "inline");
    CHECK(d && virDomainGetID(d) == 1 && virDomainGetMaxVcpus(d) == 4);
    if (d) {
        /* 50 host cpus: 7-byte maps */
        virVcpuInfo vi[4];
        unsigned char maps[4 * 7];
        CHECK(virDomainGetVcpus(d, vi, 4, maps, 7) == 4);
        CHECK(maps[6] == 0x03);
        virDomainFree(d);
    }
    d = virDomainLookupByName(c, "fromfile");
    CHECK(d && virDomainGetID(d) == 2);
    if (d)
        virDomainFree(d);
    virNetworkPtr n = virNetworkLookupByName(c, "filenet");
    CHECK(n != NULL);
    if (n) {
        char *br = virNetworkGetBridgeName(n);
        CHECK_STR(br, "br9");
        free(br);
        virNetworkFree(n);
    }
    char *got = virConnectGetURI(c);
    CHECK_STR(got, uri);
    free(got);
    CHECK(virConnectNumOfNetworks(c) == 1);

    /* Each connection to a node file has a host of its own. */
    virConnectPtr other = virConnectOpen(uri);
    d = virDomainLookupByName(c, "inline");
    CHECK(d && virDomainDestroy(d) == 0);
    if (d)
        virDomainFree(d);
    CHECK(other && virConnectNumOfDomains(other) == 2);
    if (other)
        virConnectClose(other);
    virConnectClose(c);
 out:
    free(uri);
}

static void testBadFiles(void)
{
    const char *files[] = { "missing.xml", "node-badroot.xml", "node-malformed.xml" };
    virSetErrorFunc(NULL, testmodQuiet);
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        char *uri = dataURI(files[i]);
        CHECK(virConnectOpen(uri) == NULL);
        virErrorPtr e = virGetLastError();
        CHECK(e && e->message && strstr(e->message, files[i]));
        virResetLastError();
        free(uri);
    }
}

typedef struct {
    const char *user, *password;
    int asked;
} answers;

static int authCallback(virConnectCredentialPtr cred, unsigned int ncred, void *cbdata)
{
    answers *a = cbdata;
    for (unsigned int i = 0; i < ncred; i++) {
        const char *v = NULL;
        if (cred[i].type == VIR_CRED_AUTHNAME)
            v = a->user;
        else if (cred[i].type == VIR_CRED_PASSPHRASE)
            v = a->password;
        a->asked |= 1 << cred[i].type;
        if (!v)
            return -1;
        cred[i].result = strdup(v);
        cred[i].resultlen = strlen(v);
    }
    return 0;
}

static virConnectPtr openWith(const char *uri, answers *a)
{
    int types[] = { VIR_CRED_AUTHNAME, VIR_CRED_PASSPHRASE };
    virConnectAuth auth = { types, 2, authCallback, a };
    return virConnectOpenAuth(uri, &auth, 0);
}

static void testAuth(void)
{
    char *uri = dataURI("node-auth.xml");
    answers good = { "alice", "secret", 0 };
    answers wrongPass = { "alice", "wrong", 0 };
    answers wrongUser = { "bob", "secret", 0 };
    answers none = { "alice", NULL, 0 };
    virSetErrorFunc(NULL, testmodQuiet);

    virConnectPtr c = openWith(uri, &good);
    CHECK(c != NULL);
    CHECK(good.asked == ((1 << VIR_CRED_AUTHNAME) | (1 << VIR_CRED_PASSPHRASE)));
    if (c)
        virConnectClose(c);
    CHECK_ERR(openWith(uri, &wrongPass) == NULL, VIR_ERR_AUTH_FAILED);
    CHECK_ERR(openWith(uri, &wrongUser) == NULL, VIR_ERR_AUTH_FAILED);
    CHECK_ERR(openWith(uri, &none) == NULL, VIR_ERR_AUTH_FAILED);
    CHECK(virConnectOpen(uri) == NULL);
    virResetLastError();
    free(uri);
}

int main(void)
{
    TEST_RUN(testNodeFile);
    TEST_RUN(testBadFiles);
    TEST_RUN(testAuth);
    TEST_DONE();
}
