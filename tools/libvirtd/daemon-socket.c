/* daemon-socket.c: create the unix and TCP listening sockets. */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "daemon-socket.h"
#include "util.h"

#define LISTEN_BACKLOG 256

int daemonMakeDirs(const char *dir)
{
    return virtMakeDirs(dir, 0755);
}

int daemonSocketUnix(const char *path, mode_t perms, const char *group, int backlog, char **err)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    int fd = -1;
    char *dir = virtStrdup(path);
    char *slash = strrchr(dir, '/');

    if (strlen(path) >= sizeof(sa.sun_path)) {
        *err = virtAsprintf("socket path %s is too long", path);
        goto error;
    }
    if (slash && slash != dir) {
        *slash = '\0';
        if (daemonMakeDirs(dir) < 0) {
            *err = virtAsprintf("cannot create socket folder %s: %s", dir, strerror(errno));
            goto error;
        }
    }
    strcpy(sa.sun_path, path);
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        *err = virtAsprintf("socket: %s", strerror(errno));
        goto error;
    }
    unlink(path);
    /* Bind with no access at all, then open it up: no window where the
     * socket is reachable with the wrong permissions. */
    mode_t old = umask(0777);
    int rc = bind(fd, (struct sockaddr *) &sa, sizeof(sa));
    umask(old);
    if (rc < 0) {
        *err = virtAsprintf("cannot bind %s: %s", path, strerror(errno));
        goto error;
    }
    if (group) {
        struct group *gr = getgrnam(group);
        if (!gr) {
            *err = virtAsprintf("unix_sock_group: no group named '%s'", group);
            goto error_unlink;
        }
        if (chown(path, (uid_t) -1, gr->gr_gid) < 0) {
            *err = virtAsprintf("cannot give %s to group %s: %s", path, group, strerror(errno));
            goto error_unlink;
        }
    }
    if (chmod(path, perms) < 0) {
        *err = virtAsprintf("cannot set permissions of %s: %s", path, strerror(errno));
        goto error_unlink;
    }
    if (listen(fd, backlog > 0 ? backlog : LISTEN_BACKLOG) < 0) {
        *err = virtAsprintf("cannot listen on %s: %s", path, strerror(errno));
        goto error_unlink;
    }
    free(dir);
    return fd;

 error_unlink:
    unlink(path);
 error:
    if (fd >= 0)
        close(fd);
    free(dir);
    return -1;
}

int daemonSocketTCP(const char *addr, const char *service, int **fds, size_t *nfds, char **err)
{
    struct addrinfo hints = { .ai_flags = AI_PASSIVE | AI_ADDRCONFIG, .ai_socktype = SOCK_STREAM };
    struct addrinfo *res = NULL;
    int count = 0;
    int rc = getaddrinfo(addr, service, &hints, &res);
    if (rc == EAI_NONAME || rc == EAI_ADDRFAMILY) {
        /* AI_ADDRCONFIG hides ::1 on hosts with only loopback IPv6. */
        hints.ai_flags = AI_PASSIVE;
        rc = getaddrinfo(addr, service, &hints, &res);
    }
    if (rc != 0) {
        *err = virtAsprintf("cannot resolve %s port %s: %s", addr ? addr : "(any)", service,
                            gai_strerror(rc));
        return -1;
    }
    for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
        int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        int one = 1;
        if (fd < 0) {
            if (errno == EAFNOSUPPORT)
                continue;
            *err = virtAsprintf("socket: %s", strerror(errno));
            goto error;
        }
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
        if (ai->ai_family == AF_INET6)
            setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
        if (bind(fd, ai->ai_addr, ai->ai_addrlen) < 0 || listen(fd, LISTEN_BACKLOG) < 0) {
            char host[NI_MAXHOST] = "?";
            getnameinfo(ai->ai_addr, ai->ai_addrlen, host, sizeof(host), NULL, 0, NI_NUMERICHOST);
            *err = virtAsprintf("cannot listen on %s port %s: %s", host, service, strerror(errno));
            close(fd);
            goto error;
        }
        *fds = virtRealloc(*fds, (*nfds + 1) * sizeof(int));
        (*fds)[(*nfds)++] = fd;
        count++;
    }
    freeaddrinfo(res);
    if (count == 0) {
        *err = virtAsprintf("no usable address for %s port %s", addr ? addr : "(any)", service);
        return -1;
    }
    return count;

 error:
    freeaddrinfo(res);
    return -1;
}

void daemonSocketPeer(int fd, char *buf, size_t len)
{
    struct sockaddr_storage ss;
    socklen_t sl = sizeof(ss);
    snprintf(buf, len, "unknown");
    if (getpeername(fd, (struct sockaddr *) &ss, &sl) < 0)
        return;
    if (ss.ss_family == AF_UNIX) {
        snprintf(buf, len, "unix");
        return;
    }
    if (getnameinfo((struct sockaddr *) &ss, sl, buf, (socklen_t) len, NULL, 0, NI_NUMERICHOST) != 0)
        snprintf(buf, len, "unknown");
    /* An IPv4 client on a dual-stack socket shows as ::ffff:a.b.c.d. */
    if (strncmp(buf, "::ffff:", 7) == 0 && strchr(buf + 7, '.'))
        memmove(buf, buf + 7, strlen(buf + 7) + 1);
}
