"""Hints that recognise a mistake by computing what it gives on the case's inputs.

Contract: ``gives(mistake)`` is a ``Hint.when`` test that holds when the student's result
is what ``mistake(*args, **kwargs)`` returns on the case's inputs: the exercise done with
one known mistake (a slope taken at Z1 instead of A1, a mean instead of a sum), so that a
hint names that mistake only when the numbers show it. ``gives(mistake, part=)`` compares
one part of the result (an entry of a tuple, a key of a dict, or what a function of it
picks, such as the first recorded cost); ``seeded_itself(draw)``
holds when the result is what ``draw`` gives from a generator the function seeded itself,
with a small seed of its own, instead of numpy's global generator as the grader left it.

A mistake's result is the same for every student with the same inputs: each is computed
once per inputs, in the grader's process, with the helpers' correct functions. The tests
run on plain data only and never change numpy's global random state.
"""

import hashlib
import pickle
from collections import OrderedDict

import numpy as np

from helpers.diagnosis import matches

OWN_SEEDS = range(100)  # the seeds a function that seeds itself is recognised with
MAX_REMEMBERED = 256    # results of mistakes kept, per grader process
_remembered = OrderedDict()


def _key(mistake, inputs):
    digest = hashlib.sha256(pickle.dumps((inputs.args, sorted(inputs.kwargs.items()),
                                          inputs.numpy_seed)))
    return (mistake, digest.hexdigest())


def result_of(mistake, inputs):
    """What ``mistake`` gives on the inputs (``mistake(*args, **kwargs)``, or
    ``mistake(inputs)`` when it takes the Inputs, marked ``takes_inputs``), computed once;
    None when it cannot be computed."""
    key = _key(mistake, inputs)
    if key not in _remembered:
        state = np.random.get_state()
        try:
            if getattr(mistake, "takes_inputs", False):
                _remembered[key] = mistake(inputs)
            else:
                _remembered[key] = mistake(*inputs.args, **inputs.kwargs)
        except Exception:  # inputs the mistake does not apply to
            _remembered[key] = None
        finally:
            np.random.set_state(state)
        if len(_remembered) > MAX_REMEMBERED:
            _remembered.popitem(last=False)
    return _remembered[key]


def takes_inputs(mistake):
    """Mark a mistake that takes the case's Inputs (to read its numpy_seed, say)."""
    mistake.takes_inputs = True
    return mistake


def _part(value, part):
    """``part(value)``, ``value[part]`` or the value itself (None: no such part)."""
    if part is None or value is None:
        return value
    try:
        return part(value) if callable(part) else value[part]
    except (KeyError, IndexError, TypeError, ValueError):
        return None


def gives(mistake, part=None):
    """A ``Hint.when`` test: the result (or its ``part``) is what the mistake gives."""
    def when(actual, expected, inputs):
        mistaken = _part(result_of(mistake, inputs), part)
        mine = _part(actual, part)
        return mistaken is not None and mine is not None and matches(mine, mistaken) \
            and not matches(mistaken, _part(expected, part))
    return when


def seeded_itself(draw, part=None):
    """A ``Hint.when`` test: the result (or its ``part``) is what ``draw(rng, *args,
    **kwargs)`` gives with ``rng = np.random.RandomState(seed)`` for one of OWN_SEEDS, while
    the grader seeded numpy's global generator otherwise."""
    def every_seed(inputs):
        return [draw(np.random.RandomState(seed), *inputs.args, **inputs.kwargs)
                for seed in OWN_SEEDS if seed != inputs.numpy_seed]
    every_seed.takes_inputs = True

    def when(actual, expected, inputs):
        mine = _part(actual, part)
        return mine is not None and any(
            matches(mine, _part(drawn, part)) for drawn in result_of(every_seed, inputs) or ())
    return when
