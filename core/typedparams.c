/* typedparams.c: the virTypedParams* helpers of the public API, and the
 * internal copy/validate helpers built on the same rules.
 *
 * Getters answer 1 when the parameter exists with the requested type, 0
 * when it is absent (or name is NULL) and -1 (VIR_ERR_INVALID_ARG) when
 * it exists with another type; a repeated name answers its first entry.
 * Adders grow the array (*params, *nparams used, *maxparams allocated) the
 * way libvirt does, append a name already present (multi-value
 * parameters) and refuse names that do not fit the 80-byte field. */
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

virTypedParameterPtr virTypedParamsGet(virTypedParameterPtr params, int nparams,
                                       const char *name)
{
    /* Reports nothing: absence is not an error. The first match wins. */
    if (!params || !name)
        return NULL;
    for (int i = 0; i < nparams; i++)
        if (strcmp(params[i].field, name) == 0)
            return &params[i];
    return NULL;
}

/* Shared head of every typed getter: the first parameter of that name, or
 * NULL with *rc set to 0 (absent) or -1 (another type, error dispatched).
 * A NULL value only checks presence and type. */
static virTypedParameterPtr getTyped(virTypedParameterPtr params, int nparams,
                                     const char *name, int type, int *rc)
{
    virResetLastError();
    virTypedParameterPtr p = virTypedParamsGet(params, nparams, name);
    if (!p) {
        *rc = 0;
        return NULL;
    }
    if (p->type != type) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_NONE, VIR_ERR_INVALID_ARG,
                       "Invalid type '%s' requested for parameter '%s', actual type is '%s'",
                       virtTypedParamTypeName(type), name, virtTypedParamTypeName(p->type));
        virtDispatchError(NULL);
        *rc = -1;
        return NULL;
    }
    *rc = 1;
    return p;
}

#define DEFINE_GETTER(fn, ctype, tp, expr)                                            \
    int fn(virTypedParameterPtr params, int nparams, const char *name, ctype *value)   \
    {                                                                                 \
        int rc;                                                                       \
        virTypedParameterPtr p = getTyped(params, nparams, name, tp, &rc);            \
        if (p && value)                                                               \
            *value = (expr);                                                          \
        return rc;                                                                    \
    }

DEFINE_GETTER(virTypedParamsGetInt, int, TP_INT, p->value.i)
DEFINE_GETTER(virTypedParamsGetUInt, unsigned int, TP_UINT, p->value.ui)
DEFINE_GETTER(virTypedParamsGetLLong, long long, TP_LLONG, p->value.l)
DEFINE_GETTER(virTypedParamsGetULLong, unsigned long long, TP_ULLONG, p->value.ul)
DEFINE_GETTER(virTypedParamsGetDouble, double, TP_DOUBLE, p->value.d)
DEFINE_GETTER(virTypedParamsGetBoolean, int, TP_BOOLEAN, p->value.b != 0)
DEFINE_GETTER(virTypedParamsGetString, const char *, TP_STRING, p->value.s)

/* Make room for one more parameter after the *nparams used ones, growing
 * *maxparams as libvirt does (by at least half again), the new room
 * zeroed. The array grows even when the caller then fails. Returns the
 * slot, or NULL with an error raised (not dispatched). */
static virTypedParameterPtr reserveSlot(virTypedParameterPtr *params, int *nparams,
                                        int *maxparams, const char *func)
{
    if (!params || !nparams || !maxparams) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_NONE, VIR_ERR_INVALID_ARG,
                       "%s must not be NULL in %s",
                       !params ? "params" : !nparams ? "nparams" : "maxparams", func);
        return NULL;
    }
    if (*nparams < 0 || *maxparams < 0 || *nparams > *maxparams) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_NONE, VIR_ERR_INVALID_ARG,
                       "nparams and maxparams are inconsistent in %s", func);
        return NULL;
    }
    if (*nparams == *maxparams) {
        int grow = *maxparams / 2 > 1 ? *maxparams / 2 : 1;
        int cap = *maxparams + grow;
        *params = virtRealloc(*params, (size_t) cap * sizeof(**params));
        memset(*params + *maxparams, 0, (size_t) grow * sizeof(**params));
        *maxparams = cap;
    }
    return &(*params)[*nparams];
}

/* Name the slot. A NULL name leaves it empty, as libvirt does. Returns 0,
 * or -1 with an error raised for a name that does not fit the field. */
static int assignName(virTypedParameterPtr p, const char *name)
{
    if (name && strlen(name) >= VIR_TYPED_PARAM_FIELD_LENGTH) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR,
                       "Field name '%s' too long", name);
        return -1;
    }
    memset(p, 0, sizeof(*p));
    if (name)
        strcpy(p->field, name);
    return 0;
}

