/* test_handles.c: the connection behind a pool, volume or interface
 * handle. The core's service table has no such accessor for these kinds
 * (only for domains and networks), so ask libvirt.so.0's public getters,
 * which the process has already loaded: look them up once through the
 * loaded library, since a module may not link against the core. */
#include <dlfcn.h>
#include <pthread.h>

#include "test_driver.h"

static struct {
    virConnectPtr (*pool)(virStoragePoolPtr);
    virConnectPtr (*vol)(virStorageVolPtr);
    virConnectPtr (*iface)(virInterfacePtr);
} getters;
static pthread_once_t gettersOnce = PTHREAD_ONCE_INIT;

static void gettersInit(void)
{
    /* RTLD_NOLOAD: only the copy already in the process (it called us). */
    void *lib = dlopen("libvirt.so.0", RTLD_LAZY | RTLD_NOLOAD);
    if (!lib)
        return;
    *(void **) &getters.pool = dlsym(lib, "virStoragePoolGetConnect");
    *(void **) &getters.vol = dlsym(lib, "virStorageVolGetConnect");
    *(void **) &getters.iface = dlsym(lib, "virInterfaceGetConnect");
    /* Keep the reference: the library outlives every module anyway. */
}

virConnectPtr testPoolConn(virStoragePoolPtr pool)
{
    pthread_once(&gettersOnce, gettersInit);
    return getters.pool ? getters.pool(pool) : NULL;
}

virConnectPtr testVolConn(virStorageVolPtr vol)
{
    pthread_once(&gettersOnce, gettersInit);
    return getters.vol ? getters.vol(vol) : NULL;
}

virConnectPtr testIfaceConn(virInterfacePtr iface)
{
    pthread_once(&gettersOnce, gettersInit);
    return getters.iface ? getters.iface(iface) : NULL;
}
