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


if __name__ == "__main__":
    tap.main()
