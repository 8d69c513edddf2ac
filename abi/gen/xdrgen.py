#!/usr/bin/env python3
"""Generate the XDR codecs and procedure tables from abi/remote.proto.

Usage: xdrgen.py PROTO_FILE[:PROTO_FILE...] API_FILE COMMAND OUTPUT

Commands:
  header   remote_protocol.h: C types, constants, procedure enums, codec
           prototypes and the procedure table declarations
  source   remote_protocol.c: one codec per type (encode, decode and free
           in one function, see core/rpc/xdr.h), the procedure tables and
           their lookup by number
  samples  a C array with one valid encoding of every type (tests)

The protocol file is written in the XDR language (RFC 4506) subset that
libvirt's protocol uses: const, typedef, struct, enum, union switch, fixed
and variable arrays, string<N>, opaque, optional data ('*').

An enum named PREFIX_procedure lists the procedures of one program. Each
value NAME (PREFIX_PROC_xxx) takes PREFIX_xxx_args and PREFIX_xxx_ret when
those structs exist (lower case), and may carry an annotation comment on
its line:
    /* api:virDomainSuspend */      public function carried by the call
    /* api:- access:ro */           no public function; allowed read-only
An event procedure's MESSAGE body, PREFIX_xxx_msg, is listed as its args.
The 'mutating' flag comes from the ACCESS column (ro/rw) of the API file
for the named function; a function missing there counts as mutating, so
an unknown call is never let through a read-only connection.

Errors name the file and line and exit with status 1.
"""
import os
import re
import sys


class ProtoError(Exception):
    pass


# ---------------------------------------------------------------- lexer

TOKEN_RE = re.compile(r"""
    (?P<space>[ \t\r]+)
  | (?P<newline>\n)
  | (?P<comment>/\*)
  | (?P<linecomment>//[^\n]*)
  | (?P<number>-?(0[xX][0-9a-fA-F]+|[0-9]+))
  | (?P<ident>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<punct>[{}();:=<>\[\]*,])
""", re.VERBOSE)


class Token:
    def __init__(self, kind, text, line):
        self.kind = kind
        self.text = text
        self.line = line

    def __repr__(self):
        return "'%s'" % self.text if self.kind != "eof" else "end of file"


def tokenize(text, fname):
    tokens = []
    comments = []        # (line, text) of every /* */ comment
    pos, line = 0, 1
    while pos < len(text):
        m = TOKEN_RE.match(text, pos)
        if not m:
            raise ProtoError("%s:%d: unexpected character '%s'" % (fname, line, text[pos]))
        kind = m.lastgroup
        if kind == "newline":
            line += 1
            pos = m.end()
        elif kind == "comment":
            end = text.find("*/", m.end())
            if end < 0:
                raise ProtoError("%s:%d: unterminated comment" % (fname, line))
            body = text[m.end():end]
            comments.append((line, body.strip()))
            line += body.count("\n")
            pos = end + 2
        elif kind in ("space", "linecomment"):
            pos = m.end()
        else:
            tokens.append(Token(kind, m.group(kind), line))
            pos = m.end()
    tokens.append(Token("eof", "", line))
    return tokens, comments


# ---------------------------------------------------------------- model

BASE_TYPES = {
    # XDR name: (C type, codec)
    "int": ("int32_t", "virtXDRInt"),
    "unsigned int": ("uint32_t", "virtXDRUInt"),
    "hyper": ("int64_t", "virtXDRHyper"),
    "unsigned hyper": ("uint64_t", "virtXDRUHyper"),
    "double": ("double", "virtXDRDouble"),
    "float": ("float", "virtXDRFloat"),
    "bool": ("int32_t", "virtXDRBool"),
    "char": ("char", "virtXDRChar"),
    "unsigned char": ("unsigned char", "virtXDRUChar"),
    "short": ("int16_t", "virtXDRShort"),
    "unsigned short": ("uint16_t", "virtXDRUShort"),
}


