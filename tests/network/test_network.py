"""test_network.py: the network module inside our libvirtd, driven by
Debian's virsh, with real bridges, dnsmasq and nftables.

The script runs itself again in network, mount and pid namespaces of its
own (unshare): bridges, addresses, dnsmasq and firewall tables exist only
there, and tmpfs mounts over /etc/libvirt, /run and /var/{lib,log,cache}
give both daemons libvirt's system paths without touching the host's.
Debian's libvirtd is run the same way first, for the shapes of its
answers; then ours. Whatever is left running (daemons, dnsmasq) is killed
at the end, and the pid namespace takes every process it holds with it
when the test ends or is killed; the other namespaces follow."""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "daemon"))
import daemontest  # noqa: E402
from daemontest import TAP, Daemon, oracle_env, DEBIAN_LIBVIRTD  # noqa: E402

VIRSH = "/usr/bin/virsh"
PRIVATE_MOUNTS = ("/etc/libvirt", "/run", "/var/lib", "/var/log", "/var/cache")

ISOLATED = """<network><name>n1</name>
<ip address='192.168.50.1' netmask='255.255.255.0'><dhcp><range start='192.168.50.2' end='192.168.50.254'/></dhcp></ip>
</network>"""
SAME_BRIDGE = """<network><name>n2</name><bridge name='virbr0'/>
<ip address='192.168.60.1' netmask='255.255.255.0'/></network>"""
OVERLAP = """<network><name>n3</name><ip address='192.168.50.7' prefix='24'/></network>"""
NAT = """<network><name>nat1</name><forward mode='nat'/><mtu size='1400'/>
<ip address='192.168.70.1' prefix='24'><dhcp><range start='192.168.70.10' end='192.168.70.20'/>
<host mac='52:54:00:00:00:01' name='g1' ip='192.168.70.5'/></dhcp></ip>
<dns><host ip='192.168.70.77'><hostname>db1</hostname></host>
<txt name='note' value='hello'/></dns></network>"""
ROUTE = """<network><name>r1</name><forward mode='route'/><ip address='10.9.0.1' prefix='24'/></network>"""
EVENT_NET = """<network><name>ev1</name><ip address='192.168.90.1' prefix='24'/></network>"""
# Debian's binding on Debian's library: lifecycle events of one network
EVENTS = r"""
import sys, threading, time
import libvirt
libvirt.virEventRegisterDefaultImpl()
c = libvirt.open(sys.argv[1])
seen = []
c.networkEventRegisterAny(None, libvirt.VIR_NETWORK_EVENT_ID_LIFECYCLE,
                          lambda conn, net, ev, detail, _: seen.append("%s %d %d" % (net.name(), ev, detail)), None)
def loop():
    while True:
        libvirt.virEventRunDefaultImpl()
threading.Thread(target=loop, daemon=True).start()
n = c.networkDefineXML(sys.argv[2])
n.create()
n.update(libvirt.VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, libvirt.VIR_NETWORK_SECTION_DNS_HOST, -1,
         "<host ip='192.168.90.7'><hostname>h7</hostname></host>", libvirt.VIR_NETWORK_UPDATE_AFFECT_LIVE)
# the answers apart from the events, which come when they come
answers = ["dns host: %s" % ("h7" in n.XMLDesc(0)),
           "bridge %s, active %d, persistent %d" % (n.bridgeName(), n.isActive(), n.isPersistent())]
n.destroy()
n.undefine()
end = time.time() + 10
while len(seen) < 4 and time.time() < end:
    time.sleep(0.05)
print("\n".join(answers + seen))
"""
HOST9 = "<host mac='52:54:00:00:00:09' ip='192.168.50.9'/>"
V6 = """<network><name>v6</name><forward mode='nat'/><ip address='192.168.96.1' prefix='24'/>
<ip family='ipv6' address='fd00:96::1' prefix='64'/></network>"""
OPEN = """<network><name>o1</name><forward mode='open'/><ip address='192.168.97.1' prefix='24'/></network>"""
BAD_MODE = """<network><name>bad</name><forward mode='bogus'/></network>"""
BAD_RANGE = """<network><name>badr</name><ip address='192.168.80.1' prefix='24'>
<dhcp><range start='192.168.81.2' end='192.168.81.9'/></dhcp></ip></network>"""


