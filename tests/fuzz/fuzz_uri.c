/* fuzz_uri: connection URIs through the core's parser (core/uri.c). */
#include "fuzz.h"
#include "uri.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *name = fuzzString(data, size);
    virtOwnedURI *uri = virtURIParse(name);

    if (uri) {
        const virtURI *u = &uri->pub;
        FUZZ_ASSERT(u->scheme && u->driver);
        FUZZ_ASSERT(u->port >= 0);
        /* every parameter parsed is found again by its name */
        for (size_t i = 0; i < u->nparams; i++)
            FUZZ_ASSERT(u->params[i].name && u->params[i].value &&
                        virtURIGetParam(u, u->params[i].name) != NULL);
    }
    virtURIFree(uri);
    free(name);
    return 0;
}
