/* test_iface.c: host network interfaces. test:///default has "eth1",
 * active, as libvirt's test driver does. A definition is read through the
 * generated interface model (libvirt's checks, what it drops) and kept as
 * the text libvirt would give back. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "interface_model.h"
#include "test_xml.h"
#include "util.h"

static const char eth1XML[] =
    "<interface type='ethernet' name='eth1'>\n"
    "  <start mode='onboot'/>\n"
    "  <mtu size='1492'/>\n"
    "  <protocol family='ipv4'>\n"
    "    <ip address='192.168.0.5' prefix='24'/>\n"
    "    <route gateway='192.168.0.1'/>\n"
    "  </protocol>\n"
    "  <mac address='aa:bb:cc:dd:ee:ff'/>\n"
    "</interface>\n";

static void ifaceFree(testIface *i)
{
    free(i->name);
    free(i->mac);
    free(i->xml);
    free(i);
}

static void freeList(testIface *list)
{
    while (list) {
        testIface *i = list;
        list = i->next;
        ifaceFree(i);
    }
}

void testIfaceFree(testState *st)
{
    freeList(st->ifaces);
    freeList(st->iface_backup);
}

static void addIface(testState *st, testIface *iface)
{
    testIface **pp = &st->ifaces;
    while (*pp)
        pp = &(*pp)->next;
    *pp = iface;
}

void testIfaceAddDefault(testState *st)
{
    testIface *i = virtAlloc(sizeof(*i));
    i->name = virtStrdup("eth1");
    i->mac = virtStrdup("aa:bb:cc:dd:ee:ff");
    i->xml = virtStrdup(eth1XML);   /* already as libvirt writes it */
    i->active = true;
    addIface(st, i);
}

static testIface *findByName(testState *st, const char *name)
{
    for (testIface *i = st->ifaces; i; i = i->next)
        if (strcmp(i->name, name) == 0)
            return i;
    return NULL;
}

/* Lock and find the interface behind a handle; NULL after reporting. */
static testIface *ifaceAcquire(virInterfacePtr handle, testState **stp)
{
    virConnectPtr conn = testIfaceConn(handle);
    testState *st = testLockState(conn);
    if (!st)
        return NULL;
    testIface *i = findByName(st, testCore->handle_identity(handle)->name);
    if (!i) {
        pthread_mutex_unlock(&st->lock);
        TEST_ERROR(conn, VIR_ERR_NO_INTERFACE, "no interface with matching name '%s'",
                   testCore->handle_identity(handle)->name);
        return NULL;
    }
    *stp = st;
    return i;
}

static virInterfacePtr handleOf(virConnectPtr conn, const testIface *i)
{
    return virtHandleNewInterface(testCore, conn, i->name, i->mac ? i->mac : "");
}

static int countIfaces(virConnectPtr conn, bool active)
{
    testState *st = testLockState(conn);
    int n = 0;
    if (!st)
        return -1;
    for (testIface *i = st->ifaces; i; i = i->next)
        n += i->active == active;
    pthread_mutex_unlock(&st->lock);
    return n;
}

static int listIfaces(virConnectPtr conn, bool active, char **const names, int maxnames)
{
    testState *st = testLockState(conn);
    int n = 0;
    if (!st)
        return -1;
    for (testIface *i = st->ifaces; i && n < maxnames; i = i->next)
        if (i->active == active)
            names[n++] = virtStrdup(i->name);
    pthread_mutex_unlock(&st->lock);
    return n;
}

static int testNumOfIfaces(virConnectPtr conn) { return countIfaces(conn, true); }
static int testNumOfDefinedIfaces(virConnectPtr conn) { return countIfaces(conn, false); }
static int testListIfaces(virConnectPtr conn, char **const names, int maxnames)
{
    return listIfaces(conn, true, names, maxnames);
}
static int testListDefinedIfaces(virConnectPtr conn, char **const names, int maxnames)
{
    return listIfaces(conn, false, names, maxnames);
}

static int testConnectListAllInterfaces(virConnectPtr conn, virInterfacePtr **ifaces, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_CONNECT_LIST_INTERFACES_ACTIVE | VIR_CONNECT_LIST_INTERFACES_INACTIVE, -1);
    testState *st = testLockState(conn);
    int n = 0, total = 0;
    if (!st)
        return -1;
    for (testIface *i = st->ifaces; i; i = i->next)
        total++;
    virInterfacePtr *list = ifaces ? virtAlloc((size_t) (total + 1) * sizeof(*list)) : NULL;
    for (testIface *i = st->ifaces; i; i = i->next) {
        unsigned int want = i->active ? VIR_CONNECT_LIST_INTERFACES_ACTIVE
                                      : VIR_CONNECT_LIST_INTERFACES_INACTIVE;
        if ((flags & 3) && !(flags & want))
            continue;
        if (list)
            list[n] = handleOf(conn, i);
        n++;
    }
    pthread_mutex_unlock(&st->lock);
    if (ifaces)
        *ifaces = list;
    return n;
}

