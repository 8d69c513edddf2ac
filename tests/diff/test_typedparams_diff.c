/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test_typedparams_diff.c: the public virTypedParams* functions, compiled
 * against Debian's <libvirt/libvirt.h> and run twice: once on our
 * libvirt.so.0 and once on Debian's (the oracle). Each check renders what
 * a call did (return value, counters, the parameter it wrote, the error
 * it left) as one line and compares it with the line libvirt 9.0 gives,
 * so both runs must print the same TAP. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

static int count, failed;

static void quiet(void *opaque, virErrorPtr err)
{
    (void) opaque;
    (void) err;
}

/* " err=none" or " err=(code,domain) message". */
static void appendError(char *buf, size_t size)
{
    size_t len = strlen(buf);
    virErrorPtr err = virGetLastError();
    if (!err)
        snprintf(buf + len, size - len, " err=none");
    else
        snprintf(buf + len, size - len, " err=(%d,%d) %s", err->code, err->domain,
                 err->message ? err->message : "(null)");
}

static void expect(const char *what, const char *got, const char *want)
{
    int ok = strcmp(got, want) == 0;
    count++;
    if (!ok)
        failed++;
    printf("%sok %d - %s\n", ok ? "" : "not ", count, what);
    if (!ok)
        printf("#   got:  %s\n#   want: %s\n", got, want);
    fflush(stdout);
}

/* Render the array: n, max and each "name:type=value". */
static void renderParams(char *buf, size_t size, virTypedParameterPtr p, int n, int max)
{
    size_t len = strlen(buf);
    len += (size_t) snprintf(buf + len, size - len, " n=%d max=%d [", n, max);
    for (int i = 0; i < n && len < size; i++) {
        const char *sep = i ? " " : "";
        switch (p[i].type) {
        case VIR_TYPED_PARAM_INT:
            len += (size_t) snprintf(buf + len, size - len, "%s%s:int=%d", sep, p[i].field, p[i].value.i);
            break;
        case VIR_TYPED_PARAM_UINT:
            len += (size_t) snprintf(buf + len, size - len, "%s%s:uint=%u", sep, p[i].field, p[i].value.ui);
            break;
        case VIR_TYPED_PARAM_LLONG:
            len += (size_t) snprintf(buf + len, size - len, "%s%s:llong=%lld", sep, p[i].field, p[i].value.l);
            break;
        case VIR_TYPED_PARAM_ULLONG:
            len += (size_t) snprintf(buf + len, size - len, "%s%s:ullong=%llu", sep, p[i].field, p[i].value.ul);
            break;
        case VIR_TYPED_PARAM_DOUBLE:
            len += (size_t) snprintf(buf + len, size - len, "%s%s:double=%g", sep, p[i].field, p[i].value.d);
            break;
        case VIR_TYPED_PARAM_BOOLEAN:
            len += (size_t) snprintf(buf + len, size - len, "%s%s:boolean=%d", sep, p[i].field, p[i].value.b);
            break;
        case VIR_TYPED_PARAM_STRING:
            len += (size_t) snprintf(buf + len, size - len, "%s%s:string=%s", sep, p[i].field,
                                     p[i].value.s ? p[i].value.s : "(null)");
            break;
        default:
            len += (size_t) snprintf(buf + len, size - len, "%s%s:type%d", sep, p[i].field, p[i].type);
        }
    }
    if (len < size)
        snprintf(buf + len, size - len, "]");
}

/* One adder call's outcome: rc, the array after it, the error. */
#define ADD_RESULT(label, call, want)                                  \
    do {                                                               \
        char buf_[1024];                                               \
        virSetErrorFunc(NULL, quiet);                                  \
        int rc_ = (call);                                              \
        snprintf(buf_, sizeof(buf_), "rc=%d", rc_);                    \
        renderParams(buf_, sizeof(buf_), p, n, max);                   \
        appendError(buf_, sizeof(buf_));                               \
        expect(label, buf_, want);                                     \
    } while (0)

static char name79[80], name80[81];

