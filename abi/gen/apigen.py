#!/usr/bin/env python3
"""Generate the derived pieces of the public API from abi/libvirt.api.

Usage: apigen.py [--with API_FILE]... API_FILE COMMAND OUTPUT [INPUT]

API_FILE describes one library (libvirt.so.0 by default, or the one its
@library directive names). Each --with file is a companion library whose
dispatched records take hypervisor (or other) slots after those of
API_FILE, in the order given: 'module' and 'matrix' read them all, every
other command describes API_FILE alone.

Commands:
  header IN      fill @API_PROTOTYPES@ in a public header template
  module IN      fill @MODULE_TABLES@ in the virt-module.h template
  symfile        the linker version script
  entry          the C file with every dispatched public entry point
  prechecks      the header declaring the hooks of 'pre' records (core/precheck.c)
  matrix         the C table describing every function (for the support matrix)
  symbols        'NAME NODE' per exported symbol (for the export test)
  rocalls        a header calling every mutating function (for the read-only test)
  paritycalls    a header calling every dispatched function (for the parity table)

Errors name the file and line of the offending record and exit with 1.
parse() is also the reader of abi/gen/apixml.py (the API description XML).
"""
import os
import re
import sys

# Role in the description -> the label of its module table (virt<Label>Table).
ROLES = {"core": None, "data": None, "hv": "Hypervisor", "net": "Network",
         "storage": "Storage", "iface": "Interface", "nodedev": "NodeDevice",
         "secret": "Secret", "nwfilter": "NWFilter"}
# Dispatched roles, in the order their tables appear in virt-module.h.
# The error domain libvirt reports for argument, read-only and unsupported
# errors of a public function: its source file's, which follows the header.
HEADER_FROM = {
    "libvirt-host.h": "VIR_FROM_DOMAIN",     # libvirt-host.c reports as the domain file does
    "libvirt-domain.h": "VIR_FROM_DOMAIN",
    "libvirt-domain-snapshot.h": "VIR_FROM_DOMAIN_SNAPSHOT",
    "libvirt-domain-checkpoint.h": "VIR_FROM_DOMAIN_CHECKPOINT",
    "libvirt-network.h": "VIR_FROM_NETWORK",
    "libvirt-storage.h": "VIR_FROM_STORAGE",
    "libvirt-interface.h": "VIR_FROM_INTERFACE",
    "libvirt-nodedev.h": "VIR_FROM_NODEDEV",
    "libvirt-secret.h": "VIR_FROM_SECRET",
    "libvirt-nwfilter.h": "VIR_FROM_NWFILTER",
    "libvirt-stream.h": "VIR_FROM_STREAMS",
    "libvirt-event.h": "VIR_FROM_EVENT",
}


# Functions of libvirt-host.h that libvirt keeps in libvirt.c, whose errors
# carry no domain.
FUNC_FROM = {name: "VIR_FROM_NONE" for name in (
    "virInitialize", "virGetVersion", "virConnectOpen", "virConnectOpenReadOnly",
    "virConnectOpenAuth", "virConnectClose")}


def error_from(fn):
    return FUNC_FROM.get(fn.name, HEADER_FROM.get(fn.header, "VIR_FROM_NONE"))


DISPATCH = ["hv", "net", "storage", "iface", "nodedev", "secret", "nwfilter"]
ROLE_ENUM = {"hv": "VIRT_ROLE_HYPERVISOR", "net": "VIRT_ROLE_NETWORK",
             "storage": "VIRT_ROLE_STORAGE", "iface": "VIRT_ROLE_INTERFACE",
             "nodedev": "VIRT_ROLE_NODEDEV", "secret": "VIRT_ROLE_SECRET",
             "nwfilter": "VIRT_ROLE_NWFILTER"}
# Handle types the entry points validate (virtCheck<Kind>) and whose
# connection they find (virt<Kind>Conn).
OBJECT_TYPES = {
    "virConnectPtr": "Connect",
    "virDomainPtr": "Domain",
    "virNetworkPtr": "Network",
    "virNetworkPortPtr": "NetworkPort",
    "virStoragePoolPtr": "StoragePool",
    "virStorageVolPtr": "StorageVol",
    "virInterfacePtr": "Interface",
    "virNodeDevicePtr": "NodeDevice",
    "virSecretPtr": "Secret",
    "virNWFilterPtr": "NWFilter",
    "virNWFilterBindingPtr": "NWFilterBinding",
    "virDomainSnapshotPtr": "DomainSnapshot",
    "virDomainCheckpointPtr": "DomainCheckpoint",
}


class ApiError(Exception):
    pass


def private_helpers():
    """The core functions a companion library's generated entry points (and
    its hand-written ones) call: libvirt.so.0 exports them under its
    @private-node, for the libraries of the same build only."""
    names = ["virtCheck" + k for k in OBJECT_TYPES.values()]
    names += ["virtConn%sTable" % ROLES[r] for r in DISPATCH]
    names += ["virtReportNullArg", "virtReportRangeArg", "virtReportReadOnly",
              "virtReportExclusiveFlags", "virtReportRequiredFlag", "virtReportEmptyArg",
              "virtReportNoSupport", "virtDispatchError", "virtErrorRaise",
              # libvirt-admin.so.0 parses URIs and reports the daemon's
              # errors through the core
              "virtURIParse", "virtURIFree", "virtURIGetParam", "virtErrorSetVerbatim",
              "virtClientConfigPathOf", "virtConfRead", "virtConfGet", "virtConfFree"]
    return sorted(names)


