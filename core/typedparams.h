/* typedparams.h: helpers over virTypedParameter arrays for the core and
 * for code that carries them (remote protocol, drivers linked statically). */
#ifndef VIRT_TYPEDPARAMS_H
#define VIRT_TYPEDPARAMS_H

#include <stdbool.h>

#include "runtime-api.h"

/* One parameter a caller accepts: its name and type; multiple says the
 * name may appear more than once (string lists). A list ends with a
 * NULL name. */
typedef struct virtTypedParamSpec {
    const char *name;
    int type;               /* a virTypedParameterType value */
    bool multiple;
} virtTypedParamSpec;

/* libvirt's name of a type ("int", "uint", "llong", "ullong", "double",
 * "boolean", "string"), or "unknown". */
const char *virtTypedParamTypeName(int type);

/* Deep copy of nparams parameters into a new array stored in *dst
 * (NULL when nparams is 0). Returns 0, or -1 with an error raised. */
int virtTypedParamsCopy(virTypedParameterPtr *dst, const virTypedParameter *src,
                        int nparams);

/* Check that every parameter is named in allowed with the right type and
 * that only 'multiple' names repeat. Returns 0, or -1 with an error
 * raised (VIR_ERR_ARGUMENT_UNSUPPORTED for an unknown name,
 * VIR_ERR_INVALID_ARG otherwise). Raises only: the caller dispatches. */
int virtTypedParamsValidate(const virTypedParameter *params, int nparams,
                            const virtTypedParamSpec *allowed);

/* All string values named name, in order, in a new NULL-terminated array
 * of borrowed pointers (free only the array). Returns how many. */
int virtTypedParamsGetStrings(const virTypedParameter *params, int nparams,
                              const char *name, const char ***values);

#endif /* VIRT_TYPEDPARAMS_H */
