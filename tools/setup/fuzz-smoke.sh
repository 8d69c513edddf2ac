#!/usr/bin/env bash
# fuzz-smoke.sh: a short run of every libFuzzer target of tests/fuzz.
#
#   bash tools/setup/fuzz-smoke.sh            set up and build build-fuzz (clang,
#                                             ASan+UBSan), then run its 'fuzz' suite
#   fuzz-smoke.sh --run BUILDDIR CORPUSDIR    run each BUILDDIR/fuzz_* over
#                                             CORPUSDIR/<target>/ and print TAP
#                                             (what that suite's test does)
#
# Each target runs FUZZ_SECONDS (default 15) over a copy of its seeds in a
# fresh folder under /tmp, which is the only place it writes, two at a time
# (FUZZ_JOBS), with the dictionary BUILDDIR/fuzz_NAME.dict where one is. A crash, leak, timeout or out-of-memory is "not ok" with the
# reproducer's path (kept); the exit status is non-zero when any failed.
set -uo pipefail

if [ "${1:-}" != "--run" ]; then
    set -e
    top=$(cd "$(dirname "$0")/../.." && pwd)
    cd "$top"
    bash tools/setup/deps.sh
    if [ ! -f build-fuzz/build.ninja ]; then
        CC=clang meson setup build-fuzz -Dfuzz=true \
            -Db_sanitize=address,undefined -Db_lundef=false
    fi
    ninja -C build-fuzz
    exec meson test -C build-fuzz --suite fuzz --print-errorlogs
fi

builddir=$(cd "$2" && pwd)
corpus=$(cd "$3" && pwd)
seconds=${FUZZ_SECONDS:-15}
work=$(mktemp -d /tmp/fuzz-smoke.XXXXXX)
# Nothing from the caller's environment may point the log at a file.
unset LIBVIRT_LOG_OUTPUTS LIBVIRT_LOG_FILTERS LIBVIRT_DEBUG
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:symbolize=1
export UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1

# One target over a copy of its seeds; its exit status in $dir/status.
runOne() {   # runOne EXE DIR
    local exe=$1 dir=$2 name seeds
    name=$(basename "$exe")
    seeds="$corpus/${name#fuzz_}"
    mkdir -p "$dir/corpus" "$dir/artifacts"
    [ -d "$seeds" ] && cp "$seeds"/* "$dir/corpus/" 2>/dev/null
    # a generated model's seeds are the fixtures of its kind
    case "$name" in
    fuzz_model_*) cp "$corpus/../../xml/model/${name#fuzz_model_}"/*.xml "$dir/corpus/" 2>/dev/null ;;
    esac
    local dict=()
    [ -f "$exe.dict" ] && dict=(-dict="$exe.dict")
    (cd "$dir" && "$exe" "${dict[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len=65536 -artifact_prefix="$dir/artifacts/" -print_final_stats=1 \
        corpus >"$dir/log" 2>&1)
    echo $? >"$dir/status"
}

targets=()
for exe in "$builddir"/fuzz_*; do
    [ -x "$exe" ] && [ -f "$exe" ] && targets+=("$exe")
done
# FUZZ_JOBS targets at a time (default: the number of cores, at most 2).
jobs=${FUZZ_JOBS:-$(nproc)}
[ "$jobs" -gt 2 ] && [ -z "${FUZZ_JOBS:-}" ] && jobs=2
running=0
for exe in "${targets[@]}"; do
    if [ "$running" -ge "$jobs" ]; then
        wait -n
        running=$((running - 1))
    fi
    runOne "$exe" "$work/$(basename "$exe")" &
    running=$((running + 1))
done
wait

echo "TAP version 13"
echo "1..${#targets[@]}"
n=0
failed=0
for exe in "${targets[@]}"; do
    n=$((n + 1))
    name=$(basename "$exe")
    dir="$work/$name"
    if [ "$(cat "$dir/status" 2>/dev/null)" = 0 ]; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log")
        echo "ok $n - $name # ${runs:-?} runs in ${seconds}s"
    else
        failed=$((failed + 1))
        repro=$(ls "$dir"/artifacts/* 2>/dev/null | head -n 1)
        echo "not ok $n - $name # reproducer: ${repro:-none, see $dir/log}"
        sed -n '/ERROR\|runtime error\|assertion failed/,+25p' "$dir/log" | head -n 40 | sed 's/^/# /'
    fi
done
if [ "$failed" -eq 0 ]; then
    rm -rf "$work"
else
    echo "# logs and reproducers kept in $work"
fi
[ "$failed" -eq 0 ]
