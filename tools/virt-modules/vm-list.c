/* vm-list.c: `list` (every manifest found, where, and whether its module
 * loads) and `show NAME` (one module in full). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vm.h"

/* One line of `list`, or the head of `show`. */
typedef struct vmEntry {
    const virtManifest *m;
    char *library;            /* resolved path */
    bool missing;
    vmReport report;
    vmFindings findings;
    const char *state;
} vmEntry;

static void entryFill(vmEntry *e, const virtManifest *m, bool load)
{
    memset(e, 0, sizeof(*e));
    e->m = m;
    e->library = virtRegistryLibraryPath(m);
    e->missing = access(e->library, F_OK) != 0;
    if (e->missing) {
        e->state = "MISSING";
        return;
    }
    if (!load) {
        e->state = "present";
        return;
    }
    vmProbe(e->library, &e->report);
    vmCheck(&e->report, m, e->library, &e->findings);
    e->state = e->findings.nproblems ? "FAILS" : "ok";
}

static void entryClear(vmEntry *e)
{
    free(e->library);
    vmReportClear(&e->report);
    vmFindingsClear(&e->findings);
}

/* Manifests of the same file name in folders searched later: the one
 * found first hides them. */
static void printShadowed(const virtManifestSet *set, const char *path, const char *indent)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    char *dir = vmDirName(path);
    bool after = false;
    for (size_t i = 0; i < set->ndirs; i++) {
        if (after) {
            char *other = virtAsprintf("%s/%s", set->dirs[i], base);
            if (access(other, F_OK) == 0)
                printf("%soverrides %s\n", indent, other);
            free(other);
        }
        if (strcmp(set->dirs[i], dir) == 0)
            after = true;
    }
    free(dir);
}

static char *schemeList(const virtManifest *m)
{
    virtBuf b = { 0 };
    for (size_t i = 0; i < m->nschemes; i++)
        virtBufPrintf(&b, "%s%s", i ? "," : "", m->schemes[i]);
    if (!m->nschemes)
        virtBufAdd(&b, "-");
    return virtBufSteal(&b);
}

static void printFolders(const virtManifestSet *set)
{
    printf("Manifest folders, first match wins:\n");
    for (size_t i = 0; i < set->ndirs; i++)
        printf("  %zu. %s%s\n", i + 1, set->dirs[i], access(set->dirs[i], F_OK) == 0 ? "" : "  (absent)");
    if (!set->ndirs)
        printf("  (none)\n");
    printf("\n");
}

int vmCmdList(int argc, char **argv)
{
    bool load = true;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--no-load") == 0) {
            load = false;
        } else {
            fprintf(stderr, "virt-modules list: unknown argument '%s'\n", argv[i]);
            return 2;
        }
    }
    virtManifestSet *set = virtRegistryScan();
    printFolders(set);
    /* Columns as wide as their widest entry. */
    int wn = 12, wr = 10, ws = 8;
    for (size_t i = 0; i < set->count; i++) {
        char *roles = vmRoleList(set->items[i]->roles), *schemes = schemeList(set->items[i]);
        wn = (int) strlen(set->items[i]->module) > wn ? (int) strlen(set->items[i]->module) : wn;
        wr = (int) strlen(roles) > wr ? (int) strlen(roles) : wr;
        ws = (int) strlen(schemes) > ws ? (int) strlen(schemes) : ws;
        free(roles);
        free(schemes);
    }
    printf("%-*s %-8s %-7s %-*s %-*s %s\n", wn, "MODULE", "STATE", "RUNS", wr, "ROLES", ws, "SCHEMES", "FOLDER");
    for (size_t i = 0; i < set->count; i++) {
        vmEntry e;
        entryFill(&e, set->items[i], load);
        char *roles = vmRoleList(e.m->roles), *schemes = schemeList(e.m), *dir = vmDirName(e.m->path);
        printf("%-*s %-8s %-7s %-*s %-*s %s\n", wn, e.m->module, e.state, e.m->daemon ? "daemon" : "client",
               wr, roles, ws, schemes, dir);
        if (e.missing)
            printf("    library %s is not installed (looked for %s)\n", e.m->library, e.library);
        else if (e.findings.nproblems)
            printf("    %s%s\n", e.findings.problems[0],
                   e.findings.nproblems > 1 ? " (and more: virt-modules show)" : "");
        printShadowed(set, e.m->path, "    ");
        free(roles);
        free(schemes);
        free(dir);
        entryClear(&e);
    }
    for (size_t i = 0; i < set->ndisabled; i++) {
        char *dir = vmDirName(set->disabled[i]->path);
        printf("%-*s %-8s %-7s %-*s %-*s %s\n", wn, set->disabled[i]->module, "disabled", "-", wr, "-", ws, "-", dir);
        printShadowed(set, set->disabled[i]->path, "    ");
        free(dir);
    }
    for (size_t i = 0; i < set->nproblems; i++) {
        const char *base = strrchr(set->problems[i].path, '/');
        char *name = virtStrdup(base ? base + 1 : set->problems[i].path);
        char *dot = strrchr(name, '.');
        if (dot)
            *dot = '\0';
        char *dir = vmDirName(set->problems[i].path);
        printf("%-*s %-8s %-7s %-*s %-*s %s\n", wn, name, "BROKEN", "-", wr, "-", ws, "-", dir);
        printf("    %s\n", set->problems[i].message);
        free(name);
        free(dir);
    }
    if (!set->count && !set->ndisabled && !set->nproblems)
        printf("(no manifests)\n");
    virtManifestSetFree(set);
    return 0;
}

