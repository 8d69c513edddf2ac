"""Secrets on test:///default, with libvirt's secret semantics."""
import xml.etree.ElementTree as ET

import tap
from tap import libvirt

UUID = "0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f"
CEPH = ("<secret ephemeral='no' private='no'><uuid>%s</uuid><description>admin key</description>"
        "<usage type='ceph'><name>client.admin secret</name></usage></secret>" % UUID)


class Secrets(tap.DefaultCase):
    def test_define_and_xml(self):
        s = self.conn.secretDefineXML(CEPH)
        self.assertEqual(s.UUIDString(), UUID)
        self.assertEqual(s.usageType(), libvirt.VIR_SECRET_USAGE_TYPE_CEPH)
        self.assertEqual(s.usageID(), "client.admin secret")
        x = ET.fromstring(s.XMLDesc(0))
        self.assertEqual(x.get("ephemeral"), "no")
        self.assertEqual(x.get("private"), "no")
        self.assertEqual(x.findtext("uuid"), UUID)
        self.assertEqual(x.findtext("description"), "admin key")
        self.assertEqual(x.find("usage").get("type"), "ceph")
        self.assertEqual(x.findtext("usage/name"), "client.admin secret")

    def test_usage_kinds(self):
        c = self.conn
        kinds = [("volume", "volume", "/img/a.qcow2", libvirt.VIR_SECRET_USAGE_TYPE_VOLUME),
                 ("iscsi", "target", "libvirtiscsi", libvirt.VIR_SECRET_USAGE_TYPE_ISCSI),
                 ("tls", "name", "tls-cert", libvirt.VIR_SECRET_USAGE_TYPE_TLS),
                 ("vtpm", "name", "vtpm-1", libvirt.VIR_SECRET_USAGE_TYPE_VTPM)]
        for typ, elem, ident, code in kinds:
            c.secretDefineXML("<secret><usage type='%s'><%s>%s</%s></usage></secret>" % (typ, elem, ident, elem))
            s = c.secretLookupByUsage(code, ident)
            self.assertEqual(s.usageID(), ident)
            self.assertEqual(ET.fromstring(s.XMLDesc(0)).findtext("usage/" + elem), ident)
        self.assertEqual(c.numOfSecrets(), 4)
        self.assertLibvirtError(libvirt.VIR_ERR_NO_SECRET, c.secretLookupByUsage,
                                libvirt.VIR_SECRET_USAGE_TYPE_CEPH, "libvirtiscsi")

    def test_values(self):
        s = self.conn.secretDefineXML(CEPH)
        self.assertLibvirtError(libvirt.VIR_ERR_NO_SECRET, s.value)
        s.setValue(b"\x00\x01binary")
        self.assertEqual(s.value(), b"\x00\x01binary")
        p = self.conn.secretDefineXML("<secret private='yes'/>")
        p.setValue(b"hidden")
        self.assertLibvirtError(libvirt.VIR_ERR_INVALID_SECRET, p.value)

    def test_list_flags(self):
        c = self.conn
        c.secretDefineXML(CEPH)
        c.secretDefineXML("<secret ephemeral='yes' private='yes'/>")
        self.assertEqual(c.listSecrets()[0], UUID)
        self.assertEqual(len(c.listAllSecrets(0)), 2)
        self.assertEqual([s.UUIDString() for s in c.listAllSecrets(libvirt.VIR_CONNECT_LIST_SECRETS_NO_PRIVATE)],
                         [UUID])
        self.assertEqual(len(c.listAllSecrets(libvirt.VIR_CONNECT_LIST_SECRETS_EPHEMERAL)), 1)
        self.assertEqual(len(c.listAllSecrets(libvirt.VIR_CONNECT_LIST_SECRETS_EPHEMERAL |
                                              libvirt.VIR_CONNECT_LIST_SECRETS_NO_PRIVATE)), 0)

    def test_clashes_and_undefine(self):
        c = self.conn
        s = c.secretDefineXML(CEPH)
        self.assertLibvirtError(libvirt.VIR_ERR_INTERNAL_ERROR, c.secretDefineXML,
                                "<secret><usage type='ceph'><name>client.admin secret</name></usage></secret>")
        # libvirt 9.0's words and codes (checked on Debian's secret driver)
        e = self.assertLibvirtError(libvirt.VIR_ERR_CONFIG_UNSUPPORTED, c.secretDefineXML,
                                    "<secret><usage type='x'/></secret>")
        self.assertEqual(e.get_error_message(), "unsupported configuration: unknown secret usage type x")
        e = self.assertLibvirtError(libvirt.VIR_ERR_XML_ERROR, c.secretDefineXML, "<secret><usage/></secret>")
        self.assertEqual(e.get_error_message(), "XML error: unknown secret usage type")
        e = self.assertLibvirtError(libvirt.VIR_ERR_INTERNAL_ERROR, c.secretDefineXML,
                                    "<secret><usage type='ceph'><name></name></usage></secret>")
        self.assertEqual(e.get_error_message(), "internal error: Ceph usage specified, but name is missing")
        e = self.assertLibvirtError(libvirt.VIR_ERR_XML_ERROR, c.secretDefineXML, "<secret private='1'/>")
        self.assertEqual(e.get_error_message(), "XML error: invalid value of 'private'")
        e = self.assertLibvirtError(libvirt.VIR_ERR_INTERNAL_ERROR, c.secretDefineXML,
                                    "<secret><uuid>xyz</uuid></secret>")
        self.assertEqual(e.get_error_message(), "internal error: malformed uuid element")
        e = self.assertLibvirtError(libvirt.VIR_ERR_XML_INVALID_SCHEMA, c.secretDefineXML,
                                    "<secret><foo/></secret>", libvirt.VIR_SECRET_DEFINE_VALIDATE)
        # a usage of type none, and an empty description, are not written back
        s2 = c.secretDefineXML("<secret><description/><usage type='none'/></secret>")
        x = ET.fromstring(s2.XMLDesc(0))
        self.assertIsNone(x.find("usage"))
        self.assertIsNone(x.find("description"))
        s2.undefine()
        # Redefining the same UUID and usage updates the description.
        c.secretDefineXML(CEPH.replace("admin key", "new text"))
        self.assertEqual(ET.fromstring(s.XMLDesc(0)).findtext("description"), "new text")
        s.undefine()
        self.assertLibvirtError(libvirt.VIR_ERR_NO_SECRET, c.secretLookupByUUIDString, UUID)
        self.assertLibvirtError(libvirt.VIR_ERR_NO_SECRET, s.undefine)


if __name__ == "__main__":
    tap.main()
