/* apitable.c: support-matrix queries over the generated function table. */
#include "apitable.h"

static int slotFilled(const void *table, size_t tableSize, size_t offset)
{
    if (!table || offset + sizeof(void (*)(void)) > tableSize)
        return 0;
    void (*const *slot)(void) = (void (*const *)(void)) ((const char *) table + offset);
    return *slot != NULL;
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
        return -1;
    }
}
