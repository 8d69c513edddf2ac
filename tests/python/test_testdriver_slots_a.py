"""More calls of libvirt 9.0's test driver, differential: the same script
runs on our library and on Debian's (oracle_env), and both must give the
results, XML effects and errors (code, domain, message) written here."""
import ctypes
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
        with open(self.path, "w") as f:
            f.write("short")
        short = (E, libvirt.VIR_ERR_SYSTEM_ERROR, TEST, "incomplete save header in '%s': Success" % self.path)
        self.assertEqual(outcome(c.saveImageGetXMLDesc, self.path, 0), short)
        self.assertEqual(outcome(c.restore, self.path), short)

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
        d.create()
        self.assertEqual(outcome(c.restore, self.path),
                         (E, libvirt.VIR_ERR_OPERATION_INVALID, DOM,
                          "Requested operation is not valid: domain 'test' is already active"))
        d.destroy()
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


def threads(xml):
    return lines(xml, "iothread", "cputune")


def cpus(*on):
    return [c in on for c in range(8)]


class IOThreads(tap.DefaultCase):
    def test_add_pin_delete(self):
        d = self.conn.lookupByName("test")
        self.assertEqual(outcome(d.ioThreadInfo, 0), ("ok", []))
        self.assertEqual(outcome(d.ioThreadInfo, LIVE | CONFIG), EXCLUSIVE)
        self.assertEqual(outcome(d.ioThreadInfo, 4), bad_flags("testDomainGetIOThreadInfo", 4))
        self.assertEqual(outcome(d.addIOThread, 0, 4), bad_flags("testDomainAddIOThread", 4))
        self.assertEqual(outcome(d.addIOThread, 0, 0), invalid("invalid value of 0 for iothread_id"))
        self.assertEqual(outcome(d.addIOThread, 1, 0), ("ok", 0))
        self.assertEqual(outcome(d.addIOThread, 1, 0),
                         invalid("an IOThread is already using iothread_id '1'", DOM))
        self.assertEqual(outcome(d.addIOThread, 5, CONFIG), ("ok", 0))
        self.assertEqual(outcome(d.addIOThread, 3, LIVE | CONFIG), EXCLUSIVE)
        self.assertEqual(threads(d.XMLDesc(0)),
                         ["<iothreads>1</iothreads>", "<iothreadids>", "<iothread id='1'/>", "</iothreadids>"])
        self.assertEqual(threads(d.XMLDesc(INACTIVE)),
                         ["<iothreads>1</iothreads>", "<iothreadids>", "<iothread id='5'/>", "</iothreadids>"])
        # an unpinned thread answers one cpu per vcpu (the test domain has 2)
        self.assertEqual(outcome(d.ioThreadInfo, 0), ("ok", [(1, cpus(0, 1))]))
        self.assertEqual(outcome(d.ioThreadInfo, CONFIG), ("ok", [(5, cpus(0, 1))]))
        self.assertEqual(outcome(d.pinIOThread, 1, (True, False, True), 0), ("ok", 0))
        self.assertEqual(outcome(d.ioThreadInfo, 0), ("ok", [(1, cpus(0, 2))]))
        self.assertEqual(outcome(d.pinIOThread, 9, (False,), 0),
                         invalid("Empty iothread cpumap list for pinning"))
        self.assertEqual(outcome(d.pinIOThread, 9, (True,), 0), invalid("iothreadid 9 not found"))
        self.assertEqual(outcome(d.pinIOThread, 1, (True,), 4), bad_flags("testDomainPinIOThread", 4))
        self.assertEqual(outcome(d.addIOThread, 4294967295, 0), ("ok", 0))
        self.assertEqual(threads(d.XMLDesc(0)),
                         ["<iothreads>2</iothreads>", "<iothreadids>", "<iothread id='1'/>",
                          "<iothread id='4294967295'/>", "</iothreadids>", "<cputune>",
                          "<iothreadpin iothread='1' cpuset='0,2'/>", "</cputune>"])
        self.assertEqual(outcome(d.delIOThread, 0, 4),
                         (E, libvirt.VIR_ERR_INVALID_ARG, DOM, "iothread_id in virDomainDelIOThread must not be zero"))
        self.assertEqual(outcome(d.delIOThread, 1, 4), bad_flags("testDomainDelIOThread", 4))
        self.assertEqual(outcome(d.delIOThread, 9, 0),
                         invalid("cannot find IOThread '9' in iothreadids list", DOM))
        self.assertEqual(outcome(d.delIOThread, 1, 0), ("ok", 0))
        self.assertEqual(threads(d.XMLDesc(0)), ["<iothreads>1</iothreads>", "<iothreadids>",
                                                 "<iothread id='4294967295'/>", "</iothreadids>"])
        self.assertEqual(outcome(d.delIOThread, 4294967295, 0), ("ok", 0))
        self.assertEqual(threads(d.XMLDesc(0)), [])
        d.destroy()
        for label, call in (("add", lambda: d.addIOThread(7, LIVE)), ("del", lambda: d.delIOThread(5, LIVE)),
                            ("pin", lambda: d.pinIOThread(5, (True,), LIVE)),
                            ("info", lambda: d.ioThreadInfo(LIVE))):
            self.assertEqual(outcome(call), not_running(), label)
        self.assertEqual(outcome(d.ioThreadInfo, 0), ("ok", [(5, cpus(0, 1))]))
        t = self.conn.createXML(small(), 0)
        self.assertEqual(outcome(t.addIOThread, 1, CONFIG),
                         (E, libvirt.VIR_ERR_OPERATION_INVALID, DOM, "Requested operation is not valid: "
                          "transient domains do not have any persistent config"))

    def test_filled_in_ids(self):
        # <iothreads> alone: libvirt numbers the threads 1.. and writes no ids
        # until one is added, pinned or removed from the middle
        c = self.conn
        xml = ("<domain type='test'><name>io</name><memory>1024</memory><vcpu>%s</vcpu>"
               "<iothreads>%d</iothreads><os><type>hvm</type></os>%s</domain>")
        d = c.defineXML(xml % ("1", 2, ""))
        self.assertEqual(outcome(d.ioThreadInfo, 0), ("ok", [(1, cpus(0)), (2, cpus(0))]))
        self.assertEqual(outcome(d.addIOThread, 2, 0), invalid("an IOThread is already using iothread_id '2'", DOM))
        self.assertEqual(outcome(d.delIOThread, 2, 0), ("ok", 0))
        self.assertEqual(threads(d.XMLDesc(0)), ["<iothreads>1</iothreads>"])
        self.assertEqual(outcome(d.delIOThread, 1, 0), ("ok", 0))
        self.assertEqual(threads(d.XMLDesc(0)), [])
        d.undefine()
        d = c.defineXML(xml % ("1", 3, ""))
        self.assertEqual(outcome(d.delIOThread, 1, 0), ("ok", 0))
        self.assertEqual(threads(d.XMLDesc(0)), ["<iothreads>2</iothreads>", "<iothreadids>",
                                                 "<iothread id='2'/>", "<iothread id='3'/>", "</iothreadids>"])
        d.undefine()
        d = c.defineXML(xml % ("4", 2, ""))
        self.assertEqual(outcome(d.pinIOThread, 2, (False, True), 0), ("ok", 0))
        self.assertEqual(threads(d.XMLDesc(0)), ["<iothreads>2</iothreads>", "<iothreadids>",
                                                 "<iothread id='1'/>", "<iothread id='2'/>", "</iothreadids>",
                                                 "<cputune>", "<iothreadpin iothread='2' cpuset='1'/>",
                                                 "</cputune>"])
        self.assertEqual(outcome(d.ioThreadInfo, 0), ("ok", [(1, cpus(0, 1, 2, 3)), (2, cpus(1))]))
        d.undefine()
        # once some are named, libvirt names the others (lowest free ids, after them)
        d = c.defineXML((xml % ("1", 3, "")).replace("</iothreads>", "</iothreads><iothreadids>"
                                                     "<iothread id='5'/></iothreadids>"))
        self.assertEqual(threads(d.XMLDesc(0)), ["<iothreads>3</iothreads>", "<iothreadids>", "<iothread id='5'/>",
                                                 "<iothread id='1'/>", "<iothread id='2'/>", "</iothreadids>"])
        self.assertEqual(outcome(d.delIOThread, 5, 0), ("ok", 0))
        self.assertEqual(outcome(d.ioThreadInfo, 0), ("ok", [(1, cpus(0)), (2, cpus(0))]))
        d.undefine()
        # the vcpus' cpuset stands for unpinned threads; a disk keeps its thread
        d = c.defineXML(xml.replace("<vcpu>", "<vcpu cpuset='1,3'>") % (
            "2", 1, "<devices><disk type='file' device='disk'><driver name='qemu' iothread='1'/>"
            "<source file='/a'/><target dev='vda' bus='virtio'/></disk></devices>"))
        self.assertEqual(outcome(d.ioThreadInfo, 0), ("ok", [(1, cpus(1, 3))]))
        self.assertEqual(outcome(d.delIOThread, 1, 0),
                         invalid("cannot remove IOThread 1 since it is being used by disk 'vda'", DOM))

    def test_params(self):
        d = self.conn.lookupByName("test")
        d.addIOThread(1, 0)
        poll = {"poll_max_ns": 10, "poll_grow": 2, "poll_shrink": 3}
        self.assertEqual(outcome(d.setIOThreadParams, 1, poll, 0), ("ok", 0))
        self.assertEqual(outcome(d.setIOThreadParams, 1, poll, LIVE), ("ok", 0))
        self.assertEqual(outcome(d.setIOThreadParams, 1, {}, 0),
                         (E, libvirt.VIR_ERR_INVALID_ARG, DOM, "params in virDomainSetIOThreadParams must not be NULL"))
        for flags, bits in ((CONFIG, 2), (LIVE | CONFIG, 2), (4, 4)):
            self.assertEqual(outcome(d.setIOThreadParams, 1, poll, flags),
                             bad_flags("testDomainSetIOThreadParams", bits))
        self.assertEqual(outcome(d.setIOThreadParams, 9, {"bogus": 1}, 0),
                         invalid("cannot find IOThread '9' in iothreadids"))
        # parameters are checked in the order of their names
        self.assertEqual(outcome(d.setIOThreadParams, 1, {"thread_pool_min": 2, "thread_pool_max": 5}, 0),
                         (E, libvirt.VIR_ERR_ARGUMENT_UNSUPPORTED, libvirt.VIR_FROM_NONE,
                          "argument unsupported: parameter 'thread_pool_max' not supported"))
        self.assertEqual(lines(d.XMLDesc(0), "iothread id"), ["<iothread id='1'/>"])
        d.destroy()
        self.assertEqual(outcome(d.setIOThreadParams, 1, poll, LIVE), not_running())
        d.addIOThread(2, 0)
        self.assertEqual(outcome(d.setIOThreadParams, 2, poll, 0), ("ok", 0))
        # 9.0's test driver takes settings only for threads virDomainAddIOThread
        # gave the domain (and not removed since); for others it fails without
        # an error of its own
        unknown = (E, libvirt.VIR_ERR_INTERNAL_ERROR, libvirt.VIR_FROM_NONE,
                   "An error occurred, but the cause is unknown")
        d.addIOThread(3, 0)
        d.delIOThread(3, 0)
        x = d.XMLDesc(0).replace("<iothreads>1</iothreads>", "<iothreads>3</iothreads>")
        d = self.conn.defineXML(x.replace("<iothreadids>", "<iothreadids><iothread id='3'/><iothread id='1'/>"))
        self.assertEqual([outcome(d.setIOThreadParams, i, poll, 0) for i in (1, 2, 3)],
                         [("ok", 0), ("ok", 0), unknown])
        d.create()
        self.assertEqual([outcome(d.setIOThreadParams, i, poll, 0) for i in (1, 2, 3)],
                         [("ok", 0), ("ok", 0), unknown])
        d = self.conn.defineXML("<domain type='test'><name>io</name><memory>1024</memory><iothreads>1</iothreads>"
                                "<os><type>hvm</type></os></domain>")
        self.assertEqual(outcome(d.setIOThreadParams, 1, poll, 0), unknown)


