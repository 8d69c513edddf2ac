/* remote_objects.c: storage pools and volumes, host interfaces and node
 * devices of test:///default through the remote module and a daemon.
 *
 * Usage: remote_objects URI [TAG]
 * Reads what test:///default ships (pool default-pool, interface eth1,
 * node device computer), and creates one volume named after TAG, which
 * it deletes again. Works against our libvirtd and Debian's. */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static virConnectPtr conn;
static const char *tag = "t";

static void quiet(void *data, virErrorPtr err) { (void) data; (void) err; }

static void testPools(void)
{
    virStoragePoolPtr *pools = NULL;
    int n = virConnectListAllStoragePools(conn, &pools, 0);
    CHECK(n >= 1);
    CHECK(virConnectNumOfStoragePools(conn) + virConnectNumOfDefinedStoragePools(conn) == n);
    bool seen = false;
    for (int i = 0; i < n; i++) {
        if (strcmp(virStoragePoolGetName(pools[i]), "default-pool") == 0)
            seen = true;
        virStoragePoolFree(pools[i]);
    }
    free(pools);
    CHECK(seen);
    CHECK(virConnectListAllStoragePools(conn, NULL, 0) == n);

    virStoragePoolPtr pool = virStoragePoolLookupByName(conn, "default-pool");
    CHECK(pool != NULL);
    if (!pool)
        return;
    unsigned char uuid[VIR_UUID_BUFLEN];
    CHECK(virStoragePoolGetUUID(pool, uuid) == 0);
    virStoragePoolPtr byUUID = virStoragePoolLookupByUUID(conn, uuid);
    CHECK(byUUID && strcmp(virStoragePoolGetName(byUUID), "default-pool") == 0);
    if (byUUID)
        virStoragePoolFree(byUUID);
    virStoragePoolInfo info;
    CHECK(virStoragePoolGetInfo(pool, &info) == 0);
    CHECK(info.state == VIR_STORAGE_POOL_RUNNING && info.capacity > 0);
    CHECK(virStoragePoolIsActive(pool) == 1);
    CHECK(virStoragePoolIsPersistent(pool) == 1);
    int autostart = -1;
    CHECK(virStoragePoolGetAutostart(pool, &autostart) == 0 && autostart >= 0);
    char *xml = virStoragePoolGetXMLDesc(pool, 0);
    CHECK(xml && strstr(xml, "<name>default-pool</name>"));
    free(xml);
    CHECK(virStoragePoolLookupByName(conn, "no-such-pool") == NULL);
    CHECK(virGetLastError() && virGetLastError()->code == VIR_ERR_NO_STORAGE_POOL);
    virStoragePoolFree(pool);
}

static void testVolumes(void)
{
    char name[64], xml[512];
    virStoragePoolPtr pool = virStoragePoolLookupByName(conn, "default-pool");
    CHECK(pool != NULL);
    if (!pool)
        return;
    snprintf(name, sizeof(name), "rv-%s.img", tag);
    snprintf(xml, sizeof(xml),
             "<volume><name>%s</name><capacity unit='M'>8</capacity>"
             "<allocation unit='M'>1</allocation></volume>", name);
    int before = virStoragePoolNumOfVolumes(pool);
    CHECK(before >= 0);
    virStorageVolPtr vol = virStorageVolCreateXML(pool, xml, 0);
    CHECK(vol != NULL);
    if (!vol) {
        virStoragePoolFree(pool);
        return;
    }
    CHECK_STR(virStorageVolGetName(vol), name);
    CHECK(virStoragePoolNumOfVolumes(pool) == before + 1);

    virStorageVolPtr *vols = NULL;
    int n = virStoragePoolListAllVolumes(pool, &vols, 0);
    CHECK(n == before + 1);
    bool seen = false;
    for (int i = 0; i < n; i++) {
        if (strcmp(virStorageVolGetName(vols[i]), name) == 0)
            seen = true;
        virStorageVolFree(vols[i]);
    }
    free(vols);
    CHECK(seen);

    virStorageVolPtr byName = virStorageVolLookupByName(pool, name);
    CHECK(byName && strcmp(virStorageVolGetKey(byName), virStorageVolGetKey(vol)) == 0);
    virStorageVolPtr byKey = virStorageVolLookupByKey(conn, virStorageVolGetKey(vol));
    CHECK(byKey && strcmp(virStorageVolGetName(byKey), name) == 0);
    char *path = virStorageVolGetPath(vol);
    CHECK(path && strstr(path, name));
    virStorageVolPtr byPath = path ? virStorageVolLookupByPath(conn, path) : NULL;
    CHECK(byPath && strcmp(virStorageVolGetName(byPath), name) == 0);
    free(path);
    virStoragePoolPtr owner = virStoragePoolLookupByVolume(vol);
    CHECK(owner && strcmp(virStoragePoolGetName(owner), "default-pool") == 0);
    virStorageVolInfo info;
    CHECK(virStorageVolGetInfo(vol, &info) == 0);
    CHECK(info.capacity == 8 * 1024 * 1024);
    char *vxml = virStorageVolGetXMLDesc(vol, 0);
    CHECK(vxml && strstr(vxml, name));
    free(vxml);

    CHECK(virStorageVolDelete(vol, 0) == 0);
    CHECK(virStoragePoolNumOfVolumes(pool) == before);
    CHECK(virStorageVolLookupByName(pool, name) == NULL);
    CHECK(virGetLastError() && virGetLastError()->code == VIR_ERR_NO_STORAGE_VOL);
    if (owner)
        virStoragePoolFree(owner);
    if (byName)
        virStorageVolFree(byName);
    if (byKey)
        virStorageVolFree(byKey);
    if (byPath)
        virStorageVolFree(byPath);
    virStorageVolFree(vol);
    virStoragePoolFree(pool);
}

