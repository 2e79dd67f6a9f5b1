"""What is wrong with an answer, said in a student's terms.

The contract: ``diagnose(actual, expected, name)`` returns a list of sentences,
one per problem, and an empty list when the answer matches (within ``rtol`` and
``atol``). Each sentence is a ``Problem``: a ``str`` (join it, print it, compare
it as before) whose ``kind`` is a short label of the mistake it names, one of
``KINDS``, the same whatever the sentence's names and numbers, so that mistakes
can be counted across a class. A sentence names a mistake (a forgotten 1/m, a flipped sign, a
transpose, a rank-1 array, values returned in the wrong order) only when the
numbers show exactly that (``helpers.patterns`` holds the mistakes any exercise
can show: a probability's complement, the other axis, costs that rise, ...);
otherwise it says plainly what differs. An exercise's advice (``hints``) follows
only the kind of mistake it is about: the advice on values only values that are
wrong with no closer name. The same mistake in several entries is said once ("The
same goes for ..."), and no sentence twice. With ``reveal`` (the visible checks)
it shows the value returned and the one expected; without it (the grader's hidden
cases) it shows neither. ``diagnose_parts`` does the same for a tuple whose parts
have names, such as ``("grads", "cost")``.
"""

import difflib
import itertools
import numbers

import numpy as np

from helpers import patterns
from helpers.problems import Problem, advice, grouped, said_once

DEFAULT_RTOL = 1e-6
DEFAULT_ATOL = 1e-8
MAX_LISTED = 8  # keys listed in one sentence

KINDS = (
    # the numbers show a mistake a student could have made
    "forgot 1/m", "divided by m twice", "opposite sign", "opposite sign and forgot 1/m",
    "twice the value", "half the value", "not divided by 255", "divided by 255 twice",
    "transposed", "rank-1 array", "2-D, not rank-1", "broadcast to a square",
    "wrong order", "swapped keys", "value under another key", "NaN", "inf", "all zeros",
    "array, not a number", "not summed", "100 times the value", "a hundredth of the value",
    "1 minus the expected value", "normalised over the other axis",
    "probabilities, not labels", "not updated", "step of another size", "cost rises",
    "another number of iterations", "rank-1 array in a broadcast", "shapes not aligned",
    "lost an axis", "costs at other iterations",
    # what differs, said plainly
    "wrong type", "number, not an array", "wrong number of values", "wrong length",
    "missing keys", "unexpected keys", "not numbers", "wrong layout", "wrong shape",
    "wrong values",
)


def _is_number(value):
    return isinstance(value, numbers.Number) and not isinstance(value, bool)


def is_scalar(value):
    """A Python number, a numpy scalar or a 0-d array."""
    if isinstance(value, np.ndarray):
        return value.ndim == 0 and value.dtype.kind in "biuf"
    return _is_number(value) or isinstance(value, (np.number, np.bool_))


def type_name(value):
    """How to call a value's type in a sentence: "a numpy array of shape (3,)", "a list"."""
    if type(value).__name__ == "Unsupported":  # a value the grader could not carry
        return f"an object of type {value.type_name}"
    if isinstance(value, np.ndarray):
        return f"a numpy array of shape {value.shape}"
    return f"a {type(value).__name__}"


def _listed(keys):
    keys = list(keys)
    shown = ", ".join(repr(k) for k in keys[:MAX_LISTED])
    return f"[{shown}{', ...' if len(keys) > MAX_LISTED else ''}]"


def _unexpected(extra, expected, reveal):
    """The words for a dict's unexpected keys. Hidden (``reveal`` false), the keys are the
    student's own text and may spell out a hidden input, so only a key that is a near miss
    of an expected one (a typo, another case) is named, and the others are counted."""
    if reveal:
        return f"unexpected key(s) {_listed(extra)}"
    names = [str(k) for k in expected]
    near = [k for k in extra if isinstance(k, str) and len(k) <= 30
            and difflib.get_close_matches(k, names, n=1, cutoff=0.6)]
    others = len(extra) - len(near)
    said = [f"unexpected key(s) {_listed(near)}"] if near else []
    if others:
        said.append(f"{others} {'other ' if near else ''}unexpected key(s)")
    return " and ".join(said)


def _close(x, y, tol=1e-4):
    return abs(x - y) <= tol * max(1.0, abs(y))


def _has_rank1(inputs):
    """Whether any input (looking inside tuples, lists and dicts) is a rank-1 array."""
    for value in inputs or ():
        if isinstance(value, np.ndarray) and value.ndim == 1:
            return True
        if isinstance(value, (tuple, list)) and _has_rank1(value):
            return True
        if isinstance(value, dict) and _has_rank1(value.values()):
            return True
    return False


