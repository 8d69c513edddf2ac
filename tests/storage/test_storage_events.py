"""test_storage_events.py: storage pool lifecycle and refresh events of our
libvirtd against Debian's: Debian's python binding registers for every
pool's events on each daemon, defines, builds, starts, refreshes, stops,
deletes and undefines a dir pool, and the events each daemon sends must
be the same."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import storagetest as st  # noqa: E402

CLIENT = r'''
import json, sys, threading, time, libvirt
libvirt.virEventRegisterDefaultImpl()
libvirt.registerErrorHandler(lambda *a: None, None)
uri, target = sys.argv[1], sys.argv[2]
conn = libvirt.open(uri)
events = []
def lifecycle(c, pool, event, detail, opaque):
    events.append(["lifecycle", pool.name(), event, detail])
def refresh(c, pool, opaque):
    events.append(["refresh", pool.name()])
conn.storagePoolEventRegisterAny(None, libvirt.VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE, lifecycle, None)
conn.storagePoolEventRegisterAny(None, libvirt.VIR_STORAGE_POOL_EVENT_ID_REFRESH, refresh, None)
stop = False
def loop():
    while not stop:
        libvirt.virEventRunDefaultImpl()
t = threading.Thread(target=loop, daemon=True)
t.start()
xml = "<pool type='dir'><name>ev</name><target><path>%s</path></target></pool>" % target
p = conn.storagePoolDefineXML(xml, 0)
p.build(0)
p.create(0)
p.refresh(0)
p.destroy()
p.delete(0)
p.undefine()
t2 = conn.storagePoolCreateXML(xml.replace("<name>ev</name>", "<name>tr</name>"), libvirt.VIR_STORAGE_POOL_CREATE_WITH_BUILD)
t2.destroy()
end = time.time() + 5
while len(events) < 9 and time.time() < end:
    time.sleep(0.05)
time.sleep(0.3)
print(json.dumps(events))
'''


def main():
    tap = st.TAP()
    ours_root = st.make_root("virt-stor-evo-")
    deb_root = st.make_root("virt-stor-evd-")
    ours = st.OurDaemon(ours_root)
    deb = None
    try:
        if not tap.ok(ours.start(), "our libvirtd starts", ours.logtext()):
            return tap.done()
        deb = st.DebianDaemon(os.path.join(deb_root, "d"))
        if not tap.ok(deb.alive(), "Debian's libvirtd starts"):
            return tap.done()
        answers = []
        for uri, root in ((ours.uri, ours_root), (deb.uri, deb_root)):
            target = os.path.join(root, "evpool")
            got, err = st.daemontest.run_json_client(CLIENT, [uri, target], ours=False)
            answers.append(got)
            tap.ok(got is not None, "the client ran on %s" % uri, err)
        if answers[0] is not None and answers[1] is not None:
            tap.ok(len(answers[1]) >= 8, "Debian sends the events this test expects", json.dumps(answers[1]))
            tap.ok(answers[0] == answers[1], "the same pool events in the same order",
                   "ours:   %s\ndebian: %s" % (json.dumps(answers[0]), json.dumps(answers[1])))
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
