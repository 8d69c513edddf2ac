#!/usr/bin/env python3
"""xmlgen.py: read one XML document kind's descriptions (abi/xml/KIND/*.xd,
the language of abi/xml/README.md) and write its C structures (KIND_model.h),
the descriptor tables the engine in core/xml/xml_model.c walks
(KIND_model.c), and its RelaxNG grammar (KIND.rng).

usage: xmlgen.py XMLDIR KIND OUT_H OUT_C OUT_RNG
       xmlgen.py --registry OUT_C KIND...
"""
import os
import re
import sys

C_WORDS = set('''auto break case char const continue default do double else enum
extern float for goto if inline int long register restrict return short signed
sizeof static struct switch typedef union unsigned void volatile while bool true
false'''.split())

SCALARS = ('string', 'enum', 'int', 'uint', 'ullong', 'yesno', 'onoff', 'uuid',
           'mac', 'scaled')
UNITS = tuple('b bytes KB k K KiB MB M MiB GB G GiB TB T TiB PB P PiB EB E EiB'.split())
KIND_CAMEL = {
    'domain': 'Domain', 'network': 'Network', 'networkport': 'NetworkPort',
    'storagepool': 'StoragePool', 'storagevol': 'StorageVol',
    'storagepoolcaps': 'StoragePoolCaps', 'nodedev': 'NodeDevice',
    'secret': 'Secret', 'interface': 'Interface', 'nwfilter': 'NWFilter',
    'nwfilterbinding': 'NWFilterBinding', 'domainsnapshot': 'DomainSnapshot',
    'domaincheckpoint': 'DomainCheckpoint', 'domainbackup': 'DomainBackup',
    'capability': 'Caps', 'domaincaps': 'DomainCaps',
}
ERR_CODES = {
    'VIR_ERR_XML_ERROR', 'VIR_ERR_XML_DETAIL', 'VIR_ERR_CONFIG_UNSUPPORTED',
    'VIR_ERR_INVALID_ARG', 'VIR_ERR_INTERNAL_ERROR', 'VIR_ERR_NO_NAME',
    'VIR_ERR_OPERATION_UNSUPPORTED',
}


class DescError(Exception):
    pass


def camel(s):
    return ''.join(p[:1].upper() + p[1:] for p in re.split(r'[^A-Za-z0-9]+', s) if p)


def cfield(s):
    f = re.sub(r'[^A-Za-z0-9_]', '_', s)
    if f[0].isdigit():
        f = '_' + f
    return f + '_' if f in C_WORDS else f


class Elem:
    def __init__(self, name, xml, where):
        self.name = name          # key among the kind's named elements
        self.xml = xml            # element name as written, maybe PREFIX:local
        self.items = []
        self.opts = {}
        self.where = where
        self.cname = None
        self.kind = None


class Item:
    def __init__(self, what, name, where):
        self.what = what          # attr | text | child | variant
        self.name = name
        self.where = where
        self.mult = '1'
        self.type = None          # scalar name, 'flag', 'any', 'ref', 'inline'
        self.arg = None           # enum name, scaled unit, ref name
        self.elem = None          # inline Elem or resolved ref
        self.opts = {}
        self.items = []           # variant body
        self.values = []          # variant values
        self.field = None


def tokens(line):
    out, cur, q = [], '', None
    for ch in line:
        if q:
            if ch == q:
                q = None
            else:
                cur += ch
        elif ch in '\'"':
            q = ch
        elif ch.isspace():
            if cur:
                out.append(cur)
            cur = ''
        else:
            cur += ch
    if q:
        raise DescError('unterminated quote')
    if cur:
        out.append(cur)
    return out


def strip_comment(line):
    m = re.search(r'(^|\s)#(?!text\b)', line)
    if m:
        # a # inside quotes is text, not a comment
        pre = line[:m.start()]
        if pre.count("'") % 2 == 0 and pre.count('"') % 2 == 0:
            return line[:m.start()]
    return line


