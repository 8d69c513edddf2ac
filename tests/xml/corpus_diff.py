"""corpus_diff.py: the differential XML corpus (tests/xml/corpus/).

Every corpus file is defined on a fresh test:///default connection twice,
once in a child process on Debian's libvirt (the oracle) and once in a
child on ours, and checked with Debian's virt-xml-validate and with ours.
Five aspects are compared per file:

  accept    the define call succeeds on both or fails on both
  error     when both refuse: the same error code and domain
  message   when both refuse with the same code and domain: the same text
  dumpxml   when both accept: the same XML back (domains: the inactive
            view; the test driver's networks, pools and interfaces: flags 0)

Debian's test driver has no secrets: for secret/ files the oracle is
Debian's libvirtd, started as a session daemon in a temporary folder for
the run (its secret driver), and ours is test:///default. Node devices
are created (virNodeDeviceCreateXML: the test driver's mock vHBAs), not
defined. Snapshots are taken of the stock domain "test" (redefine-*.xml
with VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE; a new one's creationTime is
masked), and so are checkpoints.
  validate  the two virt-xml-validate tools exit alike

The differences we know of are listed in corpus/expected-differences.txt,
one line per file, `FILE: ASPECT[, ASPECT...] — reason`. The test passes
when the actual differences are exactly that list: a listed difference is
a TAP TODO, an unlisted one a failure, and a listed one that no longer
differs is a failure too (its line must go).

Usage (the environment must load our library, as `meson test` does):
  meson devenv -C build /usr/bin/python3 tests/xml/corpus_diff.py [--update]
    [--validate-tool PATH]
--update rewrites expected-differences.txt from the actual differences,
keeping the reason of each line whose aspects did not change.
"""
import concurrent.futures
import difflib
import glob
import json
import os
import re
import subprocess
import sys
import unittest

sys.dont_write_bytecode = True  # no __pycache__ left in the source tree

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")
EXPECTED = os.path.join(CORPUS, "expected-differences.txt")
KINDS = ("domain", "network", "storagepool", "interface", "secret", "nodedev", "domainsnapshot",
         "domaincheckpoint")
# where the oracle child finds Debian's daemon for the kinds its test driver lacks
ORACLE_DAEMON_URI = "VIRT_CORPUS_ORACLE_DAEMON_URI"
ASPECTS = ("accept", "error", "message", "dumpxml", "validate")
ORACLE_VALIDATE = "/usr/bin/virt-xml-validate"
SEP = " \u2014 "  # the em dash between what differs and why
CHILD_TIMEOUT = 50
VALIDATE_TIMEOUT = 20


# ---------------------------------------------------------------- child side

def loaded_libvirt():
    """The path of the libvirt.so.0 this process mapped."""
    with open("/proc/self/maps") as maps:
        for line in maps:
            path = line.split()[-1]
            if os.path.basename(path).startswith("libvirt.so"):
                return os.path.realpath(path)
    return None


