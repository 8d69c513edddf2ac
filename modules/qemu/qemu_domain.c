/* qemu_domain.c: a driver's list of domains. Callers hold driver->lock. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "qemu_driver.h"
#include "util.h"

qemuDomain *qemuDomainFindByName(qemuDriver *drv, const char *name)
{
    for (qemuDomain *vm = drv->domains; vm; vm = vm->next)
        if (strcmp(vm->def->name, name) == 0)
            return vm;
    return NULL;
}

qemuDomain *qemuDomainFindByUUID(qemuDriver *drv, const unsigned char *uuid)
{
    for (qemuDomain *vm = drv->domains; vm; vm = vm->next)
        if (memcmp(vm->def->uuid, uuid, VIRT_UUID_LEN) == 0)
            return vm;
    return NULL;
}

qemuDomain *qemuDomainFindByID(qemuDriver *drv, int id)
{
    if (id < 0)
        return NULL;
    for (qemuDomain *vm = drv->domains; vm; vm = vm->next)
        if (vm->id == id)
            return vm;
    return NULL;
}

/* New domains go to the end, so listings keep definition order. */
qemuDomain *qemuDomainAdd(qemuDriver *drv, virtDomain *def)
{
    qemuDomain *vm = virtAlloc(sizeof(*vm));
    vm->def = def;
    vm->id = -1;
    vm->state = VIR_DOMAIN_SHUTOFF;
    vm->reason = VIR_DOMAIN_SHUTOFF_UNKNOWN;
    qemuDomain **p = &drv->domains;
    while (*p)
        p = &(*p)->next;
    *p = vm;
    return vm;
}

void qemuDomainRemove(qemuDriver *drv, qemuDomain *vm)
{
    for (qemuDomain **p = &drv->domains; *p; p = &(*p)->next) {
        if (*p == vm) {
            *p = vm->next;
            break;
        }
    }
    qemuDomainFree(vm);
}

void qemuDomainFree(qemuDomain *vm)
{
    if (!vm)
        return;
    qemuMonitorClose(vm->mon);
    virtDomainModelFree(vm->def);
    virtDomainModelFree(vm->newdef);
    for (size_t i = 0; i < vm->ntaps; i++)
        free(vm->taps[i]);
    free(vm->taps);
    free(vm);
}

static virtDomainDriverDefaults defaults = {
    .video = "vga",
    .mac_prefix = { 0x52, 0x54, 0x00 },
};
static pthread_once_t defaultsOnce = PTHREAD_ONCE_INIT;

static void defaultsInit(void)
{
    defaults.arch = qemuHostArch();
}

const virtDomainDriverDefaults *qemuDomainDefaults(void)
{
    pthread_once(&defaultsOnce, defaultsInit);
    return &defaults;
}

const virtDomain *qemuDomainPersistentDef(const qemuDomain *vm)
{
    return vm->newdef ? vm->newdef : vm->def;
}
