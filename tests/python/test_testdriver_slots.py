"""Calls of libvirt 9.0's test driver beyond the basics, differential: the
same script runs on our library and on Debian's (oracle_env), and both must
give the results and errors (code, domain, message) written here.

Where the oracle's answer depends on the clock (vcpu times), the check is
on the shape of the answer only; each such place says so."""
import time

import tap
from tap import libvirt

libvirt.virEventRegisterDefaultImpl()

E = "err"


def outcome(fn, *args):
    """("ok", result) or (E, code, domain, message)."""
    try:
        return ("ok", fn(*args))
    except libvirt.libvirtError as e:
        return (E, e.get_error_code(), e.get_error_domain(), e.get_error_message())


def unsupported(name):
    return (E, libvirt.VIR_ERR_NO_SUPPORT, libvirt.VIR_FROM_DOMAIN,
            "this function is not supported by the connection driver: " + name)


def invalid(message, domain=libvirt.VIR_FROM_TEST):
    return (E, libvirt.VIR_ERR_INVALID_ARG, domain, "invalid argument: " + message)


def not_running():
    return (E, libvirt.VIR_ERR_OPERATION_INVALID, libvirt.VIR_FROM_DOMAIN,
            "Requested operation is not valid: domain is not running")


X86_MODELS = [
    "486", "pentium", "pentium2", "pentium3", "pentiumpro", "coreduo", "n270",
    "core2duo", "qemu32", "kvm32", "cpu64-rhel5", "cpu64-rhel6", "qemu64", "kvm64",
    "Conroe", "Penryn", "Nehalem", "Nehalem-IBRS", "Westmere", "Westmere-IBRS",
    "SandyBridge", "SandyBridge-IBRS", "IvyBridge", "IvyBridge-IBRS",
    "Haswell-noTSX", "Haswell-noTSX-IBRS", "Haswell", "Haswell-IBRS",
    "Broadwell-noTSX", "Broadwell-noTSX-IBRS", "Broadwell", "Broadwell-IBRS",
    "Skylake-Client", "Skylake-Client-IBRS", "Skylake-Client-noTSX-IBRS",
    "Skylake-Server", "Skylake-Server-IBRS", "Skylake-Server-noTSX-IBRS",
    "Cascadelake-Server", "Cascadelake-Server-noTSX", "Icelake-Client",
    "Icelake-Client-noTSX", "Icelake-Server", "Icelake-Server-noTSX", "Cooperlake",
    "Snowridge", "athlon", "phenom", "Opteron_G1", "Opteron_G2", "Opteron_G3",
    "Opteron_G4", "Opteron_G5", "EPYC", "EPYC-IBPB", "EPYC-Rome", "EPYC-Milan", "Dhyana",
]
PPC64_MODELS = ["POWER6", "POWER7", "POWER8", "POWER9", "POWER10", "POWERPC_e5500", "POWERPC_e6500"]
SYSINFO = ("<sysinfo type='smbios'>\n"
           "  <bios>\n"
           "    <entry name='vendor'>LENOVO</entry>\n"
           "    <entry name='version'>G4ETA1WW (2.61 )</entry>\n"
           "    <entry name='date'>05/07/2014</entry>\n"
           "    <entry name='release'>2.61</entry>\n"
           "  </bios>\n"
           "</sysinfo>\n")
CPU_STATS = {"user": 9797400000, "kernel": 34678723400000, "idle": 87264900000,
             "iowait": 763600000}


class Node(tap.DefaultCase):
    def test_memory(self):
        c = self.conn
        # two cells of 2 and 4 GiB, 1 and 2 GiB of them free (KiB)
        self.assertEqual(outcome(c.getFreeMemory), ("ok", 3145728))
        self.assertEqual(outcome(c.getCellsFreeMemory, 0, 4), ("ok", [2097152, 4194304]))
        self.assertEqual(outcome(c.getCellsFreeMemory, 1, 1), ("ok", [4194304]))
        self.assertEqual(outcome(c.getCellsFreeMemory, 0, 1), ("ok", [2097152]))
        self.assertEqual(outcome(c.getCellsFreeMemory, 2, 4), invalid("Range exceeds available cells"))

    def test_node_file_has_no_cells(self):
        c = libvirt.open(tap.node_uri("node.xml"))
        try:
            self.assertEqual(outcome(c.getFreeMemory), ("ok", 0))
            self.assertEqual(outcome(c.getCellsFreeMemory, 0, 4), invalid("Range exceeds available cells"))
        finally:
            c.close()

    def test_cpu_models(self):
        c = self.conn
        self.assertEqual(outcome(c.getCPUModelNames, "x86_64"), ("ok", X86_MODELS))
        self.assertEqual(outcome(c.getCPUModelNames, "i686"), ("ok", X86_MODELS))
        self.assertEqual(outcome(c.getCPUModelNames, "ppc64le"), ("ok", PPC64_MODELS))
        for arch in ("aarch64", "armv7l", "s390x"):
            self.assertEqual(outcome(c.getCPUModelNames, arch), ("ok", []), arch)
        for arch in ("riscv64", "sparc", "mips64el"):
            self.assertEqual(outcome(c.getCPUModelNames, arch),
                             (E, libvirt.VIR_ERR_NO_SUPPORT, libvirt.VIR_FROM_CPU,
                              "this function is not supported by the connection driver: "
                              "'%s' architecture is not supported by CPU driver" % arch))
        for arch in ("none", "X86_64", "loongarch64", ""):
            self.assertEqual(outcome(c.getCPUModelNames, arch),
                             invalid("cannot find architecture " + arch))

    def test_sysinfo_and_security(self):
        c = self.conn
        self.assertEqual(outcome(c.getSysinfo), ("ok", SYSINFO))
        self.assertEqual(outcome(c.getSecurityModel), ("ok", ["testSecurity", ""]))

    def test_cpu_map(self):
        # a fixed map of 8 cpus, 0, 2 and 4 online, whatever the node info says
        self.assertEqual(outcome(self.conn.getCPUMap),
                         ("ok", (8, [True, False, True, False, True, False, False, False], 3)))

    def test_counters(self):
        c = self.conn
        self.assertEqual(outcome(c.getCPUStats, -1), ("ok", CPU_STATS))
        self.assertEqual(outcome(c.getCPUStats, 3), ("ok", CPU_STATS))
        # 9.0's test driver has no memory counters
        self.assertEqual(outcome(c.getMemoryStats, -1), unsupported("virNodeGetMemoryStats"))
        # the driver fills counts but answers 0, so the binding finds none
        self.assertEqual(outcome(c.getFreePages, [4, 2048], 0, 2), ("ok", {}))


