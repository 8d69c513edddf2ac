/* storage_slots.h: the storage table's slots, defined in storage_pool.c
 * (pools), storage_vol.c (volumes) and storage_caps.c. */
#ifndef VIRT_STORAGE_SLOTS_H
#define VIRT_STORAGE_SLOTS_H

#include "virt-module.h"

int storageConnectListDefinedStoragePools(virConnectPtr conn, char **const names, int maxnames);
int storageConnectListStoragePools(virConnectPtr conn, char **const names, int maxnames);
int storageConnectNumOfDefinedStoragePools(virConnectPtr conn);
int storageConnectNumOfStoragePools(virConnectPtr conn);
int storageConnectListAllStoragePools(virConnectPtr conn, virStoragePoolPtr **pools, unsigned int flags);
int storageStoragePoolBuild(virStoragePoolPtr pool, unsigned int flags);
int storageStoragePoolCreate(virStoragePoolPtr pool, unsigned int flags);
virStoragePoolPtr storageStoragePoolCreateXML(virConnectPtr conn, const char *xml, unsigned int flags);
virStoragePoolPtr storageStoragePoolDefineXML(virConnectPtr conn, const char *xml, unsigned int flags);
int storageStoragePoolDelete(virStoragePoolPtr pool, unsigned int flags);
int storageStoragePoolDestroy(virStoragePoolPtr pool);
int storageStoragePoolGetAutostart(virStoragePoolPtr pool, int *autostart);
int storageStoragePoolGetInfo(virStoragePoolPtr pool, virStoragePoolInfoPtr info);
char *storageStoragePoolGetXMLDesc(virStoragePoolPtr pool, unsigned int flags);
int storageStoragePoolListVolumes(virStoragePoolPtr pool, char **const names, int maxnames);
int storageStoragePoolListAllVolumes(virStoragePoolPtr pool, virStorageVolPtr **vols, unsigned int flags);
virStoragePoolPtr storageStoragePoolLookupByName(virConnectPtr conn, const char *name);
virStoragePoolPtr storageStoragePoolLookupByUUID(virConnectPtr conn, const unsigned char *uuid);
virStoragePoolPtr storageStoragePoolLookupByVolume(virStorageVolPtr vol);
virStoragePoolPtr storageStoragePoolLookupByTargetPath(virConnectPtr conn, const char *path);
int storageStoragePoolNumOfVolumes(virStoragePoolPtr pool);
int storageStoragePoolRefresh(virStoragePoolPtr pool, unsigned int flags);
int storageStoragePoolSetAutostart(virStoragePoolPtr pool, int autostart);
int storageStoragePoolUndefine(virStoragePoolPtr pool);
int storageStoragePoolIsActive(virStoragePoolPtr pool);
int storageStoragePoolIsPersistent(virStoragePoolPtr pool);

virStorageVolPtr storageStorageVolCreateXML(virStoragePoolPtr pool, const char *xml, unsigned int flags);
virStorageVolPtr storageStorageVolCreateXMLFrom(virStoragePoolPtr pool, const char *xml,
                                                virStorageVolPtr clonevol, unsigned int flags);
int storageStorageVolDelete(virStorageVolPtr vol, unsigned int flags);
int storageStorageVolWipe(virStorageVolPtr vol, unsigned int flags);
int storageStorageVolWipePattern(virStorageVolPtr vol, unsigned int algorithm, unsigned int flags);
int storageStorageVolResize(virStorageVolPtr vol, unsigned long long capacity, unsigned int flags);
int storageStorageVolGetInfoFlags(virStorageVolPtr vol, virStorageVolInfoPtr info, unsigned int flags);
char *storageStorageVolGetPath(virStorageVolPtr vol);
char *storageStorageVolGetXMLDesc(virStorageVolPtr vol, unsigned int flags);
virStorageVolPtr storageStorageVolLookupByKey(virConnectPtr conn, const char *key);
virStorageVolPtr storageStorageVolLookupByName(virStoragePoolPtr pool, const char *name);
virStorageVolPtr storageStorageVolLookupByPath(virConnectPtr conn, const char *path);

#endif /* VIRT_STORAGE_SLOTS_H */
