#!/usr/bin/env python3
"""libvirtd under a service manager: sockets handed over by socket
activation (systemd-socket-activate, and LISTEN_* set by hand for the
cases it cannot make: no LISTEN_FDNAMES, a LISTEN_PID for another
process, names that do not add up), served by Debian's virsh and left in
place when the daemon exits after --timeout; READY=1 and STOPPING=1 on a
fake NOTIFY_SOCKET (a path and an abstract name); libvirt's refusals:
--listen with activation, a socket nothing claims. The built units pass
systemd-analyze verify, and the sockets they declare, handed over under
their unit names, are the ones the daemon serves."""
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemontest import BUILD, LIBVIRTD, RUNSTATEDIR, TAP, conf_text, free_port, oracle_env  # noqa: E402

ACTIVATE = shutil.which("systemd-socket-activate")
# what our daemon needs from the test's environment to find its modules
PASS_ENV = ("LD_LIBRARY_PATH", "LD_PRELOAD", "VIRT_MODULE_PATH", "VIRT_MODULE_MANIFESTS",
            "VIRT_CLIENT_CONFIG", "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS")

t = TAP()
tmp = tempfile.mkdtemp(prefix="virt-systemd-")
run = os.path.join(tmp, "run")
os.makedirs(run)
RW = os.path.join(run, "libvirt-sock")
RO = os.path.join(run, "libvirt-sock-ro")
conf = os.path.join(tmp, "libvirtd.conf")
with open(conf, "w") as f:
    f.write(conf_text({"unix_sock_dir": run, "listen_tls": 0, "listen_addr": "127.0.0.1",
                       "auth_tcp": "none"}))
procs = []


def virsh(uri, *args, readonly=False):
    cmd = ["virsh", "-q"] + (["-r"] if readonly else []) + ["-c", uri] + list(args)
    r = subprocess.run(cmd, capture_output=True, text=True, env=oracle_env(), timeout=30)
    return r.returncode, r.stdout.strip() + r.stderr.strip()


def bound(path):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(path)
    s.listen(16)
    return s


def handed(sockets, args, names=None, pid_shift=False, extra_env=None):
    """Our daemon with sockets at descriptors 3, 4, ... and LISTEN_* as a
    service manager sets them (LISTEN_PID its own pid, through exec)."""
    env = dict(os.environ)
    env.update(extra_env or {})
    env["LISTEN_FDS"] = str(len(sockets))
    if names is not None:
        env["LISTEN_FDNAMES"] = names
    else:
        env.pop("LISTEN_FDNAMES", None)
    high = [os.dup(s.fileno()) for s in sockets]

    def place():
        for i, fd in enumerate(high):
            os.dup2(fd, 3 + i)
    pid = '$(($$ + 1))' if pid_shift else '$$'
    cmd = ["sh", "-c", 'LISTEN_PID=%s; export LISTEN_PID; exec "$@"' % pid, "sh",
           LIBVIRTD, "-v", "-f", conf] + list(args)
    err = open(os.path.join(tmp, "stderr"), "w")
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=err, preexec_fn=place,
                         close_fds=False)
    for fd in high:
        os.close(fd)
    procs.append(p)
    return p


def log():
    with open(os.path.join(tmp, "stderr")) as f:
        return f.read()


def wait_log(text, timeout=15):
    end = time.time() + timeout
    while time.time() < end:
        if text in log():
            return True
        time.sleep(0.05)
    return False


def finish(p, timeout=20):
    try:
        return p.wait(timeout)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
        return None


def stop(p):
    if p.poll() is None:
        p.send_signal(signal.SIGTERM)
    return finish(p)


def clean_run():
    for n in os.listdir(run):
        os.unlink(os.path.join(run, n))


