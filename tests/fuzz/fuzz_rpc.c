/* fuzz_rpc: a frame of libvirt's remote protocol through the RPC layer
 * (core/rpc/message.c, xdr.c and the codecs generated from
 * abi/remote.proto): the header, then the body decoded as the arguments,
 * the return value and the error of a procedure. Whatever decodes must
 * encode again (see bodyRoundTrip) and free cleanly.
 *
 * The length word is patched to the input's size, so that every input
 * reaches the header; a procedure number that names none picks one by
 * its remainder, so that every codec is reachable. */
#include "fuzz.h"
#include "message.h"
#include "remote_protocol.h"
#include <libvirt/virterror.h>

/* Decode body with codec into a fresh object; NULL when refused. */
static void *bodyDecode(const unsigned char *body, size_t len, virtXDRCodec codec, size_t size)
{
    void *obj = calloc(1, size ? size : 1);

    FUZZ_ASSERT(obj != NULL);
    if (virtRPCDecodeBody(body, len, codec, obj) < 0) {
        free(obj);
        return NULL;
    }
    return obj;
}

static void bodyFree(virtXDRCodec codec, void *obj)
{
    if (codec)
        virtXDRFreeWith(codec, obj);
    free(obj);
}

/* Decode body with codec; what decodes encodes to a frame no longer than
 * the input (bytes after the arguments are ignored, as libvirt ignores
 * them), which decodes again and encodes to the very same bytes. (Not to
 * the input's bytes: like libvirt's XDR, the decoder takes any padding
 * and any non-zero boolean, the encoder writes the canonical form.) */
static void bodyRoundTrip(const virtRPCHeader *hdr, const unsigned char *body, size_t len,
                          virtXDRCodec codec, size_t size, bool isError)
{
    const size_t head = VIRT_RPC_LEN_SIZE + VIRT_RPC_HEADER_SIZE;
    unsigned char *frame = NULL, *frame2 = NULL;
    size_t flen = 0, flen2 = 0;
    void *obj = bodyDecode(body, len, codec, size);

    if (!obj)
        return;
    FUZZ_ASSERT(virtRPCEncode(hdr, codec, obj, &frame, &flen) == 0);
    FUZZ_ASSERT(flen <= head + len);
    void *again = bodyDecode(frame + head, flen - head, codec, size);
    FUZZ_ASSERT(again != NULL);
    FUZZ_ASSERT(virtRPCEncode(hdr, codec, again, &frame2, &flen2) == 0);
    FUZZ_ASSERT(flen2 == flen && memcmp(frame, frame2, flen) == 0);
    if (isError) {
        virError err;
        if (virtRPCErrorToVirError(obj, &err) == 0)
            virtRPCErrorClear(&err);
    }
    free(frame);
    free(frame2);
    bodyFree(codec, again);
    bodyFree(codec, obj);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const size_t min = VIRT_RPC_LEN_SIZE + VIRT_RPC_HEADER_SIZE;

    if (size >= VIRT_RPC_LEN_SIZE)
        virtRPCFrameLength(data);
    if (size < min || size > VIRT_RPC_MAX_MESSAGE)
        return 0;

    unsigned char *frame = malloc(size);
    FUZZ_ASSERT(frame != NULL);
    memcpy(frame, data, size);
    frame[0] = (unsigned char) (size >> 24);
    frame[1] = (unsigned char) (size >> 16);
    frame[2] = (unsigned char) (size >> 8);
    frame[3] = (unsigned char) size;

    virtRPCHeader hdr;
    const unsigned char *body;
    size_t blen;
    if (virtRPCDecodeHeader(frame, size, &hdr, &body, &blen) == 0) {
        FUZZ_ASSERT(blen == size - min);
        const virtRPCProcedure *p;
        if (hdr.prog == VIRT_RPC_KEEPALIVE_PROGRAM)
            p = virtKeepaliveProcedureLookup(hdr.proc);
        else
            p = virtRemoteProcedureLookup(hdr.proc);
        if (!p)
            p = &virtRemoteProcedures[(uint32_t) hdr.proc % virtRemoteProceduresCount];
        bodyRoundTrip(&hdr, body, blen, p->args_codec, p->args_size, false);
        bodyRoundTrip(&hdr, body, blen, p->ret_codec, p->ret_size, false);
        bodyRoundTrip(&hdr, body, blen, virtXDRAny_remote_error, sizeof(remote_error), true);
    }
    free(frame);
    return 0;
}
