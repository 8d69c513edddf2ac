/* test_uri.c: connection URIs split into their parts (white-box: uri.c).
 * Every example URI of the seeds' "Remote URIs" and "Connection URIs"
 * sections, plus IPv6 hosts, escaping and parameter edge cases. */
#include "harness.h"
#include "uri.h"

typedef struct {
    const char *uri;
    const char *driver, *transport, *user, *server;
    int port;
    const char *path;
    const char *params;   /* "name=value|name=value" after unescaping */
} uriCase;

static const uriCase cases[] = {
    { "xen:///", "xen", NULL, NULL, NULL, 0, "/", "" },
    { "qemu:///system", "qemu", NULL, NULL, NULL, 0, "/system", "" },
    { "qemu:///session", "qemu", NULL, NULL, NULL, 0, "/session", "" },
    { "test:///default", "test", NULL, NULL, NULL, 0, "/default", "" },
    { "test:///path/to/file.xml", "test", NULL, NULL, NULL, 0, "/path/to/file.xml", "" },
    { "xen://oirase/", "xen", NULL, NULL, "oirase", 0, "/", "" },
    { "remote://oirase/", "remote", NULL, NULL, "oirase", 0, "/", "" },
    { "xen+ssh://oirase/", "xen", "ssh", NULL, "oirase", 0, "/", "" },
    { "test+tcp://oirase/default", "test", "tcp", NULL, "oirase", 0, "/default", "" },
    { "qemu://oirase/system", "qemu", NULL, NULL, "oirase", 0, "/system", "" },
    { "xen+ssh://rjones@towada/", "xen", "ssh", "rjones", "towada", 0, "/", "" },
    { "xen+ssh://root@node.example.com/", "xen", "ssh", "root", "node.example.com", 0, "/", "" },
    { "qemu://node.example.com/system", "qemu", NULL, NULL, "node.example.com", 0, "/system", "" },
    { "xen://towada/?no_verify=1", "xen", NULL, NULL, "towada", 0, "/", "no_verify=1" },
    { "xen://node.example.com/?no_verify=1", "xen", NULL, NULL, "node.example.com", 0, "/",
      "no_verify=1" },
    { "qemu+unix:///system?socket=/opt/libvirt/run/libvirt/libvirt-sock", "qemu", "unix", NULL,
      NULL, 0, "/system", "socket=/opt/libvirt/run/libvirt/libvirt-sock" },
    { "test+tcp://localhost:5000/default", "test", "tcp", NULL, "localhost", 5000, "/default", "" },
    { "test+tcp://node.example.com:5000/default", "test", "tcp", NULL, "node.example.com", 5000,
      "/default", "" },
    /* IPv6 literals: brackets are URI syntax, not part of the host name */
    { "qemu+ssh://[::1]/system", "qemu", "ssh", NULL, "::1", 0, "/system", "" },
    { "test+tcp://[fe80::1]:16509/default", "test", "tcp", NULL, "fe80::1", 16509, "/default", "" },
    { "qemu+tls://alice@[2001:db8::5]:16514/system?pkipath=/tmp/pki", "qemu", "tls", "alice",
      "2001:db8::5", 16514, "/system", "pkipath=/tmp/pki" },
    /* escaped values, several parameters, '+' as space, unknown names kept */
    { "qemu+unix:///system?socket=%2Ftmp%2Fmy%20sock", "qemu", "unix", NULL, NULL, 0, "/system",
      "socket=/tmp/my sock" },
    { "test:///default?a=1&b=two&c", "test", NULL, NULL, NULL, 0, "/default", "a=1|b=two|c=" },
    { "qemu+ssh://u@h/system?keyfile=%7E%2Fk&no_tty=1;command=a+b&whatever=x%3Dy",
      "qemu", "ssh", "u", "h", 0, "/system", "keyfile=~/k|no_tty=1|command=a b|whatever=x=y" },
    { "remote:///?name=qemu%3A%2F%2F%2Fsystem", "remote", NULL, NULL, NULL, 0, "/",
      "name=qemu:///system" },
    { "xen:", "xen", NULL, NULL, NULL, 0, NULL, "" },
};

static void checkParams(const virtURI *u, const char *want)
{
    virtBuf b = { 0 };
    for (size_t i = 0; i < u->nparams; i++) {
        if (i)
            virtBufAdd(&b, "|");
        virtBufPrintf(&b, "%s=%s", u->params[i].name, u->params[i].value);
    }
    char *got = virtBufSteal(&b);
    CHECK_STR(got, want);
    free(got);
}

static void testExamples(void)
{
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const uriCase *c = &cases[i];
        printf("# %s\n", c->uri);
        virtOwnedURI *o = virtURIParse(c->uri);
        CHECK(o != NULL);
        if (!o)
            continue;
        const virtURI *u = &o->pub;
        CHECK_STR(u->original, c->uri);
        CHECK_STR(u->driver, c->driver);
#define CHECK_OPT(got, want) \
        do { if (want) CHECK_STR(got, want); else CHECK((got) == NULL); } while (0)
        CHECK_OPT(u->transport, c->transport);
        CHECK_OPT(u->user, c->user);
        CHECK_OPT(u->server, c->server);
        CHECK_OPT(u->path, c->path);
        CHECK(u->port == c->port);
        checkParams(u, c->params);
        virtURIFree(o);
    }
}

static void testGetParam(void)
{
    virtOwnedURI *o = virtURIParse("xen://h/?no_verify=1&x=%41");
    CHECK(o != NULL);
    if (!o)
        return;
    CHECK_STR(virtURIGetParam(&o->pub, "no_verify"), "1");
    CHECK_STR(virtURIGetParam(&o->pub, "x"), "A");
    CHECK(virtURIGetParam(&o->pub, "missing") == NULL);
    CHECK_STR(o->pub.query, "no_verify=1&x=%41");
    CHECK_STR(o->pub.scheme, "xen");
    virtURIFree(o);
}

/* Bad URIs give VIR_ERR_INVALID_ARG naming the URI. */
static void testInvalid(void)
{
    static const char *bad[] = { "no scheme here", "+ssh://host/", "qemu+://host/",
                                 "://host/", "qemu://[::1/system" };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        virResetLastError();
        virtOwnedURI *o = virtURIParse(bad[i]);
        printf("# %s -> %s\n", bad[i], virGetLastErrorMessage());
        CHECK(o == NULL);
        virtURIFree(o);
        virErrorPtr e = virGetLastError();
        CHECK(e && e->code == VIR_ERR_INVALID_ARG);
        CHECK(e && e->message && strstr(e->message, bad[i]));
    }
    virResetLastError();
}

int main(void)
{
    TEST_RUN(testExamples);
    TEST_RUN(testGetParam);
    TEST_RUN(testInvalid);
    TEST_DONE();
}
