"""Week 5's reference code gives what the notebook's source solutions give.

The grader hands ``helpers.reference.optimizers`` to ``model``'s cases as stand-ins for the
student's mini-batches, optimisers and schedules, so each function is called on every hidden
case of its exercise and compared with the stored reference outputs of the source solutions.
"""

import copy

import pytest

from autograder.cases import exercises
from autograder.references import load_references
from helpers.diagnosis import matches
from helpers.reference import optimizers

ASSIGNMENT = "week5_optimization"
GRADED = [e for e in exercises(ASSIGNMENT) if e.kind == "call" and e.function in optimizers.__all__]


def test_every_exercise_model_calls_has_a_reference_version():
    called = {name for e in exercises(ASSIGNMENT) for name, (module, _) in e.stand_ins.items()
              if module == optimizers.__name__}
    assert called and called <= {e.function for e in GRADED}


@pytest.mark.parametrize("exercise", GRADED, ids=[e.function for e in GRADED])
def test_the_reference_version_gives_the_source_solutions_result(exercise):
    function = getattr(optimizers, exercise.function)
    references = load_references(ASSIGNMENT)[exercise.notebook][exercise.grade_id]
    for case in exercise.cases:
        inputs = case.inputs()
        args, kwargs = copy.deepcopy((inputs.args, inputs.kwargs))
        assert matches(function(*args, **kwargs), references[case.case_id],
                       exercise.rtol, exercise.atol), case.case_id
        assert matches((args, kwargs), (inputs.args, inputs.kwargs))  # inputs unchanged
