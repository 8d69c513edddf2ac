"""Every field of the error record libvirt 9.0 leaves behind (code, domain,
message, level, str1 to str3, int1, int2), for one failure of each kind of
report: an ordinary driver error (str1 is libvirt's template with %s, both
numbers -1), a report without detail, a parser report, the flags and
argument checks (str1 the function, str2 the argument, numbers 0).
Differential: runs on our library and on Debian's."""
import tap
from tap import libvirt


class ErrorFields(tap.DefaultCase):
    def fields(self, fn, *args):
        e = None
        try:
            fn(*args)
        except libvirt.libvirtError as err:
            e = err
        self.assertIsNotNone(e)
        return tuple(e.err[:9])

    def test_driver_errors(self):
        c = self.conn
        d = c.lookupByName("test")
        self.assertEqual(self.fields(d.create),
                         (libvirt.VIR_ERR_INTERNAL_ERROR, libvirt.VIR_FROM_TEST,
                          "internal error: Domain 'test' is already running", libvirt.VIR_ERR_ERROR,
                          "internal error: %s", "Domain 'test' is already running", None, -1, -1))
        self.assertEqual(self.fields(c.networkDefineXML, "<network><name>a</name><forward mode='x'/></network>"),
                         (libvirt.VIR_ERR_CONFIG_UNSUPPORTED, libvirt.VIR_FROM_NETWORK,
                          "unsupported configuration: unknown forwarding type 'x'", libvirt.VIR_ERR_ERROR,
                          "unsupported configuration: %s", "unknown forwarding type 'x'", None, -1, -1))

    def test_without_detail(self):
        self.assertEqual(self.fields(self.conn.lookupByName, "nope"),
                         (libvirt.VIR_ERR_NO_DOMAIN, libvirt.VIR_FROM_TEST, "Domain not found",
                          libvirt.VIR_ERR_ERROR, "Domain not found", None, None, -1, -1))

    def test_parser_report(self):
        f = self.fields(self.conn.defineXML, "<domain")
        self.assertEqual((f[0], f[1], f[4], f[6], f[7], f[8]),
                         (libvirt.VIR_ERR_XML_DETAIL, libvirt.VIR_FROM_DOMAIN, "%s", None, -1, -1))
        self.assertEqual(f[2], f[5])

    def test_flags_and_arguments(self):
        d = self.conn.lookupByName("test")
        self.assertEqual(self.fields(d.XMLDesc, 1 << 20),
                         (libvirt.VIR_ERR_INVALID_ARG, libvirt.VIR_FROM_TEST,
                          "unsupported flags (0x100000) in function testDomainGetXMLDesc", libvirt.VIR_ERR_ERROR,
                          "testDomainGetXMLDesc", "flags", None, 0, 0))
        self.assertEqual(self.fields(self.conn.lookupByName, None)[4:],
                         ("virDomainLookupByName", "name", None, 0, 0))


if __name__ == "__main__":
    tap.main()