def default_slot(name):
    """virDomainSuspend -> domainSuspend, as libvirt names driver slots."""
    base = name[3:]
    return base[0].lower() + base[1:]


class Arg:
    def __init__(self, text, where):
        text = text.strip()
        m = re.match(r"^(?P<decl>.*?[\s\*])(?P<name>[A-Za-z_]\w*)"
                     r"(?P<count>\[\*?[A-Za-z_]\w*\])?"
                     r"(?P<null>\?)?(?P<nonempty>!\"\")?(?P<check>(>=|>|!=)\d+)?(?P<upper><\d+)?(?P<after>@[A-Za-z_]\w*)?(?P<rwbits>!\d+)?(?P<setbits>\+\d+)?"
                     r"(?P<rules>(\^VIR_\w+\|VIR_\w+|:VIR_\w+>VIR_\w+)*)$", text)
        if not m:
            raise ApiError("%s: cannot parse argument '%s'" % (where, text))
        self.type = " ".join(m.group("decl").split())
        self.type = self.type.replace(" *", " *").strip()
        self.name = m.group("name")
        self.nullable = bool(m.group("null"))
        self.check = m.group("check")
        # const char *disk!"": a string that must not be NULL nor empty
        self.nonempty = bool(m.group("nonempty"))
        # eventID>=0<2: an upper bound too, checked after the lower one
        self.upper = m.group("upper")[1:] if m.group("upper") else None
        # eventID>=0<2@cb: checked once cb has been
        self.after = m.group("after")[1:] if m.group("after") else None
        # flags!1: these bits ask for something a read-only connection may
        # not have (libvirt's *_XML_SECURE), so they are refused there
        self.rwbits = int(m.group("rwbits")[1:]) if m.group("rwbits") else None
        # flags+4: the entry point adds these bits before the slot runs
        # (libvirt's VIR_TYPED_PARAM_STRING_OKAY: our drivers all take
        # string parameters)
        self.setbits = int(m.group("setbits")[1:]) if m.group("setbits") else None
        # names[maxnames]: an array that may be NULL only when its count is 0
        # names[*nparams]: the count is read through a pointer argument
        self.count = m.group("count")[1:-1] if m.group("count") else None
        self.count_deref = bool(self.count and self.count.startswith("*"))
        if self.count_deref:
            self.count = self.count[1:]
        self.is_pointer = "*" in self.type or self.type in OBJECT_TYPES \
            or self.type.endswith("Ptr") or self.type.endswith("Func") \
            or self.type.endswith("Callback")
        if self.count and (not self.is_pointer or self.nullable):
            raise ApiError("%s: [count] needs a non-nullable pointer, not '%s'" % (where, self.name))
        if self.nullable and not self.is_pointer:
            raise ApiError("%s: '?' on non-pointer argument '%s'" % (where, self.name))
        # int *nparams>0: a pointer to an integer that must not be NULL is
        # checked through the pointer (the check names '*nparams')
        self.deref = self.is_pointer and not self.nullable \
            and self.type in ("int *", "unsigned int *")
        if self.nonempty and (self.nullable or self.type not in ("const char *", "char *")):
            raise ApiError("%s: !\"\" needs a string that must not be NULL, not '%s'" % (where, self.name))
        if (self.check or self.upper) and self.is_pointer and not self.deref:
            raise ApiError("%s: range check on pointer argument '%s'" % (where, self.name))
        # flags^A|B: A and B are mutually exclusive; flags:A>B: A needs B
        self.rules = re.findall(r"([\^:])(VIR_\w+)[|>](VIR_\w+)", m.group("rules"))
        if self.rules and self.is_pointer:
            raise ApiError("%s: flag rules on pointer argument '%s'" % (where, self.name))
        if self.rwbits is not None and self.is_pointer:
            raise ApiError("%s: read-write bits on pointer argument '%s'" % (where, self.name))
        if self.setbits is not None and self.is_pointer:
            raise ApiError("%s: added bits on pointer argument '%s'" % (where, self.name))

    def c_decl(self):
        sep = "" if self.type.endswith("*") else " "
        return self.type + sep + self.name


class Via:
    """via=virFooFlags(arg, CONSTANT, ...): the record has no slot of its
    own; its entry point calls the slot of the named record, passing each
    argument as written: one of the record's own arguments (each used once,
    the handle first) or a constant (NULL, a number, VIR_ names joined
    with '|')."""
    def __init__(self, text, where):
        m = re.match(r"^(vir\w+)\((.*)\)$", text)
        if not m:
            raise ApiError("%s: cannot parse via '%s'" % (where, text))
        self.target = m.group(1)
        self.args = [a.strip() for a in m.group(2).split(",")] if m.group(2).strip() else []
        self.func = None          # the target Func, once resolved

    @staticmethod
    def constant(text):
        if text == "NULL" or re.match(r"^\d+$", text):
            return True
        return all(re.match(r"^VIR_[A-Z0-9_]+$", p.strip()) for p in text.split("|"))


