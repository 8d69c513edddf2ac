"""storagetest.py: shared helpers of the storage tests: our libvirtd as a
session daemon in a private HOME/XDG tree (unix socket only), Debian's
libvirtd the same way (tests/daemon/daemontest.py's start_debian), Debian's
virsh run against either, and the normalising that makes their answers
comparable (uuids, timestamps, owners, temporary paths, pool sizes)."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "daemon"))
import daemontest  # noqa: E402

TAP = daemontest.TAP
VIRSH = "/usr/bin/virsh"
LIBVIRTD = daemontest.LIBVIRTD


def session_env(home, base=None):
    env = dict(base if base is not None else os.environ)
    env.update(HOME=home, XDG_RUNTIME_DIR=os.path.join(home, "run"),
               XDG_CONFIG_HOME=os.path.join(home, "cfg"), XDG_CACHE_HOME=os.path.join(home, "cache"))
    return env


class OurDaemon:
    """Our libvirtd --session with its folders under root/home. start()
    again after stop() is a daemon restart on the same tree."""

    def __init__(self, root, env_extra=None, wrap=None):
        self.root = root
        self.home = os.path.join(root, "home")
        os.makedirs(self.home, exist_ok=True)
        self.conf = os.path.join(root, "libvirtd.conf")
        with open(self.conf, "w") as f:
            f.write('auth_unix_rw = "none"\nauth_unix_ro = "none"\n')
        self.env = session_env(self.home)
        # a client's preloaded sanitizer runtime is not the daemon's (a
        # sanitized daemon links its own), and qemu-img hangs under it
        for var in ("LD_PRELOAD", "ASAN_OPTIONS"):
            self.env.pop(var, None)
        self.env.update(env_extra or {})
        self.sock = os.path.join(self.home, "run", "libvirt", "libvirt-sock")
        self.proc = None
        self.wrap = list(wrap or [])   # a command the daemon is exec'd through
        self.uri = "qemu+unix:///session?socket=" + self.sock

    def start(self):
        if os.path.exists(self.sock):
            os.unlink(self.sock)
        self.log = open(os.path.join(self.root, "daemon.log"), "a")
        self.proc = subprocess.Popen(self.wrap + [LIBVIRTD, "--session", "-f", self.conf], env=self.env,
                                     stdout=subprocess.DEVNULL, stderr=self.log)
        for _ in range(200):
            if os.path.exists(self.sock) or self.proc.poll() is not None:
                break
            time.sleep(0.05)
        return self.proc.poll() is None and os.path.exists(self.sock)

    def stop(self, kill=False):
        if self.proc and self.proc.poll() is None:
            if kill:
                self.proc.kill()
            else:
                self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc:
            self.log.close()
        self.proc = None

    def sanitizer_clean(self):
        """No AddressSanitizer, LeakSanitizer or UBSan report in the log of
        any run of this daemon (a sanitized build writes them there)."""
        text = self.logtext()
        return not any(w in text for w in ("AddressSanitizer", "LeakSanitizer", "runtime error:"))

    def logtext(self):
        try:
            with open(os.path.join(self.root, "daemon.log")) as f:
                return f.read()
        except OSError:
            return ""


class DebianDaemon:
    """Debian's libvirtd as nobody, a session daemon under root."""

    def __init__(self, root):
        self.root = root
        self.proc, _, self.sock = daemontest.start_debian(root)
        self.uri = "qemu+unix:///session?socket=" + self.sock

    def alive(self):
        return self.proc.poll() is None and os.path.exists(self.sock)

    def stop(self):
        daemontest.stop_debian(self.proc)


def virsh(uri, *args, timeout=60):
    """(exit status, stdout, stderr) of Debian's virsh on Debian's library."""
    r = subprocess.run([VIRSH, "-c", uri] + list(args), capture_output=True, text=True,
                       env=daemontest.oracle_env(), timeout=timeout)
    return r.returncode, r.stdout, r.stderr


UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
TS_RE = re.compile(r"<(atime|mtime|ctime)>[0-9.]+</")
ID_RE = re.compile(r"<(owner|group)>\d+</")
# the file system's sizes change between the two runs: pool sizes are not compared
POOL_SIZE_RE = re.compile(r"<(capacity|allocation|available) unit='bytes'>\d+</(capacity|allocation|available)>")
HUMAN_RE = re.compile(r"\d+\.\d\d (KiB|MiB|GiB|TiB)")


def normalise(text, root, pool_sizes=True):
    text = text.replace(root, "TMP")
    text = UUID_RE.sub("UUID", text)
    text = TS_RE.sub(lambda m: "<%s>TS</" % m.group(1), text)
    text = ID_RE.sub(lambda m: "<%s>ID</" % m.group(1), text)
    if pool_sizes:
        text = re.sub(r"(Capacity|Allocation|Available):\s+[0-9.]+ \w+", r"\1: SIZE", text)
    return text


def normalise_pool_xml(text):
    return POOL_SIZE_RE.sub(lambda m: "<%s unit='bytes'>N</%s>" % (m.group(1), m.group(1)), text)


def normalise_pool_list(text):
    """pool-list --details: the size columns vary with the file system."""
    return re.sub(r"\s+", " ", HUMAN_RE.sub("SIZE", text)).strip()


def make_root(prefix):
    root = tempfile.mkdtemp(prefix=prefix)
    os.chmod(root, 0o777)
    return root


def remove_root(root):
    shutil.rmtree(root, ignore_errors=True)
