/* test_conf.c: libvirt.conf parsing (white-box: conf.c), then aliases,
 * uri_default and LIBVIRT_DEFAULT_URI as virConnectOpen applies them,
 * with VIRT_CLIENT_CONFIG pointing at files written here and the fixture
 * modules (tests/modules/fixture.c) as targets. */
#include "fixture-env.h"
#include "harness.h"

#include "conf.h"
#include "internal.h"

static void quiet(void *data, virErrorPtr err)
{
    (void) data; (void) err;
}

static void testParseGood(void)
{
    const char *text =
        "# client configuration\n"
        "\n"
        "uri_aliases = [\n"
        "  \"hail=qemu+ssh://root@hail.cloud.example.com/system\",   # first\n"
        "  # a comment inside the list\n"
        "  'sleet=qemu+ssh://root@sleet.cloud.example.com/system',\n"
        "]\n"
        "uri_default = \"qemu:///system\"   # trailing comment\n"
        "max_clients = 20\n"
        "negative=-3;\n"
        "empty = []\n"
        "one = [ \"a\" ]\n"
        "uri_default = 'test:///default'\n";
    virtConf *conf = virtConfParse("mem.conf", text);
    CHECK(conf != NULL);
    if (!conf)
        return;
    const virtConfEntry *e = virtConfGet(conf, "uri_aliases");
    CHECK(e && e->type == VIRT_CONF_LIST && e->nlist == 2);
    if (e && e->nlist == 2) {
        CHECK_STR(e->list[0], "hail=qemu+ssh://root@hail.cloud.example.com/system");
        CHECK_STR(e->list[1], "sleet=qemu+ssh://root@sleet.cloud.example.com/system");
        CHECK(e->list[2] == NULL);
        CHECK(e->line == 3);
    }
    e = virtConfGet(conf, "uri_default");   /* the last one wins */
    CHECK(e && e->type == VIRT_CONF_STRING && e->line == 13);
    CHECK_STR(e ? e->str : NULL, "test:///default");
    e = virtConfGet(conf, "max_clients");
    CHECK(e && e->type == VIRT_CONF_INT && e->num == 20);
    e = virtConfGet(conf, "negative");
    CHECK(e && e->type == VIRT_CONF_INT && e->num == -3);
    e = virtConfGet(conf, "empty");
    CHECK(e && e->type == VIRT_CONF_LIST && e->nlist == 0);
    e = virtConfGet(conf, "one");
    CHECK(e && e->nlist == 1);
    CHECK(virtConfGet(conf, "missing") == NULL);
    virtConfFree(conf);

    conf = virtConfParse("empty.conf", "");
    CHECK(conf && conf->nentries == 0);
    virtConfFree(conf);
    conf = virtConfParse("comments.conf", "# only\n   # comments\n\n");
    CHECK(conf && conf->nentries == 0);
    virtConfFree(conf);
}

/* Each malformed text fails with VIR_ERR_CONF_SYNTAX naming file:line. */
static void testParseBad(void)
{
    static const struct {
        const char *text;
        const char *where;
    } bad[] = {
        { "uri_default \"x\"\n", "bad.conf:1:" },
        { "# c\n\nuri_default = \"unterminated\n", "bad.conf:3:" },
        { "a = 1\n= \"x\"\n", "bad.conf:2:" },
        { "uri_aliases = [\n  \"a=b:///\"\n  \"c=d:///\"\n]\n", "bad.conf:3:" },
        { "uri_aliases = [\n  \"a=b:///\",\n", "bad.conf:3:" },
        { "x = 1 2\n", "bad.conf:1:" },
        { "x = word\n", "bad.conf:1:" },
        { "x = [ 1 ]\n", "bad.conf:1:" },
        { "x = 99999999999999999999999\n", "bad.conf:1:" },
        { "x = 'mixed\"\n", "bad.conf:1:" },
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        virResetLastError();
        virtConf *conf = virtConfParse("bad.conf", bad[i].text);
        printf("# case %zu: %s\n", i, virGetLastErrorMessage());
        CHECK(conf == NULL);
        virtConfFree(conf);
        virErrorPtr e = virGetLastError();
        CHECK(e && e->code == VIR_ERR_CONF_SYNTAX && e->domain == VIR_FROM_CONF);
        CHECK(e && e->message && strstr(e->message, bad[i].where));
    }
    virResetLastError();
}

