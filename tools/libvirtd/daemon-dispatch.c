/* daemon-dispatch.c: one CALL from decoding to REPLY. The reader thread
 * decodes the arguments (so a malformed body drops the client at once);
 * a worker runs the call and sends the reply. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daemon-dispatch-table.h"
#include "daemon-dispatch.h"
#include "entry.h"
#include "error.h"

typedef struct daemonCall {
    daemonClient *client;          /* holds a reference */
    virtRPCHeader hdr;
    const daemonProgram *prog;     /* the program of hdr.prog */
    const virtRPCProcedure *proc;  /* NULL: unknown procedure */
    void *args;
    int *fds;                      /* passed beside the CALL, owned until taken */
    size_t nfds;
} daemonCall;

/* The call a worker runs, for daemonCallTakeFDs. */
static _Thread_local daemonCall *currentCall;

void daemonCloseFDs(int *fds, size_t nfds)
{
    for (size_t i = 0; i < nfds; i++)
        if (fds[i] >= 0)
            close(fds[i]);
    free(fds);
}

size_t daemonCallTakeFDs(int **fds)
{
    *fds = NULL;
    if (!currentCall)
        return 0;
    size_t n = currentCall->nfds;
    *fds = currentCall->fds;
    currentCall->fds = NULL;
    currentCall->nfds = 0;
    return n;
}

const daemonProgram *daemonProgramFind(unsigned int prog)
{
    for (size_t i = 0; i < daemonProgramsCount; i++)
        if (daemonPrograms[i].prog == prog)
            return &daemonPrograms[i];
    return NULL;
}

static const daemonDispatchEntry *findEntry(const daemonProgram *prog, int proc)
{
    size_t lo = 0, hi = prog->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (prog->table[mid].proc == proc)
            return &prog->table[mid];
        if (prog->table[mid].proc < proc)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* Run the call; 0 with ret filled or -1 with the thread's error set.
 * *connp: the connection reference taken, dropped once the reply is built. */
static int runCall(daemonCall *call, void *ret, virConnectPtr *connp)
{
    daemonClient *c = call->client;
    const virtRPCProcedure *p = call->proc;
    const daemonDispatchEntry *e = NULL;
    virConnectPtr conn = NULL;
    int rc = -1;

    /* the admin program only on the admin socket, and only it there */
    if ((call->hdr.prog == ADMIN_PROGRAM) != (c->kind == DAEMON_LISTEN_UNIX_ADMIN)) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_RPC, VIR_ERR_RPC,
                       "the %s program is not served on this socket", call->prog->name);
        return -1;
    }
    if (call->hdr.vers != call->prog->vers) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_RPC, VIR_ERR_RPC,
                       "unsupported version %u of the %s program", call->hdr.vers,
                       call->prog->name);
        return -1;
    }
    /* A refusal of a public function reads as the library's own, with its
     * error domain, so that a client cannot tell it was the daemon's. */
    if (p && c->readonly && p->mutating) {
        if (p->api)
            virtReportReadOnly(NULL, p->api);
        else
            virtErrorRaise(NULL, NULL, NULL, VIR_FROM_REMOTE, VIR_ERR_OPERATION_DENIED,
                           "%s is refused on the read-only socket", p->name);
        return -1;
    }
    if (p && p->api && !findEntry(call->prog, p->proc)) {
        virtReportNoSupport(NULL, p->api);
        return -1;
    }
    if (!p) {
        /* a number the program does not have: libvirt's RPC layer answers */
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_RPC, VIR_ERR_RPC, "unknown procedure: %d", call->hdr.proc);
        return -1;
    }
    if (!(e = findEntry(call->prog, p->proc))) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_REMOTE, VIR_ERR_NO_SUPPORT,
                       "procedure %d %s is not implemented by this daemon", call->hdr.proc, p->name);
        return -1;
    }
    if (e->needs_conn && !(conn = daemonClientGetConn(c)))
        return -1;
    rc = e->fn(c, conn, call->args, ret);
    if (rc < 0 && !virGetLastError())
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_REMOTE, VIR_ERR_INTERNAL_ERROR,
                       "%s failed without saying why", p->name);
    *connp = conn;
    return rc;
}

