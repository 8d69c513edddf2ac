/* Node files with storage pools (and their volumes), interfaces and node
 * devices, inline or in files of their own, and the refusals of bad ones. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testmod_util.h"

static char *dataPath(const char *file)
{
    char *p = NULL;
    const char *src = getenv("SOURCE_ROOT");
    if (asprintf(&p, "%s/tests/testmod/data/%s", src ? src : ".", file) < 0)
        abort();
    return p;
}

static virConnectPtr openData(const char *file)
{
    char *path = dataPath(file), *uri = NULL;
    if (asprintf(&uri, "test://%s", path) < 0)
        abort();
    virSetErrorFunc(NULL, testmodQuiet);
    virConnectPtr c = virConnectOpen(uri);
    free(uri);
    free(path);
    return c;
}

static void freeNames(char **names, int n)
{
    for (int i = 0; i < n; i++)
        free(names[i]);
}

static void testPools(void)
{
    virConnectPtr c = openData("node-objects.xml");
    char *names[4] = { 0 };
    virStoragePoolInfo info;
    CHECK(c != NULL);
    if (!c)
        return;
    CHECK(virConnectNumOfStoragePools(c) == 2);
    CHECK(virConnectNumOfDefinedStoragePools(c) == 0);
    CHECK(virConnectListStoragePools(c, names, 4) == 2);
    CHECK_STR(names[0], "filepool");
    CHECK_STR(names[1], "otherpool");
    freeNames(names, 2);

    virStoragePoolPtr p = virStoragePoolLookupByName(c, "filepool");
    CHECK(p && virStoragePoolGetInfo(p, &info) == 0);
    CHECK(info.state == VIR_STORAGE_POOL_RUNNING);
    CHECK(info.capacity == 10ULL << 30);
    CHECK(info.allocation == (512ULL + 128ULL) << 20);
    CHECK(p && virStoragePoolIsPersistent(p) == 1);
    CHECK(p && virStoragePoolNumOfVolumes(p) == 2);
    virStorageVolPtr v = p ? virStorageVolLookupByName(p, "disk2.img") : NULL;
    char *path = v ? virStorageVolGetPath(v) : NULL;
    CHECK_STR(path, "/filepool/disk2.img");
    free(path);
    virStorageVolFree(v);
    virStoragePoolFree(p);
    virStoragePoolPtr byUUID = virStoragePoolLookupByUUIDString(c, "35bb2ad9-388a-cdfe-461a-b8907f6e53fe");
    CHECK(byUUID != NULL);
    virStoragePoolFree(byUUID);
    /* The node file's host has only what it names. */
    CHECK_ERR(virStoragePoolLookupByName(c, "default-pool") == NULL, VIR_ERR_NO_STORAGE_POOL);
    virConnectClose(c);
}

static void testInterfaces(void)
{
    virConnectPtr c = openData("node-objects.xml");
    char *names[4] = { 0 };
    CHECK(c != NULL);
    if (!c)
        return;
    CHECK(virConnectNumOfInterfaces(c) == 2);
    CHECK(virConnectListInterfaces(c, names, 4) == 2);
    CHECK_STR(names[0], "eth7");
    CHECK_STR(names[1], "eth8");
    freeNames(names, 2);
    virInterfacePtr i = virInterfaceLookupByMACString(c, "52:54:00:aa:bb:08");
    CHECK_STR(i ? virInterfaceGetName(i) : NULL, "eth8");
    CHECK(i && virInterfaceIsActive(i) == 1);
    char *xml = i ? virInterfaceGetXMLDesc(i, 0) : NULL;
    CHECK(xml && strstr(xml, "name='eth8'"));
    free(xml);
    virInterfaceFree(i);
    CHECK_ERR(virInterfaceLookupByName(c, "eth1") == NULL, VIR_ERR_NO_INTERFACE);
    virConnectClose(c);
}

