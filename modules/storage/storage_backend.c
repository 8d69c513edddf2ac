/* storage_backend.c: the pool types this module serves, each with its
 * backend. */
#include <string.h>

#include "storage_driver.h"

static const storageBackend *const backends[] = {
    &storageBackendDir,
    &storageBackendLogical,
};

const storageBackend *storageBackendFor(const char *type)
{
    for (size_t i = 0; i < sizeof(backends) / sizeof(backends[0]); i++)
        if (strcmp(backends[i]->type, type) == 0)
            return backends[i];
    return NULL;
}
