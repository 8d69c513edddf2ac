/* fuzz_nodefile: test:///PATH node files through the test module's
 * loader (modules/test/test_nodefile.c), from memory. The path's folder
 * does not exist, so file= references fail without reading anything. A
 * loaded state must free cleanly; a refused file must leave an error. */
#include "fuzz.h"
#include "fuzz_test_services.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *user = NULL, *password = NULL;
    fuzzTestServices();
    virResetLastError();
    testState *st = testNodeFileParse(NULL, "/nonexistent-fuzz/node.xml", (const char *) data, size,
                                      &user, &password);
    if (st)
        testStateFree(st);
    else
        FUZZ_ASSERT(virGetLastError() != NULL && user == NULL && password == NULL);
    free(user);
    free(password);
    virResetLastError();
    return 0;
}
