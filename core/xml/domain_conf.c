/* domain_conf.c: <domain> documents into virtDomainDef and back out of
 * memory (parse, copy, free). The schema has already checked structure
 * and value syntax; this file checks what a grammar cannot (sizes that
 * overflow, MAC addresses) and fills defaults. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <libvirt/virterror.h>

#include "domain_conf.h"
#include "xml_schema.h"
#include "xml_util.h"

/* ---- freeing -------------------------------------------------------- */

void virtDomainDeviceAddressFree(virtDomainDeviceAddress *a)
{
    if (!a)
        return;
    free(a->type);
    free(a->domain);
    free(a->bus);
    free(a->slot);
    free(a->function);
    free(a->controller);
    free(a->target);
    free(a->unit);
    free(a->port);
    free(a);
}

void virtDomainDiskDefFree(virtDomainDiskDef *d)
{
    if (!d)
        return;
    free(d->type);
    free(d->device);
    free(d->driver_name);
    free(d->driver_type);
    free(d->source);
    free(d->target);
    free(d->bus);
    virtDomainDeviceAddressFree(d->address);
    free(d->alias);
    free(d);
}

void virtDomainNetDefFree(virtDomainNetDef *n)
{
    if (!n)
        return;
    free(n->type);
    free(n->source);
    free(n->mac);
    free(n->ip);
    free(n->script);
    free(n->target);
    free(n->model);
    virtDomainDeviceAddressFree(n->address);
    free(n->alias);
    free(n);
}

static void graphicsFree(virtDomainGraphicsDef *g)
{
    if (!g)
        return;
    free(g->type);
    free(g->listen);
    free(g->keymap);
    free(g->display);
    free(g->xauth);
    free(g);
}

static void inputFree(virtDomainInputDef *i)
{
    if (!i)
        return;
    free(i->type);
    free(i->bus);
    free(i->alias);
    virtDomainDeviceAddressFree(i->address);
    free(i);
}

static void chrFree(virtDomainChrDef *c)
{
    if (!c)
        return;
    free(c->type);
    free(c->source_path);
    free(c->tty);
    free(c->target_type);
    free(c->alias);
    virtDomainDeviceAddressFree(c->address);
    free(c);
}

void virtDomainControllerDefFree(virtDomainControllerDef *c)
{
    if (!c)
        return;
    free(c->type);
    free(c->model);
    free(c->alias);
    virtDomainDeviceAddressFree(c->address);
    free(c);
}

#define FREE_LIST(list, n, fn)              \
    do {                                    \
        for (size_t i_ = 0; i_ < (n); i_++) \
            fn((list)[i_]);                 \
        free(list);                         \
    } while (0)

void virtDomainDefFree(virtDomainDef *def)
{
    if (!def)
        return;
    free(def->type);
    free(def->name);
    free(def->description);
    free(def->title);
    free(def->os_type);
    free(def->os_arch);
    free(def->os_machine);
    free(def->os_loader);
    free(def->os_kernel);
    free(def->os_initrd);
    free(def->os_cmdline);
    free(def->os_root);
    free(def->bootloader);
    free(def->bootloader_args);
    FREE_LIST(def->boot_devs, def->nboot_devs, free);
    free(def->on_poweroff);
    free(def->on_reboot);
    free(def->on_crash);
    free(def->clock_offset);
    free(def->emulator);
    free(def->vcpu_placement);
    FREE_LIST(def->disks, def->ndisks, virtDomainDiskDefFree);
    FREE_LIST(def->nets, def->nnets, virtDomainNetDefFree);
    FREE_LIST(def->graphics, def->ngraphics, graphicsFree);
    FREE_LIST(def->inputs, def->ninputs, inputFree);
    FREE_LIST(def->serials, def->nserials, chrFree);
    FREE_LIST(def->parallels, def->nparallels, chrFree);
    FREE_LIST(def->consoles, def->nconsoles, chrFree);
    free(def->console_tty);
    free(def->memballoon_model);
    virtDomainDeviceAddressFree(def->memballoon_address);
    free(def->memballoon_alias);
    FREE_LIST(def->controllers, def->ncontrollers, virtDomainControllerDefFree);
    free(def);
}

void virtDomainDeviceDefFree(virtDomainDeviceDef *dev)
{
    if (!dev)
        return;
    virtDomainDiskDefFree(dev->disk);
    virtDomainNetDefFree(dev->net);
    free(dev);
}

/* ---- copying -------------------------------------------------------- */