static void testInterfaces(void)
{
    virInterfacePtr *ifaces = NULL;
    int n = virConnectListAllInterfaces(conn, &ifaces, 0);
    CHECK(n >= 1);
    CHECK(virConnectNumOfInterfaces(conn) + virConnectNumOfDefinedInterfaces(conn) == n);
    bool seen = false;
    for (int i = 0; i < n; i++) {
        if (strcmp(virInterfaceGetName(ifaces[i]), "eth1") == 0)
            seen = true;
        virInterfaceFree(ifaces[i]);
    }
    free(ifaces);
    CHECK(seen);
    virInterfacePtr iface = virInterfaceLookupByName(conn, "eth1");
    CHECK(iface != NULL);
    if (!iface)
        return;
    CHECK_STR(virInterfaceGetMACString(iface), "aa:bb:cc:dd:ee:ff");
    virInterfacePtr byMac = virInterfaceLookupByMACString(conn, "aa:bb:cc:dd:ee:ff");
    CHECK(byMac && strcmp(virInterfaceGetName(byMac), "eth1") == 0);
    if (byMac)
        virInterfaceFree(byMac);
    CHECK(virInterfaceIsActive(iface) == 1);
    char *xml = virInterfaceGetXMLDesc(iface, 0);
    CHECK(xml && strstr(xml, "eth1"));
    free(xml);
    CHECK(virInterfaceLookupByName(conn, "no-such-if") == NULL);
    CHECK(virGetLastError() && virGetLastError()->code == VIR_ERR_NO_INTERFACE);
    virInterfaceFree(iface);
}

static void testNodeDevices(void)
{
    virNodeDevicePtr *devs = NULL;
    int n = virConnectListAllNodeDevices(conn, &devs, 0);
    CHECK(n >= 1);
    CHECK(virNodeNumOfDevices(conn, NULL, 0) == n);
    bool seen = false;
    for (int i = 0; i < n; i++) {
        if (strcmp(virNodeDeviceGetName(devs[i]), "computer") == 0)
            seen = true;
        virNodeDeviceFree(devs[i]);
    }
    free(devs);
    CHECK(seen);
    virNodeDevicePtr dev = virNodeDeviceLookupByName(conn, "computer");
    CHECK(dev != NULL);
    if (!dev)
        return;
    CHECK(virNodeDeviceNumOfCaps(dev) >= 1);
    char *xml = virNodeDeviceGetXMLDesc(dev, 0);
    CHECK(xml && strstr(xml, "<name>computer</name>"));
    free(xml);
    CHECK(virNodeDeviceLookupByName(conn, "no-such-device") == NULL);
    CHECK(virGetLastError() && virGetLastError()->code == VIR_ERR_NO_NODE_DEVICE);
    virNodeDeviceFree(dev);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s URI [TAG]\n", argv[0]);
        return 2;
    }
    if (argc > 2)
        tag = argv[2];
    virSetErrorFunc(NULL, quiet);
    conn = virConnectOpen(argv[1]);
    if (!conn) {
        printf("Bail out! cannot open %s: %s\n", argv[1], virGetLastErrorMessage());
        return 1;
    }
    TEST_RUN(testPools);
    TEST_RUN(testVolumes);
    TEST_RUN(testInterfaces);
    TEST_RUN(testNodeDevices);
    CHECK(virConnectClose(conn) == 0);
    TEST_DONE();
}
