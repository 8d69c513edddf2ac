# tap.sh: TAP output for the kit's shell tests. Source it, call
# ok/not_ok/check, then finish (prints the plan, sets the exit status).
tap_n=0
tap_failed=0
ok() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $*"; }
not_ok() { tap_n=$((tap_n + 1)); tap_failed=$((tap_failed + 1)); echo "not ok $tap_n - $*"; }
# check DESCRIPTION COMMAND...: ok when COMMAND succeeds; its output is
# shown as a TAP comment when it does not.
check() {
    desc=$1; shift
    if out=$("$@" 2>&1); then ok "$desc"; else not_ok "$desc"; printf '%s\n' "$out" | sed 's/^/# /'; fi
}
# contains DESCRIPTION TEXT PATTERN: grep -E PATTERN in TEXT
contains() {
    if printf '%s\n' "$2" | grep -Eq -- "$3"; then ok "$1"; else not_ok "$1"; printf '%s\n' "$2" | sed 's/^/# /'; fi
}
finish() { echo "1..$tap_n"; [ "$tap_failed" -eq 0 ]; exit $?; }

# Install the build tree into a fresh DESTDIR; sets STAGE, PREFIX_DIR,
# LIB_DIR, MODULE_DIR, MANIFEST_DIR, BIN_DIR, PCDIR from the installed
# libvirt.pc.
kit_install() {
    STAGE=$(mktemp -d "${TMPDIR:-/tmp}/kit-stage.XXXXXX")
    trap 'rm -rf "$STAGE"' EXIT
    meson install -C "$BUILD_ROOT" --no-rebuild --quiet --destdir "$STAGE" >"$STAGE.log" 2>&1 \
        || { cat "$STAGE.log" | sed 's/^/# /'; rm -f "$STAGE.log"; echo "Bail out! meson install failed"; exit 1; }
    rm -f "$STAGE.log"
    PCDIR=$(dirname "$(find "$STAGE" -name mkvirt-module.pc | head -n1)")
    export PKG_CONFIG_PATH=$PCDIR PKG_CONFIG_SYSROOT_DIR=$STAGE PKG_CONFIG_LIBDIR=$PCDIR
    LIB_DIR=$STAGE$(pkg-config --variable=libdir libvirt | sed "s|^$STAGE||")
    MODULE_DIR=$(pkg-config --variable=moduledir mkvirt-module)
    MANIFEST_DIR=$(pkg-config --variable=manifestdir mkvirt-module)
    ADMIN_DIR=$(pkg-config --variable=adminmanifestdir mkvirt-module)
    BIN_DIR=$STAGE$(pkg-config --variable=prefix libvirt | sed "s|^$STAGE||")/bin
    # Run against the staged tree only.
    export LD_LIBRARY_PATH=$LIB_DIR
    export VIRT_MODULE_MANIFESTS=$ADMIN_DIR:$MANIFEST_DIR
    export VIRT_MODULE_PATH=$MODULE_DIR
    export VIRT_SCHEMA_DIR=$(dirname "$MANIFEST_DIR")/schemas
}

# Build kit-client.c against the staged headers and libvirt.pc.
kit_build_client() {
    ${CC:-cc} -std=c11 -D_GNU_SOURCE -Wall -Werror $CLIENT_CFLAGS \
        $(pkg-config --cflags libvirt) -o "$STAGE/kit-client" "$SOURCE_ROOT/tests/kit/kit-client.c" \
        $(pkg-config --libs libvirt)
}