static virtDomainDeviceAddress *addressCopy(const virtDomainDeviceAddress *a)
{
    virtDomainDeviceAddress *c;

    if (!a)
        return NULL;
    c = virtAlloc(sizeof(*c));
    c->type = virtStrdup(a->type);
    c->domain = virtStrdup(a->domain);
    c->bus = virtStrdup(a->bus);
    c->slot = virtStrdup(a->slot);
    c->function = virtStrdup(a->function);
    c->controller = virtStrdup(a->controller);
    c->target = virtStrdup(a->target);
    c->unit = virtStrdup(a->unit);
    c->port = virtStrdup(a->port);
    return c;
}

virtDomainDiskDef *virtDomainDiskDefCopy(const virtDomainDiskDef *d)
{
    virtDomainDiskDef *c;

    if (!d)
        return NULL;
    c = virtAlloc(sizeof(*c));
    c->type = virtStrdup(d->type);
    c->device = virtStrdup(d->device);
    c->driver_name = virtStrdup(d->driver_name);
    c->driver_type = virtStrdup(d->driver_type);
    c->source = virtStrdup(d->source);
    c->target = virtStrdup(d->target);
    c->bus = virtStrdup(d->bus);
    c->readonly = d->readonly;
    c->shareable = d->shareable;
    c->address = addressCopy(d->address);
    c->alias = virtStrdup(d->alias);
    return c;
}

virtDomainNetDef *virtDomainNetDefCopy(const virtDomainNetDef *n)
{
    virtDomainNetDef *c;

    if (!n)
        return NULL;
    c = virtAlloc(sizeof(*c));
    c->type = virtStrdup(n->type);
    c->source = virtStrdup(n->source);
    c->source_port = n->source_port;
    c->mac = virtStrdup(n->mac);
    c->ip = virtStrdup(n->ip);
    c->script = virtStrdup(n->script);
    c->target = virtStrdup(n->target);
    c->model = virtStrdup(n->model);
    c->address = addressCopy(n->address);
    c->alias = virtStrdup(n->alias);
    return c;
}

static virtDomainGraphicsDef *graphicsCopy(const virtDomainGraphicsDef *g)
{
    virtDomainGraphicsDef *c = virtAlloc(sizeof(*c));

    *c = *g;
    c->type = virtStrdup(g->type);
    c->listen = virtStrdup(g->listen);
    c->keymap = virtStrdup(g->keymap);
    c->display = virtStrdup(g->display);
    c->xauth = virtStrdup(g->xauth);
    return c;
}

static virtDomainInputDef *inputCopy(const virtDomainInputDef *i)
{
    virtDomainInputDef *c = virtAlloc(sizeof(*c));

    c->type = virtStrdup(i->type);
    c->bus = virtStrdup(i->bus);
    c->alias = virtStrdup(i->alias);
    c->address = addressCopy(i->address);
    return c;
}

static virtDomainChrDef *chrCopy(const virtDomainChrDef *ch)
{
    virtDomainChrDef *c = virtAlloc(sizeof(*c));

    c->type = virtStrdup(ch->type);
    c->source_path = virtStrdup(ch->source_path);
    c->tty = virtStrdup(ch->tty);
    c->target_type = virtStrdup(ch->target_type);
    c->target_port = ch->target_port;
    c->alias = virtStrdup(ch->alias);
    c->address = addressCopy(ch->address);
    return c;
}

static virtDomainControllerDef *controllerCopy(const virtDomainControllerDef *ctl)
{
    virtDomainControllerDef *c = virtAlloc(sizeof(*c));

    c->type = virtStrdup(ctl->type);
    c->index = ctl->index;
    c->model = virtStrdup(ctl->model);
    c->alias = virtStrdup(ctl->alias);
    c->address = addressCopy(ctl->address);
    return c;
}

#define COPY_LIST(dst, src, n, fn)                                   \
    do {                                                             \
        (dst) = (n) ? virtAlloc((n) * sizeof(*(dst))) : NULL;         \
        for (size_t i_ = 0; i_ < (n); i_++)                          \
            (dst)[i_] = fn((src)[i_]);                                \
    } while (0)

