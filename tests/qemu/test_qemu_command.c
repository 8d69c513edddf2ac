/* test_qemu_command.c: the domain -> QEMU command line function against
 * golden files (data/NAME.xml -> data/NAME.args, one argument a line,
 * or "error: MESSAGE"). What the host would assign at start (MACs, tap
 * names, VNC ports) is filled in deterministically first.
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
    TEST_RUN(network_error_text);
    TEST_RUN(mac_generation);
    TEST_DONE();
}
