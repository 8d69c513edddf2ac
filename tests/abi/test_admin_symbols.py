#!/usr/bin/env python3
"""test_admin_symbols.py: libvirt-admin.so.0's exports against Debian's.

Usage: test_admin_symbols.py OURS THEIRS. Every public symbol (version
nodes LIBVIRT_ADMIN_<number>) must be exported by both under the same
node, the soname must agree, and ours must need libvirt.so.0 as Debian's
does. Debian's private nodes (its own XDR codecs and classes) are not
part of the ABI. Output is TAP."""
import re
import subprocess
import sys


def exports(path):
    out = subprocess.run(["objdump", "-T", path], capture_output=True, text=True, check=True).stdout
    syms = {}
    for line in out.splitlines():
        m = re.search(r"\s(LIBVIRT_ADMIN_\d[\w.]*)\s+(\w+)$", line)
        if m and m.group(2) != m.group(1):       # the node's own entry is no symbol
            syms[m.group(2)] = m.group(1)
    return syms


def dynamic(path, key):
    out = subprocess.run(["objdump", "-p", path], capture_output=True, text=True, check=True).stdout
    return [line.split()[1] for line in out.splitlines() if line.split()[:1] == [key]]


def main(ours, theirs):
    n, failed = 0, 0

    def ok(cond, name, detail=""):
        nonlocal n, failed
        n += 1
        failed += not cond
        print("%sok %d - %s" % ("" if cond else "not ", n, name))
        if not cond and detail:
            print("#   " + detail)

    a, b = exports(ours), exports(theirs)
    ok(len(b) == 32, "Debian's library exports 32 public functions", str(len(b)))
    missing = sorted(set(b) - set(a))
    extra = sorted(set(a) - set(b))
    ok(not missing, "every public symbol of Debian's is ours", " ".join(missing))
    ok(not extra, "no public symbol Debian's lacks", " ".join(extra))
    wrong = sorted(s for s in set(a) & set(b) if a[s] != b[s])
    ok(not wrong, "the same version node for each", " ".join("%s %s/%s" % (s, a[s], b[s]) for s in wrong))
    ok(dynamic(ours, "SONAME") == dynamic(theirs, "SONAME"), "the soname is Debian's",
       "%s %s" % (dynamic(ours, "SONAME"), dynamic(theirs, "SONAME")))
    ok("libvirt.so.0" in dynamic(ours, "NEEDED"), "ours needs libvirt.so.0, as Debian's does")
    print("1..%d" % n)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
