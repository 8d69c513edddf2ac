/* qemu_command.c: a domain definition -> the QEMU command line. One pure
 * function: everything the host decides (emulator, MACs, tap names, VNC
 * ports, socket paths) is already in the definition or the context, so
 * the result is testable against golden files. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qemu_driver.h"
#include "util.h"

typedef struct argvBuilder {
    char **argv;
    size_t n, cap;
} argvBuilder;

static void addArg(argvBuilder *a, const char *s)
{
    if (a->n + 2 > a->cap) {
        a->cap = a->cap ? a->cap * 2 : 32;
        a->argv = virtRealloc(a->argv, a->cap * sizeof(char *));
    }
    a->argv[a->n++] = virtStrdup(s);
    a->argv[a->n] = NULL;
}

static void addArgTaken(argvBuilder *a, char *s)
{
    addArg(a, s);
    free(s);
}

static void addPair(argvBuilder *a, const char *opt, const char *val)
{
    addArg(a, opt);
    addArg(a, val);
}

void qemuArgvFree(char **argv)
{
    if (!argv)
        return;
    for (char **p = argv; *p; p++)
        free(*p);
    free(argv);
}

/* QEMU's option parser splits on commas: a comma in a value is doubled. */
static char *escapeCommas(const char *s)
{
    virtBuf b = { 0 };
    for (; s && *s; s++) {
        if (*s == ',')
            virtBufAdd(&b, ",");
        virtBufAddLen(&b, s, 1);
    }
    return virtBufSteal(&b);
}

static bool streq(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

/* The parse gives every disk with a target its bus; one built in code
 * may lack it. */
const char *qemuDiskBus(const virtDomainDisk *d)
{
    const char *target = virtDomainModelDiskTarget(d);
    if (d->target && d->target->bus)
        return d->target->bus;
    if (target && strncmp(target, "vd", 2) == 0)
        return "virtio";
    if (target && strncmp(target, "sd", 2) == 0)
        return "scsi";
    if (target && strncmp(target, "fd", 2) == 0)
        return "fdc";
    return "ide";
}

static const char *diskDevice(const virtDomainDisk *d)
{
    return d->device ? d->device : "disk";
}

static const char *aliasOf(const virtDomainDeviceAlias *a)
{
    return virtDomainModelAliasName(a);
}

/* Interface parts the command line reads; a host device interface has
 * none of them (the command line refuses that type). */
static const char *ifaceModel(const virtDomainInterface *n)
{
    return n->other.model ? n->other.model->type : NULL;
}

static const char *ifaceAlias(virtDomainInterface *n)
{
    return aliasOf(*virtDomainModelIfaceAliasSlot(n));
}

/* Device aliases: the id QEMU knows each disk and interface by, kept in
 * the live definition and shown as <alias name=.../>, so hot-unplug names
 * exactly the device QEMU has. Interfaces are net0, net1, ... (first free
 * number), their backends "host" + alias (hostnet0). A disk keeps the id
 * it always had, its target (vda, hdc; "diskN" if that is taken or not a
 * valid id), and its drive is "drive-" + alias. */

/* QEMU ids: a letter, then letters, digits, '-', '.' or '_'. */
static bool validId(const char *s)
{
    if (!s || !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '-' || *s == '.' || *s == '_'))
            return false;
    return true;
}

/* prefix0, prefix1, ...: the first no device of def has. */
static char *newAlias(const virtDomain *def, const char *prefix)
{
    for (unsigned int n = 0;; n++) {
        char *alias = virtAsprintf("%s%u", prefix, n);
        if (!virtDomainModelAliasInUse(def, alias))
            return alias;
        free(alias);
    }
}

char *qemuNetAlias(const virtDomain *def)
{
    return newAlias(def, "net");
}

char *qemuDiskAlias(const virtDomain *def, const virtDomainDisk *d)
{
    const char *target = virtDomainModelDiskTarget(d);
    if (validId(target) && !virtDomainModelAliasInUse(def, target))
        return virtStrdup(target);
    return newAlias(def, "disk");
}

/* The alias of device k: disks first, then interfaces. */
static virtDomainDeviceAlias **aliasSlot(virtDomain *def, size_t k)
{
    virtDomainDevices *d = def->devices;
    return k < d->ndisk ? &d->disk[k]->alias : virtDomainModelIfaceAliasSlot(d->interface[k - d->ndisk]);
}

/* Aliases present (a saved guest's live XML, a migrating guest's) are
 * kept when usable, so its new QEMU has the ids the old one had. SCSI
 * controllers are always scsiN after their index: the disks name their
 * bus by it. */