class Decl:
    """One declaration: a struct member, union arm or typedef body.

    kind: 'plain' (T name), 'fixed' (T name[N]), 'var' (T name<N>),
          'optional' (T *name), 'string' (string name<N>),
          'opaque_fixed', 'opaque_var', 'void'
    """

    def __init__(self, kind, type_, name, size, line):
        self.kind = kind
        self.type = type_
        self.name = name
        self.size = size        # text of the bound (number or constant), or None
        self.line = line


class Definition:
    def __init__(self, kind, name, line):
        self.kind = kind        # const, enum, typedef, struct, union
        self.name = name
        self.line = line


class Proc:
    def __init__(self, name, number, line):
        self.name = name
        self.number = number
        self.line = line
        self.api = None
        self.access = None


# ---------------------------------------------------------------- parser

class Parser:
    def __init__(self, text, fname):
        self.fname = fname
        self.tokens, self.comments = tokenize(text, fname)
        self.pos = 0
        self.defs = []
        self.names = {}
        self.consts = {}

    def err(self, line, msg):
        raise ProtoError("%s:%d: %s" % (self.fname, line, msg))

    def peek(self):
        return self.tokens[self.pos]

    def next(self):
        tok = self.tokens[self.pos]
        if tok.kind != "eof":
            self.pos += 1
        return tok

    def expect(self, text):
        tok = self.next()
        if tok.text != text or tok.kind == "eof":
            self.err(tok.line, "expected '%s', got %r" % (text, tok))
        return tok

    def ident(self, what):
        tok = self.next()
        if tok.kind != "ident":
            self.err(tok.line, "expected %s, got %r" % (what, tok))
        return tok

    def value(self):
        """A number or a constant already defined."""
        tok = self.next()
        if tok.kind == "number":
            return int(tok.text, 0), tok.text
        if tok.kind == "ident":
            if tok.text not in self.consts:
                self.err(tok.line, "unknown constant '%s'" % tok.text)
            return self.consts[tok.text], tok.text
        self.err(tok.line, "expected a number or constant, got %r" % tok)

    def define(self, d):
        if d.name in self.names:
            self.err(d.line, "'%s' is already defined at line %d"
                     % (d.name, self.names[d.name].line))
        self.names[d.name] = d
        self.defs.append(d)

    def parse(self):
        while self.peek().kind != "eof":
            tok = self.next()
            if tok.text == "const":
                name = self.ident("constant name")
                self.expect("=")
                val, _ = self.value()
                self.expect(";")
                d = Definition("const", name.text, name.line)
                d.value = val
                self.define(d)
                self.consts[name.text] = val
            elif tok.text == "typedef":
                decl = self.declaration()
                if decl.kind == "void":
                    self.err(decl.line, "typedef of void")
                self.expect(";")
                d = Definition("typedef", decl.name, decl.line)
                d.decl = decl
                self.define(d)
            elif tok.text == "struct":
                self.struct()
            elif tok.text == "union":
                self.union()
            elif tok.text == "enum":
                self.enum()
            else:
                self.err(tok.line, "expected a definition (const, typedef, struct, union, enum), got %r" % tok)
        return self.defs

    def type_spec(self):
        """Returns (type name, line); base types keep their XDR spelling."""
        tok = self.next()
        if tok.kind != "ident":
            self.err(tok.line, "expected a type, got %r" % tok)
        if tok.text == "unsigned":
            nxt = self.peek()
            if nxt.text in ("int", "hyper", "char", "short"):
                self.next()
                return "unsigned " + nxt.text, tok.line
            return "unsigned int", tok.line
        if tok.text in ("struct", "union", "enum"):
            self.err(tok.line, "inline '%s' types are not supported; name it first" % tok.text)
        return tok.text, tok.line

    def declaration(self):
        first = self.peek()
        if first.text == "void":
            self.next()
            return Decl("void", None, None, None, first.line)
        type_, line = self.type_spec()
        if type_ in ("string", "opaque"):
            name = self.ident("a name").text
            if type_ == "string":
                self.expect("<")
                size = None
                if self.peek().text != ">":
                    _, size = self.value()
                self.expect(">")
                return Decl("string", type_, name, size, line)
            tok = self.next()
            if tok.text == "[":
                _, size = self.value()
                self.expect("]")
                return Decl("opaque_fixed", type_, name, size, line)
            if tok.text == "<":
                size = None
                if self.peek().text != ">":
                    _, size = self.value()
                self.expect(">")
                return Decl("opaque_var", type_, name, size, line)
            self.err(tok.line, "opaque '%s' needs a size: [N] or <N>" % name)
        if self.peek().text == "*":
            self.next()
            name = self.ident("a name").text
            return Decl("optional", type_, name, None, line)
        name = self.ident("a name").text
        if self.peek().text == "[":
            self.next()
            _, size = self.value()
            self.expect("]")
            return Decl("fixed", type_, name, size, line)
        if self.peek().text == "<":
            self.next()
            size = None
            if self.peek().text != ">":
                _, size = self.value()
            self.expect(">")
            return Decl("var", type_, name, size, line)
        return Decl("plain", type_, name, None, line)

    def struct(self):
        name = self.ident("struct name")
        self.expect("{")
        members = []
        seen = set()
        while self.peek().text != "}":
            if self.peek().kind == "eof":
                self.err(self.peek().line, "unterminated struct '%s'" % name.text)
            decl = self.declaration()
            if decl.kind == "void":
                self.err(decl.line, "void member in struct '%s'" % name.text)
            if decl.name in seen:
                self.err(decl.line, "duplicate member '%s' in struct '%s'" % (decl.name, name.text))
            seen.add(decl.name)
            self.expect(";")
            members.append(decl)
        self.expect("}")
        self.expect(";")
        if not members:
            self.err(name.line, "struct '%s' has no members" % name.text)
        d = Definition("struct", name.text, name.line)
        d.members = members
        self.define(d)

    def union(self):
        name = self.ident("union name")
        self.expect("switch")
        self.expect("(")
        dtype, dline = self.type_spec()
        dname = self.ident("discriminant name").text
        self.expect(")")
        self.expect("{")
        arms = []          # (value or None for default, text, decl)
        seen = {}
        while self.peek().text != "}":
            tok = self.next()
            if tok.text == "case":
                val, text = self.value()
                self.expect(":")
                if val in seen:
                    self.err(tok.line, "duplicate case %s in union '%s'" % (text, name.text))
                seen[val] = text
                labels = [(val, text)]
                # several labels may share one arm
                while self.peek().text == "case":
                    t2 = self.next()
                    v2, x2 = self.value()
                    self.expect(":")
                    if v2 in seen:
                        self.err(t2.line, "duplicate case %s in union '%s'" % (x2, name.text))
                    seen[v2] = x2
                    labels.append((v2, x2))
            elif tok.text == "default":
                self.expect(":")
                if None in seen:
                    self.err(tok.line, "second default in union '%s'" % name.text)
                seen[None] = "default"
                labels = [(None, "default")]
            else:
                self.err(tok.line, "expected 'case' or 'default', got %r" % tok)
            decl = self.declaration()
            self.expect(";")
            arms.append((labels, decl))
        self.expect("}")
        self.expect(";")
        d = Definition("union", name.text, name.line)
        d.dtype, d.dname, d.dline, d.arms = dtype, dname, dline, arms
        self.define(d)

    def annotation(self, line):
        for cline, text in self.comments:
            if cline == line and (text.startswith("api:") or text.startswith("access:")):
                return text
        return None

    def enum(self):
        name = self.ident("enum name")
        self.expect("{")
        values = []
        seen_vals = {}
        while True:
            vname = self.ident("enumerator name")
            self.expect("=")
            val, _ = self.value()
            if vname.text in self.names or vname.text in [v[0] for v in values]:
                self.err(vname.line, "'%s' is already defined" % vname.text)
            if val in seen_vals:
                self.err(vname.line, "value %d of '%s' already used by '%s'"
                         % (val, vname.text, seen_vals[val]))
            seen_vals[val] = vname.text
            values.append((vname.text, val, vname.line, self.annotation(vname.line)))
            self.consts[vname.text] = val
            tok = self.next()
            if tok.text == "}":
                break
            if tok.text != ",":
                self.err(tok.line, "expected ',' or '}', got %r" % tok)
            if self.peek().text == "}":
                self.next()
                break
        self.expect(";")
        d = Definition("enum", name.text, name.line)
        d.values = values
        self.define(d)