virtDomainDef *virtDomainDefCopy(const virtDomainDef *def)
{
    virtDomainDef *c;

    if (!def)
        return NULL;
    c = virtAlloc(sizeof(*c));
    *c = *def;   /* scalars; every pointer is replaced below */
    c->type = virtStrdup(def->type);
    c->name = virtStrdup(def->name);
    c->description = virtStrdup(def->description);
    c->title = virtStrdup(def->title);
    c->os_type = virtStrdup(def->os_type);
    c->os_arch = virtStrdup(def->os_arch);
    c->os_machine = virtStrdup(def->os_machine);
    c->os_loader = virtStrdup(def->os_loader);
    c->os_kernel = virtStrdup(def->os_kernel);
    c->os_initrd = virtStrdup(def->os_initrd);
    c->os_cmdline = virtStrdup(def->os_cmdline);
    c->os_root = virtStrdup(def->os_root);
    c->bootloader = virtStrdup(def->bootloader);
    c->bootloader_args = virtStrdup(def->bootloader_args);
    COPY_LIST(c->boot_devs, def->boot_devs, def->nboot_devs, virtStrdup);
    c->on_poweroff = virtStrdup(def->on_poweroff);
    c->on_reboot = virtStrdup(def->on_reboot);
    c->on_crash = virtStrdup(def->on_crash);
    c->clock_offset = virtStrdup(def->clock_offset);
    c->emulator = virtStrdup(def->emulator);
    c->vcpu_placement = virtStrdup(def->vcpu_placement);
    COPY_LIST(c->disks, def->disks, def->ndisks, virtDomainDiskDefCopy);
    COPY_LIST(c->nets, def->nets, def->nnets, virtDomainNetDefCopy);
    COPY_LIST(c->graphics, def->graphics, def->ngraphics, graphicsCopy);
    COPY_LIST(c->inputs, def->inputs, def->ninputs, inputCopy);
    COPY_LIST(c->serials, def->serials, def->nserials, chrCopy);
    COPY_LIST(c->parallels, def->parallels, def->nparallels, chrCopy);
    COPY_LIST(c->consoles, def->consoles, def->nconsoles, chrCopy);
    c->console_tty = virtStrdup(def->console_tty);
    c->memballoon_model = virtStrdup(def->memballoon_model);
    c->memballoon_address = addressCopy(def->memballoon_address);
    c->memballoon_alias = virtStrdup(def->memballoon_alias);
    COPY_LIST(c->controllers, def->controllers, def->ncontrollers, controllerCopy);
    return c;
}

/* ---- device aliases ------------------------------------------------- */

/* Every alias field of def, in device order (caller frees the array). */
static char ***aliasList(virtDomainDef *def, size_t *n)
{
    char ***list = virtAlloc((def->ndisks + def->ncontrollers + def->nnets + def->nserials + def->nparallels +
                              def->nconsoles + def->ninputs + 1) * sizeof(*list));
    size_t i;

    *n = 0;
    for (i = 0; i < def->ndisks; i++)
        list[(*n)++] = &def->disks[i]->alias;
    for (i = 0; i < def->ncontrollers; i++)
        list[(*n)++] = &def->controllers[i]->alias;
    for (i = 0; i < def->nnets; i++)
        list[(*n)++] = &def->nets[i]->alias;
    for (i = 0; i < def->nserials; i++)
        list[(*n)++] = &def->serials[i]->alias;
    for (i = 0; i < def->nparallels; i++)
        list[(*n)++] = &def->parallels[i]->alias;
    for (i = 0; i < def->nconsoles; i++)
        list[(*n)++] = &def->consoles[i]->alias;
    for (i = 0; i < def->ninputs; i++)
        list[(*n)++] = &def->inputs[i]->alias;
    list[(*n)++] = &def->memballoon_alias;
    return list;
}

int virtDomainDefAliasInUse(const virtDomainDef *def, const char *alias)
{
    size_t n, i;
    char ***list;
    int found = 0;

    if (!alias)
        return 0;
    list = aliasList((virtDomainDef *) def, &n);   /* only read */
    for (i = 0; i < n && !found; i++)
        found = *list[i] && strcmp(*list[i], alias) == 0;
    free(list);
    return found;
}

void virtDomainDefClearAliases(virtDomainDef *def)
{
    size_t n, i;
    char ***list = aliasList(def, &n);

    for (i = 0; i < n; i++) {
        free(*list[i]);
        *list[i] = NULL;
    }
    free(list);
}

/* ---- PCI addresses -------------------------------------------------- */

/* "0x1f" or "31" (the schema allows nothing else); -1 past ULONG_MAX. */
static int parseHexOrDec(const char *s, unsigned long *out)
{
    char *end = NULL;
    int hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');

    errno = 0;
    *out = strtoul(hex ? s + 2 : s, &end, hex ? 16 : 10);
    return errno || !end || *end || end == (hex ? s + 2 : s) ? -1 : 0;
}

