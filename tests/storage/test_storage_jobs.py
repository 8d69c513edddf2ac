"""test_storage_jobs.py: a volume being made while the rest of the driver
goes on. The daemon's qemu-img is a wrapper that waits for the test's
signal, so a clone is held mid-way for as long as the test needs: calls
on other objects answer, the volumes involved and their pool refuse to go
in libvirt's words, and the clone finishes once released. Then the same
hold with the daemon killed by SIGKILL: after a restart the pool is
running and lists exactly the files it holds."""
import os
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import storagetest as st  # noqa: E402

WRAPPER = """#!/bin/sh
# held qemu-img: note the pid, make the target as qemu-img would, wait
echo $$ > '{root}/held.pid'
for last; do :; done
case "$1" in convert) : > "$last" ;; esac
while [ ! -e '{root}/go' ]; do sleep 0.05; done
exec /usr/bin/qemu-img "$@"
"""


def wait_for(path, timeout=20):
    end = time.time() + timeout
    while time.time() < end:
        if os.path.exists(path):
            return True
        time.sleep(0.05)
    return False


def release(root):
    open(os.path.join(root, "go"), "w").close()


def kill_held(root):
    """The wrapper is ours: end it if it is still waiting."""
    release(root)
    try:
        with open(os.path.join(root, "held.pid")) as f:
            os.kill(int(f.read().strip()), signal.SIGKILL)
    except (OSError, ValueError):
        pass


def main():
    tap = st.TAP()
    root = st.make_root("virt-stor-jobs-")
    bindir = os.path.join(root, "bin")
    os.makedirs(bindir)
    with open(os.path.join(bindir, "qemu-img"), "w") as f:
        f.write(WRAPPER.format(root=root))
    os.chmod(os.path.join(bindir, "qemu-img"), 0o755)
    ours = st.OurDaemon(root, env_extra={"PATH": bindir + ":/usr/sbin:/usr/bin:/sbin:/bin"})
    bg = None
    try:
        if not tap.ok(ours.start(), "our libvirtd starts with a held qemu-img", ours.logtext()):
            return tap.done()
        uri = ours.uri
        pooldir = os.path.join(root, "pool")
        os.makedirs(pooldir)
        st.virsh(uri, "pool-define-as", "p", "dir", "--target", pooldir)
        st.virsh(uri, "pool-start", "p")
        st.virsh(uri, "vol-create-as", "p", "src", "4M")
        doc = os.path.join(root, "clone.xml")
        with open(doc, "w") as f:
            f.write("<volume><name>dst</name><capacity unit='M'>4</capacity>"
                    "<target><format type='qcow2'/></target></volume>")
        bg = subprocess.Popen([st.VIRSH, "-c", uri, "vol-create-from", "p", doc, "src", "--inputpool", "p"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=st.daemontest.oracle_env())
        tap.ok(wait_for(os.path.join(root, "held.pid")), "the clone reaches qemu-img and is held there")
        t0 = time.time()
        rc, out, err = st.virsh(uri, "vol-list", "p")
        tap.ok(rc == 0 and "dst" in out and time.time() - t0 < 10,
               "the driver answers meanwhile, and lists the volume being made", out + err)
        rc, out, err = st.virsh(uri, "vol-delete", "--pool", "p", "src")
        tap.ok(rc != 0 and "volume 'src' is still in use." in err, "the clone's source cannot be deleted", err)
        rc, out, err = st.virsh(uri, "vol-wipe", "--pool", "p", "dst")
        tap.ok(rc != 0 and "volume 'dst' is still being allocated." in err,
               "the volume being made cannot be wiped", err)
        rc, out, err = st.virsh(uri, "pool-destroy", "p")
        tap.ok(rc != 0 and "pool 'p' has asynchronous jobs running." in err, "nor its pool stopped", err)
        rc, out, err = st.virsh(uri, "pool-refresh", "p")
        tap.ok(rc != 0 and "pool 'p' has asynchronous jobs running." in err, "nor rescanned", err)
        rc, out, err = st.virsh(uri, "vol-create-as", "p", "dst", "1M")
        tap.ok(rc != 0 and "storage volume 'dst' exists already" in err, "and its name is taken", err)
        release(root)
        out, err = bg.communicate(timeout=60)
        tap.ok(bg.returncode == 0, "released, the clone completes", out + err)
        rc, out, err = st.virsh(uri, "vol-dumpxml", "--pool", "p", "dst")
        tap.ok(rc == 0 and "<format type='qcow2'/>" in out, "and the new volume is a qcow2 image", out + err)
        rc, out, err = st.virsh(uri, "vol-delete", "--pool", "p", "src")
        tap.ok(rc == 0, "the source can go now", err)

        # held again, and the daemon killed meanwhile
        os.unlink(os.path.join(root, "go"))
        os.unlink(os.path.join(root, "held.pid"))
        st.virsh(uri, "vol-create-as", "p", "src2", "4M")
        with open(doc, "w") as f:
            f.write("<volume><name>half</name><capacity unit='M'>4</capacity>"
                    "<target><format type='qcow2'/></target></volume>")
        bg = subprocess.Popen([st.VIRSH, "-c", uri, "vol-create-from", "p", doc, "src2", "--inputpool", "p"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=st.daemontest.oracle_env())
        held = wait_for(os.path.join(root, "held.pid"))
        ours.stop(kill=True)
        kill_held(root)
        bg.communicate(timeout=60)
        tap.ok(held and ours.start(), "our libvirtd, killed mid-clone, starts again", ours.logtext())
        rc, out, err = st.virsh(uri, "pool-list", "--all")
        words = out.split()
        tap.ok(rc == 0 and "p" in words and words[words.index("p") + 1] == "active", "the pool is running",
               out + err)
        rc, out, err = st.virsh(uri, "vol-list", "p", "--details")
        files = sorted(os.listdir(pooldir))
        listed = sorted(line.split()[0] for line in out.strip().splitlines()[2:])
        tap.ok(rc == 0 and listed == files, "its volumes are exactly the files in its folder",
               "files %s, listed %s\n%s" % (files, listed, out + err))
    finally:
        kill_held(root)
        if bg and bg.poll() is None:
            bg.kill()
            bg.wait()
        ours.stop()
        tap.ok(ours.sanitizer_clean(), "no sanitizer report from our daemon", ours.logtext())
        st.remove_root(root)
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
