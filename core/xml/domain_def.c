/* domain_def.c: domain definitions on the generated model, with the
 * defaults libvirt 9.0 fills in after parsing. Each rule below was checked
 * against Debian's libvirt (its test driver) with the same documents. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libvirt/virterror.h>

#include "domain_def.h"
#include "util.h"
#include "xml_schema.h"
#include "xml_util.h"

#define APPEND(arr, n, item) do { \
        (arr) = virtRealloc((arr), ((n) + 1) * sizeof(*(arr))); \
        (arr)[(n)++] = (item); \
    } while (0)

static bool streq(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

/* ---- accessors -------------------------------------------------------- */

unsigned long long virtDomainModelMaxMemory(const virtDomain *def)
{
    return def->memory ? def->memory->text : 0;
}

unsigned long long virtDomainModelCurrentMemory(const virtDomain *def)
{
    return def->currentMemory ? def->currentMemory->text : virtDomainModelMaxMemory(def);
}

void virtDomainModelSetMaxMemory(virtDomain *def, unsigned long long kib)
{
    if (!def->memory)
        def->memory = virtAlloc(sizeof(*def->memory));
    def->memory->text = kib;
    def->memory->text_set = true;
}

void virtDomainModelSetCurrentMemory(virtDomain *def, unsigned long long kib)
{
    if (!def->currentMemory)
        def->currentMemory = virtAlloc(sizeof(*def->currentMemory));
    def->currentMemory->text = kib;
    def->currentMemory->text_set = true;
}

unsigned int virtDomainModelVcpus(const virtDomain *def)
{
    return def->vcpu && def->vcpu->text_set ? def->vcpu->text : 1;
}

unsigned int virtDomainModelCurrentVcpus(const virtDomain *def)
{
    if (def->vcpu && def->vcpu->current_set)
        return def->vcpu->current;
    return virtDomainModelVcpus(def);
}

void virtDomainModelSetVcpus(virtDomain *def, unsigned int max, unsigned int current)
{
    if (!def->vcpu) {
        def->vcpu = virtAlloc(sizeof(*def->vcpu));
        def->vcpu->placement = virtStrdup("static");
    }
    def->vcpu->text = max;
    def->vcpu->text_set = true;
    /* libvirt writes current only when fewer vcpus run than exist */
    def->vcpu->current = current;
    def->vcpu->current_set = current && current < max;
}

void virtDomainModelSetID(virtDomain *def, int id)
{
    def->id = id;
    def->id_set = id >= 0;
}

const char *virtDomainModelDiskTarget(const virtDomainDisk *disk)
{
    return disk->target ? disk->target->dev : NULL;
}

const char *virtDomainModelDiskSource(const virtDomainDisk *disk)
{
    const virtDomainDiskSource *s = disk->source;
    if (!s)
        return NULL;
    if (s->file)
        return s->file;
    if (s->dev)
        return s->dev;
    if (s->dir)
        return s->dir;
    if (s->volume)
        return s->volume;
    return s->name ? s->name : s->path;
}

/* An interface's children sit in one of two variants of the same content
 * (a host device writes <driver> earlier): these pick the right one. */
static virtDomainIfaceMac **ifaceMacSlot(virtDomainInterface *i)
{
    return streq(i->type, "hostdev") ? &i->hostdev.mac : &i->other.mac;
}

static virtDomainIfaceTarget **ifaceTargetSlot(virtDomainInterface *i)
{
    return streq(i->type, "hostdev") ? &i->hostdev.target : &i->other.target;
}

const char *virtDomainModelIfaceMAC(const virtDomainInterface *iface)
{
    const virtDomainIfaceMac *m = streq(iface->type, "hostdev") ? iface->hostdev.mac : iface->other.mac;
    return m ? m->address : NULL;
}

const char *virtDomainModelIfaceTarget(const virtDomainInterface *iface)
{
    const virtDomainIfaceTarget *t = streq(iface->type, "hostdev") ? iface->hostdev.target : iface->other.target;
    return t ? t->dev : NULL;
}

size_t virtDomainModelDiskCount(const virtDomain *def)
{
    return def->devices ? def->devices->ndisk : 0;
}

size_t virtDomainModelIfaceCount(const virtDomain *def)
{
    return def->devices ? def->devices->ninterface : 0;
}

/* ---- device defaults -------------------------------------------------- */

static int generateMAC(virtDomainInterface *iface, const virtDomainDriverDefaults *drv,
                       virtXMLError *err)
{
    virtDomainIfaceMac **slot = ifaceMacSlot(iface);
    unsigned char tail[3];
    if (*slot && (*slot)->address)
        return 0;
    if (virtRandomBytes(tail, sizeof(tail)) < 0) {
        virtXMLErrorSet(err, VIR_ERR_INTERNAL_ERROR, "cannot generate a MAC address: %s",
                        strerror(errno));
        return -1;
    }
    if (!*slot)
        *slot = virtAlloc(sizeof(**slot));
    (*slot)->address = virtAsprintf("%02x:%02x:%02x:%02x:%02x:%02x",
                                    drv->mac_prefix[0], drv->mac_prefix[1], drv->mac_prefix[2],
                                    tail[0], tail[1], tail[2]);
    return 0;
}

/* Names libvirt gives host devices it creates itself: a definition does
 * not keep them, so a guest gets a fresh one each time it starts. */