int virtDomainPCIAddressGet(const virtDomainDeviceAddress *a, virtDomainPCIAddress *out, int *has_slot)
{
    const char *fields[4];
    unsigned int *vals[4] = { &out->domain, &out->bus, &out->slot, &out->function };

    if (!a || !a->type || strcmp(a->type, "pci") != 0)
        return -1;
    fields[0] = a->domain;
    fields[1] = a->bus;
    fields[2] = a->slot;
    fields[3] = a->function;
    for (int i = 0; i < 4; i++) {
        unsigned long v = 0;
        if (fields[i] && (parseHexOrDec(fields[i], &v) < 0 || v > 0xffff))
            return -1;
        *vals[i] = (unsigned int) v;
    }
    if (has_slot)
        *has_slot = a->slot != NULL;
    return 0;
}

virtDomainDeviceAddress *virtDomainPCIAddressNew(const virtDomainPCIAddress *pci)
{
    virtDomainDeviceAddress *a = virtAlloc(sizeof(*a));

    a->type = virtStrdup("pci");
    a->domain = virtAsprintf("0x%04x", pci->domain);
    a->bus = virtAsprintf("0x%02x", pci->bus);
    a->slot = virtAsprintf("0x%02x", pci->slot);
    a->function = virtAsprintf("0x%x", pci->function);
    return a;
}

/* ---- parsing -------------------------------------------------------- */

int virtMACAddrValidate(const char *mac)
{
    if (!mac || strlen(mac) != 17)
        return -1;
    for (int i = 0; i < 17; i++) {
        if (i % 3 == 2) {
            if (mac[i] != ':')
                return -1;
        } else if (!isxdigit((unsigned char) mac[i])) {
            return -1;
        }
    }
    return 0;
}

/* Append item to a growable array of pointers. */
static void listAppend(void *listp, size_t *n, void *item)
{
    void ***list = listp;

    *list = virtRealloc(*list, (*n + 1) * sizeof(void *));
    (*list)[(*n)++] = item;
}

/* Memory in any libvirt unit, to KiB rounded up. */
static int parseMemory(xmlNodePtr node, unsigned long long *kib, virtXMLError *err)
{
    static const struct { const char *unit; unsigned long long bytes; } units[] = {
        { "b", 1ULL }, { "bytes", 1ULL },
        { "KB", 1000ULL }, { "k", 1024ULL }, { "KiB", 1024ULL },
        { "MB", 1000000ULL }, { "M", 1ULL << 20 }, { "MiB", 1ULL << 20 },
        { "GB", 1000000000ULL }, { "G", 1ULL << 30 }, { "GiB", 1ULL << 30 },
        { "TB", 1000000000000ULL }, { "T", 1ULL << 40 }, { "TiB", 1ULL << 40 },
    };
    char *unit = virtXMLProp(node, "unit");
    char *text = virtXMLText(node);
    unsigned long long value, bytes = 1024;
    int ret = -1;

    for (size_t i = 0; unit && i < sizeof(units) / sizeof(units[0]); i++)
        if (strcmp(unit, units[i].unit) == 0)
            bytes = units[i].bytes;
    if (virtXMLParseULL(text, &value) < 0) {
        virtXMLErrorSet(err, VIR_ERR_XML_ERROR, "invalid value '%s' for element '%s' at line %ld",
                        text, (const char *) node->name, xmlGetLineNo(node));
        goto cleanup;
    }
    if (value > ~0ULL / bytes) {
        virtXMLErrorSet(err, VIR_ERR_XML_ERROR, "value of element '%s' at line %ld is too large",
                        (const char *) node->name, xmlGetLineNo(node));
        goto cleanup;
    }
    value *= bytes;
    *kib = value / 1024 + (value % 1024 ? 1 : 0);
    ret = 0;

 cleanup:
    free(unit);
    free(text);
    return ret;
}

/* An <address>, kept as written (the model's hooks have checked it). */
static virtDomainDeviceAddress *parseAddress(xmlNodePtr node, virtXMLError *err)
{
    virtDomainDeviceAddress *a = virtAlloc(sizeof(*a));

    (void) err;
    a->type = virtXMLProp(node, "type");
    a->domain = virtXMLProp(node, "domain");
    a->bus = virtXMLProp(node, "bus");
    a->slot = virtXMLProp(node, "slot");
    a->function = virtXMLProp(node, "function");
    a->controller = virtXMLProp(node, "controller");
    a->target = virtXMLProp(node, "target");
    a->unit = virtXMLProp(node, "unit");
    a->port = virtXMLProp(node, "port");
    return a;
}

/* The <alias> and <address> children a device may have, when present. */
static int parseAliasAddress(xmlNodePtr node, char **alias, virtDomainDeviceAddress **address,
                             virtXMLError *err)
{
    xmlNodePtr c;

    if ((c = virtXMLChild(node, "alias")))
        *alias = virtXMLProp(c, "name");
    if ((c = virtXMLChild(node, "address")) && !(*address = parseAddress(c, err)))
        return -1;
    return 0;
}