# ---------------------------------------------------------------- checks

def read_api_access(path):
    """Function name -> 'ro' / 'rw' from abi/libvirt.api (records only)."""
    access = {}
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.split("#", 1)[0].strip()
            if not line or line.startswith("@"):
                continue
            fields = line.split()
            # rw@ARG: read-write, refused right after ARG's checks
            if len(fields) >= 3:
                fields[2] = fields[2].split("@", 1)[0]
            if len(fields) < 4 or fields[2] not in ("ro", "rw"):
                continue
            # the prototype's name, not the one of a via= annotation
            m = re.search(r"\b(vir\w+)\s*\(", re.sub(r"\bvia=\S+?\(.*?\)", "", line))
            if m:
                access[m.group(1)] = fields[2]
    return access


class Model:
    def __init__(self, defs, fname, access):
        self.defs = defs
        self.fname = fname
        self.byname = {d.name: d for d in defs}
        self.programs = []          # (prefix, enum definition, [Proc])
        self.check_types()
        self.build_programs(access)

    def err(self, line, msg):
        raise ProtoError("%s:%d: %s" % (self.fname, line, msg))

    def resolve(self, type_, line, order=None, defined=None):
        if type_ in BASE_TYPES:
            return
        d = self.byname.get(type_)
        if d is None or d.kind == "const":
            self.err(line, "unknown type '%s'" % type_)
        if defined is not None and type_ not in defined:
            self.err(line, "type '%s' is used by value before its definition" % type_)

    def check_decl(self, decl, defined):
        if decl.kind in ("void", "string", "opaque_fixed", "opaque_var"):
            return
        by_value = decl.kind in ("plain", "fixed")
        self.resolve(decl.type, decl.line, defined=defined if by_value else None)

    def check_types(self):
        defined = set()
        for d in self.defs:
            if d.kind == "typedef":
                self.check_decl(d.decl, defined)
            elif d.kind == "struct":
                for m in d.members:
                    self.check_decl(m, defined)
            elif d.kind == "union":
                if d.dtype not in ("int", "unsigned int", "bool") and \
                        getattr(self.byname.get(d.dtype), "kind", None) != "enum":
                    self.err(d.dline, "union '%s' discriminant must be int, unsigned int, bool or an enum"
                             % d.name)
                for _, decl in d.arms:
                    self.check_decl(decl, defined)
            defined.add(d.name)

    def build_programs(self, access):
        for d in self.defs:
            if d.kind != "enum" or not d.name.endswith("_procedure"):
                for v in getattr(d, "values", []):
                    if v[3]:
                        self.err(v[2], "annotation outside a procedure enum")
                continue
            prefix = d.name[:-len("_procedure")]
            want = prefix.upper() + "_PROC_"
            procs = []
            for vname, val, line, note in d.values:
                if not vname.startswith(want):
                    self.err(line, "procedure '%s' does not start with %s" % (vname, want))
                if val <= 0:
                    self.err(line, "procedure '%s' must have a positive number" % vname)
                p = Proc(vname[len(want):], val, line)
                base = prefix + "_" + p.name.lower()
                for suffix, names in (("args", ("args", "msg")), ("ret", ("ret",))):
                    found = [self.byname[base + "_" + n] for n in names
                             if base + "_" + n in self.byname]
                    if len(found) > 1:
                        self.err(line, "procedure '%s' has both %s and %s"
                                 % (vname, found[0].name, found[1].name))
                    t = found[0] if found else None
                    if t is not None and t.kind not in ("struct", "typedef", "union"):
                        self.err(t.line, "'%s' must be a struct" % t.name)
                    setattr(p, suffix, t.name if t is not None else None)
                if note:
                    for word in note.split():
                        key, sep, val2 = word.partition(":")
                        if not sep or not val2:
                            self.err(line, "bad annotation '%s' (want api:NAME or access:ro|rw)" % word)
                        if key == "api":
                            if val2 != "-" and not re.match(r"^vir[A-Za-z0-9_]+$", val2):
                                self.err(line, "bad api name '%s'" % val2)
                            p.api = None if val2 == "-" else val2
                        elif key == "access":
                            if val2 not in ("ro", "rw"):
                                self.err(line, "access must be ro or rw, not '%s'" % val2)
                            p.access = val2
                        else:
                            self.err(line, "unknown annotation '%s'" % key)
                acc = p.access or (access.get(p.api) if p.api else None)
                p.mutating = acc != "ro"
                procs.append(p)
            self.programs.append((prefix, d, sorted(procs, key=lambda p: p.number)))


