"""daemontest.py: shared helpers for libvirtd's tests: a TAP writer, a
daemon started in a temporary folder with its own libvirtd.conf, and a
tiny client that speaks libvirt's RPC framing with raw bytes.

Everything listens on 127.0.0.1/::1 and on unix sockets under a temporary
folder; the procedure numbers come from abi/remote.proto."""
import json
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time

BUILD = os.environ.get("BUILD_ROOT", "build")
SOURCE = os.environ.get("SOURCE_ROOT", ".")
LIBVIRTD = os.environ.get("LIBVIRTD", os.path.join(BUILD, "tools", "libvirtd", "libvirtd"))

PROGRAM = 0x20008086
KEEPALIVE = 0x6b656570
CALL, REPLY, MESSAGE = 0, 1, 2
OK, ERROR = 0, 1


def procedures():
    procs = {}
    with open(os.path.join(SOURCE, "abi", "remote.proto"), encoding="utf-8") as f:
        for m in re.finditer(r"\bREMOTE_PROC_(\w+)\s*=\s*(\d+)", f.read()):
            procs[m.group(1)] = int(m.group(2))
    return procs


PROC = procedures()


def build_define(name):
    """A quoted value of the build's config.h (VIRT_RUNSTATEDIR, ...): the
    install paths meson chose."""
    with open(os.path.join(BUILD, "config.h"), encoding="utf-8") as f:
        m = re.search(r'#define %s "([^"]*)"' % name, f.read())
    return m.group(1) if m else None


RUNSTATEDIR = build_define("VIRT_RUNSTATEDIR")


class TAP:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, name, diag=None):
        self.n += 1
        print("%s %d - %s" % ("ok" if cond else "not ok", self.n, name))
        if not cond:
            self.failed += 1
            if diag:
                for line in str(diag).splitlines()[-30:]:
                    print("#   " + line)
        sys.stdout.flush()
        return cond

    def done(self):
        print("1..%d" % self.n)
        return 1 if self.failed else 0


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def run_json_client(code, args, ours, timeout=60):
    """Run a client script with Debian's python3, on our libvirt.so.0 (ours)
    or on Debian's; the script prints one JSON line last. Returns (value or
    None, what it printed when it did not)."""
    env = dict(os.environ)
    if not ours:
        # Debian's libvirt.so.0, without a sanitized build's runtime
        for var in ("LD_LIBRARY_PATH", "LD_PRELOAD"):
            env.pop(var, None)
    r = subprocess.run(["/usr/bin/python3", "-c", code] + [str(a) for a in args], capture_output=True,
                       text=True, env=env, timeout=timeout)
    try:
        return json.loads(r.stdout.strip().splitlines()[-1]), r.stderr
    except (ValueError, IndexError):
        return None, r.stdout + r.stderr


def conf_text(settings):
    lines = []
    for k, v in settings.items():
        if isinstance(v, bool):
            v = 1 if v else 0
        if isinstance(v, int):
            lines.append("%s = %d" % (k, v))
        elif isinstance(v, list):
            lines.append("%s = [%s]" % (k, ", ".join('"%s"' % x for x in v)))
        else:
            lines.append('%s = "%s"' % (k, v))
    return "\n".join(lines) + "\n"


class Daemon:
    """libvirtd in system mode with its sockets in a temporary folder."""

    def __init__(self, settings=None, args=("--listen",), wait=True, tmp=None):
        self.owns_tmp = tmp is None
        self.final_log = None
        self.tmp = tmp or tempfile.mkdtemp(prefix="virt-daemon-")
        self.sockdir = os.path.join(self.tmp, "run")
        # never listen beyond the loopback address in tests; TCP defaults
        # to SASL, which only test_sasl sets up
        conf = {"unix_sock_dir": self.sockdir, "listen_tls": 0, "listen_addr": "127.0.0.1",
                "auth_tcp": "none"}
        conf.update(settings or {})
        # a setting given as None is left out (its default applies)
        conf = {k: v for k, v in conf.items() if v is not None}
        self.conf = os.path.join(self.tmp, "libvirtd.conf")
        with open(self.conf, "w") as f:
            f.write(conf_text(conf))
        self.errpath = os.path.join(self.tmp, "stderr")
        self.proc = subprocess.Popen([LIBVIRTD, "--system", "-v", "-f", self.conf] + list(args),
                                     stdout=subprocess.DEVNULL, stderr=open(self.errpath, "w"))
        self.rw = os.path.join(self.sockdir, "libvirt-sock")
        self.ro = os.path.join(self.sockdir, "libvirt-sock-ro")
        if wait:
            self.wait_ready()

    def wait_ready(self, timeout=20):
        end = time.time() + timeout
        while time.time() < end:
            if self.proc.poll() is not None:
                return False
            if "ready (" in self.log():
                return True
            time.sleep(0.05)
        return False

    def log(self):
        if self.final_log is not None:
            return self.final_log
        try:
            with open(self.errpath) as f:
                return f.read()
        except OSError:
            return ""

    def alive(self):
        return self.proc.poll() is None

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.final_log is None:
            self.final_log = self.log()
            if self.owns_tmp:
                shutil.rmtree(self.tmp, ignore_errors=True)
        return self.proc.returncode


# ------------------------------------------------------------------ XDR

def x_int(v):
    return struct.pack(">i", v)


def x_uint(v):
    return struct.pack(">I", v)


def x_hyper(v):
    return struct.pack(">q", v)


def x_string(s):
    b = s.encode() if isinstance(s, str) else s
    return struct.pack(">I", len(b)) + b + b"\0" * ((4 - len(b) % 4) % 4)


