/* xml_model.h: the engine behind every generated XML model. abi/gen/xmlgen.py
 * turns each document kind's description (abi/xml/KIND/) into C structures
 * and into the descriptor tables below; these functions walk the tables to
 * parse, format, copy and free documents of any kind. */
#ifndef VIRT_XML_MODEL_H
#define VIRT_XML_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <libxml/tree.h>

#include "util.h"
#include "xml_error.h"

typedef enum {
    VIRT_XI_END = 0,    /* an empty table's only row */
    VIRT_XI_ATTR,       /* an attribute */
    VIRT_XI_TEXT,       /* the element's own text */
    VIRT_XI_CHILD,      /* a child element holding a scalar as text */
    VIRT_XI_FLAG,       /* an empty child whose presence is the value */
    VIRT_XI_ANY,        /* a child kept verbatim */
    VIRT_XI_ELEM,       /* a child element with its own structure */
    VIRT_XI_VARIANT,    /* items present for some values of an attribute */
} virtXMLItemWhat;

typedef enum {
    VIRT_XT_NONE = 0,
    VIRT_XT_STRING, VIRT_XT_ENUM, VIRT_XT_INT, VIRT_XT_UINT, VIRT_XT_ULLONG,
    VIRT_XT_YESNO, VIRT_XT_ONOFF, VIRT_XT_UUID, VIRT_XT_MAC, VIRT_XT_SCALED,
} virtXMLType;

#define VIRT_XI_REQUIRED 1u
#define VIRT_XI_LIVE     2u     /* formatted only for a live object */
#define VIRT_XI_SECURE   4u     /* formatted only with VIRT_XML_SECURE */
#define VIRT_XI_UNICAST  8u     /* a MAC that must not be a multicast one */

typedef struct virtXMLElem virtXMLElem;

typedef struct virtXMLItem {
    virtXMLItemWhat what;
    const char *name;           /* local name */
    const char *ns;             /* namespace URI of a child, or NULL */
    const char *prefix;         /* its prefix in output */
    char mult;                  /* '1', '?', '*', '+' */
    virtXMLType type;
    const char *const *enumv;   /* NULL-terminated values of an enum */
    const char *unit;           /* scaled: "b" or "KiB" */
    unsigned int flags;
    const char *dflt;
    unsigned char hex, width;   /* a number written as 0x with at least width digits */
    int err;                    /* error code for a bad value, 0: VIR_ERR_XML_ERROR */
    const char *msg;
    const char *missing;    /* message when a required part is absent */
    size_t off, off_n, off_set;
    const virtXMLElem *elem;    /* VIRT_XI_ELEM */
    const char *const *values;  /* VIRT_XI_VARIANT: values of the attribute at off */
    const struct virtXMLItem *items;
    size_t nitems;
} virtXMLItem;

typedef struct virtXMLModelCtx {
    virtXMLError *err;
    unsigned int flags;         /* VIRT_XML_* given to the parse */
    xmlNodePtr node;            /* the element the hook's object came from */
} virtXMLModelCtx;

struct virtXMLElem {
    const char *name, *ns, *cname;
    size_t size;
    const virtXMLItem *items;
    size_t nitems;
    int (*post)(void *obj, virtXMLModelCtx *ctx);
    bool openclose;             /* written <x></x> on two lines when empty */
};

typedef struct virtXMLNs {
    const char *prefix, *uri;
} virtXMLNs;

typedef struct virtXMLKind {
    const char *name;           /* "domain", "network", ... */
    const virtXMLElem *root;
    const virtXMLNs *ns;        /* ends with { NULL, NULL } */
    const char *rng;            /* the generated RelaxNG grammar */
} virtXMLKind;

/* Parse flags. */
#define VIRT_XML_VALIDATE 1u    /* check against the kind's grammar first */
/* Format flags. */
#define VIRT_XML_INACTIVE 2u    /* leave out what only a live object has */
#define VIRT_XML_SECURE   4u    /* include passwords */

/* Parse one element into a new object of e's structure. Unknown attributes
 * and elements are ignored. NULL with err set on a bad value. */
void *virtXMLModelParseNode(const virtXMLElem *e, xmlNodePtr node,
                            unsigned int flags, virtXMLError *err);

/* Parse a whole document of kind k: well-formedness, the root element's
 * name, the grammar when VIRT_XML_VALIDATE is given (VIR_ERR_XML_INVALID_SCHEMA),
 * then the model. */
void *virtXMLModelParse(const virtXMLKind *k, const char *xml,
                        unsigned int flags, virtXMLError *err);

/* libvirt's canonical text of a whole document (2-space indentation,
 * namespaces declared on the root). */
char *virtXMLModelFormat(const virtXMLKind *k, const void *obj, unsigned int flags);

/* One element as it appears inside its parent, at indent spaces; name is
 * the element name (NULL: e's own). */
void virtXMLModelFormatElem(virtBuf *b, const virtXMLElem *e, const char *name,
                            const void *obj, int indent, unsigned int flags);

/* The model of a parsed document of kind k (root already checked), after
 * its grammar when VIRT_XML_VALIDATE is given (VIR_FROM_XML on failure). */
void *virtXMLModelParseDoc(xmlDocPtr doc, const virtXMLKind *k, unsigned int flags, virtXMLError *err);

/* The checks every define of a kind makes before a driver reads the
 * document (doc's root already checked): with VIRT_XML_VALIDATE the grammar
 * (the generated one, else the hand-kept schemas/KIND.rng), giving
 * VIR_ERR_XML_INVALID_SCHEMA; then, when the kind's model is generated, its
 * parse, so values libvirt refuses are refused. 0 or -1 with err set. */
int virtXMLModelCheck(xmlDocPtr doc, const char *kind, unsigned int flags, virtXMLError *err);

/* Every generated kind, by its name ("domain") or its root element's name
 * (generated: xml_kinds.c). NULL when there is none. */
const virtXMLKind *virtXMLKindByName(const char *name);
const virtXMLKind *virtXMLKindByRoot(const char *root);

/* A MAC address as libvirt writes it (lower case, two digits a byte), or
 * NULL when s is not one. */
char *virtXMLMACCanonical(const char *s);

/* The structure of e's child element called name (one level), or NULL:
 * how a caller reaches an element described inline in its parent, e.g. to
 * parse one fragment of a document with virtXMLModelParseNode. */
const virtXMLElem *virtXMLModelChildElem(const virtXMLElem *e, const char *name);

void virtXMLModelFree(const virtXMLElem *e, void *obj);
void *virtXMLModelCopy(const virtXMLElem *e, const void *obj);

/* Call fn with the slot of every object of element type target found
 * below obj (an object of e), at any depth; fn may free and clear it.
 * The objects inside a target are not visited. */
void virtXMLModelEach(const virtXMLElem *e, void *obj, const virtXMLElem *target,
                      void (*fn)(void **slot, void *opaque), void *opaque);

#endif /* VIRT_XML_MODEL_H */
