#!/bin/sh
# kit-virt-modules.sh: virt-modules against the build tree and against
# deliberately broken modules (tests/modules fixtures, crash_module.c).
#   $1 virt-modules  $2 fixture folder  $3 crashing module  $4 hanging module
. "$SOURCE_ROOT/tests/kit/tap.sh"
VM=$1 FIX=$2 CRASH=$3 HANG=$4
TEST_SO=$(echo "$VIRT_MODULE_PATH" | tr ':' '\n' | while read -r d; do [ -f "$d/virt-module-test.so" ] && echo "$d/virt-module-test.so"; done | head -n1)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kit-vm.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

check "--version" sh -c "'$VM' --version | grep -q 'module ABI 2.0'"
check "--help" sh -c "'$VM' --help | grep -q validate"
check "an unknown command is a usage error" sh -c "'$VM' frobnicate; test \$? -eq 2"

out=$("$VM" list 2>&1)
contains "list shows the test module loading from the source manifests" "$out" "^test +ok +client +hypervisor,network[a-z,]* +test +$SOURCE_ROOT/modules.d\$"
out=$("$VM" show test 2>&1)
contains "show prints the descriptor" "$out" "^descriptor: +name test, version [^,]+, ABI 2.0"
contains "show counts the implemented functions" "$out" "^hypervisor +[0-9]+ of [0-9]+ public functions"
check "show of an unknown module fails" sh -c "! '$VM' show nosuchmodule"

# Validate: the good module, and every class of problem.
check "validate accepts the test module" "$VM" validate "$TEST_SO" "$SOURCE_ROOT/modules.d/test.json"
check "validate finds the test module's manifest by itself" "$VM" validate "$TEST_SO"
manifest() { # NAME LIBRARY SCHEME ROLES...
    name=$1 lib=$2 scheme=$3; shift 3
    roles=$(printf '"%s",' "$@"); roles=${roles%,}
    printf '{"module": "%s", "library": "%s", "abi": "2.0", "schemes": ["%s"], "roles": [%s], "runs": "client", "summary": "fixture"}\n' \
        "$name" "$lib" "$scheme" "$roles" > "$WORK/$name.json"
}
expect_problem() { # DESCRIPTION PATTERN VALIDATE-ARGS...
    desc=$1 pat=$2; shift 2
    out=$("$VM" validate "$@" 2>&1); rc=$?
    if [ $rc -eq 1 ] && printf '%s\n' "$out" | grep -Eq -- "$pat"; then ok "$desc"
    else not_ok "$desc (exit $rc)"; printf '%s\n' "$out" | sed 's/^/# /'; fi
}
for v in fixgood fixold fixnamediff fixschemediff fixrolediff fixabimajor fixabiminor fixbadtable fixshortdesc fixnoentry fixnotable fixprobeno; do
    manifest $v virt-fixture-$v.so $v hypervisor network
done
check "validate accepts a good fixture" "$VM" validate "$FIX/virt-fixture-fixgood.so" "$WORK/fixgood.json"
out=$("$VM" validate "$FIX/virt-fixture-fixold.so" "$WORK/fixold.json" 2>&1)
contains "an older, shorter table is valid and noted" "$out" "note: the hypervisor table has 2 slots"
expect_problem "name mismatch" "calls itself 'somebody-else', manifest says 'fixnamediff'" "$FIX/virt-fixture-fixnamediff.so" "$WORK/fixnamediff.json"
expect_problem "scheme mismatch, both ways" "claims scheme 'elsewhere', the manifest does not.*|the manifest claims scheme 'fixschemediff'" "$FIX/virt-fixture-fixschemediff.so" "$WORK/fixschemediff.json"
expect_problem "role mismatch" "fills roles \[network\], the manifest says \[hypervisor,network\]" "$FIX/virt-fixture-fixrolediff.so" "$WORK/fixrolediff.json"
expect_problem "ABI major" "module ABI 3.0 cannot load" "$FIX/virt-fixture-fixabimajor.so" "$WORK/fixabimajor.json"
expect_problem "ABI minor newer than the core" "module ABI 2.1 cannot load" "$FIX/virt-fixture-fixabiminor.so" "$WORK/fixabiminor.json"
expect_problem "table size" "hypervisor table says it is 11 bytes" "$FIX/virt-fixture-fixbadtable.so" "$WORK/fixbadtable.json"
expect_problem "short descriptor" "descriptor is [0-9]+ bytes, this core needs at least" "$FIX/virt-fixture-fixshortdesc.so" "$WORK/fixshortdesc.json"
expect_problem "no entry symbol" "exports no entry symbol 'virt_module_entry'" "$FIX/virt-fixture-fixnoentry.so" "$WORK/fixnoentry.json"
expect_problem "role without a table" "fills the hypervisor role but has no hypervisor table" "$FIX/virt-fixture-fixnotable.so" "$WORK/fixnotable.json"
manifest fixprobeno virt-fixture-fixgood.so fixgood hypervisor network
expect_problem "manifest names another library" "names library 'virt-fixture-fixgood.so', not 'virt-fixture-fixprobeno.so'" "$FIX/virt-fixture-fixprobeno.so" "$WORK/fixprobeno.json"
printf '{"module": "x", "library": "x.so"}\n' > "$WORK/bad.json"
expect_problem "invalid manifest" "bad.json" "$FIX/virt-fixture-fixgood.so" "$WORK/bad.json"
manifest crash kit-crash-module.so crash hypervisor
expect_problem "a crashing module is a problem, not a crash of the tool" "crashed while loading \(signal 11" "$CRASH" "$WORK/crash.json"
manifest hang kit-hang-module.so hang hypervisor
export VIRT_MODULES_PROBE_TIMEOUT=1
expect_problem "a module that hangs while loading is a problem" "did not finish loading within 1 s" "$HANG" "$WORK/hang.json"
unset VIRT_MODULES_PROBE_TIMEOUT
expect_problem "a missing file" "cannot read" "$WORK/nothere.so" "$WORK/fixgood.json"
check "validate without arguments is a usage error" sh -c "'$VM' validate; test \$? -eq 2"