def outer(script=__file__):
    """Run script (this one by default) again in namespaces of its own."""
    if os.geteuid() != 0:
        print("1..0 # SKIP bridges, dnsmasq and firewall tables need root")
        return 0
    for tool in ("unshare", "nft", "ip", "/usr/sbin/dnsmasq", VIRSH):
        if not shutil.which(tool):
            print("1..0 # SKIP %s is missing (tools/setup/deps.sh installs it)" % tool)
            return 0
    if subprocess.run(["unshare", "--net", "--mount", "--pid", "--fork", "true"], capture_output=True).returncode:
        print("1..0 # SKIP cannot make network, mount and pid namespaces here")
        return 0
    # the daemons write to the build's system folders: only those this
    # test makes private may be touched
    paths = [daemontest.build_define(n) for n in ("VIRT_SYSCONFDIR", "VIRT_RUNSTATEDIR", "VIRT_LOCALSTATEDIR")]
    if paths != ["/etc", "/run", "/var"]:
        print("1..0 # SKIP the build's system folders %s are not /etc, /run and /var "
              "(configure with --prefix=/usr, as tools/setup/test.sh does)" % paths)
        return 0
    env = dict(os.environ, NETTEST_INNER="1")
    env.pop("XDG_RUNTIME_DIR", None)
    # a pid namespace too: when the test ends or is killed, every process
    # it started (daemons, dnsmasq) goes with it
    r = subprocess.run(["unshare", "--net", "--mount", "--pid", "--fork", "--kill-child", "--mount-proc",
                        "--propagation", "private",
                        sys.executable, os.path.abspath(script)], env=env)
    return r.returncode


def setup_namespace(tmp):
    for d in PRIVATE_MOUNTS:
        subprocess.run(["mount", "-t", "tmpfs", "tmpfs", d], check=True)
    # Debian's qemu driver wants its user: this mount namespace's passwd has it
    for f, line in (("passwd", "libvirt-qemu:x:64055:64055::/var/lib/libvirt:/usr/sbin/nologin\n"),
                    ("group", "libvirt-qemu:x:64055:\nkvm:x:64056:\n")):
        copy = os.path.join(tmp, f)
        with open("/etc/" + f) as src, open(copy, "w") as dst:
            dst.write(src.read() + line)
        subprocess.run(["mount", "--bind", copy, "/etc/" + f], check=True)
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)


def fresh_tree():
    """Empty libvirt folders, as on a host where no daemon ever ran."""
    for d in ("/etc/libvirt", "/run", "/var/lib", "/var/log", "/var/cache"):
        for e in os.listdir(d):
            p = os.path.join(d, e)
            if os.path.isdir(p) and not os.path.islink(p):
                shutil.rmtree(p, ignore_errors=True)
            else:
                os.unlink(p)
    for d in ("/run/libvirt", "/var/log/libvirt", "/var/lib/libvirt", "/var/cache/libvirt"):
        os.makedirs(d, exist_ok=True)


def virsh(uri, *args, xml=None, tmp=None):
    argv = [VIRSH, "-q", "-c", uri]
    for a in args:
        argv.append(a)
    if xml is not None:
        path = os.path.join(tmp, "doc.xml")
        with open(path, "w") as f:
            f.write(xml)
        argv.append(path)
    r = subprocess.run(argv, capture_output=True, text=True, env=oracle_env(), timeout=60)
    return r.returncode, r.stdout, r.stderr.strip()


def normalize(text):
    text = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UUID", text)
    text = re.sub(r"52:54:00(:[0-9a-f]{2}){3}", "MAC", text)
    return re.sub(r"/[^ ]*/doc\.xml", "FILE", text)