class Func:
    def __init__(self, node, role, access, via, proto, header, where, prefix="LIBVIRT_"):
        # 'private': a slot and an entry point for the daemon, not exported
        self.private = node == "private"
        self.node = None if self.private else prefix + node
        self.role = role
        self.access = access
        self.where = where
        self.header = header
        m = re.match(r"^(?P<ret>.+?[\s\*])(?P<name>vir\w+)\s*\((?P<args>.*)\)\s*$", proto)
        if not m:
            raise ApiError("%s: cannot parse prototype '%s'" % (where, proto))
        self.ret = " ".join(m.group("ret").split())
        self.name = m.group("name")
        args = m.group("args").strip()
        self.args = [] if args in ("", "void") else \
            [Arg(a, where) for a in args.split(",")]
        self.via = via
        self.slot = default_slot(self.name)

    def c_args(self):
        return ", ".join(a.c_decl() for a in self.args) or "void"

    def c_proto(self):
        sep = "" if self.ret.endswith("*") else " "
        return "%s%s%s(%s)" % (self.ret, sep, self.name, self.c_args())

    def error_value(self):
        if self.ret.endswith("*") or self.ret.endswith("Ptr"):
            return "NULL"
        if self.ret.startswith("unsigned"):
            return "0"
        if self.ret == "void":
            return ""
        return "-1"


class Data:
    def __init__(self, node, ctype, name, header, where, prefix="LIBVIRT_"):
        self.node = prefix + node
        self.ret = ctype
        self.name = name
        self.header = header
        self.where = where
        self.role = "data"


class Library:
    """What the directives of one description say about its library."""

    def __init__(self):
        self.soname = "libvirt.so.0"
        self.prefix = "LIBVIRT_"        # version node names: PREFIX + number
        self.private_node = None        # node exporting the core's helpers
        self.companion = False


def parse(path, seen=None):
    funcs, versions, header, module = [], [], None, None
    lib = Library()
    seen = {} if seen is None else seen
    with open(path) as f:
        for lineno, raw in enumerate(f, 1):
            where = "%s:%d" % (path, lineno)
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            if line.startswith("@library"):
                parts = line.split()
                if len(parts) != 3 or versions or funcs:
                    raise ApiError("%s: @library takes a soname and a node prefix, "
                                   "before @versions and any record" % where)
                lib.soname, lib.prefix, lib.companion = parts[1], parts[2], True
                continue
            if line.startswith("@private-node"):
                parts = line.split()
                if len(parts) != 2:
                    raise ApiError("%s: @private-node takes one node name" % where)
                lib.private_node = parts[1]
                continue
            if line.startswith("@versions"):
                versions = [lib.prefix + v for v in line.split()[1:]]
                continue
            if line.startswith("@header"):
                parts = line.split()
                if len(parts) != 2:
                    raise ApiError("%s: @header takes one file name" % where)
                header = parts[1]
                module = re.sub(r"\.h$", "", header)
                continue
            if line.startswith("@module"):
                parts = line.split()
                if len(parts) != 2:
                    raise ApiError("%s: @module takes one name" % where)
                if header is None:
                    raise ApiError("%s: @module before any @header" % where)
                module = parts[1]
                continue
            if line.startswith("@"):
                raise ApiError("%s: unknown directive '%s'" % (where, line.split()[0]))
            parts = line.split(None, 3)
            if len(parts) < 4:
                raise ApiError("%s: expected NODE ROLE ACCESS PROTOTYPE" % where)
            node, role, access, rest = parts
            if role not in ROLES:
                raise ApiError("%s: unknown role '%s'" % (where, role))
            # rw@ARG: the read-only refusal comes right after ARG's checks
            ro_after = None
            if access.startswith("rw@"):
                access, ro_after = "rw", access[3:]
            if access not in ("ro", "rw"):
                raise ApiError("%s: access must be ro, rw or rw@ARGUMENT, not '%s'" % (where, access))
            if header is None:
                raise ApiError("%s: record before any @header" % where)
            if node == "private":
                if role not in DISPATCH:
                    raise ApiError("%s: a private record must be dispatched, not '%s'" % (where, role))
            elif lib.prefix + node not in versions:
                raise ApiError("%s: version node %s is not in @versions" % (where, node))
            via = None
            # nullok: a NULL from the slot is an answer, not a failure
            nullok = rest.startswith("nullok ")
            if nullok:
                if role not in DISPATCH:
                    raise ApiError("%s: 'nullok' on a %s record: only entry points call slots" % (where, role))
                rest = rest[7:].lstrip()
            precheck = rest.startswith("pre ")
            if precheck:
                if role not in DISPATCH:
                    raise ApiError("%s: 'pre' on a %s record: only entry points call hooks" % (where, role))
                rest = rest[4:].lstrip()
            if rest.startswith("via="):
                m = re.match(r"^via=(\S+?\(.*?\))\s+(.*)$", rest)
                if not m:
                    raise ApiError("%s: cannot parse via '%s'" % (where, rest.split()[0]))
                via, rest = Via(m.group(1), where), m.group(2)
            if role == "data":
                if via:
                    raise ApiError("%s: via= on a data record" % where)
                m = re.match(r"^(.+?[\s\*])(vir\w+)$", rest)
                if not m:
                    raise ApiError("%s: cannot parse data symbol '%s'" % (where, rest))
                item = Data(node, " ".join(m.group(1).split()), m.group(2), header, where,
                            lib.prefix)
            else:
                item = Func(node, role, access, via, rest, header, where, lib.prefix)
                item.precheck = precheck
                item.nullok = nullok
                if nullok and not item.ret.endswith("*"):
                    raise ApiError("%s: 'nullok' needs a pointer result" % where)
                item.ro_after = ro_after
                if ro_after and ro_after not in [a.name for a in item.args]:
                    raise ApiError("%s: rw@%s names no argument" % (where, ro_after))
                if ro_after and role not in DISPATCH:
                    raise ApiError("%s: rw@%s on a %s record" % (where, ro_after, role))
            if item.name in seen:
                raise ApiError("%s: %s already described at %s" % (where, item.name, seen[item.name]))
            seen[item.name] = where
            item.module = module
            funcs.append(item)
    if not versions:
        raise ApiError("%s: no @versions directive" % path)
    # a companion's via= may name a record of libvirt.api: checked with --with
    check_records(funcs, partial=lib.companion)
    return funcs, versions, lib


