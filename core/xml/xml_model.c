/* xml_model.c: parse, format, copy and free any generated XML model by
 * walking its descriptor tables (see xml_model.h and abi/xml/README.md). */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libvirt/virterror.h>

#include "xml_model.h"
#include "xml_schema.h"
#include "xml_util.h"

#define FIELD(obj, off, type) ((type *) (void *) ((char *) (obj) + (off)))
#define CFIELD(obj, off, type) ((const type *) (const void *) ((const char *) (obj) + (off)))

/* ---- reading values ----------------------------------------------------- */

static int parseUnsigned(const char *s, int hex, unsigned long long max, unsigned long long *out)
{
    char *end;

    while (*s == ' ' || *s == '\t' || *s == '\n')
        s++;
    if (*s == '-' || *s == '+' || *s == '\0')
        return -1;
    errno = 0;
    *out = strtoull(s, &end, hex || (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) ? 0 : 10);
    if (errno || end == s)
        return -1;
    while (*end == ' ' || *end == '\t' || *end == '\n')
        end++;
    return *end == '\0' && *out <= max ? 0 : -1;
}

/* libvirt's size suffixes; the scale of one unit in bytes, 0 if unknown. */
static unsigned long long unitScale(const char *unit)
{
    static const struct { const char *name; unsigned long long scale; } units[] = {
        { "b", 1 }, { "bytes", 1 },
        { "KB", 1000ULL }, { "k", 1024ULL }, { "K", 1024ULL }, { "KiB", 1024ULL },
        { "MB", 1000000ULL }, { "M", 1048576ULL }, { "MiB", 1048576ULL },
        { "GB", 1000000000ULL }, { "G", 1073741824ULL }, { "GiB", 1073741824ULL },
        { "TB", 1000000000000ULL }, { "T", 1099511627776ULL }, { "TiB", 1099511627776ULL },
        { "PB", 1000000000000000ULL }, { "P", 1125899906842624ULL }, { "PiB", 1125899906842624ULL },
        { "EB", 1000000000000000000ULL }, { "E", 1152921504606846976ULL },
        { "EiB", 1152921504606846976ULL },
    };
    for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
        if (strcmp(units[i].name, unit) == 0)
            return units[i].scale;
    return 0;
}

static int badValue(const virtXMLItem *it, xmlNodePtr node, const char *value, virtXMLError *err)
{
    int code = it->err ? it->err : VIR_ERR_XML_ERROR;

    if (it->msg) {
        const char *p = strstr(it->msg, "%s");
        if (p)
            virtXMLErrorSet(err, code, "%.*s%s%s", (int) (p - it->msg), it->msg, value, p + 2);
        else
            virtXMLErrorSet(err, code, "%s", it->msg);
    } else if (it->what == VIRT_XI_ATTR) {
        /* libvirt says what a number attribute expects, not an enum's */
        const char *expect = it->type == VIRT_XT_INT ? " Expected integer value"
                           : it->type == VIRT_XT_UINT || it->type == VIRT_XT_ULLONG
                           ? " Expected non-negative integer value" : "";
        virtXMLErrorSet(err, code, "Invalid value for attribute '%s' in element '%s': '%s'.%s",
                        it->name, (const char *) node->name, value, expect);
        /* libvirt's attribute readers live in its XML layer */
        if (err && err->code == code && !err->domain)
            err->domain = VIR_FROM_XML;
    } else if (it->what == VIRT_XI_TEXT) {
        virtXMLErrorSet(err, code, "Invalid value '%s' in element '%s'",
                        value, (const char *) node->name);
    } else {
        virtXMLErrorSet(err, code, "Invalid value '%s' in element '%s' of '%s'",
                        value, it->name, (const char *) node->name);
    }
    return -1;
}

