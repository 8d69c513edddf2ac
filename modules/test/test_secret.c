/* test_secret.c: secrets, read and written through the generated model
 * (abi/xml/secret/) and kept in memory with the semantics of libvirt's
 * secret driver: a secret is found by UUID or by what it is used for
 * (usage type and id, unique among secrets); a private secret's value
 * never leaves through the public API; ephemeral only changes listing,
 * since nothing here is written to disk. */
#include <stdlib.h>
#include <string.h>

#include "secret_model.h"
#include "test_xml.h"
#include "util.h"

#define SECRET_ERROR(conn, code, ...) testCore->error((conn), VIR_FROM_SECRET, (code), __VA_ARGS__)

/* Usage types by virSecretUsageType, as XML names them. */
static const struct {
    const char *type;
} usages[] = {
    [VIR_SECRET_USAGE_TYPE_NONE] = { "none" },
    [VIR_SECRET_USAGE_TYPE_VOLUME] = { "volume" },
    [VIR_SECRET_USAGE_TYPE_CEPH] = { "ceph" },
    [VIR_SECRET_USAGE_TYPE_ISCSI] = { "iscsi" },
    [VIR_SECRET_USAGE_TYPE_TLS] = { "tls" },
    [VIR_SECRET_USAGE_TYPE_VTPM] = { "vtpm" },
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

/* The id child of a usage in the model, by usage type. */
static char **usageIdSlot(virtSecretUsage *u, int type)
{
    switch (type) {
    case VIR_SECRET_USAGE_TYPE_VOLUME:
        return &u->volume.volume;
    case VIR_SECRET_USAGE_TYPE_ISCSI:
        return &u->iscsi.target;
    case VIR_SECRET_USAGE_TYPE_NONE:
        return NULL;
    default:
        return &u->named.name;
    }
}

/* Read a secret through the generated model (libvirt's checks and
 * messages); NULL after reporting. validate: VIR_SECRET_DEFINE_VALIDATE. */
static testSecret *parseSecret(virConnectPtr conn, const char *xml, bool validate)
{
    virtXMLError err = { 0 };
    xmlDocPtr doc = testXMLRead(conn, xml, "secret");
    if (!doc)
        return NULL;
    virtSecretDef *def = virtXMLModelParseDoc(doc, &virtXMLKind_secret,
                                              validate ? VIRT_XML_VALIDATE : 0, &err);
    xmlFreeDoc(doc);
    if (!def) {
        virtXMLErrorSetDomain(&err, VIR_FROM_SECRET);
        testReportXMLError(conn, &err);
        return NULL;
    }
    testSecret *s = virtAlloc(sizeof(*s));
    memcpy(s->uuid, def->uuid, VIRT_UUID_LEN);
    s->ephemeral = def->ephemeral == 1;
    s->isprivate = def->private == 1;
    s->description = def->description;
    def->description = NULL;
    s->usage_type = VIR_SECRET_USAGE_TYPE_NONE;
    for (int i = 0; def->usage && i < NUSAGES; i++)
        if (strcmp(def->usage->type, usages[i].type) == 0)
            s->usage_type = i;
    char **id = def->usage ? usageIdSlot(def->usage, s->usage_type) : NULL;
    if (id) {
        s->usage_id = *id;
        *id = NULL;
    }
    virtXMLModelFree(virtXMLKind_secret.root, def);
    return s;
}

/* libvirt's text of a secret, from the generated model. */
static char *formatSecret(const testSecret *s)
{
    virtSecretDef *def = virtAlloc(sizeof(*def));
    memcpy(def->uuid, s->uuid, VIRT_UUID_LEN);
    def->uuid_set = true;
    def->ephemeral = s->ephemeral ? 1 : 2;
    def->private = s->isprivate ? 1 : 2;
    def->description = s->description ? virtStrdup(s->description) : NULL;
    if (s->usage_type != VIR_SECRET_USAGE_TYPE_NONE) {
        def->usage = virtAlloc(sizeof(*def->usage));
        def->usage->type = virtStrdup(usages[s->usage_type].type);
        *usageIdSlot(def->usage, s->usage_type) = virtStrdup(s->usage_id);
    }
    char *xml = virtXMLModelFormat(&virtXMLKind_secret, def, 0);
    virtXMLModelFree(virtXMLKind_secret.root, def);
    return xml;
}

static virSecretPtr testSecretDefineXML(virConnectPtr conn, const char *xml, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_SECRET_DEFINE_VALIDATE, NULL);
    virSecretPtr ret = NULL;
    char uuid[VIRT_UUID_STRLEN];
    testSecret *def = parseSecret(conn, xml, flags & VIR_SECRET_DEFINE_VALIDATE);
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
    testSecret *s = secretAcquire(secret, &st);
    if (!s)
        return NULL;
    char *xml = formatSecret(s);
    pthread_mutex_unlock(&st->lock);
    return xml;
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