DOMXML = ("<domain type='test'><name>slots</name><memory>1048576</memory><vcpu>3</vcpu>"
          "<os><type>hvm</type></os><devices>"
          "<disk type='file' device='disk'><source file='/slots-a.img'/><target dev='vda'/></disk>"
          "<disk type='file' device='disk'><source file='/slots-b.img'/><target dev='vdb'/></disk>"
          "<disk type='file' device='cdrom'><target dev='vdc'/></disk>"
          "</devices></domain>")
MEMSTATS = {"actual": 2097152, "swap_in": 0, "swap_out": 0, "major_fault": 0, "minor_fault": 0,
            "unused": 1048576, "available": 2097152, "usable": 1048576,
            "last_update": 627319920, "disk_caches": 262144, "hugetlb_pgalloc": 0,
            "hugetlb_pgfail": 0, "rss": 1048576}
TB = 1099511627776


class Domain(tap.DefaultCase):
    def define(self):
        return self.conn.defineXML(DOMXML)

    def test_info_cpu_time_is_the_clock(self):
        # libvirt's test driver gives the wall clock (in microseconds) as
        # the CPU time, running, paused or off
        d = self.conn.lookupByName("test")
        for change in (None, d.suspend, d.destroy):
            if change:
                change()
            before = time.time_ns() // 1000 * 1000
            got = d.info()[4]
            after = time.time_ns()
            self.assertTrue(before <= got <= after and got % 1000 == 0, (before, got, after))

    def test_inactive_refusals(self):
        d = self.define()
        for label, fn in (("reset", d.reset), ("injectNMI", d.injectNMI),
                          ("controlInfo", d.controlInfo), ("setTime", lambda: d.setTime({"seconds": 5})),
                          ("memoryStats", d.memoryStats), ("getCPUStats", lambda: d.getCPUStats(True)),
                          ("diskErrors", d.diskErrors), ("managedSave", d.managedSave)):
            self.assertEqual(outcome(fn), not_running(), label)
        # reading the clock is refused by the driver itself
        self.assertEqual(outcome(d.getTime),
                         (E, libvirt.VIR_ERR_OPERATION_INVALID, libvirt.VIR_FROM_TEST,
                          "Requested operation is not valid: domain is not running"))
        self.assertEqual(outcome(d.securityLabel), ("ok", ["", False]))
        self.assertEqual(outcome(d.isUpdated), ("ok", 0))
        self.assertEqual(outcome(d.managedSaveRemove), ("ok", 0))

    def test_running_actions(self):
        d = self.conn.lookupByName("test")
        self.assertEqual(outcome(d.reset), ("ok", 0))
        self.assertEqual(outcome(d.injectNMI), ("ok", 0))
        self.assertEqual(outcome(d.isUpdated), ("ok", 0))
        self.assertEqual(outcome(d.securityLabel), ("ok", ["libvirt-test", True]))

    def test_time_and_control(self):
        d = self.conn.lookupByName("test")
        self.assertEqual(outcome(d.getTime), ("ok", {"seconds": 627319920, "nseconds": 0}))
        self.assertEqual(outcome(d.controlInfo), ("ok", [libvirt.VIR_DOMAIN_CONTROL_OK, 0, 0]))
        # the clock's seconds choose the control state
        for secs, want in ((1234, [libvirt.VIR_DOMAIN_CONTROL_JOB, 0, 1234]),
                           (10005, [libvirt.VIR_DOMAIN_CONTROL_OCCUPIED, 0, 5]),
                           (30001, [libvirt.VIR_DOMAIN_CONTROL_ERROR, 1, 1]),
                           (30006, [libvirt.VIR_DOMAIN_CONTROL_ERROR, 2, 6]),
                           (-5, [libvirt.VIR_DOMAIN_CONTROL_OK, 0, 0])):
            self.assertEqual(outcome(d.setTime, {"seconds": secs, "nseconds": 7}), ("ok", 0))
            self.assertEqual(outcome(d.controlInfo), ("ok", want), secs)
        self.assertEqual(outcome(d.getTime), ("ok", {"seconds": -5, "nseconds": 7}))
        self.assertEqual(outcome(d.setTime, None, libvirt.VIR_DOMAIN_TIME_SYNC), ("ok", 0))
        # a paused guest takes a new time but has no clock to read
        d.suspend()
        self.assertEqual(outcome(d.setTime, {"seconds": 42}), ("ok", 0))
        self.assertEqual(outcome(d.getTime),
                         (E, libvirt.VIR_ERR_OPERATION_INVALID, libvirt.VIR_FROM_TEST,
                          "Requested operation is not valid: domain is not running"))
        self.assertEqual(outcome(d.controlInfo), ("ok", [libvirt.VIR_DOMAIN_CONTROL_JOB, 0, 42]))

    def test_managed_save(self):
        c = self.conn
        d = c.lookupByName("test")
        self.assertEqual(outcome(d.hasManagedSaveImage), ("ok", 0))
        self.assertEqual(outcome(d.managedSave), ("ok", 0))
        self.assertEqual(d.state(), [libvirt.VIR_DOMAIN_SHUTOFF, libvirt.VIR_DOMAIN_SHUTOFF_SAVED])
        self.assertEqual(d.ID(), -1)
        self.assertEqual(outcome(d.hasManagedSaveImage), ("ok", 1))
        self.assertEqual(outcome(d.undefine),
                         (E, libvirt.VIR_ERR_OPERATION_INVALID, libvirt.VIR_FROM_TEST,
                          "Requested operation is not valid: "
                          "Refusing to undefine while domain managed save image exists"))
        self.assertEqual(outcome(d.managedSaveRemove), ("ok", 0))
        self.assertEqual(outcome(d.hasManagedSaveImage), ("ok", 0))
        # starting discards the image
        d.create()
        d.managedSave(libvirt.VIR_DOMAIN_SAVE_PAUSED)
        d.create()
        self.assertEqual(outcome(d.hasManagedSaveImage), ("ok", 0))
        self.assertEqual(d.state(), [libvirt.VIR_DOMAIN_RUNNING, libvirt.VIR_DOMAIN_RUNNING_BOOTED])
        # undefine may take the image with it
        d.managedSave()
        self.assertEqual(outcome(d.undefineFlags, libvirt.VIR_DOMAIN_UNDEFINE_MANAGED_SAVE), ("ok", 0))
        t = c.createXML(DOMXML.replace("slots", "slots-transient"), 0)
        self.assertEqual(outcome(t.managedSave),
                         (E, libvirt.VIR_ERR_OPERATION_INVALID, libvirt.VIR_FROM_TEST,
                          "Requested operation is not valid: cannot do managed save for transient domain"))

    def test_managed_save_events(self):
        seen = []
        c = self.conn
        cb = c.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                      lambda conn, dom, ev, det, op: seen.append((dom.name(), ev, det)),
                                      None)
        c.lookupByName("test").managedSave()
        tap.pump()
        c.domainEventDeregisterAny(cb)
        self.assertEqual(seen, [("test", libvirt.VIR_DOMAIN_EVENT_STOPPED,
                                 libvirt.VIR_DOMAIN_EVENT_STOPPED_SAVED)])

    def test_memory_stats(self):
        c = self.conn
        d = c.lookupByName("test")
        self.assertEqual(outcome(d.memoryStats), ("ok", MEMSTATS))
        d.setMemory(1000001)
        self.assertEqual(outcome(d.memoryStats)[1]["unused"], 500000)
        # no balloon, no statistics
        n = self.define()
        n.create()
        self.assertEqual(outcome(n.memoryStats), ("ok", {}))

    def test_cpu_stats(self):
        d = self.conn.lookupByName("test")
        self.assertEqual(outcome(d.getCPUStats, True),
                         ("ok", [{"cpu_time": 48772617035, "user_time": 5540000000,
                                  "system_time": 6460000000}]))
        # two "host cpus": the node's cores
        self.assertEqual(outcome(d.getCPUStats, False),
                         ("ok", [{"cpu_time": 24386308517, "vcpu_time": 23151740627},
                                 {"cpu_time": 24386308518, "vcpu_time": 23151740628}]))

    def test_block_info_and_disk_errors(self):
        d = self.define()
        self.assertEqual(outcome(d.blockInfo, "vda"), ("ok", [TB - 5177344, TB, TB]))
        self.assertEqual(outcome(d.blockInfo, "/slots-b.img"), ("ok", [TB - 5177344, TB, TB]))
        self.assertEqual(outcome(d.blockInfo, "vdc"),
                         invalid("disk 'vdc' does not currently have a source assigned"))
        self.assertEqual(outcome(d.blockInfo, "vdz"), invalid("invalid path vdz not assigned to domain"))
        d.create()
        self.assertEqual(outcome(d.diskErrors), ("ok", {"vda": 1, "vdb": 2, "vdc": 1}))
        self.assertEqual(outcome(self.conn.lookupByName("test").diskErrors), ("ok", {"vda": 1}))

    def test_vcpus(self):
        d = self.conn.lookupByName("test")
        info, maps = d.vcpus()
        # times follow the wall clock: only their shape is compared
        self.assertEqual([(n, s, cpu) for n, s, _, cpu in info], [(0, 1, 15), (1, 1, 15)])
        self.assertTrue(all(t > 0 for _, _, t, _ in info))
        # affinity maps are as wide as the node's cpu map (8)
        self.assertEqual(maps, [(True,) * 8, (True,) * 8])
        d.pinVcpu(1, (False, True, True))
        info, maps = d.vcpus()
        self.assertEqual([cpu for _, _, _, cpu in info], [15, 2])
        self.assertEqual(maps[1], (False, True, True) + (False,) * 5)

    def test_not_in_9_0(self):
        d = self.conn.lookupByName("test")
        self.assertEqual(outcome(d.blockResize, "vda", 1000), unsupported("virDomainBlockResize"))
        self.assertEqual(outcome(d.jobInfo), unsupported("virDomainGetJobInfo"))
        self.assertEqual(outcome(d.jobStats), unsupported("virDomainGetJobStats"))
        self.assertEqual(outcome(d.abortJob), unsupported("virDomainAbortJob"))


