#!/usr/bin/env python3
"""test_apixml_gen.py: abi/gen/apixml.py on a tiny description and header:
what each kind of input becomes, and one bad input per error, each expected
to fail with exit status 1 and a message naming the file (and line).

Usage: test_apixml_gen.py APIXML_PY. Output is TAP."""
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

results = []


def check(ok, name, detail=""):
    results.append(ok)
    print("%sok %d - %s" % ("" if ok else "not ", len(results), name))
    if not ok and detail:
        for line in str(detail).splitlines()[:30]:
            print("#   " + line)


API = """@versions 0.0.3 0.1.0
@header mini-host.h
@module first
0.0.3  core ro  virConnectPtr virConnectOpen(const char *name?)
@header mini-host.h
0.1.0  data ro  virConnectAuthPtr virConnectAuthPtrDefault
0.0.3  hv   ro  int virConnectListDefinedDomains(virConnectPtr conn, char **const names[maxnames], int maxnames>=0)
"""

HEADER = """/*
 * mini-host.h: a header for the generator test.
 */
#ifndef MINI_HOST_H
#define MINI_HOST_H
#ifndef __VIR_LIBVIRT_H_INCLUDES__
# error "no"
#endif
#ifdef __cplusplus
extern "C" {
#endif

/* How long a name may be. */
#define MINI_LEN (8 + 1)
#define MINI_PARAM "mini-param"
#define MINI_MAP(a, b) ((a) + \\
    (b))

typedef struct _virConnect virConnect;
typedef virConnect *virConnectPtr;

/* Ways to open. */
typedef enum {
    MINI_A = 1,        /* the first */
    MINI_B = 1 << 2,
    MINI_C,
    MINI_NEG = -2,
    MINI_ALIAS = MINI_A,
#ifdef VIR_ENUM_SENTINELS
    MINI_LAST
#endif
} miniFlags;

typedef struct _miniRec miniRec;
struct _miniRec {
    char label[MINI_LEN];   /* a label */
    char **list;
    union {
        int i;
        char *s;
    } value;
};

typedef int (*miniCallback)(virConnectPtr conn, void *opaque);

@API_PROTOTYPES@

#ifdef __cplusplus
}
#endif
#endif /* MINI_HOST_H */
"""

INFO = """# prose
virConnectOpen  Open it.
virConnectOpen.name  (optional) which one
miniRec.label  our label
"""


def run(apixml, tmp, api=API, header=HEADER, info=INFO):
    paths = {}
    for name, text in (("mini.api", api), ("mini-host.h.in", header), ("mini.info", info)):
        paths[name] = os.path.join(tmp, name)
        with open(paths[name], "w") as f:
            f.write(text)
    out = os.path.join(tmp, "out.xml")
    if os.path.exists(out):
        os.unlink(out)
    p = subprocess.run([sys.executable, apixml, paths["mini.api"], paths["mini.info"], out,
                        "libvirt", paths["mini-host.h.in"]], capture_output=True, text=True)
    return p, out, paths


BAD = [
    # (name, what to change: (key, old, new), message part, where)
    ("unknown prose line", ("info", "miniRec.label", "miniRec.nosuch"),
     "miniRec.nosuch names no described symbol", "mini.info:4"),
    ("repeated prose line", ("info", "miniRec.label  our label\n",
                             "miniRec.label  our label\nminiRec.label  again\n"),
     "already has a line", "mini.info:5"),
    ("prose line without text", ("info", "virConnectOpen  Open it.", "virConnectOpen"),
     "expected NAME  TEXT", "mini.info:2"),
    ("unknown name in a value", ("header", "MINI_ALIAS = MINI_A", "MINI_ALIAS = MINI_Z"),
     "unknown name MINI_Z in a value", "mini-host.h.in:28"),
    ("unreadable declaration", ("header", "typedef struct _virConnect virConnect;",
                                "int x y z;"), "cannot read declaration", "mini-host.h.in:19"),
    ("unterminated #if", ("header", "#endif /* MINI_HOST_H */", ""),
     "unterminated #if", "mini-host.h.in"),
    ("header not among the inputs", ("api", "@header mini-host.h\n0.1.0", "@header other.h\n0.1.0"),
     "header other.h is not among the inputs", "mini.api:6"),
    ("defined twice", ("header", "typedef int (*miniCallback)", "typedef int (*virConnectOpen)"),
     "virConnectOpen is also defined", "mini.api:4"),
]


