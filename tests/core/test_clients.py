#!/usr/bin/env python3
"""test_clients.py: applications built against our headers and against
Debian's /usr/include/libvirt headers (and, when installed, linked against
Debian's libvirt.so) all run on our libvirt.so.0: a plain one, and one of
the companion libraries libvirt-qemu.so.0 and libvirt-lxc.so.0.

Usage: test_clients.py CC BUILD_ROOT SOURCE_ROOT [EXTRA_CFLAGS]
(EXTRA_CFLAGS: the sanitizer flags of a sanitized build). Output is TAP."""
import os
import subprocess
import sys
import tempfile

DEBIAN_LIB = "/usr/lib/x86_64-linux-gnu"


def main(argv):
    cc, build, src = argv[1], argv[2], argv[3]
    extra = argv[4].split() if len(argv) > 4 and argv[4] else []
    companion_dir = os.path.join(build, "core", "companion")
    clients = [(os.path.join(src, "tests", "core", "abi_client.c"), "", []),
               (os.path.join(src, "tests", "core", "companion_client.c"), "companion-",
                ["-lvirt-qemu", "-lvirt-lxc"])]
    variants = [
        # our generated headers first, then the hand-written ones
        ("ours-headers", ["-I" + os.path.join(build, "abi", "include"),
                          "-I" + os.path.join(src, "abi", "include"),
                          "-L" + os.path.join(build, "core"), "-L" + companion_dir, "-lvirt"]),
        # Debian's headers, none of ours, linked against our library
        ("debian-headers", ["-L" + os.path.join(build, "core"), "-L" + companion_dir, "-lvirt"]),
        # built exactly like a Debian application, then run on ours
        ("debian-binary", ["-L" + DEBIAN_LIB, "-lvirt"]),
    ]
    failed = 0
    n = 0
    env = dict(os.environ, LD_LIBRARY_PATH=os.path.join(build, "core") + ":" + companion_dir)
    with tempfile.TemporaryDirectory(prefix="virt-clients-") as tmp:
        for client, prefix, libs, name, args in [c + v for c in clients for v in variants]:
            name = prefix + name
            args = args + libs
            n += 1
            if name.endswith("debian-binary") and not os.path.exists(os.path.join(DEBIAN_LIB, "libvirt.so")):
                print("ok %d - %s # SKIP libvirt-dev not installed" % (n, name))
                continue
            exe = os.path.join(tmp, name)
            r = subprocess.run([cc, "-std=c11", "-Wall", "-Werror"] + extra +
                               ["-o", exe, client] + args, capture_output=True, text=True)
            if r.returncode != 0:
                print("not ok %d - %s: compiles and links" % (n, name))
                for line in (r.stdout + r.stderr).splitlines():
                    print("#   " + line)
                failed = 1
                continue
            r = subprocess.run([exe], capture_output=True, text=True, env=env)
            out = r.stdout + r.stderr
            for line in out.splitlines():
                print("# " + line)
            libs_used = [line[len("library "):] for line in out.splitlines()
                         if line.startswith("library ")]
            lib = " ".join(libs_used)
            ours = bool(libs_used) and all(
                os.path.realpath(p).startswith(os.path.realpath(os.path.join(build, "core")) + "/")
                for p in libs_used)
            if r.returncode == 0 and ours and "PASSED" in out.splitlines():
                print("ok %d - %s" % (n, name))
            else:
                print("not ok %d - %s (exit %d, library '%s')" % (n, name, r.returncode, lib))
                failed = 1
    print("1..%d" % n)
    return failed


if __name__ == "__main__":
    sys.exit(main(sys.argv))
