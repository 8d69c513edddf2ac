#!/usr/bin/env python3
"""SASL authentication, differential against Debian's libvirtd: a user
database made with saslpasswd2 and a SASL config for the "libvirt" service
in a temporary folder (SASL_CONF_PATH points both daemons at it), our daemon
and Debian's each on 127.0.0.1 with TCP (auth_tcp left at its default,
which must be sasl) and SASL on their unix socket too.

Checked on both daemons alike: AUTH_LIST, the mechanisms offered (TCP needs
a security layer: DIGEST-MD5 only; the unix socket offers SCRAM-SHA-256
too), every call refused before authentication with libvirt's errors, the
right password accepted and a wrong one refused, a user not on
sasl_allowed_username_list refused; Debian's python binding on our daemon
and ours on Debian's, Debian's virsh on our daemon and our virsh on
Debian's with credentials from auth.conf, auth=sasl.MECH."""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemontest import (BUILD, DEBIAN_LIBVIRTD, OK, TAP, Client, Daemon, conf_text, free_port,  # noqa: E402
                        oracle_env, stop_debian, x_int, x_optstring, x_string, x_uint)
from test_tls import make_pki  # noqa: E402

VIRSH_OURS = os.path.join(BUILD, "tools", "virsh", "virsh")
USERS = {"alice": "wonderland", "bob": "builder"}
ALLOWED = ["al*"]
MAX_ANON = 2

# The client: open with credentials given by the callback, then list the
# domains; prints the prompts it was given and the result or the error.
CLIENT = r'''
import json, sys, libvirt
uri, user, pw = sys.argv[1:4]
asked = []
def cb(creds, data):
    for c in creds:
        asked.append([c[0], c[1], c[2]])
        c[4] = user if c[0] == libvirt.VIR_CRED_AUTHNAME else pw if c[0] == libvirt.VIR_CRED_PASSPHRASE else c[3]
    return 0
libvirt.registerErrorHandler(lambda *a: None, None)
try:
    conn = libvirt.openAuth(uri, [[libvirt.VIR_CRED_AUTHNAME, libvirt.VIR_CRED_PASSPHRASE,
                                   libvirt.VIR_CRED_REALM, libvirt.VIR_CRED_NOECHOPROMPT], cb, None], 0)
    out = {"doms": sorted(d.name() for d in conn.listAllDomains()), "asked": asked}
    conn.close()
except libvirt.libvirtError as e:
    out = {"err": [e.get_error_code(), e.get_error_domain(), e.get_error_message()], "asked": asked}
print(json.dumps(out))
'''


def make_sasl(tmp):
    """passwd.db with USERS, libvirt.conf with digest-md5 and scram-sha-256."""
    os.makedirs(tmp, exist_ok=True)
    os.chmod(tmp, 0o755)
    db = os.path.join(tmp, "passwd.db")
    for user, pw in USERS.items():
        subprocess.run(["saslpasswd2", "-p", "-c", "-f", db, "-a", "libvirt", user],
                       input=pw, text=True, check=True, capture_output=True)
    with open(os.path.join(tmp, "libvirt.conf"), "w") as f:
        f.write("mech_list: digest-md5 scram-sha-256\nsasldb_path: %s\n" % db)
    for name in ("passwd.db", "libvirt.conf"):
        os.chmod(os.path.join(tmp, name), 0o644)


def tls_settings(port, pki):
    """TLS on port with SASL after the handshake."""
    return {"listen_tls": 1, "tls_port": str(port), "auth_tls": "sasl", "key_file": pki["server"][0],
            "cert_file": pki["server"][1], "ca_file": pki["ca"][1]}


def client_pki(tmp, pki):
    """A pkipath= folder for the clients."""
    d = os.path.join(tmp, "clientpki")
    os.makedirs(d)
    for src, name in ((pki["ca"][1], "cacert.pem"), (pki["client"][1], "clientcert.pem"),
                      (pki["client"][0], "clientkey.pem")):
        shutil.copy(src, os.path.join(d, name))
    return d


