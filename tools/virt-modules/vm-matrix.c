/* vm-matrix.c: `matrix`: every public function the core dispatches to a
 * module, against every module, read from the modules' own tables (each
 * loaded in a child). A slot a module leaves NULL is "not implemented";
 * a function of a role the module does not fill is "n/a". Functions the
 * core answers itself (virConnectOpen, errors, reference counting ...)
 * are the same for every module and are left out.
 *
 * --parity TABLE adds the reference column of a parity table
 * (tests/testmod/parity.txt: how libvirt 9.0's test driver answers each
 * call), whether libvirt's driver implements the function, and with
 * --todo FILE whether ours agrees with it, or why not. SECTION, after a
 * colon, picks the table's section (its first by default). */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vm.h"

typedef enum { VM_TEXT, VM_JSON, VM_HTML } vmFormat;

typedef struct vmColumn {
    const virtManifest *m;
    char *library;
    vmReport report;
    vmFindings findings;
    bool usable;              /* loads and matches its manifest */
} vmColumn;

/* The parity columns: per function, what libvirt's test driver does and,
 * when known, why ours differs. */
typedef struct vmParity {
    bool loaded, withTodo;
    char *section;
    char **names;             /* functions the table has a line for */
    bool *implemented;        /* libvirt's driver answers it (not NO_SUPPORT) */
    char **why;               /* the todo reason, NULL: ours agrees */
    size_t count;
} vmParity;

static void parityClear(vmParity *p)
{
    for (size_t i = 0; i < p->count; i++) {
        free(p->names[i]);
        free(p->why[i]);
    }
    free(p->names);
    free(p->implemented);
    free(p->why);
    free(p->section);
}

/* An outcome of libvirt's: "err 3 ..." (VIR_ERR_NO_SUPPORT) is an empty
 * slot, as is "nohandle KIND 3 ...": no object of the kind to call it on. */
static bool outcomeImplemented(const char *outcome)
{
    if (strncmp(outcome, "err 3 ", 6) == 0)
        return false;
    if (strncmp(outcome, "nohandle ", 9) == 0) {
        const char *code = strchr(outcome + 9, ' ');
        return !(code && strncmp(code, " 3 ", 3) == 0);
    }
    return true;
}

static int parityLoad(vmParity *p, const char *spec, const char *todo)
{
    char *path = virtStrdup(spec), *colon = strrchr(path, ':'), line[4096];
    if (colon) {
        *colon = '\0';
        p->section = virtStrdup(colon + 1);
    }
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "virt-modules matrix: cannot read parity table '%s'\n", path);
        free(path);
        return -1;
    }
    bool inSection = false;
    while (fgets(line, sizeof(line), f)) {
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '[') {
            char *end = strchr(line, ']');
            if (end)
                *end = '\0';
            if (!p->section && !p->loaded)
                p->section = virtStrdup(line + 1);
            inSection = p->section && strcmp(line + 1, p->section) == 0;
            p->loaded = true;
            continue;
        }
        char *tab = strchr(line, '\t');
        if (!inSection || line[0] == '#' || !tab)
            continue;
        *tab = '\0';
        p->names = virtRealloc(p->names, (p->count + 1) * sizeof(*p->names));
        p->implemented = virtRealloc(p->implemented, (p->count + 1) * sizeof(*p->implemented));
        p->why = virtRealloc(p->why, (p->count + 1) * sizeof(*p->why));
        p->names[p->count] = virtStrdup(line);
        p->implemented[p->count] = outcomeImplemented(tab + 1);
        p->why[p->count++] = NULL;
    }
    fclose(f);
    if (!p->count) {
        fprintf(stderr, "virt-modules matrix: parity table '%s' has no section '%s'\n", path,
                p->section ? p->section : "");
        free(path);
        return -1;
    }
    free(path);
    if (!todo)
        return 0;
    if (!(f = fopen(todo, "r"))) {
        fprintf(stderr, "virt-modules matrix: cannot read todo file '%s'\n", todo);
        return -1;
    }
    p->withTodo = true;
    while (fgets(line, sizeof(line), f)) {
        line[strcspn(line, "\n")] = '\0';
        char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        if (line[0] == '#' || !t2)
            continue;
        *t1 = *t2 = '\0';
        if (strcmp(line, p->section) != 0)
            continue;
        for (size_t i = 0; i < p->count; i++)
            if (strcmp(p->names[i], t1 + 1) == 0) {
                free(p->why[i]);
                p->why[i] = virtStrdup(t2 + 1);
            }
    }
    fclose(f);
    return 0;
}