static virtDomainDiskDef *parseDisk(xmlNodePtr node, virtXMLError *err)
{
    virtDomainDiskDef *d = virtAlloc(sizeof(*d));

    d->type = virtXMLProp(node, "type");
    if (!d->type)   /* libvirt's default disk type */
        d->type = virtStrdup("file");
    d->device = virtXMLProp(node, "device");
    if (!d->device)
        d->device = virtStrdup("disk");
    for (xmlNodePtr c = node->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || !virtXMLIsFirst(c))
            continue;
        if (virtXMLIs(c, "source")) {
            d->source = virtXMLProp(c, strcmp(d->type, "block") == 0 ? "dev" : "file");
        } else if (virtXMLIs(c, "target")) {
            d->target = virtXMLProp(c, "dev");
            d->bus = virtXMLProp(c, "bus");
        } else if (virtXMLIs(c, "driver")) {
            d->driver_name = virtXMLProp(c, "name");
            d->driver_type = virtXMLProp(c, "type");
        } else if (virtXMLIs(c, "readonly")) {
            d->readonly = 1;
        } else if (virtXMLIs(c, "shareable")) {
            d->shareable = 1;
        } else if (virtXMLIs(c, "address")) {
            if (!(d->address = parseAddress(c, err))) {
                virtDomainDiskDefFree(d);
                return NULL;
            }
        } else if (virtXMLIs(c, "alias")) {
            d->alias = virtXMLProp(c, "name");
        }
    }
    return d;
}

static virtDomainNetDef *parseNet(xmlNodePtr node, virtXMLError *err)
{
    virtDomainNetDef *n = virtAlloc(sizeof(*n));

    n->type = virtXMLProp(node, "type");
    for (xmlNodePtr c = node->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || !virtXMLIsFirst(c))
            continue;
        if (virtXMLIs(c, "source")) {
            /* Each spelling the format has used for the same thing. */
            static const char *const attrs[] = { "network", "name", "bridge", "dev", "address" };
            char *port = virtXMLProp(c, "port");
            for (size_t i = 0; i < sizeof(attrs) / sizeof(attrs[0]) && !n->source; i++)
                n->source = virtXMLProp(c, attrs[i]);
            if (port && virtXMLParseInt(port, &n->source_port) < 0)
                n->source_port = 0;
            free(port);
        } else if (virtXMLIs(c, "mac")) {
            n->mac = virtXMLProp(c, "address");
            if (virtMACAddrValidate(n->mac) < 0) {
                virtXMLErrorSet(err, VIR_ERR_XML_ERROR, "unable to parse mac address '%s' at line %ld",
                                n->mac ? n->mac : "", xmlGetLineNo(c));
                goto error;
            }
            for (char *p = n->mac; *p; p++)
                *p = (char) tolower((unsigned char) *p);
        } else if (virtXMLIs(c, "ip")) {
            n->ip = virtXMLProp(c, "address");
        } else if (virtXMLIs(c, "script")) {
            n->script = virtXMLProp(c, "path");
        } else if (virtXMLIs(c, "target")) {
            n->target = virtXMLProp(c, "dev");
        } else if (virtXMLIs(c, "model")) {
            n->model = virtXMLProp(c, "type");
        } else if (virtXMLIs(c, "address")) {
            if (!(n->address = parseAddress(c, err)))
                goto error;
        } else if (virtXMLIs(c, "alias")) {
            n->alias = virtXMLProp(c, "name");
        }
    }
    return n;

 error:
    virtDomainNetDefFree(n);
    return NULL;
}

static virtDomainGraphicsDef *parseGraphics(xmlNodePtr node)
{
    virtDomainGraphicsDef *g = virtAlloc(sizeof(*g));
    char *port = virtXMLProp(node, "port");
    char *autoport = virtXMLProp(node, "autoport");

    g->type = virtXMLProp(node, "type");
    g->listen = virtXMLProp(node, "listen");
    g->keymap = virtXMLProp(node, "keymap");
    g->display = virtXMLProp(node, "display");
    g->xauth = virtXMLProp(node, "xauth");
    g->has_port = port && virtXMLParseInt(port, &g->port) == 0;
    g->autoport = autoport ? strcmp(autoport, "yes") == 0 : -1;
    free(port);
    free(autoport);
    return g;
}

