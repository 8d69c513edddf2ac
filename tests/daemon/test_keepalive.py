#!/usr/bin/env python3
"""Server keepalive, on our daemon and on Debian's libvirtd with the same
keepalive_interval = 1 and keepalive_count = 2: a client that asked for
keepalive (CONNECT_SUPPORTS_FEATURE of the keepalive program) and then
answers nothing gets PINGs and is dropped; one that answers each PING with
a PONG, and one that never asked, stay. Both daemons must behave alike:
the same number of PINGs before the drop, at about the same time. Then
keepalive_interval = -1 turns it off on ours."""
import os
import shutil
import struct
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemontest import (KEEPALIVE, MESSAGE, OK, TAP, Client, Daemon, frame, start_debian,  # noqa: E402
                        stop_debian, x_int)

PING, PONG = 1, 2
FEATURE_PROGRAM_KEEPALIVE = 10
SETTINGS = {"keepalive_interval": 1, "keepalive_count": 2}


def ask(c):
    st, r = c.call("CONNECT_SUPPORTS_FEATURE", x_int(FEATURE_PROGRAM_KEEPALIVE))
    return st == OK and r.int() == 1


def silent(path, limit=8):
    """Ask for keepalive, then only listen: (PINGs seen, seconds to drop or None)."""
    c = Client(path=path)
    c.open()
    if not ask(c):
        return None, None
    start, pings = time.time(), 0
    c.s.settimeout(limit)
    try:
        while time.time() - start < limit:
            hdr, _ = c.recv_frame()
            if hdr[0] == KEEPALIVE and hdr[2] == PING and hdr[3] == MESSAGE:
                pings += 1
    except (EOFError, ConnectionResetError):
        return pings, time.time() - start
    except OSError:
        pass
    return pings, None


def answering(path, seconds=4):
    """Ask for keepalive and answer every PING: still served afterwards?"""
    c = Client(path=path)
    c.open()
    ask(c)
    end, pings = time.time() + seconds, 0
    c.s.settimeout(0.5)
    while time.time() < end:
        try:
            hdr, _ = c.recv_frame()
        except OSError:
            continue
        except EOFError:
            return pings, False
        if hdr[0] == KEEPALIVE and hdr[2] == PING:
            pings += 1
            c.send_raw(frame(KEEPALIVE, 1, PONG, MESSAGE, 0, OK))
    c.s.settimeout(10)
    st, _ = c.call("CONNECT_GET_TYPE")
    return pings, st == OK


def never_asked(path, seconds=3):
    c = Client(path=path)
    c.open()
    c.s.settimeout(seconds)
    try:
        hdr, _ = c.recv_frame()
        return "got %s" % (hdr,)
    except OSError:
        pass
    except EOFError:
        return "closed"
    c.s.settimeout(10)
    st, _ = c.call("CONNECT_GET_TYPE")
    return "ok" if st == OK else "call failed"


t = TAP()
ours = Daemon(SETTINGS, args=())
tmp = tempfile.mkdtemp(prefix="virt-ka-")
deb = None
try:
    results = {}
    deb, _admin, deb_sock = start_debian(tmp, SETTINGS)
    for name, path in (("ours", ours.rw), ("Debian's", deb_sock)):
        results[name] = (silent(path), answering(path), never_asked(path))
    (ping_o, drop_o), (ans_o, alive_o), never_o = results["ours"]
    (ping_d, drop_d), (ans_d, alive_d), never_d = results["Debian's"]
    t.ok(ping_d == 2 and drop_d is not None, "Debian's: a silent client gets 2 PINGs and is dropped",
         results["Debian's"])
    t.ok(ping_o == ping_d and drop_o is not None and drop_d is not None and abs(drop_o - drop_d) < 1.5,
         "ours: the same PINGs and the drop at about the same time (%.1f s, Debian's %.1f s)"
         % (drop_o or -1, drop_d or -1), results)
    t.ok(alive_o and alive_d and ans_o >= 2 and ans_d >= 2,
         "a client answering PINGs stays on both (PINGs: ours %d, Debian's %d)" % (ans_o, ans_d), results)
    t.ok(never_o == never_d == "ok", "a client that never asked gets no PING and stays, on both", results)
    t.ok("no response after 2 keepalive messages" in ours.log(), "ours logs the drop", ours.log())
finally:
    ours.stop()
    if deb:
        stop_debian(deb)
    shutil.rmtree(tmp, ignore_errors=True)

off = Daemon({"keepalive_interval": -1, "keepalive_count": 2}, args=())
try:
    pings, dropped = silent(off.rw, 4) if off.alive() else (None, None)
    t.ok(off.alive() and pings == 0 and dropped is None,
         "keepalive_interval = -1: no PING, nobody dropped", (pings, dropped, off.log()))
finally:
    off.stop()
sys.exit(t.done())
