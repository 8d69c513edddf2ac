#!/usr/bin/env python3
"""Generate the remote module's simple client stubs and its function tables.

Usage: stubgen.py ABI_GEN_DIR PROTO_FILE API_FILE HANDWRITTEN_H OUTPUT [MORE.api...] [HEADER.h.in...]

MORE.api are the companion libraries' descriptions: their hypervisor slots
follow API_FILE's and are carried by the procedures of their own programs
(qemu_procedure, lxc_procedure) in PROTO_FILE.

For every public function of the hv and net roles in API_FILE, the
procedure of PROTO_FILE annotated /* api:NAME */ carries it. When the
arguments and the result map one to one onto the procedure's _args and
_ret structs (handles, strings, integers, UUIDs, int out-parameters), a
stub is written that encodes the call, waits for the reply and converts
it back. Two list shapes are generated too: a name list (char **names
with its count, filled from a ret array of strings) and a handle list
(virXxxPtr **list, which may be NULL: need_results in args, a ret array of
wire handles and the count), and typed parameters (an array to set; one
to fill, whose count 0 asks for how many there are; or one the call
allocates), and strings (an array in with its count, or one the call
allocates, its count the result), unsigned integers in with their count,
and bytes (a buffer in with its size;
one returned, its size through a size_t pointer), and public structs of
plain scalar fields to fill (read from the HEADER files with
abi/gen/pubstructs.py) out of the ret members of the same names. Slots declared in HANDWRITTEN_H (functions named remoteSLOT, with
the slot name spelled with a capital first letter) are written by hand and
take precedence. The tables list both; a slot with neither stays NULL, so
the core answers VIR_ERR_NO_SUPPORT for it.

A legacy call that abi/libvirt.api serves through the slot of its *Flags
variant (via=) still travels as its own procedure, as with libvirt's
remote driver: that slot's table entry is a router that asks
services->legacy_call() which public function the core is serving and,
for a legacy one, sends the legacy procedure (a stub generated from the
legacy record, or remoteLEGACYSLOT written by hand).

Both inputs are read with the parsers of abi/gen (xdrgen.py, apigen.py),
so the generators always agree on types and slots.
"""
import os
import re
import sys


NUM_TYPES = ("int", "unsigned int", "long", "unsigned long", "long long", "unsigned long long")
OUT_TYPES = tuple(t + " *" for t in NUM_TYPES)

# Object handles: C type -> (wire struct, to-wire helper, from-wire helper,
# the core service giving the handle's connection).
HANDLES = {
    "virDomainPtr": ("remote_nonnull_domain", "remoteDomainToWire", "remoteDomainFromWire", "domain_conn"),
    "virNetworkPtr": ("remote_nonnull_network", "remoteNetworkToWire", "remoteNetworkFromWire", "network_conn"),
    "virStoragePoolPtr": ("remote_nonnull_storage_pool", "remotePoolToWire", "remotePoolFromWire",
                          "storage_pool_conn"),
    "virStorageVolPtr": ("remote_nonnull_storage_vol", "remoteVolToWire", "remoteVolFromWire",
                         "storage_vol_conn"),
    "virInterfacePtr": ("remote_nonnull_interface", "remoteInterfaceToWire", "remoteInterfaceFromWire",
                        "interface_conn"),
    "virNodeDevicePtr": ("remote_nonnull_node_device", "remoteNodeDeviceToWire", "remoteNodeDeviceFromWire",
                         "node_device_conn"),
    "virDomainSnapshotPtr": ("remote_nonnull_domain_snapshot", "remoteSnapshotToWire", "remoteSnapshotFromWire",
                             "snapshot_conn"),
    "virDomainCheckpointPtr": ("remote_nonnull_domain_checkpoint", "remoteCheckpointToWire",
                               "remoteCheckpointFromWire", "checkpoint_conn"),
    "virSecretPtr": ("remote_nonnull_secret", "remoteSecretToWire", "remoteSecretFromWire", "secret_conn"),
    "virNWFilterPtr": ("remote_nonnull_nwfilter", "remoteNWFilterToWire", "remoteNWFilterFromWire",
                       "nwfilter_conn"),
    "virNWFilterBindingPtr": ("remote_nonnull_nwfilter_binding", "remoteNWFilterBindingToWire",
                              "remoteNWFilterBindingFromWire", "nwfilter_binding_conn"),
    "virNetworkPortPtr": ("remote_nonnull_network_port", "remoteNetworkPortToWire",
                          "remoteNetworkPortFromWire", "network_port_conn"),
}
WIRE_HANDLES = {v[0] for v in HANDLES.values()}
# Roles whose tables this module fills, and the C type of each table.
TABLES = [("hv", "virtHypervisorTable", "remoteHypervisorTable"),
          ("net", "virtNetworkTable", "remoteNetworkTable"),
          ("storage", "virtStorageTable", "remoteStorageTable"),
          ("iface", "virtInterfaceTable", "remoteInterfaceTable"),
          ("nodedev", "virtNodeDeviceTable", "remoteNodeDeviceTable"),
          ("secret", "virtSecretTable", "remoteSecretTable"),
          ("nwfilter", "virtNWFilterTable", "remoteNWFilterTable")]


