"""Hidden tests run inside a notebook's own kernel: nbgrader's way.

Contract: the source notebooks' grade cells begin with a hidden block that
calls ``grade_cell(assignment, notebook, grade_id, globals())``. It runs the
hidden cases of that cell against the notebook's functions, exactly as
``python -m autograder grade`` judges them (the same messages answered by the
worker's own ``handle``, so the same correct stand-ins for the other graded
functions and the same plain-data values; the same judge), and publishes the
points earned as the cell's first result.

nbgrader reads a grade cell's first result as its partial credit and stops
looking, so the visible check that follows in the same cell is feedback only:
when it fails (with the student's own helper functions, say) the cell still
earns what the hidden cases gave, as it does with this course's grader. The
hidden cases leave the kernel as they found it: random states are restored and
nothing is written to stderr (nbgrader would read that as an error).

``score_exercise`` is the same computation, returning the points. Unlike
``python -m autograder grade``, both run in the student's own process, so
they cannot defend against a student who tampers with the kernel.
"""

import contextlib
import json
import random
import sys
import warnings
from types import SimpleNamespace

import numpy as np

from autograder import replies
from autograder.cases import exercise as find_exercise
from autograder.execution import call_message
from autograder.notebooks import source_notebooks
from autograder.references import load_references
from autograder.runtime import codec
from autograder.runtime.worker import describe_error, handle
from autograder.scoring import Outcome, judge


def _kernel_cells():
    """The file names the kernel compiled the notebook's cells under (ipykernel names
    them after a hash of their code, not ``<ipython-input-...>``)."""
    try:
        return frozenset(get_ipython().compile._filename_map)  # noqa: F821
    except (NameError, AttributeError, TypeError):  # not in IPython
        return frozenset()


def _outcome(exercise, case, namespace, variables=frozenset()):
    """Ask the notebook's namespace what the grader's worker would be asked, through
    the worker's own ``handle``, and read the reply as the grader's parent does (the
    names the notebook bound are those of its namespace)."""
    inputs = None
    if exercise.kind == "answers":
        message = {"op": "get", "name": exercise.function}
    else:
        inputs = case.inputs()
        message = call_message(exercise.function, inputs, exercise.stand_ins)
    message = json.loads(json.dumps(message))
    reply = handle(SimpleNamespace(namespace=namespace, cell_files=_kernel_cells()), message)
    known = replies.Known(names=frozenset(n for n in namespace if isinstance(n, str)),
                          variables=variables)
    try:
        return replies.outcome(replies.parse_line(replies.as_line(reply)) or {}, inputs, known)
    except (replies.ChannelError, TypeError, ValueError) as error:
        return Outcome(failure="protocol", message=str(error))


@contextlib.contextmanager
def _kernel_left_as_found():
    """Restore the random states; send warnings and stderr to stdout."""
    states = np.random.get_state(), random.getstate()
    stderr = sys.stderr
    sys.stderr = sys.stdout
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        sys.stderr = stderr
        np.random.set_state(states[0])
        random.setstate(states[1])


def score_exercise(assignment, notebook, grade_id, namespace):
    """Points earned by one graded cell's hidden cases (a float)."""
    exercise = find_exercise(assignment, notebook, grade_id)
    source = next(s for s in source_notebooks(assignment) if s.name == notebook)
    expected = load_references(assignment)[notebook][grade_id]  # with the hints' variants
    points = source.points[grade_id]
    total_weight = sum(case.weight for case in exercise.cases)
    earned = 0.0
    with _kernel_left_as_found():
        for case in exercise.cases:
            try:
                feedback = judge(exercise, case,
                                 _outcome(exercise, case, namespace, source.variables),
                                 expected[case.case_id], expected)
            except Exception as error:  # a value the judge cannot read fails its case
                feedback = f"the result could not be checked ({describe_error(error)})"
            if feedback:
                print(f"hidden case {grade_id}:{case.case_id}: {feedback}")
            else:
                earned += points * case.weight / total_weight
    return round(earned, 4)


def grade_cell(assignment, notebook, grade_id, namespace):
    """Score a grade cell's hidden cases and publish the points as its first result.

    In IPython the points go out through the display hook, as an ``Out[n]``
    that comes before anything the visible check prints; elsewhere they are
    returned.
    """
    points = score_exercise(assignment, notebook, grade_id, namespace)
    try:
        shell = get_ipython()  # noqa: F821 (defined inside IPython only)
    except NameError:
        return points
    hook = shell.displayhook
    hook.quiet = lambda: False  # published even if the cell ends with ";"
    try:
        hook(points)
    finally:
        del hook.quiet
    return None