class Kind:
    def __init__(self, name):
        self.name = name
        self.camel = KIND_CAMEL.get(name, camel(name))
        self.ns = {}              # prefix -> uri
        self.enums = {}           # name -> [values]
        self.parse_only = set()   # (enum, value) the grammar leaves out
        self.elems = {}           # name -> Elem
        self.root = None
        self.uses = []
        self.hooks = []

    def add_enum_values(self, name, words):
        # "~V": parsed and written, but absent from the grammar (libvirt's
        # parser knows a few values its schema does not allow)
        for w in words:
            if w.startswith('~'):
                w = w[1:]
                self.parse_only.add((name, w))
            self.enums[name].append(w)

    def load(self, path):
        stack = []                # [(indent, container)] container: Elem | Item(variant)
        last_enum = None
        with open(path) as f:
            for no, raw in enumerate(f, 1):
                where = '%s:%d' % (path, no)
                line = strip_comment(raw.rstrip('\n'))
                if not line.strip():
                    continue
                if '\t' in line[:len(line) - len(line.lstrip())]:
                    raise DescError('%s: tabs in indentation' % where)
                indent = len(line) - len(line.lstrip(' '))
                try:
                    t = tokens(line)
                except DescError as e:
                    raise DescError('%s: %s' % (where, e))
                if indent == 0:
                    stack = []
                    if t[0] == '+':
                        if last_enum is None:
                            raise DescError('%s: "+" continues no enum' % where)
                        self.add_enum_values(last_enum, t[1:])
                        continue
                    last_enum = None
                    if t[0] == 'ns' and len(t) == 3:
                        self.ns[t[1]] = t[2]
                    elif t[0] == 'enum' and len(t) >= 2 and t[1].endswith(':'):
                        last_enum = t[1][:-1]
                        if last_enum in self.enums:
                            raise DescError('%s: enum %s declared twice' % (where, last_enum))
                        self.enums[last_enum] = []
                        self.add_enum_values(last_enum, t[2:])
                    elif t[0] == 'root' and len(t) == 2:
                        if self.root:
                            raise DescError('%s: a second root' % where)
                        self.root = t[1]
                    elif t[0] == 'use' and len(t) == 2:
                        self.uses.append(t[1])
                    elif t[0] == 'element' and len(t) >= 2:
                        opts = self.options(t[2:], where)
                        e = Elem(t[1], opts.pop('xml', t[1]), where)
                        e.opts = opts
                        if t[1] in self.elems:
                            raise DescError('%s: element %s already described at %s'
                                            % (where, t[1], self.elems[t[1]].where))
                        self.elems[t[1]] = e
                        stack = [(0, e)]
                    else:
                        raise DescError('%s: cannot read "%s"' % (where, line.strip()))
                    continue
                while stack and stack[-1][0] >= indent:
                    stack.pop()
                if not stack:
                    raise DescError('%s: indented line outside an element' % where)
                parent = stack[-1][1]
                if isinstance(parent, Item) and parent.what == 'child':
                    # first line of an inline child's block
                    if parent.type is not None:
                        raise DescError('%s: a block under a child that has a type' % where)
                    parent.type = 'inline'
                    parent.elem = Elem(parent.name, parent.name, parent.where)
                    parent.elem.opts = {k: v for k, v in parent.opts.items()
                                        if k in ('struct', 'post', 'openclose')}
                    stack[-1] = (stack[-1][0], parent.elem)
                    parent = parent.elem
                body = parent.items
                it = self.item(t, where)
                body.append(it)
                if it.what == 'variant' or (it.what == 'child' and it.type is None):
                    stack.append((indent, it))
        # children declared without a type and without a block: empty elements
        for e in self.elems.values():
            self.close_empty(e)

    def close_empty(self, e):
        for it in e.items:
            if it.what == 'variant':
                self.close_empty_items(it.items)
            elif it.what == 'child' and it.type is None:
                it.type = 'inline'
                it.elem = Elem(it.name, it.name, it.where)
                it.elem.opts = {k: v for k, v in it.opts.items() if k in ('struct', 'post', 'openclose')}
            if it.what == 'child' and it.type == 'inline':
                self.close_empty(it.elem)

    def close_empty_items(self, items):
        fake = Elem('', '', '')
        fake.items = items
        self.close_empty(fake)

    def options(self, toks, where):
        opts = {}
        for tk in toks:
            if '=' in tk:
                k, v = tk.split('=', 1)
                opts[k] = v
            elif tk in ('required', 'expected', 'live', 'secure', 'openclose', 'unicast'):
                opts[tk] = True
            else:
                raise DescError('%s: unknown option "%s"' % (where, tk))
        return opts

    def item(self, t, where):
        head = t[0]
        if head == 'variant':
            if len(t) < 2 or '=' not in t[1]:
                raise DescError('%s: variant needs ATTR=V1|V2' % where)
            attr, vals = t[1].split('=', 1)
            it = Item('variant', attr, where)
            it.values = vals.split('|')
            it.opts = self.options(t[2:], where)
            return it
        if head.startswith('@'):
            it = Item('attr', head[1:], where)
            rest = t[1:]
        elif head == '#text':
            it = Item('text', 'text', where)
            rest = t[1:]
        else:
            name = head
            it = Item('child', name, where)
            if name[-1] in '?*+':
                it.mult = name[-1]
                it.name = name[:-1]
            rest = t[1:]
            if rest and rest[0] == '->':
                if len(rest) < 2:
                    raise DescError('%s: "->" names no element' % where)
                it.type, it.arg = 'ref', rest[1]
                it.opts = self.options(rest[2:], where)
                return it
            if rest and rest[0] in ('flag', 'any'):
                it.type = rest[0]
                it.opts = self.options(rest[1:], where)
                return it
            if not rest or '=' in rest[0] or rest[0] in ('required', 'live', 'secure', 'openclose'):
                it.opts = self.options(rest, where)
                return it            # inline: a block may follow
        if not rest:
            raise DescError('%s: %s needs a type' % (where, head))
        ty = rest[0]
        base, _, arg = ty.partition(':')
        if base not in SCALARS:
            raise DescError('%s: unknown type "%s"' % (where, ty))
        if base == 'enum' and not arg:
            raise DescError('%s: enum needs a name (enum:NAME)' % where)
        if base == 'scaled' and arg not in UNITS:
            raise DescError('%s: scaled unit must be one of %s' % (where, ', '.join(UNITS)))
        it.type, it.arg = base, arg or None
        it.opts = self.options(rest[1:], where)
        if it.what == 'attr' and it.mult != '1':
            raise DescError('%s: attributes take no ?/*/+' % where)
        return it


