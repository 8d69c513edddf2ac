#!/usr/bin/env python3
"""libvirtd.conf: every setting of libvirt 9.0's libvirtd.conf accepted with
a good value, refused with a bad one (file:line in the message, exit 1);
settings without meaning here and unknown keys noted in the log at info
level, not refused; the worker pool and request limits taken from it; the
pid file locked against a second daemon; --help naming the sockets of
both modes."""
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemontest import BUILD, LIBVIRTD, RUNSTATEDIR, SOURCE, TAP, Daemon, conf_text, free_port, oracle_env  # noqa: E402

GOOD = {
    "listen_tls": 0, "listen_tcp": 1, "tls_port": "16514", "tcp_port": "PORT",
    "listen_addr": "127.0.0.1", "unix_sock_group": "root",
    "unix_sock_ro_perms": "0777", "unix_sock_rw_perms": "0700",
    "tls_no_verify_certificate": 0, "tls_no_verify_address": 0,
    "key_file": "/nonexistent/key.pem", "cert_file": "/nonexistent/cert.pem",
    "ca_file": "/nonexistent/ca.pem", "crl_file": "",
    "tls_allowed_dn_list": ["C=GB,O=Test,CN=*"], "tls_allowed_ip_list": ["127.0.0.*", "::1"],
    "auth_tcp": "none", "auth_tls": "none", "auth_unix_ro": "none", "auth_unix_rw": "none",
    "max_clients": 20, "mdns_adv": 0, "mdns_name": "Virtualization Host test",
    "log_level": 3, "log_filters": "1:core.connect 3:util", "log_outputs": "3:stderr",
    # the rest of libvirt 9.0's libvirtd.conf
    "unix_sock_admin_perms": "0700", "tcp_min_ssf": 112, "tls_no_sanity_certificate": 1,
    "tls_priority": "NORMAL", "sasl_allowed_username_list": ["joe@EXAMPLE.COM"],
    "access_drivers": [], "min_workers": 3, "max_workers": 30, "max_queued_clients": 1000,
    "max_anonymous_clients": 20, "max_client_requests": 5, "prio_workers": 5,
    "admin_min_workers": 1, "admin_max_workers": 5, "admin_max_clients": 5,
    "admin_max_queued_clients": 5, "admin_max_client_requests": 5,
    "audit_level": 2, "audit_logging": 1, "keepalive_interval": 5, "keepalive_count": 5,
    "keepalive_required": 0, "admin_keepalive_interval": 5, "admin_keepalive_count": 5,
    "admin_keepalive_required": 0, "host_uuid": "00000000-0000-0000-0000-000000000001",
    "host_uuid_source": "smbios", "ovs_timeout": 5,
}

BAD = [
    ("listen_tls", "listen_tls = 2", "must be 0 or 1"),
    ("listen_tcp", 'listen_tcp = "yes"', "must be 0 or 1"),
    ("tls_port", "tls_port = [\"a\"]", "tls_port must be a string"),
    ("tcp_port", "tcp_port = 99999", "port number"),
    ("listen_addr", "listen_addr = 5", "listen_addr must be a string"),
    ("unix_sock_group", "unix_sock_group = 0", "unix_sock_group must be a string"),
    ("unix_sock_ro_perms", 'unix_sock_ro_perms = "0789"', "not octal"),
    ("unix_sock_rw_perms", "unix_sock_rw_perms = 700", "octal permissions"),
    ("tls_no_verify_certificate", "tls_no_verify_certificate = -1", "must be 0 or 1"),
    ("tls_no_verify_address", 'tls_no_verify_address = "0"', "must be 0 or 1"),
    ("key_file", "key_file = 1", "key_file must be a string"),
    ("cert_file", "cert_file = [\"x\"]", "cert_file must be a string"),
    ("ca_file", "ca_file = 0", "ca_file must be a string"),
    ("crl_file", "crl_file = 0", "crl_file must be a string"),
    ("tls_allowed_dn_list", 'tls_allowed_dn_list = "CN=x"', "must be a list"),
    ("tls_allowed_ip_list", "tls_allowed_ip_list = 1", "must be a list"),
    ("max_clients", "max_clients = 0", "max_clients must be a number"),
    ("mdns_adv", "mdns_adv = 3", "must be 0 or 1"),
    ("mdns_name", "mdns_name = 3", "mdns_name must be a string"),
    ("auth_tcp", 'auth_tcp = "kerberos"', "auth_tcp: unsupported auth kerberos"),
    ("auth_unix_ro", 'auth_unix_ro = "polkit"', "polkit is not built into this daemon"),
    ("auth_unix_rw", 'auth_unix_rw = "polkit"', "polkit is not built into this daemon"),
    ("auth_tls", "auth_tls = 1", "auth_tls must be a string"),
    ("tcp_min_ssf", "tcp_min_ssf = 56", "minimum SSF levels lower than 112 are not supported"),
    ("log_level", "log_level = 7", "log_level must be 1 (debug)"),
    ("log_filters", 'log_filters = "debug"', "is not a list of LEVEL:MATCH"),
    ("log_outputs", 'log_outputs = "1:nowhere"', "is not a list of LEVEL:stderr"),
    ("min_workers", "min_workers = 0", "min_workers must be a number from 1"),
    ("max_workers", 'max_workers = "8"', "max_workers must be a number from 1"),
    ("max_client_requests", "max_client_requests = 0", "max_client_requests must be a number"),
    ("max_anonymous_clients", "max_anonymous_clients = -1", "must be a number from 0"),
    ("unix_sock_admin_perms", 'unix_sock_admin_perms = "8"', "not octal"),
    ("host_uuid", 'host_uuid = "not-a-uuid"', "is not a valid host UUID"),
    ("host_uuid", 'host_uuid = "11111111-1111-1111-1111-111111111111"', "is not a valid host UUID"),
    ("access_drivers", 'access_drivers = ["polkit"]', "no access control driver is built"),
    ("keepalive_interval", 'keepalive_interval = "5"', "keepalive_interval must be a number"),
    ("tls_no_sanity_certificate", "tls_no_sanity_certificate = 2", "must be 0 or 1"),
    ("tls_priority", "tls_priority = 1", "tls_priority must be a string"),
    ("sasl_allowed_username_list", 'sasl_allowed_username_list = "a"', "must be a list"),
    ("syntax", "listen_tcp = = 1", "expected a string, number or list"),
    ("unknown group", 'unix_sock_group = "no-such-group-xyz"', "no group named"),
]