def child(files):
    """Define each file on a fresh test:///default and print one JSON line
    per file, after a `begin` line so that the parent knows which file a
    crash happened on."""
    import libvirt
    libvirt.registerErrorHandler(lambda _c, _e: None, None)
    out = sys.stdout
    out.write(json.dumps({"library": loaded_libvirt()}) + "\n")
    out.flush()
    for rel in files:
        out.write(json.dumps({"begin": rel}) + "\n")
        out.flush()
        with open(os.path.join(CORPUS, rel)) as f:
            xml = f.read()
        kind = rel.split("/", 1)[0]
        rec = {"file": rel, "accepted": False, "code": None, "domain": None,
               "message": None, "xml": None}
        uri = "test:///default"
        if kind == "secret" and os.environ.get("VIRT_ORACLE"):
            uri = os.environ.get(ORACLE_DAEMON_URI, "")
        conn = libvirt.open(uri)
        obj = None
        try:
            if kind == "domain":
                obj = conn.defineXML(xml)
            elif kind == "network":
                obj = conn.networkDefineXML(xml)
            elif kind == "interface":
                obj = conn.interfaceDefineXML(xml)
            elif kind == "secret":
                obj = conn.secretDefineXML(xml)
            elif kind == "domainsnapshot":
                # of the stock domain "test"; redefine-*.xml with REDEFINE
                redefine = os.path.basename(rel).startswith("redefine")
                obj = conn.lookupByName("test").snapshotCreateXML(
                    xml, libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE if redefine else 0)
            elif kind == "domaincheckpoint":
                obj = conn.lookupByName("test").checkpointCreateXML(xml, 0)
            elif kind == "nodedev":
                # the test driver creates (mock vHBAs) but defines no devices
                obj = conn.nodeDeviceCreateXML(xml)
            else:
                obj = conn.storagePoolDefineXML(xml)
            rec["accepted"] = True
        except libvirt.libvirtError as e:
            rec["code"] = e.get_error_code()
            rec["domain"] = e.get_error_domain()
            rec["message"] = e.get_error_message()
        if obj is not None:
            try:
                flags = libvirt.VIR_DOMAIN_XML_INACTIVE if kind == "domain" else 0
                if kind in ("domainsnapshot", "domaincheckpoint"):
                    # a new snapshot's creation time (and default name) is the clock's
                    text = re.sub(r"<creationTime>[0-9]+</creationTime>",
                                  "<creationTime>T</creationTime>", obj.getXMLDesc(0))
                    text = re.sub(r"bitmap='[0-9]+'", "bitmap='T'", text)
                    rec["xml"] = re.sub(r"(?m)^  <name>[0-9]+</name>$", "  <name>T</name>", text)
                else:
                    rec["xml"] = obj.XMLDesc(flags)
            except libvirt.libvirtError as e:
                rec["xml"] = "XMLDesc failed: code %d domain %d: %s" % (
                    e.get_error_code(), e.get_error_domain(), e.get_error_message())
            try:
                if kind == "nodedev":
                    obj.destroy()
                elif kind in ("domainsnapshot", "domaincheckpoint"):
                    obj.delete()
                else:
                    obj.undefine()
            except libvirt.libvirtError:
                pass
            del obj
        conn.close()
        out.write(json.dumps(rec) + "\n")
        out.flush()
    return 0


# --------------------------------------------------------------- parent side

def corpus_files():
    files = []
    for kind in KINDS:
        for path in sorted(glob.glob(os.path.join(CORPUS, kind, "*.xml"))):
            files.append(kind + "/" + os.path.basename(path))
    return files


def side_env(oracle):
    env = dict(os.environ)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    if oracle:
        # Debian's library and tools: none of our folders on the path
        for var in ("LD_LIBRARY_PATH", "LD_PRELOAD", "ASAN_OPTIONS", "UBSAN_OPTIONS"):
            env.pop(var, None)
        env["VIRT_ORACLE"] = "1"
    else:
        env.pop("VIRT_ORACLE", None)
    return env


def run_side(files, oracle):
    """Results of one side, {file: record}, and the library it loaded. A
    child that dies is started again after the file it died on, which is
    recorded as a crash."""
    results = {}
    library = None
    todo = list(files)
    while todo:
        try:
            proc = subprocess.run([sys.executable, os.path.abspath(__file__), "--child"] + todo,
                                  env=side_env(oracle), capture_output=True, text=True,
                                  timeout=CHILD_TIMEOUT)
            stdout, status, stderr = proc.stdout, proc.returncode, proc.stderr
        except subprocess.TimeoutExpired as e:
            stdout = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
            status, stderr = "timeout", ""
        current = None
        for line in stdout.splitlines():
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            if "library" in rec:
                library = rec["library"]
            elif "begin" in rec:
                current = rec["begin"]
            else:
                results[rec["file"]] = rec
                current = None
        todo = [f for f in todo if f not in results]
        if not todo:
            break
        if current is None:
            # died before its first file: nothing more can be learnt
            for f in todo:
                results[f] = crashed(f, status, stderr)
            break
        results[current] = crashed(current, status, stderr)
        todo = [f for f in todo if f != current]
    return results, library


def crashed(rel, status, stderr):
    tail = " ".join(stderr.strip().splitlines()[-3:]) if stderr else ""
    return {"file": rel, "accepted": None, "code": None, "domain": None,
            "message": "child died (status %s) %s" % (status, tail), "xml": None}


def validate(tool, rel, oracle):
    try:
        proc = subprocess.run([tool, os.path.join(CORPUS, rel)], env=side_env(oracle),
                              capture_output=True, text=True, timeout=VALIDATE_TIMEOUT)
        return proc.returncode, (proc.stdout + proc.stderr).strip()
    except subprocess.TimeoutExpired:
        return "timeout", ""
    except OSError as e:
        return "not run", str(e)


