/* test_typedparam.c: typed parameters as the test driver's calls fill
 * and check them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_driver.h"
#include "util.h"

void testSetParam(virTypedParameterPtr p, const char *field, int type)
{
    memset(p, 0, sizeof(*p));
    snprintf(p->field, sizeof(p->field), "%s", field);
    p->type = type;
}

static const char *const typeNames[] = { "", "int", "uint", "llong", "ullong", "double", "boolean", "string" };

/* The not yet seen parameter whose name sorts first (-1 when none). */
static int nextByName(virTypedParameterPtr params, int nparams, bool *seen)
{
    int best = -1;
    for (int i = 0; i < nparams; i++)
        if (!seen[i] && (best < 0 || strcmp(params[i].field, params[best].field) < 0))
            best = i;
    if (best >= 0)
        seen[best] = true;
    return best;
}

static int checkSorted(virConnectPtr conn, virTypedParameterPtr params, int nparams,
                       const char *const *names, const int *types, size_t n, bool *seen)
{
    const char *last = NULL;
    for (int i; (i = nextByName(params, nparams, seen)) >= 0; last = params[i].field) {
        if (last && strcmp(last, params[i].field) == 0) {
            testCore->error(conn, VIR_FROM_NONE, VIR_ERR_INVALID_ARG, "parameter '%s' occurs multiple times",
                            params[i].field);
            return -1;
        }
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

/* libvirt's virTypedParamsValidate: the checks its drivers make before
 * touching anything. It looks at the parameters in the order of their
 * names, so that is the one whose fault is told. */
int testCheckParams(virConnectPtr conn, virTypedParameterPtr params, int nparams,
                    const char *const *names, const int *types, size_t n)
{
    bool *seen = virtAlloc(((size_t) (nparams > 0 ? nparams : 0) + 1) * sizeof(*seen));
    int ret = checkSorted(conn, params, nparams, names, types, n, seen);
    free(seen);
    return ret;
}