def check_records(funcs, partial=False):
    byname = {fn.name: fn for fn in funcs}
    for fn in funcs:
        if getattr(fn, "via", None) and (fn.via.target in byname or not partial):
            check_via(fn, byname)
        if fn.role in DISPATCH:
            names = [a.name for a in fn.args]
            byarg = {a.name: a for a in fn.args}
            for a in fn.args:
                if a.count and a.count not in names:
                    raise ApiError("%s: %s[%s] names no argument" % (fn.where, a.name, a.count))
                if a.after and (a.after not in names or a.after == a.name):
                    raise ApiError("%s: %s@%s names no other argument" % (fn.where, a.name, a.after))
                if a.count_deref and not byarg[a.count].deref:
                    raise ApiError("%s: %s[*%s] needs '%s' to be a pointer to an integer that must not be NULL"
                                   % (fn.where, a.name, a.count, a.count))


def check_via(fn, byname):
    """A via record calls another record's slot: same role, same result,
    every argument accounted for with the target's type."""
    via = fn.via
    target = byname.get(via.target)
    if fn.role not in DISPATCH:
        raise ApiError("%s: via= on a %s record: only dispatched records have slots" % (fn.where, fn.role))
    if target is None or target is fn or target.role != fn.role:
        raise ApiError("%s: via=%s names no other %s record" % (fn.where, via.target, fn.role))
    if target.via:
        raise ApiError("%s: via=%s names a record that is itself a via" % (fn.where, via.target))
    if fn.ret == "void":
        raise ApiError("%s: via= needs a function with a result" % fn.where)
    if target.ret != fn.ret:
        raise ApiError("%s: via=%s returns %s, not %s" % (fn.where, via.target, target.ret, fn.ret))
    if len(via.args) != len(target.args):
        raise ApiError("%s: via=%s takes %d arguments, not %d"
                       % (fn.where, via.target, len(target.args), len(via.args)))
    own = {a.name: a for a in fn.args}
    used = []
    for i, (text, targ) in enumerate(zip(via.args, target.args)):
        if text in own:
            if own[text].type != targ.type:
                raise ApiError("%s: via=%s: '%s' is %s, the target's '%s' is %s"
                               % (fn.where, via.target, text, own[text].type, targ.name, targ.type))
            if text in used:
                raise ApiError("%s: via=%s: '%s' passed twice" % (fn.where, via.target, text))
            if own[text].nullable and not targ.nullable:
                raise ApiError("%s: via=%s: '%s' may be NULL, the target's '%s' may not"
                               % (fn.where, via.target, text, targ.name))
            used.append(text)
        elif not Via.constant(text):
            raise ApiError("%s: via=%s: '%s' is neither an argument nor a constant"
                           % (fn.where, via.target, text))
        elif text == "NULL" and not targ.nullable:
            raise ApiError("%s: via=%s: NULL for '%s', which must not be NULL"
                           % (fn.where, via.target, targ.name))
        elif text != "NULL" and targ.is_pointer:
            raise ApiError("%s: via=%s: constant '%s' for pointer '%s'"
                           % (fn.where, via.target, text, targ.name))
        if i == 0 and text != fn.args[0].name:
            raise ApiError("%s: via=%s: the handle '%s' must come first" % (fn.where, via.target, fn.args[0].name))
    missing = [a.name for a in fn.args if a.name not in used]
    if missing:
        raise ApiError("%s: via=%s drops argument '%s'" % (fn.where, via.target, missing[0]))
    via.func = target


def slot_owner(fn):
    """The record whose table slot serves fn: itself, or its via target."""
    return fn.via.func if getattr(fn, "via", None) else fn


def public(funcs):
    """Records exported from libvirt.so.0 (private ones are not)."""
    return [fn for fn in funcs if not getattr(fn, "private", False)]


def dispatched(funcs, role):
    """Records owning a table slot for ROLE, in slot order (a via record
    has none)."""
    return [fn for fn in funcs if fn.role == role and not fn.via]


def legacy_of(funcs, target):
    """The via records served by target's slot."""
    return [fn for fn in funcs if getattr(fn, "via", None) and fn.via.func is target]


def banner(source):
    return "/* Generated from %s by abi/gen/apigen.py. Do not edit. */\n" % os.path.basename(source)


