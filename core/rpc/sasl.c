/* sasl.c: Cyrus SASL helpers shared by libvirtd and the remote module. */
#include <arpa/inet.h>
#include <netdb.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "sasl.h"
#include "util.h"

char *virtSASLAddress(int fd, bool local)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);
    char host[NI_MAXHOST], serv[NI_MAXSERV];

    memset(&ss, 0, sizeof(ss));
    if ((local ? getsockname(fd, (struct sockaddr *) &ss, &len)
               : getpeername(fd, (struct sockaddr *) &ss, &len)) < 0)
        return NULL;
    if (ss.ss_family != AF_INET && ss.ss_family != AF_INET6)
        return NULL;
    if (getnameinfo((struct sockaddr *) &ss, len, host, sizeof(host), serv, sizeof(serv),
                    NI_NUMERICHOST | NI_NUMERICSERV) != 0)
        return NULL;
    return virtAsprintf("%s;%s", host, serv);
}

int virtSASLSSF(sasl_conn_t *conn)
{
    const void *val = NULL;
    if (sasl_getprop(conn, SASL_SSF, &val) != SASL_OK || !val)
        return -1;
    return (int) *(const sasl_ssf_t *) val;
}

/* The layer's state: the session, and a lock because the reading and the
 * writing thread share it. */
typedef struct {
    sasl_conn_t *conn;
    void *extra;
    pthread_mutex_t lock;
} saslLayer;

static int layerEncode(void *opaque, const unsigned char *in, size_t len,
                       const unsigned char **out, size_t *outlen)
{
    saslLayer *l = opaque;
    const char *o = NULL;
    unsigned int olen = 0;
    pthread_mutex_lock(&l->lock);
    int rc = sasl_encode(l->conn, (const char *) in, (unsigned int) len, &o, &olen);
    pthread_mutex_unlock(&l->lock);
    if (rc != SASL_OK)
        return -1;
    *out = (const unsigned char *) o;
    *outlen = olen;
    return 0;
}

static int layerDecode(void *opaque, const unsigned char *in, size_t len,
                       const unsigned char **out, size_t *outlen)
{
    saslLayer *l = opaque;
    const char *o = NULL;
    unsigned int olen = 0;
    pthread_mutex_lock(&l->lock);
    int rc = sasl_decode(l->conn, (const char *) in, (unsigned int) len, &o, &olen);
    pthread_mutex_unlock(&l->lock);
    if (rc != SASL_OK)
        return -1;
    *out = (const unsigned char *) o;
    *outlen = olen;
    return 0;
}

static void layerRelease(void *opaque)
{
    saslLayer *l = opaque;
    sasl_dispose(&l->conn);
    free(l->extra);
    pthread_mutex_destroy(&l->lock);
    free(l);
}

int virtSASLLayerNew(sasl_conn_t *conn, void *extra, virtTransportLayer *layer)
{
    const void *val = NULL;
    if (sasl_getprop(conn, SASL_MAXOUTBUF, &val) != SASL_OK || !val)
        return -1;
    unsigned int maxout = *(const unsigned int *) val;
    saslLayer *l = virtAlloc(sizeof(*l));
    l->conn = conn;
    l->extra = extra;
    pthread_mutex_init(&l->lock, NULL);
    /* the peer's buffer bounds what one packet may carry */
    layer->encode = layerEncode;
    layer->decode = layerDecode;
    layer->max_plain = maxout ? maxout : 4096;
    layer->release = layerRelease;
    layer->opaque = l;
    return 0;
}
