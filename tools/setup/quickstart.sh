#!/usr/bin/env bash
# quickstart.sh: install what is missing, build, and run the main job:
# virsh on the built-in test:///default host, listing domains and node info.
set -euo pipefail
cd "$(dirname "$0")/../.."

bash tools/setup/deps.sh
[ -d build ] || meson setup build --prefix=/usr
ninja -C build
meson devenv -C build virsh -c test:///default list --all
meson devenv -C build virsh -c test:///default nodeinfo