# ---------------------------------------------------------------- output

HEAD_NOTE = "/* Generated by abi/gen/xdrgen.py from %s: do not edit. */\n"


def c_name(type_):
    return BASE_TYPES[type_][0] if type_ in BASE_TYPES else type_


def codec_of(type_):
    return BASE_TYPES[type_][1] if type_ in BASE_TYPES else "virtXDR_" + type_


def any_codec_of(type_):
    if type_ in BASE_TYPES:
        return BASE_TYPES[type_][1].replace("virtXDR", "virtXDRAny", 1)
    return "virtXDRAny_" + type_


def c_member(decl, indent="    "):
    """The C declaration of one member (no trailing semicolon)."""
    k = decl.kind
    if k == "plain":
        return "%s%s %s" % (indent, c_name(decl.type), decl.name)
    if k == "fixed":
        return "%s%s %s[%s]" % (indent, c_name(decl.type), decl.name, decl.size)
    if k == "optional":
        return "%s%s *%s" % (indent, c_name(decl.type), decl.name)
    if k == "string":
        return "%schar *%s" % (indent, decl.name)
    if k == "opaque_fixed":
        return "%sunsigned char %s[%s]" % (indent, decl.name, decl.size)
    if k == "opaque_var":
        return "%sstruct {\n%s    uint32_t %s_len;\n%s    char *%s_val;\n%s} %s" % (
            indent, indent, decl.name, indent, decl.name, indent, decl.name)
    if k == "var":
        return "%sstruct {\n%s    uint32_t %s_len;\n%s    %s *%s_val;\n%s} %s" % (
            indent, indent, decl.name, indent, c_name(decl.type), decl.name, indent, decl.name)
    raise AssertionError(k)