static void testReadFile(void)
{
    const char *dir = fixtureFolder("read");
    char path[1024];
    snprintf(path, sizeof(path), "%s/absent.conf", dir);
    virtConf *conf = virtConfRead(path, 1);
    CHECK(conf && conf->nentries == 0);
    virtConfFree(conf);
    conf = virtConfRead(path, 0);
    CHECK(conf == NULL);
    CHECK(virGetLastError() && virGetLastError()->code == VIR_ERR_OPEN_FAILED);
    CHECK(strstr(virGetLastErrorMessage(), path));
    fixtureWrite(dir, "x.conf", "uri_default = \"a:///\"\nbroken here\n");
    snprintf(path, sizeof(path), "%s/x.conf", dir);
    conf = virtConfRead(path, 1);
    CHECK(conf == NULL);
    char where[1100];
    snprintf(where, sizeof(where), "%s:2:", path);
    CHECK(strstr(virGetLastErrorMessage(), where));
    virResetLastError();
}

static char confPath[1024];

static void writeConfig(const char *text)
{
    const char *dir = fixtureFolder("client");
    fixtureWrite(dir, "libvirt.conf", "%s", text);
    snprintf(confPath, sizeof(confPath), "%s/libvirt.conf", dir);
    setenv("VIRT_CLIENT_CONFIG", confPath, 1);
}

/* Open name (with flags), expect success on uri, or failure with code. */
static void expectOpen(const char *name, unsigned int flags, const char *uri, int code)
{
    virResetLastError();
    virConnectPtr c = virConnectOpenAuth(name, NULL, flags);
    printf("# open %s -> %s\n", name ? name : "NULL", c ? "ok" : virGetLastErrorMessage());
    if (uri) {
        CHECK(c != NULL);
        char *got = c ? virConnectGetURI(c) : NULL;
        CHECK_STR(got, uri);
        free(got);
    } else {
        CHECK(c == NULL);
        CHECK(virGetLastError() && virGetLastError()->code == code);
    }
    if (c)
        CHECK(virConnectClose(c) == 0);
}

static void testAliases(void)
{
    writeConfig("uri_aliases = [\n"
                "  \"fix=fixgood:///ok\",\n"
                "  \"other_one-2=fixother:///ok\",\n"
                "  \"chain=fix\",\n"
                "]\n");
    expectOpen("fix", 0, "fixgood:///ok", 0);
    expectOpen("other_one-2", 0, "fixother:///ok", 0);
    /* not an alias: parsed as a URI, and it is not one */
    expectOpen("unknown", 0, NULL, VIR_ERR_INVALID_ARG);
    /* a name with characters outside a-zA-Z0-9_- is never looked up */
    expectOpen("fix.x", 0, NULL, VIR_ERR_INVALID_ARG);
    /* an alias target is not resolved again */
    expectOpen("chain", 0, NULL, VIR_ERR_INVALID_ARG);
    /* VIR_CONNECT_NO_ALIASES: the name is taken as it is */
    expectOpen("fix", VIR_CONNECT_NO_ALIASES, NULL, VIR_ERR_INVALID_ARG);
    CHECK(strstr(virGetLastErrorMessage(), "'fix'"));
    /* a full URI is never an alias */
    expectOpen("fixgood:///ok", 0, "fixgood:///ok", 0);
}

