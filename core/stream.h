/* stream.h: the core's stream object (virStreamPtr). A stream is created
 * empty by virStreamNew; a module attaches what backs it when an API such
 * as virDomainScreenshot starts a transfer on it. */
#ifndef VIRT_STREAM_H
#define VIRT_STREAM_H

#include "internal.h"
#include "runtime-api.h"

#define VIRT_STREAM_MAGIC 0x4d4b5331u  /* "MKS1" */

struct _virStream {
    unsigned int magic;
    atomic_int refs;
    virConnectPtr conn;              /* holds a reference */
    unsigned int flags;              /* VIRT_STREAM_NONBLOCK */
    pthread_mutex_t lock;            /* driver, opaque, closed */
    const virtStreamDriver *driver;  /* NULL until a module attaches one */
    size_t driverSize;               /* the module's sizeof(virtStreamDriver) */
    void *opaque;
    bool closed;                     /* finished or aborted */
};

bool virtStreamValid(virStreamPtr st);

/* Services (see virt-module.h). */
int virtStreamAttach(virStreamPtr st, const virtStreamDriver *drv, void *opaque);
int virtStreamAttachBuffer(virStreamPtr st, const void *data, size_t len);
virConnectPtr virtStreamConn(virStreamPtr st);
unsigned int virtStreamFlags(virStreamPtr st);

#endif /* VIRT_STREAM_H */
