"""The companion libraries through Debian's libvirt_qemu and libvirt_lxc
modules: they import, and their calls fail on test:///default with the same
code and error domain as on libvirt 9.0 (this script also runs on Debian's
libraries, as the oracle)."""
import os
import tap
from tap import libvirt

import libvirt_lxc
import libvirt_qemu


def mapped(soname):
    """The folders of the mapped files whose name starts with SONAME."""
    with open("/proc/self/maps") as f:
        paths = {line.split()[-1] for line in f if "/" in line}
    return {os.path.dirname(os.path.realpath(p)) for p in paths
            if os.path.basename(p).startswith(soname)}


class Companion(tap.DefaultCase):
    def setUp(self):
        super().setUp()
        self.dom = self.conn.lookupByName("test")

    def assertFails(self, code, fn, *args):
        e = self.assertLibvirtError(code, fn, *args)
        self.assertEqual(e.get_error_domain(), libvirt.VIR_FROM_NONE, str(e))
        return e

    def test_loaded_beside_libvirt(self):
        # Each companion library comes from the build (or install) of the
        # libvirt.so.0 it runs on: ours with ours, Debian's with Debian's.
        core = mapped("libvirt.so.0")
        self.assertEqual(len(core), 1, core)
        for lib in ("libvirt-qemu.so.0", "libvirt-lxc.so.0"):
            where = mapped(lib)
            self.assertEqual(len(where), 1, (lib, where))
            # ours sits in core/companion/ of the build tree
            self.assertIn(next(iter(core)),
                          (next(iter(where)), os.path.dirname(next(iter(where)))), lib)

    def test_monitor_command_unsupported(self):
        e = self.assertFails(libvirt.VIR_ERR_NO_SUPPORT, libvirt_qemu.qemuMonitorCommand,
                             self.dom, '{"execute":"query-status"}', 0)
        self.assertIn("virDomainQemuMonitorCommand", e.get_error_message())
        self.assertFails(libvirt.VIR_ERR_NO_SUPPORT, libvirt_qemu.qemuMonitorCommand,
                         self.dom, "info status", libvirt_qemu.VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP)
        self.assertFails(libvirt.VIR_ERR_NO_SUPPORT, libvirt_qemu.qemuMonitorCommandWithFiles,
                         self.dom, '{"execute":"query-status"}', [], 0)

    def test_other_calls_unsupported(self):
        self.assertFails(libvirt.VIR_ERR_NO_SUPPORT, libvirt_qemu.qemuAgentCommand,
                         self.dom, '{"execute":"guest-ping"}',
                         libvirt_qemu.VIR_DOMAIN_QEMU_AGENT_COMMAND_DEFAULT, 0)
        self.assertFails(libvirt.VIR_ERR_NO_SUPPORT, libvirt_qemu.qemuAttach, self.conn, 4242, 0)
        self.assertFails(libvirt.VIR_ERR_NO_SUPPORT, libvirt_qemu.qemuMonitorEventRegister,
                         self.conn, None, None, lambda *a: None, None, 0)
        self.assertFails(libvirt.VIR_ERR_NO_SUPPORT, libvirt_qemu.qemuMonitorEventRegister,
                         self.conn, self.dom, "STOP", lambda *a: None, None, 0)
        self.assertFails(libvirt.VIR_ERR_NO_SUPPORT, libvirt_lxc.lxcOpenNamespace, self.dom, 0)

    def test_read_only(self):
        ro = libvirt.openReadOnly("test:///default")
        try:
            dom = ro.lookupByName("test")
            for fn, args in ((libvirt_qemu.qemuMonitorCommand, (dom, "{}", 0)),
                             (libvirt_qemu.qemuMonitorCommandWithFiles, (dom, "{}", [], 0)),
                             (libvirt_qemu.qemuAgentCommand, (dom, "{}", 0, 0)),
                             (libvirt_qemu.qemuAttach, (ro, 4242, 0)),
                             (libvirt_qemu.qemuMonitorEventRegister,
                              (ro, None, None, lambda *a: None, None, 0)),
                             (libvirt_qemu.qemuMonitorEventDeregister, (ro, 0)),
                             (libvirt_lxc.lxcOpenNamespace, (dom, 0))):
                self.assertFails(libvirt.VIR_ERR_OPERATION_DENIED, fn, *args)
            # the binding returns -1 here instead of raising
            self.assertEqual(libvirt_lxc.lxcEnterCGroup(dom, 0), -1)
            err = libvirt.virGetLastError()
            self.assertEqual((err[0], err[1]), (libvirt.VIR_ERR_OPERATION_DENIED, libvirt.VIR_FROM_NONE))
        finally:
            ro.close()

    def test_enter_cgroup_unknown_flags(self):
        self.assertEqual(libvirt_lxc.lxcEnterCGroup(self.dom, 1 << 30), -1)
        err = libvirt.virGetLastError()
        self.assertEqual((err[0], err[1]), (libvirt.VIR_ERR_INVALID_ARG, libvirt.VIR_FROM_NONE))

    def test_constants(self):
        self.assertEqual(libvirt_qemu.VIR_DOMAIN_QEMU_AGENT_COMMAND_SHUTDOWN, 60)
        self.assertEqual(libvirt_qemu.VIR_CONNECT_DOMAIN_QEMU_MONITOR_EVENT_REGISTER_NOCASE, 2)


if __name__ == "__main__":
    tap.main()
