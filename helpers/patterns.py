"""Mistakes recognised from the numbers alone, whatever the exercise.

The contract: each function here takes what a diagnosis compares (the answer, the
expected one, how to call it) and returns the ``Problem`` that names the mistake when
the numbers show exactly that one, else None; ``explain_error`` does the same for the
message of an exception. They are said in the terms of any exercise of the kind: a
result that is 1 minus a probability, an array normalised over its other axis, the
right values in another order, probabilities where 0/1 labels belong, parameters that
moved from where they started by another step than the expected one, or not at all,
costs that rise where they should fall, a list whose entries are right as far as they
go. ``helpers.diagnosis`` calls them after its own checks of factors and shapes.
"""

import re

import numpy as np

from helpers.problems import Problem, advice, listed

_TOL = dict(rtol=1e-5, atol=1e-8)


def complement(actual, expected, name, hints):
    """actual = 1 - expected, for probabilities (values between 0 and 1, not 0/1 labels,
    not all 0.5)."""
    if (np.all((expected >= 0) & (expected <= 1)) and np.any((expected > 0) & (expected < 1))
            and not np.allclose(expected, 0.5) and np.allclose(actual, 1 - expected, **_TOL)):
        return Problem(f"{name} is 1 minus the expected value, the probability of the other "
                       f"outcome: check the sign in the exponent, or which outcome you "
                       f"compute.", "1 minus the expected value")
    return None


def other_axis(actual, expected, name, hints):
    """A 2-D array normalised over the other axis: its columns sum to 1 (or have length 1)
    where the expected rows do, or the other way round."""
    if actual.ndim != 2:
        return None
    measures = (("sum to 1", lambda a, axis: np.sum(a, axis=axis)),
                ("have length 1", lambda a, axis: np.linalg.norm(a, axis=axis)))
    lines = {1: "rows", 0: "columns"}  # what a sum over that axis normalises
    for said, measure in measures:
        for axis, other in ((1, 0), (0, 1)):
            if (np.allclose(measure(expected, axis), 1, **_TOL)
                    and np.allclose(measure(actual, other), 1, **_TOL)
                    and not np.allclose(measure(actual, axis), 1, **_TOL)):
                return Problem(f"{name}'s {lines[other]} {said}, where its {lines[axis]} "
                               f"should: you normalised over the other axis (axis={other} "
                               f"instead of axis={axis}).", "normalised over the other axis")
    return None


def permuted(actual, expected, name, hints):
    """The expected values of an array (2-D or more), all different, in other places."""
    if expected.ndim < 2 or expected.size < 2 or np.unique(expected).size != expected.size:
        return None
    if np.allclose(np.sort(actual, axis=None), np.sort(expected, axis=None), **_TOL):
        return Problem(f"{name} holds the expected values, in other places: check the order "
                       f"of the axes when you reshape or transpose.", "wrong layout")
    return None


def _labels(values):
    """Only 0s and 1s, both of them."""
    return bool(np.all((values == 0) | (values == 1)) and np.any(values == 0)
                and np.any(values == 1))


def probabilities_not_labels(actual, expected, name, hints):
    """Numbers between 0 and 1 where 0/1 labels are expected."""
    if (_labels(expected) and np.all((actual >= 0) & (actual <= 1))
            and np.any((actual > 0) & (actual < 1))):
        return Problem(f"{name} holds numbers between 0 and 1 where 0/1 labels belong: turn "
                       f"each probability into a label with a threshold.",
                       "probabilities, not labels")
    return None


VALUES = (complement, other_axis, permuted, probabilities_not_labels)


def _arrays(*values):
    return all(isinstance(v, np.ndarray) and v.dtype.kind in "biuf" for v in values) \
        and len({v.shape for v in values}) == 1


def ratio(actual, expected):
    """The constant c with actual = c * expected entry by entry, if there is one."""
    nonzero = np.abs(expected) > 1e-12
    if not nonzero.any() or np.any(np.abs(actual[~nonzero]) > 1e-12):
        return None
    ratios = actual[nonzero] / expected[nonzero]
    if np.allclose(ratios, ratios.flat[0], rtol=1e-4, atol=1e-9):
        return float(ratios.flat[0])
    return None