static int isMAC(const char *s)
{
    for (int i = 0; i < 6; i++) {
        int digits = 0;
        while (((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f') || (*s >= 'A' && *s <= 'F')) && digits < 3) {
            s++;
            digits++;
        }
        if (digits < 1 || digits > 2)
            return 0;
        if (i < 5 && *s++ != ':')
            return 0;
    }
    return *s == '\0';
}

char *virtXMLMACCanonical(const char *s)
{
    unsigned int b[6];
    char *out;

    if (!s || !isMAC(s))
        return NULL;
    out = virtAlloc(18);
    if (sscanf(s, "%x:%x:%x:%x:%x:%x", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5]) != 6) {
        free(out);
        return NULL;
    }
    snprintf(out, 18, "%02x:%02x:%02x:%02x:%02x:%02x", b[0], b[1], b[2], b[3], b[4], b[5]);
    return out;
}

/* Store value (text of an attribute or element; unit for a scaled one)
 * into the field of it in obj. */
static int storeScalar(const virtXMLItem *it, void *obj, const char *value, const char *unit,
                       xmlNodePtr node, virtXMLError *err)
{
    unsigned long long u;

    switch (it->type) {
    case VIRT_XT_STRING:
        *FIELD(obj, it->off, char *) = virtStrdup(value);
        return 0;
    case VIRT_XT_ENUM:
        for (size_t i = 0; it->enumv[i]; i++)
            if (strcmp(it->enumv[i], value) == 0) {
                *FIELD(obj, it->off, char *) = virtStrdup(value);
                return 0;
            }
        return badValue(it, node, value, err);
    case VIRT_XT_MAC: {
        char *mac = virtXMLMACCanonical(value);
        if (!mac)
            return badValue(it, node, value, err);
        if ((it->flags & VIRT_XI_UNICAST) && (strtoul(mac, NULL, 16) & 1)) {
            virtXMLErrorSet(err, VIR_ERR_XML_ERROR, "expected unicast mac address, found multicast '%s'", value);
            free(mac);
            return -1;
        }
        *FIELD(obj, it->off, char *) = mac;
        return 0;
    }
    case VIRT_XT_INT: {
        char *end;
        long long v;
        errno = 0;
        v = strtoll(value, &end, 10);
        if (errno || end == value || *end || v < INT32_MIN || v > INT32_MAX)
            return badValue(it, node, value, err);
        *FIELD(obj, it->off, int) = (int) v;
        *FIELD(obj, it->off_set, bool) = true;
        return 0;
    }
    case VIRT_XT_UINT:
        if (parseUnsigned(value, it->hex, UINT32_MAX, &u) < 0)
            return badValue(it, node, value, err);
        *FIELD(obj, it->off, unsigned int) = (unsigned int) u;
        *FIELD(obj, it->off_set, bool) = true;
        return 0;
    case VIRT_XT_ULLONG:
        if (parseUnsigned(value, it->hex, UINT64_MAX, &u) < 0)
            return badValue(it, node, value, err);
        *FIELD(obj, it->off, unsigned long long) = u;
        *FIELD(obj, it->off_set, bool) = true;
        return 0;
    case VIRT_XT_SCALED: {
        unsigned long long scale = unitScale(unit ? unit : it->unit);
        unsigned long long base = unitScale(it->unit);
        if (!scale) {
            virtXMLErrorSet(err, VIR_ERR_INVALID_ARG, "unknown suffix '%s'", unit);
            return -1;
        }
        if (parseUnsigned(value, 0, UINT64_MAX, &u) < 0)
            return badValue(it, node, value, err);
        if (u > UINT64_MAX / scale) {
            virtXMLErrorSet(err, VIR_ERR_OVERFLOW, "value too large: %s%s", value, unit ? unit : "");
            return -1;
        }
        u *= scale;
        /* a size below the base unit rounds up to a whole one */
        u = u / base + (u % base ? 1 : 0);
        *FIELD(obj, it->off, unsigned long long) = u;
        *FIELD(obj, it->off_set, bool) = true;
        return 0;
    }
    case VIRT_XT_YESNO:
    case VIRT_XT_ONOFF: {
        const char *on = it->type == VIRT_XT_YESNO ? "yes" : "on";
        const char *off = it->type == VIRT_XT_YESNO ? "no" : "off";
        if (strcmp(value, on) == 0)
            *FIELD(obj, it->off, int) = 1;
        else if (strcmp(value, off) == 0)
            *FIELD(obj, it->off, int) = 2;
        else
            return badValue(it, node, value, err);
        return 0;
    }
    case VIRT_XT_UUID:
        if (virtUUIDParse(value, FIELD(obj, it->off, unsigned char)) < 0)
            return badValue(it, node, value, err);
        *FIELD(obj, it->off_set, bool) = true;
        return 0;
    case VIRT_XT_NONE:
        break;
    }
    return -1;
}

/* Store value (consumed), with the unit attribute of unitFrom for a
 * scaled item: attributes, own text and text children all go this way. */
static int storeOwned(const virtXMLItem *it, void *obj, char *value, xmlNodePtr unitFrom,
                      xmlNodePtr node, virtXMLError *err)
{
    char *unit = it->type == VIRT_XT_SCALED ? virtXMLProp(unitFrom, "unit") : NULL;
    int rc = storeScalar(it, obj, value, unit, node, err);

    free(value);
    free(unit);
    return rc;
}

/* Whether a variant's items apply: its attribute holds one of its values. */
static bool variantActive(const virtXMLItem *it, const void *obj)
{
    const char *disc = *CFIELD(obj, it->off, char *);

    for (size_t v = 0; disc && it->values[v]; v++)
        if (strcmp(disc, it->values[v]) == 0)
            return true;
    return false;
}

static bool childMatches(xmlNodePtr c, const char *name, const char *ns)
{
    if (c->type != XML_ELEMENT_NODE || !xmlStrEqual(c->name, BAD_CAST name))
        return false;
    if (!ns)
        return c->ns == NULL || c->ns->prefix == NULL;
    return c->ns && c->ns->href && xmlStrEqual(c->ns->href, BAD_CAST ns);
}

static void pushPtr(void *obj, const virtXMLItem *it, void *p)
{
    void ***arr = FIELD(obj, it->off, void **);
    size_t *n = FIELD(obj, it->off_n, size_t);

    *arr = virtRealloc(*arr, (*n + 1) * sizeof(void *));
    (*arr)[(*n)++] = p;
}

static char *textOf(xmlNodePtr node)
{
    xmlChar *v = xmlNodeGetContent(node);
    char *s = virtStrdup(v ? (const char *) v : "");
    xmlFree(v);
    return s;
}

static int parseItems(const virtXMLItem *items, size_t nitems, xmlNodePtr node, void *obj,
                      unsigned int flags, virtXMLError *err);

static int parseChild(const virtXMLItem *it, xmlNodePtr c, void *obj, unsigned int flags, virtXMLError *err)
{
    switch (it->what) {
    case VIRT_XI_FLAG:
        *FIELD(obj, it->off, bool) = true;
        return 0;
    case VIRT_XI_ANY: {
        xmlNodePtr copy = xmlCopyNode(c, 1);
        if (it->mult == '*' || it->mult == '+')
            pushPtr(obj, it, copy);
        else
            *FIELD(obj, it->off, xmlNodePtr) = copy;
        return 0;
    }
    case VIRT_XI_ELEM: {
        void *sub = virtXMLModelParseNode(it->elem, c, flags, err);
        if (!sub)
            return -1;
        if (it->mult == '*' || it->mult == '+')
            pushPtr(obj, it, sub);
        else
            *FIELD(obj, it->off, void *) = sub;
        return 0;
    }
    case VIRT_XI_CHILD: {
        if (it->mult == '*' || it->mult == '+') {
            /* repeated text children are strings or enums (the generator checks) */
            char *one = NULL;
            virtXMLItem single = *it;
            single.off = 0;
            if (storeOwned(&single, &one, textOf(c), c, c, err) < 0)
                return -1;
            pushPtr(obj, it, one);
            return 0;
        }
        return storeOwned(it, obj, textOf(c), c, c, err);
    }
    default:
        return -1;
    }
}

static bool scalarSet(const virtXMLItem *it, const void *obj)
{
    switch (it->type) {
    case VIRT_XT_STRING: case VIRT_XT_ENUM: case VIRT_XT_MAC:
        return *CFIELD(obj, it->off, char *) != NULL;
    case VIRT_XT_YESNO: case VIRT_XT_ONOFF:
        return *CFIELD(obj, it->off, int) != 0;
    case VIRT_XT_NONE:
        return false;
    default:
        return *CFIELD(obj, it->off_set, bool);
    }
}

static int parseItems(const virtXMLItem *items, size_t nitems, xmlNodePtr node, void *obj,
                      unsigned int flags, virtXMLError *err)
{
    for (size_t i = 0; i < nitems; i++) {
        const virtXMLItem *it = &items[i];
        bool found = false;

        switch (it->what) {
        case VIRT_XI_END:
            break;
        case VIRT_XI_ATTR: {
            char *v = virtXMLProp(node, it->name);
            if (!v)
                break;
            found = true;
            if (storeOwned(it, obj, v, node, node, err) < 0)
                return -1;
            break;
        }
        case VIRT_XI_TEXT: {
            char *v = textOf(node);
            if (!*v) {
                free(v);
                break;
            }
            found = true;
            if (storeOwned(it, obj, v, node, node, err) < 0)
                return -1;
            break;
        }
        case VIRT_XI_VARIANT:
            found = true;
            if (variantActive(it, obj) && parseItems(it->items, it->nitems, node, obj, flags, err) < 0)
                return -1;
            break;
        default:
            for (xmlNodePtr c = node->children; c; c = c->next) {
                if (!childMatches(c, it->name, it->ns))
                    continue;
                found = true;
                if (parseChild(it, c, obj, flags, err) < 0)
                    return -1;
                if (it->mult == '1' || it->mult == '?')
                    break;
            }
            break;
        }
        if (found || it->what == VIRT_XI_END)
            continue;
        if (it->dflt && it->what != VIRT_XI_ELEM) {
            if (storeScalar(it, obj, it->dflt, NULL, node, err) < 0)
                return -1;
        } else if (it->flags & VIRT_XI_REQUIRED) {
            if (it->missing)
                virtXMLErrorSet(err, it->err ? it->err : VIR_ERR_XML_ERROR, "%s", it->missing);
            else if (it->what == VIRT_XI_ATTR) {
                virtXMLErrorSet(err, it->err ? it->err : VIR_ERR_XML_ERROR,
                                "Missing required attribute '%s' in element '%s'",
                                it->name, (const char *) node->name);
                if (err && !err->domain)
                    err->domain = VIR_FROM_XML;   /* libvirt's attribute helper reports it */
            } else
                virtXMLErrorSet(err, it->err ? it->err : VIR_ERR_XML_ERROR,
                                "Missing required element '%s' in element '%s'",
                                it->name, (const char *) node->name);
            return -1;
        }
    }
    return 0;
}

void *virtXMLModelParseNode(const virtXMLElem *e, xmlNodePtr node,
                            unsigned int flags, virtXMLError *err)
{
    void *obj = virtAlloc(e->size);

    memset(obj, 0, e->size);
    if (parseItems(e->items, e->nitems, node, obj, flags, err) < 0)
        goto fail;
    if (e->post) {
        virtXMLModelCtx ctx = { err, flags, node };
        if (e->post(obj, &ctx) < 0) {
            if (err && !err->code)
                virtXMLErrorSet(err, VIR_ERR_XML_ERROR, "invalid element '%s'", e->name);
            goto fail;
        }
    }
    return obj;
 fail:
    virtXMLModelFree(e, obj);
    return NULL;
}

void *virtXMLModelParse(const virtXMLKind *k, const char *xml,
                        unsigned int flags, virtXMLError *err)
{
    xmlDocPtr doc = virtXMLParse(xml, k->name, err);
    void *obj = NULL;

    if (!doc)
        return NULL;
    if (virtXMLCheckRoot(doc, k->root->name, false, err) < 0)
        goto out;
    if ((flags & VIRT_XML_VALIDATE) && virtXMLValidateKind(doc, k, err) < 0)
        goto out;
    obj = virtXMLModelParseNode(k->root, xmlDocGetRootElement(doc), flags, err);
 out:
    xmlFreeDoc(doc);
    return obj;
}

/* libvirt reports a document its grammar refuses from its XML layer
 * (VIR_FROM_XML), whatever object the document describes. */
static int schemaFailed(virtXMLError *err)
{
    if (err && err->code == VIR_ERR_XML_INVALID_SCHEMA)
        err->domain = VIR_FROM_XML;
    return -1;
}

void *virtXMLModelParseDoc(xmlDocPtr doc, const virtXMLKind *k, unsigned int flags, virtXMLError *err)
{
    if ((flags & VIRT_XML_VALIDATE) && virtXMLValidateKind(doc, k, err) < 0) {
        schemaFailed(err);
        return NULL;
    }
    return virtXMLModelParseNode(k->root, xmlDocGetRootElement(doc), flags, err);
}

int virtXMLModelCheck(xmlDocPtr doc, const char *kind, unsigned int flags, virtXMLError *err)
{
    const virtXMLKind *k = virtXMLKindByName(kind);
    void *obj;

    if (k) {
        if (!(obj = virtXMLModelParseDoc(doc, k, flags, err)))
            return -1;
        virtXMLModelFree(k->root, obj);
        return 0;
    }
    if (flags & VIRT_XML_VALIDATE) {
        virtXMLError inner = { 0 };
        if (virtXMLValidate(doc, kind, &inner) < 0) {
            /* the error's own text adds "XML document failed to validate" */
            virtXMLErrorSet(err, inner.code == VIR_ERR_XML_ERROR ? VIR_ERR_XML_INVALID_SCHEMA : inner.code,
                            "Unable to validate doc against %s.rng\n%s", kind,
                            inner.message ? inner.message : "invalid document");
            virtXMLErrorClear(&inner);
            return schemaFailed(err);
        }
    }
    return virtXMLCheckPaddedWords(doc, kind, err);
}

/* ---- formatting ------------------------------------------------------- */

typedef struct {
    unsigned int flags;
    unsigned int used_ns;       /* bit i: the kind's namespace i was written */
    const virtXMLNs *ns;
} fmtState;

static bool itemShown(const virtXMLItem *it, unsigned int flags)
{
    if ((it->flags & VIRT_XI_LIVE) && (flags & VIRT_XML_INACTIVE))
        return false;
    if ((it->flags & VIRT_XI_SECURE) && !(flags & VIRT_XML_SECURE))
        return false;
    return true;
}

static void number(virtBuf *b, const virtXMLItem *it, unsigned long long v)
{
    if (it->hex)
        virtBufPrintf(b, "0x%0*llx", (int) it->width, v);
    else
        virtBufPrintf(b, "%llu", v);
}

static void scalarText(virtBuf *b, const virtXMLItem *it, const void *obj)
{
    char uuid[VIRT_UUID_STRLEN];

    switch (it->type) {
    case VIRT_XT_STRING: case VIRT_XT_ENUM: case VIRT_XT_MAC:
        virtBufEscapeXML(b, *CFIELD(obj, it->off, char *));
        break;
    case VIRT_XT_INT:
        virtBufPrintf(b, "%d", *CFIELD(obj, it->off, int));
        break;
    case VIRT_XT_UINT:
        number(b, it, *CFIELD(obj, it->off, unsigned int));
        break;
    case VIRT_XT_ULLONG: case VIRT_XT_SCALED:
        number(b, it, *CFIELD(obj, it->off, unsigned long long));
        break;
    case VIRT_XT_YESNO:
        virtBufAdd(b, *CFIELD(obj, it->off, int) == 1 ? "yes" : "no");
        break;
    case VIRT_XT_ONOFF:
        virtBufAdd(b, *CFIELD(obj, it->off, int) == 1 ? "on" : "off");
        break;
    case VIRT_XT_UUID:
        virtUUIDFormat(CFIELD(obj, it->off, unsigned char), uuid);
        virtBufAdd(b, uuid);
        break;
    case VIRT_XT_NONE:
        break;
    }
}


/* The unit written out: the description's, with libvirt's spelling of bytes. */
static const char *unitName(const virtXMLItem *it)
{
    return strcmp(it->unit, "b") == 0 ? "bytes" : it->unit;
}

static void childName(virtBuf *b, const char *prefix, const char *name, const char *ns, fmtState *st)
{
    if (prefix) {
        for (unsigned int i = 0; st->ns && st->ns[i].uri; i++)
            if (strcmp(st->ns[i].uri, ns) == 0)
                st->used_ns |= 1u << i;
        virtBufPrintf(b, "%s:", prefix);
    }
    virtBufAdd(b, name);
}

static void formatElem(virtBuf *b, const virtXMLElem *e, const char *prefix, const char *ns,
                       const char *name, const void *obj, int indent, fmtState *st);

static void formatAttrs(virtBuf *b, const virtXMLItem *items, size_t n, const void *obj,
                        fmtState *st, const virtXMLItem **text)
{
    for (size_t i = 0; i < n; i++) {
        const virtXMLItem *it = &items[i];
        if (it->what == VIRT_XI_TEXT) {
            *text = it;
        } else if (it->what == VIRT_XI_VARIANT) {
            if (variantActive(it, obj))
                formatAttrs(b, it->items, it->nitems, obj, st, text);
        } else if (it->what == VIRT_XI_ATTR && itemShown(it, st->flags) && scalarSet(it, obj)) {
            virtBufPrintf(b, " %s='", it->name);
            scalarText(b, it, obj);
            virtBufAdd(b, "'");
            /* a size attribute carries its unit right after it */
            if (it->type == VIRT_XT_SCALED)
                virtBufPrintf(b, " unit='%s'", unitName(it));
        }
    }
}

static void formatAny(virtBuf *b, xmlNodePtr node, const char *name, int indent)
{
    bool open = false;

    virtXMLBufIndent(b, indent);
    virtBufPrintf(b, "<%s", name);
    for (xmlNodePtr c = node->children; c; c = c->next) {
        xmlDocPtr doc;
        xmlNodePtr copy;
        xmlBufferPtr xb;

        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (!open) {
            virtBufAdd(b, ">\n");
            open = true;
        }
        /* a copy in a document of its own declares the namespaces it uses */
        doc = xmlNewDoc(BAD_CAST "1.0");
        copy = xmlDocCopyNode(c, doc, 1);
        xmlDocSetRootElement(doc, copy);
        xmlReconciliateNs(doc, copy);
        xb = xmlBufferCreate();
        xmlNodeDump(xb, doc, copy, indent / 2 + 1, 1);
        virtXMLBufIndent(b, indent + 2);
        virtBufAdd(b, (const char *) xmlBufferContent(xb));
        virtBufAdd(b, "\n");
        xmlBufferFree(xb);
        xmlFreeDoc(doc);
    }
    if (open) {
        virtXMLBufIndent(b, indent);
        virtBufPrintf(b, "</%s>\n", name);
    } else {
        virtBufAdd(b, "/>\n");
    }
}

static void formatChildren(virtBuf *b, const virtXMLItem *items, size_t n, const void *obj,
                           int indent, fmtState *st)
{
    for (size_t i = 0; i < n; i++) {
        const virtXMLItem *it = &items[i];
        bool many = it->mult == '*' || it->mult == '+';

        if (!itemShown(it, st->flags))
            continue;
        switch (it->what) {
        case VIRT_XI_VARIANT:
            if (variantActive(it, obj))
                formatChildren(b, it->items, it->nitems, obj, indent, st);
            break;
        case VIRT_XI_FLAG:
            if (*CFIELD(obj, it->off, bool)) {
                virtXMLBufIndent(b, indent);
                virtBufAdd(b, "<");
                childName(b, it->prefix, it->name, it->ns, st);
                virtBufAdd(b, "/>\n");
            }
            break;
        case VIRT_XI_ANY:
            if (many) {
                for (size_t k = 0; k < *CFIELD(obj, it->off_n, size_t); k++)
                    formatAny(b, (*CFIELD(obj, it->off, xmlNodePtr *))[k], it->name, indent);
            } else if (*CFIELD(obj, it->off, xmlNodePtr)) {
                formatAny(b, *CFIELD(obj, it->off, xmlNodePtr), it->name, indent);
            }
            break;
        case VIRT_XI_ELEM:
            if (many) {
                for (size_t k = 0; k < *CFIELD(obj, it->off_n, size_t); k++)
                    formatElem(b, it->elem, it->prefix, it->ns, it->name,
                               (*CFIELD(obj, it->off, void **))[k], indent, st);
            } else if (*CFIELD(obj, it->off, void *)) {
                formatElem(b, it->elem, it->prefix, it->ns, it->name,
                           *CFIELD(obj, it->off, void *), indent, st);
            }
            break;
        case VIRT_XI_CHILD:
            if (many) {
                for (size_t k = 0; k < *CFIELD(obj, it->off_n, size_t); k++) {
                    virtXMLBufIndent(b, indent);
                    virtBufAdd(b, "<");
                    childName(b, it->prefix, it->name, it->ns, st);
                    virtBufAdd(b, ">");
                    virtBufEscapeXML(b, (*CFIELD(obj, it->off, char **))[k]);
                    virtBufAdd(b, "</");
                    childName(b, it->prefix, it->name, it->ns, st);
                    virtBufAdd(b, ">\n");
                }
            } else if (scalarSet(it, obj)) {
                virtXMLBufIndent(b, indent);
                virtBufAdd(b, "<");
                childName(b, it->prefix, it->name, it->ns, st);
                if (it->type == VIRT_XT_SCALED)
                    virtBufPrintf(b, " unit='%s'", unitName(it));
                virtBufAdd(b, ">");
                scalarText(b, it, obj);
                virtBufAdd(b, "</");
                childName(b, it->prefix, it->name, it->ns, st);
                virtBufAdd(b, ">\n");
            }
            break;
        default:
            break;
        }
    }
}

static void formatElem(virtBuf *b, const virtXMLElem *e, const char *prefix, const char *ns,
                       const char *name, const void *obj, int indent, fmtState *st)
{
    const virtXMLItem *text = NULL;
    virtBuf kids = { 0 };

    virtXMLBufIndent(b, indent);
    virtBufAdd(b, "<");
    childName(b, prefix, name, ns, st);
    formatAttrs(b, e->items, e->nitems, obj, st, &text);
    if (text && text->type == VIRT_XT_SCALED && scalarSet(text, obj))
        virtBufPrintf(b, " unit='%s'", unitName(text));
    formatChildren(&kids, e->items, e->nitems, obj, indent + 2, st);
    if (text && scalarSet(text, obj) && itemShown(text, st->flags)) {
        virtBufAdd(b, ">");
        scalarText(b, text, obj);
        virtBufAdd(b, "</");
        childName(b, prefix, name, ns, st);
        virtBufAdd(b, ">\n");
    } else if (kids.data && kids.data[0]) {
        virtBufAdd(b, ">\n");
        virtBufAdd(b, kids.data);
        virtXMLBufIndent(b, indent);
        virtBufAdd(b, "</");
        childName(b, prefix, name, ns, st);
        virtBufAdd(b, ">\n");
    } else if (e->openclose) {
        virtBufAdd(b, ">\n");
        virtXMLBufIndent(b, indent);
        virtBufAdd(b, "</");
        childName(b, prefix, name, ns, st);
        virtBufAdd(b, ">\n");
    } else {
        virtBufAdd(b, "/>\n");
    }
    virtBufFree(&kids);
}

void virtXMLModelFormatElem(virtBuf *b, const virtXMLElem *e, const char *name,
                            const void *obj, int indent, unsigned int flags)
{
    fmtState st = { flags, 0, NULL };
    formatElem(b, e, NULL, NULL, name ? name : e->name, obj, indent, &st);
}

char *virtXMLModelFormat(const virtXMLKind *k, const void *obj, unsigned int flags)
{
    fmtState st = { flags, 0, k->ns };
    virtBuf body = { 0 }, out = { 0 };
    const char *rest;

    formatElem(&body, k->root, NULL, NULL, k->root->name, obj, 0, &st);
    if (!st.used_ns)
        return virtBufSteal(&body);
    /* declare the namespaces that were written after the root's attributes,
     * where libvirt puts them (<pool type='fs' xmlns:fs='...'>); attribute
     * values are escaped, so the first '>' ends the start tag */
    rest = strchr(body.data, '>');
    if (rest > body.data && rest[-1] == '/')
        rest--;
    virtBufPrintf(&out, "%.*s", (int) (rest - body.data), body.data);
    for (unsigned int i = 0; k->ns[i].uri; i++)
        if (st.used_ns & (1u << i))
            virtBufPrintf(&out, " xmlns:%s='%s'", k->ns[i].prefix, k->ns[i].uri);
    virtBufAdd(&out, rest);
    virtBufFree(&body);
    return virtBufSteal(&out);
}

/* ---- copy and free ------------------------------------------------------ */

static void freeItems(const virtXMLItem *items, size_t n, void *obj)
{
    for (size_t i = 0; i < n; i++) {
        const virtXMLItem *it = &items[i];
        bool many = it->mult == '*' || it->mult == '+';

        if (it->what == VIRT_XI_VARIANT) {
            freeItems(it->items, it->nitems, obj);
        } else if (it->what == VIRT_XI_ELEM) {
            if (many) {
                void **arr = *FIELD(obj, it->off, void **);
                for (size_t k = 0; k < *FIELD(obj, it->off_n, size_t); k++)
                    virtXMLModelFree(it->elem, arr[k]);
                free(arr);
            } else {
                virtXMLModelFree(it->elem, *FIELD(obj, it->off, void *));
            }
        } else if (it->what == VIRT_XI_ANY) {
            if (many) {
                xmlNodePtr *arr = *FIELD(obj, it->off, xmlNodePtr *);
                for (size_t k = 0; k < *FIELD(obj, it->off_n, size_t); k++)
                    xmlFreeNode(arr[k]);
                free(arr);
            } else {
                xmlFreeNode(*FIELD(obj, it->off, xmlNodePtr));
            }
        } else if (it->type == VIRT_XT_STRING || it->type == VIRT_XT_ENUM || it->type == VIRT_XT_MAC) {
            if (many && it->what == VIRT_XI_CHILD) {
                char **arr = *FIELD(obj, it->off, char **);
                for (size_t k = 0; k < *FIELD(obj, it->off_n, size_t); k++)
                    free(arr[k]);
                free(arr);
            } else {
                free(*FIELD(obj, it->off, char *));
            }
        }
    }
}

static const virtXMLElem *childIn(const virtXMLItem *items, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++) {
        const virtXMLItem *it = &items[i];
        const virtXMLElem *found = NULL;
        if (it->what == VIRT_XI_ELEM && strcmp(it->name, name) == 0)
            return it->elem;
        if (it->what == VIRT_XI_VARIANT && (found = childIn(it->items, it->nitems, name)))
            return found;
    }
    return NULL;
}

