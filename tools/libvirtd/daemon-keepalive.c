/* daemon-keepalive.c: the server's half of libvirt's keepalive program.
 * A client that asked for keepalive and then goes silent is sent a PING
 * every keepalive_interval seconds; any message from it counts as an
 * answer; when keepalive_count PINGs in a row went unanswered, the next
 * due one drops it instead (about interval * (count + 1) seconds after it
 * last spoke, as with libvirt). */
#include <stdlib.h>
#include <time.h>

#include "daemon-server.h"
#include "message.h"
#include "util.h"

void daemonKeepaliveStart(daemonClient *c)
{
    const daemonConfig *cfg = c->srv->cfg;
    if (cfg->keepalive_interval <= 0)
        return;
    pthread_mutex_lock(&c->lock);
    c->ka_on = true;
    c->ka_left = cfg->keepalive_count;
    c->ka_due = time(NULL) + cfg->keepalive_interval;
    pthread_mutex_unlock(&c->lock);
}

void daemonKeepaliveHeard(daemonClient *c)
{
    pthread_mutex_lock(&c->lock);
    if (c->ka_on) {
        c->ka_left = c->srv->cfg->keepalive_count;
        c->ka_due = time(NULL) + c->srv->cfg->keepalive_interval;
    }
    pthread_mutex_unlock(&c->lock);
}

void daemonKeepaliveTick(daemonServer *srv)
{
    time_t now = time(NULL);
    daemonClient **ping = NULL;
    size_t nping = 0;

    pthread_mutex_lock(&srv->lock);
    for (daemonClient *c = srv->clients; c; c = c->next) {
        pthread_mutex_lock(&c->lock);
        /* refs 0: being freed, about to leave the list */
        if (c->refs > 0 && c->ka_on && now >= c->ka_due) {
            if (c->ka_left <= 0) {
                c->ka_on = false;
                daemonLog(srv, true, "client %lu (%s): no response after %d keepalive messages "
                          "in %d seconds; disconnecting", c->id, c->peer, srv->cfg->keepalive_count,
                          srv->cfg->keepalive_interval * (srv->cfg->keepalive_count + 1));
                daemonClientClose(c);
            } else {
                c->ka_left--;
                c->ka_due = now + srv->cfg->keepalive_interval;
                c->refs++;
                ping = virtRealloc(ping, (nping + 1) * sizeof(*ping));
                ping[nping++] = c;
            }
        }
        pthread_mutex_unlock(&c->lock);
    }
    pthread_mutex_unlock(&srv->lock);

    /* sent outside the server's lock: a full socket may block a while */
    unsigned char *out = NULL;
    size_t outlen = 0;
    int rc = nping ? virtRPCEncodeKeepalive(VIRT_RPC_KEEPALIVE_PING, &out, &outlen) : -1;
    for (size_t i = 0; i < nping; i++) {
        if (rc == 0)
            daemonClientSend(ping[i], out, outlen);
        daemonClientUnref(ping[i]);
    }
    free(out);
    free(ping);
}