void qemuAssignAliases(virtDomain *def)
{
    virtDomainDevices *d = def->devices;
    size_t n, k;
    virtDomainDeviceAlias **given;

    if (!d)
        return;
    n = d->ndisk + d->ninterface;
    for (k = 0; k < d->ncontroller; k++) {
        virtDomainController *c = d->controller[k];
        if (streq(c->type, "scsi"))
            virtDomainModelSetAlias(&c->alias, virtAsprintf("scsi%u", c->index));
    }
    given = virtAlloc((n + 1) * sizeof(*given));

    /* Take them all out, then let them back in device order: one QEMU
     * would refuse is dropped, so is the second of two equal ones. */
    for (k = 0; k < n; k++) {
        given[k] = *aliasSlot(def, k);
        *aliasSlot(def, k) = NULL;
    }
    for (k = 0; k < n; k++) {
        if (given[k] && validId(given[k]->name) && !virtDomainModelAliasInUse(def, given[k]->name))
            *aliasSlot(def, k) = given[k];
        else
            virtDomainModelSetAlias(&given[k], NULL);
    }
    free(given);
    for (k = 0; k < d->ndisk; k++)
        if (!aliasOf(d->disk[k]->alias))
            virtDomainModelSetAlias(&d->disk[k]->alias, qemuDiskAlias(def, d->disk[k]));
    for (k = 0; k < d->ninterface; k++) {
        virtDomainDeviceAlias **slot = virtDomainModelIfaceAliasSlot(d->interface[k]);
        if (!aliasOf(*slot))
            virtDomainModelSetAlias(slot, qemuNetAlias(def));
    }
}

/* The alias; a definition without one (never given to QEMU by this
 * driver) falls back to the target, the id disks had before aliases. */
static const char *diskId(const virtDomainDisk *d)
{
    const char *alias = aliasOf(d->alias), *target = virtDomainModelDiskTarget(d);
    return alias ? alias : target ? target : "disk";
}

char *qemuDiskDriveId(const virtDomainDisk *d)
{
    return virtAsprintf("drive-%s", diskId(d));
}

/* ---- PCI addresses ---------------------------------------------------
 * QEMU places a device without addr= in the first free slot, in command
 * line order; a guest restored from a save file (or migrated) whose
 * devices came in another order, after a hotplug, would not find its
 * devices where the saved state has them. So every PCI device gets its
 * slot in the live definition, and the slot goes on the command line.
 *
 * Layout of bus 0 of the 'pc' machine: slot 0 the host bridge, slot 1
 * the PIIX3 (its IDE, USB and power management functions), slot 2 the
 * VGA device QEMU creates for -vga before any -device. Free slots are
 * given from 3 up; slot 2 only to a user who asks for it on a guest
 * without graphics. One function per device (no multifunction). */
#define PCI_SLOTS 32
#define PCI_FIRST_FREE 3

/* NIC models QEMU puts elsewhere than on the PCI bus. */
static bool nicIsPCI(const virtDomainInterface *n)
{
    const char *model = ifaceModel(n);
    return !model || (strcmp(model, "ne2k_isa") != 0 && strcmp(model, "usb-net") != 0);
}

static bool scsiController(const virtDomainController *c)
{
    return streq(c->type, "scsi");
}

/* The USB controllers QEMU is given as devices (each a PCI function),
 * with the QEMU device for each model; an ich9 UHCI is a companion of
 * the EHCI controller of its index, and takes its ports from firstport. */
static const struct { const char *model, *device; int firstport; } usbModels[] = {
    { "qemu-xhci", "qemu-xhci", -1 },
    { "nec-xhci", "nec-usb-xhci", -1 },
    { "ich9-ehci1", "ich9-usb-ehci1", -1 },
    { "ich9-uhci1", "ich9-usb-uhci1", 0 },
    { "ich9-uhci2", "ich9-usb-uhci2", 2 },
    { "ich9-uhci3", "ich9-usb-uhci3", 4 },
};

static int usbModel(const virtDomainController *c)
{
    if (!streq(c->type, "usb") || !c->usb.model)
        return -1;
    for (size_t i = 0; i < sizeof(usbModels) / sizeof(usbModels[0]); i++)
        if (strcmp(c->usb.model, usbModels[i].model) == 0)
            return (int) i;
    return -1;
}

/* The SCSI disks hang from controller 0, which the parse adds for their
 * drive addresses (one built in code may lack it); QEMU's is a
 * virtio-scsi one unless the definition says otherwise. */
