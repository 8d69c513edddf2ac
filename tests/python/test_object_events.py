"""Events of networks, storage pools and node devices (and creating the
test driver's mock vHBA), and the callback ids of a connection: the same
script on our library and on Debian's."""
import tap
from tap import libvirt, pump

libvirt.virEventRegisterDefaultImpl()

NET_XML = """<network><name>evnet</name><uuid>8f4c3b8a-5b9e-4d3e-9d8b-0f6a1e2c3d4e</uuid>
<bridge name='virbrev0'/><ip address='192.168.213.1' netmask='255.255.255.0'/></network>"""
POOL_XML = """<pool type='dir'><name>evpool</name>
<uuid>2a1b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d</uuid>
<target><path>/evpool-not-used</path></target></pool>"""
VHBA_XML = """<device><parent>scsi_host1</parent><capability type='scsi_host'>
<capability type='fc_host'><wwnn>2000000012341111</wwnn><wwpn>1000000012341111</wwpn></capability>
</capability></device>"""


class Ids(tap.DefaultCase):
    def cb(self, *args):
        pass

    def test_ids_count_from_zero(self):
        c = self.conn
        self.assertEqual(c.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE, self.cb, None), 0)
        self.assertEqual(c.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_REBOOT, self.cb, None), 1)
        # all families share the connection's numbering
        self.assertEqual(c.networkEventRegisterAny(None, libvirt.VIR_NETWORK_EVENT_ID_LIFECYCLE, self.cb, None), 2)
        # the legacy form uses up an id too
        c.domainEventRegister(self.cb, None)
        self.assertEqual(c.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_RTC_CHANGE, self.cb, None), 4)
        c.domainEventDeregisterAny(0)
        self.assertEqual(c.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE, self.cb, None), 5)
        for i in (1, 4, 5):
            c.domainEventDeregisterAny(i)
        c.networkEventDeregisterAny(2)
        c.domainEventDeregister(self.cb)

    def test_same_callback_twice(self):
        c = self.conn
        cid = c.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE, self.cb, None)
        with self.assertRaises(libvirt.libvirtError) as e:
            c.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE, self.cb, None)
        self.assertEqual((e.exception.get_error_code(), e.exception.get_error_domain()),
                         (libvirt.VIR_ERR_INVALID_ARG, libvirt.VIR_FROM_NONE))
        self.assertIn("event callback already tracked", e.exception.get_error_message())
        c.domainEventDeregisterAny(cid)

    def test_unknown_id(self):
        with self.assertRaises(libvirt.libvirtError) as e:
            self.conn.domainEventDeregisterAny(77)
        self.assertEqual(e.exception.get_error_code(), libvirt.VIR_ERR_INVALID_ARG)


