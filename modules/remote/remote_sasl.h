/* remote_sasl.h: the client side of SASL authentication with libvirtd. */
#ifndef REMOTE_SASL_H
#define REMOTE_SASL_H

#include "remote_client.h"
#include "remote_plan.h"

/* Negotiate with the daemon behind client (which asked for SASL in
 * AUTH_LIST), taking credentials from auth.conf and then from auth's
 * callback; on success the stream carries the session's security layer.
 * 0, or -1 with libvirt's error reported on conn. */
int remoteSASLAuthenticate(const virtCoreServices *core, virConnectPtr conn,
                           remoteClient *client, const remotePlan *plan,
                           virConnectAuthPtr auth);

#endif /* REMOTE_SASL_H */
