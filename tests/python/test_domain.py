"""Domains of test:///default through Debian's binding."""
import os
import tempfile
import xml.etree.ElementTree as ET

import tap
from tap import libvirt

NEW = ("<domain type='test'><name>%s</name><memory>65536</memory><vcpu>2</vcpu>"
       "<os><type>hvm</type></os></domain>")


class Domain(tap.DefaultCase):
    def test_lookup(self):
        d = self.conn.lookupByName("test")
        self.assertEqual(d.ID(), 1)
        self.assertEqual(self.conn.lookupByID(1).name(), "test")
        self.assertEqual(self.conn.lookupByUUIDString(d.UUIDString()).name(), "test")
        self.assertEqual(d.UUIDString(), "6695eb01-f6a4-8304-79aa-97f2502e193f")
        self.assertEqual(d.OSType(), "linux")

    def test_info(self):
        d = self.conn.lookupByName("test")
        state, maxmem, mem, ncpu, cputime = d.info()
        self.assertEqual((state, maxmem, mem, ncpu), (libvirt.VIR_DOMAIN_RUNNING, 8388608, 2097152, 2))
        self.assertGreaterEqual(cputime, 0)
        self.assertEqual(d.maxMemory(), 8388608)
        self.assertEqual(d.isActive(), 1)
        self.assertEqual(d.isPersistent(), 1)

    def test_lifecycle_and_state_reasons(self):
        d = self.conn.lookupByName("test")
        self.assertEqual(d.state(), [libvirt.VIR_DOMAIN_RUNNING, libvirt.VIR_DOMAIN_RUNNING_UNKNOWN])
        d.suspend()
        self.assertEqual(d.state(), [libvirt.VIR_DOMAIN_PAUSED, libvirt.VIR_DOMAIN_PAUSED_USER])
        d.resume()
        self.assertEqual(d.state(), [libvirt.VIR_DOMAIN_RUNNING, libvirt.VIR_DOMAIN_RUNNING_UNPAUSED])
        d.shutdown()
        self.assertEqual(d.state(), [libvirt.VIR_DOMAIN_SHUTOFF, libvirt.VIR_DOMAIN_SHUTOFF_SHUTDOWN])
        self.assertEqual(d.ID(), -1)
        d.create()
        self.assertEqual(d.state(), [libvirt.VIR_DOMAIN_RUNNING, libvirt.VIR_DOMAIN_RUNNING_BOOTED])
        self.assertGreater(d.ID(), 1)
        d.reboot(0)
        self.assertEqual(d.state()[0], libvirt.VIR_DOMAIN_RUNNING)
        d.destroy()
        self.assertEqual(d.state(), [libvirt.VIR_DOMAIN_SHUTOFF, libvirt.VIR_DOMAIN_SHUTOFF_DESTROYED])
        d.createWithFlags(libvirt.VIR_DOMAIN_START_PAUSED)
        self.assertEqual(d.state()[0], libvirt.VIR_DOMAIN_PAUSED)
        d.destroyFlags(0)
        d.undefine()
        self.assertEqual(self.conn.listAllDomains(0), [])

    def test_define_create_transient(self):
        d = self.conn.defineXML(NEW % "newdom")
        self.assertEqual(d.isActive(), 0)
        self.assertIn("newdom", self.conn.listDefinedDomains())
        d.create()
        self.assertIn(d.ID(), self.conn.listDomainsID())
        t = self.conn.createXML(NEW % "trans", 0)
        self.assertEqual(t.isPersistent(), 0)
        t.destroy()
        self.assertLibvirtError(libvirt.VIR_ERR_NO_DOMAIN, self.conn.lookupByName, "trans")

    def test_xml(self):
        d = self.conn.lookupByName("test")
        root = ET.fromstring(d.XMLDesc(0))
        self.assertEqual(root.get("type"), "test")
        self.assertEqual(root.get("id"), "1")
        self.assertEqual(root.findtext("name"), "test")
        inactive = ET.fromstring(d.XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE))
        self.assertIsNone(inactive.get("id"))

    def test_memory(self):
        d = self.conn.lookupByName("test")
        d.setMemory(1048576)
        self.assertEqual(d.info()[2], 1048576)
        self.assertLibvirtError(libvirt.VIR_ERR_INVALID_ARG, d.setMemory, 99999999)
        d.destroy()
        d.setMaxMemory(4194304)
        self.assertEqual(d.maxMemory(), 4194304)

    def test_vcpus(self):
        d = self.conn.lookupByName("test")
        self.assertEqual(d.maxVcpus(), 2)
        info, maps = d.vcpus()
        self.assertEqual(len(info), 2)
        d.setVcpus(1)
        self.assertEqual(d.info()[3], 1)
        d.pinVcpu(0, (True, False))
        self.assertEqual(d.vcpus()[1][0][:2], (True, False))

    def test_scheduler(self):
        d = self.conn.lookupByName("test")
        self.assertEqual(d.schedulerType(), ("fair", 1))
        self.assertEqual(d.schedulerParameters(), {"weight": 50})
        d.setSchedulerParameters({"weight": 100})
        self.assertEqual(d.schedulerParameters(), {"weight": 100})
        self.assertEqual(d.schedulerParametersFlags(libvirt.VIR_DOMAIN_AFFECT_CURRENT), {"weight": 100})
        d.setSchedulerParametersFlags({"weight": 7}, libvirt.VIR_DOMAIN_AFFECT_LIVE)
        self.assertEqual(d.schedulerParametersFlags(0), {"weight": 7})

    def test_autostart(self):
        d = self.conn.lookupByName("test")
        self.assertEqual(d.autostart(), 0)
        d.setAutostart(1)
        self.assertEqual(d.autostart(), 1)

    def test_save_restore(self):
        d = self.conn.lookupByName("test")
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "test.save")
            d.save(path)
            self.assertEqual(d.state(), [libvirt.VIR_DOMAIN_SHUTOFF, libvirt.VIR_DOMAIN_SHUTOFF_SAVED])
            self.conn.restore(path)
            self.assertEqual(d.state(), [libvirt.VIR_DOMAIN_RUNNING, libvirt.VIR_DOMAIN_RUNNING_RESTORED])


if __name__ == "__main__":
    tap.main()
