#!/usr/bin/env python3
"""Network events through libvirtd: Debian's python binding, once on our
library and once on Debian's, registers for every network's lifecycle over
a unix socket of our daemon; both must see the same events."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemontest import TAP, Daemon, run_json_client  # noqa: E402

CLIENT = r'''
import json, sys, libvirt
libvirt.registerErrorHandler(lambda c, e: None, None)
libvirt.virEventRegisterDefaultImpl()
import time
def pump(want, seconds=15):
    # until want events arrived (a sanitized daemon is slow), then a bit more
    end = time.time() + seconds
    while time.time() < end and len(seen) < want:
        tid = libvirt.virEventAddTimeout(50, lambda t, o: None, None)
        libvirt.virEventRunDefaultImpl()
        libvirt.virEventRemoveTimeout(tid)
conn = libvirt.open(sys.argv[1])
seen = []
ids = [conn.networkEventRegisterAny(None, libvirt.VIR_NETWORK_EVENT_ID_LIFECYCLE,
                                    lambda c, n, ev, d, o: seen.append([n.name(), ev, d]), None)]
deflt = conn.networkLookupByName("default")
ids.append(conn.networkEventRegisterAny(deflt, libvirt.VIR_NETWORK_EVENT_ID_LIFECYCLE,
                                        lambda c, n, ev, d, o: seen.append(["only-default", ev]), None))
net = conn.networkDefineXML("<network><name>wirenet</name>"
                            "<uuid>6b1c7a0e-3f2d-4c5b-8a9e-0d1f2e3c4b5a</uuid>"
                            "<bridge name='virbrw0'/></network>")
net.create(); net.destroy(); net.undefine()
deflt.destroy(); deflt.create()
pump(int(sys.argv[2]))
for i in ids:
    conn.networkEventDeregisterAny(i)
print(json.dumps({"ids": ids, "seen": seen}))
'''

WANT = [["wirenet", 0, 0], ["wirenet", 2, 0], ["wirenet", 3, 0], ["wirenet", 1, 0],
        ["default", 3, 0], ["only-default", 3], ["default", 2, 0], ["only-default", 2]]


def run_client(uri, ours):
    return run_json_client(CLIENT, [uri, len(WANT)], ours)


def main():
    t = TAP()
    d = Daemon(args=())
    try:
        t.ok(d.alive(), "the daemon runs", d.log())
        for label, ours in (("our library", True), ("Debian's library", False)):
            got, err = run_client("test+unix:///default?socket=" + d.rw, ours)
            t.ok(got is not None and got["seen"] == WANT,
                 "%s: network lifecycle events through our daemon" % label,
                 "%s\n%s" % (got, err))
            t.ok(got is not None and got["ids"] == [0, 1],
                 "%s: callback ids of the connection from 0" % label, str(got))
    finally:
        d.stop()
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
