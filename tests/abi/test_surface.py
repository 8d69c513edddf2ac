#!/usr/bin/env python3
"""test_surface.py: libvirt.so.0 exports the whole public surface of the
reference libvirt.so.0 (same names, same version nodes), and Debian's
python3-libvirt, linked with BIND_NOW, imports and runs on it.

Usage: test_surface.py OUR_LIBRARY REFERENCE_LIBRARY. Output is TAP; parts
whose reference is not installed are skipped."""
import glob
import os
import re
import subprocess
import sys

results = []


def check(ok, name, detail=""):
    results.append(ok)
    print("%sok %d - %s" % ("" if ok else "not ", len(results), name))
    if not ok and detail:
        for line in str(detail).splitlines()[:40]:
            print("#   " + line)


def public(lib):
    """{name: node} of the public (LIBVIRT_<digit>) symbols a library defines."""
    out = subprocess.run(["objdump", "-T", lib], capture_output=True, text=True, check=True).stdout
    syms = {}
    for line in out.splitlines():
        f = line.split()
        if len(f) >= 2 and re.match(r"^LIBVIRT_\d", f[-2]) and "*UND*" not in line:
            if f[-1] != f[-2]:          # skip the node definitions themselves
                syms[f[-1]] = f[-2]
    return syms


def needed(module):
    """{name: node} of the libvirt symbols a binary imports."""
    out = subprocess.run(["objdump", "-T", module], capture_output=True, text=True, check=True).stdout
    syms = {}
    for line in out.splitlines():
        f = line.split()
        if "*UND*" in line and len(f) >= 2 and re.match(r"^\(?LIBVIRT_\d", f[-2]):
            syms[f[-1]] = f[-2].strip("()")
    return syms


def main(argv):
    ours_lib, ref_lib = argv[1], argv[2]
    ours = public(ours_lib)
    if os.path.exists(ref_lib):
        ref = public(ref_lib)
        missing = sorted(n for n in ref if n not in ours)
        extra = sorted(n for n in ours if n not in ref)
        moved = sorted("%s: ours %s, reference %s" % (n, ours[n], ref[n])
                       for n in ref if n in ours and ours[n] != ref[n])
        check(not missing, "every public symbol of the reference is exported (%d)" % len(ref),
              "\n".join(missing))
        check(not extra, "no public symbol the reference lacks", "\n".join(extra))
        check(not moved, "each symbol sits on the reference's version node", "\n".join(moved))
    else:
        print("# skip: reference library %s not installed" % ref_lib)

    mods = glob.glob("/usr/lib/python3/dist-packages/libvirtmod*.so")
    if not mods:
        print("# skip: python3-libvirt not installed")
    else:
        need = {}
        for mod in mods:            # libvirtmod and its qemu/lxc siblings
            need.update(needed(mod))
        lack = sorted("%s@%s" % (n, v) for n, v in need.items() if ours.get(n) != v)
        check(not lack, "every symbol libvirtmod binds (%d) is exported with its node" % len(need),
              "\n".join(lack))
        env = dict(os.environ, LD_LIBRARY_PATH=os.path.dirname(os.path.abspath(ours_lib)))
        code = ("import libvirt\n"
                "print(libvirt.getVersion())\n"
                "try:\n"
                "    libvirt.open('nosuchscheme:///x')\n"
                "except libvirt.libvirtError as e:\n"
                "    print('error', e.get_error_code())\n")
        r = subprocess.run(["/usr/bin/python3", "-c", code], capture_output=True, text=True, env=env)
        lines = r.stdout.split()
        check(r.returncode == 0 and lines[:1] and lines[0].isdigit(),
              "Debian's python3-libvirt imports on our library and answers getVersion()",
              r.stdout + r.stderr)
        check(r.returncode == 0 and "error" in lines, "its errors come back as libvirtError",
              r.stdout + r.stderr)

    print("1..%d" % len(results))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
