/* xdr.h: the XDR stream (RFC 4506) used by the RPC layer.
 *
 * One codec function per type works in all three directions, like SunRPC's
 * xdr_ routines: ENCODE appends to a growing buffer, DECODE reads from a
 * borrowed buffer and allocates what it returns, FREE releases what DECODE
 * (or a caller) allocated and resets the pointers to NULL.
 *
 * Decoding never reads past len and never allocates more than the declared
 * maximum of a string, opaque or array; every violation returns false and
 * leaves a static description in x->error. After a failed DECODE, run the
 * same codec with virtXDRFree* to release whatever was already filled in.
 *
 * How generated types map to C (abi/gen/xdrgen.py):
 *   int / unsigned int        int32_t / uint32_t
 *   hyper / unsigned hyper    int64_t / uint64_t
 *   bool                      int32_t (0 or 1)
 *   double, float             double, float
 *   string<N>                 char *            (NUL-terminated, never NULL once decoded)
 *   opaque name[N]            unsigned char name[N]
 *   opaque name<N>            struct { uint32_t name_len; char *name_val; } name;
 *   T name<N>                 struct { uint32_t name_len; T *name_val; } name;
 *   T name[N]                 T name[N]
 *   T *name  (optional)       T *name           (NULL = absent)
 *   enum                      C enum, 4 bytes on the wire
 *   union switch (int d)      struct { int32_t d; union { ... } NAME_u; }
 */
#ifndef VIRT_RPC_XDR_H
#define VIRT_RPC_XDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
    VIRT_XDR_ENCODE,
    VIRT_XDR_DECODE,
    VIRT_XDR_FREE,
} virtXDROp;

typedef struct virtXDR {
    virtXDROp op;
    unsigned char *buf;     /* ENCODE: owned, grows; DECODE: borrowed */
    size_t len;             /* bytes valid in buf */
    size_t pos;             /* DECODE: next byte to read */
    size_t cap;             /* ENCODE: bytes allocated */
    size_t max_string;      /* cap on any string/opaque/array count; 0 = VIRT_XDR_DEFAULT_MAX */
    const char *error;      /* static text of the first failure, NULL if none */
} virtXDR;

/* Used when max_string is 0 (4 MiB, like VIRT_RPC_MAX_STRING). */
#define VIRT_XDR_DEFAULT_MAX (4u * 1024 * 1024)
/* Encoded size is capped too, so a runaway encode fails instead of eating memory. */
#define VIRT_XDR_MAX_ENCODED (32u * 1024 * 1024)

/* A codec as stored in tables: works on any generated type through void *. */
typedef bool (*virtXDRCodec)(virtXDR *x, void *v);

void virtXDRInitEncode(virtXDR *x);
void virtXDRInitDecode(virtXDR *x, const void *buf, size_t len);
void virtXDRInitFree(virtXDR *x);
/* Releases an ENCODE buffer; harmless for the other modes. */
void virtXDRDispose(virtXDR *x);
/* ENCODE: hand the buffer to the caller (x no longer owns it). */
unsigned char *virtXDRSteal(virtXDR *x, size_t *len);

bool virtXDRInt(virtXDR *x, int32_t *v);
bool virtXDRUInt(virtXDR *x, uint32_t *v);
bool virtXDRHyper(virtXDR *x, int64_t *v);
bool virtXDRUHyper(virtXDR *x, uint64_t *v);
bool virtXDRDouble(virtXDR *x, double *v);
bool virtXDRFloat(virtXDR *x, float *v);
/* Any non-zero encodes as 1; decoding accepts only 0 and 1. */
bool virtXDRBool(virtXDR *x, int32_t *v);
/* Enums travel as int. */
bool virtXDREnum(virtXDR *x, int32_t *v);
/* char, short and their unsigned forms travel as a 4-byte int each (as
 * SunRPC's xdr_char/xdr_short); decoding keeps the low bits. */
bool virtXDRChar(virtXDR *x, char *v);
bool virtXDRUChar(virtXDR *x, unsigned char *v);
bool virtXDRShort(virtXDR *x, int16_t *v);
bool virtXDRUShort(virtXDR *x, uint16_t *v);

/* NUL-terminated string of at most max bytes (0 = x->max_string). ENCODE
 * refuses NULL; DECODE allocates and refuses embedded NUL bytes. */
bool virtXDRString(virtXDR *x, char **s, uint32_t max);
/* n bytes plus padding, no length word. */
bool virtXDROpaqueFixed(virtXDR *x, void *p, uint32_t n);
/* Length word, bytes, padding; DECODE allocates *p (NULL when *n is 0). */
bool virtXDROpaqueVar(virtXDR *x, void **p, uint32_t *n, uint32_t max);
/* Count word then *n elements of elemsize bytes, each through codec.
 * DECODE allocates a zeroed array (NULL when *n is 0). */
bool virtXDRArray(virtXDR *x, void **items, uint32_t *n, uint32_t max,
                  size_t elemsize, virtXDRCodec codec);
/* Fixed-length array: n elements, no count word. */
bool virtXDRVector(virtXDR *x, void *items, uint32_t n, size_t elemsize, virtXDRCodec codec);
/* XDR optional data: a 0/1 word, then the value. DECODE allocates a zeroed
 * object of size bytes; FREE releases it and sets *p to NULL. */
bool virtXDROptional(virtXDR *x, void **p, size_t size, virtXDRCodec codec);

/* The base codecs through void *, for arrays and optional data. */
bool virtXDRAnyInt(virtXDR *x, void *v);
bool virtXDRAnyUInt(virtXDR *x, void *v);
bool virtXDRAnyHyper(virtXDR *x, void *v);
bool virtXDRAnyUHyper(virtXDR *x, void *v);
bool virtXDRAnyDouble(virtXDR *x, void *v);
bool virtXDRAnyFloat(virtXDR *x, void *v);
bool virtXDRAnyBool(virtXDR *x, void *v);
bool virtXDRAnyChar(virtXDR *x, void *v);
bool virtXDRAnyUChar(virtXDR *x, void *v);
bool virtXDRAnyShort(virtXDR *x, void *v);
bool virtXDRAnyUShort(virtXDR *x, void *v);

/* Release everything a codec allocated inside v (v itself is not freed). */
void virtXDRFreeWith(virtXDRCodec codec, void *v);

/* One RPC procedure as described by abi/remote.proto (generated table). */
typedef struct virtRPCProcedure {
    int proc;                 /* the procedure number on the wire */
    const char *name;         /* e.g. "DOMAIN_SUSPEND" (REMOTE_PROC_ prefix dropped) */
    const char *api;          /* public function carried, e.g. "virDomainSuspend", or NULL */
    bool mutating;            /* refused on read-only connections (rw in abi/libvirt.api, or unknown) */
    virtXDRCodec args_codec;  /* NULL when the call takes no arguments */
    size_t args_size;         /* sizeof the args struct, 0 when none */
    virtXDRCodec ret_codec;   /* NULL when the call returns nothing */
    size_t ret_size;
} virtRPCProcedure;

#endif /* VIRT_RPC_XDR_H */
