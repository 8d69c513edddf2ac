"""Connection-level calls through Debian's binding on our library."""
import ctypes
import os
import xml.etree.ElementTree as ET

import tap
from tap import libvirt


class Conn(tap.DefaultCase):
    def test_library_is_ours(self):
        # The binding must have loaded libvirt.so.0 from our build tree.
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if "libvirt.so.0" in line}
        build = os.environ.get("BUILD_ROOT", "")
        self.assertTrue(paths)
        for p in paths:
            self.assertTrue(p.startswith(build), p)

    def test_get_version_is_ours(self):
        lib = ctypes.CDLL("libvirt.so.0")
        ver = ctypes.c_ulong()
        self.assertEqual(lib.virGetVersion(ctypes.byref(ver), None, None), 0)
        self.assertEqual(libvirt.getVersion(), ver.value)
        self.assertGreater(ver.value, 0)

    def test_type_hostname_uri(self):
        self.assertEqual(self.conn.getType(), "TEST")
        self.assertTrue(self.conn.getHostname())
        self.assertEqual(self.conn.getURI(), "test:///default")
        self.assertEqual(self.conn.isAlive(), 1)
        self.assertGreater(self.conn.getVersion(), 0)

    def test_nodeinfo(self):
        info = self.conn.getInfo()
        self.assertEqual(info[0], "i686")
        self.assertEqual(info[1], 3072)       # MiB
        self.assertEqual(info[2], 16)         # cpus
        self.assertEqual(info[3], 1400)

    def test_capabilities(self):
        caps = ET.fromstring(self.conn.getCapabilities())
        self.assertEqual(caps.tag, "capabilities")
        self.assertIsNotNone(caps.find("host"))
        self.assertTrue(caps.findall("guest"))

    def test_list_all_domains(self):
        doms = self.conn.listAllDomains(0)
        self.assertEqual([d.name() for d in doms], ["test"])
        active = self.conn.listAllDomains(libvirt.VIR_CONNECT_LIST_DOMAINS_ACTIVE)
        self.assertEqual(len(active), 1)
        self.assertEqual(self.conn.listAllDomains(libvirt.VIR_CONNECT_LIST_DOMAINS_INACTIVE), [])

    def test_list_all_domain_filters(self):
        c = self.conn
        c.defineXML("<domain type='test'><name>off</name><memory>65536</memory>"
                    "<os><type>hvm</type></os></domain>")
        c.createXML("<domain type='test'><name>tr</name><memory>65536</memory>"
                    "<os><type>hvm</type></os></domain>", 0)
        c.lookupByName("test").suspend()
        c.lookupByName("off").setAutostart(1)

        def names(flags):
            return sorted(d.name() for d in c.listAllDomains(flags))
        F = libvirt
        self.assertEqual(names(0), ["off", "test", "tr"])
        self.assertEqual(names(F.VIR_CONNECT_LIST_DOMAINS_ACTIVE), ["test", "tr"])
        self.assertEqual(names(F.VIR_CONNECT_LIST_DOMAINS_INACTIVE), ["off"])
        self.assertEqual(names(F.VIR_CONNECT_LIST_DOMAINS_PERSISTENT), ["off", "test"])
        self.assertEqual(names(F.VIR_CONNECT_LIST_DOMAINS_TRANSIENT), ["tr"])
        self.assertEqual(names(F.VIR_CONNECT_LIST_DOMAINS_RUNNING), ["tr"])
        self.assertEqual(names(F.VIR_CONNECT_LIST_DOMAINS_PAUSED), ["test"])
        self.assertEqual(names(F.VIR_CONNECT_LIST_DOMAINS_SHUTOFF), ["off"])
        self.assertEqual(names(F.VIR_CONNECT_LIST_DOMAINS_OTHER), [])
        self.assertEqual(names(F.VIR_CONNECT_LIST_DOMAINS_AUTOSTART), ["off"])
        self.assertEqual(names(F.VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART), ["test", "tr"])
        self.assertEqual(names(F.VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE), [])
        self.assertEqual(names(F.VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE), ["off", "test", "tr"])
        self.assertEqual(names(F.VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT), [])
        c.lookupByName("test").snapshotCreateXML("<domainsnapshot/>", 0)
        self.assertEqual(names(F.VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT), ["test"])
        self.assertEqual(names(F.VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT), ["off", "tr"])
        c.lookupByName("off").checkpointCreateXML("<domaincheckpoint/>", 0)
        self.assertEqual(names(F.VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT), ["off"])
        self.assertEqual(names(F.VIR_CONNECT_LIST_DOMAINS_ACTIVE | F.VIR_CONNECT_LIST_DOMAINS_PERSISTENT),
                         ["test"])

    def test_node_file(self):
        c = libvirt.open(tap.node_uri("node.xml"))
        try:
            self.assertEqual(sorted(d.name() for d in c.listAllDomains(0)), ["nodedom"])
            self.assertEqual(c.getInfo()[2], 8)
            # Domains of a node file are private to its connection.
            self.assertEqual([d.name() for d in self.conn.listAllDomains(0)], ["test"])
        finally:
            c.close()

    def test_read_only(self):
        ro = libvirt.openReadOnly("test:///default")
        try:
            self.assertEqual(len(ro.listAllDomains(0)), 1)
            with self.assertRaises(libvirt.libvirtError) as cm:
                ro.lookupByName("test").destroy()
            self.assertEqual(cm.exception.get_error_code(), libvirt.VIR_ERR_OPERATION_DENIED)
        finally:
            ro.close()


if __name__ == "__main__":
    tap.main()
