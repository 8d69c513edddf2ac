/* remote_client.h: calls over one connection to a daemon. Any number of
 * threads may call at once: each call gets a fresh serial, writes go out
 * under a lock, and a reader thread hands every REPLY to the call whose
 * serial it carries and answers the daemon's keepalive PINGs. */
#ifndef REMOTE_CLIENT_H
#define REMOTE_CLIENT_H

#include <stdbool.h>
#include <sys/types.h>

#include "virt-module.h"
#include "xdr.h"
#include "transport.h"

typedef struct remoteClient remoteClient;

/* Takes ownership of t, of the TLS credentials cred (may be NULL) and of
 * the child process behind the stream, if any.
 * where names the peer in transport error messages. NULL if the reader
 * thread cannot start (error reported). */
remoteClient *remoteClientNew(const virtCoreServices *core, virConnectPtr conn,
                              virtTransport *t, gnutls_certificate_credentials_t cred,
                              pid_t child, const char *where);

/* Send procedure proc with args (argsCodec NULL: no args) and wait for its
 * reply, decoded into ret with retCodec (NULL: no ret). 0 on success;
 * -1 with the daemon's error, or a transport error, reported on conn. */
int remoteClientCall(remoteClient *c, virConnectPtr conn, int proc,
                     virtXDRCodec argsCodec, void *args,
                     virtXDRCodec retCodec, void *ret);
/* The same for a procedure of another program (QEMU_PROGRAM, LXC_PROGRAM). */
int remoteClientCallProgram(remoteClient *c, virConnectPtr conn, unsigned int prog,
                            unsigned int vers, int proc,
                            virtXDRCodec argsCodec, void *args,
                            virtXDRCodec retCodec, void *ret);

/* The same with nfds descriptors passed beside the CALL (a CALL_WITH_FDS:
 * unix sockets only); the caller keeps its descriptors. */
int remoteClientCallFDs(remoteClient *c, virConnectPtr conn, unsigned int prog,
                        unsigned int vers, int proc, const int *fds, size_t nfds,
                        virtXDRCodec argsCodec, void *args,
                        virtXDRCodec retCodec, void *ret);
/* The same, but the reader reads nothing more after this reply until
 * remoteClientResume: for the replies after which the stream may change
 * (the one completing SASL). Always follow it with remoteClientResume. */
int remoteClientCallHeld(remoteClient *c, virConnectPtr conn, int proc,
                         virtXDRCodec argsCodec, void *args,
                         virtXDRCodec retCodec, void *ret);
/* Let the reader go on, through layer from now on when not NULL. */
void remoteClientResume(remoteClient *c, const virtTransportLayer *layer);

/* The stream's descriptor (for the socket's addresses). */
int remoteClientFD(remoteClient *c);
/* The TLS session's key size in bits; 0 without TLS. */
int remoteClientTLSKeyBits(remoteClient *c);

/* Called on the reader thread for each MESSAGE of the remote program the
 * daemon sends (events): proc and the undecoded body. */
typedef void (*remoteEventFunc)(void *opaque, int proc, const unsigned char *body, size_t len);
void remoteClientSetEventHandler(remoteClient *c, remoteEventFunc fn, void *opaque);

/* virConnectSetKeepAlive: PING after interval seconds of silence; the
 * connection is dead after count unanswered PINGs. interval <= 0 stops. */
int remoteClientSetKeepAlive(remoteClient *c, virConnectPtr conn, int interval,
                             unsigned int count);

/* The reader has not seen the stream end. */
bool remoteClientAlive(remoteClient *c);

/* Stop the reader, close the stream, reap the child, free. */
void remoteClientFree(remoteClient *c);

#endif /* REMOTE_CLIENT_H */
