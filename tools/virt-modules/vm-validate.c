/* vm-validate.c: `validate MODULE.so [MANIFEST]`: is this module ready
 * to ship with this manifest? Exit 0 when it is, 1 with every problem
 * listed when it is not. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vm.h"

static const char *baseName(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Without a manifest argument: the manifest in the searched folders
 * whose library has this file name. */
static virtManifest *findManifest(const char *library, vmFindings *f)
{
    virtManifestSet *set = virtRegistryScan();
    virtManifest *found = NULL;
    for (size_t i = 0; i < set->count && !found; i++) {
        if (strcmp(baseName(set->items[i]->library), baseName(library)) == 0) {
            found = set->items[i];
            set->items[i] = set->items[--set->count];
        }
    }
    if (!found) {
        virtBuf b = { 0 };
        for (size_t i = 0; i < set->ndirs; i++)
            virtBufPrintf(&b, "%s%s", i ? ", " : "", set->dirs[i]);
        char *dirs = virtBufSteal(&b);
        vmProblem(f, "no manifest names library '%s' (searched %s); give the manifest as the second argument",
                  baseName(library), *dirs ? dirs : "no folders");
        free(dirs);
    }
    virtManifestSetFree(set);
    return found;
}

int vmCmdValidate(int argc, char **argv)
{
    if (argc < 1 || argc > 2) {
        fprintf(stderr, "virt-modules validate: expected MODULE.so [MANIFEST]\n");
        return 2;
    }
    vmFindings f = { 0 };
    vmReport r = { 0 };
    virtManifest *m = NULL;
    /* A bare file name means the file here, not a search of the
     * library path. */
    char *library = strchr(argv[0], '/') ? virtStrdup(argv[0]) : virtAsprintf("./%s", argv[0]);

    if (argc == 2) {
        char *error = NULL;
        if (!(m = virtManifestLoad(argv[1], &error))) {
            vmProblem(&f, "%s", error ? error : "the manifest cannot be read");
            free(error);
        }
    } else {
        m = findManifest(library, &f);
    }
    if (access(library, R_OK) != 0) {
        vmProblem(&f, "cannot read %s: %s", library, strerror(errno));
    } else {
        vmProbe(library, &r);
        vmCheck(&r, m, library, &f);
    }

    if (f.nproblems) {
        printf("%s: %zu problem%s\n", argv[0], f.nproblems, f.nproblems == 1 ? "" : "s");
        for (size_t i = 0; i < f.nproblems; i++)
            printf("  problem: %s\n", f.problems[i]);
    } else {
        char *roles = vmRoleList(r.roles);
        printf("%s: ok: module %s %s, ABI %u.%u, roles %s, manifest %s\n", argv[0], r.name,
               r.version ? r.version : "(no version)", r.abi_version >> 16, r.abi_version & 0xffff,
               roles, m->path);
        for (int role = 0; role < VIRT_ROLE_LAST; role++)
            if (r.has_table[role])
                printf("  %s: %zu of %zu functions implemented\n", vmRoleName(role),
                       vmImplCount(&r, role, true), vmImplCount(&r, role, false));
        free(roles);
    }
    for (size_t i = 0; i < f.nnotes; i++)
        printf("  note: %s\n", f.notes[i]);
    int ret = f.nproblems ? 1 : 0;
    vmFindingsClear(&f);
    vmReportClear(&r);
    virtManifestFree(m);
    free(library);
    return ret;
}
