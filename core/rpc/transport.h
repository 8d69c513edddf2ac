/* transport.h: a byte stream over a file descriptor or a gnutls session,
 * and whole RPC frames on top of it. Used by the remote module (client)
 * and libvirtd (server). */
#ifndef VIRT_RPC_TRANSPORT_H
#define VIRT_RPC_TRANSPORT_H

#include <stddef.h>
#include <sys/types.h>

#include <gnutls/gnutls.h>

typedef struct virtTransport virtTransport;

/* The transport owns fd (and the session) and closes them in virtTransportFree. */
virtTransport *virtTransportNewFD(int fd);
virtTransport *virtTransportNewTLS(int fd, gnutls_session_t s);

int virtTransportFD(virtTransport *t);

/* The TLS session's key size in bits (what SASL counts as external
 * strength); 0 without TLS. */
int virtTransportTLSKeyBits(virtTransport *t);

/* A security layer between the bytes the callers move and the stream
 * (SASL's, once a mechanism with one was negotiated). encode turns up to
 * max_plain bytes into what goes on the wire; decode turns what came in
 * into plain bytes, none while it waits for the rest of a packet. The
 * outputs stay valid until the next call of the same function. Each
 * returns 0 or -1. */
typedef struct virtTransportLayer {
    int (*encode)(void *opaque, const unsigned char *in, size_t len,
                  const unsigned char **out, size_t *outlen);
    int (*decode)(void *opaque, const unsigned char *in, size_t len,
                  const unsigned char **out, size_t *outlen);
    size_t max_plain;
    void (*release)(void *opaque);   /* at virtTransportFree; may be NULL */
    void *opaque;
} virtTransportLayer;

/* From now on every byte read and written passes through layer (copied).
 * Call it between frames, before the next one is written or read. */
void virtTransportSetLayer(virtTransport *t, const virtTransportLayer *layer);

/* Like read(2)/write(2): bytes moved, 0 at end of stream (read), -1 on error. */
ssize_t virtTransportRead(virtTransport *t, void *buf, size_t len);
ssize_t virtTransportWrite(virtTransport *t, const void *buf, size_t len);

/* Write all len bytes; 0 or -1. */
int virtTransportWriteAll(virtTransport *t, const void *buf, size_t len);

/* Read one whole frame (length word included) into a malloc'ed buffer.
 * The length word is checked against VIRT_RPC_MAX_MESSAGE before anything
 * is allocated. 0 on success, 1 on clean end of stream before a frame
 * starts, -1 on error, truncation or a bad length. */
int virtTransportReadFrame(virtTransport *t, unsigned char **frame, size_t *len);

void virtTransportFree(virtTransport *t);

/* A connected unix stream socket, or -1 with libvirt's words in *err
 * (caller frees). */
int virtTransportDialUnix(const char *path, char **err);

#endif /* VIRT_RPC_TRANSPORT_H */
