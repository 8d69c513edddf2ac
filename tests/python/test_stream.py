"""Streams: a screenshot of the built-in domain."""
import tap
from tap import libvirt


class Stream(tap.DefaultCase):
    def test_screenshot(self):
        d = self.conn.lookupByName("test")
        st = self.conn.newStream(0)
        mime = d.screenshot(st, 0, 0)
        self.assertEqual(mime, "image/x-portable-pixmap")
        data = b""
        while True:
            chunk = st.recv(256)
            if not chunk:
                break
            data += chunk
        st.finish()
        self.assertTrue(data.startswith(b"P6\n"))
        magic, size, maxval, pixels = data.split(b"\n", 3)
        w, h = (int(x) for x in size.split())
        self.assertEqual(maxval, b"255")
        self.assertEqual(len(pixels), w * h * 3)

    def test_screenshot_recv_all(self):
        d = self.conn.lookupByName("test")
        st = self.conn.newStream(0)
        d.screenshot(st, 0, 0)
        chunks = []
        st.recvAll(lambda s, buf, acc: acc.append(buf), chunks)
        st.finish()
        self.assertTrue(b"".join(chunks).startswith(b"P6"))

    def test_bad_screen(self):
        d = self.conn.lookupByName("test")
        st = self.conn.newStream(0)
        self.assertLibvirtError(libvirt.VIR_ERR_INVALID_ARG, d.screenshot, st, 3, 0)
        st.abort()


if __name__ == "__main__":
    tap.main()
