"""test_storage_virtinstall.py: Debian's virt-install on qemu:///session of our
libvirtd, as a new user runs it (--import --disk size=1): it makes the
'default' dir pool at $XDG_DATA_HOME/libvirt/images, autostarted, and
allocates its qcow2 volume there. Booting the guest is the qemu module's
part: when it does not boot, virt-install removes the volume again and
nothing may be left in the pool. Any guest started is destroyed."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import storagetest as st  # noqa: E402


def main():
    tap = st.TAP()
    if not os.path.exists("/usr/bin/virt-install"):
        print("1..0 # SKIP Debian's virt-install is not installed")
        return 0
    root = st.make_root("virt-stor-vi-")
    ours = st.OurDaemon(root)
    uri = ours.uri
    try:
        if not tap.ok(ours.start(), "our libvirtd starts", ours.logtext()):
            return tap.done()
        env = st.daemontest.oracle_env()
        env.update(HOME=ours.home)
        env.pop("XDG_DATA_HOME", None)
        # a kernel that need not exist: the storage steps come first
        kernel = os.path.join(root, "vmlinuz")
        open(kernel, "wb").close()
        cmd = ["virt-install", "--connect", uri, "--name", "vi1", "--memory", "128", "--virt-type", "qemu",
               "--import", "--disk", "size=1", "--network", "none", "--osinfo", "detect=on,require=off",
               "--graphics", "none", "--noautoconsole", "--boot", "kernel=" + kernel]
        r = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=150)
        tap.ok("Allocating 'vi1.qcow2'" in r.stdout, "virt-install allocates its disk", r.stdout + r.stderr)
        images = os.path.join(ours.home, ".local", "share", "libvirt", "images")
        rc, out, err = st.virsh(uri, "pool-dumpxml", "default")
        tap.ok(rc == 0 and "<path>%s</path>" % images in out,
               "the 'default' pool it made is at $XDG_DATA_HOME/libvirt/images", out + err)
        rc, out, err = st.virsh(uri, "pool-list", "--all")
        words = out.split()
        tap.ok("default" in words and words[words.index("default") + 1:words.index("default") + 3] ==
               ["active", "yes"], "it runs and starts with the daemon", out + err)
        rc, out, err = st.virsh(uri, "vol-list", "default")
        if r.returncode == 0:
            rc2, xml, err2 = st.virsh(uri, "vol-dumpxml", "--pool", "default", "vi1.qcow2")
            tap.ok("<format type='qcow2'/>" in xml and "<capacity unit='bytes'>1073741824</capacity>" in xml,
                   "the guest's disk is a 1 GiB qcow2 volume of the pool", xml + err2)
        else:
            why = [line.strip() for line in r.stderr.splitlines() if "ERROR" in line] or ["?"]
            tap.ok("vi1.qcow2" not in out and os.listdir(images) == [],
                   "the guest did not start (%s): its volume went, nothing is left" % why[0], out + err)
    finally:
        st.virsh(uri, "destroy", "vi1")
        st.virsh(uri, "undefine", "vi1")
        ours.stop()
        tap.ok(ours.sanitizer_clean(), "no sanitizer report from our daemon", ours.logtext())
        st.remove_root(root)
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