def _factor_sentence(ratio, name, m, hints):
    """The Problems for actual = ratio * expected, if the factor is one a student could
    have made (a sign, m, 2, 255, 0.01): the sentence, then the exercise's advice on it;
    None for any other factor."""
    known = [(-1.0, "opposite sign",
              f"{name} has the opposite sign of the expected value: check the signs "
              f"in your formula.", "sign"),
             (2.0, "twice the value",
              f"{name} is twice the expected value: check for a factor of 2 (or 1/2) in "
              f"your formula.", ""),
             (0.5, "half the value",
              f"{name} is half the expected value: check for a factor of 2 (or 1/2) in "
              f"your formula.", ""),
             (255.0, "not divided by 255",
              f"{name} is 255 times the expected value: were the pixel values divided by "
              f"255?", ""),
             (1 / 255.0, "divided by 255 twice",
              f"{name} is 255 times too small: were the pixel values divided by 255 twice?",
              ""),
             (100.0, "100 times the value",
              f"{name} is 100 times the expected value: is a factor of 0.01 missing?", ""),
             (0.01, "a hundredth of the value",
              f"{name} is 100 times too small: is there a factor of 0.01 too many?", "")]
    if m and m > 1:
        known += [(float(m), "forgot 1/m",
                   f"{name} is {m} times too large (m = {m}): did you forget to divide by "
                   f"m?", "factor_m"),
                  (1.0 / m, "divided by m twice",
                   f"{name} is {m} times too small (m = {m}): did you divide by m twice?",
                   "factor_m"),
                  (-float(m), "opposite sign and forgot 1/m",
                   f"{name} is -{m} times the expected value: a flipped sign and a missing "
                   f"1/m.", "")]
    for factor, kind, sentence, hint in known:
        if _close(ratio, factor):
            return [Problem(sentence, kind), *advice(hints.get(hint))]
    return None


def _explain_values(actual, expected, name, m, reveal, hints):
    """How two same-shaped numeric arrays differ, in a student's terms (``hints["_scalar"]``:
    they hold a single number, said as such)."""
    if np.isnan(actual).any():
        return [Problem(f"{name} contains NaN (not a number): look for log(0), 0/0 or an "
                        f"overflow in exp, and check the shapes you combine.", "NaN")]
    if np.isinf(actual).any():
        return [Problem(f"{name} contains inf: a value overflowed (exp of a large number?) "
                        f"or you divided by zero.", "inf")]
    ratio = patterns.ratio(actual, expected)
    named = _factor_sentence(ratio, name, m, hints) if ratio is not None else None
    if named:
        return named
    if (actual.ndim == 2 and actual.shape[0] == actual.shape[1] and actual.shape[0] > 1
            and np.allclose(actual.T, expected, rtol=1e-5, atol=1e-8)):
        return [Problem(f"{name} is the transpose of the expected matrix.", "transposed"),
                *advice(hints.get("transpose"))]
    for recognise in patterns.VALUES:
        problem = recognise(actual, expected, name, hints)
        if problem is not None:
            return [problem, *advice(hints.get(problem.kind))]
    wrong = ~np.isclose(actual, expected, rtol=DEFAULT_RTOL * 10, atol=DEFAULT_ATOL * 10)
    kind = "wrong values"
    if hints.get("_scalar"):
        detail = (f"{name} is {actual.flat[0]:.6g}; expected {expected.flat[0]:.6g}"
                  if reveal else f"{name} has the wrong value")
    else:
        detail = f"{name} has wrong values"
        if expected.size > 1:
            detail += f" in {int(wrong.sum())} of {expected.size} entries"
        if not np.any(actual):
            detail += " (it is all zeros)"
            kind = "all zeros"
        if reveal:
            where = np.unravel_index(int(np.argmax(np.abs(actual - expected))), expected.shape)
            where = tuple(int(i) for i in where)
            index = f" at index {where}" if expected.ndim else ""
            detail += (f": the largest difference is{index}, where you have "
                       f"{actual[where]:.6g} and the expected value is {expected[where]:.6g}")
    # the advice on values follows a mistake of values that has no name of its own
    return [Problem(detail + ".", kind), *advice(hints.get("values"))]