def start_debian_sasl(tmp, port, sasldir, tls):
    """Debian's libvirtd as nobody, a session daemon listening on TCP port
    (auth_tcp left at its default) and with the TLS settings tls, with SASL
    on its unix socket."""
    home = os.path.join(tmp, "home")
    for d in (tmp, home):
        os.makedirs(d, exist_ok=True)
        os.chmod(d, 0o777)
    conf = os.path.join(tmp, "libvirtd.conf")
    with open(conf, "w") as f:
        f.write(conf_text({"auth_unix_rw": "sasl", "auth_unix_ro": "none", "listen_tls": 0,
                           "listen_tcp": 1, "listen_addr": "127.0.0.1", "tcp_port": str(port),
                           "sasl_allowed_username_list": ALLOWED,
                           "max_anonymous_clients": MAX_ANON, **tls}))
    os.chmod(conf, 0o644)
    run = os.path.join(home, "run")
    env = oracle_env()
    env.update(HOME=home, XDG_RUNTIME_DIR=run, XDG_CONFIG_HOME=os.path.join(home, "cfg"),
               XDG_CACHE_HOME=os.path.join(home, "cache"), SASL_CONF_PATH=sasldir)
    proc = subprocess.Popen(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                             DEBIAN_LIBVIRTD, "--listen", "-f", conf], env=env,
                            stdout=subprocess.DEVNULL, stderr=open(os.path.join(tmp, "log"), "w"))
    for _ in range(200):
        if proc.poll() is not None:
            break
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    return proc, os.path.join(run, "libvirt", "libvirt-sock")


