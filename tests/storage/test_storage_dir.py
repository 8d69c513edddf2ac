"""test_storage_dir.py: dir pools of our libvirtd, checked on the files
themselves: raw and qcow2 volumes, clones converted both ways with their
data kept, resize, wipe, bad XML refused with nothing left behind, the
definition, autostart and state files, pools coming back after a
restart and after kill -9, and a missing qemu-img giving libvirt's error."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import storagetest as st  # noqa: E402

MIB = 1 << 20


def qemu_img_info(path):
    import json
    r = subprocess.run(["qemu-img", "info", "--output=json", "-U", path], capture_output=True, text=True)
    return json.loads(r.stdout) if r.returncode == 0 else {}


def write_doc(root, name, text):
    path = os.path.join(root, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def main():
    tap = st.TAP()
    root = st.make_root("virt-stor-dir-")
    bare = st.make_root("virt-stor-bare-")
    ours = st.OurDaemon(root)
    noimg = None
    try:
        if not tap.ok(ours.start(), "our libvirtd starts", ours.logtext()):
            return tap.done()
        uri = ours.uri
        pooldir = os.path.join(root, "pool")
        cfg = os.path.join(ours.home, "cfg", "libvirt", "storage")
        state = os.path.join(ours.home, "run", "libvirt", "storage", "run")

        def v(*args):
            return st.virsh(uri, *args)

        rc, out, err = v("pool-define-as", "p1", "dir", "--target", pooldir)
        tap.ok(rc == 0 and os.path.isfile(os.path.join(cfg, "p1.xml")),
               "a defined pool is written to $XDG_CONFIG_HOME/libvirt/storage/p1.xml", err)
        tap.ok(not [f for f in os.listdir(cfg) if f.startswith(".")], "no temporary file left beside it")
        rc, out, err = v("pool-build", "p1")
        tap.ok(rc == 0 and oct(os.stat(pooldir).st_mode & 0o777) == "0o711", "pool-build makes the folder 0711", err)
        rc, out, err = v("pool-start", "p1")
        tap.ok(rc == 0 and os.path.isfile(os.path.join(state, "p1.xml")),
               "a started pool has its state file under $XDG_RUNTIME_DIR/libvirt/storage/run", err)
        rc, out, err = v("pool-autostart", "p1")
        link = os.path.join(cfg, "autostart", "p1.xml")
        tap.ok(rc == 0 and os.path.islink(link) and os.readlink(link) == os.path.join(cfg, "p1.xml"),
               "pool-autostart links autostart/p1.xml to the definition", err)

        # raw and qcow2 volumes
        rc, out, err = v("vol-create-as", "p1", "raw1", "10M")
        raw1 = os.path.join(pooldir, "raw1")
        s = os.stat(raw1) if os.path.exists(raw1) else None
        tap.ok(rc == 0 and s and s.st_size == 10 * MIB and s.st_blocks * 512 >= 10 * MIB and
               (s.st_mode & 0o777) == 0o600, "a raw volume is a fully allocated 10 MiB file, mode 0600", err)
        rc, out, err = v("vol-create-as", "p1", "q1", "16M", "--format", "qcow2")
        info = qemu_img_info(os.path.join(pooldir, "q1"))
        tap.ok(rc == 0 and info.get("format") == "qcow2" and info.get("virtual-size") == 16 * MIB,
               "a qcow2 volume is made by qemu-img with its virtual size", err + str(info))
        rc, out, err = v("vol-create-as", "p1", "q2", "16M", "--format", "qcow2", "--backing-vol", "q1",
                         "--backing-vol-format", "qcow2")
        info = qemu_img_info(os.path.join(pooldir, "q2"))
        tap.ok(rc == 0 and info.get("backing-filename") == os.path.join(pooldir, "q1"),
               "a qcow2 volume over a backing volume", err + str(info))
        rc, out, err = v("vol-dumpxml", "--pool", "p1", "q2")
        tap.ok(rc == 0 and "<backingStore>\n    <path>%s</path>\n    <format type='qcow2'/>" % os.path.join(pooldir, "q1")
               in out, "vol-dumpxml names the backing store and its format", out)

        # data kept through conversions
        with open(raw1, "r+b") as f:
            f.write(b"mkvirt" * 1000)
            f.seek(5 * MIB)
            f.write(b"\xff" * 4096)
        doc = write_doc(root, "toq.xml", "<volume><name>conv-q</name><capacity>10485760</capacity>"
                        "<target><format type='qcow2'/></target></volume>")
        rc, out, err = v("vol-create-from", "p1", doc, "raw1", "--inputpool", "p1")
        convq = os.path.join(pooldir, "conv-q")
        info = qemu_img_info(convq)
        same = subprocess.run(["qemu-img", "compare", "-U", raw1, convq], capture_output=True).returncode == 0
        tap.ok(rc == 0 and info.get("format") == "qcow2" and same,
               "vol-create-from converts raw to qcow2 with the data kept", err + str(info))
        doc = write_doc(root, "tor.xml", "<volume><name>conv-r</name><capacity>10485760</capacity>"
                        "<target><format type='raw'/></target></volume>")
        rc, out, err = v("vol-create-from", "p1", doc, "conv-q", "--inputpool", "p1")
        convr = os.path.join(pooldir, "conv-r")
        same = rc == 0 and subprocess.run(["cmp", raw1, convr], capture_output=True).returncode == 0
        tap.ok(same and qemu_img_info(convr).get("format") == "raw",
               "and back from qcow2 to raw, byte for byte", err)
        rc, out, err = v("vol-clone", "--pool", "p1", "raw1", "raw-copy")
        copy = os.path.join(pooldir, "raw-copy")
        tap.ok(rc == 0 and subprocess.run(["cmp", raw1, copy], capture_output=True).returncode == 0,
               "vol-clone of a raw volume copies it byte for byte", err)

        # resize
        rc, out, err = v("vol-resize", "--pool", "p1", "raw1", "20M")
        tap.ok(rc == 0 and os.stat(raw1).st_size == 20 * MIB, "vol-resize grows a raw file", err)
        rc, out, err = v("vol-resize", "--pool", "p1", "q1", "8M", "--shrink")
        tap.ok(rc == 0 and qemu_img_info(os.path.join(pooldir, "q1")).get("virtual-size") == 8 * MIB,
               "vol-resize --shrink shrinks a qcow2 image through qemu-img", err)
        rc, out, err = v("vol-resize", "--pool", "p1", "q1", "4M")
        tap.ok(rc != 0 and "unless shrink flag explicitly specified" in err,
               "shrinking without --shrink is refused", err)

        # wipe
        rc, out, err = v("vol-wipe", "--pool", "p1", "raw-copy")
        with open(copy, "rb") as f:
            data = f.read()
        tap.ok(rc == 0 and len(data) == 10 * MIB and data.count(0) == len(data),
               "vol-wipe leaves only zeros", err)
        rc, out, err = v("vol-wipe", "--pool", "p1", "raw-copy", "--algorithm", "trim")
        tap.ok(rc != 0 and "'trim' algorithm not supported" in err, "the trim algorithm is refused", err)

        # bad XML: refused, nothing left behind
        before = sorted(os.listdir(pooldir))
        for name, text, want in [
                ("badfmt.xml", "<volume><name>bad1</name><capacity>1024</capacity>"
                               "<target><format type='bogus'/></target></volume>", "unknown volume format type bogus"),
                ("nocap.xml", "<volume><name>bad2</name></volume>", "missing capacity element"),
                ("broken.xml", "<volume><name>bad3</name>", "Premature end of data"),
                ("slash.xml", "<volume><name>a/b</name><capacity>1024</capacity></volume>", "cannot contain '/'")]:
            rc, out, err = v("vol-create", "p1", write_doc(root, name, text))
            tap.ok(rc != 0 and want in err and sorted(os.listdir(pooldir)) == before,
                   "vol-create refuses %s and leaves no file" % name, err)
        rc, out, err = v("vol-create-as", "p1", "raw1", "1M")
        tap.ok(rc != 0 and "storage volume 'raw1' exists already" in err and os.stat(raw1).st_size == 20 * MIB,
               "a taken name is refused and the volume kept", err)
        cfg_before = sorted(os.listdir(cfg))
        rc, out, err = v("pool-define", write_doc(root, "nopath.xml", "<pool type='dir'><name>np</name></pool>"))
        tap.ok(rc != 0 and "missing storage pool target path" in err and sorted(os.listdir(cfg)) == cfg_before,
               "pool-define refuses a dir pool without target and writes nothing", err)
        rc, out, err = v("pool-create-as", "gone", "dir", "--target", os.path.join(root, "missing"))
        tap.ok(rc != 0 and "cannot open directory" in err and
               not os.path.exists(os.path.join(state, "gone.xml")),
               "pool-create-as on a missing folder fails and leaves no state", err)
        rc, out, err = v("pool-list", "--all", "--name")
        tap.ok(rc == 0 and out.split() == ["p1"], "and the failed pool is not listed", out)

        # restart: persistent, running, autostarted, transient pools come back
        v("pool-define-as", "p2", "dir", "--target", os.path.join(root, "p2"))
        v("pool-build", "p2")
        os.makedirs(os.path.join(root, "t1"))
        v("pool-create-as", "t1", "dir", "--target", os.path.join(root, "t1"))
        v("pool-define-as", "p3", "dir", "--target", os.path.join(root, "p3"))
        v("pool-build", "p3")
        v("pool-autostart", "p3")
        _, before_list, _ = v("pool-list", "--all")
        ours.stop()
        tap.ok(ours.start(), "our libvirtd starts again", ours.logtext())
        rc, out, err = v("pool-list", "--all")
        want = ["p1", "active", "yes", "p2", "inactive", "no", "p3", "active", "yes", "t1", "active", "no"]
        tap.ok(rc == 0 and out.split()[4:] == want,
               "after a restart: running pools still run, the autostarted one started, the transient one kept",
               "before:\n%s\nafter:\n%s%s" % (before_list, out, err))
        rc, out, err = v("vol-list", "p1")
        tap.ok(rc == 0 and all(n in out for n in ("raw1", "q1", "q2", "conv-q", "conv-r", "raw-copy")),
               "and its volumes are found again", out + err)
        ours.stop(kill=True)
        tap.ok(ours.start(), "our libvirtd starts after kill -9", ours.logtext())
        rc, out, err = v("pool-list", "--all")
        tap.ok(rc == 0 and out.split()[4:] == want, "the pools are as they were after kill -9", out + err)
        rc, out, err = v("vol-info", "--pool", "p1", "raw1")
        tap.ok(rc == 0 and "20.00 MiB" in out, "a volume's size is read back from its file", out + err)

        # undefining removes the files
        v("pool-destroy", "p3")
        rc, out, err = v("pool-undefine", "p3")
        tap.ok(rc == 0 and not os.path.exists(os.path.join(cfg, "p3.xml")) and
               not os.path.lexists(os.path.join(cfg, "autostart", "p3.xml")),
               "pool-undefine removes the definition and the autostart link", err)
        rc, out, err = v("pool-destroy", "t1")
        tap.ok(rc == 0 and not os.path.exists(os.path.join(state, "t1.xml")),
               "destroying a transient pool removes its state", err)
        ours.stop()

        # a daemon without qemu-img on its PATH
        noimg = st.OurDaemon(bare, env_extra={"PATH": os.path.join(bare, "nobin")})
        if tap.ok(noimg.start(), "our libvirtd starts without qemu-img on its PATH", noimg.logtext()):
            bpool = os.path.join(bare, "pool")
            os.makedirs(bpool)
            st.virsh(noimg.uri, "pool-create-as", "b", "dir", "--target", bpool)
            rc, out, err = st.virsh(noimg.uri, "vol-create-as", "b", "q", "1M", "--format", "qcow2")
            tap.ok(rc != 0 and "creation of non-raw file images is not supported without qemu-img" in err and
                   os.listdir(bpool) == [], "a qcow2 volume fails with libvirt's error and leaves no file", err)
            rc, out, err = st.virsh(noimg.uri, "vol-create-as", "b", "r", "1M")
            tap.ok(rc == 0 and os.listdir(bpool) == ["r"], "raw volumes need no tool", err)
    finally:
        ours.stop()
        tap.ok(ours.sanitizer_clean(), "no sanitizer report from our daemon", ours.logtext())
        if noimg:
            noimg.stop()
            tap.ok(noimg.sanitizer_clean(), "no sanitizer report from the daemon without qemu-img", noimg.logtext())
        st.remove_root(root)
        st.remove_root(bare)
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
