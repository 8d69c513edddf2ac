#!/usr/bin/env python3
"""The XDR generator: golden output for a small protocol using every
construct, and one bad protocol per error, each reported with file:line.

Usage: test_xdrgen.py XDRGEN DATA_DIR
"""
import os
import subprocess
import sys
import tempfile

XDRGEN, DATA = sys.argv[1], sys.argv[2]
API = os.path.join(DATA, "golden.api")
count = 0
failed = 0


def report(ok, name, detail=""):
    global count, failed
    count += 1
    if not ok:
        failed += 1
        for line in detail.splitlines():
            print("#   " + line)
    print("%sok %d - %s" % ("" if ok else "not ", count, name))


def run(proto, command, out, api=API):
    return subprocess.run([sys.executable, XDRGEN, proto, api, command, out],
                          capture_output=True, text=True)


with tempfile.TemporaryDirectory() as tmp:
    # Golden output: the generated files must match the reviewed copies.
    for command, name in (("header", "golden_protocol.h"), ("source", "golden_protocol.c"),
                          ("samples", "golden-samples.h")):
        out = os.path.join(tmp, name)
        r = run(os.path.join(DATA, "golden.proto"), command, out)
        with open(os.path.join(DATA, name)) as f:
            want = f.read()
        got = open(out).read() if r.returncode == 0 else r.stderr
        report(r.returncode == 0 and got == want, "golden %s" % command,
               "" if got == want else "output differs from %s:\n%s" % (name, got[:2000]))

    # Procedures missing from the API file count as mutating; ro ones do not.
    src = open(os.path.join(DATA, "golden_protocol.c")).read()
    report('{ 4, "UNKNOWN", "virNotInTheApiFile", true,' in src and
           '{ 3, "GET_THING", "virDemoGetThing", false,' in src and
           '{ 2, "HELLO", NULL, false,' in src, "mutating flags from the API file")

    # The real protocol generates cleanly, warning-free.
    root = os.path.dirname(os.path.dirname(os.path.abspath(XDRGEN)))
    r = run(os.path.join(root, "remote.proto"), "source", os.path.join(tmp, "r.c"),
            api=os.path.join(root, "libvirt.api"))
    report(r.returncode == 0 and r.stderr == "", "abi/remote.proto generates", r.stderr)

    BAD = [
        ("unterminated comment", "const A = 1;\n/* open\n", "bad.proto:2: unterminated comment"),
        ("unexpected character", "const A = 1;\nconst B = 2 + 3;\n", "bad.proto:2: unexpected character '+'"),
        ("not a definition", "\n\nprogram X;\n", "bad.proto:3: expected a definition"),
        ("missing semicolon", "const A = 1\nconst B = 2;\n", "bad.proto:2: expected ';', got 'const'"),
        ("unknown constant", "struct s {\n    int a<NOPE>;\n};\n", "bad.proto:2: unknown constant 'NOPE'"),
        ("unknown type", "struct s {\n    int a;\n    wibble b;\n};\n", "bad.proto:3: unknown type 'wibble'"),
        ("duplicate definition", "const A = 1;\nstruct A {\n    int x;\n};\n",
         "bad.proto:2: 'A' is already defined at line 1"),
        ("duplicate member", "struct s {\n    int a;\n    int a;\n};\n",
         "bad.proto:3: duplicate member 'a' in struct 's'"),
        ("empty struct", "struct s {\n};\n", "bad.proto:1: struct 's' has no members"),
        ("used before definition", "struct a {\n    b inner;\n};\nstruct b {\n    int x;\n};\n",
         "bad.proto:2: type 'b' is used by value before its definition"),
        ("opaque without size", "struct s {\n    opaque data;\n};\n",
         "bad.proto:2: opaque 'data' needs a size"),
        ("void member", "struct s {\n    void;\n};\n", "bad.proto:2: void member in struct 's'"),
        ("duplicate case", "union u switch (int k) {\ncase 1:\n    int a;\ncase 1:\n    int b;\n};\n",
         "bad.proto:4: duplicate case 1 in union 'u'"),
        ("bad discriminant", "struct t {\n    int x;\n};\nunion u switch (t k) {\ncase 1:\n    int a;\n};\n",
         "bad.proto:4: union 'u' discriminant must be"),
        ("duplicate enum value", "enum e {\n    E_A = 1,\n    E_B = 1\n};\n",
         "bad.proto:3: value 1 of 'E_B' already used by 'E_A'"),
        ("procedure prefix", "enum x_procedure {\n    X_PROC_A = 1,\n    Y_PROC_B = 2\n};\n",
         "bad.proto:3: procedure 'Y_PROC_B' does not start with X_PROC_"),
        ("procedure number", "enum x_procedure {\n    X_PROC_A = 0\n};\n",
         "bad.proto:2: procedure 'X_PROC_A' must have a positive number"),
        ("unknown annotation", "enum x_procedure {\n    X_PROC_A = 1 /* api:virA colour:red */\n};\n",
         "bad.proto:2: unknown annotation 'colour'"),
        ("bad access", "enum x_procedure {\n    X_PROC_A = 1 /* access:maybe */\n};\n",
         "bad.proto:2: access must be ro or rw, not 'maybe'"),
        ("bad api name", "enum x_procedure {\n    X_PROC_A = 1 /* api:foo */\n};\n",
         "bad.proto:2: bad api name 'foo'"),
        ("annotation outside procedures", "enum e {\n    E_A = 1 /* api:virA */\n};\n",
         "bad.proto:2: annotation outside a procedure enum"),
        ("args and msg", "struct x_a_args {\n    int i;\n};\nstruct x_a_msg {\n    int i;\n};\n"
         "enum x_procedure {\n    X_PROC_A = 1\n};\n",
         "bad.proto:8: procedure 'X_PROC_A' has both x_a_args and x_a_msg"),
        ("args not a struct", "enum x_a_args {\n    Q = 1\n};\nenum x_procedure {\n    X_PROC_A = 1\n};\n",
         "bad.proto:1: 'x_a_args' must be a struct"),
    ]
    for name, text, want in BAD:
        proto = os.path.join(tmp, "bad.proto")
        with open(proto, "w") as f:
            f.write(text)
        r = run(proto, "header", os.path.join(tmp, "bad.h"))
        ok = r.returncode == 1 and want in r.stderr and not os.path.exists(os.path.join(tmp, "bad.h"))
        report(ok, "error: " + name, "want: %s\ngot: %s" % (want, r.stderr))

    r = run(os.path.join(DATA, "golden.proto"), "header", os.path.join(tmp, "x.h"),
            api=os.path.join(tmp, "missing.api"))
    report(r.returncode == 1 and "missing.api" in r.stderr, "error: missing API file", r.stderr)

print("1..%d" % count)
sys.exit(1 if failed else 0)