def scenario_shapes(uri, tmp, ours_lib=False):
    """What the comparison with Debian's daemon looks at: defining and
    reading back inactive networks, and the refusals that need no host
    plumbing. Returns a list of (name, text)."""
    out = []

    def rec(name, result):
        rc, so, se = result
        out.append((name, "rc=%d\n%s\n%s" % (rc, normalize(so), normalize(se))))

    rec("define n1", virsh(uri, "net-define", xml=ISOLATED, tmp=tmp))
    rec("dumpxml n1", virsh(uri, "net-dumpxml", "n1"))
    rec("dumpxml --inactive n1", virsh(uri, "net-dumpxml", "--inactive", "n1"))
    rec("list --all", virsh(uri, "net-list", "--all"))
    rec("info n1", virsh(uri, "net-info", "n1"))
    # a redefinition without bridge and MAC: its own bridge again, a new MAC
    xml = virsh(uri, "net-dumpxml", "n1")[1]
    rec("redefine n1", virsh(uri, "net-define", xml=re.sub(r"\s*<(bridge|mac) [^>]*/>", "", xml), tmp=tmp))
    rec("dumpxml n1 redefined", virsh(uri, "net-dumpxml", "n1"))
    rec("same MAC after redefine", (0, str(xml == virsh(uri, "net-dumpxml", "n1")[1]), ""))
    rec("define n1 with another uuid", virsh(uri, "net-define", xml=ISOLATED, tmp=tmp))
    rec("autostart n1", virsh(uri, "net-autostart", "n1"))
    rec("list --autostart", virsh(uri, "net-list", "--all", "--autostart"))
    rec("autostart --disable n1", virsh(uri, "net-autostart", "--disable", "n1"))
    rec("bad forward mode", virsh(uri, "net-define", xml=BAD_MODE, tmp=tmp))
    rec("bad dhcp range", virsh(uri, "net-define", xml=BAD_RANGE, tmp=tmp))
    rec("destroy inactive", virsh(uri, "net-destroy", "n1"))
    rec("info missing", virsh(uri, "net-info", "nope"))
    rec("define n3", virsh(uri, "net-define", xml=OVERLAP, tmp=tmp))
    rec("dumpxml n3", virsh(uri, "net-dumpxml", "n3"))
    rec("undefine n3", virsh(uri, "net-undefine", "n3"))
    rec("undefine n1", virsh(uri, "net-undefine", "n1"))
    rec("list empty", virsh(uri, "net-list", "--all"))
    # started networks (libvirt 9.0 needs iptables for its rules)
    rec("define n1 again", virsh(uri, "net-define", xml=ISOLATED, tmp=tmp))
    rec("start n1", virsh(uri, "net-start", "n1"))
    rec("dumpxml n1 running", virsh(uri, "net-dumpxml", "n1"))
    rec("bridge of n1", bridge_details("virbr0"))
    rec("list running", virsh(uri, "net-list", "--all"))
    rec("info n1 running", virsh(uri, "net-info", "n1"))
    rec("start n1 twice", virsh(uri, "net-start", "n1"))
    rec("update n1 live and config", virsh(uri, "net-update", "n1", "add", "ip-dhcp-host", HOST9, "--live", "--config"))
    rec("dumpxml n1 updated", virsh(uri, "net-dumpxml", "n1"))
    rec("dumpxml --inactive n1 updated", virsh(uri, "net-dumpxml", "--inactive", "n1"))
    rec("update n1 duplicate", virsh(uri, "net-update", "n1", "add", "ip-dhcp-host", HOST9, "--live"))
    rec("update n1 delete live", virsh(uri, "net-update", "n1", "delete", "ip-dhcp-host", HOST9, "--live"))
    rec("dumpxml n1 after delete", virsh(uri, "net-dumpxml", "n1"))
    rec("undefine running n1", virsh(uri, "net-undefine", "n1"))
    rec("list transient n1", virsh(uri, "net-list", "--all"))
    rec("autostart transient", virsh(uri, "net-autostart", "n1"))
    rec("destroy n1", virsh(uri, "net-destroy", "n1"))
    rec("create nat1", virsh(uri, "net-create", xml=NAT, tmp=tmp))
    rec("dumpxml nat1", virsh(uri, "net-dumpxml", "nat1"))
    rec("define n3 beside", virsh(uri, "net-define", xml=OVERLAP, tmp=tmp))
    for flags in (["--inactive"], ["--all", "--persistent"], ["--all", "--transient"], ["--all", "--no-autostart"],
                  ["--all", "--name"], ["--uuid"]):
        rec("net-list " + " ".join(flags), virsh(uri, "net-list", *flags))
    rec("undefine n3 beside", virsh(uri, "net-undefine", "n3"))
    rec("bridge of nat1", bridge_details("virbr0"))
    rec("dumpxml --inactive nat1", virsh(uri, "net-dumpxml", "--inactive", "nat1"))
    rec("destroy nat1", virsh(uri, "net-destroy", "nat1"))
    rec("create r1", virsh(uri, "net-create", xml=ROUTE, tmp=tmp))
    rec("dumpxml r1", virsh(uri, "net-dumpxml", "r1"))
    rec("destroy r1", virsh(uri, "net-destroy", "r1"))
    rec("create v6", virsh(uri, "net-create", xml=V6, tmp=tmp))
    rec("dumpxml v6", virsh(uri, "net-dumpxml", "v6"))
    rec("addresses of v6", (0, " ".join(sorted(link("virbr0")[2])), ""))
    rec("destroy v6", virsh(uri, "net-destroy", "v6"))
    r = subprocess.run(["/usr/bin/python3", "-c", EVENTS, uri, EVENT_NET], capture_output=True, text=True,
                       env=oracle_env(), timeout=60)
    rec("lifecycle events", (r.returncode, r.stdout, r.stderr[-2000:]))
    if ours_lib:
        # the same program on our library (its remote module) and our daemon
        env = dict(os.environ)
        if os.environ.get("NETTEST_PRELOAD"):
            env.update(LD_PRELOAD=os.environ["NETTEST_PRELOAD"], ASAN_OPTIONS="detect_leaks=0:verify_asan_link_order=0")
        r = subprocess.run(["/usr/bin/python3", "-c", EVENTS, uri, EVENT_NET], capture_output=True, text=True,
                           env=env, timeout=60)
    rec("lifecycle events, our library", (r.returncode, r.stdout, r.stderr[-2000:]))
    rec("list at the end", virsh(uri, "net-list", "--all"))
    return out


def debian_shapes(tmp):
    if not os.path.exists(DEBIAN_LIBVIRTD):
        return None
    fresh_tree()
    log = open(os.path.join(tmp, "debian.log"), "w")
    proc = subprocess.Popen([DEBIAN_LIBVIRTD], env=oracle_env(), stdout=subprocess.DEVNULL, stderr=log)
    try:
        for _ in range(150):
            if os.path.exists("/run/libvirt/libvirt-sock") or proc.poll() is not None:
                break
            time.sleep(0.1)
        if not os.path.exists("/run/libvirt/libvirt-sock"):
            return None
        return scenario_shapes("qemu:///system", tmp)
    finally:
        daemontest.stop_debian(proc)
        log.close()