def c_codec_call(decl, ref):
    """An expression running decl's codec on the member designated by ref
    (an lvalue such as v->name or (*v))."""
    k = decl.kind
    size = decl.size if decl.size else "0"
    if k == "plain":
        return "%s(x, &%s)" % (codec_of(decl.type), ref)
    if k == "optional":
        return "virtXDROptional(x, (void **)&%s, sizeof(%s), %s)" % (
            ref, c_name(decl.type), any_codec_of(decl.type))
    if k == "string":
        return "virtXDRString(x, &%s, %s)" % (ref, size)
    if k == "opaque_fixed":
        return "virtXDROpaqueFixed(x, %s, %s)" % (ref, size)
    if k == "opaque_var":
        return "virtXDROpaqueVar(x, (void **)&%s.%s_val, &%s.%s_len, %s)" % (
            ref, decl.name, ref, decl.name, size)
    if k == "var":
        return "virtXDRArray(x, (void **)&%s.%s_val, &%s.%s_len, %s, sizeof(%s), %s)" % (
            ref, decl.name, ref, decl.name, size, c_name(decl.type), any_codec_of(decl.type))
    if k == "fixed":
        return "virtXDRVector(x, %s, %s, sizeof(%s), %s)" % (
            ref, size, c_name(decl.type), any_codec_of(decl.type))
    raise AssertionError(k)


