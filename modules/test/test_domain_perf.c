/* test_domain_perf.c: the perf events a domain counts, kept in the
 * <perf> element of the definition the flags choose. Every event is
 * reported, off unless enabled; the element lists the events ever set, in
 * libvirt's order of events. */
#include <stdlib.h>
#include <string.h>

#include "test_driver.h"
#include "util.h"

/* libvirt's order (virPerfEventType), which is also the order written. */
static const char *const events[] = {
    VIR_PERF_PARAM_CMT, VIR_PERF_PARAM_MBMT, VIR_PERF_PARAM_MBML, VIR_PERF_PARAM_CPU_CYCLES,
    VIR_PERF_PARAM_INSTRUCTIONS, VIR_PERF_PARAM_CACHE_REFERENCES, VIR_PERF_PARAM_CACHE_MISSES,
    VIR_PERF_PARAM_BRANCH_INSTRUCTIONS, VIR_PERF_PARAM_BRANCH_MISSES, VIR_PERF_PARAM_BUS_CYCLES,
    VIR_PERF_PARAM_STALLED_CYCLES_FRONTEND, VIR_PERF_PARAM_STALLED_CYCLES_BACKEND,
    VIR_PERF_PARAM_REF_CPU_CYCLES, VIR_PERF_PARAM_CPU_CLOCK, VIR_PERF_PARAM_TASK_CLOCK,
    VIR_PERF_PARAM_PAGE_FAULTS, VIR_PERF_PARAM_CONTEXT_SWITCHES, VIR_PERF_PARAM_CPU_MIGRATIONS,
    VIR_PERF_PARAM_PAGE_FAULTS_MIN, VIR_PERF_PARAM_PAGE_FAULTS_MAJ, VIR_PERF_PARAM_ALIGNMENT_FAULTS,
    VIR_PERF_PARAM_EMULATION_FAULTS,
};
#define NEVENTS (sizeof(events) / sizeof(events[0]))

/* The model's enabled values: 0 not written, then yes and no. */
enum { PERF_ABSENT = 0, PERF_YES = 1, PERF_NO = 2 };

static int eventIndex(const char *name)
{
    for (size_t i = 0; i < NEVENTS; i++)
        if (virtStrEq(name, events[i]))
            return (int) i;
    return -1;
}

/* Each event's state in def (a later entry for the same event wins). */
static void readEvents(const virtDomain *def, int *state)
{
    memset(state, 0, NEVENTS * sizeof(*state));
    for (size_t i = 0; def->perf && i < def->perf->nevent; i++) {
        int k = eventIndex(def->perf->event[i]->name);
        if (k >= 0)
            state[k] = def->perf->event[i]->enabled;
    }
}

static void writeEvents(virtDomain *def, const int *state)
{
    if (def->perf)
        virtXMLModelFree(&virtXMLElem_domain_perf, def->perf);
    def->perf = NULL;
    for (size_t k = 0; k < NEVENTS; k++) {
        if (state[k] == PERF_ABSENT)
            continue;
        if (!def->perf) {
            def->perf = virtAlloc(sizeof(*def->perf));
            def->perf->event = virtAlloc(NEVENTS * sizeof(*def->perf->event));
        }
        virtDomainPerfEvent *ev = virtAlloc(sizeof(*ev));
        ev->name = virtStrdup(events[k]);
        ev->enabled = state[k];
        def->perf->event[def->perf->nevent++] = ev;
    }
}

int testDomainGetPerfEvents(virDomainPtr domain, virTypedParameterPtr *params, int *nparams,
                            unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG | VIR_TYPED_PARAM_STRING_OKAY,
                     -1);
    testState *st;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    virtDomain *def = testDomainPickOneDef(testCore->handle_conn(domain), dom, flags, NULL);
    if (!def) {
        pthread_mutex_unlock(&st->lock);
        return -1;
    }
    int state[NEVENTS];
    readEvents(def, state);
    pthread_mutex_unlock(&st->lock);
    virTypedParameterPtr out = virtAlloc(NEVENTS * sizeof(*out));
    for (size_t k = 0; k < NEVENTS; k++) {
        testSetParam(&out[k], events[k], VIR_TYPED_PARAM_BOOLEAN);
        out[k].value.b = state[k] == PERF_YES;
    }
    *params = out;
    *nparams = (int) NEVENTS;
    return 0;
}

int testDomainSetPerfEvents(virDomainPtr domain, virTypedParameterPtr params, int nparams,
                            unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    virConnectPtr conn = testCore->handle_conn(domain);
    int types[NEVENTS];
    for (size_t k = 0; k < NEVENTS; k++)
        types[k] = VIR_TYPED_PARAM_BOOLEAN;
    if (testCheckParams(conn, params, nparams, events, types, NEVENTS) < 0)
        return -1;
    testState *st;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    virtDomain *def = testDomainPickOneDef(conn, dom, flags, NULL);
    if (def) {
        int state[NEVENTS];
        readEvents(def, state);
        for (int i = 0; i < nparams; i++)
            state[eventIndex(params[i].field)] = params[i].value.b ? PERF_YES : PERF_NO;
        writeEvents(def, state);
    }
    pthread_mutex_unlock(&st->lock);
    return def ? 0 : -1;
}
