"""Streams: a screenshot of the built-in domain."""
import tap
from tap import libvirt


class Stream(tap.DefaultCase):
    def test_screenshot(self):
        d = self.conn.lookupByName("test")
        st = self.conn.newStream(0)
        mime = d.screenshot(st, 0, 0)
        self.assertEqual(mime, "image/png")
        data = b""
        while True:
            chunk = st.recv(256)
            if not chunk:
                break
            data += chunk
        st.finish()
        self.assertTrue(data.startswith(b"\x89PNG\r\n\x1a\n"))
        self.assertTrue(data.endswith(b"IEND\xaeB`\x82"))

    def test_screenshot_recv_all(self):
        d = self.conn.lookupByName("test")
        st = self.conn.newStream(0)
        d.screenshot(st, 0, 0)
        chunks = []
        st.recvAll(lambda s, buf, acc: acc.append(buf), chunks)
        st.finish()
        self.assertTrue(b"".join(chunks).startswith(b"\x89PNG"))

    def test_any_screen(self):
        # libvirt's test driver shows the same image on every screen
        d = self.conn.lookupByName("test")
        st = self.conn.newStream(0)
        self.assertEqual(d.screenshot(st, 3, 0), "image/png")
        st.abort()

    def test_bad_flags(self):
        d = self.conn.lookupByName("test")
        st = self.conn.newStream(0)
        self.assertLibvirtError(libvirt.VIR_ERR_INVALID_ARG, d.screenshot, st, 0, 1)
        st.abort()


if __name__ == "__main__":
    tap.main()
