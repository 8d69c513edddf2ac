#!/usr/bin/env python3
"""Interoperability: Debian's virsh (libvirt-clients, real libvirt's remote
driver) against our daemon over TCP on 127.0.0.1 and over the unix socket:
list --all, dominfo, define, start, destroy, with output compared to what
the same virsh prints for the same test driver run locally."""
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemontest import Daemon, TAP, free_port  # noqa: E402

VIRSH = os.environ.get("DEBIAN_VIRSH", "/usr/bin/virsh")
DOMAIN_XML = """<domain type='test'>
  <name>vm1</name>
  <uuid>8e3b0a3c-63f3-4d4e-9b3f-5a1b2c3d4e5f</uuid>
  <memory unit='KiB'>1048576</memory>
  <vcpu>1</vcpu>
  <os><type>hvm</type></os>
</domain>
"""


HOME = tempfile.mkdtemp(prefix="virt-virsh-home-")


def virsh(uri, *cmd):
    # Debian's virsh with its own library, its own (empty) home
    env = {k: v for k, v in os.environ.items() if k not in ("LD_LIBRARY_PATH", "LIBVIRT_DEFAULT_URI")}
    env["HOME"] = HOME
    env["XDG_CONFIG_HOME"] = os.path.join(HOME, ".config")
    env["XDG_CACHE_HOME"] = os.path.join(HOME, ".cache")
    return subprocess.run([VIRSH, "-c", uri] + list(cmd), capture_output=True, text=True,
                          timeout=60, env=env)


def our_virsh(*args):
    # our virsh, on our library (the test environment's LD_LIBRARY_PATH)
    exe = os.path.join(os.environ.get("BUILD_ROOT", "."), "tools", "virsh", "virsh")
    return subprocess.run([exe] + list(args), capture_output=True, text=True, timeout=60)


def keepalive_checks(t, uri):
    """Our virsh starts keepalive (5 s, 6 PINGs) by default; -k/-K tune it."""
    r = our_virsh("-k", "1", "-K", "2", "-c", uri, "list", "--all")
    t.ok(r.returncode == 0 and "test" in r.stdout, "our virsh -k 1 -K 2 over tcp", r.stdout + r.stderr)
    r = our_virsh("-c", "test:///default", "list")
    t.ok(r.returncode == 0, "our virsh: a local driver without keepalive is fine by default",
         r.stdout + r.stderr)
    r = our_virsh("-k", "1", "-c", "test:///default", "list")
    t.ok(r.returncode == 1 and "keepalive" in r.stderr,
         "our virsh: -k on a driver without keepalive is an error", r.stdout + r.stderr)
    r = our_virsh("-k", "soon", "list")
    t.ok(r.returncode == 1 and "Invalid value for option -k" in r.stderr, "our virsh: -k needs a number",
         r.stdout + r.stderr)


def main():
    t = TAP()
    if not os.path.exists(VIRSH):
        print("1..0 # SKIP Debian's virsh (libvirt-clients) is not installed")
        return 0
    port = free_port()
    d = Daemon({"listen_tcp": 1, "tcp_port": str(port), "listen_addr": "127.0.0.1",
                "auth_tcp": "none"})
    tmp = tempfile.mkdtemp(prefix="virt-virsh-")
    xml = os.path.join(tmp, "vm1.xml")
    with open(xml, "w") as f:
        f.write(DOMAIN_XML)
    try:
        t.ok(d.alive(), "the daemon listens on tcp", d.log())
        for label, uri in (("tcp", "test+tcp://127.0.0.1:%d/default" % port),
                           ("unix", "test+unix:///default?socket=%s" % d.rw)):
            r = virsh(uri, "list", "--all")
            want = virsh("test:///default", "list", "--all")
            t.ok(r.returncode == 0 and r.stdout == want.stdout,
                 "%s: list --all prints what the local test driver prints" % label,
                 r.stdout + r.stderr + "\n--- local:\n" + want.stdout)
            # the daemon reports the API level it serves, as Debian's does
            r = virsh(uri, "version", "--daemon")
            t.ok(r.returncode == 0 and "Running against daemon: 9.0.0" in r.stdout,
                 "%s: virsh version --daemon says 9.0.0" % label, r.stdout + r.stderr)
            r = virsh(uri, "dominfo", "test")
            local = virsh("test:///default", "dominfo", "test")
            # Lines that differ between our test module and libvirt's
            # built-in test driver (not the daemon's business).
            skip = ("Security", "CPU time", "Managed save")
            keep = [line for line in local.stdout.splitlines() if not line.startswith(skip)]
            got = [line for line in r.stdout.splitlines() if not line.startswith(skip)]
            t.ok(r.returncode == 0 and got == keep, "%s: dominfo test matches the local output" % label,
                 r.stdout + r.stderr + "\n--- local:\n" + local.stdout)

        # One virsh session: each connection to test:///default has its
        # own state in our test module.
        uri = "test+tcp://127.0.0.1:%d/default" % port
        r = virsh(uri, "define %s; echo ==; list --all; echo ==; start vm1; echo ==; domstate vm1;"
                  " echo ==; destroy vm1; echo ==; domstate vm1" % xml)
        parts = r.stdout.split("==\n")
        out = r.stdout + r.stderr
        t.ok(r.returncode == 0 and len(parts) == 6, "tcp: define, list, start, destroy in one session", out)
        parts += [""] * 6
        t.ok("vm1" in parts[0] and "defined" in parts[0], "tcp: define", out)
        t.ok("vm1" in parts[1] and "shut off" in parts[1], "tcp: the defined domain is listed shut off", out)
        t.ok("started" in parts[2], "tcp: start", out)
        t.ok(parts[3].strip() == "running", "tcp: domstate says running", out)
        t.ok("destroyed" in parts[4], "tcp: destroy", out)
        t.ok(parts[5].strip() == "shut off", "tcp: domstate says shut off", out)
        r = virsh(uri, "event --all --loop --timeout 1; suspend test; resume test")
        t.ok(r.returncode == 0, "tcp: virsh event registers for events and returns", r.stdout + r.stderr)
        r = virsh(uri, "dominfo", "nosuch")
        t.ok(r.returncode != 0 and "nosuch" in r.stderr, "tcp: errors arrive with the library's message",
             r.stdout + r.stderr)
        ro = "test+unix:///default?socket=%s" % d.ro
        r = virsh(ro, "destroy", "test")
        t.ok(r.returncode != 0 and "forbidden" in r.stderr.lower(), "read-only socket: destroy is refused",
             r.stdout + r.stderr)
        r = virsh(ro, "list", "--all")
        t.ok(r.returncode == 0 and "test" in r.stdout, "read-only socket: list works", r.stdout + r.stderr)
        keepalive_checks(t, uri)
    finally:
        d.stop()
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(HOME, ignore_errors=True)
    t.ok("libvirtd: error" not in d.log(), "no error in the daemon's log", d.log()[-2000:])
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