def run(tmp, text, extra=(), timeout=30):
    path = os.path.join(tmp, "libvirtd.conf")
    with open(path, "w") as f:
        f.write(text)
    return subprocess.run([LIBVIRTD, "--system", "--timeout", "1", "-f", path] + list(extra),
                          capture_output=True, text=True, timeout=timeout), path


def log_checks(t, tmp):
    """log_outputs and log_filters: the daemon's open of test:///default for
    a client lands in the file; LIBVIRT_LOG_OUTPUTS overrides the file's."""
    virsh = os.path.join(os.environ.get("BUILD_ROOT", "build"), "tools", "virsh", "virsh")
    for label, env, want in (("from libvirtd.conf", {}, True),
                             ("overridden by LIBVIRT_LOG_OUTPUTS", {"LIBVIRT_LOG_OUTPUTS": "4:stderr"}, False)):
        logfile = os.path.join(tmp, "daemon.log")
        if os.path.exists(logfile):
            os.unlink(logfile)
        sockdir = os.path.join(tmp, "logrun")
        conf = conf_text({"unix_sock_dir": sockdir, "log_filters": "1:core.connect",
                          "log_outputs": "1:file:%s" % logfile})
        path = os.path.join(tmp, "log.conf")
        with open(path, "w") as f:
            f.write(conf)
        d = subprocess.Popen([LIBVIRTD, "--system", "--timeout", "3", "-f", path],
                             stderr=subprocess.PIPE, text=True, env=dict(os.environ, **env))
        sock = os.path.join(sockdir, "libvirt-sock")
        for _ in range(200):
            if os.path.exists(sock):
                break
            time.sleep(0.05)
        r = subprocess.run([virsh, "-c", "test+unix:///default?socket=" + sock, "list"],
                           capture_output=True, text=True)
        d.wait(30)
        text = open(logfile).read() if os.path.exists(logfile) else ""
        found = "scheme 'test' is claimed by module 'test'" in text
        t.ok(r.returncode == 0 and found == want and "loading module" not in text,
             "daemon log %s" % label, r.stderr + "\n--- log:\n" + text[-2000:])


def notes_checks(t, tmp):
    """A setting with no effect here, and an unknown one, are noted once at
    info level, and the daemon runs."""
    sockdir = os.path.join(tmp, "notes")
    r, path = run(tmp, conf_text({"unix_sock_dir": sockdir, "log_level": 2, "log_outputs": "2:stderr",
                                  "tls_priority": "NORMAL", "no_such_setting": 1}))
    t.ok(r.returncode == 0, "unknown and unused settings do not stop the daemon", r.stderr)
    t.ok(r.stderr.count("tls_priority has no effect in this daemon") == 1 and
         "%s:4: tls_priority" % path in r.stderr, "an unused setting is noted once, with file:line", r.stderr)
    t.ok("%s:5: unknown setting 'no_such_setting' ignored" % path in r.stderr,
         "an unknown setting is noted and ignored", r.stderr)
    r, _ = run(tmp, conf_text({"unix_sock_dir": sockdir, "tls_priority": "NORMAL"}))
    t.ok(r.returncode == 0 and "no effect" not in r.stderr,
         "at the default log level the notes stay out of stderr", r.stderr)