static void testAdders(void)
{
    virTypedParameterPtr p = NULL;
    int n = 0, max = 0;

    ADD_RESULT("AddInt first", virTypedParamsAddInt(&p, &n, &max, "a", -7),
               "rc=0 n=1 max=1 [a:int=-7] err=none");
    ADD_RESULT("AddInt same name appends", virTypedParamsAddInt(&p, &n, &max, "a", 8),
               "rc=0 n=2 max=2 [a:int=-7 a:int=8] err=none");
    ADD_RESULT("AddUInt", virTypedParamsAddUInt(&p, &n, &max, "u", 4000000000U),
               "rc=0 n=3 max=3 [a:int=-7 a:int=8 u:uint=4000000000] err=none");
    ADD_RESULT("AddLLong", virTypedParamsAddLLong(&p, &n, &max, "l", -5000000000LL),
               "rc=0 n=4 max=4 [a:int=-7 a:int=8 u:uint=4000000000 l:llong=-5000000000] err=none");
    ADD_RESULT("AddULLong", virTypedParamsAddULLong(&p, &n, &max, "ul", 18446744073709551615ULL),
               "rc=0 n=5 max=6 [a:int=-7 a:int=8 u:uint=4000000000 l:llong=-5000000000 ul:ullong=18446744073709551615] err=none");
    ADD_RESULT("AddDouble", virTypedParamsAddDouble(&p, &n, &max, "d", 2.5),
               "rc=0 n=6 max=6 [a:int=-7 a:int=8 u:uint=4000000000 l:llong=-5000000000 ul:ullong=18446744073709551615 d:double=2.5] err=none");
    ADD_RESULT("AddBoolean nonzero is 1", virTypedParamsAddBoolean(&p, &n, &max, "b", 42),
               "rc=0 n=7 max=9 [a:int=-7 a:int=8 u:uint=4000000000 l:llong=-5000000000 ul:ullong=18446744073709551615 d:double=2.5 b:boolean=1] err=none");
    ADD_RESULT("AddString", virTypedParamsAddString(&p, &n, &max, "s", "one"),
               "rc=0 n=8 max=9 [a:int=-7 a:int=8 u:uint=4000000000 l:llong=-5000000000 ul:ullong=18446744073709551615 d:double=2.5 b:boolean=1 s:string=one] err=none");
    ADD_RESULT("AddString same name appends", virTypedParamsAddString(&p, &n, &max, "s", "two"),
               "rc=0 n=9 max=9 [a:int=-7 a:int=8 u:uint=4000000000 l:llong=-5000000000 ul:ullong=18446744073709551615 d:double=2.5 b:boolean=1 s:string=one s:string=two] err=none");
    ADD_RESULT("AddString another type under a used name", virTypedParamsAddString(&p, &n, &max, "a", "x"),
               "rc=0 n=10 max=13 [a:int=-7 a:int=8 u:uint=4000000000 l:llong=-5000000000 ul:ullong=18446744073709551615 d:double=2.5 b:boolean=1 s:string=one s:string=two a:string=x] err=none");
    ADD_RESULT("Add name of 79 bytes", virTypedParamsAddInt(&p, &n, &max, name79, 1),
               "rc=0 n=11 max=13 [a:int=-7 a:int=8 u:uint=4000000000 l:llong=-5000000000 ul:ullong=18446744073709551615 d:double=2.5 b:boolean=1 s:string=one s:string=two a:string=x xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx:int=1] err=none");
    ADD_RESULT("AddInt name of 80 bytes", virTypedParamsAddInt(&p, &n, &max, name80, 1),
               "rc=-1 n=11 max=13 [a:int=-7 a:int=8 u:uint=4000000000 l:llong=-5000000000 ul:ullong=18446744073709551615 d:double=2.5 b:boolean=1 s:string=one s:string=two a:string=x xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx:int=1] err=(1,0) internal error: Field name 'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy' too long");
    ADD_RESULT("AddString name of 80 bytes", virTypedParamsAddString(&p, &n, &max, name80, "v"),
               "rc=-1 n=11 max=13 [a:int=-7 a:int=8 u:uint=4000000000 l:llong=-5000000000 ul:ullong=18446744073709551615 d:double=2.5 b:boolean=1 s:string=one s:string=two a:string=x xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx:int=1] err=(1,0) internal error: Field name 'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy' too long");
    ADD_RESULT("AddBoolean name of 80 bytes", virTypedParamsAddBoolean(&p, &n, &max, name80, 1),
               "rc=-1 n=11 max=13 [a:int=-7 a:int=8 u:uint=4000000000 l:llong=-5000000000 ul:ullong=18446744073709551615 d:double=2.5 b:boolean=1 s:string=one s:string=two a:string=x xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx:int=1] err=(1,0) internal error: Field name 'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy' too long");
    virTypedParamsFree(p, n);

    /* NULL name: an empty name; NULL string value: an empty string. */
    p = NULL;
    n = max = 0;
    ADD_RESULT("AddInt NULL name", virTypedParamsAddInt(&p, &n, &max, NULL, 1),
               "rc=0 n=1 max=1 [:int=1] err=none");
    ADD_RESULT("AddString NULL value", virTypedParamsAddString(&p, &n, &max, "s", NULL),
               "rc=0 n=2 max=2 [:int=1 s:string=] err=none");
    ADD_RESULT("FromString NULL name", virTypedParamsAddFromString(&p, &n, &max, NULL, VIR_TYPED_PARAM_UINT, "7"),
               "rc=0 n=3 max=3 [:int=1 s:string= :uint=7] err=none");
    virTypedParamsFree(p, n);
}

