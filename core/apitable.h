/* apitable.h: one row per public function, generated from abi/libvirt.api;
 * the support matrix compares these slots against a module's tables. */
#ifndef VIRT_APITABLE_H
#define VIRT_APITABLE_H

#include <stddef.h>
#include "virt-module.h"

#define VIRT_ROLE_CORE (-1)

typedef struct virtApiFunction {
    const char *name;
    const char *version;     /* symbol version node */
    int role;                /* virtRole, or VIRT_ROLE_CORE */
    size_t offset;           /* slot offset inside that role's table */
    int mutates;             /* refused on read-only connections */
    int from;                /* the virErrorDomain of its argument errors */
} virtApiFunction;

extern const virtApiFunction virtApiFunctions[];
extern const size_t virtApiFunctionCount;

/* The error domain libvirt reports for argument, read-only and
 * unsupported-call errors of the public function func (VIR_FROM_DOMAIN for
 * virDomain*, ...), VIR_FROM_NONE for a name not in the table. */
int virtApiErrorDomain(const char *func);

/* 1 if the module fills the function's slot, 0 if not, -1 if the function
 * is not dispatched to that kind of module (core or another role). */
int virtApiModuleImplements(const virtModuleDescriptor *desc, const virtApiFunction *fn);

#endif /* VIRT_APITABLE_H */
