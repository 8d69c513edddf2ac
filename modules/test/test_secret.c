/* test_secret.c: secrets, kept in memory with the semantics of libvirt's
 * secret driver: a secret is found by UUID or by what it is used for
 * (usage type and id, unique among secrets); a private secret's value
 * never leaves through the public API; ephemeral only changes listing,
 * since nothing here is written to disk. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "test_xml.h"
#include "util.h"

#define SECRET_ERROR(conn, code, ...) testCore->error((conn), VIR_FROM_SECRET, (code), __VA_ARGS__)

/* Usage types, their XML names and the child element naming the usage. */
static const struct {
    const char *type;
    const char *idElem;
} usages[] = {
    [VIR_SECRET_USAGE_TYPE_NONE] = { "none", NULL },
    [VIR_SECRET_USAGE_TYPE_VOLUME] = { "volume", "volume" },
    [VIR_SECRET_USAGE_TYPE_CEPH] = { "ceph", "name" },
    [VIR_SECRET_USAGE_TYPE_ISCSI] = { "iscsi", "target" },
    [VIR_SECRET_USAGE_TYPE_TLS] = { "tls", "name" },
    [VIR_SECRET_USAGE_TYPE_VTPM] = { "vtpm", "name" },
};
#define NUSAGES ((int) (sizeof(usages) / sizeof(usages[0])))

static void secretFree(testSecret *s)
{
    if (!s)
        return;
    free(s->description);
    free(s->usage_id);
    if (s->value)
        memset(s->value, 0, s->value_size);
    free(s->value);
    free(s);
}

void testSecretFree(testState *st)
{
    while (st->secrets) {
        testSecret *s = st->secrets;
        st->secrets = s->next;
        secretFree(s);
    }
}

static testSecret *findByUUID(testState *st, const unsigned char *uuid)
{
    for (testSecret *s = st->secrets; s; s = s->next)
        if (memcmp(s->uuid, uuid, VIRT_UUID_LEN) == 0)
            return s;
    return NULL;
}

static testSecret *findByUsage(testState *st, int type, const char *id)
{
    for (testSecret *s = st->secrets; s; s = s->next)
        if (s->usage_type == type && virtStrEq(s->usage_id, id))
            return s;
    return NULL;
}

static virSecretPtr handleOf(virConnectPtr conn, const testSecret *s)
{
    return virtHandleNewSecret(testCore, conn, s->uuid, s->usage_type, s->usage_id);
}

static testSecret *secretAcquire(virSecretPtr handle, testState **stp)
{
    virConnectPtr conn = testSecretConn(handle);
    testState *st = testLockState(conn);
    if (!st)
        return NULL;
    testSecret *s = findByUUID(st, testCore->handle_identity(handle)->uuid);
    if (!s) {
        char uuid[VIRT_UUID_STRLEN];
        pthread_mutex_unlock(&st->lock);
        virtUUIDFormat(testCore->handle_identity(handle)->uuid, uuid);
        SECRET_ERROR(conn, VIR_ERR_NO_SECRET, "no secret with matching uuid '%s'", uuid);
        return NULL;
    }
    *stp = st;
    return s;
}

/* A yes/no attribute; absent is no. -1 after reporting. */
static int yesNo(virConnectPtr conn, xmlNodePtr root, const char *name, bool *out)
{
    char *v = virtXMLProp(root, name);
    int ret = 0;
    if (!v || strcmp(v, "no") == 0)
        *out = false;
    else if (strcmp(v, "yes") == 0)
        *out = true;
    else {
        SECRET_ERROR(conn, VIR_ERR_XML_ERROR, "invalid value of '%s': '%s'", name, v);
        ret = -1;
    }
    free(v);
    return ret;
}

static int parseUsage(virConnectPtr conn, xmlNodePtr usage, testSecret *s)
{
    char *type = virtXMLProp(usage, "type");
    int ret = -1;
    s->usage_type = -1;
    for (int i = 0; type && i < NUSAGES; i++)
        if (strcmp(type, usages[i].type) == 0)
            s->usage_type = i;
    if (s->usage_type < 0) {
        SECRET_ERROR(conn, VIR_ERR_XML_ERROR, "unknown secret usage type '%s'", type ? type : "");
        goto cleanup;
    }
    if (usages[s->usage_type].idElem) {
        s->usage_id = testXMLChildText(usage, usages[s->usage_type].idElem);
        if (!s->usage_id || !s->usage_id[0]) {
            SECRET_ERROR(conn, VIR_ERR_XML_ERROR, "%s usage specified, but <%s> is missing",
                         type, usages[s->usage_type].idElem);
            goto cleanup;
        }
    }
    ret = 0;
 cleanup:
    free(type);
    return ret;
}