def main(argv):
    apixml = argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        p, out, paths = run(apixml, tmp)
        check(p.returncode == 0, "the tiny description is accepted", p.stderr)
        if p.returncode != 0:
            print("1..%d" % len(results))
            return 1
        root = ET.parse(out).getroot()
        sym = root.find("symbols")

        def one(kind, name):
            return sym.find("%s[@name='%s']" % (kind, name))

        e = dict((x.get("name"), x) for x in sym.findall("enum"))
        check([(n, e[n].get("value"), e[n].get("value_hex")) for n in
               ("MINI_A", "MINI_B", "MINI_C", "MINI_NEG", "MINI_ALIAS", "MINI_LAST")] ==
              [("MINI_A", "1", "0x1"), ("MINI_B", "4", "0x4"), ("MINI_C", "5", "0x5"),
               ("MINI_NEG", "-2", "-0x2"), ("MINI_ALIAS", "MINI_A", None), ("MINI_LAST", "2", "0x2")],
              "enum values: literal, shifted, implicit, negative, alias by name, sentinel")
        check(e["MINI_A"].get("type") == "miniFlags" and e["MINI_A"].get("info") == "the first",
              "an enumerator has its enum's type and its own comment as prose")
        macros = dict((m.get("name"), m) for m in sym.findall("macro"))
        check(sorted(macros) == ["MINI_LEN", "MINI_MAP", "MINI_PARAM"],
              "macros: the header guard and include marker are left out", sorted(macros))
        check(macros["MINI_PARAM"].get("string") == "mini-param" and
              macros["MINI_PARAM"].get("raw") is None and
              macros["MINI_MAP"].get("params") == "a,b" and
              macros["MINI_LEN"].get("raw") == "(8 + 1)" and
              macros["MINI_LEN"].find("info").text == "How long a name may be.",
              "macros: string, parameters, continued lines, raw value, comment as prose")
        st = one("struct", "miniRec")
        fields = [(f.get("name"), f.get("type")) for f in st.findall("field")]
        check(st.get("type") == "struct _miniRec" and fields ==
              [("label", "char label[MINI_LEN]"), ("list", "char **"), ("value", "union")] and
              [(f.get("name"), f.get("type")) for f in st.find("field/union").findall("field")] ==
              [("i", "int"), ("s", "char *")],
              "struct: arrays spelt with their name, stars joined, union fields nested", fields)
        check(st.find("field[@name='label']").get("info") == "our label",
              "a field's prose comes from the prose file")
        check(one("struct", "virConnect") is not None and
              one("typedef", "virConnectPtr").get("type") == "virConnect *" and
              one("typedef", "miniFlags").get("type") == "enum",
              "opaque struct, pointer typedef and enum typedef")
        cb = one("functype", "miniCallback")
        check(cb is not None and cb.find("return").get("type") == "int" and
              [(a.get("name"), a.get("type")) for a in cb.findall("arg")] ==
              [("conn", "virConnectPtr"), ("opaque", "void *")],
              "callback type with its return and arguments")
        fo = one("function", "virConnectOpen")
        check(fo.get("module") == "first" and fo.get("file") == "mini-host" and
              fo.get("version") == "0.0.3" and fo.find("info").text == "Open it." and
              fo.find("arg").get("info") == "(optional) which one",
              "function: @module, file, version and prose lines")
        fl = one("function", "virConnectListDefinedDomains")
        check(fl.get("module") == "mini-host" and
              [(a.get("name"), a.get("type")) for a in fl.findall("arg")] ==
              [("conn", "virConnectPtr"), ("names", "char ** const"), ("maxnames", "int")] and
              fl.find("info").text and fl.find("return").get("info"),
              "function: module reset by @header, types as libvirt spells them, "
              "a generated sentence without a prose line")
        v = one("variable", "virConnectAuthPtrDefault")
        check(v is not None and v.get("type") == "virConnectAuthPtr", "the exported variable")
        ex = set((x.get("symbol"), x.get("type")) for x in root.iter("exports"))
        check(("_miniRec", "struct") in ex and ("miniCallback", "function") in ex and
              ("virConnectAuthPtrDefault", "variable") in ex and
              root.find("files/file").get("name") == "mini-host" and
              root.find("files/file/summary").text == "a header for the generator test.",
              "files: exports by kind, summary from the header's first comment")

        for name, (key, old, new), msg, where in BAD:
            texts = {"api": API, "header": HEADER, "info": INFO}
            if old not in texts[key]:
                check(False, "bad input '%s' applies" % name)
                continue
            texts[key] = texts[key].replace(old, new, 1)
            p, out, paths = run(apixml, tmp, texts["api"], texts["header"], texts["info"])
            ok = p.returncode == 1 and msg in p.stderr and where in p.stderr \
                and not os.path.exists(out)
            check(ok, "error: %s" % name, "rc=%d stderr=%s" % (p.returncode, p.stderr))
    print("1..%d" % len(results))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
