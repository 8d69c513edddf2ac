#!/usr/bin/env python3
"""The values of the calls that fill structures and arrays, through the
wire: Debian's python binding runs one script four times on
test:///default and prints every answer (or error code, domain and
message):
  - our library, direct, and our library through our libvirtd: the wire
    must carry every value unchanged (both halves ours);
  - our library through Debian's libvirtd, and Debian's library through
    Debian's libvirtd: our client half must decode libvirt's daemon as
    libvirt's client does.
test_remote_parity compares outcomes of every function; this compares
what came back."""
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemontest import (DEBIAN_LIBVIRTD, TAP, Daemon, free_port, run_json_client, start_debian,  # noqa: E402
                        stop_debian)

CLIENT = r'''
import json, sys, libvirt
libvirt.registerErrorHandler(lambda c, e: None, None)
conn = libvirt.open(sys.argv[1])
dom = conn.lookupByName("test")
out = {}
def get(name, f):
    try:
        v = f()
        if isinstance(v, bytes):
            v = list(v)
        out[name] = ["ok", v]
    except libvirt.libvirtError as e:
        out[name] = ["err", e.get_error_code(), e.get_error_domain(), e.get_error_message()]
get("security model", conn.getSecurityModel)
get("security label", dom.securityLabel)
get("security label list", dom.securityLabelList)
get("memory stats", dom.memoryStats)
get("node cpu stats", lambda: conn.getCPUStats(-1))
get("node memory stats", lambda: conn.getMemoryStats(-1))
get("node cpu map", conn.getCPUMap)
get("cells free memory", lambda: conn.getCellsFreeMemory(0, 8))
get("cpu model names", lambda: conn.getCPUModelNames("x86_64"))
get("disk errors", dom.diskErrors)
get("memory peek", lambda: dom.memoryPeek(0, 16, libvirt.VIR_MEMORY_VIRTUAL))
get("vcpu pin info", lambda: dom.vcpuPinInfo(0))
get("cpu stats total", lambda: dom.getCPUStats(True))
get("cpu stats per cpu", lambda: dom.getCPUStats(False))
get("dhcp leases", lambda: conn.networkLookupByName("default").DHCPLeases())
get("block job info", lambda: dom.blockJobInfo("vda", 0))
get("job stats", lambda: dom.jobStats())
get("block stats flags", lambda: dom.blockStatsFlags("vda"))
get("backup xml", lambda: dom.backupGetXMLDesc())
get("fd associate", lambda: dom.FDAssociate("values", [0]))
def ports():
    net = conn.networkLookupByName("default")
    return [len(net.listAllPorts(0)), net.portLookupByUUIDString("0b4a0ac2-7c5e-4d7e-9d43-4f5b7a1c2d3e")]
get("network ports", ports)
def agent():
    import libvirt_qemu
    return libvirt_qemu.qemuAgentCommand(dom, '{"execute": "guest-ping"}', 5, 0)
get("agent command", agent)
get("block peek", lambda: dom.blockPeek("vda", 0, 16, 0))
get("free pages", lambda: conn.getFreePages([4, 2048], 0, 2))
get("guest vcpus", lambda: dom.guestVcpus())
get("guest info", lambda: dom.guestInfo(0))
get("compare hypervisor cpu", lambda: conn.compareHypervisorCPU(None, None, None, None, "<cpu/>"))
get("storage pool capabilities", lambda: len(conn.getStoragePoolCapabilities()) > 0)
get("sev info", lambda: conn.getSEVInfo())
get("add iothread", lambda: dom.addIOThread(5, libvirt.VIR_DOMAIN_AFFECT_LIVE))
get("pin iothread", lambda: dom.pinIOThread(5, (True, False), libvirt.VIR_DOMAIN_AFFECT_LIVE))
get("iothread info", lambda: dom.ioThreadInfo(libvirt.VIR_DOMAIN_AFFECT_LIVE))
get("pin emulator", lambda: dom.pinEmulator((False, True), libvirt.VIR_DOMAIN_AFFECT_LIVE))
get("emulator pin info", lambda: dom.emulatorPinInfo(libvirt.VIR_DOMAIN_AFFECT_LIVE))
get("fs info", dom.fsInfo)
get("interface addresses", lambda: dom.interfaceAddresses(libvirt.VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE))
get("all domain stats", lambda: [[d.name(), s] for d, s in
                                 conn.getAllDomainStats(libvirt.VIR_DOMAIN_STATS_STATE |
                                                        libvirt.VIR_DOMAIN_STATS_VCPU)])
get("list stats", lambda: [[d.name(), s] for d, s in
                           conn.domainListGetStats([dom], libvirt.VIR_DOMAIN_STATS_STATE)])
get("launch security", lambda: dom.launchSecurityInfo())
get("pool by target path", lambda: conn.storagePoolLookupByTargetPath("/default-pool").name())
get("del iothread", lambda: dom.delIOThread(5, libvirt.VIR_DOMAIN_AFFECT_LIVE))
get("parents", lambda: [conn.nodeDeviceLookupByName(n).parent() for n in conn.listDevices(None, 0)])
def bindings():
    f = conn.nwfilterDefineXML("<filter name='values-filter' chain='root'>"
                               "<rule action='accept' direction='in'/></filter>")
    b = conn.nwfilterBindingCreateXML(
        "<filterbinding><owner><name>values</name><uuid>0b4a0ac2-7c5e-4d7e-9d43-4f5b7a1c2d3e</uuid>"
        "</owner><portdev name='vnet7'/><mac address='52:54:00:00:00:07'/>"
        "<filterref filter='values-filter'/></filterbinding>", 0)
    got = [b.portDev(), b.filterName(), b.XMLDesc(0),
           sorted([x.portDev(), x.filterName()] for x in conn.listAllNWFilterBindings(0)),
           conn.nwfilterBindingLookupByPortDev("vnet7").filterName()]
    b.delete()
    f.undefine()
    return got + [len(conn.listAllNWFilterBindings(0))]
get("filter bindings", bindings)
def with_files():
    import os
    r, w = os.pipe()
    dom.destroy()
    got = [dom.createWithFiles([r, w], 0), dom.isActive(), dom.ID() > 0]
    new = conn.createXMLWithFiles("<domain type='test'><name>files</name><memory>8192</memory>"
                                  "<os><type>hvm</type></os></domain>", [r], 0)
    got += [new.name(), new.isActive()]
    new.destroy()
    os.close(r)
    os.close(w)
    return got
get("with files", with_files)
print(json.dumps(out, sort_keys=True))
'''

