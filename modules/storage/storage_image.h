/* storage_image.h: volume images in files (storage_image.c). */
#ifndef VIRT_STORAGE_IMAGE_H
#define VIRT_STORAGE_IMAGE_H

#include "storage_driver.h"

/* Make def's file at its target path: raw by hand, other formats with
 * qemu-img; with src, a copy of src's data (qemu-img convert when either
 * is not raw). A failure leaves no file. flags: the volume create flags. */
int storageImageCreate(virConnectPtr conn, const virtStorageVolDef *def, const virtStorageVolDef *src,
                       unsigned int flags);
/* Set def's file to capacity bytes (virStorageVolResize flags). */
int storageImageResize(virConnectPtr conn, const virtStorageVolDef *def, unsigned long long capacity,
                       unsigned int flags);
/* Read the file back into def: sizes, permissions, timestamps, capacity
 * and backing store from its header; with probeFormat also its format. */
int storageImageRefresh(virConnectPtr conn, virtStorageVolDef *def, bool probeFormat);

#endif /* VIRT_STORAGE_IMAGE_H */
