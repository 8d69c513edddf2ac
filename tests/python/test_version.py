"""Version queries: the API level, 9.0.0, on our library and on Debian's
(this script runs on both; the answers must be the same)."""
import os
import subprocess

import tap
from tap import libvirt

API_LEVEL = 9000000


def pc_dir():
    # ours: the .pc meson generated in the build tree; the oracle: libvirt-dev's
    if os.environ.get("VIRT_ORACLE"):
        return "/usr/lib/x86_64-linux-gnu/pkgconfig"
    return os.path.join(os.environ["BUILD_ROOT"], "meson-private")


class Version(tap.DefaultCase):
    def test_library_version(self):
        self.assertEqual(libvirt.getVersion(), API_LEVEL)

    def test_version_for_a_driver_type(self):
        # any type name, known or not, answers with the library's level
        for name in ("Test", "QEMU", "Bogus"):
            self.assertEqual(libvirt.getVersion(name), (API_LEVEL, API_LEVEL), name)

    def test_connection_lib_version(self):
        self.assertEqual(self.conn.getLibVersion(), API_LEVEL)

    def test_test_driver_version(self):
        self.assertEqual(self.conn.getVersion(), 2)

    def test_pkg_config(self):
        env = dict(os.environ, PKG_CONFIG_PATH=pc_dir(), PKG_CONFIG_LIBDIR=pc_dir())
        out = subprocess.run(["pkg-config", "--modversion", "libvirt"], env=env,
                             capture_output=True, text=True)
        self.assertEqual(out.stdout.strip(), "9.0.0", out.stderr)
        # libvirt-python's build asks for at least 0.9.11
        self.assertEqual(subprocess.run(["pkg-config", "--atleast-version=0.9.11", "libvirt"],
                                        env=env).returncode, 0)


if __name__ == "__main__":
    tap.main()
