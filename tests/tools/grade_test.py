#!/usr/bin/env python3
"""Tests of tools/grade, the grader behind ./workbook grade, hint and watch.

    grade_test.py BUILD [--board-check BOARD]

BUILD is a check build (./workbook test's): its solutions and starters are graded as a reader's
files would be, without building anything. --board-check BOARD also configures and builds a
grade build for BOARD in a temporary directory (lab 00 only, to keep it quick) and checks that
its firmware was built and run for that board.
"""
import importlib.machinery
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GRADE = os.path.join(ROOT, "tools", "grade")
grade_module = importlib.machinery.SourceFileLoader("grade", GRADE).load_module()
BUILD = None
BOARD_CHECK = None


def run_grade(*args, hints=None):
    hints = hints or os.path.join(tempfile.mkdtemp(prefix="coframe-hints-"), "seen.json")
    return subprocess.run([sys.executable, GRADE, "--hints", hints, *args],
                          capture_output=True, text=True, timeout=300)


def exercise_count():
    return len(grade_module.exercises_of(BUILD, "solution"))


class GradeTheCheckBuild(unittest.TestCase):
    def test_solutions_score_full_marks(self):
        run = run_grade("--build", BUILD, "--variant", "solution", "--no-build", "--seed", "42")
        n = exercise_count()
        self.assertEqual(run.returncode, 0, run.stdout + run.stderr)
        self.assertIn(f"Score: {n} of {n} exercises", run.stdout)
        self.assertIn(f"{n} of {n} exercises done", run.stdout)

    def test_starters_score_zero_with_what_the_test_saw_and_a_hint(self):
        run = run_grade("--build", BUILD, "--variant", "starter", "--no-build", "--seed", "42",
                        "00")
        self.assertEqual(run.returncode, 1, run.stdout + run.stderr)
        n = len([e for e in grade_module.exercises_of(BUILD, "starter") if e.lab == "00"])
        self.assertIn(f"Score: 0 of {n} exercises", run.stdout)
        self.assertEqual(run.stdout.count("  FAIL  "), n)
        self.assertEqual(run.stdout.count("Hint 1 of "), n)
        self.assertEqual(run.stdout.count("Read: the book, Lab 00 > "), n)
        self.assertIn("Bail out! exit_with() returned", run.stdout)
        self.assertIn("Seed: 42 (COFRAME_SEED=42 ./workbook grade 00 exit_status", run.stdout)

    def test_the_progress_table_lists_every_exercise(self):
        run = run_grade("--build", BUILD, "--variant", "starter", "--no-build", "--seed", "42")
        names = [e.name for e in grade_module.exercises_of(BUILD, "starter")]
        table = [l for l in run.stdout.splitlines() if "to do" in l or l.endswith(" done")]
        self.assertEqual([l.split()[-1] if l.endswith(" done") else
                          l.split("to do")[0].split()[-1] for l in table], names)
        self.assertIn(f"0 of {len(names)} exercises done", run.stdout)
        self.assertIn("Next: lab 00 exit_status", run.stdout)

    def test_the_build_board_is_named(self):
        board = grade_module.exercises_of(BUILD, "solution")[0].env["COFRAME_BOARD"]
        run = run_grade("--build", BUILD, "--variant", "solution", "--no-build", "00")
        self.assertIn(f"Board: {board} (QEMU {grade_module.BOARDS[board]})", run.stdout)


class Hints(unittest.TestCase):
    def test_steps_advance_one_at_a_time_and_stop_at_the_last(self):
        hints = os.path.join(tempfile.mkdtemp(prefix="coframe-hints-"), "seen.json")
        steps = len(grade_module.hints_of("labs/00-boot", "exit_status").steps)
        self.assertGreaterEqual(steps, 2)
        shown = []
        for _ in range(steps + 2):
            run = run_grade("--hint", "00", "exit_status", hints=hints)
            self.assertEqual(run.returncode, 0, run.stderr)
            shown.append(re.search(r"Hint (\d+) of (\d+)", run.stdout).groups())
        self.assertEqual(shown, [(str(min(i, steps)), str(steps)) for i in range(1, steps + 3)])
        self.assertIn("(the last)", run.stdout)
        self.assertIn("That is the last hint", run.stdout)

    def test_a_failure_shows_the_furthest_step_seen(self):
        hints = os.path.join(tempfile.mkdtemp(prefix="coframe-hints-"), "seen.json")
        with open(hints, "w", encoding="utf-8") as f:
            json.dump({"00/exit_status": 2}, f)
        run = run_grade("--build", BUILD, "--variant", "starter", "--no-build", "00",
                        "exit_status", hints=hints)
        self.assertIn("Hint 2 of ", run.stdout)

    def test_an_unknown_exercise_is_named(self):
        run = run_grade("--hint", "00", "no_such_exercise")
        self.assertNotEqual(run.returncode, 0)
        self.assertIn("exit_status", run.stderr)


