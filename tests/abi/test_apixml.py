#!/usr/bin/env python3
"""test_apixml.py: our generated API description against libvirt's.

Usage: test_apixml.py OURS.xml REFERENCE.xml [PC_DIR INSTALLED_PATH].
Output is TAP. With PC_DIR, the libvirt.pc there must name INSTALLED_PATH
in its libvirt_api variable, as bindings look the file up that way. For each kind
of symbol (macro, enum, typedef, struct, callback type, variable, function)
every name of the reference is in ours and none is extra, and each common
symbol has the same machine-readable facts: enum value and type, macro
parameters and string or numeric value, typedef type, struct type and
fields (recursively), the module, return type, argument names and types of
functions, and which arguments the prose marks "(optional)". Prose (info, summaries) and the file and version attributes may
differ.
Every mismatch is printed by name. Without the reference, the comparison
is skipped and only the well-formedness checks run."""
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

results = []

# Reference items we deliberately do not describe, each with its reason.
EXCLUDED = {}


def check(ok, name, detail=()):
    results.append(ok)
    print("%sok %d - %s" % ("" if ok else "not ", len(results), name))
    if not ok:
        for line in detail:
            print("#   " + line)


def number(raw):
    """The integer a macro body stands for, or None."""
    if raw is None:
        return None
    text = re.sub(r"/\*.*?\*/", "", raw).strip()
    text = re.sub(r"(\d+)(ULL|LL|UL|U|L)\b", r"\1", text)
    if not re.match(r"^[\d\s()+\-*<>|x]+$", text):
        return None
    try:
        return int(eval(text, {"__builtins__": {}}))
    except Exception:
        return None


def fields(el):
    out = []
    for f in el.findall("field"):
        sub = f.find("union")
        out.append((f.get("name"), f.get("type"), fields(sub) if sub is not None else []))
    return out


def facts(kind, el):
    """What of one symbol must agree; prose and placement are left out."""
    if kind == "macro":
        raw = el.get("raw")
        return {"params": el.get("params"), "string": el.get("string"),
                "value": number(raw) if el.get("string") is None else None}
    if kind == "enum":
        return {"value": el.get("value"), "type": el.get("type")}
    if kind in ("typedef", "variable"):
        return {"type": el.get("type")}
    if kind == "struct":
        return {"type": el.get("type"), "fields": fields(el)}
    ret = el.find("return")
    # the module decides what a binding wraps (libvirt-python skips the
    # typed-parameter helpers by theirs), so it must agree too
    return {"module": el.get("module"),
            "return": ret.get("type") if ret is not None else None,
            "args": [(a.get("name"), a.get("type"), optional(a)) for a in el.findall("arg")]}


def optional(arg):
    """libvirt-python lets a caller omit an argument whose prose starts by
    calling it optional: that much of the prose is machine-read."""
    return re.match(r"^\(?optional", arg.get("info") or "") is not None


def table(root, kind):
    syms = root.find("symbols")
    return dict((el.get("name"), el) for el in syms.findall(kind))


def compare(kind, ours, ref):
    missing = sorted(n for n in ref if n not in ours and n not in EXCLUDED)
    extra = sorted(n for n in ours if n not in ref)
    check(not missing, "%s: every one of the reference's %d is described" % (kind, len(ref)),
          ["missing %s %s" % (kind, n) for n in missing])
    check(not extra, "%s: none the reference lacks" % kind,
          ["extra %s %s" % (kind, n) for n in extra])
    differ = []
    for n in sorted(set(ours) & set(ref)):
        a, b = facts(kind, ours[n]), facts(kind, ref[n])
        for key in b:
            if a.get(key) != b[key]:
                differ.append("%s %s: %s is %r, reference %r" % (kind, n, key, a.get(key), b[key]))
    check(not differ, "%s: each matches the reference" % kind, differ)


def exports(root):
    return set((e.get("symbol"), e.get("type"))
               for e in root.iter("exports"))


def main(argv):
    ours_path, ref_path = argv[1], argv[2]
    try:
        ours = ET.parse(ours_path).getroot()
        ok, why = True, ""
    except ET.ParseError as e:
        ok, why = False, str(e)
    check(ok, "%s is well-formed XML" % os.path.basename(ours_path), [why])
    if not ok:
        print("1..%d" % len(results))
        return 1
    # libvirt-api.xml describes 'libvirt', libvirt-qemu-api.xml 'libvirt-qemu', ...
    apiname = re.sub(r"-api\.xml$", "", os.path.basename(ours_path))
    check(ours.tag == "api" and ours.get("name") == apiname
          and ours.find("files") is not None and ours.find("symbols") is not None,
          "<api name='%s'> with <files> and <symbols>" % apiname)
    # every exported name is a described symbol, and every symbol exported
    described = set()
    for el in ours.find("symbols"):
        described.add(el.get("name"))
    listed = set(s for s, t in exports(ours) if t != "struct")
    check(listed == described, "the files export exactly the described symbols",
          ["exported, not described: %s" % n for n in sorted(listed - described)] +
          ["described, not exported: %s" % n for n in sorted(described - listed)])
    if len(argv) > 4:
        env = dict(os.environ, PKG_CONFIG_PATH=argv[3], PKG_CONFIG_LIBDIR=argv[3])
        # libvirt.pc's libvirt_api, libvirt-qemu.pc's libvirt_qemu_api, ...
        pc = ours.get("name")
        var = pc.replace("-", "_") + "_api"
        p = subprocess.run(["pkg-config", "--variable=" + var, pc],
                           capture_output=True, text=True, env=env)
        check(p.returncode == 0 and p.stdout.strip() == argv[4],
              "%s.pc: %s is %s" % (pc, var, argv[4]),
              ["pkg-config said %r (%s)" % (p.stdout.strip(), p.stderr.strip())])
    if not os.path.exists(ref_path):
        print("# skip: reference %s not installed" % ref_path)
    else:
        ref = ET.parse(ref_path).getroot()
        for kind in ("macro", "enum", "typedef", "struct", "functype", "variable", "function"):
            compare(kind, table(ours, kind), table(ref, kind))
        a, b = exports(ours), exports(ref)
        check(a == b, "the files export what the reference's do (%d)" % len(b),
              ["missing export %s (%s)" % s for s in sorted(b - a)] +
              ["extra export %s (%s)" % s for s in sorted(a - b)])
    print("1..%d" % len(results))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
