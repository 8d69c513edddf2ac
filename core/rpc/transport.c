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
};

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

ssize_t virtTransportRead(virtTransport *t, void *buf, size_t len)
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

ssize_t virtTransportWrite(virtTransport *t, const void *buf, size_t len)
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
