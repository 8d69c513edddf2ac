/* test_stream.c: streams: the core's buffer backing (Recv hands out the
 * bytes then 0; Send fails), a module-style driver attached through the
 * services (Send, Finish, Abort, free ordering, hole and event calls
 * without support), SendAll/RecvAll, and Ref/Free. */
#include "fixture-env.h"
#include "harness.h"
#include "internal.h"
#include "runtime-api.h"

static virConnectPtr conn;
static const virtCoreServices *svc = &virtCoreServiceTable;

static void quiet(void *data, virErrorPtr err)
{
    (void) data; (void) err;
}

static int lastCode(void)
{
    virErrorPtr e = virGetLastError();
    return e ? e->code : 0;
}

static void testBufferBacking(void)
{
    virStreamPtr st = virStreamNew(conn, 0);
    CHECK(st != NULL);
    char buf[8];
    /* Nothing attached yet. */
    CHECK(virStreamRecv(st, buf, sizeof(buf)) == -1);
    CHECK(lastCode() == VIR_ERR_NO_SUPPORT);
    CHECK(virStreamFinish(st) == -1);
    CHECK(virStreamAbort(st) == 0);

    CHECK(svc->stream_attach_buffer(st, "0123456789", 10) == 0);
    CHECK(svc->stream_attach_buffer(st, "x", 1) == -1);   /* already in use */
    CHECK(svc->stream_conn(st) == conn);
    CHECK(svc->stream_flags(st) == 0);
    CHECK(virStreamRecv(st, buf, 8) == 8);
    CHECK(memcmp(buf, "01234567", 8) == 0);
    CHECK(virStreamRecv(st, buf, 8) == 2);
    CHECK(memcmp(buf, "89", 2) == 0);
    CHECK(virStreamRecv(st, buf, 8) == 0);
    CHECK(virStreamRecv(st, buf, 8) == 0);
    CHECK(virStreamSend(st, "x", 1) == -1);
    CHECK(lastCode() == VIR_ERR_OPERATION_INVALID);
    CHECK(virStreamRecv(st, NULL, 8) == -1);
    CHECK(lastCode() == VIR_ERR_INVALID_ARG);
    CHECK(virStreamEventAddCallback(st, 1, NULL, NULL, NULL) == -1);
    CHECK(virStreamRecvHole(st, NULL, 0) == -1);
    long long hole = 0;
    CHECK(virStreamRecvHole(st, &hole, 0) == -1);
    CHECK(lastCode() == VIR_ERR_NO_SUPPORT);
    CHECK(virStreamEventRemoveCallback(st) == -1);
    CHECK(lastCode() == VIR_ERR_NO_SUPPORT);
    CHECK(virStreamFinish(st) == 0);
    CHECK(virStreamRecv(st, buf, 8) == -1);               /* over */
    CHECK(lastCode() == VIR_ERR_OPERATION_INVALID);
    CHECK(virStreamFree(st) == 0);
}

static int sinkCalls;
static size_t sunk;

static int sink(virStreamPtr st, const char *data, size_t n, void *opaque)
{
    (void) st;
    char *dst = opaque;
    memcpy(dst + sunk, data, n > 3 ? 3 : n);   /* consumes at most 3 at a time */
    sunk += n > 3 ? 3 : n;
    sinkCalls++;
    return (int) (n > 3 ? 3 : n);
}

static void testRecvAllAndAbort(void)
{
    char out[32] = { 0 };
    virStreamPtr st = virStreamNew(conn, 0);
    CHECK(svc->stream_attach_buffer(st, "hello world", 11) == 0);
    sunk = 0;
    sinkCalls = 0;
    CHECK(virStreamRecvAll(st, sink, out) == 0);
    CHECK(sunk == 11 && sinkCalls == 4);
    CHECK_STR(out, "hello world");
    CHECK(virStreamFinish(st) == 0);
    CHECK(virStreamFree(st) == 0);

    /* Abort, then every data call fails; a second abort is harmless. */
    st = virStreamNew(conn, 0);
    CHECK(svc->stream_attach_buffer(st, "abc", 3) == 0);
    CHECK(virStreamAbort(st) == 0);
    CHECK(virStreamAbort(st) == 0);
    CHECK(virStreamRecv(st, out, 3) == -1);
    CHECK(virStreamFree(st) == 0);

    /* Non-blocking streams refuse the *All helpers. */
    st = virStreamNew(conn, VIRT_STREAM_NONBLOCK);
    CHECK(svc->stream_attach_buffer(st, "abc", 3) == 0);
    CHECK(virStreamRecvAll(st, sink, out) == -1);
    CHECK(lastCode() == VIR_ERR_OPERATION_INVALID);
    CHECK(virStreamFree(st) == 0);
}

/* A module-style sending driver recording what happens. */
static char received[64];
static size_t nreceived;
static int finishes, aborts, frees;
static int failSend;

static int drvSend(virStreamPtr st, void *opaque, const char *data, size_t n)
{
    (void) opaque;
    if (failSend) {
        svc->error(svc->stream_conn(st), VIR_FROM_STREAMS, VIR_ERR_OPERATION_FAILED, "disk full");
        return -1;
    }
    if (n > 5)
        n = 5;   /* short writes */
    memcpy(received + nreceived, data, n);
    nreceived += n;
    return (int) n;
}

static int drvFinish(virStreamPtr st, void *opaque) { (void) st; (void) opaque; finishes++; return 0; }
static int drvAbort(virStreamPtr st, void *opaque) { (void) st; (void) opaque; aborts++; return 0; }
static void drvFree(void *opaque) { CHECK(opaque == &frees); frees++; }

