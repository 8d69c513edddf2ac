#!/usr/bin/env python3
"""The remote path against libvirt's: tests/testmod/test_parity --write is
run once with our library against our libvirtd and once with Debian's
library (oracle environment) against Debian's libvirtd, each serving
test:///default over a unix socket in a temporary folder. Every function
must have the same outcome on both, but for KNOWN below (a reason each);
a KNOWN one that agrees fails too, so the list stays exact.

  test_remote_parity.py [--show]   --show prints the differing lines"""
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemontest import BUILD, DEBIAN_LIBVIRTD, SOURCE, TAP, Daemon, oracle_env, start_debian  # noqa: E402

PARITY = os.path.join(BUILD, "tests", "testmod", "test_parity")
DATA = os.path.join(SOURCE, "tests", "testmod", "data")
OBJECTS = "domain=test network=default pool=default-pool interface=eth1 device=computer"

# Functions whose outcome through our daemon is known to differ from
# Debian's, with the reason.
KNOWN = {
}


def run_parity(sock, env, tmp, tag):
    table = os.path.join(tmp, "table-%s.txt" % tag)
    with open(table, "w") as f:
        f.write("[remote] test+unix:///default?socket=%s %s\n" % (sock, OBJECTS))
    r = subprocess.run([PARITY, table, DATA, "--write"], capture_output=True, text=True, env=env,
                       timeout=240)
    lines = {}
    for line in r.stdout.splitlines():
        if "\t" not in line or line.startswith("#"):
            continue
        name, outcome = line.split("\t", 1)
        lines[name] = outcome.replace(sock, "SOCKET")
    return lines, r.stderr


def main():
    t = TAP()
    show = "--show" in sys.argv
    if not os.path.exists(PARITY) or not os.path.exists(DEBIAN_LIBVIRTD) or not shutil.which("setpriv"):
        print("1..0 # SKIP test_parity or Debian's libvirtd missing")
        return 0
    tmp = tempfile.mkdtemp(prefix="remote-parity-")
    os.chmod(tmp, 0o755)
    os.makedirs(os.path.join(tmp, "ours"))
    ours = Daemon(args=(), tmp=os.path.join(tmp, "ours"))
    deb_tmp = os.path.join(tmp, "debian")
    deb, _, deb_sock = start_debian(deb_tmp)
    try:
        t.ok(ours.alive(), "our libvirtd runs")
        t.ok(deb.poll() is None and os.path.exists(deb_sock), "Debian's libvirtd runs")
        env = dict(os.environ)
        ourlines, ourerr = run_parity(ours.rw, env, tmp, "ours")
        deblines, deberr = run_parity(deb_sock, oracle_env(), tmp, "debian")
        t.ok(len(deblines) > 300, "Debian's side answers %d functions" % len(deblines))
        t.ok(set(ourlines) == set(deblines), "both sides list the same functions (%d, %d)"
             % (len(ourlines), len(deblines)))
        differ = 0
        for name in sorted(deblines, key=lambda n: list(deblines).index(n)):
            same = ourlines.get(name) == deblines[name]
            if not same:
                differ += 1
                if show:
                    sys.stderr.write("%s\n  ours:   %s\n  debian: %s\n"
                                     % (name, ourlines.get(name), deblines[name]))
            if name in KNOWN:
                t.ok(not same, "%s differs as known: %s" % (name, KNOWN[name]))
            else:
                t.ok(same, name)
        for name in KNOWN:
            if name not in deblines:
                t.ok(False, "%s of KNOWN is no function of the table" % name)
        sys.stderr.write("%d functions differ\n" % differ)
    finally:
        ours.stop()
        if deb.poll() is None:
            deb.terminate()
            try:
                deb.wait(20)
            except subprocess.TimeoutExpired:
                deb.kill()
                deb.wait()
        shutil.rmtree(tmp, ignore_errors=True)
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
