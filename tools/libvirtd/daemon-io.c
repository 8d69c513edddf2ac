/* daemon-io.c: one thread watches every idle client. A client's socket
 * is armed for one readiness report at a time (EPOLLONESHOT); when data
 * (or the end) arrives, the client is handed to the reader pool, which
 * reads what is there and arms it again. So idle clients cost a
 * descriptor and no thread, and one client is never read by two threads
 * at once. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "daemon-server.h"

#define IO_EVENTS 64

static void *ioMain(void *opaque)
{
    daemonServer *srv = opaque;
    struct epoll_event ev[IO_EVENTS];
    for (;;) {
        int n = epoll_wait(srv->io_epoll, ev, IO_EVENTS, -1);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            daemonLog(srv, true, "epoll_wait: %s", strerror(errno));
            return NULL;
        }
        for (int i = 0; i < n; i++) {
            if (!ev[i].data.ptr)
                return NULL;          /* the stop pipe */
            if (!daemonClientReadNow(ev[i].data.ptr))
                daemonWorkersSubmit(srv->io_workers, daemonClientReadable, ev[i].data.ptr);
        }
    }
}

int daemonIOStart(daemonServer *srv, size_t readers)
{
    srv->io_epoll = epoll_create1(EPOLL_CLOEXEC);
    if (srv->io_epoll < 0 || pipe2(srv->io_stop, O_CLOEXEC) < 0)
        return -1;
    struct epoll_event ev = { .events = EPOLLIN, .data.ptr = NULL };
    if (epoll_ctl(srv->io_epoll, EPOLL_CTL_ADD, srv->io_stop[0], &ev) < 0)
        return -1;
    srv->io_workers = daemonWorkersNew(1, readers);
    if (pthread_create(&srv->io_thread, NULL, ioMain, srv) != 0)
        return -1;
    srv->io_running = true;
    return 0;
}

void daemonIOWatch(daemonClient *c)
{
    struct epoll_event ev = { .events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT, .data.ptr = c };
    bool was = c->io_watched;
    /* set first: once armed, another reader may have the client (and
     * free it) before epoll_ctl even returns */
    c->io_watched = true;
    if (epoll_ctl(c->srv->io_epoll, was ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, c->fd, &ev) < 0) {
        c->io_watched = was;
        daemonLog(c->srv, true, "client %lu: cannot watch its socket: %s; disconnecting", c->id,
                  strerror(errno));
        daemonClientClose(c);
        /* read at once: the reader sees the end and lets the client go */
        daemonWorkersSubmit(c->srv->io_workers, daemonClientReadable, c);
    }
}

void daemonIOForget(daemonClient *c)
{
    if (c->io_watched)
        epoll_ctl(c->srv->io_epoll, EPOLL_CTL_DEL, c->fd, NULL);
    c->io_watched = false;
}

void daemonIOStop(daemonServer *srv)
{
    if (srv->io_running) {
        char b = 0;
        if (write(srv->io_stop[1], &b, 1) == 1)
            pthread_join(srv->io_thread, NULL);
        srv->io_running = false;
    }
    daemonWorkersFree(srv->io_workers);
    srv->io_workers = NULL;
    if (srv->io_epoll >= 0)
        close(srv->io_epoll);
    for (int i = 0; i < 2; i++)
        if (srv->io_stop[i] >= 0)
            close(srv->io_stop[i]);
    srv->io_epoll = srv->io_stop[0] = srv->io_stop[1] = -1;
}