def guard_of(header_name):
    return "VIRT_" + re.sub(r"[^A-Za-z0-9]", "_", header_name).upper()


def header(model, proto_name, header_name):
    guard = guard_of(header_name)
    out = [HEAD_NOTE % proto_name,
           "#ifndef %s\n#define %s\n\n" % (guard, guard),
           "#include <stdbool.h>\n#include <stddef.h>\n#include <stdint.h>\n\n",
           '#include "xdr.h"\n\n']
    aggregates = [d for d in model.defs if d.kind in ("struct", "union")]
    for d in aggregates:
        out.append("typedef struct %s %s;\n" % (d.name, d.name))
    out.append("\n")
    for d in model.defs:
        if d.kind == "const":
            out.append("#define %s %d\n" % (d.name, d.value))
        elif d.kind == "enum":
            out.append("typedef enum %s {\n" % d.name)
            for vname, val, _, _ in d.values:
                out.append("    %s = %d,\n" % (vname, val))
            out.append("} %s;\n" % d.name)
        elif d.kind == "typedef":
            decl = d.decl
            if decl.kind in ("var", "opaque_var"):
                out.append("typedef %s;\n" % c_member(decl, "").strip())
            else:
                out.append("typedef %s;\n" % c_member(decl, ""))
        elif d.kind == "struct":
            out.append("struct %s {\n" % d.name)
            for m in d.members:
                out.append(c_member(m) + ";\n")
            out.append("};\n")
        elif d.kind == "union":
            out.append("struct %s {\n    %s %s;\n    union {\n" % (d.name, c_name(d.dtype), d.dname))
            for _, decl in d.arms:
                if decl.kind != "void":
                    out.append(c_member(decl, "        ") + ";\n")
            out.append("    } %s_u;\n};\n" % d.name)
        if d.kind != "const":
            out.append("\n")
    out.append("\n/* Codecs: encode, decode or free per x->op (core/rpc/xdr.h). */\n")
    for d in model.defs:
        if d.kind == "const":
            continue
        out.append("bool virtXDR_%s(virtXDR *x, %s *v);\n" % (d.name, d.name))
        out.append("bool virtXDRAny_%s(virtXDR *x, void *v);\n" % d.name)
        out.append("void virtXDRFree_%s(%s *v);\n" % (d.name, d.name))
    out.append("\n/* Procedure tables, sorted by number. */\n")
    for prefix, _, _ in model.programs:
        cp = camel(prefix)
        out.append("extern const virtRPCProcedure virt%sProcedures[];\n" % cp)
        out.append("extern const size_t virt%sProceduresCount;\n" % cp)
        out.append("const virtRPCProcedure *virt%sProcedureLookup(int proc);\n" % cp)
    out.append("\n#endif /* %s */\n" % guard)
    return "".join(out)


def camel(prefix):
    return "".join(p[:1].upper() + p[1:] for p in prefix.split("_"))


