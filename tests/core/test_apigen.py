#!/usr/bin/env python3
"""test_apigen.py: abi/gen/apigen.py, the generator of everything derived
from abi/libvirt.api: a golden output for a tiny description, properties
of the output for the real one, and one bad input per error, each expected
to fail with exit status 1 and a message naming FILE:LINE.

Usage: test_apigen.py APIGEN_PY LIBVIRT_API. Output is TAP."""
import os
import re
import subprocess
import sys
import tempfile

results = []


def check(ok, name, detail=""):
    results.append(ok)
    print("%sok %d - %s" % ("" if ok else "not ", len(results), name))
    if not ok and detail:
        for line in str(detail).splitlines()[:30]:
            print("#   " + line)


def run(apigen, api, cmd, out, extra=None, with_=()):
    args = [sys.executable, apigen] + [a for w in with_ for a in ("--with", w)] \
        + [api, cmd, out] + ([extra] if extra else [])
    return subprocess.run(args, capture_output=True, text=True)


MINI = """# a tiny description
@versions 0.0.3 0.0.5 0.1.0
@header libvirt-host.h
0.0.3  core ro  virConnectPtr virConnectOpen(const char *name?)
0.1.0  data ro  virConnectAuthPtr virConnectAuthPtrDefault
0.0.3  hv   ro  const char *virConnectGetType(virConnectPtr conn)
@header libvirt-domain.h
0.0.5  hv   rw  int virDomainSuspend(virDomainPtr domain)
0.0.3  hv   rw  via=virDomainSuspend(domain) int virDomainPause(virDomainPtr domain)
0.0.3  hv   ro  int virConnectListDomains(virConnectPtr conn, int *ids, int maxids>=0)
0.1.0  net  ro  int virConnectNumOfNetworks(virConnectPtr conn)
0.1.0  hv   ro  char *virDomainGetXMLDesc(virDomainPtr domain, unsigned int flags!1)
0.0.3  hv   rw  via=virDomainSetVcpusFlags(domain, nvcpus, VIR_DOMAIN_AFFECT_LIVE|VIR_DOMAIN_VCPU_GUEST) int virDomainSetVcpus(virDomainPtr domain, unsigned int nvcpus>0)
0.1.0  hv   rw  int virDomainSetVcpusFlags(virDomainPtr domain, unsigned int nvcpus, unsigned int flags)
0.1.0  hv   ro  int virDomainGetMemoryParameters(virDomainPtr domain, virTypedParameterPtr params?, int *nparams, unsigned int flags+4)
"""

# The entry point of a legacy call: its own checks, then the slot of its
# *Flags variant with the defaults, naming itself while the slot runs.
MINI_SETVCPUS = """int virDomainSetVcpus(virDomainPtr domain, unsigned int nvcpus)
{
    virConnectPtr owner;
    int (*fn)(virDomainPtr domain, unsigned int nvcpus, unsigned int flags);

    virResetLastError();
    VIRT_DEBUG("domain=%p, nvcpus=%u", (const void *) domain, nvcpus);
    if (!virtCheckDomain(domain, __func__))
        goto error_noconn;
    owner = virtDomainConn(domain);
    if (!(nvcpus > 0)) {
        virtReportRangeArg(owner, __func__, "nvcpus", "> 0");
        goto error;
    }
    if (virtConnReadOnly(owner)) {
        virtReportReadOnly(owner, __func__);
        goto error;
    }
    fn = VIRT_SLOT(virtConnHypervisorTable(owner), virtHypervisorTable, domainSetVcpusFlags);
    if (!fn) {
        virtReportNoSupport(owner, __func__);
        goto error;
    }
    {
        const char *outer = virtLegacyEnter(__func__);
        int ret = fn(domain, nvcpus, VIR_DOMAIN_AFFECT_LIVE|VIR_DOMAIN_VCPU_GUEST);
        virtLegacyLeave(outer);
        if (ret < 0)
            goto error;
        return ret;
    }

 error:
    virtDispatchError(owner);
    return -1;
 error_noconn:
    virtDispatchError(NULL);
    return -1;
}
"""

MINI_SYMBOLS = """virConnectOpen LIBVIRT_0.0.3
virConnectAuthPtrDefault LIBVIRT_0.1.0
virConnectGetType LIBVIRT_0.0.3
virDomainSuspend LIBVIRT_0.0.5
virDomainPause LIBVIRT_0.0.3
virConnectListDomains LIBVIRT_0.0.3
virConnectNumOfNetworks LIBVIRT_0.1.0
virDomainGetXMLDesc LIBVIRT_0.1.0
virDomainSetVcpus LIBVIRT_0.0.3
virDomainSetVcpusFlags LIBVIRT_0.1.0
virDomainGetMemoryParameters LIBVIRT_0.1.0
"""

MINI_SYMFILE = """LIBVIRT_0.0.3 {
    global:
        virConnectGetType;
        virConnectListDomains;
        virConnectOpen;
        virDomainPause;
        virDomainSetVcpus;
    local:
        *;
};

LIBVIRT_0.0.5 {
    global:
        virDomainSuspend;
} LIBVIRT_0.0.3;

LIBVIRT_0.1.0 {
    global:
        virConnectAuthPtrDefault;
        virConnectNumOfNetworks;
        virDomainGetMemoryParameters;
        virDomainGetXMLDesc;
        virDomainSetVcpusFlags;
} LIBVIRT_0.0.5;
"""


