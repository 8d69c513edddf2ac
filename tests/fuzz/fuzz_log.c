/* fuzz_log: log settings (LIBVIRT_DEBUG, LIBVIRT_LOG_FILTERS,
 * LIBVIRT_LOG_OUTPUTS syntax) through the core's parsers (core/log.c).
 * The first byte picks the parser; an outputs spec naming a file output
 * is skipped, so that nothing is ever created or written. */
#include "fuzz.h"
#include "log.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    char *spec = fuzzString(data + 1, size - 1);

    switch (data[0] % 3) {
    case 0:
        virtLogSetDefaultPriority(spec);
        break;
    case 1:
        if (virtLogSetFilters(spec) == 0) {
            /* the filters just set are consulted for a few categories */
            virtLogWants(VIRT_LOG_DEBUG, "core.connect");
            virtLogWants(VIRT_LOG_INFO, spec);
        }
        break;
    default:
        if (!strstr(spec, "file:"))
            virtLogSetOutputs(spec);
        break;
    }
    free(spec);
    return 0;
}