def pool_checks(t, tmp):
    """min_workers and max_workers size the main server's pool (as the
    admin interface reports it)."""
    os.makedirs(os.path.join(tmp, "pool"))
    d = Daemon({"min_workers": 2, "max_workers": 7, "max_client_requests": 3}, args=(), tmp=os.path.join(tmp, "pool"))
    try:
        admin = os.path.join(d.sockdir, "libvirt-admin-sock")
        p = subprocess.run(["/usr/bin/virt-admin", "-c", "libvirtd:///system?socket=" + admin,
                            "srv-threadpool-info", "libvirtd"], capture_output=True, text=True,
                           timeout=30, env=oracle_env())
        rows = dict(line.split(":", 1) for line in p.stdout.splitlines() if ":" in line)
        got = {k.strip(): v.strip() for k, v in rows.items()}
        t.ok(got.get("minWorkers") == "2" and got.get("maxWorkers") == "7",
             "min_workers/max_workers size the libvirtd server's pool", p.stdout + p.stderr)
    finally:
        d.stop()


def pidfile_checks(t, tmp):
    """A second daemon for the same sockets refuses to start, and the first
    stays reachable."""
    os.makedirs(os.path.join(tmp, "lock"))
    first = Daemon(args=(), tmp=os.path.join(tmp, "lock"))
    try:
        pidfile = os.path.join(first.sockdir, "libvirtd.pid")
        with open(pidfile) as f:
            t.ok(f.read().strip() == str(first.proc.pid), "the pid file beside the sockets holds the pid")
        r = subprocess.run([LIBVIRTD, "--system", "--timeout", "2", "-f", first.conf],
                           capture_output=True, text=True, timeout=30)
        t.ok(r.returncode == 1 and "Failed to acquire pid file '%s'" % pidfile in r.stderr,
             "a second daemon on the same sockets refuses to start", r.stderr)
        virsh = os.path.join(os.environ.get("BUILD_ROOT", "build"), "tools", "virsh", "virsh")
        v = subprocess.run([virsh, "-c", "test+unix:///default?socket=" + first.rw, "list", "--name"],
                           capture_output=True, text=True, timeout=30)
        t.ok(os.path.exists(first.rw) and v.returncode == 0 and "test" in v.stdout,
             "the first daemon keeps its socket and answers", v.stderr)
        r = subprocess.run([LIBVIRTD, "--system", "--timeout", "2", "-p", pidfile, "-f",
                            os.path.join(tmp, "libvirtd.conf")], capture_output=True, text=True, timeout=30)
        t.ok(r.returncode == 1 and "Failed to acquire pid file" in r.stderr,
             "the lock holds for a pid file named with -p too", r.stderr)
    finally:
        first.stop()
    t.ok(not os.path.exists(os.path.join(first.sockdir, "libvirtd.pid")),
         "the pid file goes when the daemon stops")


def shipped_checks(t, tmp):
    """The commented libvirtd.conf the build installs: it names every
    setting the daemon reads, and with every setting uncommented (the
    folder, group and log made private to the test) the daemon starts."""
    shipped = os.path.join(BUILD, "tools", "libvirtd", "libvirtd.conf")
    with open(shipped) as f:
        text = f.read()
    with open(os.path.join(SOURCE, "tools", "libvirtd", "daemon-config.c")) as f:
        source = f.read()
    table = set(re.findall(r"KEY\((\w+), K_", source)) | set(re.findall(r'\{ "(\w+)", K_', source))
    shown = set(re.findall(r"^#(\w+) = ", text, re.M))
    t.ok(table and table <= shown, "the shipped libvirtd.conf shows every setting the daemon reads",
         sorted(table - shown))
    private = {"unix_sock_dir": '"%s"' % os.path.join(tmp, "shipped"), "unix_sock_group": '"root"',
               "log_outputs": '"3:stderr"'}
    lines = []
    for line in text.splitlines():
        m = re.match(r"^#(\w+) = (.*)$", line)
        if m:
            line = "%s = %s" % (m.group(1), private.get(m.group(1), m.group(2)))
        lines.append(line)
    # a list written over several commented lines: none in this file
    r, path = run(tmp, "\n".join(lines) + "\n")
    t.ok(r.returncode == 0 and "no client for 1 seconds" in r.stderr or r.returncode == 0,
         "the shipped libvirtd.conf with every setting uncommented starts the daemon",
         "exit %d\n%s" % (r.returncode, r.stderr))