const virtXMLElem *virtXMLModelChildElem(const virtXMLElem *e, const char *name)
{
    return e && name ? childIn(e->items, e->nitems, name) : NULL;
}

void virtXMLModelFree(const virtXMLElem *e, void *obj)
{
    if (!obj)
        return;
    freeItems(e->items, e->nitems, obj);
    free(obj);
}

static void copyItems(const virtXMLItem *items, size_t n, void *dst)
{
    /* dst starts as a shallow copy: replace every owned pointer */
    for (size_t i = 0; i < n; i++) {
        const virtXMLItem *it = &items[i];
        bool many = it->mult == '*' || it->mult == '+';

        if (it->what == VIRT_XI_VARIANT) {
            copyItems(it->items, it->nitems, dst);
        } else if (it->what == VIRT_XI_ELEM || it->what == VIRT_XI_ANY ||
                   (it->what == VIRT_XI_CHILD && many)) {
            if (many) {
                size_t cnt = *FIELD(dst, it->off_n, size_t);
                void **src = *FIELD(dst, it->off, void **);
                void **arr = cnt ? virtAlloc(cnt * sizeof(void *)) : NULL;
                for (size_t k = 0; k < cnt; k++)
                    arr[k] = it->what == VIRT_XI_ELEM ? virtXMLModelCopy(it->elem, src[k])
                           : it->what == VIRT_XI_ANY ? (void *) xmlCopyNode(src[k], 1)
                           : (void *) virtStrdup(src[k]);
                *FIELD(dst, it->off, void **) = arr;
            } else if (it->what == VIRT_XI_ELEM) {
                *FIELD(dst, it->off, void *) = virtXMLModelCopy(it->elem, *FIELD(dst, it->off, void *));
            } else {
                xmlNodePtr src = *FIELD(dst, it->off, xmlNodePtr);
                *FIELD(dst, it->off, xmlNodePtr) = src ? xmlCopyNode(src, 1) : NULL;
            }
        } else if (it->type == VIRT_XT_STRING || it->type == VIRT_XT_ENUM || it->type == VIRT_XT_MAC) {
            *FIELD(dst, it->off, char *) = virtStrdup(*FIELD(dst, it->off, char *));
        }
    }
}

