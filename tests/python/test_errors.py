"""Errors reach Python as libvirtError with libvirt's codes."""
import tap
from tap import libvirt


class Errors(tap.DefaultCase):
    def test_no_domain(self):
        e = self.assertLibvirtError(libvirt.VIR_ERR_NO_DOMAIN, self.conn.lookupByName, "nope")
        self.assertEqual(e.get_error_domain(), libvirt.VIR_FROM_TEST)
        self.assertIn("nope", e.get_error_message())
        self.assertLibvirtError(libvirt.VIR_ERR_NO_DOMAIN, self.conn.lookupByID, 999)

    def test_no_objects(self):
        c = self.conn
        self.assertLibvirtError(libvirt.VIR_ERR_NO_NETWORK, c.networkLookupByName, "nope")
        self.assertLibvirtError(libvirt.VIR_ERR_NO_STORAGE_POOL, c.storagePoolLookupByName, "nope")
        self.assertLibvirtError(libvirt.VIR_ERR_NO_INTERFACE, c.interfaceLookupByName, "nope")
        self.assertLibvirtError(libvirt.VIR_ERR_NO_NODE_DEVICE, c.nodeDeviceLookupByName, "nope")

    def test_bad_xml(self):
        self.assertLibvirtError(libvirt.VIR_ERR_XML_ERROR, self.conn.defineXML, "<domain")

    def test_wrong_state(self):
        d = self.conn.lookupByName("test")
        d.destroy()
        self.assertLibvirtError(libvirt.VIR_ERR_OPERATION_INVALID, d.destroy)

    def test_not_supported(self):
        # The test host has no secrets: an empty slot says so.
        self.assertLibvirtError(libvirt.VIR_ERR_NO_SUPPORT, self.conn.listSecrets)

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
