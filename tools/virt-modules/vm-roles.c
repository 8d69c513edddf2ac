/* vm-roles.c: what virt-modules knows about each role: its manifest
 * name, and where its function table sits in a descriptor. New roles
 * append a row here when virt-module.h gains them. */
#include <stddef.h>

#include "vm.h"

const vmRoleInfo vmRoles[] = {
    { VIRT_ROLE_HYPERVISOR, "hypervisor", offsetof(virtModuleDescriptor, hypervisor), sizeof(virtHypervisorTable) },
    { VIRT_ROLE_NETWORK, "network", offsetof(virtModuleDescriptor, network), sizeof(virtNetworkTable) },
    { VIRT_ROLE_REMOTE, "remote", 0, 0 },
    { VIRT_ROLE_STORAGE, "storage", offsetof(virtModuleDescriptor, storage), sizeof(virtStorageTable) },
    { VIRT_ROLE_INTERFACE, "interface", offsetof(virtModuleDescriptor, iface), sizeof(virtInterfaceTable) },
    { VIRT_ROLE_NODEDEV, "nodedev", offsetof(virtModuleDescriptor, nodedev), sizeof(virtNodeDeviceTable) },
    { VIRT_ROLE_SECRET, "secret", offsetof(virtModuleDescriptor, secret), sizeof(virtSecretTable) },
    { VIRT_ROLE_NWFILTER, "nwfilter", offsetof(virtModuleDescriptor, nwfilter), sizeof(virtNWFilterTable) },
};
const size_t vmRoleCount = sizeof(vmRoles) / sizeof(vmRoles[0]);

const vmRoleInfo *vmRoleFind(int role)
{
    for (size_t i = 0; i < vmRoleCount; i++)
        if (vmRoles[i].role == role)
            return &vmRoles[i];
    return NULL;
}

const char *vmRoleName(int role)
{
    const vmRoleInfo *info = vmRoleFind(role);
    return info ? info->name : role == VIRT_ROLE_CORE ? "core" : "unknown";
}
