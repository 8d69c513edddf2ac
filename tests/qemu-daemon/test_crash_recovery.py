#!/usr/bin/env python3
"""A session libvirtd with the qemu module, killed with SIGKILL in the
middle of a loop of defines, then started again: every definition it
acknowledged is back, and nothing a write left half-done remains. Planted
before a start: a temporary file of an interrupted atomic write in each of
the qemu module's folders (removed and logged) and live state that cannot
be read (moved aside as NAME.xml.corrupt and logged, never deleted); a
definition that cannot be read stays where it is, ignored and logged, as
libvirt leaves it. Private HOME/XDG tree; no guest is started."""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

BUILD = os.environ.get("BUILD_ROOT", "build")
LIBVIRTD = os.path.join(BUILD, "tools", "libvirtd", "libvirtd")
VIRSH = os.path.join(BUILD, "tools", "virsh", "virsh")

n_tests = failed = 0


def ok(cond, name, diag=None):
    global n_tests, failed
    n_tests += 1
    print("%s %d - %s" % ("ok" if cond else "not ok", n_tests, name))
    if not cond:
        failed += 1
        for line in str(diag or "").splitlines()[-25:]:
            print("#   " + line)
    sys.stdout.flush()


root = tempfile.mkdtemp(prefix="virt-crash-")
env = dict(os.environ, HOME=os.path.join(root, "home"), XDG_RUNTIME_DIR=os.path.join(root, "rt"),
           XDG_CONFIG_HOME=os.path.join(root, "cfg"), XDG_CACHE_HOME=os.path.join(root, "cache"))
os.makedirs(env["XDG_RUNTIME_DIR"], mode=0o700)
CONFIG = os.path.join(env["XDG_CONFIG_HOME"], "libvirt", "qemu")
AUTOSTART = os.path.join(CONFIG, "autostart")
RUN = os.path.join(env["XDG_RUNTIME_DIR"], "libvirt", "qemu", "run")
PIDFILE = os.path.join(env["XDG_RUNTIME_DIR"], "libvirt", "libvirtd.pid")
daemon = None
logs = []


def start():
    global daemon
    log = open(os.path.join(root, "log%d" % len(logs)), "w")
    logs.append(log.name)
    daemon = subprocess.Popen([LIBVIRTD, "--session", "-v"], env=env, stdout=subprocess.DEVNULL, stderr=log)
    sock = os.path.join(env["XDG_RUNTIME_DIR"], "libvirt", "libvirt-sock")
    for _ in range(200):
        if os.path.exists(sock) and "ready (" in last_log():
            return True
        if daemon.poll() is not None:
            return False
        time.sleep(0.05)
    return False


def last_log():
    with open(logs[-1]) as f:
        return f.read()


def virsh(*cmds, timeout=60):
    r = subprocess.run([VIRSH, "-c", "qemu:///session", " ; ".join(cmds)], env=env, capture_output=True,
                       text=True, timeout=timeout)
    return r.stdout + r.stderr


def xml(name):
    path = os.path.join(root, name + ".xml")
    with open(path, "w") as f:
        f.write("<domain type='qemu'><name>%s</name><memory>65536</memory>"
                "<os><type>hvm</type></os></domain>\n" % name)
    return path


def stray(folder):
    return [n for n in os.listdir(folder) if re.search(r"\.new\.\w{6}$", n)]


try:
    # 1. A first start makes the folders; then plant what a crash leaves.
    ok(start(), "the session daemon starts", last_log() if logs else "")
    out = virsh("define " + xml("keeper"), "autostart keeper")
    daemon.send_signal(signal.SIGTERM)
    daemon.wait(20)
    for folder in (CONFIG, AUTOSTART, RUN):
        with open(os.path.join(folder, "keeper.xml.new.Ab12Cd"), "w") as f:
            f.write("<domain")
    with open(os.path.join(RUN, "ghost.xml"), "w") as f:
        f.write("<domstatus state='running'><domain type='qemu'><name>ghost</name>")   # cut short
    with open(os.path.join(RUN, "ghost.status"), "w") as f:
        f.write("pid=999999\nid=7\nstate=1\nreason=1\n")
    with open(os.path.join(CONFIG, "broken.xml"), "w") as f:
        f.write("<domain type='qemu'><name>broken</name>")
    ok(start(), "it starts again over what a crash left", last_log())
    # the module reads its state when a connection first needs it
    out = virsh("list --all --name", "dominfo keeper")
    log = last_log()
    ok(not any(stray(d) for d in (CONFIG, AUTOSTART, RUN)) and
       all(("removed '%s/keeper.xml.new.Ab12Cd'" % d) in log for d in (CONFIG, AUTOSTART, RUN)),
       "temporary files of interrupted writes removed from all three folders, each logged",
       "%s\n%s" % ([stray(d) for d in (CONFIG, AUTOSTART, RUN)], log))
    ok(os.path.exists(os.path.join(RUN, "ghost.xml.corrupt")) and not os.path.exists(os.path.join(RUN, "ghost.xml"))
       and os.path.exists(os.path.join(RUN, "ghost.status")) and "moved to %s/ghost.xml.corrupt" % RUN in log,
       "live state that cannot be read moved aside and logged, nothing deleted", "%s\n%s" % (os.listdir(RUN), log))
    ok(os.path.exists(os.path.join(CONFIG, "broken.xml")) and "ignoring '%s/broken.xml'" % CONFIG in log,
       "a definition that cannot be read stays in place, ignored and logged", log)
    ok("keeper" in out and "ghost" not in out and "broken" not in out and re.search(r"Autostart:\s+enable", out),
       "the good definition and its autostart survive", out)

    # 2. SIGKILL in the middle of a loop of defines.
    names = ["loop%04d" % i for i in range(1000)]
    paths = [xml(n) for n in names]
    loop = subprocess.Popen([VIRSH, "-c", "qemu:///session", " ; ".join("define " + p for p in paths)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    # kill once some definitions are on disk, long before the loop ends
    end = time.time() + 30
    while time.time() < end and sum(n.startswith("loop") for n in os.listdir(CONFIG)) < 10:
        time.sleep(0.01)
    with open(PIDFILE) as f:
        os.kill(int(f.read().strip()), signal.SIGKILL)
    out, _ = loop.communicate(timeout=60)
    daemon.wait(20)
    acked = re.findall(r"Domain '(loop\d+)' defined", out)
    ok(0 < len(acked) < len(names), "the kill landed mid-loop (%d of %d acknowledged)" % (len(acked), len(names)),
       out[-2000:])
    ok(start(), "the daemon starts after SIGKILL", last_log())
    listed = set(virsh("list --all --name").split())
    missing = [n for n in acked if n not in listed]
    ok(not missing, "every acknowledged definition is back after the restart", missing)
    ok(not any(stray(d) for d in (CONFIG, AUTOSTART, RUN)), "no temporary file remains",
       [stray(d) for d in (CONFIG, AUTOSTART, RUN)])
    files = {n[:-4] for n in os.listdir(CONFIG) if n.endswith(".xml")}
    ok(files - {"broken"} == listed, "every file in the config folder is a listed domain, and back",
       sorted(files ^ listed))
finally:
    if daemon and daemon.poll() is None:
        daemon.kill()
        daemon.wait()
    shutil.rmtree(root, ignore_errors=True)

print("1..%d" % n_tests)
sys.exit(1 if failed else 0)
