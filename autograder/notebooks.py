"""Reading source notebooks and students' submissions.

Contract: ``source_notebooks(assignment)`` describes the instructor's sources
(grade cells, their points, cells not needed for grading, the variables their own
code assigns); ``read_submission``
reads a student's file or raises ``SubmissionError`` with a sentence the
instructor can act on; ``cells_to_run`` picks the code the grader executes.
Grade cells are always taken from the sources: whatever a student does to the
check cells of their copy (edit, delete, duplicate, add, change points) is
ignored, because those cells are never run and never counted.
"""

import hashlib
import json
import os
import symtable
from dataclasses import dataclass
from pathlib import Path

import nbformat

from autograder.helpers_view import reference_modules
from autograder.intake import UnreadableFile, display_name, notebook_files, read_bytes

COURSE_DIR = Path(__file__).resolve().parent
SOURCE_DIR = COURSE_DIR / "source"
MAX_NOTEBOOK_BYTES = 20 * 1024 * 1024


class SubmissionError(Exception):
    """A submitted file that cannot be graded, with the reason in plain words."""


@dataclass(frozen=True)
class SourceNotebook:
    """What the grader needs to know about one source notebook."""

    assignment: str
    name: str                    # file stem, e.g. "numpy_basics"
    path: Path
    points: dict                 # grade_id -> points of the grade cell
    grade_cell_ids: frozenset    # cell ids of the grade cells
    skip_cell_ids: frozenset     # cell ids of cells not needed for grading
    reference_modules: frozenset  # helpers.reference modules its process may import
    variables: frozenset = frozenset()  # names its code cells other than answer cells assign

    @property
    def filename(self):
        return f"{self.name}.ipynb"


def nbgrader_meta(cell):
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def is_grade_cell(cell):
    return bool(nbgrader_meta(cell).get("grade"))


def skip_when_grading(cell):
    return bool((cell.get("metadata", {}).get("autograder") or {}).get("skip_when_grading"))


def assignments():
    """Names of the assignments that have sources."""
    return sorted(p.name for p in SOURCE_DIR.iterdir() if p.is_dir() and not p.name.startswith("."))


def course_order(assignment):
    """Notebook names in the order students meet them (the order of the hidden cases)."""
    from autograder.cases import exercises

    try:
        found = exercises(assignment)
    except LookupError:
        return []
    return list(dict.fromkeys(e.notebook for e in found))


def source_notebooks(assignment):
    """The source notebooks of an assignment, in course order (then by name)."""
    folder = SOURCE_DIR / assignment
    if not folder.is_dir():
        known = ", ".join(assignments()) or "none"
        raise LookupError(f"There is no assignment called {assignment!r} (known: {known}).")
    result = []
    order = course_order(assignment)
    ranked = sorted(folder.glob("*.ipynb"), key=lambda p: (
        order.index(p.stem) if p.stem in order else len(order), p.stem))
    for path in ranked:
        nb = nbformat.read(path, as_version=4)
        points, grade_ids, skip_ids = {}, set(), set()
        for cell in nb.cells:
            if is_grade_cell(cell):
                points[nbgrader_meta(cell)["grade_id"]] = float(nbgrader_meta(cell)["points"])
                grade_ids.add(cell.get("id"))
            elif skip_when_grading(cell):
                skip_ids.add(cell.get("id"))
        code = [c.source for c in nb.cells if c.cell_type == "code"]
        variables = frozenset().union(*(assigned_variables(c.source) for c in nb.cells
                                        if c.cell_type == "code"
                                        and not nbgrader_meta(c).get("solution")))
        result.append(SourceNotebook(assignment, path.stem, path, points,
                                     frozenset(grade_ids), frozenset(skip_ids),
                                     reference_modules(code), variables))
    return result


def assigned_variables(code):
    """The names a cell of the course's own code assigns at its top level: its variables,
    not its functions, classes or imports. A student's function that needs one of a source
    notebook's variables to run has read a notebook variable instead of its arguments."""
    code = "\n".join(line for line in code.splitlines()
                     if not line.lstrip().startswith(("%", "!")))  # IPython's magics
    try:
        table = symtable.symtable(code, "<cell>", "exec")
    except (SyntaxError, ValueError):
        return frozenset()
    return frozenset(s.get_name() for s in table.get_symbols()
                     if s.is_assigned() and not s.is_imported() and not s.is_namespace())


