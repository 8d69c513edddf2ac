/* fuzz_storage_pool_def: <pool> documents through the shared storage
 * definition layer (core/xml/storage_def.c: libvirt's checks and defaults
 * on the generated model), with a round trip. */
#include "fuzz_xml.h"
#include "storage_def.h"

static char *formatPool(const virtStoragePoolDef *def, unsigned int flags)
{
    (void) flags;
    return virtStoragePoolDefFormat(def);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FUZZ_XML_ROUNDTRIP(data, size, virtStoragePoolDef, virtStoragePoolDefParse,
                       formatPool, virtStoragePoolDefCopy, virtStoragePoolDefFree, 0);
    return 0;
}
