#!/bin/sh
# test-install-modules.sh: packaging/debian/install-modules.py on a fake
# debian/tmp: a client-side module's library and manifest go to its
# package, a daemon-side module's manifest to libmkvirt0, and a module
# without a package stanza stops the build, naming the stanza to add.
. "$SOURCE_ROOT/tests/kit/tap.sh"
W=$(mktemp -d "${TMPDIR:-/tmp}/install-modules.XXXXXX")
trap 'rm -rf "$W"' EXIT
stage() {
    rm -rf "$W/debian"; mkdir -p "$W/debian/tmp/usr/share/mkvirt/modules.d" "$W/debian/tmp/usr/lib/x86_64-linux-gnu/mkvirt/modules"
    cp "$SOURCE_ROOT/packaging/debian/control" "$W/debian/"
    for m in "$@"; do
        name=${m%:*} runs=${m#*:}
        printf '{"module": "%s", "library": "virt-module-%s.so", "runs": "%s"}\n' "$name" "$name" "$runs" \
            > "$W/debian/tmp/usr/share/mkvirt/modules.d/$name.json"
        : > "$W/debian/tmp/usr/lib/x86_64-linux-gnu/mkvirt/modules/virt-module-$name.so"
    done
}
run() { (cd "$W" && python3 "$SOURCE_ROOT/packaging/debian/install-modules.py" 2>&1); }
stage test:client qemu:daemon
check "test and qemu are shared out" run
check "the test module's library goes to its package" test -f "$W/debian/mkvirt-module-test/usr/lib/x86_64-linux-gnu/mkvirt/modules/virt-module-test.so"
check "so does its manifest (it runs in the client)" test -f "$W/debian/mkvirt-module-test/usr/share/mkvirt/modules.d/test.json"
check "the qemu module's library goes to its package" test -f "$W/debian/mkvirt-module-qemu/usr/lib/x86_64-linux-gnu/mkvirt/modules/virt-module-qemu.so"
check "its manifest goes to libmkvirt0 (it runs in the daemon)" test -f "$W/debian/libmkvirt0/usr/share/mkvirt/modules.d/qemu.json"
check "nothing is left in debian/tmp" test -z "$(find "$W/debian/tmp" -type f)"
stage test:client frobnicate:daemon
err=$(run); rc=$?
contains "a module without a stanza names the stanza to add" "$err" "add a stanza for mkvirt-module-frobnicate to packaging/debian/control"
check "and fails" test $rc -ne 0
finish