def sizes(d, flags=0):
    """(memory, currentMemory, vcpu max, vcpu current) of d's XML."""
    import xml.etree.ElementTree as ET
    x = ET.fromstring(d.XMLDesc(flags))
    v = x.find("vcpu")
    return (int(x.findtext("memory")), int(x.findtext("currentMemory")),
            int(v.text), int(v.get("current", v.text)))


class LiveAndConfig(tap.DefaultCase):
    """Vcpu and memory changes reach the live definition, the persistent
    one, or both, as the VIR_DOMAIN_AFFECT_* flags say."""
    L = libvirt.VIR_DOMAIN_AFFECT_LIVE
    C = libvirt.VIR_DOMAIN_AFFECT_CONFIG
    M = libvirt.VIR_DOMAIN_VCPU_MAXIMUM
    MM = libvirt.VIR_DOMAIN_MEM_MAXIMUM
    INACTIVE = libvirt.VIR_DOMAIN_XML_INACTIVE
    EXCLUSIVE = (E, libvirt.VIR_ERR_INVALID_ARG, libvirt.VIR_FROM_DOMAIN,
                 "Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' are mutually exclusive")
    TRANSIENT = (E, libvirt.VIR_ERR_OPERATION_INVALID, libvirt.VIR_FROM_DOMAIN,
                 "Requested operation is not valid: transient domains do not have any persistent config")

    def test_vcpus_running(self):
        L, C, M = self.L, self.C, self.M
        d = self.conn.lookupByName("test")
        self.assertEqual(outcome(d.vcpusFlags, L | C), self.EXCLUSIVE)
        self.assertEqual(outcome(d.setVcpusFlags, 1, L), ("ok", 0))
        self.assertEqual((d.vcpusFlags(L), d.vcpusFlags(C), d.vcpusFlags(0)), (1, 2, 1))
        self.assertEqual(outcome(d.setVcpusFlags, 3, L), invalid("requested cpu amount exceeds maximum (3 > 2)"))
        self.assertEqual(outcome(d.setVcpusFlags, 40, 0),
                         invalid("requested cpu amount exceeds maximum supported amount (40 > 32)"))
        self.assertEqual(outcome(d.setVcpusFlags, 0, 0),
                         (E, libvirt.VIR_ERR_INVALID_ARG, libvirt.VIR_FROM_DOMAIN,
                          "nvcpus in virDomainSetVcpusFlags must not be zero"))
        self.assertEqual(outcome(d.setVcpusFlags, 4, L | M),
                         (E, libvirt.VIR_ERR_INVALID_ARG, libvirt.VIR_FROM_DOMAIN,
                          "Flag 'VIR_DOMAIN_AFFECT_CONFIG' is required by flag 'VIR_DOMAIN_VCPU_MAXIMUM'"))
        self.assertEqual(outcome(d.setVcpusFlags, 3, L | C | M),
                         invalid("requested cpu amount exceeds maximum (3 > 2)"))
        self.assertEqual(outcome(d.setVcpusFlags, 4, C | M), ("ok", 0))
        self.assertEqual(outcome(d.vcpusFlags, C | M), ("ok", 4))
        self.assertEqual(outcome(d.setVcpusFlags, 3, C), ("ok", 0))
        self.assertEqual(sizes(d, self.INACTIVE)[2:], (4, 3))
        self.assertEqual(sizes(d)[2:], (2, 1))
        d.destroy()
        # the persistent definition takes over when the domain stops
        self.assertEqual(sizes(d)[2:], (4, 3))
        self.assertEqual(outcome(d.vcpusFlags, L), not_running())
        self.assertEqual(outcome(d.setVcpusFlags, 1, L), not_running())
        self.assertEqual(outcome(d.setVcpusFlags, 2, M | C), ("ok", 0))
        self.assertEqual(sizes(d)[2:], (2, 2))

    def test_memory(self):
        L, C, MM = self.L, self.C, self.MM
        d = self.conn.lookupByName("test")
        self.assertEqual(outcome(d.setMemoryFlags, 1000, L | C), self.EXCLUSIVE)
        self.assertEqual(outcome(d.setMemoryFlags, 1000000, L), ("ok", 0))
        self.assertEqual(outcome(d.setMemoryFlags, 900000, C), ("ok", 0))
        self.assertEqual(d.info()[1:4], [8388608, 1000000, 2])
        for flags in (MM, MM | L):
            self.assertEqual(outcome(d.setMemoryFlags, 9000000, flags),
                             (E, libvirt.VIR_ERR_OPERATION_INVALID, libvirt.VIR_FROM_TEST,
                              "Requested operation is not valid: "
                              "cannot resize the maximum memory on an active domain"))
        self.assertEqual(outcome(d.setMemoryFlags, 800000, MM | C), ("ok", 0))
        self.assertEqual(sizes(d, self.INACTIVE)[:2], (800000, 800000))
        self.assertEqual(outcome(d.setMemoryFlags, 99000000, 0),
                         invalid("cannot set memory higher than max memory"))
        d.destroy()
        self.assertEqual(outcome(d.setMemoryFlags, 100, L), not_running())
        self.assertEqual(outcome(d.setMemoryFlags, 0, MM),
                         (E, libvirt.VIR_ERR_INVALID_ARG, libvirt.VIR_FROM_DOMAIN,
                          "memory in virDomainSetMemoryFlags must not be zero"))
        self.assertEqual(outcome(d.setMemoryFlags, 100, MM), ("ok", 0))
        self.assertEqual(sizes(d)[:2], (100, 100))

    def test_transient(self):
        L, C, M = self.L, self.C, self.M
        t = self.conn.createXML(DOMXML.replace("slots", "slots-tr"), 0)
        for label, fn in (("get", lambda: t.vcpusFlags(C)), ("set", lambda: t.setVcpusFlags(1, C)),
                          ("max", lambda: t.setVcpusFlags(4, C | M)),
                          ("mem", lambda: t.setMemoryFlags(1000, C))):
            self.assertEqual(outcome(fn), self.TRANSIENT, label)
        self.assertEqual(outcome(t.setVcpusFlags, 2, 0), ("ok", 0))
        self.assertEqual((t.vcpusFlags(0), t.vcpusFlags(M)), (2, 3))
        self.assertEqual(outcome(t.setMemoryFlags, 500000, 0), ("ok", 0))
        self.assertEqual(t.info()[1:4], [1048576, 500000, 2])


