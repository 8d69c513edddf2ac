"""Storage volume documents of test:///default as libvirt 9.0's test driver
writes and refuses them: run on our library and on Debian's, with the same
expected text, byte for byte."""
import tap
from tap import libvirt

CREATE_VALIDATE = 4     # VIR_STORAGE_VOL_CREATE_VALIDATE


def vol(name, cap, alloc=None, dirname="/default-pool", vtype="file", target=""):
    """The canonical text of a volume, target lines after <path>."""
    path = "%s/%s" % (dirname, name)
    return ("<volume type='%s'>\n  <name>%s</name>\n  <key>%s</key>\n"
            "  <capacity unit='bytes'>%d</capacity>\n  <allocation unit='bytes'>%d</allocation>\n"
            "  <target>\n    <path>%s</path>\n%s  </target>\n</volume>\n"
            % (vtype, name, path, cap, cap if alloc is None else alloc, path, target))


RAW = "    <format type='raw'/>\n"

# (document, the text XMLDesc gives back)
DOCS = [
    ("<volume><name>plain</name><capacity>1024</capacity></volume>",
     vol("plain", 1024, target=RAW)),
    ("<volume><name>units</name><capacity unit='M'>10</capacity>"
     "<allocation unit='K'>3</allocation></volume>",
     vol("units", 10 << 20, 3072, target=RAW)),
    # the driver names the volume: key and path given are not kept
    ("<volume type='block'><name>blk</name><key>k</key><capacity unit='G'>1</capacity>"
     "<allocation>0</allocation><target><path>/elsewhere</path><format type='qcow2'/>"
     "</target></volume>",
     vol("blk", 1 << 30, 0, vtype="block", target="    <format type='qcow2'/>\n")),
    # an allocation beyond the capacity is kept as given
    ("<volume><name>over</name><capacity>100</capacity><allocation>200</allocation></volume>",
     vol("over", 100, 200, target=RAW)),
    ("<volume><name>perms</name><capacity unit='KiB'>5</capacity><target><permissions>"
     "<mode>644</mode><owner>107</owner><group>-1</group><label>lab</label>"
     "</permissions></target></volume>",
     vol("perms", 5120, target=RAW + "    <permissions>\n      <mode>0644</mode>\n"
         "      <owner>107</owner>\n      <label>lab</label>\n    </permissions>\n")),
    ("<volume><name>mode0</name><capacity>8</capacity><target><permissions><mode>0</mode>"
     "</permissions></target></volume>",
     vol("mode0", 8, target=RAW + "    <permissions>\n      <mode>00</mode>\n    </permissions>\n")),
    ("<volume><name>noperm</name><capacity>8</capacity><target><permissions><mode></mode>"
     "<owner>4294967295</owner></permissions></target></volume>",
     vol("noperm", 8, target=RAW)),
    # cipher and ivgen belong to LUKS only; an empty one is written open and closed
    ("<volume><name>luks</name><capacity>100</capacity><target><format type='qcow2'/>"
     "<encryption format='luks'><secret type='passphrase' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/>"
     "<cipher name='aes' size='256' mode='cbc' hash='sha256'/><ivgen name='plain64' hash='sha256'/>"
     "</encryption></target></volume>",
     vol("luks", 100, target="    <format type='qcow2'/>\n    <encryption format='luks'>\n"
         "      <secret type='passphrase' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/>\n"
         "      <cipher name='aes' size='256' mode='cbc' hash='sha256'/>\n"
         "      <ivgen name='plain64' hash='sha256'/>\n    </encryption>\n")),
    ("<volume><name>qenc</name><capacity>100</capacity><target><encryption format='qcow'>"
     "<secret type='passphrase' usage='x'/><cipher name='aes' size='256'/></encryption>"
     "</target></volume>",
     vol("qenc", 100, target=RAW + "    <encryption format='qcow'>\n"
         "      <secret type='passphrase' usage='x'/>\n    </encryption>\n")),
    ("<volume><name>empty-enc</name><capacity>100</capacity><target>"
     "<encryption format='default'/></target></volume>",
     vol("empty-enc", 100, target=RAW + "    <encryption format='default'>\n    </encryption>\n")),
    # features bring compat 1.1; nocow, timestamps, physical and source are not kept
    ("<volume><name>feat</name><capacity>100</capacity><physical>50</physical>"
     "<source><device path='/dev/sda'/></source><target><nocow/><timestamps><atime>1</atime>"
     "</timestamps><clusterSize unit='KiB'>64</clusterSize><features><lazy_refcounts/>"
     "</features><format type='qcow2'/></target></volume>",
     vol("feat", 100, target="    <format type='qcow2'/>\n    <compat>1.1</compat>\n"
         "    <clusterSize unit='B'>65536</clusterSize>\n    <features>\n"
         "      <lazy_refcounts/>\n    </features>\n")),
    ("<volume><name>back</name><capacity>100</capacity><backingStore><path>/default-pool/plain</path>"
     "<permissions><mode>0600</mode></permissions></backingStore><target><format type='qcow2'/>"
     "</target></volume>",
     vol("back", 100, target="    <format type='qcow2'/>\n").replace(
         "</volume>", "  <backingStore>\n    <path>/default-pool/plain</path>\n"
         "    <format type='raw'/>\n    <permissions>\n      <mode>0600</mode>\n"
         "    </permissions>\n  </backingStore>\n</volume>")),
    # an empty type is the default one; a secret uuid is written canonically
    ("<volume type=''><name>canon</name><capacity>8</capacity><target><encryption format='luks'>"
     "<secret type='passphrase' uuid='0A81F5B284037B23C8D621CCC2F80D6F'/></encryption></target></volume>",
     vol("canon", 8, target=RAW + "    <encryption format='luks'>\n"
         "      <secret type='passphrase' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/>\n"
         "    </encryption>\n")),
    ("<volume><name>noback</name><capacity>100</capacity><backingStore><format type='qcow2'/>"
     "</backingStore><target><format/></target></volume>",
     vol("noback", 100, target=RAW)),
]

