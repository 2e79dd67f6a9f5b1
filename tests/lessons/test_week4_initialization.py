"""The lessons of week 4's initialisation notebook hold when its own cells run.

The notebook tells students that, on the circles with its seeds, a zero start predicts one
class for every point (at most 55 % right), that a start ten times too large ends between 70 %
and 95 % on the test set, that He's start reaches at least 95 % on the training set and 92 %
on the test set, and it reports Xavier's; and, in its 50-layer stack, that the x10 start's
activations explode while He's keep a stable spread through every layer. These tests run the
notebook's imports, its data cell, its solution cells and the cells that train and measure
(about 8 s on one core), and check each claim.
"""

import numpy as np
import pytest

from autograder.notebooks import SOURCE_DIR
from tests.lessons.notebook_cells import run_cells

NOTEBOOK = SOURCE_DIR / "week4_practical_aspects" / "initialization.ipynb"
ANSWERS = tuple(f"initialize_parameters_{name}_answer"
                for name in ("zeros", "random", "he", "xavier"))
CELLS = ("imports", "initialization-code-01", "initialization-code-02", *ANSWERS,
         "initialization-code-03", "initialization-code-04")


@pytest.fixture(scope="module")
def notebook():
    return run_cells(NOTEBOOK, CELLS)


def _accuracies(notebook, name):
    parameters = notebook["trained"][name]
    return tuple(notebook["accuracy"](parameters, X, Y) for X, Y in (
        (notebook["train_X"], notebook["train_Y"]), (notebook["test_X"], notebook["test_Y"])))


def test_the_circles_are_the_lectures_sizes(notebook):
    assert notebook["train_X"].shape == (2, 300) and notebook["test_X"].shape == (2, 100)
    assert notebook["layers_dims"] == [2, 10, 5, 1]


def test_a_zero_start_predicts_one_class_and_stays_near_a_guess(notebook):
    train, test = _accuracies(notebook, "zeros")
    assert train <= 55 and test <= 55, (train, test)
    predictions = notebook["predict"](notebook["trained"]["zeros"], notebook["test_X"])
    assert len(np.unique(predictions)) == 1


def test_a_start_ten_times_too_large_ends_between_70_and_95_percent(notebook):
    _, test = _accuracies(notebook, "random x 10")
    assert 70 <= test <= 95, test


def test_he_learns_the_circles(notebook):
    train, test = _accuracies(notebook, "He")
    assert train >= 95 and test >= 92, (train, test)


def test_xavier_is_reported_and_learns(notebook):
    train, test = _accuracies(notebook, "Xavier")
    assert 50 < test <= 100 and 50 < train <= 100, (train, test)


def test_the_ten_times_start_explodes_and_he_keeps_a_stable_spread(notebook):
    spreads = notebook["spreads"]
    assert len(spreads["He"]) == 50
    exploding = spreads["random x 10"]
    assert exploding[-1] > 1e50 * exploding[0]
    assert all(later > earlier for earlier, later in zip(exploding, exploding[1:]))
    he = np.array(spreads["He"])
    assert np.all((he > he[0] / 5) & (he < he[0] * 5)), he
    assert spreads["Xavier"][-1] < 1e-5 * spreads["Xavier"][0]  # the slow vanishing it describes
