#!/usr/bin/env python3
"""test_summarize: how tools/setup/summarize.py counts a meson log, the
line CI ends on. Known gaps (TAP TODO) and skips are neither passed nor
failed; a real 'not ok' and a crashed plain test are failures."""
import json
import os
import subprocess
import sys
import tempfile

script = sys.argv[1]
checks = 0


def check(cond, what):
    global checks
    checks += 1
    print("%s %d - %s" % ("ok" if cond else "not ok", checks, what))


def summarize(entries):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "testlog-plain.json")
        with open(path, "w") as f:
            for e in entries:
                f.write(json.dumps(e) + "\n")
        p = subprocess.run([sys.executable, script, path], capture_output=True, text=True)
        return p.returncode, p.stdout.strip().splitlines()


tapped = {"name": "t", "result": "OK", "stdout":
          "1..4\nok 1 - a\nnot ok 2 - b # TODO known: differs\nok 3 - c # SKIP no tool\n"
          "ok 4 - d # 12 runs in 3s\n"}
rc, out = summarize([tapped, {"name": "plain", "result": "OK", "stdout": ""}])
check(rc == 0 and out[-1] == "3 passed, 0 failed", "TODO and SKIP lines are not counted as passed or failed")
check("1 known gaps (TAP TODO), 1 skipped checks" in out, "known gaps and skips are reported apart")

rc, out = summarize([{"name": "t", "result": "FAIL", "stdout": "ok 1 - a\nnot ok 2 - b\n"},
                     {"name": "crash", "result": "ERROR", "stdout": ""}])
check(rc == 1 and out[-1] == "1 passed, 2 failed", "a real not ok and a crashed test are failures")
check("FAILED plain:t: not ok 2 - b" in out, "each failure is named")

rc, out = summarize([{"name": "t", "result": "ERROR", "stdout": "ok 1 - a\nnot ok 2 - b # TODO x\n"}])
check(rc == 1 and out[-1] == "1 passed, 1 failed", "a crash after only known gaps still fails")
print("1..%d" % checks)