def explain_shape(actual, expected, name, hints=None, rank1_input=False):
    """Why an array has the wrong shape (both arguments are arrays)."""
    hints = hints or {}
    a, e = actual.shape, expected.shape
    if actual.ndim == 1 and expected.ndim == 2 and actual.size == expected.size:
        return [Problem(f"{name} has shape {a}, a rank-1 array; expected {e}. Keep it 2-D: "
                        f"reshape it to {e}.", "rank-1 array"), *advice(hints.get("rank1"))]
    if actual.ndim == 2 and expected.ndim == 1 and actual.size == expected.size:
        return [Problem(f"{name} has shape {a}, expected the rank-1 shape {e}: flatten it "
                        f"with ravel() or reshape(-1).", "2-D, not rank-1")]
    if actual.ndim == expected.ndim == 2 and a == e[::-1]:
        return [Problem(f"{name} has shape {a}, expected {e}: did you transpose it, or "
                        f"multiply in the wrong order?", "transposed"),
                *advice(hints.get("transpose"))]
    if actual.ndim == 2 and expected.ndim == 2 and 1 in e and a[0] == a[1] and max(e) == a[0]:
        n = a[0]
        if rank1_input:
            return [Problem(f"{name} has shape {a}, expected {e}: a rank-1 array of shape "
                            f"({n},) combined with a (1, {n}) or ({n}, 1) array broadcasts to "
                            f"{a}. Make every array 2-D before you combine them.",
                            "broadcast to a square")]
        return [Problem(f"{name} has shape {a}, expected {e}: combining a ({n}, 1) array with "
                        f"a (1, {n}) array broadcasts to {a}. Check the shape of every array "
                        f"you combine.", "broadcast to a square")]
    lost = [axis for axis in range(expected.ndim) if a == e[:axis] + e[axis + 1:]]
    if actual.ndim == expected.ndim - 1 and lost:
        return [Problem(f"{name} has shape {a}, expected {e}: axis {lost[0]} is gone. A sum, "
                        f"mean or max over an axis removes it: an element-wise function "
                        f"(such as np.maximum, not np.max) keeps the shape.", "lost an axis")]
    if actual.size == expected.size:
        return [Problem(f"{name} has shape {a}, expected {e}: the number of entries is right, "
                        f"the layout is not. Check your reshape.", "wrong layout")]
    return [Problem(f"{name} has shape {a}, expected {e}.", "wrong shape")]


def matches(actual, expected, rtol=DEFAULT_RTOL, atol=DEFAULT_ATOL):
    """Whether an answer equals the expected one (within the tolerances)."""
    return not diagnose(actual, expected, "x", reveal=False, rtol=rtol, atol=atol)


def _wrong_order(parts, expected, names, rtol, atol):
    """The order the parts were returned in, as names, if they are the expected parts
    in another order; else None."""
    if len(parts) > 6:
        return None
    for order in itertools.permutations(range(len(expected))):
        if list(order) == sorted(order):
            continue
        if all(matches(parts[i], expected[j], rtol, atol) for i, j in enumerate(order)) \
                and not all(matches(parts[i], expected[i], rtol, atol)
                            for i in range(len(parts))):
            return [names[j] for j in order]
    return None


def _swapped_keys(actual, expected, name, rtol, atol):
    """Sentences for dict values that stand under the wrong key."""
    said, keys, told = [], [k for k in expected if k in actual], set()
    for key in keys:
        if key in told or matches(actual[key], expected[key], rtol, atol):
            continue
        for other in keys:
            if other != key and matches(actual[key], expected[other], rtol, atol) \
                    and not matches(expected[other], expected[key], rtol, atol):
                if matches(actual[other], expected[key], rtol, atol):
                    said.append(Problem(f"{name} has the values of {key!r} and {other!r} "
                                        f"swapped.", "swapped keys"))
                    told.add(other)
                else:
                    said.append(Problem(f"{name}[{key!r}] holds the value expected under "
                                        f"{other!r}.", "value under another key"))
                break
    return said


def diagnose_parts(actual, expected, names, label, **options):
    """``diagnose`` for a tuple result whose parts are named (``names``, e.g.
    ("grads", "cost")); ``label`` names the whole result ("the result of propagate")."""
    if isinstance(actual, tuple) and isinstance(expected, tuple) \
            and len(actual) == len(expected) == len(names):
        order = _wrong_order(actual, expected, names, options.get("rtol", DEFAULT_RTOL),
                             options.get("atol", DEFAULT_ATOL))
        if order:
            return [Problem(f"{label} has the right values in the wrong order: you "
                            f"returned ({', '.join(order)}), expected ({', '.join(names)}).",
                            "wrong order")]
        return _causes_first(said_once(grouped(
            [(part, diagnose(a, e, part, **options))
             for a, e, part in zip(actual, expected, names)])))
    return diagnose(actual, expected, label, **options)