/* Every adder: reserve and name the slot, store the value, count it. A
 * repeated name is appended like any other. */
#define DEFINE_ADDER(fn, ctype, tp, store)                                           \
    int fn(virTypedParameterPtr *params, int *nparams, int *maxparams,               \
           const char *name, ctype value)                                            \
    {                                                                                \
        virResetLastError();                                                         \
        virTypedParameterPtr p = reserveSlot(params, nparams, maxparams, #fn);       \
        if (!p || assignName(p, name) < 0) {                                         \
            virtDispatchError(NULL);                                                 \
            return -1;                                                               \
        }                                                                            \
        p->type = tp;                                                                \
        store;                                                                       \
        (*nparams)++;                                                                \
        return 0;                                                                    \
    }

DEFINE_ADDER(virTypedParamsAddInt, int, TP_INT, p->value.i = value)
DEFINE_ADDER(virTypedParamsAddUInt, unsigned int, TP_UINT, p->value.ui = value)
DEFINE_ADDER(virTypedParamsAddLLong, long long, TP_LLONG, p->value.l = value)
DEFINE_ADDER(virTypedParamsAddULLong, unsigned long long, TP_ULLONG, p->value.ul = value)
DEFINE_ADDER(virTypedParamsAddDouble, double, TP_DOUBLE, p->value.d = value)
DEFINE_ADDER(virTypedParamsAddBoolean, int, TP_BOOLEAN, p->value.b = (char) (value != 0))
/* A NULL string is stored as an empty one. */
DEFINE_ADDER(virTypedParamsAddString, const char *, TP_STRING,
             p->value.s = virtStrdup(value ? value : ""))

int virTypedParamsAddStringList(virTypedParameterPtr *params, int *nparams, int *maxparams,
                                const char *name, const char **values)
{
    /* One parameter per value under the same name. A NULL list adds
     * nothing and succeeds; an empty one answers -1 without an error,
     * exactly as libvirt 9.0 does. */
    int rc = -1;
    if (!values)
        return 0;
    for (size_t i = 0; values[i]; i++)
        if ((rc = virTypedParamsAddString(params, nparams, maxparams, name, values[i])) < 0)
            break;
    return rc;
}

/* Parse text as the given type into p's value, libvirt's way: base 10,
 * leading blanks allowed, nothing after the number, a minus sign wrapping
 * for the unsigned types. Returns 0, or -1 with an error raised. */
static int parseValue(virTypedParameterPtr p, const char *name, int type, const char *text)
{
    static const char *const expected[] = {
        NULL, "int", "unsigned int", "long long", "unsigned long long", "double",
    };
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
        if (end && memchr(text, '-', (size_t) (end - text))) {
            /* "-N" is UINT_MAX + 1 - N, as long as N fits */
            if (-v > 4294967295UL)
                errno = ERANGE;
            else
                v &= 4294967295UL;
        } else if (v > 4294967295UL) {
            errno = ERANGE;
        }
        p->value.ui = (unsigned int) v;
        break;
    }
    case TP_LLONG:
        p->value.l = strtoll(text, &end, 10);
        break;
    case TP_ULLONG:
        p->value.ul = strtoull(text, &end, 10);
        break;
    case TP_DOUBLE:
        p->value.d = strtod(text, &end);
        break;
    case TP_BOOLEAN:
        if (strcasecmp(text, "true") == 0 || strcmp(text, "1") == 0) {
            p->value.b = 1;
        } else if (strcasecmp(text, "false") == 0 || strcmp(text, "0") == 0) {
            p->value.b = 0;
        } else {
            virtErrorRaise(NULL, NULL, NULL, VIR_FROM_NONE, VIR_ERR_INVALID_ARG,
                           "Invalid boolean value for field '%s'", name);
            return -1;
        }
        return 0;
    case TP_STRING:
        p->value.s = virtStrdup(text);
        return 0;
    default:
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR,
                       "unexpected type %d for field %s", type, name);
        return -1;
    }
    if (errno || end == text || *end) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_NONE, VIR_ERR_INVALID_ARG,
                       "Invalid value for field '%s': expected %s", name, expected[type]);
        return -1;
    }
    return 0;
}

int virTypedParamsAddFromString(virTypedParameterPtr *params, int *nparams, int *maxparams,
                                const char *name, int type, const char *value)
{
    virResetLastError();
    virTypedParameterPtr p = reserveSlot(params, nparams, maxparams, __func__);
    if (!p)
        goto error;
    if (!value) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_NONE, VIR_ERR_INVALID_ARG,
                       "NULL value for field '%s'", name ? name : "(null)");
        goto error;
    }
    if (assignName(p, name) < 0)
        goto error;
    if (parseValue(p, name ? name : "", type, value) < 0) {
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