static void testDevices(void)
{
    virConnectPtr c = openData("node-objects.xml");
    char *names[4] = { 0 };
    virNodeDevicePtr *list = NULL;
    CHECK(c != NULL);
    if (!c)
        return;
    CHECK(virNodeNumOfDevices(c, NULL, 0) == 3);
    CHECK(virNodeNumOfDevices(c, "pci", 0) == 1);
    CHECK(virNodeListDevices(c, "net", names, 4, 0) == 1);
    CHECK_STR(names[0], "net_eth8_52_54_00_aa_bb_08");
    freeNames(names, 1);
    int n = virConnectListAllNodeDevices(c, &list, VIR_CONNECT_LIST_NODE_DEVICES_CAP_PCI_DEV |
                                                   VIR_CONNECT_LIST_NODE_DEVICES_CAP_SYSTEM);
    CHECK(n == 2);
    for (int i = 0; i < n; i++)
        virNodeDeviceFree(list[i]);
    free(list);

    virNodeDevicePtr d = virNodeDeviceLookupByName(c, "net_eth8_52_54_00_aa_bb_08");
    CHECK_STR(d ? virNodeDeviceGetParent(d) : NULL, "pci_0000_00_02_0");
    CHECK(d && virNodeDeviceNumOfCaps(d) == 1);
    char *xml = d ? virNodeDeviceGetXMLDesc(d, 0) : NULL;
    CHECK(xml && strstr(xml, "<interface>eth8</interface>"));
    free(xml);
    virNodeDeviceFree(d);
    d = virNodeDeviceLookupByName(c, "computer");
    xml = d ? virNodeDeviceGetXMLDesc(d, 0) : NULL;
    CHECK(xml && strstr(xml, "Node file"));
    /* libvirt reports a root device's missing parent as an internal error */
    CHECK_ERR(d && virNodeDeviceGetParent(d) == NULL, VIR_ERR_INTERNAL_ERROR);
    free(xml);
    virNodeDeviceFree(d);
    CHECK_ERR(virNodeDeviceLookupByName(c, "scsi_host1") == NULL, VIR_ERR_NO_NODE_DEVICE);
    virConnectClose(c);
}

/* Write a node file into a scratch folder, open it, expect refusal. */
static void refuseAs(const char *body, const char *what, int code)
{
    char dir[] = "/tmp/testmod-objects-XXXXXX";
    char *path = NULL, *uri = NULL;
    if (!mkdtemp(dir) || asprintf(&path, "%s/node.xml", dir) < 0 || asprintf(&uri, "test://%s", path) < 0)
        abort();
    FILE *fp = fopen(path, "w");
    fputs(body, fp);
    fclose(fp);
    virConnectPtr c = virConnectOpen(uri);
    if (c)
        printf("#   %s: opened\n", what);
    CHECK_ERR(c == NULL, code);
    if (c)
        virConnectClose(c);
    unlink(path);
    rmdir(dir);
    free(path);
    free(uri);
}

static void refuse(const char *body, const char *what)
{
    refuseAs(body, what, VIR_ERR_XML_ERROR);
}

static void testRefused(void)
{
    virSetErrorFunc(NULL, testmodQuiet);
    refuse("<node><pool type='dir'><name>p</name></pool></node>", "pool without target");
    refuse("<node><pool type='dir'><name>p</name><target><path>/p</path></target>"
           "<volume><name>v</name></volume></pool></node>", "volume without capacity");
    refuse("<node><pool file='missing.xml'/></node>", "missing pool file");
    refuse("<node><interface name='x'/></node>", "interface without type");
    /* libvirt: "no device capabilities for 'd'", an internal error */
    refuseAs("<node><device><name>d</name></device></node>", "device without capability",
             VIR_ERR_INTERNAL_ERROR);
    refuse("<node><device file='nope.xml'/></node>", "missing device file");
}

static void testDuplicates(void)
{
    char dir[] = "/tmp/testmod-objects-XXXXXX";
    char *path = NULL, *uri = NULL;
    if (!mkdtemp(dir) || asprintf(&path, "%s/node.xml", dir) < 0 || asprintf(&uri, "test://%s", path) < 0)
        abort();
    FILE *fp = fopen(path, "w");
    fputs("<node><interface type='ethernet' name='e'/><interface type='ethernet' name='e'/></node>", fp);
    fclose(fp);
    virSetErrorFunc(NULL, testmodQuiet);
    CHECK_ERR(virConnectOpen(uri) == NULL, VIR_ERR_OPERATION_FAILED);
    unlink(path);
    rmdir(dir);
    free(path);
    free(uri);
}

int main(void)
{
    TEST_RUN(testPools);
    TEST_RUN(testInterfaces);
    TEST_RUN(testDevices);
    TEST_RUN(testRefused);
    TEST_RUN(testDuplicates);
    TEST_DONE();
}
