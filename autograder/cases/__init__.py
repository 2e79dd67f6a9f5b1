"""Hidden test cases: the inputs the grader calls each exercise with.

Contract: an assignment's module (``autograder.cases.<assignment>``) defines
``EXERCISES``, a tuple of ``Exercise``. An exercise is one graded cell of a
source notebook (same ``grade_id``); its cases are built from explicit seeds,
so the same inputs come out on every machine. The expected outputs are not
here: they come from running the source notebook's solutions
(``autograder.references``). This package never goes into a student's sandbox.

The seeds are public, so every case draws from its seed mixed with the course secret
(``autograder.secret``), and so does numpy's global generator for a case that seeds it;
without a secret the inputs are the public ones. A case whose inputs are numbers chosen
by hand, or whose draw holds a property only by the luck of its public seed, says what
it draws instead under a secret with ``under_a_secret``.
"""

import importlib
from dataclasses import dataclass, field, replace
from typing import Callable

import numpy as np

from autograder import secret


@dataclass(frozen=True)
class Inputs:
    """Arguments of one call; ``m`` is the number of examples in them, if any.

    numpy_seed -- if set, numpy's global generator is seeded with it right before the
                  call (for functions that draw with np.random, as the syllabus fixes)
    """

    args: tuple = ()
    kwargs: dict = field(default_factory=dict)
    m: int | None = None
    numpy_seed: int | None = None


@dataclass(frozen=True)
class Hint:
    """Advice said when a case fails in one particular way, and only then.

    text -- the advice; it must not give the inputs away
    like -- builds the inputs (rng -> Inputs) of a variant call: the hint is said when
            the student's result is what the source solution returns on those inputs
            (e.g. the same call with the defaults, for a function that ignores the
            arguments it is given); the reference stores that result too
    when -- or a test on plain data, ``when(actual, expected, inputs) -> bool``
    kind -- a short label of the mistake the hint names, to count it across a class
            ("used the default learning_rate"); "" if it names none of its own
    """

    text: str
    like: Callable[[np.random.Generator], Inputs] | None = None
    when: Callable[[object, object, Inputs], bool] | None = None
    kind: str = ""


@dataclass(frozen=True)
class Case:
    """One hidden case: an id, how to build its inputs, its weight, and hints said
    only when the result shows the mistake they describe."""

    case_id: str
    build: Callable[[np.random.Generator], Inputs] | None = None
    seed: int = 0
    weight: float = 1.0
    hints: tuple = ()

    def inputs(self):
        if self.build is None:
            return Inputs()
        return _seeded(self.build(secret.rng(self.seed)))

    def variants(self):
        """{reference key: Inputs} of the hints that compare with a variant call."""
        return {variant_key(self.case_id, n): _seeded(hint.like(secret.rng(self.seed)))
                for n, hint in enumerate(self.hints) if hint.like is not None}


def _seeded(inputs):
    """The inputs with their numpy_seed mixed with the course secret."""
    seed = secret.numpy_seed(inputs.numpy_seed)
    return inputs if seed == inputs.numpy_seed else replace(inputs, numpy_seed=seed)


def under_a_secret(public, drawn):
    """A case's ``build``: ``public`` without a course secret (the committed references
    hold what it builds), ``drawn`` with one; both take the case's generator."""
    return lambda rng: drawn(rng) if secret.in_use() else public(rng)


def variant_key(case_id, n):
    """Where the references keep the result of a case's n-th hint's variant call."""
    return f"{case_id}~{n}"


def with_defaults(build, *names):
    """The same call as ``build`` makes, with the arguments ``names`` left to their defaults."""
    def variant(rng):
        inputs = build(rng)
        kwargs = {k: v for k, v in inputs.kwargs.items() if k not in names}
        return Inputs(inputs.args, kwargs, inputs.m, inputs.numpy_seed)
    return variant


def ignored_arguments(build, *names):
    """Hints said when a result is what the defaults of ``names`` give instead."""
    return tuple(Hint(f"The result is what the default {name} gives: use the {name} you "
                      f"are given.", like=with_defaults(build, name),
                      kind=f"used the default {name}") for name in names)


def one_where_zero_is_expected(actual, expected, inputs):
    """A ``Hint.when`` test: wrong only where the result says 1 and 0 was expected."""
    actual = np.asarray(actual, dtype=float)
    return actual.shape == np.shape(expected) and bool(np.all((actual == expected)
                                                              | (actual == 1)))


@dataclass(frozen=True)
class Exercise:
    """One graded cell: the function it checks and its hidden cases.

    kind -- "call": call ``function`` on each case's inputs; "answers": read the
            dict variable ``function`` and mark each key (a case id) on its own
    output_names -- names of the outputs in feedback: a str, or a tuple for a
                    function that returns a tuple
    stand_ins -- graded functions this one may call, replaced during its cases by
                 correct versions: name -> (module, attribute)
    planted -- the names in ``stand_ins`` whose version is wrong on purpose: an exercise
               that checks other code (a gradient check) is handed a faulty function, so
               that what it returns shows whether it found the fault
    result_ignores -- arguments the correct result does not depend on (they only
                      print, or drop out of the maths); every other argument changes
                      the expected output of some case (tests/autograder/test_hidden_cases.py)
    mistakes -- hints weighed on every case after the case's own (``when`` tests only,
                such as ``autograder.cases.probes.gives``): known mistakes of the exercise
    """

    notebook: str
    grade_id: str
    function: str
    cases: tuple
    kind: str = "call"
    output_names: object = None
    stand_ins: dict = field(default_factory=dict)
    planted: tuple = ()
    hints: dict = field(default_factory=dict)
    rtol: float = 1e-6
    atol: float = 1e-8
    result_ignores: tuple = ("print_cost",)
    mistakes: tuple = ()

    def __post_init__(self):
        if any(hint.like is not None for hint in self.mistakes):
            raise ValueError(f"{self.function}: a hint on every case compares with a test "
                             f"(when), not a variant call (like)")
        if not set(self.planted) <= set(self.stand_ins):
            raise ValueError(f"{self.function}: planted names {sorted(self.planted)} must be "
                             f"stand-ins")

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
