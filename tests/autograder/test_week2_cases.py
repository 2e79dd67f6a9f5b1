"""Week 2's hidden cases keep the rules that make one mistake cost one exercise.

- Exercises come in dependency order: a stand-in that is itself an exercise of the
  notebook belongs to an exercise listed earlier.
- Every argument (but ``print_cost``) changes the expected output of some case, so a
  function that ignores an argument loses points.
- A function with defaults has a case that calls it with all of them.
- Each case's expected output, worked out with the helpers' reference code, is the stored
  reference (so the stand-ins and the source solutions agree).
"""

import copy
import importlib
import inspect

import numpy as np
import pytest

from autograder.cases import exercises
from autograder.references import load_references
from helpers.reference import activations, shallow_network
from helpers.testing import diagnose

ASSIGNMENT = "week2_shallow_network"
EXERCISES = [e for e in exercises(ASSIGNMENT) if e.kind == "call"]
EXEMPT = {"print_cost"}


def _reference(exercise):
    return getattr(shallow_network, exercise.function, None) or getattr(activations,
                                                                        exercise.function)


def _expected(exercise, args, kwargs):
    """The reference output, with the exercise's seeding stand-in applied first."""
    for name, (module, attribute) in exercise.stand_ins.items():
        if name == "np":
            getattr(importlib.import_module(module), attribute)  # seeds the generator
    with np.errstate(all="ignore"):  # a nudged A2 above 1 has no log: a NaN is a change too
        return _reference(exercise)(*copy.deepcopy(args), **copy.deepcopy(kwargs))


def _nudged(value):
    """Values of the same kind as ``value``, each changed everywhere (arrays also get a row
    more, for functions that read only shapes)."""
    if isinstance(value, bool):
        return [not value]
    if isinstance(value, int):
        return [value + 1]
    if isinstance(value, float):
        return [value * 1.5 + 0.1]
    if isinstance(value, np.ndarray):
        return [value * 1.5 + 0.1, np.vstack([value, value[:1]])]
    if isinstance(value, dict):
        return [{k: _nudged(v)[0] for k, v in value.items()}]
    if isinstance(value, list):
        return [[_nudged(v)[0] for v in value]]
    raise TypeError(type(value))


def _differs(a, b):
    try:
        return bool(diagnose(a, b, "output"))
    except Exception:
        return True


def test_exercises_come_in_dependency_order():
    seen = set()
    names = {e.function for e in exercises(ASSIGNMENT)}
    for exercise in exercises(ASSIGNMENT):
        for name in exercise.stand_ins:
            if name in names:
                assert name in seen, f"{exercise.function} stands in {name}, listed later"
        seen.add(exercise.function)


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.function)
def test_every_argument_changes_some_expected_output(exercise):
    parameters = inspect.signature(_reference(exercise)).parameters
    influential = set()
    for case in exercise.cases:
        inputs = case.inputs()
        base = _expected(exercise, inputs.args, inputs.kwargs)
        calls = []
        for position, name in enumerate(list(parameters)[:len(inputs.args)]):
            for nudged in _nudged(inputs.args[position]):
                args = list(inputs.args)
                args[position] = nudged
                calls.append((name, tuple(args), inputs.kwargs))
        for name, value in inputs.kwargs.items():
            calls += [(name, inputs.args, {**inputs.kwargs, name: nudged})
                      for nudged in _nudged(value)]
        for name, args, kwargs in calls:
            try:
                changed = _expected(exercise, args, kwargs)
            except Exception:  # a nudged shape that no longer fits the others counts too
                influential.add(name)
                continue
            if _differs(changed, base):
                influential.add(name)
    assert set(parameters) - EXEMPT - influential == set()


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.function)
def test_defaults_are_called_as_they_are(exercise):
    parameters = inspect.signature(_reference(exercise)).parameters
    defaults = {n for n, p in parameters.items() if p.default is not inspect.Parameter.empty}
    if not defaults:
        return
    assert any(not (defaults - EXEMPT) & set(c.inputs().kwargs)
               and len(c.inputs().args) <= len(parameters) - len(defaults)
               for c in exercise.cases)


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.function)
def test_the_reference_code_gives_the_stored_references(exercise):
    stored = load_references(ASSIGNMENT)[exercise.notebook][exercise.grade_id]
    for case in exercise.cases:
        inputs = case.inputs()
        actual = _expected(exercise, inputs.args, inputs.kwargs)
        assert diagnose(actual, stored[case.case_id], "output") == [], case.case_id
