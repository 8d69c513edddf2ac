#!/usr/bin/env python3
"""embed.py IN OUT NAME: write a C header defining `static const char NAME[]`
holding the text of IN, so a data file ships inside a binary."""
import sys


def main(argv):
    src, out, name = argv[1], argv[2], argv[3]
    with open(src, encoding="utf-8") as f:
        text = f.read()
    lines = ["/* Generated from %s by abi/gen/embed.py. Do not edit. */" % src.split("/")[-1],
             "static const char %s[] =" % name]
    for line in text.splitlines(True):
        esc = line.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        lines.append('    "%s"' % esc)
    lines[-1] += ";"
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