static void dropGeneratedIfname(virtDomainInterface *iface)
{
    static const char *const generated[] = { "vnet", "macvtap", "macvlan" };
    virtDomainIfaceTarget *t = *ifaceTargetSlot(iface);
    if (!t || !t->dev)
        return;
    for (size_t i = 0; i < sizeof(generated) / sizeof(generated[0]); i++) {
        if (strncmp(t->dev, generated[i], strlen(generated[i])) == 0) {
            free(t->dev);
            t->dev = NULL;
            return;
        }
    }
}

/* The driver's own name for the host side of interface i, if it has none. */
static void nameInterface(virtDomainInterface *iface, size_t i, const virtDomainDriverDefaults *drv)
{
    virtDomainIfaceTarget **t = ifaceTargetSlot(iface);
    if (!drv->ifname_prefix || (*t && (*t)->dev))
        return;
    if (!*t)
        *t = virtAlloc(sizeof(**t));
    (*t)->dev = virtAsprintf("%s%zu", drv->ifname_prefix, i);
}

/* The index of a disk name past its prefix (a=0 ... z=25, aa=26 ...),
 * optionally followed by a partition number; -1 for anything else and for
 * an index past INT_MAX, where libvirt's own count overflows. */
static int diskNameIndex(const char *name)
{
    static const char *const prefixes[] = { "fd", "hd", "vd", "sd", "xvd", "ubd" };
    const char *p = NULL;
    for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]) && !p; i++)
        if (strncmp(name, prefixes[i], strlen(prefixes[i])) == 0)
            p = name + strlen(prefixes[i]);
    if (!p || !(*p >= 'a' && *p <= 'z'))
        return -1;
    long long idx = 0;
    for (; *p >= 'a' && *p <= 'z'; p++) {
        idx = idx * 26 + (*p - 'a' + 1);
        if (idx - 1 > INT_MAX)
            return -1;
    }
    p += strspn(p, "0123456789");
    return *p ? -1 : (int) (idx - 1);
}

/* The bus a target name implies when none is given. */
static const char *busForTarget(const virtDomainDisk *disk)
{
    const char *dev = virtDomainModelDiskTarget(disk);
    if (streq(disk->device, "floppy"))
        return "fdc";
    if (!dev)
        return NULL;
    if (strncmp(dev, "hd", 2) == 0)
        return "ide";
    if (strncmp(dev, "sd", 2) == 0)
        return "scsi";
    if (strncmp(dev, "vd", 2) == 0)
        return "virtio";
    if (strncmp(dev, "xvd", 3) == 0)
        return "xen";
    if (strncmp(dev, "ubd", 3) == 0)
        return "uml";
    if (strncmp(dev, "fd", 2) == 0)
        return "fdc";
    return "ide";
}

/* The port a network disk's host listens on when the document names
 * none (a transport other than TCP has no port). */
static const char *defaultPort(const char *protocol)
{
    static const char *const ports[][2] = {
        { "nbd", "10809" }, { "iscsi", "3260" }, { "gluster", "24007" }, { "http", "80" },
        { "https", "443" }, { "ftp", "21" }, { "ftps", "990" }, { "tftp", "69" },
        { "ssh", "22" }, { "sheepdog", "7000" }, { "vxhs", "9999" },
    };
    for (size_t i = 0; protocol && i < sizeof(ports) / sizeof(ports[0]); i++)
        if (streq(protocol, ports[i][0]))
            return ports[i][1];
    return NULL;
}

/* What libvirt reads of a disk's source depends on its type: only a
 * network source keeps <snapshot> and <config>, its hosts get their
 * protocol's port, and an RBD name is pool/image. */
static int diskSourceDefaults(virtDomainDisk *disk, virtXMLError *err)
{
    virtDomainDiskSource *s = disk->source;
    if (!s)
        return 0;
    if (!streq(disk->type, "network")) {
        if (s->snapshot) {
            free(s->snapshot->name);
            free(s->snapshot);
            s->snapshot = NULL;
        }
        if (s->config) {
            free(s->config->file);
            free(s->config);
            s->config = NULL;
        }
        return 0;
    }
    if (streq(s->protocol, "rbd") && s->name && !strchr(s->name, '/')) {
        virtXMLErrorSet(err, VIR_ERR_XML_ERROR, "can't split path '%s' into pool name and image name", s->name);
        return -1;
    }
    const char *port = defaultPort(s->protocol);
    for (size_t i = 0; port && i < s->nhost; i++) {
        virtDomainDiskHost *h = s->host[i];
        if (!h->port && !h->socket && (!h->transport || streq(h->transport, "tcp")))
            h->port = virtStrdup(port);
    }
    return 0;
}

/* Disks on a controller bus get the drive address their name implies;
 * a name that implies none needs an address of its own. A CD-ROM is
 * always read-only. */
