#!/bin/sh
# kit-packaging.sh: a minimal container. Install into a DESTDIR, delete
# every module and manifest except the test module's, and check that the
# core plus one module works alone, that a missing module gives a clear
# error, and that installing 100 manifests does not load anything more.
#   $1 the C compiler  $2 sanitizer flags of this build (for the client)
CC=$1 CLIENT_CFLAGS=$2
. "$SOURCE_ROOT/tests/kit/tap.sh"
kit_install

for f in "$MANIFEST_DIR"/*.json; do [ "$(basename "$f")" = test.json ] || rm -f "$f"; done
for f in "$MODULE_DIR"/*.so; do [ "$(basename "$f")" = virt-module-test.so ] || rm -f "$f"; done
check "only the test module and its manifest are left" \
    test "$(ls "$MODULE_DIR")" = virt-module-test.so -a "$(ls "$MANIFEST_DIR")" = test.json

if [ -n "$CLIENT_CFLAGS" ]; then export ASAN_OPTIONS=detect_leaks=0; fi
check "a client builds against the installed tree" kit_build_client
out=$("$STAGE/kit-client" open test:///default 2>&1)
contains "test:///default works with only the test module installed" "$out" "^TEST$"
out=$("$STAGE/kit-client" open qemu:///system 2>&1)
contains "qemu:///system names the missing module" "$out" "no module installed for scheme 'qemu'"
out=$("$BIN_DIR/virt-modules" list 2>&1)
contains "virt-modules list sees the test module only" "$out" "^test +ok "

# The admin folder overrides a shipped manifest by name.
mkdir -p "$ADMIN_DIR"
printf '{"module": "test", "disabled": true, "summary": "switched off here"}\n' > "$ADMIN_DIR/test.json"
out=$("$STAGE/kit-client" open test:///default 2>&1)
contains "an admin manifest disables the shipped one" "$out" "module 'test' is disabled by $ADMIN_DIR/test.json"
out=$("$BIN_DIR/virt-modules" list 2>&1)
contains "list marks it disabled in the admin folder" "$out" "^test +disabled .*$ADMIN_DIR\$"
contains "list says which manifest it overrides" "$out" "overrides $MANIFEST_DIR/test.json"
rm -f "$ADMIN_DIR/test.json"

one=$("$STAGE/kit-client" maps test:///default)
i=0
while [ $i -lt 99 ]; do
    printf '{"module": "fake%d", "library": "virt-module-fake%d.so", "abi": "2.0", "schemes": ["fake%d"], "roles": ["hypervisor"], "runs": "client", "summary": "A module that is not installed"}\n' \
        $i $i $i > "$MANIFEST_DIR/fake$i.json"
    i=$((i + 1))
done
check "100 manifests are installed" test "$(ls "$MANIFEST_DIR" | wc -l)" -eq 100
hundred=$("$STAGE/kit-client" maps test:///default)
if [ -n "$one" ] && [ "$one" = "$hundred" ]; then
    ok "test:///default maps $one shared objects with 1 manifest and with 100"
else
    not_ok "test:///default maps $one shared objects with 1 manifest, $hundred with 100"
fi
out=$("$BIN_DIR/virt-modules" list 2>&1)
contains "list marks a manifest whose library is missing" "$out" "^fake7 +MISSING "
finish