/* The table's line for fn: its index, or -1. */
static ssize_t parityFind(const vmParity *p, const char *fn)
{
    for (size_t i = 0; i < p->count; i++)
        if (strcmp(p->names[i], fn) == 0)
            return (ssize_t) i;
    return -1;
}

static const char *parityRef(const vmParity *p, const char *fn)
{
    ssize_t i = parityFind(p, fn);
    return i < 0 ? "?" : p->implemented[i] ? "yes" : "-";
}

static const char *parityVerdict(const vmParity *p, const char *fn)
{
    ssize_t i = parityFind(p, fn);
    return i < 0 ? "not in table" : p->why[i] ? p->why[i] : "agrees";
}

static const char *cellWord(char c)
{
    return c == '1' ? "yes" : c == '0' ? "-" : "n/a";
}

/* "LIBVIRT_0.9.13" -> "0.9.13": the release that added the function. */
/* The version node without its LIBVIRT_ prefix: 0.0.3, QEMU_0.8.3, LXC_1.0.2. */
static const char *since(const virtApiFunction *fn)
{
    return strncmp(fn->version, "LIBVIRT_", 8) == 0 ? fn->version + 8 : fn->version;
}

static bool dispatched(const virtApiFunction *fn)
{
    return fn->role != VIRT_ROLE_CORE;
}

static void printText(vmColumn *cols, size_t ncols, const vmParity *par)
{
    printf("%-40s %-11s", "FUNCTION", "SINCE");
    for (size_t c = 0; c < ncols; c++)
        if (cols[c].usable)
            printf(" %-10s", cols[c].m->module);
    if (par->loaded)
        printf(" %-12s%s", "libvirt-test", par->withTodo ? " PARITY" : "");
    printf("\n");
    for (size_t i = 0; i < virtApiFunctionCount; i++) {
        const virtApiFunction *fn = &virtApiFunctions[i];
        if (!dispatched(fn))
            continue;
        printf("%-40s %-11s", fn->name, since(fn));
        for (size_t c = 0; c < ncols; c++)
            if (cols[c].usable)
                printf(" %-10s", cellWord(cols[c].report.impl[i]));
        if (par->loaded)
            printf(" %-12s%s%s", parityRef(par, fn->name), par->withTodo ? " " : "",
                   par->withTodo ? parityVerdict(par, fn->name) : "");
        printf("\n");
    }
    printf("\nyes: implemented; -: not implemented (the module leaves the slot empty and the\n"
           "call fails with VIR_ERR_NO_SUPPORT); n/a: the module does not fill that role.\n");
    if (par->loaded)
        printf("libvirt-test: what libvirt 9.0's test driver does (section '%s' of the parity\n"
               "table)%s\n", par->section,
               par->withTodo ? "; PARITY: whether the test module answers as it does, or why not" : "");
    for (size_t c = 0; c < ncols; c++)
        if (!cols[c].usable)
            printf("left out: module %s: %s\n", cols[c].m->module,
                   cols[c].findings.nproblems ? cols[c].findings.problems[0] : "library not installed");
}

