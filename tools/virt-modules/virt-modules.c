/* virt-modules: inspect the driver modules an installation has.
 *
 *   virt-modules list [--no-load]        manifests, folders, states
 *   virt-modules show NAME               one module in full
 *   virt-modules matrix [--json|--html] [--parity TABLE[:SECTION] [--todo FILE]] [NAME...]
 *                                        public functions x modules
 *   virt-modules validate MODULE.so [MANIFEST]
 *                                        ready to ship? exit 0 or problems
 *
 * The manifest folders and module path are the core's own (the install
 * paths, or VIRT_MODULE_MANIFESTS and VIRT_MODULE_PATH). */
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "vm.h"

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: virt-modules COMMAND [ARGS]\n"
            "\n"
            "Commands:\n"
            "  list [--no-load]     every manifest found, the folder it was found in, and\n"
            "                       its state: ok (the module loads and matches its\n"
            "                       manifest), FAILS, MISSING (no library), present (with\n"
            "                       --no-load), disabled (by an admin manifest) or BROKEN\n"
            "                       (the manifest itself is invalid)\n"
            "  show NAME            one module: manifest, library, descriptor, tables\n"
            "  matrix [--json|--html] [--parity TABLE[:SECTION] [--todo FILE]] [NAME...]\n"
            "                       which public functions each module implements\n"
            "  validate MODULE.so [MANIFEST]\n"
            "                       load MODULE.so in a child process and check it against\n"
            "                       MANIFEST (default: the installed manifest naming it);\n"
            "                       exit 0, or 1 with the list of problems\n"
            "\n"
            "Options:\n"
            "  -h, --help           this text\n"
            "  -V, --version        the version of virt-modules and of the module ABI\n"
            "\n"
            "Environment: VIRT_MODULE_MANIFESTS (manifest folders, ':'-separated, first\n"
            "match wins; default %s) and VIRT_MODULE_PATH\n"
            "(module folders; default %s). A module that has not\n"
            "returned its descriptor after VIRT_MODULES_PROBE_TIMEOUT seconds (default 10)\n"
            "counts as hung.\n",
            VIRT_MANIFEST_DIRS_DEFAULT, VIRT_MODULE_DIR_DEFAULT);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
        printf("virt-modules (%s) %s, libvirt API %s, module ABI %d.%d\n", VIRT_PACKAGE, VIRT_VERSION_STRING, VIRT_API_VERSION_STRING,
               VIRT_MODULE_ABI_MAJOR, VIRT_MODULE_ABI_MINOR);
        return 0;
    }
    if (strcmp(cmd, "list") == 0)
        return vmCmdList(argc - 2, argv + 2);
    if (strcmp(cmd, "show") == 0)
        return vmCmdShow(argc - 2, argv + 2);
    if (strcmp(cmd, "matrix") == 0)
        return vmCmdMatrix(argc - 2, argv + 2);
    if (strcmp(cmd, "validate") == 0)
        return vmCmdValidate(argc - 2, argv + 2);
    fprintf(stderr, "virt-modules: unknown command '%s' (try --help)\n", cmd);
    return 2;
}
