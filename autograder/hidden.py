"""Hidden tests run inside a notebook's own kernel: nbgrader's way.

Contract: ``score_exercise(assignment, notebook, grade_id, namespace)`` runs the
hidden cases of one graded cell against the functions in ``namespace`` and
returns the points earned, which nbgrader reads as the cell's partial credit.
It is what the source notebooks' hidden blocks call, so that nbval and
``nbgrader autograde`` work on them. It judges each case exactly as
``python -m autograder grade`` does, but in the student's own process, so
unlike that command it cannot defend against a student who tampers with the
kernel. Failures are printed to stdout (nbgrader treats stderr as an error).
"""

from autograder.cases import exercise as find_exercise
from autograder.notebooks import source_notebooks
from autograder.references import load_references
from autograder.runtime.worker import call_graded, describe_error, origin_of
from autograder.scoring import Outcome, judge


def _outcome(exercise, case, namespace):
    if exercise.function not in namespace:
        return Outcome(failure="missing", message="Keep the answer cell that defines it.")
    function = namespace[exercise.function]
    if exercise.kind == "answers":
        return Outcome(value=function)
    if not callable(function):
        return Outcome(failure="not_callable", message=type(function).__name__)
    inputs = case.inputs()
    try:
        value, changed, globals_read = call_graded(function, inputs.args, inputs.kwargs,
                                                   exercise.stand_ins)
    except NotImplementedError:
        return Outcome(failure="not_implemented")
    except Exception as error:
        return Outcome(failure="exception", message=describe_error(error))
    return Outcome(value=value, changed=changed, globals_read=globals_read,
                   origin=origin_of(function, namespace))


def score_exercise(assignment, notebook, grade_id, namespace):
    """Points earned by one graded cell's hidden cases (a float)."""
    exercise = find_exercise(assignment, notebook, grade_id)
    source = next(s for s in source_notebooks(assignment) if s.name == notebook)
    expected = load_references(assignment)[notebook][grade_id]
    points = source.points[grade_id]
    total_weight = sum(case.weight for case in exercise.cases)
    earned = 0.0
    for case in exercise.cases:
        feedback = judge(exercise, case, _outcome(exercise, case, namespace),
                         expected[case.case_id])
        if feedback:
            print(f"hidden case {grade_id}:{case.case_id}: {feedback}")
        else:
            earned += points * case.weight / total_weight
    return round(earned, 4)
