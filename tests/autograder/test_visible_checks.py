"""A visible check never passes a mistake that the hidden grade fails.

For every sample of every assignment's corpus (``tests/submissions/<assignment>/``, named
by mistake) that loses points, the notebook's own check cell of the exercise it loses
fails when a student runs it on the sample's code: a student who sees ✓ must not lose
the points later. A correct alternative (a sample that loses nothing) passes its check.

How a sample is checked, as a student's notebook would run it: per source notebook, the
namespace a student has is built once from its first cell (the imports), its given
cells, the solution's answer cells and the visible part of its check cells, run in
order. Only the cells that some check cell, answer cell or sample needs run (a
dependency analysis of the names each cell binds and uses), so that training and
plotting cells cost nothing. Each check cell then sees the namespace as it was just
before it; for a sample, its cell replaces the answer cell, the definition cells up to
the check run again, and the check cell of the exercise the sample loses runs. Cells
are compiled as IPython compiles them (each under a file name of its own, with its
source in ``linecache``), so the checks see what they see in a notebook.

The one exemption is a concept check (an exercise of kind "answers"): its visible check
checks only the form of the answers, by design, since showing which are right would
give them away; the grader marks them.

Every notebook is one test, and each lists all its samples that slip through at once.
"""

import ast
import builtins
import contextlib
import io
import linecache
import os
import re
import symtable
from dataclasses import dataclass, field

import nbformat
import pytest
from IPython.core.compilerop import CachingCompiler

from autograder.cases import exercise
from autograder.notebooks import is_grade_cell, nbgrader_meta, source_notebooks
from helpers import checklist
from tests.autograder.conftest import ASSIGNMENTS, corpus, corpus_dir

os.environ.setdefault("MPLBACKEND", "Agg")
NOTEBOOKS = [(a, s.name) for a in ASSIGNMENTS for s in source_notebooks(a)]
HIDDEN_BLOCK = re.compile(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS\n?", re.S)


@dataclass
class Cell:
    """One code cell of a source notebook, as a student's notebook runs it."""

    key: str                 # its grade_id, else its cell id
    code: str                # the visible code: no IPython magics, no hidden tests
    check: str = ""          # the grade_id it checks, for a check cell
    answer: bool = False     # an answer cell (the student's code goes there)
    defines: bool = False    # it only defines functions (and imports): cheap to run again
    bound: set = field(default_factory=set)
    used: set = field(default_factory=set)


def _visible(source):
    """A cell's code as the release shows it, without IPython's line magics."""
    code = HIDDEN_BLOCK.sub("", source)
    return "\n".join(line for line in code.splitlines() if not line.lstrip().startswith("%"))


def _cells(assignment, notebook):
    source = next(s for s in source_notebooks(assignment) if s.name == notebook)
    cells = []
    for cell in nbformat.read(source.path, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        meta = nbgrader_meta(cell)
        code = _visible(cell.source)
        bound, used = _names(code)
        cells.append(Cell(
            key=meta.get("grade_id") or cell.get("id"), code=code,
            check=meta["grade_id"] if is_grade_cell(cell) else "",
            answer=bool(meta.get("solution")),
            defines=all(isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.Import,
                                          ast.ImportFrom, ast.Expr))
                        for node in ast.parse(code).body),
            bound=bound, used=used))
    return cells


def _names(code):
    """(bound, used): the global names a cell's code binds at its top level, and those it
    (or a function it defines) reads without binding them itself."""
    table = symtable.symtable(code, "<cell>", "exec")
    bound = {s.get_name() for s in table.get_symbols() if s.is_assigned() or s.is_imported()}
    used = {s.get_name() for s in table.get_symbols() if s.is_referenced()}
    scopes = list(table.get_children())
    while scopes:
        scope = scopes.pop()
        used |= {s.get_name() for s in scope.get_symbols() if s.is_global()}
        scopes += scope.get_children()
    return bound, used - bound


def _needed(cells, samples):
    """The cells a student's notebook must run for its checks: the first cell (the
    imports), every answer and check cell, and every cell that binds a name one of
    them (or a sample, or another needed cell after it) uses."""
    used = set().union(*(_names(s["code"])[1] for s in samples.values()))
    needed = []
    for number in reversed(range(len(cells))):
        cell = cells[number]
        if number == 0 or cell.answer or cell.check or cell.bound & used:
            needed.append(cell)
            used |= cell.used
    return needed[::-1]


