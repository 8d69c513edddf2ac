/* Secrets on test:///default: defining, listing with flags, lookups by
 * UUID and usage, values (private ones never leave), redefinition rules
 * and undefining. */
#include <stdlib.h>
#include <string.h>

#include "testmod_util.h"

#define CEPH_UUID "a6a4a3bc-4ec5-46d8-8d7b-8f5fea2e9b01"
#define CEPH_XML                                                                \
    "<secret ephemeral='no' private='no'><uuid>" CEPH_UUID "</uuid>"            \
    "<description>ceph &amp; co</description>"                                  \
    "<usage type='ceph'><name>client.admin</name></usage></secret>"
#define PRIVATE_XML                                                             \
    "<secret ephemeral='yes' private='yes'>"                                    \
    "<usage type='volume'><volume>/var/lib/images/a.img</volume></usage></secret>"

static void testDefineAndLookup(void)
{
    virConnectPtr c = testmodOpenDefault();
    unsigned char uuid[VIR_UUID_BUFLEN];
    char str[VIR_UUID_STRING_BUFLEN];

    CHECK(virConnectNumOfSecrets(c) == 0);
    virSecretPtr s = virSecretDefineXML(c, CEPH_XML, 0);
    CHECK(s != NULL);
    if (!s)
        goto out;
    CHECK(virSecretGetUUIDString(s, str) == 0);
    CHECK_STR(str, CEPH_UUID);
    CHECK(virSecretGetUsageType(s) == VIR_SECRET_USAGE_TYPE_CEPH);
    CHECK_STR(virSecretGetUsageID(s), "client.admin");

    char *xml = virSecretGetXMLDesc(s, 0);
    CHECK(xml && strstr(xml, "<secret ephemeral='no' private='no'>"));
    CHECK(xml && strstr(xml, "<uuid>" CEPH_UUID "</uuid>"));
    CHECK(xml && strstr(xml, "<description>ceph &amp; co</description>"));
    CHECK(xml && strstr(xml, "<usage type='ceph'>") && strstr(xml, "<name>client.admin</name>"));
    free(xml);

    virSecretPtr byUsage = virSecretLookupByUsage(c, VIR_SECRET_USAGE_TYPE_CEPH, "client.admin");
    CHECK(byUsage && virSecretGetUUID(byUsage, uuid) == 0);
    virSecretFree(byUsage);
    virSecretPtr byUUID = virSecretLookupByUUIDString(c, CEPH_UUID);
    CHECK(byUUID != NULL);
    virSecretFree(byUUID);
    CHECK_ERR(virSecretLookupByUsage(c, VIR_SECRET_USAGE_TYPE_ISCSI, "client.admin") == NULL, VIR_ERR_NO_SECRET);
    CHECK_ERR(virSecretLookupByUUIDString(c, "00000000-0000-0000-0000-000000000001") == NULL, VIR_ERR_NO_SECRET);

    /* Same usage under another UUID is refused; the same UUID may not
     * change its usage. */
    CHECK_ERR(virSecretDefineXML(c, "<secret><usage type='ceph'><name>client.admin</name></usage></secret>", 0) == NULL,
              VIR_ERR_INTERNAL_ERROR);
    CHECK_ERR(virSecretDefineXML(c, "<secret><uuid>" CEPH_UUID "</uuid><usage type='tls'><name>x</name></usage></secret>", 0) == NULL,
              VIR_ERR_INTERNAL_ERROR);
    /* libvirt 9.0's codes, as Debian's secret driver gives them */
    CHECK_ERR(virSecretDefineXML(c, "<secret><usage type='bogus'/></secret>", 0) == NULL,
              VIR_ERR_CONFIG_UNSUPPORTED);
    CHECK_ERR(virSecretDefineXML(c, "<secret><usage type='iscsi'/></secret>", 0) == NULL,
              VIR_ERR_INTERNAL_ERROR);
    CHECK_ERR(virSecretDefineXML(c, "<secret private='maybe'/>", 0) == NULL, VIR_ERR_XML_ERROR);
    CHECK_ERR(virSecretDefineXML(c, "<volume/>", 0) == NULL, VIR_ERR_XML_ERROR);

    CHECK(virSecretUndefine(s) == 0);
    CHECK_ERR(virSecretUndefine(s) < 0, VIR_ERR_NO_SECRET);
    CHECK_ERR(virSecretGetXMLDesc(s, 0) == NULL, VIR_ERR_NO_SECRET);
    CHECK(virConnectNumOfSecrets(c) == 0);
    virSecretFree(s);
 out:
    virConnectClose(c);
}