# (document, error code, error domain, message)
ERRORS = [
    ("<volume><name>a</name></volume>", libvirt.VIR_ERR_XML_ERROR, libvirt.VIR_FROM_STORAGE,
     "XML error: missing capacity element"),
    ("<volume type='X'><name>a</name><capacity>1</capacity></volume>",
     libvirt.VIR_ERR_CONFIG_UNSUPPORTED, libvirt.VIR_FROM_STORAGE,
     "unsupported configuration: unknown volume type 'X'"),
    ("<volume><name>a</name><capacity unit='T'>1000</capacity></volume>",
     libvirt.VIR_ERR_INTERNAL_ERROR, libvirt.VIR_FROM_TEST,
     "internal error: Not enough free space in pool for volume 'a'"),
    ("<volume><name></name><capacity>1</capacity></volume>", libvirt.VIR_ERR_XML_ERROR,
     libvirt.VIR_FROM_STORAGE, "XML error: missing volume name element"),
    ("<volume><name>a</name><capacity>abc</capacity></volume>", libvirt.VIR_ERR_XML_ERROR,
     libvirt.VIR_FROM_STORAGE, "XML error: malformed capacity element"),
    ("<volume><name>a</name><capacity unit='zz'>1</capacity></volume>",
     libvirt.VIR_ERR_INVALID_ARG, libvirt.VIR_FROM_NONE, "invalid argument: unknown suffix 'zz'"),
    ("<volume><name>a</name><capacity>1</capacity><target><format type='bogus'/></target></volume>",
     libvirt.VIR_ERR_CONFIG_UNSUPPORTED, libvirt.VIR_FROM_STORAGE,
     "unsupported configuration: unknown volume format type bogus"),
    ("<volume><name>a</name><capacity>1</capacity><target><permissions><mode>1777</mode>"
     "</permissions></target></volume>", libvirt.VIR_ERR_XML_ERROR, libvirt.VIR_FROM_STORAGE,
     "XML error: malformed octal mode"),
    ("<volume><name>a</name><capacity>1</capacity><target><permissions><owner>-2</owner>"
     "</permissions></target></volume>", libvirt.VIR_ERR_XML_ERROR, libvirt.VIR_FROM_STORAGE,
     "XML error: malformed owner element"),
    ("<volume><name>a</name><capacity>1</capacity><target><encryption/></target></volume>",
     libvirt.VIR_ERR_XML_ERROR, libvirt.VIR_FROM_STORAGE,
     "XML error: unknown volume encryption format"),
    ("<volume><name>a</name><capacity>1</capacity><target><encryption format='nope'/></target></volume>",
     libvirt.VIR_ERR_CONFIG_UNSUPPORTED, libvirt.VIR_FROM_STORAGE,
     "unsupported configuration: unknown volume encryption format type nope"),
    ("<volume><name>a</name><capacity>1</capacity><target><encryption format='luks'>"
     "<secret type='passphrase'/></encryption></target></volume>",
     libvirt.VIR_ERR_XML_ERROR, libvirt.VIR_FROM_NONE,
     "XML error: missing secret uuid or usage attribute"),
    ("<volume><name>a</name><capacity>1</capacity><target><encryption format='luks'>"
     "<secret type='' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/></encryption></target></volume>",
     libvirt.VIR_ERR_XML_ERROR, libvirt.VIR_FROM_STORAGE,
     "XML error: unknown volume encryption secret type"),
    ("<volume><name>a</name><capacity>1</capacity><target><encryption format='luks'>"
     "<secret type='passphrase' uuid='zz'/></encryption></target></volume>",
     libvirt.VIR_ERR_XML_ERROR, libvirt.VIR_FROM_NONE, "XML error: invalid secret uuid 'zz'"),
    ("<volume><name>a</name><capacity>1</capacity><target><encryption format='luks'>"
     "<ivgen name='plain64'/></encryption></target></volume>",
     libvirt.VIR_ERR_XML_ERROR, libvirt.VIR_FROM_STORAGE,
     "XML error: ivgen element found, but cipher is missing"),
    ("<volume><name>a</name><capacity>1</capacity><target><clusterSize>abc</clusterSize></target></volume>",
     libvirt.VIR_ERR_XML_ERROR, libvirt.VIR_FROM_XML,
     "XML error: Invalid value 'abc' for element or attribute './target/clusterSize'"),
    ("<volume><name>a</name><capacity>1</capacity><target><compat>bad</compat></target></volume>",
     libvirt.VIR_ERR_XML_ERROR, libvirt.VIR_FROM_STORAGE,
     "XML error: forbidden characters in 'compat' attribute"),
]

