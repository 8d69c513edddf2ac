"""The argument checks of the public entry points beyond NULL pointers and
plain ranges, differential: code, error domain and message as libvirt 9.0's
entry points give them, one case per family (not zero, a count read through
a pointer, an array counted by another argument, flag rules, the checks
written by hand). The binding checks some arguments itself, so the calls go
through ctypes."""
import ctypes
import os
import unittest

import tap
from tap import libvirt

LIB = ctypes.CDLL("libvirt.so.0")
V = ctypes.c_void_p
for _name in ("virConnectOpen", "virConnectOpenReadOnly", "virDomainLookupByName",
              "virDomainSnapshotCreateXML"):
    getattr(LIB, _name).restype = V
LIB.virGetLastErrorMessage.restype = ctypes.c_char_p

A = libvirt.VIR_ERR_INVALID_ARG
DOM = libvirt.VIR_FROM_DOMAIN
I, U, UL = ctypes.c_int, ctypes.c_uint, ctypes.c_ulong


def ref(value):
    return ctypes.byref(ctypes.c_int(value))


class EntryChecks(unittest.TestCase):
    def setUp(self):
        self.conn = V(LIB.virConnectOpen(b"test:///default"))
        self.dom = V(LIB.virDomainLookupByName(self.conn, b"test"))
        self.buf = ctypes.create_string_buffer(4096)

    def tearDown(self):
        LIB.virDomainFree(self.dom)
        LIB.virConnectClose(self.conn)

    def call(self, name, *args):
        LIB.virResetLastError()
        fn = getattr(LIB, name)
        fn.restype = ctypes.c_long
        rc = fn(*args)
        e = libvirt.virGetLastError()
        if not e or not e[0]:
            return ("ok", rc)
        return (e[0], e[1], LIB.virGetLastErrorMessage().decode())

    def refused(self, msg, frm=DOM):
        return (A, frm, msg)

    def test_not_zero(self):
        d = self.dom
        self.assertEqual(self.call("virDomainSetMemoryFlags", d, UL(0), U(0)),
                         self.refused("memory in virDomainSetMemoryFlags must not be zero"))
        # a legacy call checks under its own name
        self.assertEqual(self.call("virDomainSetMaxMemory", d, UL(0)),
                         self.refused("memory in virDomainSetMaxMemory must not be zero"))
        self.assertEqual(self.call("virDomainSetVcpus", d, U(0)),
                         self.refused("nvcpus in virDomainSetVcpus must not be zero"))
        self.assertEqual(self.call("virDomainSetVcpusFlags", d, U(0), U(0)),
                         self.refused("nvcpus in virDomainSetVcpusFlags must not be zero"))
        # the second count, once the first and its array pass
        self.assertEqual(self.call("virNodeGetFreePages", self.conn, U(1), self.buf, I(0), U(0), self.buf, U(0)),
                         self.refused("cellCount in virNodeGetFreePages must not be zero"))
        self.assertEqual(self.call("virNodeGetFreePages", self.conn, U(1), self.buf, I(0), U(1), None, U(0)),
                         self.refused("counts in virNodeGetFreePages must not be NULL"))
        self.assertEqual(self.call("virNodeAllocPages", self.conn, U(1), self.buf, self.buf, I(0), U(0), U(0)),
                         self.refused("cellCount in virNodeAllocPages must not be zero"))

    def test_through_pointer(self):
        d, b = self.dom, self.buf
        self.assertEqual(self.call("virDomainGetSchedulerParameters", d, b, ref(0)),
                         self.refused("*nparams in virDomainGetSchedulerParameters must be greater than zero"))
        self.assertEqual(self.call("virDomainGetSchedulerParameters", d, None, ref(1)),
                         self.refused("params in virDomainGetSchedulerParameters must not be NULL"))
        self.assertEqual(self.call("virDomainGetSchedulerParametersFlags", d, b, ref(-1), U(0)),
                         self.refused("*nparams in virDomainGetSchedulerParametersFlags must be greater than zero"))
        self.assertEqual(self.call("virDomainGetMemoryParameters", d, b, ref(-1), U(0)),
                         self.refused("*nparams in virDomainGetMemoryParameters must be zero or greater"))
        self.assertEqual(self.call("virDomainGetMemoryParameters", d, b, None, U(0)),
                         self.refused("nparams in virDomainGetMemoryParameters must not be NULL"))
        self.assertEqual(self.call("virNodeGetCPUStats", self.conn, I(0), None, ref(-1), U(0)),
                         self.refused("*nparams in virNodeGetCPUStats must be zero or greater"))
        # the array counted through the pointer: NULL only with a zero count
        self.assertEqual(self.call("virDomainGetMemoryParameters", d, None, ref(1), U(0)),
                         self.refused("params in virDomainGetMemoryParameters must not be NULL"))
        self.assertEqual(self.call("virNodeGetMemoryParameters", self.conn, None, ref(2), U(0)),
                         self.refused("params in virNodeGetMemoryParameters must not be NULL"))
        self.assertEqual(self.call("virDomainGetMemoryParameters", d, None, ref(0), U(0))[0], "ok")

    def test_counted_arrays(self):
        c, b = self.conn, self.buf
        self.assertEqual(self.call("virNodeGetCellsFreeMemory", c, None, I(0), I(0)),
                         self.refused("maxCells in virNodeGetCellsFreeMemory must be greater than zero"))
        self.assertEqual(self.call("virNodeGetCellsFreeMemory", c, None, I(-1), I(1)),
                         self.refused("freeMems in virNodeGetCellsFreeMemory must not be NULL"))
        self.assertEqual(self.call("virNodeGetCellsFreeMemory", c, b, I(-1), I(1)),
                         self.refused("startCell in virNodeGetCellsFreeMemory must be zero or greater"))
        self.assertEqual(self.call("virNodeGetCellsFreeMemory", c, b, I(-1), I(0)),
                         self.refused("maxCells in virNodeGetCellsFreeMemory must be greater than zero"))
        self.assertEqual(self.call("virDomainSetMemoryParameters", self.dom, None, I(0), U(0)),
                         self.refused("params in virDomainSetMemoryParameters must not be NULL"))
        self.assertEqual(self.call("virDomainSetNumaParameters", self.dom, b, I(-1), U(0)),
                         self.refused("nparams in virDomainSetNumaParameters must be greater than zero"))
        self.assertEqual(self.call("virDomainSetBlkioParameters", self.dom, b, I(-1), U(0)),
                         self.refused("nparams in virDomainSetBlkioParameters must be zero or greater"))
        # arrays libvirt wants even when their count is 0 (a daemon passes none as NULL)
        for name, args in (("virDomainSetSchedulerParameters", (self.dom, None, I(0))),
                           ("virDomainSetSchedulerParametersFlags", (self.dom, None, I(0), U(0))),
                           ("virDomainSetBlkioParameters", (self.dom, None, I(0), U(0))),
                           ("virNodeSetMemoryParameters", (c, None, I(0), U(0)))):
            self.assertEqual(self.call(name, *args), self.refused("params in %s must not be NULL" % name))
        for name, args in (("virConnectBaselineCPU", (c, None, U(0), U(0))),
                           ("virConnectBaselineHypervisorCPU", (c, None, None, None, None, None, U(0), U(0)))):
            self.assertEqual(self.call(name, *args), self.refused("xmlCPUs in %s must not be NULL" % name))

    def test_flag_rules(self):
        d = self.dom
        live_config = libvirt.VIR_DOMAIN_AFFECT_LIVE | libvirt.VIR_DOMAIN_AFFECT_CONFIG
        exclusive = "Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' are mutually exclusive"
        self.assertEqual(self.call("virDomainGetMemoryParameters", d, self.buf, ref(1), U(live_config)),
                         self.refused(exclusive))
        self.assertEqual(self.call("virDomainGetVcpusFlags", d, U(live_config)), self.refused(exclusive))
        self.assertEqual(self.call("virDomainSetVcpusFlags", d, U(1), U(libvirt.VIR_DOMAIN_VCPU_MAXIMUM)),
                         self.refused("Flag 'VIR_DOMAIN_AFFECT_CONFIG' is required by flag 'VIR_DOMAIN_VCPU_MAXIMUM'"))
        self.assertEqual(self.call("virDomainSetVcpusFlags", d, U(1),
                                   U(libvirt.VIR_DOMAIN_VCPU_GUEST | libvirt.VIR_DOMAIN_AFFECT_CONFIG)),
                         self.refused("Flags 'VIR_DOMAIN_VCPU_GUEST' and 'VIR_DOMAIN_AFFECT_CONFIG' "
                                      "are mutually exclusive"))
        self.assertEqual(self.call("virDomainSaveFlags", d, b"/nonexistent", None,
                                   U(libvirt.VIR_DOMAIN_SAVE_RUNNING | libvirt.VIR_DOMAIN_SAVE_PAUSED)),
                         self.refused("Flags 'VIR_DOMAIN_SAVE_RUNNING' and 'VIR_DOMAIN_SAVE_PAUSED' "
                                      "are mutually exclusive"))
        # three bits, three rules: the first one written answers
        self.assertEqual(self.call("virDomainCoreDumpWithFormat", d, b"/nonexistent", U(0),
                                   U(libvirt.VIR_DUMP_CRASH | libvirt.VIR_DUMP_LIVE | libvirt.VIR_DUMP_RESET)),
                         self.refused("Flags 'VIR_DUMP_CRASH' and 'VIR_DUMP_LIVE' are mutually exclusive"))
        self.assertEqual(self.call("virDomainCoreDump", d, b"/nonexistent",
                                   U(libvirt.VIR_DUMP_LIVE | libvirt.VIR_DUMP_RESET)),
                         self.refused("Flags 'VIR_DUMP_LIVE' and 'VIR_DUMP_RESET' are mutually exclusive"))

    def test_flag_rules_other_files(self):
        d, snap = self.dom, libvirt.VIR_FROM_DOMAIN_SNAPSHOT
        xml = b"<domainsnapshot><name>s</name></domainsnapshot>"
        self.assertEqual(self.call("virDomainSnapshotCreateXML", d, xml,
                                   U(libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE |
                                     libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA)),
                         self.refused("Flags 'VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE' and "
                                      "'VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA' are mutually exclusive", snap))
        self.assertEqual(self.call("virDomainSnapshotCreateXML", d, xml,
                                   U(libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE |
                                     libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_HALT)),
                         self.refused("Flags 'VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE' and "
                                      "'VIR_DOMAIN_SNAPSHOT_CREATE_HALT' are mutually exclusive", snap))
        self.assertEqual(self.call("virDomainSnapshotCreateXML", d, xml,
                                   U(libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT)),
                         self.refused("Flag 'VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE' is required by flag "
                                      "'VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT'", snap))
        s = V(LIB.virDomainSnapshotCreateXML(d, xml, 0))
        self.assertTrue(s)
        self.assertEqual(self.call("virDomainRevertToSnapshot", s,
                                   U(libvirt.VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING |
                                     libvirt.VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED)),
                         self.refused("Flags 'VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING' and "
                                      "'VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED' are mutually exclusive", snap))
        self.assertEqual(self.call("virDomainSnapshotDelete", s,
                                   U(libvirt.VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN |
                                     libvirt.VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY)),
                         self.refused("Flags 'VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN' and "
                                      "'VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY' are mutually exclusive", snap))
        LIB.virDomainSnapshotFree(s)
        self.assertEqual(self.call("virDomainCheckpointCreateXML", d, b"<domaincheckpoint/>",
                                   U(libvirt.VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE_VALIDATE)),
                         self.refused("Flag 'VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE' is required by flag "
                                      "'VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE_VALIDATE'",
                                      libvirt.VIR_FROM_DOMAIN_CHECKPOINT))

    def test_hand_written(self):
        d, b = self.dom, self.buf
        cpu = "virDomainGetCPUStats"
        self.assertEqual(self.call(cpu, d, b, U(0), I(0), U(0), U(0)),
                         self.refused("params in virDomainGetCPUStats must be NULL"))
        self.assertEqual(self.call(cpu, d, b, U(1), I(0), U(0), U(0)),
                         self.refused("params in virDomainGetCPUStats must be NULL"))
        self.assertEqual(self.call(cpu, d, None, U(1), I(0), U(1), U(0)),
                         self.refused("params in virDomainGetCPUStats must not be NULL"))
        self.assertEqual(self.call(cpu, d, b, U(1), I(-1), U(2), U(0)),
                         self.refused("ncpus must be 1 when start_cpu is -1"))
        self.assertEqual(self.call(cpu, d, b, U(1), I(-2), U(1), U(0)),
                         self.refused("start_cpu in virDomainGetCPUStats must be zero or greater"))
        self.assertEqual(self.call(cpu, d, b, U(0x10000), I(0), U(0x10000), U(0)),
                         (libvirt.VIR_ERR_OVERFLOW, DOM, "numerical overflow: input too large: 65536 * 65536"))
        vcpus = "virDomainGetVcpus"
        self.assertEqual(self.call(vcpus, d, b, I(1), b, I(0)),
                         self.refused("maplen in virDomainGetVcpus must be greater than zero"))
        self.assertEqual(self.call(vcpus, d, b, I(1), b, I(-1)),
                         self.refused("maplen in virDomainGetVcpus must be greater than zero"))
        self.assertEqual(self.call(vcpus, d, b, I(1), None, I(1)),   # libvirt's words
                         self.refused("maplen in virDomainGetVcpus must not be zero"))
        self.assertEqual(self.call(vcpus, d, b, I(0x100000), b, I(0x100000)),
                         (libvirt.VIR_ERR_OVERFLOW, DOM, "numerical overflow: input too large: 1048576 * 1048576"))
        self.assertEqual(self.call("virNodeGetCPUStats", self.conn, I(-2), None, ref(0), U(0)),
                         self.refused("cpuNum in virNodeGetCPUStats only accepts -1 as a negative value"))
        self.assertEqual(self.call("virNodeGetMemoryStats", self.conn, I(-2), None, ref(0), U(0)),
                         self.refused("cellNum in virNodeGetMemoryStats only accepts -1 as a negative value"))

    def test_read_only_order(self):
        ro = V(LIB.virConnectOpenReadOnly(b"test:///default"))
        try:
            d = V(LIB.virDomainLookupByName(ro, b"test"))
            denied = (libvirt.VIR_ERR_OPERATION_DENIED, DOM,
                      "operation forbidden: read only access prevents %s")
            # refused before any argument is checked
            self.assertEqual(self.call("virDomainSetMaxMemory", d, UL(0)),
                             denied[:2] + (denied[2] % "virDomainSetMaxMemory",))
            self.assertEqual(self.call("virDomainSetMemoryParameters", d, None, I(0), U(0)),
                             denied[:2] + (denied[2] % "virDomainSetMemoryParameters",))
            # refused after the arguments before it
            self.assertEqual(self.call("virDomainAuthorizedSSHKeysSet", d, None, None, U(0), U(0)),
                             self.refused("user in virDomainAuthorizedSSHKeysSet must not be NULL"))
            self.assertEqual(self.call("virDomainAuthorizedSSHKeysSet", d, b"root", None, U(1), U(0)),
                             denied[:2] + (denied[2] % "virDomainAuthorizedSSHKeysSet",))
            # refused after every argument check
            self.assertEqual(self.call("virDomainRename", d, b"", U(0)),
                             self.refused("string new_name in virDomainRename must not be empty"))
            self.assertEqual(self.call("virDomainOpenGraphics", d, U(0), I(-1), U(0)),
                             self.refused("fd in virDomainOpenGraphics must be zero or greater"))
            LIB.virDomainFree(d)
        finally:
            LIB.virConnectClose(ro)

    def test_strings_and_descriptors(self):
        d = self.dom
        self.assertEqual(self.call("virDomainGetBlockInfo", d, b"", self.buf, U(0)),
                         self.refused("string disk in virDomainGetBlockInfo must not be empty"))
        self.assertEqual(self.call("virDomainBlockPeek", d, b"", ctypes.c_ulonglong(0), ctypes.c_size_t(0),
                                   self.buf, U(0)),
                         self.refused("string disk in virDomainBlockPeek must not be empty"))
        self.assertEqual(self.call("virDomainMemoryPeek", d, ctypes.c_ulonglong(0), ctypes.c_size_t(1), None,
                                   U(libvirt.VIR_MEMORY_VIRTUAL)),
                         self.refused("buffer in virDomainMemoryPeek must not be NULL"))
        r, w = os.pipe()
        try:
            self.assertEqual(self.call("virDomainOpenGraphics", d, U(0), I(r), U(0)),
                             self.refused("fd %d must be a socket" % r))
        finally:
            os.close(r)
            os.close(w)
        self.assertEqual(self.call("virDomainOpenGraphics", d, U(0), I(w), U(0)),
                         (libvirt.VIR_ERR_SYSTEM_ERROR, DOM,
                          "Unable to access file descriptor %d: Bad file descriptor" % w))

    def test_not_null(self):
        self.assertEqual(self.call("virSecretLookupByUsage", self.conn, I(0), None),
                         self.refused("usageID in virSecretLookupByUsage must not be NULL",
                                      libvirt.VIR_FROM_SECRET))
        self.assertEqual(self.call("virConnectGetCPUModelNames", self.conn, None, None, U(0)),
                         self.refused("arch in virConnectGetCPUModelNames must not be NULL"))
        self.assertEqual(self.call("virConnectFindStoragePoolSources", self.conn, None, None, U(0)),
                         self.refused("type in virConnectFindStoragePoolSources must not be NULL",
                                      libvirt.VIR_FROM_STORAGE))


if __name__ == "__main__":
    tap.main()
