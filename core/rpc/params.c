/* params.c: typed parameters between their wire form (remote_typed_param)
 * and libvirt's virTypedParameter, for the daemon and the admin client. */
#include <stdlib.h>
#include <string.h>

#include "params.h"
#include "error.h"
#include "util.h"

int
virtRPCParamsToWire(const virTypedParameter *p, int n, remote_typed_param **out, uint32_t *outlen)
{
    remote_typed_param *w = virtAlloc(sizeof(*w) * (size_t) (n ? n : 1));
    for (int i = 0; i < n; i++) {
        w[i].field = virtStrndup(p[i].field, VIR_TYPED_PARAM_FIELD_LENGTH);
        w[i].value.type = p[i].type;
        switch (p[i].type) {
        case VIR_TYPED_PARAM_INT: w[i].value.remote_typed_param_value_u.i = p[i].value.i; break;
        case VIR_TYPED_PARAM_UINT: w[i].value.remote_typed_param_value_u.ui = p[i].value.ui; break;
        case VIR_TYPED_PARAM_LLONG: w[i].value.remote_typed_param_value_u.l = p[i].value.l; break;
        case VIR_TYPED_PARAM_ULLONG: w[i].value.remote_typed_param_value_u.ul = p[i].value.ul; break;
        case VIR_TYPED_PARAM_DOUBLE: w[i].value.remote_typed_param_value_u.d = p[i].value.d; break;
        case VIR_TYPED_PARAM_BOOLEAN: w[i].value.remote_typed_param_value_u.b = p[i].value.b; break;
        case VIR_TYPED_PARAM_STRING:
            w[i].value.remote_typed_param_value_u.s = virtStrdup(p[i].value.s ? p[i].value.s : "");
            break;
        default:
            *out = w;
            *outlen = (uint32_t) i + 1;
            virtErrorRaise(NULL, NULL, NULL, VIR_FROM_RPC, VIR_ERR_RPC,
                           "parameter %s has unknown type %d", p[i].field, p[i].type);
            return -1;
        }
    }
    *out = w;
    *outlen = (uint32_t) n;
    return 0;
}

virTypedParameter *
virtRPCParamsFromWire(const remote_typed_param *w, uint32_t n)
{
    virTypedParameter *p = virtAlloc(sizeof(*p) * (n ? n : 1));
    memset(p, 0, sizeof(*p) * (n ? n : 1));
    for (uint32_t i = 0; i < n; i++) {
        if (strlen(w[i].field) >= VIR_TYPED_PARAM_FIELD_LENGTH) {
            virtErrorRaise(NULL, NULL, NULL, VIR_FROM_RPC, VIR_ERR_RPC,
                           "parameter name '%s' is too long", w[i].field);
            free(p);
            return NULL;
        }
        strcpy(p[i].field, w[i].field);
        p[i].type = w[i].value.type;
        switch (w[i].value.type) {
        case VIR_TYPED_PARAM_INT: p[i].value.i = w[i].value.remote_typed_param_value_u.i; break;
        case VIR_TYPED_PARAM_UINT: p[i].value.ui = w[i].value.remote_typed_param_value_u.ui; break;
        case VIR_TYPED_PARAM_LLONG: p[i].value.l = w[i].value.remote_typed_param_value_u.l; break;
        case VIR_TYPED_PARAM_ULLONG: p[i].value.ul = w[i].value.remote_typed_param_value_u.ul; break;
        case VIR_TYPED_PARAM_DOUBLE: p[i].value.d = w[i].value.remote_typed_param_value_u.d; break;
        case VIR_TYPED_PARAM_BOOLEAN: p[i].value.b = (char) w[i].value.remote_typed_param_value_u.b; break;
        case VIR_TYPED_PARAM_STRING: p[i].value.s = w[i].value.remote_typed_param_value_u.s; break;
        default:
            break;
        }
    }
    return p;
}

void
virtRPCParamsFree(virTypedParameter *p, int n)
{
    for (int i = 0; p && i < n; i++)
        if (p[i].type == VIR_TYPED_PARAM_STRING)
            free(p[i].value.s);
    free(p);
}