class Notebook:
    """A source notebook's cells run as a student runs them, with the namespace each
    check cell sees kept, to run that check again on a sample's code."""

    def __init__(self, assignment, notebook):
        self.assignment, self.notebook = assignment, notebook
        self.samples = {name: sample for name, sample in corpus(corpus_dir(assignment)).items()
                        if sample["notebook"] == notebook}
        self.cells = _needed(_cells(assignment, notebook), self.samples)
        self.compiler = CachingCompiler()
        self.before = {}   # grade_id of a check cell -> the namespace just before it
        self.failed = {}   # cell key -> its error, with the course's own solutions
        namespace = {"__name__": "__main__", "__builtins__": builtins}
        for cell in self.cells:
            if cell.check:
                self.before[cell.check] = dict(namespace)
            error = self.run(cell.code, namespace)
            if error:
                self.failed[cell.key] = error
        self.checklist = checklist.records()

    def run(self, code, namespace):
        """Run one cell's code as IPython would; its error as text, or ""."""
        filename = self.compiler.cache(code)
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                exec(self.compiler(code, filename, "exec"), namespace)
        except Exception as error:  # a failing check says what it found
            return f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
        return ""

    def check_with(self, sample):
        """The error of the check cell of the exercise ``sample`` loses when it runs on the
        sample's code, "" when it passes."""
        grade_id = sample["loses"][0] if sample["loses"] else sample["cell"].removesuffix(
            "_answer")
        namespace = dict(self.before[grade_id])
        keys = [cell.key for cell in self.cells]
        start, end = keys.index(sample["cell"]), keys.index(grade_id)
        self._reset_checklist()
        for cell in self.cells[start:end]:
            if cell.key == sample["cell"]:
                error = self.run(sample["code"], namespace)
                if error:
                    return f"its own cell fails ({error})"
            elif cell.answer or cell.defines:
                self.run(cell.code, namespace)
        return self.run(self.cells[end].code, namespace)

    def _reset_checklist(self):
        """The checklist as the correct solutions left it, so that no sample's check
        hangs on what an earlier sample's check recorded."""
        checklist._records.clear()
        checklist._records.update(self.checklist)


@pytest.fixture(scope="module")
def notebook_runs(tmp_path_factory):
    """The Notebook of each (assignment, notebook), built once; the checklist and
    linecache are left as they were found."""
    built, records = {}, checklist.records()

    def of(assignment, notebook):
        if (assignment, notebook) not in built:
            with contextlib.chdir(tmp_path_factory.mktemp(notebook)):
                built[assignment, notebook] = Notebook(assignment, notebook)
        return built[assignment, notebook]
    yield of
    for run in built.values():
        for filename in run.compiler._filename_map:
            linecache.cache.pop(filename, None)
    checklist._records.clear()
    checklist._records.update(records)


def _is_concept_check(assignment, notebook, grade_id):
    return exercise(assignment, notebook, grade_id).kind == "answers"


@pytest.mark.parametrize("assignment, notebook", NOTEBOOKS, ids=[n for _, n in NOTEBOOKS])
def test_every_check_cell_passes_with_the_course_solutions(notebook_runs, assignment,
                                                            notebook):
    run = notebook_runs(assignment, notebook)
    assert run.before, f"{notebook} has no check cells"
    assert run.failed == {}


@pytest.mark.parametrize("assignment, notebook", NOTEBOOKS, ids=[n for _, n in NOTEBOOKS])
def test_no_visible_check_passes_a_mistake_that_loses_points(notebook_runs, assignment,
                                                            notebook, tmp_path):
    run = notebook_runs(assignment, notebook)
    lossy = {name: s for name, s in run.samples.items()
             if s["loses"] and not _is_concept_check(assignment, notebook, s["loses"][0])}
    with contextlib.chdir(tmp_path):
        slipped = [f"{name} (loses {s['loses'][0]})" for name, s in lossy.items()
                   if not run.check_with(s)]
    print(f"{notebook}: the visible checks catch {len(lossy) - len(slipped)} of "
          f"{len(lossy)} samples that lose points")
    assert not slipped, ("the visible checks pass these mistakes, which lose points in the "
                         "grade:\n" + "\n".join(slipped))


@pytest.mark.parametrize("assignment, notebook", NOTEBOOKS, ids=[n for _, n in NOTEBOOKS])
def test_a_correct_alternative_passes_its_visible_check(notebook_runs, assignment, notebook,
                                                        tmp_path):
    run = notebook_runs(assignment, notebook)
    with contextlib.chdir(tmp_path):
        failed = [f"{name}: {error}" for name, s in run.samples.items()
                  if not s["loses"] and (error := run.check_with(s))]
    assert not failed, "correct alternatives that fail their check:\n" + "\n".join(failed)
