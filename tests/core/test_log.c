/* test_log.c: LIBVIRT_DEBUG, LIBVIRT_LOG_FILTERS and LIBVIRT_LOG_OUTPUTS
 * (black-box: libvirt.so.0 and the test module). The log reads its
 * settings once per process, so every case runs in a child process with
 * its own environment; the parent reads what the child logged. */
#include <fcntl.h>
#include <regex.h>
#include <stdbool.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

static char tmpdir[] = "/tmp/virt-log-XXXXXX";

static void quiet(void *data, virErrorPtr err)
{
    (void) data;
    (void) err;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return strdup("");
    char *buf = NULL;
    size_t cap = 0, len = 0;
    for (;;) {
        if (len + 4096 + 1 > cap)
            buf = realloc(buf, cap = cap * 2 + 8192);
        size_t n = fread(buf + len, 1, 4096, f);
        if (!n)
            break;
        len += n;
    }
    fclose(f);
    buf[len] = '\0';
    return buf;
}

/* Open and close uri in a child with the given "NAME=VALUE" settings (NULL
 * terminated); return what it wrote on stderr (caller frees). */
static char *runChild(const char *uri, const char *const *env)
{
    char errPath[256];
    snprintf(errPath, sizeof(errPath), "%s/stderr", tmpdir);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        int fd = open(errPath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(fd, STDERR_FILENO);
        close(fd);
        unsetenv("LIBVIRT_DEBUG");
        unsetenv("LIBVIRT_LOG_FILTERS");
        unsetenv("LIBVIRT_LOG_OUTPUTS");
        for (size_t i = 0; env && env[i]; i++)
            putenv((char *) env[i]);
        virSetErrorFunc(NULL, quiet);
        virConnectPtr c = virConnectOpen(uri);
        if (c) {
            virDomainPtr d = virDomainLookupByName(c, "test");   /* a public call */
            if (d)
                virDomainFree(d);
            virConnectClose(c);
        }
        _exit(c ? 0 : 3);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    return slurp(errPath);
}

static bool has(const char *text, const char *needle)
{
    if (strstr(text, needle))
        return true;
    printf("#   not in the log: '%s'\n", needle);
    return false;
}

/* Every step of open is in the debug log. */
static void debugShowsTheOpenPath(void)
{
    char conf[300], confSetting[400];
    snprintf(conf, sizeof(conf), "%s/libvirt.conf", tmpdir);
    FILE *f = fopen(conf, "w");
    fputs("uri_aliases = [\n  \"mytest=test:///default\",\n]\n", f);
    fclose(f);
    snprintf(confSetting, sizeof(confSetting), "VIRT_CLIENT_CONFIG=%s", conf);
    const char *env[] = { "LIBVIRT_DEBUG=1", confSetting, NULL };
    char *log = runChild("mytest", env);
    CHECK(has(log, "libvirt version: 9.0.0"));
    CHECK(has(log, "name=mytest"));
    CHECK(has(log, "reading client config "));
    CHECK(has(log, conf));
    CHECK(has(log, "alias 'mytest' resolves to 'test:///default'"));
    CHECK(has(log, "scanning manifest folder "));
    CHECK(has(log, "test.json: module 'test'"));
    CHECK(has(log, "scheme 'test' is claimed by module 'test'"));
    CHECK(has(log, "loading module 'test' from "));
    CHECK(has(log, "virt-module-test.so"));
    CHECK(has(log, "module 'test' says ABI "));
    CHECK(has(log, "loaded and checked"));
    CHECK(has(log, "opening module 'test' for roles"));
    CHECK(has(log, "connection 0x"));
    /* every public call, with its arguments, as libvirt logs them */
    CHECK(has(log, ": debug : virDomainLookupByName:"));
    CHECK(has(log, ", name=test\n"));
    /* libvirt's line format: "DATE TIME.mmm+0000: TID: LEVEL : FUNC:LINE : TEXT" */
    regex_t re;
    CHECK(regcomp(&re, "^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}\\+0000: "
                  "[0-9]+: debug : [A-Za-z_][A-Za-z0-9_]*:[0-9]+ : name=mytest flags=0x0$",
                  REG_EXTENDED | REG_NEWLINE) == 0);
    CHECK(regexec(&re, log, 0, NULL, 0) == 0);
    regfree(&re);
    free(log);
}

static void silentByDefault(void)
{
    char *log = runChild("test:///default", NULL);
    CHECK_STR(log, "");
    free(log);
}

/* A filter raises one category's threshold and leaves the others. */
static void filtersSelectCategories(void)
{
    const char *env[] = { "LIBVIRT_DEBUG=1", "LIBVIRT_LOG_FILTERS=4:registry", NULL };
    char *log = runChild("test:///default", env);
    CHECK(has(log, "scheme 'test' is claimed"));        /* core.connect */
    CHECK(!strstr(log, "loading module"));              /* core.registry */
    free(log);

    /* without LIBVIRT_DEBUG: only the filtered category, to a debug output */
    const char *env2[] = { "LIBVIRT_LOG_FILTERS=1:core.regis*", "LIBVIRT_LOG_OUTPUTS=1:stderr", NULL };
    log = runChild("test:///default", env2);
    CHECK(has(log, "loading module"));
    CHECK(!strstr(log, "is claimed"));
    free(log);
}

static void fileOutput(void)
{
    char path[300], setting[400];
    snprintf(path, sizeof(path), "%s/debug.log", tmpdir);
    snprintf(setting, sizeof(setting), "LIBVIRT_LOG_OUTPUTS=1:file:%s 4:stderr", path);
    const char *env[] = { "LIBVIRT_DEBUG=1", setting, NULL };
    char *err = runChild("test:///default", env);
    CHECK_STR(err, "");                                  /* nothing reaches 4:stderr */
    char *log = slurp(path);
    CHECK(has(log, "loaded and checked"));
    CHECK(has(log, ": debug : "));
    free(log);
    free(err);
}

static void badSettingsAreNamed(void)
{
    const char *env[] = { "LIBVIRT_LOG_OUTPUTS=7:nowhere", "LIBVIRT_LOG_FILTERS=debug", NULL };
    char *log = runChild("test:///default", env);
    CHECK(has(log, "LIBVIRT_LOG_OUTPUTS='7:nowhere'"));
    CHECK(has(log, "LIBVIRT_LOG_FILTERS='debug'"));
    free(log);
    const char *env2[] = { "LIBVIRT_DEBUG=verbose", NULL };
    log = runChild("test:///default", env2);
    CHECK(has(log, "LIBVIRT_DEBUG='verbose'"));
    free(log);
    /* names work for the level, as in libvirt */
    const char *env3[] = { "LIBVIRT_DEBUG=debug", NULL };
    log = runChild("test:///default", env3);
    CHECK(has(log, "loaded and checked"));
    free(log);
}

/* journald's native protocol, to a socket of our own in place of the
 * journal's (VIRT_JOURNAL_SOCKET). */
static void journaldOutput(void)
{
    char path[300], setting[400];
    snprintf(path, sizeof(path), "%s/journal.sock", tmpdir);
    int s = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    CHECK(strlen(path) < sizeof(addr.sun_path));
    memcpy(addr.sun_path, path, strlen(path) + 1);
    CHECK(bind(s, (struct sockaddr *) &addr, sizeof(addr)) == 0);
    snprintf(setting, sizeof(setting), "VIRT_JOURNAL_SOCKET=%s", path);
    const char *env[] = { "LIBVIRT_LOG_OUTPUTS=1:journald", "LIBVIRT_LOG_FILTERS=1:core.connect 4:*",
                          setting, NULL };
    char *err = runChild("test:///default", env);
    CHECK_STR(err, "");
    free(err);
    char buf[8192];
    int got = 0, found = 0;
    ssize_t n;
    while ((n = recv(s, buf, sizeof(buf) - 1, MSG_DONTWAIT)) > 0) {
        buf[n] = '\0';
        got++;
        /* binary fields: "NAME\n", 8-byte little-endian length, value, "\n" */
        if (memmem(buf, (size_t) n, "PRIORITY\n\1\0\0\0\0\0\0\0" "7\n", 19) &&
            memmem(buf, (size_t) n, "LIBVIRT_CATEGORY\n", 17) &&
            memmem(buf, (size_t) n, "is claimed by module 'test'", 27))
            found++;
    }
    CHECK(got > 0);
    CHECK(found == 1);
    close(s);
}

int main(void)
{
    if (!mkdtemp(tmpdir))
        return 99;
    TEST_RUN(debugShowsTheOpenPath);
    TEST_RUN(silentByDefault);
    TEST_RUN(filtersSelectCategories);
    TEST_RUN(fileOutput);
    TEST_RUN(badSettingsAreNamed);
    TEST_RUN(journaldOutput);
    char cmd[400];
    snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
    if (system(cmd) != 0)
        return 99;
    TEST_DONE();
}
