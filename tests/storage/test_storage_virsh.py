"""test_storage_virsh.py: Debian's virsh doing the same pool-* and vol-*
commands on dir pools against our libvirtd and against Debian's (each a
session daemon in its own temporary tree), comparing exit status, output
and errors once uuids, timestamps, owners, paths and pool sizes are
normalised. Raw and qcow2 volumes, a backing chain, clones with and
without conversion, resize, wipe, lookups, errors."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import storagetest as st  # noqa: E402

# virsh commands, '|' between arguments, POOLDIR the side's pool folder
# and TMP its root. A command ending in '~xml' has its pool sizes
# normalised; '~list' compares the whitespace-folded listing without sizes.
COMMANDS = [
    "pool-define-as|p1|dir|--target|POOLDIR",
    "pool-list|--all",
    "pool-info|p1",
    "pool-dumpxml|p1~xml",
    "pool-build|p1",
    "pool-start|p1",
    "pool-start|p1",
    "pool-list|--all|--details~list",
    "pool-info|p1",
    "pool-dumpxml|p1~xml",
    "vol-create-as|p1|v1|10M",
    "vol-create-as|p1|v2|10M|--format|qcow2",
    "vol-create-as|p1|v4|10M|--format|qcow2|--backing-vol|v2|--backing-vol-format|qcow2",
    "vol-create-as|p1|v2|1M",
    "vol-create-as|p1|sparse|8M|--allocation|1M",
    "vol-list|p1|--details",
    "vol-dumpxml|--pool|p1|v1",
    "vol-dumpxml|--pool|p1|v2",
    "vol-dumpxml|--pool|p1|v4",
    "vol-dumpxml|--pool|p1|sparse",
    "vol-info|--pool|p1|v1",
    "vol-info|--pool|p1|v2",
    "vol-clone|--pool|p1|v2|v3",
    "vol-info|--pool|p1|v3",
    "vol-dumpxml|--pool|p1|v3",
    "vol-clone|--pool|p1|v1|v1copy",
    "vol-info|--pool|p1|v1copy",
    "vol-create-from|p1|TMP/to-qcow2.xml|v1|--inputpool|p1",
    "vol-dumpxml|--pool|p1|v5",
    "vol-create|p1|TMP/vol-badfmt.xml",
    "vol-create|p1|TMP/vol-nocap.xml",
    "vol-create|p1|TMP/vol-broken.xml",
    "vol-create|p1|TMP/vol-slash.xml",
    "vol-create|p1|TMP/vol-badtype.xml",
    "vol-create|p1|TMP/vol-mode.xml",
    "vol-dumpxml|--pool|p1|moded",
    "vol-create|p1|TMP/e-owner.xml",
    "vol-dumpxml|--pool|p1|e-owner",
    "vol-delete|--pool|p1|e-owner",
    "vol-create|p1|TMP/e-badmode.xml",
    "vol-dumpxml|--pool|p1|e-badmode",
    "vol-delete|--pool|p1|e-badmode",
    "vol-create|p1|TMP/e-badowner.xml",
    "vol-dumpxml|--pool|p1|e-badowner",
    "vol-delete|--pool|p1|e-badowner",
    "vol-create|p1|TMP/e-compat.xml",
    "vol-dumpxml|--pool|p1|e-compat",
    "vol-delete|--pool|p1|e-compat",
    "vol-create|p1|TMP/e-badcompat.xml",
    "vol-dumpxml|--pool|p1|e-badcompat",
    "vol-delete|--pool|p1|e-badcompat",
    "vol-create|p1|TMP/e-cluster.xml",
    "vol-dumpxml|--pool|p1|e-cluster",
    "vol-delete|--pool|p1|e-cluster",
    "vol-create|p1|TMP/e-luks.xml",
    "vol-dumpxml|--pool|p1|e-luks",
    "vol-delete|--pool|p1|e-luks",
    "vol-create|p1|TMP/e-block.xml",
    "vol-dumpxml|--pool|p1|e-block",
    "vol-delete|--pool|p1|e-block",
    "vol-create|p1|TMP/e-bigalloc.xml",
    "vol-dumpxml|--pool|p1|e-bigalloc",
    "vol-delete|--pool|p1|e-bigalloc",
    "vol-create|p1|TMP/e-unit.xml",
    "vol-dumpxml|--pool|p1|e-unit",
    "vol-delete|--pool|p1|e-unit",
    "vol-create|p1|TMP/e-badunit.xml",
    "vol-dumpxml|--pool|p1|e-badunit",
    "vol-delete|--pool|p1|e-badunit",
    "vol-create|p1|TMP/e-noname.xml",
    "vol-dumpxml|--pool|p1|e-noname",
    "vol-delete|--pool|p1|e-noname",
    "vol-create|p1|TMP/e-badsize.xml",
    "vol-dumpxml|--pool|p1|e-badsize",
    "vol-delete|--pool|p1|e-badsize",
    "vol-create|p1|TMP/e-root.xml",
    "vol-dumpxml|--pool|p1|e-root",
    "vol-delete|--pool|p1|e-root",
    "vol-create|p1|TMP/e-backing.xml",
    "vol-dumpxml|--pool|p1|e-backing",
    "vol-delete|--pool|p1|e-backing",
    "vol-create|p1|TMP/e-nobacking.xml",
    "vol-dumpxml|--pool|p1|e-nobacking",
    "vol-delete|--pool|p1|e-nobacking",
    "vol-create-as|p1|meta|4M|--format|qcow2|--prealloc-metadata",
    "vol-info|--pool|p1|meta",
    "vol-create-as|p1|rawmeta|1M|--prealloc-metadata",
    "vol-info|--pool|p1|rawmeta",
    "vol-delete|--pool|p1|rawmeta",
    "vol-create-as|p1|rawback|1M|--backing-vol|v2|--backing-vol-format|qcow2",
    "vol-create-as|p1|vm|1M|--format|vmdk",
    "vol-dumpxml|--pool|p1|vm",
    "vol-delete|--pool|p1|vm",
    "vol-create-as|p1|adir|1M|--format|dir",
    "vol-dumpxml|--pool|p1|adir",
    "vol-resize|--pool|p1|adir|2M",
    "vol-wipe|--pool|p1|adir",
    "vol-delete|--pool|p1|adir",
    "vol-create-as|p1|alloc|1M|--allocation|0",
    "vol-resize|--pool|p1|alloc|3M|--allocate",
    "vol-info|--pool|p1|alloc",
    "vol-resize|--pool|p1|alloc|1M|--shrink|--delta",
    "vol-info|--pool|p1|alloc",
    "vol-delete|--pool|p1|alloc",
    "vol-info|--pool|p1|--physical|meta",
    "!mkdir POOLDIR/subdir",
    "!qemu-img create -q -f qcow2 POOLDIR/outside.qcow2 3M",
    "!truncate -s 2M POOLDIR/outside.raw",
    "!truncate -s 1M POOLDIR/ghost",
    "!truncate -s 1M POOLDIR/ghostq",
    "vol-create-as|p1|ghost|2M",
    "vol-create-as|p1|ghostq|2M|--format|qcow2",
    "!rm -f POOLDIR/ghost POOLDIR/ghostq",
    "pool-refresh|p1",
    "vol-list|p1|--details",
    "vol-dumpxml|--pool|p1|subdir",
    "vol-dumpxml|--pool|p1|outside.qcow2",
    "vol-dumpxml|--pool|p1|outside.raw",
    "vol-delete|--pool|p1|subdir",
    "vol-delete|--pool|p1|outside.qcow2",
    "vol-delete|--pool|p1|outside.raw",
    "vol-delete|--pool|p1|meta",
    "vol-delete|--pool|p1|moded",
    "pool-uuid|p1~uuid",
    "pool-name|UUID",
    "pool-list|--all|--persistent|--name",
    "pool-list|--inactive",
    "vol-key|--pool|p1|v2",
    "vol-path|--pool|p1|v2",
    "vol-pool|POOLDIR/v2",
    "vol-name|POOLDIR/v2",
    "vol-info|POOLDIR/v2",
    "vol-info|POOLDIR/nothere",
    "vol-info|--pool|p1|nothere",
    "pool-create-as|p2|dir|--target|POOLDIR",
    "pool-create-as|p3|dir|--target|TMP/none",
    "vol-resize|--pool|p1|v2|5M",
    "vol-resize|--pool|p1|v2|--shrink|5M",
    "vol-resize|--pool|p1|v2|20M",
    "vol-info|--pool|p1|v2",
    "vol-resize|--pool|p1|v1|20M",
    "vol-info|--pool|p1|v1",
    "vol-resize|--pool|p1|v1|--delta|4M",
    "vol-info|--pool|p1|v1",
    "vol-wipe|--pool|p1|v1",
    "vol-info|--pool|p1|v1",
    "vol-wipe|--pool|p1|v1copy|--algorithm|nnsa",
    "vol-wipe|--pool|p1|v1copy|--algorithm|random",
    "vol-wipe|--pool|p1|v1copy|--algorithm|trim",
    "vol-wipe|--pool|p1|v1copy",
    "vol-info|--pool|p1|v1copy",
    "vol-delete|--pool|p1|v1",
    "vol-list|p1",
    "pool-refresh|p1",
    "vol-list|p1",
    "pool-autostart|p1",
    "pool-info|p1",
    "pool-list|--all|--autostart",
    "pool-autostart|p1|--disable",
    "pool-list|--all|--no-autostart",
    "pool-list|--all|--type|dir",
    "pool-list|--all|--type|logical",
    "pool-undefine|p1",
    "pool-delete|p1",
    "pool-destroy|p1",
    "pool-destroy|p1",
    "vol-list|p1",
    "pool-delete|p1",
    "pool-list|--all",
    "pool-create-as|t1|dir|--target|POOLDIR",
    "pool-uuid|t1~uuid",
    "pool-name|UUID",
    "pool-list|--all|--transient",
    "pool-autostart|t1",
    "vol-list|t1",
    "pool-destroy|t1",
    "pool-list|--all",
    "pool-start|p1",
    "vol-delete|--pool|p1|v2",
    "vol-delete|--pool|p1|v3",
    "vol-delete|--pool|p1|v4",
    "vol-delete|--pool|p1|v5",
    "vol-delete|--pool|p1|v1copy",
    "vol-delete|--pool|p1|sparse",
    "vol-list|p1",
    "pool-destroy|p1",
    "pool-delete|p1",
    "pool-undefine|p1",
    "pool-list|--all",
    "pool-create-as|b1|dir|--target|TMP/pools/built|--build",
    "pool-dumpxml|b1~xml",
    "pool-destroy|b1",
    "pool-define|TMP/no-target.xml",
    "pool-define|TMP/bad-name.xml",
    "pool-define|TMP/broken.xml",
    "pool-create|TMP/bad-type.xml",
    "pool-list|--all",
]

DOCS = {
    "to-qcow2.xml": "<volume><name>v5</name><capacity>10485760</capacity>"
                    "<target><format type='qcow2'/></target></volume>",
    "no-target.xml": "<pool type='dir'><name>nt</name></pool>",
    "bad-name.xml": "<pool type='dir'><name>a/b</name><target><path>/x</path></target></pool>",
    "broken.xml": "<pool type='dir'><name>a</name><target><path>/x</path></target>",
    "vol-badfmt.xml": "<volume><name>bad1</name><capacity>1024</capacity>"
                      "<target><format type='bogus'/></target></volume>",
    "vol-nocap.xml": "<volume><name>bad2</name></volume>",
    "vol-broken.xml": "<volume><name>bad3</name>",
    "vol-slash.xml": "<volume><name>a/b</name><capacity>1024</capacity></volume>",
    "vol-badtype.xml": "<volume type='bogus'><name>bad4</name><capacity>1024</capacity></volume>",
    "vol-mode.xml": "<volume><name>moded</name><capacity unit='KiB'>64</capacity><allocation>0</allocation>"
                    "<target><permissions><mode>0640</mode></permissions></target></volume>",
    "e-owner.xml": "<volume><name>e-owner</name><capacity>1024</capacity><target><permissions><owner>-1</owner><group>4294967295</group><mode>644</mode></permissions></target></volume>",
    "e-badmode.xml": "<volume><name>e-badmode</name><capacity>1024</capacity><target><permissions><mode>1777</mode></permissions></target></volume>",
    "e-badowner.xml": "<volume><name>e-badowner</name><capacity>1024</capacity><target><permissions><owner>99999999999</owner></permissions></target></volume>",
    "e-compat.xml": "<volume><name>e-compat</name><capacity unit='M'>4</capacity><target><format type='qcow2'/><compat>1.1</compat><features><lazy_refcounts/></features></target></volume>",
    "e-badcompat.xml": "<volume><name>e-badcompat</name><capacity>1024</capacity><target><format type='qcow2'/><compat>x1</compat></target></volume>",
    "e-cluster.xml": "<volume><name>e-cluster</name><capacity unit='M'>4</capacity><target><format type='qcow2'/><clusterSize unit='KiB'>128</clusterSize></target></volume>",
    "e-luks.xml": "<volume><name>e-luks</name><capacity>1048576</capacity><target><format type='raw'/><encryption format='luks'/></target></volume>",
    "e-block.xml": "<volume type='block'><name>e-block</name><capacity>1024</capacity></volume>",
    "e-bigalloc.xml": "<volume><name>e-bigalloc</name><capacity>1024</capacity><allocation>4096</allocation></volume>",
    "e-unit.xml": "<volume><name>e-unit</name><capacity unit='k'>12</capacity><allocation unit='bytes'>0</allocation></volume>",
    "e-badunit.xml": "<volume><name>e-badunit</name><capacity unit='zz'>12</capacity></volume>",
    "e-noname.xml": "<volume><name></name><capacity>1024</capacity></volume>",
    "e-badsize.xml": "<volume><name>e-badsize</name><capacity>12x</capacity></volume>",
    "e-root.xml": "<pool><name>x</name></pool>",
    "e-backing.xml": "<volume><name>e-backing</name><capacity unit='M'>4</capacity><target><format type='qcow2'/></target><backingStore><path>POOLDIR/v2</path><format type='qcow2'/></backingStore></volume>",
    "e-nobacking.xml": "<volume><name>e-nobacking</name><capacity unit='M'>4</capacity><target><format type='qcow2'/></target><backingStore><path>POOLDIR/missing</path><format type='qcow2'/></backingStore></volume>",
    "bad-type.xml": "<pool type='bogus'><name>a</name><target><path>/x</path></target></pool>",
}


def prepare(root):
    pooldir = os.path.join(root, "pools", "pool1")
    os.makedirs(os.path.dirname(pooldir))
    os.chmod(os.path.dirname(pooldir), 0o777)
    for name, text in DOCS.items():
        with open(os.path.join(root, name), "w") as f:
            f.write(text.replace("POOLDIR", pooldir))
        os.chmod(os.path.join(root, name), 0o644)
    return pooldir


def run_all(uri, root, pooldir):
    results = []
    uuid = ""
    for cmd in COMMANDS:
        mode = None
        if cmd.startswith("!"):
            # a change made behind the daemon's back; not compared
            subprocess.run(cmd[1:].replace("POOLDIR", pooldir).split(), check=False)
            continue
        if "~" in cmd:
            cmd, mode = cmd.split("~")
        args = [a.replace("POOLDIR", pooldir).replace("TMP", root).replace("UUID", uuid)
                for a in cmd.split("|")]
        rc, out, err = st.virsh(uri, *args)
        if mode == "uuid":
            uuid = out.strip()
        out = st.normalise(out, root)
        err = st.normalise(err, root)
        if mode == "xml":
            out = st.normalise_pool_xml(out)
        elif mode == "list":
            out = st.normalise_pool_list(out)
        results.append((cmd, rc, out, err))
    rc, caps, err = st.virsh(uri, "pool-capabilities")
    return results, caps


def main():
    tap = st.TAP()
    ours_root = st.make_root("virt-stor-our-")
    deb_root = st.make_root("virt-stor-deb-")
    ours = st.OurDaemon(ours_root)
    deb = None
    try:
        if not tap.ok(ours.start(), "our libvirtd starts in a private session tree", ours.logtext()):
            return tap.done()
        deb = st.DebianDaemon(os.path.join(deb_root, "d"))
        if not tap.ok(deb.alive(), "Debian's libvirtd starts in a private session tree"):
            return tap.done()
        ours_res, ours_caps = run_all(ours.uri, ours_root, prepare(ours_root))
        deb_res, deb_caps = run_all(deb.uri, deb_root, prepare(deb_root))
        for (cmd, rc, out, err), (_, drc, dout, derr) in zip(ours_res, deb_res):
            same = (rc, out, err) == (drc, dout, derr)
            tap.ok(same, "virsh " + cmd.replace("|", " "),
                   "ours:   rc=%d\n%s%s\ndebian: rc=%d\n%s%s" % (rc, out, err, drc, dout, derr))
        # fs, netfs, disk, iscsi, scsi and mpath are later increments: only
        # their supported='yes' may differ
        adjusted = deb_caps
        for t in ("fs", "netfs", "disk", "iscsi", "scsi", "mpath"):
            adjusted = adjusted.replace("<pool type='%s' supported='yes'>" % t,
                                        "<pool type='%s' supported='no'>" % t)
        tap.ok(ours_caps == adjusted, "virsh pool-capabilities (dir and logical supported)",
               "ours:\n%s\ndebian:\n%s" % (ours_caps, deb_caps))
    finally:
        ours.stop()
        tap.ok(ours.sanitizer_clean(), "no sanitizer report from our daemon", ours.logtext())
        if deb:
            deb.stop()
        st.remove_root(ours_root)
        st.remove_root(deb_root)
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
