/* test_params.c: typed parameters as the test module's calls read and
 * fill them. */
#include <stdio.h>
#include <string.h>

#include "test_driver.h"

void testParamSet(virTypedParameterPtr p, const char *field, int type)
{
    memset(p, 0, sizeof(*p));
    snprintf(p->field, sizeof(p->field), "%s", field);
    p->type = type;
}

int testParamsCheck(virConnectPtr conn, virTypedParameterPtr params, int nparams,
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
