/* transport.c: bytes over a plain descriptor or a gnutls session, and
 * whole length-prefixed RPC frames on top. One thread may read while
 * another writes (gnutls allows one of each on a session). */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "message.h"
#include "transport.h"
#include "util.h"

struct virtTransport {
    int fd;
    gnutls_session_t tls;    /* NULL: plain descriptor */
    bool notSocket;          /* a pipe: use write(2), not send(2) */
    bool layered;            /* layer below is in use */
    virtTransportLayer layer;
    unsigned char *plain;    /* decoded bytes not yet handed out */
    size_t plainLen, plainPos;
};

/* Raw bytes read per call when a layer has to decode them. */
#define LAYER_READ_CHUNK 16384

virtTransport *virtTransportNewFD(int fd)
{
    virtTransport *t = calloc(1, sizeof(*t));
    if (!t)
        return NULL;
    t->fd = fd;
    return t;
}

virtTransport *virtTransportNewTLS(int fd, gnutls_session_t s)
{
    virtTransport *t = virtTransportNewFD(fd);
    if (t)
        t->tls = s;
    return t;
}

int virtTransportFD(virtTransport *t)
{
    return t->fd;
}

int virtTransportTLSKeyBits(virtTransport *t)
{
    if (!t->tls)
        return 0;
    return (int) gnutls_cipher_get_key_size(gnutls_cipher_get(t->tls)) * 8;
}

static ssize_t rawRead(virtTransport *t, void *buf, size_t len)
{
    for (;;) {
        if (t->tls) {
            ssize_t n = gnutls_record_recv(t->tls, buf, len);
            if (n >= 0)
                return n;
            if (n == GNUTLS_E_INTERRUPTED || n == GNUTLS_E_AGAIN)
                continue;
            /* A peer that closes without a TLS close_notify is still
             * an end of stream for a length-framed protocol. */
            if (n == GNUTLS_E_PREMATURE_TERMINATION)
                return 0;
            errno = EIO;
            return -1;
        }
        ssize_t n = read(t->fd, buf, len);
        if (n >= 0 || errno != EINTR)
            return n;
    }
}

static ssize_t rawWrite(virtTransport *t, const void *buf, size_t len)
{
    for (;;) {
        ssize_t n;
        if (t->tls) {
            n = gnutls_record_send(t->tls, buf, len);
            if (n >= 0)
                return n;
            if (n == GNUTLS_E_INTERRUPTED || n == GNUTLS_E_AGAIN)
                continue;
            errno = EIO;
            return -1;
        }
        if (!t->notSocket) {
            /* send() so that a vanished peer is EPIPE, not SIGPIPE */
            n = send(t->fd, buf, len, MSG_NOSIGNAL);
            if (n < 0 && errno == ENOTSOCK) {
                t->notSocket = true;
                continue;
            }
        } else {
            n = write(t->fd, buf, len);
        }
        if (n >= 0 || errno != EINTR)
            return n;
    }
}

static int rawWriteAll(virtTransport *t, const void *buf, size_t len)
{
    const unsigned char *p = buf;
    while (len > 0) {
        ssize_t n = rawWrite(t, p, len);
        if (n <= 0) {
            if (n == 0)
                errno = EPIPE;
            return -1;
        }
        p += n;
        len -= (size_t) n;
    }
    return 0;
}

void virtTransportSetLayer(virtTransport *t, const virtTransportLayer *layer)
{
    t->layer = *layer;
    t->layered = true;
}

/* Hand out decoded bytes, reading and decoding more when none are left. */
static ssize_t layerRead(virtTransport *t, unsigned char *buf, size_t len)
{
    while (t->plainPos == t->plainLen) {
        unsigned char raw[LAYER_READ_CHUNK];
        ssize_t n = rawRead(t, raw, sizeof(raw));
        if (n <= 0)
            return n;
        const unsigned char *out = NULL;
        size_t outlen = 0;
        if (t->layer.decode(t->layer.opaque, raw, (size_t) n, &out, &outlen) < 0) {
            errno = EPROTO;
            return -1;
        }
        if (outlen > 0) {
            unsigned char *copy = realloc(t->plain, outlen);
            if (!copy) {
                errno = ENOMEM;
                return -1;
            }
            memcpy(copy, out, outlen);
            t->plain = copy;
            t->plainLen = outlen;
            t->plainPos = 0;
        }
    }
    size_t n = t->plainLen - t->plainPos;
    if (n > len)
        n = len;
    memcpy(buf, t->plain + t->plainPos, n);
    t->plainPos += n;
    return (ssize_t) n;
}

