"""The test driver's own namespace (http://libvirt.org/schemas/domain/test/1.0)
and snapshot redefinition, differential: the same script runs on our library
and on Debian's (oracle_env) with the expectations written here.

A node file sets each domain's run state, persistence, managed-save image
and snapshots with it; every domain document the driver reads is checked
for it; virDomainSnapshotCreateXML(REDEFINE) reads a snapshot as the node
file does, plus the checks against the domain's other snapshots."""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import tap
from tap import libvirt

E = "err"
NS = "xmlns:test='http://libvirt.org/schemas/domain/test/1.0'"
SNAP_FROM = libvirt.VIR_FROM_DOMAIN_SNAPSHOT


def outcome(fn, *args):
    try:
        return ("ok", fn(*args))
    except libvirt.libvirtError as e:
        return (E, e.get_error_code(), e.get_error_domain(), e.get_error_message())


def snap_xml(name, state, parent=None, created=None, disks=None, memory="internal", description=None):
    """libvirt's text of a snapshot of snappy that carries no definition."""
    out = "<domainsnapshot>\n  <name>%s</name>\n" % name
    if description:
        out += "  <description>%s</description>\n" % description
    out += "  <state>%s</state>\n" % state
    if parent:
        out += "  <parent>\n    <name>%s</name>\n  </parent>\n" % parent
    out += "  <creationTime>%d</creationTime>\n  <memory snapshot='%s'/>\n" % (created, memory)
    if disks:
        out += "  <disks>\n" + disks + "  </disks>\n"
    out += ("  <domain>\n    <uuid>5a0b0c5e-0000-4000-8000-000000000005</uuid>\n"
            "  </domain>\n</domainsnapshot>\n")
    return out


class RichNodeFile(unittest.TestCase):
    def setUp(self):
        self.conn = libvirt.open(tap.node_uri("node-ns.xml"))

    def tearDown(self):
        self.conn.close()

    def test_domain_states(self):
        # (state, reason), id, persistent, managed save image
        want = {"paused": ([3, 0], 1, 1, 0), "fleeting": ([1, 0], 2, 0, 0),
                "saved": ([5, 0], -1, 1, 1), "crashed": ([6, 0], 3, 1, 0),
                "snappy": ([5, 0], -1, 1, 0)}
        for name, (state, ident, persistent, saved) in want.items():
            d = self.conn.lookupByName(name)
            self.assertEqual((d.state(), d.ID(), d.isPersistent(), d.hasManagedSaveImage()),
                             (state, ident, persistent, saved), name)

    def test_namespace_not_written_back(self):
        self.assertNotIn("runstate", self.conn.lookupByName("paused").XMLDesc())

    def test_snapshots(self):
        d = self.conn.lookupByName("snappy")
        self.assertEqual(sorted(d.snapshotListNames()), ["first", "second", "third"])
        self.assertEqual(d.snapshotCurrent().getName(), "second")
        self.assertEqual(d.snapshotLookupByName("second").getParent().getName(), "first")
        got = {s.getName(): s.getXMLDesc() for s in d.listAllSnapshots()}
        self.assertEqual(got["first"], snap_xml(
            "first", "running", created=1386000000, description="before the upgrade",
            disks="    <disk name='vda' snapshot='internal'/>\n"))
        self.assertEqual(got["second"], snap_xml("second", "shutoff", parent="first",
                                                 created=1386000100, memory="no"))
        self.assertEqual(got["third"], snap_xml(
            "third", "disk-snapshot", parent="first", created=1386000200, memory="no",
            disks=("    <disk name='vda' snapshot='external' type='file'>\n"
                   "      <driver type='qcow2'/>\n"
                   "      <source file='/guest/snappy.third.qcow2'/>\n"
                   "    </disk>\n")))

    def test_snapshot_filters(self):
        d = self.conn.lookupByName("snappy")
        want = {"ROOTS": ["first"], "LEAVES": ["second", "third"], "INACTIVE": ["second"],
                "ACTIVE": ["first"], "DISK_ONLY": ["third"], "INTERNAL": ["first", "second"],
                "EXTERNAL": ["third"]}
        for flag, names in want.items():
            got = sorted(d.snapshotListNames(getattr(libvirt, "VIR_DOMAIN_SNAPSHOT_LIST_" + flag)))
            self.assertEqual(got, names, flag)

    def test_other_objects_load(self):
        p = self.conn.storagePoolLookupByName("ns-pool")
        self.assertEqual(p.listVolumes(), ["ns-vol"])
        self.assertEqual(p.info(), [2, 107374182400, 1000, 107374181400])
        self.assertEqual(self.conn.networkLookupByName("ns-net").isActive(), 1)