static void testStringList(void)
{
    virTypedParameterPtr p = NULL;
    int n = 0, max = 0;
    const char *three[] = { "vda", "vdb", "vdc", NULL };
    const char *none[] = { NULL };

    ADD_RESULT("AddStringList three values", virTypedParamsAddStringList(&p, &n, &max, "disk", three),
               "rc=0 n=3 max=3 [disk:string=vda disk:string=vdb disk:string=vdc] err=none");
    ADD_RESULT("AddStringList again appends", virTypedParamsAddStringList(&p, &n, &max, "disk", three),
               "rc=0 n=6 max=6 [disk:string=vda disk:string=vdb disk:string=vdc disk:string=vda disk:string=vdb disk:string=vdc] err=none");
    ADD_RESULT("AddStringList NULL list", virTypedParamsAddStringList(&p, &n, &max, "disk", NULL),
               "rc=0 n=6 max=6 [disk:string=vda disk:string=vdb disk:string=vdc disk:string=vda disk:string=vdb disk:string=vdc] err=none");
    ADD_RESULT("AddStringList empty list", virTypedParamsAddStringList(&p, &n, &max, "disk", none),
               "rc=-1 n=6 max=6 [disk:string=vda disk:string=vdb disk:string=vdc disk:string=vda disk:string=vdb disk:string=vdc] err=none");
    ADD_RESULT("AddStringList long name", virTypedParamsAddStringList(&p, &n, &max, name80, three),
               "rc=-1 n=6 max=9 [disk:string=vda disk:string=vdb disk:string=vdc disk:string=vda disk:string=vdb disk:string=vdc] err=(1,0) internal error: Field name 'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy' too long");
    virTypedParamsFree(p, n);
}

