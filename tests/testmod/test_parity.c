/* test_parity.c: the parity table of the test module against libvirt 9.0's
 * test driver. Every dispatched public function (paritycalls.h, generated
 * from abi/libvirt.api) is called once, in a child process of its own on a
 * fresh connection, with arguments chosen below; its outcome (success and
 * the number it returned, or the error's code, domain and message, or why
 * no handle could be had) is compared with the line libvirt gave, kept in
 * tests/testmod/parity.txt. The same binary runs on our library and on
 * Debian's, so both are held to that table.
 *
 *   test_parity TABLE DATA_DIR [TODO]   compare, print TAP
 *   test_parity TABLE DATA_DIR --write  print the table as this library
 *                                       answers (run on Debian's to update)
 *
 * TODO lists the known differences of ours, "SECTION<TAB>NAME<TAB>WHY":
 * on our library (VIRT_ORACLE unset) such a line is a TAP TODO, so it
 * neither fails the run nor hides; once ours agrees, the TODO passes
 * unexpectedly, which fails the run until the line is removed.
 *
 * A section of the table opens with "[NAME] URI domain=D network=N
 * pool=P interface=I device=V": the connection and the objects whose
 * handles the calls take; @DATA@ in URI is DATA_DIR. */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

static const char *parityUri;
static const char *names[5];    /* domain, network, pool, interface, device */
static virConnectPtr conn;
static int resultFd = -1;

/* The child's one line, written whole. */
static void say(const char *fmt, ...)
{
    char line[2048];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t) n > sizeof(line) - 2)
        n = (int) sizeof(line) - 2;
    /* one line: newlines in messages become spaces */
    for (int i = 0; i < n; i++)
        if (line[i] == '\n')
            line[i] = ' ';
    line[n++] = '\n';
    if (write(resultFd, line, (size_t) n) < 0)
        _exit(3);
}

static void sayError(const char *what)
{
    virErrorPtr e = virGetLastError();
    say("%s %d %d %s", what, e ? e->code : 0, e ? e->domain : 0,
        e && e->message ? e->message : "");
}

static const char *const DOMAIN_XML =
    "<domain type='test'><name>parity-dom</name><memory>1048576</memory>"
    "<os><type>hvm</type></os></domain>";

/* Handles, made once per child. A kind the driver cannot give is reported
 * with the error that refused it; the call is then not made. */
static void *handleOf(const char *kind)
{
    static virDomainPtr dom;
    static virNetworkPtr net;
    static virStoragePoolPtr pool;
    if (strcmp(kind, "Connect") == 0)
        return conn;
    if (strcmp(kind, "Domain") == 0 || strcmp(kind, "DomainSnapshot") == 0 ||
        strcmp(kind, "DomainCheckpoint") == 0) {
        if (!dom && !(dom = virDomainLookupByName(conn, names[0])))
            return NULL;
        if (strcmp(kind, "DomainSnapshot") == 0)
            return virDomainSnapshotCreateXML(dom, "<domainsnapshot><name>parity-snap</name></domainsnapshot>", 0);
        if (strcmp(kind, "DomainCheckpoint") == 0)
            return virDomainCheckpointCreateXML(dom, "<domaincheckpoint><name>parity-cp</name></domaincheckpoint>", 0);
        return dom;
    }
    if (strcmp(kind, "Network") == 0 || strcmp(kind, "NetworkPort") == 0) {
        if (!net && !(net = virNetworkLookupByName(conn, names[1])))
            return NULL;
        if (strcmp(kind, "NetworkPort") == 0)
            return virNetworkPortCreateXML(net,
                "<networkport><owner><name>parity</name><uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid></owner>"
                "<mac address='52:54:00:00:00:09'/><plug type='network' bridge='virbr0'/></networkport>", 0);
        return net;
    }
    if (strcmp(kind, "StoragePool") == 0 || strcmp(kind, "StorageVol") == 0) {
        if (!pool && !(pool = virStoragePoolLookupByName(conn, names[2])))
            return NULL;
        if (strcmp(kind, "StorageVol") == 0)
            return virStorageVolCreateXML(pool,
                "<volume><name>parity.img</name><capacity>1048576</capacity></volume>", 0);
        return pool;
    }
    if (strcmp(kind, "Interface") == 0)
        return virInterfaceLookupByName(conn, names[3]);
    if (strcmp(kind, "NodeDevice") == 0)
        return virNodeDeviceLookupByName(conn, names[4]);
    if (strcmp(kind, "Secret") == 0)
        return virSecretDefineXML(conn,
            "<secret ephemeral='no' private='no'><uuid>d6f1b3b5-3f2c-4b8e-9f0a-1b2c3d4e5f60</uuid>"
            "<usage type='volume'><volume>/parity.img</volume></usage></secret>", 0);
    if (strcmp(kind, "NWFilter") == 0 || strcmp(kind, "NWFilterBinding") == 0) {
        virNWFilterPtr f = virNWFilterDefineXML(conn,
            "<filter name='parity-filter' chain='root'><rule action='accept' direction='in'/></filter>");
        if (!f || strcmp(kind, "NWFilter") == 0)
            return f;
        return virNWFilterBindingCreateXML(conn,
            "<filterbinding><owner><name>parity</name><uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid></owner>"
            "<portdev name='vnet9'/><mac address='52:54:00:00:00:09'/><filterref filter='parity-filter'/>"
            "</filterbinding>", 0);
    }
    return NULL;
}