def client(uri, user, pw, ours, env=None):
    e = dict(os.environ) if ours else oracle_env()
    e.update(env or {})
    r = subprocess.run(["/usr/bin/python3", "-c", CLIENT, uri, user, pw], capture_output=True,
                       text=True, env=e, timeout=60)
    try:
        return json.loads(r.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return {"crash": r.stdout + r.stderr}


def tcp_uri(port, extra=""):
    return "test+tcp://127.0.0.1:%d/default%s" % (port, extra)


def unix_uri(path, extra=""):
    return "test+unix:///default?socket=%s%s" % (path, extra)


def preauth(port):
    """What a raw client gets before authenticating: (status, body or
    error) for a fixed sequence of calls."""
    c = Client(port=port)
    seq = [("AUTH_LIST", b""), ("CONNECT_SUPPORTS_FEATURE", x_int(10)),
           ("CONNECT_OPEN", x_optstring("test:///default") + x_uint(0)), ("CONNECT_GET_VERSION", b""),
           ("CONNECT_CLOSE", b""), (9999, b""),
           ("AUTH_SASL_START", x_string("DIGEST-MD5") + x_int(1) + x_uint(0)),
           ("AUTH_SASL_INIT", b""), ("AUTH_SASL_INIT", b""),
           ("AUTH_SASL_START", x_string("BOGUS") + x_int(1) + x_uint(0)),
           ("AUTH_SASL_INIT", b""), ("CONNECT_LIST_ALL_DOMAINS", x_int(1) + x_uint(0))]
    out = []
    for proc, body in seq:
        st, r = c.call(proc, body)
        out.append([str(proc), st, list(r.error()) if st != OK else r.data.hex()])
    c.close()
    return out


def vadm(admin, *args):
    """Debian's virt-admin on admin = (socket, command prefix); the lines
    "key : value" of its output as a dict."""
    sock, prefix = admin
    r = subprocess.run(prefix + ["/usr/bin/virt-admin", "-c", "libvirtd:///system?socket=" + sock] +
                       list(args), capture_output=True, text=True, timeout=30, env=oracle_env())
    return {k.strip(): v.strip() for k, _, v in
            (line.partition(":") for line in r.stdout.splitlines() if ":" in line)}


def live_client(uri):
    """A client of Debian's binding that authenticates as alice and stays
    connected until its stdin closes."""
    code = CLIENT.replace("    conn.close()\n", "    print('up', flush=True); sys.stdin.read()\n    conn.close()\n")
    p = subprocess.Popen(["/usr/bin/python3", "-c", code, uri, "alice", USERS["alice"]],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=oracle_env())
    p.stdout.readline()
    return p


def sasl_identity(port, admin):
    """What the admin program says of a client authenticated by SASL."""
    p = live_client(tcp_uri(port))
    try:
        out = subprocess.run(admin[1] + ["/usr/bin/virt-admin", "-c", "libvirtd:///system?socket=" +
                                         admin[0], "client-list", "libvirtd"],
                             capture_output=True, text=True, timeout=30, env=oracle_env()).stdout
        ids = [line.split()[0] for line in out.splitlines()[2:] if line.strip()]
        info = vadm(admin, "client-info", "libvirtd", ids[-1]) if ids else {}
        return {k: info.get(k) for k in ("readonly", "sasl_user_name")}
    finally:
        p.stdin.close()
        p.wait(30)


def anonymous_limit(port, admin):
    """MAX_ANON clients that do not authenticate: the next one is not
    served (it waits in the backlog) until one of them leaves. Returns
    (answered while full, answered after one left, nclients_unauth while
    full)."""
    waiting = [Client(port=port) for _ in range(MAX_ANON)]
    for c in waiting:
        c.call("AUTH_LIST")
    unauth = vadm(admin, "srv-clients-info", "libvirtd").get("nclients_unauth")
    late = Client(port=port, timeout=5)
    late.send_call("AUTH_LIST")
    late.s.settimeout(1.5)
    try:
        late.recv_frame()
        early = True
    except (socket.timeout, EOFError, OSError):
        early = False
    waiting[0].close()
    late.s.settimeout(10)
    try:
        late.recv_frame()
        after = True
    except (socket.timeout, EOFError, OSError):
        after = False
    for c in waiting[1:] + [late]:
        c.close()
    return early, after, unauth


def virsh(binary, uri, cfgdir, ours):
    env = dict(os.environ) if ours else oracle_env()
    env["XDG_CONFIG_HOME"] = cfgdir
    env.pop("LIBVIRT_AUTH_FILE", None)
    r = subprocess.run([binary, "-c", uri, "list", "--all", "--name"], capture_output=True, text=True,
                       env=env, timeout=60, stdin=subprocess.DEVNULL)
    return r.returncode, r.stdout.strip(), r.stderr.strip()


def main():
    t = TAP()
    tmp = tempfile.mkdtemp(prefix="virt-sasl-")
    os.chmod(tmp, 0o755)
    sasldir = os.path.join(tmp, "sasl")
    make_sasl(sasldir)
    os.environ["SASL_CONF_PATH"] = sasldir
    ours_port, deb_port, ours_tls, deb_tls = free_port(), free_port(), free_port(), free_port()
    pkidir = os.path.join(tmp, "pki")
    os.makedirs(pkidir)
    pki = make_pki(pkidir)
    for name in os.listdir(pkidir):
        os.chmod(os.path.join(pkidir, name), 0o644)   # Debian's daemon runs as nobody
    os.chmod(pkidir, 0o755)
    pkipath = client_pki(tmp, pki)
    deb = None
    d = Daemon({"listen_tcp": 1, "tcp_port": str(ours_port), "auth_tcp": None,
                "auth_unix_rw": "sasl", "sasl_allowed_username_list": ALLOWED,
                "max_anonymous_clients": MAX_ANON, **tls_settings(ours_tls, pki)})
    try:
        deb, deb_sock = start_debian_sasl(os.path.join(tmp, "debian"), deb_port, sasldir,
                                          tls_settings(deb_tls, pki))
        t.ok(d.alive() and deb.poll() is None, "both daemons run with SASL",
             d.log() + open(os.path.join(tmp, "debian", "log")).read())

        # before authentication: AUTH_LIST says SASL (no auth_tcp line),
        # the rest is refused as libvirt refuses it
        ours_pre, deb_pre = preauth(ours_port), preauth(deb_port)
        t.ok(ours_pre[0][2] == "0000000100000001", "AUTH_LIST on TCP with no auth_tcp line: SASL",
             ours_pre[0])
        t.ok(ours_pre == deb_pre, "calls before authentication answered as by Debian's libvirtd",
             "ours:   %s\ndebian: %s" % (ours_pre, deb_pre))
        mechs = []
        for path in (d.rw, deb_sock):
            c = Client(path=path)
            st, r = c.call("AUTH_SASL_INIT")
            mechs.append(r.string() if st == OK else r.error())
            c.close()
        t.ok(mechs[0] == mechs[1] and "SCRAM-SHA-256" in mechs[0],
             "the unix socket offers the mechanisms Debian's does, SCRAM-SHA-256 among them", mechs)
        c = Client(port=ours_port)
        st, r = c.call("AUTH_SASL_STEP", x_int(1) + x_uint(0))
        t.ok(st != OK and r.error() == (45, 7, "authentication failed: authentication failed") and
             c.call("AUTH_LIST")[0] == OK, "a step before any start is refused, the client kept",
             (st, r.data))
        c.close()

        # the four pairings of client and daemon
        for label, ours, port in (("Debian's binding on our daemon", False, ours_port),
                                  ("our binding on Debian's daemon", True, deb_port),
                                  ("our binding on our daemon", True, ours_port),
                                  ("Debian's binding on Debian's daemon", False, deb_port)):
            good = client(tcp_uri(port), "alice", USERS["alice"], ours)
            bad = client(tcp_uri(port), "alice", "wrong", ours)
            t.ok(good.get("doms") == ["test"] and
                 bad.get("err") == [45, 7, "authentication failed: authentication failed"],
                 "%s: digest-md5 right password accepted, wrong refused" % label,
                 "good: %s\nbad: %s" % (good, bad))
            if label.startswith("Debian's binding on Debian"):
                oracle_prompts = good.get("asked")
            elif label.startswith("Debian's binding on our"):
                ours_prompts = good.get("asked")
        t.ok(ours_prompts == oracle_prompts and ours_prompts,
             "the credentials asked for are the same from both daemons", (ours_prompts, oracle_prompts))
        for ours in (False, True):
            res = [client(tcp_uri(p), "alice", USERS["alice"], ours)
                   for p in (ours_port, deb_port)]
            t.ok(res[0] == res[1] and res[0].get("doms") == ["test"],
                 "%s binding: the same prompts and result from both daemons"
                 % ("our" if ours else "Debian's"), res)

        # sasl_allowed_username_list
        for label, port in (("our daemon", ours_port), ("Debian's daemon", deb_port)):
            r = client(tcp_uri(port), "bob", USERS["bob"], False)
            t.ok(r.get("err") == [45, 7, "authentication failed: authentication failed"],
                 "%s refuses bob, not on sasl_allowed_username_list" % label, r)
        t.ok("Client's username 'bob' is not on the list of allowed clients" in d.log(),
             "our daemon logs why bob was refused", d.log()[-2000:])
        t.ok(any("authenticated by SASL as 'alice' (SSF " in line and
                 int(line.rsplit("SSF ", 1)[1].rstrip(")")) >= 56 for line in d.log().splitlines()),
             "digest-md5 on TCP negotiated a security layer (SSF >= 56)", d.log()[-2000:])

        # SCRAM-SHA-256 on the unix socket, where no security layer is needed
        for label, ours, path in (("Debian's binding on our unix socket", False, d.rw),
                                  ("our binding on Debian's unix socket", True, deb_sock),
                                  ("our binding on our unix socket", True, d.rw)):
            extra = "&auth=sasl.SCRAM-SHA-256"
            good = client(unix_uri(path, extra), "alice", USERS["alice"], ours)
            bad = client(unix_uri(path, extra), "alice", "wrong", ours)
            t.ok(good.get("doms") == ["test"] and
                 bad.get("err") == [45, 7, "authentication failed: authentication failed"],
                 "%s: scram-sha-256 right password accepted, wrong refused" % label,
                 "good: %s\nbad: %s" % (good, bad))
        # TLS with SASL after the handshake: no SASL layer is needed there
        for mech in ("SCRAM-SHA-256", "DIGEST-MD5"):
            for label, ours, port in (("Debian's binding on our daemon", False, ours_tls),
                                      ("our binding on Debian's daemon", True, deb_tls),
                                      ("our binding on our daemon", True, ours_tls)):
                uri = "test+tls://127.0.0.1:%d/default?pkipath=%s&auth=sasl.%s" % (port, pkipath, mech)
                good = client(uri, "alice", USERS["alice"], ours)
                bad = client(uri, "alice", "wrong", ours)
                t.ok(good.get("doms") == ["test"] and
                     bad.get("err") == [45, 7, "authentication failed: authentication failed"],
                     "TLS, %s: %s: right password accepted, wrong refused" % (mech.lower(), label),
                     "good: %s\nbad: %s" % (good, bad))

        # a mechanism the daemon does not offer on TCP (SCRAM has no layer)
        res = [client(tcp_uri(deb_port, "?auth=sasl.SCRAM-SHA-256"), "alice", USERS["alice"], o)
               for o in (False, True)]
        t.ok(res[0] == res[1] and res[0].get("err", [0])[0] == 45,
             "auth=sasl.SCRAM-SHA-256 over TCP refused by both clients alike", res)

        # auth=sasl towards a socket without authentication (the read-only one)
        res = [client(unix_uri(d.ro, "&auth=sasl"), "alice", USERS["alice"], o) for o in (False, True)]
        t.ok(res[0] == res[1] and res[0].get("err", [0])[0] == 45,
             "auth=sasl on a socket without authentication refused by both clients alike", res)

        # the admin program on both: a SASL client's identity, the clients
        # waiting for authentication
        admins = [(os.path.join(d.sockdir, "libvirt-admin-sock"), []),
                  (os.path.join(tmp, "debian", "home", "run", "libvirt", "libvirt-admin-sock"),
                   ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"])]
        res = [sasl_identity(p, a) for p, a in zip((ours_port, deb_port), admins)]
        t.ok(res[0] == res[1] and res[0]["sasl_user_name"] == "alice",
             "virt-admin client-info: sasl_user_name as from Debian's daemon", res)

        # max_anonymous_clients: only clients still to authenticate count
        res = [anonymous_limit(p, a) for p, a in zip((ours_port, deb_port), admins)]
        t.ok(res[0] == res[1] == (False, True, str(MAX_ANON)),
             "max_anonymous_clients = %d: the next client waits until one leaves, as with Debian's"
             % MAX_ANON, res)

        # virsh with credentials from auth.conf in XDG_CONFIG_HOME
        cfg = os.path.join(tmp, "cfg")
        os.makedirs(os.path.join(cfg, "libvirt"))
        with open(os.path.join(cfg, "libvirt", "auth.conf"), "w") as f:
            f.write("[credentials-wonder]\nauthname=alice\npassword=%s\n\n"
                    "[auth-libvirt-127.0.0.1]\ncredentials=wonder\n" % USERS["alice"])
        for label, binary, ours, port in (("Debian's virsh on our daemon", "/usr/bin/virsh", False, ours_port),
                                          ("our virsh on Debian's daemon", VIRSH_OURS, True, deb_port)):
            rc, out, err = virsh(binary, tcp_uri(port), cfg, ours)
            t.ok(rc == 0 and out == "test", "%s, credentials from auth.conf" % label, (rc, out, err))
    finally:
        if deb is not None:
            stop_debian(deb)
        rc = d.stop()
        t.ok(rc == 0, "our daemon stops cleanly", d.log()[-2000:])
        shutil.rmtree(tmp, ignore_errors=True)
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
