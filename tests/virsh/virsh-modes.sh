#!/bin/bash
# TAP test of virsh's modes: read-only refusal, -q, -t, -v, -l, several
# words as one command, a script on stdin, the default URI variables, the
# connect command, and the interactive shell through a pty.
here=$(cd "$(dirname "$0")" && pwd)
VIRSH=${VIRSH:-$BUILD_ROOT/tools/virsh/virsh}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
n=0
failed=0

# check DESC EXPECTED_RC OUT_PATTERN ERR_PATTERN -- COMMAND...
check() {
    local desc=$1 rc=$2 outp=$3 errp=$4
    shift 5
    "$@" >"$T/out" 2>"$T/err"
    local got=$?
    local out err
    out=$(cat "$T/out"; echo x); out=${out%x}
    err=$(cat "$T/err"; echo x); err=${err%x}
    n=$((n + 1))
    if [[ $got == "$rc" && $out == $outp && $err == $errp ]]; then
        echo "ok $n - $desc"
    else
        echo "not ok $n - $desc"
        failed=$((failed + 1))
        echo "# rc=$got (want $rc)"
        printf '%s' "$out" | sed 's/^/# out: /'
        printf '%s' "$err" | sed 's/^/# err: /'
    fi
}

D=test:///default
check "read-only connection refuses suspend" 1 $'\n' \
    $'error: Failed to suspend domain \'test\'\nerror: operation forbidden: *\n' -- \
    "$VIRSH" -r -c $D suspend test
check "read-only connection still reads" 0 $'running\n\n' '' -- "$VIRSH" -r -c $D domstate test
check "connect --readonly switches the connection" 0 \
    $'\n\ntest:///default\n\n' \
    $'error: Failed to suspend domain \'test\'\nerror: operation forbidden: *\n' -- \
    "$VIRSH" -c $D 'connect test:///default --readonly; suspend test; uri'
check "-q drops the blank line" 0 $'running\n' '' -- "$VIRSH" -q -c $D domstate test
check "-q hides table titles" 0 $' 1   test   running\n' '' -- "$VIRSH" -q -c $D list
check "-q -t still times" 0 $'test:///default\n\n(Time: *ms)\n\n' '' -- "$VIRSH" -q -t -c $D uri
check "echo adds no newline of its own" 0 'a b' '' -- "$VIRSH" -q 'echo a b'
check "help needs no connection" 0 $'Grouped commands:\n*' '' -- \
    env -u VIRSH_DEFAULT_CONNECT_URI LIBVIRT_DEFAULT_URI=nosuch:///x "$VIRSH" help
check "a failed connection ends only its command" 0 $'hi\n\nho\n' \
    $'error: failed to connect to the hypervisor\nerror: *\n' -- \
    env -u VIRSH_DEFAULT_CONNECT_URI LIBVIRT_DEFAULT_URI=nosuch:///x "$VIRSH" 'echo hi; list; echo ho'
check "-e refuses a long escape" 1 '' $'error: Invalid string \'xx\' for escape sequence\n' -- \
    "$VIRSH" -e xx -c $D uri
check "-e takes ^ and a letter" 0 $'test:///default\n\n' '' -- "$VIRSH" -e '^a' -c $D uri
check "-t prints timing" 0 $'running\n\n(Time: *ms)\n\n' '' -- "$VIRSH" -t -c $D domstate test
check "-v prints the version" 0 $'9.0.0\n' '' -- "$VIRSH" -v
check "--help lists commands" 0 '*Domain Management*list*net-list*' '' -- "$VIRSH" --help
check "separate words form one command" 0 $'running\n\n' '' -- "$VIRSH" -c $D domstate test
check "separate words are not split at ;" 1 '' $'error: unexpected data \'domid\'\n' -- \
    "$VIRSH" -c $D domstate 'test;' domid test
check "VIRSH_DEFAULT_CONNECT_URI" 0 $'test:///default\n\n' '' -- \
    env VIRSH_DEFAULT_CONNECT_URI=$D "$VIRSH" uri
check "LIBVIRT_DEFAULT_URI" 0 $'test:///default\n\n' '' -- \
    env -u VIRSH_DEFAULT_CONNECT_URI LIBVIRT_DEFAULT_URI=$D "$VIRSH" uri
check "-c wins over VIRSH_DEFAULT_CONNECT_URI" 0 $'test:///default\n\n' '' -- \
    env VIRSH_DEFAULT_CONNECT_URI=nosuch:///x "$VIRSH" -c $D uri
check "unknown URI scheme fails" 1 '' $'error: failed to connect to the hypervisor\nerror: *\n' -- \
    "$VIRSH" -c nosuch:///x list
printf 'domstate test\nlist\ndomstate foo\n' >"$T/script"
check "script on stdin" 0 \
    $'Welcome to virsh, the virtualization interactive terminal.\n\nType:  \'help\' for help with commands\n       \'quit\' to quit\n\nvirsh # domstate test\nrunning\n\nvirsh # list\n Id   Name   State\n----------------------\n 1    test   running\n\nvirsh # domstate foo\n\nvirsh # \n' \
    $'error: failed to get domain \'foo\'\n' -- \
    bash -c '"$0" -c test:///default <"$1"' "$VIRSH" "$T/script"
printf 'uri\nquit\nuri\n' >"$T/script"
check "quit ends a quiet script" 0 $'virsh # uri\ntest:///default\nvirsh # quit\n' '' -- \
    bash -c '"$0" -q -c test:///default <"$1"' "$VIRSH" "$T/script"
check "-l writes a log file" 1 $'\n' $'error: failed to get domain \'foo\'\n' -- \
    "$VIRSH" -l "$T/log" -c $D domstate foo
n=$((n + 1))
if grep -q "failed to get domain 'foo'" "$T/log" 2>/dev/null; then
    echo "ok $n - log file holds the error"
else
    echo "not ok $n - log file holds the error"; failed=$((failed + 1))
fi

# The interactive shell: completion of commands, domains, networks, options.
python3 "$here/pty-shell.py" "$VIRSH" $D >"$T/pty" 2>&1
for want in "virsh # dominfo test" "running" "virsh # net-info default" \
            "Bridge:         virbr0" "virsh # list --all" " 1    test   running" \
            "test:///default" "EXIT 0"; do
    n=$((n + 1))
    if grep -qF -- "$want" "$T/pty"; then
        echo "ok $n - interactive shell shows '$want'"
    else
        echo "not ok $n - interactive shell shows '$want'"
        failed=$((failed + 1))
        sed 's/^/# pty: /' "$T/pty"
    fi
done

echo "1..$n"
echo "# $((n - failed)) passed, $failed failed"
[[ $failed == 0 ]]
