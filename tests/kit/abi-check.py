#!/usr/bin/env python3
"""abi-check.py: the ABI guard. Compare fresh objects against the committed
abidw baselines with abidiff and fail on any incompatible change.

    abi-check.py SUPPRESSIONS BASELINE.abi OBJECT [BASELINE.abi OBJECT ...]

abidiff runs in leaf mode (each changed type reported once) with
abi/baseline/abidiff.suppr. What abidiff still reports is then judged by
our compatibility rules:
  - added functions, variables and symbols: compatible;
  - removed or changed functions, variables or symbols: incompatible;
  - a virt* contract structure (virtCoreServices, virtModuleDescriptor,
    virt*Table) that only grew, with every new member at or past its old
    end: compatible (each carries its size, readers never go past it);
  - an enum that only gained enumerators, or whose *_LAST sentinel moved:
    compatible;
  - any other type change (a public struct such as virDomainInfo resized
    or reordered, a member retyped, removed or moved): incompatible.
Prints TAP; exit status 0 when every pair is compatible."""
import re
import shutil
import subprocess
import sys

GROWABLE = re.compile(r"^virt(CoreServices|ModuleDescriptor|[A-Za-z]*Table)$")


def judge_block(head, lines):
    """Problems in one "'KIND NAME at FILE' changed:" block of the report."""
    m = re.match(r"^'(struct|enum|union|typedef|class)? ?([^ ']+)[^']*' changed:$", head)
    if not m:
        return ["unexpected change: " + head]
    kind, name = m.group(1), m.group(2)
    problems = []
    if kind == "struct" and GROWABLE.match(name):
        old = new = None
        section = None
        for line in lines:
            s = line.strip()
            size = re.match(r"type size changed from (\d+) to (\d+)", s)
            if size:
                old, new = int(size.group(1)), int(size.group(2))
                if new < old:
                    problems.append("%s shrank from %d to %d bits" % (name, old, new))
                continue
            if re.match(r"\d+ data member insertions?:", s):
                section = "insert"
                continue
            if section == "insert" and s.startswith("'"):
                off = re.search(r"at offset (\d+) \(in bits\)", s)
                if old is None or not off or int(off.group(1)) < old:
                    problems.append("%s: member inserted before the old end: %s" % (name, s))
                continue
            section = None
            problems.append("%s: %s" % (name, s))
        return problems
    if kind == "enum":
        section = None
        for line in lines:
            s = line.strip()
            if s == "type size hasn't changed":
                continue
            if re.match(r"\d+ enumerator insertions?:", s):
                section = "insert"
                continue
            if re.match(r"\d+ enumerator changes?:", s):
                section = "change"
                continue
            if section == "insert" and s.startswith("'"):
                continue
            if section == "change" and re.match(r"^'[^']*_LAST' from value", s):
                continue
            section = None
            problems.append("enum %s: %s" % (name, s))
        return problems
    return ["%s %s changed: %s" % (kind or "type", name, "; ".join(l.strip() for l in lines))]


def judge(report):
    problems = []
    for line in report.splitlines():
        if "summary:" in line:
            for count, what in re.findall(r"(\d+) (Removed|Changed)", line):
                if int(count):
                    problems.append(line.strip())
                    break
    blocks, head, body = [], None, []
    for line in report.splitlines():
        if line and not line[0].isspace():
            if head:
                blocks.append((head, body))
            head, body = line, []
        elif head is not None:
            body.append(line)
    if head:
        blocks.append((head, body))
    for head, body in blocks:
        if "summary:" in head or re.match(r"^\d+ Added ", head):
            continue
        if re.match(r"^\d+ (Removed|Changed) ", head):
            problems.extend("  " + l.strip() for l in body if l.strip())
            continue
        problems.extend(judge_block(head, [l for l in body if l.strip()]))
    return problems


def has_debug_info(path):
    out = subprocess.run(["readelf", "-S", "-W", path], capture_output=True, text=True).stdout
    return ".debug_info" in out


# Canned abidiff reports (leaf mode) and whether each is compatible: the
# rules above, checked without abidiff.
SUMMARY = ("Removed/Changed/Added functions summary: 0 Removed, 0 Changed, %s Added function\n"
           "Removed/Changed/Added variables summary: 0 Removed, 0 Changed, 0 Added variable\n\n")
