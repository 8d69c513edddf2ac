#!/usr/bin/env python3
"""libvirtd's sockets: unix socket permissions and group, the read-only
socket refusing every mutating procedure server-side, keepalive, unknown
procedures, TCP on 127.0.0.1 and ::1, and max_clients."""
import os
import socket
import stat
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemontest import (ERROR, KEEPALIVE, MESSAGE, OK, PROC, Client, Daemon, Reader, TAP,  # noqa: E402
                        frame, free_port, x_domain, x_int, x_string, x_uint)

VIR_ERR_NO_SUPPORT = 3
VIR_ERR_RPC = 39
VIR_FROM_RPC = 7
VIR_ERR_OPERATION_DENIED = 29
TEST_UUID = bytes.fromhex("6695eb01f6a4830479aa97f2502e193f")


def lookup(c, name):
    st, r = c.call("DOMAIN_LOOKUP_BY_NAME", x_string(name))
    return r.domain() if st == OK else None


def main():
    t = TAP()
    port = free_port()
    d = Daemon({"listen_tcp": 1, "tcp_port": str(port), "unix_sock_rw_perms": "0770",
                "unix_sock_ro_perms": "0775", "unix_sock_group": "daemon"})
    try:
        t.ok(d.alive(), "daemon starts", d.log())
        st_rw = os.stat(d.rw)
        st_ro = os.stat(d.ro)
        t.ok(stat.S_IMODE(st_rw.st_mode) == 0o770, "rw socket has unix_sock_rw_perms 0770",
             oct(st_rw.st_mode))
        t.ok(stat.S_IMODE(st_ro.st_mode) == 0o775, "ro socket has unix_sock_ro_perms 0775",
             oct(st_ro.st_mode))
        import grp
        gid = grp.getgrnam("daemon").gr_gid
        t.ok(st_rw.st_gid == gid and st_ro.st_gid == gid, "both sockets belong to unix_sock_group")

        # read-write socket: open, query, mutate
        c = Client(path=d.rw)
        st, r = c.call("AUTH_LIST")
        t.ok(st == OK and r.uint() == 1 and r.int() == 0, "AUTH_LIST offers only 'none'")
        st, r = c.call("CONNECT_SUPPORTS_FEATURE", x_int(10))
        t.ok(st == OK and r.int() == 1, "keepalive feature is supported")
        st, r = c.call("CONNECT_GET_TYPE")
        t.ok(st == ERROR, "a call before CONNECT_OPEN is an error, not a crash")
        c.open("test:///default")
        st, r = c.call("CONNECT_GET_TYPE")
        t.ok(st == OK and r.string().upper() == "TEST", "CONNECT_GET_TYPE answers the test driver's type")
        st, r = c.call("CONNECT_NUM_OF_DOMAINS")
        t.ok(st == OK and r.int() == 1, "CONNECT_NUM_OF_DOMAINS counts the test domain")
        dom = lookup(c, "test")
        t.ok(dom is not None and dom[1] == TEST_UUID and dom[2] == 1,
             "DOMAIN_LOOKUP_BY_NAME returns {name, uuid, id}")
        st, r = c.call("DOMAIN_SUSPEND", x_domain(*dom))
        t.ok(st == OK, "DOMAIN_SUSPEND on the rw socket works")
        st, r = c.call("DOMAIN_GET_STATE", x_domain(*dom) + x_uint(0))
        t.ok(st == OK and r.int() == 3, "DOMAIN_GET_STATE reports paused")
        st, r = c.call("DOMAIN_RESUME", x_domain(*dom))
        t.ok(st == OK, "DOMAIN_RESUME works")
        st, r = c.call("DOMAIN_LOOKUP_BY_NAME", x_string("nosuch"))
        code = r.error() if st == ERROR else None
        t.ok(code and code[0] == 42 and code[2] == "Domain not found",
             "a failing call returns remote_error with the library's code and message", code)
        st, r = c.call(9999)
        code = r.error() if st == ERROR else None
        # what Debian's libvirtd 9.0 answers, probed with this client
        t.ok(code and code[:3] == (VIR_ERR_RPC, VIR_FROM_RPC, "unknown procedure: 9999"),
             "an unknown procedure answers libvirt's RPC error", code)
        # keepalive
        c.send_raw(frame(KEEPALIVE, 1, 1, MESSAGE, 0, OK))
        hdr, _ = c.recv_frame()
        t.ok(hdr[0] == KEEPALIVE and hdr[2] == 2 and hdr[3] == MESSAGE, "PING is answered with PONG")
        st, r = c.call("CONNECT_GET_TYPE")
        t.ok(st == OK, "the connection still works after keepalive and errors")

        # domain lifecycle events arrive as MESSAGEs with the callback id
        st, r = c.call("CONNECT_SUPPORTS_FEATURE", x_int(14))
        t.ok(st == OK and r.int() == 1, "event callbacks (feature 14) are supported")
        st, r = c.call("CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY", x_int(0) + x_int(0))
        cbid = r.int() if st == OK else None
        t.ok(st == OK, "CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY for lifecycle events")
        serial = c.send_call("DOMAIN_SUSPEND", x_domain(*dom))
        event = None
        event_serial = None
        got_reply = False
        for _ in range(4):
            hdr, body = c.recv_frame()
            if hdr[3] == MESSAGE and hdr[2] == PROC["DOMAIN_EVENT_CALLBACK_LIFECYCLE"]:
                rd = Reader(body)
                event = (rd.int(), rd.domain()[0], rd.int(), rd.int())
                event_serial = hdr[4]
            elif hdr[4] == serial:
                got_reply = True
            if event and got_reply:
                break
        t.ok(event == (cbid, "test", 3, 0), "suspending sends a SUSPENDED/PAUSED event (%s)" % (event,))
        # Debian's libvirtd 9.0, probed with this client, sends serial 1
        t.ok(event_serial == 1, "an event message carries serial 1, as libvirt's", event_serial)
        st, r = c.call("CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY", x_int(cbid))
        t.ok(st == OK, "the callback deregisters")
        st, r = c.call("DOMAIN_RESUME", x_domain(*dom))
        t.ok(st == OK, "no event is sent once deregistered (the reply comes first)")
        st, r = c.call("CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY", x_int(0) + x_int(0))
        t.ok(st == OK, "a callback left registered is dropped when the client goes")

        # CONNECT_CLOSE is answered, then the daemon closes the socket, as
        # Debian's libvirtd does (probed with this client)
        bye = Client(path=d.rw)
        bye.open("test:///default")
        st, r = bye.call("CONNECT_CLOSE")
        bye.s.settimeout(5)
        try:
            rest = bye.s.recv(16)
        except OSError as e:
            rest = e
        t.ok(st == OK and rest == b"", "the daemon closes the connection once CONNECT_CLOSE is answered", rest)

        # read-only socket: every mutating procedure refused by the daemon
        ro = Client(path=d.ro)
        ro.open("test:///default")
        dom = lookup(ro, "test")
        t.ok(dom is not None, "lookups work on the read-only socket")
        mutating = [
            ("DOMAIN_SUSPEND", x_domain(*dom)),
            ("DOMAIN_DESTROY", x_domain(*dom)),
            ("DOMAIN_SHUTDOWN", x_domain(*dom)),
            ("DOMAIN_SET_MEMORY", x_domain(*dom) + struct_uhyper(1024)),
            ("DOMAIN_SET_AUTOSTART", x_domain(*dom) + x_int(1)),
            ("DOMAIN_DEFINE_XML", x_string("<domain type='test'><name>x</name></domain>")),
            ("DOMAIN_CREATE_XML", x_string("<domain/>") + x_uint(0)),
            ("DOMAIN_UNDEFINE", x_domain(*dom)),
            ("NETWORK_DEFINE_XML", x_string("<network/>")),
            ("DOMAIN_MIGRATE_PREPARE", x_int(0) + struct_uhyper(0) + x_int(0) + struct_uhyper(0)),
        ]
        for name, body in mutating:
            st, r = ro.call(name, body)
            code = r.error() if st == ERROR else None
            t.ok(code and code[0] == VIR_ERR_OPERATION_DENIED,
                 "read-only socket refuses %s with VIR_ERR_OPERATION_DENIED" % name, code)
        st, r = ro.call("DOMAIN_GET_STATE", x_domain(*dom) + x_uint(0))
        t.ok(st == OK and r.int() == 1, "the test domain is still running after the refusals")
        ro.close()
        c.close()

        # TCP on 127.0.0.1
        tc = Client(port=port)
        tc.open("test:///default")
        st, r = tc.call("CONNECT_NUM_OF_DOMAINS")
        t.ok(st == OK, "TCP on 127.0.0.1 serves calls")
        tc.close()
        end = time.time() + 10
        while time.time() < end:
            log = d.log()
            if log.count(": connected") == log.count(": freed"):
                break
            time.sleep(0.1)
        t.ok(log.count(": connected") == log.count(": freed"),
             "every client is freed, event callbacks included")
    finally:
        rc = d.stop()
    t.ok(rc == 0, "the daemon exits with status 0 on SIGTERM (no leak reported)", d.log()[-3000:])
    t.ok("libvirtd: error" not in d.log(), "no error logged in that run", d.log())

    # IPv6 loopback through listen_addr
    port6 = free_port()
    d = Daemon({"listen_tcp": 1, "tcp_port": str(port6), "listen_addr": "::1"})
    try:
        ok6 = d.alive()
        if ok6:
            c = Client(port=port6, host="::1")
            c.open("test:///default")
            st, r = c.call("CONNECT_GET_TYPE")
            ok6 = st == OK
            c.close()
        t.ok(ok6, "listen_addr = ::1 serves IPv6 clients", d.log())
    finally:
        d.stop()

    # a name resolving to both loopback addresses: one listener for each
    portb = free_port()
    d = Daemon({"listen_tcp": 1, "tcp_port": str(portb), "listen_addr": "localhost"})
    try:
        hosts = []
        for host in ("127.0.0.1", "::1"):
            try:
                c = Client(port=portb, host=host)
                c.open("test:///default")
                st, _ = c.call("CONNECT_GET_TYPE")
                if st == OK:
                    hosts.append(host)
                c.close()
            except OSError:
                pass
        want = ["127.0.0.1", "::1"] if socket.has_ipv6 and "::1" in str(
            socket.getaddrinfo("localhost", portb)) else ["127.0.0.1"]
        t.ok(hosts == want, "listen_addr = localhost listens on every address it resolves to (%s)"
             % ", ".join(hosts), d.log())
    finally:
        d.stop()

    # max_clients
    d = Daemon({"max_clients": 3})
    try:
        clients = [Client(path=d.rw) for _ in range(3)]
        for c in clients:
            c.open("test:///default")
        extra = Client(path=d.rw)
        t.ok(extra.closed(5), "the client over max_clients is disconnected")
        st, _ = clients[0].call("CONNECT_GET_TYPE")
        t.ok(st == OK, "the admitted clients keep working")
        for c in clients:
            c.close()
        time.sleep(0.5)
        again = Client(path=d.rw)
        again.open("test:///default")
        t.ok(True, "a slot frees when a client leaves")
        again.close()
        t.ok("max_clients (3) reached" in d.log(), "the refusal is logged")
    finally:
        d.stop()
    return t.done()


def struct_uhyper(v):
    import struct
    return struct.pack(">Q", v)


if __name__ == "__main__":
    sys.exit(main())