static void testFromString(void)
{
    virTypedParameterPtr p = NULL;
    int n = 0, max = 0;
    static const struct {
        const char *label;
        int type;
        const char *text;
        const char *want;
    } rows[] = {
        { "FromString int", VIR_TYPED_PARAM_INT, "-12", "rc=0 n=1 max=1 [f:int=-12] err=none" },
        { "FromString int overflow", VIR_TYPED_PARAM_INT, "2147483648", "rc=-1 n=1 max=2 [f:int=-12] err=(8,0) invalid argument: Invalid value for field 'f': expected int" },
        { "FromString int trailing text", VIR_TYPED_PARAM_INT, "12x", "rc=-1 n=1 max=2 [f:int=-12] err=(8,0) invalid argument: Invalid value for field 'f': expected int" },
        { "FromString int empty", VIR_TYPED_PARAM_INT, "", "rc=-1 n=1 max=2 [f:int=-12] err=(8,0) invalid argument: Invalid value for field 'f': expected int" },
        { "FromString int hex", VIR_TYPED_PARAM_INT, "0x10", "rc=-1 n=1 max=2 [f:int=-12] err=(8,0) invalid argument: Invalid value for field 'f': expected int" },
        { "FromString int leading space", VIR_TYPED_PARAM_INT, " 5", "rc=0 n=2 max=2 [f:int=-12 f:int=5] err=none" },
        { "FromString uint", VIR_TYPED_PARAM_UINT, "4294967295", "rc=0 n=3 max=3 [f:int=-12 f:int=5 f:uint=4294967295] err=none" },
        { "FromString uint -1", VIR_TYPED_PARAM_UINT, "-1", "rc=0 n=4 max=4 [f:int=-12 f:int=5 f:uint=4294967295 f:uint=4294967295] err=none" },
        { "FromString uint overflow", VIR_TYPED_PARAM_UINT, "4294967296", "rc=-1 n=4 max=6 [f:int=-12 f:int=5 f:uint=4294967295 f:uint=4294967295] err=(8,0) invalid argument: Invalid value for field 'f': expected unsigned int" },
        { "FromString llong", VIR_TYPED_PARAM_LLONG, "-9223372036854775808", "rc=0 n=5 max=6 [f:int=-12 f:int=5 f:uint=4294967295 f:uint=4294967295 f:llong=-9223372036854775808] err=none" },
        { "FromString llong overflow", VIR_TYPED_PARAM_LLONG, "9223372036854775808", "rc=-1 n=5 max=6 [f:int=-12 f:int=5 f:uint=4294967295 f:uint=4294967295 f:llong=-9223372036854775808] err=(8,0) invalid argument: Invalid value for field 'f': expected long long" },
        { "FromString ullong", VIR_TYPED_PARAM_ULLONG, "18446744073709551615", "rc=0 n=6 max=6 [f:int=-12 f:int=5 f:uint=4294967295 f:uint=4294967295 f:llong=-9223372036854775808 f:ullong=18446744073709551615] err=none" },
        { "FromString ullong -1", VIR_TYPED_PARAM_ULLONG, "-1", "rc=0 n=7 max=9 [f:int=-12 f:int=5 f:uint=4294967295 f:uint=4294967295 f:llong=-9223372036854775808 f:ullong=18446744073709551615 f:ullong=18446744073709551615] err=none" },
        { "FromString ullong junk", VIR_TYPED_PARAM_ULLONG, "abc", "rc=-1 n=7 max=9 [f:int=-12 f:int=5 f:uint=4294967295 f:uint=4294967295 f:llong=-9223372036854775808 f:ullong=18446744073709551615 f:ullong=18446744073709551615] err=(8,0) invalid argument: Invalid value for field 'f': expected unsigned long long" },
        { "FromString double", VIR_TYPED_PARAM_DOUBLE, "1.25", "rc=0 n=8 max=9 [f:int=-12 f:int=5 f:uint=4294967295 f:uint=4294967295 f:llong=-9223372036854775808 f:ullong=18446744073709551615 f:ullong=18446744073709551615 f:double=1.25] err=none" },
        { "FromString double junk", VIR_TYPED_PARAM_DOUBLE, "1.2.3", "rc=-1 n=8 max=9 [f:int=-12 f:int=5 f:uint=4294967295 f:uint=4294967295 f:llong=-9223372036854775808 f:ullong=18446744073709551615 f:ullong=18446744073709551615 f:double=1.25] err=(8,0) invalid argument: Invalid value for field 'f': expected double" },
        { "FromString boolean TRUE", VIR_TYPED_PARAM_BOOLEAN, "TRUE", "rc=0 n=9 max=9 [f:int=-12 f:int=5 f:uint=4294967295 f:uint=4294967295 f:llong=-9223372036854775808 f:ullong=18446744073709551615 f:ullong=18446744073709551615 f:double=1.25 f:boolean=1] err=none" },
        { "FromString boolean 0", VIR_TYPED_PARAM_BOOLEAN, "0", "rc=0 n=10 max=13 [f:int=-12 f:int=5 f:uint=4294967295 f:uint=4294967295 f:llong=-9223372036854775808 f:ullong=18446744073709551615 f:ullong=18446744073709551615 f:double=1.25 f:boolean=1 f:boolean=0] err=none" },
        { "FromString boolean yes", VIR_TYPED_PARAM_BOOLEAN, "yes", "rc=-1 n=10 max=13 [f:int=-12 f:int=5 f:uint=4294967295 f:uint=4294967295 f:llong=-9223372036854775808 f:ullong=18446744073709551615 f:ullong=18446744073709551615 f:double=1.25 f:boolean=1 f:boolean=0] err=(8,0) invalid argument: Invalid boolean value for field 'f'" },
        { "FromString string", VIR_TYPED_PARAM_STRING, "text", "rc=0 n=11 max=13 [f:int=-12 f:int=5 f:uint=4294967295 f:uint=4294967295 f:llong=-9223372036854775808 f:ullong=18446744073709551615 f:ullong=18446744073709551615 f:double=1.25 f:boolean=1 f:boolean=0 f:string=text] err=none" },
        { "FromString unknown type", 99, "1", "rc=-1 n=11 max=13 [f:int=-12 f:int=5 f:uint=4294967295 f:uint=4294967295 f:llong=-9223372036854775808 f:ullong=18446744073709551615 f:ullong=18446744073709551615 f:double=1.25 f:boolean=1 f:boolean=0 f:string=text] err=(1,0) internal error: unexpected type 99 for field f" },
        { "FromString type 0", 0, "1", "rc=-1 n=11 max=13 [f:int=-12 f:int=5 f:uint=4294967295 f:uint=4294967295 f:llong=-9223372036854775808 f:ullong=18446744073709551615 f:ullong=18446744073709551615 f:double=1.25 f:boolean=1 f:boolean=0 f:string=text] err=(1,0) internal error: unexpected type 0 for field f" },
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
        ADD_RESULT(rows[i].label, virTypedParamsAddFromString(&p, &n, &max, "f", rows[i].type, rows[i].text),
                   rows[i].want);
    ADD_RESULT("FromString same name appends", virTypedParamsAddFromString(&p, &n, &max, "f", VIR_TYPED_PARAM_INT, "3"),
               "rc=0 n=12 max=13 [f:int=-12 f:int=5 f:uint=4294967295 f:uint=4294967295 f:llong=-9223372036854775808 f:ullong=18446744073709551615 f:ullong=18446744073709551615 f:double=1.25 f:boolean=1 f:boolean=0 f:string=text f:int=3] err=none");
    ADD_RESULT("FromString NULL value", virTypedParamsAddFromString(&p, &n, &max, "f", VIR_TYPED_PARAM_INT, NULL),
               "rc=-1 n=12 max=13 [f:int=-12 f:int=5 f:uint=4294967295 f:uint=4294967295 f:llong=-9223372036854775808 f:ullong=18446744073709551615 f:ullong=18446744073709551615 f:double=1.25 f:boolean=1 f:boolean=0 f:string=text f:int=3] err=(8,0) invalid argument: NULL value for field 'f'");
    ADD_RESULT("FromString long name", virTypedParamsAddFromString(&p, &n, &max, name80, VIR_TYPED_PARAM_INT, "1"),
               "rc=-1 n=12 max=13 [f:int=-12 f:int=5 f:uint=4294967295 f:uint=4294967295 f:llong=-9223372036854775808 f:ullong=18446744073709551615 f:ullong=18446744073709551615 f:double=1.25 f:boolean=1 f:boolean=0 f:string=text f:int=3] err=(1,0) internal error: Field name 'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy' too long");
    virTypedParamsFree(p, n);
}

/* One getter call: rc, the value when rc is 1, the error. */
#define GET_RESULT(label, fn, ctype, fmt, pname, want)                  \
    do {                                                                \
        char buf_[1024];                                                \
        ctype v_ = 0;                                                   \
        virSetErrorFunc(NULL, quiet);                                   \
        int rc_ = fn(p, n, (pname), &v_);                               \
        if (rc_ == 1)                                                   \
            snprintf(buf_, sizeof(buf_), "rc=%d value=" fmt, rc_, v_);  \
        else                                                            \
            snprintf(buf_, sizeof(buf_), "rc=%d", rc_);                 \
        appendError(buf_, sizeof(buf_));                                \
        expect(label, buf_, want);                                      \
    } while (0)

static void testGetters(void)
{
    virTypedParameterPtr p = NULL;
    int n = 0, max = 0;
    virTypedParamsAddInt(&p, &n, &max, "i", -3);
    virTypedParamsAddInt(&p, &n, &max, "i", 4);
    virTypedParamsAddUInt(&p, &n, &max, "ui", 3000000000U);
    virTypedParamsAddLLong(&p, &n, &max, "l", -1099511627776LL);
    virTypedParamsAddULLong(&p, &n, &max, "ul", 1ULL << 63);
    virTypedParamsAddDouble(&p, &n, &max, "d", 0.5);
    virTypedParamsAddBoolean(&p, &n, &max, "b", 1);
    virTypedParamsAddString(&p, &n, &max, "s", "first");
    virTypedParamsAddString(&p, &n, &max, "s", "second");

    GET_RESULT("GetInt first of repeated", virTypedParamsGetInt, int, "%d", "i", "rc=1 value=-3 err=none");
    GET_RESULT("GetUInt", virTypedParamsGetUInt, unsigned int, "%u", "ui", "rc=1 value=3000000000 err=none");
    GET_RESULT("GetLLong", virTypedParamsGetLLong, long long, "%lld", "l", "rc=1 value=-1099511627776 err=none");
    GET_RESULT("GetULLong", virTypedParamsGetULLong, unsigned long long, "%llu", "ul", "rc=1 value=9223372036854775808 err=none");
    GET_RESULT("GetDouble", virTypedParamsGetDouble, double, "%g", "d", "rc=1 value=0.5 err=none");
    GET_RESULT("GetBoolean", virTypedParamsGetBoolean, int, "%d", "b", "rc=1 value=1 err=none");
    GET_RESULT("GetString first of repeated", virTypedParamsGetString, const char *, "%s", "s", "rc=1 value=first err=none");

    GET_RESULT("GetInt on a uint", virTypedParamsGetInt, int, "%d", "ui", "rc=-1 err=(8,0) invalid argument: Invalid type 'int' requested for parameter 'ui', actual type is 'uint'");
    GET_RESULT("GetUInt on an int", virTypedParamsGetUInt, unsigned int, "%u", "i", "rc=-1 err=(8,0) invalid argument: Invalid type 'uint' requested for parameter 'i', actual type is 'int'");
    GET_RESULT("GetLLong on a ullong", virTypedParamsGetLLong, long long, "%lld", "ul", "rc=-1 err=(8,0) invalid argument: Invalid type 'llong' requested for parameter 'ul', actual type is 'ullong'");
    GET_RESULT("GetULLong on a llong", virTypedParamsGetULLong, unsigned long long, "%llu", "l", "rc=-1 err=(8,0) invalid argument: Invalid type 'ullong' requested for parameter 'l', actual type is 'llong'");
    GET_RESULT("GetDouble on a boolean", virTypedParamsGetDouble, double, "%g", "b", "rc=-1 err=(8,0) invalid argument: Invalid type 'double' requested for parameter 'b', actual type is 'boolean'");
    GET_RESULT("GetBoolean on a double", virTypedParamsGetBoolean, int, "%d", "d", "rc=-1 err=(8,0) invalid argument: Invalid type 'boolean' requested for parameter 'd', actual type is 'double'");
    GET_RESULT("GetString on an int", virTypedParamsGetString, const char *, "%s", "i", "rc=-1 err=(8,0) invalid argument: Invalid type 'string' requested for parameter 'i', actual type is 'int'");

    GET_RESULT("GetInt missing", virTypedParamsGetInt, int, "%d", "nope", "rc=0 err=none");
    GET_RESULT("GetString missing", virTypedParamsGetString, const char *, "%s", "nope", "rc=0 err=none");
    GET_RESULT("GetInt NULL name", virTypedParamsGetInt, int, "%d", NULL, "rc=0 err=none");
    GET_RESULT("GetString NULL name", virTypedParamsGetString, const char *, "%s", NULL, "rc=0 err=none");

    char buf[1024];
    snprintf(buf, sizeof(buf), "int=%d uint=%d llong=%d ullong=%d double=%d boolean=%d string=%d",
             virTypedParamsGetInt(p, n, "i", NULL), virTypedParamsGetUInt(p, n, "ui", NULL),
             virTypedParamsGetLLong(p, n, "l", NULL), virTypedParamsGetULLong(p, n, "ul", NULL),
             virTypedParamsGetDouble(p, n, "d", NULL), virTypedParamsGetBoolean(p, n, "b", NULL),
             virTypedParamsGetString(p, n, "s", NULL));
    expect("Get with NULL value checks presence", buf, "int=1 uint=1 llong=1 ullong=1 double=1 boolean=1 string=1");
    snprintf(buf, sizeof(buf), "rc=%d", virTypedParamsGetString(p, n, "i", NULL));
    appendError(buf, sizeof(buf));
    expect("Get with NULL value still checks the type", buf, "rc=-1 err=(8,0) invalid argument: Invalid type 'string' requested for parameter 'i', actual type is 'int'");

    snprintf(buf, sizeof(buf), "rc=%d", virTypedParamsGetInt(NULL, 0, "i", NULL));
    appendError(buf, sizeof(buf));
    expect("GetInt on a NULL array", buf, "rc=0 err=none");
    snprintf(buf, sizeof(buf), "rc=%d", virTypedParamsGetInt(p, 1, "ui", NULL));
    appendError(buf, sizeof(buf));
    expect("GetInt looks at nparams entries only", buf, "rc=0 err=none");

    virTypedParameterPtr g = virTypedParamsGet(p, n, "s");
    snprintf(buf, sizeof(buf), "index=%d", g ? (int) (g - p) : -1);
    expect("Get finds the first of repeated", buf, "index=7");
    snprintf(buf, sizeof(buf), "%s %s %s",
             virTypedParamsGet(p, n, "nope") ? "found" : "NULL",
             virTypedParamsGet(NULL, n, "s") ? "found" : "NULL",
             virTypedParamsGet(p, n, NULL) ? "found" : "NULL");
    expect("Get missing, NULL array, NULL name", buf, "NULL NULL NULL");

    /* A getter resets an earlier error. */
    virTypedParamsGetString(p, n, "i", NULL);
    virTypedParamsGetInt(p, n, "i", NULL);
    snprintf(buf, sizeof(buf), "after");
    appendError(buf, sizeof(buf));
    expect("Get resets the last error", buf, "after err=none");

    virTypedParamsClear(p, n);
    snprintf(buf, sizeof(buf), "s0=%s s1=%s i=%d", p[7].value.s ? "set" : "NULL",
             p[8].value.s ? "set" : "NULL", p[0].value.i);
    expect("Clear frees the strings only", buf, "s0=NULL s1=NULL i=-3");
    virTypedParamsFree(p, n);
    virTypedParamsFree(NULL, 0);
    virTypedParamsClear(NULL, 3);
    expect("Free and Clear accept NULL", "done", "done");
}

int main(void)
{
    if (virInitialize() < 0)
        return 1;
    memset(name79, 'x', 79);
    memset(name80, 'y', 80);
    testAdders();
    testStringList();
    testFromString();
    testGetters();
    printf("1..%d\n", count);
    return failed ? 1 : 0;
}