def test_golden(apigen, tmp):
    api = os.path.join(tmp, "mini.api")
    with open(api, "w") as f:
        f.write(MINI)
    for cmd, want in (("symbols", MINI_SYMBOLS), ("symfile", MINI_SYMFILE)):
        out = os.path.join(tmp, "mini." + cmd)
        r = run(apigen, api, cmd, out)
        got = open(out).read() if r.returncode == 0 else r.stderr
        check(r.returncode == 0 and got == want, "golden %s" % cmd,
              "got:\n" + got)

    # The module tables: one slot per dispatched function, none for via=.
    tmpl = os.path.join(tmp, "virt-module.h.in")
    with open(tmpl, "w") as f:
        f.write("/* head */\n@MODULE_TABLES@\n/* tail */\n")
    out = os.path.join(tmp, "virt-module.h")
    r = run(apigen, api, "module", out, tmpl)
    text = open(out).read() if r.returncode == 0 else r.stderr
    hv = re.search(r"typedef struct virtHypervisorTable \{(.*?)\} virtHypervisorTable;", text, re.S)
    slots = re.findall(r"\(\*(\w+)\)", hv.group(1)) if hv else []
    check(slots == ["connectGetType", "domainSuspend", "connectListDomains", "domainGetXMLDesc",
                    "domainSetVcpusFlags", "domainGetMemoryParameters"],
          "module table slots in description order, none for a via record", text)
    check("/* head */" in text and "/* tail */" in text and "@MODULE_TABLES@" not in text,
          "module template filled in place")

    # Entry points: argument checks and the read-only refusal.
    out = os.path.join(tmp, "entry.c")
    r = run(apigen, api, "entry", out)
    text = open(out).read() if r.returncode == 0 else r.stderr
    suspend = re.search(r"int virDomainSuspend\(virDomainPtr domain\)\n\{(.*?)\n\}", text, re.S)
    listdom = re.search(r"int virConnectListDomains\(.*?\)\n\{(.*?)\n\}", text, re.S)
    gettype = re.search(r"const char \*virConnectGetType\(.*?\)\n\{(.*?)\n\}", text, re.S)
    check(suspend and "virtReportReadOnly" in suspend.group(1)
          and "virtCheckDomain(domain" in suspend.group(1), "rw entry refuses read-only", text[:2000])
    check(gettype and "virtReportReadOnly" not in gettype.group(1), "ro entry does not refuse")
    check(listdom and 'virtReportNullArg(owner, __func__, "ids")' in listdom.group(1)
          and "maxids >= 0" in listdom.group(1), "NULL and range checks generated")
    check("virConnectOpen(" not in text, "core functions are not generated")
    xmldesc = re.search(r"char \*virDomainGetXMLDesc\(.*?\)\n\{(.*?)\n\}", text, re.S)
    check(xmldesc and "if ((flags & 1U) && virtConnReadOnly(owner))" in xmldesc.group(1),
          "flags!1 refuses those bits on a read-only connection", xmldesc.group(1) if xmldesc else text[-1500:])

    setvcpus = re.search(r"^int virDomainSetVcpus\(.*?^\}\n", text, re.S | re.M)
    check(setvcpus and setvcpus.group(0) == MINI_SETVCPUS, "golden via entry point",
          setvcpus.group(0) if setvcpus else text[-3000:])
    memparams = re.search(r"int virDomainGetMemoryParameters\(.*?\)\n\{(.*?)\n\}", text, re.S)
    check(memparams and "    flags |= 4U;\n    {\n        int ret = fn(domain, params, nparams, flags);"
          in memparams.group(1), "flags+4 adds the bits before the slot runs",
          memparams.group(1) if memparams else "")
    pause = re.search(r"int virDomainPause\(virDomainPtr domain\)\n\{(.*?)\n\}", text, re.S)
    check(pause and "virtHypervisorTable, domainSuspend);" in pause.group(1)
          and "fn(domain);" in pause.group(1), "a via without defaults calls the other slot",
          pause.group(1) if pause else "")
    out = os.path.join(tmp, "mini.matrix")
    r = run(apigen, api, "matrix", out)
    text = open(out).read() if r.returncode == 0 else r.stderr
    check('{ "virDomainSetVcpus", "LIBVIRT_0.0.3", VIRT_ROLE_HYPERVISOR, '
          'offsetof(virtHypervisorTable, domainSetVcpusFlags), 1, VIR_FROM_DOMAIN },' in text,
          "the matrix row of a via record names the slot that serves it", text)

    # Public header prototypes go to the header named by @header.
    tmpl = os.path.join(tmp, "libvirt-host.h.in")
    with open(tmpl, "w") as f:
        f.write("@API_PROTOTYPES@\n")
    out = os.path.join(tmp, "libvirt-host.h")
    r = run(apigen, api, "header", out, tmpl)
    text = open(out).read() if r.returncode == 0 else r.stderr
    check(text == "virConnectPtr virConnectOpen(const char *name);\n"
                  "extern virConnectAuthPtr virConnectAuthPtrDefault;\n"
                  "const char *virConnectGetType(virConnectPtr conn);\n",
          "golden header prototypes", text)


