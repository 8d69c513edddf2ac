"""Storage pools and volumes of test:///default."""
import xml.etree.ElementTree as ET

import tap
from tap import libvirt

GiB = 1 << 30
VOL = "<volume><name>%s</name><capacity unit='M'>%d</capacity></volume>"
POOL = ("<pool type='dir'><name>extra</name>"
        "<target><path>/extra-pool</path></target></pool>")


class Storage(tap.DefaultCase):
    def test_gone_pool(self):
        # most calls find the pool by name, isActive/isPersistent/listAllVolumes by uuid
        p = self.conn.storagePoolDefineXML("<pool type='dir'><name>gp</name>"
                                           "<uuid>11111111-2222-3333-4444-555555555556</uuid>"
                                           "<target><path>/gp</path></target></pool>")
        p.undefine()
        by_name = "Storage pool not found: no storage pool with matching name 'gp'"
        by_uuid = "Storage pool not found: no storage pool with matching uuid '11111111-2222-3333-4444-555555555556'"
        for fn, want in ((p.info, by_name), (p.create, by_name), (p.refresh, by_name), (p.listVolumes, by_name),
                         (lambda: p.storageVolLookupByName("x"), by_name), (p.isActive, by_uuid),
                         (p.isPersistent, by_uuid), (p.listAllVolumes, by_uuid)):
            with self.assertRaises(libvirt.libvirtError) as cm:
                fn()
            e = cm.exception
            self.assertEqual((e.get_error_code(), e.get_error_domain(), e.get_error_message()),
                             (libvirt.VIR_ERR_NO_STORAGE_POOL, libvirt.VIR_FROM_TEST, want))

    def test_default_pool(self):
        c = self.conn
        self.assertEqual(c.listStoragePools(), ["default-pool"])
        self.assertEqual(c.numOfDefinedStoragePools(), 0)
        p = c.storagePoolLookupByName("default-pool")
        self.assertEqual(p.info(), [libvirt.VIR_STORAGE_POOL_RUNNING, 100 * GiB, 0, 100 * GiB])
        self.assertEqual((p.isActive(), p.isPersistent(), p.autostart()), (1, 1, 0))
        self.assertEqual(p.UUIDString(), "dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566")
        x = ET.fromstring(p.XMLDesc(0))
        self.assertEqual(x.get("type"), "dir")
        self.assertEqual(x.findtext("target/path"), "/default-pool")
        self.assertEqual(c.storagePoolLookupByUUIDString(p.UUIDString()).name(), "default-pool")
        self.assertEqual([q.name() for q in c.listAllStoragePools(0)], ["default-pool"])
        p.refresh(0)
        p.setAutostart(1)
        self.assertEqual(p.autostart(), 1)

    def test_pool_define_validate(self):
        # the grammar is checked only when asked, as in libvirt 9.0
        c = self.conn
        bad = POOL.replace("<name>extra</name>", "<name>extra</name><glitter/>")
        with self.assertRaises(libvirt.libvirtError) as cm:
            c.storagePoolDefineXML(bad, libvirt.VIR_STORAGE_POOL_DEFINE_VALIDATE)
        self.assertEqual((cm.exception.get_error_code(), cm.exception.get_error_domain()),
                         (libvirt.VIR_ERR_XML_INVALID_SCHEMA, libvirt.VIR_FROM_XML))
        c.storagePoolDefineXML(bad, 0).undefine()

    def test_pool_without_target(self):
        # an LVM pool names its device folder after the volume group
        c = self.conn
        p = c.storagePoolDefineXML("<pool type='logical'><name>vg</name><source><name>vg0</name>"
                                   "</source></pool>", 0)
        x = ET.fromstring(p.XMLDesc(0))
        self.assertEqual(x.findtext("target/path"), "/dev/vg0")
        self.assertEqual(x.find("source/format").get("type"), "lvm2")
        p.undefine()

    def test_volume_create_delete(self):
        p = self.conn.storagePoolLookupByName("default-pool")
        v = p.createXML(VOL % ("disk1.img", 10), 0)
        self.assertEqual(v.name(), "disk1.img")
        self.assertEqual(v.path(), "/default-pool/disk1.img")
        self.assertEqual(v.key(), "/default-pool/disk1.img")
        self.assertEqual(v.info(), [libvirt.VIR_STORAGE_VOL_FILE, 10 << 20, 10 << 20])
        x = ET.fromstring(v.XMLDesc(0))
        self.assertEqual(x.findtext("capacity"), str(10 << 20))
        self.assertEqual(p.listVolumes(), ["disk1.img"])
        self.assertEqual(p.numOfVolumes(), 1)
        self.assertEqual(p.info()[2], 10 << 20)
        self.assertEqual(self.conn.storageVolLookupByPath("/default-pool/disk1.img").name(), "disk1.img")
        self.assertEqual(self.conn.storageVolLookupByKey("/default-pool/disk1.img").name(), "disk1.img")
        self.assertEqual(p.storageVolLookupByName("disk1.img").storagePoolLookupByVolume().name(),
                         "default-pool")
        self.assertEqual([x.name() for x in p.listAllVolumes(0)], ["disk1.img"])
        self.assertLibvirtError(libvirt.VIR_ERR_OPERATION_FAILED, p.createXML, VOL % ("disk1.img", 1), 0)
        v.delete(0)
        self.assertEqual(p.listVolumes(), [])
        self.assertLibvirtError(libvirt.VIR_ERR_NO_STORAGE_VOL, p.storageVolLookupByName, "disk1.img")

    def test_pool_define_lifecycle(self):
        c = self.conn
        p = c.storagePoolDefineXML(POOL, 0)
        self.assertEqual(c.listDefinedStoragePools(), ["extra"])
        self.assertEqual(p.info()[0], libvirt.VIR_STORAGE_POOL_INACTIVE)
        self.assertLibvirtError(libvirt.VIR_ERR_OPERATION_INVALID, p.listVolumes)
        p.create(0)
        self.assertEqual(sorted(c.listStoragePools()), ["default-pool", "extra"])
        F = libvirt
        self.assertEqual(len(c.listAllStoragePools(F.VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE)), 2)
        p.destroy()
        self.assertEqual([q.name() for q in c.listAllStoragePools(F.VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE)],
                         ["extra"])
        p.undefine()
        self.assertLibvirtError(libvirt.VIR_ERR_NO_STORAGE_POOL, c.storagePoolLookupByName, "extra")

    def test_transient_pool(self):
        p = self.conn.storagePoolCreateXML(POOL, 0)
        self.assertEqual((p.isActive(), p.isPersistent()), (1, 0))
        p.destroy()
        self.assertLibvirtError(libvirt.VIR_ERR_NO_STORAGE_POOL, self.conn.storagePoolLookupByName, "extra")


if __name__ == "__main__":
    tap.main()
