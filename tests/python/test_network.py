"""Networks of test:///default and of a node file."""
import xml.etree.ElementTree as ET

import tap
from tap import libvirt

NET = ("<network><name>extra</name><bridge name='virbr9'/>"
       "<ip address='192.168.150.1' netmask='255.255.255.0'/></network>")


class Network(tap.DefaultCase):
    def test_gone(self):
        # most calls find the network by name, a few by uuid, each with its words
        n = self.conn.networkDefineXML("<network><name>gone</name><uuid>11111111-2222-3333-4444-555555555555</uuid>"
                                       "<bridge name='gbr0'/></network>")
        n.undefine()
        by_name = "Network not found: no network with matching name 'gone'"
        by_uuid = "Network not found: no network with matching uuid '11111111-2222-3333-4444-555555555555'"
        for fn, want in ((n.XMLDesc, by_name), (n.destroy, by_name), (n.create, by_name),
                         (n.bridgeName, by_name), (n.autostart, by_name), (lambda: n.setAutostart(1), by_name),
                         (n.undefine, by_name), (n.isActive, by_uuid), (n.isPersistent, by_uuid),
                         (lambda: n.update(1, 4, -1, "<host mac='00:11:22:33:44:55' ip='1.2.3.4'/>", 0), by_uuid)):
            with self.assertRaises(libvirt.libvirtError) as cm:
                fn()
            e = cm.exception
            self.assertEqual((e.get_error_code(), e.get_error_domain(), e.get_error_message()),
                             (libvirt.VIR_ERR_NO_NETWORK, libvirt.VIR_FROM_TEST, want))

    def test_default(self):
        n = self.conn.networkLookupByName("default")
        self.assertEqual(n.bridgeName(), "virbr0")
        self.assertEqual((n.isActive(), n.isPersistent(), n.autostart()), (1, 1, 0))
        self.assertEqual(ET.fromstring(n.XMLDesc(0)).findtext("name"), "default")
        self.assertEqual(self.conn.networkLookupByUUIDString(n.UUIDString()).name(), "default")

    def test_list_all_filters(self):
        c = self.conn
        c.networkDefineXML(NET)
        F = libvirt

        def names(flags):
            return sorted(n.name() for n in c.listAllNetworks(flags))
        self.assertEqual(names(0), ["default", "extra"])
        self.assertEqual(names(F.VIR_CONNECT_LIST_NETWORKS_ACTIVE), ["default"])
        self.assertEqual(names(F.VIR_CONNECT_LIST_NETWORKS_INACTIVE), ["extra"])
        self.assertEqual(names(F.VIR_CONNECT_LIST_NETWORKS_PERSISTENT), ["default", "extra"])
        self.assertEqual(names(F.VIR_CONNECT_LIST_NETWORKS_TRANSIENT), [])
        c.networkLookupByName("extra").setAutostart(1)
        self.assertEqual(names(F.VIR_CONNECT_LIST_NETWORKS_AUTOSTART), ["extra"])
        self.assertEqual(names(F.VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART), ["default"])

    def test_lifecycle(self):
        n = self.conn.networkDefineXML(NET)
        n.create()
        self.assertIn("extra", self.conn.listNetworks())
        n.destroy()
        n.undefine()
        self.assertLibvirtError(libvirt.VIR_ERR_NO_NETWORK, self.conn.networkLookupByName, "extra")

    def bridge(self, net):
        return ET.fromstring(net.XMLDesc(0)).find("bridge").get("name")

    def test_define_while_running(self):
        # libvirt's test driver takes the definition but shows the running
        # one for the rest of the network's life, even after a restart
        n = self.conn.networkLookupByName("default")
        m = self.conn.networkDefineXML(n.XMLDesc(0).replace("virbr0", "virbr9"))
        self.assertEqual((self.bridge(m), m.isActive(), m.isPersistent()), ("virbr0", 1, 1))
        m.destroy()
        self.assertEqual(self.bridge(m), "virbr0")
        m.create()
        self.assertEqual(self.bridge(m), "virbr0")

    def test_create_over_inactive(self):
        n = self.conn.networkLookupByName("default")
        xml = n.XMLDesc(0)
        n.destroy()
        k = self.conn.networkCreateXML(xml.replace("virbr0", "virbr7"))
        self.assertEqual((self.bridge(k), k.isActive(), k.isPersistent()), ("virbr7", 1, 1))
        err = self.assertLibvirtError(libvirt.VIR_ERR_OPERATION_INVALID, self.conn.networkCreateXML, xml)
        self.assertEqual(err.get_error_domain(), libvirt.VIR_FROM_NETWORK)
        self.assertEqual(err.get_error_message(),
                         "Requested operation is not valid: network is already active as 'default'")

    def test_xml_flags(self):
        # the test driver takes no flag, not even INACTIVE
        n = self.conn.networkLookupByName("default")
        self.assertLibvirtError(libvirt.VIR_ERR_INVALID_ARG, n.XMLDesc, libvirt.VIR_NETWORK_XML_INACTIVE)

    def test_node_file(self):
        c = libvirt.open(tap.node_uri("node.xml"))
        try:
            self.assertEqual(c.listNetworks(), ["nodenet"])
            self.assertEqual(c.networkLookupByName("nodenet").bridgeName(), "virbr7")
        finally:
            c.close()


if __name__ == "__main__":
    tap.main()
