#!/bin/bash
# test-doc-staged.sh: runs the staged-install block of docs/module-authors.md
# (the ```sh block after the "staged-install" marker) as a reader would,
# from a clean environment at the top of a copy of the source tree, with
# its /tmp/mkvirt-* folders moved into a temporary one. To stay quick the
# build leaves out what the block does not use (every module but test,
# the daemon); every command of the block runs as written otherwise.
. "$SOURCE_ROOT/tests/kit/tap.sh"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/doc-staged.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
DOC=$SOURCE_ROOT/docs/module-authors.md
awk '/<!-- staged-install/ { m = 1; next } m && /^```sh/ { on = 1; next } on && /^```/ { exit } on' "$DOC" > "$WORK/block.sh"
check "the guide has a staged-install block" test -s "$WORK/block.sh"
check "it builds with --prefix=/usr" grep -q -- "--prefix=/usr" "$WORK/block.sh"
check "it installs into a DESTDIR" grep -q -- "--destdir" "$WORK/block.sh"
no_modules=$(sed -n "s/^option('\(module_[a-z0-9_]*\)'.*/-D\1=disabled/p" "$SOURCE_ROOT/meson_options.txt" | grep -v '^-Dmodule_test=' | tr '\n' ' ')
sed -i -e "s|/tmp/mkvirt-|$WORK/mkvirt-|g" \
       -e "s|-Dtests=disabled|-Dtests=disabled -Ddaemon=disabled $no_modules|" "$WORK/block.sh"
mkdir -p "$WORK/src"
(cd "$SOURCE_ROOT" && git ls-files -z --cached --others --exclude-standard | \
    xargs -0 tar cf - --no-recursion 2>/dev/null) | tar xf - -C "$WORK/src"
if out=$(cd "$WORK/src" && env -i HOME="$WORK" PATH=/usr/bin:/bin:/usr/sbin:/sbin bash -e -x "$WORK/block.sh" 2>&1); then
    ok "the block runs from a clean shell"
else
    not_ok "the block runs from a clean shell"; printf '%s\n' "$out" | tail -n 30 | sed 's/^/# /'
fi
contains "the demo module validates against the staged tools" "$out" "ok: module demo"
contains "virt-modules list finds it in the staged manifest folder" "$out" "^demo +ok +client .*/usr/share/mkvirt/modules.d$"
contains "virsh lists the demo domain through the staged library" "$out" "^ [0-9-]+ +demo"
check "the stage has /usr and /etc paths" test -f "$WORK/mkvirt-stage/usr/include/mkvirt/virt-module.h" -a -d "$WORK/mkvirt-stage/etc/mkvirt/modules.d"
finish
