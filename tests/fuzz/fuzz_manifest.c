/* fuzz_manifest: module manifests (JSON checked against
 * schemas/manifest.rng) through the core's loader (core/manifest.c), from
 * memory: the path only names the module and the messages. */
#include "fuzz.h"
#include "manifest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *error = NULL;
    virtManifest *m = virtManifestParse("/tmp/fuzz/modules.d/test.json",
                                        (const char *) data, size, &error);

    if (m) {
        FUZZ_ASSERT(error == NULL);
        FUZZ_ASSERT(m->module && strcmp(m->module, "test") == 0);
        if (!m->disabled) {
            FUZZ_ASSERT(m->library && m->schemes && m->schemes[m->nschemes] == NULL);
            for (size_t i = 0; i < m->nschemes; i++)
                FUZZ_ASSERT(virtManifestClaims(m, m->schemes[i]));
        }
    } else {
        FUZZ_ASSERT(error != NULL);
    }
    virtManifestFree(m);
    free(error);
    return 0;
}
