#!/usr/bin/env python3
"""Drive the interactive virsh shell through a pseudo-terminal: type
commands (with TAB completion) and print everything the terminal showed."""
import os, pty, select, sys, time

virsh, uri = sys.argv[1], sys.argv[2]
# Keystrokes: complete a command name, a domain name, an option, then quit.
keys = [b"dominf\t", b"te\t", b"\r", b"net-inf\t", b"def\t", b"\r",
        b"list --al\t", b"\r", b"uri\r", b"quit\r"]

pid, fd = pty.fork()
if pid == 0:
    os.environ["TERM"] = "dumb"
    os.execv(virsh, [virsh, "-c", uri])

seen = b""
def drain(timeout):
    global seen
    end = time.time() + timeout
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                data = os.read(fd, 4096)
            except OSError:
                return False
            if not data:
                return False
            seen += data
    return True

drain(1.0)
for k in keys:
    os.write(fd, k)
    drain(0.4)
drain(1.0)
_, status = os.waitpid(pid, 0)
sys.stdout.write(seen.decode("utf-8", "replace").replace("\r", ""))
sys.stdout.write("\nEXIT %d\n" % os.waitstatus_to_exitcode(status))
