/* test_errors.c: the error API as seed 003 "Handling of errors" describes
 * it (black-box: libvirt.so.0). Connections come from the fixture module
 * "fixold", whose short table makes virConnectGetHostname fail with
 * VIR_ERR_NO_SUPPORT without entering the module. */
#include <pthread.h>
#include <unistd.h>

#include "fixture-env.h"
#include "harness.h"

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

typedef struct {
    const char *who;
    int calls;
    int lastCode;
    void *lastConn;
} handlerLog;

static handlerLog globalLog = { "global", 0, 0, NULL };
static handlerLog connLog = { "conn", 0, 0, NULL };

static void recordError(void *data, virErrorPtr err)
{
    handlerLog *log = data;
    log->calls++;
    log->lastCode = err ? err->code : -1;
    log->lastConn = err ? (void *) err->conn : NULL;
}

static void resetLogs(void)
{
    globalLog.calls = connLog.calls = 0;
    globalLog.lastCode = connLog.lastCode = 0;
}

static virConnectPtr openFix(void)
{
    virConnectPtr c = virConnectOpen("fixold:///ok");
    if (!c) {
        printf("Bail out! cannot open fixold:///ok: %s\n", virGetLastErrorMessage());
        exit(1);
    }
    return c;
}

/* ---- per-thread last error ---- */

static pthread_barrier_t barrier;
static virConnectPtr shared;

static void *threadOpenFails(void *arg)
{
    int *ok = arg;
    virConnectPtr c = virConnectOpen("nosuchscheme:///");
    pthread_barrier_wait(&barrier);   /* both threads have failed now */
    virErrorPtr e = virGetLastError();
    *ok = !c && e && e->code == VIR_ERR_NO_CONNECT && strstr(e->message, "nosuchscheme");
    pthread_barrier_wait(&barrier);
    return NULL;
}

static void *threadLookupFails(void *arg)
{
    int *ok = arg;
    virDomainPtr d = virDomainLookupByID(shared, -5);
    pthread_barrier_wait(&barrier);
    virErrorPtr e = virGetLastError();
    *ok = !d && e && e->code == VIR_ERR_INVALID_ARG && e->conn == shared && strstr(e->message, "id");
    pthread_barrier_wait(&barrier);
    return NULL;
}

static void *threadNoError(void *arg)
{
    int *ok = arg;
    pthread_barrier_wait(&barrier);
    *ok = virGetLastError() == NULL && strcmp(virGetLastErrorMessage(), "no error") == 0;
    pthread_barrier_wait(&barrier);
    return NULL;
}

static void testPerThread(void)
{
    pthread_t t[3];
    int ok[3] = { 0, 0, 0 };
    shared = openFix();
    virResetLastError();
    pthread_barrier_init(&barrier, NULL, 3);
    pthread_create(&t[0], NULL, threadOpenFails, &ok[0]);
    pthread_create(&t[1], NULL, threadLookupFails, &ok[1]);
    pthread_create(&t[2], NULL, threadNoError, &ok[2]);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    pthread_barrier_destroy(&barrier);
    CHECK(ok[0]);
    CHECK(ok[1]);
    CHECK(ok[2]);
    CHECK(virGetLastError() == NULL);   /* the main thread saw nothing */
    CHECK(virConnectClose(shared) == 0);
}

/* ---- the copy kept on the connection ---- */

static void testConnectionCopy(void)
{
    virConnectPtr c = openFix();
    CHECK(virConnGetLastError(c) == NULL);
    CHECK(virConnectGetHostname(c) == NULL);
    virErrorPtr ce = virConnGetLastError(c);
    CHECK(ce && ce->code == VIR_ERR_NO_SUPPORT);
    CHECK(ce && ce->conn == c);
    CHECK(ce && strstr(ce->message, "virConnectGetHostname"));

    /* a later successful call clears the thread's error, not the connection's */
    CHECK(virConnectGetType(c) != NULL);
    CHECK(virGetLastError() == NULL);
    CHECK(virConnGetLastError(c) != NULL);

    virError copy;
    memset(&copy, 0, sizeof(copy));
    CHECK(virConnCopyLastError(c, &copy) == VIR_ERR_NO_SUPPORT);
    CHECK(copy.code == VIR_ERR_NO_SUPPORT && copy.message && copy.message != ce->message);
    CHECK_STR(copy.message, ce->message);
    virResetError(&copy);
    CHECK(copy.code == VIR_ERR_OK && copy.message == NULL);

    virConnResetLastError(c);
    CHECK(virConnGetLastError(c) == NULL);
    memset(&copy, 0, sizeof(copy));
    CHECK(virConnCopyLastError(c, &copy) == 0);
    virResetError(&copy);

    /* errors without a valid connection do not touch any connection */
    CHECK(virConnectGetType(NULL) == NULL);
    CHECK(virGetLastError() && virGetLastError()->code == VIR_ERR_INVALID_CONN);
    CHECK(virConnGetLastError(c) == NULL);
    CHECK(virConnGetLastError(NULL) == NULL);
    CHECK(virConnCopyLastError(NULL, &copy) == -1);
    virConnResetLastError(NULL);
    CHECK(virConnectClose(c) == 0);
}

