#!/usr/bin/env bash
# Functions run indirectly, through with_ours/with_debian, in subshells.
# shellcheck disable=SC2317,SC2030,SC2031
# run-bench.sh: the project benchmark.
#
# Runs the same bench-client binary against our libvirt.so.0 (build tree,
# as `meson devenv` would) and against Debian's libvirt.so.0, then prints
# side-by-side tables:
#   1. in-process open+close latency, call rates, memory with one open
#      connection, shared objects mapped, scale (N defined domains);
#   2. cold processes: wall time of fresh processes doing one open+close;
#   3. our library with 1 manifest installed vs 100 (99 dummy modules that
#      must never be loaded): open latency and the count of loaded objects;
#   4. remote: calls/s over a unix socket, our client + our libvirtd next to
#      Debian's client + Debian's libvirtd, both serving test:///default
#      (and Debian's client against both daemons, which isolates the daemon);
#      then the load: BENCH_CLIENTS connections at once, each making
#      BENCH_LOAD_ITERS round trips, on both daemons side by side.
# It builds nothing: run `ninja -C BUILD` first.
#
# usage: tests/bench/run-bench.sh [--quick] [BUILD_DIR]   (default ./build)
# Sizes (environment): BENCH_DOMAINS (100000), BENCH_ITERS (2000),
#   BENCH_LOOKUPS (20000), BENCH_PROCS (100), BENCH_CLIENTS (200),
#   BENCH_LOAD_ITERS (200); --quick makes them tiny and
#   is what the 'bench-smoke' test runs. BENCH_DEBIAN_LIB overrides the
#   reference library (/usr/lib/x86_64-linux-gnu/libvirt.so.0).
set -euo pipefail

usage() {
    sed -n '/^# usage:/,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
}

quick=0
while [[ $# -gt 0 ]]; do
    case $1 in
    --quick) quick=1; shift ;;
    -h|--help) usage; exit 0 ;;
    -*) usage >&2; exit 2 ;;
    *) break ;;
    esac
