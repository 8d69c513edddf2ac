#!/bin/sh
# test-man.sh: the manual pages are installed, man finds them by name in
# the installed tree, and man -l renders each without a troff warning,
# with this build's paths filled in.
. "$SOURCE_ROOT/tests/kit/tap.sh"
kit_install
MAN_DIR=$(find "$STAGE" -type d -name man -path '*/share/man' | head -n1)
export LC_ALL=C.UTF-8 MANWIDTH=80 MANPAGER=cat PAGER=cat
for page in virsh.1 virt-modules.1 virt-xml-validate.1 libvirtd.8 libvirtd.conf.5 mkvirt-module.7; do
    file=$MAN_DIR/man${page##*.}/$page
    check "$page is installed" test -f "$file"
    out=$(man --warnings -l "$file" 2>&1 >/dev/null)
    if [ -z "$out" ]; then ok "man -l $page renders without warnings"; else not_ok "man -l $page renders without warnings"; printf '%s\n' "$out" | sed 's/^/# /'; fi
    text=$(man -l "$file" 2>/dev/null)
    contains "$page has NAME, DESCRIPTION and SEE ALSO" "$text" "^DESCRIPTION"
    contains "$page names itself" "$text" "^ +${page%.*} +\\\\?-|^ +${page%.*} -"
    if printf '%s\n' "$text" | grep -q '@[A-Z]*@'; then not_ok "$page has every path filled in"; else ok "$page has every path filled in"; fi
done
out=$(MANPATH=$MAN_DIR man virsh 2>&1)
contains "man virsh finds the installed page" "$out" "^VIRSH\\(1\\)"
out=$(MANPATH=$MAN_DIR man 5 libvirtd.conf 2>&1)
contains "man 5 libvirtd.conf finds the installed page" "$out" "^LIBVIRTD.CONF\\(5\\)"
sysconf=$(pkg-config --variable=sysconfdir mkvirt-module 2>/dev/null)
out=$(man -l "$MAN_DIR/man8/libvirtd.8" 2>&1)
contains "libvirtd(8) names this build's configuration file" "$out" "${sysconf#$STAGE}/libvirt/libvirtd.conf"
finish