static virtDomainChrDef *parseChr(xmlNodePtr node, virtXMLError *err)
{
    virtDomainChrDef *ch = virtAlloc(sizeof(*ch));
    xmlNodePtr c;

    ch->type = virtXMLProp(node, "type");
    ch->tty = virtXMLProp(node, "tty");
    ch->target_port = -1;
    if ((c = virtXMLChild(node, "source")))
        ch->source_path = virtXMLProp(c, "path");
    if ((c = virtXMLChild(node, "target"))) {
        char *port = virtXMLProp(c, "port");
        ch->target_type = virtXMLProp(c, "type");
        if (port && virtXMLParseInt(port, &ch->target_port) < 0)
            ch->target_port = -1;
        free(port);
    }
    if (parseAliasAddress(node, &ch->alias, &ch->address, err) < 0) {
        chrFree(ch);
        return NULL;
    }
    return ch;
}

static virtDomainControllerDef *parseController(xmlNodePtr node, virtXMLError *err)
{
    virtDomainControllerDef *ctl = virtAlloc(sizeof(*ctl));
    char *index = virtXMLProp(node, "index");

    ctl->type = virtXMLProp(node, "type");
    ctl->model = virtXMLProp(node, "model");
    ctl->index = -1;
    if (index && virtXMLParseInt(index, &ctl->index) < 0)
        ctl->index = -1;
    free(index);
    if (parseAliasAddress(node, &ctl->alias, &ctl->address, err) < 0) {
        virtDomainControllerDefFree(ctl);
        return NULL;
    }
    return ctl;
}

/* Append a parsed device, or fail when parsing it failed. */
#define APPEND_PARSED(list, n, expr)        \
    do {                                    \
        void *item_ = (expr);               \
        if (!item_)                         \
            return -1;                      \
        listAppend(&(list), &(n), item_);   \
    } while (0)

static int parseDevices(virtDomainDef *def, xmlNodePtr node, virtXMLError *err)
{
    for (xmlNodePtr c = node->children; c; c = c->next) {
        /* devices repeat; the emulator and the balloon are read once */
        if (c->type != XML_ELEMENT_NODE ||
            ((virtXMLIs(c, "emulator") || virtXMLIs(c, "memballoon")) && !virtXMLIsFirst(c)))
            continue;
        if (virtXMLIs(c, "emulator")) {
            def->emulator = virtXMLText(c);
        } else if (virtXMLIs(c, "disk")) {
            virtDomainDiskDef *d = parseDisk(c, err);
            if (!d)
                return -1;
            listAppend(&def->disks, &def->ndisks, d);
        } else if (virtXMLIs(c, "interface")) {
            virtDomainNetDef *n = parseNet(c, err);
            if (!n)
                return -1;
            listAppend(&def->nets, &def->nnets, n);
        } else if (virtXMLIs(c, "graphics")) {
            listAppend(&def->graphics, &def->ngraphics, parseGraphics(c));
        } else if (virtXMLIs(c, "input")) {
            virtDomainInputDef *in = virtAlloc(sizeof(*in));
            in->type = virtXMLProp(c, "type");
            in->bus = virtXMLProp(c, "bus");
            listAppend(&def->inputs, &def->ninputs, in);
            if (parseAliasAddress(c, &in->alias, &in->address, err) < 0)
                return -1;
        } else if (virtXMLIs(c, "serial")) {
            APPEND_PARSED(def->serials, def->nserials, parseChr(c, err));
        } else if (virtXMLIs(c, "parallel")) {
            APPEND_PARSED(def->parallels, def->nparallels, parseChr(c, err));
        } else if (virtXMLIs(c, "console")) {
            APPEND_PARSED(def->consoles, def->nconsoles, parseChr(c, err));
        } else if (virtXMLIs(c, "controller")) {
            APPEND_PARSED(def->controllers, def->ncontrollers, parseController(c, err));
        } else if (virtXMLIs(c, "memballoon")) {
            def->memballoon_model = virtXMLProp(c, "model");
            if (parseAliasAddress(c, &def->memballoon_alias, &def->memballoon_address, err) < 0)
                return -1;
        }
    }
    return 0;
}

static int parseOS(virtDomainDef *def, xmlNodePtr node, virtXMLError *err)
{
    for (xmlNodePtr c = node->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || (!virtXMLIs(c, "boot") && !virtXMLIsFirst(c)))
            continue;
        if (virtXMLIs(c, "type")) {
            def->os_type = virtXMLText(c);
            def->os_arch = virtXMLProp(c, "arch");
            def->os_machine = virtXMLProp(c, "machine");
        } else if (virtXMLIs(c, "loader")) {
            def->os_loader = virtXMLText(c);
        } else if (virtXMLIs(c, "kernel")) {
            def->os_kernel = virtXMLText(c);
        } else if (virtXMLIs(c, "initrd")) {
            def->os_initrd = virtXMLText(c);
        } else if (virtXMLIs(c, "cmdline")) {
            def->os_cmdline = virtXMLText(c);
        } else if (virtXMLIs(c, "root")) {
            def->os_root = virtXMLText(c);
        } else if (virtXMLIs(c, "boot")) {
            listAppend(&def->boot_devs, &def->nboot_devs, virtXMLProp(c, "dev"));
        }
    }
    return 0;
}

