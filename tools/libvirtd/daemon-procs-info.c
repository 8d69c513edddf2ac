/* daemon-procs-info.c: handwritten dispatchers for calls that fill a
 * structure or an array: security model and labels, free memory per
 * cell, memory statistics, job and control information, key presses. */
#include <string.h>

#include "daemon-dispatch-table.h"
#include "error.h"

/* libvirt sends these fixed-size C strings as char arrays with their NUL. */
static void charArray(const char *src, size_t cap, uint32_t *len, char **val)
{
    size_t n = strnlen(src, cap - 1);
    *val = virtAlloc(n + 1);
    memcpy(*val, src, n);
    *len = (uint32_t) n + 1;
}

DAEMON_PROC(NODE_GET_SECURITY_MODEL)
{
    remote_node_get_security_model_ret *ret = retp;
    virSecurityModel m;
    (void) client;
    (void) argsp;
    memset(&m, 0, sizeof(m));
    if (virNodeGetSecurityModel(conn, &m) < 0)
        return -1;
    charArray(m.model, sizeof(m.model), &ret->model.model_len, &ret->model.model_val);
    charArray(m.doi, sizeof(m.doi), &ret->doi.doi_len, &ret->doi.doi_val);
    return 0;
}

DAEMON_PROC(DOMAIN_GET_SECURITY_LABEL)
{
    remote_domain_get_security_label_args *args = argsp;
    remote_domain_get_security_label_ret *ret = retp;
    virSecurityLabel l;
    int rv = -1;
    (void) client;
    virDomainPtr dom = daemonGetDomain(conn, &args->dom);
    if (!dom)
        return -1;
    memset(&l, 0, sizeof(l));
    if (virDomainGetSecurityLabel(dom, &l) < 0)
        goto cleanup;
    charArray(l.label, sizeof(l.label), &ret->label.label_len, &ret->label.label_val);
    ret->enforcing = l.enforcing;
    rv = 0;
 cleanup:
    daemonReleaseDomain(dom);
    return rv;
}

DAEMON_PROC(DOMAIN_GET_SECURITY_LABEL_LIST)
{
    remote_domain_get_security_label_list_args *args = argsp;
    remote_domain_get_security_label_list_ret *ret = retp;
    virSecurityLabelPtr labels = NULL;
    int rv = -1;
    (void) client;
    virDomainPtr dom = daemonGetDomain(conn, &args->dom);
    if (!dom)
        return -1;
    /* A failure is no error on the wire: libvirt's daemon answers -1 in
     * ret and drops the driver's complaint; its client returns the -1. */
    int n = virDomainGetSecurityLabelList(dom, &labels);
    if (n < 0) {
        virResetLastError();
        ret->ret = -1;
        rv = 0;
        goto cleanup;
    }
    if (n > REMOTE_SECURITY_LABEL_LIST_MAX) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_RPC, VIR_ERR_RPC, "too many security labels (%d)", n);
        goto cleanup;
    }
    ret->labels.labels_len = (uint32_t) n;
    ret->labels.labels_val = virtAlloc(sizeof(*ret->labels.labels_val) * (size_t) (n ? n : 1));
    for (int i = 0; i < n; i++) {
        charArray(labels[i].label, sizeof(labels[i].label), &ret->labels.labels_val[i].label.label_len,
                  &ret->labels.labels_val[i].label.label_val);
        ret->labels.labels_val[i].enforcing = labels[i].enforcing;
    }
    ret->ret = n;
    rv = 0;
 cleanup:
    free(labels);
    daemonReleaseDomain(dom);
    return rv;
}

DAEMON_PROC(NODE_GET_CELLS_FREE_MEMORY)
{
    remote_node_get_cells_free_memory_args *args = argsp;
    remote_node_get_cells_free_memory_ret *ret = retp;
    (void) client;
    if (args->maxcells <= 0 || args->maxcells > REMOTE_NODE_MAX_CELLS) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_RPC, VIR_ERR_RPC,
                       "maxcells %d out of range (1..%d)", args->maxcells, REMOTE_NODE_MAX_CELLS);
        return -1;
    }
    unsigned long long *cells = virtAlloc(sizeof(*cells) * (size_t) args->maxcells);
    int n = virNodeGetCellsFreeMemory(conn, cells, args->startCell, args->maxcells);
    if (n < 0) {
        free(cells);
        return -1;
    }
    ret->cells.cells_len = (uint32_t) n;
    ret->cells.cells_val = (uint64_t *) cells;
    return 0;
}

DAEMON_PROC(DOMAIN_MEMORY_STATS)
{
    remote_domain_memory_stats_args *args = argsp;
    remote_domain_memory_stats_ret *ret = retp;
    virDomainMemoryStatPtr stats = NULL;
    int rv = -1;
    (void) client;
    if (args->maxStats > REMOTE_DOMAIN_MEMORY_STATS_MAX) {
        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_RPC, VIR_ERR_RPC,
                       "maxStats %u out of range (0..%d)", args->maxStats, REMOTE_DOMAIN_MEMORY_STATS_MAX);
        return -1;
    }
    virDomainPtr dom = daemonGetDomain(conn, &args->dom);
    if (!dom)
        return -1;
    stats = virtAlloc(sizeof(*stats) * (args->maxStats ? args->maxStats : 1));
    int n = virDomainMemoryStats(dom, stats, args->maxStats, args->flags);
    if (n < 0)
        goto cleanup;
    ret->stats.stats_len = (uint32_t) n;
    ret->stats.stats_val = virtAlloc(sizeof(*ret->stats.stats_val) * (size_t) (n ? n : 1));
    for (int i = 0; i < n; i++) {
        ret->stats.stats_val[i].tag = stats[i].tag;
        ret->stats.stats_val[i].val = stats[i].val;
    }
    rv = 0;
 cleanup:
    free(stats);
    daemonReleaseDomain(dom);
    return rv;
}

DAEMON_PROC(DOMAIN_SEND_KEY)
{
    remote_domain_send_key_args *args = argsp;
    int rv = -1;
    (void) client;
    (void) retp;
    virDomainPtr dom = daemonGetDomain(conn, &args->dom);
    if (!dom)
        return -1;
    if (virDomainSendKey(dom, args->codeset, args->holdtime, args->keycodes.keycodes_val,
                         (int) args->keycodes.keycodes_len, args->flags) < 0)
        goto cleanup;
    rv = 0;
 cleanup:
    daemonReleaseDomain(dom);
    return rv;
}