static void *parityHandle(const char *kind)
{
    void *h = handleOf(kind);
    if (!h) {
        char what[64];
        snprintf(what, sizeof(what), "nohandle %s", kind);
        sayError(what);
    }
    return h;
}

/* The document a function of this family takes. */
static const char *xmlFor(const char *fn)
{
    if (strstr(fn, "Snapshot"))
        return "<domainsnapshot><name>parity-s2</name></domainsnapshot>";
    if (strstr(fn, "Checkpoint"))
        return "<domaincheckpoint><name>parity-c2</name></domaincheckpoint>";
    if (strstr(fn, "Backup"))
        return "<domainbackup/>";
    if (strncmp(fn, "virDomain", 9) == 0 && strstr(fn, "Device"))
        return "<disk type='file' device='disk'><source file='/parity.img'/><target dev='vdz' bus='virtio'/></disk>";
    if (strstr(fn, "CPU"))
        return "<cpu><arch>i686</arch><model>pentium3</model></cpu>";
    if (strncmp(fn, "virNetworkPort", 14) == 0)
        return "<networkport/>";
    if (strncmp(fn, "virNetwork", 10) == 0)
        return "<network><name>parity-net</name><bridge name='parbr0'/></network>";
    if (strstr(fn, "StorageVol"))
        return "<volume><name>parity2.img</name><capacity>1024</capacity></volume>";
    if (strstr(fn, "StoragePool"))
        return "<pool type='dir'><name>parity-pool</name><target><path>/parity-pool</path></target></pool>";
    if (strncmp(fn, "virInterface", 12) == 0)
        return "<interface type='ethernet' name='eth9'><start mode='onboot'/></interface>";
    if (strncmp(fn, "virNodeDevice", 13) == 0)
        return "<device><name>parity-dev</name><parent>scsi_host11</parent><capability type='scsi_host'>"
               "<capability type='fc_host'><wwnn>2000000012341299</wwnn><wwpn>1000000012341299</wwpn>"
               "</capability></capability></device>";
    if (strncmp(fn, "virSecret", 9) == 0)
        return "<secret ephemeral='no' private='no'><usage type='volume'><volume>/p2</volume></usage></secret>";
    if (strncmp(fn, "virNWFilterBinding", 18) == 0)
        return "<filterbinding/>";
    if (strncmp(fn, "virNWFilter", 11) == 0)
        return "<filter name='parity-f2' chain='root'/>";
    return DOMAIN_XML;
}

