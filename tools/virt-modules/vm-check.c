/* vm-check.c: what makes a module loadable, written out as findings:
 * the same rules the core applies when it loads a module (registry.c),
 * but every broken rule is listed instead of the first one only. */
#include <regex.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "vm.h"

static void addTo(char ***list, size_t *n, const char *fmt, va_list ap)
{
    *list = virtRealloc(*list, (*n + 1) * sizeof(char *));
    (*list)[(*n)++] = virtVasprintf(fmt, ap);
}

void vmProblem(vmFindings *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    addTo(&f->problems, &f->nproblems, fmt, ap);
    va_end(ap);
}

void vmNote(vmFindings *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    addTo(&f->notes, &f->nnotes, fmt, ap);
    va_end(ap);
}

void vmFindingsClear(vmFindings *f)
{
    for (size_t i = 0; i < f->nproblems; i++)
        free(f->problems[i]);
    for (size_t i = 0; i < f->nnotes; i++)
        free(f->notes[i]);
    free(f->problems);
    free(f->notes);
    memset(f, 0, sizeof(*f));
}

char *vmRoleList(unsigned int roles)
{
    virtBuf b = { 0 };
    for (int i = 0; i < VIRT_ROLE_LAST; i++)
        if (roles & VIRT_ROLE_BIT(i))
            virtBufPrintf(&b, "%s%s", b.len ? "," : "", vmRoleName(i));
    if (roles & ~((1u << VIRT_ROLE_LAST) - 1))
        virtBufPrintf(&b, "%sunknown(0x%x)", b.len ? "," : "", roles & ~((1u << VIRT_ROLE_LAST) - 1));
    return virtBufSteal(&b);
}

char *vmDirName(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return virtStrdup(".");
    return slash == path ? virtStrdup("/") : virtStrndup(path, (size_t) (slash - path));
}

size_t vmImplCount(const vmReport *r, int role, bool implemented)
{
    size_t n = 0;
    for (size_t i = 0; r->impl && i < virtApiFunctionCount; i++)
        if (virtApiFunctions[i].role == role && r->impl[i] != '-' && (!implemented || r->impl[i] == '1'))
            n++;
    return n;
}

