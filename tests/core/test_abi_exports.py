#!/usr/bin/env python3
"""test_abi_exports.py: the dynamic symbols of libvirt.so.0 (or of a
companion library) match the API description, and its version nodes are
chained as libvirt chains them.

Usage: test_abi_exports.py LIBRARY SYMBOLS_TXT [REFERENCE_LIBRARY]

SYMBOLS_TXT is the build's abi/libvirt-symbols.txt ("NAME NODE" per line),
or abi/libvirt-qemu-symbols.txt and so on. The soname and the first node
expected follow from LIBRARY's file name. REFERENCE_LIBRARY is Debian's
copy, used to compare version chains when it is installed. A node whose
name is not PREFIX_<digit>... is private (our core's helpers for the
companion libraries): it has no parent and no counterpart in the
reference. Output is TAP."""
import os
import re
import subprocess
import sys

results = []

# The oldest version node of each library we build.
FIRST_NODE = {
    "libvirt.so.0": "LIBVIRT_0.0.3",
    "libvirt-qemu.so.0": "LIBVIRT_QEMU_0.8.3",
    "libvirt-lxc.so.0": "LIBVIRT_LXC_1.0.2",
}


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

    soname = re.match(r"^(.*\.so\.\d+)", os.path.basename(lib)).group(1)
    prefix = FIRST_NODE[soname].rsplit("_", 1)[0] + "_"
    dyn = readelf("-d", lib)
    m = re.search(r"\(SONAME\)\s+Library soname: \[(.*)\]", dyn)
    check(m is not None and m.group(1) == soname, "soname is " + soname,
          m.group(1) if m else "no SONAME")

    described = {}
    with open(symfile) as f:
        for line in f:
            if line.strip():
                name, node = line.split()
                described[name] = node
    check(len(described) > 0, "the description lists symbols")

    syms = exported(lib)
    alldefs = version_defs(lib)
    allnodes = [d[0] for d in alldefs]

    def is_public(node):
        return re.match(r"^%s\d" % re.escape(prefix), node) is not None

    defs = [d for d in alldefs if is_public(d[0])]
    nodes = [d[0] for d in defs]
    private = [d for d in alldefs if not is_public(d[0])]
    check(all(parent is None for _, parent in private),
          "private nodes (%s) inherit nothing" % " ".join(n for n, _ in private) or "none",
          "\n".join("%s inherits %s" % d for d in private if d[1]))

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
        if name in allnodes and ndx == "ABS" and node in (None, name):
            continue   # the definition of a version node
        extra.append("%s@%s (%s)" % (name, node, kind))
    check(not extra, "nothing else is exported", "\n".join(extra))

    used = sorted(set(described.values()) - set(allnodes))
    check(not used, "every node used by a symbol is defined", "\n".join(used))

    chain = []
    for i, (node, parent) in enumerate(defs):
        want = defs[i - 1][0] if i else None
        if parent != want:
            chain.append("%s inherits %s, expected %s" % (node, parent, want))
    check(not chain and nodes and nodes[0] == FIRST_NODE[soname],
          "each version node inherits the one before it, from " + FIRST_NODE[soname],
          "\n".join(chain))

    if ref and os.path.exists(ref):
        refdefs = version_defs(ref)
        refnodes = [d[0] for d in refdefs if is_public(d[0])]
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
        absent = [n for n in sorted(described) if n not in refsyms and is_public(described[n])]
        check(not diff and not absent, "every symbol has the reference's version node",
              "\n".join(diff + ["%s: not in the reference" % n for n in absent]))
    else:
        print("# reference library not installed: chain comparison skipped")

    print("1..%d" % len(results))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