class Metadata(tap.DefaultCase):
    D = libvirt.VIR_DOMAIN_METADATA_DESCRIPTION
    T = libvirt.VIR_DOMAIN_METADATA_TITLE
    EL = libvirt.VIR_DOMAIN_METADATA_ELEMENT
    NS1, NS2 = "http://example.org/one", "http://example.org/two"
    MISSING = (E, libvirt.VIR_ERR_NO_DOMAIN_METADATA, libvirt.VIR_FROM_DOMAIN,
               "metadata not found: Requested metadata element is not present")

    def raw(self, message):
        return (E, libvirt.VIR_ERR_INVALID_ARG, libvirt.VIR_FROM_DOMAIN, message)

    def test_title_and_description(self):
        D, T = self.D, self.T
        d = self.conn.lookupByName("test")
        self.assertEqual(outcome(d.metadata, T, None), self.MISSING)
        self.assertEqual(outcome(d.setMetadata, T, "My title", None, None), ("ok", 0))
        self.assertEqual(outcome(d.metadata, T, None), ("ok", "My title"))
        self.assertEqual(outcome(d.setMetadata, T, "a\nb", None, None),
                         self.raw("metadata title can't contain newlines"))
        self.assertEqual(outcome(d.setMetadata, T, "x", None, self.NS1),
                         self.raw("uri in virDomainSetMetadata must be NULL"))
        self.assertEqual(outcome(d.setMetadata, D, "x", "k", None),
                         self.raw("key in virDomainSetMetadata must be NULL"))
        self.assertEqual(outcome(d.metadata, D, self.NS1),
                         self.raw("uri in virDomainGetMetadata must be NULL"))
        text = "Some <desc> & more\nline"
        self.assertEqual(outcome(d.setMetadata, D, text, None, None), ("ok", 0))
        self.assertEqual(outcome(d.metadata, D, None), ("ok", text))
        # a live change leaves the persistent definition alone
        self.assertEqual(outcome(d.metadata, D, None, libvirt.VIR_DOMAIN_AFFECT_CONFIG), self.MISSING)
        self.assertEqual(outcome(d.metadata, D, None,
                                 libvirt.VIR_DOMAIN_AFFECT_LIVE | libvirt.VIR_DOMAIN_AFFECT_CONFIG),
                         LiveAndConfig.EXCLUSIVE)
        self.assertIn("<description>Some &lt;desc&gt; &amp; more\nline</description>", d.XMLDesc(0))
        self.assertEqual(outcome(d.setMetadata, T, None, None, None), ("ok", 0))
        self.assertEqual(outcome(d.setMetadata, D, "", None, None), ("ok", 0))
        self.assertEqual(outcome(d.metadata, D, None), self.MISSING)
        d.destroy()
        self.assertEqual(outcome(d.metadata, D, None, libvirt.VIR_DOMAIN_AFFECT_LIVE), not_running())
        self.assertEqual(outcome(d.setMetadata, D, "x", None, None, libvirt.VIR_DOMAIN_AFFECT_LIVE),
                         not_running())

    def test_elements(self):
        EL, NS1, NS2 = self.EL, self.NS1, self.NS2
        d = self.conn.lookupByName("test")
        self.assertEqual(outcome(d.setMetadata, EL, "<foo bar='1'><baz>x</baz></foo>", "ex", NS1), ("ok", 0))
        self.assertEqual(outcome(d.setMetadata, EL, "<other/>", "o", NS2), ("ok", 0))
        self.assertEqual(outcome(d.metadata, EL, NS1), ("ok", '<foo bar="1">\n  <baz>x</baz>\n</foo>'))
        self.assertEqual(outcome(d.metadata, EL, NS2), ("ok", "<other/>"))
        self.assertEqual(outcome(d.metadata, EL, "http://example.org/none"), self.MISSING)
        self.assertEqual(outcome(d.metadata, EL, None), self.raw("uri in virDomainGetMetadata must not be NULL"))
        self.assertEqual(outcome(d.setMetadata, EL, "<a/>", None, NS1),
                         self.raw("key in virDomainSetMetadata must not be NULL"))
        self.assertEqual(outcome(d.setMetadata, EL, "<a/>", "k", None),
                         self.raw("uri in virDomainSetMetadata must not be NULL"))
        # the message carries libxml2's report: compare code and domain
        self.assertEqual(outcome(d.setMetadata, EL, "<a>", "k", NS1)[:3],
                         (E, libvirt.VIR_ERR_XML_DETAIL, libvirt.VIR_FROM_DOMAIN))
        # a new element of a namespace replaces the old one, at the end
        self.assertEqual(outcome(d.setMetadata, EL, "<foo2/>", "ex2", NS1), ("ok", 0))
        self.assertEqual(outcome(d.metadata, EL, NS1), ("ok", "<foo2/>"))
        self.assertIn('  <metadata>\n    <o:other xmlns:o="http://example.org/two"/>\n'
                      '    <ex2:foo2 xmlns:ex2="http://example.org/one"/>\n  </metadata>\n', d.XMLDesc(0))
        self.assertEqual(outcome(d.setMetadata, EL, None, None, NS1), ("ok", 0))
        self.assertEqual(outcome(d.setMetadata, EL, None, None, NS2), ("ok", 0))
        self.assertEqual(outcome(d.metadata, EL, NS2), self.MISSING)
        # the emptied element stays
        self.assertIn("  <metadata/>\n", d.XMLDesc(0))

    def test_change_events(self):
        c = self.conn
        seen = []
        cb = c.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_METADATA_CHANGE,
                                      lambda conn, dom, mtype, nsuri, op: seen.append((dom.name(), mtype, nsuri)),
                                      None)
        d = c.lookupByName("test")
        d.setMetadata(self.T, "t", None, None)
        d.setMetadata(self.EL, "<x/>", "k", self.NS1)
        d.setMetadata(self.EL, None, None, self.NS1)
        outcome(d.setMetadata, self.EL, "<a>", "k", self.NS1)
        tap.pump()
        c.domainEventDeregisterAny(cb)
        self.assertEqual(seen, [("test", self.T, None), ("test", self.EL, self.NS1),
                                ("test", self.EL, self.NS1)])