static int diskDefaults(virtDomainDisk *disk, virtXMLError *err)
{
    if (diskSourceDefaults(disk, err) < 0)
        return -1;
    if (streq(disk->device, "cdrom"))
        disk->readonly = true;
    if (!disk->target || !disk->target->dev)
        return 0; /* refused by virtDomainModelValidate */
    if (!disk->target->bus)
        disk->target->bus = virtStrdup(busForTarget(disk));
    if (disk->address)
        return 0;
    const char *bus = disk->target->bus;
    int idx = diskNameIndex(disk->target->dev);
    unsigned int controller, busno = 0, unit;
    if (idx < 0) {
        virtXMLErrorSet(err, VIR_ERR_XML_ERROR, "Unknown disk name '%s' and no address specified",
                        disk->target->dev);
        return -1;
    }
    if (streq(bus, "ide")) {
        controller = idx / 4;
        busno = (idx % 4) / 2;
        unit = idx % 2;
    } else if (streq(bus, "fdc")) {
        controller = idx / 2;
        unit = idx % 2;
    } else if (streq(bus, "scsi")) {
        controller = idx / 7;
        unit = idx % 7;
    } else if (streq(bus, "sata")) {
        controller = idx / 6;
        unit = idx % 6;
    } else {
        return 0;
    }
    virtDomainDeviceAddress *a = virtAlloc(sizeof(*a));
    a->type = virtStrdup("drive");
    a->drive.controller = controller;
    a->drive.bus = busno;
    a->drive.target = 0;
    a->drive.unit = unit;
    a->drive.controller_set = a->drive.bus_set = a->drive.target_set = a->drive.unit_set = true;
    disk->address = a;
    return 0;
}

static bool hasController(const virtDomainDevices *d, const char *type, unsigned int index)
{
    for (size_t i = 0; i < d->ncontroller; i++)
        if (streq(d->controller[i]->type, type) && d->controller[i]->index_set &&
            d->controller[i]->index == index)
            return true;
    return false;
}

static void appendController(virtDomainDevices *d, const char *type, unsigned int index)
{
    virtDomainController *c = virtAlloc(sizeof(*c));
    c->type = virtStrdup(type);
    c->index = index;
    c->index_set = true;
    APPEND(d->controller, d->ncontroller, c);
}

static void addController(virtDomainDevices *d, const char *type, unsigned int index)
{
    if (!hasController(d, type, index))
        appendController(d, type, index);
}

/* The highest controller a drive address may name: libvirt's grammar
 * allows two digits. libvirt itself would go on adding controllers one by
 * one (a target of sdzzzz asks for 67,894 of them), which no guest can use
 * and which costs a daemon seconds of work per document. */
#define DRIVE_CONTROLLER_MAX 99

static int driveControllerCheck(const virtDomainDisk *disk, virtXMLError *err)
{
    if (!disk->address || !streq(disk->address->type, "drive") ||
        disk->address->drive.controller <= DRIVE_CONTROLLER_MAX)
        return 0;
    virtXMLErrorSet(err, VIR_ERR_CONFIG_UNSUPPORTED,
                    "disk '%s' would need controller %u; drive addresses name controllers 0 to %d",
                    virtDomainModelDiskTarget(disk) ? virtDomainModelDiskTarget(disk) : "",
                    disk->address->drive.controller, DRIVE_CONTROLLER_MAX);
    return -1;
}

/* Every controller a disk's drive address names, from index 0 up, in
 * libvirt's order of controller types. */
static void diskControllers(virtDomainDevices *d)
{
    static const char *const types[] = { "scsi", "fdc", "ide", "sata" };
    for (size_t t = 0; t < sizeof(types) / sizeof(types[0]); t++) {
        int max = -1;
        for (size_t i = 0; i < d->ndisk; i++) {
            const virtDomainDisk *disk = d->disk[i];
            if (!disk->target || !streq(disk->target->bus, types[t]) || !disk->address ||
                !streq(disk->address->type, "drive"))
                continue;
            if ((int) disk->address->drive.controller > max)
                max = (int) disk->address->drive.controller;
        }
        if (max < 0)
            continue;
        /* mark the indexes present once instead of searching for each */
        bool *present = virtAlloc((size_t) max + 1);
        for (size_t i = 0; i < d->ncontroller; i++) {
            const virtDomainController *c = d->controller[i];
            if (streq(c->type, types[t]) && c->index_set && c->index <= (unsigned int) max)
                present[c->index] = true;
        }
        for (int i = 0; i <= max; i++)
            if (!present[i])
                appendController(d, types[t], (unsigned int) i);
        free(present);
    }
}

/* Controllers without an index get the first free one of their type; a
 * USB 1 companion of an EHCI controller shares the index of the USB
 * controller before it. */
static void controllerIndexes(virtDomainDevices *d)
{
    const virtDomainController *lastUSB = NULL;
    for (size_t i = 0; i < d->ncontroller; i++) {
        virtDomainController *c = d->controller[i];
        bool companion = streq(c->type, "usb") && c->usb.model &&
                         strncmp(c->usb.model, "ich9-uhci", 9) == 0;
        if (!c->index_set && companion && lastUSB) {
            c->index = lastUSB->index;
            c->index_set = true;
        }
        if (streq(c->type, "usb"))
            lastUSB = c;
        if (c->index_set)
            continue;
        unsigned int idx = 0;
        while (hasController(d, c->type, idx))
            idx++;
        c->index = idx;
        c->index_set = true;
    }
}

/* The controllers channels and smart cards hang from. */
static void otherControllers(virtDomainDevices *d)
{
    for (size_t i = 0; i < d->nchannel; i++)
        if (d->channel[i]->target && streq(d->channel[i]->target->type, "virtio"))
            addController(d, "virtio-serial", 0);
    if (d->nsmartcard)
        addController(d, "ccid", 0);
    /* each smart card takes the next slot of the first CCID controller */
    for (size_t i = 0; i < d->nsmartcard; i++) {
        if (d->smartcard[i]->address)
            continue;
        virtDomainDeviceAddress *a = virtAlloc(sizeof(*a));
        a->type = virtStrdup("ccid");
        a->ccid.slot = (unsigned int) i;
        a->ccid.controller_set = a->ccid.slot_set = true;
        d->smartcard[i]->address = a;
    }
}

