"""The lessons of week 5's notebook hold when its own cells run.

The notebook tells students that on the moons (its seeds, 5000 epochs, mini-batches of 64,
learning rate 0.0007) plain mini-batch gradient descent and momentum stay at or below 80 %
training accuracy while Adam reaches at least 92 %; that gradient descent from a learning rate
of 0.1 with ``schedule_lr_decay`` (a step every 1000 epochs) reaches at least 92 %; and that on
its year of temperatures the bias-corrected average starts at the data while the uncorrected one
starts near 0. These tests run the notebook's imports, data, solution cells, its training
helpers and its comparison of the four optimisers, then one run with the schedule through the
notebook's own ``record``: five trainings of 5000 epochs, about 20 s on one core.
"""

import numpy as np
import pytest

from autograder.notebooks import SOURCE_DIR
from helpers.threads import one_thread
from tests.lessons.notebook_cells import run_cells

NOTEBOOK = SOURCE_DIR / "week5_optimization" / "optimization_methods.ipynb"
ANSWERS = tuple(f"{name}_answer" for name in (
    "random_mini_batches", "exponentially_weighted_average", "initialize_velocity",
    "update_parameters_with_momentum", "initialize_rmsprop", "update_parameters_with_rmsprop",
    "initialize_adam", "update_parameters_with_adam", "update_lr", "schedule_lr_decay",
    "exponential_lr_decay", "sqrt_lr_decay", "model"))
CELLS = ("imports", "moons-data", "network-diagram", *ANSWERS, "temperature-averages",
         "training-helpers", "optimizer-comparison")


@pytest.fixture(scope="module")
def notebook():
    return run_cells(NOTEBOOK, CELLS)


def _training_accuracy(notebook, parameters):
    return notebook["accuracy"](parameters, notebook["train_X"], notebook["train_Y"])


def test_the_moons_are_the_lectures_sizes(notebook):
    assert notebook["train_X"].shape == (2, 300) and notebook["train_Y"].shape == (1, 300)
    assert notebook["layers_dims"] == [2, 5, 2, 1]


@pytest.mark.parametrize("optimizer", ["gd", "momentum"])
def test_plain_gradient_descent_and_momentum_stay_at_or_below_80_percent(notebook, optimizer):
    parameters, costs = notebook["optimizer_runs"][optimizer]
    assert len(costs) == 50  # the cost every 100 epochs: 5000 epochs ran
    assert _training_accuracy(notebook, parameters) <= 80


def test_adam_reaches_92_percent(notebook):
    parameters, costs = notebook["optimizer_runs"]["adam"]
    assert len(costs) == 50
    assert _training_accuracy(notebook, parameters) >= 92
    assert costs[-1] < costs[0] / 3


def test_gradient_descent_with_a_stepwise_decay_from_0_1_reaches_92_percent(notebook):
    with one_thread():
        parameters, costs = notebook["record"](optimizer="gd", learning_rate=0.1,
                                               decay=notebook["schedule_lr_decay"])
    assert len(costs) == 50
    assert _training_accuracy(notebook, parameters) >= 92


def test_bias_correction_starts_at_the_data_and_its_absence_near_zero(notebook):
    temperatures, plain, corrected = (notebook[name] for name in
                                      ("temperatures", "plain", "corrected"))
    assert temperatures.shape == (365,)
    assert corrected[0] == pytest.approx(temperatures[0])
    assert abs(plain[0]) < 0.05 * abs(temperatures[0])
    first = slice(0, 10)
    assert abs(corrected[first].mean() - temperatures[first].mean()) < 2.0
    assert plain[first].mean() < 0.2 * temperatures[first].mean()
    # the correction fades as beta ** t shrinks: under 0.3 % from day 300 on
    np.testing.assert_allclose(plain[299:], corrected[299:], rtol=3e-3)
    assert corrected[99] > 1.1 * plain[99]  # still about 15 % on day 100