static void testAliasErrors(void)
{
    writeConfig("uri_aliases = [\n  \"bad.name=fixgood:///ok\",\n]\n");
    expectOpen("fix", 0, NULL, VIR_ERR_CONF_SYNTAX);
    CHECK(strstr(virGetLastErrorMessage(), confPath));
    CHECK(strstr(virGetLastErrorMessage(), "bad.name"));
    /* full URIs do not consult the aliases at all */
    expectOpen("fixgood:///ok", 0, "fixgood:///ok", 0);

    writeConfig("uri_aliases = [ \"noequals\" ]\n");
    expectOpen("fix", 0, NULL, VIR_ERR_CONF_SYNTAX);
    CHECK(strstr(virGetLastErrorMessage(), "noequals"));

    writeConfig("uri_aliases = \"fix=fixgood:///ok\"\n");
    expectOpen("fix", 0, NULL, VIR_ERR_CONF_SYNTAX);

    /* a syntax error anywhere in the file stops every open, naming file:line */
    writeConfig("uri_default = \"fixgood:///ok\"\n\nthis is wrong\n");
    expectOpen("fixgood:///ok", 0, NULL, VIR_ERR_CONF_SYNTAX);
    char where[1100];
    snprintf(where, sizeof(where), "%s:3:", confPath);
    CHECK(strstr(virGetLastErrorMessage(), where));
}

static void testDefaults(void)
{
    writeConfig("uri_default = \"fixgood:///ok\"\nuri_aliases = [ \"fix2=fixother:///ok\" ]\n");
    unsetenv("LIBVIRT_DEFAULT_URI");
    expectOpen(NULL, 0, "fixgood:///ok", 0);
    expectOpen("", 0, "fixgood:///ok", 0);
    /* the environment wins over the file, and may be an alias */
    setenv("LIBVIRT_DEFAULT_URI", "fixother:///ok", 1);
    expectOpen(NULL, 0, "fixother:///ok", 0);
    setenv("LIBVIRT_DEFAULT_URI", "fix2", 1);
    expectOpen(NULL, 0, "fixother:///ok", 0);
    /* an empty variable counts as unset */
    setenv("LIBVIRT_DEFAULT_URI", "", 1);
    expectOpen(NULL, 0, "fixgood:///ok", 0);
    unsetenv("LIBVIRT_DEFAULT_URI");

    writeConfig("uri_default = \"fix2\"\nuri_aliases = [ \"fix2=fixother:///ok\" ]\n");
    expectOpen(NULL, 0, "fixother:///ok", 0);

    writeConfig("uri_default = 3\n");
    expectOpen(NULL, 0, NULL, VIR_ERR_CONF_SYNTAX);
    CHECK(strstr(virGetLastErrorMessage(), confPath));
}

/* "xen" is the legacy name of xen:///. */
static void testLegacyXen(void)
{
    /* only the fixtures: no remote module to hand xen:/// to */
    const char *saved = getenv("VIRT_MODULE_MANIFESTS");
    char *keep = saved ? strdup(saved) : NULL;
    setenv("VIRT_MODULE_MANIFESTS", fixtureFolder("manifests"), 1);
    writeConfig("");
    expectOpen("xen", 0, NULL, VIR_ERR_NO_CONNECT);
    CHECK(strstr(virGetLastErrorMessage(), "'xen:///'"));
    if (keep)
        setenv("VIRT_MODULE_MANIFESTS", keep, 1);
    free(keep);
}

int main(void)
{
    fixtureInit();
    virSetErrorFunc(NULL, quiet);
    const char *dir = fixtureFolder("manifests");
    fixtureManifest(dir, "fixgood", NULL);
    fixtureManifest(dir, "fixother", NULL);
    fixtureUseFolders(dir, NULL);

    TEST_RUN(testParseGood);
    TEST_RUN(testParseBad);
    TEST_RUN(testReadFile);
    TEST_RUN(testAliases);
    TEST_RUN(testAliasErrors);
    TEST_RUN(testDefaults);
    TEST_RUN(testLegacyXen);
    TEST_DONE();
}
