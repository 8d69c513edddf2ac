/* test_qemu_command.c: the domain -> QEMU command line function against
 * golden files (data/NAME.xml -> data/NAME.args, one argument a line,
 * or "error: MESSAGE"). The documents give every interface its MAC (a
 * parse would pick a random one); what the host would assign at start (tap
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
static virtDomain *parseXMLFlags(const char *xml, unsigned int flags, virtXMLError *err)
{
    return virtDomainModelParse(xml, flags, qemuDomainDefaults(), err);
}

static virtDomain *parseXML(const char *xml, virtXMLError *err)
{
    return parseXMLFlags(xml, 0, err);
}

/* data/aliases.xml is a running guest's status (its aliases are kept);
 * the other documents are definitions */
static unsigned int dataFlags(const char *name)
{
    return strcmp(name, "aliases") == 0 ? VIRT_DOMAIN_PARSE_STATUS : 0;
}

static char *assignLikeStart(virtDomain *def)
{
    virtDomainDevices *d = def->devices;
    int tap = 0, port = 5900;
    for (size_t i = 0; i < d->ninterface; i++) {
        virtDomainInterface *n = d->interface[i];
        if (n->type && (!strcmp(n->type, "ethernet") || !strcmp(n->type, "bridge") ||
                        !strcmp(n->type, "network")) &&
            !virtDomainModelIfaceTarget(n)) {
            char *tapname = virtAsprintf("vnet%d", tap++);
            virtDomainModelSetIfaceTarget(n, tapname);
            free(tapname);
        }
    }
    for (size_t i = 0; i < d->ngraphics; i++) {
        virtDomainGraphics *g = d->graphics[i];
        if (!strcmp(g->type, "vnc") && (g->vnc.port == -1 || !g->vnc.port_set)) {
            g->vnc.port = port++;
            g->vnc.port_set = true;
        }
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
    virtDomain *def = xml ? parseXMLFlags(xml, dataFlags(name), &err) : NULL;
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
        .emulator = def->devices->emulator ? def->devices->emulator : "/usr/bin/qemu-system-x86_64",
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
    virtDomainModelFree(def);
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
GOLDEN(seed_qemu, "seed-qemu")
GOLDEN(seed_net_user, "seed-net-user")
GOLDEN(seed_net_ethernet, "seed-net-ethernet")
GOLDEN(seed_net_bridge, "seed-net-bridge")
GOLDEN(seed_net_mcast, "seed-net-mcast")
GOLDEN(seed_net_server, "seed-net-server")
GOLDEN(seed_net_client, "seed-net-client")
GOLDEN(seed_net_network, "seed-net-network")
GOLDEN(seed_devices_misc, "seed-devices-misc")
GOLDEN(usb_controllers, "usb-controllers")
GOLDEN(usb_none, "usb-none")
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

static virtDomain *parseData(const char *name)
{
    char *path = virtAsprintf("%s/%s.xml", dataDir(), name);
    char *xml = virtFileRead(path, 1 << 20, NULL);
    virtXMLError err = { 0 };
    virtDomain *def = xml ? parseXMLFlags(xml, dataFlags(name), &err) : NULL;

    if (!def)
        printf("#   %s: %s\n", path, err.message ? err.message : "cannot read");
    virtXMLErrorClear(&err);
    free(xml);
    free(path);
    return def;
}

static const char *diskAlias(const virtDomainDisk *d)
{
    const char *a = virtDomainModelAliasName(d->alias);
    return a ? a : "";
}

static const char *netAlias(virtDomain *def, size_t i)
{
    const char *a = virtDomainModelAliasName(*virtDomainModelIfaceAliasSlot(def->devices->interface[i]));
    return a ? a : "";
}

/* What start assigns, and what hotplug picks next. */
static void alias_assignment(void)
{
    virtDomain *def = parseData("aliases");
    CHECK(def != NULL);
    if (!def)
        return;
    qemuAssignAliases(def);
    virtDomainDisk **disks = def->devices->disk;
    CHECK_STR(diskAlias(disks[0]), "virtio-disk0");
    CHECK_STR(diskAlias(disks[1]), "vdb");
    CHECK_STR(diskAlias(disks[2]), "hdc");
    CHECK_STR(netAlias(def, 0), "net1");
    CHECK_STR(netAlias(def, 1), "net0");
    CHECK_STR(netAlias(def, 2), "net2");
    CHECK_STR(netAlias(def, 3), "net7");
    /* the next interface gets the first free number */
    char *next = qemuNetAlias(def);
    CHECK_STR(next, "net3");
    free(next);
    /* a gap left by a removed interface is reused */
    virtDomainModelSetAlias(virtDomainModelIfaceAliasSlot(def->devices->interface[1]), virtStrdup("net9"));
    next = qemuNetAlias(def);
    CHECK_STR(next, "net0");
    free(next);
    /* a new disk is named after its target, unless that name is taken */
    virtDomainDiskTarget t = { .dev = (char *) "vdc" };
    virtDomainDisk d = { .target = &t };
    next = qemuDiskAlias(def, &d);
    CHECK_STR(next, "vdc");
    free(next);
    t.dev = (char *) "net7";
    next = qemuDiskAlias(def, &d);
    CHECK_STR(next, "disk0");
    free(next);
    /* assigning again changes nothing */
    qemuAssignAliases(def);
    CHECK_STR(netAlias(def, 1), "net9");
    CHECK_STR(diskAlias(def->devices->disk[2]), "hdc");
    virtDomainModelFree(def);
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

static virtDomainInterface *parseNet(const char *xml)
{
    virtXMLError err = { 0 };
    virtDomainModelDevice dev;
    virtDomainInterface *n = NULL;

    if (virtDomainModelParseDevice(xml, 0, &dev, &err) == 0) {
        n = dev.iface;
        dev.iface = NULL;
        virtDomainModelDeviceClear(&dev);
    }
    if (!n)
        printf("#   %s: %s\n", xml, err.message ? err.message : "not an interface");
    virtXMLErrorClear(&err);
    return n;
}

static void appendNet(virtDomain *def, virtDomainInterface *n)
{
    virtXMLError err = { 0 };
    CHECK(virtDomainModelAddInterface(def, n, qemuDomainDefaults(), &err) == 0);
    virtXMLErrorClear(&err);
}

static const char *ifaceSlot(virtDomainInterface *n)
{
    return slotOf(*virtDomainModelIfaceAddressSlot(n));
}

/* What start records in the live definition, what a hotplug gets next,
 * and that a detach frees the slot. */
static void pci_assignment(void)
{
    virtDomain *def = parseData("pci-addresses");
    char *errmsg = NULL, *live = NULL, *again = NULL;

    CHECK(def != NULL);
    if (!def)
        return;
    CHECK(qemuAssignPCIAddresses(def, &errmsg) == 0);
    if (errmsg)
        printf("#   %s\n", errmsg);
    qemuAssignAliases(def);
    virtDomainDevices *dv = def->devices;
    /* the SCSI disk's controller (added by the parse, after the ones
     * given) is a virtio-scsi one with the first free slot */
    CHECK(dv->ncontroller == 3);
    CHECK_STR(dv->controller[2]->type, "scsi");
    CHECK_STR(dv->controller[2]->scsi.model, "virtio-scsi");
    CHECK_STR(virtDomainModelAliasName(dv->controller[2]->alias), "scsi0");
    CHECK_STR(slotOf(dv->controller[2]->address), "0x3");
    CHECK_STR(slotOf(dv->controller[0]->address), "0x1");   /* the built-in IDE: as given */
    CHECK(dv->controller[1]->address == NULL);
    CHECK_STR(slotOf(dv->disk[0]->address), "0x6");
    CHECK(dv->disk[1]->address->pci.slot == 5 && !dv->disk[1]->address->pci.bus_set); /* kept as written */
    CHECK_STR(dv->disk[2]->address->type, "drive");          /* scsi: its drive address */
    CHECK_STR(dv->disk[3]->address->type, "drive");          /* ide */
    CHECK_STR(ifaceSlot(dv->interface[0]), "0x1f");
    CHECK_STR(ifaceSlot(dv->interface[1]), "0x7");
    CHECK(*virtDomainModelIfaceAddressSlot(dv->interface[2]) == NULL);   /* ne2k_isa */
    CHECK_STR(ifaceSlot(dv->interface[3]), "0x8");
    CHECK_STR(slotOf(dv->memballoon->address), "0x4");
    /* the live XML shows them the way libvirt writes them */
    live = virtDomainModelFormat(def, 0);
    CHECK(live && strstr(live, "<target dev='vda' bus='virtio'/>\n      <alias name='vda'/>\n"
                                "      <address type='pci' domain='0x0000' bus='0x00' slot='0x06' function='0x0'/>"));
    CHECK(live && strstr(live, "<controller type='scsi' index='0' model='virtio-scsi'>\n"
                                "      <alias name='scsi0'/>\n"
                                "      <address type='pci' domain='0x0000' bus='0x00' slot='0x03' function='0x0'/>\n"
                                "    </controller>"));
    /* assigning again (a restore, a migration) changes nothing */
    CHECK(qemuAssignPCIAddresses(def, &errmsg) == 0);
    again = virtDomainModelFormat(def, 0);
    CHECK_STR(again, live);
    free(again);

    /* hotplug: the first free slot; a detach frees its slot again */
    virtDomainInterface *n = parseNet("<interface type='user'><mac address='52:54:00:00:00:09'/></interface>");
    CHECK(n != NULL);
    if (n) {
        appendNet(def, n);
        CHECK(qemuAssignPCIAddresses(def, &errmsg) == 0);
        CHECK_STR(ifaceSlot(n), "0x9");
    }
    virtDomainModelRemoveDisk(def, 0);   /* vda, at 0x06 */
    n = parseNet("<interface type='user'><mac address='52:54:00:00:00:0a'/></interface>");
    if (n) {
        appendNet(def, n);
        CHECK(qemuAssignPCIAddresses(def, &errmsg) == 0);
        CHECK_STR(ifaceSlot(n), "0x6");
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
    virtDomainModelFree(def);
}

/* A domain with these devices, assigned as at start: NULL or the error. */
static char *assignError(const char *devices)
{
    char *xml = virtAsprintf("<domain type='qemu'><name>p</name><memory>1024</memory>"
                             "<os><type>hvm</type></os><devices>%s</devices></domain>", devices);
    virtXMLError err = { 0 };
    virtDomain *def = parseXML(xml, &err);
    char *errmsg = NULL;

    if (!def)
        errmsg = virtAsprintf("parse: %s", err.message ? err.message : "?");
    else if (qemuAssignPCIAddresses(def, &errmsg) == 0)
        errmsg = NULL;
    virtDomainModelFree(def);
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
                     "Invalid address type 'pci' for the disk 'hda' with the bus type 'ide'");  /* the parse's */
    checkAssignError("<interface type='user'><mac address='52:54:00:00:00:01'/><model type='ne2k_isa'/>"
                     PCI_SLOT("0x05") "</interface>",
                     "interface '52:54:00:00:00:01' is not a PCI device");
    checkAssignError("<memballoon model='virtio'>" PCI_SLOT("0x05") "</memballoon>" VDA_AT(PCI_SLOT("0x05")),
                     "PCI slot 0x05 of the memory balloon is already taken by disk 'vda'");
    checkAssignError("<controller type='scsi' index='0'>" PCI_SLOT("0x09") "</controller>"
                     "<interface type='user'><mac address='52:54:00:00:00:01'/>" PCI_SLOT("0x09") "</interface>",
                     "PCI slot 0x09 of interface '52:54:00:00:00:01' is already taken by SCSI controller 0");
    /* 29 slots (0x03-0x1f) for 29 NICs; a 30th finds none */
    virtBuf b = { 0 };
    for (int i = 0; i < 29; i++)
        virtBufAdd(&b, "<interface type='user'/>");
    char *nics = virtBufSteal(&b);
    checkAssignError(nics, NULL);
    char *more = virtAsprintf("%s<interface type='user'/>", nics);
    /* (each interface is named by the MAC the parse gave it) */
    checkAssignError(more, "': slots 0x03 to 0x1f are all taken");
    free(nics);
    free(more);
}

/* A definition that did not go through the assignment has no slot to
 * give QEMU: refused, never left to QEMU's own order. */
static void pci_slots_required(void)
{
    virtDomain *def = parseData("seed-net-user");
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
    virtDomainModelFree(def);
}

/* Without aliases there is no id to give QEMU: refused, never guessed. */
static void aliases_required(void)
{
    virtDomain *def = parseData("seed-net-user");
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
    virtDomainModelFree(def);
}

/* An interface on a network is a tap, as a bridged one (the bridge is
 * the network's, found when the guest starts). */
static void network_tap_backend(void)
{
    char *got = render("seed-net-network");
    CHECK(strstr(got, "tap,id=hostnet0,ifname=vnet0,script=no,downscript=no") != NULL);
    CHECK(strstr(got, "tap,id=hostnet1,ifname=vnet1,script=no,downscript=no") != NULL);
    free(got);
}

/* An interface without a MAC gets one in QEMU's 52:54:00 range. */
static void mac_generation(void)
{
    virtXMLError err = { 0 };
    virtDomain *def = parseXML("<domain type='qemu'><name>m</name><memory>1024</memory>"
                               "<os><type>hvm</type></os><devices><interface type='user'/>"
                               "<interface type='user'/></devices></domain>", &err);
    CHECK(def != NULL);
    if (def) {
        const char *a = virtDomainModelIfaceMAC(def->devices->interface[0]);
        const char *b = virtDomainModelIfaceMAC(def->devices->interface[1]);
        CHECK(a && strncmp(a, "52:54:00:", 9) == 0 && strlen(a) == 17);
        CHECK(a && b && strcmp(a, b) != 0);
    }
    virtDomainModelFree(def);
    virtXMLErrorClear(&err);
}

int main(void)
{
    TEST_RUN(seed_kvm);
    TEST_RUN(seed_qemu);
    TEST_RUN(seed_net_user);
    TEST_RUN(seed_net_ethernet);
    TEST_RUN(seed_net_bridge);
    TEST_RUN(seed_net_mcast);
    TEST_RUN(seed_net_server);
    TEST_RUN(seed_net_client);
    TEST_RUN(seed_net_network);
    TEST_RUN(seed_devices_misc);
    TEST_RUN(usb_controllers);
    TEST_RUN(usb_none);
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
    TEST_RUN(network_tap_backend);
    TEST_RUN(mac_generation);
    TEST_DONE();
}
