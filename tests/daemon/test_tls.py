#!/usr/bin/env python3
"""TLS on 127.0.0.1 with certificates made here by certtool (gnutls-bin),
as the remote-support page shows: a trusted client certificate is
admitted, an untrusted or revoked one is refused, tls_allowed_dn_list and
tls_allowed_ip_list admit and refuse with fnmatch wildcards (an empty list
admits nobody), and tls_no_verify_certificate / tls_no_verify_address turn
the checks into warnings."""
import os
import shutil
import ssl
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemontest import OK, Client, Daemon, TAP, free_port  # noqa: E402

CERTTOOL = shutil.which("certtool")


def certtool(*args):
    subprocess.run([CERTTOOL] + list(args), check=True, capture_output=True)


def make_pki(d):
    def tmpl(name, text):
        path = os.path.join(d, name + ".info")
        with open(path, "w") as f:
            f.write(text)
        return path

    def key(name):
        path = os.path.join(d, name + "-key.pem")
        certtool("--generate-privkey", "--key-type=rsa", "--bits=2048", "--outfile", path)
        return path

    def ca(name, cn):
        k = key(name)
        c = os.path.join(d, name + "-cert.pem")
        certtool("--generate-self-signed", "--load-privkey", k,
                 "--template", tmpl(name, "cn = %s\nca\ncert_signing_key\ncrl_signing_key\n" % cn),
                 "--outfile", c)
        return k, c

    def leaf(name, cakey, cacert, text):
        k = key(name)
        c = os.path.join(d, name + "-cert.pem")
        certtool("--generate-certificate", "--load-privkey", k, "--load-ca-certificate", cacert,
                 "--load-ca-privkey", cakey, "--template", tmpl(name, text), "--outfile", c)
        return k, c

    pki = {}
    pki["ca"] = ca("ca", "Test CA")
    pki["evil_ca"] = ca("evil-ca", "Untrusted CA")
    pki["server"] = leaf("server", *pki["ca"], "organization = Test\ncn = localhost\n"
                         "ip_address = 127.0.0.1\ntls_www_server\nencryption_key\nsigning_key\n")
    client_tmpl = "country = GB\nstate = London\nlocality = London\norganization = Test\ncn = %s\n" \
                  "tls_www_client\nencryption_key\nsigning_key\n"
    pki["client"] = leaf("client", *pki["ca"], client_tmpl % "client1")
    pki["other"] = leaf("other", *pki["ca"], client_tmpl.replace("Test", "Other") % "client2")
    pki["evil"] = leaf("evil", *pki["evil_ca"], client_tmpl % "client1")
    pki["revoked"] = leaf("revoked", *pki["ca"], client_tmpl % "revoked")
    crl = os.path.join(d, "crl.pem")
    certtool("--generate-crl", "--load-ca-privkey", pki["ca"][0], "--load-ca-certificate", pki["ca"][1],
             "--load-certificate", pki["revoked"][1],
             "--template", tmpl("crl", "crl_next_update = 30\ncrl_number = 1\n"), "--outfile", crl)
    pki["crl"] = crl
    return pki


def tls_client(port, pki, who):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.load_verify_locations(pki["ca"][1])
    ctx.check_hostname = False
    if who:
        ctx.load_cert_chain(pki[who][1], pki[who][0])
    import socket
    raw = socket.create_connection(("127.0.0.1", port), timeout=10)
    s = ctx.wrap_socket(raw)
    # As libvirt's clients do: the server confirms the session with one byte
    # (1) once its own checks of the client passed; anything else is a refusal.
    if s.recv(1) != b"\x01":
        s.close()
        raise EOFError("the daemon did not confirm the TLS session")
    return Client(sock=s)


def works(port, pki, who):
    """True when a client with that certificate gets an answer."""
    try:
        c = tls_client(port, pki, who)
        c.open("test:///default")
        st, r = c.call("CONNECT_NUM_OF_DOMAINS")
        c.close()
        return st == OK and r.int() == 1
    except (OSError, EOFError, ssl.SSLError, AssertionError):
        return False


def run(t, tmp, pki, name, settings, cases):
    port = free_port()
    conf = {"listen_tls": 1, "tls_port": str(port), "listen_addr": "127.0.0.1",
            "key_file": pki["server"][0], "cert_file": pki["server"][1], "ca_file": pki["ca"][1],
            "crl_file": pki["crl"]}
    conf.update(settings)
    d = Daemon(conf, tmp=tempfile.mkdtemp(dir=tmp))
    try:
        if not t.ok(d.alive(), "%s: the daemon starts" % name, d.log()):
            return
        for who, want in cases:
            t.ok(works(port, pki, who) == want, "%s: client certificate %s is %s"
                 % (name, who or "(none)", "admitted" if want else "refused"), d.log()[-1500:])
    finally:
        d.stop()
    return d


