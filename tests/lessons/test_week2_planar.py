"""The lessons of week 2's notebook hold when its own solutions run.

The notebook tells students that on the flower logistic regression stays below 50 %, that
four tanh units reach about 90 %, that one or two hidden units are not enough while three or
more are, that the widest networks overfit (best on the training flower, worse than four units
on a new one), and that a zero start keeps the hidden units identical. These tests run the source
notebook's solution cells (and its given cells) on the same data, with the same seeds, and
check each claim with a margin.
"""

import inspect

import nbformat
import numpy as np
import pytest

from autograder.notebooks import SOURCE_DIR, nbgrader_meta
from helpers.data import load_planar_dataset
from helpers.reference import logistic_regression

NOTEBOOK = SOURCE_DIR / "week2_shallow_network" / "planar_classification.ipynb"
GIVEN = ("sigmoid_given", "train_with_activation_given")
# The new flower of the notebook's hidden-size sweep: the same petals, drawn with another seed.
NEW_FLOWER = {"seed": 8, "m": 2000}


@pytest.fixture(scope="module")
def solutions():
    """The namespace of the notebook's given cells and solution cells, run in order."""
    namespace = {"np": np}
    for cell in nbformat.read(NOTEBOOK, as_version=4).cells:
        meta = nbgrader_meta(cell)
        if cell.cell_type == "code" and (meta.get("solution") or meta.get("grade_id") in GIVEN):
            exec(compile(cell.source, f"{NOTEBOOK.name}:{meta['grade_id']}", "exec"), namespace)
    return namespace


@pytest.fixture(scope="module")
def flower():
    return load_planar_dataset()


@pytest.fixture(scope="module")
def networks(solutions, flower):
    """n_h -> the parameters the notebook's nn_model trains on the flower, each trained once."""
    X, Y = flower
    cache = {}

    def parameters(n_h):
        if n_h not in cache:
            cache[n_h] = solutions["nn_model"](X, Y, n_h, num_iterations=10000)
        return cache[n_h]
    return parameters


@pytest.fixture(scope="module")
def trained(solutions, flower, networks):
    """n_h -> accuracy in % on the training flower."""
    X, Y = flower
    return lambda n_h: 100 * np.mean(solutions["predict"](networks(n_h), X) == Y)


@pytest.fixture(scope="module")
def on_a_new_flower(solutions, networks):
    """n_h -> accuracy in % on the sweep's new flower."""
    X, Y = load_planar_dataset(**NEW_FLOWER)
    return lambda n_h: 100 * np.mean(solutions["predict"](networks(n_h), X) == Y)


def test_logistic_regression_stays_below_half_on_the_flower(flower):
    X, Y = flower
    w, b = logistic_regression.initialize_with_zeros(X.shape[0])
    params, _, _ = logistic_regression.optimize(w, b, X, Y, num_iterations=1000,
                                                learning_rate=0.1)
    accuracy = 100 * np.mean(logistic_regression.predict(params["w"], params["b"], X) == Y)
    assert accuracy <= 50.0


def test_four_tanh_units_reach_about_ninety_percent(solutions, trained):
    learning_rate = inspect.signature(solutions["update_parameters"]).parameters["learning_rate"]
    assert learning_rate.default == 1.2  # the rate nn_model trains with
    assert trained(4) >= 88.0


@pytest.mark.parametrize("n_h", [1, 2])
def test_one_or_two_hidden_units_are_not_enough(trained, n_h):
    assert trained(n_h) <= 72.0


@pytest.mark.parametrize("n_h", [3, 4, 5, 20, 50])
def test_three_hidden_units_or_more_capture_the_petals(trained, n_h):
    assert trained(n_h) >= 88.0


def test_the_sweep_tries_every_network_on_the_new_flower():
    sweep = [cell.source for cell in nbformat.read(NOTEBOOK, as_version=4).cells
             if "hidden_sizes = [" in cell.source]
    call = f"load_planar_dataset(seed={NEW_FLOWER['seed']}, m={NEW_FLOWER['m']})"
    assert len(sweep) == 1 and call in sweep[0]


