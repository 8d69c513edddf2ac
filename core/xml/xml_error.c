/* xml_error.c: the error record the XML layer fills for its callers. */
#include <stdarg.h>
#include <stdlib.h>

#include "util.h"
#include "xml_error.h"

void virtXMLErrorClear(virtXMLError *err)
{
    if (!err)
        return;
    free(err->message);
    err->message = NULL;
    err->code = 0;
    err->domain = 0;
}

void virtXMLErrorSet(virtXMLError *err, int code, const char *fmt, ...)
{
    va_list ap;

    if (!err || err->code != 0 || err->message)
        return;
    va_start(ap, fmt);
    err->message = virtVasprintf(fmt, ap);
    va_end(ap);
    err->code = code;
}

void virtXMLErrorSetDomain(virtXMLError *err, int from)
{
    if (err && err->code != 0 && err->domain == 0)
        err->domain = from;
}

int virtXMLErrorDomain(const virtXMLError *err, int fallback)
{
    if (!err || err->domain == 0)
        return fallback;
    return err->domain == VIRT_XML_FROM_NONE ? 0 : err->domain;
}
