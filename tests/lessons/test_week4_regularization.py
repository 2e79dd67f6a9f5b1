"""The lessons of week 4's regularisation notebook hold when its own cells run.

The notebook tells students that on the goalkeeper data (its seed 3) the unregularised
[2, 20, 3, 1] network over-fits (training accuracy at least 3 points above test), that L2 with
the lambda the dev set picks and dropout with keep_prob 0.86 each raise the test accuracy above
the unregularised network's and narrow the train-test gap, that the lambda sweep's test curve
peaks inside the range swept (over-fitting at the small end, under-fitting at the large end),
that L2 leaves smaller weights, that early stopping keeps an iteration before the end where the
dev cost has risen since, and that L1 leaves more weights near zero than L2. These tests run
the notebook's imports, data, model, solution and training cells (about a minute on one core)
and check each claim with a margin.
"""

import numpy as np
import pytest

from autograder.notebooks import SOURCE_DIR
from tests.lessons.notebook_cells import run_cells

NOTEBOOK = SOURCE_DIR / "week4_practical_aspects" / "regularization.ipynb"
ANSWERS = tuple(f"{name}_answer" for name in (
    "compute_cost_with_regularization", "backward_propagation_with_regularization",
    "forward_propagation_with_dropout", "backward_propagation_with_dropout", "early_stopping",
    "augment_images"))
CELLS = ("imports", *ANSWERS, *(f"regularization-code-{n:02d}" for n in
                                (1, 2, 3, 4, 5, 7, 8, 10)))
MARGIN = 1.0  # percentage points beyond each claim, so that no lesson sits on a knife edge


@pytest.fixture(scope="module")
def notebook():
    return run_cells(NOTEBOOK, CELLS)


def _train_test(notebook, parameters):
    accuracy = notebook["accuracy"]
    return (accuracy(parameters, notebook["train_X"], notebook["train_Y"]),
            accuracy(parameters, notebook["test_X"], notebook["test_Y"]))


def test_the_goalkeeper_sets_have_a_few_hundred_points(notebook):
    assert notebook["train_X"].shape == (2, 300) and notebook["test_X"].shape == (2, 300)
    assert notebook["dev_X"].shape == (2, 200)


def test_without_regularisation_training_is_well_above_test(notebook):
    train, test = _train_test(notebook, notebook["parameters_plain"])
    assert train >= test + 3 + MARGIN, (train, test)


@pytest.mark.parametrize("name", ["parameters_l2", "parameters_dropout"])
def test_l2_and_dropout_raise_the_test_accuracy_and_narrow_the_gap(notebook, name):
    plain_train, plain_test = _train_test(notebook, notebook["parameters_plain"])
    train, test = _train_test(notebook, notebook[name])
    assert test >= plain_test + MARGIN, (name, test, plain_test)
    assert train - test <= plain_train - plain_test - MARGIN, (name, train, test)


def test_the_lambda_sweeps_test_curve_peaks_inside_the_range(notebook):
    test = notebook["sweep"]["test"]
    peak = int(np.argmax(test))
    assert 0 < peak < len(test) - 1, test
    assert test[peak] >= max(test[0], test[-1]) + 2 * MARGIN, test


def test_l2_shrinks_every_weight_matrix(notebook):
    plain, l2 = (notebook["norms"][key] for key in notebook["norms"])
    assert all(b < a for a, b in zip(plain, l2)), (plain, l2)


def test_early_stopping_keeps_an_iteration_before_the_dev_cost_rises(notebook):
    costs_dev, best = notebook["costs_dev"], notebook["best"]
    assert 0 < best < len(costs_dev) - 1
    assert costs_dev[best] == min(costs_dev)
    assert costs_dev[-1] > costs_dev[best] * 1.2  # the dev cost rose well above its minimum


def test_l1_leaves_more_weights_near_zero_than_l2(notebook):
    near_zero = {name: float(np.mean(np.abs(values) < 0.01))
                 for name, values in notebook["weights"].items()}
    assert near_zero["L1"] > near_zero["L2"] + 0.1, near_zero
