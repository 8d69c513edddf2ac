/* test_typedparams.c: the virTypedParams* helpers: every adder and getter,
 * type mismatches, duplicates, long names, string lists, parsing from
 * strings, Clear/Free, and the internal copy/validate helpers. */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "runtime-api.h"
#include "typedparams.h"

static void quiet(void *data, virErrorPtr err)
{
    (void) data; (void) err;
}

static int lastCode(void)
{
    virErrorPtr e = virGetLastError();
    return e ? e->code : 0;
}

static void testAddAndGetEveryType(void)
{
    virTypedParameterPtr p = NULL;
    int n = 0, max = 0;
    CHECK(virTypedParamsAddInt(&p, &n, &max, "i", -5) == 0);
    CHECK(virTypedParamsAddUInt(&p, &n, &max, "ui", 4000000000u) == 0);
    CHECK(virTypedParamsAddLLong(&p, &n, &max, "l", -1234567890123LL) == 0);
    CHECK(virTypedParamsAddULLong(&p, &n, &max, "ul", 18446744073709551615ULL) == 0);
    CHECK(virTypedParamsAddDouble(&p, &n, &max, "d", 2.5) == 0);
    CHECK(virTypedParamsAddBoolean(&p, &n, &max, "b", 42) == 0);
    CHECK(virTypedParamsAddString(&p, &n, &max, "s", "hello") == 0);
    CHECK(n == 7);
    CHECK(max >= n);

    int i = 0, b = 0;
    unsigned int ui = 0;
    long long l = 0;
    unsigned long long ul = 0;
    double d = 0;
    const char *s = NULL;
    CHECK(virTypedParamsGetInt(p, n, "i", &i) == 1 && i == -5);
    CHECK(virTypedParamsGetUInt(p, n, "ui", &ui) == 1 && ui == 4000000000u);
    CHECK(virTypedParamsGetLLong(p, n, "l", &l) == 1 && l == -1234567890123LL);
    CHECK(virTypedParamsGetULLong(p, n, "ul", &ul) == 1 && ul == 18446744073709551615ULL);
    CHECK(virTypedParamsGetDouble(p, n, "d", &d) == 1 && d == 2.5);
    CHECK(virTypedParamsGetBoolean(p, n, "b", &b) == 1 && b == 1);
    CHECK(virTypedParamsGetString(p, n, "s", &s) == 1);
    CHECK_STR(s, "hello");
    CHECK(p[1].type == 2);
    CHECK(p[5].value.b == 1);

    virTypedParameterPtr one = virTypedParamsGet(p, n, "d");
    CHECK(one == &p[4]);
    CHECK(virTypedParamsGet(p, n, "nope") == NULL);
    CHECK(virTypedParamsGet(NULL, 3, "d") == NULL);
    virTypedParamsFree(p, n);
}

static void testAbsentAndMismatch(void)
{
    virTypedParameterPtr p = NULL;
    int n = 0, max = 0, i = 77;
    unsigned int ui = 0;
    CHECK(virTypedParamsAddInt(&p, &n, &max, "i", 3) == 0);
    CHECK(virTypedParamsGetInt(p, n, "missing", &i) == 0);
    CHECK(i == 77);
    CHECK(lastCode() == 0);
    CHECK(virTypedParamsGetUInt(p, n, "i", &ui) == -1);
    CHECK(lastCode() == VIR_ERR_INVALID_ARG);
    CHECK(strstr(virGetLastErrorMessage(), "'i'") != NULL);
    /* A NULL name is absent; a NULL value only checks presence and type. */
    CHECK(virTypedParamsGetInt(p, n, NULL, &i) == 0);
    CHECK(lastCode() == 0);
    CHECK(virTypedParamsGetInt(p, n, "i", NULL) == 1);
    CHECK(virTypedParamsGetInt(NULL, 0, "i", &i) == 0);
    virTypedParamsFree(p, n);
}

