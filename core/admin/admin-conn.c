/* admin-conn.c: the admin connection: URI -> admin socket, and the
 * synchronous call over core/rpc's framing. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "config.h"
#include "admin-internal.h"
#include "error.h"
#include "message.h"
#include "transport.h"
#include "conf.h"
#include "paths.h"
#include "uri.h"
#include "util.h"

/* The daemon a URI's scheme names keeps its admin socket as
 * <name>-admin-sock in its socket folder; libvirtd's is libvirt-admin-sock. */
static char *socketPath(const virtURI *uri)
{
    const char *sock = virtURIGetParam(uri, "socket");
    if (sock)
        return virtStrdup(sock);
    const char *name = strcmp(uri->scheme, "libvirtd") == 0 ? "libvirt" : uri->scheme;
    bool session = uri->path && strcmp(uri->path, "/session") == 0;
    if (!session && !(uri->path && strcmp(uri->path, "/system") == 0)) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_ADMIN, VIR_ERR_CONFIG_UNSUPPORTED,
                       "Unexpected URI path '%s', try libvirtd:///system or libvirtd:///session",
                       uri->path ? uri->path : "");
        return NULL;
    }
    if (!session)
        return virtAsprintf(VIRT_RUNSTATEDIR "/libvirt/%s-admin-sock", name);
    char *dir = virtSessionSocketDir();
    char *path = virtAsprintf("%s/%s-admin-sock", dir, name);
    free(dir);
    return path;
}

static int dial(const char *path)
{
    char *err = NULL;
    int fd = virtTransportDialUnix(path, &err);
    if (fd < 0) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_RPC, VIR_ERR_SYSTEM_ERROR, "%s", err);
        free(err);
    }
    return fd;
}

/* No URI given: LIBVIRT_ADMIN_DEFAULT_URI, then uri_default of
 * libvirt-admin.conf, then the system or session daemon by our uid.
 * 0 with *name set (*owned: a copy to free), or -1 with an error. */
static int defaultURI(const char **name, char **owned)
{
    *owned = NULL;
    const char *env = getenv("LIBVIRT_ADMIN_DEFAULT_URI");
    if (env && *env) {
        *name = env;
        return 0;
    }
    char *path = virtClientConfigPathOf("libvirt-admin.conf", "VIRT_ADMIN_CLIENT_CONFIG");
    virtConf *conf = virtConfRead(path, 1);
    free(path);
    if (!conf)
        return -1;
    const virtConfEntry *def = virtConfGet(conf, "uri_default");
    if (def && def->type != VIRT_CONF_STRING) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_CONF, VIR_ERR_CONF_SYNTAX,
                       "%s:%d: uri_default must be a string", conf->path, def->line);
        virtConfFree(conf);
        return -1;
    }
    if (def && *def->str)
        *name = *owned = virtStrdup(def->str);
    else
        *name = geteuid() == 0 ? "libvirtd:///system" : "libvirtd:///session";
    virtConfFree(conf);
    return 0;
}

virAdmConnectPtr virtAdmConnect(const char *name, unsigned int flags)
{
    char *owned = NULL;
    if ((!name || !*name) && defaultURI(&name, &owned) < 0)
        return NULL;
    virtOwnedURI *uri = virtURIParse(name);
    if (!uri) {
        free(owned);
        return NULL;
    }
    char *path = socketPath(&uri->pub);
    virtURIFree(uri);
    int fd = path ? dial(path) : -1;
    free(path);
    if (fd < 0) {
        free(owned);
        return NULL;
    }

    virAdmConnectPtr conn = virtAlloc(sizeof(*conn));
    memset(conn, 0, sizeof(*conn));
    conn->refs = 1;
    pthread_mutex_init(&conn->lock, NULL);
    conn->t = virtTransportNewFD(fd);
    conn->uri = virtStrdup(name);
    free(owned);
    admin_connect_open_args args = { .flags = flags };
    if (virtAdmCall(conn, ADMIN_PROC_CONNECT_OPEN, virtXDRAny_admin_connect_open_args, &args,
                    NULL, NULL) < 0) {
        virAdmConnectClose(conn);
        return NULL;
    }
    return conn;
}

