#!/usr/bin/env python3
"""rngdict.py SCHEMA.rng OUTPUT.dict: a libFuzzer dictionary from a RelaxNG
schema: every element as an open and a close tag, every attribute as
' name="', and every literal value, so that mutations speak the format."""
import sys
import xml.etree.ElementTree as ET

RNG = "{http://relaxng.org/ns/structure/1.0}"


def quote(text):
    out = []
    for ch in text:
        if ch in '"\\' or not (0x20 <= ord(ch) < 0x7f):
            out.append("\\x%02x" % ord(ch) if ord(ch) < 0x100 else "")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: rngdict.py SCHEMA.rng OUTPUT.dict\n")
        return 2
    root = ET.parse(argv[1]).getroot()
    words = set()
    for el in root.iter(RNG + "element"):
        name = el.get("name")
        if name:
            words.update(["<%s>" % name, "<%s " % name, "</%s>" % name])
    for at in root.iter(RNG + "attribute"):
        name = at.get("name")
        if name:
            words.add(' %s="' % name)
    for val in root.iter(RNG + "value"):
        if val.text and val.text.strip():
            words.add(val.text.strip())
    with open(argv[2], "w", encoding="utf-8") as f:
        f.write("# generated from %s by tests/fuzz/rngdict.py\n" % argv[1].rsplit("/", 1)[-1])
        for w in sorted(words):
            f.write(quote(w) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