IOTUNE_NAMES = ["total_bytes_sec", "read_bytes_sec", "write_bytes_sec", "total_iops_sec", "read_iops_sec",
                "write_iops_sec", "total_bytes_sec_max", "read_bytes_sec_max", "write_bytes_sec_max",
                "total_iops_sec_max", "read_iops_sec_max", "write_iops_sec_max", "size_iops_sec", "group_name",
                "total_bytes_sec_max_length", "read_bytes_sec_max_length", "write_bytes_sec_max_length",
                "total_iops_sec_max_length", "read_iops_sec_max_length", "write_iops_sec_max_length"]


def iotune(**values):
    out = {n: 0 for n in IOTUNE_NAMES}
    out["group_name"] = ""
    out.update(values)
    return out


def iotune_xml(xml):
    out, on = [], False
    for l in xml.splitlines():
        on = on or "<iotune" in l
        if on:
            out.append(l.strip())
        on = on and "</iotune" not in l
    return out


class BlockIoTune(tap.DefaultCase):
    def test_get(self):
        d = self.conn.lookupByName("test")
        self.assertEqual(outcome(d.blockIoTune, "vda", 0), ("ok", iotune()))
        self.assertEqual(outcome(d.blockIoTune, "/guest/diskimage1", CONFIG), ("ok", iotune()))
        self.assertEqual(outcome(d.blockIoTune, "vdz", 0), invalid("disk 'vdz' was not found in the domain config"))
        self.assertEqual(outcome(d.blockIoTune, "vda", LIVE | CONFIG), EXCLUSIVE)
        self.assertEqual(outcome(d.blockIoTune, "vda", 8), bad_flags("testDomainGetBlockIoTune", 8))
        d.destroy()
        self.assertEqual(outcome(d.blockIoTune, "vda", LIVE), not_running())

    def test_set(self):
        d = self.conn.lookupByName("test")
        some = {"read_bytes_sec": 5, "total_bytes_sec": 0, "read_iops_sec": 7, "read_iops_sec_max": 8,
                "write_iops_sec_max": 9, "group_name": "grp", "size_iops_sec": 3,
                "total_bytes_sec_max_length": 4, "read_bytes_sec_max": 6}
        self.assertEqual(outcome(d.setBlockIoTune, "vda", some, 0), ("ok", 0))
        self.assertEqual(iotune_xml(d.XMLDesc(0)), [
            "<iotune>", "<read_bytes_sec>5</read_bytes_sec>", "<read_iops_sec>7</read_iops_sec>",
            "<read_bytes_sec_max>6</read_bytes_sec_max>", "<read_iops_sec_max>8</read_iops_sec_max>",
            "<write_iops_sec_max>9</write_iops_sec_max>", "<size_iops_sec>3</size_iops_sec>",
            "<group_name>grp</group_name>", "<total_bytes_sec_max_length>4</total_bytes_sec_max_length>",
            "</iotune>"])
        self.assertEqual(iotune_xml(d.XMLDesc(INACTIVE)), [])
        want = iotune(**{k: v for k, v in some.items()})
        self.assertEqual(outcome(d.blockIoTune, "vda", 0), ("ok", want))
        for params, message in (
                ({"total_bytes_sec": 100}, "total and read/write of bytes_sec cannot be set at the same time"),
                ({"write_bytes_sec": 1}, "write_bytes_sec cannot be set higher than write_bytes_sec_max "),
                ({"read_bytes_sec": 10}, "read_bytes_sec cannot be set higher than read_bytes_sec_max "),
                ({"total_iops_sec": 1}, "total and read/write of iops_sec cannot be set at the same time"),
                ({"write_bytes_sec_max": 1, "total_bytes_sec_max": 2},
                 "total and read/write of bytes_sec_max cannot be set at the same time"),
                ({"total_iops_sec_max": 1}, "total and read/write of iops_sec_max cannot be set at the same time")):
            self.assertEqual(outcome(d.setBlockIoTune, "vda", params, 0), invalid(message), params)
        self.assertEqual(outcome(d.setBlockIoTune, "vda", {"read_bytes_sec": 10 ** 15 + 1}, 0),
                         (E, libvirt.VIR_ERR_ARGUMENT_UNSUPPORTED, TEST, "argument unsupported: "
                          "block I/O throttle limit value must be no more than 1000000000000000"))
        self.assertEqual(outcome(d.blockIoTune, "vda", 0), ("ok", want))
        self.assertEqual(outcome(d.setBlockIoTune, "vdz", {"read_bytes_sec": 1}, 0),
                         invalid("disk 'vdz' was not found in the domain config"))
        self.assertEqual(outcome(d.setBlockIoTune, "vda", {"read_bytes_sec": 1}, LIVE | CONFIG), EXCLUSIVE)
        self.assertEqual(outcome(d.setBlockIoTune, "vda", {"read_bytes_sec": 1}, 4),
                         bad_flags("testDomainSetBlockIoTune", 4))
        cleared = {k: 0 for k in some if k != "group_name"}
        cleared["read_iops_sec_max"] = 8
        cleared["group_name"] = ""
        self.assertEqual(outcome(d.setBlockIoTune, "vda", cleared, 0), ("ok", 0))
        self.assertEqual(iotune_xml(d.XMLDesc(0)), ["<iotune>", "<read_iops_sec_max>8</read_iops_sec_max>",
                                                    "<group_name></group_name>", "</iotune>"])
        self.assertEqual(outcome(d.setBlockIoTune, "vda", {"read_iops_sec_max": 0}, 0), ("ok", 0))
        self.assertEqual(outcome(d.setBlockIoTune, "vda", {"write_iops_sec": 3, "write_iops_sec_max": 3},
                                 CONFIG), ("ok", 0))
        self.assertEqual(iotune_xml(d.XMLDesc(INACTIVE)), [
            "<iotune>", "<write_iops_sec>3</write_iops_sec>", "<write_iops_sec_max>3</write_iops_sec_max>",
            "</iotune>"])
        d.destroy()
        self.assertEqual(outcome(d.setBlockIoTune, "vda", {"write_iops_sec": 3}, LIVE), not_running())
        self.assertEqual(outcome(d.blockIoTune, "vda", 0), ("ok", iotune(write_iops_sec=3, write_iops_sec_max=3)))


