"""Checks that the notebooks' check cells call, with messages a student can act on.

The contract: ``diagnose(actual, expected, name)`` returns a list of problems,
each a sentence in the course's vocabulary ("dw has shape (4,), a rank-1 array;
expected (4, 1) ..."); an empty list means the answer matches. The visible
checks (``check_function``, ``check_answers``, ``assert_shape``, ``assert_dtype``) raise an
``AssertionError`` made of those sentences, and print one line when all is well.
The autograder uses the same ``diagnose`` on hidden cases with ``reveal=False``,
so that its feedback speaks the same language without showing hidden values.
"""

import copy
import inspect
import numbers
import traceback
import types

import numpy as np

__all__ = [
    "diagnose",
    "check_function",
    "check_answers",
    "assert_shape",
    "assert_dtype",
    "changed_arguments",
    "notebook_globals_read",
]

DEFAULT_RTOL = 1e-6
DEFAULT_ATOL = 1e-8


def _is_number(value):
    return isinstance(value, numbers.Number) and not isinstance(value, bool)


def _is_scalar(value):
    """A Python number, a numpy scalar or a 0-d array."""
    if isinstance(value, np.ndarray):
        return value.ndim == 0 and value.dtype.kind in "biuf"
    return _is_number(value) or isinstance(value, (np.number, np.bool_))


def _type_name(value):
    if type(value).__name__ == "Unsupported":  # a value the grader could not carry
        return f"an object of type {value.type_name}"
    if isinstance(value, np.ndarray):
        return f"a numpy array of shape {value.shape}"
    return f"a {type(value).__name__}"


def _close(x, y, tol=1e-4):
    return abs(x - y) <= tol * max(1.0, abs(y))


def _explain_values(actual, expected, name, m, reveal, hints):
    """Say how two same-shaped numeric arrays differ, in a student's terms."""
    hints = hints or {}
    if np.isnan(actual).any():
        return [f"{name} contains NaN (not a number): look for log(0), 0/0 or an "
                f"overflow in exp, and check the shapes you combine."]
    if np.isinf(actual).any():
        return [f"{name} contains inf: a value overflowed (exp of a large number?) "
                f"or you divided by zero."]
    problems = []
    nonzero = np.abs(expected) > 1e-12
    ratio = None
    if nonzero.any() and np.all(np.abs(actual[~nonzero]) <= 1e-12):
        ratios = actual[nonzero] / expected[nonzero]
        if np.allclose(ratios, ratios.flat[0], rtol=1e-4, atol=1e-9):
            ratio = float(ratios.flat[0])
    if ratio is not None:
        if _close(ratio, -1.0):
            problems.append(f"{name} has the opposite sign of the expected value: check the "
                            f"signs in your formula. {hints.get('sign', '')}".rstrip())
        elif m and m > 1 and _close(ratio, m):
            problems.append(f"{name} is {m} times too large (m = {m}): did you forget to "
                            f"divide by m? {hints.get('factor_m', '')}".rstrip())
        elif m and m > 1 and _close(ratio, 1.0 / m):
            problems.append(f"{name} is {m} times too small (m = {m}): did you divide by m "
                            f"twice? {hints.get('factor_m', '')}".rstrip())
        elif m and m > 1 and _close(ratio, -m):
            problems.append(f"{name} is -{m} times the expected value: a flipped sign and "
                            f"a missing 1/m.")
        elif _close(ratio, 2.0) or _close(ratio, 0.5):
            problems.append(f"{name} is off by a factor of {ratio:.3g}: check for a "
                            f"factor of 2 (or 1/2) in your formula.")
        else:
            problems.append(f"{name} is {ratio:.4g} times the expected value: a constant "
                            f"factor is wrong somewhere.")
    elif (actual.ndim == 2 and actual.shape[0] == actual.shape[1] and actual.shape[0] > 1
          and np.allclose(actual.T, expected, rtol=1e-5, atol=1e-8)):
        problems.append(f"{name} is the transpose of the expected matrix. "
                        f"{hints.get('transpose', '')}".rstrip())
    else:
        wrong = ~np.isclose(actual, expected, rtol=DEFAULT_RTOL * 10, atol=DEFAULT_ATOL * 10)
        detail = f"{name} has wrong values"
        if expected.size > 1:
            detail += f" in {int(wrong.sum())} of {expected.size} entries"
        if reveal:
            where = np.unravel_index(int(np.argmax(np.abs(actual - expected))), expected.shape)
            where = tuple(int(i) for i in where)
            index = f" at index {where}" if expected.ndim else ""
            detail += (f": the largest difference is{index}, where you have "
                       f"{actual[where]:.6g} and the expected value is {expected[where]:.6g}")
        detail += "."
        if hints.get("values"):
            detail += " " + hints["values"]
        problems.append(detail)
    return problems


