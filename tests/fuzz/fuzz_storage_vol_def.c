/* fuzz_storage_vol_def: <volume> documents of a dir pool through the
 * shared storage definition layer (core/xml/storage_def.c), with a round
 * trip. */
#include "fuzz_xml.h"
#include "storage_def.h"

static virtStorageVolDef *parseDirVol(const char *xml, unsigned int flags, virtXMLError *err)
{
    return virtStorageVolDefParse(xml, "dir", flags, err);
}

static char *formatVol(const virtStorageVolDef *def, unsigned int flags)
{
    (void) flags;
    return virtStorageVolDefFormat(def);
}

static virtStorageVolDef *copyVol(const virtStorageVolDef *def)
{
    return virtXMLModelCopy(virtXMLKind_storagevol.root, def);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FUZZ_XML_ROUNDTRIP(data, size, virtStorageVolDef, parseDirVol, formatVol, copyVol,
                       virtStorageVolDefFree, 0);
    return 0;
}
