/* test_nodedev.c: host devices. test:///default has those libvirt's test
 * driver shows: the machine ("computer") and three Fibre Channel SCSI
 * hosts below it; a node file lists its own <device> elements. All are
 * active. Creating one mocks a vHBA as libvirt's test driver does, and
 * create and destroy raise lifecycle events. Devices are read through the
 * generated model (abi/xml/nodedev/). A device's XML is kept as
 * given; its name, parent and capabilities are read from it. */
#include <stdlib.h>
#include <string.h>

#include "nodedev_model.h"
#include "test_xml.h"
#include "util.h"

/* A built-in device: its XML is <device><name/><parent/> then body. */
typedef struct {
    const char *name, *parent;
    const char *body;
} testNodeDevSeed;

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

static const testNodeDevSeed seeds[] = {
    { "computer", NULL,
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
    { "scsi_host2", "computer",
      FC_HOST("2", "1", "2000000056785678", "1000000056785678", "2000000087658765", VPORT_OPS) },
    { "scsi_host11", "scsi_host1",
      FC_HOST("11", "10", "2000000034563456", "1000000034563456", "2000000043214321", "") },
    { "scsi_host1", "computer",
      FC_HOST("1", "0", "2000000012341234", "1000000012341234", "2000000043214321", VPORT_OPS) },
};

/* Capability names (as listDevices takes them and as <capability type>
 * spells them) and their listing bits. */
static const struct { const char *name; unsigned int bit; } capNames[] = {
    { "system", VIR_CONNECT_LIST_NODE_DEVICES_CAP_SYSTEM },
    { "pci", VIR_CONNECT_LIST_NODE_DEVICES_CAP_PCI_DEV },
    { "usb_device", VIR_CONNECT_LIST_NODE_DEVICES_CAP_USB_DEV },
    { "usb", VIR_CONNECT_LIST_NODE_DEVICES_CAP_USB_INTERFACE },
    { "net", VIR_CONNECT_LIST_NODE_DEVICES_CAP_NET },
    { "scsi_host", VIR_CONNECT_LIST_NODE_DEVICES_CAP_SCSI_HOST },
    { "scsi_target", VIR_CONNECT_LIST_NODE_DEVICES_CAP_SCSI_TARGET },
    { "scsi", VIR_CONNECT_LIST_NODE_DEVICES_CAP_SCSI },
    { "storage", VIR_CONNECT_LIST_NODE_DEVICES_CAP_STORAGE },
    { "fc_host", VIR_CONNECT_LIST_NODE_DEVICES_CAP_FC_HOST },
    { "vports", VIR_CONNECT_LIST_NODE_DEVICES_CAP_VPORTS },
    { "vport_ops", VIR_CONNECT_LIST_NODE_DEVICES_CAP_VPORTS },
    { "scsi_generic", VIR_CONNECT_LIST_NODE_DEVICES_CAP_SCSI_GENERIC },
    { "drm", VIR_CONNECT_LIST_NODE_DEVICES_CAP_DRM },
    { "mdev_types", VIR_CONNECT_LIST_NODE_DEVICES_CAP_MDEV_TYPES },
    { "mdev", VIR_CONNECT_LIST_NODE_DEVICES_CAP_MDEV },
    { "ccw", VIR_CONNECT_LIST_NODE_DEVICES_CAP_CCW_DEV },
    { "css", VIR_CONNECT_LIST_NODE_DEVICES_CAP_CSS_DEV },
    { "vdpa", VIR_CONNECT_LIST_NODE_DEVICES_CAP_VDPA },
    { "ap_card", VIR_CONNECT_LIST_NODE_DEVICES_CAP_AP_CARD },
    { "ap_queue", VIR_CONNECT_LIST_NODE_DEVICES_CAP_AP_QUEUE },
    { "ap_matrix", VIR_CONNECT_LIST_NODE_DEVICES_CAP_AP_MATRIX },
    { "vpd", VIR_CONNECT_LIST_NODE_DEVICES_CAP_VPD },
};
#define NCAPNAMES (sizeof(capNames) / sizeof(capNames[0]))

static unsigned int capBit(const char *name)
{
    for (size_t i = 0; name && i < NCAPNAMES; i++)
        if (strcmp(name, capNames[i].name) == 0)
            return capNames[i].bit;
    return 0;
}

/* The listing bits of a device's capabilities and of those nested in them. */
static unsigned int subCapBits(virtNodeDeviceSubCap **caps, size_t n)
{
    unsigned int bits = 0;
    for (size_t i = 0; i < n; i++)
        bits |= capBit(caps[i]->type);
    return bits;
}

static unsigned int collectCaps(const virtNodeDeviceDef *def)
{
    unsigned int bits = 0;
    for (size_t i = 0; i < def->ncapability; i++) {
        virtNodeDeviceCap *c = def->capability[i];
        bits |= capBit(c->type);
        bits |= subCapBits(c->pci.capability, c->pci.ncapability);
        bits |= subCapBits(c->net.capability, c->net.ncapability);
        bits |= subCapBits(c->scsi_host.capability, c->scsi_host.ncapability);
        bits |= subCapBits(c->scsi_target.capability, c->scsi_target.ncapability);
        bits |= subCapBits(c->storage.capability, c->storage.ncapability);
        bits |= subCapBits(c->css.capability, c->css.ncapability);
        bits |= subCapBits(c->ap_matrix.capability, c->ap_matrix.ncapability);
    }
    return bits;
}

/* A <device> document read through the generated model (libvirt's checks;
 * the grammar too when validate); NULL after reporting. */
static virtNodeDeviceDef *readDevice(virConnectPtr conn, const char *xml, bool validate)
{
    virtXMLError err = { 0 };
    xmlDocPtr doc = testXMLRead(conn, xml, "device");
    if (!doc)
        return NULL;
    virtNodeDeviceDef *def = virtXMLModelParseDoc(doc, &virtXMLKind_nodedev,
                                                  validate ? VIRT_XML_VALIDATE : 0, &err);
    xmlFreeDoc(doc);
    if (!def) {
        virtXMLErrorSetDomain(&err, VIR_FROM_NODEDEV);
        testReportXMLError(conn, &err);
    }
    return def;
}

static void devFree(testDevice *d)
{
    if (!d)
        return;
    free(d->name);
    free(d->parent);
    free(d->cap);
    free(d->xml);
    free(d);
}

void testNodeDevFree(testState *st)
{
    while (st->devices) {
        testDevice *d = st->devices;
        st->devices = d->next;
        devFree(d);
    }
}

static testDevice *findDev(testState *st, const char *name)
{
    for (testDevice *d = st->devices; d; d = d->next)
        if (strcmp(d->name, name) == 0)
            return d;
    return NULL;
}

/* Read a <device> document into a new device; NULL after reporting. The
 * device keeps the text it was given. */
static testDevice *parseDevice(virConnectPtr conn, const char *xml)
{
    virtNodeDeviceDef *def = readDevice(conn, xml, false);
    if (!def)
        return NULL;
    testDevice *d = NULL;
    if (!def->name || !def->name[0]) {
        testCore->error(conn, VIR_FROM_NODEDEV, VIR_ERR_XML_ERROR, "a node device needs a <name> and a <capability type=...>");
        goto out;
    }
    if (def->ncapability == 0) {
        testCore->error(conn, VIR_FROM_NODEDEV, VIR_ERR_INTERNAL_ERROR,
                        "no device capabilities for '%s'", def->name);
        goto out;
    }
    d = virtAlloc(sizeof(*d));
    d->name = virtStrdup(def->name);
    if (def->parent && def->parent->text && def->parent->text[0])
        d->parent = virtStrdup(def->parent->text);
    d->cap = virtStrdup(def->capability[0]->type);
    d->capBits = collectCaps(def);
    d->xml = virtStrdup(xml);
 out:
    virtXMLModelFree(virtXMLKind_nodedev.root, def);
    return d;
}

static void addDev(testState *st, testDevice *d)
{
    testDevice **pp = &st->devices;
    while (*pp)
        pp = &(*pp)->next;
    *pp = d;
}

int testNodeDevLoad(virConnectPtr conn, testState *st, const char *xml)
{
    testDevice *d = parseDevice(conn, xml);
    if (!d)
        return -1;
    if (findDev(st, d->name)) {
        TEST_ERROR(conn, VIR_ERR_OPERATION_FAILED, "node device '%s' is defined twice", d->name);
        devFree(d);
        return -1;
    }
    addDev(st, d);
    return 0;
}

void testNodeDevAddDefault(testState *st)
{
    for (size_t i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++) {
        char *xml;
        if (seeds[i].parent)
            xml = virtAsprintf("<device>\n  <name>%s</name>\n  <parent>%s</parent>\n%s</device>\n",
                               seeds[i].name, seeds[i].parent, seeds[i].body);
        else
            xml = virtAsprintf("<device>\n  <name>%s</name>\n%s</device>\n", seeds[i].name, seeds[i].body);
        testDevice *d = parseDevice(NULL, xml);
        free(xml);
        if (d)
            addDev(st, d);
    }
}

/* Lock the host and find the device behind a handle; NULL after reporting. */
static testDevice *devAcquire(virNodeDevicePtr handle, testState **stp)
{
    virConnectPtr conn = testNodeDevConn(handle);
    testState *st = testLockState(conn);
    if (!st)
        return NULL;
    testDevice *d = findDev(st, testCore->handle_identity(handle)->name);
    if (!d) {
        pthread_mutex_unlock(&st->lock);
        TEST_ERROR(conn, VIR_ERR_NO_NODE_DEVICE, "no node device with matching name '%s'",
                   testCore->handle_identity(handle)->name);
        return NULL;
    }
    *stp = st;
    return d;
}

static bool hasCap(const testDevice *d, const char *cap)
{
    return !cap || (d->capBits & capBit(cap)) != 0;
}

static int testNodeNumOfDevices(virConnectPtr conn, const char *cap, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    int n = 0;
    (void) flags;
    testState *st = testLockState(conn);
    if (!st)
        return -1;
    for (testDevice *d = st->devices; d; d = d->next)
        n += hasCap(d, cap);
    pthread_mutex_unlock(&st->lock);
    return n;
}

static int testNodeListDevices(virConnectPtr conn, const char *cap, char **const names,
                           int maxnames, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    int n = 0;
    (void) flags;
    testState *st = testLockState(conn);
    if (!st)
        return -1;
    for (testDevice *d = st->devices; d && n < maxnames; d = d->next)
        if (hasCap(d, cap))
            names[n++] = virtStrdup(d->name);
    pthread_mutex_unlock(&st->lock);
    return n;
}

static int testConnectListAllNodeDevices(virConnectPtr conn, virNodeDevicePtr **devs, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0x3fffff, -1);
    const unsigned int activeBits = VIR_CONNECT_LIST_NODE_DEVICES_ACTIVE |
                                    VIR_CONNECT_LIST_NODE_DEVICES_INACTIVE;
    unsigned int capBits = flags & ~activeBits;
    int n = 0, total = 0;
    testState *st = testLockState(conn);
    if (!st)
        return -1;
    for (testDevice *d = st->devices; d; d = d->next)
        total++;
    virNodeDevicePtr *list = devs ? virtAlloc((size_t) (total + 1) * sizeof(*list)) : NULL;
    for (testDevice *d = st->devices; d; d = d->next) {
        if (capBits && !(d->capBits & capBits))
            continue;
        /* Every device is active. */
        if ((flags & activeBits) && !(flags & VIR_CONNECT_LIST_NODE_DEVICES_ACTIVE))
            continue;
        if (list)
            list[n] = virtHandleNewNodeDevice(testCore, conn, d->name);
        n++;
    }
    pthread_mutex_unlock(&st->lock);
    if (devs)
        *devs = list;
    return n;
}

