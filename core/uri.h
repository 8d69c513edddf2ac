/* uri.h: connection URI parsing (RFC 3986 via libxml2). */
#ifndef VIRT_URI_H
#define VIRT_URI_H

#include "internal.h"

/* A virtURI plus the storage behind its strings. */
struct virtOwnedURI {
    virtURI pub;
    char *strings[12];
    virtURIParam *params;
    size_t nstrings;
};

/* Parse name into its parts; query parameters are unescaped. On error
 * raises VIR_ERR_INVALID_ARG naming the URI and returns NULL. */
virtOwnedURI *virtURIParse(const char *name);
void virtURIFree(virtOwnedURI *uri);
/* The value of a query parameter, or NULL. */
const char *virtURIGetParam(const virtURI *uri, const char *name);

#endif /* VIRT_URI_H */
