#!/bin/sh
# test-deb.sh: the Debian packages of packaging/debian. Copies the source
# tree (what git tracks, as it stands in the work tree), builds it with
# dpkg-buildpackage -us -uc -b (the package build leaves the test suite
# out), then without network or root installs into fresh folders:
# libmkvirt0 with only the test module, where a client runs on
# test:///default; then the qemu module and the tools, where virt-modules
# list shows qemu loading. Takes a few minutes (a whole build).
. "$SOURCE_ROOT/tests/kit/tap.sh"
CC=${1:-cc} CLIENT_CFLAGS=$2
WORK=$(mktemp -d "${TMPDIR:-/tmp}/deb-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
SRC=$WORK/mkvirt
mkdir -p "$SRC"
(cd "$SOURCE_ROOT" && git ls-files -z --cached --others --exclude-standard | \
    xargs -0 tar cf - --no-recursion 2>/dev/null) | tar xf - -C "$SRC"
cp -r "$SRC/packaging/debian" "$SRC/debian"
if (cd "$SRC" && DEB_BUILD_OPTIONS="nocheck parallel=${PARALLEL:-2}" \
        dpkg-buildpackage -us -uc -b >"$WORK/build.log" 2>&1); then
    ok "dpkg-buildpackage -us -uc -b builds the packages"
else
    not_ok "dpkg-buildpackage -us -uc -b builds the packages"; tail -n 40 "$WORK/build.log" | sed 's/^/# /'; finish
fi
deb() { ls "$WORK"/"$1"_*.deb 2>/dev/null | head -n1; }
for p in libmkvirt0 mkvirt-dev mkvirt-clients mkvirt-daemon mkvirt-module-test mkvirt-module-remote mkvirt-module-qemu mkvirt-module-network mkvirt-module-storage; do
    check "package $p was built" test -n "$(deb $p)"
done
field() { dpkg-deb -f "$(deb "$1")" "$2"; }
abi=$(dpkg-deb --fsys-tarfile "$(deb mkvirt-dev)" | tar xOf - --wildcards '*/mkvirt-module.pc' | sed -n 's/^module_abi=\([0-9]*\)\..*/\1/p')
check "the module ABI major is known ($abi)" test -n "$abi"
contains "libmkvirt0 provides mkvirt-module-abi-$abi" "$(field libmkvirt0 Provides)" "(^|, )mkvirt-module-abi-$abi(,|$)"
contains "libmkvirt0 provides libvirt0 at the API level" "$(field libmkvirt0 Provides)" "libvirt0 \\(= 9\\.0\\.0\\)"
contains "mkvirt-daemon provides mkvirt-daemon-module-abi-$abi" "$(field mkvirt-daemon Provides)" "mkvirt-daemon-module-abi-$abi"
contains "mkvirt-module-test depends on a core with that ABI" "$(field mkvirt-module-test Depends)" "(^|, )mkvirt-module-abi-$abi(,|$)"
contains "mkvirt-module-qemu depends on a daemon with that ABI" "$(field mkvirt-module-qemu Depends)" "mkvirt-daemon-module-abi-$abi"
contains "mkvirt-clients depends on libmkvirt0 (dpkg-shlibdeps)" "$(field mkvirt-clients Depends)" "libmkvirt0"
contents() { dpkg-deb -c "$(deb "$1")" | awk '{ print $6 }'; }
contains "qemu.json ships with libmkvirt0" "$(contents libmkvirt0)" "/modules.d/qemu.json$"
contains "the qemu library ships in mkvirt-module-qemu" "$(contents mkvirt-module-qemu)" "/modules/virt-module-qemu.so$"
contains "virsh's manual page ships with the tools" "$(contents mkvirt-clients)" "man1/virsh.1"
contains "libvirtd ships with its units and configuration" "$(contents mkvirt-daemon)" "libvirtd.service$"

# A fresh folder holding libmkvirt0 and the test module only.
ROOT=$WORK/root
for p in libmkvirt0 mkvirt-module-test; do dpkg -x "$(deb $p)" "$ROOT"; done
LIBDIR=$(dirname "$(find "$ROOT" -name 'libvirt.so.0' | head -n1)")
run_in_root() {
    env -i PATH=/usr/bin:/bin LD_LIBRARY_PATH="$LIBDIR" \
        VIRT_MODULE_MANIFESTS="$ROOT/etc/mkvirt/modules.d:$ROOT/usr/share/mkvirt/modules.d" \
        VIRT_MODULE_PATH="$LIBDIR/mkvirt/modules" VIRT_SCHEMA_DIR="$ROOT/usr/share/mkvirt/schemas" \
        VIRT_CLIENT_CONFIG=/nonexistent/libvirt.conf LIBVIRT_DEFAULT_URI= "$@"
}
check "only the test module is installed" test "$(ls "$LIBDIR/mkvirt/modules")" = virt-module-test.so
out=$(run_in_root /usr/bin/python3 -c '
import libvirt
c = libvirt.open("test:///default")
print(c.getType(), [d.name() for d in c.listAllDomains()], libvirt.getVersion())' 2>&1)
contains "a client runs on test:///default with the packaged library" "$out" "^TEST \\['test'\\] 9000000$"
out=$(run_in_root /usr/bin/python3 -c '
import libvirt
try:
    libvirt.open("qemu:///system")
except libvirt.libvirtError as e:
    print(e)' 2>&1)
contains "qemu:///system finds the shipped qemu.json and names the missing remote module" "$out" \
    "module 'qemu' \\($ROOT/usr/share/mkvirt/modules.d/qemu.json\\) runs inside libvirtd, and no remote module is installed"

# With the remote module, a client-only system sends qemu:// to a daemon
# (the session one here, in a folder of ours; none runs and none starts).
dpkg -x "$(deb mkvirt-module-remote)" "$ROOT"
mkdir -p "$WORK/run"
out=$(run_in_root HOME="$WORK" XDG_RUNTIME_DIR="$WORK/run" VIRT_LIBVIRTD=/nonexistent/libvirtd /usr/bin/python3 -c '
import libvirt
try:
    libvirt.open("qemu:///session")
except libvirt.libvirtError as e:
    print(e)' 2>/dev/null)
contains "with mkvirt-module-remote, qemu:///session goes to the daemon's socket" "$out" \
    "no session daemon listens on '$WORK/run/libvirt/libvirt-sock'"

# Then the tools and the qemu module (and the daemon it depends on).
for p in mkvirt-clients mkvirt-daemon mkvirt-module-qemu; do dpkg -x "$(deb $p)" "$ROOT"; done
out=$(run_in_root "$ROOT/usr/bin/virt-modules" list 2>&1)
contains "virt-modules list shows the qemu module loading" "$out" "^qemu +ok +daemon "
contains "and the test module" "$out" "^test +ok +client "
out=$(run_in_root "$ROOT/usr/bin/virsh" -c test:///default list --all 2>&1)
contains "the packaged virsh lists test:///default" "$out" "running"
out=$(MANPATH=$ROOT/usr/share/man MANPAGER=cat man virsh 2>&1)
contains "man virsh works from the package" "$out" "^VIRSH\\(1\\)"
finish
