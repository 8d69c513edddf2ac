/* test_qemu_command.c: the domain -> QEMU command line function against
 * golden files (data/NAME.xml -> data/NAME.args, one argument a line,
 * or "error: MESSAGE"). What the host would assign at start (MACs, tap
 * names, VNC ports) is filled in deterministically first; device aliases,
 * which give every -device and -netdev its id, by the driver's own
 * function, as start does.
 * QEMU_TEST_REGENERATE=1 rewrites the golden files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "qemu_driver.h"
#include "util.h"

static const char *dataDir(void)
{
    static char dir[4096];
    const char *src = getenv("SOURCE_ROOT");
    snprintf(dir, sizeof(dir), "%s/tests/qemu/data", src ? src : ".");
    return dir;
}

static void assignLikeStart(virtDomainDef *def)
{
    int tap = 0, port = 5900;
    for (size_t i = 0; i < def->nnets; i++) {
        virtDomainNetDef *n = def->nets[i];
        if (!n->mac)
            n->mac = virtAsprintf("52:54:00:00:00:%02zx", i);
        if (n->type && (!strcmp(n->type, "ethernet") || !strcmp(n->type, "bridge")) && !n->target)
            n->target = virtAsprintf("vnet%d", tap++);
    }
    for (size_t i = 0; i < def->ngraphics; i++) {
        virtDomainGraphicsDef *g = def->graphics[i];
        if (!strcmp(g->type, "vnc") && (g->port == -1 || !g->has_port))
            g->port = port++;
    }
    qemuAssignAliases(def);
}

static char *render(const char *name)
{
    char *path = virtAsprintf("%s/%s.xml", dataDir(), name);
    char *xml = virtFileRead(path, 1 << 20, NULL);
    virtXMLError err = { 0 };
    virtDomainDef *def = xml ? virtDomainDefParse(xml, &err) : NULL;
    virtBuf out = { 0 };
    char *errmsg = NULL;

    if (!def) {
        virtBufPrintf(&out, "parse error: %s\n", err.message ? err.message : path);
        goto cleanup;
    }
    assignLikeStart(def);
    char *mon = virtAsprintf("/run/test/%s.monitor", def->name);
    char *pid = virtAsprintf("/run/test/%s.pid", def->name);
    qemuCommandContext ctx = {
        .emulator = def->emulator ? def->emulator : "/usr/bin/qemu-system-x86_64",
        .monitor_path = mon, .pid_path = pid,
    };
    char **argv = qemuBuildCommandLine(def, &ctx, &errmsg);
    if (!argv)
        virtBufPrintf(&out, "error: %s\n", errmsg);
    for (char **a = argv; a && *a; a++)
        virtBufPrintf(&out, "%s\n", *a);
    qemuArgvFree(argv);
    free(mon);
    free(pid);
 cleanup:
    virtDomainDefFree(def);
    virtXMLErrorClear(&err);
    free(errmsg);
    free(xml);
    free(path);
    return virtBufSteal(&out);
}

static void checkGolden(const char *name)
{
    char *got = render(name);
    char *path = virtAsprintf("%s/%s.args", dataDir(), name);
    if (getenv("QEMU_TEST_REGENERATE"))
        virtFileWriteAtomic(path, got, strlen(got), 0644);
    char *want = virtFileRead(path, 1 << 20, NULL);
    if (!want || strcmp(got, want) != 0) {
        printf("# %s: command line differs from %s\n# got:\n", name, path);
        for (char *l = got; *l; ) {
            size_t len = strcspn(l, "\n");
            fputs("#   ", stdout);
            fwrite(l, 1, len, stdout);
            fputc('\n', stdout);
            l += len + (l[len] == '\n');
        }
        harnessCurrentFailed = 1;
    }
    free(want);
    free(path);
    free(got);
}

#define GOLDEN(fn, name) static void fn(void) { checkGolden(name); }
GOLDEN(seed_kvm, "seed-kvm")
GOLDEN(seed_qemu_network_refused, "seed-qemu")
GOLDEN(seed_net_user, "seed-net-user")
GOLDEN(seed_net_ethernet, "seed-net-ethernet")
GOLDEN(seed_net_bridge, "seed-net-bridge")
GOLDEN(seed_net_mcast, "seed-net-mcast")
GOLDEN(seed_net_server, "seed-net-server")
GOLDEN(seed_net_client, "seed-net-client")
GOLDEN(seed_net_network_refused, "seed-net-network")
GOLDEN(seed_devices_misc, "seed-devices-misc")
GOLDEN(direct_kernel_boot, "direct-kernel")
GOLDEN(boot_order_ide_cdrom_sdl, "boot-order")
GOLDEN(kqemu_refused, "kqemu")
/* Aliases already in the XML are the ids; missing, invalid or duplicate
 * ones are assigned (interfaces: first free netN; disks: the target). */
