/* storage_def.c: <pool> and <volume> documents into the generated models
 * and back, with the checks and defaults of libvirt's storage parser. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libvirt/virterror.h>

#include "storage_def.h"
#include "util.h"
#include "xml_schema.h"
#include "xml_util.h"

/* ---- pools ---- */

/* Pool types whose volumes live under a folder the definition must name. */
static bool needsTargetPath(const char *type)
{
    return strcmp(type, "dir") == 0 || strcmp(type, "fs") == 0 || strcmp(type, "netfs") == 0;
}

/* An LVM pool is a volume group: its format is lvm2 unless given, the
 * group is named after the pool unless given, and its volumes appear
 * under /dev/GROUP. */
static void logicalDefaults(virtStoragePoolDef *def)
{
    if (!def->source)
        def->source = virtAlloc(sizeof(*def->source));
    virtStoragePoolPoolSource *src = def->source;
    if (!src->name)
        src->name = virtStrdup(def->name);
    if (!src->format) {
        src->format = virtAlloc(sizeof(*src->format));
        src->format->type = virtStrdup("lvm2");
    }
    if (!def->target)
        def->target = virtAlloc(sizeof(*def->target));
    if (!def->target->path)
        def->target->path = virtAsprintf("/dev/%s", src->name);
}

static int poolChecks(virtStoragePoolDef *def, virtXMLError *err)
{
    if (!def->name || !def->name[0]) {
        /* libvirt's words, though the name is the pool's own */
        virtXMLErrorSet(err, VIR_ERR_XML_ERROR, "missing pool source name element");
        return -1;
    }
    if (strchr(def->name, '/')) {
        virtXMLErrorSet(err, VIR_ERR_XML_ERROR, "name %s cannot contain '/'", def->name);
        return -1;
    }
    if (strcmp(def->type, "logical") == 0)
        logicalDefaults(def);
    const char *path = virtStoragePoolDefTargetPath(def);
    if (needsTargetPath(def->type) && (!path || !path[0])) {
        virtXMLErrorSet(err, VIR_ERR_XML_ERROR, "missing storage pool target path");
        return -1;
    }
    if (!def->uuid_set) {
        if (virtUUIDGenerate(def->uuid) < 0) {
            virtXMLErrorSet(err, VIR_ERR_INTERNAL_ERROR, "cannot generate a UUID: %s", strerror(errno));
            return -1;
        }
        def->uuid_set = true;
    }
    return 0;
}

virtStoragePoolDef *virtStoragePoolDefParse(const char *xml, unsigned int flags, virtXMLError *err)
{
    xmlDocPtr doc = virtXMLParse(xml, "pool", err);
    virtStoragePoolDef *def = NULL;

    if (!doc)
        goto out;
    if (virtXMLCheckRoot(doc, "pool", false, err) < 0)
        goto done;
    /* libvirt looks for the name before anything else, in these words */
    if (!(flags & VIRT_XML_VALIDATE) && !virtXMLChild(xmlDocGetRootElement(doc), "name")) {
        virtXMLErrorSet(err, VIR_ERR_XML_ERROR, "missing pool source name element");
        goto done;
    }
    if ((def = virtXMLModelParseDoc(doc, &virtXMLKind_storagepool, flags, err)) &&
        poolChecks(def, err) < 0) {
        virtStoragePoolDefFree(def);
        def = NULL;
    }
 done:
    xmlFreeDoc(doc);
 out:
    virtXMLErrorSetDomain(err, VIR_FROM_STORAGE);
    return def;
}

char *virtStoragePoolDefFormat(const virtStoragePoolDef *def)
{
    return virtXMLModelFormat(&virtXMLKind_storagepool, def, 0);
}

virtStoragePoolDef *virtStoragePoolDefCopy(const virtStoragePoolDef *def)
{
    return def ? virtXMLModelCopy(virtXMLKind_storagepool.root, def) : NULL;
}

void virtStoragePoolDefFree(virtStoragePoolDef *def)
{
    if (def)
        virtXMLModelFree(virtXMLKind_storagepool.root, def);
}

const char *virtStoragePoolDefTargetPath(const virtStoragePoolDef *def)
{
    return def && def->target ? def->target->path : NULL;
}

/* ---- volumes ---- */

static const char *const fileFormats[] = {
    "raw", "dir", "bochs", "cloop", "dmg", "iso", "vpc", "vdi", "fat", "vhd",
    "ploop", "cow", "qcow", "qcow2", "qed", "vmdk", NULL
};
static const char *const diskFormats[] = {
    "none", "linux", "fat16", "fat32", "linux-swap", "linux-lvm", "linux-raid",
    "extended", NULL
};

const char *const *virtStorageVolFormats(const char *poolType, const char **dflt)
{
    static const char *const filePools[] = {
        "dir", "fs", "netfs", "vstorage", "gluster", "rbd", NULL
    };
    for (size_t i = 0; filePools[i]; i++)
        if (strcmp(poolType, filePools[i]) == 0) {
            *dflt = "raw";
            return fileFormats;
        }
    if (strcmp(poolType, "disk") == 0) {
        *dflt = "none";
        return diskFormats;
    }
    *dflt = NULL;
    return NULL;
}

