"""virDomainQemuMonitorCommand end to end: Debian's libvirt_qemu module on
our libraries, qemu:///session through our libvirtd (started on demand in
a private session) and its QEMU program, to the qemu module and a real
QEMU with no guest to boot. QMP commands come back as QEMU's reply, error
replies included; the HMP flag runs a human monitor command."""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import unittest

import tap
from tap import libvirt

import libvirt_qemu

XML = """<domain type='qemu'>
  <name>monitor-cmd</name>
  <memory>65536</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <devices></devices>
</domain>"""


class Monitor(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.root = tempfile.mkdtemp(prefix="qemu-monitor-")
        for var, sub in (("HOME", ""), ("XDG_CONFIG_HOME", "config"), ("XDG_RUNTIME_DIR", "runtime"),
                         ("XDG_CACHE_HOME", "cache"), ("XDG_DATA_HOME", "data")):
            path = os.path.join(cls.root, sub)
            os.makedirs(path, mode=0o700, exist_ok=True)
            os.environ[var] = path
        cls.conn = libvirt.open("qemu:///session")
        cls.dom = cls.conn.createXML(XML, 0)

    @classmethod
    def tearDownClass(cls):
        try:
            cls.dom.destroy()
        except libvirt.libvirtError:
            pass
        cls.conn.close()
        pidfile = os.path.join(cls.root, "runtime", "libvirt", "libvirtd.pid")
        try:
            with open(pidfile) as f:
                os.kill(int(f.read().strip()), signal.SIGTERM)
        except (OSError, ValueError):
            pass
        shutil.rmtree(cls.root, ignore_errors=True)

    def test_qmp(self):
        out = libvirt_qemu.qemuMonitorCommand(self.dom, '{"execute":"query-status"}', 0)
        reply = json.loads(out)
        self.assertEqual(reply["return"]["status"], "running", out)

    def test_qmp_error_reply(self):
        # QEMU's refusal is the command's result, not a libvirt error
        out = libvirt_qemu.qemuMonitorCommand(self.dom, '{"execute":"no-such-command"}', 0)
        self.assertEqual(json.loads(out)["error"]["class"], "CommandNotFound", out)

    def test_hmp(self):
        out = libvirt_qemu.qemuMonitorCommand(self.dom, "info status",
                                              libvirt_qemu.VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP)
        self.assertIn("running", out)

    def test_not_json(self):
        with self.assertRaises(libvirt.libvirtError) as cm:
            libvirt_qemu.qemuMonitorCommand(self.dom, "info status", 0)
        self.assertEqual(cm.exception.get_error_domain(), libvirt.VIR_FROM_QEMU)

    def test_unknown_flag(self):
        with self.assertRaises(libvirt.libvirtError) as cm:
            libvirt_qemu.qemuMonitorCommand(self.dom, "{}", 1 << 8)
        self.assertEqual(cm.exception.get_error_code(), libvirt.VIR_ERR_INVALID_ARG)

    def test_debian_client(self):
        # Debian's libvirt (client and its remote driver) on our daemon's
        # socket: the QEMU program's bytes are libvirt's
        sock = os.path.join(self.root, "runtime", "libvirt", "libvirt-sock")
        code = ("import libvirt, libvirt_qemu\n"
                "c = libvirt.open('qemu+unix:///session?socket=%s')\n"
                "d = c.lookupByName('monitor-cmd')\n"
                "print(libvirt_qemu.qemuMonitorCommand(d, '{\"execute\":\"query-status\"}', 0))\n"
                "print(libvirt_qemu.qemuMonitorCommand(d, 'info status', 1))\n" % sock)
        env = dict(os.environ, LD_LIBRARY_PATH="", LD_PRELOAD="")
        if not os.path.exists("/usr/lib/x86_64-linux-gnu/libvirt-qemu.so.0"):
            self.skipTest("Debian's libvirt-qemu.so.0 is not installed")
        r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                           timeout=30)
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.splitlines()
        self.assertEqual(json.loads(lines[0])["return"]["status"], "running", r.stdout)
        self.assertIn("running", lines[1])

    def test_inactive(self):
        d = self.conn.defineXML(XML.replace("monitor-cmd", "monitor-off"))
        try:
            with self.assertRaises(libvirt.libvirtError) as cm:
                libvirt_qemu.qemuMonitorCommand(d, '{"execute":"query-status"}', 0)
            self.assertEqual(cm.exception.get_error_code(), libvirt.VIR_ERR_OPERATION_INVALID)
        finally:
            d.undefine()


if __name__ == "__main__":
    tap.main()
