/* qemu_caps.c: what this host can run. The host CPU comes from uname and
 * /proc/cpuinfo; each installed qemu-system-* binary gives a guest arch,
 * and its machine types are asked from QEMU itself ("-machine help"),
 * cached per binary by path and modification time. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "qemu_driver.h"
#include "util.h"

/* Guest arch -> binary suffix and word size. */
static const struct {
    const char *arch, *binary;
    int wordsize;
} archTable[] = {
    { "x86_64", "x86_64", 64 },
    { "i686", "i386", 32 },
    { "aarch64", "aarch64", 64 },
    { "armv7l", "arm", 32 },
    { "ppc64", "ppc64", 64 },
    { "ppc", "ppc", 32 },
    { "riscv64", "riscv64", 64 },
    { "s390x", "s390x", 64 },
    { "mips", "mips", 32 },
    { "sparc", "sparc", 32 },
};
#define NARCH (sizeof(archTable) / sizeof(archTable[0]))

const char *qemuHostArch(void)
{
    static char arch[65];
    if (!arch[0]) {
        struct utsname u;
        if (uname(&u) == 0)
            snprintf(arch, sizeof(arch), "%s", u.machine);
        else
            snprintf(arch, sizeof(arch), "x86_64");
        if (strcmp(arch, "i386") == 0 || strcmp(arch, "i486") == 0 || strcmp(arch, "i586") == 0)
            snprintf(arch, sizeof(arch), "i686");
    }
    return arch;
}

/* The "flags" line of /proc/cpuinfo (first processor), or NULL. */
static char *hostCpuFlags(void)
{
    char *text = virtFileRead("/proc/cpuinfo", 4 * 1024 * 1024, NULL);
    char *flags = NULL;
    if (!text)
        return NULL;
    for (char *line = text; line && *line; ) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        if (strncmp(line, "flags", 5) == 0 || strncmp(line, "Features", 8) == 0) {
            char *colon = strchr(line, ':');
            if (colon) {
                flags = virtStrdup(colon + 1);
                break;
            }
        }
        line = nl ? nl + 1 : NULL;
    }
    free(text);
    return flags;
}

static bool hasFlag(const char *flags, const char *want)
{
    size_t n = strlen(want);
    for (const char *p = flags; p && (p = strstr(p, want)); p += n) {
        if ((p == flags || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0' || p[n] == '\n'))
            return true;
    }
    return false;
}

/* KVM needs hardware virtualisation in the CPU and a usable /dev/kvm: the
 * paravirtual /dev/kvm of some hosts cannot boot a stock kernel. */
bool qemuKvmUsable(void)
{
    char *flags = hostCpuFlags();
    bool hw = flags && (hasFlag(flags, "vmx") || hasFlag(flags, "svm"));
    free(flags);
    return hw && access("/dev/kvm", R_OK | W_OK) == 0;
}

static char *findBinary(const char *name)
{
    const char *path = getenv("PATH");
    char *copy = virtStrdup(path && path[0] ? path : "/usr/local/bin:/usr/bin:/bin");
    char *found = NULL, *save = NULL;

    for (char *dir = strtok_r(copy, ":", &save); dir && !found; dir = strtok_r(NULL, ":", &save)) {
        char *cand = virtAsprintf("%s/%s", dir, name);
        if (access(cand, X_OK) == 0)
            found = cand;
        else
            free(cand);
    }
    free(copy);
    if (!found) {
        char *cand = virtAsprintf("/usr/bin/%s", name);
        if (access(cand, X_OK) == 0)
            found = cand;
        else
            free(cand);
    }
    return found;
}

char *qemuFindEmulator(const char *arch)
{
    for (size_t i = 0; i < NARCH; i++) {
        if (strcmp(archTable[i].arch, arch) == 0) {
            char *name = virtAsprintf("qemu-system-%s", archTable[i].binary);
            char *bin = findBinary(name);
            free(name);
            /* a 64-bit x86 emulator runs 32-bit guests too */
            if (!bin && strcmp(arch, "i686") == 0)
                bin = findBinary("qemu-system-x86_64");
            return bin;
        }
    }
    return NULL;
}

const char *qemuProbe(void)
{
    char *bin = qemuFindEmulator(qemuHostArch());
    if (!bin)
        bin = findBinary("qemu-system-x86_64");
    if (!bin)
        return NULL;
    free(bin);
    return geteuid() == 0 ? "qemu:///system" : "qemu:///session";
}

/* Run "EMULATOR -machine help" and return its output (bounded). */
static char *runMachineHelp(const char *emulator)
{
    int fds[2];
    virtBuf out = { 0 };
    pid_t pid;

    if (pipe2(fds, O_CLOEXEC) < 0)
        return NULL;
    pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return NULL;
    }
    if (pid == 0) {
        int devnull = open("/dev/null", O_RDWR);
        dup2(devnull, 0);
        dup2(fds[1], 1);
        dup2(devnull, 2);
        execl(emulator, emulator, "-machine", "help", (char *) NULL);
        _exit(127);
    }
    close(fds[1]);
    char buf[4096];
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof(buf))) > 0 || (n < 0 && errno == EINTR)) {
        if (n > 0 && out.len < 1024 * 1024)
            virtBufAddLen(&out, buf, (size_t) n);
    }
    close(fds[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        virtBufFree(&out);
        return NULL;
    }
    return virtBufSteal(&out);
}

/* The cached "-machine help" of emulator, refreshed when the binary's
 * mtime or size changed. Cache line 1 is the key, the rest the output. */
