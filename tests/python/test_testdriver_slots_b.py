"""More calls of libvirt 9.0's test driver, differential: the same script
runs on our library and on Debian's (oracle_env), and both must give the
results and errors (code, domain, message) written here: the guest's file
systems and addresses, keys, signals, memory peeks and messages, perf events,
domain statistics, pool source discovery, interface transactions and the
screenshot.

Where the oracle lists objects in the order of its hash tables, the check
sorts them; each such place says so. Inputs on which the oracle crashes (a
netfs source specification without a host) are left out."""
import struct
import zlib

import tap
from tap import libvirt

E = "err"
RUNNING, PAUSED, SHUTOFF = libvirt.VIR_DOMAIN_RUNNING, libvirt.VIR_DOMAIN_PAUSED, libvirt.VIR_DOMAIN_SHUTOFF
LIVE, CONFIG = libvirt.VIR_DOMAIN_AFFECT_LIVE, libvirt.VIR_DOMAIN_AFFECT_CONFIG


def outcome(fn, *args):
    """("ok", result) or (E, code, domain, message)."""
    try:
        return ("ok", fn(*args))
    except libvirt.libvirtError as e:
        return (E, e.get_error_code(), e.get_error_domain(), e.get_error_message())


def bad_flags(flags, func):
    return (E, libvirt.VIR_ERR_INVALID_ARG, libvirt.VIR_FROM_TEST,
            "unsupported flags (0x%x) in function %s" % (flags, func))


def invalid(message, domain=libvirt.VIR_FROM_TEST):
    return (E, libvirt.VIR_ERR_INVALID_ARG, domain, "invalid argument: " + message)


def op_invalid(message, domain=libvirt.VIR_FROM_TEST):
    return (E, libvirt.VIR_ERR_OPERATION_INVALID, domain, "Requested operation is not valid: " + message)


def not_running():
    return op_invalid("domain is not running", libvirt.VIR_FROM_DOMAIN)


def exclusive(a, b):
    return (E, libvirt.VIR_ERR_INVALID_ARG, libvirt.VIR_FROM_DOMAIN,
            "Flags '%s' and '%s' are mutually exclusive" % (a, b))


GUESTXML = ("<domain type='test'><name>guest</name><memory>1024</memory><vcpu>2</vcpu>"
            "<os><type>hvm</type></os><devices>"
            "<disk type='file' device='cdrom'><source file='/b'/><target dev='hdc' bus='ide'/></disk>"
            "<disk type='file' device='disk'><source file='/a'/><target dev='sdb' bus='scsi'/></disk>"
            "<interface type='network'><mac address='52:54:00:11:22:30'/><source network='default'/></interface>"
            "<interface type='user'><mac address='52:54:00:11:22:31'/></interface>"
            "<interface type='bridge'><mac address='52:54:00:11:22:32'/><source bridge='br0'/></interface>"
            "<interface type='network'><mac address='52:54:00:11:22:33'/><source network='default'/></interface>"
            "</devices></domain>")
BAREXML = ("<domain type='test'><name>bare</name><memory>1024</memory><vcpu>1</vcpu>"
           "<os><type>hvm</type></os></domain>")


def addr(ip, prefix=24):
    return {"addr": ip, "prefix": prefix, "type": libvirt.VIR_IP_ADDR_TYPE_IPV4}


