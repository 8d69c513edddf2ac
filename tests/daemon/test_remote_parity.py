#!/usr/bin/env python3
"""The remote path against libvirt's: tests/testmod/test_parity --write is
run once with our library against our libvirtd and once with Debian's
library (oracle environment) against Debian's libvirtd, each serving
test:///default over a unix socket in a temporary folder. Every function
must have the same outcome on both, but for KNOWN below (a reason each);
a KNOWN one that agrees fails too, so the list stays exact.

A fourth run, our library against Debian's libvirtd, checks our client's
half of every procedure on its own: each function must have the outcome
Debian's library has there, but for CROSS_KNOWN.

A function whose direct outcome on test:///default already differs from
libvirt's (a [default] line of tests/testmod/parity-todo.txt) must have
through our daemon the outcome our direct connection gives: test_parity
runs a third time, on test:///default itself.

  test_remote_parity.py [--show]   --show prints the differing lines"""
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemontest import BUILD, DEBIAN_LIBVIRTD, SOURCE, TAP, Daemon, oracle_env, start_debian, stop_debian  # noqa: E402

PARITY = os.path.join(BUILD, "tests", "testmod", "test_parity")
DATA = os.path.join(SOURCE, "tests", "testmod", "data")
OBJECTS = "domain=test network=default pool=default-pool interface=eth1 device=computer"

# Functions whose outcome through our daemon is known to differ from
# Debian's, with the reason.
NULL_CPUS = ("no CPUs reach the daemon as NULL, which the entry point refuses, as through libvirt's daemon; "
             "the direct call had an array and found no slot")
KNOWN = {
    "virConnectBaselineCPU": NULL_CPUS,
    "virConnectSetKeepAlive": "our client pings from a thread of its own: it needs no event loop",
    "virDomainMigrate2": "the migration path is handwritten and asks Begin3 first",
    "virDomainScreenshot": "streams are not carried yet",
    # where the direct connection is not libvirt's either
    "virDomainMigrate": "the migration path is handwritten and asks Begin3 first",
}
KNOWN["virSecretSetValue"] = ("an empty value reaches the daemon as NULL, as with libvirt's daemon, "
                              "and the entry point refuses it; the direct call had a pointer")


# Functions whose outcome with our library against Debian's libvirtd
# differs from Debian's library's there, with the reason.
CROSS_KNOWN = {
    "virConnectSetKeepAlive": KNOWN["virConnectSetKeepAlive"],
    "virDomainMigrate": KNOWN["virDomainMigrate"],
    "virDomainMigrate2": KNOWN["virDomainMigrate2"],
    "virDomainScreenshot": KNOWN["virDomainScreenshot"],
}


def direct_todo():
    """Functions whose direct outcome differs already: name -> reason."""
    todo = {}
    with open(os.path.join(SOURCE, "tests", "testmod", "parity-todo.txt")) as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3 and parts[0] == "default":
                todo[parts[1]] = parts[2]
    return todo


def run_parity(sock, env, tmp, tag):
    table = os.path.join(tmp, "table-%s.txt" % tag)
    with open(table, "w") as f:
        uri = "test+unix:///default?socket=%s" % sock if sock else "test:///default"
        f.write("[remote] %s %s\n" % (uri, OBJECTS))
    r = subprocess.run([PARITY, table, DATA, "--write"], capture_output=True, text=True, env=env,
                       timeout=240)
    lines = {}
    for line in r.stdout.splitlines():
        if "\t" not in line or line.startswith("#"):
            continue
        name, outcome = line.split("\t", 1)
        lines[name] = outcome.replace(sock, "SOCKET") if sock else outcome
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
        directlines, _ = run_parity(None, env, tmp, "direct")
        crosslines, _ = run_parity(deb_sock, env, tmp, "cross")
        t.ok(len(deblines) > 300, "Debian's side answers %d functions" % len(deblines))
        t.ok(set(ourlines) == set(deblines), "both sides list the same functions (%d, %d)"
             % (len(ourlines), len(deblines)))
        differ = 0
        todo = direct_todo()
        for name in deblines:
            # what the direct connection gives, where it is not libvirt's
            want = directlines.get(name) if name in todo else deblines[name]
            same = ourlines.get(name) == want
            if not same:
                differ += 1
                if show:
                    sys.stderr.write("%s\n  ours:   %s\n  %s %s\n"
                                     % (name, ourlines.get(name), "direct:" if name in todo else "debian:",
                                        want))
            if name in KNOWN:
                t.ok(not same, "%s differs as known: %s" % (name, KNOWN[name]))
            elif name in todo:
                t.ok(same, "%s as on the direct connection (%s)" % (name, todo[name]))
            else:
                t.ok(same, name)
        for name in KNOWN:
            if name not in deblines:
                t.ok(False, "%s of KNOWN is no function of the table" % name)
        # our client against Debian's daemon: every procedure's client half
        for name in deblines:
            same = crosslines.get(name) == deblines[name]
            if not same and show:
                sys.stderr.write("%s (ours to Debian's daemon)\n  ours:   %s\n  debian: %s\n"
                                 % (name, crosslines.get(name), deblines[name]))
            if name in CROSS_KNOWN:
                t.ok(not same, "%s to Debian's daemon differs as known: %s" % (name, CROSS_KNOWN[name]))
            else:
                t.ok(same, "%s to Debian's daemon" % name)
        for name in CROSS_KNOWN:
            if name not in deblines:
                t.ok(False, "%s of CROSS_KNOWN is no function of the table" % name)
        sys.stderr.write("%d functions differ\n" % differ)
    finally:
        ours.stop()
        stop_debian(deb)
        shutil.rmtree(tmp, ignore_errors=True)
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
