#!/usr/bin/env python3
"""summarize.py LOG.json...: count checks across meson test logs.

A TAP test contributes one result per 'ok'/'not ok' line (a crash after
its last line counts as one more failure); any other test counts once.
As TAP defines them, 'not ok ... # TODO' is a known gap (the XML corpus
lists each difference from libvirt it still has this way) and 'ok ... #
SKIP' did not run: both are counted apart, never as passed.
Prints the failing checks, the count of known gaps and skips, then
'N passed, N failed'. Exit 1 on failure."""
import json
import re
import sys


def main(paths):
    passed = failed = todo = skipped = 0
    failures = []
    for path in paths:
        try:
            entries = [json.loads(l) for l in open(path) if l.strip()]
        except OSError as e:
            print("summarize: cannot read %s: %s" % (path, e))
            failed += 1
            continue
        run = path.rsplit("testlog-", 1)[-1].replace(".json", "")
        for t in entries:
            name = "%s:%s" % (run, t.get("name"))
            result = t.get("result")
            tap = [l for l in (t.get("stdout") or "").splitlines()
                   if re.match(r"^(not )?ok\b", l)]
            if tap:
                bad_tap = False
                for line in tap:
                    directive = line.partition("#")[2].strip().upper()
                    if line.startswith("not ok") and directive.startswith("TODO"):
                        todo += 1
                    elif directive.startswith("SKIP"):
                        skipped += 1
                    elif line.startswith("not ok"):
                        failed += 1
                        bad_tap = True
                        failures.append("%s: %s" % (name, line))
                    else:
                        passed += 1
                if result not in ("OK", "EXPECTEDFAIL", "SKIP") and not bad_tap:
                    failed += 1
                    failures.append("%s: exited %s after its checks" % (name, result))
            elif result == "SKIP":
                continue
            elif result in ("OK", "EXPECTEDFAIL"):
                passed += 1
            else:
                failed += 1
                failures.append("%s: %s" % (name, result))
    for f in failures:
        print("FAILED " + f)
    print("%d known gaps (TAP TODO), %d skipped checks" % (todo, skipped))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
