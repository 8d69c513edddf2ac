/* test_handles.c: the connection behind a handle of the kinds the
 * services do not cover with domain_conn/network_conn, and locking the
 * host behind a connection. */
#include "test_driver.h"

virConnectPtr testPoolConn(virStoragePoolPtr pool)
{
    return testCore->handle_conn(pool);
}

virConnectPtr testVolConn(virStorageVolPtr vol)
{
    return testCore->handle_conn(vol);
}

virConnectPtr testIfaceConn(virInterfacePtr iface)
{
    return testCore->handle_conn(iface);
}

virConnectPtr testSecretConn(virSecretPtr secret)
{
    return testCore->handle_conn(secret);
}

virConnectPtr testNWFilterConn(virNWFilterPtr filter)
{
    return testCore->handle_conn(filter);
}

virConnectPtr testNodeDevConn(virNodeDevicePtr dev)
{
    return testCore->handle_conn(dev);
}

testState *testLockState(virConnectPtr conn)
{
    testState *st = conn ? testConnState(conn) : NULL;
    if (!st) {
        TEST_ERROR(conn, VIR_ERR_INTERNAL_ERROR, "the handle's connection has no test host");
        return NULL;
    }
    pthread_mutex_lock(&st->lock);
    return st;
}