static void scsiDefaults(virtDomain *def)
{
    virtDomainDevices *d = def->devices;
    bool need = false;
    size_t i;

    for (i = 0; i < d->ndisk && !need; i++)
        need = strcmp(qemuDiskBus(d->disk[i]), "scsi") == 0;
    for (i = 0; i < d->ncontroller && need; i++)
        if (scsiController(d->controller[i]) && d->controller[i]->index == 0)
            need = false;
    if (need) {
        virtDomainController *c = virtAlloc(sizeof(*c));
        c->type = virtStrdup("scsi");
        c->index_set = true;
        d->controller = virtRealloc(d->controller, (d->ncontroller + 1) * sizeof(*d->controller));
        memmove(d->controller + 1, d->controller, d->ncontroller * sizeof(*d->controller));
        d->controller[0] = c;
        d->ncontroller++;
    }
    for (i = 0; i < d->ncontroller; i++)
        if (scsiController(d->controller[i]) && !d->controller[i]->scsi.model)
            d->controller[i]->scsi.model = virtStrdup("virtio-scsi");
}

/* A device that may carry an address: where it is kept, whether QEMU
 * puts it on the PCI bus, and how to name it in a message. */
typedef struct pciDevice {
    virtDomainDeviceAddress **addr;
    bool pci;
    char *what;
} pciDevice;

/* The devices of def in command line order. The controllers QEMU has
 * built in (or that the command line refuses) are left out: their
 * addresses describe the machine and are not checked. */
static pciDevice *pciDevices(virtDomain *def, size_t *n)
{
    virtDomainDevices *dv = def->devices;
    size_t max = dv->ncontroller + dv->ndisk + dv->ninterface + 1, i;
    pciDevice *list = virtAlloc(max * sizeof(*list));

    *n = 0;
    for (i = 0; i < dv->ncontroller; i++) {
        virtDomainController *c = dv->controller[i];
        if (scsiController(c))
            list[(*n)++] = (pciDevice) { &c->address, true, virtAsprintf("SCSI controller %u", c->index) };
        else if (usbModel(c) >= 0)
            list[(*n)++] = (pciDevice) { &c->address, true, virtAsprintf("USB controller %u (%s)", c->index,
                                                                            c->usb.model) };
    }
    for (i = 0; i < dv->ndisk; i++) {
        virtDomainDisk *d = dv->disk[i];
        const char *target = virtDomainModelDiskTarget(d);
        list[(*n)++] = (pciDevice) { &d->address, strcmp(qemuDiskBus(d), "virtio") == 0,
                                     virtAsprintf("disk '%s'", target ? target : "?") };
    }
    for (i = 0; i < dv->ninterface; i++) {
        virtDomainInterface *nd = dv->interface[i];
        const char *mac = virtDomainModelIfaceMAC(nd);
        list[(*n)++] = (pciDevice) { virtDomainModelIfaceAddressSlot(nd), nicIsPCI(nd),
                                     mac ? virtAsprintf("interface '%s'", mac)
                                         : virtAsprintf("interface %zu", i) };
    }
    if (dv->memballoon && streq(dv->memballoon->model, "virtio"))
        list[(*n)++] = (pciDevice) { &dv->memballoon->address, true, virtStrdup("the memory balloon") };
    return list;
}

/* The numbers of a type='pci' address; -1 for none or another type.
 * has_slot: the slot was written (without one, any slot will do). */
static int pciAddressGet(const virtDomainDeviceAddress *a, unsigned int out[4], int *has_slot)
{
    if (!a || !streq(a->type, "pci"))
        return -1;
    out[0] = a->pci.domain;
    out[1] = a->pci.bus;
    out[2] = a->pci.slot;
    out[3] = a->pci.function;
    *has_slot = a->pci.slot_set;
    return 0;
}

/* Check every address given, then give each PCI device without a slot
 * the first free one. */
