"""Word attributes (a choice of values in the schema) spelled with blanks
are refused as libvirt 9.0 refuses them: XML error, the same words.
Differential: runs on our library and on Debian's."""
import tap
from tap import libvirt

DOMAIN = ("<domain type='%s'><name>words%d</name><memory>1024</memory>"
          "<os><type>hvm</type></os><devices>%s</devices></domain>")


class XMLWords(tap.DefaultCase):
    def refused(self, xml, message):
        e = self.assertLibvirtError(libvirt.VIR_ERR_XML_ERROR, self.conn.defineXML, xml)
        self.assertIn(message, e.get_error_message())
        return e

    def test_interface_type(self):
        self.refused(DOMAIN % ("test", 1, "<interface type='network\n'><source network='default'/></interface>"),
                     "Invalid value for attribute 'type' in element 'interface': 'network '.")

    def test_disk_type_and_device(self):
        self.refused(DOMAIN % ("test", 2, "<disk type='file ' device='disk'><source file='/x.img'/>"
                                          "<target dev='vdb'/></disk>"),
                     "Invalid value for attribute 'type' in element 'disk': 'file '.")
        self.refused(DOMAIN % ("test", 3, "<disk type='file' device='disk '><source file='/x.img'/>"
                                          "<target dev='vdb'/></disk>"),
                     "Invalid value for attribute 'device' in element 'disk': 'disk '.")

    def test_words_accepted(self):
        d = self.conn.defineXML(DOMAIN % ("test", 4, "<interface type='network'><source network='default'/></interface>"))
        self.assertIn("<source network='default'/>", d.XMLDesc(0))
        d.undefine()


if __name__ == "__main__":
    tap.main()
