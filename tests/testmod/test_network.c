/* test_network.c: the network role of the test module. */
#include <stdlib.h>
#include <string.h>

#include "testmod_util.h"

static void testDefaultNetwork(void)
{
    virConnectPtr c = testmodOpenDefault();
    virNetworkPtr n = virNetworkLookupByName(c, "default");
    char uuid[VIR_UUID_STRING_BUFLEN];
    int autostart = -1;
    CHECK(n != NULL);
    if (!n)
        goto out;
    CHECK_STR(virNetworkGetName(n), "default");
    CHECK(virNetworkGetUUIDString(n, uuid) == 0);
    CHECK_STR(uuid, "dd8fe884-6c02-601e-7551-cca97df1c5df");
    char *br = virNetworkGetBridgeName(n);
    CHECK_STR(br, "virbr0");
    free(br);
    CHECK(virNetworkIsActive(n) == 1 && virNetworkIsPersistent(n) == 1);
    CHECK(virNetworkGetAutostart(n, &autostart) == 0 && autostart == 0);
    char *xml = virNetworkGetXMLDesc(n, 0);
    CHECK(xml && strstr(xml, "192.168.122.1") && strstr(xml, "255.255.255.0") &&
          strstr(xml, "192.168.122.2") && strstr(xml, "192.168.122.254") && strstr(xml, "nat"));
    free(xml);
    virNetworkPtr u = virNetworkLookupByUUIDString(c, "dd8fe884-6c02-601e-7551-cca97df1c5df");
    CHECK(u && strcmp(virNetworkGetName(u), "default") == 0);
    if (u)
        virNetworkFree(u);
    CHECK(virConnectNumOfNetworks(c) == 1 && virConnectNumOfDefinedNetworks(c) == 0);
    char *names[2] = { NULL, NULL };
    CHECK(virConnectListNetworks(c, names, 2) == 1);
    CHECK_STR(names[0], "default");
    free(names[0]);
    CHECK_ERR(virNetworkLookupByName(c, "zz") == NULL, VIR_ERR_NO_NETWORK);
    unsigned char raw[VIR_UUID_BUFLEN] = { 1 };
    CHECK_ERR(virNetworkLookupByUUID(c, raw) == NULL, VIR_ERR_NO_NETWORK);
    virNetworkFree(n);
 out:
    virConnectClose(c);
}

static void testNetworkLifecycle(void)
{
    virConnectPtr c = testmodOpenDefault();
    virNetworkPtr n = virNetworkLookupByName(c, "default");
    CHECK_ERR(virNetworkCreate(n) < 0, VIR_ERR_OPERATION_INVALID);
    CHECK_ERR(virNetworkUndefine(n) < 0, VIR_ERR_OPERATION_INVALID);
    CHECK_ERR(virNetworkDefineXML(c, "<network><name>default</name></network>") == NULL,
              VIR_ERR_OPERATION_FAILED);
    CHECK_ERR(virNetworkCreateXML(c, "<network><name>default</name></network>") == NULL,
              VIR_ERR_OPERATION_FAILED);
    CHECK(virNetworkDestroy(n) == 0);
    CHECK(virNetworkIsActive(n) == 0);
    CHECK(virConnectNumOfDefinedNetworks(c) == 1);
    char *names[2] = { NULL, NULL };
    CHECK(virConnectListDefinedNetworks(c, names, 2) == 1);
    CHECK_STR(names[0], "default");
    free(names[0]);
    CHECK(virNetworkSetAutostart(n, 1) == 0);
    int a = 0;
    CHECK(virNetworkGetAutostart(n, &a) == 0 && a == 1);
    CHECK(virNetworkCreate(n) == 0);
    CHECK(virNetworkDestroy(n) == 0);
    CHECK(virNetworkUndefine(n) == 0);
    CHECK_ERR(virNetworkLookupByName(c, "default") == NULL, VIR_ERR_NO_NETWORK);
    CHECK_ERR(virNetworkIsActive(n) < 0, VIR_ERR_NO_NETWORK);
    virNetworkFree(n);

    virNetworkPtr d = virNetworkDefineXML(c, "<network><name>n2</name><bridge name='br2'/></network>");
    CHECK(d && virNetworkIsActive(d) == 0 && virNetworkIsPersistent(d) == 1);
    if (d) {
        CHECK(virNetworkCreate(d) == 0);
        CHECK(virNetworkIsActive(d) == 1);
        virNetworkFree(d);
    }
    virNetworkPtr t = virNetworkCreateXML(c, "<network><name>t1</name></network>");
    CHECK(t && virNetworkIsActive(t) == 1 && virNetworkIsPersistent(t) == 0);
    if (t) {
        CHECK_ERR(virNetworkGetBridgeName(t) == NULL, VIR_ERR_INTERNAL_ERROR);
        CHECK(virNetworkDestroy(t) == 0);
        CHECK_ERR(virNetworkLookupByName(c, "t1") == NULL, VIR_ERR_NO_NETWORK);
        virNetworkFree(t);
    }
    virNetworkPtr *all = NULL;
    int count = virConnectListAllNetworks(c, &all, 0);
    CHECK(count == 1);
    for (int i = 0; i < count; i++)
        virNetworkFree(all[i]);
    free(all);
    CHECK(virConnectListAllNetworks(c, NULL, VIR_CONNECT_LIST_NETWORKS_INACTIVE) == 0);
    virConnectClose(c);
}

int main(void)
{
    TEST_RUN(testDefaultNetwork);
    TEST_RUN(testNetworkLifecycle);
    TEST_DONE();
}
