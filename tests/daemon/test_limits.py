#!/usr/bin/env python3
"""Hostile and heavy clients. A malformed message gets what Debian's
libvirtd 9.0 gives it (probed with this client, and compared with it here
when it is installed): an error reply on a kept connection, silence, or a
close; other clients never notice; every one is logged. Then 200 clients
at once, and clients killed in the middle of calls leave nothing behind."""
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemontest import (CALL, DEBIAN_LIBVIRTD, OK, PROC, PROGRAM, Client, Daemon, Reader, TAP, frame,  # noqa: E402
                        start_debian, stop_debian,
                        x_optstring, x_string, x_uint)


def bad_messages():
    """(name, bytes, what libvirt 9.0's daemon does with them)."""
    open_body = x_optstring("test:///default") + x_uint(0)
    good_hdr = struct.pack(">IIiIII", PROGRAM, 1, PROC["CONNECT_OPEN"], CALL, 1, OK)
    decode = ("error", 39, 7, "Unable to decode message payload")
    return [
        ("length word below the header size", struct.pack(">I", 8) + b"\0" * 8, "closed"),
        ("length word of 4 GiB", struct.pack(">I", 0xffffffff) + good_hdr, "closed"),
        ("string length over 4 MiB",
         frame(PROGRAM, 1, PROC["DOMAIN_LOOKUP_BY_NAME"], CALL, 1, OK,
               struct.pack(">I", 4 * 1024 * 1024 + 1) + b"x" * 64), decode),
        ("string longer than the message",
         frame(PROGRAM, 1, PROC["DOMAIN_LOOKUP_BY_NAME"], CALL, 1, OK, struct.pack(">I", 1000) + b"abcd"), decode),
        ("arguments with trailing bytes",
         frame(PROGRAM, 1, PROC["CONNECT_OPEN"], CALL, 1, OK, open_body + b"junk"), "answered"),
        ("unknown program", frame(0x12345678, 1, 1, CALL, 1, OK),
         ("error", 39, 7, "Cannot find program 305419896 version 1")),
        ("unknown program version", frame(PROGRAM, 7, PROC["CONNECT_GET_TYPE"], CALL, 1, OK),
         ("error", 39, 7, "Cannot find program %d version 7" % PROGRAM)),
        ("a CALL with status ERROR", frame(PROGRAM, 1, PROC["CONNECT_GET_TYPE"], CALL, 1, 1),
         ("error", 39, 7, "Unexpected message status 1")),
        ("a REPLY sent to the daemon", frame(PROGRAM, 1, 1, 1, 1, OK), "silent"),
        ("a message of type 9", frame(PROGRAM, 1, 1, 9, 1, OK), "silent"),
        ("bad keepalive procedure", frame(0x6b656570, 1, 9, 2, 0, OK), "silent"),
        ("truncated message", struct.pack(">I", 200) + good_hdr + b"\0" * 10, "closed"),
    ]


def outcome(path, name, data):
    """What a daemon does with one bad message on a fresh connection."""
    c = Client(path=path, timeout=1.5)
    try:
        c.send_raw(data)
        if name == "truncated message":
            c.s.shutdown(socket.SHUT_WR)
        hdr, body = c.recv_frame()
        if hdr[5] == 1:
            return ("error",) + tuple(Reader(body).error()[:3])
        return "answered"
    except socket.timeout:
        return "silent"
    except Exception:  # noqa: BLE001
        return "closed"
    finally:
        c.s.close()