def _explain_shape(actual, expected, name, hints):
    hints = hints or {}
    a, e = actual.shape, expected.shape
    if actual.ndim == 1 and expected.ndim == 2 and actual.size == expected.size:
        return [f"{name} has shape {a}, a rank-1 array; expected {e}. Keep it 2-D: use "
                f"keepdims=True in sums, or reshape({e[0]}, {e[1]}). "
                f"{hints.get('rank1', '')}".rstrip()]
    if actual.ndim == 2 and expected.ndim == 1 and actual.size == expected.size:
        return [f"{name} has shape {a}, expected the rank-1 shape {e}: flatten it with "
                f"ravel() or reshape(-1)."]
    if actual.ndim == expected.ndim == 2 and a == e[::-1]:
        return [f"{name} has shape {a}, expected {e}: did you transpose it, or multiply "
                f"in the wrong order? {hints.get('transpose', '')}".rstrip()]
    if actual.ndim == 2 and expected.ndim == 2 and 1 in e and a[0] == a[1] and max(e) == a[0]:
        return [f"{name} has shape {a}, expected {e}: a rank-1 array broadcast against a "
                f"(1, m) or (m, 1) array makes an (m, m) matrix. Check the shape of "
                f"every array you combine."]
    if actual.size == expected.size:
        return [f"{name} has shape {a}, expected {e}: the number of entries is right, "
                f"the layout is not. Check your reshape."]
    return [f"{name} has shape {a}, expected {e}."]