def dnsmasq_pids():
    """dnsmasq processes of this network namespace."""
    mine = os.readlink("/proc/self/ns/net")
    pids = []
    for p in os.listdir("/proc"):
        if not p.isdigit():
            continue
        try:
            if os.readlink("/proc/%s/ns/net" % p) != mine:
                continue
            with open("/proc/%s/cmdline" % p, "rb") as f:
                argv = f.read().split(b"\0")
            with open("/proc/%s/stat" % p) as f:
                state = f.read().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if argv and argv[0].endswith(b"dnsmasq") and state not in ("Z", "X"):
            pids.append(int(p))
    return pids


def link(name):
    """(exists, up, addresses) of a device of this namespace."""
    r = subprocess.run(["ip", "-o", "addr", "show", "dev", name], capture_output=True, text=True)
    if r.returncode != 0:
        return False, False, []
    flags = subprocess.run(["ip", "-o", "link", "show", "dev", name], capture_output=True, text=True).stdout
    up = bool(re.search(r"<[^>]*\bUP\b", flags))
    return True, up, re.findall(r"inet6? (\S+)", r.stdout)


def bridge_details(name):
    """The bridge's settings libvirt makes, as `ip -d link` shows them."""
    r = subprocess.run(["ip", "-d", "link", "show", "dev", name], capture_output=True, text=True)
    keep = re.findall(r"\b(mtu \d+|state \S+|forward_delay \d+|stp_state \d+|link/ether \S+)", r.stdout)
    return r.returncode, normalize(" ".join(keep)), ""


def dhcp_lease(bridge, mac, network="n1", beyond=None):
    """One DHCP exchange from a namespace of its own, through a veth pair
    whose other end joins bridge, then pings (see dhcp_client.py).
    (what the client printed, the network's lease file)."""
    subprocess.run(["ip", "link", "add", "vnet-h", "type", "veth", "peer", "name", "vnet-c"], check=True)
    try:
        subprocess.run(["ip", "link", "set", "vnet-h", "master", bridge, "up"], check=True)
        client = subprocess.Popen(["unshare", "--net", "/usr/bin/python3", os.path.join(HERE, "dhcp_client.py"),
                                   "vnet-c", mac] + ([beyond] if beyond else []),
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True)
        # the client's namespace exists once it says so
        client.stdout.readline()
        subprocess.run(["ip", "link", "set", "vnet-c", "netns", str(client.pid)], check=True)
        try:
            out = client.communicate("go\n", timeout=30)[0].strip()
        except subprocess.TimeoutExpired:
            client.kill()
            out = client.communicate()[0].strip() + " (timed out)"
    finally:
        subprocess.run(["ip", "link", "del", "vnet-h"], capture_output=True)
    time.sleep(0.2)
    try:
        with open("/var/lib/libvirt/dnsmasq/%s.leases" % network) as f:
            leases = f.read()
    except OSError as e:
        leases = str(e)
    return out.splitlines()[-1] if out else "", leases


def dns_query(server, name):
    """The first IPv4 address a DNS server gives for name (A record), or
    what went wrong."""
    import socket
    import struct
    query = struct.pack("!HHHHHH", 0x4d4b, 0x0100, 1, 0, 0, 0)
    query += b"".join(bytes([len(p)]) + p.encode() for p in name.split(".")) + b"\0"
    query += struct.pack("!HH", 1, 1)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(3)
    try:
        s.sendto(query, (server, 53))
        data = s.recv(512)
    except OSError as e:
        return str(e)
    finally:
        s.close()
    count = struct.unpack("!H", data[6:8])[0]
    i = len(query)
    for _ in range(count):
        # a compressed name pointer, then type, class, ttl, length
        if data[i] & 0xc0 != 0xc0:
            return "unexpected answer"
        rtype, _, _, rdlen = struct.unpack("!HHIH", data[i + 2:i + 12])
        if rtype == 1 and rdlen == 4:
            return socket.inet_ntoa(data[i + 12:i + 16])
        i += 12 + rdlen
    return "no A record"


