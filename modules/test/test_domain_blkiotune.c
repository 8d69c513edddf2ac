/* test_domain_blkiotune.c: a disk's I/O limits (<iotune>) as typed
 * parameters, with the checks libvirt's test driver makes. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "test_driver.h"
#include "util.h"

#define IOTUNE_PARAMS 20
#define IOTUNE_GROUP 13         /* the one string among them */
#define IOTUNE_LIMIT 1000000000000000ULL

/* The parameters in libvirt's order, each with its field in the model
 * (value and whether it is written). */
static const struct {
    const char *name;
    size_t value, set;
} iotuneParams[IOTUNE_PARAMS] = {
#define F(param, field) { param, offsetof(virtDomainDiskIotune, field), offsetof(virtDomainDiskIotune, field##_set) }
    F(VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC, total_bytes_sec),
    F(VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC, read_bytes_sec),
    F(VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC, write_bytes_sec),
    F(VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC, total_iops_sec),
    F(VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC, read_iops_sec),
    F(VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC, write_iops_sec),
    F(VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX, total_bytes_sec_max),
    F(VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC_MAX, read_bytes_sec_max),
    F(VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX, write_bytes_sec_max),
    F(VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX, total_iops_sec_max),
    F(VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC_MAX, read_iops_sec_max),
    F(VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX, write_iops_sec_max),
    F(VIR_DOMAIN_BLOCK_IOTUNE_SIZE_IOPS_SEC, size_iops_sec),
    { VIR_DOMAIN_BLOCK_IOTUNE_GROUP_NAME, offsetof(virtDomainDiskIotune, group_name), 0 },
    F(VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX_LENGTH, total_bytes_sec_max_length),
    F(VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC_MAX_LENGTH, read_bytes_sec_max_length),
    F(VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX_LENGTH, write_bytes_sec_max_length),
    F(VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX_LENGTH, total_iops_sec_max_length),
    F(VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC_MAX_LENGTH, read_iops_sec_max_length),
    F(VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX_LENGTH, write_iops_sec_max_length),
#undef F
};

static unsigned long long *valueOf(virtDomainDiskIotune *t, int k)
{
    return (unsigned long long *) ((char *) t + iotuneParams[k].value);
}

static char **groupOf(virtDomainDiskIotune *t)
{
    return (char **) ((char *) t + iotuneParams[IOTUNE_GROUP].value);
}

static bool *setOf(virtDomainDiskIotune *t, int k)
{
    return (bool *) ((char *) t + iotuneParams[k].set);
}

/* The disk named by its target or source; NULL after reporting. */
static virtDomainDisk *findDisk(virConnectPtr conn, virtDomain *def, const char *path)
{
    ssize_t i = testDomainFindDisk(def, path);
    if (i < 0)
        TEST_ERROR(conn, VIR_ERR_INVALID_ARG, "disk '%s' was not found in the domain config", path);
    return i < 0 ? NULL : def->devices->disk[i];
}

int testDomainGetBlockIoTune(virDomainPtr domain, const char *disk, virTypedParameterPtr params, int *nparams,
                             unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG | VIR_TYPED_PARAM_STRING_OKAY, -1);
    virConnectPtr conn = testCore->handle_conn(domain);
    testState *st;
    int ret = -1;
    if (*nparams == 0) {
        *nparams = IOTUNE_PARAMS;
        return 0;
    }
    testDomain *dom;
    virtDomain *def = testDomainAcquireDef(domain, flags & ~VIR_TYPED_PARAM_STRING_OKAY, &st, &dom);
    if (!def)
        return -1;
    virtDomainDisk *d = findDisk(conn, def, disk);
    if (!d)
        goto cleanup;
    virtDomainDiskIotune none = { 0 };
    virtDomainDiskIotune *t = d->iotune ? d->iotune : &none;
    int n = *nparams < IOTUNE_PARAMS ? *nparams : IOTUNE_PARAMS;
    for (int k = 0; k < n; k++) {
        if (k == IOTUNE_GROUP) {
            /* No group answers an empty name, as libvirt does. */
            testSetParam(&params[k], iotuneParams[k].name, VIR_TYPED_PARAM_STRING);
            params[k].value.s = virtStrdup(*groupOf(t) ? *groupOf(t) : "");
        } else {
            testSetParam(&params[k], iotuneParams[k].name, VIR_TYPED_PARAM_ULLONG);
            params[k].value.ul = *valueOf(t, k);
        }
    }
    *nparams = n;
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