CAUSES = ("cost rises",)  # kinds that explain the NaN or inf of other parts
CONSEQUENCES = ("NaN", "inf")


def _causes_first(problems):
    """The problems with a cause (costs that rise) first, and without the NaN or inf
    that it explains."""
    if not any(p.kind in CAUSES for p in problems):
        return problems
    return [p for p in problems if p.kind in CAUSES] + \
        [p for p in problems if p.kind not in CAUSES and p.kind not in CONSEQUENCES]


def _entry_order(actual, expected, rtol, atol):
    """The order of a list's entries, as the expected positions, when they are the
    expected entries in other places (each matching one only); else None."""
    if len(actual) != len(expected) or len(expected) < 2:
        return None
    order = []
    for entry in actual:
        found = [j for j, e in enumerate(expected) if matches(entry, e, rtol, atol)]
        if len(found) != 1:
            return None
        order.append(found[0])
    return order if sorted(order) == list(range(len(expected))) \
        and order != sorted(order) else None


def diagnose(actual, expected, name, *, m=None, reveal=True, hints=None, inputs=(),
             rtol=DEFAULT_RTOL, atol=DEFAULT_ATOL):
    """Compare an answer with the expected one and explain every difference.

    Arguments:
    actual -- what the student's code returned (array, number, tuple, dict, list, str)
    expected -- the reference answer, of the same kind; a list of numbers is compared
                as one array, a list of anything else entry by entry
    name -- how to call the answer in a message, e.g. "dw" or "grads['dw']"
    m -- the number of examples in the inputs, to recognise an answer off by a factor m
    reveal -- show the values in the message (visible checks only)
    hints -- optional extra advice by kind of mistake, said after the sentence that
             names it: keys "sign", "factor_m", "transpose", "rank1", "values"
             (unnamed wrong values), "length", or a kind of ``KINDS``
    inputs -- the arguments the function was called with (to tell whether a rank-1
              array was among them)

    Returns:
    problems -- list of Problem (a str with its ``kind``); empty when the answer matches;
                each sentence said once
    """
    return said_once(_diagnose(actual, expected, name, m=m, reveal=reveal, hints=hints,
                               inputs=inputs, rtol=rtol, atol=atol))


