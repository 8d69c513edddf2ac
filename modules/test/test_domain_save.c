/* test_domain_save.c: saving a domain to a file and restoring it, and
 * core dumps, and reading or replacing the definition an image holds. A
 * save image is a text file: a magic line, the domain's state, then its
 * XML. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_driver.h"
#include "util.h"

#define SAVE_MAGIC "VIRT-TEST-SAVE 1\n"
#define CORE_MAGIC "VIRT-TEST-CORE 1\n"
#define SAVE_MAX (16 * 1024 * 1024)
#define LIBVIRT_HEADER_LEN 15   /* the magic of libvirt's test driver images */

/* *opened tells an open failure from a write failure: libvirt words them
 * apart. */
static int writeFile(const char *path, const char *head, const char *xml, bool *opened)
{
    FILE *f = fopen(path, "w");
    *opened = f != NULL;
    if (!f)
        return -1;
    int ok = fputs(head, f) >= 0 && fputs(xml, f) >= 0;
    if (fclose(f) != 0 || !ok)
        return -1;
    return 0;
}

/* An image's text, its saved state and definition; NULL after reporting
 * (in libvirt's words when the file is missing or not an image). */
static char *readImage(virConnectPtr conn, const char *path, int *state, virtDomain **def)
{
    virtXMLError err = { 0 };
    size_t len;
    char *body = NULL, *text = virtFileRead(path, SAVE_MAX, &len);
    if (!text) {
        TEST_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "cannot read domain image '%s': %s", path, strerror(errno));
        return NULL;
    }
    /* Shorter than libvirt's header, whose read fails with errno 0. */
    if (len < LIBVIRT_HEADER_LEN) {
        TEST_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "incomplete save header in '%s': %s", path, strerror(0));
        free(text);
        return NULL;
    }
    if (strncmp(text, SAVE_MAGIC, strlen(SAVE_MAGIC)) != 0 ||
        sscanf(text + strlen(SAVE_MAGIC), "state %d", state) != 1 ||
        !(body = strstr(text, "\n\n"))) {
        TEST_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "mismatched header magic");
        free(text);
        return NULL;
    }
    if (!(*def = virtDomainModelParse(body + 2, 0, &testDomainDefaults, &err))) {
        testReportXMLError(conn, &err);
        free(text);
        return NULL;
    }
    return text;
}

/* The image of a domain in state with the definition def (0 or -1 with errno). */
/* Reports as libvirt's test driver does when the image cannot be written. */
static int writeImage(virConnectPtr conn, const char *path, int state, const virtDomain *def)
{
    char *xml = virtDomainModelFormat(def, VIRT_XML_INACTIVE);
    bool opened = true;
    if (!xml) {
        TEST_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "cannot format the domain XML");
        return -1;
    }
    char *head = virtAsprintf(SAVE_MAGIC "state %d\n\n", state);
    int ret = writeFile(path, head, xml, &opened);
    if (ret < 0)
        TEST_ERROR(conn, VIR_ERR_SYSTEM_ERROR, "saving domain '%s' to '%s': %s failed: %s",
                   def->name, path, opened ? "write" : "open", strerror(errno));
    free(head);
    free(xml);
    return ret;
}

/* An image carries the definition it was saved with; another one cannot
 * be given in its place. */
static bool refuseDxml(virConnectPtr conn, const char *dxml)
{
    if (!dxml)
        return false;
    TEST_ERROR(conn, VIR_ERR_ARGUMENT_UNSUPPORTED, "xml modification unsupported");
    return true;
}

int testDomainSaveFlags(virDomainPtr domain, const char *to, const char *dxml, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    virConnectPtr conn = testCore->handle_conn(domain);
    testState *st;
    int ret = -1;
    if (refuseDxml(conn, dxml))
        return -1;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    if (dom->state == VIR_DOMAIN_SHUTOFF) {
        testCore->error(conn, VIR_FROM_DOMAIN, VIR_ERR_OPERATION_INVALID, "domain is not running");
        goto cleanup;
    }
    if (writeImage(conn, to, dom->state, dom->def) < 0) {
        unlink(to);
        goto cleanup;
    }
    testDomainStop(st, dom, VIR_DOMAIN_SHUTOFF_SAVED);
    testCore->handle_set_id(domain, -1);
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&st->lock);
    if (ret == 0)
        testEventLifecycle(st, domain, VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_SAVED);
    return ret;
}

int testDomainRestoreFlags(virConnectPtr conn, const char *from, const char *dxml, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    if (refuseDxml(conn, dxml))
        return -1;
    testState *st = testConnState(conn);
    virtDomain *def = NULL;
    int savedState, ret = -1;
    bool clash;
    virDomainPtr handle = NULL;   /* only to raise the event */
    char *text = readImage(conn, from, &savedState, &def);
    if (!text)
        return -1;

    pthread_mutex_lock(&st->lock);
    testDomain *dom = testDomainCheckDef(conn, st, def, &clash);
    if (clash)
        goto unlock;
    if (dom && dom->state != VIR_DOMAIN_SHUTOFF) {
        testCore->error(conn, VIR_FROM_DOMAIN, VIR_ERR_OPERATION_INVALID, "domain '%s' is already active",
                        def->name);
        goto unlock;
    }
    if (dom) {
        testDomainSetDef(st, dom, def);
    } else {
        dom = testDomainNewObj(def, &st->node);
        testStateAddDomain(st, dom);
    }
    def = NULL;
    testDomainStart(st, dom, VIR_DOMAIN_RUNNING_RESTORED);
    if (savedState == VIR_DOMAIN_PAUSED) {
        dom->state = VIR_DOMAIN_PAUSED;
        dom->reason = VIR_DOMAIN_PAUSED_SAVE;
    }
    handle = virtHandleNewDomain(testCore, conn, dom->def->name, dom->def->uuid, dom->id);
    ret = 0;
 unlock:
    pthread_mutex_unlock(&st->lock);
    if (handle) {
        testEventLifecycle(st, handle, VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_RESTORED);
        if (savedState == VIR_DOMAIN_PAUSED)
            testEventLifecycle(st, handle, VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_RESTORED);
        testCore->handle_release(handle);
    }
    virtDomainModelFree(def);
    free(text);
    return ret;
}

