"""A node file with storage pools, volumes, interfaces and node devices;
one with a snapshot in a file of its own (where libvirt 9.0 aborts on
close, we must close cleanly, so this runs on ours only)."""
import subprocess
import sys
import unittest

import tap
from tap import libvirt


class Objects(unittest.TestCase):
    def setUp(self):
        self.conn = libvirt.open(tap.node_uri("node-objects.xml"))

    def tearDown(self):
        self.conn.close()

    def test_pools(self):
        c = self.conn
        self.assertEqual(c.listStoragePools(), ["filepool", "otherpool"])
        p = c.storagePoolLookupByName("filepool")
        self.assertEqual(p.UUIDString(), "35bb2ad9-388a-cdfe-461a-b8907f6e53fe")
        self.assertEqual(p.info()[0], libvirt.VIR_STORAGE_POOL_RUNNING)
        self.assertEqual(sorted(p.listVolumes()), ["disk1.img", "disk2.img"])
        self.assertEqual(p.storageVolLookupByName("disk2.img").path(), "/filepool/disk2.img")
        self.assertEqual([v.name() for v in c.storagePoolLookupByName("otherpool").listAllVolumes(0)], [])

    def test_interfaces(self):
        c = self.conn
        self.assertEqual(c.listInterfaces(), ["eth7", "eth8"])
        self.assertEqual(c.interfaceLookupByMACString("52:54:00:aa:bb:07").name(), "eth7")

    def test_devices(self):
        c = self.conn
        self.assertEqual(c.listDevices(None, 0), ["computer", "pci_0000_00_02_0", "net_eth8_52_54_00_aa_bb_08"])
        self.assertEqual(c.listDevices("pci", 0), ["pci_0000_00_02_0"])
        d = c.nodeDeviceLookupByName("net_eth8_52_54_00_aa_bb_08")
        self.assertEqual(d.parent(), "pci_0000_00_02_0")
        self.assertEqual(d.listCaps(), ["net"])
        self.assertEqual([x.name() for x in c.listAllDevices(libvirt.VIR_CONNECT_LIST_NODE_DEVICES_CAP_NET)],
                         ["net_eth8_52_54_00_aa_bb_08"])


class SnapshotFileCloses(unittest.TestCase):
    def test_clean_close(self):
        probe = ("import libvirt\nc = libvirt.open(%r)\n"
                 "print(c.lookupByName('snappy').snapshotNum())\nc.close()\n" % tap.node_uri("node-ns-file.xml"))
        child = subprocess.run([sys.executable, "-c", probe], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, check=False)
        self.assertEqual((child.returncode, child.stdout), (0, "2\n"), child.stderr)


if __name__ == "__main__":
    tap.main()