static virNodeDevicePtr testDeviceLookupByName(virConnectPtr conn, const char *name)
{
    virNodeDevicePtr ret = NULL;
    testState *st = testLockState(conn);
    if (!st)
        return NULL;
    testDevice *d = findDev(st, name);
    if (d)
        ret = virtHandleNewNodeDevice(testCore, conn, d->name);
    pthread_mutex_unlock(&st->lock);
    if (!d)
        TEST_ERROR(conn, VIR_ERR_NO_NODE_DEVICE, "no node device with matching name '%s'", name);
    return ret;
}

/* Whether the element text <tag>value</tag> occurs in xml. */
static bool hasElemText(const char *xml, const char *tag, const char *value)
{
    char *needle = virtAsprintf("<%s>%s</%s>", tag, value, tag);
    bool found = strstr(xml, needle) != NULL;
    free(needle);
    return found;
}

static virNodeDevicePtr testNodeDeviceLookupSCSIHostByWWN(virConnectPtr conn, const char *wwnn,
                                                      const char *wwpn, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, NULL);
    virNodeDevicePtr ret = NULL;
    (void) flags;
    testState *st = testLockState(conn);
    if (!st)
        return NULL;
    for (testDevice *d = st->devices; d && !ret; d = d->next)
        if ((d->capBits & VIR_CONNECT_LIST_NODE_DEVICES_CAP_FC_HOST) &&
            hasElemText(d->xml, "wwnn", wwnn) && hasElemText(d->xml, "wwpn", wwpn))
            ret = virtHandleNewNodeDevice(testCore, conn, d->name);
    pthread_mutex_unlock(&st->lock);
    if (!ret)
        TEST_ERROR(conn, VIR_ERR_NO_NODE_DEVICE, "no node device for '%s' with matching wwnn '%s' and wwpn '%s'",
                   "scsi_host", wwnn, wwpn);
    return ret;
}

