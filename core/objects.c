/* objects.c: connections and their reference counts (handles.c has the
 * handles, each of which keeps its connection alive). */
#include <stdlib.h>
#include <string.h>

#include "entry.h"
#include "error.h"
#include "registry.h"
#include "uri.h"

bool virtConnectValid(virConnectPtr conn)
{
    return conn && conn->magic == VIRT_CONNECT_MAGIC;
}

bool virtConnectRefIfAlive(virConnectPtr conn)
{
    int refs = atomic_load(&conn->refs);
    while (refs > 0)
        if (atomic_compare_exchange_weak(&conn->refs, &refs, refs + 1))
            return true;
    return false;
}

int virtConnectUnref(virConnectPtr conn)
{
    int left = atomic_fetch_sub(&conn->refs, 1) - 1;
    if (left > 0)
        return left;
    /* Last reference: close every module opened on this connection. */
    for (int r = 0; r < VIRT_ROLE_LAST; r++) {
        virtConnRole *role = &conn->roles[r];
        if (role->opened && role->module)
            role->module->desc->close(conn, role->priv);
    }
    virtErrorClear(&conn->err);
    pthread_mutex_destroy(&conn->lock);
    virtURIFree(conn->uri);
    free(conn->name);
    conn->magic = VIRT_DEAD_MAGIC;
    free(conn);
    return 0;
}