static void testAddErrors(void)
{
    virTypedParameterPtr p = NULL;
    int n = 0, max = 0;
    char longName[100];
    memset(longName, 'x', sizeof(longName) - 1);
    longName[sizeof(longName) - 1] = '\0';

    CHECK(virTypedParamsAddInt(&p, &n, &max, "dup", 1) == 0);
    /* A repeated name is appended, as libvirt 9.0 does. */
    CHECK(virTypedParamsAddString(&p, &n, &max, "dup", "x") == 0);
    CHECK(n == 2);
    CHECK_STR(p[1].field, "dup");
    CHECK(virTypedParamsAddInt(&p, &n, &max, longName, 1) == -1);
    CHECK(lastCode() == VIR_ERR_INTERNAL_ERROR);
    CHECK(strstr(virGetLastErrorMessage(), "too long") != NULL);
    longName[79] = '\0';
    CHECK(virTypedParamsAddInt(&p, &n, &max, longName, 1) == 0);   /* 79 fits */
    CHECK(virTypedParamsAddInt(NULL, &n, &max, "a", 1) == -1);
    CHECK(virTypedParamsAddInt(&p, NULL, &max, "a", 1) == -1);
    CHECK(virTypedParamsAddInt(&p, &n, NULL, "a", 1) == -1);
    CHECK(lastCode() == VIR_ERR_INVALID_ARG);
    CHECK(n == 3);
    /* A NULL name is an empty one. */
    CHECK(virTypedParamsAddInt(&p, &n, &max, NULL, 1) == 0);
    CHECK_STR(p[3].field, "");
    /* A successful call clears the previous error. */
    CHECK(virTypedParamsAddInt(&p, &n, &max, "ok", 1) == 0);
    CHECK(lastCode() == 0);
    virTypedParamsFree(p, n);
}

static void testGrowthKeepsValues(void)
{
    virTypedParameterPtr p = NULL;
    int n = 0, max = 0;
    char name[32];
    for (int i = 0; i < 100; i++) {
        snprintf(name, sizeof(name), "p%d", i);
        CHECK(virTypedParamsAddString(&p, &n, &max, name, name) == 0);
    }
    CHECK(n == 100);
    const char *s = NULL;
    CHECK(virTypedParamsGetString(p, n, "p57", &s) == 1);
    CHECK_STR(s, "p57");
    virTypedParamsFree(p, n);
}

static void testStringList(void)
{
    virTypedParameterPtr p = NULL;
    int n = 0, max = 0;
    const char *vals[] = { "a", "b", "c", NULL };
    CHECK(virTypedParamsAddStringList(&p, &n, &max, "disk", vals) == 0);
    CHECK(n == 3);
    CHECK_STR(p[0].field, "disk");
    CHECK_STR(p[2].value.s, "c");
    /* The first of several is what the getter answers. */
    const char *s = NULL;
    CHECK(virTypedParamsGetString(p, n, "disk", &s) == 1);
    CHECK_STR(s, "a");
    const char **all = NULL;
    CHECK(virtTypedParamsGetStrings(p, n, "disk", &all) == 3);
    CHECK_STR(all[1], "b");
    CHECK(all[3] == NULL);
    free(all);
    /* A list under a name already used as a single value is allowed. */
    const char *more[] = { "d", NULL };
    CHECK(virTypedParamsAddStringList(&p, &n, &max, "disk", more) == 0);
    CHECK(n == 4);
    virTypedParamsFree(p, n);
}

static void testFromString(void)
{
    virTypedParameterPtr p = NULL;
    int n = 0, max = 0;
    CHECK(virTypedParamsAddFromString(&p, &n, &max, "i", 1, "-42") == 0);
    CHECK(virTypedParamsAddFromString(&p, &n, &max, "ui", 2, "42") == 0);
    CHECK(virTypedParamsAddFromString(&p, &n, &max, "l", 3, "-9000000000") == 0);
    CHECK(virTypedParamsAddFromString(&p, &n, &max, "ul", 4, "9000000000") == 0);
    CHECK(virTypedParamsAddFromString(&p, &n, &max, "d", 5, "0.25") == 0);
    CHECK(virTypedParamsAddFromString(&p, &n, &max, "b", 6, "yes") == -1);
    CHECK(virTypedParamsAddFromString(&p, &n, &max, "b", 6, "TRUE") == 0);
    CHECK(virTypedParamsAddFromString(&p, &n, &max, "s", 7, "text") == 0);
    CHECK(n == 7);
    CHECK(p[0].value.i == -42 && p[1].value.ui == 42 && p[2].value.l == -9000000000LL);
    CHECK(p[3].value.ul == 9000000000ULL && p[4].value.d == 0.25 && p[5].value.b == 1);
    CHECK_STR(p[6].value.s, "text");

    CHECK(virTypedParamsAddFromString(&p, &n, &max, "x", 1, "12abc") == -1);
    CHECK(lastCode() == VIR_ERR_INVALID_ARG);
    CHECK(virTypedParamsAddFromString(&p, &n, &max, "x", 1, "99999999999") == -1);
    CHECK(virTypedParamsAddFromString(&p, &n, &max, "x", 2, "-4294967296") == -1);
    CHECK(virTypedParamsAddFromString(&p, &n, &max, "x", 5, "") == -1);
    CHECK(virTypedParamsAddFromString(&p, &n, &max, "x", 99, "1") == -1);
    CHECK(virTypedParamsAddFromString(&p, &n, &max, "x", 1, NULL) == -1);
    CHECK(n == 7);
    virTypedParamsFree(p, n);
}

