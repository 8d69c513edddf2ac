/* fdpass.h: file descriptors beside RPC frames, as libvirt passes them on
 * a unix socket. A CALL_WITH_FDS (or REPLY_WITH_FDS) body starts with the
 * number of descriptors; once the whole frame is written, each
 * descriptor follows on its own, attached (SCM_RIGHTS) to one byte. */
#ifndef VIRT_RPC_FDPASS_H
#define VIRT_RPC_FDPASS_H

#include <stdbool.h>
#include <stdint.h>

#include "xdr.h"

#define VIRT_RPC_MAX_FDS 32          /* libvirt's bound for one message */

/* Send fd on the unix socket sock: 0, or -1 with errno set. */
int virtRPCSendFD(int sock, int fd);

/* Receive one descriptor (close-on-exec) from sock: it, or -1 with errno
 * set (EBADMSG when the byte came without a descriptor). */
int virtRPCRecvFD(int sock);

/* A body that starts with a descriptor count: encode with
 * virtRPCCodecWithFDs and a virtRPCFDsBody pointing at the real body. */
typedef struct virtRPCFDsBody {
    uint32_t nfds;
    virtXDRCodec codec;              /* may be NULL: no arguments */
    void *body;
} virtRPCFDsBody;
bool virtRPCCodecWithFDs(virtXDR *x, void *v);

#endif /* VIRT_RPC_FDPASS_H */