def gen_header(funcs, api, template, out):
    name = os.path.basename(template)
    if name.endswith(".in"):
        name = name[:-3]
    lines = []
    for fn in funcs:
        if fn.header != name:
            continue
        if fn.role == "data":
            lines.append("extern %s %s;" % (fn.ret, fn.name))
        else:
            lines.append("%s;" % fn.c_proto())
    with open(template) as f:
        text = f.read()
    if "@API_PROTOTYPES@" not in text:
        raise ApiError("%s: no @API_PROTOTYPES@ marker" % template)
    text = text.replace("@API_PROTOTYPES@", "\n".join(lines))
    write(out, text)


def gen_module(funcs, api, template, out, companions=()):
    parts = []
    for h in companions:
        parts.append("#include <libvirt/%s>" % h)
    if companions:
        parts.append("")
    for role in DISPATCH:
        label = ROLES[role]
        parts.append("/* The %s role: one slot per public function; NULL = not supported. */"
                     % label.lower())
        parts.append("typedef struct virt%sTable {" % label)
        parts.append("    /* sizeof(virt%sTable) as the module was compiled: the core never\n"
                     "     * reads a slot past it, so tables may grow at the end. */" % label)
        parts.append("    size_t size;")
        for fn in dispatched(funcs, role):
            sep = "" if fn.ret.endswith("*") else " "
            parts.append("    %s%s(*%s)(%s);" % (fn.ret, sep, fn.slot, fn.c_args()))
        parts.append("} virt%sTable;\n" % label)
    with open(template) as f:
        text = f.read()
    if "@MODULE_TABLES@" not in text:
        raise ApiError("%s: no @MODULE_TABLES@ marker" % template)
    write(out, text.replace("@MODULE_TABLES@", "\n".join(parts)))


def gen_symfile(funcs, versions, lib, out):
    lines = []
    prev = None
    if lib.private_node:
        # Not part of libvirt's ABI: no parent, and only our own libraries
        # (built from the same tree) may bind to it.
        lines.append("%s {" % lib.private_node)
        lines.append("    global:")
        lines.extend("        %s;" % n for n in private_helpers())
        lines.append("};")
        lines.append("")
    for i, node in enumerate(versions):
        names = sorted(fn.name for fn in funcs if fn.node == node)
        lines.append("%s {" % node)
        if names:
            lines.append("    global:")
            lines.extend("        %s;" % n for n in names)
        if i == 0:
            lines.append("    local:")
            lines.append("        *;")
        lines.append("}%s;" % ((" " + prev) if prev else ""))
        lines.append("")
        prev = node
    write(out, "\n".join(lines))


def object_check(arg):
    kind = OBJECT_TYPES.get(arg.type)
    if kind is None:
        return None
    return kind


# printf conversions for the arguments a public call logs at debug level
LOG_FORMATS = {"int": ("%d", None), "unsigned int": ("%u", None), "long": ("%ld", None),
               "unsigned long": ("%lu", None), "long long": ("%lld", None),
               "unsigned long long": ("%llu", None), "double": ("%g", None),
               "size_t": ("%zu", None)}


def log_call(fn):
    """The VIRT_DEBUG line that records a public call and its arguments,
    as libvirt's log does ("conn=0x..., name=..., flags=0x0")."""
    fmt, vals = [], []
    for a in fn.args:
        t = a.type
        if t in ("const char *", "char *"):
            fmt.append("%s=%%s" % a.name)
            vals.append("virtLogStr(%s)" % a.name)
        elif t.endswith("Func") or t.endswith("Callback") or "(" in t:
            continue                      # function pointers have no %p
        elif a.is_pointer:
            fmt.append("%s=%%p" % a.name)
            vals.append("(const void *) %s" % a.name)
        elif a.name == "flags" and t == "unsigned int":
            fmt.append("flags=0x%x")
            vals.append("flags")
        elif t in LOG_FORMATS:
            fmt.append("%s=%s" % (a.name, LOG_FORMATS[t][0]))
            vals.append(a.name)
    if not fmt:
        return None
    return '    VIRT_DEBUG("%s", %s);' % (", ".join(fmt), ", ".join(vals))


def range_checks(a):
    """The range checks of an integer argument (through its pointer for
    'int *nparams>0'), lower bound first."""
    o = []
    bounds = [re.match(r"(>=|>|!=)(\d+)", a.check).groups()] if a.check else []
    bounds += [("<", a.upper)] if a.upper else []
    expr = "*" + a.name if a.deref else a.name
    for op, num in bounds:
        o.append("    if (!(%s %s %s)) {" % (expr, op, num))
        o.append('        virtReportRangeArg(owner, __func__, "%s", "%s %s");' % (expr, op, num))
        o.append("        goto error;")
        o.append("    }")
    return o


def null_check(a, cond=None):
    o = ["    if (!%s%s) {" % (a.name, " && %s" % cond if cond else ""),
         '        virtReportNullArg(owner, __func__, "%s");' % a.name,
         "        goto error;", "    }"]
    return o


def read_only_check():
    return ["    if (virtConnReadOnly(owner)) {",
            "        virtReportReadOnly(owner, __func__);",
            "        goto error;",
            "    }"]


