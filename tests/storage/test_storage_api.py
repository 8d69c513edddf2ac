"""test_storage_api.py: the storage calls through Debian's python binding,
once on our libvirt.so.0 talking to our libvirtd and once on Debian's
library talking to Debian's libvirtd: every result, and every error's
code, domain and message, must be the same (uuids, paths, owners,
timestamps and pool sizes normalised)."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import storagetest as st  # noqa: E402

CLIENT = r'''
import json, sys, libvirt
libvirt.registerErrorHandler(lambda *a: None, None)
uri, pooldir = sys.argv[1], sys.argv[2]
conn = libvirt.open(uri)
out = []
def step(name, fn):
    try:
        v = fn()
        if isinstance(v, (libvirt.virStoragePool, libvirt.virStorageVol)):
            v = v.name()
        elif isinstance(v, list):
            # libvirt keeps pools in a hash table: its order is no contract
            v = sorted(x.name() if hasattr(x, "name") else x for x in v)
        out.append([name, "ok", v])
    except libvirt.libvirtError as e:
        out.append([name, "err", e.get_error_code(), e.get_error_domain(), e.get_error_message()])
POOL = "<pool type='dir'><name>ap</name><target><path>%s</path></target></pool>" % pooldir
VOL = "<volume><name>%s</name><capacity unit='MiB'>%d</capacity><target><format type='%s'/></target></volume>"
pool = lambda: conn.storagePoolLookupByName("ap")
vol = lambda n: pool().storageVolLookupByName(n)
step("define", lambda: conn.storagePoolDefineXML(POOL, 0))
step("define again", lambda: conn.storagePoolDefineXML(POOL, 0).name())
step("define clash", lambda: conn.storagePoolDefineXML(POOL.replace("ap", "aq"), 0))
step("define bad flags", lambda: conn.storagePoolDefineXML(POOL, 0x100))
step("define without name", lambda: conn.storagePoolDefineXML("<pool type='dir'><target><path>/n</path></target></pool>", 0))
step("define without type", lambda: conn.storagePoolDefineXML("<pool><name>n</name><target><path>/n</path></target></pool>", 0))
step("define bad xml", lambda: conn.storagePoolDefineXML("<pool type='dir'><name>x</name>", 0))
step("define validate", lambda: conn.storagePoolDefineXML("<pool type='dir'><name>v</name><bogus/><target><path>/v</path></target></pool>", libvirt.VIR_STORAGE_POOL_DEFINE_VALIDATE))
step("num defined", lambda: conn.numOfDefinedStoragePools())
step("list defined", lambda: conn.listDefinedStoragePools())
step("num active", lambda: conn.numOfStoragePools())
step("info inactive", lambda: pool().info()[0])
step("active?", lambda: pool().isActive())
step("persistent?", lambda: pool().isPersistent())
step("vols of inactive", lambda: pool().numOfVolumes())
step("destroy inactive", lambda: pool().destroy())
step("refresh inactive", lambda: pool().refresh(0))
step("lookup missing", lambda: conn.storagePoolLookupByName("nope"))
step("lookup uuid missing", lambda: conn.storagePoolLookupByUUIDString("11111111-2222-3333-4444-555555555555"))
step("lookup uuid", lambda: conn.storagePoolLookupByUUIDString(pool().UUIDString()))
step("build overwrite both", lambda: pool().build(libvirt.VIR_STORAGE_POOL_BUILD_OVERWRITE | libvirt.VIR_STORAGE_POOL_BUILD_NO_OVERWRITE))
step("build", lambda: pool().build(0))
step("create", lambda: pool().create(0))
step("create again", lambda: pool().create(0))
step("build active", lambda: pool().build(0))
step("undefine active", lambda: pool().undefine())
step("delete active", lambda: pool().delete(0))
step("refresh bad flags", lambda: pool().refresh(1))
step("info", lambda: pool().info()[0])
step("autostart", lambda: pool().autostart())
step("set autostart", lambda: pool().setAutostart(1))
step("autostart now", lambda: pool().autostart())
NEWDEF = POOL.replace("</path>", "</path><permissions><mode>0750</mode></permissions>")
step("redefine active without uuid", lambda: conn.storagePoolDefineXML(NEWDEF, 0))
step("redefine active", lambda: conn.storagePoolDefineXML(
    NEWDEF.replace("<name>ap</name>", "<name>ap</name><uuid>%s</uuid>" % pool().UUIDString()), 0))
step("inactive xml is the new one", lambda: "0750" in pool().XMLDesc(libvirt.VIR_STORAGE_XML_INACTIVE))
step("live xml is the running one", lambda: "0750" in pool().XMLDesc(0))
step("list all", lambda: conn.listAllStoragePools(0))
step("list all active", lambda: conn.listAllStoragePools(libvirt.VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE))
step("list all transient", lambda: conn.listAllStoragePools(libvirt.VIR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT))
step("list all logical", lambda: conn.listAllStoragePools(libvirt.VIR_CONNECT_LIST_STORAGE_POOLS_LOGICAL))
step("list all bad flags", lambda: conn.listAllStoragePools(1 << 30))
step("vol raw", lambda: pool().createXML(VOL % ("r", 2, "raw"), 0))
step("vol qcow2", lambda: pool().createXML(VOL % ("q", 3, "qcow2"), 0))
step("vol exists", lambda: pool().createXML(VOL % ("r", 2, "raw"), 0))
step("vol bad flags", lambda: pool().createXML(VOL % ("z", 2, "raw"), 0x80))
step("vol bad xml", lambda: pool().createXML("<volume><name>b</name>", 0))
step("vol no capacity", lambda: pool().createXML("<volume><name>b</name></volume>", 0))
step("vol bad format", lambda: pool().createXML(VOL % ("b", 1, "nope"), 0))
step("vol bad size", lambda: pool().createXML("<volume><name>b</name><capacity>x</capacity></volume>", 0))
step("vol bad unit", lambda: pool().createXML("<volume><name>b</name><capacity unit='zz'>1</capacity></volume>", 0))
step("num vols", lambda: pool().numOfVolumes())
step("list vols", lambda: sorted(pool().listVolumes()))
step("list all vols", lambda: sorted(v.name() for v in pool().listAllVolumes(0)))
step("vol info", lambda: vol("r").info())
step("vol info flags", lambda: vol("q").infoFlags(libvirt.VIR_STORAGE_VOL_GET_PHYSICAL)[0:2])
step("vol path", lambda: vol("q").path())
step("vol key", lambda: vol("q").key())
step("by path", lambda: conn.storageVolLookupByPath(pooldir + "/q"))
step("by key", lambda: conn.storageVolLookupByKey(pooldir + "/q"))
step("by path missing", lambda: conn.storageVolLookupByPath(pooldir + "/none"))
step("by key missing", lambda: conn.storageVolLookupByKey(pooldir + "/none"))
step("by name missing", lambda: pool().storageVolLookupByName("none"))
step("pool of vol", lambda: vol("q").storagePoolLookupByVolume())
step("by target path", lambda: conn.storagePoolLookupByTargetPath(pooldir))
step("by untidy target path", lambda: conn.storagePoolLookupByTargetPath(pooldir.replace("/", "///") + "/"))
step("by target path under //", lambda: conn.storagePoolLookupByTargetPath("/" + pooldir))
step("by target path missing", lambda: conn.storagePoolLookupByTargetPath("/nowhere"))
step("by untidy target path missing", lambda: conn.storagePoolLookupByTargetPath("//nowhere/"))
step("clone", lambda: pool().createXMLFrom(VOL % ("c", 2, "qcow2"), vol("r"), 0))
step("clone info", lambda: vol("c").info())
step("resize shrink", lambda: vol("r").resize(1 << 20, 0))
step("resize shrink flag", lambda: vol("q").resize(1 << 20, libvirt.VIR_STORAGE_VOL_RESIZE_SHRINK))
step("resize grow", lambda: vol("r").resize(4 << 20, 0))
step("resize delta", lambda: vol("r").resize(1 << 20, libvirt.VIR_STORAGE_VOL_RESIZE_DELTA))
step("resize info", lambda: vol("r").info())
step("resize bad flags", lambda: vol("r").resize(1 << 20, 0x40))
step("wipe", lambda: vol("r").wipe(0))
step("wipe bad algorithm", lambda: vol("r").wipePattern(99, 0))
step("wipe trim", lambda: vol("r").wipePattern(libvirt.VIR_STORAGE_VOL_WIPE_ALG_TRIM, 0))
step("wipe bad flags", lambda: vol("r").wipe(1))
step("delete bad flags", lambda: vol("r").delete(8))
step("delete zeroed", lambda: vol("r").delete(libvirt.VIR_STORAGE_VOL_DELETE_ZEROED))
step("xml bad flags", lambda: vol("r").XMLDesc(1))
step("pool xml bad flags", lambda: pool().XMLDesc(2))
step("delete", lambda: vol("r").delete(0))
step("delete again", lambda: vol("r").delete(0))
step("capabilities bad flags", lambda: conn.getStoragePoolCapabilities(1))
step("transient", lambda: conn.storagePoolCreateXML(POOL.replace("<name>ap</name>", "<name>tp</name>"), 0))
step("transient autostart", lambda: conn.storagePoolLookupByName("tp").setAutostart(1))
step("transient persistent?", lambda: conn.storagePoolLookupByName("tp").isPersistent())
step("transient undefine", lambda: conn.storagePoolLookupByName("tp").undefine())
step("transient destroy", lambda: conn.storagePoolLookupByName("tp").destroy())
step("transient gone", lambda: conn.storagePoolLookupByName("tp"))
step("destroy", lambda: pool().destroy())
step("the new definition applies once stopped", lambda: "0750" in pool().XMLDesc(0))
step("vol of inactive", lambda: vol("q"))
step("delete bad flags pool", lambda: pool().delete(1))
step("undefine", lambda: pool().undefine())
step("find sources", lambda: conn.findStoragePoolSources("dir", None, 0))
for v in ("q", "c"):
    try: os.unlink(pooldir + "/" + v)
    except OSError: pass
print(json.dumps(out))
'''.replace("import json, sys, libvirt", "import json, os, sys, libvirt")


# Steps whose message comes from a RelaxNG validator reading a different
# (generated) grammar than Debian's schemas/storagepool.rng.
MESSAGE_DIFFERS = {"define validate"}


def main():
    tap = st.TAP()
    ours_root = st.make_root("virt-stor-apo-")
    deb_root = st.make_root("virt-stor-apd-")
    ours = st.OurDaemon(ours_root)
    deb = None
    try:
        if not tap.ok(ours.start(), "our libvirtd starts", ours.logtext()):
            return tap.done()
        deb = st.DebianDaemon(os.path.join(deb_root, "d"))
        if not tap.ok(deb.alive(), "Debian's libvirtd starts"):
            return tap.done()
        sides = []
        for uri, root, mine in ((ours.uri, ours_root, True), (deb.uri, deb_root, False)):
            pooldir = os.path.join(root, "apool")
            got, err = st.daemontest.run_json_client(CLIENT, [uri, pooldir], ours=mine)
            tap.ok(got is not None, "the client ran on %s" % ("ours" if mine else "Debian's"), err)
            sides.append(json.loads(st.normalise(json.dumps(got), root)) if got else None)
        if sides[0] and sides[1]:
            for a, b in zip(sides[0], sides[1]):
                if a[0] in MESSAGE_DIFFERS:
                    # the grammars' own words: only the code and domain are libvirt's
                    a, b = a[:4], b[:4]
                tap.ok(a == b, "%s" % a[0], "ours:   %s\ndebian: %s" % (json.dumps(a), json.dumps(b)))
            tap.ok(len(sides[0]) == len(sides[1]), "as many steps on each side")
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
