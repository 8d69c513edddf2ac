/* daemon-socket.h: the listening sockets of libvirtd. */
#ifndef DAEMON_SOCKET_H
#define DAEMON_SOCKET_H

#include <stddef.h>
#include <sys/types.h>

/* mkdir -p, for the socket folder and the pid file's. */
int daemonMakeDirs(const char *dir);
/* Bind a unix socket at path (a stale one is replaced) with perms and,
 * when group is not NULL, that group; backlog is how many connections the
 * kernel queues before accept (0: the default). Returns the fd or -1 with *err. */
int daemonSocketUnix(const char *path, mode_t perms, const char *group, int backlog, char **err);

/* Bind every address getaddrinfo gives for addr (NULL: any, IPv4 and
 * IPv6) and service. Appends fds to *fds. Returns the count or -1 with *err. */
int daemonSocketTCP(const char *addr, const char *service, int **fds, size_t *nfds, char **err);

/* The peer address of a connected socket as text ("127.0.0.1", "::1"),
 * or "unix" for a unix socket. */
void daemonSocketPeer(int fd, char *buf, size_t len);

#endif /* DAEMON_SOCKET_H */
