"""test_storage_full.py: a dir pool on a full file system. Our libvirtd runs
in a mount namespace of its own (unshare), where the pool folder is a
4 MiB tmpfs; the namespace, and the tmpfs with it, end with the daemon.
Volumes that do not fit fail with the system's reason and leave nothing
behind, as the pool seen from the daemon shows after a rescan."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import storagetest as st  # noqa: E402


def main():
    tap = st.TAP()
    if os.geteuid() != 0 or subprocess.run(["unshare", "--mount", "true"], capture_output=True).returncode:
        print("1..0 # SKIP needs root and mount namespaces (unshare --mount)")
        return 0
    root = st.make_root("virt-stor-full-")
    pooldir = os.path.join(root, "small")
    os.makedirs(pooldir)
    wrap = ["unshare", "--mount", "--propagation", "private", "sh", "-c",
            "mount -t tmpfs -o size=4m tmpfs '%s' && exec \"$@\"" % pooldir, "sh"]
    ours = st.OurDaemon(root, wrap=wrap)
    try:
        if not tap.ok(ours.start(), "our libvirtd starts in its own mount namespace", ours.logtext()):
            return tap.done()
        uri = ours.uri
        rc, out, err = st.virsh(uri, "pool-create-as", "small", "dir", "--target", pooldir)
        tap.ok(rc == 0, "a dir pool on the 4 MiB tmpfs", err)
        rc, out, err = st.virsh(uri, "pool-info", "--bytes", "small")
        tap.ok(rc == 0 and "Capacity:       4194304" in out, "pool-info gives the tmpfs's size", out + err)
        rc, out, err = st.virsh(uri, "vol-create-as", "small", "big", "16M")
        tap.ok(rc != 0 and "No space left on device" in err, "a raw volume too big fails with ENOSPC", err)
        rc, out, err = st.virsh(uri, "vol-create-as", "small", "bigq", "16M", "--format", "qcow2",
                                "--prealloc-metadata")
        tap.ok(rc != 0 and "qemu-img" in err, "a preallocated qcow2 too big fails with qemu-img's reason", err)
        rc, out, err = st.virsh(uri, "vol-create-as", "small", "fits", "1536K")
        tap.ok(rc == 0, "a volume that fits is made", err)
        rc, out, err = st.virsh(uri, "vol-clone", "--pool", "small", "fits", "fits2")
        tap.ok(rc == 0, "and one clone of it", err)
        rc, out, err = st.virsh(uri, "vol-clone", "--pool", "small", "fits", "fits3")
        tap.ok(rc != 0 and "No space left on device" in err, "a second clone fails once the space is gone", err)
        rc, out, err = st.virsh(uri, "pool-refresh", "small")
        rc, out, err = st.virsh(uri, "vol-list", "small")
        names = sorted(line.split()[0] for line in out.strip().splitlines()[2:])
        tap.ok(names == ["fits", "fits2"], "after a rescan only the volumes made are there", out + err)
    finally:
        ours.stop()
        tap.ok(ours.sanitizer_clean(), "no sanitizer report from our daemon", ours.logtext())
        st.remove_root(root)
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