static testSecret *parseSecret(virConnectPtr conn, const char *xml)
{
    testSecret *s = virtAlloc(sizeof(*s));
    char *uuid = NULL;
    xmlDocPtr doc = testXMLRead(conn, xml, "secret");
    if (!doc)
        goto error;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (yesNo(conn, root, "ephemeral", &s->ephemeral) < 0 ||
        yesNo(conn, root, "private", &s->isprivate) < 0)
        goto error;
    uuid = testXMLChildText(root, "uuid");
    if (uuid && virtUUIDParse(uuid, s->uuid) < 0) {
        SECRET_ERROR(conn, VIR_ERR_XML_ERROR, "malformed uuid element '%s'", uuid);
        goto error;
    }
    if (!uuid && virtUUIDGenerate(s->uuid) < 0) {
        SECRET_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "cannot generate a UUID: %s", strerror(errno));
        goto error;
    }
    s->description = testXMLChildText(root, "description");
    xmlNodePtr usage = virtXMLChild(root, "usage");
    if (usage && parseUsage(conn, usage, s) < 0)
        goto error;
    free(uuid);
    xmlFreeDoc(doc);
    return s;
 error:
    free(uuid);
    xmlFreeDoc(doc);
    secretFree(s);
    return NULL;
}

static virSecretPtr testSecretDefineXML(virConnectPtr conn, const char *xml, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_SECRET_DEFINE_VALIDATE, NULL);
    virSecretPtr ret = NULL;
    char uuid[VIRT_UUID_STRLEN];
    (void) flags;
    testSecret *def = parseSecret(conn, xml);
    if (!def)
        return NULL;
    testState *st = testLockState(conn);
    if (!st)
        goto out;
    testSecret *old = findByUUID(st, def->uuid);
    testSecret *user = findByUsage(st, def->usage_type, def->usage_id);
    if (old) {
        /* Redefining keeps the usage and may not reveal a private value. */
        if (old->usage_type != def->usage_type || !virtStrEq(old->usage_id, def->usage_id)) {
            virtUUIDFormat(old->uuid, uuid);
            SECRET_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "a secret with UUID %s is already defined for use with %s",
                         uuid, old->usage_id ? old->usage_id : usages[old->usage_type].type);
            goto cleanup;
        }
        if (old->isprivate && !def->isprivate) {
            SECRET_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "cannot change private flag on existing secret");
            goto cleanup;
        }
        free(old->description);
        old->description = def->description;
        def->description = NULL;
        old->ephemeral = def->ephemeral;
        old->isprivate = def->isprivate;
        ret = handleOf(conn, old);
        goto cleanup;
    }
    if (user && def->usage_type != VIR_SECRET_USAGE_TYPE_NONE) {
        virtUUIDFormat(user->uuid, uuid);
        SECRET_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "a secret with UUID %s already defined for use with %s",
                     uuid, user->usage_id);
        goto cleanup;
    }
    testSecret **pp = &st->secrets;
    while (*pp)
        pp = &(*pp)->next;
    *pp = def;
    ret = handleOf(conn, def);
    def = NULL;
 cleanup:
    pthread_mutex_unlock(&st->lock);
 out:
    secretFree(def);
    return ret;
}

static int testSecretUndefine(virSecretPtr secret)
{
    testState *st;
    testSecret *s = secretAcquire(secret, &st);
    if (!s)
        return -1;
    for (testSecret **pp = &st->secrets; *pp; pp = &(*pp)->next)
        if (*pp == s) {
            *pp = s->next;
            secretFree(s);
            break;
        }
    pthread_mutex_unlock(&st->lock);
    return 0;
}

static char *testSecretGetXMLDesc(virSecretPtr secret, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, NULL);
    testState *st;
    virtBuf b = { 0 };
    char uuid[VIRT_UUID_STRLEN];
    (void) flags;
    testSecret *s = secretAcquire(secret, &st);
    if (!s)
        return NULL;
    virtUUIDFormat(s->uuid, uuid);
    virtBufPrintf(&b, "<secret ephemeral='%s' private='%s'>\n",
                  s->ephemeral ? "yes" : "no", s->isprivate ? "yes" : "no");
    virtXMLBufTextElem(&b, 2, "uuid", uuid);
    if (s->description)
        virtXMLBufTextElem(&b, 2, "description", s->description);
    if (s->usage_type != VIR_SECRET_USAGE_TYPE_NONE) {
        virtBufPrintf(&b, "  <usage type='%s'>\n", usages[s->usage_type].type);
        virtXMLBufTextElem(&b, 4, usages[s->usage_type].idElem, s->usage_id);
        virtBufAdd(&b, "  </usage>\n");
    }
    virtBufAdd(&b, "</secret>\n");
    pthread_mutex_unlock(&st->lock);
    return virtBufSteal(&b);
}

static int testSecretSetValue(virSecretPtr secret, const unsigned char *value,
                              size_t value_size, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    testState *st;
    (void) flags;
    testSecret *s = secretAcquire(secret, &st);
    if (!s)
        return -1;
    unsigned char *copy = virtAlloc(value_size ? value_size : 1);
    if (value_size)
        memcpy(copy, value, value_size);
    if (s->value)
        memset(s->value, 0, s->value_size);
    free(s->value);
    s->value = copy;
    s->value_size = value_size;
    pthread_mutex_unlock(&st->lock);
    return 0;
}

