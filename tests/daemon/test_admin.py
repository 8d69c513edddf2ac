#!/usr/bin/env python3
"""test_admin.py: the admin program of our libvirtd (and our admin library).

Debian's virt-admin runs against our daemon's libvirt-admin-sock (started
in a temporary folder) and, where it can start, against Debian's libvirtd
(a session daemon as uid 65534 under a temporary folder): each
command must succeed on both with output of the same shape (the same
headers and parameter names). Then our libvirt-admin.so.0, through
ctypes, talks to both daemons (to Debian's as its user, from a child run
with --ctypes TAG SOCKET). Output is TAP."""
import ctypes
import grp
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemontest import (BUILD, DEBIAN_LIBVIRTD, PROC, PROGRAM, TAP, Daemon, frame, oracle_env,  # noqa: E402
                        start_debian, stop_debian, x_optstring, x_uint)

VIRT_ADMIN = "/usr/bin/virt-admin"
t = TAP()
# virt-admin's command prefix: a session libvirtd admits only its own user
AS_USER = []


def vadm(sock, *args):
    uri = "libvirtd:///system?socket=" + sock
    p = subprocess.run(AS_USER + [VIRT_ADMIN, "-c", uri] + list(args), capture_output=True,
                       text=True, timeout=30, env=oracle_env())
    return p.returncode, p.stdout, p.stderr


def shape(text):
    """What must agree between daemons: table headers and parameter names."""
    out = []
    for line in text.splitlines():
        line = line.strip()
        if not line or set(line) <= {"-"}:
            continue
        m = re.match(r"^(\w+)\s+:", line)
        if m:
            out.append(m.group(1) + ":")
        elif re.match(r"^Id\s+", line):
            out.append(" ".join(line.split()))
        elif line.startswith("Logging"):
            out.append(line.split(":")[0])
    return out


def table_rows(text):
    return [line.split() for line in text.splitlines()[2:] if line.strip()]


def hold_client(path):
    """A connection that stays open: a client of the libvirtd server, with
    a connection opened (libvirt knows a client's identity only then)."""
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(path)
    s.sendall(frame(PROGRAM, 1, PROC["CONNECT_OPEN"], 0, 1, 0, x_optstring("test:///default") + x_uint(0)))
    s.settimeout(10)
    try:
        s.recv(65536)
    except OSError:
        pass
    return s


def wait_rows(sock, server, want, timeout=5):
    end = time.time() + timeout
    while True:
        rc, out, _ = vadm(sock, "srv-clients-list", server)
        rows = table_rows(out)
        if len(rows) == want or time.time() > end:
            return rows
        time.sleep(0.1)


# Refused requests: the exit status and virt-admin's error lines must be
# Debian's, word for word.
REFUSED = [["srv-threadpool-set", "libvirtd", "--max-workers", "0"],
           ["srv-clients-set", "libvirtd", "--max-clients", "0"],
           ["client-info", "libvirtd", "9999"],
           ["client-disconnect", "libvirtd", "9999"],
           ["daemon-log-filters", "bad"],
           ["daemon-log-outputs", "bad"],
           ["server-update-tls", "admin"],
           ["srv-threadpool-info", "nosuch"]]