/* Encode at most max_plain bytes and send all of what that became. */
static ssize_t layerWrite(virtTransport *t, const unsigned char *buf, size_t len)
{
    if (len > t->layer.max_plain)
        len = t->layer.max_plain;
    const unsigned char *out = NULL;
    size_t outlen = 0;
    if (t->layer.encode(t->layer.opaque, buf, len, &out, &outlen) < 0) {
        errno = EPROTO;
        return -1;
    }
    if (rawWriteAll(t, out, outlen) < 0)
        return -1;
    return (ssize_t) len;
}

ssize_t virtTransportRead(virtTransport *t, void *buf, size_t len)
{
    return t->layered ? layerRead(t, buf, len) : rawRead(t, buf, len);
}

ssize_t virtTransportWrite(virtTransport *t, const void *buf, size_t len)
{
    return t->layered ? layerWrite(t, buf, len) : rawWrite(t, buf, len);
}

int virtTransportWriteAll(virtTransport *t, const void *buf, size_t len)
{
    const unsigned char *p = buf;
    while (len > 0) {
        ssize_t n = virtTransportWrite(t, p, len);
        if (n <= 0) {
            if (n == 0)
                errno = EPIPE;
            return -1;
        }
        p += n;
        len -= (size_t) n;
    }
    return 0;
}

/* Fill buf completely: 0, 1 at end of stream before any byte, -1 otherwise. */
static int readFull(virtTransport *t, unsigned char *buf, size_t len)
{
    size_t got = 0;
    while (got < len) {
        ssize_t n = virtTransportRead(t, buf + got, len - got);
        if (n < 0)
            return -1;
        if (n == 0) {
            if (got == 0)
                return 1;
            errno = ECONNRESET;     /* truncated */
            return -1;
        }
        got += (size_t) n;
    }
    return 0;
}

int virtTransportReadFrame(virtTransport *t, unsigned char **frame, size_t *len)
{
    unsigned char word[VIRT_RPC_LEN_SIZE];
    *frame = NULL;
    *len = 0;

    int rc = readFull(t, word, sizeof(word));
    if (rc != 0)
        return rc;
    int64_t total = virtRPCFrameLength(word);
    if (total < 0) {
        errno = EMSGSIZE;
        return -1;
    }
    unsigned char *buf = malloc((size_t) total);
    if (!buf) {
        errno = ENOMEM;
        return -1;
    }
    memcpy(buf, word, sizeof(word));
    rc = readFull(t, buf + sizeof(word), (size_t) total - sizeof(word));
    if (rc != 0) {
        free(buf);
        if (rc == 1)
            errno = ECONNRESET;
        return -1;
    }
    *frame = buf;
    *len = (size_t) total;
    return 0;
}

void virtTransportFree(virtTransport *t)
{
    if (!t)
        return;
    if (t->tls)
        gnutls_deinit(t->tls);
    if (t->layered && t->layer.release)
        t->layer.release(t->layer.opaque);
    free(t->plain);
    if (t->fd >= 0)
        close(t->fd);
    free(t);
}

int virtTransportDialUnix(const char *path, char **err)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    if (strlen(path) >= sizeof(addr.sun_path)) {
        *err = virtAsprintf("unix socket path '%s' is too long", path);
        return -1;
    }
    strcpy(addr.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        *err = virtAsprintf("cannot create a unix socket: %s", strerror(errno));
        return -1;
    }
    if (connect(fd, (struct sockaddr *) &addr, sizeof(addr)) < 0) {
        int saved = errno;
        close(fd);
        *err = virtAsprintf("Failed to connect socket to '%s': %s", path, strerror(saved));
        return -1;
    }
    return fd;
}