# The later roles, handle kinds, [count] arrays and the read-only calls.
ROLES_API = """@versions 0.0.3
@header libvirt-storage.h
0.0.3  storage ro  int virConnectListStoragePools(virConnectPtr conn, char **const names[maxnames], int maxnames>=0)
0.0.3  storage rw  int virStorageVolDelete(virStorageVolPtr vol, unsigned int flags)
0.0.3  hv      rw  int virDomainSnapshotDelete(virDomainSnapshotPtr snapshot, unsigned int flags)
0.0.3  nwfilter ro char *virNWFilterBindingGetXMLDesc(virNWFilterBindingPtr binding, unsigned int flags)
"""


def test_roles(apigen, tmp):
    api = os.path.join(tmp, "roles.api")
    with open(api, "w") as f:
        f.write(ROLES_API)
    tmpl = os.path.join(tmp, "roles-module.h.in")
    with open(tmpl, "w") as f:
        f.write("@MODULE_TABLES@\n")
    out = os.path.join(tmp, "roles-module.h")
    r = run(apigen, api, "module", out, tmpl)
    text = open(out).read() if r.returncode == 0 else r.stderr
    st = re.search(r"typedef struct virtStorageTable \{(.*?)\} virtStorageTable;", text, re.S)
    check(st and re.findall(r"\(\*(\w+)\)", st.group(1)) == ["connectListStoragePools", "storageVolDelete"],
          "storage role gets its own table", text)
    check(all("typedef struct virt%sTable {" % t in text
              for t in ("Interface", "NodeDevice", "Secret", "NWFilter")),
          "every dispatched role has a table, even an empty one", text)
    out = os.path.join(tmp, "roles-entry.c")
    r = run(apigen, api, "entry", out)
    text = open(out).read() if r.returncode == 0 else r.stderr
    check("if (!names && maxnames != 0)" in text, "[count] array may be NULL only with a zero count", text[:1500])
    check("virtCheckStorageVol(vol, __func__)" in text and "owner = virtStorageVolConn(vol);" in text
          and "VIRT_SLOT(virtConnStorageTable(owner), virtStorageTable, storageVolDelete)" in text,
          "a volume entry checks the handle and uses the storage table of its connection", text[:3000])
    check("virtCheckDomainSnapshot(snapshot" in text and "virtConnHypervisorTable(owner)" in text,
          "snapshots dispatch to the hypervisor table")
    out = os.path.join(tmp, "roles-matrix.c")
    r = run(apigen, api, "matrix", out)
    text = open(out).read() if r.returncode == 0 else r.stderr
    check("VIRT_ROLE_NWFILTER, offsetof(virtNWFilterTable, nWFilterBindingGetXMLDesc)" in text,
          "matrix rows name the role and slot", text)
    out = os.path.join(tmp, "roles-rocalls.h")
    r = run(apigen, api, "rocalls", out)
    text = open(out).read() if r.returncode == 0 else r.stderr
    check('{ "virStorageVolDelete", virtRo_virStorageVolDelete }' in text
          and '{ "virDomainSnapshotDelete", virtRo_virDomainSnapshotDelete }' in text
          and "virConnectListStoragePools" not in text
          and "virStorageVolDelete(f->vol, 0) == -1" in text,
          "rocalls lists exactly the mutating calls, with valid handles", text)


# Private records: a slot and an entry point, but no export.
PRIVATE_API = """@versions 0.0.3
@header libvirt-domain.h
0.0.3   hv ro  int virDomainGetID(virDomainPtr domain)
@header virt-internal.h
private hv rw  int virDomainMigrateConfirm3(virDomainPtr domain, const char *cookiein?, int cookieinlen>=0, unsigned long flags, int cancelled)
"""


def test_private(apigen, tmp):
    api = os.path.join(tmp, "private.api")
    with open(api, "w") as f:
        f.write(PRIVATE_API)
    outs = {}
    for cmd in ("symbols", "symfile", "matrix", "rocalls", "entry"):
        out = os.path.join(tmp, "private." + cmd)
        r = run(apigen, api, cmd, out)
        outs[cmd] = open(out).read() if r.returncode == 0 else r.stderr
    check(all("virDomainMigrateConfirm3" not in outs[c] for c in ("symbols", "symfile", "matrix", "rocalls")),
          "a private record is neither exported nor in the matrix or read-only list",
          "\n".join(outs.values())[:1500])
    check("int virDomainMigrateConfirm3(virDomainPtr domain" in outs["entry"]
          and "virtReportReadOnly" in outs["entry"].split("virDomainMigrateConfirm3", 1)[-1],
          "a private record gets a checked entry point", outs["entry"][-1500:])
    tmpl = os.path.join(tmp, "virt-internal.h.in")
    with open(tmpl, "w") as f:
        f.write("@API_PROTOTYPES@\n")
    out = os.path.join(tmp, "virt-internal.h")
    r = run(apigen, api, "header", out, tmpl)
    text = open(out).read() if r.returncode == 0 else r.stderr
    check(text.startswith("int virDomainMigrateConfirm3(") and "virDomainGetID" not in text,
          "private prototypes go to their own header", text)
    tmpl = os.path.join(tmp, "private-module.h.in")
    with open(tmpl, "w") as f:
        f.write("@MODULE_TABLES@\n")
    out = os.path.join(tmp, "private-module.h")
    run(apigen, api, "module", out, tmpl)
    text = open(out).read()
    hv = re.search(r"typedef struct virtHypervisorTable \{(.*?)\} virtHypervisorTable;", text, re.S)
    check(hv and re.findall(r"\(\*(\w+)\)", hv.group(1)) == ["domainGetID", "domainMigrateConfirm3"],
          "a private record has a table slot", text)
    bad = os.path.join(tmp, "private-bad.api")
    with open(bad, "w") as f:
        f.write("@versions 0.0.3\n@header a.h\nprivate core ro int virX(virConnectPtr c)\n")
    r = run(apigen, bad, "symbols", os.path.join(tmp, "private-bad.out"))
    check(r.returncode == 1 and "private-bad.api:3" in r.stderr and "must be dispatched" in r.stderr,
          "a private record that is not dispatched is refused", r.stderr)