def load_kind(xmldir, name, cache):
    if name in cache:
        return cache[name]
    kdir = os.path.join(xmldir, name)
    if not os.path.isdir(kdir):
        raise DescError('no description folder %s' % kdir)
    k = Kind(name)
    cache[name] = k
    for fn in sorted(os.listdir(kdir)):
        if fn.endswith('.xd'):
            k.load(os.path.join(kdir, fn))
    for u in k.uses:
        load_kind(xmldir, u, cache)
    return k


class Gen:
    def __init__(self, kinds, kind):
        self.kinds = kinds
        self.k = kind
        self.order = []           # elements in definition order for C
        self.enum_ids = {}

    # -- resolution ----------------------------------------------------
    def lookup(self, name, where):
        if name in self.k.elems:
            return self.k, self.k.elems[name]
        for u in self.k.uses:
            uk = self.kinds[u]
            if name in uk.elems:
                return uk, uk.elems[name]
        raise DescError('%s: no element named "%s"' % (where, name))

    def enum_values(self, kind, name, where):
        for k in [kind] + [self.kinds[u] for u in kind.uses]:
            if name in k.enums:
                return k, k.enums[name]
        raise DescError('%s: no enum named "%s"' % (where, name))

    def grammar_values(self, kind, name, where):
        k, vals = self.enum_values(kind, name, where)
        return [v for v in vals if (name, v) not in k.parse_only]

    def resolve(self):
        for k in [self.k] + [self.kinds[u] for u in self.k.uses]:
            for name, e in k.elems.items():
                e.kind = k
                default = 'virt' + k.camel + ('' if name == k.name else camel(name))
                e.cname = e.opts.get('struct', default)
                self.resolve_items(k, e, e.items, e.cname)
        if not self.k.root:
            raise DescError('kind %s has no "root" line' % self.k.name)
        self.lookup(self.k.root, 'root')

    def resolve_items(self, k, e, items, cname):
        seen = {}
        for it in items:
            if it.what == 'variant':
                it.field = cfield(it.opts.get('as', it.values[0]))
                disc = [a for a in e.items if a.what == 'attr' and a.name == it.name]
                if not disc or disc[0].type != 'enum':
                    raise DescError('%s: variant on "%s", which is no enum attribute declared before it'
                                    % (it.where, it.name))
                _, vals = self.enum_values(k, disc[0].arg, it.where)
                for v in it.values:
                    if v not in vals:
                        raise DescError('%s: %s is not a value of %s' % (it.where, v, disc[0].arg))
                # inline children of a variant are named after it too
                self.resolve_items(k, e, it.items, cname + camel(it.field))
                continue
            it.field = cfield(it.opts.get('as', it.name))
            key = it.field
            if key in seen:
                raise DescError('%s: field "%s" clashes with %s (use as=)' % (it.where, key, seen[key]))
            seen[key] = it.where
            if it.type == 'enum':
                self.enum_values(k, it.arg, it.where)
            if it.type == 'ref':
                _, it.elem = self.lookup(it.arg, it.where)
            if it.type == 'inline':
                it.elem.kind = k
                it.elem.cname = it.elem.opts.get('struct', cname + camel(it.name))
                self.resolve_items(k, it.elem, it.elem.items, it.elem.cname)
            if it.what == 'child' and it.mult in '*+' and it.type not in ('string', 'enum', 'ref', 'inline', 'any'):
                raise DescError('%s: repeated children of type %s are not supported' % (it.where, it.type))
            if ':' in it.name and it.what == 'child':
                pre = it.name.split(':')[0]
                if pre not in k.ns:
                    raise DescError('%s: prefix "%s" has no ns line' % (it.where, pre))
            if 'err' in it.opts and it.opts['err'] not in ERR_CODES:
                raise DescError('%s: unknown error code %s' % (it.where, it.opts['err']))
            post = it.elem.opts.get('post') if it.type == 'inline' else None
            if post and post not in self.k.hooks:
                self.k.hooks.append(post)
        post = e.opts.get('post')
        if post and post not in self.k.hooks and e.kind is self.k:
            self.k.hooks.append(post)

    # -- C structures ----------------------------------------------------
    def all_elems(self):
        """Every struct (named and inline), children before parents."""
        out, seen = [], set()

        def visit(e):
            if id(e) in seen:
                return
            seen.add(id(e))
            for it in self.flat(e.items):
                if it.type == 'inline':
                    visit(it.elem)
            out.append(e)
        for k in [self.k]:
            for e in k.elems.values():
                visit(e)
        names = {}
        for e in out:
            if e.cname in names:
                raise DescError('%s: C type %s is also the type of %s (use struct=)'
                                % (e.where, e.cname, names[e.cname]))
            names[e.cname] = e.where
        return out

    def flat(self, items):
        for it in items:
            if it.what == 'variant':
                yield from self.flat(it.items)
            else:
                yield it

    def field_decl(self, it, ind):
        p = ' ' * ind
        f = it.field
        if it.type in ('ref', 'inline'):
            t = it.elem.cname
            if it.mult in '*+':
                return ['%s%s **%s;' % (p, t, f), '%ssize_t n%s;' % (p, f)]
            return ['%s%s *%s;' % (p, t, f)]
        if it.type == 'flag':
            return ['%sbool %s;' % (p, f)]
        if it.type == 'any':
            if it.mult in '*+':
                return ['%sxmlNodePtr *%s;' % (p, f), '%ssize_t n%s;' % (p, f)]
            return ['%sxmlNodePtr %s;' % (p, f)]
        if it.type in ('string', 'enum', 'mac'):
            if it.mult in '*+':
                return ['%schar **%s;' % (p, f), '%ssize_t n%s;' % (p, f)]
            return ['%schar *%s;' % (p, f)]
        if it.type in ('yesno', 'onoff'):
            return ['%sint %s;' % (p, f)]
        if it.type == 'uuid':
            return ['%sunsigned char %s[16];' % (p, f), '%sbool %s_set;' % (p, f)]
        ct = {'int': 'int', 'uint': 'unsigned int', 'ullong': 'unsigned long long',
              'scaled': 'unsigned long long'}[it.type]
        return ['%s%s %s;' % (p, ct, f), '%sbool %s_set;' % (p, f)]

    def struct_body(self, items, ind):
        lines = []
        for it in items:
            if it.what == 'variant':
                lines.append('%sstruct {   /* %s=%s */' % (' ' * ind, it.name, '|'.join(it.values)))
                lines += self.struct_body(it.items, ind + 4) or ['%schar unused_;' % (' ' * (ind + 4))]
                lines.append('%s} %s;' % (' ' * ind, it.field))
            else:
                lines += self.field_decl(it, ind)
        return lines

    def header(self):
        k = self.k
        g = 'VIRT_%s_MODEL_H' % k.name.upper()
        out = ['/* Generated by abi/gen/xmlgen.py from abi/xml/%s/: do not edit. */' % k.name,
               '#ifndef ' + g, '#define ' + g, '',
               '#include <stdbool.h>', '#include <stddef.h>', '#include <libxml/tree.h>', '',
               '#include "xml_model.h"']
        out += ['#include "%s_model.h"' % u for u in k.uses]
        out.append('')
        elems = self.all_elems()
        for e in elems:
            out.append('typedef struct %s %s;' % (e.cname, e.cname))
        out.append('')
        for e in elems:
            out.append('struct %s {' % e.cname)
            body = self.struct_body(e.items, 4)
            out += body or ['    char unused_;']
            out.append('};')
            out.append('')
        out.append('/* The kind: its root element, grammar and namespaces. */')
        out.append('extern const virtXMLKind virtXMLKind_%s;' % k.name)
        for e in elems:
            if e in k.elems.values():
                out.append('extern const virtXMLElem virtXMLElem_%s_%s;' % (k.name, cfield(e.name)))
        if k.hooks:
            out.append('')
            out.append('/* Hooks, written by hand in core/xml/hooks/. */')
            for h in k.hooks:
                out.append('int %s(void *obj, virtXMLModelCtx *ctx);' % h)
        out += ['', '#endif /* %s */' % g, '']
        return '\n'.join(out)

    # -- descriptor tables -------------------------------------------------
    def cstr(self, s):
        if s is None:
            return 'NULL'
        return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'

    def enum_table(self, kind, name):
        key = (kind.name, name)
        if key not in self.enum_ids:
            self.enum_ids[key] = 'virtXE_%s_%s' % (kind.name, cfield(name))
        return self.enum_ids[key]

    def elem_sym(self, e):
        if e.name in e.kind.elems and e.kind.elems[e.name] is e:
            return 'virtXMLElem_%s_%s' % (e.kind.name, cfield(e.name))
        return 'virtXI_%s' % e.cname

    def items_table(self, e, items, path, sym, out):
        rows = []
        for idx, it in enumerate(items):
            if it.what == 'variant':
                sub = '%s_v%d' % (sym, idx)
                self.items_table(e, it.items, path + it.field + '.', sub, out)
                disc = [a for a in e.items if a.what == 'attr' and a.name == it.name][0]
                vals = 'virtXV_%s' % sub
                out.append('static const char *const %s[] = { %s, NULL };'
                           % (vals, ', '.join(self.cstr(v) for v in it.values)))
                rows.append('    { .what = VIRT_XI_VARIANT, .name = %s, .values = %s, '
                            '.off = offsetof(%s, %s), .items = %s, .nitems = %d },'
                            % (self.cstr(it.name), vals, e.cname, path + disc.field,
                               sub, len(it.items)))
                continue
            what = {'attr': 'VIRT_XI_ATTR', 'text': 'VIRT_XI_TEXT'}.get(it.what)
            if it.what == 'child':
                what = {'flag': 'VIRT_XI_FLAG', 'any': 'VIRT_XI_ANY', 'ref': 'VIRT_XI_ELEM',
                        'inline': 'VIRT_XI_ELEM'}.get(it.type, 'VIRT_XI_CHILD')
            f = ['.what = ' + what]
            local, ns = it.name, None
            if it.what == 'child' and ':' in it.name:
                pre, local = it.name.split(':', 1)
                ns = e.kind.ns[pre]
                f.append('.prefix = ' + self.cstr(pre))
            f.append('.name = ' + self.cstr(local))
            if ns:
                f.append('.ns = ' + self.cstr(ns))
            f.append(".mult = '%s'" % it.mult)
            if it.type in SCALARS:
                f.append('.type = VIRT_XT_' + it.type.upper())
            if it.type == 'enum':
                ek, _ = self.enum_values(e.kind, it.arg, it.where)
                f.append('.enumv = ' + self.enum_table(ek, it.arg))
            if it.type == 'scaled':
                f.append('.unit = ' + self.cstr(it.arg))
            if it.opts.get('unicast') and it.type != 'mac':
                raise DescError('%s: unicast is for mac values' % it.where)
            fl = [x for x in ('required', 'live', 'secure', 'unicast') if it.opts.get(x)]
            if fl:
                f.append('.flags = ' + ' | '.join('VIRT_XI_' + x.upper() for x in fl))
            if 'default' in it.opts:
                f.append('.dflt = ' + self.cstr(it.opts['default']))
            if 'fmt' in it.opts:
                width = {'hex': 0, 'hex2': 2, 'hex4': 4, 'hex6': 6, 'hex8': 8}.get(it.opts['fmt'])
                if width is None:
                    raise DescError('%s: unknown fmt %s' % (it.where, it.opts['fmt']))
                f.append('.hex = 1, .width = %d' % width)
            if 'err' in it.opts:
                f.append('.err = ' + it.opts['err'])
            if 'msg' in it.opts:
                f.append('.msg = ' + self.cstr(it.opts['msg']))
            if 'missing' in it.opts:
                f.append('.missing = ' + self.cstr(it.opts['missing']))
            fld = path + it.field
            f.append('.off = offsetof(%s, %s)' % (e.cname, fld))
            if it.mult in '*+' and it.what == 'child':
                f.append('.off_n = offsetof(%s, %sn%s)' % (e.cname, path, it.field))
            if it.type in ('int', 'uint', 'ullong', 'scaled', 'uuid'):
                f.append('.off_set = offsetof(%s, %s_set)' % (e.cname, fld))
            if it.type in ('ref', 'inline'):
                f.append('.elem = &' + self.elem_sym(it.elem))
            rows.append('    { ' + ', '.join(f) + ' },')
        out.append('static const virtXMLItem %s[] = {' % sym)
        out += rows or ['    { .what = VIRT_XI_END },']
        out.append('};')

    def ctables(self):
        k = self.k
        body = []
        elems = self.all_elems()
        for e in elems:
            if self.elem_sym(e).startswith('virtXI_'):
                body.append('static const virtXMLElem %s;' % self.elem_sym(e))
        for e in elems:
            sym = 'virtXT_' + e.cname
            self.items_table(e, e.items, '', sym, body)
            local, ns, pre = e.xml, None, None
            if ':' in e.xml:
                pre, local = e.xml.split(':', 1)
                ns = e.kind.ns.get(pre)
            static = 'static ' if self.elem_sym(e).startswith('virtXI_') else ''
            post = e.opts.get('post')
            body.append('%sconst virtXMLElem %s = {' % (static, self.elem_sym(e)))
            body.append('    .name = %s, .ns = %s, .cname = %s, .size = sizeof(%s),'
                        % (self.cstr(local), self.cstr(ns), self.cstr(e.cname), e.cname))
            body.append('    .items = %s, .nitems = %d, .post = %s,%s'
                        % (sym, len(e.items) if e.items else 0, post or 'NULL',
                           ' .openclose = true,' if e.opts.get('openclose') else ''))
            body.append('};')
            body.append('')
        _, root = self.lookup(k.root, 'root')
        nsrows = ['    { %s, %s },' % (self.cstr(p), self.cstr(u)) for p, u in sorted(k.ns.items())]
        body.append('static const virtXMLNs virtXN_%s[] = {' % k.name)
        body += nsrows + ['    { NULL, NULL },', '};']
        body.append('const virtXMLKind virtXMLKind_%s = {' % k.name)
        body.append('    .name = %s, .root = &%s, .ns = virtXN_%s, .rng = virtXMLRng_%s,'
                    % (self.cstr(k.name), self.elem_sym(root), k.name, k.name))
        body.append('};')
        enums = []
        for (kn, en), sym in sorted(self.enum_ids.items(), key=lambda x: x[1]):
            vals = self.kinds[kn].enums[en]
            enums.append('static const char *const %s[] = { %s, NULL };'
                         % (sym, ', '.join(self.cstr(v) for v in vals)))
        head = ['/* Generated by abi/gen/xmlgen.py from abi/xml/%s/: do not edit. */' % k.name,
                '#include <stddef.h>', '', '#include <libvirt/virterror.h>', '',
                '#include "%s_model.h"' % k.name, '#include "%s-rng.h"' % k.name, '']
        return '\n'.join(head + enums + [''] + body) + '\n'

    # -- RelaxNG -----------------------------------------------------------
    def rng(self):
        k = self.k
        out = ['<?xml version="1.0"?>',
               '<!-- Generated by abi/gen/xmlgen.py from abi/xml/%s/: do not edit. -->' % k.name,
               '<grammar xmlns="http://relaxng.org/ns/structure/1.0" '
               'datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">',
               '  <start>', '    <ref name="%s"/>' % self.rng_def(self.lookup(k.root, 'root')[1]),
               '  </start>']
        done = set()
        todo = [self.lookup(k.root, 'root')[1]]
        while todo:
            e = todo.pop(0)
            d = self.rng_def(e)
            if d in done:
                continue
            done.add(d)
            out.append('  <define name="%s">' % d)
            out += self.rng_element(e, e.xml, 4, todo)
            out.append('  </define>')
        out += ['  <define name="anyContent">', '    <zeroOrMore>', '      <choice>',
                '        <attribute><anyName/></attribute>', '        <text/>',
                '        <element><anyName/><ref name="anyContent"/></element>',
                '      </choice>', '    </zeroOrMore>', '  </define>', '</grammar>', '']
        return '\n'.join(out)

    def rng_def(self, e):
        return '%s.%s' % (e.kind.name, e.name)

    def rng_name(self, kind, xml):
        if ':' in xml:
            pre, local = xml.split(':', 1)
            return '<element name="%s" ns="%s">' % (local, kind.ns[pre])
        return '<element name="%s">' % xml

    def rng_element(self, e, xml, ind, todo):
        p = ' ' * ind
        out = [p + self.rng_name(e.kind, xml)]
        body = self.rng_items(e, e.items, ind + 2, todo)
        kids = [it for it in e.items if it.what in ('child', 'variant')]
        if len(kids) > 1 or (kids and any(it.what == 'variant' for it in kids)):
            out += [p + '  <interleave>'] + ['  ' + ln for ln in body] + [p + '  </interleave>']
        else:
            out += body or [p + '  <empty/>']
        out.append(p + '</element>')
        return out

    def rng_data(self, kind, it, ind):
        p = ' ' * ind
        t = it.type
        if t == 'string':
            if 'pattern' in it.opts:
                return [p + '<data type="string">',
                        p + '  <param name="pattern">%s</param>' % it.opts['pattern'], p + '</data>']
            return [p + '<text/>']
        if t in ('int', 'uint') and ('min' in it.opts or 'max' in it.opts):
            d = [p + '<data type="%s">' % ('int' if t == 'int' else 'unsignedInt')]
            if 'min' in it.opts:
                d.append(p + '  <param name="minInclusive">%s</param>' % it.opts['min'])
            if 'max' in it.opts:
                d.append(p + '  <param name="maxInclusive">%s</param>' % it.opts['max'])
            return d + [p + '</data>']
        if t == 'enum':
            vals = self.grammar_values(kind, it.arg, it.where)
            return [p + '<choice>'] + [p + '  <value>%s</value>' % v for v in vals] + [p + '</choice>']
        if t in ('yesno', 'onoff'):
            a, b = ('yes', 'no') if t == 'yesno' else ('on', 'off')
            return [p + '<choice>', p + '  <value>%s</value>' % a, p + '  <value>%s</value>' % b, p + '</choice>']
        pat = {'int': r'[+\-]?[0-9]+',
               'uint': r'[0-9]+|0x[0-9a-fA-F]+',
               'ullong': r'[0-9]+|0x[0-9a-fA-F]+',
               'scaled': r'[0-9]+',
               'uuid': r'[a-fA-F0-9]{32}|[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}',
               'mac': r'[a-fA-F0-9]{2}(:[a-fA-F0-9]{2}){5}'}[t]
        if t == 'mac' and it.opts.get('unicast'):   # the first octet's low bit is clear
            pat = r'[a-fA-F0-9][02468aAcCeE](:[a-fA-F0-9]{2}){5}'
        return [p + '<data type="string">', p + '  <param name="pattern">%s</param>' % pat, p + '</data>']

    def rng_items(self, e, items, ind, todo, skip_attr=None):
        p = ' ' * ind
        out = []
        variants = {}
        for it in items:
            if it.what == 'variant':
                variants.setdefault(it.name, []).append(it)
        for it in items:
            if it.what == 'attr':
                if it.name in variants or it.name == skip_attr:
                    continue
                a = [p + '<attribute name="%s">' % it.name] + self.rng_data(e.kind, it, ind + 2) + [p + '</attribute>']
                needed = it.opts.get('required') or it.opts.get('expected')
                out += a if needed else self.wrap('optional', a, ind)
                if it.type == 'scaled':
                    out += self.wrap('optional', self.rng_unit(ind), ind)
            elif it.what == 'text':
                if it.type == 'scaled':
                    out += self.wrap('optional', self.rng_unit(ind), ind)
                out += self.rng_data(e.kind, it, ind)
            elif it.what == 'child':
                c = self.rng_child(e, it, ind, todo)
                m = {'1': None, '?': 'optional', '*': 'zeroOrMore', '+': 'oneOrMore'}[it.mult]
                out += self.wrap(m, c, ind) if m else c
            elif it.what == 'variant':
                if it is not variants[it.name][0]:
                    continue
                disc = [a for a in e.items if a.what == 'attr' and a.name == it.name][0]
                allv = self.grammar_values(e.kind, disc.arg, disc.where)
                covered = []
                out.append(p + '<choice>')
                for v in variants[it.name]:
                    covered += v.values
                    shown = [x for x in v.values if x in allv]
                    if not shown:
                        continue
                    g = [p + '    <attribute name="%s">' % it.name, p + '      <choice>']
                    g += [p + '        <value>%s</value>' % x for x in shown]
                    g += [p + '      </choice>', p + '    </attribute>']
                    body = self.rng_items(e, v.items, ind + 6, todo)
                    # a variant's children come in any order, as the element's own
                    if sum(1 for x in v.items if x.what in ('child', 'variant')) > 1:
                        body = [p + '    <interleave>'] + body + [p + '    </interleave>']
                    else:
                        body = [ln[2:] for ln in body]
                    g += body
                    out += [p + '  <group>'] + g + [p + '  </group>']
                rest = [x for x in allv if x not in covered]
                # 'expected' is required as far as the grammar goes
                needed = disc.opts.get('required') or disc.opts.get('expected')
                if rest or not needed:
                    g = []
                    if rest:
                        g = [p + '    <attribute name="%s">' % it.name, p + '      <choice>']
                        g += [p + '        <value>%s</value>' % x for x in rest]
                        g += [p + '      </choice>', p + '    </attribute>']
                        if not needed:
                            g = self.wrap('optional', [ln[2:] for ln in g], ind + 2)
                    out += [p + '  <group>'] + (g or [p + '    <empty/>']) + [p + '  </group>']
                out.append(p + '</choice>')
        return out

    def rng_unit(self, ind):
        p = ' ' * ind
        units = 'b bytes KB k K KiB MB M MiB GB G GiB TB T TiB PB P PiB EB E EiB'.split()
        return ([p + '<attribute name="unit">', p + '  <choice>'] +
                [p + '    <value>%s</value>' % u for u in units] +
                [p + '  </choice>', p + '</attribute>'])

    def wrap(self, tag, lines, ind):
        p = ' ' * ind
        return [p + '<%s>' % tag] + ['  ' + ln for ln in lines] + [p + '</%s>' % tag]

    def rng_child(self, e, it, ind, todo):
        p = ' ' * ind
        if it.type == 'ref':
            todo.append(it.elem)
            if it.name == it.elem.xml:
                return [p + '<ref name="%s"/>' % self.rng_def(it.elem)]
            # the same structure under another element name
            return self.rng_element(it.elem, it.name, ind, todo)
        if it.type == 'inline':
            return self.rng_element(it.elem, it.name, ind, todo)
        head = self.rng_name(e.kind, it.name)
        if it.type == 'flag':
            return [p + head, p + '  <empty/>', p + '</element>']
        if it.type == 'any':
            return [p + head, p + '  <ref name="anyContent"/>', p + '</element>']
        body = self.rng_data(e.kind, it, ind + 2)
        if it.type == 'scaled':
            body = self.wrap('optional', self.rng_unit(ind + 2), ind + 2) + body
        return [p + head] + body + [p + '</element>']