try:
    # 1. systemd-socket-activate: it binds, waits for the first client,
    # then execs the daemon with LISTEN_FDNAMES from --fdname.
    if not ACTIVATE:
        t.ok(True, "# SKIP systemd-socket-activate is not installed")
    else:
        cmd = [ACTIVATE, "-l", RW, "-l", RO, "--fdname=libvirtd.socket:libvirtd-ro.socket"]
        for k in PASS_ENV:
            if k in os.environ:
                cmd += ["-E", k]
        cmd += [LIBVIRTD, "--system", "-v", "-f", conf, "--timeout", "2"]
        err = open(os.path.join(tmp, "stderr"), "w")
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        procs.append(p)
        end = time.time() + 10
        while time.time() < end and not (os.path.exists(RW) and os.path.exists(RO)):
            time.sleep(0.05)
        rc, out = virsh("test+unix:///default?socket=" + RW, "list", "--all", "--name")
        t.ok(rc == 0 and out == "test", "activated: the read-write socket serves test:///default", out)
        rc, out = virsh("test+unix:///default?socket=" + RO, "domstate", "test", readonly=True)
        t.ok(rc == 0 and out == "running", "activated: the read-only socket serves read-only calls", out)
        rc, out = virsh("test+unix:///default?socket=" + RO, "destroy", "test", readonly=True)
        t.ok(rc != 0 and "read only" in out.lower(),
             "activated: the read-only socket refuses what changes state", out)
        t.ok("listening on libvirtd.socket (descriptor 3)" in log() and
             "listening on libvirtd-ro.socket (descriptor 4)" in log(),
             "activated: both sockets taken over by their names", log())
        rc = finish(p, 20)
        t.ok(rc == 0 and "no client for 2 seconds" in log(), "activated: --timeout ends an idle daemon",
             "rc=%s\n%s" % (rc, log()))
        t.ok(os.path.exists(RW) and os.path.exists(RO),
             "activated: the sockets belong to the service manager: still there after exit")
        clean_run()

    # 2. No LISTEN_FDNAMES (systemd before v227): a socket is named by
    # the path it is bound to.
    rw = bound(RW)
    p = handed([rw], ["--system"])
    ok = wait_log("ready (")
    rc, out = virsh("test+unix:///default?socket=" + RW, "list", "--name")
    t.ok(ok and rc == 0 and out == "test" and "listening on libvirtd.socket (descriptor 3)" in log(),
         "no LISTEN_FDNAMES: the socket at libvirt-sock is the read-write one", out + log())
    t.ok(not os.path.exists(RO) and "libvirt-sock-ro" not in log(),
         "activated: what was not handed over is not opened (no read-only socket)", log())
    stop(p)
    rw.close()
    clean_run()

    # 3. LISTEN_PID of another process: not ours, the daemon binds its own.
    stray = bound(os.path.join(tmp, "stray-sock"))
    p = handed([stray], ["--system"], names="libvirtd.socket", pid_shift=True)
    ok = wait_log("ready (")
    t.ok(ok and os.path.exists(RW) and "descriptor" not in log(),
         "LISTEN_PID of another process: ignored, the daemon makes its sockets", log())
    stop(p)
    stray.close()
    clean_run()

    # 4. libvirt's refusals, each naming the problem, nothing served.
    cases = [
        ("--listen with activation", ["--system", "--listen"], "libvirtd.socket:libvirtd-ro.socket",
         "--listen parameter not permitted with systemd activation sockets"),
        ("a socket nothing claims", ["--system"], "libvirtd.socket:bogus.socket",
         "Some activation file descriptors are unclaimed"),
        ("a session daemon given a read-only socket", ["--session"], "libvirtd.socket:libvirtd-ro.socket",
         "Some activation file descriptors are unclaimed"),
        ("fewer names than sockets", ["--system"], "libvirtd.socket",
         "Expecting 2 FD names but got 1"),
    ]
    for name, args, names, want in cases:
        a, b = bound(RW), bound(RO)
        session_env = {"XDG_RUNTIME_DIR": os.path.join(tmp, "xdg"), "XDG_CONFIG_HOME": os.path.join(tmp, "cfg"),
                       "HOME": tmp}
        p = handed([a, b], args, names=names, extra_env=session_env if "--session" in args else None)
        rc = finish(p)
        t.ok(rc == 1 and want in log(), "refused: %s" % name, "rc=%s\n%s" % (rc, log()))
        a.close()
        b.close()
        clean_run()

    # 5. A TCP socket handed over by name: served with the TCP settings.
    port = free_port()
    tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    tcp.bind(("127.0.0.1", port))
    tcp.listen(8)
    rw = bound(RW)
    p = handed([rw, tcp], ["--system"], names="libvirtd.socket:libvirtd-tcp.socket")
    ok = wait_log("ready (")
    rc, out = virsh("test+tcp://127.0.0.1:%d/default" % port, "list", "--name")
    t.ok(ok and rc == 0 and out == "test" and "libvirtd-tcp.socket (descriptor 4)" in log(),
         "activated: a libvirtd-tcp.socket serves TCP clients", out + log())
    stop(p)
    rw.close()
    tcp.close()
    clean_run()

    # 6. The built units: valid for systemd, and what their sockets
    # declare (paths moved under tmp, ports made free) is what the daemon
    # serves when handed them under the unit names.
    units = os.path.join(BUILD, "tools", "libvirtd")
    udir = os.path.join(tmp, "units")
    os.makedirs(udir)
    listen = {}
    for u in ("libvirtd.service", "libvirtd.socket", "libvirtd-ro.socket", "libvirtd-admin.socket",
              "libvirtd-tcp.socket", "libvirtd-tls.socket"):
        with open(os.path.join(units, u)) as f:
            text = f.read()
        for line in text.splitlines():
            if line.startswith("ListenStream="):
                listen[u] = line.split("=", 1)[1]
        text = "\n".join(("ExecStart=%s $LIBVIRTD_ARGS" % os.path.abspath(LIBVIRTD))
                         if line.startswith("ExecStart=") else line for line in text.splitlines())
        with open(os.path.join(udir, u), "w") as f:
            f.write(text + "\n")
    analyze = shutil.which("systemd-analyze")
    if analyze:
        r = subprocess.run([analyze, "verify"] + sorted(os.path.join(udir, u) for u in os.listdir(udir)),
                           capture_output=True, text=True, timeout=60)
        t.ok(r.returncode == 0, "units: systemd-analyze verify accepts all six", r.stdout + r.stderr)
    else:
        t.ok(True, "# SKIP systemd-analyze is not installed")
    sockdir = RUNSTATEDIR + "/libvirt"
    want = {"libvirtd.socket": sockdir + "/libvirt-sock", "libvirtd-ro.socket": sockdir + "/libvirt-sock-ro",
            "libvirtd-admin.socket": sockdir + "/libvirt-admin-sock", "libvirtd-tcp.socket": "16509",
            "libvirtd-tls.socket": "16514"}
    t.ok(listen == want, "units: each socket unit listens where the daemon's defaults are", listen)
    handed_socks, names = [], []
    for u in ("libvirtd.socket", "libvirtd-ro.socket", "libvirtd-admin.socket", "libvirtd-tcp.socket"):
        if listen.get(u, "").startswith("/"):
            handed_socks.append(bound(os.path.join(run, os.path.basename(listen[u]))))
        else:
            s4 = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s4.bind(("127.0.0.1", 0))
            s4.listen(8)
            port = s4.getsockname()[1]
            handed_socks.append(s4)
        names.append(u)
    p = handed(handed_socks, ["--system"], names=":".join(names))
    ok = wait_log("ready (")
    results = [virsh("test+unix:///default?socket=" + RW, "list", "--name"),
               virsh("test+unix:///default?socket=" + RO, "list", "--name", readonly=True),
               virsh("test+tcp://127.0.0.1:%d/default" % port, "list", "--name")]
    r = subprocess.run(["virt-admin", "-c", "libvirtd:///system?socket=" + os.path.join(run, "libvirt-admin-sock"),
                        "srv-list"], capture_output=True, text=True, env=oracle_env(), timeout=30)
    t.ok(ok and all(rc == 0 and out == "test" for rc, out in results) and r.returncode == 0
         and "libvirtd" in r.stdout,
         "units: the four sockets (rw, ro, admin, tcp) handed over by unit name all serve",
         "%s\n%s%s\n%s" % (results, r.stdout, r.stderr, log()))
    stop(p)
    for s4 in handed_socks:
        s4.close()
    clean_run()

    # 7. Readiness: READY=1 once the sockets answer, STOPPING=1 on SIGTERM,
    # to a path and to an abstract socket.
    for label, addr in (("a path", os.path.join(tmp, "notify")), ("an abstract name", "@virt-notify-%d" % os.getpid())):
        n = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        n.bind(addr if addr[0] == "/" else "\0" + addr[1:])
        n.settimeout(15)
        env = dict(os.environ, NOTIFY_SOCKET=addr)
        err = open(os.path.join(tmp, "stderr"), "w")
        p = subprocess.Popen([LIBVIRTD, "--system", "-v", "-f", conf], env=env,
                             stdout=subprocess.DEVNULL, stderr=err)
        procs.append(p)
        try:
            first = n.recv(256).decode()
        except socket.timeout:
            first = "(nothing)"
        answers = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM).connect_ex(RW) == 0
        t.ok(first == "READY=1" and answers,
             "NOTIFY_SOCKET at %s: READY=1, sent when the socket already answers" % label, first)
        p.send_signal(signal.SIGTERM)
        try:
            second = n.recv(256).decode()
        except socket.timeout:
            second = "(nothing)"
        t.ok(second == "STOPPING=1" and finish(p) == 0, "NOTIFY_SOCKET at %s: STOPPING=1 on SIGTERM" % label,
             second)
        n.close()
        if addr[0] == "/":
            os.unlink(addr)
        clean_run()
finally:
    for p in procs:
        if p.poll() is None:
            p.kill()
            p.wait()
    shutil.rmtree(tmp, ignore_errors=True)

sys.exit(t.done())