def x_optstring(s):
    return x_int(0) if s is None else x_int(1) + x_string(s)


def x_domain(name, uuid, id_):
    return x_string(name) + uuid + x_int(id_)


class Reader:
    def __init__(self, data):
        self.data = data
        self.pos = 0

    def int(self):
        v = struct.unpack_from(">i", self.data, self.pos)[0]
        self.pos += 4
        return v

    def uint(self):
        v = struct.unpack_from(">I", self.data, self.pos)[0]
        self.pos += 4
        return v

    def hyper(self):
        v = struct.unpack_from(">q", self.data, self.pos)[0]
        self.pos += 8
        return v

    def opaque(self, n):
        v = self.data[self.pos:self.pos + n]
        self.pos += n + (4 - n % 4) % 4
        return v

    def string(self):
        n = self.uint()
        return self.opaque(n).decode()

    def optstring(self):
        return self.string() if self.int() else None

    def domain(self):
        return (self.string(), self.opaque(16), self.int())

    def error(self):
        """remote_error: code, domain, message, level, dom, str1-3, int1-2, net."""
        code = self.int()
        dom = self.int()
        msg = self.optstring()
        return code, dom, msg


def frame(prog, vers, proc, type_, serial, status, body=b""):
    hdr = struct.pack(">IIiIII", prog, vers, proc, type_, serial, status)
    return struct.pack(">I", 4 + len(hdr) + len(body)) + hdr + body


class Client:
    def __init__(self, path=None, port=None, host="127.0.0.1", sock=None, timeout=30):
        if sock is not None:
            self.s = sock
        elif path:
            self.s = socket.socket(socket.AF_UNIX)
            self.s.settimeout(timeout)
            self.s.connect(path)
        else:
            fam = socket.AF_INET6 if ":" in host else socket.AF_INET
            self.s = socket.socket(fam)
            self.s.settimeout(timeout)
            self.s.connect((host, port))
        self.serial = 0

    def send_raw(self, data):
        self.s.sendall(data)

    def recv_exact(self, n):
        buf = b""
        while len(buf) < n:
            chunk = self.s.recv(n - len(buf))
            if not chunk:
                raise EOFError("connection closed")
            buf += chunk
        return buf

    def recv_frame(self):
        n = struct.unpack(">I", self.recv_exact(4))[0]
        data = self.recv_exact(n - 4)
        prog, vers, proc, type_, serial, status = struct.unpack_from(">IIiIII", data)
        return (prog, vers, proc, type_, serial, status), data[24:]

    def send_call(self, proc, body=b""):
        self.serial += 1
        self.send_raw(frame(PROGRAM, 1, PROC[proc] if isinstance(proc, str) else proc,
                            CALL, self.serial, OK, body))
        return self.serial

    def call(self, proc, body=b""):
        """Returns (status, Reader over the body)."""
        serial = self.send_call(proc, body)
        while True:
            hdr, data = self.recv_frame()
            if hdr[0] == KEEPALIVE:
                continue
            if hdr[4] != serial:
                raise AssertionError("reply serial %d, expected %d" % (hdr[4], serial))
            return hdr[5], Reader(data)

    def open(self, uri="test:///default", flags=0):
        st, r = self.call("CONNECT_OPEN", x_optstring(uri) + x_uint(flags))
        if st != OK:
            raise AssertionError("CONNECT_OPEN failed: %s" % (r.error(),))

    def closed(self, timeout=10):
        """True when the daemon has closed this connection."""
        self.s.settimeout(timeout)
        try:
            while True:
                if not self.s.recv(65536):
                    return True
        except (ConnectionResetError, BrokenPipeError):
            return True
        except socket.timeout:
            return False

    def close(self):
        self.s.close()


DEBIAN_LIBVIRTD = "/usr/sbin/libvirtd"


def oracle_env():
    """Debian's tools with Debian's libraries (never our build's)."""
    env = dict(os.environ)
    for k in ("LD_LIBRARY_PATH", "LD_PRELOAD", "LIBVIRT_ADMIN_DEFAULT_URI"):
        env.pop(k, None)
    return env


def start_debian(tmp, settings=None):
    """Debian's libvirtd as nobody, a session daemon under tmp, with
    settings (a dict, as for Daemon) added to its libvirtd.conf. Its sockets
    are in $XDG_RUNTIME_DIR/libvirt: with unix_sock_dir set, a session
    libvirtd opens no admin socket."""
    home = os.path.join(tmp, "home")
    for d in (tmp, home):
        os.makedirs(d, exist_ok=True)
        os.chmod(d, 0o777)
    conf = os.path.join(tmp, "libvirtd.conf")
    with open(conf, "w") as f:
        f.write('auth_unix_rw = "none"\nauth_unix_ro = "none"\n' + conf_text(settings or {}))
    os.chmod(conf, 0o644)
    run = os.path.join(home, "run")
    env = oracle_env()
    env.update(HOME=home, XDG_RUNTIME_DIR=run,
               XDG_CONFIG_HOME=os.path.join(home, "cfg"), XDG_CACHE_HOME=os.path.join(home, "cache"))
    proc = subprocess.Popen(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                             DEBIAN_LIBVIRTD, "-f", conf], env=env,
                            stdout=subprocess.DEVNULL, stderr=open(os.path.join(tmp, "log"), "w"))
    admin = os.path.join(run, "libvirt", "libvirt-admin-sock")
    for _ in range(200):
        if os.path.exists(admin) or proc.poll() is not None:
            break
        time.sleep(0.1)
    return proc, admin, os.path.join(run, "libvirt", "libvirt-sock")


def stop_debian(proc):
    """Stop what start_debian started: SIGTERM, then SIGKILL after 20 s."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