# Files cannot pass over TCP: both libraries must refuse alike.
TCP_FILES = r'''
import json, os, sys, libvirt
libvirt.registerErrorHandler(lambda c, e: None, None)
conn = libvirt.open(sys.argv[1])
r, w = os.pipe()
try:
    out = ["ok", conn.lookupByName("test").createWithFiles([r], 0)]
except libvirt.libvirtError as e:
    out = ["err", e.get_error_code(), e.get_error_domain(), e.get_error_message()]
print(json.dumps(out))
'''

# (ours direct, ours through our daemon): where the wire must answer
# what libvirt's daemon answers instead of what the module said.
DIRECT_DIFFERS = {
    "security label list": "a failure is ret -1 without an error through libvirt's daemon",
}


def open_fds(pid):
    """The daemon's open descriptors once the count holds still for 0.3 s
    (it closes a gone client's socket on its own time)."""
    last, same = -1, 0
    for _ in range(100):
        now = len(os.listdir("/proc/%d/fd" % pid))
        same = same + 1 if now == last else 0
        if same >= 6:
            break
        last = now
        time.sleep(0.05)
    return last


def compare(t, a, b, what, skip=()):
    if a is None or b is None:
        t.ok(False, "%s: both runs answer" % what, "%s\n%s" % (a, b))
        return
    for name in sorted(set(a) | set(b)):
        if name in skip:
            continue
        t.ok(a.get(name) == b.get(name), "%s: %s" % (what, name),
             "%s\n%s" % (a.get(name), b.get(name)))


def main():
    t = TAP()
    if not os.path.exists(DEBIAN_LIBVIRTD) or not shutil.which("setpriv"):
        print("1..0 # SKIP Debian's libvirtd missing")
        return 0
    tmp = tempfile.mkdtemp(prefix="remote-values-")
    os.chmod(tmp, 0o755)
    os.makedirs(os.path.join(tmp, "ours"))
    port = free_port()
    ours = Daemon({"listen_tcp": 1, "tcp_port": str(port), "auth_tcp": "none"},
                  tmp=os.path.join(tmp, "ours"))
    deb, _, deb_sock = start_debian(os.path.join(tmp, "debian"))
    try:
        t.ok(ours.alive(), "our libvirtd runs", ours.log())
        direct, err = run_json_client(CLIENT, ["test:///default"], True)
        t.ok(direct is not None, "our library direct", err)
        wire, err = run_json_client(CLIENT, ["test+unix:///default?socket=" + ours.rw], True)
        t.ok(wire is not None, "our library through our daemon", err)
        compare(t, direct, wire, "ours direct and through our daemon", DIRECT_DIFFERS)
        if wire:
            t.ok(wire.get("parents", [None])[0] == "ok" and None in wire["parents"][1],
                 "no parent comes back as None, no error", str(wire.get("parents")))
        # the descriptors passed were closed once the calls were done: the
        # count settles once the last client's socket is closed
        fds = open_fds(ours.proc.pid)
        again, err = run_json_client(CLIENT, ["test+unix:///default?socket=" + ours.rw], True)
        t.ok(again is not None and again.get("with files") == wire.get("with files"),
             "files passed again", str(again and again.get("with files")))
        now = open_fds(ours.proc.pid)
        t.ok(now <= fds, "the daemon keeps no descriptor it was passed (%d, then %d)" % (fds, now))
        tcp = "test+tcp://127.0.0.1:%d/default" % port
        refused, err = run_json_client(TCP_FILES, [tcp], True)
        oracle_refused, err2 = run_json_client(TCP_FILES, [tcp], False)
        t.ok(refused is not None and refused[0] == "err" and refused == oracle_refused,
             "no files over TCP, refused as Debian's library refuses", "%s\n%s" % (refused, oracle_refused))
        cross, err = run_json_client(CLIENT, ["test+unix:///default?socket=" + deb_sock], True)
        t.ok(cross is not None, "our library through Debian's daemon", err)
        oracle, err = run_json_client(CLIENT, ["test+unix:///default?socket=" + deb_sock], False)
        t.ok(oracle is not None, "Debian's library through Debian's daemon", err)
        compare(t, cross, oracle, "ours and Debian's library through Debian's daemon")
    finally:
        ours.stop()
        stop_debian(deb)
        shutil.rmtree(tmp, ignore_errors=True)
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
