#!/bin/sh
# test-core-only.sh: a core-only build (the test module only: every other
# -Dmodule_NAME of meson_options.txt disabled; no tools, daemon or tests)
# configures and builds needing only libxml2, jansson and libltdl: checked
# in the dependencies meson reports and in what every built library links
# (readelf's NEEDED, ldd).
. "$SOURCE_ROOT/tests/kit/tap.sh"
DIR=$(mktemp -d "${TMPDIR:-/tmp}/core-only.XXXXXX")
trap 'rm -rf "$DIR"' EXIT
no_modules=$(sed -n "s/^option('\(module_[a-z0-9_]*\)'.*/-D\1=disabled/p" "$SOURCE_ROOT/meson_options.txt" | grep -v '^-Dmodule_test=')
check "meson_options.txt has module options to turn off" test -n "$no_modules"
if meson setup "$DIR/build" "$SOURCE_ROOT" $no_modules \
        -Dtools=disabled -Ddaemon=disabled -Dtests=disabled >"$DIR/setup.log" 2>&1; then
    ok "a core-only build configures"
else
    not_ok "a core-only build configures"; sed 's/^/# /' "$DIR/setup.log"; finish
fi
for dep in gnutls readline libnl; do
    if grep -qi "dependency $dep\|library $dep" "$DIR/setup.log"; then not_ok "meson does not look for $dep"; else ok "meson does not look for $dep"; fi
done
deps=$(meson introspect --dependencies "$DIR/build" | python3 -c 'import json, sys; print(" ".join(sorted({d["name"] for d in json.load(sys.stdin)})))')
check "meson reports only libxml-2.0, jansson and threads (libltdl is found as a library)" \
    test "$deps" = "jansson libxml-2.0 threads"
check "a core-only build builds" ninja -C "$DIR/build"
libs=$(find "$DIR/build" -name '*.so*' -type f ! -path '*.p/*')
check "it builds libvirt.so.0 and the test module" \
    sh -c "printf '%s\n' '$libs' | grep -q 'libvirt.so.0' && printf '%s\n' '$libs' | grep -q virt-module-test.so"
for lib in $libs; do
    needed=$(readelf -d "$lib" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p' \
             | grep -v -e '^libc\.so' -e '^ld-linux' -e '^libm\.so' -e '^libvirt\.so\.0$' \
                       -e '^libxml2\.so' -e '^libjansson\.so' -e '^libltdl\.so' \
                       -e '^libasan\.so' -e '^libubsan\.so')
    check "$(basename "$lib") links nothing beyond libxml2, jansson and libltdl" test -z "$needed"
    if ldd "$lib" | grep -Eq 'gnutls|readline|libnl'; then not_ok "ldd $(basename "$lib"): no gnutls, readline or libnl"; else ok "ldd $(basename "$lib"): no gnutls, readline or libnl"; fi
done
finish
