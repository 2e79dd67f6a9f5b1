"""Hidden test cases: the inputs the grader calls each exercise with.

Contract: an assignment's module (``autograder.cases.<assignment>``) defines
``EXERCISES``, a tuple of ``Exercise``. An exercise is one graded cell of a
source notebook (same ``grade_id``); its cases are built from explicit seeds,
so the same inputs come out on every machine. The expected outputs are not
here: they come from running the source notebook's solutions
(``autograder.references``). This package never goes into a student's sandbox.
"""

import importlib
from dataclasses import dataclass, field
from typing import Callable

import numpy as np


@dataclass(frozen=True)
class Inputs:
    """Arguments of one call; ``m`` is the number of examples in them, if any."""

    args: tuple = ()
    kwargs: dict = field(default_factory=dict)
    m: int | None = None


@dataclass(frozen=True)
class Case:
    """One hidden case: an id, how to build its inputs, its weight and a hint.

    ``hint`` is said when the case fails; it must not give the inputs away.
    """

    case_id: str
    build: Callable[[np.random.Generator], Inputs] | None = None
    seed: int = 0
    weight: float = 1.0
    hint: str = ""

    def inputs(self):
        if self.build is None:
            return Inputs()
        return self.build(np.random.default_rng(self.seed))


@dataclass(frozen=True)
class Exercise:
    """One graded cell: the function it checks and its hidden cases.

    kind -- "call": call ``function`` on each case's inputs; "answers": read the
            dict variable ``function`` and mark each key (a case id) on its own
    output_names -- names of the outputs in feedback: a str, or a tuple for a
                    function that returns a tuple
    stand_ins -- graded functions this one may call, replaced during its cases by
                 correct versions: name -> (module, attribute)
    """

    notebook: str
    grade_id: str
    function: str
    cases: tuple
    kind: str = "call"
    output_names: object = None
    stand_ins: dict = field(default_factory=dict)
    hints: dict = field(default_factory=dict)
    rtol: float = 1e-6
    atol: float = 1e-8

    def case(self, case_id):
        for case in self.cases:
            if case.case_id == case_id:
                return case
        raise KeyError(case_id)


def exercises(assignment):
    """All exercises of an assignment, as a tuple of Exercise."""
    try:
        module = importlib.import_module(f"autograder.cases.{assignment}")
    except ModuleNotFoundError:
        raise LookupError(f"There are no hidden tests for an assignment called "
                          f"{assignment!r}.") from None
    return module.EXERCISES


def exercise(assignment, notebook, grade_id):
    """The exercise of one graded cell."""
    for candidate in exercises(assignment):
        if candidate.notebook == notebook and candidate.grade_id == grade_id:
            return candidate
    raise LookupError(f"{assignment}/{notebook}.ipynb has no hidden tests for the cell "
                      f"{grade_id!r}.")