@pytest.mark.parametrize("n_h", [20, 50])
def test_the_widest_networks_fit_the_training_flower_best_and_a_new_one_worse(
        trained, on_a_new_flower, n_h):
    assert trained(n_h) >= trained(4) + 2.0
    assert on_a_new_flower(n_h) <= on_a_new_flower(4) - 0.5


@pytest.mark.parametrize("n_h", [3, 4])
def test_three_or_four_units_do_as_well_on_a_new_flower_as_on_their_own(
        trained, on_a_new_flower, n_h):
    assert on_a_new_flower(n_h) >= trained(n_h) - 0.5


@pytest.mark.parametrize("n_h", [20, 50])
def test_the_widest_networks_score_two_points_or_more_lower_on_a_new_flower(
        trained, on_a_new_flower, n_h):
    assert on_a_new_flower(n_h) <= trained(n_h) - 2.0


def _train_from(solutions, parameters, X, Y, num_iterations):
    for _ in range(num_iterations):
        _, cache = solutions["forward_propagation"](X, parameters)
        grads = solutions["backward_propagation"](parameters, cache, X, Y)
        parameters = solutions["update_parameters"](parameters, grads)
    return parameters


def _identical_hidden_units(parameters):
    return (np.allclose(parameters["W1"], parameters["W1"][0], rtol=0, atol=1e-12)
            and np.allclose(parameters["b1"], parameters["b1"][0], rtol=0, atol=1e-12)
            and np.allclose(parameters["W2"], parameters["W2"][0, 0], rtol=0, atol=1e-12))


@pytest.mark.parametrize("value", [0.0, 0.5])
def test_equal_starting_weights_keep_the_hidden_units_identical(solutions, flower, value):
    X, Y = flower
    start = {"W1": np.full((4, 2), value), "b1": np.zeros((4, 1)),
             "W2": np.full((1, 4), value), "b2": np.zeros((1, 1))}
    parameters = _train_from(solutions, start, X, Y, 10000)
    assert _identical_hidden_units(parameters)
    if value == 0.0:  # nothing but b2 can move from an all-zero start
        assert not parameters["W1"].any() and not parameters["W2"].any()


def test_the_notebooks_symmetry_demo_agrees(solutions, flower):
    X, Y = flower
    zeros = {"W1": np.zeros((4, 2)), "b1": np.zeros((4, 1)),
             "W2": np.zeros((1, 4)), "b2": np.zeros((1, 1))}
    parameters, cost = solutions["train_with_activation"](
        X, Y, 4, np.tanh, solutions["tanh_derivative"], parameters=zeros)
    assert _identical_hidden_units(parameters)
    assert cost == pytest.approx(np.log(2), abs=1e-6)


def test_a_small_random_start_breaks_the_symmetry(solutions, flower):
    X, Y = flower
    np.random.seed(3)
    parameters = _train_from(solutions, solutions["initialize_parameters"](2, 4, 1), X, Y, 1000)
    rows = parameters["W1"]
    assert min(np.linalg.norm(rows[i] - rows[j]) for i in range(4) for j in range(i)) > 0.1


def test_a_stack_of_linear_layers_is_one_linear_layer(solutions, flower):
    X, _ = flower
    rng = np.random.default_rng(0)
    sizes = [2, 5, 8, 3, 1]
    weights = [rng.standard_normal((n, p)) for p, n in zip(sizes[:-1], sizes[1:])]
    biases = [rng.standard_normal((n, 1)) for n in sizes[1:]]
    A = X
    for W_l, b_l in zip(weights, biases):
        A = W_l @ A + b_l
    W, b = solutions["collapse_linear_network"](weights, biases)
    np.testing.assert_allclose(W @ X + b, A, rtol=1e-10, atol=1e-10)
