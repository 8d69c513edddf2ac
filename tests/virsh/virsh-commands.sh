#!/bin/bash
# TAP test of virsh commands: runs each case of cases.txt through the
# virsh binary and compares stdout, stderr and exit status.
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

echo "1..$n"
echo "# $((n - failed)) passed, $failed failed"
[[ $failed == 0 ]]