def diagnose(actual, expected, name, *, m=None, reveal=True, hints=None,
             rtol=DEFAULT_RTOL, atol=DEFAULT_ATOL):
    """Compare an answer with the expected one and explain every difference.

    Arguments:
    actual -- what the student's code returned (array, number, tuple, dict, list, str)
    expected -- the reference answer, of the same kind
    name -- how to call the answer in a message, e.g. "dw" or "grads['dw']"
    m -- the number of examples in the inputs, to recognise an answer off by a factor m
    reveal -- show expected values in the message (visible checks only)
    hints -- optional extra advice by kind of mistake: keys "sign", "factor_m",
             "transpose", "rank1", "values"

    Returns:
    problems -- list of str; empty when the answer matches
    """
    if isinstance(expected, tuple):
        if not isinstance(actual, tuple):
            return [f"{name} should be a tuple of {len(expected)} values; you returned "
                    f"{_type_name(actual)}."]
        if len(actual) != len(expected):
            return [f"{name} should be a tuple of {len(expected)} values; you returned "
                    f"{len(actual)}."]
        problems = []
        for i, (a, e) in enumerate(zip(actual, expected)):
            problems += diagnose(a, e, f"{name}[{i}]", m=m, reveal=reveal, hints=hints,
                                 rtol=rtol, atol=atol)
        return problems
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{name} should be a dict with the keys {sorted(expected)}; you "
                    f"returned {_type_name(actual)}."]
        missing = [k for k in expected if k not in actual]
        extra = [k for k in actual if k not in expected]
        problems = []
        if missing:
            problems.append(f"{name} is missing the key(s) {missing}.")
        if extra:
            problems.append(f"{name} has unexpected key(s) {extra}: it should have exactly "
                            f"{sorted(expected)}.")
        for key, e in expected.items():
            if key in actual:
                problems += diagnose(actual[key], e, f"{name}[{key!r}]", m=m, reveal=reveal,
                                     hints=hints, rtol=rtol, atol=atol)
        return problems
    if isinstance(expected, str) or expected is None:
        if actual == expected if isinstance(actual, (str, type(None))) else False:
            return []
        shown = f" {expected!r}" if reveal else " another value"
        return [f"{name} is {actual!r}; expected{shown}."]
    if isinstance(expected, list):
        if isinstance(actual, np.ndarray) and actual.ndim == 1:
            actual = list(actual)
        if not isinstance(actual, (list, tuple)):
            return [f"{name} should be a list of {len(expected)} values; you returned "
                    f"{_type_name(actual)}."]
        if len(actual) != len(expected):
            return [f"{name} has {len(actual)} entries, expected {len(expected)}. "
                    f"{(hints or {}).get('length', '')}".rstrip()]
        try:
            actual_array = np.array([_as_float(v) for v in actual])
        except (TypeError, ValueError):
            return [f"{name} should hold numbers only."]
        expected_array = np.array(expected, dtype=float)
        if np.allclose(actual_array, expected_array, rtol=rtol, atol=atol):
            return []
        return _explain_values(actual_array, expected_array, name, m, reveal, hints)
    if _is_scalar(expected):
        if isinstance(actual, np.ndarray) and actual.ndim > 0:
            if actual.size == 1:
                return [f"{name} has shape {actual.shape}; expected a single number. "
                        f"Turn it into a scalar with float(...) or np.squeeze(...)."]
            return [f"{name} has shape {actual.shape}; expected a single number. Did you "
                    f"forget to sum or average over the examples?"]
        if not _is_scalar(actual):
            return [f"{name} should be a number; you returned {_type_name(actual)}."]
        a = np.asarray(actual, dtype=float)
        e = np.asarray(expected, dtype=float)
        if np.allclose(a, e, rtol=rtol, atol=atol):
            return []
        return _explain_values(a.reshape(1), e.reshape(1), name, m, reveal, hints)
    if isinstance(expected, np.ndarray):
        if isinstance(actual, list):
            return [f"{name} is a Python list; return a numpy array of shape "
                    f"{expected.shape}."]
        if not isinstance(actual, np.ndarray):
            if _is_scalar(actual) and expected.size == 1:
                return [f"{name} is a single number; expected an array of shape "
                        f"{expected.shape}."]
            return [f"{name} should be a numpy array of shape {expected.shape}; you "
                    f"returned {_type_name(actual)}."]
        if actual.dtype.kind not in "biuf":
            return [f"{name} has dtype {actual.dtype}; expected numbers."]
        if actual.shape != expected.shape:
            return _explain_shape(actual, expected, name, hints)
        a = actual.astype(float)
        e = expected.astype(float)
        if np.allclose(a, e, rtol=rtol, atol=atol):
            return []
        return _explain_values(a, e, name, m, reveal, hints)
    # Anything else (rare): plain equality.
    return [] if actual == expected else [f"{name} does not match the expected value."]


def _as_float(value):
    if isinstance(value, np.ndarray):
        if value.size != 1:
            raise ValueError("not a scalar")
        return float(value.reshape(()))
    return float(value)


def _equal(a, b):
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape
                and np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b))
    try:
        return bool(a == b)
    except Exception:
        return False


def changed_arguments(function, call_args, call_kwargs, original_args, original_kwargs):
    """Names of the arguments that a call changed in place.

    ``call_args``/``call_kwargs`` are what the function received (and may have
    modified); ``original_*`` are untouched deep copies taken before the call.
    """
    try:
        names = list(inspect.signature(function).parameters)
    except (TypeError, ValueError):
        names = []
    changed = []
    for i, (after, before) in enumerate(zip(call_args, original_args)):
        if not _equal(after, before):
            changed.append(names[i] if i < len(names) else f"argument {i + 1}")
    for key in original_kwargs:
        if not _equal(call_kwargs[key], original_kwargs[key]):
            changed.append(key)
    return changed