/* libvirt's checks of the limits as they would be: a total excludes its
 * read and write parts, and no limit may pass its burst maximum (an
 * unset maximum is 0). */
static int checkLimits(virConnectPtr conn, const unsigned long long *v)
{
    static const char *const pairs[4] = { "bytes_sec", "iops_sec", "bytes_sec_max", "iops_sec_max" };
    static const int totals[4] = { 0, 3, 6, 9 };
    for (int p = 0; p < 4; p++) {
        int k = totals[p];
        if (v[k] && (v[k + 1] || v[k + 2])) {
            TEST_ERROR(conn, VIR_ERR_INVALID_ARG, "total and read/write of %s cannot be set at the same time",
                       pairs[p]);
            return -1;
        }
    }
    for (int k = 0; k < 6; k++) {
        if (v[k] > v[k + 6]) {
            /* libvirt's message ends with a space. */
            TEST_ERROR(conn, VIR_ERR_INVALID_ARG, "%s cannot be set higher than %s ", iotuneParams[k].name,
                       iotuneParams[k + 6].name);
            return -1;
        }
    }
    return 0;
}

int testDomainSetBlockIoTune(virDomainPtr domain, const char *disk, virTypedParameterPtr params, int nparams,
                             unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    virConnectPtr conn = testCore->handle_conn(domain);
    testState *st;
    int ret = -1;
    const char *names[IOTUNE_PARAMS];
    int types[IOTUNE_PARAMS];
    for (int k = 0; k < IOTUNE_PARAMS; k++) {
        names[k] = iotuneParams[k].name;
        types[k] = k == IOTUNE_GROUP ? VIR_TYPED_PARAM_STRING : VIR_TYPED_PARAM_ULLONG;
    }
    if (testCheckParams(conn, params, nparams, names, types, IOTUNE_PARAMS) < 0)
        return -1;
    testDomain *dom;
    virtDomain *def = testDomainAcquireDef(domain, flags, &st, &dom);
    if (!def)
        return -1;
    virtDomainDisk *d = findDisk(conn, def, disk);
    if (!d)
        goto cleanup;
    /* The limits as they would be, checked before any is kept. */
    virtDomainDiskIotune none = { 0 };
    virtDomainDiskIotune *cur = d->iotune ? d->iotune : &none;
    unsigned long long v[IOTUNE_PARAMS] = { 0 };
    for (int k = 0; k < IOTUNE_PARAMS; k++)
        if (k != IOTUNE_GROUP)
            v[k] = *valueOf(cur, k);
    const char *group = *groupOf(cur);
    for (int i = 0; i < nparams; i++) {
        int k = 0;
        while (strcmp(params[i].field, iotuneParams[k].name) != 0)
            k++;
        if (k == IOTUNE_GROUP) {
            group = params[i].value.s;
            continue;
        }
        if (params[i].value.ul > IOTUNE_LIMIT) {
            TEST_ERROR(conn, VIR_ERR_ARGUMENT_UNSUPPORTED,
                       "block I/O throttle limit value must be no more than %llu", IOTUNE_LIMIT);
            goto cleanup;
        }
        v[k] = params[i].value.ul;
    }
    if (checkLimits(conn, v) < 0)
        goto cleanup;
    char *newGroup = group ? virtStrdup(group) : NULL;
    if (!d->iotune)
        d->iotune = virtAlloc(sizeof(*d->iotune));
    bool any = newGroup != NULL;
    for (int k = 0; k < IOTUNE_PARAMS; k++) {
        if (k == IOTUNE_GROUP)
            continue;
        *valueOf(d->iotune, k) = v[k];
        *setOf(d->iotune, k) = v[k] != 0;
        any = any || v[k];
    }
    free(*groupOf(d->iotune));
    *groupOf(d->iotune) = newGroup;
    /* Nothing left to limit: no <iotune> is written. */
    if (!any) {
        free(d->iotune);
        d->iotune = NULL;
    }
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&st->lock);
    return ret;
}
