/* test_nodedev.c: the host devices libvirt's test driver shows: the
 * machine ("computer") and three Fibre Channel SCSI hosts below it. They
 * are fixed and the same on every test connection, and all are active. */
#include <stdlib.h>
#include <string.h>

#include "test_driver.h"
#include "util.h"

typedef struct {
    const char *name, *parent;
    const char *cap;            /* the device's capability (listCaps) */
    unsigned int capBits;       /* VIR_CONNECT_LIST_NODE_DEVICES_CAP_* it matches */
    const char *body;           /* XML inside <device>, after <parent> */
} testNodeDev;

#define FC_HOST(host, id, wwnn, wwpn, fabric, vports)                                 \
    "  <capability type='scsi_host'>\n"                                               \
    "    <host>" host "</host>\n"                                                     \
    "    <unique_id>" id "</unique_id>\n"                                             \
    "    <capability type='fc_host'>\n"                                               \
    "      <wwnn>" wwnn "</wwnn>\n"                                                   \
    "      <wwpn>" wwpn "</wwpn>\n"                                                   \
    "      <fabric_wwn>" fabric "</fabric_wwn>\n"                                     \
    "    </capability>\n"                                                             \
    vports                                                                            \
    "  </capability>\n"
#define VPORT_OPS                                                                     \
    "    <capability type='vport_ops'>\n"                                             \
    "      <max_vports>0</max_vports>\n"                                              \
    "      <vports>0</vports>\n"                                                      \
    "    </capability>\n"
#define SCSI_FC (VIR_CONNECT_LIST_NODE_DEVICES_CAP_SCSI_HOST | VIR_CONNECT_LIST_NODE_DEVICES_CAP_FC_HOST)

static const testNodeDev devices[] = {
    { "computer", NULL, "system", VIR_CONNECT_LIST_NODE_DEVICES_CAP_SYSTEM,
      "  <capability type='system'>\n"
      "    <hardware>\n"
      "      <vendor>Libvirt</vendor>\n"
      "      <version>Test driver</version>\n"
      "      <serial>123456</serial>\n"
      "      <uuid>11111111-2222-3333-4444-555555555555</uuid>\n"
      "    </hardware>\n"
      "    <firmware>\n"
      "      <vendor>Libvirt</vendor>\n"
      "      <version>Test Driver</version>\n"
      "      <release_date>01/22/2007</release_date>\n"
      "    </firmware>\n"
      "  </capability>\n" },
    { "scsi_host2", "computer", "scsi_host", SCSI_FC | VIR_CONNECT_LIST_NODE_DEVICES_CAP_VPORTS,
      FC_HOST("2", "1", "2000000056785678", "1000000056785678", "2000000087658765", VPORT_OPS) },
    { "scsi_host11", "scsi_host1", "scsi_host", SCSI_FC,
      FC_HOST("11", "10", "2000000034563456", "1000000034563456", "2000000043214321", "") },
    { "scsi_host1", "computer", "scsi_host", SCSI_FC | VIR_CONNECT_LIST_NODE_DEVICES_CAP_VPORTS,
      FC_HOST("1", "0", "2000000012341234", "1000000012341234", "2000000043214321", VPORT_OPS) },
};
#define NDEVICES (sizeof(devices) / sizeof(devices[0]))

static const testNodeDev *findDev(const char *name)
{
    for (size_t i = 0; i < NDEVICES; i++)
        if (strcmp(devices[i].name, name) == 0)
            return &devices[i];
    return NULL;
}

/* The device behind a handle; NULL after reporting. Without a connection
 * accessor for node device handles the error carries none. */
static const testNodeDev *devOf(virNodeDevicePtr dev)
{
    const testNodeDev *d = findDev(testCore->node_device_name(dev));
    if (!d)
        TEST_ERROR(NULL, VIR_ERR_NO_NODE_DEVICE, "no node device with matching name '%s'",
                   testCore->node_device_name(dev));
    return d;
}

/* Whether d has capability cap, its own or a nested one. */
static bool hasCap(const testNodeDev *d, const char *cap)
{
    static const struct { const char *name; unsigned int bit; } caps[] = {
        { "system", VIR_CONNECT_LIST_NODE_DEVICES_CAP_SYSTEM },
        { "scsi_host", VIR_CONNECT_LIST_NODE_DEVICES_CAP_SCSI_HOST },
        { "fc_host", VIR_CONNECT_LIST_NODE_DEVICES_CAP_FC_HOST },
        { "vports", VIR_CONNECT_LIST_NODE_DEVICES_CAP_VPORTS },
    };
    if (!cap)
        return true;
    for (size_t i = 0; i < sizeof(caps) / sizeof(caps[0]); i++)
        if (strcmp(cap, caps[i].name) == 0)
            return (d->capBits & caps[i].bit) != 0;
    return false;
}

static int testNumOfDevices(virConnectPtr conn, const char *cap, unsigned int flags)
{
    int n = 0;
    (void) conn;
    (void) flags;
    for (size_t i = 0; i < NDEVICES; i++)
        n += hasCap(&devices[i], cap);
    return n;
}

