"""More calls of libvirt 9.0's test driver, differential: the same script
runs on our library and on Debian's (oracle_env), and both must give the
results, XML effects and errors (code, domain, message) written here."""
import os
import tempfile

import tap
from tap import libvirt

E = "err"
TEST = libvirt.VIR_FROM_TEST
DOM = libvirt.VIR_FROM_DOMAIN


def outcome(fn, *args):
    """("ok", result) or (E, code, domain, message)."""
    try:
        return ("ok", fn(*args))
    except libvirt.libvirtError as e:
        return (E, e.get_error_code(), e.get_error_domain(), e.get_error_message())


def bad_flags(fn_name, bits):
    return (E, libvirt.VIR_ERR_INVALID_ARG, TEST,
            "unsupported flags (0x%x) in function %s" % (bits, fn_name))


def invalid(message, domain=TEST):
    return (E, libvirt.VIR_ERR_INVALID_ARG, domain, "invalid argument: " + message)


def not_running():
    return (E, libvirt.VIR_ERR_OPERATION_INVALID, DOM,
            "Requested operation is not valid: domain is not running")


def lines(xml, *words):
    """The lines of xml holding any of words, stripped."""
    return [l.strip() for l in xml.splitlines() if any(w in l for w in words)]


EXCLUSIVE = (E, libvirt.VIR_ERR_INVALID_ARG, DOM,
             "Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' are mutually exclusive")
LIVE, CONFIG = libvirt.VIR_DOMAIN_AFFECT_LIVE, libvirt.VIR_DOMAIN_AFFECT_CONFIG
INACTIVE = libvirt.VIR_DOMAIN_XML_INACTIVE


def small(devices=""):
    return ("<domain type='test'><name>slots-a</name><memory>1048576</memory><vcpu>2</vcpu>"
            "<os><type>hvm</type></os><devices>%s</devices></domain>" % devices)


class Guest(tap.DefaultCase):
    def test_hostname_and_password(self):
        d = self.conn.lookupByName("test")
        self.assertEqual(outcome(d.hostname, 0), ("ok", "testhost"))
        self.assertEqual(outcome(d.hostname, 1), bad_flags("testDomainGetHostname", 1))
        self.assertEqual(outcome(d.setUserPassword, "root", "x", 0), ("ok", 0))
        self.assertEqual(outcome(d.setUserPassword, "root", "$6$x",
                                 libvirt.VIR_DOMAIN_PASSWORD_ENCRYPTED), ("ok", 0))
        self.assertEqual(outcome(d.setUserPassword, "root", "x", 2),
                         bad_flags("testDomainSetUserPassword", 2))
        d.destroy()
        self.assertEqual(outcome(d.hostname, 0), not_running())
        self.assertEqual(outcome(d.setUserPassword, "root", "x", 0), not_running())
        t = self.conn.createXML(small(), 0)
        self.assertEqual(outcome(t.hostname, 0), ("ok", "slots-ahost"))

    def test_launch_security(self):
        # 9.0's entry point adds VIR_TYPED_PARAM_STRING_OKAY, which the test
        # driver does not take: the call always fails
        d = self.conn.lookupByName("test")
        self.assertEqual(outcome(d.launchSecurityInfo, 0),
                         bad_flags("testDomainGetLaunchSecurityInfo", 4))
        self.assertEqual(outcome(d.launchSecurityInfo, 1),
                         bad_flags("testDomainGetLaunchSecurityInfo", 5))


class WithFiles(tap.DefaultCase):
    def test_create_with_files(self):
        d = self.conn.lookupByName("test")
        self.assertEqual(outcome(d.createWithFiles, [], 0),
                         (E, libvirt.VIR_ERR_INTERNAL_ERROR, TEST,
                          "internal error: Domain 'test' is already running"))
        d.destroy()
        self.assertEqual(outcome(d.createWithFiles, [], 1 << 20),
                         bad_flags("testDomainCreateWithFlags", 1 << 20))
        self.assertEqual(outcome(d.createWithFiles, [0], 0), ("ok", 0))
        self.assertEqual(d.state(), [libvirt.VIR_DOMAIN_RUNNING, libvirt.VIR_DOMAIN_RUNNING_BOOTED])
        self.assertEqual(d.ID(), 2)

    def test_create_xml_with_files(self):
        c = self.conn
        self.assertEqual(outcome(c.createXMLWithFiles, c.lookupByName("test").XMLDesc(0), [], 0),
                         (E, libvirt.VIR_ERR_OPERATION_INVALID, DOM,
                          "Requested operation is not valid: domain 'test' is already active"))
        self.assertEqual(outcome(c.createXMLWithFiles, small(), [], 2),
                         bad_flags("testDomainCreateXML", 2))
        r = outcome(c.createXMLWithFiles, small(), [], 0)
        self.assertEqual(r[0], "ok")
        self.assertEqual((r[1].name(), r[1].ID(), r[1].isPersistent(), r[1].state()),
                         ("slots-a", 2, 0, [libvirt.VIR_DOMAIN_RUNNING, libvirt.VIR_DOMAIN_RUNNING_BOOTED]))
        self.assertEqual(outcome(c.createXMLWithFiles, "<bad", [], 0)[:3],
                         (E, libvirt.VIR_ERR_XML_DETAIL, DOM))