done
[[ $# -le 1 ]] || { usage >&2; exit 2; }

build=$(cd "${1:-build}" && pwd)
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
client=$build/tests/bench/bench-client
if [[ ! -x $client ]]; then
    echo "run-bench: $client is missing; build it first: ninja -C $build" >&2
    exit 2
fi

if (( quick )); then
    domains=${BENCH_DOMAINS:-200} iters=${BENCH_ITERS:-20}
    lookups=${BENCH_LOOKUPS:-200} procs=${BENCH_PROCS:-5}
    clients=${BENCH_CLIENTS:-10} load_iters=${BENCH_LOAD_ITERS:-5}
else
    domains=${BENCH_DOMAINS:-100000} iters=${BENCH_ITERS:-2000}
    lookups=${BENCH_LOOKUPS:-20000} procs=${BENCH_PROCS:-100}
    clients=${BENCH_CLIENTS:-200} load_iters=${BENCH_LOAD_ITERS:-200}
fi
debian_lib=${BENCH_DEBIAN_LIB:-/usr/lib/x86_64-linux-gnu/libvirt.so.0}

work=$(mktemp -d "${TMPDIR:-/tmp}/run-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home" "$work/run"
chmod 700 "$work/run"
status=0

module_path=$(find "$build/modules/" -name 'virt-module-*.so' -printf '%h\n' 2>/dev/null | sort -u | paste -sd: -)

# Both libraries get the same clean environment: no user configuration, no
# default URI, nothing preloaded.
clean_env() {
    unset LIBVIRT_DEFAULT_URI VIRT_MODULE_MANIFESTS VIRT_MODULE_PATH VIRT_SCHEMA_DIR LD_PRELOAD
    export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config XDG_CACHE_HOME=$work/home/.cache
    export XDG_RUNTIME_DIR=$work/run VIRT_CLIENT_CONFIG=/nonexistent/libvirt.conf
}

# with_ours MANIFEST_DIR CMD...: CMD sees our library, modules and manifests.
# bench-client's RUNPATH points at BUILD/core too; LD_LIBRARY_PATH makes it
# explicit.
with_ours() {
    local manifests=$1
    shift
    (
        clean_env
        export LD_LIBRARY_PATH=$build/core VIRT_MODULE_MANIFESTS=$manifests
        export VIRT_MODULE_PATH=$module_path VIRT_SCHEMA_DIR=$src/schemas
        "$@"
    )
}

# with_debian CMD...: LD_LIBRARY_PATH must name Debian's folder, since it is
# searched before bench-client's RUNPATH (which names our build tree).
# Leaks inside Debian's library are not ours to report in sanitizer builds.
with_debian() {
    (
        clean_env
        LD_LIBRARY_PATH=$(dirname "$debian_lib")
        export LD_LIBRARY_PATH
        export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
        "$@"
    )
}

now_ns() {
    if [[ -n ${EPOCHREALTIME:-} ]]; then
        local us=${EPOCHREALTIME/[.,]/}
        echo "${us}000"
    else
        date +%s%N
    fi
}

# cold ARGS...: mean wall time in ms of $procs fresh `bench-client ARGS`
# processes (hyperfine when installed, else a plain loop).
cold() {
    if command -v hyperfine >/dev/null 2>&1; then
        hyperfine -N --style none --warmup 3 --runs "$procs" \
            --export-json "$work/hyperfine.json" -- "$client $*" >/dev/null 2>&1 || return 1
        python3 -c 'import json,sys; print("%.3f" % (json.load(open(sys.argv[1]))["results"][0]["mean"] * 1e3))' \
            "$work/hyperfine.json"
        return
    fi
    local i t0 t1
    "$client" "$@" >/dev/null 2>&1 || true    # warm the page cache
    t0=$(now_ns)
    for (( i = 0; i < procs; i++ )); do
        if ! "$client" "$@" >"$work/cold.out" 2>&1; then
            echo "run-bench: 'bench-client $*' failed:" >&2
            cat "$work/cold.out" >&2
            return 1
        fi
    done
    t1=$(now_ns)
    awk -v a="$t0" -v b="$t1" -v n="$procs" 'BEGIN { printf "%.3f\n", (b - a) / 1e6 / n }'
}

# measure > FILE (inside with_ours or with_debian): every phase, each group
# in a fresh process, memory first so that nothing ran before it.
measure() {
    local rc=0 ms
    "$client" memory || rc=1
    "$client" -i "$iters" open-close calls | grep -v '^# library' || rc=1
    if ms=$(cold open-once); then
        printf '%-32s %16s  %s\n' cold_open_close_ms "$ms" "ms/process (exec + open + close)"
    else
        rc=1
    fi
    if ms=$(cold -h); then
        printf '%-32s %16s  %s\n' cold_exec_only_ms "$ms" "ms/process (exec + link libvirt, no open)"
    else
        rc=1
    fi
    "$client" -n "$domains" -l "$lookups" scale | grep -v '^# library' || rc=1
    return "$rc"
}

# table TITLE COL_A FILE_A COL_B FILE_B RATIO_LABEL: join two result files
# on their keys (FILE_A's order, then keys only FILE_B has); either file may
# be empty. A unit comes from the side that has a number.
table() {
    awk -v title="$1" -v ca="$2" -v cb="$4" -v rl="$6" '
        function num(v) { return v ~ /^-?[0-9.]+$/ }
        function fmt(v) {
            if (!num(v) || v !~ /\./) return v
            return (v + 0 >= 1000) ? sprintf("%.0f", v) : sprintf("%.3f", v)
        }
        /^#/ || NF < 2 { next }
        {
            side = (FILENAME == fa) ? "a" : "b"
            if (!($1 in seen)) { seen[$1] = 1; order[side == "a" ? ++na : 1000000 + ++nb] = $1 }
            val[side, $1] = $2
            u = $0; sub(/^[^ ]+ +[^ ]+ +/, "", u)
            if (!($1 in unit) || (num($2) && !num(val[side == "a" ? "b" : "a", $1]))) unit[$1] = u
        }
        END {
            printf "\n== %s ==\n", title
            printf "%-28s %14s %14s %12s  %-7s %s\n", "metric", ca, cb, rl, "better", "unit"
            for (i = 1; i <= na + nb; i++) {
                k = (i <= na) ? order[i] : order[1000000 + i - na]
                if (k == "" || (k in done)) continue
                done[k] = 1
                va = ((("a", k) in val)) ? val["a", k] : "-"
                vb = ((("b", k) in val)) ? val["b", k] : "-"
                r = (num(va) && num(vb) && vb + 0 != 0) ? sprintf("%.2f", va / vb) : "-"
                better = (k ~ /_ratio$/ || k == "our_modules_loaded") ? "-" : (unit[k] ~ /\/s/) ? "higher" : "lower"
                printf "%-28s %14s %14s %12s  %-7s %s\n", k, fmt(va), fmt(vb), r, better, unit[k]
            }
        }' fa="$3" "$3" "$5"
}

echo "run-bench: client $client"
echo "run-bench: sizes: $iters open+close iterations, $((iters * 10)) calls each," \
     "$domains domains, $lookups lookups per size, $procs cold processes"

# ---- 1 and 2: our library and Debian's, side by side ---------------------
echo "run-bench: measuring our library ($build/core)"
with_ours "$src/modules.d" measure >"$work/ours.txt" || status=1
grep '^# ' "$work/ours.txt" || true
have_debian=0
if [[ -e $debian_lib ]]; then
    have_debian=1
    echo "run-bench: measuring Debian's library ($debian_lib)"
    with_debian measure >"$work/debian.txt" || status=1
    with_debian "$client" memory | grep '^# library' || true
    if ! with_debian "$client" memory | grep -q "^# library $(dirname "$debian_lib")/"; then
        echo "run-bench: WARNING: the Debian run did not load $debian_lib" >&2
        status=1
    fi
else
    echo "run-bench: note: $debian_lib is not installed (apt-get install libvirt0); Debian column skipped"
    : >"$work/debian.txt"
fi
table "our libvirt.so.0 vs Debian's (test:///default)" ours "$work/ours.txt" \
      debian "$work/debian.txt" ours/debian

# ---- 3: 1 manifest vs 100 manifests --------------------------------------
mkdir -p "$work/m1" "$work/m100"
cp "$src/modules.d/test.json" "$work/m1/"
cp "$src/modules.d/test.json" "$work/m100/"
for i in $(seq -w 1 99); do
    cat >"$work/m100/dummy$i.json" <<EOF
{
  "module": "dummy$i",
  "library": "virt-module-dummy$i.so",
  "abi": "2.0",
  "schemes": ["dummy$i"],
  "roles": ["hypervisor"],
  "runs": "client",
  "summary": "Benchmark filler whose library does not exist: it must never be loaded"
}
EOF
done

manifest_run() {
    local rc=0 ms
    "$client" memory | grep -v '^# library' || rc=1
    "$client" -i "$iters" open-close | grep -v '^# library' || rc=1
    if ms=$(cold open-once); then
        printf '%-32s %16s  %s\n' cold_open_close_ms "$ms" "ms/process (exec + open + close)"
    else
        rc=1
    fi
    return "$rc"
}
echo
echo "run-bench: measuring our library with 1 manifest, then 100 (99 dummies)"
with_ours "$work/m1" manifest_run >"$work/m1.txt" || status=1
with_ours "$work/m100" manifest_run >"$work/m100.txt" || status=1
table "our library: 1 manifest vs 100 installed (test:///default)" "100 manifests" "$work/m100.txt" \
      "1 manifest" "$work/m1.txt" 100/1
grep '^# loaded module' "$work/m100.txt" | sed 's/^# /with 100 manifests: /' || true

# The count of loaded objects must not depend on the manifests installed.
loaded() { awk -v k="$1" '$1 == k { print $2 }' "$2"; }
for key in shared_objects our_modules_loaded; do
    if [[ $(loaded $key "$work/m1.txt") != "$(loaded $key "$work/m100.txt")" ]]; then
        echo "run-bench: FAIL: $key differs between 1 and 100 manifests" >&2
        status=1
    fi
done
if [[ $(loaded our_modules_loaded "$work/m100.txt") != 1 ]]; then
    echo "run-bench: FAIL: expected exactly one module loaded for test:///default" >&2
    status=1
fi

# The dummies are real, valid manifests: opening a dummy scheme is routed to
# its manifest and fails only because its library does not exist.
dummy_out=$(with_ours "$work/m100" "$client" -u dummy01:///default open-once || true)
if grep -q 'virt-module-dummy01.so' <<<"$dummy_out"; then
    echo "dummy manifests are accepted (dummy01:/// routes to its manifest, then: ${dummy_out#*(virConnectOpen: }"
else
    echo "run-bench: FAIL: dummy01:/// was not routed to its manifest: $dummy_out" >&2
    status=1
fi

# ---- 4: remote calls over a unix socket, our libvirtd vs Debian's --------
# Each daemon gets a temporary config with its sockets in $work. Debian's
# runs as nobody: as root it would start every state driver (and fail in a
# container); tests/remote/remote-transports.sh does the same.
daemon_pids=()
stop_daemons() {
    local p
    for p in "${daemon_pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${daemon_pids[@]}"; do wait "$p" 2>/dev/null || true; done
    daemon_pids=()
}
trap 'stop_daemons; rm -rf "$work"' EXIT

# start_daemon NAME BINARY: sets daemon_sock once the socket exists. Not
# to be called in a subshell, which would lose the pid to stop.
daemon_sock=
start_daemon() {
    local name=$1 bin=$2 dir=$work/daemon-$1 pid
    mkdir -p "$dir/sock" "$dir/home"
    chmod 711 "$work"               # nobody must reach its own folder
    chmod 777 "$dir" "$dir/sock" "$dir/home"
    printf 'auth_unix_rw = "none"\nauth_unix_ro = "none"\nunix_sock_dir = "%s"\n' "$dir/sock" >"$dir/libvirtd.conf"
    chmod 644 "$dir/libvirtd.conf"
    if [[ $name == debian ]]; then
        env -u LD_LIBRARY_PATH -u LD_PRELOAD HOME="$dir/home" XDG_RUNTIME_DIR="$dir/home/run" \
            XDG_CONFIG_HOME="$dir/home/cfg" XDG_CACHE_HOME="$dir/home/cache" \
            setpriv --reuid=65534 --regid=65534 --clear-groups \
            "$bin" -f "$dir/libvirtd.conf" >"$dir/log" 2>&1 &
    else
        # with_ours's environment, inline: $! must be the daemon itself
        (
            clean_env
            export LD_LIBRARY_PATH=$build/core VIRT_MODULE_MANIFESTS=$src/modules.d
            export VIRT_MODULE_PATH=$module_path VIRT_SCHEMA_DIR=$src/schemas
            exec "$bin" -f "$dir/libvirtd.conf"
        ) >"$dir/log" 2>&1 &
    fi
    pid=$!
    daemon_pids+=("$pid")
    local i
    for (( i = 0; i < 100; i++ )); do
        if [[ -S $dir/sock/libvirt-sock ]]; then
            daemon_sock=$dir/sock/libvirt-sock
            return 0
        fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    echo "run-bench: $name libvirtd did not start:" >&2
    sed 's/^/  /' "$dir/log" >&2
    return 1
}

remote_iters=$(( iters / 2 > 0 ? iters / 2 : 1 ))
ours_daemon=$build/tools/libvirtd/libvirtd
echo
if [[ -x $ours_daemon ]] && start_daemon ours "$ours_daemon"; then
    our_sock=$daemon_sock
    echo "run-bench: remote: $((remote_iters * 10)) calls per measure, unix sockets"
    with_ours "$src/modules.d" "$client" -i "$remote_iters" -u "test+unix:///default?socket=$our_sock" remote \
        | grep -v '^# library' >"$work/remote-ours.txt" || status=1
    with_ours "$src/modules.d" "$client" -c "$clients" -i "$load_iters" \
        -u "test+unix:///default?socket=$our_sock" load | grep -v '^# library' >>"$work/remote-ours.txt" || status=1
    : >"$work/remote-debian.txt"
    : >"$work/remote-debclient-ours.txt"
    if (( have_debian )) && [[ -x /usr/sbin/libvirtd ]] && command -v setpriv >/dev/null &&
        start_daemon debian /usr/sbin/libvirtd; then
        deb_sock=$daemon_sock
        with_debian "$client" -i "$remote_iters" -u "test+unix:///default?socket=$deb_sock" remote \
            | grep -v '^# library' >"$work/remote-debian.txt" || status=1
        with_debian "$client" -i "$remote_iters" -u "test+unix:///default?socket=$our_sock" remote \
            | grep -v '^# library' >"$work/remote-debclient-ours.txt" || status=1
        with_debian "$client" -c "$clients" -i "$load_iters" -u "test+unix:///default?socket=$deb_sock" load \
            | grep -v '^# library' >>"$work/remote-debian.txt" || status=1
        with_debian "$client" -c "$clients" -i "$load_iters" -u "test+unix:///default?socket=$our_sock" load \
            | grep -v '^# library' >>"$work/remote-debclient-ours.txt" || status=1
    else
        echo "run-bench: note: Debian's libvirtd (libvirt-daemon) is not available; its column is empty"
    fi
    table "remote over a unix socket: our client+libvirtd vs Debian's client+libvirtd (test:///default)" \
        ours "$work/remote-ours.txt" debian "$work/remote-debian.txt" ours/debian
    table "remote, Debian's client library in both: our libvirtd vs Debian's libvirtd" \
        "our daemon" "$work/remote-debclient-ours.txt" "debian daemon" "$work/remote-debian.txt" ours/debian
    stop_daemons
    if ! grep -q '^remote_numOfDomains_per_s  *[0-9]' "$work/remote-ours.txt"; then
        echo "run-bench: FAIL: no remote call rate against our libvirtd" >&2
        status=1
    fi
    if ! grep -q '^load_lookup_getInfo_per_s  *[0-9]' "$work/remote-ours.txt"; then
        echo "run-bench: FAIL: no load rate against our libvirtd" >&2
        status=1
    fi
else
    echo "run-bench: note: remote phase skipped (no $ours_daemon, or it did not start)"
    [[ -x $ours_daemon ]] && status=1
fi

# ---- sanity: the tables carry what the benchmark promises ---------------
for key in open_close_us call_getType_per_s rss_one_conn_kib shared_objects cold_open_close_ms; do
    if ! grep -q "^$key " "$work/ours.txt"; then
        echo "run-bench: FAIL: no '$key' in our results" >&2
        status=1
    fi
    if (( have_debian )) && ! grep -q "^$key " "$work/debian.txt"; then
        echo "run-bench: FAIL: no '$key' in Debian's results" >&2
        status=1
    fi
done
if (( status )); then
    echo "run-bench: some measurements failed (see above)" >&2
fi
exit $status
