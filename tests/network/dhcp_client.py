"""dhcp_client.py IFACE MAC [BEYOND]: one DHCP exchange (DISCOVER, OFFER, REQUEST,
ACK) on IFACE with hardware address MAC, for tests/network. Runs in a
network namespace of its own that IFACE is moved into: it prints "ready",
waits for a line on stdin (IFACE is here), then prints the address it was
given, whether the server answers a ping from it and (with BEYOND, through
the router DHCP gave, else the server) whether BEYOND does; or an error,
and exits 1."""
import os
import random
import socket
import struct
import subprocess
import sys
import time

COOKIE = b"\x63\x82\x53\x63"


def packet(xid, mac, msgtype, extra=b""):
    head = struct.pack("!BBBBIHH4s4s4s4s16s64s128s", 1, 1, 6, 0, xid, 0, 0x8000, b"\0" * 4, b"\0" * 4,
                       b"\0" * 4, b"\0" * 4, mac + b"\0" * 10, b"", b"")
    return head + COOKIE + bytes([53, 1, msgtype]) + extra + bytes([55, 2, 1, 3, 255])


def options(data):
    opts, i = {}, 240
    while i < len(data) and data[i] != 255:
        if data[i] == 0:
            i += 1
            continue
        opts[data[i]] = data[i + 2:i + 2 + data[i + 1]]
        i += 2 + data[i + 1]
    return opts


def wait_reply(s, xid, want, deadline):
    while time.time() < deadline:
        try:
            data = s.recv(2048)
        except socket.timeout:
            return None
        if len(data) > 240 and struct.unpack("!I", data[4:8])[0] == xid and options(data).get(53) == bytes([want]):
            return data
    return None


def main():
    iface, mac = sys.argv[1], bytes.fromhex(sys.argv[2].replace(":", ""))
    # the test moves IFACE in once this namespace exists, then says so
    print("ready", flush=True)
    sys.stdin.readline()
    deadline = time.time() + 15
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    subprocess.run(["ip", "link", "set", iface, "up"], check=True)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, iface.encode())
    s.bind(("0.0.0.0", 68))
    s.settimeout(1)
    xid = random.getrandbits(32)
    offer = None
    # the bridge port may still be learning: ask again until the deadline
    while offer is None and time.time() < deadline:
        s.sendto(packet(xid, mac, 1), ("255.255.255.255", 67))
        offer = wait_reply(s, xid, 2, time.time() + 1)
    if offer is None:
        print("no DHCPOFFER")
        return 1
    yiaddr = offer[16:20]
    server = options(offer).get(54, b"")
    s.sendto(packet(xid, mac, 3, bytes([50, 4]) + yiaddr + bytes([54, len(server)]) + server),
             ("255.255.255.255", 67))
    ack = wait_reply(s, xid, 5, time.time() + 5)
    if ack is None:
        print("no DHCPACK")
        return 1
    addr = socket.inet_ntoa(yiaddr)
    # the guest side then reaches the host side of the bridge
    subprocess.run(["ip", "addr", "add", addr + "/24", "dev", iface], check=True)
    words = [addr, "ping-ok" if ping(socket.inet_ntoa(server)) else "ping-failed"]
    # and, through the router DHCP named (or the server, for a guest that
    # tries anyway: only the host's firewall stops it then), the address beyond
    router = options(ack).get(3) or server
    if len(sys.argv) > 3:
        subprocess.run(["ip", "route", "add", "default", "via", socket.inet_ntoa(router[:4])], check=True)
        words.append("beyond-ok" if ping(sys.argv[3]) else "beyond-failed")
    print(" ".join(words))
    return 0


def ping(addr):
    return subprocess.run(["ping", "-c", "1", "-W", "2", addr], capture_output=True).returncode == 0


if __name__ == "__main__":
    sys.exit(main())