class Guest(tap.DefaultCase):
    def test_freeze_thaw(self):
        d = self.conn.lookupByName("test")
        self.assertEqual(outcome(d.fsFreeze), ("ok", 2))
        self.assertEqual(outcome(d.fsFreeze, ["/"]), ("ok", 0))
        self.assertEqual(outcome(d.fsThaw, ["/boot", "/boot"]), ("ok", 1))
        self.assertEqual(outcome(d.fsFreeze), ("ok", 1))
        self.assertEqual(outcome(d.fsThaw), ("ok", 2))
        self.assertEqual(outcome(d.fsThaw), ("ok", 0))
        self.assertEqual(outcome(d.fsFreeze, ["/", "/boot"]), ("ok", 2))
        # an unknown mount point changes nothing
        self.assertEqual(outcome(d.fsThaw, ["/", "/foo"]), op_invalid("mount point not found: /foo"))
        self.assertEqual(outcome(d.fsThaw, ["/"]), ("ok", 1))
        self.assertEqual(outcome(d.fsFreeze, None, 1), bad_flags(1, "testDomainFSFreeze"))
        self.assertEqual(outcome(d.fsThaw, None, 1), bad_flags(1, "testDomainFSThaw"))

    def test_trim_and_info(self):
        d = self.conn.lookupByName("test")
        self.assertEqual(outcome(d.fSTrim, None, 0), ("ok", 0))
        self.assertEqual(outcome(d.fSTrim, "/boot", 4096), ("ok", 0))
        self.assertEqual(outcome(d.fSTrim, "/x", 0), op_invalid("mount point not found: /x"))
        self.assertEqual(outcome(d.fSTrim, None, 0, 1), bad_flags(1, "testDomainFSTrim"))
        self.assertEqual(outcome(d.fsInfo), ("ok", [("/", "vda1", "ext4", ["vda"]),
                                                    ("/boot", "vda2", "ext4", ["vda"])]))
        self.assertEqual(outcome(d.fsInfo, 1), bad_flags(1, "testDomainGetFSInfo"))
        # the first disk that is a disk holds both; none, no file systems
        g = self.conn.createXML(GUESTXML, 0)
        self.assertEqual(outcome(g.fsInfo), ("ok", [("/", "sdb1", "ext4", ["sdb"]),
                                                    ("/boot", "sdb2", "ext4", ["sdb"])]))
        self.assertEqual(outcome(self.conn.createXML(BAREXML, 0).fsInfo), ("ok", []))

    def test_inactive(self):
        d = self.conn.lookupByName("test")
        d.destroy()
        for label, fn in (("freeze", d.fsFreeze), ("thaw", d.fsThaw), ("trim", lambda: d.fSTrim(None, 0)),
                          ("info", d.fsInfo), ("addresses", lambda: d.interfaceAddresses(0)),
                          ("peek", lambda: d.memoryPeek(0, 4, libvirt.VIR_MEMORY_VIRTUAL))):
            self.assertEqual(outcome(fn), not_running(), label)
        # a signal or the messages need no running guest
        self.assertEqual(outcome(d.sendProcessSignal, 1, 9, 0), ("ok", 0))
        self.assertEqual(outcome(d.messages, 0), ("ok", []))

    def test_interface_addresses(self):
        d = self.conn.lookupByName("test")
        want = {"testnet0": {"addrs": [addr("192.168.122.3")], "hwaddr": "aa:bb:cc:dd:ee:ff"}}
        for source in range(3):
            self.assertEqual(outcome(d.interfaceAddresses, source), ("ok", want), source)
        self.assertEqual(outcome(d.interfaceAddresses, 3),
                         (E, libvirt.VIR_ERR_ARGUMENT_UNSUPPORTED, libvirt.VIR_FROM_TEST,
                          "argument unsupported: Unknown IP address data source 3"))
        # libvirt words the source as a signed number
        self.assertEqual(outcome(d.interfaceAddresses, 0xffffffff),
                         (E, libvirt.VIR_ERR_ARGUMENT_UNSUPPORTED, libvirt.VIR_FROM_TEST,
                          "argument unsupported: Unknown IP address data source -1"))
        self.assertEqual(outcome(d.interfaceAddresses, 0, 1), bad_flags(1, "testDomainInterfaceAddresses"))
        # on a network: its DHCP range's start moved on by 20 per domain id
        # and one per interface; elsewhere 192.168.0.N
        g = self.conn.createXML(GUESTXML, 0)
        self.assertEqual(g.ID(), 2)
        self.assertEqual(outcome(g.interfaceAddresses, 0), ("ok", {
            "testnet0": {"addrs": [addr("192.168.122.23")], "hwaddr": "52:54:00:11:22:30"},
            "testnet1": {"addrs": [addr("192.168.0.2")], "hwaddr": "52:54:00:11:22:31"},
            "testnet2": {"addrs": [addr("192.168.0.3")], "hwaddr": "52:54:00:11:22:32"},
            "testnet3": {"addrs": [addr("192.168.122.26")], "hwaddr": "52:54:00:11:22:33"}}))
        self.assertEqual(outcome(self.conn.createXML(BAREXML, 0).interfaceAddresses, 0), ("ok", {}))

    def test_interface_address_of_network(self):
        # no DHCP range: the network's own address; its netmask gives the prefix
        self.conn.networkCreateXML("<network><name>n2</name><bridge name='virbr9'/>"
                                   "<ip address='10.1.0.1' netmask='255.255.0.0'/></network>")
        x = GUESTXML.replace("network='default'", "network='n2'").replace("<name>guest", "<name>g2")
        g = self.conn.createXML(x, 0)
        got = outcome(g.interfaceAddresses, 0)
        self.assertEqual(got[1]["testnet0"]["addrs"], [addr("10.1.0.22", 16)])
        self.assertEqual(got[1]["testnet3"]["addrs"], [addr("10.1.0.25", 16)])
        # IPv6: only the last byte moves; IPv4 carries over
        for name, ip, want in (("n6", "<ip family='ipv6' address='2001:db8::1' prefix='64'/>",
                                {"addr": "2001:db8::2d", "prefix": 64, "type": libvirt.VIR_IP_ADDR_TYPE_IPV6}),
                               ("n4", "<ip address='10.0.0.255' prefix='8'/>", addr("10.0.1.63", 8))):
            self.conn.networkCreateXML("<network><name>%s</name><bridge name='br%s'/>%s</network>"
                                       % (name, name, ip))
            x = GUESTXML.replace("network='default'", "network='%s'" % name).replace("<name>guest",
                                                                                     "<name>g" + name)
            got = outcome(self.conn.createXML(x, 0).interfaceAddresses, 0)
            self.assertEqual(got[1]["testnet3"]["addrs"], [want], name)
        x = GUESTXML.replace("network='default'", "network='nowhere'").replace("<name>guest", "<name>g3")
        self.assertEqual(outcome(self.conn.createXML(x, 0).interfaceAddresses, 0),
                         (E, libvirt.VIR_ERR_NO_NETWORK, libvirt.VIR_FROM_TEST,
                          "Network not found: no network with matching name 'nowhere'"))

    def test_process_signal(self):
        d = self.conn.lookupByName("test")
        self.assertEqual(outcome(d.sendProcessSignal, 1, 9, 0), ("ok", 0))
        self.assertEqual(outcome(d.sendProcessSignal, 1, 64, 0), ("ok", 0))
        self.assertEqual(outcome(d.sendProcessSignal, 1, 0, 0), ("ok", 0))
        self.assertEqual(outcome(d.sendProcessSignal, 1, 65, 0), invalid("signum value 65 is out of range"))
        self.assertEqual(outcome(d.sendProcessSignal, 1, 0xffffffff, 0), invalid("signum value -1 is out of range"))
        self.assertEqual(outcome(d.sendProcessSignal, 2, 9, 0),
                         invalid("only sending a signal to pid 1 is supported"))
        self.assertEqual(outcome(d.sendProcessSignal, -5, 9, 0),
                         invalid("only sending a signal to pid 1 is supported"))
        self.assertEqual(outcome(d.sendProcessSignal, 0, 9, 0),
                         (E, libvirt.VIR_ERR_INVALID_ARG, libvirt.VIR_FROM_DOMAIN,
                          "pid_value in virDomainSendProcessSignal must not be zero"))
        self.assertEqual(outcome(d.sendProcessSignal, 1, 9, 1), bad_flags(1, "testDomainSendProcessSignal"))

    def test_memory_peek(self):
        d = self.conn.lookupByName("test")
        self.assertEqual(outcome(d.memoryPeek, 0, 4, libvirt.VIR_MEMORY_VIRTUAL), ("ok", b"\x00\x01\x02\x03"))
        self.assertEqual(outcome(d.memoryPeek, 254, 4, libvirt.VIR_MEMORY_PHYSICAL), ("ok", b"\xfe\xff\x00\x01"))
        self.assertEqual(outcome(d.memoryPeek, 1 << 40, 2, libvirt.VIR_MEMORY_VIRTUAL), ("ok", b"\x00\x01"))
        self.assertEqual(outcome(d.memoryPeek, 0, 0, libvirt.VIR_MEMORY_VIRTUAL), ("ok", b""))
        self.assertEqual(outcome(d.memoryPeek, 0, 600, 1), ("ok", bytes(range(256)) * 2 + bytes(range(88))))
        self.assertEqual(outcome(d.memoryPeek, 0, 4, 0),
                         invalid("flags parameter must be VIR_MEMORY_VIRTUAL or VIR_MEMORY_PHYSICAL"))
        self.assertEqual(outcome(d.memoryPeek, 0, 4, 3), exclusive("VIR_MEMORY_VIRTUAL", "VIR_MEMORY_PHYSICAL"))
        self.assertEqual(outcome(d.memoryPeek, 0, 4, 5), bad_flags(4, "testDomainMemoryPeek"))

    def test_messages(self):
        d = self.conn.lookupByName("test")
        for flags in (0, 1, 2, 3):
            self.assertEqual(outcome(d.messages, flags), ("ok", []), flags)
        self.assertEqual(outcome(d.messages, 4), bad_flags(4, "testDomainGetMessages"))