char *testDomainSaveImageGetXMLDesc(virConnectPtr conn, const char *file, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_SAVE_IMAGE_XML_SECURE, NULL);
    virtDomain *def = NULL;
    int state;
    char *text = readImage(conn, file, &state, &def);
    if (!text)
        return NULL;
    /* As libvirt, secure fields are shown whether or not they were asked for. */
    char *ret = virtDomainModelFormat(def, VIRT_XML_INACTIVE | VIRT_XML_SECURE);
    if (!ret)
        TEST_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "cannot format the domain XML");
    virtDomainModelFree(def);
    free(text);
    return ret;
}

int testDomainSaveImageDefineXML(virConnectPtr conn, const char *file, const char *dxml, unsigned int flags)
{
    /* libvirt's test driver takes the state flags but keeps no state in
     * its images; ours keeps the saved one, untouched by them. */
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_SAVE_RUNNING | VIR_DOMAIN_SAVE_PAUSED, -1);
    virtXMLError err = { 0 };
    virtDomain *old = NULL, *def = NULL;
    int state, ret = -1;
    char *text = readImage(conn, file, &state, &old);
    if (!text)
        return -1;
    if (!(def = virtDomainModelParse(dxml ? dxml : "", 0, &testDomainDefaults, &err))) {
        testReportXMLError(conn, &err);
        goto cleanup;
    }
    if (writeImage(conn, file, state, def) < 0)
        goto cleanup;
    ret = 0;
 cleanup:
    virtDomainModelFree(old);
    virtDomainModelFree(def);
    free(text);
    return ret;
}

int testDomainCoreDumpWithFormat(virDomainPtr domain, const char *to, unsigned int dumpformat,
                                 unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DUMP_CRASH, -1);
    virConnectPtr conn = testCore->handle_conn(domain);
    testState *st;
    char *xml = NULL;
    int ret = -1;
    if (dumpformat != VIR_DOMAIN_CORE_DUMP_FORMAT_RAW) {
        TEST_ERROR(conn, VIR_ERR_OPERATION_UNSUPPORTED, "kdump-compressed format is not supported here");
        return -1;
    }
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    if (dom->state == VIR_DOMAIN_SHUTOFF) {
        testCore->error(conn, VIR_FROM_DOMAIN, VIR_ERR_OPERATION_INVALID, "domain is not running");
        goto cleanup;
    }
    if (!(xml = virtDomainModelFormat(dom->def, 0))) {
        TEST_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "cannot format the domain XML");
        goto cleanup;
    }
    bool opened;
    if (writeFile(to, CORE_MAGIC "\n", xml, &opened) < 0) {
        TEST_ERROR(conn, VIR_ERR_SYSTEM_ERROR, opened ? "domain '%s' coredump: failed to write header to %s: %s"
                                                      : "domain '%s' coredump: failed to open %s: %s",
                   dom->def->name, to, strerror(errno));
        goto cleanup;
    }
    if (flags & VIR_DUMP_CRASH) {
        testDomainStop(st, dom, VIR_DOMAIN_SHUTOFF_CRASHED);
        testCore->handle_set_id(domain, -1);
    }
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&st->lock);
    free(xml);
    return ret;
}

/* Managed save: the image stays with the domain (nothing is written), it
 * only marks the stopped domain until it starts again or is removed. */
int testDomainManagedSave(virDomainPtr domain, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_DOMAIN_SAVE_BYPASS_CACHE | VIR_DOMAIN_SAVE_RUNNING |
                     VIR_DOMAIN_SAVE_PAUSED, -1);
    virConnectPtr conn = testCore->handle_conn(domain);
    testState *st;
    int ret = -1;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    if (!testDomainCheckActive(conn, dom))
        goto cleanup;
    if (!dom->persistent) {
        TEST_ERROR(conn, VIR_ERR_OPERATION_INVALID, "cannot do managed save for transient domain");
        goto cleanup;
    }
    testDomainStop(st, dom, VIR_DOMAIN_SHUTOFF_SAVED);
    testCore->handle_set_id(domain, -1);
    dom->managed_save = true;
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&st->lock);
    if (ret == 0)
        testEventLifecycle(st, domain, VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_SAVED);
    return ret;
}

int testDomainHasManagedSaveImage(virDomainPtr domain, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    testState *st;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    int ret = dom->managed_save ? 1 : 0;
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int testDomainManagedSaveRemove(virDomainPtr domain, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    testState *st;
    testDomain *dom = testDomainAcquire(domain, &st);
    if (!dom)
        return -1;
    dom->managed_save = false;
    pthread_mutex_unlock(&st->lock);
    return 0;
}
