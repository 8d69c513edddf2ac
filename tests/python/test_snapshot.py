"""Snapshots and checkpoints of the built-in domain."""
import xml.etree.ElementTree as ET

import tap
from tap import libvirt


def snap(dom, name, desc=None):
    body = "<name>%s</name>" % name
    if desc:
        body += "<description>%s</description>" % desc
    return dom.snapshotCreateXML("<domainsnapshot>%s</domainsnapshot>" % body, 0)


class Snapshot(tap.DefaultCase):
    def setUp(self):
        super().setUp()
        self.dom = self.conn.lookupByName("test")

    def test_create_list_lookup(self):
        d = self.dom
        self.assertEqual(d.hasCurrentSnapshot(), 0)
        self.assertLibvirtError(libvirt.VIR_ERR_NO_DOMAIN_SNAPSHOT, d.snapshotCurrent)
        s1 = snap(d, "s1")
        s2 = snap(d, "s2", "second")
        self.assertEqual(d.snapshotNum(), 2)
        self.assertEqual(d.snapshotListNames(), ["s1", "s2"])
        self.assertEqual([s.getName() for s in d.listAllSnapshots(0)], ["s1", "s2"])
        self.assertEqual(d.snapshotCurrent().getName(), "s2")
        self.assertEqual(d.snapshotLookupByName("s1").getName(), "s1")
        self.assertEqual(s2.getParent().getName(), "s1")
        self.assertLibvirtError(libvirt.VIR_ERR_NO_DOMAIN_SNAPSHOT, s1.getParent)
        self.assertEqual(s1.numChildren(), 1)
        self.assertEqual(s1.listChildrenNames(), ["s2"])
        self.assertEqual((s2.isCurrent(), s1.isCurrent(), s2.hasMetadata()), (1, 0, 1))
        F = libvirt
        self.assertEqual(d.snapshotListNames(F.VIR_DOMAIN_SNAPSHOT_LIST_ROOTS), ["s1"])
        self.assertEqual(d.snapshotListNames(F.VIR_DOMAIN_SNAPSHOT_LIST_LEAVES), ["s2"])
        self.assertEqual(d.snapshotListNames(F.VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE), [])
        self.assertEqual(s2.getDomain().name(), "test")
        self.assertLibvirtError(libvirt.VIR_ERR_NO_DOMAIN_SNAPSHOT, d.snapshotLookupByName, "nope")

    def test_xml(self):
        s = snap(self.dom, "s1", "first")
        snap(self.dom, "s2")
        x = ET.fromstring(s.getXMLDesc(0))
        self.assertEqual(x.findtext("name"), "s1")
        self.assertEqual(x.findtext("description"), "first")
        self.assertEqual(x.findtext("state"), "running")
        self.assertEqual(x.find("domain").findtext("name"), "test")
        x2 = ET.fromstring(self.dom.snapshotLookupByName("s2").getXMLDesc(0))
        self.assertEqual(x2.findtext("parent/name"), "s1")

    def test_revert(self):
        d = self.dom
        s1 = snap(d, "s1")
        d.destroy()
        off = snap(d, "off")
        self.assertEqual(ET.fromstring(off.getXMLDesc(0)).findtext("state"), "shutoff")
        d.revertToSnapshot(s1, 0)
        self.assertEqual(d.state(), [libvirt.VIR_DOMAIN_RUNNING, libvirt.VIR_DOMAIN_RUNNING_FROM_SNAPSHOT])
        self.assertEqual(d.snapshotCurrent().getName(), "s1")
        d.revertToSnapshot(off, 0)
        self.assertEqual(d.state(), [libvirt.VIR_DOMAIN_SHUTOFF, libvirt.VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT])

    def test_delete(self):
        d = self.dom
        s1 = snap(d, "s1")
        s2 = snap(d, "s2")
        s2.delete(0)
        self.assertEqual(d.snapshotListNames(), ["s1"])
        self.assertEqual(d.snapshotCurrent().getName(), "s1")
        snap(d, "s3")
        s1.delete(libvirt.VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN)
        self.assertEqual(d.snapshotNum(), 0)
        self.assertEqual(d.hasCurrentSnapshot(), 0)

    def test_undefine_needs_metadata_flag(self):
        d = self.dom
        snap(d, "s1")
        d.destroy()
        self.assertLibvirtError(libvirt.VIR_ERR_OPERATION_INVALID, d.undefine)
        d.undefineFlags(libvirt.VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA)
        self.assertEqual(self.conn.listAllDomains(0), [])


class Checkpoint(tap.DefaultCase):
    def setUp(self):
        super().setUp()
        self.dom = self.conn.lookupByName("test")

    def test_create_list_delete(self):
        d = self.dom
        c1 = d.checkpointCreateXML("<domaincheckpoint><name>c1</name></domaincheckpoint>", 0)
        c2 = d.checkpointCreateXML("<domaincheckpoint><name>c2</name></domaincheckpoint>", 0)
        self.assertEqual([c.getName() for c in d.listAllCheckpoints(0)], ["c1", "c2"])
        self.assertEqual(d.checkpointLookupByName("c1").getName(), "c1")
        self.assertEqual(c2.getParent().getName(), "c1")
        self.assertEqual([c.getName() for c in c1.listAllChildren(0)], ["c2"])
        x = ET.fromstring(c1.getXMLDesc(0))
        self.assertEqual(x.findtext("name"), "c1")
        self.assertEqual(x.find("disks/disk").get("checkpoint"), "bitmap")
        self.assertLibvirtError(libvirt.VIR_ERR_OPERATION_UNSUPPORTED, d.snapshotCreateXML,
                                "<domainsnapshot/>", 0)
        c1.delete(0)
        self.assertEqual([c.getName() for c in d.listAllCheckpoints(0)], ["c2"])
        self.assertLibvirtError(libvirt.VIR_ERR_NO_DOMAIN_CHECKPOINT, c2.getParent)
        self.assertLibvirtError(libvirt.VIR_ERR_NO_DOMAIN_CHECKPOINT, d.checkpointLookupByName, "c1")


if __name__ == "__main__":
    tap.main()
