/* test_pool_sources.c: storage pool source discovery. As in libvirt's
 * test driver the answers are canned: two volume groups for logical
 * pools, one NFS export of the host asked about for netfs pools; other
 * types cannot discover. A source specification is read as libvirt
 * reads a pool's <source>. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "test_xml.h"
#include "util.h"

static const char logicalSources[] =
    "<sources>\n"
    "  <source>\n"
    "    <device path='/dev/sda20'/>\n"
    "    <name>testvg1</name>\n"
    "    <format type='lvm2'/>\n"
    "  </source>\n"
    "  <source>\n"
    "    <device path='/dev/sda21'/>\n"
    "    <name>testvg2</name>\n"
    "    <format type='lvm2'/>\n"
    "  </source>\n"
    "</sources>\n";

/* libvirt's pool types, in its order: index 0 ("dir") is the one its
 * lookup cannot tell from a failure, so it is refused as unknown. */
static const char *const poolTypes[] = {
    "dir", "fs", "netfs", "logical", "disk", "iscsi", "iscsi-direct", "scsi", "mpath", "rbd",
    "sheepdog", "gluster", "zfs", "vstorage", NULL,
};

/* The <format type> values of the types that have them, in libvirt's
 * order (a format's number is its index), and the default's number. */
static const char *const fsFormats[] = {
    "auto", "ext2", "ext3", "ext4", "ufs", "iso9660", "udf", "gfs", "gfs2", "vfat", "hfs+", "xfs",
    "ocfs2", "vmfs", NULL,
};
static const char *const netfsFormats[] = { "auto", "nfs", "glusterfs", "cifs", NULL };
static const char *const diskFormats[] = {
    "unknown", "dos", "dvh", "gpt", "mac", "bsd", "pc98", "sun", "lvm2", NULL,
};
static const char *const logicalFormats[] = { "unknown", "lvm2", NULL };
static const struct {
    const char *type;
    const char *const *formats;
    int byDefault;
} poolFormats[] = {
    { "fs", fsFormats, 0 }, { "netfs", netfsFormats, 0 },
    { "logical", logicalFormats, 1 }, { "disk", diskFormats, 0 },
};

static int indexIn(const char *const *list, const char *s)
{
    for (int i = 0; list[i]; i++)
        if (strcmp(s, list[i]) == 0)
            return i;
    return -1;
}

/* An attribute libvirt's generic readers refuse (reported from VIR_FROM_XML). */
static void badAttr(virConnectPtr conn, const char *attr, xmlNodePtr node, const char *value,
                    const char *expected)
{
    testCore->error(conn, VIR_FROM_XML, VIR_ERR_XML_ERROR,
                    "Invalid value for attribute '%s' in element '%s': '%s'.%s", attr,
                    (const char *) node->name, value, expected);
}

#define STORAGE_ERROR(conn, code, ...) testCore->error((conn), VIR_FROM_STORAGE, (code), __VA_ARGS__)

/* A whole int, nothing after it, as libvirt's attribute reader wants. */
static bool isInt(const char *s)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    return errno == 0 && end != s && *end == '\0' && v >= INT_MIN && v <= INT_MAX;
}

static int readHosts(virConnectPtr conn, xmlNodePtr root, char **firstHost)
{
    for (xmlNodePtr n = root->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || !virtXMLIs(n, "host"))
            continue;
        char *name = virtXMLProp(n, "name"), *port = virtXMLProp(n, "port");
        int rc = 0;
        if (!name) {
            STORAGE_ERROR(conn, VIR_ERR_XML_ERROR, "%s", "missing storage pool host name");
            rc = -1;
        } else if (port && !isInt(port)) {
            badAttr(conn, "port", n, port, " Expected integer value");
            rc = -1;
        } else if (!*firstHost) {
            *firstHost = name;
            name = NULL;
        }
        free(name);
        free(port);
        if (rc < 0)
            return -1;
    }
    return 0;
}

static int readDevices(virConnectPtr conn, xmlNodePtr root)
{
    for (xmlNodePtr n = root->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || !virtXMLIs(n, "device"))
            continue;
        char *path = virtXMLProp(n, "path"), *sep = virtXMLProp(n, "part_separator");
        int rc = 0;
        if (!path) {
            STORAGE_ERROR(conn, VIR_ERR_XML_ERROR, "%s", "missing storage pool source device path");
            rc = -1;
        } else if (sep && strcmp(sep, "yes") != 0 && strcmp(sep, "no") != 0) {
            badAttr(conn, "part_separator", n, sep, "");
            rc = -1;
        }
        free(path);
        free(sep);
        if (rc < 0)
            return -1;
    }
    return 0;
}

/* <auth>: a user, a known type and a secret named by uuid or usage. */
static int readAuth(virConnectPtr conn, xmlNodePtr auth)
{
    static const char *const authTypes[] = { "none", "chap", "ceph", NULL };
    char *user = virtXMLProp(auth, "username"), *type = virtXMLProp(auth, "type");
    char *uuid = NULL, *usage = NULL;
    xmlNodePtr secret = virtXMLChild(auth, "secret");
    unsigned char raw[VIRT_UUID_LEN];
    int rc = -1;
    if (!user) {
        STORAGE_ERROR(conn, VIR_ERR_XML_ERROR, "%s", "missing username for auth");
    } else if (type && indexIn(authTypes, type) < 0) {
        STORAGE_ERROR(conn, VIR_ERR_CONFIG_UNSUPPORTED, "unknown auth type '%s'", type);
    } else if (!secret) {
        STORAGE_ERROR(conn, VIR_ERR_XML_ERROR, "%s", "Missing <secret> element in auth");
    } else if (!(uuid = virtXMLProp(secret, "uuid")) && !(usage = virtXMLProp(secret, "usage"))) {
        testCore->error(conn, VIR_FROM_NONE, VIR_ERR_XML_ERROR, "missing secret uuid or usage attribute");
    } else if (uuid && virtUUIDParse(uuid, raw) < 0) {
        testCore->error(conn, VIR_FROM_NONE, VIR_ERR_XML_ERROR, "invalid secret uuid '%s'", uuid);
    } else if (!type || strcmp(type, "none") == 0) {
        STORAGE_ERROR(conn, VIR_ERR_CONFIG_UNSUPPORTED, "%s", "storage pool missing auth type");
    } else {
        rc = 0;
    }
    free(user);
    free(type);
    free(uuid);
    free(usage);
    return rc;
}