class MemoryStatsPeriod(tap.DefaultCase):
    def test_period(self):
        d = self.conn.lookupByName("test")
        self.assertEqual(outcome(d.setMemoryStatsPeriod, -1, 0),
                         (E, libvirt.VIR_ERR_INVALID_ARG, DOM,
                          "period in virDomainSetMemoryStatsPeriod must be zero or greater"))
        self.assertEqual(outcome(d.setMemoryStatsPeriod, 5, LIVE | CONFIG), EXCLUSIVE)
        self.assertEqual(outcome(d.setMemoryStatsPeriod, 5, 4),
                         bad_flags("testDomainSetMemoryStatsPeriod", 4))
        self.assertEqual(outcome(d.setMemoryStatsPeriod, 10, 0), ("ok", 0))
        self.assertEqual(outcome(d.setMemoryStatsPeriod, 7, CONFIG), ("ok", 0))
        self.assertEqual(lines(d.XMLDesc(0), "stats"), ["<stats period='10'/>"])
        self.assertEqual(lines(d.XMLDesc(INACTIVE), "stats"), ["<stats period='7'/>"])
        self.assertEqual(outcome(d.setMemoryStatsPeriod, 0, LIVE), ("ok", 0))
        self.assertEqual(lines(d.XMLDesc(0), "stats", "memballoon"),
                         ["<memballoon model='virtio'>", "</memballoon>"])
        d.destroy()
        self.assertEqual(lines(d.XMLDesc(0), "stats"), ["<stats period='7'/>"])
        self.assertEqual(outcome(d.setMemoryStatsPeriod, 3, LIVE), not_running())

    def test_no_balloon(self):
        none = (E, libvirt.VIR_ERR_INTERNAL_ERROR, TEST,
                "internal error: No memory balloon device configured, can not set the collection period")
        for devices in ("", "<memballoon model='none'/>"):
            d = self.conn.defineXML(small(devices))
            self.assertEqual(outcome(d.setMemoryStatsPeriod, 3, 0), none, devices)
            d.undefine()


class SaveImage(tap.DefaultCase):
    def setUp(self):
        super().setUp()
        self.dir = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.dir.name, "image")

    def tearDown(self):
        self.dir.cleanup()
        super().tearDown()

    def test_missing_or_not_an_image(self):
        c = self.conn
        missing = (E, libvirt.VIR_ERR_SYSTEM_ERROR, TEST,
                   "cannot read domain image '%s': No such file or directory" % self.path)
        self.assertEqual(outcome(c.saveImageGetXMLDesc, self.path, 0), missing)
        self.assertEqual(outcome(c.saveImageDefineXML, self.path, small(), 0), missing)
        self.assertEqual(outcome(c.saveImageGetXMLDesc, self.path, 2),
                         bad_flags("testDomainSaveImageGetXMLDesc", 2))
        self.assertEqual(outcome(c.saveImageDefineXML, self.path, small(), 1),
                         bad_flags("testDomainSaveImageDefineXML", 1))
        with open(self.path, "w") as f:
            f.write("not an image, but long enough to hold a header\n")
        magic = (E, libvirt.VIR_ERR_INTERNAL_ERROR, TEST, "internal error: mismatched header magic")
        self.assertEqual(outcome(c.saveImageGetXMLDesc, self.path, 0), magic)
        self.assertEqual(outcome(c.saveImageDefineXML, self.path, small(), 0), magic)
        self.assertEqual(outcome(c.restore, self.path), magic)

    def test_read_and_replace(self):
        c = self.conn
        d = c.lookupByName("test")
        want = d.XMLDesc(0).replace(" id='1'", "")  # an image holds no id
        d.save(self.path)
        self.assertEqual(outcome(c.saveImageGetXMLDesc, self.path, 0), ("ok", want))
        self.assertEqual(outcome(c.saveImageGetXMLDesc, self.path,
                                 libvirt.VIR_DOMAIN_SAVE_IMAGE_XML_SECURE), ("ok", want))
        smaller = want.replace("<memory unit='KiB'>8388608", "<memory unit='KiB'>4194304")
        for flags in (0, libvirt.VIR_DOMAIN_SAVE_RUNNING):
            self.assertEqual(outcome(c.saveImageDefineXML, self.path, smaller, flags), ("ok", 0))
        self.assertEqual(outcome(c.saveImageGetXMLDesc, self.path, 0), ("ok", smaller))
        self.assertEqual(outcome(c.saveImageDefineXML, self.path, "<bad", 0)[:3],
                         (E, libvirt.VIR_ERR_XML_DETAIL, DOM))
        self.assertEqual(outcome(c.saveImageDefineXML, self.path, smaller, 8),
                         bad_flags("testDomainSaveImageDefineXML", 8))
        self.assertEqual(outcome(c.restore, self.path), ("ok", 0))
        self.assertEqual(d.maxMemory(), 4194304)
        self.assertEqual(d.state(), [libvirt.VIR_DOMAIN_RUNNING, libvirt.VIR_DOMAIN_RUNNING_RESTORED])