def arg_checks(fn):
    """The checks of every argument after the handle, in the order libvirt
    makes them: each argument's in turn, except that a plain count is
    checked right after the array it counts ('ids[maxids]', as libvirt
    checks the array and then its length) and an array counted through a
    pointer ('params[*nparams]') right after that pointer and its value;
    then the flag rules, then the function's hand-written hook."""
    o, done = [], set()
    byname = {a.name: a for a in fn.args}
    ro_after = getattr(fn, "ro_after", None)

    def one(a):
        if a.name in done:
            return
        if a.after and a.after not in done:
            return          # its turn comes with the argument it follows
        done.add(a.name)
        k = object_check(a)
        if k:
            cond = "%s && " % a.name if a.nullable else ""
            o.append("    if (%s!virtCheck%s(%s, __func__))" % (cond, k, a.name))
            o.append("        goto error;")
        elif a.count and a.count_deref:
            one(byname[a.count])
            o.extend(null_check(a, "*%s != 0" % a.count))
        elif a.count:
            o.extend(null_check(a, "%s != 0" % a.count))
            one(byname[a.count])
        elif a.is_pointer and not a.nullable:
            o.extend(null_check(a))
            if a.nonempty:
                o.append("    if (!*%s) {" % a.name)
                o.append('        virtReportEmptyArg(owner, __func__, "%s");' % a.name)
                o.append("        goto error;")
                o.append("    }")
            o.extend(range_checks(a))
        else:
            o.extend(range_checks(a))
        # an array counted through this pointer follows it
        for b in fn.args:
            if b.count == a.name and b.count_deref:
                one(b)
        if a.name == ro_after:
            o.extend(read_only_check())
        for b in fn.args:
            if b.after == a.name:
                one(b)

    if ro_after == fn.args[0].name:
        o.extend(read_only_check())
    for a in fn.args[1:]:
        one(a)
    for a in fn.args:
        for kind, first, second in a.rules:
            if kind == "^":
                o.append("    if ((%s & %s) && (%s & %s)) {" % (a.name, first, a.name, second))
                o.append('        virtReportExclusiveFlags(owner, __func__, "%s", "%s");' % (first, second))
            else:
                o.append("    if ((%s & %s) && !(%s & %s)) {" % (a.name, first, a.name, second))
                o.append('        virtReportRequiredFlag(owner, __func__, "%s", "%s");' % (second, first))
            o.append("        goto error;")
            o.append("    }")
    if getattr(fn, "precheck", False):
        o.append("    if (!virtPre_%s(owner, %s))" % (fn.name, ", ".join(a.name for a in fn.args)))
        o.append("        goto error;")
    return o


def gen_entry(funcs, api, lib, out):
    o = [banner(api), '#include "entry.h"']
    if lib.companion:
        for h in sorted(set(fn.header for fn in funcs)):
            o.append("#include <libvirt/%s>" % h)
    else:
        o.append('#include "log.h"')
        o.append('#include "precheck.h"')
        o.append('#include "virt-internal.h"')
        o.append("")
        o.append('VIRT_LOG_INIT("core.api");')
    o.append("")
    for fn in funcs:
        if fn.role not in DISPATCH:
            continue
        first = fn.args[0]
        kind = object_check(first)
        if kind is None:
            raise ApiError("%s: dispatched function must take an object first" % fn.where)
        err = fn.error_value()
        ret_err = "return %s;" % err if err else "return;"
        slot = slot_owner(fn)
        o.append("%s\n{" % fn.c_proto())
        o.append("    virConnectPtr owner;")
        sep = "" if fn.ret.endswith("*") else " "
        o.append("    %s%s(*fn)(%s);" % (fn.ret, sep, slot.c_args()))
        o.append("")
        o.append("    virResetLastError();")
        line = None if lib.companion else log_call(fn)
        if line:
            o.append(line)
        o.append("    if (!virtCheck%s(%s, __func__))" % (kind, first.name))
        o.append("        goto error_noconn;")
        if kind == "Connect":
            o.append("    owner = %s;" % first.name)
        else:
            o.append("    owner = virt%sConn(%s);" % (kind, first.name))
        o.extend(arg_checks(fn))
        if fn.access == "rw" and not getattr(fn, "ro_after", None):
            o.extend(read_only_check())
        for a in fn.args:
            if a.rwbits is not None and fn.access != "rw":
                o.append("    if ((%s & %dU) && virtConnReadOnly(owner)) {" % (a.name, a.rwbits))
                o.append("        virtReportReadOnlyFlag(owner, __func__);")
                o.append("        goto error;")
                o.append("    }")
        label = ROLES[fn.role]
        o.append("    fn = VIRT_SLOT(virtConn%sTable(owner), virt%sTable, %s);"
                 % (label, label, slot.slot))
        o.append("    if (!fn) {")
        o.append("        virtReportNoSupport(owner, __func__);")
        o.append("        goto error;")
        o.append("    }")
        for a in fn.args:
            if a.setbits is not None:
                o.append("    %s |= %dU;" % (a.name, a.setbits))
        if fn.via:
            # the slot learns which legacy call it serves (services->legacy_call)
            call = "fn(%s)" % ", ".join(fn.via.args)
            o.append("    {")
            o.append("        const char *outer = virtLegacyEnter(__func__);")
            o.append("        %s%sret = %s;" % (fn.ret, sep, call))
            o.append("        virtLegacyLeave(outer);")
        elif fn.ret == "void":
            o.append("    fn(%s);" % ", ".join(a.name for a in fn.args))
            o.append("    return;")
        else:
            call = "fn(%s)" % ", ".join(a.name for a in fn.args)
            o.append("    {")
            o.append("        %s%sret = %s;" % (fn.ret, sep, call))
        if fn.ret != "void" and getattr(fn, "nullok", False):
            # libvirt hands the slot's answer back as it is, NULL too,
            # raising nothing of its own
            o.append("        return ret;")
            o.append("    }")
        elif fn.ret != "void":
            if err == "NULL":
                o.append("        if (ret == NULL)")
            elif err == "0":
                o.append("        if (ret == 0)")
            else:
                o.append("        if (ret < 0)")
            o.append("            goto error;")
            o.append("        return ret;")
            o.append("    }")
        o.append("")
        o.append(" error:")
        o.append("    virtDispatchError(owner);")
        o.append("    %s" % ret_err)
        o.append(" error_noconn:")
        o.append("    virtDispatchError(NULL);")
        o.append("    %s" % ret_err)
        o.append("}\n")
    write(out, "\n".join(o))