int qemuAssignPCIAddresses(virtDomain *def, char **errmsg)
{
    const char *owner[PCI_SLOTS] = { "the host bridge", "the PIIX3 chipset" };
    size_t n = 0, i;
    pciDevice *devs;
    int ret = -1;

    *errmsg = NULL;
    if (!def->devices)
        def->devices = virtAlloc(sizeof(*def->devices));
    scsiDefaults(def);
    if (def->devices->ngraphics)
        owner[2] = "the VGA device";
    devs = pciDevices(def, &n);
    for (i = 0; i < n; i++) {
        unsigned int pa[4];
        int has_slot = 0;
        const virtDomainDeviceAddress *a = *devs[i].addr;
        bool isPci = a && streq(a->type, "pci");

        if (!a || !devs[i].pci) {
            if (isPci) {
                *errmsg = virtAsprintf("%s is not a PCI device: it cannot have a PCI address", devs[i].what);
                goto cleanup;
            }
            continue;
        }
        if (!isPci || pciAddressGet(a, pa, &has_slot) < 0) {
            *errmsg = virtAsprintf("%s is a PCI device: its address must be of type 'pci', not '%s'",
                                   devs[i].what, a->type ? a->type : "");
            goto cleanup;
        }
        if (!has_slot)
            continue;   /* any slot will do */
        if (pa[0] != 0 || pa[1] != 0) {
            *errmsg = virtAsprintf("%s: PCI address %04x:%02x:%02x.%x is not on bus 0 of domain 0, "
                                   "the only PCI bus of this guest", devs[i].what,
                                   pa[0], pa[1], pa[2], pa[3]);
            goto cleanup;
        }
        if (pa[2] >= PCI_SLOTS) {
            *errmsg = virtAsprintf("%s: PCI slot 0x%02x does not exist", devs[i].what, pa[2]);
            goto cleanup;
        }
        if (pa[3] != 0) {
            *errmsg = virtAsprintf("%s: PCI function %u of slot 0x%02x: multifunction devices "
                                   "are not supported", devs[i].what, pa[3], pa[2]);
            goto cleanup;
        }
        if (owner[pa[2]]) {
            *errmsg = virtAsprintf("PCI slot 0x%02x of %s is already taken by %s",
                                   pa[2], devs[i].what, owner[pa[2]]);
            goto cleanup;
        }
        owner[pa[2]] = devs[i].what;
    }
    for (i = 0; i < n; i++) {
        unsigned int pa[4], slot;
        int has_slot = 0;

        if (!devs[i].pci || (pciAddressGet(*devs[i].addr, pa, &has_slot) == 0 && has_slot))
            continue;
        for (slot = PCI_FIRST_FREE; slot < PCI_SLOTS && owner[slot]; slot++)
            ;
        if (slot == PCI_SLOTS) {
            *errmsg = virtAsprintf("no free PCI slot for %s: slots 0x%02x to 0x%02x are all taken",
                                   devs[i].what, PCI_FIRST_FREE, PCI_SLOTS - 1);
            goto cleanup;
        }
        virtDomainModelAddressFree(*devs[i].addr);
        *devs[i].addr = virtDomainModelPCIAddressNew(0, 0, slot, 0);
        owner[slot] = devs[i].what;
    }
    ret = 0;
 cleanup:
    for (i = 0; i < n; i++)
        free(devs[i].what);
    free(devs);
    return ret;
}

char *qemuPCISlot(const virtDomainDeviceAddress *a)
{
    unsigned int pa[4];
    int has_slot = 0;

    if (pciAddressGet(a, pa, &has_slot) < 0 || !has_slot)
        return NULL;
    return virtAsprintf("0x%x", pa[2]);
}

/* ",addr=0xN" for a -device option; -1 with errmsg when the device was
 * never given a slot (the definition did not go through the assignment). */
static int addrOpt(const virtDomainDeviceAddress *a, const char *what, char **opt, char **errmsg)
{
    char *slot = qemuPCISlot(a);

    if (!slot) {
        *errmsg = virtAsprintf("%s has no PCI slot", what);
        return -1;
    }
    *opt = virtAsprintf(",addr=%s", slot);
    free(slot);
    return 0;
}

/* Index of a target within its family: hda=0, hdb=1, vdc=2 ... */
static int targetIndex(const char *target)
{
    if (!target || strlen(target) < 3)
        return 0;
    int idx = 0;
    for (const char *p = target + 2; *p; p++)
        idx = idx * 26 + (*p - 'a') + (p == target + 2 ? 0 : 1);
    return idx;
}

char *qemuDiskDriveArg(const virtDomainDisk *d)
{
    virtBuf b = { 0 };
    char *id = qemuDiskDriveId(d);
    const char *format = d->driver && d->driver->type ? d->driver->type : "raw";
    const char *source = virtDomainModelDiskSource(d);

    if (source) {
        char *src = escapeCommas(source);
        virtBufPrintf(&b, "file=%s,format=%s,", src, format);
        free(src);
    }
    virtBufPrintf(&b, "if=none,id=%s", id);
    if (d->readonly || strcmp(diskDevice(d), "cdrom") == 0)
        virtBufAdd(&b, ",readonly=on");
    if (d->shareable)
        virtBufAdd(&b, ",cache=none");
    free(id);
    return virtBufSteal(&b);
}