/* ---- console and serial ports ----------------------------------------- */

static void copySources(virtDomainChrSource ***dst, size_t *ndst, virtDomainChrSource *const *src, size_t n)
{
    for (size_t i = 0; i < n; i++)
        APPEND(*dst, *ndst, virtXMLModelCopy(&virtXMLElem_domain_chr_source, src[i]));
}

/* The console a serial port is shown as: the same character device. */
static virtDomainConsole *consoleOfSerial(const virtDomainSerial *s)
{
    virtDomainConsole *c = virtAlloc(sizeof(*c));
    c->type = virtStrdup(s->type);
    copySources(&c->source, &c->nsource, s->source, s->nsource);
    if (s->protocol)
        c->protocol = virtXMLModelCopy(&virtXMLElem_domain_chr_protocol, s->protocol);
    if (s->log)
        c->log = virtXMLModelCopy(&virtXMLElem_domain_chr_log, s->log);
    c->target = virtAlloc(sizeof(*c->target));
    c->target->type = virtStrdup("serial");
    c->target->port = s->target ? s->target->port : 0;
    c->target->port_set = true;
    return c;
}

static virtDomainSerial *serialOfConsole(const virtDomainConsole *c)
{
    virtDomainSerial *s = virtAlloc(sizeof(*s));
    s->type = virtStrdup(c->type ? c->type : "pty");
    copySources(&s->source, &s->nsource, c->source, c->nsource);
    if (c->protocol)
        s->protocol = virtXMLModelCopy(&virtXMLElem_domain_chr_protocol, c->protocol);
    if (c->log)
        s->log = virtXMLModelCopy(&virtXMLElem_domain_chr_log, c->log);
    return s;
}

static bool consoleIsSerial(const virtDomainConsole *c)
{
    return !c->target || !c->target->type || streq(c->target->type, "serial");
}

/* A hvm guest's first console is its first serial port: one is made from
 * the other, as libvirt does. Serial ports are numbered in order, and a
 * virtio console needs a virtio-serial controller. */
static void chardevDefaults(virtDomain *def, virtDomainDevices *d, bool status)
{
    bool hvm = def->os && def->os->type && streq(def->os->type->text, "hvm");
    char *tty = NULL;
    virtDomainDeviceAlias *alias = NULL;
    if (hvm && d->nconsole && consoleIsSerial(d->console[0])) {
        if (!d->nserial)
            APPEND(d->serial, d->nserial, serialOfConsole(d->console[0]));
        /* a running guest's console keeps what its pty got */
        if (status) {
            tty = d->console[0]->tty;
            d->console[0]->tty = NULL;
            alias = d->console[0]->alias;
            d->console[0]->alias = NULL;
        }
        virtXMLModelFree(&virtXMLElem_domain_console, d->console[0]);
        d->console[0] = NULL;
    }
    for (size_t i = 0; i < d->nserial; i++) {
        virtDomainSerial *s = d->serial[i];
        if (!s->target)
            s->target = virtAlloc(sizeof(*s->target));
        if (!s->target->port_set) {
            s->target->port = (unsigned int) i;
            s->target->port_set = true;
        }
    }
    for (size_t i = 0; i < d->nparallel; i++) {
        virtDomainParallel *p = d->parallel[i];
        if (!p->target)
            p->target = virtAlloc(sizeof(*p->target));
        if (!p->target->port_set) {
            p->target->port = (unsigned int) i;
            p->target->port_set = true;
        }
    }
    if (hvm && d->nserial) {
        /* the serial port's console comes first, before a virtio one */
        if (d->nconsole && d->console[0] && !consoleIsSerial(d->console[0])) {
            APPEND(d->console, d->nconsole, NULL);
            memmove(d->console + 1, d->console, (d->nconsole - 1) * sizeof(*d->console));
            d->console[0] = NULL;
        }
        if (!d->nconsole)
            APPEND(d->console, d->nconsole, NULL);
        if (!d->console[0]) {
            d->console[0] = consoleOfSerial(d->serial[0]);
            d->console[0]->tty = tty;
            d->console[0]->alias = alias;
            tty = NULL;
            alias = NULL;
        }
    }
    free(tty);
    if (alias)
        virtXMLModelFree(&virtXMLElem_domain_device_alias, alias);
    unsigned int virtioPort = 0;
    for (size_t i = 0; i < d->nconsole; i++) {
        virtDomainConsole *c = d->console[i];
        if (!c->target)
            c->target = virtAlloc(sizeof(*c->target));
        if (streq(c->target->type, "virtio")) {
            addController(d, "virtio-serial", 0);
            if (!c->target->port_set) {
                c->target->port = virtioPort;
                c->target->port_set = true;
            }
            virtioPort = c->target->port + 1;
        } else if (!c->target->port_set) {
            c->target->port = (unsigned int) i;
            c->target->port_set = true;
        }
    }
}

/* A TCP character device connects unless told to listen, and speaks raw. */
static void tcpDefaults(const char *type, virtDomainChrSource *const *src, size_t nsrc,
                        virtDomainChrProtocol **protocol)
{
    if (!streq(type, "tcp"))
        return;
    if (nsrc && !src[0]->mode)
        src[0]->mode = virtStrdup("connect");
    if (!*protocol) {
        *protocol = virtAlloc(sizeof(**protocol));
        (*protocol)->type = virtStrdup("raw");
    }
}

