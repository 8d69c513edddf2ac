"""defineXMLFlags with and without VIR_DOMAIN_DEFINE_VALIDATE: the error
code and error domain libvirt 9.0 gives for each of a set of bad domain
documents. Without the flag, the parser's own checks speak (domain errors);
with it, the grammar refuses every one (VIR_ERR_XML_INVALID_SCHEMA from the
XML layer). Differential: runs on our library and on Debian's."""
import tap
from tap import libvirt

HEAD = "<domain type='test'>\n  <name>v%d</name>\n  <memory>1024</memory>\n  <os>\n    <type>hvm</type>\n  </os>\n"
DEV = HEAD + "  <devices>\n    %s\n  </devices>\n</domain>\n"
OTHER = HEAD + "  %s\n</domain>\n"
D = libvirt.VIR_FROM_DOMAIN

# (name, document, (code, domain) without the flag or None for accepted)
CASES = [
    ("no name", "<domain type='test'>\n  <memory>1</memory>\n  <os><type>hvm</type></os>\n</domain>",
     (libvirt.VIR_ERR_NO_NAME, D)),
    ("bad lifecycle action", OTHER % (1, "<on_crash>explode</on_crash>"), (libvirt.VIR_ERR_CONFIG_UNSUPPORTED, D)),
    ("bad domain type", "<domain type='warpdrive'>\n  <name>v2</name>\n</domain>\n",
     (libvirt.VIR_ERR_CONFIG_UNSUPPORTED, D)),
    ("uuid too short", OTHER % (3, "<uuid>4dea22b3-1d52-d8f3-2516-782e98ab3fa</uuid>"), (libvirt.VIR_ERR_INTERNAL_ERROR, D)),
    ("uuid not hex", OTHER % (4, "<uuid>4dea22b31d52d8f32516782e98ab3fg0</uuid>"), (libvirt.VIR_ERR_INTERNAL_ERROR, D)),
    ("mac with 7 parts", DEV % (5, "<interface type='user'><mac address='10:22:33:44:55:66:'/></interface>"),
     (libvirt.VIR_ERR_XML_ERROR, D)),
    ("mac not hex", DEV % (6, "<interface type='user'><mac address='zz:22:33:44:55:66'/></interface>"),
     (libvirt.VIR_ERR_XML_ERROR, D)),
    ("multicast mac", DEV % (7, "<interface type='user'><mac address='11:22:33:44:55:66'/></interface>"),
     (libvirt.VIR_ERR_XML_ERROR, D)),
    ("alias without name", DEV % (8, "<interface type='user'><alias/></interface>"), None),
    ("vnc port out of range", DEV % (9, "<graphics type='vnc' port='70000'/>"), None),
    ("usb port not a hub path", DEV % (10, "<input type='mouse'><address type='usb' port='x'/></input>"),
     (libvirt.VIR_ERR_INTERNAL_ERROR, libvirt.VIR_FROM_DEVICE)),
    ("unknown element", DEV % (11, "<input type='mouse'><glitter/></input>"), None),
]


# checked after parsing, so the same answer with the flag or without it
AFTER_PARSE = [
    ("duplicate disk target", DEV % (13, "<disk type='file'><source file='/a'/><target dev='vda'/></disk>"
                                         "<disk type='file'><source file='/b'/><target dev='vda'/></disk>"),
     "target 'vda' duplicated for disk sources '/a' and '/b'"),
]


class DefineValidate(tap.DefaultCase):
    def answer(self, xml, flags):
        try:
            self.conn.defineXMLFlags(xml, flags).undefine()
            return None
        except libvirt.libvirtError as e:
            return (e.get_error_code(), e.get_error_domain())

    def test_without_validate(self):
        wrong = [(name, self.answer(xml, 0), want) for name, xml, want in CASES
                 if self.answer(xml, 0) != want]
        self.assertEqual(wrong, [])

    def test_with_validate(self):
        want = (libvirt.VIR_ERR_XML_INVALID_SCHEMA, libvirt.VIR_FROM_XML)
        flag = libvirt.VIR_DOMAIN_DEFINE_VALIDATE
        wrong = [(name, self.answer(xml, flag)) for name, xml, _ in CASES if self.answer(xml, flag) != want]
        self.assertEqual(wrong, [])

    def test_after_parse(self):
        for name, xml, message in AFTER_PARSE:
            for flags in (0, libvirt.VIR_DOMAIN_DEFINE_VALIDATE):
                e = self.assertLibvirtError(libvirt.VIR_ERR_XML_ERROR, self.conn.defineXMLFlags, xml, flags)
                self.assertEqual(e.get_error_domain(), libvirt.VIR_FROM_DOMAIN, name)
                self.assertIn(message, e.get_error_message(), name)

    def test_valid_document_passes(self):
        xml = DEV % (12, "<interface type='user'><mac address='52:54:00:44:55:66'/></interface>")
        d = self.conn.defineXMLFlags(xml, libvirt.VIR_DOMAIN_DEFINE_VALIDATE)
        self.assertEqual(d.name(), "v12")
        d.undefine()


class OtherKindsValidate(tap.DefaultCase):
    """The VALIDATE flags of networks and host interfaces check the grammar
    first; without them the parser ignores what it does not know."""

    def kinds(self):
        c = self.conn
        return [
            ("network", lambda x, f: c.networkDefineXMLFlags(x, f), libvirt.VIR_NETWORK_DEFINE_VALIDATE,
             "<network><name>vn</name><bogus/></network>", "<network><name>vn2</name></network>"),
            ("interface", lambda x, f: c.interfaceDefineXML(x, f), libvirt.VIR_INTERFACE_DEFINE_VALIDATE,
             "<interface type='ethernet' name='vi'><bogus/></interface>",
             "<interface type='ethernet' name='vi2'><mac address='52:54:00:00:00:01'/></interface>"),
        ]

    def test_grammar_only_when_asked(self):
        for kind, define, flag, bad, good in self.kinds():
            define(bad, 0).undefine()
            e = self.assertLibvirtError(libvirt.VIR_ERR_XML_INVALID_SCHEMA, define, bad, flag)
            self.assertEqual(e.get_error_domain(), libvirt.VIR_FROM_XML, kind)
            define(good, flag).undefine()


if __name__ == "__main__":
    tap.main()
