#!/usr/bin/env python3
"""doc_slots.py: the table "Which slots virsh commands use" of
docs/module-authors.md against what our virsh really calls.

Each row's command runs on test:///default with the core's API log on
(category core.api); every public function logged is turned into the
module slot that serves it (abi/libvirt.api: ROLE other than core, the
slot named after the function, or after its via= target), and the set
must equal the row's. Prints TAP. With --print, prints the rows instead
(to write the table after a change).
  doc_slots.py [--print] DOC API_FILE VIRSH"""
import os
import re
import subprocess
import sys

# Called by every command on opening its connection; the table says so once.
EVERY_COMMAND = {"connectSetKeepAlive"}


def slot_name(func):
    name = func[3:] if func.startswith("vir") else func
    return name[0].lower() + name[1:]


def read_slots(api_file):
    """public function -> slot name, for dispatched functions only"""
    slots = {}
    for line in open(api_file):
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("@"):
            continue
        parts = line.split(None, 3)
        if len(parts) < 4 or parts[1] == "core":
            continue
        m = re.search(r"via=(\w+)\(", line)
        f = re.search(r"(\w+)\(", line[m.end():] if m else parts[3])
        if not f:
            continue
        slots[f.group(1)] = slot_name(m.group(1) if m else f.group(1))
    return slots


def read_table(doc):
    """the rows of the table under the heading naming virsh commands"""
    rows, inside = [], False
    for line in open(doc):
        if line.startswith("#"):
            inside = "slots" in line.lower() and "virsh" in line.lower()
            continue
        m = re.match(r"\|\s*`virsh ([^`]+)`\s*\|(.*)\|\s*$", line)
        if inside and m:
            rows.append((m.group(1), set(re.findall(r"`(\w+)`", m.group(2)))))
    return rows


def used_slots(virsh, command, slots):
    env = dict(os.environ, LIBVIRT_LOG_FILTERS="1:core.api", LIBVIRT_LOG_OUTPUTS="1:stderr",
               LIBVIRT_DEBUG="")
    p = subprocess.run([virsh, "-c", "test:///default"] + command.split(), env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=30)
    called = set(re.findall(r" : (vir\w+):\d+ : ", p.stderr))
    return p.returncode, {slots[f] for f in called if f in slots} - EVERY_COMMAND


def main(argv):
    printing = argv[0] == "--print"
    if printing:
        argv = argv[1:]
    doc, api_file, virsh = argv
    slots = read_slots(api_file)
    rows = read_table(doc)
    if printing:
        for command, _ in rows:
            _, used = used_slots(virsh, command, slots)
            print("| `virsh %s` | %s |" % (command, ", ".join("`%s`" % s for s in sorted(used))))
        return 0
    n = failed = 0
    if not rows:
        print("not ok 1 - the document has a table of virsh commands and their slots")
        print("1..1")
        return 1
    for command, listed in rows:
        n += 1
        rc, used = used_slots(virsh, command, slots)
        if rc == 0 and used == listed:
            print("ok %d - virsh %s uses the slots the document lists" % (n, command))
        else:
            failed += 1
            print("not ok %d - virsh %s uses the slots the document lists" % (n, command))
            print("# exit %d; missing from the document: %s; listed but unused: %s"
                  % (rc, sorted(used - listed), sorted(listed - used)))
    print("1..%d" % n)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