/* A unix channel that binds without a path gets one at start: the
 * definition keeps no source. */
static void dropPathlessBind(virtDomainChannel *c)
{
    if (!streq(c->type, "unix") || c->nsource != 1 || c->source[0]->path || !streq(c->source[0]->mode, "bind"))
        return;
    virtXMLModelFree(&virtXMLElem_domain_chr_source, c->source[0]);
    c->nsource = 0;
}

static void chardevTcpDefaults(virtDomainDevices *d)
{
    for (size_t i = 0; i < d->nchannel; i++)
        dropPathlessBind(d->channel[i]);
    for (size_t i = 0; i < d->nserial; i++)
        tcpDefaults(d->serial[i]->type, d->serial[i]->source, d->serial[i]->nsource, &d->serial[i]->protocol);
    for (size_t i = 0; i < d->nparallel; i++)
        tcpDefaults(d->parallel[i]->type, d->parallel[i]->source, d->parallel[i]->nsource,
                    &d->parallel[i]->protocol);
    for (size_t i = 0; i < d->nchannel; i++)
        tcpDefaults(d->channel[i]->type, d->channel[i]->source, d->channel[i]->nsource,
                    &d->channel[i]->protocol);
    for (size_t i = 0; i < d->nconsole; i++)
        tcpDefaults(d->console[i]->type, d->console[i]->source, d->console[i]->nsource,
                    &d->console[i]->protocol);
    for (size_t i = 0; i < d->nrng; i++) {
        virtDomainRngBackend *b = d->rng[i]->backend;
        if (b && streq(b->model, "egd"))
            tcpDefaults(b->egd.type, b->egd.source, b->egd.nsource, &b->egd.protocol);
    }
    for (size_t i = 0; i < d->nredirdev; i++) {
        virtDomainRedirdev *r = d->redirdev[i];
        if (!streq(r->type, "tcp"))
            continue;
        if (r->source && !r->source->mode)
            r->source->mode = virtStrdup("connect");
        if (!r->protocol) {
            r->protocol = virtAlloc(sizeof(*r->protocol));
            r->protocol->type = virtStrdup("raw");
        }
    }
}

/* USB ids in a redirection filter are written 0xABCD, upper case. */
static void upperHex(char *id)
{
    if (!id || strncmp(id, "0x", 2) != 0)
        return;
    for (char *p = id + 2; *p; p++)
        if (*p >= 'a' && *p <= 'f')
            *p = (char) (*p - 'a' + 'A');
}

static void redirfilterDefaults(virtDomainRedirfilter *f)
{
    for (size_t i = 0; f && i < f->nusbdev; i++) {
        upperHex(f->usbdev[i]->vendor);
        upperHex(f->usbdev[i]->product);
    }
}

/* ---- graphics and video ----------------------------------------------- */

static void addListen(virtDomainGfxListen ***listens, size_t *n, const char *address)
{
    virtDomainGfxListen *l = virtAlloc(sizeof(*l));
    l->type = virtStrdup("address");
    l->address.address = virtStrdup(address);
    APPEND(*listens, *n, l);
}

/* The first address listen is also written as the listen attribute. */
static void listenAttr(char **attr, virtDomainGfxListen *const *listens, size_t n)
{
    if (!*attr && n && streq(listens[0]->type, "address") && listens[0]->address.address)
        *attr = virtStrdup(listens[0]->address.address);
}

static void graphicsDefaults(virtDomainGraphics *g, bool status)
{
    if (streq(g->type, "vnc")) {
        /* no port, or autoport: the port is picked at start (-1); a
         * running guest keeps the one it got */
        bool picked = status && g->vnc.port_set && g->vnc.port > 0;
        if (!g->vnc.socket && !picked &&
            (!g->vnc.port_set || g->vnc.port == -1 || g->vnc.autoport == 1)) {
            g->vnc.port = -1;
            g->vnc.port_set = true;
            g->vnc.autoport = 1;
        } else if (g->vnc.port_set && !g->vnc.autoport) {
            g->vnc.autoport = 2;
        }
        if (!g->vnc.nlistens && !g->vnc.socket)
            addListen(&g->vnc.listens, &g->vnc.nlistens, g->vnc.listen);
        listenAttr(&g->vnc.listen, g->vnc.listens, g->vnc.nlistens);
    } else if (streq(g->type, "spice")) {
        /* with autoport, both ports are picked at start and not written */
        if (g->spice.autoport == 1)
            g->spice.port_set = g->spice.tlsPort_set = false;
        if (!g->spice.nlistens)
            addListen(&g->spice.listens, &g->spice.nlistens,
                      g->spice.listen);
        listenAttr(&g->spice.listen, g->spice.listens, g->spice.nlistens);
    }
}

/* Video RAM of a card that does not say (KiB). */
static void videoDefaults(virtDomainVideo *v, bool first)
{
    if (!v->model)
        v->model = virtAlloc(sizeof(*v->model));
    virtDomainVideoModel *m = v->model;
    if (!m->type)
        m->type = virtStrdup("cirrus");
    if (streq(m->type, "qxl")) {
        if (!m->ram_set) {
            m->ram = 65536;
            m->ram_set = true;
        }
        if (!m->vram_set) {
            m->vram = 65536;
            m->vram_set = true;
        }
    } else if (streq(m->type, "cirrus") || streq(m->type, "vga") || streq(m->type, "vmvga") ||
               streq(m->type, "xen") || streq(m->type, "bochs")) {
        if (!m->vram_set) {
            m->vram = 16384;
            m->vram_set = true;
        }
    }
    if (!m->heads_set) {
        m->heads = 1;
        m->heads_set = true;
    }
    if (first && !m->primary)
        m->primary = 1;
}

