/* admin-internal.h: the objects of libvirt-admin.so.0 and its one call
 * primitive. */
#ifndef VIRT_ADMIN_INTERNAL_H
#define VIRT_ADMIN_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include <libvirt/libvirt.h>
#include <libvirt/libvirt-admin.h>
#include "remote_protocol.h"

struct _virAdmConnect {
    int refs;                   /* under lock */
    pthread_mutex_t lock;       /* one call at a time on the socket */
    struct virtTransport *t;
    uint32_t serial;
    bool dead;                  /* the socket failed or the daemon closed it */
    char *uri;
    virAdmConnectCloseFunc closecb;
    void *closeopaque;
    virFreeCallback closefree;
};

struct _virAdmServer {
    virAdmConnectPtr conn;      /* a reference */
    char *name;
};

struct _virAdmClient {
    virAdmServerPtr srv;        /* a reference (a server of its own) */
    uint64_t id;
    int64_t timestamp;
    unsigned int transport;
};

/* Opens the admin socket that uri names (NULL: the default). */
virAdmConnectPtr virtAdmConnect(const char *uri, unsigned int flags);
/* Sends one admin procedure and waits for its reply: 0 with *ret filled,
 * or -1 with the daemon's (or the socket's) error raised. */
int virtAdmCall(virAdmConnectPtr conn, int proc, virtXDRCodec argsc, void *args,
                virtXDRCodec retc, void *ret);
/* Drops the socket and tells the close callback (reason: one of
 * virConnectCloseReason). */
void virtAdmConnectDrop(virAdmConnectPtr conn, int reason);

virAdmServerPtr virtAdmServerNew(virAdmConnectPtr conn, const char *name);
virAdmClientPtr virtAdmClientNew(virAdmServerPtr srv, const admin_nonnull_client *c);

#endif /* VIRT_ADMIN_INTERNAL_H */
