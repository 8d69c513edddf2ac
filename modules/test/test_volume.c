/* test_volume.c: a storage volume definition read through the generated
 * model and left as libvirt 9.0's parser and its test driver leave it: the
 * checks the grammar cannot make, the formats the pool type allows, and
 * what the driver fills in or never keeps. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "storagevol_model.h"
#include "test_xml.h"
#include "util.h"

/* Image formats of the pools that hold files (libvirt's file formats,
 * without "none"), and the partition types of a disk pool. */
static const char *const fileFormats[] = {
    "raw", "dir", "bochs", "cloop", "dmg", "iso", "vpc", "vdi", "fat", "vhd",
    "ploop", "cow", "qcow", "qcow2", "qed", "vmdk", NULL
};
static const char *const diskFormats[] = {
    "none", "linux", "fat16", "fat32", "linux-swap", "linux-lvm", "linux-raid",
    "extended", NULL
};

/* The formats a pool type's volumes take (NULL: its volumes have no
 * format) and the one they get when none is given. */
static const char *const *poolFormats(const char *poolType, const char **dflt)
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

/* Free *part (an element of type e) and leave it absent. */
static void drop(const virtXMLElem *e, void *part)
{
    void **pp = part;
    if (*pp)
        virtXMLModelFree(e, *pp);
    *pp = NULL;
}

/* libvirt's storage parser reports from its storage error domain. */
#define VOL_ERROR(conn, code, ...) testCore->error((conn), VIR_FROM_STORAGE, (code), __VA_ARGS__)

/* A <format> as the pool type has it: checked, defaulted, or dropped.
 * 0, or -1 after reporting. */