def _code_names(code):
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _code_names(const)
    return names


def notebook_globals_read(function):
    """Names of data variables (arrays, numbers, lists) that a function reads
    from the notebook's global namespace instead of receiving them as arguments."""
    code = getattr(function, "__code__", None)
    namespace = getattr(function, "__globals__", None)
    if code is None or namespace is None:
        return []
    found = []
    for name in sorted(_code_names(code)):
        value = namespace.get(name, None)
        if name.startswith("_") or name not in namespace:
            continue
        if isinstance(value, (np.ndarray, list, dict)) or _is_number(value):
            found.append(name)
    return found


def mutation_message(function_name, argument):
    """The sentence said when a function changed one of its inputs."""
    return (f"{function_name} changed its argument `{argument}` in place. A graded function "
            f"must not modify its inputs: write `w = w - ...` instead of `w -= ...`, or "
            f"work on a copy.")


def globals_message(function_name, names):
    """The sentence said when a failing function reads notebook variables."""
    listed = ", ".join(f"`{n}`" for n in names)
    return (f"{function_name} reads the notebook variable(s) {listed}. Use only the "
            f"function's arguments: the graders call it with other inputs.")


# name -> whether that function's last visible check in this kernel passed
_last_check = {}


def _failing_callees(function):
    """Other checked functions that ``function`` calls whose last check failed."""
    code = getattr(function, "__code__", None)
    namespace = getattr(function, "__globals__", None)
    if code is None or namespace is None:
        return []
    return sorted(name for name in _code_names(code)
                  if _last_check.get(name) is False and callable(namespace.get(name))
                  and name != function.__name__)


def _callee_advice(name, callees):
    listed = ", ".join(callees)
    return (f"{name} calls your {listed}, which did not pass its own check when you last "
            f"ran it: fix {listed} first, then run this check again.")


def check_function(function, args=(), expected=None, *, kwargs=None, output_names=None,
                   m=None, hints=None, rtol=DEFAULT_RTOL, atol=DEFAULT_ATOL):
    """Call ``function(*args, **kwargs)`` and check the result against ``expected``.

    Arguments:
    function -- the student's function
    args, kwargs -- the inputs; the function receives copies, and a change it makes
                    to them is reported as a mistake
    expected -- the expected return value (array, number, tuple, dict, list)
    output_names -- a name for the result, or a tuple of names for a tuple result,
                    used in messages, e.g. ("grads", "cost")
    m -- the number of examples in the inputs (recognises a missing or doubled 1/m)
    hints -- extra advice by kind of mistake, see ``diagnose``

    Raises AssertionError with every problem found; prints one line if none.
    When the function calls another one whose check failed, the message says to
    fix that one first.
    """
    kwargs = dict(kwargs or {})
    name = getattr(function, "__name__", "your function")
    _last_check[name] = False
    if not callable(function):
        raise AssertionError(f"{name} should be a function; it is {_type_name(function)}. "
                             f"Did you overwrite it with a value?")
    originals = copy.deepcopy((tuple(args), kwargs))
    call_args, call_kwargs = copy.deepcopy((tuple(args), kwargs))
    try:
        actual = function(*call_args, **call_kwargs)
    except NotImplementedError as error:
        where = traceback.extract_tb(error.__traceback__)[-1].name
        if where not in (name, "<module>"):
            raise AssertionError(f"{name} calls {where}, which is not written yet: write "
                                 f"{where} first (replace its `raise NotImplementedError()`)."
                                 ) from None
        raise AssertionError(f"{name} is not written yet: replace the line "
                             f"`raise NotImplementedError()` with your code.") from None
    except Exception as error:
        callees = _failing_callees(function)
        if not callees:
            raise
        raise AssertionError(f"{name} stopped with {type(error).__name__}: {error}\n- "
                             + _callee_advice(name, callees)) from error
    problems = [mutation_message(name, arg)
                for arg in changed_arguments(function, call_args, call_kwargs, *originals)]
    if isinstance(output_names, tuple) and isinstance(expected, tuple):
        if isinstance(actual, tuple) and len(actual) == len(expected):
            for a, e, label in zip(actual, expected, output_names):
                problems += diagnose(a, e, label, m=m, hints=hints, rtol=rtol, atol=atol)
        else:
            problems += diagnose(actual, expected, f"the result of {name}", m=m, hints=hints)
    else:
        label = output_names or f"the result of {name}"
        problems += diagnose(actual, expected, label, m=m, hints=hints, rtol=rtol, atol=atol)
    if problems:
        read = notebook_globals_read(function)
        if read:
            problems.append(globals_message(name, read))
        callees = _failing_callees(function)
        if callees:
            problems.append(_callee_advice(name, callees))
        raise AssertionError(f"{name} does not pass its check:\n- " + "\n- ".join(problems))
    _last_check[name] = True
    print(f"✓ {name} passes its visible check.")


