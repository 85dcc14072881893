#!/usr/bin/env python3
"""Tests of tools/check-run: an expected failure must be the failure named, nothing else."""
import os
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CHECK_RUN = os.path.join(ROOT, "tools", "check-run")


def check_run(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, CHECK_RUN, *args], capture_output=True, text=True)


def firmware(output: str, status: int) -> list[str]:
    """A stand-in for a firmware run: prints `output`, ends with `status`."""
    return ["sh", "-c", f"printf '%s\\n' \"$0\"; exit {status}", output]


def mutant(header: str) -> str:
    path = os.path.join(tempfile.mkdtemp(prefix="coframe-mutant-"), "x--wrong.cpp")
    with open(path, "w", encoding="utf-8") as f:
        f.write(header + "#include \"lab00.hpp\"\n")
    return path


MUTANT = """// Mutant of lab 00 exercise x: wrong.
//
// The test reports:
//   status 1
//   not ok {num} - dropped while sending
"""


class ExpectFrom(unittest.TestCase):
    def test_the_named_failure_passes(self):
        run = check_run("--expect-from", mutant(MUTANT), "--",
                        *firmware("ok 1 - a\nnot ok 2 - dropped while sending", 1))
        self.assertEqual(run.returncode, 0, run.stderr)

    def test_another_status_fails(self):
        for status in (0, 2, 124, 139):
            run = check_run("--expect-from", mutant(MUTANT), "--",
                            *firmware("not ok 2 - dropped while sending", status))
            self.assertEqual(run.returncode, 1)
            self.assertIn(f"exit status {status}, expected 1", run.stderr)

    def test_another_failed_check_fails(self):
        run = check_run("--expect-from", mutant(MUTANT), "--",
                        *firmware("ok 1 - dropped while sending\nnot ok 2 - something else", 1))
        self.assertEqual(run.returncode, 1)
        self.assertIn("no output line reads 'not ok {num} - dropped while sending'", run.stderr)

    def test_a_mutant_without_the_block_is_refused(self):
        run = check_run("--expect-from", mutant("// Mutant of lab 00 exercise x.\n"), "--",
                        *firmware("not ok 1 - x", 1))
        self.assertNotEqual(run.returncode, 0)
        self.assertIn("The test reports:", run.stderr)

    def test_the_block_must_start_with_the_status(self):
        run = check_run("--expect-from", mutant("// The test reports:\n//   not ok 1 - x\n"),
                        "--", *firmware("not ok 1 - x", 1))
        self.assertNotEqual(run.returncode, 0)
        self.assertIn("status N", run.stderr)


class StatusAndLines(unittest.TestCase):
    def test_an_expected_failure_names_its_status(self):
        # A firmware that never ran (QEMU missing: status 2) is not a failing starter.
        self.assertEqual(check_run("--status", "1", "--", *firmware("", 2)).returncode, 1)
        self.assertEqual(check_run("--status", "1", "--", *firmware("", 1)).returncode, 0)

    def test_line_placeholders_match_whole_lines(self):
        out = firmware("qemu-run: exit status 7, expected 42 (the seed 42)\nCFSR 0x00008200", 1)
        ok = check_run("--status", "1", "--line", "qemu-run: exit status 7, expected {num} "
                       "(the seed {num})", "--line", "CFSR {hex}", "--", *out)
        self.assertEqual(ok.returncode, 0, ok.stderr)
        partial = check_run("--status", "1", "--line", "exit status 7", "--", *out)
        self.assertEqual(partial.returncode, 1)


if __name__ == "__main__":
    unittest.main(verbosity=2)