/* A string argument by its name; documents by the function's family. */
static const char *stringFor(const char *fn, const char *arg)
{
    /* Files are in a folder that does not exist: calls run in parallel
     * (and both libraries at once) must not meet in one file. */
    static const struct { const char *arg, *value; } byName[] = {
        { "disk", "vda" }, { "device", "vda" }, { "path", "vda" }, { "dev", "vda" },
        { "name", "parity-name" }, { "new_name", "parity-new" }, { "alias", "ua-parity" },
        { "macstr", "aa:bb:cc:dd:ee:ff" }, { "key", "/default-pool/parity.img" },
        { "mountPoint", "/" }, { "user", "root" }, { "password", "secret" },
        { "file", "/nonexistent-parity/image" }, { "from", "/nonexistent-parity/image" },
        { "to", "/nonexistent-parity/image" }, { "duri", "test:///default" },
        { "wwnn", "2000000012341299" }, { "wwpn", "1000000012341299" },
        { "nativeFormat", "parity" }, { "nativeConfig", "parity" },
        { "portdev", "vnet0" }, { "cpumap", "0" }, { "vcpumap", "0" },
    };
    for (size_t i = 0; i < sizeof(byName) / sizeof(byName[0]); i++)
        if (strcmp(arg, byName[i].arg) == 0)
            return byName[i].value;
    return xmlFor(fn);
}

/* Arguments the table was recorded with before abi/libvirt.api said that
 * libvirt's entry point refuses them (NULL pointers, zero counts): still
 * passed, so that the table keeps exercising those checks. */
static const struct {
    const char *fn, *arg;
} asRecorded[] = {
    { "virNodeGetCellsFreeMemory", "freeMems" }, { "virNodeGetCellsFreeMemory", "maxCells" },
    { "virNodeGetMemoryParameters", "params" }, { "virConnectGetCPUModelNames", "arch" },
    { "virNodeGetFreePages", "pages" }, { "virNodeGetFreePages", "counts" },
    { "virDomainGetMemoryParameters", "params" }, { "virDomainGetBlkioParameters", "params" },
    { "virDomainGetSchedulerParametersFlags", "params" }, { "virDomainGetVcpuPinInfo", "cpumaps" },
    { "virDomainGetVcpuPinInfo", "ncpumaps" }, { "virDomainSendKey", "nkeycodes" },
    { "virDomainSaveImageDefineXML", "dxml" }, { "virDomainBlockStatsFlags", "params" },
    { "virDomainGetBlockIoTune", "params" }, { "virDomainGetInterfaceParameters", "params" },
    { "virDomainGetNumaParameters", "params" }, { "virDomainGetDiskErrors", "errors" },
    { "virDomainGetEmulatorPinInfo", "cpumap" }, { "virDomainGetJobStats", "type" },
    { "virDomainGetJobStats", "params" }, { "virDomainBlockCopy", "destxml" },
    { "virDomainGetPerfEvents", "params" }, { "virDomainGetGuestVcpus", "params" },
    { "virDomainGetLaunchSecurityInfo", "params" }, { "virDomainGetGuestInfo", "params" },
    { "virDomainAuthorizedSSHKeysGet", "keys" }, { "virConnectFindStoragePoolSources", "type" },
    { "virSecretLookupByUsage", "usageID" }, { "virDomainSetMemoryParameters", "nparams" },
    { "virDomainSetBlockIoTune", "nparams" }, { "virDomainSetInterfaceParameters", "nparams" },
    { "virDomainSetNumaParameters", "nparams" }, { "virDomainSetPerfEvents", "nparams" },
    { "virDomainSetIOThreadParams", "nparams" }, { "virDomainSetLaunchSecurityState", "nparams" },
};

static bool passedAsRecorded(const char *fn, const char *arg)
{
    for (size_t i = 0; i < sizeof(asRecorded) / sizeof(asRecorded[0]); i++)
        if (strcmp(fn, asRecorded[i].fn) == 0 && strcmp(arg, asRecorded[i].arg) == 0)
            return true;
    return false;
}

