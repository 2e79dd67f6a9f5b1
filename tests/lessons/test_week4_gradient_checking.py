"""The lessons of week 4's gradient-checking notebook hold when its own cells run.

The notebook tells students that the check flags the backward pass with the planted bugs (a
difference far above 2e-7) and passes the fixed one (below 1e-7), that checking a cost with an
L2 term against gradients without it fails while gradients with it pass, and that a cost with
dropout on fails the check while keep_prob = 1 passes. These tests run its imports, its
solution cells and the cells that show each rule (well under a second), and check each claim.
"""

import pytest

from autograder.notebooks import SOURCE_DIR
from tests.lessons.notebook_cells import run_cells

NOTEBOOK = SOURCE_DIR / "week4_practical_aspects" / "gradient_checking.ipynb"
ANSWERS = tuple(f"{name}_answer" for name in (
    "forward_propagation", "backward_propagation", "gradient_check", "gradient_check_n"))
CELLS = ("imports", *ANSWERS, *(f"gradient_checking-code-{n:02d}" for n in (1, 2, 3, 5, 6)))
FLAGGED = 2e-7   # the notebook's threshold for "a mistake"
PASSES = 1e-7    # the lectures' "great"


@pytest.fixture(scope="module")
def notebook():
    return run_cells(NOTEBOOK, CELLS)


def test_the_check_flags_the_planted_bugs_far_above_the_threshold(notebook):
    assert notebook["difference_planted"] > 1e4 * FLAGGED, notebook["difference_planted"]


def test_the_fixed_backward_pass_passes(notebook):
    assert notebook["difference_fixed"] < PASSES, notebook["difference_fixed"]


def test_the_check_needs_the_regularisation_term(notebook):
    assert notebook["difference_no_l2"] > FLAGGED
    assert notebook["difference_l2"] < PASSES


def test_the_check_needs_dropout_off(notebook):
    assert notebook["differences_dropout"][0.8] > FLAGGED
    assert notebook["differences_dropout"][1.0] < PASSES
