/* secret_hooks.c: what libvirt 9.0 checks and fills in after it reads a
 * secret (post= in abi/xml/secret/): the usage's type and the id that
 * goes with it, a UUID when none is given, and what it drops (an empty
 * description, a usage of type 'none', which it never writes). */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <libvirt/virterror.h>

#include "secret_model.h"
#include "util.h"

/* Text libvirt reads as absent: none at all, or empty. */
static bool blank(const char *s)
{
    return !s || !*s;
}

int virtSecretUsageCheck(void *obj, virtXMLModelCtx *ctx)
{
    virtSecretUsage *u = obj;
    const char *id = NULL, *what = NULL;

    if (!u->type) {
        virtXMLErrorSet(ctx->err, VIR_ERR_XML_ERROR, "unknown secret usage type");
        return -1;
    }
    /* each type names its usage with one child; libvirt's wording differs */
    if (strcmp(u->type, "volume") == 0) {
        id = u->volume.volume;
        what = "volume usage specified, but volume path is missing";
    } else if (strcmp(u->type, "ceph") == 0) {
        id = u->named.name;
        what = "Ceph usage specified, but name is missing";
    } else if (strcmp(u->type, "iscsi") == 0) {
        id = u->iscsi.target;
        what = "iSCSI usage specified, but target is missing";
    } else if (strcmp(u->type, "tls") == 0) {
        id = u->named.name;
        what = "TLS usage specified, but name is missing";
    } else if (strcmp(u->type, "vtpm") == 0) {
        id = u->named.name;
        what = "vTPM usage specified, but name is missing";
    }
    if (what && blank(id)) {
        virtXMLErrorSet(ctx->err, VIR_ERR_INTERNAL_ERROR, "%s", what);
        return -1;
    }
    return 0;
}

int virtSecretDefCheck(void *obj, virtXMLModelCtx *ctx)
{
    virtSecretDef *def = obj;

    if (!def->uuid_set) {
        if (virtUUIDGenerate(def->uuid) < 0) {
            virtXMLErrorSet(ctx->err, VIR_ERR_INTERNAL_ERROR, "Failed to generate UUID");
            return -1;
        }
        def->uuid_set = true;
    }
    if (def->description && !*def->description) {
        free(def->description);
        def->description = NULL;
    }
    if (def->usage && strcmp(def->usage->type, "none") == 0) {
        virtXMLModelFree(&virtXMLElem_secret_secret_usage, def->usage);
        def->usage = NULL;
    }
    return 0;
}
