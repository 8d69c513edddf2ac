"""Errors reach Python as libvirtError with libvirt's codes."""
import tap
from tap import libvirt


class Errors(tap.DefaultCase):
    def test_no_domain(self):
        e = self.assertLibvirtError(libvirt.VIR_ERR_NO_DOMAIN, self.conn.lookupByName, "nope")
        self.assertEqual(e.get_error_domain(), libvirt.VIR_FROM_TEST)
        self.assertEqual(e.get_error_message(), "Domain not found")   # as libvirt's test driver
        self.assertLibvirtError(libvirt.VIR_ERR_NO_DOMAIN, self.conn.lookupByID, 999)

    def test_no_objects(self):
        c = self.conn
        self.assertLibvirtError(libvirt.VIR_ERR_NO_NETWORK, c.networkLookupByName, "nope")
        self.assertLibvirtError(libvirt.VIR_ERR_NO_STORAGE_POOL, c.storagePoolLookupByName, "nope")
        self.assertLibvirtError(libvirt.VIR_ERR_NO_INTERFACE, c.interfaceLookupByName, "nope")
        self.assertLibvirtError(libvirt.VIR_ERR_NO_NODE_DEVICE, c.nodeDeviceLookupByName, "nope")

    def test_bad_xml(self):
        e = self.assertLibvirtError(libvirt.VIR_ERR_XML_DETAIL, self.conn.defineXML, "<domain")
        self.assertEqual(e.get_error_domain(), libvirt.VIR_FROM_DOMAIN)

    def test_wrong_state(self):
        d = self.conn.lookupByName("test")
        d.destroy()
        self.assertLibvirtError(libvirt.VIR_ERR_OPERATION_INVALID, d.destroy)

    def test_secret_errors(self):
        # Secrets are implemented: a missing one is VIR_ERR_NO_SECRET from
        # the secret domain, a private value VIR_ERR_INVALID_SECRET.
        c = self.conn
        self.assertEqual(c.listSecrets(), [])
        e = self.assertLibvirtError(libvirt.VIR_ERR_NO_SECRET, c.secretLookupByUUIDString,
                                    "00000000-0000-0000-0000-000000000001")
        self.assertEqual(e.get_error_domain(), libvirt.VIR_FROM_SECRET)
        s = c.secretDefineXML("<secret private='yes'><usage type='tls'><name>t</name></usage></secret>")
        s.setValue(b"v")
        self.assertLibvirtError(libvirt.VIR_ERR_INVALID_SECRET, s.value)
        self.assertLibvirtError(libvirt.VIR_ERR_NO_NWFILTER, c.nwfilterLookupByName, "nope")

    def test_not_supported(self):
        # An empty slot answers VIR_ERR_NO_SUPPORT: the test host has no
        # network ports.
        net = self.conn.networkLookupByName("default")
        self.assertLibvirtError(libvirt.VIR_ERR_NO_SUPPORT, net.listAllPorts)

    def test_bad_uri(self):
        with self.assertRaises(libvirt.libvirtError):
            libvirt.open("test:///nonexistent/node.xml")

    def test_closed_handle_after_undefine(self):
        d = self.conn.lookupByName("test")
        d.destroy()
        d.undefine()
        self.assertLibvirtError(libvirt.VIR_ERR_NO_DOMAIN, d.info)


if __name__ == "__main__":
    tap.main()
