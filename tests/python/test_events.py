"""Domain lifecycle events through the default event loop."""
import tap
from tap import libvirt, pump

libvirt.virEventRegisterDefaultImpl()

E = libvirt


class Events(tap.DefaultCase):
    def setUp(self):
        super().setUp()
        self.events = []
        self.cb = self.conn.domainEventRegisterAny(
            None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
            lambda c, d, ev, detail, o: self.events.append((d.name(), ev, detail)), None)

    def tearDown(self):
        if self.cb is not None:
            self.conn.domainEventDeregisterAny(self.cb)
        super().tearDown()

    def expect(self, action, wanted):
        self.events.clear()
        action()
        pump()
        self.assertEqual(self.events, wanted)

    def test_lifecycle(self):
        d = self.conn.lookupByName("test")
        self.expect(d.destroy, [("test", E.VIR_DOMAIN_EVENT_STOPPED, E.VIR_DOMAIN_EVENT_STOPPED_DESTROYED)])
        self.expect(d.create, [("test", E.VIR_DOMAIN_EVENT_STARTED, E.VIR_DOMAIN_EVENT_STARTED_BOOTED)])
        self.expect(d.suspend, [("test", E.VIR_DOMAIN_EVENT_SUSPENDED, E.VIR_DOMAIN_EVENT_SUSPENDED_PAUSED)])
        self.expect(d.resume, [("test", E.VIR_DOMAIN_EVENT_RESUMED, E.VIR_DOMAIN_EVENT_RESUMED_UNPAUSED)])
        self.expect(d.shutdown, [("test", E.VIR_DOMAIN_EVENT_STOPPED, E.VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN)])
        xml = d.XMLDesc(0)
        self.expect(lambda: self.conn.defineXML(xml),
                    [("test", E.VIR_DOMAIN_EVENT_DEFINED, E.VIR_DOMAIN_EVENT_DEFINED_UPDATED)])
        self.expect(d.undefine, [("test", E.VIR_DOMAIN_EVENT_UNDEFINED, E.VIR_DOMAIN_EVENT_UNDEFINED_REMOVED)])
        self.expect(lambda: self.conn.defineXML(xml),
                    [("test", E.VIR_DOMAIN_EVENT_DEFINED, E.VIR_DOMAIN_EVENT_DEFINED_ADDED)])

    def test_create_xml(self):
        xml = ("<domain type='test'><name>ev</name><memory>65536</memory>"
               "<os><type>hvm</type></os></domain>")
        self.expect(lambda: self.conn.createXML(xml, 0),
                    [("ev", E.VIR_DOMAIN_EVENT_STARTED, E.VIR_DOMAIN_EVENT_STARTED_BOOTED)])
        self.expect(lambda: self.conn.lookupByName("ev").destroy(),
                    [("ev", E.VIR_DOMAIN_EVENT_STOPPED, E.VIR_DOMAIN_EVENT_STOPPED_DESTROYED)])

    def test_save_restore(self):
        import os
        import shutil
        import tempfile
        d = self.conn.lookupByName("test")
        tmp = tempfile.mkdtemp(prefix="virt-events-")
        self.addCleanup(shutil.rmtree, tmp, True)
        path = os.path.join(tmp, "test.save")
        self.expect(lambda: d.save(path),
                    [("test", E.VIR_DOMAIN_EVENT_STOPPED, E.VIR_DOMAIN_EVENT_STOPPED_SAVED)])
        self.expect(lambda: self.conn.restore(path),
                    [("test", E.VIR_DOMAIN_EVENT_STARTED, E.VIR_DOMAIN_EVENT_STARTED_RESTORED)])
        os.unlink(path)

    def test_reboot_event(self):
        got = []
        rid = self.conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_REBOOT,
                                               lambda c, d, o: got.append(d.name()), None)
        self.conn.lookupByName("test").reboot(0)
        pump()
        self.conn.domainEventDeregisterAny(rid)
        self.assertEqual(got, ["test"])

    def test_other_connection_sees_shared_host(self):
        other = libvirt.open("test:///default")
        try:
            self.expect(other.lookupByName("test").destroy,
                        [("test", E.VIR_DOMAIN_EVENT_STOPPED, E.VIR_DOMAIN_EVENT_STOPPED_DESTROYED)])
        finally:
            other.close()

    def test_node_file_is_private(self):
        node = libvirt.open(tap.node_uri("node.xml"))
        try:
            self.expect(node.lookupByName("nodedom").destroy, [])
        finally:
            node.close()

    def test_deregister(self):
        self.conn.domainEventDeregisterAny(self.cb)
        self.cb = None
        self.expect(self.conn.lookupByName("test").destroy, [])


if __name__ == "__main__":
    tap.main()
