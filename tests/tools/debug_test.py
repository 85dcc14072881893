#!/usr/bin/env python3
"""Tests of what ./workbook debug promises, on a check build:

    debug_test.py BUILD BOARD

With the lab built as ./workbook debug builds it (-Og -g3: BUILD/labs/labNN-debug.elf), gdb's
`break main` (as ./workbook debug sets it) stops in the lab's own main.cpp, not in a line of
lib/ inlined into main (which -O2 does on the Cortex-M4F); and the way lab 00's chapter reads
IPSR in gdb, `p $xpsr & 0x1ff`, gives 0 in main and 15 in SysTick_Handler.
"""
import glob
import os
import re
import signal
import socket
import subprocess
import sys
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = None
BOARD = None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def debug(firmware: str, *commands: str) -> str:
    """Runs the firmware under QEMU's gdb server and gdb with `commands`; returns gdb's output."""
    port = free_port()
    qemu = subprocess.Popen([os.path.join(ROOT, "tools", "qemu-run"), "--board", BOARD,
                             "--gdb", str(port), firmware], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        qemu.stderr.readline()  # "qemu-run: ... waiting for gdb on port N"
        args = ["gdb-multiarch", "-q", "-batch", "-nx", firmware,
                "-ex", f"target remote :{port}"]
        for c in commands:
            args += ["-ex", c]
        gdb = subprocess.run(args + ["-ex", "kill"], capture_output=True, text=True, timeout=60)
        return gdb.stdout + gdb.stderr
    finally:
        if qemu.poll() is None:
            os.killpg(qemu.pid, signal.SIGTERM)
        qemu.wait(timeout=10)


class Debug(unittest.TestCase):
    def test_break_main_stops_in_the_labs_own_main(self):
        labs = sorted(glob.glob(os.path.join(ROOT, "labs", "[0-9][0-9]-*")))
        self.assertTrue(labs)
        for lab in labs:
            nn, folder = os.path.basename(lab)[:2], os.path.basename(lab)
            with self.subTest(lab=nn):
                firmware = os.path.join(BUILD, "labs", f"lab{nn}-debug.elf")
                out = debug(firmware, "break main", "continue", "frame")
                self.assertRegex(out, rf"#0\s+main \(\) at \S*labs/{re.escape(folder)}/main\.cpp:\d+",
                                 out)

    def test_ipsr_read_in_gdb_as_the_chapter_shows(self):
        firmware = os.path.join(BUILD, "labs", "lab00-debug.elf")
        out = debug(firmware, "break main", "continue", "p $xpsr & 0x1ff",
                    "break SysTick_Handler", "continue", "p $xpsr & 0x1ff")
        self.assertEqual(re.findall(r"^\$\d+ = (\d+)$", out, flags=re.M), ["0", "15"], out)


if __name__ == "__main__":
    BUILD = os.path.abspath(sys.argv.pop(1))
    BOARD = sys.argv.pop(1)
    unittest.main(verbosity=2)
