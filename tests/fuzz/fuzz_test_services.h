/* fuzz_test_services.h: for the targets that call the test module's
 * readers directly, what its entry point would have done first: keep the
 * core's services table as the module's services pointer. */
#ifndef VIRT_FUZZ_TEST_SERVICES_H
#define VIRT_FUZZ_TEST_SERVICES_H

#include "internal.h"
#include "test_driver.h"

static inline void fuzzTestServices(void)
{
    testCore = &virtCoreServiceTable;
}

#endif /* VIRT_FUZZ_TEST_SERVICES_H */