static void videoOfGraphics(virtDomainDevices *d, const virtDomainDriverDefaults *drv)
{
    if (!d->ngraphics || d->nvideo || !drv->video)
        return;
    virtDomainVideo *v = virtAlloc(sizeof(*v));
    v->model = virtAlloc(sizeof(*v->model));
    v->model->type = virtStrdup(drv->video);
    APPEND(d->video, d->nvideo, v);
}

/* ---- the whole definition --------------------------------------------- */

static bool anyDeviceBoot(const virtDomainDevices *d)
{
    for (size_t i = 0; i < d->ndisk; i++)
        if (d->disk[i]->boot)
            return true;
    for (size_t i = 0; i < d->ninterface; i++) {
        const virtDomainInterface *n = d->interface[i];
        if (streq(n->type, "hostdev") ? n->hostdev.boot != NULL : n->other.boot != NULL)
            return true;
    }
    for (size_t i = 0; i < d->nhostdev; i++)
        if (d->hostdev[i]->boot)
            return true;
    for (size_t i = 0; i < d->nfilesystem; i++)
        if (d->filesystem[i]->boot)
            return true;
    for (size_t i = 0; i < d->nredirdev; i++)
        if (d->redirdev[i]->boot)
            return true;
    return false;
}

static int memoryDefaults(virtDomain *def, virtXMLError *err)
{
    if (!def->memory || !def->memory->text_set) {
        virtXMLErrorSet(err, VIR_ERR_XML_ERROR,
                        "Memory size must be specified via <memory> or in the <numa> configuration");
        return -1;
    }
    if (!def->currentMemory || !def->currentMemory->text_set ||
        def->currentMemory->text > def->memory->text)
        virtDomainModelSetCurrentMemory(def, def->memory->text);
    return 0;
}

static void osDefaults(virtDomain *def, const virtDomainDriverDefaults *drv)
{
    if (!def->os)
        def->os = virtAlloc(sizeof(*def->os));
    virtDomainOs *os = def->os;
    if (!os->type)
        os->type = virtAlloc(sizeof(*os->type));
    if (!os->type->arch && drv->arch)
        os->type->arch = virtStrdup(drv->arch);
    if (streq(os->type->text, "hvm") && !os->nboot && !anyDeviceBoot(def->devices)) {
        virtDomainOsBoot *b = virtAlloc(sizeof(*b));
        b->dev = virtStrdup("hd");
        APPEND(os->boot, os->nboot, b);
    }
}

/* libvirt files each disk, in document order, before the first later-named
 * disk of the same bus as written (no bus attribute is a bus of its own),
 * else after the last disk of that bus, else at the end. */
static void diskOrder(virtDomainDevices *d)
{
    virtDomainDisk **out = d->ndisk ? virtAlloc(d->ndisk * sizeof(*out)) : NULL;
    size_t n = 0;

    for (size_t i = 0; i < d->ndisk; i++) {
        virtDomainDisk *disk = d->disk[i];
        const char *bus = disk->target ? disk->target->bus : NULL;
        int idx = disk->target ? diskNameIndex(disk->target->dev) : -1;
        long at = -1;
        for (long j = (long) n - 1; j >= 0; j--) {
            const char *b = out[j]->target ? out[j]->target->bus : NULL;
            if (!(b == bus || (b && bus && strcmp(b, bus) == 0)))
                continue;
            if ((out[j]->target ? diskNameIndex(out[j]->target->dev) : -1) > idx)
                at = j;
            else if (at == -1)
                at = j + 1;
        }
        if (at < 0)
            at = (long) n;
        memmove(out + at + 1, out + at, (n - (size_t) at) * sizeof(*out));
        out[at] = disk;
        n++;
    }
    if (out)
        memcpy(d->disk, out, n * sizeof(*out));
    free(out);
}

/* libvirt counts at least the IOThreads <iothreadids> names and, once it
 * names any, names the rest too: the lowest ids not yet taken, after the
 * given ones. */
static void iothreadDefaults(virtDomain *def)
{
    virtDomainIothreadids *ids = def->iothreadids;
    if (!ids || !ids->niothread)
        return;
    size_t want = def->iothreads_set && def->iothreads > ids->niothread ? def->iothreads : ids->niothread;
    ids->iothread = virtRealloc(ids->iothread, want * sizeof(*ids->iothread));
    for (unsigned int next = 1; ids->niothread < want; next++) {
        bool taken = false;
        for (size_t i = 0; i < ids->niothread && !taken; i++)
            taken = ids->iothread[i]->id == next;
        if (taken)
            continue;
        virtDomainIothread *t = virtAlloc(sizeof(*t));
        t->id = next;
        t->id_set = true;
        ids->iothread[ids->niothread++] = t;
    }
    def->iothreads = (unsigned int) want;
    def->iothreads_set = true;
}

static void aliasDrop(void **slot, void *opaque);

