/* crash_module.c: modules that misbehave while loading, to show that
 * virt-modules survives them (it loads modules in a child process).
 * KIT_HANG: the entry function never returns; otherwise it crashes. */
#include <signal.h>
#include <unistd.h>

#include "virt-module.h"

VIRT_MODULE_EXPORT const virtModuleDescriptor *virt_module_entry(const virtCoreServices *services)
{
#ifdef KIT_HANG
    for (;;)
        pause();
#else
    raise(SIGSEGV);
#endif
    return NULL;
}
