#!/usr/bin/env python3
"""The exercise pattern of labs/README.md, checked for every exercise a build registers.

    exercises_test.py BUILD

Every exercise has hint steps (at least two) that name a section of its lab's chapter and
contain no line of the solution's code; at least two mutants, each registered (so that
./workbook test proves it fails) and each with a header saying what it is and what its test
reports; and a test that draws inputs from the runner's seed.
"""
import importlib.machinery
import json
import os
import re
import sys
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
grade = importlib.machinery.SourceFileLoader("grade", os.path.join(ROOT, "tools", "grade")).load_module()
check_run = importlib.machinery.SourceFileLoader(
    "check_run", os.path.join(ROOT, "tools", "check-run")).load_module()
BUILD = None
MIN_MUTANTS = 2
MIN_HINT_STEPS = 2


def registered_tests() -> list[str]:
    with open(os.path.join(BUILD, "meson-info", "intro-tests.json"), encoding="utf-8") as f:
        return [t["name"] for t in json.load(f)]


def code_lines(path: str) -> list[str]:
    """The statements of a file: no comments, whitespace collapsed."""
    with open(path, encoding="utf-8") as f:
        text = re.sub(r"//.*", "", f.read())
    return [" ".join(l.split()) for l in text.splitlines() if l.strip()]


def chapter_sections(lab: str) -> set[str]:
    book = os.path.join(ROOT, "book")
    chapter = next(f for f in sorted(os.listdir(book)) if f.startswith(lab + "-"))
    with open(os.path.join(book, chapter), encoding="utf-8") as f:
        return {m.group(1).strip() for m in re.finditer(r"^#+ (.*?)(?: \{#[\w-]+\})?$", f.read(),
                                                         flags=re.M)}


class ExercisePattern(unittest.TestCase):
    def setUp(self):
        self.exercises = grade.exercises_of(BUILD, "solution")
        self.tests = registered_tests()
        self.assertTrue(self.exercises, "no exercises registered")

    def test_hints_are_steps_that_name_a_section_of_the_chapter(self):
        for ex in self.exercises:
            with self.subTest(exercise=ex.key):
                hints = grade.hints_of(ex.folder, ex.name)
                self.assertGreaterEqual(len(hints.steps), MIN_HINT_STEPS)
                where = re.fullmatch(r'Lab (\d\d) > "(.*)"', hints.read)
                self.assertIsNotNone(where, f"Read: line {hints.read!r}")
                self.assertEqual(where.group(1), ex.lab)
                self.assertIn(where.group(2), chapter_sections(ex.lab),
                              "the section the hint names is not in the chapter (renamed?)")

    def test_no_hint_contains_the_solution_code(self):
        for ex in self.exercises:
            with self.subTest(exercise=ex.key):
                given = set(code_lines(os.path.join(ROOT, ex.source)))
                solution = code_lines(os.path.join(ROOT, ex.folder, "solutions", ex.name + ".cpp"))
                hints = grade.hints_of(ex.folder, ex.name)
                text = " ".join(" ".join(hints.steps).split())
                for line in solution:
                    if line in given or len(re.sub(r"[^\w]", "", line)) < 8:
                        continue  # given code, or a brace, `break;`, `co_return;`...
                    self.assertNotIn(line.rstrip(";"), text, "a line of the solution")

    def test_every_exercise_has_mutants_that_are_registered_and_explained(self):
        for ex in self.exercises:
            with self.subTest(exercise=ex.key):
                folder = os.path.join(ROOT, ex.folder, "mutants")
                files = sorted(f for f in os.listdir(folder) if f.startswith(ex.name + "--")) \
                    if os.path.isdir(folder) else []
                self.assertGreaterEqual(len(files), MIN_MUTANTS, "mutants in " + folder)
                for f in files:
                    mutant = f.removeprefix(ex.name + "--").removesuffix(".cpp")
                    self.assertIn(f"lab{ex.lab}/exercise/{ex.name} (mutant {mutant} fails)",
                                  self.tests, f"{f} is not in lab_exercises' 'mutants'")
                    path = os.path.join(folder, f)
                    with open(path, encoding="utf-8") as text:
                        first = text.readline()
                    self.assertTrue(first.startswith(f"// Mutant of lab {ex.lab} exercise "
                                                     f"{ex.name}: "), f"{f}: first line")
                    status, lines = check_run.expectations_of(path)
                    self.assertTrue(lines or status != 1,
                                    f"{f}: name the failed check its test reports")

    def test_every_mutant_file_belongs_to_an_exercise(self):
        names = {(ex.folder, ex.name) for ex in self.exercises}
        for folder in sorted({ex.folder for ex in self.exercises}):
            mutants = os.path.join(ROOT, folder, "mutants")
            for f in sorted(os.listdir(mutants)) if os.path.isdir(mutants) else []:
                with self.subTest(mutant=f"{folder}/mutants/{f}"):
                    self.assertIn((folder, f.split("--")[0]), names)
                    self.assertTrue(f.endswith(".cpp") and "--" in f, "NAME--what.cpp")

    def test_every_test_draws_inputs_from_the_seed(self):
        for ex in self.exercises:
            with self.subTest(exercise=ex.key):
                path = os.path.join(ROOT, ex.folder, "exercises", ex.name + "_test.cpp")
                with open(path, encoding="utf-8") as f:
                    self.assertTrue("coframe::testing::seed()" in f.read(),
                                    f"{path} does not call coframe::testing::seed()")


if __name__ == "__main__":
    BUILD = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
