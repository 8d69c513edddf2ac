#!/usr/bin/env python3
"""Generate libvirtd's simple server-side dispatchers.

Usage: dispatchgen.py OUTPUT XDRGEN_PY PROTO_FILE API_FILE [MORE.api...] [HEADER.h.in...] HANDWRITTEN.c...

Every program of the protocol file but keepalive gets a table (remote,
then qemu and lxc: the companion libraries' calls, whose prototypes come
from the MORE.api descriptions). A handwritten dispatcher of a program
other than remote carries the program's prefix: DAEMON_PROC(QEMU_FOO).

For every procedure of abi/remote.proto annotated with the public function
it carries (/* api:virXxx */), the public prototype in abi/libvirt.api is
matched against the procedure's args and ret structs:
  - the arguments after the connection (or the domain/network handle, which
    arrives as remote_nonnull_domain / remote_nonnull_network) take the
    args members in order;
  - output pointers (int *x, unsigned long *x) fill the ret members in order,
    and the return value (an int, a string, a domain, a network) fills the
    member left over;
  - a name list (char **names with its count, the count an args member)
    fills a ret array of strings, at most the count, up to the array's
    bound;
  - a handle list (virXxxPtr **list, may be NULL) takes the args member
    at its place (need_results: whether the handles are wanted) and fills
    a ret array of wire handles plus the count left over;
  - typed parameters: virTypedParameterPtr params with int nparams (to
    set) take an args array of remote_typed_param; with int *nparams (to
    get) the args member nparams says how many are wanted, 0 asking for the
    count (ret nparams), and the ret array carries them; virTypedParameterPtr
    *params with a count pointer (allocated by the call) fills the ret array;
  - a public struct to fill (virDomainControlInfoPtr info: one of plain
    scalar fields, read from the HEADER files with abi/gen/pubstructs.py)
    takes the ret members named as its fields;
  - bytes: unsigned char *buf with its size takes an args opaque array;
    an unsigned char * returned, its size through a size_t pointer, fills
    the ret opaque array;
  - strings: const char **list with its count takes an args array of
    strings; char ***list (allocated by the call) fills a ret array, the
    return value its count.
When they match, a dispatcher is written; procedures whose function is
handwritten (DAEMON_PROC(NAME) or DAEMON_PROC_NOCONN(NAME) at the start of a
line in one of the HANDWRITTEN files) are referenced instead; everything else is listed in a
comment and answered VIR_ERR_NO_SUPPORT at run time.

The protocol file is read with abi/gen/xdrgen.py's parser so both tools
agree on every type.
"""
import importlib.util
import os
import re
import sys

SCALARS = {"int": "int32_t", "unsigned int": "uint32_t", "hyper": "int64_t",
           "unsigned hyper": "uint64_t", "bool": "int32_t"}
API_SCALARS = ("int", "unsigned int", "long", "unsigned long", "long long",
               "unsigned long long", "size_t")

# Object handles: kind -> (C type, wire struct, daemon-handles.c helpers
# get/make/release). Node devices travel as their bare name in most calls.
HANDLES = {
    "domain": ("virDomainPtr", "remote_nonnull_domain", "Domain"),
    "network": ("virNetworkPtr", "remote_nonnull_network", "Network"),
    "pool": ("virStoragePoolPtr", "remote_nonnull_storage_pool", "StoragePool"),
    "vol": ("virStorageVolPtr", "remote_nonnull_storage_vol", "StorageVol"),
    "iface": ("virInterfacePtr", "remote_nonnull_interface", "Interface"),
    "nodedev": ("virNodeDevicePtr", "remote_nonnull_node_device", "NodeDevice"),
    "snapshot": ("virDomainSnapshotPtr", "remote_nonnull_domain_snapshot", "DomainSnapshot"),
    "checkpoint": ("virDomainCheckpointPtr", "remote_nonnull_domain_checkpoint", "DomainCheckpoint"),
    "secret": ("virSecretPtr", "remote_nonnull_secret", "Secret"),
    "nwfilter": ("virNWFilterPtr", "remote_nonnull_nwfilter", "NWFilter"),
    "nwbinding": ("virNWFilterBindingPtr", "remote_nonnull_nwfilter_binding", "NWFilterBinding"),
    "netport": ("virNetworkPortPtr", "remote_nonnull_network_port", "NetworkPort"),
}
KIND_OF_CTYPE = {v[0]: k for k, v in HANDLES.items()}
KIND_OF_WIRE = {v[1]: k for k, v in HANDLES.items()}


