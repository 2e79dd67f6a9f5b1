"""Hidden tests run inside a notebook's own kernel: nbgrader's way.

Contract: the source notebooks' grade cells begin with a hidden block that
calls ``grade_cell(assignment, notebook, grade_id, globals())``. It runs the
hidden cases of that cell against the notebook's functions, exactly as
``python -m autograder grade`` judges them (correct stand-ins for the other
graded functions, values passed through the same plain-data codec, the same
feedback), and publishes the points earned as the cell's first result.

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

import numpy as np

from autograder.cases import exercise as find_exercise
from autograder.notebooks import source_notebooks
from autograder.references import load_references
from autograder.runtime import codec
from autograder.runtime.worker import call_graded, describe_error, origin_of
from autograder.scoring import Outcome, judge


def _as_plain_data(value):
    """``value`` as the grader's parent would receive it from the student's process."""
    return codec.decode(json.loads(json.dumps(codec.encode(value), allow_nan=False)))


def _outcome(exercise, case, namespace):
    if exercise.function not in namespace:
        return Outcome(failure="missing", message="Keep the answer cell that defines it.")
    function = namespace[exercise.function]
    if exercise.kind == "answers":
        return Outcome(value=_as_plain_data(function))
    if not callable(function):
        return Outcome(failure="not_callable", message=type(function).__name__)
    inputs = case.inputs()
    args, kwargs = _as_plain_data(tuple(inputs.args)), _as_plain_data(dict(inputs.kwargs))
    origin = origin_of(function, namespace)
    try:
        value, changed, globals_read = call_graded(function, args, kwargs, exercise.stand_ins)
    except NotImplementedError:
        return Outcome(failure="not_implemented", origin=origin)
    except (Exception, SystemExit) as error:  # as the grader's worker reports them
        return Outcome(failure="exception", message=describe_error(error), origin=origin)
    return Outcome(value=_as_plain_data(value), changed=changed, globals_read=globals_read,
                   origin=origin)


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
    expected = load_references(assignment)[notebook][grade_id]
    points = source.points[grade_id]
    total_weight = sum(case.weight for case in exercise.cases)
    earned = 0.0
    with _kernel_left_as_found():
        for case in exercise.cases:
            try:
                feedback = judge(exercise, case, _outcome(exercise, case, namespace),
                                 expected[case.case_id])
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
