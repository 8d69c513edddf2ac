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

const char *qemuDiskBus(const virtDomainDiskDef *d)
{
    if (d->bus)
        return d->bus;
    if (d->target && strncmp(d->target, "vd", 2) == 0)
        return "virtio";
    if (d->target && strncmp(d->target, "sd", 2) == 0)
        return "scsi";
    if (d->target && strncmp(d->target, "fd", 2) == 0)
        return "fdc";
    return "ide";
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
static char *newAlias(const virtDomainDef *def, const char *prefix)
{
    for (unsigned int n = 0;; n++) {
        char *alias = virtAsprintf("%s%u", prefix, n);
        if (!virtDomainDefAliasInUse(def, alias))
            return alias;
        free(alias);
    }
}

char *qemuNetAlias(const virtDomainDef *def)
{
    return newAlias(def, "net");
}

char *qemuDiskAlias(const virtDomainDef *def, const virtDomainDiskDef *d)
{
    if (validId(d->target) && !virtDomainDefAliasInUse(def, d->target))
        return virtStrdup(d->target);
    return newAlias(def, "disk");
}

/* The alias field of device k: disks first, then interfaces. */
static char **aliasSlot(virtDomainDef *def, size_t k)
{
    return k < def->ndisks ? &def->disks[k]->alias : &def->nets[k - def->ndisks]->alias;
}

/* Aliases present (a saved guest's live XML, a migrating guest's) are
 * kept when usable, so its new QEMU has the ids the old one had. SCSI
 * controllers are always scsiN after their index: the disks name their
 * bus by it. */
void qemuAssignAliases(virtDomainDef *def)
{
    size_t n = def->ndisks + def->nnets, k;
    char **given;

    for (k = 0; k < def->ncontrollers; k++) {
        virtDomainControllerDef *c = def->controllers[k];
        if (strcmp(c->type, "scsi") == 0) {
            free(c->alias);
            c->alias = virtAsprintf("scsi%d", c->index < 0 ? 0 : c->index);
        }
    }
    given = virtAlloc((n + 1) * sizeof(char *));

    /* Take them all out, then let them back in device order: one QEMU
     * would refuse is dropped, so is the second of two equal ones. */
    for (k = 0; k < n; k++) {
        given[k] = *aliasSlot(def, k);
        *aliasSlot(def, k) = NULL;
    }
    for (k = 0; k < n; k++) {
        if (validId(given[k]) && !virtDomainDefAliasInUse(def, given[k]))
            *aliasSlot(def, k) = given[k];
        else
            free(given[k]);
    }
    free(given);
    for (k = 0; k < def->ndisks; k++)
        if (!def->disks[k]->alias)
            def->disks[k]->alias = qemuDiskAlias(def, def->disks[k]);
    for (k = 0; k < def->nnets; k++)
        if (!def->nets[k]->alias)
            def->nets[k]->alias = qemuNetAlias(def);
}

/* The alias; a definition without one (never given to QEMU by this
 * driver) falls back to the target, the id disks had before aliases. */
static const char *diskId(const virtDomainDiskDef *d)
{
    return d->alias ? d->alias : d->target ? d->target : "disk";
}

char *qemuDiskDriveId(const virtDomainDiskDef *d)
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
static bool nicIsPCI(const virtDomainNetDef *n)
{
    return !n->model || (strcmp(n->model, "ne2k_isa") != 0 && strcmp(n->model, "usb-net") != 0);
}

static bool scsiController(const virtDomainControllerDef *c)
{
    return strcmp(c->type, "scsi") == 0;
}

/* The SCSI disks hang from controller 0: add it when the guest has none
 * (it comes first in the device list, as on the command line). */
static void addImplicitScsi(virtDomainDef *def)
{
    bool need = false;
    size_t i;

    for (i = 0; i < def->ndisks && !need; i++)
        need = strcmp(qemuDiskBus(def->disks[i]), "scsi") == 0;
    for (i = 0; i < def->ncontrollers && need; i++)
        if (scsiController(def->controllers[i]) && def->controllers[i]->index <= 0)
            need = false;
    if (!need)
        return;
    virtDomainControllerDef *c = virtAlloc(sizeof(*c));
    c->type = virtStrdup("scsi");
    c->index = 0;
    c->model = virtStrdup("virtio-scsi");
    def->controllers = virtRealloc(def->controllers, (def->ncontrollers + 1) * sizeof(*def->controllers));
    memmove(def->controllers + 1, def->controllers, def->ncontrollers * sizeof(*def->controllers));
    def->controllers[0] = c;
    def->ncontrollers++;
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
static pciDevice *pciDevices(virtDomainDef *def, size_t *n)
{
    size_t max = def->ncontrollers + def->ndisks + def->nnets + 1, i;
    pciDevice *list = virtAlloc(max * sizeof(*list));

    *n = 0;
    for (i = 0; i < def->ncontrollers; i++) {
        virtDomainControllerDef *c = def->controllers[i];
        if (scsiController(c))
            list[(*n)++] = (pciDevice) { &c->address, true,
                                         virtAsprintf("SCSI controller %d", c->index < 0 ? 0 : c->index) };
    }
    for (i = 0; i < def->ndisks; i++) {
        virtDomainDiskDef *d = def->disks[i];
        list[(*n)++] = (pciDevice) { &d->address, strcmp(qemuDiskBus(d), "virtio") == 0,
                                     virtAsprintf("disk '%s'", d->target ? d->target : "?") };
    }
    for (i = 0; i < def->nnets; i++) {
        virtDomainNetDef *nd = def->nets[i];
        list[(*n)++] = (pciDevice) { &nd->address, nicIsPCI(nd),
                                     nd->mac ? virtAsprintf("interface '%s'", nd->mac)
                                             : virtAsprintf("interface %zu", i) };
    }
    if (def->memballoon_model && strcmp(def->memballoon_model, "virtio") == 0)
        list[(*n)++] = (pciDevice) { &def->memballoon_address, true, virtStrdup("the memory balloon") };
    return list;
}

/* Check every address given, then give each PCI device without a slot
 * the first free one. */
int qemuAssignPCIAddresses(virtDomainDef *def, char **errmsg)
{
    const char *owner[PCI_SLOTS] = { "the host bridge", "the PIIX3 chipset" };
    size_t n = 0, i;
    pciDevice *devs;
    int ret = -1;

    *errmsg = NULL;
    addImplicitScsi(def);
    if (def->ngraphics)
        owner[2] = "the VGA device";
    devs = pciDevices(def, &n);
    for (i = 0; i < n; i++) {
        virtDomainPCIAddress pa;
        int has_slot = 0;
        const virtDomainDeviceAddress *a = *devs[i].addr;
        bool isPci = a && a->type && strcmp(a->type, "pci") == 0;

        if (!a || !devs[i].pci) {
            if (isPci) {
                *errmsg = virtAsprintf("%s is not a PCI device: it cannot have a PCI address", devs[i].what);
                goto cleanup;
            }
            continue;
        }
        if (!isPci || virtDomainPCIAddressGet(a, &pa, &has_slot) < 0) {
            *errmsg = virtAsprintf("%s is a PCI device: its address must be of type 'pci', not '%s'",
                                   devs[i].what, a->type ? a->type : "");
            goto cleanup;
        }
        if (!has_slot)
            continue;   /* any slot will do */
        if (pa.domain != 0 || pa.bus != 0) {
            *errmsg = virtAsprintf("%s: PCI address %04x:%02x:%02x.%x is not on bus 0 of domain 0, "
                                   "the only PCI bus of this guest", devs[i].what,
                                   pa.domain, pa.bus, pa.slot, pa.function);
            goto cleanup;
        }
        if (pa.slot >= PCI_SLOTS) {   /* the parser refuses these; a definition built in code may not */
            *errmsg = virtAsprintf("%s: PCI slot 0x%02x does not exist", devs[i].what, pa.slot);
            goto cleanup;
        }
        if (pa.function != 0) {
            *errmsg = virtAsprintf("%s: PCI function %u of slot 0x%02x: multifunction devices "
                                   "are not supported", devs[i].what, pa.function, pa.slot);
            goto cleanup;
        }
        if (owner[pa.slot]) {
            *errmsg = virtAsprintf("PCI slot 0x%02x of %s is already taken by %s",
                                   pa.slot, devs[i].what, owner[pa.slot]);
            goto cleanup;
        }
        owner[pa.slot] = devs[i].what;
    }
    for (i = 0; i < n; i++) {
        virtDomainPCIAddress pa = { 0 };
        int has_slot = 0;

        if (!devs[i].pci || (virtDomainPCIAddressGet(*devs[i].addr, &pa, &has_slot) == 0 && has_slot))
            continue;
        for (pa.slot = PCI_FIRST_FREE; pa.slot < PCI_SLOTS && owner[pa.slot]; pa.slot++)
            ;
        if (pa.slot == PCI_SLOTS) {
            *errmsg = virtAsprintf("no free PCI slot for %s: slots 0x%02x to 0x%02x are all taken",
                                   devs[i].what, PCI_FIRST_FREE, PCI_SLOTS - 1);
            goto cleanup;
        }
        pa.domain = pa.bus = pa.function = 0;
        virtDomainDeviceAddressFree(*devs[i].addr);
        *devs[i].addr = virtDomainPCIAddressNew(&pa);
        owner[pa.slot] = devs[i].what;
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
    virtDomainPCIAddress pa;
    int has_slot = 0;

    if (virtDomainPCIAddressGet(a, &pa, &has_slot) < 0 || !has_slot)
        return NULL;
    return virtAsprintf("0x%x", pa.slot);
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

char *qemuDiskDriveArg(const virtDomainDiskDef *d)
{
    virtBuf b = { 0 };
    char *id = qemuDiskDriveId(d);
    const char *format = d->driver_type ? d->driver_type : "raw";

    if (d->source) {
        char *src = escapeCommas(d->source);
        virtBufPrintf(&b, "file=%s,format=%s,", src, format);
        free(src);
    }
    virtBufPrintf(&b, "if=none,id=%s", id);
    if (d->readonly || strcmp(d->device, "cdrom") == 0)
        virtBufAdd(&b, ",readonly=on");
    if (d->shareable)
        virtBufAdd(&b, ",cache=none");
    free(id);
    return virtBufSteal(&b);
}

char *qemuDiskDeviceArg(const virtDomainDiskDef *d, int index)
{
    const char *bus = qemuDiskBus(d);
    char *id = qemuDiskDriveId(d);
    const char *devid = diskId(d);
    int idx = targetIndex(d->target);
    bool cdrom = strcmp(d->device, "cdrom") == 0;
    char *arg;

    if (strcmp(bus, "virtio") == 0) {
        char *slot = qemuPCISlot(d->address);
        arg = virtAsprintf("virtio-blk-pci,drive=%s,id=%s%s%s", id, devid, slot ? ",addr=" : "",
                           slot ? slot : "");
        free(slot);
    } else if (strcmp(bus, "scsi") == 0) {
        arg = virtAsprintf("%s,bus=scsi0.0,scsi-id=%d,drive=%s,id=%s",
                           cdrom ? "scsi-cd" : "scsi-hd", idx, id, devid);
    } else if (strcmp(bus, "fdc") == 0 || strcmp(d->device, "floppy") == 0) {
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

static const char *nicModel(const virtDomainNetDef *n)
{
    if (!n->model)
        return "rtl8139";
    if (strcmp(n->model, "virtio") == 0)
        return "virtio-net-pci";
    return n->model;
}

static int addNet(argvBuilder *a, const virtDomainNetDef *n, size_t i, char **errmsg)
{
    const char *type = n->type ? n->type : "user";
    char *backend = NULL;

    if (!n->alias) {
        *errmsg = virtAsprintf("interface %zu has no alias", i);
        return -1;
    }
    if (strcmp(type, "user") == 0) {
        backend = virtAsprintf("user,id=host%s", n->alias);
    } else if (strcmp(type, "ethernet") == 0 || strcmp(type, "bridge") == 0) {
        if (!n->target) {
            *errmsg = virtAsprintf("interface %zu has no tap device name", i);
            return -1;
        }
        char *script = escapeCommas(strcmp(type, "ethernet") == 0 && n->script ? n->script : "no");
        backend = virtAsprintf("tap,id=host%s,ifname=%s,script=%s,downscript=no",
                               n->alias, n->target, script);
        free(script);
    } else if (strcmp(type, "mcast") == 0 || strcmp(type, "server") == 0 ||
               strcmp(type, "client") == 0) {
        const char *mode = type[0] == 'm' ? "mcast" : type[0] == 's' ? "listen" : "connect";
        if (!n->source || !n->source_port) {
            *errmsg = virtAsprintf("interface %zu of type '%s' needs a source address and port", i, type);
            return -1;
        }
        backend = virtAsprintf("socket,id=host%s,%s=%s:%d", n->alias, mode, n->source, n->source_port);
    } else if (strcmp(type, "network") == 0) {
        *errmsg = virtAsprintf("network '%s' needs the network module, which is not installed",
                               n->source ? n->source : "default");
        return -1;
    } else {
        *errmsg = virtAsprintf("unsupported interface type '%s'", type);
        return -1;
    }
    char *addr = NULL;
    if (nicIsPCI(n)) {
        char *what = virtAsprintf("interface %zu", i);
        int rc = addrOpt(n->address, what, &addr, errmsg);
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
    a->argv[a->n - 1] = virtAsprintf("%s,netdev=host%s,id=%s%s%s%s", nicModel(n), n->alias, n->alias,
                                     n->mac ? ",mac=" : "", n->mac ? n->mac : "", addr ? addr : "");
    free(addr);
    return 0;
}

/* Character devices: a backend (-chardev) and the device using it. */
static int addChrBackend(argvBuilder *a, const virtDomainChrDef *c, const char *id, char **errmsg)
{
    const char *type = c->type ? c->type : "pty";
    char *arg;

    if (strcmp(type, "pty") == 0)
        arg = virtAsprintf("pty,id=%s", id);
    else if (strcmp(type, "null") == 0)
        arg = virtAsprintf("null,id=%s", id);
    else if (strcmp(type, "vc") == 0)
        arg = virtAsprintf("vc,id=%s", id);
    else if (strcmp(type, "stdio") == 0)
        arg = virtAsprintf("stdio,id=%s", id);
    else if ((strcmp(type, "file") == 0 || strcmp(type, "pipe") == 0 || strcmp(type, "dev") == 0) &&
             c->source_path) {
        char *p = escapeCommas(c->source_path);
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

static int addSerials(argvBuilder *a, const virtDomainDef *def, char **errmsg)
{
    size_t i;
    /* A <console> without a <serial> is the first serial port. */
    virtDomainChrDef *const *list = def->serials;
    size_t n = def->nserials;
    if (n == 0 && def->nconsoles > 0) {
        list = def->consoles;
        n = 1;
    }
    for (i = 0; i < n; i++) {
        char *id = virtAsprintf("charserial%zu", i);
        int rc = addChrBackend(a, list[i], id, errmsg);
        if (rc == 0)
            addArgTaken(a, virtAsprintf("-device"));
        if (rc == 0)
            addArgTaken(a, virtAsprintf("isa-serial,chardev=%s,id=serial%zu", id, i));
        free(id);
        if (rc < 0)
            return -1;
    }
    for (i = 0; i < def->nparallels; i++) {
        char *id = virtAsprintf("charparallel%zu", i);
        int rc = addChrBackend(a, def->parallels[i], id, errmsg);
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

/* Controllers: a SCSI one is QEMU's virtio-scsi-pci; the IDE, floppy
 * and USB (UHCI) controllers and the PCI root are built into the
 * machine, so their elements only describe what is there. */
static int addControllers(argvBuilder *a, const virtDomainDef *def, char **errmsg)
{
    bool scsi0 = false;
    size_t i, k;

    for (i = 0; i < def->ncontrollers; i++) {
        const virtDomainControllerDef *c = def->controllers[i];
        const char *model = c->model;
        int idx = c->index < 0 ? 0 : c->index;

        if (strcmp(c->type, "scsi") == 0) {
            if (model && strcmp(model, "virtio-scsi") != 0) {
                *errmsg = virtAsprintf("SCSI controller model '%s' is not supported: use 'virtio-scsi'", model);
                return -1;
            }
            for (k = 0; k < i; k++) {
                const virtDomainControllerDef *o = def->controllers[k];
                if (strcmp(o->type, "scsi") == 0 && (o->index < 0 ? 0 : o->index) == idx) {
                    *errmsg = virtAsprintf("two SCSI controllers have index %d", idx);
                    return -1;
                }
            }
            char *what = virtAsprintf("SCSI controller %d", idx), *addr = NULL;
            int rc = addrOpt(c->address, what, &addr, errmsg);
            free(what);
            if (rc < 0)
                return -1;
            addArg(a, "-device");
            addArgTaken(a, virtAsprintf("virtio-scsi-pci,id=scsi%d%s", idx, addr));
            free(addr);
            scsi0 = scsi0 || idx == 0;
        } else if (strcmp(c->type, "ide") == 0 || strcmp(c->type, "fdc") == 0 ||
                   (strcmp(c->type, "pci") == 0 && (!model || strcmp(model, "pci-root") == 0)) ||
                   (strcmp(c->type, "usb") == 0 && (!model || strcmp(model, "piix3-uhci") == 0))) {
            continue;   /* built in */
        } else {
            *errmsg = virtAsprintf("controller type '%s'%s%s%s is not supported by the QEMU driver",
                                   c->type, model ? " (model '" : "", model ? model : "", model ? "')" : "");
            return -1;
        }
    }
    for (i = 0; i < def->ndisks; i++) {
        if (strcmp(qemuDiskBus(def->disks[i]), "scsi") == 0 && !scsi0) {
            *errmsg = virtAsprintf("disk '%s' is on the SCSI bus, but the guest has no SCSI controller 0",
                                   def->disks[i]->target ? def->disks[i]->target : "?");
            return -1;
        }
    }
    return 0;
}

static int addGraphics(argvBuilder *a, const virtDomainDef *def, char **errmsg)
{
    bool vga = false, display = false;

    for (size_t i = 0; i < def->ngraphics; i++) {
        const virtDomainGraphicsDef *g = def->graphics[i];
        if (strcmp(g->type, "vnc") == 0) {
            if (g->port < 5900) {
                *errmsg = virtAsprintf("VNC port %d is not allocated (ports start at 5900)", g->port);
                return -1;
            }
            const char *listen = g->listen ? g->listen : "127.0.0.1";
            bool v6 = strchr(listen, ':') != NULL;
            char *arg = virtAsprintf("%s%s%s:%d", v6 ? "[" : "", listen, v6 ? "]" : "", g->port - 5900);
            if (g->keymap) {
                char *k = virtAsprintf("%s,keymap=%s", arg, g->keymap);
                free(arg);
                arg = k;
            }
            addPair(a, "-vnc", arg);
            free(arg);
            vga = true;
        } else if (strcmp(g->type, "sdl") == 0) {
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

char **qemuBuildCommandLine(const virtDomainDef *def, const qemuCommandContext *ctx,
                            char **errmsg)
{
    argvBuilder a = { 0 };
    char uuid[VIRT_UUID_STRLEN];
    virtBuf b = { 0 };
    size_t i;

    *errmsg = NULL;
    if (def->type && strcmp(def->type, "kqemu") == 0) {
        *errmsg = virtStrdup("domain type 'kqemu' is not supported: use 'qemu' or 'kvm'");
        goto error;
    }
    addArg(&a, ctx->emulator);
    char *name = escapeCommas(def->name);
    addPair(&a, "-name", "");
    free(a.argv[a.n - 1]);
    a.argv[a.n - 1] = virtAsprintf("guest=%s,debug-threads=on", name);
    free(name);
    addArg(&a, "-S");

    if (def->os_machine)
        virtBufPrintf(&b, "%s,", def->os_machine);
    virtBufPrintf(&b, "accel=%s", def->type && strcmp(def->type, "kvm") == 0 ? "kvm" : "tcg");
    if (!def->feature_acpi)
        virtBufAdd(&b, ",acpi=off");
    addArg(&a, "-machine");
    addArgTaken(&a, virtBufSteal(&b));

    addArgTaken(&a, virtStrdup("-m"));
    addArgTaken(&a, virtAsprintf("size=%lluk", def->memory));
    addArg(&a, "-smp");
    addArgTaken(&a, virtAsprintf("%u", def->vcpus ? def->vcpus : 1));
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
    if (def->clock_offset)
        addArgTaken(&a, virtStrdup("-rtc")), addArgTaken(&a, virtAsprintf("base=%s", def->clock_offset));
    if (def->on_reboot && strcmp(def->on_reboot, "restart") != 0)
        addArg(&a, "-no-reboot");
    if (def->on_poweroff && strcmp(def->on_poweroff, "preserve") == 0)
        addArg(&a, "-no-shutdown");
    /* a panic pauses the guest; the driver applies on_crash */
    addPair(&a, "-action", "panic=pause");

    if (def->os_kernel) {
        addPair(&a, "-kernel", def->os_kernel);
        if (def->os_initrd)
            addPair(&a, "-initrd", def->os_initrd);
        if (def->os_cmdline)
            addPair(&a, "-append", def->os_cmdline);
    } else if (def->nboot_devs) {
        char order[16];
        size_t n = 0;
        for (i = 0; i < def->nboot_devs && n + 1 < sizeof(order); i++) {
            char c = bootLetter(def->boot_devs[i]);
            if (c)
                order[n++] = c;
        }
        order[n] = '\0';
        addArgTaken(&a, virtStrdup("-boot"));
        addArgTaken(&a, virtAsprintf("order=%s", order));
    }

    if (addControllers(&a, def, errmsg) < 0)
        goto error;
    for (i = 0; i < def->ndisks; i++) {
        const virtDomainDiskDef *d = def->disks[i];
        if (!d->target) {
            *errmsg = virtAsprintf("disk %zu has no target device", i);
            goto error;
        }
        if (!d->source && strcmp(d->device, "cdrom") != 0 && strcmp(d->device, "floppy") != 0) {
            *errmsg = virtAsprintf("disk '%s' has no source", d->target);
            goto error;
        }
        if (!d->alias) {
            *errmsg = virtAsprintf("disk '%s' has no alias", d->target);
            goto error;
        }
        if (strcmp(qemuDiskBus(d), "virtio") == 0) {
            char *addr = NULL, *what = virtAsprintf("disk '%s'", d->target);
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
    for (i = 0; i < def->nnets; i++)
        if (addNet(&a, def->nets[i], i, errmsg) < 0)
            goto error;
    if (addSerials(&a, def, errmsg) < 0)
        goto error;
    for (i = 0; i < def->ninputs; i++) {
        const virtDomainInputDef *in = def->inputs[i];
        if (in->bus && strcmp(in->bus, "usb") == 0) {
            addArg(&a, "-usb");
            addArg(&a, "-device");
            addArgTaken(&a, virtAsprintf("usb-%s,id=input%zu",
                                         strcmp(in->type, "mouse") == 0 ? "mouse" :
                                         strcmp(in->type, "keyboard") == 0 ? "kbd" : "tablet", i));
        }
    }
    if (addGraphics(&a, def, errmsg) < 0)
        goto error;
    if (def->memballoon_model && strcmp(def->memballoon_model, "virtio") == 0) {
        char *addr = NULL;
        if (addrOpt(def->memballoon_address, "the memory balloon", &addr, errmsg) < 0)
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

/* 52:54:00 is the prefix QEMU and libvirt use for generated addresses. */
/* Returns 0, or -1 with errno set when no random bytes could be had. */
int qemuGenerateMAC(char out[18])
{
    unsigned char u[3];
    if (virtRandomBytes(u, sizeof(u)) < 0)
        return -1;
    snprintf(out, 18, "52:54:00:%02x:%02x:%02x", u[0], u[1], u[2]);
    return 0;
}