/* ---- which handler runs ---- */

static char *captureStderr(void (*fn)(virConnectPtr), virConnectPtr c)
{
    char path[] = "/tmp/virt-stderr-XXXXXX";
    int fd = mkstemp(path);
    int saved = dup(STDERR_FILENO);
    fflush(stderr);
    dup2(fd, STDERR_FILENO);
    fn(c);
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    char *buf = calloc(1, 4096);
    lseek(fd, 0, SEEK_SET);
    ssize_t n = read(fd, buf, 4095);
    (void) n;
    close(fd);
    unlink(path);
    return buf;
}

static void failOnConn(virConnectPtr c)
{
    CHECK(virConnectGetHostname(c) == NULL);
}

static void failWithoutConn(virConnectPtr c)
{
    (void) c;
    CHECK(virConnectGetType(NULL) == NULL);
}

static virErrorPtr savedErr;

static void printSaved(virConnectPtr c)
{
    (void) c;
    virDefaultErrorFunc(savedErr);
    virDefaultErrorFunc(NULL);   /* nothing to print, no crash */
}

static void testHandlerOrder(void)
{
    virConnectPtr c = openFix();

    /* connection handler first */
    virSetErrorFunc(&globalLog, recordError);
    virConnSetErrorFunc(c, &connLog, recordError);
    resetLogs();
    char *out = captureStderr(failOnConn, c);
    CHECK(connLog.calls == 1 && connLog.lastCode == VIR_ERR_NO_SUPPORT && connLog.lastConn == c);
    CHECK(globalLog.calls == 0);
    CHECK_STR(out, "");
    free(out);

    /* no connection involved: the global handler */
    resetLogs();
    out = captureStderr(failWithoutConn, c);
    CHECK(globalLog.calls == 1 && globalLog.lastCode == VIR_ERR_INVALID_CONN);
    CHECK(connLog.calls == 0);
    CHECK_STR(out, "");
    free(out);

    /* connection handler removed: the global one */
    virConnSetErrorFunc(c, NULL, NULL);
    resetLogs();
    out = captureStderr(failOnConn, c);
    CHECK(globalLog.calls == 1 && globalLog.lastCode == VIR_ERR_NO_SUPPORT);
    CHECK(connLog.calls == 0);
    CHECK_STR(out, "");
    free(out);

    /* neither: the default handler prints to stderr */
    virSetErrorFunc(NULL, NULL);
    resetLogs();
    out = captureStderr(failOnConn, c);
    printf("# default handler: %s", out);
    CHECK(globalLog.calls == 0 && connLog.calls == 0);
    CHECK(strncmp(out, "libvirt: ", 9) == 0);
    CHECK(strstr(out, "virConnectGetHostname"));
    CHECK(strstr(out, "this function is not supported by the connection driver"));
    free(out);

    /* virDefaultErrorFunc itself, on a saved error and on NULL */
    savedErr = virSaveLastError();
    out = captureStderr(printSaved, c);
    CHECK(strstr(out, "virConnectGetHostname"));
    free(out);
    virFreeError(savedErr);

    /* a successful open does not call any handler */
    virSetErrorFunc(&globalLog, recordError);
    resetLogs();
    virConnectPtr c2 = openFix();
    CHECK(globalLog.calls == 0);
    CHECK(virConnectClose(c2) == 0);
    CHECK(virConnectClose(c) == 0);
}

/* ---- saving, copying, resetting ---- */