CASES = [
    ("functions added", True, SUMMARY % "2" +
     "2 Added functions:\n\n  [A] 'function int virA(virConnectPtr)'    {virA@@LIBVIRT_1.0.0}\n"
     "  [A] 'function int virB(virConnectPtr)'    {virB@@LIBVIRT_1.0.0}\n"),
    ("a table grows at its end", True, SUMMARY % "0" +
     "'struct virtHypervisorTable at virt-module.h:121:1' changed:\n"
     "  type size changed from 3392 to 3456 (in bits)\n  1 data member insertion:\n"
     "    'int (typedef virConnectPtr)* extraSlot', at offset 3392 (in bits)\n"),
    ("a slot inserted in the middle", False, SUMMARY % "0" +
     "'struct virtHypervisorTable at virt-module.h:121:1' changed:\n"
     "  type size changed from 3392 to 3456 (in bits)\n  1 data member insertion:\n"
     "    'int (typedef virConnectPtr)* extraSlot', at offset 64 (in bits)\n"
     "  there are data member changes:\n"
     "    'const char* (typedef virConnectPtr)* connectGetType' offset changed from 64 to 128 (in bits) (by +64 bits)\n"),
    ("a service removed", False, SUMMARY % "0" +
     "'struct virtCoreServices at virt-module.h:87:1' changed:\n"
     "  type size changed from 960 to 896 (in bits)\n  1 data member deletion:\n"
     "    'int (typedef virConnectPtr)* conn_readonly', at offset 192 (in bits)\n"),
    ("a public struct grows", False, SUMMARY % "0" +
     "'struct _virNodeInfo at libvirt-host.h:21:1' changed:\n"
     "  type size changed from 512 to 576 (in bits)\n  1 data member insertion:\n"
     "    'unsigned int extra', at offset 512 (in bits)\n"),
    ("an enumerator appended, LAST moves", True, SUMMARY % "0" +
     "'enum virtRole at virt-module.h:47:1' changed:\n  type size hasn't changed\n"
     "  1 enumerator insertion:\n    'virtRole::VIRT_ROLE_STORAGE' value '3'\n"
     "  1 enumerator change:\n    'virtRole::VIRT_ROLE_LAST' from value '3' to '4'\n"),
    ("an enumerator renumbered", False, SUMMARY % "0" +
     "'enum virtRole at virt-module.h:47:1' changed:\n  type size hasn't changed\n"
     "  1 enumerator change:\n    'virtRole::VIRT_ROLE_NETWORK' from value '1' to '2'\n"),
    ("a function removed", False,
     "Removed/Changed/Added functions summary: 1 Removed, 0 Changed, 0 Added function\n\n"
     "1 Removed function:\n\n  [D] 'function char* virConnectGetHostname(virConnectPtr)'\n"),
]


def self_test():
    print("1..%d" % len(CASES))
    failed = 0
    for i, (desc, compatible, report) in enumerate(CASES):
        problems = judge(report)
        if (not problems) == compatible:
            print("ok %d - %s: %s" % (i + 1, desc, "compatible" if compatible else "incompatible"))
        else:
            failed += 1
            print("not ok %d - %s" % (i + 1, desc))
            for p in problems:
                print("#   " + p)
    return 1 if failed else 0


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    suppr, pairs = sys.argv[1], sys.argv[2:]
    abidiff = shutil.which("abidiff")
    n = len(pairs) // 2
    print("1..%d" % n)
    failed = 0
    for i in range(n):
        base, obj = pairs[2 * i], pairs[2 * i + 1]
        desc = "%s against %s" % (obj.rsplit("/", 1)[-1], base.rsplit("/", 1)[-1])
        if not abidiff:
            print("ok %d - %s # SKIP abidiff not installed (apt-get install abigail-tools)" % (i + 1, desc))
            continue
        if not has_debug_info(obj):
            print("ok %d - %s # SKIP built without debug information" % (i + 1, desc))
            continue
        run = subprocess.run([abidiff, "--leaf-changes-only", "--no-show-locs",
                              "--suppressions", suppr, base, obj], capture_output=True, text=True)
        if run.returncode & 3:   # bit 0: error, bit 1: usage
            failed += 1
            print("not ok %d - %s # abidiff failed (status %d)" % (i + 1, desc, run.returncode))
            for l in (run.stdout + run.stderr).splitlines():
                print("# " + l)
            continue
        problems = judge(run.stdout)
        if problems:
            failed += 1
            print("not ok %d - %s: incompatible ABI change" % (i + 1, desc))
            for p in problems:
                print("#   " + p)
            print("# (an intended change: tools/update-abi-baseline.sh; full report below)")
            for l in run.stdout.splitlines():
                print("# " + l)
        else:
            print("ok %d - %s" % (i + 1, desc))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