static bool oneOf(const char *s, const char *const *words)
{
    for (size_t i = 0; words[i]; i++)
        if (strcmp(s, words[i]) == 0)
            return true;
    return false;
}

/* A <format> as the pool type has it: checked, defaulted, or dropped. */
static int volFormat(const char *poolType, virtStorageVolVolFormat **fmt, virtXMLError *err)
{
    const char *dflt;
    const char *const *allowed = virtStorageVolFormats(poolType, &dflt);
    if (!allowed) {
        if (*fmt)
            virtXMLModelFree(&virtXMLElem_storagevol_vol_format, *fmt);
        *fmt = NULL;
        return 0;
    }
    if (!*fmt)
        *fmt = virtAlloc(sizeof(**fmt));
    char **type = &(*fmt)->type;
    if (!*type || !**type) {
        free(*type);
        *type = virtStrdup(dflt);
        return 0;
    }
    if (oneOf(*type, allowed))
        return 0;
    virtXMLErrorSet(err, VIR_ERR_CONFIG_UNSUPPORTED, "unknown volume format type %s", *type);
    return -1;
}

/* An octal mode of permission bits only, written back as libvirt does. */
static int volMode(virtStorageVolVolPerms *perms, virtXMLError *err)
{
    if (!perms || !perms->mode)
        return 0;
    char *end;
    errno = 0;
    long m = strtol(perms->mode, &end, 8);
    if (errno || end == perms->mode || *end || (m & ~0777L)) {
        virtXMLErrorSet(err, VIR_ERR_XML_ERROR, "malformed octal mode");
        return -1;
    }
    free(perms->mode);
    perms->mode = virtAsprintf("0%lo", m);
    return 0;
}

/* An owner or group id: -1 and the largest unsigned id mean none (NULL);
 * others are written back as libvirt prints them, as a signed int. */
static int volId(char **id, const char *what, virtXMLError *err)
{
    char *end;
    if (!*id)
        return 0;
    errno = 0;
    long long v = strtoll(*id, &end, 10);
    if (errno || end == *id || *end || v < -1 || v > (long long) UINT_MAX) {
        virtXMLErrorSet(err, VIR_ERR_XML_ERROR, "malformed %s element", what);
        return -1;
    }
    free(*id);
    *id = v == -1 || v == (long long) UINT_MAX ? NULL : virtAsprintf("%d", (int) (unsigned int) v);
    return 0;
}

static int volPerms(virtStorageVolVolPerms *perms, virtXMLError *err)
{
    if (!perms)
        return 0;
    return volMode(perms, err) < 0 || volId(&perms->owner, "owner", err) < 0 ||
           volId(&perms->group, "group", err) < 0 ? -1 : 0;
}

/* A compat level is two decimal numbers joined by a dot. */
static bool compatValid(const char *s)
{
    const char *dot = strchr(s, '.');
    if (!dot || dot == s || !dot[1])
        return false;
    for (const char *c = s; *c; c++)
        if (c != dot && (*c < '0' || *c > '9'))
            return false;
    return true;
}

/* The bytes in one unit of a size, as libvirt's scaled integers read
 * them; 0 for a unit it does not know. */
static unsigned long long unitScale(const char *unit)
{
    static const struct { const char *name; unsigned long long scale; } units[] = {
        { "b", 1 }, { "B", 1 }, { "bytes", 1 },
        { "k", 1ULL << 10 }, { "K", 1ULL << 10 }, { "KiB", 1ULL << 10 }, { "KB", 1000ULL },
        { "m", 1ULL << 20 }, { "M", 1ULL << 20 }, { "MiB", 1ULL << 20 }, { "MB", 1000000ULL },
        { "g", 1ULL << 30 }, { "G", 1ULL << 30 }, { "GiB", 1ULL << 30 }, { "GB", 1000000000ULL },
        { "t", 1ULL << 40 }, { "T", 1ULL << 40 }, { "TiB", 1ULL << 40 }, { "TB", 1000000000000ULL },
        { "p", 1ULL << 50 }, { "P", 1ULL << 50 }, { "PiB", 1ULL << 50 }, { "PB", 1000000000000000ULL },
        { "e", 1ULL << 60 }, { "E", 1ULL << 60 }, { "EiB", 1ULL << 60 }, { "EB", 1000000000000000000ULL },
    };
    for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
        if (strcmp(units[i].name, unit) == 0)
            return units[i].scale;
    return 0;
}