static const virtStreamDriver sendDriver = {
    .size = sizeof(virtStreamDriver),
    .send = drvSend,
    .finish = drvFinish,
    .abort = drvAbort,
    .free = drvFree,
};

/* An older module's driver ending before the hole operations. */
static const virtStreamDriver shortDriver = {
    .size = offsetof(virtStreamDriver, send_hole),
    .send = drvSend,
    .free = drvFree,
};

static const char *sourceText;

static int source(virStreamPtr st, char *data, size_t n, void *opaque)
{
    (void) st; (void) opaque;
    size_t left = strlen(sourceText);
    if (left > n)
        left = n;
    memcpy(data, sourceText, left);
    sourceText += left;
    return (int) left;
}

static int failingSource(virStreamPtr st, char *data, size_t n, void *opaque)
{
    (void) st; (void) data; (void) n; (void) opaque;
    return -1;
}

static void resetDriver(void)
{
    memset(received, 0, sizeof(received));
    nreceived = 0;
    finishes = aborts = frees = failSend = 0;
}

static void testModuleDriver(void)
{
    resetDriver();
    virStreamPtr st = virStreamNew(conn, 0);
    CHECK(svc->stream_attach(st, &sendDriver, &frees) == 0);
    CHECK(virStreamSend(st, "abcdefgh", 8) == 5);
    char buf[4];
    CHECK(virStreamRecv(st, buf, sizeof(buf)) == -1);   /* send-only */
    CHECK(lastCode() == VIR_ERR_NO_SUPPORT);
    sourceText = "-the rest";
    CHECK(virStreamSendAll(st, source, NULL) == 0);
    CHECK_STR(received, "abcde-the rest");
    CHECK(virStreamFinish(st) == 0);
    CHECK(finishes == 1 && aborts == 0 && frees == 0);
    CHECK(virStreamSend(st, "x", 1) == -1);
    CHECK(virStreamFree(st) == 0);
    CHECK(frees == 1 && aborts == 0);

    /* Freed without finishing: the core aborts first. */
    resetDriver();
    st = virStreamNew(conn, 0);
    CHECK(svc->stream_attach(st, &sendDriver, &frees) == 0);
    CHECK(virStreamRef(st) == 0);
    CHECK(virStreamFree(st) == 0);
    CHECK(frees == 0);
    CHECK(virStreamFree(st) == 0);
    CHECK(aborts == 1 && frees == 1);

    /* A failing source aborts the stream and reports an error. */
    resetDriver();
    st = virStreamNew(conn, 0);
    CHECK(svc->stream_attach(st, &sendDriver, &frees) == 0);
    CHECK(virStreamSendAll(st, failingSource, NULL) == -1);
    CHECK(lastCode() == VIR_ERR_OPERATION_FAILED);
    CHECK(aborts == 1);
    /* A failing driver: its own error survives the abort. */
    CHECK(virStreamFree(st) == 0);
    resetDriver();
    st = virStreamNew(conn, 0);
    CHECK(svc->stream_attach(st, &sendDriver, &frees) == 0);
    failSend = 1;
    sourceText = "data";
    CHECK(virStreamSendAll(st, source, NULL) == -1);
    CHECK(lastCode() == VIR_ERR_OPERATION_FAILED);
    CHECK(strstr(virGetLastErrorMessage(), "disk full") != NULL);
    CHECK(aborts == 1);
    CHECK(virStreamFree(st) == 0);

    /* The core never reads past a shorter driver. */
    resetDriver();
    st = virStreamNew(conn, 0);
    CHECK(svc->stream_attach(st, &shortDriver, &frees) == 0);
    CHECK(virStreamSendHole(st, 10, 0) == -1);
    CHECK(lastCode() == VIR_ERR_NO_SUPPORT);
    CHECK(virStreamSend(st, "ab", 2) == 2);
    CHECK(virStreamFinish(st) == 0);
    CHECK(virStreamFree(st) == 0);
    CHECK(frees == 1);
}

static void testInvalidStreams(void)
{
    CHECK(virStreamNew(NULL, 0) == NULL);
    CHECK(lastCode() == VIR_ERR_INVALID_CONN);
    CHECK(virStreamSend(NULL, "x", 1) == -1);
    CHECK(lastCode() == VIR_ERR_INVALID_STREAM);
    CHECK(virStreamFree(NULL) == -1);
    CHECK(virStreamRef(NULL) == -1);
    CHECK(virStreamAbort(NULL) == -1);
}

static void testStreamKeepsConnection(void)
{
    virConnectPtr c = virConnectOpen("evfix:///ok");
    CHECK(c != NULL);
    virStreamPtr st = virStreamNew(c, 0);
    CHECK(virConnectClose(c) == 1);
    CHECK(svc->stream_attach_buffer(st, "z", 1) == 0);
    char b;
    CHECK(virStreamRecv(st, &b, 1) == 1 && b == 'z');
    CHECK(virStreamFree(st) == 0);
}

int main(void)
{
    fixtureInit();
    const char *dir = fixtureFolder("manifests");
    fixtureManifest(dir, "evfix", NULL);
    fixtureUseFolders(dir, NULL);
    virSetErrorFunc(NULL, quiet);
    conn = virConnectOpen("evfix:///ok");
    if (!conn) {
        printf("Bail out! cannot open evfix:///ok: %s\n", virGetLastErrorMessage());
        return 1;
    }
    TEST_RUN(testBufferBacking);
    TEST_RUN(testRecvAllAndAbort);
    TEST_RUN(testModuleDriver);
    TEST_RUN(testInvalidStreams);
    TEST_RUN(testStreamKeepsConnection);
    virConnectClose(conn);
    TEST_DONE();
}