CODESETS = ["linux", "xt", "atset1", "atset2", "atset3", "os_x", "xt_kbd", "usb", "win32", "qnum"]
# How many codes of each codeset libvirt can turn into Linux key codes; all
# of them lie below 1024 or in 0xe000-0xe0ff (the xt escape codes).
KNOWN_KEYS = [454, 236, 236, 144, 141, 121, 236, 163, 150, 236]


class Keys(tap.DefaultCase):
    def test_known_keys(self):
        d = self.conn.lookupByName("test")
        for codeset, name in enumerate(CODESETS):
            known = 0
            for key in list(range(1024)) + list(range(0xe000, 0xe100)):
                got = outcome(d.sendKey, codeset, 0, [key], 1, 0)
                if got == ("ok", 0):
                    known += 1
                else:
                    self.assertEqual(got, (E, libvirt.VIR_ERR_INTERNAL_ERROR, libvirt.VIR_FROM_TEST,
                                           "internal error: invalid keycode %d of %s codeset" % (key, name)))
            self.assertEqual(known, KNOWN_KEYS[codeset], name)

    def test_keys(self):
        d = self.conn.lookupByName("test")
        self.assertEqual(outcome(d.sendKey, 0, 100, [29, 56, 111], 3, 0), ("ok", 0))
        self.assertEqual(outcome(d.sendKey, 1, 0, [0x1d, 0xe053], 2, 0), ("ok", 0))
        # the first unknown key stops the rest
        self.assertEqual(outcome(d.sendKey, 8, 0, [1, 30, 3], 3, 0),
                         (E, libvirt.VIR_ERR_INTERNAL_ERROR, libvirt.VIR_FROM_TEST,
                          "internal error: invalid keycode 30 of win32 codeset"))
        self.assertEqual(outcome(d.sendKey, 9, 0, [70000], 1, 0),
                         (E, libvirt.VIR_ERR_INTERNAL_ERROR, libvirt.VIR_FROM_TEST,
                          "internal error: invalid keycode 70000 of qnum codeset"))
        self.assertEqual(outcome(d.sendKey, 10, 0, [1], 1, 0),
                         (E, libvirt.VIR_ERR_INVALID_ARG, libvirt.VIR_FROM_DOMAIN, "Unsupported codeset '10'"))
        self.assertEqual(outcome(d.sendKey, 0, 0, [], 0, 0),
                         (E, libvirt.VIR_ERR_INVALID_ARG, libvirt.VIR_FROM_DOMAIN,
                          "nkeycodes in virDomainSendKey must be greater than zero"))
        self.assertEqual(outcome(d.sendKey, 0, 0, [1000], 1, 1), bad_flags(1, "testDomainSendKey"))
        d.destroy()
        self.assertEqual(outcome(d.sendKey, 0, 0, [1000], 1, 0), not_running())