static void testSaveCopyReset(void)
{
    virResetLastError();
    CHECK(virGetLastError() == NULL);
    CHECK_STR(virGetLastErrorMessage(), "no error");

    CHECK(virConnectOpen("nosuchscheme:///x") == NULL);
    virErrorPtr last = virGetLastError();
    CHECK(last && last->code == VIR_ERR_NO_CONNECT);
    CHECK(last && last->level == VIR_ERR_ERROR);
    CHECK(last && last->conn == NULL);
    CHECK_STR(virGetLastErrorMessage(), last ? last->message : NULL);

    virErrorPtr saved = virSaveLastError();
    CHECK(saved && saved != last);
    CHECK(saved && saved->code == VIR_ERR_NO_CONNECT);
    CHECK(saved && last && saved->message != last->message);
    CHECK_STR(saved ? saved->message : NULL, last ? last->message : NULL);

    virError copy;
    memset(&copy, 0, sizeof(copy));
    CHECK(virCopyLastError(&copy) == VIR_ERR_NO_CONNECT);
    CHECK_STR(copy.message, saved ? saved->message : NULL);
    CHECK(virCopyLastError(NULL) == -1);

    /* the saved copy outlives the thread's error */
    virResetLastError();
    CHECK(virGetLastError() == NULL);
    CHECK(saved && saved->code == VIR_ERR_NO_CONNECT && strstr(saved->message, "nosuchscheme"));
    CHECK(copy.code == VIR_ERR_NO_CONNECT);

    virResetError(&copy);
    CHECK(copy.code == VIR_ERR_OK && copy.message == NULL && copy.str1 == NULL);
    virResetError(NULL);
    virFreeError(saved);
    virFreeError(NULL);

    /* saving with no error gives an empty error, not NULL */
    saved = virSaveLastError();
    CHECK(saved && saved->code == VIR_ERR_OK);
    virFreeError(saved);
}

/* ---- the fields of virError ---- */

static void testFields(void)
{
    /* from a module: its domain and code, the connection pointer */
    virConnectPtr c = openFix();
    CHECK(virDomainLookupByID(c, -1) == NULL);
    virErrorPtr e = virGetLastError();
    CHECK(e && e->code == VIR_ERR_INVALID_ARG && e->conn == c && e->level == VIR_ERR_ERROR);
    CHECK(e && e->message && strstr(e->message, "virDomainLookupByID"));

    CHECK(virConnectOpen("fixopenfail:///ok") == NULL);
    e = virGetLastError();
    CHECK(e && e->code == VIR_ERR_OPERATION_FAILED && e->domain == VIR_FROM_TEST);
    CHECK(e && e->conn == NULL);
    CHECK_STR(e ? e->message : NULL, "operation failed: fixture fixopenfail cannot open fixopenfail:///ok");

    /* invalid objects */
    CHECK(virDomainGetName(NULL) == NULL);
    e = virGetLastError();
    CHECK(e && e->code == VIR_ERR_INVALID_DOMAIN && e->domain == VIR_FROM_DOM);
    CHECK(e && strstr(e->message, "virDomainGetName"));
    CHECK(virNetworkGetName(NULL) == NULL);
    e = virGetLastError();
    CHECK(e && e->code == VIR_ERR_INVALID_NETWORK && e->domain == VIR_FROM_NETWORK);
    CHECK(virConnectClose(NULL) == -1);
    e = virGetLastError();
    CHECK(e && e->code == VIR_ERR_INVALID_CONN);
    CHECK(virConnectClose(c) == 0);
}

int main(void)
{
    fixtureInit();
    const char *dir = fixtureFolder("manifests");
    fixtureManifest(dir, "fixold", NULL);
    fixtureManifest(dir, "fixopenfail", NULL);
    /* A scheme nobody claims would go to the remote module; a disabled
     * one keeps the core's own NO_CONNECT error these checks are about. */
    fixtureWrite(dir, "nosuchscheme.json",
                 "{\"module\": \"nosuchscheme\", \"disabled\": true, \"summary\": \"off\"}\n");
    fixtureUseFolders(dir, NULL);
    virSetErrorFunc(&globalLog, recordError);

    TEST_RUN(testPerThread);
    TEST_RUN(testConnectionCopy);
    TEST_RUN(testHandlerOrder);
    TEST_RUN(testSaveCopyReset);
    TEST_RUN(testFields);
    TEST_DONE();
}
