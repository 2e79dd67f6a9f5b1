"""numpy, handed out with its global generator freshly seeded.

Contract: reading the attribute ``seed_<N>`` of this module (N a non-negative integer)
seeds numpy's global generator with N, exactly as ``np.random.seed(N)`` does, and gives
back the ``numpy`` module itself. Nothing else here.

Why: the course's convention is that a graded function which draws random numbers (week 2's
``initialize_parameters``) uses numpy's global generator and does not seed it; whoever
calls it seeds first. The hidden cases seed by listing ``{"np": ("helpers.seeded_numpy",
"seed_11")}`` among an exercise's stand-ins: the grader puts each stand-in into the
notebook's namespace by reading that attribute just before it calls the function, so the
function finds the real numpy under ``np``, with the generator seeded with 11, in the
grader's process and in nbgrader's kernel alike.
"""

import re

import numpy as np

_SEED = re.compile(r"seed_(\d+)")


def __getattr__(name):
    match = _SEED.fullmatch(name)
    if match is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}; ask for "
                             f"seed_<N>, e.g. seed_11")
    np.random.seed(int(match.group(1)))
    return np