def record(role, fn):
    full = [(a.type, a.name, a.nullable) for a in fn.args]
    # counted arrays: never simple, but for a list of names to fill
    params = None if any(a.count and not a.type.startswith("char **") and
                         a.type not in ("virTypedParameterPtr", "const char **", "unsigned int *")
                         for a in fn.args) else \
        [(t + (" []" if a.count and not a.count_deref else ""), n, o) for (t, n, o), a in zip(full, fn.args)]
    return (role, fn.slot, fn.ret, fn.name, params, full)


def parse_api(apigen, path, more=()):
    """[(role, slot, rettype, name, [(type, name, optional)] or None when
    not simple, the same list always, legacy)] for the tables of TABLES,
    read with abi/gen/apigen.py's own parser (the companion descriptions
    in more add their slots); legacy lists (record, {legacy argument: slot
    argument}) for each via record the slot serves."""
    seen = {}
    funcs = apigen.parse(path, seen)[0]
    for extra in more:
        funcs += apigen.parse(extra, seen)[0]
    records = []
    for role, _, _ in TABLES:
        for fn in apigen.dispatched(funcs, role):
            legacy = []
            for old in apigen.legacy_of(funcs, fn):
                names = dict(zip(old.via.args, (a.name for a in fn.args)))
                legacy.append((record(role, old), [names[a.name] for a in old.args]))
            records.append(record(role, fn) + (legacy,))
    return records


def handwritten_slots(path):
    slots = set()
    with open(path, encoding="utf-8") as f:
        for m in re.finditer(r"\bremote([A-Z]\w*)\s*\(", f.read()):
            n = m.group(1)
            slots.add(n[0].lower() + n[1:])
    return slots


