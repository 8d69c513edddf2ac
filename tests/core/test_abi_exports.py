#!/usr/bin/env python3
"""test_abi_exports.py: the dynamic symbols of libvirt.so.0 match the API
description, and its version nodes are chained as libvirt chains them.

Usage: test_abi_exports.py LIBRARY SYMBOLS_TXT [REFERENCE_LIBRARY]

SYMBOLS_TXT is the build's abi/libvirt-symbols.txt ("NAME NODE" per line).
REFERENCE_LIBRARY is Debian's libvirt.so.0, used to compare version chains
when it is installed. Output is TAP."""
import os
import re
import subprocess
import sys

results = []


def check(ok, name, detail=""):
    results.append(ok)
    print("%sok %d - %s" % ("" if ok else "not ", len(results), name))
    if not ok and detail:
        for line in detail.splitlines()[:40]:
            print("#   " + line)


def readelf(*args):
    return subprocess.run(["readelf", "-W"] + list(args), check=True,
                          capture_output=True, text=True).stdout


def exported(lib):
    """{name: (node, type, default)} for every defined dynamic symbol."""
    out = {}
    for line in readelf("--dyn-syms", lib).splitlines():
        f = line.split()
        if len(f) < 8 or not f[0][:-1].isdigit() or f[6] == "UND":
            continue
        m = re.match(r"^([^@]+)(@@?)?(.*)$", f[7])
        out[m.group(1)] = (m.group(3) or None, f[3], m.group(2) == "@@", f[6])
    return out


def version_defs(lib):
    """[(node, parent or None)] in definition order, without the base entry."""
    defs = []
    for line in readelf("-V", lib).splitlines():
        m = re.search(r"Flags: (\S+)\s+Index: \d+\s+Cnt: \d+\s+Name: (\S+)", line)
        if m:
            if m.group(1) != "BASE":
                defs.append([m.group(2), None])
            continue
        m = re.search(r"Parent 1: (\S+)", line)
        if m and defs:
            defs[-1][1] = m.group(1)
    return [tuple(d) for d in defs]


def main(argv):
    lib, symfile = argv[1], argv[2]
    ref = argv[3] if len(argv) > 3 else None

    dyn = readelf("-d", lib)
    m = re.search(r"\(SONAME\)\s+Library soname: \[(.*)\]", dyn)
    check(m is not None and m.group(1) == "libvirt.so.0", "soname is libvirt.so.0",
          m.group(1) if m else "no SONAME")

    described = {}
    with open(symfile) as f:
        for line in f:
            if line.strip():
                name, node = line.split()
                described[name] = node
    check(len(described) > 0, "the description lists symbols")

    syms = exported(lib)
    defs = version_defs(lib)
    nodes = [d[0] for d in defs]

    wrong = []
    for name, node in sorted(described.items()):
        got = syms.get(name)
        if got is None:
            wrong.append("%s: not exported" % name)
        elif got[0] != node or not got[2]:
            wrong.append("%s: exported as %s%s, described as %s"
                         % (name, "@@" if got[2] else "@", got[0], node))
    check(not wrong, "every described symbol is exported with its version node", "\n".join(wrong))

    extra = []
    for name, (node, kind, default, ndx) in sorted(syms.items()):
        if name in described:
            continue
        if name in nodes and ndx == "ABS" and node in (None, name):
            continue   # the definition of a version node
        extra.append("%s@%s (%s)" % (name, node, kind))
    check(not extra, "nothing else is exported", "\n".join(extra))

    used = sorted(set(described.values()) - set(nodes))
    check(not used, "every node used by a symbol is defined", "\n".join(used))

    chain = []
    for i, (node, parent) in enumerate(defs):
        want = defs[i - 1][0] if i else None
        if parent != want:
            chain.append("%s inherits %s, expected %s" % (node, parent, want))
    check(not chain and nodes and nodes[0] == "LIBVIRT_0.0.3",
          "each version node inherits the one before it, from LIBVIRT_0.0.3", "\n".join(chain))

    if ref and os.path.exists(ref):
        refdefs = version_defs(ref)
        refnodes = [d[0] for d in refdefs if d[0].startswith("LIBVIRT_") and
                    re.match(r"^LIBVIRT_\d", d[0])]
        missing = [n for n in nodes if n not in refnodes]
        check(not missing, "our version nodes all exist in the reference library",
              "\n".join(missing))
        # Same nodes, same order, same parents: the chain is libvirt's, up to
        # the newest node we define.
        upto = refnodes[:refnodes.index(nodes[-1]) + 1] if nodes and nodes[-1] in refnodes else []
        check(upto == nodes, "our chain is the reference chain up to %s" % (nodes[-1] if nodes else "?"),
              "ours: %s\nreference: %s" % (" ".join(nodes), " ".join(upto)))
        refparent = dict(refdefs)
        diff = ["%s: ours %s, reference %s" % (n, p, refparent.get(n))
                for n, p in defs if n in refparent and refparent[n] != p]
        check(not diff, "each node has the reference's parent", "\n".join(diff))
        refsyms = exported(ref)
        diff = ["%s: ours %s, reference %s" % (n, node, refsyms[n][0])
                for n, node in sorted(described.items()) if n in refsyms and refsyms[n][0] != node]
        absent = [n for n in sorted(described) if n not in refsyms]
        check(not diff and not absent, "every symbol has the reference's version node",
              "\n".join(diff + ["%s: not in the reference" % n for n in absent]))
    else:
        print("# reference library not installed: chain comparison skipped")

    print("1..%d" % len(results))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
