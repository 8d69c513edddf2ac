#!/usr/bin/env python3
"""test_model_fixtures: every document under tests/xml/model/KIND/ is
libvirt's own canonical output. For each: our model must give it back byte
for byte (format(parse(f)) == f), it must pass our generated grammar, and
Debian's virt-xml-validate must accept it (so the fixture itself is sound).
Documents under KIND/invalid/ must be refused by both grammars.

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


for kind in sorted(os.listdir(top)):
    kdir = os.path.join(top, kind)
    if not os.path.isdir(kdir):
        continue
    for fn in sorted(os.listdir(kdir)):
        path = os.path.join(kdir, fn)
        if not fn.endswith('.xml'):
            continue
        want = open(path).read()
        rc, out, err = run(check, kind, path)
        diff = ''.join(difflib.unified_diff(want.splitlines(True), out.splitlines(True),
                                            'libvirt', 'ours'))
        result(rc == 0 and out == want, '%s/%s: round trip' % (kind, fn), err + diff)
        rc, out, err = run(check, kind, path, '--validate')
        result(rc == 0, '%s/%s: our grammar accepts it' % (kind, fn), err)
        if oracle:
            rc, out, err = run(oracle, path)
            result(rc == 0, '%s/%s: Debian\'s grammar accepts it' % (kind, fn), out + err)
    idir = os.path.join(kdir, 'invalid')
    for fn in sorted(os.listdir(idir)) if os.path.isdir(idir) else []:
        path = os.path.join(idir, fn)
        rc, out, err = run(check, kind, path, '--validate')
        result(rc == 1 and 'error 92:' in err, '%s/invalid/%s: our grammar refuses it' % (kind, fn), err)
        if oracle:
            rc, out, err = run(oracle, path)
            result(rc == 3, '%s/invalid/%s: Debian\'s grammar refuses it' % (kind, fn), out + err)

print('1..%d' % n)
sys.exit(1 if failed else 0)
