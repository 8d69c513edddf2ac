/* test_errtext.c: every error code of the public headers has a standard
 * text of its own (white-box: core/error.c), so no message falls back to
 * the generic phrase. */
#include "harness.h"

#include "error.h"

static void testEveryCodeHasText(void)
{
    for (int code = VIR_ERR_INTERNAL_ERROR; code <= VIR_ERR_MULTIPLE_DOMAINS; code++) {
        if (strcmp(virtErrorCodeText(code), "an error occurred") == 0) {
            printf("#   error code %d has no standard text\n", code);
            harnessCurrentFailed = 1;
        }
    }
}

static void testSomeTexts(void)
{
    CHECK_STR(virtErrorCodeText(VIR_ERR_NO_DOMAIN), "Domain not found");
    CHECK_STR(virtErrorCodeText(VIR_ERR_NO_SECRET), "Secret not found");
    CHECK_STR(virtErrorCodeText(VIR_ERR_NO_STORAGE_POOL), "Storage pool not found");
    CHECK_STR(virtErrorCodeText(VIR_ERR_NO_NWFILTER), "Network filter not found");
}

int main(void)
{
    TEST_RUN(testEveryCodeHasText);
    TEST_RUN(testSomeTexts);
    TEST_DONE();
}