def run_commands(tag, sock, rwsock):
    """The virt-admin commands of the brief; returns {command: stdout}."""
    seen = {}
    for cmd in (["srv-list"], ["srv-threadpool-info", "libvirtd"], ["srv-clients-info", "libvirtd"],
                ["daemon-log-filters"], ["daemon-log-outputs"], ["version"]):
        rc, out, err = vadm(sock, *cmd)
        t.ok(rc == 0, "%s: virt-admin %s" % (tag, " ".join(cmd)), err)
        seen[" ".join(cmd)] = out
    rc, out, _ = vadm(sock, "srv-list")
    names = [r[1] for r in table_rows(out)]
    # libvirt's order varies from run to run (a hash table's)
    t.ok(sorted(names) == ["admin", "libvirtd"], "%s: servers libvirtd and admin" % tag, out)

    rc, out, err = vadm(sock, "srv-threadpool-set", "libvirtd", "--min-workers", "7", "--max-workers", "12")
    t.ok(rc == 0, "%s: srv-threadpool-set" % tag, err)
    rc, out, _ = vadm(sock, "srv-threadpool-info", "libvirtd")
    vals = dict(re.findall(r"^(\w+)\s*:\s*(\d+)", out, re.M))
    t.ok(vals.get("minWorkers") == "7" and vals.get("maxWorkers") == "12" and
         int(vals.get("nWorkers", 0)) >= 7, "%s: the pool has the new limits and grew to 7" % tag, out)

    c = hold_client(rwsock)
    rows = wait_rows(sock, "libvirtd", 1)
    t.ok(len(rows) == 1 and rows[0][1] == "unix", "%s: srv-clients-list shows the unix client" % tag,
         repr(rows))
    seen["srv-clients-list libvirtd"] = vadm(sock, "srv-clients-list", "libvirtd")[1]
    if rows:
        cid = rows[0][0]
        rc, out, err = vadm(sock, "client-info", "libvirtd", cid)
        info = dict(re.findall(r"^(\w+)\s*:\s*(.*)$", out, re.M))
        t.ok(rc == 0 and info.get("readonly") in ("no", "0") and
             info.get("unix_user_id") == str(os.getuid()) and
             info.get("unix_user_name") and info.get("unix_group_id") == str(os.getgid()) and
             info.get("unix_process_id") == str(os.getpid()),
             "%s: client-info gives read-only state and peer credentials" % tag, out + err)
        seen["client-info"] = out
        rc, out, err = vadm(sock, "client-disconnect", "libvirtd", cid)
        t.ok(rc == 0, "%s: client-disconnect" % tag, err)
        t.ok(wait_rows(sock, "libvirtd", 0) == [], "%s: the client is gone" % tag)
    c.close()

    rc, _, err = vadm(sock, "srv-clients-set", "libvirtd", "--max-clients", "123")
    rc2, out, _ = vadm(sock, "srv-clients-info", "libvirtd")
    t.ok(rc == 0 and re.search(r"^nclients_max\s*:\s*123$", out, re.M),
         "%s: srv-clients-set changes nclients_max" % tag, err + out)

    rc, _, err = vadm(sock, "daemon-log-filters", "1:rpc 3:util")
    rc2, out, _ = vadm(sock, "daemon-log-filters")
    t.ok(rc == 0 and "1:*rpc* 3:*util*" in out, "%s: daemon-log-filters set and read back" % tag, err + out)
    rc, _, err = vadm(sock, "daemon-log-outputs", "3:stderr")
    rc2, out, _ = vadm(sock, "daemon-log-outputs")
    t.ok(rc == 0 and "3:stderr" in out, "%s: daemon-log-outputs set and read back" % tag, err + out)

    rc, out, err = vadm(sock, "server-update-tls", "libvirtd")
    seen["server-update-tls"] = (rc, err)
    for cmd in REFUSED:
        rc, out, err = vadm(sock, *cmd)
        seen["refused " + " ".join(cmd)] = (rc, err)
    rc, out, err = vadm(sock, "daemon-timeout", "--timeout", "600")
    t.ok(rc == 0, "%s: daemon-timeout" % tag, err)
    rc, out, err = vadm(sock, "srv-threadpool-info", "nosuch")
    t.ok(rc != 0 and "No server named 'nosuch'" in err, "%s: an unknown server is refused" % tag, err)
    return seen