char *qemuDiskDeviceArg(const virtDomainDisk *d, int index)
{
    const char *bus = qemuDiskBus(d);
    char *id = qemuDiskDriveId(d);
    const char *devid = diskId(d);
    int idx = targetIndex(virtDomainModelDiskTarget(d));
    bool cdrom = strcmp(diskDevice(d), "cdrom") == 0;
    char *arg;

    if (strcmp(bus, "virtio") == 0) {
        char *slot = qemuPCISlot(d->address);
        arg = virtAsprintf("virtio-blk-pci,drive=%s,id=%s%s%s", id, devid, slot ? ",addr=" : "",
                           slot ? slot : "");
        free(slot);
    } else if (strcmp(bus, "scsi") == 0) {
        arg = virtAsprintf("%s,bus=scsi0.0,scsi-id=%d,drive=%s,id=%s",
                           cdrom ? "scsi-cd" : "scsi-hd", idx, id, devid);
    } else if (strcmp(bus, "fdc") == 0 || strcmp(diskDevice(d), "floppy") == 0) {
        arg = virtAsprintf("floppy,unit=%d,drive=%s,id=%s", idx, id, devid);
    } else {
        arg = virtAsprintf("%s,bus=ide.%d,unit=%d,drive=%s,id=%s",
                           cdrom ? "ide-cd" : "ide-hd", idx / 2, idx % 2, id, devid);
    }
    free(id);
    return arg;
}

static char bootLetter(const char *dev)
{
    if (strcmp(dev, "hd") == 0)
        return 'c';
    if (strcmp(dev, "cdrom") == 0)
        return 'd';
    if (strcmp(dev, "fd") == 0)
        return 'a';
    if (strcmp(dev, "network") == 0)
        return 'n';
    return 0;
}

static const char *nicModel(const virtDomainInterface *n)
{
    const char *model = ifaceModel(n);
    if (!model)
        return "rtl8139";
    if (strcmp(model, "virtio") == 0)
        return "virtio-net-pci";
    return model;
}

static int addNet(argvBuilder *a, virtDomainInterface *n, size_t i, char **errmsg)
{
    const char *type = n->type ? n->type : "user";
    const char *alias = ifaceAlias(n), *target = virtDomainModelIfaceTarget(n);
    const char *mac = virtDomainModelIfaceMAC(n);
    const virtDomainIfaceSource *src = n->other.source;
    char *backend = NULL;

    if (!alias) {
        *errmsg = virtAsprintf("interface %zu has no alias", i);
        return -1;
    }
    if (strcmp(type, "user") == 0) {
        backend = virtAsprintf("user,id=host%s", alias);
    } else if (strcmp(type, "ethernet") == 0 || strcmp(type, "bridge") == 0 || strcmp(type, "network") == 0) {
        const char *path = n->other.script ? n->other.script->path : NULL;
        if (!target) {
            *errmsg = virtAsprintf("interface %zu has no tap device name", i);
            return -1;
        }
        char *script = escapeCommas(strcmp(type, "ethernet") == 0 && path ? path : "no");
        backend = virtAsprintf("tap,id=host%s,ifname=%s,script=%s,downscript=no",
                               alias, target, script);
        free(script);
    } else if (strcmp(type, "mcast") == 0 || strcmp(type, "server") == 0 ||
               strcmp(type, "client") == 0) {
        const char *mode = type[0] == 'm' ? "mcast" : type[0] == 's' ? "listen" : "connect";
        if (!src || !src->address || !src->port) {
            *errmsg = virtAsprintf("interface %zu of type '%s' needs a source address and port", i, type);
            return -1;
        }
        backend = virtAsprintf("socket,id=host%s,%s=%s:%u", alias, mode, src->address, src->port);
    } else {
        *errmsg = virtAsprintf("unsupported interface type '%s'", type);
        return -1;
    }
    char *addr = NULL;
    if (nicIsPCI(n)) {
        char *what = virtAsprintf("interface %zu", i);
        int rc = addrOpt(*virtDomainModelIfaceAddressSlot(n), what, &addr, errmsg);
        free(what);
        if (rc < 0) {
            free(backend);
            return -1;
        }
    }
    addPair(a, "-netdev", backend);
    free(backend);
    addPair(a, "-device", "");
    free(a->argv[a->n - 1]);
    a->argv[a->n - 1] = virtAsprintf("%s,netdev=host%s,id=%s%s%s%s", nicModel(n), alias, alias,
                                     mac ? ",mac=" : "", mac ? mac : "", addr ? addr : "");
    free(addr);
    return 0;
}

/* Character devices: a backend (-chardev) and the device using it. */
static int addChrBackend(argvBuilder *a, const char *type, virtDomainChrSource *const *source,
                         size_t nsource, const char *id, char **errmsg)
{
    const char *path = nsource ? source[0]->path : NULL;
    char *arg;

    if (!type)
        type = "pty";

    if (strcmp(type, "pty") == 0)
        arg = virtAsprintf("pty,id=%s", id);
    else if (strcmp(type, "null") == 0)
        arg = virtAsprintf("null,id=%s", id);
    else if (strcmp(type, "vc") == 0)
        arg = virtAsprintf("vc,id=%s", id);
    else if (strcmp(type, "stdio") == 0)
        arg = virtAsprintf("stdio,id=%s", id);
    else if ((strcmp(type, "file") == 0 || strcmp(type, "pipe") == 0 || strcmp(type, "dev") == 0) &&
             path) {
        char *p = escapeCommas(path);
        arg = virtAsprintf("%s,id=%s,path=%s", strcmp(type, "dev") == 0 ? "serial" : type, id, p);
        free(p);
    } else {
        *errmsg = virtAsprintf("unsupported character device type '%s'", type);
        return -1;
    }
    addPair(a, "-chardev", arg);
    free(arg);
    return 0;
}