# Matrix: text, JSON, HTML; a slot past the end of an old table is
# "not implemented" even though memory there is not NULL.
mkdir -p "$WORK/m.d"
cp "$WORK/fixold.json" "$WORK/fixgood.json" "$WORK/m.d/"
cp "$SOURCE_ROOT/modules.d/test.json" "$WORK/m.d/"
manifest ghost virt-module-ghost.so ghost hypervisor
cp "$WORK/ghost.json" "$WORK/m.d/"
export VIRT_MODULE_MANIFESTS=$WORK/m.d VIRT_MODULE_PATH=$FIX:$VIRT_MODULE_PATH
out=$("$VM" matrix 2>&1)
contains "text matrix has a column per module" "$out" "^FUNCTION +SINCE +fixgood +fixold +test *\$"
contains "text matrix: implemented and past-the-end slots" "$out" "^virConnectGetType +0.0.3 +yes +yes +yes *\$"
contains "text matrix: a slot past an old table's end is not implemented" "$out" "^virConnectGetHostname +[0-9.]+ +yes +- +yes *\$"
contains "text matrix names modules left out" "$out" "left out: module ghost"
out=$("$VM" matrix --json 2>&1)
check "JSON matrix" python3 -c '
import json, sys
m = json.loads(sys.argv[1])
rows = {f["name"]: f for f in m["functions"]}
assert rows["virConnectGetType"]["modules"] == {"fixgood": True, "fixold": True, "test": True}, rows["virConnectGetType"]
assert rows["virDomainLookupByID"]["modules"]["fixold"] is False
assert rows["virNetworkLookupByName"]["role"] == "network"
assert [x["usable"] for x in m["modules"]] == [True, True, False, True]
assert "not installed" in m["modules"][2]["error"]
' "$out"
out=$("$VM" matrix --html test 2>&1)
contains "HTML matrix" "$out" '<tr><td><code>virDomainSuspend</code></td><td>0.0.3</td><td class="yes">yes</td></tr>'
# The parity columns: a table's reference (NO_SUPPORT in libvirt is "-"),
# and the todo file's verdicts.
printf '# c\n[one] test:///default\nvirConnectGetType\tok\nvirDomainSuspend\terr 3 20 no\n[two] x\nvirConnectGetType\terr 3 20 no\n' > "$WORK/par.txt"
printf 'one\tvirDomainSuspend\tbecause\n' > "$WORK/todo.txt"
out=$("$VM" matrix --parity "$WORK/par.txt" --todo "$WORK/todo.txt" test 2>&1)
contains "parity: the first section's reference and a verdict" "$out" "^virConnectGetType +0.0.3 +yes +yes +agrees\$"
contains "parity: the todo reason" "$out" "^virDomainSuspend +0.0.3 +yes +- +because\$"
contains "parity: a function the table lacks" "$out" "^virDomainResume +0.0.3 +yes +\\? +not in table\$"
out=$("$VM" matrix --parity "$WORK/par.txt:two" test 2>&1)
contains "parity: a section by name" "$out" "^virConnectGetType +0.0.3 +yes +- *\$"
check "parity: an unknown section fails" sh -c "! '$VM' matrix --parity '$WORK/par.txt:three' test"
check "parity: --todo alone is a usage error" sh -c "'$VM' matrix --todo '$WORK/todo.txt'; test \$? -eq 2"
out=$("$VM" matrix --json --parity "$WORK/par.txt" --todo "$WORK/todo.txt" test 2>&1)
check "parity in JSON" python3 -c '
import json, sys
rows = {f["name"]: f for f in json.loads(sys.argv[1])["functions"]}
assert rows["virDomainSuspend"]["libvirt_test"] is False and rows["virDomainSuspend"]["parity"] == "because"
assert rows["virConnectGetType"]["libvirt_test"] is True and rows["virConnectGetType"]["parity"] == "agrees"
' "$out"
out=$("$VM" list 2>&1)
contains "list marks a manifest whose library is missing" "$out" "^ghost +MISSING "
contains "list says which library is missing" "$out" "library virt-module-ghost.so is not installed"
printf '{"module": 3}\n' > "$WORK/m.d/broken.json"
out=$("$VM" list 2>&1)
contains "list marks a broken manifest" "$out" "^broken +BROKEN "
finish
