/* message.h: libvirt's RPC framing.
 *
 * A frame is a 4-byte big-endian length that counts itself, a 24-byte XDR
 * header (prog, vers, proc, type, serial, status) and an XDR body: the
 * procedure's args for a CALL, its ret for a REPLY with status OK, a
 * remote_error for a REPLY with status ERROR.
 */
#ifndef VIRT_RPC_MESSAGE_H
#define VIRT_RPC_MESSAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "xdr.h"

#define VIRT_RPC_MAX_MESSAGE (32u * 1024 * 1024)  /* whole message, length word included */
#define VIRT_RPC_MAX_STRING  (4u * 1024 * 1024)
#define VIRT_RPC_LEN_SIZE    4u                   /* the length word */
#define VIRT_RPC_HEADER_SIZE 24u                  /* the XDR header after it */

#define VIRT_RPC_REMOTE_PROGRAM    0x20008086u
#define VIRT_RPC_REMOTE_VERSION    1
#define VIRT_RPC_KEEPALIVE_PROGRAM 0x6b656570u
#define VIRT_RPC_KEEPALIVE_VERSION 1
#define VIRT_RPC_KEEPALIVE_PING    1
#define VIRT_RPC_KEEPALIVE_PONG    2

typedef enum {
    VIRT_RPC_CALL = 0,
    VIRT_RPC_REPLY = 1,
    VIRT_RPC_MESSAGE = 2,
    VIRT_RPC_STREAM = 3,
    VIRT_RPC_CALL_WITH_FDS = 4,      /* descriptors follow the frame (fdpass.h) */
    VIRT_RPC_REPLY_WITH_FDS = 5,
} virtRPCType;

typedef enum {
    VIRT_RPC_OK = 0,
    VIRT_RPC_ERROR = 1,
    VIRT_RPC_CONTINUE = 2,
} virtRPCStatus;

typedef struct virtRPCHeader {
    uint32_t prog, vers;
    int32_t proc;
    uint32_t type, serial, status;
} virtRPCHeader;

typedef struct virtRPCMessage {
    virtRPCHeader hdr;
    unsigned char *body;
    size_t body_len;
} virtRPCMessage;

/* Encode header + body (codec may be NULL for void) into one malloc'ed
 * buffer with the length word first. 0 on success, -1 on failure (codec
 * refused the value, or the result exceeds VIRT_RPC_MAX_MESSAGE). */
int virtRPCEncode(const virtRPCHeader *hdr, virtXDRCodec codec, void *body,
                  unsigned char **out, size_t *outlen);

/* Read the length word of a frame (4 bytes): the total frame length, or
 * -1 when it is below the header size or above VIRT_RPC_MAX_MESSAGE. */
int64_t virtRPCFrameLength(const unsigned char lenword[4]);

/* Split a received frame (length word included) into header and body; the
 * body points into frame. -1 on malformed/oversized. */
int virtRPCDecodeHeader(const unsigned char *frame, size_t len, virtRPCHeader *hdr,
                        const unsigned char **body, size_t *body_len);

/* Decode a body with codec into out, which the caller has zeroed (the codec
 * fills every field); bytes after the arguments are ignored, as libvirt
 * ignores them. -1 on failure, with whatever was decoded already freed.
 * codec NULL reads nothing. Strings are capped at VIRT_RPC_MAX_STRING. */
int virtRPCDecodeBody(const unsigned char *body, size_t len, virtXDRCodec codec, void *out);

/* remote_error <-> virError conversion, both directions. The structure
 * behind the generated type name remote_error (remote_protocol.h). */
struct remote_error;
struct _virError;

/* Fill rerr (zeroed first) from err, copying strings; free with
 * virtXDRFree_remote_error. A NULL err gives a generic internal error. */
int virtRPCErrorFromVirError(const struct _virError *err, struct remote_error *rerr);
/* Fill err (zeroed first) from rerr: malloc'ed copies of the strings;
 * conn/dom/net stay NULL. Release with virtRPCErrorClear. */
int virtRPCErrorToVirError(const struct remote_error *rerr, struct _virError *err);
void virtRPCErrorClear(struct _virError *err);

/* A REPLY with status ERROR answering call (same prog/vers/proc/serial). */
int virtRPCEncodeError(const virtRPCHeader *call, const struct _virError *err,
                       unsigned char **out, size_t *outlen);

/* Keepalive PING or PONG: program 0x6b656570, MESSAGE, serial 0, no body. */
int virtRPCEncodeKeepalive(int proc, unsigned char **out, size_t *outlen);

#endif /* VIRT_RPC_MESSAGE_H */
