/* storage_def.h: storage pool and volume definitions as a storage driver
 * keeps them. The structures are the generated models of abi/xml/storagepool
 * and abi/xml/storagevol; parsing makes the checks libvirt 9.0's storage
 * parser makes and fills in its defaults (a UUID, an LVM pool's format,
 * source name and device folder, a file volume's raw format ...). */
#ifndef VIRT_STORAGE_DEF_H
#define VIRT_STORAGE_DEF_H

#include "storagepool_model.h"
#include "storagevol_model.h"
#include "xml_error.h"
#include "xml_model.h"

/* Parse a whole <pool> document. flags: VIRT_XML_VALIDATE checks the
 * grammar first. NULL with err set (in VIR_FROM_STORAGE unless the error
 * names its own domain). */
virtStoragePoolDef *virtStoragePoolDefParse(const char *xml, unsigned int flags, virtXMLError *err);
char *virtStoragePoolDefFormat(const virtStoragePoolDef *def);
virtStoragePoolDef *virtStoragePoolDefCopy(const virtStoragePoolDef *def);
void virtStoragePoolDefFree(virtStoragePoolDef *def);

/* The pool's target folder (or device folder), or NULL. */
const char *virtStoragePoolDefTargetPath(const virtStoragePoolDef *def);

/* Parse a whole <volume> document for a pool of poolType: the formats the
 * pool type allows (defaulted, or dropped where volumes have none), the
 * type, the allocation defaulting to the capacity. What only the pool
 * knows (key, target path) is left to the driver. NULL with err set. */
virtStorageVolDef *virtStorageVolDefParse(const char *xml, const char *poolType, unsigned int flags,
                                          virtXMLError *err);
char *virtStorageVolDefFormat(const virtStorageVolDef *def);
void virtStorageVolDefFree(virtStorageVolDef *def);

/* The image formats volumes of poolType may have (NULL-terminated), or
 * NULL when its volumes have no format; *dflt the default one. */
const char *const *virtStorageVolFormats(const char *poolType, const char **dflt);

#endif /* VIRT_STORAGE_DEF_H */
