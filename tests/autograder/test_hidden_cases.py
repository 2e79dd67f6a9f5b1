"""Hidden cases that see every argument, call every function with its defaults, and
use no kind of input the visible checks leave out.

Each test runs over every exercise of every assignment, against the source
solutions, so it guards each week as it is added:

- perturb one argument of every case (zero an array or give it a row more; change
  a number, set it to zero, put back its default; scale what a list, tuple or dict
  holds, at any depth, and add one to the ints in it, such as layer sizes) and
  recompute with the source solution: some case's expected output must change,
  or a function that ignores that argument (or hard-codes its default) would keep
  full marks. The arguments an exercise declares in ``result_ignores`` (printing
  switches) are left out;
- a function with defaults has a case that calls it with all of them, or a
  changed default would keep full marks;
- every kind of input a hidden case uses (rank-1 or 2-D array, number, keyword
  arguments given or left out) is used by a visible check too, so that no
  student learns of a kind of input only from lost points;
- every case is well conditioned: its inputs changed in their 13th digit (the size
  of the rounding differences between two correct implementations, or between two
  CPUs' BLAS kernels) move its expected output by less than a hundredth of the
  tolerance it is graded with, so that no correct answer loses a point to rounding
  (training at a large learning rate on a few separable points can be chaotic);
  the visible checks likewise;
- a hint that compares with a variant call names a mistake the case catches: the
  variant's result is not the right one.

The tests of the hidden cases run without a course secret and under random ones
(``tests/autograder/course_secrets.py``; a failure's test id names its secret), since
every secret draws other inputs.
"""

import ast
import inspect
import re
from collections import defaultdict

import nbformat
import numpy as np
import pytest

from autograder.cases import Inputs, exercises, variant_key
from autograder.execution import NotebookRun
from autograder.notebooks import (assignments, cells_to_run, is_grade_cell, nbgrader_meta,
                                  skip_when_grading, source_notebooks)
from autograder.runtime.codec import FUNCTIONS, NamedFunction
from autograder.sandbox import detect
from helpers.diagnosis import matches
from tests.autograder.course_secrets import IDS as SECRET_IDS
from tests.autograder.course_secrets import PUBLIC_AND_SECRETS, using

