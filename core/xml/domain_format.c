/* domain_format.c: virtDomainDef back to XML, in libvirt's element order
 * with its 2-space indentation and single-quoted attributes. */
#include <stdlib.h>
#include <string.h>

#include "domain_conf.h"
#include "xml_util.h"

static void formatAddress(virtBuf *b, int indent, const virtDomainDeviceAddress *a)
{
    if (!a)
        return;
    virtXMLBufIndent(b, indent);
    virtBufAdd(b, "<address");
    virtXMLBufAttr(b, "type", a->type);
    virtXMLBufAttr(b, "domain", a->domain);
    virtXMLBufAttr(b, "controller", a->controller);
    virtXMLBufAttr(b, "bus", a->bus);
    virtXMLBufAttr(b, "slot", a->slot);
    virtXMLBufAttr(b, "target", a->target);
    virtXMLBufAttr(b, "unit", a->unit);
    virtXMLBufAttr(b, "function", a->function);
    virtXMLBufAttr(b, "port", a->port);
    virtBufAdd(b, "/>\n");
}

/* <alias name=.../>: only in the XML of a running domain. */
static void formatAlias(virtBuf *b, int indent, const char *alias, unsigned int flags)
{
    if (!alias || (flags & VIRT_DOMAIN_FORMAT_INACTIVE))
        return;
    virtXMLBufIndent(b, indent);
    virtBufAdd(b, "<alias");
    virtXMLBufAttr(b, "name", alias);
    virtBufAdd(b, "/>\n");
}

/* Closes the start tag: "/>" when the element turned out empty. Callers
 * write children into a separate buffer to know. */
static void closeElement(virtBuf *b, int indent, const char *name, virtBuf *children)
{
    if (!children->len) {
        virtBufAdd(b, "/>\n");
    } else {
        virtBufAdd(b, ">\n");
        virtBufAddLen(b, children->data, children->len);
        virtXMLBufIndent(b, indent);
        virtBufPrintf(b, "</%s>\n", name);
    }
    virtBufFree(children);
}

static void formatDisk(virtBuf *b, int indent, const virtDomainDiskDef *d, unsigned int flags)
{
    virtBuf c = { 0 };
    int in = indent + 2;

    virtXMLBufIndent(b, indent);
    virtBufAdd(b, "<disk");
    virtXMLBufAttr(b, "type", d->type);
    virtXMLBufAttr(b, "device", d->device ? d->device : "disk");
    if (d->driver_name || d->driver_type) {
        virtXMLBufIndent(&c, in);
        virtBufAdd(&c, "<driver");
        virtXMLBufAttr(&c, "name", d->driver_name);
        virtXMLBufAttr(&c, "type", d->driver_type);
        virtBufAdd(&c, "/>\n");
    }
    if (d->source) {
        virtXMLBufIndent(&c, in);
        virtBufAdd(&c, "<source");
        virtXMLBufAttr(&c, d->type && strcmp(d->type, "block") == 0 ? "dev" : "file", d->source);
        virtBufAdd(&c, "/>\n");
    }
    if (d->target || d->bus) {
        virtXMLBufIndent(&c, in);
        virtBufAdd(&c, "<target");
        virtXMLBufAttr(&c, "dev", d->target);
        virtXMLBufAttr(&c, "bus", d->bus);
        virtBufAdd(&c, "/>\n");
    }
    if (d->readonly) {
        virtXMLBufIndent(&c, in);
        virtBufAdd(&c, "<readonly/>\n");
    }
    if (d->shareable) {
        virtXMLBufIndent(&c, in);
        virtBufAdd(&c, "<shareable/>\n");
    }
    formatAlias(&c, in, d->alias, flags);
    formatAddress(&c, in, d->address);
    closeElement(b, indent, "disk", &c);
}

static void formatNet(virtBuf *b, int indent, const virtDomainNetDef *n, unsigned int flags)
{
    virtBuf c = { 0 };
    int in = indent + 2;
    const char *type = n->type ? n->type : "";

    virtXMLBufIndent(b, indent);
    virtBufAdd(b, "<interface");
    virtXMLBufAttr(b, "type", n->type);
    if (n->mac) {
        virtXMLBufIndent(&c, in);
        virtBufAdd(&c, "<mac");
        virtXMLBufAttr(&c, "address", n->mac);
        virtBufAdd(&c, "/>\n");
    }
    if (n->source || n->source_port) {
        virtXMLBufIndent(&c, in);
        virtBufAdd(&c, "<source");
        if (strcmp(type, "network") == 0)
            virtXMLBufAttr(&c, "network", n->source);
        else if (strcmp(type, "bridge") == 0)
            virtXMLBufAttr(&c, "bridge", n->source);
        else
            virtXMLBufAttr(&c, "address", n->source);
        if (n->source_port)
            virtBufPrintf(&c, " port='%d'", n->source_port);
        virtBufAdd(&c, "/>\n");
    }
    if (n->ip) {
        virtXMLBufIndent(&c, in);
        virtBufAdd(&c, "<ip");
        virtXMLBufAttr(&c, "address", n->ip);
        virtBufAdd(&c, "/>\n");
    }
    if (n->script) {
        virtXMLBufIndent(&c, in);
        virtBufAdd(&c, "<script");
        virtXMLBufAttr(&c, "path", n->script);
        virtBufAdd(&c, "/>\n");
    }
    if (n->target) {
        virtXMLBufIndent(&c, in);
        virtBufAdd(&c, "<target");
        virtXMLBufAttr(&c, "dev", n->target);
        virtBufAdd(&c, "/>\n");
    }
    if (n->model) {
        virtXMLBufIndent(&c, in);
        virtBufAdd(&c, "<model");
        virtXMLBufAttr(&c, "type", n->model);
        virtBufAdd(&c, "/>\n");
    }
    formatAlias(&c, in, n->alias, flags);
    formatAddress(&c, in, n->address);
    closeElement(b, indent, "interface", &c);
}

