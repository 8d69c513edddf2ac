/* services.c: the table of core services handed to every module. */
#include <stdarg.h>

#include "entry.h"
#include "error.h"
#include "events.h"
#include "internal.h"
#include "log.h"
#include "registry.h"
#include "stream.h"
#include "uri.h"

static void svcError(virConnectPtr conn, int from, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    virtErrorRaiseV(conn, NULL, NULL, from, code, fmt, ap);
    va_end(ap);
}

static void *svcConnPrivate(virConnectPtr conn, virtRole role)
{
    if (!virtConnectValid(conn) || (int) role < 0 || role >= VIRT_ROLE_LAST)
        return NULL;
    return conn->roles[role].priv;
}

static void *svcConnPrivateOwn(virConnectPtr conn, virtRole role,
                               const virtModuleDescriptor *self)
{
    if (!svcConnPrivate(conn, role))
        return NULL;
    const virtModule *m = conn->roles[role].module;
    return m && m->desc == self ? conn->roles[role].priv : NULL;
}

static int svcConnReadonly(virConnectPtr conn)
{
    return virtConnectValid(conn) && (conn->flags & VIR_CONNECT_RO);
}

static const virtURI *svcConnURI(virConnectPtr conn)
{
    return virtConnectValid(conn) && conn->uri ? &conn->uri->pub : NULL;
}

/* The handle services take any kind; a module hands them only handles the
 * core made, so only the release checks (it may be the last use). */
static void svcHandleRelease(void *handle)
{
    if (virtHandleValid(handle))
        virtHandleUnref(handle);
}

static virtHandleKind svcHandleKind(const void *handle) { return ((const virtHandle *) handle)->kind; }
static virConnectPtr svcHandleConn(const void *handle) { return ((const virtHandle *) handle)->conn; }
static void *svcHandleParent(const void *handle) { return ((const virtHandle *) handle)->parent; }

static const virtHandleIdentity *svcHandleIdentity(const void *handle)
{
    return &((const virtHandle *) handle)->ident;
}

const virtCoreServices virtCoreServiceTable = {
    .size = sizeof(virtCoreServices),
    .abi_version = VIRT_MODULE_ABI_VERSION,
    .error = svcError,
    .conn_private = svcConnPrivate,
    .conn_readonly = svcConnReadonly,
    .conn_uri = svcConnURI,
    .handle_new = virtHandleNew,
    .handle_release = svcHandleRelease,
    .handle_kind = svcHandleKind,
    .handle_conn = svcHandleConn,
    .handle_identity = svcHandleIdentity,
    .handle_parent = svcHandleParent,
    .handle_set_id = virtHandleSetID,
    .event_register = virtEventRegister,
    .event_deregister = virtEventDeregister,
    .event_queue = virtEventQueue,
    .stream_attach = virtStreamAttach,
    .stream_attach_buffer = virtStreamAttachBuffer,
    .stream_conn = virtStreamConn,
    .stream_flags = virtStreamFlags,
    .error_set = virtErrorSetVerbatim,
    .error_save = virtErrorSave,
    .error_restore = virtErrorRestore,
    .conn_private_own = svcConnPrivateOwn,
    .log = virtLogMessage,
    .legacy_call = virtLegacyCall,
    .event_queue_metadata = virtEventQueueMetadata,
};