class ObjectEvents(tap.DefaultCase):
    def setUp(self):
        super().setUp()
        self.seen = []
        self.ids = []

    def tearDown(self):
        for dereg, cid in self.ids:
            dereg(cid)
        super().tearDown()

    def listen(self, register, dereg, obj, eid, label):
        def record(conn, o, *rest):
            self.seen.append((label, o.name()) + tuple(rest[:-1]))
        self.ids.append((dereg, register(obj, eid, record, None)))

    def check(self, action, want):
        self.seen.clear()
        action()
        pump()
        self.assertEqual(self.seen, want)

    def test_network_lifecycle(self):
        c = self.conn
        self.listen(c.networkEventRegisterAny, c.networkEventDeregisterAny, None,
                    libvirt.VIR_NETWORK_EVENT_ID_LIFECYCLE, "net")
        N = libvirt
        net = None

        def define():
            nonlocal net
            net = c.networkDefineXML(NET_XML)
        self.check(define, [("net", "evnet", N.VIR_NETWORK_EVENT_DEFINED, 0)])
        self.check(lambda: net.create(), [("net", "evnet", N.VIR_NETWORK_EVENT_STARTED, 0)])
        self.check(lambda: net.destroy(), [("net", "evnet", N.VIR_NETWORK_EVENT_STOPPED, 0)])
        self.check(lambda: net.undefine(), [("net", "evnet", N.VIR_NETWORK_EVENT_UNDEFINED, 0)])
        self.check(lambda: c.networkCreateXML(NET_XML).destroy(),
                   [("net", "evnet", N.VIR_NETWORK_EVENT_STARTED, 0),
                    ("net", "evnet", N.VIR_NETWORK_EVENT_STOPPED, 0)])

    def test_network_filtered(self):
        c = self.conn
        other = c.networkDefineXML(NET_XML)
        self.listen(c.networkEventRegisterAny, c.networkEventDeregisterAny,
                    c.networkLookupByName("default"), libvirt.VIR_NETWORK_EVENT_ID_LIFECYCLE, "net")
        self.check(lambda: (other.create(), other.destroy()), [])
        d = c.networkLookupByName("default")
        self.check(lambda: d.destroy(), [("net", "default", libvirt.VIR_NETWORK_EVENT_STOPPED, 0)])
        d.create()
        other.undefine()

    def test_pool_lifecycle(self):
        c = self.conn
        P = libvirt
        self.listen(c.storagePoolEventRegisterAny, c.storagePoolEventDeregisterAny, None,
                    libvirt.VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE, "pool")
        self.listen(c.storagePoolEventRegisterAny, c.storagePoolEventDeregisterAny, None,
                    libvirt.VIR_STORAGE_POOL_EVENT_ID_REFRESH, "refresh")
        pool = None

        def define():
            nonlocal pool
            pool = c.storagePoolDefineXML(POOL_XML)
        self.check(define, [("pool", "evpool", P.VIR_STORAGE_POOL_EVENT_DEFINED, 0)])
        self.check(lambda: pool.create(), [("pool", "evpool", P.VIR_STORAGE_POOL_EVENT_STARTED, 0)])
        self.check(lambda: pool.refresh(), [("refresh", "evpool")])
        self.check(lambda: pool.destroy(), [("pool", "evpool", P.VIR_STORAGE_POOL_EVENT_STOPPED, 0)])
        self.check(lambda: pool.undefine(), [("pool", "evpool", P.VIR_STORAGE_POOL_EVENT_UNDEFINED, 0)])
        self.check(lambda: c.storagePoolCreateXML(POOL_XML).destroy(),
                   [("pool", "evpool", P.VIR_STORAGE_POOL_EVENT_STARTED, 0),
                    ("pool", "evpool", P.VIR_STORAGE_POOL_EVENT_STOPPED, 0)])

    def test_node_device_lifecycle(self):
        # the test driver mocks a vHBA below a vport-capable SCSI host
        c = self.conn
        self.listen(c.nodeDeviceEventRegisterAny, c.nodeDeviceEventDeregisterAny, None,
                    libvirt.VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE, "dev")
        self.listen(c.nodeDeviceEventRegisterAny, c.nodeDeviceEventDeregisterAny,
                    c.nodeDeviceLookupByName("scsi_host2"), libvirt.VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE,
                    "only-scsi_host2")
        dev = None

        def create():
            nonlocal dev
            dev = c.nodeDeviceCreateXML(VHBA_XML)
        self.check(create, [("dev", "scsi_host12", libvirt.VIR_NODE_DEVICE_EVENT_CREATED, 0)])
        self.assertEqual(c.nodeDeviceLookupByName("scsi_host12").parent(), "scsi_host1")
        self.check(lambda: dev.destroy(), [("dev", "scsi_host12", libvirt.VIR_NODE_DEVICE_EVENT_DELETED, 0)])
        with self.assertRaises(libvirt.libvirtError) as e:
            c.nodeDeviceLookupByName("scsi_host12")
        self.assertEqual(e.exception.get_error_code(), libvirt.VIR_ERR_NO_NODE_DEVICE)

    def test_node_device_create_refused(self):
        c = self.conn
        for xml, words in ((VHBA_XML.replace("scsi_host1<", "scsi_host11<"),
                            "Parent device scsi_host11 is not capable of vport operations"),
                           (VHBA_XML.replace("scsi_host1<", "nosuch<"),
                            "Could not find parent device for 'new device'"),
                           ("<device><parent>scsi_host1</parent><capability type='scsi_host'/></device>",
                            "Device is not a fibre channel HBA")):
            with self.assertRaises(libvirt.libvirtError) as e:
                c.nodeDeviceCreateXML(xml)
            self.assertEqual((e.exception.get_error_code(), e.exception.get_error_domain()),
                             (libvirt.VIR_ERR_INTERNAL_ERROR, libvirt.VIR_FROM_NODEDEV))
            self.assertIn(words, e.exception.get_error_message())

    def test_node_device_registration(self):
        # every device, or one by name
        c = self.conn
        a = c.nodeDeviceEventRegisterAny(None, libvirt.VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE,
                                         lambda *x: None, None)
        b = c.nodeDeviceEventRegisterAny(c.nodeDeviceLookupByName("scsi_host1"),
                                         libvirt.VIR_NODE_DEVICE_EVENT_ID_UPDATE, lambda *x: None, None)
        self.assertEqual((a, b), (0, 1))
        c.nodeDeviceEventDeregisterAny(a)
        c.nodeDeviceEventDeregisterAny(b)

    def test_secret_events_unsupported(self):
        # libvirt's test driver has no secret events
        with self.assertRaises(libvirt.libvirtError) as e:
            self.conn.secretEventRegisterAny(None, libvirt.VIR_SECRET_EVENT_ID_LIFECYCLE,
                                             lambda *a: None, None)
        self.assertEqual(e.exception.get_error_code(), libvirt.VIR_ERR_NO_SUPPORT)


if __name__ == "__main__":
    tap.main()
