/* typedparams.c: the virTypedParams* helpers of the public API, and the
 * internal copy/validate helpers built on the same rules.
 *
 * Getters answer 1 when the parameter exists with the requested type, 0
 * when it is absent and -1 (VIR_ERR_INVALID_ARG) when it exists with
 * another type or an argument is missing. Adders grow the array (*params,
 * *nparams used, *maxparams allocated), refuse a name already present and
 * names that do not fit the 80-byte field. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "typedparams.h"

/* virTypedParameterType values, named privately (see runtime-api.h). */
enum {
    TP_INT = 1, TP_UINT, TP_LLONG, TP_ULLONG, TP_DOUBLE, TP_BOOLEAN, TP_STRING,
};

const char *virtTypedParamTypeName(int type)
{
    static const char *const names[] = {
        NULL, "int", "uint", "llong", "ullong", "double", "boolean", "string",
    };
    if (type < TP_INT || type > TP_STRING)
        return "unknown";
    return names[type];
}

static void invalidArg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void invalidArg(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    virtErrorRaiseV(NULL, NULL, NULL, VIR_FROM_NONE, VIR_ERR_INVALID_ARG, fmt, ap);
    va_end(ap);
}

virTypedParameterPtr virTypedParamsGet(virTypedParameterPtr params, int nparams,
                                       const char *name)
{
    /* Reports nothing: absence is not an error. */
    if (!params || !name)
        return NULL;
    for (int i = 0; i < nparams; i++)
        if (strcmp(params[i].field, name) == 0)
            return &params[i];
    return NULL;
}

/* Shared head of every typed getter: the parameter (or NULL when absent),
 * *rc set to the getter's answer for the absent and failing cases. */
static virTypedParameterPtr getTyped(virTypedParameterPtr params, int nparams,
                                     const char *name, const void *value, int type,
                                     const char *func, int *rc)
{
    virResetLastError();
    *rc = -1;
    if (!name || !value) {
        invalidArg("%s must not be NULL in %s", !name ? "name" : "value", func);
        virtDispatchError(NULL);
        return NULL;
    }
    virTypedParameterPtr p = virTypedParamsGet(params, nparams, name);
    if (!p) {
        *rc = 0;
        return NULL;
    }
    if (p->type != type) {
        invalidArg("type '%s' requested for parameter '%s', which holds a '%s' (%s)",
                   virtTypedParamTypeName(type), name, virtTypedParamTypeName(p->type), func);
        virtDispatchError(NULL);
        return NULL;
    }
    *rc = 1;
    return p;
}

