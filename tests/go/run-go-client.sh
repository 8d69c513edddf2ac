#!/bin/sh
# run-go-client.sh: build tests/go/client.go the way a Go application is
# built (GOPATH mode, Debian's libvirt-go binding and headers through
# pkg-config), link it with OUR three libraries, run it on ours and on
# Debian's, and compare. Everything the Go toolchain caches stays under
# BUILD_ROOT/go. Output is TAP.
. "$SOURCE_ROOT/tests/kit/tap.sh"
BINDING=/usr/share/gocode/src/github.com/libvirt/libvirt-go
if ! command -v go >/dev/null || [ ! -d "$BINDING" ]; then
    echo "Bail out! go or libvirt-go missing: apt-get install golang-go golang-github-libvirt-libvirt-go-dev"
    exit 1
fi
GOROOT_WORK=$BUILD_ROOT/go
mkdir -p "$GOROOT_WORK/src/companionclient" "$GOROOT_WORK/cache" "$GOROOT_WORK/tmp"
cp "$SOURCE_ROOT/tests/go/client.go" "$GOROOT_WORK/src/companionclient/main.go"
OURS="$BUILD_ROOT/core:$BUILD_ROOT/core/companion"
export GOPATH="$GOROOT_WORK:/usr/share/gocode" GO111MODULE=off GOFLAGS= GOENV=off \
    GOCACHE="$GOROOT_WORK/cache" GOTMPDIR="$GOROOT_WORK/tmp" CGO_CFLAGS="-O0 -g0" \
    GOPROXY=off HOME="$GOROOT_WORK"
# Link against our libraries (found first on -L), compile against Debian's headers.
export CGO_LDFLAGS="-L$BUILD_ROOT/core -L$BUILD_ROOT/core/companion"
start=$(date +%s)
if out=$(cd "$GOROOT_WORK" && go build -o "$GOROOT_WORK/companion-client" companionclient 2>&1); then
    ok "the client builds with Debian's libvirt-go ($(( $(date +%s) - start )) s)"
else
    not_ok "the client builds with Debian's libvirt-go"
    printf '%s\n' "$out" | sed 's/^/# /'
    finish
fi
BIN=$GOROOT_WORK/companion-client
needed=$(readelf -d "$BIN" | grep NEEDED)
contains "it needs libvirt.so.0, libvirt-qemu.so.0 and libvirt-lxc.so.0" "$needed" \
    'libvirt-qemu\.so\.0'
contains "  ... libvirt-lxc.so.0" "$needed" 'libvirt-lxc\.so\.0'
contains "  ... libvirt.so.0" "$needed" 'libvirt\.so\.0'

ours=$(LD_LIBRARY_PATH=$OURS "$BIN" 2>"$GOROOT_WORK/ours.maps"); rc=$?
check "it runs on our libraries" test "$rc" -eq 0
maps=$(cat "$GOROOT_WORK/ours.maps")
for lib in libvirt.so.0 libvirt-qemu.so.0 libvirt-lxc.so.0; do
    contains "our $lib is the one loaded" "$maps" "^mapped $lib $BUILD_ROOT/core/"
done
contains "libvirt-qemu answers VIR_ERR_NO_SUPPORT on test:///default" "$ours" \
    '^qemu QemuMonitorCommand: error code 3 domain 0$'
contains "libvirt-lxc enters the 'none' security model" "$ours" \
    '^lxc DomainLxcEnterSecurityLabel none: ok$'
if [ -e /usr/lib/x86_64-linux-gnu/libvirt-qemu.so.0 ]; then
    oracle=$(LD_LIBRARY_PATH= "$BIN" 2>/dev/null)
    if [ "$ours" = "$oracle" ]; then
        ok "the same answers as on Debian's libraries"
    else
        not_ok "the same answers as on Debian's libraries"
        printf 'ours:\n%s\nDebian:\n%s\n' "$ours" "$oracle" | sed 's/^/# /'
    fi
fi
finish