static void workCall(void *opaque)
{
    daemonCall *call = opaque;
    daemonClient *c = call->client;
    const virtRPCProcedure *p = call->proc;
    void *ret = p && p->ret_size ? virtAlloc(p->ret_size) : NULL;
    unsigned char *out = NULL;
    size_t outlen = 0;
    virConnectPtr conn = NULL;
    int rc;

    if (ret)
        memset(ret, 0, p->ret_size);
    virResetLastError();
    currentCall = call;
    rc = runCall(call, ret, &conn);
    currentCall = NULL;
    if (rc == 0) {
        virtRPCHeader h = call->hdr;
        h.type = VIRT_RPC_REPLY;
        h.status = VIRT_RPC_OK;
        if (virtRPCEncode(&h, p->ret_codec, ret, &out, &outlen) < 0) {
            virtErrorRaise(NULL, NULL, NULL, VIR_FROM_RPC, VIR_ERR_RPC,
                           "the reply to %s is too large or cannot be encoded", p->name);
            rc = -1;
        }
    }
    if (rc < 0) {
        virErrorPtr err = virGetLastError();
        daemonLog(c->srv, false, "client %lu: procedure %d failed: %s", c->id, call->hdr.proc,
                  err && err->message ? err->message : "?");
        free(out);
        out = NULL;
        if (virtRPCEncodeError(&call->hdr, err, &out, &outlen) < 0)
            out = NULL;
    } else {
        daemonLog(c->srv, false, "client %lu: procedure %d (%s) done", c->id, call->hdr.proc,
                  p->name);
    }
    if (conn)
        virConnectClose(conn);
    if (out)
        daemonClientSend(c, out, outlen);
    /* no reply to send, or the client said goodbye: libvirt's daemon closes
     * once CONNECT_CLOSE is answered, and an ssh client waits for that */
    if (!out || (rc == 0 && strcmp(p->name, "CONNECT_CLOSE") == 0))
        daemonClientClose(c);
    free(out);
    if (ret) {
        virtXDRFreeWith(p->ret_codec, ret);
        free(ret);
    }
    if (call->args) {
        virtXDRFreeWith(p->args_codec, call->args);
        free(call->args);
    }
    daemonCloseFDs(call->fds, call->nfds);      /* those the call did not take */
    virResetLastError();
    pthread_mutex_lock(&c->lock);
    c->inflight--;
    pthread_cond_signal(&c->idle);
    pthread_mutex_unlock(&c->lock);
    daemonClientUnref(c);
    free(call);
}

int daemonDispatchQueue(daemonClient *c, const virtRPCHeader *hdr,
                        const unsigned char *body, size_t len, int *fds, size_t nfds)
{
    const daemonProgram *prog = daemonProgramFind(hdr->prog);
    const virtRPCProcedure *p = prog ? prog->lookup(hdr->proc) : NULL;
    void *args = NULL;

    if (!prog) {
        daemonCloseFDs(fds, nfds);
        return -1;
    }
    if (p && hdr->vers == prog->vers) {
        if (p->args_size)
            args = virtAlloc(p->args_size);
        if (virtRPCDecodeBody(body, len, p->args_codec, args) < 0) {
            free(args);
            daemonCloseFDs(fds, nfds);
            return -1;
        }
    }
    daemonCall *call = virtAlloc(sizeof(*call));
    call->client = c;
    call->hdr = *hdr;
    call->prog = prog;
    call->proc = p;
    call->args = args;
    call->fds = fds;
    call->nfds = nfds;
    /* a client may have max_client_requests calls at once (an admin one
     * admin_max_client_requests) */
    int limit = c->kind == DAEMON_LISTEN_UNIX_ADMIN ? c->srv->cfg->admin_max_client_requests
              : c->srv->cfg->max_client_requests ? c->srv->cfg->max_client_requests
                                                 : DAEMON_CLIENT_MAX_CALLS;
    pthread_mutex_lock(&c->lock);
    while (c->inflight >= limit)
        pthread_cond_wait(&c->idle, &c->lock);
    c->inflight++;
    c->refs++;
    pthread_mutex_unlock(&c->lock);
    daemonWorkersSubmit(c->kind == DAEMON_LISTEN_UNIX_ADMIN ? c->srv->admin_workers : c->srv->workers,
                        workCall, call);
    return 0;
}