#define DEFINE_GETTER(fn, ctype, tp, member)                                          \
    int fn(virTypedParameterPtr params, int nparams, const char *name, ctype *value)   \
    {                                                                                 \
        int rc;                                                                       \
        virTypedParameterPtr p = getTyped(params, nparams, name, value, tp, #fn, &rc); \
        if (p)                                                                        \
            *value = p->value.member;                                                 \
        return rc;                                                                    \
    }

DEFINE_GETTER(virTypedParamsGetInt, int, TP_INT, i)
DEFINE_GETTER(virTypedParamsGetUInt, unsigned int, TP_UINT, ui)
DEFINE_GETTER(virTypedParamsGetLLong, long long, TP_LLONG, l)
DEFINE_GETTER(virTypedParamsGetULLong, unsigned long long, TP_ULLONG, ul)
DEFINE_GETTER(virTypedParamsGetDouble, double, TP_DOUBLE, d)
DEFINE_GETTER(virTypedParamsGetString, const char *, TP_STRING, s)

int virTypedParamsGetBoolean(virTypedParameterPtr params, int nparams,
                             const char *name, int *value)
{
    int rc;
    virTypedParameterPtr p = getTyped(params, nparams, name, value, TP_BOOLEAN,
                                      __func__, &rc);
    if (p)
        *value = p->value.b != 0;
    return rc;
}

/* Reserve the next slot of the array, zeroed and named. unique refuses a
 * name already present. Raises (does not dispatch) and returns NULL on
 * failure; the caller fills the value and counts the slot. */
static virTypedParameterPtr addSlot(virTypedParameterPtr *params, int *nparams,
                                    int *maxparams, const char *name, bool unique,
                                    const char *func)
{
    if (!params || !nparams || !maxparams || !name) {
        const char *what = !params ? "params" : !nparams ? "nparams"
                         : !maxparams ? "maxparams" : "name";
        invalidArg("%s must not be NULL in %s", what, func);
        return NULL;
    }
    if (*nparams < 0 || *maxparams < 0 || *nparams > *maxparams) {
        invalidArg("nparams and maxparams are inconsistent in %s", func);
        return NULL;
    }
    if (unique && virTypedParamsGet(*params, *nparams, name)) {
        invalidArg("parameter '%s' is already set (%s)", name, func);
        return NULL;
    }
    if (strlen(name) >= VIR_TYPED_PARAM_FIELD_LENGTH) {
        invalidArg("parameter name '%s' is longer than %d bytes (%s)", name,
                   VIR_TYPED_PARAM_FIELD_LENGTH - 1, func);
        return NULL;
    }
    if (*nparams == *maxparams) {
        int cap = *maxparams < 4 ? 8 : *maxparams * 2;
        *params = virtRealloc(*params, (size_t) cap * sizeof(**params));
        memset(*params + *maxparams, 0, (size_t) (cap - *maxparams) * sizeof(**params));
        *maxparams = cap;
    }
    virTypedParameterPtr p = &(*params)[*nparams];
    memset(p, 0, sizeof(*p));
    strcpy(p->field, name);
    return p;
}

#define DEFINE_ADDER(fn, ctype, tp, member)                                          \
    int fn(virTypedParameterPtr *params, int *nparams, int *maxparams,               \
           const char *name, ctype value)                                            \
    {                                                                                \
        virResetLastError();                                                         \
        virTypedParameterPtr p = addSlot(params, nparams, maxparams, name, true, #fn); \
        if (!p) {                                                                    \
            virtDispatchError(NULL);                                                 \
            return -1;                                                               \
        }                                                                            \
        p->type = tp;                                                                \
        p->value.member = value;                                                     \
        (*nparams)++;                                                                \
        return 0;                                                                    \
    }

DEFINE_ADDER(virTypedParamsAddInt, int, TP_INT, i)
DEFINE_ADDER(virTypedParamsAddUInt, unsigned int, TP_UINT, ui)
DEFINE_ADDER(virTypedParamsAddLLong, long long, TP_LLONG, l)
DEFINE_ADDER(virTypedParamsAddULLong, unsigned long long, TP_ULLONG, ul)
DEFINE_ADDER(virTypedParamsAddDouble, double, TP_DOUBLE, d)

int virTypedParamsAddBoolean(virTypedParameterPtr *params, int *nparams, int *maxparams,
                             const char *name, int value)
{
    virResetLastError();
    virTypedParameterPtr p = addSlot(params, nparams, maxparams, name, true, __func__);
    if (!p) {
        virtDispatchError(NULL);
        return -1;
    }
    p->type = TP_BOOLEAN;
    p->value.b = (char) (value != 0);
    (*nparams)++;
    return 0;
}

int virTypedParamsAddString(virTypedParameterPtr *params, int *nparams, int *maxparams,
                            const char *name, const char *value)
{
    virResetLastError();
    virTypedParameterPtr p = addSlot(params, nparams, maxparams, name, true, __func__);
    if (!p) {
        virtDispatchError(NULL);
        return -1;
    }
    p->type = TP_STRING;
    p->value.s = virtStrdup(value);
    (*nparams)++;
    return 0;
}

int virTypedParamsAddStringList(virTypedParameterPtr *params, int *nparams, int *maxparams,
                                const char *name, const char **values)
{
    virResetLastError();
    /* One parameter per value, all under the same name: repeats are the point. */
    for (size_t i = 0; values && values[i]; i++) {
        virTypedParameterPtr p = addSlot(params, nparams, maxparams, name, false, __func__);
        if (!p) {
            virtDispatchError(NULL);
            return -1;
        }
        p->type = TP_STRING;
        p->value.s = virtStrdup(values[i]);
        (*nparams)++;
    }
    return 0;
}

/* Parse text as the given type into p's value. Returns 0 or -1. */
static int parseValue(virTypedParameterPtr p, int type, const char *text)
{
    char *end = NULL;
    errno = 0;
    switch (type) {
    case TP_INT: {
        long v = strtol(text, &end, 10);
        if (v < -2147483647L - 1 || v > 2147483647L)
            errno = ERANGE;
        p->value.i = (int) v;
        break;
    }
    case TP_UINT: {
        unsigned long v = strtoul(text, &end, 10);
        if (v > 4294967295UL || strchr(text, '-'))
            errno = ERANGE;
        p->value.ui = (unsigned int) v;
        break;
    }
    case TP_LLONG:
        p->value.l = strtoll(text, &end, 10);
        break;
    case TP_ULLONG:
        p->value.ul = strtoull(text, &end, 10);
        if (strchr(text, '-'))
            errno = ERANGE;
        break;
    case TP_DOUBLE:
        p->value.d = strtod(text, &end);
        break;
    case TP_BOOLEAN:
        if (strcasecmp(text, "true") == 0 || strcmp(text, "1") == 0)
            p->value.b = 1;
        else if (strcasecmp(text, "false") == 0 || strcmp(text, "0") == 0)
            p->value.b = 0;
        else
            return -1;
        return 0;
    case TP_STRING:
        p->value.s = virtStrdup(text);
        return 0;
    default:
        return -1;
    }
    return errno || end == text || *end ? -1 : 0;
}

int virTypedParamsAddFromString(virTypedParameterPtr *params, int *nparams, int *maxparams,
                                const char *name, int type, const char *value)
{
    virResetLastError();
    if (!value) {
        invalidArg("value must not be NULL in %s", __func__);
        goto error;
    }
    if (type < TP_INT || type > TP_STRING) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_NONE, VIR_ERR_INVALID_ARG,
                       "unknown type %d for parameter '%s' in %s", type,
                       name ? name : "(null)", __func__);
        goto error;
    }
    virTypedParameterPtr p = addSlot(params, nparams, maxparams, name, true, __func__);
    if (!p)
        goto error;
    if (parseValue(p, type, value) < 0) {
        invalidArg("'%s' is not a valid %s value for parameter '%s' (%s)",
                   value, virtTypedParamTypeName(type), name, __func__);
        memset(p, 0, sizeof(*p));
        goto error;
    }
    p->type = type;
    (*nparams)++;
    return 0;

 error:
    virtDispatchError(NULL);
    return -1;
}