static void testValues(void)
{
    virConnectPtr c = testmodOpenDefault();
    size_t len = 0;
    static const unsigned char val[] = { 's', 'e', 0, 'c' };

    virSecretPtr s = virSecretDefineXML(c, CEPH_XML, 0);
    virSecretPtr p = virSecretDefineXML(c, PRIVATE_XML, 0);
    CHECK(s && p);
    if (!s || !p)
        goto out;
    CHECK_ERR(virSecretGetValue(s, &len, 0) == NULL, VIR_ERR_NO_SECRET);
    CHECK(virSecretSetValue(s, val, sizeof(val), 0) == 0);
    unsigned char *got = virSecretGetValue(s, &len, 0);
    CHECK(got && len == sizeof(val) && memcmp(got, val, len) == 0);
    free(got);

    /* A private value is stored but never handed back. */
    CHECK(virSecretSetValue(p, val, 2, 0) == 0);
    CHECK_ERR(virSecretGetValue(p, &len, 0) == NULL, VIR_ERR_INVALID_SECRET);
    char *xml = virSecretGetXMLDesc(p, 0);
    CHECK(xml && strstr(xml, "ephemeral='yes' private='yes'"));
    CHECK(xml && strstr(xml, "<volume>/var/lib/images/a.img</volume>"));
    free(xml);
    /* Redefining may not make a private secret public. */
    char uuid[VIR_UUID_STRING_BUFLEN], buf[256];
    virSecretGetUUIDString(p, uuid);
    snprintf(buf, sizeof(buf), "<secret private='no'><uuid>%s</uuid>"
             "<usage type='volume'><volume>/var/lib/images/a.img</volume></usage></secret>", uuid);
    CHECK_ERR(virSecretDefineXML(c, buf, 0) == NULL, VIR_ERR_INTERNAL_ERROR);
 out:
    virSecretFree(s);
    virSecretFree(p);
    virConnectClose(c);
}

static void testListing(void)
{
    virConnectPtr c = testmodOpenDefault();
    virSecretPtr *list = NULL;
    char *uuids[4] = { 0 };

    virSecretPtr s = virSecretDefineXML(c, CEPH_XML, 0);
    virSecretPtr p = virSecretDefineXML(c, PRIVATE_XML, 0);
    virSecretPtr n = virSecretDefineXML(c, "<secret><description>plain</description></secret>", 0);
    CHECK(s && p && n);
    CHECK(n && virSecretGetUsageType(n) == VIR_SECRET_USAGE_TYPE_NONE);
    CHECK_STR(n ? virSecretGetUsageID(n) : NULL, "");   /* as libvirt: empty, not NULL */
    CHECK(virConnectNumOfSecrets(c) == 3);
    CHECK(virConnectListSecrets(c, uuids, 4) == 3);
    CHECK_STR(uuids[0], CEPH_UUID);
    for (int i = 0; i < 4; i++)
        free(uuids[i]);
    CHECK(virConnectListSecrets(c, uuids, 1) == 1);
    free(uuids[0]);

    struct { unsigned int flags; int want; } cases[] = {
        { 0, 3 },
        { VIR_CONNECT_LIST_SECRETS_EPHEMERAL, 1 },
        { VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL, 2 },
        { VIR_CONNECT_LIST_SECRETS_PRIVATE, 1 },
        { VIR_CONNECT_LIST_SECRETS_NO_PRIVATE, 2 },
        { VIR_CONNECT_LIST_SECRETS_NO_PRIVATE | VIR_CONNECT_LIST_SECRETS_EPHEMERAL, 0 },
        { VIR_CONNECT_LIST_SECRETS_PRIVATE | VIR_CONNECT_LIST_SECRETS_NO_PRIVATE, 3 },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int got = virConnectListAllSecrets(c, &list, cases[i].flags);
        if (got != cases[i].want)
            printf("#   flags %u: %d secrets, want %d\n", cases[i].flags, got, cases[i].want);
        CHECK(got == cases[i].want);
        for (int j = 0; j < got; j++)
            virSecretFree(list[j]);
        free(list);
        list = NULL;
    }
    CHECK(virConnectListAllSecrets(c, NULL, 0) == 3);
    virSecretFree(s);
    virSecretFree(p);
    virSecretFree(n);
    virConnectClose(c);

    /* The default host is rebuilt without them once the last connection closes. */
    c = testmodOpenDefault();
    CHECK(virConnectNumOfSecrets(c) == 0);
    virConnectClose(c);
}

static void testReadOnly(void)
{
    virConnectPtr c = testmodOpenDefault();
    virSecretPtr s = virSecretDefineXML(c, CEPH_XML, 0);
    virConnectPtr ro = virConnectOpenReadOnly("test:///default");
    CHECK(s && ro);
    CHECK_ERR(virSecretDefineXML(ro, PRIVATE_XML, 0) == NULL, VIR_ERR_OPERATION_DENIED);
    virSecretPtr rs = virSecretLookupByUUIDString(ro, CEPH_UUID);
    CHECK(rs != NULL);
    CHECK_ERR(rs && virSecretUndefine(rs) < 0, VIR_ERR_OPERATION_DENIED);
    virSecretFree(rs);
    virSecretFree(s);
    virConnectClose(ro);
    virConnectClose(c);
}

int main(void)
{
    TEST_RUN(testDefineAndLookup);
    TEST_RUN(testValues);
    TEST_RUN(testListing);
    TEST_RUN(testReadOnly);
    TEST_DONE();
}