static char *testNodeDeviceGetXMLDesc(virNodeDevicePtr dev, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, NULL);
    testState *st;
    (void) flags;
    testDevice *d = devAcquire(dev, &st);
    if (!d)
        return NULL;
    char *xml = virtStrdup(d->xml);
    pthread_mutex_unlock(&st->lock);
    return xml;
}

/* Devices are never removed while the host lives, and the handle keeps
 * its connection (so the host) alive: the name can be handed out as is. */
static const char *testDeviceGetParent(virNodeDevicePtr dev)
{
    testState *st;
    testDevice *d = devAcquire(dev, &st);
    if (!d)
        return NULL;
    const char *ret = d->parent;
    pthread_mutex_unlock(&st->lock);
    if (!ret)
        TEST_ERROR(testNodeDevConn(dev), VIR_ERR_INTERNAL_ERROR, "no parent for this device");
    return ret;
}

static int testDeviceNumOfCaps(virNodeDevicePtr dev)
{
    testState *st;
    if (!devAcquire(dev, &st))
        return -1;
    pthread_mutex_unlock(&st->lock);
    return 1;
}

static int testDeviceListCaps(virNodeDevicePtr dev, char **const names, int maxnames)
{
    testState *st;
    int n = 0;
    testDevice *d = devAcquire(dev, &st);
    if (!d)
        return -1;
    if (maxnames >= 1)
        names[n++] = virtStrdup(d->cap);
    pthread_mutex_unlock(&st->lock);
    return n;
}