class NoMatch(Exception):
    pass


def load_module(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def read_api(path, apigen):
    """name -> (return type, [(type, name, optional)], role), read by the
    one parser of the .api descriptions (abi/gen/apigen.py)."""
    def norm(ctype):
        return " ".join(ctype.split()).replace(" *", "*").replace("* ", "*")
    funcs = {}
    for fn in apigen.parse(path)[0]:
        if fn.role == "data":
            continue
        funcs[fn.name] = (norm(fn.ret), [(norm(a.type), a.name, a.nullable) for a in fn.args],
                          fn.role)
    return funcs


class Gen:
    def __init__(self, xdrgen, model):
        self.x = xdrgen
        self.byname = model.byname

    def resolve(self, decl):
        """Follow typedefs: (kind, type) of the underlying declaration."""
        seen = 0
        while decl.kind == "plain" and decl.type in self.byname and \
                self.byname[decl.type].kind == "typedef" and seen < 20:
            decl = self.byname[decl.type].decl
            seen += 1
        return decl

    def member_kind(self, decl):
        r = self.resolve(decl)
        if r.kind == "string":
            return "string"
        if r.kind == "optional":
            inner = self.resolve(self.x.Decl("plain", r.type, r.name, None, r.line))
            if inner.kind == "string":
                return "optstring"
            return None
        if r.kind == "opaque_fixed":
            return "uuid"
        if r.kind == "opaque_var":
            return "bytes"
        if r.kind == "var":
            inner = self.resolve(self.x.Decl("plain", r.type, r.name, None, r.line))
            if inner.kind == "string":
                return "strlist"
            if inner.kind == "struct" or r.type == "remote_typed_param":
                return "params" if r.type == "remote_typed_param" else None
            if inner.kind == "plain" and inner.type in KIND_OF_WIRE:
                return "list:" + KIND_OF_WIRE[inner.type]
            return None
        if r.kind == "plain":
            if r.type in SCALARS:
                return "scalar"
            if r.type in KIND_OF_WIRE:
                return KIND_OF_WIRE[r.type]
        return None

    def members(self, sname):
        if not sname:
            return []
        d = self.byname[sname]
        if d.kind != "struct":
            raise NoMatch("%s is not a struct" % sname)
        return [(m.name, self.member_kind(m)) for m in d.members]

    def bound(self, sname, member):
        for m in self.byname[sname].members:
            if m.name == member:
                return m.size
        return None


def api_in_kind(ctype, optional):
    if ctype == "STRS_IN":
        return "strlist"
    if ctype == "BYTES_IN":
        return "bytes"
    if ctype == "TP_SET":
        return "params"
    if ctype == "TP_GET":
        return "tpget"
    if ctype.endswith("**") and ctype[:-2] in KIND_OF_CTYPE:
        return "list:" + KIND_OF_CTYPE[ctype[:-2]]
    if ctype in KIND_OF_CTYPE:
        return KIND_OF_CTYPE[ctype]
    if ctype == "const char*":
        return "optstring" if optional else "string"
    if ctype == "const unsigned char*":
        return "uuid"
    if ctype in API_SCALARS:
        return "scalar"
    return None


INFO_STRUCTS = {}


def api_out_kind(ctype):
    if ctype in INFO_STRUCTS:
        return "info"
    if ctype == "BYTES_LEN":
        return "byteslen"
    if ctype == "char***":
        return "stralloc"
    if ctype == "TP_ALLOC":
        return "tpalloc"
    if ctype in ("char**", "char**const"):
        return "names"
    if ctype.endswith("*") and ctype[:-1] in API_SCALARS:
        return ctype[:-1]
    return None


def merge_params(params):
    """Typed parameters and their count as one pseudo-argument:
    (TP_SET|TP_GET|TP_ALLOC, name, optional, count type)."""
    out = []
    i = 0
    while i < len(params):
        ctype, name, optional = params[i]
        nxt = params[i + 1][0] if i + 1 < len(params) else None
        kind = None
        if ctype == "virTypedParameterPtr" and nxt in ("int", "unsigned int"):
            kind = "TP_SET"
        elif ctype == "virTypedParameterPtr" and nxt == "int*":
            kind = "TP_GET"
        elif ctype == "virTypedParameterPtr*" and nxt in ("int*", "unsigned int*"):
            kind = "TP_ALLOC"
        elif ctype == "const char**" and nxt in ("int", "unsigned int"):
            kind = "STRS_IN"
        elif ctype in ("const unsigned char*", "unsigned char*") and nxt in ("int", "unsigned int", "size_t"):
            kind = "BYTES_IN"
        if kind:
            out.append((kind, name, optional, nxt))
            i += 2
        else:
            out.append((ctype, name, optional, None))
            i += 1
    return out


def gen_proc(g, p, func):
    ret_type, params, role = func
    if ret_type == "unsigned char*":
        # the returned bytes' size comes back through the size_t pointer
        params = [("BYTES_LEN",) + prm[1:] if prm[0] == "size_t*" else prm for prm in params]
    merged = merge_params(params)
    counts = {m[1]: m[3] for m in merged}
    counts_ctype = {m[1]: m[0] for m in merged}
    params = [m[:3] for m in merged]
    args = g.members(p.args)
    rets = g.members(p.ret)
    if not params or (params[0][0] != "virConnectPtr" and params[0][0] not in KIND_OF_CTYPE):
        raise NoMatch("first argument is not a connection or handle")
    ins, outs = [], []
    for i, (ctype, name, optional) in enumerate(params):
        if i == 0 and ctype == "virConnectPtr":
            continue
        k = api_in_kind(ctype, optional)
        if k:
            ins.append((ctype, name, k))
            continue
        o = api_out_kind(ctype)
        if o:
            outs.append((o, name))
            continue
        raise NoMatch("argument %s %s" % (ctype, name))
    if len(ins) != len(args):
        raise NoMatch("argument count")
    for (ctype, name, k), (mname, mk) in zip(ins, args):
        if (k, mk) in (("string", "optstring"), ("optstring", "string"), ("nodedev", "string")):
            continue        # absent: NULL, which the public entry refuses
        if k.startswith("list:") and mk == "scalar":
            continue        # need_results
        if k == "tpget" and mk == "scalar":
            continue        # how many are wanted
        if k != mk:
            raise NoMatch("argument %s: %s vs %s" % (name, k, mk))
    # handle lists: their arrays in ret, in order
    lists = [k for _, _, k in ins if k.startswith("list:")]
    list_rets = [m for m in rets if m[1] and m[1].startswith("list:")]
    if [mk for _, mk in list_rets] != lists:
        raise NoMatch("handle lists vs ret arrays")
    rets = [m for m in rets if m not in list_rets]
    # parameters to get: the ret array and the count asked for
    tpgets = [name for _, name, k in ins if k == "tpget"]
    tp_rets = {}
    if tpgets:
        arr = [m for m in rets if m[1] == "params"]
        cnt = [m for m in rets if m[0] == "nparams" and m[1] == "scalar"]
        if len(tpgets) != 1 or len(arr) != 1:
            raise NoMatch("typed parameters vs ret members")
        tp_rets[tpgets[0]] = (arr[0][0], cnt[0][0] if cnt else None)
        rets = [m for m in rets if m not in arr + cnt]
    byteslen = [j for j, (o, _) in enumerate(outs) if o == "byteslen"]
    outs_all = outs
    outs = [x for x in outs if x[0] != "byteslen"]
    if len(rets) < len(outs):
        raise NoMatch("output count")
    # structs to fill: the ret members named as their fields
    info_fields = {}
    for o, name in outs:
        if o == "info":
            fields = INFO_STRUCTS[counts_ctype[name]][1]
            byname = dict(rets)
            if any(byname.get(f) != "scalar" for f in fields):
                raise NoMatch("struct %s vs ret members" % name)
            info_fields[name] = fields
            rets = [m for m in rets if m[0] not in fields]
    outs = [x for x in outs if x[0] != "info"]
    for (o, name), (mname, mk) in zip(outs, rets):
        if mk != {"names": "strlist", "tpalloc": "params", "stralloc": "strlist"}.get(o, "scalar"):
            raise NoMatch("output %s" % name)
    left = rets[len(outs):]
    rkind = {"int": "int", "char*": "ownstring", "const char*": "conststring",
             "unsigned char*": "ownbytes" if byteslen else None,
             "unsigned long": "ulong", "unsigned long long": "ulong"}.get(ret_type)
    rkind = KIND_OF_CTYPE.get(ret_type, rkind)
    if rkind is None:
        raise NoMatch("return type %s" % ret_type)
    want = {"int": ("scalar",), "ownstring": ("string", "optstring"), "conststring": ("string",),
            "ownbytes": ("bytes",),
            "ulong": ("scalar",)}.get(rkind, (rkind,))
    if rkind == "int" and not left:
        rfield = None
    elif len(left) == 1 and left[0][1] in want:
        rfield = left[0][0]
    else:
        raise NoMatch("return value vs ret members")

    out = []
    out.append("static int\ndispatch_%s(daemonClient *client, virConnectPtr conn, void *argsp, void *retp)\n{\n" % p.name)
    if p.args:
        out.append("    %s *args = argsp;\n" % p.args)
    else:
        out.append("    (void) argsp;\n")
    if p.ret:
        out.append("    %s *ret = retp;\n" % p.ret)
    else:
        out.append("    (void) retp;\n")
    out.append("    int rv = -1;\n")
    handles = []
    call_args = []
    tp_pre, tp_post, tp_free = [], [], []
    for idx, ((ctype, name, k), (mname, mk)) in enumerate(zip(ins, args)):
        if k == "params":
            out.append("    virTypedParameter *tp%d = NULL;\n" % idx)
            # none: NULL, as libvirt's daemon passes them
            tp_pre.append("    if (args->%s.%s_len &&\n"
                          "        !(tp%d = virtRPCParamsFromWire(args->%s.%s_val, args->%s.%s_len)))\n"
                          "        goto cleanup;\n" % (mname, mname, idx, mname, mname, mname, mname))
            tp_free.append("    free(tp%d);      /* the strings belong to the decoded arguments */\n" % idx)
            call_args.append("tp%d, (%s) args->%s.%s_len" % (idx, counts[name], mname, mname))
            continue
        if k == "bytes":
            call_args.append("(unsigned char *) args->%s.%s_val, (%s) args->%s.%s_len"
                             % (mname, mname, counts[name], mname, mname))
            continue
        if k == "strlist":
            # none: NULL, as libvirt's decoder gives an empty array
            call_args.append("args->%s.%s_len ? (const char **) args->%s.%s_val : NULL, (%s) args->%s.%s_len"
                             % (mname, mname, mname, mname, counts[name], mname, mname))
            continue
        if k == "tpget":
            arr, cnt = tp_rets[name]
            bound = g.bound(p.ret, arr)
            out.append("    virTypedParameter *tp%d = NULL;\n    int ntp%d = args->%s;\n    int ftp%d = 0;\n"
                       % (idx, idx, mname, idx))
            tp_pre.append("    if (ntp%d < 0 || ntp%d > %s) {\n"
                          "        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_RPC, VIR_ERR_RPC, \"%%s\",\n"
                          "                       \"nparams too large\");\n        goto cleanup;\n    }\n"
                          "    if (ntp%d)\n        tp%d = virtAlloc(sizeof(*tp%d) * (size_t) ntp%d);\n"
                          % (idx, idx, bound, idx, idx, idx, idx))
            post = "    ftp%d = ntp%d;\n" % (idx, idx)
            if cnt:
                post += "    if (args->%s == 0)\n        ret->%s = ntp%d;\n    else " % (mname, cnt, idx)
            else:
                post += "    "
            post += ("if (virtRPCParamsToWire(tp%d, ntp%d, &ret->%s.%s_val, &ret->%s.%s_len) < 0)\n"
                     "        goto cleanup;\n" % (idx, idx, arr, arr, arr, arr))
            tp_post.append(post)
            tp_free.append("    virtRPCParamsFree(tp%d, ftp%d);\n" % (idx, idx))
            call_args.append("tp%d, &ntp%d" % (idx, idx))
            continue
        if k == "nodedev" and mk == "string":
            out.append("    virNodeDevicePtr h%d = NULL;\n" % idx)
            handles.append(("h%d" % idx, "virNodeDeviceLookupByName(conn, args->%s)" % mname,
                            "daemonReleaseNodeDevice"))
            call_args.append("h%d" % idx)
        elif k in HANDLES:
            ctype_h, _, label = HANDLES[k]
            out.append("    %s h%d = NULL;\n" % (ctype_h, idx))
            handles.append(("h%d" % idx, "daemonGet%s(conn, &args->%s)" % (label, mname),
                            "daemonRelease%s" % label))
            call_args.append("h%d" % idx)
        elif mk == "optstring":
            call_args.append("args->%s ? *args->%s : NULL" % (mname, mname))
        elif k in ("string", "optstring"):
            call_args.append("args->%s" % mname)
        elif k == "uuid":
            call_args.append("args->%s" % mname)
        else:
            call_args.append("(%s) args->%s" % (ctype, mname))
    lists_code = []     # (variable, ret array member, kind)
    for idx, ((ctype, name, k), (mname, mk)) in enumerate(zip(ins, args)):
        if k.startswith("list:"):
            lk = k[5:]
            out.append("    %s *l%d = NULL;\n    int nl%d = -1;\n" % (HANDLES[lk][0], idx, idx))
            lists_code.append(("l%d" % idx, list_rets[len(lists_code)][0], lk))
            call_args[idx] = "args->%s ? &l%d : NULL" % (mname, idx)
    names_checks = []
    for j, (o, name) in enumerate(outs):
        if o == "names":
            # the count is the scalar argument named after the list
            cnt = [a for (ct, n, k), a in zip(ins, call_args) if k == "scalar"]
            pos = [i for i, (ct, n, opt) in enumerate(params) if n == name][0]
            cname = params[pos + 1][1] if pos + 1 < len(params) else None
            cexpr = [a for (ct, n, k), a in zip(ins, call_args) if n == cname]
            if not cexpr or not cnt:
                raise NoMatch("names without a count")
            rname = rets[j][0]
            bound = g.bound(p.ret, rname)
            out.append("    char **out%d = NULL;\n" % j)
            names_checks.append((j, cexpr[0], bound, rname))
        elif o == "stralloc":
            rname = rets[j][0]
            out.append("    char **out%d = NULL;\n" % j)
            tp_post.append("    ret->%s.%s_len = (uint32_t) r;\n    ret->%s.%s_val = out%d;\n"
                           % (rname, rname, rname, rname, j))
        elif o == "tpalloc":
            rname = rets[j][0]
            ct = counts[name][:-1]
            out.append("    virTypedParameter *out%d = NULL;\n    %s nout%d = 0;\n" % (j, ct, j))
            tp_post.append("    if (virtRPCParamsToWire(out%d, (int) nout%d, &ret->%s.%s_val, &ret->%s.%s_len) < 0)\n"
                           "        goto cleanup;\n" % (j, j, rname, rname, rname, rname))
            tp_free.append("    virTypedParamsFree(out%d, (int) nout%d);\n" % (j, j))
        else:
            out.append("    %s out%d = 0;\n" % (o, j))
    # inputs and outputs at their place in the argument list
    final_args = []
    ins_left, oi = list(call_args), 0
    for i, (ctype, name, optional) in enumerate(params):
        if i == 0 and ctype == "virConnectPtr":
            final_args.append("conn")
        elif api_in_kind(ctype, optional) is None:
            kind_o = outs_all[oi][0]
            skipped = sum(1 for j, (ko, _) in enumerate(outs_all) if j < oi and ko in ("byteslen", "info"))
            final_args.append("&blen" if kind_o == "byteslen" else "&info_" + name if kind_o == "info" else
                              {"names": "out%d", "tpalloc": "&out%d, &nout%d"}.get(kind_o, "&out%d")
                              .replace("%d", str(oi - skipped)))
            oi += 1
        else:
            final_args.append(ins_left.pop(0))
    if byteslen:
        out.append("    size_t blen = 0;\n")
    for name in info_fields:
        out.append("    %s info_%s;\n    memset(&info_%s, 0, sizeof(info_%s));\n"
                   % (INFO_STRUCTS[counts_ctype[name]][0], name, name, name))
    out.append("\n    (void) client;\n")
    for j, cexpr, bound, rname in names_checks:
        if bound:
            out.append("    if ((%s) > %s) {\n"
                       "        virtErrorRaise(NULL, NULL, NULL, VIR_FROM_RPC, VIR_ERR_RPC, \"%%s\",\n"
                       "                       \"maxnames > %s\");\n"
                       "        goto cleanup;\n    }\n" % (cexpr, bound, bound))
        out.append("    out%d = virtAlloc((size_t) ((%s) > 0 ? (%s) + 1 : 1) * sizeof(*out%d));\n"
                   % (j, cexpr, cexpr, j))
    for h, expr, _ in handles:
        out.append("    if (!(%s = %s))\n        goto cleanup;\n" % (h, expr))
    out += tp_pre
    call = "%s(%s)" % (p.api, ", ".join(final_args))
    if rkind == "int":
        out.append("    int r = %s;\n    if (r < 0)\n        goto cleanup;\n" % call)
        if rfield:
            out.append("    ret->%s = r;\n" % rfield)
    elif rkind == "ulong":
        out.append("    unsigned long long r = %s;\n    if (r == 0)\n        goto cleanup;\n" % call)
        out.append("    ret->%s = r;\n" % rfield)
    elif rkind == "ownstring" and dict(rets).get(rfield) == "optstring":
        # a result that may be absent on the wire: boxed
        out.append("    char *r = %s;\n    if (!r)\n        goto cleanup;\n"
                   "    ret->%s = virtAlloc(sizeof(*ret->%s));\n    *ret->%s = r;\n" % (call, rfield, rfield, rfield))
    elif rkind == "ownstring":
        out.append("    char *r = %s;\n    if (!r)\n        goto cleanup;\n    ret->%s = r;\n" % (call, rfield))
    elif rkind == "ownbytes":
        out.append("    unsigned char *r = %s;\n    if (!r)\n        goto cleanup;\n"
                   "    ret->%s.%s_val = (char *) r;\n    ret->%s.%s_len = (uint32_t) blen;\n"
                   % (call, rfield, rfield, rfield, rfield))
    elif rkind == "conststring":
        out.append("    const char *r = %s;\n    if (!r)\n        goto cleanup;\n"
                   "    ret->%s = virtStrdup(r);\n" % (call, rfield))
    elif rkind in HANDLES:
        ctype_h, _, label = HANDLES[rkind]
        out.append("    %s r = %s;\n    if (!r)\n        goto cleanup;\n"
                   "    daemonMake%s(&ret->%s, r);\n    daemonRelease%s(r);\n"
                   % (ctype_h, call, label, rfield, label))
    for j, ((o, name), (mname, mk)) in enumerate(zip(outs, rets)):
        if o in ("tpalloc", "stralloc"):
            continue
        if o == "names":
            out.append("    ret->%s.%s_len = (uint32_t) r;\n    ret->%s.%s_val = out%d;\n"
                       "    out%d = NULL;\n" % (mname, mname, mname, mname, j, j))
        else:
            out.append("    ret->%s = out%d;\n" % (mname, j))
    for var, rname, lk in lists_code:
        label = HANDLES[lk][2]
        out.append("    n%s = r;\n    if (%s) {\n"
                   "        ret->%s.%s_len = (uint32_t) r;\n"
                   "        ret->%s.%s_val = virtAlloc((size_t) (r > 0 ? r : 1) * sizeof(*ret->%s.%s_val));\n"
                   "        for (int i = 0; i < r; i++)\n"
                   "            daemonMake%s(&ret->%s.%s_val[i], %s[i]);\n    }\n"
                   % (var, var, rname, rname, rname, rname, rname, rname, label, rname, rname, var))
    out += tp_post
    for name, fields in info_fields.items():
        for f in fields:
            out.append("    ret->%s = info_%s.%s;\n" % (f, name, f))
    out.append("    rv = 0;\n\n cleanup:\n")
    out += tp_free
    for j, _, _, _ in names_checks:
        out.append("    free(out%d);\n" % j)
    for var, rname, lk in lists_code:
        label = HANDLES[lk][2]
        out.append("    for (int i = 0; i < n%s; i++)\n        daemonRelease%s(%s[i]);\n    free(%s);\n"
                   % (var, label, var, var))
    for h, _, free in handles:
        out.append("    %s(%s);\n" % (free, h))
    out.append("    return rv;\n}\n\n")
    return "".join(out)


def main(argv):
    if len(argv) < 5:
        sys.stderr.write(__doc__)
        return 2
    output, xdrgen_py, proto, api = argv[1:5]
    more_api = [a for a in argv[5:] if a.endswith(".api")]
    headers = [a for a in argv[5:] if a.endswith(".h.in")]
    hand_files = [a for a in argv[5:] if not a.endswith(".api") and not a.endswith(".h.in")]
    xdrgen = load_module(xdrgen_py, "xdrgen")
    sys.path.insert(0, os.path.dirname(os.path.abspath(xdrgen_py)))
    import pubstructs
    INFO_STRUCTS.update(pubstructs.read(headers))
    try:
        model = xdrgen.load_model(proto, api)
    except (xdrgen.ProtoError, OSError) as e:
        sys.stderr.write("error: %s\n" % e)
        return 1
    # apigen.py sits beside xdrgen.py
    apigen = load_module(xdrgen_py.replace("xdrgen.py", "apigen.py"), "apigen")
    funcs = read_api(api, apigen)
    for extra in more_api:
        funcs.update(read_api(extra, apigen))
    hand, noconn = set(), set()
    for path in hand_files:
        with open(path, encoding="utf-8") as f:
            src = f.read()
        hand.update(re.findall(r"^DAEMON_PROC\((\w+)\)", src, re.M))
        noconn.update(re.findall(r"^DAEMON_PROC_NOCONN\((\w+)\)", src, re.M))
    g = Gen(xdrgen, model)
    body, skipped, tables, programs = [], [], [], []
    for prefix, _, procs in model.programs:
        if prefix == "keepalive":
            continue
        # remote keeps its historical names; the others carry their prefix
        tag = "" if prefix == "remote" else prefix.upper() + "_"
        tname = "daemonDispatchTable" if prefix == "remote" else \
            "daemon%sDispatchTable" % prefix.capitalize()
        table = []
        for p in procs:
            name = tag + p.name
            if name in noconn:
                table.append("    { %d, dispatchNoConn_%s, false },\n" % (p.number, name))
                body.insert(0, "int dispatchNoConn_%s(daemonClient *client, virConnectPtr conn, void *args, void *ret);\n" % name)
                continue
            if name in hand:
                table.append("    { %d, dispatch_%s, true },\n" % (p.number, name))
                body.insert(0, "int dispatch_%s(daemonClient *client, virConnectPtr conn, void *args, void *ret);\n" % name)
                continue
            if not p.api or p.api not in funcs:
                skipped.append("%s (no public function)" % name)
                continue
            try:
                body.append(gen_proc(g, p, funcs[p.api]).replace(
                    "dispatch_%s(" % p.name, "dispatch_%s(" % name, 1))
                table.append("    { %d, dispatch_%s, true },\n" % (p.number, name))
            except NoMatch as e:
                skipped.append("%s (%s: %s)" % (name, p.api, e))
        static = "" if prefix == "remote" else "static "
        tables.append("\n%sconst daemonDispatchEntry %s[] = {\n" % (static, tname))
        tables += table or ["    { 0, NULL, false },\n"]
        tables.append("};\n")
        if prefix == "remote":
            tables.append("\nconst size_t daemonDispatchTableCount = %d;\n" % len(table))
        programs.append("    { %s_PROGRAM, %s_PROTOCOL_VERSION, \"%s\", virt%sProcedureLookup, %s, %d },\n"
                        % (prefix.upper(), prefix.upper(), prefix, xdrgen.camel(prefix), tname,
                           len(table)))
    out = ["/* Generated by tools/libvirtd/gen/dispatchgen.py: do not edit. */\n",
           "#include <string.h>\n\n#include \"daemon-dispatch-table.h\"\n#include \"error.h\"\n#include \"params.h\"\n\n",
           "/* Not dispatched (answered VIR_ERR_NO_SUPPORT):\n"]
    out += [" *   %s\n" % s for s in skipped]
    out.append(" */\n\n")
    out += body
    out += tables
    out.append("\nconst daemonProgram daemonPrograms[] = {\n")
    out += programs
    out.append("};\n\nconst size_t daemonProgramsCount = %d;\n" % len(programs))
    with open(output, "w", encoding="utf-8") as f:
        f.write("".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