static void testClearAndFree(void)
{
    virTypedParameterPtr p = NULL;
    int n = 0, max = 0;
    CHECK(virTypedParamsAddString(&p, &n, &max, "s", "x") == 0);
    CHECK(virTypedParamsAddInt(&p, &n, &max, "i", 1) == 0);
    virTypedParamsClear(p, n);
    CHECK(p[0].value.s == NULL);
    virTypedParamsClear(NULL, 5);
    virTypedParamsFree(NULL, 0);
    free(p);
}

static void testCopyAndValidate(void)
{
    virTypedParameterPtr p = NULL, copy = NULL;
    int n = 0, max = 0;
    CHECK(virTypedParamsAddUInt(&p, &n, &max, "weight", 100) == 0);
    CHECK(virTypedParamsAddString(&p, &n, &max, "name", "x") == 0);
    CHECK(virtTypedParamsCopy(&copy, p, n) == 0);
    CHECK(copy && copy[1].value.s != p[1].value.s);
    CHECK_STR(copy[1].value.s, "x");

    virtTypedParamSpec ok[] = { { "weight", 2, false }, { "name", 7, false }, { NULL, 0, false } };
    virtTypedParamSpec wrongType[] = { { "weight", 1, false }, { "name", 7, false }, { NULL, 0, false } };
    virtTypedParamSpec missing[] = { { "weight", 2, false }, { NULL, 0, false } };
    CHECK(virtTypedParamsValidate(copy, n, ok) == 0);
    CHECK(virtTypedParamsValidate(copy, n, wrongType) == -1);
    CHECK(lastCode() == VIR_ERR_INVALID_ARG);
    CHECK(virtTypedParamsValidate(copy, n, missing) == -1);
    CHECK(lastCode() == VIR_ERR_ARGUMENT_UNSUPPORTED);

    const char *vals[] = { "a", "b", NULL };
    CHECK(virTypedParamsAddStringList(&p, &n, &max, "disk", vals) == 0);
    virtTypedParamSpec single[] = { { "weight", 2, false }, { "name", 7, false },
                                    { "disk", 7, false }, { NULL, 0, false } };
    virtTypedParamSpec multi[] = { { "weight", 2, false }, { "name", 7, false },
                                   { "disk", 7, true }, { NULL, 0, false } };
    CHECK(virtTypedParamsValidate(p, n, single) == -1);
    CHECK(virtTypedParamsValidate(p, n, multi) == 0);
    virTypedParameterPtr none = p;
    CHECK(virtTypedParamsCopy(&none, NULL, 0) == 0 && none == NULL);
    virTypedParamsFree(copy, 2);
    virTypedParamsFree(p, n);
}

int main(void)
{
    virSetErrorFunc(NULL, quiet);
    TEST_RUN(testAddAndGetEveryType);
    TEST_RUN(testAbsentAndMismatch);
    TEST_RUN(testAddErrors);
    TEST_RUN(testGrowthKeepsValues);
    TEST_RUN(testStringList);
    TEST_RUN(testFromString);
    TEST_RUN(testClearAndFree);
    TEST_RUN(testCopyAndValidate);
    TEST_DONE();
}