static int testDeviceIsActive(virNodeDevicePtr dev)
{
    return testDeviceNumOfCaps(dev) < 0 ? -1 : 1;
}

static int testDeviceIsPersistent(virNodeDevicePtr dev)
{
    return testDeviceNumOfCaps(dev) < 0 ? -1 : 1;
}

/* The fc_host capability of a <device> being created (borrowed from def),
 * NULL when it has none. */
static const virtNodeDeviceSubCap *fcHost(const virtNodeDeviceDef *def)
{
    for (size_t i = 0; i < def->ncapability; i++) {
        virtNodeDeviceCap *c = def->capability[i];
        if (strcmp(c->type, "scsi_host") != 0)
            continue;
        for (size_t j = 0; j < c->scsi_host.ncapability; j++)
            if (strcmp(c->scsi_host.capability[j]->type, "fc_host") == 0)
                return c->scsi_host.capability[j];
    }
    return NULL;
}

static bool vportCapable(const testDevice *d)
{
    return strstr(d->xml, "<capability type='vport_ops'>") != NULL;
}

/* Unlink and free the device named name, if there is one. */
static void removeDev(testState *st, const char *name)
{
    for (testDevice **pp = &st->devices; *pp; pp = &(*pp)->next) {
        if (strcmp((*pp)->name, name) == 0) {
            testDevice *gone = *pp;
            *pp = gone->next;
            devFree(gone);
            return;
        }
    }
}

/* libvirt's test driver mocks every vHBA as scsi_host12, shaped like
 * scsi_host11, below a vport-capable parent (the first one when none is
 * named); a second creation replaces the first. */
#define VHBA_NAME "scsi_host12"

