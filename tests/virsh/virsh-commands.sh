#!/bin/bash
# TAP test of virsh commands: runs each case of cases.txt through the
# virsh binary and compares stdout, stderr and exit status; then runs each
# line of diff-cases.txt through both our virsh and Debian's /usr/bin/virsh
# (on Debian's libvirt.so.0) and compares the two the same way.
# VIRSH=/path/to/virsh overrides the binary (e.g. a copy linked against
# Debian's libvirt, to check the expectations themselves).
here=$(cd "$(dirname "$0")" && pwd)
VIRSH=${VIRSH:-$BUILD_ROOT/tools/virsh/virsh}
DATA=$here/data
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

normalise() {
    sed -E -e 's/^(CPU time: +)[0-9.]+s$/\1Ns/' \
        -e 's/ (rd_req|rd_bytes|wr_req|wr_bytes|errs|rx_bytes|rx_packets|rx_errs|rx_drop|tx_bytes|tx_packets|tx_errs|tx_drop) [0-9]+$/ \1 N/' \
        -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} [+-][0-9]{4}/@DATE@/g' \
        -e 's#<creationTime>[0-9]+</creationTime>#<creationTime>N</creationTime>#' \
        -e "s#$DATA#@DATA@#g" -e "s#$T#@T@#g"
}

# match ACTUAL EXPECTED: exact, or as a pattern when EXPECTED holds '*' or '['
match() {
    [[ "$1" == "$2" ]] && return 0
    [[ ("$2" == *'*'* || "$2" == *'['*) && "$1" == $2 ]]
}

n=0
failed=0
run_case() {
    local uri=$1 rc=$2 cmd=$3 out=$4 err=$5 got_out got_err got_rc
    case $uri in
        DEF) uri=test:///default ;;
        NODE) uri=test://$DATA/node.xml ;;
    esac
    cmd=${cmd//@DATA@/$DATA}
    cmd=${cmd//@T@/$T}
    "$VIRSH" -c "$uri" "$cmd" >"$T/out" 2>"$T/err"
    got_rc=$?
    got_out=$(normalise <"$T/out"; echo x); got_out=${got_out%x}
    got_err=$(normalise <"$T/err"; echo x); got_err=${got_err%x}
    n=$((n + 1))
    if [[ $got_rc == "$rc" ]] && match "$got_out" "$out" && match "$got_err" "$err"; then
        echo "ok $n - $3"
    else
        echo "not ok $n - $3"
        failed=$((failed + 1))
        echo "# exit status $got_rc, expected $rc"
        diff <(printf '%s' "$out") <(printf '%s' "$got_out") | sed 's/^/# stdout: /'
        diff <(printf '%s' "$err") <(printf '%s' "$got_err") | sed 's/^/# stderr: /'
    fi
}

# Read cases.txt: headers, stdout, '@@err', stderr.
hdr= out= err= part=
while IFS= read -r line || [[ -n $line ]]; do
    if [[ $line == '@@ '* ]]; then
        [[ -n $hdr ]] && run_case "${hdr[@]}" "$out" "$err"
        read -r _ u r c <<<"$line"
        hdr=("$u" "$r" "$c")
        out= err= part=out
    elif [[ $line == '@@err' ]]; then
        part=err
    elif [[ $part == out ]]; then
        out+=$line$'\n'
    elif [[ $part == err ]]; then
        err+=$line$'\n'
    fi
done <"$here/cases.txt"
[[ -n $hdr ]] && run_case "${hdr[@]}" "$out" "$err"

# Differential cases: one command line (or ';'-separated session) per
# line, run on a fresh test:///default by both virshes. 'TODO ' marks a
# line known to differ still: reported as a TAP TODO, counted apart.
ORACLE=${ORACLE_VIRSH:-/usr/bin/virsh}
todo_ok=0 todo_diff=0 diff_ok=0
run_diff() {
    local todo=$1 cmd=$2 o_rc g_rc o_out g_out o_err g_err
    cmd=${cmd//@DATA@/$DATA}
    cmd=${cmd//@T@/$T}
    rm -rf "$T/s"; mkdir "$T/s"
    (cd "$T/s" && env LD_LIBRARY_PATH= LD_PRELOAD= "$ORACLE" -c test:///default "$cmd") >"$T/oout" 2>"$T/oerr"
    o_rc=$?
    rm -rf "$T/s"; mkdir "$T/s"
    (cd "$T/s" && "$VIRSH" -c test:///default "$cmd") >"$T/out" 2>"$T/err"
    g_rc=$?
    o_out=$(normalise <"$T/oout"); g_out=$(normalise <"$T/out")
    o_err=$(normalise <"$T/oerr"); g_err=$(normalise <"$T/err")
    n=$((n + 1))
    if [[ $o_rc == "$g_rc" && $o_out == "$g_out" && $o_err == "$g_err" ]]; then
        if [[ -n $todo ]]; then
            echo "ok $n - same as Debian: $2 # TODO now matches: drop the TODO mark"
            todo_ok=$((todo_ok + 1))
        else
            echo "ok $n - same as Debian: $2"
        fi
        diff_ok=$((diff_ok + 1))
        return
    fi
    if [[ -n $todo ]]; then
        echo "not ok $n - same as Debian: $2 # TODO differs"
        todo_diff=$((todo_diff + 1))
    else
        echo "not ok $n - same as Debian: $2"
        failed=$((failed + 1))
    fi
    [[ $o_rc != "$g_rc" ]] && echo "# exit status $g_rc, Debian's $o_rc"
    diff <(printf '%s\n' "$o_out") <(printf '%s\n' "$g_out") | sed 's/^/# stdout: /'
    diff <(printf '%s\n' "$o_err") <(printf '%s\n' "$g_err") | sed 's/^/# stderr: /'
}
if [[ -x $ORACLE ]]; then
    while IFS= read -r line || [[ -n $line ]]; do
        [[ -z $line || $line == '#'* ]] && continue
        if [[ $line == 'TODO '* ]]; then
            run_diff todo "${line#TODO }"
        else
            run_diff '' "$line"
        fi
    done <"$here/diff-cases.txt"
    echo "# differential: $diff_ok of $((diff_ok + todo_diff)) match Debian's virsh ($todo_diff marked TODO still differ)"
else
    echo "# $ORACLE missing: differential cases skipped"
fi

echo "1..$n"
echo "# $((n - failed - todo_diff)) passed, $failed failed"
[[ $failed == 0 ]]
