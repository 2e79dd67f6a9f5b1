"""nbgrader's ``autograde`` (the command and the formgrader's button), graded in the sandbox.

Contract: ``AUTOGRADE_PREPROCESSORS`` is the list the course's ``nbgrader_config.py``
gives ``c.Autograde.autograde_preprocessors``: nbgrader's own list with its ``Execute``
step replaced by ``SandboxedGrading``. So nbgrader still sanitises a submission (its
``sanitize_preprocessors``: outputs cleared, locked cells restored from the source),
then ``SandboxedGrading`` grades that notebook with the course's grader
(``autograder.grade.grade_notebook``: the student's cells run in their own sandboxed
process, never with the hidden tests in it) and writes, into each autograded test cell,
ONLY what the grader decided: one ``execute_result`` holding the cell's points (which
nbgrader's ``SaveAutoGrades`` reads as partial credit) and the grader's feedback as
text. No kernel runs in nbgrader's process, so no score can come from one that ran
student code: whatever a student's cell does to ``autograder.hidden`` or to nbgrader,
it happens inside the sandbox and earns nothing.

The sandbox's resource limits are a setting of the preprocessor, in the course's
``nbgrader_config.py``: ``c.SandboxedGrading.limits = {"cell_seconds": 120, "memory_mb":
8192}`` (any field of ``autograder.session.Limits``, the same limits as ``python -m
autograder grade``'s options; the others keep their defaults). A name that is not a
limit, or a value that is not a positive number, is refused when nbgrader reads the
config, naming the limits there are.

A notebook the grader cannot read gets 0 for every test cell, with the reason as its
feedback; a failure of the grader itself, or no working sandbox (``SandboxError``),
raises, so nbgrader reports that submission as failed and writes no score for it.
"""

import tempfile
from dataclasses import fields, replace
from pathlib import Path

import nbformat
from nbformat.v4 import new_output

from autograder.course import load_course
from autograder.grade import grade_notebook
from autograder.notebooks import is_grade_cell, nbgrader_meta
from autograder.sandbox import detect
from autograder.session import Limits

try:  # nbgrader is the instructor's tool: this module is only imported where it is
    from nbgrader.preprocessors import NbGraderPreprocessor
    from traitlets import Dict, TraitError, validate
except ImportError:  # pragma: no cover
    NbGraderPreprocessor = object
    Dict = TraitError = validate = None

AUTOGRADE_PREPROCESSORS = [
    "autograder.nbgrader_autograde.SandboxedGrading",  # instead of nbgrader's Execute
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]


def cell_shares(tests):
    """(grade id -> share of the cell's points earned, from 0 to 1; grade id -> feedback
    lines) from a notebook's TestResults. A share, not a sum of rounded case points, so
    that a cell whose cases all passed earns exactly its points."""
    earned, most, feedback = {}, {}, {}
    for test in tests:
        grade_id, case = test.test_id.split(":", 1)
        earned[grade_id] = earned.get(grade_id, 0.0) + test.points
        most[grade_id] = most.get(grade_id, 0.0) + test.max_points
        feedback.setdefault(grade_id, []).append(f"{case}: {test.feedback}")
    shares = {grade_id: earned[grade_id] / most[grade_id] if most[grade_id] > 0 else 0.0
              for grade_id in earned}
    return shares, feedback


def scored(cell, share, feedback):
    """Replace a test cell's outputs by the grader's points and feedback: ``share`` of the
    cell's points, which come from nbgrader's own copy of the source."""
    most = float(nbgrader_meta(cell)["points"])
    earned = most * min(max(share, 0.0), 1.0)
    cell.outputs = [
        new_output("execute_result", data={"text/plain": repr(round(earned, 6))},
                   execution_count=None),
        new_output("stream", name="stdout",
                   text="Graded in the course's sandbox:\n" + "\n".join(feedback) + "\n"),
    ]
    cell.execution_count = None


def with_grades(nb, tests, error=None):
    """Give a notebook the grader's outputs only: every code cell's outputs cleared, each
    autograded test cell given its share of points and feedback from ``tests`` (the
    TestResults of this notebook); ``error``, if any, is the feedback of a test cell
    without results."""
    shares, feedback = cell_shares(tests)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.outputs, cell.execution_count = [], None  # nothing of the student's run
        if not is_grade_cell(cell) or nbgrader_meta(cell).get("solution"):
            continue
        grade_id = nbgrader_meta(cell)["grade_id"]
        if grade_id in shares:
            scored(cell, shares[grade_id], feedback[grade_id])
        else:  # a test cell the grader has no cases for earns nothing by itself
            scored(cell, 0.0, [error or "the course's grader has no hidden cases for this "
                                        "cell: grade it by hand"])
    return nb


LIMIT_NAMES = tuple(f.name for f in fields(Limits))


def limits_from(settings):
    """The Limits of a ``{limit name: number}`` setting (the others at their defaults);
    ValueError, saying the names and what a value must be, for anything else."""
    unknown = sorted(set(settings) - set(LIMIT_NAMES))
    if unknown:
        raise ValueError(f"SandboxedGrading.limits: {', '.join(map(str, unknown))} is not a "
                         f"limit; the limits are {', '.join(LIMIT_NAMES)}.")
    defaults = Limits()
    values = {}
    for name, value in settings.items():
        kind = type(getattr(defaults, name))
        if type(value) not in (int, float) or not value > 0 or \
                (kind is int and value != int(value)):
            raise ValueError(f"SandboxedGrading.limits: {name} must be a positive "
                             f"{'whole ' if kind is int else ''}number, not {value!r}.")
        values[name] = kind(value)
    return replace(defaults, **values)


class SandboxedGrading(NbGraderPreprocessor):
    """nbgrader's execute step, replaced: grade the notebook with the course's grader."""

    limits = Dict(help="The sandbox's resource limits for each notebook, by the names of "
                       "autograder.session.Limits (e.g. {'cell_seconds': 120, 'memory_mb': "
                       "8192}); the limits not named keep their defaults.").tag(config=True)

    @validate("limits")
    def _limits_are_limits(self, proposal):
        try:
            limits_from(proposal["value"])
        except ValueError as error:
            raise TraitError(str(error)) from None
        return proposal["value"]

    def preprocess(self, nb, resources):
        assignment = resources["nbgrader"]["assignment"]
        name = resources["nbgrader"]["notebook"]
        course = load_course(assignment)
        source = next((s for s in course.sources if s.name == name), None)
        if source is None:
            raise ValueError(f"{name} is not a notebook of {assignment} in the course's "
                             f"sources (autograder/source/{assignment}/)")
        mine = [e for e in course.exercises if e.notebook == name]
        with tempfile.TemporaryDirectory(prefix="nbgrader-autograde-") as scratch:
            path = Path(scratch) / source.filename
            nbformat.write(nb, path)
            tests, error = grade_notebook(path, source, mine, course.references,
                                          limits=limits_from(self.limits),
                                          sandbox=detect(required=True))
        with_grades(nb, tests, error)
        return nb, resources