def gen_prechecks(funcs, api, out):
    """The prototypes of the hooks of 'pre' records, written by hand in
    core/precheck.c: each takes the entry point's connection, then its
    arguments."""
    o = [banner(api), "#ifndef VIRT_PRECHECK_H", "#define VIRT_PRECHECK_H", "",
         '#include "entry.h"', ""]
    for fn in funcs:
        if getattr(fn, "precheck", False):
            o.append("bool virtPre_%s(virConnectPtr owner, %s);" % (fn.name, fn.c_args()))
    o += ["", "#endif /* VIRT_PRECHECK_H */"]
    write(out, "\n".join(o) + "\n")


def gen_matrix(funcs, api, out):
    o = [banner(api), '#include "apitable.h"', "",
         "const virtApiFunction virtApiFunctions[] = {"]
    for fn in public(funcs):
        if fn.role in DISPATCH:
            label = ROLES[fn.role]
            o.append('    { "%s", "%s", %s, offsetof(virt%sTable, %s), %d, %s },'
                     % (fn.name, fn.node, ROLE_ENUM[fn.role], label, slot_owner(fn).slot,
                        1 if fn.access == "rw" else 0, error_from(fn)))
        else:
            o.append('    { "%s", "%s", VIRT_ROLE_CORE, 0, %d, %s },'
                     % (fn.name, fn.node, 1 if getattr(fn, "access", "ro") == "rw" else 0,
                        error_from(fn)))
    o.append("};")
    o.append("const size_t virtApiFunctionCount = sizeof(virtApiFunctions) / sizeof(virtApiFunctions[0]);")
    write(out, "\n".join(o) + "\n")


# Fixture field holding a valid handle of each kind, for rocalls.
RO_FIELDS = {
    "Connect": "conn", "Domain": "dom", "Network": "net", "NetworkPort": "port",
    "StoragePool": "pool", "StorageVol": "vol", "Interface": "iface",
    "NodeDevice": "dev", "Secret": "secret", "NWFilter": "nwfilter",
    "NWFilterBinding": "binding", "DomainSnapshot": "snapshot",
    "DomainCheckpoint": "checkpoint",
}


def gen_rocalls(funcs, api, out, companions=()):
    """A header for the read-only test: one call per mutating dispatched
    function (and per mutating hand-written one that takes a handle first),
    with arguments that pass every check before the read-only one,
    returning 0 when the call failed as it must."""
    o = [banner(api), "#ifndef VIRT_ROCALLS_H", "#define VIRT_ROCALLS_H", "",
         "#include <stddef.h>", "#include <libvirt/libvirt.h>"]
    o += ["#include <libvirt/%s>" % h for h in companions]
    o += ["",
         "/* One valid handle of each kind, and a zeroed buffer for any other pointer. */",
         "typedef struct virtRoFixture {"]
    for kind, field in RO_FIELDS.items():
        ctype = [t for t, k in OBJECT_TYPES.items() if k == kind][0]
        o.append("    %s %s;" % (ctype, field))
    o += ["    void *scratch;", "} virtRoFixture;", "",
          "typedef struct virtRoCall {", "    const char *name;",
          "    int (*call)(const virtRoFixture *f);", "} virtRoCall;", ""]
    rows = []
    for fn in public(funcs):
        if fn.role not in DISPATCH + ["core"] or fn.access != "rw":
            continue
        if fn.role == "core" and not (fn.args and fn.args[0].type in OBJECT_TYPES):
            raise ApiError("%s: a mutating core function must take a handle first" % fn.where)
        if getattr(fn, "precheck", False) and not getattr(fn, "ro_after", None):
            # its hand-written check comes first and wants what no made-up
            # argument gives (virDomainOpenGraphics: a socket): listed, with
            # no call
            rows.append('    { "%s", NULL },' % fn.name)
            continue
        args = []
        for a in fn.args:
            kind = OBJECT_TYPES.get(a.type)
            if kind:
                args.append("f->%s" % RO_FIELDS[kind])
            elif a.nonempty:
                args.append('"x"')
            elif a.is_pointer:
                args.append("(%s) f->scratch" % a.type)
            else:
                args.append("1" if a.check in (">0", "!=0") else "0")
        err = fn.error_value()
        o.append("static inline int virtRo_%s(const virtRoFixture *f)\n{" % fn.name)
        o.append("    return %s(%s) == %s ? 0 : -1;" % (fn.name, ", ".join(args), err))
        o.append("}\n")
        rows.append('    { "%s", virtRo_%s },' % (fn.name, fn.name))
    o.append("static const virtRoCall virtRoCalls[] = {")
    o.extend(rows)
    o.append("};")
    o.append("#define VIRT_RO_CALL_COUNT (sizeof(virtRoCalls) / sizeof(virtRoCalls[0]))")
    o.append("")
    o.append("#endif /* VIRT_ROCALLS_H */")
    write(out, "\n".join(o) + "\n")


