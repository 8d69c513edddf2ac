/* test_handles.c: the connection behind a pool, volume or interface
 * handle, from the core's services. */
#include "test_driver.h"

virConnectPtr testPoolConn(virStoragePoolPtr pool)
{
    return testCore->storage_pool_conn(pool);
}

virConnectPtr testVolConn(virStorageVolPtr vol)
{
    return testCore->storage_vol_conn(vol);
}

virConnectPtr testIfaceConn(virInterfacePtr iface)
{
    return testCore->interface_conn(iface);
}
