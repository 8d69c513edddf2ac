"""Host interfaces of test:///default."""
import xml.etree.ElementTree as ET

import tap
from tap import libvirt

ETH2 = "<interface type='ethernet' name='eth2'><mac address='aa:bb:cc:dd:ee:01'/></interface>"


class Interface(tap.DefaultCase):
    def test_eth1(self):
        c = self.conn
        self.assertEqual(c.listInterfaces(), ["eth1"])
        self.assertEqual(c.numOfDefinedInterfaces(), 0)
        i = c.interfaceLookupByName("eth1")
        self.assertEqual(i.MACString(), "aa:bb:cc:dd:ee:ff")
        self.assertEqual(i.isActive(), 1)
        self.assertEqual(c.interfaceLookupByMACString("AA:BB:CC:DD:EE:FF").name(), "eth1")
        x = ET.fromstring(i.XMLDesc(0))
        self.assertEqual((x.get("type"), x.get("name")), ("ethernet", "eth1"))
        self.assertEqual(x.find("mac").get("address"), "aa:bb:cc:dd:ee:ff")
        self.assertEqual(x.find("protocol/ip").get("address"), "192.168.0.5")

    def test_lifecycle(self):
        c = self.conn
        i = c.interfaceLookupByName("eth1")
        self.assertLibvirtError(libvirt.VIR_ERR_OPERATION_INVALID, i.create, 0)
        i.destroy(0)
        self.assertEqual(c.listDefinedInterfaces(), ["eth1"])
        self.assertEqual([x.name() for x in c.listAllInterfaces(libvirt.VIR_CONNECT_LIST_INTERFACES_INACTIVE)],
                         ["eth1"])
        i.create(0)
        self.assertEqual(i.isActive(), 1)
        n = c.interfaceDefineXML(ETH2, 0)
        self.assertEqual(n.isActive(), 0)
        self.assertEqual(n.MACString(), "aa:bb:cc:dd:ee:01")
        self.assertEqual(sorted(x.name() for x in c.listAllInterfaces(0)), ["eth1", "eth2"])
        n.undefine()
        self.assertLibvirtError(libvirt.VIR_ERR_NO_INTERFACE, c.interfaceLookupByName, "eth2")


if __name__ == "__main__":
    tap.main()