def registry(out, kinds):
    """The table of every generated kind, for lookups by name."""
    lines = ['/* Generated by abi/gen/xmlgen.py: do not edit. */', '#include <stddef.h>',
             '#include <string.h>', '', '#include "xml_model.h"', '']
    lines += ['extern const virtXMLKind virtXMLKind_%s;' % k for k in kinds]
    lines += ['', 'static const virtXMLKind *const kinds[] = {']
    lines += ['    &virtXMLKind_%s,' % k for k in kinds] + ['    NULL,', '};', '',
              'const virtXMLKind *virtXMLKindByName(const char *name)', '{',
              '    for (size_t i = 0; name && kinds[i]; i++)',
              '        if (strcmp(kinds[i]->name, name) == 0)',
              '            return kinds[i];', '    return NULL;', '}', '',
              'const virtXMLKind *virtXMLKindByRoot(const char *root)', '{',
              '    for (size_t i = 0; root && kinds[i]; i++)',
              '        if (strcmp(kinds[i]->root->name, root) == 0)',
              '            return kinds[i];', '    return NULL;', '}', '']
    with open(out + '.tmp', 'w') as f:
        f.write('\n'.join(lines))
    os.replace(out + '.tmp', out)
    return 0


def main(argv):
    if len(argv) == 3 and argv[1] == '--list':
        # a kind's description files, one per line; none while the kind
        # has no root line yet (a description still being written)
        names = sorted(f for f in os.listdir(argv[2]) if f.endswith('.xd'))
        if any(re.match(r'root\s', ln) for n in names for ln in open(os.path.join(argv[2], n))):
            print(','.join(names))
        return 0
    if len(argv) >= 3 and argv[1] == '--registry':
        return registry(argv[2], argv[3:])
    if len(argv) != 6:
        sys.stderr.write(__doc__)
        return 2
    xmldir, kind, out_h, out_c, out_rng = argv[1:]
    try:
        kinds = {}
        k = load_kind(xmldir, kind, kinds)
        g = Gen(kinds, k)
        g.resolve()
        h, c, r = g.header(), g.ctables(), g.rng()
    except DescError as e:
        sys.stderr.write('xmlgen: %s\n' % e)
        return 1
    for path, text in ((out_h, h), (out_c, c), (out_rng, r)):
        with open(path + '.tmp', 'w') as f:
            f.write(text)
        os.replace(path + '.tmp', path)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
