/* library.c: library-wide entry points: initialisation, version, and the
 * default authentication callback. */
#include <libxml/parser.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "error.h"
#include "log.h"
#include "paths.h"

VIRT_LOG_INIT("core.library");

static pthread_once_t initOnce = PTHREAD_ONCE_INIT;

static void initialize(void)
{
    xmlInitParser();
    VIRT_INFO("libvirt version: %s, package: %s %s", VIRT_API_VERSION_STRING, VIRT_PACKAGE,
              VIRT_VERSION_STRING);
}

int virInitialize(void)
{
    pthread_once(&initOnce, initialize);
    return 0;
}

int virGetVersion(unsigned long *libVer, const char *type, unsigned long *typeVer)
{
    virInitialize();
    virResetLastError();
    if (libVer)
        *libVer = VIRT_API_VERSION_NUMBER;
    /* The hypervisor version is only known once connected; like libvirt,
     * report the library version for any driver type asked about. */
    if (typeVer) {
        if (!type)
            type = "Xen";
        *typeVer = VIRT_API_VERSION_NUMBER;
    }
    return 0;
}

/* Default credentials: ask on the terminal. */
static int defaultAuthCallback(virConnectCredentialPtr cred, unsigned int ncred, void *cbdata)
{
    (void) cbdata;
    for (unsigned int i = 0; i < ncred; i++) {
        char buf[1024];
        bool hide = cred[i].type == VIR_CRED_PASSPHRASE || cred[i].type == VIR_CRED_NOECHOPROMPT;
        struct termios old, quiet;
        bool restore = false;

        if (cred[i].type == VIR_CRED_EXTERNAL)
            continue;
        fprintf(stdout, "%s: ", cred[i].prompt ? cred[i].prompt : "Answer");
        fflush(stdout);
        if (hide && isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0) {
            quiet = old;
            quiet.c_lflag &= (tcflag_t) ~ECHO;
            restore = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        }
        char *got = fgets(buf, sizeof(buf), stdin);
        if (restore) {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
            fputc('\n', stdout);
        }
        if (!got)
            return -1;
        buf[strcspn(buf, "\r\n")] = '\0';
        if (!*buf && cred[i].defresult)
            snprintf(buf, sizeof(buf), "%s", cred[i].defresult);
        cred[i].result = virtStrdup(buf);
        cred[i].resultlen = (unsigned int) strlen(buf);
    }
    return 0;
}

static int defaultCredTypes[] = {
    VIR_CRED_AUTHNAME, VIR_CRED_ECHOPROMPT, VIR_CRED_REALM,
    VIR_CRED_PASSPHRASE, VIR_CRED_NOECHOPROMPT, VIR_CRED_EXTERNAL,
};

static virConnectAuth defaultAuth = {
    defaultCredTypes, sizeof(defaultCredTypes) / sizeof(defaultCredTypes[0]),
    defaultAuthCallback, NULL,
};

virConnectAuthPtr virConnectAuthPtrDefault = &defaultAuth;
