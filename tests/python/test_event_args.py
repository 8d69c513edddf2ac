"""The argument checks of the event registration calls, differential: code,
error domain and message as libvirt 9.0's public entry points give them.
The binding checks some of these itself, so the calls go through ctypes."""
import ctypes
import unittest

import tap
from tap import libvirt

LIB = ctypes.CDLL("libvirt.so.0")
LIB.virConnectOpen.restype = ctypes.c_void_p
LIB.virGetLastErrorMessage.restype = ctypes.c_char_p
CB = ctypes.CFUNCTYPE(None)


class EventArguments(unittest.TestCase):
    def setUp(self):
        self.conn = ctypes.c_void_p(LIB.virConnectOpen(b"test:///default"))
        self.cb = CB(lambda: None)

    def tearDown(self):
        LIB.virConnectClose(self.conn)

    def call(self, name, *args):
        rc = getattr(LIB, name)(self.conn, *args)
        e = libvirt.virGetLastError()
        return rc, e[0], e[1], LIB.virGetLastErrorMessage().decode()

    def test_domain(self):
        F = libvirt.VIR_FROM_DOMAIN
        A = libvirt.VIR_ERR_INVALID_ARG
        self.assertEqual(self.call("virConnectDomainEventRegisterAny", None, ctypes.c_int(-1), self.cb, None, None),
                         (-1, A, F, "eventID in virConnectDomainEventRegisterAny must be zero or greater"))
        self.assertEqual(self.call("virConnectDomainEventRegisterAny", None, ctypes.c_int(99), self.cb, None, None),
                         (-1, A, F, "eventID must be less than 27"))
        self.assertEqual(self.call("virConnectDomainEventRegisterAny", None, ctypes.c_int(0), None, None, None),
                         (-1, A, F, "cb in virConnectDomainEventRegisterAny must not be NULL"))
        self.assertEqual(self.call("virConnectDomainEventRegister", None, None, None),
                         (-1, A, F, "cb in virConnectDomainEventRegister must not be NULL"))
        self.assertEqual(self.call("virConnectDomainEventDeregister", None),
                         (-1, A, F, "cb in virConnectDomainEventDeregister must not be NULL"))
        self.assertEqual(self.call("virConnectDomainEventDeregisterAny", ctypes.c_int(-1)),
                         (-1, A, F, "callbackID in virConnectDomainEventDeregisterAny must be zero or greater"))
        self.assertEqual(self.call("virConnectDomainEventDeregisterAny", ctypes.c_int(7)),
                         (-1, A, libvirt.VIR_FROM_NONE, "invalid argument: could not find event callback 7 for deletion"))
        rc, code, dom, msg = self.call("virConnectDomainEventDeregister", self.cb)
        self.assertEqual((rc, code, dom), (-1, A, libvirt.VIR_FROM_NONE))
        self.assertRegex(msg, r"^invalid argument: event callback function 0x[0-9a-f]+ not registered$")

    def test_other_families(self):
        A = libvirt.VIR_ERR_INVALID_ARG
        for fam, last, frm in (("Network", 1, libvirt.VIR_FROM_NETWORK),
                               ("StoragePool", 2, libvirt.VIR_FROM_STORAGE),
                               ("NodeDevice", 2, libvirt.VIR_FROM_NODEDEV),
                               ("Secret", 2, libvirt.VIR_FROM_SECRET)):
            reg, dereg = "virConnect%sEventRegisterAny" % fam, "virConnect%sEventDeregisterAny" % fam
            self.assertEqual(self.call(reg, None, ctypes.c_int(-1), self.cb, None, None),
                             (-1, A, frm, "eventID in %s must be zero or greater" % reg))
            self.assertEqual(self.call(reg, None, ctypes.c_int(7), self.cb, None, None),
                             (-1, A, frm, "eventID in %s must be less than %d" % (reg, last)))
            # the callback is checked before the event
            self.assertEqual(self.call(reg, None, ctypes.c_int(-1), None, None, None),
                             (-1, A, frm, "cb in %s must not be NULL" % reg))
            self.assertEqual(self.call(dereg, ctypes.c_int(-1)),
                             (-1, A, frm, "callbackID in %s must be zero or greater" % dereg))
            if fam != "Secret":     # libvirt's test driver has no secrets
                self.assertEqual(self.call(dereg, ctypes.c_int(5)),
                                 (-1, A, libvirt.VIR_FROM_NONE,
                                  "invalid argument: could not find event callback 5 for deletion"))


if __name__ == "__main__":
    tap.main()
