/* test_domain_params.c: memory and block I/O tunables as typed
 * parameters, kept in the definition (<memtune>, <blkiotune>) of the live
 * or persistent side the flags choose. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_driver.h"
#include "util.h"

static void setParam(virTypedParameterPtr p, const char *field, int type)
{
    memset(p, 0, sizeof(*p));
    snprintf(p->field, sizeof(p->field), "%s", field);
    p->type = type;
}

/* Every parameter must be one of names[] with the type of the same index:
 * the checks libvirt's drivers make before touching anything. */
static int checkParams(virConnectPtr conn, virTypedParameterPtr params, int nparams,
                       const char *const *names, const int *types, size_t n)
{
    static const char *const typeNames[] = { "", "int", "uint", "llong", "ullong", "double",
                                             "boolean", "string" };
    for (int i = 0; i < nparams; i++) {
        size_t k = 0;
        while (k < n && strcmp(params[i].field, names[k]) != 0)
            k++;
        if (k == n) {
            testCore->error(conn, VIR_FROM_NONE, VIR_ERR_ARGUMENT_UNSUPPORTED,
                            "parameter '%s' not supported", params[i].field);
            return -1;
        }
        if (params[i].type != types[k]) {
            int t = params[i].type;
            testCore->error(conn, VIR_FROM_NONE, VIR_ERR_INVALID_ARG,
                            "invalid type '%s' for parameter '%s', expected '%s'",
                            t > 0 && t <= VIR_TYPED_PARAM_STRING ? typeNames[t] : "unknown",
                            params[i].field, typeNames[types[k]]);
            return -1;
        }
    }
    return 0;
}

static const virTypedParameter *findParam(virTypedParameterPtr params, int nparams, const char *name)
{
    const virTypedParameter *found = NULL;
    for (int i = 0; i < nparams; i++)
        if (strcmp(params[i].field, name) == 0)
            found = &params[i];     /* the last one counts */
    return found;
}

/* A memtune limit as reported: unlimited when not set. */
static unsigned long long limitOf(bool set, unsigned long long v)
{
    return set ? v : (unsigned long long) VIR_DOMAIN_MEMORY_PARAM_UNLIMITED;
}

/* A limit is written to the XML unless it is the unlimited value. */
static void storeLimit(unsigned long long *field, bool *set, unsigned long long v)
{
    *field = v;
    *set = v < (unsigned long long) VIR_DOMAIN_MEMORY_PARAM_UNLIMITED;
}

int testDomainGetMemoryParameters(virDomainPtr domain, virTypedParameterPtr params, int *nparams,
                                  unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                     VIR_TYPED_PARAM_STRING_OKAY, -1);
    testState *st;
    int ret = -1;
    if (*nparams == 0) {
        *nparams = 3;
        return 0;
    }
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    const virtDomain *def = testDomainPickOneDef(testCore->handle_conn(domain), dom,
                                                 flags & ~VIR_TYPED_PARAM_STRING_OKAY, NULL);
    if (def) {
        const virtDomainMemtune *m = def->memtune;
        const struct { const char *name; unsigned long long v; } out[3] = {
            { VIR_DOMAIN_MEMORY_HARD_LIMIT, m ? limitOf(m->hard_limit_set, m->hard_limit) : limitOf(false, 0) },
            { VIR_DOMAIN_MEMORY_SOFT_LIMIT, m ? limitOf(m->soft_limit_set, m->soft_limit) : limitOf(false, 0) },
            { VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT,
              m ? limitOf(m->swap_hard_limit_set, m->swap_hard_limit) : limitOf(false, 0) },
        };
        int n = *nparams < 3 ? *nparams : 3;
        for (int i = 0; i < n; i++) {
            setParam(&params[i], out[i].name, VIR_TYPED_PARAM_ULLONG);
            params[i].value.ul = out[i].v;
        }
        *nparams = n;
        ret = 0;
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int testDomainSetMemoryParameters(virDomainPtr domain, virTypedParameterPtr params, int nparams,
                                  unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    static const char *const names[] = { VIR_DOMAIN_MEMORY_HARD_LIMIT, VIR_DOMAIN_MEMORY_SOFT_LIMIT,
                                         VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT };
    static const int types[] = { VIR_TYPED_PARAM_ULLONG, VIR_TYPED_PARAM_ULLONG, VIR_TYPED_PARAM_ULLONG };
    virConnectPtr conn = testCore->handle_conn(domain);
    testState *st;
    int ret = -1;
    if (checkParams(conn, params, nparams, names, types, 3) < 0)
        return -1;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    virtDomain *def = testDomainPickOneDef(conn, dom, flags, NULL);
    if (!def)
        goto cleanup;
    const virTypedParameter *hard = findParam(params, nparams, VIR_DOMAIN_MEMORY_HARD_LIMIT);
    const virTypedParameter *soft = findParam(params, nparams, VIR_DOMAIN_MEMORY_SOFT_LIMIT);
    const virTypedParameter *swap = findParam(params, nparams, VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT);
    if (hard || swap) {
        /* libvirt compares with the live definition's limits, whichever
         * side is being changed. */
        const virtDomainMemtune *lm = dom->def->memtune;
        unsigned long long h = hard ? hard->value.ul : lm ? limitOf(lm->hard_limit_set, lm->hard_limit)
                                                          : limitOf(false, 0);
        unsigned long long s = swap ? swap->value.ul
                                    : lm ? limitOf(lm->swap_hard_limit_set, lm->swap_hard_limit)
                                         : limitOf(false, 0);
        if (h > s) {
            TEST_ERROR(conn, VIR_ERR_INVALID_ARG,
                       "memory hard_limit tunable value must be lower than or equal to swap_hard_limit");
            goto cleanup;
        }
    }
    if (!def->memtune)
        def->memtune = virtAlloc(sizeof(*def->memtune));
    if (soft)
        storeLimit(&def->memtune->soft_limit, &def->memtune->soft_limit_set, soft->value.ul);
    if (hard)
        storeLimit(&def->memtune->hard_limit, &def->memtune->hard_limit_set, hard->value.ul);
    if (swap)
        storeLimit(&def->memtune->swap_hard_limit, &def->memtune->swap_hard_limit_set, swap->value.ul);
    /* An element without limits is not written: drop it. */
    if (!def->memtune->hard_limit_set && !def->memtune->soft_limit_set &&
        !def->memtune->swap_hard_limit_set && !def->memtune->min_guarantee_set) {
        free(def->memtune);
        def->memtune = NULL;
    }
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&st->lock);
    return ret;
}