PERF_EVENTS = ["cmt", "mbmt", "mbml", "cpu_cycles", "instructions", "cache_references", "cache_misses",
               "branch_instructions", "branch_misses", "bus_cycles", "stalled_cycles_frontend",
               "stalled_cycles_backend", "ref_cpu_cycles", "cpu_clock", "task_clock", "page_faults",
               "context_switches", "cpu_migrations", "page_faults_min", "page_faults_maj",
               "alignment_faults", "emulation_faults"]


def perf(*enabled):
    return ("ok", {name: name in enabled for name in PERF_EVENTS})


def perf_xml(xml):
    start = xml.find("  <perf>")
    return xml[start:xml.index("</perf>\n") + 8] if start >= 0 else None


class Perf(tap.DefaultCase):
    def test_live_and_config(self):
        d = self.conn.lookupByName("test")
        self.assertEqual(list(outcome(d.perfEvents)[1]), PERF_EVENTS)
        self.assertEqual(outcome(d.perfEvents), perf())
        self.assertEqual(outcome(d.setPerfEvents, {"mbmt": False, "cmt": True}), ("ok", 0))
        self.assertEqual(outcome(d.perfEvents), perf("cmt"))
        self.assertEqual(outcome(d.perfEvents, LIVE), perf("cmt"))
        self.assertEqual(outcome(d.perfEvents, CONFIG), perf())
        # written in libvirt's order of events, the ones ever set
        self.assertEqual(perf_xml(d.XMLDesc(0)), "  <perf>\n    <event name='cmt' enabled='yes'/>\n"
                         "    <event name='mbmt' enabled='no'/>\n  </perf>\n")
        self.assertEqual(outcome(d.setPerfEvents, {"cpu_cycles": True}, CONFIG), ("ok", 0))
        self.assertEqual(outcome(d.perfEvents, CONFIG), perf("cpu_cycles"))
        self.assertEqual(outcome(d.perfEvents), perf("cmt"))
        d.destroy()
        # stopped, the persistent definition is back
        self.assertEqual(outcome(d.perfEvents), perf("cpu_cycles"))
        self.assertEqual(perf_xml(d.XMLDesc(0)), "  <perf>\n    <event name='cpu_cycles' enabled='yes'/>\n"
                         "  </perf>\n")
        self.assertEqual(outcome(d.setPerfEvents, {"cpu_cycles": False, "emulation_faults": True}), ("ok", 0))
        self.assertEqual(outcome(d.perfEvents, CONFIG), perf("emulation_faults"))
        self.assertEqual(outcome(d.perfEvents, LIVE), not_running())
        self.assertEqual(outcome(d.setPerfEvents, {"cmt": True}, LIVE), not_running())

    def test_refusals(self):
        d = self.conn.lookupByName("test")
        self.assertEqual(outcome(d.perfEvents, LIVE | CONFIG),
                         exclusive("VIR_DOMAIN_AFFECT_LIVE", "VIR_DOMAIN_AFFECT_CONFIG"))
        self.assertEqual(outcome(d.perfEvents, 8), bad_flags(8, "testDomainGetPerfEvents"))
        # the binding asks for the current events (and their types) first
        self.assertEqual(outcome(d.setPerfEvents, {"cmt": True}, 8), bad_flags(8, "testDomainGetPerfEvents"))
        t = self.conn.createXML(BAREXML, 0)
        self.assertEqual(outcome(t.perfEvents, CONFIG),
                         op_invalid("transient domains do not have any persistent config",
                                    libvirt.VIR_FROM_DOMAIN))