static virInterfacePtr testIfaceLookupByName(virConnectPtr conn, const char *name)
{
    testState *st = testLockState(conn);
    virInterfacePtr ret = NULL;
    if (!st)
        return NULL;
    testIface *i = findByName(st, name);
    if (i)
        ret = handleOf(conn, i);
    pthread_mutex_unlock(&st->lock);
    if (!i)
        TEST_ERROR(conn, VIR_ERR_NO_INTERFACE, "no interface with matching name '%s'", name);
    return ret;
}

static virInterfacePtr testIfaceLookupByMAC(virConnectPtr conn, const char *mac)
{
    testState *st = testLockState(conn);
    virInterfacePtr ret = NULL;
    testIface *found = NULL;
    int matches = 0;
    if (!st)
        return NULL;
    for (testIface *i = st->ifaces; i; i = i->next)
        if (i->mac && strcasecmp(i->mac, mac) == 0) {
            found = i;
            matches++;
        }
    if (matches == 1)
        ret = handleOf(conn, found);
    pthread_mutex_unlock(&st->lock);
    if (matches == 0)
        TEST_ERROR(conn, VIR_ERR_NO_INTERFACE, "no interface with matching mac '%s'", mac);
    else if (matches > 1)
        TEST_ERROR(conn, VIR_ERR_MULTIPLE_INTERFACES, "more than one interface has mac '%s'", mac);
    return ret;
}

static char *testInterfaceGetXMLDesc(virInterfacePtr iface, unsigned int flags)
{
    /* libvirt's test driver takes no flag here, not even INACTIVE */
    VIRT_CHECK_FLAGS(flags, 0, NULL);
    testState *st;
    testIface *i = ifaceAcquire(iface, &st);
    if (!i)
        return NULL;
    char *xml = virtStrdup(i->xml);
    pthread_mutex_unlock(&st->lock);
    return xml;
}

/* Read an interface definition; NULL after reporting. validate: check
 * the grammar first (VIR_INTERFACE_DEFINE_VALIDATE). */
static testIface *parseIface(virConnectPtr conn, const char *xml, bool validate)
{
    virtXMLError err = { 0 };
    xmlDocPtr doc = testXMLRead(conn, xml, "interface");
    if (!doc)
        return NULL;
    virtInterfaceDef *model = virtXMLModelParseDoc(doc, &virtXMLKind_interface,
                                                   validate ? VIRT_XML_VALIDATE : 0, &err);
    xmlFreeDoc(doc);
    if (!model) {
        virtXMLErrorSetDomain(&err, VIR_FROM_INTERFACE);
        testReportXMLError(conn, &err);
        return NULL;
    }
    testIface *def = virtAlloc(sizeof(*def));
    def->name = virtStrdup(model->name);
    if (model->ethernet.mac)
        def->mac = virtStrdup(model->ethernet.mac->address);
    def->xml = virtXMLModelFormat(&virtXMLKind_interface, model, 0);
    virtXMLModelFree(virtXMLKind_interface.root, model);
    return def;
}

int testIfaceLoad(virConnectPtr conn, testState *st, const char *xml)
{
    testIface *def = parseIface(conn, xml, false);
    if (!def)
        return -1;
    if (findByName(st, def->name)) {
        TEST_ERROR(conn, VIR_ERR_OPERATION_FAILED, "interface '%s' is defined twice", def->name);
        ifaceFree(def);
        return -1;
    }
    /* A node file's interfaces are up, as libvirt's test driver has them. */
    def->active = true;
    addIface(st, def);
    return 0;
}

static virInterfacePtr testInterfaceDefineXML(virConnectPtr conn, const char *xml, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, VIR_INTERFACE_DEFINE_VALIDATE, NULL);
    virInterfacePtr ret = NULL;
    testIface *def = parseIface(conn, xml, flags & VIR_INTERFACE_DEFINE_VALIDATE);
    if (!def)
        return NULL;
    testState *st = testLockState(conn);
    if (!st)
        goto cleanup;
    testIface *old = findByName(st, def->name);
    if (old) {
        /* Redefinition: new settings, same running state. */
        free(old->mac);
        free(old->xml);
        old->mac = def->mac;
        old->xml = def->xml;
        def->mac = def->xml = NULL;
        ret = handleOf(conn, old);
    } else {
        addIface(st, def);
        ret = handleOf(conn, def);
        def = NULL;
    }
    pthread_mutex_unlock(&st->lock);
 cleanup:
    if (def)
        ifaceFree(def);
    return ret;
}

