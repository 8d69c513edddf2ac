"""Events through libvirt-python's asyncio event loop (libvirtaio), on our
library and on Debian's."""
import asyncio

import libvirtaio

import tap
from tap import libvirt

LOOP = asyncio.new_event_loop()
asyncio.set_event_loop(LOOP)
IMPL = libvirtaio.virEventRegisterAsyncIOImpl(loop=LOOP)


class AsyncIOEvents(tap.DefaultCase):
    def wait_for(self, seen, count, timeout=5.0):
        async def until():
            while len(seen) < count:
                await asyncio.sleep(0.01)
        LOOP.run_until_complete(asyncio.wait_for(until(), timeout))

    def test_domain_lifecycle(self):
        seen = []
        cid = self.conn.domainEventRegisterAny(
            None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
            lambda c, d, ev, detail, o: seen.append((d.name(), ev, detail)), None)
        d = self.conn.lookupByName("test")
        d.suspend()
        d.resume()
        self.wait_for(seen, 2)
        self.assertEqual(seen, [("test", libvirt.VIR_DOMAIN_EVENT_SUSPENDED, libvirt.VIR_DOMAIN_EVENT_SUSPENDED_PAUSED),
                                ("test", libvirt.VIR_DOMAIN_EVENT_RESUMED, libvirt.VIR_DOMAIN_EVENT_RESUMED_UNPAUSED)])
        self.conn.domainEventDeregisterAny(cid)

    def test_network_event_every_network(self):
        seen = []
        cid = self.conn.networkEventRegisterAny(
            None, libvirt.VIR_NETWORK_EVENT_ID_LIFECYCLE,
            lambda c, n, ev, detail, o: seen.append((n.name(), ev)), None)
        net = self.conn.networkLookupByName("default")
        net.destroy()
        net.create()
        self.wait_for(seen, 2)
        self.assertEqual(seen, [("default", libvirt.VIR_NETWORK_EVENT_STOPPED),
                                ("default", libvirt.VIR_NETWORK_EVENT_STARTED)])
        self.conn.networkEventDeregisterAny(cid)

    def test_free_callback_runs(self):
        # the loop's timeouts and their free callbacks: after the last
        # deregistration the library hands its timer back to the loop
        cid = self.conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_REBOOT,
                                               lambda *a: None, None)
        self.conn.domainEventDeregisterAny(cid)
        LOOP.run_until_complete(IMPL.drain())
        self.assertTrue(IMPL.is_idle())


if __name__ == "__main__":
    tap.main()