def update_tls(t, tmp, pki):
    """virt-admin server-update-tls makes the daemon read its TLS files
    again: a CRL replaced on disk applies to new clients only after it."""
    crl = os.path.join(tmp, "live-crl.pem")
    certtool("--generate-crl", "--load-ca-privkey", pki["ca"][0], "--load-ca-certificate", pki["ca"][1],
             "--template", os.path.join(tmp, "crl.info"), "--outfile", crl)
    port = free_port()
    d = Daemon({"listen_tls": 1, "tls_port": str(port), "listen_addr": "127.0.0.1",
                "key_file": pki["server"][0], "cert_file": pki["server"][1], "ca_file": pki["ca"][1],
                "crl_file": crl}, tmp=tempfile.mkdtemp(dir=tmp))
    admin = "libvirtd:///system?socket=" + os.path.join(d.sockdir, "libvirt-admin-sock")
    env = {k: v for k, v in os.environ.items() if k not in ("LD_LIBRARY_PATH", "LD_PRELOAD")}
    try:
        t.ok(works(port, pki, "revoked"), "update-tls: a certificate the first CRL does not list is admitted")
        shutil.copy(pki["crl"], crl)
        t.ok(works(port, pki, "revoked"), "update-tls: a CRL changed on disk is not read by itself")
        p = subprocess.run(["virt-admin", "-c", admin, "server-update-tls", "libvirtd"],
                           capture_output=True, text=True, env=env, timeout=30)
        t.ok(p.returncode == 0, "update-tls: virt-admin server-update-tls libvirtd", p.stderr)
        t.ok(not works(port, pki, "revoked"), "update-tls: the new CRL refuses the certificate")
        t.ok(works(port, pki, "client"), "update-tls: other certificates are still admitted")
    finally:
        d.stop()


def main():
    t = TAP()
    if not CERTTOOL:
        print("1..0 # SKIP certtool (gnutls-bin) not installed")
        return 0
    with tempfile.TemporaryDirectory(prefix="virt-tls-") as tmp:
        pki = make_pki(tmp)
        d = run(t, tmp, pki, "defaults", {},
                [("client", True), ("other", True), ("evil", False), ("revoked", False), (None, False)])
        log = d.log() if d else ""
        t.ok("not trusted" in log or "revoked" in log.lower(), "a refused certificate is logged with why")
        t.ok("DN 'C=GB,ST=London,L=London,O=Test,CN=client1'" in log,
             "the verbose log names an admitted client's DN in tls_allowed_dn_list form", log[-1500:])
        run(t, tmp, pki, "DN list", {"tls_allowed_dn_list": ["C=GB,ST=London,L=London,O=Test,CN=*"]},
            [("client", True), ("other", False)])
        run(t, tmp, pki, "DN list exact", {"tls_allowed_dn_list": ["C=GB,ST=London,L=London,O=Other,CN=client2"]},
            [("client", False), ("other", True)])
        run(t, tmp, pki, "empty DN list", {"tls_allowed_dn_list": []}, [("client", False)])
        run(t, tmp, pki, "IP list admitting", {"tls_allowed_ip_list": ["127.0.0.*"]}, [("client", True)])
        run(t, tmp, pki, "IP list refusing", {"tls_allowed_ip_list": ["10.*", "192.168.*"]},
            [("client", False)])
        run(t, tmp, pki, "empty IP list", {"tls_allowed_ip_list": []}, [("client", False)])
        run(t, tmp, pki, "tls_no_verify_address", {"tls_allowed_ip_list": ["10.*"], "tls_no_verify_address": 1},
            [("client", True)])
        run(t, tmp, pki, "tls_no_verify_certificate", {"tls_no_verify_certificate": 1},
            [("client", True), ("evil", True), (None, True)])

        # bad server credentials stop the daemon from starting
        port = free_port()
        d = Daemon({"listen_tls": 1, "tls_port": str(port), "key_file": os.path.join(tmp, "nokey.pem"),
                    "cert_file": pki["server"][1], "ca_file": pki["ca"][1]},
                   tmp=tempfile.mkdtemp(dir=tmp), wait=False)
        rc = d.proc.wait(20)
        t.ok(rc == 1 and "nokey.pem" in d.log(), "a missing key_file is a clear startup error", d.log())

        update_tls(t, tmp, pki)

        # TCP obeys tls_allowed_ip_list too
        port = free_port()
        d = Daemon({"listen_tcp": 1, "tcp_port": str(port), "tls_allowed_ip_list": ["10.*"]},
                   tmp=tempfile.mkdtemp(dir=tmp))
        try:
            c = Client(port=port)
            t.ok(c.closed(5), "TCP: an address outside tls_allowed_ip_list is refused")
            c.close()
        finally:
            d.stop()
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