/* A cluster size is kept in bytes and written with unit 'B'. */
static int volClusterSize(virtStorageVolVolTarget *t, virtXMLError *err)
{
    virtStorageVolVolClusterSize *c = t->clusterSize;
    unsigned long long n, scale;
    if (!c)
        return 0;
    if (!c->text || !*c->text) {
        virtXMLModelFree(&virtXMLElem_storagevol_vol_cluster_size, c);
        t->clusterSize = NULL;
        return 0;
    }
    if (virtXMLParseULL(c->text, &n) < 0) {
        virtXMLErrorSet(err, VIR_ERR_XML_ERROR,
                        "Invalid value '%s' for element or attribute './target/clusterSize'", c->text);
        err->domain = VIR_FROM_XML;
        return -1;
    }
    scale = c->unit ? unitScale(c->unit) : 1;
    if (!scale) {
        virtXMLErrorSet(err, VIR_ERR_INVALID_ARG, "unknown suffix '%s'", c->unit);
        err->domain = VIRT_XML_FROM_NONE;
        return -1;
    }
    if (n && scale > ~0ULL / n) {
        virtXMLErrorSet(err, VIR_ERR_OVERFLOW, "value too large: %llu%s", n, c->unit ? c->unit : "");
        err->domain = VIRT_XML_FROM_NONE;
        return -1;
    }
    free(c->text);
    c->text = virtAsprintf("%llu", n * scale);
    free(c->unit);
    c->unit = virtStrdup("B");
    return 0;
}

static int volTarget(virtStorageVolVolTarget *t, const char *poolType, virtXMLError *err)
{
    if (volFormat(poolType, &t->format, err) < 0 || volPerms(t->permissions, err) < 0)
        return -1;
    if (t->compat && !compatValid(t->compat)) {
        virtXMLErrorSet(err, VIR_ERR_XML_ERROR, "forbidden characters in 'compat' attribute");
        return -1;
    }
    /* features need a compat level: libvirt assumes qcow2 v3 */
    if (t->features && !t->compat)
        t->compat = virtStrdup("1.1");
    return volClusterSize(t, err);
}

static int volChecks(virtStorageVolDef *def, const char *poolType, virtXMLError *err)
{
    static const char *const types[] = { "file", "block", "dir", "network", "netdir", "ploop", NULL };
    if (!def->name || !def->name[0]) {
        virtXMLErrorSet(err, VIR_ERR_XML_ERROR, "missing volume name element");
        return -1;
    }
    if (!def->type || !def->type[0]) {
        free(def->type);
        def->type = virtStrdup("file");
    } else if (!oneOf(def->type, types)) {
        virtXMLErrorSet(err, VIR_ERR_CONFIG_UNSUPPORTED, "unknown volume type '%s'", def->type);
        return -1;
    }
    if (!def->capacity_set) {
        virtXMLErrorSet(err, VIR_ERR_XML_ERROR, "missing capacity element");
        return -1;
    }
    if (!def->allocation_set) {
        def->allocation = def->capacity;
        def->allocation_set = true;
    }
    if (!def->target)
        def->target = virtAlloc(sizeof(*def->target));
    if (volTarget(def->target, poolType, err) < 0)
        return -1;
    if (def->backingStore) {
        if (!def->backingStore->path || !def->backingStore->path[0]) {
            virtXMLModelFree(&virtXMLElem_storagevol_vol_backing, def->backingStore);
            def->backingStore = NULL;
        } else if (volFormat(poolType, &def->backingStore->format, err) < 0 ||
                   volPerms(def->backingStore->permissions, err) < 0) {
            return -1;
        }
        /* only a storage backend reports these */
        if (def->backingStore && def->backingStore->timestamps) {
            virtXMLModelFree(&virtXMLElem_storagevol_vol_timestamps, def->backingStore->timestamps);
            def->backingStore->timestamps = NULL;
        }
    }
    return 0;
}

virtStorageVolDef *virtStorageVolDefParse(const char *xml, const char *poolType, unsigned int flags,
                                          virtXMLError *err)
{
    xmlDocPtr doc = virtXMLParse(xml, "volume", err);
    virtStorageVolDef *def = NULL;

    if (!doc)
        goto out;
    if (virtXMLCheckRoot(doc, "volume", false, err) == 0 &&
        (def = virtXMLModelParseDoc(doc, &virtXMLKind_storagevol, flags, err)) &&
        volChecks(def, poolType, err) < 0) {
        virtStorageVolDefFree(def);
        def = NULL;
    }
    xmlFreeDoc(doc);
 out:
    /* libvirt's size reader raises these outside any error domain */
    if (!def && !err->domain && (err->code == VIR_ERR_INVALID_ARG || err->code == VIR_ERR_OVERFLOW))
        err->domain = VIRT_XML_FROM_NONE;
    virtXMLErrorSetDomain(err, VIR_FROM_STORAGE);
    return def;
}

char *virtStorageVolDefFormat(const virtStorageVolDef *def)
{
    return virtXMLModelFormat(&virtXMLKind_storagevol, def, 0);
}

void virtStorageVolDefFree(virtStorageVolDef *def)
{
    if (def)
        virtXMLModelFree(virtXMLKind_storagevol.root, def);
}