def main():
    t = TAP()
    with tempfile.TemporaryDirectory(prefix="virt-conf-") as tmp:
        sockdir = os.path.join(tmp, "run")
        good = dict(GOOD, unix_sock_dir=sockdir, tcp_port=str(free_port()))
        r, _ = run(tmp, "# every setting\n" + conf_text(good), ["--listen"])
        t.ok(r.returncode == 0, "every setting with a good value: the daemon starts and times out",
             r.stderr)
        r, _ = run(tmp, conf_text({"unix_sock_dir": sockdir, "mdns_adv": 1}))
        t.ok(r.returncode == 0 and "mDNS advertisement is not built" in r.stderr,
             "mdns_adv = 1 is accepted and reported as not built", r.stderr)

        for name, line, want in BAD:
            text = '# a comment\nunix_sock_dir = "%s"\n\n%s\n' % (sockdir, line)
            r, path = run(tmp, text)
            # log settings are checked once the file is read: path, no line
            where = "%s:%s" % (path, "" if name in ("log_filters", "log_outputs") else "4:")
            okay = r.returncode == 1 and want in r.stderr and (name == "unknown group" or where in r.stderr)
            t.ok(okay, "bad %s refused with file:line (%s)" % (name, line.replace("#", "")),
                 "exit %d\n%s" % (r.returncode, r.stderr))
            t.ok(not os.path.exists(os.path.join(sockdir, "libvirt-sock")) or name == "unknown group",
                 "bad %s: no socket left behind" % name)

        log_checks(t, tmp)
        shipped_checks(t, tmp)
        notes_checks(t, tmp)
        pool_checks(t, tmp)
        pidfile_checks(t, tmp)

        r = subprocess.run([LIBVIRTD, "-f", os.path.join(tmp, "missing.conf")],
                           capture_output=True, text=True)
        t.ok(r.returncode == 1 and "missing.conf" in r.stderr, "a missing -f file is an error", r.stderr)

        r = subprocess.run([LIBVIRTD, "--help"], capture_output=True, text=True)
        for want in (RUNSTATEDIR + "/libvirt/libvirt-sock", RUNSTATEDIR + "/libvirt/libvirt-sock-ro",
                     "$XDG_RUNTIME_DIR/libvirt/libvirt-sock", "16509", "16514",
                     "--listen", "--config", "--pid-file", "--timeout", "--daemon",
                     "--system", "--session", "--verbose"):
            t.ok(r.returncode == 0 and want in r.stdout, "--help mentions %s" % want)
        r = subprocess.run([LIBVIRTD, "--bogus"], capture_output=True, text=True)
        t.ok(r.returncode == 1, "an unknown option fails")
        r = subprocess.run([LIBVIRTD, "--system", "--session"], capture_output=True, text=True)
        t.ok(r.returncode == 1, "--system and --session together fail")

        # session mode puts its socket under $XDG_RUNTIME_DIR/libvirt
        xdg = os.path.join(tmp, "xdg")
        os.makedirs(xdg)
        env = dict(os.environ, XDG_RUNTIME_DIR=xdg, XDG_CONFIG_HOME=os.path.join(tmp, "cfg"))
        p = subprocess.Popen([LIBVIRTD, "--session", "-v", "--timeout", "2"], env=env,
                             stderr=subprocess.PIPE, text=True)
        _, err = p.communicate(timeout=30)
        t.ok(p.returncode == 0 and os.path.join(xdg, "libvirt", "libvirt-sock") in err,
             "session mode listens on $XDG_RUNTIME_DIR/libvirt/libvirt-sock", err)

        # --daemon and --pid-file
        pidfile = os.path.join(tmp, "libvirtd.pid")
        cfg = os.path.join(tmp, "d.conf")
        with open(cfg, "w") as f:
            f.write(conf_text({"unix_sock_dir": sockdir}))
        r = subprocess.run([LIBVIRTD, "--system", "-d", "-p", pidfile, "-t", "2", "-f", cfg],
                           capture_output=True, text=True, timeout=30)
        t.ok(r.returncode == 0, "--daemon returns at once", r.stderr)
        import time
        pid = None
        for _ in range(200):
            if os.path.exists(pidfile):
                with open(pidfile) as f:
                    pid = int(f.read().strip() or 0)
                if pid:
                    break
            time.sleep(0.05)
        t.ok(pid and pid != os.getpid(), "--pid-file holds the daemon's pid")
        for _ in range(200):
            if not os.path.exists(pidfile):
                break
            time.sleep(0.05)
        t.ok(not os.path.exists(pidfile), "the pid file is removed when the daemon exits")
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