static unsigned char *testSecretGetValue(virSecretPtr secret, size_t *value_size, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, NULL);
    testState *st;
    unsigned char *ret = NULL;
    char uuid[VIRT_UUID_STRLEN];
    (void) flags;
    testSecret *s = secretAcquire(secret, &st);
    if (!s)
        return NULL;
    virtUUIDFormat(s->uuid, uuid);
    /* As in libvirt, only a driver's internal use may read a private
     * value: every public caller, local or remote, is refused. */
    if (s->isprivate) {
        SECRET_ERROR(testSecretConn(secret), VIR_ERR_INVALID_SECRET, "secret is private");
        goto cleanup;
    }
    if (!s->value) {
        SECRET_ERROR(testSecretConn(secret), VIR_ERR_NO_SECRET, "secret '%s' does not have a value", uuid);
        goto cleanup;
    }
    ret = virtAlloc(s->value_size ? s->value_size : 1);
    memcpy(ret, s->value, s->value_size);
    *value_size = s->value_size;
 cleanup:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

static virSecretPtr testSecretLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    virSecretPtr ret = NULL;
    testState *st = testLockState(conn);
    if (!st)
        return NULL;
    testSecret *s = findByUUID(st, uuid);
    if (s)
        ret = handleOf(conn, s);
    pthread_mutex_unlock(&st->lock);
    if (!s) {
        char str[VIRT_UUID_STRLEN];
        virtUUIDFormat(uuid, str);
        SECRET_ERROR(conn, VIR_ERR_NO_SECRET, "no secret with matching uuid '%s'", str);
    }
    return ret;
}

static virSecretPtr testSecretLookupByUsage(virConnectPtr conn, int usageType, const char *usageID)
{
    virSecretPtr ret = NULL;
    testState *st = testLockState(conn);
    if (!st)
        return NULL;
    testSecret *s = findByUsage(st, usageType, usageID);
    if (s)
        ret = handleOf(conn, s);
    pthread_mutex_unlock(&st->lock);
    if (!s)
        SECRET_ERROR(conn, VIR_ERR_NO_SECRET, "no secret with matching usage '%s'", usageID ? usageID : "");
    return ret;
}

static bool wanted(const testSecret *s, unsigned int flags)
{
    const unsigned int eph = VIR_CONNECT_LIST_SECRETS_EPHEMERAL | VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL;
    const unsigned int priv = VIR_CONNECT_LIST_SECRETS_PRIVATE | VIR_CONNECT_LIST_SECRETS_NO_PRIVATE;
    if ((flags & eph) && !(flags & (s->ephemeral ? VIR_CONNECT_LIST_SECRETS_EPHEMERAL
                                                 : VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL)))
        return false;
    if ((flags & priv) && !(flags & (s->isprivate ? VIR_CONNECT_LIST_SECRETS_PRIVATE
                                                  : VIR_CONNECT_LIST_SECRETS_NO_PRIVATE)))
        return false;
    return true;
}

static int testNumOfSecrets(virConnectPtr conn)
{
    int n = 0;
    testState *st = testLockState(conn);
    if (!st)
        return -1;
    for (testSecret *s = st->secrets; s; s = s->next)
        n++;
    pthread_mutex_unlock(&st->lock);
    return n;
}

static int testListSecrets(virConnectPtr conn, char **uuids, int maxuuids)
{
    int n = 0;
    testState *st = testLockState(conn);
    if (!st)
        return -1;
    for (testSecret *s = st->secrets; s && n < maxuuids; s = s->next) {
        uuids[n] = virtAlloc(VIRT_UUID_STRLEN);
        virtUUIDFormat(s->uuid, uuids[n++]);
    }
    pthread_mutex_unlock(&st->lock);
    return n;
}

static int testListAllSecrets(virConnectPtr conn, virSecretPtr **secrets, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0xf, -1);
    int n = 0, total = 0;
    testState *st = testLockState(conn);
    if (!st)
        return -1;
    for (testSecret *s = st->secrets; s; s = s->next)
        total++;
    virSecretPtr *list = secrets ? virtAlloc((size_t) (total + 1) * sizeof(*list)) : NULL;
    for (testSecret *s = st->secrets; s; s = s->next) {
        if (!wanted(s, flags))
            continue;
        if (list)
            list[n] = handleOf(conn, s);
        n++;
    }
    pthread_mutex_unlock(&st->lock);
    if (secrets)
        *secrets = list;
    return n;
}

const virtSecretTable testSecretTable = {
    .size = sizeof(virtSecretTable),
    .connectListSecrets = testListSecrets,
    .connectNumOfSecrets = testNumOfSecrets,
    .secretDefineXML = testSecretDefineXML,
    .secretGetValue = testSecretGetValue,
    .secretGetXMLDesc = testSecretGetXMLDesc,
    .secretLookupByUUID = testSecretLookupByUUID,
    .secretLookupByUsage = testSecretLookupByUsage,
    .secretSetValue = testSecretSetValue,
    .secretUndefine = testSecretUndefine,
    .connectListAllSecrets = testListAllSecrets,
};