def ctypes_checks(tag, sock):
    """Our libvirt-admin.so.0 on the daemon behind sock."""
    core = ctypes.CDLL(os.path.join(BUILD, "core", "libvirt.so.0"), mode=ctypes.RTLD_GLOBAL)
    adm = ctypes.CDLL(os.path.join(BUILD, "core", "admin", "libvirt-admin.so.0"))
    adm.virAdmConnectOpen.restype = ctypes.c_void_p
    adm.virAdmConnectOpen.argtypes = [ctypes.c_char_p, ctypes.c_uint]
    adm.virAdmConnectLookupServer.restype = ctypes.c_void_p
    adm.virAdmConnectLookupServer.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_uint]
    adm.virAdmServerGetName.restype = ctypes.c_char_p
    adm.virAdmServerGetName.argtypes = [ctypes.c_void_p]
    for f in ("virAdmConnectClose", "virAdmServerFree", "virAdmConnectIsAlive"):
        getattr(adm, f).argtypes = [ctypes.c_void_p]
    adm.virAdmConnectListServers.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_uint]
    adm.virAdmConnectGetLibVersion.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_ulonglong)]
    adm.virAdmServerGetThreadPoolParameters.argtypes = [ctypes.c_void_p, ctypes.c_void_p,
                                                        ctypes.POINTER(ctypes.c_int), ctypes.c_uint]
    adm.virAdmConnectGetLoggingOutputs.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_char_p),
                                                   ctypes.c_uint]
    core.virGetLastErrorCode.restype = ctypes.c_int
    core.virTypedParamsFree.argtypes = [ctypes.c_void_p, ctypes.c_int]

    conn = adm.virAdmConnectOpen(("libvirtd:///system?socket=" + sock).encode(), 0)
    if not t.ok(bool(conn), "%s: ctypes: virAdmConnectOpen" % tag, core.virGetLastErrorCode()):
        return
    t.ok(adm.virAdmConnectIsAlive(conn) == 1, "%s: ctypes: the connection is alive" % tag)
    ver = ctypes.c_ulonglong()
    t.ok(adm.virAdmConnectGetLibVersion(conn, ctypes.byref(ver)) == 0 and ver.value == 9000000,
         "%s: ctypes: the daemon's library is 9.0.0" % tag, ver.value)
    t.ok(adm.virAdmConnectListServers(conn, None, 0) == 2, "%s: ctypes: two servers" % tag)
    srv = adm.virAdmConnectLookupServer(conn, b"libvirtd", 0)
    t.ok(bool(srv) and adm.virAdmServerGetName(srv) == b"libvirtd", "%s: ctypes: lookup libvirtd" % tag)
    params, n = ctypes.c_void_p(), ctypes.c_int()
    rc = adm.virAdmServerGetThreadPoolParameters(srv, ctypes.byref(params), ctypes.byref(n), 0)
    t.ok(rc == 0 and n.value == 6, "%s: ctypes: six thread pool parameters" % tag, (rc, n.value))
    if rc == 0:
        core.virTypedParamsFree(params, n)
    adm.virAdmServerFree(srv)
    out = ctypes.c_char_p()
    nout = adm.virAdmConnectGetLoggingOutputs(conn, ctypes.byref(out), 0)
    t.ok(nout >= 1 and out.value, "%s: ctypes: logging outputs" % tag, (nout, out.value))
    bad = adm.virAdmConnectLookupServer(conn, b"nosuch", 0)
    t.ok(not bad and core.virGetLastErrorCode() == 95,
         "%s: ctypes: an unknown server is VIR_ERR_NO_SERVER in our libvirt.so.0's last error" % tag,
         core.virGetLastErrorCode())
    t.ok(adm.virAdmConnectClose(conn) == 0, "%s: ctypes: close" % tag)
    adm.virAdmConnectGetURI.restype = ctypes.c_void_p
    adm.virAdmConnectGetURI.argtypes = [ctypes.c_void_p]
    os.environ["LIBVIRT_ADMIN_DEFAULT_URI"] = "libvirtd:///system?socket=" + sock
    conn = adm.virAdmConnectOpen(None, 0)
    del os.environ["LIBVIRT_ADMIN_DEFAULT_URI"]
    uri = ctypes.string_at(adm.virAdmConnectGetURI(conn)).decode() if conn else None
    t.ok(uri == "libvirtd:///system?socket=" + sock,
         "%s: ctypes: a NULL URI means LIBVIRT_ADMIN_DEFAULT_URI" % tag, uri)
    if conn:
        adm.virAdmConnectClose(conn)
    with tempfile.NamedTemporaryFile("w", suffix=".conf", delete=False) as f:
        f.write('uri_default = "libvirtd:///system?socket=%s"\n' % sock)
    saved = os.environ.get("VIRT_ADMIN_CLIENT_CONFIG")
    os.environ["VIRT_ADMIN_CLIENT_CONFIG"] = f.name
    conn = adm.virAdmConnectOpen(None, 0)
    uri = ctypes.string_at(adm.virAdmConnectGetURI(conn)).decode() if conn else None
    t.ok(uri == "libvirtd:///system?socket=" + sock,
         "%s: ctypes: then uri_default of libvirt-admin.conf" % tag, uri)
    if conn:
        adm.virAdmConnectClose(conn)
    if saved is None:
        del os.environ["VIRT_ADMIN_CLIENT_CONFIG"]
    else:
        os.environ["VIRT_ADMIN_CLIENT_CONFIG"] = saved
    os.unlink(f.name)


def ctypes_as_user(tag, sock):
    """ctypes_checks in a child as the session daemon's user (it admits no
    other); its TAP lines are counted here."""
    p = subprocess.run(AS_USER + [sys.executable, os.path.abspath(__file__), "--ctypes", tag, sock],
                       capture_output=True, text=True, timeout=60, env=dict(os.environ))
    lines = [line for line in p.stdout.splitlines() if re.match(r"^(not )?ok ", line)]
    t.ok(p.returncode == 0 and len(lines) >= 9, "%s: the ctypes child ran" % tag, p.stdout + p.stderr)
    for line in lines:
        m = re.match(r"^(not )?ok \d+ - (.*)$", line)
        t.ok(not m.group(1), m.group(2))