/* The parse made a console's serial port (hvm guests), so the serial
 * ports are the whole list. */
static int addSerials(argvBuilder *a, const virtDomain *def, char **errmsg)
{
    const virtDomainDevices *d = def->devices;
    size_t i;

    for (i = 0; i < d->nserial; i++) {
        const virtDomainSerial *s = d->serial[i];
        char *id = virtAsprintf("charserial%zu", i);
        int rc = addChrBackend(a, s->type, s->source, s->nsource, id, errmsg);
        if (rc == 0)
            addArgTaken(a, virtAsprintf("-device"));
        if (rc == 0)
            addArgTaken(a, virtAsprintf("isa-serial,chardev=%s,id=serial%zu", id, i));
        free(id);
        if (rc < 0)
            return -1;
    }
    for (i = 0; i < d->nparallel; i++) {
        const virtDomainParallel *p = d->parallel[i];
        char *id = virtAsprintf("charparallel%zu", i);
        int rc = addChrBackend(a, p->type, p->source, p->nsource, id, errmsg);
        if (rc == 0) {
            addArg(a, "-device");
            addArgTaken(a, virtAsprintf("isa-parallel,chardev=%s,id=parallel%zu", id, i));
        }
        free(id);
        if (rc < 0)
            return -1;
    }
    return 0;
}

/* The model a controller's type variant holds. */
static const char *controllerModel(const virtDomainController *c)
{
    if (streq(c->type, "scsi"))
        return c->scsi.model;
    if (streq(c->type, "usb"))
        return c->usb.model;
    if (streq(c->type, "pci"))
        return c->pci.model;
    if (streq(c->type, "ide"))
        return c->ide.model;
    return NULL;
}

/* Controllers: a SCSI one is QEMU's virtio-scsi-pci; the IDE, floppy
 * and USB (UHCI) controllers and the PCI root are built into the
 * machine, so their elements only describe what is there. The
 * virtio-serial one the parse adds for channels is left out with them:
 * channels are kept in the definition but not given to QEMU. */
static int addControllers(argvBuilder *a, const virtDomain *def, char **errmsg)
{
    const virtDomainDevices *d = def->devices;
    bool scsi0 = false;
    size_t i, k;

    for (i = 0; i < d->ncontroller; i++) {
        const virtDomainController *c = d->controller[i];
        const char *model = controllerModel(c);
        unsigned int idx = c->index;

        if (streq(c->type, "scsi")) {
            if (model && strcmp(model, "virtio-scsi") != 0) {
                *errmsg = virtAsprintf("SCSI controller model '%s' is not supported: use 'virtio-scsi'", model);
                return -1;
            }
            for (k = 0; k < i; k++) {
                const virtDomainController *o = d->controller[k];
                if (streq(o->type, "scsi") && o->index == idx) {
                    *errmsg = virtAsprintf("two SCSI controllers have index %u", idx);
                    return -1;
                }
            }
            char *what = virtAsprintf("SCSI controller %u", idx), *addr = NULL;
            int rc = addrOpt(c->address, what, &addr, errmsg);
            free(what);
            if (rc < 0)
                return -1;
            addArg(a, "-device");
            addArgTaken(a, virtAsprintf("virtio-scsi-pci,id=scsi%u%s", idx, addr));
            free(addr);
            scsi0 = scsi0 || idx == 0;
        } else if (usbModel(c) >= 0) {
            continue;   /* below, companions after their master */
        } else if (streq(c->type, "usb") && c->usb.model && strcmp(c->usb.model, "none") == 0) {
            continue;   /* a guest without USB */
        } else if (streq(c->type, "ide") || streq(c->type, "fdc") || streq(c->type, "virtio-serial") ||
                   (streq(c->type, "pci") && (!model || strcmp(model, "pci-root") == 0)) ||
                   (streq(c->type, "usb") && (!model || strcmp(model, "piix3-uhci") == 0))) {
            continue;   /* built in */
        } else {
            *errmsg = virtAsprintf("controller type '%s'%s%s%s is not supported by the QEMU driver",
                                   c->type, model ? " (model '" : "", model ? model : "", model ? "')" : "");
            return -1;
        }
    }
    for (int pass = 0; pass < 2; pass++) {
        for (i = 0; i < d->ncontroller; i++) {
            const virtDomainController *c = d->controller[i];
            int m = usbModel(c);
            if (m < 0 || (usbModels[m].firstport >= 0) != (pass == 1))
                continue;
            char *what = virtAsprintf("USB controller %u", c->index), *addr = NULL;
            int rc = addrOpt(c->address, what, &addr, errmsg);
            free(what);
            if (rc < 0)
                return -1;
            addArg(a, "-device");
            if (pass == 1)
                addArgTaken(a, virtAsprintf("%s,masterbus=usb%u.0,firstport=%d,id=usb%u-%d%s",
                                            usbModels[m].device, c->index, usbModels[m].firstport,
                                            c->index, usbModels[m].firstport, addr));
            else
                addArgTaken(a, virtAsprintf("%s,id=usb%u%s", usbModels[m].device, c->index, addr));
            free(addr);
        }
    }
    for (i = 0; i < d->ndisk; i++) {
        if (strcmp(qemuDiskBus(d->disk[i]), "scsi") == 0 && !scsi0) {
            const char *target = virtDomainModelDiskTarget(d->disk[i]);
            *errmsg = virtAsprintf("disk '%s' is on the SCSI bus, but the guest has no SCSI controller 0",
                                   target ? target : "?");
            return -1;
        }
    }
    return 0;
}