static void *parityPointer(const char *fn, const char *arg, const char *type)
{
    /* outputs and structures: zeroed room (the child is thrown away) */
    static unsigned char scratch[8][65536];
    static int next;
    if (passedAsRecorded(fn, arg))
        return NULL;
    if (strcmp(type, "virStreamPtr") == 0)
        return virStreamNew(conn, 0);
    if (strcmp(type, "const char *") == 0)
        return (void *) stringFor(fn, arg);
    memset(scratch[next % 8], 0, sizeof(scratch[0]));
    return scratch[next++ % 8];
}

static long long parityNumber(const char *fn, const char *arg, long long minimum)
{
    return passedAsRecorded(fn, arg) ? 0 : minimum;
}

static void parityDone(int ok, int isNumber, long long value)
{
    if (!ok)
        sayError("err");
    else if (isNumber)
        say("ok %lld", value);
    else
        say("ok");
}

#include "paritycalls.h"

static void quiet(void *data, virErrorPtr err)
{
    (void) data;
    (void) err;
}

/* One call in a child; its line (without the name), or why there is none. */
static char *runOne(const virtParityCall *c)
{
    int fds[2];
    if (pipe(fds) < 0)
        return strdup("pipe failed");
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        resultFd = fds[1];
        alarm(20);
        virSetErrorFunc(NULL, quiet);
        if (!(conn = virConnectOpen(parityUri)))
            sayError("noconnection");
        else
            c->call();
        _exit(0);
    }
    close(fds[1]);
    char buf[4096];
    size_t len = 0;
    ssize_t n;
    while ((n = read(fds[0], buf + len, sizeof(buf) - 1 - len)) > 0 && len < sizeof(buf) - 1)
        len += (size_t) n;
    close(fds[0]);
    buf[len] = '\0';
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (WIFSIGNALED(status)) {
        char why[64];
        snprintf(why, sizeof(why), "died of signal %d", WTERMSIG(status));
        return strdup(why);
    }
    char *nl = strchr(buf, '\n');
    if (nl)
        *nl = '\0';
    return strdup(len ? buf : "no outcome");
}

/* The table: sections of "NAME<TAB>OUTCOME" lines. */
typedef struct {
    char *name, *outcome;
} Row;

static int readSection(FILE *f, char *header, size_t headerSize, Row **rows, size_t *nrows)
{
    char line[4096];
    *rows = NULL;
    *nrows = 0;
    header[0] = '\0';
    long at;
    while ((at = ftell(f)), fgets(line, sizeof(line), f)) {
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        if (line[0] == '[') {
            if (header[0]) {
                fseek(f, at, SEEK_SET);
                return 1;
            }
            snprintf(header, headerSize, "%s", line);
            continue;
        }
        char *tab = strchr(line, '\t');
        if (!tab || !header[0])
            continue;
        *tab = '\0';
        *rows = realloc(*rows, (*nrows + 1) * sizeof(**rows));
        (*rows)[*nrows].name = strdup(line);
        (*rows)[*nrows].outcome = strdup(tab + 1);
        (*nrows)++;
    }
    return header[0] ? 1 : 0;
}

/* The TODO reason for NAME in SECTION, or NULL. */
static const char *todoFor(Row *todo, size_t ntodo, const char *section, const char *name)
{
    for (size_t i = 0; i < ntodo; i++) {
        const char *tab = strchr(todo[i].name, '\t');
        if (tab && strncmp(todo[i].name, section, (size_t) (tab - todo[i].name)) == 0 &&
            section[tab - todo[i].name] == '\0' && strcmp(tab + 1, name) == 0)
            return todo[i].outcome;
    }
    return NULL;
}

