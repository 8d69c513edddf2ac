#!/bin/sh
# update-abi-baseline.sh: record the ABI of a build as the new baseline
# that tests/kit (test 'abi-guard') compares every later build against.
#
#   tools/update-abi-baseline.sh [BUILD_DIR]      (default: build)
#
# Run it only on purpose: after a release, or after an incompatible change
# that was decided (and the module ABI major or the soname bumped with it).
# The build must carry debug information (buildtype debug or
# debugoptimized), or the baseline holds symbols but no types.
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-build}
OUT=abi/baseline
command -v abidw >/dev/null || { echo "abidw not found: apt-get install abigail-tools" >&2; exit 1; }
meson compile -C "$BUILD" virt kit-module-abi >/dev/null \
    || { echo "cannot build $BUILD" >&2; exit 1; }
LIB=$BUILD/core/libvirt.so.0
MOD=$BUILD/tests/kit/kit-module-abi.so
for f in "$LIB" "$MOD"; do
    readelf -S -W "$f" | grep -q '\.debug_info' || { echo "$f has no debug information" >&2; exit 1; }
done
abidw --no-corpus-path --no-comp-dir-path "$LIB" > "$OUT/libvirt.so.0.abi.new"
abidw --no-corpus-path --no-comp-dir-path "$MOD" > "$OUT/virt-module.abi.new"
mv "$OUT/libvirt.so.0.abi.new" "$OUT/libvirt.so.0.abi"
mv "$OUT/virt-module.abi.new" "$OUT/virt-module.abi"
echo "updated $OUT/libvirt.so.0.abi ($(grep -c '<elf-symbol' "$OUT/libvirt.so.0.abi") symbols) and $OUT/virt-module.abi"
echo "review with: git diff --stat $OUT; commit them with the change that needed them"