def error_name(code, dom):
    """VIR_ERR_X/VIR_FROM_Y for a code and domain (numbers if unknown)."""
    import libvirt
    if code is None:
        return "none"
    levels = {"VIR_ERR_NONE", "VIR_ERR_WARNING", "VIR_ERR_ERROR", "VIR_ERR_OK"}
    cname = next((k for k, v in sorted(vars(libvirt).items())
                  if k.startswith("VIR_ERR_") and k not in levels and v == code), str(code))
    dname = next((k for k, v in sorted(vars(libvirt).items())
                  if k.startswith("VIR_FROM_") and v == dom), str(dom))
    return "%s/%s" % (cname, dname)


def describe(rec):
    if rec["accepted"] is None:
        return rec["message"]
    if rec["accepted"]:
        return "accepts"
    return "refuses %s: %s" % (error_name(rec["code"], rec["domain"]), rec["message"])


def compare(rel, o, u, vo, vu):
    """{aspect: None (not applicable) | (differs, short reason, details)}"""
    res = {}
    if o["accepted"] == u["accepted"]:
        res["accept"] = (False, "", "")
    else:
        res["accept"] = (True, "oracle %s; ours %s" % (
            "accepts" if o["accepted"] else "refuses %s" % error_name(o["code"], o["domain"]),
            "dies" if u["accepted"] is None else
            "accepts" if u["accepted"] else "refuses %s" % error_name(u["code"], u["domain"])),
            "oracle: %s\nours:   %s" % (describe(o), describe(u)))
    if o["accepted"] is False and u["accepted"] is False:
        same = (o["code"], o["domain"]) == (u["code"], u["domain"])
        res["error"] = (not same, "oracle %s; ours %s" % (
            error_name(o["code"], o["domain"]), error_name(u["code"], u["domain"])),
            "oracle: %s\nours:   %s" % (describe(o), describe(u)))
        if same:
            res["message"] = (o["message"] != u["message"], "oracle `%s`; ours `%s`" % (
                o["message"], u["message"]), "oracle: %s\nours:   %s" % (o["message"], u["message"]))
        else:
            res["message"] = None
    else:
        res["error"] = res["message"] = None
    if o["accepted"] and u["accepted"]:
        if o["xml"] == u["xml"]:
            res["dumpxml"] = (False, "", "")
        else:
            a = (o["xml"] or "").splitlines()
            b = (u["xml"] or "").splitlines()
            first = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
            diff = list(difflib.unified_diff(a, b, "oracle", "ours", lineterm="", n=1))
            if len(diff) > 40:
                diff = diff[:40] + ["... (%d more diff lines)" % (len(diff) - 40)]
            res["dumpxml"] = (True, "first difference at line %d: oracle %s, ours %s" % (
                first + 1, snippet(a, first), snippet(b, first)), "\n".join(diff))
    else:
        res["dumpxml"] = None
    if vo[0] == vu[0]:
        res["validate"] = (False, "", "")
    else:
        res["validate"] = (True, "Debian's virt-xml-validate exits %s, ours %s" % (vo[0], vu[0]),
                           "oracle (%s): %s\nours (%s): %s" % (
                               vo[0], vo[1][-400:], vu[0], vu[1][-400:]))
    return res


def snippet(lines, i):
    if i >= len(lines):
        return "(end)"
    s = lines[i].strip()
    return "`%s`" % (s if len(s) <= 60 else s[:57] + "...")


