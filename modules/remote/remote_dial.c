/* remote_dial.c: open the byte stream a remote connection runs on. */
#include <errno.h>
#include <netdb.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "remote_dial.h"
#include "transport.h"
#include "util.h"

extern char **environ;

static int dialUnix(const virtCoreServices *core, virConnectPtr conn, const char *path)
{
    char *err = NULL;
    int fd = virtTransportDialUnix(path, &err);
    if (fd < 0) {
        core->error(conn, VIR_FROM_RPC, VIR_ERR_SYSTEM_ERROR, "%s", err);
        free(err);
    }
    return fd;
}

/* Try each address of host:port in turn (IPv4 and IPv6). */
static int dialTCP(const virtCoreServices *core, virConnectPtr conn,
                   const char *host, const char *port)
{
    struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                              .ai_flags = AI_ADDRCONFIG };
    struct addrinfo *list = NULL;
    int rc = getaddrinfo(host, port, &hints, &list);
    if (rc != 0) {
        core->error(conn, VIR_FROM_RPC, VIR_ERR_SYSTEM_ERROR,
                    "unable to resolve address '%s' service '%s': %s",
                    host, port, gai_strerror(rc));
        return -1;
    }
    int fd = -1, saved = ECONNREFUSED;
    for (struct addrinfo *ai = list; ai && fd < 0; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0) {
            saved = errno;
            continue;
        }
        if (connect(fd, ai->ai_addr, ai->ai_addrlen) < 0) {
            saved = errno;
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(list);
    if (fd < 0)
        core->error(conn, VIR_FROM_RPC, VIR_ERR_SYSTEM_ERROR,
                    "unable to connect to server at '%s:%s': %s", host, port, strerror(saved));
    return fd;
}

/* Start argv with one end of a socket pair as its stdin and stdout. */
static int dialCommand(const virtCoreServices *core, virConnectPtr conn,
                       char **argv, pid_t *child)
{
    int sv[2];
    posix_spawn_file_actions_t fa;
    pid_t pid;

    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
        core->error(conn, VIR_FROM_RPC, VIR_ERR_SYSTEM_ERROR,
                    "cannot create a socket pair: %s", strerror(errno));
        return -1;
    }
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, sv[1], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&fa, sv[1], STDOUT_FILENO);
    int rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(sv[1]);
    if (rc != 0) {
        close(sv[0]);
        core->error(conn, VIR_FROM_RPC, VIR_ERR_SYSTEM_ERROR,
                    "cannot run '%s': %s", argv[0], strerror(rc));
        return -1;
    }
    *child = pid;
    return sv[0];
}

int remoteDial(const virtCoreServices *core, virConnectPtr conn,
               const remotePlan *plan, int *fd, pid_t *child)
{
    *child = -1;
    switch (plan->transport) {
    case REMOTE_TRANSPORT_UNIX:
        *fd = dialUnix(core, conn, plan->socket);
        break;
    case REMOTE_TRANSPORT_TCP:
    case REMOTE_TRANSPORT_TLS:
        *fd = dialTCP(core, conn, plan->host, plan->port);
        break;
    case REMOTE_TRANSPORT_SSH:
    case REMOTE_TRANSPORT_EXT:
        *fd = dialCommand(core, conn, plan->argv, child);
        break;
    }
    return *fd < 0 ? -1 : 0;
}

void remoteReapChild(pid_t child)
{
    if (child <= 0)
        return;
    for (int i = 0; i < 100; i++) {
        pid_t r = waitpid(child, NULL, WNOHANG);
        if (r == child || (r < 0 && errno != EINTR))
            return;
        struct timespec ts = { 0, 10 * 1000 * 1000 };
        nanosleep(&ts, NULL);
    }
    kill(child, SIGTERM);
    while (waitpid(child, NULL, 0) < 0 && errno == EINTR)
        ;
}