def check_answers(answers, questions):
    """Check that a concept-check answer dict is complete and well formed.

    Arguments:
    answers -- dict question id -> your answer
    questions -- dict question id -> allowed answers: a string of letters
                 (e.g. "abcd"), or "number"

    The check says nothing about which answers are right; the autograder marks them.
    """
    if not isinstance(answers, dict):
        raise AssertionError(f"Your answers should be a dict; you have {_type_name(answers)}.")
    problems = []
    for key, allowed in questions.items():
        if key not in answers:
            problems.append(f"question {key!r} has no answer.")
            continue
        value = answers[key]
        if allowed == "number":
            if not _is_scalar(value):
                problems.append(f"question {key!r} needs a number; you wrote {value!r}.")
        elif not (isinstance(value, str) and len(value) == 1 and value.lower() in allowed):
            problems.append(f"question {key!r} needs one letter from {', '.join(allowed)}; "
                            f"you wrote {value!r}.")
    extra = [k for k in answers if k not in questions]
    if extra:
        problems.append(f"unknown question(s) {extra}: keep the keys as given.")
    if problems:
        raise AssertionError("Your answers are not complete yet:\n- " + "\n- ".join(problems))
    print(f"✓ all {len(questions)} questions have an answer of the right form.")


def assert_shape(array, shape, name="array"):
    """Assert that ``array`` is a numpy array of exactly ``shape``, with a clear message."""
    if not isinstance(array, np.ndarray):
        raise AssertionError(f"{name} should be a numpy array; it is {_type_name(array)}.")
    if array.shape != tuple(shape):
        raise AssertionError(_explain_shape(array, np.empty(shape), name, None)[0])


_DTYPE_KINDS = {"float": "f", "int": "iu", "bool": "b"}


def assert_dtype(array, kind, name="array", advice=""):
    """Assert that ``array`` is a numpy array of the given kind of numbers.

    Arguments:
    array -- the value to check
    kind -- "float", "int" or "bool"
    name -- how to call the value in the message
    advice -- a sentence added to the message, e.g. how to convert

    ``diagnose`` compares values, so it takes booleans and integers for the floats 0.0
    and 1.0; this check is for the exercises whose convention fixes the dtype.
    """
    if kind not in _DTYPE_KINDS:
        raise ValueError(f"kind should be one of {sorted(_DTYPE_KINDS)}; got {kind!r}")
    if not isinstance(array, np.ndarray):
        raise AssertionError(f"{name} should be a numpy array; it is {_type_name(array)}.")
    if array.dtype.kind not in _DTYPE_KINDS[kind]:
        raise AssertionError(f"{name} has dtype {array.dtype}; expected {kind} values. "
                             f"{advice}".rstrip())