def source(model, proto_name, header_name):
    out = [HEAD_NOTE % proto_name, '#include "%s"\n\n' % header_name]
    for d in model.defs:
        if d.kind == "const":
            continue
        out.append("bool\nvirtXDR_%s(virtXDR *x, %s *v)\n{\n" % (d.name, d.name))
        if d.kind == "enum":
            out.append("    int32_t e = (int32_t)*v;\n"
                       "    if (!virtXDREnum(x, &e))\n        return false;\n"
                       "    *v = (%s)e;\n    return true;\n" % d.name)
        elif d.kind == "typedef":
            out.append("    return %s;\n" % c_codec_call(d.decl, "(*v)"))
        elif d.kind == "struct":
            for m in d.members:
                out.append("    if (!%s)\n        return false;\n" % c_codec_call(m, "v->" + m.name))
            out.append("    return true;\n")
        elif d.kind == "union":
            out.append("    if (!%s(x, &v->%s))\n        return false;\n" % (codec_of(d.dtype), d.dname)
                       if d.dtype in BASE_TYPES else
                       "    if (!virtXDR_%s(x, &v->%s))\n        return false;\n" % (d.dtype, d.dname))
            out.append("    switch ((int64_t)v->%s) {\n" % d.dname)
            has_default = False
            for labels, decl in d.arms:
                for val, text in labels:
                    if val is None:
                        has_default = True
                        out.append("    default:\n")
                    else:
                        out.append("    case %s:\n" % text)
                if decl.kind == "void":
                    out.append("        return true;\n")
                else:
                    out.append("        return %s;\n" % c_codec_call(decl, "v->%s_u.%s" % (d.name, decl.name)))
            if not has_default:
                out.append("    default:\n        x->error = \"unknown union discriminant\";\n"
                           "        return false;\n")
            out.append("    }\n")
        out.append("}\n\n")
        out.append("bool\nvirtXDRAny_%s(virtXDR *x, void *v)\n{\n    return virtXDR_%s(x, v);\n}\n\n"
                   % (d.name, d.name))
        out.append("void\nvirtXDRFree_%s(%s *v)\n{\n    virtXDRFreeWith(virtXDRAny_%s, v);\n}\n\n"
                   % (d.name, d.name, d.name))
    for prefix, _, procs in model.programs:
        cp = camel(prefix)
        out.append("const virtRPCProcedure virt%sProcedures[] = {\n" % cp)
        for p in procs:
            args = ("virtXDRAny_%s, sizeof(%s)" % (p.args, p.args)) if p.args else "NULL, 0"
            ret = ("virtXDRAny_%s, sizeof(%s)" % (p.ret, p.ret)) if p.ret else "NULL, 0"
            api = '"%s"' % p.api if p.api else "NULL"
            out.append('    { %d, "%s", %s, %s, %s, %s },\n'
                       % (p.number, p.name, api, "true" if p.mutating else "false", args, ret))
        if not procs:
            out.append("    { 0, NULL, NULL, true, NULL, 0, NULL, 0 },\n")
        out.append("};\n\nconst size_t virt%sProceduresCount = %d;\n\n" % (cp, len(procs)))
        out.append("const virtRPCProcedure *\nvirt%sProcedureLookup(int proc)\n{\n"
                   "    size_t lo = 0, hi = virt%sProceduresCount;\n\n"
                   "    while (lo < hi) {\n"
                   "        size_t mid = lo + (hi - lo) / 2;\n"
                   "        if (virt%sProcedures[mid].proc == proc)\n"
                   "            return &virt%sProcedures[mid];\n"
                   "        if (virt%sProcedures[mid].proc < proc)\n"
                   "            lo = mid + 1;\n"
                   "        else\n"
                   "            hi = mid;\n"
                   "    }\n    return NULL;\n}\n\n" % (cp, cp, cp, cp, cp))
    return "".join(out)


# ---------------------------------------------------------------- samples