ALL8 = (True,) * 8


def pins(xml):
    return lines(xml, "pin", "cputune")


class Pinning(tap.DefaultCase):
    # the binding sizes maps for the 8 cpus of virNodeGetCPUMap
    def test_emulator(self):
        d = self.conn.lookupByName("test")
        self.assertEqual(outcome(d.emulatorPinInfo, 0), ("ok", ALL8))
        self.assertEqual(outcome(d.emulatorPinInfo, LIVE | CONFIG), EXCLUSIVE)
        self.assertEqual(outcome(d.emulatorPinInfo, 4), bad_flags("testDomainGetEmulatorPinInfo", 4))
        self.assertEqual(outcome(d.pinEmulator, (True, False, True), 0), ("ok", 0))
        self.assertEqual(pins(d.XMLDesc(0)), ["<cputune>", "<emulatorpin cpuset='0,2'/>", "</cputune>"])
        self.assertEqual(pins(d.XMLDesc(INACTIVE)), [])
        self.assertEqual(outcome(d.emulatorPinInfo, 0), ("ok", (True, False, True) + (False,) * 5))
        self.assertEqual(outcome(d.emulatorPinInfo, CONFIG), ("ok", ALL8))
        self.assertEqual(outcome(d.pinEmulator, (False,) * 8, 0), invalid("Empty cpu list for pinning"))
        self.assertEqual(outcome(d.pinEmulator, (True,), LIVE | CONFIG), EXCLUSIVE)
        self.assertEqual(outcome(d.pinEmulator, (True,), 4), bad_flags("testDomainPinEmulator", 4))
        self.assertEqual(outcome(d.pinEmulator, (False, True, True, True), CONFIG), ("ok", 0))
        self.assertEqual(pins(d.XMLDesc(INACTIVE)), ["<cputune>", "<emulatorpin cpuset='1-3'/>", "</cputune>"])
        d.destroy()
        self.assertEqual(outcome(d.emulatorPinInfo, LIVE), not_running())
        self.assertEqual(outcome(d.pinEmulator, (True,), LIVE), not_running())
        self.assertEqual(outcome(d.emulatorPinInfo, 0), ("ok", (False, True, True, True) + (False,) * 4))

    def test_vcpus(self):
        c = self.conn
        d = c.lookupByName("test")
        self.assertEqual(outcome(d.vcpuPinInfo, 0), ("ok", [ALL8, ALL8]))
        self.assertEqual(outcome(d.vcpuPinInfo, LIVE | CONFIG), EXCLUSIVE)
        self.assertEqual(outcome(d.vcpuPinInfo, 4), ("ok", [ALL8, ALL8]))  # no flags check
        d.pinVcpu(1, (False, True))
        self.assertEqual(outcome(d.vcpuPinInfo, 0), ("ok", [ALL8, (False, True) + (False,) * 6]))
        self.assertEqual(pins(d.XMLDesc(0)), ["<cputune>", "<vcpupin vcpu='1' cpuset='1'/>", "</cputune>"])
        self.assertEqual(outcome(d.vcpuPinInfo, CONFIG), ("ok", [ALL8, ALL8]))
        d.destroy()
        self.assertEqual(outcome(d.vcpuPinInfo, LIVE), not_running())
        self.assertEqual(pins(d.XMLDesc(0)), [])
        # the vcpu cpuset stands for vcpus without a pin, and for the emulator
        v = c.defineXML("<domain type='test'><name>v</name><memory>1024</memory>"
                        "<vcpu cpuset='1-3' current='2'>4</vcpu><os><type>hvm</type></os>"
                        "<cputune><vcpupin vcpu='1' cpuset='2,4'/></cputune></domain>")
        some = (False, True, True, True, False, False, False, False)
        self.assertEqual(outcome(v.vcpuPinInfo, 0),
                         ("ok", [some, (False, False, True, False, True, False, False, False)]))
        self.assertEqual(outcome(v.emulatorPinInfo, 0), ("ok", some))
        v.create()
        self.assertEqual(v.vcpus()[1], [some, (False, False, True, False, True, False, False, False)])
        self.assertEqual([i[3] for i in v.vcpus()[0]], [3, 4])


