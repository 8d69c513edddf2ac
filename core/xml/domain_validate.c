/* domain_validate.c: the checks libvirt 9.0 makes on a domain definition
 * after its defaults are filled in, whether or not the caller asked for
 * the grammar to be checked. Each refusal carries libvirt's error code and
 * text; the order of the checks is libvirt's, so a document with several
 * faults is refused for the same one. */
#include <string.h>

#include <libvirt/virterror.h>

#include "domain_def.h"

static bool streq(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

static bool prefixed(const char *s, const char *prefix)
{
    return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

static const char *diskType(const virtDomainDisk *disk)
{
    return disk->type ? disk->type : "file";
}

/* No medium: what only a CD-ROM, a floppy or a LUN may lack. */
static bool sourceEmpty(const virtDomainDisk *disk)
{
    const virtDomainDiskSource *s = disk->source;
    const char *type = diskType(disk);
    if (!s)
        return true;
    if (streq(type, "file"))
        return !s->file;
    if (streq(type, "block"))
        return !s->dev;
    if (streq(type, "dir"))
        return !s->dir;
    if (streq(type, "network"))
        return !s->protocol;
    if (streq(type, "volume"))
        return !s->pool && !s->volume;
    return false;
}

static bool printable(const char *s)
{
    for (; *s; s++)
        if (*s < 0x20 || *s > 0x7e)
            return false;
    return true;
}

/* A WWN is 16 hex digits, optionally after 0x. */
static bool wwnValid(const char *wwn)
{
    if (prefixed(wwn, "0x"))
        wwn += 2;
    return strlen(wwn) == 16 && strspn(wwn, "0123456789abcdefABCDEF") == 16;
}

static int noTarget(const virtDomainDisk *disk, virtXMLError *err)
{
    const virtDomainDiskSource *s = disk->source;
    if (s && (s->pool || s->volume))
        virtXMLErrorSet(err, VIR_ERR_NO_TARGET, "pool = '%s', volume = '%s'",
                        s->pool ? s->pool : "(null)", s->volume ? s->volume : "(null)");
    else if (virtDomainModelDiskSource(disk) && !streq(diskType(disk), "network"))
        virtXMLErrorSet(err, VIR_ERR_NO_TARGET, "%s", virtDomainModelDiskSource(disk));
    else
        virtXMLErrorSet(err, VIR_ERR_NO_TARGET, "%s", "");
    return -1;
}

/* The secret of a network disk's credentials must be of its protocol's
 * kind; a LUKS volume's cipher belongs to the volume, not the domain. */
static int sourceCheck(const virtDomainDisk *disk, virtXMLError *err)
{
    const virtDomainDiskSource *s = disk->source;
    const virtDomainDiskAuth *auth = s && s->src_auth ? s->src_auth : disk->auth;
    if (streq(diskType(disk), "network") && auth && auth->secret) {
        static const char *const usages[] = { "none", "volume", "ceph", "iscsi", "tls", "vtpm" };
        const char *usage = auth->secret->type;
        bool known = false;
        for (size_t i = 0; usage && i < sizeof(usages) / sizeof(usages[0]); i++)
            known = known || streq(usage, usages[i]);
        if (!known) {
            virtXMLErrorSet(err, VIR_ERR_CONFIG_UNSUPPORTED, "unknown secret type '%s'",
                            usage ? usage : "<null>");
            return -1;
        }
        const char *proto = s ? s->protocol : NULL;
        if ((streq(proto, "iscsi") && !streq(usage, "iscsi")) ||
            (streq(proto, "rbd") && !streq(usage, "ceph"))) {
            virtXMLErrorSet(err, VIR_ERR_CONFIG_UNSUPPORTED, "invalid secret type '%s'", usage);
            return -1;
        }
    }
    const virtDomainDiskEncryption *enc = s && s->src_encryption ? s->src_encryption : disk->encryption;
    if (enc && streq(enc->format, "luks") && enc->cipher && enc->cipher->name) {
        virtXMLErrorSet(err, VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                        "supplying <cipher> for domain disk definition is unnecessary");
        return -1;
    }
    return 0;
}

static int lunCheck(const virtDomainDisk *disk, virtXMLError *err)
{
    const char *type = diskType(disk);
    const virtDomainDiskSource *s = disk->source;
    if (streq(type, "network")) {
        if (!streq(s ? s->protocol : NULL, "iscsi")) {
            virtXMLErrorSet(err, VIR_ERR_CONFIG_UNSUPPORTED,
                            "disk device='lun' is not supported for protocol='%s'",
                            s && s->protocol ? s->protocol : "none");
            return -1;
        }
    } else if (!(streq(type, "block") && s && s->dev) && !streq(type, "volume")) {
        virtXMLErrorSet(err, VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                        "disk device='lun' is only valid for block type disk source");
        return -1;
    }
    const char *format = disk->driver ? disk->driver->type : NULL;
    if (format && !streq(format, "raw") && !streq(format, "none")) {
        virtXMLErrorSet(err, VIR_ERR_CONFIG_UNSUPPORTED, "%s", "disk device 'lun' must use 'raw' format");
        return -1;
    }
    if (s && s->slices) {
        virtXMLErrorSet(err, VIR_ERR_CONFIG_UNSUPPORTED, "%s", "disk device 'lun' doesn't support storage slice");
        return -1;
    }
    const virtDomainDiskEncryption *enc = s && s->src_encryption ? s->src_encryption : disk->encryption;
    if (enc && enc->format && !streq(enc->format, "default")) {
        virtXMLErrorSet(err, VIR_ERR_CONFIG_UNSUPPORTED, "%s", "disk device 'lun' doesn't support encryption");
        return -1;
    }
    return 0;
}

/* What only a LUN (SCSI passthrough) may carry. */
static int notLunCheck(const virtDomainDisk *disk, virtXMLError *err)
{
    if (disk->source && disk->source->reservations) {
        virtXMLErrorSet(err, VIR_ERR_CONFIG_UNSUPPORTED, "%s", "<reservations/> allowed only for lun devices");
        return -1;
    }
    if (disk->rawio) {
        virtXMLErrorSet(err, VIR_ERR_CONFIG_UNSUPPORTED, "%s", "rawio can be used only with device='lun'");
        return -1;
    }
    if (disk->sgio) {
        virtXMLErrorSet(err, VIR_ERR_CONFIG_UNSUPPORTED, "%s", "sgio can be used only with device='lun'");
        return -1;
    }
    return 0;
}

/* A total limit excludes the read and write limits of the same kind. */
static int iotuneCheck(const virtDomainDiskIotune *t, virtXMLError *err)
{
    const struct {
        unsigned long long total, read, write;
        const char *what;
    } pairs[] = {
        { t->total_bytes_sec, t->read_bytes_sec, t->write_bytes_sec, "bytes_sec" },
        { t->total_iops_sec, t->read_iops_sec, t->write_iops_sec, "iops_sec" },
        { t->total_bytes_sec_max, t->read_bytes_sec_max, t->write_bytes_sec_max, "bytes_sec_max" },
        { t->total_iops_sec_max, t->read_iops_sec_max, t->write_iops_sec_max, "iops_sec_max" },
    };
    for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
        if (pairs[i].total && (pairs[i].read || pairs[i].write)) {
            virtXMLErrorSet(err, VIR_ERR_XML_ERROR, "total and read/write %s cannot be set at the same time",
                            pairs[i].what);
            return -1;
        }
    return 0;
}

/* Options of the virtio transport on a disk of another bus. */
static int virtioOnlyCheck(const virtDomainDisk *disk, virtXMLError *err)
{
    const char *bus = disk->target->bus;
    const virtDomainDiskDriver *drv = disk->driver;
    if (streq(disk->model, "virtio") || streq(disk->model, "virtio-transitional") ||
        streq(disk->model, "virtio-non-transitional")) {
        virtXMLErrorSet(err, VIR_ERR_CONFIG_UNSUPPORTED, "disk model '%s' not supported for bus '%s'",
                        disk->model, bus);
        return -1;
    }
    if (!drv)
        return 0;
    const char *msg = drv->queues_set && drv->queues
                      ? "queues attribute in disk driver element is only supported by virtio-blk"
                      : drv->event_idx ? "disk event_idx mode supported only for virtio bus"
                      : drv->ioeventfd ? "disk ioeventfd mode supported only for virtio bus"
                      : drv->iommu ? "iommu driver option is only supported for virtio devices"
                      : drv->ats ? "ats driver option is only supported for virtio devices"
                      : drv->packed ? "packed driver option is only supported for virtio devices"
                      : drv->page_per_vq ? "page_per_vq option is only supported for virtio devices"
                      : NULL;
    if (msg) {
        virtXMLErrorSet(err, VIR_ERR_CONFIG_UNSUPPORTED, "%s", msg);
        return -1;
    }
    return 0;
}

static int startupPolicyCheck(const virtDomainDisk *disk, virtXMLError *err)
{
    const char *policy = disk->source ? disk->source->startupPolicy : NULL;
    const char *type = diskType(disk);
    if (!policy)
        return 0;
    if (!streq(type, "file") && !streq(type, "block") && !streq(type, "dir") && !streq(type, "volume")) {
        virtXMLErrorSet(err, VIR_ERR_XML_ERROR, "disk startupPolicy '%s' is not allowed for disk of '%s' type",
                        policy, type);
        return -1;
    }
    if (streq(policy, "requisite") && !streq(disk->device, "cdrom") && !streq(disk->device, "floppy")) {
        virtXMLErrorSet(err, VIR_ERR_XML_ERROR, "%s",
                        "disk startupPolicy 'requisite' is allowed only for cdrom or floppy");
        return -1;
    }
    return 0;
}

static int stringCheck(const char *s, const char *what, size_t max, virtXMLError *err)
{
    if (!s)
        return 0;
    if (!printable(s)) {
        virtXMLErrorSet(err, VIR_ERR_XML_ERROR, "disk %s is not printable string", what);
        return -1;
    }
    if (strlen(s) > max) {
        virtXMLErrorSet(err, VIR_ERR_CONFIG_UNSUPPORTED, "disk %s is more than %zu characters", what, max);
        return -1;
    }
    return 0;
}

int virtDomainModelValidateDisk(const virtDomainDisk *disk, virtXMLError *err)
{
    const virtDomainDiskTarget *t = disk->target;
    if (!t || !t->dev)
        return noTarget(disk, err);
    if (sourceCheck(disk, err) < 0)
        return -1;
    if (streq(disk->sgio, "unfiltered")) {
        virtXMLErrorSet(err, VIR_ERR_CONFIG_UNSUPPORTED, "%s", "unfiltered sgio is no longer supported");
        return -1;
    }
    if (streq(disk->device, "lun") ? lunCheck(disk, err) < 0 : notLunCheck(disk, err) < 0)
        return -1;
    if (disk->iotune && iotuneCheck(disk->iotune, err) < 0)
        return -1;
    /* the buses of drive controllers take drive addresses only */
    if (disk->address && !streq(disk->address->type, "drive") &&
        (streq(t->bus, "ide") || streq(t->bus, "fdc") || streq(t->bus, "scsi") || streq(t->bus, "sata"))) {
        virtXMLErrorSet(err, VIR_ERR_CONFIG_UNSUPPORTED,
                        "Invalid address type '%s' for the disk '%s' with the bus type '%s'",
                        disk->address->type ? disk->address->type : "none", t->dev, t->bus);
        return -1;
    }
    if (!streq(t->bus, "virtio") && virtioOnlyCheck(disk, err) < 0)
        return -1;
    if (streq(diskType(disk), "nvme") && disk->source && disk->source->namespace_set &&
        disk->source->namespace == 0) {
        virtXMLErrorSet(err, VIR_ERR_CONFIG_UNSUPPORTED, "%s", "NVMe namespace can't be zero");
        return -1;
    }
    if (streq(t->tray, "open") && !streq(disk->device, "floppy") && !streq(disk->device, "cdrom")) {
        virtXMLErrorSet(err, VIR_ERR_CONFIG_UNSUPPORTED, "%s", "tray is only valid for cdrom and floppy");
        return -1;
    }
    if (stringCheck(disk->vendor, "vendor", 8, err) < 0 || stringCheck(disk->product, "product", 16, err) < 0)
        return -1;
    if (streq(disk->device, "floppy") != streq(t->bus, "fdc")) {
        virtXMLErrorSet(err, VIR_ERR_INTERNAL_ERROR, streq(disk->device, "floppy")
                        ? "Invalid bus type '%s' for floppy disk" : "Invalid bus type '%s' for disk",
                        t->bus ? t->bus : "none");
        return -1;
    }
    if (t->removable && !streq(t->bus, "usb")) {
        virtXMLErrorSet(err, VIR_ERR_XML_ERROR, "%s", "removable is only valid for usb disks");
        return -1;
    }
    if (startupPolicyCheck(disk, err) < 0)
        return -1;
    if (disk->wwn && !wwnValid(disk->wwn)) {
        virtXMLErrorSet(err, VIR_ERR_INTERNAL_ERROR, "Malformed wwn: %s", disk->wwn);
        if (err && !err->domain)
            err->domain = VIRT_XML_FROM_NONE;   /* libvirt's helper reports outside any domain */
        return -1;
    }
    if ((streq(disk->device, "disk") || streq(disk->device, "lun")) && !prefixed(t->dev, "hd") &&
        !prefixed(t->dev, "sd") && !prefixed(t->dev, "vd") && !prefixed(t->dev, "xvd") &&
        !prefixed(t->dev, "ubd")) {
        virtXMLErrorSet(err, VIR_ERR_INTERNAL_ERROR, "Invalid harddisk device name: %s", t->dev);
        return -1;
    }
    if (streq(disk->device, "floppy") && !prefixed(t->dev, "fd")) {
        virtXMLErrorSet(err, VIR_ERR_INTERNAL_ERROR, "Invalid floppy device name: %s", t->dev);
        return -1;
    }
    if (streq(disk->device, "disk") && sourceEmpty(disk)) {
        virtXMLErrorSet(err, VIR_ERR_NO_SOURCE, "%s", t->dev);
        return -1;
    }
    return 0;
}

int virtDomainModelValidate(const virtDomain *def, virtXMLError *err)
{
    const virtDomainDevices *d = def->devices;
    for (size_t i = 0; d && i < d->ndisk; i++)
        if (virtDomainModelValidateDisk(d->disk[i], err) < 0)
            return -1;
    return 0;
}