def by_name(records):
    """Sorted by domain name: the oracle lists them in its hash order."""
    return sorted((d.name(), s) for d, s in records)


def state(st, reason):
    return {"state.state": st, "state.reason": reason}


class Stats(tap.DefaultCase):
    def test_groups(self):
        c = self.conn
        self.assertEqual(outcome(lambda: by_name(c.getAllDomainStats(0))), ("ok", [("test", state(RUNNING, 0))]))
        self.assertEqual(by_name(c.getAllDomainStats(libvirt.VIR_DOMAIN_STATS_STATE)),
                         [("test", state(RUNNING, 0))])
        # every other group, known or not, gives an empty record
        for bit in range(1, 12):
            self.assertEqual(by_name(c.getAllDomainStats(1 << bit)), [("test", {})], bit)
        enforce = libvirt.VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS
        self.assertEqual(by_name(c.getAllDomainStats(libvirt.VIR_DOMAIN_STATS_IOTHREAD, enforce)),
                         [("test", {})])
        for stats, bits in ((2, 2), (3, 2), (256, 256), (2048 | 1, 2048), (0x1f0, 0x170)):
            self.assertEqual(outcome(c.getAllDomainStats, stats, enforce),
                             (E, libvirt.VIR_ERR_ARGUMENT_UNSUPPORTED, libvirt.VIR_FROM_TEST,
                              "argument unsupported: Stats types bits 0x%x are not supported by this daemon"
                              % bits), stats)
        for flags in (1 << 28, 256):
            self.assertEqual(outcome(c.getAllDomainStats, 1, flags),
                             bad_flags(flags, "testConnectGetAllDomainStats"))

    def test_filters(self):
        c = self.conn
        c.defineXML(BAREXML)
        p = c.createXML(GUESTXML, 0)
        p.suspend()
        everything = [("bare", state(SHUTOFF, 0)), ("guest", state(PAUSED, 1)), ("test", state(RUNNING, 0))]
        self.assertEqual(by_name(c.getAllDomainStats(1)), everything)
        for flags, names in ((1, ["guest", "test"]), (2, ["bare"]), (3, ["bare", "guest", "test"]),
                             (4, ["bare", "test"]), (8, ["guest"]), (16, ["test"]), (32, ["guest"]),
                             (64, ["bare"]), (128, []), (16 | 64, ["bare", "test"]), (1 | 8, ["guest"]),
                             (1 << 29, ["bare", "guest", "test"]), (1 << 30, ["bare", "guest", "test"])):
            self.assertEqual([n for n, _ in by_name(c.getAllDomainStats(1, flags))], names, flags)
        # a list of domains is filtered the same way
        t = c.lookupByName("test")
        self.assertEqual(by_name(c.domainListGetStats([p, t], 1)),
                         [("guest", state(PAUSED, 1)), ("test", state(RUNNING, 0))])
        self.assertEqual(by_name(c.domainListGetStats([p, t], 1, 16)), [("test", state(RUNNING, 0))])
        self.assertEqual(outcome(c.domainListGetStats, [p], 1, 1 << 28),
                         bad_flags(1 << 28, "testConnectGetAllDomainStats"))