# A companion library: its own soname and node prefix, slots after the
# main description's, and the core helpers it needs exported privately.
COMPANION_MAIN = """@private-node TEST_PRIVATE
@versions 0.0.3
@header libvirt-domain.h
0.0.3  hv   ro  int virDomainGetID(virDomainPtr domain)
"""
COMPANION = """@library libvirt-frob.so.0 LIBVIRT_FROB_
@versions 1.0.0 2.0.0
@header libvirt-frob.h
1.0.0  hv   rw  int virDomainFrob(virDomainPtr domain, unsigned int flags)
2.0.0  hv   ro  int virConnectFrobWatch(virConnectPtr conn, virDomainPtr dom?, unsigned int flags)
2.0.0  core ro  int virDomainFrobSelf(virDomainPtr domain)
"""


def test_companion(apigen, tmp):
    main_api = os.path.join(tmp, "cmain.api")
    comp = os.path.join(tmp, "libvirt-frob.api")
    with open(main_api, "w") as f:
        f.write(COMPANION_MAIN)
    with open(comp, "w") as f:
        f.write(COMPANION)
    outs = {}
    for cmd in ("symbols", "symfile", "entry"):
        out = os.path.join(tmp, "comp." + cmd)
        r = run(apigen, comp, cmd, out)
        outs[cmd] = open(out).read() if r.returncode == 0 else r.stderr
    check(outs["symbols"] == "virDomainFrob LIBVIRT_FROB_1.0.0\nvirConnectFrobWatch LIBVIRT_FROB_2.0.0\n"
          "virDomainFrobSelf LIBVIRT_FROB_2.0.0\n", "companion symbols carry its node prefix", outs["symbols"])
    check(outs["symfile"].startswith("LIBVIRT_FROB_1.0.0 {") and
          "} LIBVIRT_FROB_1.0.0;" in outs["symfile"], "companion version script chains its nodes",
          outs["symfile"])
    check("#include <libvirt/libvirt-frob.h>" in outs["entry"] and
          "if (dom && !virtCheckDomain(dom, __func__))" in outs["entry"] and
          "virDomainFrobSelf(" not in outs["entry"],
          "companion entry points include their header and check a nullable handle when given",
          outs["entry"][:2000])
    tmpl = os.path.join(tmp, "comp-module.h.in")
    with open(tmpl, "w") as f:
        f.write("@MODULE_TABLES@\n")
    out = os.path.join(tmp, "comp-module.h")
    r = run(apigen, main_api, "module", out, tmpl, with_=[comp])
    text = open(out).read() if r.returncode == 0 else r.stderr
    hv = re.search(r"typedef struct virtHypervisorTable \{(.*?)\} virtHypervisorTable;", text, re.S)
    check(hv and re.findall(r"\(\*(\w+)\)", hv.group(1)) == ["domainGetID", "domainFrob", "connectFrobWatch"]
          and text.startswith("#include <libvirt/libvirt-frob.h>"),
          "companion slots follow the main ones, and the table includes its header", text)
    out = os.path.join(tmp, "comp-main.symfile")
    run(apigen, main_api, "symfile", out)
    text = open(out).read()
    check(text.startswith("TEST_PRIVATE {\n    global:\n") and "        virtCheckDomain;" in text
          and "        virtDispatchError;" in text and "} TEST_PRIVATE" not in text,
          "the private node exports the core helpers, with no parent", text[:600])
    out = os.path.join(tmp, "comp-main.symbols")
    run(apigen, main_api, "symbols", out)
    check("virtReportNoSupport TEST_PRIVATE\n" in open(out).read(), "symbols list the private helpers")
    out = os.path.join(tmp, "comp.rocalls")
    run(apigen, main_api, "rocalls", out, with_=[comp])
    text = open(out).read()
    check("#include <libvirt/libvirt-frob.h>" in text and "virtRo_virDomainFrob(" in text
          and "virDomainGetID" not in text, "rocalls cover the companions' mutating calls", text)
    # errors
    r = run(apigen, main_api, "module", out, tmpl, with_=[main_api])
    check(r.returncode == 1 and "needs a @library directive" in r.stderr or "already described" in r.stderr,
          "a --with file without @library is refused", r.stderr)
    clash = os.path.join(tmp, "clash.api")
    with open(clash, "w") as f:
        f.write("@library libvirt-x.so.0 LIBVIRT_X_\n@versions 1.0.0\n@header x.h\n"
                "1.0.0 hv ro int virDomainX(virDomainPtr d)\n"
                "1.0.0 hv ro slot=domainGetID int virDomainY(virDomainPtr domain)\n")
    r = run(apigen, main_api, "module", out, tmpl, with_=[clash])
    check(r.returncode == 0, "a companion may reuse a slot of the main description", r.stderr)
    late = os.path.join(tmp, "late.api")
    with open(late, "w") as f:
        f.write("@versions 1.0.0\n@library libvirt-x.so.0 LIBVIRT_X_\n")
    r = run(apigen, late, "symbols", out)
    check(r.returncode == 1 and "late.api:2:" in r.stderr and "before @versions" in r.stderr,
          "@library after @versions is refused with its line", r.stderr)