static char *machineHelp(const char *emulator, const char *cache_dir)
{
    struct stat st;
    char *key = NULL, *file = NULL, *text = NULL, *cached = NULL;

    if (stat(emulator, &st) < 0)
        return NULL;
    key = virtAsprintf("%s %lld.%09ld %lld\n", emulator, (long long) st.st_mtim.tv_sec,
                       st.st_mtim.tv_nsec, (long long) st.st_size);
    if (cache_dir) {
        char *flat = virtStrdup(emulator);
        for (char *p = flat; *p; p++)
            if (*p == '/')
                *p = '_';
        file = virtAsprintf("%s/%s.machines", cache_dir, flat);
        free(flat);
        cached = virtFileRead(file, 1024 * 1024, NULL);
        if (cached && strncmp(cached, key, strlen(key)) == 0) {
            text = virtStrdup(cached + strlen(key));
            goto cleanup;
        }
    }
    text = runMachineHelp(emulator);
    if (text && file) {
        char *data = virtAsprintf("%s%s", key, text);
        virtFileWriteAtomic(file, data, strlen(data), 0644);
        free(data);
    }
 cleanup:
    free(cached);
    free(key);
    free(file);
    return text;
}

/* Each machine line: "NAME   description [(alias of X)] [(default)]". */
typedef void (*machineFunc)(void *opaque, const char *name, const char *canonical, bool dflt);

static void forEachMachine(const char *help, machineFunc fn, void *opaque)
{
    char *copy = virtStrdup(help), *save = NULL;
    for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (strncmp(line, "Supported machines", 18) == 0 || line[0] == ' ')
            continue;
        char name[128], canonical[128] = "";
        if (sscanf(line, "%127s", name) != 1 || strcmp(name, "none") == 0)
            continue;
        char *alias = strstr(line, "(alias of ");
        if (alias)
            sscanf(alias + 10, "%127[^)]", canonical);
        fn(opaque, name, canonical[0] ? canonical : NULL, strstr(line, "(default)") != NULL);
    }
    free(copy);
}

static void pickDefault(void *opaque, const char *name, const char *canonical, bool dflt)
{
    char **out = opaque;
    if (dflt && !*out)
        *out = virtStrdup(name);
}

char *qemuDefaultMachine(const char *emulator, const char *cache_dir)
{
    char *help = machineHelp(emulator, cache_dir);
    char *dflt = NULL;
    if (help)
        forEachMachine(help, pickDefault, &dflt);
    free(help);
    return dflt;
}

static void formatMachine(void *opaque, const char *name, const char *canonical, bool dflt)
{
    virtBuf *b = opaque;
    virtBufAdd(b, "      <machine");
    if (canonical)
        virtBufPrintf(b, " canonical='%s'", canonical);
    virtBufPrintf(b, ">%s</machine>\n", name);
}

char *qemuCapabilitiesFormat(const char *cache_dir)
{
    virtBuf b = { 0 };
    char *flags = hostCpuFlags();
    bool kvm = qemuKvmUsable();
    const char *host = qemuHostArch();

    virtBufAdd(&b, "<capabilities>\n\n  <host>\n    <cpu>\n");
    virtBufPrintf(&b, "      <arch>%s</arch>\n", host);
    if (flags) {
        char *save = NULL;
        for (char *f = strtok_r(flags, " \t", &save); f; f = strtok_r(NULL, " \t", &save)) {
            bool ok = f[0] != '\0';
            for (char *p = f; *p; p++)
                if (!(((*p | 32) >= 'a' && (*p | 32) <= 'z') || (*p >= '0' && *p <= '9') ||
                      *p == '_' || *p == '-' || *p == '.'))
                    ok = false;
            if (ok)
                virtBufPrintf(&b, "      <feature name='%s'/>\n", f);
        }
    }
    virtBufAdd(&b, "    </cpu>\n    <migration_features>\n      <live/>\n"
                   "      <uri_transports>\n        <uri_transport>tcp</uri_transport>\n"
                   "      </uri_transports>\n    </migration_features>\n  </host>\n\n");
    for (size_t i = 0; i < NARCH; i++) {
        char *name = virtAsprintf("qemu-system-%s", archTable[i].binary);
        char *bin = findBinary(name);
        free(name);
        if (!bin)
            continue;
        char *help = machineHelp(bin, cache_dir);
        virtBufAdd(&b, "  <guest>\n    <os_type>hvm</os_type>\n");
        virtBufPrintf(&b, "    <arch name='%s'>\n      <wordsize>%d</wordsize>\n",
                      archTable[i].arch, archTable[i].wordsize);
        virtBufPrintf(&b, "      <emulator>%s</emulator>\n", bin);
        if (help)
            forEachMachine(help, formatMachine, &b);
        virtBufAdd(&b, "      <domain type='qemu'/>\n");
        /* KVM only runs guests of the host's own arch family */
        bool native = strcmp(archTable[i].arch, host) == 0 ||
                      (strcmp(host, "x86_64") == 0 && strcmp(archTable[i].arch, "i686") == 0);
        if (kvm && native)
            virtBufAdd(&b, "      <domain type='kvm'/>\n");
        virtBufAdd(&b, "    </arch>\n    <features>\n");
        if (archTable[i].wordsize == 32 && strncmp(archTable[i].arch, "i", 1) == 0)
            virtBufAdd(&b, "      <pae/>\n      <nonpae/>\n");
        if (strcmp(archTable[i].arch, "x86_64") == 0 || strcmp(archTable[i].arch, "i686") == 0)
            virtBufAdd(&b, "      <acpi default='on' toggle='yes'/>\n      <apic default='on' toggle='no'/>\n");
        virtBufAdd(&b, "    </features>\n  </guest>\n\n");
        free(help);
        free(bin);
    }
    virtBufAdd(&b, "</capabilities>\n");
    free(flags);
    return virtBufSteal(&b);
}
