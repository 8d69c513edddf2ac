/* vm-probe.c: load one module in a child process and report its
 * descriptor to the parent over a pipe, one "key value" line at a time.
 * Lines are written as soon as they are known, so a module that crashes
 * half-way still leaves what was read before the crash. */
#include <dlfcn.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"
#include "vm.h"

/* A module that has not returned its descriptor by then is hung.
 * VIRT_MODULES_PROBE_TIMEOUT (seconds) changes it, for tests. */
#define VM_PROBE_SECONDS 10

static unsigned int probeSeconds(void)
{
    const char *env = getenv("VIRT_MODULES_PROBE_TIMEOUT");
    long n = env ? strtol(env, NULL, 10) : 0;
    return n > 0 && n < 3600 ? (unsigned int) n : VM_PROBE_SECONDS;
}

/* Module strings go on one line each: control characters become '?'. */
static void putText(FILE *out, const char *key, const char *s)
{
    fprintf(out, "%s ", key);
    for (; *s; s++)
        fputc((unsigned char) *s < 0x20 ? '?' : *s, out);
    fputc('\n', out);
}

/* True when the module's descriptor is long enough to hold FIELD. */
#define DESC_HAS(d, field) \
    ((d)->size >= offsetof(virtModuleDescriptor, field) + sizeof((d)->field))

static bool tableSane(size_t size)
{
    return size >= sizeof(size_t) && size < 65536 &&
           (size - sizeof(size_t)) % sizeof(void (*)(void)) == 0;
}

static void childReport(const char *library, FILE *out)
{
    void *h = dlopen(library, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        putText(out, "failure", dlerror());
        return;
    }
    virtModuleEntryFunc entry = (virtModuleEntryFunc) (uintptr_t) dlsym(h, VIRT_MODULE_ENTRY_NAME);
    if (!entry) {
        putText(out, "failure", "the module exports no entry symbol '" VIRT_MODULE_ENTRY_NAME "'");
        return;
    }
    const virtModuleDescriptor *d = entry(&virtCoreServiceTable);
    if (!d) {
        putText(out, "failure", "the entry function returned no descriptor");
        return;
    }
    fprintf(out, "desc_size %lu\n", (unsigned long) d->size);
    if (!DESC_HAS(d, roles)) {
        fprintf(out, "abi %u\n", d->size >= 8 ? d->abi_version : 0);
        return;
    }
    fprintf(out, "abi %u\n", d->abi_version);
    if (d->name)
        putText(out, "name", d->name);
    if (d->version)
        putText(out, "version", d->version);
    if (!d->schemes)
        fprintf(out, "schemes_null 1\n");
    for (size_t i = 0; d->schemes && d->schemes[i] && i < 64; i++)
        putText(out, "scheme", d->schemes[i]);
    fprintf(out, "roles %u\n", d->roles);
    if (!DESC_HAS(d, network))
        return;
    fprintf(out, "probe %d\nopen %d\nclose %d\n", d->probe != NULL, d->open != NULL, d->close != NULL);
    /* A copy of the descriptor, zero past the module's own size, with
     * insane tables left out: the support row is then read with the
     * core's own rule and never past a table's end. */
    virtModuleDescriptor view;
    memset(&view, 0, sizeof(view));
    memcpy(&view, d, d->size < sizeof(view) ? d->size : sizeof(view));
    for (size_t i = 0; i < vmRoleCount; i++) {
        size_t field = vmRoles[i].table_field;
        if (!field || d->size < field + sizeof(void *))
            continue;
        const size_t *table = *(const size_t *const *) ((const char *) d + field);
        if (!table)
            continue;
        fprintf(out, "table %d %zu\n", vmRoles[i].role, *table);
        if (!tableSane(*table))
            memset((char *) &view + field, 0, sizeof(void *));
    }
    fprintf(out, "impl ");
    for (size_t i = 0; i < virtApiFunctionCount; i++) {
        int got = virtApiModuleImplements(&view, &virtApiFunctions[i]);
        fputc(got < 0 ? '-' : got ? '1' : '0', out);
    }
    fputc('\n', out);
}