class Gen:
    def __init__(self, model, infos=None):
        self.model = model
        self.infos = infos or {}
        self.byapi = {}
        for prefix, _, procs in model.programs:
            if prefix == "keepalive":
                continue
            for p in procs:
                if p.api:
                    p.prefix = prefix
                    self.byapi[p.api] = p

    def kind(self, decl):
        """Classify a struct member for conversion."""
        t = decl.type
        if decl.kind == "string":
            return "string"
        if decl.kind == "opaque_fixed":
            return "bytes"
        if decl.kind == "opaque_var":
            return "varbytes"
        if decl.kind == "optional" and self.kind_of_type(t) == "string":
            return "optstring"
        if decl.kind == "var" and t == "remote_typed_param":
            return "params"
        if decl.kind == "var":
            k = self.kind_of_type(t)
            if t == "unsigned int":
                return "uintlist"
            if k == "string":
                return "strlist"
            if k in WIRE_HANDLES:
                return "list:" + k
            return None
        if decl.kind != "plain":
            return None
        return self.kind_of_type(t)

    def kind_of_type(self, t):
        if t in ("int", "unsigned int", "hyper", "unsigned hyper", "bool"):
            return "num"
        if t in WIRE_HANDLES:
            return t
        d = self.model.byname.get(t)
        if d is not None and d.kind == "typedef":
            return self.kind(d.decl)
        return None

    def members(self, sname):
        if not sname:
            return []
        d = self.model.byname[sname]
        return [(m.name, self.kind(m)) for m in d.members]

    def stub(self, rec):
        role, slot, rettype, name, params = rec[:5]
        proc = self.byapi.get(name)
        if proc is None or params is None:
            return None
        args = self.members(proc.args)
        rets = self.members(proc.ret)
        if any(k is None for _, k in args + rets):
            return None
        body = []
        inputs = []
        outs = []
        first = params[0][0] if params else ""
        if first == "virConnectPtr":
            conn_expr = params[0][1]
            params = params[1:]
        elif first in HANDLES:
            conn_expr = "remoteCore->handle_conn(%s)" % params[0][1]
        else:
            return None
        after = []          # run after the call, whatever its outcome
        strs = None         # parameter of a list of strings the call allocates
        bytesout = None     # size pointer of the bytes returned
        infoout = None      # (parameter, type) of a public struct to fill
        names = None        # (parameter, count parameter) of a name list
        hlist = None        # (parameter, handle type) of a handle list
        tp = None           # (how, parameter, count parameter) of typed parameters
        skip = set()
        for i, (ptype, pname, opt) in enumerate(params):
            nxt = params[i + 1][0] if i + 1 < len(params) else None
            # an array to set, counted or always there (libvirt refuses NULL)
            how = {("virTypedParameterPtr []", "int"): "set", ("virTypedParameterPtr", "int"): "set",
                   ("virTypedParameterPtr", "unsigned int"): "set", ("virTypedParameterPtr", "int *"): "get",
                   ("virTypedParameterPtr *", "int *"): "alloc",
                   ("virTypedParameterPtr *", "unsigned int *"): "alloc"}.get((ptype, nxt))
            if i in skip:
                continue
            if ptype.endswith("Ptr") and ptype in self.infos and not infoout:
                infoout = (pname, ptype)
            elif ptype in ("const unsigned char *", "unsigned char *") and nxt in ("int", "unsigned int", "size_t"):
                inputs.append(("BYTES", pname, params[i + 1][1]))
                skip.add(i + 1)
            elif ptype == "size_t *" and rettype == "unsigned char *" and not bytesout:
                bytesout = pname
            elif ptype == "unsigned int * []" and nxt in ("int", "unsigned int"):
                inputs.append(("UINTS", pname, params[i + 1][1]))
                skip.add(i + 1)
            elif ptype in ("const char ** []", "const char **") and nxt in ("int", "unsigned int"):
                inputs.append(("STRS", pname, params[i + 1][1]))
                skip.add(i + 1)
            elif ptype == "char ***":
                if strs:
                    return None
                strs = pname
            elif how:
                if tp:
                    return None
                tp = (how, pname, params[i + 1][1], nxt)
                skip.add(i + 1)
                if how != "alloc":
                    inputs.append(("TP", pname, opt))
            elif ptype in OUT_TYPES:
                outs.append((pname, opt))
            elif ptype.endswith(" []"):
                if names or i + 1 >= len(params):
                    return None
                names = (pname, params[i + 1][1])
            else:
                inputs.append((ptype, pname, opt))
        if len(inputs) != len(args):
            return None
        for (ptype, pname, opt), (fname, fkind) in zip(inputs, args):
            if ptype == "BYTES" and fkind == "varbytes":
                body.append("    args.%s.%s_val = (char *) %s;\n    args.%s.%s_len = (uint32_t) %s;"
                            % (fname, fname, pname, fname, fname, opt))
            elif ptype == "UINTS" and fkind == "uintlist":
                body.append("    args.%s.%s_val = %s;\n    args.%s.%s_len = (uint32_t) %s;"
                            % (fname, fname, pname, fname, fname, opt))
            elif ptype == "STRS" and fkind == "strlist":
                body.append("    args.%s.%s_val = (char **) %s;\n    args.%s.%s_len = %s;"
                            % (fname, fname, pname, fname, fname, opt))
            elif ptype == "TP" and tp[0] == "set" and fkind == "params":
                body.append("    if (remoteParamsToWire(conn, %s, %s, &args.%s.%s_val, &args.%s.%s_len) < 0)\n"
                            "        return -1;" % ((pname, tp[2]) + (fname,) * 4))
                after.append("    free(args.%s.%s_val);" % (fname, fname))
            elif ptype == "TP" and tp[0] == "get" and fkind == "num":
                body.append("    args.%s = *%s;" % (fname, tp[2]))
            elif ptype.endswith(" **") and ptype[:-3] in HANDLES and fkind == "num" and not hlist:
                body.append("    args.%s = %s != NULL;" % (fname, pname))
                hlist = (pname, ptype[:-3])
            elif ptype in HANDLES and fkind == HANDLES[ptype][0]:
                body.append("    %s(%s, &args.%s);" % (HANDLES[ptype][1], pname, fname))
            elif ptype == "virNodeDevicePtr" and fkind == "string":
                # node device calls carry the device's name only
                body.append("    args.%s = (char *) remoteCore->handle_identity(%s)->name;" % (fname, pname))
            elif ptype == "const char *" and fkind == "string" and not opt:
                body.append("    args.%s = (char *) %s;" % (fname, pname))
            elif ptype == "const char *" and fkind == "optstring":
                body.append("    args.%s = %s ? (char **) &%s : NULL;" % (fname, pname, pname))
            elif ptype in NUM_TYPES and fkind == "num":
                body.append("    args.%s = %s;" % (fname, pname))
            elif ptype == "const unsigned char *" and fkind == "bytes":
                body.append("    memcpy(args.%s, %s, VIR_UUID_BUFLEN);" % (fname, pname))
            else:
                return None
        # results
        result = None
        fill = []
        if infoout:
            fields = self.infos[infoout[1]][1]
            kinds = dict(rets)
            if any(kinds.get(f) != "num" for f in fields):
                return None
            fill.extend("    %s->%s = ret.%s;" % (infoout[0], f, f) for f in fields)
            rets = [r for r in rets if r[0] not in fields]
        if bytesout:
            if outs or names or hlist or tp or strs or len(rets) != 1 or rets[0][1] != "varbytes":
                return None
            f = rets[0][0]
            fill.append("    result = (unsigned char *) ret.%s.%s_val;\n    *%s = ret.%s.%s_len;\n"
                        "    ret.%s.%s_val = NULL;" % (f, f, bytesout, f, f, f, f))
            result = ("unsigned char *", None, "NULL")
        elif strs:
            if outs or names or hlist or tp or rettype != "int" or len(rets) != 1 or rets[0][1] != "strlist":
                return None
            f = rets[0][0]
            fill.append("    if (%s) {\n        char **list = virtAlloc((ret.%s.%s_len + 1) * sizeof(*list));\n"
                        "        for (uint32_t i = 0; i < ret.%s.%s_len; i++) {\n"
                        "            list[i] = ret.%s.%s_val[i];\n            ret.%s.%s_val[i] = NULL;\n"
                        "        }\n        *%s = list;\n    }" % ((strs,) + (f,) * 8 + (strs,)))
            fill.append("    result = (int) ret.%s.%s_len;" % (f, f))
            result = ("int", None, "-1")
        elif tp and tp[0] in ("get", "alloc"):
            arr = [r for r in rets if r[1] == "params"]
            cnt = [r for r in rets if r[0] == "nparams" and r[1] == "num"]
            if outs or names or hlist or rettype != "int" or len(arr) != 1 or \
                    len(rets) != len(arr) + len(cnt) or (tp[0] == "alloc" and cnt):
                return None
            f, var, n = arr[0][0], tp[1], tp[2]
            conv = "    result = remoteParamsFromWire(conn, ret.%s.%s_val, ret.%s.%s_len, %s, *%s);" % (
                f, f, f, f, var, n) if tp[0] == "get" else \
                "    result = remoteParamsFromWireAlloc(conn, ret.%s.%s_val, ret.%s.%s_len, %s);" % (f, f, f, f, var)
            if cnt:
                fill.append("    if (*%s == 0) {\n        *%s = ret.%s;\n        result = 0;\n    } else {" % (
                    n, n, cnt[0][0]))
                conv = "    " + conv.replace("\n", "\n    ")
            fill.append(conv)
            fill.append("%s    if (result >= 0) {\n%s        *%s = (%s) result;\n%s        result = 0;\n%s    }" % (
                ("    ",) * 2 + (n, tp[3][:-2]) + ("    ",) * 2) if cnt else
                "    if (result >= 0) {\n        *%s = (%s) result;\n        result = 0;\n    }" % (n, tp[3][:-2]))
            if cnt:
                fill.append("    }")
            result = ("int", None, "-1")
        elif tp and tp[0] == "set" and (outs or names or hlist):
            return None
        elif names:
            if outs or hlist or rettype != "int" or len(rets) != 1 or rets[0][1] != "strlist":
                return None
            f = rets[0][0]
            fill.append("    result = remoteTakeNames(conn, %s, %s, ret.%s.%s_val, ret.%s.%s_len);"
                        % (names[0], names[1], f, f, f, f))
            result = ("int", None, "-1")
        elif hlist:
            if outs or rettype != "int" or len(rets) != 2 or rets[0][1] != "list:" + HANDLES[hlist[1]][0] \
                    or rets[1][1] != "num":
                return None
            f, var = rets[0][0], hlist[0]
            fill.append("    if (%s) {\n        %s *list = virtAlloc((ret.%s.%s_len + 1) * sizeof(*list));\n"
                        "        for (uint32_t i = 0; i < ret.%s.%s_len; i++)\n"
                        "            list[i] = %s(conn, &ret.%s.%s_val[i]);\n        *%s = list;\n    }"
                        % (var, hlist[1], f, f, f, f, HANDLES[hlist[1]][2], f, f, var))
            fill.append("    result = ret.%s;" % rets[1][0])
            result = ("int", None, "-1")
        elif outs:
            if rettype != "int" or len(outs) != len(rets):
                return None
            for (pname, opt), (fname, fkind) in zip(outs, rets):
                if fkind != "num":
                    return None
                if opt:
                    fill.append("    if (%s)\n        *%s = ret.%s;" % (pname, pname, fname))
                else:
                    fill.append("    *%s = ret.%s;" % (pname, fname))
            result = ("int", "0", "-1")
        elif rettype == "int":
            if not rets:
                result = ("int", "0", "-1")
            elif (len(rets) == 1 and rets[0][1] == "remote_nonnull_domain" and
                  first == "virDomainPtr"):
                # the call (re)started the domain: the handle learns its id
                fill.append("    remoteCore->handle_set_id(%s, ret.%s.id);" % (inputs[0][1], rets[0][0]))
                result = ("int", "0", "-1")
            elif len(rets) == 1 and rets[0][1] == "num":
                result = ("int", "ret.%s" % rets[0][0], "-1")
        elif rettype in ("unsigned long", "unsigned long long"):
            if len(rets) == 1 and rets[0][1] == "num":
                result = (rettype, "ret.%s" % rets[0][0], "0")
        elif rettype == "char *":
            if len(rets) == 1 and rets[0][1] == "string":
                fill.append("    result = ret.%s;\n    ret.%s = NULL;" % (rets[0][0], rets[0][0]))
                result = ("char *", None, "NULL")
            elif len(rets) == 1 and rets[0][1] == "optstring":
                # absent on the wire: NULL, with no error (as libvirt's client)
                f = rets[0][0]
                fill.append("    result = ret.%s ? *ret.%s : NULL;\n    if (ret.%s)\n        *ret.%s = NULL;"
                            % (f, f, f, f))
                result = ("char *", None, "NULL")
        elif rettype in HANDLES:
            if len(rets) == 1 and rets[0][1] == HANDLES[rettype][0]:
                fill.append("    result = %s(conn, &ret.%s);" % (HANDLES[rettype][2], rets[0][0]))
                result = (rettype, None, "NULL")
        if result is None:
            return None
        ctype, value, fail = result
        fn = "remoteStub" + slot[0].upper() + slot[1:]
        sig = ", ".join(t + ("" if t.endswith("*") else " ") + n for t, n, _ in rec[5])
        out = ["static %s%s%s(%s)\n{" % (ctype, "" if ctype.endswith("*") else " ", fn, sig)]
        if conn_expr != "conn":
            out.append("    virConnectPtr conn = %s;" % conn_expr)
        if proc.args:
            out.append("    %s args;" % proc.args)
        if proc.ret:
            out.append("    %s ret;" % proc.ret)
        if value is None:
            out.append("    %s%sresult;" % (ctype, "" if ctype.endswith("*") else " "))
        elif value != "0":
            out.append("    %s result;" % ctype)
        if proc.args:
            out.append("    memset(&args, 0, sizeof(args));")
        if proc.ret:
            out.append("    memset(&ret, 0, sizeof(ret));")
        out.extend(body)
        call = "remoteCall(conn, " if proc.prefix == "remote" else \
            "remoteCallProgram(conn, %s_PROGRAM, %s_PROTOCOL_VERSION, " % (
                proc.prefix.upper(), proc.prefix.upper())
        out.append("    %s%s%s_PROC_%s, %s, %s, %s, %s)%s" % (
            "int rc = " if after else "if (",
            call, proc.prefix.upper(), proc.name,
            "virtXDRAny_" + proc.args if proc.args else "NULL",
            "&args" if proc.args else "NULL",
            "virtXDRAny_" + proc.ret if proc.ret else "NULL",
            "&ret" if proc.ret else "NULL", ";" if after else " < 0)"))
        if after:
            out.extend(after)
            out.append("    if (rc < 0)")
        out.append("        return %s;" % fail)
        out.extend(fill)
        if value not in (None, "0"):
            out.append("    result = %s;" % value)
        if proc.ret:
            out.append("    virtXDRFree_%s(&ret);" % proc.ret)
        out.append("    return %s;" % ("0" if value == "0" else "result"))
        out.append("}\n")
        return fn, "\n".join(out)


