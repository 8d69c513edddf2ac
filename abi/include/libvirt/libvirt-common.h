/*
 * libvirt-common.h: version macros and typed parameters shared by all areas.
 */
#ifndef LIBVIRT_COMMON_H
#define LIBVIRT_COMMON_H

#ifndef __VIR_LIBVIRT_H_INCLUDES__
# error "Do not include libvirt-common.h directly: include <libvirt/libvirt.h>"
#endif

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The libvirt API level these headers describe: major * 1,000,000 +
 * minor * 1,000 + micro. Applications test it at compile time. */
#define LIBVIR_VERSION_NUMBER 9000000

/* True when the headers describe at least version major.minor.micro. */
#define LIBVIR_CHECK_VERSION(major, minor, micro) \
    ((major) * 1000000 + (minor) * 1000 + (micro) <= LIBVIR_VERSION_NUMBER)

#define VIR_DEPRECATED __attribute__((__deprecated__))
#define VIR_EXPORT_VAR extern

/* Length of the name field of a virTypedParameter, terminator included. */
#define VIR_TYPED_PARAM_FIELD_LENGTH 80

/* The type of value a virTypedParameter holds. */
typedef enum {
    VIR_TYPED_PARAM_INT     = 1,
    VIR_TYPED_PARAM_UINT    = 2,
    VIR_TYPED_PARAM_LLONG   = 3,
    VIR_TYPED_PARAM_ULLONG  = 4,
    VIR_TYPED_PARAM_DOUBLE  = 5,
    VIR_TYPED_PARAM_BOOLEAN = 6,
    VIR_TYPED_PARAM_STRING  = 7,
#ifdef VIR_ENUM_SENTINELS
    VIR_TYPED_PARAM_LAST    = 8
#endif
} virTypedParameterType;

/* Flags for functions taking typed parameters. */
typedef enum {
    VIR_TYPED_PARAM_STRING_OKAY = 4,
} virTypedParameterFlags;

/* A named value of one of several types, used to pass open-ended sets of
 * settings (scheduler parameters, statistics, ...). */
typedef struct _virTypedParameter virTypedParameter;
struct _virTypedParameter {
    char field[VIR_TYPED_PARAM_FIELD_LENGTH];
    int type;                     /* a virTypedParameterType */
    union {
        int i;
        unsigned int ui;
        long long int l;
        unsigned long long int ul;
        double d;
        char b;
        char *s;                  /* owned by the structure */
    } value;
};
typedef virTypedParameter *virTypedParameterPtr;

/* Frees the opaque data an application registered with a callback, once
 * the library no longer needs it. */
typedef void (*virFreeCallback)(void *opaque);

typedef enum {
    VIR_CONNECT_CLOSE_REASON_ERROR     = 0,
    VIR_CONNECT_CLOSE_REASON_EOF       = 1,
    VIR_CONNECT_CLOSE_REASON_KEEPALIVE = 2,
    VIR_CONNECT_CLOSE_REASON_CLIENT    = 3,
#ifdef VIR_ENUM_SENTINELS
    VIR_CONNECT_CLOSE_REASON_LAST      = 4
#endif
} virConnectCloseReason;

#ifdef __cplusplus
}
#endif

#endif /* LIBVIRT_COMMON_H */