# The checks libvirt's entry points make beyond NULL and ranges: not zero,
# through a pointer, arrays counted through one, flag rules and hooks.
CHECKS_API = """@versions 0.0.3
@header libvirt-domain.h
0.0.3  hv   rw  int virDomainSetMemory(virDomainPtr domain, unsigned long memory!=0)
0.0.3  hv   ro  int virDomainGetMemoryParameters(virDomainPtr domain, virTypedParameterPtr params[*nparams], int *nparams>=0, unsigned int flags^VIR_DOMAIN_AFFECT_LIVE|VIR_DOMAIN_AFFECT_CONFIG)
0.0.3  hv   ro  int virNodeGetCellsFreeMemory(virConnectPtr conn, unsigned long long *freeMems[maxCells], int startCell>=0, int maxCells>0)
0.0.3  hv   rw  int virDomainSetVcpusFlags(virDomainPtr domain, unsigned int nvcpus, unsigned int flags:VIR_DOMAIN_VCPU_MAXIMUM>VIR_DOMAIN_AFFECT_CONFIG^VIR_DOMAIN_VCPU_GUEST|VIR_DOMAIN_AFFECT_CONFIG)
0.0.3  hv   rw@domain  int virDomainSetMaxMemory(virDomainPtr domain, unsigned long memory!=0)
0.0.3  hv   rw@user  int virDomainAuthorizedSSHKeysSet(virDomainPtr domain, const char *user, const char **keys[nkeys], unsigned int nkeys, unsigned int flags)
0.0.3  hv   ro  int virDomainGetBlockInfo(virDomainPtr domain, const char *disk!"", virDomainBlockInfoPtr info, unsigned int flags)
0.0.3  secret ro  int virConnectSecretEventRegisterAny(virConnectPtr conn, virSecretPtr secret?, int eventID>=0<2@cb, virConnectSecretEventGenericCallback cb, void *opaque?, virFreeCallback freecb?)
0.0.3  hv   ro  pre int virDomainGetCPUStats(virDomainPtr domain, virTypedParameterPtr params?, unsigned int nparams, int start_cpu, unsigned int ncpus, unsigned int flags)
"""


def body(text, name):
    m = re.search(r"^\S.*?\b%s\(.*?\)\n\{(.*?)\n\}" % name, text, re.S | re.M)
    return m.group(1) if m else ""


def test_checks(apigen, tmp):
    api = os.path.join(tmp, "checks.api")
    with open(api, "w") as f:
        f.write(CHECKS_API)
    out = os.path.join(tmp, "checks-entry.c")
    r = run(apigen, api, "entry", out)
    text = open(out).read() if r.returncode == 0 else r.stderr
    setmem = body(text, "virDomainSetMemory")
    check('if (!(memory != 0)) {\n        virtReportRangeArg(owner, __func__, "memory", "!= 0");' in setmem
          and setmem.index("memory != 0") < setmem.index("virtConnReadOnly"),
          "!=0 refuses zero before the read-only check", setmem)
    mem = body(text, "virDomainGetMemoryParameters")
    order = [mem.find(t) for t in ('virtReportNullArg(owner, __func__, "nparams")', "if (!(*nparams >= 0))",
                                   "if (!params && *nparams != 0)",
                                   "if ((flags & VIR_DOMAIN_AFFECT_LIVE) && (flags & VIR_DOMAIN_AFFECT_CONFIG))")]
    check(all(i >= 0 for i in order) and order == sorted(order)
          and '"*nparams", ">= 0"' in mem,
          "a count through a pointer: the pointer, its value, then the array; flag rules last", mem)
    check('virtReportExclusiveFlags(owner, __func__, "VIR_DOMAIN_AFFECT_LIVE", "VIR_DOMAIN_AFFECT_CONFIG")'
          in mem, "flags^A|B reports the two names", mem)
    cells = body(text, "virNodeGetCellsFreeMemory")
    order = [cells.find(t) for t in ("!freeMems && maxCells != 0", "!(maxCells > 0)", "!(startCell >= 0)")]
    check(all(i >= 0 for i in order) and order == sorted(order),
          "a plain count is checked right after its array", cells)
    vcpus = body(text, "virDomainSetVcpusFlags")
    req = "if ((flags & VIR_DOMAIN_VCPU_MAXIMUM) && !(flags & VIR_DOMAIN_AFFECT_CONFIG))"
    exc = "if ((flags & VIR_DOMAIN_VCPU_GUEST) && (flags & VIR_DOMAIN_AFFECT_CONFIG))"
    check(req in vcpus and exc in vcpus and vcpus.index(req) < vcpus.index(exc)
          and 'virtReportRequiredFlag(owner, __func__, "VIR_DOMAIN_AFFECT_CONFIG", "VIR_DOMAIN_VCPU_MAXIMUM")'
          in vcpus, "flags:A>B requires B with A; several rules in the order written", vcpus)
    info = body(text, "virDomainGetBlockInfo")
    check(0 <= info.find('virtReportNullArg(owner, __func__, "disk")')
          < info.find('    if (!*disk) {\n        virtReportEmptyArg(owner, __func__, "disk");'),
          '!"" refuses an empty string after refusing NULL', info)
    reg = body(text, "virConnectSecretEventRegisterAny")
    check(0 <= reg.find('"cb"') < reg.find("eventID >= 0") < reg.find("eventID < 2"),
          "an argument written @cb is checked right after cb", reg)
    maxmem = body(text, "virDomainSetMaxMemory")
    check(0 <= maxmem.find("virtConnReadOnly(owner)") < maxmem.find("memory != 0")
          and maxmem.count("virtConnReadOnly") == 1,
          "rw@HANDLE refuses a read-only connection before any argument check", maxmem)
    keys = body(text, "virDomainAuthorizedSSHKeysSet")
    check(0 <= keys.find('"user"') < keys.find("virtConnReadOnly(owner)") < keys.find('"keys"')
          and keys.count("virtConnReadOnly") == 1,
          "rw@ARG refuses a read-only connection right after ARG's checks", keys)
    stats = body(text, "virDomainGetCPUStats")
    check("if (!virtPre_virDomainGetCPUStats(owner, domain, params, nparams, start_cpu, ncpus, flags))"
          in stats and '#include "precheck.h"' in text, "a pre record calls its hook", stats)
    out = os.path.join(tmp, "checks-pre.h")
    r = run(apigen, api, "prechecks", out)
    text = open(out).read() if r.returncode == 0 else r.stderr
    check("bool virtPre_virDomainGetCPUStats(virConnectPtr owner, virDomainPtr domain, "
          "virTypedParameterPtr params, unsigned int nparams, int start_cpu, unsigned int ncpus, "
          "unsigned int flags);" in text and text.count("virtPre_") == 1,
          "prechecks declares the hook of each pre record", text)
    out = os.path.join(tmp, "checks-rocalls.h")
    r = run(apigen, api, "rocalls", out)
    text = open(out).read() if r.returncode == 0 else r.stderr
    check("virDomainSetMemory(f->dom, 1) == -1" in text,
          "rocalls pass a number that passes !=0", text)