char *virtDomainDiskDefFormat(const virtDomainDiskDef *d, int indent)
{
    virtBuf b = { 0 };

    formatDisk(&b, indent, d, 0);
    return virtBufSteal(&b);
}

char *virtDomainNetDefFormat(const virtDomainNetDef *n, int indent)
{
    virtBuf b = { 0 };

    formatNet(&b, indent, n, 0);
    return virtBufSteal(&b);
}

static void formatChr(virtBuf *b, int indent, const char *name, const virtDomainChrDef *ch,
                      unsigned int flags)
{
    virtBuf c = { 0 };

    virtXMLBufIndent(b, indent);
    virtBufPrintf(b, "<%s", name);
    virtXMLBufAttr(b, "type", ch->type);
    virtXMLBufAttr(b, "tty", ch->tty);
    if (ch->source_path) {
        virtXMLBufIndent(&c, indent + 2);
        virtBufAdd(&c, "<source");
        virtXMLBufAttr(&c, "path", ch->source_path);
        virtBufAdd(&c, "/>\n");
    }
    if (ch->target_type || ch->target_port >= 0) {
        virtXMLBufIndent(&c, indent + 2);
        virtBufAdd(&c, "<target");
        virtXMLBufAttr(&c, "type", ch->target_type);
        if (ch->target_port >= 0)
            virtBufPrintf(&c, " port='%d'", ch->target_port);
        virtBufAdd(&c, "/>\n");
    }
    formatAlias(&c, indent + 2, ch->alias, flags);
    formatAddress(&c, indent + 2, ch->address);
    closeElement(b, indent, name, &c);
}

static void formatController(virtBuf *b, int indent, const virtDomainControllerDef *ctl,
                             unsigned int flags)
{
    virtBuf c = { 0 };

    virtXMLBufIndent(b, indent);
    virtBufAdd(b, "<controller");
    virtXMLBufAttr(b, "type", ctl->type);
    if (ctl->index >= 0)
        virtBufPrintf(b, " index='%d'", ctl->index);
    virtXMLBufAttr(b, "model", ctl->model);
    formatAlias(&c, indent + 2, ctl->alias, flags);
    formatAddress(&c, indent + 2, ctl->address);
    closeElement(b, indent, "controller", &c);
}

static void formatGraphics(virtBuf *b, int indent, const virtDomainGraphicsDef *g)
{
    virtXMLBufIndent(b, indent);
    virtBufAdd(b, "<graphics");
    virtXMLBufAttr(b, "type", g->type);
    if (g->has_port)
        virtBufPrintf(b, " port='%d'", g->port);
    if (g->autoport >= 0)
        virtXMLBufAttr(b, "autoport", g->autoport ? "yes" : "no");
    virtXMLBufAttr(b, "listen", g->listen);
    virtXMLBufAttr(b, "keymap", g->keymap);
    virtXMLBufAttr(b, "display", g->display);
    virtXMLBufAttr(b, "xauth", g->xauth);
    virtBufAdd(b, "/>\n");
}

static void formatOS(virtBuf *b, const virtDomainDef *def)
{
    virtBufAdd(b, "  <os>\n");
    virtBufAdd(b, "    <type");
    virtXMLBufAttr(b, "arch", def->os_arch);
    virtXMLBufAttr(b, "machine", def->os_machine);
    virtBufAdd(b, ">");
    virtBufEscapeXML(b, def->os_type ? def->os_type : "hvm");
    virtBufAdd(b, "</type>\n");
    virtXMLBufTextElem(b, 4, "loader", def->os_loader);
    virtXMLBufTextElem(b, 4, "kernel", def->os_kernel);
    virtXMLBufTextElem(b, 4, "initrd", def->os_initrd);
    virtXMLBufTextElem(b, 4, "cmdline", def->os_cmdline);
    virtXMLBufTextElem(b, 4, "root", def->os_root);
    for (size_t i = 0; i < def->nboot_devs; i++) {
        virtBufAdd(b, "    <boot");
        virtXMLBufAttr(b, "dev", def->boot_devs[i]);
        virtBufAdd(b, "/>\n");
    }
    virtBufAdd(b, "  </os>\n");
}

