"""test_storage_logical.py: a logical pool of our libvirtd on a volume group
the test makes on a loop device of its own: build (pvcreate, vgcreate),
start, sizes from vgs, the definition libvirt fills in, volumes where the
kernel has device-mapper (otherwise lvcreate's error reaches the client),
stop, delete (vgremove, pvremove), and the lvm2 tools missing. The loop
device, the volume group and the files go away even on failure."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import storagetest as st  # noqa: E402


def run(*args):
    r = subprocess.run(list(args), capture_output=True, text=True,
                       env=dict(os.environ, LVM_SUPPRESS_FD_WARNINGS="1"))
    return r.returncode, r.stdout, r.stderr


def have_device_mapper():
    return run("dmsetup", "version")[0] == 0


def main():
    tap = st.TAP()
    if os.geteuid() != 0 or run("which", "losetup")[0] or run("which", "vgcreate")[0]:
        print("1..0 # SKIP needs root, losetup and the lvm2 tools")
        return 0
    root = st.make_root("virt-stor-lvm-")
    image = os.path.join(root, "disk.img")
    vg = "mkvirtstor%d" % os.getpid()
    loop = None
    ours = st.OurDaemon(os.path.join(root, "d"))
    bare = None
    try:
        with open(image, "wb") as f:
            f.truncate(64 << 20)
        rc, out, err = run("losetup", "-f", "--show", image)
        if rc != 0:
            print("1..0 # SKIP no loop device: %s" % err.strip())
            return 0
        loop = out.strip()
        if not tap.ok(ours.start(), "our libvirtd starts", ours.logtext()):
            return tap.done()
        uri = ours.uri
        doc = os.path.join(root, "pool.xml")
        with open(doc, "w") as f:
            f.write("<pool type='logical'><name>lvpool</name><source><device path='%s'/>"
                    "<name>%s</name></source></pool>" % (loop, vg))
        rc, out, err = st.virsh(uri, "pool-define", doc)
        tap.ok(rc == 0, "pool-define of a logical pool", err)
        rc, out, err = st.virsh(uri, "pool-dumpxml", "--inactive", "lvpool")
        tap.ok("<format type='lvm2'/>" in out and "<path>/dev/%s</path>" % vg in out and
               "<device path='%s'/>" % loop in out,
               "the definition gets libvirt's lvm2 format and /dev/VG target", out + err)
        rc, out, err = st.virsh(uri, "pool-build", "lvpool")
        tap.ok(rc == 0 and run("vgs", vg)[0] == 0, "pool-build makes the volume group on the loop device", err)
        rc, out, err = st.virsh(uri, "find-storage-pool-sources", "logical")
        tap.ok(rc == 0 and "<device path='%s'/>\n    <name>%s</name>\n    <format type='lvm2'/>" % (loop, vg) in out,
               "find-storage-pool-sources logical finds the group and its device", out + err)
        rc, out, err = st.virsh(uri, "find-storage-pool-sources", "dir")
        tap.ok(rc != 0 and "pool type 'dir' does not support source discovery" in err,
               "a dir pool has no sources to find", err)
        rc, out, err = st.virsh(uri, "pool-start", "lvpool")
        tap.ok(rc == 0, "pool-start activates it", err)
        rc, out, err = st.virsh(uri, "pool-info", "--bytes", "lvpool")
        _, vgsize, _ = run("vgs", "--noheadings", "--units", "b", "--nosuffix", "-o", "vg_size", vg)
        tap.ok(rc == 0 and "running" in out and vgsize.strip() and
               ("Capacity:       %s" % vgsize.strip()) in out, "pool-info gives the group's size from vgs",
               out + err + vgsize)
        rc, out, err = st.virsh(uri, "pool-list", "--all", "--type", "logical", "--name")
        tap.ok(rc == 0 and out.split() == ["lvpool"], "pool-list --type logical lists it", out + err)
        rc, out, err = st.virsh(uri, "vol-create-as", "lvpool", "lv1", "8M")
        if have_device_mapper():
            _, lvs, _ = run("lvs", "--noheadings", "-o", "lv_name", vg)
            tap.ok(rc == 0 and "lv1" in lvs, "vol-create-as makes a logical volume", err)
            rc, out, err = st.virsh(uri, "vol-list", "lvpool")
            tap.ok(rc == 0 and "/dev/%s/lv1" % vg in out, "vol-list shows it under /dev/VG", out + err)
            rc, out, err = st.virsh(uri, "vol-delete", "--pool", "lvpool", "lv1")
            tap.ok(rc == 0, "vol-delete removes it", err)
        else:
            # this kernel has no device-mapper: no logical volume can exist
            tap.ok(rc != 0 and "lvcreate" in err, "without device-mapper lvcreate's failure is the error", err)
            rc, out, err = st.virsh(uri, "vol-list", "lvpool")
            tap.ok(rc == 0 and len(out.strip().splitlines()) == 2, "and no volume is listed", out + err)
        rc, out, err = st.virsh(uri, "pool-destroy", "lvpool")
        tap.ok(rc == 0, "pool-destroy deactivates the group", err)
        rc, out, err = st.virsh(uri, "pool-delete", "lvpool")
        tap.ok(rc == 0 and run("vgs", vg)[0] != 0 and run("pvs", loop)[0] != 0,
               "pool-delete removes the volume group and the physical volume", err)
        rc, out, err = st.virsh(uri, "pool-undefine", "lvpool")
        tap.ok(rc == 0, "pool-undefine", err)
        ours.stop()

        bare = st.OurDaemon(os.path.join(root, "bare"), env_extra={"PATH": os.path.join(root, "nobin")})
        if tap.ok(bare.start(), "our libvirtd starts without the lvm2 tools on its PATH", bare.logtext()):
            rc, out, err = st.virsh(bare.uri, "pool-define", doc)
            rc, out, err = st.virsh(bare.uri, "pool-start", "lvpool")
            tap.ok(rc != 0 and "Cannot find 'vgchange' in path" in err, "pool-start names the missing tool", err)
            rc, out, err = st.virsh(bare.uri, "pool-list", "--all")
            tap.ok(rc == 0 and "inactive" in out, "and the pool stays inactive", out + err)
    finally:
        ours.stop()
        tap.ok(ours.sanitizer_clean(), "no sanitizer report from our daemon", ours.logtext())
        if bare:
            bare.stop()
            tap.ok(bare.sanitizer_clean(), "no sanitizer report from the daemon without lvm2", bare.logtext())
        run("vgremove", "-f", vg)
        if loop:
            run("pvremove", "-ff", "-y", loop)
            run("losetup", "-d", loop)
        st.remove_root(root)
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
