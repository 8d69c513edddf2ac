#!/usr/bin/env python3
"""tools/libvirtd/gen/dispatchgen.py: which procedures get a generated
dispatcher, which are left to handwritten code, the table order, and a
clear file:line error for a broken protocol file."""
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemontest import SOURCE, TAP  # noqa: E402

GEN = os.path.join(SOURCE, "tools", "libvirtd", "gen", "dispatchgen.py")
XDRGEN = os.path.join(SOURCE, "abi", "gen", "xdrgen.py")
PROTO = os.path.join(SOURCE, "abi", "remote.proto")
API = os.path.join(SOURCE, "abi", "libvirt.api")
MORE_API = [os.path.join(SOURCE, "abi", f) for f in ("libvirt-qemu.api", "libvirt-lxc.api")]
HAND = [os.path.join(SOURCE, "tools", "libvirtd", f) for f in
        ("daemon-procs-connect.c", "daemon-procs-domain.c", "daemon-procs-info.c",
         "daemon-procs-network.c", "daemon-procs-qemu.c")]


def gen(tmp, proto=PROTO, hand=HAND):
    out = os.path.join(tmp, "out.c")
    r = subprocess.run([sys.executable, GEN, out, XDRGEN, proto, API] + MORE_API + hand,
                       capture_output=True, text=True)
    text = open(out).read() if r.returncode == 0 else ""
    return r, text


def main():
    t = TAP()
    with tempfile.TemporaryDirectory() as tmp:
        r, text = gen(tmp)
        t.ok(r.returncode == 0, "the generator runs on the real inputs", r.stderr)
        for name, api in (("DOMAIN_SUSPEND", "virDomainSuspend(h0)"),
                          ("DOMAIN_LOOKUP_BY_NAME", "virDomainLookupByName(conn, args->name)"),
                          ("DOMAIN_GET_STATE", "virDomainGetState(h0, &out0, &out1, (unsigned int) args->flags)"),
                          ("CONNECT_GET_MAX_VCPUS", "virConnectGetMaxVcpus(conn, args->type ? *args->type : NULL)"),
                          ("NETWORK_GET_AUTOSTART", "virNetworkGetAutostart(h0, &out0)")):
            t.ok(("\ndispatch_%s(" % name) in text and api in text,
                 "%s is generated and calls %s" % (name, api))
        t.ok("{ 1, dispatchNoConn_CONNECT_OPEN, false }" in text,
             "CONNECT_OPEN uses the handwritten no-connection dispatcher")
        t.ok("{ 16, dispatch_DOMAIN_GET_INFO, true }" in text, "DOMAIN_GET_INFO uses the handwritten one")
        t.ok(re.search(r"\*   DOMAIN_MIGRATE_PREPARE \(", text) is not None,
             "unmatched procedures are listed as not dispatched")
        remote = text.split("daemonDispatchTable[] = {", 1)[-1].split("};", 1)[0]
        nums = [int(n) for n in re.findall(r"^    \{ (\d+), ", remote, re.M)]
        t.ok(nums == sorted(nums) and len(nums) == len(set(nums)) and len(nums) > 100,
             "the table is sorted by procedure number (%d entries)" % len(nums))
        qemu = text.split("daemonQemuDispatchTable[] = {", 1)[-1].split("};", 1)[0]
        t.ok("{ 1, dispatch_QEMU_DOMAIN_MONITOR_COMMAND, true }" in qemu
             and "{ 2, dispatch_QEMU_DOMAIN_ATTACH, true }" in qemu
             and "virDomainQemuAttach(conn, " in text,
             "the QEMU program has its own table: handwritten and generated dispatchers", qemu)
        t.ok("{ QEMU_PROGRAM, QEMU_PROTOCOL_VERSION, \"qemu\", virtQemuProcedureLookup, "
             "daemonQemuDispatchTable, " in text and "{ LXC_PROGRAM, " in text
             and "KEEPALIVE_PROGRAM" not in text,
             "every program but keepalive is listed for the daemon")

        fake = os.path.join(tmp, "fake.c")
        with open(fake, "w") as f:
            f.write("DAEMON_PROC(DOMAIN_SUSPEND)\n{\n}\n")
        r, text = gen(tmp, hand=HAND + [fake])
        t.ok(r.returncode == 0 and "int dispatch_DOMAIN_SUSPEND(daemonClient" in text
             and "\ndispatch_DOMAIN_SUSPEND(" not in text,
             "a handwritten DAEMON_PROC replaces the generated dispatcher")

        bad = os.path.join(tmp, "bad.proto")
        with open(bad, "w") as f:
            f.write("const A = 1;\n\nstruct x {\n    int a\n};\n")
        r, _ = gen(tmp, proto=bad)
        t.ok(r.returncode == 1 and "bad.proto:5:" in r.stderr, "a broken protocol file: error with file:line",
             r.stderr)
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