static int defaults(virtDomain *def, const virtDomainDriverDefaults *drv, bool status, virtXMLError *err)
{
    /* a device's alias is the hypervisor's while the domain runs: a
     * definition keeps only the user's own ("ua-..."), as libvirt's */
    if (!status)
        virtXMLModelEach(virtXMLKind_domain.root, def, &virtXMLElem_domain_device_alias, aliasDrop, "ua-");
    if (!def->uuid_set) {
        if (virtUUIDGenerate(def->uuid) < 0) {
            virtXMLErrorSet(err, VIR_ERR_INTERNAL_ERROR, "cannot generate a UUID: %s", strerror(errno));
            return -1;
        }
        def->uuid_set = true;
    }
    if (memoryDefaults(def, err) < 0)
        return -1;
    if (!def->vcpu || !def->vcpu->text_set)
        virtDomainModelSetVcpus(def, 1, 0);
    else
        virtDomainModelSetVcpus(def, def->vcpu->text, def->vcpu->current_set ? def->vcpu->current : 0);
    iothreadDefaults(def);
    if (!def->devices)
        def->devices = virtAlloc(sizeof(*def->devices));
    if (def->os && def->os->nboot && anyDeviceBoot(def->devices)) {
        virtXMLErrorSet(err, VIR_ERR_CONFIG_UNSUPPORTED,
                        "per-device boot elements cannot be used together with os/boot elements");
        return -1;
    }
    osDefaults(def, drv);
    if (!def->clock) {
        def->clock = virtAlloc(sizeof(*def->clock));
        def->clock->offset = virtStrdup("utc");
    }

    virtDomainDevices *d = def->devices;
    if (!status)
        diskOrder(d);   /* a status document is already in that order */
    for (size_t i = 0; i < d->ndisk; i++)
        if (diskDefaults(d->disk[i], err) < 0 || driveControllerCheck(d->disk[i], err) < 0)
            return -1;
    controllerIndexes(d);
    diskControllers(d);
    otherControllers(d);
    for (size_t i = 0; i < d->ninterface; i++) {
        if (!status)   /* a running guest's taps exist under these names */
            dropGeneratedIfname(d->interface[i]);
        if (generateMAC(d->interface[i], drv, err) < 0)
            return -1;
        nameInterface(d->interface[i], i, drv);
    }
    chardevTcpDefaults(d);
    redirfilterDefaults(d->redirfilter);
    chardevDefaults(def, d, status);
    /* a host device passed through is not managed unless it says so */
    for (size_t i = 0; i < d->nhostdev; i++)
        if (streq(d->hostdev[i]->mode, "subsystem") && !d->hostdev[i]->managed)
            d->hostdev[i]->managed = 2;
    for (size_t i = 0; i < d->ngraphics; i++)
        graphicsDefaults(d->graphics[i], status);
    videoOfGraphics(d, drv);
    for (size_t i = 0; i < d->nvideo; i++)
        videoDefaults(d->video[i], i == 0);
    return 0;
}

virtDomain *virtDomainModelParse(const char *xml, unsigned int flags,
                                 const virtDomainDriverDefaults *drv, virtXMLError *err)
{
    xmlDocPtr doc = virtXMLParse(xml, "domain", err);
    virtDomain *def = NULL;

    if (!doc)
        return NULL;
    if (virtXMLCheckRoot(doc, "domain", !(flags & VIRT_XML_VALIDATE), err) == 0 &&
        (def = virtXMLModelParseDoc(doc, &virtXMLKind_domain, flags & ~VIRT_DOMAIN_PARSE_STATUS, err)) &&
        (defaults(def, drv, flags & VIRT_DOMAIN_PARSE_STATUS, err) < 0 ||
         virtDomainModelValidate(def, err) < 0)) {
        virtDomainModelFree(def);
        def = NULL;
    }
    virtXMLErrorSetDomain(err, VIR_FROM_DOMAIN);
    xmlFreeDoc(doc);
    return def;
}

char *virtDomainModelFormat(const virtDomain *def, unsigned int flags)
{
    return virtXMLModelFormat(&virtXMLKind_domain, def, flags);
}

virtDomain *virtDomainModelCopy(const virtDomain *def)
{
    return virtXMLModelCopy(virtXMLKind_domain.root, def);
}

void virtDomainModelFree(virtDomain *def)
{
    if (def)
        virtXMLModelFree(virtXMLKind_domain.root, def);
}

/* ---- devices ---------------------------------------------------------- */

int virtDomainModelParseDevice(const char *xml, unsigned int flags,
                               virtDomainModelDevice *out, virtXMLError *err)
{
    xmlDocPtr doc = virtXMLParse(xml, "device", err);
    int ret = -1;

    memset(out, 0, sizeof(*out));
    if (!doc)
        goto cleanup;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (virtXMLIs(root, "disk")) {
        if ((out->disk = virtXMLModelParseNode(&virtXMLElem_domain_disk, root, flags, err))) {
            if (diskDefaults(out->disk, err) == 0 && driveControllerCheck(out->disk, err) == 0 &&
                virtDomainModelValidateDisk(out->disk, err) == 0)
                ret = 0;
        }
    } else if (virtXMLIs(root, "interface")) {
        if ((out->iface = virtXMLModelParseNode(&virtXMLElem_domain_interface, root, flags, err))) {
            dropGeneratedIfname(out->iface);
            ret = 0;
        }
    } else {
        virtXMLErrorSet(err, VIR_ERR_CONFIG_UNSUPPORTED, "unsupported device element '%s' at line %ld",
                        (const char *) root->name, xmlGetLineNo(root));
    }
    if (ret < 0)
        virtDomainModelDeviceClear(out);

 cleanup:
    virtXMLErrorSetDomain(err, VIR_FROM_DOMAIN);
    xmlFreeDoc(doc);
    return ret;
}

