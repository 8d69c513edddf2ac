/* virsh.c: the virsh program: command-line options, the connection, and
 * the three ways of reading commands (arguments, stdin script, interactive
 * shell with readline). */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <readline/readline.h>
#include <readline/history.h>

#include "config.h"
#include "vsh.h"

static void vshUsage(vshControl *ctl)
{
    vshPrint(ctl,
             "\nvirsh [options]... [<command_string>]\n"
             "virsh [options]... <command> [args...]\n\n"
             "  options:\n"
             "    -c | --connect=URI      hypervisor connection URI\n"
             "    -d | --debug=NUM        debug level [0-4]\n"
             "    -e | --escape <char>    set escape sequence for console\n"
             "    -h | --help             this help\n"
             "    -k | --keepalive-interval=NUM\n"
             "                            keepalive interval in seconds, 0 for disable\n"
             "    -K | --keepalive-count=NUM\n"
             "                            number of possible missed keepalive messages\n"
             "    -l | --log=FILE         output logging to file\n"
             "    -q | --quiet            quiet mode\n"
             "    -r | --readonly         connect readonly\n"
             "    -t | --timing           print timing information\n"
             "    -v                      short version\n"
             "    -V                      long version\n"
             "         --version[=TYPE]   version, TYPE is short or long (default short)\n"
             "  commands (non interactive mode):\n\n");
    vshPrintGroups(ctl, false);
    vshPrint(ctl, "\n  (specify help <group> for details about the commands in the group)\n\n"
             "  (specify help <command> for details about the command)\n\n");
}

static void printVersion(vshControl *ctl, bool longForm)
{
    unsigned long v = LIBVIR_VERSION_NUMBER;
    char text[32];

    snprintf(text, sizeof(text), "%lu.%lu.%lu", v / 1000000, (v / 1000) % 1000, v % 1000);
    if (!longForm) {
        vshPrint(ctl, "%s\n", text);
        return;
    }
    vshPrint(ctl, "Virsh command line tool of libvirt %s\n"
             "Built by %s %s.\n\n"
             "Hypervisor drivers are modules loaded on demand;\n"
             "run virt-modules to see those installed.\n", text, VIRT_PACKAGE, VIRT_VERSION_STRING);
}

bool vshConnect(vshControl *ctl, const char *uri, bool readonly)
{
    char *copy = NULL;

    if (uri && !(copy = strdup(uri)))
        return false;
    free(ctl->uri);     /* URI may be ctl->uri itself: use the copy below */
    ctl->uri = copy;
    uri = copy;
    ctl->readonly = readonly;
    vshDebug(ctl, 1, "connecting to '%s'%s", uri ? uri : "(default)",
             readonly ? " read-only" : "");
    /* as libvirt's virsh: credentials asked on the terminal (SASL) */
    ctl->conn = virConnectOpenAuth(uri, virConnectAuthPtrDefault, readonly ? VIR_CONNECT_RO : 0);
    if (!ctl->conn) {
        vshError(ctl, "%s", "failed to connect to the hypervisor");
        vshReportError(ctl);
        return false;
    }
    /* A daemon that stops answering ends the session instead of hanging
     * it. Drivers without keepalive (local ones) are fine unless the user
     * asked for it. */
    if (ctl->kaInterval > 0 &&
        virConnectSetKeepAlive(ctl->conn, ctl->kaInterval, (unsigned int) ctl->kaCount) != 0) {
        if (ctl->kaForced) {
            vshError(ctl, "%s", "failed to start keepalive protocol");
            vshReportError(ctl);
            virConnectClose(ctl->conn);
            ctl->conn = NULL;
            return false;
        }
        virResetLastError();
    }
    return true;
}

void vshDisconnect(vshControl *ctl)
{
    if (ctl->conn && virConnectClose(ctl->conn) < 0)
        vshError(ctl, "%s", "failed to disconnect from the hypervisor");
    ctl->conn = NULL;
}

/* Options: 0 to go on, 1 to exit successfully (help, version), -1 error.
 * *cmdIndex gets the index of the first command word. */
