#!/usr/bin/env python3
"""Storage pool and node device events through libvirtd: Debian's python
binding, once on our library and once on Debian's, registers for every
pool's and every device's events and for one pool's and one device's over
a unix socket of our daemon (test:///default behind it), triggers them and
deregisters; both must see libvirt's events and details, and nothing after
deregistration."""
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
ids = []
ids.append(conn.storagePoolEventRegisterAny(None, P.VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE,
           lambda c, p, ev, d, o: seen.append(["pool", p.name(), ev, d]), None))
ids.append(conn.storagePoolEventRegisterAny(None, P.VIR_STORAGE_POOL_EVENT_ID_REFRESH,
           lambda c, p, o: seen.append(["refresh", p.name()]), None))
dp = conn.storagePoolLookupByName("default-pool")
ids.append(conn.storagePoolEventRegisterAny(dp, P.VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE,
           lambda c, p, ev, d, o: seen.append(["only-default-pool", ev, d]), None))
ids.append(conn.nodeDeviceEventRegisterAny(None, P.VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE,
           lambda c, d, ev, det, o: seen.append(["dev", d.name(), ev, det]), None))
ids.append(conn.nodeDeviceEventRegisterAny(None, P.VIR_NODE_DEVICE_EVENT_ID_UPDATE,
           lambda c, d, o: seen.append(["update", d.name()]), None))
host = conn.nodeDeviceLookupByName("scsi_host1")
ids.append(conn.nodeDeviceEventRegisterAny(host, P.VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE,
           lambda c, d, ev, det, o: seen.append(["only-scsi_host1", ev]), None))
pool = conn.storagePoolDefineXML("<pool type='dir'><name>wirepool</name>"
                                 "<uuid>3c5e1f0a-9b8d-4e2f-a1c3-5d7e9f0b2a4c</uuid>"
                                 "<target><path>/wirepool</path></target></pool>")
pool.create(); pool.refresh(); pool.destroy(); pool.undefine()
dp.destroy(); dp.create()
dev = conn.nodeDeviceCreateXML("<device><parent>scsi_host1</parent>"
                               "<capability type='scsi_host'><capability type='fc_host'>"
                               "<wwnn>2000000012341111</wwnn><wwpn>1000000012341111</wwpn>"
                               "</capability></capability></device>")
name = dev.name()
dev.destroy()
pump(int(sys.argv[2]))
for i in ids[:3]:
    conn.storagePoolEventDeregisterAny(i)
for i in ids[3:]:
    conn.nodeDeviceEventDeregisterAny(i)
# after deregistration nothing more arrives
before = len(seen)
pool = conn.storagePoolDefineXML("<pool type='dir'><name>wirepool</name>"
                                 "<target><path>/wirepool</path></target></pool>")
pool.undefine()
pump(before + 1, 1)
print(json.dumps({"ids": ids, "seen": seen, "late": seen[before:], "dev": name}))
'''

# libvirt 9.0's test driver, without a daemon, raises exactly these
WANT = [["pool", "wirepool", 0, 0], ["pool", "wirepool", 2, 0], ["refresh", "wirepool"],
        ["pool", "wirepool", 3, 0], ["pool", "wirepool", 1, 0],
        ["pool", "default-pool", 3, 0], ["only-default-pool", 3, 0],
        ["pool", "default-pool", 2, 0], ["only-default-pool", 2, 0],
        ["dev", "scsi_host12", 0, 0], ["dev", "scsi_host12", 1, 0]]


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
                 "%s: pool and node device events through our daemon" % label,
                 "%s\n%s" % (got, err))
            t.ok(got is not None and got["late"] == [],
                 "%s: nothing arrives after deregistration" % label, str(got))
            t.ok(got is not None and got["ids"] == list(range(6)),
                 "%s: callback ids of the connection from 0" % label, str(got))
    finally:
        d.stop()
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
