/* test_message.c: frames byte for byte as libvirt sends them, frames that
 * must be refused, the procedure table, and remote_error <-> virError. */
#include <stdlib.h>
#include <string.h>

#include <libvirt/virterror.h>

#include "harness.h"
#include "message.h"
#include "remote_protocol.h"

/* CALL CONNECT_OPEN("test:///default", 0), serial 1, worked out by hand
 * from the XDR rules: what a libvirt client puts on the wire. */
static const unsigned char connectOpen[] = {
    0x00, 0x00, 0x00, 0x38,                     /* length 56, itself included */
    0x20, 0x00, 0x80, 0x86,                     /* program */
    0x00, 0x00, 0x00, 0x01,                     /* version */
    0x00, 0x00, 0x00, 0x01,                     /* procedure CONNECT_OPEN */
    0x00, 0x00, 0x00, 0x00,                     /* CALL */
    0x00, 0x00, 0x00, 0x01,                     /* serial */
    0x00, 0x00, 0x00, 0x00,                     /* OK */
    0x00, 0x00, 0x00, 0x01,                     /* name present */
    0x00, 0x00, 0x00, 0x0f,                     /* 15 bytes */
    't', 'e', 's', 't', ':', '/', '/', '/', 'd', 'e', 'f', 'a', 'u', 'l', 't', 0x00,
    0x00, 0x00, 0x00, 0x00,                     /* flags */
};

static void
encodeConnectOpen(void)
{
    char *uri = (char *)"test:///default";
    remote_connect_open_args args = { .name = &uri, .flags = 0 };
    virtRPCHeader hdr = { VIRT_RPC_REMOTE_PROGRAM, VIRT_RPC_REMOTE_VERSION,
                          REMOTE_PROC_CONNECT_OPEN, VIRT_RPC_CALL, 1, VIRT_RPC_OK };
    unsigned char *out = NULL;
    size_t len = 0;

    CHECK(virtRPCEncode(&hdr, virtXDRAny_remote_connect_open_args, &args, &out, &len) == 0);
    CHECK(len == sizeof(connectOpen) && memcmp(out, connectOpen, len) == 0);
    free(out);
}

static void
decodeConnectOpen(void)
{
    virtRPCHeader hdr;
    const unsigned char *body;
    size_t blen;
    remote_connect_open_args args;

    memset(&args, 0, sizeof(args));
    CHECK(virtRPCDecodeHeader(connectOpen, sizeof(connectOpen), &hdr, &body, &blen) == 0);
    CHECK(hdr.prog == VIRT_RPC_REMOTE_PROGRAM && hdr.vers == 1 && hdr.proc == 1);
    CHECK(hdr.type == VIRT_RPC_CALL && hdr.serial == 1 && hdr.status == VIRT_RPC_OK);
    CHECK(blen == 28);
    CHECK(virtRPCDecodeBody(body, blen, virtXDRAny_remote_connect_open_args, &args) == 0);
    CHECK(args.name && *args.name && strcmp(*args.name, "test:///default") == 0);
    CHECK(args.flags == 0);
    virtXDRFree_remote_connect_open_args(&args);
    CHECK(args.name == NULL);

    /* Bytes after the arguments are ignored, as libvirt ignores them. */
    {
        unsigned char longer[sizeof(connectOpen) - 28 + 32];
        memcpy(longer, body, blen);
        memset(longer + blen, 0, 4);
        memset(&args, 0, sizeof(args));
        CHECK(virtRPCDecodeBody(longer, blen + 4, virtXDRAny_remote_connect_open_args, &args) == 0);
        virtXDRFree_remote_connect_open_args(&args);
    }
    /* A void procedure reads nothing, whatever follows. */
    CHECK(virtRPCDecodeBody(body, 0, NULL, NULL) == 0);
    CHECK(virtRPCDecodeBody(body, 4, NULL, NULL) == 0);
}

