/* daemon-server.c: accept clients on every listener until told to stop. */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "daemon-server.h"
#include "util.h"

void daemonLog(const daemonServer *srv, bool error, const char *fmt, ...)
{
    va_list ap;
    if (!error && !(srv && srv->verbose))
        return;
    va_start(ap, fmt);
    char *msg = virtVasprintf(fmt, ap);
    va_end(ap);
    fprintf(stderr, "libvirtd: %s%s\n", error ? "error: " : "", msg);
    free(msg);
}

int daemonServerAddListener(daemonServer *srv, int fd, daemonListenKind kind,
                            const char *desc, const char *path)
{
    srv->listeners = virtRealloc(srv->listeners, (srv->nlisteners + 1) * sizeof(daemonListener));
    daemonListener *l = &srv->listeners[srv->nlisteners++];
    l->fd = fd;
    l->kind = kind;
    l->desc = virtStrdup(desc);
    l->path = virtStrdup(path);
    daemonLog(srv, false, "listening on %s", desc);
    return 0;
}

static void acceptOne(daemonServer *srv, daemonListener *l)
{
    int fd = accept4(l->fd, NULL, NULL, SOCK_CLOEXEC);
    if (fd < 0) {
        if (errno != EAGAIN && errno != EINTR && errno != ECONNABORTED)
            daemonLog(srv, true, "accept on %s: %s", l->desc, strerror(errno));
        return;
    }
    bool admin = l->kind == DAEMON_LISTEN_UNIX_ADMIN;
    int limit = admin ? srv->admin_max_clients : srv->max_clients;
    bool full = daemonServerCount(srv, admin) >= limit;
    if (full) {
        daemonLog(srv, true, "refusing a client on %s: %smax_clients (%d) reached",
                  l->desc, admin ? "admin_" : "", limit);
        close(fd);
        return;
    }
    daemonClientStart(srv, fd, l->kind);
}

void daemonServerSetTLS(daemonServer *srv, daemonTLS *tls)
{
    pthread_mutex_lock(&srv->lock);
    srv->tls_retired = virtRealloc(srv->tls_retired, (srv->ntls_retired + 1) * sizeof(daemonTLS *));
    srv->tls_retired[srv->ntls_retired++] = srv->tls;
    srv->tls = tls;
    pthread_mutex_unlock(&srv->lock);
}

daemonTLS *daemonServerGetTLS(daemonServer *srv)
{
    pthread_mutex_lock(&srv->lock);
    daemonTLS *tls = srv->tls;
    pthread_mutex_unlock(&srv->lock);
    return tls;
}

int daemonServerCountUnauth(daemonServer *srv)
{
    int n = 0;
    pthread_mutex_lock(&srv->lock);
    for (daemonClient *c = srv->clients; c; c = c->next) {
        pthread_mutex_lock(&c->lock);
        n += !c->authenticated;
        pthread_mutex_unlock(&c->lock);
    }
    pthread_mutex_unlock(&srv->lock);
    return n;
}

int daemonServerCount(daemonServer *srv, bool admin)
{
    int n = 0;
    pthread_mutex_lock(&srv->lock);
    for (daemonClient *c = srv->clients; c; c = c->next)
        n += (c->kind == DAEMON_LISTEN_UNIX_ADMIN) == admin;
    pthread_mutex_unlock(&srv->lock);
    return n;
}

void daemonServerRun(daemonServer *srv)
{
    size_t n = srv->nlisteners;
    struct pollfd *fds = virtAlloc((n + 1) * sizeof(struct pollfd));
    time_t idleSince = time(NULL);

    for (size_t i = 0; i < n; i++) {
        fds[i].fd = srv->listeners[i].fd;
        fds[i].events = POLLIN;
    }
    fds[n].fd = srv->wakefd[0];
    fds[n].events = POLLIN;

    bool suspended = false;
    for (;;) {
        pthread_mutex_lock(&srv->lock);
        int timeout = srv->timeout;
        int maxUnauth = srv->max_unauth;
        pthread_mutex_unlock(&srv->lock);
        /* as libvirt: while max_anonymous_clients wait for authentication,
         * the main server accepts nobody (they wait in the backlog) */
        bool full = maxUnauth > 0 && daemonServerCountUnauth(srv) >= maxUnauth;
        if (full != suspended)
            daemonLog(srv, false, full ? "Temporarily suspending services due to max_anonymous_clients"
                                       : "Re-enabling services");
        suspended = full;
        for (size_t i = 0; i < n; i++)
            fds[i].events = full && srv->listeners[i].kind != DAEMON_LISTEN_UNIX_ADMIN ? 0 : POLLIN;
        int rc = poll(fds, n + 1, full ? 100 : 1000);
        if (rc < 0 && errno != EINTR) {
            daemonLog(srv, true, "poll: %s", strerror(errno));
            break;
        }
        if (rc > 0 && fds[n].revents) {
            daemonLog(srv, false, "signal received; shutting down");
            break;
        }
        for (size_t i = 0; rc > 0 && i < n; i++)
            if (fds[i].revents & POLLIN)
                acceptOne(srv, &srv->listeners[i]);
        daemonKeepaliveTick(srv);
        if (timeout > 0) {
            pthread_mutex_lock(&srv->lock);
            int active = srv->nclients;
            pthread_mutex_unlock(&srv->lock);
            if (active > 0 || timeout <= 0)
                idleSince = time(NULL);
            else if (time(NULL) - idleSince >= timeout) {
                daemonLog(srv, false, "no client for %d seconds; exiting", timeout);
                break;
            }
        }
    }
    free(fds);
}

void daemonServerShutdown(daemonServer *srv)
{
    for (size_t i = 0; i < srv->nlisteners; i++) {
        close(srv->listeners[i].fd);
        if (srv->listeners[i].path)
            unlink(srv->listeners[i].path);
        free(srv->listeners[i].desc);
        free(srv->listeners[i].path);
    }
    free(srv->listeners);
    srv->listeners = NULL;
    srv->nlisteners = 0;

    pthread_mutex_lock(&srv->lock);
    for (daemonClient *c = srv->clients; c; c = c->next)
        daemonClientClose(c);
    while (srv->nclients > 0)
        pthread_cond_wait(&srv->gone, &srv->lock);
    pthread_mutex_unlock(&srv->lock);
}