static void printTableLine(const vmReport *r, int role)
{
    if (!r->has_table[role])
        return;
    unsigned long slots = r->table_size[role] >= sizeof(size_t)
                          ? (r->table_size[role] - sizeof(size_t)) / sizeof(void (*)(void)) : 0;
    printf("%-12s %zu of %zu public functions (table of %lu slots)\n",
           vmRoleName(role), vmImplCount(r, role, true), vmImplCount(r, role, false), slots);
}

static int showOne(const virtManifestSet *set, const virtManifest *m)
{
    vmEntry e;
    entryFill(&e, m, true);
    char *roles = vmRoleList(m->roles), *schemes = schemeList(m);
    printf("%-12s %s\n", "module:", m->module);
    printf("%-12s %s\n", "manifest:", m->path);
    printShadowed(set, m->path, "             ");
    printf("%-12s %s\n", "summary:", m->summary ? m->summary : "");
    printf("%-12s %s -> %s%s\n", "library:", m->library, e.library, e.missing ? " (MISSING)" : "");
    printf("%-12s %u.%u\n", "abi:", m->abi_major, m->abi_minor);
    printf("%-12s %s\n", "schemes:", schemes);
    printf("%-12s %s\n", "roles:", roles);
    printf("%-12s %s\n", "runs:", m->daemon ? "daemon (reached through libvirtd)" : "client (in the application)");
    if (m->probe >= 0)
        printf("%-12s order %d\n", "probe:", m->probe);
    else
        printf("%-12s never\n", "probe:");
    printf("%-12s %s\n", "state:", e.state);
    const vmReport *r = &e.report;
    if (r->have_desc && !r->failure) {
        printf("%-12s name %s, version %s, ABI %u.%u, %lu bytes\n", "descriptor:",
               r->name ? r->name : "(none)", r->version ? r->version : "(none)",
               r->abi_version >> 16, r->abi_version & 0xffff, r->desc_size);
        for (size_t i = 0; i < vmRoleCount; i++)
            printTableLine(r, vmRoles[i].role);
    }
    for (size_t i = 0; i < e.findings.nproblems; i++)
        printf("problem:     %s\n", e.findings.problems[i]);
    for (size_t i = 0; i < e.findings.nnotes; i++)
        printf("note:        %s\n", e.findings.notes[i]);
    int ret = e.missing || e.findings.nproblems ? 1 : 0;
    free(roles);
    free(schemes);
    entryClear(&e);
    return ret;
}

int vmCmdShow(int argc, char **argv)
{
    if (argc != 1) {
        fprintf(stderr, "virt-modules show: expected one module name\n");
        return 2;
    }
    const char *name = argv[0];
    virtManifestSet *set = virtRegistryScan();
    bool matched = false;
    int ret = 0;
    for (size_t i = 0; i < set->count; i++) {
        if (strcmp(set->items[i]->module, name) == 0) {
            matched = true;
            ret = showOne(set, set->items[i]);
        }
    }
    for (size_t i = 0; i < set->ndisabled; i++) {
        if (strcmp(set->disabled[i]->module, name) == 0) {
            matched = true;
            printf("%-12s %s\n%-12s %s\n%-12s disabled\n", "module:", name, "manifest:",
                   set->disabled[i]->path, "state:");
            printShadowed(set, set->disabled[i]->path, "             ");
        }
    }
    for (size_t i = 0; i < set->nproblems; i++) {
        const char *base = strrchr(set->problems[i].path, '/');
        base = base ? base + 1 : set->problems[i].path;
        if (strncmp(base, name, strlen(name)) == 0 && strcmp(base + strlen(name), ".json") == 0) {
            matched = true;
            ret = 1;
            printf("%-12s %s\n%-12s BROKEN\nproblem:     %s\n", "manifest:", set->problems[i].path,
                   "state:", set->problems[i].message);
        }
    }
    if (!matched) {
        fprintf(stderr, "virt-modules: no manifest for module '%s' in the manifest folders\n", name);
        ret = 1;
    }
    virtManifestSetFree(set);
    return ret;
}