static void
badFrames(void)
{
    unsigned char frame[sizeof(connectOpen)];
    virtRPCHeader hdr;
    const unsigned char *body;
    size_t blen;
    static const unsigned char tooBig[4] = { 0x02, 0x00, 0x00, 0x01 };   /* 32 MiB + 1 */
    static const unsigned char justRight[4] = { 0x02, 0x00, 0x00, 0x00 };
    static const unsigned char tiny[4] = { 0x00, 0x00, 0x00, 0x1b };      /* 27 < 28 */

    CHECK(virtRPCFrameLength(tooBig) < 0);
    CHECK(virtRPCFrameLength(justRight) == 32 * 1024 * 1024);
    CHECK(virtRPCFrameLength(tiny) < 0);

    /* Length word disagreeing with the buffer. */
    CHECK(virtRPCDecodeHeader(connectOpen, sizeof(connectOpen) - 4, &hdr, &body, &blen) < 0);
    /* Shorter than a header. */
    CHECK(virtRPCDecodeHeader(connectOpen, 20, &hdr, &body, &blen) < 0);
    /* An unknown message type or status is read as it is (libvirt's
     * xdr_enum); the receiver decides what to do with it. */
    memcpy(frame, connectOpen, sizeof(frame));
    frame[19] = 4;
    CHECK(virtRPCDecodeHeader(frame, sizeof(frame), &hdr, &body, &blen) == 0 && hdr.type == 4);
    memcpy(frame, connectOpen, sizeof(frame));
    frame[27] = 3;
    CHECK(virtRPCDecodeHeader(frame, sizeof(frame), &hdr, &body, &blen) == 0 && hdr.status == 3);
}

static void
keepalive(void)
{
    static const unsigned char ping[] = {
        0x00, 0x00, 0x00, 0x1c, 0x6b, 0x65, 0x65, 0x70, 0x00, 0x00, 0x00, 0x01,
        0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00,
    };
    unsigned char *out = NULL;
    size_t len = 0;

    CHECK(virtRPCEncodeKeepalive(VIRT_RPC_KEEPALIVE_PING, &out, &len) == 0);
    CHECK(len == sizeof(ping) && memcmp(out, ping, len) == 0);
    free(out);
    CHECK(virtKeepaliveProcedureLookup(KEEPALIVE_PROC_PONG) != NULL);
    CHECK(KEEPALIVE_PROGRAM == VIRT_RPC_KEEPALIVE_PROGRAM);
    CHECK(REMOTE_PROGRAM == VIRT_RPC_REMOTE_PROGRAM);
}

static void
procedureTable(void)
{
    size_t i;
    const virtRPCProcedure *p;
    static const struct { int num; const char *name; } known[] = {
        { 1, "CONNECT_OPEN" }, { 2, "CONNECT_CLOSE" }, { 12, "DOMAIN_DESTROY" },
        { 16, "DOMAIN_GET_INFO" }, { 23, "DOMAIN_LOOKUP_BY_NAME" },
        { 60, "CONNECT_SUPPORTS_FEATURE" }, { 66, "AUTH_LIST" }, { 110, "CONNECT_GET_URI" },
        { 121, "DOMAIN_GET_SECURITY_LABEL" }, { 122, "NODE_GET_SECURITY_MODEL" },
        { 151, "DOMAIN_IS_PERSISTENT" }, { 183, "DOMAIN_HAS_MANAGED_SAVE_IMAGE" },
        { 196, "DOMAIN_CREATE_WITH_FLAGS" }, { 212, "DOMAIN_GET_STATE" },
        { 234, "DOMAIN_DESTROY_FLAGS" }, { 273, "CONNECT_LIST_ALL_DOMAINS" },
        { 350, "DOMAIN_DEFINE_XML_FLAGS" }, { 360, "CONNECT_REGISTER_CLOSE_CALLBACK" },
        { 361, "CONNECT_UNREGISTER_CLOSE_CALLBACK" },
    };

    for (i = 1; i < virtRemoteProceduresCount; i++)
        CHECK(virtRemoteProcedures[i - 1].proc < virtRemoteProcedures[i].proc);
    for (i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
        p = virtRemoteProcedureLookup(known[i].num);
        CHECK(p != NULL);
        if (p)
            CHECK_STR(p->name, known[i].name);
    }
    CHECK(virtRemoteProcedureLookup(0) == NULL);
    CHECK(virtRemoteProcedureLookup(99999) == NULL);

    /* Layouts: what each call carries. */
    p = virtRemoteProcedureLookup(REMOTE_PROC_CONNECT_CLOSE);
    CHECK(p && !p->args_codec && !p->ret_codec);
    p = virtRemoteProcedureLookup(REMOTE_PROC_DOMAIN_GET_STATE);
    CHECK(p && p->args_size == sizeof(remote_domain_get_state_args) &&
          p->ret_size == sizeof(remote_domain_get_state_ret));
    CHECK(p && p->api && strcmp(p->api, "virDomainGetState") == 0);

    /* Read-only access: connection set-up passes, changes do not. */
    CHECK(!virtRemoteProcedureLookup(REMOTE_PROC_AUTH_LIST)->mutating);
    CHECK(!virtRemoteProcedureLookup(REMOTE_PROC_CONNECT_OPEN)->mutating);
    CHECK(!virtRemoteProcedureLookup(REMOTE_PROC_CONNECT_REGISTER_CLOSE_CALLBACK)->mutating);
    CHECK(!virtRemoteProcedureLookup(REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS)->mutating);
    CHECK(!virtRemoteProcedureLookup(REMOTE_PROC_DOMAIN_GET_INFO)->mutating);
    CHECK(virtRemoteProcedureLookup(REMOTE_PROC_DOMAIN_DESTROY)->mutating);
    CHECK(virtRemoteProcedureLookup(REMOTE_PROC_DOMAIN_DEFINE_XML)->mutating);
    CHECK(virtRemoteProcedureLookup(REMOTE_PROC_NETWORK_CREATE)->mutating);
}

