#!/usr/bin/env bash
# test.sh: install what is missing, build twice and run the whole suite:
#   build/       normal build; core tests also run under valgrind
#   build-asan/  AddressSanitizer + UndefinedBehaviorSanitizer build
#   build-fuzz/  clang libFuzzer targets of every parser, a short smoke run
# Ends with one line "N passed, N failed" over every check of every run.
set -uo pipefail
cd "$(dirname "$0")/../.."

bash tools/setup/deps.sh || exit 1

status=0
logs=()

run() {   # run NAME BUILD_DIR MESON_TEST_ARGS...
  local name=$1 dir=$2
  shift 2
  echo "=== $name ==="
  meson test -C "$dir" --print-errorlogs --logbase "testlog-$name" "$@" || status=1
  # meson appends the wrapper's name to the log name when one is used
  logs+=("$(ls -t "$dir"/meson-logs/testlog-"$name"*.json 2>/dev/null | head -1)")
}

# The test builds use libvirt's own layout (--prefix=/usr: /etc, /var,
# /run), the one the tests that run a system daemon in private mounts of
# those folders expect. They are never installed.
if [ ! -d build ]; then meson setup build --prefix=/usr || exit 1; fi
meson configure build -Dprefix=/usr || exit 1
ninja -C build || exit 1
run plain build

if [ ! -d build-asan ]; then
  meson setup build-asan --prefix=/usr -Db_sanitize=address,undefined -Db_lundef=false || exit 1
fi
meson configure build-asan -Dprefix=/usr || exit 1
ninja -C build-asan || exit 1
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  run asan build-asan --no-suite bench

# Valgrind over the core's tests: no invalid access, no definite leak.
run valgrind build --suite core --timeout-multiplier 10 \
  --wrapper "valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite --track-origins=yes"

# libFuzzer smoke run: each parser's target for a few seconds (clang build).
if [ ! -d build-fuzz ]; then
  CC=clang meson setup build-fuzz -Dfuzz=true -Db_sanitize=address,undefined -Db_lundef=false || exit 1
fi
ninja -C build-fuzz || exit 1
run fuzz build-fuzz --suite fuzz

python3 tools/setup/summarize.py "${logs[@]}" || status=1
exit $status