static int testIfaceUndefine(virInterfacePtr iface)
{
    testState *st;
    testIface *i = ifaceAcquire(iface, &st);
    if (!i)
        return -1;
    for (testIface **pp = &st->ifaces; *pp; pp = &(*pp)->next)
        if (*pp == i) {
            *pp = i->next;
            ifaceFree(i);
            break;
        }
    pthread_mutex_unlock(&st->lock);
    return 0;
}

/* Start (up) or stop (down) an interface that is in the other state. */
static int setActive(virInterfacePtr iface, bool up)
{
    testState *st;
    int ret = -1;
    testIface *i = ifaceAcquire(iface, &st);
    if (!i)
        return -1;
    if (i->active == up) {
        TEST_ERROR(testIfaceConn(iface), VIR_ERR_OPERATION_INVALID, NULL);
        goto cleanup;
    }
    i->active = up;
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

static int testInterfaceCreate(virInterfacePtr iface, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    (void) flags;
    return setActive(iface, true);
}

static int testInterfaceDestroy(virInterfacePtr iface, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    (void) flags;
    return setActive(iface, false);
}

static int testIfaceIsActive(virInterfacePtr iface)
{
    testState *st;
    testIface *i = ifaceAcquire(iface, &st);
    if (!i)
        return -1;
    int ret = i->active;
    pthread_mutex_unlock(&st->lock);
    return ret;
}

/* A transaction over the definitions: rollback brings back the ones its
 * begin saw, all down (as libvirt's test driver restores copies of the
 * definitions only); commit keeps what is there. */
static int testInterfaceChangeBegin(virConnectPtr conn, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    testState *st = testLockState(conn);
    if (!st)
        return -1;
    int ret = -1;
    if (st->iface_txn) {
        TEST_ERROR(conn, VIR_ERR_OPERATION_INVALID, "there is another transaction running.");
        goto cleanup;
    }
    testIface **tail = &st->iface_backup;
    for (const testIface *i = st->ifaces; i; i = i->next) {
        testIface *copy = virtAlloc(sizeof(*copy));
        copy->name = virtStrdup(i->name);
        copy->mac = virtStrdup(i->mac);
        copy->xml = virtStrdup(i->xml);
        *tail = copy;
        tail = &copy->next;
    }
    st->iface_txn = true;
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

/* End the transaction, going back to the saved definitions or not. */
static int changeEnd(virConnectPtr conn, bool rollback)
{
    testState *st = testLockState(conn);
    if (!st)
        return -1;
    int ret = -1;
    if (!st->iface_txn) {
        TEST_ERROR(conn, VIR_ERR_OPERATION_INVALID,
                   rollback ? "no transaction running, nothing to rollback."
                            : "no transaction running, nothing to be committed.");
        goto cleanup;
    }
    if (rollback) {
        freeList(st->ifaces);
        st->ifaces = st->iface_backup;
    } else {
        freeList(st->iface_backup);
    }
    st->iface_backup = NULL;
    st->iface_txn = false;
    ret = 0;
 cleanup:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

static int testInterfaceChangeCommit(virConnectPtr conn, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    return changeEnd(conn, false);
}

static int testInterfaceChangeRollback(virConnectPtr conn, unsigned int flags)
{
    VIRT_CHECK_FLAGS(flags, 0, -1);
    return changeEnd(conn, true);
}

const virtInterfaceTable testInterfaceTable = {
    .size = sizeof(virtInterfaceTable),
    .connectListInterfaces = testListIfaces,
    .connectNumOfInterfaces = testNumOfIfaces,
    .connectListDefinedInterfaces = testListDefinedIfaces,
    .connectNumOfDefinedInterfaces = testNumOfDefinedIfaces,
    .connectListAllInterfaces = testConnectListAllInterfaces,
    .interfaceCreate = testInterfaceCreate,
    .interfaceDefineXML = testInterfaceDefineXML,
    .interfaceDestroy = testInterfaceDestroy,
    .interfaceGetXMLDesc = testInterfaceGetXMLDesc,
    .interfaceLookupByMACString = testIfaceLookupByMAC,
    .interfaceLookupByName = testIfaceLookupByName,
    .interfaceUndefine = testIfaceUndefine,
    .interfaceIsActive = testIfaceIsActive,
    .interfaceChangeBegin = testInterfaceChangeBegin,
    .interfaceChangeCommit = testInterfaceChangeCommit,
    .interfaceChangeRollback = testInterfaceChangeRollback,
};