def steps(actual, expected, name, inputs, reveal, hints):
    """Problems of a dict of arrays that is a step from a dict it was given (parameters
    updated from ``parameters``), when each entry moved by a multiple of the expected step
    (0: not updated; the same multiple for every entry: another step size or the
    opposite direction); None otherwise."""
    start = next((v for v in inputs if isinstance(v, dict) and v.keys() == expected.keys()),
                 None)
    if start is None or not isinstance(actual, dict) or not all(
            k in actual and _arrays(actual[k], expected[k], start[k]) for k in expected):
        return None
    wrong = [k for k in expected
             if not np.allclose(actual[k], expected[k], rtol=1e-6, atol=1e-8)]
    ratios = {k: ratio((actual[k] - start[k]).astype(float),
                       (expected[k] - start[k]).astype(float)) for k in wrong}
    if not wrong or any(r is None for r in ratios.values()):
        return None
    if all(abs(r) < 1e-9 for r in ratios.values()):
        entries = [f"{name}[{k!r}]" for k in wrong]
        said = ("still holds the value it was given: it was" if len(entries) == 1 else
                "still hold the values they were given: they were")
        return [Problem(f"{listed(entries)} {said} not updated.", "not updated")]
    first = next(iter(ratios.values()))
    if len(wrong) < len(expected) or not all(abs(r - first) <= 1e-4 * abs(first)
                                             for r in ratios.values()):
        return None
    if first < 0:
        return [Problem(f"Every entry of {name} moved the other way from the expected step: "
                        f"the update adds where it should subtract (or the other way round).",
                        "opposite sign"), *advice(hints.get("sign"))]
    size = f"{first:.4g} times" if reveal else "a multiple of"
    moved = f"Every entry of {name} moved in the right direction by {size} the expected step"
    if hints.get("step of another size"):  # an exercise whose results are not all steps of a rate
        return [Problem(f"{moved}.", "step of another size"),
                *advice(hints["step of another size"])]
    return [Problem(f"{moved}: use the learning_rate you are given.", "step of another size")]


def costs_rise(actual, expected, name):
    """Costs that start right, then rise (or become NaN) where the expected ones fall."""
    if actual.size < 2 or expected[-1] >= expected[0] or not np.isfinite(actual[0]) \
            or not np.isclose(actual[0], expected[0], rtol=1e-6, atol=1e-8):
        return None
    ends = ~np.isfinite(actual)
    finite = actual[:int(np.argmax(ends))] if ends.any() else actual
    if finite.size == actual.size and finite[-1] > finite[0]:
        how = "start right, then rise"
    elif finite.size < actual.size and (finite.size == 1 or finite[-1] > finite[0]):
        how = "start right, then rise until they are NaN"
    else:
        return None
    return Problem(f"The values of {name} {how}, where they should fall: the updates climb "
                   f"the cost instead of going down it. Check the sign of the gradient the "
                   f"backward pass starts from (dAL) and that each update subtracts "
                   f"learning_rate times the gradient.", "cost rises")


def right_as_far_as_they_go(actual, expected, name):
    """A list of numbers of another length whose entries are right as far as both go
    (at least two): the loop that fills it ran another number of times."""
    n = min(actual.size, expected.size)
    if n < 2 or actual.size == expected.size or not np.allclose(actual[:n], expected[:n],
                                                                rtol=1e-6, atol=1e-8):
        return None
    return Problem(f"{name} has {actual.size} entries, expected {expected.size}, and the "
                   f"first {n} are right: the loop ran another number of iterations than "
                   f"the one asked.", "another number of iterations")


def every_kth_is_right(actual, expected, name):
    """A longer list of numbers whose every k-th entry is the expected list (k > 1, at
    least two of them): recorded at every iteration where every k-th was asked."""
    if expected.size < 2 or actual.size <= expected.size:
        return None
    strides = range(max(2, -(-actual.size // expected.size)),
                    (actual.size - 1) // (expected.size - 1) + 1)  # as many entries as asked
    k = next((k for k in strides if np.allclose(actual[::k], expected, rtol=1e-6, atol=1e-8)),
             None)
    if k:
        return Problem(f"{name} has {actual.size} entries, expected {expected.size}: every "
                       f"{k}th of yours is right, so you recorded more often than asked.",
                       "costs at other iterations")
    return None


_BROADCAST = re.compile(r"could not be broadcast together with shapes?((?:\s*\([^)]*\))+)")
_RANK1 = re.compile(r"\(\s*(?:\d+|#)\s*,\s*\)")
_ALIGN = re.compile(r"shapes \([^)]*\) and \([^)]*\) not aligned|mismatch in its core "
                    r"dimension")


def explain_error(message, hints=None):
    """Problems naming the mistake behind an exception's message (shapes that do not fit
    a product, a rank-1 array in a broadcast), with the exercise's hints for it; [] when
    the message shows none. The shapes may be redacted ("(#,#)")."""
    hints = hints or {}
    message = str(message)
    found = _BROADCAST.search(message)
    if found and _RANK1.search(found.group(1)):
        return [Problem("One of the arrays combined there is rank-1, shape (n,): numpy lines "
                        "it up with the last axis of the other array, not the first. Keep it "
                        "2-D, e.g. with keepdims=True in a sum or norm, or reshape(-1, 1).",
                        "rank-1 array in a broadcast"), *advice(hints.get("rank1"))]
    if _ALIGN.search(message):
        return [Problem("The sizes in a matrix product do not fit: the number of columns of "
                        "the first factor must equal the number of rows of the second. Check "
                        "which factor is transposed, and their order.", "shapes not aligned"),
                *advice(hints.get("transpose"))]
    return []
