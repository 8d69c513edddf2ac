"""tap.py: run a test script's unittest cases and print TAP, so that
meson reports each case. Every script imports Debian's `libvirt` module
through `tap.libvirt`; when it cannot be imported the script fails (CI
installs python3-libvirt), it never skips."""
import os
import sys
import traceback
import unittest

try:
    import libvirt  # noqa: F401  (re-exported for the scripts)
except ImportError as exc:
    print("1..0")
    print("Bail out! cannot import libvirt (%s): install Debian's python3-libvirt "
          "and run with /usr/bin/python3" % exc)
    sys.exit(1)

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def quiet(_ctx, _err):
    """Error handler that keeps libvirt's default stderr report out of TAP."""


libvirt.registerErrorHandler(quiet, None)


def pump(rounds=4):
    """Run the default event loop (registered by the script) a few rounds:
    a zero timeout in each round makes virEventRunDefaultImpl return."""
    for _ in range(rounds):
        tid = libvirt.virEventAddTimeout(0, lambda t, o: None, None)
        libvirt.virEventRunDefaultImpl()
        libvirt.virEventRemoveTimeout(tid)


def node_uri(name):
    return "test://" + os.path.join(DATA, name)


class TapResult(unittest.TestResult):
    def __init__(self):
        super().__init__()
        self.n = 0

    def _line(self, ok, test, extra=None):
        self.n += 1
        print("%s %d - %s" % ("ok" if ok else "not ok", self.n, test.id().split(".", 1)[-1]))
        if extra:
            for line in extra.rstrip().splitlines():
                print("#   " + line)
        sys.stdout.flush()

    def addSuccess(self, test):
        super().addSuccess(test)
        self._line(True, test)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._line(False, test, "".join(traceback.format_exception(*err)))

    def addError(self, test, err):
        super().addError(test, err)
        self._line(False, test, "".join(traceback.format_exception(*err)))

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self.n += 1
        print("ok %d - %s # SKIP %s" % (self.n, test.id(), reason))


def main():
    suite = unittest.defaultTestLoader.loadTestsFromModule(sys.modules["__main__"])
    print("1..%d" % suite.countTestCases())
    sys.stdout.flush()
    result = TapResult()
    suite.run(result)
    sys.exit(0 if result.wasSuccessful() else 1)


class DefaultCase(unittest.TestCase):
    """A fresh test:///default per test: the shared host is rebuilt when
    its last connection closes."""

    def setUp(self):
        self.conn = libvirt.open("test:///default")

    def tearDown(self):
        self.conn.close()

    def assertLibvirtError(self, code, fn, *args):
        with self.assertRaises(libvirt.libvirtError) as cm:
            fn(*args)
        self.assertEqual(cm.exception.get_error_code(), code, str(cm.exception))
        return cm.exception