def test_real(apigen, api, tmp):
    records = []
    with open(api) as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line and not line.startswith("@") and not line.startswith("private "):
                records.append(line)
    out = os.path.join(tmp, "real.symbols")
    r = run(apigen, api, "symbols", out)
    check(r.returncode == 0, "the real description generates", r.stderr)
    if r.returncode != 0:
        return
    private = re.search(r"^@private-node (\S+)", open(api).read(), re.M)
    lines = [l for l in open(out).read().splitlines()
             if not private or l.split()[1] != private.group(1)]
    names = [l.split()[0] for l in lines]
    check(len(lines) == len(records), "one symbol per record (%d)" % len(records))
    check(len(set(names)) == len(names), "no symbol twice")
    check(all(re.match(r"^vir\w+ LIBVIRT_\d+\.\d+\.\d+$", l) for l in lines), "NAME NODE lines")
    sym = os.path.join(tmp, "real.syms")
    run(apigen, api, "symfile", sym)
    text = open(sym).read()
    check(all(re.search(r"^\s+%s;$" % n, text, re.M) for n in names), "version script names every symbol")
    mat = os.path.join(tmp, "real.matrix")
    run(apigen, api, "matrix", mat)
    rows = re.findall(r'\{ "(vir\w+)", "(LIBVIRT_[\d.]+)", (\w+), .*?, ([01]), VIR_FROM_\w+ \}', open(mat).read())
    check(len(rows) == len(records), "matrix has a row per record")
    rw = {n for n, node, role, mut in rows if mut == "1"}
    recnames = set()
    for rec in records:
        if rec.split()[2].split("@")[0] == "rw":
            m = re.search(r"(vir\w+)\s*\(", re.sub(r"via=\S+?\(.*?\)", "", rec))
            recnames.add(m.group(1))
    check(rw == recnames, "matrix marks exactly the rw records as mutating",
          "matrix: %s\nrecords: %s" % (sorted(rw), sorted(recnames)))


