#!/usr/bin/env python3
"""Secret events through libvirtd: Debian's python binding, on our library
and on Debian's, registers for every secret's lifecycle and value events
and for one secret's over a unix socket of our daemon (test:///default
behind it: the test module serves secrets, libvirt's test driver does
not), defines a secret, sets its value and undefines it; each must see
what our library sees on test:///default directly, and nothing after
deregistration. Where the direct connection refuses secret events (no
module raises them yet), both must be refused the same way."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemontest import TAP, Daemon, run_json_client  # noqa: E402

CLIENT = r'''
import json, sys, time, libvirt
libvirt.registerErrorHandler(lambda c, e: None, None)
libvirt.virEventRegisterDefaultImpl()
def pump(want, seconds=15):
    end = time.time() + seconds
    while time.time() < end and len(seen) < want:
        tid = libvirt.virEventAddTimeout(50, lambda t, o: None, None)
        libvirt.virEventRunDefaultImpl()
        libvirt.virEventRemoveTimeout(tid)
conn = libvirt.open(sys.argv[1])
seen = []
P = libvirt
try:
    conn.secretEventRegisterAny(None, P.VIR_SECRET_EVENT_ID_LIFECYCLE, lambda *a: None, None)
except libvirt.libvirtError as e:
    # no module raises secret events: the refusal is the answer
    print(json.dumps({"refused": [e.get_error_code(), e.get_error_domain(), e.get_error_message()]}))
    sys.exit(0)
XML = ("<secret ephemeral='no' private='no'><uuid>%s</uuid>"
       "<usage type='volume'><volume>/var/lib/%s.img</volume></usage></secret>")
ids = [conn.secretEventRegisterAny(None, P.VIR_SECRET_EVENT_ID_LIFECYCLE,
       lambda c, s, ev, d, o: seen.append(["life", s.UUIDString(), s.usageID(), ev, d]), None),
       conn.secretEventRegisterAny(None, P.VIR_SECRET_EVENT_ID_VALUE_CHANGED,
       lambda c, s, o: seen.append(["value", s.UUIDString()]), None)]
one = conn.secretDefineXML(XML % ("8f2a1c3e-5b7d-4e9f-a0c2-4d6e8f0a1b3c", "one"))
ids.append(conn.secretEventRegisterAny(one, P.VIR_SECRET_EVENT_ID_VALUE_CHANGED,
           lambda c, s, o: seen.append(["only-one", s.usageID()]), None))
two = conn.secretDefineXML(XML % ("1d3f5a7c-9e0b-4c2d-8f1a-3b5d7f9a0c2e", "two"))
two.setValue(b"secret")
one.setValue(b"other")
two.undefine()
one.undefine()
pump(int(sys.argv[2]))
for i in ids:
    conn.secretEventDeregisterAny(i)
before = len(seen)
conn.secretDefineXML(XML % ("8f2a1c3e-5b7d-4e9f-a0c2-4d6e8f0a1b3c", "one")).undefine()
pump(before + 1, 1)
print(json.dumps({"ids": ids, "seen": seen, "late": seen[before:]}))
'''


def main():
    t = TAP()
    want, err = run_json_client(CLIENT, ["test:///default", 7], True)
    t.ok(want is not None and ("refused" in want or len(want["seen"]) == 7),
         "our library direct sees 7 secret events, or refuses them", "%s\n%s" % (want, err))
    d = Daemon(args=())
    try:
        t.ok(d.alive(), "the daemon runs", d.log())
        for label, ours in (("our library", True), ("Debian's library", False)):
            got, err = run_json_client(CLIENT, ["test+unix:///default?socket=" + d.rw, 7], ours)
            if want is not None and "refused" in want:
                t.ok(got == want, "%s: refused through our daemon as on the direct connection" % label,
                     "%s\n%s\n%s" % (got, want, err))
                continue
            t.ok(got is not None and want is not None and got["seen"] == want["seen"],
                 "%s: secret events through our daemon as on the direct connection" % label,
                 "%s\n%s\n%s" % (got, want, err))
            t.ok(got is not None and got["late"] == [],
                 "%s: nothing arrives after deregistration" % label, str(got))
    finally:
        d.stop()
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