ADMIN_SETTINGS = {"admin_unix_sock_perms": "0770", "admin_max_clients": 7, "admin_max_workers": 4,
                  "admin_min_workers": 2, "admin_max_queued_clients": 3, "admin_max_client_requests": 2,
                  "admin_keepalive_interval": 9, "admin_keepalive_count": 4,
                  "admin_unix_sock_group": grp.getgrgid(os.getgid()).gr_name}


def admin_settings():
    """The admin_* keys of libvirtd.conf: accepted, and the admin server's
    perms, pool and client limit follow them."""
    d = Daemon(settings=ADMIN_SETTINGS, args=())
    sock = os.path.join(d.sockdir, "libvirt-admin-sock")
    if t.ok(d.alive() and os.path.exists(sock), "every admin_* key is accepted", d.log()):
        t.ok(os.stat(sock).st_mode & 0o777 == 0o770, "admin_unix_sock_perms sets the admin socket's mode")
        out = vadm(sock, "srv-threadpool-info", "admin")[1]
        vals = dict(re.findall(r"^(\w+)\s*:\s*(\d+)", out, re.M))
        t.ok(vals.get("minWorkers") == "2" and vals.get("maxWorkers") == "4",
             "admin_min_workers and admin_max_workers size the admin pool", out)
        out = vadm(sock, "srv-clients-info", "admin")[1]
        t.ok(re.search(r"^nclients_max\s*:\s*7$", out, re.M), "admin_max_clients limits the admin server",
             out)
    d.stop()


def main():
    if sys.argv[1:2] == ["--ctypes"]:
        ctypes_checks(sys.argv[2], sys.argv[3])
        return t.done()
    admin_settings()
    # in a sanitizer build our daemon checks its leaks (python's are not ours)
    saved = os.environ.get("ASAN_OPTIONS")
    if saved is not None:
        os.environ["ASAN_OPTIONS"] = saved.replace("detect_leaks=0", "detect_leaks=1")
    ours = Daemon(args=())
    if saved is not None:
        os.environ["ASAN_OPTIONS"] = saved
    admin_sock = os.path.join(ours.sockdir, "libvirt-admin-sock")
    t.ok(ours.alive() and os.path.exists(admin_sock), "ours: libvirt-admin-sock exists", ours.log())
    t.ok(os.stat(admin_sock).st_mode & 0o777 == 0o700, "ours: the admin socket is mode 0700")
    mine = run_commands("ours", admin_sock, ours.rw)
    rc, err = mine["server-update-tls"]
    t.ok(rc != 0 and "no tls service found" in err, "ours: server-update-tls without TLS is refused", err)
    ctypes_checks("ours", admin_sock)
    ours.stop()
    t.ok(not re.search(r"Sanitizer|runtime error", ours.final_log),
         "ours: the daemon reports no sanitizer error", ours.final_log)

    if not (os.path.exists(DEBIAN_LIBVIRTD) and shutil.which("setpriv")):
        print("# Debian's libvirtd is not installed: no comparison")
        return t.done()
    tmp = tempfile.mkdtemp(prefix="virt-admin-debian-")
    proc, dsock, drw = start_debian(tmp)
    try:
        if not os.path.exists(dsock):
            print("# Debian's libvirtd did not start: no comparison")
            return t.done()
        AS_USER[:] = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        theirs = run_commands("debian", dsock, drw)
        for cmd in sorted(set(mine) & set(theirs)):
            if cmd.startswith("refused "):
                t.ok(mine[cmd] == theirs[cmd], "%s: Debian's status and words" % cmd,
                     "ours: %r\ndebian: %r" % (mine[cmd], theirs[cmd]))
                continue
            if cmd in ("server-update-tls", "version"):
                continue
            t.ok(shape(mine[cmd]) == shape(theirs[cmd]), "the output of %s has Debian's shape" % cmd,
                 "ours: %r\ndebian: %r" % (shape(mine[cmd]), shape(theirs[cmd])))
        t.ok(mine["server-update-tls"][0] == theirs["server-update-tls"][0],
             "server-update-tls without TLS fails on both", repr(theirs["server-update-tls"]))
        ctypes_as_user("debian", dsock)
    finally:
        stop_debian(proc)
        shutil.rmtree(tmp, ignore_errors=True)
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