def debian_outcomes():
    """The same messages on Debian's libvirtd, or None when it is not here."""
    if not (os.path.exists(DEBIAN_LIBVIRTD) and shutil.which("setpriv")):
        return None
    tmp = tempfile.mkdtemp(prefix="limits-debian-")
    proc, _, rw = start_debian(tmp)
    try:
        for _ in range(100):
            if os.path.exists(rw):
                break
            time.sleep(0.1)
        if not os.path.exists(rw):
            return None
        return {name: outcome(rw, name, data) for name, data, _ in bad_messages()}
    finally:
        stop_debian(proc)
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    t = TAP()
    d = Daemon()
    try:
        bystander = Client(path=d.rw)
        bystander.open("test:///default")
        for name, data, want in bad_messages():
            got = outcome(d.rw, name, data)
            t.ok(got == want, "%s: %s, as libvirt's daemon" % (name, want if isinstance(want, str) else "error reply"),
                 "got %r" % (got,))
            st, _ = bystander.call("CONNECT_NUM_OF_DOMAINS")
            t.ok(st == OK, "%s: another client is unaffected" % name)
        theirs = debian_outcomes()
        if theirs is None:
            print("# Debian's libvirtd is not here: the expectations are not compared with it")
        for name, _, want in bad_messages() if theirs else []:
            t.ok(theirs[name] == want, "%s: Debian's libvirtd does the same" % name, "got %r" % (theirs[name],))
        # a length word just over the limit: ours closes at once, libvirt's
        # waits for the body it will refuse; both keep their bounds
        c = Client(path=d.rw)
        c.send_raw(struct.pack(">I", 32 * 1024 * 1024 + 1) + struct.pack(">IIiIII", PROGRAM, 1, 1, CALL, 1, OK))
        t.ok(c.closed(10), "a length word over 32 MiB closes that connection")
        c.close()
        time.sleep(0.3)
        log = d.log()
        t.ok(log.count("libvirtd: error:") >= len(bad_messages()),
             "every bad message is logged as an error", log)
        t.ok("out of bounds" in log, "the oversized length is named in the log")

        # a 5 MiB call within the 32 MiB limit is fine when its strings are
        # within theirs: a 3 MiB domain name is simply not found
        c = Client(path=d.rw)
        c.open("test:///default")
        st, r = c.call("DOMAIN_LOOKUP_BY_NAME", x_string("n" * (3 * 1024 * 1024)))
        t.ok(st == 1, "a large but legal message is answered (here with an error)")
        c.close()

        # 200 clients at once, each opening and calling
        results = []
        lock = threading.Lock()
        together = threading.Barrier(200)

        def worker(i):
            ok = False
            try:
                c = Client(path=d.rw if i % 2 else d.ro)
                c.open("test:///default")
                together.wait(60)       # all 200 connected at the same time
                for _ in range(5):
                    st, r = c.call("CONNECT_NUM_OF_DOMAINS")
                    ok = st == OK and r.int() == 1
                    if not ok:
                        break
                c.close()
            except Exception as e:  # noqa: BLE001
                ok = repr(e)
            with lock:
                results.append(ok)

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(200)]
        start = time.time()
        for th in threads:
            th.start()
        for th in threads:
            th.join(120)
        good = sum(1 for r in results if r is True)
        t.ok(good == 200, "200 concurrent clients all served (%d ok, %.1fs)" % (good, time.time() - start),
             [r for r in results if r is not True][:5])

        # clients killed mid-call: a child process sends calls and is killed
        script = (
            "import sys, os, socket, struct\n"
            "sys.path.insert(0, %r)\n"
            "from daemontest import *\n"
            "c = Client(path=%r)\n"
            "c.open('test:///default')\n"
            "for i in range(100):\n"
            "    c.send_call('CONNECT_GET_TYPE')\n"
            "os.kill(os.getpid(), 9)\n" % (os.path.dirname(os.path.abspath(__file__)), d.rw))
        for _ in range(10):
            subprocess.run([sys.executable, "-c", script], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=60)
        t.ok(d.alive(), "the daemon survives clients killed in the middle of calls")
        # every client ever connected has been freed (their calls finished)
        bystander.close()
        end = time.time() + 30
        while time.time() < end:
            log = d.log()
            connected = len(re.findall(r"client \d+: connected", log))
            freed = len(re.findall(r"client \d+: freed", log))
            if connected == freed:
                break
            time.sleep(0.2)
        t.ok(connected == freed and connected > 200,
             "every client is freed once its last call ends (%d connected, %d freed)" % (connected, freed))
        c = Client(path=d.rw)
        c.open("test:///default")
        st, r = c.call("CONNECT_NUM_OF_DOMAINS")
        t.ok(st == OK and r.int() == 1, "the daemon still serves new clients, state untouched")
        c.close()

        # one slow call (saving to a FIFO nobody reads yet) does not hold
        # up other clients
        fifo = os.path.join(d.tmp, "slow.fifo")
        os.mkfifo(fifo)
        slow = Client(path=d.rw)
        slow.open("test:///default")
        st, r = slow.call("DOMAIN_LOOKUP_BY_NAME", x_string("test"))
        dom = r.domain()
        slow.send_call("DOMAIN_SAVE", x_string(dom[0]) + dom[1] + struct.pack(">i", dom[2]) + x_string(fifo))
        time.sleep(0.5)
        quick = Client(path=d.rw)
        quick.open("test:///default")
        started = time.time()
        st, r = quick.call("CONNECT_GET_TYPE")
        t.ok(st == OK and time.time() - started < 5, "a quick call is answered while a slow one runs")
        got = []

        def drain():
            with open(fifo, "rb") as f:
                got.append(len(f.read()))
        reader = threading.Thread(target=drain)
        reader.start()
        hdr, body = slow.recv_frame()
        reader.join(30)
        t.ok(hdr[5] in (0, 1), "the slow call completes once its FIFO is read (status %d)" % hdr[5])
        slow.close()
        quick.close()
    finally:
        rc = d.stop()
    t.ok(rc == 0, "the daemon exits cleanly on SIGTERM (status %s)" % rc, d.log()[-2000:])
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