static virNodeDevicePtr testNodeDeviceCreateXML(virConnectPtr conn, const char *xml,
                                                unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_NODE_DEVICE_CREATE_XML_VALIDATE, NULL);
    virtNodeDeviceDef *def = readDevice(conn, xml, flags & VIR_NODE_DEVICE_CREATE_XML_VALIDATE);
    if (!def)
        return NULL;
    virNodeDevicePtr ret = NULL;
    const char *parent = def->parent && def->parent->text && def->parent->text[0]
                         ? def->parent->text : NULL;
    testState *st = NULL;
    const virtNodeDeviceSubCap *fc = fcHost(def);
    if (def->ncapability == 0) {
        /* a device being created is 'new device' to libvirt, whatever its <name> */
        testCore->error(conn, VIR_FROM_NODEDEV, VIR_ERR_INTERNAL_ERROR,
                        "no device capabilities for 'new device'");
        goto out;
    }
    if (!fc) {
        testCore->error(conn, VIR_FROM_NODEDEV, VIR_ERR_INTERNAL_ERROR,
                        "Device is not a fibre channel HBA");
        goto out;
    }
    /* libvirt would make up a missing name, but not in its test driver */
    const char *wwnn = fc->fc_host.wwnn, *wwpn = fc->fc_host.wwpn;
    if (!wwnn || !wwpn) {
        testCore->error(conn, VIR_FROM_NODEDEV, VIR_ERR_INTERNAL_ERROR,
                        "no %s supplied for 'new device', and auto-generation failed",
                        wwnn ? "WWPN" : "WWNN");
        goto out;
    }
    if (!(st = testLockState(conn)))
        goto out;
    testDevice *p = NULL;
    for (testDevice *d = st->devices; d && !p; d = d->next)
        if (parent ? strcmp(d->name, parent) == 0 : vportCapable(d))
            p = d;
    if (!p) {
        testCore->error(conn, VIR_FROM_NODEDEV, VIR_ERR_INTERNAL_ERROR,
                        "Could not find parent device for 'new device'");
        goto unlock;
    }
    if (!vportCapable(p)) {
        testCore->error(conn, VIR_FROM_NODEDEV, VIR_ERR_INTERNAL_ERROR,
                        "Parent device %s is not capable of vport operations", p->name);
        goto unlock;
    }
    /* the mock is a copy of scsi_host11, parent and all */
    testDevice *model = findDev(st, "scsi_host11");
    char *body = virtAsprintf("<device>\n  <name>" VHBA_NAME "</name>\n  <parent>%s</parent>\n"
                              "  <capability type='scsi_host'>\n    <host>11</host>\n"
                              "    <unique_id>10</unique_id>\n"
                              "    <capability type='fc_host'>\n      <wwnn>%s</wwnn>\n"
                              "      <wwpn>%s</wwpn>\n      <fabric_wwn>2000000043214321</fabric_wwn>\n"
                              "    </capability>\n  </capability>\n</device>\n",
                              model && model->parent ? model->parent : p->name, wwnn, wwpn);
    testDevice *vhba = parseDevice(conn, body);
    free(body);
    if (!vhba)
        goto unlock;
    removeDev(st, VHBA_NAME);
    addDev(st, vhba);
    testEventObject(st, VIRT_HANDLE_NODE_DEVICE, VHBA_NAME, NULL,
                    VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE, VIR_NODE_DEVICE_EVENT_CREATED, 0);
    ret = virtHandleNewNodeDevice(testCore, conn, VHBA_NAME);
 unlock:
    pthread_mutex_unlock(&st->lock);
 out:
    virtXMLModelFree(virtXMLKind_nodedev.root, def);
    return ret;
}

static int testNodeDeviceDestroy(virNodeDevicePtr dev)
{
    testState *st;
    testDevice *d = devAcquire(dev, &st);
    if (!d)
        return -1;
    char *name = virtStrdup(d->name);
    removeDev(st, name);
    testEventObject(st, VIRT_HANDLE_NODE_DEVICE, name, NULL, VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE,
                    VIR_NODE_DEVICE_EVENT_DELETED, 0);
    pthread_mutex_unlock(&st->lock);
    free(name);
    return 0;
}

const virtNodeDeviceTable testNodeDeviceTable = {
    .size = sizeof(virtNodeDeviceTable),
    .nodeDeviceGetParent = testDeviceGetParent,
    .nodeDeviceGetXMLDesc = testNodeDeviceGetXMLDesc,
    .nodeDeviceListCaps = testDeviceListCaps,
    .nodeDeviceLookupByName = testDeviceLookupByName,
    .nodeDeviceNumOfCaps = testDeviceNumOfCaps,
    .nodeListDevices = testNodeListDevices,
    .nodeNumOfDevices = testNodeNumOfDevices,
    .connectListAllNodeDevices = testConnectListAllNodeDevices,
    .nodeDeviceLookupSCSIHostByWWN = testNodeDeviceLookupSCSIHostByWWN,
    .nodeDeviceIsActive = testDeviceIsActive,
    .nodeDeviceIsPersistent = testDeviceIsPersistent,
    .nodeDeviceCreateXML = testNodeDeviceCreateXML,
    .nodeDeviceDestroy = testNodeDeviceDestroy,
    .connectNodeDeviceEventRegisterAny = testConnectNodeDeviceEventRegisterAny,
    .connectNodeDeviceEventDeregisterAny = testConnectNodeDeviceEventDeregisterAny,
};
