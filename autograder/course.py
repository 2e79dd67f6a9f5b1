"""What grading one assignment reads from the course, loaded once per process.

Contract: ``load_course(assignment)`` returns a ``Course``: the source notebooks,
the exercises of the hidden cases, the reference outputs, and ``digest``, one
hash of everything a grade depends on besides the submission and the limits
(the grader's and the helpers' code, the Python and numpy that run them, and
this assignment's sources, cases and references). The grading process and
every Dask worker parse the sources only when their bytes change: a Course is
kept per assignment under a lock, keyed by a hash of the files it was read
from, so that threads grading at once never parse at the same time (CPython
3.11's parser is not thread-safe) and a changed source is seen at the next call.

``grader_digest()`` is the code part of the digest, read once per process from
the files on disk: code edited after a process started is not the code it runs,
so a process (a Dask worker) must be restarted after the course is updated,
and the cluster's preflight refuses one that was not (``autograder.cluster``).
"""

import hashlib
import platform
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy

import autograder
import helpers
from autograder import notebooks
from autograder.cases import exercises as assignment_exercises
from autograder.references import load_references, reference_path

CASES_DIR = Path(autograder.__file__).resolve().parent / "cases"


@dataclass(frozen=True)
class Course:
    """One assignment as the grader uses it; shared by threads, never changed."""

    assignment: str
    sources: tuple      # SourceNotebook, in course order
    exercises: tuple    # Exercise, of every notebook
    references: dict    # notebook -> grade_id -> case_id -> output
    digest: str         # grader code + runtime + these sources, cases and references


_lock = threading.Lock()
_loaded = {}  # assignment -> (files key, Course)


@cache
def grader_digest():
    """A hash of the grader's and the helpers' .py files and of the runtime running them."""
    hasher = hashlib.sha256()
    hasher.update(f"{platform.python_implementation()} {platform.python_version()} "
                  f"numpy {numpy.__version__}".encode())
    for package in (autograder, helpers):
        root = Path(package.__file__).resolve().parent
        for path in sorted(root.rglob("*.py")):
            if "__pycache__" in path.parts:
                continue
            hasher.update(f"\0{package.__name__}/{path.relative_to(root).as_posix()}\0".encode())
            hasher.update(path.read_bytes())
    return hasher.hexdigest()


def _files_key(assignment):
    """A hash of the files an assignment's Course is read from (all of their bytes)."""
    hasher = hashlib.sha256(assignment.encode())
    paths = sorted((notebooks.SOURCE_DIR / assignment).glob("*.ipynb"))
    for path in [*paths, CASES_DIR / f"{assignment}.py", reference_path(assignment)]:
        hasher.update(f"\0{path.name}\0".encode())
        try:
            hasher.update(path.read_bytes())
        except OSError:
            hasher.update(b"missing")  # loading says what is missing
    return hasher.hexdigest()


def load_course(assignment):
    """The Course of an assignment, read again only when its files changed.

    Raises what reading raises (LookupError for an unknown assignment,
    ReferencesError for missing or stale references); a failure is not kept.
    """
    grader = grader_digest()
    key = _files_key(assignment)
    with _lock:
        kept = _loaded.get(assignment)
        if kept is not None and kept[0] == key:
            return kept[1]
        for _ in range(3):  # a file changed while it was read: read again
            loaded = Course(assignment, tuple(notebooks.source_notebooks(assignment)),
                            tuple(assignment_exercises(assignment)),
                            load_references(assignment),
                            hashlib.sha256(f"{grader}\0{key}".encode()).hexdigest())
            read_from, key = key, _files_key(assignment)
            if read_from == key:
                break
        _loaded[assignment] = (read_from, loaded)
        return loaded