# What a child process prints about node-ns-file.xml. libvirt 9.0 frees a
# snapshot read from a file twice when the connection closes and aborts,
# so the child's exit is not judged here, only what it saw
# (test_nodefile_objects.py checks that ours closes cleanly).
SNAP_FILE_PROBE = """
import libvirt
libvirt.registerErrorHandler(lambda *a: None, None)
c = libvirt.open(%r)
d = c.lookupByName("snappy")
print(sorted(d.snapshotListNames()), d.snapshotCurrent().getName(),
      d.snapshotLookupByName("second").getParent().getName(), flush=True)
c.close()
"""


class SnapshotFile(unittest.TestCase):
    def test_snapshot_in_its_own_file(self):
        child = subprocess.run([sys.executable, "-c", SNAP_FILE_PROBE % tap.node_uri("node-ns-file.xml")],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, check=False)
        self.assertEqual(child.stdout, "['first', 'second'] second first\n")


def node(extra):
    return ("<node><domain type='test' %s><name>d</name><memory>1024</memory>"
            "<os><type>hvm</type></os><devices><disk type='file' device='disk'>"
            "<source file='/a'/><target dev='vda' bus='virtio'/></disk></devices>"
            "%s</domain></node>" % (NS, extra))


def snap(body):
    return "<test:domainsnapshot>%s</test:domainsnapshot>" % body


HEAD = "<name>a</name><creationTime>10</creationTime><state>running</state>"
XML_ERR = libvirt.VIR_ERR_XML_ERROR
INTERNAL = libvirt.VIR_ERR_INTERNAL_ERROR
TEST = libvirt.VIR_FROM_TEST
REFUSED = {
    "abc": (XML_ERR, TEST, "XML error: invalid runstate"),
    "-1": (XML_ERR, TEST, "XML error: invalid runstate"),
    "3 ": (XML_ERR, TEST, "XML error: invalid runstate"),
    "0x3": (XML_ERR, TEST, "XML error: invalid runstate"),
    "8": (XML_ERR, TEST, "XML error: runstate '8' out of range'"),
}


