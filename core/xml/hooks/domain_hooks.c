/* domain_hooks.c: the checks libvirt 9.0 makes on a domain after reading
 * it, that a description line cannot say. The generated domain model
 * calls them (post= in abi/xml/domain/), so every parse makes them, with
 * or without VALIDATE. */
#include <string.h>

#include <libvirt/virterror.h>

#include "domain_model.h"
#include "xml_util.h"

static bool streq(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

/* A USB port is a hub path of up to four decimal numbers: 1, 1.2, 1.2.3.4. */
static bool usbPortValid(const char *port)
{
    int parts = 0;

    for (const char *p = port;; p++) {
        const char *start = p;
        while (*p >= '0' && *p <= '9')
            p++;
        if (p == start || ++parts > 4)
            return false;
        if (*p == '\0')
            return true;
        if (*p != '.')
            return false;
    }
}

/* libvirt checks a PCI address only when one of domain, bus and slot is
 * not zero, and sets no bound on the domain. */
int virtDomainAddressCheck(void *obj, virtXMLModelCtx *ctx)
{
    virtDomainDeviceAddress *a = obj;

    if (streq(a->type, "usb") && a->usb.port && !usbPortValid(a->usb.port)) {
        virtXMLErrorSet(ctx->err, VIR_ERR_INTERNAL_ERROR, "Cannot parse <address> 'port' attribute");
        if (ctx->err)
            ctx->err->domain = VIR_FROM_DEVICE;   /* libvirt's device-address code reports it */
        return -1;
    }
    if (!streq(a->type, "pci") || !(a->pci.domain || a->pci.bus || a->pci.slot))
        return 0;
    if (a->pci.bus > 0xff) {
        virtXMLErrorSet(ctx->err, VIR_ERR_XML_ERROR, "Invalid PCI address bus='0x%x', must be <= 0xFF", a->pci.bus);
        return -1;
    }
    if (a->pci.slot > 0x1f) {
        virtXMLErrorSet(ctx->err, VIR_ERR_XML_ERROR, "Invalid PCI address slot='0x%x', must be <= 0x1F", a->pci.slot);
        return -1;
    }
    if (a->pci.function > 7) {
        virtXMLErrorSet(ctx->err, VIR_ERR_XML_ERROR, "Invalid PCI address function=0x%x, must be <= 7",
                        a->pci.function);
        return -1;
    }
    return 0;
}

/* The interface types that name their host side in <source>, and the
 * attribute that does. */
int virtDomainIfaceCheck(void *obj, virtXMLModelCtx *ctx)
{
    static const struct { const char *type, *attr; } need[] = {
        { "network", "network" }, { "bridge", "bridge" }, { "direct", "dev" },
    };
    const virtDomainInterface *iface = obj;
    xmlNodePtr src = virtXMLChild(ctx->node, "source");

    for (size_t i = 0; i < sizeof(need) / sizeof(need[0]); i++) {
        if (!streq(iface->type, need[i].type))
            continue;
        if (!src) {
            virtXMLErrorSet(ctx->err, VIR_ERR_XML_ERROR, "interface type='%s' requires a 'source' element",
                            iface->type);
            return -1;
        }
        if (!xmlHasProp(src, BAD_CAST need[i].attr)) {
            virtXMLErrorSet(ctx->err, VIR_ERR_XML_ERROR, "Missing required attribute '%s' in element 'source'",
                            need[i].attr);
            return -1;
        }
    }
    return 0;
}

static const char *diskSource(const virtDomainDisk *d)
{
    const virtDomainDiskSource *s = d->source;
    if (!s)
        return NULL;
    return s->file ? s->file : s->dev ? s->dev : s->dir ? s->dir : s->volume ? s->volume : s->name;
}

/* Two disks on one target. */
int virtDomainDefCheck(void *obj, virtXMLModelCtx *ctx)
{
    const virtDomain *def = obj;
    const virtDomainDevices *d = def->devices;

    for (size_t i = 0; d && i < d->ndisk; i++) {
        const virtDomainDiskTarget *ti = d->disk[i]->target;
        for (size_t j = i + 1; ti && ti->dev && j < d->ndisk; j++) {
            const virtDomainDiskTarget *tj = d->disk[j]->target;
            if (tj && streq(ti->dev, tj->dev)) {
                const char *a = diskSource(d->disk[i]), *b = diskSource(d->disk[j]);
                virtXMLErrorSet(ctx->err, VIR_ERR_XML_ERROR, "target '%s' duplicated for disk sources '%s' and '%s'",
                                ti->dev, a ? a : "<null>", b ? b : "<null>");
                return -1;
            }
        }
    }
    return 0;
}