void virtAdmConnectDrop(virAdmConnectPtr conn, int reason)
{
    if (conn->dead)
        return;
    conn->dead = true;
    if (conn->closecb)
        conn->closecb(conn, reason, conn->closeopaque);
}

static int lost(virAdmConnectPtr conn, const char *what)
{
    virtAdmConnectDrop(conn, VIR_CONNECT_CLOSE_REASON_EOF);
    virtErrorRaise(NULL, NULL, NULL, VIR_FROM_RPC, VIR_ERR_RPC, "%s", what);
    return -1;
}

/* Reads frames until the reply to serial; answers the daemon's PINGs. */
static int awaitReply(virAdmConnectPtr conn, uint32_t serial, virtXDRCodec retc, void *ret)
{
    for (;;) {
        unsigned char *frame = NULL;
        size_t len = 0;
        virtRPCHeader hdr;
        const unsigned char *body;
        size_t blen;

        if (virtTransportReadFrame(conn->t, &frame, &len) < 0)
            return lost(conn, "End of file while reading data: Input/output error");
        if (virtRPCDecodeHeader(frame, len, &hdr, &body, &blen) < 0) {
            free(frame);
            return lost(conn, "the daemon sent a malformed message");
        }
        if (hdr.prog == VIRT_RPC_KEEPALIVE_PROGRAM) {
            unsigned char *pong = NULL;
            size_t plen = 0;
            if (hdr.proc == VIRT_RPC_KEEPALIVE_PING &&
                virtRPCEncodeKeepalive(VIRT_RPC_KEEPALIVE_PONG, &pong, &plen) == 0)
                virtTransportWriteAll(conn->t, pong, plen);
            free(pong);
            free(frame);
            continue;
        }
        if (hdr.prog != ADMIN_PROGRAM || hdr.type != VIRT_RPC_REPLY || hdr.serial != serial) {
            free(frame);
            continue;
        }
        int rc = 0;
        if (hdr.status == VIRT_RPC_ERROR) {
            remote_error rerr;
            virError err;
            memset(&rerr, 0, sizeof(rerr));
            memset(&err, 0, sizeof(err));
            if (virtRPCDecodeBody(body, blen, virtXDRAny_remote_error, &rerr) < 0 ||
                virtRPCErrorToVirError(&rerr, &err) < 0) {
                virtErrorRaise(NULL, NULL, NULL, VIR_FROM_RPC, VIR_ERR_RPC,
                               "the daemon sent a malformed error");
            } else {
                virtErrorSetVerbatim(NULL, &err);
            }
            virtXDRFree_remote_error(&rerr);
            virtRPCErrorClear(&err);
            rc = -1;
        } else if (retc && virtRPCDecodeBody(body, blen, retc, ret) < 0) {
            virtErrorRaise(NULL, NULL, NULL, VIR_FROM_RPC, VIR_ERR_RPC,
                           "the daemon's reply to procedure %d is malformed", hdr.proc);
            rc = -1;
        }
        free(frame);
        return rc;
    }
}

int virtAdmCall(virAdmConnectPtr conn, int proc, virtXDRCodec argsc, void *args,
                virtXDRCodec retc, void *ret)
{
    unsigned char *out = NULL;
    size_t outlen = 0;
    int rc = -1;

    pthread_mutex_lock(&conn->lock);
    if (conn->dead) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_RPC, VIR_ERR_INTERNAL_ERROR,
                       "client socket is closed");
        goto done;
    }
    virtRPCHeader hdr = { .prog = ADMIN_PROGRAM, .vers = ADMIN_PROTOCOL_VERSION, .proc = proc,
                          .type = VIRT_RPC_CALL, .serial = ++conn->serial, .status = VIRT_RPC_OK };
    if (virtRPCEncode(&hdr, argsc, args, &out, &outlen) < 0) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_RPC, VIR_ERR_RPC,
                       "cannot encode the arguments of procedure %d", proc);
        goto done;
    }
    if (virtTransportWriteAll(conn->t, out, outlen) < 0) {
        lost(conn, "cannot send data: Broken pipe");
        goto done;
    }
    rc = awaitReply(conn, hdr.serial, retc, ret);
 done:
    free(out);
    pthread_mutex_unlock(&conn->lock);
    return rc;
}