static char *dupValue(const char *line, size_t keylen)
{
    return virtStrdup(line + keylen + 1);
}

static void parseLine(vmReport *r, const char *line)
{
    unsigned long n;
    int role;

    if (strncmp(line, "failure ", 8) == 0) {
        free(r->failure);
        r->failure = dupValue(line, 7);
    } else if (sscanf(line, "desc_size %lu", &n) == 1) {
        r->have_desc = true;
        r->desc_size = n;
    } else if (sscanf(line, "abi %lu", &n) == 1) {
        r->abi_version = (unsigned int) n;
    } else if (strncmp(line, "name ", 5) == 0) {
        r->name = dupValue(line, 4);
    } else if (strncmp(line, "version ", 8) == 0) {
        r->version = dupValue(line, 7);
    } else if (strcmp(line, "schemes_null 1") == 0) {
        r->schemes_null = true;
    } else if (strncmp(line, "scheme ", 7) == 0) {
        r->schemes = virtRealloc(r->schemes, (r->nschemes + 2) * sizeof(char *));
        r->schemes[r->nschemes++] = dupValue(line, 6);
        r->schemes[r->nschemes] = NULL;
    } else if (sscanf(line, "roles %lu", &n) == 1) {
        r->roles = (unsigned int) n;
    } else if (sscanf(line, "probe %lu", &n) == 1) {
        r->has_probe = n;
    } else if (sscanf(line, "open %lu", &n) == 1) {
        r->has_open = n;
    } else if (sscanf(line, "close %lu", &n) == 1) {
        r->has_close = n;
    } else if (sscanf(line, "table %d %lu", &role, &n) == 2 && role >= 0 && role < VIRT_ROLE_LAST) {
        r->has_table[role] = true;
        r->table_size[role] = n;
    } else if (strncmp(line, "impl ", 5) == 0 && strlen(line + 5) == virtApiFunctionCount) {
        r->impl = dupValue(line, 4);
    }
}

int vmProbe(const char *library, vmReport *r)
{
    int fds[2];
    memset(r, 0, sizeof(*r));
    if (pipe(fds) < 0) {
        r->failure = virtAsprintf("cannot create a pipe: %s", strerror(errno));
        return -1;
    }
    unsigned int seconds = probeSeconds();
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) {
        r->failure = virtAsprintf("cannot fork: %s", strerror(errno));
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid == 0) {
        close(fds[0]);
        /* Let a crash end the child by its signal, even where a sanitizer
         * runtime installed handlers of its own. */
        static const int fatal[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
        for (size_t i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++)
            signal(fatal[i], SIG_DFL);
        alarm(seconds);
        FILE *out = fdopen(fds[1], "w");
        if (!out)
            _exit(3);
        setvbuf(out, NULL, _IOLBF, 0);
        childReport(library, out);
        fclose(out);
        _exit(0);
    }
    close(fds[1]);

    virtBuf buf = { 0 };
    char chunk[4096];
    ssize_t got;
    while ((got = read(fds[0], chunk, sizeof(chunk))) != 0) {
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            break;
        virtBufAddLen(&buf, chunk, (size_t) got);
    }
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;

    char *text = virtBufSteal(&buf);
    for (char *line = text, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        parseLine(r, line);
    }
    free(text);

    char *why = NULL;
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
        why = virtAsprintf("the module did not finish loading within %u s", seconds);
    else if (WIFSIGNALED(status))
        why = virtAsprintf("the module crashed while loading (signal %d, %s)",
                           WTERMSIG(status), strsignal(WTERMSIG(status)));
    else if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
        why = virtAsprintf("the module ended the process while loading (exit status %d)",
                           WEXITSTATUS(status));
    if (why) {
        free(r->failure);
        r->failure = why;
    }
    return 0;
}

void vmReportClear(vmReport *r)
{
    free(r->failure);
    free(r->name);
    free(r->version);
    for (size_t i = 0; i < r->nschemes; i++)
        free(r->schemes[i]);
    free(r->schemes);
    free(r->impl);
    memset(r, 0, sizeof(*r));
}
