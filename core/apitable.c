/* apitable.c: support-matrix queries over the generated function table. */
#include <string.h>

#include "apitable.h"

static int slotFilled(const void *table, size_t tableSize, size_t offset)
{
    if (!table || offset + sizeof(void (*)(void)) > tableSize)
        return 0;
    void (*const *slot)(void) = (void (*const *)(void)) ((const char *) table + offset);
    return *slot != NULL;
}

int virtApiErrorDomain(const char *func)
{
    for (size_t i = 0; func && i < virtApiFunctionCount; i++)
        if (strcmp(virtApiFunctions[i].name, func) == 0)
            return virtApiFunctions[i].from;
    return VIR_FROM_NONE;
}

int virtApiModuleImplements(const virtModuleDescriptor *desc, const virtApiFunction *fn)
{
    switch (fn->role) {
    case VIRT_ROLE_HYPERVISOR:
        if (!(desc->roles & (VIRT_ROLE_BIT(VIRT_ROLE_HYPERVISOR) | VIRT_ROLE_BIT(VIRT_ROLE_REMOTE))))
            return -1;
        return slotFilled(desc->hypervisor, desc->hypervisor ? desc->hypervisor->size : 0, fn->offset);
    case VIRT_ROLE_NETWORK:
        if (!(desc->roles & (VIRT_ROLE_BIT(VIRT_ROLE_NETWORK) | VIRT_ROLE_BIT(VIRT_ROLE_REMOTE))))
            return -1;
        return slotFilled(desc->network, desc->network ? desc->network->size : 0, fn->offset);
    default:
        break;
    }
    /* The later roles: the table field exists only in newer descriptors. */
    static const struct { int role; size_t field; } later[] = {
        { VIRT_ROLE_STORAGE, offsetof(virtModuleDescriptor, storage) },
        { VIRT_ROLE_INTERFACE, offsetof(virtModuleDescriptor, iface) },
        { VIRT_ROLE_NODEDEV, offsetof(virtModuleDescriptor, nodedev) },
        { VIRT_ROLE_SECRET, offsetof(virtModuleDescriptor, secret) },
        { VIRT_ROLE_NWFILTER, offsetof(virtModuleDescriptor, nwfilter) },
    };
    for (size_t i = 0; i < sizeof(later) / sizeof(later[0]); i++) {
        if (later[i].role != fn->role)
            continue;
        if (!(desc->roles & (VIRT_ROLE_BIT(fn->role) | VIRT_ROLE_BIT(VIRT_ROLE_REMOTE))))
            return -1;
        if (desc->size < later[i].field + sizeof(void *))
            return 0;
        /* Every table starts with its size. */
        const size_t *table = *(const size_t *const *) ((const char *) desc + later[i].field);
        return slotFilled(table, table ? *table : 0, fn->offset);
    }
    return -1;
}