void virtDomainModelDeviceClear(virtDomainModelDevice *dev)
{
    if (dev->disk)
        virtXMLModelFree(&virtXMLElem_domain_disk, dev->disk);
    if (dev->iface)
        virtXMLModelFree(&virtXMLElem_domain_interface, dev->iface);
    dev->disk = NULL;
    dev->iface = NULL;
}

static virtDomainDevices *devicesOf(virtDomain *def)
{
    if (!def->devices)
        def->devices = virtAlloc(sizeof(*def->devices));
    return def->devices;
}

void virtDomainModelAddDisk(virtDomain *def, virtDomainDisk *disk)
{
    virtDomainDevices *d = devicesOf(def);
    APPEND(d->disk, d->ndisk, disk);
    diskControllers(d);
}

int virtDomainModelAddInterface(virtDomain *def, virtDomainInterface *iface,
                                const virtDomainDriverDefaults *drv, virtXMLError *err)
{
    virtDomainDevices *d = devicesOf(def);
    if (generateMAC(iface, drv, err) < 0)
        return -1;
    nameInterface(iface, d->ninterface, drv);
    APPEND(d->interface, d->ninterface, iface);
    return 0;
}

static void removeAt(void **arr, size_t *n, size_t i)
{
    memmove(arr + i, arr + i + 1, (*n - i - 1) * sizeof(*arr));
    (*n)--;
}

void virtDomainModelRemoveDisk(virtDomain *def, size_t i)
{
    virtDomainDevices *d = def->devices;
    virtXMLModelFree(&virtXMLElem_domain_disk, d->disk[i]);
    removeAt((void **) d->disk, &d->ndisk, i);
}

void virtDomainModelRemoveInterface(virtDomain *def, size_t i)
{
    virtDomainDevices *d = def->devices;
    virtXMLModelFree(&virtXMLElem_domain_interface, d->interface[i]);
    removeAt((void **) d->interface, &d->ninterface, i);
}

/* ---- aliases and addresses -------------------------------------------- */

typedef struct aliasSearch {
    const char *name;
    bool found;
} aliasSearch;

static void aliasMatch(void **slot, void *opaque)
{
    aliasSearch *s = opaque;
    const virtDomainDeviceAlias *a = *slot;
    if (streq(a->name, s->name))
        s->found = true;
}

bool virtDomainModelAliasInUse(const virtDomain *def, const char *alias)
{
    aliasSearch s = { alias, false };
    /* the walk only reads: the cast lets one walker serve both uses */
    virtXMLModelEach(virtXMLKind_domain.root, (void *) def, &virtXMLElem_domain_device_alias,
                     aliasMatch, &s);
    return s.found;
}

/* opaque non-NULL: keep the user's aliases ("ua-..."). */
static void aliasDrop(void **slot, void *opaque)
{
    const virtDomainDeviceAlias *a = *slot;
    if (opaque && a->name && strncmp(a->name, "ua-", 3) == 0)
        return;
    virtXMLModelFree(&virtXMLElem_domain_device_alias, *slot);
    *slot = NULL;
}

void virtDomainModelClearAliases(virtDomain *def)
{
    virtXMLModelEach(virtXMLKind_domain.root, def, &virtXMLElem_domain_device_alias, aliasDrop, NULL);
}

const char *virtDomainModelAliasName(const virtDomainDeviceAlias *a)
{
    return a ? a->name : NULL;
}

void virtDomainModelSetAlias(virtDomainDeviceAlias **slot, char *name)
{
    if (*slot)
        virtXMLModelFree(&virtXMLElem_domain_device_alias, *slot);
    *slot = NULL;
    if (!name)
        return;
    *slot = virtAlloc(sizeof(**slot));
    (*slot)->name = name;
}

virtDomainDeviceAlias **virtDomainModelIfaceAliasSlot(virtDomainInterface *iface)
{
    return streq(iface->type, "hostdev") ? &iface->hostdev.alias : &iface->other.alias;
}

virtDomainDeviceAddress **virtDomainModelIfaceAddressSlot(virtDomainInterface *iface)
{
    return streq(iface->type, "hostdev") ? &iface->hostdev.address : &iface->other.address;
}

void virtDomainModelSetIfaceTarget(virtDomainInterface *iface, const char *dev)
{
    virtDomainIfaceTarget **t = ifaceTargetSlot(iface);
    if (!*t)
        *t = virtAlloc(sizeof(**t));
    free((*t)->dev);
    (*t)->dev = virtStrdup(dev);
}

virtDomainDeviceAddress *virtDomainModelPCIAddressNew(unsigned int domain, unsigned int bus,
                                                      unsigned int slot, unsigned int function)
{
    virtDomainDeviceAddress *a = virtAlloc(sizeof(*a));
    a->type = virtStrdup("pci");
    a->pci.domain = domain;
    a->pci.bus = bus;
    a->pci.slot = slot;
    a->pci.function = function;
    a->pci.domain_set = a->pci.bus_set = a->pci.slot_set = a->pci.function_set = true;
    return a;
}

void virtDomainModelAddressFree(virtDomainDeviceAddress *a)
{
    if (a)
        virtXMLModelFree(&virtXMLElem_domain_device_address, a);
}