GOLDEN(aliases_kept_and_assigned, "aliases")

static virtDomainDef *parseData(const char *name)
{
    char *path = virtAsprintf("%s/%s.xml", dataDir(), name);
    char *xml = virtFileRead(path, 1 << 20, NULL);
    virtXMLError err = { 0 };
    virtDomainDef *def = xml ? virtDomainDefParse(xml, &err) : NULL;

    if (!def)
        printf("#   %s: %s\n", path, err.message ? err.message : "cannot read");
    virtXMLErrorClear(&err);
    free(xml);
    free(path);
    return def;
}

/* What start assigns, and what hotplug picks next. */
static void alias_assignment(void)
{
    virtDomainDef *def = parseData("aliases");
    CHECK(def != NULL);
    if (!def)
        return;
    qemuAssignAliases(def);
    CHECK_STR(def->disks[0]->alias, "virtio-disk0");
    CHECK_STR(def->disks[1]->alias, "vdb");
    CHECK_STR(def->disks[2]->alias, "hdc");
    CHECK_STR(def->nets[0]->alias, "net1");
    CHECK_STR(def->nets[1]->alias, "net0");
    CHECK_STR(def->nets[2]->alias, "net2");
    CHECK_STR(def->nets[3]->alias, "net7");
    /* the next interface gets the first free number */
    char *next = qemuNetAlias(def);
    CHECK_STR(next, "net3");
    free(next);
    /* a gap left by a removed interface is reused */
    free(def->nets[1]->alias);
    def->nets[1]->alias = virtStrdup("net9");
    next = qemuNetAlias(def);
    CHECK_STR(next, "net0");
    free(next);
    /* a new disk is named after its target, unless that name is taken */
    virtDomainDiskDef d = { .target = (char *) "vdc" };
    next = qemuDiskAlias(def, &d);
    CHECK_STR(next, "vdc");
    free(next);
    d.target = (char *) "net7";
    next = qemuDiskAlias(def, &d);
    CHECK_STR(next, "disk0");
    free(next);
    /* assigning again changes nothing */
    qemuAssignAliases(def);
    CHECK_STR(def->nets[1]->alias, "net9");
    CHECK_STR(def->disks[2]->alias, "hdc");
    virtDomainDefFree(def);
}

/* Without aliases there is no id to give QEMU: refused, never guessed. */
static void aliases_required(void)
{
    virtDomainDef *def = parseData("seed-net-user");
    char *errmsg = NULL;
    qemuCommandContext ctx = { .emulator = "/usr/bin/qemu", .monitor_path = "/run/test/m" };
    CHECK(def != NULL);
    if (!def)
        return;
    char **argv = qemuBuildCommandLine(def, &ctx, &errmsg);
    CHECK(argv == NULL);
    CHECK(errmsg && strstr(errmsg, "interface 0 has no alias"));
    qemuArgvFree(argv);
    free(errmsg);
    virtDomainDefFree(def);
}

/* The network error names the network and the missing module. */
static void network_error_text(void)
{
    char *got = render("seed-qemu");
    CHECK(strstr(got, "network 'default' needs the network module, which is not installed") != NULL);
    free(got);
}

static void mac_generation(void)
{
    char a[18], b[18];
    qemuGenerateMAC(a);
    qemuGenerateMAC(b);
    CHECK(strncmp(a, "52:54:00:", 9) == 0);
    CHECK(strlen(a) == 17);
    CHECK(virtMACAddrValidate(a) == 0);
    CHECK(strcmp(a, b) != 0);
}

int main(void)
{
    TEST_RUN(seed_kvm);
    TEST_RUN(seed_qemu_network_refused);
    TEST_RUN(seed_net_user);
    TEST_RUN(seed_net_ethernet);
    TEST_RUN(seed_net_bridge);
    TEST_RUN(seed_net_mcast);
    TEST_RUN(seed_net_server);
    TEST_RUN(seed_net_client);
    TEST_RUN(seed_net_network_refused);
    TEST_RUN(seed_devices_misc);
    TEST_RUN(direct_kernel_boot);
    TEST_RUN(boot_order_ide_cdrom_sdl);
    TEST_RUN(kqemu_refused);
    TEST_RUN(aliases_kept_and_assigned);
    TEST_RUN(alias_assignment);
    TEST_RUN(aliases_required);
    TEST_RUN(network_error_text);
    TEST_RUN(mac_generation);
    TEST_DONE();
}