class NodeFileRefusals(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()

    def tearDown(self):
        shutil.rmtree(self.dir)

    def open(self, text):
        path = os.path.join(self.dir, "node.xml")
        with open(path, "w") as f:
            f.write(text)
        return outcome(libvirt.open, "test://" + path)

    def refused(self, text):
        got = self.open(text)
        if got[0] == "ok":
            got[1].close()
        return got[1:] if got[0] == E else got

    def test_runstate_values(self):
        for text, want in REFUSED.items():
            self.assertEqual(self.refused(node("<test:runstate>%s</test:runstate>" % text)), want, text)
        for text, state in ((" 3", 3), ("", 1), ("0", 0), ("7", 7)):
            got = self.open(node("<test:runstate>%s</test:runstate>" % text))
            self.assertEqual(got[0], "ok", text)
            self.assertEqual(got[1].lookupByName("d").state(), [state, 0], text)
            got[1].close()

    def test_state_rules(self):
        self.assertEqual(self.refused(node("<test:transient/><test:runstate>5</test:runstate>")),
                         (XML_ERR, TEST, "XML error: transient domain cannot have runstate 'shutoff'"))
        for extra in ("<test:hasmanagedsave/>", "<test:transient/><test:hasmanagedsave/>"):
            self.assertEqual(self.refused(node(extra)),
                             (XML_ERR, TEST, "XML error: domain with managedsave data can only "
                                             "have runstate 'shutoff'"))
        # another namespace is not the driver's
        text = node("<t:runstate xmlns:t='http://example.com/x'>abc</t:runstate><test:other/>")
        self.assertEqual(self.open(text)[0], "ok")

    def test_snapshot_refusals(self):
        cases = [
            ("<active>0</active>", (XML_ERR, SNAP_FROM, "XML error: a redefined snapshot must have a name")),
            ("<name>a</name><state>running</state><active>0</active>",
             (INTERNAL, SNAP_FROM, "internal error: missing creationTime from existing snapshot")),
            ("<name>a</name><creationTime>x</creationTime><state>running</state><active>0</active>",
             (INTERNAL, SNAP_FROM, "internal error: missing creationTime from existing snapshot")),
            ("<name>a</name><creationTime>10</creationTime><active>0</active>",
             (XML_ERR, SNAP_FROM, "XML error: missing state from existing snapshot")),
            ("<name>a</name><creationTime>10</creationTime><state>nostate</state><active>0</active>",
             (libvirt.VIR_ERR_CONFIG_UNSUPPORTED, SNAP_FROM,
              "unsupported configuration: Invalid state 'nostate' in domain snapshot XML")),
            (HEAD, (INTERNAL, SNAP_FROM, "internal error: Could not find 'active' element")),
            (HEAD + "<active>x</active>", (INTERNAL, SNAP_FROM, "internal error: Could not find 'active' element")),
            (HEAD + "<active>0</active><disks><disk snapshot='no'/></disks>",
             (INTERNAL, SNAP_FROM, "internal error: missing name from disk snapshot element")),
            (HEAD + "<active>0</active><memory snapshot='bogus'/>",
             (XML_ERR, libvirt.VIR_FROM_XML,
              "XML error: Invalid value for attribute 'snapshot' in element 'memory': 'bogus'.")),
        ]
        for body, want in cases:
            self.assertEqual(self.refused(node(snap(body))), want, body)

    def test_snapshot_tree_refusals(self):
        a = snap(HEAD + "<active>1</active>")
        b = snap(HEAD.replace(">a<", ">b<") + "<active>1</active>")
        self.assertEqual(self.refused(node(a + b)),
                         (INTERNAL, TEST, "internal error: more than one snapshot claims to be active"))
        self.assertEqual(self.refused(node(a + a)),
                         (libvirt.VIR_ERR_OPERATION_FAILED, libvirt.VIR_FROM_DOMAIN,
                          "operation failed: domain moment a already exists"))
        inconsistent = (INTERNAL, TEST, "internal error: Snapshots have inconsistent relations for domain d")
        for parents in (("zz",), ("a",), ("b", "a")):
            body = ""
            for name, parent in zip("ab", parents):
                body += snap("<name>%s</name><parent><name>%s</name></parent><creationTime>1</creationTime>"
                             "<state>running</state><active>0</active>" % (name, parent))
            self.assertEqual(self.refused(node(body)), inconsistent, parents)
        self.assertEqual(self.refused(node("<test:domainsnapshot file='missing.xml'/>")),
                         (XML_ERR, TEST, "XML error: failed to parse xml document '%s/missing.xml'" % self.dir))

    def test_snapshot_memory_and_disks(self):
        body = HEAD + ("<active>2</active><memory file='/m'/><disks><disk name='vda' snapshot='external' "
                       "type='block'><source dev='/dev/x'/></disk><disk name='zzz'/></disks>")
        got = self.open(node(snap(body)))
        self.assertEqual(got[0], "ok")
        d = got[1].lookupByName("d")
        s = d.snapshotCurrent()
        self.assertEqual(s.getName(), "a")
        text = s.getXMLDesc()
        self.assertIn("<memory snapshot='external' file='/m'/>", text)
        self.assertIn("<disk name='vda' snapshot='external' type='block'>\n      <source dev='/dev/x'/>\n"
                      "    </disk>\n    <disk name='zzz'/>\n", text)
        self.assertIn("<uuid>%s</uuid>" % d.UUIDString(), text)
        got[1].close()


class DefineChecksNamespace(tap.DefaultCase):
    def define(self, extra, name="nsdef"):
        return outcome(self.conn.defineXML,
                       "<domain type='test' %s><name>%s</name><memory>1024</memory>"
                       "<os><type>hvm</type></os>%s</domain>" % (NS, name, extra))

    def test_bad_refused_good_ignored(self):
        self.assertEqual(self.define("<test:runstate>abc</test:runstate>")[1:],
                         (XML_ERR, TEST, "XML error: invalid runstate"))
        self.assertEqual(self.define("<test:hasmanagedsave/>")[1:],
                         (XML_ERR, TEST, "XML error: domain with managedsave data can only have runstate 'shutoff'"))
        got = self.define("<test:runstate>3</test:runstate><test:transient/>")
        self.assertEqual(got[0], "ok")
        d = got[1]
        # defining takes none of it: a persistent, inactive domain
        self.assertEqual((d.state(), d.isPersistent(), "test:" in d.XMLDesc()), ([5, 0], 1, False))


UUID = "6695eb01-f6a4-8304-79aa-97f2502e193f"
DOM = ("<domain type='test'><name>test</name><uuid>%s</uuid><memory>1024</memory><os><type>hvm</type></os>"
       "<devices><disk type='file' device='disk'><source file='/a'/><target dev='vda' bus='virtio'/></disk>"
       "<disk type='file' device='cdrom'><target dev='hdc' bus='ide'/></disk></devices></domain>" % UUID)
R = libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE


def rsnap(name, extra="", created=7, state="running", dom=DOM):
    return ("<domainsnapshot><name>%s</name><creationTime>%d</creationTime><state>%s</state>%s%s"
            "</domainsnapshot>" % (name, created, state, extra, dom))


def invalid(msg, domain=libvirt.VIR_FROM_DOMAIN):
    return (E, libvirt.VIR_ERR_INVALID_ARG, domain, "invalid argument: " + msg)


class Redefine(tap.DefaultCase):
    def setUp(self):
        super().setUp()
        self.dom = self.conn.lookupByName("test")

    def create(self, xml, flags=R):
        got = outcome(self.dom.snapshotCreateXML, xml, flags)
        return ("ok", got[1].getName()) if got[0] == "ok" else got

    def test_flag_rules(self):
        raw = (E, libvirt.VIR_ERR_INVALID_ARG, SNAP_FROM)
        self.assertEqual(self.create(rsnap("x"), R | libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA),
                         raw + ("Flags 'VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE' and "
                                "'VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA' are mutually exclusive",))
        self.assertEqual(self.create(rsnap("x"), R | libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_HALT),
                         raw + ("Flags 'VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE' and "
                                "'VIR_DOMAIN_SNAPSHOT_CREATE_HALT' are mutually exclusive",))
        self.assertEqual(self.create(rsnap("x"), libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT),
                         raw + ("Flag 'VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE' is required by flag "
                                "'VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT'",))

    def test_document_refusals(self):
        self.assertEqual(self.create("<domainsnapshot><state>running</state></domainsnapshot>"),
                         (E, XML_ERR, SNAP_FROM, "XML error: a redefined snapshot must have a name"))
        self.assertEqual(self.create("<domainsnapshot><name>r</name></domainsnapshot>"),
                         (E, INTERNAL, SNAP_FROM, "internal error: missing creationTime from existing snapshot"))
        self.assertEqual(self.create(rsnap("r", dom="")),
                         (E, INTERNAL, SNAP_FROM, "internal error: missing domain in snapshot"))
        self.assertEqual(self.create(rsnap("r", dom="<domain><uuid>%s</uuid></domain>" % UUID)),
                         (E, INTERNAL, SNAP_FROM, "internal error: missing domain in snapshot"))
        self.assertEqual(self.create(rsnap("r", dom=DOM.replace(UUID, "11111111-2222-3333-4444-555555555555"))),
                         invalid("definition for snapshot r must use uuid " + UUID, SNAP_FROM))

    def test_disk_alignment(self):
        unsupported = (E, libvirt.VIR_ERR_CONFIG_UNSUPPORTED, SNAP_FROM)
        self.assertEqual(self.create(rsnap("r", "<disks><disk name='zzz'/></disks>")),
                         unsupported + ("unsupported configuration: no disk named 'zzz'",))
        self.assertEqual(self.create(rsnap("r", "<disks><disk name='vda' snapshot='no'/></disks>")),
                         unsupported + ("unsupported configuration: disk 'vda' must use snapshot mode 'internal'",))
        three = "<disks><disk name='vda'/><disk name='hdc'/><disk name='x'/></disks>"
        self.assertEqual(self.create(rsnap("r", three)),
                         unsupported + ("unsupported configuration: too many disk snapshot requests for domain",))
        self.assertEqual(self.create(rsnap("r", state="shutoff")), ("ok", "r"))
        text = self.dom.snapshotLookupByName("r").getXMLDesc()
        self.assertIn("<memory snapshot='no'/>\n  <disks>\n    <disk name='vda' snapshot='internal'/>\n"
                      "    <disk name='hdc' snapshot='no'/>\n  </disks>\n  <domain type='test'>\n"
                      "    <name>test</name>\n", text)

    def test_tree(self):
        self.assertEqual(self.create(rsnap("a")), ("ok", "a"))
        self.assertEqual(self.create(rsnap("b", "<parent><name>a</name></parent>", state="shutoff")), ("ok", "b"))
        self.assertEqual(self.create(rsnap("c", "<parent><name>zz</name></parent>")),
                         invalid("parent zz for moment c not found"))
        self.assertEqual(self.create(rsnap("c", "<parent><name>c</name></parent>")),
                         invalid("cannot set moment c as its own parent"))
        self.assertEqual(self.create(rsnap("a", "<parent><name>b</name></parent>")),
                         invalid("parent b would create cycle to a"))
        # neither redefinition became current
        self.assertEqual(outcome(self.dom.hasCurrentSnapshot), ("ok", 0))
        # a redefinition replaces what an existing one says
        self.assertEqual(self.create(rsnap("a", "<description>new</description>", created=99, state="paused"),
                                     R | libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT), ("ok", "a"))
        s = self.dom.snapshotCurrent()
        self.assertEqual(s.getName(), "a")
        self.assertIn("<name>a</name>\n  <description>new</description>\n  <state>paused</state>\n"
                      "  <creationTime>99</creationTime>\n", s.getXMLDesc())
        self.assertEqual(self.dom.snapshotLookupByName("b").getParent().getName(), "a")


if __name__ == "__main__":
    tap.main()
