/* storage_slots.h: the storage table's slots, defined in storage_pool.c
 * (pools), storage_vol.c (volumes) and storage_caps.c. */
#ifndef VIRT_STORAGE_SLOTS_H
#define VIRT_STORAGE_SLOTS_H

#include "virt-module.h"

int storageConnectListDefinedStoragePools(virConnectPtr conn, char **const names, int maxnames);
int storageConnectListStoragePools(virConnectPtr conn, char **const names, int maxnames);
int storageConnectNumOfDefinedStoragePools(virConnectPtr conn);
int storageConnectNumOfStoragePools(virConnectPtr conn);
char *storageConnectFindStoragePoolSources(virConnectPtr conn, const char *type, const char *srcSpec,
                                          unsigned int flags);
int storageConnectListAllStoragePools(virConnectPtr conn, virStoragePoolPtr **pools, unsigned int flags);
int storagePoolBuild(virStoragePoolPtr pool, unsigned int flags);
int storagePoolCreate(virStoragePoolPtr pool, unsigned int flags);
virStoragePoolPtr storagePoolCreateXML(virConnectPtr conn, const char *xml, unsigned int flags);
virStoragePoolPtr storagePoolDefineXML(virConnectPtr conn, const char *xml, unsigned int flags);
int storagePoolDelete(virStoragePoolPtr pool, unsigned int flags);
int storagePoolDestroy(virStoragePoolPtr pool);
int storagePoolGetAutostart(virStoragePoolPtr pool, int *autostart);
int storagePoolGetInfo(virStoragePoolPtr pool, virStoragePoolInfoPtr info);
char *storagePoolGetXMLDesc(virStoragePoolPtr pool, unsigned int flags);
int storagePoolListVolumes(virStoragePoolPtr pool, char **const names, int maxnames);
int storagePoolListAllVolumes(virStoragePoolPtr pool, virStorageVolPtr **vols, unsigned int flags);
virStoragePoolPtr storagePoolLookupByName(virConnectPtr conn, const char *name);
virStoragePoolPtr storagePoolLookupByUUID(virConnectPtr conn, const unsigned char *uuid);
virStoragePoolPtr storagePoolLookupByVolume(virStorageVolPtr vol);
virStoragePoolPtr storagePoolLookupByTargetPath(virConnectPtr conn, const char *path);
int storagePoolNumOfVolumes(virStoragePoolPtr pool);
int storagePoolRefresh(virStoragePoolPtr pool, unsigned int flags);
int storagePoolSetAutostart(virStoragePoolPtr pool, int autostart);
int storagePoolUndefine(virStoragePoolPtr pool);
int storagePoolIsActive(virStoragePoolPtr pool);
int storagePoolIsPersistent(virStoragePoolPtr pool);

virStorageVolPtr storageVolCreateXML(virStoragePoolPtr pool, const char *xml, unsigned int flags);
virStorageVolPtr storageVolCreateXMLFrom(virStoragePoolPtr pool, const char *xml,
                                                virStorageVolPtr clonevol, unsigned int flags);
int storageVolDelete(virStorageVolPtr vol, unsigned int flags);
int storageVolWipe(virStorageVolPtr vol, unsigned int flags);
int storageVolWipePattern(virStorageVolPtr vol, unsigned int algorithm, unsigned int flags);
int storageVolResize(virStorageVolPtr vol, unsigned long long capacity, unsigned int flags);
int storageVolGetInfoFlags(virStorageVolPtr vol, virStorageVolInfoPtr info, unsigned int flags);
char *storageVolGetPath(virStorageVolPtr vol);
char *storageVolGetXMLDesc(virStorageVolPtr vol, unsigned int flags);
virStorageVolPtr storageVolLookupByKey(virConnectPtr conn, const char *key);
virStorageVolPtr storageVolLookupByName(virStoragePoolPtr pool, const char *name);
virStorageVolPtr storageVolLookupByPath(virConnectPtr conn, const char *path);

#endif /* VIRT_STORAGE_SLOTS_H */