static int checkFormat(virConnectPtr conn, const char *poolType, virtStorageVolVolFormat **fmt)
{
    const char *dflt;
    const char *const *allowed = poolFormats(poolType, &dflt);
    if (!allowed) {
        drop(&virtXMLElem_storagevol_vol_format, fmt);
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
    for (size_t i = 0; allowed[i]; i++)
        if (strcmp(*type, allowed[i]) == 0)
            return 0;
    VOL_ERROR(conn, VIR_ERR_CONFIG_UNSUPPORTED, "unknown volume format type %s", *type);
    return -1;
}

/* An owner or group id: -1 and the largest unsigned id mean none (NULL);
 * others are written back as libvirt prints them, as a signed int. */
static int checkId(virConnectPtr conn, char **id, const char *what)
{
    char *end;
    if (!*id)
        return 0;
    errno = 0;
    long long v = strtoll(*id, &end, 10);
    if (errno || end == *id || *end || v < -1 || v > (long long) UINT_MAX) {
        testCore->error(conn, VIR_FROM_STORAGE, VIR_ERR_XML_ERROR, "malformed %s element", what);
        return -1;
    }
    free(*id);
    *id = v == -1 || v == (long long) UINT_MAX ? NULL : virtAsprintf("%d", (int) (unsigned int) v);
    return 0;
}

/* Permissions with what libvirt would not write taken out; *perms is
 * freed when nothing is left. */
static int checkPerms(virConnectPtr conn, virtStorageVolVolPerms **perms)
{
    virtStorageVolVolPerms *p = *perms;
    if (!p)
        return 0;
    if (p->mode && !*p->mode) {
        free(p->mode);
        p->mode = NULL;
    }
    if (p->mode) {
        char *end;
        errno = 0;
        long m = strtol(p->mode, &end, 8);
        if (errno || end == p->mode || *end || (m & ~0777L)) {
            VOL_ERROR(conn, VIR_ERR_XML_ERROR, "%s", "malformed octal mode");
            return -1;
        }
        free(p->mode);
        p->mode = virtAsprintf("0%lo", m);
    }
    if (checkId(conn, &p->owner, "owner") < 0 || checkId(conn, &p->group, "group") < 0)
        return -1;
    if (p->label && !*p->label) {
        free(p->label);
        p->label = NULL;
    }
    if (!p->mode && !p->owner && !p->group && !p->label)
        drop(&virtXMLElem_storagevol_vol_perms, perms);
    return 0;
}

static bool oneOf(const char *s, const char *const *words)
{
    for (size_t i = 0; words[i]; i++)
        if (strcmp(s, words[i]) == 0)
            return true;
    return false;
}

/* A word libvirt reads as an enum: absent or empty gives the XML error
 * missing, an unknown one is unsupported (what, then the word). */
static int checkWord(virConnectPtr conn, const char *s, const char *const *words,
                     const char *missing, const char *what)
{
    if (!s || !*s) {
        VOL_ERROR(conn, VIR_ERR_XML_ERROR, "%s", missing);
        return -1;
    }
    if (!oneOf(s, words)) {
        VOL_ERROR(conn, VIR_ERR_CONFIG_UNSUPPORTED, "%s %s", what, s);
        return -1;
    }
    return 0;
}

/* A secret is named by exactly one of uuid and usage; libvirt raises
 * these outside any error domain. */
static int checkSecret(virConnectPtr conn, virtStorageVolVolEncryptionSecret *s)
{
    static const char *const types[] = { "passphrase", NULL };
    unsigned char uuid[VIRT_UUID_LEN];
    char canon[VIRT_UUID_STRLEN];

    if (checkWord(conn, s->type, types, "unknown volume encryption secret type",
                  "unknown volume encryption secret type") < 0)
        return -1;
    if (s->uuid) {
        if (virtUUIDParse(s->uuid, uuid) < 0) {
            testCore->error(conn, VIR_FROM_NONE, VIR_ERR_XML_ERROR, "invalid secret uuid '%s'", s->uuid);
            return -1;
        }
        virtUUIDFormat(uuid, canon);
        free(s->uuid);
        s->uuid = virtStrdup(canon);
    }
    if ((s->uuid != NULL) == (s->usage != NULL)) {
        testCore->error(conn, VIR_FROM_NONE, VIR_ERR_XML_ERROR, "%s",
                        s->uuid ? "either secret uuid or usage expected"
                                : "missing secret uuid or usage attribute");
        return -1;
    }
    return 0;
}

/* libvirt's encryption rules: a known format, named secrets, a cipher
 * with name and size, an ivgen only beside a cipher; cipher and ivgen
 * belong to LUKS only. */
static int checkEncryption(virConnectPtr conn, virtStorageVolVolEncryption *enc)
{
    static const char *const formats[] = { "default", "qcow", "luks", NULL };
    if (checkWord(conn, enc->format, formats, "unknown volume encryption format",
                  "unknown volume encryption format type") < 0)
        return -1;
    for (size_t i = 0; i < enc->nsecret; i++)
        if (checkSecret(conn, enc->secret[i]) < 0)
            return -1;
    if (enc->cipher && !enc->cipher->name) {
        VOL_ERROR(conn, VIR_ERR_XML_ERROR, "%s", "cipher info missing 'name' attribute");
        return -1;
    }
    if (enc->cipher && !enc->cipher->size_set) {
        /* libvirt's attribute reader lives in its XML layer */
        testCore->error(conn, VIR_FROM_XML, VIR_ERR_XML_ERROR,
                        "Missing required attribute 'size' in element 'cipher'");
        return -1;
    }
    if (enc->ivgen && !enc->cipher) {
        VOL_ERROR(conn, VIR_ERR_XML_ERROR, "%s", "ivgen element found, but cipher is missing");
        return -1;
    }
    if (enc->ivgen && !enc->ivgen->name) {
        VOL_ERROR(conn, VIR_ERR_XML_ERROR, "%s", "missing ivgen info name string");
        return -1;
    }
    if (strcmp(enc->format, "luks") != 0) {
        drop(&virtXMLElem_storagevol_vol_cipher, &enc->cipher);
        drop(&virtXMLElem_storagevol_vol_ivgen, &enc->ivgen);
    }
    return 0;
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

/* The target as the test driver keeps it: at dir/name, without what only
 * a storage backend reports (timestamps), and nocow, which libvirt 9.0
 * reads but never writes. */
static int checkTarget(virConnectPtr conn, const char *poolType, const char *path,
                       virtStorageVolVolTarget *t)
{
    free(t->path);
    t->path = virtStrdup(path);
    drop(&virtXMLElem_storagevol_vol_timestamps, &t->timestamps);
    t->nocow = false;
    if (checkFormat(conn, poolType, &t->format) < 0)
        return -1;
    if (checkPerms(conn, &t->permissions) < 0)
        return -1;
    if (t->encryption && checkEncryption(conn, t->encryption) < 0)
        return -1;
    if (t->compat && !compatValid(t->compat)) {
        VOL_ERROR(conn, VIR_ERR_XML_ERROR, "%s", "forbidden characters in 'compat' attribute");
        return -1;
    }
    if (t->features && !t->compat)
        t->compat = virtStrdup("1.1");
    if (t->clusterSize && (!t->clusterSize->text || !*t->clusterSize->text))
        drop(&virtXMLElem_storagevol_vol_cluster_size, &t->clusterSize);
    if (t->clusterSize) {
        /* kept in bytes, written with unit 'B' */
        const char *unit = t->clusterSize->unit;
        unsigned long long scale = unit ? testXMLUnitScale(unit) : 1;
        unsigned long long n;
        if (!t->clusterSize->text || virtXMLParseULL(t->clusterSize->text, &n) < 0) {
            /* libvirt's XPath reader raises it from its XML layer */
            testCore->error(conn, VIR_FROM_XML, VIR_ERR_XML_ERROR,
                            "Invalid value '%s' for element or attribute './target/clusterSize'",
                            t->clusterSize->text ? t->clusterSize->text : "");
            return -1;
        }
        if (!scale) {
            testCore->error(conn, VIR_FROM_NONE, VIR_ERR_INVALID_ARG, "unknown suffix '%s'", unit);
            return -1;
        }
        if (n && scale > ~0ULL / n) {
            testCore->error(conn, VIR_FROM_NONE, VIR_ERR_OVERFLOW, "value too large: %llu%s",
                            n, unit ? unit : "");
            return -1;
        }
        free(t->clusterSize->text);
        t->clusterSize->text = virtAsprintf("%llu", n * scale);
        free(t->clusterSize->unit);
        t->clusterSize->unit = virtStrdup("B");
    }
    return 0;
}

/* A backing store is kept only with its path. */
static int checkBacking(virConnectPtr conn, const char *poolType, virtStorageVolDef *def)
{
    virtStorageVolVolBacking *b = def->backingStore;
    if (!b->path || !*b->path) {
        drop(&virtXMLElem_storagevol_vol_backing, &def->backingStore);
        return 0;
    }
    /* only a storage backend reports the backing file's timestamps */
    drop(&virtXMLElem_storagevol_vol_timestamps, &b->timestamps);
    if (checkFormat(conn, poolType, &b->format) < 0)
        return -1;
    return checkPerms(conn, &b->permissions);
}

/* Report a model error as libvirt's storage parser raises it. */
static void reportModelError(virConnectPtr conn, virtXMLError *err)
{
    /* libvirt's size reader raises these outside any error domain */
    if (!err->domain && (err->code == VIR_ERR_INVALID_ARG || err->code == VIR_ERR_OVERFLOW))
        err->domain = VIRT_XML_FROM_NONE;
    virtXMLErrorSetDomain(err, VIR_FROM_STORAGE);
    testReportXMLError(conn, err);
}

virtStorageVolDef *testVolParse(virConnectPtr conn, const char *poolType, const char *dir,
                                const char *xml, bool validate)
{
    virtXMLError err = { 0 };
    xmlDocPtr doc = testXMLRead(conn, xml, "volume");
    if (!doc)
        return NULL;
    virtStorageVolDef *def = virtXMLModelParseDoc(doc, &virtXMLKind_storagevol,
                                                  validate ? VIRT_XML_VALIDATE : 0, &err);
    xmlFreeDoc(doc);
    if (validate && (def || err.code != VIR_ERR_XML_INVALID_SCHEMA)) {
        /* libvirt 9.0 passes the flag on to a parser that refuses it, so a
         * document its grammar accepts fails all the same */
        virtXMLErrorClear(&err);
        virtReportUnsupportedFlags(testCore, VIR_FROM_STORAGE, VIR_STORAGE_VOL_CREATE_VALIDATE,
                                   "virStorageVolDefParseXML");
        goto error;
    }
    if (!def) {
        reportModelError(conn, &err);
        return NULL;
    }
    if (!def->name[0]) {
        VOL_ERROR(conn, VIR_ERR_XML_ERROR, "%s", "missing volume name element");
        goto error;
    }
    static const char *const types[] = { "file", "block", "dir", "network", "netdir", "ploop", NULL };
    if (!def->type || !*def->type) {
        free(def->type);
        def->type = virtStrdup("file");
    } else if (!oneOf(def->type, types)) {
        VOL_ERROR(conn, VIR_ERR_CONFIG_UNSUPPORTED, "unknown volume type '%s'", def->type);
        goto error;
    }
    if (!def->capacity_set) {
        VOL_ERROR(conn, VIR_ERR_XML_ERROR, "%s", "missing capacity element");
        goto error;
    }
    if (!def->allocation_set) {
        def->allocation = def->capacity;
        def->allocation_set = true;
    }
    /* the driver names the volume; extents and physical size come only
     * from a storage backend */
    char *path = virtAsprintf("%s/%s", dir, def->name);
    free(def->key);
    def->key = virtStrdup(path);
    drop(&virtXMLElem_storagevol_vol_source, &def->source);
    def->physical_set = false;
    if (!def->target)
        def->target = virtAlloc(sizeof(*def->target));
    int rc = checkTarget(conn, poolType, path, def->target);
    free(path);
    if (rc < 0)
        goto error;
    if (def->backingStore && checkBacking(conn, poolType, def) < 0)
        goto error;
    return def;
 error:
    if (def)
        virtXMLModelFree(&virtXMLElem_storagevol_volume, def);
    return NULL;
}
