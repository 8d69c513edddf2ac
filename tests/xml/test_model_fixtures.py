#!/usr/bin/env python3
"""test_model_fixtures: every document under tests/xml/model/KIND/ is
libvirt's own canonical output. For each: our model must give it back byte
for byte (format(parse(f)) == f), it must pass our generated grammar, and
Debian's virt-xml-validate must accept it (so the fixture itself is sound).
Documents under KIND/invalid/ must be refused by both grammars. Documents
under KIND/beyond-schema/ are libvirt's canonical output too, of content its
parser takes and its own schema refuses: they must round trip, and both
grammars must refuse them.

usage: test_model_fixtures.py XMLMODEL_CHECK MODEL_DIR"""
import difflib
import os
import shutil
import subprocess
import sys

check, top = sys.argv[1], sys.argv[2]
oracle = shutil.which('virt-xml-validate', path='/usr/bin')
n = failed = 0


def result(ok, name, detail=''):
    global n, failed
    n += 1
    if not ok:
        failed += 1
    print('%sok %d - %s' % ('' if ok else 'not ', n, name))
    for line in detail.splitlines()[:40]:
        print('#   ' + line)


def run(*args):
    p = subprocess.run(args, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def roundTrip(kind, path, name):
    want = open(path).read()
    rc, out, err = run(check, kind, path)
    diff = ''.join(difflib.unified_diff(want.splitlines(True), out.splitlines(True),
                                        'libvirt', 'ours'))
    result(rc == 0 and out == want, '%s: round trip' % name, err + diff)


def refused(kind, path, name):
    rc, out, err = run(check, kind, path, '--validate')
    result(rc == 1 and 'error 92:' in err, '%s: our grammar refuses it' % name, err)
    if oracle:
        rc, out, err = run(oracle, path)
        result(rc == 3, '%s: Debian\'s grammar refuses it' % name, out + err)


for kind in sorted(os.listdir(top)):
    kdir = os.path.join(top, kind)
    if not os.path.isdir(kdir):
        continue
    for fn in sorted(os.listdir(kdir)):
        path = os.path.join(kdir, fn)
        if not fn.endswith('.xml'):
            continue
        roundTrip(kind, path, '%s/%s' % (kind, fn))
        rc, out, err = run(check, kind, path, '--validate')
        result(rc == 0, '%s/%s: our grammar accepts it' % (kind, fn), err)
        if oracle:
            rc, out, err = run(oracle, path)
            result(rc == 0, '%s/%s: Debian\'s grammar accepts it' % (kind, fn), out + err)
    for sub in ('invalid', 'beyond-schema'):
        sdir = os.path.join(kdir, sub)
        for fn in sorted(os.listdir(sdir)) if os.path.isdir(sdir) else []:
            name = '%s/%s/%s' % (kind, sub, fn)
            if sub == 'beyond-schema':
                roundTrip(kind, os.path.join(sdir, fn), name)
            refused(kind, os.path.join(sdir, fn), name)

print('1..%d' % n)
sys.exit(1 if failed else 0)