def c_params(params):
    return ", ".join(t + ("" if t.endswith("*") else " ") + n for t, n, _ in params)


def router(rec, impl, legacy):
    """The table entry of a slot that also serves legacy calls."""
    slot, rettype, params = rec[1], rec[2], rec[5]
    fn = "remoteRoute" + slot[0].upper() + slot[1:]
    sep = "" if rettype.endswith("*") else " "
    out = ["static %s%s%s(%s)\n{" % (rettype, sep, fn, c_params(params)),
           "    const char *legacy = remoteCore->legacy_call();"]
    for (old, args), oldimpl in legacy:
        out.append('    if (legacy && strcmp(legacy, "%s") == 0)' % old[3])
        out.append("        return %s(%s);" % (oldimpl, ", ".join(args)))
    if impl:
        out.append("    return %s(%s);" % (impl, ", ".join(n for _, n, _ in params)))
    else:
        # what the core says for an empty slot
        out.append('    remoteCore->error(NULL, VIR_FROM_NONE, VIR_ERR_NO_SUPPORT, "%%s (module remote)", "%s");'
                   % rec[3])
        out.append("    return %s;" % ("NULL" if rettype.endswith("*") or rettype.endswith("Ptr") else "-1"))
    out.append("}\n")
    return fn, "\n".join(out)