class TP(ctypes.Structure):
    _fields_ = [("field", ctypes.c_char * 80), ("type", ctypes.c_int), ("value", ctypes.c_ulonglong)]


class IOT(ctypes.Structure):
    _fields_ = [("id", ctypes.c_uint), ("cpumap", ctypes.POINTER(ctypes.c_ubyte)), ("cpumaplen", ctypes.c_int)]


class RawCalls(tap.DefaultCase):
    """What the binding cannot send: repeated or no parameters, sizes of
    its own choosing. The C library is the one the binding runs on."""

    def setUp(self):
        super().setUp()
        lib = self.lib = ctypes.CDLL("libvirt.so.0")
        lib.virConnectOpen.restype = ctypes.c_void_p
        lib.virConnectOpen.argtypes = [ctypes.c_char_p]
        lib.virConnectClose.argtypes = [ctypes.c_void_p]
        lib.virDomainLookupByName.restype = ctypes.c_void_p
        lib.virDomainLookupByName.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
        lib.virDomainFree.argtypes = [ctypes.c_void_p]
        lib.virGetLastErrorMessage.restype = ctypes.c_char_p
        lib.virDomainSetBlockIoTune.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_void_p,
                                                ctypes.c_int, ctypes.c_uint]
        lib.virDomainSetIOThreadParams.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_void_p,
                                                   ctypes.c_int, ctypes.c_uint]
        lib.virDomainAddIOThread.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_uint]
        lib.virDomainGetVcpuPinInfo.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p,
                                                ctypes.c_int, ctypes.c_uint]
        lib.virDomainGetEmulatorPinInfo.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int,
                                                    ctypes.c_uint]
        lib.virDomainGetBlockIoTune.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_void_p,
                                                ctypes.POINTER(ctypes.c_int), ctypes.c_uint]
        lib.virDomainGetIOThreadInfo.argtypes = [ctypes.c_void_p,
                                                 ctypes.POINTER(ctypes.POINTER(ctypes.POINTER(IOT))),
                                                 ctypes.c_uint]
        lib.virDomainPinIOThread.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_void_p, ctypes.c_int,
                                             ctypes.c_uint]
        self.c = lib.virConnectOpen(b"test:///default")
        self.d = lib.virDomainLookupByName(self.c, b"test")

    def tearDown(self):
        self.lib.virDomainFree(self.d)
        self.lib.virConnectClose(self.c)
        super().tearDown()

    def answer(self, rc):
        return (rc, self.lib.virGetLastErrorMessage().decode() if rc < 0 else None)

    def test_params(self):
        lib, d = self.lib, self.d
        ps = (TP * 2)()
        for p in ps:
            p.field, p.type, p.value = b"read_bytes_sec", libvirt.VIR_TYPED_PARAM_ULLONG, 1
        twice = "invalid argument: parameter '%s' occurs multiple times"
        self.assertEqual(self.answer(lib.virDomainSetBlockIoTune(d, b"vda", ps, 2, 0)),
                         (-1, twice % "read_bytes_sec"))
        ps[0].type = libvirt.VIR_TYPED_PARAM_UINT
        self.assertEqual(self.answer(lib.virDomainSetBlockIoTune(d, b"vda", ps, 2, 0)),
                         (-1, "invalid argument: invalid type 'uint' for parameter 'read_bytes_sec', "
                              "expected 'ullong'"))
        for n, params in ((0, ps), (0, None), (-1, ps)):
            self.assertEqual(self.answer(lib.virDomainSetBlockIoTune(d, b"vda", params, n, 0)),
                             (-1, "nparams in virDomainSetBlockIoTune must be greater than zero"))
        self.assertEqual(lib.virDomainAddIOThread(d, 1, 0), 0)
        for p in ps:
            p.field, p.type = b"poll_grow", libvirt.VIR_TYPED_PARAM_UINT
        self.assertEqual(self.answer(lib.virDomainSetIOThreadParams(d, 1, ps, 2, 0)), (-1, twice % "poll_grow"))
        self.assertEqual(self.answer(lib.virDomainSetIOThreadParams(d, 1, ps, 0, 0)),
                         (-1, "nparams in virDomainSetIOThreadParams must be greater than zero"))
        self.assertEqual(self.answer(lib.virDomainSetIOThreadParams(d, 1, ps, 1, 0)), (0, None))

    def test_partial_and_sized_answers(self):
        lib, d = self.lib, self.d
        ps = (TP * 25)()
        for asked, told in ((3, 3), (25, 20)):
            n = ctypes.c_int(asked)
            self.assertEqual(lib.virDomainGetBlockIoTune(d, b"vda", ps, ctypes.byref(n), 0), 0)
            self.assertEqual((n.value, ps[told - 1].field), (told, IOTUNE_NAMES[told - 1].encode()))
        # a thread's map is as long as its highest cpu needs
        lib.virDomainAddIOThread(d, 1, 0)
        lib.virDomainAddIOThread(d, 2, 0)
        self.assertEqual(lib.virDomainPinIOThread(d, 2, (ctypes.c_ubyte * 4)(0, 0, 1, 0), 4, 0), 0)
        info = ctypes.POINTER(ctypes.POINTER(IOT))()
        n = lib.virDomainGetIOThreadInfo(d, ctypes.byref(info), 0)
        got = [(info[i].contents.id, bytes(info[i].contents.cpumap[:info[i].contents.cpumaplen]))
               for i in range(n)]
        self.assertEqual(got, [(1, b"\x03"), (2, b"\x00\x00\x01")])

    def test_map_sizes(self):
        # 16 host cpus; as many maps as vcpus (2) at most
        lib, d = self.lib, self.d
        buf = ctypes.create_string_buffer(16)
        self.assertEqual(lib.virDomainGetVcpuPinInfo(d, 5, buf, 2, 0), 2)
        self.assertEqual(buf.raw[:4], b"\xff\xff\xff\xff")
        buf = ctypes.create_string_buffer(16)
        self.assertEqual(lib.virDomainGetVcpuPinInfo(d, 1, buf, 4, 0), 1)
        self.assertEqual(buf.raw[:5], b"\xff\xff\x00\x00\x00")
        buf = ctypes.create_string_buffer(16)
        self.assertEqual(lib.virDomainGetEmulatorPinInfo(d, buf, 3, 0), 1)
        self.assertEqual(buf.raw[:4], b"\xff\xff\x00\x00")


if __name__ == "__main__":
    tap.main()
