/* fuzz_conf: client configuration text (libvirt.conf syntax) through the
 * core's parser (core/conf.c); nothing is read from disk. */
#include "fuzz.h"
#include "conf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzzString(data, size);
    virtConf *conf = virtConfParse("/tmp/fuzz/libvirt.conf", text);

    if (conf) {
        for (size_t i = 0; i < conf->nentries; i++) {
            const virtConfEntry *e = &conf->entries[i];
            FUZZ_ASSERT(e->key && virtConfGet(conf, e->key) != NULL);
            if (e->type == VIRT_CONF_STRING)
                FUZZ_ASSERT(e->str != NULL);
            if (e->type == VIRT_CONF_LIST) {
                FUZZ_ASSERT(e->list != NULL && e->list[e->nlist] == NULL);
                for (size_t j = 0; j < e->nlist; j++)
                    FUZZ_ASSERT(e->list[j] != NULL);
            }
        }
        virtConfGet(conf, "uri_default");
        virtConfGet(conf, "uri_aliases");
    }
    virtConfFree(conf);
    free(text);
    return 0;
}