/* "SECTION<TAB>NAME<TAB>WHY" lines: name holds "SECTION<TAB>NAME". */
static void readTodo(const char *path, Row **todo, size_t *ntodo)
{
    char line[4096];
    FILE *f = fopen(path, "r");
    *todo = NULL;
    *ntodo = 0;
    if (!f) {
        printf("Bail out! cannot read %s: %s\n", path, strerror(errno));
        exit(1);
    }
    while (fgets(line, sizeof(line), f)) {
        line[strcspn(line, "\n")] = '\0';
        char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        if (line[0] == '#' || !t2)
            continue;
        *t2 = '\0';
        *todo = realloc(*todo, (*ntodo + 1) * sizeof(**todo));
        (*todo)[*ntodo].name = strdup(line);
        (*todo)[*ntodo].outcome = strdup(t2 + 1);
        (*ntodo)++;
    }
    fclose(f);
}

/* "[name] uri domain=.. network=.. pool=.. interface=.. device=.." */
static int useHeader(char *header, const char *dataDir, char *uri, size_t uriSize)
{
    static const char *const keys[5] = { "domain=", "network=", "pool=", "interface=", "device=" };
    char *save = NULL, *tok = strtok_r(header, " ", &save);
    if (!tok || !(tok = strtok_r(NULL, " ", &save)))
        return -1;
    const char *at = strstr(tok, "@DATA@");
    if (at)
        snprintf(uri, uriSize, "%.*s%s%s", (int) (at - tok), tok, dataDir, at + 6);
    else
        snprintf(uri, uriSize, "%s", tok);
    for (int i = 0; i < 5; i++)
        names[i] = "";
    while ((tok = strtok_r(NULL, " ", &save)))
        for (int i = 0; i < 5; i++)
            if (strncmp(tok, keys[i], strlen(keys[i])) == 0)
                names[i] = tok + strlen(keys[i]);
    parityUri = uri;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: test_parity TABLE DATA_DIR [--write]\n");
        return 2;
    }
    int writing = argc > 3 && strcmp(argv[3], "--write") == 0;
    Row *todo = NULL;
    size_t ntodo = 0;
    /* the oracle gives the table's lines by definition: no TODOs there */
    if (argc > 3 && !writing && !getenv("VIRT_ORACLE"))
        readTodo(argv[3], &todo, &ntodo);
    FILE *f = fopen(argv[1], "r");
    if (!f) {
        printf("Bail out! cannot read %s: %s\n", argv[1], strerror(errno));
        return 1;
    }
    char header[4096], copy[4096], uri[8192];
    Row *rows;
    size_t nrows, total = 0, failed = 0;
    while (readSection(f, header, sizeof(header), &rows, &nrows) > 0) {
        snprintf(copy, sizeof(copy), "%s", header);
        if (useHeader(copy, argv[2], uri, sizeof(uri)) < 0) {
            printf("Bail out! bad section header '%s'\n", header);
            return 1;
        }
        if (writing)
            printf("%s\n", header);
        for (size_t i = 0; i < VIRT_PARITY_CALL_COUNT; i++) {
            const virtParityCall *c = &virtParityCalls[i];
            char *got = runOne(c);
            if (writing) {
                printf("%s\t%s\n", c->name, got);
            } else {
                const char *want = NULL;
                for (size_t j = 0; j < nrows; j++)
                    if (strcmp(rows[j].name, c->name) == 0)
                        want = rows[j].outcome;
                bool same = want && strcmp(want, got) == 0;
                char section[64];
                snprintf(section, sizeof(section), "%.*s", (int) strcspn(header + 1, "]"), header + 1);
                const char *why = todoFor(todo, ntodo, section, c->name);
                total++;
                failed += !same && !why;
                printf("%s %zu - %s %s%s%s\n", same ? "ok" : "not ok", total, section, c->name,
                       why ? " # TODO " : "", why ? why : "");
                if (!same)
                    printf("#   got:   %s\n#   table: %s\n", got, want ? want : "(no line)");
            }
            free(got);
        }
        if (writing)
            printf("\n");
        for (size_t j = 0; j < nrows; j++) {
            free(rows[j].name);
            free(rows[j].outcome);
        }
        free(rows);
    }
    fclose(f);
    if (!writing)
        printf("1..%zu\n", total);
    return failed ? 1 : 0;
}