LOGICAL = ("<sources>\n"
           "  <source>\n    <device path='/dev/sda20'/>\n    <name>testvg1</name>\n"
           "    <format type='lvm2'/>\n  </source>\n"
           "  <source>\n    <device path='/dev/sda21'/>\n    <name>testvg2</name>\n"
           "    <format type='lvm2'/>\n  </source>\n"
           "</sources>\n")


def netfs(host):
    return ("ok", "<sources>\n  <source>\n    <host name='%s'/>\n    <dir path='/testshare'/>\n"
                  "    <format type='nfs'/>\n  </source>\n</sources>\n" % host)


def storage(code, message, domain=libvirt.VIR_FROM_STORAGE):
    return (E, code, domain, message)


def no_discovery(pool_type):
    return (E, libvirt.VIR_ERR_NO_SUPPORT, libvirt.VIR_FROM_TEST,
            "this function is not supported by the connection driver: "
            "pool type '%s' does not support source discovery" % pool_type)


class PoolSources(tap.DefaultCase):
    def find(self, pool_type, spec=None, flags=0):
        return outcome(self.conn.findStoragePoolSources, pool_type, spec, flags)

    def test_answers(self):
        self.assertEqual(self.find("logical"), ("ok", LOGICAL))
        self.assertEqual(self.find("logical", "<source><host name='x'/></source>"), ("ok", LOGICAL))
        self.assertEqual(self.find("netfs", "<source><host name='nas'/><format type='cifs'/></source>"),
                         netfs("nas"))
        self.assertEqual(self.find("netfs", "<source><host name='a'/><host name='b' port='7'/></source>"),
                         netfs("a"))
        # the host goes in as read, unescaped
        self.assertEqual(self.find("netfs", "<source><host name='h&amp;x'/></source>"), netfs("h&x"))
        self.assertEqual(self.find("netfs"), invalid("hostname must be specified for netfs sources"))

    def test_types(self):
        # "dir" is the type libvirt's lookup cannot tell from none
        self.assertEqual(self.find("dir"), (E, libvirt.VIR_ERR_INTERNAL_ERROR, libvirt.VIR_FROM_TEST,
                                            "internal error: unknown storage pool type dir"))
        for t in ("fs", "disk", "iscsi", "rbd", "bogus", ""):
            self.assertEqual(self.find(t), no_discovery(t), t)
        self.assertEqual(self.find("iscsi", "<source><host name='h'/></source>"), no_discovery("iscsi"))
        self.assertEqual(self.find("bogus", "<source><host name='h'/></source>"),
                         storage(libvirt.VIR_ERR_INTERNAL_ERROR, "internal error: missing backend for pool type -1"))
        self.assertEqual(self.find("logical", None, 1), bad_flags(1, "testConnectFindStoragePoolSources"))

    def test_specification(self):
        xml_error = libvirt.VIR_ERR_XML_ERROR
        unsupported = libvirt.VIR_ERR_CONFIG_UNSUPPORTED
        self.assertEqual(self.find("netfs", "<source><host name='x'/>"),
                         storage(libvirt.VIR_ERR_XML_DETAIL,
                                 "(storage_source_specification):1: Premature end of data in tag source line 1\n"
                                 "<source><host name='x'/>\n------------------------^"))
        self.assertEqual(self.find("logical", "<foo/>"),
                         storage(xml_error, "XML error: expecting root element of 'source', not 'foo'",
                                 libvirt.VIR_FROM_XML))
        cases = [
            ("netfs", "<format type='bogus'/>", storage(unsupported, "unsupported configuration: unknown pool format type bogus")),
            ("logical", "<format type='auto'/>", storage(unsupported, "unsupported configuration: unknown pool format type auto")),
            ("disk", "<format type='gpt'/>", no_discovery("disk")),
            ("netfs", "<host/>", storage(xml_error, "XML error: missing storage pool host name")),
            ("logical", "<host name='h' port='x'/>",
             storage(xml_error, "XML error: Invalid value for attribute 'port' in element 'host': 'x'. "
                     "Expected integer value", libvirt.VIR_FROM_XML)),
            ("logical", "<host name='h' port='-1'/>", ("ok", LOGICAL)),
            ("netfs", "<host name='h'/><device/>", storage(xml_error, "XML error: missing storage pool source device path")),
            ("netfs", "<host name='h'/><device path='/a' part_separator='x'/>",
             storage(xml_error, "XML error: Invalid value for attribute 'part_separator' in element 'device': 'x'.",
                     libvirt.VIR_FROM_XML)),
            ("netfs", "<host name='h'/><adapter type='bogus'/>",
             storage(xml_error, "XML error: Invalid value for attribute 'type' in element 'adapter': 'bogus'.",
                     libvirt.VIR_FROM_XML)),
            ("netfs", "<host name='h'/><auth type='bogus' username='u'/>",
             storage(unsupported, "unsupported configuration: unknown auth type 'bogus'")),
            ("netfs", "<host name='h'/><auth type='chap'/>", storage(xml_error, "XML error: missing username for auth")),
            ("netfs", "<host name='h'/><auth type='chap' username='u'/>",
             storage(xml_error, "XML error: Missing <secret> element in auth")),
            ("netfs", "<host name='h'/><auth type='chap' username='u'><secret/></auth>",
             storage(xml_error, "XML error: missing secret uuid or usage attribute", libvirt.VIR_FROM_NONE)),
            ("netfs", "<host name='h'/><auth type='chap' username='u'><secret uuid='zz'/></auth>",
             storage(xml_error, "XML error: invalid secret uuid 'zz'", libvirt.VIR_FROM_NONE)),
            ("netfs", "<host name='h'/><auth username='u'><secret usage='x'/></auth>",
             storage(unsupported, "unsupported configuration: storage pool missing auth type")),
            ("netfs", "<host name='h'/><auth type='chap' username='u'><secret usage='x'/></auth>", netfs("h")),
            ("netfs", "<host name='h'/><protocol ver='3,4'/>",
             storage(libvirt.VIR_ERR_XML_DETAIL, "storage pool protocol ver '3,4' must not contain ','")),
            ("netfs", "<host name='h'/><format type='cifs'/><protocol ver='3'/>",
             storage(unsupported, "unsupported configuration: storage pool protocol ver unsupported for pool type 'cifs'")),
            ("logical", "<host name='h'/><protocol ver='x'/>", ("ok", LOGICAL)),
            ("rbd", "<host name='h'/>", storage(xml_error, "XML error: element 'name' is mandatory for RBD pool")),
        ]
        for pool_type, inner, want in cases:
            self.assertEqual(self.find(pool_type, "<source>%s</source>" % inner), want, inner)