class Rename(tap.DefaultCase):
    def test_rename(self):
        c = self.conn
        seen = []
        cb = c.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                      lambda conn, dom, ev, det, op: seen.append((dom.name(), ev, det)),
                                      None)
        d = c.lookupByName("test")
        self.assertEqual(outcome(d.rename, "x", 0),
                         (E, libvirt.VIR_ERR_OPERATION_INVALID, libvirt.VIR_FROM_TEST,
                          "Requested operation is not valid: cannot rename active domain"))
        d.destroy()
        c.defineXML(DOMXML)
        self.assertEqual(outcome(d.rename, "test", 0),
                         (E, libvirt.VIR_ERR_OPERATION_INVALID, libvirt.VIR_FROM_DOMAIN,
                          "Requested operation is not valid: Can't rename domain to itself"))
        self.assertEqual(outcome(d.rename, "slots", 0),
                         (E, libvirt.VIR_ERR_OPERATION_INVALID, libvirt.VIR_FROM_DOMAIN,
                          "Requested operation is not valid: domain with name 'slots' already exists"))
        self.assertEqual(outcome(d.rename, "a/b", 0),
                         (E, libvirt.VIR_ERR_XML_ERROR, libvirt.VIR_FROM_TEST,
                          "XML error: name a/b cannot contain '/'"))
        self.assertEqual(outcome(d.rename, "", 0),
                         (E, libvirt.VIR_ERR_INVALID_ARG, libvirt.VIR_FROM_DOMAIN,
                          "string new_name in virDomainRename must not be empty"))
        self.assertEqual(outcome(d.rename, "renamed", 0), ("ok", 0))
        self.assertEqual(outcome(c.lookupByName, "test"),
                         (E, libvirt.VIR_ERR_NO_DOMAIN, libvirt.VIR_FROM_TEST, "Domain not found"))
        self.assertEqual(c.lookupByName("renamed").UUIDString(), "6695eb01-f6a4-8304-79aa-97f2502e193f")
        self.assertEqual(sorted(c.listDefinedDomains()), ["renamed", "slots"])
        tap.pump()
        c.domainEventDeregisterAny(cb)
        self.assertEqual(seen[-2:], [("test", libvirt.VIR_DOMAIN_EVENT_UNDEFINED,
                                      libvirt.VIR_DOMAIN_EVENT_UNDEFINED_RENAMED),
                                     ("renamed", libvirt.VIR_DOMAIN_EVENT_DEFINED,
                                      libvirt.VIR_DOMAIN_EVENT_DEFINED_RENAMED)])