class Uplink:
    """A host beyond the networks: a namespace behind a veth pair, the
    test's side 10.99.0.1/24, its side 10.99.0.2/24, with a route back to
    the isolated network's range only: other networks' traffic gets
    answers only when NAT'd."""

    def __enter__(self):
        self.proc = subprocess.Popen(["unshare", "--net", "sleep", "120"])
        subprocess.run(["ip", "link", "add", "up-h", "type", "veth", "peer", "name", "up-o"], check=True)
        subprocess.run(["ip", "addr", "add", "10.99.0.1/24", "dev", "up-h"], check=True)
        subprocess.run(["ip", "link", "set", "up-h", "up"], check=True)
        for _ in range(100):
            if subprocess.run(["ip", "link", "set", "up-o", "netns", str(self.proc.pid)],
                              capture_output=True).returncode == 0 and \
                    os.readlink("/proc/%d/ns/net" % self.proc.pid) != os.readlink("/proc/self/ns/net"):
                break
            time.sleep(0.05)
        ns = ["nsenter", "-t", str(self.proc.pid), "-n"]
        subprocess.run(ns + ["ip", "addr", "add", "10.99.0.2/24", "dev", "up-o"], check=True)
        subprocess.run(ns + ["ip", "link", "set", "up-o", "up"], check=True)
        subprocess.run(ns + ["ip", "link", "set", "lo", "up"], check=True)
        # a way back to the isolated network only: if its guests got out,
        # they would hear back
        subprocess.run(ns + ["ip", "route", "add", "192.168.50.0/24", "via", "10.99.0.1"], check=True)
        return self

    def __exit__(self, *exc):
        subprocess.run(["ip", "link", "del", "up-h"], capture_output=True)
        self.proc.kill()
        self.proc.wait()


def nft_table(name):
    return subprocess.run(["nft", "list", "table", "inet", name], capture_output=True, text=True)


def pidfile(name):
    try:
        with open("/run/libvirt/network/%s.pid" % name) as f:
            return int(f.read().strip())
    except (OSError, ValueError):
        return 0


SANITIZER = re.compile(r"ERROR: (Address|Leak)Sanitizer|runtime error:")


def restart_ours(t, ours, tmp, extra_env=None):
    stop_ours(t, ours)
    return start_ours(tmp, extra_env)


def stop_ours(t, ours):
    """Stop our daemon; a sanitizer's report in its log fails the test."""
    ours.stop()
    bad = SANITIZER.search(ours.log())
    t.ok(not bad, "our daemon's log has no sanitizer report", ours.log())


def start_ours(tmp, extra_env=None):
    old = dict(os.environ)
    os.environ.update(extra_env or {})
    try:
        d = Daemon(settings={}, args=(), tmp=os.path.join(tmp, "ours"))
    finally:
        os.environ.clear()
        os.environ.update(old)
    return d


SESSION_NET = """<network><name>s1</name><ip address='192.168.95.1' prefix='24'>
<dhcp><range start='192.168.95.2' end='192.168.95.9'/></dhcp></ip></network>"""


def session_mode(t, tmp):
    """A session daemon keeps its networks under the XDG folders."""
    home = os.path.join(tmp, "home")
    env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=os.path.join(home, "cfg"),
               XDG_RUNTIME_DIR=os.path.join(home, "run"), XDG_CACHE_HOME=os.path.join(home, "cache"))
    os.makedirs(env["XDG_RUNTIME_DIR"], exist_ok=True)
    log_path = os.path.join(tmp, "session.log")
    proc = subprocess.Popen([daemontest.LIBVIRTD, "--session", "-v"], env=env, stdout=subprocess.DEVNULL,
                            stderr=open(log_path, "w"))
    sock = os.path.join(env["XDG_RUNTIME_DIR"], "libvirt", "libvirt-sock")
    try:
        for _ in range(200):
            if os.path.exists(sock) or proc.poll() is not None:
                break
            time.sleep(0.05)
        uri = "qemu+unix:///session?socket=" + sock
        rc, so, se = virsh(uri, "net-define", xml=SESSION_NET, tmp=tmp)
        rc2, so2, se2 = virsh(uri, "net-start", "s1")
        cfg = os.path.join(env["XDG_CONFIG_HOME"], "libvirt", "qemu", "networks", "s1.xml")
        pid = os.path.join(env["XDG_RUNTIME_DIR"], "libvirt", "network", "run", "s1.pid")
        t.ok(rc == 0 and rc2 == 0 and os.path.exists(cfg) and os.path.exists(pid),
             "a session daemon keeps s1 under $XDG_CONFIG_HOME and $XDG_RUNTIME_DIR", se + se2)
        rc, so, se = virsh(uri, "net-destroy", "s1")
        rc2, so2, se2 = virsh(uri, "net-undefine", "s1")
        t.ok(rc == 0 and rc2 == 0 and not os.path.exists(cfg) and dnsmasq_pids() == [],
             "and takes it down again", se + se2)
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(20)
    with open(log_path) as f:
        log = f.read()
    t.ok(not SANITIZER.search(log), "the session daemon's log has no sanitizer report", log)


