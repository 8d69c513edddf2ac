/* module_abi.c: a library whose only job is to carry the module ABI
 * (everything virt-module.h defines) into DWARF, so that abidw can record
 * it in abi/baseline/virt-module.abi and abidiff can compare a fresh build
 * against that record. Each exported function takes one contract type. */
#include "virt-module.h"

#define ANCHOR __attribute__((visibility("default")))

ANCHOR const virtModuleDescriptor *virtAbiDescriptor(const virtModuleDescriptor *d);
ANCHOR const virtCoreServices *virtAbiServices(const virtCoreServices *s);
ANCHOR const virtURI *virtAbiURI(const virtURI *u);
ANCHOR virtModuleEntryFunc virtAbiEntry(virtModuleEntryFunc f);
ANCHOR virtRole virtAbiRole(virtRole r);
ANCHOR virtOpenResult virtAbiOpenResult(virtOpenResult r);
ANCHOR unsigned int virtAbiVersion(void);

const virtModuleDescriptor *virtAbiDescriptor(const virtModuleDescriptor *d) { return d; }
const virtCoreServices *virtAbiServices(const virtCoreServices *s) { return s; }
const virtURI *virtAbiURI(const virtURI *u) { return u; }
virtModuleEntryFunc virtAbiEntry(virtModuleEntryFunc f) { return f; }
virtRole virtAbiRole(virtRole r) { return r; }
virtOpenResult virtAbiOpenResult(virtOpenResult r) { return r; }
unsigned int virtAbiVersion(void) { return VIRT_MODULE_ABI_VERSION; }
