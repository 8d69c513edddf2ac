/* vm.h: the parts of virt-modules (tools/virt-modules) and what they share.
 *
 * Modules are never loaded into the tool's own process: vmProbe() loads
 * one in a forked child that reports what its descriptor says, so a
 * module that crashes or hangs while loading becomes a problem to print,
 * not the end of the tool. */
#ifndef VM_H
#define VM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "apitable.h"
#include "registry.h"

/* A role: its manifest name and, for roles served through a function
 * table, where the descriptor points to it and how big this core's
 * table is (table_field 0: no table of its own). */
typedef struct vmRoleInfo {
    int role;
    const char *name;
    size_t table_field;
    size_t table_size;
} vmRoleInfo;
extern const vmRoleInfo vmRoles[];
extern const size_t vmRoleCount;
const vmRoleInfo *vmRoleFind(int role);

/* What a child process found in one module. */
typedef struct vmReport {
    char *failure;          /* could not get a descriptor: why (NULL: got one) */
    bool have_desc;
    unsigned long desc_size;
    unsigned int abi_version;
    char *name;             /* NULL when the descriptor's is NULL */
    char *version;
    bool schemes_null;
    char **schemes;         /* NULL-terminated */
    size_t nschemes;
    unsigned int roles;
    bool has_probe, has_open, has_close;
    bool has_table[VIRT_ROLE_LAST];
    unsigned long table_size[VIRT_ROLE_LAST];
    /* One character per virtApiFunctions row: '1' implemented, '0' slot
     * left NULL (or past the end of the module's table), '-' not a
     * function this module's roles dispatch. NULL if not computed. */
    char *impl;
} vmReport;

/* Load LIBRARY in a child and fill *report. Returns 0, or -1 when the
 * child could not be started (report->failure says why). */
int vmProbe(const char *library, vmReport *report);
void vmReportClear(vmReport *report);

/* Problems (which make a module unshippable) and notes (worth knowing). */
typedef struct vmFindings {
    char **problems;
    size_t nproblems;
    char **notes;
    size_t nnotes;
} vmFindings;
void vmFindingsClear(vmFindings *f);
void vmProblem(vmFindings *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void vmNote(vmFindings *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Compare a report with a manifest (NULL: descriptor checks only).
 * library is the file that was probed. */
void vmCheck(const vmReport *r, const virtManifest *m, const char *library, vmFindings *f);

/* Helpers. */
const char *vmRoleName(int role);
char *vmRoleList(unsigned int roles);          /* "hypervisor,network" */
char *vmDirName(const char *path);
/* How many functions of role the report marks implemented / dispatched. */
size_t vmImplCount(const vmReport *r, int role, bool implemented);

/* Commands; each returns the process exit status. */
int vmCmdList(int argc, char **argv);
int vmCmdShow(int argc, char **argv);
int vmCmdMatrix(int argc, char **argv);
int vmCmdValidate(int argc, char **argv);

#endif /* VM_H */
