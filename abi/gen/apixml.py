#!/usr/bin/env python3
"""Write the API description file that language bindings read.

Usage: apixml.py API_FILE INFO_FILE OUTPUT NAME HEADER...

API_FILE is an abi/*.api description (read with apigen.py's parser), INFO_FILE
holds one line of prose per symbol ('NAME  text'; 'FUNC.ARG' and
'FUNC.return' for arguments and results, 'STRUCT.FIELD' for fields; '-' for
none); symbols without a line get the header's comment or, for functions, a
neutral generated sentence. NAME is the <api name=...>
('libvirt', 'libvirt-qemu', ...) and each HEADER is a public header or header
template whose enums, macros, typedefs, structs and callback types are
described; '@HEADER' is only read for the enumerator values its names give
(a companion's header refers to libvirt's). The output has the layout of libvirt's own libvirt-api.xml:
<files> with what each header exports, then <symbols>.

Errors name the file (and line where there is one) and exit with 1.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import apigen  # noqa: E402  (the one parser of the .api descriptions)
from apigen import ApiError  # noqa: E402

# Preprocessor names that are header plumbing, not API: the guard of each
# header, the marker libvirt.h sets around its includes, and the attribute
# helpers. libvirt's own description leaves these out too.
PLUMBING = {"__VIR_LIBVIRT_H_INCLUDES__", "__VIR_ADMIN_H_INCLUDES__", "VIR_DEPRECATED", "VIR_EXPORT_VAR"}

TOKEN = re.compile(r"""
    (?P<comment>/\*.*?\*/|//[^\n]*)
  | (?P<pp>^[ \t]*\#[^\n]*)
  | (?P<string>"(?:[^"\\]|\\.)*")
  | (?P<word>[A-Za-z_]\w*)
  | (?P<number>0[xX][0-9a-fA-F]+[uUlL]*|\d+[uUlL]*)
  | (?P<ws>[\s\x01]+)
  | (?P<punct>->|<<|>>|\.\.\.|[^\sA-Za-z_0-9])
""", re.S | re.M | re.X)


def ctype(text):
    """A C type as libvirt's description spells it: words and runs of '*'
    separated by single spaces ('char **const' -> 'char ** const')."""
    text = re.sub(r"\*\s+(?=\*)", "*", text)
    parts = re.findall(r"\*+|\[[^\]]*\]|[A-Za-z_]\w*|\S", text)
    out = ""
    for p in parts:
        if p.startswith("[") and out:
            out += p
        else:
            out += (" " if out else "") + p
    return out


def prose(comment):
    """The text of a /* ... */ or // comment, on one line."""
    if comment.startswith("//"):
        body = comment[2:]
    else:
        body = comment[2:-2]
    lines = [re.sub(r"^\s*\*?\s?", "", ln) for ln in body.splitlines()]
    return " ".join(" ".join(lines).split())


class Header:
    """What one public header defines, in source order."""

    def __init__(self, path, values):
        self.path = path
        self.values = values  # enumerator values of every header read so far
        base = os.path.basename(path)
        self.name = re.sub(r"\.h(\.in)?$", "", base)
        self.summary = ""
        self.macros = []      # (name, params or None, body, info, line)
        self.enums = []       # (name, value, typename, info)
        self.typedefs = []    # (name, type, info)
        self.structs = []     # (name, 'struct _tag', info)
        self.bodies = {}      # tag -> [field] (field: name, type, info, [subfields])
        self.functypes = []   # (name, ret, [(argname, argtype)], info)
        self.defined_tags = []
        self.parse()

    def where(self, line):
        return "%s:%d" % (self.path, line)

    def parse(self):
        with open(self.path) as f:
            text = f.read()
        # The prototypes' place in a template: they come from the .api file.
        text = text.replace("@API_PROTOTYPES@", "")
        # Join continued lines; the mark left in their place still counts as
        # a line break for messages.
        text = text.replace("\\\n", "\x01")
        toks = []           # (kind, text, line)
        line = 1
        active = []         # stack of bools: is this conditional block read?
        first_comment = True
        for m in TOKEN.finditer(text):
            kind, val = m.lastgroup, m.group()
            here = line
            line += val.count("\n") + val.count("\x01")
            if kind == "ws":
                continue
            if kind == "comment":
                if first_comment and not toks and not self.macros:
                    self.summary = re.sub(r"^[\w.-]+\.h:\s*", "", prose(val))
                first_comment = False
                if all(active):
                    # a comment is placed by its last line
                    toks.append(("comment", prose(val), line))
                continue
            first_comment = False
            if kind == "pp":
                self.directive(val, here, active, toks)
                continue
            if all(active):
                toks.append((kind, val, here))
        if active:
            raise ApiError("%s: unterminated #if" % self.path)
        self.declarations(toks)

    def directive(self, val, line, active, toks):
        m = re.match(r"\s*#\s*(\w+)\s*(.*?)\s*$", val.replace("\x01", " "))
        word, rest = m.group(1), m.group(2)
        rest = re.sub(r"/\*.*?\*/", "", rest).strip()
        if word in ("ifdef", "ifndef"):
            if rest == "__cplusplus":
                active.append(False)        # the extern "C" wrapper
            elif rest == "__VIR_LIBVIRT_H_INCLUDES__":
                active.append(False)        # the include-order #error
            elif word == "ifndef" and rest.endswith("_H"):
                active.append(True)         # the header guard
            else:
                active.append(True)         # optional parts, sentinels
        elif word == "if":
            active.append(True)
        elif word == "else":
            if not active:
                raise ApiError("%s: #else without #if" % self.where(line))
            active[-1] = not active[-1]
        elif word == "endif":
            if not active:
                raise ApiError("%s: #endif without #if" % self.where(line))
            active.pop()
        elif word == "define" and all(active):
            m = re.match(r"(\w+)(\(([^)]*)\))?\s*(.*)$", rest)
            name = m.group(1)
            if name in PLUMBING or re.match(r"^[A-Z_]+_H$", name):
                return
            params = None
            if m.group(2):
                params = ",".join(p.strip() for p in m.group(3).split(","))
            info = ""
            if toks and toks[-1][0] == "comment" and toks[-1][2] == line - 1:
                info = toks.pop()[1]
            self.macros.append((name, params, " ".join(m.group(4).split()), info, line))

    def declarations(self, toks):
        i = 0
        pending = None          # the comment just before a declaration
        while i < len(toks):
            kind, val, line = toks[i]
            if kind == "comment":
                pending = (val, line)
                i += 1
                continue
            # only a comment ending on the line above describes what follows
            above = pending[0] if pending and pending[1] == line - 1 else ""
            # one top-level declaration: up to ';' outside braces
            j, depth = i, 0
            while j < len(toks):
                if toks[j][1] == "{":
                    depth += 1
                elif toks[j][1] == "}":
                    depth -= 1
                elif toks[j][1] == ";" and depth == 0:
                    break
                j += 1
            if j == len(toks):
                raise ApiError("%s: declaration without ';'" % self.where(line))
            decl = toks[i:j]
            # a comment right after ';' on the same line belongs to it
            trailing = ""
            if j + 1 < len(toks) and toks[j + 1][0] == "comment" \
                    and toks[j + 1][2] == toks[j][2]:
                trailing = toks[j + 1][1]
                j += 1
            self.declaration(decl, above or trailing, line)
            pending = None
            i = j + 1

    def declaration(self, decl, info, line):
        words = [t[1] for t in decl if t[0] != "comment"]
        if words[:2] == ["typedef", "enum"]:
            self.enum(decl, info, line)
        elif words[0] == "struct" and "{" in words:
            brace = next(k for k, t in enumerate(decl) if t[1] == "{")
            self.struct_body(words[1], decl, brace + 1, line)
        elif words[0] == "typedef" and "(" in words:
            self.functype(words, info, line)
        elif words[:2] == ["typedef", "struct"] and "{" not in words:
            if len(words) != 4:
                raise ApiError("%s: cannot read struct typedef" % self.where(line))
            self.structs.append((words[3], "struct " + words[2], info))
        elif words[0] == "typedef":
            name = words[-1]
            self.typedefs.append((name, ctype(" ".join(words[1:-1])), info))
        elif words[0] == "extern":
            pass                # data symbols come from the .api file
        else:
            raise ApiError("%s: cannot read declaration '%s'"
                           % (self.where(line), " ".join(words[:6])))

    def enum(self, decl, info, line):
        words = list(decl)
        close = max(k for k, t in enumerate(words) if t[1] == "}")
        open_ = next(k for k, t in enumerate(words) if t[1] == "{")
        typename = words[close + 1][1]
        self.typedefs.append((typename, "enum", info))
        body = words[open_ + 1:close]
        value = -1
        k = 0
        while k < len(body):
            kind, val, ln = body[k]
            if kind == "comment":
                k += 1
                continue
            name = val
            k += 1
            expr = []
            comment = ""
            while k < len(body) and body[k][1] != ",":
                if body[k][0] == "comment":
                    comment = body[k][1]
                else:
                    expr.append(body[k][1])
                k += 1
            # skip ',' then take a comment on the same line
            if k < len(body) and body[k][1] == ",":
                k += 1
            if k < len(body) and body[k][0] == "comment" and body[k][2] == ln:
                comment = body[k][1]
                k += 1
            if expr:
                if expr[0] != "=":
                    raise ApiError("%s: cannot read enumerator %s" % (self.where(ln), name))
                value = self.evaluate(expr[1:], ln)
            else:
                value += 1
            # an alias keeps the name it was given, as in libvirt's file
            alias = expr[1] if len(expr) == 2 and re.match(r"^[A-Za-z_]", expr[1]) else None
            self.enums.append((name, alias or value, typename, comment))
            self.values[name] = value

    def evaluate(self, expr, line):
        known = self.values
        parts = []
        for t in expr:
            if re.match(r"^[A-Za-z_]\w*$", t):
                if t not in known:
                    raise ApiError("%s: unknown name %s in a value" % (self.where(line), t))
                parts.append(str(known[t]))
            elif re.match(r"^(0[xX][0-9a-fA-F]+|\d+)[uUlL]*$", t):
                parts.append(str(int(t.rstrip("uUlL"), 0)))
            elif t in ("<<", ">>", "|", "&", "+", "-", "~", "(", ")", "*"):
                parts.append(t)
            else:
                raise ApiError("%s: cannot compute '%s'" % (self.where(line), " ".join(expr)))
        return int(eval(" ".join(parts), {"__builtins__": {}}))

    def struct_body(self, tag, toks, start, line):
        fields, _ = self.fields(toks, start, line)
        self.bodies[tag] = fields
        self.defined_tags.append(tag)

    def fields(self, toks, k, line):
        """Fields between toks[k-1] == '{' and its '}': (list, index after '}')."""
        out = []
        cur = []
        while k < len(toks):
            kind, val, ln = toks[k]
            if val == "}":
                return out, k + 1
            if kind == "comment":
                if out and out[-1][4] == ln:
                    out[-1][2] = val
                k += 1
                continue
            if val == "union" and toks[k + 1][1] == "{":
                sub, k = self.fields(toks, k + 2, ln)
                name = toks[k][1]
                out.append([name, "union", "", sub, toks[k][2]])
                k += 2          # name ';'
                continue
            if val == ";":
                words = [t[1] for t in cur]
                arr = ""
                if "[" in words:
                    b = words.index("[")
                    arr = "".join(words[b:])
                    words = words[:b]
                name = words[-1]
                typ = ctype(" ".join(words[:-1]))
                if arr:
                    typ = "%s %s%s" % (typ, name, arr)
                out.append([name, typ, "", [], ln])
                cur = []
            else:
                cur.append(toks[k])
            k += 1
        raise ApiError("%s: struct without '}'" % self.where(line))

    def functype(self, words, info, line):
        # typedef RET (*NAME)(ARGS)
        text = " ".join(words[1:])
        m = re.match(r"^(.*?)\(\s*\*\s*(\w+)\s*\)\s*\((.*)\)$", text)
        if not m:
            raise ApiError("%s: cannot read callback type '%s'" % (self.where(line), text))
        args = []
        raw = m.group(3).strip()
        if raw not in ("", "void"):
            for a in raw.split(","):
                am = re.match(r"^(.*?)(\w+)\s*$", a.strip())
                args.append((am.group(2), ctype(am.group(1))))
        self.functypes.append((m.group(2), ctype(m.group(1)), args, info))


class Info(dict):
    """The prose lines, remembering which were asked for: a line naming
    nothing that is described is an error (a typo or a renamed symbol)."""

    def __init__(self, path):
        super().__init__()
        self.lines = {}
        self.asked = set()
        if path == "-":
            return
        with open(path) as f:
            for lineno, raw in enumerate(f, 1):
                line = raw.rstrip("\n")
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                parts = line.split(None, 1)
                if len(parts) != 2:
                    raise ApiError("%s:%d: expected NAME  TEXT" % (path, lineno))
                if parts[0] in self:
                    raise ApiError("%s:%d: %s already has a line" % (path, lineno, parts[0]))
                self[parts[0]] = parts[1].strip()
                self.lines[parts[0]] = "%s:%d" % (path, lineno)

    def get(self, key, default=None):
        self.asked.add(key)
        return super().get(key, default)

    def check_used(self):
        for key in self:
            if key not in self.asked:
                raise ApiError("%s: %s names no described symbol, argument or field"
                               % (self.lines[key], key))


OBJECT_WORDS = {
    "virConnectPtr": "the connection", "virDomainPtr": "the domain",
    "virNetworkPtr": "the network", "virNetworkPortPtr": "the network port",
    "virStoragePoolPtr": "the storage pool", "virStorageVolPtr": "the storage volume",
    "virInterfacePtr": "the host interface", "virNodeDevicePtr": "the node device",
    "virSecretPtr": "the secret", "virNWFilterPtr": "the network filter",
    "virNWFilterBindingPtr": "the network filter binding",
    "virDomainSnapshotPtr": "the snapshot", "virDomainCheckpointPtr": "the checkpoint",
    "virStreamPtr": "the stream",
}


def arg_info(a):
    if a.type in OBJECT_WORDS:
        return OBJECT_WORDS[a.type]
    if a.name == "flags":
        return "extra flags; 0 for the default behaviour"
    return ""


def return_info(fn):
    err = fn.error_value()
    if fn.ret == "void":
        return None
    if err == "NULL":
        return "the result, or NULL on failure"
    if err == "0":
        return "the result, or 0 on failure"
    return "0 or a non-negative result on success, -1 on failure"


def function_info(fn):
    words = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", fn.name[3:])
    return "Public function %s (%s)." % (fn.name, words.lower())


def node_version(node):
    return node[len("LIBVIRT_"):] if node else None


def quoteattr(text):
    """An attribute value in single quotes, as libvirt's file has them."""
    return "'%s'" % (escape(text).replace("'", "&apos;").replace("\n", "&#10;")
                     .replace("\t", "&#9;"))


def attrs(**kw):
    return "".join(" %s=%s" % (k.rstrip("_"), quoteattr(str(v)))
                   for k, v in kw.items() if v is not None)


def cdata(text):
    return "<![CDATA[%s]]>" % text.replace("]]>", "]]]]><![CDATA[>")


def string_macro(body):
    m = re.match(r'^"((?:[^"\\]|\\.)*)"$', body)
    return m.group(1) if m else None


def generate(api, info_path, out, apiname, header_paths):
    funcs = apigen.parse(api)[0]
    info = Info(info_path)
    values = {}
    # '@HEADER': read only for the enumerator values its names give (a
    # companion's header uses libvirt's), not described
    for p in header_paths:
        if p.startswith("@"):
            Header(p[1:], values)
    headers = [Header(p, values) for p in header_paths if not p.startswith("@")]
    byname = dict((h.name, h) for h in headers)
    exports = dict((h.name, []) for h in headers)
    symbols = []            # (sort group, name, xml)

    def text_of(name, fallback=""):
        return info.get(name, fallback)

    seen = {}

    def claim(name, where):
        if name in seen:
            raise ApiError("%s: %s is also defined in %s" % (where, name, seen[name]))
        seen[name] = where

    for h in headers:
        for name, params, body, hinfo, line in h.macros:
            claim(name, h.where(line))
            exports[h.name].append((0, name, "macro"))
            s = string_macro(body)
            a = attrs(name=name, file=h.name, params=params,
                      string=s, raw=None if s is not None else body)
            x = ["    <macro%s>" % a]
            x.append("      <info>%s</info>" % cdata(text_of(name, hinfo)))
            for p in (params.split(",") if params else []):
                x.append("      <arg%s/>" % attrs(name=p, info=text_of(name + "." + p)))
            x.append("    </macro>")
            symbols.append((0, name, "\n".join(x)))
        for name, value, typename, einfo in h.enums:
            # (value is an int, or the name of the enumerator it aliases)
            claim(name, h.path)
            exports[h.name].append((1, name, "enum"))
            symbols.append((1, name, "    <enum%s/>" % attrs(
                name=name, file=h.name, value=value,
                value_hex=("%#x" % value) if isinstance(value, int) else None,
                type=typename, info=text_of(name, einfo) or None)))
        for name, typ, tinfo in h.typedefs:
            claim(name, h.path)
            exports[h.name].append((2, name, "typedef"))
            t = text_of(name, tinfo)
            a = attrs(name=name, file=h.name, type=typ)
            if t:
                symbols.append((2, name, "    <typedef%s>\n      <info>%s</info>\n    </typedef>"
                                % (a, cdata(t))))
            else:
                symbols.append((2, name, "    <typedef%s/>" % a))
        for name, typ, sinfo in h.structs:
            claim(name, h.path)
            exports[h.name].append((2, name, "typedef"))
            tag = typ.split()[1]
            body = None
            for other in headers:
                if tag in other.bodies:
                    body = other.bodies[tag]
            a = attrs(name=name, file=h.name, type=typ)
            if not body:
                symbols.append((2, name, "    <struct%s/>" % a))
                continue
            x = ["    <struct%s>" % a]
            x.extend(field_xml(body, name, info, "      "))
            x.append("    </struct>")
            symbols.append((2, name, "\n".join(x)))
        for tag in h.defined_tags:
            exports[h.name].append((3, tag, "struct"))
        for name, ret, args, finfo in h.functypes:
            claim(name, h.path)
            exports[h.name].append((4, name, "function"))
            x = ["    <functype%s>" % attrs(name=name, file=h.name, module=h.name)]
            x.append("      <info>%s</info>" % cdata(text_of(name, finfo or
                                                          "Type of the callback %s." % name)))
            x.append("      <return%s/>" % attrs(type=ret, info=text_of(name + ".return") or None))
            for an, at in args:
                x.append("      <arg%s/>" % attrs(name=an, type=at, info=text_of(name + "." + an)))
            x.append("    </functype>")
            symbols.append((4, name, "\n".join(x)))

    for fn in apigen.public(funcs):
        hname = re.sub(r"\.h$", "", fn.header)
        if hname not in byname:
            raise ApiError("%s: header %s is not among the inputs" % (fn.where, fn.header))
        claim(fn.name, fn.where)
        if fn.role == "data":
            exports[hname].append((5, fn.name, "variable"))
            x = "    <variable%s>\n      <info>%s</info>\n    </variable>" % (
                attrs(name=fn.name, file=hname, type=fn.ret, version=node_version(fn.node)),
                cdata(text_of(fn.name, "Exported variable %s." % fn.name)))
            symbols.append((5, fn.name, x))
            continue
        exports[hname].append((4, fn.name, "function"))
        x = ["    <function%s>" % attrs(name=fn.name, file=hname, module=fn.module,
                                        version=node_version(fn.node))]
        x.append("      <info>%s</info>" % cdata(text_of(fn.name, function_info(fn))))
        x.append("      <return%s/>" % attrs(type=ctype(fn.ret),
                                             info=text_of(fn.name + ".return", return_info(fn))))
        for a in fn.args:
            x.append("      <arg%s/>" % attrs(name=a.name, type=ctype(a.type),
                                              info=text_of(fn.name + "." + a.name, arg_info(a))))
        x.append("    </function>")
        symbols.append((4, fn.name, "\n".join(x)))

    o = ['<?xml version="1.0" encoding="UTF-8"?>',
         "<!-- Generated from %s by abi/gen/apixml.py. Do not edit. -->"
         % os.path.basename(api),
         "<api%s>" % attrs(name=apiname), "  <files>"]
    for h in sorted(headers, key=lambda h: h.name):
        if not exports[h.name]:
            continue
        o.append("    <file%s>" % attrs(name=h.name))
        o.append("     <summary>%s</summary>" % escape(h.summary))
        o.append("     <description>%s</description>" % escape(h.summary))
        for _, name, typ in sorted(exports[h.name]):
            o.append("     <exports%s/>" % attrs(symbol=name, type=typ))
        o.append("    </file>")
    o.append("  </files>")
    o.append("  <symbols>")
    # libvirt's order: macros, enums, then types, variables, functions
    for group in ((0,), (1,), (2,), (5,), (4,)):
        o.extend(x for g, _, x in sorted(symbols) if g in group)
    o.append("  </symbols>")
    o.append("</api>")
    info.check_used()
    apigen.write(out, "\n".join(o) + "\n")


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def field_xml(body, owner, info, indent):
    x = []
    for name, typ, finfo, sub, _ in body:
        t = info.get(owner + "." + name, finfo)
        if sub:
            x.append("%s<field%s>" % (indent, attrs(name=name, type=typ, info=t)))
            x.append("%s  <union>" % indent)
            x.extend(field_xml(sub, owner + "." + name, info, indent + "    "))
            x.append("%s  </union>" % indent)
            x.append("%s</field>" % indent)
        else:
            x.append("%s<field%s/>" % (indent, attrs(name=name, type=typ, info=t)))
    return x


def main(argv):
    if len(argv) < 6:
        sys.stderr.write(__doc__)
        return 2
    try:
        generate(argv[1], argv[2], argv[3], argv[4], argv[5:])
    except (ApiError, OSError) as e:
        sys.stderr.write("apixml: error: %s\n" % e)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