VALID = ("<volume><name>v</name><capacity>1</capacity>"
         "<target><path>/default-pool/v</path></target></volume>")
NO_TARGET = "<volume><name>v</name><capacity>1</capacity></volume>"
FLAGS_REFUSED = "unsupported flags (0x4) in function virStorageVolDefParseXML"


class StorageVolumes(tap.DefaultCase):
    def setUp(self):
        super().setUp()
        self.pool = self.conn.storagePoolLookupByName("default-pool")

    def error(self, fn, *args):
        with self.assertRaises(libvirt.libvirtError) as cm:
            fn(*args)
        e = cm.exception
        return e.get_error_code(), e.get_error_domain(), e.get_error_message()

    def test_documents(self):
        for doc, want in DOCS:
            v = self.pool.createXML(doc, 0)
            self.assertEqual(v.XMLDesc(0), want, doc)
            self.assertEqual(v.key(), "/default-pool/" + v.name())

    def test_errors(self):
        for doc, code, domain, msg in ERRORS:
            self.assertEqual(self.error(self.pool.createXML, doc, 0), (code, domain, msg), doc)
        self.assertEqual(self.pool.listVolumes(), [])

    def test_create_validate(self):
        # libvirt 9.0 hands VALIDATE on to a parser that refuses it: after
        # the grammar (which wants a <target>), every document fails
        code, domain, _ = self.error(self.pool.createXML, NO_TARGET, CREATE_VALIDATE)
        self.assertEqual((code, domain), (libvirt.VIR_ERR_XML_INVALID_SCHEMA, libvirt.VIR_FROM_XML))
        self.assertEqual(self.error(self.pool.createXML, VALID, CREATE_VALIDATE),
                         (libvirt.VIR_ERR_INVALID_ARG, libvirt.VIR_FROM_STORAGE, FLAGS_REFUSED))
        self.assertEqual(self.error(self.pool.createXML, VALID, 1),
                         (libvirt.VIR_ERR_INVALID_ARG, libvirt.VIR_FROM_TEST,
                          "unsupported flags (0x1) in function testStorageVolCreateXML"))
        self.assertEqual(self.pool.listVolumes(), [])

    def test_clone(self):
        p = self.pool
        src = p.createXML("<volume><name>src</name><capacity unit='M'>10</capacity>"
                          "<allocation unit='K'>3</allocation></volume>", 0)
        # the copy is its own document: sizes and format as written there
        v = p.createXMLFrom("<volume><name>cl</name><capacity>1</capacity></volume>", src, 0)
        self.assertEqual(v.XMLDesc(0), vol("cl", 1, target=RAW))
        v = p.createXMLFrom("<volume><name>cl2</name><capacity unit='G'>1</capacity>"
                            "<allocation>0</allocation><target><format type='qcow2'/>"
                            "<permissions><mode>0600</mode></permissions></target></volume>", src, 0)
        self.assertEqual(v.XMLDesc(0), vol("cl2", 1 << 30, 0, target="    <format type='qcow2'/>\n"
                                           "    <permissions>\n      <mode>0600</mode>\n"
                                           "    </permissions>\n"))
        self.assertEqual(p.info()[2], 3072 + 1)
        self.assertEqual(self.error(p.createXMLFrom, "<volume><name>x</name></volume>", src, 0),
                         (libvirt.VIR_ERR_XML_ERROR, libvirt.VIR_FROM_STORAGE,
                          "XML error: missing capacity element"))
        self.assertEqual(self.error(p.createXMLFrom, VALID, src, CREATE_VALIDATE),
                         (libvirt.VIR_ERR_INVALID_ARG, libvirt.VIR_FROM_STORAGE, FLAGS_REFUSED))
        self.assertEqual(self.error(p.createXMLFrom, VALID, src, 2),
                         (libvirt.VIR_ERR_INVALID_ARG, libvirt.VIR_FROM_TEST,
                          "unsupported flags (0x2) in function testStorageVolCreateXMLFrom"))
        # the name is checked before the original is looked for
        src.delete(0)
        self.assertEqual(self.error(p.createXMLFrom, "<volume><name>cl</name><capacity>1</capacity>"
                                    "</volume>", src, 0)[:2],
                         (libvirt.VIR_ERR_OPERATION_FAILED, libvirt.VIR_FROM_TEST))
        self.assertEqual(self.error(p.createXMLFrom, "<volume><name>new</name><capacity>1</capacity>"
                                    "</volume>", src, 0),
                         (libvirt.VIR_ERR_NO_STORAGE_VOL, libvirt.VIR_FROM_TEST,
                          "Storage volume not found: no storage vol with matching name 'src'"))

    def test_pool_types(self):
        # the format a volume gets, and what GetInfo calls it, follow the pool type
        c = self.conn
        doc = "<volume><name>v</name><capacity>10</capacity></volume>"
        cases = [
            ("<pool type='disk'><name>pdisk</name><source><device path='/dev/sdc'/></source>"
             "<target><path>/dev</path></target></pool>",
             vol("v", 10, dirname="/dev", target="    <format type='none'/>\n"),
             libvirt.VIR_STORAGE_VOL_BLOCK),
            ("<pool type='logical'><name>plvm</name><source><name>vg0</name></source></pool>",
             vol("v", 10, dirname="/dev/vg0"), libvirt.VIR_STORAGE_VOL_BLOCK),
            ("<pool type='netfs'><name>pnfs</name><source><host name='h'/><dir path='/e'/></source>"
             "<target><path>/pnfs</path></target></pool>",
             vol("v", 10, dirname="/pnfs", target=RAW), libvirt.VIR_STORAGE_VOL_FILE),
            ("<pool type='rbd'><name>prbd</name><source><name>rp</name><host name='h'/></source></pool>",
             vol("v", 10, dirname="(null)", target=RAW), libvirt.VIR_STORAGE_VOL_NETWORK),
        ]
        for pool_xml, want, info_type in cases:
            q = c.storagePoolCreateXML(pool_xml, 0)
            v = q.createXML(doc, 0)
            self.assertEqual(v.XMLDesc(0), want, pool_xml)
            self.assertEqual(v.info(), [info_type, 10, 10])
            # a disk pool takes partition types only, a logical one ignores formats
            fmt = "<volume><name>w</name><capacity>1</capacity><target><format type='qcow2'/></target></volume>"
            if q.name() == "pdisk":
                self.assertEqual(self.error(q.createXML, fmt, 0)[:2],
                                 (libvirt.VIR_ERR_CONFIG_UNSUPPORTED, libvirt.VIR_FROM_STORAGE))
            elif q.name() == "plvm":
                self.assertEqual(q.createXML(fmt, 0).XMLDesc(0), vol("w", 1, dirname="/dev/vg0"))
            q.destroy()


if __name__ == "__main__":
    tap.main()
