"""Submissions made from the released notebooks, as a student would hand them in.

Every assignment is covered: a notebook's name is unique in the course, so the
helpers here find its assignment from the name. ``ASSIGNMENT`` is the week the
tests of the grader's own mechanics (limits, resuming, the command line) use.
"""

import copy
import functools
import re
from collections import defaultdict
from pathlib import Path

import nbformat
import pytest

from autograder.notebooks import assignments, nbgrader_meta, source_notebooks
from autograder.release import NOTEBOOKS_DIR

ASSIGNMENT = "week1_logistic_regression"
ASSIGNMENTS = assignments()
TESTS_DIR = Path(__file__).resolve().parent.parent
CORPUS_DIR = TESTS_DIR / "submissions" / ASSIGNMENT
HEADER = re.compile(r"^# (notebook|cell|loses|kind|may also lose): (.*)$", re.M)


def corpus_dir(assignment):
    return TESTS_DIR / "submissions" / assignment


@functools.cache
def assignment_of(notebook):
    """The assignment a source notebook (by name) belongs to."""
    for assignment in ASSIGNMENTS:
        if notebook in notebook_names_of(assignment):
            return assignment
    raise LookupError(f"no assignment has a notebook called {notebook}")


@functools.cache
def notebook_names_of(assignment):
    return tuple(s.name for s in source_notebooks(assignment))


def released(notebook):
    return nbformat.read(NOTEBOOKS_DIR / assignment_of(notebook) / f"{notebook}.ipynb",
                         as_version=4)


def solution_cells(notebook):
    """grade_id -> source of the answer cells of the source notebook."""
    source = next(s for s in source_notebooks(assignment_of(notebook)) if s.name == notebook)
    nb = nbformat.read(source.path, as_version=4)
    return {nbgrader_meta(c)["grade_id"]: c.source for c in nb.cells
            if nbgrader_meta(c).get("solution")}


def solved(notebook, replacements=None):
    """The released notebook with every answer cell filled in (or replaced)."""
    nb = copy.deepcopy(released(notebook))
    solutions = solution_cells(notebook)
    for cell in nb.cells:
        grade_id = nbgrader_meta(cell).get("grade_id")
        if grade_id in solutions:
            cell.source = solutions[grade_id]
        if replacements and grade_id in replacements:
            cell.source = replacements[grade_id]
    return nb


def corpus(folder=CORPUS_DIR):
    """Every sample submission in a folder: name -> dict(notebook, cell, loses, partly, kind,
    code). ``kind`` is the kind of mistake a sample that loses points declares (its
    ``# kind:`` header, the label the feedback and the class report name it by), or None."""
    samples = {}
    for path in sorted(folder.glob("*.py")):
        text = path.read_text()
        header = dict(HEADER.findall(text))
        loses = header["loses"].split()
        samples[path.stem] = {
            "notebook": header["notebook"], "cell": header["cell"],
            "loses": [] if loses == ["none"] else [loses[0]],
            "partly": "partly" in loses, "kind": header.get("kind"), "code": text,
            # an attack that wrecks its own process may cost the rest of its notebook too
            "wrecks_its_notebook": header.get("may also lose") == "the rest of its notebook",
        }
    return samples


def points_by_exercise(tests):
    """Points earned and possible per grade_id, from a list of TestResult."""
    earned, possible = defaultdict(float), defaultdict(float)
    for test in tests:
        grade_id = test.test_id.split(":")[0]
        earned[grade_id] += test.points
        possible[grade_id] += test.max_points
    return earned, possible


def off_its_declared_loss(sample, tests):
    """The exercises of a corpus sample's notebook whose points differ from what its header
    declares (``loses``: all of that exercise's points, or some of them if ``partly``; all
    the others kept), as {grade_id: (earned, possible)}; {} when the grade is as declared."""
    earned, possible = points_by_exercise([t for t in tests if t.notebook == sample["notebook"]])
    off = {}
    for grade_id in possible:
        if grade_id in sample["loses"]:
            right = 0 < earned[grade_id] < possible[grade_id] if sample["partly"] \
                else earned[grade_id] == 0
        else:
            right = earned[grade_id] == pytest.approx(possible[grade_id])
        if not right:
            off[grade_id] = (earned[grade_id], possible[grade_id])
    return off


def write_submission(folder, notebooks):
    """Write {notebook name: NotebookNode} into a student's folder."""
    folder.mkdir(parents=True)
    for name, nb in notebooks.items():
        nbformat.write(nb, folder / f"{name}.ipynb")


@pytest.fixture(scope="session")
def notebook_names():
    return list(notebook_names_of(ASSIGNMENT))
