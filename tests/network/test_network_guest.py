"""test_network_guest.py: the built-in 'default' network and a real guest
on it, inside namespaces of the test's own (see test_network.py, whose
namespace and daemon helpers this reuses).

Our system daemon, started on empty folders, defines and autostarts
'default' (NAT, virbr0, 192.168.122.0/24) from the shipped file; Debian's,
given the same file, defines the same network. Guests with
<interface type='network'> are refused alike by both daemons while the
network is missing or inactive. Then two tiny test guests boot on
'default' under our daemon: their taps join virbr0, their udhcpc (typed
on their consoles) get leases from the network's dnsmasq that
net-dhcp-leases and domifaddr show, the host side of the bridge pings
one, which pings the other, and the taps go when the guests stop."""
import os
import re
import subprocess
import sys
import termios
import time
import select

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import test_network as nt  # noqa: E402
from test_network import virsh, normalize, link, dnsmasq_pids, start_ours, stop_ours  # noqa: E402
from daemontest import TAP, oracle_env, DEBIAN_LIBVIRTD  # noqa: E402
import daemontest  # noqa: E402

SEED = os.path.join(daemontest.SOURCE, "modules", "network", "data", "default.xml")
GUEST_DIR = os.path.join(daemontest.BUILD, "tests", "qemu", "guest-cache")
GUEST_MAC = "52:54:00:4e:54:01"
GUEST2_MAC = "52:54:00:4e:54:02"
CLIENT_MAC = "52:54:00:4e:54:77"


def guest_xml(name, network="default", mac=GUEST_MAC):
    return """<domain type='qemu'><name>%s</name><memory>196608</memory><vcpu>1</vcpu>
<os><type arch='x86_64' machine='pc'>hvm</type><kernel>%s/vmlinuz</kernel>
<initrd>%s/initramfs.cpio.gz</initrd>
<cmdline>console=ttyS0 panic=-1 quiet cryptomgr.notests tg.shell=1</cmdline></os>
<features><acpi/></features><devices>
<serial type='pty'><target port='0'/></serial><console type='pty'><target type='serial' port='0'/></console>
<interface type='network'><source network='%s'/><mac address='%s'/><model type='virtio'/></interface>
</devices></domain>""" % (name, GUEST_DIR, GUEST_DIR, network, mac)