def read_expected():
    """{file: (set of aspects, reason, line number, line)}, header
    comment lines, problems"""
    expected, header, problems = {}, [], []
    if not os.path.exists(EXPECTED):
        return expected, header, problems
    in_header = True
    with open(EXPECTED, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                if in_header:
                    header.append(line)
                continue
            in_header = False
            rel, colon, rest = line.partition(": ")
            if not colon:
                problems.append("line %d has no `FILE: `: %s" % (n, line))
                continue
            what, sep, reason = rest.partition(SEP)
            if not sep:
                what, sep, reason = rest.partition(" -- ")
            aspects = {a.strip() for a in what.split(",") if a.strip()}
            bad = aspects - set(ASPECTS)
            if bad:
                problems.append("line %d names unknown aspects %s (known: %s)" % (
                    n, ", ".join(sorted(bad)), ", ".join(ASPECTS)))
            if rel in expected:
                problems.append("line %d: %s is listed twice (line %d)" % (n, rel, expected[rel][2]))
            expected[rel] = (aspects & set(ASPECTS), reason.strip(), n, line)
    return expected, header, problems


DEFAULT_HEADER = [
    "# Known differences between Debian's libvirt 9.0 and ours on the XML",
    "# corpus (tests/xml/corpus_diff.py). One line per file:",
    "#   FILE: ASPECT[, ASPECT...] \u2014 reason",
    "# ASPECT is accept, error, message, dumpxml or validate. When a difference is fixed",
    "# its aspect (or the whole line) must go; `corpus_diff.py --update`",
    "# rewrites this file and keeps the reason of lines whose aspects stay.",
    "",
]


def write_expected(actual, expected, header):
    lines = list(header) if header else list(DEFAULT_HEADER)
    if lines and lines[-1].strip():
        lines.append("")
    for rel in sorted(actual):
        aspects = [a for a in ASPECTS if actual[rel].get(a) and actual[rel][a][0]]
        if not aspects:
            continue
        old = expected.get(rel)
        if old and old[0] == set(aspects) and old[1]:
            reason = old[1]
        else:
            reason = "; ".join("%s: %s" % (a, actual[rel][a][1]) for a in aspects)
        lines.append("%s: %s%s%s" % (rel, ", ".join(aspects), SEP, reason))
    with open(EXPECTED, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


class AspectCase(unittest.TestCase):
    """One file, one aspect: its state agrees with expected-differences."""

    def __init__(self, rel, aspect, outcome, listed):
        super().__init__("check")
        self.rel, self.aspect, self.outcome, self.listed = rel, aspect, outcome, listed
        if outcome is not None and outcome[0] and listed is not None:
            # a known difference: a TAP TODO while it still differs
            setattr(self, "__unittest_expecting_failure__", True)

    def id(self):
        return "corpus.%s %s" % (self.rel, self.aspect)

    def check(self):
        if self.outcome is None:
            self.skipTest("not applicable (%s)" % (
                "not refused by both" if self.aspect == "error" else "not accepted by both"))
        differs, reason, details = self.outcome
        if differs:
            hint = "" if self.listed else (
                "\nnot listed in tests/xml/corpus/expected-differences.txt: fix it, or add\n"
                "  %s: %s%s<reason>\n(or run corpus_diff.py --update)" % (self.rel, self.aspect, SEP))
            self.fail("%s differs: %s\n%s%s" % (self.aspect, reason, details, hint))
        if self.listed is not None:
            aspects, _reason, n, line = self.listed
            rest = sorted(aspects - {self.aspect}, key=ASPECTS.index)
            what = ("remove line %d" % n) if not rest else (
                "remove `%s` from line %d (leaving `%s`)" % (self.aspect, n, ", ".join(rest)))
            self.fail("%s %s now agrees: %s of tests/xml/corpus/expected-differences.txt:\n  %s\n"
                      "(or run corpus_diff.py --update)" % (self.rel, self.aspect, what, line))


class ExpectedFileCase(unittest.TestCase):
    def __init__(self, problems):
        super().__init__("check")
        self.problems = problems

    def id(self):
        return "corpus.expected-differences.txt names corpus files in known words"

    def check(self):
        if self.problems:
            self.fail("\n".join(self.problems))


def tap_result_class():
    import tap

    class Result(tap.TapResult):
        def addExpectedFailure(self, test, err):
            unittest.TestResult.addExpectedFailure(self, test, err)
            self.n += 1
            listed = test.listed
            print("not ok %d - %s # TODO known: %s" % (
                self.n, test.id().split(".", 1)[-1], listed[1] or "(no reason given)"))
            sys.stdout.flush()

        def addFailure(self, test, err):
            # the assertion's message says it all: no traceback
            unittest.TestResult.addFailure(self, test, err)
            self._line(False, test, str(err[1]))

        def addSkip(self, test, reason):
            unittest.TestResult.addSkip(self, test, reason)
            self.n += 1
            print("ok %d - %s # SKIP %s" % (self.n, test.id().split(".", 1)[-1], reason))
            sys.stdout.flush()
    return Result


def main(argv):
    update = "--update" in argv
    tool = None
    if "--validate-tool" in argv:
        tool = argv[argv.index("--validate-tool") + 1]
    if tool is None:
        build = os.environ.get("BUILD_ROOT") or os.path.join(HERE, "..", "..", "build")
        tool = os.path.join(build, "tools", "virt-xml-validate", "virt-xml-validate")
    tool = os.path.abspath(tool)
    import tap  # noqa: F401  (bails out when Debian's binding is missing)

    files = corpus_files()
    daemon = None
    if any(f.startswith("secret/") for f in files):
        daemon = start_oracle_daemon()
        if daemon is None:
            print("1..0")
            print("Bail out! Debian's libvirtd (the oracle for secrets) did not start")
            return 1
    try:
        return compare_all(files, tool, update)
    finally:
        if daemon is not None:
            stop_oracle_daemon(daemon)


def start_oracle_daemon():
    """Debian's libvirtd in a temporary folder, its URI in the oracle
    children's environment; None when it does not come up."""
    import shutil
    import tempfile
    sys.path.insert(0, os.path.join(HERE, "..", "daemon"))
    import daemontest
    tmp = tempfile.mkdtemp(prefix="corpus-oracle-")
    proc, _admin, sock = daemontest.start_debian(tmp)
    if proc.poll() is not None or not os.path.exists(sock):
        daemontest.stop_debian(proc)
        shutil.rmtree(tmp, ignore_errors=True)
        return None
    os.environ[ORACLE_DAEMON_URI] = "secret+unix:///session?socket=" + sock
    return proc, tmp


def stop_oracle_daemon(daemon):
    import shutil
    sys.path.insert(0, os.path.join(HERE, "..", "daemon"))
    import daemontest
    proc, tmp = daemon
    daemontest.stop_debian(proc)
    os.environ.pop(ORACLE_DAEMON_URI, None)
    shutil.rmtree(tmp, ignore_errors=True)


def compare_all(files, tool, update):
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        f_oracle = pool.submit(run_side, files, True)
        f_ours = pool.submit(run_side, files, False)
        v_oracle = {f: pool.submit(validate, ORACLE_VALIDATE, f, True) for f in files}
        v_ours = {f: pool.submit(validate, tool, f, False) for f in files}
        oracle, lib_oracle = f_oracle.result()
        ours, lib_ours = f_ours.result()
        vo = {f: v.result() for f, v in v_oracle.items()}
        vu = {f: v.result() for f, v in v_ours.items()}

    if not lib_ours or lib_ours == lib_oracle:
        print("1..0")
        print("Bail out! the 'ours' side loaded %s, the oracle %s: run under `meson test` or "
              "`meson devenv -C build` so that our libvirt.so.0 is found first" % (lib_ours, lib_oracle))
        return 1

    actual = {f: compare(f, oracle[f], ours[f], vo[f], vu[f]) for f in files}
    expected, header, problems = read_expected()

    counts = {}
    for a in ASPECTS:
        applicable = [f for f in files if actual[f][a] is not None]
        agree = [f for f in applicable if not actual[f][a][0]]
        counts[a] = (len(agree), len(applicable))
    summary = ("summary: %d files; acceptance agree %d/%d, error agree %d/%d, "
               "dumpxml agree %d/%d, validate agree %d/%d" % (
                   (len(files),) + counts["accept"] + counts["error"] +
                   counts["dumpxml"] + counts["validate"]))

    if update:
        write_expected(actual, expected, header)
        n = sum(1 for f in files if any(actual[f][a] and actual[f][a][0] for a in ASPECTS))
        print("wrote %s: %d files differ" % (os.path.relpath(EXPECTED), n))
        print(summary)
        return 0

    for rel in expected:
        if rel not in actual:
            problems.append("line %d names %s, which is not in the corpus: remove it" % (
                expected[rel][2], rel))
    suite = unittest.TestSuite()
    for rel in files:
        old = expected.get(rel)
        for a in ASPECTS:
            listed = old if old is not None and a in old[0] else None
            suite.addTest(AspectCase(rel, a, actual[rel][a], listed))
    suite.addTest(ExpectedFileCase(problems))
    print("1..%d" % suite.countTestCases())
    sys.stdout.flush()
    result = tap_result_class()()
    suite.run(result)
    print("# " + summary)
    stale, unlisted = [], []
    for rel in files:
        old = expected.get(rel)
        for a in ASPECTS:
            differs = actual[rel][a] is not None and actual[rel][a][0]
            listed = old is not None and a in old[0]
            if listed and not differs:
                stale.append("%s (line %d): %s" % (rel, old[2], a))
            elif differs and not listed:
                unlisted.append("%s: %s" % (rel, a))
    if stale:
        print("# FIXED, so remove from tests/xml/corpus/expected-differences.txt "
              "(or run corpus_diff.py --update):")
        for line in stale:
            print("#   " + line)
    if unlisted:
        print("# NEW differences, not listed in tests/xml/corpus/expected-differences.txt:")
        for line in unlisted:
            print("#   " + line)
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        sys.exit(child(sys.argv[2:]))
    sys.path.insert(0, os.path.join(HERE, "..", "python"))
    sys.exit(main(sys.argv[1:]))
