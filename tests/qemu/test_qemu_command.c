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

/* NULL, or what start would refuse (caller frees). */
static char *assignLikeStart(virtDomainDef *def)
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
    char *errmsg = NULL;
    if (qemuAssignPCIAddresses(def, &errmsg) < 0)
        return errmsg;
    qemuAssignAliases(def);
    return NULL;
}

static char *render(const char *name)
{
    char *path = virtAsprintf("%s/%s.xml", dataDir(), name);
    char *xml = virtFileRead(path, 1 << 20, NULL);
    virtXMLError err = { 0 };
    virtDomainDef *def = xml ? virtDomainDefParse(xml, 0, &err) : NULL;
    virtBuf out = { 0 };
    char *errmsg = NULL;

    if (!def) {
        virtBufPrintf(&out, "parse error: %s\n", err.message ? err.message : path);
        goto cleanup;
    }
    if ((errmsg = assignLikeStart(def))) {
        virtBufPrintf(&out, "error: %s\n", errmsg);
        goto cleanup;
    }
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
/* PCI slots given are kept, the others assigned from 0x03 around them
 * (VGA at 0x02); SCSI disks get their controller; off-PCI devices none. */
GOLDEN(pci_addresses_kept_and_assigned, "pci-addresses")
/* Two devices asking for one slot: refused, naming both. */
GOLDEN(pci_address_clash_refused, "pci-clash")

static virtDomainDef *parseData(const char *name)
{
    char *path = virtAsprintf("%s/%s.xml", dataDir(), name);
    char *xml = virtFileRead(path, 1 << 20, NULL);
    virtXMLError err = { 0 };
    virtDomainDef *def = xml ? virtDomainDefParse(xml, 0, &err) : NULL;

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

/* The PCI slot of an address, "" when it has none (for CHECK_STR). */
static const char *slotOf(const virtDomainDeviceAddress *a)
{
    static char buf[16];
    char *slot = qemuPCISlot(a);
    snprintf(buf, sizeof(buf), "%s", slot ? slot : "");
    free(slot);
    return buf;
}

static virtDomainNetDef *parseNet(const char *xml)
{
    virtXMLError err = { 0 };
    virtDomainDeviceDef *dev = virtDomainDeviceDefParse(xml, 0, &err);
    virtDomainNetDef *n = dev ? dev->net : NULL;

    if (!n)
        printf("#   %s: %s\n", xml, err.message ? err.message : "not an interface");
    if (dev)
        dev->net = NULL;
    virtDomainDeviceDefFree(dev);
    virtXMLErrorClear(&err);
    return n;
}

static void appendNet(virtDomainDef *def, virtDomainNetDef *n)
{
    def->nets = virtRealloc(def->nets, (def->nnets + 1) * sizeof(*def->nets));
    def->nets[def->nnets++] = n;
}

/* What start records in the live definition, what a hotplug gets next,
 * and that a detach frees the slot. */
static void pci_assignment(void)
{
    virtDomainDef *def = parseData("pci-addresses");
    char *errmsg = NULL, *live = NULL, *again = NULL;

    CHECK(def != NULL);
    if (!def)
        return;
    CHECK(qemuAssignPCIAddresses(def, &errmsg) == 0);
    if (errmsg)
        printf("#   %s\n", errmsg);
    qemuAssignAliases(def);
    /* the SCSI disk's controller comes first, with the first free slot */
    CHECK(def->ncontrollers == 3);
    CHECK_STR(def->controllers[0]->type, "scsi");
    CHECK_STR(def->controllers[0]->alias, "scsi0");
    CHECK_STR(slotOf(def->controllers[0]->address), "0x3");
    CHECK_STR(slotOf(def->controllers[1]->address), "0x1");   /* the built-in IDE: as given */
    CHECK(def->controllers[2]->address == NULL);
    CHECK_STR(slotOf(def->disks[0]->address), "0x6");
    CHECK_STR(def->disks[1]->address->slot, "5");              /* kept as written */
    CHECK(def->disks[2]->address == NULL);                     /* scsi */
    CHECK_STR(def->disks[3]->address->type, "drive");          /* ide */
    CHECK_STR(slotOf(def->nets[0]->address), "0x1f");
    CHECK_STR(slotOf(def->nets[1]->address), "0x7");
    CHECK(def->nets[2]->address == NULL);                      /* ne2k_isa */
    CHECK_STR(slotOf(def->nets[3]->address), "0x8");
    CHECK_STR(slotOf(def->memballoon_address), "0x4");
    /* the live XML shows them the way libvirt writes them */
    live = virtDomainDefFormat(def, 0);
    CHECK(live && strstr(live, "<target dev='vda' bus='virtio'/>\n      <alias name='vda'/>\n"
                                "      <address type='pci' domain='0x0000' bus='0x00' slot='0x06' function='0x0'/>"));
    CHECK(live && strstr(live, "<controller type='scsi' index='0' model='virtio-scsi'>\n"
                                "      <alias name='scsi0'/>\n"
                                "      <address type='pci' domain='0x0000' bus='0x00' slot='0x03' function='0x0'/>\n"
                                "    </controller>"));
    /* assigning again (a restore, a migration) changes nothing */
    CHECK(qemuAssignPCIAddresses(def, &errmsg) == 0);
    again = virtDomainDefFormat(def, 0);
    CHECK_STR(again, live);
    free(again);

    /* hotplug: the first free slot; a detach frees its slot again */
    virtDomainNetDef *n = parseNet("<interface type='user'><mac address='52:54:00:00:00:09'/></interface>");
    CHECK(n != NULL);
    if (n) {
        appendNet(def, n);
        CHECK(qemuAssignPCIAddresses(def, &errmsg) == 0);
        CHECK_STR(slotOf(n->address), "0x9");
    }
    virtDomainDiskDefFree(def->disks[0]);   /* vda, at 0x06 */
    memmove(&def->disks[0], &def->disks[1], (def->ndisks - 1) * sizeof(*def->disks));
    def->ndisks--;
    n = parseNet("<interface type='user'><mac address='52:54:00:00:00:0a'/></interface>");
    if (n) {
        appendNet(def, n);
        CHECK(qemuAssignPCIAddresses(def, &errmsg) == 0);
        CHECK_STR(slotOf(n->address), "0x6");
    }
    /* a hot-plugged device asking for a taken slot is refused */
    n = parseNet("<interface type='user'><mac address='52:54:00:00:00:0b'/>"
                 "<address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/></interface>");
    if (n) {
        appendNet(def, n);
        CHECK(qemuAssignPCIAddresses(def, &errmsg) < 0);
        CHECK_STR(errmsg, "PCI slot 0x05 of interface '52:54:00:00:00:0b' is already taken by disk 'vdb'");
        free(errmsg);
        errmsg = NULL;
    }
    free(live);
    virtDomainDefFree(def);
}

/* A domain with these devices, assigned as at start: NULL or the error. */
static char *assignError(const char *devices)
{
    char *xml = virtAsprintf("<domain type='qemu'><name>p</name><memory>1024</memory>"
                             "<os><type>hvm</type></os><devices>%s</devices></domain>", devices);
    virtXMLError err = { 0 };
    virtDomainDef *def = virtDomainDefParse(xml, 0, &err);
    char *errmsg = NULL;

    if (!def)
        errmsg = virtAsprintf("parse: %s", err.message ? err.message : "?");
    else if (qemuAssignPCIAddresses(def, &errmsg) == 0)
        errmsg = NULL;
    virtDomainDefFree(def);
    virtXMLErrorClear(&err);
    free(xml);
    return errmsg;
}

#define VDA_AT(addr) "<disk type='file'><source file='/a'/><target dev='vda' bus='virtio'/>" addr "</disk>"
#define PCI_SLOT(s) "<address type='pci' domain='0x0000' bus='0x00' slot='" s "' function='0x0'/>"

static void checkAssignError(const char *devices, const char *want)
{
    char *got = assignError(devices);
    if (!want)
        CHECK(got == NULL);
    else
        CHECK(got && strstr(got, want));
    if (got && (!want || !strstr(got, want)))
        printf("#   %s\n#   -> %s\n", devices, got);
    free(got);
}

/* Addresses start refuses, each with a message naming the device. */
static void pci_refusals(void)
{
    checkAssignError(VDA_AT(PCI_SLOT("0x02")) "<graphics type='vnc'/>",
                     "PCI slot 0x02 of disk 'vda' is already taken by the VGA device");
    checkAssignError(VDA_AT(PCI_SLOT("0x02")), NULL);   /* no VGA: slot 2 is free */
    checkAssignError(VDA_AT(PCI_SLOT("0x01")), "PCI slot 0x01 of disk 'vda' is already taken by the PIIX3 chipset");
    checkAssignError(VDA_AT(PCI_SLOT("0x00")), "already taken by the host bridge");
    checkAssignError(VDA_AT("<address type='pci' domain='0x0000' bus='0x01' slot='0x05' function='0x0'/>"),
                     "disk 'vda': PCI address 0000:01:05.0 is not on bus 0 of domain 0");
    checkAssignError(VDA_AT("<address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x1'/>"),
                     "disk 'vda': PCI function 1 of slot 0x05: multifunction devices are not supported");
    checkAssignError(VDA_AT("<address type='drive' controller='0' bus='0' unit='0'/>"),
                     "disk 'vda' is a PCI device: its address must be of type 'pci', not 'drive'");
    checkAssignError("<disk type='file'><source file='/a'/><target dev='hda' bus='ide'/>" PCI_SLOT("0x05") "</disk>",
                     "disk 'hda' is not a PCI device: it cannot have a PCI address");
    checkAssignError("<interface type='user'><mac address='52:54:00:00:00:01'/><model type='ne2k_isa'/>"
                     PCI_SLOT("0x05") "</interface>",
                     "interface '52:54:00:00:00:01' is not a PCI device");
    checkAssignError("<memballoon model='virtio'>" PCI_SLOT("0x05") "</memballoon>" VDA_AT(PCI_SLOT("0x05")),
                     "PCI slot 0x05 of the memory balloon is already taken by disk 'vda'");
    checkAssignError("<controller type='scsi' index='0'>" PCI_SLOT("0x09") "</controller>"
                     "<interface type='user'>" PCI_SLOT("0x09") "</interface>",
                     "PCI slot 0x09 of interface 0 is already taken by SCSI controller 0");
    /* 29 slots (0x03-0x1f) for 29 NICs; a 30th finds none */
    virtBuf b = { 0 };
    for (int i = 0; i < 29; i++)
        virtBufAdd(&b, "<interface type='user'/>");
    char *nics = virtBufSteal(&b);
    checkAssignError(nics, NULL);
    char *more = virtAsprintf("%s<interface type='user'/>", nics);
    checkAssignError(more, "no free PCI slot for interface 29: slots 0x03 to 0x1f are all taken");
    free(nics);
    free(more);
}

/* A definition that did not go through the assignment has no slot to
 * give QEMU: refused, never left to QEMU's own order. */
static void pci_slots_required(void)
{
    virtDomainDef *def = parseData("seed-net-user");
    char *errmsg = NULL;
    qemuCommandContext ctx = { .emulator = "/usr/bin/qemu", .monitor_path = "/run/test/m" };
    CHECK(def != NULL);
    if (!def)
        return;
    qemuAssignAliases(def);
    char **argv = qemuBuildCommandLine(def, &ctx, &errmsg);
    CHECK(argv == NULL);
    CHECK(errmsg && strstr(errmsg, "interface 0 has no PCI slot"));
    qemuArgvFree(argv);
    free(errmsg);
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
    CHECK(qemuGenerateMAC(a) == 0);
    CHECK(qemuGenerateMAC(b) == 0);
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
    TEST_RUN(pci_addresses_kept_and_assigned);
    TEST_RUN(pci_address_clash_refused);
    TEST_RUN(pci_assignment);
    TEST_RUN(pci_refusals);
    TEST_RUN(pci_slots_required);
    TEST_RUN(network_error_text);
    TEST_RUN(mac_generation);
    TEST_DONE();
}