static int printJSON(vmColumn *cols, size_t ncols, const vmParity *par)
{
    json_t *root = json_object(), *mods = json_array(), *fns = json_array();
    for (size_t c = 0; c < ncols; c++) {
        json_t *o = json_object();
        json_object_set_new(o, "name", json_string(cols[c].m->module));
        json_object_set_new(o, "manifest", json_string(cols[c].m->path));
        json_object_set_new(o, "library", json_string(cols[c].library));
        json_object_set_new(o, "usable", json_boolean(cols[c].usable));
        if (cols[c].usable && cols[c].report.version)
            json_object_set_new(o, "version", json_string(cols[c].report.version));
        if (!cols[c].usable)
            json_object_set_new(o, "error", json_string(cols[c].findings.nproblems
                                                        ? cols[c].findings.problems[0]
                                                        : "library not installed"));
        json_array_append_new(mods, o);
    }
    for (size_t i = 0; i < virtApiFunctionCount; i++) {
        const virtApiFunction *fn = &virtApiFunctions[i];
        if (!dispatched(fn))
            continue;
        json_t *o = json_object(), *support = json_object();
        json_object_set_new(o, "name", json_string(fn->name));
        json_object_set_new(o, "since", json_string(since(fn)));
        json_object_set_new(o, "role", json_string(vmRoleName(fn->role)));
        json_object_set_new(o, "mutates", json_boolean(fn->mutates));
        for (size_t c = 0; c < ncols; c++) {
            if (!cols[c].usable)
                continue;
            char cell = cols[c].report.impl[i];
            json_object_set_new(support, cols[c].m->module, cell == '-' ? json_null() : json_boolean(cell == '1'));
        }
        json_object_set_new(o, "modules", support);
        if (par->loaded) {
            ssize_t at = parityFind(par, fn->name);
            json_object_set_new(o, "libvirt_test", at < 0 ? json_null() : json_boolean(par->implemented[at]));
            if (par->withTodo)
                json_object_set_new(o, "parity", json_string(parityVerdict(par, fn->name)));
        }
        json_array_append_new(fns, o);
    }
    json_object_set_new(root, "modules", mods);
    json_object_set_new(root, "functions", fns);
    int rc = json_dumpf(root, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    printf("\n");
    json_decref(root);
    return rc == 0 ? 0 : 1;
}

static void printHTML(vmColumn *cols, size_t ncols, const vmParity *par)
{
    virtBuf b = { 0 };
    virtBufAdd(&b, "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
                   "<title>Hypervisor support</title>\n<style>\n"
                   "table { border-collapse: collapse; }\n"
                   "th, td { border: 1px solid #999; padding: 2px 6px; }\n"
                   "td.yes { background: #cfc; } td.no { background: #fcc; } td.na { color: #999; }\n"
                   "</style>\n</head>\n<body>\n<h1>Hypervisor support</h1>\n"
                   "<p>Which public functions each installed module implements, read from the\n"
                   "modules themselves. <em>no</em>: the module leaves the slot empty and the call\n"
                   "fails with VIR_ERR_NO_SUPPORT; <em>n/a</em>: the module does not fill that role.</p>\n"
                   "<table>\n<tr><th>Function</th><th>Since</th>");
    for (size_t c = 0; c < ncols; c++) {
        if (!cols[c].usable)
            continue;
        virtBufAdd(&b, "<th>");
        virtBufEscapeXML(&b, cols[c].m->module);
        virtBufAdd(&b, "</th>");
    }
    if (par->loaded)
        virtBufAdd(&b, par->withTodo ? "<th>libvirt test driver</th><th>Parity</th>" : "<th>libvirt test driver</th>");
    virtBufAdd(&b, "</tr>\n");
    for (size_t i = 0; i < virtApiFunctionCount; i++) {
        const virtApiFunction *fn = &virtApiFunctions[i];
        if (!dispatched(fn))
            continue;
        virtBufPrintf(&b, "<tr><td><code>%s</code></td><td>%s</td>", fn->name, since(fn));
        for (size_t c = 0; c < ncols; c++) {
            if (!cols[c].usable)
                continue;
            char cell = cols[c].report.impl[i];
            virtBufAdd(&b, cell == '1' ? "<td class=\"yes\">yes</td>"
                           : cell == '0' ? "<td class=\"no\">no</td>" : "<td class=\"na\">n/a</td>");
        }
        if (par->loaded) {
            const char *ref = parityRef(par, fn->name);
            virtBufPrintf(&b, "<td class=\"%s\">%s</td>", strcmp(ref, "yes") == 0 ? "yes" : "no",
                          strcmp(ref, "-") == 0 ? "no" : ref);
            if (par->withTodo) {
                virtBufAdd(&b, "<td>");
                virtBufEscapeXML(&b, parityVerdict(par, fn->name));
                virtBufAdd(&b, "</td>");
            }
        }
        virtBufAdd(&b, "</tr>\n");
    }
    virtBufAdd(&b, "</table>\n");
    for (size_t c = 0; c < ncols; c++) {
        if (cols[c].usable)
            continue;
        virtBufAdd(&b, "<p>Left out: module ");
        virtBufEscapeXML(&b, cols[c].m->module);
        virtBufAdd(&b, ": ");
        virtBufEscapeXML(&b, cols[c].findings.nproblems ? cols[c].findings.problems[0] : "library not installed");
        virtBufAdd(&b, "</p>\n");
    }
    virtBufAdd(&b, "</body>\n</html>\n");
    char *html = virtBufSteal(&b);
    fputs(html, stdout);
    free(html);
}

static bool wanted(const char *name, char **only, size_t nonly)
{
    if (!nonly)
        return true;
    for (size_t i = 0; i < nonly; i++)
        if (strcmp(only[i], name) == 0)
            return true;
    return false;
}

int vmCmdMatrix(int argc, char **argv)
{
    vmFormat format = VM_TEXT;
    char **only = virtAlloc((size_t) (argc + 1) * sizeof(char *));
    size_t nonly = 0;
    const char *paritySpec = NULL, *todo = NULL;
    vmParity par = { 0 };
    for (int i = 0; i < argc; i++) {
        if ((strcmp(argv[i], "--parity") == 0 || strcmp(argv[i], "--todo") == 0) && i + 1 < argc) {
            *(argv[i][2] == 'p' ? &paritySpec : &todo) = argv[i + 1];
            i++;
        } else if (strcmp(argv[i], "--json") == 0) {
            format = VM_JSON;
        } else if (strcmp(argv[i], "--html") == 0) {
            format = VM_HTML;
        } else if (argv[i][0] == '-') {
            fprintf(stderr, "virt-modules matrix: unknown option '%s'\n", argv[i]);
            free(only);
            return 2;
        } else {
            only[nonly++] = argv[i];
        }
    }

    if (todo && !paritySpec) {
        fprintf(stderr, "virt-modules matrix: --todo needs --parity\n");
        free(only);
        return 2;
    }
    if (paritySpec && parityLoad(&par, paritySpec, todo) < 0) {
        parityClear(&par);
        free(only);
        return 1;
    }
    virtManifestSet *set = virtRegistryScan();
    vmColumn *cols = virtAlloc((set->count + 1) * sizeof(*cols));
    size_t ncols = 0;
    int ret = 0;
    for (size_t i = 0; i < set->count; i++) {
        if (!wanted(set->items[i]->module, only, nonly))
            continue;
        vmColumn *col = &cols[ncols++];
        col->m = set->items[i];
        col->library = virtRegistryLibraryPath(col->m);
        if (access(col->library, F_OK) != 0)
            continue;
        vmProbe(col->library, &col->report);
        vmCheck(&col->report, col->m, col->library, &col->findings);
        col->usable = !col->findings.nproblems && col->report.impl;
    }
    for (size_t i = 0; i < nonly; i++) {
        bool seen = false;
        for (size_t c = 0; c < ncols; c++)
            seen = seen || strcmp(cols[c].m->module, only[i]) == 0;
        if (!seen) {
            fprintf(stderr, "virt-modules matrix: no manifest for module '%s'\n", only[i]);
            ret = 1;
        }
    }
    if (ret == 0) {
        if (format == VM_JSON)
            ret = printJSON(cols, ncols, &par);
        else if (format == VM_HTML)
            printHTML(cols, ncols, &par);
        else
            printText(cols, ncols, &par);
    }
    for (size_t c = 0; c < ncols; c++) {
        free(cols[c].library);
        vmReportClear(&cols[c].report);
        vmFindingsClear(&cols[c].findings);
    }
    free(cols);
    free(only);
    parityClear(&par);
    virtManifestSetFree(set);
    return ret;
}
