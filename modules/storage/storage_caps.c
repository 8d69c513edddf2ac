/* storage_caps.c: virConnectGetStoragePoolCapabilities, the pool types
 * libvirt knows with the source and volume formats each takes. A type is
 * supported when this module has its backend. */
#include <stdlib.h>
#include <string.h>

#include "storage_driver.h"
#include "storage_slots.h"
#include "util.h"

static const char *const fileVolFormats[] = {
    "none", "raw", "dir", "bochs", "cloop", "dmg", "iso", "vpc", "vdi", "fat", "vhd",
    "ploop", "cow", "qcow", "qcow2", "qed", "vmdk", NULL
};
static const char *const diskVolFormats[] = {
    "none", "linux", "fat16", "fat32", "linux-swap", "linux-lvm", "linux-raid", "extended", NULL
};
static const char *const fsFormats[] = {
    "auto", "ext2", "ext3", "ext4", "ufs", "iso9660", "udf", "gfs", "gfs2", "vfat", "hfs+",
    "xfs", "ocfs2", "vmfs", NULL
};
static const char *const netfsFormats[] = { "auto", "nfs", "glusterfs", "cifs", NULL };
static const char *const lvmFormats[] = { "unknown", "lvm2", NULL };
static const char *const diskFormats[] = {
    "unknown", "dos", "dvh", "gpt", "mac", "bsd", "pc98", "sun", "lvm2", NULL
};
static const char *const noFormats[] = { NULL };

/* One pool type of libvirt's list, in libvirt's order. */
static const struct poolCaps {
    const char *type;
    const char *poolDefault;               /* NULL: no <poolOptions> */
    const char *const *poolFormats;
    const char *volDefault;                /* NULL: no <volOptions> */
    const char *const *volFormats;
} poolTypes[] = {
    { "dir", NULL, NULL, "raw", fileVolFormats },
    { "fs", "auto", fsFormats, "raw", fileVolFormats },
    { "netfs", "auto", netfsFormats, "raw", fileVolFormats },
    { "logical", "lvm2", lvmFormats, NULL, NULL },
    { "disk", "unknown", diskFormats, "none", diskVolFormats },
    { "iscsi", NULL, NULL, NULL, NULL },
    { "iscsi-direct", NULL, NULL, NULL, NULL },
    { "scsi", NULL, NULL, NULL, NULL },
    { "mpath", NULL, NULL, NULL, NULL },
    { "rbd", NULL, NULL, "raw", noFormats },
    { "sheepdog", NULL, NULL, NULL, NULL },
    { "gluster", NULL, NULL, "raw", fileVolFormats },
    { "zfs", NULL, NULL, NULL, NULL },
    { "vstorage", NULL, NULL, "raw", fileVolFormats },
};

static void formatEnum(virtBuf *b, const char *indent, const char *name, const char *dflt,
                       const char *const *values)
{
    virtBufPrintf(b, "%s<defaultFormat type='%s'/>\n", indent, dflt);
    virtBufPrintf(b, "%s<enum name='%s'>\n", indent, name);
    for (size_t i = 0; values[i]; i++)
        virtBufPrintf(b, "%s  <value>%s</value>\n", indent, values[i]);
    virtBufPrintf(b, "%s</enum>\n", indent);
}

char *storageConnectGetStoragePoolCapabilities(virConnectPtr conn, unsigned int flags)
{
    (void) conn;
    VIRT_CHECK_FLAGS(flags, 0, NULL);
    virtBuf b = { 0 };
    virtBufAdd(&b, "<storagepoolCapabilities>\n");
    for (size_t i = 0; i < sizeof(poolTypes) / sizeof(poolTypes[0]); i++) {
        const struct poolCaps *c = &poolTypes[i];
        bool supported = storageBackendFor(c->type) != NULL;
        virtBufPrintf(&b, "  <pool type='%s' supported='%s'>\n", c->type, supported ? "yes" : "no");
        if (c->poolDefault) {
            virtBufAdd(&b, "    <poolOptions>\n");
            formatEnum(&b, "      ", "sourceFormatType", c->poolDefault, c->poolFormats);
            virtBufAdd(&b, "    </poolOptions>\n");
        }
        if (c->volDefault) {
            virtBufAdd(&b, "    <volOptions>\n");
            formatEnum(&b, "      ", "targetFormatType", c->volDefault, c->volFormats);
            virtBufAdd(&b, "    </volOptions>\n");
        }
        virtBufAdd(&b, "  </pool>\n");
    }
    virtBufAdd(&b, "</storagepoolCapabilities>\n");
    return virtBufSteal(&b);
}