/* Read a source specification for a pool of type t as libvirt's storage
 * layer reads a pool's <source> (its checks, in its order). The first
 * host's name is handed back (NULL without one). -1 after reporting. */
static int readSpec(virConnectPtr conn, const char *spec, int t, char **firstHost)
{
    xmlDocPtr doc = testXMLRead(conn, spec, "source");
    if (!doc)
        return -1;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    char *name = testXMLChildText(root, "name");
    if (!name)
        name = virtStrdup("");
    char *format = NULL, *ver = NULL, *adapterType = NULL;
    xmlNodePtr n;
    int fmt = 0, rc = -1;
    if (t < 0) {
        /* libvirt looks the type's reader up only now */
        STORAGE_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "missing backend for pool type %d", t);
        goto cleanup;
    }
    /* empty texts count as missing, as libvirt's XPath reads have them */
    if (strcmp(poolTypes[t], "rbd") == 0 && !*name) {
        STORAGE_ERROR(conn, VIR_ERR_XML_ERROR, "%s", "element 'name' is mandatory for RBD pool");
        goto cleanup;
    }
    for (size_t i = 0; i < sizeof(poolFormats) / sizeof(poolFormats[0]); i++) {
        if (strcmp(poolTypes[t], poolFormats[i].type) != 0)
            continue;
        fmt = poolFormats[i].byDefault;
        if ((n = virtXMLChild(root, "format")) && (format = virtXMLProp(n, "type")) && *format &&
            (fmt = indexIn(poolFormats[i].formats, format)) < 0) {
            STORAGE_ERROR(conn, VIR_ERR_CONFIG_UNSUPPORTED, "unknown pool format type %s", format);
            goto cleanup;
        }
    }
    if (readHosts(conn, root, firstHost) < 0 || readDevices(conn, root) < 0)
        goto cleanup;
    /* Of an adapter only its type is checked here (not its addresses). */
    if ((n = virtXMLChild(root, "adapter")) && (adapterType = virtXMLProp(n, "type")) &&
        strcmp(adapterType, "scsi_host") != 0 && strcmp(adapterType, "fc_host") != 0) {
        badAttr(conn, "type", n, adapterType, "");
        goto cleanup;
    }
    if ((n = virtXMLChild(root, "auth")) && readAuth(conn, n) < 0)
        goto cleanup;
    if ((n = virtXMLChild(root, "protocol")) && (ver = virtXMLProp(n, "ver")) && *ver) {
        /* libvirt compares the format's number with the netfs ones
         * whatever the pool type, and names it as a netfs format */
        if (fmt != 0 && fmt != 1) {
            STORAGE_ERROR(conn, VIR_ERR_CONFIG_UNSUPPORTED,
                          "storage pool protocol ver unsupported for pool type '%s'",
                          fmt < 4 ? netfsFormats[fmt] : "(null)");
            goto cleanup;
        }
        if (strchr(ver, ',')) {
            STORAGE_ERROR(conn, VIR_ERR_XML_DETAIL,
                          "storage pool protocol ver '%s' must not contain ','", ver);
            goto cleanup;
        }
    }
    rc = 0;
 cleanup:
    if (rc < 0) {
        free(*firstHost);
        *firstHost = NULL;
    }
    free(name);
    free(format);
    free(ver);
    free(adapterType);
    xmlFreeDoc(doc);
    return rc;
}

char *testConnectFindStoragePoolSources(virConnectPtr conn, const char *type, const char *srcSpec,
                                        unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, NULL);
    int t = indexIn(poolTypes, type);
    if (t == 0) {
        TEST_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "unknown storage pool type %s", type);
        return NULL;
    }
    char *host = NULL;
    if (srcSpec && readSpec(conn, srcSpec, t, &host) < 0)
        return NULL;
    char *ret = NULL;
    if (t >= 0 && strcmp(poolTypes[t], "logical") == 0) {
        ret = virtStrdup(logicalSources);
    } else if (t >= 0 && strcmp(poolTypes[t], "netfs") == 0) {
        if (!host) {
            TEST_ERROR(conn, VIR_ERR_INVALID_ARG, "hostname must be specified for netfs sources");
        } else {
            /* the host's name goes in as given, unescaped, as libvirt has it */
            ret = virtAsprintf("<sources>\n"
                               "  <source>\n"
                               "    <host name='%s'/>\n"
                               "    <dir path='/testshare'/>\n"
                               "    <format type='nfs'/>\n"
                               "  </source>\n"
                               "</sources>\n", host);
        }
    } else {
        TEST_ERROR(conn, VIR_ERR_NO_SUPPORT, "pool type '%s' does not support source discovery", type);
    }
    free(host);
    return ret;
}