void virTypedParamsClear(virTypedParameterPtr params, int nparams)
{
    if (!params)
        return;
    for (int i = 0; i < nparams; i++) {
        if (params[i].type == TP_STRING) {
            free(params[i].value.s);
            params[i].value.s = NULL;
        }
    }
}

void virTypedParamsFree(virTypedParameterPtr params, int nparams)
{
    virTypedParamsClear(params, nparams);
    free(params);
}

int virtTypedParamsCopy(virTypedParameterPtr *dst, const virTypedParameter *src, int nparams)
{
    *dst = NULL;
    if (nparams < 0 || (nparams > 0 && !src)) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR,
                       "cannot copy %d typed parameters", nparams);
        return -1;
    }
    if (nparams == 0)
        return 0;
    virTypedParameterPtr copy = virtAlloc((size_t) nparams * sizeof(*copy));
    memcpy(copy, src, (size_t) nparams * sizeof(*copy));
    for (int i = 0; i < nparams; i++)
        if (copy[i].type == TP_STRING)
            copy[i].value.s = virtStrdup(src[i].value.s);
    *dst = copy;
    return 0;
}

int virtTypedParamsValidate(const virTypedParameter *params, int nparams,
                            const virtTypedParamSpec *allowed)
{
    for (int i = 0; i < nparams; i++) {
        const virtTypedParamSpec *spec = allowed;
        while (spec && spec->name && strcmp(spec->name, params[i].field) != 0)
            spec++;
        if (!spec || !spec->name) {
            virtErrorRaise(NULL, NULL, NULL, VIR_FROM_NONE, VIR_ERR_ARGUMENT_UNSUPPORTED,
                           "parameter '%s' is not supported", params[i].field);
            return -1;
        }
        if (params[i].type != spec->type) {
            virtErrorRaise(NULL, NULL, NULL, VIR_FROM_NONE, VIR_ERR_INVALID_ARG,
                           "parameter '%s' must be of type '%s', not '%s'", spec->name,
                           virtTypedParamTypeName(spec->type),
                           virtTypedParamTypeName(params[i].type));
            return -1;
        }
        for (int j = 0; !spec->multiple && j < i; j++) {
            if (strcmp(params[j].field, params[i].field) == 0) {
                virtErrorRaise(NULL, NULL, NULL, VIR_FROM_NONE, VIR_ERR_INVALID_ARG,
                               "parameter '%s' is given more than once", spec->name);
                return -1;
            }
        }
    }
    return 0;
}

int virtTypedParamsGetStrings(const virTypedParameter *params, int nparams,
                              const char *name, const char ***values)
{
    int n = 0;
    const char **list = virtAlloc(sizeof(*list) * ((size_t) (nparams > 0 ? nparams : 0) + 1));
    for (int i = 0; i < nparams; i++)
        if (params[i].type == TP_STRING && strcmp(params[i].field, name) == 0)
            list[n++] = params[i].value.s;
    list[n] = NULL;
    *values = list;
    return n;
}
