/* daemon-systemd.c: socket activation and readiness notification, the
 * two parts of the service manager's protocol libvirtd speaks. No
 * libsystemd: both are a few environment variables and one datagram. */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "daemon-systemd.h"
#include "log.h"
#include "util.h"

VIRT_LOG_INIT("daemon.systemd");

/* Handed-over descriptors are numbered from here on. */
#define LISTEN_FDS_START 3

typedef struct {
    char *name;
    int fd;          /* -1 once claimed */
} activationFD;

struct daemonActivation {
    activationFD *fds;
    size_t nfds;
};

/* The slot an unnamed socket matches by its address, or NULL. */
static const char *slotOf(int fd, const daemonActivationSlot *slots, size_t nslots)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);
    memset(&ss, 0, sizeof(ss));
    if (getsockname(fd, (struct sockaddr *) &ss, &len) < 0)
        return NULL;
    for (size_t i = 0; i < nslots; i++) {
        const daemonActivationSlot *s = &slots[i];
        if (ss.ss_family == AF_UNIX && s->path) {
            const struct sockaddr_un *un = (const struct sockaddr_un *) &ss;
            if (strcmp(un->sun_path, s->path) == 0)
                return s->name;
        } else if (ss.ss_family == AF_INET && !s->path) {
            if (ntohs(((const struct sockaddr_in *) &ss)->sin_port) == s->port)
                return s->name;
        } else if (ss.ss_family == AF_INET6 && !s->path) {
            if (ntohs(((const struct sockaddr_in6 *) &ss)->sin6_port) == s->port)
                return s->name;
        }
    }
    return NULL;
}

/* A number from the environment, or -1 when unset or not one. */
static long envNumber(const char *var)
{
    const char *text = getenv(var);
    char *end;
    if (!text || !*text)
        return -1;
    errno = 0;
    long v = strtol(text, &end, 10);
    return errno || *end || v < 0 ? -1 : v;
}

int daemonActivationGet(const daemonActivationSlot *slots, size_t nslots,
                        daemonActivation **act, char **err)
{
    *act = NULL;
    long pid = envNumber("LISTEN_PID");
    if (pid < 0 || (pid_t) pid != getpid()) {
        VIRT_DEBUG("no sockets handed over (LISTEN_PID %s)",
                   getenv("LISTEN_PID") ? getenv("LISTEN_PID") : "unset");
        return 0;
    }
    long nfds = envNumber("LISTEN_FDS");
    char *names = getenv("LISTEN_FDNAMES") ? virtStrdup(getenv("LISTEN_FDNAMES")) : NULL;
    unsetenv("LISTEN_PID");
    unsetenv("LISTEN_FDS");
    unsetenv("LISTEN_FDNAMES");
    if (nfds <= 0) {
        free(names);
        return 0;
    }
    if (nfds > 64) {
        *err = virtAsprintf("socket activation: LISTEN_FDS=%ld is more sockets than libvirtd serves", nfds);
        free(names);
        return -1;
    }

    daemonActivation *a = virtAlloc(sizeof(*a));
    a->fds = virtAlloc((size_t) nfds * sizeof(*a->fds));
    a->nfds = (size_t) nfds;
    /* every one owned from the start: an error on one still closes all */
    for (size_t i = 0; i < a->nfds; i++)
        a->fds[i].fd = LISTEN_FDS_START + (int) i;
    char *save = NULL, *next = names ? strtok_r(names, ":", &save) : NULL;
    size_t nnames = 0;
    for (size_t i = 0; i < a->nfds; i++) {
        int fd = a->fds[i].fd;
        if (fcntl(fd, F_SETFD, FD_CLOEXEC) < 0) {
            *err = virtAsprintf("socket activation: descriptor %d was not handed over: %s", fd,
                                strerror(errno));
            goto error;
        }
        /* the server polls before it accepts: a client gone in between
         * must not block it */
        int fl = fcntl(fd, F_GETFL);
        if (fl >= 0)
            (void) fcntl(fd, F_SETFL, fl | O_NONBLOCK);
        if (names) {
            if (next) {
                a->fds[i].name = virtStrdup(next);
                nnames++;
                next = strtok_r(NULL, ":", &save);
            }
        } else {
            const char *slot = slotOf(fd, slots, nslots);
            a->fds[i].name = virtStrdup(slot ? slot : "unknown");
        }
        VIRT_DEBUG("socket activation: descriptor %d is '%s'", fd,
                   a->fds[i].name ? a->fds[i].name : "?");
    }
    if (names && (nnames != a->nfds || next)) {
        size_t given = nnames;
        while (next) {
            given++;
            next = strtok_r(NULL, ":", &save);
        }
        *err = virtAsprintf("socket activation: Expecting %zu FD names but got %zu", a->nfds, given);
        goto error;
    }
    free(names);
    *act = a;
    return 0;

 error:
    free(names);
    daemonActivationFree(a);
    return -1;
}

bool daemonActivationHas(const daemonActivation *act, const char *name)
{
    for (size_t i = 0; act && i < act->nfds; i++)
        if (act->fds[i].fd >= 0 && strcmp(act->fds[i].name, name) == 0)
            return true;
    return false;
}

int *daemonActivationClaim(daemonActivation *act, const char *name, size_t *n)
{
    int *fds = NULL;
    *n = 0;
    for (size_t i = 0; act && i < act->nfds; i++) {
        if (act->fds[i].fd < 0 || strcmp(act->fds[i].name, name) != 0)
            continue;
        fds = virtRealloc(fds, (*n + 1) * sizeof(int));
        fds[(*n)++] = act->fds[i].fd;
        act->fds[i].fd = -1;
    }
    return fds;
}

int daemonActivationComplete(const daemonActivation *act, char **err)
{
    for (size_t i = 0; act && i < act->nfds; i++) {
        if (act->fds[i].fd >= 0) {
            *err = virtAsprintf("socket activation: Some activation file descriptors are unclaimed "
                                "(descriptor %d, named '%s')", act->fds[i].fd, act->fds[i].name);
            return -1;
        }
    }
    return 0;
}

void daemonActivationFree(daemonActivation *act)
{
    if (!act)
        return;
    for (size_t i = 0; i < act->nfds; i++) {
        if (act->fds[i].fd >= 0)
            close(act->fds[i].fd);
        free(act->fds[i].name);
    }
    free(act->fds);
    free(act);
}

void daemonNotify(const char *state)
{
    const char *path = getenv("NOTIFY_SOCKET");
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    size_t len;
    if (!path || !*path)
        return;
    len = strlen(path);
    if ((path[0] != '/' && path[0] != '@') || len >= sizeof(sa.sun_path)) {
        VIRT_WARN("NOTIFY_SOCKET '%s' is not a socket path", path);
        return;
    }
    memcpy(sa.sun_path, path, len);
    if (path[0] == '@')
        sa.sun_path[0] = '\0';   /* abstract namespace */
    int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        VIRT_WARN("cannot tell the service manager '%s': %s", state, strerror(errno));
        return;
    }
    socklen_t salen = (socklen_t) (offsetof(struct sockaddr_un, sun_path) + len);
    if (sendto(fd, state, strlen(state), MSG_NOSIGNAL, (struct sockaddr *) &sa, salen) < 0)
        VIRT_WARN("cannot tell the service manager '%s' on %s: %s", state, path, strerror(errno));
    else
        VIRT_DEBUG("told the service manager '%s'", state);
    close(fd);
}