def leases(uri):
    """A DHCP exchange from a veth client on virbr0, then the leases
    virsh shows (all, by its MAC, by another MAC)."""
    nt.dhcp_lease("virbr0", CLIENT_MAC, "default")

    def show(*args):
        rc, so, se = virsh(uri, "net-dhcp-leases", "default", *args)
        return "rc=%d\n%s\n%s" % (rc, re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", "TIME", so), se)
    return [("net-dhcp-leases", show()), ("net-dhcp-leases --mac", show("--mac", CLIENT_MAC.upper())),
            ("net-dhcp-leases --mac of no lease", show("--mac", "52:54:00:00:99:99"))]


def refusals(uri, tmp):
    """A guest on a missing network, then on the inactive 'default'."""
    out = []
    rc, so, se = virsh(uri, "create", xml=guest_xml("g-missing", "nosuchnet"), tmp=tmp)
    out.append(("a guest on a missing network", "rc=%d %s" % (rc, normalize(se))))
    virsh(uri, "net-destroy", "default")
    rc, so, se = virsh(uri, "create", xml=guest_xml("g-inactive"), tmp=tmp)
    out.append(("a guest on an inactive network", "rc=%d %s" % (rc, normalize(se))))
    # the lease of the veth client (leases()) outlives the network's run
    rc, so, se = virsh(uri, "net-dhcp-leases", "default", "--mac", CLIENT_MAC)
    out.append(("net-dhcp-leases of an inactive network",
                "rc=%d %s %s" % (rc, re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", "TIME", so), se)))
    return out


def debian_side(tmp):
    """Debian's daemon given the shipped file: its definition, and its
    refusals. None when it cannot run here."""
    if not os.path.exists(DEBIAN_LIBVIRTD):
        return None
    nt.fresh_tree()
    log = open(os.path.join(tmp, "debian.log"), "w")
    proc = subprocess.Popen([DEBIAN_LIBVIRTD], env=oracle_env(), stdout=subprocess.DEVNULL, stderr=log)
    try:
        for _ in range(150):
            if os.path.exists("/run/libvirt/libvirt-sock") or proc.poll() is not None:
                break
            time.sleep(0.1)
        if not os.path.exists("/run/libvirt/libvirt-sock"):
            return None
        uri = "qemu:///system"
        with open(SEED) as f:
            virsh(uri, "net-define", xml=f.read(), tmp=tmp)
        virsh(uri, "net-autostart", "default")
        virsh(uri, "net-start", "default")
        shapes = [("net-list", virsh(uri, "net-list", "--all")[1]),
                  ("dumpxml", normalize(virsh(uri, "net-dumpxml", "default")[1])),
                  ("dumpxml --inactive", normalize(virsh(uri, "net-dumpxml", "--inactive", "default")[1]))]
        return shapes + leases(uri) + refusals(uri, tmp)
    finally:
        daemontest.stop_debian(proc)
        log.close()


class Console:
    """The guest's serial console (a pty), raw."""

    def __init__(self, path):
        self.fd = os.open(path, os.O_RDWR | os.O_NOCTTY)
        attrs = termios.tcgetattr(self.fd)
        attrs[0] = attrs[1] = attrs[3] = 0
        termios.tcsetattr(self.fd, termios.TCSANOW, attrs)
        self.seen = b""

    def wait_for(self, pattern, timeout):
        end = time.time() + timeout
        while time.time() < end:
            m = re.search(pattern.encode(), self.seen)
            if m:
                self.seen = self.seen[m.end():]
                return m
            r, _, _ = select.select([self.fd], [], [], max(0.0, end - time.time()))
            if r:
                try:
                    self.seen += os.read(self.fd, 65536)
                except OSError:
                    return None
        return None

    def send(self, line):
        os.write(self.fd, line.encode() + b"\n")

    def close(self):
        os.close(self.fd)


# the lease script udhcpc runs: configure what it was given; the marker
# is split so that the echoed command line does not match it
DHCP_COMMANDS = ("printf '#!/bin/sh\\n[ \"$1\" = bound ] && ip addr add $ip/$mask dev $interface\\nexit 0\\n' > /lease.sh; "
                 "chmod +x /lease.sh; udhcpc -i eth0 -q -n -t 10 -T 1 -s /lease.sh >/dev/null 2>&1; "
                 "echo LEASE\"\"-$(ip -o -4 addr show dev eth0 | awk '{print $4}')-END")


def boot_and_lease(t, name, con):
    """Wait for the guest on con to boot, run its udhcpc; its address."""
    t.ok(con.wait_for("TESTGUEST-READY", 90), "%s boots" % name, con.seen[-2000:])
    con.send("")
    time.sleep(0.5)
    con.send(DHCP_COMMANDS)
    m = con.wait_for(r"LEASE-([0-9./]*)-END", 60)
    addr = m.group(1).decode() if m else ""
    t.ok(re.match(r"192\.168\.122\.\d+/24$", addr), "the udhcpc of %s gets an address of the network: %s"
         % (name, addr), con.seen[-2000:].decode(errors="replace"))
    return addr.split("/")[0]


def guest_on_default(t, uri, tmp):
    """Two guests on 'default': g1 looked at closely, g2 to ping."""
    started, consoles, taps = [], {}, {}
    try:
        for name, mac in (("g1", GUEST_MAC), ("g2", GUEST2_MAC)):
            rc, so, se = virsh(uri, "create", xml=guest_xml(name, mac=mac), tmp=tmp)
            if not t.ok(rc == 0, "%s with <interface type='network'><source network='default'/> starts" % name, se):
                return
            started.append(name)
            xml = virsh(uri, "dumpxml", name)[1]
            tap = re.search(r"<target dev='([^']+)'", xml)
            taps[name] = tap.group(1) if tap else "vnet0"
            pty = re.search(r"<console type='pty'[^>]*>\s*<source path='([^']+)'", xml)
            if not t.ok(pty, "the console of %s has a pty" % name, xml):
                return
            consoles[name] = Console(pty.group(1))
        xml = virsh(uri, "dumpxml", "g1")[1]
        t.ok(re.search(r"<source network='default'[^>]* bridge='virbr0'", xml),
             "the live XML of g1 names the network's bridge", xml)
        tap = taps["g1"]
        r = subprocess.run(["ip", "-o", "link", "show", "master", "virbr0"], capture_output=True, text=True)
        t.ok((" %s:" % tap) in r.stdout and (" %s:" % taps["g2"]) in r.stdout and tap != taps["g2"],
             "the taps %s and %s are ports of virbr0" % (tap, taps["g2"]), r.stdout)
        ip = boot_and_lease(t, "g1", consoles["g1"])
        ip2 = boot_and_lease(t, "g2", consoles["g2"])
        leases = ""
        try:
            with open("/var/lib/libvirt/dnsmasq/default.leases") as f:
                leases = f.read()
        except OSError as e:
            leases = str(e)
        t.ok(ip and re.search(r"%s %s " % (GUEST_MAC, re.escape(ip)), leases),
             "dnsmasq of 'default' records the guest's lease", leases)
        r = subprocess.run(["ping", "-c", "3", "-W", "2", ip or "192.168.122.254"], capture_output=True, text=True)
        t.ok(r.returncode == 0, "the host side of virbr0 reaches the guest", r.stdout + r.stderr)
        # the marker is split so that the echoed command does not match it
        consoles["g1"].send("ping -c 2 -W 2 %s >/dev/null 2>&1 && echo PING\"\"-OK || echo PING\"\"-FAILED"
                            % (ip2 or "192.168.122.254"))
        m = consoles["g1"].wait_for(r"PING-(OK|FAILED)", 30)
        t.ok(m and m.group(1) == b"OK", "g1 pings g2 across the bridge", consoles["g1"].seen[-1000:])
        rc, so, se = virsh(uri, "net-dhcp-leases", "default")
        t.ok(ip and ip2 and re.search(r"%s\s+ipv4\s+%s/24" % (GUEST_MAC, re.escape(ip)), so) and
             re.search(r"%s\s+ipv4\s+%s/24" % (GUEST2_MAC, re.escape(ip2)), so),
             "net-dhcp-leases shows both guests' leases", so + se)
        rc, so, se = virsh(uri, "domifaddr", "g1", "--source", "lease")
        t.ok(ip and re.search(r"%s\s+%s\s+ipv4\s+%s/24" % (tap, GUEST_MAC, re.escape(ip)), so),
             "domifaddr --source lease gives the guest's address on its tap", so + se)
    finally:
        for c in consoles.values():
            c.close()
        results = [virsh(uri, "destroy", name) for name in started]
    t.ok(all(r[0] == 0 for r in results) and not any(link(tp)[0] for tp in taps.values()),
         "destroying the guests removes their taps", str(results))


def inner():
    t = TAP()
    tmp = nt.tempfile.mkdtemp(prefix="virt-netguest-")
    ours = None
    try:
        nt.setup_namespace(tmp)
        os.makedirs(os.path.join(tmp, "ours"), exist_ok=True)
        want = debian_side(tmp)

        # --- our daemon on empty folders: 'default' is there and running
        nt.fresh_tree()
        ours = start_ours(tmp, {"VIRT_DEFAULT_NETWORK_XML": SEED})
        if not t.ok(ours.alive(), "our libvirtd starts", ours.log()):
            return t.done()
        uri = "qemu+unix:///system?socket=" + ours.rw
        rc, so, se = virsh(uri, "net-list", "--all")
        t.ok(re.search(r"default\s+active\s+yes\s+yes", so), "the first start defines and autostarts 'default'",
             so + se + ours.log())
        t.ok(os.path.exists("/etc/libvirt/qemu/networks/default.xml") and
             os.path.islink("/etc/libvirt/qemu/networks/autostart/default.xml"),
             "its definition and autostart link are saved")
        exists, up, addrs = link("virbr0")
        t.ok(up and "192.168.122.1/24" in addrs, "virbr0 is up with 192.168.122.1/24", addrs)
        t.ok(len(dnsmasq_pids()) == 1, "'default' has its dnsmasq", dnsmasq_pids())
        t.ok(nt.nft_table("libvirt_virbr0").returncode == 0 and
             "masquerade" in nt.nft_table("libvirt_virbr0").stdout, "and its NAT table")
        got = [("net-list", so),
               ("dumpxml", normalize(virsh(uri, "net-dumpxml", "default")[1])),
               ("dumpxml --inactive", normalize(virsh(uri, "net-dumpxml", "--inactive", "default")[1]))]

        got += leases(uri)
        t.ok(re.search(r"%s\s+ipv4\s+192\.168\.122\.\d+/24" % CLIENT_MAC, got[3][1]),
             "net-dhcp-leases shows the lease of a DHCP client on virbr0", got[3][1])

        # --- a guest on it
        if os.path.exists(os.path.join(GUEST_DIR, "vmlinuz")):
            guest_on_default(t, uri, tmp)
        else:
            t.ok(True, "# SKIP the test guest could not be built")

        got += refusals(uri, tmp)
        if want is None:
            t.ok(True, "# SKIP Debian's libvirtd did not start in the namespace")
        else:
            for (name, w), (_, g) in zip(want, got):
                t.ok(w == g, "as Debian's: " + name, "Debian's:\n%s\nours:\n%s" % (w, g))

        # --- at a restart, an autostarted guest on 'default' (inactive,
        # autostarted too) finds it running
        rc, so, se = virsh(uri, "define", xml=guest_xml("ga", mac=GUEST2_MAC), tmp=tmp)
        rc2, so2, se2 = virsh(uri, "autostart", "ga")
        t.ok(rc == 0 and rc2 == 0, "define and autostart guest ga on 'default'", se + se2)
        stop_ours(t, ours)
        ours = start_ours(tmp, {"VIRT_DEFAULT_NETWORK_XML": SEED})
        uri = "qemu+unix:///system?socket=" + ours.rw
        rc, so, se = virsh(uri, "list", "--name")
        rc2, so2, se2 = virsh(uri, "net-list")
        t.ok("ga" in so.split() and re.search(r"default\s+active", so2),
             "after a restart 'default' and then guest ga on it are autostarted", so + se + so2 + ours.log()[-3000:])
        virsh(uri, "destroy", "ga")
        virsh(uri, "undefine", "ga")

        # --- once the folder exists, 'default' is the administrator's
        virsh(uri, "net-destroy", "default")
        rc, so, se = virsh(uri, "net-undefine", "default")
        stop_ours(t, ours)
        ours = start_ours(tmp, {"VIRT_DEFAULT_NETWORK_XML": SEED})
        uri = "qemu+unix:///system?socket=" + ours.rw
        rc, so, se = virsh(uri, "net-list", "--all", "--name")
        t.ok(rc == 0 and "default" not in so, "an undefined 'default' stays undefined after a restart", so + se)
        stop_ours(t, ours)
        ours = None
    finally:
        if ours:
            ours.stop()
        for p in dnsmasq_pids():
            os.kill(p, 9)
        nt.shutil.rmtree(tmp, ignore_errors=True)
    return t.done()


def build_guest():
    """The tiny guest, built (or found) outside the namespaces: building
    it fetches Debian packages."""
    script = os.path.join(daemontest.SOURCE, "..", "shared", "guest", "make-test-guest.sh")
    if not os.access(script, os.X_OK):
        return
    subprocess.run([script, GUEST_DIR], env=dict(os.environ, TG_EXTRA_MODULES="virtio_blk"),
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


if __name__ == "__main__":
    if os.environ.get("NETTEST_INNER") != "1":
        if os.geteuid() == 0 and not os.path.exists(os.path.join(GUEST_DIR, "vmlinuz")):
            build_guest()
        sys.exit(nt.outer(__file__))
    sys.exit(nt.reaper(inner) if os.getpid() == 1 else inner())
