"""Week 4's reference code gives what the notebooks' source solutions give.

Later notebooks (and the delegation attacks) rely on ``helpers.reference.data_setup``,
``initializations``, ``regularization`` and ``gradient_checking`` being the correct versions
of week 4's exercises:
each is called on every hidden case of its exercise, with numpy's generator seeded as the
grader seeds it, and compared with the stored reference outputs of the source solutions.
"""

import copy
import importlib

import numpy as np
import pytest

from autograder.cases import exercises
from autograder.references import load_references
from helpers.diagnosis import matches

ASSIGNMENT = "week4_practical_aspects"
MODULES = {"setup_and_normalization": "helpers.reference.data_setup",
           "initialization": "helpers.reference.initializations",
           "regularization": "helpers.reference.regularization",
           "gradient_checking": "helpers.reference.gradient_checking"}
# gradient_check is graded with a faulty backward pass planted in its namespace: the reference
# module's own gradient_check checks the correct one, so their results differ by design
GRADED = [e for e in exercises(ASSIGNMENT) if e.kind == "call" and e.notebook in MODULES
          and not e.planted]


@pytest.mark.parametrize("exercise", GRADED, ids=[e.function for e in GRADED])
def test_the_reference_version_gives_the_source_solutions_result(exercise):
    function = getattr(importlib.import_module(MODULES[exercise.notebook]), exercise.function)
    references = load_references(ASSIGNMENT)[exercise.notebook][exercise.grade_id]
    for case in exercise.cases:
        inputs = case.inputs()
        if inputs.numpy_seed is not None:
            np.random.seed(inputs.numpy_seed)
        args, kwargs = copy.deepcopy((inputs.args, inputs.kwargs))
        assert matches(function(*args, **kwargs), references[case.case_id],
                       exercise.rtol, exercise.atol), case.case_id
        assert matches((args, kwargs), (inputs.args, inputs.kwargs))  # inputs unchanged