static int parseFeatures(virtDomainDef *def, xmlNodePtr node, virtXMLError *err)
{
    for (xmlNodePtr c = node->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (virtXMLIs(c, "pae"))
            def->feature_pae = 1;
        else if (virtXMLIs(c, "acpi"))
            def->feature_acpi = 1;
        else if (virtXMLIs(c, "apic"))
            def->feature_apic = 1;
        else if (virtXMLIs(c, "hap"))
            def->feature_hap = 1;
        else if (virtXMLIs(c, "nonpae"))
            def->feature_nonpae = 1;

    }
    return 0;
}

static int parseVcpu(virtDomainDef *def, xmlNodePtr node, virtXMLError *err)
{
    char *text = virtXMLText(node);
    char *current = virtXMLProp(node, "current");
    unsigned long long n = 0, cur = 0;
    int ret = -1;

    def->vcpu_placement = virtXMLProp(node, "placement");
    if (virtXMLParseULL(text, &n) < 0 || n == 0 || n > 65535) {
        virtXMLErrorSet(err, VIR_ERR_XML_ERROR, "invalid vcpu count '%s' at line %ld", text, xmlGetLineNo(node));
        goto cleanup;
    }
    if (current && (virtXMLParseULL(current, &cur) < 0 || cur == 0 || cur > n)) {
        virtXMLErrorSet(err, VIR_ERR_XML_ERROR, "invalid current vcpu count '%s' at line %ld",
                        current, xmlGetLineNo(node));
        goto cleanup;
    }
    def->vcpus = (unsigned int) n;
    def->vcpus_current = (unsigned int) cur;
    ret = 0;

 cleanup:
    free(text);
    free(current);
    return ret;
}

/* Fill def from a validated <domain> element. */
static int parseDomain(virtDomainDef *def, xmlNodePtr root, virtXMLError *err)
{
    char *id = virtXMLProp(root, "id");
    int rc = 0;

    def->type = virtXMLProp(root, "type");
    def->id = -1;
    if (id && virtXMLParseInt(id, &def->id) < 0)
        def->id = -1;
    free(id);
    def->vcpus = 1;

    for (xmlNodePtr c = root->children; c && rc == 0; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || !virtXMLIsFirst(c))
            continue;
        if (virtXMLIs(c, "name")) {
            def->name = virtXMLText(c);
        } else if (virtXMLIs(c, "uuid")) {
            char *text = virtXMLText(c);
            if (virtUUIDParse(text, def->uuid) < 0) {
                virtXMLErrorSet(err, VIR_ERR_XML_ERROR, "malformed uuid '%s' at line %ld", text, xmlGetLineNo(c));
                rc = -1;
            }
            def->has_uuid = 1;
            free(text);
        } else if (virtXMLIs(c, "title")) {
            def->title = virtXMLText(c);
        } else if (virtXMLIs(c, "description")) {
            def->description = virtXMLText(c);
        } else if (virtXMLIs(c, "memory")) {
            rc = parseMemory(c, &def->memory, err);
        } else if (virtXMLIs(c, "currentMemory")) {
            rc = parseMemory(c, &def->current_memory, err);
            def->has_current_memory = 1;
        } else if (virtXMLIs(c, "vcpu")) {
            rc = parseVcpu(def, c, err);
        } else if (virtXMLIs(c, "bootloader")) {
            def->bootloader = virtXMLText(c);
        } else if (virtXMLIs(c, "bootloader_args")) {
            def->bootloader_args = virtXMLText(c);
        } else if (virtXMLIs(c, "os")) {
            rc = parseOS(def, c, err);
        } else if (virtXMLIs(c, "on_poweroff")) {
            def->on_poweroff = virtXMLText(c);
        } else if (virtXMLIs(c, "on_reboot")) {
            def->on_reboot = virtXMLText(c);
        } else if (virtXMLIs(c, "on_crash")) {
            def->on_crash = virtXMLText(c);
        } else if (virtXMLIs(c, "features")) {
            rc = parseFeatures(def, c, err);
        } else if (virtXMLIs(c, "clock")) {
            /* libvirt 9.0 no longer reads the old sync attribute */
            def->clock_offset = virtXMLProp(c, "offset");
        } else if (virtXMLIs(c, "devices")) {
            rc = parseDevices(def, c, err);
        }
    }
    if (rc < 0)
        return -1;

    if (!def->has_uuid && virtUUIDGenerate(def->uuid) < 0) {
        virtXMLErrorSet(err, VIR_ERR_INTERNAL_ERROR, "cannot generate a UUID: %s", strerror(errno));
        return -1;
    }
    if (!def->has_current_memory || def->current_memory > def->memory)
        def->current_memory = def->memory;
    /* The console a client attaches to: the first pty console or serial
     * port, and the tty it was given (old Xen format or a running guest). */
    for (size_t i = 0; i < def->nconsoles + def->nserials; i++) {
        virtDomainChrDef *ch = i < def->nconsoles ? def->consoles[i] : def->serials[i - def->nconsoles];
        if (ch->type && strcmp(ch->type, "pty") == 0)
            def->console_pty = 1;
        if (ch->tty && !def->console_tty)
            def->console_tty = virtStrdup(ch->tty);
    }
    return 0;
}

