#!/usr/bin/env bash
# deps.sh: install the Debian 12 packages needed to build and test.
# Safe to run again: apt-get skips what is already there.
set -euo pipefail

packages=(
  # build
  meson ninja-build pkg-config gcc python3
  libxml2-dev libjansson-dev libltdl-dev libreadline-dev libgnutls28-dev
  libnl-3-dev libnl-route-3-dev
  # SASL authentication (libvirtd, the remote module) and, for the tests,
  # saslpasswd2 and the digest-md5/scram/plain mechanisms
  libsasl2-dev sasl2-bin libsasl2-modules
  # the network module: its firewall tables (libnftables), its DHCP/DNS
  # server, and nft for the tests to look at the tables
  libnftables-dev dnsmasq-base nftables
  # Debian's libvirtd 9.0 writes its network rules with iptables (the
  # oracle of tests/network)
  iptables
  # tests and checks
  libxml2-utils valgrind util-linux abigail-tools gnutls-bin
  openssh-server openssh-client netcat-openbsd iproute2 iputils-ping procps
  qemu-system-x86 cpio
  # libFuzzer targets (tests/fuzz, tools/setup/fuzz-smoke.sh)
  clang libclang-rt-14-dev
  # reference libvirt: headers for the ABI test, library, virsh and daemon
  # as oracles and interop peers, and the python binding run on our library
  libvirt-dev libvirt0 libvirt-clients libvirt-daemon python3-libvirt
  # virt-install writes the domain documents of tests/xml/corpus
  # (tests/xml/corpus/make-virtinst.sh; the tests themselves do not run it)
  virtinst
  # Perl binding, run on our library (tests/perl)
  libsys-virt-perl
  # a Go application built with Debian's binding runs on our three libraries
  golang-go golang-github-libvirt-libvirt-go-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