void *virtXMLModelCopy(const virtXMLElem *e, const void *obj)
{
    void *dst;

    if (!obj)
        return NULL;
    dst = virtAlloc(e->size);
    memcpy(dst, obj, e->size);
    copyItems(e->items, e->nitems, dst);
    return dst;
}

static void eachItems(const virtXMLItem *items, size_t n, void *obj, const virtXMLElem *target,
                      void (*fn)(void **slot, void *opaque), void *opaque)
{
    for (size_t i = 0; i < n; i++) {
        const virtXMLItem *it = &items[i];
        if (it->what == VIRT_XI_VARIANT) {
            /* an inactive variant holds nothing: walking it costs nothing */
            eachItems(it->items, it->nitems, obj, target, fn, opaque);
            continue;
        }
        if (it->what != VIRT_XI_ELEM)
            continue;
        bool many = it->mult == '*' || it->mult == '+';
        size_t cnt = many ? *FIELD(obj, it->off_n, size_t) : 1;
        void **slots = many ? *FIELD(obj, it->off, void **) : FIELD(obj, it->off, void *);
        for (size_t k = 0; k < cnt; k++) {
            if (!slots[k])
                continue;
            if (it->elem == target)
                fn(&slots[k], opaque);
            else
                virtXMLModelEach(it->elem, slots[k], target, fn, opaque);
        }
    }
}

void virtXMLModelEach(const virtXMLElem *e, void *obj, const virtXMLElem *target,
                      void (*fn)(void **slot, void *opaque), void *opaque)
{
    if (obj)
        eachItems(e->items, e->nitems, obj, target, fn, opaque);
}