class Watch(unittest.TestCase):
    def test_a_saved_file_is_graded_again_alone(self):
        with tempfile.TemporaryDirectory(prefix="coframe-watch-") as folder:
            self.watch_in(folder)

    def watch_in(self, folder):
        watch = subprocess.Popen(
            [sys.executable, GRADE, "--build", BUILD, "--variant", "solution", "--no-build",
             "--seed", "42", "--hints", os.path.join(folder, "seen.json"), "--watch", "00",
             "--watch-dir", folder],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            first = self.read_until_watching(watch)
            self.assertIn("\033[2J", first)
            self.assertIn("pass  exit_status", first)
            self.assertIn("pass  fault_address", first)
            with open(os.path.join(folder, "notes.txt"), "w") as f:  # not an exercise file
                f.write("x")
            with open(os.path.join(folder, "fault_address.cpp"), "w") as f:
                f.write("// saved\n")
            second = self.read_until_watching(watch)
            self.assertIn("\033[2J", second)
            self.assertIn("pass  fault_address", second)
            self.assertNotIn("exit_status", second)
            self.assertIn("Score: 1 of 1 exercises", second)
        finally:
            watch.terminate()
            watch.wait(timeout=10)
        # The watcher's own inotifywait ended with it.
        left = subprocess.run(["pgrep", "-f", f"inotifywait .*{folder}"], capture_output=True)
        self.assertEqual(left.stdout, b"", "inotifywait outlived the watch")

    @staticmethod
    def read_until_watching(proc) -> str:
        text = ""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                raise AssertionError("the watcher ended:\n" + text + proc.stderr.read())
            text += line
            if "] watching " in line:
                return text
        raise AssertionError("no 'watching' line within 60 s:\n" + text)


class ReadableFailures(unittest.TestCase):
    exercise = grade_module.Exercise("01", "labs/01-state-machines", "union_shrink", "x.elf", {})

    def test_multi_line_values_are_shown_whole_with_a_diff(self):
        stdout = "\n".join([
            "not ok 1 - the recorder reports as before",
            "#      got: 2 lines", "#       | min 1 max 9 sum 41", "#       | min 0 max 0 sum 0",
            "# expected: 2 lines", "#       | min 1 max 9 sum 41", "#       | min 5 max 8 sum 50",
            "ok 2 - the recorder is at most 40 bytes", "1..2"])
        result = grade_module.judge(self.exercise, 1, stdout, "", 42)
        self.assertFalse(result.passed)
        self.assertEqual(result.summary, "1 of 2 checks failed")
        text = "\n".join(result.detail)
        self.assertIn("| min 0 max 0 sum 0", text)
        self.assertIn("| min 5 max 8 sum 50", text)
        self.assertIn("- min 5 max 8 sum 50", text)
        self.assertIn("+ min 0 max 0 sum 0".replace("+ ", "+"), text.replace("+ ", "+"))

    def test_a_missing_newline_is_said_once_not_diffed(self):
        stdout = "\n".join([
            "not ok 1 - the longest report: 31 characters",
            "#      got: 1 line", "#       | min 65535 max 6553", "#       (no newline at the end)",
            "# expected: 1 line", "#       | min 65535 max 65535 sum 524280", "1..1"])
        detail = grade_module.judge(self.exercise, 1, stdout, "", 42).detail
        self.assertIn("            (no newline at the end)", detail)
        self.assertFalse(any(l.lstrip().startswith(("+ (no", "- (no")) for l in detail))
        self.assertNotIn("difference (- expected, + got):", detail)  # no line in common

    def test_hex_and_long_values_are_not_cut(self):
        long_line = "# got 0x" + "f" * 200
        stdout = "not ok 1 - CFSR decoded\n# CFSR 0x00008200\n" + long_line + "\n1..1\n"
        result = grade_module.judge(self.exercise, 1, stdout, "", 42)
        self.assertIn("CFSR 0x00008200", "\n".join(result.detail))
        self.assertIn(long_line[2:], "\n".join(result.detail))

    def test_a_fault_report_and_the_runner_are_shown(self):
        stdout = "ok 1 - first\n*** HardFault\n  pc 0x00000abc\n"
        stderr = "qemu-run: exit status 139, expected 42 (the seed 42)\n"
        result = grade_module.judge(self.exercise, 1, stdout, stderr, 42)
        self.assertIn("  pc 0x00000abc", result.detail)
        self.assertIn("qemu-run: exit status 139, expected 42 (the seed 42)", result.detail)

    def test_a_passing_run_needs_checks_a_matching_plan_and_status_0(self):
        judge = lambda status, out: grade_module.judge(self.exercise, status, out, "", 42).passed
        self.assertTrue(judge(0, "1..2\nok 1 - a\nok 2 - b\n"))
        self.assertFalse(judge(0, "1..3\nok 1 - a\nok 2 - b\n"))
        self.assertFalse(judge(0, ""))
        self.assertFalse(judge(1, "ok 1 - a\n1..1\n"))
        self.assertFalse(judge(0, "ok 1 - a\nBail out! stopped\n"))

    def test_a_compile_error_shows_the_first_error_and_its_source_line(self):
        output = "\n".join([
            "[1/2] Compiling C++ object labs/x.p/exercises_exit_status.cpp.o",
            "FAILED: labs/x.p/exercises_exit_status.cpp.o",
            "arm-none-eabi-g++ -Ilabs ... -c ../labs/00-boot/exercises/exit_status.cpp",
            "../labs/00-boot/exercises/exit_status.cpp: In function 'void exit_with(int)':",
            "\x1b[01m\x1b[K../labs/00-boot/exercises/exit_status.cpp:16:3:\x1b[m\x1b[K "
            "\x1b[01;31m\x1b[Kerror: \x1b[m\x1b[K'blok' was not declared in this scope",
            "   16 |   blok[0] = 1;", "      |   ^~~~",
            "../labs/00-boot/exercises/exit_status.cpp:17:3: error: 'foo' was not declared",
            "   17 |   foo();", "      |   ^~~",
            "ninja: build stopped: subcommand failed."])
        self.assertEqual(grade_module.first_error(output), [
            "labs/00-boot/exercises/exit_status.cpp: In function 'void exit_with(int)':",
            "labs/00-boot/exercises/exit_status.cpp:16:3: error: 'blok' was not declared in "
            "this scope",
            "   16 |   blok[0] = 1;", "      |   ^~~~",
            "(and 1 more error after this one: fix this one first)"])

    def test_a_link_error_names_what_is_missing(self):
        output = ("/usr/lib/gcc/arm-none-eabi/12.2.1/../../../arm-none-eabi/bin/ld: "
                  "labs/liblab00-exit_status-test.a(exit_status_test.cpp.o): in function `main':\n"
                  "exit_status_test.cpp:(.text.startup.main+0x1e): undefined reference to "
                  "`exit_with(int)'\ncollect2: error: ld returned 1 exit status\n")
        self.assertEqual(grade_module.first_error(output),
                         ["undefined reference to `exit_with(int)'"])


@unittest.skipUnless(os.environ.get("COFRAME_BOARD_CHECK"), "no board to check")
class GradeBuildsForTheBoard(unittest.TestCase):
    def test_board_builds_and_runs_for_that_board(self):
        board = os.environ["COFRAME_BOARD_CHECK"]
        with tempfile.TemporaryDirectory(prefix="coframe-grade-") as build:
            build = os.path.join(build, "build-grade")
            run = run_grade("--board", board, "--build", build, "--seed", "42", "00")
            self.assertIn(f"Board: {board} (QEMU {grade_module.BOARDS[board]})", run.stdout,
                          run.stdout + run.stderr)
            self.assertIn("lab 00: boot: ", run.stdout)
            exercises = [e for e in grade_module.exercises_of(build, "yours") if e.lab == "00"]
            self.assertTrue(exercises)
            want = {"cortex-m3": "v7", "cortex-m4f": "v7E-M"}[board]
            for ex in exercises:
                self.assertEqual(ex.env["COFRAME_BOARD"], board)
                attributes = subprocess.run(["arm-none-eabi-readelf", "-A", ex.elf],
                                            capture_output=True, text=True).stdout
                self.assertIn(f"Tag_CPU_arch: {want}\n", attributes)


if __name__ == "__main__":
    BUILD = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
