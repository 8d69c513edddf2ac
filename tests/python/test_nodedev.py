"""Host devices of test:///default."""
import xml.etree.ElementTree as ET

import tap
from tap import libvirt


class NodeDev(tap.DefaultCase):
    def test_list(self):
        c = self.conn
        names = c.listDevices(None, 0)
        self.assertIn("computer", names)
        self.assertEqual(c.numOfDevices(None, 0), len(names))
        self.assertEqual(c.listDevices("system", 0), ["computer"])
        self.assertEqual(sorted(c.listDevices("scsi_host", 0)), ["scsi_host1", "scsi_host11", "scsi_host2"])
        F = libvirt
        self.assertEqual([d.name() for d in c.listAllDevices(F.VIR_CONNECT_LIST_NODE_DEVICES_CAP_SYSTEM)],
                         ["computer"])
        self.assertEqual(len(c.listAllDevices(0)), len(names))

    def test_computer(self):
        d = self.conn.nodeDeviceLookupByName("computer")
        self.assertEqual(d.name(), "computer")
        self.assertIsNone(d.parent())
        self.assertEqual(d.listCaps(), ["system"])
        self.assertEqual(d.numOfCaps(), 1)
        x = ET.fromstring(d.XMLDesc(0))
        self.assertEqual(x.findtext("name"), "computer")
        self.assertEqual(x.find("capability").get("type"), "system")
        self.assertEqual(x.findtext("capability/hardware/vendor"), "Libvirt")

    def test_parent(self):
        d = self.conn.nodeDeviceLookupByName("scsi_host11")
        self.assertEqual(d.parent(), "scsi_host1")
        self.assertEqual(d.listCaps(), ["scsi_host"])
        self.assertLibvirtError(libvirt.VIR_ERR_NO_NODE_DEVICE, self.conn.nodeDeviceLookupByName, "nope")


    def test_create_checks(self):
        # libvirt 9.0's codes and words when reading a device to create,
        # the same on Debian's library and ours
        c = self.conn
        fc = ("<capability type='fc_host'><wwnn>2001001b32a9da4e</wwnn>"
              "<wwpn>2101001b32a9da4e</wwpn></capability>")
        e = self.assertLibvirtError(libvirt.VIR_ERR_INTERNAL_ERROR, c.nodeDeviceCreateXML,
                                    "<device><name>x</name></device>", 0)
        self.assertEqual(e.get_error_message(), "internal error: no device capabilities for 'new device'")
        e = self.assertLibvirtError(libvirt.VIR_ERR_XML_ERROR, c.nodeDeviceCreateXML,
                                    "<device><name>x</name><capability type='frob'/></device>", 0)
        self.assertEqual(e.get_error_domain(), libvirt.VIR_FROM_XML)
        e = self.assertLibvirtError(libvirt.VIR_ERR_XML_ERROR, c.nodeDeviceCreateXML,
                                    "<device><parent wwnn='2000000012341234'/>"
                                    "<capability type='scsi_host'>" + fc + "</capability></device>", 0)
        self.assertEqual(e.get_error_domain(), libvirt.VIR_FROM_NODEDEV)
        # the grammar wants a <name> first; only VALIDATE asks for it
        doc = "<device><parent>scsi_host1</parent><capability type='scsi_host'>" + fc + "</capability></device>"
        self.assertLibvirtError(libvirt.VIR_ERR_XML_INVALID_SCHEMA, c.nodeDeviceCreateXML, doc,
                                libvirt.VIR_NODE_DEVICE_CREATE_XML_VALIDATE)
        d = c.nodeDeviceCreateXML(doc, 0)
        self.assertEqual(d.name(), "scsi_host12")
        self.assertEqual(d.parent(), "scsi_host1")
        d.destroy()


if __name__ == "__main__":
    tap.main()