def main(argv):
    if len(argv) < 6:
        sys.stderr.write("usage: stubgen.py ABI_GEN_DIR PROTO_FILE API_FILE HANDWRITTEN_H OUTPUT "
                         "[MORE.api...]\n")
        return 2
    xdrdir, proto, api, hand, output = argv[1:6]
    more = [a for a in argv[6:] if not a.endswith(".h.in")]
    headers = [a for a in argv[6:] if a.endswith(".h.in")]
    sys.path.insert(0, xdrdir)
    import apigen
    import pubstructs
    import xdrgen
    try:
        with open(proto, encoding="utf-8") as f:
            text = f.read()
        pname = os.path.basename(proto)
        model = xdrgen.Model(xdrgen.Parser(text, pname).parse(), pname,
                             xdrgen.read_api_access(api))
    except (xdrgen.ProtoError, OSError) as e:
        sys.stderr.write("error: %s\n" % e)
        return 1
    gen = Gen(model, pubstructs.read(headers))
    try:
        records = parse_api(apigen, api, more)
    except apigen.ApiError as e:
        sys.stderr.write("error: %s\n" % e)
        return 1
    manual = handwritten_slots(hand)
    out = ["/* Generated by modules/remote/gen/stubgen.py from %s and %s: do not edit. */\n"
           % (os.path.basename(proto), os.path.basename(api)),
           "#include <stdlib.h>\n#include <string.h>\n\n#include \"remote_driver.h\"\n#include \"remote_handwritten.h\"\n#include \"util.h\"\n\n"]
    tables = {role: [] for role, _, _ in TABLES}
    missing = []
    def implement(rec):
        """The function serving rec (hand-written or a new stub), or None."""
        slot = rec[1]
        if slot in manual:
            return "remote" + slot[0].upper() + slot[1:]
        made = gen.stub(rec)
        if made is None:
            return None
        out.append(made[1] + "\n")
        return made[0]

    for rec in records:
        role, slot = rec[0], rec[1]
        impl = implement(rec)
        legacy = []
        for old, args in rec[6]:
            if old[3] not in gen.byapi:
                continue        # libvirt sends it as the flags call too
            oldimpl = implement(old)
            if oldimpl is None:
                missing.append(old[3])
            else:
                legacy.append(((old, args), oldimpl))
        if legacy:
            impl, code = router(rec, impl, legacy)
            out.append(code + "\n")
        if impl is None:
            missing.append(rec[3])
            continue
        tables[role].append((slot, impl))
    out.append("/* Carried by no procedure, or too irregular to generate and not\n"
               " * written by hand: %s */\n\n" % (", ".join(missing) if missing else "none"))
    for role, ctype, var in TABLES:
        out.append("const %s %s = {\n    .size = sizeof(%s),\n" % (ctype, var, ctype))
        for slot, fn in tables[role]:
            out.append("    .%s = %s,\n" % (slot, fn))
        out.append("};\n\n")
    tmp = output + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("".join(out))
    os.replace(tmp, output)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
