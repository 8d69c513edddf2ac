/* vm-matrix.c: `matrix`: every public function the core dispatches to a
 * module, against every module, read from the modules' own tables (each
 * loaded in a child). A slot a module leaves NULL is "not implemented";
 * a function of a role the module does not fill is "n/a". Functions the
 * core answers itself (virConnectOpen, errors, reference counting ...)
 * are the same for every module and are left out. */
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

static void printText(vmColumn *cols, size_t ncols)
{
    printf("%-40s %-11s", "FUNCTION", "SINCE");
    for (size_t c = 0; c < ncols; c++)
        if (cols[c].usable)
            printf(" %-10s", cols[c].m->module);
    printf("\n");
    for (size_t i = 0; i < virtApiFunctionCount; i++) {
        const virtApiFunction *fn = &virtApiFunctions[i];
        if (!dispatched(fn))
            continue;
        printf("%-40s %-11s", fn->name, since(fn));
        for (size_t c = 0; c < ncols; c++)
            if (cols[c].usable)
                printf(" %-10s", cellWord(cols[c].report.impl[i]));
        printf("\n");
    }
    printf("\nyes: implemented; -: not implemented (the module leaves the slot empty and the\n"
           "call fails with VIR_ERR_NO_SUPPORT); n/a: the module does not fill that role.\n");
    for (size_t c = 0; c < ncols; c++)
        if (!cols[c].usable)
            printf("left out: module %s: %s\n", cols[c].m->module,
                   cols[c].findings.nproblems ? cols[c].findings.problems[0] : "library not installed");
}

static int printJSON(vmColumn *cols, size_t ncols)
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
        json_array_append_new(fns, o);
    }
    json_object_set_new(root, "modules", mods);
    json_object_set_new(root, "functions", fns);
    int rc = json_dumpf(root, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    printf("\n");
    json_decref(root);
    return rc == 0 ? 0 : 1;
}

static void printHTML(vmColumn *cols, size_t ncols)
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
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0) {
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
            ret = printJSON(cols, ncols);
        else if (format == VM_HTML)
            printHTML(cols, ncols);
        else
            printText(cols, ncols);
    }
    for (size_t c = 0; c < ncols; c++) {
        free(cols[c].library);
        vmReportClear(&cols[c].report);
        vmFindingsClear(&cols[c].findings);
    }
    free(cols);
    free(only);
    virtManifestSetFree(set);
    return ret;
}
