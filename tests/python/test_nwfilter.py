"""Network filters and filter bindings on test:///default."""
import xml.etree.ElementTree as ET

import tap
from tap import libvirt

FILTER = ("<filter name='clean' chain='root'>"
          "<uuid>2a7b7e29-cd29-4f8b-b4a3-c85c62b40a14</uuid>"
          "<rule action='accept' direction='inout'><all/></rule></filter>")
BINDING = ("<filterbinding><owner><name>test</name><uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid></owner>"
           "<portdev name='vnet3'/><mac address='52:54:00:12:34:56'/><filterref filter='clean'/></filterbinding>")


class NWFilters(tap.DefaultCase):
    def test_define_lookup_list(self):
        c = self.conn
        f = c.nwfilterDefineXML(FILTER)
        self.assertEqual(f.name(), "clean")
        self.assertEqual(f.UUIDString(), "2a7b7e29-cd29-4f8b-b4a3-c85c62b40a14")
        self.assertEqual(f.XMLDesc(0), FILTER)
        self.assertEqual(c.nwfilterLookupByUUIDString(f.UUIDString()).name(), "clean")
        self.assertEqual(c.listNWFilters(), ["clean"])
        self.assertEqual(c.numOfNWFilters(), 1)
        self.assertEqual([x.name() for x in c.listAllNWFilters(0)], ["clean"])
        g = c.nwfilterDefineXMLFlags("<filter name='gen'/>", 0)
        self.assertEqual(ET.fromstring(g.XMLDesc(0)).findtext("uuid"), g.UUIDString())
        g.undefine()
        self.assertLibvirtError(libvirt.VIR_ERR_NO_NWFILTER, c.nwfilterLookupByName, "gen")

    def test_bindings(self):
        c = self.conn
        f = c.nwfilterDefineXML(FILTER)
        b = c.nwfilterBindingCreateXML(BINDING, 0)
        self.assertEqual(b.portDev(), "vnet3")
        self.assertEqual(b.filterName(), "clean")
        self.assertEqual(b.XMLDesc(0), BINDING)
        self.assertEqual([x.portDev() for x in c.listAllNWFilterBindings(0)], ["vnet3"])
        self.assertEqual(c.nwfilterBindingLookupByPortDev("vnet3").filterName(), "clean")
        self.assertLibvirtError(libvirt.VIR_ERR_OPERATION_INVALID, f.undefine)
        b.delete()
        self.assertLibvirtError(libvirt.VIR_ERR_NO_NWFILTER_BINDING, c.nwfilterBindingLookupByPortDev, "vnet3")
        f.undefine()
        self.assertEqual(c.listNWFilters(), [])


if __name__ == "__main__":
    tap.main()
