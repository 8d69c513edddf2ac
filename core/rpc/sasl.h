/* sasl.h: what the daemon and the remote module share of Cyrus SASL:
 * the addresses SASL is told about, the strength a session reached, and
 * its security layer put under a transport once negotiation is done. */
#ifndef VIRT_RPC_SASL_H
#define VIRT_RPC_SASL_H

#include <stdbool.h>

#include <sasl/sasl.h>

#include "transport.h"

/* "address;port" of the socket's local or remote end, as sasl_*_new
 * takes it; NULL for a unix socket (no address to give). Caller frees. */
char *virtSASLAddress(int fd, bool local);

/* The security strength factor (bits) the session negotiated; -1 on
 * error. 0: no security layer. */
int virtSASLSSF(sasl_conn_t *conn);

/* The session's security layer, for virtTransportSetLayer; the layer
 * takes conn over (it is disposed when the transport is freed), and
 * extra, freed after it (a client's callback list, which SASL keeps
 * using until then; may be NULL). A session without a layer (SSF 0)
 * leaves the bytes as they are. */
int virtSASLLayerNew(sasl_conn_t *conn, void *extra, virtTransportLayer *layer);

#endif /* VIRT_RPC_SASL_H */
