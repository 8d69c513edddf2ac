/* xml_error.h: how the XML layer hands an error back to its caller.
 * The layer never reports through a connection itself; the driver turns
 * this into core->error(conn, VIR_FROM_xxx, err.code, "%s", err.message). */
#ifndef VIRT_XML_ERROR_H
#define VIRT_XML_ERROR_H

typedef struct virtXMLError {
    int code;       /* a virErrorNumber: VIR_ERR_XML_ERROR, VIR_ERR_INVALID_ARG ... */
    char *message;  /* owned; names the element and line for schema/syntax errors */
    int domain;     /* a virErrorDomain when the layer knows libvirt's (a
                     * document that is not well formed), else 0: the
                     * driver picks its own */
} virtXMLError;

/* Free the message and reset the code to 0; safe on a cleared error. */
void virtXMLErrorClear(virtXMLError *err);

/* Fill err (when err is not NULL) unless it already holds an error:
 * the first, most precise, report wins. */
void virtXMLErrorSet(virtXMLError *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* err->domain for an error libvirt raises outside any domain (VIR_FROM_NONE
 * is 0, which here means "the driver picks"). */
#define VIRT_XML_FROM_NONE (-1)

/* The virErrorDomain to report err in: its own, else fallback. */
int virtXMLErrorDomain(const virtXMLError *err, int fallback);

/* Give a recorded error the error domain of the document kind that was
 * being read (VIR_FROM_DOMAIN, ...) unless it already has one. */
void virtXMLErrorSetDomain(virtXMLError *err, int from);

#endif /* VIRT_XML_ERROR_H */