def sources_digest(assignment):
    """A fingerprint of what the references depend on: the sources' code and the cases."""
    digest = hashlib.sha256()
    for source in source_notebooks(assignment):
        nb = nbformat.read(source.path, as_version=4)
        code = [c.source for c in nb.cells if c.cell_type == "code"]
        digest.update(json.dumps([source.name, code]).encode())
    cases = COURSE_DIR / "cases" / f"{assignment}.py"
    digest.update(cases.read_bytes())
    return digest.hexdigest()


def read_submission(path):
    """Read a submitted notebook; raise SubmissionError saying what is wrong with it.

    The file is read without following a link and at most MAX_NOTEBOOK_BYTES of it.
    """
    path = Path(path)
    name = display_name(path.name)
    try:
        data = read_bytes(path, MAX_NOTEBOOK_BYTES)
    except UnreadableFile as problem:
        raise SubmissionError(str(problem)) from None
    if len(data) > MAX_NOTEBOOK_BYTES:
        raise SubmissionError(f"{name} is over the {MAX_NOTEBOOK_BYTES // 2**20} MB limit: "
                              f"clear the outputs (Kernel > Restart and clear outputs) and "
                              f"submit again.")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise SubmissionError(f"{name} is not a notebook (it is not text).") from None
    if not text.lstrip().startswith("{"):
        raise SubmissionError(f"{name} is not a notebook: it does not hold notebook JSON "
                              f"(was another file saved under this name?).")
    try:
        raw = json.loads(text)
    except RecursionError:
        raise SubmissionError(f"{name} is not valid notebook JSON (it is nested too deeply "
                              f"for a notebook). Was it edited outside Jupyter?") from None
    except ValueError as error:
        raise SubmissionError(f"{name} is not valid notebook JSON ({error}). Was it "
                              f"edited outside Jupyter or cut short?") from None
    if not isinstance(raw, dict) or "cells" not in raw and "worksheets" not in raw:
        raise SubmissionError(f"{name} is JSON but not a notebook.")
    if not isinstance(raw.get("nbformat", 0), int) or raw.get("nbformat", 0) < 4:
        raise SubmissionError(f"{name} is in the old notebook format "
                              f"{str(raw.get('nbformat'))[:20]}: open it in JupyterLab, save "
                              f"it, and submit it again.")
    try:
        nb = nbformat.reads(text, as_version=4)
        nbformat.validate(nb)
    except RecursionError:
        raise SubmissionError(f"{name} is not a valid notebook: it is nested too deeply.") \
            from None
    except Exception as error:  # nbformat raises several kinds
        raise SubmissionError(f"{name} is not a valid notebook: "
                              f"{str(error).splitlines()[0][:200]}") from None
    return nb


def cells_to_run(nb, source):
    """The code cells the grader runs, as a list of (cell number, code).

    Grade cells (by the sources' ids or by their own metadata) and cells marked
    as not needed for grading are left out. Cell numbers count from 1.
    """
    cells = []
    for number, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code":
            continue
        cell_id = cell.get("id")
        if cell_id in source.grade_cell_ids or is_grade_cell(cell):
            continue
        if cell_id in source.skip_cell_ids or skip_when_grading(cell):
            continue
        cells.append((number, cell.source))
    return cells


def assignment_of(nb):
    """The assignment a notebook was released for, if it says."""
    return (nb.metadata.get("autograder") or {}).get("assignment")


def locate(folder, source, claimed=()):
    """The file in a student's folder to grade as ``source``: its own name, else a
    renamed copy (tagged by the release as that notebook, or named after it).
    Links and special files are never taken for a renamed copy.

    Returns (path or None, note or None).
    """
    folder = Path(folder)
    exact = folder / source.filename
    if os.path.lexists(exact):
        return exact, None
    others = [p for p in notebook_files(folder) if p.name not in claimed]
    for path in others:
        try:
            data = read_bytes(path, MAX_NOTEBOOK_BYTES)
            tag = json.loads(data)["metadata"]["autograder"]
        except (UnreadableFile, ValueError, KeyError, TypeError, RecursionError):
            continue
        if isinstance(tag, dict) and tag.get("notebook") == source.name:
            return path, f"{display_name(path.name)} was graded as {source.filename} " \
                         f"(rename it back)."
    named = [p for p in others if source.name in p.stem]
    if len(named) == 1:
        return named[0], f"{display_name(named[0].name)} was graded as {source.filename} " \
                         f"(rename it back)."
    return None, None
