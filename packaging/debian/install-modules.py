#!/usr/bin/env python3
"""install-modules.py: share the built modules out among the packages,
from their manifests (run from the top of the source tree, after
dh_auto_install).

Every module NAME goes to package mkvirt-module-NAME, which must have a
stanza in debian/control. Its library always goes there. Its manifest goes
there too when the module runs in the client (both are needed where the
application runs), and to libmkvirt0 when it runs in libvirtd: a
client-only system then routes the module's URIs to a daemon."""
import glob
import json
import os
import re
import shutil
import sys

STAGE = "debian/tmp"


def move(src, package):
    rel = os.path.relpath(src, STAGE)
    dest = os.path.join("debian", package, rel)
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    shutil.move(src, dest)


def main():
    control = open("debian/control").read()
    packages = set(re.findall(r"^Package:\s*(\S+)", control, re.M))
    manifests = sorted(glob.glob(STAGE + "/usr/share/mkvirt/modules.d/*.json"))
    if not manifests:
        sys.exit("install-modules: no manifests under %s/usr/share/mkvirt/modules.d" % STAGE)
    missing = []
    for path in manifests:
        m = json.load(open(path))
        name = m["module"]
        package = "mkvirt-module-" + name
        if package not in packages:
            missing.append(package)
            continue
        libs = glob.glob(STAGE + "/usr/lib/*/mkvirt/modules/" + m["library"])
        if len(libs) != 1:
            sys.exit("install-modules: module %s: %s not found under %s" % (name, m["library"], STAGE))
        move(libs[0], package)
        move(path, "libmkvirt0" if m.get("runs") == "daemon" else package)
        print("install-modules: %s: library to %s, manifest to %s"
              % (name, package, "libmkvirt0" if m.get("runs") == "daemon" else package))
    if missing:
        sys.exit("install-modules: modules were built without a package: add a stanza for %s to "
                 "packaging/debian/control" % ", ".join(missing))


if __name__ == "__main__":
    main()