class Sampler:
    """Builds one valid XDR encoding per type (and per union arm), with
    deterministic values, for the codec round-trip tests."""

    def __init__(self, model):
        self.model = model
        self.counter = 0

    def const(self, text):
        if text is None:
            return None
        return int(text, 0) if re.match(r"^-?[0-9]", text) else self.model.byname[text].value

    def u32(self, v):
        return (v & 0xffffffff).to_bytes(4, "big")

    def tick(self):
        self.counter += 1
        return self.counter

    def opaque(self, n):
        data = bytes((self.tick() * 7 + i) & 0xff for i in range(n))
        return data + b"\0" * ((4 - n % 4) % 4)

    def base(self, t):
        n = self.tick()
        if t in ("hyper", "unsigned hyper"):
            return (n * 0x0101010101 + 0x100000000).to_bytes(8, "big")
        if t == "double":
            return (0x4000000000000000 + n).to_bytes(8, "big")
        if t == "bool":
            return self.u32(1)
        if t in ("char", "short", "int"):
            return self.u32(-n if t != "char" else n & 0x7f)
        if t in ("unsigned char",):
            return self.u32(n & 0xff)
        if t in ("unsigned short",):
            return self.u32(n & 0xffff)
        return self.u32(n)

    def count(self, size):
        limit = self.const(size)
        return 2 if limit is None or limit >= 2 else limit

    def decl(self, d, arm=0):
        k = d.kind
        if k == "void":
            return b""
        if k == "string":
            limit = self.const(d.size)
            text = ("s%d" % self.tick()).encode()
            if limit is not None:
                text = text[:limit]
            return self.u32(len(text)) + text + b"\0" * ((4 - len(text) % 4) % 4)
        if k == "opaque_fixed":
            return self.opaque(self.const(d.size))
        if k == "opaque_var":
            n = min(self.const(d.size) or 5, 5)
            return self.u32(n) + self.opaque(n)
        if k == "plain":
            return self.type(d.type)
        if k == "optional":
            return self.u32(1) + self.type(d.type)
        if k == "fixed":
            return b"".join(self.type(d.type) for _ in range(self.const(d.size)))
        if k == "var":
            n = self.count(d.size)
            return self.u32(n) + b"".join(self.type(d.type) for _ in range(n))
        raise AssertionError(k)

    def type(self, name, arm=0):
        if name in BASE_TYPES:
            return self.base(name)
        d = self.model.byname[name]
        if d.kind == "enum":
            return self.u32(d.values[0][1])
        if d.kind == "typedef":
            return self.decl(d.decl)
        if d.kind == "struct":
            return b"".join(self.decl(m) for m in d.members)
        if d.kind == "union":
            labels, decl = d.arms[arm % len(d.arms)]
            val = labels[0][0]
            if val is None:         # default arm: a value no case uses
                used = {v for ls, _ in d.arms for v, _ in ls if v is not None}
                val = max(used | {0}) + 1
            return self.u32(val) + self.decl(decl)
        raise AssertionError(name)


def samples(model):
    sampler = Sampler(model)
    out = [HEAD_NOTE % "the protocol description",
           "/* One valid encoding per type and union arm, for tests. */\n",
           "typedef struct {\n    const char *name;\n    virtXDRCodec codec;\n"
           "    size_t size;\n    const char *bytes;\n    size_t len;\n} virtXDRSample;\n\n",
           "static const virtXDRSample virtXDRSamples[] = {\n"]
    for d in model.defs:
        if d.kind == "const":
            continue
        arms = len(d.arms) if d.kind == "union" else 1
        for arm in range(arms):
            data = sampler.type(d.name, arm)
            text = "".join("\\x%02x" % b for b in data)
            out.append('    { "%s", virtXDRAny_%s, sizeof(%s),\n      "%s", %d },\n'
                       % (d.name, d.name, d.name, text, len(data)))
    out.append("};\n")
    return "".join(out)


def load_model(proto, api):
    """The model of PROTO_FILE, which may name several files joined by
    ':', read in that order: a later one (abi/admin.proto) uses the types
    of the first. Raises ProtoError or OSError."""
    defs, names = [], []
    for path in proto.split(":"):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        names.append(os.path.basename(path))
        defs += Parser(text, names[-1]).parse()
    return Model(defs, " and ".join(names), read_api_access(api))


def main(argv):
    if len(argv) != 5 or argv[3] not in ("header", "source", "samples"):
        sys.stderr.write("usage: xdrgen.py PROTO_FILE API_FILE header|source|samples OUTPUT\n")
        return 2
    proto, api, command, output = argv[1:]
    try:
        model = load_model(proto, api)
        pname = model.fname
    except ProtoError as e:
        sys.stderr.write("error: %s\n" % e)
        return 1
    except OSError as e:
        sys.stderr.write("error: %s\n" % e)
        return 1
    # The header's name follows the output's: remote_protocol.c includes
    # remote_protocol.h.
    header_name = os.path.splitext(os.path.basename(output))[0] + ".h"
    if command == "header":
        result = header(model, pname, header_name)
    elif command == "samples":
        result = samples(model)
    else:
        result = source(model, pname, header_name)
    tmp = output + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(result)
    os.replace(tmp, output)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