static int testListDevices(virConnectPtr conn, const char *cap, char **const names,
                           int maxnames, unsigned int flags)
{
    int n = 0;
    (void) conn;
    (void) flags;
    for (size_t i = 0; i < NDEVICES && n < maxnames; i++)
        if (hasCap(&devices[i], cap))
            names[n++] = virtStrdup(devices[i].name);
    return n;
}

static int testListAllDevices(virConnectPtr conn, virNodeDevicePtr **devs, unsigned int flags)
{
    const unsigned int activeBits = VIR_CONNECT_LIST_NODE_DEVICES_ACTIVE |
                                    VIR_CONNECT_LIST_NODE_DEVICES_INACTIVE;
    unsigned int capBits = flags & ~activeBits;
    virNodeDevicePtr *list = devs ? virtAlloc((NDEVICES + 1) * sizeof(*list)) : NULL;
    int n = 0;
    for (size_t i = 0; i < NDEVICES; i++) {
        if (capBits && !(devices[i].capBits & capBits))
            continue;
        /* Every device is active. */
        if ((flags & activeBits) && !(flags & VIR_CONNECT_LIST_NODE_DEVICES_ACTIVE))
            continue;
        if (list)
            list[n] = testCore->node_device_new(conn, devices[i].name);
        n++;
    }
    if (devs)
        *devs = list;
    return n;
}

static virNodeDevicePtr testDeviceLookupByName(virConnectPtr conn, const char *name)
{
    const testNodeDev *d = findDev(name);
    if (!d) {
        TEST_ERROR(conn, VIR_ERR_NO_NODE_DEVICE, "no node device with matching name '%s'", name);
        return NULL;
    }
    return testCore->node_device_new(conn, d->name);
}

static virNodeDevicePtr testDeviceLookupSCSIHostByWWN(virConnectPtr conn, const char *wwnn,
                                                      const char *wwpn, unsigned int flags)
{
    (void) flags;
    for (size_t i = 0; i < NDEVICES; i++) {
        const char *body = devices[i].body;
        const char *n = strstr(body, "<wwnn>"), *p = strstr(body, "<wwpn>");
        if (n && p && strncmp(n + 6, wwnn, strlen(wwnn)) == 0 && n[6 + strlen(wwnn)] == '<' &&
            strncmp(p + 6, wwpn, strlen(wwpn)) == 0 && p[6 + strlen(wwpn)] == '<')
            return testCore->node_device_new(conn, devices[i].name);
    }
    TEST_ERROR(conn, VIR_ERR_NO_NODE_DEVICE, "no node device for '%s' with matching wwnn '%s' and wwpn '%s'",
               "scsi_host", wwnn, wwpn);
    return NULL;
}

static char *testDeviceGetXMLDesc(virNodeDevicePtr dev, unsigned int flags)
{
    (void) flags;
    const testNodeDev *d = devOf(dev);
    if (!d)
        return NULL;
    if (d->parent)
        return virtAsprintf("<device>\n  <name>%s</name>\n  <parent>%s</parent>\n%s</device>\n",
                            d->name, d->parent, d->body);
    return virtAsprintf("<device>\n  <name>%s</name>\n%s</device>\n", d->name, d->body);
}

static const char *testDeviceGetParent(virNodeDevicePtr dev)
{
    const testNodeDev *d = devOf(dev);
    if (d && !d->parent)
        TEST_ERROR(NULL, VIR_ERR_NO_NODE_DEVICE, "no parent for this device");
    return d ? d->parent : NULL;
}

static int testDeviceNumOfCaps(virNodeDevicePtr dev)
{
    return devOf(dev) ? 1 : -1;
}

static int testDeviceListCaps(virNodeDevicePtr dev, char **const names, int maxnames)
{
    const testNodeDev *d = devOf(dev);
    if (!d)
        return -1;
    if (maxnames < 1)
        return 0;
    names[0] = virtStrdup(d->cap);
    return 1;
}

static int testDeviceIsActive(virNodeDevicePtr dev)
{
    return devOf(dev) ? 1 : -1;
}

static int testDeviceIsPersistent(virNodeDevicePtr dev)
{
    return devOf(dev) ? 1 : -1;
}

const virtNodeDeviceTable testNodeDeviceTable = {
    .size = sizeof(virtNodeDeviceTable),
    .nodeDeviceGetParent = testDeviceGetParent,
    .nodeDeviceGetXMLDesc = testDeviceGetXMLDesc,
    .nodeDeviceListCaps = testDeviceListCaps,
    .nodeDeviceLookupByName = testDeviceLookupByName,
    .nodeDeviceNumOfCaps = testDeviceNumOfCaps,
    .nodeListDevices = testListDevices,
    .nodeNumOfDevices = testNumOfDevices,
    .connectListAllNodeDevices = testListAllDevices,
    .nodeDeviceLookupSCSIHostByWWN = testDeviceLookupSCSIHostByWWN,
    .nodeDeviceIsActive = testDeviceIsActive,
    .nodeDeviceIsPersistent = testDeviceIsPersistent,
};
