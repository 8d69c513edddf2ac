#!/bin/bash
# test-completion.sh: the installed bash completion scripts, driven as
# bash drives them (COMP_WORDS, COMP_CWORD, then the function). virsh's
# hands the words to `virsh complete --`: a stand-in virsh records what
# it is asked; the real one is asked too once it has that command.
. "$SOURCE_ROOT/tests/kit/tap.sh"
kit_install
COMP=$(find "$STAGE" -type d -path '*/bash-completion/completions' | head -n1)
check "virsh's completion is installed" test -f "$COMP/virsh"
check "virt-modules' completion is installed" test -f "$COMP/virt-modules"

# complete_words SCRIPT WORD...: the candidates for the last word
complete_words() {
    script=$1; shift
    bash -c '
        . "$0"
        COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
        fn=$(complete -p "${0##*/}" | sed -n "s/.* -F \([^ ]*\) .*/\1/p")
        "$fn"
        printf "%s\n" "${COMPREPLY[@]}"' "$script" "$@"
}

fake=$STAGE/fake-virsh
printf '#!/bin/sh\nprintf "%%s\\n" "$*" > "%s"\nprintf "list\\nlistx\\nnet-list\\n"\n' "$fake.args" > "$fake"
chmod +x "$fake"
# (check sets $out: read the candidates before it runs)
words=$(complete_words "$COMP/virsh" "$fake" -c test:///default -r li)
check "virsh's completion asks virsh complete -- with the words after the global options" \
    test "$(cat "$fake.args")" = "-c test:///default -r complete -- li"
contains "it offers what virsh answers that fits the word" "$words" "^listx$"
if printf '%s\n' "$words" | grep -q '^net-list$'; then not_ok "it leaves out what does not fit"; else ok "it leaves out what does not fit"; fi
complete_words "$COMP/virsh" "$fake" --connect=test:///default dominfo "" >/dev/null
check "--connect=URI and the command's own words are passed on" \
    test "$(cat "$fake.args")" = "-c test:///default complete -- dominfo "

out=$(complete_words "$COMP/virt-modules" "$BIN_DIR/virt-modules" "")
contains "virt-modules completes its commands" "$out" "^validate$"
out=$(complete_words "$COMP/virt-modules" "$BIN_DIR/virt-modules" show t)
contains "virt-modules show completes installed module names" "$out" "^test$"
out=$(complete_words "$COMP/virt-modules" "$BIN_DIR/virt-modules" matrix --j)
contains "virt-modules matrix completes its options" "$out" "^--json$"

# The real virshes: Debian's (the oracle, whose complete command the script
# is written for) and ours once it has that command; the same candidates
# from both. (Command names: a prefix whose commands both virshes have;
# which commands exist is tests/virsh/'s to compare.)
for case in "domj" "dominfo --domain " "net-dumpxml --n" "list --a"; do
    set -- $case
    [ "${case% }" != "$case" ] && set -- "$@" ""
    if [ -x /usr/bin/virsh ]; then
        want=$(LD_LIBRARY_PATH= complete_words "$COMP/virsh" /usr/bin/virsh -c test:///default "$@" | sort)
        case $case in
            domj) contains "with Debian's virsh, '$case' completes to domjobinfo" "$want" "^domjobinfo$" ;;
            "dominfo --domain ") contains "with Debian's virsh, '$case' completes a domain name" "$want" "^test$" ;;
        esac
    fi
    if "$BIN_DIR/virsh" help complete >/dev/null 2>&1; then
        got=$(complete_words "$COMP/virsh" "$BIN_DIR/virsh" -c test:///default "$@" | sort)
        if [ -z "$want" ] || [ "$got" = "$want" ]; then ok "our virsh completes '$case' as Debian's does"
        else not_ok "our virsh completes '$case' as Debian's does"; printf 'ours: %s\nDebian: %s\n' "$got" "$want" | sed 's/^/# /'; fi
    else
        ok "# SKIP our virsh has no complete command yet ('$case')"
    fi
done
finish