NOTEBOOKS = [(a, s) for a in assignments() for s in source_notebooks(a)]
IDS = [f"{a}/{s.name}" for a, s in NOTEBOOKS]
HIDDEN_BLOCK = re.compile(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS\n?", re.S)


def signatures(source):
    """{function: [(parameter, default or NO_DEFAULT)]} of a source notebook's answers."""
    nb = nbformat.read(source.path, as_version=4)
    found = {}
    for cell in nb.cells:
        if not nbgrader_meta(cell).get("solution"):
            continue
        for node in ast.parse(cell.source).body:
            if isinstance(node, ast.FunctionDef):
                names = [a.arg for a in node.args.args]
                defaults = [ast.literal_eval(d) for d in node.args.defaults]
                padded = [NO_DEFAULT] * (len(names) - len(defaults)) + defaults
                found[node.name] = list(zip(names, padded))
    return found


NO_DEFAULT = object()


def perturbed(value, default, seen=()):
    """Other values for an argument: scaled, zeroed, its default; (label, value) pairs.
    A string (a choice such as an activation's name) is changed to the other values it
    takes in the exercise's cases, ``seen``; with none, the label has no value to try."""
    if isinstance(value, str):
        others = [v for v in dict.fromkeys(seen) if isinstance(v, str) and v != value]
        return [(f"the string {v!r}", v) for v in others] or [("another string", None)]
    if isinstance(value, NamedFunction):
        return [("another function", NamedFunction(next(n for n in FUNCTIONS
                                                        if n != value.name)))]
    if isinstance(value, (bool, np.bool_)):
        return [("flipped", not value)]
    found = []
    if isinstance(value, np.ndarray):
        found += [("negated and scaled", -1.37 * value + 0.11), ("zeros", np.zeros_like(value))]
        if value.ndim:
            found.append(("one more row", np.concatenate([value, value[:1]])))
    elif isinstance(value, int):
        found += [("plus one", value + 1)]
    elif isinstance(value, float):
        found += [("negated and scaled", -1.37 * value + 0.11)] \
            + ([("zero", 0.0)] if value else [])
    elif isinstance(value, (list, tuple)):
        found += [("each part scaled", _scaled(value))]
        if len(value) > 1:
            found.append(("reversed", type(value)(reversed(value))))
    elif isinstance(value, dict):
        found += [("each entry scaled", _scaled(value)), ("each entry grown", _grown(value))]
    if default is not NO_DEFAULT and not _same(default, value):
        found.append(("its default", default))
    return found


def _scaled(value):
    """Every array and float inside a list, tuple or dict (at any depth, e.g. a list of
    caches) scaled and shifted, and every int in it (a layer size) one larger."""
    if isinstance(value, (bool, np.bool_)):
        return value
    if isinstance(value, (np.ndarray, float)):
        return value * 1.37 + 0.11
    if isinstance(value, int):
        return value + 1
    if isinstance(value, (list, tuple)):
        return type(value)(_scaled(v) for v in value)
    if isinstance(value, dict):
        return {k: _scaled(v) for k, v in value.items()}
    return value


def _grown(value):
    """A dict with every array in it one row longer (its first row repeated)."""
    return {k: np.concatenate([v, v[:1]]) if isinstance(v, np.ndarray) and v.ndim else v
            for k, v in value.items()}


def _same(a, b):
    try:
        return matches(a, b)
    except Exception:
        return False


def with_argument(inputs, names, name, value):
    """The inputs with one argument (by name) replaced or given."""
    args, kwargs = list(inputs.args), dict(inputs.kwargs)
    position = names.index(name)
    if position < len(args):
        args[position] = value
    else:
        kwargs[name] = value
    return Inputs(tuple(args), kwargs, inputs.m, inputs.numpy_seed)


def current(inputs, names, name, default):
    position = names.index(name)
    if position < len(inputs.args):
        return inputs.args[position]
    return inputs.kwargs.get(name, default)


@pytest.fixture(scope="module", params=PUBLIC_AND_SECRETS, ids=SECRET_IDS)
def course_secret(request, tmp_path_factory):
    """The tests that take it run without a secret and under each random one."""
    with using(request.param, tmp_path_factory.mktemp("secret")) as graded:
        yield graded


@pytest.fixture(scope="module")
def sensitivity(course_secret):
    """{(assignment, notebook, function, argument): {perturbation: [cases that change]}}."""
    table = {}
    for assignment, source in NOTEBOOKS:
        nb = nbformat.read(source.path, as_version=4)
        signature = signatures(source)
        mine = [e for e in exercises(assignment) if e.notebook == source.name
                and e.kind == "call"]
        with NotebookRun(cells_to_run(nb, source), sandbox=detect()) as run:
            for exercise in mine:
                parameters = signature[exercise.function]
                names = [p for p, _ in parameters]
                for name, default in parameters:
                    if name in exercise.result_ignores:
                        continue
                    changed = defaultdict(list)
                    seen = [current(c.inputs(), names, name, default) for c in exercise.cases]
                    for case in exercise.cases:
                        inputs = case.inputs()
                        base = run.call(exercise.function, inputs, exercise.stand_ins)
                        assert base.failure is None, (exercise.function, base.message)
                        value = current(inputs, names, name, default)
                        for label, other in perturbed(value, default, seen):
                            if label == "another string":  # no other value to try
                                changed.setdefault(label, [])
                                continue
                            outcome = run.call(exercise.function,
                                               with_argument(inputs, names, name, other),
                                               exercise.stand_ins)
                            if outcome.failure is not None or not _same(outcome.value,
                                                                        base.value):
                                changed[label].append(case.case_id)
                            else:
                                changed.setdefault(label, [])
                    table[assignment, source.name, exercise.function, name] = dict(changed)
    return table


def blind_spots(found):
    """The perturbations of one argument that no case notices. An array must matter by
    its values (zeroed) or, for a function that reads only shapes, by its shape (a row
    more); a list or dict by its values, its order or its arrays' shapes; any other
    argument must matter under each of its perturbations."""
    blind = [label for label, cases in found.items() if not cases]
    if "zeros" in found and (found["zeros"] or found.get("one more row")):
        blind = [label for label in blind if label not in ("zeros", "one more row",
                                                            "negated and scaled")]
    # a list or dict must matter by its values, its order or its shapes: an index of the
    # lowest cost ignores a common scale, zeros shaped like the parameters ignore values
    if any(found.get(label) for label in CONTAINER_CHANGES):
        blind = [label for label in blind if label not in CONTAINER_CHANGES]
    return blind


CONTAINER_CHANGES = ("each part scaled", "reversed", "each entry scaled", "each entry grown")


def jittered(value, rng, size=1e-13):
    """The value with every float in it (at any depth) multiplied by 1 + size * noise.
    Zeros, ints, bools and strings stay as they are, and so do numbers that are
    multiples of 1/1024 below 2**20: sums and products of a few of them are exact in
    any order (a check that puts an example exactly on a decision boundary with them
    has no rounding to be moved by)."""
    if isinstance(value, (np.ndarray, float)) and not isinstance(value, bool) \
            and np.issubdtype(np.asarray(value).dtype, np.floating):
        exact = np.all(np.abs(value) < 2.0 ** 20) and np.all(np.mod(value * 1024, 1) == 0)
        if exact:
            return value
        noise = 1.0 + size * rng.standard_normal(np.shape(value))
        return value * noise if isinstance(value, np.ndarray) else value * float(noise)
    if isinstance(value, (list, tuple)):
        return type(value)(jittered(v, rng, size) for v in value)
    if isinstance(value, dict):
        return {k: jittered(v, rng, size) for k, v in value.items()}
    return value


@pytest.mark.parametrize("assignment, source", NOTEBOOKS, ids=IDS)
def test_every_hidden_case_is_well_conditioned(assignment, source, course_secret):
    nb = nbformat.read(source.path, as_version=4)
    mine = [e for e in exercises(assignment) if e.notebook == source.name and e.kind == "call"]
    unstable = []
    with NotebookRun(cells_to_run(nb, source), sandbox=detect()) as run:
        for exercise in mine:
            for case in exercise.cases:
                inputs = case.inputs()
                base = run.call(exercise.function, inputs, exercise.stand_ins)
                assert base.failure is None, (exercise.function, base.message)
                rng = np.random.default_rng(case.seed)
                for _ in range(2):
                    moved = run.call(exercise.function,
                                     Inputs(jittered(tuple(inputs.args), rng),
                                            jittered(dict(inputs.kwargs), rng),
                                            inputs.m, inputs.numpy_seed),
                                     exercise.stand_ins)
                    if moved.failure is not None or not matches(
                            moved.value, base.value, rtol=exercise.rtol / 100,
                            atol=exercise.atol / 100):
                        unstable.append(f"{exercise.function}/{case.case_id}")
                        break
    assert not unstable, (
        f"rounding-sized changes of the inputs change these cases' expected outputs by "
        f"more than a hundredth of their tolerance, so a correct answer computed in "
        f"another order could lose points; choose other inputs: {unstable}")


def test_every_argument_changes_the_expected_output_of_some_hidden_case(sensitivity):
    blind = {key: blind_spots(found) for key, found in sensitivity.items()}
    blind = {key: labels for key, labels in blind.items() if labels}
    assert sensitivity and not blind, (
        f"a function that ignores these arguments (or uses another value) would keep full "
        f"marks; add a hidden case that depends on them: {blind}")


@pytest.mark.parametrize("assignment, source", NOTEBOOKS, ids=IDS)
def test_every_function_with_defaults_has_a_case_that_uses_them(assignment, source,
                                                                 course_secret):
    signature = signatures(source)
    for exercise in exercises(assignment):
        if exercise.notebook != source.name or exercise.kind != "call":
            continue
        parameters = signature[exercise.function]
        defaulted = {p for p, d in parameters if d is not NO_DEFAULT} \
            - set(exercise.result_ignores)
        if not defaulted:
            continue
        positional = len(parameters) - len([1 for _, d in parameters if d is not NO_DEFAULT])
        uses_defaults = [c.case_id for c in exercise.cases
                         if len(c.inputs().args) <= positional
                         and not defaulted & set(c.inputs().kwargs)]
        assert uses_defaults, f"{exercise.function}: no hidden case calls it with its defaults"


def kind(value):
    """What kind of input a value is, as the checks see it: "array of 2 dimensions", ..."""
    if isinstance(value, np.ndarray):
        return f"array of {value.ndim} dimension(s)"
    if isinstance(value, (bool, np.bool_)):
        return "bool"
    if isinstance(value, (int, float, np.number)):
        return "number"
    if callable(value):
        return "function"
    return type(value).__name__


def call_kind(args, kwargs):
    return (tuple(kind(a) for a in args),
            tuple(sorted((k, kind(v)) for k, v in kwargs.items())))


RECORDER = inspect.getsource(kind) + inspect.getsource(jittered) + '''
import copy as _copy

import numpy as np

import helpers.testing as _testing
from helpers.diagnosis import DEFAULT_ATOL as _ATOL, DEFAULT_RTOL as _RTOL, matches as _matches

_visible_calls = []
_ill_conditioned = []
_checked = _testing.check_function


def _recording_check(function, args=(), *rest, kwargs=None, **options):
    """Record the kinds of inputs of each visible check; then call the function again on
    inputs changed in their 13th digit (with the same random state) and record the
    check as ill conditioned if the result moves by a hundredth of its tolerance."""
    name = getattr(function, "__name__", "?")
    _visible_calls.append([name, [kind(a) for a in args],
                           sorted([k, kind(v)] for k, v in (kwargs or {}).items())])
    state = np.random.get_state()
    outcome = _checked(function, args, *rest, kwargs=kwargs, **options)
    expected = rest[0] if rest else options.get("expected")
    after, rng = np.random.get_state(), np.random.default_rng(0)
    for _ in range(2 if expected is not None else 0):
        np.random.set_state(state)
        moved = function(*jittered(_copy.deepcopy(tuple(args)), rng),
                         **jittered(_copy.deepcopy(dict(kwargs or {})), rng))
        if not _matches(moved, expected, rtol=options.get("rtol", _RTOL) / 100,
                        atol=options.get("atol", _ATOL) / 100):
            _ill_conditioned.append(name)
            break
    np.random.set_state(after)
    return outcome


_testing.check_function = _recording_check
'''


@pytest.fixture(scope="module")
def visible_checks():
    """{(assignment, notebook): (kinds of the visible checks' calls, ill-conditioned
    checks)} from running each source notebook's checks with the recorder."""
    found = {}
    for assignment, source in NOTEBOOKS:
        nb = nbformat.read(source.path, as_version=4)
        cells = [(0, RECORDER)]
        for number, cell in enumerate(nb.cells, start=1):
            if cell.cell_type == "code" and not skip_when_grading(cell):
                code = HIDDEN_BLOCK.sub("", cell.source) if is_grade_cell(cell) else cell.source
                cells.append((number, code))
        with NotebookRun(cells, sandbox=detect()) as run:
            recorded, unstable = run.get("_visible_calls"), run.get("_ill_conditioned")
            assert not run.cell_errors, run.cell_errors
        found[assignment, source.name] = (recorded.value, unstable.value)
    return found


@pytest.mark.parametrize("assignment, source", NOTEBOOKS, ids=IDS)
def test_visible_checks_use_every_kind_of_input_the_hidden_cases_use(assignment, source,
                                                                     visible_checks,
                                                                     course_secret):
    recorded, _ = visible_checks[assignment, source.name]
    visible = defaultdict(set)
    for function, args, kwargs in recorded:
        visible[function].add((tuple(args), tuple(tuple(p) for p in kwargs)))
    missing = {}
    for exercise in exercises(assignment):
        if exercise.notebook != source.name or exercise.kind != "call":
            continue
        for case in exercise.cases:
            inputs = case.inputs()
            wanted = call_kind(inputs.args, inputs.kwargs)
            if wanted not in visible[exercise.function]:
                missing.setdefault(exercise.function, []).append((case.case_id, wanted))
    assert not missing, f"hidden cases use inputs no visible check uses: {missing}"


@pytest.mark.parametrize("assignment, source", NOTEBOOKS, ids=IDS)
def test_every_visible_check_is_well_conditioned(assignment, source, visible_checks):
    recorded, unstable = visible_checks[assignment, source.name]
    assert recorded and not unstable, (
        f"rounding-sized changes of the inputs move these visible checks' results by more "
        f"than a hundredth of their tolerance, so a correct answer computed in another "
        f"order could fail them; choose other inputs: {unstable}")


@pytest.mark.parametrize("assignment", assignments())
def test_every_stand_in_gives_what_the_source_solution_gives(assignment, course_secret):
    """A stand-in replaces a student's function while a caller is tested: it must be
    exactly as correct as the source solution on that function's own cases (except one an
    exercise declares ``planted``, faulty on purpose, which must differ from it)."""
    import copy
    import importlib

    references = course_secret.references(assignment)
    graded = {e.function: e for e in exercises(assignment) if e.kind == "call"}
    stand_ins = {name: spec for e in exercises(assignment) for name, spec in e.stand_ins.items()
                 if name in graded and name not in e.planted}
    planted = {name: e.stand_ins[name] for e in exercises(assignment) for name in e.planted}
    if not any(e.stand_ins for e in exercises(assignment)):
        pytest.skip(f"no exercise of {assignment} calls another graded function, so it has "
                    f"no stand-ins to compare")
    assert stand_ins, (f"{assignment}'s stand-ins replace no graded function of its own: the "
                       f"test would prove nothing")
    for name, (module, attribute) in stand_ins.items():
        function = getattr(importlib.import_module(module), attribute)
        exercise = graded[name]
        for case in exercise.cases:
            inputs = case.inputs()
            if inputs.numpy_seed is not None:
                np.random.seed(inputs.numpy_seed)
            with np.errstate(all="ignore"):
                value = function(*copy.deepcopy(inputs.args), **copy.deepcopy(inputs.kwargs))
            expected = references[exercise.notebook][exercise.grade_id][case.case_id]
            assert matches(value, expected, exercise.rtol, exercise.atol), \
                (f"the stand-in {module}.{attribute} differs from the source solution of "
                 f"{name} on its case {case.case_id}")
    for name, (module, attribute) in planted.items():
        function = getattr(importlib.import_module(module), attribute)
        exercise = graded[name]
        assert not all(matches(function(*case.inputs().args, **case.inputs().kwargs),
                               references[exercise.notebook][exercise.grade_id][case.case_id],
                               exercise.rtol, exercise.atol) for case in exercise.cases), \
            f"the planted stand-in {module}.{attribute} is as right as {name}: it plants nothing"


@pytest.mark.parametrize("assignment", assignments())
def test_every_variant_a_hint_names_differs_from_the_right_result(assignment, course_secret):
    """A hint said when a result is what a variant call gives (the defaults instead of the
    arguments, the other activation) names a mistake only if that result is wrong."""
    references = course_secret.references(assignment)
    checked, caught_nothing = 0, []
    for exercise in exercises(assignment):
        expected = references[exercise.notebook][exercise.grade_id]
        for case in exercise.cases:
            for n, hint in enumerate(case.hints):
                if hint.like is None:
                    continue
                checked += 1
                if matches(expected[variant_key(case.case_id, n)], expected[case.case_id],
                           exercise.rtol, exercise.atol):
                    caught_nothing.append(f"{exercise.function}/{case.case_id}: {hint.kind}")
    assert checked and not caught_nothing, (
        f"these cases give the right result with the mistake their hint names, so the "
        f"mistake keeps full marks: {caught_nothing}")


def _relu_layers(inputs):
    """(A_prev, W, b) of each ReLU layer a case's inputs hold: a layer's arguments
    (A_prev, W, b, "relu") or a backward step's (dA, ((A_prev, W, b), Z), "relu")."""
    args = inputs.args
    if not args or args[-1] != "relu":
        return []
    if len(args) == 4:
        return [args[:3]]
    return [args[1][0]]


def test_under_any_secret_every_relu_layer_of_a_case_has_a_z_of_both_signs(tmp_path):
    """A ReLU is the identity on a Z without negative entries: a small layer drawn under
    one secret in a hundred had such a Z, and a layer that cached A instead of Z (or took
    the ReLU's slope at A_prev) kept its points. Each ReLU layer a week-3 case draws has
    a Z of both signs under 300 secrets, and, where A_prev has Z's shape, another sign
    pattern than Z's."""
    layer_exercises = [e for e in exercises("week3_deep_network")
                       if e.function in ("linear_activation_forward",
                                         "linear_activation_backward")]
    looked_at, flat = 0, []
    for n in range(300):
        (tmp_path / f"{n}").mkdir()
        with using(f"{n:04d}-relu-layers-of-both-signs-{n:04d}", tmp_path / f"{n}"):
            for exercise in layer_exercises:
                for case in exercise.cases:
                    for A_prev, W, b in _relu_layers(case.inputs()):
                        Z, looked_at = W @ A_prev + b, looked_at + 1
                        if not ((Z < 0).any() and (Z > 0).any()) or (
                                A_prev.shape == Z.shape
                                and ((A_prev > 0) == (Z > 0)).all()):
                            flat.append((n, exercise.function, case.case_id))
    assert looked_at >= 300 * 4
    assert not flat, flat[:10]


def test_under_any_secret_a_gradient_check_case_is_well_conditioned(tmp_path):
    """The centred difference divides the cost's rounding by 2 epsilon: a network drawn
    under one secret in sixty had an output within 1e-5 of 1, whose 1 - A3 in the cost
    kept a few digits, and rounding-sized changes of the inputs moved gradient_check_n's
    answer by a thousandth of its tolerance (a flaky suite, and an answer computed in
    another order near the edge). Under 300 secrets, computed with the reference function
    in this process, each case's answer moves by less than a hundredth of the tolerance
    (the bound of ``test_every_hidden_case_is_well_conditioned``)."""
    from helpers.reference.gradient_checking import gradient_check_n
    exercise, = [e for e in exercises("week4_practical_aspects")
                 if e.function == "gradient_check_n"]
    unstable, looked_at = [], 0
    for n in range(300):
        (tmp_path / f"{n}").mkdir()
        with using(f"{n:04d}-gradient-checks-well-conditioned-{n:04d}", tmp_path / f"{n}"):
            for case in exercise.cases:
                inputs, rng = case.inputs(), np.random.default_rng(case.seed)
                base = gradient_check_n(*inputs.args, **inputs.kwargs)
                moved = gradient_check_n(*jittered(tuple(inputs.args), rng),
                                         **jittered(dict(inputs.kwargs), rng))
                looked_at += 1
                if not matches(moved, base, rtol=exercise.rtol / 100,
                               atol=exercise.atol / 100):
                    unstable.append((n, case.case_id, base, moved))
    assert looked_at == 300 * len(exercise.cases) >= 900
    assert not unstable, unstable[:10]