def gen_paritycalls(funcs, api, out):
    """A header for the parity program (tests/testmod): one call per
    dispatched function of this library, each taking its arguments from
    the program's helpers (which know the test driver's objects) and
    reporting the outcome: parityHandle gives a handle of a kind (NULL
    after reporting why there is none), parityPointer and parityNumber
    the other arguments (never from the checks or the '?' written here,
    which must stay free to change), parityDone the result."""
    o = [banner(api), "#ifndef VIRT_PARITYCALLS_H", "#define VIRT_PARITYCALLS_H", "",
         "#include <libvirt/libvirt.h>", "",
         "typedef struct virtParityCall {", "    const char *name;",
         "    void (*call)(void);", "} virtParityCall;", ""]
    rows = []
    for fn in public(funcs):
        if fn.role not in DISPATCH:
            continue
        pre, args = [], []
        for i, a in enumerate(fn.args):
            kind = OBJECT_TYPES.get(a.type)
            if kind:
                pre.append("    %s a%d = (%s) parityHandle(\"%s\");" % (a.type, i, a.type, kind))
                pre.append("    if (!a%d)\n        return;" % i)
                args.append("a%d" % i)
            elif a.type.endswith("Callback") or a.type.endswith("Func") or a.name == "opaque":
                # no callback, and nothing for one
                args.append("NULL")
            elif a.is_pointer:
                args.append('(%s) parityPointer("%s", "%s", "%s")' % (a.type, fn.name, a.name, a.type))
            else:
                # the program picks numbers by name, never from the checks
                # written here: a new check must not change what it calls
                args.append('(%s) parityNumber("%s", "%s")' % (a.type, fn.name, a.name))
        call = "%s(%s)" % (fn.name, ", ".join(args))
        o.append("static void virtPar_%s(void)\n{" % fn.name)
        o.extend(pre)
        if fn.ret.endswith("*") or fn.ret.endswith("Ptr"):
            o.append("    parityDone(%s != NULL, 0, 0);" % call)
        elif fn.ret.startswith("unsigned"):
            # 0 is both a value and the error: the error report tells
            o.append("    unsigned long long r = %s;" % call)
            o.append("    parityDone(r != 0 || !virGetLastError(), 1, (long long) r);")
        else:
            o.append("    long long r = %s;" % call)
            o.append("    parityDone(r != -1, 1, r);")
        o.append("}\n")
        rows.append('    { "%s", virtPar_%s },' % (fn.name, fn.name))
    o.append("static const virtParityCall virtParityCalls[] = {")
    o.extend(rows)
    o.append("};")
    o.append("#define VIRT_PARITY_CALL_COUNT (sizeof(virtParityCalls) / sizeof(virtParityCalls[0]))")
    o.append("")
    o.append("#endif /* VIRT_PARITYCALLS_H */")
    write(out, "\n".join(o) + "\n")


def gen_symbols(funcs, lib, out):
    lines = ["%s %s\n" % (fn.name, fn.node) for fn in public(funcs)]
    if lib.private_node:
        lines += ["%s %s\n" % (n, lib.private_node) for n in private_helpers()]
    write(out, "".join(lines))


def write(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)


def main(argv):
    argv = list(argv)
    extra = []
    while len(argv) > 2 and argv[1] == "--with":
        extra.append(argv[2])
        del argv[1:3]
    if len(argv) < 4:
        sys.stderr.write(__doc__)
        return 2
    api, cmd, out = argv[1], argv[2], argv[3]
    try:
        seen = {}
        funcs, versions, lib = parse(api, seen)
        everything, companions = list(funcs), []
        for path in extra:
            more, _, other = parse(path, seen)
            if not other.companion:
                raise ApiError("%s: a --with description needs a @library directive" % path)
            everything += more
            companions += sorted(set(fn.header for fn in more))
        if extra:
            check_records(everything)
        owners = {}
        for fn in everything:
            if fn.role in DISPATCH and not getattr(fn, "via", None):
                key = (fn.role, fn.slot)
                if key in owners:
                    raise ApiError("%s: slot %s is already owned by the record at %s"
                                   % (fn.where, fn.slot, owners[key]))
                owners[key] = fn.where
        if cmd == "header":
            gen_header(funcs, api, argv[4], out)
        elif cmd == "module":
            gen_module(everything, api, argv[4], out, companions)
        elif cmd == "symfile":
            gen_symfile(funcs, versions, lib, out)
        elif cmd == "entry":
            gen_entry(funcs, api, lib, out)
        elif cmd == "prechecks":
            gen_prechecks(funcs, api, out)
        elif cmd == "matrix":
            gen_matrix(everything, api, out)
        elif cmd == "symbols":
            gen_symbols(funcs, lib, out)
        elif cmd == "rocalls":
            gen_rocalls(everything, api, out, companions)
        elif cmd == "paritycalls":
            gen_paritycalls(funcs, api, out)
        else:
            raise ApiError("unknown command '%s'" % cmd)
    except (ApiError, OSError) as e:
        sys.stderr.write("apigen: error: %s\n" % e)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