static int addGraphics(argvBuilder *a, const virtDomain *def, char **errmsg)
{
    const virtDomainDevices *d = def->devices;
    bool vga = false, display = false;

    for (size_t i = 0; i < d->ngraphics; i++) {
        const virtDomainGraphics *g = d->graphics[i];
        if (streq(g->type, "vnc")) {
            if (!g->vnc.port_set || g->vnc.port < 5900) {
                *errmsg = virtAsprintf("VNC port %d is not allocated (ports start at 5900)",
                                       g->vnc.port_set ? g->vnc.port : 0);
                return -1;
            }
            const char *listen = g->vnc.listen ? g->vnc.listen : "127.0.0.1";
            bool v6 = strchr(listen, ':') != NULL;
            char *arg = virtAsprintf("%s%s%s:%d", v6 ? "[" : "", listen, v6 ? "]" : "", g->vnc.port - 5900);
            if (g->vnc.keymap) {
                char *k = virtAsprintf("%s,keymap=%s", arg, g->vnc.keymap);
                free(arg);
                arg = k;
            }
            addPair(a, "-vnc", arg);
            free(arg);
            vga = true;
        } else if (streq(g->type, "sdl")) {
            addPair(a, "-display", "sdl");
            display = true;
            vga = true;
        } else {
            *errmsg = virtAsprintf("unsupported graphics type '%s'", g->type);
            return -1;
        }
    }
    if (!display)
        addPair(a, "-display", "none");
    if (vga)
        addPair(a, "-vga", "std");
    return 0;
}

/* -rtc base= for the offsets QEMU takes by name. */
static const char *rtcBase(const virtDomain *def)
{
    const char *offset = def->clock ? def->clock->offset : NULL;
    return streq(offset, "utc") || streq(offset, "localtime") ? offset : NULL;
}