static int parseOptions(vshControl *ctl, int argc, char **argv, int *cmdIndex)
{
    static const struct option longopts[] = {
        { "connect", required_argument, NULL, 'c' },
        { "debug", required_argument, NULL, 'd' },
        { "escape", required_argument, NULL, 'e' },
        { "help", no_argument, NULL, 'h' },
        { "keepalive-interval", required_argument, NULL, 'k' },
        { "keepalive-count", required_argument, NULL, 'K' },
        { "log", required_argument, NULL, 'l' },
        { "quiet", no_argument, NULL, 'q' },
        { "readonly", no_argument, NULL, 'r' },
        { "timing", no_argument, NULL, 't' },
        { "version", optional_argument, NULL, 'x' },
        { NULL, 0, NULL, 0 },
    };
    int c;

    while ((c = getopt_long(argc, argv, "+c:d:e:hk:K:l:qrtvV", longopts, NULL)) != -1) {
        switch (c) {
        case 'c':
            free(ctl->uri);
            if (!(ctl->uri = strdup(optarg)))
                return -1;
            break;
        case 'd': {
            char *end;
            long level = strtol(optarg, &end, 10);
            if (*end || end == optarg || level < 0 || level > 4) {
                vshError(ctl, "ignoring debug level %s out of range [0-4]", optarg);
                break;
            }
            ctl->debug = (int)level;
            break;
        }
        case 'k':
        case 'K': {
            char *end;
            errno = 0;
            long v = strtol(optarg, &end, 10);
            /* libvirt's two messages: not a number, and a negative one */
            if (*end || end == optarg || errno || v > INT_MAX) {
                vshError(ctl, "Invalid value for option -%c", c);
                return -1;
            }
            if (v < 0) {
                vshError(ctl, "option -%c requires a positive integer argument", c);
                return -1;
            }
            if (c == 'k')
                ctl->kaInterval = (int) v;
            else
                ctl->kaCount = (int) v;
            ctl->kaForced = true;
            break;
        }
        case 'e': {
            /* one character, or ^ and a letter (a control character) */
            size_t len = strlen(optarg);
            if (!((len == 1 && optarg[0] != '^') ||
                  (len == 2 && optarg[0] == '^' && isalpha((unsigned char)optarg[1])))) {
                vshError(ctl, "Invalid string '%s' for escape sequence", optarg);
                return -1;
            }
            break;      /* kept for console, which this virsh lacks */
        }
        case 'h':
            vshUsage(ctl);
            return 1;
        case 'l':
            if (ctl->log)
                fclose(ctl->log);
            if (!(ctl->log = fopen(optarg, "a"))) {
                vshError(ctl, "failed to open the log file '%s': %s", optarg, strerror(errno));
                return -1;
            }
            break;
        case 'q':
            ctl->quiet = true;
            break;
        case 'r':
            ctl->readonly = true;
            break;
        case 't':
            ctl->timing = true;
            break;
        case 'v':
            printVersion(ctl, false);
            return 1;
        case 'V':
            printVersion(ctl, true);
            return 1;
        case 'x':
            if (optarg && strcmp(optarg, "long") == 0)
                printVersion(ctl, true);
            else if (!optarg || strcmp(optarg, "short") == 0)
                printVersion(ctl, false);
            else {
                vshError(ctl, "unknown version type '%s'", optarg);
                return -1;
            }
            return 1;
        default:
            vshError(ctl, "unsupported option '-%c'. See --help.", optopt ? optopt : '?');
            return -1;
        }
    }
    *cmdIndex = optind;
    return 0;
}

static bool runString(vshControl *ctl, const char *text)
{
    vshLine line;
    bool ok;

    if (vshSplitLine(text, &line, NULL) < 0) {
        vshError(ctl, "%s", "out of memory");
        return false;
    }
    ok = vshRunLine(ctl, &line);
    vshLineClear(&line);
    return ok;
}

/* The shell: readline gives editing, history and completion on a
 * terminal, and reads a script just the same from a pipe. */
static void runShell(vshControl *ctl)
{
    char *text;

    vshCompleteInit(ctl);
    if (!ctl->quiet)
        vshPrint(ctl, "Welcome to virsh, the virtualization interactive terminal.\n\n"
                 "Type:  'help' for help with commands\n"
                 "       'quit' to quit\n\n");
    while (!ctl->quit) {
        text = readline(ctl->readonly ? "virsh > " : "virsh # ");
        if (!text) {
            vshPrint(ctl, "\n");
            break;
        }
        if (*text)
            add_history(text);
        runString(ctl, text);
        free(text);
    }
    clear_history();
}

int main(int argc, char **argv)
{
    vshControl ctl = { .debug = 5, .kaInterval = 5, .kaCount = 6 };
    int cmdIndex = 0, rc;
    bool ok = true;
    const char *envUri = getenv("VIRSH_DEFAULT_CONNECT_URI");
    const char *envDebug = getenv("VIRSH_DEBUG");

    if (envDebug && *envDebug)
        ctl.debug = atoi(envDebug);
    if (envUri && *envUri && !(ctl.uri = strdup(envUri)))
        return EXIT_FAILURE;
    if ((rc = parseOptions(&ctl, argc, argv, &cmdIndex)) != 0) {
        ok = rc > 0;
        goto cleanup;
    }
    vshInstallErrorHandler();

    /* A URI named with -c or VIRSH_DEFAULT_CONNECT_URI is opened at once
     * (and its failure ends a command-line run); the default one only
     * when a command needs it. */
    if (ctl.uri && !vshConnect(&ctl, ctl.uri, ctl.readonly) && cmdIndex < argc) {
        ok = false;
        goto cleanup;
    }
    if (cmdIndex < argc) {
        if (argc - cmdIndex == 1)
            ok = runString(&ctl, argv[cmdIndex]);
        else
            ok = vshRunWords(&ctl, argv + cmdIndex, argc - cmdIndex);
    } else {
        ctl.imode = true;
        runShell(&ctl);
        ok = true;
    }

 cleanup:
    vshDisconnect(&ctl);
    free(ctl.uri);
    if (ctl.log)
        fclose(ctl.log);
    fflush(stdout);
    return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