def inner():
    t = TAP()
    tmp = tempfile.mkdtemp(prefix="virt-nettest-")
    ours = None
    try:
        setup_namespace(tmp)
        os.makedirs(os.path.join(tmp, "ours"), exist_ok=True)

        # --- Debian's shapes, then ours, on an empty tree each
        want = debian_shapes(tmp)
        fresh_tree()
        ours = start_ours(tmp)
        if not t.ok(ours.alive(), "our libvirtd starts", ours.log()):
            return t.done()
        uri = "qemu+unix:///system?socket=" + ours.rw
        got = scenario_shapes(uri, tmp, ours_lib=True)
        if want is None:
            t.ok(True, "# SKIP Debian's libvirtd did not start in the namespace")
        else:
            for (name, w), (_, g) in zip(want, got):
                t.ok(w == g, "as Debian's: " + name, "Debian's:\n%s\nours:\n%s" % (w, g))

        # --- define, start, the host side, destroy, undefine
        rc, so, se = virsh(uri, "net-define", xml=ISOLATED, tmp=tmp)
        t.ok(rc == 0, "define n1", se)
        t.ok(os.path.exists("/etc/libvirt/qemu/networks/n1.xml"), "n1 is saved in /etc/libvirt/qemu/networks")
        rc, so, se = virsh(uri, "net-start", "n1")
        t.ok(rc == 0, "start n1", se)
        exists, up, addrs = link("virbr0")
        t.ok(exists and up, "bridge virbr0 exists and is up")
        t.ok("192.168.50.1/24" in addrs, "virbr0 has 192.168.50.1/24", addrs)
        pid = pidfile("n1")
        t.ok(pid and pid in dnsmasq_pids(), "dnsmasq runs with its pid in /run/libvirt/network/n1.pid",
             "pid %d, running %s" % (pid, dnsmasq_pids()))
        conf = "/var/lib/libvirt/dnsmasq/n1.conf"
        text = open(conf).read() if os.path.exists(conf) else ""
        t.ok("interface=virbr0" in text and "dhcp-range=192.168.50.2,192.168.50.254,255.255.255.0" in text,
             "dnsmasq's config names the bridge and the range", text)
        t.ok(nft_table("libvirt_virbr0").returncode == 0, "an isolated network has its firewall table")
        rc, so, se = virsh(uri, "net-list")
        t.ok(rc == 0 and re.search(r"n1\s+active\s+no\s+yes", so), "net-list shows n1 active", so + se)
        rc, so, se = virsh(uri, "net-info", "n1")
        t.ok(re.search(r"Active:\s+yes", so) and re.search(r"Bridge:\s+virbr0", so), "net-info n1", so + se)
        rc, so, se = virsh(uri, "net-start", "n1")
        t.ok(rc != 0 and "network is already active" in se, "starting it again is refused", se)
        t.ok(os.path.exists("/var/lib/libvirt/dnsmasq/n1.leases"), "dnsmasq opened its lease file")
        rc, so, se = virsh(uri, "net-update", "n1", "add", "ip-dhcp-host", HOST9, "--live", "--config")
        hosts = open("/var/lib/libvirt/dnsmasq/n1.hostsfile").read()
        t.ok(rc == 0 and "52:54:00:00:00:09,192.168.50.9" in hosts and pidfile("n1") == pid,
             "a live DHCP host reaches the hosts file; dnsmasq keeps running", se + hosts)
        addr, leases = dhcp_lease("virbr0", "52:54:00:00:00:09")
        t.ok(addr.startswith("192.168.50.9 ") and "52:54:00:00:00:09 192.168.50.9" in leases,
             "a DHCP client gets the reserved address, and dnsmasq records the lease", addr + "\n" + leases)
        t.ok(addr.endswith(" ping-ok"), "the client reaches the host side of the bridge", addr)
        saved = open("/etc/libvirt/qemu/networks/n1.xml").read()
        t.ok("192.168.50.9" in saved, "the config change is saved", saved)
        virsh(uri, "net-update", "n1", "delete", "ip-dhcp-host", HOST9, "--live", "--config")

        # --- conflicts: a bridge in use, an address range in use
        rc, so, se = virsh(uri, "net-define", xml=SAME_BRIDGE, tmp=tmp)
        t.ok(rc != 0 and "virbr0" in se and "'n1'" in se and "'n2'" in se,
             "a second network on bridge virbr0 is refused, both named", se)
        t.ok(not os.path.exists("/etc/libvirt/qemu/networks/n2.xml"), "nothing of n2 is saved")
        rc, so, se = virsh(uri, "net-define", xml=OVERLAP, tmp=tmp)
        t.ok(rc == 0, "define n3 (same range as n1)", se)
        rc, so, se = virsh(uri, "net-start", "n3")
        t.ok(rc != 0 and "'n1'" in se and "'n3'" in se, "starting n3 over n1's range is refused, both named", se)
        t.ok(not link("virbr1")[0] and len(dnsmasq_pids()) == 1 and nft_table("libvirt_virbr1").returncode != 0,
             "the refused start left no bridge, dnsmasq or table")
        virsh(uri, "net-undefine", "n3")

        # --- two overlapping networks started at once: one wins
        for name in ("ca", "cb"):
            virsh(uri, "net-define", xml="<network><name>%s</name><ip address='192.168.55.%d' prefix='24'/>"
                  "</network>" % (name, 1 if name == "ca" else 2), tmp=tmp)
        starts = [subprocess.Popen([VIRSH, "-q", "-c", uri, "net-start", name], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True, env=oracle_env()) for name in ("ca", "cb")]
        rc, so, se = virsh(uri, "net-list", "--all")
        results = [(p.wait(60), p.communicate()[1]) for p in starts]
        t.ok(rc == 0 and sorted(r[0] for r in results) == [0, 1] and any("overlaps" in r[1] for r in results),
             "of two overlapping networks started at once one starts, and listing goes on meanwhile",
             str(results) + so + se)
        for name in ("ca", "cb"):
            virsh(uri, "net-destroy", name)
            virsh(uri, "net-undefine", name)
        t.ok(len(dnsmasq_pids()) == 1, "and destroying them leaves n1's dnsmasq only", dnsmasq_pids())

        # --- NAT and route networks
        rc, so, se = virsh(uri, "net-create", xml=NAT, tmp=tmp)
        t.ok(rc == 0, "create transient nat1", se)
        rc, so, se = virsh(uri, "net-dumpxml", "nat1")
        br = re.search(r"<bridge name='([^']+)'", so)
        br = br.group(1) if br else "virbr1"
        table = nft_table("libvirt_" + br).stdout
        t.ok("masquerade" in table and "192.168.70.0/24" in table, "nat1's table masquerades its range", table)
        with Uplink():
            got, leases = dhcp_lease(br, "52:54:00:00:00:01", "nat1", "10.99.0.2")
            t.ok(got == "192.168.70.5 ping-ok beyond-ok" and "192.168.70.5" in leases,
                 "a guest of nat1 gets its reserved address and reaches a host beyond through NAT",
                 got + "\n" + leases)
            got, _ = dhcp_lease("virbr0", "52:54:00:00:00:33", "n1", "10.99.0.2")
            t.ok(got.endswith(" ping-ok beyond-failed"), "a guest of isolated n1 reaches its host, nothing beyond (the firewall refuses)",
                 got)
        t.ok(dns_query("192.168.70.1", "db1") == "192.168.70.77", "nat1's dnsmasq answers its <dns> host record",
             dns_query("192.168.70.1", "db1"))
        hosts = "/var/lib/libvirt/dnsmasq/nat1.hostsfile"
        t.ok(os.path.exists(hosts) and "52:54:00:00:00:01,192.168.70.5,g1" in open(hosts).read(),
             "nat1's DHCP host is in its hosts file")
        with open("/proc/sys/net/ipv4/ip_forward") as f:
            t.ok(f.read().strip() == "1", "IPv4 forwarding is on in the namespace")
        rc, so, se = virsh(uri, "net-list", "--transient")
        t.ok("nat1" in so, "nat1 is listed as transient", so + se)
        rc, so, se = virsh(uri, "net-destroy", "nat1")
        t.ok(rc == 0 and not link(br)[0] and nft_table("libvirt_" + br).returncode != 0,
             "destroying nat1 removes its bridge and table", se)
        rc, so, se = virsh(uri, "net-info", "nat1")
        t.ok(rc != 0, "a destroyed transient network is gone", so + se)
        rc, so, se = virsh(uri, "net-create", xml=ROUTE, tmp=tmp)
        rrc, rso, _ = virsh(uri, "net-dumpxml", "r1")
        rbr = re.search(r"<bridge name='([^']+)'", rso)
        rbr = rbr.group(1) if rbr else "virbr1"
        table = nft_table("libvirt_" + rbr).stdout
        t.ok(rc == 0 and "10.9.0.0/24" in table and "masquerade" not in table,
             "a route network forwards its range without NAT", se + table)
        virsh(uri, "net-destroy", "r1")
        rc, so, se = virsh(uri, "net-create", xml=V6, tmp=tmp)
        table = nft_table("libvirt_" + rbr).stdout
        t.ok(rc == 0 and "ip6 saddr fd00:96::/64" in table and "masquerade" in table,
             "IPv6 of a NAT network is forwarded (routed), IPv4 masqueraded", se + table)
        virsh(uri, "net-destroy", "v6")
        rc, so, se = virsh(uri, "net-create", xml=OPEN, tmp=tmp)
        t.ok(rc == 0 and link(rbr)[1] and nft_table("libvirt_" + rbr).returncode != 0,
             "an open network gets its bridge and no firewall table", se)
        virsh(uri, "net-destroy", "o1")

        # --- a daemon restart adopts the running network and its dnsmasq
        ours = restart_ours(t, ours, tmp)
        uri = "qemu+unix:///system?socket=" + ours.rw
        rc, so, se = virsh(uri, "net-list")
        t.ok(re.search(r"n1\s+active", so) and pidfile("n1") == pid and dnsmasq_pids() == [pid],
             "after a restart n1 is active with the same dnsmasq", so + se + str(dnsmasq_pids()))
        os.kill(ours.proc.pid, signal.SIGKILL)
        ours.proc.wait()
        ours.stop()   # a killed daemon reports nothing
        ours = start_ours(tmp)
        uri = "qemu+unix:///system?socket=" + ours.rw
        rc, so, se = virsh(uri, "net-list")
        t.ok(re.search(r"n1\s+active", so) and dnsmasq_pids() == [pid] and link("virbr0")[2].count("192.168.50.1/24") == 1,
             "after kill -9 n1 is active, the same dnsmasq, nothing doubled", so + se)

        # --- what went missing while no daemon ran comes back
        stop_ours(t, ours)
        subprocess.run(["nft", "delete", "table", "inet", "libvirt_virbr0"], check=True)
        os.kill(pid, signal.SIGKILL)
        for _ in range(100):
            if pid not in dnsmasq_pids():
                break
            time.sleep(0.05)
        ours = start_ours(tmp)
        uri = "qemu+unix:///system?socket=" + ours.rw
        rc, so, se = virsh(uri, "net-list")
        t.ok(re.search(r"n1\s+active", so) and nft_table("libvirt_virbr0").returncode == 0 and
             pidfile("n1") in dnsmasq_pids() and pidfile("n1") != pid,
             "a restarted daemon loads a lost table again and restarts a dead dnsmasq", so + se + ours.log())

        # --- destroy leaves nothing
        rc, so, se = virsh(uri, "net-destroy", "n1")
        t.ok(rc == 0, "destroy n1", se)
        t.ok(not link("virbr0")[0], "no bridge virbr0 after destroy")
        t.ok(dnsmasq_pids() == [], "no dnsmasq after destroy", dnsmasq_pids())
        t.ok(nft_table("libvirt_virbr0").returncode != 0, "no firewall table after destroy")
        t.ok(not os.path.exists("/run/libvirt/network/n1.pid") and not os.path.exists("/run/libvirt/network/n1.xml"),
             "no pid file or live record after destroy")

        # --- autostart across a daemon restart
        rc, so, se = virsh(uri, "net-autostart", "n1")
        t.ok(rc == 0 and os.path.islink("/etc/libvirt/qemu/networks/autostart/n1.xml"), "autostart link", se)
        ours = restart_ours(t, ours, tmp)
        uri = "qemu+unix:///system?socket=" + ours.rw
        rc, so, se = virsh(uri, "net-list")
        t.ok(re.search(r"n1\s+active\s+yes", so) and link("virbr0")[1], "an autostart network runs after a restart",
             so + se + ours.log())
        virsh(uri, "net-autostart", "--disable", "n1")
        virsh(uri, "net-destroy", "n1")

        # --- a missing dnsmasq: a clear error, nothing left
        ours = restart_ours(t, ours, tmp, {"VIRT_DNSMASQ": "/nonexistent/dnsmasq"})
        uri = "qemu+unix:///system?socket=" + ours.rw
        rc, so, se = virsh(uri, "net-start", "n1")
        t.ok(rc != 0 and "Cannot check dnsmasq binary /nonexistent/dnsmasq: No such file or directory" in se,
             "a missing dnsmasq is named in the error", se)
        t.ok(not link("virbr0")[0] and nft_table("libvirt_virbr0").returncode != 0 and dnsmasq_pids() == [],
             "the failed start left no bridge, table or dnsmasq")
        rc, so, se = virsh(uri, "net-info", "n1")
        t.ok(re.search(r"Active:\s+no", so), "n1 is still inactive", so + se)

        # --- bad XML: refused, nothing saved
        rc, so, se = virsh(uri, "net-create", xml=BAD_RANGE, tmp=tmp)
        t.ok(rc != 0 and not link("virbr1")[0] and not os.path.exists("/var/lib/libvirt/dnsmasq/badr.conf"),
             "a bad document given to net-create leaves nothing", se)
        rc, so, se = virsh(uri, "net-undefine", "n1")
        t.ok(rc == 0 and not os.listdir("/etc/libvirt/qemu/networks/autostart") and
             not os.path.exists("/etc/libvirt/qemu/networks/n1.xml"), "undefine removes the files", se)
        stop_ours(t, ours)
        ours = None
        session_mode(t, tmp)
    finally:
        if ours:
            ours.stop()
        for p in dnsmasq_pids():
            os.kill(p, signal.SIGKILL)
        shutil.rmtree(tmp, ignore_errors=True)
    return t.done()


def reaper(main=None):
    """As the pid namespace's first process: run the test (main, this
    script's inner by default) in a child and
    reap every orphan (daemonized dnsmasq) meanwhile, as an init does, so
    none lingers as a zombie. The test's own exit status is returned."""
    child = os.fork()
    if child == 0:
        rc = 1
        try:
            rc = (main or inner)()
        except BaseException:
            import traceback
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(rc)
    while True:
        pid, status = os.wait()
        if pid == child:
            return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    if os.environ.get("NETTEST_INNER") != "1":
        sys.exit(outer())
    sys.exit(reaper() if os.getpid() == 1 else inner())
