"""Legacy calls keep their own procedures on the wire, differential.

Our core serves virDomainSetVcpus and the other legacy calls through the
slot of their *Flags variant (via= in abi/libvirt.api); the remote module
must still send each one's own procedure, as libvirt's remote driver does.
A proxy between the client and our libvirtd records the procedure of
every CALL. The same script runs with our library (foreign_env) and with
Debian's (oracle_env, VIRT_ORACLE=1): both must send the procedures
written here.

Usage: test_legacy_wire.py REMOTE_PROTO. Output is TAP."""
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

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
import tap  # noqa: E402
from tap import libvirt  # noqa: E402

REMOTE_PROGRAM = 0x20008086
CALL = 0

DOMXML = ("<domain type='test'><name>wiredom</name><memory>1048576</memory>"
          "<vcpu current='1'>2</vcpu><os><type>hvm</type></os></domain>")
NETXML = ("<network><name>wirenet%s</name><bridge name='virbrwire%s'/>"
          "<ip address='192.168.%d.1' netmask='255.255.255.0'/></network>")


def procedures(proto):
    """REMOTE_PROC_* number -> name, read from remote.proto."""
    names = {}
    with open(proto) as f:
        for m in re.finditer(r"REMOTE_PROC_(\w+)\s*=\s*(\d+)", f.read()):
            names[int(m.group(2))] = m.group(1)
    return names


class Proxy:
    """Forwards a unix socket to another, noting the procedure of each CALL
    the client sends."""

    def __init__(self, listen, target):
        self.target = target
        self.calls = []
        self.lock = threading.Lock()
        self.srv = socket.socket(socket.AF_UNIX)
        self.srv.bind(listen)
        self.srv.listen(4)
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                client, _ = self.srv.accept()
            except OSError:
                return
            daemon = socket.socket(socket.AF_UNIX)
            daemon.connect(self.target)
            threading.Thread(target=self.pump, args=(client, daemon, True), daemon=True).start()
            threading.Thread(target=self.pump, args=(daemon, client, False), daemon=True).start()

    def pump(self, src, dst, record):
        buf = b""
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                # note a call before the daemon can see it, so that it is
                # noted before its reply reaches the client
                buf += data if record else b""
                while len(buf) >= 4:
                    (length,) = struct.unpack(">I", buf[:4])
                    if len(buf) < length:
                        break
                    prog, _vers, proc, mtype = struct.unpack(">IIII", buf[4:20])
                    if prog == REMOTE_PROGRAM and mtype == CALL:
                        with self.lock:
                            self.calls.append(proc)
                    buf = buf[length:]
                dst.sendall(data)
        except OSError:
            pass
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def take(self):
        with self.lock:
            calls, self.calls = self.calls, []
        return calls