char **qemuBuildCommandLine(const virtDomain *def, const qemuCommandContext *ctx,
                            char **errmsg)
{
    static const virtDomainDevices none = { 0 };
    const virtDomainDevices *dv = def->devices ? def->devices : &none;
    const virtDomainOs *os = def->os;
    const char *machine = os && os->type ? os->type->machine : NULL;
    argvBuilder a = { 0 };
    char uuid[VIRT_UUID_STRLEN];
    virtBuf b = { 0 };
    size_t i;

    *errmsg = NULL;
    if (streq(def->type, "kqemu")) {
        *errmsg = virtStrdup("domain type 'kqemu' is not supported: use 'qemu' or 'kvm'");
        goto error;
    }
    if (!def->devices) {
        *errmsg = virtStrdup("the definition has no <devices> (it did not come from a parse)");
        goto error;
    }
    addArg(&a, ctx->emulator);
    char *name = escapeCommas(def->name);
    addPair(&a, "-name", "");
    free(a.argv[a.n - 1]);
    a.argv[a.n - 1] = virtAsprintf("guest=%s,debug-threads=on", name);
    free(name);
    addArg(&a, "-S");

    if (machine)
        virtBufPrintf(&b, "%s,", machine);
    virtBufPrintf(&b, "accel=%s", streq(def->type, "kvm") ? "kvm" : "tcg");
    if (!def->features || !def->features->acpi)
        virtBufAdd(&b, ",acpi=off");
    addArg(&a, "-machine");
    addArgTaken(&a, virtBufSteal(&b));

    addArgTaken(&a, virtStrdup("-m"));
    addArgTaken(&a, virtAsprintf("size=%lluk", virtDomainModelMaxMemory(def)));
    addArg(&a, "-smp");
    addArgTaken(&a, virtAsprintf("%u", virtDomainModelVcpus(def)));
    virtUUIDFormat(def->uuid, uuid);
    addPair(&a, "-uuid", uuid);
    addArg(&a, "-no-user-config");
    addArg(&a, "-nodefaults");

    addArg(&a, "-chardev");
    char *mon = escapeCommas(ctx->monitor_path);
    addArgTaken(&a, virtAsprintf("socket,id=charmonitor,path=%s,server=on,wait=off", mon));
    free(mon);
    addPair(&a, "-mon", "chardev=charmonitor,id=monitor,mode=control");
    if (ctx->pid_path)
        addPair(&a, "-pidfile", ctx->pid_path);
    if (rtcBase(def))
        addArgTaken(&a, virtStrdup("-rtc")), addArgTaken(&a, virtAsprintf("base=%s", rtcBase(def)));
    if (def->on_reboot && strcmp(def->on_reboot, "restart") != 0)
        addArg(&a, "-no-reboot");
    if (streq(def->on_poweroff, "preserve"))
        addArg(&a, "-no-shutdown");
    /* a panic pauses the guest; the driver applies on_crash */
    addPair(&a, "-action", "panic=pause");

    if (os && os->kernel) {
        addPair(&a, "-kernel", os->kernel);
        if (os->initrd)
            addPair(&a, "-initrd", os->initrd);
        if (os->cmdline)
            addPair(&a, "-append", os->cmdline);
    } else if (os && os->nboot) {
        char order[16];
        size_t n = 0;
        for (i = 0; i < os->nboot && n + 1 < sizeof(order); i++) {
            char c = bootLetter(os->boot[i]->dev);
            if (c)
                order[n++] = c;
        }
        order[n] = '\0';
        addArgTaken(&a, virtStrdup("-boot"));
        addArgTaken(&a, virtAsprintf("order=%s", order));
    }

    if (addControllers(&a, def, errmsg) < 0)
        goto error;
    for (i = 0; i < dv->ndisk; i++) {
        const virtDomainDisk *d = dv->disk[i];
        const char *target = virtDomainModelDiskTarget(d);
        if (!target) {
            *errmsg = virtAsprintf("disk %zu has no target device", i);
            goto error;
        }
        if (!virtDomainModelDiskSource(d) && strcmp(diskDevice(d), "cdrom") != 0 &&
            strcmp(diskDevice(d), "floppy") != 0) {
            *errmsg = virtAsprintf("disk '%s' has no source", target);
            goto error;
        }
        if (!aliasOf(d->alias)) {
            *errmsg = virtAsprintf("disk '%s' has no alias", target);
            goto error;
        }
        if (strcmp(qemuDiskBus(d), "virtio") == 0) {
            char *addr = NULL, *what = virtAsprintf("disk '%s'", target);
            int rc = addrOpt(d->address, what, &addr, errmsg);
            free(what);
            free(addr);
            if (rc < 0)
                goto error;
        }
        addArg(&a, "-drive");
        addArgTaken(&a, qemuDiskDriveArg(d));
        addArg(&a, "-device");
        addArgTaken(&a, qemuDiskDeviceArg(d, (int) i));
    }
    for (i = 0; i < dv->ninterface; i++)
        if (addNet(&a, dv->interface[i], i, errmsg) < 0)
            goto error;
    if (addSerials(&a, def, errmsg) < 0)
        goto error;
    for (i = 0; i < dv->ninput; i++) {
        const virtDomainInput *in = dv->input[i];
        if (streq(in->bus, "usb")) {
            addArg(&a, "-usb");
            addArg(&a, "-device");
            addArgTaken(&a, virtAsprintf("usb-%s,id=input%zu",
                                         streq(in->type, "mouse") ? "mouse" :
                                         streq(in->type, "keyboard") ? "kbd" : "tablet", i));
        }
    }
    if (addGraphics(&a, def, errmsg) < 0)
        goto error;
    if (dv->memballoon && streq(dv->memballoon->model, "virtio")) {
        char *addr = NULL;
        if (addrOpt(dv->memballoon->address, "the memory balloon", &addr, errmsg) < 0)
            goto error;
        addArg(&a, "-device");
        addArgTaken(&a, virtAsprintf("virtio-balloon-pci,id=balloon0%s", addr));
        free(addr);
    }
    if (ctx->incoming)
        addPair(&a, "-incoming", ctx->incoming);
    return a.argv;
 error:
    virtBufFree(&b);
    qemuArgvFree(a.argv);
    return NULL;
}