static void
errors(void)
{
    virError in, out;
    remote_error rerr;
    unsigned char *frame = NULL;
    size_t len = 0;
    virtRPCHeader call = { VIRT_RPC_REMOTE_PROGRAM, 1, REMOTE_PROC_DOMAIN_LOOKUP_BY_NAME,
                           VIRT_RPC_CALL, 7, VIRT_RPC_OK };
    virtRPCHeader hdr;
    const unsigned char *body;
    size_t blen;

    memset(&in, 0, sizeof(in));
    in.code = 42;                      /* VIR_ERR_NO_DOMAIN */
    in.domain = 12;
    in.level = VIR_ERR_ERROR;
    in.message = (char *)"Domain not found: no domain with matching name 'x'";
    in.str1 = (char *)"Domain not found: %s";
    in.int1 = -1;

    CHECK(virtRPCEncodeError(&call, &in, &frame, &len) == 0);
    CHECK(virtRPCDecodeHeader(frame, len, &hdr, &body, &blen) == 0);
    CHECK(hdr.type == VIRT_RPC_REPLY && hdr.status == VIRT_RPC_ERROR && hdr.serial == 7);
    CHECK(hdr.proc == REMOTE_PROC_DOMAIN_LOOKUP_BY_NAME);
    memset(&rerr, 0, sizeof(rerr));
    CHECK(virtRPCDecodeBody(body, blen, virtXDRAny_remote_error, &rerr) == 0);
    CHECK(rerr.code == 42 && rerr.domain == 12 && rerr.level == VIR_ERR_ERROR && rerr.int1 == -1);
    CHECK(rerr.str2 == NULL && rerr.dom == NULL && rerr.net == NULL);
    CHECK(virtRPCErrorToVirError(&rerr, &out) == 0);
    CHECK_STR(out.message, in.message);
    CHECK_STR(out.str1, in.str1);
    CHECK(out.str2 == NULL && out.code == 42 && out.domain == 12 && out.int1 == -1);
    virtRPCErrorClear(&out);
    virtXDRFree_remote_error(&rerr);
    free(frame);

    /* No error at hand still yields a well-formed error. */
    CHECK(virtRPCErrorFromVirError(NULL, &rerr) == 0);
    CHECK(rerr.code == VIR_ERR_INTERNAL_ERROR && rerr.message && *rerr.message);
    virtXDRFree_remote_error(&rerr);
}

/* Over-long replies are refused when encoding. */
static void
oversized(void)
{
    remote_domain_get_xml_desc_ret ret;
    virtRPCHeader hdr = { VIRT_RPC_REMOTE_PROGRAM, 1, REMOTE_PROC_DOMAIN_GET_XML_DESC,
                          VIRT_RPC_REPLY, 3, VIRT_RPC_OK };
    unsigned char *out = NULL;
    size_t len = 0;
    size_t big = VIRT_RPC_MAX_STRING + 1;

    ret.xml = malloc(big + 1);
    memset(ret.xml, 'a', big);
    ret.xml[big] = '\0';
    CHECK(virtRPCEncode(&hdr, virtXDRAny_remote_domain_get_xml_desc_ret, &ret, &out, &len) < 0);
    CHECK(out == NULL);
    ret.xml[big - 1] = '\0';
    CHECK(virtRPCEncode(&hdr, virtXDRAny_remote_domain_get_xml_desc_ret, &ret, &out, &len) == 0);
    free(out);
    free(ret.xml);
}

int
main(void)
{
    TEST_RUN(encodeConnectOpen);
    TEST_RUN(decodeConnectOpen);
    TEST_RUN(badFrames);
    TEST_RUN(keepalive);
    TEST_RUN(procedureTable);
    TEST_RUN(errors);
    TEST_RUN(oversized);
    TEST_DONE();
}
