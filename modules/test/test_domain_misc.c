/* test_domain_misc.c: guest actions that change nothing but must be
 * accepted (reset, NMI, a user's password), what a guest agent would
 * tell (the hostname), the guest clock, the control state derived from
 * it, and the security labels. As in libvirt's test driver, the clock's
 * seconds double as a knob for the control state a test wants to see. */
#include <stdio.h>
#include <string.h>

#include "test_driver.h"
#include "util.h"

/* An action on a running guest that the test host has nothing to do for. */
static int acceptWhenRunning(virDomainPtr domain)
{
    testState *st;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    int ret = testDomainCheckActive(testCore->handle_conn(domain), dom) ? 0 : -1;
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int testDomainReset(virDomainPtr domain, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    return acceptWhenRunning(domain);
}

int testDomainInjectNMI(virDomainPtr domain, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    return acceptWhenRunning(domain);
}

int testDomainSetUserPassword(virDomainPtr domain, const char *user, const char *password,
                              unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_PASSWORD_ENCRYPTED, -1);
    return acceptWhenRunning(domain);
}

char *testDomainGetHostname(virDomainPtr domain, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, NULL);
    testState *st;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return NULL;
    /* A running guest of the test host is named after its domain. */
    char *ret = testDomainCheckActive(testCore->handle_conn(domain), dom) ? virtAsprintf("%shost", dom->def->name)
                                                                          : NULL;
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int testDomainGetLaunchSecurityInfo(virDomainPtr domain, virTypedParameterPtr *params, int *nparams,
                                    unsigned int flags)
{
    /* No guest runs with launch security: nothing to report, whatever
     * the domain's state. */
    VIRT_CHECK_FLAGS(flags, 0, -1);
    *params = NULL;
    *nparams = 0;
    return 0;
}

int testDomainIsUpdated(virDomainPtr domain)
{
    /* Live changes are never pending against the persistent definition. */
    return 0;
}

int testDomainGetControlInfo(virDomainPtr domain, virDomainControlInfoPtr info, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    static const int errorReasons[4] = {
        VIR_DOMAIN_CONTROL_ERROR_REASON_NONE, VIR_DOMAIN_CONTROL_ERROR_REASON_UNKNOWN,
        VIR_DOMAIN_CONTROL_ERROR_REASON_MONITOR, VIR_DOMAIN_CONTROL_ERROR_REASON_INTERNAL,
    };
    testState *st;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    if (!testDomainCheckActive(testCore->handle_conn(domain), dom)) {
        pthread_mutex_unlock(&st->lock);
        return -1;
    }
    /* Clock seconds in (0, 10000): a job for that long; [10000, 30000):
     * occupied; [30000, 60000): an error whose reason cycles; else ok. */
    long long s = dom->time_sec;
    memset(info, 0, sizeof(*info));
    if (s > 0 && s < 10000) {
        info->state = VIR_DOMAIN_CONTROL_JOB;
        info->stateTime = (unsigned long long) s;
    } else if (s >= 10000 && s < 30000) {
        info->state = VIR_DOMAIN_CONTROL_OCCUPIED;
        info->stateTime = (unsigned long long) (s - 10000);
    } else if (s >= 30000 && s < 60000) {
        info->state = VIR_DOMAIN_CONTROL_ERROR;
        info->details = (unsigned int) errorReasons[s % 4];
        info->stateTime = (unsigned long long) (s - 30000);
    } else {
        info->state = VIR_DOMAIN_CONTROL_OK;
    }
    pthread_mutex_unlock(&st->lock);
    return 0;
}

int testDomainGetTime(virDomainPtr domain, long long *seconds, unsigned int *nseconds,
                      unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    testState *st;
    int ret = -1;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    /* Unlike most calls, a paused guest has no clock to read either, and
     * the error is the driver's. */
    if (dom->state != VIR_DOMAIN_RUNNING) {
        TEST_ERROR(testCore->handle_conn(domain), VIR_ERR_OPERATION_INVALID, "domain is not running");
    } else {
        *seconds = dom->time_sec;
        *nseconds = dom->time_nsec;
        ret = 0;
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int testDomainSetTime(virDomainPtr domain, long long seconds, unsigned int nseconds,
                      unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_TIME_SYNC, -1);
    testState *st;
    int ret = -1;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    if (testDomainCheckActive(testCore->handle_conn(domain), dom)) {
        /* A sync request sets what it is given too (0 when none). */
        dom->time_sec = seconds;
        dom->time_nsec = nseconds;
        ret = 0;
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int testDomainGetSecurityLabel(virDomainPtr domain, virSecurityLabelPtr seclabel)
{
    testState *st;
    memset(seclabel, 0, sizeof(*seclabel));
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    /* Only a running guest has a label; an inactive one answers empty. */
    if (dom->state != VIR_DOMAIN_SHUTOFF) {
        snprintf(seclabel->label, sizeof(seclabel->label), "%s", "libvirt-test");
        seclabel->enforcing = 1;
    }
    pthread_mutex_unlock(&st->lock);
    return 0;
}