static void formatDevices(virtBuf *b, const virtDomainDef *def, unsigned int flags)
{
    virtBuf c = { 0 };
    size_t i;

    virtXMLBufTextElem(&c, 4, "emulator", def->emulator);
    for (i = 0; i < def->ndisks; i++)
        formatDisk(&c, 4, def->disks[i], flags);
    for (i = 0; i < def->ncontrollers; i++)
        formatController(&c, 4, def->controllers[i], flags);
    for (i = 0; i < def->nnets; i++)
        formatNet(&c, 4, def->nets[i], flags);
    for (i = 0; i < def->nserials; i++)
        formatChr(&c, 4, "serial", def->serials[i], flags);
    for (i = 0; i < def->nparallels; i++)
        formatChr(&c, 4, "parallel", def->parallels[i], flags);
    for (i = 0; i < def->nconsoles; i++)
        formatChr(&c, 4, "console", def->consoles[i], flags);
    for (i = 0; i < def->ninputs; i++) {
        virtBuf in = { 0 };
        virtBufAdd(&c, "    <input");
        virtXMLBufAttr(&c, "type", def->inputs[i]->type);
        virtXMLBufAttr(&c, "bus", def->inputs[i]->bus);
        formatAlias(&in, 6, def->inputs[i]->alias, flags);
        formatAddress(&in, 6, def->inputs[i]->address);
        closeElement(&c, 4, "input", &in);
    }
    for (i = 0; i < def->ngraphics; i++)
        formatGraphics(&c, 4, def->graphics[i]);
    if (def->memballoon_model) {
        virtBuf m = { 0 };
        virtBufAdd(&c, "    <memballoon");
        virtXMLBufAttr(&c, "model", def->memballoon_model);
        formatAlias(&m, 6, def->memballoon_alias, flags);
        formatAddress(&m, 6, def->memballoon_address);
        closeElement(&c, 4, "memballoon", &m);
    }
    if (c.len) {
        virtBufAdd(b, "  <devices>\n");
        virtBufAddLen(b, c.data, c.len);
        virtBufAdd(b, "  </devices>\n");
    }
    virtBufFree(&c);
}

char *virtDomainDefFormat(const virtDomainDef *def, unsigned int flags)
{
    virtBuf b = { 0 };
    char uuid[VIRT_UUID_STRLEN];

    if (!def)
        return NULL;
    virtBufAdd(&b, "<domain");
    virtXMLBufAttr(&b, "type", def->type ? def->type : "test");
    if (def->id >= 0 && !(flags & VIRT_DOMAIN_FORMAT_INACTIVE))
        virtBufPrintf(&b, " id='%d'", def->id);
    virtBufAdd(&b, ">\n");
    virtXMLBufTextElem(&b, 2, "name", def->name);
    virtUUIDFormat(def->uuid, uuid);
    virtXMLBufTextElem(&b, 2, "uuid", uuid);
    virtXMLBufTextElem(&b, 2, "title", def->title);
    virtXMLBufTextElem(&b, 2, "description", def->description);
    virtBufPrintf(&b, "  <memory unit='KiB'>%llu</memory>\n", def->memory);
    if (def->has_current_memory || def->current_memory != def->memory)
        virtBufPrintf(&b, "  <currentMemory unit='KiB'>%llu</currentMemory>\n", def->current_memory);
    virtBufAdd(&b, "  <vcpu");
    virtXMLBufAttr(&b, "placement", def->vcpu_placement);
    if (def->vcpus_current)
        virtBufPrintf(&b, " current='%u'", def->vcpus_current);
    virtBufPrintf(&b, ">%u</vcpu>\n", def->vcpus ? def->vcpus : 1);
    virtXMLBufTextElem(&b, 2, "bootloader", def->bootloader);
    virtXMLBufTextElem(&b, 2, "bootloader_args", def->bootloader_args);
    formatOS(&b, def);
    if (def->feature_pae || def->feature_acpi || def->feature_apic || def->feature_hap || def->feature_nonpae) {
        virtBufAdd(&b, "  <features>\n");
        if (def->feature_pae)
            virtBufAdd(&b, "    <pae/>\n");
        if (def->feature_nonpae)
            virtBufAdd(&b, "    <nonpae/>\n");
        if (def->feature_acpi)
            virtBufAdd(&b, "    <acpi/>\n");
        if (def->feature_apic)
            virtBufAdd(&b, "    <apic/>\n");
        if (def->feature_hap)
            virtBufAdd(&b, "    <hap/>\n");
        virtBufAdd(&b, "  </features>\n");
    }
    if (def->clock_offset) {
        virtBufAdd(&b, "  <clock");
        virtXMLBufAttr(&b, "offset", def->clock_offset);
        virtBufAdd(&b, "/>\n");
    }
    virtXMLBufTextElem(&b, 2, "on_poweroff", def->on_poweroff);
    virtXMLBufTextElem(&b, 2, "on_reboot", def->on_reboot);
    virtXMLBufTextElem(&b, 2, "on_crash", def->on_crash);
    formatDevices(&b, def, flags);
    virtBufAdd(&b, "</domain>\n");
    return virtBufSteal(&b);
}