UNLIMITED = 9007199254740991  # VIR_DOMAIN_MEMORY_PARAM_UNLIMITED


def memtune(d, flags=0):
    import re
    return re.findall(r"<memtune>.*?</memtune>", d.XMLDesc(flags), re.S)


class Tunables(tap.DefaultCase):
    def test_memory_parameters(self):
        C = libvirt.VIR_DOMAIN_AFFECT_CONFIG
        d = self.conn.lookupByName("test")
        none = {"hard_limit": UNLIMITED, "soft_limit": UNLIMITED, "swap_hard_limit": UNLIMITED}
        self.assertEqual(outcome(d.memoryParameters, 0), ("ok", none))
        self.assertEqual(outcome(d.memoryParameters, libvirt.VIR_DOMAIN_AFFECT_LIVE | C),
                         LiveAndConfig.EXCLUSIVE)
        too_high = invalid("memory hard_limit tunable value must be lower than or equal to swap_hard_limit")
        self.assertEqual(outcome(d.setMemoryParameters, {"hard_limit": 2000, "swap_hard_limit": 1000}, 0),
                         too_high)
        self.assertEqual(outcome(d.setMemoryParameters, {"hard_limit": 1000, "soft_limit": 500}, 0), ("ok", 0))
        self.assertEqual(outcome(d.memoryParameters, 0),
                         ("ok", {"hard_limit": 1000, "soft_limit": 500, "swap_hard_limit": UNLIMITED}))
        self.assertEqual(outcome(d.memoryParameters, C), ("ok", none))
        self.assertEqual(outcome(d.setMemoryParameters, {"swap_hard_limit": 900}, 0), too_high)
        # the check is against the live limits even for the persistent side
        self.assertEqual(outcome(d.setMemoryParameters, {"swap_hard_limit": 3000}, C), ("ok", 0))
        self.assertEqual(memtune(d), ["<memtune>\n    <hard_limit unit='KiB'>1000</hard_limit>\n"
                                      "    <soft_limit unit='KiB'>500</soft_limit>\n  </memtune>"])
        self.assertEqual(memtune(d, libvirt.VIR_DOMAIN_XML_INACTIVE),
                         ["<memtune>\n    <swap_hard_limit unit='KiB'>3000</swap_hard_limit>\n  </memtune>"])
        # 0 is a limit; the unlimited value removes one
        self.assertEqual(outcome(d.setMemoryParameters, {"soft_limit": 0, "hard_limit": UNLIMITED}, 0),
                         ("ok", 0))
        self.assertEqual(memtune(d), ["<memtune>\n    <soft_limit unit='KiB'>0</soft_limit>\n  </memtune>"])
        self.assertEqual(outcome(d.setMemoryParameters, {"soft_limit": UNLIMITED}, 0), ("ok", 0))
        self.assertEqual(memtune(d), [])


    def test_blkio_parameters(self):
        import re
        d = self.conn.lookupByName("test")
        empty = {"weight": 0, "device_weight": "", "device_read_iops_sec": "", "device_write_iops_sec": "",
                 "device_read_bytes_sec": "", "device_write_bytes_sec": ""}
        self.assertEqual(outcome(d.blkioParameters, 0), ("ok", empty))
        self.assertEqual(outcome(d.setBlkioParameters,
                                 {"device_weight": "/dev/sda,300,/dev/sdb,200",
                                  "device_read_iops_sec": "/dev/sdb,7"}, 0), ("ok", 0))
        self.assertEqual(outcome(d.setBlkioParameters, {"device_weight": "/dev/sda,0"}, 0), ("ok", 0))
        self.assertEqual(outcome(d.blkioParameters, 0),
                         ("ok", dict(empty, device_weight="/dev/sdb,200", device_read_iops_sec="/dev/sdb,7")))
        self.assertEqual(re.findall(r"<blkiotune>.*?</blkiotune>", d.XMLDesc(0), re.S),
                         ["<blkiotune>\n    <device>\n      <path>/dev/sdb</path>\n      <weight>200</weight>\n"
                          "      <read_iops_sec>7</read_iops_sec>\n    </device>\n  </blkiotune>"])
        self.assertEqual(outcome(d.setBlkioParameters, {"device_weight": "/dev/sda"}, 0),
                         invalid("unable to parse blkio device 'device_weight' '/dev/sda'",
                                 libvirt.VIR_FROM_DOMAIN))
        self.assertEqual(outcome(d.setBlkioParameters, {"device_weight": "/dev/sda,x"}, 0),
                         invalid("invalid value 'x' for parameter 'device_weight' of device '/dev/sda'",
                                 libvirt.VIR_FROM_DOMAIN))
        self.assertEqual(outcome(d.setBlkioParameters, {"device_weight": "/dev/sdb,0",
                                                        "device_read_iops_sec": "/dev/sdb,0"}, 0), ("ok", 0))
        self.assertNotIn("blkiotune", d.XMLDesc(0))
        self.assertEqual(outcome(d.setBlkioParameters, {"weight": 500}, libvirt.VIR_DOMAIN_AFFECT_CONFIG),
                         ("ok", 0))
        self.assertEqual(outcome(d.blkioParameters, libvirt.VIR_DOMAIN_AFFECT_CONFIG),
                         ("ok", dict(empty, weight=500)))
        self.assertIn("  <blkiotune>\n    <weight>500</weight>\n  </blkiotune>\n",
                      d.XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE))
        self.assertEqual(outcome(d.blkioParameters, 0), ("ok", empty))


    def test_interface_parameters(self):
        import re
        d = self.conn.lookupByName("test")
        keys = ["inbound.average", "inbound.peak", "inbound.burst", "inbound.floor",
                "outbound.average", "outbound.peak", "outbound.burst"]
        zero = dict.fromkeys(keys, 0)

        def bandwidth():
            return re.findall(r"<bandwidth>.*?</bandwidth>", d.XMLDesc(0), re.S)
        self.assertEqual(outcome(d.interfaceParameters, "testnet0", 0), ("ok", zero))
        self.assertEqual(outcome(d.interfaceParameters, "nope", 0),
                         invalid("'nope' is not a known interface", libvirt.VIR_FROM_DOMAIN))
        self.assertEqual(outcome(d.setInterfaceParameters, "testnet0",
                                 {"inbound.average": 100, "inbound.peak": 200, "outbound.average": 50}, 0),
                         ("ok", 0))
        self.assertEqual(outcome(d.interfaceParameters, "aa:bb:cc:dd:ee:ff", 0),
                         ("ok", dict(zero, **{"inbound.average": 100, "inbound.peak": 200,
                                              "outbound.average": 50})))
        self.assertEqual(bandwidth(), ["<bandwidth>\n        <inbound average='100' peak='200'/>\n"
                                       "        <outbound average='50'/>\n      </bandwidth>"])
        # naming an average of 0 clears that direction; a peak alone changes nothing
        self.assertEqual(outcome(d.setInterfaceParameters, "testnet0", {"inbound.average": 0}, 0), ("ok", 0))
        self.assertEqual(outcome(d.setInterfaceParameters, "testnet0", {"outbound.burst": 9}, 0), ("ok", 0))
        self.assertEqual(bandwidth(), ["<bandwidth>\n        <outbound average='50'/>\n      </bandwidth>"])
        self.assertEqual(outcome(d.setInterfaceParameters, "testnet0", {"outbound.average": 0}, 0), ("ok", 0))
        # (an emptied <bandwidth> is written differently by the two: not compared)
        self.assertEqual(outcome(d.setInterfaceParameters, "testnet0", {"inbound.floor": 10}, 0), ("ok", 0))
        self.assertEqual(bandwidth(), ["<bandwidth>\n        <inbound floor='10'/>\n      </bandwidth>"])
        self.assertEqual(outcome(d.interfaceParameters, "testnet0", libvirt.VIR_DOMAIN_AFFECT_CONFIG),
                         ("ok", zero))


    def test_numa_parameters(self):
        import re
        d = self.conn.lookupByName("test")
        self.assertEqual(outcome(d.numaParameters, 0), ("ok", {"numa_mode": 0, "numa_nodeset": ""}))
        no_nodeset = (E, libvirt.VIR_ERR_CONFIG_UNSUPPORTED, libvirt.VIR_FROM_DOMAIN,
                      "unsupported configuration: nodeset for NUMA memory tuning must be set "
                      "if 'placement' is 'static'")
        self.assertEqual(outcome(d.setNumaParameters, {"numa_mode": 1}, 0), no_nodeset)
        for text, want in (("0,1,2", "0-2"), ("0-5,^2,9", "0-1,3-5,9"), (" 3 , 4", "3-4"), ("0-1", "0-1")):
            self.assertEqual(outcome(d.setNumaParameters, {"numa_nodeset": text}, 0), ("ok", 0), text)
            self.assertEqual(outcome(d.numaParameters, 0), ("ok", {"numa_mode": 0, "numa_nodeset": want}))
        self.assertEqual(re.findall(r"<numatune>.*?</numatune>", d.XMLDesc(0), re.S),
                         ["<numatune>\n    <memory mode='strict' nodeset='0-1'/>\n  </numatune>"])
        self.assertEqual(outcome(d.setNumaParameters, {"numa_mode": 9}, 0),
                         invalid("unsupported numatune mode: '9'"))
        for text in ("x", "", "1-"):
            self.assertEqual(outcome(d.setNumaParameters, {"numa_nodeset": text}, 0),
                             invalid("Failed to parse bitmap '%s'" % text, libvirt.VIR_FROM_NONE))
        self.assertEqual(outcome(d.setNumaParameters, {"numa_nodeset": "^1"}, 0),
                         (E, libvirt.VIR_ERR_OPERATION_INVALID, libvirt.VIR_FROM_TEST,
                          "Requested operation is not valid: Invalid nodeset of 'numatune': ^1"))
        self.assertEqual(outcome(d.setNumaParameters, {"numa_mode": 2}, 0),
                         (E, libvirt.VIR_ERR_OPERATION_INVALID, libvirt.VIR_FROM_TEST,
                          "Requested operation is not valid: can't change numatune mode for running domain"))
        d.destroy()
        self.assertEqual(outcome(d.setNumaParameters, {"numa_mode": 2}, 0), no_nodeset)
        self.assertEqual(outcome(d.setNumaParameters, {"numa_mode": 2, "numa_nodeset": "1,3"}, 0), ("ok", 0))
        self.assertEqual(outcome(d.numaParameters, 0), ("ok", {"numa_mode": 2, "numa_nodeset": "1,3"}))


if __name__ == "__main__":
    tap.main()
