#!/bin/sh
# kit-example.sh: the third-party path end to end. Install our build into
# a DESTDIR, build examples/demo-module against that installed tree with
# pkg-config only, validate it with the installed virt-modules, install
# its manifest next to the shipped ones and open demo:/// through the
# public API of the installed libvirt.so.0.
#   $1 the C compiler  $2 sanitizer flags of this build (for the client)
CC=$1 CLIENT_CFLAGS=$2
. "$SOURCE_ROOT/tests/kit/tap.sh"
kit_install

check "libvirt.pc gives the installed headers and -lvirt" \
    sh -c 'pkg-config --cflags libvirt | grep -q -- "-I$STAGE" && pkg-config --libs libvirt | grep -q -- "-lvirt"'
check "mkvirt-module.pc gives the strict link flags" \
    sh -c 'pkg-config --libs mkvirt-module | grep -q -- "-Wl,-z,defs" && pkg-config --libs mkvirt-module | grep -q -- "-Wl,-z,now"'
check "virt-module.h is installed in INCLUDEDIR/mkvirt, where mkvirt-module.pc points" \
    sh -c 'd=$(pkg-config --variable=moduleincludedir mkvirt-module); test -f "$d/virt-module.h" && test "${d%/mkvirt}" != "$d" && pkg-config --cflags mkvirt-module | grep -q -- "-I$d"'
check "virt-module.h is not at the top of INCLUDEDIR" \
    sh -c '! test -e "$(pkg-config --variable=includedir libvirt)/virt-module.h"'
check "mkvirt-module.pc requires libvirt" \
    sh -c 'pkg-config --print-requires mkvirt-module | grep -qx "libvirt"'
check "module and manifest folders exist in the install" \
    test -d "$MODULE_DIR" -a -d "$MANIFEST_DIR" -a -d "$ADMIN_DIR"

# Build out of tree: a copy of the example, so nothing lands in the source.
cp -r "$SOURCE_ROOT/examples/demo-module" "$STAGE/demo-src"
check "the example builds with pkg-config only" make -s -C "$STAGE/demo-src"
SO=$STAGE/demo-src/virt-module-demo.so
check "the example exports only its entry symbol" \
    sh -c "test \"\$(nm -D --defined-only '$SO' | awk '{print \$3}' | grep -v '^_' )\" = virt_module_entry"

check "the example links nothing of ours (--as-needed drops -lvirt)" \
    sh -c "! readelf -d '$SO' | grep NEEDED | grep -q libvirt"
out=$("$BIN_DIR/virt-modules" validate "$SO" "$STAGE/demo-src/demo.json" 2>&1); rc=$?
if [ $rc -eq 0 ]; then ok "installed virt-modules validates the example"; else not_ok "installed virt-modules validates the example"; echo "$out" | sed 's/^/# /'; fi
contains "validate reports the example's functions" "$out" "hypervisor: 1[0-9] of [0-9]+ functions implemented"

check "make install puts the module and manifest into the install" make -s -C "$STAGE/demo-src" install
check "the manifest is in the manifest folder" test -f "$MANIFEST_DIR/demo.json"
check "the library is in the module folder" test -f "$MODULE_DIR/virt-module-demo.so"

out=$("$BIN_DIR/virt-modules" list 2>&1)
contains "list shows the demo module loading, in the shipped folder" "$out" "^demo +ok +client +hypervisor +demo +$MANIFEST_DIR\$"
out=$("$BIN_DIR/virt-modules" validate "$MODULE_DIR/virt-module-demo.so" 2>&1)
contains "validate finds the installed manifest by itself" "$out" "ok: module demo 1.0"
out=$("$BIN_DIR/virt-modules" matrix --json demo 2>&1)
check "matrix --json is valid JSON and honest about the demo module" python3 -c '
import json, sys
m = json.loads(sys.argv[1])
row = {f["name"]: f["modules"]["demo"] for f in m["functions"]}
assert row["virConnectGetType"] is True, row["virConnectGetType"]
assert row["virDomainGetXMLDesc"] is True
assert row["virDomainSuspend"] is False
assert row["virNetworkLookupByName"] is None
' "$out"

if [ -n "$CLIENT_CFLAGS" ]; then export ASAN_OPTIONS=detect_leaks=0; fi
check "a client builds against the installed libvirt.pc" kit_build_client
check "the client opens demo:/// through the public API" "$STAGE/kit-client" demo
out=$("$STAGE/kit-client" open demo:///elsewhere 2>&1)
contains "the demo module declines a path it does not serve" "$out" "declined"
finish