def actions(xml):
    return lines(xml, "<on_")


class Lifecycle(tap.DefaultCase):
    def test_set_action(self):
        d = self.conn.lookupByName("test")
        P, R, C = (libvirt.VIR_DOMAIN_LIFECYCLE_POWEROFF, libvirt.VIR_DOMAIN_LIFECYCLE_REBOOT,
                   libvirt.VIR_DOMAIN_LIFECYCLE_CRASH)
        self.assertEqual(outcome(d.setLifecycleAction, 3, 0, 0), invalid("invalid lifecycle type '3'", DOM))
        self.assertEqual(outcome(d.setLifecycleAction, P, 6, 0), invalid("invalid lifecycle action '6'", DOM))
        self.assertEqual(outcome(d.setLifecycleAction, 9, 0, 1 << 5), invalid("invalid lifecycle type '9'", DOM))
        self.assertEqual(outcome(d.setLifecycleAction, P, 4, 1 << 5),
                         bad_flags("testDomainSetLifecycleAction", 1 << 5))
        for t, name in ((P, "poweroff"), (R, "reboot")):
            for a, action in ((4, "coredump-destroy"), (5, "coredump-restart")):
                self.assertEqual(outcome(d.setLifecycleAction, t, a, 0),
                                 (E, libvirt.VIR_ERR_CONFIG_UNSUPPORTED, DOM,
                                  "unsupported configuration: Lifecycle event '%s' doesn't support '%s' action"
                                  % (name, action)))
        self.assertEqual(outcome(d.setLifecycleAction, P, 3, 0), ("ok", 0))
        self.assertEqual(outcome(d.setLifecycleAction, R, 2, CONFIG), ("ok", 0))
        self.assertEqual(outcome(d.setLifecycleAction, C, 5, LIVE | CONFIG), ("ok", 0))
        self.assertEqual(actions(d.XMLDesc(0)), ["<on_poweroff>preserve</on_poweroff>",
                                                 "<on_reboot>restart</on_reboot>",
                                                 "<on_crash>coredump-restart</on_crash>"])
        self.assertEqual(actions(d.XMLDesc(INACTIVE)), ["<on_poweroff>destroy</on_poweroff>",
                                                        "<on_reboot>rename-restart</on_reboot>",
                                                        "<on_crash>coredump-restart</on_crash>"])
        d.destroy()
        self.assertEqual(outcome(d.setLifecycleAction, P, 1, LIVE), not_running())
        self.assertEqual(outcome(d.setLifecycleAction, P, 1, 0), ("ok", 0))
        self.assertEqual(actions(d.XMLDesc(0))[0], "<on_poweroff>restart</on_poweroff>")
        t = self.conn.createXML(small(), 0)
        self.assertEqual(outcome(t.setLifecycleAction, P, 1, CONFIG),
                         (E, libvirt.VIR_ERR_OPERATION_INVALID, DOM, "Requested operation is not valid: "
                          "transient domains do not have any persistent config"))

    def test_shutdown_and_reboot_follow_actions(self):
        d = self.conn.lookupByName("test")
        running = [libvirt.VIR_DOMAIN_RUNNING, libvirt.VIR_DOMAIN_RUNNING_BOOTED]
        stopped = [libvirt.VIR_DOMAIN_SHUTOFF, libvirt.VIR_DOMAIN_SHUTOFF_SHUTDOWN]
        for action, after in ((0, stopped), (1, running), (2, running), (3, stopped)):
            for kind, call in ((libvirt.VIR_DOMAIN_LIFECYCLE_POWEROFF, d.shutdown),
                               (libvirt.VIR_DOMAIN_LIFECYCLE_REBOOT, lambda: d.reboot(0))):
                d.setLifecycleAction(kind, action, 0)
                was = d.ID()
                self.assertEqual(outcome(call), ("ok", 0))
                self.assertEqual(d.state(), after, (kind, action))
                if after == running:
                    self.assertEqual(d.ID(), was)
                else:
                    d.create()


if __name__ == "__main__":
    tap.main()
