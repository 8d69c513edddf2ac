/* message.c: RPC frames (length word, header, body) and the conversion
 * between remote_error and virError. */
#include <stdlib.h>
#include <string.h>

#include <libvirt/virterror.h>

#include "message.h"
#include "remote_protocol.h"

static bool
headerCodec(virtXDR *x, virtRPCHeader *hdr)
{
    return virtXDRUInt(x, &hdr->prog) &&
           virtXDRUInt(x, &hdr->vers) &&
           virtXDRInt(x, &hdr->proc) &&
           virtXDRUInt(x, &hdr->type) &&
           virtXDRUInt(x, &hdr->serial) &&
           virtXDRUInt(x, &hdr->status);
}

int
virtRPCEncode(const virtRPCHeader *hdr, virtXDRCodec codec, void *body,
              unsigned char **out, size_t *outlen)
{
    virtXDR x;
    virtRPCHeader h = *hdr;
    uint32_t len = 0;
    size_t total;
    unsigned char *buf;

    *out = NULL;
    *outlen = 0;
    virtXDRInitEncode(&x);
    /* The length word is written as a placeholder, then patched. */
    if (!virtXDRUInt(&x, &len) || !headerCodec(&x, &h))
        goto error;
    if (codec && !codec(&x, body))
        goto error;
    if (x.len > VIRT_RPC_MAX_MESSAGE)
        goto error;
    buf = virtXDRSteal(&x, &total);
    buf[0] = (unsigned char)(total >> 24);
    buf[1] = (unsigned char)(total >> 16);
    buf[2] = (unsigned char)(total >> 8);
    buf[3] = (unsigned char)total;
    *out = buf;
    *outlen = total;
    return 0;

 error:
    virtXDRDispose(&x);
    return -1;
}

int64_t
virtRPCFrameLength(const unsigned char lenword[4])
{
    uint32_t len = (uint32_t)lenword[0] << 24 | (uint32_t)lenword[1] << 16 |
                   (uint32_t)lenword[2] << 8 | lenword[3];

    if (len < VIRT_RPC_LEN_SIZE + VIRT_RPC_HEADER_SIZE || len > VIRT_RPC_MAX_MESSAGE)
        return -1;
    return len;
}

int
virtRPCDecodeHeader(const unsigned char *frame, size_t len, virtRPCHeader *hdr,
                    const unsigned char **body, size_t *body_len)
{
    virtXDR x;

    if (len < VIRT_RPC_LEN_SIZE + VIRT_RPC_HEADER_SIZE || len > VIRT_RPC_MAX_MESSAGE)
        return -1;
    if (virtRPCFrameLength(frame) != (int64_t)len)
        return -1;
    virtXDRInitDecode(&x, frame + VIRT_RPC_LEN_SIZE, len - VIRT_RPC_LEN_SIZE);
    /* any type and status word is read, as libvirt's xdr_enum reads them;
     * what a receiver does with one it does not expect is its own call */
    if (!headerCodec(&x, hdr))
        return -1;
    *body = frame + VIRT_RPC_LEN_SIZE + VIRT_RPC_HEADER_SIZE;
    *body_len = len - VIRT_RPC_LEN_SIZE - VIRT_RPC_HEADER_SIZE;
    return 0;
}

int
virtRPCDecodeBody(const unsigned char *body, size_t len, virtXDRCodec codec, void *out)
{
    virtXDR x;

    /* bytes after the arguments are left unread, as libvirt leaves them */
    if (!codec)
        return 0;
    virtXDRInitDecode(&x, body, len);
    x.max_string = VIRT_RPC_MAX_STRING;
    if (!codec(&x, out)) {
        virtXDRFreeWith(codec, out);
        return -1;
    }
    return 0;
}

/* A heap copy of an optional string: NULL stays NULL. */
static int
copyOptional(char ***dst, const char *src)
{
    *dst = NULL;
    if (!src)
        return 0;
    if (!(*dst = malloc(sizeof(**dst))))
        return -1;
    if (!(**dst = strdup(src))) {
        free(*dst);
        *dst = NULL;
        return -1;
    }
    return 0;
}

int
virtRPCErrorFromVirError(const virError *err, remote_error *rerr)
{
    memset(rerr, 0, sizeof(*rerr));
    if (!err || err->code == VIR_ERR_OK) {
        rerr->code = VIR_ERR_INTERNAL_ERROR;
        rerr->domain = VIR_FROM_RPC;
        rerr->level = VIR_ERR_ERROR;
        if (copyOptional(&rerr->message, "an error occurred, but the cause is unknown") < 0)
            goto error;
        return 0;
    }
    rerr->code = err->code;
    rerr->domain = err->domain;
    rerr->level = err->level;
    rerr->int1 = err->int1;
    rerr->int2 = err->int2;
    if (copyOptional(&rerr->message, err->message) < 0 ||
        copyOptional(&rerr->str1, err->str1) < 0 ||
        copyOptional(&rerr->str2, err->str2) < 0 ||
        copyOptional(&rerr->str3, err->str3) < 0)
        goto error;
    return 0;

 error:
    virtXDRFree_remote_error(rerr);
    return -1;
}

static int
copyString(char **dst, remote_string src)
{
    *dst = NULL;
    if (!src || !*src)
        return 0;
    return (*dst = strdup(*src)) ? 0 : -1;
}

int
virtRPCErrorToVirError(const remote_error *rerr, virError *err)
{
    memset(err, 0, sizeof(*err));
    err->code = rerr->code;
    err->domain = rerr->domain;
    err->level = (virErrorLevel)rerr->level;
    err->int1 = rerr->int1;
    err->int2 = rerr->int2;
    if (copyString(&err->message, rerr->message) < 0 ||
        copyString(&err->str1, rerr->str1) < 0 ||
        copyString(&err->str2, rerr->str2) < 0 ||
        copyString(&err->str3, rerr->str3) < 0) {
        virtRPCErrorClear(err);
        return -1;
    }
    return 0;
}

void
virtRPCErrorClear(virError *err)
{
    free(err->message);
    free(err->str1);
    free(err->str2);
    free(err->str3);
    memset(err, 0, sizeof(*err));
}

int
virtRPCEncodeError(const virtRPCHeader *call, const virError *err,
                   unsigned char **out, size_t *outlen)
{
    virtRPCHeader hdr = *call;
    remote_error rerr;
    int ret;

    if (virtRPCErrorFromVirError(err, &rerr) < 0)
        return -1;
    hdr.type = VIRT_RPC_REPLY;
    hdr.status = VIRT_RPC_ERROR;
    ret = virtRPCEncode(&hdr, virtXDRAny_remote_error, &rerr, out, outlen);
    virtXDRFree_remote_error(&rerr);
    return ret;
}

int
virtRPCEncodeKeepalive(int proc, unsigned char **out, size_t *outlen)
{
    virtRPCHeader hdr = {
        .prog = VIRT_RPC_KEEPALIVE_PROGRAM,
        .vers = VIRT_RPC_KEEPALIVE_VERSION,
        .proc = proc,
        .type = VIRT_RPC_MESSAGE,
        .serial = 0,
        .status = VIRT_RPC_OK,
    };

    return virtRPCEncode(&hdr, NULL, NULL, out, outlen);
}