def iface_names(conn):
    """(name, active) pairs, sorted: the oracle lists them in hash order."""
    return sorted((i.name(), i.isActive()) for i in conn.listAllInterfaces(0))


ETH2 = "<interface type='ethernet' name='eth2'><mac address='aa:bb:cc:dd:ee:00'/></interface>"


class InterfaceTransaction(tap.DefaultCase):
    def test_refusals(self):
        c = self.conn
        self.assertEqual(outcome(c.changeCommit, 0),
                         op_invalid("no transaction running, nothing to be committed."))
        self.assertEqual(outcome(c.changeRollback, 0), op_invalid("no transaction running, nothing to rollback."))
        for fn, name in ((c.changeBegin, "Begin"), (c.changeCommit, "Commit"), (c.changeRollback, "Rollback")):
            self.assertEqual(outcome(fn, 1), bad_flags(1, "testInterfaceChange" + name))
        self.assertEqual(outcome(c.changeBegin, 0), ("ok", 0))
        self.assertEqual(outcome(c.changeBegin, 0), op_invalid("there is another transaction running."))
        # one transaction per host, whatever the connection
        other = libvirt.open("test:///default")
        try:
            self.assertEqual(outcome(other.changeBegin, 0), op_invalid("there is another transaction running."))
            self.assertEqual(outcome(other.changeCommit, 0), ("ok", 0))
        finally:
            other.close()
        self.assertEqual(outcome(c.changeRollback, 0), op_invalid("no transaction running, nothing to rollback."))

    def test_rollback(self):
        c = self.conn
        eth1 = c.interfaceLookupByName("eth1").XMLDesc(0)
        c.changeBegin(0)
        c.interfaceDefineXML(ETH2, 0)
        c.interfaceLookupByName("eth1").undefine()
        self.assertEqual(iface_names(c), [("eth2", 0)])
        self.assertEqual(outcome(c.changeRollback, 0), ("ok", 0))
        # the definitions come back, all down
        self.assertEqual(iface_names(c), [("eth1", 0)])
        self.assertEqual(c.interfaceLookupByName("eth1").XMLDesc(0), eth1)
        self.assertEqual(outcome(c.interfaceLookupByName, "eth2"),
                         (E, libvirt.VIR_ERR_NO_INTERFACE, libvirt.VIR_FROM_TEST,
                          "Interface not found: no interface with matching name 'eth2'"))

    def test_commit(self):
        c = self.conn
        c.changeBegin(0)
        c.interfaceDefineXML(ETH2, 0)
        self.assertEqual(outcome(c.changeCommit, 0), ("ok", 0))
        # what is there stays, up or down
        self.assertEqual(iface_names(c), [("eth1", 1), ("eth2", 0)])
        c.changeBegin(0)
        c.interfaceLookupByName("eth2").undefine()
        c.changeRollback(0)
        self.assertEqual(iface_names(c), [("eth1", 0), ("eth2", 0)])