def _diagnose(actual, expected, name, *, m, reveal, hints, inputs, rtol, atol):
    hints = dict(hints or {})
    options = dict(m=m, reveal=reveal, hints=hints, inputs=inputs, rtol=rtol, atol=atol)
    if isinstance(expected, tuple):
        if not isinstance(actual, tuple):
            return [Problem(f"{name} should be a tuple of {len(expected)} values; you "
                            f"returned {type_name(actual)}.", "wrong type")]
        if len(actual) != len(expected):
            return [Problem(f"{name} should be a tuple of {len(expected)} values; you "
                            f"returned {len(actual)}.", "wrong number of values")]
        return diagnose_parts(actual, expected, [f"{name}[{i}]" for i in range(len(expected))],
                              name, **options)
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [Problem(f"{name} should be a dict with the keys "
                            f"{_listed(sorted(expected))}; you returned {type_name(actual)}.",
                            "wrong type")]
        missing = [k for k in expected if k not in actual]
        extra = [k for k in actual if k not in expected]
        problems = []
        if missing:
            problems.append(Problem(f"{name} is missing the key(s) {_listed(missing)}.",
                                    "missing keys"))
        if extra:
            problems.append(Problem(f"{name} has {_unexpected(extra, expected, reveal)}: it "
                                    f"should have exactly {_listed(sorted(expected))}.",
                                    "unexpected keys"))
        swapped = _swapped_keys(actual, expected, name, rtol, atol)
        if swapped:
            return problems + swapped
        stepped = None if problems else patterns.steps(actual, expected, name, inputs,
                                                       reveal, hints)
        if stepped:
            return stepped
        return problems + _by_entry([(actual[key], e, f"{name}[{key!r}]")
                                     for key, e in expected.items() if key in actual], options)
    if isinstance(expected, str) or expected is None:
        if isinstance(actual, (str, type(None))) and actual == expected:
            return []
        if not reveal:  # the value is the student's: it may spell out a hidden input
            same_type = type(actual) is type(expected)
            return [Problem(f"{name} is not the expected value." if same_type else
                            f"{name} is {type_name(actual)}; expected another value.",
                            "wrong values")]
        shown = repr(actual) if len(repr(actual)) <= 80 else type_name(actual)
        return [Problem(f"{name} is {shown}; expected {expected!r}.", "wrong values")]
    if isinstance(expected, list):
        if isinstance(actual, np.ndarray) and actual.ndim == 1:
            actual = list(actual)
        if not isinstance(actual, (list, tuple)):
            return [Problem(f"{name} should be a list of {len(expected)} values; you "
                            f"returned {type_name(actual)}.", "wrong type")]
        numbers = all(is_scalar(e) for e in expected)
        if len(actual) != len(expected):
            if numbers and all(is_scalar(a) for a in actual):
                for recognise in (patterns.right_as_far_as_they_go,
                                  patterns.every_kth_is_right):
                    named = recognise(np.array(actual, dtype=float),
                                      np.array(expected, dtype=float), name)
                    if named:
                        return [named]
            return [Problem(f"{name} has {len(actual)} entries, expected {len(expected)}.",
                            "wrong length"), *advice(hints.get("length"))]
        if not numbers:  # a list of arrays, tuples, ...: by entry
            order = _entry_order(actual, expected, rtol, atol)
            if order:
                return [Problem(f"{name} has the right entries in the wrong order: yours are "
                                f"the expected entries {order}, in that order.",
                                "wrong order")]
            return _by_entry([(a, e, f"{name}[{i}]")
                              for i, (a, e) in enumerate(zip(actual, expected))], options)
        try:
            actual_array = np.array([_as_float(v) for v in actual])
        except (TypeError, ValueError):
            return [Problem(f"{name} should hold numbers only.", "not numbers")]
        expected_array = np.array(expected, dtype=float)
        if np.allclose(actual_array, expected_array, rtol=rtol, atol=atol):
            return []
        rises = patterns.costs_rise(actual_array, expected_array, name)
        if rises:
            return [rises]
        return _explain_values(actual_array, expected_array, name, m, reveal, hints)
    if is_scalar(expected):
        if isinstance(actual, np.ndarray) and actual.ndim > 0:
            if actual.size == 1:
                return [Problem(f"{name} has shape {actual.shape}; expected a single number. "
                                f"Turn it into a scalar with float(...) or np.squeeze(...).",
                                "array, not a number")]
            return [Problem(f"{name} has shape {actual.shape}; expected a single number. Did "
                            f"you forget to sum or average over the examples?", "not summed")]
        if not is_scalar(actual):
            return [Problem(f"{name} should be a number; you returned {type_name(actual)}.",
                            "wrong type")]
        a = np.asarray(actual, dtype=float)
        e = np.asarray(expected, dtype=float)
        if np.allclose(a, e, rtol=rtol, atol=atol):
            return []
        return _explain_values(a.reshape(1), e.reshape(1), name, m, reveal,
                               dict(hints, _scalar=True))
    if isinstance(expected, np.ndarray):
        if isinstance(actual, list):
            return [Problem(f"{name} is a Python list; return a numpy array of shape "
                            f"{expected.shape}.", "wrong type")]
        if not isinstance(actual, np.ndarray):
            if is_scalar(actual) and expected.size == 1:
                return [Problem(f"{name} is a single number; expected an array of shape "
                                f"{expected.shape}.", "number, not an array")]
            return [Problem(f"{name} should be a numpy array of shape {expected.shape}; you "
                            f"returned {type_name(actual)}.", "wrong type")]
        if actual.dtype.kind not in "biuf":
            return [Problem(f"{name} has dtype {actual.dtype}; expected numbers.",
                            "not numbers")]
        if actual.shape != expected.shape:
            return explain_shape(actual, expected, name, hints, _has_rank1(inputs))
        a = actual.astype(float)
        e = expected.astype(float)
        if np.allclose(a, e, rtol=rtol, atol=atol):
            return []
        return _explain_values(a, e, name, m, reveal, hints)
    # Anything else (rare): plain equality.
    try:
        same = bool(actual == expected)
    except Exception:
        same = False
    return [] if same else [Problem(f"{name} does not match the expected value.",
                                    "wrong values")]


def _by_entry(entries, options):
    """The problems of the entries of a dict or list, each diagnosed on its own:
    [(actual, expected, name)]; each kind of mistake said once (``grouped``), and the
    exercise's advice after the mistakes, once."""
    problems = grouped([(name, diagnose(actual, expected, name, **options))
                        for actual, expected, name in entries])
    return [p for p in problems if p.kind] + [p for p in problems if not p.kind]


def _as_float(value):
    if isinstance(value, np.ndarray):
        if value.size != 1:
            raise ValueError("not a scalar")
        return float(value.reshape(()))
    return float(value)