static const char *baseName(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static bool schemeWellFormed(const char *s)
{
    regex_t re;
    if (regcomp(&re, "^[a-z][a-z0-9.-]*$", REG_EXTENDED | REG_NOSUB) != 0)
        return true;
    bool ok = regexec(&re, s, 0, NULL, 0) == 0;
    regfree(&re);
    return ok;
}

static bool reportClaims(const vmReport *r, const char *scheme)
{
    for (size_t i = 0; i < r->nschemes; i++)
        if (strcmp(r->schemes[i], scheme) == 0)
            return true;
    return false;
}

/* Sizes the core accepts: the size field plus whole slots. */
static void checkTable(const vmReport *r, int role, const size_t known, vmFindings *f)
{
    const char *what = vmRoleName(role);
    if (!r->has_table[role]) {
        vmProblem(f, "the module fills the %s role but has no %s table", what, what);
        return;
    }
    unsigned long size = r->table_size[role];
    if (size < sizeof(size_t) || size >= 65536 || (size - sizeof(size_t)) % sizeof(void (*)(void)) != 0) {
        vmProblem(f, "the %s table says it is %lu bytes: not a size field followed by whole slots", what, size);
        return;
    }
    unsigned long slots = (size - sizeof(size_t)) / sizeof(void (*)(void));
    unsigned long ours = (known - sizeof(size_t)) / sizeof(void (*)(void));
    if (slots < ours)
        vmNote(f, "the %s table has %lu slots, this core knows %lu: built against an older header; "
               "the newer functions answer 'not supported'", what, slots, ours);
    else if (slots > ours)
        vmNote(f, "the %s table has %lu slots, this core knows %lu: the extra slots are never called",
               what, slots, ours);
}

void vmCheck(const vmReport *r, const virtManifest *m, const char *library, vmFindings *f)
{
    if (m && m->disabled)
        vmProblem(f, "manifest %s disables the module", m->path);
    if (m && strcmp(baseName(m->library), baseName(library)) != 0)
        vmProblem(f, "manifest %s names library '%s', not '%s'", m->path, m->library, baseName(library));
    if (r->failure) {
        vmProblem(f, "%s", r->failure);
        return;
    }
    if (!r->have_desc) {
        vmProblem(f, "the module gave no descriptor (did its entry function end the process?)");
        return;
    }

    unsigned int major = r->abi_version >> 16, minor = r->abi_version & 0xffff;
    if (r->desc_size < sizeof(virtModuleDescriptor)) {
        vmProblem(f, "the descriptor is %lu bytes, this core needs at least %zu", r->desc_size,
                  sizeof(virtModuleDescriptor));
        return;
    }
    if (r->desc_size > sizeof(virtModuleDescriptor))
        vmNote(f, "the descriptor is %lu bytes, this core reads the first %zu", r->desc_size,
               sizeof(virtModuleDescriptor));
    if (major != VIRT_MODULE_ABI_MAJOR || minor > VIRT_MODULE_ABI_MINOR)
        vmProblem(f, "module ABI %u.%u cannot load into this core (ABI %u.%u): the major must match "
                  "and the minor must not be newer", major, minor, VIRT_MODULE_ABI_MAJOR, VIRT_MODULE_ABI_MINOR);
    if (m && (major != m->abi_major || minor != m->abi_minor))
        vmProblem(f, "module ABI %u.%u, manifest says %u.%u", major, minor, m->abi_major, m->abi_minor);

    if (!r->name)
        vmProblem(f, "the descriptor has no name");
    else if (m && strcmp(r->name, m->module) != 0)
        vmProblem(f, "the module calls itself '%s', manifest says '%s'", r->name, m->module);
    if (!r->version)
        vmNote(f, "the descriptor has no version string");

    if (r->schemes_null)
        vmProblem(f, "the descriptor has no scheme list (use an empty, NULL-terminated list)");
    for (size_t i = 0; i < r->nschemes; i++) {
        if (!schemeWellFormed(r->schemes[i]))
            vmProblem(f, "scheme '%s' is not a lower-case URI scheme", r->schemes[i]);
        for (size_t j = 0; j < i; j++)
            if (strcmp(r->schemes[i], r->schemes[j]) == 0)
                vmProblem(f, "scheme '%s' is listed twice", r->schemes[i]);
        if (m && !virtManifestClaims(m, r->schemes[i]))
            vmProblem(f, "the module claims scheme '%s', the manifest does not", r->schemes[i]);
    }
    for (size_t i = 0; m && i < m->nschemes; i++)
        if (!reportClaims(r, m->schemes[i]))
            vmProblem(f, "the manifest claims scheme '%s', the module does not", m->schemes[i]);

    unsigned int known = (1u << VIRT_ROLE_LAST) - 1;
    if (!r->roles)
        vmProblem(f, "the module fills no role");
    if (r->roles & ~known)
        vmProblem(f, "unknown role bits 0x%x", r->roles & ~known);
    if (m && r->roles != m->roles) {
        char *a = vmRoleList(r->roles), *b = vmRoleList(m->roles);
        vmProblem(f, "the module fills roles [%s], the manifest says [%s]", a, b);
        free(a);
        free(b);
    }
    if (!r->has_open)
        vmProblem(f, "the descriptor has no open function");
    if (!r->has_close)
        vmProblem(f, "the descriptor has no close function");
    for (size_t i = 0; i < vmRoleCount; i++)
        if (vmRoles[i].table_field && (r->roles & VIRT_ROLE_BIT(vmRoles[i].role)))
            checkTable(r, vmRoles[i].role, vmRoles[i].table_size, f);

    if (m && m->probe >= 0 && !r->has_probe)
        vmProblem(f, "the manifest gives probe order %d but the module has no probe function", m->probe);
    if (m && m->probe < 0 && r->has_probe)
        vmNote(f, "the module has a probe function, but its manifest gives no probe order: it is never asked");
}