def png_chunks(data):
    """The chunks of a PNG file after checking its signature and CRCs."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", data[:8]
    chunks, pos = [], 8
    while pos < len(data):
        n, = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        crc, = struct.unpack(">I", data[pos + 8 + n:pos + 12 + n])
        assert zlib.crc32(kind + body) & 0xffffffff == crc, kind
        chunks.append((kind, body))
        pos += 12 + n
    return chunks


class Screenshot(tap.DefaultCase):
    def shoot(self, dom, screen=0):
        st = self.conn.newStream(0)
        mime = dom.screenshot(st, screen, 0)
        data = b""
        while True:
            chunk = st.recv(4096)
            if not chunk:
                break
            data += chunk
        st.finish()
        return mime, data

    def test_png(self):
        mime, data = self.shoot(self.conn.lookupByName("test"))
        self.assertEqual(mime, "image/png")
        chunks = png_chunks(data)
        self.assertEqual(chunks[0][0], b"IHDR")
        self.assertEqual(chunks[-1], (b"IEND", b""))
        width, height, depth, colour, method, filt, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
        self.assertEqual((method, filt, interlace), (0, 0, 0))
        channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
        raw = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
        self.assertEqual(len(raw), height * (1 + width * channels * depth // 8))

    def test_any_screen_any_state(self):
        d = self.conn.lookupByName("test")
        self.assertEqual(self.shoot(d, 1)[0], "image/png")
        d.destroy()
        mime, data = self.shoot(d)
        self.assertEqual(mime, "image/png")
        png_chunks(data)
        st = self.conn.newStream(0)
        self.assertEqual(outcome(d.screenshot, st, 0, 1), bad_flags(1, "testDomainScreenshot"))
        st.abort()


if __name__ == "__main__":
    tap.main()