# (label, call, procedures libvirt's remote driver sends for it[, may fail])
def steps(c, tmp):
    st = {}

    def dom():
        return c.lookupByName("wiredom")

    disk = ("<disk type='file' device='disk'><source file='%s'/>"
            "<target dev='vdb' bus='virtio'/></disk>" % os.path.join(tmp, "x.img"))
    return [
        ("defineXML", lambda: c.defineXML(DOMXML), ["DOMAIN_DEFINE_XML"]),
        ("setMaxMemory", lambda: dom().setMaxMemory(2097152),
         ["DOMAIN_LOOKUP_BY_NAME", "DOMAIN_SET_MAX_MEMORY"]),
        ("create", lambda: dom().create(),
         ["DOMAIN_LOOKUP_BY_NAME", "DOMAIN_CREATE", "DOMAIN_LOOKUP_BY_UUID"]),
        ("setVcpus", lambda: dom().setVcpus(1), ["DOMAIN_LOOKUP_BY_NAME", "DOMAIN_SET_VCPUS"]),
        ("setVcpusFlags", lambda: dom().setVcpusFlags(1, libvirt.VIR_DOMAIN_AFFECT_LIVE),
         ["DOMAIN_LOOKUP_BY_NAME", "DOMAIN_SET_VCPUS_FLAGS"]),
        ("setMemory", lambda: dom().setMemory(524288), ["DOMAIN_LOOKUP_BY_NAME", "DOMAIN_SET_MEMORY"]),
        ("setMemoryFlags", lambda: dom().setMemoryFlags(524288, libvirt.VIR_DOMAIN_AFFECT_LIVE),
         ["DOMAIN_LOOKUP_BY_NAME", "DOMAIN_SET_MEMORY_FLAGS"]),
        ("maxVcpus", lambda: dom().maxVcpus(), ["DOMAIN_LOOKUP_BY_NAME", "DOMAIN_GET_MAX_VCPUS"]),
        ("vcpusFlags", lambda: dom().vcpusFlags(libvirt.VIR_DOMAIN_VCPU_MAXIMUM),
         ["DOMAIN_LOOKUP_BY_NAME", "DOMAIN_GET_VCPUS_FLAGS"]),
        ("attachDevice", lambda: dom().attachDevice(disk), ["DOMAIN_LOOKUP_BY_NAME", "DOMAIN_ATTACH_DEVICE"]),
        ("detachDevice", lambda: dom().detachDevice(disk), ["DOMAIN_LOOKUP_BY_NAME", "DOMAIN_DETACH_DEVICE"]),
        ("coreDump", lambda: dom().coreDump(os.path.join(tmp, "core"), 0),
         ["DOMAIN_LOOKUP_BY_NAME", "DOMAIN_CORE_DUMP"]),
        ("save", lambda: dom().save(os.path.join(tmp, "save")), ["DOMAIN_LOOKUP_BY_NAME", "DOMAIN_SAVE"]),
        ("restore", lambda: c.restore(os.path.join(tmp, "save")), ["DOMAIN_RESTORE"]),
        # refused by the test driver, but the procedure is what counts
        ("abortJob", lambda: dom().abortJob(), ["DOMAIN_LOOKUP_BY_NAME", "DOMAIN_ABORT_JOB"], True),
        ("shutdown", lambda: dom().shutdown(), ["DOMAIN_LOOKUP_BY_NAME", "DOMAIN_SHUTDOWN"]),
        ("undefine", lambda: dom().undefine(), ["DOMAIN_LOOKUP_BY_NAME", "DOMAIN_UNDEFINE"]),
        ("createLinux", lambda: st.setdefault("d", c.createLinux(DOMXML, 0)), ["DOMAIN_CREATE_XML"]),
        ("destroy", lambda: st["d"].destroy(), ["DOMAIN_DESTROY"]),
        ("networkDefineXML", lambda: c.networkDefineXML(NETXML % ("a", "a", 231)), ["NETWORK_DEFINE_XML"]),
        ("networkCreateXML", lambda: c.networkCreateXML(NETXML % ("b", "b", 232)), ["NETWORK_CREATE_XML"]),
    ]


def main():
    proto = sys.argv[1]
    names = procedures(proto)
    results = []
    work = tempfile.mkdtemp(prefix="virt-wire-")
    os.chmod(work, 0o755)
    sockdir = os.path.join(work, "sock")
    os.mkdir(sockdir)
    conf = os.path.join(work, "libvirtd.conf")
    with open(conf, "w") as f:
        f.write('unix_sock_dir = "%s"\nauth_unix_rw = "none"\nauth_unix_ro = "none"\n' % sockdir)
    env = dict(os.environ)
    env["LD_LIBRARY_PATH"] = os.path.join(os.environ["BUILD_ROOT"], "core")
    env.pop("LD_PRELOAD", None)
    daemon = subprocess.Popen([os.environ["VIRT_LIBVIRTD"], "-f", conf, "--pid-file",
                               os.path.join(work, "pid")], env=env,
                              stdout=subprocess.DEVNULL, stderr=open(os.path.join(work, "log"), "w"))
    try:
        target = os.path.join(sockdir, "libvirt-sock")
        for _ in range(100):
            if os.path.exists(target):
                break
            time.sleep(0.1)
        proxy = Proxy(os.path.join(work, "proxy"), target)
        # the socket exists a moment before the daemon listens on it
        for attempt in range(50):
            try:
                c = libvirt.open("test+unix:///default?socket=%s" % os.path.join(work, "proxy"))
                break
            except libvirt.libvirtError:
                if attempt == 49:
                    raise
                time.sleep(0.1)
        for label, call, want, *mayfail in steps(c, work):
            proxy.take()
            try:
                call()
                err = None
            except libvirt.libvirtError as e:
                err = e.get_error_message()
            got = [names.get(p, str(p)) for p in proxy.take()]
            ok = (err is None or mayfail) and got == want
            results.append(ok)
            print("%sok %d - %s" % ("" if ok else "not ", len(results), label))
            if not ok:
                print("#   sent %s, expected %s%s" % (got, want, "; error: %s" % err if err else ""))
        c.close()
    finally:
        daemon.terminate()
        daemon.wait(10)
        shutil.rmtree(work, ignore_errors=True)
    print("1..%d" % len(results))
    return 0 if results and all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