# (name, file text, command, line expected in the message, text expected)
BAD = [
    ("unknown directive", "@versions 0.0.3\n@header a.h\n@frobnicate x\n", "symbols", 3,
     "unknown directive"),
    ("too few fields", "@versions 0.0.3\n@header a.h\n0.0.3 core ro\n", "symbols", 3,
     "expected NODE ROLE ACCESS PROTOTYPE"),
    ("unknown role", "@versions 0.0.3\n@header a.h\n\n0.0.3 frob ro int virX(virConnectPtr c)\n",
     "symbols", 4, "unknown role 'frob'"),
    ("count on int", "@versions 0.0.3\n@header a.h\n0.0.3 hv ro int virX(virConnectPtr c, int n[m])\n",
     "symbols", 3, "[count] needs a non-nullable pointer"),
    ("count names nothing",
     "@versions 0.0.3\n@header a.h\n0.0.3 hv ro int virX(virConnectPtr c, char **n[max])\n",
     "symbols", 3, "n[max] names no argument"),
    ("bad access", "@versions 0.0.3\n@header a.h\n0.0.3 hv rx int virX(virConnectPtr c)\n", "symbols",
     3, "access must be ro, rw or rw@ARGUMENT"),
    ("record before header", "@versions 0.0.3\n0.0.3 hv ro int virX(virConnectPtr c)\n", "symbols", 2,
     "record before any @header"),
    ("unknown node", "@versions 0.0.3\n@header a.h\n0.0.4 hv ro int virX(virConnectPtr c)\n",
     "symbols", 3, "version node 0.0.4 is not in @versions"),
    ("bad prototype", "@versions 0.0.3\n@header a.h\n0.0.3 hv ro int notAFunction\n", "symbols", 3,
     "cannot parse prototype"),
    ("bad argument", "@versions 0.0.3\n@header a.h\n0.0.3 hv ro int virX(virConnectPtr c, 42)\n",
     "symbols", 3, "cannot parse argument"),
    ("nullable int", "@versions 0.0.3\n@header a.h\n0.0.3 hv ro int virX(virConnectPtr c, int n?)\n",
     "symbols", 3, "'?' on non-pointer"),
    ("read-write bits on pointer",
     "@versions 0.0.3\n@header a.h\n0.0.3 hv ro int virX(virConnectPtr c, int *n!1)\n", "symbols", 3,
     "read-write bits on pointer"),
    ("added bits on pointer",
     "@versions 0.0.3\n@header a.h\n0.0.3 hv ro int virX(virConnectPtr c, int *n+4)\n", "symbols", 3,
     "added bits on pointer"),
    ("range on pointer",
     "@versions 0.0.3\n@header a.h\n0.0.3 hv ro int virX(virConnectPtr c, int *n?>=0)\n", "symbols", 3,
     "range check on pointer"),
    ("range through a pointer to a string",
     "@versions 0.0.3\n@header a.h\n0.0.3 hv ro int virX(virConnectPtr c, char *n!=0)\n", "symbols", 3,
     "range check on pointer"),
    ("flag rules on pointer",
     "@versions 0.0.3\n@header a.h\n0.0.3 hv ro int virX(virConnectPtr c, int *n^VIR_A|VIR_B)\n",
     "symbols", 3, "flag rules on pointer"),
    ("count through a plain integer",
     "@versions 0.0.3\n@header a.h\n0.0.3 hv ro int virX(virConnectPtr c, char **p[*m], int m)\n",
     "symbols", 3, "p[*m] needs 'm' to be a pointer to an integer"),
    ("non-empty number",
     "@versions 0.0.3\n@header a.h\n0.0.3 hv ro int virX(virConnectPtr c, int n!\"\")\n", "symbols", 3,
     "needs a string that must not be NULL, not 'n'"),
    ("after nothing",
     "@versions 0.0.3\n@header a.h\n0.0.3 hv ro int virX(virConnectPtr c, int n>=0@m)\n", "symbols", 3,
     "n@m names no other argument"),
    ("read-only after nothing",
     "@versions 0.0.3\n@header a.h\n0.0.3 hv rw@x int virX(virConnectPtr c)\n", "symbols", 3,
     "rw@x names no argument"),
    ("hook on core", "@versions 0.0.3\n@header a.h\n0.0.3 core ro pre int virX(virConnectPtr c)\n",
     "symbols", 3, "'pre' on a core record"),
    ("nullok on core", "@versions 0.0.3\n@header a.h\n0.0.3 core ro nullok char *virX(virConnectPtr c)\n",
     "symbols", 3, "'nullok' on a core record"),
    ("nullok on an int", "@versions 0.0.3\n@header a.h\n0.0.3 hv ro nullok int virX(virConnectPtr c)\n",
     "symbols", 3, "'nullok' needs a pointer result"),
    ("duplicate", "@versions 0.0.3\n@header a.h\n0.0.3 hv ro int virX(virConnectPtr c)\n"
     "0.0.3 hv ro int virX(virConnectPtr c)\n", "symbols", 4, "already described at"),
    ("via unparsable", "@versions 0.0.3\n@header a.h\n0.0.3 hv ro via=virY int virX(virConnectPtr c)\n",
     "symbols", 3, "cannot parse via 'via=virY'"),
    ("via names nothing",
     "@versions 0.0.3\n@header a.h\n0.0.3 hv ro via=virY(c) int virX(virConnectPtr c)\n", "symbols", 3,
     "via=virY names no other hv record"),
    ("via on core", "@versions 0.0.3\n@header a.h\n0.0.3 hv ro int virY(virConnectPtr c)\n"
     "0.0.3 core ro via=virY(c) int virX(virConnectPtr c)\n", "symbols", 4, "only dispatched records"),
    ("via other role", "@versions 0.0.3\n@header a.h\n0.0.3 net ro int virY(virConnectPtr c)\n"
     "0.0.3 hv ro via=virY(c) int virX(virConnectPtr c)\n", "symbols", 4, "names no other hv record"),
    ("via chain", "@versions 0.0.3\n@header a.h\n0.0.3 hv ro int virZ(virConnectPtr c)\n"
     "0.0.3 hv ro via=virZ(c) int virY(virConnectPtr c)\n0.0.3 hv ro via=virY(c) int virX(virConnectPtr c)\n",
     "symbols", 5, "itself a via"),
    ("via result", "@versions 0.0.3\n@header a.h\n0.0.3 hv ro char *virY(virConnectPtr c)\n"
     "0.0.3 hv ro via=virY(c) int virX(virConnectPtr c)\n", "symbols", 4, "returns char *, not int"),
    ("via void", "@versions 0.0.3\n@header a.h\n0.0.3 hv ro void virY(virConnectPtr c)\n"
     "0.0.3 hv ro via=virY(c) void virX(virConnectPtr c)\n", "symbols", 4, "needs a function with a result"),
    ("via arity", "@versions 0.0.3\n@header a.h\n0.0.3 hv ro int virY(virConnectPtr c, unsigned int flags)\n"
     "0.0.3 hv ro via=virY(c) int virX(virConnectPtr c)\n", "symbols", 4, "takes 2 arguments, not 1"),
    ("via drops an argument", "@versions 0.0.3\n@header a.h\n0.0.3 hv ro int virY(virConnectPtr c, int m)\n"
     "0.0.3 hv ro via=virY(c, 0) int virX(virConnectPtr c, int n)\n", "symbols", 4, "drops argument 'n'"),
    ("via argument twice", "@versions 0.0.3\n@header a.h\n0.0.3 hv ro int virY(virConnectPtr c, int m, int k)\n"
     "0.0.3 hv ro via=virY(c, n, n) int virX(virConnectPtr c, int n)\n", "symbols", 4, "'n' passed twice"),
    ("via unknown word", "@versions 0.0.3\n@header a.h\n0.0.3 hv ro int virY(virConnectPtr c, int m)\n"
     "0.0.3 hv ro via=virY(c, frob) int virX(virConnectPtr c)\n", "symbols", 4,
     "'frob' is neither an argument nor a constant"),
    ("via argument type", "@versions 0.0.3\n@header a.h\n0.0.3 hv ro int virY(virConnectPtr c, long m)\n"
     "0.0.3 hv ro via=virY(c, n) int virX(virConnectPtr c, int n)\n", "symbols", 4,
     "'n' is int, the target's 'm' is long"),
    ("via NULL for a required pointer",
     "@versions 0.0.3\n@header a.h\n0.0.3 hv ro int virY(virConnectPtr c, const char *x)\n"
     "0.0.3 hv ro via=virY(c, NULL) int virX(virConnectPtr c)\n", "symbols", 4, "NULL for 'x'"),
    ("via constant for a pointer",
     "@versions 0.0.3\n@header a.h\n0.0.3 hv ro int virY(virConnectPtr c, const char *x?)\n"
     "0.0.3 hv ro via=virY(c, 0) int virX(virConnectPtr c)\n", "symbols", 4, "constant '0' for pointer 'x'"),
    ("via on data", "@versions 0.0.3\n@header a.h\n0.0.3 data ro via=virY(c) virConnectAuthPtr virX\n",
     "symbols", 3, "via= on a data record"),
    ("via NULL into a required pointer",
     "@versions 0.0.3\n@header a.h\n0.0.3 hv ro int virY(virConnectPtr c, const char *x)\n"
     "0.0.3 hv ro via=virY(c, x) int virX(virConnectPtr c, const char *x?)\n", "symbols", 4,
     "'x' may be NULL, the target's 'x' may not"),
    ("via handle first",
     "@versions 0.0.3\n@header a.h\n0.0.3 hv ro int virY(virConnectPtr c, virConnectPtr d)\n"
     "0.0.3 hv ro via=virY(b, a) int virX(virConnectPtr a, virConnectPtr b)\n", "symbols", 4,
     "the handle 'a' must come first"),
    ("no object first", "@versions 0.0.3\n@header a.h\n0.0.3 hv ro int virX(int n)\n", "entry", 3,
     "must take an object first"),
    ("header arity", "@versions 0.0.3\n@header a.h b.h\n", "symbols", 2, "@header takes one file name"),
    ("module arity", "@versions 0.0.3\n@header a.h\n@module\n", "symbols", 3, "@module takes one name"),
    ("module first", "@versions 0.0.3\n@module m\n", "symbols", 2, "@module before any @header"),
    ("bad data symbol", "@versions 0.0.3\n@header a.h\n0.0.3 data ro 42\n", "symbols", 3,
     "cannot parse data symbol"),
    ("no versions", "@header a.h\n", "symbols", None, "no @versions directive"),
]