virtDomainDef *virtDomainDefParse(const char *xml, unsigned int flags, virtXMLError *err)
{
    xmlDocPtr doc = virtXMLParse(xml, "domain", err);
    virtDomainDef *def = NULL;

    if (!doc)
        return NULL;
    if (virtXMLCheckRoot(doc, "domain", !(flags & VIRT_XML_VALIDATE), err) < 0 ||
        virtXMLModelCheck(doc, "domain", flags, err) < 0)
        goto cleanup;
    def = virtAlloc(sizeof(*def));
    if (parseDomain(def, xmlDocGetRootElement(doc), err) < 0) {
        virtDomainDefFree(def);
        def = NULL;
    }

 cleanup:
    virtXMLErrorSetDomain(err, VIR_FROM_DOMAIN);
    xmlFreeDoc(doc);
    return def;
}

/* A device is validated inside the smallest domain the schema accepts,
 * so the one grammar serves both whole domains and hot-plugged devices. */
virtDomainDeviceDef *virtDomainDeviceDefParse(const char *xml, unsigned int flags, virtXMLError *err)
{
    xmlDocPtr doc = virtXMLParse(xml, "device", err);
    xmlDocPtr wrap = NULL;
    xmlNodePtr dev, top, devices, os;
    virtDomainDeviceDef *ret = NULL;

    if (!doc)
        return NULL;
    dev = xmlDocGetRootElement(doc);
    if (!virtXMLIs(dev, "disk") && !virtXMLIs(dev, "interface")) {
        virtXMLErrorSet(err, VIR_ERR_XML_ERROR, "unsupported device element '%s' at line %ld",
                        (const char *) dev->name, xmlGetLineNo(dev));
        goto cleanup;
    }
    wrap = xmlNewDoc(BAD_CAST "1.0");
    top = xmlNewDocNode(wrap, NULL, BAD_CAST "domain", NULL);
    xmlDocSetRootElement(wrap, top);
    xmlSetProp(top, BAD_CAST "type", BAD_CAST "test");
    xmlNewTextChild(top, NULL, BAD_CAST "name", BAD_CAST "device");
    xmlNewTextChild(top, NULL, BAD_CAST "memory", BAD_CAST "1");
    os = xmlNewChild(top, NULL, BAD_CAST "os", NULL);
    xmlNewTextChild(os, NULL, BAD_CAST "type", BAD_CAST "hvm");
    devices = xmlNewChild(top, NULL, BAD_CAST "devices", NULL);
    xmlUnlinkNode(dev);
    xmlAddChild(devices, dev);   /* moved, so its line numbers still hold */
    xmlSetTreeDoc(dev, wrap);
    if (virtXMLModelCheck(wrap, "domain", flags, err) < 0) {
        /* Name the device in the message rather than the wrapper. */
        if (err && err->message) {
            char *m = err->message;
            const char *p = strstr(m, "domain document");
            if (p) {
                err->message = virtAsprintf("%.*sdevice document%s", (int) (p - m), m, p + strlen("domain document"));
                free(m);
            }
        }
        goto cleanup;
    }
    ret = virtAlloc(sizeof(*ret));
    if (virtXMLIs(dev, "disk")) {
        ret->kind = VIRT_DEVICE_DISK;
        ret->disk = parseDisk(dev, err);
    } else {
        ret->kind = VIRT_DEVICE_NET;
        ret->net = parseNet(dev, err);
    }
    if (!ret->disk && !ret->net) {
        virtDomainDeviceDefFree(ret);
        ret = NULL;
    }

 cleanup:
    virtXMLErrorSetDomain(err, VIR_FROM_DOMAIN);
    xmlFreeDoc(wrap);
    xmlFreeDoc(doc);
    return ret;
}
