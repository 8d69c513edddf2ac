/* harness.h: a minimal TAP test harness. Each test program defines test
 * functions and lists them in main with TEST_RUN; meson runs it with
 * protocol 'tap' so every check is counted. */
#ifndef VIRT_TEST_HARNESS_H
#define VIRT_TEST_HARNESS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int harnessCount;
static int harnessFailed;
static int harnessCurrentFailed;

/* Inside a test: record a failure with where and why, keep going. */
#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            printf("#   %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            harnessCurrentFailed = 1;                                          \
        }                                                                      \
    } while (0)

#define CHECK_STR(a, b)                                                        \
    do {                                                                       \
        const char *a_ = (a), *b_ = (b);                                       \
        if (!a_ || !b_ || strcmp(a_, b_) != 0) {                               \
            printf("#   %s:%d: '%s' != '%s'\n", __FILE__, __LINE__,            \
                   a_ ? a_ : "(null)", b_ ? b_ : "(null)");                    \
            harnessCurrentFailed = 1;                                          \
        }                                                                      \
    } while (0)

/* Run one test function and print its TAP line. */
#define TEST_RUN(fn)                                                           \
    do {                                                                       \
        harnessCurrentFailed = 0;                                              \
        fn();                                                                  \
        harnessCount++;                                                        \
        if (harnessCurrentFailed)                                              \
            harnessFailed++;                                                   \
        printf("%sok %d - %s\n", harnessCurrentFailed ? "not " : "",           \
               harnessCount, #fn);                                             \
        fflush(stdout);                                                        \
    } while (0)

/* End of main: the plan line and the exit status. */
#define TEST_DONE()                                                            \
    do {                                                                       \
        printf("1..%d\n", harnessCount);                                       \
        return harnessFailed ? 1 : 0;                                          \
    } while (0)

#endif /* VIRT_TEST_HARNESS_H */