def test_bad(apigen, tmp):
    for i, (name, text, cmd, line, needle) in enumerate(BAD):
        api = os.path.join(tmp, "bad%d.api" % i)
        with open(api, "w") as f:
            f.write(text)
        out = os.path.join(tmp, "bad%d.out" % i)
        r = run(apigen, api, cmd, out)
        where = "%s:%d:" % (api, line) if line else "%s:" % api
        ok = (r.returncode == 1 and r.stderr.startswith("apigen: error: " + where)
              and needle in r.stderr and not os.path.exists(out))
        check(ok, "bad input: %s" % name, "exit %d: %s" % (r.returncode, r.stderr))

    # A template without its marker is named too.
    api = os.path.join(tmp, "ok.api")
    with open(api, "w") as f:
        f.write(MINI)
    tmpl = os.path.join(tmp, "nomarker.h.in")
    with open(tmpl, "w") as f:
        f.write("nothing here\n")
    r = run(apigen, api, "header", os.path.join(tmp, "x.h"), tmpl)
    check(r.returncode == 1 and tmpl in r.stderr and "@API_PROTOTYPES@" in r.stderr,
          "template without marker", r.stderr)
    r = run(apigen, api, "frob", os.path.join(tmp, "x"))
    check(r.returncode == 1 and "unknown command" in r.stderr, "unknown command", r.stderr)


def main(argv):
    apigen, api = argv[1], argv[2]
    with tempfile.TemporaryDirectory(prefix="virt-apigen-") as tmp:
        test_golden(apigen, tmp)
        test_roles(apigen, tmp)
        test_checks(apigen, tmp)
        test_private(apigen, tmp)
        test_companion(apigen, tmp)
        test_real(apigen, api, tmp)
        test_bad(apigen, tmp)
    print("1..%d" % len(results))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
